package builtin

import (
	"fmt"
	"slices"
	"strings"

	"github.com/kunerva/kunerva/generator"
)

// correctionPhrases take back or change what the request said before
// them: "Block /bin/sh in the app=web pods, or rather audit", "..., I
// mean audit", "Never mind.", "Scratch that, audit it", "On second
// thought, just log it", "Correction: app=api pods", "- no wait, block
// it". Read as one more rule (or as a remark), the rule before would keep
// what the author took back.
var correctionPhrases = [][]string{{"or", "rather"}, {"or", "better"}, {"or", "instead"}, {"i", "mean"}, {"i", "meant"}, {"never", "mind"}, {"nevermind"},
	{"scratch", "that"}, {"forget", "it"}, {"forget", "that"}, {"on", "second", "thought"}, {"on", "second", "thoughts"}, {"correction"},
	{"no", "wait"}, {"wait", ","}, {"make", "that", "a"}, {"ignore", "that"}, {"ignore", "this"}, {"ignore", "the", "above"}, {"ignore", "what", "i", "said"},
	{"forget", "the", "above"}, {"forget", "what", "i", "said"}, {"disregard", "that"}, {"disregard", "this"}, {"disregard", "the", "above"}, {"strike", "that"}, {"scrap", "that"},
	{"ignore", "the", "previous"}, {"sorry", ",", "i"}, {"my", "mistake"}, {"my", "bad"}, {"i", "misspoke"}}

// hesitations stand where a speaker repairs what they said: "on 80, um,
// 8080".
var hesitations = set("um", "umm", "uh", "uhh", "er", "erm", "uhm", "ehm", "hmm")

// apologies say sorry for what was just said: "5432 - sorry, 5433".
// They are marks of a correction on a later line too (correctionMarks).
var apologies = []string{"sorry", "sry", "soz", "oops", "whoops", "typo"}

// repairWords are the apologies, as a set.
var repairWords = set(apologies...)

// listPlaces name an item of a list by its place: "not the second one".
var listPlaces = set("first", "second", "third", "fourth", "last", "latter", "former")

// selfCorrection asks when the request corrects itself (correctionPhrases),
// or says "actually" after a statement ("Block /bin/sh and /bin/bash.
// Actually, only /bin/bash."): which of the two is meant is the author's
// to say. "Actually" first in the request ("Actually, we want ...") takes
// nothing back.
func selfCorrection(request string, toks []token) error {
	for i := range toks {
		n := 0
		for _, ph := range correctionPhrases {
			if phraseIn(toks, i, ph) {
				n = len(ph)
				break
			}
		}
		// "audit /bin/bash in app=web\nactually block": first on a later
		// line, as after a full stop.
		if n == 0 && toks[i].low == "actually" && i > 1 && (toks[i-1].kind == tPunct || strings.Contains(request[toks[i-1].end:toks[i].start], "\n")) {
			n = 1
		}
		// "make that 9443": a value after it.
		if n == 0 && phraseIn(toks, i, []string{"make", "that"}) && i+2 < len(toks) && (toks[i+2].kind == tNumber || toks[i+2].kind == tLabel || toks[i+2].kind == tCIDR) {
			n = 2
		}
		// "on 80, um, 8080", "to 10.0.0.0/8, er, 10.1.0.0/16": a value
		// repaired after a hesitation; read as a list, both were kept.
		if n == 0 && hesitations[toks[i].low] && (i > 0 && isValue(toks[i-1]) || i > 1 && toks[i-1].low == "," && isValue(toks[i-2])) {
			n = 1
		}
		// "on 5432 - sorry, 5433", "app=api oops app=apis": a value
		// repaired after an apology on the rule's line; read as a list,
		// both were kept. (On a later line the rows of lines ask.)
		if n == 0 && repairWords[toks[i].low] && valueOnLineBefore(request, toks, i) {
			k := i + 1
			if k < len(toks) && toks[k].low == "," {
				k++
			}
			if k < len(toks) && isValue(toks[k]) {
				n = 1
			}
		}
		// "Not the second one actually", "leave out the last one": an
		// item of the list before taken back by its place.
		if n == 0 && (toks[i].low == "not" || toks[i].low == "without" || phraseIn(toks, i, []string{"leave", "out"}) || phraseIn(toks, i, []string{"drop", "the"})) {
			k := i + 1
			if toks[i].low == "leave" {
				k++
			}
			if k+1 < len(toks) && toks[k].low == "the" && listPlaces[toks[k+1].low] {
				n = k + 2 - i
			}
		}
		// "Block /bin/sh and /bin/bash in app=web. Forget bash.": a
		// sentence after the first that forgets something named.
		if n == 0 && toks[i].low == "forget" && i > 1 && (toks[i-1].low == "." || toks[i-1].low == ";") && i+1 < len(toks) && toks[i+1].kind != tPunct && !forgetFillers[toks[i+1].low] {
			n = 2
		}
		if n == 0 {
			continue
		}
		return &generator.NotUnderstoodError{Request: request, Example: generator.ExampleSystem,
			Missing: fmt.Sprintf("the request takes back or changes what it said before (%q): which rule do you mean? Say the request again as it should be, without the correction", request[toks[i].start:toks[i+n-1].end])}
	}
	return nil
}

// verdictClass is "deny", "audit" or "allow" for a verb of verdict, or "".
func verdictClass(toks []token, i int) string {
	w := toks[i].low
	if i > 0 && negationWords[toks[i-1].low] {
		return "" // "don't block it, only audit it": turned down
	}
	switch {
	case denyWords[w] && !negationWords[w]:
		return "deny"
	case auditWords[w]:
		return "audit"
	case w == "allow" || w == "permit" || w == "allowlist" || w == "whitelist":
		return "allow"
	}
	return ""
}

// verdictOnPronoun asks when a verb of one verdict takes a pronoun for
// what a verb of another verdict took before it, in another statement:
// "audit /bin/sh; block it in the app=web pods", "Log /usr/bin/nc. Then
// block it." The second verdict was dropped, or the first; which holds
// is the author's to say. ("block and log it" is one statement.)
func verdictOnPronoun(request string, toks []token) error {
	pathAfter := func(j int) bool {
		return slices.ContainsFunc(toks[j+1:min(j+5, len(toks))], func(t token) bool { return t.kind == tPath })
	}
	for i := 1; i+1 < len(toks); i++ {
		c := verdictClass(toks, i)
		if c != "deny" && c != "audit" || toks[i+1].low != "it" && toks[i+1].low != "them" {
			continue
		}
		stmt, negated := false, false
		for j := i - 1; j >= 0; j-- {
			if toks[j].raw == ";" || toks[j].raw == "." || toks[j].raw == "!" || toks[j].low == "then" {
				stmt = true
			}
			if !stmt && (negationWords[toks[j].low] || toks[j].low == "just") {
				// "Don't just audit ptrace, block it", "Don't report it,
				// just block it": a verdict turned down, asked elsewhere.
				negated = true
			}
			if d := verdictClass(toks, j); stmt && !negated && (d == "deny" || d == "audit") && d != c && pathAfter(j) {
				return &generator.NotUnderstoodError{Request: request, Example: generator.ExampleSystem,
					Missing: fmt.Sprintf("the request says %q of what it said to %s before: should it %s or %s? Say one verdict for each path", request[toks[i].start:toks[i+1].end], toks[j].low, toks[j].low, toks[i].low)}
			}
		}
	}
	return nil
}

// verdictOnLaterLine asks when a later line of a chat message says a
// verdict of its own and names nothing else: "audit /bin/bash in
// app=web\nactually block", "block capability sys_admin in app=web\naudit
// it tho", "... \nblock pls". The line joins the rule before it, whose
// first verdict held; which verdict holds is the author's to say. (A later
// line that names a value, "block /usr/bin/curl", is a rule of its own; an
// item of a list, "* Everything else is denied", is read with its list.)
func verdictOnLaterLine(request string, toks []token) error {
	seen, seenWord := "", ""
	for i := 0; i < len(toks); {
		e := i + 1
		for e < len(toks) && !strings.Contains(request[toks[e-1].end:toks[e].start], "\n") {
			e++
		}
		line, said, word := toks[i:e], "", ""
		for k := range line {
			if c := verdictClass(line, k); c != "" && said == "" {
				said, word = c, line[k].low
			}
		}
		if i > 0 && line[0].kind != tPunct && said != "" && seen != "" && said != seen && !slices.ContainsFunc(line, isValue) {
			return &generator.NotUnderstoodError{Request: request, Example: generator.ExampleSystem,
				Missing: fmt.Sprintf("the line %q says %q of what the request said to %s before: should it %s or %s? Say the request again with one verdict", request[line[0].start:line[len(line)-1].end], word, seenWord, seenWord, word)}
		}
		if seen == "" {
			seen, seenWord = said, word
		}
		i = e
	}
	return nil
}

// withdrawnWords say, wherever they stand, that the request is taken
// back, turned down, closed or held: "... jk", "nvm", "NACK", "won't
// fix", "(cancelled)", "superseded by SEC-99", "(on hold)". Set aside as
// a reason or an aside, the rule before them would be written anyway.
var withdrawnWords = set("jk", "nvm", "nvmd", "disregard", "cancelled", "canceled", "abandoned", "superseded", "obsolete", "wontfix", "dupe", "nack", "nak",
	"veto", "vetoed", "nope", "nah", "idk", "unsure", "withdrawn", "kidding", "j/k")

// statusWords, standing alone (in brackets, after a dash or a colon, as a
// sentence), say that the request is closed, held or only proposed:
// "(declined)", "WIP:", "DRAFT:", "(proposed)", "(TBD)", ". closed",
// "status: rejected". ("TCP stays closed", "a deprecated way of ...",
// "must be rejected by the proxy" say something else.)
var statusWords = set("declined", "parked", "deprecated", "wip", "draft", "reverted", "tbd", "tentative", "proposed", "closed", "rejected", "denied", "dropped",
	"obsoleted", "invalid", "stale", "shelved", "icebox", "backlog", "thoughts", "dnm")

// withdrawnPhrases say the same in more than one word: "won't fix", "do
// NOT do this", "not approved", "no longer needed", "(to be removed)",
// "(bad idea)", "not sure tho".
var withdrawnPhrases = [][]string{{"won't", "fix"}, {"wont", "fix"}, {"on", "hold"}, {"do", "not", "do", "this"}, {"don't", "do", "this"}, {"do", "not", "do", "it"},
	{"don't", "do", "it"}, {"not", "approved"}, {"no", "longer", "needed"}, {"no", "longer", "wanted"}, {"to", "be", "removed"}, {"bad", "idea"}, {"not", "sure"},
	{"no", "idea", "if"}, {"just", "kidding"}, {"not", "doing", "this"}, {"not", "doing", "it"}, {"won't", "do"}, {"wont", "do"}, {"duplicate", "of"},
	{"for", "discussion"}, {"needs", "approval"}, {"awaiting", "approval"}, {"pending", "approval"}, {"needs", "sign-off"}, {"please", "review"}, {"pls", "review"},
	{"was", "reverted"}, {"request", "denied"}, {"request", "rejected"},
	// "Not adopted: allow ..." (finder 12, S12).
	{"not", "adopted"}, {"not", "chosen"},
	// "[DO NOT MERGE] block ...", "(don't merge yet)": a pull request's hold.
	{"do", "not", "merge"}, {"don't", "merge"}, {"dont", "merge"}, {"not", "to", "be", "merged"}, {"hold", "off", "merging"}}

// notedHeadings head, before a colon or a dash, what was tested, found or
// accepted, not a rule: "Residual risk: prometheus may still reach ...",
// "Accepted risk: ...", "False positive: ...", "Known limitation: ...",
// "Sanity check - ...". notedOpenings say the same without a colon:
// "Verified that the toolbox can still reach the db on 5432". Read as an
// allow, each made an allow-list that cut off every other peer (finder 11,
// S4). ("False positives from the init container are acceptable" is read.)
// Finder 12, S13, found more: "Residual risks:", "Residual:", "Remaining
// risk:", "Open risk:", "Known gap:", "Verified:", "Checked:",
// "Validation:".
var notedHeadings = [][]string{{"residual", "risk"}, {"accepted", "risk"}, {"risk", "accepted"}, {"false", "positive"}, {"known", "limitation"}, {"known", "issue"},
	{"sanity", "check"}, {"test", "result"}, {"test", "results"}, {"residual", "risks"}, {"residual"}, {"remaining", "risk"}, {"remaining", "risks"},
	{"open", "risk"}, {"open", "risks"}, {"known", "gap"}, {"known", "gaps"}, {"known", "issues"}, {"known", "limitations"}, {"accepted", "risks"},
	{"risks", "accepted"}, {"false", "positives"}, {"sanity", "checks"}, {"verified"}, {"checked"}, {"confirmed"}, {"tested"}, {"validated"},
	{"validation"}, {"verification"}}

// notedOpenings open, first in a sentence, a test's result: "Verified
// that ...", "Confirmed that ...".
// Finder 12, S13: "Verify that ...", "I verified that ...", "We verified
// ...", "Verifying that ...", "Ensured that ...", "Made sure ...". ("Ensure
// that ..." and "Make sure ..." order the rule.)
var notedOpenings = [][]string{{"verified", "that"}, {"confirmed", "that"}, {"tested", "that"}, {"checked", "that"}, {"verify", "that"}, {"verifying", "that"},
	{"verifying"}, {"confirm", "that"}, {"confirming", "that"}, {"check", "that"}, {"checking", "that"}, {"test", "that"}, {"testing", "that"},
	{"validate", "that"}, {"validated", "that"}, {"validating", "that"}, {"ensured", "that"}, {"made", "sure"}, {"i", "verified"}, {"we", "verified"},
	{"i", "confirmed"}, {"we", "confirmed"}, {"i", "tested"}, {"we", "tested"}, {"i", "checked", "that"}, {"we", "checked", "that"}, {"i", "ensured"},
	{"we", "ensured"}, {"i", "made", "sure"}, {"we", "made", "sure"}, {"i", "validated"}, {"we", "validated"}}

// otherWayPhrases add the other direction: "both ways", "(bidirectional)".
var otherWayPhrases = [][]string{{"both", "ways"}, {"both", "directions"}, {"bidirectional"}, {"bi-directional"}, {"other", "way", "round"}, {"other", "way", "around"},
	{"and", "back"}, {"reverse", "it"}, {"the", "reverse", "too"}, {"vice", "versa"}, {"and", "vice", "versa"}, {"in", "both", "directions"}}

// draftOpenings, first in the request and before a colon, offer the rule
// as one choice or undo it: "revert: allow ...", "idea: ...", "option A:
// ...", "proposal: ...", "roll back \"allow ...\"".
// ("Idea: allow the subnet the nodes live in. The pods labeled app=api
// accept 443 from 10.0.0.0/16." is a heading the sentence after it says as
// an order: "idea" holds back only a request of one sentence.)
var draftOpenings = set("revert", "reverts", "reverted", "idea", "proposal", "option", "rollback")

// takenBackHeadings head, at the start of a line or sentence, a rule that
// a changelog or a design note takes back, turns down or only weighed:
// "This reverts commit 4c2f1a9: allow ...", "### Removed\n- allow ...",
// "Removed - ...", "Removal: ...", "Deleted policy: ...", "### Deprecated",
// "Undo: deny ...", "Rejected alternative: allow ...", "Alternative:
// allow ... We chose: ...", "Rejected option: ...". Read as the rule, each
// wrote what the words take back (finder 11, S2 and S3). Followed by a
// colon (after at most one word), a dash or the end of its line.
// Finder 12, S11 and S12, found other tenses and words, and a dash after
// two words: "Retired:", "Removing:", "Rolled back:", "- Removed:",
// "Remove:", "Undone:", "Backed out:", "To undo:", "Discarded option:",
// "Considered and rejected:", "Rejected alternative - ...".
var takenBackHeadings = set("revert", "reverts", "reverted", "reverting", "undo", "undone", "undoing", "removed", "removal", "remove", "removes",
	"removing", "deleted", "deprecated", "rejected", "alternative", "alternatives", "considered", "retired", "retire", "retiring", "rolled", "backed",
	"discarded", "withdrew")

// takenBackLeads may stand before a takenBackHeadings word at the head of
// a line: list marks, "This", "To" ("To undo:"), and "and" or "or"
// between two of the words ("Considered and rejected:").
var takenBackLeads = set("-", "*", "+", "this", "to", "and", "or")

// takenBackHeading is the index of a takenBackHeadings word that heads a
// line or sentence of the request ("#" marks and "This" before it), or -1.
func takenBackHeading(request string, toks []token) int {
	for i, t := range toks {
		if !takenBackHeadings[t.low] {
			continue
		}
		k := i - 1
		for k >= 0 && (strings.Trim(toks[k].low, "#") == "" || takenBackLeads[toks[k].low] || takenBackHeadings[toks[k].low]) {
			k--
		}
		if k >= 0 && toks[k].low != "." && toks[k].low != "!" && toks[k].low != "?" && toks[k].low != ":" && !strings.Contains(request[toks[k].end:toks[k+1].start], "\n") {
			continue
		}
		switch {
		case i+1 == len(toks), toks[i+1].low == ":", toks[i+1].low == "-", strings.Contains(request[t.end:toks[i+1].start], "\n"),
			toks[i+1].kind == tWord && i+2 < len(toks) && (toks[i+2].low == ":" || toks[i+2].low == "-"),
			// "This reverts commit 4c2f1a9: ...", "This reverts \"block ...\"".
			// ("revert the /bin/sh block" undoes a rule: verdictUndone.)
			strings.HasPrefix(t.low, "revert") && toks[k+1].low == "this":
			return i
		}
	}
	return -1
}

// refusedVerbs make the policy, after a negation that refuses it.
var refusedVerbs = set("write", "create", "make", "generate", "draft", "add", "apply", "deploy", "produce")

// refusedWants, after a negation, turn a policy down as refusedVerbs do:
// "I don't want a policy that blocks ...", "we do not need any policy
// that allows ..." (finder 10, S11: the policy was written).
var refusedWants = set("want", "need")

// refusedGerunds follow "avoid" (at the start of a sentence) to turn down
// writing a policy ("Avoid writing a policy that blocks ...") or the rule
// itself ("Please avoid blocking /bin/sh in ..."): both were written
// (finder 10, S11).
var refusedGerunds = set("writing", "creating", "making", "generating", "drafting", "adding", "applying", "deploying", "producing")

// avoidedVerdicts follow "avoid" to turn down the rule itself.
var avoidedVerdicts = set("blocking", "allowing", "denying", "auditing", "permitting", "restricting")

// refusedAuthoring is the length of a negation and the verb that makes a
// policy at i, "don't write a policy", "do not create a KubeArmorPolicy",
// "never generate a rule", "I don't want a policy", "there is no need for
// a policy", "avoid writing a policy", "avoid blocking", or 0: the framing
// verb was set aside and the rule after it written (finder 6's S14: "Don't
// write a policy that blocks /bin/sh in pods labeled app=web" blocked
// /bin/sh).
func refusedAuthoring(toks []token, i int) int {
	k := i
	verbs := refusedVerbs
	switch {
	case toks[k].low == "don't" || toks[k].low == "dont" || toks[k].low == "never" || toks[k].low == "doesn't":
		k++
	case (toks[k].low == "do" || toks[k].low == "does") && k+1 < len(toks) && toks[k+1].low == "not":
		k += 2
	case toks[k].low == "avoid" && (k == 0 || toks[k-1].kind == tPunct || toks[k-1].low == "please" || toks[k-1].low == "pls"):
		if k+1 < len(toks) && avoidedVerdicts[toks[k+1].low] {
			return 2
		}
		verbs = refusedGerunds
		k++
	case toks[k].low == "no" && k+2 < len(toks) && toks[k+1].low == "need" && toks[k+2].low == "for":
		// "there is no need for a policy that ...": no verb.
		k += 2
	default:
		return 0
	}
	if k >= len(toks) || !verbs[toks[k].low] && !(toks[i].low != "avoid" && refusedWants[toks[k].low]) && !(toks[i].low == "no" && toks[k].low == "for") {
		return 0
	}
	j := k + 1
	for j < len(toks) && (authoredWords[toks[j].low] || toks[j].low == "any") {
		j++
	}
	if j < len(toks) && (policyNouns[toks[j].low] || policyKindWords[toks[j].low]) {
		return k + 1 - i
	}
	return 0
}

// withdrawnRequest asks when the request says it is taken back, turned
// down, closed, held or only proposed (withdrawnWords, withdrawnPhrases,
// draftOpenings), votes it down ("-1" standing alone), rejects itself in a
// sentence of its own ("no.", "don't."), strikes a rule out (~~...~~),
// leaves its box unticked ("[ ] allow ...") or corrects a word sed-style
// ("s/bash/sh/:"). Whether any policy is wanted is the author's to say.
func withdrawnRequest(request string, toks []token) error {
	alone := func(i int) bool {
		before := i == 0 || toks[i-1].kind == tPunct || strings.Contains(request[toks[i-1].end:toks[i].start], "\n")
		after := i+1 == len(toks) || toks[i+1].kind == tPunct || strings.Contains(request[toks[i].end:toks[i+1].start], "\n")
		return before && after
	}
	ask := func(i, n int) error {
		if strings.HasPrefix(toks[i].low, "s/") {
			return &generator.NotUnderstoodError{Request: request, Example: generator.ExampleSystem,
				Missing: fmt.Sprintf("%q corrects a word sed-style: which rule do you mean? Say the request again as it should be, without the correction", toks[i].raw)}
		}
		// "Thoughts?", "(pls review)", "(for discussion)": asks for an opinion.
		if said := strings.ToLower(request[toks[i].start:toks[i+n-1].end]); said == "thoughts" || strings.HasSuffix(said, "review") || strings.HasSuffix(said, "discussion") {
			return &generator.NotUnderstoodError{Request: request, Example: generator.ExampleNetwork,
				Missing: fmt.Sprintf("%q asks whether to do it, or what it would do: is it a rule? Say it as one (\"allow ...\", \"block ...\")", request[toks[i].start:toks[i+n-1].end])}
		}
		return &generator.NotUnderstoodError{Request: request, Example: generator.ExampleNetwork,
			Missing: fmt.Sprintf("%q says the request is taken back, turned down, held or only proposed: should this policy be written at all? If so, say the request again without it", request[toks[i].start:toks[i+n-1].end])}
	}
	noted := func(i, n int) error {
		return &generator.NotUnderstoodError{Request: request, Example: generator.ExampleNetwork,
			Missing: fmt.Sprintf("%q heads what was tested, found or accepted, not a rule: should a policy be written for it at all? If so, say the rule without it", request[toks[i].start:toks[i+n-1].end])}
	}
	for i, t := range toks {
		// "(temp)", ", temp", "- temporary": a time limit said alone, set
		// aside with the brackets or the dash around it.
		if t.kind == tWord && (t.low == "temp" || t.low == "temporary" || t.low == "tmp") && alone(i) && i > 0 {
			return &generator.NotUnderstoodError{Request: request, Example: generator.ExampleNetwork,
				Missing: fmt.Sprintf("kunerva cannot limit a policy in time (%q): a policy holds until it is changed; ask without the time, and remove the policy when it is no longer needed", t.raw)}
		}
		// "(cache optional)", ". 6379 optional": a hedge set aside with its
		// brackets or sentence.
		if t.kind == tWord && (t.low == "optional" || t.low == "optionally") && i > 0 && (i+1 == len(toks) || toks[i+1].kind == tPunct) {
			return &generator.NotUnderstoodError{Request: request, Example: generator.ExampleNetwork,
				Missing: fmt.Sprintf("should the rule hold? %q leaves it open, and a policy either holds or does not; say the rules that should hold, without it", request[toks[i-1].start:t.end])}
		}
		// "block /bin/sh in app=web, root only", "(www-data only)", "for
		// non-owners": a user no KubeArmor rule of a path tells apart.
		if t.kind == tWord && (t.low == "root" || t.low == "www-data" || t.low == "nobody" || t.low == "non-owners" || t.low == "non-owner") && i > 0 &&
			(i+1 < len(toks) && toks[i+1].low == "only" || strings.HasPrefix(t.low, "non-")) {
			return &generator.NotUnderstoodError{Request: request, Example: generator.ExampleSystem,
				Missing: fmt.Sprintf("kunerva cannot make a policy depend on %q: it allows or denies by pods, addresses, ports, HTTP requests, DNS names, files and processes; ask without the condition, or say what it means in those terms (\"except the owner\" sets ownerOnly)", request[toks[i].start:toks[min(i+1, len(toks)-1)].end])}
		}
		if t.kind == tWord && withdrawnWords[t.low] || strings.Contains(t.raw, "~~") || t.kind == tWord && t.low == "-1" && (alone(i) || i+1 < len(toks) && toks[i+1].low == "from") ||
			t.kind == tWord && (t.low == "no" || t.low == "don't" || t.low == "dont") && (alone(i) || i+1 == len(toks) || toks[i+1].kind == tPunct) && i > 0 && (toks[i-1].kind == tPunct || toks[i-1].low == "please" || toks[i-1].low == "pls") ||
			t.kind == tWord && statusWords[t.low] && alone(i) {
			return ask(i, 1)
		}
		for _, ph := range withdrawnPhrases {
			if phraseIn(toks, i, ph) {
				return ask(i, len(ph))
			}
		}
		for _, ph := range notedHeadings {
			if phraseIn(toks, i, ph) && i+len(ph) < len(toks) && (toks[i+len(ph)].low == ":" || toks[i+len(ph)].low == "-") {
				return noted(i, len(ph))
			}
		}
		for _, ph := range notedOpenings {
			if phraseIn(toks, i, ph) && (i == 0 || toks[i-1].kind == tPunct) {
				return noted(i, len(ph))
			}
		}
		if n := refusedAuthoring(toks, i); n > 0 {
			return &generator.NotUnderstoodError{Request: request, Example: generator.ExampleSystem,
				Missing: fmt.Sprintf("%q says not to write the policy: should it be written at all? If so, say the request again without it", request[toks[i].start:toks[i+n-1].end])}
		}
	}
	// "... on 5432. both ways", "(bidirectional)", ". other way round",
	// "(and back)": the other direction, said alone after the rule and set
	// aside with it, last in the request. ("may talk with each other both
	// ways" and "default-deny for team-a, both directions, every pod" are read.)
	for i := range toks {
		for _, ph := range otherWayPhrases {
			if phraseIn(toks, i, ph) && i > 0 && (toks[i-1].kind == tPunct || strings.Contains(request[toks[i-1].end:toks[i].start], "\n")) &&
				!slices.ContainsFunc(toks[i+len(ph):], func(t token) bool { return t.kind != tPunct || t.low == "," }) {
				return &generator.NotUnderstoodError{Request: request, Example: generator.ExampleNetwork,
					Missing: fmt.Sprintf("which direction does %q add? Say the traffic the other way as a rule of its own (\"and app=b may reach app=a on 8080\")", request[toks[i].start:toks[i+len(ph)-1].end])}
			}
		}
	}
	// "... on 5432\nupd: also egress", ", egress too fwiw", "ingress as
	// well", "plus egress": a direction added with nothing of its own. Read as the rule's
	// direction, it replaced the one the verb gave ("only app=api may
	// reach app=db" lost the allow-list on app=db).
	for i, t := range toks {
		if !ingressWords[t.low] && !egressWords[t.low] {
			continue
		}
		from, to := i, i
		switch {
		case i > 0 && (toks[i-1].low == "also" || toks[i-1].low == "plus"):
			from = i - 1
		case i+1 < len(toks) && (toks[i+1].low == "too" || toks[i+1].low == "also"):
			to = i + 1
		case phraseIn(toks, i+1, []string{"as", "well"}):
			to = i + 2
		default:
			continue
		}
		// "and all egress too": a default deny said again.
		if i > 0 && (toks[i-1].low == "all" || toks[i-1].low == "no") {
			continue
		}
		e := i + 1
		for e < len(toks) && toks[e].low != "." && toks[e].low != ";" && !strings.Contains(request[toks[e-1].end:toks[e].start], "\n") {
			e++
		}
		if !slices.ContainsFunc(toks[i+1:e], isValue) && !slices.ContainsFunc(toks[i+1:e], func(t token) bool { return t.low == "to" || t.low == "from" }) {
			return &generator.NotUnderstoodError{Request: request, Example: generator.ExampleNetwork,
				Missing: fmt.Sprintf("which traffic does %q add? Say the %s rule as one of its own (\"and app=b may reach app=a on 8080\")", request[toks[from].start:toks[to].end], t.low)}
		}
	}
	switch {
	case len(toks) > 1 && draftOpenings[toks[0].low] && (toks[0].low != "idea" || sentenceEnd(toks, 2) >= len(toks)-1) && (toks[1].low == ":" || toks[1].kind == tWord && len(toks) > 2 && toks[2].low == ":" || toks[0].low == "revert" && strings.HasPrefix(request[toks[0].end:], " \"")):
		return ask(0, 1)
	case len(toks) > 1 && phraseIn(toks, 0, []string{"roll", "back"}):
		return ask(0, 2)
	case takenBackHeading(request, toks) >= 0:
		return ask(takenBackHeading(request, toks), 1)
	case len(toks) > 1 && toks[0].low == "(" && toks[1].low == ")" && strings.HasPrefix(strings.TrimSpace(request), "["):
		return ask(0, 2)
	case len(toks) > 1 && toks[1].low == ":" && strings.HasPrefix(toks[0].low, "s/") && strings.Count(toks[0].low, "/") == 3:
		return ask(0, 1)
	}
	return nil
}

// undoVerbs, before a verdict, end it: "stop blocking", "quit allowing",
// "cease allowing", "no more auditing", "don't keep blocking".
var undoVerbs = set("stop", "stops", "stopped", "quit", "quits", "cease", "ceases", "ceased", "end", "ends")

// undoNounVerbs take away a rule named by its verdict as a noun: "lift the
// deny on ...", "revert the /bin/sh block", "drop the /bin/sh block",
// "loosen the block", "undo block /bin/sh", "rm block /bin/sh".
// ("turn off", "back out", "take down", "switch off": with their particle.)
// "cancel the ban on curl", "reverse the block on curl", "rescind the
// deny" gave the block.
var undoNounVerbs = set("lift", "revert", "undo", "loosen", "relax", "remove", "rm", "drop", "end", "kill", "delete", "retire", "disable", "turn", "back", "take", "switch",
	"cancel", "reverse", "rescind", "repeal", "scrap", "overturn", "abolish")

// goneWords, after a rule named by its verdict as a noun, take it away:
// "the ban on curl in nginx should go", "the block has to go", "that
// deny must be lifted".
var goneWords = set("go", "lifted", "removed", "cancelled", "canceled", "reversed", "reverted", "undone", "scrapped", "rescinded", "repealed", "deleted", "retired")

// refrainVerbs, before "from" and a verdict, turn it down: "refrain from
// allowing checkout to reach payments" gave the allow.
var refrainVerbs = set("refrain", "refrains", "abstain", "abstains", "desist")

// verdictNouns name a rule by its verdict.
var verdictNouns = set("block", "deny", "ban", "denial", "allow", "allowance", "blocks", "denies", "allows", "audit", "blocklist", "denylist", "allowlist")

// negationGapWords stand between a negation and the verdict it turns down:
// "don't bother blocking", "don't even block", "don't actually block",
// "don't yet block", "do not, repeat not, block", "don't ever block".
var negationGapWords = set("bother", "even", "actually", "yet", "ever", "really", "repeat", "not", ",", "keep", "need", "to", "go")

// verdictUndone asks when the request ends or turns down the verdict it
// names (undoVerbs, undoNounVerbs, "un-deny", a negation with words
// between): read as the verdict itself, "stop blocking /bin/sh" blocked
// it. Whether the rule should go, or the opposite hold, is the author's to
// say. ("stop letting app=web reach app=db" stops the traffic, not a rule.)
func verdictUndone(request string, toks []token) error {
	verdict := func(k int) bool {
		return k < len(toks) && toks[k].kind == tWord && (verdictGerunds[toks[k].low] || verdictClass(toks, k) != "" || verdictNouns[toks[k].low])
	}
	ask := func(i, j int) error {
		return &generator.NotUnderstoodError{Request: request, Example: generator.ExampleSystem,
			Missing: fmt.Sprintf("%q undoes a rule, which a policy cannot: should the policy do the opposite (allow what it blocked, block what it allowed), or leave it alone?", request[toks[i].start:toks[j].end])}
	}
	for i, t := range toks {
		w := t.low
		switch {
		case t.kind != tWord:
		case undoVerbs[w] && i+1 < len(toks) && verdictGerunds[toks[i+1].low]:
			return ask(i, i+1)
		case refrainVerbs[w] && i+2 < len(toks) && toks[i+1].low == "from" && verdictGerunds[toks[i+2].low]:
			return ask(i, i+2)
		// "the ban on curl in nginx should go": the noun of a verdict,
		// then what is to happen to it.
		case goneWords[w] && i > 1 && (modals[toks[i-1].low] || toks[i-1].low == "be" && i > 2 && modals[toks[i-2].low] || toks[i-1].low == "to" && (toks[i-2].low == "has" || toks[i-2].low == "have" || toks[i-2].low == "needs" || toks[i-2].low == "need")) &&
			(w != "go" || i+1 == len(toks) || toks[i+1].kind == tPunct || toks[i+1].low == "away"):
			for k := i - 1; k > 0 && k >= i-10; k-- {
				if toks[k].low == "." || toks[k].low == ";" {
					break
				}
				if verdictNouns[toks[k].low] && (toks[k-1].low == "the" || toks[k-1].low == "that" || toks[k-1].low == "this" || toks[k-1].kind == tPath) {
					return ask(k-1, i)
				}
			}
		case w == "no" && i+2 < len(toks) && toks[i+1].low == "more" && verdictGerunds[toks[i+2].low]:
			return ask(i, i+2)
		// "no longer block /bin/sh" ("no longer allow ..." denies it; "is no
		// longer blocked" says a state, asked about elsewhere).
		case w == "no" && i+2 < len(toks) && toks[i+1].low == "longer" && !strings.HasSuffix(toks[i+2].low, "ed") && (verdictClass(toks, i+2) == "deny" || verdictClass(toks, i+2) == "audit" || verdictGerunds[toks[i+2].low]):
			return ask(i, i+2)
		case (w == "unblock" || w == "undeny" || w == "unban" || w == "unallow") && i > 0:
			return ask(i, i)
		case strings.HasPrefix(w, "un-") && (denyWords[w[3:]] || allowWords[w[3:]] || auditWords[w[3:]]):
			return ask(i, i)
		case (w == "needn't" || w == "shan't" || w == "needn’t"):
			if k := i + 1; verdict(k) || k < len(toks) && negationGapWords[toks[k].low] && verdict(k+1) {
				return ask(i, k)
			}
		case negationWords[w] || w == "do" && i+1 < len(toks) && toks[i+1].low == "not":
			k := i + 1
			if w == "do" {
				k++
			}
			gap := k
			for gap < len(toks) && gap < k+4 && negationGapWords[toks[gap].low] {
				gap++
			}
			if gap > k && verdict(gap) && (toks[gap-1].low != "to" || gap-k > 1) {
				return ask(i, gap)
			}
		case w == "from" && verdictChange(toks, i) > i:
			return &generator.NotUnderstoodError{Request: request, Example: generator.ExampleSystem,
				Missing: fmt.Sprintf("%q changes the verdict of a rule, which a policy cannot say: say the rule as it should be now, with its verb (\"block running /bin/sh in ...\")", request[toks[i].start:toks[verdictChange(toks, i)].end])}
		case (undoNounVerbs[w] || w == "strike") && removedFromList(toks, i) > i:
			return ask(i, removedFromList(toks, i))
		case undoNounVerbs[w] && (w != "turn" && w != "back" && w != "take" && w != "switch" || i+1 < len(toks) && (toks[i+1].low == "off" || toks[i+1].low == "out" || toks[i+1].low == "down")):
			k := i + 1
			if k < len(toks) && (toks[k].low == "off" || toks[k].low == "out" || toks[k].low == "down") {
				k++
			}
			for k < len(toks) && k < i+5 && (determiners[toks[k].low] || toks[k].kind == tPath || toks[k].kind == tLabel || toks[k].kind == tCIDR || ingressWords[toks[k].low] || egressWords[toks[k].low]) {
				k++
			}
			if k < len(toks) && verdictNouns[toks[k].low] && (k+1 == len(toks) || toks[k+1].low == "on" || toks[k+1].low == "of" || toks[k+1].low == "for" || toks[k+1].kind != tWord || k > i+1) {
				return ask(i, k)
			}
		}
	}
	return nil
}

// verdictChange finds "from <verdict> to <another verdict>", with "mode"
// after either: "change /bin/sh in pods labeled app=web from audit to
// block". Read from the words, "change" made a file rule of writes and the
// first verdict held: Audit, readOnly, where the words meant to block
// running /bin/sh. It returns the second verdict's last token, or -1.
func verdictChange(toks []token, i int) int {
	j := i + 1
	if j >= len(toks) || verdictClass(toks, j) == "" && !verdictNouns[toks[j].low] {
		return -1
	}
	first := toks[j].low
	j++
	if j < len(toks) && (toks[j].low == "mode" || toks[j].low == "only") {
		j++
	}
	if j+1 >= len(toks) || toks[j].low != "to" && toks[j].low != "into" || verdictClass(toks, j+1) == "" && !verdictNouns[toks[j+1].low] || toks[j+1].low == first {
		return -1
	}
	j++
	if j+1 < len(toks) && (toks[j+1].low == "mode" || toks[j+1].low == "only") {
		j++
	}
	return j
}

// ruleListNouns name a list of rules by its verdict in one word; a
// verdict noun before "list" says it in two ("block list", "deny list").
var ruleListNouns = set("blocklist", "denylist", "allowlist", "blacklist", "whitelist", "block-list", "deny-list", "allow-list", "banlist", "ban-list")

// removedFromList finds the list of rules a removal takes a value off: "drop
// /bin/sh from the block list of the nginx pods", "drop checkout from the
// payments deny list", "take X off the allowlist". Read as the verdict it
// names, the removal gave the list's rule (Block /bin/sh, a deny of
// checkout to payments): the opposite of the words. It returns the list
// word's token, or -1.
func removedFromList(toks []token, i int) int {
	for j := i + 1; j < len(toks) && j < i+8; j++ {
		if toks[j].kind == tPunct {
			return -1
		}
		if toks[j].low != "from" && toks[j].low != "off" {
			continue
		}
		for k := j + 1; k < len(toks) && k < j+6 && toks[k].kind != tPunct; k++ {
			if ruleListNouns[toks[k].low] {
				return k
			}
			if verdictNouns[toks[k].low] && k+1 < len(toks) && (toks[k+1].low == "list" || toks[k+1].low == "lists") {
				return k + 1
			}
		}
	}
	return -1
}

// forgetFillers after "forget" say no value forgotten: "forget about
// it", "forget to", "forget that".
var forgetFillers = set("about", "to", "it", "that")

// valueOnLineBefore reports whether a value stands before toks[i] on its
// line: "on 5432 - sorry, 5433", not "...\nsry typo, 5433".
func valueOnLineBefore(request string, toks []token, i int) bool {
	for j := i - 1; j >= 0; j-- {
		if strings.Contains(request[toks[j].end:toks[j+1].start], "\n") {
			return false
		}
		if isValue(toks[j]) {
			return true
		}
	}
	return false
}

// allowOfPronoun asks when a command to allow takes a pronoun for the
// traffic a statement before it denies, and gives it another peer: "the
// app=db pods must not accept 5432 from app=api - permit it from app=web".
// Read as a rule of its own, "it" lost the port and the allow opened every
// port; whether the author moves the deny or adds an allow is theirs to
// say. The deny is a command ("block", "must not"), not a story ("can't
// reach X, please allow it" asks what broke); a file or process rule's
// pronoun is asked by its own rules.
func allowOfPronoun(request string, toks []token) error {
	if slices.ContainsFunc(toks, func(t token) bool { return t.kind == tPath }) {
		return nil
	}
	for i := 1; i+3 < len(toks); i++ {
		if !allowVerbs[toks[i].low] || negationWords[toks[i-1].low] || toks[i+1].low != "it" && toks[i+1].low != "them" && toks[i+1].low != "that" ||
			toks[i+2].low != "from" && toks[i+2].low != "to" || toks[i+3].kind != tLabel {
			continue
		}
		stmt := false
		for j := i - 1; j >= 0; j-- {
			if stmtBreaks[toks[j].raw] || toks[j].low == "then" {
				stmt = true
			}
			if stmt && (denyWords[toks[j].low] && !negationWords[toks[j].low] || toks[j].low == "not" && j > 0 && modals[toks[j-1].low]) {
				return &generator.NotUnderstoodError{Request: request, Example: generator.ExampleNetwork,
					Missing: fmt.Sprintf("the request both allows and denies: %q allows what the statement before it denies: should it allow or block this traffic? Say each rule with its own peers and ports", request[toks[i].start:toks[i+3].end])}
			}
		}
	}
	return nil
}

// stmtBreaks end a statement within a request.
var stmtBreaks = set(";", ".", "!", "-", "–", "—", ",")
