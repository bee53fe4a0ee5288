package builtin

import (
	"slices"
	"strings"
)

// restrictionWords say a rule in the words of a fact: "X is off limits".
var restrictionWords = set("off", "limits", "closed", "forbidden", "banned", "prohibited", "blocked", "denied", "allowed", "permitted", "open",
	"required", "needed", "mandatory", "okay", "ok", "fine", "acceptable", "unacceptable", "disabled", "enabled")

func hasWord(toks []token, w string) bool {
	for _, t := range toks {
		if t.low == w {
			return true
		}
	}
	return false
}

// hasStatement reports whether tokens say something a policy could be:
// an action word or a verb of traffic, files or processes.
func hasStatement(toks []token) bool {
	for _, t := range toks {
		w := t.low
		if denyWords[w] || allowWords[w] || auditWords[w] || isolateWords[w] || reachVerbs[w] || receiveVerbs[w] || processVerbs[w] || fileVerbs[w] || ingressWords[w] || egressWords[w] || w == "only" {
			return true
		}
	}
	return false
}

// premiseWords say what pods never do or need: "never", "don't", "do
// not", "don't need", "have no need for".
var premiseWords = set("never", "don't", "doesn't", "dont", "doesnt")

// premiseModals before a negation make it an order: "must never", "should
// not", "may never".
var premiseModals = set("must", "should", "may", "can", "shall", "will", "are", "is", "be")

// premiseAt is where a premise starts after the pods it is about ("the
// app=web pods | never open raw sockets", "they | don't need NET_RAW"), or
// -1: a negation right after a subject of pods or a pronoun, with no modal
// ("must never" is an order) and no action word of its own before it.
func premiseAt(toks []token) int {
	for n, t := range toks {
		w := t.low
		neg := premiseWords[w] || (w == "do" || w == "does") && n+1 < len(toks) && toks[n+1].low == "not"
		if !neg {
			if denyWords[w] || allowWords[w] || auditWords[w] || premiseModals[w] {
				return -1
			}
			continue
		}
		if n == 0 {
			return -1
		}
		prev := toks[n-1].low
		if podNouns[prev] || prev == "they" || prev == "it" || prev == ")" || toks[n-1].kind == tLabel {
			return n
		}
		return -1
	}
	return -1
}

// judgmentWords say what something means: "writes under /usr/bin mean
// compromise", "a shell is a red flag", "outbound SSH usually indicates
// lateral movement", "are a sign of".
var judgmentWords = set("mean", "means", "indicate", "indicates", "signal", "signals", "suggest", "suggests", "sign", "signs", "symptom",
	"indicator", "indicators", "hallmark", "giveaway", "telltale", "smell")

// judgment reports whether a clause only says what something means: a
// word of judgmentWords ("red flag" too), and no word that gives an order.
func judgment(toks []token) bool {
	found := false
	for n, t := range toks {
		w := t.low
		switch {
		case judgmentWords[w] || w == "flag" && n > 0 && (toks[n-1].low == "red" || toks[n-1].low == "warning"):
			found = true
		case denyWords[w] || allowWords[w] || auditWords[w] || premiseModals[w] && w != "are" && w != "is" && w != "be" || w == "please" || w == "only":
			return false
		}
	}
	return found
}

// lackedNouns are what a fact says something lacks, never a target of a
// rule: "no idea", "no password", "no fixed IP", "no global default".
var lackedNouns = set("idea", "clue", "clues", "password", "passwords", "authentication", "auth", "tls", "encryption", "visibility", "insight",
	"fixed", "static", "stable", "global", "built-in", "builtin", "native", "concept", "notion", "support", "owner", "documentation", "docs",
	"tests", "history", "record", "records", "way", "means", "control", "firewall", "default", "defaults", "limits", "quota", "quotas", "monitoring", "logging", "alerting")

// lacksFact reports whether a clause only says what someone or something
// lacks: "X has/have/had no N" or "there is/are no N", N a word of
// lackedNouns within three words, no value anywhere and no order word
// before it ("Pods should have no ...").
func lacksFact(toks []token) bool {
	for n, t := range toks {
		if t.kind != tWord && t.kind != tPunct {
			return false
		}
		if t.low != "no" || n == 0 {
			continue
		}
		prev := toks[n-1].low
		if prev != "has" && prev != "have" && prev != "had" && !(n >= 2 && (prev == "is" || prev == "are" || prev == "was") && toks[n-2].low == "there") && prev != "there's" {
			continue
		}
		if slices.ContainsFunc(toks[:n], func(t token) bool {
			return premiseModals[t.low] && t.low != "is" && t.low != "are" || t.low == "please" || t.low == "let" || denyWords[t.low] || allowWords[t.low] || auditWords[t.low]
		}) {
			return false
		}
		for k := n + 1; k < min(n+4, len(toks)); k++ {
			if lackedNouns[toks[k].low] {
				return !slices.ContainsFunc(toks[k:], func(t token) bool { return t.kind != tWord && t.kind != tPunct })
			}
		}
	}
	return false
}

// neglecters are people in general, as a remark names them; neglectVerbs
// what such a remark says they do.
var (
	neglecters   = set("everyone", "everybody", "nobody", "people", "teams", "developers", "devs", "operators", "admins", "administrators", "engineers", "folks", "users")
	neglectVerbs = set("forget", "forgets", "forgot", "overlook", "overlooks", "ignore", "ignores", "neglect", "neglects", "underestimate", "underestimates", "skip", "skips", "miss", "misses")
)

// neglectRemark reports whether a clause only says what people in general
// neglect: a subject of neglecters ("Everyone", "Most teams", "Many
// developers"), a few adverbs ("often", "tend to"), a verb of neglectVerbs
// ("forgets about", "overlook", "think about" after "nobody"), and no
// value, modal or action word.
func neglectRemark(toks []token) bool {
	k := 0
	if k < len(toks) && (toks[k].low == "most" || toks[k].low == "many" || toks[k].low == "some" || toks[k].low == "a" && k+1 < len(toks) && toks[k+1].low == "lot" && k+2 < len(toks) && toks[k+2].low == "of") {
		k++
		if toks[k-1].low == "a" {
			k += 2
		}
	}
	if k >= len(toks) || !neglecters[toks[k].low] {
		return false
	}
	k++
	for k < len(toks) && (toks[k].low == "often" || toks[k].low == "usually" || toks[k].low == "always" || toks[k].low == "still" || toks[k].low == "simply" || toks[k].low == "just" || toks[k].low == "tend" || toks[k].low == "to") {
		k++
	}
	if k >= len(toks) || !(neglectVerbs[toks[k].low] || toks[k-1].low == "nobody" && (toks[k].low == "thinks" || toks[k].low == "checks")) {
		return false
	}
	return !slices.ContainsFunc(toks, func(t token) bool {
		return t.kind != tWord && t.kind != tPunct || premiseModals[t.low] && t.low != "is" && t.low != "are" || denyWords[t.low] || allowWords[t.low] || auditWords[t.low] || negationWords[t.low] && t.low != "nobody"
	})
}

// restatementAt reports whether a restatement starts at i.
func restatementAt(toks []token, i int) bool { return restatementLen(toks, i) >= 0 }

// statesAnything reports whether a clause could say something about a
// policy: an action word, a value (label, path, number, address, name with
// a dot), or a word for pods, namespaces, traffic or the world. A clause
// that does not ("Rootkits come in as kernel modules") only sets the scene.
func statesAnything(toks []token) bool {
	for n, t := range toks {
		if sceneAt(toks, n) {
			return true
		}
		w := t.low
		// a capability: "take NET_RAW away", "CAP_SYS_ADMIN has to go"
		if capabilityWordRE.MatchString(w) && (strings.Contains(w, "_") || t.raw == strings.ToUpper(t.raw)) {
			return true
		}
		// a peer with its port: "so just world:443", "smtp.gmail.com:587"
		if i := strings.LastIndexByte(w, ':'); i > 0 && i+1 < len(w) && strings.Trim(w[i+1:], "0123456789") == "" {
			return true
		}
		// an HTTP header: "requests must carry X-Team: web"
		if w == "header" || w == "headers" || strings.HasPrefix(w, "x-") && len(w) > 2 {
			return true
		}
		// an exception or a negation: "Everything except the token"
		if w == "except" || w == "excluding" || w == "unless" || w == "minus" || w == "besides" || negationWords[w] {
			return true
		}
		if t.kind != tWord && t.kind != tPunct || systemName(t) || denyWords[w] || allowWords[w] || auditWords[w] || isolateWords[w] || w == "only" || podNouns[w] || namespaceWords[w] ||
			ingressWords[w] || egressWords[w] || entityWord(w) != "" || knownExecutables[w] || processVerbs[w] || workloadKinds[w] != "" || actionVerbs[w] && w != "make" || unclearVerbs[w] || w == "dns" || w == "kube-dns" || methods[w] && t.raw == strings.ToUpper(t.raw) {
			return true
		}
	}
	return false
}

// listContinues reports whether the words after a dash go on with a list
// of values rather than a statement ("10.0.0.0/8 - except ...").
func listContinues(toks []token, i int) bool {
	return i < len(toks) && (toks[i].kind != tWord || toks[i].low == "except" || toks[i].low == "excluding" || toks[i].low == "but")
}

// dashEnd is the index of the first dash after i in its sentence, or the
// sentence's end.
func dashEnd(toks []token, i int) int {
	end := sentenceEnd(toks, i)
	for k := i; k < end; k++ {
		if toks[k].kind == tPunct && (toks[k].low == "-" || toks[k].low == ":") {
			return k
		}
	}
	return end
}

// sentenceEnd is the index of the end of the sentence that holds i.
func sentenceEnd(toks []token, i int) int {
	for k := i; k < len(toks); k++ {
		if toks[k].kind == tPunct && (toks[k].low == "." || toks[k].low == ";" || toks[k].low == "?" || toks[k].low == "!") {
			return k
		}
	}
	return len(toks)
}

// wordsOnly reports whether tokens hold words alone: no value, no pods or
// namespaces, no action, no "only" or "except".
func wordsOnly(toks []token) bool {
	for _, t := range toks {
		w := t.low
		if t.kind != tWord && t.kind != tPunct || podNouns[w] || namespaceWords[w] || w == "only" || w == "except" ||
			(denyWords[w] || allowWords[w] || auditWords[w] || isolateWords[w]) && !negationWords[w] {
			return false
		}
	}
	return true
}

// hasValue reports whether tokens hold a value: a path, label, address,
// port or name with a dot.
func hasValue(toks []token) bool {
	return slices.ContainsFunc(toks, isValue)
}

// isValue reports whether a token holds a value (labels, an address, a
// path, a DNS name, a number, a range) rather than a word or punctuation.
func isValue(t token) bool {
	return t.kind != tWord && t.kind != tPunct
}

// directionSaid reports whether tokens hold a word of direction: ingress,
// outbound, ...
func directionSaid(toks []token) bool {
	return slices.ContainsFunc(toks, func(t token) bool { return ingressWords[t.low] || egressWords[t.low] })
}

// acceptVerbs say, with the pods before them, that traffic comes in.
var acceptVerbs = set("accept", "accepts", "receive", "receives", "admit", "admits")

// trafficVerbs go on with the traffic of the sentence before a dash: "X
// may only call Y - and resolve DNS".
var trafficVerbs = set("reach", "talk", "call", "connect", "send", "query", "resolve", "contact", "hit", "fetch", "pull")

// obligation reports whether w makes "to ..." after it a duty, not a
// purpose: "DNS has to keep working".
func obligation(w string) bool {
	return w == "has" || w == "have" || w == "had" || w == "needs" || w == "need" || w == "got"
}

// verbLike reports whether w can be the verb of "... and to W ...".
func verbLike(w string) bool {
	return reachVerbs[w] || receiveVerbs[w] || processVerbs[w] || fileVerbs[w] || allowWords[w] || denyWords[w]
}

// keepWorking end "keep DNS working": the thing kept stays allowed.
var keepWorking = set("working", "work", "open", "allowed", "flowing", "alive", "going", "enabled", "reachable", "functional", "resolving")

var coordinators = set("and", "but", "while", "whereas", "though", "although", "yet", "plus")

// isCoordinator reports whether token i joins two statements: "and", "but",
// "while", or a comma before one of them.
func isCoordinator(toks []token, i int) bool {
	w := toks[i].low
	if w == "," {
		return i+1 < len(toks) && coordinators[toks[i+1].low]
	}
	if !coordinators[w] || i == 0 || toks[i-1].low == "," {
		return false
	}
	// "but not 10.96.0.0/12" and "but only" narrow what comes before.
	if w == "but" && i+1 < len(toks) && (toks[i+1].low == "not" || toks[i+1].low == "excluding") || butOnly(toks, i) {
		return false
	}
	// "may be read but never written": read-only.
	if w == "but" && toks[i-1].low == "read" && i+1 < len(toks) && toks[i+1].low == "never" {
		return false
	}
	if verdictPairTitle(toks, i) {
		return false
	}
	return true
}
