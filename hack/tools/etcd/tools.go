//go:build tools

// Package tools pins etcd for hack/controlplane.sh; it is built with
// `go build go.etcd.io/etcd/server/v3`, never imported.
package tools

import _ "go.etcd.io/etcd/server/v3"
