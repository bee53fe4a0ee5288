package builtin

import (
	"slices"
	"strings"
)

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

// otherDirectionOnly reports whether toks only name a direction of traffic,
// with no verb, peer or value: "all outgoing traffic from them as well",
// "and all egress too".
func otherDirectionOnly(toks []token) bool {
	dir := false
	for _, t := range toks {
		switch w := t.low; {
		case ingressWords[w] || egressWords[w]:
			dir = true
		case !directionOnlyWords[w]:
			return false
		}
	}
	return dir
}

// directionOnlyWords may stand beside a direction said alone.
var directionOnlyWords = set(",", "and", "all", "any", "the", "its", "their", "traffic", "connections", "packets", "from", "to", "them", "it", "those", "as", "well", "too", "also", "either", "both")

// stayOutWords say, after "stay(s)" or "remain(s)", that what the subject
// names is kept out: "Heavy nodes stay out", "/admin/ stays closed".
var stayOutWords = set("out", "closed", "shut", "blocked", "locked", "denied", "unreachable", "off-limits")

// restSubjectWords may name the rest an allow leaves out, beside the
// paths it names: "/admin/ and everything else stays closed".
var restSubjectWords = set("else", "other", "others", "everything", "everyone", "everybody", "anything", "anyone", "anybody", "rest")

// staysOut reports whether a clause only says that a path an allow
// beside it leaves out stays out: "/admin/ stays closed" after "should
// only allow GET on /api/* from ...". It is a subject of paths (with
// determiners and words of the rest), "stay(s)" or "remain(s)", a word of
// stayOutWords, and nothing after. The allow already leaves it out; read
// as a rule, it asked for the verdict. So that it cannot contradict the
// allow, its path may not lie under a path the allow names ("/admin/
// stays closed" beside "GET on /*" is asked about). Pods or peers in
// words ("Heavy nodes stay out") may be some of those the allow lets in,
// and stay a question.
func staysOut(toks, allow []token) bool {
	v := slices.IndexFunc(toks, func(t token) bool {
		return t.low == "stay" || t.low == "stays" || t.low == "remain" || t.low == "remains"
	})
	if v < 1 || v+1 >= len(toks) || !stayOutWords[toks[v+1].low] || !punctOnly(toks[v+2:]) {
		return false
	}
	paths := false
	for _, t := range toks[:v] {
		switch {
		case t.kind == tPath:
			if slices.ContainsFunc(allow, func(a token) bool {
				return a.kind == tPath && (a.low == t.low || strings.HasPrefix(t.low, strings.TrimRight(a.low, "*")))
			}) {
				return false
			}
			paths = true
		case t.kind == tPunct || determiners[t.low] || restSubjectWords[t.low] || t.low == "and" || t.low == "path" || t.low == "paths":
		default:
			return false
		}
	}
	return paths
}
