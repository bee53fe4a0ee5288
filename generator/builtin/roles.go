package builtin

import (
	"fmt"
	"maps"
	"reflect"
	"slices"
	"strings"

	"k8s.io/apimachinery/pkg/util/validation"

	"github.com/kunerva/kunerva/generator"
)

// reachesSubject reports "no traffic reaches it": a verb of sending with the
// pods as its object.
func (p *parser) reachesSubject() bool {
	k := p.first(sendWords...)
	return k >= 0 && p.is(k+1, "it", "them")
}

// subjectPronounBefore reports whether "it", "they" or "its pods" is the
// subject of the verb at i; "let them connect", "allow it to reach": the
// pronoun after a verb of letting does what the verb at i says.
func (p *parser) subjectPronounBefore(i int) bool {
	for k := 0; k < i; k++ {
		if (p.is(k, "it", "they", "these", "those") || p.is(k, "them") && p.is(k-1, "let", "lets", "allow", "allows", "permit", "permits")) && !p.taken(k) {
			p.take(k, k+1, "refers-back")
			return true
		}
	}
	return false
}

// fetchVerbs reach what comes after "from": "collect metrics from X".
var fetchVerbs = set("collect", "collects", "fetch", "fetches", "pull", "pulls", "download", "downloads", "scrape", "scrapes", "gather", "gathers", "retrieve", "retrieves", "poll", "polls", "read", "reads")

// receiveWords and sendWords say which way an isolation goes.
var (
	receiveWords = []string{"receive", "receives", "receiving", "accept", "accepts", "accepting", "gets", "get", "reached", "reachable", "accessed"}
	sendWords    = []string{"send", "sends", "sending", "out", "leave", "leaves", "reach", "reaches", "connect", "connects", "call", "calls", "initiate", "emit"}
)

// contextPreps introduce a namespace that sets the scene rather than a peer.
var contextPreps = set("", "in", "within", "inside", "for", "on", "across", "of", "at", "throughout")

// namespaceContext takes out the group that only names a namespace as the
// scene ("in the stars namespace", "for advanced-policy-demo", "Namespace
// space2 - its Pods") and applies it: pods without a namespace of their own
// and "every pod (in it)" are in it; with no other subject the policy is for
// every pod there (p.ctx).
func (p *parser) namespaceContext(groups []*group) []*group {
	for i, g := range groups {
		if !contextPreps[g.prep] || len(g.eps) != 1 || g.eps[0].kind != epNamespace || g.eps[0].namespace == "" || g.eps[0].podsMark != nil && g.eps[0].podsMark.rule != "namespace" {
			continue
		}
		// "from the X namespace" is a peer; so is a namespace after a verb of traffic.
		if k := g.eps[0].start - 1; k >= 0 && (reachVerbs[p.word(k)] || receiveVerbs[p.word(k)]) {
			continue
		}
		// "Deny the qa namespace from accessing X", "only the monitoring
		// namespace can reach it": the namespace acts.
		if e := g.eps[0].end; p.is(e, "from") && strings.HasSuffix(p.word(e+1), "ing") {
			continue
		}
		e := g.eps[0].end
		if p.is(e, "alone", "only") {
			e++
		}
		if p.is(e, "can", "may", "should", "must") {
			for p.is(e, "can", "may", "should", "must", "be", "allowed", "able", "permitted", "to") {
				e++
			}
			if reachVerbs[p.word(e)] {
				continue
			}
		}
		ctx := g.eps[0]
		rest := slices.Delete(slices.Clone(groups), i, i+1)
		for _, o := range rest {
			for _, e := range o.eps {
				switch {
				case e.kind == epNamespace && e.namespace == "" && e.namespaces == nil:
					// "every pod", "every pod in it", "its pods": the scene's.
					e.namespace, e.nsMark, e.sameNS = ctx.namespace, ctx.nsMark, false
				case (e.kind == epPods || e.kind == epService) && e.namespace == "" && e.namespaces == nil && !e.sameNS:
					e.namespace, e.nsMark = ctx.namespace, ctx.nsMark
				}
			}
		}
		p.ctx = ctx
		return rest
	}
	return groups
}

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
			// "the internet (0.0.0.0/0 except 10.0.0.0/8)": the world said
			// again as every address; the addresses say which, and the
			// entity beside them would allow what they leave out.
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
	if a.kind != epEntity || len(a.entities) != 1 || a.entities[0].value != "world" || b.kind != epCIDR || len(b.cidrs) == 0 ||
		!p.is(a.end, "(") || b.start != a.end+1 || b.prep != "" && b.prep != a.prep || !p.is(b.end, ")") {
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

// roles is who the rule is about, the peers and the directions, with the
// words that said the direction.
type roles struct {
	subject   *group
	peers     []*group
	dirs      []generator.Direction
	dirMark   *mark
	dirOrigin *generator.Origin // the direction said by another clause
	// each: the subject group names several destinations, one policy each
	// ("prometheus may reach node-exporter and payments").
	each bool
	// subjects: several destinations, each said with its own ports, one
	// policy each ("X may reach A on 5432 and B on 6379"); subject is nil.
	subjects []*group
}

// roles decides which group is the subject and which are peers, and the direction.
func (p *parser) roles(groups []*group, verdict generator.Verdict, exceptAt int, clusterWide, hasPorts bool, dir []generator.Direction, dm *mark) (roles, error) {
	var r roles
	p.clusterWide = clusterWide
	r.dirMark = dm
	// Isolation: one subject, direction from the words or the preposition.
	if verdict == generator.Isolate {
		for _, g := range groups {
			if g.inCluster() {
				r.subject = g
				// "default deny in both the stars and client namespaces": one
				// policy for each namespace.
				r.each = len(g.eps) > 1 && g.all(func(e *endpoint) bool { return e.kind == epNamespace && e.namespace != "" })
				break
			}
		}
		// "gets no ingress and no egress": the directions the isolating
		// phrases name.
		var isoDirs []generator.Direction
		var isoDirMark *mark
		for _, d := range []generator.Direction{generator.Ingress, generator.Egress} {
			words, particle := ingressWords, "in"
			if d == generator.Egress {
				words, particle = egressWords, "out"
			}
			for k, t := range p.toks {
				// "nothing gets in", "nothing out towards anywhere": the
				// particle of the phrase says the way too.
				if p.claim[k] == "default-deny" && (words[t.low] || t.low == particle) {
					isoDirs = append(isoDirs, d)
					if isoDirMark == nil {
						isoDirMark = &mark{k, k + 1, "isolate-direction"}
					}
					break
				}
			}
		}
		// "no ingress or egress for its pods": the isolating phrase names
		// one direction, the word joined to it the other; both.
		if len(isoDirs) == 1 && len(dir) == 1 && isoDirs[0] != dir[0] && p.is(isoDirMark.start+1, "or", "and", "nor") &&
			(ingressWords[p.word(isoDirMark.start+2)] || egressWords[p.word(isoDirMark.start+2)]) {
			dir = []generator.Direction{generator.Ingress, generator.Egress}
		}
		// "deny all egress to app=db", "block all ingress from app=api":
		// the pods are where the traffic goes or comes from, not the ones
		// whose own traffic the direction names.
		// "no ingress from team=ops pods": the isolating phrase's own
		// direction word says it as well.
		against := dir
		if len(against) == 0 {
			against = isoDirs
		}
		if r.subject != nil && len(against) == 1 && prepAgainst(r.subject.prep, against[0], true) {
			return r, p.refuse(fmt.Sprintf("which pods should the default deny be for? \"%s %s\" names the other end of the %s traffic, not the pods it is of; for these pods say \"deny all %s %s %s\"",
				r.subject.prep, r.subject.text(), against[0], against[0], subjectPrep(against[0]), r.subject.text()), generator.ExampleNetwork)
		}
		switch {
		case len(dir) > 0:
			r.dirs = dir
		case len(isoDirs) > 0:
			r.dirs, r.dirMark = isoDirs, isoDirMark
		case p.inAndOut() >= 0:
			// "Deny all traffic, in and out, ...", "allow nothing in or
			// out", "neither in nor out": both ways.
			k, e := p.inAndOut(), p.inAndOut()+3
			if p.is(k-1, "neither", "either") {
				k--
			}
			r.dirs, r.dirMark = []generator.Direction{generator.Ingress, generator.Egress}, p.take(k, e, "both-directions")
		case p.reachesSubject():
			k := p.first(sendWords...)
			r.dirs, r.dirMark = []generator.Direction{generator.Ingress}, p.take(k, k+2, "reaches-it")
		case p.mentions(receiveWords...) && !p.mentions(sendWords...) && !p.passiveGet(p.first(receiveWords...)):
			k := p.first(receiveWords...)
			r.dirs, r.dirMark = []generator.Direction{generator.Ingress}, p.take(k, k+1, "receive-verb")
		case r.subject != nil && r.subject.prep == "" && p.first(sendWords...) >= 0 && r.subject.eps[0].start > p.first(sendWords...) && !p.mentions(receiveWords...) && !p.is(p.first(sendWords...), "leave", "leaves", "out"):
			// "nothing may reach the app=db pods": the pods are what the
			// verb reaches, so what comes in to them is denied ("nothing
			// may leave the db pods" is their egress); other verbs with the
			// pods after them are asked about.
			k := p.first(sendWords...)
			if !p.is(k, "reach", "reaches") {
				return r, p.refuse(fmt.Sprintf("which direction: does %q deny what %s receive (ingress) or what they send (egress)? Say \"deny all ingress to X\" or \"deny all egress from X\"", p.text(0, len(p.toks)), r.subject.text()), generator.ExampleNetwork)
			}
			r.dirs, r.dirMark = []generator.Direction{generator.Ingress}, p.take(k, k+1, "reaches-it")
		case p.mentions(sendWords...) && !p.mentions(receiveWords...):
			k := p.first(sendWords...)
			r.dirs, r.dirMark = []generator.Direction{generator.Egress}, p.take(k, k+1, "send-verb")
		case r.subject != nil && (r.subject.prep == "from" || r.subject.prep == "to" || r.subject.prep == "into") && (p.multi || r.subject.prep == "from") && p.is(0, "no", "nothing", "none"):
			// "... accept traffic from the api pods on 6379; no traffic from
			// pods that do not carry app=worker": beside another rule, pods
			// named after "from" or "to" may be the other end of that
			// rule's traffic as well as the pods to isolate. Alone, "no
			// traffic from the dev namespace" names where traffic comes
			// from, most often to pods left unsaid, more than pods that
			// should send nothing at all.
			others := "the pods the other rules are about"
			if !p.multi {
				others = "pods the request does not name"
			}
			return r, p.refuse(fmt.Sprintf("which pods should %q isolate: %s themselves, or %s, %s them? Say \"deny all egress from X\", or \"deny all ingress to X\" with X the pods it is for",
				p.text(0, len(p.toks)), r.subject.text(), others, map[bool]string{true: "from", false: "to"}[r.subject.prep == "from"]), generator.ExampleNetwork)
		case r.subject != nil && (r.subject.prep == "to" || r.subject.prep == "into") && !p.is(r.subject.eps[0].start-1, "from"):
			r.dirs = []generator.Direction{generator.Ingress}
			r.dirMark = p.take(r.subject.eps[0].start-1, r.subject.eps[0].start, "to-subject")
		case r.subject != nil && r.subject.prep == "from":
			r.dirs = []generator.Direction{generator.Egress}
			r.dirMark = p.take(r.subject.eps[0].start-1, r.subject.eps[0].start, "from-subject")
		default:
			r.dirs = []generator.Direction{generator.Ingress, generator.Egress}
			if p.verdictMark != nil {
				r.dirMark = &mark{p.verdictMark.start, p.verdictMark.end, "isolate-both"}
			}
		}
		// "They should never send traffic to app=db": the verb's way, read
		// after the names, goes against them as well; app=db is where the
		// traffic goes, never the pods to isolate.
		if r.subject != nil && len(r.dirs) == 1 && len(dir) == 0 && prepAgainst(r.subject.prep, r.dirs[0], true) {
			return r, p.refuse(fmt.Sprintf("which pods should the default deny be for? \"%s %s\" names the other end of the %s traffic, not the pods it is of; for these pods say \"deny all %s %s %s\"",
				r.subject.prep, r.subject.text(), r.dirs[0], r.dirs[0], subjectPrep(r.dirs[0]), r.subject.text()), generator.ExampleNetwork)
		}
		// "10.0.0.0/8 should be isolated", "... has to be locked down":
		// addresses or names outside the cluster, said to be isolated, are
		// no pods to isolate; left unread, the isolation would
		// fall on other pods.
		if g := groups; r.subject == nil && len(g) == 1 && !g[0].inCluster() && g[0].prep == "" &&
			p.is(g[0].eps[len(g[0].eps)-1].end, "is", "are", "should", "must", "has", "have", "needs", "need", "stays", "stay", "gets", "get") {
			return r, p.refuse(fmt.Sprintf("default deny is for pods; what should happen to %s: should traffic to or from it be denied?", quote(groups[0].text())), generator.ExampleNetwork)
		}
		if len(groups) > 1 {
			return r, p.refuse("default deny takes no peers; which pods may still connect? Say \"deny all ingress to X except from Y\"", "default deny ingress in namespace shop")
		}
		if clusterWide && r.subject == nil {
			return r, nil
		}
		return r, nil
	}
	// An allow-list built as "deny all ... except ...": peers after "except".
	if exceptAt >= 0 {
		var before, after []*group
		for _, g := range groups {
			if g.eps[0].start > exceptAt {
				after = append(after, g)
			} else {
				before = append(before, g)
			}
		}
		// "allow all egress to 10.0.0.0/8 from app=web except to
		// 10.1.0.0/16": all of the traffic to some peers but others is no
		// deny of the others alone; "... except to X, for pods in Y": one
		// peer left out, or which is it?
		if p.verdictMark != nil && p.verdictMark.rule == "deny-all-but" && (len(before) > 1 || len(after) != 1 || len(anyPeers(after)) == 0) {
			return r, p.refuse(fmt.Sprintf("what should %s leave out of the allowed traffic? To deny it and leave the rest as it is, say \"deny egress to X\" for the pods", quote(p.text(exceptAt, len(p.toks)))), generator.ExampleNetwork)
		}
		// "allow the world on 443 except 10.0.0.0/8": in an allow, what
		// follows "except" is what it leaves out; allowing it is the opposite.
		if len(anyPeers(after)) > 0 && verdict == generator.Allow && (p.verdictMark == nil || p.verdictMark.rule != "allow-list-by-exception" && p.verdictMark.rule != "allow-list-but-named") {
			return r, p.refuse(fmt.Sprintf("what should %s leave out of the allowed traffic? An allow can leave addresses out of a range (\"10.0.0.0/8 except 10.1.0.0/16\") but not pods or names out of other peers", quote(p.text(exceptAt, len(p.toks)))), generator.ExampleNetwork)
		}
		// "block egress to X from every pod except the app=aws-node pods":
		// a deny's exception is pods it leaves out, never its peers.
		if len(anyPeers(after)) > 0 && verdict != generator.Allow && (p.verdictMark == nil || p.verdictMark.rule != "deny-all-but") {
			return r, p.refuse(fmt.Sprintf("what should %s leave out? A deny cannot leave pods out of the pods it is for; name the pods the deny is for instead", quote(p.text(exceptAt, len(p.toks)))), generator.ExampleNetwork)
		}
		// "deny all egress to app=db except from app=api": the pods and
		// peers go against the direction said; which traffic is meant?
		if len(before) <= 1 && len(after) > 0 && len(dir) == 1 && (len(before) == 1 && prepAgainst(before[0].prep, dir[0], true) || slices.ContainsFunc(after, func(g *group) bool { return prepAgainst(g.prep, dir[0], false) })) {
			return r, p.refuse(fmt.Sprintf("which direction: %s names %s traffic, yet the pods are named with \"to\" and \"from\" the other way; which pods should the policy be for?", quote(p.text(0, len(p.toks))), dir[0]), generator.ExampleNetwork)
		}
		if len(before) <= 1 && len(after) > 0 && len(dir) == 1 {
			if len(before) == 1 {
				r.subject = before[0]
			}
			r.peers, r.dirs = after, dir
			return r, nil
		}
	}
	// "allow ingress and egress for all pods in engine-job on port 9999",
	// "allow all traffic in and out, from and to anything": the same
	// traffic both ways.
	if m := p.bothWays(); m != nil && len(dir) != 1 && verdict == generator.Allow && exceptAt < 0 {
		if r, ok := p.bothWaysRoles(groups, m); ok {
			return r, nil
		}
		// "app=web may talk with app=api both ways": either could be the
		// pods the policy is for.
		return r, p.refuse(fmt.Sprintf("which direction: %q says the traffic goes both ways; which pods should the policy be for, and should it limit what comes in (ingress) or what goes out (egress)? Say each direction as a rule of its own", p.text(m.start, m.end)), generator.ExampleNetwork)
	}
	// "traffic between X and Y": either way.
	if k := p.index("between"); k >= 0 && len(dir) == 0 && len(groups) > 1 {
		return r, p.refuse("which direction: traffic between "+textsOf(groups)+" goes both ways; should the policy limit what comes in (ingress) or what goes out (egress), and for which pods?", generator.ExampleNetwork)
	}
	if len(dir) == 1 {
		rr, err := p.explicitRoles(groups, dir[0], clusterWide)
		rr.dirMark = dm
		return rr, err
	}
	if len(dir) > 1 {
		return r, p.refuse("the request names both ingress and egress for peers; which direction do you mean? Ask once for each", generator.ExampleNetwork)
	}
	if r, ok, err := p.gappedRoles(groups); ok {
		return r, err
	}
	vr, err := p.verbRoles(groups, hasPorts)
	unreadPods := false
	for k := 0; len(groups) > 0 && k < groups[0].eps[0].start; k++ {
		unreadPods = unreadPods || podNouns[p.word(k)] && !p.taken(k)
	}
	allowedIn := allGroups(groups, (*group).inCluster) || allGroups(groups, func(g *group) bool { return g.prep == "from" }) && !unreadPods
	// "Only the API gateway should call our billing service. The pods
	// labeled app=billing accept ...": "billing" names the pods the policy
	// is for, which are called, never the ones allowed in to themselves.
	namesFallback := func(e *endpoint) bool {
		if p.fallback == nil || p.fallback.Pods == nil || e.namespace != "" {
			return false
		}
		if e.pods != nil {
			return reflect.DeepEqual(e.pods.MatchLabels, p.fallback.Pods.MatchLabels)
		}
		return e.name != "" && slices.Contains(slices.Collect(maps.Values(p.fallback.Pods.MatchLabels)), e.name)
	}
	calleeNamed := slices.ContainsFunc(groups, func(g *group) bool { return g.prep == "" && slices.ContainsFunc(g.eps, namesFallback) })
	if err != nil && p.fallback != nil && len(groups) > 0 && (p.prev == nil || len(p.prev.Network) == 0) && allowedIn && verdict == generator.Allow &&
		!slices.ContainsFunc(groups, func(g *group) bool {
			// "block /bin/sh in the app=web pods but allow it in the
			// app=admin pods": pods after "in" are where a rule holds.
			return slices.Contains([]string{"to", "into", "towards", "toward", "onto", "in", "inside", "within"}, g.prep)
		}) && !calleeNamed && !p.pronounAllowed() && !slices.ContainsFunc(groups, p.fetchedFrom) && !adviceAsked(p.request, p.toks) {
		// "The tcp-echo pods ... Allow the sleep pods on 9000": the pods named
		// before receive, the ones named here are allowed in. Pods after
		// "into" or "to" ("let it into every pod in empire") are where the
		// traffic goes, never the ones allowed in. "dragonfly (...): allow
		// 6379 from the media namespace and from 10.0.0.0/8": what comes
		// only from peers, addresses too, comes into the pods named before,
		// unless pods this clause names go unread ("the pods with role
		// frontend accept traffic only from X").
		return roles{peers: groups, dirs: []generator.Direction{generator.Ingress}, dirOrigin: p.verdictOriginFor("allow-into-described-pods")}, nil
	}
	if err != nil && p.prev != nil && p.fallback != nil && len(p.prev.Network) > 0 && !calleeNamed &&
		(len(groups) > 0 || hasPorts || slices.Contains(p.claim, "http-method") || slices.Contains(p.claim, "http-path")) {
		// "deny ... while allowing pods in the same namespace": the other
		// clause's pods and direction. A clause that names no peer, port or
		// HTTP rule ("everything from other namespaces gets dropped") adds
		// no rule "from anywhere".
		d := p.prev.Network[0].Direction
		// "... accept 8080 from app=lb. Then allow 0.0.0.0/0 on 443": a
		// peer allowed with no "to" or "from" may be where the traffic
		// goes as well as where it comes from; the rule before does not
		// say; nor "Then deny 10.0.0.0/8". (A peer that is the subject of
		// its verb, "our VPN server may also reach port 80", comes in.)
		// "0.0.0.0/0 is allowed on 443": allowed in or out, the words do
		// not say either ("... is allowed in" does).
		passive := func(g *group) bool {
			e := g.eps[len(g.eps)-1].end
			return p.is(e, "is", "are") && p.is(e+1, "allowed", "permitted") && !p.is(e+2, "in", "out", "to", "from", "into")
		}
		if slices.ContainsFunc(groups, func(g *group) bool {
			return g.prep == "" && (allowWords[p.word(g.eps[0].start-1)] || denyWords[p.word(g.eps[0].start-1)] || passive(g))
		}) {
			return r, p.refuse(fmt.Sprintf("which pods should %q apply to, and which direction: should it come in to them (ingress) or go out from them (egress)? Say \"from\" or \"to\"", p.text(0, len(p.toks))), generator.ExampleNetwork)
		}
		return roles{peers: groups, dirs: []generator.Direction{d}, dirOrigin: p.prevOrigin("network[0].direction")}, nil
	}
	return vr, err
}

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
	{"incoming", "and", "outgoing"}, {"outgoing", "and", "incoming"}, {"inbound", "and", "outbound"}, {"outbound", "and", "inbound"}}

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
	for _, g := range groups {
		k := g.eps[0].start - 1
		for k >= 0 && (determiners[p.word(k)] || p.is(k, "only", "just")) {
			k--
		}
		switch {
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
	if ownNS && (r.subject == nil || !r.subject.all(func(e *endpoint) bool { return e.kind == epNamespace && e.pods == nil && !e.sameNS })) {
		return roles{}, false
	}
	return r, true
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
		if p.taken(i) || !p.is(i, "in", "out") || !(outTo || sentOut || p.is(i-1, "allowed", "permitted", "let", "come", "comes", "get", "gets", "go", "goes", "allow", "nothing") || i+1 < len(p.toks) && p.toks[i+1].kind == tPunct && p.is(i-1, "allowed", "permitted")) {
			continue
		}
		if i+1 < len(p.toks) && !(p.toks[i+1].kind == tPunct || p.is(i+1, "from", "to", "on", "over", "and", "but", "for", "traffic", "connections", "requests") || sentOut && p.is(i+1, "apart", "except", "besides", "other")) {
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

// verbRoles reads "X may reach Y", "only X may reach Y", "X may only reach Y",
// "block X from reaching Y", "Y accepts traffic from X", "traffic from X to Y".
func (p *parser) verbRoles(groups []*group, hasPorts bool) (roles, error) {
	// "configure the hello-web pods so traffic to them is allowed only from
	// app=foo pods": the pods named first receive from the ones after "from".
	for k := range p.toks {
		if p.is(k, "traffic", "connections", "requests", "access") && p.is(k+1, "to") && p.is(k+2, "them", "it") && !p.taken(k+2) && len(groups) == 2 &&
			groups[0].prep == "" && groups[0].eps[len(groups[0].eps)-1].end <= k && groups[0].inCluster() && groups[1].prep == "from" && groups[1].eps[0].start > k {
			p.take(k+2, k+3, "refers-back")
			return roles{subject: groups[0], peers: []*group{groups[1]}, dirs: []generator.Direction{generator.Ingress}, dirMark: p.take(k+1, k+2, "traffic-to-them")}, nil
		}
	}
	// "allow the pods within team-a to talk to each other": the pods are
	// their own peers; traffic between them is let in.
	if k := max(p.phrase("each", "other"), p.phrase("one", "another")); k > 0 && len(groups) == 1 && len(groups[0].eps) == 1 && groups[0].inCluster() &&
		groups[0].eps[0].end <= k && (reachVerbs[p.word(k-1)] || reachVerbs[p.word(k-2)]) {
		ep := *groups[0].eps[0]
		if ep.kind == epNamespace {
			ep = endpoint{kind: epNamespace, sameNS: true, start: ep.start, end: ep.end, podsMark: &mark{k, k + 2, "each-other"}, nsMark: &mark{k, k + 2, "each-other"}}
		}
		m := p.take(k, k+2, "each-other")
		return roles{subject: groups[0], peers: []*group{{eps: []*endpoint{&ep}, prep: "from"}}, dirs: []generator.Direction{generator.Ingress}, dirMark: m}, nil
	}
	// "kube-state-metrics should only let prometheus do GET /metrics", "the
	// db lets the api pods connect on 5432": the pods that let take in the
	// traffic of the ones they let.
	if len(groups) == 2 && groups[0].prep == "" && groups[1].prep == "" && groups[0].inCluster() && groups[1].inCluster() {
		k := groups[1].eps[0].start - 1
		for k > 0 && determiners[p.word(k)] {
			k--
		}
		e := groups[1].eps[len(groups[1].eps)-1].end
		if p.is(e, "do", "to") {
			e++
		}
		if p.is(k, "let", "lets", "allow", "allows", "permit", "permits") && groups[0].eps[len(groups[0].eps)-1].end <= k &&
			(reachVerbs[p.word(e)] && !p.taken(e) || p.claim[e] == "http-method") {
			if reachVerbs[p.word(e)] {
				p.take(e, e+1, "let-verb")
			}
			return roles{subject: groups[0], peers: []*group{{eps: groups[1].eps, prep: "from"}}, dirs: []generator.Direction{generator.Ingress}, dirMark: &mark{k, k + 1, "lets-peers-in"}}, nil
		}
	}
	// "tier=backend pods, only tier=frontend pods may connect": pods
	// named as the topic, then who alone may reach them, with no object.
	if len(groups) == 2 && (groups[0].prep == "" || groups[0].prep == "for") && groups[1].prep == "" && groups[0].inCluster() && groups[1].inCluster() && len(groups[1].eps) == 1 &&
		p.onlyTheyMay(groups[0].eps[len(groups[0].eps)-1].end, groups[1].eps[0]) {
		k := groups[1].eps[0].end
		for !reachVerbs[p.word(k)] {
			k++
		}
		p.take(groups[1].eps[0].start-1, groups[1].eps[0].start, "only")
		return roles{subject: groups[0], peers: []*group{{eps: groups[1].eps, prep: "from"}}, dirs: []generator.Direction{generator.Ingress}, dirMark: p.take(k, k+1, "only-they-reach-topic")}, nil
	}
	verbAt, passive := -1, false
	for i, t := range p.toks {
		if p.taken(i) && !verdictRules[p.claim[i]] || p.claim[i] == "needs-access" {
			continue // "should get web access": the pods are the ones that access
		}
		// "pods labeled X get DNS plus HTTP on port 80 towards *.bar.com":
		// what the pods get, with only places it goes to, they send.
		getsTo := p.is(i, "get", "gets") && !slices.ContainsFunc(groups, func(g *group) bool { return g.prep == "from" || g.prep == "by" }) &&
			slices.ContainsFunc(groups, func(g *group) bool {
				return g.eps[0].start > i && (g.prep == "to" || g.prep == "towards" || g.prep == "toward")
			})
		if getsTo {
			verbAt = i
			break
		}
		if receiveVerbs[t.low] && !(t.low == "get" && p.is(i+1, "to")) {
			// "app=a may get data from app=b", "app=a takes its config
			// from app=b": what the pods fetch they may as well ask for
			// (they connect out), or be sent; the verb does not say.
			if k := p.pulledObject(i); k > i {
				return roles{}, p.refuse(fmt.Sprintf("which direction: do the pods that %s connect out to fetch it (egress), or is it sent to them (ingress)? Say \"X may reach Y\" or \"Y may reach X\"", p.text(i, k+1)), generator.ExampleNetwork)
			}
			verbAt, passive = i, true
			break
		}
		if p.letsIn(i, groups) {
			// the pods let in are where the traffic comes from
			for _, g := range groups {
				if g.eps[0].start > i && (g.prep == "" || g.prep == "in") {
					g.prep = "from"
				}
			}
			verbAt, passive = i, true
			break
		}
		if reachVerbs[t.low] {
			verbAt = i
			break
		}
	}
	// "sleep only needs en.wikipedia.org and de.wikipedia.org", "the
	// conductor pods only need the kube-apiserver, on 443": what the pods
	// need are the places they reach. The object may begin with its
	// determiner ("the kube-apiserver", "the internet"); an object followed
	// by "to" and a verb of reaching ("need the kube-apiserver to call
	// them", "... to be able to reach them") is what acts, not where the
	// pods go.
	if verbAt < 0 {
		for i := range p.toks {
			if !p.is(i, "needs", "need", "requires", "require") || p.taken(i) && !verdictRules[p.claim[i]] {
				continue
			}
			k := i + 1
			for p.is(k, "only", "just", "to", "reach") {
				k++
			}
			// The mention may take in its determiner or stand after it.
			needed := func(g *group) bool {
				at := g.eps[0].start == k || determiners[p.word(k)] && g.eps[0].start == k+1
				e := g.eps[len(g.eps)-1].end
				return at && g.external() && !(p.is(e, "to") && (reachVerbs[p.word(e+1)] || p.is(e+1, "be")))
			}
			if slices.ContainsFunc(groups, needed) {
				verbAt = i
				break
			}
		}
	}
	// "limit access to the database pods to the backend pods only": the
	// pods named first receive, from the ones named second.
	if k := p.first("limit", "limits", "restrict", "restricts"); k >= 0 && p.is(k+1, "access") && len(groups) == 2 && groups[0].prep == "to" && groups[1].prep == "to" && groups[0].eps[0].start > k {
		m := p.take(k+1, k+2, "access-limited-to")
		return roles{subject: groups[0], peers: []*group{{eps: groups[1].eps, prep: "from"}}, dirs: []generator.Direction{generator.Ingress}, dirMark: m}, nil
	}
	// "checkout may POST to /v1/carts/*", "should only be able to GET
	// /metrics from the worker pods": the HTTP method is the verb.
	if verbAt < 0 {
		for i := range p.toks {
			if p.claim[i] == "http-method" && (p.is(i-1, "may", "can", "to", "should", "must", "cannot", "can't") || p.is(i-1, "only") && p.is(i-2, "may", "can", "to", "should", "must")) {
				verbAt = i
				break
			}
		}
	}
	// "pods labeled app=web allow only POST /x from Y": the pods before
	// "allow" receive.
	if verbAt < 0 && len(groups) > 1 && slices.ContainsFunc(groups, func(g *group) bool { return g.prep == "from" }) {
		for i, t := range p.toks {
			if (t.low == "allow" || t.low == "allows" || t.low == "accept" || t.low == "accepts" || t.low == "permit" || t.low == "permits") && groups[0].eps[0].end <= i && groups[0].prep == "" {
				verbAt, passive = i, true
				break
			}
		}
	}
	// "block the toolbox pod from the metadata endpoint": the object of the
	// deny verb is kept from what follows "from".
	// "deny the nginx pods traffic from 203.0.113.0/24" is not that: a word
	// for traffic between the two is traffic that comes from the second,
	// which the pods named first receive.
	if verbAt < 0 && len(groups) == 2 && groups[0].prep == "" && groups[1].prep == "from" && p.verdictMark != nil && p.verdictMark.rule == "deny-word" && groups[0].eps[0].start <= p.verdictMark.end+1 {
		last := groups[0].eps[len(groups[0].eps)-1]
		for k := last.end; k < groups[1].eps[0].start; k++ {
			if p.is(k, "traffic", "connections", "connection", "packets", "requests") {
				return roles{subject: groups[0], peers: []*group{groups[1]}, dirs: []generator.Direction{generator.Ingress}, dirOrigin: p.verdictOriginFor("traffic-from")}, nil
			}
		}
		return roles{subject: groups[0], peers: []*group{groups[1]}, dirs: []generator.Direction{generator.Egress}, dirOrigin: p.verdictOriginFor("kept-from")}, nil
	}
	// "the db pods only permit access to their port 5432 from the worker
	// pods": access permitted from X is traffic the pods receive.
	if verbAt > 0 && p.is(verbAt, "access", "accesses") && p.is(verbAt-1, "permit", "permits", "allow", "allows", "grant", "grants", "give", "gives", "admit", "admits") &&
		slices.ContainsFunc(groups, func(g *group) bool { return g.prep == "from" && g.eps[0].start > verbAt }) && len(groups) > 0 && groups[0].eps[0].start < verbAt {
		passive = true
	}
	var dm *mark
	if verbAt >= 0 {
		dm = p.take(verbAt, verbAt+1, "direction-verb")
		if passive {
			dm.rule = "receive-verb"
		}
	}
	// "For the sqlproxy pods I'd like to allow port 5432 from X", "allow
	// DNS and 10.0.0.0/8 for the backend": with no verb, the pods after
	// "for" take in what comes from the peers, or send what goes to them.
	if verbAt < 0 {
		if r, ok := p.forRoles(groups, dm); ok {
			return r, nil
		}
	}
	fromDest := verbAt >= 0 && (fetchVerbs[p.word(verbAt)] || p.is(verbAt, "get", "head") && p.claim[verbAt] == "http-method")
	var sources, dests []*group
	for _, g := range groups {
		switch {
		case fromDest && g.prep == "from" && g.eps[0].start > verbAt:
			// "collect metrics from X", "fetch from X": X is what is reached.
			dests = append(dests, g)
		case passive && (g.prep == "on" || g.prep == "to") && g.external():
			// "exposed on the public internet": the world is where traffic comes from.
			sources = append(sources, &group{eps: g.eps, prep: "from"})
		case g.prep == "" && !passive && g.all(func(e *endpoint) bool { return e.kind == epFQDN }) && p.verdictMark != nil && g.eps[0].start >= p.verdictMark.end:
			// "client pods (app=client): allow httpbin.org on 80": a DNS
			// name the verdict is about can only be where traffic goes.
			dests = append(dests, g)
		case g.prep == "from" && !(verbAt >= 0 && g.eps[0].start < verbAt && strings.HasSuffix(p.word(g.eps[len(g.eps)-1].end), "ing")):
			sources = append(sources, g)
		case g.prep == "to" || g.prep == "towards" || g.prep == "into" || g.prep == "toward":
			dests = append(dests, g)
		case g.prep == "against" && (slices.Contains(p.claim, "http-method") || p.has("requests", "request", "queries", "query", "calls", "call")):
			// "allow it HTTP GET on /search* against the elasticsearch
			// pods", "queries against the db": where the requests go.
			dests = append(dests, g)
		case g.prep == "with" && verbAt >= 0 && g.eps[0].start > verbAt:
			dests = append(dests, g)
		case g.prep == "by" && p.is(g.eps[0].start-2, "sent", "made", "initiated", "originated", "opened", "issued", "generated", "started", "emitted", "established"):
			// "ping requests sent by role=server pods": the agent sends.
			sources = append(sources, g)
		case verbAt >= 0 && g.eps[0].start < verbAt:
			sources = append(sources, g)
		case verbAt >= 0:
			dests = append(dests, g)
		case g.prep == "on" || g.prep == "at":
			dests = append(dests, g)
		case g.prep == "of" && p.tok(g.eps[0].start-2) != nil && (p.toks[g.eps[0].start-2].kind == tNumber || p.is(g.eps[0].start-2, "port", "ports")):
			// "connect to port 9000 of pods in fubar": the pods behind the port.
			dests = append(dests, g)
		case g.prep == "for" || g.prep == "of" || g.prep == "in":
			// "for the toolbox pod": the subject, but which way?
			return roles{}, p.refuse(fmt.Sprintf("which direction: should %s receive this traffic (ingress) or send it (egress)?", quote(g.text())), "allow egress from the toolbox pod to 10.20.0.0/16")
		default:
			sources = append(sources, g)
		}
	}
	// "Any pod running under ... luke (labels) may ...": two mentions side
	// by side before the verb, with no "and" or "or" between them, could be
	// one set of pods or two; ask rather than allow both.
	for n := 1; n < len(sources); n++ {
		a, b := sources[n-1], sources[n]
		if a.prep == "" && b.prep == "" && verbAt >= 0 && b.eps[0].start < verbAt && !p.hasJoiner(a.eps[len(a.eps)-1].end, b.eps[0].start) {
			return roles{}, p.refuse(fmt.Sprintf("are %s and %s the same pods or two sets of pods? Join them with \"and\" or name them once", quote(a.text()), quote(b.text())), generator.ExampleNetwork)
		}
	}
	// "the cart pods from shop may reach the db": "from" just after the
	// pods, before the verb, may say where they are (their namespace or
	// cluster), not more pods allowed beside them; ask rather than allow
	// both.
	for n := 1; n < len(sources); n++ {
		a, b := sources[n-1], sources[n]
		if a.prep == "" && b.prep == "from" && !passive && verbAt >= 0 && b.eps[0].start < verbAt && b.eps[0].start == a.eps[len(a.eps)-1].end+1 {
			return roles{}, p.refuse(fmt.Sprintf("does \"from %s\" say where %s are? Say \"%s in namespace %s\" if so, or name both sets of pods joined by \"and\"", b.text(), quote(a.text()), a.text(), b.text()), generator.ExampleNetwork)
		}
	}
	if passive && p.is(verbAt, "accessible", "reachable", "available", "open", "exposed") && p.is(verbAt+1, "to") {
		// "the nginx app should only be accessible to pods labeled access=true",
		// "the db should only be exposed to the api pods": what it is
		// accessible or exposed to is where the traffic comes from.
		for _, g := range dests {
			if g.prep == "to" && g.eps[0].start > verbAt {
				g.prep = "from"
			}
		}
		for _, g := range sources {
			if g.prep == "to" && g.eps[0].start > verbAt {
				g.prep = "from"
			}
		}
	}
	if passive && p.is(verbAt, "accept", "accepts", "accepting", "admit", "admits", "admitting", "serve", "serves", "serving", "answer", "answers") {
		// "ingress gateway (...): accept the external clients 1.2.3.4 and
		// 5.6.7.0/24": what the pods accept, named right after the verb,
		// is where the traffic comes from.
		k := verbAt + 1
		for determiners[p.word(k)] || p.is(k, "only", "just", "connections", "traffic", "requests") {
			k++
		}
		for _, g := range append(slices.Clone(sources), dests...) {
			if g.prep == "" && g.eps[0].start > verbAt && g.eps[0].start <= k {
				g.prep = "from"
			}
		}
	}
	if passive {
		// "Y accepts traffic from X": Y is the destination.
		var from []*group
		for _, g := range sources {
			if g.prep == "from" || g.prep == "by" {
				from = append(from, g)
			} else {
				dests = append(dests, g)
			}
		}
		for _, g := range dests {
			if g.prep == "from" || g.prep == "by" {
				from = append(from, g)
			}
		}
		var to []*group
		for _, g := range dests {
			if g.prep != "from" && g.prep != "by" {
				to = append(to, g)
			}
		}
		sources, dests = from, to
	}
	// "checkout - it may only call payments and cart": the pods another
	// clause named are the ones calling.
	if len(sources) == 0 && verbAt > 0 && p.fallback != nil && !passive && len(dests) > 0 && p.subjectPronounBefore(verbAt) {
		return roles{peers: dests, dirs: []generator.Direction{generator.Egress}, dirMark: dm}, nil
	}
	// "only checkout may reach them": the pods another clause named.
	if len(dests) == 0 && verbAt >= 0 && p.fallback != nil && !passive {
		for k := verbAt + 1; k < len(p.toks) && k <= verbAt+2; k++ {
			if p.is(k, "them", "it") && !p.taken(k) {
				p.take(k, k+1, "refers-back")
				return roles{peers: anyPeers(sources), dirs: []generator.Direction{generator.Ingress}, dirMark: dm}, nil
			}
		}
	}
	// "alertmanager (app=x): prometheus scrapes 9093", "X calls it on
	// 8080": under a heading, the pods it names are what the callers reach.
	if len(dests) == 0 && len(sources) > 0 && verbAt > 0 && !passive && (p.heading || p.ctx != nil) && p.verdictMark != nil && p.verdictMark.rule == "described-traffic" &&
		allGroups(sources, func(g *group) bool { return g.eps[0].start < verbAt }) {
		for k := verbAt + 1; k < len(p.toks) && k <= verbAt+2; k++ {
			if p.is(k, "it", "them") && !p.taken(k) {
				p.take(k, k+1, "refers-back")
			}
		}
		return roles{peers: anyPeers(sources), dirs: []generator.Direction{generator.Ingress}, dirMark: dm}, nil
	}
	// "...: accept HTTP and HTTPS from the internet": traffic into the pods
	// another clause named.
	if passive && len(dests) == 0 && len(sources) > 0 && p.fallback != nil {
		return roles{peers: sources, dirs: []generator.Direction{generator.Ingress}, dirMark: dm}, nil
	}
	// "payment-gateway namespace - pods should only accept traffic from
	// ...": the pods of the namespace the scene names take it in.
	if passive && len(dests) == 0 && len(sources) > 0 && p.ctx != nil && p.fallback == nil {
		for k := 0; k < verbAt; k++ {
			if p.is(k, "pods") && !p.taken(k) && (k == 0 || p.is(k-1, "the", "all", ",", "-", ":")) && (k+1 == verbAt || p.is(k+1, "should", "must", "may", "can", "will", "only")) {
				if p.is(k-1, "the", "all") {
					p.take(k-1, k, "scene-pods")
				}
				p.take(k, k+1, "scene-pods")
				return roles{peers: sources, dirs: []generator.Direction{generator.Ingress}, dirMark: dm}, nil
			}
		}
	}
	// "allow Prometheus to scrape metrics from all pods in the cluster":
	// cluster-wide, every pod takes the traffic of the one that fetches.
	if p.clusterWide && fromDest && len(dests) == 0 && len(sources) == 1 && sources[0].inCluster() {
		return roles{peers: sources, dirs: []generator.Direction{generator.Ingress}, dirMark: dm}, nil
	}
	// "block access to 169.254.169.254 from every pod in the cluster":
	// cluster-wide, the pods are all pods.
	if p.clusterWide && len(sources) == 0 && len(dests) > 0 && allGroups(dests, (*group).external) {
		return roles{peers: dests, dirs: []generator.Direction{generator.Egress}, dirMark: dm}, nil
	}
	// "productpage needs GET access to reviews", "X should only have upload
	// access to Y - HTTP PUT on /x": access to Y's HTTP API is a rule of
	// what Y serves, to X.
	if slices.Contains(p.claim, "needs-access") && slices.Contains(p.claim, "http-method") && !passive && len(sources) == 1 && sources[0].inCluster() && len(dests) == 1 && dests[0].inCluster() {
		return roles{subject: dests[0], peers: sources, dirs: []generator.Direction{generator.Ingress}, dirMark: dm}, nil
	}
	// "prometheus needs to scrape node-exporter on 9100 and the kubelet on
	// every node on 10250": what the pods need to reach, they send.
	if verbAt > 1 && !passive && len(sources) == 1 && sources[0].inCluster() && len(dests) > 0 && p.is(verbAt-1, "to") && p.is(verbAt-2, "needs", "need", "has", "have") &&
		sources[0].eps[len(sources[0].eps)-1].end == verbAt-2 {
		return roles{subject: sources[0], peers: dests, dirs: []generator.Direction{generator.Egress}, dirMark: dm}, nil
	}
	// "tempo (...): ..., and vmagent (...) may only GET /metrics on 3200":
	// under a heading, pods that reach nothing named reach the heading's.
	if len(dests) == 0 && len(sources) == 1 && sources[0].inCluster() && verbAt > 0 && !passive && p.heading && p.fallback != nil {
		return roles{peers: sources, dirs: []generator.Direction{generator.Ingress}, dirMark: dm}, nil
	}
	// "a policy restricting what the approver (...) can access: ...",
	// "limit where app=x may connect": what the pods reach is what is
	// restricted, so they send.
	restrictWhat := verbAt > 0 && len(sources) == 1 && sources[0].eps[0].start < verbAt && p.is(sources[0].eps[0].start-1, "what", "where") &&
		p.is(sources[0].eps[0].start-2, "restrict", "restricts", "restricting", "limit", "limits", "limiting", "confine", "confines", "confining")
	if restrictWhat {
		p.take(sources[0].eps[0].start-2, sources[0].eps[0].start, "restrict-what")
	}
	// "X may only reach Y", and "X may reach only Y": where X goes is
	// what is limited.
	onlySource := restrictWhat || verbAt > 0 && len(sources) == 1 && p.onlyBetween(sources[0].eps[len(sources[0].eps)-1].end, verbAt) ||
		verbAt > 0 && !passive && len(sources) == 1 && sources[0].eps[0].start < verbAt && len(dests) > 0 && dests[0].eps[0].start > verbAt && p.onlyBetween(verbAt+1, dests[0].eps[0].start) ||
		verbAt > 0 && !passive && len(sources) == 1 && sources[0].eps[0].start < verbAt && len(dests) > 0 && !p.onlyBefore(verbAt) && p.nowhereElse(dests[len(dests)-1].eps[0].start) ||
		p.has("restrict", "limit", "confine", "restricted", "limited", "confined") && len(sources) == 1 ||
		p.clause.sameSubject && len(sources) <= 1
	switch {
	case onlySource && !passive:
		if len(sources) == 1 && !sources[0].inCluster() {
			return roles{}, p.refuse(fmt.Sprintf("%s is not pods in the cluster, so no policy can restrict where it goes; which pods do you mean?", sources[0].text()), generator.ExampleNetwork)
		}
		if k := p.index("restrict", "limit", "confine", "restricted", "limited", "confined"); k >= 0 {
			p.take(k, k+1, "restrict")
		}
		r := roles{peers: dests, dirs: []generator.Direction{generator.Egress}, dirMark: dm}
		if len(sources) == 1 {
			r.subject = sources[0]
		}
		return r, nil
	case !passive && verbAt > 0 && len(sources) == 1 && sources[0].inCluster() && sources[0].eps[0].start < verbAt && !p.onlyBefore(verbAt) &&
		slices.ContainsFunc(dests, func(g *group) bool { return slices.ContainsFunc(g.eps, (*endpoint).external) }) && p.joined(dests):
		// "every pod may send traffic to pods in its own namespace and to
		// any IP in 0.0.0.0/0": traffic to an address outside the cluster
		// can only be limited where it leaves, so the pods before the verb
		// send all of it. Places side by side with no "and" between them
		// ("outside the cluster - 0.0.0.0/0 except ...") could be one said
		// twice; they are left to the question.
		return roles{subject: sources[0], peers: dests, dirs: []generator.Direction{generator.Egress}, dirMark: dm}, nil
	case len(dests) > 0 && len(sources) == 1 && allGroups(dests, func(g *group) bool { return g.all(func(e *endpoint) bool { return e.kind == epService }) }) &&
		!(p.onlyBefore(sources[0].eps[0].start) || passive && p.onlyBefore(len(p.toks))):
		// "X may reach the Service Y": Services are only egress destinations.
		// ("only X may reach the Service Y", "the Service Y may only be
		// reached from X" limit who reaches Y, which no egress rule of X
		// says.)
		return roles{subject: sources[0], peers: dests, dirs: []generator.Direction{generator.Egress}, dirMark: dm}, nil
	case len(dests) == 1 && dests[0].inCluster() && len(sources) == 0 && verbAt >= 0 && !passive && reachVerbs[p.word(verbAt)] && p.unresolvedBefore(verbAt) == "" && !p.trafficBefore(verbAt):
		// "Allow: reach the app=server pods on TCP 8080": no caller is
		// named, so the callers are not "anyone"; under pods named before,
		// they are the ones that reach.
		if p.fallback != nil {
			return roles{peers: dests, dirs: []generator.Direction{generator.Egress}, dirMark: dm}, nil
		}
		return roles{}, p.refuse(fmt.Sprintf("which pods should reach %s? Name them (\"the pods labeled app=web may reach ...\"), or say \"from anywhere\"", textsOf(dests)), generator.ExampleNetwork)
	case len(dests) == 1 && dests[0].inCluster() && len(sources) == 0 && verbAt < 0 && p.fallback != nil && p.letInto(dests[0]):
		// "Prometheus lives in monitoring (app=prometheus). Let it into
		// every pod in the empire namespace": the pods named before may
		// reach the ones after "into", which take them in.
		k := dests[0].eps[0].start
		p.take(k-3, k-1, "let-it")
		return roles{subject: dests[0], peers: []*group{{eps: []*endpoint{{kind: epPods, fallback: true, start: k - 2, end: k - 1, prep: "from", text: p.text(k-2, k-1)}}, prep: "from"}},
			dirs: []generator.Direction{generator.Ingress}, dirMark: p.take(k-1, k, "let-into")}, nil
	case len(dests) == 1 && dests[0].inCluster() && len(sources) == 0 && verbAt < 0 && p.fallback != nil:
		// "role=client pods ... Allow: HTTP GET / on the app=api pods": the
		// pods named before could be the callers, or the rule could be for
		// these pods, from anyone.
		return roles{}, p.refuse(fmt.Sprintf("which pods send this traffic to %s: the pods named before, or anyone? Say \"from anywhere\" or name them", textsOf(dests)), generator.ExampleNetwork)
	case len(dests) == 1 && dests[0].all(func(e *endpoint) bool { return e.kind == epEntity }) && len(sources) == 1 && sources[0].inCluster() && !passive && verbAt > 0 && sources[0].eps[0].start < verbAt:
		// "every pod may talk to anything inside the cluster": the cluster
		// entity is no pods a policy could be for; the pods before the verb
		// send to it.
		return roles{subject: sources[0], peers: dests, dirs: []generator.Direction{generator.Egress}, dirMark: dm}, nil
	case len(dests) > 1 && len(sources) == 1 && sources[0].inCluster() && !passive && verbAt > 0 && sources[0].eps[len(sources[0].eps)-1].end <= verbAt &&
		allGroups(dests, func(g *group) bool {
			return len(g.eps) == 1 && g.inCluster() && g.eps[0].kind != epService && g.eps[0].start > verbAt
		}) && p.destsInARow(dests, verbAt):
		// "app=api may reach app=db on 5432, and app=cache on 6379", "allow
		// the API pod to talk to A on TCP 5432, and to B on TCP 9000": each
		// destination takes the callers in, on the ports said after it
		// (network.go binds them, or asks).
		return roles{subjects: dests, peers: anyPeers(sources), dirs: []generator.Direction{generator.Ingress}, dirMark: dm}, nil
	case len(dests) == 1 && dests[0].inCluster():
		// "Srv2 needs to call the Srv1 back end": a caller named by a word
		// that names no pods would become "from anywhere"; ask instead.
		if len(anyPeers(sources)) == 0 && verbAt > 0 && !passive {
			if w := p.unresolvedBefore(verbAt); w != "" {
				return roles{}, p.refuse(fmt.Sprintf("which pods are %q? Give their labels (\"the pods labeled app=%s\") so that the policy admits them and no others", w, strings.ToLower(w)), generator.ExampleNetwork)
			}
		}
		return roles{subject: dests[0], peers: anyPeers(sources), dirs: []generator.Direction{generator.Ingress}, dirMark: dm, each: len(dests[0].eps) > 1}, nil
	case len(dests) > 0 && allGroups(dests, (*group).external) && len(sources) == 0 && p.heading && p.fallback != nil && p.verdictMark != nil &&
		(p.verdictMark.rule == "described-traffic" || p.verdictMark.rule == "allow-word" && !passive):
		// "the sleep pods (app=sleep): plain HTTP to httpbin.org on port 80",
		// "client pods (app=client): allow httpbin.org on 80": the pods of
		// the heading go there.
		return roles{peers: dests, dirs: []generator.Direction{generator.Egress}, dirMark: p.verdictMark}, nil
	case len(dests) > 0 && allGroups(dests, (*group).external):
		if len(sources) != 1 {
			return roles{}, p.refuse(fmt.Sprintf("which pods should reach %s?", textsOf(dests)), "allow the frontend pods to reach 10.0.0.0/8 on port 443")
		}
		return roles{subject: sources[0], peers: dests, dirs: []generator.Direction{generator.Egress}, dirMark: dm}, nil
	case len(dests) == 0 && len(sources) == 1 && sources[0].inCluster() && (sources[0].prep == "on" || sources[0].prep == "to" || sources[0].prep == "into") && (hasPorts || p.hasPhrase("allow", "all") || p.hasPhrase("all", "traffic")):
		// "open port 8080 on the frontend", "allow all traffic to X" without a "to"
		return roles{subject: sources[0], dirs: []generator.Direction{generator.Ingress}, dirMark: p.take(sources[0].eps[0].start-1, sources[0].eps[0].start, "to-subject")}, nil
	case len(dests) == 0 && len(sources) == 0 && p.fallback != nil && p.index("through") > p.first("let", "lets") && p.first("let", "lets") >= 0:
		// "httpbin (app=httpbin): only let GET requests through": into the
		// pods named before, from anywhere.
		return roles{dirs: []generator.Direction{generator.Ingress}, dirMark: p.take(p.index("through"), p.index("through")+1, "let-through")}, nil
	case len(dests) == 0 && len(sources) == 0 && p.clusterWide && passive && hasPorts:
		// "every pod in the cluster may receive ping requests (ICMPv4 type
		// 8)": the cluster's pods, named by the scope, take it from anyone.
		return roles{dirs: []generator.Direction{generator.Ingress}, dirMark: dm}, nil
	case len(dests) == 0 && len(sources) > 0 && p.clusterWide && passive:
		// "every pod in the cluster only accepts traffic coming from inside
		// the cluster", "all pods in the cluster should accept traffic from
		// 10.0.0.0/8": the cluster's pods, named by the scope, take in what
		// comes from the peers.
		return roles{peers: sources, dirs: []generator.Direction{generator.Ingress}, dirMark: dm}, nil
	case len(dests) == 0 && len(sources) == 0:
		return roles{}, p.ask("which pods should this policy apply to?", generator.ExampleNetwork, "for the pods labeled app=web")
	}
	return roles{}, p.ask("which direction: should the pods receive this traffic (ingress) or send it (egress)?", generator.ExampleNetwork, "ingress")
}

// destsInARow reports whether only ports and joiners stand between the
// destinations ("app=db on TCP 5432, and to app=cache on 6379"): no verb
// that makes a later one the subject of a clause of its own ("..., so the
// grafana pods can still query them").
func (p *parser) destsInARow(dests []*group, verbAt int) bool {
	var again []int
	for n := 1; n < len(dests); n++ {
		for k := dests[n-1].eps[0].end; k < dests[n].eps[0].start; k++ {
			switch {
			case p.is(k, "they", "it") && p.is(k+1, "may", "can") && p.word(k+2) == p.word(verbAt) && k+3 == dests[n].eps[0].start:
				// "only the Traefik pods may access A on 8080, and only
				// they may access B on 8888": the callers, with the verb
				// said again.
				again = append(again, k)
				k += 2
			case p.is(k, "only") && p.is(k+1, "they", "it"):
			case p.is(k, ",", "and", "to", "on", "over", "port", "ports", "plus", "also", "tcp", "udp") || determiners[p.word(k)]:
			case p.claim[k] == "port" || p.claim[k] == "port-word" || p.claim[k] == "protocol" || p.claim[k] == "port-range" || p.claim[k] == "list":
			default:
				return false
			}
		}
	}
	for _, k := range again {
		p.take(k, k+3, "refers-back")
	}
	return true
}

// forRoles reads one set of pods after "for" with every other group after
// "from" (ingress) or every other after "to" (egress); ok is false for any
// other mix, which says no direction.
func (p *parser) forRoles(groups []*group, dm *mark) (roles, bool) {
	var subject *group
	var from, to []*group
	for _, g := range groups {
		switch {
		case g.prep == "for" && subject == nil && g.inCluster():
			subject = g
		case g.prep == "from":
			from = append(from, g)
		case g.prep == "to" || g.prep == "towards" || g.prep == "toward":
			to = append(to, g)
		default:
			return roles{}, false
		}
	}
	switch {
	case subject == nil:
		return roles{}, false
	case len(from) > 0 && len(to) == 0:
		k := from[0].eps[0].start - 1
		for k > 0 && !p.is(k, "from") {
			k--
		}
		return roles{subject: subject, peers: from, dirs: []generator.Direction{generator.Ingress}, dirMark: p.take(k, k+1, "from-peers")}, true
	case len(to) > 0 && len(from) == 0:
		k := to[0].eps[0].start - 1
		for k > 0 && !p.is(k, "to", "towards", "toward") {
			k--
		}
		return roles{subject: subject, peers: to, dirs: []generator.Direction{generator.Egress}, dirMark: p.take(k, k+1, "to-peers")}, true
	}
	return roles{}, false
}

// letInto reports whether g follows "let it into", "allow them into": the
// pods another clause named, by a pronoun, are let into g. Only pods named
// by labels in one namespace can be a peer.
func (p *parser) letInto(g *group) bool {
	k := g.eps[0].start
	return len(g.eps) == 1 && g.prep == "into" && p.is(k-1, "into") && p.is(k-2, "it", "them") && p.is(k-3, "let", "allow", "permit") &&
		p.fallback.Scope == generator.ScopePods && p.fallback.Pods != nil && len(p.fallback.Pods.MatchLabels)+len(p.fallback.Pods.MatchExpressions) > 0 && p.fallback.Namespace != ""
}

// unresolvedBefore is the first word before i that could name pods but was
// not read as any, or "".
func (p *parser) unresolvedBefore(i int) string {
	for k := 0; k < i; k++ {
		if t := p.tok(k); t != nil && t.kind == tWord && (p.nameWord(k) || p.looseName(k)) && !frameWords[t.low] && !actionVerbs[t.low] {
			return t.raw
		}
	}
	return ""
}

func (p *parser) onlyBetween(from, to int) bool {
	for k := from; k < to; k++ {
		if p.is(k, "only", "just", "solely", "exclusively") {
			p.take(k, k+1, "only")
			return true
		}
	}
	return false
}

// nowhereElse reports whether the rest an allow-list leaves, said after
// the places reached (at i), is places: "X may reach Y on 5432 and nothing
// else", "..., nowhere else". Where X goes is what is limited, as in "X may
// only reach Y"; "nobody else" would be about who reaches Y.
func (p *parser) nowhereElse(i int) bool {
	m := p.restMark
	return m != nil && m.start > i && slices.ContainsFunc(p.toks[m.start:m.end], func(t token) bool { return t.low == "nothing" || t.low == "nowhere" })
}

// joined reports whether an "and", "or", "plus" or comma stands between
// each group and the next.
func (p *parser) joined(gs []*group) bool {
	for n := 1; n < len(gs); n++ {
		if !p.hasJoiner(gs[n-1].eps[len(gs[n-1].eps)-1].end, gs[n].eps[0].start) {
			return false
		}
	}
	return true
}

// onlyBefore reports whether "only" or a word like it stands before i:
// "only X may reach Y" limits who reaches Y, not where X goes.
func (p *parser) onlyBefore(i int) bool {
	for k := 0; k < i; k++ {
		if p.is(k, "only", "just", "solely", "exclusively") {
			return true
		}
	}
	return false
}

func anyPeers(groups []*group) []*group {
	var out []*group
	for _, g := range groups {
		if !g.all(func(e *endpoint) bool { return e.kind == epAny }) {
			out = append(out, g)
		}
	}
	return out
}

func allGroups(gs []*group, f func(*group) bool) bool {
	for _, g := range gs {
		if !f(g) {
			return false
		}
	}
	return true
}

func textsOf(gs []*group) string {
	var parts []string
	for _, g := range gs {
		parts = append(parts, quote(g.text()))
	}
	return strings.Join(parts, ", ")
}

// trafficBefore reports whether words for traffic stand before i, as what
// does the reaching: "only requests with the header X should reach ...".
func (p *parser) trafficBefore(i int) bool {
	for k := 0; k < i; k++ {
		if p.is(k, "traffic", "requests", "request", "connections", "connection", "packets", "calls", "flows") {
			return true
		}
	}
	return false
}

// prepAgainst reports whether pods named after prep go against direction
// dir: as the policy's pods (subject), "egress to X" and "ingress from X"
// name X as the other end; as its peers, "egress ... from X" and "ingress
// ... to X" name X as the pods themselves.
func prepAgainst(prep string, dir generator.Direction, subject bool) bool {
	towards := prep == "to" || prep == "into" || prep == "towards" || prep == "toward" || prep == "onto"
	if subject == (dir == generator.Egress) {
		return towards
	}
	return prep == "from"
}

// subjectPrep is how a request names the pods whose traffic goes in dir.
func subjectPrep(dir generator.Direction) string {
	if dir == generator.Egress {
		return "from"
	}
	return "to"
}

// pronounAllowed reports whether an allow word takes a pronoun as its
// object ("allow it", "permit them"): what it stands for is named in
// another clause, a file or a program as well as traffic.
func (p *parser) pronounAllowed() bool {
	for k := range p.toks {
		if allowWords[p.word(k)] && pronouns[p.word(k+1)] {
			return true
		}
	}
	return false
}

// passiveGet reports whether the "get" at k makes a passive of the deny
// word after it, and says no direction: "connections from app=test get
// dropped" (which isolated app=test's ingress), "requests got blocked".
func (p *parser) passiveGet(k int) bool {
	return p.is(k, "get", "gets", "got", "getting") && denyWords[p.word(k+1)] && strings.HasSuffix(p.word(k+1), "ed")
}

// fetchedFrom reports whether the group's "from" follows a verb of
// fetching, within a few words: "monitoring needs to scrape metrics from
// their pods", "the collector pulls logs from the app pods". The pods after
// "from" are where that traffic goes, not where it comes from.
func (p *parser) fetchedFrom(g *group) bool {
	if g.prep != "from" || len(g.eps) == 0 {
		return false
	}
	for k := g.eps[0].start - 1; k >= 0 && k >= g.eps[0].start-5 && (p.tok(k) == nil || p.toks[k].kind != tPunct); k-- {
		if fetchVerbs[p.word(k)] || p.is(k, "scraping", "collecting", "pulling", "fetching", "gathering", "polling", "reading", "retrieving", "downloading") {
			return true
		}
	}
	return false
}

// letsIn reports whether "let" at i, with "in" just after it or just after
// the peers it lets, says what the pods before it receive: "the app=db pods
// only let in pods labeled app=api", "the ingress pods also let any pod
// from the monitoring namespace in on 10254". "let X into Y" and "let X
// in namespace Y reach ..." say something else.
func (p *parser) letsIn(i int, groups []*group) bool {
	// "allow the backend (app=backend) in on port 3306": as "let", with
	// the pods let in the only ones named after the verb ("allow app=a in
	// on 80 and app=b out on 5432" is no rule of one way).
	if p.is(i, "allow", "allows", "permit", "permits") && (i > 0 || p.fallback != nil) {
		after := slices.DeleteFunc(slices.Clone(groups), func(g *group) bool { return g.eps[0].start <= i })
		if len(after) != 1 {
			return false
		}
		for _, g := range after {
			if g.eps[0].start == i+1 {
				e := g.eps[len(g.eps)-1].end
				return g.prep == "" && p.is(e, "in") && (e+1 == len(p.toks) || p.toks[e+1].kind == tPunct || p.is(e+1, "on", "over", "via", "through", "only", "too", "as", "and"))
			}
		}
		return false
	}
	if !p.is(i, "let", "lets") || i == 0 {
		return false
	}
	if p.is(i+1, "in") && !namespaceWords[p.word(i+2)] && !namespaceWords[p.word(i+3)] {
		return !slices.ContainsFunc(groups, func(g *group) bool { return g.prep == "to" || g.prep == "into" })
	}
	for _, g := range groups {
		if len(g.eps) > 0 && g.eps[0].start == i+1 {
			e := g.eps[len(g.eps)-1].end
			return p.is(e, "in") && (e+1 == len(p.toks) || p.toks[e+1].kind == tPunct || p.is(e+1, "on", "over", "via", "through", "only", "too", "as", "and"))
		}
	}
	return false
}

// pulledNouns are what pods fetch rather than take in as traffic: "get
// data from", "take its config from".
var pulledNouns = set("data", "files", "file", "images", "image", "config", "configs", "configuration", "updates", "update", "results", "result",
	"content", "secrets", "secret", "records", "info", "information", "metrics", "tokens", "token", "responses", "response", "answers", "artifacts",
	"packages", "reports", "jobs", "tasks", "work", "messages", "events", "objects", "backups", "keys", "certificates", "certs", "settings")

// pulledObject returns where the object of pulledNouns of the verb at i
// ("get", "take") ends, when "from" follows it: "get data from app=b",
// "gets its configuration from"; -1 when there is none. ("gets traffic
// from", "takes connections from" are traffic the pods receive.)
func (p *parser) pulledObject(i int) int {
	if !p.is(i, "get", "gets", "getting", "take", "takes", "taking", "fetch", "fetches") {
		return -1
	}
	k := i + 1
	for k < len(p.toks) && k < i+5 && (determiners[p.word(k)] || p.is(k, "its", "their", "his", "her", "our", "some", "new", "fresh", "latest") || p.toks[k].kind == tWord && !pulledNouns[p.word(k)] && !fillerWords[p.word(k)] && !meaningful(p.toks[k]) && !p.is(k, "from", "to")) {
		if pulledNouns[p.word(k)] {
			break
		}
		k++
	}
	if pulledNouns[p.word(k)] && p.is(k+1, "from") {
		return k
	}
	return -1
}

// gappedRoles reads a clause that leaves out the verb of the clause before
// ("gapping"): "app=api pods accept traffic only from app=web on 8080;
// app=db pods only from app=api on 5432", "the app=api pods may only send
// to app=db, and the app=worker pods only to app=queue". The pods named
// first are the subject, as in the clause before, and the traffic goes the
// same way; "only" or "just" before the preposition says the clause is the
// same kind of rule. A preposition against the way of the clause before
// ("X accepts traffic only from A; Y only to B"), or a verb that is no
// allow ("deny X from A, and Y only from B"), is asked about.
func (p *parser) gappedRoles(groups []*group) (roles, bool, error) {
	if p.prev == nil || len(p.prev.Network) == 0 || len(groups) < 2 || groups[0].prep != "" || !groups[0].inCluster() {
		return roles{}, false, nil
	}
	for k := 0; k < groups[0].eps[0].start; k++ {
		if !p.is(k, "and", ",", "also", "then") {
			return roles{}, false, nil
		}
	}
	k := groups[0].eps[len(groups[0].eps)-1].end
	n := k
	for p.is(n, "only", "just") {
		n++
	}
	prep := groups[1].prep
	if n == k || n+1 != groups[1].eps[0].start || (prep != "from" && prep != "to") {
		return roles{}, false, nil
	}
	for _, g := range groups[1:] {
		if g.prep != prep {
			return roles{}, false, nil
		}
	}
	d := p.prev.Network[0].Direction
	for _, rule := range p.prev.Network {
		// "deny traffic to X from A, and Y only from B": a deny's gap
		// would deny all but B, which "only" alone reads as an allow.
		if rule.Verdict != generator.Allow {
			return roles{}, true, p.refuse(fmt.Sprintf("what should %q do? It leaves out the verb of a rule that is no allow; say it in full (\"%s accept traffic only from ...\")", p.text(0, len(p.toks)), groups[0].text()), generator.ExampleNetwork)
		}
		if rule.Direction != d {
			return roles{}, true, p.refuse(fmt.Sprintf("which direction: %q leaves out the verb, and the rules before it go both ways; say whether %s receive this traffic (ingress) or send it (egress)", p.text(0, len(p.toks)), groups[0].text()), generator.ExampleNetwork)
		}
	}
	if (prep == "from") != (d == generator.Ingress) {
		return roles{}, true, p.refuse(fmt.Sprintf("which direction: %q leaves out the verb, but \"%s\" goes against the %s rule before it; say whether %s receive this traffic (ingress) or send it (egress)", p.text(0, len(p.toks)), prep, d, groups[0].text()), generator.ExampleNetwork)
	}
	p.take(k, n, "gapped-only")
	return roles{subject: groups[0], peers: groups[1:], dirs: []generator.Direction{d}, dirOrigin: p.prevOrigin("network[0].direction")}, true, nil
}
