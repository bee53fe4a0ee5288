package builtin

import (
	"slices"
	"strings"

	"k8s.io/apimachinery/pkg/util/validation"
)

// verdictRules are the rules of the words that said the verdict; a verb
// among them still says the direction ("accept", "receive").
var verdictRules = set("verdict", "allow-word", "deny-word", "negation", "only", "default-deny", "allow-list-by-exception", "allow-list-but-named", "allow-list-by-lockdown", "allow-list-by-isolation", "deny-all-but", "icmp", "icmp-echo", "needs-access")

// group is endpoints joined by "and", "or" or commas, sharing one preposition.
type group struct {
	eps  []*endpoint
	prep string
}

func (g *group) text() string {
	var parts []string
	for _, e := range g.eps {
		parts = append(parts, e.text)
	}
	return strings.Join(parts, " and ")
}

func (g *group) all(f func(*endpoint) bool) bool {
	for _, e := range g.eps {
		if !f(e) {
			return false
		}
	}
	return true
}

func (g *group) inCluster() bool { return g.all((*endpoint).inCluster) }
func (g *group) external() bool {
	return g.all(func(e *endpoint) bool { return e.external() || e.kind == epAny })
}

// glossStarts say again, in other words, what stands just before them.
var glossStarts = [][]string{{"i.e."}, {"i.e"}, {"ie"}, {"namely"}, {"that", "is"}, {"in", "other", "words"}}

// glosses keeps one of two mentions a gloss joins, the second one ending
// the clause or a part of it: "from any namespace labeled tenant=oil, i.e.
// the tenant's own namespaces", "from all Cilium-managed endpoints, i.e.
// anything in the cluster". Both name the same peers: the one kept is the
// one that says which; when both do, or neither, they stay for the rules
// after (which ask).
func (p *parser) glosses(eps []*endpoint) []*endpoint {
	p.namedThenGlossed(eps)
	for n := 1; n < len(eps); n++ {
		a, b := eps[n-1], eps[n]
		k := a.end
		if p.is(k, ",", "(") {
			k++
		}
		gloss := false
		for _, g := range glossStarts {
			if p.phraseAt(k, g...) || p.wordsAt(k, g...) && p.claim[k] == "framing" {
				k += len(g)
				gloss = true
				break
			}
		}
		if p.is(k, ",") {
			k++
		}
		// "i.e. the tenant's own namespaces": whose they are, said again.
		for gloss && k < b.start && !p.taken(k) && (determiners[p.word(k)] || p.toks[k].possessive) {
			k++
		}
		if sameEntityInBrackets(p, a, b) {
			// "to their local host (the node they run on)", "the world
			// (anything outside the cluster)": the brackets name the
			// same entity again.
			for m := b.start - 1; m <= b.end; m++ {
				p.claim[m] = "restates"
			}
			eps = slices.Delete(eps, n, n+1)
			n--
			continue
		}
		if worldAsAddresses(p, a, b) {
			// "the internet (0.0.0.0/0 except 10.0.0.0/8)", "the internet:
			// 0.0.0.0/0 but not 10.0.0.0/8": the world said again as every
			// address; the addresses say which, and the entity beside them
			// would allow what they leave out.
			p.take(a.end, b.start, "restates")
			for m := a.start; m < a.end; m++ {
				p.claim[m] = "restates"
			}
			b.prep = a.prep
			eps = slices.Delete(eps, n-1, n+1)
			eps = slices.Insert(eps, n-1, b)
			continue
		}
		if !gloss || k != b.start || b.prep != "" || !(b.end == len(p.toks) || p.toks[b.end].kind == tPunct && !p.is(b.end, "(")) {
			continue
		}
		// What says which peers: labels, a namespace's name, a workload of
		// the tree, addresses, names, entities; not a name nothing resolves
		// or "their own namespace".
		precise := func(e *endpoint) bool {
			switch e.kind {
			case epPods, epNamespace:
				return e.pods != nil || e.namespaces != nil || e.namespace != "" || e.name != "" && p.treeHasWorkload(e.name)
			}
			return e.kind != epAny
		}
		keep, drop := a, b
		switch {
		case precise(a) && !precise(b):
		case !precise(a) && precise(b):
			keep, drop = b, a
			keep.prep = a.prep
		default:
			continue // two ways of saying which: they could differ
		}
		p.take(a.end, b.start, "restates")
		for m := drop.start; m < drop.end; m++ {
			p.claim[m] = "restates"
		}
		eps = slices.Delete(eps, n-1, n+1)
		eps = slices.Insert(eps, n-1, keep)
	}
	return eps
}

// namedThenGlossed gives a peer its preposition when a name no rule reads
// stands between them and a gloss or a comma says which pods it means:
// "accept connections only from the backend, the app=backend pods in
// namespace backend-ns, on 5432", "only take traffic from the istio ingress
// gateway, i.e. pods app=istio-ingressgateway in istio-system". Without it
// the pods glossed have no preposition and the clause has no source; the
// name glossed is said again, not a peer of its own.
//
// Only one name of a few plain words (no verb, value or claimed word), and
// a gloss that ends the list: "from the frontend, the app=api pods and the
// app=db pods" could be a list of three, and stays for the rules after.
func (p *parser) namedThenGlossed(eps []*endpoint) {
	for n, b := range eps {
		if b.prep != "" || n > 0 && eps[n-1].end > b.start-2 {
			continue
		}
		k := b.start - 1
		if determiners[p.word(k)] {
			k--
		}
		glossAt := -1
		if p.is(k, ",") {
			glossAt = k
		} else {
			for _, g := range glossStarts {
				if s := k - len(g) + 1; s >= 0 && (p.phraseAt(s, g...) || p.wordsAt(s, g...) && p.claim[s] == "framing") {
					glossAt = s
					break
				}
			}
			if glossAt > 0 && p.is(glossAt-1, ",") {
				glossAt--
			}
		}
		if glossAt < 2 {
			continue
		}
		m := glossAt - 1
		for m >= 0 && m > glossAt-6 && p.glossableNameWord(m) {
			m--
		}
		if m == glossAt-1 || !p.is(m, "from", "to") || !p.mentionEndsPart(b) {
			continue
		}
		if n > 0 && eps[n-1].end > m {
			continue
		}
		p.take(m+1, glossAt, "glossed-name")
		for i := glossAt; i < b.start; i++ {
			if !p.taken(i) {
				p.claim[i] = "restates"
			}
		}
		b.prep = p.word(m)
	}
}

// glossableNameWord reports whether token i can be a word of a name no rule
// read: a plain word, no verb or word of a verdict, not claimed (or claimed
// only as a word of a name: "the istio ingress gateway").
func (p *parser) glossableNameWord(i int) bool {
	if i < 0 || i >= len(p.toks) || p.toks[i].kind != tWord || p.taken(i) && p.claim[i] != "name-word" {
		return false
	}
	t := p.toks[i]
	w := t.low
	return !prepositions[w] && !reachVerbs[w] && !receiveVerbs[w] && !allowWords[w] && !denyWords[w] && w != "and" && w != "or" && !pronouns[w]
}

// mentionEndsPart reports whether the mention b ends its clause or a
// part of it: the end, a punctuation mark, or a port after it.
func (p *parser) mentionEndsPart(b *endpoint) bool {
	return b.end == len(p.toks) || p.is(b.end, ",", ".", ";", ":", ")", "-", "on", "over", "via")
}

// sameEntityInBrackets reports whether b, in brackets right after a,
// names the same entities as a: "the host (the node they run on)".
func sameEntityInBrackets(p *parser, a, b *endpoint) bool {
	if a.kind != epEntity || b.kind != epEntity || !p.is(a.end, "(") || b.start != a.end+1 || !p.is(b.end, ")") || b.prep != "" && b.prep != a.prep || len(a.entities) != len(b.entities) {
		return false
	}
	for k := range a.entities {
		if a.entities[k].value != b.entities[k].value {
			return false
		}
	}
	return true
}

// worldAsAddresses reports whether b, in parentheses right after the
// world entity a, is every address (0.0.0.0/0, ::/0, with or without
// exceptions): "the internet (0.0.0.0/0 except 10.0.0.0/8)".
func worldAsAddresses(p *parser, a, b *endpoint) bool {
	// "the internet: 0.0.0.0/0 but not 10.0.0.0/8, on 443": after a
	// colon, up to the end of the part.
	said := p.is(a.end, "(") && p.is(b.end, ")") || p.is(a.end, ":") && (b.end == len(p.toks) || p.toks[b.end].kind == tPunct && !p.is(b.end, "(") || p.is(b.end, "on", "over", "at"))
	if a.kind != epEntity || len(a.entities) != 1 || a.entities[0].value != "world" || b.kind != epCIDR || len(b.cidrs) == 0 ||
		!said || b.start != a.end+1 || b.prep != "" && b.prep != a.prep {
		return false
	}
	return !slices.ContainsFunc(b.cidrs, func(c cidrV) bool { return c.cidr.value != "0.0.0.0/0" && c.cidr.value != "::/0" })
}

// restatedHeading drops the groups of a heading without a verb that the
// statement after its colon names again: "admin service only from the ops
// namespace: the admin pods (app=admin) should accept connections only from
// pods in namespace ops". Each mention before the colon must have its twin
// after it (the same namespace, or the name as the twin's name or label
// value); otherwise the heading may say more, and stays.
func (p *parser) restatedHeading(groups []*group) []*group {
	colon := p.index(":")
	if colon < 0 || len(groups) < 2 {
		return groups
	}
	for k := 0; k < colon; k++ {
		if reachVerbs[p.word(k)] || receiveVerbs[p.word(k)] || p.claim[k] == "allow-word" || p.claim[k] == "deny-word" {
			return groups
		}
	}
	var before, after []*group
	for _, g := range groups {
		switch {
		case g.eps[len(g.eps)-1].end <= colon:
			before = append(before, g)
		case g.eps[0].start > colon:
			after = append(after, g)
		default:
			return groups
		}
	}
	twin := func(a, b *endpoint) bool {
		switch {
		case a.kind != b.kind && !(a.kind == epPods && b.kind == epNamespace || a.kind == epNamespace && b.kind == epPods):
			return false
		case a.kind == epNamespace && a.namespace != "" && a.pods == nil && a.namespaces == nil:
			return b.namespace == a.namespace && b.pods == nil
		case a.kind == epPods && a.pods == nil && a.name != "" && a.namespace == "" && !p.treeHasWorkload(a.name):
			return b.name == a.name || b.pods != nil && labelValue(b.pods, a.name)
		}
		return false
	}
	// A summary of a rule names its peer after "from" or "to"; "namespace
	// isolation for team-a: its pods ..." names the scene, which stays.
	if len(before) == 0 || len(after) < len(before) || !slices.ContainsFunc(before, func(g *group) bool { return g.prep == "from" || g.prep == "to" }) ||
		slices.ContainsFunc(before, func(g *group) bool { return g.prep != "" && g.prep != "from" && g.prep != "to" }) {
		return groups
	}
	for _, g := range before {
		for _, a := range g.eps {
			// its twin stands in the same role: "from X" again after "from"
			if !slices.ContainsFunc(after, func(h *group) bool {
				return (h.prep == g.prep || g.prep == "" && h.prep == "for") && slices.ContainsFunc(h.eps, func(b *endpoint) bool { return twin(a, b) })
			}) {
				return groups
			}
		}
	}
	for k := 0; k <= colon; k++ {
		if p.claim[k] == "" || p.claim[k] == "endpoint" || p.claim[k] == "workload-name" || p.claim[k] == "namespace" || p.claim[k] == "verdict" || p.claim[k] == "only" {
			p.claim[k] = "restated-heading"
		}
	}
	return after
}

// wordsAt reports whether the words stand from token i, claimed or not.
func (p *parser) wordsAt(i int, words ...string) bool {
	for k, w := range words {
		if p.word(i+k) != w {
			return false
		}
	}
	return true
}

func (p *parser) groups(eps []*endpoint) []*group {
	var out []*group
	for i, ep := range eps {
		// "pods labeled app=api in the alpha and beta namespaces": one
		// mention of the same pods in each namespace, one list.
		if i > 0 && ep.start == eps[i-1].start && ep.end == eps[i-1].end {
			g := out[len(out)-1]
			g.eps = append(g.eps, ep)
			continue
		}
		// "from payment (service=payment), which publishes the orders,
		// and dispatch (service=dispatch)": the list goes on after a
		// peer's relative clause.
		if i > 0 && ep.prep == "" && eps[i-1].prep != "" && p.peerRelativeThenJoined(eps[i-1].end, ep) {
			g := out[len(out)-1]
			g.eps = append(g.eps, ep)
			p.take(eps[i-1].end, ep.start, "peer-relative")
			continue
		}
		if i > 0 && p.onlyJoiners(eps[i-1].end, ep.start) && !p.onlyTheyMay(eps[i-1].end, ep) && (ep.prep == "" || ep.prep == eps[i-1].prep && p.hasJoiner(eps[i-1].end, ep.start)) &&
			(p.hasWordJoiner(eps[i-1].end, ep.start) || ep.kind == eps[i-1].kind && (ep.kind != epNamespace || inNamespaceList(eps[i-1]))) {
			g := out[len(out)-1]
			g.eps = append(g.eps, ep)
			p.take(eps[i-1].end, ep.start, "list")
			continue
		}
		out = append(out, &group{eps: []*endpoint{ep}, prep: ep.prep})
	}
	// "default-deny for team-a, both directions, every pod in the
	// namespace": the namespace "the namespace" points back to is the one
	// name given, when it could be no pods of the tree.
	if len(eps) == 2 {
		name, every := eps[0], eps[1]
		if every.kind == epNamespace && every.sameNS && every.nsMark != nil && every.nsMark.rule == "same-namespace" && p.is(every.nsMark.end-1, "namespace") &&
			name.kind == epPods && name.pods == nil && !name.noun && name.workload == "" && name.nameMark != nil && name.prep == "for" &&
			len(validation.IsDNS1123Label(name.name)) == 0 && !p.treeHasWorkload(name.name) && (p.tree == nil || p.treeNamespace(name.name)) {
			name.kind, name.namespace, name.nsMark, name.name, name.nameMark = epNamespace, name.name, &mark{name.nameMark.start, name.nameMark.end, "namespace"}, "", nil
			p.claim[name.nsMark.start] = "namespace"
			return []*group{{eps: []*endpoint{name}, prep: name.prep}, {eps: []*endpoint{every}, prep: every.prep}}
		}
	}
	for _, g := range out {
		p.labelsToNextNamespace(g)
	}
	// "the stars and client namespaces": the plural noun names each.
	for _, g := range out {
		last := g.eps[len(g.eps)-1]
		if len(g.eps) < 2 || last.kind != epNamespace || last.namespace == "" || !p.is(last.end-1, "namespaces") {
			continue
		}
		for _, e := range g.eps[:len(g.eps)-1] {
			if e.kind == epPods && e.name != "" && e.pods == nil && !e.noun && e.nameMark != nil && len(validation.IsDNS1123Label(e.name)) == 0 {
				e.kind, e.namespace, e.nsMark, e.name, e.nameMark = epNamespace, e.name, &mark{e.nameMark.start, e.nameMark.end, "namespace"}, "", nil
				for n := e.nsMark.start; n < e.nsMark.end; n++ {
					p.claim[n] = "namespace"
				}
			}
		}
	}
	return out
}

// labelsToNextNamespace gives the labels of pods said in a namespace to a
// bare namespace joined after them: "from pods labeled app=api in
// namespace b and namespace c" means app=api in both, as "in namespaces b
// and c" does. Read as a list of two peers, namespace c alone once
// admitted every pod of c (finder 14, S9). Only a namespace said by the
// word and its name alone ("namespace c", "the c namespace") takes them;
// "every pod in namespace c" keeps its own words.
func (p *parser) labelsToNextNamespace(g *group) {
	for k := 1; k < len(g.eps); k++ {
		a, b := g.eps[k-1], g.eps[k]
		if a.kind != epPods || a.pods == nil || a.podsMark == nil || a.namespace == "" || a.nsMark == nil || a.nsMark.start <= a.podsMark.start ||
			b.kind != epNamespace || b.namespace == "" || b.pods != nil || b.namespaces != nil || b.sameNS || b.otherNS || b.podsMark != nil || b.ask != "" ||
			!p.hasWordJoiner(a.end, b.start) || !p.bareNamespace(b) {
			continue
		}
		b.kind, b.pods, b.podsMark = epPods, a.pods, a.podsMark
	}
}

// bareNamespace reports whether the endpoint's words are a namespace word
// and its name alone: "namespace c", "the c namespace".
func (p *parser) bareNamespace(e *endpoint) bool {
	s := e.start
	if p.is(s, "the") {
		s++
	}
	return e.end-s == 2 && (namespaceWords[p.word(s)] || namespaceWords[p.word(s+1)])
}

// onlyTheyMay reports ", only Y may connect" after pods named as the
// topic: "tier=backend pods, only tier=frontend pods may connect, TCP
// 8080", "for the app=db pods: only app=api should be able to connect",
// "for redis (app=redis) I want only app=client pods to connect". Y is
// not one more of a list; it is who may reach the topic.
func (p *parser) onlyTheyMay(from int, ep *endpoint) bool {
	k := ep.end
	for p.is(k, "may", "can", "should", "are", "is", "allowed", "permitted", "able", "be", "to") {
		k++
	}
	at := p.wishAt(from)
	if at == from && p.is(at, ",", ":") {
		at = p.wishAt(at + 1)
	}
	return ep.prep == "" && ep.start == at+1 && p.is(at, "only") && k > ep.end && reachVerbs[p.word(k)] && (k+1 == len(p.toks) || p.is(k+1, ",", "on", "over", "via"))
}

// wishers and wantWords make the frame "I want", "we need", "we'd like"
// that may stand between a topic and who may reach it.
var (
	wishers   = set("i", "we", "i'd", "we'd")
	wantWords = set("want", "need", "would", "like")
)

// wishAt skips a frame of wishers and wishVerbs at i ("we want only
// app=web to connect") and returns where the words after it start.
func (p *parser) wishAt(i int) int {
	if !wishers[p.word(i)] || !wantWords[p.word(i+1)] {
		return i
	}
	k := i + 1
	for wantWords[p.word(k)] {
		k++
	}
	return k
}

// inNamespaceList reports whether the namespace is one of a list the
// plural "namespaces" closes: "the self-hosted, downloads and media
// namespaces", where a comma joins as "and" does.
func inNamespaceList(e *endpoint) bool {
	return e.kind == epNamespace && e.nsMark != nil && e.nsMark.rule == "namespace-list"
}

func (p *parser) onlyJoiners(from, to int) bool {
	if from >= to {
		return false
	}
	for k := from; k < to; k++ {
		// "from the host, the other nodes and ...": "other" is the next
		// entity's own word. "from 10.0.0.0/16 (internal network),
		// 172.16.0.0/12 (VPC CIDR) and ...": the brackets name the value
		// before them (dismissValueNames); the list goes on after them.
		if !p.is(k, "and", "or", ",", "either", "also", "the", "any", "all", "as", "well", "plus", "from", "to", "only", "just", "&") && p.claim[k] != "entity" && p.claim[k] != "names-the-value" {
			return false
		}
	}
	return true
}

// peerRelativeThenJoined reports whether [from, ep.start) is a relative
// clause about the peer before it, then "and" or "or": ", which publishes
// the orders, and" in "rabbitmq only takes AMQP on 5672 from payment
// (service=payment), which publishes the orders, and dispatch
// (service=dispatch), which consumes them". The peer after "and" is one
// more of the list before the clause, and shares its preposition; read
// alone, it had none, and the clause asked which way the traffic goes.
// The clause is "which" or "who" and plain words no rule read, with no
// preposition, modal, negation, value or verb of traffic (a clause that
// says where the peer is, or what it may do, is not set aside), and the
// mention after "and" ends its part (", and dispatch may reach X" starts
// a statement of its own).
func (p *parser) peerRelativeThenJoined(from int, ep *endpoint) bool {
	to := ep.start
	if !p.is(from, ",") || !p.is(from+1, "which", "who") || to-from < 5 || !p.is(to-2, ",") || !p.is(to-1, "and", "or") || !p.mentionEndsPart(ep) {
		return false
	}
	for k := from + 2; k < to-2; k++ {
		w := p.word(k)
		if p.toks[k].kind != tWord || p.claim[k] != "" || prepositions[w] || modals[w] || negationWords[w] || reachVerbs[w] || receiveVerbs[w] ||
			allowWords[w] || denyWords[w] || namespaceWords[w] || w == "and" || w == "or" {
			return false
		}
	}
	return true
}

// hasWordJoiner reports whether "and", "or", "plus" or "&" joins [from, to).
func (p *parser) hasWordJoiner(from, to int) bool {
	for k := from; k < to; k++ {
		if p.is(k, "and", "or", "plus", "&") {
			return true
		}
	}
	return false
}

func (p *parser) hasJoiner(from, to int) bool {
	for k := from; k < to; k++ {
		if p.is(k, "and", "or", ",", "plus", "&") {
			return true
		}
	}
	return false
}
