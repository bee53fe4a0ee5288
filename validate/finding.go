package validate

import (
	"fmt"
	"strings"
)

// Severity of a finding: errors block a pull request, warnings are shown.
type Severity string

const (
	SeverityError   Severity = "error"
	SeverityWarning Severity = "warning"
)

// Stage is one of the three validation stages.
type Stage string

const (
	StageSchema Stage = "schema"
	StageDryRun Stage = "dryrun"
	StageChecks Stage = "checks"
)

// Stages is every stage, in the order they run.
var Stages = []Stage{StageSchema, StageDryRun, StageChecks}

// Finding is one problem with one policy.
type Finding struct {
	File     string   `json:"file"`
	Line     int      `json:"line,omitempty"` // 1-based line where the object starts
	Object   string   `json:"object"`         // Kind/namespace/name or Kind/name
	Field    string   `json:"field,omitempty"`
	Stage    Stage    `json:"stage"`
	Check    string   `json:"check"` // a short name, e.g. "schema", "selector", "ports"
	Severity Severity `json:"severity"`
	Message  string   `json:"message"`
}

// String renders the finding as one line:
// file: Kind/ns/name: field: message [check]
func (f Finding) String() string {
	var b strings.Builder
	b.WriteString(f.File)
	if f.Line > 0 {
		fmt.Fprintf(&b, ":%d", f.Line)
	}
	b.WriteString(": ")
	if f.Severity == SeverityWarning {
		b.WriteString("warning: ")
	}
	if f.Object != "" {
		b.WriteString(f.Object + ": ")
	}
	if f.Field != "" {
		b.WriteString(f.Field + ": ")
	}
	fmt.Fprintf(&b, "%s [%s]", f.Message, f.Check)
	return b.String()
}

// HasErrors reports whether any finding is an error.
func HasErrors(findings []Finding) bool {
	for _, f := range findings {
		if f.Severity == SeverityError {
			return true
		}
	}
	return false
}
