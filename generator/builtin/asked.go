package builtin

import (
	"slices"
	"strings"
)

// questionStarts open a question about how things are: "can app=web reach
// app=db?", "should the app=web pods be able to ...?", "why can ...?".
var questionStarts = set("can", "could", "should", "does", "do", "is", "are", "will", "would", "may", "might", "why", "shall", "must")

// questionAskers, after a questionStarts word, make the question a
// request: "can you allow ...?", "could we block ...?", "how do I ...?".
var questionAskers = set("i", "we", "you", "someone", "somebody", "anyone", "anybody", "one", "kunerva", "u", "ya", "there", "it", "this")

// stateAsked reports whether a clause is a question about how things are,
// ended by "?" and opened by an auxiliary verb whose subject is the pods
// ("can app=web pods reach app=db on 5432?"), or by "why" or "how come".
func stateAsked(request string, toks []token) bool {
	if len(toks) < 2 || !strings.HasPrefix(strings.TrimSpace(request[toks[len(toks)-1].end:]), "?") {
		return false
	}
	first, second := toks[0].low, toks[1].low
	if first == "why" || first == "how" && second == "come" {
		return true
	}
	return questionStarts[first] && first != "why" && !questionAskers[second]
}

// adviceOpeners open a sentence that asks for advice, not for a rule,
// question mark or not: "I was wondering whether to block ...", "I was
// thinking of blocking ...", "I don't think we should block ...", "any
// reason not to block ...?".
var adviceOpeners = [][]string{{"wondering", "whether"}, {"wondering", "if", "i"}, {"wondering", "if", "we"}, {"wondering", "if", "to"},
	{"thinking", "of"}, {"thinking", "about"}, {"considering"}, {"don't", "think", "we"}, {"don't", "think", "i"}, {"do", "not", "think"},
	{"not", "sure", "whether"}, {"not", "sure", "if"}, {"unsure", "whether"}, {"unsure", "if"}, {"any", "reason"}, {"is", "there", "any", "reason"},
	{"is", "there", "a", "reason"}, {"do", "you", "think"}, {"what", "if"}, {"what", "happens", "if"}, {"how", "about"}, {"what", "about"}, {"maybe"},
	{"perhaps"}, {"debating"}, {"thoughts", "on"}, {"thoughts", "about"}, {"thinking", "out", "loud"}, {"i", "guess"}, {"would", "it", "be", "better"},
	{"wouldn't", "it", "be", "better"}}

// adviceAsked reports whether a clause asks whether to do what it says, or
// what doing it would do, rather than ordering it: an adviceOpener, or a
// question (a "?" ends its sentence) opened by "should/must/do I", "can't
// we", "would/is it ...", "would blocking ...". "Can you", "could we", "is
// it possible to", "would it be possible to" and "how do I" ask for the
// rule: they are not here.
func adviceAsked(request string, toks []token) bool {
	asked := strings.HasPrefix(strings.TrimLeft(request[toks[len(toks)-1].end:], " )"), "?")
	// The opener stands among the first words, after a greeting, an
	// @mention or a heading ("Hi all, should we ...", "Quick question:
	// should I ..."), before any value or verdict.
	for i := 0; i < len(toks) && i <= 5; i++ {
		t := toks[i]
		if slices.ContainsFunc(adviceOpeners, func(o []string) bool { return phraseIn(toks, i, o) }) {
			return true
		}
		// "Can we have a terminal for the kernel pods?": a thing asked
		// for, with no verdict of its own, is no rule ("can" no allow).
		if (t.low == "can" || t.low == "could") && i+2 < len(toks) && questionAskers[toks[i+1].low] && (toks[i+2].low == "have" || toks[i+2].low == "get") && (asked || toks[len(toks)-1].raw == "?") &&
			!slices.ContainsFunc(toks[i+1:], func(t token) bool {
				return allowWords[t.low] || denyWords[t.low] || auditWords[t.low] || reachVerbs[t.low] || receiveVerbs[t.low]
			}) {
			return true
		}
		// "How do I ...?", "Is it possible to ...?", "Can you ...?" ask
		// for the rule.
		if i+1 >= len(toks) || t.low == "how" || t.low == "what" || t.low == "where" || t.low == "which" || t.low == "why" ||
			(t.low == "can" || t.low == "could") && questionAskers[toks[i+1].low] || phraseIn(toks, i, []string{"is", "it", "possible"}) || phraseIn(toks, i, []string{"is", "there", "a", "way"}) {
			return false
		}
		w, next := t.low, toks[i+1].low
		possible := slices.ContainsFunc(toks[i:min(i+5, len(toks))], func(t token) bool { return t.low == "possible" || t.low == "way" })
		switch {
		// "Should I deny ... - or not": inverted, a question without its
		// mark.
		case (w == "should" || w == "shall" || w == "must") && (next == "i" || next == "we"):
			return true
		case (w == "do" || w == "does" || w == "did") && (next == "i" || next == "we") && asked:
			return true
		case (w == "can't" || w == "cannot" || w == "couldn't" || w == "shouldn't" || w == "wouldn't" || w == "won't" || w == "isn't") && (next == "i" || next == "we" || next == "it"):
			return asked
		case (w == "would" || w == "will" || w == "is" || w == "does") && (next == "it" || next == "this" || next == "that") && !possible:
			return asked
		case w == "would" || w == "will" || w == "does" || w == "do":
			return asked && (strings.HasSuffix(next, "ing") || next == "a" || next == "an" || next == "the")
		// "Block app=web egress to world? Yes/no?", "Thinking out loud:
		// deny egress ...?": an order asked as a question.
		case imperatives[w]:
			return asked && !confirmTagged(request, toks)
		}
		if t.kind != tWord && t.kind != tPunct && !strings.HasPrefix(t.raw, "@") || allowWords[w] || denyWords[w] || auditWords[w] {
			return false
		}
	}
	return false
}

// adviceVerbs report what someone else said to do: "Bob said to allow
// ...", "a colleague recommended denying ...".
var adviceVerbs = set("said", "says", "suggested", "suggests", "recommended", "recommends", "told", "tells", "advised", "advises", "proposed", "proposes",
	"claimed", "claims", "wrote", "mentioned", "insisted", "insists")

// pastOpeners open what the asker had, tried or saw: "Earlier I allowed
// app=web to world", "Tried audit mode on /etc/", "Current policy allows
// ...", "I see \"Permission denied\" when ...".
var pastOpeners = [][]string{{"earlier"}, {"previously"}, {"tried"}, {"i", "tried"}, {"we", "tried"}, {"i've", "tried"}, {"we've", "tried"}, {"current", "policy"},
	{"my", "current", "policy"}, {"our", "current", "policy"}, {"the", "current", "policy"}, {"existing", "policy"}, {"the", "existing", "policy"},
	{"the", "old", "policy"}, {"my", "old", "policy"}, {"i", "previously"}, {"we", "previously"}, {"i", "had"}, {"we", "had"}, {"i", "see"}, {"i", "saw"},
	{"i", "get"}, {"i", "got"}, {"i'm", "getting"}, {"we", "see"}, {"we", "get"}, {"we're", "getting"}, {"here's", "what", "i", "have"}}

// pastTold reports whether a clause opens with a pastOpener, after at
// most a word of greeting.
func pastTold(toks []token) bool {
	for i := 0; i < len(toks) && i <= 1; i++ {
		if slices.ContainsFunc(pastOpeners, func(o []string) bool { return phraseIn(toks, i, o) }) {
			return true
		}
	}
	return false
}

// adviceSources are where the asker read what to do: "the docs example
// allows ...".
var adviceSources = set("docs", "doc", "documentation", "example", "examples", "tutorial", "guide", "readme", "blog", "answer", "post", "article", "chart", "sample")

// adoptions take up what someone else said: "We want that", "I agree".
var adoptions = [][]string{{"want", "that"}, {"want", "this"}, {"want", "it"}, {"need", "that"}, {"need", "this"}, {"agree"}, {"agreed"}, {"do", "that"},
	{"do", "this"}, {"as", "suggested"}, {"as", "recommended"}, {"as", "advised"}, {"as", "they", "said"}, {"as", "he", "said"}, {"as", "she", "said"}}

// adopted reports whether the request takes up what someone else said.
func adopted(toks []token) bool {
	for i := range toks {
		if slices.ContainsFunc(adoptions, func(a []string) bool { return phraseIn(toks, i, a) }) {
			return true
		}
	}
	return false
}

// reportedAdvice reports whether a clause opens by reporting what someone
// else said to do: a few words of who said it, an adviceVerb ("me"/"us"
// after "told"), then a verdict within four words: "Bob said to allow
// ...", "ChatGPT told me to allow ...", "Someone on Slack suggested
// allowing ...".
func reportedAdvice(toks []token) bool {
	for k := 0; k < len(toks) && k <= 6; k++ {
		t := toks[k]
		if allowWords[t.low] || denyWords[t.low] || auditWords[t.low] {
			// "The Cilium docs example allows app=web to reach world";
			// "This example enables ..." is the example asked for here.
			return slices.ContainsFunc(toks[:k], func(u token) bool { return adviceSources[u.low] }) && !(k == 2 && toks[0].low == "this" && adviceSources[toks[1].low])
		}
		if t.kind != tWord {
			return false
		}
		if !adviceVerbs[t.low] || k == 0 {
			continue
		}
		for _, u := range toks[k+1 : min(k+6, len(toks))] {
			if allowWords[u.low] || denyWords[u.low] || auditWords[u.low] || isolateWords[u.low] {
				return true
			}
		}
		return false
	}
	return false
}

// confirmTags end a sentence that asks to have a statement confirmed:
// "app=web can reach app=db on 5432, right?", "..., is this correct?",
// "We don't want app=web talking to the world, do we?".
var confirmTags = []string{"right", "correct", "true", "yes", "no", "yeah", "ok", "okay", "is that right", "is this right", "is that correct", "is this correct",
	"am i right", "is that true", "is that ok", "is this ok", "do we", "don't we", "does it", "doesn't it", "can it", "can't it", "can they", "can't they",
	"is it", "isn't it", "are they", "aren't they", "will it", "won't it", "should it", "shouldn't it", "have i got that right", "did i get that right"}

// confirmOrders open an order whose sentence may still end with a
// confirmTag: "block /bin/sh in the app=web pods, right?" orders the block
// and asks whether it is the right one.
var confirmOrders = set("block", "deny", "drop", "forbid", "prevent", "prohibit", "reject", "audit", "alert", "monitor", "allow", "permit", "let", "only", "isolate", "restrict", "lock", "default")

// confirmAsked reports whether the sentence of a clause states something
// and asks to have it confirmed (a confirmTag after a comma before its
// "?", or a sentence of a tag alone after it), the clause opening with no
// order: how things are, or what the asker thinks a policy does, is no
// rule.
func confirmAsked(request string, toks []token) bool {
	i := 0
	// "@kubearmor-team so what I apply is: block ...": after a heading.
	if k := slices.IndexFunc(toks[:min(8, len(toks))], func(t token) bool { return t.low == ":" }); k >= 0 {
		i = k + 1
	}
	for i < len(toks) && (toks[i].low == "so" || toks[i].low == "ok" || toks[i].low == "okay" || toks[i].low == "and" || toks[i].low == "then" || toks[i].low == "," || toks[i].low == "also") {
		i++
	}
	if i >= len(toks) || confirmOrders[toks[i].low] {
		return false
	}
	return confirmTagged(request, toks)
}

// confirmTagged reports whether the sentence of a clause ends with a
// confirmTag after a comma before its "?", or a sentence of a tag alone
// follows it.
func confirmTagged(request string, toks []token) bool {
	rest := request[toks[0].start:]
	end, stop := sentenceStop(rest)
	if end < 0 {
		return false
	}
	sentence := strings.ToLower(strings.TrimSpace(rest[:end]))
	if stop == '?' {
		k := strings.LastIndexAny(sentence, ",;")
		return k >= 0 && slices.Contains(confirmTags, strings.Trim(strings.TrimSpace(sentence[k+1:]), " ."))
	}
	next := rest[end+1:]
	e, stop := sentenceStop(next)
	return e >= 0 && stop == '?' && slices.Contains(confirmTags, strings.Trim(strings.ToLower(strings.TrimSpace(next[:e])), " ."))
}

// sentenceStop is where the first sentence of s ends (a "?", "!", a line
// end, or a full stop before a space or the end) and the character that
// ends it, or -1 when none does.
func sentenceStop(s string) (int, byte) {
	for i := 0; i < len(s); i++ {
		switch {
		case s[i] == '?' || s[i] == '!' || s[i] == '\n':
			return i, s[i]
		case s[i] == '.' && (i+1 == len(s) || s[i+1] == ' ' || s[i+1] == '\n'):
			return i, '.'
		}
	}
	return -1, 0
}

// failureAsked reports whether the clause asks why traffic fails: "why"
// or "how come" before the failure.
func failureAsked(toks []token) bool {
	return anyWord(toks, func(i int, w, next string) bool {
		return w == "why" || w == "how" && next == "come"
	})
}

// fixWords ask for traffic to be let through.
var fixWords = set("allow", "permit", "let", "open", "enable", "unblock", "fix", "whitelist", "allowlist")

// fixAfter reports whether a word of fixWords stands in the request (all)
// after the first word of failure in toks.
func fixAfter(toks, all []token) bool {
	at := -1
	anyWord(toks, func(i int, w, next string) bool {
		if failureSaid(toks[i:i+1]) || (w == "can" || w == "could") && (next == "not" || next == "no") {
			at = toks[i].start
			return true
		}
		return false
	})
	return at >= 0 && slices.ContainsFunc(all, func(t token) bool { return t.start > at && fixWords[t.low] })
}

// failureSaid reports whether the clause says that traffic fails:
// "cannot", "can no longer", a word of brokenWords, or a passive ("is
// blocked").
func failureSaid(toks []token) bool {
	return anyWord(toks, func(i int, w, next string) bool {
		return w == "cannot" || w == "can't" || w == "couldn't" || (w == "can" || w == "could") && (next == "not" || next == "no" || next == "longer") ||
			brokenWords[w] ||
			// "routes stopped working", "dashboards went empty"
			w == "stopped" && stoppedDoing[next] || (w == "went" || w == "go" || w == "goes" || w == "gone") && wentBlank[next] ||
			// "app=web is blocked from reaching app=db": what happens, said
			// in the passive.
			(w == "blocked" || w == "denied" || w == "dropped" || w == "rejected") && i > 0 && beVerbs[toks[i-1].low]
	})
}

// changeSaid reports whether the clause says when the failure began: a
// word of whenBroken, an opening "after", "now" or "currently", or a clause
// of time ("... after we turned on network policies", "since the upgrade",
// "once enabling ...").
func changeSaid(toks []token) bool {
	return anyWord(toks, func(i int, w, next string) bool {
		return whenBroken[w] ||
			i == 0 && (w == "after" || w == "since" || w == "now" || w == "ever" || w == "currently" || w == "right") ||
			(w == "after" || w == "since" || w == "once") && (determiners[next] || next == "we" || next == "i" || strings.HasSuffix(next, "ing") && len(next) > 4)
	})
}

// anyWord reports whether f holds for a token of toks, given its index, its
// lower-case word and the next one ("" at the end).
func anyWord(toks []token, f func(i int, w, next string) bool) bool {
	for i, t := range toks {
		next := ""
		if i+1 < len(toks) {
			next = toks[i+1].low
		}
		if f(i, t.low, next) {
			return true
		}
	}
	return false
}

// brokenWords say that traffic fails: "Prometheus fails to scrape ...",
// "app=web is unable to reach ...".
var brokenWords = set("unable", "broken", "breaks", "fails", "failing", "fail", "failed", "timeout", "timeouts", "refused")

// stoppedDoing and wentBlank say that something broke: "stopped
// working", "went empty".
var stoppedDoing = set("working", "responding", "resolving", "loading", "reporting", "scraping", "connecting")
var wentBlank = set("empty", "dark", "blank", "silent", "quiet", "down", "missing", "red")

// whenBroken say that something changed: "... anymore", "suddenly".
var whenBroken = set("anymore", "longer", "suddenly", "broke", "broken", "stopped")

// beVerbs make a passive: "is blocked", "got denied".
var beVerbs = set("is", "are", "was", "were", "get", "gets", "got", "getting", "being", "been")

// canAsked reports whether a clause is a question ("?" ends it) that opens
// with "can" or "could" and one who asks ("Can we block /etc/passwd in the
// checkout pods?"). Alone it asks for the rule (adviceAsked); beside a
// rule said as an order it may only ask whether it can be done.
func canAsked(request string, toks []token) bool {
	if len(toks) < 3 || !strings.HasPrefix(strings.TrimLeft(request[toks[len(toks)-1].end:], " )"), "?") {
		return false
	}
	for i := 0; i+1 < len(toks) && i <= 3; i++ {
		if (toks[i].low == "can" || toks[i].low == "could") && questionAskers[toks[i+1].low] {
			return true
		}
	}
	return false
}

// valuesSaidIn reports whether every path, address, DNS name and label of
// a clause is said again in another: then the order holds what the
// question asked.
func valuesSaidIn(toks, other []token) bool {
	for _, t := range toks {
		if t.kind != tPath && t.kind != tCIDR && t.kind != tDomain && t.kind != tLabel {
			continue
		}
		if !slices.ContainsFunc(other, func(o token) bool { return o.kind == t.kind && o.low == t.low }) {
			return false
		}
	}
	return true
}
