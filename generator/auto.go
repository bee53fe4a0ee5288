package generator

import (
	"context"
	"errors"
)

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
