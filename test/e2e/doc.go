// Package e2e holds kunerva's end-to-end tests, on sigs.k8s.io/e2e-framework
// against a real API server: by default the local control plane kunerva
// starts itself (etcd and kube-apiserver on loopback), or, with
// KUNERVA_E2E_CLUSTER=kind, a kind cluster (for GitHub-hosted runners).
package e2e
