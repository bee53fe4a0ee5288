package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/kunerva/kunerva/internal/eval"
	"github.com/kunerva/kunerva/internal/eval/devset"
)

const devSet = "../../generator/testdata/devset"

// knownRefusals reads the dev set's list of clear requests the built-in
// engine still refuses.
func knownRefusals(t *testing.T) []string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(devSet, "known-refusals.txt"))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for line := range strings.Lines(string(b)) {
		if line = strings.TrimSpace(line); line != "" && !strings.HasPrefix(line, "#") {
			names = append(names, line)
		}
	}
	slices.Sort(names)
	return names
}

// TestEvalDevSetBuiltin runs `kunerva eval` on the whole dev set with the
// built-in engine and every stage, the dry-run on the local control plane
// (one per tree of the dev set), and checks the report against what the dev
// set and its list of known refusals say. Only -short skips it.
func TestEvalDevSetBuiltin(t *testing.T) {
	needsControlPlane(t)
	cases, err := devset.Load(devSet)
	if err != nil {
		t.Fatal(err)
	}
	var expectCases, mustRefuse int
	families := map[string]int{}
	for _, c := range cases {
		if c.Refuse != "" {
			mustRefuse++
		} else {
			expectCases++
		}
		families[strings.TrimSuffix(c.File, ".yaml")]++
	}
	// Known gaps are expect cases refused, and must-refuse cases that ask
	// another question than the case's phrase.
	var known, knownOther []string
	for _, name := range knownRefusals(t) {
		if slices.ContainsFunc(cases, func(c devset.Case) bool { return c.Name == name && c.Refuse != "" }) {
			knownOther = append(knownOther, name)
		} else {
			known = append(known, name)
		}
	}

	j := kunerva(t, "", "eval", "--dataset", devSet, "--root", "../..", "-o", "json")
	j.expect(t, exitOK)
	var r eval.Report
	dec := json.NewDecoder(strings.NewReader(j.stdout))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&r); err != nil {
		t.Fatalf("the JSON report does not decode: %v\n%s", err, j.stdout)
	}
	tot := r.Total
	if len(r.Stages) != 3 {
		t.Errorf("stages %v, want schema, dryrun and checks", r.Stages)
	}
	if tot.Cases != len(cases) || len(r.Cases) != len(cases) || tot.ExpectCases != expectCases || tot.MustRefuseCases != mustRefuse {
		t.Errorf("%d cases (%d records; %d expect, %d must refuse), want the dev set's %d (%d, %d)",
			tot.Cases, len(r.Cases), tot.ExpectCases, tot.MustRefuseCases, len(cases), expectCases, mustRefuse)
	}
	var refused []string
	for _, c := range r.Cases {
		switch c.Outcome {
		case eval.Refused:
			refused = append(refused, c.Name)
		case eval.Match, eval.CorrectlyRefused:
		default:
			t.Errorf("%s: %s: %s", c.Name, c.Outcome, c.Message)
		}
		if c.MustRefuse && (c.PhraseFound == nil || !*c.PhraseFound) && !slices.Contains(knownOther, c.Name) {
			t.Errorf("%s: the refusal does not say the dev set's phrase: %s", c.Name, c.Message)
		}
	}
	slices.Sort(refused)
	if !slices.Equal(refused, known) {
		t.Errorf("refused clear requests %q, want exactly known-refusals.txt's %q", refused, known)
	}
	o := tot.Outcomes
	if o.RefusedCorrectly != mustRefuse || tot.PhraseFound != mustRefuse-len(knownOther) || o.Answered != 0 {
		t.Errorf("%d of %d must-refuse cases refused (%d with the phrase), %d answered", o.RefusedCorrectly, mustRefuse, tot.PhraseFound, o.Answered)
	}
	if want := expectCases - len(known); tot.Matched != want || o.Match != want {
		t.Errorf("%d matched (%d with the outcome match), want %d cases with expect - %d known refusals = %d", tot.Matched, o.Match, expectCases, len(known), want)
	}
	if tot.Produced != expectCases-len(known) || tot.Valid != tot.Produced {
		t.Errorf("%d of %d answers valid, want all of the %d", tot.Valid, tot.Produced, expectCases-len(known))
	}
	if tot.MatchRate == nil || *tot.MatchRate != float64(expectCases-len(known))/float64(expectCases) || tot.ValidityRate == nil || *tot.ValidityRate != 1 ||
		tot.CorrectRefusalRate == nil || *tot.CorrectRefusalRate != 1 || tot.RefusalRate == nil || *tot.RefusalRate != float64(len(known))/float64(expectCases) {
		t.Errorf("rates: match %v, validity %v, refusal %v, correct refusal %v", tot.MatchRate, tot.ValidityRate, tot.RefusalRate, tot.CorrectRefusalRate)
	}
	// BLEU is below 1 (names differ, the references' layout is free) but the
	// answers mean what the references mean: far from chance.
	if tot.BLEU == nil || *tot.BLEU < 0.5 || *tot.BLEU >= 1 {
		t.Errorf("BLEU %v, want between 0.5 and 1", tot.BLEU)
	}
	if tot.Latency.P50Ms <= 0 || tot.Latency.P50Ms > tot.Latency.P90Ms || tot.Latency.P90Ms > tot.Latency.MaxMs {
		t.Errorf("latency %+v: want 0 < p50 <= p90 <= max", tot.Latency)
	}
	sum := 0
	for _, f := range r.Families {
		sum += f.Cases
		if f.Cases != families[f.Name] {
			t.Errorf("family %s: %d cases, want the %d of %s.yaml", f.Name, f.Cases, families[f.Name], f.Name)
		}
	}
	if sum != tot.Cases || len(r.Families) != len(families) {
		t.Errorf("%d families with %d cases in all, want %d with %d", len(r.Families), sum, len(families), tot.Cases)
	}
	sum = 0
	for _, k := range r.Kinds {
		sum += k.Cases
	}
	if sum != tot.Cases {
		t.Errorf("the kinds' cases add up to %d, want %d", sum, tot.Cases)
	}

	tab := kunerva(t, "", "eval", "--dataset", devSet, "--root", "../..")
	tab.expect(t, exitOK)
	t.Logf("kunerva eval --dataset generator/testdata/devset:\n%s", tab.stdout)
	all := regexp.MustCompile(`(?m)^all +(\d+) +([\d.]+)% +(\d+) +([\d.]+)% +([\d.]+)% +([\d.]+)% +([\d.]+) `).FindStringSubmatch(tab.stdout)
	if all == nil {
		t.Fatalf("no overall row in the table:\n%s", tab.stdout)
	}
	pct := func(p *float64) string { return strconv.FormatFloat(*p*100, 'f', 1, 64) }
	if want := []string{strconv.Itoa(tot.Cases), pct(tot.MatchRate), strconv.Itoa(tot.Wrong), pct(tot.ValidityRate), pct(tot.RefusalRate), pct(tot.CorrectRefusalRate), strconv.FormatFloat(*tot.BLEU, 'f', 3, 64)}; !slices.Equal(all[1:], want) {
		t.Errorf("the table's overall row says %q, the JSON %q", all[1:], want)
	}
	for _, f := range r.Families {
		if !regexp.MustCompile(`(?m)^  ` + regexp.QuoteMeta(f.Name) + ` +` + strconv.Itoa(f.Cases) + ` `).MatchString(tab.stdout) {
			t.Errorf("the table has no row for family %s with %d cases", f.Name, f.Cases)
		}
	}
}

func TestEvalMinMatch(t *testing.T) {
	path := filepath.Join(t.TempDir(), "one.yaml")
	dataset := `- name: refused
  request: block egress to 10.0.0.0/8
  expect:
  - apiVersion: networking.k8s.io/v1
    kind: NetworkPolicy
    metadata: {name: deny-cidr}
    spec: {podSelector: {}, policyTypes: [Egress]}
`
	if err := os.WriteFile(path, []byte(dataset), 0o644); err != nil {
		t.Fatal(err)
	}
	// A report whatever its figures: exit 0.
	ok := kunerva(t, "", "eval", "--dataset", path, "--cluster", "none")
	ok.expect(t, exitOK)
	if !strings.Contains(ok.stdout, "1 refused, 0 errors") {
		t.Errorf("the report does not count the refusal:\n%s", ok.stdout)
	}
	low := kunerva(t, "", "eval", "--dataset", path, "--cluster", "none", "--min-match", "0.5")
	if low.code != exitFindings || !strings.Contains(low.stderr, "match rate 0.000 is below --min-match 0.500") || !strings.Contains(low.stdout, "GROUP") {
		t.Errorf("--min-match 0.5 on a match rate of 0: exit %d, want 1 with the report and the reason\nstdout:\n%s\nstderr:\n%s", low.code, low.stdout, low.stderr)
	}
}

func TestEvalUsage(t *testing.T) {
	for _, args := range [][]string{
		{"eval"},
		{"eval", "--dataset", devSet, "--cluster", "kind"},
		{"eval", "--dataset", devSet, "--stages", "schema,lint"},
		{"eval", "--dataset", devSet, "-o", "yaml"},
		{"eval", "--dataset", devSet, "--min-match", "95"},
		{"eval", "--dataset", filepath.Join(t.TempDir(), "missing")},
		{"eval", "--dataset", devSet, "extra"},
	} {
		r := kunerva(t, "", args...)
		r.expect(t, exitUsage)
	}
}

// writeDataset writes the dataset dir/name, of one file, cases.yaml.
func writeDataset(t *testing.T, dir, name string, cases string) string {
	t.Helper()
	path := filepath.Join(dir, name)
	if err := os.MkdirAll(path, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(path, "cases.yaml"), []byte(cases), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestEvalDatasets runs eval on two datasets, as the open set and the
// sealed slice, and checks that the report names both and keeps them apart.
func TestEvalDatasets(t *testing.T) {
	dir := t.TempDir()
	open := writeDataset(t, dir, "open", `- name: open-refuse
  request: block access to /etc/shadow
  refuse: which pods
- name: open-match
  request: block access to /etc/shadow in pods labeled app=nginx
  namespace: web
  expect:
  - apiVersion: security.kubearmor.com/v1
    kind: KubeArmorPolicy
    metadata: {name: block-file-nginx, namespace: web}
    spec:
      file: {matchPaths: [{action: Block, path: /etc/shadow}]}
      selector: {matchLabels: {app: nginx}}
`)
	sealed := writeDataset(t, dir, "sealed", `- name: sealed-answered
  request: block access to /etc/hosts in pods labeled app=db
  refuse: which pods
`)
	j := kunerva(t, "", "eval", "--dataset", open, "--dataset", sealed, "--cluster", "none", "-o", "json")
	j.expect(t, exitOK)
	var r eval.Report
	dec := json.NewDecoder(strings.NewReader(j.stdout))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&r); err != nil {
		t.Fatalf("the JSON report does not decode: %v\n%s", err, j.stdout)
	}
	if !slices.Equal(r.Datasets, []string{open, sealed}) {
		t.Errorf("datasets %q, want %q", r.Datasets, []string{open, sealed})
	}
	type slice struct {
		name         string
		cases, wrong int
	}
	var got []slice
	for _, s := range r.Slices {
		got = append(got, slice{s.Name, s.Cases, s.Wrong})
	}
	if want := []slice{{"open", 2, 0}, {"sealed", 1, 1}}; !slices.Equal(got, want) {
		t.Errorf("slices %+v, want %+v", got, want)
	}
	for _, c := range r.Cases {
		if want := strings.SplitN(c.Name, "-", 2)[0]; c.Slice != want {
			t.Errorf("%s: slice %q, want %q", c.Name, c.Slice, want)
		}
	}
	if r.Total.Cases != 3 || r.Total.Wrong != 1 {
		t.Errorf("total: %d cases, %d wrong; want 3, 1", r.Total.Cases, r.Total.Wrong)
	}

	tab := kunerva(t, "", "eval", "--dataset", open, "--dataset", sealed, "--cluster", "none")
	tab.expect(t, exitOK)
	if !regexp.MustCompile(`(?m)^per slice:\n  open +2 +100\.0% +0 .*\n  sealed +1 +- +1 `).MatchString(tab.stdout) {
		t.Errorf("the table has no per-slice rows for open (2 cases, all matching) and sealed (1 case, 1 wrong):\n%s", tab.stdout)
	}
	one := kunerva(t, "", "eval", "--dataset", open, "--cluster", "none")
	one.expect(t, exitOK)
	if strings.Contains(one.stdout, "per slice") {
		t.Errorf("one dataset has a per-slice section:\n%s", one.stdout)
	}

	// Two datasets that would be one slice, or that share a case, are not
	// kept apart: a usage error, not a report that mixes them.
	elsewhere := writeDataset(t, filepath.Join(dir, "elsewhere"), "open", "- {name: other, request: block access to /etc/shadow, refuse: which pods}\n")
	more := writeDataset(t, dir, "more", "- {name: open-refuse, request: block access to /etc/shadow, refuse: which pods}\n")
	for _, tc := range []struct {
		name     string
		datasets []string
		stderr   string
	}{
		{"the same dataset twice", []string{open, open}, open + " and " + open + " would both be the slice open"},
		{"two datasets of the same name", []string{open, elsewhere}, open + " and " + elsewhere + " would both be the slice open"},
		{"a case in both datasets", []string{open, more}, filepath.Join(more, "cases.yaml") + `: case "open-refuse" is also in ` + filepath.Join(open, "cases.yaml")},
	} {
		t.Run(tc.name, func(t *testing.T) {
			args := []string{"eval", "--cluster", "none"}
			for _, d := range tc.datasets {
				args = append(args, "--dataset", d)
			}
			r := kunerva(t, "", args...)
			r.expect(t, exitUsage)
			if !strings.Contains(r.stderr, tc.stderr) {
				t.Errorf("stderr does not say %q:\n%s", tc.stderr, r.stderr)
			}
		})
	}
}
