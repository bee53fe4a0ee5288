package proposal

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/kunerva/kunerva/validate"
)

// body writes the pull request body: the request, the plain-English
// explanation, the validation report and the YAML.
func body(req Request, p *Proposal) string {
	var b strings.Builder
	fmt.Fprintf(&b, "## Request\n\n%s\n\n", quoteMarkdown(req.Text))
	var by []string
	if req.Requester != "" {
		by = append(by, "asked by @"+req.Requester)
	}
	if req.CommentURL != "" {
		by = append(by, "in [this comment]("+req.CommentURL+")")
	}
	by = append(by, "understood by the "+p.Intent.Engine+" engine")
	fmt.Fprintf(&b, "%s.\n\n", capitalize(strings.Join(by, ", ")))
	fmt.Fprintf(&b, "## What the policy does\n\n%s\n", p.Explanation)
	fmt.Fprintf(&b, "## Validation\n\n%s\n", Report(p.Findings))
	fmt.Fprintf(&b, "## Files\n\n")
	for i, path := range p.Paths {
		y, _ := p.Policies[i].YAML()
		fmt.Fprintf(&b, "`%s`\n\n```yaml\n%s```\n\n", path, y)
	}
	return b.String()
}

// Report is the validation report: which stages passed, and the findings.
func Report(findings []validate.Finding) string {
	if len(findings) == 0 {
		return "Schema (kubeconform), server-side dry-run and the checks against the tree passed with no findings.\n"
	}
	var buf bytes.Buffer
	_ = validate.Write(&buf, "text", findings)
	return "```\n" + buf.String() + "```\n"
}

// quoteMarkdown quotes text as a Markdown block quote; the text is data.
func quoteMarkdown(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	for i, l := range lines {
		lines[i] = "> " + l
	}
	return strings.Join(lines, "\n")
}

func capitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
