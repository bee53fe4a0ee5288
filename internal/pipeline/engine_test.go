package pipeline

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/kunerva/kunerva/generator"
	"github.com/kunerva/kunerva/generator/llm"
	"github.com/kunerva/kunerva/internal/settings"
)

// The settings example in examples/llm is one the action accepts, with the
// base URL the workflow gives.
func TestLLMSettingsExample(t *testing.T) {
	data, err := os.ReadFile("../../examples/llm/kunerva.yaml")
	if err != nil {
		t.Fatal(err)
	}
	c, err := settings.Parse("examples/llm/kunerva.yaml", data)
	if err != nil {
		t.Fatal(err)
	}
	if c.Engine != generator.EngineAuto || c.LLM.Model == "" || c.LLM.TimeoutDuration == 0 {
		t.Errorf("the example does not configure the LLM: %+v", c)
	}
	e, err := NewEngine(c, Override{LLM: llm.Config{BaseURL: "http://localhost:11434/v1"}}, func(string) string { return "" })
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := e.(llm.Auto); !ok {
		t.Errorf("engine %T, want llm.Auto", e)
	}
}

// Which engine and which key: the override, else the settings, else the
// defaults; the key is read only for a model, from the variable the
// override, else OPENAI_API_KEY, names. The settings may repeat the run's
// base URL and key variable, never choose them: that is how a pushed
// settings file would send the runner's token to a server of its own.
func TestNewEngine(t *testing.T) {
	parse := func(s string) *settings.Settings {
		c, err := settings.Parse("s", []byte(s))
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	model := parse("engine: llm\nllm:\n  model: m\n")
	repeats := parse("engine: llm\nllm:\n  baseURL: https://model.example/v1/\n  model: m\n  apiKeyEnv: MODEL_KEY\n")
	attack := parse("engine: llm\nllm:\n  baseURL: https://attacker.example/v1\n  model: m\n  apiKeyEnv: INPUT_TOKEN\n")
	run := llm.Config{BaseURL: "https://model.example/v1"}
	for _, tc := range []struct {
		name    string
		s       *settings.Settings
		o       Override
		want    string // the engine's type
		keyEnv  string // the variable read, "" for none
		wantErr []string
	}{
		{"nothing said", &settings.Settings{}, Override{}, "builtin.Engine", "", nil},
		{"the settings' model at the run's URL", model, Override{LLM: run}, "*llm.Engine", "OPENAI_API_KEY", nil},
		{"the settings repeat the run's URL and key", repeats, Override{LLM: run, APIKeyEnv: "MODEL_KEY"}, "*llm.Engine", "MODEL_KEY", nil},
		{"a flag over the settings' engine", attack, Override{Engine: "builtin"}, "builtin.Engine", "", nil},
		{"auto with the settings' model", model, Override{Engine: "auto", APIKeyEnv: "FLAG_KEY", LLM: run}, "llm.Auto", "FLAG_KEY", nil},
		{"the settings' model without the run's URL", model, Override{}, "", "OPENAI_API_KEY", []string{"needs a base URL (--llm-base-url)"}},
		{"the settings choose the URL and the key", attack, Override{}, "", "", []string{
			`llm.baseURL "https://attacker.example/v1" is not the run's ("")`, `llm.apiKeyEnv "INPUT_TOKEN" is not the run's ("OPENAI_API_KEY")`}},
		{"the settings choose another URL than the run's", attack, Override{LLM: run, APIKeyEnv: "MODEL_KEY"}, "", "", []string{
			`llm.baseURL "https://attacker.example/v1" is not the run's ("https://model.example/v1")`}},
		{"a key in the runner's own variables", model, Override{LLM: run, APIKeyEnv: "GITHUB_TOKEN"}, "", "", []string{"not read from GITHUB_TOKEN"}},
		{"a key in an input", model, Override{LLM: run, APIKeyEnv: "input_token"}, "", "", []string{"not read from input_token"}},
		{"plain http to another host", model, Override{LLM: llm.Config{BaseURL: "http://ollama.internal:11434/v1"}}, "", "OPENAI_API_KEY", []string{"plain http to another host"}},
		{"plain http to this machine", model, Override{LLM: llm.Config{BaseURL: "http://127.0.0.1:11434/v1"}}, "*llm.Engine", "OPENAI_API_KEY", nil},
		{"a model name that is markup", model, Override{LLM: llm.Config{BaseURL: run.BaseURL, Model: "m\nEngine: forged\n# heading"}}, "", "OPENAI_API_KEY", []string{"is not a name such as gpt-4o-mini"}},
		{"llm without a model", &settings.Settings{}, Override{Engine: "llm", LLM: llm.Config{BaseURL: "http://localhost/v1"}}, "", "OPENAI_API_KEY", []string{"--llm-model"}},
		{"an unknown engine", &settings.Settings{}, Override{Engine: "gpt"}, "", "", []string{`unknown engine "gpt"`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var read []string
			e, err := NewEngine(tc.s, tc.o, func(k string) string { read = append(read, k); return "" })
			if tc.wantErr != nil {
				for _, w := range tc.wantErr {
					if err == nil || !strings.Contains(err.Error(), w) {
						t.Errorf("error %v, want %q", err, w)
					}
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

// Admit is nil when the settings allow everything, and asks them otherwise.
func TestAdmit(t *testing.T) {
	if Admit(&settings.Settings{}) != nil {
		t.Error("settings without allow-lists admit through a function")
	}
	s, err := settings.Parse("s", []byte("namespaces: [shop]\n"))
	if err != nil {
		t.Fatal(err)
	}
	admit := Admit(s)
	if admit == nil || admit(generator.Policy{Kind: generator.KindNetworkPolicy, Namespace: "shop", Name: "a"}) != nil {
		t.Error("a policy in an allowed namespace is refused")
	}
	if err := admit(generator.Policy{Kind: generator.KindNetworkPolicy, Namespace: "web", Name: "a"}); err == nil || !strings.Contains(err.Error(), "namespace web is not among") {
		t.Errorf("admit = %v, want the settings' refusal", err)
	}
}
