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

// Patterns of packages and of what they may not depend on: a name ending in
// "/" is every package under it; nonStandard is every package outside Go's
// standard library.
const nonStandard = "non-standard"

var (
	// The foundations know no tier above them: neither language, validation,
	// delivery, measurement nor the test fakes.
	foundations = []string{"controlplane", "gitrepo", "httpretry", "openapi", "policy", "semantic", "settings", "spelling", "tree", "treewrite"}
	upperTiers  = []string{module + "/generator", module + "/validate", module + "/action", module + "/cmd/", module + "/internal/pipeline", module + "/internal/eval", module + "/internal/testing/"}
	github      = "github.com/google/go-github/"
	gogit       = "github.com/go-git/"
	clientgo    = "k8s.io/client-go/"
	openai      = "github.com/sashabaranov/go-openai"
)

// rule: the packages pkgs must not depend on what forbidden names, except
// on the packages in except. A rule is on the packages' whole dependency
// graph, unless direct says it is on their own imports (tests' imports too
// when tests is set), which is how "only X imports Y" is said: every
// package but X is a pkg of the rule.
type rule struct {
	why       string
	pkgs      []string // go list patterns; "all" is every package of the module
	forbidden []string
	except    []string
	direct    bool
	tests     bool
}

var rules = []rule{
	{why: "generator knows nothing of GitHub, git, clusters, validation or its engines; nor the tiers above it",
		pkgs:      []string{"./generator"},
		forbidden: append([]string{github, gogit, clientgo, openai, module + "/generator/builtin", module + "/generator/llm"}, upperTiers[1:]...)},
	{why: "the built-in engine knows no model, nor the tiers above generator",
		pkgs:      []string{"./generator/builtin"},
		forbidden: append([]string{github, gogit, clientgo, openai, module + "/generator/llm"}, upperTiers[1:]...)},
	{why: "the LLM engine knows nothing of GitHub, git, clusters or the tiers above generator",
		pkgs:      []string{"./generator/llm"},
		forbidden: append([]string{github, gogit, clientgo, module + "/internal/controlplane"}, upperTiers[1:]...)},
	{why: "validate knows nothing of language, GitHub or git",
		pkgs:      []string{"./validate"},
		forbidden: []string{github, gogit, openai, module + "/generator", module + "/action", module + "/cmd/", module + "/internal/pipeline", module + "/internal/eval", module + "/internal/testing/"}},
	{why: "of Cilium and KubeArmor only their CRD packages are compiled in",
		pkgs:      []string{"./..."},
		forbidden: []string{"github.com/cilium/", "github.com/kubearmor/"},
		except:    []string{"github.com/cilium/cilium/pkg/k8s/apis/cilium.io/client/crds/v2", "github.com/kubearmor/KubeArmor/pkg/KubeArmorController/crd"}},
	{why: "the connectivity model reads trees and policies: it knows nothing of language, validation, GitHub, git or clusters",
		pkgs:      []string{"./internal/connectivity"},
		forbidden: append([]string{github, gogit, clientgo, openai}, upperTiers...)},
	{why: "inference reads trees and renders intents with generator: it knows nothing of validation, GitHub, git, clusters or the engines",
		pkgs:      []string{"./internal/infer"},
		forbidden: append([]string{github, gogit, clientgo, openai, module + "/generator/builtin", module + "/generator/llm"}, upperTiers[1:]...)},
	{why: "the foundations import no tier above them",
		pkgs:      prefixed("./internal/", foundations),
		forbidden: append([]string{github, module + "/examples"}, upperTiers...)},
	{why: "the pipeline and the measurement know nothing of GitHub",
		pkgs:      []string{"./internal/pipeline", "./internal/eval/..."},
		forbidden: []string{github, module + "/action", module + "/cmd/"}},
	{why: "the fake OpenAI server knows the wire format only, so that it tests the LLM engine instead of agreeing with it",
		pkgs:      []string{"./internal/testing/llmtest"},
		forbidden: []string{module + "/"}},
	{why: "the retrying transport is for any service; GitHub's rules come in from action",
		pkgs:      []string{"./internal/httpretry"},
		forbidden: []string{nonStandard}},
	{why: "openapi (shared by hack/schemagen and validate) and the table of kinds stay on the standard library, so that they drag in no one's dependencies",
		pkgs:      []string{"./internal/openapi", "./internal/policy"},
		forbidden: []string{nonStandard}},
	{why: "only action imports go-github, tests included (the command links it through action)",
		pkgs: []string{"all"}, except: []string{module + "/action"}, direct: true, tests: true,
		forbidden: []string{github}},
	{why: "only the LLM engine and the fakes that stand in for a model import go-openai (tests may, anywhere)",
		pkgs: []string{"all"}, except: []string{module + "/generator/llm", module + "/internal/testing/llmtest", module + "/internal/testing/fakemodel"}, direct: true,
		forbidden: []string{openai}},
	{why: "the test fakes and helpers are for tests: no command or library links them",
		pkgs: []string{"all"}, except: []string{module + "/internal/testing/"}, direct: true,
		forbidden: []string{module + "/internal/testing/"}},
}

func prefixed(prefix string, names []string) []string {
	var out []string
	for _, n := range names {
		out = append(out, prefix+n)
	}
	return out
}

// matches says whether the package path matches a pattern of the rules.
func matches(path, pattern string) bool {
	switch {
	case pattern == nonStandard:
		first, _, _ := strings.Cut(path, "/")
		return strings.Contains(first, ".") && !strings.HasPrefix(path, module+"/")
	case strings.HasSuffix(pattern, "/"):
		return path == strings.TrimSuffix(pattern, "/") || strings.HasPrefix(path, pattern)
	}
	return path == pattern
}

func TestPackageDirections(t *testing.T) {
	for _, r := range rules {
		for pkg, deps := range dependencies(t, r) {
			if r.direct && slices.ContainsFunc(r.except, func(e string) bool { return matches(pkg, e) }) {
				continue
			}
			for _, dep := range deps {
				if dep == pkg || (!r.direct && slices.Contains(r.except, dep)) {
					continue
				}
				for _, bad := range r.forbidden {
					if matches(dep, bad) {
						verb := "depends on"
						if r.direct {
							verb = "imports"
						}
						t.Errorf("%s %s %s, which it must not: %s", pkg, verb, dep, r.why)
					}
				}
			}
		}
	}
}

// dependencies maps each package of the rule to what it depends on: its
// imports when the rule is direct, else its whole graph.
func dependencies(t *testing.T, r rule) map[string][]string {
	t.Helper()
	args := []string{"list"}
	format := "{{.ImportPath}} {{join .Deps \" \"}}"
	if r.direct {
		format = "{{.ImportPath}} {{join .Imports \" \"}}"
		if r.tests {
			format += " {{join .TestImports \" \"}} {{join .XTestImports \" \"}}"
		}
	}
	pkgs := r.pkgs
	if slices.Contains(pkgs, "all") {
		pkgs = []string{"./..."}
	}
	cmd := exec.Command("go", append(append(args, "-f", format), pkgs...)...)
	cmd.Dir = ".."
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list %v: %v (the go command lists the dependencies)", pkgs, err)
	}
	deps := map[string][]string{}
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		if fields := strings.Fields(line); len(fields) > 0 {
			deps[fields[0]] = fields[1:]
		}
	}
	if len(deps) == 0 {
		t.Fatalf("go list %v matched no package: a rule names a package that moved", pkgs)
	}
	return deps
}
