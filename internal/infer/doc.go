// Package infer works out, from a kustomize tree alone, the connections its
// workloads need (the Services they name, Ingress backends, load balancers,
// scrape targets, hosts outside the cluster) and the least-privilege
// policies that allow exactly those, proved with the connectivity model.
package infer
