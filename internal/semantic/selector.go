package semantic

import (
	"slices"
	"strings"
)

// requirement is one term of a label selector. matchLabels k: v and
// matchExpressions {key: k, operator: In, values: [v]} both become
// {k In [v]}.
type requirement struct {
	key, op string
	values  []string
}

func (r requirement) String() string {
	switch r.op {
	case "In":
		if len(r.values) == 1 {
			return r.key + "=" + r.values[0]
		}
		return r.key + " in (" + strings.Join(r.values, ",") + ")"
	case "NotIn":
		if len(r.values) == 1 {
			return r.key + "!=" + r.values[0]
		}
		return r.key + " notin (" + strings.Join(r.values, ",") + ")"
	case "Exists":
		return r.key
	case "DoesNotExist":
		return "!" + r.key
	case "?": // not a selector term; key holds it verbatim
		return r.key
	}
	return r.key + " " + r.op + " (" + strings.Join(r.values, ",") + ")"
}

// selector is a label selector as a sorted set of requirements (they are
// ANDed, so order and repetition do not matter). The empty selector selects
// everything.
type selector []requirement

func (s selector) String() string {
	parts := make([]string, len(s))
	for i, r := range s {
		parts[i] = r.String()
	}
	return strings.Join(parts, ",")
}

// parseSelector reads a metav1.LabelSelector-shaped value. rename maps each
// label key (Cilium drops its source prefixes); nil keeps keys as written.
// Anything that is not matchLabels or matchExpressions is kept verbatim as an
// opaque requirement so that it still takes part in the comparison.
func parseSelector(v any, rename func(string) string) selector {
	if rename == nil {
		rename = func(k string) string { return k }
	}
	m, ok := v.(map[string]any)
	if !ok {
		if v == nil {
			return nil
		}
		return selector{{key: canonical(v), op: "?"}}
	}
	var s selector
	for _, field := range sortedKeys(m) {
		val := m[field]
		switch field {
		case "matchLabels":
			labels, ok := val.(map[string]any)
			if !ok && val != nil {
				s = append(s, requirement{key: "matchLabels " + canonical(val), op: "?"})
			}
			for _, k := range sortedKeys(labels) {
				s = append(s, requirement{key: rename(k), op: "In", values: []string{scalar(labels[k])}})
			}
		case "matchExpressions":
			for _, e := range listOf(val) {
				s = append(s, expression(e, rename))
			}
			if _, ok := val.([]any); !ok && val != nil {
				s = append(s, requirement{key: "matchExpressions " + canonical(val), op: "?"})
			}
		default:
			s = append(s, requirement{key: field + " " + canonical(val), op: "?"})
		}
	}
	return normalise(s)
}

func expression(e any, rename func(string) string) requirement {
	m, ok := e.(map[string]any)
	if !ok {
		return requirement{key: "matchExpressions " + canonical(e), op: "?"}
	}
	r := requirement{key: rename(scalar(m["key"])), op: scalar(m["operator"])}
	if r.op == "Exists" || r.op == "DoesNotExist" {
		return r
	}
	for _, v := range listOf(m["values"]) {
		r.values = append(r.values, scalar(v))
	}
	r.values = sortedSet(r.values)
	return r
}

func normalise(s selector) selector {
	slices.SortFunc(s, func(a, b requirement) int { return strings.Compare(a.String(), b.String()) })
	return slices.CompactFunc(s, func(a, b requirement) bool { return a.String() == b.String() })
}

// alternatives splits a peer's selector at each In term of several
// values: {k in (a,b)} selects what {k=a} and {k=b} select together, and a
// list of peers is their union, so "namespaces labeled project in (ghga,
// ingress)" and the two peers project=ghga, project=ingress are the same
// peers. (A policy's subject is one selector and is not split.)
func (s selector) alternatives() []selector {
	out := []selector{nil}
	for _, r := range s {
		values := []string{""}
		if r.op == "In" && len(r.values) > 1 {
			values = r.values
		}
		var next []selector
		for _, prefix := range out {
			for _, v := range values {
				term := r
				if v != "" {
					term = requirement{key: r.key, op: "In", values: []string{v}}
				}
				next = append(next, append(slices.Clone(prefix), term))
			}
		}
		out = next
	}
	for i := range out {
		out[i] = normalise(out[i])
	}
	return out
}

// without drops the requirement key=value, when present exactly so.
func (s selector) without(key, value string) selector {
	return slices.DeleteFunc(slices.Clone(s), func(r requirement) bool {
		return r.key == key && r.op == "In" && len(r.values) == 1 && r.values[0] == value
	})
}

// only reports whether s is exactly key=value.
func (s selector) only(key, value string) bool {
	return len(s) == 1 && len(s.without(key, value)) == 0
}

// subject prints a policy's subject selector, e.g. "(app=web)".
func subject(s selector, what string) string {
	if len(s) == 0 {
		return "(all " + what + ")"
	}
	if what == "nodes" {
		return "(nodes " + s.String() + ")"
	}
	return "(" + s.String() + ")"
}
