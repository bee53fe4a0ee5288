// Package pipeline is kunerva's delivery pipeline without GitHub: it turns a
// request into a validated policy written into the kustomize tree, committed
// on a branch of a local git checkout (and pushed when asked), with the pull
// request's title and body, for `kunerva propose` and the GitHub Action.
package pipeline
