# make test (default) builds the local control plane's binaries, then vets and
# tests everything; make fuzz and make bench exercise the engine and the
# validator; make build writes bin/kunerva.

GO       ?= go
FUZZTIME ?= 20s

.DEFAULT_GOAL := test
.PHONY: build test controlplane fuzz bench

build:
	$(GO) build -o bin/kunerva ./cmd/kunerva

# kube-apiserver and etcd for the dry-run tests, built once from Go modules
# into ~/.cache/kunerva/bin (minutes the first time, seconds after).
controlplane:
	bash hack/controlplane.sh

test: controlplane
	$(GO) vet ./...
	$(GO) test ./...

# Each fuzz target of the module for FUZZTIME: go test -fuzz runs one target at a time.
fuzz:
	GO=$(GO) FUZZTIME=$(FUZZTIME) bash hack/fuzz.sh

bench: controlplane
	$(GO) test -run='^$$' -bench=. -benchmem ./generator/... ./validate/ ./internal/controlplane/
	$(GO) test -run='^$$' -bench=CommentToPullRequest -benchtime=20x ./action/
