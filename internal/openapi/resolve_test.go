package openapi

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"
)

func TestResolve(t *testing.T) {
	components := decode(t, `{
		"Kind": {"type": "object", "properties": {
			"metadata": {"allOf": [{"$ref": "#/components/schemas/Meta"}], "default": {}},
			"spec": {"$ref": "#/components/schemas/Spec"},
			"list": {"type": "array", "items": {"$ref": "#/components/schemas/Port"}}
		}},
		"Meta": {"type": "object", "properties": {"name": {"type": "string"}}},
		"Spec": {"type": "object", "properties": {"port": {"$ref": "#/components/schemas/Port"}}},
		"Port": {"oneOf": [{"type": "integer"}, {"type": "string"}]},
		"Loop": {"type": "object", "properties": {"next": {"$ref": "#/components/schemas/Loop"}}}
	}`)
	got, err := Resolve(components, "Kind")
	if err != nil {
		t.Fatal(err)
	}
	want := decode(t, `{"type": "object", "properties": {
		"metadata": {"type": "object", "default": {}, "properties": {"name": {"type": "string"}}},
		"spec": {"type": "object", "properties": {"port": {"oneOf": [{"type": "integer"}, {"type": "string"}]}}},
		"list": {"type": "array", "items": {"oneOf": [{"type": "integer"}, {"type": "string"}]}}
	}}`)
	if !reflect.DeepEqual(got, want) {
		g, _ := json.Marshal(got)
		t.Errorf("Resolve = %s", g)
	}

	if _, err := Resolve(components, "Loop"); err == nil || !strings.Contains(err.Error(), "cycle") {
		t.Errorf("Resolve(Loop) error = %v, want a reference cycle", err)
	}
	if _, err := Resolve(components, "Missing"); err == nil {
		t.Error("Resolve(Missing) succeeded")
	}
}

func decode(t *testing.T, s string) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal([]byte(s), &m); err != nil {
		t.Fatal(err)
	}
	return m
}
