package builtin

import (
	"fmt"
	"slices"
	"strings"

	"github.com/kunerva/kunerva/generator"
)

// This file asks about words that negate by themselves, and about counts
// of pods, which the verdict and role rules read as plain words: each of
// these gave a policy that did the opposite of the request.

// privativeWords negate the traffic or access they stand for: "unable to
// reach", "lose access", "fail to reach", "kept from reaching",
// "impossible". (Words such as "unreachable" are found by their shape,
// privative.)
var privativeWords = set("unable", "lose", "loses", "losing", "fail", "fails", "failing", "prevented", "impossible", "kept", "barred", "stopped")

// privative reports whether w negates by its shape: "unreachable",
// "inaccessible", "unreadable", "unwritable", "unexecutable".
func privative(w string) bool {
	if !(strings.HasSuffix(w, "able") || strings.HasSuffix(w, "ible")) || len(w) < 8 {
		return false
	}
	return strings.HasPrefix(w, "un") || strings.HasPrefix(w, "inacc")
}

// doubleNegators, two side by side, negate twice: "checkout may not not
// reach payments", "pods labeled app=web cannot not run /bin/bash",
// "nginx must not never run curl" were read as one negation, a deny.
// ("do not, repeat not, block" says one negation again, with words
// between.)
var doubleNegators = set("not", "never", "cannot", "can't", "mustn't", "shouldn't", "won't", "don't", "doesn't", "isn't", "aren't")

// claimDenials deny the claim after them: "it is not true that checkout
// may not reach payments" was read as the deny after it, "it is untrue
// that checkout may reach payments" as the allow.
var claimDenials = [][]string{{"not", "true", "that"}, {"isn't", "true", "that"}, {"untrue", "that"}, {"false", "that"}, {"lie", "that"},
	{"not", "the", "case", "that"}, {"isn't", "the", "case", "that"}, {"not", "correct", "that"}, {"incorrect", "that"}}

// onlyOnesNouns follow "the only" when pods are said to be the only ones
// allowed: "are the only ones allowed to reach", "the only workload
// allowed", "the only clients that may".
var onlyOnesNouns = set("ones", "one", "pods", "pod", "workload", "workloads", "clients", "client", "services", "service", "apps", "app", "callers", "caller", "consumers", "sources", "things")

// ordinalPicks pick pods out of a list by their place in it: "only the
// last may", "the former".
var ordinalPicks = set("last", "first", "former", "latter", "second", "third", "middle")

// negatedAndCounted asks about
//   - a negation before a privative word, which negates twice: "should
//     not be unable to reach", "must not lose access to", "should not be
//     unreadable" were read as denies and blocks;
//   - a privative adjective of reaching: "payments should be unreachable
//     from the world", "the db must be inaccessible to the frontend" were
//     read as the pods' own egress;
//   - "none of X may", "zero X may", "X: none may" without an exception:
//     read as an allow of X;
//   - "X are the only ones allowed to reach Y": read as X's egress
//     allow-list, while Y is what accepts X alone;
//   - "only the last may": the pods picked by their place in a list.
func negatedAndCounted(request string, toks []token) error {
	ask := func(q string) error {
		return &generator.NotUnderstoodError{Request: request, Example: generator.ExampleNetwork, Missing: q}
	}
	excepted := slices.ContainsFunc(toks, func(t token) bool {
		return t.low == "except" || t.low == "but" || t.low == "besides" || t.low == "apart" || t.low == "save" || t.low == "other" || t.low == "excluding" || t.low == "unless"
	})
	everyPod := -1
	for i, t := range toks {
		w := t.low
		if (w == "every" || w == "all") && i+1 < len(toks) && podNouns[toks[i+1].low] {
			everyPod = i
		}
		// "deny all ingress to every pod in namespace prod other than
		// app=lb": pods left out of those the policy is for, or the one
		// peer let through ("except from app=lb")?
		if everyPod >= 0 && i-everyPod <= 6 && (w == "other" && i+1 < len(toks) && toks[i+1].low == "than" || w == "except" || w == "excluding" || w == "besides" || w == "but") {
			k := i + 1
			if w == "other" {
				k++
			}
			if k < len(toks) && (toks[k].kind == tLabel || toks[k].low == "those" || toks[k].low == "the" || toks[k].low == "pods") {
				e := k
				if (toks[k].low == "the" || toks[k].low == "those") && k+1 < len(toks) {
					e++
				}
				left := request[toks[k].start:toks[e].end]
				// "... except app=lb on 80": traffic on a port, a peer's.
				if e+1 < len(toks) && (toks[e+1].low == "on" || toks[e+1].low == "port" || toks[e+1].low == "ports") {
					continue
				}
				return ask(fmt.Sprintf("what does %q leave out: pods the policy is not for, or the peers it lets through? kunerva cannot leave pods out of every pod of a namespace by a phrase; for the peers say \"except from %s\"", request[t.start:toks[e].end], left))
			}
		}
		// "checkout may not not reach payments", "nginx must not never
		// run curl": two negations side by side.
		if doubleNegators[w] && i+1 < len(toks) && doubleNegators[toks[i+1].low] {
			return ask(fmt.Sprintf("%q negates twice: should the pods be able to do it (allow), or not (deny)? Say it with one verb (\"allow ...\", \"block ...\")", request[t.start:toks[i+1].end]))
		}
		// "prevent nginx from not running curl", "forbid X from not
		// reading /etc/passwd": a deny of not doing, twice negated.
		if w == "from" && i+2 < len(toks) && (toks[i+1].low == "not" || toks[i+1].low == "never") && toks[i+2].kind == tWord && strings.HasSuffix(toks[i+2].low, "ing") {
			return ask(fmt.Sprintf("%q negates twice: should the pods be able to do it (allow), or not (deny)? Say it with one verb (\"allow ...\", \"block ...\")", request[t.start:toks[i+2].end]))
		}
		for _, ph := range claimDenials {
			if phraseIn(toks, i, ph) {
				return ask(fmt.Sprintf("%q denies what follows it: should the pods be able to do it (allow), or not (deny)? Say the rule alone, with one verb (\"allow ...\", \"block ...\")", request[t.start:toks[i+len(ph)-1].end]))
			}
		}
		if privativeWords[w] || privative(w) {
			for k := i - 1; k >= 0 && k >= i-4; k-- {
				// An order, not a reason: "should not", "mustn't" ("so name
				// resolution doesn't fail" gives why). "should never be
				// unable to reach", "is never unable to reach", "is not
				// unable": negated twice as well.
				if toks[k].low == "not" && k > 0 && (modals[toks[k-1].low] || beVerbs[toks[k-1].low]) || toks[k].low == "never" && k > 0 && (modals[toks[k-1].low] || beVerbs[toks[k-1].low]) || toks[k].low == "isn't" || toks[k].low == "aren't" || toks[k].low == "shouldn't" || toks[k].low == "mustn't" || toks[k].low == "cannot" || toks[k].low == "can't" {
					return ask(fmt.Sprintf("%q negates twice: should the pods be able to do it (allow), or not (deny)? Say it with one verb (\"allow ...\", \"block ...\")", request[toks[k].start:t.end]))
				}
			}
		}
		if (privative(w) && (strings.HasPrefix(w, "unreach") || strings.HasPrefix(w, "inaccess") || strings.HasPrefix(w, "unaccess")) || w == "off-limits") &&
			slices.ContainsFunc(toks[i+1:min(i+3, len(toks))], func(t token) bool { return t.low == "from" || t.low == "to" || t.low == "for" }) &&
			// "make 169.254.169.254 unreachable from the app=web pods": an
			// address is what the pods after "from" may not reach.
			!slices.ContainsFunc(toks[:i], func(t token) bool { return t.kind == tCIDR || t.kind == tDomain }) {
			return ask(fmt.Sprintf("which direction: %q says what may not reach the pods, or what they may not reach? Say \"deny ingress to X from Y\" or \"deny egress from X to Y\"", t.raw))
		}
		if !excepted && (w == "none" && i+1 < len(toks) && (toks[i+1].low == "of" || modals[toks[i+1].low]) || w == "zero" && i+1 < len(toks) && (podNouns[toks[i+1].low] || toks[i+1].low == "of")) {
			return ask(fmt.Sprintf("what does %q deny? Say \"deny traffic from X to Y\" (or \"block ... in X\") with the pods it is about", t.raw))
		}
		if w == "only" && i > 1 && toks[i-1].low == "the" && beVerbs[toks[i-2].low] && i+1 < len(toks) && onlyOnesNouns[toks[i+1].low] && i+2 < len(toks) &&
			(toks[i+2].low == "allowed" || toks[i+2].low == "permitted" || toks[i+2].low == "that" || toks[i+2].low == "who" || toks[i+2].low == "which" || toks[i+2].low == "able") {
			return ask(fmt.Sprintf("%q: which pods accept only them? Say \"only X may reach Y\", with Y the pods that accept them alone", request[toks[i-1].start:toks[i+2].end]))
		}
		// "The app=db pods accept 5432 from app=api. They stay out.":
		// which pods stay out, set aside as saying nothing, allowed
		// app=api.
		if (w == "they" || w == "it" || w == "those" || w == "these") && i+2 < len(toks) && (toks[i+1].low == "stay" || toks[i+1].low == "stays" || toks[i+1].low == "remain" || toks[i+1].low == "remains") && toks[i+2].low == "out" {
			return ask(fmt.Sprintf("which pods does %q keep out? Name them (\"deny ingress from X\"), or leave the sentence out", request[t.start:toks[i+2].end]))
		}
		// "Block /bin/sh in the app=web pods, with one exception:
		// /bin/bash" blocked /bin/bash too: the exception after a colon
		// was read as one more value of the rule.
		if (w == "exception" || w == "exceptions") && i+2 < len(toks) && toks[i+1].low == ":" && toks[i+2].kind == tPath {
			return ask(fmt.Sprintf("what does %q leave out of the rule? kunerva cannot leave a program or file out of a rule by an exception: say the rule without it, or what %s may do as a rule of its own", request[t.start:toks[i+2].end], toks[i+2].raw))
		}
		if w == "only" && i+3 < len(toks) && toks[i+1].low == "the" && ordinalPicks[toks[i+2].low] && (modals[toks[i+3].low] || onlyOnesNouns[toks[i+3].low] || toks[i+3].low == "of") {
			return ask(fmt.Sprintf("which pods are %q? Name them by their labels", request[toks[i+1].start:toks[i+2].end]))
		}
	}
	return nil
}
