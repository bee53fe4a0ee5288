package builtin

import (
	"fmt"
	"slices"
	"strings"

	"k8s.io/apimachinery/pkg/util/validation"

	"github.com/kunerva/kunerva/generator"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// sceneAgainstScope asks about a rule for pods of every namespace (or for
// nodes) under a heading that names one namespace, ns: "Default policy for
// all pods in namespace shop: block egress to 169.254.169.254 from every
// pod in the cluster", "Namespace shop: deny egress ... for all pods in the
// cluster". in and err are one clause's reading.
func sceneAgainstScope(request string, in *generator.Intent, err error, ns string) error {
	if err != nil {
		return nil
	}
	for _, x := range append([]*generator.Intent{in}, in.Others...) {
		if x.Subject.Scope != generator.ScopePods {
			return &generator.NotUnderstoodError{Request: request, Understood: x.Summary(), Example: generator.ExampleFor(x),
				Missing: fmt.Sprintf("the heading keeps the policy to namespace %s, and the rule is for %s; which is it?", ns, map[generator.Scope]string{generator.ScopeCluster: "pods of the whole cluster", generator.ScopeNodes: "nodes"}[x.Subject.Scope])}
		}
	}
	return nil
}

// placement is where the request puts pods of some labels: the namespace
// of the policy they are the subject of, or of a peer with no namespace of
// its own (the subject's), or a peer's namespace named; at is the origin of
// the namespace's words.
type placement struct {
	pods *metav1.LabelSelector
	ns   string
	at   generator.Origin
}

// placements lists where the rules whose subject's namespace the request
// names put pods: "In namespace shop the cache pods (app=cache) accept 6379
// from the api pods (app=api)" puts app=cache and app=api in shop.
func placements(intents []*generator.Intent) []placement {
	var ps []placement
	for _, y := range intents {
		k := subjectNamespaceOrigin(y)
		if k < 0 || y.Origins[k].From != generator.FromRequest {
			continue
		}
		at := y.Origins[k]
		if y.Subject.Pods != nil {
			ps = append(ps, placement{y.Subject.Pods, y.Subject.Namespace, at})
		}
		for _, r := range y.Network {
			for _, p := range r.Peers {
				if p.Pods != nil && p.Namespace == "" && p.Namespaces == nil && p.Entity == "" && p.Service == "" {
					ps = append(ps, placement{p.Pods, y.Subject.Namespace, at})
				}
			}
		}
	}
	// "allow app=web in namespace prod to reach app=db. app=web may also
	// ...": a peer's namespace, named.
	for _, y := range intents {
		for i, r := range y.Network {
			for j, p := range r.Peers {
				if p.Pods == nil || p.Namespace == "" || p.Entity != "" || p.Service != "" {
					continue
				}
				f := fmt.Sprintf("network[%d].peers[%d].namespace", i, j)
				if k := slices.IndexFunc(y.Origins, func(o generator.Origin) bool { return o.Field == f && o.From == generator.FromRequest }); k >= 0 {
					ps = append(ps, placement{p.Pods, p.Namespace, y.Origins[k]})
				}
			}
		}
	}
	return ps
}

// podsText names a pods subject by its labels, or as the text of the
// subject: "the pods labeled app=web".
func podsText(s generator.Subject) string {
	if s.Pods != nil && len(s.Pods.MatchLabels) > 0 && len(s.Pods.MatchExpressions) == 0 {
		return "pods labeled " + labelsText(s.Pods.MatchLabels)
	}
	if s.Pods == nil {
		return "whole namespace"
	}
	return strings.TrimPrefix(subjectText(generator.Subject{Scope: s.Scope, Pods: s.Pods}), "applies to ")
}

// namespaceCarried gives pods that a rule names with no namespace the
// namespace another rule of the request puts the same pods in (by the same
// labels): "In namespace shop the cache pods (app=cache) accept 6379 from
// the api pods (app=api). Also let the api pods reach DNS." writes both
// policies in shop. Pods of no such rule, beside a rule whose namespace the
// request names, are asked about: "Default deny ingress for namespace prod;
// allow app=web to receive traffic from app=lb on port 80" may mean app=web
// in prod or in default. A policy in default there would be a guess.
func namespaceCarried(request string, intents []*generator.Intent) error {
	ps := placements(intents)
	for _, x := range intents {
		k := subjectNamespaceOrigin(x)
		if k < 0 || x.Origins[k].From != generator.FromDefault || x.Subject.Pods == nil {
			continue
		}
		// Only a namespace said before the rule carries to it: "...
		// so the controller namespace can reach the Prometheus API. The
		// pods labeled app=prometheus in namespace monitoring ..." does not
		// say where the first rule's pods are.
		first := len(request)
		for _, o := range x.Origins {
			if o.From == generator.FromRequest {
				first = min(first, o.Start)
			}
		}
		var at *placement
		for i, p := range ps {
			if !sameJSON(p.pods, x.Subject.Pods) || p.at.Start >= first {
				continue
			}
			if at != nil && at.ns != p.ns {
				return &generator.NotUnderstoodError{Request: request, Understood: x.Summary(), Example: generator.ExampleFor(x),
					Missing: fmt.Sprintf("the request puts the pods labeled %s in namespace %s and in %s; which is it?", labelsText(x.Subject.Pods.MatchLabels), at.ns, p.ns)}
			}
			at = &ps[i]
		}
		if at == nil || at.ns == x.Subject.Namespace {
			continue
		}
		x.Subject.Namespace = at.ns
		x.Origins[k] = generator.Origin{Field: "subject.namespace", From: generator.FromRequest, Start: at.at.Start, End: at.at.End, Text: at.at.Text, Rule: "namespace-of-the-pods-named-before"}
	}
	// Pods named in no such rule stay where the request does not say.
	for _, x := range intents {
		k := subjectNamespaceOrigin(x)
		if k < 0 || x.Origins[k].From != generator.FromDefault {
			continue
		}
		for _, y := range intents {
			if j := subjectNamespaceOrigin(y); j >= 0 && y.Origins[j].From == generator.FromRequest && y.Subject.Namespace != x.Subject.Namespace {
				return &generator.NotUnderstoodError{Request: request, Understood: x.Summary(), Example: generator.ExampleFor(x),
					Missing: fmt.Sprintf("which namespace are the %s in? The request names namespace %s for the %s, and none for them; say \"in namespace NAME\" for them", podsText(x.Subject), y.Subject.Namespace, podsText(y.Subject))}
			}
		}
	}
	return nil
}

// topicNamespace is the namespace a topic before the first colon or dash
// ends in, a topic that says no rule: "Default policy for all pods in
// namespace shop:", "Namespace shop:", "For the prod namespace -".
func topicNamespace(toks []token) (string, bool) {
	if ns, _, ok := headingNamespace(toks); ok {
		return ns, true
	}
	e := slices.IndexFunc(toks, func(t token) bool { return t.kind == tPunct && (t.low == ":" || t.low == "-") })
	if e <= 0 || hasStatement(toks[:e]) {
		return "", false
	}
	if at, ok := sceneNamespace(toks[:e]); ok {
		return at.low, true
	}
	return "", false
}

// backPlaceLeads may stand before a word that points back at a place:
// "then there, ...", "and in that namespace ...".
var backPlaceLeads = set("then", "and", "also", ",")

// backPlace finds, in a clause after the first, words that say its pods are
// where the rules before are: "There, let app=cart accept ...", "In that
// namespace (in the same namespace, in this namespace), the app=web pods
// ...", "the app=runner pods there may ...". It returns the clause without
// them and their first token. "there" after a verb ("traffic going there")
// points at no place of pods.
func backPlace(toks []token) ([]token, token, bool) {
	k := 0
	for k < len(toks) && backPlaceLeads[toks[k].low] {
		k++
	}
	cut := func(a, b int) ([]token, token, bool) {
		for b < len(toks) && toks[b].low == "," {
			b++
		}
		if b >= len(toks) || !hasStatement(toks[b:]) {
			return nil, token{}, false
		}
		return append(slices.Clone(toks[:a]), toks[b:]...), toks[a], true
	}
	switch {
	case k+1 < len(toks) && toks[k].low == "there" && (toks[k+1].low == "," || toks[k+1].low == ":"):
		// "There, let ...", not "There is a load balancer ..."
		return cut(k, k+1)
	case k+2 < len(toks) && (toks[k].low == "in" || toks[k].low == "within" || toks[k].low == "inside") && toks[k+1].low == "it" && toks[k+2].low == ",":
		// "In it, app=api may reach ...", after a rule of a namespace
		// (namespaceBefore): not "in it" of a directory.
		return cut(k, k+2)
	case k+2 < len(toks) && (toks[k].low == "in" || toks[k].low == "within" || toks[k].low == "inside") && (toks[k+1].low == "that" || toks[k+1].low == "this") && namespaceWords[toks[k+2].low]:
		return cut(k, k+3)
	case k+3 < len(toks) && (toks[k].low == "in" || toks[k].low == "within" || toks[k].low == "inside") && toks[k+1].low == "the" && toks[k+2].low == "same" && namespaceWords[toks[k+3].low]:
		return cut(k, k+4)
	}
	for m := k + 1; m < len(toks); m++ {
		if toks[m].low == "there" && (podNouns[toks[m-1].low] || toks[m-1].kind == tLabel || toks[m-1].low == ")") && !hasStatement(toks[:m]) {
			return cut(m, m+1)
		}
	}
	return nil, token{}, false
}

// backPlaced puts the pods of clause i, which pointed back at a place
// (backPlace), in the one namespace the rules before it name; with none
// or several, or pods it puts elsewhere, it asks.
func backPlaced(request string, cs []clause, intents []*generator.Intent, errs []error, i int) error {
	c := cs[i]
	if !c.placedBefore || errs[i] != nil {
		return nil
	}
	var ns string
	var at token
	for j := 0; j < i; j++ {
		if errs[j] != nil {
			continue
		}
		for _, y := range append([]*generator.Intent{intents[j]}, intents[j].Others...) {
			k := subjectNamespaceOrigin(y)
			if k < 0 || y.Origins[k].From != generator.FromRequest {
				continue
			}
			if ns != "" && ns != y.Subject.Namespace {
				ns = "\x00"
				continue
			}
			if ns == "" {
				ns, at = y.Subject.Namespace, token{start: y.Origins[k].Start, end: y.Origins[k].End}
			}
		}
	}
	what := request[c.placeAt.start:c.placeAt.end]
	if ns == "" || ns == "\x00" {
		return &generator.NotUnderstoodError{Request: request, Understood: intents[i].Summary(), Example: generator.ExampleFor(intents[i]),
			Missing: fmt.Sprintf("which namespace does %q in %q mean? Say \"in namespace NAME\"", what, c.text(request))}
	}
	for _, x := range append([]*generator.Intent{intents[i]}, intents[i].Others...) {
		// "The app=old pods there may talk to app=db": "there" is where
		// the peers are; the pods of the rule may be elsewhere.
		if c.placeAt.low == "there" && c.placeAt.start > c.toks[0].start && peerPodsFirst(x) {
			return &generator.NotUnderstoodError{Request: request, Understood: x.Summary(), Example: generator.ExampleFor(x),
				Missing: fmt.Sprintf("which namespace are the %s in? %q places the pods named first, not them; say \"in namespace NAME\"", podsText(x.Subject), what)}
		}
		k := subjectNamespaceOrigin(x)
		if k < 0 || x.Origins[k].From != generator.FromDefault && x.Subject.Namespace != ns {
			return &generator.NotUnderstoodError{Request: request, Understood: x.Summary(), Example: generator.ExampleFor(x),
				Missing: fmt.Sprintf("%q says namespace %s, and the rule is for %s; which is it?", what, ns, strings.TrimPrefix(subjectText(x.Subject), "applies to "))}
		}
	}
	placeSubjects(request, intents[i], ns, at)
	return nil
}

// namespaceBefore reports whether clauses name a namespace: "in it" after
// them may point at it.
func namespaceBefore(cs []clause) bool {
	return slices.ContainsFunc(cs, func(c clause) bool {
		return slices.ContainsFunc(c.toks, func(t token) bool { return namespaceWords[t.low] && t.low != "namespaces" })
	})
}

// thenAllowLost reports whether a clause that says a deny, then ("...,
// then allow app=web to receive 443", "..., then app=web may receive
// 443") lets traffic through, was read with no allow at all: "deny all
// ingress in namespace prod, then allow app=web to receive 443 from
// anywhere" read as a deny of 443 on app=web.
func thenAllowLost(toks []token, in *generator.Intent) bool {
	deny, allow := false, false
	for _, x := range append([]*generator.Intent{in}, in.Others...) {
		for _, r := range x.Network {
			deny = deny || r.Verdict == generator.Deny
			allow = allow || r.Verdict == generator.Allow
		}
	}
	if !deny || allow {
		return false
	}
	for i := 1; i < len(toks); i++ {
		if toks[i].low != "then" || toks[i-1].low != "," {
			continue
		}
		for _, t := range toks[i+1 : min(i+5, len(toks))] {
			if allowWords[t.low] || t.low == "may" || t.low == "can" || receiveVerbs[t.low] || reachVerbs[t.low] {
				return true
			}
		}
	}
	return false
}

// policyInNamespace finds a name after "a policy in": "Add a policy in
// kube-system that allows ...", "Write a NetworkPolicy in shop ...". It
// names where the policy goes; left unread, the pods would fall in the
// default namespace. It returns the name and its offset, or "".
func policyInNamespace(toks []token) (string, int) {
	for i := 0; i+2 < len(toks); i++ {
		t := toks[i+2]
		if !policyNouns[toks[i].low] || toks[i+1].low != "in" || t.kind != tWord || len(validation.IsDNS1123Label(t.low)) > 0 ||
			determiners[t.low] || namespaceWords[t.low] || scopeWords[t.low] || fillerWords[t.low] || policyInPhrases[t.low] || namespaceWords[toks[min(i+3, len(toks)-1)].low] {
			continue
		}
		return t.low, t.start
	}
	return "", -1
}

// policyInPhrases follow "policy in" as no namespace: "the policy in
// place", "a policy in YAML", "the policy in front of it".
var policyInPhrases = set("place", "effect", "use", "front", "order", "addition", "general", "particular", "practice", "force", "question", "yaml", "json", "code", "git",
	"helm", "terraform", "kustomize", "cilium", "kubernetes", "k8s", "calico", "antrea", "mind", "total", "short", "full", "detail", "line", "action", "turn", "sync", "case", "it", "them", "there", "here")

// placeWasWords say that a place is where pods were, or are not: "which
// used to run in namespace shop", "which we moved out of namespace shop",
// "formerly in namespace shop".
var placeWasWords = set("used", "moved", "migrated", "formerly", "previously", "once", "was", "were", "out", "longer", "not", "no", "old", "earlier")

// relativePlace asks about the namespace of the policy's pods when it was
// read inside a relative clause (", which lives in namespace edge"): a
// clause after other pods than the policy's places those pods ("Allow
// app=lb, which lives in namespace edge, to reach app=web" moved app=web
// into edge), and one that says where pods were, or are not ("which used
// to run in namespace shop"), does not say where they are.
func relativePlace(request string, toks []token, intents []*generator.Intent) error {
	for _, in := range intents {
		for _, o := range in.Origins {
			if o.Field != "subject.namespace" || o.From != generator.FromRequest {
				continue
			}
			at := slices.IndexFunc(toks, func(t token) bool { return t.start == o.Start })
			rel := -1
			for k := at - 1; k > 0 && toks[k].kind != tPunct || k > 0 && toks[k].low == "("; k-- {
				if (toks[k].low == "which" || toks[k].low == "who") && toks[k-1].low == "," {
					rel = k
					break
				}
			}
			if at < 0 || rel < 0 {
				continue
			}
			ns := request[o.Start:o.End]
			if slices.ContainsFunc(toks[rel:at], func(t token) bool { return placeWasWords[t.low] }) {
				return &generator.NotUnderstoodError{Request: request, Understood: in.Summary(), Example: generator.ExampleFor(in),
					Missing: fmt.Sprintf("in which namespace do the pods run now? %q says where they were, or are not; say \"in namespace NAME\" of where they are", request[toks[rel].start:o.End])}
			}
			before := toks[rel-2]
			ofSubject := slices.ContainsFunc(in.Origins, func(s generator.Origin) bool {
				return strings.HasPrefix(s.Field, "subject.pods") && s.From == generator.FromRequest && s.Start <= before.start && before.end <= s.End
			})
			if !ofSubject {
				return &generator.NotUnderstoodError{Request: request, Understood: in.Summary(), Example: generator.ExampleFor(in),
					Missing: fmt.Sprintf("whose namespace is %q: the pods %q follows, or the pods the policy is for? Say \"in namespace NAME\" beside the pods it places", ns, request[toks[rel].start:o.End])}
			}
		}
	}
	return nil
}

// listJoiners join the names of a list: "the prod and staging namespaces".
var listJoiners = set("and", "or", ",", "&", "/")

// namespaceClass asks about a namespace read from a class of namespaces:
// "in all prod namespaces", "every non-prod namespace", "prod-like
// namespaces" name no one namespace; read as one, the policy landed in a
// namespace named "prod" or "non-prod" and the others were left out.
func namespaceClass(request string, toks []token, intents []*generator.Intent) error {
	for _, in := range intents {
		for _, o := range in.Origins {
			if !strings.HasSuffix(o.Field, "namespace") || o.From != generator.FromRequest {
				continue
			}
			at := slices.IndexFunc(toks, func(t token) bool { return t.start == o.Start })
			if at < 0 {
				continue
			}
			name := toks[at].low
			class := strings.HasPrefix(name, "non-") || strings.HasSuffix(name, "-like") || strings.HasSuffix(name, "-ish")
			from := at
			if at > 0 && (toks[at-1].low == "all" || toks[at-1].low == "every" || toks[at-1].low == "each" || toks[at-1].low == "any") && at+1 < len(toks) && (toks[at+1].low == "namespaces" || toks[at+1].low == "namespace") {
				class, from = true, at-1
			}
			// "in the team namespaces": a name before the plural
			// "namespaces" (not the last of a list, "the prod and staging
			// namespaces") names a kind of namespace; read as one, the
			// policy landed in a namespace "team".
			if at+1 < len(toks) && toks[at+1].low == "namespaces" && (at == 0 || !listJoiners[toks[at-1].low]) {
				class = true
			}
			if class {
				return &generator.NotUnderstoodError{Request: request, Understood: in.Summary(), Example: generator.ExampleFor(in),
					Missing: fmt.Sprintf("which namespaces are %q? It names a kind of namespace, not one; say each (\"in namespace NAME\")", request[toks[from].start:o.End])}
			}
		}
	}
	return nil
}
