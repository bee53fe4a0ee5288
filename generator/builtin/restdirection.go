package builtin

import (
	"slices"
	"strings"

	"github.com/kunerva/kunerva/generator"
)

// restatedDirection reports whether a clause only says again, of the allow
// rules before it, that the traffic of their direction is limited to what
// they allow: "the conductor pods only need the kube-apiserver, on 443.
// Restrict their egress to that.", "Limit its outbound traffic to just
// those." An allow rule already limits its direction to what it names.
// Every rule before must allow that direction; "restrict their ingress to
// that" after egress rules says something else, and is left to the rules
// after.
func restatedDirection(toks []token, before []*generator.Intent) bool {
	n := 0
	for n < len(toks) && (toks[n].low == "please" || toks[n].low == "so" || toks[n].low == "then" || toks[n].low == "and") {
		n++
	}
	if n+3 >= len(toks) || !restrictVerbs[toks[n].low] || toks[n+1].low != "their" && toks[n+1].low != "its" && toks[n+1].low != "the" {
		return false
	}
	dir, k, ok := directionAt(toks, n+2)
	if !ok || k >= len(toks) || toks[k].low != "to" {
		return false
	}
	k++
	for k < len(toks) && (toks[k].low == "just" || toks[k].low == "only" || toks[k].low == "exactly") {
		k++
	}
	if k >= len(toks) || !pointers[toks[k].low] || !punctOnly(toks[k+1:]) {
		return false
	}
	return onlyRules(before, func(r generator.NetworkRule) bool { return r.Verdict == generator.Allow && r.Direction == dir })
}

// directionAt reads a word of direction at k, and "traffic" or
// "connections" after it: "egress", "inbound traffic". It returns the
// direction and where the words end.
func directionAt(toks []token, k int) (generator.Direction, int, bool) {
	if k >= len(toks) {
		return "", k, false
	}
	var dir generator.Direction
	switch {
	case ingressWords[toks[k].low]:
		dir = generator.Ingress
	case egressWords[toks[k].low]:
		dir = generator.Egress
	default:
		return "", k, false
	}
	k++
	if k < len(toks) && (toks[k].low == "traffic" || toks[k].low == "connections") {
		k++
	}
	return dir, k, true
}

// punctOnly reports whether toks hold nothing but punctuation.
func punctOnly(toks []token) bool {
	return !slices.ContainsFunc(toks, func(t token) bool { return t.kind != tPunct })
}

// onlyRules reports whether the intents before hold network rules, and
// only rules that ok accepts (no system rules).
func onlyRules(before []*generator.Intent, ok func(generator.NetworkRule) bool) bool {
	rules := 0
	for _, in := range before {
		for _, x := range append([]*generator.Intent{in}, in.Others...) {
			if len(x.System) > 0 {
				return false
			}
			for _, r := range x.Network {
				if !ok(r) {
					return false
				}
				rules++
			}
		}
	}
	return rules > 0
}

// leftOpenWords say that traffic stays as it is: "Egress stays
// unrestricted", "outbound traffic remains open", "ingress is left alone".
var leftOpenWords = set("unrestricted", "open", "untouched", "unlimited", "unchanged", "alone", "unfiltered")

// otherDirectionOpen reports whether a clause only says of the direction
// no rule before it is about that it stays as it is: "All incoming traffic
// to app=api is denied. Egress stays unrestricted.", "Outbound traffic
// remains open.", "Ingress is left alone." A policy leaves a direction it
// has no rule for as it is. Every rule before must be of the other
// direction, so that "Egress stays unrestricted" beside an egress rule
// (which it contradicts) is left to be asked about; no value, "only",
// "except" or "but" may stand in it.
func otherDirectionOpen(toks []token, before []*generator.Intent) bool {
	k := 0
	if k < len(toks) && (toks[k].low == "the" || toks[k].low == "all" || toks[k].low == "their" || toks[k].low == "its") {
		k++
	}
	dir, k, ok := directionAt(toks, k)
	if !ok {
		return false
	}
	// "stays", "remains", "is left", "will stay", "is kept"
	for k < len(toks) && (toks[k].low == "will" || toks[k].low == "should" || toks[k].low == "can") {
		k++
	}
	if k >= len(toks) || !stayVerbs[toks[k].low] {
		return false
	}
	k++
	if k < len(toks) && (toks[k].low == "left" || toks[k].low == "kept") {
		k++
	}
	if k < len(toks) && (toks[k].low == "fully" || toks[k].low == "completely" || toks[k].low == "entirely") {
		k++
	}
	if k >= len(toks) || !leftOpenWords[toks[k].low] || !punctOnly(toks[k+1:]) {
		return false
	}
	if slices.ContainsFunc(before, func(in *generator.Intent) bool { return slices.Contains(in.NoDefaultDeny, dir) }) {
		return false
	}
	return onlyRules(before, func(r generator.NetworkRule) bool { return r.Direction != dir })
}

// stayVerbs say that traffic stays as it is: "stays", "remains", "is left".
var stayVerbs = set("stays", "stay", "remains", "remain", "is", "are", "gets", "get", "keeps", "keep")

// storyAdverbs may stand beside a reach that a story says never happens:
// "should never talk to the database directly".
var storyAdverbs = set("directly", "ever", "at", "all", "itself", "themselves", "be", "able")

// storyConditions limit what a sentence says, so that the allow-list no
// longer says it all: "must not reach the cache until Friday".
var storyConditions = set("until", "till", "unless", "when", "whenever", "if", "while", "after", "before", "during", "since", "yet", "now", "today", "tomorrow", "anymore", "again", "outside", "besides", "other", "else")

// leftOutByAllowList reports whether a clause only says that the pods an
// egress allow-list is for must not reach something the allow-list does
// not name: "it should never talk to the database directly" beside
// "Restrict the app=frontend pods so that their only outbound traffic is to
// app=backend pods". Its subject is a pronoun, a pod noun or a word of the
// allow-list's pods; a modal, a negation, a verb of reaching, and a peer
// in words alone, none of which the allow-list names (else the two
// contradict), follow. The allow-list says "only", sends and never
// receives, denies or isolates; or it allows egress to 0.0.0.0/0 except
// the metadata address, and the peer is the metadata service ("pods in the
// EKS cluster shouldn't be able to hit the instance metadata endpoint").
// A heading before a colon ("Task from our security team:") may open it.
func leftOutByAllowList(toks, allowList []token) bool {
	metadata := metadataExcepted(allowList)
	if hasValue(toks) || !egressAllowList(allowList) && !metadata {
		return false
	}
	said := func(w string) bool {
		return slices.ContainsFunc(allowList, func(t token) bool {
			return t.low == w || t.kind == tLabel && strings.HasSuffix(t.low, "="+w)
		})
	}
	i := 0
	if c := slices.IndexFunc(toks, func(t token) bool { return t.low == ":" }); c > 0 && wordsOnly(toks[:c]) {
		i = c + 1 // "Task from our security team: pods in the EKS cluster shouldn't ..."
	}
	if b := slices.IndexFunc(toks, func(t token) bool { return t.low == "but" }); b >= i && (b == i || allowedNeed(toks[i:b], said)) {
		i = b + 1 // "A frontend might need the backend API but it should never ..."
	}
	subject := false
	for ; i < len(toks) && !modals[toks[i].low] && !negationWords[toks[i].low]; i++ {
		w := toks[i].low
		switch {
		case pronouns[w] || podNouns[w] && !said(w):
			subject = true
		case determiners[w]:
		case toks[i].kind == tWord && said(w) && !meaningWords[w] && !prepositions[w]:
			subject = true
		case w == "in" && subject && clusterPlace(toks[i+1:]) > 0:
			i += clusterPlace(toks[i+1:]) // "pods in the EKS cluster"
		default:
			return false
		}
	}
	if !subject {
		return false
	}
	if i < len(toks) && modals[toks[i].low] {
		i++
	}
	if i >= len(toks) || !negationWords[toks[i].low] || toks[i].low == "no" {
		return false
	}
	for i++; i < len(toks) && (storyAdverbs[toks[i].low] || toks[i].low == "to" && i+1 < len(toks) && reachVerbs[toks[i+1].low]); i++ {
	}
	if i >= len(toks) || !reachVerbs[toks[i].low] || toks[i].low == "open" || toks[i].low == "use" {
		return false
	}
	i++
	if i < len(toks) && toks[i].low == "to" {
		i++
	}
	peer, ended := 0, false
	for ; i < len(toks); i++ {
		w := toks[i].low
		switch {
		case storyAdverbs[w] || w == ".":
			ended = peer > 0
		case determiners[w] && w != "all" && w != "any" && w != "every" && w != "each" && peer == 0:
		case toks[i].kind == tWord && !ended && !storyConditions[w] && !said(w) && !meaningWords[w] && !negationWords[w] && !modals[w] && !allowWords[w] && !denyWords[w] &&
			!namespaceWords[w] && !prepositions[w] && !ingressWords[w] && !egressWords[w] && w != "only" && w != "except" && w != "but" && w != "unless" && w != "and" && w != "or":
			peer++
		default:
			return false
		}
	}
	return peer > 0 && peer <= 3 && (!metadata || slices.ContainsFunc(toks, func(t token) bool { return metadataWords[t.low] }))
}

// clusterPlace is how many words name the cluster pods are in, as the
// world a story is set in: "the EKS cluster", "our cluster"; or 0.
func clusterPlace(toks []token) int {
	for n := 0; n < len(toks) && n < 4; n++ {
		if toks[n].low == "cluster" {
			return n + 1
		}
		if toks[n].kind != tWord || meaningWords[toks[n].low] || namespaceWords[toks[n].low] || modals[toks[n].low] || negationWords[toks[n].low] {
			return 0
		}
	}
	return 0
}

// metadataExcepted reports whether a clause allows egress to everything but
// the cloud's metadata address: "allow egress to 0.0.0.0/0 except
// 169.254.169.254/32". Beside it, "shouldn't be able to hit the instance
// metadata endpoint" says what the exception is for.
func metadataExcepted(toks []token) bool {
	e := slices.IndexFunc(toks, func(t token) bool { return t.low == "except" })
	return e > 0 && hasWord(toks, "0.0.0.0/0") && slices.ContainsFunc(toks[e:], func(t token) bool {
		return t.kind == tCIDR && (t.low == "169.254.169.254" || t.low == "169.254.169.254/32")
	}) && slices.ContainsFunc(toks, func(t token) bool { return egressWords[t.low] || allowWords[t.low] }) &&
		!slices.ContainsFunc(toks, func(t token) bool {
			return denyWords[t.low] || isolateWords[t.low] || ingressWords[t.low] || t.low == "from"
		})
}

// grantedVerbs say what pods need, which an allow-list grants.
var grantedVerbs = set("need", "needs", "use", "uses", "call", "calls", "reach", "reaches")

// allowedNeed reports whether toks only concede what the allow-list grants:
// "A frontend might need the backend API", every word a determiner, a pod
// noun, "API", a modal, a verb of needing or a word said by the allow-list.
func allowedNeed(toks []token, said func(string) bool) bool {
	need := false
	for _, t := range toks {
		w := t.low
		switch {
		case grantedVerbs[w]:
			need = true
		case determiners[w] || podNouns[w] || w == "api" || w == "apis" || w == "might" || w == "may" || w == "can" || w == "will":
		case t.kind == tWord && said(w) && !meaningWords[w]:
		default:
			return false
		}
	}
	return need
}

// egressAllowList reports whether a clause is an allow-list of what the
// pods send: "only", traffic to peers, never from them, and no denial.
func egressAllowList(toks []token) bool {
	return hasWord(toks, "only") && slices.ContainsFunc(toks, func(t token) bool { return t.low == "to" || reachVerbs[t.low] || egressWords[t.low] }) &&
		!slices.ContainsFunc(toks, func(t token) bool {
			return ingressWords[t.low] || t.low == "from" || receiveVerbs[t.low] || denyWords[t.low] || isolateWords[t.low] || t.low == "except" || t.low == "unless"
		})
}
