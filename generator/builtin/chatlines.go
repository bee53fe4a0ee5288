package builtin

import (
	"fmt"
	"slices"
	"strings"

	"github.com/kunerva/kunerva/generator"
)

// Chat messages and README prose say, beside a rule, things that are not
// rules of this policy: a hedge ("prob /bin/sh too", "5433 too i think"), a
// plan for later ("a future version will also block /bin/sh", "in a
// follow-up"), what was tried or done before ("(tried /bin/sh too, broke
// the entrypoint)", "(v1 also blocked /bin/sh)"), a value taken back ("5433
// is gone"), a condition ("once the vpn moves"), a question without its
// mark ("should we also do /bin/sh"). Their values were read as one more
// value of the rule (h22 chat finder); these rules ask instead.

// chatHedges leave what they stand beside open, as hedgeWords do.
var chatHedges = set("prob", "probs", "prolly", "imo", "imho", "ig", "iirc", "afaik", "bonus", "idk", "dunno")

// hedgeVerbs hedge after "i": "/bin/sh too i think", "i guess".
var hedgeVerbs = set("think", "guess", "reckon", "suppose", "believe")

// planWords say that what they stand beside is for another change.
var planWords = set("future", "follow-up", "followup", "follow-ups", "separately", "afterwards", "roadmap")

// pastWords tell what was tried or done before, not what this policy does.
var pastWords = set("tried", "old", "v1", "broke", "broken", "died", "crashed")

// takenBackWords take a value back: "5433 is gone".
var takenBackWords = set("gone", "removed", "retired", "decommissioned", "obsolete", "unneeded", "unused")

// waitWords hold a rule until something happens: "once the vpn moves".
var waitWords = set("once")

// chatQuestionOpeners open a question at the start of a line: "should we
// also do /bin/sh", "what about /bin/sh", "can we also open 5433".
var chatQuestionOpeners = [][2]string{{"should", "we"}, {"can", "we"}, {"could", "we"}, {"shall", "we"}, {"do", "we"}, {"should", "i"},
	{"what", "about"}, {"how", "about"}, {"what", "abt"}, {"how", "abt"}}

// unreadChat asks about a word no rule took that sets what it stands beside
// apart from this policy's rules.
func (p *parser) unreadChat(i int) string {
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

// containerWords name one container of a pod.
var containerWords = set("sidecar", "sidecars")

// intermediaries carry traffic on to a peer: "via the egress proxy".
var intermediaries = set("proxy", "proxies", "gateway", "gateways", "pgbouncer", "bastion", "jumphost", "jump-host", "squid", "haproxy", "envoy", "nat", "relay", "tunnel", "vpn")

// lineStart reports whether the token at i opens a line after the first.
func (p *parser) lineStart(i int) bool {
	return strings.HasSuffix(strings.TrimRight(p.request[:p.toks[i].start], " \t"), "\n")
}

// chatMethods are HTTP methods as chat writes them: "GETs only", "get
// only", "POSTs".
var chatMethods = map[string]string{"gets": "GET", "posts": "POST", "puts": "PUT", "deletes": "DELETE", "patches": "PATCH", "get": "GET", "post": "POST"}

// chatSaid asks about chat words some rule took for something else: a
// method read as filler, a question without its mark read as an order, a
// correction after ", well" read as one more peer.
func (p *parser) chatSaid(in *generator.Intent) string {
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
