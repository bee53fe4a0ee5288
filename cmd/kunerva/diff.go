package main

import (
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/kunerva/kunerva/internal/connectivity"
	"github.com/kunerva/kunerva/internal/tree"
	"github.com/kunerva/kunerva/validate"
)

func newDiffCommand() *cobra.Command {
	var treeDir, out string
	cmd := &cobra.Command{
		Use:   "diff --tree DIR [-o text|json|markdown] PATH... (files, directories, or - for stdin)",
		Short: "Say what policies change in a tree: which flows they allow or deny, what KubeArmor blocks",
		Example: `  kunerva diff --tree examples/shop deny-payments.yaml
  kunerva generate "..." | kunerva diff --tree examples/shop -o markdown -`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if out != "text" && out != "json" && out != "markdown" {
				return usageError{fmt.Errorf("unknown output %q: use text, json or markdown", out)}
			}
			if treeDir == "" {
				return usageError{fmt.Errorf("--tree is required: diff compares the tree under its own policies with the tree under them and the given ones")}
			}
			t, err := tree.Load(treeDir)
			if err != nil {
				return err
			}
			docs, err := validate.ReadPaths(args, cmd.InOrStdin())
			if err != nil {
				return usageError{err}
			}
			objs := policyObjects(docs)
			if len(objs) == 0 {
				return usageError{fmt.Errorf("no policy in %v: kunerva diffs NetworkPolicy, CiliumNetworkPolicy, CiliumClusterwideNetworkPolicy, KubeArmorPolicy, KubeArmorClusterPolicy and KubeArmorHostPolicy objects", args)}
			}
			before, err := connectivity.New(t)
			if err != nil {
				return fmt.Errorf("read the policies of %s: %w", treeDir, err)
			}
			after, err := before.With(objs)
			if err != nil {
				return fmt.Errorf("read the policies of %v: %w", args, err)
			}
			r, err := connectivity.Diff(before, after)
			if err != nil {
				return err
			}
			return writeReport(cmd.OutOrStdout(), out, r)
		},
	}
	cmd.Flags().StringVar(&treeDir, "tree", "", "kustomize tree whose workloads and policies the change applies to (required)")
	cmd.Flags().StringVarP(&out, "output", "o", "text", "output: text, json or markdown")
	return cmd
}

func writeReport(w io.Writer, out string, r connectivity.Report) error {
	var b []byte
	switch out {
	case "json":
		var err error
		if b, err = r.JSON(); err != nil {
			return err
		}
	case "markdown":
		b = []byte(r.Markdown())
	default:
		b = []byte(r.Text())
	}
	_, err := w.Write(b)
	return err
}
