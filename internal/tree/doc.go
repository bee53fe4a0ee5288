// Package tree builds a kustomize tree and indexes the namespaces, workloads
// and services that policies refer to. It owns the kustomize build (krusty,
// as `kustomize build` runs it) and the decoding of built objects into
// k8s.io/api types; callers get plain data back.
package tree
