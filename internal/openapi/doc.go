// Package openapi turns Kubernetes OpenAPI v3 schemas, from a CRD's
// openAPIV3Schema or from an API server's /openapi/v3 documents, into
// standalone, strict draft-07 JSON schemas named as kubeconform looks them
// up. It owns the conversion rules.
package openapi

// The conversion rules say what is strict and how int-or-string, nullable
// and x-kubernetes-preserve-unknown-fields read in JSON schema, so that the
// schemas compiled in at start-up and those generated from a real API server
// (hack/schemagen) follow the same rules.
