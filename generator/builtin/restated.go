package builtin

import (
	"slices"
	"strings"

	"github.com/kunerva/kunerva/generator"
)

// restatedVerdict reports whether a clause only says again, of what the
// rules before it named, the verdict they already have: "nobody should be
// running kubectl inside the app=x pods. Block it.", "... Audit that.",
// "Deny just that.", "Only that address should be blocked." The clause is
// a verdict word and a word pointing back (in either order, the verdict
// then a participle after a modal), and every rule before it has that
// verdict.
func restatedVerdict(toks []token, before []*generator.Intent) bool {
	n := 0
	for n < len(toks) && (toks[n].low == "please" || toks[n].low == "so" || toks[n].low == "then" || toks[n].low == "just" || toks[n].low == "only") {
		n++
	}
	if n+1 >= len(toks) {
		return false
	}
	action, verdict, end, ok := verbThenPointer(toks, n)
	// "... are denied TCP 25 to 0.0.0.0/0. Deny only; their other egress
	// stays": the verdict, and "only", says the policy denies and allows
	// nothing. Not "allow only", which may open an allow-list.
	if a, deny := restatedVerbs[toks[n].low]; !ok && deny && a != generator.ActionAllow && toks[n+1].low == "only" {
		action, verdict, end, ok = a, verdictOf(a), n+2, true
	}
	if !ok {
		action, verdict, end, ok = pointerThenParticiple(toks, n)
	}
	if !ok {
		return false
	}
	for _, t := range toks[end:] {
		if t.kind != tPunct {
			return false
		}
	}
	rules := 0
	for _, in := range before {
		for _, x := range append([]*generator.Intent{in}, in.Others...) {
			for _, r := range x.System {
				if r.Action != action {
					return false
				}
				rules++
			}
			for _, r := range x.Network {
				if r.Verdict != verdict {
					return false
				}
				rules++
			}
		}
	}
	return rules > 0
}

// restatedContext reports whether clause c is a whole sentence of context whose
// values the clauses that make rules all say again: "Mounting
// /var/run/docker.sock gives a container root on the host. ... block any
// access to /var/run/docker.sock for them." It says no verdict, direction or
// exception, and names at least one value.
func restatedContext(request string, c clause, ruled, dismissed []clause) bool {
	if !wholeSentence(request, c, dismissed) {
		return false
	}
	said := map[string]bool{}
	for _, r := range ruled {
		for _, t := range r.toks {
			said[strings.TrimSuffix(t.low, "/")] = true
		}
	}
	for _, r := range ruled {
		for _, t := range r.toks {
			if capabilityWordRE.MatchString(t.low) {
				said[capabilityKey(t.low)] = true
			}
		}
	}
	entities := map[string]bool{}
	for _, r := range ruled {
		for _, t := range r.toks {
			entities[entityWord(t.low)] = true
		}
	}
	values, entityValues, unsaidEntity := 0, 0, false
	so := consequenceAt(c.toks)
	for n, t := range c.toks {
		w := t.low
		switch {
		case w == "cluster" && !slices.ContainsFunc(c.toks[:n], func(u token) bool { return prepositions[u.low] }):
			// "Brand new cluster exposed directly to the internet": the
			// cluster the sentence is about, not a peer.
		case entityWord(w) != "" && t.kind == tWord:
			// "... exposed directly to the internet. The ingress pods should
			// accept connections from the internet": a peer said again. One
			// not said again may be lost when peers are all it names.
			if entities[entityWord(w)] {
				values++
				entityValues++
			} else {
				unsaidEntity = true
			}
		case capabilityValue(t) && said[capabilityKey(w)]:
			// "Docker's default capability set includes CAP_NET_RAW. Block
			// net_raw for ...": a capability the rules name again.
			values++
		case (w == "grants" || w == "gives" || w == "hands") && n+1 < len(c.toks) && capabilityValue(c.toks[n+1]) && said[capabilityKey(c.toks[n+1].low)]:
			// "The runtime grants CAP_SYS_ADMIN by default": what a
			// capability set holds, not a rule.
		case so > 0 && n > so && (allowWords[w] || fileVerbs[w] || processVerbs[w] || writeWords[w]):
			// "..., so every app container can open raw sockets": what
			// anything can do as things stand.
		case canOfFact(c.toks, n) || modalOfFact(c.toks, n):
			// "Network sniffing via tcpdump can capture credentials"
		case notThisPort(c.toks, n) >= 0 || n > 0 && notThisPort(c.toks, n-1) >= 0:
			// "pods that listen on 5353, not 53"
		case (w == "cannot" || w == "can't" || w == "couldn't") && afterEnabling(c.toks):
			// "After enabling network policy, Prometheus cannot reach the
			// metric port (9090)": what broke, the rules say it again.
		case denyWords[w] || allowWords[w] || auditWords[w] || isolateWords[w] || restrictionWords[w] || ingressWords[w] || egressWords[w] || negationWords[w] ||
			w == "only" || w == "except" || w == "but" || w == "unless" || w == "instead" || w == "without":
			return false
		case (w == "stay" || w == "stays" || w == "remain" || w == "remains") && n+1 < len(c.toks) && stayOutWords[c.toks[n+1].low]:
			// "The app=db pods accept TCP 5432 from app=api. The app=api
			// pods stay out.": what stays out is a verdict (set aside as
			// context, the rule let app=api in).
			return false
		case t.kind != tWord && t.kind != tPunct:
			if !said[strings.TrimSuffix(w, "/")] {
				return false
			}
			values++
		case knownExecutables[w] && said[w] && entityWord(w) == "" && !podNouns[w]:
			values++ // "Network sniffing via tcpdump ...": the tool a rule names again
		}
	}
	return values > 0 && !(unsaidEntity && values == entityValues)
}

// capabilityValue reports whether t names a capability as a value:
// "CAP_NET_RAW", "net_raw", "NET_ADMIN" (not the word "chown").
func capabilityValue(t token) bool {
	return t.kind == tWord && capabilityWordRE.MatchString(t.low) && (strings.Contains(t.low, "_") || t.raw == strings.ToUpper(t.raw))
}

// capabilityKey is a capability's name without its cap_ prefix, as the
// request may say it either way ("CAP_NET_RAW", "net_raw").
func capabilityKey(w string) string { return strings.TrimPrefix(w, "cap_") }

// consequenceSubjects open what anything at all can do: "every app
// container", "anything inside", "any process in the container".
var consequenceSubjects = set("any", "every", "each", "all", "anything", "anyone", "anybody", "everything", "everyone", "everybody", "whatever", "whoever")

// consequenceAt is the index of the "so" of a fact's consequence, "...,
// so every app container can open raw and packet sockets": after a comma,
// a subject that is anything at all, then "can" or "could"; or 0. The
// consequence says what is possible as things stand, not who may.
func consequenceAt(toks []token) int {
	for n := 1; n+2 < len(toks); n++ {
		if toks[n].low != "so" || toks[n-1].low != "," || !consequenceSubjects[toks[n+1].low] {
			continue
		}
		for k := n + 2; k < len(toks) && k < n+8; k++ {
			w := toks[k].low
			if w == "can" || w == "could" {
				return n
			}
			if toks[k].kind != tWord || hasStatement(toks[k:k+1]) || meaningful(toks[k]) {
				return 0
			}
		}
		return 0
	}
	return 0
}

// notThisPort reads, at the "not" of "listen on 5353, not 53" (or
// "exposes 8080, not 443", portSaidWords), the port said and then one it
// is not (not after a range: "ports 8000-9000, not
// 8080" is an exception): the end of the words, or -1.
//
// The port it is not may be named by what it was or usually is: "on its
// custom port 6432, not the hardcoded 5432", "on port 3307, not the
// default 3306", "not the old port 8080" (otherPortWords).
func notThisPort(toks []token, n int) int {
	if n < 3 || toks[n].low != "not" || toks[n-1].low != "," || toks[n-2].kind != tNumber || n+1 >= len(toks) {
		return -1
	}
	if !portSaidWords[toks[n-3].low] {
		return -1
	}
	k := n + 1
	for k < len(toks) && k <= n+3 && otherPortWords[toks[k].low] {
		k++
	}
	if k >= len(toks) || toks[k].kind != tNumber {
		return -1
	}
	if k+1 < len(toks) && toks[k+1].low != "," && toks[k+1].low != "." && toks[k+1].low != ";" {
		return -1
	}
	return k + 1
}

// portSaidWords stand before the port a pod has: "listen on 5353",
// "port 6432", "exposes 8080", "serves 9443", "uses 6432", "the metrics
// port is 9100".
var portSaidWords = set("on", "port", "ports", "exposes", "expose", "serves", "serve", "uses", "use", "is", "at")

// otherPortWords name the port a request says it does not mean by what it
// was or usually is: "not the hardcoded 5432", "not the default port 3306".
var otherPortWords = set("the", "its", "their", "default", "hardcoded", "hard-coded", "standard", "usual", "old", "former", "previous", "regular", "normal", "stock", "port")

// auditRestated reports whether a clause only says that auditing is meant,
// not blocking: "we want the finding, not a block", "do not block them",
// "without blocking anything".
func auditRestated(toks []token) bool {
	// "Just alert for now, we're still building a baseline": audit, said again.
	if len(toks) > 2 && (toks[0].low == "just" || toks[0].low == "only") && auditWords[toks[1].low] && phraseIn(toks, 2, []string{"for", "now"}) && !hasValue(toks) &&
		!slices.ContainsFunc(toks, func(t token) bool {
			return podNouns[t.low] || namespaceWords[t.low] || denyWords[t.low] || allowWords[t.low]
		}) {
		return true
	}
	if auditOnlyReason(toks) {
		return true
	}
	neg, block := false, false
	for n, t := range toks {
		switch w := t.low; {
		case w == "not" || w == "without" || w == "don't" || w == "no" || w == "never":
			neg = true
			// what is negated is the block ("don't block anything, just
			// report it"), not the report ("don't report it, just block it")
			k := n + 1
			for k < len(toks) && (determiners[toks[k].low] || toks[k].low == "to" || toks[k].low == "want" || toks[k].low == "just" || toks[k].low == "only" || toks[k].low == "merely" || toks[k].low == "simply") {
				k++
			}
			if k < len(toks) && (auditWords[toks[k].low] || toks[k].low == "know" || toks[k].low == "see") {
				return false
			}
		case w == "block" || w == "blocking" || w == "blocks" || w == "deny" || w == "denying" || w == "prevent" || w == "preventing" || w == "enforce" || w == "enforcing" || w == "intercept" || w == "intercepting" ||
			// "writes should raise an alert but not be blocked"
			(w == "blocked" || w == "denied" || w == "prevented") && n > 1 && toks[n-1].low == "be" && (toks[n-2].low == "not" || toks[n-2].low == "never"):
			block = true
		case (w == "raise" || w == "raises" || w == "trigger" || w == "triggers") && n+2 < len(toks) && (toks[n+1].low == "an" || toks[n+1].low == "a") && (toks[n+2].low == "alert" || toks[n+2].low == "alarm"),
			(w == "should" || w == "must") && slices.ContainsFunc(toks[n+1:], func(u token) bool { return u.low == "alert" || u.low == "alarm" }),
			w == "be" && n+1 < len(toks) && restatedParticiples[toks[n+1].low] == generator.ActionBlock:
			// "should raise an alert", "be" before the block negated
		case t.kind == tPunct || fillerWords[w] || determiners[w] || w == "finding" || w == "findings" || w == "alert" || w == "alerts" || w == "anything" || w == "them" ||
			w == "just" || w == "yet" || w == "for" || w == "now" || w == "visibility" || w == "only" || auditWords[w] || w == "it" ||
			// "We don't want to intercept X, but we do want to know about it."
			w == "we" || w == "want" || w == "to" || w == "but" || w == "do" || w == "know" || w == "about":
			// "Don't block anything, just report it."
		default:
			return false
		}
	}
	return neg && block
}

// readsLeftOut is a clause without its opening "Reads are fine (and stay
// quiet)," when a clause among others audits writes alone ("detect any
// attempt to modify ... Reads are fine and stay quiet, writes should raise
// an alert but not be blocked"): reads are what the audit of writes
// leaves out. Otherwise it is the clause.
func readsLeftOut(toks []token, others []clause) []token {
	c := slices.IndexFunc(toks, func(t token) bool { return t.low == "," })
	if c < 3 || !readsStayFine(toks[:3]) {
		return toks
	}
	switch tail := toks[3:c]; {
	case len(tail) == 0:
	case len(tail) == 3 && tail[0].low == "and" && (tail[1].low == "stay" || tail[1].low == "stays" || tail[1].low == "remain") && (tail[2].low == "quiet" || tail[2].low == "silent" || tail[2].low == "unlogged"):
	default:
		return toks
	}
	if !slices.ContainsFunc(others, func(o clause) bool {
		return slices.ContainsFunc(o.toks, func(t token) bool { return auditWords[t.low] }) &&
			slices.ContainsFunc(o.toks, func(t token) bool { return writeWords[t.low] && t.low != "read-only" && t.low != "readonly" })
	}) {
		return toks
	}
	return toks[c+1:]
}

// withoutAudited is a clause without the values (a syscall, a path, a
// label) that a clause among others which audits names too.
func withoutAudited(toks []token, others []clause) []token {
	audited := map[string]bool{}
	writes := false
	for _, o := range others {
		if slices.ContainsFunc(o.toks, func(t token) bool { return auditWords[t.low] }) {
			for _, t := range o.toks {
				audited[t.low] = true
				writes = writes || writeWords[t.low] && t.low != "read-only" && t.low != "readonly"
			}
		}
	}
	var out []token
	for _, t := range toks {
		// "detect any attempt to modify X ... writes should raise an
		// alert": writes are what the audit of modifying names.
		if writes && writeWords[t.low] && t.low != "read-only" && t.low != "readonly" {
			continue
		}
		if !audited[t.low] || fillerWords[t.low] || determiners[t.low] || auditWords[t.low] || denyWords[t.low] || negationWords[t.low] {
			out = append(out, t)
		}
	}
	return out
}

// auditOnlyReason reports whether a clause says "audit only" with a reason
// beside it that names nothing a rule could use: "Alert only, legitimate
// admin scripts may do this too", "admins sometimes use it for
// troubleshooting, so alert only".
func auditOnlyReason(toks []token) bool {
	at := -1
	for i := 0; i+1 < len(toks); i++ {
		if auditWords[toks[i].low] && toks[i+1].low == "only" || (toks[i].low == "only" || toks[i].low == "just") && auditWords[toks[i+1].low] {
			at = i
			break
		}
	}
	if at < 0 {
		return false
	}
	// The audit stands apart: first, after ", so", or before a comma.
	first := at == 0 || at >= 2 && toks[at-1].low == "so" && toks[at-2].kind == tPunct
	apart := at+2 < len(toks) && toks[at+2].kind == tPunct
	if !first && !apart {
		return false
	}
	for i, t := range toks {
		w := t.low
		if i == at || i == at+1 {
			continue
		}
		if t.kind != tWord && t.kind != tPunct || podNouns[w] || namespaceWords[w] || denyWords[w] || isolateWords[w] || ingressWords[w] || egressWords[w] ||
			negationWords[w] || auditWords[w] || fileNouns[w] || processNouns[w] || knownExecutables[w] || w == "except" || w == "but" || w == "unless" {
			return false
		}
	}
	return true
}

// restReaches reports whether a clause says that nothing else may reach
// pods named before it: "- nothing else should reach the back end",
// "nobody else gets into cart". The words after the verb must all stand in
// the request before the clause, so they can only name what it named.
func restReaches(toks []token, before string) bool {
	i := 0
	for i < len(toks) && toks[i].kind == tPunct {
		i++
	}
	if i+2 >= len(toks) || !(toks[i].low == "nothing" || toks[i].low == "nobody" || toks[i].low == "no" && toks[i+1].low == "one") {
		return false
	}
	k := i + 1
	for k < len(toks) && (toks[k].low == "one" || toks[k].low == "else" || toks[k].low == "other" || fillerWords[toks[k].low] && !prepositions[toks[k].low] && !restGets[toks[k].low]) {
		k++
	}
	if !hasWord(toks[i:k], "else") && !hasWord(toks[i:k], "other") {
		return false
	}
	if k >= len(toks) || !(reachVerbs[toks[k].low] || restGets[toks[k].low]) {
		return false
	}
	k++
	for k < len(toks) && (toks[k].low == "in" || toks[k].low == "into" || toks[k].low == "to") {
		k++
	}
	named := false
	low := strings.ToLower(before)
	for _, t := range toks[k:] {
		switch {
		case t.kind == tPunct || determiners[t.low] || t.low == "its" || t.low == "their":
		case t.kind == tWord && strings.Contains(low, t.low):
			named = true
		default:
			return false
		}
	}
	return named
}

// restGets are the verbs of "nobody else gets into cart".
var restGets = set("gets", "get", "comes", "come")

// onlyRestated reports whether a clause only says again what "only" in the
// clause before it says: "- not every microservice in finance", "not all
// of them". It holds words alone, no values.
func onlyRestated(toks []token) bool {
	i := 0
	for i < len(toks) && toks[i].kind == tPunct {
		i++
	}
	if i+1 >= len(toks) || toks[i].low != "not" || !(toks[i+1].low == "every" || toks[i+1].low == "all" || toks[i+1].low == "any" || toks[i+1].low == "just" || toks[i+1].low == "everyone" || toks[i+1].low == "everybody" || toks[i+1].low == "anyone") {
		return false
	}
	for _, t := range toks[i+2:] {
		if t.kind != tWord && t.kind != tPunct || denyWords[t.low] || allowWords[t.low] || isolateWords[t.low] || auditWords[t.low] || t.low == "except" || t.low == "but" {
			return false
		}
	}
	return true
}

// stillPurpose reports whether tokens say what the rule before keeps
// working: "so cluster monitoring can still scrape it". It opens with "so",
// has "can still" and a pronoun for the pods, and its other words all stand
// in the request before it, so it names nothing new.
func stillPurpose(toks []token, before string) bool {
	if len(toks) < 5 || toks[0].low != "so" || !slices.ContainsFunc(toks, func(t token) bool { return t.low == "still" }) ||
		!slices.ContainsFunc(toks, func(t token) bool { return t.low == "it" || t.low == "them" }) {
		return false
	}
	low := strings.ToLower(before)
	for _, t := range toks[1:] {
		w := t.low
		switch {
		case t.kind == tPunct || determiners[w] || w == "can" || w == "still" || w == "it" || w == "them" || reachVerbs[w] || receiveVerbs[w]:
		case t.kind == tWord && strings.Contains(low, w) && !podNouns[w] && !namespaceWords[w] && !meaningWords[w]:
		default:
			return false
		}
	}
	return true
}

// byDefault reports whether a clause only says that the rest is blocked
// by default: "blocking by default", "denied by default".
func byDefault(toks []token) bool {
	return len(toks) == 3 && (toks[0].low == "blocking" || toks[0].low == "blocked" || toks[0].low == "denied" || toks[0].low == "deny" || toks[0].low == "dropped") &&
		toks[1].low == "by" && toks[2].low == "default"
}

// valuesOnly reports whether tokens only list HTTP methods and ports:
// "methods GET, PUT and POST, port 8080".
func valuesOnly(toks []token) bool {
	method := false
	for _, t := range toks {
		switch {
		case methods[t.low] && strings.ToUpper(t.raw) == t.raw:
			method = true
		case t.kind == tNumber || t.kind == tPunct || t.kind == tPortProto || protocolWords[t.low],
			t.low == "method" || t.low == "methods" || t.low == "port" || t.low == "ports" || t.low == "and" || t.low == "or" || t.low == "on":
		default:
			return false
		}
	}
	return method
}

// glossMarkers say that what follows says again, in full, what stands
// before them: "only open the gateway -> callback hop, i.e. envoy
// (app.kubernetes.io/name=envoy) may reach it on 8080".
var glossMarkers = [][]string{{"i.e."}, {"i.e"}, {"in", "other", "words"}, {"that", "is"}, {"namely"}}

// glossConditions limit a rule in a way a gloss may leave out.
var glossConditions = set("except", "unless", "if", "when", "while", "until", "during", "after", "before", "for", "between", "then")

// glossAt is the length of the gloss marker at i, with the comma or colon
// after it, or 0.
func glossAt(toks []token, i int) int {
	for _, m := range glossMarkers {
		if phraseIn(toks, i, m) {
			n := len(m)
			if i+n < len(toks) && (toks[i+n].low == "," || toks[i+n].low == ":") {
				n++
			}
			return n
		}
	}
	return 0
}

// glossed reports whether gloss, after a gloss marker, says in full what
// before says in general words: a statement about pods named by labels,
// where before names no value, and both allow or both deny, in the same
// direction. "Block the metadata endpoint, i.e. the app=web pods may reach
// 169.254.169.254" says two things, and stays one clause.
func glossed(before, gloss []token) bool {
	if len(before) == 0 || hasValue(before) || !hasStatement(gloss) || !slices.ContainsFunc(gloss, func(t token) bool { return t.kind == tLabel }) {
		return false
	}
	// "Open the db to the api and the workers, i.e. app=api may reach
	// ...", "Let the scrapers in except on weekends, i.e. ...": a list or
	// a condition the gloss may not say again.
	if slices.ContainsFunc(before, func(t token) bool { return coordinators[t.low] || t.low == "," || glossConditions[t.low] }) {
		return false
	}
	denies := func(toks []token) bool {
		return slices.ContainsFunc(toks, func(t token) bool { return denyWords[t.low] || isolateWords[t.low] || negationWords[t.low] })
	}
	if denies(before) != denies(gloss) {
		return false
	}
	return !(slices.ContainsFunc(before, func(t token) bool { return egressWords[t.low] }) && !slices.ContainsFunc(gloss, func(t token) bool { return egressWords[t.low] }) ||
		slices.ContainsFunc(before, func(t token) bool { return ingressWords[t.low] }) && !slices.ContainsFunc(gloss, func(t token) bool { return ingressWords[t.low] || receiveVerbs[t.low] }))
}

// onlyThemAgain reads "..., and only from them" at the end of a sentence:
// "the component=clientdb pods accept anything from the component=clientapi
// pods, and only from them". The pronoun points back at the peers just
// named, and "only" says again what an allow already does: nothing else
// gets in (or out, "and only to them"). It holds when every rule of the
// intent allows, in the direction of the preposition, to named peers; the
// words are claimed so the pronoun is not asked about.
func (p *parser) onlyThemAgain(i int, in *generator.Intent) bool {
	if !p.is(i, "them", "those", "these", "it") || !p.is(i-2, "only") || !p.is(i-3, "and", ",") || len(in.Network) == 0 ||
		i+1 < len(p.toks) && !p.is(i+1, ".", ";", ")") {
		return false
	}
	dir := generator.Ingress
	switch {
	case p.is(i-1, "to", "towards"):
		dir = generator.Egress
	case !p.is(i-1, "from"):
		return false
	}
	for _, r := range in.Network {
		if r.Verdict != generator.Allow || r.Direction != dir || len(r.Peers) == 0 {
			return false
		}
	}
	p.take(i-2, i+1, "only-them-again")
	return true
}
