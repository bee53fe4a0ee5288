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

// notThisPort reads, at the "not" of "listen on 5353, not 53", the port
// said and then one it is not (not after a range: "ports 8000-9000, not
// 8080" is an exception): the end of the words, or -1.
//
// The port it is not may be named by what it was or usually is: "on its
// custom port 6432, not the hardcoded 5432", "on port 3307, not the
// default 3306", "not the old port 8080" (otherPortWords).
func notThisPort(toks []token, n int) int {
	if n < 3 || toks[n].low != "not" || toks[n-1].low != "," || toks[n-2].kind != tNumber || n+1 >= len(toks) {
		return -1
	}
	if w := toks[n-3].low; w != "on" && w != "port" && w != "ports" {
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
		case w == "block" || w == "blocking" || w == "blocks" || w == "deny" || w == "denying" || w == "prevent" || w == "preventing" || w == "enforce" || w == "enforcing" || w == "intercept" || w == "intercepting":
			block = true
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

// withoutAudited is a clause without the values (a syscall, a path, a
// label) that a clause among others which audits names too.
func withoutAudited(toks []token, others []clause) []token {
	audited := map[string]bool{}
	for _, o := range others {
		if slices.ContainsFunc(o.toks, func(t token) bool { return auditWords[t.low] }) {
			for _, t := range o.toks {
				audited[t.low] = true
			}
		}
	}
	var out []token
	for _, t := range toks {
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

// nobodyElse reports whether a clause says that nothing but what an "only"
// named may do it, in words alone: "Nothing else on the box has a reason to
// open them", "nobody else needs it".
func nobodyElse(toks []token) bool {
	ok := len(toks) > 2 && (toks[0].low == "nothing" || toks[0].low == "nobody" || toks[0].low == "noone" || toks[0].low == "anything" || toks[0].low == "anyone") && toks[1].low == "else" ||
		len(toks) > 3 && toks[0].low == "no" && toks[1].low == "one" && toks[2].low == "else"
	return ok && !hasValue(toks) && !slices.ContainsFunc(toks, func(t token) bool {
		return t.low == "except" || t.low == "but" || t.low == "allow" || t.low == "allowed" || t.low == "permit" || t.low == "permitted"
	})
}

// keepOthersOut reports whether a clause only says to keep the others out:
// "keep the other tenants out", "keep everyone else out", after a heading
// whose words the allow-list says again or that name nothing ("Baseline
// for the tenant-acme namespace: keep the other tenants out").
func keepOthersOut(toks, allowList []token) bool {
	k := slices.IndexFunc(toks, func(t token) bool { return t.low == "keep" || t.low == "keeps" })
	if k < 0 || toks[len(toks)-1].low != "out" {
		return false
	}
	if k > 0 {
		if toks[k-1].low != ":" {
			return false
		}
		for _, t := range toks[:k-1] {
			w := t.low
			if t.kind != tWord || !(fillerWords[w] || determiners[w] || prepositions[w] || policyNouns[w] || namespaceWords[w] || headingNouns[w] || hasWord(allowList, w)) {
				return false
			}
		}
	}
	others := false
	for i, t := range toks[k+1 : len(toks)-1] {
		w := t.low
		switch {
		case w == "other" || w == "others" || w == "outsiders" || w == "strangers" || (w == "else" || w == "rest") && i > 0:
			others = true
		case w == "the" || w == "all" || w == "any" || w == "everyone" || w == "everybody" || w == "anyone" || w == "anybody" || w == "everything" ||
			w == "tenants" || w == "teams" || w == "namespaces" || w == "pods" || w == "workloads" || w == "traffic" || w == "callers" || w == "clients":
		default:
			return false
		}
	}
	return others
}

// separateTenants reports whether a clause only says to separate tenants
// by namespace: "Separate the acme tenant at the namespace level",
// "separate tenants at the namespace level, starting with data". Every
// name it gives the allow-list says again, and the allow-list is of pods
// of a namespace.
func separateTenants(toks, allowList []token) bool {
	if len(toks) < 2 || !(toks[0].low == "separate" || toks[0].low == "segregate") || !hasWord(allowList, "namespace") {
		return false
	}
	tenant := false
	for _, t := range toks[1:] {
		w := t.low
		switch {
		case w == "tenant" || w == "tenants":
			tenant = true
		case determiners[w] || w == "at" || w == "by" || w == "per" || w == "namespace" || w == "level" || w == "starting" || w == "with" || w == ",":
		case t.kind == tWord && hasWord(allowList, w) && !meaningWords[w] && !allowWords[w] && !denyWords[w]:
		default:
			return false
		}
	}
	return tenant
}

// headingNouns name what a heading is about and nothing a rule needs:
// "Baseline for the tenant-acme namespace: ...".
var headingNouns = set("baseline", "default", "defaults", "tenant", "tenants", "tenancy", "multi-tenancy")

// ingressAllowList reports whether a clause is an allow-list of what the
// pods receive: "only", and traffic from peers, never to them. It names its
// pods itself: with a pronoun ("its pods should only accept ..."), the
// pods would be those of the clause the goal is said in.
func ingressAllowList(toks []token) bool {
	return hasWord(toks, "only") && slices.ContainsFunc(toks, func(t token) bool { return t.low == "from" || receiveVerbs[t.low] || ingressWords[t.low] }) &&
		!slices.ContainsFunc(toks, func(t token) bool {
			return egressWords[t.low] || t.low == "to" || denyWords[t.low] || isolateWords[t.low] || pronouns[t.low]
		})
}

// offLimits reports whether a clause only says, in words, that something is
// not allowed: "Searching is off limits for it". After an "only" it says
// again what the allow-list leaves out.
func offLimits(toks []token) bool {
	copula := hasWord(toks, "is") || hasWord(toks, "are")
	limit := hasWord(toks, "limits") && hasWord(toks, "off") || hasWord(toks, "forbidden") || hasWord(toks, "prohibited") || hasWord(toks, "banned")
	return copula && limit && wordsOnly(toks)
}

// allowList reports whether a clause says that what it names is all:
// "only", "and that's it", "nothing else".
func allowList(toks []token) bool {
	for i, t := range toks {
		if t.low == "only" || t.low == "else" || t.low == "that's" && i+1 < len(toks) && (toks[i+1].low == "it" || toks[i+1].low == "all") || t.low == "more" && i > 0 && toks[i-1].low == "nothing" {
			return true
		}
	}
	return false
}

// notTheseToo reports whether a clause only names, after "no" or "not",
// HTTP methods or DNS names that the words before it never name: "no POSTs
// or DELETEs", "not my.second.domain.com or anything else".
func notTheseToo(toks []token, before string) bool {
	if len(toks) < 2 || toks[0].low != "no" && toks[0].low != "not" {
		return false
	}
	items := 0
	for n := 1; n < len(toks); n++ {
		t := toks[n]
		m := strings.TrimSuffix(t.raw, "s")
		switch {
		case t.kind == tDomain && !strings.Contains(strings.ToLower(before), t.low):
			items++
		case t.kind == tWord && methods[strings.ToLower(m)] && strings.ToUpper(m) == m && !strings.Contains(before, m):
			items++
		case t.low == "," || t.low == "or" || t.low == "nor" || t.low == "and":
		case t.low == "anything" && n+1 < len(toks) && toks[n+1].low == "else" && n+2 == len(toks):
			n++
		default:
			return false
		}
	}
	return items > 0
}

// notAllowedEnd reports whether toks end in "anything that isn't
// (explicitly) allowed".
func notAllowedEnd(toks []token) bool {
	n := len(toks)
	if n < 4 || !(toks[n-1].low == "allowed" || toks[n-1].low == "permitted" || toks[n-1].low == "listed") {
		return false
	}
	k := n - 2
	if toks[k].low == "explicitly" || toks[k].low == "specifically" || toks[k].low == "expressly" {
		k--
	}
	if k >= 0 && toks[k].low == "not" {
		k--
	}
	return k >= 2 && (toks[k].low == "isn't" || toks[k].low == "is" || toks[k].low == "aren't" || toks[k].low == "are") && (toks[k-1].low == "that" || toks[k-1].low == "which") &&
		(toks[k-2].low == "anything" || toks[k-2].low == "everything")
}

// noAddressRules reports whether a clause only asks for DNS names rather
// than addresses: "Its IPs change all the time so no CIDR rules please",
// "no brittle IP lists". It holds no value.
func noAddressRules(toks []token) bool {
	no, addr := false, false
	for i, t := range toks {
		w := t.low
		no = no || w == "no" || w == "not" || w == "without" || w == "rather" || w == "don't"
		addr = addr || (w == "cidr" || w == "ip" || w == "ips" || w == "ipblock" || w == "ipblocks" || w == "address" || w == "addresses") &&
			i+1 < len(toks) && (toks[i+1].low == "rules" || toks[i+1].low == "lists" || toks[i+1].low == "list" || toks[i+1].low == "blocks" || toks[i+1].low == "ranges" || toks[i+1].low == "rule") ||
			// "I don't want to hardcode the apiserver endpoint IPs in an ipBlock"
			(w == "hardcode" || w == "hard-code" || w == "hardcoded" || w == "hard-coded") && slices.ContainsFunc(toks[i+1:], func(t token) bool {
				return t.low == "ips" || t.low == "addresses" || t.low == "cidrs" || t.low == "ipblock" || t.low == "ipblocks"
			})
	}
	// "the apiserver endpoint IPs": whose addresses, not pods.
	ips := func(n int) bool {
		return n+1 < len(toks) && (toks[n+1].low == "ips" || toks[n+1].low == "addresses")
	}
	if !no || !addr || hasValue(toks) {
		return false
	}
	for n, t := range toks {
		if podNouns[t.low] && !ips(n) {
			return false
		}
	}
	return !slices.ContainsFunc(toks, func(t token) bool {
		w := t.low
		return namespaceWords[w] || w == "except" || w == "only" || w == "dns" || w == "need" || w == "needs" || keepWorking[w] || denyWords[w] && !negationWords[w] ||
			allowWords[w] || auditWords[w] || isolateWords[w] || reachVerbs[w] || receiveVerbs[w] || ingressWords[w] || egressWords[w]
	})
}

// directionLeftAlone reports whether a clause only says that the other
// direction is not restricted: "Egress from the database stays open",
// "ingress of those pods is untouched". The words between the direction and
// the verb must all stand earlier in the request, so they can only name
// what it named.
func directionLeftAlone(toks []token, before string) bool {
	i := 0
	for i < len(toks) && (toks[i].kind == tPunct || coordinators[toks[i].low] || toks[i].low == "the" || toks[i].low == "their" || toks[i].low == "its") {
		i++
	}
	if i >= len(toks) || !ingressWords[toks[i].low] && !egressWords[toks[i].low] {
		return false
	}
	lower := strings.ToLower(before)
	for k := i + 1; k < len(toks); k++ {
		w := toks[k].low
		if w == "stays" || w == "stay" || w == "remains" || w == "remain" || w == "is" || w == "are" {
			if k+1 < len(toks) && (toks[k+1].low == "open" || toks[k+1].low == "untouched" || toks[k+1].low == "unaffected" || toks[k+1].low == "unchanged" || toks[k+1].low == "unrestricted") {
				// ("Outbound traffic stays open, except to 169.254.169.254"
				// says more after the comma.)
				return punctOnly(toks[k+2:])
			}
			return false
		}
		if toks[k].kind != tWord || !(w == "from" || w == "of" || w == "for" || determiners[w] || strings.Contains(lower, w)) {
			return false
		}
	}
	return false
}

// everyPortFine reports whether a clause only says that no ports are
// named, so all are meant: "no ports given, so every port is fine".
func everyPortFine(toks []token) bool {
	ports := false
	for _, t := range toks {
		switch w := t.low; {
		case w == "port" || w == "ports":
			ports = true
		case t.kind == tPunct || w == "no" || w == "given" || w == "named" || w == "listed" || w == "so" || w == "every" || w == "any" || w == "all" || w == "is" ||
			w == "are" || w == "fine" || w == "ok" || w == "okay" || w == "allowed" || w == "open" || w == "and" || w == "the":
		default:
			return false
		}
	}
	return ports
}

func restated(toks []token, later []clause) bool {
	for _, t := range toks {
		switch {
		case namespaceWords[t.low] || t.low == "only" || t.low == "except":
			return false
		case t.kind != tWord && t.kind != tPunct:
			v := strings.TrimSuffix(t.low, "/")
			if !slices.ContainsFunc(later, func(c clause) bool {
				return slices.ContainsFunc(c.toks, func(u token) bool { return u.kind == t.kind && strings.TrimSuffix(u.low, "/") == v })
			}) {
				return false
			}
		}
	}
	return true
}

// copulaVerdict reports whether tokens say a verdict in the words of a
// fact: "TCP and UDP are allowed", "raw sockets are blocked".
func copulaVerdict(toks []token) bool {
	for i := 0; i+1 < len(toks); i++ {
		if (toks[i].low == "is" || toks[i].low == "are") && (restrictionWords[toks[i+1].low] || auditWords[toks[i+1].low]) {
			return true
		}
	}
	return false
}

// switchesDirection reports whether the words after a coordinator turn to
// the other direction: "ingress only from the gateway, and internet egress
// on 443" says two rules; so does "accept connections on 8079 from
// anywhere, and the only outbound calls front-end may make are to ...".
func switchesDirection(before, after []token) bool {
	dir := func(toks []token, verbs bool) (in, out bool) {
		for _, t := range toks {
			in = in || ingressWords[t.low] || verbs && acceptVerbs[t.low]
			out = out || egressWords[t.low]
		}
		return in, out
	}
	bi, bo := dir(before, true)
	ai, ao := dir(after, false)
	if !(bi && !bo && ao && !ai || bo && !bi && ai && !ao) {
		return false
	}
	// "ingress and egress for the worker pods" is one list of directions;
	// "ingress from the lb on 80, and egress to the db" says a peer first,
	// "app=db accepts 5432 from app=api, and makes no outgoing
	// connections" a port.
	for k, t := range before {
		if (ingressWords[t.low] || egressWords[t.low] || acceptVerbs[t.low]) && k+1 < len(before) && (before[k+1].low == "from" || before[k+1].low == "to" || before[k+1].low == "only" || before[k+1].low == "on" || before[k+1].low == "connections" || before[k+1].low == "traffic") ||
			acceptVerbs[t.low] && k+1 < len(before) && (before[k+1].kind == tNumber || before[k+1].kind == tPortProto || before[k+1].kind == tRange) {
			return true
		}
	}
	// "incoming they should only accept type 0, outgoing they may send
	// types 8 and 0": each part opens with its direction.
	return len(before) > 1 && (ingressWords[before[0].low] || egressWords[before[0].low]) && pronouns[before[1].low] &&
		len(after) > 1 && (ingressWords[after[0].low] || egressWords[after[0].low]) && pronouns[after[1].low]
}

// outVerbs say, of the pods before them, traffic they send.
var outVerbs = set("send", "sends", "reach", "reaches", "connect", "connects", "talk", "talks", "call", "calls")

// verbSwitchesDirection reports whether the words after a coordinator open
// with a verb of the other way than the verb before, each with its own
// peers: "should only receive traffic from X and only send traffic to Y",
// "may only reach app=db on 5432 and receive traffic from app=web". The
// pods before the verbs do both; a pronoun or "nobody" after the second
// verb ("send traffic to it", "receive from nobody") is left to the
// questions about it.
func verbSwitchesDirection(before, after []token) bool {
	k := 0
	for k < len(after) && (modals[after[k].low] || after[k].low == "only" || after[k].low == "also" || after[k].low == "just") {
		k++
	}
	if k+1 >= len(after) || !acceptVerbs[after[k].low] && !outVerbs[after[k].low] {
		return false
	}
	if slices.ContainsFunc(after[k+1:], func(t token) bool {
		return pronouns[t.low] || t.low == "nobody" || t.low == "nothing" || t.low == "none" || negationWords[t.low]
	}) {
		return false
	}
	object := func(toks []token, n int) bool {
		return n+1 < len(toks) && (toks[n+1].low == "to" || toks[n+1].low == "from" || toks[n+1].low == "traffic" || toks[n+1].low == "connections" || toks[n+1].low == "requests" || toks[n+1].kind == tLabel)
	}
	if !object(after, k) {
		return false
	}
	in, out := false, false
	for n, t := range before {
		if negationWords[t.low] || pronouns[t.low] {
			return false
		}
		in = in || acceptVerbs[t.low] && object(before, n)
		out = out || outVerbs[t.low] && object(before, n)
	}
	return in && !out && outVerbs[after[k].low] || out && !in && acceptVerbs[after[k].low]
}

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
// back at what another clause made read-only: "make /usr/bin/ read-only -
// block any write there", "deny all writes to them", "no modifications in
// there either".
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

// writesRestated reports whether a clause only says, of a thing named by a
// pronoun, that nothing may write to it: "nothing should write to it at
// runtime", "nobody may modify them". Beside a read-only rule, it says that
// rule again.
func writesRestated(toks []token) bool {
	if writesBlockedBack(toks) {
		return true
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
	for i, t := range toks {
		w := t.low
		switch {
		case i >= even && i < evenEnd:
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
			w == "traffic" || w == "connections" || w == "connection" || w == "everything" || w == "stays" || w == "stay" || w == "remains" || w == "remain" || w == "ends" || w == "end" || w == "up" || w == "anything" || w == "paths" || w == "path" || w == "ports" || w == "destinations" || w == "peers" || w == "access":
		default:
			return false
		}
	}
	return other && deny
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

// restatedDirection reports whether a clause only says again, of the allow
// rules before it, that the traffic of their direction is limited to what
// they allow: "the conductor pods only need the kube-apiserver, on 443.
// Restrict their egress to that.", "Limit its outbound traffic to just
// those." An allow rule already limits its direction to what it names.
// Every rule before must allow that direction; "restrict their ingress to
// that" after egress rules says something else, and is left to the rules
// after.
func restatedDirection(toks []token, before []*generator.Intent) bool {
	n := 0
	for n < len(toks) && (toks[n].low == "please" || toks[n].low == "so" || toks[n].low == "then" || toks[n].low == "and") {
		n++
	}
	if n+3 >= len(toks) || !restrictVerbs[toks[n].low] || toks[n+1].low != "their" && toks[n+1].low != "its" && toks[n+1].low != "the" {
		return false
	}
	dir, k, ok := directionAt(toks, n+2)
	if !ok || k >= len(toks) || toks[k].low != "to" {
		return false
	}
	k++
	for k < len(toks) && (toks[k].low == "just" || toks[k].low == "only" || toks[k].low == "exactly") {
		k++
	}
	if k >= len(toks) || !pointers[toks[k].low] || !punctOnly(toks[k+1:]) {
		return false
	}
	return onlyRules(before, func(r generator.NetworkRule) bool { return r.Verdict == generator.Allow && r.Direction == dir })
}

// directionAt reads a word of direction at k, and "traffic" or
// "connections" after it: "egress", "inbound traffic". It returns the
// direction and where the words end.
func directionAt(toks []token, k int) (generator.Direction, int, bool) {
	if k >= len(toks) {
		return "", k, false
	}
	var dir generator.Direction
	switch {
	case ingressWords[toks[k].low]:
		dir = generator.Ingress
	case egressWords[toks[k].low]:
		dir = generator.Egress
	default:
		return "", k, false
	}
	k++
	if k < len(toks) && (toks[k].low == "traffic" || toks[k].low == "connections") {
		k++
	}
	return dir, k, true
}

// punctOnly reports whether toks hold nothing but punctuation.
func punctOnly(toks []token) bool {
	return !slices.ContainsFunc(toks, func(t token) bool { return t.kind != tPunct })
}

// onlyRules reports whether the intents before hold network rules, and
// only rules that ok accepts (no system rules).
func onlyRules(before []*generator.Intent, ok func(generator.NetworkRule) bool) bool {
	rules := 0
	for _, in := range before {
		for _, x := range append([]*generator.Intent{in}, in.Others...) {
			if len(x.System) > 0 {
				return false
			}
			for _, r := range x.Network {
				if !ok(r) {
					return false
				}
				rules++
			}
		}
	}
	return rules > 0
}

// leftOpenWords say that traffic stays as it is: "Egress stays
// unrestricted", "outbound traffic remains open", "ingress is left alone".
var leftOpenWords = set("unrestricted", "open", "untouched", "unlimited", "unchanged", "alone", "unfiltered")

// otherDirectionOpen reports whether a clause only says of the direction
// no rule before it is about that it stays as it is: "All incoming traffic
// to app=api is denied. Egress stays unrestricted.", "Outbound traffic
// remains open.", "Ingress is left alone." A policy leaves a direction it
// has no rule for as it is. Every rule before must be of the other
// direction, so that "Egress stays unrestricted" beside an egress rule
// (which it contradicts) is left to be asked about; no value, "only",
// "except" or "but" may stand in it.
func otherDirectionOpen(toks []token, before []*generator.Intent) bool {
	k := 0
	if k < len(toks) && (toks[k].low == "the" || toks[k].low == "all" || toks[k].low == "their" || toks[k].low == "its") {
		k++
	}
	dir, k, ok := directionAt(toks, k)
	if !ok {
		return false
	}
	// "stays", "remains", "is left", "will stay", "is kept"
	for k < len(toks) && (toks[k].low == "will" || toks[k].low == "should" || toks[k].low == "can") {
		k++
	}
	if k >= len(toks) || !stayVerbs[toks[k].low] {
		return false
	}
	k++
	if k < len(toks) && (toks[k].low == "left" || toks[k].low == "kept") {
		k++
	}
	if k < len(toks) && (toks[k].low == "fully" || toks[k].low == "completely" || toks[k].low == "entirely") {
		k++
	}
	if k >= len(toks) || !leftOpenWords[toks[k].low] || !punctOnly(toks[k+1:]) {
		return false
	}
	if slices.ContainsFunc(before, func(in *generator.Intent) bool { return slices.Contains(in.NoDefaultDeny, dir) }) {
		return false
	}
	return onlyRules(before, func(r generator.NetworkRule) bool { return r.Direction != dir })
}

// stayVerbs say that traffic stays as it is: "stays", "remains", "is left".
var stayVerbs = set("stays", "stay", "remains", "remain", "is", "are", "gets", "get", "keeps", "keep")

// storyAdverbs may stand beside a reach that a story says never happens:
// "should never talk to the database directly".
var storyAdverbs = set("directly", "ever", "at", "all", "itself", "themselves", "be", "able")

// storyConditions limit what a sentence says, so that the allow-list no
// longer says it all: "must not reach the cache until Friday".
var storyConditions = set("until", "till", "unless", "when", "whenever", "if", "while", "after", "before", "during", "since", "yet", "now", "today", "tomorrow", "anymore", "again", "outside", "besides", "other", "else")

// leftOutByAllowList reports whether a clause only says that the pods an
// egress allow-list is for must not reach something the allow-list does
// not name: "it should never talk to the database directly" beside
// "Restrict the app=frontend pods so that their only outbound traffic is to
// app=backend pods". Its subject is a pronoun, a pod noun or a word of the
// allow-list's pods; a modal, a negation, a verb of reaching, and a peer
// in words alone, none of which the allow-list names (else the two
// contradict), follow. The allow-list says "only", sends and never
// receives, denies or isolates; or it allows egress to 0.0.0.0/0 except
// the metadata address, and the peer is the metadata service ("pods in the
// EKS cluster shouldn't be able to hit the instance metadata endpoint").
// A heading before a colon ("Task from our security team:") may open it.
func leftOutByAllowList(toks, allowList []token) bool {
	metadata := metadataExcepted(allowList)
	if hasValue(toks) || !egressAllowList(allowList) && !metadata {
		return false
	}
	said := func(w string) bool {
		return slices.ContainsFunc(allowList, func(t token) bool {
			return t.low == w || t.kind == tLabel && strings.HasSuffix(t.low, "="+w)
		})
	}
	i := 0
	if c := slices.IndexFunc(toks, func(t token) bool { return t.low == ":" }); c > 0 && wordsOnly(toks[:c]) {
		i = c + 1 // "Task from our security team: pods in the EKS cluster shouldn't ..."
	}
	if b := slices.IndexFunc(toks, func(t token) bool { return t.low == "but" }); b >= i && (b == i || allowedNeed(toks[i:b], said)) {
		i = b + 1 // "A frontend might need the backend API but it should never ..."
	}
	subject := false
	for ; i < len(toks) && !modals[toks[i].low] && !negationWords[toks[i].low]; i++ {
		w := toks[i].low
		switch {
		case pronouns[w] || podNouns[w] && !said(w):
			subject = true
		case determiners[w]:
		case toks[i].kind == tWord && said(w) && !meaningWords[w] && !prepositions[w]:
			subject = true
		case w == "in" && subject && clusterPlace(toks[i+1:]) > 0:
			i += clusterPlace(toks[i+1:]) // "pods in the EKS cluster"
		default:
			return false
		}
	}
	if !subject {
		return false
	}
	if i < len(toks) && modals[toks[i].low] {
		i++
	}
	if i >= len(toks) || !negationWords[toks[i].low] || toks[i].low == "no" {
		return false
	}
	for i++; i < len(toks) && (storyAdverbs[toks[i].low] || toks[i].low == "to" && i+1 < len(toks) && reachVerbs[toks[i+1].low]); i++ {
	}
	if i >= len(toks) || !reachVerbs[toks[i].low] || toks[i].low == "open" || toks[i].low == "use" {
		return false
	}
	i++
	if i < len(toks) && toks[i].low == "to" {
		i++
	}
	peer, ended := 0, false
	for ; i < len(toks); i++ {
		w := toks[i].low
		switch {
		case storyAdverbs[w] || w == ".":
			ended = peer > 0
		case determiners[w] && w != "all" && w != "any" && w != "every" && w != "each" && peer == 0:
		case toks[i].kind == tWord && !ended && !storyConditions[w] && !said(w) && !meaningWords[w] && !negationWords[w] && !modals[w] && !allowWords[w] && !denyWords[w] &&
			!namespaceWords[w] && !prepositions[w] && !ingressWords[w] && !egressWords[w] && w != "only" && w != "except" && w != "but" && w != "unless" && w != "and" && w != "or":
			peer++
		default:
			return false
		}
	}
	return peer > 0 && peer <= 3 && (!metadata || slices.ContainsFunc(toks, func(t token) bool { return metadataWords[t.low] }))
}

// clusterPlace is how many words name the cluster pods are in, as the
// world a story is set in: "the EKS cluster", "our cluster"; or 0.
func clusterPlace(toks []token) int {
	for n := 0; n < len(toks) && n < 4; n++ {
		if toks[n].low == "cluster" {
			return n + 1
		}
		if toks[n].kind != tWord || meaningWords[toks[n].low] || namespaceWords[toks[n].low] || modals[toks[n].low] || negationWords[toks[n].low] {
			return 0
		}
	}
	return 0
}

// metadataExcepted reports whether a clause allows egress to everything but
// the cloud's metadata address: "allow egress to 0.0.0.0/0 except
// 169.254.169.254/32". Beside it, "shouldn't be able to hit the instance
// metadata endpoint" says what the exception is for.
func metadataExcepted(toks []token) bool {
	e := slices.IndexFunc(toks, func(t token) bool { return t.low == "except" })
	return e > 0 && hasWord(toks, "0.0.0.0/0") && slices.ContainsFunc(toks[e:], func(t token) bool {
		return t.kind == tCIDR && (t.low == "169.254.169.254" || t.low == "169.254.169.254/32")
	}) && slices.ContainsFunc(toks, func(t token) bool { return egressWords[t.low] || allowWords[t.low] }) &&
		!slices.ContainsFunc(toks, func(t token) bool {
			return denyWords[t.low] || isolateWords[t.low] || ingressWords[t.low] || t.low == "from"
		})
}

// grantedVerbs say what pods need, which an allow-list grants.
var grantedVerbs = set("need", "needs", "use", "uses", "call", "calls", "reach", "reaches")

// allowedNeed reports whether toks only concede what the allow-list grants:
// "A frontend might need the backend API", every word a determiner, a pod
// noun, "API", a modal, a verb of needing or a word said by the allow-list.
func allowedNeed(toks []token, said func(string) bool) bool {
	need := false
	for _, t := range toks {
		w := t.low
		switch {
		case grantedVerbs[w]:
			need = true
		case determiners[w] || podNouns[w] || w == "api" || w == "apis" || w == "might" || w == "may" || w == "can" || w == "will":
		case t.kind == tWord && said(w) && !meaningWords[w]:
		default:
			return false
		}
	}
	return need
}

// egressAllowList reports whether a clause is an allow-list of what the
// pods send: "only", traffic to peers, never from them, and no denial.
func egressAllowList(toks []token) bool {
	return hasWord(toks, "only") && slices.ContainsFunc(toks, func(t token) bool { return t.low == "to" || reachVerbs[t.low] || egressWords[t.low] }) &&
		!slices.ContainsFunc(toks, func(t token) bool {
			return ingressWords[t.low] || t.low == "from" || receiveVerbs[t.low] || denyWords[t.low] || isolateWords[t.low] || t.low == "except" || t.low == "unless"
		})
}
