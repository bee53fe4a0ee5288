# make test (default) builds the local control plane's binaries, then vets and
# tests everything, with the oracle modules under test/ (cyclonus for
# NetworkPolicy, Cilium's own policy code for Cilium); make lint runs
# staticcheck; make fuzz and make bench exercise the engine and the
# validator; make build writes bin/kunerva.

GO       ?= go
FUZZTIME ?= 20s

.DEFAULT_GOAL := test
BIN      ?= $(HOME)/.cache/kunerva/bin
.PHONY: build test lint controlplane fuzz bench

build:
	$(GO) build -o bin/kunerva ./cmd/kunerva

# kube-apiserver and etcd for the dry-run tests, built once from Go modules
# into ~/.cache/kunerva/bin (minutes the first time, seconds after).
controlplane:
	bash hack/controlplane.sh

# test/cyclonus is a module of its own: it checks the connectivity model
# against cyclonus's NetworkPolicy matcher, kept out of the main go.mod.
test: controlplane
	$(GO) vet ./...
	$(GO) test -timeout 30m ./...
	cd test/cyclonus && $(GO) vet ./... && $(GO) test ./...
	cd test/ciliumoracle && $(GO) vet ./... && $(GO) test ./...

# staticcheck, pinned by the tool module hack/tools/staticcheck and built
# with the Go of this machine (cached after the first build).
lint:
	cd hack/tools/staticcheck && $(GO) build -o $(BIN)/staticcheck honnef.co/go/tools/cmd/staticcheck
	$(BIN)/staticcheck ./...

# Each fuzz target of the module for FUZZTIME: go test -fuzz runs one target at a time.
fuzz:
	GO=$(GO) FUZZTIME=$(FUZZTIME) bash hack/fuzz.sh

bench: controlplane
	$(GO) test -run='^$$' -bench=. -benchmem ./generator/... ./validate/ ./internal/controlplane/
	$(GO) test -run='^$$' -bench=CommentToPullRequest -benchtime=20x ./action/
