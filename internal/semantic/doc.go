// Package semantic compares two YAML streams of security policies (the kinds
// of internal/policy) by what they allow and deny rather than by how they are
// written. The dev-set tests, validate's duplicate check and the eval command
// use it. It reads plain YAML only.
package semantic

// It owns the canonical form behind that comparison: every policy becomes a
// key (API group, kind, namespace, subject selector) and a set of atoms, one
// small statement each ("ingress from pods{app=web} port 80/TCP", "Block
// file.matchPaths path=/etc/shadow"), so names, annotations, labels, rule
// order, rule splitting and defaulted fields drop out while every change to
// allowed or denied traffic or access shows up as a missing or extra atom.
