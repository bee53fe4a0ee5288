package validate

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kunerva/kunerva/internal/openapi"
)

// newTestSchemaStage is the real schema stage with a cache in a temporary
// directory.
func newTestSchemaStage(t testing.TB, locations ...string) *schemaStage {
	t.Helper()
	s, err := newSchemaStage(locations, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// devSetPolicies is every expected policy of the dev set.
func devSetPolicies(t testing.TB) []Document {
	var docs []Document
	for _, c := range devSet(t) {
		docs = append(docs, c.Docs...)
	}
	return docs
}

func TestSchemaDevSet(t *testing.T) {
	s := newTestSchemaStage(t)
	docs := devSetPolicies(t)
	kinds := map[string]int{}
	for _, d := range docs {
		kinds[d.Kind()]++
	}
	t.Logf("%d dev-set policies: %v", len(docs), kinds)
	findings, err := s.validate(docs)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range findings {
		t.Errorf("valid policy has a finding: %s", f)
	}
}

// TestSchemaInvalid runs the schema stage alone, offline, on every file of
// testdata/invalid (TestInvalid compares the findings of all three stages
// with golden files): the files that declare the schema stage must have an
// error, and the others none, since the later stages exist for what the
// schemas cannot see.
func TestSchemaInvalid(t *testing.T) {
	s := newTestSchemaStage(t)
	for _, c := range loadInvalidCases(t) {
		t.Run(c.Name, func(t *testing.T) {
			findings, err := s.validate([]Document{c.Doc})
			if err != nil {
				t.Fatal(err)
			}
			if got, want := stageErrors(findings, StageSchema), c.Stage == StageSchema; got != want {
				t.Errorf("schema errors: %v, want %v (# stage: %s):\n%s", got, want, c.Stage, findingLines(findings))
			}
		})
	}
}

// TestSchemaBuiltins checks that a schema is embedded for every built-in kind
// and that kubeconform compiles each one (it treats a schema that does not
// compile as missing).
func TestSchemaBuiltins(t *testing.T) {
	builtin := []struct{ apiVersion, kind string }{
		{"networking.k8s.io/v1", "NetworkPolicy"},
		{"v1", "Namespace"}, {"v1", "Service"}, {"v1", "Pod"}, {"v1", "ConfigMap"},
		{"v1", "Secret"}, {"v1", "ServiceAccount"},
		{"apps/v1", "Deployment"}, {"apps/v1", "StatefulSet"}, {"apps/v1", "DaemonSet"}, {"apps/v1", "ReplicaSet"},
		{"batch/v1", "Job"}, {"batch/v1", "CronJob"},
		// and the CRDs'
		{"cilium.io/v2", "CiliumNetworkPolicy"}, {"cilium.io/v2", "CiliumClusterwideNetworkPolicy"},
		{"cilium.io/v2", "CiliumCIDRGroup"},
		{"security.kubearmor.com/v1", "KubeArmorPolicy"}, {"security.kubearmor.com/v1", "KubeArmorHostPolicy"},
		{"security.kubearmor.com/v1", "KubeArmorClusterPolicy"},
	}
	files, err := builtinFiles()
	if err != nil {
		t.Fatal(err)
	}
	if len(files) != 13 {
		t.Errorf("%d built-in schemas embedded, want 13: %v", len(files), schemaFileNames(files))
	}
	s := newTestSchemaStage(t)
	for _, k := range builtin {
		name := openapi.FileName(k.apiVersion, k.kind)
		if _, ok := s.files[name]; !ok {
			t.Errorf("no schema %s for %s %s", name, k.kind, k.apiVersion)
		}
		// creationTimestamp: null is what `kubectl create --dry-run -o yaml`
		// writes; the API server takes it.
		doc := fmt.Sprintf("apiVersion: %s\nkind: %s\nmetadata: {name: x, creationTimestamp: null}\n", k.apiVersion, k.kind)
		findings, err := s.validate(parseForSchema(t, name, doc))
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range findings {
			if strings.Contains(f.Message, "no schema") {
				t.Errorf("%s %s: %s", k.kind, k.apiVersion, f)
			}
		}
	}
}

func TestSchemaCache(t *testing.T) {
	dir := t.TempDir()
	if _, err := newSchemaStage(nil, dir); err != nil {
		t.Fatal(err)
	}
	before, _ := filepath.Glob(filepath.Join(dir, "*", "*", "*.json"))
	if len(before) == 0 {
		t.Fatal("no schemas written")
	}
	stamp := map[string]int64{}
	for _, p := range before {
		fi, _ := os.Stat(p)
		stamp[p] = fi.ModTime().UnixNano()
	}
	// A second start reuses the files.
	if _, err := newSchemaStage(nil, dir); err != nil {
		t.Fatal(err)
	}
	after, _ := filepath.Glob(filepath.Join(dir, "*", "*", "*.json"))
	if len(after) != len(before) {
		t.Errorf("second start wrote %d files, first %d", len(after), len(before))
	}
	for _, p := range after {
		fi, _ := os.Stat(p)
		if stamp[p] != fi.ModTime().UnixNano() {
			t.Errorf("%s was rewritten", p)
		}
	}
	// Other files go to another directory.
	d1, err := writeSchemas(filepath.Join(dir, "x"), map[string][]byte{"a.json": []byte("{}")})
	if err != nil {
		t.Fatal(err)
	}
	d2, err := writeSchemas(filepath.Join(dir, "x"), map[string][]byte{"a.json": []byte(`{"type":"object"}`)})
	if err != nil {
		t.Fatal(err)
	}
	if d1 == d2 {
		t.Errorf("different schemas share the directory %s", d1)
	}
}

func TestSchemaLocationFirst(t *testing.T) {
	// A user's location wins over the compiled-in schemas: this one accepts
	// any NetworkPolicy.
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "networkpolicy-networking-v1.json"), []byte(`{"type":"object"}`), 0o644); err != nil {
		t.Fatal(err)
	}
	s := newTestSchemaStage(t, filepath.Join(dir, openapi.Template))
	docs := parseForSchema(t, "np.yaml", "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: np}\nspec: {anything: 1}\n")
	findings, err := s.validate(docs)
	if err != nil {
		t.Fatal(err)
	}
	if len(findings) != 0 {
		t.Errorf("the user's schema was not used: %v", findings)
	}
}

func BenchmarkSchema(b *testing.B) {
	s := newTestSchemaStage(b)
	docs := devSetPolicies(b)
	if _, err := s.validate(docs); err != nil { // compile the schemas once
		b.Fatal(err)
	}
	b.ResetTimer()
	for b.Loop() {
		if _, err := s.validate(docs); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(docs)*b.N)/b.Elapsed().Seconds(), "policies/s")
}

// FuzzSchema feeds YAML to the schema stage: whatever the document, it
// returns findings, never a failure or a panic.
func FuzzSchema(f *testing.F) {
	invalid, err := filepath.Glob(filepath.Join("testdata", "invalid", "*.yaml"))
	if err != nil {
		f.Fatal(err)
	}
	for _, p := range invalid {
		data, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(string(data))
	}
	f.Add("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x, labels: {\"a~b/c'd\": 1}}\ndata: {k: [1]}\n")
	s := newTestSchemaStage(f)
	f.Fuzz(func(t *testing.T, data string) {
		docs, err := Parse("fuzz.yaml", []byte(data))
		if err != nil {
			return
		}
		if _, err := s.validate(docs); err != nil {
			t.Errorf("validate failed on %q: %v", data, err)
		}
	})
}
