package builtin

import (
	"slices"
	"strings"

	"github.com/kunerva/kunerva/generator"
)

// enforcers name what enforces policies, as the subject of a sentence
// about how it behaves: "Cilium drops ...", "Layer 7 filtering lets you ...".
var enforcers = set("cilium", "calico", "kubearmor", "antrea", "cni", "filtering", "enforcement", "networkpolicies", "policies")

// enforcerVerbs say, in the present, what an enforcer does or is.
var enforcerVerbs = set("is", "are", "lets", "let", "drops", "drop", "denies", "deny", "blocks", "block", "rejects", "supports", "support", "evaluates", "enforces", "enforce", "works", "work", "matches", "match", "applies", "apply")

// enforcerFact reports whether clause c is a sentence that says how the
// policy engine behaves, not what this policy should do: "On CFKE, Cilium
// drops everything a policy doesn't allow.", "Layer 7 filtering lets you
// allow or deny by HTTP method and URL.", "On our cluster NetworkPolicies
// are mandatory." After an opener of place with no value ("On our
// cluster,"), its subject is an enforcer, its verb is in the present (no
// modal, no imperative), and it names no value, pods, namespace, name of
// the tree or direction, and no "only", "except" or "unless". A verdict it
// says (drops, blocks, denies) is of whatever no policy allows: a word of
// policy and a negation or "unless" follow it.
func enforcerFact(request string, c clause, dismissed []clause, opts generator.Options) bool {
	toks := c.toks
	if len(toks) < 3 {
		return false
	}
	end := strings.TrimSpace(request[toks[len(toks)-1].end:])
	if end != "" && !strings.ContainsAny(end[:1], ".?!;:,-–—") {
		return false
	}
	if before := strings.TrimSpace(request[:toks[0].start]); before != "" && !strings.ContainsAny(before[len(before)-1:], ".?!;:") {
		return false
	}
	p := newParser(request, c, opts)
	n := 0
	// "On CFKE,", "On our cluster": where, in words of no value, before
	// the subject.
	if toks[0].low == "on" || toks[0].low == "in" || toks[0].low == "with" {
		n = 1
		for n < len(toks) && n <= 4 && toks[n].kind == tWord && !enforcers[toks[n].low] {
			n++
		}
		if n < len(toks) && toks[n].low == "," {
			n++
		}
	}
	// The subject: up to three words before the enforcer ("Layer 7
	// filtering", "the plain NetworkPolicies").
	subject := -1
	for k := n; k < len(toks) && k <= n+3; k++ {
		if enforcers[toks[k].low] {
			subject = k
			break
		}
	}
	if subject < 0 || subject+1 >= len(toks) {
		return false
	}
	v := subject + 1
	if w := toks[v].low; w == "also" || w == "always" || w == "already" || w == "just" {
		v++
	}
	if v >= len(toks) || !enforcerVerbs[toks[v].low] {
		return false
	}
	verdict := denyWords[toks[v].low]
	qualified := false
	for k, t := range toks {
		w := t.low
		switch {
		case k == subject-1 && t.kind == tNumber && (toks[k-1].low == "layer"):
			// "Layer 7 filtering"
		case t.kind != tWord && t.kind != tPunct:
			return false
		case podNouns[w] || namespaceWords[w] || ingressWords[w] || egressWords[w] || w == "only" || w == "except" || w == "but" || w == "instead" || w == "without" || processVerbs[w] || fileNouns[w] || writeWords[w]:
			return false
		case w == "should" || w == "must" || w == "need" || w == "needs" || w == "may" || w == "can" || w == "will" || w == "shall":
			return false
		case p.treeHasWorkload(w) || p.treeNamespace(w):
			return false
		case k > v && (policyNouns[w] || w == "unless") && slices.ContainsFunc(toks[k:], func(u token) bool { return negationWords[u.low] || u.low == "unless" || allowWords[u.low] }):
			qualified = true
		}
	}
	return !verdict || qualified
}

// defaultDenyFact reports whether clause c says what happens to traffic no
// policy allows, as a fact: "i.e. any traffic towards pods is blocked
// unless an ingress rule allows it", "everything gets dropped unless a
// policy allows it". Before "unless" it says a verdict in the passive
// ("is blocked", "gets dropped"), with no modal, value, name or pods named
// by a word; after it, only that a policy or rule allows it.
func defaultDenyFact(request string, c clause, opts generator.Options) bool {
	toks := c.toks
	u := slices.IndexFunc(toks, func(t token) bool { return t.low == "unless" })
	if u < 2 {
		return false
	}
	p := newParser(request, c, opts)
	passive := false
	for k, t := range toks[:u] {
		w := t.low
		switch {
		case t.kind != tWord && t.kind != tPunct:
			return false
		case w == "should" || w == "must" || w == "need" || w == "needs" || w == "may" || w == "can" || w == "will" || w == "shall" || w == "only" || w == "except" || w == "but":
			return false
		case p.treeHasWorkload(w) || p.treeNamespace(w) || namespaceWords[w]:
			return false
		case podNouns[w] && k > 0 && !prepositions[toks[k-1].low] && !determiners[toks[k-1].low]:
			return false // "the web pods": pods named by a word
		case denyWords[w] && strings.HasSuffix(w, "ed") && k > 0 && (toks[k-1].low == "is" || toks[k-1].low == "are" || toks[k-1].low == "gets" || toks[k-1].low == "get"):
			passive = true
		case allowWords[w] || denyWords[w] || auditWords[w] || isolateWords[w]:
			return false
		}
	}
	policy, allows := false, false
	for _, t := range toks[u+1:] {
		w := t.low
		switch {
		case policyNouns[w] || w == "rules":
			policy = true
		case allowWords[w] && w != "may" && w != "can" && w != "let" && w != "lets":
			allows = true
		case determiners[w] || ingressWords[w] || egressWords[w] || w == "another" || w == "later" || w == "explicit" || w == "explicitly" || w == "it" || w == "them" || w == "network":
		default:
			return false
		}
	}
	return passive && policy && allows
}

// factVerbs say what something does that is no traffic and no verdict:
// "the entity may not work on AKS", "which Cilium doesn't match", "that we
// can't pin to a fixed ipBlock".
var factVerbs = set("work", "match", "support", "pin", "know", "express", "matter", "apply", "exist", "tell", "cover", "handle", "understand")

// negatedFact reports whether a clause, beside others that make rules,
// only says what something does not do: a negation of a verb of fact
// (factVerbs), and no other word of a verdict, "only" or "except".
func negatedFact(toks []token) bool {
	found := false
	for i := 0; i < len(toks); i++ {
		w := toks[i].low
		n := i + 1
		switch {
		case (w == "may" || w == "can" || w == "do" || w == "does" || w == "did" || w == "will" || w == "would") && n < len(toks) && toks[n].low == "not":
			n++
		case w == "doesn't" || w == "don't" || w == "can't" || w == "cannot" || w == "won't" || w == "didn't":
		default:
			if allowWords[w] || denyWords[w] || auditWords[w] || isolateWords[w] || w == "only" || w == "except" || w == "want" || w == "need" || w == "needs" {
				return false
			}
			continue
		}
		for n < len(toks) && (toks[n].low == "really" || toks[n].low == "always" || toks[n].low == "reliably" || toks[n].low == "even") {
			n++
		}
		if n >= len(toks) || !factVerbs[toks[n].low] && !neededByThem(toks, i, n) {
			return false
		}
		found = true
		i = n
	}
	return found
}

// neededByThem reports whether the negation at i, of the verb at n, is a
// relative clause that ends the clause and says what a thing named before
// it is: "container gets many capabilities it does not need" (blind batch
// 25, before "block the capability net_raw"). The thing is before the
// pronoun, nothing follows the verb; "the api does not need the internet"
// names what it needs, and stays a rule.
func neededByThem(toks []token, i, n int) bool {
	return n == len(toks)-1 && unneededVerbs[toks[n].low] && i >= 2 && (toks[i-1].low == "it" || toks[i-1].low == "they") &&
		toks[i-2].kind == tWord && !determiners[toks[i-2].low] && !prepositions[toks[i-2].low] && !coordinators[toks[i-2].low]
}

// unneededVerbs, negated at the end of a relative clause, say what a thing has
// no use for: "capabilities it does not need".
var unneededVerbs = set("need", "use", "require")

// habitAdverbs say what pods do as a habit, before their verb: "Our
// frontend pods never call the API server", "nginx only ever needs to read
// its TLS material", "checkout usually talks to payments". With no modal
// or verdict before them they state a fact, not a rule.
var habitAdverbs = set("never", "ever", "usually", "normally", "typically", "generally", "mostly", "always", "often", "sometimes", "rarely", "seldom")

// storyVerbs say, in the past, what happened: "the default-deny
// NetworkPolicy landed in the orders namespace", "we rolled out a default
// deny in orders".
//
// Verbs of finding and of an incident, in the past, tell a story too: "our
// auditors flagged the open egress", "the pentest found a shell in the web
// pods", "an attacker popped a shell in our web tier". None is a verdict
// ("blocked", "opened" and "dropped" are not here).
var storyVerbs = set("landed", "went", "rolled", "broke", "happened", "shipped", "merged", "introduced", "applied", "added", "deployed", "installed", "pushed", "began", "caused",
	"flagged", "found", "noticed", "spotted", "discovered", "detected", "observed", "reported", "showed", "revealed", "caught", "saw", "complained",
	"asked", "requested", "breached", "compromised", "exploited", "hijacked", "hacked", "infected", "popped", "exfiltrated", "leaked", "stole")

// storyTimes say when it happened: "last week", "yesterday", "two days ago".
var storyTimes = set("yesterday", "ago", "last", "earlier")

// ruleMarkers, before a habit adverb or anywhere in a story, make the
// clause a rule after all: a modal ("must never call"), an imperative or a
// verdict ("block ..., which never ...").
func ruleMarker(t token) bool {
	w := t.low
	return modals[w] || w == "please" || w == "let" || w == "make" || w == "want" || w == "wants" || w == "need" || w == "needs" ||
		denyWords[w] && !negationWords[w] || allowWords[w] || auditWords[w] || restrictionWords[w]
}

// factClause reports how a clause states a fact instead of a rule: "habit"
// for what pods do ("Our frontend pods (app=frontend) never call the API
// server"), "alert" for an alert's title ("Crypto miner detected"), which
// the parser dismisses, "story" for what happened ("Grafana dashboards went empty after
// the default-deny NetworkPolicy landed in the orders namespace"), or "".
// Alone it is no policy: kunerva asks. A habit with a rule anywhere in
// the clause ("always allow ...", "checkout never talks to the API, so
// block ...") is that rule; "only ever" with "nothing else" in the request
// ("it only ever talks to the API server. Nothing else in or out.") says
// what the pods may do.
func factClause(toks []token, request []token) string {
	rest := slices.ContainsFunc(request, func(t token) bool { return t.low == "else" })
	for n, t := range toks {
		if n == 0 || !habitAdverbs[t.low] {
			continue
		}
		if t.low == "ever" && (toks[n-1].low != "only" || rest) {
			continue
		}
		// "Writes under /usr/bin usually mean compromise": what something
		// means, not what the pods do.
		if n+1 < len(toks) && judgmentWords[toks[n+1].low] {
			continue
		}
		// "nginx only ever needs to read its TLS material": the need is
		// the habit's.
		// "It grants write bypass on any file and nginx only ever ...":
		// what comes before "and" is a statement of its own; a modal
		// before still governs ("may be read but never written").
		from := 0
		for k := n - 1; k >= 0; k-- {
			if w := toks[k].low; w == "and" || w == "but" || w == "yet" {
				from = k + 1
				break
			}
		}
		marked := slices.ContainsFunc(toks[from:n], ruleMarker) || slices.ContainsFunc(toks[:n], func(t token) bool { return modals[t.low] }) || n+1 < len(toks) && ruleMarker(toks[n+1]) && toks[n+1].low != "needs" && toks[n+1].low != "need" ||
			n+2 < len(toks) && slices.ContainsFunc(toks[n+2:], ruleMarker)
		if !marked {
			return "habit"
		}
	}
	if slices.ContainsFunc(toks, func(t token) bool { return modals[t.low] || t.low == "please" || t.low == "let" }) || len(toks) > 0 && ruleMarker(toks[0]) {
		return ""
	}
	alert := ""
	for n, t := range toks {
		switch {
		case storyVerbs[t.low] && alertTitle(toks, n):
			alert = "alert"
		case storyTimes[t.low] && (t.low != "last" || n+1 < len(toks) && timeNouns[toks[n+1].low]) && (t.low != "earlier" || n+1 < len(toks) && toks[n+1].low == "today"):
			return "story"
		// "File download detected: detect curl ...": a participle before a
		// colon is an alert's title.
		case n > 0 && storyVerbs[t.low] && !slices.Contains([]string{"is", "are", "be", "been", "being", "to"}, toks[n-1].low) && !(n+1 < len(toks) && (toks[n+1].low == "by" || toks[n+1].low == ":")) && !placedParticiple(toks, n):
			return "story"
		}
	}
	return alert
}

// placedParticiple reports whether the verb of a story at n only says,
// after a comma, where what the title names goes: "Baseline egress for
// the platform team, applied to all pods in every namespace labeled
// env=production: ...", "Egress baseline, deployed across all pods
// labeled team=data: ...", "..., rolled out to every namespace ...". A
// preposition of place follows it ("out" may stand between); it tells no
// story ("we applied it to orders" does).
func placedParticiple(toks []token, n int) bool {
	k := n + 1
	if k < len(toks) && toks[k].low == "out" {
		k++
	}
	if toks[n-1].low != "," || k >= len(toks) {
		return false
	}
	if toks[k].low == "as" {
		return true // "shipped as an OCI artifact"
	}
	// "Default deny, applied to every pod in namespace orders": beside a
	// deny, "to" reads as the direction of the traffic denied (ingress);
	// it stays a question.
	if slices.ContainsFunc(toks, func(t token) bool { return isolateWords[t.low] || denyWords[t.low] && !negationWords[t.low] }) {
		return false
	}
	return toks[k].low == "to" || toks[k].low == "across" || toks[k].low == "in" || toks[k].low == "on" || toks[k].low == "onto" || toks[k].low == "into"
}

// alertTitle reports whether the story verb at n ends an alert's title,
// the message a policy collection gives its rule: "Potential C2
// communication detected" in quotes or brackets, "access to network files
// detected, possible violation of NIST controls". The participle follows
// its noun and closes the phrase (a bracket, a comma, the end); a story
// has a teller and goes on ("we detected a miner", "nginx was breached").
// The title is words alone, back to a colon, bracket or comma; it is no
// rule, and the parser dismisses it (alertTitles).
func alertTitle(toks []token, n int) bool {
	return alertTitleStart(toks, n) >= 0
}

// alertTitleStart is where the alert title the participle at n ends
// begins, or -1.
func alertTitleStart(toks []token, n int) int {
	if n == 0 || !alertParticiples[toks[n].low] {
		return -1
	}
	if w := toks[n-1].low; tellers[w] || auxiliaries[w] || pronouns[w] || toks[n-1].kind != tWord {
		return -1
	}
	if !(n+1 == len(toks) || toks[n+1].low == "," || toks[n+1].low == ")" || toks[n+1].low == ".") {
		return -1
	}
	k := n - 1
	for k > 0 && toks[k-1].kind == tWord && n-k < 8 {
		k--
	}
	if k > 0 && !slices.Contains([]string{":", "(", ",", "."}, toks[k-1].low) {
		return -1
	}
	return k
}

// alertTitles dismisses the alert titles of the clause: "(\"Potential C2
// communication detected\")", ": access to network files detected,
// possible violation of NIST controls".
func (p *parser) alertTitles() {
	for n := range p.toks {
		k := alertTitleStart(p.toks, n)
		if k < 0 || slices.ContainsFunc(p.claim[k:n+1], func(c string) bool { return c != "" }) {
			continue
		}
		end := n + 1
		// ", possible violation of NIST controls": what the alert may
		// mean, words alone to the end of the clause.
		if p.is(end, ",") && p.is(end+1, "possible", "potential", "likely") {
			e := end + 1
			for e < len(p.toks) && p.toks[e].kind == tWord && !p.taken(e) {
				e++
			}
			if e == len(p.toks) || p.is(e, ".") {
				end = e
			}
		}
		p.take(k, end, "alert-title")
	}
}

// alertParticiples are the story verbs alerts are titled with.
var alertParticiples = set("detected", "observed", "flagged", "spotted", "found", "discovered")

// auxiliaries make the participle a story's verb: "nc use was detected".
var auxiliaries = set("was", "were", "is", "are", "be", "been", "being", "got", "get", "gets", "has", "have", "had")

// tellers tell a story: "we detected", "someone found".
var tellers = set("i", "we", "you", "someone", "somebody", "anyone", "nobody", "who", "that", "which", "they", "he", "she")

// timeNouns follow "last" in a story: "last week".
var timeNouns = set("week", "month", "night", "year", "sprint", "release", "friday", "monday", "tuesday", "wednesday", "thursday", "saturday", "sunday", "quarter", "time")

// bareFact reports whether a clause is a habit or a story that names no
// value and no namespace: beside rules it is their reason, as in "block
// CAP_DAC_OVERRIDE for the app=nginx pods. It grants write bypass on any
// file and nginx only ever needs to read its TLS material." A fact that
// names a namespace or a value ("the default deny landed in the orders
// namespace") may say where the rules apply, and one about traffic ("The
// web pods always need DNS", "they usually talk to the metrics server
// too") may ask for more than the rules allow: it stays a question.
func bareFact(toks, request []token) bool {
	kind := factClause(toks, request)
	if kind == "" {
		return false
	}
	// "The web pods always need the kube API": a habit that negates
	// nothing names what the pods need; only one about files ("nginx only
	// ever needs to read its TLS material") is no traffic.
	has := func(m map[string]bool) bool { return slices.ContainsFunc(toks, func(t token) bool { return m[t.low] }) }
	if kind == "habit" && !has(negationWords) && !has(fileVerbs) {
		return false
	}
	for n, t := range toks {
		w := t.low
		if citedNumber(toks, n) {
			continue // "Our SOC 2 auditor asked for it."
		}
		if t.kind != tWord && t.kind != tPunct || namespaceWords[w] || reachVerbs[w] || receiveVerbs[w] || ingressWords[w] || egressWords[w] || entityWord(w) != "" ||
			meaningWords[w] && !fileVerbs[w] && !habitAdverbs[w] && w != "only" {
			return false
		}
	}
	return true
}

// keptThatWay reports whether the words at i say that what was said
// before should stay so: "(and) we want to keep it that way", "and I'd
// like to keep it that way".
func keptThatWay(toks []token, i int) bool {
	if i < len(toks) && toks[i].low == "and" {
		i++
	}
	for _, ph := range [][]string{{"we", "want", "to"}, {"i", "want", "to"}, {"i'd", "like", "to"}, {"we'd", "like", "to"}, {"i", "would", "like", "to"}, {"we", "would", "like", "to"}} {
		if phraseIn(toks, i, ph) && phraseIn(toks, i+len(ph), []string{"keep", "it", "that", "way"}) {
			return true
		}
	}
	return false
}

// stateKept reports whether a clause says what is not allowed now, in
// words alone: "A container usually isn't allowed to change the system
// time", "pods are not allowed to load modules". A negated allowance, no value, no "only" or "except".
func stateKept(toks []token) bool {
	negated := false
	for n, t := range toks {
		switch {
		case t.kind != tWord:
			return false
		case t.low == "only" || t.low == "except" || t.low == "but":
			return false
		case (t.low == "isn't" || t.low == "aren't") && n+1 < len(toks) && (toks[n+1].low == "allowed" || toks[n+1].low == "permitted"):
			negated = true
		case (t.low == "is" || t.low == "are") && n+2 < len(toks) && toks[n+1].low == "not" && (toks[n+2].low == "allowed" || toks[n+2].low == "permitted"):
			// "Pods usually are not allowed to load modules"
			negated = true
		case (t.low == "may" || t.low == "must" || t.low == "can") && n+1 < len(toks) && toks[n+1].low == "not" || t.low == "cannot" || t.low == "can't" || t.low == "mustn't":
			// "Containers may not load modules", "pods cannot change the clock"
			negated = true
		}
	}
	return negated
}
