package builtin

import (
	"fmt"
	"maps"
	"reflect"
	"slices"
	"strings"

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
		// "from the namespace labeled env=qa (that is the qa namespace)":
		// a namespace in brackets right after a peer says where the peer
		// is, not where the policy's pods are.
		if p.aboutPeerInBrackets(groups, g) {
			continue
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

// anyPeerNamespace asks about a namespace said right after peers that
// hold no namespace: "from anywhere in namespace ops", "from any client
// in namespace ops", "from all of namespace ops". The namespace says
// where those peers are; read as the scene, it moved to the policy's own
// pods and the peers were let in from everywhere (finder 17, S1). ("from
// anyone in namespace ops" is every pod there: everyoneInNamespace.)
func (p *parser) anyPeerNamespace(groups []*group) string {
	for _, g := range groups {
		ns := g.eps[0]
		if !contextPreps[g.prep] || len(g.eps) != 1 || ns.kind != epNamespace || ns.namespace == "" || ns.podsMark != nil && ns.podsMark.rule != "namespace" {
			continue
		}
		k := ns.start - 1
		for determiners[p.word(k)] && k > 0 {
			k--
		}
		if !p.is(k, "in", "inside", "within", "of") {
			continue
		}
		k--
		// "from all of namespace ops": a quantifier after the preposition
		// of the peers.
		any := p.is(k, "all", "each", "every", "any") && (peerPreps[p.word(k-1)] || reachVerbs[p.word(k-1)])
		for residenceAdverbs[p.word(k)] || residenceVerbs[p.word(k)] || p.is(k, "that", "which", "who") {
			k--
		}
		for _, o := range groups {
			any = any || o.eps[len(o.eps)-1].end == k+1 && o.all(func(e *endpoint) bool { return e.kind == epAny })
		}
		if any {
			return fmt.Sprintf("does %q say where the peers are, or where the pods the policy is for run? Say \"every pod in namespace %s\" for the peers, or name the namespace with the policy's pods", p.text(ns.start, ns.end), ns.namespace)
		}
	}
	return ""
}

// aboutPeerInBrackets reports whether g stands in brackets that open
// right after a group of peers ("from X (... g ...)").
func (p *parser) aboutPeerInBrackets(groups []*group, g *group) bool {
	k := g.eps[0].start - 1
	for k >= 0 && k >= g.eps[0].start-6 && !p.is(k, "(", ")") {
		k--
	}
	if !p.is(k, "(") {
		return false
	}
	return slices.ContainsFunc(groups, func(o *group) bool {
		return o != g && o.eps[len(o.eps)-1].end == k && peerPreps[o.prep]
	})
}

// peerPreps open a group of peers.
var peerPreps = set("from", "to", "into", "towards", "toward", "by", "with")

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
	// "allow the traffic between 2 namespaces: any pod in frontend may
	// reach ...": "between" in a heading that names none of the pods, the
	// statement after its colon says who sends.
	if k, colon := p.index("between"), p.index(":"); k >= 0 && colon > k && len(dir) == 0 && len(groups) > 1 && !slices.ContainsFunc(groups, func(g *group) bool { return g.eps[0].start < colon }) {
		n := k + 1
		for n < colon && (determiners[p.word(n)] || quantityWords[p.word(n)] || p.toks[n].kind == tNumber || p.is(n, "our", "the", "namespaces", "pods", "services", "tiers", "apps", "workloads")) {
			n++
		}
		if n == colon {
			p.take(k, n, "between-in-heading")
		}
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
	// "Only envoy may reach the app=web pods. Envoy runs as the gateway
	// (app=envoy)": a word left unread that the pods another sentence names carry
	// as a label value, or a part of one, names them here too, before the
	// pods the clause names, in a role it does not say; they are not
	// simply the pods the others come into.
	if p.fallback != nil && p.fallback.Pods != nil && len(groups) > 0 {
		values := slices.Collect(maps.Values(p.fallback.Pods.MatchLabels))
		for k, t := range p.toks[:groups[0].eps[0].start] {
			if !p.taken(k) && t.kind == tWord && slices.ContainsFunc(values, func(v string) bool { return holdsParts(strings.Split(strings.ToLower(v), "-"), []string{t.low}) }) {
				calleeNamed = true
			}
		}
	}
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
		// "Default deny ingress in namespace prod. The ingress controller
		// has to reach app=web on 80": pods reached are where the traffic
		// goes, never the ones let in.
		if d == generator.Ingress && slices.ContainsFunc(groups, func(g *group) bool { return g.prep == "" && reachVerbs[p.word(g.eps[0].start-1)] }) {
			return vr, err
		}
		// "Default deny egress for app=web. The backup agent has to reach
		// app=db": words before the verb that name no pods say who sends,
		// not the pods of the clause before.
		if v := slices.IndexFunc(p.toks, func(t token) bool { return reachVerbs[t.low] }); v > 0 {
			if k, j := p.wordsBeforeVerb(v); k >= 0 && p.subjectOfVerb(j, v) {
				return vr, err
			}
		}
		return roles{peers: groups, dirs: []generator.Direction{d}, dirOrigin: p.prevOrigin("network[0].direction")}, nil
	}
	return vr, err
}

// holdsParts reports whether parts holds want as a run.
func holdsParts(parts, want []string) bool {
	for i := 0; i+len(want) <= len(parts); i++ {
		if slices.Equal(parts[i:i+len(want)], want) {
			return true
		}
	}
	return false
}
