package settings

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/kunerva/kunerva/generator"
	"github.com/kunerva/kunerva/generator/llm"
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
			err := c.Admit(tc.p)
			if (err == nil) != (tc.err == "") || (err != nil && !strings.Contains(err.Error(), tc.err)) {
				t.Errorf("admit = %v, want %q", err, tc.err)
			}
		})
	}
}

// The settings example in examples/llm is one the action accepts.
func TestLLMSettingsExample(t *testing.T) {
	data, err := os.ReadFile("../../examples/llm/kunerva.yaml")
	if err != nil {
		t.Fatal(err)
	}
	c, err := Parse("examples/llm/kunerva.yaml", data)
	if err != nil {
		t.Fatal(err)
	}
	if c.Engine != generator.EngineAuto || c.LLM.BaseURL == "" || c.LLM.Model == "" || c.LLM.timeout == 0 {
		t.Errorf("the example does not configure the LLM: %+v", c)
	}
	e, err := c.NewEngine(Override{}, func(string) string { return "" })
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := e.(llm.Auto); !ok {
		t.Errorf("engine %T, want llm.Auto", e)
	}
}

// Which engine and which key: the override, else the settings, else the
// defaults; the key is read only for a model, from the variable the
// override, else the settings, else OPENAI_API_KEY name.
func TestNewEngine(t *testing.T) {
	model, err := Parse("s", []byte("engine: llm\nllm:\n  baseURL: http://settings.example/v1\n  model: m\n  apiKeyEnv: SETTINGS_KEY\n"))
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name    string
		s       *Settings
		o       Override
		want    string // the engine's type
		keyEnv  string // the variable read, "" for none
		wantErr string
	}{
		{"nothing said", &Settings{}, Override{}, "builtin.Engine", "", ""},
		{"the settings' model", model, Override{}, "*llm.Engine", "SETTINGS_KEY", ""},
		{"a flag over the settings' engine", model, Override{Engine: "builtin"}, "builtin.Engine", "", ""},
		{"auto with the settings' model", model, Override{Engine: "auto", APIKeyEnv: "FLAG_KEY"}, "llm.Auto", "FLAG_KEY", ""},
		{"llm without a model", &Settings{}, Override{Engine: "llm", LLM: llm.Config{BaseURL: "http://x/v1"}}, "", "OPENAI_API_KEY", "--llm-model"},
		{"an unknown engine", &Settings{}, Override{Engine: "gpt"}, "", "", `unknown engine "gpt"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var read []string
			e, err := tc.s.NewEngine(tc.o, func(k string) string { read = append(read, k); return "" })
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("error %v, want %q", err, tc.wantErr)
				}
			} else if err != nil || fmt.Sprintf("%T", e) != tc.want {
				t.Fatalf("engine %T, error %v; want %s", e, err, tc.want)
			}
			if got := strings.Join(read, ","); got != tc.keyEnv {
				t.Errorf("read the key from %q, want %q", got, tc.keyEnv)
			}
		})
	}
}
