package validate

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/yannh/kubeconform/pkg/validator"
	apiextensionsv1 "k8s.io/apiextensions-apiserver/pkg/apis/apiextensions/v1"
	"sigs.k8s.io/yaml"

	"github.com/kunerva/kunerva/internal/openapi"
)

// fakeCRD has one field for each conversion rule.
const fakeCRD = `
apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: {name: widgets.example.com}
spec:
  group: example.com
  names: {kind: Widget, plural: widgets}
  scope: Namespaced
  versions:
  - name: v1
    served: true
    storage: true
    schema:
      openAPIV3Schema:
        type: object
        properties:
          apiVersion: {type: string}
          kind: {type: string}
          metadata: {type: object}
          spec:
            type: object
            required: [port]
            properties:
              strict:
                type: object
                properties:
                  a: {type: string}
              port:
                x-kubernetes-int-or-string: true
                anyOf: [{type: integer}, {type: string}]
                pattern: '^[a-z]+$'
              optional: {type: string, nullable: true}
              plain: {type: string}
              free:
                type: object
                x-kubernetes-preserve-unknown-fields: true
                properties:
                  known: {type: string}
              choice:
                type: object
                oneOf:
                - properties: {cidr: {}}
                  required: [cidr]
                - properties: {group: {}}
                  required: [group]
                properties:
                  cidr: {type: string}
                  group: {type: string}
              action: {type: string, enum: [Allow, Block]}
              count: {type: integer, minimum: 1, maximum: 3}
  - name: v1beta1
    served: false
    storage: false
    schema:
      openAPIV3Schema: {type: object}
`

func TestConvertCRD(t *testing.T) {
	crd := new(apiextensionsv1.CustomResourceDefinition)
	if err := yaml.UnmarshalStrict([]byte(fakeCRD), crd); err != nil {
		t.Fatal(err)
	}
	files, err := crdSchemas([]*apiextensionsv1.CustomResourceDefinition{crd}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(files) != 1 || files["widget-example-v1.json"] == nil {
		t.Fatalf("crdSchemas wrote %v, want only widget-example-v1.json (v1beta1 is not served)", schemaFileNames(files))
	}
	s := testStage(t, files)

	tests := []struct {
		name string
		spec string
		want []string // findings as field: message
	}{
		{"valid", `{port: 80, strict: {a: x}, choice: {cidr: a}, action: Allow, count: 2}`, nil},
		{"strict objects reject unknown fields", `{port: 80, strict: {a: x, b: y}}`,
			[]string{`spec.strict.b: unknown field "b" (did you mean "a"?); allowed here: a`}},
		{"the root is strict", `{port: 80, spam: 1}`,
			[]string{`spec.spam: unknown field "spam"; allowed here: action, choice, count, free, optional, plain, port, strict`}},
		{"int-or-string takes an integer", `{port: 8080}`, nil},
		{"int-or-string takes a string", `{port: http}`, nil},
		{"int-or-string rejects an object", `{port: {number: 80}}`,
			[]string{`spec.port: wrong type: want integer or string, got object {"number":80}`}},
		{"patterns apply to strings", `{port: HTTP}`,
			[]string{`spec.port: "HTTP" does not match the pattern ^[a-z]+$`}},
		{"nullable takes null", `{port: 1, optional: null}`, nil},
		{"not nullable rejects null", `{port: 1, plain: null}`,
			[]string{`spec.plain: wrong type: want string, got null`}},
		{"preserve-unknown-fields keeps unknown fields", `{port: 1, free: {known: a, other: {deep: 1}}}`, nil},
		{"preserve-unknown-fields still checks known fields", `{port: 1, free: {known: 1}}`,
			[]string{`spec.free.known: wrong type: want string, got number 1`}},
		{"oneOf branches are not strict", `{port: 1, choice: {group: b}}`, nil},
		{"oneOf none matched", `{port: 1, choice: {}}`,
			[]string{`spec.choice: set exactly one of cidr, group`}},
		{"oneOf both matched", `{port: 1, choice: {cidr: a, group: b}}`,
			[]string{`spec.choice: set only one of cidr and group`}},
		{"enum", `{port: 1, action: Deny}`,
			[]string{`spec.action: "Deny" is not allowed; use one of Allow, Block`}},
		{"bounds", `{port: 1, count: 4}`,
			[]string{`spec.count: 4 is above the maximum, 3`}},
		{"required", `{}`,
			[]string{`spec.port: required field "port" is missing`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			docs := parseForSchema(t, "widget.yaml", "apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\nspec: "+tt.spec+"\n")
			findings, err := s.validate(docs)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, f := range findings {
				got = append(got, f.Field+": "+f.Message)
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("findings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

func TestConvertCRDsMetadata(t *testing.T) {
	crds, err := compiledCRDs()
	if err != nil {
		t.Fatal(err)
	}
	builtin, err := builtinFiles()
	if err != nil {
		t.Fatal(err)
	}
	files, err := crdSchemas(crds, objectMetaSchema(builtin))
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{
		"ciliumnetworkpolicy-cilium-v2.json",
		"ciliumclusterwidenetworkpolicy-cilium-v2.json",
		"kubearmorpolicy-security-v1.json",
		"kubearmorhostpolicy-security-v1.json",
		"kubearmorclusterpolicy-security-v1.json",
	} {
		var s struct {
			Schema     string `json:"$schema"`
			Additional *bool  `json:"additionalProperties"`
			Properties struct {
				Metadata struct {
					Properties map[string]any `json:"properties"`
				} `json:"metadata"`
			} `json:"properties"`
		}
		if err := json.Unmarshal(files[name], &s); err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if s.Schema != openapi.Draft || s.Additional == nil || *s.Additional {
			t.Errorf("%s: $schema %q, additionalProperties %v; want a strict draft-07 schema", name, s.Schema, s.Additional)
		}
		if s.Properties.Metadata.Properties["labels"] == nil {
			t.Errorf("%s: metadata is not ObjectMeta", name)
		}
	}
}

// testStage is a schema stage over the given schema files only.
func testStage(t testing.TB, files map[string][]byte) *schemaStage {
	t.Helper()
	dir, err := writeSchemas(t.TempDir(), files)
	if err != nil {
		t.Fatal(err)
	}
	v, err := validator.New([]string{filepath.Join(dir, openapi.Template)}, validator.Opts{Strict: true, IgnoreMissingSchemas: true})
	if err != nil {
		t.Fatal(err)
	}
	return &schemaStage{kubeconform: v, files: files, parsed: map[string]map[string]any{}}
}

func parseForSchema(t testing.TB, file, data string) []Document {
	t.Helper()
	docs, err := Parse(file, []byte(data))
	if err != nil {
		t.Fatal(err)
	}
	return docs
}

func schemaFileNames[V any](m map[string]V) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}
