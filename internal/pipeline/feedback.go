package pipeline

import (
	"context"
	"strings"

	"github.com/kunerva/kunerva/generator"
	"github.com/kunerva/kunerva/validate"
)

// Check returns a generator.Options.Check that asks admit (when set) about
// each policy and validates them in the session; every error finding is a
// problem, named by object and field.
func Check(s *validate.Session, admit func(generator.Policy) error) func(context.Context, []generator.Policy) ([]string, error) {
	return func(ctx context.Context, policies []generator.Policy) ([]string, error) {
		var problems []string
		if admit != nil {
			for _, p := range policies {
				if err := admit(p); err != nil {
					problems = append(problems, err.Error())
				}
			}
			if len(problems) > 0 {
				return problems, nil
			}
		}
		docs, err := Documents(policies)
		if err != nil {
			return nil, err
		}
		findings, err := s.Validate(ctx, docs)
		if err != nil {
			return nil, err
		}
		for _, f := range findings {
			if f.Severity == validate.SeverityError {
				// The file and line are kunerva's scratch stream, nothing
				// the model wrote: the object and the field say where.
				f.File, f.Line = "", 0
				problems = append(problems, strings.TrimPrefix(f.String(), ": "))
			}
		}
		return problems, nil
	}
}

// Documents renders policies as one YAML stream, policy.yaml, and parses it
// the way the validator reads files.
func Documents(policies []generator.Policy) ([]validate.Document, error) {
	stream, err := generator.Stream(policies)
	if err != nil {
		return nil, err
	}
	return validate.Parse("policy.yaml", stream)
}
