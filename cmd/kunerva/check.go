package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/kunerva/kunerva/internal/connectivity"
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
		Short: "Validate every policy a branch adds or changes, and say what it changes in the tree's policies, as a pull request's required check",
		Example: `  kunerva check --base origin/main --tree-root examples/shop
  kunerva check --base "origin/${GITHUB_BASE_REF}" -o github`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			cfg, err := f.validate.config()
			if err != nil {
				return err
			}
			repo, base, err := f.open()
			if err != nil {
				return err
			}
			under, err := relativeTo(repo.Root(), f.treeRoot)
			if err != nil {
				return err
			}
			docs, err := pipeline.ChangedPolicies(repo, base, f.head, under)
			if err != nil {
				return err
			}
			out := cmd.OutOrStdout()
			t, err := tree.Load(f.treeRoot)
			if err != nil && len(docs) > 0 {
				return err
			}
			// What the branch changes in the tree's policies, whichever
			// files it touched: a deleted policy or an edited
			// kustomization changes no policy file.
			change := changeText(repo, base, f.head, under, t, err)
			if len(docs) == 0 {
				if f.validate.output == "json" || f.validate.output == "sarif" {
					return output.Write(out, f.validate.output, nil)
				}
				if change.none || t == nil {
					fmt.Fprintln(out, "no policy changed")
					return f.summary(0, nil, "")
				}
				if f.validate.output == "text" {
					fmt.Fprintf(out, "No policy file changed, but the tree's policies did:\n%s", change.text)
				}
				return f.summary(0, nil, change.markdown)
			}
			cfg.Cluster.Tree = t
			findings, err := validate.Run(cmd.Context(), cfg, docs)
			if err != nil {
				return err
			}
			if err := output.Write(out, f.validate.output, findings); err != nil {
				return err
			}
			if f.validate.output == "text" {
				fmt.Fprintf(out, "\nWhat the branch changes in the tree's policies:\n%s", change.text)
			}
			if err := f.summary(validate.CountPolicies(docs), findings, change.markdown); err != nil {
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

// open opens the checkout and says which base it compares with.
func (f checkFlags) open() (*gitrepo.Repo, string, error) {
	r, err := gitrepo.Open(f.repo)
	if err != nil {
		return nil, "", err
	}
	base := f.base
	if base == "" {
		base = "main"
		if b := os.Getenv("GITHUB_BASE_REF"); b != "" {
			base = "origin/" + b
		}
	}
	return r, base, nil
}

// change is what the branch changes in the tree's policies, for the
// terminal and for the job summary; none says nothing changes.
type change struct {
	text, markdown string
	none           bool
}

// changeText works out what the branch changes in the tree's policies;
// when it cannot (loadErr: head's tree does not build), it says why, and
// the check goes on: the report helps a reviewer, the findings decide the
// check.
func changeText(r *gitrepo.Repo, base, head, under string, t *tree.Tree, loadErr error) change {
	report, err := connectivity.Report{}, loadErr
	if err == nil {
		report, err = pipeline.ChangeReport(r, base, head, under, t)
	}
	if err != nil {
		why := "kunerva could not work out what this changes in the tree: "
		return change{text: why + err.Error() + "\n", markdown: why + connectivity.EscapeMarkdown(err.Error()) + "\n"}
	}
	return change{text: report.Text(), markdown: report.MarkdownWithin(maxSummaryChange), none: len(report.Changes) == 0 && len(report.System) == 0}
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

// maxSummaryChange is the most of the job summary the change report may
// take: GitHub drops a step's summary over 1 MiB, and the validation's
// summary comes before it.
const maxSummaryChange = 512 << 10

// summary appends the job summary when running as a GitHub check.
func (f checkFlags) summary(policies int, findings []validate.Finding, change string) error {
	file := os.Getenv("GITHUB_STEP_SUMMARY")
	if f.validate.output != "github" || file == "" {
		return nil
	}
	if err := output.AppendSummary(file, policies, findings); err != nil {
		return err
	}
	if change == "" {
		return nil
	}
	w, err := os.OpenFile(file, os.O_APPEND|os.O_WRONLY, 0o644)
	if err != nil {
		return fmt.Errorf("write the job summary: %w", err)
	}
	_, err = fmt.Fprintf(w, "\n### What the changed policies change\n\n%s", change)
	if cerr := w.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("write the job summary: %w", err)
	}
	return nil
}
