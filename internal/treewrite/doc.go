// Package treewrite writes rendered policies into a kustomize tree, each to
// policies/<namespace>/<name>.yaml (policies/cluster/ for cluster-scoped
// ones), and proves with a real build (internal/tree's) that the root builds
// them, restoring every file it touched when the build fails.
package treewrite

// It owns the layout of policies/ and the editing of kustomization files:
// those on the way up are edited or created so the root builds each policy,
// keeping the bytes it does not need to change. It takes policies as plain
// YAML.
