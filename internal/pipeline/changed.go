package pipeline

import (
	"fmt"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"github.com/kunerva/kunerva/internal/gitrepo"
	"github.com/kunerva/kunerva/validate"
)

// ChangedPolicies reads, from the worktree, the YAML files under the
// directory under (slash-separated, relative to the repository's root; "."
// for all of it) that changed between base and head and hold at least one
// policy: what a pull request's check validates. Their names stay relative
// to the repository's root, as GitHub's annotations want them.
func ChangedPolicies(r *gitrepo.Repo, base, head, under string) ([]validate.Document, error) {
	files, err := r.ChangedFiles(base, head)
	if err != nil {
		return nil, err
	}
	var docs []validate.Document
	for _, file := range files {
		if !isPolicyFileName(file) || under != "." && !strings.HasPrefix(file, under+"/") {
			continue
		}
		data, err := os.ReadFile(filepath.Join(r.Root(), filepath.FromSlash(file)))
		if err != nil {
			return nil, fmt.Errorf("read %s: %w (is --head checked out?)", file, err)
		}
		ds, err := validate.Parse(file, data)
		if !slices.ContainsFunc(ds, validate.IsPolicy) {
			// Other YAML under the root (a workflow, a Helm values file)
			// is not ours; a policy that does not even parse fails the
			// tree's build instead.
			continue
		}
		if err != nil {
			return nil, err
		}
		docs = append(docs, ds...)
	}
	return docs, nil
}

func isPolicyFileName(file string) bool {
	switch path.Base(file) {
	case "kustomization.yaml", "kustomization.yml", "Kustomization":
		return false
	}
	ext := path.Ext(file)
	return ext == ".yaml" || ext == ".yml"
}
