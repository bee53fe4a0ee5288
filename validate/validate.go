package validate

import (
	"context"
	"fmt"
	"slices"

	"k8s.io/client-go/rest"

	"github.com/kunerva/kunerva/internal/tree"
)

// Options configure a Validator.
type Options struct {
	// Stages to run; nil runs all.
	Stages []Stage
	// Tree is the kustomize tree the policies belong to, for the checks and to
	// seed a local control plane with its namespaces and workloads.
	Tree *tree.Tree
	// SchemaLocations are extra kubeconform schema locations (a directory or a
	// URL template), tried before the built-in schemas.
	SchemaLocations []string
	// CacheDir holds the JSON schemas converted from the compiled-in CRDs;
	// "" uses the user's cache directory.
	CacheDir string
	// Cluster is the API server for the dry-run stage.
	Cluster *rest.Config
}

// Validator runs the stages on policies.
type Validator struct {
	opts   Options
	schema *schemaStage
}

// New prepares a validator: it converts the compiled-in CRDs into JSON schemas
// in the cache directory and builds the kubeconform validator.
func New(opts Options) (*Validator, error) {
	if opts.Stages == nil {
		opts.Stages = Stages
	}
	for _, s := range opts.Stages {
		if !slices.Contains(Stages, s) {
			return nil, fmt.Errorf("unknown stage %q: use schema, dryrun or checks", s)
		}
	}
	if slices.Contains(opts.Stages, StageDryRun) && opts.Cluster == nil {
		return nil, fmt.Errorf("the dryrun stage needs a cluster")
	}
	v := &Validator{opts: opts}
	if slices.Contains(opts.Stages, StageSchema) {
		s, err := newSchemaStage(opts.SchemaLocations, opts.CacheDir)
		if err != nil {
			return nil, err
		}
		v.schema = s
	}
	return v, nil
}

// Validate runs the configured stages on the documents and returns every
// finding, in stage order. The error is for failures to check, not for
// invalid policies.
func (v *Validator) Validate(ctx context.Context, docs []Document) ([]Finding, error) {
	var findings []Finding
	for _, stage := range v.opts.Stages {
		var fs []Finding
		var err error
		switch stage {
		case StageSchema:
			fs, err = v.schema.validate(docs)
		case StageDryRun:
			fs, err = dryRun(ctx, v.opts.Cluster, docs)
		case StageChecks:
			fs = check(docs, v.opts.Tree)
		}
		if err != nil {
			return findings, fmt.Errorf("%s stage: %w", stage, err)
		}
		findings = append(findings, fs...)
	}
	return findings, nil
}
