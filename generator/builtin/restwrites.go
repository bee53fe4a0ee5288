package builtin

import (
	"slices"
	"strings"

	"github.com/kunerva/kunerva/generator"
)

// noExceptions reports whether a clause only says that an isolation has
// no exceptions: "No exceptions yet, not even DNS", "with no exceptions".
func noExceptions(toks []token) bool {
	i := 0
	for i < len(toks) && (toks[i].kind == tPunct || coordinators[toks[i].low] || toks[i].low == "with") {
		i++
	}
	if i+1 >= len(toks) || toks[i].low != "no" || toks[i+1].low != "exceptions" && toks[i+1].low != "exception" {
		return false
	}
	for _, t := range toks[i+2:] {
		if !(t.kind == tPunct || t.low == "yet" || t.low == "for" || t.low == "now" || t.low == "at" || t.low == "all" || t.low == "whatsoever" || t.low == "not" || t.low == "even" || t.low == "dns" || t.low == "either") {
			return false
		}
	}
	return true
}

// isolating reports whether a clause says a default deny with nothing let
// through: no exception or allowed traffic in it.
func isolating(toks []token) bool {
	found := false
	for i, t := range toks {
		if t.low == "except" || t.low == "but" || t.low == "only" || t.low == "unless" || t.low == "besides" || allowWords[t.low] {
			return false
		}
		found = found || isolateWords[t.low] || t.low == "default" && i+1 < len(toks) && toks[i+1].low == "deny"
	}
	return found
}

// writesBlockedBack reports whether a clause is a block of writes pointed
// back at what another clause made read-only, or at nothing named: "make
// /usr/bin/ read-only - block any write there", "deny all writes to them",
// "no modifications in there either", "... read-only - block any write".
func writesBlockedBack(toks []token) bool {
	i := 0
	if i < len(toks) && denyWords[toks[i].low] && !negationWords[toks[i].low] || i < len(toks) && toks[i].low == "no" {
		i++
	} else {
		return false
	}
	if i < len(toks) && (toks[i].low == "any" || toks[i].low == "all" || toks[i].low == "every") {
		i++
	}
	if i >= len(toks) || !writeWords[toks[i].low] || toks[i].low == "read-only" || toks[i].low == "readonly" {
		return false
	}
	i++
	// "make /app/ and everything below it read-only - block any write":
	// a block of writes that names nothing says the read-only again.
	if i == len(toks) {
		return true
	}
	if i < len(toks) && (toks[i].low == "to" || toks[i].low == "into" || toks[i].low == "in") {
		i++
	}
	if i >= len(toks) || toks[i].low != "there" && toks[i].low != "it" && toks[i].low != "them" && toks[i].low != "those" {
		return false
	}
	for _, t := range toks[i+1:] {
		if t.kind != tWord && t.kind != tPunct || meaningful(t) && t.low != "either" && t.low != "too" {
			return false
		}
	}
	return true
}

// readsStayFine reports whether tokens only say that reading stays
// allowed (readsFine): "reads are fine", "reading stays allowed", and
// without the verb, as notes are written, "reads fine".
func readsStayFine(toks []token) bool {
	if len(toks) < 2 || len(toks) > 3 || toks[0].low != "reads" && toks[0].low != "reading" {
		return false
	}
	if len(toks) == 3 {
		switch toks[1].low {
		case "are", "is", "stay", "stays", "remain", "remains":
		default:
			return false
		}
	}
	return readsFine[toks[len(toks)-1].low]
}

// writesGetBlocked reports whether tokens only say, in the passive, that
// writes are blocked, naming nothing: "any write gets blocked", "writes
// are denied", "all writes should be blocked", "writes blocked".
func writesGetBlocked(toks []token) bool {
	i := 0
	if i < len(toks) && (toks[i].low == "any" || toks[i].low == "all" || toks[i].low == "every") {
		i++
	}
	if i >= len(toks) || !writeWords[toks[i].low] || toks[i].low == "read-only" || toks[i].low == "readonly" {
		return false
	}
	i++
	// "reads fine, writes blocked": a note leaves the verb out.
	if i+1 == len(toks) && restatedParticiples[toks[i].low] == generator.ActionBlock {
		return true
	}
	if i < len(toks) && modals[toks[i].low] {
		i++
	}
	if i >= len(toks) || toks[i].low != "get" && toks[i].low != "gets" && toks[i].low != "is" && toks[i].low != "are" && toks[i].low != "be" {
		return false
	}
	i++
	return i+1 == len(toks) && restatedParticiples[toks[i].low] == generator.ActionBlock
}

// writesRestated reports whether a clause only says, of a thing named by a
// pronoun, that nothing may write to it: "nothing should write to it at
// runtime", "nobody may modify them". Beside a read-only rule, it says that
// rule again.
func writesRestated(toks []token) bool {
	if writesBlockedBack(toks) || writesGetBlocked(toks) {
		return true
	}
	// "... read-only - block writes, reads are fine", "Reads are fine, any
	// write gets blocked": the block of writes, and that reads stay
	// allowed, which is what read-only says.
	for k, t := range toks {
		if t.low != "," && t.low != "and" && t.low != ";" || k == 0 || k+1 >= len(toks) {
			continue
		}
		a, b := toks[:k], toks[k+1:]
		if len(b) > 0 && b[0].low == "and" {
			b = b[1:]
		}
		blocked := func(x []token) bool { return writesBlockedBack(x) || writesGetBlocked(x) }
		if readsStayFine(a) && blocked(b) || blocked(a) && readsStayFine(b) {
			return true
		}
	}
	i := 0
	// "the root filesystem should be treated as a golden image and nothing
	// should write to it": after words that say what the thing is.
	for k, t := range toks {
		if t.low == "and" && k+1 < len(toks) && (toks[k+1].low == "nothing" || toks[k+1].low == "nobody") {
			if !slices.ContainsFunc(toks[:k], func(u token) bool {
				w := u.low
				// "the container's root filesystem": whose the thing is
				return u.kind != tWord && u.kind != tPunct || meaningful(u) && !(u.possessive && podNouns[w]) || denyWords[w] || allowWords[w] || auditWords[w] || isolateWords[w] || reachVerbs[w] ||
					receiveVerbs[w] || processVerbs[w] || fileVerbs[w] || ingressWords[w] || egressWords[w]
			}) {
				i = k + 1
			}
			break
		}
	}
	for i < len(toks) && (toks[i].kind == tPunct || coordinators[toks[i].low]) {
		i++
	}
	if i+2 >= len(toks) || toks[i].low != "nothing" && toks[i].low != "nobody" {
		return false
	}
	i++
	if modals[toks[i].low] {
		i++
	}
	if i >= len(toks) || !writeWords[toks[i].low] {
		return false
	}
	i++
	// "make /app/ and everything below it read-only - block any write":
	// a block of writes that names nothing says the read-only again.
	if i == len(toks) {
		return true
	}
	if i < len(toks) && (toks[i].low == "to" || toks[i].low == "into" || toks[i].low == "in") {
		i++
	}
	if i >= len(toks) || toks[i].low != "it" && toks[i].low != "them" {
		return false
	}
	for _, t := range toks[i+1:] {
		if t.kind != tWord && t.kind != tPunct || meaningful(t) {
			return false
		}
	}
	return true
}

// allowListRest reports whether a clause only says that what an allow-list
// does not name is denied: "every other HTTP call must be refused",
// "anything else is dropped". Every word of it must be one of that shape.
func allowListRestClause(toks []token) bool {
	other, deny := false, false
	// "client-two and everything else stays blocked": the names before
	// "and everything else" are some of the rest.
	named := 0
	for i := 0; i+2 < len(toks); i++ {
		if toks[i].low == "and" && (toks[i+1].low == "everything" || toks[i+1].low == "anything" || toks[i+1].low == "all" || toks[i+1].low == "the") && (toks[i+2].low == "else" || toks[i+2].low == "other" || toks[i+2].low == "rest") {
			named = i
			break
		}
	}
	// "Any other pod, even inside staging, gets denied", "nobody else,
	// even through the LoadBalancer IP": an aside that stresses how far
	// the rest goes; the allow-list already denies it.
	even, evenEnd := -1, -1
	for i := 0; i+2 < len(toks); i++ {
		if toks[i].low != "even" || !slices.Contains([]string{"in", "inside", "within", "from", "through", "via"}, toks[i+1].low) || i == 0 || toks[i-1].low != "," {
			continue
		}
		j := i + 2
		for j < len(toks) && j < i+6 && toks[j].kind == tWord {
			j++
		}
		if j < len(toks) && toks[j].low == "," || j == len(toks) {
			even, evenEnd = i, j
		}
		break
	}
	off := offListAt(toks)
	for i, t := range toks {
		w := t.low
		switch {
		case i >= even && i < evenEnd:
		case off[i]:
			// "addresses that aren't on the list get denied": what the
			// allow-list leaves out, said as "other" is.
			other = true
		case i < named && (t.kind == tWord || t.low == ","):
		case t.kind == tPunct || coordinators[w]:
		case w == "other" || w == "else" || w == "rest" || w == "remaining":
			other = true
		case denyWords[w] && w != "not" && w != "no", w == "nothing" || w == "nobody" || w == "none",
			w == "no" && i+1 < len(toks) && (toks[i+1].low == "other" || toks[i+1].low == "access" || toks[i+1].low == "traffic" || toks[i+1].low == "connections"):
			deny = true
		case (w == "allowed" || w == "permitted") && deny:
			// "nothing else is allowed in", "no other traffic is permitted":
			// allowed after the word that says none.
		case w == "default" || w == "internal" || w == "external" || w == "in-cluster" || w == "intra-cluster" || w == "service" || w == "services" || w == "destination" || w == "their" || w == "its",
			(w == "it" || w == "them") && i > 0 && (toks[i-1].low == "to" || toks[i-1].low == "from" || toks[i-1].low == "for"),
			(w == "to" || w == "for") && i+1 < len(toks) && (toks[i+1].low == "it" || toks[i+1].low == "them"):
			// "No other egress for them": the pods the allow-list is for.
			// "block all other in-cluster traffic to it"
			// "default deny for the rest of their egress", "no access to any
			// other internal service and no other external destination"
		case strings.Contains(w, "-to-") && t.kind == tWord:
			// "any other pod-to-world or pod-to-pod connection"
		case ingressWords[w] || egressWords[w] || w == "leaves" || w == "leave" || w == "tries" || w == "try" || w == "attempts" || w == "pod" || w == "pods" || w == "gets" || w == "goes" || w == "in" || w == "out":
			// "anything else outbound is blocked", "nothing else leaves the pod":
			// the direction is checked against the rules (restDirection).
		case (w == "it" || w == "they") && i < 2, w == "send" || w == "sends" || w == "anywhere":
			// "and it shouldn't send anything anywhere else": the pods the
			// allow-list is for, said again.
		case fillerWords[w] || determiners[w] || w == "http" || w == "https" || w == "call" || w == "calls" || w == "requests" || w == "request" || w == "methods" || w == "method" ||
			w == "socket" || w == "sockets" || w == "open" || w == "use" || w == "network" ||
			w == "traffic" || w == "connections" || w == "connection" || w == "everything" || listedPeerNouns[w] || w == "get" || w == "stays" || w == "stay" || w == "remains" || w == "remain" || w == "ends" || w == "end" || w == "up" || w == "anything" || w == "paths" || w == "path" || w == "ports" || w == "destinations" || w == "peers" || w == "access":
		default:
			return false
		}
	}
	return other && deny
}

// listedPeerNouns name the entries of an allow-list of addresses: "addresses
// that aren't on the list get denied", "IPs not on this list".
var listedPeerNouns = set("address", "addresses", "ip", "ips", "source", "sources", "entries", "hosts")

// offListAt marks the words that say "not on the list": a negation, "on"
// or "in", a determiner, and a noun of lists ("aren't on the list", "not
// in this allowlist"), or "unlisted".
func offListAt(toks []token) map[int]bool {
	off := map[int]bool{}
	for i, t := range toks {
		if t.low == "unlisted" {
			off[i] = true
			continue
		}
		if !negationWords[t.low] || i+2 >= len(toks) || toks[i+1].low != "on" && toks[i+1].low != "in" {
			continue
		}
		j := i + 2
		if determiners[toks[j].low] && j+1 < len(toks) {
			j++
		}
		if listNouns[toks[j].low] {
			for k := i; k <= j; k++ {
				off[k] = true
			}
		}
	}
	return off
}

// withoutOtherNamespaces is toks with "from other namespaces" ("from any
// other namespace", "from outside the namespace"), the words that say where
// the rest of an allow-list comes from, said as "other".
func withoutOtherNamespaces(toks []token) []token {
	for i := range toks {
		if toks[i].low != "from" {
			continue
		}
		for _, ph := range [][]string{{"other", "namespaces"}, {"any", "other", "namespace"}, {"all", "other", "namespaces"}, {"outside", "the", "namespace"}, {"the", "other", "namespaces"}} {
			if phraseIn(toks, i+1, ph) {
				// "everything from other namespaces": everything other.
				return slices.Concat(toks[:i], []token{{raw: "other", low: "other", kind: tWord, start: toks[i].start, end: toks[i+len(ph)].end}}, toks[i+1+len(ph):])
			}
		}
	}
	return toks
}

// verdictOf is the network verdict of a system action.
func verdictOf(a generator.Action) generator.Verdict {
	switch a {
	case generator.ActionBlock:
		return generator.Deny
	case generator.ActionAllow:
		return generator.Allow
	}
	return ""
}

// verbThenPointer reads "block it", "deny just that" from toks[n]; end is
// the token after it.
func verbThenPointer(toks []token, n int) (generator.Action, generator.Verdict, int, bool) {
	a, ok := restatedVerbs[toks[n].low]
	if !ok {
		return "", "", 0, false
	}
	k := n + 1
	for k < len(toks) && (toks[k].low == "just" || toks[k].low == "only" || toks[k].low == "exactly") {
		k++
	}
	if k >= len(toks) || !pointers[toks[k].low] {
		return "", "", 0, false
	}
	// "block that capability", "audit those binaries": a demonstrative
	// and the noun of what it points at.
	if k+1 < len(toks) && toks[k].low != "it" && toks[k].low != "them" && pointedNouns[toks[k+1].low] {
		k++
	}
	return a, verdictOf(a), k + 1, true
}

// pointerThenParticiple reads "that address should be blocked", "those
// are to be audited" from toks[n]; end is the token after it.
func pointerThenParticiple(toks []token, n int) (generator.Action, generator.Verdict, int, bool) {
	k := n
	if k >= len(toks) || !pointers[toks[k].low] || toks[k].low == "it" || toks[k].low == "them" {
		return "", "", 0, false
	}
	k++
	if k < len(toks) && pointedNouns[toks[k].low] {
		k++
	}
	for k < len(toks) && (toks[k].low == "should" || toks[k].low == "must" || toks[k].low == "will" || toks[k].low == "is" || toks[k].low == "are" || toks[k].low == "be" ||
		toks[k].low == "to" || toks[k].low == "get" || toks[k].low == "gets") {
		k++
	}
	if k >= len(toks) || k == n+1 {
		return "", "", 0, false
	}
	a, ok := restatedParticiples[toks[k].low]
	if !ok {
		return "", "", 0, false
	}
	return a, verdictOf(a), k + 1, true
}

// restNouns name what the rest of an allow-list is made of: "no access",
// "no traffic", "no connections".
var restNouns = set("access", "traffic", "connections", "connection", "ingress", "egress")

// restSubjects are what a negated rest is said of: "pods that ...",
// "anything that ...".
var restSubjects = set("pods", "pod", "anything", "anyone", "anybody", "workloads", "endpoints", "clients")

// conditionWords may stand in the condition of a negated rest without
// naming anything: "that don't listen on 9000", "that aren't in namespace
// internal", "that don't carry app=web".
var conditionWords = set("listen", "listens", "listening", "serve", "serves", "expose", "exposes", "run", "runs", "running", "live", "lives", "carry", "carries",
	"have", "has", "labeled", "labelled", "port", "ports", "on", "in", "inside", "within", "from", "the", "a", "an", "label", "labels", "also", "both")

// negatedRest reports whether a clause only says, in negated relative
// clauses, what the rules of others leave out: "No access to pods that
// don't listen on 9000, and no access from pods that aren't in namespace
// internal" after "pods in namespace internal may connect to port 9000 of
// pods in fubar". Each part is "no <access> to|from <pods> that <not>
// <condition>", and every value and name of each condition the other
// clauses say again, so that the allow-list already leaves out the rest.
func negatedRest(toks []token, others []clause) bool {
	// A port is said again anywhere; a name or label of those the traffic
	// comes from, as the sender of a rule: after "from", or before the verb
	// of a clause that has no "from" ("pods in namespace internal may
	// connect to ...").
	said := func(t token, from bool) bool {
		return slices.ContainsFunc(others, func(c clause) bool {
			verb := slices.IndexFunc(c.toks, func(u token) bool { return reachVerbs[u.low] || u.low == "may" || u.low == "can" })
			hasFrom := slices.ContainsFunc(c.toks, func(u token) bool { return u.low == "from" })
			for j, u := range c.toks {
				if u.low != t.low {
					continue
				}
				if !from || slices.ContainsFunc(c.toks[max(j-6, 0):j], func(v token) bool { return v.low == "from" }) || !hasFrom && verb > j {
					return true
				}
			}
			return false
		})
	}
	parts := 0
	for i := 0; i < len(toks); {
		for i < len(toks) && (toks[i].kind == tPunct || coordinators[toks[i].low]) {
			i++
		}
		if i == len(toks) {
			break
		}
		if i+5 >= len(toks) || toks[i].low != "no" || !restNouns[toks[i+1].low] || toks[i+2].low != "to" && toks[i+2].low != "from" || !restSubjects[toks[i+3].low] ||
			toks[i+4].low != "that" && toks[i+4].low != "which" && toks[i+4].low != "who" {
			return false
		}
		k := i + 5
		switch {
		case k+1 < len(toks) && (toks[k].low == "do" || toks[k].low == "does" || toks[k].low == "are" || toks[k].low == "is") && toks[k+1].low == "not":
			k += 2
		case toks[k].low == "don't" || toks[k].low == "doesn't" || toks[k].low == "aren't" || toks[k].low == "isn't":
			k++
		default:
			return false
		}
		// "no access to pods that don't listen on 9000": ports alone;
		// "no access from pods that aren't in namespace internal": the
		// senders of the rules.
		from := toks[i+2].low == "from"
		cond := 0
		for ; k < len(toks) && toks[k].kind != tPunct && !coordinators[toks[k].low]; k++ {
			t := toks[k]
			switch {
			case t.kind == tWord && (conditionWords[t.low] || namespaceWords[t.low] || podNouns[t.low]):
			case (from || t.kind == tNumber) && said(t, from):
				cond++
			default:
				return false
			}
		}
		if cond == 0 {
			return false
		}
		parts++
		i = k
	}
	return parts > 0
}

// restrictVerbs limit traffic to what was named: "restrict their egress to that".
var restrictVerbs = set("restrict", "limit", "confine")
