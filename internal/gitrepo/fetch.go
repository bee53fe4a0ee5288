package gitrepo

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"slices"
	"strings"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/config"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/object"
	"github.com/go-git/go-git/v5/plumbing/transport"
)

// ErrNoRemoteBranch is returned by Fetch when the remote has no such branch.
var ErrNoRemoteBranch = errors.New("the remote has no such branch")

// Fetch makes the local branch point where the remote's branch of the same
// name points, fetching the commits it needs. The remote is the truth: a
// local branch that went elsewhere is moved, which is why Fetch refuses the
// checked-out branch (its worktree would no longer match HEAD). A CI checkout
// holds only the commit it was started for; Fetch brings in the branch a
// follow-up amends, or the base branch of a pull request. The token and the
// retries are as for Push, and no error carries the token.
func (r *Repo) Fetch(ctx context.Context, remote, branch, token string) error {
	return Redact(r.fetch(ctx, remote, branch, token), r.secrets(remote, token)...)
}

func (r *Repo) fetch(ctx context.Context, remote, branch, token string) error {
	ref := plumbing.NewBranchReferenceName(branch)
	if branch == "" || ref.Validate() != nil {
		return fmt.Errorf("fetch branch %q: not a valid git branch name", branch)
	}
	if head, err := r.repo.Storer.Reference(plumbing.HEAD); err == nil && head.Type() == plumbing.SymbolicReference && head.Target() == ref {
		return fmt.Errorf("fetch %s: the branch is checked out; check out another branch first", branch)
	}
	rem, err := r.remote(remote)
	if err != nil {
		return fmt.Errorf("fetch %s: %w", branch, err)
	}
	cfg := rem.Config()
	if len(cfg.URLs) == 0 {
		return fmt.Errorf("fetch %s: remote %q has no URL", branch, remote)
	}
	shown := shownRemote(cfg, remote)
	err = r.withRetry(ctx, func() error {
		return rem.FetchContext(ctx, &git.FetchOptions{
			RemoteName: cfg.Name,
			RefSpecs:   []config.RefSpec{config.RefSpec("+" + ref + ":" + ref)},
			Auth:       basicAuth(cfg.URLs, token),
			Tags:       git.NoTags,
		})
	})
	switch {
	case err == nil, errors.Is(err, git.NoErrAlreadyUpToDate):
		return nil
	case errors.Is(err, git.NoMatchingRefSpecError{}), errors.Is(err, transport.ErrEmptyRemoteRepository):
		return fmt.Errorf("fetch %s from %s: %w", branch, shown, ErrNoRemoteBranch)
	case errors.Is(err, transport.ErrAuthenticationRequired), errors.Is(err, transport.ErrAuthorizationFailed):
		return fmt.Errorf("fetch %s from %s: %w; check that a token is given and may read the repository (contents: read)", branch, shown, err)
	}
	return fmt.Errorf("fetch %s from %s: %w", branch, shown, err)
}

// HasBranch reports whether the local branch exists.
func (r *Repo) HasBranch(name string) bool {
	_, err := r.repo.Reference(plumbing.NewBranchReferenceName(name), true)
	return err == nil
}

// Checkout checks out an existing local branch as git checkout does: the
// files that differ between the two commits are rewritten, untracked files
// are left alone. Unlike Branch, which keeps the worktree for the files a
// run is about to write, it makes the worktree the branch's, so that the
// tree a follow-up loads is the one it amends. It refuses when tracked files
// have uncommitted changes, which the switch would lose.
func (r *Repo) Checkout(name string) error {
	ref := plumbing.NewBranchReferenceName(name)
	if _, err := r.repo.Reference(ref, true); err != nil {
		return fmt.Errorf("check out %s: no such local branch: %w", name, err)
	}
	st, err := r.wt.Status()
	if err != nil {
		return fmt.Errorf("check out %s: read the worktree's status: %w", name, err)
	}
	var dirty []string
	for file, s := range st {
		if s.Worktree != git.Untracked && (s.Staging != git.Unmodified || s.Worktree != git.Unmodified) {
			dirty = append(dirty, file)
		}
	}
	if len(dirty) > 0 {
		slices.Sort(dirty)
		return fmt.Errorf("check out %s: uncommitted changes to %s; commit or discard them first", name, strings.Join(dirty, ", "))
	}
	if err := r.wt.Checkout(&git.CheckoutOptions{Branch: ref}); err != nil {
		return fmt.Errorf("check out %s: %w", name, err)
	}
	return nil
}

// ReadFile returns the file at name (slash-separated, relative to the
// worktree's root) as committed at the local branch's tip, whatever the
// worktree holds: settings are read from the base branch, not from a pull
// request. A missing file is an error satisfying errors.Is(err, fs.ErrNotExist).
func (r *Repo) ReadFile(branch, name string) ([]byte, error) {
	ref, err := r.repo.Reference(plumbing.NewBranchReferenceName(branch), true)
	if err != nil {
		return nil, fmt.Errorf("read %s from %s: no such local branch: %w", name, branch, err)
	}
	c, err := r.repo.CommitObject(ref.Hash())
	if err != nil {
		return nil, fmt.Errorf("read %s from %s: %w", name, branch, err)
	}
	f, err := c.File(path.Clean(name))
	if errors.Is(err, object.ErrFileNotFound) {
		return nil, fmt.Errorf("read %s from %s: %w", name, branch, fs.ErrNotExist)
	}
	if err != nil {
		return nil, fmt.Errorf("read %s from %s: %w", name, branch, err)
	}
	rd, err := f.Reader()
	if err != nil {
		return nil, fmt.Errorf("read %s from %s: %w", name, branch, err)
	}
	defer rd.Close()
	return io.ReadAll(rd)
}
