package openapi

import (
	"fmt"
	"strings"
)

const refPrefix = "#/components/schemas/"

// Resolve returns the schema called name in components (an OpenAPI v3
// document's components.schemas) with every $ref replaced by a copy of its
// target, so that it stands alone. kube-openapi wraps a reference that
// carries its own description or default as `allOf: [{$ref: ...}]`; such a
// wrapper is merged into the node. A reference cycle is an error: none of
// the kinds kunerva validates has one.
func Resolve(components map[string]any, name string) (map[string]any, error) {
	s, ok := components[name].(map[string]any)
	if !ok {
		return nil, fmt.Errorf("no schema %q in the document", name)
	}
	return resolve(components, s, []string{name})
}

func resolve(components map[string]any, node map[string]any, stack []string) (map[string]any, error) {
	node, stack, err := deref(components, node, stack)
	if err != nil {
		return nil, err
	}
	out := make(map[string]any, len(node))
	for k, v := range node {
		switch k {
		case "properties":
			props, _ := v.(map[string]any)
			cp := make(map[string]any, len(props))
			for name, p := range props {
				m, _ := p.(map[string]any)
				r, err := resolve(components, m, stack)
				if err != nil {
					return nil, err
				}
				cp[name] = r
			}
			out[k] = cp
		case "items", "additionalProperties", "not":
			m, ok := v.(map[string]any)
			if !ok {
				out[k] = v
				continue
			}
			r, err := resolve(components, m, stack)
			if err != nil {
				return nil, err
			}
			out[k] = r
		case "oneOf", "anyOf", "allOf":
			list, _ := v.([]any)
			cp := make([]any, len(list))
			for i, b := range list {
				m, _ := b.(map[string]any)
				r, err := resolve(components, m, stack)
				if err != nil {
					return nil, err
				}
				cp[i] = r
			}
			out[k] = cp
		default:
			out[k] = v
		}
	}
	return out, nil
}

// deref follows a $ref, or an allOf holding only one $ref, and returns the
// target with the node's own keys laid under it.
func deref(components map[string]any, node map[string]any, stack []string) (map[string]any, []string, error) {
	for {
		ref, rest := refOf(node)
		if ref == "" {
			return node, stack, nil
		}
		name, ok := strings.CutPrefix(ref, refPrefix)
		if !ok {
			return nil, nil, fmt.Errorf("unsupported $ref %q", ref)
		}
		for _, s := range stack {
			if s == name {
				return nil, nil, fmt.Errorf("reference cycle: %s -> %s", strings.Join(stack, " -> "), name)
			}
		}
		target, ok := components[name].(map[string]any)
		if !ok {
			return nil, nil, fmt.Errorf("$ref %q points at nothing", ref)
		}
		merged := make(map[string]any, len(target)+len(rest))
		for k, v := range rest {
			merged[k] = v
		}
		for k, v := range target {
			merged[k] = v
		}
		node, stack = merged, append(stack[:len(stack):len(stack)], name)
	}
}

// refOf returns the reference a node stands for and its other keys.
func refOf(node map[string]any) (string, map[string]any) {
	if ref, ok := node["$ref"].(string); ok {
		return ref, without(node, "$ref")
	}
	all, ok := node["allOf"].([]any)
	if !ok || len(all) != 1 {
		return "", nil
	}
	m, ok := all[0].(map[string]any)
	if !ok || len(m) != 1 {
		return "", nil
	}
	ref, ok := m["$ref"].(string)
	if !ok {
		return "", nil
	}
	return ref, without(node, "allOf")
}

func without(m map[string]any, key string) map[string]any {
	cp := make(map[string]any, len(m))
	for k, v := range m {
		if k != key {
			cp[k] = v
		}
	}
	return cp
}
