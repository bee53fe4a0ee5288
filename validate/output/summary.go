package output

import (
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/kunerva/kunerva/validate"
)

// WriteSummary writes a GitHub job summary in Markdown: a table of the
// findings, or a line saying how many policies were checked and that none
// had findings.
func WriteSummary(w io.Writer, policies int, findings []validate.Finding) error {
	var b strings.Builder
	b.WriteString("### kunerva check\n\n")
	if len(findings) == 0 {
		fmt.Fprintf(&b, "%s checked, no findings.\n", policyCount(policies))
		_, err := io.WriteString(w, b.String())
		return err
	}
	fmt.Fprintf(&b, "%s checked.\n\n", policyCount(policies))
	b.WriteString("| Severity | File | Object | Field | Check | Message |\n|---|---|---|---|---|---|\n")
	for _, f := range findings {
		file := f.File
		if f.Line > 0 {
			file = fmt.Sprintf("%s:%d", f.File, f.Line)
		}
		cells := []string{string(f.Severity), file, f.Object, f.Field, f.Check, f.Message}
		for i, c := range cells {
			cells[i] = markdownCell.Replace(c)
		}
		fmt.Fprintf(&b, "| %s |\n", strings.Join(cells, " | "))
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func policyCount(n int) string {
	if n == 1 {
		return "1 policy"
	}
	return fmt.Sprintf("%d policies", n)
}

// markdownCell keeps a value inside its table cell.
var markdownCell = strings.NewReplacer("|", `\|`, "\r\n", "<br>", "\n", "<br>", "\r", "<br>")

// AppendSummary appends the job summary to the file (GitHub's
// $GITHUB_STEP_SUMMARY).
func AppendSummary(file string, policies int, findings []validate.Finding) error {
	w, err := os.OpenFile(file, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
	if err != nil {
		return fmt.Errorf("write the job summary: %w", err)
	}
	err = WriteSummary(w, policies, findings)
	if cerr := w.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("write the job summary: %w", err)
	}
	return nil
}
