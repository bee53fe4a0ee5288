package builtin

import (
	"fmt"
	"slices"

	"github.com/kunerva/kunerva/generator"
)

// inAndOut is where "in and out", "out and in", "in or out", "out or in",
// "in nor out" or "out nor in" stands, or -1: of an isolation, both ways.
func (p *parser) inAndOut() int {
	for _, j := range []string{"and", "or", "nor"} {
		if k := max(p.phrase("in", j, "out"), p.phrase("out", j, "in")); k >= 0 {
			return k
		}
	}
	return -1
}

// bothWaysPhrases say that the same traffic goes in and out.
var bothWaysPhrases = [][]string{{"both", "ways"}, {"both", "directions"}, {"in", "and", "out"}, {"out", "and", "in"}, {"ingress", "and", "egress"}, {"egress", "and", "ingress"},
	{"incoming", "and", "outgoing"}, {"outgoing", "and", "incoming"}, {"inbound", "and", "outbound"}, {"outbound", "and", "inbound"},
	{"ingress", "and", "all", "egress"}, {"egress", "and", "all", "ingress"}, {"incoming", "and", "all", "outgoing"}, {"outgoing", "and", "all", "incoming"},
	{"inbound", "and", "all", "outbound"}, {"outbound", "and", "all", "inbound"}}

// bothWays finds a phrase of bothWaysPhrases, read by the direction words
// or not yet read, and claims it; it returns its mark, or nil.
func (p *parser) bothWays() *mark {
	for _, ph := range bothWaysPhrases {
		for i := range p.toks {
			ok := true
			for k, w := range ph {
				if p.word(i+k) != w || p.taken(i+k) && p.claim[i+k] != "direction-word" && p.claim[i+k] != "direction-particle" {
					ok = false
					break
				}
			}
			if ok {
				return p.take(i, i+len(ph), "both-directions")
			}
		}
	}
	return nil
}

// bothWaysRoles reads the same traffic allowed both ways: "allow ingress
// and egress for all pods in engine-job on port 9999", "UDP 34197 both ways
// with the internet", "for namespaces labeled X allow all traffic in and
// out, from and to anything". The peers are what the traffic goes both
// ways with ("with the internet", "from and to Y"); the pods are the one
// other set of pods. Peers after "from" or "to" alone say one way each, and
// "X talks with Y both ways" could be a policy for either: not this shape.
func (p *parser) bothWaysRoles(groups []*group, m *mark) (roles, bool) {
	r := roles{dirs: []generator.Direction{generator.Ingress, generator.Egress}, dirMark: m}
	ownNS := false
	var among *group // "between the pods of kube-system": one namespace's pods, among themselves
	for n, g := range groups {
		k := g.eps[0].start - 1
		for k >= 0 && (determiners[p.word(k)] || p.is(k, "only", "just")) {
			k--
		}
		switch {
		case g.prep == "between" && len(groups) <= 2 && n == 0 && ownPodsOf(g):
			// "allow all traffic in and out between the pods of
			// kube-system": between the pods of one namespace, and no
			// other, each of them sends and takes in; they are the pods
			// and, in their own namespace, the peers.
			among, r.subject = g, g
		case among != nil && n == 1 && g.all(func(e *endpoint) bool { return e.sameNS && e.pods == nil }) && p.is(g.eps[0].start-1, "(") && p.is(g.eps[len(g.eps)-1].end, ")"):
			// "... of kube-system itself (any pod in the same namespace)":
			// the peers said again.
			r.peers = append(r.peers, g)
		case g.prep == "with" && g.external() || (g.prep == "from" || g.prep == "to") && p.is(k, "from", "to") && p.is(k-1, "and") && p.is(k-2, "from", "to") && p.word(k) != p.word(k-2):
			r.peers = append(r.peers, g)
		case (g.prep == "to" || g.prep == "with" || g.prep == "between") && g.all(func(e *endpoint) bool { return e.sameNS && e.pods == nil }):
			// "every pod in default may only talk to pods in the same
			// namespace, in and out": between all the pods of one
			// namespace, either way round is the same policy (checked
			// below: the pods are all of a namespace's).
			r.peers = append(r.peers, g)
			ownNS = true
		case r.subject == nil && g.inCluster() && (g.prep == "" || g.prep == "for" || g.prep == "in"):
			r.subject = g
		default:
			return roles{}, false
		}
	}
	if among != nil && len(r.peers) == 0 {
		k := among.eps[0].start - 1
		for !p.is(k, "between") {
			k--
		}
		m := p.take(k, k+1, "between-own-pods")
		r.peers = []*group{{eps: []*endpoint{{kind: epNamespace, sameNS: true, start: among.eps[0].start, end: among.eps[0].end, text: among.eps[0].text, podsMark: m, nsMark: m}}, prep: "between"}}
	}
	// "every pod may receive anything and send anything, all ingress and
	// all egress allowed": with no peer, what the pods receive and send
	// is all of it, both ways.
	if len(r.peers) == 0 {
		for k := range p.toks {
			if p.is(k, "receive", "receives", "accept", "accepts", "send", "sends") && p.is(k+1, "anything", "everything") && !p.taken(k) && !p.taken(k+1) {
				p.take(k, k+2, "both-ways-anything")
			}
		}
	}
	if ownNS && (r.subject == nil || !r.subject.all(func(e *endpoint) bool { return e.kind == epNamespace && e.pods == nil && !e.sameNS })) {
		return roles{}, false
	}
	return r, true
}

// ownPodsOf reports whether g is every pod of one namespace it names, and
// nothing else: "the pods of kube-system", "namespace shop".
func ownPodsOf(g *group) bool {
	return len(g.eps) == 1 && g.eps[0].kind == epNamespace && g.eps[0].namespace != "" && g.eps[0].pods == nil && g.eps[0].namespaces == nil && !g.eps[0].sameNS && !g.eps[0].otherNS
}

// noTrafficParticle reports whether the particle at i says which traffic
// there is none of: "no traffic in", "block all traffic out".
func (p *parser) noTrafficParticle(i int) bool {
	return p.is(i, "in", "out") && p.is(i-1, "traffic") && (p.is(i-2, "no") || p.is(i-2, "all", "any") && denyWords[p.word(i-3)])
}

// explicitDirection reads ingress/incoming/inbound and egress/outgoing/outbound.
func (p *parser) explicitDirection() ([]generator.Direction, *mark) {
	var dirs []generator.Direction
	var m *mark
	// "are allowed in", "let ... in", "get in": a particle says the way.
	for i := range p.toks {
		// "allow the pods in authelia out to the world", "game traffic in from the internet"
		outTo := p.is(i, "out") && p.is(i+1, "to") || p.is(i, "in") && p.is(i+1, "from") && !p.is(i-1, "pods", "pod", "namespace", "namespaces")
		// "can't send anything out apart from port 53", "sends nothing
		// out except DNS": what the pods send, out.
		sentOut := p.is(i, "out") && p.is(i-1, "anything", "nothing", "everything", "traffic") && p.is(i-2, "send", "sends", "sending")
		// "pods app=x: no traffic in, no traffic out", "block all traffic
		// in": the particle says which traffic there is none of; unread,
		// "no traffic in" isolated both ways (finder 5, S7).
		// "block all traffic in and out": both particles.
		noneWay := p.noTrafficParticle(i) || p.is(i-1, "and", "or") && p.noTrafficParticle(i-2)
		if p.taken(i) || !p.is(i, "in", "out") || !(outTo || sentOut || noneWay || p.is(i-1, "allowed", "permitted", "let", "come", "comes", "get", "gets", "go", "goes", "allow", "nothing") || i+1 < len(p.toks) && p.toks[i+1].kind == tPunct && p.is(i-1, "allowed", "permitted")) {
			continue
		}
		if i+1 < len(p.toks) && !(p.toks[i+1].kind == tPunct || p.is(i+1, "from", "to", "on", "over", "and", "but", "for", "traffic", "connections", "requests") || sentOut && p.is(i+1, "apart", "except", "besides", "other") || noneWay && (p.is(i+1, "or") || p.is(i-1, "and", "or"))) {
			continue
		}
		d := generator.Egress
		if p.is(i, "in") {
			d = generator.Ingress
		}
		if !slices.Contains(dirs, d) {
			dirs = append(dirs, d)
		}
		mk := p.take(i, i+1, "direction-particle")
		if m == nil {
			m = mk
		}
	}
	if len(dirs) > 0 {
		// "Zero-trust egress for the crawler: it may go out on 443": a
		// direction word that agrees with the particle says the same way.
		for k, t := range p.toks {
			if !p.taken(k) && (ingressWords[t.low] && slices.Contains(dirs, generator.Ingress) || egressWords[t.low] && slices.Contains(dirs, generator.Egress)) {
				p.take(k, k+1, "direction-word")
			}
		}
		return dirs, m
	}
	// "connect out of the cluster to api.alice.com"
	if mk := p.claimPhrase("direction-particle", "out", "of", "the", "cluster"); mk != nil {
		return []generator.Direction{generator.Egress}, mk
	}
	// "GET on port 9080 is allowed from any source": allowed from peers is
	// traffic the pods receive.
	for k := range p.toks {
		if p.is(k, "allowed", "permitted", "accepted") && p.is(k+1, "from") && !p.taken(k+1) && p.index("to", "towards", "into") < 0 && p.indexAny(egressWords) < 0 {
			// "inbound is allowed from 0.0.0.0/0": a direction word that
			// agrees says the same way.
			for n := p.indexAny(ingressWords); n >= 0; n = p.indexAny(ingressWords) {
				p.take(n, n+1, "direction-word")
			}
			return []generator.Direction{generator.Ingress}, &mark{k, k + 2, "allowed-from"}
		}
	}
	if k := p.indexAny(ingressWords); k >= 0 {
		dirs = append(dirs, generator.Ingress)
		m = p.take(k, k+1, "direction-word")
		for k := p.indexAny(ingressWords); k >= 0; k = p.indexAny(ingressWords) {
			p.take(k, k+1, "direction-word")
		}
	}
	if k := p.indexAny(egressWords); k >= 0 {
		dirs = append(dirs, generator.Egress)
		m2 := p.take(k, k+1, "direction-word")
		if m == nil {
			m = m2
		}
		for k := p.indexAny(egressWords); k >= 0; k = p.indexAny(egressWords) {
			p.take(k, k+1, "direction-word")
		}
	}
	return dirs, m
}

func (p *parser) explicitRoles(groups []*group, dir generator.Direction, clusterWide bool) (roles, error) {
	r := roles{dirs: []generator.Direction{dir}}
	peerPreps := []string{"from", "by"}
	if dir == generator.Egress {
		peerPreps = []string{"to", "towards", "toward", "into", "at", "with"}
	}
	var subjects []*group
	for _, g := range groups {
		switch {
		case slices.Contains(peerPreps, g.prep):
			r.peers = append(r.peers, g)
		case g.inCluster() && !(p.heading && g.prep != "for" && !prepAgainst(g.prep, dir, false)):
			// After a heading, pods named with a preposition are peers,
			// except where the direction says they are the pods whose
			// traffic it is: "tags a pod quarantine=yes ...: deny egress
			// from the quarantine=yes pods to 0.0.0.0/0", "ingress to the
			// role=db pods from app=api".
			subjects = append(subjects, g)
		case g.eps[0].kind == epAny:
			// "from anywhere": no peer restriction
		default:
			r.peers = append(r.peers, g)
		}
	}
	// "an egress rule so the hub pods can reach anything in kube-system",
	// "ingress: allow prometheus to scrape the payments pods": with the
	// direction said, a verb of reaching between two sets of pods says
	// which one sends; egress is the sender's, ingress the reached pods'.
	if len(subjects) == 2 {
		if sender, reached, ok := p.reachBetween(subjects[0], subjects[1]); ok {
			subject, peer := sender, reached
			if dir == generator.Ingress {
				subject, peer = reached, sender
			}
			r.peers = append(r.peers, &group{eps: peer.eps, prep: peerPreps[0]})
			subjects = []*group{subject}
		}
	}
	// "global egress: every pod in the cluster may reach the app=db pods":
	// the pods the cluster-wide scope names send; the pods they reach are
	// where the traffic goes, not the pods the policy is for.
	if dir == generator.Egress && clusterWide && len(subjects) == 1 {
		if k := p.reachedBy(subjects[0]); k > 0 && slices.Contains(p.claim[:k], "cluster-wide") {
			r.peers = append(r.peers, &group{eps: subjects[0].eps, prep: peerPreps[0]})
			subjects = nil
		}
	}
	// "egress for the migrate job: it may only reach the db", "restrict
	// ingress to the router: any pod of its namespace may reach it": a
	// pronoun points back to the pods named first, and the verb of reaching
	// says which of the two sends.
	if len(subjects) == 2 {
		if peer, ok := p.pronounReach(subjects[0], subjects[1], dir); ok {
			r.peers = append(r.peers, &group{eps: peer.eps, prep: peerPreps[0]})
			subjects = subjects[:1]
		}
	}
	// "vault-snapshot pods (app=vault-snapshot) egress: the OpenBao API
	// (...) on 8200, the in-cluster MinIO (namespace minio) on 9000":
	// the heading names whose traffic it is, the list after its colon
	// where it goes.
	if len(subjects) > 1 || len(subjects) == 1 && p.ctx != nil {
		if subject, listed, ok := p.directionHeading(subjects); ok {
			for _, g := range listed {
				r.peers = append(r.peers, &group{eps: g.eps, prep: peerPreps[0]})
			}
			slices.SortStableFunc(r.peers, func(a, b *group) int { return a.eps[0].start - b.eps[0].start })
			subjects = nil
			if subject != nil {
				subjects = []*group{subject}
			}
		}
	}
	switch {
	case len(subjects) == 1:
		r.subject = subjects[0]
	case len(subjects) > 1:
		return r, p.refuse(fmt.Sprintf("which of %s is the policy for?", textsOf(subjects)), generator.ExampleNetwork)
	}
	return r, nil
}

// reachBetween reads "a can reach b", "a to scrape b", "a may only call b":
// group a, a few words of modality, a verb of reaching and its object b
// right after it. It returns the sender and the pods reached.
func (p *parser) reachBetween(a, b *group) (*group, *group, bool) {
	if a.prep != "" && a.prep != "for" || b.prep != "" && b.prep != "to" {
		return nil, nil, false
	}
	k := a.eps[len(a.eps)-1].end
	for p.is(k, "can", "may", "should", "must", "will", "to", "be", "able", "allowed", "permitted", "only", "just", "needs", "need", "has", "have") {
		k++
	}
	if !reachVerbs[p.word(k)] || fetchVerbs[p.word(k)] && !p.is(k, "scrape", "scrapes") || p.is(k, "egress", "open", "make", "use", "send", "emit") {
		return nil, nil, false
	}
	e := k + 1
	if p.is(e, "to", "with") {
		e++
	}
	if b.eps[0].start != e && !(determiners[p.word(e)] && b.eps[0].start == e+1) {
		return nil, nil, false
	}
	p.take(k, k+1, "reach-verb")
	return a, b, true
}

// reachedBy returns the index of the verb of reaching whose object g is
// ("may reach the app=db pods", "may talk to X"), or -1.
func (p *parser) reachedBy(g *group) int {
	if g.prep != "" && g.prep != "to" {
		return -1
	}
	k := g.eps[0].start - 1
	for k >= 0 && determiners[p.word(k)] {
		k--
	}
	if p.is(k, "to", "with") {
		k--
	}
	if k < 0 || !reachVerbs[p.word(k)] || p.is(k, "egress", "open", "make", "use", "emit", "go", "leave", "exit") || fetchVerbs[p.word(k)] && !p.is(k, "scrape", "scrapes") {
		return -1
	}
	return k
}

// directionHeading reads a heading that names the pods and the direction
// together, before a colon, and a list after the colon: "vault-snapshot
// pods (app=vault-snapshot) egress: A, B and C", "the operator's egress:
// ...", "egress for everything in the umami namespace: ...", "monitoring
// namespace egress: ..." (the namespace taken as the scene). The pods of
// the heading are the subject (nil when the scene's namespace is); every
// other group stands after the colon, in the list, and none of them acts
// ("A may reach ...", "A needs ..."): they are the peers.
func (p *parser) directionHeading(subjects []*group) (*group, []*group, bool) {
	colon := p.index(":")
	if colon < 0 {
		return nil, nil, false
	}
	dw := -1
	for k := 0; k < colon; k++ {
		if p.claim[k] == "direction-word" {
			if dw >= 0 {
				return nil, nil, false // "ingress and egress": two headings in one
			}
			dw = k
		}
	}
	if dw < 0 {
		return nil, nil, false
	}
	var head *group
	var listed []*group
	for _, g := range subjects {
		switch {
		case g.eps[len(g.eps)-1].end <= colon:
			if head != nil {
				return nil, nil, false
			}
			head = g
		case g.eps[0].start > colon && g.prep == "":
			listed = append(listed, g)
		default:
			return nil, nil, false
		}
	}
	if len(listed) == 0 || p.ctx != nil && p.ctx.start > colon {
		return nil, nil, false // "(namespace minio)" in the list is no scene of the heading's pods
	}
	// Each item of the list says which peers: labels, a namespace, an
	// entity, a workload of the tree; not a word nothing resolves.
	for _, g := range listed {
		if !g.all(func(e *endpoint) bool {
			return e.kind == epEntity || e.pods != nil || e.namespace != "" && e.kind == epNamespace || e.name != "" && p.treeHasWorkload(e.name)
		}) {
			return nil, nil, false
		}
	}
	switch {
	case head == nil:
		// "monitoring namespace egress:": the scene's pods, right before the word.
		if p.ctx == nil || p.ctx.end != dw && !(p.ctx.end == dw-1 && p.is(dw-1, "namespace")) {
			return nil, nil, false
		}
	case len(head.eps) != 1:
		return nil, nil, false
	case head.eps[0].end == dw:
		// "X egress", "the operator's egress"
	case head.eps[0].start >= dw+2 && p.is(dw+1, "for", "of") && head.prep != "" && dw+2 == head.eps[0].start-countDeterminers(p, dw+2, head.eps[0].start):
		// "egress for X", "egress of the X pods"
	default:
		return nil, nil, false
	}
	if dw+1 != colon && !(head != nil && head.eps[0].end == colon) {
		return nil, nil, false
	}
	for _, g := range listed {
		k := g.eps[len(g.eps)-1].end
		for p.is(k, "can", "may", "should", "must", "will", "to", "be", "able", "allowed", "only", "just", "also", "needs", "need", "has", "have") {
			k++
		}
		if k != g.eps[len(g.eps)-1].end || reachVerbs[p.word(k)] || receiveVerbs[p.word(k)] || p.is(k, "to", "from", "towards", "into") {
			return nil, nil, false // "A may reach ...", "A to B": a rule of its own after the heading
		}
		// "web egress: the app=web pods ...": the heading's pods said again.
		if head != nil && slices.ContainsFunc(head.eps, func(h *endpoint) bool {
			return slices.ContainsFunc(g.eps, func(e *endpoint) bool { return sameMention(h, e) })
		}) {
			return nil, nil, false
		}
	}
	return head, listed, true
}

// sameMention reports whether two mentions could name the same pods: the
// same labels, or a name that is the other's name or one of its label values.
func sameMention(a, b *endpoint) bool {
	switch {
	case a.pods != nil && b.pods != nil:
		return sameJSON(a.pods, b.pods)
	case a.name != "" && b.name != "":
		return a.name == b.name
	case a.name != "" && b.pods != nil:
		return labelValue(b.pods, a.name)
	case b.name != "" && a.pods != nil:
		return labelValue(a.pods, b.name)
	}
	return false
}

// countDeterminers counts the words in [from, to), all determiners, or -1.
func countDeterminers(p *parser, from, to int) int {
	for k := from; k < to; k++ {
		if !determiners[p.word(k)] {
			return -1
		}
	}
	return to - from
}

// pronounReach reads two sets of pods, a first and b after it, where b
// reaches, or is reached by, a pronoun that can only point back to a: for
// egress "for a: it may only reach b" (a sends to b), for ingress "ingress
// to a: b may reach it" (b sends to a). It returns b, the peer. The pronoun
// must be the only one and stand between a and b; the direction said must
// agree with the verb, else the reading is not this shape.
func (p *parser) pronounReach(a, b *group, dir generator.Direction) (*group, bool) {
	aEnd, bStart, bEnd := a.eps[len(a.eps)-1].end, b.eps[0].start, b.eps[len(b.eps)-1].end
	if a.prep != "" && a.prep != "for" && a.prep != "to" && a.prep != "of" || b.prep != "" && b.prep != "to" {
		return nil, false
	}
	pronoun := func(k int) bool { return p.is(k, "it", "they", "them") && !p.taken(k) }
	n := 0
	for k := range p.toks {
		if pronoun(k) || p.is(k, "its", "their") && !p.taken(k) {
			n++
		}
	}
	if n != 1 {
		return nil, false // another pronoun: which pods each means is less sure
	}
	modal := func(k int) bool {
		return p.is(k, "can", "may", "should", "must", "will", "to", "be", "able", "allowed", "permitted", "only", "just", "still", "needs", "need")
	}
	var pron, verb int
	switch dir {
	case generator.Egress:
		// "it may only reach b": the pronoun sends, b is reached.
		k := bStart - 1
		for determiners[p.word(k)] {
			k--
		}
		if p.is(k, "to", "with") {
			k--
		}
		verb = k
		k--
		for k > aEnd && modal(k) {
			k--
		}
		pron = k
		if !pronoun(pron) || !p.is(pron, "it", "they") {
			return nil, false
		}
	case generator.Ingress:
		// "b may reach it": b sends, the pronoun is reached.
		k := bEnd
		for modal(k) {
			k++
		}
		verb = k
		k++
		if p.is(k, "to", "with") {
			k++
		}
		pron = k
		if !pronoun(pron) || !p.is(pron, "it", "them") {
			return nil, false
		}
	}
	if pron <= aEnd || !reachVerbs[p.word(verb)] || p.is(verb, "egress", "open", "make", "use", "send", "emit", "go", "leave", "exit") || fetchVerbs[p.word(verb)] && !p.is(verb, "scrape", "scrapes") {
		return nil, false
	}
	p.take(pron, pron+1, "refers-back")
	p.take(verb, verb+1, "reach-verb")
	return b, true
}
