package main

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
)

// fakeDocs are /openapi/v3 documents cut down to what generate reads, in
// the shapes kube-openapi writes: allOf-wrapped references with defaults,
// IntOrString as a oneOf of types, x-kubernetes-group-version-kind.
func fakeDocs() map[string][]byte {
	core := `{"components": {"schemas": {
		"io.k8s.api.core.v1.Service": {
			"type": "object",
			"x-kubernetes-group-version-kind": [{"group": "", "kind": "Service", "version": "v1"}],
			"properties": {
				"apiVersion": {"type": "string", "description": "APIVersion defines..."},
				"kind": {"type": "string"},
				"metadata": {"allOf": [{"$ref": "#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta"}], "default": {}},
				"spec": {"allOf": [{"$ref": "#/components/schemas/io.k8s.api.core.v1.ServiceSpec"}], "default": {}}
			}
		},
		"io.k8s.api.core.v1.ServiceSpec": {
			"type": "object",
			"properties": {
				"ports": {"type": "array", "x-kubernetes-list-type": "map", "items": {"allOf": [{"$ref": "#/components/schemas/io.k8s.api.core.v1.ServicePort"}], "default": {}}},
				"selector": {"type": "object", "additionalProperties": {"type": "string", "default": ""}}
			}
		},
		"io.k8s.api.core.v1.ServicePort": {
			"type": "object",
			"required": ["port"],
			"properties": {
				"port": {"type": "integer", "format": "int32", "default": 0},
				"protocol": {"type": "string", "enum": ["SCTP", "TCP", "UDP"]},
				"targetPort": {"allOf": [{"$ref": "#/components/schemas/io.k8s.apimachinery.pkg.util.intstr.IntOrString"}]}
			}
		},
		"io.k8s.apimachinery.pkg.util.intstr.IntOrString": {"oneOf": [{"type": "integer"}, {"type": "string"}]},
		"io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta": {
			"type": "object",
			"properties": {
				"name": {"type": "string"},
				"labels": {"type": "object", "additionalProperties": {"type": "string", "default": ""}}
			}
		}
	}}}`
	return map[string][]byte{"api/v1": []byte(core)}
}

func TestGenerate(t *testing.T) {
	service := []kind{{"api/v1", "", "v1", "Service"}}
	files, err := generate(fakeDocs(), service)
	if err != nil {
		t.Fatal(err)
	}
	got, ok := files["service-v1.json"]
	if !ok {
		t.Fatalf("generate wrote %v, want service-v1.json", files)
	}
	want := `{
  "$schema": "http://json-schema.org/draft-07/schema#",
  "additionalProperties": false,
  "properties": {
    "apiVersion": {"type": ["string", "null"]},
    "kind": {"type": ["string", "null"]},
    "metadata": {
      "additionalProperties": false,
      "properties": {
        "labels": {"additionalProperties": {"type": "string"}, "type": ["object", "null"]},
        "name": {"type": ["string", "null"]}
      },
      "type": ["object", "null"]
    },
    "spec": {
      "additionalProperties": false,
      "properties": {
        "ports": {
          "items": {
            "additionalProperties": false,
            "properties": {
              "port": {"format": "int32", "type": ["integer", "null"]},
              "protocol": {"enum": ["SCTP", "TCP", "UDP", null], "type": ["string", "null"]},
              "targetPort": {"type": ["integer", "string", "null"]}
            },
            "required": ["port"],
            "type": "object"
          },
          "type": ["array", "null"]
        },
        "selector": {"additionalProperties": {"type": "string"}, "type": ["object", "null"]}
      },
      "type": ["object", "null"]
    }
  },
  "type": "object"
}`
	var g, w any
	if err := json.Unmarshal(got, &g); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal([]byte(want), &w); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(g, w) {
		t.Errorf("service-v1.json:\n%s", got)
	}
	// Deterministic: sorted keys, indented, one trailing newline.
	if !strings.HasPrefix(string(got), "{\n  \"$schema\"") || !strings.HasSuffix(string(got), "}\n") {
		t.Errorf("not indented JSON with sorted keys:\n%s", got)
	}
	again, err := generate(fakeDocs(), service)
	if err != nil {
		t.Fatal(err)
	}
	if string(again["service-v1.json"]) != string(got) {
		t.Error("two runs differ")
	}
}

func TestGenerateMissingKind(t *testing.T) {
	missing := []kind{{"api/v1", "", "v1", "Pod"}, {"apis/apps/v1", "apps", "v1", "Deployment"}}
	_, err := generate(fakeDocs(), missing)
	if err == nil || !strings.Contains(err.Error(), "Pod") || !strings.Contains(err.Error(), "Deployment") {
		t.Errorf("generate error = %v, want both missing kinds named", err)
	}
}

// TestUpToDate regenerates the schemas from the local control plane and
// compares them with the committed ones in validate/schemas.
func TestUpToDate(t *testing.T) {
	if testing.Short() {
		t.Skip("needs the local control plane")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	docs, err := fetch(ctx, kinds)
	if err != nil {
		t.Fatal(err)
	}
	files, err := generate(docs, kinds)
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join("..", "..", "validate", "schemas")
	committed, err := filepath.Glob(filepath.Join(dir, "*.json"))
	if err != nil {
		t.Fatal(err)
	}
	if len(committed) != len(files) {
		t.Errorf("%d committed schemas, %d generated: run go generate ./validate/", len(committed), len(files))
	}
	for name, b := range files {
		old, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil || string(old) != string(b) {
			t.Errorf("%s is out of date: run go generate ./validate/", name)
		}
	}
}
