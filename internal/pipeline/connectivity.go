package pipeline

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/kunerva/kunerva/generator"
	"github.com/kunerva/kunerva/internal/connectivity"
	"github.com/kunerva/kunerva/internal/gitrepo"
	"github.com/kunerva/kunerva/internal/tree"
)

// ChangeReport is what a branch changes in the policies of the tree at
// under (slash-separated, relative to the repository's root), whose build
// from head is t: its workloads, under the policies of the tree as the
// branch found it, then under t's own. Both sides are kustomize builds, so
// a deleted or renamed file, a kustomization that drops a policy or
// patches it, and a namespace or name prefix set by a kustomization all
// count.
func ChangeReport(r *gitrepo.Repo, base, head, under string, t *tree.Tree) (connectivity.Report, error) {
	dir, err := os.MkdirTemp("", "kunerva-fork-")
	if err != nil {
		return connectivity.Report{}, err
	}
	defer os.RemoveAll(dir)
	if err := r.ExportFork(base, head, dir); err != nil {
		return connectivity.Report{}, err
	}
	was, err := tree.Load(filepath.Join(dir, filepath.FromSlash(under)))
	if err != nil {
		return connectivity.Report{}, fmt.Errorf("the tree as the branch found it: %w", err)
	}
	after, err := connectivity.New(t)
	if err != nil {
		return connectivity.Report{}, err
	}
	before, err := after.WithPoliciesOf(was)
	if err != nil {
		return connectivity.Report{}, fmt.Errorf("the tree as the branch found it: %w", err)
	}
	return connectivity.Diff(before, after)
}

// change is what a proposal's policies change in the tree it is for. The
// report helps a reviewer; a tree policy the model cannot read costs the
// report, not the proposal.
func change(t *tree.Tree, policies []generator.Policy) (*connectivity.Report, string) {
	var now []tree.Object
	for _, p := range policies {
		o, err := p.TreeObject()
		if err != nil {
			return nil, err.Error()
		}
		now = append(now, o)
	}
	before, err := connectivity.New(t)
	if err != nil {
		return nil, err.Error()
	}
	after, err := before.With(now)
	if err != nil {
		return nil, err.Error()
	}
	r, err := connectivity.Diff(before, after)
	if err != nil {
		return nil, err.Error()
	}
	return &r, ""
}
