// Package examples embeds the demo tree (for `kunerva propose --demo`). Its
// tests keep every example in this directory, and the action's metadata in
// ../action.yml, true to what the documentation says.
package examples

// The tests check that every YAML file parses strictly, the workflows ask for
// least privilege and pass every value to their scripts through env:, the
// action declares its inputs and outputs, its install scripts and the check
// workflow's script work when run, the trees that the shop example and
// the Flux and Argo CD manifests name build, and the travel example holds
// what its README says and its policies validate.
