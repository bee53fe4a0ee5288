package pipeline

import (
	"context"
	"strings"

	"github.com/kunerva/kunerva/generator"
	"github.com/kunerva/kunerva/validate"
)

// Validator validates generated policies in one validation session, opened on
// first use: a control plane for the dry-run starts only when something is
// validated, and an engine that never asks for a review (the built-in one)
// opens none.
type Validator struct {
	Config validate.Config
	// Admit, when set, is asked about each policy before it is validated.
	Admit func(generator.Policy) error

	session *validate.Session
}

// Session opens the validation session, once.
func (v *Validator) Session(ctx context.Context) (*validate.Session, error) {
	if v.session == nil {
		s, err := validate.Open(ctx, v.Config, nil)
		if err != nil {
			return nil, err
		}
		v.session = s
	}
	return v.session, nil
}

// Close closes the session, if one was opened.
func (v *Validator) Close(ctx context.Context) error {
	if v.session == nil {
		return nil
	}
	return v.session.Close(ctx)
}

// Review is a generator.Options.Review: it turns the validation of the policies
// an engine rendered into the problems an engine that can repair its answer
// (the LLM) is told. The allow-list's refusals come first and alone; then
// every error finding, named by object and field.
func (v *Validator) Review(ctx context.Context, policies []generator.Policy) ([]string, error) {
	var problems []string
	for _, err := range v.refusals(policies) {
		problems = append(problems, err.Error())
	}
	if len(problems) > 0 {
		return problems, nil
	}
	findings, err := v.Validate(ctx, policies)
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

// Validate validates the policies, rendered as one YAML stream (policy.yaml)
// and read the way the validator reads files.
func (v *Validator) Validate(ctx context.Context, policies []generator.Policy) ([]validate.Finding, error) {
	stream, err := generator.Stream(policies)
	if err != nil {
		return nil, err
	}
	docs, err := validate.Parse("policy.yaml", stream)
	if err != nil {
		return nil, err
	}
	s, err := v.Session(ctx)
	if err != nil {
		return nil, err
	}
	return s.Validate(ctx, docs)
}

// refusals are Admit's refusals of the policies, one per policy it refuses.
func (v *Validator) refusals(policies []generator.Policy) []error {
	var errs []error
	for _, p := range policies {
		if v.Admit == nil {
			break
		}
		if err := v.Admit(p); err != nil {
			errs = append(errs, err)
		}
	}
	return errs
}
