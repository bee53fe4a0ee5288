package settings

import (
	"slices"
	"strings"
	"testing"

	"github.com/kunerva/kunerva/generator"
	"github.com/kunerva/kunerva/internal/policy"
)

func TestParseConfig(t *testing.T) {
	for _, tc := range []struct {
		name, yaml, err string
	}{
		{"empty", "", ""},
		{"all fields", "namespaces: [shop, team-*]\nkinds: [np, CiliumNetworkPolicy, ksp]\ntreeRoot: deploy\n", ""},
		{"a misspelt field", "namespace: [shop]\n", `unknown field "namespace"`},
		{"a duplicate key", "kinds: [np]\nkinds: [ksp]\n", `key "kinds" already set`},
		{"an unknown kind", "kinds: [PodSecurityPolicy]\n", `unknown policy kind "PodSecurityPolicy"`},
		{"auto", "kinds: [auto]\n", "auto is not a kind"},
		{"a bad pattern", "namespaces: [\"shop[\"]\n", `"shop[" is not a namespace or a pattern`},
		{"a tree outside the repository", "treeRoot: ../elsewhere\n", `treeRoot: "../elsewhere" is not a relative path inside the repository`},
		{"not a mapping", "- shop\n", "cannot unmarshal"},
		{"every problem at once", "kinds: [nope]\nnamespaces: [\"[\"]\n", "kinds: unknown policy kind"},
		{"the LLM", "engine: auto\nllm:\n  baseURL: http://localhost:11434/v1\n  model: qwen2.5:7b\n  apiKeyEnv: OLLAMA_KEY\n  output: tool\n  attempts: 2\n  timeout: 90s\n  tokenBudget: 20000\n", ""},
		{"an unknown engine", "engine: gpt\n", `engine: "gpt" is not builtin, llm or auto`},
		{"a bad timeout", "llm:\n  timeout: soon\n", `llm.timeout: "soon" is not a duration`},
		{"the key itself", "llm:\n  apiKey: sk-123\n", `unknown field "apiKey"`},
		{"forbid", "forbid: [all-peers, all-addresses, world, all-namespaces, cluster-wide]\n", ""},
		{"forbid in any case", "forbid: [World, \" cluster-wide\"]\n", ""},
		{"an unknown widening", "forbid: [world, internet]\n", `forbid: unknown widening "internet": use all-peers, all-addresses, world, all-namespaces, cluster-wide`},
		{"forbid not a list", "forbid: world\n", "cannot unmarshal"},
		{"forbid misspelt", "forbids: [world]\n", `unknown field "forbids"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse(".github/kunerva.yaml", []byte(tc.yaml))
			if tc.err == "" {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tc.err) || !strings.HasPrefix(err.Error(), ".github/kunerva.yaml: ") {
				t.Errorf("error %v, want one naming the file and saying %q", err, tc.err)
			}
		})
	}
}

// Forbid keeps the names as written, for validate.Config.Forbid, and
// reports every unknown one.
func TestForbid(t *testing.T) {
	c, err := Parse("c", []byte("forbid: [world, Cluster-Wide]\n"))
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(c.Forbid, []string{"world", "Cluster-Wide"}) || c.Restricts() {
		t.Errorf("forbid = %q, restricts = %v; want the names, and no allow-list", c.Forbid, c.Restricts())
	}
	for _, w := range policy.Widenings {
		if _, err := Parse("c", []byte("forbid: ["+string(w)+"]\n")); err != nil {
			t.Errorf("forbid %s: %v", w, err)
		}
	}
	_, err = Parse("c", []byte("forbid: [internet, everything]\n"))
	if err == nil || !strings.Contains(err.Error(), `"internet"`) || !strings.Contains(err.Error(), `"everything"`) {
		t.Errorf("two unknown names: %v, want both", err)
	}
}

func TestConfigAdmit(t *testing.T) {
	c, err := Parse("c", []byte("namespaces: [shop, team-*]\nkinds: [np, cnp]\n"))
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		p    generator.Policy
		err  string
	}{
		{"allowed", generator.Policy{Kind: generator.KindNetworkPolicy, Namespace: "shop", Name: "a"}, ""},
		{"a pattern", generator.Policy{Kind: generator.KindCilium, Namespace: "team-blue", Name: "a"}, ""},
		{"another namespace", generator.Policy{Kind: generator.KindNetworkPolicy, Namespace: "web", Name: "a"}, "namespace web is not among the namespaces this repository allows (shop, team-*)"},
		{"another kind", generator.Policy{Kind: generator.KindKubeArmor, Namespace: "shop", Name: "a"}, "KubeArmorPolicy is not among the kinds this repository allows (np, cnp)"},
		{"cluster-wide", generator.Policy{Kind: generator.KindCiliumClusterwide, Name: "a"}, "CiliumClusterwideNetworkPolicy/a is cluster-wide"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := c.Admit(string(tc.p.Kind), tc.p.Namespace, tc.p.Name)
			if (err == nil) != (tc.err == "") || (err != nil && !strings.Contains(err.Error(), tc.err)) {
				t.Errorf("admit = %v, want %q", err, tc.err)
			}
		})
	}
}

// FuzzParse feeds settings of any shape: Parse must not panic, and what it
// accepts has known ways of widening in forbid.
func FuzzParse(f *testing.F) {
	f.Add([]byte("namespaces: [shop, team-*]\nkinds: [np]\nforbid: [world, Cluster-Wide]\n"))
	f.Add([]byte("forbid: [internet]\nllm: {timeout: 2m, attempts: 2}\n"))
	f.Add([]byte("forbid: {world: true}\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := Parse("fuzz.yaml", data)
		if err != nil {
			return
		}
		for _, w := range c.Forbid {
			if _, err := policy.ParseWidening(w); err != nil {
				t.Errorf("accepted forbid %q: %v", w, err)
			}
		}
	})
}
