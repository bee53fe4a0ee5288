package validate

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A user with another CRD (or another version of one) adds its schema with
// --schema-location, as a directory or as a kubeconform path template.
func TestSchemaLocation(t *testing.T) {
	dir := t.TempDir()
	schema := `{"type": "object", "additionalProperties": false, "required": ["spec"],
	  "properties": {"apiVersion": {"type": "string"}, "kind": {"type": "string"}, "metadata": {"type": "object"},
	    "spec": {"type": "object", "additionalProperties": false, "properties": {"size": {"type": "integer"}}}}}`
	if err := os.WriteFile(filepath.Join(dir, "gadget-example-v1.json"), []byte(schema), 0o644); err != nil {
		t.Fatal(err)
	}
	gadget := func(spec string) []Document {
		docs, err := Parse("gadget.yaml", []byte("apiVersion: example.com/v1\nkind: Gadget\nmetadata: {name: g}\nspec: "+spec+"\n"))
		if err != nil {
			t.Fatal(err)
		}
		return docs
	}
	for _, tc := range []struct {
		name, location, spec, want string
	}{
		{"no location", "", "{size: 1}", "no schema for Gadget example.com/v1"},
		{"directory, valid", dir, "{size: 1}", ""},
		{"directory, unknown field", dir, "{colour: red}", `unknown field "colour"`},
		{"template, wrong type", filepath.Join(dir, "{{ .ResourceKind }}{{ .KindSuffix }}.json"), "{size: big}", "size"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var locs []string
			if tc.location != "" {
				locs = []string{tc.location}
			}
			s, err := newSchemaStage(locs, t.TempDir())
			if err != nil {
				t.Fatal(err)
			}
			findings, err := s.validate(gadget(tc.spec))
			if err != nil {
				t.Fatal(err)
			}
			switch {
			case tc.want == "" && len(findings) > 0:
				t.Errorf("want no findings, got %v", findings)
			case tc.want != "" && (len(findings) == 0 || !strings.Contains(findings[0].String(), tc.want)):
				t.Errorf("want a finding saying %q, got %v", tc.want, findings)
			}
		})
	}
}
