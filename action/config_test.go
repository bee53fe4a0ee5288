package action

import (
	"io"
	"os"
	"strings"
	"testing"

	"github.com/kunerva/kunerva/generator"
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
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := parseConfig(".github/kunerva.yaml", []byte(tc.yaml))
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

func TestConfigAdmit(t *testing.T) {
	c, err := parseConfig("c", []byte("namespaces: [shop, team-*]\nkinds: [np, cnp]\n"))
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
			err := c.admit(tc.p)
			if (err == nil) != (tc.err == "") || (err != nil && !strings.Contains(err.Error(), tc.err)) {
				t.Errorf("admit = %v, want %q", err, tc.err)
			}
		})
	}
}

func TestWithSection(t *testing.T) {
	first := withSection("", 1, "## Request\n\none\n")
	if first != "<!-- kunerva:request:1 -->\n## Request\n\none\n" {
		t.Fatalf("first section:\n%s", first)
	}
	two := withSection(first, 2, "two")
	if two != first[:len(first)-1]+sectionSep+"<!-- kunerva:request:2 -->\ntwo\n" {
		t.Fatalf("appended:\n%s", two)
	}
	for _, tc := range []struct{ name, got, want string }{
		{"the same again", withSection(two, 2, "two"), two},
		{"the last replaced", withSection(two, 2, "TWO"), strings.Replace(two, "\ntwo\n", "\nTWO\n", 1)},
		{"the first replaced", withSection(two, 1, "ONE"), strings.Replace(two, "## Request\n\none", "ONE", 1)},
		{"after a human's text", withSection("Notes.", 3, "three"), "Notes." + sectionSep + "<!-- kunerva:request:3 -->\nthree\n"},
	} {
		if tc.got != tc.want {
			t.Errorf("%s:\n%q\nwant\n%q", tc.name, tc.got, tc.want)
		}
	}
}

// The settings example in examples/llm is one the action accepts.
func TestLLMSettingsExample(t *testing.T) {
	data, err := os.ReadFile("../examples/llm/kunerva.yaml")
	if err != nil {
		t.Fatal(err)
	}
	c, err := parseConfig("examples/llm/kunerva.yaml", data)
	if err != nil {
		t.Fatal(err)
	}
	if c.Engine != generator.EngineAuto || c.LLM.BaseURL == "" || c.LLM.Model == "" || c.LLM.timeout == 0 {
		t.Errorf("the example does not configure the LLM: %+v", c)
	}
	r := &run{in: Inputs{ConfigPath: "examples/llm/kunerva.yaml"}, opts: Options{Log: io.Discard}}
	e, err := r.engine(c)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := e.(generator.Auto); !ok {
		t.Errorf("engine %T, want generator.Auto", e)
	}
}
