// Package openapi turns Kubernetes OpenAPI v3 schemas, from a CRD's
// openAPIV3Schema or from an API server's /openapi/v3 documents, into
// standalone, strict draft-07 JSON schemas named as kubeconform looks them up.
// It owns the conversion rules (what is strict, how int-or-string, nullable
// and x-kubernetes-preserve-unknown-fields read in JSON schema) so that the
// schemas compiled in at start-up and those generated from a real API server
// follow the same rules. It knows nothing of policies, kubeconform's runtime
// or GitHub, and imports nothing outside the standard library.
package openapi
