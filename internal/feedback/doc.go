// Package feedback turns the validation of generated policies into the
// problems an engine that can repair its answer (the LLM) is told about. It
// joins generator and validate, which must not know each other.
package feedback
