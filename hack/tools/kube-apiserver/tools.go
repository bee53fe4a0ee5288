//go:build tools

// Package tools pins kube-apiserver for hack/controlplane.sh; it is built
// with `go build k8s.io/kubernetes/cmd/kube-apiserver`, never imported.
package tools

import _ "k8s.io/kubernetes/cmd/kube-apiserver"
