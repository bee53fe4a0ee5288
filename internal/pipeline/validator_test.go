package pipeline_test

import (
	"context"
	"errors"
	"slices"
	"testing"

	"github.com/kunerva/kunerva/generator"
	"github.com/kunerva/kunerva/generator/builtin"
	"github.com/kunerva/kunerva/internal/pipeline"
	"github.com/kunerva/kunerva/internal/tree"
	"github.com/kunerva/kunerva/validate"
)

// The problems a model is told name the object, the field and the check,
// not kunerva's scratch file; the allow-list comes first and alone.
func TestCheck(t *testing.T) {
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
