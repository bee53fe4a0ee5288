package builtin

import (
	"slices"
	"strings"

	"k8s.io/apimachinery/pkg/api/equality"
	"k8s.io/apimachinery/pkg/util/validation"

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
// "I have", "we run", "there are", and holds no verdict, "only" or
// "except".
func setting(toks []token) bool {
	opens := false
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
	// Not "in all namespaces", "in the same namespace", "in namespaces
	// labeled x": a scope or a place said again names no namespace.
	name := func(t token) bool {
		return t.kind == tWord && !determiners[t.low] && !fillerWords[t.low] && !frameWords[t.low] && !scopeWords[t.low] && !namespaceWords[t.low] && !labelIntros[t.low]
	}
	if j+1 < len(toks) && namespaceWords[toks[j].low] && toks[j].low != "namespaces" && name(toks[j+1]) {
		return toks[j+1], j + 2, true // "in namespace home"
	}
	if j+1 < len(toks) && name(toks[j]) && namespaceWords[toks[j+1].low] && toks[j+1].low != "namespaces" {
		return toks[j], j + 2, true // "in the home namespace"
	}
	return token{}, i, false
}

// namingVerbs say which labels pods carry: "the MCP pods are app=mcp",
// "the db pods carry app=db".
var namingVerbs = set("are", "is", "carry", "carries", "have", "has", "bear", "bears")

// namings reads a sentence that only says which labels named pods carry,
// and where they run, before or after the rules that use the names:
//
//   - "The MCP pods are app.kubernetes.io/controller=mcp,
//     app.kubernetes.io/instance=penpot in namespace home"
//   - "the api pods are app=api and the db pods are app=db"
//   - "whoami is app=whoami in namespace demo"
//   - "mosquitto is labeled app.kubernetes.io/name=mosquitto, home-assistant
//     is app.kubernetes.io/name=home-assistant, both in namespace home"
//
// Each naming is NAME [pods] VERB [labeled] LABELS [in namespace X]; a name
// without a pod noun is one word said with "is". A namespace after "both"
// or "all" is that of every name said. The verb must stand right before
// the labels, so "the web pods are reachable from app=lb" names nothing;
// any other word and the sentence defines nothing (ok false). Each word of
// a name, and each label value, is defined.
func namings(request string, toks []token) (map[string]definition, bool) {
	out := map[string]definition{}
	var named []definition
	at := func(t token, field string) generator.Origin {
		return generator.Origin{Field: field, From: generator.FromRequest, Start: t.start, End: t.end, Text: request[t.start:t.end], Rule: "named-after"}
	}
	for i := 0; i < len(toks); {
		names, j, ns, nsBefore, ok := namingHead(toks, i, len(named) > 0)
		if !ok {
			return nil, false
		}
		d := definition{pods: &metav1.LabelSelector{MatchLabels: map[string]string{}}}
		for {
			if j >= len(toks) || toks[j].kind != tLabel || toks[j].spelled {
				return nil, false
			}
			key, op, value := splitLabel(toks[j].raw)
			if _, twice := d.pods.MatchLabels[key]; op != "=" || twice || value == "" {
				return nil, false
			}
			d.pods.MatchLabels[key] = value
			d.origins = append(d.origins, at(toks[j], "pods"))
			j++
			// "app.kubernetes.io/controller=mcp, app.kubernetes.io/instance=penpot"
			if j+1 < len(toks) && (toks[j].low == "," || toks[j].low == "and") && toks[j+1].kind == tLabel {
				j++
				continue
			}
			break
		}
		if nsBefore {
			d.namespace = ns.low
			d.origins = append(d.origins, at(ns, "namespace"))
		} else if ns, k, ok := namingNamespace(toks, j); ok || bareNamespaceLast(toks, j) {
			if !ok {
				ns, k = toks[j+1], j+2 // "app=web in prod"
			}
			d.namespace, j = ns.low, k
			d.origins = append(d.origins, at(ns, "namespace"))
		}
		for _, n := range names {
			out[n.low] = d
		}
		for _, v := range d.pods.MatchLabels {
			out[strings.ToLower(v)] = d
		}
		named = append(named, d)
		for j < len(toks) && (toks[j].low == "," || toks[j].low == ";" || toks[j].low == "and" || toks[j].low == ".") {
			j++
		}
		// ", both in namespace home": the namespace of every name said.
		if j < len(toks) && (toks[j].low == "both" || toks[j].low == "all") {
			ns, k, ok := namingNamespace(toks, j+1)
			if !ok && bareNamespaceLast(toks, j+1) {
				ns, k, ok = toks[j+2], j+3, true // "both in emojivoto"
			}
			if !ok || len(named) < 2 {
				return nil, false
			}
			for _, d := range named {
				if d.namespace != "" {
					return nil, false
				}
			}
			for name, d := range out {
				d.namespace = ns.low
				d.origins = append(slices.Clip(d.origins), at(ns, "namespace"))
				out[name] = d
			}
			j = k
			for j < len(toks) && toks[j].low == "." {
				j++
			}
		}
		i = j
	}
	return out, len(out) > 0
}

// namingBefore reports whether toks only say which labels named pods
// carry (namings).
func namingBefore(request string, toks []token) bool {
	_, ok := namings(request, toks)
	return ok
}

// bareNamespaceLast reports whether toks[i:] is "in NAME" and nothing
// after it in the naming: "the web pods are app=web in prod", "..., both
// in emojivoto". In a sentence that only names pods, where they are is
// their namespace.
func bareNamespaceLast(toks []token, i int) bool {
	if i+1 >= len(toks) || toks[i].low != "in" || toks[i+1].kind != tWord || inPhrases[toks[i+1].low] || determiners[toks[i+1].low] || fillerWords[toks[i+1].low] ||
		frameWords[toks[i+1].low] || entityWord(toks[i+1].low) != "" || toks[i+1].low == "cluster" || len(validation.IsDNS1123Label(toks[i+1].low)) > 0 || namespaceWords[toks[i+1].low] {
		return false
	}
	return i+2 == len(toks) || toks[i+2].low == "," || toks[i+2].low == ";" || toks[i+2].low == "."
}

// namingHead reads the start of a naming at i, up to its labels: "[the] NAME
// pods are", "[the] NAME pods carry", "NAME is [labeled]". It gives the
// words of the name and the index of the first label. After a naming with
// its verb, the next may leave the verb out (gapped): "the api pods are
// app=api and the db pods app=db".
//
// "Here the payments pods are app=payments": the adverb that points at the
// scene opens the first naming. "The dragonfly pods in namespace database
// carry app=dragonfly": where the pods run may stand before the verb; ns
// is then its namespace's token (nsOK).
func namingHead(toks []token, i int, gapped bool) (names []token, label int, ns token, nsOK bool, ok bool) {
	k := i
	if k == 0 && k+1 < len(toks) && toks[k].low == "here" {
		k++
		if toks[k].low == "," {
			k++
		}
	}
	if k < len(toks) && (toks[k].low == "the" || toks[k].low == "our" || toks[k].low == "my" || toks[k].low == "its" || toks[k].low == "their") {
		k++
	}
	first := k
	for k < len(toks) && k < first+3 && toks[k].kind == tWord && !podNouns[toks[k].low] && !namingVerbs[toks[k].low] && !determiners[toks[k].low] && !prepositions[toks[k].low] && !namespaceWords[toks[k].low] && !coordinators[toks[k].low] {
		k++
	}
	names = toks[first:k]
	pods := k < len(toks) && podNouns[toks[k].low]
	for k < len(toks) && podNouns[toks[k].low] {
		k++
	}
	if pods {
		if t, after, found := namingNamespace(toks, k); found && after < len(toks) && namingVerbs[toks[after].low] {
			ns, nsOK, k = t, true, after
		}
	}
	switch {
	case len(names) == 0 || k >= len(toks):
		return nil, 0, ns, false, false
	case pods && namingVerbs[toks[k].low]:
	case pods && gapped && toks[k].kind == tLabel:
		return names, k, ns, nsOK, true
	case !pods && len(names) == 1 && first == i && toks[k].low == "is":
	default:
		return nil, 0, ns, false, false
	}
	k++
	if !pods && k < len(toks) && (toks[k].low == "labeled" || toks[k].low == "labelled") {
		k++
	}
	return names, k, ns, nsOK, k < len(toks) && toks[k].kind == tLabel
}
