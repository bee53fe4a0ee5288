package builtin

import (
	"fmt"
	"slices"
	"strings"

	"github.com/kunerva/kunerva/generator"
)

// lineVerdictClaims are the readings of a word that gives a verdict.
var lineVerdictClaims = set("action-word", "allow-word", "deny-word", "verdict", "negation", "default-deny", "allow-list-rest")

// lineVerdictWords give a value a verdict in chat, though some rule reads
// them as filler elsewhere: "10.1.0.0/16: ok".
var lineVerdictWords = set("ok", "okay", "fine", "allowed", "blocked", "denied", "audited", "allow", "block", "deny", "audit")

// lineValueClaims are the readings of a word that is a value of a rule.
var lineValueClaims = set("dns", "http-method", "executable-name", "entity", "writes", "file-word", "process-word")

// A chat message, a README or a YAML comment goes on over lines that the
// clause reads as one: "block /bin/bash in app=web\n/bin/sh: allow",
// "deny egress ... to 10.0.0.0/8\n10.1.0.0/16 is trusted", "only app=api
// may reach app=db on 5432\nthe attacker came from app=batch". A later
// line's values joined the rule before it and took its verdict, while
// the words that gave them another (or said they were a fact, a story, a
// trusted range) were read as no rule's. laterLineSays asks when a later
// line with a value (a line that is no list item, which the rules of items
// read):
//   - says a verdict of its own, after an earlier line said one
//     ("/bin/sh allowed", "let /bin/sh through", "# /usr/bin/curl: audit",
//     "don't touch 10.1.0.0/16", "10.1.0.0/16: ok"); or
//   - holds a word no rule reads ("tho", "fwiw", "trusted", "nuke",
//     "internal", "the attacker used", "IOCs").
func (p *parser) laterLineSays(in *generator.Intent) error {
	if len(in.Network) == 0 && len(in.System) == 0 {
		return nil
	}
	verdictSaid := false
	for s := 0; s < len(p.toks); {
		e := s + 1
		for e < len(p.toks) && (p.toks[e-1].end > p.toks[e].start || !strings.Contains(p.request[p.toks[e-1].end:p.toks[e].start], "\n")) {
			e++
		}
		value, verdict, unread := false, false, -1
		for k := s; k < e; k++ {
			t := p.toks[k]
			switch {
			case t.kind != tWord && t.kind != tPunct || lineValueClaims[p.claim[k]]:
				value = true
			case t.kind == tWord && (lineVerdictClaims[p.claim[k]] || lineVerdictWords[t.low]):
				verdict = true
			case t.kind == tWord && p.claim[k] == "no-meaning" && strings.ContainsFunc(t.low, func(r rune) bool { return r >= 'a' && r <= 'z' }) && unread < 0:
				unread = k
			}
		}
		// ("- /bin/bash is only audited": a list item, which the rules of
		// items read.)
		item := p.toks[s].low == "-" || p.toks[s].low == "*" || p.toks[s].low == "•"
		if s > 0 && value && !item {
			line := p.text(s, e)
			if verdict && verdictSaid {
				return p.refuseWithSummary(in, fmt.Sprintf("what verdict does the line %q give? The rule before it gives its values one verdict; say each in a sentence of its own (\"block /bin/bash. Allow /bin/sh.\"), or leave the line out", line))
			}
			if unread >= 0 {
				return p.refuseWithSummary(in, fmt.Sprintf("what does %q say in the line %q: a rule, an exception to the one before it, or a remark? Say it as a rule of its own (\"deny egress to 10.0.0.0/8 except 10.1.0.0/16\"), or leave the line out", p.toks[unread].raw, line))
			}
		}
		verdictSaid = verdictSaid || verdict
		s = e
	}
	return nil
}

// eitherSaid asks about a negation closed by "either" after a rule that
// allows: "only app=api may reach app=db on 5432, db shouldn't call out
// either". "Either" says a second rule, of the pods' other traffic; read
// in the rule before it, the negation turned its allow into a deny.
func (p *parser) eitherSaid(in *generator.Intent) error {
	negation, allowed := -1, false
	for k, t := range p.toks {
		switch {
		case t.kind != tWord:
		case eitherNegations[t.low] || p.claim[k] == "negation" && t.low != "no":
			if allowed && negation < 0 {
				negation = k
			}
		case lineVerdictClaims[p.claim[k]]:
			allowed = true
		case t.low == "either" && negation >= 0 && k-negation > 1 && (k+1 == len(p.toks) || p.toks[k+1].kind == tPunct && p.toks[k+1].low != ")"):
			return p.refuseWithSummary(in, fmt.Sprintf("%q says a rule of its own: which pods, and which traffic? Say it as a sentence of its own (\"deny all egress from the app=db pods\")", p.text(negation, k+1)))
		}
	}
	return nil
}

// eitherNegations negate a verb ("db shouldn't call out either"); "no
// modifications in there either" says the rule again.
var eitherNegations = set("not", "never", "shouldn't", "mustn't", "can't", "cannot", "won't", "don't", "doesn't", "isn't", "aren't", "wouldn't")

// chatMarksSaid asks about the marks of chat that give a value a verdict
// or stress it, which no rule reads:
//   - an arrow: "audit reads of /etc/shadow in app=web, writes -> block"
//     (read as one rule, the writes took the audit), where a verdict
//     stands on each side of it;
//   - "no" before a value an allow-list names: "only /usr/bin/node may run
//     in app=web, no /bin/sh" (the shell forbidden joined the allow-list).
func (p *parser) chatMarksSaid(in *generator.Intent) error {
	allowList := slices.ContainsFunc(in.System, func(r generator.SystemRule) bool { return r.Action == "Allow" })
	for k, t := range p.toks {
		next := k+1 < len(p.toks) && (p.toks[k+1].kind != tWord && p.toks[k+1].kind != tPunct || lineValueClaims[p.claim[k+1]])
		switch {
		case arrowMarks[t.low] && (p.claim[k] == "no-meaning" || p.claim[k] == "" || p.claim[k] == "filler") && verdictAt(p, 0, k) && verdictAt(p, k+1, len(p.toks)):
			return p.refuseWithSummary(in, fmt.Sprintf("what does %q say in %q: another verdict for what it points from? Say each verdict in a sentence of its own (\"audit reads of /etc/shadow. Block writes to /etc/shadow.\")", t.raw, p.text(max(k-1, 0), min(k+2, len(p.toks)))))
		case allowList && (t.low == "no" || t.low == "not" || t.low == "never") && next:
			return p.refuseWithSummary(in, fmt.Sprintf("does %q leave %s out of the allow-list, or block it? The allow-list blocks what it does not name; leave %s out, or say \"block %s\" in a sentence of its own", p.text(k, k+2), p.toks[k+1].raw, p.toks[k+1].raw, p.toks[k+1].raw))
		}
	}
	return nil
}

// verdictAt reports whether tokens [i, j) hold a word read as a verdict.
func verdictAt(p *parser, i, j int) bool {
	for k := i; k < j; k++ {
		if lineVerdictClaims[p.claim[k]] {
			return true
		}
	}
	return false
}

// arrowMarks point a value to a verdict in chat: "writes -> block".
var arrowMarks = set("->", "=>", "→", "-->", "⇒")
