package eval

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/kunerva/kunerva/generator"
	"github.com/kunerva/kunerva/generator/builtin"
	"github.com/kunerva/kunerva/internal/eval/devset"
	"github.com/kunerva/kunerva/validate"
)

// The expected policy of "shadow-match" is what the built-in engine writes,
// without its provenance metadata, so its BLEU is exactly 1.
const tinyDataset = `
- name: shadow-match
  request: block access to /etc/shadow in pods labeled app=nginx
  namespace: web
  expect:
  - apiVersion: security.kubearmor.com/v1
    kind: KubeArmorPolicy
    metadata:
      name: block-file-nginx
      namespace: web
    spec:
      file:
        matchPaths:
        - action: Block
          path: /etc/shadow
      selector:
        matchLabels:
          app: nginx
- name: shadow-mismatch
  request: block access to /etc/shadow in pods labeled app=nginx
  namespace: web
  expect:
  - apiVersion: security.kubearmor.com/v1
    kind: KubeArmorPolicy
    metadata:
      name: block-passwd
      namespace: web
    spec:
      selector:
        matchLabels:
          app: nginx
      file:
        matchPaths:
        - path: /etc/passwd
          action: Block
- name: clear-but-refused
  request: block egress to 10.0.0.0/8
  expect:
  - apiVersion: networking.k8s.io/v1
    kind: NetworkPolicy
    metadata:
      name: deny-cidr
    spec:
      podSelector: {}
      policyTypes: [Egress]
- name: must-refuse
  request: block access to /etc/shadow
  refuse: which pods
- name: must-refuse-answered
  request: block access to /etc/hosts in pods labeled app=db
  refuse: which pods
`

func runTiny(t *testing.T) *Report {
	t.Helper()
	path := filepath.Join(t.TempDir(), "tiny.yaml")
	if err := os.WriteFile(path, []byte(tinyDataset), 0o644); err != nil {
		t.Fatal(err)
	}
	cases, err := devset.Load(path)
	if err != nil {
		t.Fatal(err)
	}
	var log bytes.Buffer
	r, err := Run(context.Background(), cases, Config{
		Engine: builtin.Engine{},
		Validate: validate.Config{
			Stages:   []validate.Stage{validate.StageSchema, validate.StageDryRun, validate.StageChecks},
			CacheDir: t.TempDir(),
			Cluster:  validate.ClusterOptions{Mode: validate.ClusterNone},
		},
		Log: &log,
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("log:\n%s", log.String())
	return r
}

func TestRunClassifiesCases(t *testing.T) {
	r := runTiny(t)
	yes := true
	want := map[string]struct {
		outcome     Outcome
		match       bool
		valid       *bool
		phraseFound *bool
		kind        string
	}{
		"shadow-match":         {Match, true, &yes, nil, "KubeArmorPolicy"},
		"shadow-mismatch":      {Mismatch, false, &yes, nil, "KubeArmorPolicy"},
		"clear-but-refused":    {Refused, false, nil, nil, "NetworkPolicy"},
		"must-refuse":          {CorrectlyRefused, false, nil, &yes, KindRefusal},
		"must-refuse-answered": {Answered, false, &yes, nil, KindRefusal},
	}
	if len(r.Cases) != len(want) {
		t.Fatalf("%d case records, want %d", len(r.Cases), len(want))
	}
	for _, c := range r.Cases {
		w := want[c.Name]
		if c.Outcome != w.outcome || c.Match != w.match || c.Kind != w.kind || c.Family != "tiny" {
			t.Errorf("%s: outcome %s, match %v, kind %s, family %s; want %s, %v, %s, tiny", c.Name, c.Outcome, c.Match, c.Kind, c.Family, w.outcome, w.match, w.kind)
		}
		if !samePtr(c.Valid, w.valid) || !samePtr(c.PhraseFound, w.phraseFound) {
			t.Errorf("%s: valid %v, phrase found %v; want %v, %v", c.Name, deref(c.Valid), deref(c.PhraseFound), deref(w.valid), deref(w.phraseFound))
		}
	}
	byName := func(name string) CaseResult {
		for _, c := range r.Cases {
			if c.Name == name {
				return c
			}
		}
		t.Fatalf("no record of %s", name)
		return CaseResult{}
	}
	if m := byName("shadow-mismatch").Message; !strings.Contains(m, "/etc/passwd") || !strings.Contains(m, "/etc/shadow") {
		t.Errorf("the mismatch's message does not name both paths:\n%s", m)
	}
	if m := byName("clear-but-refused").Message; !strings.Contains(m, "which pods") {
		t.Errorf("the refusal's message is not the engine's:\n%s", m)
	}
	if b, ok := byName("shadow-match").bleu.score(); !ok || b != 1 {
		t.Errorf("BLEU of the exact answer = %v (scored %v), want 1: the provenance metadata is not left out", b, ok)
	}
	if _, ok := byName("clear-but-refused").bleu.score(); ok {
		t.Error("a refused case is scored for BLEU")
	}

	tot := r.Total
	if tot.Cases != 5 || tot.ExpectCases != 3 || tot.MustRefuseCases != 2 || tot.Produced != 3 || tot.Valid != 3 || tot.Matched != 1 || tot.PhraseFound != 1 {
		t.Errorf("total = %+v", tot)
	}
	wantOutcomes := Outcomes{Match: 1, Mismatch: 1, Refused: 1, RefusedCorrectly: 1, Answered: 1}
	if tot.Outcomes != wantOutcomes {
		t.Errorf("outcomes %+v, want %+v", tot.Outcomes, wantOutcomes)
	}
	for name, got := range map[string]*float64{"match": tot.MatchRate, "validity": tot.ValidityRate, "refusal": tot.RefusalRate, "correct refusal": tot.CorrectRefusalRate} {
		w := map[string]float64{"match": 1.0 / 3, "validity": 1, "refusal": 1.0 / 3, "correct refusal": 0.5}[name]
		if got == nil || *got != w {
			t.Errorf("%s rate %v, want %v", name, deref(got), w)
		}
	}
	// Two scored segments: the exact one and the mismatch, whose only
	// difference is one path word and the name.
	if tot.BLEU == nil || *tot.BLEU <= 0.5 || *tot.BLEU >= 1 {
		t.Errorf("BLEU %v, want between 0.5 and 1", deref(tot.BLEU))
	}
	if got := r.Stages; len(got) != 2 || got[0] != validate.StageSchema || got[1] != validate.StageChecks {
		t.Errorf("stages %v, want schema and checks (no dry-run without a cluster)", got)
	}
	if r.Engine != generator.EngineBuiltin {
		t.Errorf("engine %q, want the intents' %q", r.Engine, generator.EngineBuiltin)
	}
	if len(r.Families) != 1 || r.Families[0].Cases != 5 {
		t.Errorf("families %+v, want one of 5 cases", r.Families)
	}
	if len(r.Kinds) != 3 || r.Kinds[0].Name != "KubeArmorPolicy" || r.Kinds[2].Name != KindRefusal || r.Kinds[2].MatchRate != nil {
		t.Errorf("kinds %+v, want KubeArmorPolicy, NetworkPolicy, refusal (with no match rate)", r.Kinds)
	}
}

func TestReportOutputs(t *testing.T) {
	r := runTiny(t)
	var table bytes.Buffer
	if err := r.WriteTable(&table); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"GROUP", "\nall ", "\nper family:\n  tiny ", "\nper kind:\n  KubeArmorPolicy ", "\n  refusal ",
		"3 with expected policies: 1 match, 1 mismatch, 0 invalid (0 of them matching), 1 refused, 0 errors",
		"2 must be refused: 1 refused (1 saying the expected phrase), 1 answered, 0 errors",
		"3 of 3 answers valid",
	} {
		if !strings.Contains(table.String(), want) {
			t.Errorf("the table does not contain %q:\n%s", want, table.String())
		}
	}
	if strings.Contains(table.String(), "per slice") {
		t.Errorf("one dataset has a per-slice section:\n%s", table.String())
	}
	if len(r.Slices) != 1 || r.Slices[0].Name != "tiny" || r.Slices[0].Cases != 5 || r.Slices[0].Wrong != 2 || r.Total.Wrong != 2 {
		t.Errorf("slices %+v, total wrong %d: want one, tiny, of 5 cases and 2 wrong answers (the mismatch and the answered refusal)", r.Slices, r.Total.Wrong)
	}
	for line := range strings.Lines(table.String()) {
		if strings.HasSuffix(strings.TrimSuffix(line, "\n"), " ") {
			t.Errorf("trailing blanks: %q", line)
		}
	}
	b, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	var decoded struct {
		Total struct {
			Cases       int            `json:"cases"`
			MatchRate   *float64       `json:"matchRate"`
			BLEU        *float64       `json:"bleu"`
			Latency     Latency        `json:"latency"`
			Outcomes    map[string]int `json:"outcomes"`
			Produced    int            `json:"produced"`
			ExpectCases int            `json:"expectCases"`
		} `json:"total"`
		Kinds []struct {
			Name      string   `json:"name"`
			MatchRate *float64 `json:"matchRate"`
		} `json:"kinds"`
		Cases []map[string]any `json:"cases"`
	}
	if err := json.Unmarshal(b, &decoded); err != nil {
		t.Fatal(err)
	}
	if decoded.Total.Cases != 5 || decoded.Total.MatchRate == nil || decoded.Total.Outcomes["refusedCorrectly"] != 1 || len(decoded.Cases) != 5 {
		t.Errorf("decoded JSON %+v from\n%s", decoded.Total, b)
	}
	if last := decoded.Kinds[len(decoded.Kinds)-1]; last.Name != KindRefusal || last.MatchRate != nil {
		t.Errorf("the refusal kind's match rate is %v, want null", last.MatchRate)
	}
	for _, c := range decoded.Cases {
		if _, ok := c["valid"]; !ok {
			t.Errorf("case %v has no valid field (null when nothing was produced)", c["name"])
		}
	}
}

func samePtr(a, b *bool) bool { return (a == nil) == (b == nil) && (a == nil || *a == *b) }

func deref[T any](p *T) any {
	if p == nil {
		return nil
	}
	return *p
}

// Two datasets, as the open set and the sealed slice: directories whose
// files have the same name, so that slices and families differ. The tree
// is the demo tree, whose checks make answers about pods it does not run
// invalid.
const openFiles = `
- name: open-match
  request: block access to /etc/shadow in pods labeled app=nginx
  namespace: web
  expect:
  - apiVersion: security.kubearmor.com/v1
    kind: KubeArmorPolicy
    metadata: {name: block-file-nginx, namespace: web}
    spec:
      file:
        matchPaths: [{action: Block, path: /etc/shadow}]
      selector: {matchLabels: {app: nginx}}
- name: open-mismatch
  request: block access to /etc/shadow in pods labeled app=nginx
  namespace: web
  expect:
  - apiVersion: security.kubearmor.com/v1
    kind: KubeArmorPolicy
    metadata: {name: block-file-nginx, namespace: web}
    spec:
      file:
        matchPaths: [{action: Block, path: /etc/passwd}]
      selector: {matchLabels: {app: nginx}}
- name: open-must-refuse
  request: block access to /etc/shadow
  refuse: which pods
`

const sealedFiles = `
- name: sealed-invalid-match
  request: block access to /etc/shadow in pods labeled app=nosuch
  tree: examples/shop
  namespace: web
  expect:
  - apiVersion: security.kubearmor.com/v1
    kind: KubeArmorPolicy
    metadata: {name: block-file-nosuch, namespace: web}
    spec:
      file:
        matchPaths: [{action: Block, path: /etc/shadow}]
      selector: {matchLabels: {app: nosuch}}
- name: sealed-invalid-mismatch
  request: block access to /etc/hosts in pods labeled app=nosuch
  tree: examples/shop
  namespace: web
  expect:
  - apiVersion: security.kubearmor.com/v1
    kind: KubeArmorPolicy
    metadata: {name: block-file-nosuch, namespace: web}
    spec:
      file:
        matchPaths: [{action: Block, path: /etc/shadow}]
      selector: {matchLabels: {app: nosuch}}
- name: sealed-answered
  request: block access to /etc/hosts in pods labeled app=db
  refuse: which pods
- name: sealed-refused
  request: block egress to 10.0.0.0/8
  expect:
  - apiVersion: networking.k8s.io/v1
    kind: NetworkPolicy
    metadata: {name: deny-cidr}
    spec: {podSelector: {}, policyTypes: [Egress]}
`

// writeDataset writes a dataset directory dir/name holding files.yaml.
func writeDataset(t *testing.T, dir, name, cases string) string {
	t.Helper()
	path := filepath.Join(dir, name)
	if err := os.MkdirAll(path, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(path, "files.yaml"), []byte(cases), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestRunKeepsSlicesApart runs two datasets together and checks that the
// report counts each apart (slices), besides the families and kinds that
// span both, and that wrong answers are told from refusals and from
// invalid answers that mean what was expected.
func TestRunKeepsSlicesApart(t *testing.T) {
	dir := t.TempDir()
	var cases []devset.Case
	for _, d := range []string{writeDataset(t, dir, "open", openFiles), writeDataset(t, dir, "sealed", sealedFiles)} {
		cs, err := devset.Load(d)
		if err != nil {
			t.Fatal(err)
		}
		cases = append(cases, cs...)
	}
	r, err := Run(context.Background(), cases, Config{
		Engine:   builtin.Engine{},
		Trees:    &devset.Trees{Root: "../.."},
		Validate: validate.Config{Stages: []validate.Stage{validate.StageSchema, validate.StageChecks}, CacheDir: t.TempDir(), Cluster: validate.ClusterOptions{Mode: validate.ClusterNone}},
	})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]struct {
		slice   string
		outcome Outcome
		match   bool
	}{
		"open-match":              {"open", Match, true},
		"open-mismatch":           {"open", Mismatch, false},
		"open-must-refuse":        {"open", CorrectlyRefused, false},
		"sealed-invalid-match":    {"sealed", Invalid, true},
		"sealed-invalid-mismatch": {"sealed", Invalid, false},
		"sealed-answered":         {"sealed", Answered, false},
		"sealed-refused":          {"sealed", Refused, false},
	}
	if len(r.Cases) != len(want) {
		t.Fatalf("%d case records, want %d", len(r.Cases), len(want))
	}
	for _, c := range r.Cases {
		w := want[c.Name]
		if c.Slice != w.slice || c.Outcome != w.outcome || c.Match != w.match || c.Family != "files" {
			t.Errorf("%s: slice %q, outcome %s, match %v, family %q; want %q, %s, %v, files\n%s", c.Name, c.Slice, c.Outcome, c.Match, c.Family, w.slice, w.outcome, w.match, c.Message)
		}
	}

	type counts struct {
		name                                                       string
		cases, expect, mustRefuse, matched, wrong, produced, valid int
		outcomes                                                   Outcomes
	}
	summary := func(s Summary) counts {
		return counts{s.Name, s.Cases, s.ExpectCases, s.MustRefuseCases, s.Matched, s.Wrong, s.Produced, s.Valid, s.Outcomes}
	}
	var slices []counts
	for _, s := range r.Slices {
		slices = append(slices, summary(s))
	}
	wantSlices := []counts{
		{"open", 3, 2, 1, 1, 1, 2, 2, Outcomes{Match: 1, Mismatch: 1, RefusedCorrectly: 1}},
		// The invalid answer that means what was expected is not wrong;
		// the one that means something else and the answered refusal are.
		{"sealed", 4, 3, 1, 1, 2, 3, 1, Outcomes{Invalid: 2, Refused: 1, Answered: 1}},
	}
	if !reflect.DeepEqual(slices, wantSlices) {
		t.Errorf("slices\n  %+v\nwant\n  %+v", slices, wantSlices)
	}
	if got, want := summary(r.Total), (counts{"all", 7, 5, 2, 2, 3, 5, 3, Outcomes{Match: 1, Mismatch: 1, Invalid: 2, Refused: 1, RefusedCorrectly: 1, Answered: 1}}); got != want {
		t.Errorf("total %+v, want %+v", got, want)
	}
	if len(r.Families) != 1 || r.Families[0].Cases != 7 || r.Families[0].Wrong != 3 {
		t.Errorf("families %+v, want one, files, of 7 cases, 3 wrong, across both slices", r.Families)
	}
	for _, s := range r.Slices {
		w := map[string]float64{"open": 0.5, "sealed": 1.0 / 3}[s.Name]
		if s.MatchRate == nil || *s.MatchRate != w {
			t.Errorf("slice %s: match rate %v, want %v", s.Name, deref(s.MatchRate), w)
		}
	}

	var table bytes.Buffer
	if err := r.WriteTable(&table); err != nil {
		t.Fatal(err)
	}
	for _, re := range []string{
		`(?m)^all +7 +40\.0% +3 +60\.0% +20\.0% +50\.0% `,
		`(?m)^per slice:\n  open +3 +50\.0% +1 +100\.0% +0\.0% +100\.0% .*\n  sealed +4 +33\.3% +2 +33\.3% +33\.3% +0\.0% .*\nper family:\n  files +7 `,
	} {
		if !regexp.MustCompile(re).MatchString(table.String()) {
			t.Errorf("the table does not match %s:\n%s", re, table.String())
		}
	}

	b, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	var decoded struct {
		Slices []struct {
			Name  string `json:"name"`
			Wrong int    `json:"wrong"`
		} `json:"slices"`
		Cases []struct {
			Name  string `json:"name"`
			Slice string `json:"slice"`
		} `json:"cases"`
	}
	if err := json.Unmarshal(b, &decoded); err != nil {
		t.Fatal(err)
	}
	if len(decoded.Slices) != 2 || decoded.Slices[0].Name != "open" || decoded.Slices[1].Wrong != 2 {
		t.Errorf("JSON slices %+v, want open and sealed (2 wrong)", decoded.Slices)
	}
	for _, c := range decoded.Cases {
		if c.Slice != want[c.Name].slice {
			t.Errorf("JSON case %s: slice %q, want %q", c.Name, c.Slice, want[c.Name].slice)
		}
	}
}
