package main

import (
	"encoding/json"
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/kunerva/kunerva/internal/connectivity"
	"github.com/kunerva/kunerva/internal/tree"
	"github.com/kunerva/kunerva/validate"
)

func newExplainCommand() *cobra.Command {
	var treeDir, out string
	cmd := &cobra.Command{
		Use:   "explain [--tree DIR] PATH... (files, directories, or - for stdin)",
		Short: "Say in plain English what policies do, and which workloads of the tree they select",
		Example: `  kunerva explain policy.yaml
  kunerva explain --tree examples/shop examples/shop/policies/
  kubectl get cnp -A -o yaml | kunerva explain -`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if out != "text" && out != "json" {
				return usageError{fmt.Errorf("unknown output %q: use text or json", out)}
			}
			var t *tree.Tree
			if treeDir != "" {
				var err error
				if t, err = tree.Load(treeDir); err != nil {
					return err
				}
			}
			docs, err := validate.ReadPaths(args, cmd.InOrStdin())
			if err != nil {
				return usageError{err}
			}
			var xs []connectivity.Explanation
			for _, o := range policyObjects(docs) {
				x, err := connectivity.Explain(t, o)
				if err != nil {
					return err
				}
				xs = append(xs, x)
			}
			if len(xs) == 0 {
				return usageError{fmt.Errorf("no policy in %v: kunerva explains NetworkPolicy, CiliumNetworkPolicy, CiliumClusterwideNetworkPolicy, KubeArmorPolicy, KubeArmorClusterPolicy and KubeArmorHostPolicy objects", args)}
			}
			return writeExplanations(cmd.OutOrStdout(), out, xs, t != nil)
		},
	}
	cmd.Flags().StringVar(&treeDir, "tree", "", "kustomize tree: also say which of its workloads each policy selects")
	cmd.Flags().StringVarP(&out, "output", "o", "text", "output: text or json")
	return cmd
}

func writeExplanations(w io.Writer, out string, xs []connectivity.Explanation, withTree bool) error {
	if out == "json" {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(xs)
	}
	for i, x := range xs {
		if i > 0 {
			fmt.Fprintln(w)
		}
		if _, err := io.WriteString(w, x.Text(withTree)); err != nil {
			return err
		}
	}
	return nil
}

// policyObjects are the policy documents as tree objects.
func policyObjects(docs []validate.Document) []tree.Object {
	var objs []tree.Object
	for _, d := range docs {
		if validate.IsPolicy(d) {
			objs = append(objs, d.TreeObject())
		}
	}
	return objs
}
