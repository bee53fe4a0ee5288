package builtin

import (
	"slices"
	"strings"

	"github.com/kunerva/kunerva/generator"
)

// nodeLocalWords say that a DNS server is the one on the pod's node:
// "node-local DNS", "NodeLocal DNSCache", "the local DNS cache", "the
// node's DNS".
var nodeLocalWords = set("node-local", "nodelocal", "nodelocaldns", "node-local-dns", "nodelocal-dns", "local", "node", "node's", "host", "host's", "per-node", "dnscache")

// nodeLocalDNSSaid reports whether the request names a DNS server on the
// node rather than the cluster DNS: a word of nodeLocalWords just before
// "DNS" (or in one word with it), or "DNS cache" ("the DNS cache on the
// node").
func nodeLocalDNSSaid(toks []token) bool {
	return anyWord(toks, func(i int, w, next string) bool {
		switch {
		case w == "nodelocaldns" || w == "node-local-dns" || w == "dnscache" || w == "nodelocal-dns":
			return true
		case w == "dns" || w == "dns-cache":
			return next == "cache" || next == "caches" || next == "cache's" || w == "dns-cache" ||
				i > 0 && nodeLocalWords[toks[i-1].low] || i > 1 && nodeLocalWords[toks[i-2].low] && toks[i-1].kind == tWord
		}
		return false
	})
}

// complaintSaid reports whether a clause says that traffic cannot pass,
// with no word of an order: "the app=prometheus pods cannot reach the
// app=openclaw pods on 9090", "app=web can't talk to app=db", "app=api is
// unable to reach app=cache". Such a sentence is as often what someone
// sees go wrong as a rule; read as a deny, it blocked what they wanted
// let through. ("app=web must not reach app=db", "make sure app=web
// cannot reach app=db", "app=web should be unable to reach ..." order it.)
func complaintSaid(toks []token) bool {
	can := anyWord(toks, func(i int, w, next string) bool {
		return w == "cannot" || w == "can't" || w == "couldn't" || w == "unable" || (w == "can" || w == "could") && next == "not"
	})
	return can && !anyWord(toks, func(i int, w, next string) bool { return orderWords[w] || dutyWords[w] })
}

// dutyWords, beside orderWords, make a "cannot" a rule: "Enforce that
// app=web cannot reach app=db", "guarantee ...", "app=web is never to ...".
var dutyWords = set("enforce", "guarantee", "guaranteed", "require", "required", "requires", "use", "configure", "set", "so", "never", "shouldn't", "mustn't", "forbid", "forbidden", "disallow")

// defaultStates say that what follows is how things are by default:
// "by default", "out of the box", "normally".
var defaultStates = [][]string{{"by", "default"}, {"out", "of", "the", "box"}, {"normally"}, {"usually"}, {"ordinarily"}, {"as", "things", "stand"}}

// defaultStateSaid reports whether a clause says what the pods will not
// or cannot do by default, with no word of an order: "By default the
// app=web pods will not be able to reach 10.0.0.0/8", "out of the box
// app=api won't reach app=db". ("By default the app=web pods should not
// reach ..." orders it.)
func defaultStateSaid(toks []token) bool {
	state, cannot := false, false
	for i, t := range toks {
		for _, d := range defaultStates {
			state = state || phraseIn(toks, i, d)
		}
		next := ""
		if i+1 < len(toks) {
			next = toks[i+1].low
		}
		switch {
		case t.low == "should" || t.low == "must" || t.low == "shall" || t.low == "mustn't" || t.low == "shouldn't" || t.low == "need" || t.low == "needs":
			return false
		case t.low == "won't" || t.low == "wouldn't" || t.low == "can't" || t.low == "cannot" || t.low == "unable" || t.low == "aren't" || t.low == "isn't",
			(t.low == "will" || t.low == "would" || t.low == "can" || t.low == "are" || t.low == "is") && next == "not":
			cannot = true
		}
	}
	return state && cannot
}

// currentStates say that what follows is how things are now: "currently",
// "right now", "at the moment", "today".
var currentStates = [][]string{{"currently"}, {"presently"}, {"nowadays"}, {"today"}, {"right", "now"}, {"at", "the", "moment"}, {"at", "present"},
	{"as", "of", "now"}, {"as", "of", "today"}, {"these", "days"}, {"as", "it", "stands"}}

// remarkOpeners set a remark apart from the rules in chat and forum posts:
// "Note: app=batch can reach it too", "fyi app=batch can reach it".
var remarkOpeners = [][]string{{"note"}, {"nb"}, {"n.b."}, {"fyi"}, {"btw"}, {"fwiw"}, {"ps"}, {"p.s."}}

// findingOpeners report what pods can do as a finding, most often one to
// stop: "Unfortunately app=web can reach 169.254.169.254", "Turns out
// app=web can GET /admin", "Our scanner found that app=web can reach ...".
// Read as an allow, the reach found was the one opened; a rule beside it
// does not make it an order.
var findingOpeners = [][]string{{"unfortunately"}, {"turns", "out"}, {"turned", "out"}, {"apparently"}, {"evidently"}, {"found", "that"}, {"noticed", "that"},
	{"discovered", "that"}, {"shows", "that"}, {"showed", "that"}, {"reports", "that"}, {"reported", "that"}}

// orderWords make a clause an order whatever else it says.
var orderWords = set("should", "must", "shall", "need", "needs", "allow", "allowed", "permit", "permitted", "let", "may", "only", "block", "deny",
	"prevent", "stop", "restrict", "limit", "isolate", "want", "please", "make", "ensure", "keep", "accept", "accepts")

// currentStateSaid reports whether a clause says what the pods can do now,
// with no word of an order: "Currently the app=web pods can reach app=db
// on 5432", "right now app=web is able to talk to app=db".
func currentStateSaid(toks []token) bool {
	return stateSaidAfter(toks, currentStates) || stateSaidAfter(toks, findingOpeners)
}

// stateSaidAfter reports whether a clause says what the pods can do, with
// one of the openers and no word of an order.
func stateSaidAfter(toks []token, openers [][]string) bool {
	state, can := false, false
	for i, t := range toks {
		for _, d := range openers {
			state = state || phraseIn(toks, i, d)
		}
		if orderWords[t.low] {
			return false
		}
		can = can || t.low == "can" || t.low == "could" || t.low == "able"
	}
	return state && can
}

// statePart is a clause up to the first comma, "which", "and", "but" or
// semicolon after its "can": "every pod can reach app=db on 5432" of
// "every pod can reach app=db on 5432, which is bad".
func statePart(toks []token) []token {
	can := false
	for i, t := range toks {
		can = can || t.low == "can" || t.low == "could" || t.low == "able" || allowedSaid(toks, i)
		if can && i > 0 && (t.low == "," || t.low == "which" || t.low == "and" || t.low == "but" || t.low == ";") {
			return toks[:i]
		}
	}
	return toks
}

// canSaid reports whether tokens say what pods can do, with no word of an
// order: "every pod in shop can reach app=db on 5432".
func canSaid(toks []token) bool {
	return anyWord(toks, func(i int, w, next string) bool {
		return w == "can" || w == "could" || w == "able" || allowedSaid(toks, i)
	}) &&
		!anyWord(toks, func(i int, w, next string) bool { return (orderWords[w] || dutyWords[w]) && !allowedSaid(toks, i) })
}

// allowedSaid reports whether token i is "allowed" after "is" or "are":
// "app=web is allowed to reach app=db", said of how things are.
func allowedSaid(toks []token, i int) bool {
	return toks[i].low == "allowed" && i > 0 && (toks[i-1].low == "is" || toks[i-1].low == "are")
}

// disapprovalWords judge what a sentence says the pods can do: "which is
// a problem", "we want to stop that", "that should not happen".
var disapprovalWords = set("problem", "problems", "bad", "wrong", "stop", "avoid", "prevent", "insecure", "dangerous", "risky", "risk", "unwanted", "not",
	"shouldn't", "don't", "never", "issue", "concern", "worried", "scary", "mustn't", "terrible", "undesired", "unacceptable",
	"fix", "remediate", "mitigate", "lock", "harden", "tighten", "close")

// problemHeadings title what goes wrong in an issue: "Problem:",
// "Actual behaviour:", "Observed:", "Security review finding:" (also
// read by ruleToldAsPast, pastrules.go).
var problemHeadings = set("problem", "issue", "bug", "actual", "observed", "symptom", "symptoms", "currently", "finding", "findings", "observation")

// reportHeadings title, in an audit report, the description of a finding
// rather than its remediation: "Description:", "Impact:", "Root cause:",
// "Risk:", and a severity tag, "(High)", "Finding KUN-04 (High):",
// "Severity High -". Under them, "X can reach Y" is what IS, the finding
// (finder 11, S1: "Finding KUN-04 (High): the checkout pods can reach the
// payments pods on 9102. Remediation: only prometheus may reach payments
// on 9102" allowed checkout too). ("Remediation:", "Recommendation:",
// "Change:" label what SHOULD be and are read as today.) Finder 12, S10,
// found more: "Impacts:", "Vulnerability:", "Weakness:", "Gap:", "Attack
// path:", "Background:", "P1:", "Sev1 -", "[HIGH]".
var reportHeadings = set("description", "details", "impact", "risk", "cause", "summary", "why", "context", "motivation", "severity",
	"critical", "high", "medium", "low", "impacts", "risks", "vulnerability", "vulnerabilities", "weakness", "weaknesses", "gap", "gaps", "attack",
	"background", "exposure", "p0", "p1", "p2", "p3", "sev0", "sev1", "sev2", "sev3", "sev-1", "sev-2")

// remedyHeadings title what should be done about a finding: "X can reach
// Y. Remediation: only Z may reach Y". A statement of what pods can do
// before them is the finding, not a rule. ("Fix:", "Solution:" too:
// finder 12, S10, "[HIGH] the frontend can reach payments on 8443. Fix:
// only checkout may reach payments on 8443" allowed the frontend.)
var remedyHeadings = set("remediation", "recommendation", "recommendations", "mitigation", "mitigations", "remedy", "fix", "fixes", "solution",
	"resolution", "remediations")

// laterRuleWords make a sentence after a statement a rule of its own: "Don't
// allow anything else."
var laterRuleWords = set("allow", "allowed", "permit", "permitted", "let", "else", "other", "others", "anything", "everything", "nothing", "only")

// disapproved reports whether the rest of a clause after its statePart,
// or a short sentence of no value right after it, judges what it says
// the pods can do (disapprovalWords).
func disapproved(request string, all []token, c clause, state []token) bool {
	// "Problem: app=web can reach app=db on 5432. Expected: ...": what
	// goes wrong, under its heading.
	at := slices.IndexFunc(all, func(t token) bool { return t.start == c.toks[0].start })
	for k := at - 1; k >= 0 && k >= at-3 && all[k].low != "." && all[k].low != "?" && all[k].low != "!"; k-- {
		if problemHeadings[all[k].low] {
			return true
		}
	}
	// "Finding KUN-04 (High): X can reach Y", "Impact: X can reach Y",
	// "(High) X can reach Y": a finding's heading or severity, up to six
	// words back in the sentence (reportHeadings).
	for k := at - 1; k >= 0 && k >= at-6 && all[k].low != "." && all[k].low != "?" && all[k].low != "!"; k-- {
		if problemHeadings[all[k].low] || reportHeadings[all[k].low] {
			return true
		}
	}
	if findingHeadingLeads(c.toks) {
		return true
	}
	// "Finding 1. X can reach Y": a numbered finding, its own sentence.
	if at >= 3 && all[at-1].low == "." && problemHeadings[all[at-3].low] && all[at-2].kind == tNumber {
		return true
	}
	// "X can reach Y. Remediation: only Z may reach Y": what can be,
	// before what should be done about it.
	for k := at + len(c.toks); k+1 < len(all); k++ {
		if remedyHeadings[all[k].low] && (all[k+1].low == ":" || all[k+1].low == "-" || lineOfItsOwn(request, all, k)) {
			return true
		}
	}
	if len(c.toks) > 2 && problemHeadings[c.toks[0].low] && (c.toks[1].low == ":" || c.toks[2].low == ":") {
		return true
	}
	// ("Service A can GET /products but not POST /products" says an
	// exception.)
	if rest := c.toks[len(state):]; len(rest) > 0 && !(rest[0].low == "but" && len(rest) > 1 && (rest[1].low == "not" || rest[1].low == "never" || rest[1].low == "only" || rest[1].low == "except")) && slices.ContainsFunc(rest, func(t token) bool { return disapprovalWords[t.low] }) {
		return true
	}
	end := c.toks[len(c.toks)-1].end
	var next []token
	for _, t := range all {
		if t.start < end {
			continue
		}
		if (t.low == "." || t.low == "?" || t.low == "!") && len(next) > 0 {
			break
		}
		next = append(next, t)
	}
	// ("Don't allow anything else." is a rule of its own.)
	return len(next) <= 8 && !hasValue(next) && slices.ContainsFunc(next, func(t token) bool { return disapprovalWords[t.low] }) &&
		!slices.ContainsFunc(next, func(t token) bool { return laterRuleWords[t.low] })
}

// findingHeadingLeads reports whether a clause opens with a finding's
// heading or severity (reportHeadings, problemHeadings) before a colon, a
// dash or a closing bracket in its first six words: "Impact: X can reach
// Y", "Risk (High): ...", "(Medium) ...", "[HIGH] ...", "Sev1 - ...",
// "Attack path: ...", "The impact: ..." (finder 12, S10: each allowed the
// finding beside the fix).
func findingHeadingLeads(toks []token) bool {
	for k := 1; k < len(toks) && k <= 6; k++ {
		if w := toks[k].low; w == ":" || w == "-" || w == ")" || w == "]" {
			return slices.ContainsFunc(toks[:k], func(t token) bool { return reportHeadings[t.low] || problemHeadings[t.low] })
		}
	}
	return false
}

// lineOfItsOwn reports whether token k of all stands alone on its line:
// "Description\n...\nFix\nonly checkout may ...".
func lineOfItsOwn(request string, all []token, k int) bool {
	return (k == 0 || strings.Contains(request[all[k-1].end:all[k].start], "\n")) && k+1 < len(all) && strings.Contains(request[all[k].end:all[k+1].start], "\n")
}

// stillBesideBlock reports whether a clause says what pods may still do
// ("app=web may still talk to 8.8.8.8", "It should still reach app=db on
// 5432") and was read as an allow, beside another clause that denies or
// blocks: what the deny keeps, not one more allow; read as an allow, it
// made the pods' traffic an allow-list and cut off everything else.
func stillBesideBlock(toks []token, in *generator.Intent, cs []clause, intents []*generator.Intent, errs []error) bool {
	still := anyWord(toks, func(i int, w, next string) bool {
		return (modals[w] || w == "able" || w == "allowed") && next == "still" || w == "still" && (modals[next] || next == "allowed" || next == "able" || next == "be") ||
			// "... but keep app=db on 5432 reachable"
			(w == "keep" || w == "leave") && slices.ContainsFunc(toks[i+1:], func(t token) bool { return t.low == "reachable" || t.low == "open" || t.low == "working" }) ||
			// "10.0.0.0/8 stays open for app=web. Block egress from app=web
			// to 10.0.0.0/8 on port 443": "open" read as an ingress allow.
			// ("Ingress stays open only for app=lb" is asked elsewhere.)
			keptOpenVerbs[w] && next == "open" && !slices.ContainsFunc(toks, func(t token) bool { return ingressWords[t.low] || egressWords[t.low] })
	})
	if !still || !slices.ContainsFunc(in.Network, func(r generator.NetworkRule) bool { return r.Verdict == generator.Allow }) &&
		!slices.ContainsFunc(in.System, func(r generator.SystemRule) bool { return r.Action == generator.ActionAllow }) {
		return false
	}
	for j := range cs {
		// (A clause whose pods are "it" may be read with the one before.)
		if errs[j] != nil || len(cs[j].toks) == 0 || intents[j] != in && len(toks) > 0 && cs[j].toks[0].start == toks[0].start {
			continue
		}
		if slices.ContainsFunc(intents[j].Network, func(r generator.NetworkRule) bool { return r.Verdict == generator.Deny }) ||
			slices.ContainsFunc(intents[j].System, func(r generator.SystemRule) bool { return r.Action == generator.ActionBlock }) {
			return true
		}
	}
	return false
}
