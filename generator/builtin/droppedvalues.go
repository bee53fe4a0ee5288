package builtin

import (
	"fmt"
	"slices"
	"strings"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/kunerva/kunerva/generator"
)

// valuesSetAside are the dismissals whose values go, by their rule, to
// the rules beside them: where the pods run, what the rule after points
// at, which labels names carry, the ports of the rules before.
var valuesSetAside = set("namespace-of-the-pods", "values-of-the-rule-after", "setting", "pods-defined", "ports-of-the-rules-before")

// valueDropped asks when a sentence set aside beside the rules (a
// reason, a story, a fact) names the pods of a rule and says of them a
// namespace or a port that no rule uses, or says with a word of adding a
// value no rule uses: "We deployed app=web to namespace shop last week.
// Block /bin/sh in app=web." put the pods in namespace default; "Allow
// app=lb to reach app=web on 80. The lb health-checks app=web on 8081."
// cut 8081 off; "Block /usr/bin/curl in app=web. Attackers cannot run
// /usr/bin/wget there either." left wget running. Set aside, the value
// was dropped without a word. (A story of attackers, a number of a
// series, a port said not to be the one name no pods of the rules, no
// port and add nothing.)
func valueDropped(request string, d clause, intents []*generator.Intent) error {
	if len(intents) == 0 || valuesSetAside[d.dismissed] {
		return nil
	}
	var said []token
	if rulesPodsNamed(d.toks, intents) {
		said = append(portsNamed(d.toks), namespacesNamed(d.toks)...)
	}
	// "Block /usr/bin/curl in app=web. Attackers cannot run /usr/bin/wget
	// there either.": a word of adding says the value goes with the rules.
	if slices.ContainsFunc(d.toks, func(t token) bool { return additionWords[t.low] || t.low == "either" }) {
		for _, t := range d.toks {
			if t.kind == tPath || t.kind == tLabel || t.kind == tDomain || t.kind == tCIDR || knownExecutables[t.low] && slices.ContainsFunc(intents, func(x *generator.Intent) bool { return len(x.System) > 0 }) {
				said = append(said, t)
			}
		}
	}
	// "... With only the L3-L4 rule in place, connections from the migrate
	// job were dropped.": pods no rule names whose traffic was dropped.
	if (slices.ContainsFunc(d.toks, func(t token) bool { return dropStoryWords[t.low] || brokenWords[t.low] }) || phraseIn(d.toks, slices.IndexFunc(d.toks, func(t token) bool { return t.low == "no" }), []string{"no", "longer"})) &&
		!slices.ContainsFunc(d.toks, func(t token) bool { return compromiseWords[t.low] || actorNouns[t.low] || actorsNouns[t.low] }) {
		if name, ok := podsNotNamed(d.toks, intents); ok {
			return &generator.NotUnderstoodError{Request: request, Understood: intents[0].Summary(), Example: generator.ExampleFor(intents[0]),
				Missing: fmt.Sprintf("%q says traffic of %s was dropped, and no rule names them: should they be allowed too? Say it as a rule, with their labels, or leave the sentence out", d.text(request), name)}
		}
	}
	used := usedValues(request, intents)
	for _, t := range said {
		if used[t.low] {
			continue
		}
		return &generator.NotUnderstoodError{Request: request, Understood: intents[0].Summary(), Example: generator.ExampleFor(intents[0]),
			Missing: fmt.Sprintf("%q names %s, which no rule uses: is it part of the policy? Say it in the rule it belongs to, or leave it out", d.text(request), t.raw)}
	}
	return nil
}

// rulesPodsNamed reports whether a clause names pods a rule is about:
// the labels of its pods or peers ("app=web"), or the value of one
// ("the lb").
func rulesPodsNamed(toks []token, intents []*generator.Intent) bool {
	named := map[string]bool{}
	add := func(s *metav1.LabelSelector) {
		if s == nil {
			return
		}
		for k, v := range s.MatchLabels {
			named[strings.ToLower(k+"="+v)], named[strings.ToLower(v)] = true, true
		}
	}
	var walk func(x *generator.Intent)
	walk = func(x *generator.Intent) {
		add(x.Subject.Pods)
		for _, r := range x.Network {
			for _, p := range r.Peers {
				add(p.Pods)
			}
		}
		for _, o := range x.Others {
			walk(o)
		}
	}
	for _, in := range intents {
		walk(in)
	}
	return slices.ContainsFunc(toks, func(t token) bool { return (t.kind == tLabel || t.kind == tWord) && named[t.low] })
}

// portWords say that the number after them is a port: "on 8081", "port
// 9090", "TCP 443".
var portWords = set("on", "port", "ports", "tcp", "udp", "sctp")

// portsNamed are the numbers of a clause said as ports, and not said not
// to be one: "on 8081", "8000/tcp"; not "not on 443", "no port 80".
func portsNamed(toks []token) []token {
	var out []token
	for k, t := range toks {
		if !(t.kind == tPortProto || (t.kind == tNumber || t.kind == tRange) && k > 0 && portWords[toks[k-1].low]) {
			continue
		}
		if slices.ContainsFunc(toks[max(k-3, 0):k], func(t token) bool { return negationWords[t.low] || t.low == "no" }) {
			continue
		}
		out = append(out, t)
	}
	return out
}

// notNamespaceBefore and notNamespaceAfter say which namespace, not its
// name: "the same namespace", "every other namespace", "the namespace
// would ...", "namespace labels".
var (
	notNamespaceBefore = set("our", "my", "every", "each", "this", "these", "all", "separate", "other", "different", "same", "own", "another", "whole", "entire", "one", "single", "new", "target", "that", "which", "what", "whose")
	notNamespaceAfter  = set("would", "could", "might", "will", "can", "has", "have", "had", "does", "do", "did", "that", "which", "where", "who", "label", "labels", "labeled", "labelled", "selector", "selectors", "level", "boundary", "boundaries", "isolation", "policy", "policies", "name", "names", "it", "they", "them", "itself")
)

// namespacesNamed are the words that name a namespace beside a namespace
// noun: "shop" in "namespace shop", "the shop namespace", "ns shop".
func namespacesNamed(toks []token) []token {
	var out []token
	for k, t := range toks {
		if !namespaceWords[t.low] {
			continue
		}
		// "the shop namespace" before "namespace shop": in "the secrets
		// namespace last week" the word after is no name.
		if k > 0 && toks[k-1].kind == tWord && !determiners[toks[k-1].low] && !prepositions[toks[k-1].low] && !notNamespaceBefore[toks[k-1].low] {
			out = append(out, toks[k-1])
			continue
		}
		if next := k + 1; next < len(toks) && toks[next].kind == tWord && (k == 0 || determiners[toks[k-1].low] || prepositions[toks[k-1].low]) {
			w := toks[next].low
			if !determiners[w] && !prepositions[w] && !coordinators[w] && !notNamespaceAfter[w] && !premiseModals[w] && !denyWords[w] && !harmVerbs[w] && !beVerbs[w] {
				out = append(out, toks[next])
			}
		}
	}
	return out
}

// usedValues are the words of every value the rules hold, by the spans
// they came from: what a clause set aside may say again.
func usedValues(request string, intents []*generator.Intent) map[string]bool {
	used := map[string]bool{}
	var walk func(x *generator.Intent)
	walk = func(x *generator.Intent) {
		for _, o := range x.Origins {
			text := o.Text
			if o.From == generator.FromRequest && o.End <= len(request) && o.Start < o.End {
				text = request[o.Start:o.End]
			}
			// "the client namespace" says again the value of
			// role=client.
			for _, t := range tokenize(text) {
				used[t.low] = true
				if _, v, ok := strings.Cut(t.low, "="); ok && t.kind == tLabel {
					used[v] = true
				}
			}
		}
		used[strings.ToLower(x.Subject.Namespace)] = true
		for _, o := range x.Others {
			walk(o)
		}
	}
	for _, in := range intents {
		walk(in)
	}
	return used
}

// dropStoryWords say that traffic was dropped: "connections from the
// migrate job were dropped", "requests got rejected".
var dropStoryWords = set("dropped", "blocked", "rejected", "denied", "refused", "timed", "reset")

// podsNotNamed is the first pods a clause names that no rule names:
// "the migrate job", "app=migrate", "the migration pods".
func podsNotNamed(toks []token, intents []*generator.Intent) (string, bool) {
	for j, t := range toks {
		if t.kind == tLabel && !rulesPodsNamed(toks[j:j+1], intents) {
			return t.raw, true
		}
		if j+1 < len(toks) && t.kind == tWord && workNouns[toks[j+1].low] && !namespaceWords[toks[j+1].low] && toks[j+1].low != "them" &&
			!rulesPodsNamed(toks[j:j+1], intents) && !notNames[t.low] && !determiners[t.low] && !prepositions[t.low] && t.low != "our" {
			return "the " + t.raw + " " + toks[j+1].raw, true
		}
	}
	return "", false
}

// purposeOpeners open the part of a clause that says what a rule is
// for: "so that ...", "in order that ...", "so the ...", "which keeps
// ... working".
var purposeOpeners = [][]string{{"so", "that"}, {"in", "order", "that"}, {"so", "the"}, {"so", "our"}, {"which", "keeps"}, {"which", "lets"}, {"to", "keep"}, {"keeping"}, {"that", "way"}}

// purposeValueRead asks when a clause says a rule in full and then, in
// the part that says what the rule is for, a value the rule read: "Allow
// app=lb to reach app=web on 80 so that the health checks from
// app=monitor keep working" allowed app=monitor on every port, while the
// words only say that its checks should keep working: allowed too, on
// which port? ("Create a policy so that only app=api can reach app=db"
// says the rule after "so that" alone.)
func purposeValueRead(request string, c clause, in *generator.Intent) error {
	for k := 1; k < len(c.toks); k++ {
		if !slices.ContainsFunc(purposeOpeners, func(ph []string) bool { return phraseIn(c.toks, k, ph) }) {
			continue
		}
		from, end := c.toks[k].start, c.toks[len(c.toks)-1].end
		var before, after *generator.Origin
		for _, x := range append([]*generator.Intent{in}, in.Others...) {
			for n, o := range x.Origins {
				if o.From != generator.FromRequest || !ruleValueField(o.Field) {
					continue
				}
				switch {
				case o.End <= from:
					before = &x.Origins[n]
				case o.Start >= from && o.End <= end && after == nil:
					after = &x.Origins[n]
				}
			}
		}
		if before != nil && after != nil {
			return &generator.NotUnderstoodError{Request: request, Understood: in.Summary(), Example: generator.ExampleFor(in),
				Missing: fmt.Sprintf("%q says what the rule is for, and names %q: should the rule allow or block it too, and on which port? Say it as a rule of its own, or leave it out of the reason", request[from:end], after.Text)}
		}
		return nil
	}
	return nil
}

// ruleValueField reports whether an intent's field is a value of a rule
// that names what it is about: its peers, ports, paths or sources.
func ruleValueField(f string) bool {
	return strings.Contains(f, ".peers") || strings.Contains(f, ".ports") || strings.Contains(f, ".http") || strings.Contains(f, ".dns") ||
		strings.HasPrefix(f, "system") && (strings.HasSuffix(f, ".path") || strings.HasSuffix(f, ".dir") || strings.Contains(f, ".fromSource") || strings.HasSuffix(f, ".execName"))
}

// openEndedAddition asks when the request adds to its rules what it does
// not name: "Only app=lb may reach app=web on 80 (plus whatever
// Prometheus needs)", "..., and whatever the scraper uses", "(also let
// Prometheus in)". Read as an aside, Prometheus was cut off by the
// allow-list without a word.
func openEndedAddition(request string, toks []token, all []*generator.Intent) error {
	ask := func(from, to int) error {
		return &generator.NotUnderstoodError{Request: request, Understood: all[0].Summary(), Example: generator.ExampleFor(all[0]),
			Missing: fmt.Sprintf("%q adds to the rules what it does not name: which pods are they, and on which ports? Say it as a rule of its own, with their labels", strings.Trim(request[toks[from].start:toks[to].end], " ,.;-()"))}
	}
	for i, t := range toks {
		// "whatever Prometheus needs", "whatever the scraper uses"
		if t.low == "whatever" || t.low == "whichever" {
			for k := i + 1; k < min(i+6, len(toks)) && toks[k].kind != tPunct; k++ {
				if dependWords[toks[k].low] || toks[k].low == "uses" || toks[k].low == "use" || toks[k].low == "wants" {
					return ask(i, k)
				}
			}
		}
		// "(plus ...)", "(also ...)", "(and also ...)" with no value.
		if t.low == "(" && i+1 < len(toks) && (toks[i+1].low == "plus" || toks[i+1].low == "also" || toks[i+1].low == "and" && i+2 < len(toks) && toks[i+2].low == "also") {
			end := i + 1
			for end < len(toks) && toks[end].low != ")" {
				end++
			}
			if end < len(toks) && !slices.ContainsFunc(toks[i:end], isValue) {
				return ask(i, end)
			}
		}
	}
	return nil
}

// storyWitnesses tell, in a story of a lab or an attack, what someone
// sees the policy do: "the student observes that /bin/bash is audited",
// "the attacker then uses wget, which gets blocked".
var storyWitnesses = set("observes", "observe", "observed", "sees", "see", "notices", "notice", "watches", "student", "students", "then", "which")

// passiveVerdictRead asks when a rule's verdict came from a passive said
// in a story ("..., which gets blocked", "observes that /bin/bash is
// audited"): what the story says happens may be what the rules beside it
// do, or one more rule. Read as an order, it made a rule of its own; the
// value before it, read into the rule before, changed that rule.
func passiveVerdictRead(request string, toks []token, all []*generator.Intent) error {
	for i := 1; i < len(toks); i++ {
		t := toks[i]
		if !strings.HasSuffix(t.low, "ed") || !denyWords[t.low] && !auditWords[t.low] || !beVerbs[toks[i-1].low] && toks[i-1].low != "be" {
			continue
		}
		from := i - 1
		for from > 0 && toks[from-1].low != "." && toks[from-1].low != ";" {
			from--
		}
		w := from + slices.IndexFunc(toks[from:i], func(t token) bool { return storyWitnesses[t.low] || actorNouns[t.low] || actorsNouns[t.low] })
		if w < from {
			continue
		}
		// "observes that /bin/bash is audited" also made /bin/bash the
		// source of the rule before.
		for _, x := range all {
			for _, o := range x.Origins {
				if o.From == generator.FromRequest && (o.Start == t.start && (strings.HasSuffix(o.Field, ".action") || strings.HasSuffix(o.Field, ".verdict")) ||
					o.Start > toks[w].start && o.End <= t.start && ruleValueField(o.Field)) {
					return &generator.NotUnderstoodError{Request: request, Understood: x.Summary(), Example: generator.ExampleFor(x),
						Missing: fmt.Sprintf("%q tells what happens: is it a rule to add, or what the rules beside it do? Say the rule as an order (\"block ...\", \"audit ...\"), or leave it out", strings.Trim(request[toks[from].start:toks[min(i+1, len(toks)-1)].end], " ,.;"))}
				}
			}
		}
	}
	return nil
}

// valueHedges, after a value and "or", leave the value open: "5432 or
// whatever", "app=web (or whatever the label is)", "443 or something".
var valueHedges = set("whatever", "whichever", "something", "so")

// usualPortWords, between "the" and "port", say one port the user has in
// mind: "on the usual port", "the default port".
var usualPortWords = set("usual", "normal", "standard", "default", "regular", "same")

// valueHedged asks when the request gives a value and leaves it open
// ("pods labeled app=web (or whatever the label is)", "on the usual port
// 5432 or whatever"), or gives two for the one port it says ("on the usual
// port 5432 or 5433"): applied as firm, the policy held a value the user
// was unsure of, or two ports for one, as "probably" and "I think" ask.
func valueHedged(request string, toks []token, all []*generator.Intent) error {
	ask := func(q string) error {
		return &generator.NotUnderstoodError{Request: request, Understood: all[0].Summary(), Example: generator.ExampleFor(all[0]), Missing: q}
	}
	usual := -1
	for i, t := range toks {
		if t.low == "port" && i >= 2 && toks[i-2].low == "the" && usualPortWords[toks[i-1].low] {
			usual = i
		}
		// "maybe pods labeled app=web", "perhaps app=web": the pods said
		// with a hedge, as "probably app=web" asks.
		if hedgeWords[t.low] && i+1 < len(toks) && (podNouns[toks[i+1].low] || toks[i+1].kind == tLabel) {
			return ask(fmt.Sprintf("are the pods after %q the ones the rule is for? %q leaves it open, and a policy either holds or does not; say the pods without it", t.raw, t.raw))
		}
		if t.low != "or" || i == 0 || i+1 >= len(toks) {
			continue
		}
		v := i - 1
		if toks[v].low == "(" && v > 0 {
			v--
		}
		if !isValue(toks[v]) {
			continue
		}
		if valueHedges[toks[i+1].low] {
			return ask(fmt.Sprintf("is %s the value you mean? %q leaves it open, and a policy holds one value; say it without the hedge", toks[v].raw, request[t.start:toks[i+1].end]))
		}
		if usual >= 0 && toks[v].kind == tNumber && toks[i+1].kind == tNumber {
			return ask(fmt.Sprintf("which is %q: %s or %s? It is one port; say which", request[toks[usual-2].start:toks[usual].end], toks[v].raw, toks[i+1].raw))
		}
	}
	return nil
}

// portCorrected asks when a port said after "on" is followed at once by
// "just" or "only" and another port: "[tree] cart may reach checkout on
// grpc just the http port" (an answer appended to the request) gave the
// http port alone, and grpc was dropped without a word, where "actually"
// and "I meant" ask.
func portCorrected(request string, toks []token, all []*generator.Intent) error {
	for i := 2; i+1 < len(toks); i++ {
		if toks[i].low != "just" && toks[i].low != "only" || toks[i-2].low != "on" {
			continue
		}
		first := toks[i-1]
		if first.kind != tNumber && !(first.kind == tWord && protocolServices[first.low]) {
			continue
		}
		k := i + 1
		if toks[k].low == "the" || toks[k].low == "port" {
			k++
		}
		if k >= len(toks) || toks[k].kind != tNumber && !(toks[k].kind == tWord && protocolServices[toks[k].low] && k+1 < len(toks) && toks[k+1].low == "port") {
			continue
		}
		end := k
		if end+1 < len(toks) && toks[end+1].low == "port" {
			end++
		}
		return &generator.NotUnderstoodError{Request: request, Understood: all[0].Summary(), Example: generator.ExampleFor(all[0]),
			Missing: fmt.Sprintf("which port does the rule mean: %s or %s? %q says both; say the one", first.raw, toks[k].raw, request[toks[i-2].start:toks[end].end])}
	}
	return nil
}

// labelsJoined asks when one rule ORs two pod peers the request may mean
// as one: the labels of one within the other's ("allow, app=api and
// tier=backend", "from app=api with tier=backend" after "from app=api":
// the narrower peer is lost in the wider), or a label said of the pods
// another peer's label names ("api also needs tier=backend", "only api pods
// labeled tier=backend", "only from the ones labeled tier=backend" after
// "from pods labeled app=api"). ORed, the rule
// let in every tier=backend pod, and the api pods without it.
func labelsJoined(request string, toks []token, all []*generator.Intent) error {
	text := func(s *metav1.LabelSelector) string { return labelsText(s.MatchLabels) }
	plain := func(p generator.Peer) bool {
		return p.Pods != nil && len(p.Pods.MatchExpressions) == 0 && len(p.Pods.MatchLabels) > 0 && p.Namespaces == nil && p.CIDR == "" && p.FQDN == "" && p.Entity == ""
	}
	// saidOf reports whether a word right before the label token of b (at
	// most three words back: "api also needs", "api pods labeled") is a
	// value of a's labels.
	saidOf := func(a, b generator.Peer) bool {
		if len(a.Pods.MatchLabels) != 1 || len(b.Pods.MatchLabels) != 1 {
			return false
		}
		for i, t := range toks {
			if t.kind != tLabel || !slices.Contains(strings.Split(text(b.Pods), ","), t.low) {
				continue
			}
			// "only from the ones labeled tier=backend" after the peer
			// app=api: "only" narrows the peer before, yet ORed it widens.
			for k := i - 1; k >= max(i-5, 0) && toks[k].kind != tLabel; k-- {
				if toks[k].low == "only" && slices.ContainsFunc(toks[:k], func(t token) bool {
					return t.kind == tLabel && slices.Contains(strings.Split(text(a.Pods), ","), t.low)
				}) {
					return true
				}
			}
			for k := i - 1; k >= max(i-3, 0); k-- {
				for _, v := range a.Pods.MatchLabels {
					if toks[k].low == strings.ToLower(v) && toks[k].kind == tWord {
						return true
					}
				}
			}
		}
		return false
	}
	for _, x := range all {
		for _, r := range x.Network {
			for i, a := range r.Peers {
				for j, b := range r.Peers {
					if i == j || !plain(a) || !plain(b) || a.Namespace != b.Namespace {
						continue
					}
					within := len(a.Pods.MatchLabels) < len(b.Pods.MatchLabels)
					for k, v := range a.Pods.MatchLabels {
						within = within && b.Pods.MatchLabels[k] == v
					}
					if within || saidOf(a, b) {
						q := fmt.Sprintf("should the pods have both %s and %s? Read apart, the rule lets in every pod with either; say \"pods labeled %s,%s\" for the pods with all of them, or name each peer in a rule of its own", text(a.Pods), text(b.Pods), text(a.Pods), text(b.Pods))
						if within {
							q = fmt.Sprintf("should the pods have all of %s? Read apart, the rule lets in every pod with %s, and the pods with all of them are lost in it; say \"pods labeled %s\" alone for those", text(b.Pods), text(a.Pods), text(b.Pods))
						}
						return &generator.NotUnderstoodError{Request: request, Understood: x.Summary(), Example: generator.ExampleFor(x), Missing: q}
					}
				}
			}
		}
	}
	return nil
}

// peerNamespaceApart asks when one rule ORs pods of the policy's namespace
// with every pod of a namespace named after them: "traffic from pods
// labeled app=api to pods labeled app=web" with the answer "allow it, but
// only from namespace prod" gave app=api (in the policy's namespace) OR
// every pod of prod, where the words put the api pods in prod.
func peerNamespaceApart(request string, toks []token, all []*generator.Intent) error {
	for _, x := range all {
		for _, r := range x.Network {
			for _, a := range r.Peers {
				if a.Pods == nil || a.Namespace != "" || a.Namespaces != nil || len(a.Pods.MatchLabels) == 0 {
					continue
				}
				// the rules of the same direction and verdict: "on 8080,
				// only from namespace prod" made a rule of its own.
				var peers []generator.Peer
				for _, o := range x.Network {
					if o.Direction == r.Direction && o.Verdict == r.Verdict {
						peers = append(peers, o.Peers...)
					}
				}
				for _, b := range peers {
					if b.Namespace == "" || b.Pods != nil || b.Namespaces != nil {
						continue
					}
					at := slices.IndexFunc(toks, func(t token) bool {
						return t.kind == tLabel && a.Pods.MatchLabels[strings.SplitN(t.raw, "=", 2)[0]] != ""
					})
					ns := slices.IndexFunc(toks, func(t token) bool { return t.low == strings.ToLower(b.Namespace) })
					// "or from any pod in namespace batch": every pod of it, said.
					if at < 0 || ns < at || everyPodWords(toks[max(ns-5, 0):ns]) != "" {
						continue
					}
					return &generator.NotUnderstoodError{Request: request, Understood: x.Summary(), Example: generator.ExampleFor(x),
						Missing: fmt.Sprintf("is namespace %s where the pods %s are, or is every pod of namespace %s let in beside them? Say \"pods labeled %s in namespace %s\" for the first, or name each peer in a rule of its own", b.Namespace, toks[at].raw, b.Namespace, toks[at].raw, b.Namespace)}
				}
			}
		}
	}
	return nil
}
