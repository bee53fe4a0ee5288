package builtin

import (
	"slices"
	"strings"
)

// verdictTitle reports whether toks, the words before a colon at the
// start of a sentence, are a title of words of actions joined by "and":
// "Audit and block in one policy", "Block and alert, same policy". The
// clause is its own: the summary rules (summarizes) keep it only when the
// rules after the colon take every action it names.
func verdictTitle(toks []token) bool {
	return len(toks) > 2 && coordinators[toks[1].low] && verdictPairTitle(append(toks[:len(toks):len(toks)], token{kind: tPunct, low: ":"}), 1)
}

// verdictWord reports whether w is a plain word of an action a policy
// takes: allow, deny or audit, not a negation ("not", "never").
func verdictWord(w string) bool {
	return (allowWords[w] || denyWords[w] || auditWords[w]) && !negationWords[w] && w != "may" && w != "can" && w != "let" && w != "no"
}

// verdictPairTitle reports whether the coordinator at i joins two words of
// an action that open a title before a colon: "Audit and block in one
// policy: ...", "Allow plus log: ...", "Block and alert, same policy:
// ...". The title names no statement to split; the rules after the colon
// say what it sums up (summarizes checks it).
func verdictPairTitle(toks []token, i int) bool {
	if i < 1 || i+1 >= len(toks) || !verdictWord(toks[i-1].low) || !verdictWord(toks[i+1].low) {
		return false
	}
	if i > 1 && !(toks[i-2].kind == tPunct && (toks[i-2].low == "." || toks[i-2].low == ";")) {
		return false
	}
	for k := i + 2; k < len(toks) && k < i+8; k++ {
		switch {
		case toks[k].low == ":":
			return true
		case toks[k].kind == tPunct && toks[k].low != ",", toks[k].kind != tWord && toks[k].kind != tPunct, isCoordinator(toks, k):
			return false
		}
	}
	return false
}

// butOnly reports whether "but" at i narrows what comes before it to what
// "only" says: "but only on port 80", "but only for the pods labeled
// app=web", and "but on port 80 only", where "only" closes the words of a
// preposition that follow "but".
func butOnly(toks []token, i int) bool {
	if i+1 >= len(toks) || toks[i].low != "but" {
		return false
	}
	if toks[i+1].low == "only" {
		return true
	}
	if !prepositions[toks[i+1].low] {
		return false
	}
	for k := i + 2; k < len(toks); k++ {
		t := toks[k]
		switch {
		case t.low == "only":
			return k > i+2 && (k+1 == len(toks) || toks[k+1].kind == tPunct && toks[k+1].low != "(")
		case t.kind == tPunct || t.kind == tWord && (verbLike(t.low) || negationWords[t.low] || coordinators[t.low] || t.low == "or"):
			return false
		}
	}
	return false
}

// readOnlyAhead reports whether "read-only" closes the words ahead before
// the sentence ends: "make /etc/crontab plus everything under /etc/cron.d/
// read-only".
func readOnlyAhead(toks []token) bool {
	for _, t := range toks {
		switch {
		case t.low == "read-only" || t.low == "readonly":
			return true
		case t.low == "." || t.low == ";" || t.low == "and" || t.low == "but":
			return false
		}
	}
	return false
}

// startsStatement reports whether token i begins a statement of its own:
// an action word ("block", "allow", "audit", "isolate", "keep allowing").
// imperatives are the verdict verbs that start an order: "block X".
var imperatives = set("block", "deny", "drop", "forbid", "prevent", "prohibit", "reject", "audit", "alert", "monitor", "allow", "permit")

// commaImperative reports whether the comma at i ends a statement and an
// order of its own follows it: "only /bin/bash may run, block /bin/sh".
// The statement before names a value and has a modal of its own (not a
// scene such as "for pods labeled X,", not a list of orders "allow A,
// allow B"); the order after names a value too ("only their owner may run
// them, block everyone else" is one rule).
func commaImperative(toks []token, start, i int) bool {
	if i+2 >= len(toks) || !imperatives[toks[i+1].low] || toks[i+2].kind == tPunct || coordinators[toks[i+2].low] || !hasValue(toks[start:i]) || !hasValue(toks[i+1:sentenceEnd(toks, i+1)]) {
		return false
	}
	return slices.ContainsFunc(toks[start:i], func(t token) bool { return t.low == "may" || t.low == "can" || t.low == "must" || t.low == "should" })
}

func startsStatement(toks []token, i int) bool {
	for i < len(toks) && (toks[i].low == "also" || toks[i].low == "then" || toks[i].low == "," || toks[i].low == "please" || toks[i].low == "explicitly") {
		i++
	}
	if i >= len(toks) {
		return false
	}
	w := strings.Trim(toks[i].low, ",.;:")
	next := ""
	if i+1 < len(toks) {
		next = toks[i+1].low
	}
	switch {
	case w == "keep" || w == "still":
		if allowWords[next] || next == "allowing" || denyWords[next] {
			return true
		}
		for k := i + 1; k < len(toks) && k <= i+4; k++ {
			if keepWorking[toks[k].low] {
				return true
			}
		}
		return false
	case w == "allowing" || w == "permitting" || w == "blocking" || w == "denying" || w == "auditing" || w == "alerting" || w == "logging":
		return true
	case w == "not" || w == "no" || w == "may" || w == "can" || w == "open" || w == "let" && next == "me":
		return false
	case w == "make" && (next == "sure" || next == "it"):
		return true
	case (w == "give" || w == "grant") && dnsAhead(toks[i+1:]):
		// "allow app=web to reach app=db, and give app=web DNS too": the
		// pods given DNS, a rule of their own.
		return true
	case w == "make" && readOnlyAhead(toks[i+1:]):
		// "audit each execution of /usr/bin/crontab, and make /etc/crontab
		// read-only": a rule of its own.
		return true
	case toks[i].kind == tPath && (next == "is" || next == "are") && i+2 < len(toks) && (restrictionWords[toks[i+2].low] || auditWords[toks[i+2].low] || toks[i+2].low == "read-only" || toks[i+2].low == "readonly"):
		// "only /usr/bin/node may run, and /tmp/ is read-only": a path said
		// to be restricted is a rule of its own.
		return true
	case (w == "its" || w == "their") && next == "only" && i+2 < len(toks) && (ingressWords[toks[i+2].low] || egressWords[toks[i+2].low]):
		// "deny ingress from world, and its only egress is the kube-apiserver"
		return true
	case w == "it" || w == "they" || w == "these" || w == "those":
		// "..., and it only ever talks to the API server": the pronoun's own statement.
		for k := i + 1; k < len(toks) && k <= i+4; k++ {
			if l := toks[k].low; reachVerbs[l] || receiveVerbs[l] || allowWords[l] || denyWords[l] {
				return true
			}
		}
		return false
	}
	if labeledSubjectActs(toks, i) || actorActs(toks, i) {
		return true
	}
	// "..., so take NET_RAW away from them", "so remove CAP_SYS_ADMIN":
	// a capability taken away.
	if removalVerbs[w] || w == "take" {
		k := i + 1
		for k < len(toks) && (determiners[toks[k].low] || toks[k].low == "away") {
			k++
		}
		if k < len(toks) && capabilityWordRE.MatchString(toks[k].low) {
			return true
		}
	}
	return denyWords[w] || allowWords[w] || auditWords[w] && w != "log" && w != "report" || isolateWords[w]
}

// dnsAhead reports whether DNS is named within the next few words, before
// the sentence ends: "give app=web DNS", "grant those pods DNS lookups".
func dnsAhead(toks []token) bool {
	for k := 0; k < len(toks) && k < 8 && toks[k].low != "."; k++ {
		if toks[k].low == "dns" {
			return true
		}
	}
	return false
}

// verbEnd is where the first verb of traffic at or after i stands (its
// object follows), or the sentence's end: "and may only talk to
// app=backend" names its peers after the verb, no subject of its own.
func verbEnd(toks []token, i int) int {
	e := sentenceEnd(toks, i)
	for k := i; k < e; k++ {
		if reachVerbs[toks[k].low] || receiveVerbs[toks[k].low] {
			return k
		}
	}
	return e
}

// labeledSubjectActs reports whether tokens at i are pods named with labels
// in brackets and a verb of traffic after them: "the database server
// (role=db) accepts traffic ...", a statement of their own.
func labeledSubjectActs(toks []token, i int) bool {
	k := i
	for k < len(toks) && k <= i+4 && toks[k].kind == tWord && toks[k].low != "(" {
		k++
	}
	if k >= len(toks) || toks[k].low != "(" || k+1 >= len(toks) || toks[k+1].kind != tLabel {
		return false
	}
	for k < len(toks) && toks[k].low != ")" {
		k++
	}
	k++
	// "(...) in dev", "(...) in namespace dev": where they run.
	if k+1 < len(toks) && toks[k].low == "in" && toks[k+1].kind == tWord {
		k += 2
		if namespaceWords[toks[k-1].low] && k < len(toks) && toks[k].kind == tWord {
			k++
		}
	}
	// "should", "may only", "have to", "need to".
	for k < len(toks) && (toks[k].low == "should" || toks[k].low == "must" || toks[k].low == "may" || toks[k].low == "can" || toks[k].low == "only" || toks[k].low == "will" ||
		(toks[k].low == "have" || toks[k].low == "has" || toks[k].low == "need" || toks[k].low == "needs") && k+1 < len(toks) && toks[k+1].low == "to" || toks[k].low == "to" && k > 0 && toks[k-1].low != "to") {
		k++
	}
	return k < len(toks) && (receiveVerbs[toks[k].low] || reachVerbs[toks[k].low])
}

// gappedAt reports whether tokens at i are pods named by their labels and
// then "only" (or "just") and "from" or "to", with no verb: "the database
// pods (app=database) only from app=backend on 5432", "tier=db pods only
// from tier=api". After a statement, that is a statement of its own whose
// verb is the one before (gappedRoles); "only" keeps it from being more
// peers of the statement before ("from A, and the app=b pods from B").
func gappedAt(toks []token, i int) bool {
	k, label, depth := i, false, 0
	for k < len(toks) && k < i+12 {
		t := toks[k]
		switch {
		case t.low == "(":
			depth++
		case t.low == ")" && depth > 0:
			depth--
		case t.kind == tLabel:
			label = true
		case depth > 0 && (t.kind == tWord || t.low == ","):
		case t.kind == tWord && (determiners[t.low] || podNouns[t.low]):
		case t.kind == tWord && depth == 0 && (t.low == "only" || t.low == "just"):
			n := k
			for n < len(toks) && (toks[n].low == "only" || toks[n].low == "just") {
				n++
			}
			return label && n < len(toks) && (toks[n].low == "from" || toks[n].low == "to")
		case t.kind == tWord && !prepositions[t.low] && !coordinators[t.low] && !verbLike(t.low) && !allowWords[t.low] && !denyWords[t.low] && k < i+3:
		default:
			return false
		}
		k++
	}
	return false
}

// actorActs reports whether tokens at i are a short noun phrase and a verb
// of traffic in its -s form right after it: "Prometheus scrapes 9402 and
// the API server calls the webhooks on 10250", "... and our app=cron pods
// query it": the second one who acts says a statement of its own, not more
// of what the first one reaches.
func actorActs(toks []token, i int) bool {
	k := i
	if k < len(toks) && determiners[toks[k].low] {
		k++
	}
	n := 0
	for k < len(toks) && n < 3 && (toks[k].kind == tWord || toks[k].kind == tLabel) {
		w := toks[k].low
		if prepositions[w] || coordinators[w] || determiners[w] || verbLike(w) || negationWords[w] || w == "or" || w == "nothing" || w == "everything" || w == "anything" {
			break
		}
		k, n = k+1, n+1
	}
	if n == 0 || k+1 >= len(toks) {
		return false
	}
	// The verb has an object right after it ("calls the webhooks", "scrapes
	// 9402"), so a noun in -s ("GET requests on /api", "system calls as
	// well") is no verb.
	w, o := toks[k].low, toks[k+1]
	object := o.kind != tPunct && !prepositions[o.low] && !coordinators[o.low] && o.low != "as" && o.low != "out" && o.low != "in"
	return object && (reachVerbs[w] || receiveVerbs[w]) && strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss")
}

// rationaleAt is the length of a rationale opener at i, or -1.
func rationaleAt(toks []token, i int) int {
	// "so qa-test pods ... can't sneak in", "so nothing in it can be
	// rewritten", "keep DNS working so name lookups don't break": what the
	// rule keeps from happening. (After a comma, "X, so Y don't match it"
	// may end a premise, read whole by the rules of premises.)
	if i+1 < len(toks) && toks[i].low == "so" && !startsStatement(toks, i+1) &&
		slices.ContainsFunc(toks[i+1:sentenceEnd(toks, i+1)], func(t token) bool {
			return t.low == "can't" || t.low == "cannot" || t.low == "won't" || t.low == "until" || t.low == "still" || t.low == "fails" ||
				(t.low == "don't" || t.low == "doesn't" || t.low == "never") && (i == 0 || toks[i-1].kind != tPunct)
		}) {
		return 1
	}
	if i+2 < len(toks) && toks[i].low == "so" && (toks[i+1].low == "nothing" || toks[i+1].low == "nobody") && !startsStatement(toks, i+1) {
		return 1
	}
	// "until the polkit update is rolled out everywhere", "until folks
	// define the egress they need": what will have happened when the
	// policy is no longer needed.
	if untilEvent(toks, i) > 0 {
		return 1
	}
	// "after the migration from flannel is done, turn on ...", "once the
	// rollout is complete, ...": when to apply it, before a comma.
	if i+2 < len(toks) && (toks[i].low == "after" || toks[i].low == "once" || toks[i].low == "when") {
		for k := i + 1; k+1 < len(toks) && toks[k].low != "," && toks[k].low != "."; k++ {
			if (toks[k].low == "is" || toks[k].low == "are" || toks[k].low == "has" || toks[k].low == "have") && doneWords[toks[k+1].low] && (k+2 == len(toks) || toks[k+2].low == ",") {
				return 1
			}
		}
	}
	// "..., no matter what number it maps to": whatever it is, the rule is
	// the same. Not where the traffic comes from or which pods send it
	// ("no matter which namespace they run in"): that would widen the peers.
	if i+1 < len(toks) && toks[i].low == "no" && toks[i+1].low == "matter" &&
		!slices.ContainsFunc(toks[i+2:sentenceEnd(toks, i+2)], func(t token) bool {
			return namespaceWords[t.low] || podNouns[t.low] || ingressWords[t.low] || egressWords[t.low] || t.low == "where" || t.low == "from" || t.low == "who" || peerNouns[t.low]
		}) {
		return 2
	}
	// "... have to connect to X or they never go Ready": what happens
	// without the rule.
	if i+2 < len(toks) && toks[i].low == "or" && (toks[i+1].low == "they" || toks[i+1].low == "it" || toks[i+1].low == "else" || toks[i+1].low == "things" || toks[i+1].low == "we") &&
		slices.ContainsFunc(toks[i+2:dashEnd(toks, i+2)], func(t token) bool {
			return t.low == "never" || t.low == "won't" || t.low == "can't" || t.low == "cannot" || t.low == "fail" || t.low == "fails" || t.low == "break" || t.low == "breaks"
		}) {
		return 1
	}
	// "an SQL injection that lands a shell shouldn't be able to walk off
	// with the tables": what some actor must not manage to do.
	if i+1 < len(toks) && (toks[i].low == "a" || toks[i].low == "an") {
		rest := toks[i+1 : sentenceEnd(toks, i+1)]
		if slices.ContainsFunc(rest, func(t token) bool { return negatedModals[t.low] }) &&
			!slices.ContainsFunc(rest, func(t token) bool {
				return podNouns[t.low] || namespaceWords[t.low] || t.kind != tWord && t.kind != tPunct
			}) {
			return 1
		}
	}
	for _, r := range rationaleStarts {
		ok := i+len(r) <= len(toks)
		for k := 0; ok && k < len(r); k++ {
			ok = toks[i+k].low == r[k]
		}
		if ok {
			return len(r)
		}
	}
	return -1
}
