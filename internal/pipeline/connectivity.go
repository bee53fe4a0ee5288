package pipeline

import (
	"maps"
	"slices"

	"github.com/kunerva/kunerva/generator"
	"github.com/kunerva/kunerva/internal/connectivity"
	"github.com/kunerva/kunerva/internal/gitrepo"
	"github.com/kunerva/kunerva/internal/tree"
	"github.com/kunerva/kunerva/validate"
)

// ChangeReport is what a branch's changed policies change in the tree t
// (built from head): after, t with the changed policies as head has them;
// before, t with the changed files as the branch found them, so that a
// policy the branch adds is absent and one it edits is as it was.
func ChangeReport(r *gitrepo.Repo, base, head string, t *tree.Tree, changed []validate.Document) (connectivity.Report, error) {
	var now []tree.Object
	var files []string
	for _, d := range changed {
		if validate.IsPolicy(d) {
			now = append(now, d.TreeObject())
			files = append(files, d.File)
		}
	}
	slices.Sort(files)
	old, err := r.ForkFiles(base, head, slices.Compact(files))
	if err != nil {
		return connectivity.Report{}, err
	}
	var was []tree.Object
	for _, f := range slices.Sorted(maps.Keys(old)) {
		docs, err := validate.Parse(f, old[f])
		if err != nil {
			continue // what the branch found did not parse: nothing to compare with
		}
		for _, d := range docs {
			if validate.IsPolicy(d) {
				was = append(was, d.TreeObject())
			}
		}
	}
	return diffOf(t, was, now)
}

// diffOf is what replacing the policies was with now changes in t. After
// the change was is gone: a policy of was that now does not name again
// (renamed, or taken out of its file) must not stay in force.
func diffOf(t *tree.Tree, was, now []tree.Object) (connectivity.Report, error) {
	m, err := connectivity.New(t)
	if err != nil {
		return connectivity.Report{}, err
	}
	if m, err = m.Without(now); err != nil {
		return connectivity.Report{}, err
	}
	before, err := m.With(was)
	if err != nil {
		return connectivity.Report{}, err
	}
	after, err := m.With(now)
	if err != nil {
		return connectivity.Report{}, err
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
	r, err := diffOf(t, nil, now)
	if err != nil {
		return nil, err.Error()
	}
	return &r, ""
}
