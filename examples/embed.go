package examples

import "embed"

// Shop is the demo tree, compiled into kunerva so that `kunerva propose
// --demo` has a tree to work on anywhere.
//
//go:embed shop
var Shop embed.FS
