package controlplane

import "crypto/tls"

// insecureTLS is used only to poll /readyz of the API server this package
// just started on loopback, before its self-signed certificate exists to be
// read; every client after that verifies it.
func insecureTLS() *tls.Config { return &tls.Config{InsecureSkipVerify: true} } //nolint:gosec
