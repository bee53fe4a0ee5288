package builtin

import (
	"strings"

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
// "I have", "we run", "there are", and holds no verdict, "only" or "except".
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
