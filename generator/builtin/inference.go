package builtin

import (
	"slices"
	"strings"

	"github.com/kunerva/kunerva/generator"
)

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
