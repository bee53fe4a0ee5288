package infer

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kunerva/kunerva/internal/tree"
)

// A value of the manifests that spans lines is shown on one: in the YAML
// it would end its comment and put its next line into the policy, and in
// a pull request body start a block or a marker of its own.
func TestReferenceTextsAreOneLine(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"kustomization.yaml": "resources: [app.yaml]\n",
		"app.yaml": `apiVersion: v1
kind: Namespace
metadata: {name: shop}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: app, namespace: shop}
spec:
  selector: {matchLabels: {app: app}}
  template:
    metadata: {labels: {app: app}}
    spec:
      containers:
      - name: app
        image: app:1
        env:
        - name: API_URL
          value: "https://api.stripe.com/v1\ninjected: true\n` + "```" + `"
        - name: CACHE_HOST
          value: "cache:6379\ninjected: true"
`,
	}
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	tr, err := tree.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	res, err := Infer(tr, Options{Namespaces: []string{"shop"}})
	if err != nil {
		t.Fatal(err)
	}
	y, err := res.YAML()
	if err != nil {
		t.Fatal(err)
	}
	explain := res.Explain()
	if !strings.Contains(explain, "api.stripe.com") {
		t.Fatalf("the reference is not shown:\n%s", explain)
	}
	for what, text := range map[string]string{"YAML": string(y), "explanation": explain} {
		for _, line := range strings.Split(text, "\n") {
			if strings.HasPrefix(line, "injected") || strings.HasPrefix(line, "```") {
				t.Errorf("%s: a value's line stands on its own: %q\n%s", what, line, text)
			}
		}
	}
}
