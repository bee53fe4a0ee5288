package gitrepo

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/url"
	"strings"
	"syscall"
	"time"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/config"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/object"
	"github.com/go-git/go-git/v5/plumbing/transport"
	githttp "github.com/go-git/go-git/v5/plumbing/transport/http"

	"github.com/kunerva/kunerva/internal/httpretry"
)

// ErrRemoteMoved is returned by Push when the remote branch has commits the
// local branch does not have and a different tree: someone else pushed to it.
var ErrRemoteMoved = errors.New("the remote branch has commits that the local branch does not have")

// defaultRetry waits 1+2+4+8 s at most, enough for a git host's brief 5xx.
var defaultRetry = httpretry.Policy{Attempts: 5, Base: time.Second, Max: 8 * time.Second}

// tokenUser is the user name GitHub expects alongside an installation or
// Actions token in HTTP basic auth.
const tokenUser = "x-access-token"

// maxRaces bounds how often Push looks again after the remote branch moved
// between reading it and pushing to it.
const maxRaces = 3

// Push pushes branch to the remote (a configured remote's name like "origin",
// or a URL) with an optional token, sent as HTTP basic auth with the user
// "x-access-token" and ignored for remotes that are not http(s). Transient
// failures (5xx, 429, connection resets, timeouts) are retried with
// exponential backoff. When the remote branch has commits the local one does
// not have, Push fetches it: if it holds the local commit's change (a re-run
// that already pushed it, perhaps with more commits since), the local branch
// is moved to the remote commit and Push succeeds; otherwise it returns
// ErrRemoteMoved. The change held is the files named in held, as the local
// commit has them, or, when none are named, every file the local commit
// changed. No error it returns contains the token or a URL's credentials.
func (r *Repo) Push(ctx context.Context, remote, branch, token string, held ...string) error {
	return Redact(r.push(ctx, remote, branch, token, held), r.secrets(remote, token)...)
}

func (r *Repo) push(ctx context.Context, remote, branch, token string, held []string) error {
	rem, err := r.remote(remote)
	if err != nil {
		return fmt.Errorf("push %s: %w", branch, err)
	}
	cfg := rem.Config()
	if len(cfg.URLs) == 0 {
		return fmt.Errorf("push %s: remote %q has no URL", branch, remote)
	}
	shown := shownRemote(cfg, remote)
	fail := func(err error) error {
		if errors.Is(err, transport.ErrAuthenticationRequired) || errors.Is(err, transport.ErrAuthorizationFailed) {
			return fmt.Errorf("push %s to %s: %w; check that a token is given and may push to the repository (contents: write)", branch, shown, err)
		}
		return fmt.Errorf("push %s to %s: %w", branch, shown, err)
	}

	auth := basicAuth(cfg.URLs, token)
	ref := plumbing.NewBranchReferenceName(branch)
	local, err := r.repo.Reference(ref, true)
	if err != nil {
		return fail(fmt.Errorf("read local branch: %w", err))
	}
	ours := local.Hash()

	for race := 1; ; race++ {
		theirs, err := r.remoteTip(ctx, rem, auth, ref)
		if err != nil {
			return fail(err)
		}
		if theirs == ours {
			return nil
		}
		if !theirs.IsZero() && !r.contains(ours, theirs) {
			return r.reconcile(ctx, rem, auth, ref, ours, shown, held)
		}
		err = r.withRetry(ctx, func() error {
			return rem.PushContext(ctx, &git.PushOptions{
				RemoteName: cfg.Name,
				RefSpecs:   []config.RefSpec{config.RefSpec(ref + ":" + ref)},
				Auth:       auth,
			})
		})
		if err == nil || errors.Is(err, git.NoErrAlreadyUpToDate) {
			return nil
		}
		// A rejected push is a race only if the branch moved meanwhile;
		// anything else (auth, hooks, protection) is final.
		now, lerr := r.remoteTip(ctx, rem, auth, ref)
		if lerr != nil || now == theirs || race == maxRaces {
			return fail(err)
		}
	}
}

// reconcile decides what to do when the remote branch is not an ancestor of
// ours: converge when it already holds our tree, else report ErrRemoteMoved.
func (r *Repo) reconcile(ctx context.Context, rem *git.Remote, auth transport.AuthMethod, ref plumbing.ReferenceName, ours plumbing.Hash, shown string, held []string) error {
	// Fetch into a private ref that is removed again: only the objects
	// are wanted, not a name the user did not ask for.
	tmp := plumbing.ReferenceName("refs/kunerva/fetch/" + ref.Short())
	defer r.repo.Storer.RemoveReference(tmp)
	err := r.withRetry(ctx, func() error {
		return rem.FetchContext(ctx, &git.FetchOptions{
			RemoteName: rem.Config().Name,
			RefSpecs:   []config.RefSpec{config.RefSpec("+" + ref + ":" + tmp)},
			Auth:       auth,
			Tags:       git.NoTags,
		})
	})
	if err != nil && !errors.Is(err, git.NoErrAlreadyUpToDate) {
		return fmt.Errorf("push %s to %s: fetch the remote branch: %w", ref.Short(), shown, err)
	}
	fetched, err := r.repo.Reference(tmp, true)
	if err != nil {
		return fmt.Errorf("push %s to %s: read the fetched branch: %w", ref.Short(), shown, err)
	}
	theirs := fetched.Hash()
	ok, err := r.holds(theirs, ours, held)
	if err != nil {
		return fmt.Errorf("push %s to %s: compare with the remote branch: %w", ref.Short(), shown, err)
	}
	if !ok {
		return fmt.Errorf("push %s to %s: %w (remote at %s, local at %s, with different files); someone else pushed to the branch: merge their commits into it or delete the remote branch, then re-run",
			ref.Short(), shown, ErrRemoteMoved, theirs.String()[:12], ours.String()[:12])
	}
	// The remote already holds this change, committed by an earlier run
	// (and perhaps more since, such as a follow-up's): adopt its commit
	// instead of pushing a duplicate.
	if err := r.repo.Storer.SetReference(plumbing.NewHashReference(ref, theirs)); err != nil {
		return fmt.Errorf("push %s to %s: move the local branch to the remote commit: %w", ref.Short(), shown, err)
	}
	return nil
}

// holds reports whether commit theirs has the files named (every file
// commit ours changed from its first parent when none are) as commit ours
// has them, a file ours lacks being one theirs lacks too.
func (r *Repo) holds(theirs, ours plumbing.Hash, names []string) (bool, error) {
	co, err := r.repo.CommitObject(ours)
	if err != nil {
		return false, err
	}
	ct, err := r.repo.CommitObject(theirs)
	if err != nil {
		return false, err
	}
	if co.TreeHash == ct.TreeHash {
		return true, nil
	}
	if len(names) == 0 {
		if names, err = changed(co); err != nil {
			return false, err
		}
	}
	for _, name := range names {
		a, aerr := co.File(name)
		b, berr := ct.File(name)
		switch {
		case errors.Is(aerr, object.ErrFileNotFound) && errors.Is(berr, object.ErrFileNotFound):
		case errors.Is(aerr, object.ErrFileNotFound) || errors.Is(berr, object.ErrFileNotFound):
			return false, nil
		case aerr != nil:
			return false, aerr
		case berr != nil:
			return false, berr
		case a.Hash != b.Hash || a.Mode != b.Mode:
			return false, nil
		}
	}
	return true, nil
}

// changed lists the files a commit changed from its first parent (all its
// files for a commit without one).
func changed(c *object.Commit) ([]string, error) {
	to, err := c.Tree()
	if err != nil {
		return nil, err
	}
	from := &object.Tree{}
	if c.NumParents() > 0 {
		parent, err := c.Parent(0)
		if err != nil {
			return nil, err
		}
		if from, err = parent.Tree(); err != nil {
			return nil, err
		}
	}
	changes, err := object.DiffTree(from, to)
	if err != nil {
		return nil, err
	}
	var names []string
	for _, ch := range changes {
		names = append(names, cmp.Or(ch.To.Name, ch.From.Name))
	}
	return names, nil
}

// contains reports whether want is tip or one of its ancestors. Commits
// missing locally (beyond a shallow clone's boundary) end a path quietly.
func (r *Repo) contains(tip, want plumbing.Hash) bool {
	if _, err := r.repo.CommitObject(want); err != nil {
		return false
	}
	seen := map[plumbing.Hash]bool{}
	queue := []plumbing.Hash{tip}
	for len(queue) > 0 {
		h := queue[0]
		queue = queue[1:]
		if h == want {
			return true
		}
		if seen[h] {
			continue
		}
		seen[h] = true
		if c, err := r.repo.CommitObject(h); err == nil {
			queue = append(queue, c.ParentHashes...)
		}
	}
	return false
}

// remoteTip is the commit the remote's ref points at, zero when it has none.
func (r *Repo) remoteTip(ctx context.Context, rem *git.Remote, auth transport.AuthMethod, ref plumbing.ReferenceName) (plumbing.Hash, error) {
	var refs []*plumbing.Reference
	err := r.withRetry(ctx, func() error {
		var err error
		refs, err = rem.ListContext(ctx, &git.ListOptions{Auth: auth})
		return err
	})
	if errors.Is(err, transport.ErrEmptyRemoteRepository) {
		return plumbing.ZeroHash, nil
	}
	if err != nil {
		return plumbing.ZeroHash, fmt.Errorf("list remote branches: %w", err)
	}
	for _, x := range refs {
		if x.Name() == ref {
			return x.Hash(), nil
		}
	}
	return plumbing.ZeroHash, nil
}

// remote returns the configured remote called name, or an anonymous remote
// when name is a URL or a path.
func (r *Repo) remote(name string) (*git.Remote, error) {
	rem, err := r.repo.Remote(name)
	if err == nil {
		return rem, nil
	}
	if !errors.Is(err, git.ErrRemoteNotFound) {
		return nil, fmt.Errorf("read remote %q: %w", name, err)
	}
	if !strings.ContainsAny(name, `/\:`) {
		return nil, fmt.Errorf("no remote named %q; give a configured remote or a URL", name)
	}
	return git.NewRemote(r.repo.Storer, &config.RemoteConfig{Name: "anonymous", URLs: []string{name}}), nil
}

// basicAuth is the token as HTTP basic auth. It is nil without a token, and
// for remotes that are not http(s) (a path, ssh), which authenticate
// otherwise or not at all.
func basicAuth(urls []string, token string) transport.AuthMethod {
	if token == "" {
		return nil
	}
	for _, u := range urls {
		ep, err := transport.NewEndpoint(u)
		if err != nil || (ep.Protocol != "http" && ep.Protocol != "https") {
			return nil
		}
	}
	return &githttp.BasicAuth{Username: tokenUser, Password: token}
}

// withRetry runs op until it succeeds, fails for good, or the attempts are
// used up, waiting as the retry policy says between attempts.
func (r *Repo) withRetry(ctx context.Context, op func() error) error {
	for attempt := 1; ; attempt++ {
		err := op()
		if err == nil || !transient(err) {
			return err
		}
		if attempt >= r.retry.Attempts {
			return fmt.Errorf("%w (gave up after %d attempts)", err, attempt)
		}
		d, _ := r.retry.Delay(attempt, 0)
		if cerr := httpretry.Sleep(ctx, d); cerr != nil {
			return fmt.Errorf("%w (stopped retrying: %w)", err, cerr)
		}
	}
}

// transient reports whether err is worth another try: a server error, rate
// limiting, or a connection that broke or timed out.
func transient(err error) bool {
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return false
	}
	for _, e := range causes(err) {
		var status *githttp.Err
		if errors.As(e, &status) {
			code := status.StatusCode()
			return code >= 500 || code == 429
		}
		if errors.Is(e, syscall.ECONNRESET) || errors.Is(e, syscall.ECONNABORTED) || errors.Is(e, syscall.EPIPE) || errors.Is(e, io.ErrUnexpectedEOF) {
			return true
		}
		var uerr *url.Error
		if errors.As(e, &uerr) && errors.Is(uerr.Err, io.EOF) {
			return true // the server hung up before answering
		}
		var nerr net.Error
		if errors.As(e, &nerr) && nerr.Timeout() {
			return true
		}
	}
	return false
}

// causes flattens err's chain, including go-git's wrappers that have no
// Unwrap method.
func causes(err error) []error {
	var out []error
	var walk func(error)
	walk = func(e error) {
		for e != nil {
			out = append(out, e)
			switch x := e.(type) {
			case *plumbing.UnexpectedError:
				e = x.Err
			case *plumbing.PermanentError:
				e = x.Err
			case interface{ Unwrap() []error }:
				for _, inner := range x.Unwrap() {
					walk(inner)
				}
				return
			default:
				e = errors.Unwrap(e)
			}
		}
	}
	walk(err)
	return out
}
