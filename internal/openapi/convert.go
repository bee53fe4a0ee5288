package openapi

import (
	"slices"
)

// Draft is the JSON-schema dialect the converted schemas declare. Draft-07
// reads OpenAPI's value keywords as they are, except the boolean
// exclusiveMinimum and exclusiveMaximum, which Convert rewrites.
const Draft = "http://json-schema.org/draft-07/schema#"

// Options tune the conversion.
type Options struct {
	// NullableFields lets every property be null. Built-in kinds need it:
	// the API server decodes them with encoding/json, which reads null as
	// the zero value (manifests often carry `creationTimestamp: null`).
	// CRD fields are null only where they say nullable: true.
	NullableFields bool
}

// Convert returns the JSON schema of a structural OpenAPI v3 schema that has
// no $ref left (see Resolve). The rules:
//   - an object that declares properties is strict (additionalProperties:
//     false), unless it has x-kubernetes-preserve-unknown-fields or sits
//     inside a oneOf, anyOf, allOf or not branch: such branches only list
//     the fields a choice needs (Cilium's `oneOf: [{properties: {cidr: {}},
//     required: [cidr]}, ...]`), so strict branches would reject every
//     valid object;
//   - x-kubernetes-int-or-string (and format int-or-string, and a oneOf or
//     anyOf of bare types) becomes a type list;
//   - nullable adds null to the type (and to the enum);
//   - x-kubernetes-embedded-resource objects accept apiVersion, kind and
//     metadata;
//   - value keywords (enum, pattern, format, bounds, lengths, required) are
//     kept; descriptions, defaults and other extensions are dropped.
//
// The input is not modified.
func Convert(schema map[string]any, opts Options) map[string]any {
	out := convert(schema, true, false, opts)
	out["$schema"] = Draft
	return out
}

// kept are the OpenAPI keywords that validate a value and mean the same in
// draft-07.
var kept = []string{
	"enum", "pattern", "format", "minimum", "maximum", "multipleOf",
	"minLength", "maxLength", "minItems", "maxItems", "uniqueItems",
	"minProperties", "maxProperties", "required",
}

func convert(in map[string]any, strict, nullable bool, opts Options) map[string]any {
	out := map[string]any{}
	for _, k := range kept {
		if v, ok := in[k]; ok {
			out[k] = v
		}
	}
	exclusive(in, out, "exclusiveMinimum", "minimum")
	exclusive(in, out, "exclusiveMaximum", "maximum")
	if b, _ := in["nullable"].(bool); b {
		nullable = true
	}

	var types []string
	if t, ok := in["type"].(string); ok {
		types = []string{t}
	}
	unions := []string{"oneOf", "anyOf"}
	if intOrString(in) {
		types = []string{"integer", "string"}
		delete(out, "format")
	} else if u := typeUnion(in); u != nil {
		types = u
		unions = slices.DeleteFunc(slices.Clone(unions), func(k string) bool { return isTypeUnion(in[k]) })
	}
	for _, k := range unions {
		if intOrString(in) && isTypeUnion(in[k]) {
			continue // the type list says it
		}
		if branches, ok := in[k].([]any); ok {
			out[k] = convertAll(branches, opts)
		}
	}
	if branches, ok := in["allOf"].([]any); ok {
		out["allOf"] = convertAll(branches, opts)
	}
	if n, ok := in["not"].(map[string]any); ok {
		out["not"] = convert(n, false, false, opts)
	}
	if len(types) > 0 && nullable && !slices.Contains(types, "null") {
		types = append(types, "null")
	}
	if nullable {
		if e, ok := out["enum"].([]any); ok && !slices.Contains(e, nil) {
			out["enum"] = append(slices.Clone(e), nil)
		}
	}
	switch len(types) {
	case 0:
	case 1:
		out["type"] = types[0]
	default:
		ts := make([]any, len(types))
		for i, t := range types {
			ts[i] = t
		}
		out["type"] = ts
	}

	props, _ := in["properties"].(map[string]any)
	if b, _ := in["x-kubernetes-embedded-resource"].(bool); b {
		props = embedded(props)
	}
	if props != nil {
		cp := make(map[string]any, len(props))
		for name, p := range props {
			ps, _ := p.(map[string]any)
			cp[name] = convert(ps, strict, opts.NullableFields, opts)
		}
		out["properties"] = cp
	}
	preserve, _ := in["x-kubernetes-preserve-unknown-fields"].(bool)
	switch ap := in["additionalProperties"].(type) {
	case map[string]any:
		out["additionalProperties"] = convert(ap, strict, false, opts)
	case bool:
		out["additionalProperties"] = ap
	default:
		if strict && !preserve && len(props) > 0 {
			out["additionalProperties"] = false
		}
	}
	if items, ok := in["items"].(map[string]any); ok {
		out["items"] = convert(items, strict, false, opts)
	}
	return out
}

func convertAll(branches []any, opts Options) []any {
	out := make([]any, len(branches))
	for i, b := range branches {
		m, _ := b.(map[string]any)
		out[i] = convert(m, false, false, opts)
	}
	return out
}

// exclusive rewrites OpenAPI's `exclusiveMinimum: true` beside `minimum: n`
// into draft-07's `exclusiveMinimum: n`.
func exclusive(in, out map[string]any, key, bound string) {
	if b, _ := in[key].(bool); b {
		if n, ok := in[bound]; ok {
			out[key] = n
			delete(out, bound)
		}
	}
}

func intOrString(in map[string]any) bool {
	b, _ := in["x-kubernetes-int-or-string"].(bool)
	return b || in["format"] == "int-or-string"
}

// typeUnion reads `oneOf: [{type: integer}, {type: string}]`, the shape
// kube-openapi gives IntOrString and Quantity, as the list of types.
func typeUnion(in map[string]any) []string {
	for _, k := range []string{"oneOf", "anyOf"} {
		if !isTypeUnion(in[k]) {
			continue
		}
		var types []string
		for _, b := range in[k].([]any) {
			types = append(types, b.(map[string]any)["type"].(string))
		}
		return types
	}
	return nil
}

func isTypeUnion(v any) bool {
	branches, ok := v.([]any)
	if !ok || len(branches) == 0 {
		return false
	}
	for _, b := range branches {
		m, ok := b.(map[string]any)
		if !ok || len(m) != 1 {
			return false
		}
		if _, ok := m["type"].(string); !ok {
			return false
		}
	}
	return true
}

// embedded adds the fields an x-kubernetes-embedded-resource object always
// accepts.
func embedded(props map[string]any) map[string]any {
	cp := map[string]any{
		"apiVersion": map[string]any{"type": "string"},
		"kind":       map[string]any{"type": "string"},
		"metadata":   map[string]any{"type": "object", "x-kubernetes-preserve-unknown-fields": true},
	}
	for k, v := range props {
		cp[k] = v
	}
	return cp
}
