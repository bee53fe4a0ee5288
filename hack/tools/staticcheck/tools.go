//go:build tools

// Package tools pins staticcheck for make lint; it is built with
// `go build honnef.co/go/tools/cmd/staticcheck`, never imported.
package tools

import _ "honnef.co/go/tools/cmd/staticcheck"
