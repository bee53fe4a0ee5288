package llmtest

import (
	"fmt"
	"maps"
	"slices"
	"strings"
)

// strictProblem holds a schema sent with "strict": true to the rules OpenAI
// enforces for structured outputs, and returns the first broken one in
// OpenAI's words, or "". A schema that breaks them works against a lenient
// server and fails only against the real API, which is why the fake checks.
// The rules: every object schema sets "additionalProperties": false and lists
// every property in "required", at any depth.
func strictProblem(schema any, context []string) string {
	s, ok := schema.(map[string]any)
	if !ok {
		return ""
	}
	props, _ := s["properties"].(map[string]any)
	if isObjectType(s["type"]) || props != nil {
		if s["additionalProperties"] != false {
			return fmt.Sprintf("In context=(%s), 'additionalProperties' is required to be supplied and to be false.", quoted(context))
		}
		required := map[string]bool{}
		list, _ := s["required"].([]any)
		for _, r := range list {
			if name, ok := r.(string); ok {
				required[name] = true
			}
		}
		for _, key := range slices.Sorted(maps.Keys(props)) {
			if !required[key] {
				return fmt.Sprintf("In context=(%s), 'required' is required to be supplied and to be an array including every key in properties. Missing '%s'.", quoted(context), key)
			}
		}
	}
	for _, keyword := range []string{"properties", "$defs", "definitions"} {
		sub, _ := s[keyword].(map[string]any)
		for _, key := range slices.Sorted(maps.Keys(sub)) {
			if p := strictProblem(sub[key], append(slices.Clip(context), keyword, key)); p != "" {
				return p
			}
		}
	}
	if p := strictProblem(s["items"], append(slices.Clip(context), "items")); p != "" {
		return p
	}
	for _, keyword := range []string{"anyOf", "allOf"} {
		list, _ := s[keyword].([]any)
		for i, sub := range list {
			if p := strictProblem(sub, append(slices.Clip(context), keyword, fmt.Sprint(i))); p != "" {
				return p
			}
		}
	}
	return ""
}

// isObjectType reports whether a schema's "type" allows an object: "object",
// or a list such as ["object", "null"].
func isObjectType(t any) bool {
	if list, ok := t.([]any); ok {
		return slices.Contains(list, any("object"))
	}
	return t == "object"
}

// quoted renders a schema path the way OpenAI's errors do: 'properties', 'rules'.
func quoted(context []string) string {
	parts := make([]string, len(context))
	for i, c := range context {
		parts[i] = "'" + c + "'"
	}
	return strings.Join(parts, ", ")
}
