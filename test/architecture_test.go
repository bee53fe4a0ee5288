// Package test holds checks on the repository as a whole; the end-to-end
// suite is in test/e2e.
package test

import (
	"os/exec"
	"slices"
	"strings"
	"testing"
)

const module = "github.com/kunerva/kunerva"

// The directions between packages (see ../shared/STYLE.md and each doc.go):
// generator and its engines know nothing of GitHub, git, clusters or
// validation, and generator knows neither engine nor go-openai; the
// built-in engine knows no model; validate nothing of language or GitHub;
// only action imports go-github (the command links it through action, but
// never imports it); only the LLM engine (and the fakes tests use) imports
// go-openai; the fake LLM server and the retrying transport know nothing of
// kunerva; openapi is standard library only; and of Cilium and KubeArmor
// only their CRD packages are compiled in.
var rules = []struct {
	pkg       string
	forbidden []string
	// only, when set, lists the one allowed package under each forbidden prefix.
	only []string
}{
	{pkg: "./generator", forbidden: []string{"github.com/google/go-github", "github.com/go-git", "k8s.io/client-go", "github.com/sashabaranov/go-openai", module + "/generator/builtin", module + "/generator/llm", module + "/validate", module + "/action", module + "/internal/controlplane"}},
	{pkg: "./generator/builtin", forbidden: []string{"github.com/google/go-github", "github.com/go-git", "k8s.io/client-go", "github.com/sashabaranov/go-openai", module + "/generator/llm", module + "/validate", module + "/action", module + "/internal/controlplane"}},
	{pkg: "./generator/llm", forbidden: []string{"github.com/google/go-github", "github.com/go-git", "k8s.io/client-go", module + "/validate", module + "/action", module + "/internal/controlplane"}},
	{pkg: "./validate", forbidden: []string{"github.com/google/go-github", "github.com/go-git", "github.com/sashabaranov/go-openai", module + "/generator", module + "/action"}},
	{pkg: "./validate", forbidden: []string{"github.com/cilium/", "github.com/kubearmor/"}, only: []string{
		"github.com/cilium/cilium/pkg/k8s/apis/cilium.io/client/crds/v2",
		"github.com/kubearmor/KubeArmor/pkg/KubeArmorController/crd",
	}},
	{pkg: "./internal/...", forbidden: []string{"github.com/google/go-github", module + "/action"}},
	// The fake OpenAI server knows the wire format only, so that it tests
	// the LLM engine instead of agreeing with it.
	{pkg: "./internal/llmtest", forbidden: []string{module + "/"}, only: []string{module + "/internal/llmtest"}},
	// The retrying transport is for any service; GitHub's rules come in from action.
	{pkg: "./internal/httpretry", forbidden: []string{module + "/", "github.com/"}, only: []string{module + "/internal/httpretry"}},
}

func TestPackageDirections(t *testing.T) {
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Fatalf("the go command is needed to list dependencies: %v", err)
	}
	for _, r := range rules {
		cmd := exec.Command(goBin, "list", "-deps", r.pkg)
		cmd.Dir = ".."
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("go list -deps %s: %v", r.pkg, err)
		}
		for _, dep := range strings.Fields(string(out)) {
			for _, bad := range r.forbidden {
				if (dep == strings.TrimSuffix(bad, "/") || strings.HasPrefix(dep, strings.TrimSuffix(bad, "/")+"/")) && !slices.Contains(r.only, dep) {
					t.Errorf("%s depends on %s, which it must not import", r.pkg, dep)
				}
			}
		}
	}
}

// importers lists, of each package, what it imports, with its tests' imports
// when tests is set.
func importers(t *testing.T, tests bool) map[string][]string {
	t.Helper()
	format := "{{.ImportPath}} {{join .Imports \" \"}}"
	if tests {
		format += " {{join .TestImports \" \"}}"
	}
	cmd := exec.Command("go", "list", "-f", format, "./...")
	cmd.Dir = ".."
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	imports := map[string][]string{}
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		if fields := strings.Fields(line); len(fields) > 0 {
			imports[fields[0]] = fields[1:]
		}
	}
	return imports
}

// Some packages are imported by few: the GitHub API stays at action's
// edge (tests included); only the LLM engine talks to a model through
// go-openai, whose types the test fakes use too (tests may import it
// anywhere); and no command or library links the fakes.
func TestOnlyTheseImport(t *testing.T) {
	listed := map[bool]map[string][]string{false: importers(t, false), true: importers(t, true)}
	for _, r := range []struct {
		imported string // a package, or a module path prefix ending in /
		tests    bool   // tests' imports count too
		only     []string
	}{
		{"github.com/google/go-github/", true, []string{module + "/action"}},
		{"github.com/sashabaranov/go-openai", false, []string{module + "/generator/llm", module + "/internal/llmtest", module + "/internal/fakemodel"}},
		{module + "/internal/llmtest", false, []string{module + "/internal/fakemodel"}},
		{module + "/internal/fakemodel", false, nil},
	} {
		for pkg, imports := range listed[r.tests] {
			if slices.Contains(r.only, pkg) {
				continue
			}
			for _, imp := range imports {
				if imp == strings.TrimSuffix(r.imported, "/") || strings.HasPrefix(imp, strings.TrimSuffix(r.imported, "/")+"/") {
					t.Errorf("%s imports %s; only %v may", pkg, imp, r.only)
				}
			}
		}
	}
}

// internal/openapi is shared by hack/schemagen and validate; it stays on the
// standard library so neither drags the other's dependencies in.
func TestOpenAPIIsStandardLibraryOnly(t *testing.T) {
	cmd := exec.Command("go", "list", "-deps", "./internal/openapi")
	cmd.Dir = ".."
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list -deps: %v", err)
	}
	for _, dep := range strings.Fields(string(out)) {
		first, _, _ := strings.Cut(dep, "/")
		if strings.Contains(first, ".") && dep != module+"/internal/openapi" {
			t.Errorf("internal/openapi depends on %s; it must use the standard library only", dep)
		}
	}
}
