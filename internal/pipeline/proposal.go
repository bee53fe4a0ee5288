package pipeline

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strings"

	"github.com/kunerva/kunerva/generator"
	"github.com/kunerva/kunerva/internal/connectivity"
	"github.com/kunerva/kunerva/internal/gitrepo"
	"github.com/kunerva/kunerva/internal/infer"
	"github.com/kunerva/kunerva/internal/tree"
	"github.com/kunerva/kunerva/internal/treewrite"
	"github.com/kunerva/kunerva/validate"
)

// Request is what somebody asked for, and where.
type Request struct {
	Text      string
	Requester string
	// Issue is the issue or pull request number the request came from; 0
	// for a local run. Comment is the id of the comment that made it: with
	// the issue, it names the branch, so that no two requests share one.
	Issue   int
	Comment int64
	// CommentURL links the request, for the pull request body.
	CommentURL string
}

// Options configure a run.
type Options struct {
	RepoDir  string // the git checkout
	TreeRoot string // the kustomize tree's root, relative to RepoDir
	Base     string // the branch to start from; "" is the checked-out one
	// Branch is the branch to commit on, for a follow-up that amends an
	// existing branch; "" makes kunerva/<issue>-<slug> from the request.
	Branch string
	// Admit, when set, is asked about each policy before it is validated;
	// an error refuses the request (Result Refused) with no branch made.
	Admit    func(generator.Policy) error
	Engine   generator.Engine
	Generate generator.Options // Tree is filled in from TreeRoot
	Validate validate.Config   // Cluster.Tree is filled in from TreeRoot
	Remote   string            // where to push; "" does not push
	Token    string
	Author   gitrepo.Signature
}

// Result of a run.
type Result string

const (
	Proposed      Result = "proposed"       // a branch with a valid policy
	NotUnderstood Result = "not-understood" // the engine refused the request
	Invalid       Result = "invalid"        // the policy has error findings
	Refused       Result = "refused"        // Options.Admit refused a policy
)

// Proposal is what a run produced. Only a Proposed proposal has a branch.
type Proposal struct {
	Result      Result
	Intent      *generator.Intent
	Policies    []generator.Policy
	Explanation string
	Findings    []validate.Finding
	Stages      []validate.Stage // the validation stages that ran
	Refusal     *generator.NotUnderstoodError
	Refused     error // why Options.Admit refused, for a Refused proposal
	Branch      string
	Commit      string
	Paths       []string // policy files, relative to RepoDir
	Title       string
	Body        string // the pull request body, in Markdown
	// Change is what the policies change in the tree's connectivity and
	// in what KubeArmor blocks; nil when it could not be worked out, and
	// ChangeProblem says why.
	Change        *connectivity.Report
	ChangeProblem string
}

// Make runs the pipeline: understand, render, validate, write into the tree,
// branch, commit and push. A request that is not understood or a policy that
// is not valid is a Proposal without a branch, not an error; the error is for
// failures of the tool, git or the tree. Nothing is left half-done: a failure
// after the branch was made returns the checkout to where it was.
func Make(ctx context.Context, req Request, opts Options) (_ *Proposal, err error) {
	root := filepath.Join(opts.RepoDir, opts.TreeRoot)
	t, err := tree.Load(root)
	if err != nil {
		return nil, err
	}
	// One validation session serves the model's repair loop and the final
	// check; it starts (a control plane, for the dry-run) only when needed.
	validator := &Validator{Config: opts.Validate, Admit: opts.Admit}
	validator.Config.Cluster.Tree = t
	defer func() {
		if cerr := validator.Close(context.WithoutCancel(ctx)); cerr != nil {
			err = errors.Join(err, cerr)
		}
	}()
	var p *Proposal
	if asked, ok := infer.Asked(req.Text); ok {
		p, err = inferred(t, req, asked, opts.Generate.Kind)
	} else {
		p, err = generated(ctx, t, req, opts, validator)
	}
	if err != nil || p.Result == NotUnderstood {
		return p, err
	}
	if refusals := validator.refusals(p.Policies); len(refusals) > 0 {
		p.Result, p.Refused = Refused, errors.Join(refusals...)
		return p, nil
	}
	if p.Findings, err = validator.Validate(ctx, p.Policies); err != nil {
		return nil, err
	}
	p.Stages = validator.session.Stages()
	if validate.HasErrors(p.Findings) {
		p.Result = Invalid
		return p, nil
	}
	p.Change, p.ChangeProblem = change(t, p.Policies)
	if err := deliver(ctx, req, opts, root, p); err != nil {
		return nil, err
	}
	p.Result = Proposed
	p.Body = body(req, p)
	return p, nil
}

// generated is the proposal of a request one of the engines understands.
func generated(ctx context.Context, t *tree.Tree, req Request, opts Options, validator *Validator) (*Proposal, error) {
	gen := opts.Generate
	gen.Tree, gen.Review = t, validator.Review
	res, err := generator.Generate(ctx, opts.Engine, req.Text, gen)
	var refusal *generator.NotUnderstoodError
	if errors.As(err, &refusal) {
		return &Proposal{Result: NotUnderstood, Refusal: refusal}, nil
	}
	if err != nil {
		return nil, err
	}
	return &Proposal{Intent: res.Intent, Policies: res.Policies, Explanation: res.Explanation, Title: generator.Title(res.Intent)}, nil
}

// inferred is the proposal of a request to lock a namespace down: the
// policies its manifests show are needed, proved with the connectivity
// model. What cannot be inferred or proved is said, as a refusal is.
func inferred(t *tree.Tree, req Request, asked infer.Options, kind generator.Kind) (*Proposal, error) {
	ns := asked.Namespaces[0]
	refuse := func(missing string) *Proposal {
		return &Proposal{Result: NotUnderstood, Refusal: &generator.NotUnderstoodError{
			Request: req.Text, Understood: []string{"infer the policies of namespace " + ns + " from the manifests"},
			Missing: missing, Example: "lock down payments",
		}}
	}
	switch kind {
	case "", generator.KindAuto, generator.KindNetworkPolicy, generator.KindCilium:
	default:
		return refuse(fmt.Sprintf("inferred policies are NetworkPolicy or CiliumNetworkPolicy, and the settings ask for %s", kind)), nil
	}
	asked.Kind = kind
	res, err := infer.Infer(t, asked)
	if err != nil {
		return refuse(err.Error()), nil
	}
	if len(res.Proof.Problems) > 0 {
		return refuse("kunerva could not prove the inferred policies keep what the manifests show and deny the rest: " + strings.Join(res.Proof.Problems, "; ")), nil
	}
	in := *res.Sets[0].Intent
	in.Request = req.Text
	return &Proposal{
		Intent:      &in,
		Policies:    res.Policies(),
		Explanation: explanationMarkdown(res.Explain()),
		Title:       fmt.Sprintf("Lock down namespace %s: least privilege inferred from its manifests", ns),
	}, nil
}

// explanationMarkdown shows an inferred set's explanation in a pull
// request and a reply. Its text quotes the manifests (ConfigMap and env
// values, which a pull request merged earlier may have written): they must
// make no link, image, mention, HTML or kunerva marker of their own. The
// hardening note is kunerva's own Markdown and stays as it is.
func explanationMarkdown(text string) string {
	note := strings.Split(infer.HardeningNote(), "\n\n")
	parts := strings.Split(text, "\n\n")
	for i, p := range parts {
		if !slices.Contains(note, p) {
			lines := strings.Split(p, "\n")
			for j, l := range lines {
				lines[j] = connectivity.EscapeMarkdown(l)
			}
			parts[i] = strings.Join(lines, "\n")
		}
	}
	return strings.Join(parts, "\n\n")
}

// deliver writes the proposal's policies into the tree at root on its
// branch, commits and pushes; a failure returns the checkout to the branch
// it was on.
func deliver(ctx context.Context, req Request, opts Options, root string, p *Proposal) error {
	var writes []treewrite.Policy
	for _, pol := range p.Policies {
		y, err := pol.YAML()
		if err != nil {
			return err
		}
		writes = append(writes, treewrite.Policy{Kind: string(pol.Kind), Namespace: pol.Namespace, Name: pol.Name, YAML: y})
	}
	repo, err := gitrepo.Open(opts.RepoDir)
	if err != nil {
		return err
	}
	startBranch, _, err := repo.Head()
	if err != nil {
		return err
	}
	p.Branch = cmp.Or(opts.Branch, branchName(req, p.Title))
	if err := repo.Branch(p.Branch, opts.Base); err != nil {
		return err
	}
	undo := func(cause error) error {
		if startBranch != "" {
			if err := repo.Branch(startBranch, ""); err != nil {
				return errors.Join(cause, fmt.Errorf("return to branch %s: %w", startBranch, err))
			}
		}
		return cause
	}
	written, err := treewrite.Write(root, writes)
	if err != nil {
		return undo(err)
	}
	var changed []string
	for _, f := range written.Changed {
		changed = append(changed, filepath.ToSlash(filepath.Join(opts.TreeRoot, f)))
	}
	for _, f := range written.Policies {
		p.Paths = append(p.Paths, filepath.ToSlash(filepath.Join(opts.TreeRoot, f)))
	}
	if len(changed) == 0 {
		// A re-run: the branch already holds the policy.
		_, p.Commit, err = repo.Head()
	} else {
		p.Commit, err = repo.Commit(changed, commitMessage(req, p), opts.Author)
		if errors.Is(err, gitrepo.ErrNothingToCommit) {
			err = nil
		}
	}
	if err != nil {
		return undo(err)
	}
	if opts.Remote == "" {
		return nil
	}
	// A re-run converges on a branch that holds its policy files as they
	// are, whatever else was committed there since (a follow-up's policy in
	// the same kustomization).
	if err := repo.Push(ctx, opts.Remote, p.Branch, opts.Token, p.Paths...); err != nil {
		return err
	}
	// Push adopts the remote's commit when it already holds the change.
	_, p.Commit, err = repo.Head()
	return err
}

// branchName is kunerva/<issue>-<comment>-<slug> (kunerva/local-<slug>
// without an issue), the same for the same request, so a re-run updates the
// branch it made, and another for another comment, however alike their
// titles.
func branchName(req Request, title string) string {
	slug := gitrepo.Slug(title)
	switch {
	case req.Issue > 0 && req.Comment > 0:
		return fmt.Sprintf("kunerva/%d-%d-%s", req.Issue, req.Comment, slug)
	case req.Issue > 0:
		return fmt.Sprintf("kunerva/%d-%s", req.Issue, slug)
	}
	return "kunerva/local-" + slug
}

func commitMessage(req Request, p *Proposal) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s\n\nRequest: %s\n", p.Title, oneLine(req.Text))
	if req.Requester != "" {
		fmt.Fprintf(&b, "Requested-by: %s\n", req.Requester)
	}
	fmt.Fprintf(&b, "Engine: %s\n", generator.EngineText(p.Intent))
	if req.CommentURL != "" {
		fmt.Fprintf(&b, "Comment: %s\n", req.CommentURL)
	}
	return b.String()
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }
