package builtin

import (
	"fmt"
	"slices"

	"github.com/kunerva/kunerva/generator"
)

// Elliptical clauses: a clause that names pods and a verdict and leaves its
// verb, and what the verb reaches or runs, to the clause before it ("pods
// labeled app=web must not run /bin/sh; pods labeled app=api may.", "only
// checkout may reach payments on 8443; the cart may too"). Which verb, which
// object, which ports and which verdict carry over is guesswork: read on its
// own the clause took the pods of the rule before as its subject and made
// the pods it names their peers, on any port. The engine asks for the rule
// in full.

// ellipsisModals are the words of a verdict a clause may end on, its verb
// left out: "pods labeled app=api may.", "the cart can too".
var ellipsisModals = set("may", "can", "might", "could", "must", "should", "shall", "will")

// ellipsisAllowed end a clause before "to" with the verb left out: "pods
// labeled app=api are allowed to.", "is permitted to too".
var ellipsisAllowed = set("allowed", "permitted", "able")

// ellipsisTails are the words after a bare verdict that say no verb of their
// own: "may too", "can as well", "may also", "must not either", "may do so",
// "can do the same", "may likewise".
var ellipsisTails = set("not", "too", "also", "as", "well", "either", "likewise", "similarly", "so", "the", "same", "that", "this", "ones", "one")

// ellipsisPronouns stand for the object of the clause before after a verb
// that names nothing else: "pods labeled app=api may run it", "can keep it".
var ellipsisPronouns = set("it", "them", "that", "this", "one", "so")

// ellipsisNoPods are the words before a bare verdict that name no pods:
// "only app=api may reach app=db; nothing else may", "if you can", "as
// soon as we can", "wherever possible it should".
var ellipsisNoPods = set("nothing", "nobody", "none", "noone", "else", "one", "anyone", "anybody", "anything", "everyone", "everybody", "everything",
	"others", "other", "you", "we", "i", "he", "she", "it", "which", "who", "what", "that", "this", "where", "if", "as", "than", "possible", "needed",
	"required", "necessary", "ever", "else's", "so", "and", "or", "but", "not", "only", "just")

// ellipsisEnd are the marks that end the words of an elliptical clause.
var ellipsisEnd = set(".", ";", ",", "!", "?", ")", ":")

// ellipticalVerdict finds, in a clause, pods followed by a verdict whose
// verb is left out, and returns the span of the elliptical words: "pods
// labeled app=api may." (after "pods labeled app=web must not run
// /bin/sh"), "the cart may too", "pods labeled app=api may on 5432" (after
// "pods labeled app=web may not reach pods labeled app=db,"), "pods labeled
// app=api is allowed to", "pods labeled app=api may run it". The words
// before the verdict must be able to name pods (a label, a bracket, a
// name), not "nothing else may" or "if you can".
func ellipticalVerdict(toks []token) (from, to int, ok bool) {
	for i := 1; i < len(toks); i++ {
		j := -1
		switch w := toks[i].low; {
		case ellipsisModals[w]:
			j = i + 1
		case ellipsisAllowed[w] && i+1 < len(toks) && toks[i+1].low == "to" && i > 1 && (toks[i-1].low == "is" || toks[i-1].low == "are" || toks[i-1].low == "be"):
			j = i + 2
		default:
			continue
		}
		// The pods before the verdict: "pods labeled app=api", "(app=api)",
		// "the cart"; "is allowed to" after them.
		p := i - 1
		if ellipsisAllowed[toks[i].low] {
			p = i - 2
			if p > 0 && ellipsisModals[toks[p-1].low] { // "should be allowed to"
				p -= 2
			}
		}
		for p >= 0 && (toks[p].low == "also" || toks[p].low == "too") {
			p--
		}
		if p < 0 || !(toks[p].kind == tLabel || toks[p].low == ")" || toks[p].kind == tWord && !ellipsisNoPods[toks[p].low] && !modals[toks[p].low] && !negationWords[toks[p].low] && !fillerWords[toks[p].low]) {
			continue
		}
		end := j
		for end < len(toks) && !ellipsisEnd[toks[end].low] {
			end++
		}
		rest := toks[j:end]
		podsBefore := toks[p].kind == tLabel || toks[p].low == ")" || podNouns[toks[p].low]
		for p > 0 && !ellipsisEnd[toks[p-1].low] {
			p--
		}
		if ellipsisWords(rest) {
			return p, max(end-1, i), true
		}
		// "may run it", "can keep it": a verb whose object is a pronoun
		// for the object of the clause before.
		// A verb of traffic keeps its own reading ("only the api pods may
		// reach it", "so Prometheus can scrape them"), and the pods must
		// be named by their labels or a pod noun ("only their owner may
		// run them" is an ownerOnly rule).
		if len(rest) > 0 && rest[0].low == "not" {
			rest = rest[1:]
		}
		if len(rest) == 2 && rest[0].kind == tWord && !ellipsisTails[rest[0].low] && !reachVerbs[rest[0].low] && !receiveVerbs[rest[0].low] && ellipsisPronouns[rest[1].low] && podsBefore {
			return p, end - 1, true
		}
	}
	return 0, 0, false
}

// ellipsisWords reports whether the words after a bare verdict say no verb
// of their own: nothing, "too", "as well", "also", "do so", or the ports
// alone ("may on 5432").
func ellipsisWords(rest []token) bool {
	for k := 0; k < len(rest); k++ {
		t := rest[k]
		switch {
		case ellipsisTails[t.low]:
		// "may do so", "can do the same"; "what users may do" is no rule.
		case (t.low == "do" || t.low == "does") && k+1 < len(rest) && ellipsisTails[rest[k+1].low]:
		case portWords[t.low] || t.low == "over" || t.low == "and":
		case t.kind == tNumber || t.kind == tPortProto || t.kind == tRange:
		default:
			return false
		}
	}
	return true
}

// ellipticalClause asks about a clause that leaves its verb to the clause
// before (ellipticalVerdict).
func ellipticalClause(request string, cs []clause) error {
	for _, c := range cs {
		from, to, ok := ellipticalVerdict(c.toks)
		if !ok {
			continue
		}
		text := request[c.toks[from].start:c.toks[to].end]
		return &generator.NotUnderstoodError{Request: request, Example: generator.ExampleNetwork,
			Missing: fmt.Sprintf("what does %q allow or deny? It leaves out the verb and what it reaches or runs, which kunerva does not carry over from another rule; say that rule in full (\"pods labeled app=api may reach ... on 443\", \"... may run /bin/sh\")", text)}
	}
	return nil
}

// reversePhrases ask for the traffic of the rule before the other way:
// "The reverse holds too", "vice versa", "the opposite direction too".
// ("reverse shell", "reverse proxy" are no direction.)
var reversePhrases = [][]string{{"the", "reverse"}, {"vice", "versa"}, {"conversely"}, {"the", "opposite", "direction"}, {"the", "opposite", "way"},
	{"the", "other", "direction"}, {"the", "other", "way"}, {"other", "way", "round"}, {"other", "way", "around"}, {"in", "reverse"},
	// "... on 5432 and reciprocally" was dropped, one direction kept (finder 15, S11).
	{"reciprocally"}}

// reverseNouns after "the reverse" name a thing, not a direction: "The
// reverse shell findings keep pointing at bash".
var reverseNouns = set("shell", "shells", "proxy", "proxies", "dns", "lookup", "lookups", "engineering", "tunnel", "tunnels", "connection", "connections",
	"order", "image", "ssh", "port-forward", "port-forwarding", "path", "lookup's")

// reverseNegated asks about the other way negated beside a rule:
// "pods labeled app=web may reach pods labeled app=db on 5432 but never
// the reverse" kept the allow and set "never the reverse" aside as a
// reason, dropping the deny of db's traffic to web. Which traffic the
// other way is (which ports) is left to the request, as in
// reverseSetAside.
func reverseNegated(request string, toks []token) error {
	for k := 1; k < len(toks); k++ {
		if !negationWords[toks[k-1].low] {
			continue
		}
		for _, ph := range reversePhrases {
			if !phraseIn(toks, k, ph) || ph[len(ph)-1] == "reverse" && k+len(ph) < len(toks) && reverseNouns[toks[k+len(ph)].low] {
				continue
			}
			return &generator.NotUnderstoodError{Request: request, Example: generator.ExampleNetwork,
				Missing: fmt.Sprintf("which direction does %q deny? Say the traffic the other way as a rule of its own (\"and app=b may not reach app=a\")", request[toks[k-1].start:toks[k+len(ph)-1].end])}
		}
	}
	return nil
}

// placeAnaphors point back at pods named before: "block curl there",
// "... in those", "in them".
var placeAnaphors = set("there", "those", "these", "them")

// anaphorOfTwo asks when a place pointed back at ("there", "in those")
// follows two sets of pods named by labels: "deny egress from pods
// labeled app=web to pods labeled app=db and block curl there" blocked
// curl in the web pods, while "there" most naturally means the db pods,
// and "deny ingress to app=db from app=web and block curl in those" put
// the block in db although "those" is nearest to web.
func anaphorOfTwo(request string, toks []token) error {
	for a, t := range toks {
		if !placeAnaphors[t.low] || t.low != "there" && (a == 0 || toks[a-1].low != "in" && toks[a-1].low != "on") {
			continue
		}
		// Only the place of a system rule said last: "block curl there.",
		// "audit /etc/passwd in those" ("from there", "in those same
		// namespaces", "is there" are other words).
		if a+1 < len(toks) && toks[a+1].low != "." && toks[a+1].low != ";" || t.low == "there" && a > 0 && (toks[a-1].low == "from" || toks[a-1].low == "over" || beVerbs[toks[a-1].low]) {
			continue
		}
		verb := false
		for v := a - 1; v >= 0 && v >= a-4; v-- {
			verb = verb || denyWords[toks[v].low] && !negationWords[toks[v].low] || auditWords[toks[v].low]
		}
		if !verb {
			continue
		}
		var labels []string
		for _, u := range toks[:a] {
			if u.kind == tLabel && !slices.Contains(labels, u.low) {
				labels = append(labels, u.low)
			}
		}
		if len(labels) >= 2 {
			return &generator.NotUnderstoodError{Request: request, Example: generator.ExampleSystem,
				Missing: fmt.Sprintf("which pods does %q point at: %s, or %s? Name them (\"in the pods labeled ...\")", request[toks[max(a-1, 0)].start:t.end], labels[len(labels)-2], labels[len(labels)-1])}
		}
	}
	return nil
}

// reverseSetAside asks about a sentence set aside (as a reason, a remark)
// that asks for the rule before the other way: "pods labeled app=web can
// reach pods labeled app=db on 5432. The reverse holds too." kept only
// db's ingress from web, "The reverse holds too" read as a reason (finder
// W14). Which traffic the other way is (which ports, which pods start it)
// is left to the request.
func reverseSetAside(request string, dismissed []clause) error {
	for _, c := range dismissed {
		for k := range c.toks {
			for _, ph := range reversePhrases {
				if !phraseIn(c.toks, k, ph) || ph[len(ph)-1] == "reverse" && k+len(ph) < len(c.toks) && reverseNouns[c.toks[k+len(ph)].low] {
					continue
				}
				return &generator.NotUnderstoodError{Request: request, Example: generator.ExampleNetwork,
					Missing: fmt.Sprintf("which direction does %q add? Say the traffic the other way as a rule of its own (\"and app=b may reach app=a on 8080\")", c.text(request))}
			}
		}
	}
	return nil
}
