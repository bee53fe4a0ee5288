package connectivity

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"sigs.k8s.io/yaml"

	"github.com/kunerva/kunerva/internal/eval/devset"
	"github.com/kunerva/kunerva/internal/testing/golden"
	"github.com/kunerva/kunerva/internal/tree"
)

// devsetObjects are the expected policies of every case of the dev set, as
// tree objects.
func devsetObjects(t *testing.T) []tree.Object {
	t.Helper()
	cases, err := devset.Load("../../generator/testdata/devset")
	if err != nil {
		t.Fatal(err)
	}
	var objs []tree.Object
	for _, c := range cases {
		for _, e := range c.Expect {
			raw, err := yaml.Marshal(e)
			if err != nil {
				t.Fatal(err)
			}
			meta, _ := e["metadata"].(map[string]any)
			ns, _ := meta["namespace"].(string)
			name, _ := meta["name"].(string)
			api, _ := e["apiVersion"].(string)
			kind, _ := e["kind"].(string)
			objs = append(objs, tree.Object{APIVersion: api, Kind: kind, Namespace: ns, Name: c.Name + "/" + name, YAML: raw})
		}
	}
	return objs
}

// Every network policy of the dev set is read by the model and explained,
// and its explanation names every value it holds: ports, addresses, names
// and label values.
func TestExplainEveryDevSetNetworkPolicy(t *testing.T) {
	empty := &tree.Tree{}
	base, err := New(empty)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, o := range devsetObjects(t) {
		if o.Kind != "NetworkPolicy" && !strings.HasPrefix(o.Kind, "Cilium") {
			continue
		}
		n++
		if _, err := base.With([]tree.Object{o}); err != nil {
			t.Errorf("%s: the model cannot read it: %v", o.Name, err)
		}
		x, err := Explain(nil, o)
		if err != nil {
			t.Errorf("%s: %v", o.Name, err)
			continue
		}
		text := x.Text(false)
		for _, v := range values(o) {
			if !strings.Contains(text, v) {
				t.Errorf("%s: the explanation does not mention %q:\n%s", o.Name, v, text)
			}
		}
	}
	if n < 500 {
		t.Fatalf("only %d network policies in the dev set", n)
	}
}

// values are the scalar values of a policy's rules and selectors that an
// explanation must name: ports, CIDRs, DNS names, label values, paths.
func values(o tree.Object) []string {
	var obj map[string]any
	if err := yaml.Unmarshal(o.YAML, &obj); err != nil {
		return nil
	}
	var out []string
	var walk func(key string, v any)
	walk = func(key string, v any) {
		switch v := v.(type) {
		case map[string]any:
			for k, x := range v {
				if k == "matchLabels" {
					for _, lv := range x.(map[string]any) {
						out = append(out, fmt.Sprint(lv))
					}
					continue
				}
				walk(k, x)
			}
		case []any:
			for _, x := range v {
				walk(key, x)
			}
		case string, float64:
			switch key {
			case "port", "cidr", "matchName", "matchPattern", "path", "method":
				out = append(out, fmt.Sprint(v))
			}
		}
	}
	walk("", obj["spec"])
	walk("", obj["specs"])
	return out
}

// Golden explanations of a few policies of kinds and shapes kunerva does
// not write itself.
func TestExplainGolden(t *testing.T) {
	shop, err := tree.Load("../../examples/shop")
	if err != nil {
		t.Fatal(err)
	}
	files, err := filepath.Glob("testdata/explain/*.yaml")
	if err != nil || len(files) == 0 {
		t.Fatalf("no testdata/explain/*.yaml: %v", err)
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			var b strings.Builder
			for _, o := range objectsOf(t, data) {
				x, err := Explain(shop, o)
				if err != nil {
					t.Fatal(err)
				}
				b.WriteString(x.Text(true))
			}
			golden.Check(t, strings.TrimSuffix(f, ".yaml")+".golden", []byte(b.String()))
		})
	}
}

// objectsOf splits a YAML stream into tree objects.
func objectsOf(t *testing.T, data []byte) []tree.Object {
	t.Helper()
	var objs []tree.Object
	for _, doc := range strings.Split(string(data), "\n---\n") {
		var meta struct {
			APIVersion string `json:"apiVersion"`
			Kind       string `json:"kind"`
			Metadata   struct{ Name, Namespace string }
		}
		if err := yaml.Unmarshal([]byte(doc), &meta); err != nil {
			t.Fatal(err)
		}
		objs = append(objs, tree.Object{APIVersion: meta.APIVersion, Kind: meta.Kind, Namespace: meta.Metadata.Namespace, Name: meta.Metadata.Name, YAML: []byte(doc)})
	}
	return objs
}
