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
