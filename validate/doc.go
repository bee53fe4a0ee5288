// Package validate proves policies valid in three stages: schema (kubeconform,
// offline, against the real CRDs compiled in), dryrun (server-side apply with
// dryRun=All on a real API server) and checks (against the kustomize tree and
// the cluster). It returns findings as data; validate/output prints them.
package validate

// The checks: selectors select workloads, namespaces exist, ports are
// exposed, no duplicates or shadowing, and what widens access is called out
// (refused when Config.Forbid names it). An error is returned only when it
// could not check.
