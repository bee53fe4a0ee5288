// Package controlplane runs an ephemeral Kubernetes control plane, a real etcd
// and kube-apiserver on loopback in a temporary directory, for server-side
// dry-runs and tests, and finds or installs the binaries it needs. It knows
// nothing of policies, natural language or GitHub.
package controlplane
