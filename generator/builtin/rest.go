package builtin

import (
	"cmp"
	"slices"
)

// allowListRest restate that an allow-list denies the rest.
var allowListRest = append([][]string{
	{"and", "nothing", "else"}, {"nothing", "else"}, {"and", "nothing", "more"}, {"nothing", "more"}, {"and", "no", "one", "else"}, {"no", "one", "else"}, {"nobody", "else"}, {"and", "no", "other", "traffic"},
	{"no", "other", "traffic"}, {"everything", "else", "is", "denied"}, {"everything", "else", "is", "blocked"}, {"everything", "else", "is", "dropped"},
	{"everything", "else", "denied"}, {"everything", "else", "blocked"}, {"all", "other", "traffic", "is", "denied"}, {"all", "other", "traffic", "is", "blocked"},
	{"all", "other", "traffic", "is", "dropped"}, {"all", "other", "traffic", "denied"}, {"all", "other", "traffic", "blocked"},
	{"deny", "everything", "else"}, {"block", "everything", "else"}, {"drop", "everything", "else"}, {"deny", "all", "other", "traffic"},
	{"block", "all", "other", "traffic"}, {"deny", "the", "rest"}, {"block", "the", "rest"}, {"and", "deny", "the", "rest"}, {"and", "block", "the", "rest"},
	{"and", "nothing", "on", "any", "other", "port"}, {"nothing", "on", "any", "other", "port"}, {"and", "nothing", "on", "other", "ports"}, {"nothing", "on", "other", "ports"},
	{"and", "that's", "it"}, {"that's", "it"}, {"and", "that's", "all"}, {"that's", "all"}, {"anything", "else", "is", "denied"}, {"anything", "else", "is", "blocked"}, {"anything", "else", "should", "be", "denied"}, {"anything", "else", "should", "be", "blocked"},
	{"everything", "else", "should", "be", "denied"}, {"everything", "else", "should", "be", "blocked"}, {"all", "other", "traffic", "should", "be", "denied"},
	{"all", "other", "traffic", "should", "be", "blocked"}, {"all", "other", "ingress", "is", "denied"}, {"all", "other", "egress", "is", "denied"},
	// "may talk to anything inside the cluster and to nothing outside of
	// it", "takes connections from inside this cluster and nothing from outside"
	{"and", "to", "nothing", "outside", "of", "it"}, {"and", "to", "nothing", "outside", "it"}, {"and", "to", "nothing", "outside"}, {"and", "nothing", "outside", "of", "it"},
	{"and", "nothing", "from", "outside", "of", "it"}, {"and", "nothing", "from", "outside", "the", "cluster"}, {"and", "nothing", "from", "outside"}, {"nothing", "from", "outside"},
	// "may send egress to api.partner.example.com and nowhere else"
	{"and", "nowhere", "else"}, {"nowhere", "else"},
}, slices.Concat(restDenials(), noOtherRests())...)

// phraseTrie holds a table of phrases word by word: ends lists the table
// indexes of the phrases that end at a node.
type phraseTrie struct {
	next map[string]*phraseTrie
	ends []int
}

func newPhraseTrie(phrases [][]string) *phraseTrie {
	root := &phraseTrie{}
	for n, ph := range phrases {
		t := root
		for _, w := range ph {
			if t.next == nil {
				t.next = map[string]*phraseTrie{}
			}
			if t.next[w] == nil {
				t.next[w] = &phraseTrie{}
			}
			t = t.next[w]
		}
		t.ends = append(t.ends, n)
	}
	return root
}

// phraseHit is one phrase of a table found at a token.
type phraseHit struct{ n, at int }

// find returns every place a phrase of the trie stands in the clause, by
// its words alone (whether they are taken is for the caller), in table
// order, then in the order of the clause.
func (t *phraseTrie) find(p *parser) []phraseHit {
	var found []phraseHit
	for i := range p.toks {
		node := t
		for k := i; k < len(p.toks) && node != nil; k++ {
			if node = node.next[p.word(k)]; node != nil {
				for _, n := range node.ends {
					found = append(found, phraseHit{n, i})
				}
			}
		}
	}
	slices.SortFunc(found, func(a, b phraseHit) int { return cmp.Or(a.n-b.n, a.at-b.at) })
	return found
}

// allowListRestTrie holds allowListRest, which is long (restDenials spells
// thousands of phrases): a clause is matched against it once, not phrase by
// phrase.
var allowListRestTrie = newPhraseTrie(allowListRest)

// restPhrases returns the phrases of allowListRest that stand in the
// clause, in table order (an earlier phrase claims its words first).
func (p *parser) restPhrases() [][]string {
	var phs [][]string
	found := allowListRestTrie.find(p)
	for k, f := range found {
		if k == 0 || f.n != found[k-1].n {
			phs = append(phs, allowListRest[f.n])
		}
	}
	return phs
}

// restDenials spell, from word classes, a deny of the rest an allow-list
// leaves: an order ("to block all other outgoing traffic", "drop every
// other connection", "reject anything else inbound", "close all other
// ports") or a passive ("all other egress gets dropped", "every other
// destination should be refused", "all other ports stay closed"). Said beside the peers a rule names, it makes them an
// allow-list; said alone, the rest has nothing to be the rest of.
func restDenials() [][]string {
	verbs := []string{"deny", "block", "drop", "reject", "refuse", "forbid", "disallow", "prohibit", "close"}
	participles := []string{"denied", "blocked", "dropped", "rejected", "refused", "forbidden", "disallowed", "prohibited", "closed"}
	be := [][]string{{"is"}, {"are"}, {"gets"}, {"get"}, {"should", "be"}, {"must", "be"}, {"will", "be"}, {"has", "to", "be"}, {"is", "to", "be"},
		{"stay"}, {"stays"}, {"remain"}, {"remains"}}
	dirs := []string{"outgoing", "incoming", "outbound", "inbound", "egress", "ingress"}
	nouns := []string{"traffic", "connections", "destinations", "sources", "flows", "egress", "ingress", "destination", "source", "connection", "flow", "ports"}
	var rests [][]string
	for _, who := range [][]string{{"all", "other"}, {"every", "other"}, {"any", "other"}} {
		for _, n := range nouns {
			rests = append(rests, append(slices.Clone(who), n))
			for _, d := range dirs[:4] {
				rests = append(rests, append(slices.Clone(who), d, n))
			}
		}
	}
	// "allow them to the WebGUI ports, deny everyone else": the peers
	// not named, as "everything else" says of traffic.
	for _, who := range [][]string{{"everything", "else"}, {"anything", "else"}, {"the", "rest"}, {"everyone", "else"}, {"everybody", "else"}, {"anyone", "else"}, {"anybody", "else"}} {
		rests = append(rests, who)
		for _, d := range dirs {
			rests = append(rests, append(slices.Clone(who), d))
		}
	}
	var out [][]string
	for _, r := range rests {
		for _, v := range verbs {
			out = append(out, append([]string{v}, r...))
		}
		for _, b := range be {
			for _, pt := range participles {
				out = append(out, append(append(slices.Clone(r), b...), pt))
			}
		}
	}
	return out
}

// noOtherRests spell the rest an allow-list leaves said with "no other":
// "and no other incoming traffic", "no other ingress", "and no other
// outbound connections", "and no other pods", "and from no other pods".
func noOtherRests() [][]string {
	var out [][]string
	for _, and := range [][]string{{"and"}, nil} {
		start := append(slices.Clone(and), "no", "other")
		out = append(out, append(slices.Clone(start), "ingress"), append(slices.Clone(start), "egress"))
		// "may only reach app=api on 8080 and no other pods", "accept
		// 8080 from app=web and from no other pods", ", no other
		// destinations": the peers the allow-list leaves out.
		for _, n := range []string{"pods", "destinations", "sources", "peers", "clients", "callers", "addresses", "ports", "pod", "destination", "source", "peer", "client"} {
			out = append(out, append(slices.Clone(start), n))
			for _, prep := range []string{"from", "to"} {
				out = append(out, append(append(slices.Clone(and), prep, "no", "other"), n))
			}
		}
		for _, n := range []string{"traffic", "connections", "flows"} {
			for _, d := range []string{"outgoing", "incoming", "outbound", "inbound", "ingress", "egress"} {
				out = append(out, append(slices.Clone(start), d, n))
			}
		}
	}
	return out
}

// takeRest claims the rest an allow-list leaves, from i to j. A word of
// direction in it ("to block all other outgoing traffic") is left to say
// the direction of the allow-list when the clause says none elsewhere.
func (p *parser) takeRest(i, j int) *mark {
	dirAt := func(k int) bool { return ingressWords[p.word(k)] || egressWords[p.word(k)] }
	elsewhere := false
	for k := range p.toks {
		elsewhere = elsewhere || (k < i || k >= j) && dirAt(k)
	}
	for k := i; k < j; k++ {
		if elsewhere || !dirAt(k) {
			p.take(k, k+1, "allow-list-rest")
		}
	}
	return &mark{start: i, end: j, rule: "allow-list-rest"}
}

// restNarrowed reports whether a value follows the rest an allow-list
// leaves, before the next punctuation or "and"/"but": "and block everything
// else on port 22" blocks traffic of its own, not only the rest, and is
// no restatement of the allow-list.
func (p *parser) restNarrowed(k int) bool {
	for ; k < len(p.toks) && p.toks[k].kind != tPunct && !p.is(k, "and", "but"); k++ {
		if p.toks[k].kind != tWord {
			return true
		}
	}
	return false
}

// notDestinedFor is the end of "that isn't destined for", "which is not
// going to", "that aren't headed to" at i, or -1.
func (p *parser) notDestinedFor(i int) int {
	if !p.is(i, "that", "which") {
		return -1
	}
	k := i + 1
	switch {
	case p.is(k, "isn't", "aren't"):
		k++
	case p.is(k, "is", "are") && p.is(k+1, "not"):
		k += 2
	default:
		return -1
	}
	if !p.is(k, "destined", "going", "headed", "bound", "addressed", "sent") || !p.is(k+1, "for", "to") {
		return -1
	}
	return k + 2
}

// denyAllAfterAllow claims "deny 0.0.0.0/0" (or "then Deny 0.0.0.0/0",
// "::/0") that ends a clause after an allow of named values, as firewall
// rules are written in order: "allow 172.30.0.0/16 on TCP 443, deny
// 0.0.0.0/0", "Allow 10.0.0.0/16 then Deny 0.0.0.0/0". The deny of every
// address after the allow is the rest an allow-list denies; read as a
// deny beside the allow, the request both allowed and denied. A deny of
// anything narrower ("allow X, deny 10.0.0.0/8") stays two verdicts.
func (p *parser) denyAllAfterAllow() {
	for d := 2; d+1 < len(p.toks); d++ {
		if !denyWords[p.word(d)] || negationWords[p.word(d)] || p.taken(d) || !p.is(d+1, "0.0.0.0/0", "::/0") || p.taken(d+1) || !p.clauseEndAt(d+2) {
			continue
		}
		b := d - 1
		if p.is(b, "then", "and") {
			b--
		}
		if !p.is(b, ",", ";") && b == d-1 {
			continue
		}
		// An allow verb before it, with a value of its own between.
		for a := b - 1; a >= 0; a-- {
			if !allowVerbs[p.word(a)] || p.taken(a) || negationWords[p.word(a-1)] {
				continue
			}
			if slices.ContainsFunc(p.toks[a+1:b+1], isValue) {
				m := p.take(d, d+2, "allow-list-rest")
				if p.is(d-1, "then", "and") {
					p.take(d-1, d, "allow-list-rest")
				}
				if p.restMark == nil {
					p.restMark = m
				}
			}
			break
		}
	}
}

// notAllowedRest claims, before an "only" that names what is allowed, "X
// should not be able to connect to anything that isn't explicitly allowed -
// only Y": the negation and the rest it denies say the allow-list again.
func (p *parser) notAllowedRest() {
	only := p.index("only")
	for i := range p.toks {
		if !p.is(i, "anything", "everything") || p.taken(i) || !p.is(i+1, "that", "which") || only < i {
			continue
		}
		k := i + 2
		switch {
		case p.is(k, "isn't", "aren't", "wasn't"):
			k++
		case p.is(k, "is", "are", "was") && p.is(k+1, "not"):
			k += 2
		default:
			continue
		}
		if p.is(k, "explicitly", "specifically", "expressly") {
			k++
		}
		if !p.is(k, "allowed", "permitted", "listed", "allowlisted", "whitelisted", "named") || !p.is(k+1, "-", ":", ",") || only != k+2 && !(only == k+3 && p.is(k+1, ",", "-", ":")) {
			continue
		}
		// the negation before the verb: "should not be able to", "must not", "cannot"
		n := -1
		for b := i - 1; b >= 0 && b >= i-8; b-- {
			if p.is(b, "not", "never", "cannot", "can't", "mustn't", "shouldn't") {
				n = b
				break
			}
		}
		if n < 0 {
			continue
		}
		e := n + 1
		for p.is(e, "be", "able", "allowed", "permitted", "to") {
			e++
		}
		if !reachVerbs[p.word(e)] && !receiveVerbs[p.word(e)] && !p.is(e, "connect", "talk") {
			continue
		}
		start := n
		if p.is(n-1, "should", "must", "may", "can", "will") {
			start = n - 1
		}
		m := p.take(start, e, "allow-list-rest")
		p.take(i, k+2, "allow-list-rest")
		if p.restMark == nil {
			p.restMark = m
		}
		return
	}
}

// otherPolicyVerbs say that another policy lets traffic through: "unless
// another policy allows it", "... lets it in", "... admits it", "...
// opens them up".
var otherPolicyVerbs = set("allows", "allow", "permits", "permit", "opens", "open", "lets", "let", "admits", "admit", "whitelists", "whitelist", "allowlists", "allowlist")

// clauseEndAt reports whether i is the clause's end or a mark.
func (p *parser) clauseEndAt(i int) bool {
	return i >= len(p.toks) || p.toks[i].kind == tPunct && p.toks[i].low != "(" && p.toks[i].low != ")"
}

// restMarkers open what an allow-list says about the rest: "any other
// path", "every other egress of theirs", "anywhere else".
var restMarkers = set("other", "else", "rest", "remaining", "elsewhere")

// restSpans claims the spans that say the rest is denied, from a marker
// to the deny word ("all other inbound traffic gets dropped", "requests
// to any other path end up denied", "but not from anywhere else"), with no
// value and no allow word between.
func (p *parser) restSpans() {
	for i := range p.toks {
		if p.taken(i) || !restMarkers[p.word(i)] {
			continue
		}
		start := i
		for start > 0 && (determiners[p.word(start-1)] || p.is(start-1, "anywhere", "everything", "anything", "everyone", "anyone", "nobody", "no", "all")) && !p.taken(start-1) {
			start--
		}
		// "..., but not from anywhere else": the negation before it says it.
		// Not "not from other api pods": a name after the marker picks
		// some pods, which the allow-list may name itself.
		if k := start - 1; p.is(k, "from") && p.is(k-1, "not") && !p.taken(k-1) && !p.namedAfterRest(i) {
			m := p.take(k-1, i+1, "allow-list-rest")
			if p.restMark == nil {
				p.restMark = m
			}
			if p.is(k-2, "but") {
				p.take(k-2, k-1, "allow-list-rest")
			}
			continue
		}
		// "only reach *.example.com, block all other outgoing traffic": the
		// deny verb before the marker, the traffic after it.
		if d := start - 1; d >= 0 && denyWords[p.word(d)] && !negationWords[p.word(d)] && !p.taken(d) && p.is(start, "all", "any", "every") {
			e := i + 1
			for ingressWords[p.word(e)] || egressWords[p.word(e)] {
				e++
			}
			if p.is(e, "traffic", "connections", "requests", "ports", "port") && (p.mentions("only") || p.hasAny(allowWords)) {
				// The direction words stay for the direction to read.
				m := p.take(d, i+1, "allow-list-rest")
				p.take(e, e+1, "allow-list-rest")
				if p.restMark == nil {
					p.restMark = m
				}
				continue
			}
		}
		for j := i + 1; j < len(p.toks) && j <= i+12; j++ {
			t := p.toks[j]
			if t.kind != tWord && t.kind != tPunct || allowWords[t.low] && t.low != "can" && t.low != "may" || t.low == ";" || t.low == "." {
				break
			}
			if denyWords[t.low] && t.low != "not" && t.low != "no" || isolateWords[t.low] {
				m := p.take(start, j+1, "allow-list-rest")
				if p.restMark == nil {
					p.restMark = m
				}
				break
			}
		}
	}
}

// restIncludes name, after the rest an allow-list denies, some of what it
// denies: "everything else is rejected, including from app=admin", "the
// rest is blocked, even 10.0.0.0/8".
var restIncludes = set("including", "incl.", "incl", "even", "especially", "particularly", "notably", "like")

// restNamed returns the span of a value named after the rest an
// allow-list denies as part of that rest ("; everything else is blocked,
// including 10.0.0.0/8", "the rest is dropped, 10.0.0.0/8 too"), or nil.
// Read as a peer of the clause, it was allowed on every port: the verdict
// flipped.
func (p *parser) restNamed() *mark {
	for i := range p.toks {
		if p.claim[i] != "allow-list-rest" || i+1 < len(p.toks) && p.claim[i+1] == "allow-list-rest" {
			continue
		}
		k := i + 1
		for ingressWords[p.word(k)] || egressWords[p.word(k)] || p.is(k, ",", "(", "-", "–", "—") {
			k++
		}
		marked := false
		if n := p.exampleAt(k); n > 0 || restIncludes[p.word(k)] {
			marked = true
			k += max(n, 1)
			for p.is(k, "from", "to", "traffic", "the", "on", "port", "ports", "connections", "any", "anything") {
				k++
			}
		}
		if k >= len(p.toks) || !isValue(p.toks[k]) {
			continue
		}
		e := k + 1
		if marked || p.is(e, "included", "too", "especially") || p.is(e, "in") && p.is(e+1, "particular") || p.is(e, "as") && p.is(e+1, "well") {
			return &mark{i + 1, e, "rest-named"}
		}
	}
	return nil
}

// restMarkerNouns are the plain nouns a rest marker may stand before,
// beside the pod nouns and those of an allow-list's entries
// (listedPeerNouns) and of traffic (restNouns): "not from other pods", "no
// other sources".
var restMarkerNouns = set("places", "place", "namespaces", "namespace", "clients", "client", "callers", "caller", "peers", "peer",
	"workloads", "workload", "services", "service", "host", "destinations", "ones", "one")

// namedAfterRest reports whether the words after the rest marker at i name
// something before a noun: "other api pods", not "other pods" or
// "anywhere else".
func (p *parser) namedAfterRest(i int) bool {
	t := p.tok(i + 1)
	return t != nil && t.kind == tWord && !podNouns[t.low] && !restMarkerNouns[t.low] && !listedPeerNouns[t.low] && !restNouns[t.low] && !fillerWords[t.low]
}
