package action

import (
	"context"
	"errors"
	"slices"
	"strings"

	"github.com/kunerva/kunerva/internal/gitrepo"
	"github.com/kunerva/kunerva/internal/settings"
)

// target is where a request's policy goes.
type target struct {
	base  string       // the branch a new pull request starts from
	amend string       // the kunerva branch of the pull request commented on
	pr    *PullRequest // the pull request commented on, if any
}

func (r *run) target(ctx context.Context) (target, error) {
	if !r.ev.onPR {
		return target{base: r.ev.defaultBr}, nil
	}
	pr, err := r.gh.PullRequest(ctx, r.ev.number)
	if err != nil {
		return target{}, err
	}
	t := target{base: pr.Base, pr: pr}
	// Only kunerva's own branches in this repository are amended; a branch
	// in a fork cannot be pushed to, whatever it is called.
	if pr.Open && strings.HasPrefix(pr.Head, "kunerva/") && strings.EqualFold(pr.HeadRepo, r.in.Repository) {
		t.amend = pr.Head
	}
	return t, nil
}

// checkout finds the request's target, reads the settings from the
// default branch and checks out the tree the request is understood and
// validated against: the one its policy lands in, the base branch's or the
// amended branch's.
func (r *run) checkout(ctx context.Context) (target, *settings.Settings, error) {
	t, err := r.target(ctx)
	if err != nil {
		return target{}, nil, err
	}
	repo, err := gitrepo.Open(r.in.Workspace)
	if err != nil {
		return target{}, nil, err
	}
	remote := r.in.remoteURL()
	if r.ev.defaultBr == "" {
		return target{}, nil, errors.New("the event payload does not name the repository's default branch, where kunerva's settings are read")
	}
	for _, b := range slices.Compact([]string{r.ev.defaultBr, t.base}) {
		if !repo.HasBranch(b) {
			r.logf("fetching %s", b)
			if err := repo.Fetch(ctx, remote, b, r.in.Token); err != nil {
				return target{}, nil, err
			}
		}
	}
	// From the default branch only: a pull request's base is a branch its
	// author chooses (and may have pushed), and its head and the worktree
	// are the author's too.
	cfg, err := settings.Read(repo, r.ev.defaultBr, r.in.ConfigPath)
	if err != nil {
		return target{}, nil, err
	}
	if err := repo.Checkout(t.base); err != nil {
		return target{}, nil, err
	}
	if t.amend != "" {
		r.logf("fetching %s to amend #%d", t.amend, t.pr.Number)
		err := repo.Fetch(ctx, remote, t.amend, r.in.Token)
		if errors.Is(err, gitrepo.ErrNoRemoteBranch) {
			r.logf("%s is gone; opening a new pull request instead", t.amend)
			t.amend = ""
		} else if err != nil {
			return target{}, nil, err
		} else if err := repo.Checkout(t.amend); err != nil {
			return target{}, nil, err
		}
	}
	return t, cfg, nil
}
