package generator

import (
	"context"
	"errors"
	"fmt"
)

// EngineAuto names the engine that tries the built-in engine, then the LLM.
const EngineAuto = "auto"

// NewEngine returns the engine called name: builtin, llm or auto; cfg
// configures the LLM for the latter two.
func NewEngine(name string, cfg LLMConfig) (Engine, error) {
	switch name {
	case EngineBuiltin:
		return Builtin{}, nil
	case EngineLLM, EngineAuto:
	default:
		return nil, fmt.Errorf("unknown engine %q: use builtin, llm or auto", name)
	}
	llm, err := NewLLM(cfg)
	if err != nil {
		return nil, err
	}
	if name == EngineAuto {
		return Auto{LLM: llm}, nil
	}
	return llm, nil
}

// Auto understands a request with the built-in engine and, when that does
// not fully understand it, with the LLM. The intent's Engine says which one
// did.
type Auto struct {
	LLM *LLM
}

// Understand implements Engine.
func (a Auto) Understand(ctx context.Context, request string, opts Options) (*Intent, error) {
	in, err := Builtin{}.Understand(ctx, request, opts)
	var refusal *NotUnderstoodError
	if errors.As(err, &refusal) || (err == nil && !renders(in, opts.Kind)) {
		return a.LLM.Understand(ctx, request, opts)
	}
	return in, err
}

// renders says whether an intent is valid and renders as the kind.
func renders(in *Intent, kind Kind) bool {
	if kind == "" {
		kind = KindAuto
	}
	fitKind(in, kind)
	if in.Validate() != nil {
		return false
	}
	_, err := Render(in, kind)
	return err == nil
}
