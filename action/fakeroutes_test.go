package action

import (
	"encoding/json"
	"fmt"
	"net/http"
	"os/exec"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// routes are the endpoints the fake implements: exactly those a run calls.
var routes = []route{
	{"GET", false, regexp.MustCompile(`^/user$`), (*fakeGitHub).getUser},
	{"GET", true, regexp.MustCompile(`^collaborators/([^/]+)/permission$`), (*fakeGitHub).getPermission},
	{"GET", true, regexp.MustCompile(`^pulls$`), (*fakeGitHub).listPulls},
	{"POST", true, regexp.MustCompile(`^pulls$`), (*fakeGitHub).createPull},
	{"GET", true, regexp.MustCompile(`^pulls/(\d+)$`), (*fakeGitHub).getPull},
	{"PATCH", true, regexp.MustCompile(`^pulls/(\d+)$`), (*fakeGitHub).editPull},
	{"POST", true, regexp.MustCompile(`^issues/(\d+)/labels$`), (*fakeGitHub).addLabels},
	{"POST", true, regexp.MustCompile(`^(issues|pulls)/comments/(\d+)/reactions$`), (*fakeGitHub).react},
	{"GET", true, regexp.MustCompile(`^(issues|pulls)/(\d+)/comments$`), (*fakeGitHub).listComments},
	{"POST", true, regexp.MustCompile(`^(issues|pulls)/(\d+)/comments$`), (*fakeGitHub).createComment},
	{"PATCH", true, regexp.MustCompile(`^(issues|pulls)/comments/(\d+)$`), (*fakeGitHub).editComment},
}

func (f *fakeGitHub) getUser(*http.Request, []string, []byte) (int, any, *apiError) {
	if f.integration {
		return 0, nil, message(403, "Resource not accessible by integration")
	}
	return 200, map[string]any{"login": f.self, "id": 7, "type": "User"}, nil
}

func (f *fakeGitHub) getPermission(_ *http.Request, m []string, _ []byte) (int, any, *apiError) {
	role, ok := f.perms[m[1]]
	if !ok {
		return 0, nil, notFound()
	}
	legacy := map[string]string{"read": "read", "triage": "read", "write": "write", "maintain": "write", "admin": "admin"}[role]
	return 200, map[string]any{"permission": legacy, "role_name": role, "user": map[string]any{"login": m[1], "type": "User"}}, nil
}

func (f *fakeGitHub) listPulls(r *http.Request, _ []string, _ []byte) (int, any, *apiError) {
	q := r.URL.Query()
	owner, branch, ok := strings.Cut(q.Get("head"), ":")
	if q.Get("state") != "open" || !ok || owner != strings.Split(f.repo, "/")[0] {
		return 0, nil, invalid("PullRequest", "head", "invalid") // the fake knows only the query a run makes
	}
	var out pageOf
	for _, n := range f.sortedPRs() {
		if pr := f.prs[n]; pr.Open && pr.Head == branch {
			out = append(out, f.prJSON(pr))
		}
	}
	return 200, out, nil
}

func (f *fakeGitHub) createPull(_ *http.Request, _ []string, body []byte) (int, any, *apiError) {
	var in struct {
		Title, Head, Base, Body string
		MaintainerCanModify     *bool `json:"maintainer_can_modify"`
		Draft                   *bool `json:"draft"`
	}
	if err := decode(body, &in, "PullRequest", "title", "head", "base"); err != nil {
		return 0, nil, err
	}
	head, base := f.rev(in.Head), f.rev(in.Base)
	switch {
	case head == "":
		return 0, nil, invalid("PullRequest", "head", "invalid")
	case base == "":
		return 0, nil, invalid("PullRequest", "base", "invalid")
	case f.gitOut("rev-list", "--count", in.Base+".."+in.Head) == "0":
		return 0, nil, message(422, fmt.Sprintf("No commits between %s and %s", in.Base, in.Head))
	}
	for _, pr := range f.prs {
		if pr.Open && pr.Head == in.Head {
			return 0, nil, message(422, fmt.Sprintf("A pull request already exists for %s:%s.", strings.Split(f.repo, "/")[0], in.Head))
		}
	}
	pr := &fakePR{Number: f.number(), Title: in.Title, Body: in.Body, Head: in.Head, Base: in.Base, User: f.self, Open: true}
	f.prs[pr.Number] = pr
	return 201, f.prJSON(pr), nil
}

func (f *fakeGitHub) getPull(_ *http.Request, m []string, _ []byte) (int, any, *apiError) {
	pr, ok := f.prs[atoi(m[1])]
	if !ok {
		return 0, nil, notFound()
	}
	return 200, f.prJSON(pr), nil
}

func (f *fakeGitHub) editPull(_ *http.Request, m []string, body []byte) (int, any, *apiError) {
	pr, ok := f.prs[atoi(m[1])]
	if !ok {
		return 0, nil, notFound()
	}
	var in struct {
		Title, Body, State, Base *string
		MaintainerCanModify      *bool `json:"maintainer_can_modify"`
	}
	if err := decode(body, &in, "PullRequest"); err != nil {
		return 0, nil, err
	}
	if in.Title != nil {
		pr.Title = *in.Title
	}
	if in.Body != nil {
		pr.Body = *in.Body
	}
	return 200, f.prJSON(pr), nil
}

func (f *fakeGitHub) addLabels(_ *http.Request, m []string, body []byte) (int, any, *apiError) {
	n := atoi(m[1])
	if !f.issues[n] && f.prs[n] == nil {
		return 0, nil, notFound()
	}
	// GitHub takes a bare array of names or {"labels": [...]}.
	var names []string
	if err := json.Unmarshal(body, &names); err != nil {
		var in struct{ Labels []string }
		if err := decode(body, &in, "Label", "labels"); err != nil {
			return 0, nil, err
		}
		names = in.Labels
	}
	if len(names) == 0 {
		return 0, nil, invalid("Label", "labels", "missing_field")
	}
	var out []any
	for _, l := range names {
		if !slices.Contains(f.labels[n], l) {
			f.labels[n] = append(f.labels[n], l)
		}
	}
	for _, l := range f.labels[n] {
		out = append(out, map[string]any{"name": l})
	}
	return 200, out, nil
}

var reactionContents = []string{"+1", "-1", "laugh", "confused", "heart", "hooray", "rocket", "eyes"}

func (f *fakeGitHub) react(_ *http.Request, m []string, body []byte) (int, any, *apiError) {
	c := f.comment(m[1] == "pulls", atoi64(m[2]))
	if c == nil {
		return 0, nil, notFound()
	}
	var in struct{ Content string }
	if err := decode(body, &in, "Reaction", "content"); err != nil {
		return 0, nil, err
	}
	if !slices.Contains(reactionContents, in.Content) {
		return 0, nil, invalid("Reaction", "content", "invalid")
	}
	key := fmt.Sprintf("%s %d %s", m[1], c.ID, in.Content)
	status := 200 // GitHub answers 200 for a reaction it already has
	if !slices.Contains(f.reacts, key) {
		f.reacts, status = append(f.reacts, key), 201
	}
	return status, map[string]any{"id": len(f.reacts), "content": in.Content, "user": map[string]any{"login": f.self}}, nil
}

func (f *fakeGitHub) listComments(_ *http.Request, m []string, _ []byte) (int, any, *apiError) {
	n, review := atoi(m[2]), m[1] == "pulls"
	if (review && f.prs[n] == nil) || (!review && !f.issues[n] && f.prs[n] == nil) {
		return 0, nil, notFound()
	}
	var out pageOf
	for _, c := range f.comments {
		if c.Review == review && c.Number == n {
			out = append(out, f.commentJSON(c))
		}
	}
	return 200, out, nil
}

func (f *fakeGitHub) createComment(_ *http.Request, m []string, body []byte) (int, any, *apiError) {
	n, review := atoi(m[2]), m[1] == "pulls"
	if (review && f.prs[n] == nil) || (!review && !f.issues[n] && f.prs[n] == nil) {
		return 0, nil, notFound()
	}
	var in struct {
		Body      string
		InReplyTo int64 `json:"in_reply_to"`
	}
	// An issue comment has no thread to reply in: in_reply_to is a field
	// the issue comments API does not know.
	if review {
		if err := decode(body, &in, "PullRequestReviewComment", "body"); err != nil {
			return 0, nil, err
		}
	} else {
		var issue struct{ Body string }
		if err := decode(body, &issue, "IssueComment", "body"); err != nil {
			return 0, nil, err
		}
		in.Body = issue.Body
	}
	c := &fakeComment{ID: f.id(), Review: review, Number: n, Login: f.self, Body: in.Body}
	if review {
		// Without in_reply_to GitHub needs commit_id, path and line, which
		// a run never sends; replies to replies are not supported.
		top := f.comment(true, in.InReplyTo)
		if in.InReplyTo == 0 {
			return 0, nil, invalid("PullRequestReviewComment", "commit_id", "missing_field")
		}
		if top == nil || top.Number != n || top.InReplyTo != 0 {
			return 0, nil, invalid("PullRequestReviewComment", "in_reply_to", "invalid")
		}
		c.InReplyTo = top.ID
	}
	f.comments = append(f.comments, c)
	return 201, f.commentJSON(c), nil
}

func (f *fakeGitHub) editComment(_ *http.Request, m []string, body []byte) (int, any, *apiError) {
	c := f.comment(m[1] == "pulls", atoi64(m[2]))
	if c == nil {
		return 0, nil, notFound()
	}
	var in struct{ Body string }
	if err := decode(body, &in, "IssueComment", "body"); err != nil {
		return 0, nil, err
	}
	if c.Login != f.self {
		return 0, nil, message(403, "Resource not accessible by integration")
	}
	c.Body = in.Body
	return 200, f.commentJSON(c), nil
}

func (f *fakeGitHub) prJSON(pr *fakePR) map[string]any {
	owner := strings.Split(f.repo, "/")[0]
	state := "closed"
	if pr.Open {
		state = "open"
	}
	repo := map[string]any{"full_name": f.repo, "default_branch": "main"}
	return map[string]any{
		"number": pr.Number, "state": state, "title": pr.Title, "body": pr.Body,
		"html_url": fmt.Sprintf("%s/%s/pull/%d", f.srv.URL, f.repo, pr.Number),
		"url":      fmt.Sprintf("%s/api/v3/repos/%s/pulls/%d", f.srv.URL, f.repo, pr.Number),
		"user":     map[string]any{"login": pr.User},
		"head":     map[string]any{"ref": pr.Head, "label": owner + ":" + pr.Head, "sha": f.rev(pr.Head), "repo": repo},
		"base":     map[string]any{"ref": pr.Base, "label": owner + ":" + pr.Base, "sha": f.rev(pr.Base), "repo": repo},
	}
}

func (f *fakeGitHub) commentJSON(c *fakeComment) map[string]any {
	kind := "issues"
	if f.prs[c.Number] != nil {
		kind = "pull"
	}
	v := map[string]any{"id": c.ID, "body": c.Body,
		"html_url": fmt.Sprintf("%s/%s/%s/%d#issuecomment-%d", f.srv.URL, f.repo, kind, c.Number, c.ID),
		"user":     map[string]any{"login": c.Login, "type": map[bool]string{true: "Bot", false: "User"}[strings.HasSuffix(c.Login, "[bot]")]}}
	if c.Review {
		v["html_url"] = fmt.Sprintf("%s/%s/pull/%d#discussion_r%d", f.srv.URL, f.repo, c.Number, c.ID)
		if c.InReplyTo != 0 {
			v["in_reply_to_id"] = c.InReplyTo
		}
	}
	return v
}

func (f *fakeGitHub) comment(review bool, id int64) *fakeComment {
	for _, c := range f.comments {
		if c.Review == review && c.ID == id {
			return c
		}
	}
	return nil
}

func (f *fakeGitHub) sortedPRs() []int {
	var ns []int
	for n := range f.prs {
		ns = append(ns, n)
	}
	slices.Sort(ns)
	return ns
}

func (f *fakeGitHub) number() int {
	for f.issues[f.next] || f.prs[f.next] != nil {
		f.next++
	}
	f.next++
	return f.next - 1
}

func (f *fakeGitHub) id() int64 { f.nextID++; return f.nextID }

// rev is the commit the remote's branch points at, "" when it has none.
func (f *fakeGitHub) rev(branch string) string {
	return f.gitOut("rev-parse", "--verify", "--quiet", "refs/heads/"+branch)
}

func (f *fakeGitHub) gitOut(args ...string) string {
	cmd := exec.Command("git", append([]string{"--git-dir", f.bare}, args...)...)
	cmd.Env = gitEnv()
	out, _ := cmd.Output()
	return strings.TrimSpace(string(out))
}

// seed makes the fake know what an event payload refers to: its issue or
// pull request, and the comment (with the top of its thread).
func (f *fakeGitHub) seed(payload []byte) {
	var p struct {
		Issue *struct {
			Number      int
			PullRequest any `json:"pull_request"`
		}
		Comment *struct {
			ID          int64
			InReplyToID int64 `json:"in_reply_to_id"`
			Body        *string
			User        struct{ Login string }
		}
		PullRequest *struct {
			Number      int
			Title, Body string
			User        struct{ Login string }
			Head, Base  struct{ Ref string }
		} `json:"pull_request"`
	}
	if err := json.Unmarshal(payload, &p); err != nil {
		f.t.Fatal(err)
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	review := p.PullRequest != nil
	var n int
	if p.Issue != nil {
		n = p.Issue.Number
		if p.Issue.PullRequest == nil {
			f.issues[n] = true
		}
	}
	if pr := p.PullRequest; pr != nil && f.prs[pr.Number] == nil {
		n = pr.Number
		f.prs[n] = &fakePR{Number: n, Title: pr.Title, Body: pr.Body, Head: pr.Head.Ref, Base: pr.Base.Ref, User: pr.User.Login, Open: true}
	} else if pr != nil {
		n = pr.Number
	}
	if c := p.Comment; c != nil && f.comment(review, c.ID) == nil {
		if c.InReplyToID != 0 && f.comment(true, c.InReplyToID) == nil {
			f.comments = append(f.comments, &fakeComment{ID: c.InReplyToID, Review: true, Number: n, Login: "bob", Body: "Opens 8443 on payments."})
		}
		f.comments = append(f.comments, &fakeComment{ID: c.ID, Review: review, Number: n, Login: c.User.Login, Body: deref(c.Body), InReplyTo: c.InReplyToID})
	}
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

func atoi(s string) int     { n, _ := strconv.Atoi(s); return n }
func atoi64(s string) int64 { n, _ := strconv.ParseInt(s, 10, 64); return n }
