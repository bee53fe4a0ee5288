package output

import (
	"fmt"
	"io"
	"strings"

	"github.com/kunerva/kunerva/validate"
)

// writeGitHub prints one GitHub Actions workflow command per finding, which
// the runner turns into an annotation on the file and line:
//
//	::error file=policies/a.yaml,line=3,title=kunerva ports::NetworkPolicy/shop/a: spec.ingress[0].ports[0].port: ...
//
// Property values and the message are escaped as the Actions toolkit does.
func writeGitHub(w io.Writer, findings []validate.Finding) error {
	var b strings.Builder
	for _, f := range findings {
		command := "error"
		if f.Severity == validate.SeverityWarning {
			command = "warning"
		}
		props := []string{"file=" + escapeProperty(f.File)}
		if f.Line > 0 {
			props = append(props, fmt.Sprintf("line=%d", f.Line))
		}
		props = append(props, "title="+escapeProperty("kunerva "+f.Check))
		fmt.Fprintf(&b, "::%s %s::%s\n", command, strings.Join(props, ","), escapeData(findingText(f)))
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// findingText is a finding without its file and line, which an annotation
// or a SARIF result carries on its own: Kind/ns/name: field: message.
func findingText(f validate.Finding) string {
	var parts []string
	if f.Object != "" {
		parts = append(parts, f.Object)
	}
	if f.Field != "" {
		parts = append(parts, f.Field)
	}
	return strings.Join(append(parts, f.Message), ": ")
}

var (
	dataEscaper     = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A")
	propertyEscaper = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C")
)

func escapeData(s string) string     { return dataEscaper.Replace(s) }
func escapeProperty(s string) string { return propertyEscaper.Replace(s) }
