// Package builtin is kunerva's deterministic engine: it splits a request into
// clauses, classifies each as a network or a system (file, process, socket,
// capability) rule, extracts its entities (workloads, labels, namespaces,
// ports, CIDRs, domains, HTTP rules, paths, capabilities), resolves workload
// names against a kustomize tree loaded by internal/tree and assembles a
// generator.Intent. It refuses what it does not fully understand, saying what
// it understood and a phrasing it would accept; it never guesses. It needs no
// network and must not import go-openai, GitHub or git clients, Kubernetes
// clients (client-go), validate, action or anything under cmd/;
// test/architecture_test.go keeps it so.
package builtin
