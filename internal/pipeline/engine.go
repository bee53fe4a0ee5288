package pipeline

import (
	"cmp"
	"os"

	"github.com/kunerva/kunerva/generator"
	"github.com/kunerva/kunerva/generator/llm"
	"github.com/kunerva/kunerva/internal/settings"
)

// DefaultAPIKeyEnv is the variable the LLM's key is read from unless the
// settings or a run name another.
const DefaultAPIKeyEnv = "OPENAI_API_KEY"

// Override is what a run says over the settings: an action's inputs or the
// command's flags. Empty fields leave the settings' values, and those left
// empty leave the LLM engine's defaults.
type Override struct {
	Engine    string
	APIKeyEnv string
	LLM       llm.Config
}

// NewEngine builds the engine the override, else the settings (nil: none),
// name (the built-in one when neither does), reading the LLM's key with
// getenv (nil: os.Getenv). It is the one place an engine is chosen.
func NewEngine(s *settings.Settings, o Override, getenv func(string) string) (generator.Engine, error) {
	if s == nil {
		s = &settings.Settings{}
	}
	if getenv == nil {
		getenv = os.Getenv
	}
	name := cmp.Or(o.Engine, s.Engine, generator.EngineBuiltin)
	l, c := o.LLM, s.LLM
	cfg := llm.Config{
		BaseURL: cmp.Or(l.BaseURL, c.BaseURL), Model: cmp.Or(l.Model, c.Model),
		APIType: cmp.Or(l.APIType, c.APIType), APIVersion: cmp.Or(l.APIVersion, c.APIVersion), Output: cmp.Or(l.Output, c.Output),
		Attempts: cmp.Or(l.Attempts, c.Attempts), Timeout: cmp.Or(l.Timeout, c.TimeoutDuration), TokenBudget: cmp.Or(l.TokenBudget, c.TokenBudget),
		Retry: l.Retry, Logf: l.Logf,
	}
	if name == generator.EngineLLM || name == generator.EngineAuto {
		cfg.APIKey = getenv(cmp.Or(o.APIKeyEnv, c.APIKeyEnv, DefaultAPIKeyEnv))
	}
	return llm.NewEngine(name, cfg)
}

// Admit is Options.Admit for the settings' allow-lists; nil when they allow
// everything.
func Admit(s *settings.Settings) func(generator.Policy) error {
	if !s.Restricts() {
		return nil
	}
	return func(p generator.Policy) error { return s.Admit(string(p.Kind), p.Namespace, p.Name) }
}
