package infer

import (
	"context"
	"maps"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/kunerva/kunerva/generator"
	"github.com/kunerva/kunerva/internal/connectivity"
	"github.com/kunerva/kunerva/internal/tree"
	"github.com/kunerva/kunerva/validate"
)

// technique is a MITRE ATT&CK technique or sub-technique: its ID, then its name.
var technique = regexp.MustCompile(`^T\d{4}(\.\d{3})? [A-Z]\S*( \S+)*$`)

// TestHardeningExamples hardens every namespace of the demo trees: every
// workload gets an intent whose rules each name a technique and the
// workload fact they rest on; the policies are valid KubeArmorPolicies
// (schema and checks, and the dry-run on the local control plane unless
// -short), and the connectivity model reports each of their rules as
// audited in that workload and in no other.
func TestHardeningExamples(t *testing.T) {
	for _, tc := range []struct {
		dir string
		// without lists the rules that do not apply, by workload.
		without map[string][]string
	}{
		{dir: "../../examples/shop", without: map[string][]string{
			"data/backup": {"shells"}, // sh -c pg_dump
		}},
		{dir: "../../examples/travel", without: map[string][]string{
			"data/pg-backup":                         {"shells"},                // sh -c pg_dumpall
			"monitoring/prometheus":                  {"service-account-token"}, // ClusterRoleBinding prometheus
			"ingress-nginx/ingress-nginx-controller": {"service-account-token"}, // ClusterRoleBinding ingress-nginx
		}},
	} {
		t.Run(tc.dir, func(t *testing.T) {
			tr, err := tree.Load(tc.dir)
			if err != nil {
				t.Fatal(err)
			}
			var docs []validate.Document
			var objs []tree.Object
			policyOf := map[string]string{} // workload -> its policy, as the model names it
			for _, ns := range tr.Namespaces {
				hs, err := Hardening(tr, ns.Name)
				if err != nil {
					t.Fatalf("Hardening(%s): %v", ns.Name, err)
				}
				got := map[string]Hardened{}
				for _, h := range hs {
					got[h.Workload] = h
				}
				for _, w := range tr.Workloads {
					if w.Namespace != ns.Name {
						continue
					}
					id := w.Namespace + "/" + w.Name
					h, ok := got[id]
					if !ok {
						t.Errorf("%s has no hardening intent", id)
						continue
					}
					checkHardened(t, w, h, tc.without[id])
					ps, err := generator.Prepare(h.Intent, generator.KindKubeArmor)
					if err != nil {
						t.Fatalf("%s: Prepare: %v", id, err)
					}
					if len(ps) != 1 || ps[0].Kind != generator.KindKubeArmor || ps[0].Namespace != w.Namespace {
						t.Fatalf("%s: rendered %d policies, want one KubeArmorPolicy in %s: %+v", id, len(ps), w.Namespace, ps)
					}
					y, err := ps[0].YAML()
					if err != nil {
						t.Fatal(err)
					}
					ds, err := validate.Parse("harden/"+w.Namespace+"/"+ps[0].Name+".yaml", y)
					if err != nil {
						t.Fatal(err)
					}
					docs = append(docs, ds...)
					objs = append(objs, tree.Object{APIVersion: "security.kubearmor.com/v1", Kind: string(ps[0].Kind), Namespace: ps[0].Namespace, Name: ps[0].Name, YAML: y})
					policyOf[id] = "KubeArmorPolicy/" + ps[0].Namespace + "/" + ps[0].Name
				}
			}
			checkValid(t, tr, docs)
			checkAudited(t, tr, objs, policyOf)
		})
	}
}

// checkHardened holds one workload's hardening to the table: every rule
// but those in without applies, and each names a technique, why, and its
// origins in the tree.
func checkHardened(t *testing.T, w tree.Workload, h Hardened, without []string) {
	t.Helper()
	id := w.Namespace + "/" + w.Name
	in := h.Intent
	if in.Subject.Scope != generator.ScopePods || in.Subject.Namespace != w.Namespace || in.Subject.Name != w.Name ||
		!maps.Equal(in.Subject.Pods.MatchLabels, w.Selector) {
		t.Errorf("%s: subject %+v, want the pods of selector %v in %s, named %s", id, in.Subject, w.Selector, w.Namespace, w.Name)
	}
	var want, got []string
	for _, k := range hardening {
		if !slices.Contains(without, k.name) {
			want = append(want, k.name)
		}
	}
	ref := w.Kind + " " + id
	for _, r := range h.Rules {
		got = append(got, r.Name)
		if !technique.MatchString(r.Technique) {
			t.Errorf("%s: rule %s names the technique %q, want an ATT&CK ID and name", id, r.Name, r.Technique)
		}
		if !strings.Contains(r.Why, ref) {
			t.Errorf("%s: rule %s: why %q does not name %s", id, r.Name, r.Why, ref)
		}
	}
	if !slices.Equal(got, want) {
		t.Errorf("%s: rules %v, want %v", id, got, want)
	}
	for i, r := range in.System {
		if r.Action != generator.ActionAudit {
			t.Errorf("%s: system[%d] is %s, want Audit", id, i, r.Action)
		}
		if !slices.ContainsFunc(in.Origins, func(o generator.Origin) bool {
			return o.Field == "system["+strconv.Itoa(i)+"]" && o.From == generator.FromTree && strings.Contains(o.Text, ref)
		}) {
			t.Errorf("%s: system[%d] has no origin in a fact of %s", id, i, ref)
		}
	}
	// CheckOrigins cannot check them yet: a tree origin's value must be a
	// label, namespace or port of the tree, and the scope and the rules
	// come from the table (see the report); every value has its origin.
	for _, field := range []string{"subject.scope", "subject.namespace", "subject.pods"} {
		if !slices.ContainsFunc(in.Origins, func(o generator.Origin) bool { return o.Field == field && strings.Contains(o.Text, ref) }) {
			t.Errorf("%s: %s has no origin in a fact of %s", id, field, ref)
		}
	}
}

// checkValid validates the policies with the tree: schema and checks, and
// the dry-run on the local control plane unless -short.
func checkValid(t *testing.T, tr *tree.Tree, docs []validate.Document) {
	t.Helper()
	cfg := validate.Config{CacheDir: t.TempDir(), Cluster: validate.ClusterOptions{Mode: validate.ClusterLocal, Tree: tr}}
	if testing.Short() {
		cfg.Cluster.Mode = validate.ClusterNone
	}
	findings, err := validate.Run(context.Background(), cfg, docs)
	if err != nil {
		t.Fatalf("validate: %v", err)
	}
	for _, f := range findings {
		t.Errorf("%s", f)
	}
}

// checkAudited builds the connectivity model of the tree with the
// policies and holds its KubeArmor effects to them: every rule of a
// workload's policy is audited in that workload, and its policy decides
// nothing in any other.
func checkAudited(t *testing.T, tr *tree.Tree, objs []tree.Object, policyOf map[string]string) {
	t.Helper()
	m, err := connectivity.New(tr)
	if err != nil {
		t.Fatal(err)
	}
	if m, err = m.With(objs); err != nil {
		t.Fatal(err)
	}
	effects, err := m.System()
	if err != nil {
		t.Fatal(err)
	}
	type key struct{ workload, what string }
	got := map[key]connectivity.Effect{}
	for _, e := range effects {
		got[key{e.Workload, e.What}] = e
		for w, p := range policyOf {
			if w != e.Workload && slices.Contains(e.Because, p) {
				t.Errorf("%s decides %q in %s, not its own workload %s", p, e.What, e.Workload, w)
			}
		}
	}
	for _, o := range objs {
		var id string
		for w, p := range policyOf {
			if p == "KubeArmorPolicy/"+o.Namespace+"/"+o.Name {
				id = w
			}
		}
		hs, err := Hardening(tr, o.Namespace)
		if err != nil {
			t.Fatal(err)
		}
		for _, h := range hs {
			if h.Workload != id {
				continue
			}
			for _, r := range h.Intent.System {
				what := "process " + r.Path
				if r.Kind == generator.File {
					what = "files in " + r.Dir + " (recursive)"
					if r.ReadOnly {
						what = "files in " + r.Dir + " (recursive, write)"
					}
				}
				e, ok := got[key{id, what}]
				switch {
				case !ok:
					t.Errorf("%s: the model shows nothing for %s", id, what)
				case e.Verdict != "audited" || !slices.Contains(e.Because, policyOf[id]):
					t.Errorf("%s: %s is %s because of %v, want audited because of %s", id, what, e.Verdict, e.Because, policyOf[id])
				}
			}
		}
	}
}
