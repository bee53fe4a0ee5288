package main

import (
	"cmp"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/kunerva/kunerva/generator"
	"github.com/kunerva/kunerva/internal/eval"
	"github.com/kunerva/kunerva/internal/eval/devset"
	"github.com/kunerva/kunerva/validate"
)

type evalFlags struct {
	// engineFlags choose the engine. Their per-request flags (--namespace,
	// --kind, --allow-dns, --assume-app-label) are not registered: each case
	// carries its own.
	engineFlags
	datasets                      []string
	root, stages, cluster, output string
	minMatch                      float64
	verbose                       bool
}

func newEvalCommand() *cobra.Command {
	var f evalFlags
	cmd := &cobra.Command{
		Use:   "eval --dataset PATH [flags]",
		Short: "Measure an engine on a dataset of requests with expected policies",
		Long: `eval runs every request of a dataset (a directory of *.yaml files or one
file, in the dev-set format of generator/testdata/devset) through the engine,
validates what it produced, and reports the semantic match rate, the wrong
answers, the validity rate, the refusal rates, the BLEU of the YAML and the
latency, overall, per dataset (when several are given, such as the open set
and the sealed slice), per intent family and per kind, as a table or as JSON.

The report is the result: eval exits 0 whatever the figures, unless
--min-match is given and the match rate is below it (exit 1), for CI.`,
		Example: `  kunerva eval --dataset generator/testdata/devset --dataset generator/testdata/sealed
  kunerva eval --dataset generator/testdata/devset
  kunerva eval --dataset generator/testdata/devset --cluster none -o json
  kunerva eval --dataset generator/testdata/devset --min-match 0.95`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			cfg, err := f.config()
			if err != nil {
				return err
			}
			if cfg.Engine, err = f.newEngine(nil, logTo(cmd.ErrOrStderr())); err != nil {
				return err
			}
			cfg.EngineName = cmp.Or(f.engine, generator.EngineBuiltin)
			cases, err := devset.LoadSlices(f.datasets...)
			if err != nil {
				return usageError{fmt.Errorf("read the dataset: %w", err)}
			}
			if f.verbose {
				cfg.Log = cmd.ErrOrStderr()
			}
			report, err := eval.Run(cmd.Context(), cases, cfg)
			if err != nil {
				return err
			}
			report.Datasets = f.datasets
			if err := report.Write(cmd.OutOrStdout(), f.output); err != nil {
				return err
			}
			if r := report.Total.MatchRate; cmd.Flags().Changed("min-match") && (r == nil || *r < f.minMatch) {
				got := "none (no case with expected policies)"
				if r != nil {
					got = fmt.Sprintf("%.3f", *r)
				}
				fmt.Fprintf(cmd.ErrOrStderr(), "kunerva: match rate %s is below --min-match %.3f\n", got, f.minMatch)
				return errFindings
			}
			return nil
		},
	}
	fl := cmd.Flags()
	f.engineFlags.registerEngine(fl)
	fl.StringArrayVar(&f.datasets, "dataset", nil, "dataset: a directory of *.yaml files or one file (required); repeat it to report slices apart, e.g. the open set and the sealed slice")
	fl.StringVar(&f.root, "root", ".", "directory the cases' trees are relative to")
	fl.StringVar(&f.stages, "stages", "schema,dryrun,checks", "validation stages to run, comma-separated")
	fl.StringVar(&f.cluster, "cluster", validate.ClusterLocal, "dry-run on local (an ephemeral control plane per tree of the dataset) or none (no dry-run)")
	fl.StringVarP(&f.output, "output", "o", "table", "output: table or json")
	fl.Float64Var(&f.minMatch, "min-match", 0, "exit 1 when the match rate (0 to 1) is below this")
	fl.BoolVarP(&f.verbose, "verbose", "v", false, "log each validation session and each case that is not a match or a correct refusal to stderr")
	return cmd
}

func (f evalFlags) config() (eval.Config, error) {
	if len(f.datasets) == 0 {
		return eval.Config{}, usageError{fmt.Errorf("--dataset is required")}
	}
	stages, err := validate.ParseStages(f.stages)
	if err != nil {
		return eval.Config{}, usageError{err}
	}
	switch f.cluster {
	case validate.ClusterLocal, validate.ClusterNone:
	default:
		return eval.Config{}, usageError{fmt.Errorf("unknown --cluster %q: use local or none", f.cluster)}
	}
	switch f.output {
	case "table", "json":
	default:
		return eval.Config{}, usageError{fmt.Errorf("unknown output %q: use table or json", f.output)}
	}
	if f.minMatch < 0 || f.minMatch > 1 {
		return eval.Config{}, usageError{fmt.Errorf("--min-match %v: give a fraction from 0 to 1", f.minMatch)}
	}
	return eval.Config{
		Trees:    &devset.Trees{Root: f.root},
		Validate: validate.Config{Stages: stages, Cluster: validate.ClusterOptions{Mode: f.cluster}},
	}, nil
}
