package fakemodel

import (
	"context"
	"errors"
	"strings"

	"github.com/kunerva/kunerva/generator"
	"github.com/kunerva/kunerva/generator/builtin"
	"github.com/kunerva/kunerva/generator/llm"
	"github.com/kunerva/kunerva/internal/eval/devset"
)

// DevSet returns a Model that answers the cases' requests with each case's
// options. Cases that share a request differ only in what the prompt does
// not show (a forced kind, --assume-app-label), so the model cannot tell
// them apart: it takes the options under which the built-in engine
// understands the request, as a model that reads names as workloads would,
// and leaves the rest to the engine's own options.
func DevSet(cases []devset.Case, trees *devset.Trees) (*Model, error) {
	byRequest := map[string]generator.Options{}
	understood := map[string]bool{}
	var errs []error
	for _, c := range cases {
		opts, err := c.Options(trees)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		key := normal(c.Request)
		_, err = builtin.Engine{}.Understand(context.Background(), c.Request, opts)
		if _, seen := byRequest[key]; !seen || (err == nil && !understood[key]) {
			byRequest[key], understood[key] = opts, err == nil
		}
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return &Model{Options: func(request string) (generator.Options, bool) {
		opts, ok := byRequest[normal(request)]
		return opts, ok
	}}, nil
}

// normal is the request as the engine sends it: what a reader sees of it,
// with whitespace collapsed.
func normal(request string) string { return strings.Join(strings.Fields(llm.Visible(request)), " ") }
