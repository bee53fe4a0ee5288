package e2e

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"sigs.k8s.io/e2e-framework/pkg/envconf"
	"sigs.k8s.io/e2e-framework/pkg/features"

	"github.com/kunerva/kunerva/generator"
	"github.com/kunerva/kunerva/generator/builtin"
	"github.com/kunerva/kunerva/internal/eval/devset"
	"github.com/kunerva/kunerva/internal/tree"
	"github.com/kunerva/kunerva/validate"
)

// TestDevSetPoliciesAreValid generates every dev-set request and proves the
// policies, and the dev set's expected policies, valid in all three stages on
// the suite's cluster.
func TestDevSetPoliciesAreValid(t *testing.T) {
	cases, err := devset.Load("../../generator/testdata/devset")
	if err != nil {
		t.Fatal(err)
	}
	trees := &devset.Trees{Root: "../.."}
	feature := features.New("dev set").
		Assess("generated and expected policies pass schema, dry-run and checks", func(ctx context.Context, t *testing.T, cfg *envconf.Config) context.Context {
			checked := 0
			sessions := map[*tree.Tree]*validate.Session{} // on a cluster kunerva did not start: nothing to close
			seeded := map[string]bool{}
			for _, c := range cases {
				if c.Refuse != "" {
					continue
				}
				opts, err := c.Options(trees)
				if err != nil {
					t.Fatal(err)
				}
				var streams []string
				if res, err := generator.Generate(ctx, builtin.Engine{}, c.Request, opts); err == nil {
					s, err := policyStream(res.Policies)
					if err != nil {
						t.Fatal(err)
					}
					streams = append(streams, s)
				}
				want, err := c.ExpectYAML()
				if err != nil {
					t.Fatal(err)
				}
				streams = append(streams, string(want))
				for i, s := range streams {
					name := fmt.Sprintf("%s/%s[%s]", c.File, c.Name, []string{"generated", "expected"}[i+2-len(streams)])
					docs, err := validate.Parse(name, []byte(s))
					if err != nil {
						t.Fatal(err)
					}
					// Seed each tree, and each namespace the cases name, once.
					key := c.Tree
					for _, d := range docs {
						key += "," + d.Namespace()
					}
					if !seeded[key] {
						if err := validate.Seed(ctx, cfg.Client().RESTConfig(), opts.Tree, docs); err != nil {
							t.Fatal(err)
						}
						seeded[key] = true
					}
					s := sessions[opts.Tree]
					if s == nil {
						if s, err = validate.Open(ctx, validate.Config{CacheDir: t.TempDir(),
							Cluster: validate.ClusterOptions{REST: cfg.Client().RESTConfig(), Tree: opts.Tree}}, nil); err != nil {
							t.Fatal(err)
						}
						sessions[opts.Tree] = s
					}
					findings, err := s.Validate(ctx, docs)
					if err != nil {
						t.Fatalf("%s: %v", name, err)
					}
					for _, f := range findings {
						if f.Severity == validate.SeverityError {
							t.Errorf("%s: %s", c.Request, f)
						}
					}
					checked++
				}
			}
			t.Logf("%d policy sets valid in all three stages", checked)
			return ctx
		}).Feature()
	testenv.Test(t, feature)
}

func policyStream(ps []generator.Policy) (string, error) {
	var docs []string
	for _, p := range ps {
		b, err := p.YAML()
		if err != nil {
			return "", err
		}
		docs = append(docs, string(b))
	}
	return strings.Join(docs, "---\n"), nil
}
