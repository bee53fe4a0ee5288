package builtin

import (
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/kunerva/kunerva/generator"
)

// explanation reports whether a clause only explains, in the words of a
// statement of fact ("loading a module outside a maintenance window is
// almost always a rootkit", "log deletion is how intruders hide"): a
// copula, no value, and no word of action or policy.
func explanation(toks []token) bool {
	copula := false
	for _, t := range toks {
		switch {
		case t.low == "is" || t.low == "are" || t.low == "was" || t.low == "were":
			copula = true
		case t.kind != tWord && t.kind != tPunct || hasStatement([]token{t}) || podNouns[t.low] || namespaceWords[t.low] || meaningful(t) || restrictionWords[t.low]:
			return false
		}
	}
	return copula
}

// commentary reports whether a clause the engine could not read states a
// fact in the words of an explanation: a copula, no value, no word of
// action but a negation, no "only", "except" or "but".
func commentary(toks []token) bool {
	copula, negation, traffic, fact := false, false, false, false
	for n, t := range toks {
		w := t.low
		// "Capabilities can lead to privilege escalation": what may happen
		// in the world, not what a policy allows.
		if canOfFact(toks, n) {
			fact = true
			continue
		}
		if (w == "log" || w == "logs") && n+1 < len(toks) && logNouns[toks[n+1].low] || n > 0 && logNouns[w] && (toks[n-1].low == "log" || toks[n-1].low == "logs") && w != "is" && w != "are" {
			continue // "log deletion is how intruders hide": a noun, no action
		}
		// "go through the image build" is no traffic.
		traffic = traffic || (reachVerbs[w] || receiveVerbs[w]) && !(w == "go" || w == "goes") || (w == "go" || w == "goes") && n+1 < len(toks) && toks[n+1].low != "through"
		negation = negation || negationWords[w] || w == "never" || w == "can't" || w == "cannot"
		switch {
		case w == "is" || w == "are" || w == "was" || w == "were":
			copula = true
		case namespaceWords[w] && placePhrase(toks, n):
			// "We added a NetworkPolicy to namespace shop and once it was
			// applied the web pods were unable to reach the db": where
			// something is may be where the rules apply.
			return false
		case t.kind != tWord && t.kind != tPunct || w == "only" || w == "except" || w == "but" || restrictionWords[w] || writeWords[w] ||
			w == "dns" || w == "kube-dns" || w == "coredns" || w == "resolve" || w == "resolving" || w == "lookups" || keepWorking[w]:
			return false
		case denyWords[w] && strings.HasSuffix(w, "ed") && n > 0 && toks[n-1].kind == tWord && strings.HasSuffix(toks[n-1].low, "s") && !determiners[toks[n-1].low] &&
			n+1 < len(toks) && prepositions[toks[n+1].low]:
			// "binaries dropped at runtime should never run": a participle
			// that says which binaries.
		case (denyWords[w] || allowWords[w] || auditWords[w] || isolateWords[w]) && !negationWords[w]:
			return false
		}
	}
	// "Driver installs go through the image build, never at runtime": a
	// negation with no traffic to deny states a fact too, and so does a
	// modal of fact with none.
	return copula || (negation || fact) && !traffic
}

// placePhrase reports whether the namespace word at n ends or opens a
// place: "to namespace shop", "in the shop namespace", "into my namespace
// orders"; not "a given namespace", "namespace tricks".
func placePhrase(toks []token, n int) bool {
	place := func(k int) bool {
		return k >= 0 && k < len(toks) && (toks[k].low == "in" || toks[k].low == "to" || toks[k].low == "into" || toks[k].low == "inside" || toks[k].low == "within")
	}
	owner := func(k int) bool {
		return k >= 0 && k < len(toks) && (toks[k].low == "the" || toks[k].low == "my" || toks[k].low == "our")
	}
	if namedPlace(toks, n+1) && (place(n-1) || owner(n-1) && place(n-2)) {
		return true
	}
	return namedPlace(toks, n-1) && (place(n-2) || owner(n-2) && place(n-3))
}

// namedPlace reports whether the word at k names a namespace beside a
// namespace word: "namespace shop", "the shop namespace"; not "each
// namespace", "the same namespace".
func namedPlace(toks []token, k int) bool {
	if k < 0 || k >= len(toks) || toks[k].kind != tWord {
		return false
	}
	w := toks[k].low
	return !determiners[w] && !prepositions[w] && !describingWord(w) && !quantityWords[w] && !namespaceWords[w] && !coordinators[w] && !scopeWords[w] && !beVerbs[w] && w != "other" && w != "own" && w != "that"
}

// narrative reports whether clause c is a whole sentence that says why or
// what happened, not what to do: "Kinsing downloads and runs a script,
// then adds itself to a cron job for persistence." It names no value (no
// label, path, number, address, name of the tree, pods named by a word),
// says no verdict, direction or exception, and, when it negates, no file
// or process action that the negation could be about.
func narrative(request string, c clause, dismissed []clause, opts generator.Options) bool {
	return narrates(request, c, dismissed, opts, false)
}

// auditNarrative reports whether clause c is a narrative that may ask for
// auditing besides: "The audit system must record the loading and unloading
// of kernel modules.", "Commonly abused network utilities should be
// monitored closely." Beside rules that only audit it says the same.
func auditNarrative(request string, c clause, dismissed []clause, opts generator.Options) bool {
	return narrates(request, c, dismissed, opts, true)
}

// narrates is narrative; with audit, words of auditing may stand in it.
func narrates(request string, c clause, dismissed []clause, opts generator.Options, audit bool) bool {
	return wholeSentence(request, c, dismissed) && narratesWords(request, c, opts, audit)
}

// narratesWords is narrates but for where the clause stands.
func narratesWords(request string, c clause, opts generator.Options, audit bool) bool {
	// "then restrict pod to pod traffic further inside team-a.": the scene
	// the rules after it are set in, a namespace (see sceneAt), is no story.
	if len(c.toks) >= 2 && sceneAt(c.toks, len(c.toks)-2) {
		return false
	}
	p := newParser(request, c, opts)
	negated, acts := false, false
	output := quotedOutput(request)
	believed, belief := beliefConceded(c.toks)
	for n, t := range c.toks {
		w := t.low
		// "I actually want the 'ping: icmp open socket: Operation not
		// permitted' error inside our containers": what a program says.
		if slices.ContainsFunc(output, func(q [2]int) bool { return q[0] < t.start && t.end <= q[1] }) {
			continue
		}
		// "The kernel decides, regardless of what the app thinks it's
		// allowed to do": what something believes it may do, conceded.
		if n >= believed && n < belief && t.kind == tWord {
			continue
		}
		switch {
		case rankNumber(c.toks, n) || citedNumber(c.toks, n):
			// "Kernel modules run with ring 0 privileges": a number that
			// ranks something is no port, count or address.
		case t.kind != tWord && t.kind != tPunct || systemName(t) && !capabilityWordRE.MatchString(w):
			// "delete_module" is a value; a capability may be what a
			// story says ("which does not hand out NET_RAW").
			return false
		case canOfFact(c.toks, n):
			// "launching a shell can be an indicator of remote code execution"
		case (w == "capability" || w == "capabilities") && capabilitiesSaidAgain(request, c):
			// "Docker's capability set includes CAP_NET_RAW. Block net_raw
			// for ...": the noun of a capability the rules name again.
		case letsPeople(c.toks, n):
			// "Jupyter notebooks let whoever is logged in execute arbitrary
			// code": what a thing lets people do, no order.
		case keepWorking[w] && gotWorking(c.toks, n):
			// "people keep running the debug containers privileged just to
			// get time updates working"
		case unclearVerbs[w]:
			// "Intercept module loading. Audit init_module ...": to
			// intercept may be to block, or to watch.
			return false
		case auditWords[w] && audit:

		case stoppedWorking(c.toks, n):
			// "ping stopped working inside our pods after the move to cri-o"
			continue
		case negationWords[w] && n > 1 && (c.toks[n-1].low == "does" || c.toks[n-1].low == "do" || c.toks[n-1].low == "did") && (c.toks[n-2].low == "which" || c.toks[n-2].low == "that"):
			// "after the move to cri-o, which does not hand out NET_RAW": what
			// something named is like.
			continue
		case denyWords[w] || allowWords[w] || auditWords[w] || isolateWords[w] || restrictionWords[w] || ingressWords[w] || egressWords[w] ||
			w == "only" || w == "except" || w == "but" || w == "unless" || w == "instead" || w == "exclude" || w == "excluding" || keepWorking[w]:
			return false
		case namespaceWords[w] && namespaceSaidAgain(p.all, c, n):
			// "My Prometheus runs in the monitoring namespace. Allow the
			// pods labeled app=prometheus in monitoring ...": where
			// something is, which the rules say again.
			continue
		case p.treeHasWorkload(w) || p.treeNamespace(w) || meaningWords[w] && !negationWords[w] && w != "nothing" && w != "nobody" && w != "them":
			return false // "They'll need DNS as well": DNS is a value
		case podNouns[w] && n > 0 && !determiners[c.toks[n-1].low] && !describingWord(c.toks[n-1].low) && c.toks[n-1].kind == tWord && opts.AssumeAppLabel:
			return false // "the ML containers": pods named by a word
		}
		negated = negated || negationWords[w] || w == "nothing" || w == "nobody"
		acts = acts || fileVerbs[w] || processVerbs[w] || writeWords[w] || reachVerbs[w] || receiveVerbs[w]
	}
	return !(negated && acts)
}

// concessionOpeners concede whatever comes after them: "regardless of
// what ...", "no matter what ...", "whatever ...", "irrespective of ...".
var concessionOpeners = [][]string{{"regardless", "of"}, {"no", "matter"}, {"whatever"}, {"irrespective", "of"}}

// beliefVerbs report what someone believes, not what is: "what the app
// thinks it may do".
var beliefVerbs = set("thinks", "think", "believes", "believe", "assumes", "assume", "expects", "expect", "claims", "claim", "supposes", "imagines", "reckons", "feels")

// beliefConceded is where, in a sentence of fact, the words of a belief
// conceded start, or len(toks): a concession, then a third party and a
// verb of belief ("The kernel decides, regardless of what the app thinks
// it's allowed to do", "whatever the container assumes it is permitted to
// run", "LSMs enforce this no matter what the process believes it may
// open").
// What they believe they may do, up to the next punctuation, is no
// verdict; a value in it still is one (narratesWords), and an order after
// a comma ("Whatever the developers think, block raw sockets") is one.
// "I think", "we believe" hedge an order, and are none. The belief is the
// words [from, to), or none.
func beliefConceded(toks []token) (from, to int) {
	conceded := false
	for n, t := range toks {
		for _, o := range concessionOpeners {
			conceded = conceded || phraseIn(toks, n, o)
		}
		if conceded && beliefVerbs[t.low] && n > 1 && toks[n-1].kind == tWord && !slices.Contains([]string{"i", "we", "you", "i'd", "we'd"}, toks[n-1].low) {
			to = n + 1
			for to < len(toks) && toks[to].kind != tPunct {
				to++
			}
			return n + 1, to
		}
	}
	return len(toks), len(toks)
}

// capabilitiesSaidAgain reports whether clause c names a capability
// ("CAP_NET_RAW", "sys_admin") and the request says each it names again
// outside it ("... block net_raw for the add-on pods").
func capabilitiesSaidAgain(request string, c clause) bool {
	outside := strings.ToLower(request[:c.toks[0].start] + " " + request[c.toks[len(c.toks)-1].end:])
	named := 0
	for _, t := range c.toks {
		if !systemName(t) || !capabilityWordRE.MatchString(t.low) {
			continue
		}
		if !strings.Contains(outside, strings.TrimPrefix(t.low, "cap_")) {
			return false
		}
		named++
	}
	return named > 0
}

// letVerbs say what a thing lets someone do.
var letVerbs = set("let", "lets", "allow", "allows", "permit", "permits", "enable", "enables")

// peopleWords name people at large, whom a thing may let do something:
// "whoever is logged in", "anyone", "an attacker".
var peopleWords = set("whoever", "anyone", "anybody", "everyone", "everybody", "someone", "somebody", "people", "user", "users", "attacker", "attackers", "intruder", "intruders", "outsiders", "strangers")

// letsPeople reports whether token n is a verb of letting in the present
// after the thing that lets, with people at large after it: "Jupyter
// notebooks let whoever is logged in execute arbitrary code", "the debug
// endpoint allows anyone to dump memory". An order opens its clause or
// follows a modal, "to" or "please" ("let anyone in", "should allow
// anyone"), and a pronoun may be the one who decides ("we allow anyone").
func letsPeople(toks []token, n int) bool {
	if !letVerbs[toks[n].low] || n == 0 || toks[n-1].kind != tWord {
		return false
	}
	if b := toks[n-1].low; modals[b] || b == "to" || b == "please" || b == "just" || b == "we" || b == "i" || b == "you" || b == "and" || b == "then" || b == "so" {
		return false
	}
	i := n + 1
	if i < len(toks) && (toks[i].low == "an" || toks[i].low == "a" || toks[i].low == "any") {
		i++
	}
	return i < len(toks) && peopleWords[toks[i].low]
}

// rankNouns name a rank or a place in a series that a small number after
// them gives: "ring 0", "level 1", "version 2", "step 3". None is a label
// key a policy selects by ("tier" is one, so it is not here).
var rankNouns = set("ring", "level", "version", "step", "phase", "stage", "generation", "chapter", "section", "round", "revision")

// rankNumber reports whether token n is a number of at most two digits
// that ranks the noun before it ("ring 0 privileges", "a level 1
// baseline", "since version 2"), not a port or count a rule could use.
func rankNumber(toks []token, n int) bool {
	return toks[n].kind == tNumber && len(toks[n].low) <= 2 && n > 0 && rankNouns[toks[n-1].low]
}

// outputMarkers say that quoted words are a program's error message.
var outputMarkers = []string{"not permitted", "permission denied", "denied", "error", "failed", "no such file", "refused", "eperm", "eacces"}

// quotedOutput gives the spans of the request between quotes whose words
// are a program's error message: "'ping: icmp open socket: Operation not
// permitted'".
func quotedOutput(request string) [][2]int {
	var quotes []int
	for i, r := range request {
		if isQuote(r) && !inWord(request, i, utf8.RuneLen(r)) {
			quotes = append(quotes, i)
		}
	}
	var out [][2]int
	for k := 0; k+1 < len(quotes); k += 2 {
		text := strings.ToLower(request[quotes[k]:quotes[k+1]])
		if slices.ContainsFunc(outputMarkers, func(m string) bool { return strings.Contains(text, m) }) {
			out = append(out, [2]int{quotes[k], quotes[k+1]})
		}
	}
	return out
}

// stoppedWorking reports whether the word at n, or the one before it, is
// a deny word in the past before what stopped: "ping stopped working", "the
// probes stopped responding".
func stoppedWorking(toks []token, n int) bool {
	past := func(k int) bool {
		return k >= 0 && k+1 < len(toks) && denyWords[toks[k].low] && strings.HasSuffix(toks[k].low, "ed") && (strings.HasSuffix(toks[k+1].low, "ing") || keepWorking[toks[k+1].low])
	}
	return past(n) || past(n-1)
}

// gotWorking reports whether the word of working order at n is what
// something was got to do ("just to get time updates working"), not what a
// rule keeps working ("keep DNS working", "must still work"): the nearest
// verb before it that could say either is get.
func gotWorking(toks []token, n int) bool {
	for k := n - 1; k >= 0; k-- {
		switch toks[k].low {
		case "get", "gets", "got", "getting":
			return true
		case "keep", "keeps", "stay", "stays", "remain", "remains", "still", "must", "should", "has", "have", "need", "needs", "is", "are", "be":
			return false
		}
	}
	return false
}

// afterEnabling reports whether a sentence opens with what was turned on
// before something broke: "After enabling network policy, ...".
func afterEnabling(toks []token) bool {
	return len(toks) > 2 && toks[0].low == "after" && (toks[1].low == "enabling" || toks[1].low == "applying" || toks[1].low == "adding" || toks[1].low == "installing" || toks[1].low == "turning" || toks[1].low == "deploying") &&
		slices.ContainsFunc(toks[2:min(6, len(toks))], func(t token) bool {
			return t.low == "policy" || t.low == "policies" || t.low == "networkpolicy" || t.low == "networkpolicies"
		})
}

// canOfFact reports whether token n is "can", "could" or "might" saying
// what something is able to do in the world ("can capture credentials",
// "can be an indicator of", "can lead to data theft"), not a verb a policy
// allows or denies.
func canOfFact(toks []token, n int) bool {
	if w := toks[n].low; !(w == "can" || w == "could" || w == "might") || n+1 >= len(toks) {
		return false
	}
	toks = toks[n+1:]
	w := toks[0].low
	if w == "be" && len(toks) > 1 {
		w = toks[1].low
		if determiners[w] {
			return true // "can be an indicator of remote code execution"
		}
		// "Remote copy tools can be used to exfiltrate data": what a tool
		// is good for, not who may use it ("can be used by root").
		if w == "used" && len(toks) > 3 && toks[2].low == "to" && toks[3].kind == tWord {
			return true
		}
	}
	return !(reachVerbs[w] || receiveVerbs[w] || processVerbs[w] || fileVerbs[w] || writeWords[w] || allowWords[w] || denyWords[w] || auditWords[w] ||
		w == "only" || w == "not" || w == "never" || w == "still" || w == "also" || w == "just" || w == "used")
}

// capabilityFact reports whether clause c is a whole sentence that says
// what a capability lets a process do: "NET_RAW lets a binary use RAW and
// PACKET sockets", "CAP_SYS_ADMIN allows mounting filesystems". It names no
// other value and says no other verdict, no "only", "except" or "but".
func capabilityFact(request string, c clause, dismissed []clause) bool {
	t := c.toks
	if len(t) < 3 || !wholeSentence(request, c, dismissed) || !strings.Contains(t[0].low, "_") || !capabilityWordRE.MatchString(t[0].low) ||
		!(t[1].low == "lets" || t[1].low == "allows" || t[1].low == "gives" || t[1].low == "grants" || t[1].low == "permits" || t[1].low == "enables") {
		return false
	}
	return !slices.ContainsFunc(t[2:], func(x token) bool {
		w := x.low
		return x.kind != tWord && x.kind != tPunct || denyWords[w] || allowWords[w] || auditWords[w] || isolateWords[w] || w == "only" || w == "except" || w == "but" || w == "unless"
	})
}

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

// formGerunds say how a policy is written, after "instead of": "instead
// of hardcoding control plane IPs", "instead of writing one per namespace".
var formGerunds = set("hardcoding", "hard-coding", "writing", "listing", "enumerating", "repeating", "duplicating", "copying", "maintaining", "creating", "naming", "pinning", "spelling")

// formNouns name how a policy says what it says: "use the API server
// entity", "one policy for the whole cluster".
var formNouns = set("entity", "entities", "selector", "selectors", "one", "single", "use", "name", "names", "label", "labels")

// formRemark reports whether clause c only says how the rules the other
// clauses make are written, as they are: "use the API server entity
// instead of hardcoding control plane IPs", "One policy for the whole
// cluster instead of writing one per namespace". Before "instead of" and a
// verb of writing, every word is one of form, of a policy, of no meaning,
// or said again by the rules; a word of the whole cluster holds only when
// every rule is cluster-wide. After it, what is not done, with no value or
// verdict.
func formRemark(c clause, ruled []clause, ruledIn []*generator.Intent) bool {
	toks := c.toks
	k := slices.IndexFunc(toks, func(t token) bool { return t.low == "instead" })
	if k < 1 || k+2 >= len(toks) || toks[k+1].low != "of" || !formGerunds[toks[k+2].low] {
		return false
	}
	said := func(w string) bool {
		return slices.ContainsFunc(ruled, func(r clause) bool { return hasWord(r.toks, w) })
	}
	cluster := false
	for _, t := range toks[:k] {
		w := t.low
		switch {
		case t.kind == tPunct:
		case t.kind != tWord || denyWords[w] || allowWords[w] || auditWords[w] || isolateWords[w] || w == "only" || w == "except" || w == "but":
			return false
		case w == "cluster" || w == "cluster-wide" || w == "clusterwide" || w == "whole" || w == "entire":
			cluster = true
		case fillerWords[w] || determiners[w] || prepositions[w] || policyNouns[w] || formNouns[w]:
		case meaningWords[w] || !said(w):
			return false
		}
	}
	for _, t := range toks[k+3:] {
		if w := t.low; t.kind != tWord && t.kind != tPunct || denyWords[w] || allowWords[w] || auditWords[w] || isolateWords[w] || w == "only" || w == "except" {
			return false
		}
	}
	if cluster {
		for _, in := range ruledIn {
			for _, x := range append([]*generator.Intent{in}, in.Others...) {
				if x.Subject.Scope != generator.ScopeCluster {
					return false
				}
			}
		}
	}
	return len(ruledIn) > 0
}

// howToWrite reports whether clause c is a sentence of documentation on
// how a policy is written, said to a reader "you", whose policy the rules
// (ruled) say again: "If you want to write a policy that specifies that no
// egress is allowed, you must list Egress in policyTypes. Do that for the
// pods labeled app=sandbox in namespace lab: no egress allowed." It opens
// with "if" or "when", "you want", names a policy before its comma, and
// every other word there is said again by the rules ("If you want the
// policy to only allow GET, ..." asks for more than "allow app=web to
// reach app=api on 8080"); after it, what "you" must do holds no verdict,
// "only", "except", "also" or DNS ("you must also allow DNS" asks for
// more). No value stands anywhere in it.
func howToWrite(toks []token, ruled []clause) bool {
	if len(toks) < 6 || toks[0].low != "if" && toks[0].low != "when" && toks[0].low != "whenever" || toks[1].low != "you" || toks[2].low != "want" {
		return false
	}
	comma := slices.IndexFunc(toks, func(t token) bool { return t.low == "," })
	if comma < 0 || comma+2 >= len(toks) || toks[comma+1].low != "you" || !slices.ContainsFunc(toks[3:comma], func(t token) bool { return policyNouns[t.low] }) {
		return false
	}
	if w := toks[comma+2].low; w != "must" && w != "need" && w != "have" && w != "should" && w != "can" {
		return false
	}
	if slices.ContainsFunc(toks, func(t token) bool { return t.kind != tWord && t.kind != tPunct }) {
		return false
	}
	for _, t := range toks[3:comma] {
		w := t.low
		if policyNouns[w] || writeVerbs[w] || determiners[w] || w == "to" || w == "that" || w == "which" || w == "specifies" || w == "says" || w == "is" || w == "are" {
			continue
		}
		if !slices.ContainsFunc(ruled, func(r clause) bool { return hasWord(r.toks, w) }) {
			return false
		}
	}
	return !slices.ContainsFunc(toks[comma+1:], func(t token) bool {
		w := t.low
		return allowWords[w] || denyWords[w] || isolateWords[w] || auditWords[w] || w == "only" || w == "except" || w == "also" || w == "dns"
	})
}

// subjectToPolicies reports whether clause c only says that some traffic
// is subject to policies: "DNS is also subject to network policies - allow
// DNS for every pod". After "subject to", only words of policy; before it,
// words with no value, verdict, pods or namespace, and a copula.
func subjectToPolicies(toks []token) bool {
	k := slices.IndexFunc(toks, func(t token) bool { return t.low == "subject" })
	if k < 1 || k+2 >= len(toks) || toks[k+1].low != "to" {
		return false
	}
	copula := false
	for _, t := range toks[:k] {
		w := t.low
		switch {
		case w == "is" || w == "are":
			copula = true
		case t.kind != tWord || denyWords[w] || allowWords[w] || auditWords[w] || isolateWords[w] || podNouns[w] || namespaceWords[w] || w == "only" || w == "except":
			return false
		}
	}
	policy := false
	for _, t := range toks[k+2:] {
		w := t.low
		switch {
		case policyNouns[w]:
			policy = true
		case toolWords[w] || determiners[w]:
		default:
			return false
		}
	}
	return copula && policy
}

// genericSubjects open a sentence about whatever fits a description:
// "Anything that can talk to /var/run/docker.sock can start a privileged
// container".
var genericSubjects = set("anything", "anyone", "anybody", "whatever", "whoever", "whichever")

// modalOfFact reports whether the modal at n says what some thing can do in
// the world rather than what a rule allows: every modal of a sentence whose
// subject is whatever fits a description ("Anything that can talk to
// /var/run/docker.sock can take over the host"), and a modal in a question
// of what someone does ("can mean someone widened what admins may do").
func modalOfFact(toks []token, n int) bool {
	if w := toks[n].low; w != "can" && w != "could" && w != "may" && w != "might" {
		return false
	}
	if len(toks) > 1 && genericSubjects[toks[0].low] && (toks[1].low == "that" || toks[1].low == "who" || toks[1].low == "which") {
		return true
	}
	return n+1 < len(toks) && toks[n+1].low == "do" && (n > 0 && toks[n-1].low == "what" || n > 1 && toks[n-2].low == "what")
}

// logNouns follow "log" used as a noun: "log deletion", "log files".
var logNouns = set("deletion", "deletions", "files", "file", "entries", "entry", "directory", "directories", "lines", "rotation", "tampering", "data", "wiping", "is", "are")

// aboutExistingRules reports whether a clause only talks about the policies
// already there ("don't drop the existing rule"): kunerva adds a policy and
// removes none.
func aboutExistingRules(toks []token) bool {
	existing := false
	for n, t := range toks {
		switch w := t.low; {
		case w == "existing" || w == "current" || w == "old" || w == "another" || w == "already":
			// "DNS is handled by another policy already"
			existing = true
		case (w == "other" || w == "separate" || w == "additional" || w == "later" || w == "further") && n+1 < len(toks) && (toks[n+1].low == "policies" || toks[n+1].low == "policy" || toks[n+1].low == "rules"):
			// "the expected traffic will be allowed by other policies"
			existing = true
		case t.kind != tWord && t.kind != tPunct || podNouns[w] || namespaceWords[w]:
			return false
		}
	}
	return existing
}

// allowNouns name the allows of policies to come: "the per-server allows",
// "allow rules", "the exceptions".
var allowNouns = set("allows", "allow-rules", "exceptions", "allowances", "openings", "allow-lists", "allowlists", "carve-outs", "carveouts")

// laterWords say that something comes after this policy.
var laterWords = set("later", "afterwards", "afterward", "next", "added", "follow", "follows", "following", "come", "comes", "coming", "written", "applied", "subsequently", "separately")

// laterAllows reports whether toks, the words after a comma up to the end
// of the sentence, only say that allows come later, in other policies:
// "before the per-server allows are added", "explicit allows later", "the
// exceptions will be added afterwards". No value, pods, namespace, verdict,
// "only" or "except" stands in them.
func laterAllows(toks []token) bool {
	noun, later := false, false
	for n, t := range toks {
		w := t.low
		switch {
		case allowNouns[w] || w == "allow" && n+1 < len(toks) && (toks[n+1].low == "rules" || toks[n+1].low == "policies"):
			noun = true
		case laterWords[w] || w == "before" && n == 0:
			later = later || w != "before"
		case t.kind != tWord && t.kind != tPunct || t.kind == tPunct && t.low != "-", podNouns[w], namespaceWords[w], denyWords[w], allowWords[w], isolateWords[w], w == "only", w == "except", w == "but":
			return false
		}
	}
	return noun && later
}

// withoutIt reports whether a clause says what goes wrong if the rule
// before it is missing: "Without it the control plane can misbehave for up
// to a minute whenever cilium-agent restarts". It opens with "without it"
// (or "without this rule"), then names no value, pods or namespace, and has
// no verdict but what can or cannot happen, no "only" or "except".
//
// The default deny already there may be what goes wrong: "Without this the
// default-deny in monitoring blocks the scrape" (deniedByDefault).
func withoutIt(toks []token) bool {
	n := 0
	switch {
	case phraseIn(toks, 0, []string{"without", "it"}):
		n = 2
	case len(toks) > 2 && toks[0].low == "without" && (toks[1].low == "this" || toks[1].low == "that") && (toks[2].low == "rule" || toks[2].low == "policy"):
		n = 3
	case len(toks) > 1 && toks[0].low == "without" && toks[1].low == "this":
		n = 2
	default:
		return false
	}
	deny := false // a default deny was named
	for k := n; k < len(toks); k++ {
		t, w := toks[k], toks[k].low
		if d := denyPhraseAt(toks, k); d > 0 {
			deny = true
			k += d - 1
			continue
		}
		// "can", "can't" say what would happen, no verdict.
		if t.kind != tWord && t.kind != tPunct || w == "only" || w == "except" || podNouns[w] || namespaceWords[w] || denyWords[w] && !negationWords[w] && !(deny && deniedByDefault[w]) ||
			allowWords[w] && w != "can" && w != "may" || auditWords[w] || isolateWords[w] ||
			// "... blocks the scrape from the staging cluster", "... until
			// Friday": a place or a time the rule may be meant for.
			scopeQualifiers[w] || temporalWords[w] || timeNames[w] {
			return false
		}
	}
	return true
}

// deniedByDefault are what a default deny named before them does, said of
// it and not asked for: "the default-deny blocks the scrape", "the
// namespace default deny drops it".
var deniedByDefault = set("blocks", "drops", "denies", "rejects")

// pastTense are verbs of what someone did that do not end in "ed":
// "I thought DNS was done by kubernetes by magic".
var pastTense = set("thought", "made", "set", "ran", "wrote", "saw", "found", "got", "put", "built", "spent", "took", "broke", "forgot", "had", "did", "went", "read", "heard", "knew")

// wishVerbs say what someone wants, even in the past: "I wanted the
// frontend to reach ...".
var wishVerbs = set("wanted", "needed", "hoped", "expected", "asked", "required", "preferred", "decided", "planned", "intended", "liked", "wished", "meant")

// pastNarrative reports whether a clause before the others tells what
// someone did, not what the policy should do: "I created a default deny
// for egress in the dev namespace and then banged my head on the
// keyboard", "I honestly thought DNS was done by kubernetes by magic". It
// opens with "I" or "we", at most one adverb, and a verb in the past that
// is no wish; it names no labels, address, name or path, no "only" or
// "except", and any namespace it names stands again in a clause after it.
//
// It may open with a word of when (timeOpeners): "As soon as we enabled
// ICMP between master and nodes it came right up", "Once we switched on
// enforcement nothing resolved". Then what follows is told too: no duty,
// no "let" or "please", and no order after a comma ("After we enabled
// enforcement, deny all egress" is an order).
func pastNarrative(toks []token, later []clause) bool {
	if when := timeOpener(toks); when > 0 {
		if !toldAfter(toks[when:]) {
			return false
		}
		toks = toks[when:]
	}
	toks = toks[sceneBefore(toks):]
	if len(toks) < 3 || toks[0].low != "i" && toks[0].low != "we" {
		return false
	}
	v := 1
	if w := toks[1].low; strings.HasSuffix(w, "ly") || w == "just" || w == "already" || w == "also" || w == "first" || w == "then" {
		v = 2
	}
	w := toks[v].low
	if !(pastTense[w] || strings.HasSuffix(w, "ed") && len(w) > 4) || wishVerbs[w] || denyWords[w] || allowWords[w] || isolateWords[w] || auditWords[w] {
		return false
	}
	for n, t := range toks {
		if t.kind != tWord && t.kind != tPunct || t.low == "only" || t.low == "except" {
			return false
		}
		if !namespaceWords[t.low] {
			continue
		}
		for _, k := range []int{n - 1, n + 1} {
			if k < 0 || k >= len(toks) || toks[k].kind != tWord {
				continue
			}
			if w := toks[k].low; determiners[w] || prepositions[w] || coordinators[w] || fillerWords[w] || frameWords[w] {
				continue
			}
			if !slices.ContainsFunc(later, func(c clause) bool { return hasWord(c.toks, toks[k].low) }) {
				return false
			}
		}
	}
	return true
}

// sceneOpeners open a phrase of when or where a story took place, before
// its teller: "During an audit I attached to ...", "While testing the
// staging cluster I reached ...", "On Monday we found ...".
var sceneOpeners = set("during", "while", "on", "in", "at", "last", "yesterday", "earlier", "recently", "throughout")

// sceneBefore is the length of a phrase of scene (sceneOpeners, then
// words alone, at most eight) that stands before "I" or "we", or 0. A
// namespace, a value, a modal or a verb of verdict in it is no scene ("an
// audit" is a noun).
func sceneBefore(toks []token) int {
	if len(toks) == 0 || !sceneOpeners[toks[0].low] {
		return 0
	}
	for k := 1; k < len(toks) && k <= 8; k++ {
		t := toks[k]
		if (t.low == "i" || t.low == "we") && toks[k-1].low != "that" {
			return k
		}
		// "During an audit": a noun of verdict after a determiner is none.
		verdict := (denyWords[t.low] || allowWords[t.low] || auditWords[t.low] || isolateWords[t.low]) && !determiners[toks[k-1].low]
		if t.kind != tWord && t.low != "," || namespaceWords[t.low] || verdict || modals[t.low] {
			return 0
		}
	}
	return 0
}

// timeOpeners open a clause of when something was done: "as soon as we
// enabled ...", "once we turned on ...", "right after I applied ...".
var timeOpeners = [][]string{{"as", "soon", "as"}, {"once"}, {"when"}, {"after"}, {"right", "after"}, {"just", "after"}, {"shortly", "after"}, {"the", "moment"}}

// timeOpener is the length of the word of when that opens toks, or 0.
func timeOpener(toks []token) int {
	for _, o := range timeOpeners {
		if phraseIn(toks, 0, o) {
			return len(o)
		}
	}
	return 0
}

// toldAfter reports whether the words after a word of when only tell: no
// duty ("should", "must", "needs"), no "let" or "please", and no order
// where a part of the sentence starts ("..., deny all egress", "... and
// then block ...").
func toldAfter(toks []token) bool {
	for n, t := range toks {
		w := t.low
		if w == "should" || w == "must" || w == "shall" || w == "need" || w == "needs" || w == "want" || w == "wants" || w == "please" || w == "let" || obligation(w) {
			return false
		}
		if n > 0 && imperatives[w] {
			if p := toks[n-1].low; toks[n-1].kind == tPunct || p == "so" || p == "then" || p == "and" || p == "just" {
				return false
			}
		}
	}
	return true
}

// symptom reports whether a clause says what someone saw go wrong:
// "hubble observe shows productpage -> reviews being dropped", "the logs
// showed lookups getting blocked". It shows something "being" or
// "getting" denied, and names no value, "only" or "except".
func symptom(toks []token) bool {
	shows, denied := false, false
	for n, t := range toks {
		w := t.low
		switch {
		case t.kind != tWord && t.kind != tPunct || w == "only" || w == "except":
			return false
		case w == "show" || w == "shows" || w == "showed" || w == "shown":
			shows = true
		case (w == "being" || w == "getting") && n+1 < len(toks) && denyWords[toks[n+1].low] && strings.HasSuffix(toks[n+1].low, "ed"):
			denied = true
		}
	}
	return shows && denied
}

// currentStateOpeners set a sentence in the present as it is: "At the
// moment the policy lets every port in", "Right now any pod can hit the
// metrics endpoints".
var currentStateOpeners = [][]string{{"at", "the", "moment"}, {"right", "now"}, {"currently"}, {"as", "of", "now"}, {"as", "it", "stands"}, {"as", "things", "stand"}}

// currentState reports whether a clause says what is, not what should be:
// it opens with a word of the present as it is, goes on with no verdict
// word (not "right now, block ..."), no duty ("should", "must", "needs")
// and no "only" or "except", and names no labels, address, name or path.
func currentState(toks []token) bool {
	n := openingLen(toks, currentStateOpeners)
	if n < 0 {
		return false
	}
	if n < len(toks) && toks[n].low == "," {
		n++
	}
	if n >= len(toks) || hasStatement(toks[n:n+1]) {
		return false
	}
	for _, t := range toks[n:] {
		w := t.low
		if t.kind != tWord && t.kind != tPunct && t.kind != tNumber || w == "only" || w == "except" || w == "should" || w == "must" || w == "need" || w == "needs" || obligation(w) {
			return false
		}
	}
	return true
}

// failedWhen reports whether a clause tells what fails, and when, beside
// the rule that fixes it: "- with only the L3-L4 rule for port 80 in
// place, the pings get dropped", "- when the default deny went in, their
// connections were dropped", "once the namespace got a default deny, the
// queries got blocked". It says traffic fails (failureSaid: "get
// dropped", "were blocked", "cannot", "fails"), with no duty before it
// ("should be dropped" is an order), a word of when or of what else
// (failWhen, "as soon as", "in place", or changeSaid), and no "except";
// "only" stands only in what is in place ("with only X in place").
func failedWhen(toks []token) bool {
	if !failureSaid(toks) {
		return false
	}
	inPlace := slices.ContainsFunc(toks, func(t token) bool { return t.low == "place" })
	when := changeSaid(toks) || inPlace
	for i, t := range toks {
		w := t.low
		switch {
		case w == "except" || w == "only" && !inPlace:
			return false
		case (w == "need" || w == "needs" || w == "want") && writingPolicy(toks, i+1):
			// "I want to define an Egress policy for my namespace orders,
			// but as soon as I add it the pods are unable to do DNS
			// lookups": the wish to write a policy, no rule of its own.
		case w == "should" || w == "must" || w == "shall" || w == "need" || w == "needs" || w == "want" || w == "please" || (w == "has" || w == "have") && i+1 < len(toks) && toks[i+1].low == "to":
			return false
		case imperatives[w] && (i == 0 || toks[i-1].kind == tPunct || toks[i-1].low == "then" || toks[i-1].low == "and" || toks[i-1].low == "please" || toks[i-1].low == "just"):
			// "If the cart pods cannot reach the db, block them": an order
			// under a condition, not what broke.
			return false
		case w == "if":
			// "If Netpol and Servicemonitor are both enabled, metrics can not
			// be scraped": what fails under a setting, said as a passive or
			// a word of breaking; "if the pods get compromised, they cannot
			// reach the internet" may be a rule, and stays.
			when = when || ifFailure(toks)
		case failWhen[w] || phraseIn(toks, i, []string{"as", "soon", "as"}):
			when = true
		}
	}
	return when
}

// writeVerbs say that a policy is written or put in place: "define an
// Egress policy", "set up egress rules", "add a NetworkPolicy".
var writeVerbs = set("define", "write", "create", "add", "set", "apply", "deploy", "introduce", "roll", "put", "build")

// writingPolicy reports whether the words at i say the wish to write a
// policy and nothing of what it does: "to define an Egress policy for my
// namespace orders", "to set up egress rules for the app=worker pods". A
// direction may stand in it; a verdict, an isolation, "only" or "except"
// may not ("to add a default deny policy" asks for one).
func writingPolicy(toks []token, i int) bool {
	if i+1 >= len(toks) || toks[i].low != "to" || !writeVerbs[toks[i+1].low] {
		return false
	}
	for k := i + 2; k < len(toks) && k <= i+7; k++ {
		w := toks[k].low
		switch {
		case allowWords[w] || denyWords[w] || isolateWords[w] || w == "default" || w == "only" || w == "except" || w == "isolation":
			return false
		case policyNouns[w] || w == "rules":
			return true
		}
	}
	return false
}

// ifFailure reports whether a clause of "if" says that something broke:
// a word of breaking ("fail", "unable", "timeout") or a passive of it
// ("can't be scraped", "get dropped"), and no word of a compromise.
func ifFailure(toks []token) bool {
	broke := false
	for i, t := range toks {
		w := t.low
		if compromiseWords[w] {
			return false
		}
		if brokenWords[w] || i > 0 && (beVerbs[toks[i-1].low] || toks[i-1].low == "be") && strings.HasSuffix(w, "ed") && w != "enabled" && w != "applied" && w != "used" {
			broke = true
		}
	}
	return broke
}

// failWhen open a clause of when, or of what happens without the rule
// ("if the default deny is on, the exporter can't be scraped").
var failWhen = set("when", "whenever", "once", "since", "after", "otherwise", "until", "because", "if")

// failureFixed reports whether the clauses other than the one at n hold
// the rule that fixes what failedWhen says fails: one of them allows, and
// none denies.
func failureFixed(out []clause, n int) bool {
	allows := false
	for k, c := range out {
		if k == n || k == n+1 && failureGoesOn(c) {
			continue
		}
		for _, t := range c.toks {
			switch w := t.low; {
			case denyWords[w] || isolateWords[w]:
				return false
			case allowWords[w] || receiveVerbs[w] || reachVerbs[w] || w == "need" || w == "needs" || w == "only":
				allows = true
			}
		}
	}
	return allows
}

// failureGoesOn reports whether clause c carries on, after "and", the
// story of what fails: "Metrics scraping broken when network policy
// enabled: my Prometheus runs in another namespace and can't get to 9090".
// It opens with the failure (failureSaid), so has no subject of its own,
// and says no duty, "only" or "except".
func failureGoesOn(c clause) bool {
	if len(c.toks) == 0 || !failureSaid(c.toks[:1]) && !(len(c.toks) > 1 && failureSaid(c.toks[:2]) && (c.toks[0].low == "can" || c.toks[0].low == "could")) {
		return false
	}
	return !slices.ContainsFunc(c.toks, func(t token) bool {
		w := t.low
		return w == "only" || w == "except" || w == "should" || w == "must" || w == "shall" || w == "want" || w == "please" || obligation(w)
	})
}

// presentWords say that a sentence tells how things are now: "The app=db
// pods currently accept connections from every pod", "anything can reach
// it today", "at the moment it takes connections from api, frontend and
// whatever else".
var presentWords = set("currently", "presently", "nowadays", "today")

// presentTraffic reports whether a clause tells what traffic flows now,
// not what should: a word of the present (presentWords, or an opener of
// currentStateOpeners anywhere in it), a verb of traffic, and no duty
// ("should", "must", "needs", "has to", "want"), "only", "except",
// "also" or order ("Right now, block ..."). The rule the request asks for
// is said in the other clauses (presentTrafficKept).
func presentTraffic(toks []token) bool {
	present, traffic := false, false
	for i, t := range toks {
		w := t.low
		switch {
		case presentWords[w] || slices.ContainsFunc(currentStateOpeners, func(o []string) bool { return len(o) > 1 && phraseIn(toks, i, o) }):
			present = true
			// "Right now, block ...": an order, in the present.
			n := i + 1
			if i > 0 {
				break
			}
			for n < len(toks) && (toks[n].kind == tPunct || toks[n].low == "now" || toks[n].low == "moment" || toks[n].low == "the") {
				n++
			}
			if n < len(toks) && (allowWords[toks[n].low] || denyWords[toks[n].low] || isolateWords[toks[n].low] || toks[n].low == "please" || toks[n].low == "let") && !strings.HasSuffix(toks[n].low, "s") {
				return false
			}
		case w == "should" || w == "must" || w == "shall" || w == "want" || w == "wants" || w == "only" || w == "except" || w == "also" || w == "too" || w == "please" || obligation(w) && w != "has" && w != "have" || (w == "has" || w == "have") && i+1 < len(toks) && toks[i+1].low == "to":
			return false
		case receiveVerbs[w] || reachVerbs[w] || w == "lets" || w == "allows" || w == "permits" || w == "takes" || w == "open" || w == "exposed" || w == "hit" || w == "hits" || w == "calls":
			traffic = true
		}
	}
	return present && traffic
}

// presentTrafficKept reports whether the clauses other than the one at n
// say the rule the request asks for, and say nothing of keeping or adding
// to the traffic of now ("also", "too", "as well", "still", "keep"), so
// that what flows now is no part of the rule.
func presentTrafficKept(out []clause, n int) bool {
	rule := false
	for k, c := range out {
		if k == n {
			continue
		}
		if slices.ContainsFunc(c.toks, func(t token) bool {
			return t.low == "also" || t.low == "too" || t.low == "still" || t.low == "keep" || t.low == "additionally" || t.low == "addition" || t.low == "well" || t.low == "continue"
		}) {
			return false
		}
		rule = rule || hasStatement(c.toks)
	}
	return rule
}

// stateBeforeUpdate reports whether a clause says what a policy does
// today, before the request to change it says the whole new state: "KA's
// NetworkPolicy only allows ingress from the aianalysis-controller pods
// today. Update the policy so the KA pods ... accept traffic on 8080 from
// both the aianalysis-controller pods (...) and the apifrontend pods".
// It ends or opens with a word of the present ("today", "right now"),
// the next clause asks to update the policy, and every name or value it
// holds the request says again after it, so nothing it allows is lost
// ("... allows A today. Update it so B may reach X too" keeps it).
func stateBeforeUpdate(toks []token, rest []clause) bool {
	e := len(toks)
	for e > 0 && toks[e-1].kind == tPunct {
		e--
	}
	n := e
	switch {
	case e > 0 && (toks[e-1].low == "today" || toks[e-1].low == "currently"):
		e--
	case e > 1 && phraseIn(toks, e-2, []string{"right", "now"}):
		e -= 2
	}
	b := 0
	for _, o := range currentStateOpeners {
		if phraseIn(toks, 0, o) {
			b = len(o)
		}
	}
	if b == 0 && e == n || b > e {
		return false
	}
	if len(rest) == 0 || len(rest[0].toks) == 0 || !(rest[0].toks[0].low == "update" || rest[0].toks[0].low == "change" || rest[0].toks[0].low == "modify") {
		return false
	}
	said := map[string]bool{}
	for _, c := range rest {
		for _, t := range c.toks {
			said[t.low] = true
			if _, v, ok := strings.Cut(t.low, "="); ok && t.kind == tLabel {
				said[v] = true // "app=cache" says "cache"
			}
		}
	}
	for _, t := range toks[b:e] {
		w := strings.TrimSuffix(strings.TrimSuffix(t.low, "'s"), "’s")
		if t.kind == tPunct || fillerWords[w] || determiners[w] || prepositions[w] || policyNouns[w] || podNouns[w] || ingressWords[w] || egressWords[w] ||
			allowWords[w] || receiveVerbs[w] || reachVerbs[w] || w == "only" || w == "traffic" {
			continue
		}
		if !said[w] && !said[t.low] {
			return false
		}
	}
	return true
}

// failureWords say that a request fails: what an allow-list leaves out.
var failureWords = set("hang", "hangs", "fail", "fails", "bounce", "bounces", "rejected", "refused", "denied", "dropped", "blocked", "403", "403s",
	"permission_denied", "forbidden", "timeout", "timeouts")

// passiveDenials say, in the passive, that what they are said of is kept
// from happening: "every process not on the list is prevented", "anything
// else gets disallowed", "other programs must be stopped". Only after a
// word of being (passiveDenied): "prevented" alone is no failure.
var passiveDenials = set("prevented", "disallowed", "prohibited", "banned", "stopped", "killed", "terminated", "refused", "rejected")

// passiveDenied reports whether toks[n] is a word of passiveDenials after a
// word of being: "is prevented", "gets killed", "must be stopped".
func passiveDenied(toks []token, n int) bool {
	return passiveDenials[toks[n].low] && n > 0 && (beVerbs[toks[n-1].low] || toks[n-1].low == "be")
}

// deniedExample reports whether a clause after an allow-list only gives
// examples of what it leaves out: "POST, PUT or any of the private paths
// should bounce with a 403", "a curl to google.com from them should just
// hang", "every other method should get PERMISSION_DENIED". It names no
// pods, no value the request named before, and no path.
func deniedExample(toks []token, before string) bool {
	failed := false
	for n, t := range toks {
		w := t.low
		switch {
		case failureWords[w] || w == "out" && hasWord(toks, "time") || passiveDenied(toks, n):
			failed = true
		case w == "can" && n+1 < len(toks) && toks[n+1].low == "keep":
			// "everything else can keep getting the envoy 403"
		case t.kind == tDomain && !strings.Contains(strings.ToLower(before), w):
		case t.kind == tNumber && len(w) == 3 && (w[0] == '4' || w[0] == '5'):
			// a status code: "with a 403"
		case t.kind != tWord && t.kind != tPunct, podNouns[w], namespaceWords[w], w == "only", w == "except", allowWords[w], isolateWords[w]:
			return false
		}
	}
	return failed
}

// exampleCannot reports whether a clause after an allow-list names an
// example of what it leaves out and says it must fail: "scanners like
// hping3 shouldn't be able to do recon from there". It holds no value, pods
// or namespace.
func exampleCannot(toks []token) bool {
	like := slices.IndexFunc(toks, func(t token) bool { return t.low == "like" })
	cannot := slices.IndexFunc(toks, func(t token) bool { return negatedModals[t.low] })
	if like < 0 || cannot < like {
		return false
	}
	return !slices.ContainsFunc(toks, func(t token) bool {
		return t.kind != tWord && t.kind != tPunct || podNouns[t.low] || namespaceWords[t.low] || t.low == "only" || t.low == "except"
	})
}

// nameRemarkWords are the words of a remark on which DNS names match.
var nameRemarkWords = set("exact", "names", "name", "doesn't", "does", "not", "count", "counts", "isn't", "is", "needed", "itself", "has", "have", "to",
	"match", "matches", "only", "an", "a", "the", "e.g.", "i.e.", ",", "-", "(", ")", "also", "just", "apex", "included", "excluded", "must")

// nameRemark reports whether a clause only remarks which DNS names the
// names of the request match, and says it as they do: "exact names,
// www.microsoft.com doesn't count" beside microsoft.com, "www.google.com has
// to match" beside *.google.com, "google.com itself isn't needed" beside
// *.google.com. A remark that the names would contradict is no remark.
func nameRemark(remark, all []token) bool {
	negative, positive := false, false
	var named []string
	for _, t := range remark {
		switch {
		case t.kind == tDomain:
			named = append(named, strings.TrimSuffix(t.low, "."))
		case t.kind == tWord || t.kind == tPunct:
			if !nameRemarkWords[t.low] {
				return false
			}
			negative = negative || t.low == "doesn't" || t.low == "isn't" || t.low == "excluded"
			positive = positive || t.low == "match" || t.low == "matches" || t.low == "included"
		default:
			return false
		}
	}
	if len(named) == 0 || negative == positive {
		return false
	}
	var allowed []string
	for _, t := range all {
		if t.kind == tDomain && !slices.ContainsFunc(remark, func(r token) bool { return r.start == t.start }) {
			allowed = append(allowed, strings.TrimSuffix(t.low, "."))
		}
	}
	for _, n := range named {
		matched := slices.ContainsFunc(allowed, func(a string) bool { return a == n || strings.HasPrefix(a, "*.") && strings.HasSuffix(n, a[1:]) })
		if matched != positive {
			return false
		}
	}
	return true
}

// offListVerbs say that something is left out of a list: "stays off the
// list", "is kept off the blocklist", "remains off it".
var offListVerbs = set("stays", "stay", "remains", "remain", "kept", "left", "keep", "keeps")

// listNouns name the list a rule makes.
var listNouns = set("list", "lists", "allowlist", "allow-list", "whitelist", "blocklist", "block-list", "blacklist", "denylist", "deny-list")

// offTheList reports whether a clause says that something named by words
// alone stays out of the rules' list, whatever else it says of it: "The
// server's own runtime reads them legitimately and stays off the list",
// "the log shipper reads it too but stays off the allowlist". What a rule
// does not name it leaves out, allowed beside a block and blocked beside
// an allow-list, as the rule says. A value ("/bin/nc stays off the list"),
// a negation, "only" or "except" may change the rule: no.
func offTheList(toks []token) bool {
	off := false
	for n, t := range toks {
		w := t.low
		if t.kind != tWord && t.kind != tPunct || negationWords[w] || w == "only" || w == "except" || w == "unless" {
			return false
		}
		// "stays off the list for now but gets added next week", "... until
		// the audit": off the list for a time, or not for long.
		if off && (w == "but" || w == "until" || w == "yet" || w == "so") || offForATime[w] {
			return false
		}
		if offListVerbs[w] && n+2 < len(toks) && toks[n+1].low == "off" && (listNouns[toks[n+2].low] || n+3 < len(toks) && determiners[toks[n+2].low] && listNouns[toks[n+3].low]) {
			off = true
		}
	}
	return off
}

// offForATime say something is off the list for a time only: "for now",
// "gets added next week", "stays off the list until the audit".
var offForATime = set("now", "yet", "later", "soon", "next", "until", "till", "temporarily", "added", "add", "include", "included")

// aboutPolicyKind reports whether a clause only names the kind of policy
// the others make: "It's a deny policy", "an allow policy", "a deny list".
func aboutPolicyKind(toks []token) bool {
	kind := false
	for n, t := range toks {
		// "an allow policy, so requests to any other path end up denied"
		if t.low == "," && n+2 < len(toks) && toks[n+1].low == "so" && allowListRestClause(toks[n+2:]) {
			return kind
		}
		switch w := t.low; {
		case w == "policy" || w == "rule" || w == "list" || w == "allowlist" || w == "denylist" || w == "allow-list" || w == "deny-list":
			kind = true
		case t.kind == tPunct || w == "it's" || w == "it" || w == "is" || w == "this" || w == "that's" || w == "a" || w == "an" || w == "deny" || w == "allow" || w == "just" || w == "simple" || w == "plain":
		default:
			return false
		}
	}
	return kind
}

// selectorWords are the words of a remark on how selectors combine.
var selectorWords = set("namespace", "namespaces", "pod", "pods", "selector", "selectors", "label", "labels", "and", "together", "both", "have", "has",
	"to", "must", "match", "the", "conditions", "condition", "not", "either", "in", "one", "peer", "same", "entry", "apply", "applies", "(", ")", ",", ":", "-")

// selectorRemark reports whether a clause only says that a pod selector and
// a namespace selector hold together, as one peer does: "Namespace selector
// and pod selector together", "(both conditions, not either)", "the pod
// label and the namespace label both have to match". "Either" alone would
// mean the opposite, and is no remark.
func selectorRemark(toks []token) bool {
	joint := false
	for i, t := range toks {
		if !selectorWords[t.low] {
			return false
		}
		if t.low == "either" && (i == 0 || toks[i-1].low != "not") {
			return false
		}
		joint = joint || t.low == "together" || t.low == "both"
	}
	return joint
}

// aboutReplies reports whether a clause only says that replies need no
// rule of their own: "the replies go back on their own, no egress rule
// needed". Policies are stateful; a reply follows its connection.
func aboutReplies(toks []token) bool {
	i := 0
	for i < len(toks) && (toks[i].kind == tPunct || coordinators[toks[i].low] || toks[i].low == "the") {
		i++
	}
	return i < len(toks) && (toks[i].low == "replies" || toks[i].low == "responses" || toks[i].low == "return" && i+1 < len(toks) && toks[i+1].low == "traffic") && wordsOnly(toks)
}

// threatModel reports whether a clause only says what an attacker would
// do: "stolen tokens let an attacker impersonate the workload against the
// API server". It names an attacker and no value or namespace.
func threatModel(toks []token) bool {
	attacker := slices.ContainsFunc(toks, func(t token) bool {
		return t.low == "attacker" || t.low == "attackers" || t.low == "intruder" || t.low == "intruders" || t.low == "adversary" || t.low == "adversaries" ||
			t.low == "exploit" || t.low == "exploits" || t.low == "malware" || t.low == "hackers" || t.low == "rootkit" || t.low == "rootkits" ||
			t.low == "tracks" && slices.ContainsFunc(toks, func(u token) bool { return u.low == "cover" || u.low == "covering" })
	})
	if factPhrase(toks) {
		// "kernel module loading from a container is a red flag"
		return !hasValue(toks) && !slices.ContainsFunc(toks, func(t token) bool { return namespaceWords[t.low] || t.low == "only" || t.low == "except" })
	}
	for n, t := range toks {
		if namespaceWords[t.low] || t.low == "only" || t.low == "except" || denyWords[t.low] && !negationWords[t.low] || auditWords[t.low] && !recordNoun(toks, n) {
			return false
		}
	}
	return attacker && !hasValue(toks)
}

// actorNouns name who carries out an attack in a sentence that tells it.
var actorNouns = set("attacker", "intruder", "adversary", "insider", "subject", "hacker")

// actorsNouns are the same in the plural, with malware, which does as they do.
var actorsNouns = set("attackers", "intruders", "adversaries", "insiders", "hackers", "malware", "cryptominers", "miners")

// attackNouns name attacks, and the kinds of malicious code, that act in a
// sentence of how attacks go, after words that say which: "Container
// escapes often start by mounting the host filesystem", "Kernel exploits
// typically load a module", "TeamTNT-style cryptojacking drops Monero
// miners ...". The mass nouns take a verb in -s as malware does.
var attackNouns = set("escapes", "breakouts", "attacks", "exploits", "intrusions", "escalations", "campaigns", "worms", "botnets", "rootkits", "backdoors", "trojans", "implants", "payloads",
	"ransomware", "spyware", "cryptojacking", "cryptojackers", "cryptominers", "miners", "malware")

// massAttackNouns take a verb in -s: "ransomware encrypts ...".
var massAttackNouns = set("ransomware", "spyware", "cryptojacking", "malware")

// attackSubject is the index of the attack noun that ends the subject of
// toks, after at most two words that say which ("Container escapes",
// "TeamTNT-style cryptojacking", "Privilege escalations"), or -1. The
// words before it are plain words: no value, determiner, namespace or
// negation.
func attackSubject(toks []token) int {
	for i := 0; i < len(toks) && i <= 2; i++ {
		if attackNouns[toks[i].low] {
			return i
		}
		if t := toks[i]; t.kind != tWord || determiners[t.low] || namespaceWords[t.low] || negationWords[t.low] || attackNouns[t.low] || modals[t.low] || t.low == "only" || t.low == "all" || t.low == "every" {
			return -1
		}
	}
	return -1
}

// containerCompounds follow "container" or "pod" as the head of a noun
// that names no pods: "container environments", "container escapes".
var containerCompounds = set("environments", "environment", "images", "image", "runtime", "runtimes", "escapes", "escape", "breakouts", "breakout", "registries", "registry", "platforms", "platform", "security", "ecosystems", "ecosystem", "world")

// compoundPodNoun reports whether the pod noun at n only says which kind
// of thing the noun after it is: "container environments".
func compoundPodNoun(toks []token, n int) bool {
	return (toks[n].low == "container" || toks[n].low == "pod") && n+1 < len(toks) && containerCompounds[toks[n+1].low]
}

// actorDoes reports whether a sentence tells what an attacker does or could
// do: "A subject deletes Linux system logs in /var/log to eliminate
// evidence", "an intruder could read /etc/shadow". Its verbs are the
// actor's, not the policy's, and its values the scene of the act; the
// sentences that say what to do name them again. A sentence that says
// must, should, only or except, or names pods or a namespace, is no story.
//
// Actors in the plural tell it as a habit: "Attackers often drop tools
// into /tmp/ and run /bin/sh from there".
func actorDoes(toks []token) bool {
	i := 0
	if len(toks) > 0 && (toks[0].low == "a" || toks[0].low == "an") {
		i++
	}
	plural := i == 0 && len(toks) > 0 && actorsNouns[toks[0].low]
	mass := plural && toks[0].low == "malware"
	if a := attackSubject(toks); i == 0 && !plural && a >= 0 {
		// "Container escapes often start by ...": an attack that acts.
		i, plural, mass = a, true, massAttackNouns[toks[a].low]
	}
	if i+1 >= len(toks) || !plural && (i == 0 || !actorNouns[toks[i].low]) {
		return false
	}
	for i+2 < len(toks) && habitAdverbs[toks[i+1].low] && toks[i+1].low != "never" && toks[i+1].low != "ever" {
		i++ // "attackers often drop ..."
	}
	v := toks[i+1]
	acts := v.kind == tWord && (strings.HasSuffix(v.low, "s") && !podNouns[v.low] && v.low != "is" && v.low != "has" || v.low == "could" || v.low == "might" || v.low == "can" || v.low == "may" || v.low == "would")
	if plural {
		// "attackers drop", not "attackers are blocked" or "attackers must";
		// "malware writes" as one.
		acts = mass && acts || v.kind == tWord && !strings.HasSuffix(v.low, "s") && !podNouns[v.low] && !prepositions[v.low] && !modals[v.low] && !slices.Contains([]string{"are", "were", "have", "had", "do", "don't", "did", "should", "must", "shall", "and", "or", "in", "of"}, v.low) ||
			v.low == "could" || v.low == "might" || v.low == "can" || v.low == "may" || v.low == "would"
	}
	for n, t := range toks {
		if t.low == "only" || t.low == "except" || t.low == "must" || t.low == "should" || t.low == "shall" || t.kind == tLabel || podNouns[t.low] && !compoundPodNoun(toks, n) || namespaceWords[t.low] {
			return false
		}
	}
	return acts
}

// recordNoun reports whether token n, a word of auditing, names records
// rather than the action: "log" before a noun of logs ("System log file
// deletion may mean ..."), the "tracks" someone covers ("their tracks"), or
// the records an attacker wipes ("clear logs", "wipe the logs").
func recordNoun(toks []token, n int) bool {
	w := toks[n].low
	if (w == "log" || w == "logs") && n+1 < len(toks) && logNouns[toks[n+1].low] && toks[n+1].low != "is" && toks[n+1].low != "are" ||
		w == "tracks" && n > 0 && (toks[n-1].low == "their" || toks[n-1].low == "its" || toks[n-1].low == "his" || toks[n-1].low == "her") {
		return true
	}
	if w != "log" && w != "logs" && w != "tracks" && w != "records" && w != "traces" {
		return false
	}
	k := n - 1
	for k >= 0 && (toks[k].low == "the" || toks[k].low == "their" || toks[k].low == "its" || toks[k].low == "his" || toks[k].low == "her" || toks[k].low == "any" || toks[k].low == "all") {
		k--
	}
	return k >= 0 && erasingVerbs[toks[k].low]
}

// erasingVerbs wipe what was recorded: "clear logs", "cover their tracks".
var erasingVerbs = set("clear", "clears", "clearing", "wipe", "wipes", "wiping", "erase", "erases", "erasing", "delete", "deletes", "deleting", "cover", "covers",
	"covering", "remove", "removes", "removing", "truncate", "truncates", "truncating", "tamper", "tampers", "tampering", "purge", "purges", "purging", "shred", "shreds")

// factPhrases judge something in the words of a fact: "X is a red flag",
// "Y is a classic way to ...", "raw sockets are how spoofing happens".
var factPhrases = [][]string{{"is", "a", "red", "flag"}, {"are", "a", "red", "flag"}, {"is", "a", "classic"}, {"are", "a", "classic"}, {"is", "how"}, {"are", "how"},
	{"is", "under", "attack"}, {"are", "under", "attack"}, {"is", "the", "door"}, {"that's", "the", "door"}, {"that's", "how"}, {"that's", "a", "classic"}, {"is", "almost", "always"}, {"are", "almost", "always"}, {"is", "a", "common"}, {"is", "a", "favourite"}, {"is", "a", "favorite"},
	// "Adding capabilities beyond the default set increases the risk of
	// container breakout attacks": what a practice risks, in general.
	{"increases", "the", "risk"}, {"increase", "the", "risk"}, {"raises", "the", "risk"}, {"raise", "the", "risk"}, {"increases", "the", "attack", "surface"}, {"widens", "the", "attack", "surface"}}

// factPhrase reports whether a clause holds a phrase of factPhrases.
func factPhrase(toks []token) bool {
	for i := range toks {
		for _, ph := range factPhrases {
			if phraseIn(toks, i, ph) {
				return true
			}
		}
	}
	return false
}

// restated reports whether every value of a clause stands again in the
// clauses after it (a path with or without its slash), and the clause names
// no namespace, "only" or "except".
// failsToStop reports whether a clause says what something does not stop:
// "Ingress policies don't stop someone who exploits the exposed port from
// calling home", "it won't stop someone piping a script into php", "Plain
// Unix permissions can't stop them from handing out /etc/passwd". A
// negated stop, prevent or block with its subject before it (not "don't
// block X", which is asked about) and who is not stopped right after it,
// or the clause's end; no "only" or "except".
func failsToStop(toks []token) bool {
	word := func(i int) string {
		if i < 0 || i >= len(toks) {
			return ""
		}
		return toks[i].low
	}
	for k := 1; k+1 < len(toks); k++ {
		v := k + 1
		switch {
		case word(k) == "don't" || word(k) == "doesn't" || word(k) == "won't" || word(k) == "can't" || word(k) == "cannot" || word(k) == "wouldn't" || word(k) == "couldn't":
		case (word(k) == "do" || word(k) == "does" || word(k) == "will" || word(k) == "can" || word(k) == "would" || word(k) == "could") && word(k+1) == "not":
			v++
		default:
			continue
		}
		if word(v) != "stop" && word(v) != "prevent" && word(v) != "block" {
			continue
		}
		if s := toks[k-1]; s.kind != tWord || s.low == "please" || s.low == "just" || s.low == "so" || s.low == "and" || s.low == "then" || s.low == "you" {
			continue
		}
		a := v + 1
		if word(a) == "a" || word(a) == "an" || word(a) == "the" {
			a++
		}
		// "Ingress policies don't stop | someone who ...": the one not
		// stopped may be split off as a clause of its own.
		if !(a == len(toks) || word(a) == "someone" || word(a) == "somebody" || word(a) == "anyone" || word(a) == "anybody" || word(a) == "them" || actorWords[word(a)] || actorNouns[word(a)] || word(a) == "attackers") {
			continue
		}
		return !slices.ContainsFunc(toks, func(t token) bool { return t.low == "only" || t.low == "except" })
	}
	return false
}

// hypothetical reports whether a clause only says what would happen
// otherwise: "the IPs keep changing and an ipBlock would just break".
func hypothetical(toks []token) bool {
	return (hasWord(toks, "would") || hasWord(toks, "might") || hasWord(toks, "could")) && wordsOnly(toks) || wouldVerdictOnly(toks)
}

// wouldVerdictOnly reports whether a clause is words alone but for
// verdicts that something else would give: "Those are calls the default
// profile would normally block", "A hardened image would deny that
// outright", "our previous Calico setup would allow everything". What would
// block is a third party's, not the speaker's ("we would block ...", "I
// would like to block ..." ask for it), and no "only" or "except" stands in it.
func wouldVerdictOnly(toks []token) bool {
	rest := []token{}
	would := false
	for n, t := range toks {
		if k := wouldBefore(toks, n); k >= 0 && (denyWords[t.low] || allowWords[t.low] || isolateWords[t.low]) && !negationWords[t.low] {
			if k > 0 && speakers[toks[k-1].low] {
				return false
			}
			would = true
			continue
		}
		rest = append(rest, t)
	}
	return would && wordsOnly(rest)
}

// speakers say "would" of the request's own asker or reader: "we would
// block", "you would allow".
var speakers = set("i", "we", "you")

// wouldAdverbs stand between "would" and its verb: "would normally block",
// "would have dropped", "would otherwise deny".
var wouldAdverbs = set("normally", "usually", "otherwise", "typically", "also", "still", "then", "just", "simply", "probably", "likely", "have", "already", "by", "default")

// wouldBefore gives the index of the "would" that governs the verb at n,
// with only words of wouldAdverbs between, or -1.
func wouldBefore(toks []token, n int) int {
	for k := n - 1; k >= 0 && k >= n-4; k-- {
		switch {
		case toks[k].low == "would":
			return k
		case !wouldAdverbs[toks[k].low]:
			return -1
		}
	}
	return -1
}

// compromisedExample reports whether a clause after an allow-list says
// what pods that were taken over must not manage: "If the frontend gets
// compromised it must not be able to send DELETE /orders or POST
// /admin/shutdown". Its paths are none the request named before, so the
// allow-list already leaves them out; it names no labels or addresses.
func compromisedExample(toks []token, before string) bool {
	if len(toks) == 0 || toks[0].low != "if" || !slices.ContainsFunc(toks, func(t token) bool { return compromiseWords[t.low] }) ||
		!slices.ContainsFunc(toks, func(t token) bool { return negatedModals[t.low] || t.low == "not" }) {
		return false
	}
	for _, t := range toks {
		switch {
		case t.kind == tPath:
			if strings.Contains(before, t.raw) {
				return false
			}
		case t.kind != tWord && t.kind != tPunct, t.low == "only", t.low == "except", namespaceWords[t.low]:
			return false
		}
	}
	return true
}

// noLonger reports whether a clause says what something must no longer
// manage after an isolation: "the alpine test pod shouldn't be able to curl
// kubernetes.io anymore". It names no labels, addresses or paths, no
// "only" or "except", and no verdict but the negation.
func noLonger(toks []token) bool {
	if !slices.ContainsFunc(toks, func(t token) bool { return t.low == "anymore" || t.low == "longer" }) || !slices.ContainsFunc(toks, func(t token) bool { return negatedModals[t.low] || t.low == "no" }) {
		return false
	}
	return !slices.ContainsFunc(toks, func(t token) bool {
		w := t.low
		return t.kind != tWord && t.kind != tPunct && t.kind != tDomain || w == "only" || w == "except" || (allowWords[w] || denyWords[w]) && !negationWords[w] && w != "no" && w != "can't" && w != "cannot"
	})
}

var compromiseWords = set("compromised", "hacked", "breached", "owned", "popped", "hijacked", "takeover")

// aboutPrecedence reports whether a clause only says how policies combine:
// "deny rules take precedence over allows, so this has to hold", "the deny
// takes precedence". No value, no pods, no namespace.
func aboutPrecedence(toks []token) bool {
	if !hasWord(toks, "precedence") && !hasWord(toks, "priority") && !hasWord(toks, "overrides") && !hasWord(toks, "override") && !(hasWord(toks, "win") || hasWord(toks, "wins")) {
		return false
	}
	for _, t := range toks {
		if t.kind != tWord && t.kind != tPunct || podNouns[t.low] || namespaceWords[t.low] || t.low == "only" || t.low == "except" {
			return false
		}
	}
	return true
}

// asideRest reports whether tokens say that the rest of the traffic is
// denied, with a list of examples set off by dashes: "other incoming
// traffic - pods without that label, external traffic, pods in other
// namespaces - is blocked".
func asideRest(toks []token) bool {
	first, second := -1, -1
	for i, t := range toks {
		if t.kind == tPunct && t.low == "-" {
			if first < 0 {
				first = i
			} else if second < 0 {
				second = i
			}
		}
	}
	if first <= 0 || second < 0 || hasValue(toks[first:second]) {
		return false
	}
	return allowListRestClause(append(slices.Clone(toks[:first]), toks[second+1:]...))
}

// scopeOnly reports whether tokens after a dash only say which pods and
// which directions the statement before is for: "- every pod in every
// namespace, ingress and egress".
func scopeOnly(toks []token) bool {
	pods := false
	for _, t := range toks {
		w := t.low
		switch {
		case w == "every" || w == "all" || w == "pod" || w == "pods" || w == "in" || w == "namespace" || w == "namespaces" || w == "and" || w == "," || w == "both" || w == "directions":
			pods = pods || w == "pod" || w == "pods"
		case ingressWords[w] || egressWords[w]:
		default:
			return false
		}
	}
	return pods
}

// actsOnPronoun reports whether tokens are an action on "it" or "them"
// and nothing else of value: "block them", "block access to it and
// everything inside", "audit writes to it, reads are just noise".
func actsOnPronoun(toks []token) bool {
	if len(toks) < 2 || !denyWords[toks[0].low] && !auditWords[toks[0].low] || negationWords[toks[0].low] {
		return false
	}
	pronoun := false
	for n, t := range toks {
		if t.kind != tWord && t.kind != tPunct {
			return false
		}
		// "block them", "block both capabilities", "audit all of those"
		if (t.low == "it" || t.low == "them" || t.low == "both" || t.low == "those" || t.low == "these") && n <= 3 {
			pronoun = true
		}
	}
	return pronoun
}

// consequence reports whether toks say what fails without a rule, naming
// no value the words before have not named: "kubernetes.io can't be
// resolved", "the probes time out".
func consequence(toks, before []token) bool {
	fails := false
	for n, t := range toks {
		switch {
		case negatedModals[t.low] || failureWords[t.low] || t.low == "break" || t.low == "breaks" || t.low == "time" && n+1 < len(toks) && toks[n+1].low == "out":
			fails = true
		case t.kind != tWord && t.kind != tPunct:
			if !slices.ContainsFunc(before, func(b token) bool { return b.low == t.low }) {
				return false
			}
		case t.low == "only" || t.low == "except" || allowWords[t.low] && !negatedModals[t.low] || denyWords[t.low] && !negatedModals[t.low] || auditWords[t.low]:
			return false
		}
	}
	return fails
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
		if n >= len(toks) || !factVerbs[toks[n].low] {
			return false
		}
		found = true
		i = n
	}
	return found
}

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

// inferenceVerbs say what a sign points to: "usually means", "may
// indicate", "suggests".
var inferenceVerbs = set("means", "mean", "indicates", "indicate", "suggests", "suggest", "signals", "signal", "implies", "imply", "hints")

// sentenceOf gives the tokens of the request's sentence that clause c
// stands in: "... is unusual and may indicate persistence attempts." is
// one sentence of two clauses.
func sentenceOf(toks []token, c clause) []token {
	from, to := 0, len(toks)
	for k, t := range toks {
		end := t.kind == tPunct && (t.low == "." || t.low == "?" || t.low == "!" || t.low == ";")
		switch {
		case end && t.start < c.toks[0].start:
			from = k + 1
		case end && t.start >= c.toks[len(c.toks)-1].end:
			return toks[from:k]
		}
	}
	return toks[from:to]
}

// inference reports whether a sentence only says what something is a sign
// of: "A web server spawning a shell usually means a web shell got
// uploaded", "Modifying sudoers or systemd units from inside a container
// is unusual and may indicate persistence attempts", "a spike in DNS
// lookups often signals a miner". A subject, then an inference verb (after
// at most a habit adverb or a modal of what may be), and no value, no
// namespace, no traffic verb or direction, no verdict, "only" or "except":
// the words are no workloads, and its clauses are the rules' reason.
func inference(toks []token) bool {
	found := false
	for n, t := range toks {
		w := t.low
		switch {
		case t.kind != tWord && t.kind != tPunct:
			return false
		case inferenceVerbs[w] && n > 0:
			found = true
		case modals[w] && !(w == "may" || w == "might" || w == "could" || w == "can") || w == "please" || w == "let" || w == "want" || w == "need" || w == "needs":
			return false
		case namespaceWords[w] || reachVerbs[w] || receiveVerbs[w] || ingressWords[w] || egressWords[w] || entityWord(w) != "" || w == "only" || w == "except" ||
			allowWords[w] && !modals[w] || denyWords[w] || auditWords[w] || isolateWords[w] || restrictionWords[w]:
			return false
		}
	}
	return found
}

// becomeVerbs say what a rule would turn into: "not turn into an
// allow-list", "shouldn't become a whitelist", "must not act as one".
var becomeVerbs = set("turn", "turns", "turning", "become", "becomes", "becoming", "act", "acts", "acting", "end", "ends", "ending", "be")

// allowListNouns name an allow-list, the form a rule of deny is not.
var allowListNouns = set("allow-list", "allowlist", "allow-lists", "allowlists", "whitelist", "whitelists", "default-deny")

// notAllowList reports whether a clause, beside rules that only deny, says
// that they must not be an allow-list: "It should only subtract that one
// destination, not turn into every workload's egress allow-list", "this
// must not become a whitelist", "without turning into an allowlist". A
// negation, a verb of becoming, an allow-list, and words alone: no value,
// pods, namespace or verdict. Beside a rule that allows, isolates or
// audits, the remark and the rule disagree: it stays a question.
func notAllowList(toks []token, ruledIn []*generator.Intent) bool {
	neg, become, list := -1, -1, -1
	for n, t := range toks {
		w := t.low
		switch {
		case t.kind == tPunct:
		case allowListNouns[w]:
			if become >= 0 && list < 0 {
				list = n
			}
		case become >= 0 && list < 0 && (podNouns[w] || strings.HasSuffix(w, "'s") && podNouns[strings.TrimSuffix(w, "'s")]):
			// "not turn into every workload's egress allow-list": whose
			// list it would be.
		case t.kind != tWord || podNouns[w] || namespaceWords[w] || allowWords[w] || denyWords[w] && !negationWords[w] || auditWords[w] || isolateWords[w] || w == "except" || w == "but":
			return false
		case neg < 0 && (negationWords[w] || w == "without"):
			neg = n
		case neg >= 0 && become < 0 && becomeVerbs[w] && n-neg <= 2:
			become = n
		}
	}
	if list < 0 || len(ruledIn) == 0 {
		return false
	}
	for _, in := range ruledIn {
		for _, x := range append([]*generator.Intent{in}, in.Others...) {
			if len(x.Network) == 0 || len(x.System) > 0 {
				return false
			}
			for _, r := range x.Network {
				if r.Verdict != generator.Deny {
					return false
				}
			}
		}
	}
	return true
}

// needParticiples say that something is needed: "no secret required", "no
// CVE needed".
var needParticiples = set("needed", "required", "necessary", "involved")

// nothingNeeded reports whether a clause only says that some thing was not
// needed, in words alone: "No secret required: the token is already in the
// container", "I attached to another process through ptrace, no CVE
// needed", "no exploit involved". "no", at most three words that name no
// value, pods, namespace, direction, entity, traffic or verdict, then a
// participle of need. "no internet access needed", "no DNS required" name
// traffic the rules might have to leave out: they stay questions.
func nothingNeeded(toks []token) bool {
	k := 0
	for k < len(toks) && (toks[k].kind == tPunct || toks[k].low == "and" || toks[k].low == "with") {
		k++
	}
	if k >= len(toks) || toks[k].low != "no" {
		return false
	}
	n := k + 1
	for n < len(toks) && n-k <= 3 && !needParticiples[toks[n].low] {
		t := toks[n]
		w := t.low
		if t.kind != tWord || podNouns[w] || namespaceWords[w] || meaningful(t) || entityWord(w) != "" || ingressWords[w] || egressWords[w] || reachVerbs[w] || receiveVerbs[w] ||
			allowWords[w] || denyWords[w] || auditWords[w] || isolateWords[w] || trafficNouns[w] || nameLookupWords[w] {
			return false
		}
		n++
	}
	if n == k+1 || n >= len(toks) || !needParticiples[toks[n].low] {
		return false
	}
	for _, t := range toks[n+1:] {
		if t.kind != tPunct {
			return false
		}
	}
	return true
}

// trafficNouns name traffic: "no internet access needed".
var trafficNouns = set("access", "traffic", "connection", "connections", "connectivity", "network", "networking", "internet", "port", "ports", "egress", "ingress", "outbound", "inbound", "route", "routes", "proxy")

// nameLookupWords name name lookups: "no DNS required".
var nameLookupWords = set("dns", "kube-dns", "coredns", "lookup", "lookups", "resolution", "resolver")

// standardNames name a standard or a law a request cites by number: "PCI
// DSS 4.0", "SOC 2", "ISO 27001", "HIPAA 164.312" (guidelineWords are
// others).
var standardNames = set("dss", "soc", "gdpr", "sox", "nis2", "bsi", "owasp", "asvs", "mitre")

// citationNouns name a numbered part of a standard: "requirement 1.3",
// "control 8.20", "article 32".
var citationNouns = set("requirement", "requirements", "req", "control", "controls", "article", "clause", "annex", "appendix", "recommendation", "item")

// citedNumber reports whether token n is a number (or a dotted one) that
// cites a standard or a part of it: right after the standard's name ("SOC
// 2", "ISO 27001", "CIS 5.4") or after a citation noun that follows one
// within three words ("PCI DSS requirement 1.3", "ISO 27001 control
// 8.20"). A number after "on", "port" or a protocol is not cited: it stands
// after another word.
func citedNumber(toks []token, n int) bool {
	if n == 0 || !(toks[n].kind == tNumber || toks[n].kind == tWord && dottedNumber(toks[n].low)) {
		return false
	}
	standard := func(w string) bool { return guidelineWords[w] || standardNames[w] }
	b := toks[n-1].low
	if standard(b) && b != "baseline" && b != "guideline" && b != "guidelines" {
		return true
	}
	if !citationNouns[b] {
		return false
	}
	for k := n - 2; k >= 0 && k >= n-5; k-- {
		if standard(toks[k].low) || citedNumber(toks, k) {
			return true
		}
	}
	return false
}

// describedNouns name things a sentence may be about that are no pods by
// themselves: "cardholder systems", "the data tier", "internal assets".
var describedNouns = set("system", "systems", "machine", "machines", "component", "components", "tier", "tiers", "stack", "stacks", "asset", "assets", "environment", "environments", "infrastructure")

// describedSubject reports whether a clause about traffic opens, before
// its first modal or verb of being, with a noun of describedNouns:
// "Cardholder systems must not be reachable from the internet". Its
// subject is named, by words that give no labels; it does not take the
// pods another clause names. ("The operating system must ...", "system
// calls" are no such subject.)
func describedSubject(toks []token) bool {
	if !slices.ContainsFunc(toks, func(t token) bool {
		return reachVerbs[t.low] || receiveVerbs[t.low] || ingressWords[t.low] || egressWords[t.low] || trafficNouns[t.low]
	}) {
		return false
	}
	for n, t := range toks {
		switch {
		case modals[t.low] || t.low == "is" || t.low == "are" || t.low == "needs" || t.low == "need":
			return false
		case describedNouns[t.low] && !(n > 0 && toks[n-1].low == "operating") && !(n+1 < len(toks) && (toks[n+1].low == "call" || toks[n+1].low == "calls")):
			return true
		case t.kind != tWord:
			return false
		}
	}
	return false
}

// namespaceSaidAgain reports whether the namespace word at n in clause c
// has a name beside it ("the monitoring namespace", "namespace metrics")
// that another sentence of the request says again beside a word of the
// clause's own: "My Prometheus runs in the monitoring namespace. Allow the
// pods labeled app=prometheus in monitoring ..." ("Prometheus runs in
// monitoring. Allow app=prometheus in namespace tools ..." does not: which
// namespace is it in?).
func namespaceSaidAgain(toks []token, c clause, n int) bool {
	name := ""
	for _, k := range []int{n - 1, n + 1} {
		if k >= 0 && k < len(c.toks) && c.toks[k].kind == tWord && !determiners[c.toks[k].low] && !prepositions[c.toks[k].low] && !namespaceWords[c.toks[k].low] {
			name = c.toks[k].low
			break
		}
	}
	if name == "" {
		return false
	}
	var own []string // the clause's words that could name what is there
	for _, t := range c.toks {
		if t.kind == tWord && len(t.low) > 3 && t.low != name && !namespaceWords[t.low] && !determiners[t.low] && !prepositions[t.low] && !fillerWords[t.low] {
			own = append(own, t.low)
		}
	}
	from := 0
	for k := 0; k <= len(toks); k++ {
		if k < len(toks) && !(toks[k].kind == tPunct && (toks[k].low == "." || toks[k].low == "?" || toks[k].low == "!" || toks[k].low == ";")) {
			continue
		}
		sentence := toks[from:k]
		from = k + 1
		if len(sentence) == 0 || sentence[0].start <= c.toks[0].start && c.toks[0].start <= sentence[len(sentence)-1].start {
			continue
		}
		// "app=prometheus in monitoring", "the prometheus pods
		// (app.kubernetes.io/name=prometheus) in cattle-monitoring-system":
		// the name a few words after a word of the clause's.
		for j, t := range sentence {
			if slices.ContainsFunc(own, func(w string) bool { return strings.Contains(t.low, w) }) &&
				slices.ContainsFunc(sentence[j+1:min(j+5, len(sentence))], func(u token) bool { return u.low == name }) {
				return true
			}
		}
	}
	return false
}

// reportingTools name what shows a request's writer the state of the network:
// tools, their commands and outputs, dashboards.
var reportingTools = set("cilium", "hubble", "kubectl", "calico", "calicoctl", "karmor", "curl", "wget", "ping", "nc", "netcat", "tcpdump", "dig", "nslookup",
	"monitoring", "prometheus", "grafana", "dashboard", "logs", "log", "status", "observe", "healthcheck", "probe", "probes", "output", "test", "tests")

// reportVerbs say what a tool printed.
var reportVerbs = set("reports", "reported", "shows", "showed", "says", "said", "prints", "printed", "returns", "returned", "gives", "gave", "lists", "listed", "displays", "displayed")

// toolReport reports whether a clause says what a tool printed: "cilium
// status reports 0/0 hosts reachable", "Our monitoring reports 3 nodes
// unreachable", "kubectl logs shows connection timeouts". Before the verb
// stand only a tool's words (and "the", "our"); after it, no label, path,
// address, DNS name, "only" or "except". What a tool saw is a fact, not a rule.
func toolReport(toks []token) bool {
	v := slices.IndexFunc(toks, func(t token) bool { return reportVerbs[t.low] })
	if v <= 0 || v > 4 {
		return false
	}
	tool := false
	for _, t := range toks[:v] {
		switch {
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

// entityNames are Cilium's names of its entities, as the term a sentence
// of documentation defines: "world covers 0.0.0.0/0 outside the cluster",
// "host is the local node, remote-node the other nodes".
var entityNames = set("world", "host", "remote-node", "cluster", "kube-apiserver", "health", "init", "unmanaged", "world-ipv4", "world-ipv6")

// defineVerbs say what a term is: "is", "covers", "means", "stands for".
var defineVerbs = set("is", "covers", "means", "represents", "denotes", "includes", "matches", "selects", "stands", "refers")

// entityDefinition reports whether a clause only says what Cilium's
// entities are, as documentation does before the rule that uses them:
// "world covers 0.0.0.0/0 outside the cluster.", "Entities: host is the
// local node, remote-node the other nodes.", "remote-node stands for the
// other nodes of the cluster." Each part (between commas) opens with an
// entity's name (after "the", with "entity" after it or not) and a verb
// of defining; after the first, the verb may be left out before "the". No
// duty, verdict, "only", "except", label or path; the only address is
// the world's own, 0.0.0.0/0 or ::/0 ("host is 10.0.0.5" gives the host
// an address of the request's own: it stays). One of the clauses after
// it (later) names an entity.
func entityDefinition(toks []token, later []clause) bool {
	i := 0
	if len(toks) > 2 && (toks[0].low == "entities" || toks[0].low == "entity") && toks[1].low == ":" {
		i = 2 // "Entities: host is ..."
	}
	parts := 0
	for i < len(toks) {
		if toks[i].low == "the" {
			i++
		}
		if i >= len(toks) || !entityNames[toks[i].low] {
			return false
		}
		world := toks[i].low == "world"
		i++
		if i < len(toks) && toks[i].low == "entity" {
			i++
		}
		switch {
		case i < len(toks) && defineVerbs[toks[i].low]:
			i++
		case parts > 0 && i < len(toks) && toks[i].low == "the":
		default:
			return false
		}
		for i < len(toks) && toks[i].low != "," {
			t := toks[i]
			if t.kind != tWord && t.kind != tPunct && !(t.kind == tCIDR && world && (t.low == "0.0.0.0/0" || t.low == "::/0")) || modals[t.low] || t.low == "only" || t.low == "except" || t.low == "please" || t.low == "let" ||
				(denyWords[t.low] || allowWords[t.low] || auditWords[t.low] || isolateWords[t.low] || restrictionWords[t.low]) && !negationWords[t.low] {
				return false
			}
			i++
		}
		parts++
		i++ // the comma
	}
	return parts > 0 && slices.ContainsFunc(later, func(c clause) bool {
		return slices.ContainsFunc(c.toks, func(t token) bool { return entityWord(t.low) != "" })
	})
}

// questionOpeners open a question that asks whether, not how: "Should the
// database really accept connections from everyone?", "Shouldn't we only
// allow traffic from the ingress controller?". "Can", "could" and "how"
// open requests ("Can CoreDNS be allowed egress to ...?", "How can I block
// ...?"): they are not here.
var questionOpeners = set("should", "shouldn't", "would", "wouldn't", "why", "do", "does", "don't", "doesn't", "is", "isn't", "are", "aren't", "shall", "must")

// answeredQuestion reports whether a clause is a question of whether
// (questionOpeners, a question mark after it) that the statements beside
// it (others; the caller asks for one after it) answer: "Should the database really accept connections from
// everyone? Only pods labeled app=backend may reach pods labeled app=db on
// 5432." It blocks and isolates nothing ("Shouldn't we block the web pods
// from the internet?" may ask for a rule the others leave out: it stays a
// question), asks for nothing "also" or "too", names no namespace, and
// every value and entity it names the others name again. Read as a rule, "accept connections from everyone" allowed every
// source.
func answeredQuestion(request string, toks []token, others []clause) bool {
	if len(toks) < 2 || !questionOpeners[toks[0].low] || !strings.HasPrefix(strings.TrimLeft(request[toks[len(toks)-1].end:], " )"), "?") {
		return false
	}
	if !slices.ContainsFunc(others, func(c clause) bool { return hasStatement(c.toks) }) {
		return false
	}
	for _, t := range toks {
		w := t.low
		// "Should monitoring also get in?": more than the rules say.
		if isolateWords[w] || denyWords[w] && !negationWords[w] || namespaceWords[w] || w == "also" || w == "too" || w == "additionally" {
			return false
		}
		// "Shouldn't the frontend be allowed to reach the world?": a peer
		// the others do not name.
		if e := entityWord(w); e != "" && !slices.ContainsFunc(others, func(c clause) bool {
			return slices.ContainsFunc(c.toks, func(u token) bool { return entityWord(u.low) == e })
		}) {
			return false
		}
		if t.kind != tWord && t.kind != tPunct && !slices.ContainsFunc(others, func(c clause) bool {
			return slices.ContainsFunc(c.toks, func(u token) bool { return u.kind == t.kind && u.low == w })
		}) {
			return false
		}
	}
	return true
}

// noPolicyScenes set a sentence where no policy holds yet: "In a flat
// network every pod can ping every pod", "By default all pods can reach
// each other", "Without any policy, pods can talk to any other pod".
var noPolicyScenes = [][]string{{"by", "default"}, {"in", "a", "flat", "network"}, {"on", "a", "flat", "network"}, {"without", "any", "policy"}, {"without", "any", "policies"}, {"without", "network", "policies"},
	{"without", "a", "policy"}, {"without", "policies"}, {"with", "no", "policy"}, {"with", "no", "policies"}, {"out", "of", "the", "box"}, {"in", "kubernetes"}, {"in", "plain", "kubernetes"}, {"normally"}}

// openTrafficWords are all the words a sentence of open traffic holds:
// everyone, pods, what they can do to each other, and "unless a policy
// says otherwise".
var openTrafficWords = set("every", "any", "all", "each", "other", "another", "one", "pod", "pods", "can", "could", "ping", "freely", "to", "with", "in", "the", "cluster", "and", ",",
	"unless", "a", "policy", "policies", "says", "otherwise", "selects", "them", "it", "are", "able")

// openByDefault reports whether a clause only says that, before any
// policy, every pod can reach every pod: a scene of no policy
// (noPolicyScenes), then "can" and a verb of traffic between pods said
// of all ("every pod", "each other", "any other pod"), and no other word:
// no value, no pods by name ("any pod can talk to the database" may ask
// for a rule), no duty, "only" or "except".
func openByDefault(toks []token) bool {
	n := openingLen(toks, noPolicyScenes)
	if n < 0 {
		return false
	}
	can, traffic := false, false
	for _, t := range toks[n:] {
		w := t.low
		switch {
		case w == "can" || w == "could" || w == "able":
			can = true
		case reachVerbs[w] || w == "ping":
			traffic = true
		case !openTrafficWords[w]:
			return false
		}
	}
	return can && traffic
}

// openingLen is the length of the longest of the phrases the tokens open
// with, or -1 when they open with none.
func openingLen(toks []token, phrases [][]string) int {
	n := -1
	for _, o := range phrases {
		if len(o) > n && phraseIn(toks, 0, o) {
			n = len(o)
		}
	}
	return n
}

// planPhrases say that we are about to do something: "we're about to",
// "we are going to", "I plan to", "we will".
var planPhrases = [][]string{{"about", "to"}, {"going", "to"}, {"planning", "to"}, {"plan", "to"}, {"will"}, {"soon"}}

// denyPlanned reports whether a clause says that we are about to put a
// default deny in place, as the scene of the statement after its comma:
// "We're about to opt in to denied-by-default on our cluster, so first a
// cluster-wide baseline: ...", "We are going to turn on default deny in
// the shop namespace next week, so allow ...". We or I open it, a phrase
// of plan follows, a default deny is said; no value, negation, "only",
// "except", "but" or "unless" (which would say what it leaves out), no
// place or pods by name ("in namespace shop", "in shop", "for the web
// pods": the rules after it may be meant for them).
func denyPlanned(toks []token) bool {
	i := 0
	for i < len(toks) && (toks[i].kind == tPunct || coordinators[toks[i].low]) {
		i++
	}
	if i >= len(toks) || !set("we", "we're", "i", "i'm")[toks[i].low] {
		return false
	}
	i++
	if i < len(toks) && (toks[i].low == "are" || toks[i].low == "am") {
		i++
	}
	n := slices.IndexFunc(planPhrases, func(o []string) bool { return phraseIn(toks, i, o) })
	if n < 0 {
		return false
	}
	said := false
	for k := i + len(planPhrases[n]); k < len(toks); k++ {
		t, w := toks[k], toks[k].low
		if d := denyPhraseAt(toks, k); d > 0 {
			said = true
			k += d - 1
			continue
		}
		if t.kind != tWord && t.kind != tPunct || negationWords[w] || w == "without" || w == "only" || w == "except" || w == "but" || w == "unless" ||
			allowWords[w] && w != "enable" && w != "enabling" || denyWords[w] || auditWords[w] {
			return false // "enable default deny" puts it in place
		}
		// "in namespace shop", "in shop", "for the web pods": a place or
		// pods the rules after it may be meant for; only "our/the/every
		// namespace", "our cluster" and the like leave none unsaid.
		if (w == "in" || w == "on" || w == "for" || w == "across") && k+1 < len(toks) && toks[k+1].kind == tWord &&
			!(determiners[toks[k+1].low] || prepositions[toks[k+1].low] || denyPhraseAt(toks, k+1) > 0 || set("our", "my", "every", "each", "all", "this", "these")[toks[k+1].low]) || namespaceWords[w] && k+1 < len(toks) && toks[k+1].kind == tWord && !prepositions[toks[k+1].low] && !coordinators[toks[k+1].low] || podNouns[w] {
			return false
		}
	}
	return said
}
