package generator_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"

	"sigs.k8s.io/yaml"

	"github.com/kunerva/kunerva/generator"
	"github.com/kunerva/kunerva/internal/semantic"
	"github.com/kunerva/kunerva/internal/tree"
)

// devCase is one case of the development set (see testdata/devset/README.md).
type devCase struct {
	Name           string           `json:"name"`
	Request        string           `json:"request"`
	Tree           string           `json:"tree,omitempty"`
	Namespace      string           `json:"namespace,omitempty"`
	Kind           string           `json:"kind,omitempty"`
	AllowDNS       bool             `json:"allowDNS,omitempty"`
	AssumeAppLabel bool             `json:"assumeAppLabel,omitempty"`
	Expect         []map[string]any `json:"expect,omitempty"`
	Refuse         string           `json:"refuse,omitempty"`
	file           string
}

func loadDevSet(t testing.TB) []devCase {
	t.Helper()
	files, err := filepath.Glob("testdata/devset/*.yaml")
	if err != nil || len(files) == 0 {
		t.Fatalf("no dev set files: %v", err)
	}
	var all []devCase
	names := map[string]string{}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var cases []devCase
		if err := yaml.UnmarshalStrict(b, &cases); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		for _, c := range cases {
			c.file = filepath.Base(f)
			if prev, dup := names[c.Name]; dup {
				t.Errorf("%s: case %q is also in %s", c.file, c.Name, prev)
			}
			names[c.Name] = c.file
			if (len(c.Expect) == 0) == (c.Refuse == "") {
				t.Errorf("%s: case %q needs exactly one of expect and refuse", c.file, c.Name)
			}
			all = append(all, c)
		}
	}
	return all
}

var trees sync.Map // path -> *tree.Tree

// loadKnownRefusals reads testdata/devset/known-refusals.txt.
func loadKnownRefusals(t testing.TB) map[string]bool {
	b, err := os.ReadFile("testdata/devset/known-refusals.txt")
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

func loadTree(t testing.TB, dir string) *tree.Tree {
	if v, ok := trees.Load(dir); ok {
		return v.(*tree.Tree)
	}
	tr, err := tree.Load(filepath.Join("..", dir))
	if err != nil {
		t.Fatalf("load tree %s: %v", dir, err)
	}
	trees.Store(dir, tr)
	return tr
}

func (c devCase) options(t testing.TB) generator.Options {
	kind, err := generator.ParseKind(c.Kind)
	if err != nil {
		t.Fatalf("%s: %v", c.Name, err)
	}
	opts := generator.Options{Namespace: c.Namespace, Kind: kind, AllowDNS: c.AllowDNS, AssumeAppLabel: c.AssumeAppLabel}
	if c.Tree != "" {
		opts.Tree = loadTree(t, c.Tree)
	}
	return opts
}

func policiesYAML(t testing.TB, ps []generator.Policy) []byte {
	var docs []string
	for _, p := range ps {
		b, err := p.YAML()
		if err != nil {
			t.Fatal(err)
		}
		docs = append(docs, string(b))
	}
	return []byte(strings.Join(docs, "---\n"))
}

// TestDevSet runs every case of the development set through the built-in
// engine. A clear request that is refused is a failure, counted apart.
func TestDevSet(t *testing.T) {
	cases := loadDevSet(t)
	known := loadKnownRefusals(t)
	for name := range known {
		if !slices.ContainsFunc(cases, func(c devCase) bool { return c.Name == name && c.Refuse == "" }) {
			t.Errorf("known-refusals.txt names %q, which is no expect case of the dev set", name)
		}
	}
	var passed, failed, refusedClear, refuseCases int
	perFile := map[string][2]int{}
	for _, c := range cases {
		ok := t.Run(c.Name, func(t *testing.T) {
			res, err := generator.Generate(context.Background(), generator.Builtin{}, c.Request, c.options(t))
			var nu *generator.NotUnderstoodError
			if c.Refuse != "" {
				refuseCases++
				if !errors.As(err, &nu) {
					t.Fatalf("%s: %q: want a refusal containing %q, got err=%v and\n%s", c.file, c.Request, c.Refuse, err, res.Explanation)
				}
				if !strings.Contains(strings.ToLower(nu.Error()), strings.ToLower(c.Refuse)) {
					t.Errorf("%s: %q: refusal does not say %q:\n%v", c.file, c.Request, c.Refuse, nu)
				}
				if nu.Missing == "" {
					t.Errorf("refusal says nothing of what is missing")
				}
				return
			}
			if errors.As(err, &nu) {
				refusedClear++
				if known[c.Name] {
					t.Logf("known gap: refused %q: %s", c.Request, nu.Missing)
					return
				}
				t.Fatalf("%s: refused a clear request %q:\n%v", c.file, c.Request, err)
			}
			if known[c.Name] {
				defer func() {
					if !t.Failed() {
						t.Errorf("%s: %q is listed in known-refusals.txt but now passes: remove it from the list", c.file, c.Name)
					}
				}()
			}
			if err != nil {
				t.Fatalf("%s: %q: %v", c.file, c.Request, err)
			}
			var want []string
			for _, e := range c.Expect {
				b, err := yaml.Marshal(e)
				if err != nil {
					t.Fatal(err)
				}
				want = append(want, string(b))
			}
			got := policiesYAML(t, res.Policies)
			diff, err := semantic.Diff([]byte(strings.Join(want, "---\n")), got)
			if err != nil {
				t.Fatalf("compare: %v", err)
			}
			if len(diff) > 0 {
				t.Errorf("%s: %q differs from the expected policy:\n  %s\ngot:\n%s", c.file, c.Request, strings.Join(diff, "\n  "), got)
			}
		})
		counts := perFile[c.file]
		if ok {
			passed++
			counts[0]++
		} else {
			failed++
			counts[1]++
		}
		perFile[c.file] = counts
	}
	var files []string
	for f := range perFile {
		files = append(files, f)
	}
	sort.Strings(files)
	for _, f := range files {
		t.Logf("%-28s %3d passed, %3d failed", f, perFile[f][0], perFile[f][1])
	}
	t.Logf("dev set: %d cases (%d must be refused): %d passed, %d failed; clear requests refused: %d (%d listed as known gaps)", len(cases), refuseCases, passed-refusedClear, failed, refusedClear, len(known))
}
