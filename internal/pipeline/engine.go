package pipeline

import (
	"cmp"
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/kunerva/kunerva/generator"
	"github.com/kunerva/kunerva/generator/llm"
	"github.com/kunerva/kunerva/internal/settings"
)

// DefaultAPIKeyEnv is the variable the LLM's key is read from unless the
// settings or a run name another.
const DefaultAPIKeyEnv = "OPENAI_API_KEY"

// Override is what a run says over the settings: an action's inputs or the
// command's flags. Empty fields leave the settings' values, and those left
// empty leave the LLM engine's defaults; but where the model's requests go
// and which variable holds its key are the run's alone (see NewEngine).
type Override struct {
	Engine    string
	APIKeyEnv string
	LLM       llm.Config
}

// NewEngine builds the engine the override, else the settings (nil: none),
// name (the built-in one when neither does), reading the LLM's key with
// getenv (nil: os.Getenv). It is the one place an engine is chosen.
//
// The settings come from a repository, which people other than the one who
// runs kunerva can change; so they may repeat the run's base URL and key
// variable, never choose them: otherwise a settings file could send the key
// in a variable of its choice (the workflow's token) to a server of its
// choice. A key variable of the runner's own (INPUT_*, GITHUB_*, ACTIONS_*)
// is refused whoever names it.
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
		BaseURL: l.BaseURL, Model: cmp.Or(l.Model, c.Model),
		APIType: cmp.Or(l.APIType, c.APIType), APIVersion: cmp.Or(l.APIVersion, c.APIVersion), Output: cmp.Or(l.Output, c.Output),
		Attempts: cmp.Or(l.Attempts, c.Attempts), Timeout: cmp.Or(l.Timeout, c.TimeoutDuration), TokenBudget: cmp.Or(l.TokenBudget, c.TokenBudget),
		Retry: l.Retry, Logf: l.Logf,
	}
	if name != generator.EngineLLM && name != generator.EngineAuto {
		return llm.NewEngine(name, cfg)
	}
	keyEnv := cmp.Or(o.APIKeyEnv, DefaultAPIKeyEnv)
	var errs []error
	if c.BaseURL != "" && strings.TrimSuffix(c.BaseURL, "/") != strings.TrimSuffix(l.BaseURL, "/") {
		errs = append(errs, fmt.Errorf("the settings' llm.baseURL %q is not the run's (%q): a settings file may repeat where the model's requests go, not choose it; give the URL to the run (the action's llm-base-url input, --llm-base-url)", c.BaseURL, l.BaseURL))
	}
	if c.APIKeyEnv != "" && c.APIKeyEnv != keyEnv {
		errs = append(errs, fmt.Errorf("the settings' llm.apiKeyEnv %q is not the run's (%q): a settings file may repeat which variable holds the model's key, not choose it; give it to the run (the action's llm-api-key-env input, --llm-api-key-env)", c.APIKeyEnv, keyEnv))
	}
	for _, prefix := range []string{"INPUT_", "GITHUB_", "ACTIONS_"} {
		if strings.HasPrefix(strings.ToUpper(keyEnv), prefix) {
			errs = append(errs, fmt.Errorf("the model's key is not read from %s: variables named %s* belong to the runner and hold its tokens; put the key in a variable of its own, such as %s", keyEnv, prefix, DefaultAPIKeyEnv))
		}
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	cfg.APIKey = getenv(keyEnv)
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
