package validate

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/kunerva/kunerva/internal/testing/golden"
	"github.com/kunerva/kunerva/internal/tree"
)

// invalidCase is one file of testdata/invalid: one object with one mistake,
// and the stage that must catch it. The file says so in its first lines:
//
//	# stage: schema|dryrun|checks
//	# tree: shop|none
//	# why: what is wrong, in a few words
type invalidCase struct {
	Name  string // the file's base name without .yaml
	File  string // testdata/invalid/<Name>.yaml, as findings name it
	Stage Stage  // the stage that must report an error
	Tree  string // the tree the checks run with: shop (examples/shop) or none
	Why   string
	Doc   Document
}

// loadInvalidCases reads testdata/invalid/*.yaml, sorted by name.
func loadInvalidCases(t testing.TB) []invalidCase {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join("testdata", "invalid", "*.yaml"))
	if err != nil || len(paths) == 0 {
		t.Fatalf("no invalid policies in testdata/invalid: %v", err)
	}
	var cases []invalidCase
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		c := invalidCase{Name: strings.TrimSuffix(filepath.Base(p), ".yaml"), File: filepath.ToSlash(p)}
		for _, line := range strings.Split(string(data), "\n") {
			key, value, ok := strings.Cut(strings.TrimPrefix(line, "#"), ":")
			if !strings.HasPrefix(line, "#") || !ok {
				break
			}
			switch value = strings.TrimSpace(value); strings.TrimSpace(key) {
			case "stage":
				c.Stage = Stage(value)
			case "tree":
				c.Tree = value
			case "why":
				c.Why = value
			}
		}
		if !slices.Contains(Stages, c.Stage) || (c.Tree != "shop" && c.Tree != "none") || c.Why == "" {
			t.Fatalf("%s: start the file with # stage: schema|dryrun|checks, # tree: shop|none and # why: ... lines (got stage %q, tree %q, why %q)", p, c.Stage, c.Tree, c.Why)
		}
		docs, err := Parse(c.File, data)
		if err != nil {
			t.Fatal(err)
		}
		if len(docs) != 1 {
			t.Fatalf("%s: %d objects, want one: the stage and the verdicts are per object", p, len(docs))
		}
		c.Doc = docs[0]
		cases = append(cases, c)
	}
	return cases
}

// invalidTree returns the tree a case's checks run with.
func invalidTree(t testing.TB, c invalidCase) *tree.Tree {
	if c.Tree == "shop" {
		return loadShop(t)
	}
	return nil
}

// kindFamily groups kinds as the issue counts them.
func kindFamily(kind string) string {
	switch kind {
	case "NetworkPolicy":
		return "NetworkPolicy"
	case "CiliumNetworkPolicy", "CiliumClusterwideNetworkPolicy":
		return "Cilium"
	case "KubeArmorPolicy", "KubeArmorClusterPolicy", "KubeArmorHostPolicy":
		return "KubeArmor"
	}
	return "other"
}

// stageErrors reports whether a stage reported an error.
func stageErrors(findings []Finding, s Stage) bool {
	return slices.ContainsFunc(findings, func(f Finding) bool { return f.Stage == s && f.Severity == SeverityError })
}

// TestInvalid validates every file of testdata/invalid in all three stages,
// against the local control plane seeded with the shop tree, and compares
// the text output with testdata/invalid/<name>.golden (go test -update
// rewrites them). The declared stage must report an error and no earlier
// stage may: a policy is listed under the first stage that can catch it.
func TestInvalid(t *testing.T) {
	cases := loadInvalidCases(t)
	goldens, _ := filepath.Glob(filepath.Join("testdata", "invalid", "*.golden"))
	for _, g := range goldens {
		if !slices.ContainsFunc(cases, func(c invalidCase) bool { return c.Name+".golden" == filepath.Base(g) }) {
			t.Errorf("%s has no .yaml next to it: remove it", g)
		}
	}
	cfg := localCluster(t)
	ctx := t.Context()
	docs := make([]Document, len(cases))
	for i, c := range cases {
		docs[i] = c.Doc
	}
	if err := Seed(ctx, cfg, loadShop(t), docs); err != nil {
		t.Fatal(err)
	}
	cache := t.TempDir()
	validators := map[*tree.Tree]*Session{}
	counts := map[string]map[Stage]int{}
	for _, c := range cases {
		t.Run(c.Name, func(t *testing.T) {
			tr := invalidTree(t, c)
			v := validators[tr]
			if v == nil {
				var err error
				if v, err = Open(ctx, Config{CacheDir: cache, Cluster: ClusterOptions{REST: cfg, Tree: tr}}, nil); err != nil {
					t.Fatal(err)
				}
				validators[tr] = v
			}
			findings, err := v.Validate(ctx, []Document{c.Doc})
			if err != nil {
				t.Fatal(err)
			}
			if !stageErrors(findings, c.Stage) {
				t.Errorf("the %s stage reported no error (%s)", c.Stage, c.Why)
			}
			for _, s := range Stages[:slices.Index(Stages, c.Stage)] {
				if stageErrors(findings, s) {
					t.Errorf("the %s stage reports an error already: declare # stage: %s", s, s)
				}
			}
			golden.Check(t, filepath.Join("testdata", "invalid", c.Name+".golden"), []byte(findingLines(findings)))
		})
		family := kindFamily(c.Doc.Kind())
		if counts[family] == nil {
			counts[family] = map[Stage]int{}
		}
		counts[family][c.Stage]++
	}
	var summary []string
	for _, family := range []string{"NetworkPolicy", "Cilium", "KubeArmor", "other"} {
		var parts []string
		for _, s := range Stages {
			parts = append(parts, fmt.Sprintf("%s %d", s, counts[family][s]))
		}
		summary = append(summary, family+": "+strings.Join(parts, ", "))
		if family != "other" {
			for _, s := range Stages {
				if counts[family][s] == 0 {
					t.Errorf("no invalid %s policy for the %s stage", family, s)
				}
			}
		}
	}
	t.Logf("%d invalid objects; %s", len(cases), strings.Join(summary, "; "))
	if n := len(cases) - counts["other"][StageSchema] - counts["other"][StageDryRun] - counts["other"][StageChecks]; n < 45 {
		t.Errorf("%d invalid policies, want at least 45", n)
	}
}
