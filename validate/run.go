package validate

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/kunerva/kunerva/internal/policy"
	"github.com/kunerva/kunerva/internal/tree"
)

// Config is everything one validation run needs.
type Config struct {
	Stages          []Stage
	SchemaLocations []string
	CacheDir        string
	// Cluster names the API server for the dry-run stage; Mode "none" skips it.
	Cluster ClusterOptions
	// Forbid names ways of widening access (all-peers, all-addresses,
	// world, all-namespaces, cluster-wide: internal/policy's Widenings)
	// that the checks stage reports as errors, not warnings.
	Forbid []string
}

// Run validates the documents in the configured stages. It opens (or starts)
// the cluster for the dry-run stage and releases it before returning.
func Run(ctx context.Context, cfg Config, docs []Document) (findings []Finding, err error) {
	s, err := Open(ctx, cfg, docs)
	if err != nil {
		return nil, err
	}
	defer func() {
		if cerr := s.Close(context.WithoutCancel(ctx)); cerr != nil && err == nil {
			err = cerr
		}
	}()
	return s.Validate(ctx, docs)
}

// Session validates one batch of documents after another under one
// configuration, with the dry-run's cluster opened (or started) once: a
// repair loop or an evaluation validates many policies against one tree.
type Session struct {
	stages  []Stage
	schema  *schemaStage // for the schema stage
	cluster *cluster     // for the dry-run stage
	tree    *tree.Tree   // for the checks; nil runs those that need none
	forbid  map[policy.Widening]bool
}

// Open prepares a session: it converts the compiled-in CRDs into JSON
// schemas in the cache directory, builds the kubeconform validator and opens
// the cluster. docs, which may be nil, name namespaces a started cluster is
// seeded with besides the tree's; later documents' new namespaces are
// created as they come.
func Open(ctx context.Context, cfg Config, docs []Document) (*Session, error) {
	stages := cfg.Stages
	if stages == nil {
		stages = Stages
	}
	for _, st := range stages {
		if !slices.Contains(Stages, st) {
			return nil, fmt.Errorf("unknown stage %q: use schema, dryrun or checks", st)
		}
	}
	if cfg.Cluster.Mode == ClusterNone && cfg.Cluster.Kubeconfig == "" && cfg.Cluster.REST == nil {
		stages = slices.DeleteFunc(slices.Clone(stages), func(s Stage) bool { return s == StageDryRun })
	}
	forbid, err := parseForbid(cfg.Forbid)
	if err != nil {
		return nil, err
	}
	s := &Session{stages: stages, tree: cfg.Cluster.Tree, forbid: forbid}
	if slices.Contains(stages, StageDryRun) {
		c, err := openCluster(ctx, cfg.Cluster, docs)
		if err != nil {
			return nil, err
		}
		s.cluster = c
		// Without a tree, an existing cluster's live objects stand in for it.
		if s.tree == nil && cfg.Cluster.Kubeconfig != "" && slices.Contains(stages, StageChecks) {
			if s.tree, err = liveTree(ctx, c.Config); err != nil {
				s.Close(ctx)
				return nil, err
			}
		}
	}
	if slices.Contains(stages, StageSchema) {
		schema, err := newSchemaStage(cfg.SchemaLocations, cfg.CacheDir)
		if err != nil {
			s.Close(ctx)
			return nil, err
		}
		s.schema = schema
	}
	return s, nil
}

// Stages are the stages the session runs: the configured ones, without the
// dry-run when there is no cluster.
func (s *Session) Stages() []Stage { return s.stages }

// Validate runs the session's stages on the documents and returns every
// finding, in stage order. The error is for failures to check, not for
// invalid policies.
func (s *Session) Validate(ctx context.Context, docs []Document) ([]Finding, error) {
	if s.cluster != nil && s.cluster.close != nil {
		// A cluster kunerva started has only the namespaces it was seeded with.
		if err := createNamespaces(ctx, s.cluster.Config, docs, nil); err != nil {
			return nil, err
		}
	}
	var findings []Finding
	for _, stage := range s.stages {
		var fs []Finding
		var err error
		switch stage {
		case StageSchema:
			fs, err = s.schema.validate(docs)
		case StageDryRun:
			fs, err = dryRun(ctx, s.cluster.Config, docs)
		case StageChecks:
			fs = check(docs, s.tree, s.forbid)
		}
		if err != nil {
			return findings, fmt.Errorf("%s stage: %w", stage, err)
		}
		findings = append(findings, fs...)
	}
	return findings, nil
}

// parseForbid reads Config.Forbid, reporting every unknown name.
func parseForbid(names []string) (map[policy.Widening]bool, error) {
	forbid := map[policy.Widening]bool{}
	var errs []error
	for _, name := range names {
		w, err := policy.ParseWidening(name)
		if err != nil {
			errs = append(errs, fmt.Errorf("forbid: %w", err))
			continue
		}
		forbid[w] = true
	}
	return forbid, errors.Join(errs...)
}

// Close releases the cluster the session started.
func (s *Session) Close(ctx context.Context) error {
	if err := s.cluster.Close(ctx); err != nil {
		return fmt.Errorf("stop the cluster: %w", err)
	}
	return nil
}

// ParseStages reads a comma-separated list such as "schema,checks".
func ParseStages(s string) ([]Stage, error) {
	var out []Stage
	for _, part := range strings.Split(s, ",") {
		st := Stage(strings.TrimSpace(part))
		if !slices.Contains(Stages, st) {
			return nil, fmt.Errorf("unknown stage %q: use schema, dryrun and checks, separated by commas", part)
		}
		if !slices.Contains(out, st) {
			out = append(out, st)
		}
	}
	return out, nil
}

// ReadPaths reads the documents of files, of the YAML and JSON files below
// directories, and of stdin for "-".
func ReadPaths(paths []string, stdin io.Reader) ([]Document, error) {
	var docs []Document
	read := func(name string, data []byte) error {
		ds, err := Parse(name, data)
		docs = append(docs, ds...)
		return err
	}
	for _, p := range paths {
		if p == "-" {
			data, err := io.ReadAll(stdin)
			if err != nil {
				return nil, fmt.Errorf("read stdin: %w", err)
			}
			if err := read("<stdin>", data); err != nil {
				return nil, err
			}
			continue
		}
		err := filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() {
				return nil
			}
			ext := filepath.Ext(path)
			if path != p && ext != ".yaml" && ext != ".yml" && ext != ".json" {
				return nil
			}
			if filepath.Base(path) == "kustomization.yaml" || filepath.Base(path) == "kustomization.yml" {
				return nil
			}
			data, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			return read(path, data)
		})
		if err != nil {
			return nil, err
		}
	}
	if len(docs) == 0 {
		return nil, fmt.Errorf("no objects in %s", strings.Join(paths, ", "))
	}
	return docs, nil
}
