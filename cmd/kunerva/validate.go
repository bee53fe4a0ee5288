package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/kunerva/kunerva/internal/policy"
	"github.com/kunerva/kunerva/internal/tree"
	"github.com/kunerva/kunerva/validate"
	"github.com/kunerva/kunerva/validate/output"
)

type validateFlags struct {
	tree, kubeconfig, context, cluster, stages, output string
	schemaLocations, forbid                            []string
}

// forbidUsage documents --forbid, for validate and check.
const forbidUsage = "ways of widening access that are errors, not warnings: all-peers, all-addresses, world, all-namespaces, cluster-wide (comma-separated or repeated)"

func newValidateCommand() *cobra.Command {
	var f validateFlags
	cmd := &cobra.Command{
		Use:   "validate [flags] PATH... (files, directories, or - for stdin)",
		Short: "Prove policies valid: schema, server-side dry-run, checks against the tree",
		Example: `  kunerva validate --tree examples/shop policy.yaml
  kunerva generate "..." | kunerva validate --stages schema,checks -
  kunerva validate --kubeconfig ~/.kube/config -o github policies/`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			cfg, err := f.config()
			if err != nil {
				return err
			}
			docs, err := validate.ReadPaths(args, cmd.InOrStdin())
			if err != nil {
				return usageError{err}
			}
			findings, err := validate.Run(cmd.Context(), cfg, docs)
			if err != nil {
				return err
			}
			if err := output.Write(cmd.OutOrStdout(), f.output, findings); err != nil {
				return err
			}
			if validate.HasErrors(findings) {
				return errFindings
			}
			return nil
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&f.tree, "tree", "", "kustomize tree the policies belong to (for the checks, and to seed a local cluster)")
	fl.StringVar(&f.kubeconfig, "kubeconfig", "", "dry-run against this cluster instead of a local control plane")
	fl.StringVar(&f.context, "context", "", "kubeconfig context")
	fl.StringVar(&f.cluster, "cluster", validate.ClusterLocal, "without --kubeconfig: local (an ephemeral control plane), kind (needs Docker) or none (no dry-run)")
	fl.StringVar(&f.stages, "stages", "schema,dryrun,checks", "stages to run, comma-separated")
	fl.StringVarP(&f.output, "output", "o", "text", "output: text, json, sarif or github (workflow commands)")
	fl.StringArrayVar(&f.schemaLocations, "schema-location", nil, "extra kubeconform schema location (a directory or URL template); repeatable")
	fl.StringSliceVar(&f.forbid, "forbid", nil, forbidUsage)
	return cmd
}

func (f validateFlags) config() (validate.Config, error) {
	stages, err := validate.ParseStages(f.stages)
	if err != nil {
		return validate.Config{}, usageError{err}
	}
	switch f.output {
	case "text", "json", "sarif", "github":
	default:
		return validate.Config{}, usageError{fmt.Errorf("unknown output %q: use text, json, sarif or github", f.output)}
	}
	switch f.cluster {
	case validate.ClusterLocal, validate.ClusterKind, validate.ClusterNone:
	default:
		return validate.Config{}, usageError{fmt.Errorf("unknown --cluster %q: use local, kind or none", f.cluster)}
	}
	for _, name := range f.forbid {
		if _, err := policy.ParseWidening(name); err != nil {
			return validate.Config{}, usageError{fmt.Errorf("--forbid: %w", err)}
		}
	}
	cfg := validate.Config{
		Stages:          stages,
		SchemaLocations: f.schemaLocations,
		Cluster:         validate.ClusterOptions{Mode: f.cluster, Kubeconfig: f.kubeconfig, Context: f.context},
		Forbid:          f.forbid,
	}
	if f.tree != "" {
		t, err := tree.Load(f.tree)
		if err != nil {
			return validate.Config{}, usageError{err}
		}
		cfg.Cluster.Tree = t
	}
	return cfg, nil
}
