package validate

import (
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/yannh/kubeconform/pkg/validator"

	"github.com/kunerva/kunerva/internal/spelling"
)

// kubeconform reports jsonschema's English messages; these read them back
// so that a finding can say what is wrong and what is allowed in kunerva's
// words.
var (
	reAdditional = regexp.MustCompile(`^additional properties (.+) not allowed$`)
	reMissing    = regexp.MustCompile(`^missing propert(?:y|ies) (.+)$`)
	reType       = regexp.MustCompile(`^got (\S+), want (.+)$`)
	reEnum       = regexp.MustCompile(`^value must be (?:one of )?(.+)$`)
	rePattern    = regexp.MustCompile(`^(.*) does not match pattern `)
	reBound      = regexp.MustCompile(`^(\w+): got (\S+), want (\S+)$`)
	reOneOf      = regexp.MustCompile(`^'oneOf' failed, (?:none matched|subschemas (\d+), (\d+) matched)$`)
	reQuoted     = regexp.MustCompile(`'((?:[^'\\]|\\.)*)'`)
	reNode       = regexp.MustCompile(`( +)- at '((?:[^'\\]|\\.)*)': `)
)

var boundText = map[string]string{
	"minimum":          "%s is below the minimum, %s",
	"maximum":          "%s is above the maximum, %s",
	"exclusiveMinimum": "%s must be greater than %s",
	"exclusiveMaximum": "%s must be less than %s",
	"minLength":        "has %s characters; at least %s are required",
	"maxLength":        "has %s characters; at most %s are allowed",
	"minItems":         "has %s items; at least %s are required",
	"maxItems":         "has %s items; at most %s are allowed",
	"minProperties":    "has %s fields; at least %s are required",
	"maxProperties":    "has %s fields; at most %s are allowed",
	"multipleOf":       "%s is not a multiple of %s",
}

// patternText says in words what the CRDs' patterns mean.
var patternText = map[string]string{
	`^\/$|^\/.*\/$`: "a directory is an absolute path that ends with /",
	`^\/+.*[^\/]$`:  "a file is an absolute path that does not end with /",
}

// findings turns kubeconform's result for one document into findings,
// sorted by field.
func (s *schemaStage) findings(d Document, res validator.Result) []Finding {
	errs := parseSchemaErrors(res.Err)
	if errs == nil {
		// Not the error tree this reads: use kubeconform's list, which
		// keeps only the first level of the tree.
		for _, ve := range res.ValidationErrors {
			errs = append(errs, &schemaError{keys: splitPointer(d.Object, ve.Path), msg: ve.Msg})
		}
	}
	if len(errs) == 0 {
		return []Finding{schemaFinding(d, "", res.Err.Error())}
	}
	schema := s.schemaNode(d)
	var out []Finding
	for _, e := range reported(errs) {
		out = append(out, explain(d, schema, e)...)
	}
	slices.SortFunc(out, func(a, b Finding) int {
		return strings.Compare(a.Field+"\x00"+a.Message, b.Field+"\x00"+b.Message)
	})
	return slices.CompactFunc(out, func(a, b Finding) bool { return a == b })
}

// explain words one error as findings: what is wrong and what is allowed.
func explain(d Document, schema map[string]any, e *schemaError) []Finding {
	value, found := lookup(d.Object, e.keys)
	node := schemaAt(schema, e.keys)
	field := fieldPath(e.keys)
	msg := e.msg
	switch {
	case reAdditional.MatchString(msg):
		var out []Finding
		allowed := propertyNames(node)
		for _, name := range unquote(reAdditional.FindStringSubmatch(msg)[1]) {
			out = append(out, schemaFinding(d, fieldPath(append(e.keys, name)), unknownField(name, allowed)))
		}
		return out
	case reMissing.MatchString(msg):
		var out []Finding
		for _, name := range unquote(reMissing.FindStringSubmatch(msg)[1]) {
			out = append(out, schemaFinding(d, fieldPath(append(e.keys, name)), fmt.Sprintf("required field %q is missing", name)))
		}
		return out
	case reType.MatchString(msg):
		m := reType.FindStringSubmatch(msg)
		want := slices.DeleteFunc(strings.Split(m[2], " or "), func(t string) bool { return t == "null" })
		msg = fmt.Sprintf("wrong type: want %s, got %s", strings.Join(want, " or "), m[1])
		if v := short(value, found); m[1] != "null" && v != "the value" {
			msg += " " + v
		}
	case reEnum.MatchString(msg):
		list := reEnum.FindStringSubmatch(msg)[1]
		allowed := unquote(list)
		if len(allowed) == 0 { // numbers are not quoted
			allowed = strings.Split(list, ", ")
		}
		allowed = slices.DeleteFunc(allowed, func(v string) bool { return v == "<nil>" })
		msg = fmt.Sprintf("%s is not allowed; use one of %s", short(value, found), strings.Join(allowed, ", "))
	case rePattern.MatchString(msg):
		pattern, _ := node["pattern"].(string)
		if text, ok := patternText[pattern]; ok {
			msg = fmt.Sprintf("%s is not allowed: %s", short(value, found), text)
		} else if pattern != "" {
			msg = fmt.Sprintf("%s does not match the pattern %s", short(value, found), pattern)
		}
	case reBound.MatchString(msg):
		m := reBound.FindStringSubmatch(msg)
		if text, ok := boundText[m[1]]; ok {
			msg = fmt.Sprintf(text, m[2], m[3])
		}
	case reOneOf.MatchString(msg):
		msg = oneOf(node, e, reOneOf.FindStringSubmatch(msg))
	case msg == "'anyOf' failed":
		if names := requiredChoices(e); names != nil {
			msg = "set at least one of " + strings.Join(names, ", ")
		} else {
			msg = "matches none of the forms the schema allows"
		}
	}
	return []Finding{schemaFinding(d, field, msg)}
}

func schemaFinding(d Document, field, msg string) Finding {
	return Finding{
		File: d.File, Line: d.Line, Object: d.Ref(), Field: field,
		Stage: StageSchema, Check: "schema", Severity: SeverityError, Message: msg,
	}
}

func unknownField(name string, allowed []string) string {
	msg := fmt.Sprintf("unknown field %q", name)
	if len(allowed) == 0 {
		return msg
	}
	if near := nearest(name, allowed); near != "" {
		msg += fmt.Sprintf(" (did you mean %q?)", near)
	}
	return msg + "; allowed here: " + strings.Join(allowed, ", ")
}

// oneOf explains a failed oneOf. Cilium writes "exactly one of" as
// branches that each require one field.
func oneOf(node map[string]any, e *schemaError, m []string) string {
	if m[1] == "" {
		if names := requiredChoices(e); names != nil {
			return "set exactly one of " + strings.Join(names, ", ")
		}
		return "matches none of the forms the schema allows"
	}
	branches, _ := node["oneOf"].([]any)
	i, _ := strconv.Atoi(m[1])
	j, _ := strconv.Atoi(m[2])
	if i < len(branches) && j < len(branches) {
		a, _ := branches[i].(map[string]any)["required"].([]any)
		b, _ := branches[j].(map[string]any)["required"].([]any)
		if len(a) == 1 && len(b) == 1 {
			return fmt.Sprintf("set only one of %s and %s", a[0], b[0])
		}
	}
	return "matches more than one of the forms the schema allows"
}

// requiredChoices reads the branches of a failed oneOf or anyOf that each
// missed one required field, or nil when they failed otherwise.
func requiredChoices(e *schemaError) []string {
	if len(e.children) == 0 {
		return nil
	}
	var names []string
	for _, c := range e.children {
		m := reMissing.FindStringSubmatch(c.msg)
		if m == nil {
			return nil
		}
		names = append(names, unquote(m[1])...)
	}
	return names
}

// splitPointer reads kubeconform's path, the instance location's tokens
// joined by "/" without escaping, against the object: a label key such as
// app.kubernetes.io/name holds a slash, so the longest key that exists wins.
func splitPointer(obj map[string]any, p string) []string {
	p = strings.TrimPrefix(p, "/")
	if p == "" {
		return nil
	}
	tokens := strings.Split(p, "/")
	var keys []string
	var cur any = obj
	for len(tokens) > 0 {
		n := 1
		if m, ok := cur.(map[string]any); ok {
			for j := len(tokens); j > 1; j-- {
				if _, ok := m[strings.Join(tokens[:j], "/")]; ok {
					n = j
					break
				}
			}
		}
		key := strings.Join(tokens[:n], "/")
		tokens = tokens[n:]
		keys = append(keys, key)
		cur, _ = step(cur, key)
	}
	return keys
}

func step(cur any, key string) (any, bool) {
	switch c := cur.(type) {
	case map[string]any:
		v, ok := c[key]
		return v, ok
	case []any:
		i, err := strconv.Atoi(key)
		if err != nil || i < 0 || i >= len(c) {
			return nil, false
		}
		return c[i], true
	}
	return nil, false
}

func lookup(obj map[string]any, keys []string) (any, bool) {
	var cur any = obj
	for _, k := range keys {
		var ok bool
		if cur, ok = step(cur, k); !ok {
			return nil, false
		}
	}
	return cur, true
}

// schemaAt follows the keys through properties, additionalProperties and
// items.
func schemaAt(node map[string]any, keys []string) map[string]any {
	for _, k := range keys {
		if node == nil {
			return nil
		}
		props, _ := node["properties"].(map[string]any)
		switch {
		case props[k] != nil:
			node, _ = props[k].(map[string]any)
		case node["items"] != nil && isIndex(k):
			node, _ = node["items"].(map[string]any)
		default:
			node, _ = node["additionalProperties"].(map[string]any)
		}
	}
	return node
}

func propertyNames(node map[string]any) []string {
	props, _ := node["properties"].(map[string]any)
	names := make([]string, 0, len(props))
	for name := range props {
		names = append(names, name)
	}
	slices.Sort(names)
	return names
}

// fieldPath renders keys as the API server names fields:
// spec.ingress[0].ports[0].port, metadata.labels[app.kubernetes.io/name].
func fieldPath(keys []string) string {
	var b strings.Builder
	for _, k := range keys {
		switch {
		case isIndex(k) || !isIdentifier(k):
			b.WriteString("[" + k + "]")
		default:
			if b.Len() > 0 {
				b.WriteByte('.')
			}
			b.WriteString(k)
		}
	}
	return b.String()
}

func isIndex(k string) bool {
	_, err := strconv.Atoi(k)
	return err == nil
}

var reIdentifier = regexp.MustCompile(`^[A-Za-z_$][A-Za-z0-9_$-]*$`)

func isIdentifier(k string) bool { return reIdentifier.MatchString(k) }

// short renders a value for a message: quoted strings, compact JSON,
// nothing when it is long.
func short(v any, found bool) string {
	if !found {
		return "the value"
	}
	b, err := json.Marshal(v)
	if err != nil || len(b) > 60 {
		return "the value"
	}
	return string(b)
}

func unquote(list string) []string {
	var out []string
	for _, m := range reQuoted.FindAllStringSubmatch(list, -1) {
		out = append(out, unquoteOne(m[1]))
	}
	return out
}

// nearest returns the allowed name closest to a misspelt one, if close.
func nearest(name string, allowed []string) string {
	best, bestD := "", 3
	for _, a := range allowed {
		if strings.EqualFold(a, name) {
			return a
		}
		if d := spelling.Distance(strings.ToLower(name), strings.ToLower(a)); d < bestD {
			best, bestD = a, d
		}
	}
	return best
}
