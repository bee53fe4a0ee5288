package action

import (
	"cmp"
	"fmt"
	"os"

	"github.com/kunerva/kunerva/generator"
)

// DefaultLLMAPIKeyEnv is the variable the LLM's key is read from unless
// the inputs or the settings name another.
const DefaultLLMAPIKeyEnv = "OPENAI_API_KEY"

// engine builds the engine the inputs, else the settings, name: the
// built-in one by default.
func (r *run) engine(cfg *Config) (generator.Engine, error) {
	if r.opts.Engine != nil {
		return r.opts.Engine, nil
	}
	name := cmp.Or(r.in.Engine, cfg.Engine, generator.EngineBuiltin)
	getenv := r.opts.Getenv
	if getenv == nil {
		getenv = os.Getenv
	}
	l := cfg.LLM
	llm := generator.LLMConfig{BaseURL: cmp.Or(r.in.LLMBaseURL, l.BaseURL), Model: cmp.Or(r.in.LLMModel, l.Model),
		APIType: l.APIType, APIVersion: l.APIVersion, Output: l.Output, Attempts: l.Attempts, Timeout: l.timeout, TokenBudget: l.TokenBudget,
		Logf: r.logf}
	if name != generator.EngineBuiltin {
		llm.APIKey = getenv(cmp.Or(r.in.LLMAPIKeyEnv, l.APIKeyEnv, DefaultLLMAPIKeyEnv))
	}
	e, err := generator.NewEngine(name, llm)
	if err != nil {
		return nil, fmt.Errorf("engine %s: %w (set the action's llm-base-url and llm-model inputs or the llm section of %s)", name, err, r.in.ConfigPath)
	}
	return e, nil
}
