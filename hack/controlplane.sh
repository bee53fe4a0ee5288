#!/usr/bin/env bash
# Builds the control-plane binaries kunerva's dry-run needs (kube-apiserver and
# etcd) from their Go modules into ${KUNERVA_ASSETS:-~/.cache/kunerva/bin}.
# `kunerva controlplane install` does the work, so there is one build; a
# repeated run only checks the stamp files next to the binaries. The tool
# modules under hack/tools pin the versions (the command embeds copies of
# them: run `go generate ./internal/controlplane/` after changing them).
# Extra arguments go to the command, e.g. --method auto to download instead.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "${root}"
exec go run ./cmd/kunerva controlplane install --method build \
  --dir "${KUNERVA_ASSETS:-${HOME}/.cache/kunerva/bin}" "$@"
