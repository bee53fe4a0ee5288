package builtin

import (
	"slices"
	"strings"
)

// reportingTools name what shows a request's writer the state of the network:
// tools, their commands and outputs, dashboards.
var reportingTools = set("cilium", "hubble", "kubectl", "calico", "calicoctl", "karmor", "curl", "wget", "ping", "nc", "netcat", "tcpdump", "dig", "nslookup",
	"monitoring", "prometheus", "grafana", "dashboard", "logs", "log", "status", "observe", "healthcheck", "probe", "probes", "output", "test", "tests")

// reportVerbs say what a tool printed.
var reportVerbs = set("reports", "reported", "shows", "showed", "says", "said", "prints", "printed", "returns", "returned", "gives", "gave", "lists", "listed", "displays", "displayed")

// findingNouns name what a scanner, a detector or a review found: "The
// reverse shell findings keep pointing at bash ...", "Falco alerts show
// curl calling out to a mining pool".
var findingNouns = set("finding", "findings", "alerts", "detections", "scans", "scan", "scanner", "events")

// findingVerbs say what findings point at, beside reportVerbs: "keep
// pointing at", "flag", "reveal".
var findingVerbs = set("point", "points", "pointed", "pointing", "flag", "flags", "flagged", "flagging", "reveal", "reveals", "revealed", "revealing", "show", "showing", "indicate", "indicates", "indicating")

// findingVerbAt is the index of the verb of a clause that opens by saying
// what findings show ("The reverse shell findings keep pointing at ...",
// "Security scan findings flagged ..."), or -1.
func findingVerbAt(toks []token) int {
	f := slices.IndexFunc(toks, func(t token) bool { return findingNouns[t.low] })
	for f >= 0 && f+1 < len(toks) && findingNouns[toks[f+1].low] {
		f++ // "scan findings"
	}
	if f < 0 || f > 4 || f+1 >= len(toks) || slices.ContainsFunc(toks[:f], func(t token) bool { return reportVerbs[t.low] }) {
		return -1
	}
	v := f + 1
	if toks[v].low == "keep" || toks[v].low == "keeps" || toks[v].low == "kept" {
		v++
	}
	if v >= len(toks) || !findingVerbs[toks[v].low] && !reportVerbs[toks[v].low] {
		return -1
	}
	return v
}

// toolReport reports whether a clause says what a tool printed: "cilium
// status reports 0/0 hosts reachable", "Our monitoring reports 3 nodes
// unreachable", "kubectl logs shows connection timeouts". Before the verb
// stand only a tool's words (and "the", "our"); after it, no label, path,
// address, DNS name, "only" or "except". What a tool saw is a fact, not a rule.
// So is what findings show ("The reverse shell findings keep pointing at
// bash holding an outbound connection", "Falco alerts show curl calling
// out"): a word of a kind of finding may stand before them ("reverse
// shell"), and after the verb no word of an order ("should", "block").
func toolReport(toks []token) bool {
	v, finding := findingVerbAt(toks), false
	if v >= 0 {
		finding = true
		if slices.ContainsFunc(toks[:v], func(t token) bool {
			return !findingNouns[t.low] && (t.kind != tWord || hasStatement([]token{t}) || meaningful(t))
		}) ||
			slices.ContainsFunc(toks[v+1:], func(t token) bool {
				return t.kind != tWord && t.kind != tPunct || orderWords[t.low] || denyWords[t.low] || allowWords[t.low] || t.low == "but" || t.low == "unless"
			}) {
			return false
		}
	} else {
		v = slices.IndexFunc(toks, func(t token) bool { return reportVerbs[t.low] })
	}
	if v <= 0 || v > 4 && !finding {
		return false
	}
	tool := finding
	for _, t := range toks[:v] {
		switch {
		case finding:
		case reportingTools[t.low]:
			tool = true
		case t.low == "the" || t.low == "our" || t.low == "my" || t.low == "its":
		default:
			return false
		}
	}
	return tool && !slices.ContainsFunc(toks[v+1:], func(t token) bool {
		return t.kind == tLabel || t.kind == tPath || t.kind == tDomain || t.kind == tCIDR || t.low == "only" || t.low == "except"
	})
}

// puzzlement reports whether a clause says its writer does not see why
// something is as it is: "I honestly don't understand why ICMP is not
// enabled by default", "I can't see why this port isn't open", "No idea
// why DNS was ever blocked here", "I wonder why nobody enabled this". A
// question of the writer's, not a rule.
func puzzlement(toks []token) bool {
	k := 0
	at := func(ws ...string) bool {
		for n, w := range ws {
			if k+n >= len(toks) || toks[k+n].low != w {
				return false
			}
		}
		k += len(ws)
		return true
	}
	// "why", "how come"; not "how to", which asks for a rule: "I don't
	// know how to block egress to 10.0.0.0/8".
	why := func() bool {
		return k < len(toks) && (toks[k].low == "why" || toks[k].low == "how" && k+1 < len(toks) && toks[k+1].low == "come")
	}
	// A value in it could be what the writer wants changed: it stays.
	if slices.ContainsFunc(toks, func(t token) bool { return t.kind != tWord && t.kind != tPunct }) {
		return false
	}
	if at("no", "idea") || at("not", "sure") {
		return why()
	}
	if !at("i") {
		return false
	}
	for k < len(toks) && (toks[k].low == "honestly" || toks[k].low == "really" || toks[k].low == "just" || toks[k].low == "still" || toks[k].low == "truly") {
		k++
	}
	if at("wonder") || at("wondered") || at("am", "wondering") || at("was", "wondering") {
		return why()
	}
	if !(at("don't") || at("do", "not") || at("can't") || at("cannot") || at("can", "not") || at("didn't")) {
		return false
	}
	if k < len(toks) && (toks[k].low == "understand" || toks[k].low == "see" || toks[k].low == "get" || toks[k].low == "know") {
		k++
		return why()
	}
	return false
}

// unableConditions say under which state traffic would fail: policies
// enforced, the default deny, "once ...", "if ...".
var unableConditions = set("default", "enforced", "enforce", "enforcing", "once", "if", "when", "without", "otherwise", "unless")

// unableUnderPolicies reports whether a clause says what pods will not be
// able to do once policies hold, before a rule that allows it: "In a
// default deployed system with network policies enforced, a query running
// on Thor will not be able to connect with a 3rd party service", "Once the
// default deny is in place, the build jobs won't be able to fetch
// dependencies", "By default, workers would not be able to talk to the
// broker". It names no value (with one, "By default the app=web pods will
// not be able to reach 10.0.0.0/8" could be a rule, and stays), and the
// clause after it (next) allows.
func unableUnderPolicies(toks, next []token) bool {
	unable, cond := false, false
	for n, t := range toks {
		if t.kind != tWord && t.kind != tPunct {
			return false
		}
		cond = cond || unableConditions[t.low]
		if t.low == "able" && n >= 2 && toks[n-1].low == "be" && (toks[n-2].low == "won't" || toks[n-2].low == "wouldn't" ||
			toks[n-2].low == "not" && n >= 3 && (toks[n-3].low == "will" || toks[n-3].low == "would")) {
			unable = true
		}
	}
	return unable && cond && slices.ContainsFunc(next, func(t token) bool { return allowWords[t.low] })
}

// stopVerbs say what a policy may do to traffic it should not: "these
// policies can block V1 iSCSI", "NetworkPolicies may drop the replies".
var stopVerbs = set("block", "drop", "deny", "break", "stop", "reject", "cut", "kill", "disrupt")

// policiesMayStop reports whether a clause warns what policies may stop:
// "Warning: on a cluster with an enforcing CNI, these policies can block
// V1 iSCSI - host-originated traffic to the instance manager on TCP port
// 3260", "HBONE: with Istio Ambient, the policies can block
// recovery-backend traffic from the share-manager on TCP port 15008",
// "our NetworkPolicies drop the probes when the kubelet runs on the host
// network". Its subject is policies, bare or after a determiner; then a
// modal of what is possible (can, could, may, might) and a verb of
// stopping, or that verb in the present and a word of when (failWhen). No
// order stands before the subject ("make sure the policy can block X"
// asks for it), and the clause says no duty, negation, "only" or
// "except". Whoever calls it checks that the other clauses allow what it
// names (failureFixed) and say its values again (restated).
func policiesMayStop(toks []token) bool {
	subject := -1
	for i, t := range toks {
		w := t.low
		if (policyNouns[w] && strings.HasSuffix(w, "s") || w == "networkpolicy" || w == "policy") && (i == 0 || toks[i-1].kind == tPunct || determiners[toks[i-1].low] || toks[i-1].low == "network" || toks[i-1].low == "existing") {
			subject = i
			break
		}
	}
	if subject < 0 || subject+2 >= len(toks) {
		return false
	}
	for _, t := range toks[:subject] {
		if w := t.low; imperatives[w] || makeVerbs[w] || w == "ensure" || w == "sure" || w == "that" || w == "so" || w == "please" || w == "want" {
			return false
		}
	}
	for _, t := range toks {
		if w := t.low; w == "should" || w == "must" || w == "shall" || w == "need" || w == "needs" || w == "want" || w == "please" || w == "only" || w == "except" || negationWords[w] {
			return false
		}
	}
	v := subject + 1
	if toks[v].low == "also" || toks[v].low == "sometimes" || toks[v].low == "then" {
		v++
	}
	switch w := toks[v].low; {
	case (w == "can" || w == "could" || w == "may" || w == "might") && v+1 < len(toks) && stopVerbs[toks[v+1].low]:
		return true
	case strings.HasSuffix(w, "s") && stopVerbs[strings.TrimSuffix(w, "s")] || w == "denies":
		return slices.ContainsFunc(toks[v+1:], func(t token) bool { return failWhen[t.low] })
	}
	return false
}

// denyInPlaceOpeners set a sentence in a time or state: "now that the
// default deny is in place", "under default-deny", "since we turned on the
// deny-all policy".
// "With", "in" and "after" set a scene only with a word of state ("with
// the deny-all policy in place", "after we enabled default deny"): "with
// default deny, ...", "after the default deny, ..." may ask for one.
var denyInPlaceOpeners = [][]string{{"now", "that"}, {"under"}, {"since"}, {"once"}, {"because", "of"}, {"given"}, {"ever", "since"}, {"following"}}

// makeVerbs ask for something to be made: "now that we have the
// namespace, add a default deny" asks for one.
var makeVerbs = set("add", "apply", "create", "make", "set", "write", "install", "deploy", "turn", "switch", "roll", "introduce", "activate", "establish", "enforce",
	"implement", "configure", "start", "begin", "put", "generate", "give", "keep", "leave", "use", "define", "draft", "build", "need", "get")

// denyInPlaceStates say a default deny is already there: "is in place",
// "already has", "went in", "we enabled", "landed".
var denyInPlaceStates = set("already", "place", "exists", "exist", "existing", "landed", "enabled", "applied", "added", "turned", "rolled", "deployed", "installed",
	"created", "introduced", "activated", "switched", "went", "put", "had", "has", "have", "got", "active", "live", "current", "posture", "running", "runs")

// denyPhraseAt is the length of a mention of default deny at i, or 0:
// "default deny", "default-deny", "deny-all", "deny by default".
func denyPhraseAt(toks []token, i int) int {
	switch {
	case toks[i].low == "default-deny" || toks[i].low == "deny-all" || toks[i].low == "deny-by-default" || toks[i].low == "default-deny-all":
		return 1
	case phraseIn(toks, i, []string{"default", "deny", "all"}), phraseIn(toks, i, []string{"deny", "by", "default"}):
		return 3
	case phraseIn(toks, i, []string{"default", "deny"}), phraseIn(toks, i, []string{"default", "block"}), phraseIn(toks, i, []string{"deny", "all"}) && i+2 < len(toks) && policyNouns[toks[i+2].low]:
		return 2
	}
	return 0
}

// denyInPlace reports whether toks only say that a default deny is already
// there, as the scene of the rules beside them: "now that the default deny
// is in place", "Under default-deny", "Our namespace already has a
// default-deny policy", "after we enabled default deny ingress". It names
// a default deny, opens with a word of time or state or holds a verb of
// what is or was done ("already", "in place", "enabled", "landed"), and
// holds no value (label, port, address, path), no name of a namespace, no
// duty or wish ("should", "must", "want"), no "only" or "except", and no
// other verdict word, so it can be no rule of its own.
func denyInPlace(toks []token) bool {
	i := 0
	for i < len(toks) && (toks[i].kind == tPunct || coordinators[toks[i].low]) {
		i++
	}
	opened := slices.ContainsFunc(denyInPlaceOpeners, func(o []string) bool { return phraseIn(toks, i, o) })
	said, state := false, opened
	for k := i; k < len(toks); k++ {
		t, w := toks[k], toks[k].low
		if n := denyPhraseAt(toks, k); n > 0 {
			said = true
			k += n - 1
			continue
		}
		switch {
		case t.kind != tWord && t.kind != tPunct, negationWords[w] || w == "without" || w == "yet":
			return false // "no default deny from this policy" is none in place
		case w == "only" || w == "except" || w == "but" || w == "unless" || w == "should" || w == "must" || w == "need" || w == "needs" || w == "want" || w == "wants" || w == "please" || wishVerbs[w],
			obligation(w) && !(denyInPlaceStates[w] && (k+1 == len(toks) || toks[k+1].low != "to")): // "has to" is a duty, "already has" a state
			return false
		case allowWords[w] || denyWords[w] || auditWords[w] || isolateWords[w] && w != "isolation":
			return false
		case namespaceWords[w]:
			// "our namespace", "the namespace", "every namespace": no name.
			if k == 0 || !(determiners[toks[k-1].low] || toks[k-1].low == "our" || toks[k-1].low == "each" || toks[k-1].low == "every" || toks[k-1].low == "this" || toks[k-1].low == "per") {
				return false
			}
			if k+1 < len(toks) && toks[k+1].kind == tWord && !prepositions[toks[k+1].low] && !coordinators[toks[k+1].low] && !denyInPlaceStates[toks[k+1].low] && toks[k+1].low != "is" && toks[k+1].low != "was" {
				return false
			}
		case makeVerbs[w] && !(k > 0 && subjectPronouns[toks[k-1].low]):
			return false // "we put a default deny in place" tells, "put a default deny in place" asks
		case denyInPlaceStates[w]:
			state = true
		}
	}
	return said && state
}

// subjectPronouns tell who did something: "we put", "they turned on".
var subjectPronouns = set("we", "i", "they", "someone", "somebody", "you", "ops", "it")

// denyOpenerEnd is the end of a scene of default deny that opens a
// sentence with no comma after it, or -1: "Under default-deny the web pods
// ...", "Under our deny-all policy allow ...", "With default-deny in place
// pods labeled ...". "Under" takes the deny and a noun of it; "with" needs
// "in place" after it ("with default deny, only ..." may ask for one).
func denyOpenerEnd(toks []token, i int) int {
	if i >= len(toks) || toks[i].low != "under" && toks[i].low != "with" {
		return -1
	}
	k := i + 1
	if k < len(toks) && (determiners[toks[k].low] || toks[k].low == "our") {
		k++
	}
	if k >= len(toks) {
		return -1
	}
	n := denyPhraseAt(toks, k)
	if n == 0 {
		return -1
	}
	k += n
	if k < len(toks) && (policyNouns[toks[k].low] || toks[k].low == "posture" || toks[k].low == "regime" || toks[k].low == "mode" || toks[k].low == "setup" || toks[k].low == "baseline") {
		k++
	}
	if toks[i].low == "with" {
		if !phraseIn(toks, k, []string{"in", "place"}) {
			return -1
		}
		k += 2
	}
	return k
}
