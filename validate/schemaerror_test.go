package validate

import (
	"errors"
	"reflect"
	"strings"
	"testing"
)

func TestSchemaErrorTree(t *testing.T) {
	// kubeconform's Result.Err for a Deployment with three mistakes, two
	// of them inside one container (newlines turned into spaces).
	err := errors.New(`problem validating schema. Check JSON formatting: jsonschema validation failed with 'file:///c/deployment-apps-v1.json#'` +
		` - at '/metadata/labels/a~0b~1c\'d': got number, want string` +
		` - at '/spec': validation failed` +
		`   - at '/spec/template/spec/containers/0': validation failed` +
		`     - at '/spec/template/spec/containers/0/imagePullPolicy': value must be one of 'Always', 'IfNotPresent', 'Never', <nil>` +
		`     - at '/spec/template/spec/containers/0/ports/0/containerPort': got string, want null or integer` +
		`   - at '/spec': 'anyOf' failed` +
		`     - at '/spec': missing property 'ingress'` +
		`     - at '/spec': missing property 'egress'`)
	var got []string
	for _, e := range reported(parseSchemaErrors(err)) {
		got = append(got, fieldPath(e.keys)+": "+e.msg)
		if e.msg == "'anyOf' failed" {
			got = append(got, "  choices: "+strings.Join(requiredChoices(e), ", "))
		}
	}
	want := []string{
		`metadata.labels[a~b/c'd]: got number, want string`,
		`spec.template.spec.containers[0].imagePullPolicy: value must be one of 'Always', 'IfNotPresent', 'Never', <nil>`,
		`spec.template.spec.containers[0].ports[0].containerPort: got string, want null or integer`,
		`spec: 'anyOf' failed`,
		`  choices: ingress, egress`,
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got\n%q\nwant\n%q", got, want)
	}

	for _, s := range []string{"", "could not find schema for Gadget", "x   - at '/a': deeper than its parent", "x  - at '/a': odd indent"} {
		if errs := parseSchemaErrors(errors.New(s)); errs != nil {
			t.Errorf("parseSchemaErrors(%q) = %v, want nil", s, errs)
		}
	}
}

func TestSchemaSplitPointer(t *testing.T) {
	obj := map[string]any{"spec": map[string]any{
		"podSelector": map[string]any{"matchLabels": map[string]any{"app.kubernetes.io/name": []any{"x"}}},
		"ingress":     []any{map[string]any{"ports": []any{map[string]any{"port": map[string]any{}}}}},
	}}
	tests := []struct{ path, want string }{
		{"", ""},
		{"/spec/ingress/0/ports/0/port", "spec.ingress[0].ports[0].port"},
		{"/spec/podSelector/matchLabels/app.kubernetes.io/name", "spec.podSelector.matchLabels[app.kubernetes.io/name]"},
		{"/spec/missing/0", "spec.missing[0]"},
	}
	for _, tt := range tests {
		if got := fieldPath(splitPointer(obj, tt.path)); got != tt.want {
			t.Errorf("splitPointer(%q) = %q, want %q", tt.path, got, tt.want)
		}
	}
}
