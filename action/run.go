package action

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/kunerva/kunerva/generator"
	"github.com/kunerva/kunerva/generator/llm"
	"github.com/kunerva/kunerva/internal/gitrepo"
	"github.com/kunerva/kunerva/internal/infer"
	"github.com/kunerva/kunerva/internal/pipeline"
	"github.com/kunerva/kunerva/validate"
)

// Result of a run, the step's result output: the pipeline's results, where
// Proposed means a pull request holds the policy and Refused also that the
// requester may not ask, and two of the action's own.
type Result = pipeline.Result

const (
	Proposed             = pipeline.Proposed
	NotUnderstood        = pipeline.NotUnderstood
	Invalid              = pipeline.Invalid
	Refused              = pipeline.Refused
	Ignored       Result = "ignored" // the event is no request
	Failed        Result = "failed"  // kunerva, git or GitHub failed
)

// Outcome is what a run did; it becomes the step's outputs.
type Outcome struct {
	Result         Result
	Reason         string // why the event was ignored or the request refused
	PullRequest    int
	PullRequestURL string
	Branch         string
	Commit         string
	PolicyPaths    []string
	ReplyURL       string
	// Engine is the engine that understood the request and, for a model,
	// what it spent: "llm (gpt-4o-mini, 1 attempt, 2210 tokens: ...)".
	Engine string
	// Request is the request that was run: for an answer, the pending
	// request it completed, with the answer added.
	Request string
	// Completed links kunerva's reply whose pending request the comment
	// completed; "" when the comment was a request of its own.
	Completed string
}

// Options are what a run needs besides its inputs.
type Options struct {
	Log    io.Writer         // progress lines; nil discards them
	GitHub GitHub            // nil: the REST API at Inputs.APIURL, through go-github
	Engine generator.Engine  // nil: the one the inputs or the settings name
	Retry  Retry             // for GitHub calls; zero: DefaultRetry
	Author gitrepo.Signature // zero: kunerva <kunerva@users.noreply.HOST>
	// Getenv reads the LLM's API key from the variable the inputs or the
	// settings name; nil: os.Getenv.
	Getenv func(string) string
	// Timeout is the run's deadline, which every GitHub, git and model call
	// ends by; a GitHub call, its retries included, takes at most
	// DefaultCallTimeout of it. Zero: DefaultTimeout.
	Timeout time.Duration
}

// Deadlines of a run: a stalled call fails the run, and the reply says so,
// instead of holding a runner for hours.
const (
	DefaultTimeout     = 15 * time.Minute
	DefaultCallTimeout = 2 * time.Minute
	replyTimeout       = 30 * time.Second // for the failure's reply, after the deadline
)

// Run answers one event: it ignores what is no request, refuses who may
// not ask, and otherwise runs the pipeline and opens, updates or amends a
// pull request, replying on the comment's thread. Requests that come to
// nothing (not understood, invalid, refused) are outcomes, not errors; the
// error is for failures, and never carries the token. The outputs and the
// job summary are written either way.
func Run(ctx context.Context, in Inputs, opts Options) (*Outcome, error) {
	if err := in.Check(); err != nil {
		return nil, err
	}
	r := &run{in: in, opts: opts}
	if r.opts.Log == nil {
		r.opts.Log = io.Discard
	}
	if r.opts.Retry.Attempts == 0 {
		r.opts.Retry = DefaultRetry
	}
	if r.opts.Timeout <= 0 {
		r.opts.Timeout = DefaultTimeout
	}
	ctx, cancel := context.WithTimeout(ctx, r.opts.Timeout)
	defer cancel()
	out, err := r.handle(ctx)
	if errors.Is(err, context.DeadlineExceeded) {
		err = fmt.Errorf("%w: a GitHub, git or model call did not finish within the run's %s", err, r.opts.Timeout)
	}
	if err != nil {
		err = gitrepo.Redact(err, in.Token)
		out = &Outcome{Result: Failed, Reason: err.Error()}
	}
	if r.ev != nil && out.Result != Ignored {
		out.Request = r.text
		if r.ask != nil {
			out.Completed = r.ask.reply.URL
		}
	}
	r.logf("result: %s", out.Result)
	werr := errors.Join(writeOutputs(in.OutputPath, out), summaryFile(in.SummaryPath, summary(r.ev, r.text, out, r.shown)))
	return out, errors.Join(err, werr)
}

type run struct {
	in     Inputs
	opts   Options
	gh     GitHub
	ev     *event
	text   string // the request to run
	self   string // the token's login
	shown  string // the reply, for the job summary
	cached []Comment
	listed bool   // cached holds the thread's comments
	ask    *asked // the reply whose pending request the comment completes
}

func (r *run) logf(format string, args ...any) {
	fmt.Fprintf(r.opts.Log, format+"\n", args...)
}

func (r *run) handle(ctx context.Context) (*Outcome, error) {
	data, err := os.ReadFile(r.in.EventPath)
	if err != nil {
		return nil, fmt.Errorf("read the event payload: %w", err)
	}
	ev, err := parseEvent(r.in.EventName, data)
	if err != nil {
		return nil, err
	}
	if why := ev.ignored(r.in.Trigger); why != "" {
		r.logf("ignored: %s", why)
		return &Outcome{Result: Ignored, Reason: why}, nil
	}
	if !strings.EqualFold(ev.repo, r.in.Repository) {
		return nil, fmt.Errorf("the event is about %s, but the run is for %s", ev.repo, r.in.Repository)
	}
	if permissionRank[r.in.Permission] <= permissionRank["read"] && !ev.private {
		// GitHub reports read permission on a public repository for anyone.
		return nil, fmt.Errorf("permission %q admits everyone on the public repository %s, as GitHub reports read access there for any user; set the action's permission input to triage or more", r.in.Permission, ev.repo)
	}
	r.ev = ev
	if !ev.tooLong() {
		r.text, _ = request(ev.body, r.in.Trigger)
	}
	r.logf("request by %s (%s): %q", ev.author, ev.url, r.text)
	if r.gh = r.opts.GitHub; r.gh == nil {
		uploads := strings.TrimSuffix(r.in.ServerURL, "/") + "/api/uploads/"
		if r.gh, err = NewGitHub(r.in.APIURL, uploads, r.in.Repository, r.in.Token, r.opts.Retry, min(DefaultCallTimeout, r.opts.Timeout), r.logf); err != nil {
			return nil, err
		}
	}

	have, err := r.gh.Permission(ctx, ev.author)
	if err != nil {
		return nil, err
	}
	if permissionRank[have] < permissionRank[r.in.Permission] {
		why := fmt.Sprintf("%s has %s permission; requests need %s", ev.author, have, r.in.Permission)
		r.logf("refused: %s", why)
		c, err := r.reply(ctx, replyNotPermitted(ev.author, have, r.in.Permission), nil, false)
		out := &Outcome{Result: Refused, Reason: why}
		if c != nil {
			out.ReplyURL = c.URL
		}
		return out, err
	}

	if ev.tooLong() {
		why := fmt.Sprintf("the comment is %d bytes, more than the %d kunerva reads", len(ev.body), MaxComment)
		r.logf("not read: %s", why)
		c, err := r.reply(ctx, replyTooLong(r.in.Trigger, len(ev.body)), nil, false)
		out := &Outcome{Result: NotUnderstood, Reason: why}
		if c != nil {
			out.ReplyURL = c.URL
		}
		return out, err
	}

	if c, err := r.answeredBy(ctx); err != nil {
		return nil, err
	} else if c != nil {
		why := fmt.Sprintf("the comment already answered kunerva's question in %s, which holds the outcome", c.URL)
		r.logf("ignored: %s", why)
		return &Outcome{Result: Ignored, Reason: why}, nil
	}

	r.react(ctx, "eyes")
	out, err := r.propose(ctx)
	if err != nil {
		// The run's deadline may be what failed: the reply has its own.
		ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), replyTimeout)
		defer cancel()
		r.react(ctx, "confused")
		if _, rerr := r.reply(ctx, replyFailed(r.in.runURL(), err), nil, true); rerr != nil {
			r.logf("could not reply: %v", gitrepo.Redact(rerr, r.in.Token))
		}
		return nil, err
	}
	return out, nil
}

// LabelWidens marks a pull request whose policy widens access (a
// widens-access finding), for reviewers and branch rules to single out.
const LabelWidens = "widens-access"

// propose runs the pipeline on the request and answers on the thread.
func (r *run) propose(ctx context.Context) (*Outcome, error) {
	t, cfg, err := r.checkout(ctx)
	if err != nil {
		return nil, err
	}
	engine := r.opts.Engine
	if engine == nil {
		o := pipeline.Override{Engine: r.in.Engine, APIKeyEnv: r.in.LLMAPIKeyEnv,
			LLM: llm.Config{BaseURL: r.in.LLMBaseURL, Model: r.in.LLMModel, Logf: r.logf}}
		if engine, err = pipeline.NewEngine(cfg, o, r.opts.Getenv); err != nil {
			return nil, fmt.Errorf("%w (set the action's engine, llm-base-url and llm-model inputs, or the llm section of %s)", err, r.in.ConfigPath)
		}
	}
	treeRoot := cmp.Or(r.in.TreeRoot, cfg.TreeRoot, ".")
	if err := r.complete(ctx, filepath.Join(r.in.Workspace, treeRoot)); err != nil {
		return nil, err
	}
	opts := pipeline.Options{
		RepoDir: r.in.Workspace, TreeRoot: treeRoot, Base: t.base, Branch: t.amend, Engine: engine,
		Validate: validate.Config{Cluster: validate.ClusterOptions{Mode: r.in.Cluster, Kubeconfig: r.in.Kubeconfig}, Forbid: cfg.Forbid},
		Remote:   r.in.remoteURL(), Token: r.in.Token, Author: r.author(), Admit: pipeline.Admit(cfg),
	}
	req := pipeline.Request{Text: r.text, Requester: r.ev.author, Issue: r.ev.number, Comment: r.requestID(), CommentURL: r.requestURL()}
	p, err := pipeline.Make(ctx, req, opts)
	if err != nil {
		return nil, err
	}
	r.logf("pipeline: %s %s", p.Result, p.Branch)
	return r.answer(ctx, t, p)
}

// answer delivers a proposal (a pull request) or says why there is none,
// in a reply on the thread, and reacts to the request.
func (r *run) answer(ctx context.Context, t target, p *pipeline.Proposal) (*Outcome, error) {
	out := &Outcome{Result: p.Result}
	switch {
	case p.Intent != nil:
		out.Engine = generator.EngineText(p.Intent)
	case p.Refusal != nil && p.Refusal.Usage != nil:
		out.Engine = generator.EngineLLM + " (" + p.Refusal.Usage.String() + ")"
	}
	var body string
	var wait *pending
	switch p.Result {
	case pipeline.Proposed:
		pr, how, err := r.deliver(ctx, t, p)
		if err != nil {
			return nil, err
		}
		out.PullRequest, out.PullRequestURL, out.Branch, out.Commit, out.PolicyPaths = pr.Number, pr.URL, p.Branch, p.Commit, p.Paths
		body = replyProposed(p, pr, how)
	case pipeline.NotUnderstood:
		out.Reason = p.Refusal.Missing
		wait = &pending{Request: r.text, Author: r.ev.author, Comment: r.requestID()}
		if _, lockDown := infer.Asked(r.text); lockDown || pendingMarker(*wait) == "" {
			// A lock-down is asked again whole: an answer appended to
			// "lock down billing" makes no request.
			wait = nil
		}
		body = replyNotUnderstood(r.in.Trigger, r.text, wait != nil, p.Refusal)
	case pipeline.Invalid:
		body = replyInvalid(r.in.Trigger, p)
	case pipeline.Refused:
		out.Reason = p.Refused.Error()
		body = replyRefused(r.in.ConfigPath, r.ev.defaultBr, p)
	default:
		return nil, fmt.Errorf("unexpected result %q from the pipeline", p.Result)
	}
	c, err := r.reply(ctx, body, wait, false)
	if err != nil {
		return nil, err
	}
	out.ReplyURL = c.URL
	if out.Result == Proposed {
		r.react(ctx, "rocket")
	} else {
		r.react(ctx, "confused")
	}
	return out, nil
}

// deliver opens the pull request for a proposal, updates the one an earlier
// run opened, or amends the one the comment is on.
func (r *run) deliver(ctx context.Context, t target, p *pipeline.Proposal) (*PullRequest, string, error) {
	id := r.requestID()
	var pr *PullRequest
	var how string
	var err error
	if t.amend != "" && p.Branch == t.amend {
		pr, how = t.pr, prAmended
		if body := r.onBranch(withSection(pr.Body, id, p.Body), p.Branch); body != pr.Body {
			pr, err = r.gh.EditPullRequest(ctx, pr.Number, pr.Title, body)
		}
	} else if pr, err = r.gh.OpenPullRequest(ctx, p.Branch); err == nil && pr != nil {
		how = prUpdated
		if body := r.onBranch(withSection(pr.Body, id, p.Body), p.Branch); body != pr.Body || pr.Title != p.Title {
			pr, err = r.gh.EditPullRequest(ctx, pr.Number, p.Title, body)
		}
	} else if err == nil {
		how = prOpened
		pr, err = posted(r, "the pull request", func() (*PullRequest, error) {
			return r.gh.CreatePullRequest(ctx, PullRequest{Title: p.Title, Head: p.Branch, Base: t.base, Body: withSection("", id, p.Body)})
		}, func() (*PullRequest, error) { return r.gh.OpenPullRequest(ctx, p.Branch) })
	}
	if err != nil {
		return nil, "", err
	}
	r.logf("pull request #%d %s: %s", pr.Number, how, pr.URL)
	labels := r.in.Labels
	if validate.HasWidening(p.Findings) {
		labels = append(slices.Clone(labels), LabelWidens)
	}
	if len(labels) > 0 {
		if err := r.gh.AddLabels(ctx, pr.Number, labels); err != nil {
			return nil, "", err
		}
	}
	return pr, how, nil
}

// onBranch shows the policy files of a pull request's body, every
// request's, as the branch holds them now: an earlier section's YAML may
// have been changed on the branch since it was written.
func (r *run) onBranch(body, branch string) string {
	repo, err := gitrepo.Open(r.in.Workspace)
	if err != nil {
		return body
	}
	return pipeline.RefreshFiles(body, func(path string) ([]byte, error) {
		// The body can be edited by hand: only policy files of a size a
		// body can show are read, the rest is left as it was written.
		if ext := filepath.Ext(path); ext != ".yaml" && ext != ".yml" {
			return nil, fmt.Errorf("%s is no policy file", path)
		}
		data, err := repo.ReadFile(branch, path)
		if err == nil && len(data) > maxShownFile {
			return nil, fmt.Errorf("%s is larger than a body shows", path)
		}
		return data, err
	})
}

// maxShownFile is the largest policy file a pull request's body shows.
const maxShownFile = 16 << 10

func (r *run) author() gitrepo.Signature {
	if r.opts.Author.Name != "" {
		return r.opts.Author
	}
	host := "localhost"
	if u, err := url.Parse(r.in.ServerURL); err == nil && u.Hostname() != "" {
		host = u.Hostname()
	}
	return gitrepo.Signature{Name: "kunerva", Email: "kunerva@users.noreply." + host}
}

func summaryFile(name, s string) error {
	if name == "" {
		return nil
	}
	return appendFile(name, s+"\n")
}
