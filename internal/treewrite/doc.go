// Package treewrite writes rendered policies into a kustomize tree: each
// policy to policies/<namespace>/<name>.yaml (policies/cluster/ for
// cluster-scoped ones), with the kustomization files on the way up edited
// or created so the root builds it, and then proves that with a real build,
// restoring every file it touched when the build fails. It owns the layout
// of policies/ and the editing of kustomization files, which keeps the
// bytes it does not need to change. It takes policies as plain YAML: it
// must not import generator, validate, action, git or GitHub clients; the
// build itself is internal/tree's.
package treewrite
