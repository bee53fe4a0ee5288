package pipeline

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"regexp"
	"slices"
	"strings"

	"github.com/kunerva/kunerva/internal/connectivity"
	"github.com/kunerva/kunerva/validate"
	"github.com/kunerva/kunerva/validate/output"
)

// body writes the pull request body: the request, the plain-English
// explanation, the validation report and the YAML.
func body(req Request, p *Proposal) string {
	var b strings.Builder
	b.WriteString(Widening(p.Findings))
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
	if u := p.Intent.Usage; u != nil {
		fmt.Fprintf(&b, "The model `%s` filled in kunerva's typed intent in %d attempt(s), using %d tokens (%d prompt, %d completion); kunerva checked the intent against the tree, rendered the YAML itself and validated it. Review it as you would a colleague's.\n\n",
			u.Model, u.Attempts, u.TotalTokens, u.PromptTokens, u.CompletionTokens)
	}
	removes := p.Change != nil && p.Change.RemovesProtection()
	if removes {
		b.WriteString(changeSection(p))
	}
	fmt.Fprintf(&b, "## What the policy does\n\n%s\n", p.Explanation)
	if !removes {
		b.WriteString(changeSection(p))
	}
	fmt.Fprintf(&b, "## Validation\n\n%s\n", Validation(p))
	fmt.Fprintf(&b, "## Files\n\n")
	for i, path := range p.Paths {
		y, _ := p.Policies[i].YAML()
		b.WriteString(fileBlock(path, y) + "\n")
	}
	return b.String()
}

// changeSection says what the policies change in the tree, or why that
// could not be worked out.
func changeSection(p *Proposal) string {
	if p.Change == nil {
		return "## What changes\n\nkunerva could not work out what this changes in the tree: " + connectivity.EscapeMarkdown(p.ChangeProblem) + "\n\n"
	}
	// GitHub refuses a body over 65,536 characters.
	report := p.Change.MarkdownWithin(maxChangeSection)
	return "## What changes\n\n" + report + "\n"
}

// maxChangeSection keeps the body under GitHub's limit with room for the
// request, the explanation and the YAML.
const maxChangeSection = 30000

// fileBlock is a policy file as a body shows it: its path, then its YAML.
func fileBlock(path string, data []byte) string {
	return fmt.Sprintf("`%s`\n\n```yaml\n%s```\n", path, data)
}

var fileBlocks = regexp.MustCompile("(?m)^`([^`\n]+)`\n\n```yaml\n(?s:.*?)```\n")

// RefreshFiles shows each policy file of a body (of one request or of
// several) as read says it is now on the branch, or, when read's error is
// fs.ErrNotExist, that it is gone: a body
// amended by a follow-up shows no YAML that the branch no longer holds.
func RefreshFiles(body string, read func(path string) ([]byte, error)) string {
	return fileBlocks.ReplaceAllStringFunc(body, func(block string) string {
		path := fileBlocks.FindStringSubmatch(block)[1]
		data, err := read(path)
		switch {
		case errors.Is(err, fs.ErrNotExist):
			return fmt.Sprintf("`%s` is no longer on the branch.\n", path)
		case err != nil:
			return block // not known: left as it was written
		}
		return fileBlock(path, data)
	})
}

// Widening is the sentence that leads a pull request whose policy widens
// access, with what widens it; "" when nothing does.
func Widening(findings []validate.Finding) string {
	var what []validate.Finding
	for _, f := range findings {
		if f.Check == validate.CheckWidensAccess {
			what = append(what, f)
		}
	}
	if len(what) == 0 {
		return ""
	}
	var buf bytes.Buffer
	_ = output.Write(&buf, "text", what)
	return "**This policy widens access.** Review that each of these is meant, and narrow what is not:\n\n```\n" + buf.String() + "```\n\n"
}

// Validation is the proposal's validation report: the findings, or which
// stages passed and which did not run.
func Validation(p *Proposal) string {
	if len(p.Findings) == 0 {
		return passed(p.Stages)
	}
	return Report(p.Findings)
}

// Report is the validation report: which stages passed, and the findings.
func Report(findings []validate.Finding) string {
	if len(findings) == 0 {
		return passed(validate.Stages)
	}
	var buf bytes.Buffer
	_ = output.Write(&buf, "text", findings)
	return "```\n" + buf.String() + "```\n"
}

// stageNames say what each stage proved, for the report.
var stageNames = map[validate.Stage]string{
	validate.StageSchema: "Schema (kubeconform)",
	validate.StageDryRun: "server-side dry-run",
	validate.StageChecks: "the checks against the tree",
}

// passed reports a clean validation naming the stages that ran, and the
// ones that did not: a report must not claim a dry-run that was skipped.
func passed(stages []validate.Stage) string {
	var ran, skipped []string
	for _, s := range validate.Stages {
		if slices.Contains(stages, s) {
			ran = append(ran, stageNames[s])
		} else {
			skipped = append(skipped, stageNames[s])
		}
	}
	if len(ran) == 0 {
		return "No validation stage ran.\n"
	}
	text := capitalize(joinAnd(ran)) + " passed with no findings."
	if len(skipped) > 0 {
		text += " Not run: " + joinAnd(skipped) + "."
	}
	return text + "\n"
}

func joinAnd(items []string) string {
	if len(items) < 2 {
		return strings.Join(items, "")
	}
	return strings.Join(items[:len(items)-1], ", ") + " and " + items[len(items)-1]
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

// WriteText shows, for a person at a terminal, the branch, the commit and
// the pull request that would be opened, or why there is none: the
// repository's settings (read from config) refused the policy, or it is not
// valid. A request that was not understood has its refusal instead.
func (p *Proposal) WriteText(w io.Writer, config string) {
	switch p.Result {
	case NotUnderstood:
		fmt.Fprintln(w, p.Refusal)
		return
	case Refused:
		fmt.Fprintf(w, "The repository's settings (%s) do not allow this policy; no branch was made:\n", config)
		for _, line := range strings.Split(p.Refused.Error(), "\n") {
			fmt.Fprintf(w, "- %s\n", line)
		}
		return
	case Invalid:
		fmt.Fprintf(w, "The policy is not valid; no branch was made.\n\n%s", Report(p.Findings))
		return
	}
	fmt.Fprintf(w, "branch: %s\ncommit: %s\n", p.Branch, p.Commit)
	for _, path := range p.Paths {
		fmt.Fprintf(w, "policy: %s\n", path)
	}
	fmt.Fprintf(w, "\npull request: %s\n\n%s", p.Title, p.Body)
}
