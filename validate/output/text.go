package output

import (
	"fmt"
	"io"
	"strings"

	"github.com/kunerva/kunerva/validate"
)

// writeText prints one finding per line and a summary of the findings:
//
//	policies/shop/deny-db.yaml:1: NetworkPolicy/shop/deny-db: spec.ingress[0].ports[0].port: ... [ports]
//	1 error, 0 warnings in 1 file
//
// A message that spans lines (an API server's, say) continues on indented
// lines, so every line that starts in column one is a finding.
func writeText(w io.Writer, findings []validate.Finding) error {
	var b strings.Builder
	errs, warnings := 0, 0
	files := map[string]bool{}
	for _, f := range findings {
		b.WriteString(continuation.Replace(f.String()))
		b.WriteByte('\n')
		if f.Severity == validate.SeverityError {
			errs++
		} else {
			warnings++
		}
		files[f.File] = true
	}
	if len(findings) == 0 {
		b.WriteString("no findings\n")
	} else {
		fmt.Fprintf(&b, "%s, %s in %s\n", plural(errs, "error"), plural(warnings, "warning"), plural(len(files), "file"))
	}
	_, err := io.WriteString(w, b.String())
	return err
}

var continuation = strings.NewReplacer("\r\n", "\n    ", "\n", "\n    ", "\r", "\n    ")

func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
