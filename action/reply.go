package action

import (
	"errors"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/kunerva/kunerva/generator"
	"github.com/kunerva/kunerva/internal/gitrepo"
	"github.com/kunerva/kunerva/internal/pipeline"
)

// Hidden markers find what an earlier run of the same request wrote: the
// reply (among the comments of the token's own login) and the request's
// section of a pull request's body.
const (
	replyMarkerPrefix   = "<!-- kunerva:reply:"
	requestMarkerPrefix = "<!-- kunerva:request:"
)

func replyMarker(id int64) string   { return fmt.Sprintf("%s%d -->", replyMarkerPrefix, id) }
func requestMarker(id int64) string { return fmt.Sprintf("%s%d -->", requestMarkerPrefix, id) }

const sectionSep = "\n\n---\n\n"

// withSection puts a request's part of a pull request body in place of the
// part an earlier run of the same request wrote, or after the parts of
// other requests: a follow-up adds to the pull request it amends.
func withSection(existing string, id int64, body string) string {
	m := requestMarker(id)
	section := m + "\n" + strings.TrimSpace(body) + "\n"
	i := strings.Index(existing, m)
	if i < 0 {
		if strings.TrimSpace(existing) == "" {
			return section
		}
		return strings.TrimRight(existing, "\n") + sectionSep + section
	}
	rest := existing[i+len(m):]
	if j := strings.Index(rest, requestMarkerPrefix); j >= 0 {
		return existing[:i] + strings.TrimRight(section, "\n") + sectionSep + rest[j:]
	}
	return existing[:i] + section
}

// How a pull request came about, for the reply.
const (
	prOpened  = "opened"
	prUpdated = "updated"
	prAmended = "amended"
)

func replyProposed(p *pipeline.Proposal, pr *PullRequest, how string) string {
	var b strings.Builder
	switch how {
	case prAmended:
		fmt.Fprintf(&b, "Added to this pull request: %s.\n\n", p.Title)
	case prOpened:
		fmt.Fprintf(&b, "Opened #%d: %s.\n\n", pr.Number, p.Title)
	default:
		fmt.Fprintf(&b, "Updated #%d: %s.\n\n", pr.Number, p.Title)
	}
	fmt.Fprintf(&b, "%s\n", strings.TrimSpace(p.Explanation))
	fmt.Fprintf(&b, "\n| | |\n|---|---|\n| Pull request | [#%d](%s) |\n| Branch | `%s` |\n| Commit | `%s` |\n", pr.Number, pr.URL, p.Branch, short(p.Commit))
	for _, path := range p.Paths {
		fmt.Fprintf(&b, "| Policy | `%s` |\n", path)
	}
	fmt.Fprintf(&b, "\n%s", validationLine(p))
	return b.String()
}

func validationLine(p *pipeline.Proposal) string {
	if len(p.Findings) == 0 {
		return pipeline.Validation(p)
	}
	return "Validation passed with warnings:\n\n" + pipeline.Report(p.Findings)
}

// replyNotUnderstood leads with the refusal's question, says what was
// understood and how to answer: in the thread, with the missing part alone
// (answerable: the request is kept in the reply), or with a whole request.
func replyNotUnderstood(trigger, request string, answerable bool, r *generator.NotUnderstoodError) string {
	var b strings.Builder
	if r.Quoted {
		// A model's words, which kunerva did not write: in a code span,
		// where no mention, link, heading or markup takes effect.
		fmt.Fprintf(&b, "The model asks: `%s`\n\n", codeSpan(r.Missing))
	} else {
		fmt.Fprintf(&b, "%s\n\n", question(r.Missing))
	}
	b.WriteString("I did not write a policy: kunerva never guesses a security policy, so it asks, and no branch or pull request was made.\n")
	understood(&b, r.Understood)
	if !answerable {
		rephrase(&b, trigger, r.Example)
		return b.String()
	}
	// In code spans, and so never at the start of a line: nothing here can
	// trigger a run of its own.
	fmt.Fprintf(&b, "\n**How to answer**\n\nAnswer here with `%s <the missing part>`", trigger)
	if r.Answer != "" {
		fmt.Fprintf(&b, ", for example: `%s %s`", trigger, codeSpan(r.Answer))
	}
	fmt.Fprintf(&b, ". I will add your answer to the request so far, `%s`, and carry on from there.\n", codeSpan(request))
	if r.Example != "" {
		fmt.Fprintf(&b, "\nOr ask again with a whole request, for example: `%s %s`.\n", trigger, codeSpan(r.Example))
	}
	return b.String()
}

// question is the refusal's question as a reply leads with it: one line,
// capitalised and ending as a sentence does.
func question(missing string) string {
	q := strings.TrimRight(strings.Join(strings.Fields(missing), " "), ".")
	if q == "" {
		return "What is missing?"
	}
	first, size := utf8.DecodeRuneInString(q)
	q = string(unicode.ToUpper(first)) + q[size:]
	if !strings.HasSuffix(q, "?") {
		q += "."
	}
	return q
}

// codeSpan keeps text inside the code span it is put in.
func codeSpan(s string) string {
	return strings.Join(strings.Fields(strings.ReplaceAll(s, "`", "'")), " ")
}

func replyInvalid(trigger string, p *pipeline.Proposal) string {
	var b strings.Builder
	b.WriteString("I wrote a policy, but it did not pass validation, so no branch or pull request was made.\n")
	fmt.Fprintf(&b, "\n**What I understood**\n\n%s\n", strings.TrimSpace(p.Explanation))
	fmt.Fprintf(&b, "\n**Findings**\n\n%s", pipeline.Report(p.Findings))
	fmt.Fprintf(&b, "\n**How to rephrase**\n\nEach finding says what is wrong and what is allowed. Name workloads, namespaces and ports as the tree has them, then comment again with a new `%s` request.\n", trigger)
	return b.String()
}

func replyRefused(configPath, branch string, p *pipeline.Proposal) string {
	var b strings.Builder
	fmt.Fprintf(&b, "This repository's settings (`%s` on `%s`) do not let kunerva write this policy, so no branch or pull request was made:\n\n", configPath, branch)
	for _, line := range strings.Split(p.Refused.Error(), "\n") {
		fmt.Fprintf(&b, "- %s\n", line)
	}
	fmt.Fprintf(&b, "\n**What I understood**\n\n%s\n", strings.TrimSpace(p.Explanation))
	b.WriteString("\nAsk for a policy within those limits, or ask a maintainer to change the settings.\n")
	return b.String()
}

func replyNotPermitted(login, have, need string) string {
	return fmt.Sprintf("Thank you for the request, @%s. kunerva writes policies only when asked by someone with %s permission or more on this repository, and yours is %s, so nothing was done. A maintainer can make the request, or give you that permission.\n", login, need, have)
}

func replyTooLong(trigger string, size int) string {
	return fmt.Sprintf("This comment is %d bytes long, and kunerva reads requests only in comments of at most %d bytes (%d KiB), so nothing was done. Comment again with the `%s` request on its own, or with less around it; a request itself is at most %d characters.\n", size, MaxComment, MaxComment>>10, trigger, generator.MaxRequest)
}

// replyFailed says that the run failed and what to do: re-run it, unless
// someone else's commits on the branch stand in the way, which a re-run
// would not change.
func replyFailed(runURL string, err error) string {
	where := "The workflow run's log"
	if runURL != "" {
		where = fmt.Sprintf("[The workflow run](%s)", runURL)
	}
	if errors.Is(err, gitrepo.ErrRemoteMoved) {
		return fmt.Sprintf("kunerva wrote the policy but did not push it: the request's branch has commits someone else pushed, with other files, and kunerva does not overwrite them. A re-run alone would stop at the same place: merge their commits into the branch or delete the branch, then re-run this request. %s names the branch.\n", where)
	}
	return fmt.Sprintf("Something went wrong on kunerva's side while handling this request. %s says what; re-running it is safe, as it picks up where this run stopped.\n", where)
}

func understood(b *strings.Builder, items []string) {
	if len(items) == 0 {
		return
	}
	b.WriteString("\n**What I understood**\n\n")
	for _, u := range items {
		fmt.Fprintf(b, "- %s\n", u)
	}
}

func rephrase(b *strings.Builder, trigger, example string) {
	b.WriteString("\n**How to rephrase**\n\nSay which pods the policy is for and what it allows or blocks: which peers and ports, or which files and processes")
	if example != "" {
		// In a code span, and so never at the start of a line: the example
		// cannot trigger a run of its own.
		fmt.Fprintf(b, ", for example: `%s %s`", trigger, codeSpan(example))
	}
	b.WriteString(".\n")
}

// summary is the job summary: what was asked, what came of it.
func summary(e *event, text string, o *Outcome, reply string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "## kunerva: %s\n\n", o.Result)
	switch {
	case o.Result == Ignored:
		fmt.Fprintf(&b, "Ignored: %s.\n", o.Reason)
		return b.String()
	case o.Result == Failed:
		fmt.Fprintf(&b, "```\n%s\n```\n\n", strings.ReplaceAll(o.Reason, "```", "'''"))
	}
	if e == nil {
		return b.String()
	}
	fmt.Fprintf(&b, "Request by @%s in [%s #%d](%s):\n\n", e.author, strings.ReplaceAll(e.name, "_", " "), e.number, e.url)
	for _, l := range strings.Split(text, "\n") {
		fmt.Fprintf(&b, "> %s\n", l)
	}
	b.WriteString("\n")
	if o.Completed != "" {
		fmt.Fprintf(&b, "The comment answered [kunerva's question](%s): the request above is the one pending there, completed with the answer.\n\n", o.Completed)
	}
	if o.Engine != "" {
		fmt.Fprintf(&b, "Engine: %s.\n\n", o.Engine)
	}
	b.WriteString(reply)
	return b.String()
}

func short(hash string) string {
	if len(hash) > 12 {
		return hash[:12]
	}
	return hash
}
