// Package controlplane runs an ephemeral Kubernetes control plane, a real etcd
// and kube-apiserver on loopback in a temporary directory (from a copy of
// prepared etcd data, if asked), for server-side dry-runs and tests, and finds
// or installs the binaries. It knows nothing of policies, language or GitHub.
package controlplane
