package validate_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/kunerva/kunerva/generator"
	"github.com/kunerva/kunerva/generator/builtin"
	"github.com/kunerva/kunerva/internal/eval/devset"
	"github.com/kunerva/kunerva/validate"
)

// corpusPolicy is one object of the agreement corpus. declared is the stage
// a file of testdata/invalid says must catch it; "" for the valid ones.
type corpusPolicy struct {
	doc      validate.Document
	declared validate.Stage
}

// agreementCorpus is every policy the tests know: the dev set's expected
// policies, what the built-in engine generates for the dev set, and
// testdata/invalid.
func agreementCorpus(t *testing.T) []corpusPolicy {
	t.Helper()
	cases, err := devset.Load("../generator/testdata/devset")
	if err != nil {
		t.Fatal(err)
	}
	trees := &devset.Trees{Root: ".."}
	var corpus []corpusPolicy
	add := func(name string, stream []byte) {
		docs, err := validate.Parse(name, stream)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range docs {
			corpus = append(corpus, corpusPolicy{doc: d})
		}
	}
	for _, c := range cases {
		if c.Refuse != "" {
			continue
		}
		want, err := c.ExpectYAML()
		if err != nil {
			t.Fatal(err)
		}
		add(fmt.Sprintf("devset/%s#%s[expected]", c.File, c.Name), want)
		opts, err := c.Options(trees)
		if err != nil {
			t.Fatal(err)
		}
		res, err := generator.Generate(t.Context(), builtin.Engine{}, c.Request, opts)
		var refused *generator.NotUnderstoodError
		if errors.As(err, &refused) {
			continue // a known gap of the engine; the built-in engine's tests hold the list
		}
		if err != nil {
			t.Fatalf("%s: %v", c.Name, err)
		}
		var docs []string
		for _, p := range res.Policies {
			b, err := p.YAML()
			if err != nil {
				t.Fatal(err)
			}
			docs = append(docs, string(b))
		}
		add(fmt.Sprintf("devset/%s#%s[generated]", c.File, c.Name), []byte(strings.Join(docs, "---\n")))
	}
	for _, c := range validate.LoadInvalidCases(t) {
		corpus = append(corpus, corpusPolicy{doc: c.Doc, declared: c.Stage})
	}
	return corpus
}

// TestSchemaAgreesWithDryRun holds the offline schema stage to the API
// server's verdict on every policy of the corpus, valid and invalid: where
// kubeconform says valid, a real kube-apiserver with the same CRDs must
// accept the policy, and where it says invalid, reject it. The exceptions
// are the files of testdata/invalid that declare # stage: dryrun: what the
// API server's built-in validation checks beyond the OpenAPI schema (label
// syntax, CIDRs, port ranges, names, CRD CEL rules and formats). They must
// be schema-valid and dry-run-invalid.
func TestSchemaAgreesWithDryRun(t *testing.T) {
	cfg := validate.LocalCluster(t)
	ctx := t.Context()
	corpus := agreementCorpus(t)
	docs := make([]validate.Document, len(corpus))
	for i, p := range corpus {
		docs[i] = p.doc
	}
	if err := validate.Seed(ctx, cfg, validate.LoadShop(t), docs); err != nil {
		t.Fatal(err)
	}
	findings, err := validate.Run(ctx, validate.Config{Stages: []validate.Stage{validate.StageSchema, validate.StageDryRun},
		CacheDir: t.TempDir(), Cluster: validate.ClusterOptions{REST: cfg}}, docs)
	if err != nil {
		t.Fatal(err)
	}
	// Findings name the file and the line where their object starts.
	key := func(file string, line int) string { return fmt.Sprintf("%s:%d", file, line) }
	byDoc := map[string][]validate.Finding{}
	for _, p := range corpus {
		k := key(p.doc.File, p.doc.Line)
		if _, dup := byDoc[k]; dup {
			t.Fatalf("two objects at %s", k)
		}
		byDoc[k] = nil
	}
	for _, f := range findings {
		k := key(f.File, f.Line)
		if _, ok := byDoc[k]; !ok {
			t.Fatalf("a finding for no object of the corpus: %s", f)
		}
		byDoc[k] = append(byDoc[k], f)
	}
	var agreeValid, agreeInvalid, dryRunOnly int
	var known []string
	for _, p := range corpus {
		fs := byDoc[key(p.doc.File, p.doc.Line)]
		schemaErr, dryRunErr := hasError(fs, validate.StageSchema), hasError(fs, validate.StageDryRun)
		verdicts := fmt.Sprintf("kubeconform says %s, the API server says %s", verdict(schemaErr), verdict(dryRunErr))
		switch {
		case p.declared == validate.StageDryRun:
			if schemaErr || !dryRunErr {
				t.Errorf("%s (%s): declared # stage: dryrun, but %s; want schema-valid and dry-run-invalid:\n%s", p.doc.File, p.doc.Ref(), verdicts, lines(fs))
				continue
			}
			dryRunOnly++
			known = append(known, p.doc.File)
		case schemaErr != dryRunErr:
			t.Errorf("%s (%s): %s:\n%s", p.doc.File, p.doc.Ref(), verdicts, lines(fs))
		case schemaErr:
			agreeInvalid++
		default:
			agreeValid++
		}
	}
	t.Logf("%d policies, %d agree (%d valid, %d invalid in both), %d known dryrun-only", len(corpus), agreeValid+agreeInvalid, agreeValid, agreeInvalid, dryRunOnly)
	t.Logf("known dryrun-only:\n  %s", strings.Join(known, "\n  "))
	if agreeValid < 300 {
		t.Errorf("only %d valid policies agreed: the corpus lost the dev set", agreeValid)
	}
}

func hasError(fs []validate.Finding, s validate.Stage) bool {
	for _, f := range fs {
		if f.Stage == s && f.Severity == validate.SeverityError {
			return true
		}
	}
	return false
}

func verdict(invalid bool) string {
	if invalid {
		return "invalid"
	}
	return "valid"
}

func lines(fs []validate.Finding) string {
	if len(fs) == 0 {
		return "  (no findings)"
	}
	var b strings.Builder
	for _, f := range fs {
		b.WriteString("  " + f.String() + "\n")
	}
	return strings.TrimRight(b.String(), "\n")
}
