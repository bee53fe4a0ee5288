package validate

import (
	"encoding/json"
	"fmt"
	"slices"

	apiextensionsv1 "k8s.io/apiextensions-apiserver/pkg/apis/apiextensions/v1"

	"github.com/kunerva/kunerva/internal/openapi"
)

// crdSchemas converts every served version of the CRDs into a standalone
// JSON schema for kubeconform, keyed by the file name kubeconform looks up.
// meta is the schema of metadata (ObjectMeta, taken from the built-in
// schemas); nil leaves metadata an open object.
func crdSchemas(crds []*apiextensionsv1.CustomResourceDefinition, meta map[string]any) (map[string][]byte, error) {
	files := map[string][]byte{}
	for _, crd := range crds {
		for _, v := range crd.Spec.Versions {
			if !v.Served || v.Schema == nil || v.Schema.OpenAPIV3Schema == nil {
				continue
			}
			apiVersion, kind := crd.Spec.Group+"/"+v.Name, crd.Spec.Names.Kind
			s, err := crdSchema(v.Schema.OpenAPIV3Schema, apiVersion, kind, meta)
			if err != nil {
				return nil, fmt.Errorf("convert the schema of %s %s: %w", kind, apiVersion, err)
			}
			name := openapi.FileName(apiVersion, kind)
			if _, dup := files[name]; dup {
				return nil, fmt.Errorf("two CRDs would share the schema file %s", name)
			}
			files[name] = s
		}
	}
	return files, nil
}

func crdSchema(props *apiextensionsv1.JSONSchemaProps, apiVersion, kind string, meta map[string]any) ([]byte, error) {
	// Round-trip through JSON: the converter reads schemas as plain maps,
	// the shape the built-in schemas come in too.
	b, err := json.Marshal(props)
	if err != nil {
		return nil, err
	}
	var in map[string]any
	if err := json.Unmarshal(b, &in); err != nil {
		return nil, err
	}
	out := openapi.Convert(in, openapi.Options{})
	root, _ := out["properties"].(map[string]any)
	if root == nil {
		root = map[string]any{}
		out["properties"] = root
	}
	root["apiVersion"] = map[string]any{"type": "string", "enum": []any{apiVersion}}
	root["kind"] = map[string]any{"type": "string", "enum": []any{kind}}
	if meta == nil {
		meta = map[string]any{"type": "object"}
	}
	root["metadata"] = meta
	if preserve, _ := in["x-kubernetes-preserve-unknown-fields"].(bool); !preserve {
		out["additionalProperties"] = false
	}
	out["type"] = "object"
	req, _ := out["required"].([]any)
	for _, k := range []any{"apiVersion", "kind"} {
		if !slices.Contains(req, k) {
			req = append(req, k)
		}
	}
	out["required"] = req
	return json.MarshalIndent(out, "", "  ")
}
