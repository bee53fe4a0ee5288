package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/kunerva/kunerva/internal/gitrepo"
	"github.com/kunerva/kunerva/internal/pipeline"
	"github.com/kunerva/kunerva/internal/tree"
	"github.com/kunerva/kunerva/validate"
	"github.com/kunerva/kunerva/validate/output"
)

type checkFlags struct {
	repo, base, head, treeRoot string
	validate                   validateFlags
}

func newCheckCommand() *cobra.Command {
	var f checkFlags
	cmd := &cobra.Command{
		Use:   "check [flags]",
		Short: "Validate every policy a branch adds or changes, as a pull request's required check",
		Example: `  kunerva check --base origin/main --tree-root examples/shop
  kunerva check --base "origin/${GITHUB_BASE_REF}" -o github`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			cfg, err := f.validate.config()
			if err != nil {
				return err
			}
			docs, err := f.changedPolicies()
			if err != nil {
				return err
			}
			out := cmd.OutOrStdout()
			if len(docs) == 0 {
				if f.validate.output == "json" || f.validate.output == "sarif" {
					return output.Write(out, f.validate.output, nil)
				}
				fmt.Fprintln(out, "no policy changed")
				return f.summary(0, nil)
			}
			if cfg.Cluster.Tree, err = tree.Load(f.treeRoot); err != nil {
				return err
			}
			findings, err := validate.Run(cmd.Context(), cfg, docs)
			if err != nil {
				return err
			}
			if err := output.Write(out, f.validate.output, findings); err != nil {
				return err
			}
			if err := f.summary(validate.CountPolicies(docs), findings); err != nil {
				return err
			}
			if validate.HasErrors(findings) {
				return errFindings
			}
			return nil
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&f.repo, "repo", ".", "the git checkout")
	fl.StringVar(&f.base, "base", "", `the pull request's base (default origin/$GITHUB_BASE_REF when set, else "main")`)
	fl.StringVar(&f.head, "head", "HEAD", "the pull request's head; the worktree must hold it")
	fl.StringVar(&f.treeRoot, "tree-root", ".", "root of the kustomize tree: policies under it are checked, against it")
	fl.StringVar(&f.validate.kubeconfig, "kubeconfig", "", "dry-run against this cluster instead of a local control plane")
	fl.StringVar(&f.validate.cluster, "cluster", validate.ClusterLocal, "without --kubeconfig: local (an ephemeral control plane), kind (needs Docker) or none (no dry-run)")
	fl.StringVarP(&f.validate.output, "output", "o", "text", "output: text, json, sarif or github (workflow commands and a job summary)")
	fl.StringSliceVar(&f.validate.forbid, "forbid", nil, forbidUsage)
	f.validate.stages = "schema,dryrun,checks"
	return cmd
}

// changedPolicies reads the policies the branch adds or changes under the
// tree root.
func (f checkFlags) changedPolicies() ([]validate.Document, error) {
	r, err := gitrepo.Open(f.repo)
	if err != nil {
		return nil, err
	}
	base := f.base
	if base == "" {
		base = "main"
		if b := os.Getenv("GITHUB_BASE_REF"); b != "" {
			base = "origin/" + b
		}
	}
	under, err := relativeTo(r.Root(), f.treeRoot)
	if err != nil {
		return nil, err
	}
	return pipeline.ChangedPolicies(r, base, f.head, under)
}

// relativeTo returns dir relative to the repository's root, slash-separated.
func relativeTo(root, dir string) (string, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	for _, p := range []*string{&root, &abs} {
		if real, err := filepath.EvalSymlinks(*p); err == nil {
			*p = real
		}
	}
	rel, err := filepath.Rel(root, abs)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return "", usageError{fmt.Errorf("--tree-root %s is not inside the repository at %s", dir, root)}
	}
	return filepath.ToSlash(rel), nil
}

// summary appends the job summary when running as a GitHub check.
func (f checkFlags) summary(policies int, findings []validate.Finding) error {
	file := os.Getenv("GITHUB_STEP_SUMMARY")
	if f.validate.output != "github" || file == "" {
		return nil
	}
	return output.AppendSummary(file, policies, findings)
}
