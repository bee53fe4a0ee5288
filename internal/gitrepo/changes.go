package gitrepo

import (
	"errors"
	"fmt"
	"slices"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/object"
	"github.com/go-git/go-git/v5/utils/merkletrie"
)

// ChangedFiles returns the files, slash-separated and relative to the
// repository's root, that head adds or modifies since it left base: the diff
// from the merge base of the two revisions (a branch, a remote-tracking ref
// such as origin/main, a tag or a hash), as a pull request shows it, so that
// commits that landed on base meanwhile are not counted. Without a merge base
// (unrelated histories) it diffs base's tree against head's. Deleted files
// are left out: there is nothing left to check. A rename counts as the new
// path being added.
func (r *Repo) ChangedFiles(base, head string) ([]string, error) {
	from, h, err := r.forkPoint(base, head)
	if err != nil {
		return nil, err
	}
	fromTree, err := from.Tree()
	if err != nil {
		return nil, fmt.Errorf("read the tree of %s: %w", from.Hash, err)
	}
	toTree, err := h.Tree()
	if err != nil {
		return nil, fmt.Errorf("read the tree of %s: %w", head, err)
	}
	changes, err := fromTree.Diff(toTree)
	if err != nil {
		return nil, fmt.Errorf("diff %s..%s: %w", base, head, err)
	}
	var files []string
	for _, c := range changes {
		action, err := c.Action()
		if err != nil {
			return nil, fmt.Errorf("diff %s..%s: %w", base, head, err)
		}
		if action != merkletrie.Delete {
			files = append(files, c.To.Name)
		}
	}
	slices.Sort(files)
	return files, nil
}

// forkPoint returns where head left base (their merge base, or base
// itself for unrelated histories) and head's commit.
func (r *Repo) forkPoint(base, head string) (from, h *object.Commit, err error) {
	b, err := r.commit(base)
	if err != nil {
		return nil, nil, err
	}
	if h, err = r.commit(head); err != nil {
		return nil, nil, err
	}
	bases, err := b.MergeBase(h)
	if err != nil {
		return nil, nil, fmt.Errorf("find the merge base of %s and %s: %w", base, head, err)
	}
	if len(bases) > 0 {
		return bases[0], h, nil
	}
	return b, h, nil
}

// ForkFiles returns the files of names (slash-separated, relative to the
// root) as they were where head left base, the other side of
// ChangedFiles; a file that did not exist there is left out.
func (r *Repo) ForkFiles(base, head string, names []string) (map[string][]byte, error) {
	from, _, err := r.forkPoint(base, head)
	if err != nil {
		return nil, err
	}
	out := map[string][]byte{}
	for _, name := range names {
		f, err := from.File(name)
		if errors.Is(err, object.ErrFileNotFound) {
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("read %s at %s: %w", name, from.Hash, err)
		}
		text, err := f.Contents()
		if err != nil {
			return nil, fmt.Errorf("read %s at %s: %w", name, from.Hash, err)
		}
		out[name] = []byte(text)
	}
	return out, nil
}

func (r *Repo) commit(rev string) (*object.Commit, error) {
	hash, err := r.repo.ResolveRevision(plumbing.Revision(rev))
	if err != nil {
		return nil, fmt.Errorf("resolve %q: %w; with actions/checkout, set fetch-depth: 0 so the base branch is there", rev, err)
	}
	c, err := r.repo.CommitObject(*hash)
	if err != nil {
		return nil, fmt.Errorf("read commit %s (%s): %w", rev, hash, err)
	}
	return c, nil
}
