// Package validate proves policies valid in three stages: schema (kubeconform,
// offline, against the real CRDs compiled in), dryrun (server-side apply with
// dryRun=All on a real API server) and checks (against the kustomize tree and
// the cluster: selectors select workloads, namespaces exist, ports are
// exposed, no duplicates or shadowing). It returns findings as data and an
// error only when it could not check. It knows nothing of natural language or
// GitHub: it must not import generator or action.
package validate
