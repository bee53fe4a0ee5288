package builtin

import (
	"fmt"
	"slices"

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
	{"forget", "the", "above"}, {"forget", "what", "i", "said"}, {"disregard", "that"}, {"disregard", "this"}, {"disregard", "the", "above"}, {"strike", "that"},
	{"ignore", "the", "previous"}, {"sorry", ",", "i"}, {"my", "mistake"}, {"my", "bad"}, {"i", "misspoke"}}

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
		if n == 0 && toks[i].low == "actually" && i > 1 && toks[i-1].kind == tPunct {
			n = 1
		}
		// "make that 9443": a value after it.
		if n == 0 && phraseIn(toks, i, []string{"make", "that"}) && i+2 < len(toks) && (toks[i+2].kind == tNumber || toks[i+2].kind == tLabel || toks[i+2].kind == tCIDR) {
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
