// Package proposal is kunerva's delivery pipeline without GitHub: it turns a
// request into a validated policy written into the kustomize tree, committed
// on a branch of a local git checkout (and pushed when asked), with the pull
// request's title and body. `kunerva propose` runs it on a checkout; the
// GitHub Action runs it and then talks to GitHub. It must not import go-github.
package pipeline
