package main

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/kunerva/kunerva/generator"
	"github.com/kunerva/kunerva/internal/infer"
	"github.com/kunerva/kunerva/internal/tree"
)

func newInferCommand() *cobra.Command {
	var treeDir, kind, out string
	var opts infer.Options
	cmd := &cobra.Command{
		Use:   "infer --tree DIR [-n NAMESPACE]... [flags]",
		Short: "Infer least-privilege policies from the manifests: a default deny per namespace and what its workloads are shown to need",
		Example: `  kunerva infer --tree examples/travel -n payments
  kunerva infer --tree examples/travel -n booking --kind CiliumNetworkPolicy -o explain
  kunerva infer --tree examples/travel -n data --system -o json`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if treeDir == "" {
				return usageError{errors.New("--tree is required: the kustomize tree to infer from")}
			}
			switch out {
			case "yaml", "explain", "json":
			default:
				return usageError{fmt.Errorf("unknown output %q: use yaml, explain or json", out)}
			}
			k, err := generator.ParseKind(kind)
			if err != nil {
				return usageError{err}
			}
			switch k {
			case generator.KindAuto, generator.KindNetworkPolicy, generator.KindCilium:
			default:
				return usageError{fmt.Errorf("--kind %s: infer writes NetworkPolicy or CiliumNetworkPolicy (or auto)", kind)}
			}
			opts.Kind = k
			t, err := tree.Load(treeDir)
			if err != nil {
				return err
			}
			res, err := infer.Infer(t, opts)
			if err != nil {
				return err
			}
			if err := writeInferred(cmd.OutOrStdout(), out, res); err != nil {
				return err
			}
			if len(res.Proof.Problems) > 0 {
				fmt.Fprintf(cmd.ErrOrStderr(), "kunerva: the inferred policies are not proved:\n- %s\n", strings.Join(res.Proof.Problems, "\n- "))
				return errFindings
			}
			return nil
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&treeDir, "tree", "", "the kustomize tree to infer from")
	fl.StringArrayVarP(&opts.Namespaces, "namespace", "n", nil, "a namespace to lock down (repeatable; default: every namespace with workloads)")
	fl.StringVar(&kind, "kind", "auto", "auto (NetworkPolicy, Cilium where a rule names a host), NetworkPolicy or CiliumNetworkPolicy")
	fl.BoolVar(&opts.System, "system", false, "also add KubeArmor hardening rules in Audit for every workload")
	fl.StringVarP(&out, "output", "o", "yaml", "output: yaml (with comments that give each rule's source), explain or json")
	return cmd
}

func writeInferred(w io.Writer, out string, res *infer.Result) error {
	switch out {
	case "explain":
		_, err := io.WriteString(w, res.Explain())
		return err
	case "json":
		data, err := res.JSON()
		if err != nil {
			return err
		}
		_, err = fmt.Fprintf(w, "%s\n", data)
		return err
	}
	data, err := res.YAML()
	if err != nil {
		return err
	}
	_, err = w.Write(data)
	return err
}
