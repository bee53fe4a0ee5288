package builtin_test

import (
	"context"
	"errors"
	"flag"
	"os"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/kunerva/kunerva/generator"
	"github.com/kunerva/kunerva/generator/builtin"
	"github.com/kunerva/kunerva/internal/eval/devset"
	"github.com/kunerva/kunerva/internal/semantic"
)

var trees = &devset.Trees{Root: "../.."}

// loadCases loads a dataset of generator/testdata: the dev set's open set
// ("devset"), or the probes, phrasings written to find wrong policies and
// kept as regression cases beside it ("probes").
func loadCases(t testing.TB, dir string) []devset.Case {
	t.Helper()
	cases, err := devset.Load("../testdata/" + dir)
	if err != nil {
		t.Fatal(err)
	}
	return cases
}

// loadKnownRefusals reads generator/testdata/devset/known-refusals.txt.
func loadKnownRefusals(t testing.TB) map[string]bool {
	b, err := os.ReadFile("../testdata/devset/known-refusals.txt")
	if err != nil {
		t.Fatal(err)
	}
	known := map[string]bool{}
	for _, line := range strings.Split(string(b), "\n") {
		if line = strings.TrimSpace(line); line != "" && !strings.HasPrefix(line, "#") {
			known[line] = true
		}
	}
	return known
}

func options(t testing.TB, c devset.Case) generator.Options {
	t.Helper()
	opts, err := c.Options(trees)
	if err != nil {
		t.Fatal(err)
	}
	return opts
}

// understoodOnce checks that a question says each thing it understood once.
func understoodOnce(t *testing.T, nu *generator.NotUnderstoodError) {
	t.Helper()
	seen := map[string]bool{}
	for _, s := range nu.Understood {
		if seen[s] {
			t.Errorf("the question says twice that it understood %q: %v", s, nu)
		}
		seen[s] = true
	}
}

var updateKnown = flag.Bool("update-known", false, "rewrite known-refusals.txt with the cases the engine refuses now")

// TestDevSet runs every case of the development set, and the probes,
// through the built-in engine. A wrong policy, and an answer where the case
// must be refused, always fail. A refusal where the case expects policies, or a refusal that
// asks another question than the case's, fails unless known-refusals.txt
// lists the case; a listed case that passes fails too, so that the list
// only ever shrinks (go test -run TestDevSet -update-known rewrites it).
func TestDevSet(t *testing.T) {
	cases := append(loadCases(t, "devset"), loadCases(t, "probes")...)
	known := loadKnownRefusals(t)
	for name := range known {
		if !slices.ContainsFunc(cases, func(c devset.Case) bool { return c.Name == name }) {
			t.Errorf("known-refusals.txt names %q, which is no case of the dev set", name)
		}
	}
	var passed, failed, refusedClear, otherQuestion, refuseCases int
	var refusedNow []string
	perFile := map[string][3]int{} // passed, failed, known gaps among the passed
	for _, c := range cases {
		ok := t.Run(c.Name, func(t *testing.T) {
			res, err := generator.Generate(context.Background(), builtin.Engine{}, c.Request, options(t, c))
			var nu *generator.NotUnderstoodError
			if c.Refuse != "" {
				refuseCases++
				if !errors.As(err, &nu) {
					t.Fatalf("%s: %q: want a refusal containing %q, got err=%v and\n%s", c.File, c.Request, c.Refuse, err, res.Explanation)
				}
				if nu.Missing == "" {
					t.Errorf("refusal says nothing of what is missing")
				}
				understoodOnce(t, nu)
				if !strings.Contains(strings.ToLower(nu.Error()), strings.ToLower(c.Refuse)) {
					otherQuestion++
					refusedNow = append(refusedNow, c.Name)
					if known[c.Name] || *updateKnown {
						t.Logf("known gap: asks another question than %q: %s", c.Refuse, nu.Missing)
						return
					}
					t.Errorf("%s: %q: refusal does not say %q:\n%v", c.File, c.Request, c.Refuse, nu)
					return
				}
				if known[c.Name] && !*updateKnown {
					t.Errorf("%s: %q is listed in known-refusals.txt but now asks the case's question: remove it from the list", c.File, c.Name)
				}
				return
			}
			if errors.As(err, &nu) {
				understoodOnce(t, nu)
				refusedClear++
				refusedNow = append(refusedNow, c.Name)
				if known[c.Name] || *updateKnown {
					t.Logf("known gap: refused %q: %s", c.Request, nu.Missing)
					return
				}
				t.Fatalf("%s: refused a clear request %q:\n%v", c.File, c.Request, err)
			}
			if known[c.Name] && !*updateKnown {
				defer func() {
					if !t.Failed() {
						t.Errorf("%s: %q is listed in known-refusals.txt but now passes: remove it from the list", c.File, c.Name)
					}
				}()
			}
			if err != nil {
				t.Fatalf("%s: %q: %v", c.File, c.Request, err)
			}
			want, err := c.ExpectYAML()
			if err != nil {
				t.Fatal(err)
			}
			got, err := generator.Stream(res.Policies)
			if err != nil {
				t.Fatal(err)
			}
			diff, err := semantic.Diff(want, got)
			if err != nil {
				t.Fatalf("compare: %v", err)
			}
			if len(diff) > 0 {
				t.Errorf("%s: %q differs from the expected policy:\n  %s\ngot:\n%s", c.File, c.Request, strings.Join(diff, "\n  "), got)
			}
		})
		counts := perFile[c.File]
		if slices.Contains(refusedNow, c.Name) {
			counts[2]++
		}
		if ok {
			passed++
			counts[0]++
		} else {
			failed++
			counts[1]++
		}
		perFile[c.File] = counts
	}
	var files []string
	for f := range perFile {
		files = append(files, f)
	}
	sort.Strings(files)
	for _, f := range files {
		t.Logf("%-33s %3d passed, %3d failed, %3d known gaps", f, perFile[f][0]-perFile[f][2], perFile[f][1], perFile[f][2])
	}
	t.Logf("dev set and probes: %d cases (%d must be refused): %d passed, %d failed; clear requests refused: %d, must-refuse cases asking another question: %d (%d listed as known gaps)",
		len(cases), refuseCases, passed-refusedClear-otherQuestion, failed, refusedClear, otherQuestion, len(known))
	if *updateKnown {
		writeKnownRefusals(t, refusedNow)
	}
}

// writeKnownRefusals rewrites known-refusals.txt: its header, then names.
func writeKnownRefusals(t *testing.T, names []string) {
	const path = "../testdata/devset/known-refusals.txt"
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var head []string
	for line := range strings.Lines(string(b)) {
		if !strings.HasPrefix(line, "#") {
			break
		}
		head = append(head, line)
	}
	slices.Sort(names)
	out := strings.Join(head, "") + strings.Join(names, "\n") + "\n"
	if err := os.WriteFile(path, []byte(out), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("wrote %s: %d cases", path, len(names))
}
