package pipeline_test

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/kunerva/kunerva/generator"
	"github.com/kunerva/kunerva/generator/builtin"
	"github.com/kunerva/kunerva/internal/pipeline"
	"github.com/kunerva/kunerva/internal/tree"
	"github.com/kunerva/kunerva/validate"
)

// The problems a model is told name the object, the field and the check,
// not kunerva's scratch file; the allow-list comes first and alone.
func TestReview(t *testing.T) {
	ctx := context.Background()
	tr, err := tree.Load("../../examples/shop")
	if err != nil {
		t.Fatal(err)
	}
	cfg := validate.Config{Stages: []validate.Stage{validate.StageSchema, validate.StageChecks},
		Cluster: validate.ClusterOptions{Mode: validate.ClusterNone, Tree: tr}}
	policies := func(request string) []generator.Policy {
		res, err := generator.Generate(ctx, builtin.Engine{}, request, generator.Options{Tree: tr})
		if err != nil {
			t.Fatal(err)
		}
		return res.Policies
	}
	onlyShop := func(p generator.Policy) error {
		if p.Namespace != "shop" {
			return errors.New("namespace " + p.Namespace + " is not allowed")
		}
		return nil
	}
	for _, tc := range []struct {
		name    string
		request string
		admit   func(generator.Policy) error
		want    []string
	}{
		{"valid", "allow the nginx pods to receive traffic on port 80", nil, nil},
		{"a port no pod exposes", "allow the nginx pods to receive traffic on port 8081", nil,
			[]string{"NetworkPolicy/web/allow-ingress-nginx: spec.ingress[0].ports[0].port: port 8081/TCP is not exposed by any pod selected (app=nginx exposes http 80 and https 443); use one of those ports [ports]"}},
		{"outside the allow-list", "allow the nginx pods to receive traffic on port 8081", onlyShop, []string{"namespace web is not allowed"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := &pipeline.Validator{Config: cfg, Admit: tc.admit}
			defer c.Close(ctx)
			got, err := c.Review(ctx, policies(tc.request))
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("problems %q, want %q", got, tc.want)
			}
		})
	}
}

// The session opens on first use only: the built-in engine never asks for a
// review, so a validation that cannot even open does not stop it, and the
// first review says why it cannot.
func TestValidatorOpensOnFirstUse(t *testing.T) {
	ctx := context.Background()
	v := &pipeline.Validator{Config: validate.Config{Stages: []validate.Stage{"bogus"}}}
	defer v.Close(ctx)
	res, err := generator.Generate(ctx, builtin.Engine{}, "block access to /etc/shadow in pods labeled app=nginx", generator.Options{Review: v.Review})
	if err != nil {
		t.Fatalf("the built-in engine opened the validation: %v", err)
	}
	if _, err := v.Review(ctx, res.Policies); err == nil || !strings.Contains(err.Error(), `unknown stage "bogus"`) {
		t.Errorf("review = %v, want the session's error", err)
	}
}
