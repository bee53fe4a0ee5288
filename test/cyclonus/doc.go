// Package cyclonus checks kunerva's NetworkPolicy verdicts against an
// independent implementation, cyclonus's matcher.
package cyclonus
