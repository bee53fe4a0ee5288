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

// Only action imports go-github: the GitHub API stays at that one edge.
func TestOnlyActionImportsGoGitHub(t *testing.T) {
	cmd := exec.Command("go", "list", "-f", "{{.ImportPath}} {{join .Imports \" \"}} {{join .TestImports \" \"}}", "./...")
	cmd.Dir = ".."
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		fields := strings.Fields(line)
		if len(fields) == 0 || fields[0] == module+"/action" {
			continue
		}
		for _, imp := range fields[1:] {
			if strings.HasPrefix(imp, "github.com/google/go-github/") {
				t.Errorf("%s imports %s; only action may", fields[0], imp)
			}
		}
	}
}

// Only the LLM engine talks to a model through go-openai; the fakes that
// stand in for a model's server and answers in tests use its types too.
// Tests may import it anywhere.
func TestOnlyLLMImportsGoOpenAI(t *testing.T) {
	allowed := []string{module + "/generator/llm", module + "/internal/llmtest", module + "/internal/fakemodel"}
	cmd := exec.Command("go", "list", "-f", "{{.ImportPath}} {{join .Imports \" \"}}", "./...")
	cmd.Dir = ".."
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		fields := strings.Fields(line)
		if len(fields) == 0 || slices.Contains(allowed, fields[0]) {
			continue
		}
		for _, imp := range fields[1:] {
			if imp == "github.com/sashabaranov/go-openai" || strings.HasPrefix(imp, "github.com/sashabaranov/go-openai/") {
				t.Errorf("%s imports %s; only generator/llm may (and the test fakes)", fields[0], imp)
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

// The fake LLM server and the fake model are for tests: no command or
// library links them.
func TestFakesAreForTestsOnly(t *testing.T) {
	fakes := []string{module + "/internal/llmtest", module + "/internal/fakemodel"}
	cmd := exec.Command("go", "list", "-f", "{{.ImportPath}} {{join .Imports \" \"}}", "./...")
	cmd.Dir = ".."
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		fields := strings.Fields(line)
		if len(fields) == 0 || slices.Contains(fakes, fields[0]) {
			continue
		}
		for _, imp := range fields[1:] {
			if slices.Contains(fakes, imp) {
				t.Errorf("%s imports %s, which only tests may", fields[0], imp)
			}
		}
	}
}
