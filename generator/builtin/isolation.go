package builtin

import (
	"fmt"
	"net/netip"
	"slices"
	"strings"

	"github.com/kunerva/kunerva/generator"
)

// countNames count the things "all" stands for, from two: "block all three".
var countNames = []string{"two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"}

var countWords = set(countNames...)

// isolatePhrases say "deny everything in a direction".
var isolatePhrases = [][]string{
	{"but", "allow", "no"}, {"but", "allow", "nothing"},
	{"default", "deny"}, {"lock", "down"}, {"locked", "down"}, {"deny", "all"}, {"block", "all"}, {"drop", "all"}, {"deny", "everything"},
	{"block", "everything"}, {"drop", "everything"}, {"reject", "all"}, {"no", "ingress"}, {"no", "egress"}, {"nothing", "may"}, {"nothing", "can"},
	{"deny", "any"}, {"block", "any"}, {"zero", "trust"}, {"cut", "off"}, {"nothing", "gets", "in"}, {"nothing", "gets", "out"}, {"nothing", "gets", "through"}, {"nothing", "gets", "into"}, {"not", "receive", "any"}, {"not", "accept", "any"},
	{"not", "send", "any"}, {"allow", "no"}, {"allows", "no"}, {"allow", "nothing"}, {"allows", "nothing"}, {"prevent", "all"}, {"disallow", "all"},
	{"deny", "by", "default"}, {"block", "by", "default"}, {"dropped", "by", "default"}, {"denied", "by", "default"}, {"blocked", "by", "default"}, {"nothing", "gets", "in"}, {"nothing", "gets", "out"}, {"no", "traffic"}, {"no", "incoming"},
	{"no", "outgoing"}, {"no", "inbound"}, {"no", "outbound"}, {"refuse", "all"}, {"shut", "off"}, {"forbid", "all"},
	// "block every egress besides the apiserver": every one of a direction.
	{"block", "every", "egress"}, {"block", "every", "ingress"}, {"deny", "every", "egress"}, {"deny", "every", "ingress"}, {"drop", "every", "egress"}, {"drop", "every", "ingress"},
	// "It blocks all ingress and egress", said of a default deny.
	{"blocks", "all"}, {"denies", "all"}, {"drops", "all"},
	// "nothing in from anywhere, nothing out towards anywhere"
	{"nothing", "in", "from", "anywhere"}, {"nothing", "out", "to", "anywhere"}, {"nothing", "out", "towards", "anywhere"},
}

// storyMarks say that a request tells how things are or went, not what
// should be: "since the rollout the pods get nothing in", "they get
// nothing out now", "can we let ... ?".
var storyMarks = set("since", "after", "now", "currently", "anymore", "longer", "suddenly", "stopped", "broke", "broken", "landed", "went", "rollout", "?", "today")

// getsNothing claims "gets nothing" before "in" or "out", an isolation
// whose particle says the way (explicitDirection): "by default every pod
// in app gets nothing in and nothing out". In a request that tells a
// story ("since the CNP rollout the pods get nothing in"), it says what
// broke, and stays a question.
func (p *parser) getsNothing() {
	if slices.ContainsFunc(p.all, func(t token) bool { return storyMarks[t.low] }) {
		return
	}
	for i := range p.toks {
		if p.is(i, "gets", "get", "getting") && p.is(i+1, "nothing") && p.is(i+2, "in", "out") && p.tok(i) != nil && p.tok(i+1) != nil {
			m := p.take(i, i+2, "default-deny")
			if p.isoMark == nil {
				p.isoMark = m
			}
		}
	}
}

// verdictPhrases claims the phrases that say "deny everything in a
// direction" ("lock down", "default deny", "nothing gets in") and those that
// restate an allow-list ("and nothing else"), before their words could be
// read as names.
func (p *parser) verdictPhrases() {
	p.restSpans()
	p.notAllowedRest()
	p.denyAllAfterAllow()
	for _, f := range allowListRestTrie.find(p) {
		ph, i := allowListRest[f.n], f.at
		if !p.phraseAt(i, ph...) || p.restNarrowed(i+len(ph)) || p.restAgainstVerbs(i, i+len(ph)) {
			continue
		}
		m := p.takeRest(i, i+len(ph))
		if p.restMark == nil {
			p.restMark = m
		}
		if p.is(m.end, "from", "to", "towards", "toward") && p.restScoped == nil {
			p.restScoped = m
		}
	}
	// "beyond the allowed list", "except the allowed ones": a list or the
	// things on it, named by the word that made it; it allows nothing.
	for i := range p.toks {
		if allowedNamesList(p.toks, i) && !p.taken(i) {
			p.take(i, i+2, "allowed-named")
		}
	}
	// "DNS lookups still have to work", "connections from X should work":
	// what has to work is allowed; "work" names no workload.
	for _, ph := range [][]string{{"have", "to", "work"}, {"has", "to", "work"}, {"need", "to", "work"}, {"needs", "to", "work"}, {"must", "work"}, {"should", "work"},
		{"must", "still", "work"}, {"should", "still", "work"}} {
		for p.claimPhrase("has-to-work", ph...) != nil {
		}
	}
	for _, ph := range isolatePhrases {
		for {
			i := p.phrase(ph...)
			if i < 0 || ph[0] == "no" && p.is(i-1, "with") {
				break
			}
			// "block any binary named xmrig", "deny all writes to /etc": what
			// runs or is written, not traffic (the phrase is not looked for
			// again).
			if n := p.tok(i + len(ph)); n != nil && (processNouns[n.low] || fileNouns[n.low] || writeWords[n.low] || fileVerbs[n.low] || processVerbs[n.low] || n.kind == tPath) {
				break
			}
			// "tunneling tools (iodine, dnscat2, dns2tcp): block all three":
			// all of the things named, counted, not all traffic.
			if n := p.tok(i + len(ph)); n != nil && p.is(i+len(ph)-1, "all") && (countWords[n.low] || n.kind == tNumber) {
				break
			}
			// "block all shells", "deny all package managers": a kind of
			// program no rule reads, not all traffic.
			if n := p.tok(i + len(ph)); n != nil && p.is(i+len(ph)-1, "all", "any", "every") && p.unknownKindAfterAll(i+len(ph)) {
				break
			}
			m := p.take(i, i+len(ph), "default-deny")
			if p.isoMark == nil {
				p.isoMark = m
			}
		}
	}
	p.splitLockDown()
	p.getsNothing()
	// "It blocks all ingress and egress unless explicitly allowed", "no
	// pod may accept any traffic unless another policy allows it later":
	// what a default deny is, said again at the clause's end (other
	// policies add to it; this one allows nothing).
	if p.isoMark != nil {
		p.unlessAllowed(p.isoMark.start)
	}
}

// splitIsolateVerbs say "lock down" with the object between the verb and
// its particle: "lock the namespace down", "lock the CoreDNS pods
// (k8s-app=kube-dns, in kube-system) down", "shut the cv namespace off".
var splitIsolateVerbs = map[string]string{"lock": "down", "locks": "down", "shut": "off", "shuts": "off"}

// splitLockDown claims a splitIsolateVerb and its particle around a short
// object that names pods or a namespace (at most eight tokens, asides in
// parentheses apart, no verdict, verb of traffic or end of sentence
// between them), as "lock down".
func (p *parser) splitLockDown() {
	for i := range p.toks {
		particle, ok := splitIsolateVerbs[p.word(i)]
		if !ok || p.taken(i) || p.is(i+1, particle) {
			continue
		}
		depth, n, named := 0, 0, false
		for k := i + 1; k < len(p.toks); k++ {
			t := p.toks[k]
			switch {
			case t.low == "(":
				depth++
				continue
			case t.low == ")":
				depth = max(depth-1, 0)
				continue
			case depth > 0:
				continue
			}
			// "Lock the app=frontend pods down to a single external service":
			// down to what is allowed, an allow-list, not isolation; "shut
			// that off": traffic, not pods.
			if t.low == particle && !p.taken(k) && n > 0 && !p.is(k+1, "to") && named {
				m := p.take(i, i+1, "default-deny")
				p.take(k, k+1, "default-deny")
				if p.isoMark == nil {
					p.isoMark = m
				}
				break
			}
			n++
			named = named || t.kind == tLabel || podNouns[t.low] || namespaceWords[t.low]
			if n > 8 || t.kind == tPunct || allowWords[t.low] || denyWords[t.low] || reachVerbs[t.low] || receiveVerbs[t.low] || t.low == "to" || t.low == "from" || t.low == "except" || t.low == "only" {
				break
			}
		}
	}
}

// isolatedNouns may follow "block all", "deny all": traffic, its
// directions, or what isolation is of.
var isolatedNouns = set("traffic", "connections", "connection", "ingress", "egress", "incoming", "outgoing", "inbound", "outbound", "packets",
	"communication", "communications", "access", "network", "networking", "requests", "ports", "protocols", "flows", "calls", "other", "else",
	"external", "internal", "cross-namespace", "inter-pod", "pod-to-pod", "east-west", "north-south", "of", "the", "to", "from", "in", "for",
	"on", "and", "but", "except", "unless", "by", "at", "within", "inside", "between", "that", "which", "other", "others", "non-dns", "dns", "tcp", "udp", "sctp", "icmp")

// unknownKindAfterAll reports whether the word at k, after "block all",
// is a plural noun no rule reads and no word of traffic: "block all
// shells in the app=web pods", "deny all debuggers".
func (p *parser) unknownKindAfterAll(k int) bool {
	t := p.tok(k)
	if t == nil || t.kind != tWord || p.taken(k) || isolatedNouns[t.low] || podNouns[t.low] || fillerWords[t.low] || determiners[t.low] || prepositions[t.low] || namespaceWords[t.low] {
		return false
	}
	return strings.HasSuffix(t.low, "s") && !strings.HasSuffix(t.low, "ss")
}

// unlessAllowed claims "unless explicitly allowed", "unless another policy
// allows it later" after the isolating words at iso, at the clause's end.
func (p *parser) unlessAllowed(iso int) {
	k := p.index("unless")
	if k <= iso {
		return
	}
	e := k + 1
	for p.is(e, "explicitly", "otherwise", "it", "is", "they", "are", "specifically") {
		e++
	}
	if p.is(e, "allowed", "permitted") && p.clauseEndAt(e+1) {
		p.take(k, e+1, "default-deny")
	} else if e := p.otherPolicyAllows(k + 1); e > 0 {
		p.take(k, e, "default-deny")
	}
}

// otherPolicyAllows is the end of "another policy allows it (later)", "a
// later policy explicitly permits them" from i, up to the clause's end or
// a mark; or -1.
func (p *parser) otherPolicyAllows(i int) int {
	e := i
	for p.is(e, "another", "other", "a", "some", "later", "separate", "specific", "dedicated") {
		e++
	}
	if e == i || !p.is(e, "policy", "policies", "networkpolicy", "networkpolicies", "rule", "rules") {
		return -1
	}
	e++
	if p.is(e, "explicitly", "specifically") {
		e++
	}
	if !otherPolicyVerbs[p.word(e)] {
		return -1
	}
	e++
	if p.is(e, "it", "them", "this", "that") {
		e++
	}
	// "lets it in", "opens them up", "lets it through": where to.
	if p.is(e, "in", "through", "up", "out") {
		e++
	}
	for p.is(e, "later", "explicitly", "specifically", "again") {
		e++
	}
	if !p.clauseEndAt(e) {
		return -1
	}
	return e
}

// isolationOfAllowList reports whether the isolation at m is one an
// allow-list after it can stand for: the noun that names the policy
// ("Tenant isolation: ..."), or a default deny of the one direction said
// beside it ("egress default deny", "default-deny ingress", "default deny
// for egress"). The clause names no other direction and negates nothing:
// an isolation of both ways is more than an allow of one.
func (p *parser) isolationOfAllowList(m *mark) bool {
	in := slices.ContainsFunc(p.toks, func(t token) bool { return ingressWords[t.low] })
	out := slices.ContainsFunc(p.toks, func(t token) bool { return egressWords[t.low] })
	if in && out || slices.ContainsFunc(p.toks, func(t token) bool { return negationWords[t.low] }) || p.inAndOut() >= 0 || p.mentions("both", "either") {
		return false
	}
	if p.is(m.start, "isolation") && m.end == m.start+1 {
		return true
	}
	dirWord := func(k int) bool { return ingressWords[p.word(k)] || egressWords[p.word(k)] }
	return dirWord(m.start-1) || dirWord(m.end) || p.is(m.end, "for", "on") && dirWord(m.end+1)
}

// narrowingWord finds a word between a default deny and the direction
// or traffic it denies, which says that only some of that traffic is
// denied: "Default-deny LAN egress", "block all internal ingress",
// "default deny on local egress", "deny all external traffic". It returns
// the word's index, or -1. Dropped, the deny would cover the whole
// direction; narrowedIsolation keeps it or asks about it.
func (p *parser) narrowingWord(iso *mark) int {
	at := -1
	for k := iso.end; k < len(p.toks) && k <= iso.end+3; k++ {
		switch t := p.toks[k]; {
		case ingressWords[t.low] || egressWords[t.low] || p.is(k, "traffic", "connections", "networking", "access", "communication"):
			return at
		case t.kind != tWord || p.taken(k) || meaningful(t) || p.is(k, "for", "to", "from", "in", "into", "or", "and", "with", "by", "at", "unless", "except", "but"):
			return -1
		case determiners[t.low] && t.low != "some" || p.is(k, "all", "any", "every", "each", "both", "their", "its", "our", "my", "your", "on", "of", "network", "pod", "pods", "cluster"):
		case at >= 0:
			return -1 // two words of what traffic: asked about as before
		default:
			at = k
		}
	}
	return -1
}

// Words that narrow a default deny to one side of the cluster's edge:
// the local network ("LAN", "internal", "private"), or the world outside
// it ("external", "internet", "public").
var (
	localWords    = set("lan", "local", "internal", "private", "intranet", "rfc1918", "on-prem", "corporate", "office", "east-west")
	externalWords = set("external", "internet", "public", "outside", "world", "wan", "off-cluster", "north-south")
)

// privateRanges are the addresses a local network may hold: RFC 1918,
// carrier-grade NAT, link-local, loopback and their IPv6 kin.
var privateRanges = []netip.Prefix{
	netip.MustParsePrefix("10.0.0.0/8"), netip.MustParsePrefix("172.16.0.0/12"), netip.MustParsePrefix("192.168.0.0/16"),
	netip.MustParsePrefix("100.64.0.0/10"), netip.MustParsePrefix("169.254.0.0/16"), netip.MustParsePrefix("127.0.0.0/8"),
	netip.MustParsePrefix("fc00::/7"), netip.MustParsePrefix("fe80::/10"),
}

// narrowedIsolation keeps or asks about the word narrowingWord found. An
// allow-list keeps it when what it leaves denied lies on the word's side:
// "Default-deny LAN egress: allow 0.0.0.0/0 except 10.0.0.0/8,
// 172.16.0.0/12 and 192.168.0.0/16, plus the cluster" denies only private
// addresses; "default deny external egress: allow everything in the
// cluster and 203.0.113.5" denies only addresses outside. The allow-list
// gives no ports, or the other side's traffic on other ports would be
// denied too. Otherwise it asks: "Default-deny LAN egress for app=web"
// denied all egress.
func (p *parser) narrowedIsolation(verdictMark *mark, groups []*group, ported bool) error {
	k := p.narrowAt
	if k < 0 || p.taken(k) {
		return nil
	}
	allowList := verdictMark != nil && (verdictMark.rule == "allow-list-by-isolation" || verdictMark.rule == "allow-list-by-exception")
	eps := func(f func(*endpoint) bool) bool {
		return slices.ContainsFunc(groups, func(g *group) bool { return slices.ContainsFunc(g.eps, f) })
	}
	kept := false
	switch w := p.word(k); {
	case !allowList || ported:
	case localWords[w]:
		// every address but private ones is allowed
		kept = eps(func(e *endpoint) bool {
			return e.kind == epCIDR && slices.ContainsFunc(e.cidrs, func(c cidrV) bool {
				return (c.cidr.value == "0.0.0.0/0" || c.cidr.value == "::/0") && len(c.except) > 0 && !slices.ContainsFunc(c.except, func(x valueV) bool { return !privateRange(x.value) })
			})
		})
	case externalWords[w]:
		// the whole cluster is allowed
		kept = eps(func(e *endpoint) bool {
			return e.kind == epEntity && slices.ContainsFunc(e.entities, func(x valueV) bool { return x.value == "cluster" })
		})
	}
	if kept {
		p.take(k, k+1, "narrowed-deny")
		return nil
	}
	return p.refuse(fmt.Sprintf("which traffic does %q leave denied? A default deny covers all traffic of a direction; name the peers to deny (\"deny egress to 10.0.0.0/8\"), or list all the peers still allowed", p.toks[k].raw), generator.ExampleNetwork)
}

// privateRange reports whether a CIDR lies in a range of privateRanges.
func privateRange(cidr string) bool {
	q, err := netip.ParsePrefix(cidr)
	if err != nil {
		return false
	}
	return slices.ContainsFunc(privateRanges, func(r netip.Prefix) bool { return r.Bits() <= q.Bits() && r.Contains(q.Addr()) })
}

// allowAfterIsolation reads an allow after a default deny of one
// direction, in the same clause, as the allow-list of that direction:
// "default-deny egress for the app=web pods: allow 10.0.0.0/8 on 443",
// "default deny ingress for app=db, allow from app=api on 5432" (as
// "only" after it already was). The allow names peers only: with the
// preposition of the direction denied, or bare addresses (bare pods only
// for egress, after the pods denied); it names no pods of its own ("...,
// allow the app=web pods to receive from app=lb": the default deny of
// the rest would be lost) and no peer of the other direction ("default
// deny egress, allow from app=lb"). It returns the verdict's mark, or nil.
func (p *parser) allowAfterIsolation(verdict generator.Verdict, m *mark, groups []*group, clusterMark *mark) *mark {
	if verdict != generator.Isolate || m == nil || m.rule != "default-deny" {
		return nil
	}
	iso := m
	if k := p.narrowAt; k >= 0 {
		iso = &mark{m.start, k + 1, m.rule} // the direction after the narrowing word
	}
	if !p.isolationOfAllowList(iso) {
		return nil
	}
	allow := -1
	for k := m.end; k < len(p.toks); k++ {
		if allowWords[p.word(k)] {
			allow = k
			break
		}
	}
	if allow < 0 {
		return nil
	}
	for k := allow + 1; k < len(p.toks); k++ {
		if !p.taken(k) && (reachVerbs[p.word(k)] || receiveVerbs[p.word(k)] || p.is(k, "let", "lets")) {
			return nil
		}
		// "...: allow 10.0.0.0/8 on 443 but block 10.1.0.0/16": a deny
		// after the allow is no part of its allow-list.
		if denyWords[p.word(k)] || negationWords[p.word(k)] || p.is(k, "unless", "but", "except") && !p.taken(k) {
			return nil
		}
	}
	egress := slices.ContainsFunc(p.toks, func(t token) bool { return egressWords[t.low] })
	prep := "from"
	if egress {
		prep = "to"
	}
	subject := clusterMark != nil
	for _, g := range groups {
		switch {
		case g.eps[0].start < allow:
			if !g.inCluster() || g.prep == "to" || g.prep == "from" {
				return nil
			}
			subject = true
		case g.prep == prep, g.prep == "" && (egress && subject || g.external()):
		default:
			return nil
		}
	}
	if !subject {
		return nil
	}
	return &mark{m.start, m.end, "allow-list-by-isolation"}
}

// theNetwork reports whether "network" stands for all of it ("the
// network", "any network"), not for one network a word names ("the office
// network", which has no address a policy could deny).
func (p *parser) theNetwork() bool {
	k := p.index("network")
	return k > 0 && (determiners[p.word(k-1)] || p.is(k-1, "any", "all", "every"))
}

// noPodsMay finds "no pod(s)" as the subject of a modal and a verb of
// traffic with peers named after it: "no pod in media should be able to
// talk to the kube-apiserver", "no pod in the cluster may send anything to
// 203.0.113.10". It returns the index of "no", or -1. Nothing in the
// clause may leave pods out ("except", "other", "only", "but"), and no
// other negation may turn it round.
func (p *parser) noPodsMay(exceptAt int) int {
	k := p.index("no")
	if k < 0 || exceptAt >= 0 || !p.is(k+1, "pod", "pods", "workload", "workloads", "container", "containers") || p.mentions("except", "other", "others", "else", "only", "but", "besides", "unless") {
		return -1
	}
	if slices.ContainsFunc(p.toks, func(t token) bool {
		return negationWords[t.low] && t.low != "no" || t.low == "nobody" || t.low == "nothing"
	}) {
		return -1
	}
	i := k + 2
	for i < len(p.toks) && i <= k+8 && !p.is(i, "should", "may", "can", "must", "shall") {
		i++
	}
	if !p.is(i, "should", "may", "can", "must", "shall") {
		return -1
	}
	for i++; p.is(i, "be", "able", "to", "ever", "allowed", "permitted"); i++ {
	}
	if !reachVerbs[p.word(i)] && !receiveVerbs[p.word(i)] {
		return -1
	}
	// "may send anything to X": all of the traffic to X.
	if p.is(i+1, "anything") && p.is(i+2, "to") && !p.taken(i+1) {
		p.take(i+1, i+2, "all-traffic")
	}
	for j := i + 1; j < len(p.toks); j++ {
		if t := p.toks[j]; t.kind == tCIDR || t.kind == tLabel || t.kind == tDomain || p.claim[j] == "entity" || p.claim[j] == "namespace" || p.claim[j] == "endpoint" || p.claim[j] == "cidr" {
			return k
		}
	}
	return -1
}

// restAgainstVerbs reports whether the rest from i to j names the other
// direction than every verb of traffic outside it: "accept TCP 443 from
// anywhere, and no other outgoing traffic" is no rest of the ingress it
// allows, and its word of direction would turn the rule around.
func (p *parser) restAgainstVerbs(i, j int) bool {
	in, out := false, false
	for k := i; k < j; k++ {
		in = in || ingressWords[p.word(k)]
		out = out || egressWords[p.word(k)]
	}
	if in == out {
		return false
	}
	receives, sends := false, false
	for k := range p.toks {
		if k >= i && k < j {
			continue
		}
		receives = receives || receiveVerbs[p.word(k)] || ingressWords[p.word(k)]
		sends = sends || reachVerbs[p.word(k)] || egressWords[p.word(k)]
	}
	return in && sends && !receives || out && receives && !sends
}

// allowedNamesList reports whether the word at i is "allowed" (or
// "permitted", "approved") naming a list or its entries, between a
// determiner and a noun of lists: "beyond the allowed list", "except the
// allowed ones". ("the allowed ports are 80 and 443" allows them.)
func allowedNamesList(toks []token, i int) bool {
	return i > 0 && i+1 < len(toks) && (toks[i].low == "allowed" || toks[i].low == "permitted" || toks[i].low == "approved" || toks[i].low == "whitelisted" || toks[i].low == "allowlisted") &&
		(determiners[toks[i-1].low] || toks[i-1].low == "an") && listedNouns[toks[i+1].low]
}

// listedNouns name a list or the things on it.
var listedNouns = set("list", "lists", "set", "sets", "ones", "one", "entries", "items")

// podsOnlyAfterWholeIsolation reports whether an isolation that names no
// pods before it ("in namespace prod, deny all ingress") is followed by
// "only" and pods named by labels ("only pods app=lb receive ..."): the
// isolation may hold for every pod, and the pods after "only" are some of
// them (finder 5, S8). "pods in tc-beta should only accept traffic from
// ...", where the pods stand before "only", is the allow-list it always was.
func (p *parser) podsOnlyAfterWholeIsolation(iso *mark, only int) bool {
	if slices.ContainsFunc(p.toks[:iso.start], func(t token) bool { return t.kind == tLabel }) {
		return false
	}
	return p.labelAfter(only) > only
}

// labelAfter returns the index of the label that names the pods right
// after "only" at k ("only app=lb", "only pods app=lb", "only the pods
// labeled app=lb"), or -1.
func (p *parser) labelAfter(k int) int {
	for j := k + 1; j < len(p.toks) && j <= k+4; j++ {
		if p.toks[j].kind == tLabel {
			return j
		}
		if !p.is(j, "the", "pods", "pod", "labeled", "labelled", "with", "label") {
			return -1
		}
	}
	return -1
}

// deniedAllWords may stand between "deny all" and the place whose traffic
// it denies (deniedAllTo), beside the names of the pods it is for.
var deniedAllWords = set("traffic", "connections", "connection", "packets", "requests", "egress", "outgoing", "outbound", "out", "the", "of", "for", "from", "to",
	"in", "pods", "pod", "namespace", "every", "all", "any")

// deniedAllTail may follow the place denied: its ports and the pods the
// deny is for.
var deniedAllTail = set("on", "port", "ports", "over", "via", "tcp", "udp", "the", "from", "for", "in", "pods", "pod", "namespace", "every", "all", "any", ".")

// deniedAllTo reports whether g, a group after "deny all" (whose words end
// at from), is a place outside the cluster that the traffic goes to: "deny
// all egress from the pods in payments to 198.51.100.0/24", "block all
// traffic from app=web to 10.0.0.0/8 on 443". Every one of its ends is an
// address or an entity ("to anywhere" is every place, the pods' whole
// egress; Cilium denies no DNS name, and the rule that says so has run
// before); no word of ingress stands in the clause ("deny all
// ingress to 10.0.0.0/8" names no pods to deny it for); and only words of
// traffic, ports and the pods' names stand around it: "deny all egress
// from app=web, also to 10.0.0.0/8", "(in particular to X)", "to X and
// the rest" deny all of it, and stay questions.
func (p *parser) deniedAllTo(g *group, groups []*group, from int) bool {
	if g.prep != "to" || !g.all(func(e *endpoint) bool { return e.external() && e.kind != epFQDN }) || slices.ContainsFunc(p.toks, func(t token) bool { return ingressWords[t.low] }) {
		return false
	}
	named := func(k int) bool {
		return slices.ContainsFunc(groups, func(o *group) bool {
			return slices.ContainsFunc(o.eps, func(e *endpoint) bool { return k >= e.start && k < e.end })
		})
	}
	for k := from; k < g.eps[0].start; k++ {
		if !named(k) && !deniedAllWords[p.word(k)] {
			return false
		}
	}
	for k := g.eps[len(g.eps)-1].end; k < len(p.toks); k++ {
		if t := p.toks[k]; !named(k) && t.kind != tNumber && t.kind != tPortProto && !deniedAllTail[t.low] {
			return false
		}
	}
	return true
}
