package main

import (
	"cmp"
	"fmt"
	"io"
	"os"
	"slices"
	"time"

	"github.com/spf13/cobra"

	"github.com/kunerva/kunerva/internal/controlplane"
	"github.com/kunerva/kunerva/internal/gitrepo"
	"github.com/kunerva/kunerva/internal/pipeline"
	"github.com/kunerva/kunerva/internal/settings"
	"github.com/kunerva/kunerva/validate"
)

type proposeFlags struct {
	engineFlags
	repo, treeRoot, base, push, requester, demo string
	config                                      string
	cluster, kubeconfig, stages                 string
}

func newProposeCommand() *cobra.Command {
	var f proposeFlags
	cmd := &cobra.Command{
		Use:   "propose [flags] REQUEST...",
		Short: "Write a validated policy into the tree on a new branch, as the GitHub Action does, without GitHub",
		Example: `  kunerva propose --repo . --tree-root examples/shop "block access to /etc/resolv.conf in the nginx pods"
  kunerva propose --push origin "only the checkout pods may reach payments on 8443"`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			request, err := requestText(args, cmd.InOrStdin())
			if err != nil {
				return err
			}
			gen, err := f.options()
			if err != nil {
				return err
			}
			stages, err := validate.ParseStages(f.stages)
			if err != nil {
				return usageError{err}
			}
			if f.demo != "" {
				if cmd.Flags().Changed("repo") || cmd.Flags().Changed("tree-root") {
					return usageError{fmt.Errorf("--demo makes its own repository: leave out --repo and --tree-root")}
				}
				if err := pipeline.NewDemoRepo(f.demo); err != nil {
					return usageError{err}
				}
				if err := ensureControlPlane(cmd, f.cluster, f.kubeconfig, stages); err != nil {
					return err
				}
				fmt.Fprintf(cmd.OutOrStdout(), "repository: %s (a copy of examples/shop)\n", f.demo)
				f.repo = f.demo
			}
			// The repository's settings bind a local run as they bind the action.
			s, err := settings.Load(f.repo, f.base, f.config)
			if err != nil {
				return usageError{err}
			}
			f.treeRoot = cmp.Or(f.treeRoot, s.TreeRoot, ".")
			engine, err := f.newEngine(s, logTo(cmd.ErrOrStderr()))
			if err != nil {
				return err
			}
			opts := pipeline.Options{
				RepoDir: f.repo, TreeRoot: f.treeRoot, Base: f.base, Engine: engine, Generate: gen,
				Validate: validate.Config{Stages: stages, Cluster: validate.ClusterOptions{Mode: f.cluster, Kubeconfig: f.kubeconfig}, Forbid: s.Forbid},
				Remote:   f.push, Token: os.Getenv("GITHUB_TOKEN"),
				Author: gitrepo.Signature{Name: "kunerva", Email: "kunerva@users.noreply.github.com", When: time.Now()},
				Admit:  pipeline.Admit(s),
			}
			p, err := pipeline.Make(cmd.Context(), pipeline.Request{Text: request, Requester: f.requester}, opts)
			if err != nil {
				return err
			}
			return printProposal(cmd.OutOrStdout(), p, f.config)
		},
	}
	fl := cmd.Flags()
	f.engineFlags.register(fl)
	fl.StringVar(&f.repo, "repo", ".", "the git checkout to branch and commit in")
	fl.StringVar(&f.demo, "demo", "", "make DIR a git repository holding the demo tree (examples/shop, compiled in) and propose there")
	fl.StringVar(&f.treeRoot, "tree-root", "", "the kustomize tree's root, relative to --repo (default: the settings' treeRoot, else the repository's root)")
	fl.StringVar(&f.config, "config", settings.Path, "the repository's settings, read from --base (or the checked-out branch): allow-lists, tree root, engine")
	fl.StringVar(&f.base, "base", "", "the branch to start from (default: the checked-out one)")
	fl.StringVar(&f.push, "push", "", "push the branch to this remote (a name or URL); $GITHUB_TOKEN authenticates over HTTPS")
	fl.StringVar(&f.requester, "requester", os.Getenv("USER"), "who asked, for the commit message")
	fl.StringVar(&f.cluster, "cluster", validate.ClusterLocal, "where the dry-run runs without --kubeconfig: local, kind or none")
	fl.StringVar(&f.kubeconfig, "kubeconfig", "", "dry-run against this cluster")
	fl.StringVar(&f.stages, "stages", "schema,dryrun,checks", "validation stages")
	return cmd
}

// printProposal shows the proposal; a refusal or findings become the
// command's exit code.
func printProposal(w io.Writer, p *pipeline.Proposal, config string) error {
	if p.Result == pipeline.NotUnderstood {
		return p.Refusal
	}
	p.WriteText(w, config)
	if p.Result != pipeline.Proposed {
		return errFindings
	}
	return nil
}

// ensureControlPlane installs the dry-run's binaries for a demo when they are
// missing, so that the first command a new user runs works: downloaded and
// checksum-verified where the release hosts answer, else built (minutes).
func ensureControlPlane(cmd *cobra.Command, cluster, kubeconfig string, stages []validate.Stage) error {
	if kubeconfig != "" || cluster != validate.ClusterLocal || !slices.Contains(stages, validate.StageDryRun) {
		return nil
	}
	if _, err := controlplane.FindBinaries(); err == nil {
		return nil
	}
	fmt.Fprintln(cmd.ErrOrStderr(), "kunerva: the dry-run needs kube-apiserver and etcd; installing them first")
	_, err := controlplane.Install(cmd.Context(), controlplane.InstallOptions{Progress: cmd.ErrOrStderr()})
	return err
}
