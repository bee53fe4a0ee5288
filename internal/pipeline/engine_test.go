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

// The settings example in examples/llm is one the action accepts.
func TestLLMSettingsExample(t *testing.T) {
	data, err := os.ReadFile("../../examples/llm/kunerva.yaml")
	if err != nil {
		t.Fatal(err)
	}
	c, err := settings.Parse("examples/llm/kunerva.yaml", data)
	if err != nil {
		t.Fatal(err)
	}
	if c.Engine != generator.EngineAuto || c.LLM.BaseURL == "" || c.LLM.Model == "" || c.LLM.TimeoutDuration == 0 {
		t.Errorf("the example does not configure the LLM: %+v", c)
	}
	e, err := NewEngine(c, Override{}, func(string) string { return "" })
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
	model, err := settings.Parse("s", []byte("engine: llm\nllm:\n  baseURL: http://settings.example/v1\n  model: m\n  apiKeyEnv: SETTINGS_KEY\n"))
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name    string
		s       *settings.Settings
		o       Override
		want    string // the engine's type
		keyEnv  string // the variable read, "" for none
		wantErr string
	}{
		{"nothing said", &settings.Settings{}, Override{}, "builtin.Engine", "", ""},
		{"the settings' model", model, Override{}, "*llm.Engine", "SETTINGS_KEY", ""},
		{"a flag over the settings' engine", model, Override{Engine: "builtin"}, "builtin.Engine", "", ""},
		{"auto with the settings' model", model, Override{Engine: "auto", APIKeyEnv: "FLAG_KEY"}, "llm.Auto", "FLAG_KEY", ""},
		{"llm without a model", &settings.Settings{}, Override{Engine: "llm", LLM: llm.Config{BaseURL: "http://x/v1"}}, "", "OPENAI_API_KEY", "--llm-model"},
		{"an unknown engine", &settings.Settings{}, Override{Engine: "gpt"}, "", "", `unknown engine "gpt"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var read []string
			e, err := NewEngine(tc.s, tc.o, func(k string) string { read = append(read, k); return "" })
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
