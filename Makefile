# make test (default) vets and tests everything; make fuzz and make bench
# exercise the built-in engine; make build writes bin/kunerva.

GO       ?= go
FUZZTIME ?= 20s

.DEFAULT_GOAL := test
.PHONY: build test fuzz bench

build:
	$(GO) build -o bin/kunerva ./cmd/kunerva

test:
	$(GO) vet ./...
	$(GO) test ./...

# Each fuzz target for FUZZTIME: go test -fuzz runs one target at a time.
fuzz:
	$(GO) test -run='^$$' -fuzz='^FuzzBuiltin$$' -fuzztime=$(FUZZTIME) ./generator/
	$(GO) test -run='^$$' -fuzz='^FuzzDecode$$' -fuzztime=$(FUZZTIME) ./internal/tree/
	$(GO) test -run='^$$' -fuzz='^FuzzDiff$$' -fuzztime=$(FUZZTIME) ./internal/semantic/

bench:
	$(GO) test -run='^$$' -bench=. -benchmem ./generator/
