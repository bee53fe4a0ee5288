package builtin

import (
	"fmt"
	"slices"
	"strings"

	"k8s.io/apimachinery/pkg/util/validation"

	"github.com/kunerva/kunerva/generator"
)

// groupNouns, after a name, make it the name of pods: "the api tier",
// "the reporting service", "the zork pods".
var groupNouns = set("tier", "tiers", "layer", "service", "services", "pods", "pod", "workers", "app", "apps", "application", "microservice", "deployment", "team", "servers", "clients", "jobs")

// notNames say which pods, not their name: "the other service", "the
// same tier", "the labeled pods".
var notNames = set("other", "same", "own", "whole", "entire", "new", "old", "internal", "external", "public", "private", "given", "selected",
	"matching", "labeled", "labelled", "such", "these", "those", "target", "source", "destination", "remote", "local", "only", "specific", "certain", "both", "either", "neither", "two", "three", "several", "many", "few", "more", "no", "not", "which", "what", "whose", "that", "this", "and", "or", "nor", "but")

// headingNameLost asks when a part of the request with no labels (a
// heading, a summary, a sentence before the rules) says traffic of pods
// by a name that no rule's labels spell: "The database should only be
// reachable from the api tier: the pods labeled tier=database accept
// traffic on 5432 only from tier=web pods", "Let the zork tier reach the
// database: ...". Read as words of no meaning, the api tier was replaced
// by tier=web without a word; the names of the part and of the rules
// must agree.
func headingNameLost(request string, toks []token, in *generator.Intent) error {
	if !slices.ContainsFunc(toks, func(t token) bool { return t.kind == tLabel }) {
		return nil
	}
	all := append([]*generator.Intent{in}, in.Others...)
	spelled := map[string]bool{}
	for _, x := range all {
		spelled[strings.ReplaceAll(x.Subject.Namespace, "-", "")] = true
		// "Let home-assistant reach ... home-assistant is app=ha": a name
		// defined by labels is spelled by them.
		for _, o := range x.Origins {
			if o.Rule == "defined-before" {
				spelled[strings.ReplaceAll(strings.ToLower(o.Text), "-", "")] = true
			}
		}
		if x.Subject.Pods != nil {
			for k, v := range x.Subject.Pods.MatchLabels {
				spelled[k], spelled[strings.ReplaceAll(v, "-", "")] = true, true
			}
		}
		for _, r := range x.Network {
			for _, p := range r.Peers {
				spelled[strings.ReplaceAll(p.Namespace, "-", "")] = true
				if p.Namespaces != nil {
					for _, v := range p.Namespaces.MatchLabels {
						spelled[strings.ReplaceAll(v, "-", "")] = true
					}
				}
				if p.Pods != nil {
					for k, v := range p.Pods.MatchLabels {
						spelled[k], spelled[strings.ReplaceAll(v, "-", "")] = true, true
					}
				}
			}
		}
	}
	for from := 0; from < len(toks); {
		to := from
		for to < len(toks) && !(toks[to].kind == tPunct && toks[to].low != "," && toks[to].low != "(" && toks[to].low != ")") {
			to++
		}
		part := toks[from:to]
		verb := slices.ContainsFunc(part, func(t token) bool { return reachVerbs[t.low] || receiveVerbs[t.low] })
		// An order about pods the rules name ("The database should only
		// be reachable from ..."), not a story ("The attacker pod gets
		// nothing") nor a negation.
		ordered := slices.ContainsFunc(part, func(t token) bool { return orderWords[t.low] }) && !slices.ContainsFunc(part, func(t token) bool { return negationWords[t.low] })
		named := slices.ContainsFunc(part, func(t token) bool { return t.kind == tWord && spelled[strings.ReplaceAll(t.low, "-", "")] })
		if verb && ordered && named && !slices.ContainsFunc(part, func(t token) bool { return t.kind == tLabel || t.kind == tCIDR || t.kind == tDomain }) {
			if w, ok := bareNameBeside(part, spelled); ok {
				return &generator.NotUnderstoodError{Request: request, Understood: in.Summary(), Example: generator.ExampleNetwork,
					Missing: fmt.Sprintf("%q names %s, which no rule's labels name: which pods are they? Say their labels, or leave the sentence out", strings.Trim(request[part[0].start:part[len(part)-1].end], " ,.;-"), w)}
			}
			for k := 1; k < len(part); k++ {
				w := part[k-1]
				if !groupNouns[part[k].low] || w.kind != tWord || determiners[w.low] || prepositions[w.low] || spelled[strings.ReplaceAll(w.low, "-", "")] || notNames[w.low] || podNouns[w.low] || allowWords[w.low] || denyWords[w.low] ||
					describedApp(part, k) { // "our 3 tier web app": the whole, by its shape
					continue
				}
				return &generator.NotUnderstoodError{Request: request, Understood: in.Summary(), Example: generator.ExampleNetwork,
					Missing: fmt.Sprintf("%q names the %s %s, which no rule's labels name: which pods are they? Say their labels, or leave the sentence out", strings.Trim(request[part[0].start:part[len(part)-1].end], " ,.;-"), w.low, part[k].low)}
			}
		}
		from = to + 1
	}
	return nil
}

// verbSkips are the words between a name and its verb of reaching, or
// the verb and the name reached: "checkout may only call payments",
// "payments must be accessible to checkout".
var verbSkips = set("may", "can", "should", "must", "shall", "only", "alone", "be", "is", "are", "to", "from", "by", "with", "the", "a", "an", "our", "my", "its",
	"their", "need", "needs", "allowed", "permitted", "able", "just", "solely", "exclusively", "ever")

// thingWords stand where a name of pods may: "may reach anything",
// "scrape metrics from ...".
var thingWords = set("default", "anything", "anyone", "everyone", "everything", "nothing", "nobody", "it", "they", "them", "we", "i", "you", "traffic", "internet", "world", "cluster", "dns", "port", "ports", "namespace", "namespaces", "outside", "here", "there", "component", "components", "part", "parts", "side",
	"metrics", "data", "requests", "calls", "connections", "logs", "packets", "queries", "messages", "events", "updates")

// bareNameBeside reads "Only checkout may call payments" in a part of the
// request with no labels: the word right before the first verb of
// reaching or receiving and the word right after it. When one is a name
// the rules spell and the other a bare word they do not (nor a word of
// the vocabulary), that word names pods the rules replaced.
func bareNameBeside(part []token, spelled map[string]bool) (string, bool) {
	v := slices.IndexFunc(part, func(t token) bool { return reachVerbs[t.low] || receiveVerbs[t.low] })
	if v < 0 {
		return "", false
	}
	l := v - 1
	for l >= 0 && verbSkips[part[l].low] {
		l--
	}
	r := v + 1
	for r < len(part) && verbSkips[part[r].low] {
		r++
	}
	if l < 0 || r >= len(part) || part[l].kind != tWord || part[r].kind != tWord {
		return "", false
	}
	sp := func(t token) bool { return spelled[strings.ReplaceAll(t.low, "-", "")] }
	plain := func(t token) bool {
		w := t.low
		return !sp(t) && !determiners[w] && !prepositions[w] && !podNouns[w] && !groupNouns[w] && !notNames[w] && !orderWords[w] && !allowWords[w] && !denyWords[w] &&
			!ingressWords[w] && !egressWords[w] && !reachVerbs[w] && !receiveVerbs[w] && !verbSkips[w] && entityWord(w) == "" &&
			!thingWords[w]
	}
	// "the API gateway" for app=api-gateway: a name of two words.
	if l > 0 && spelled[part[l-1].low+strings.ReplaceAll(part[l].low, "-", "")] || r > 0 && r+1 < len(part) && spelled[part[r].low+part[r+1].low] {
		return "", false
	}
	switch {
	case sp(part[l]) && plain(part[r]):
		return part[r].raw, true
	case sp(part[r]) && plain(part[l]):
		return part[l].raw, true
	}
	return "", false
}

// headingForLost asks when a heading ends with "for" and one bare word
// that the rules spell nowhere, while the pods' namespace is the default:
// "Follow-up to the CIS 4.3.2 finding for billing: the invoice pods
// (app=invoice) may receive ..." wrote the policy for namespace default,
// while billing may be the pods' namespace. ("Firewall for my-namespace:
// every pod in it ..." reads my-namespace as the namespace.)
func headingForLost(request string, toks []token, in *generator.Intent) error {
	colon := slices.IndexFunc(toks, func(t token) bool { return t.low == ":" })
	if colon < 2 || colon > 16 || toks[colon-2].low != "for" || toks[colon-1].kind != tWord {
		return nil
	}
	// A plural names a topic ("only for diagnostics:", "the 'owner'
	// conditional for executables:"); a namespace's name is one DNS label.
	w := toks[colon-1].low
	if strings.HasSuffix(w, "s") || len(validation.IsDNS1123Label(w)) > 0 || describingWord(w) || fillerWords[w] || meaningWords[w] || frameWords[w] || namespaceWords[w] || podNouns[w] || policyNouns[w] || scopeWords[w] || determiners[w] {
		return nil
	}
	all := append([]*generator.Intent{in}, in.Others...)
	if nameRead(w, toks[colon+1:], all) || slices.ContainsFunc(toks[colon+1:], func(t token) bool { return strings.Contains(t.low, w) }) {
		return nil
	}
	for _, x := range all {
		for _, o := range x.Origins {
			if o.Field == "subject.namespace" && o.From == generator.FromDefault {
				return &generator.NotUnderstoodError{Request: request, Understood: in.Summary(), Example: generator.ExampleNetwork,
					Missing: fmt.Sprintf("is %q in %q the namespace of the pods? The policy was written for namespace %s; say \"in namespace %s\" if so, or leave the heading out", toks[colon-1].raw, strings.TrimSpace(request[toks[0].start:toks[colon].end]), x.Subject.Namespace, w)}
			}
		}
	}
	return nil
}

// openingPlaceLost asks when a request opens with a namespace ("in
// namespace shop allow app=web to reach app=api on 8080 and allow app=api
// to reach app=db in namespace data on 5432") and a rule about pods of
// another namespace names peer pods with no namespace of their own: the
// opening place may hold for every pod named (app=api in shop), or only
// until another is said (app=api in data). Either reading makes a policy;
// one of them is wrong.
func openingPlaceLost(request string, toks []token, in *generator.Intent) error {
	// "Namespace isolation: pods in shop accept ...": a title, unless a
	// rule is about pods of that namespace.
	ns := openingNamespace(toks)
	all := append([]*generator.Intent{in}, in.Others...)
	if ns == "" || !slices.ContainsFunc(all, func(x *generator.Intent) bool { return x.Subject.Namespace == ns }) {
		return nil
	}
	for _, x := range all {
		if x.Subject.Namespace == "" || x.Subject.Namespace == ns {
			continue
		}
		for _, r := range x.Network {
			for _, p := range r.Peers {
				if p.Pods != nil && p.Namespace == "" && p.Namespaces == nil {
					return &generator.NotUnderstoodError{Request: request, Understood: x.Summary(), Example: generator.ExampleNetwork,
						Missing: fmt.Sprintf("the request opens in namespace %s, and a rule is about pods of namespace %s: are the pods it names beside them in %s or in %s? Say the namespace of each", ns, x.Subject.Namespace, ns, x.Subject.Namespace)}
				}
			}
		}
	}
	return nil
}

// openingNamespace is the namespace a request opens with: "in namespace
// shop, ...", "In the shop namespace: ...", "within ns shop ...", "for
// namespace shop ...", or "".
func openingNamespace(toks []token) string {
	// "Namespace shop: ..."
	if len(toks) > 2 && (toks[0].low == "namespace" || toks[0].low == "ns") && toks[1].kind == tWord && toks[2].low == ":" {
		return toks[1].low
	}
	if len(toks) < 3 || !(toks[0].low == "in" || toks[0].low == "within" || toks[0].low == "inside" || toks[0].low == "for") {
		return ""
	}
	k := 1
	if toks[k].low == "the" {
		k++
	}
	switch {
	case k+1 < len(toks) && (toks[k].low == "namespace" || toks[k].low == "ns") && toks[k+1].kind == tWord:
		return toks[k+1].low
	case k+1 < len(toks) && toks[k].kind == tWord && (toks[k+1].low == "namespace" || toks[k+1].low == "ns"):
		return toks[k].low
	}
	return ""
}

// titleOrders open a title that orders something for the pods after them
// beside the verdict words: "Lock down MariaDB and redis:", "Restrict ...".
var titleOrders = set("lock", "restrict", "harden", "secure", "protect", "limit", "firewall", "segment", "isolating", "restricting", "locking", "hardening", "securing", "protecting")

// titleListNameLost asks when a title before a colon orders something
// for a list of names ("Isolate MariaDB and redis: the MariaDB pod (role:
// primary) accepts 3306 from the app=php pods") and a name of the list is
// said nowhere after it and spelled by no rule's labels: read as a
// summary, the title dropped redis without a word.
func titleListNameLost(request string, toks []token, in *generator.Intent) error {
	colon := slices.IndexFunc(toks, func(t token) bool { return t.low == ":" })
	if colon < 2 || !slices.ContainsFunc(toks[:colon], func(t token) bool { return t.low == "and" || t.low == "," }) ||
		slices.ContainsFunc(toks[:colon], func(t token) bool { return t.kind != tWord && t.low != "," }) {
		return nil
	}
	v := 0
	for v < colon && (fillerWords[toks[v].low] || toks[v].low == "please") {
		v++
	}
	if !isolateWords[toks[v].low] && !denyWords[toks[v].low] && !allowWords[toks[v].low] && !titleOrders[toks[v].low] {
		return nil
	}
	if toks[v].low == "lock" && v+1 < colon && toks[v+1].low == "down" {
		v++
	}
	// The title is a list of names, each of a word or two ("MariaDB and
	// redis", "the api, web and db tiers"), of which one at least is said
	// again after the colon: a summary of the rules, which then must say
	// every name.
	var items [][]token
	item := []token{}
	for _, t := range toks[v+1 : colon] {
		switch {
		case t.low == "and" || t.low == ",":
			items, item = append(items, item), []token{}
		case determiners[t.low] || groupNouns[t.low]:
		default:
			item = append(item, t)
		}
	}
	items = append(items, item)
	// Said again as a word, or as the value of a label ("app=redis").
	after := func(w string) bool {
		return slices.ContainsFunc(toks[colon+1:], func(u token) bool {
			_, val, _ := strings.Cut(u.low, "=")
			return u.low == w || u.kind == tLabel && val == w
		})
	}
	again := false
	for _, it := range items {
		if len(it) == 0 || len(it) > 2 || slices.ContainsFunc(it, func(t token) bool {
			return prepositions[t.low] || fillerWords[t.low] || thingWords[t.low] || notNames[t.low] || podNouns[t.low]
		}) {
			return nil
		}
		again = again || slices.ContainsFunc(it, func(t token) bool { return after(t.low) })
	}
	if !again {
		return nil
	}
	for _, it := range items {
		if !slices.ContainsFunc(it, func(t token) bool { return after(t.low) }) {
			return &generator.NotUnderstoodError{Request: request, Understood: in.Summary(), Example: generator.ExampleNetwork,
				Missing: fmt.Sprintf("%q names %s, which no rule after it is about: which pods are they, and what should the policy do for them? Say their labels and rules, or leave the name out", strings.Trim(request[toks[0].start:toks[colon-1].end], " ,.;-"), it[0].raw)}
		}
	}
	return nil
}
