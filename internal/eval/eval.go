package eval

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"sigs.k8s.io/yaml"

	"github.com/kunerva/kunerva/generator"
	"github.com/kunerva/kunerva/internal/eval/devset"
	"github.com/kunerva/kunerva/internal/pipeline"
	"github.com/kunerva/kunerva/internal/semantic"
	"github.com/kunerva/kunerva/validate"
)

// Config is what one evaluation runs with.
type Config struct {
	Engine generator.Engine
	// EngineName names the engine in the report ("" takes it from the intents).
	EngineName string
	// Trees loads the trees the cases name; nil reads them relative to ".".
	Trees *devset.Trees
	// Validate gives the stages and the cluster mode; Cluster.Tree is filled
	// in per tree of the dataset.
	Validate validate.Config
	// Log, when set, receives a line per validation session and per case
	// that is not a match or a correct refusal.
	Log io.Writer
}

// Run runs every case through the engine, validates what it produced in one
// validation session per distinct tree (the checks and the local cluster's
// seed depend on the tree), and reports. Failures of a case's engine are its
// outcome; the error is for a dataset whose trees do not load and for a
// validation that could not check.
func Run(ctx context.Context, cases []devset.Case, cfg Config) (*Report, error) {
	if cfg.Engine == nil {
		return nil, errors.New("no engine")
	}
	if cfg.Trees == nil {
		cfg.Trees = &devset.Trees{Root: "."}
	}
	// Every case's options first: a tree that does not load fails the run
	// before a control plane starts.
	opts := make([]generator.Options, len(cases))
	var order []string
	groups := map[string][]int{}
	var errs []error
	for i, c := range cases {
		var err error
		if opts[i], err = c.Options(cfg.Trees); err != nil {
			errs = append(errs, err)
		}
		if _, ok := groups[c.Tree]; !ok {
			order = append(order, c.Tree)
		}
		groups[c.Tree] = append(groups[c.Tree], i)
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	results := make([]CaseResult, len(cases))
	var stages []validate.Stage
	for _, t := range order {
		s, err := runGroup(ctx, cfg, t, groups[t], cases, opts, results)
		if err != nil {
			return nil, err
		}
		stages = s
	}
	engine := cfg.EngineName
	for _, r := range results {
		if engine == "" {
			engine = r.Engine
		}
	}
	return newReport(engine, stages, results), nil
}

// runGroup evaluates the cases of one tree in one validation session and
// returns the stages it ran.
func runGroup(ctx context.Context, cfg Config, treeDir string, idx []int, cases []devset.Case, opts []generator.Options, results []CaseResult) (stages []validate.Stage, err error) {
	name := treeDir
	if name == "" {
		name = "(none)"
	}
	vcfg := cfg.Validate
	vcfg.Cluster.Tree = opts[idx[0]].Tree
	logf(cfg.Log, "eval: tree %s: %d cases; opening the validation session", name, len(idx))
	validator := &pipeline.Validator{Config: vcfg}
	s, err := validator.Session(ctx)
	if err != nil {
		return nil, fmt.Errorf("open the validation for tree %s: %w", name, err)
	}
	defer func() {
		if cerr := validator.Close(context.WithoutCancel(ctx)); cerr != nil && err == nil {
			err = cerr
		}
	}()
	for _, i := range idx {
		o := opts[i]
		o.Review = validator.Review
		r, err := runCase(ctx, cfg.Engine, validator, cases[i], o)
		if err != nil {
			return nil, fmt.Errorf("case %s: %w", cases[i].Name, err)
		}
		if r.Outcome != Match && r.Outcome != CorrectlyRefused {
			logf(cfg.Log, "eval: %s: %s: %s", r.Name, r.Outcome, oneLine(r.Message))
		}
		results[i] = r
	}
	return s.Stages(), nil
}

// runCase generates one case's answer, times it and classifies it. The
// error is for what stops the whole run: an interrupted context, a
// validation that could not check, an unreadable expectation.
func runCase(ctx context.Context, engine generator.Engine, validator *pipeline.Validator, c devset.Case, opts generator.Options) (CaseResult, error) {
	r := CaseResult{Name: c.Name, Slice: c.Slice, Family: strings.TrimSuffix(c.File, ".yaml"), Kind: KindRefusal, MustRefuse: c.Refuse != ""}
	if !r.MustRefuse {
		r.Kind, _ = c.Expect[0]["kind"].(string)
	}
	start := time.Now()
	res, err := generator.Generate(ctx, engine, c.Request, opts)
	r.LatencyMs = ms(time.Since(start))
	var nu *generator.NotUnderstoodError
	switch {
	case errors.As(err, &nu):
		r.Message = nu.Error()
		r.Outcome = Refused
		if r.MustRefuse {
			found := strings.Contains(strings.ToLower(r.Message), strings.ToLower(c.Refuse))
			r.Outcome, r.PhraseFound = CorrectlyRefused, &found
		}
		return r, nil
	case ctx.Err() != nil:
		return r, ctx.Err()
	case err != nil:
		r.Outcome, r.Message = Error, err.Error()
		return r, nil
	}
	r.Engine, r.Usage = res.Intent.Engine, res.Intent.Usage
	findings, err := validator.Validate(ctx, res.Policies)
	if err != nil {
		return r, fmt.Errorf("validate: %w", err)
	}
	valid := !validate.HasErrors(findings)
	r.Valid = &valid
	var problems []string
	for _, f := range findings {
		if f.Severity == validate.SeverityError {
			problems = append(problems, f.String())
		}
	}
	if r.MustRefuse {
		r.Outcome = Answered
		r.Message = strings.Join(append([]string{fmt.Sprintf("answered a request that must be refused with a message saying %q", c.Refuse)}, problems...), "\n")
		return r, nil
	}
	want, err := c.ExpectYAML()
	if err != nil {
		return r, err
	}
	got, err := generator.Stream(res.Policies)
	if err != nil {
		r.Outcome, r.Message = Error, err.Error()
		return r, nil
	}
	diff, err := semantic.Diff(want, got)
	if err != nil {
		r.Outcome, r.Message = Error, fmt.Sprintf("compare with the expected policies: %v", err)
		return r, nil
	}
	r.Match = len(diff) == 0
	if r.bleu, err = bleuSegment(res.Policies, want); err != nil {
		r.Outcome, r.Message = Error, err.Error()
		return r, nil
	}
	switch {
	case !valid:
		r.Outcome = Invalid
	case !r.Match:
		r.Outcome = Mismatch
	default:
		r.Outcome = Match
	}
	r.Message = strings.Join(append(diff, problems...), "\n")
	return r, nil
}

// Provenance that kunerva writes into every policy and a dataset's
// references do not carry: left in, it would make BLEU measure the echo of
// the request rather than the policy.
var (
	provenanceAnnotations = []string{"kunerva.io/request", "kunerva.io/engine"}
	provenanceLabels      = []string{"app.kubernetes.io/managed-by"}
)

// bleuSegment scores the policies' YAML, without kunerva's provenance
// metadata, against the expected YAML (both as sigs.k8s.io/yaml writes
// them: sorted keys, two-space indentation).
func bleuSegment(policies []generator.Policy, want []byte) (bleuStats, error) {
	var docs []string
	for _, p := range policies {
		b, err := p.YAML()
		if err != nil {
			return bleuStats{}, fmt.Errorf("render %s/%s: %w", p.Kind, p.Name, err)
		}
		var obj map[string]any
		if err := yaml.Unmarshal(b, &obj); err != nil {
			return bleuStats{}, fmt.Errorf("read back %s/%s: %w", p.Kind, p.Name, err)
		}
		if meta, ok := obj["metadata"].(map[string]any); ok {
			dropKeys(meta, "annotations", provenanceAnnotations)
			dropKeys(meta, "labels", provenanceLabels)
		}
		if b, err = yaml.Marshal(obj); err != nil {
			return bleuStats{}, err
		}
		docs = append(docs, string(b))
	}
	return segmentStats(TokenizeYAML(strings.Join(docs, "---\n")), TokenizeYAML(string(want))), nil
}

// dropKeys deletes keys from the map meta[field], and the field once empty.
func dropKeys(meta map[string]any, field string, keys []string) {
	m, ok := meta[field].(map[string]any)
	if !ok {
		return
	}
	for _, k := range keys {
		delete(m, k)
	}
	if len(m) == 0 {
		delete(meta, field)
	}
}

// oneLine joins a message's lines for a log line.
func oneLine(msg string) string {
	lines := strings.Split(msg, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimSpace(l)
	}
	return strings.Join(lines, "; ")
}

func logf(w io.Writer, format string, args ...any) {
	if w != nil {
		fmt.Fprintf(w, format+"\n", args...)
	}
}
