package validate

import (
	"strconv"
	"strings"
)

// schemaError is one node of jsonschema's error tree for a document.
type schemaError struct {
	keys     []string // the instance location: object keys and list indexes
	msg      string
	children []*schemaError
}

// parseSchemaErrors reads the whole error tree out of kubeconform's
// Result.Err. kubeconform's ValidationErrors keep only the first level of
// jsonschema's tree: two errors inside one list item come back as one
// "validation failed" and a failed oneOf loses its branches. Result.Err
// holds jsonschema's rendering of the full tree, one "- at '<JSON
// pointer>': <message>" per node, nested two spaces deeper per level (its
// newlines turned into spaces). nil means it does not read as such.
func parseSchemaErrors(err error) []*schemaError {
	if err == nil {
		return nil
	}
	s := err.Error()
	matches := reNode.FindAllStringSubmatchIndex(s, -1)
	var roots []*schemaError
	var stack []*schemaError // stack[i] is the last node at depth i+1
	for i, m := range matches {
		end := len(s)
		if i+1 < len(matches) {
			end = matches[i+1][0]
		}
		e := &schemaError{keys: pointerKeys(unquoteOne(s[m[4]:m[5]])), msg: strings.TrimSpace(s[m[1]:end])}
		spaces := m[3] - m[2]
		depth := (spaces + 1) / 2
		if spaces%2 == 0 || depth > len(stack)+1 {
			return nil
		}
		stack = append(stack[:depth-1], e)
		if depth == 1 {
			roots = append(roots, e)
		} else {
			p := stack[depth-2]
			p.children = append(p.children, e)
		}
	}
	return roots
}

// reported picks the errors a user needs: the leaves, and a failed oneOf or
// anyOf as a whole (its branches' failures only say why each form did not
// fit).
func reported(errs []*schemaError) []*schemaError {
	var out []*schemaError
	for _, e := range errs {
		switch {
		case e.msg == "validation failed" || e.msg == "'allOf' failed":
			out = append(out, reported(e.children)...)
		default:
			out = append(out, e)
		}
	}
	return out
}

// pointerKeys splits a JSON pointer into its unescaped tokens.
func pointerKeys(p string) []string {
	p = strings.TrimPrefix(p, "/")
	if p == "" {
		return nil
	}
	keys := strings.Split(p, "/")
	for i, k := range keys {
		keys[i] = strings.ReplaceAll(strings.ReplaceAll(k, "~1", "/"), "~0", "~")
	}
	return keys
}

// unquoteOne undoes jsonschema's quoting of a string between single quotes:
// Go escapes, with \' for a quote.
func unquoteOne(s string) string {
	s = strings.ReplaceAll(s, `\'`, `'`)
	u, err := strconv.Unquote(`"` + strings.ReplaceAll(s, `"`, `\"`) + `"`)
	if err != nil {
		return s
	}
	return u
}
