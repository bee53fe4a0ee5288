package builtin

import (
	"slices"
	"strings"
)

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
	if k := actorAfterScene(toks); k > 0 {
		toks = toks[k:] // "With code execution in a container an attacker can ..."
	}
	i := 0
	if len(toks) > 0 && (toks[0].low == "a" || toks[0].low == "an" || toks[0].low == "the") {
		i++
	}
	// "users can run /bin/bash": what people may do with a value may be
	// a permission; only the story of people with words alone is one.
	people := i == 0 && len(toks) > 0 && peopleNouns[toks[0].low]
	if people && slices.ContainsFunc(toks, func(t token) bool { return t.kind != tWord && t.kind != tPunct }) {
		return false
	}
	plural := i == 0 && len(toks) > 0 && (actorsNouns[toks[0].low] || people)
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

// peopleNouns are people who use the pods, and act as actors do in a
// sentence that tells what they can do: "users can create container
// images with podman". (Not "operators": Kubernetes operators are pods.)
var peopleNouns = set("users", "developers", "admins", "customers", "tenants", "people", "engineers")

// actorScenes open the circumstances a story is set in, before its
// actor: "With code execution in a container an attacker can ...", "using
// the Jupyter Terminal users can ...", "Once inside a pod, an intruder
// could ...".
var actorScenes = set("with", "using", "once", "after", "if", "when")

// actorAfterScene is where the actor of a story starts after the scene
// that opens it (sceneLength), or 0. The scene says no verdict, direction,
// "only" or "except", and pods only as any pod ("in a container").
func actorAfterScene(toks []token) int {
	k := sceneLength(toks, actorScenes, func(k int) bool {
		return k+1 < len(toks) && (toks[k].low == "a" || toks[k].low == "an") && actorNouns[toks[k+1].low] || actorsNouns[toks[k].low] || peopleNouns[toks[k].low]
	})
	for n := 1; n < k; n++ {
		if w := toks[n].low; ingressWords[w] || egressWords[w] || w == "only" || w == "except" || podNouns[w] && toks[n-1].low != "a" && toks[n-1].low != "an" && !compoundPodNoun(toks, n) {
			return 0
		}
	}
	return k
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
