// Package settings reads a repository's kunerva settings
// (.github/kunerva.yaml): the allow-lists of namespaces and policy kinds that
// bind every request and every engine, the ways of widening access refused,
// the tree's root, and the engine with its language model. The action and
// `kunerva propose` read them alike.
package settings

// The action's inputs and the command's flags override them.
