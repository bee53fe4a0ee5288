package llm

import (
	"context"
	"errors"
	"fmt"

	"github.com/kunerva/kunerva/generator"
	"github.com/kunerva/kunerva/generator/builtin"
)

// NewEngine returns the engine called name: builtin, llm or auto; cfg
// configures the LLM for the latter two. It is the one place that maps an
// engine's name to the engine.
func NewEngine(name string, cfg Config) (generator.Engine, error) {
	switch name {
	case generator.EngineBuiltin:
		return builtin.Engine{}, nil
	case generator.EngineLLM, generator.EngineAuto:
	default:
		return nil, fmt.Errorf("unknown engine %q: use builtin, llm or auto", name)
	}
	llm, err := New(cfg)
	if err != nil {
		return nil, err
	}
	if name == generator.EngineAuto {
		return Auto{LLM: llm}, nil
	}
	return llm, nil
}

// Auto understands a request with the built-in engine and, when that does
// not fully understand it, with the LLM. The intent's Engine says which one
// did.
type Auto struct {
	LLM *Engine
}

// Understand implements generator.Engine.
func (a Auto) Understand(ctx context.Context, request string, opts generator.Options) (*generator.Intent, error) {
	in, err := builtin.Engine{}.Understand(ctx, request, opts)
	var refusal *generator.NotUnderstoodError
	if errors.As(err, &refusal) || (err == nil && !renders(in, opts.Kind)) {
		return a.LLM.Understand(ctx, request, opts)
	}
	return in, err
}

// renders says whether an intent is valid and renders as the kind.
func renders(in *generator.Intent, kind generator.Kind) bool {
	_, err := generator.Prepare(in, kind)
	return err == nil
}
