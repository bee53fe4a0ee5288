package builtin

import (
	"slices"
	"strings"

	"k8s.io/apimachinery/pkg/api/equality"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/kunerva/kunerva/generator"
)

// definition is what a sentence of setting ("I have hello-web (label
// app=hello) listening on 8080 in the web namespace") says a name is: the
// pods its labels select and their namespace, with where it said so.
type definition struct {
	pods      *metav1.LabelSelector
	namespace string
	origins   []generator.Origin
}

// settingOpeners open a sentence that says what there is, not what to do.
var settingOpeners = [][]string{{"i", "have"}, {"we", "have"}, {"i've", "got"}, {"we've", "got"}, {"there", "is"}, {"there", "are"}, {"i", "run"}, {"we", "run"}}

// setting reports whether a clause only says what there is: it opens with
// "I have", "we run", "there are", or it says which labels named pods
// carry (identity), and holds no verdict, "only" or "except".
func setting(toks []token) bool {
	opens := identity(toks) != nil
	for _, o := range settingOpeners {
		if phraseIn(toks, 0, o) {
			opens = true
		}
	}
	if !opens {
		return false
	}
	for _, t := range toks {
		if denyWords[t.low] || allowWords[t.low] && t.low != "can" && t.low != "may" || auditWords[t.low] || isolateWords[t.low] || t.low == "only" || t.low == "except" {
			return false
		}
	}
	return true
}

// identityVerbs say which labels pods carry: "the MCP pods are
// app=mcp", "the db pods carry app=db".
var identityVerbs = set("are", "is", "carry", "carries", "have", "has", "bear", "bears")

// identity reads a sentence that says which labels some pods carry, and
// nothing else: "The MCP pods are app.kubernetes.io/controller=mcp,
// app.kubernetes.io/instance=penpot in namespace home", "the api pods are
// app=api and the db pods are app=db". It returns the index of the pod noun
// after each name, or nothing. The verb must stand right before the
// labels, so "the web pods are reachable from app=lb" says no such thing.
func identity(toks []token) []int {
	var nouns []int
	for k := 0; k < len(toks); {
		if len(nouns) > 0 {
			// "..., and the db pods are app=db"
			for k < len(toks) && (toks[k].low == "and" || toks[k].low == "," || toks[k].low == ";") {
				k++
			}
		}
		noun, at := identityHead(toks, k)
		if noun < 0 {
			return nil
		}
		nouns = append(nouns, noun)
		// the labels, and where they run
		for k = at + 1; k < len(toks); k++ {
			t := toks[k]
			place := t.kind == tWord && (namespaceWords[t.low] || t.low == "in" || t.low == "the" || namespaceWords[toks[k-1].low] || k+1 < len(toks) && namespaceWords[toks[k+1].low])
			if t.kind != tLabel && !place && !(t.kind == tPunct && (t.low == "," || t.low == ".")) && t.low != "and" {
				break
			}
			if (t.low == "and" || t.low == ",") && k+1 < len(toks) && toks[k+1].kind != tLabel && !namespaceWords[toks[k+1].low] && toks[k+1].low != "in" {
				break // the next name's sentence
			}
		}
		if k < len(toks) && toks[k].low != "and" && toks[k].low != "," && toks[k].low != ";" {
			return nil
		}
	}
	return nouns
}

// identityHead reads "[the] NAME pods are LABEL" from k: it returns the
// index of the pod noun and of the label, or -1.
func identityHead(toks []token, k int) (noun, label int) {
	if k < len(toks) && (toks[k].low == "the" || toks[k].low == "our" || toks[k].low == "my" || toks[k].low == "its" || toks[k].low == "their") {
		k++
	}
	first := k
	for k < len(toks) && k < first+3 && toks[k].kind == tWord && !podNouns[toks[k].low] && !identityVerbs[toks[k].low] && !determiners[toks[k].low] && !prepositions[toks[k].low] && !namespaceWords[toks[k].low] && !coordinators[toks[k].low] {
		k++
	}
	noun = k
	if noun == first || noun >= len(toks) || !podNouns[toks[noun].low] {
		return -1, -1
	}
	for k < len(toks) && podNouns[toks[k].low] {
		k++
	}
	if k+1 >= len(toks) || !identityVerbs[toks[k].low] || toks[k+1].kind != tLabel {
		return -1, -1
	}
	return noun, k + 1
}

// definitions reads the pods a sentence of setting names by their labels,
// and the namespace each is said to be in, under every name it gives them:
// the words before the labels ("hello-web (label app=hello)") and the label
// values ("test pods labeled app=foo" is also "foo").
func definitions(request string, c clause, opts generator.Options) map[string]definition {
	p := newParser(request, c, opts)
	names := make([]bool, len(p.toks))
	for k := range p.toks {
		names[k] = p.nameWord(k)
	}
	eps := p.endpoints()
	out := map[string]definition{}
	attached := map[int]bool{}
	for n, ep := range eps {
		if ep.kind != epPods || ep.pods == nil || len(ep.pods.MatchExpressions) > 0 {
			continue
		}
		d := definition{pods: ep.pods, namespace: ep.namespace}
		d.origins = append(d.origins, p.origin("pods", ep.podsMark))
		if ep.namespace != "" {
			d.origins = append(d.origins, p.origin("namespace", ep.nsMark))
		} else if n+1 < len(eps) && eps[n+1].kind == epNamespace && eps[n+1].namespace != "" && eps[n+1].podsMark == nil && eps[n+1].prep == "in" && p.onlySetting(ep.end, eps[n+1].start) {
			// "hello-web (label app=hello) listening on 8080 in the web namespace"
			d.namespace = eps[n+1].namespace
			d.origins = append(d.origins, p.origin("namespace", eps[n+1].nsMark))
			attached[n+1] = true
		}
		for k := ep.start; k < ep.end; k++ {
			if t := p.toks[k]; t.kind == tWord && (p.claim[k] == "described-by-labels" || p.claim[k] == "workload-name") && names[k] {
				out[t.low] = d
			}
		}
		for _, v := range ep.pods.MatchLabels {
			out[strings.ToLower(v)] = d
		}
		// "The MCP pods are app.kubernetes.io/controller=mcp, ...": the
		// words before the pod noun name the labels after the verb.
		for _, noun := range identity(p.toks) {
			if noun > ep.start || slices.ContainsFunc(eps[:n], func(e *endpoint) bool { return e.pods != nil && e.start > noun }) {
				continue
			}
			for k := noun - 1; k >= 0 && names[k]; k-- {
				out[p.toks[k].low] = d
			}
		}
	}
	// A namespace said of no pods in particular could be any one's: no
	// name is defined for sure.
	for n, ep := range eps {
		if ep.kind == epNamespace && !attached[n] {
			return nil
		}
	}
	return out
}

// onlySetting reports whether tokens [from, to) only describe the pods
// before them: "listening on 8080", "running".
func (p *parser) onlySetting(from, to int) bool {
	for k := from; k < to; k++ {
		if t := p.toks[k]; t.kind != tNumber && !p.is(k, "listening", "listens", "serving", "running", "on", "port", "in", "at", ")") {
			return false
		}
	}
	return true
}

// redefines reports whether d gives a name defs already has other pods or
// another namespace.
func redefines(defs, d map[string]definition) bool {
	for name, x := range d {
		if y, ok := defs[name]; ok && (x.namespace != y.namespace || !equality.Semantic.DeepEqual(x.pods, y.pods)) {
			return true
		}
	}
	return false
}

// namingNamespace reads a namespace said at toks[i:]: "in namespace x",
// "in the x namespace". It gives the namespace's token and the index after.
func namingNamespace(toks []token, i int) (token, int, bool) {
	if i >= len(toks) || toks[i].low != "in" {
		return token{}, i, false
	}
	j := i + 1
	if j < len(toks) && toks[j].low == "the" {
		j++
	}
	if j+1 < len(toks) && namespaceWords[toks[j].low] && toks[j+1].kind == tWord {
		return toks[j+1], j + 2, true // "in namespace home"
	}
	if j+1 < len(toks) && toks[j].kind == tWord && namespaceWords[toks[j+1].low] {
		return toks[j], j + 2, true // "in the home namespace"
	}
	return token{}, i, false
}

// namings reads a sentence that only says what names are, after (or
// before) the rule that uses them: "mosquitto is labeled
// app.kubernetes.io/name=mosquitto, home-assistant is
// app.kubernetes.io/name=home-assistant", "whoami is app=whoami in
// namespace demo", "..., both in namespace home". Each name is one word,
// said with "is" and one label; a namespace after the last one is all of
// theirs. Any other word and it defines nothing (ok false).
func namings(request string, toks []token) (map[string]definition, bool) {
	out := map[string]definition{}
	var names []string
	at := func(t token, field string) generator.Origin {
		return generator.Origin{Field: field, From: generator.FromRequest, Start: t.start, End: t.end, Text: request[t.start:t.end], Rule: "named-after"}
	}
	i := 0
	for i < len(toks) {
		if i+2 >= len(toks) || toks[i].kind != tWord || toks[i+1].low != "is" {
			return nil, false
		}
		name, j := toks[i], i+2
		if toks[j].low == "labeled" || toks[j].low == "labelled" {
			j++
		}
		if j >= len(toks) || toks[j].kind != tLabel || toks[j].spelled {
			return nil, false
		}
		key, value, ok := strings.Cut(toks[j].raw, "=")
		if !ok || strings.ContainsAny(key, "!=") || strings.HasPrefix(value, "=") {
			return nil, false
		}
		d := definition{pods: &metav1.LabelSelector{MatchLabels: map[string]string{key: value}}}
		d.origins = append(d.origins, at(toks[j], "pods"))
		j++
		if ns, k, ok := namingNamespace(toks, j); ok {
			d.namespace, j = ns.low, k
			d.origins = append(d.origins, at(ns, "namespace"))
		}
		out[name.low] = d
		names = append(names, name.low)
		for j < len(toks) && (toks[j].low == "," || toks[j].low == ";" || toks[j].low == "and" || toks[j].low == ".") {
			j++
		}
		// ", both in namespace home": the namespace of every name said.
		if j < len(toks) && (toks[j].low == "both" || toks[j].low == "all") {
			ns, k, ok := namingNamespace(toks, j+1)
			if !ok || len(names) < 2 {
				return nil, false
			}
			for _, n := range names {
				d := out[n]
				if d.namespace != "" {
					return nil, false
				}
				d.namespace = ns.low
				d.origins = append(d.origins, at(ns, "namespace"))
				out[n] = d
			}
			j = k
			for j < len(toks) && toks[j].kind == tPunct && toks[j].low == "." {
				j++
			}
		}
		i = j
	}
	return out, len(out) > 0
}
