package builtin

import (
	"fmt"
	"slices"
	"strings"

	"github.com/kunerva/kunerva/generator"
)

// A bracket of "key: value" fields, as kubectl and tickets print them
// ("(restarts: 3, age 5d)", "(IP: 10.1.2.3)", "(owner: team-a)", "(log:
// /var/log/app.log)"), describes what the words before it name; it is no
// part of the rule unless its key is a word of policies. Read as one more
// value, such a field became a port ("on 80 (ticket: 4521)" opened 4521),
// a label ("pods labeled app=web (restarts: 3)" selected no pod), a peer,
// a KubeArmor rule or ownerOnly (finder W16-W19, W21).

// policyFieldKeys are the keys of a pasted field that say what a rule is
// made of, with the part of an origin's field that reading it gives:
// "(namespace: prod)" is a namespace, "(port: 8080)" a port, "(labels:
// app=web)" labels.
var policyFieldKeys = map[string]string{
	"namespace": "namespace", "ns": "namespace",
	"port": "port", "ports": "port",
	"protocol": "protocol",
	"label":    "match", "labels": "match", "selector": "match",
}

// namespaceFieldKeys name a namespace: "(namespace: prod)", "(ns: prod)".
var namespaceFieldKeys = set("namespace", "ns")

// kubectlColumns are the columns and fields kubectl prints about pods,
// which describe them and are never their labels: "the web pods (restarts:
// 3)" selects no pod with restarts=3.
var kubectlColumns = set("restarts", "age", "ready", "status", "ip", "node", "image", "uid", "containerport", "hostport", "nominated", "phase", "qos")

// A pastedField is one "key: value" of a bracket: toks[key] is its key's
// last word, toks[colon] the ":", and its value runs to toks[end-1].
type pastedField struct{ first, key, colon, end int }

// pastedFields splits a bracket whose words open with "key:" (one to
// three words before the colon) into its fields, one a comma; a part
// after a comma with no colon ("age 5d") is a field too. A tail after a
// comma or dash is one field. It returns nil when the aside opens
// otherwise.
func pastedFields(request string, toks []token, a aside) []pastedField {
	keyAt := func(i int) int {
		for k := i; k < a.close && k < i+3; k++ {
			if toks[k].kind != tWord {
				return -1
			}
			if k+1 < a.close && toks[k+1].low == ":" {
				return k
			}
		}
		return -1
	}
	if a.kind != inBracket {
		// ", restarts: 3", "- restarts: 3": the tail ends at its colon
		// (tailEnds); the value runs on to the next mark or line break.
		if a.close >= len(toks) || toks[a.close].low != ":" || a.close == a.open+1 || a.close-a.open > 4 ||
			slices.ContainsFunc(toks[a.open+1:a.close], func(t token) bool { return t.kind != tWord }) {
			return nil
		}
		e := a.close + 1
		for e < len(toks) && !tailEnds[toks[e].low] && !strings.Contains(request[toks[e-1].end:toks[e].start], "\n") {
			e++
		}
		// A short value that ends its line: "Policy 3, database: in
		// database-ns the postgres pods ..." is a heading before a rule.
		if e == a.close+1 || e-a.close > 4 || e < len(toks) && toks[e].low != "." && toks[e].low != ";" && !strings.Contains(request[toks[e-1].end:toks[e].start], "\n") {
			return nil
		}
		return []pastedField{{first: a.open + 1, key: a.close - 1, colon: a.close, end: e}}
	}
	// "(entrypoint /usr/bin/python)", "(owner team-a)", "(age 5d)": one
	// key word, its value after it, no colon. A value, or a name with a
	// digit or dash: "(whitelist style)", "(subdirectories included)" are
	// words about the rule.
	if a.close == a.open+3 && toks[a.open+1].kind == tWord && fieldValue(toks[a.open+2]) && !fillerWords[toks[a.open+1].low] && !determiners[toks[a.open+1].low] &&
		!prepositions[toks[a.open+1].low] && !protocolWords[toks[a.open+1].low] && !coordinators[toks[a.open+1].low] && !strings.HasSuffix(toks[a.open+1].low, ".") {
		return []pastedField{{first: a.open + 1, key: a.open + 1, colon: a.open + 1, end: a.close}}
	}
	if keyAt(a.open+1) < 0 {
		return nil
	}
	var out []pastedField
	for i := a.open + 1; i < a.close; {
		e := i
		for e < a.close && toks[e].low != "," {
			e++
		}
		f := pastedField{first: i, key: -1, colon: -1, end: e}
		if k := keyAt(i); k >= 0 {
			f.key, f.colon = k, k+1
		}
		out = append(out, f)
		i = e + 1
	}
	return out
}

// pastedFieldRead: a bracket of pasted "key: value" fields from which a
// rule took a value asks, unless the field's key is a word of policies
// and the value went where that word says ("(port: 8080)"), or the field
// says a label the request gives outside it ("app=web (app: web)").
// Standing right after pods named without labels, the fields are their
// labels ("the api pods (app: api, tier: backend)", "the AMF (nf: amf)"),
// unless the key is a column kubectl prints ("(restarts: 3)").
// "(namespace: prod)" is asked as the pods' namespace.
func pastedFieldRead(r asideReading, a aside) (*generator.Intent, string) {
	fields := pastedFields(r.request, r.toks, a)
	if len(fields) == 0 {
		return nil, ""
	}
	namedPods := a.pods < 0 && a.open > 0 && r.toks[a.open-1].kind == tWord
	for _, f := range fields {
		key := ""
		if f.key >= 0 {
			key = r.toks[f.key].low
		}
		if namedPods && !kubectlColumns[key] {
			continue
		}
		start, end := r.toks[f.first].start, r.toks[f.end-1].end
		for _, x := range r.all {
			for _, o := range x.Origins {
				if o.From != generator.FromRequest || !(o.Start >= start && o.Start < end || o.End > start && o.End <= end) {
					continue
				}
				if part, ok := policyFieldKeys[key]; ok && strings.Contains(strings.ToLower(o.Field), part) {
					continue
				}
				if f.key >= 0 && labelSaidElsewhere(r.toks, a, r.toks[f.key].raw, r.toks[f.colon+1:f.end]) {
					continue
				}
				field, said := r.request[start:end], o.Text
				if o.Start < start || o.End > end {
					said = r.request[r.toks[min(f.colon+1, f.end-1)].start:end]
				}
				if namespaceFieldKeys[key] && f.colon+1 < f.end {
					return x, fmt.Sprintf("what does %q say: is %q the namespace of the pods before it? Then say \"in namespace %s\" after them", r.text(a), r.toks[f.colon+1].raw, r.toks[f.colon+1].raw)
				}
				return x, fmt.Sprintf("%q reads like a field pasted from kubectl or a ticket: is %q part of the rule, or only said of the pods? Say the rule without it, or say what it is for in words", field, said)
			}
		}
	}
	return nil, ""
}

// labelSaidElsewhere reports whether the field "key: value" says a label
// k=v that the request gives outside the bracket: "pods labeled app=web
// (app: web)".
func labelSaidElsewhere(toks []token, a aside, key string, value []token) bool {
	if len(value) != 1 {
		return false
	}
	want := key + "=" + value[0].raw
	for i, t := range toks {
		if (i < a.open || i > a.close) && t.kind == tLabel && t.raw == want {
			return true
		}
	}
	return false
}

// fieldValue reports whether a token can be the value of a pasted field
// said without a colon: a value ("/usr/bin/python", "10.1.2.3", "3"), or
// a name with a digit or a dash ("team-a", "5d").
func fieldValue(t token) bool {
	switch t.kind {
	case tPath, tNumber, tCIDR, tDomain, tRelPath:
		return true
	case tWord:
		return strings.ContainsAny(t.raw, "-0123456789")
	}
	return false
}
