package action

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/google/go-github/v60/github"

	"github.com/kunerva/kunerva/internal/httpretry"
)

// GitHub is the part of GitHub's REST API a run uses, on one repository.
// NewGitHub implements it over go-github; the tests answer it with a strict
// fake of the same endpoints.
type GitHub interface {
	// Permission is the user's role on the repository: none, read, triage,
	// write, maintain or admin.
	Permission(ctx context.Context, login string) (string, error)
	// Self is the token's own login, "" when the token may not ask (an
	// installation token, such as the workflow's GITHUB_TOKEN).
	Self(ctx context.Context) (string, error)
	PullRequest(ctx context.Context, number int) (*PullRequest, error)
	// OpenPullRequest finds the open pull request from the branch, nil if none.
	OpenPullRequest(ctx context.Context, branch string) (*PullRequest, error)
	CreatePullRequest(ctx context.Context, pr PullRequest) (*PullRequest, error)
	EditPullRequest(ctx context.Context, number int, title, body string) (*PullRequest, error)
	AddLabels(ctx context.Context, number int, labels []string) error
	React(ctx context.Context, kind CommentKind, id int64, content string) error
	// Comments lists a thread's comments; Reply adds one, EditReply changes one.
	Comments(ctx context.Context, t Thread) ([]Comment, error)
	Reply(ctx context.Context, t Thread, body string) (*Comment, error)
	EditReply(ctx context.Context, t Thread, id int64, body string) (*Comment, error)
}

// PullRequest is a pull request as a run sees it.
type PullRequest struct {
	Number      int
	URL         string // html_url
	Title, Body string
	Open        bool
	Head, Base  string // branch names
	HeadRepo    string // owner/name the head branch lives in
}

// Comment is a comment as a run sees it.
type Comment struct {
	ID    int64
	URL   string
	Login string
	Body  string
	// InReplyTo is, for a review comment, the top of its thread; 0 at the top.
	InReplyTo int64
}

// Thread is where a reply goes: the conversation of an issue or a pull
// request, or the thread of a review comment on the pull request's diff.
type Thread struct {
	Number int
	Review bool  // a review comment's thread
	Top    int64 // the review comment the thread starts with
}

// RESTGitHub is the GitHub interface over go-github, for one repository.
type RESTGitHub struct {
	c           *github.Client
	owner, repo string
}

// NewGitHub talks to the REST API at apiURL (GITHUB_API_URL; for GitHub
// Enterprise Server http(s)://HOST/api/v3) about repository owner/name,
// retrying as retry says and logging each retry to logf (nil: silently);
// a call, its retries included, takes at most timeout (0: no limit but the
// context's). The token is sent as a bearer token and appears in no error.
func NewGitHub(apiURL, uploadURL, repository, token string, retry Retry, timeout time.Duration, logf func(format string, args ...any)) (*RESTGitHub, error) {
	owner, name, _ := strings.Cut(repository, "/")
	if logf == nil {
		logf = func(string, ...any) {}
	}
	if retry.Attempts == 0 {
		retry = DefaultRetry
	}
	hc := &http.Client{Transport: &httpretry.Transport{Policy: retry, Service: "GitHub", Classify: retryable, Logf: logf}, Timeout: timeout}
	// WithEnterpriseURLs leaves api.HOST URLs (github.com, GHE.com) as they
	// are and completes a bare GHES host with /api/v3/, so one call serves
	// every host without naming any.
	c, err := github.NewClient(hc).WithAuthToken(token).WithEnterpriseURLs(strings.TrimSuffix(apiURL, "/")+"/", uploadURL)
	if err != nil {
		return nil, fmt.Errorf("use the GitHub API at %s: %w", apiURL, err)
	}
	c.UserAgent = "kunerva"
	return &RESTGitHub{c: c, owner: owner, repo: name}, nil
}

// permissionRank orders GitHub's repository roles.
var permissionRank = map[string]int{"none": 0, "read": 1, "triage": 2, "write": 3, "maintain": 4, "admin": 5}

func (g *RESTGitHub) Permission(ctx context.Context, login string) (string, error) {
	// go-github v60 does not decode role_name, which alone tells triage and
	// maintain apart (permission says read and write for them).
	req, err := g.c.NewRequest(http.MethodGet, fmt.Sprintf("repos/%s/%s/collaborators/%s/permission", g.owner, g.repo, url.PathEscape(login)), nil)
	if err != nil {
		return "", err
	}
	var v struct {
		Permission string `json:"permission"`
		RoleName   string `json:"role_name"`
	}
	if _, err := g.c.Do(ctx, req, &v); err != nil {
		if status(err) == http.StatusNotFound {
			return "none", nil
		}
		return "", fmt.Errorf("read %s's permission: %w", login, err)
	}
	if _, ok := permissionRank[v.RoleName]; ok {
		return v.RoleName, nil
	}
	return v.Permission, nil // a custom role: its base permission
}

func (g *RESTGitHub) Self(ctx context.Context) (string, error) {
	u, _, err := g.c.Users.Get(ctx, "")
	if status(err) == http.StatusForbidden {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("read the token's user: %w", err)
	}
	return u.GetLogin(), nil
}

func (g *RESTGitHub) PullRequest(ctx context.Context, number int) (*PullRequest, error) {
	pr, _, err := g.c.PullRequests.Get(ctx, g.owner, g.repo, number)
	if err != nil {
		return nil, fmt.Errorf("read pull request #%d: %w", number, err)
	}
	return pullRequest(pr), nil
}

func (g *RESTGitHub) OpenPullRequest(ctx context.Context, branch string) (*PullRequest, error) {
	prs, _, err := g.c.PullRequests.List(ctx, g.owner, g.repo, &github.PullRequestListOptions{State: "open", Head: g.owner + ":" + branch})
	if err != nil {
		return nil, fmt.Errorf("look for a pull request from %s: %w", branch, err)
	}
	if len(prs) == 0 {
		return nil, nil
	}
	return pullRequest(prs[0]), nil
}

func (g *RESTGitHub) CreatePullRequest(ctx context.Context, pr PullRequest) (*PullRequest, error) {
	made, _, err := g.c.PullRequests.Create(ctx, g.owner, g.repo, &github.NewPullRequest{
		Title: &pr.Title, Head: &pr.Head, Base: &pr.Base, Body: &pr.Body, MaintainerCanModify: github.Bool(true),
	})
	if err != nil {
		return nil, fmt.Errorf("open a pull request from %s to %s: %w", pr.Head, pr.Base, err)
	}
	return pullRequest(made), nil
}

func (g *RESTGitHub) EditPullRequest(ctx context.Context, number int, title, body string) (*PullRequest, error) {
	pr, _, err := g.c.PullRequests.Edit(ctx, g.owner, g.repo, number, &github.PullRequest{Title: &title, Body: &body})
	if err != nil {
		return nil, fmt.Errorf("update pull request #%d: %w", number, err)
	}
	return pullRequest(pr), nil
}

func (g *RESTGitHub) AddLabels(ctx context.Context, number int, labels []string) error {
	if _, _, err := g.c.Issues.AddLabelsToIssue(ctx, g.owner, g.repo, number, labels); err != nil {
		return fmt.Errorf("label #%d: %w", number, err)
	}
	return nil
}

func (g *RESTGitHub) React(ctx context.Context, kind CommentKind, id int64, content string) error {
	var err error
	switch kind {
	case IssueComment:
		_, _, err = g.c.Reactions.CreateIssueCommentReaction(ctx, g.owner, g.repo, id, content)
	case ReviewComment:
		_, _, err = g.c.Reactions.CreatePullRequestCommentReaction(ctx, g.owner, g.repo, id, content)
	default:
		return nil // GitHub has no reactions on a review's summary
	}
	if err != nil {
		return fmt.Errorf("react %s to comment %d: %w", content, id, err)
	}
	return nil
}

// maxPages bounds how far Comments looks for an earlier reply.
const maxPages = 30

func (g *RESTGitHub) Comments(ctx context.Context, t Thread) ([]Comment, error) {
	var out []Comment
	list := github.ListOptions{PerPage: 100}
	for range maxPages {
		var resp *github.Response
		var err error
		if t.Review {
			var cs []*github.PullRequestComment
			cs, resp, err = g.c.PullRequests.ListComments(ctx, g.owner, g.repo, t.Number, &github.PullRequestListCommentsOptions{ListOptions: list})
			for _, c := range cs {
				out = append(out, reviewComment(c))
			}
		} else {
			var cs []*github.IssueComment
			cs, resp, err = g.c.Issues.ListComments(ctx, g.owner, g.repo, t.Number, &github.IssueListCommentsOptions{ListOptions: list})
			for _, c := range cs {
				out = append(out, Comment{ID: c.GetID(), URL: c.GetHTMLURL(), Login: c.GetUser().GetLogin(), Body: c.GetBody()})
			}
		}
		if err != nil {
			return nil, fmt.Errorf("list the comments of #%d: %w", t.Number, err)
		}
		if resp.NextPage == 0 {
			break
		}
		list.Page = resp.NextPage
	}
	return out, nil
}

func (g *RESTGitHub) Reply(ctx context.Context, t Thread, body string) (*Comment, error) {
	if t.Review {
		c, _, err := g.c.PullRequests.CreateCommentInReplyTo(ctx, g.owner, g.repo, t.Number, body, t.Top)
		if err != nil {
			return nil, fmt.Errorf("reply to review comment %d: %w", t.Top, err)
		}
		rc := reviewComment(c)
		return &rc, nil
	}
	c, _, err := g.c.Issues.CreateComment(ctx, g.owner, g.repo, t.Number, &github.IssueComment{Body: &body})
	if err != nil {
		return nil, fmt.Errorf("comment on #%d: %w", t.Number, err)
	}
	return &Comment{ID: c.GetID(), URL: c.GetHTMLURL(), Login: c.GetUser().GetLogin(), Body: c.GetBody()}, nil
}

func (g *RESTGitHub) EditReply(ctx context.Context, t Thread, id int64, body string) (*Comment, error) {
	if t.Review {
		c, _, err := g.c.PullRequests.EditComment(ctx, g.owner, g.repo, id, &github.PullRequestComment{Body: &body})
		if err != nil {
			return nil, fmt.Errorf("edit review comment %d: %w", id, err)
		}
		rc := reviewComment(c)
		return &rc, nil
	}
	c, _, err := g.c.Issues.EditComment(ctx, g.owner, g.repo, id, &github.IssueComment{Body: &body})
	if err != nil {
		return nil, fmt.Errorf("edit comment %d: %w", id, err)
	}
	return &Comment{ID: c.GetID(), URL: c.GetHTMLURL(), Login: c.GetUser().GetLogin(), Body: c.GetBody()}, nil
}

func reviewComment(c *github.PullRequestComment) Comment {
	return Comment{ID: c.GetID(), URL: c.GetHTMLURL(), Login: c.GetUser().GetLogin(), Body: c.GetBody(), InReplyTo: c.GetInReplyTo()}
}

func pullRequest(pr *github.PullRequest) *PullRequest {
	return &PullRequest{
		Number: pr.GetNumber(), URL: pr.GetHTMLURL(), Title: pr.GetTitle(), Body: pr.GetBody(),
		Open: pr.GetState() == "open", Head: pr.GetHead().GetRef(), Base: pr.GetBase().GetRef(),
		HeadRepo: pr.GetHead().GetRepo().GetFullName(),
	}
}

// status is the HTTP status of a go-github error, 0 for other errors.
func status(err error) int {
	var e *github.ErrorResponse
	if errors.As(err, &e) && e.Response != nil {
		return e.Response.StatusCode
	}
	return 0
}

// Retry is how GitHub calls are retried: server errors (5xx) and rate limits
// (429, or 403 with Retry-After, an exhausted quota, or GitHub's secondary
// rate limit message), waiting Base, then twice as long each time, at most
// Max; a Retry-After or a quota's reset is waited for when it is within Max.
type Retry = httpretry.Policy

// DefaultRetry waits 1+2+4+8 s between five attempts, longer when GitHub asks.
var DefaultRetry = Retry{Attempts: 5, Base: time.Second, Max: time.Minute}

// retryable says why a response is worth another try ("" when it is not)
// and how long GitHub asked to wait (0 when it did not say).
func retryable(ctx context.Context, resp *http.Response, err error) (time.Duration, string) {
	after, why := httpretry.Retryable(ctx, resp, err)
	if why != "" || err != nil || resp.StatusCode != http.StatusForbidden {
		return after, why
	}
	switch after := httpretry.RetryAfter(resp.Header); {
	case after > 0:
		return after, "secondary rate limit (403)"
	case resp.Header.Get("X-RateLimit-Remaining") == "0":
		reset, _ := strconv.ParseInt(resp.Header.Get("X-RateLimit-Reset"), 10, 64)
		return max(time.Until(time.Unix(reset, 0)), time.Second), "rate limit exhausted (403)"
	}
	// A secondary rate limit without Retry-After says so only in its body.
	body, _ := io.ReadAll(io.LimitReader(resp.Body, 1<<16))
	resp.Body.Close()
	resp.Body = io.NopCloser(bytes.NewReader(body))
	if bytes.Contains(bytes.ToLower(body), []byte("secondary rate limit")) {
		// GitHub: without Retry-After, wait at least a minute.
		return httpretry.AsLongAsAllowed, "secondary rate limit (403)"
	}
	return 0, ""
}
