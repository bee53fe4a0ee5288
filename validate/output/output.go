// Package output renders validation findings: text, json, sarif (code
// scanning), GitHub workflow commands (pull request annotations) and the
// GitHub job summary.
package output

import (
	"fmt"
	"io"
	"strings"

	"github.com/kunerva/kunerva/validate"
)

// Formats are the output formats Write knows, in the order usage lists them.
var Formats = []string{"text", "json", "sarif", "github"}

// Write renders findings in one of Formats: text (one line per finding and a
// summary), json (an array of findings), sarif (SARIF 2.1.0, for code
// scanning) or github (workflow commands that annotate a pull request).
func Write(w io.Writer, format string, findings []validate.Finding) error {
	switch format {
	case "text":
		return writeText(w, findings)
	case "json":
		return writeJSON(w, findings)
	case "sarif":
		return writeSARIF(w, findings)
	case "github":
		return writeGitHub(w, findings)
	}
	return fmt.Errorf("unknown output format %q: use %s", format, strings.Join(Formats, ", "))
}
