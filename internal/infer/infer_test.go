package infer

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/kunerva/kunerva/generator"
	"github.com/kunerva/kunerva/internal/tree"
	"github.com/kunerva/kunerva/validate"
)

func loadTree(t *testing.T, name string) *tree.Tree {
	t.Helper()
	tr, err := tree.Load("../../examples/" + name)
	if err != nil {
		t.Fatal(err)
	}
	return tr
}

// Every namespace of both demo trees, inferred: the proof holds (every
// connection the manifests show stays allowed or was denied before by the
// tree's own policies, every other flow between the namespace's workloads
// is denied), and the policies pass all three validation stages (the
// dry-run on the local control plane; -short leaves it out).
func TestInferDemoTrees(t *testing.T) {
	for _, name := range []string{"shop", "travel"} {
		tr := loadTree(t, name)
		for _, kind := range []generator.Kind{generator.KindAuto, generator.KindNetworkPolicy, generator.KindCilium} {
			t.Run(fmt.Sprintf("%s/%s", name, kind), func(t *testing.T) {
				res, err := Infer(tr, Options{Kind: kind})
				if err != nil {
					t.Fatal(err)
				}
				if len(res.Proof.Problems) > 0 {
					t.Fatalf("not proved:\n%s", strings.Join(res.Proof.Problems, "\n"))
				}
				if res.Proof.Denied == 0 {
					t.Error("no flow between the workloads of a namespace is denied")
				}
				for _, p := range res.Policies() {
					if kind != generator.KindAuto && p.Kind != kind {
						t.Errorf("%s %s/%s, want %s", p.Kind, p.Namespace, p.Name, kind)
					}
				}
				if kind == generator.KindNetworkPolicy && name == "travel" && len(res.Warnings) == 0 {
					t.Error("hosts outside the cluster by port, with no warning")
				}
				validateAll(t, tr, res)
			})
		}
	}
}

func validateAll(t *testing.T, tr *tree.Tree, res *Result) {
	t.Helper()
	var docs []validate.Document
	for _, p := range res.Policies() {
		y, err := p.YAML()
		if err != nil {
			t.Fatal(err)
		}
		d, err := validate.Parse(p.Namespace+"/"+p.Name+".yaml", y)
		if err != nil {
			t.Fatal(err)
		}
		docs = append(docs, d...)
	}
	cfg := validate.Config{CacheDir: t.TempDir(), Cluster: validate.ClusterOptions{Mode: validate.ClusterLocal, Tree: tr}}
	if testing.Short() {
		cfg.Cluster.Mode = validate.ClusterNone
	}
	findings, err := validate.Run(context.Background(), cfg, docs)
	if err != nil {
		t.Fatalf("validate: %v", err)
	}
	for _, f := range findings {
		if f.Severity == validate.SeverityError {
			t.Errorf("%s", f)
		}
	}
}

// The unresolvable reference of the travel tree is a question, never a
// rule: no policy names a loyalty Service or its port for it.
func TestInferAsksAboutWhatDoesNotResolve(t *testing.T) {
	res, err := Infer(loadTree(t, "travel"), Options{Namespaces: []string{"booking"}})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.ContainsFunc(res.Questions, func(q Question) bool { return strings.Contains(q.Text, "loyalty.booking.svc") }) {
		t.Errorf("no question about loyalty: %+v", res.Questions)
	}
	for _, s := range res.Sets {
		for _, r := range s.Rules {
			for _, ref := range r.Refs {
				if strings.Contains(ref.Text, "loyalty") {
					t.Errorf("a rule of %s rests on %q", s.For, ref.Text)
				}
			}
		}
	}
	if !strings.Contains(res.Explain(), "loyalty.booking.svc") {
		t.Error("the explanation does not list the question")
	}
}

// A new env var with a Service URL, inferred again, adds exactly that
// connection: one more kept connection, the same everything else.
func TestInferANewReferenceAddsOneEdge(t *testing.T) {
	base := loadTree(t, "travel")
	var objs []tree.Object
	for _, o := range base.Objects {
		if o.Kind == "Deployment" && o.Namespace == "web" && o.Name == "frontend" {
			y := strings.Replace(string(o.YAML), "env:\n", "env:\n        - name: INVENTORY_ADDR\n          value: inventory.booking:9090\n", 1)
			if y == string(o.YAML) {
				t.Fatal("the frontend Deployment has no env list to add to")
			}
			o.YAML = []byte(y)
		}
		objs = append(objs, o)
	}
	edited, err := tree.FromObjects(base.Root, objs)
	if err != nil {
		t.Fatal(err)
	}
	was, err := Infer(base, Options{Namespaces: []string{"web"}})
	if err != nil {
		t.Fatal(err)
	}
	now, err := Infer(edited, Options{Namespaces: []string{"web"}})
	if err != nil {
		t.Fatal(err)
	}
	var added []string
	for _, k := range now.Proof.Kept {
		if !slices.Contains(was.Proof.Kept, k) {
			added = append(added, k)
		}
	}
	if want := []string{"web/frontend -> booking/inventory on 9090/TCP"}; !slices.Equal(added, want) || len(now.Proof.Kept) != len(was.Proof.Kept)+1 {
		t.Errorf("added %q (kept %d, was %d), want %q", added, len(now.Proof.Kept), len(was.Proof.Kept), want)
	}
}

// BenchmarkInferTravel infers every namespace of the travel tree, the
// proof included.
func BenchmarkInferTravel(b *testing.B) {
	tr, err := tree.Load("../../examples/travel")
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := Infer(tr, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// A tree policy that already opens a namespace wider than its manifests
// show cannot be locked down by adding policies: the proof says so, and
// names the flow.
func TestInferDoesNotClaimWhatItCannotProve(t *testing.T) {
	base := loadTree(t, "travel")
	open := tree.Object{APIVersion: "networking.k8s.io/v1", Kind: "NetworkPolicy", Namespace: "payments", Name: "allow-all-in-namespace",
		YAML: []byte("apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: allow-all-in-namespace, namespace: payments}\nspec:\n  podSelector: {}\n  ingress: [{from: [{podSelector: {}}]}]\n  egress: [{to: [{podSelector: {}}]}]\n")}
	tr, err := tree.FromObjects(base.Root, append(slices.Clone(base.Objects), open))
	if err != nil {
		t.Fatal(err)
	}
	res, err := Infer(tr, Options{Namespaces: []string{"payments"}})
	if err != nil {
		t.Fatal(err)
	}
	want := "payments/reconcile -> payments/payments on 8080/TCP is allowed with the inferred policies, though no manifest shows it ([NetworkPolicy/payments/allow-all-in-namespace])"
	if !slices.Contains(res.Proof.Problems, want) {
		t.Errorf("problems %q, want %q among them", res.Proof.Problems, want)
	}
	if !strings.Contains(res.Explain(), "NOT PROVED: "+want) {
		t.Error("the explanation does not say what is not proved")
	}
}
