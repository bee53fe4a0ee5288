// Package connectivity decides which workloads of a kustomize tree, and which
// peers outside it, may reach which on which ports under the tree's network
// policies, what KubeArmor blocks in each workload, and what a change to the
// policies changes.
package connectivity
