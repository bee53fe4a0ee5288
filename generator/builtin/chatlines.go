package builtin

import (
	"fmt"
	"slices"
	"strings"

	"k8s.io/apimachinery/pkg/util/validation"

	"github.com/kunerva/kunerva/generator"
)

// Chat messages and README prose say, beside a rule, things that are not
// rules of this policy: a hedge ("prob /bin/sh too", "5433 too i think"), a
// plan for later ("a future version will also block /bin/sh", "in a
// follow-up"), what was tried or done before ("(tried /bin/sh too, broke
// the entrypoint)", "(v1 also blocked /bin/sh)"), a value taken back ("5433
// is gone"), a condition ("once the vpn moves"), a question without its
// mark ("should we also do /bin/sh"). Their values were read as one more
// value of the rule (h22 chat finder); these rows of lineRows (lines.go)
// ask instead. Chat also says where a rule holds in few words: "block
// /bin/bash in app=web, prod only", "... on prod", "... @prod", "(-n
// staging)", "#staging ...", "... on 5432 in backend", and tells facts in
// asides: "db is in backend fwiw", "batch needs it too fwiw". Left unread,
// the place put the policy in another namespace and the aside dropped an
// exception or a peer (placeTagUnread).

// unreadChat asks about a word no rule took that sets what it stands beside
// apart from this policy's rules.
func unreadChat(p *lineReading, i int) string {
	t := p.toks[i]
	if t.kind != tWord {
		return ""
	}
	w := t.low
	switch {
	case chatHedges[w] || hedgeVerbs[w] && p.is(i-1, "i") || w == "nice" && (p.is(i-1, "be", "would", "'d") || p.is(i+1, "to")):
		j := i
		if hedgeVerbs[w] || p.is(i-1, "be", "would", "'d") {
			j = i - 1
		}
		return fmt.Sprintf("should the rule hold? %q leaves it open, and a policy either holds or does not; say the rules that should hold, without it", p.text(j, i+1))
	case planWords[w]:
		return fmt.Sprintf("is what %q stands beside a rule of this policy, or of a later change? A policy holds what it says now; say the rules it should hold, without the plan", t.raw)
	case pastWords[w] && (w != "old" || p.is(i+1, "policy", "policies", "rule", "rules", "setup", "config")):
		return fmt.Sprintf("%q says how things are or were, what you had or tried: is what it stands beside a rule of this policy? Say the rules this policy should hold, without the story", p.text(i, min(i+3, len(p.toks))))
	case takenBackWords[w]:
		return fmt.Sprintf("%q tells how things are: does it take a value back? Say the rule again with only the values it should hold", p.text(max(i-2, 0), i+1))
	case waitWords[w] && p.lineStart(i):
		return fmt.Sprintf("kunerva cannot make a rule wait for something (%q): a policy holds as soon as it is applied; ask without the condition, once the rule should hold", p.text(i, min(i+4, len(p.toks))))
	// "+app=batch", "-prod +staging", "-443 +8443": a line written as a diff.
	case len(w) > 1 && (w[0] == '+' || w[0] == '-') && (w[1] >= 'a' && w[1] <= 'z' || w[1] >= '0' && w[1] <= '9'):
		return fmt.Sprintf("does %q add or remove a value of the rule? Say the rule again in full with the values it should hold", t.raw)
	// "app=web's sidecar", "app=api's workers": a part of the pods, which a
	// policy cannot select apart from them.
	case i > 0 && p.toks[i-1].possessive && p.toks[i-1].kind == tLabel:
		return fmt.Sprintf("which of the %s pods are %q? A policy selects whole pods, every container of them; name the pods by their own labels", p.toks[i-1].raw, t.raw)
	// "the sidecar of app=web may only reach ...": one container of the
	// pods, which a network policy cannot select apart from the others.
	case containerWords[w] && !p.systemRequest:
		return fmt.Sprintf("a network policy holds for every container of the pods it selects: what does %q limit? Say the rule for the whole pods, or name other pods by their labels", t.raw)
	// "+ in-cluster app=api on 8080": "in-cluster" says where the pods run.
	case w == "in-cluster" && i+1 < len(p.toks) && p.toks[i+1].kind == tLabel:
		return fmt.Sprintf("what does %q say of the pods after it: in this namespace or in any namespace of the cluster? Say \"in namespace ...\" or \"in any namespace\"", p.text(i, min(i+2, len(p.toks))))
	}
	// "via the egress proxy", "through the pgbouncer": the traffic goes to
	// what it passes through, not straight to the peer.
	k := i - 1
	for k > 0 && (determiners[p.word(k)] || p.claim[k] == "direction-word") && !p.is(k, "via", "through", "thru") {
		k--
	}
	if p.is(k, "via", "through", "thru") && !p.is(k-1, "even") && intermediaries[w] {
		return fmt.Sprintf("which pods or addresses are %q? The traffic goes %s it, so the rule is to it, not to the peer; name it by its labels or address", p.text(k+1, i+1), p.word(k))
	}
	return ""
}

// chatSaid asks about chat words some rule took for something else: a
// method read as filler, a question without its mark read as an order, a
// correction after ", well" read as one more peer.
func chatSaid(p *lineReading, _ int) string {
	in := p.in
	network := len(in.Network) > 0 && !p.systemRequest
	noHTTP := !slices.ContainsFunc(in.Network, func(r generator.NetworkRule) bool { return len(r.HTTP) > 0 })
	for i, t := range p.toks {
		m, method := chatMethods[t.low]
		if network && noHTTP && method && (p.is(i+1, "only") || p.is(i-1, "only") || p.is(i-1, "(") && p.is(i+1, ")") || p.is(i-1, "for") && t.low != "get" && t.low != "post") && p.claim[i] != "http-method" {
			return fmt.Sprintf("do you mean only HTTP %s requests (%q)? Say \"only HTTP %s\" after the port", m, t.raw, m)
		}
		// "https only", "grpc only": a protocol no rule can require.
		if network && protocolServices[t.low] && p.is(i+1, "only") && p.is(i-1, ",", "(") && !p.taken(i) {
			return fmt.Sprintf("kunerva cannot require %s (%q): a network rule allows ports; say the rule with its port alone, or ask for HTTP rules (\"only GET /api/*\")", t.raw, p.text(i, i+2))
		}
		if p.lineStart(i) {
			for _, o := range chatQuestionOpeners {
				if p.is(i, o[0]) && p.is(i+1, o[1]) {
					return fmt.Sprintf("is %q a question? Say the rules the policy should hold, with their values", p.text(i, min(i+5, len(p.toks))))
				}
			}
		}
		// "from the world on 443, well our office 203.0.113.7": "well" puts
		// right what came before.
		if t.low == "well" && p.is(i-1, ",", "-", ";") && i+1 < len(p.toks) && p.toks[i+1].kind != tPunct {
			return fmt.Sprintf("does %q put right what comes before it, or add to it? Say the rule again with only the values it should hold", p.text(i, min(i+4, len(p.toks))))
		}
	}
	return ""
}

// eitherSaid asks about a negation closed by "either" after a rule that
// allows: "only app=api may reach app=db on 5432, db shouldn't call out
// either". "Either" says a second rule, of the pods' other traffic; read
// in the rule before it, the negation turned its allow into a deny.
func eitherSaid(p *lineReading, _ int) string {
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
			return fmt.Sprintf("%q says a rule of its own: which pods, and which traffic? Say it as a sentence of its own (\"deny all egress from the app=db pods\")", p.text(negation, k+1))
		}
	}
	return ""
}

// chatMarksSaid asks about the marks of chat that give a value a verdict
// or stress it, which no rule reads:
//   - an arrow: "audit reads of /etc/shadow in app=web, writes -> block"
//     (read as one rule, the writes took the audit), where a verdict
//     stands on each side of it;
//   - "no" before a value an allow-list names: "only /usr/bin/node may run
//     in app=web, no /bin/sh" (the shell forbidden joined the allow-list).
func chatMarksSaid(p *lineReading, _ int) string {
	in := p.in
	allowList := slices.ContainsFunc(in.System, func(r generator.SystemRule) bool { return r.Action == "Allow" })
	for k, t := range p.toks {
		next := k+1 < len(p.toks) && (p.toks[k+1].kind != tWord && p.toks[k+1].kind != tPunct || lineValueClaims[p.claim[k+1]])
		switch {
		case arrowMarks[t.low] && (p.claim[k] == "no-meaning" || p.claim[k] == "" || p.claim[k] == "filler") && verdictAt(p.parser, 0, k) && verdictAt(p.parser, k+1, len(p.toks)):
			return fmt.Sprintf("what does %q say in %q: another verdict for what it points from? Say each verdict in a sentence of its own (\"audit reads of /etc/shadow. Block writes to /etc/shadow.\")", t.raw, p.text(max(k-1, 0), min(k+2, len(p.toks))))
		case allowList && (t.low == "no" || t.low == "not" || t.low == "never") && next:
			return fmt.Sprintf("does %q leave %s out of the allow-list, or block it? The allow-list blocks what it does not name; leave %s out, or say \"block %s\" in a sentence of its own", p.text(k, k+2), p.toks[k+1].raw, p.toks[k+1].raw, p.toks[k+1].raw)
		}
	}
	return ""
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

// placeTagUnread asks about the unread word at i when it may be the place
// the rule is for, or lies in a chat aside beside the rule.
func placeTagUnread(p *lineReading, i int) string {
	t := p.toks[i]
	if t.kind != tWord {
		return ""
	}
	w := strings.TrimLeft(t.low, "#@")
	// "(internal network, staging only)": a gloss in brackets is asked
	// about elsewhere.
	if p.bracketed(i) && !p.is(i-1, "-n", "--namespace") {
		return ""
	}
	last := i+1 == len(p.toks) || p.toks[i+1].kind == tPunct || chatAsideMarkers[p.word(i+1)]
	place := w != p.opts.Namespace && len(validation.IsDNS1123Label(w)) == 0 &&
		(w != t.low && (stageNamespaces[w] || last && strings.HasPrefix(t.low, "@")) || // "#staging", "... @prod" (not "@alice, should we ...")
			stageNamespaces[w] && (p.is(i-1, "on", "-n", "--namespace") || // "on prod", "(-n staging)"
				p.is(i-1, ",") && p.is(i+1, "only") && (i+2 == len(p.toks) || p.toks[i+2].kind == tPunct)) || // ", prod only"
			p.is(i-1, "-n", "--namespace") ||
			// "on 5432 in backend", "db is in backend": after a port, or
			// said of a name, "in" gives a place.
			p.is(i-1, "in", "inside", "within") && i > 1 && (p.toks[i-2].kind == tNumber && p.claim[i-2] == "port" || p.is(i-2, "is", "are", "lives", "live", "runs", "run", "sits")) && last &&
				!fillerWords[w] && !determiners[w] && !prepositions[w])
	if place {
		return fmt.Sprintf("is %q the namespace of the pods? Say \"in namespace %s\" beside the pods it holds for, or leave it out", t.raw, w)
	}
	if t.low == "-n" || t.low == "--namespace" {
		return fmt.Sprintf("is the word after %q the namespace of the pods? Say \"in namespace NAME\" beside the pods it holds for", t.raw)
	}
	// The chat aside the word stands in: from the comma before it to the
	// end of the clause, with a marker of a remark.
	k := i
	for k > 0 && !p.is(k-1, ",", ";", "(", "-", "—") {
		k--
	}
	if k == 0 {
		return ""
	}
	for j := k; j < len(p.toks) && !p.is(j, ",", ";", ")"); j++ {
		if chatAsideMarkers[p.word(j)] && j != i {
			end := j + 1
			for end < len(p.toks) && !p.is(end, ",", ";", ")", ".") {
				end++
			}
			return fmt.Sprintf("what does the remark %q change? The rule does not read %q; say it in the rule (a peer, a port, an exception), or leave the remark out", p.text(k, end), t.raw)
		}
	}
	return ""
}
