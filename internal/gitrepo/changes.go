package gitrepo

import (
	"fmt"
	"os"
	"path/filepath"
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

// ExportFork writes every file of the repository as it was where head
// left base (the other side of ChangedFiles) into dir, so that the tree a
// pull request started from can be built as it was.
func (r *Repo) ExportFork(base, head, dir string) error {
	from, _, err := r.forkPoint(base, head)
	if err != nil {
		return err
	}
	files, err := from.Files()
	if err != nil {
		return fmt.Errorf("read the files of %s: %w", from.Hash, err)
	}
	return files.ForEach(func(f *object.File) error {
		if !f.Mode.IsFile() {
			return nil // symlinks and submodules are not part of a tree's build here
		}
		text, err := f.Contents()
		if err != nil {
			return fmt.Errorf("read %s at %s: %w", f.Name, from.Hash, err)
		}
		p := filepath.Join(dir, filepath.FromSlash(f.Name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		return os.WriteFile(p, []byte(text), 0o644)
	})
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
