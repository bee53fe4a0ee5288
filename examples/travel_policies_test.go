package examples

import (
	"context"
	"io/fs"
	"os"
	"path"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/kunerva/kunerva/internal/connectivity"
	"github.com/kunerva/kunerva/internal/policy"
	"github.com/kunerva/kunerva/validate"
)

// policyObjects are the tree's policies, as "name (Kind) | namespace".
func policyObjects(t *testing.T) []string {
	t.Helper()
	var out []string
	for _, o := range loadTravel(t).Objects {
		group, _, ok := strings.Cut(o.APIVersion, "/")
		if !ok {
			group = "" // the core group: apiVersion v1
		}
		if _, ok := policy.Lookup(group, o.Kind); ok {
			out = append(out, o.Name+" ("+o.Kind+") | "+o.Namespace)
		}
	}
	return out
}

// TestTravelPolicyFiles: every file under travel/policies/ but the
// kustomizations is in the build (listed from policies/kustomization.yaml),
// and the README's table of the policies in force is the build's.
func TestTravelPolicyFiles(t *testing.T) {
	got := policyObjects(t)
	files := 0
	err := fs.WalkDir(os.DirFS("travel"), "policies", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && path.Base(p) != "kustomization.yaml" {
			files++
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if files != len(got) {
		t.Errorf("travel/policies holds %d policy files, the build %d policies (%v): list every file in a kustomization.yaml", files, len(got), got)
	}
	var want []string
	for _, row := range readmeTable(t, "| policy (kind) | namespace | what it does |") {
		want = append(want, row[0]+" | "+row[1])
	}
	if !slices.Equal(slices.Sorted(slices.Values(got)), slices.Sorted(slices.Values(want))) {
		t.Errorf("policies:\n build  %q\n README %q", got, want)
	}
}

// TestTravelPoliciesValidate runs what the README says reports no
// findings: `kunerva validate --tree examples/travel
// examples/travel/policies/`, on the local control plane seeded with the
// tree (which applies every other object of the tree for real, so an
// invalid one fails the run). -short leaves out the dry-run.
func TestTravelPoliciesValidate(t *testing.T) {
	docs, err := validate.ReadPaths([]string{"travel/policies"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if got := slices.DeleteFunc(slices.Clone(docs), func(d validate.Document) bool { return !validate.IsPolicy(d) }); len(got) != len(policyObjects(t)) {
		t.Errorf("read %d policies under travel/policies, the build has %d", len(got), len(policyObjects(t)))
	}
	cfg := validate.Config{CacheDir: t.TempDir(), Cluster: validate.ClusterOptions{Mode: validate.ClusterLocal, Tree: loadTravel(t)}}
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

// TestTravelObjectsSchema validates every object of the tree but the
// policies against kunerva's schemas (kubeconform). Kinds kunerva has no
// schema for (Ingress, IngressClass, RBAC) are left to the dry-run of
// TestTravelPoliciesValidate's seed.
func TestTravelObjectsSchema(t *testing.T) {
	var docs []validate.Document
	for _, o := range loadTravel(t).Objects {
		ds, err := validate.Parse("travel: "+o.Kind+"/"+o.Namespace+"/"+o.Name, o.YAML)
		if err != nil {
			t.Fatal(err)
		}
		docs = append(docs, slices.DeleteFunc(ds, validate.IsPolicy)...)
	}
	cfg := validate.Config{Stages: []validate.Stage{validate.StageSchema}, CacheDir: t.TempDir(), Cluster: validate.ClusterOptions{Mode: validate.ClusterNone}}
	findings, err := validate.Run(context.Background(), cfg, docs)
	if err != nil {
		t.Fatalf("validate: %v", err)
	}
	checked := len(docs)
	for _, f := range findings {
		if strings.HasPrefix(f.Message, "no schema for ") {
			checked--
			continue
		}
		t.Errorf("%s", f)
	}
	if checked < len(docs)/2 {
		t.Errorf("only %d of %d objects had a schema", checked, len(docs))
	}
}

// TestTravelPolicyDecisions holds the connectivity model of the tree under
// its policies to the README's table of flows. A flow to a workload
// carries the workload's name for the port, as the model's own flows do,
// so that rules naming the port (port: http) match it.
func TestTravelPolicyDecisions(t *testing.T) {
	tr := loadTravel(t)
	m, err := connectivity.New(tr)
	if err != nil {
		t.Fatalf("connectivity.New: %v", err)
	}
	peer := func(s string) connectivity.Peer {
		ns, name, ok := strings.Cut(s, "/")
		switch {
		case ok:
			if _, found := findWorkload(tr, ns, name); !found {
				t.Fatalf("no workload %s in the tree", s)
			}
			return connectivity.Peer{Kind: connectivity.PeerWorkload, Namespace: ns, Name: name}
		case s == "world":
			return connectivity.Peer{Kind: connectivity.PeerWorld}
		}
		return connectivity.Peer{Kind: connectivity.PeerFQDN, Value: s}
	}
	for _, row := range readmeTable(t, "| from | to | port | verdict | decided by |") {
		t.Run(strings.Join(row[:3], " "), func(t *testing.T) {
			from, to := peer(row[0]), peer(row[1])
			number, protocol, _ := strings.Cut(row[2], "/")
			n, err := strconv.Atoi(number)
			if err != nil {
				t.Fatalf("port %q: %v", row[2], err)
			}
			port := connectivity.Port{Number: int32(n), Protocol: protocol}
			if w, ok := findWorkload(tr, to.Namespace, to.Name); ok {
				for _, p := range w.Ports {
					if p.Port == port.Number && p.Protocol == protocol {
						port.Name = p.Name
					}
				}
			}
			r := m.Decide(from, to, port)
			because := strings.Join(r.Because, ", ")
			if because == "" {
				because = "-"
			}
			if string(r.Verdict) != row[3] || because != row[4] {
				t.Errorf("%s, decided by %s (%s); README %s, decided by %s", r.Verdict, because, r.Reason, row[3], row[4])
			}
		})
	}
}
