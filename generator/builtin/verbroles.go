package builtin

import (
	"fmt"
	"slices"
	"strings"

	"github.com/kunerva/kunerva/generator"
)

// verbRoles reads "X may reach Y", "only X may reach Y", "X may only reach Y",
// "block X from reaching Y", "Y accepts traffic from X", "traffic from X to Y".
func (p *parser) verbRoles(groups []*group, hasPorts bool) (roles, error) {
	// "limit the app=x pods to the app=y pods", "the app=x pods are
	// restricted to the app=y pods": with no verb of traffic, pods kept to
	// other pods may be kept to reaching them or to being reached by them.
	if len(groups) == 2 && groups[0].prep == "" && groups[1].prep == "to" && groups[0].inCluster() && groups[1].inCluster() && p.restrictedToPods(groups[0], groups[1]) {
		return roles{}, p.refuse(fmt.Sprintf("which direction: may %s only reach %s (egress), or only be reached by them (ingress)?", groups[0].text(), groups[1].text()), generator.ExampleNetwork)
	}
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
			(reachVerbs[p.word(e)] && !p.taken(e) || e < len(p.toks) && p.claim[e] == "http-method") {
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
			// "the app=x pods get DNS and TCP 443 and nothing else": DNS
			// the pods get is sent out; ports beside it with no peer may
			// be sent or taken in.
			if p.is(i, "get", "gets", "getting") && !slices.ContainsFunc(groups, func(g *group) bool { return g.prep == "from" || g.prep == "by" }) &&
				slices.ContainsFunc(p.toks[i+1:], func(u token) bool { return u.low == "dns" || nameLookupWords[u.low] }) {
				return roles{}, p.refuse("which direction: should the pods receive this traffic (ingress) or send it (egress)? The DNS they get goes out; say where the other traffic goes (\"to 0.0.0.0/0\") or where it comes from", generator.ExampleNetwork)
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
		// "open the app=db pods to the app=web pods on 5432": an order to
		// open pods, named right after the verb, to others lets the others
		// in, as "be open to" does.
		if p.is(i, "open") && (i == 0 || p.is(i-1, "please", ",", ":", "then", "and")) && slices.ContainsFunc(groups, func(g *group) bool {
			return g.prep == "" && (g.eps[0].start == i+1 || g.eps[0].start == i+2 && determiners[p.word(i+1)])
		}) {
			for _, g := range groups {
				if g.eps[0].start > i+1 && g.prep == "to" {
					g.prep = "from"
				}
			}
			verbAt, passive = i, true
			break
		}
		// "the app=db pods should only be open to app=api on 5432", "are
		// open on 5432 to app=api": pods open to others receive from them;
		// read as a verb of reaching, the traffic went the other way.
		if p.is(i, "open", "opened") && (p.is(i-1, "be", "is", "are", "been") || p.is(i-1, "only", "just") && p.is(i-2, "be", "is", "are", "been")) {
			for _, g := range groups {
				if g.eps[0].start > i && g.prep == "to" {
					g.prep = "from"
				}
			}
			verbAt, passive = i, true
			break
		}
		// "metrics port 9102 of pods app=worker only open to namespace
		// monitoring", "pods app=worker have port 9102 open only to
		// namespace monitoring": "open" with no "be" before it is still
		// the adjective when a port or "only" stands before it and "to"
		// follows; the pods whose port is open receive. Read as a verb of
		// reaching it gave the worker pods' egress (finder 5, S6). A modal
		// or "to" before "only open" keeps the verb ("may only open
		// connections to"). So does "port N of X open to Y" ("keep port
		// 5432 of app=db open to app=api" gave app=api's ingress from
		// app=db; "port 9102 of app=worker open to namespace monitoring"
		// the namespace's ingress from app=worker).
		if p.is(i, "open") && (p.is(i+1, "to") || p.is(i+1, "only", "just") && p.is(i+2, "to")) &&
			(i > 0 && p.toks[i-1].kind == tNumber || p.is(i-1, "port", "ports") || p.portOfBefore(i) ||
				p.is(i-1, "only", "just") && !modals[p.word(i-2)] && !p.is(i-2, "to", "not", "and", "or")) {
			for _, g := range groups {
				if g.eps[0].start > i && g.prep == "to" {
					g.prep = "from"
				}
			}
			verbAt, passive = i, true
			break
		}
		// "the app=db pods may respond to the app=web pods on 5432": the
		// answers go to the pods after "to", the connections they answer
		// come from them; read as a verb of sending "to", the pods
		// responding became the callers. Ask.
		if respondVerbs[t.low] && p.is(i+1, "to") {
			return roles{}, p.refuse(fmt.Sprintf("which direction: %q says which way the answers go, not the connections; should the pods receive this traffic (ingress) or send it (egress)? Say \"X may reach Y\"", p.text(i, i+2)), generator.ExampleNetwork)
		}
		// "the app=db pods may be hit by the app=web pods": a verb of
		// reaching in the passive, its participle the same word, takes in
		// what comes from the pods after "by".
		if reachVerbs[t.low] && (p.is(i-1, "be", "been", "being", "is", "are", "get", "gets") || p.is(i-1, "only", "just") && p.is(i-2, "be", "been", "is", "are")) && p.is(i+1, "by", "from") {
			verbAt, passive = i, true
			break
		}
		if reachVerbs[t.low] {
			verbAt = p.modalVerbAfter(i, groups)
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
	// "allow" receive. Not when a peer after it is one the pods go "to"
	// ("pods labeled app=web allow to 10.0.0.0/8 on 443 and from
	// 192.168.0.0/16 on 80"): the verb then says no way of its own.
	if verbAt < 0 && len(groups) > 1 && slices.ContainsFunc(groups, func(g *group) bool { return g.prep == "from" }) &&
		!slices.ContainsFunc(groups, func(g *group) bool {
			return g.prep == "to" || g.prep == "towards" || g.prep == "into" || g.prep == "toward"
		}) {
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
		if !p.keptFromEgress(groups[1]) {
			return roles{}, p.refuse(fmt.Sprintf("which direction: should %s not reach %s (egress), or not be reached from it (ingress)? Say \"deny egress from X to Y\" or \"deny ingress to X from Y\"", textsOf(groups[:1]), textsOf(groups[1:])), generator.ExampleNetwork)
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
		// "Home Assistant (...) accepts: the Envoy gateway pods (...)
		// on TCP 8123, and homarr (...) on 8123": after a colon too, and
		// each mention of the list, with only its ports between.
		k := verbAt + 1
		for determiners[p.word(k)] || p.is(k, "only", "just", "connections", "traffic", "requests", ":") {
			k++
		}
		all := append(slices.Clone(sources), dests...)
		slices.SortFunc(all, func(a, b *group) int { return a.eps[0].start - b.eps[0].start })
		var last *group
		for _, g := range all {
			switch {
			case g.prep == "" && g.eps[0].start > verbAt && g.eps[0].start <= k:
				g.prep = "from"
				last = g
			case last != nil && g.prep == "" && p.acceptedInARow(last.eps[len(last.eps)-1].end, g.eps[0].start) && p.mentionEndsPart(g.eps[len(g.eps)-1]):
				g.prep = "from"
				last = g
			case last != nil && g.eps[0].start > last.eps[0].start:
				last = nil
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
		verbAt > 0 && !passive && len(sources) == 1 && sources[0].eps[0].start < verbAt && len(dests) > 0 && dests[0].eps[0].start > verbAt && p.onlyToThem(dests[len(dests)-1]) ||
		p.has("restrict", "limit", "confine", "restricted", "limited", "confined") && len(sources) == 1 ||
		// "the app=x pods are limited to talking to ...": the verdict's word.
		p.verdictMark != nil && keptToWords[p.word(p.verdictMark.start)] && len(sources) == 1 && sources[0].inCluster() && sources[0].eps[0].start < p.verdictMark.start ||
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
	case !passive && verbAt > 0 && len(sources) == 1 && sources[0].inCluster() && sources[0].eps[0].start < verbAt && !p.onlyInPartBefore(sources[0].eps[0].start, verbAt) &&
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
		// they are the ones that reach. ("only checkout may reach payments
		// on 8443. All namespaces may reach payments on 8443": the words
		// before the verb, read as cluster-wide, say who reaches; under the
		// pods named before, every pod of the cluster got an egress
		// allow-list of payments alone (finder 12, S14). Alone, it asks.)
		if p.fallback != nil && !slices.Contains(p.claim[:verbAt], "cluster-wide") {
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
		if err := p.callersPlaced(dests[0], anyPeers(sources), verbAt, passive); err != nil {
			return roles{}, err
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
	case len(dests) == 0 && len(sources) == 0 && p.fallback != nil && p.heading && p.verdictMark != nil && p.verdictMark.rule == "allow-word" && !passive &&
		(p.verdictMark.start == 0 || p.verdictMark.start == 1 && p.is(0, "only", "just")) && allowWords[p.word(p.verdictMark.start)] &&
		slices.ContainsFunc(p.claim, func(rule string) bool { return rule == "http-method" }) &&
		!p.peerOrVerbBesideHTTP():
		// "my-api (app=my-api) - only allow GET on port 8080": HTTP
		// requests that name no peer, allowed by an order for the pods a
		// heading named, are what those pods serve, from anywhere (as "let
		// GET through"). Not "they may only send GET", which they send.
		return roles{dirs: []generator.Direction{generator.Ingress}, dirMark: p.verdictMark}, nil
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
	if mid := p.chainedPeer(groups); mid != nil {
		return roles{}, p.refuse(fmt.Sprintf("which direction: %s is reached and then reaches on: that is two flows for two sets of pods, and one policy is for one set; say each flow as a request of its own (\"X may reach %s\", \"%s may reach Y\")", quote(mid.text), mid.text, mid.text), generator.ExampleNetwork)
	}
	return roles{}, p.ask("which direction: should the pods receive this traffic (ingress) or send it (egress)?", generator.ExampleNetwork, "ingress")
}

// respondVerbs say the way of the answer, not of the connection: "respond
// to", "reply to".
var respondVerbs = set("respond", "responds", "responding", "reply", "replies", "replying")

// modalVerbAfter returns the verb of reaching the clause is about when the
// first one, at i, names the traffic as a noun before the pods are named:
// "Allow ICMP ping, but only for diagnostics: the diag pods (role=diag) may
// ping the web pods" is about what "may ping" says, where the pods before
// it send. It is a later verb of reaching right after a modal ("may",
// "can", "should" and "only" between), with pods named between the two
// and none before the first; else i.
func (p *parser) modalVerbAfter(i int, groups []*group) int {
	if slices.ContainsFunc(groups, func(g *group) bool { return g.eps[0].start < i }) {
		return i
	}
	for k := i + 1; k < len(p.toks); k++ {
		if !reachVerbs[p.word(k)] || p.taken(k) && !verdictRules[p.claim[k]] {
			continue
		}
		m := k - 1
		if p.is(m, "only", "just") {
			m--
		}
		if !modals[p.word(m)] {
			return i
		}
		// The pods that send stand right before the modal, with no
		// preposition: "the diag pods (role=diag) may ping".
		between := slices.ContainsFunc(groups, func(g *group) bool {
			e := g.eps[len(g.eps)-1].end
			return g.eps[0].start > i && g.prep == "" && (e == m || p.is(e, ")") && e+1 == m)
		})
		if between {
			return k
		}
		return i
	}
	return i
}

// acceptedInARow reports whether only ports, protocols, joiners and words
// a rule already read (a namespace of the mention before) stand between
// two mentions an accepting verb takes: "accept the app=gw pods on TCP
// 8123, and the app=homarr pods on 8123", or a bracket that names a port
// ("on TCP 8123 and 12321 (the code-server sidecar), and homarr (...) on
// 8123": without it the second read as a receiver, and the clause asked
// which direction). No verb, "from", "to" or "only"
// between: "..., and the app=homarr pods may reach ..." starts a statement.
func (p *parser) acceptedInARow(from, to int) bool {
	if to <= from {
		return false
	}
	joined := false
	for k := from; k < to; k++ {
		switch {
		case p.is(k, "and", "plus"):
			joined = true
		case p.is(k, ",", "on", "over", "port", "ports", "tcp", "udp", "(", ")") || determiners[p.word(k)]:
		case p.claim[k] == "port" || p.claim[k] == "port-word" || p.claim[k] == "protocol" || p.claim[k] == "port-range" || p.claim[k] == "list" || p.claim[k] == "port-purpose" || p.claim[k] == "names-the-value" || p.claim[k] == "namespace":
		case p.is(k, "from", "in") && determiners[p.word(k+1)] && namespaceWords[p.word(k+3)] && k+3 < to:
			k += 3 // "the app=gw pods from the network namespace": where they run
		case p.is(k, "from", "in") && namespaceWords[p.word(k+1)] && k+2 < to:
			k += 2 // "from namespace network"
		default:
			return false
		}
	}
	return joined
}

// onlyInPartBefore reports whether "only" (or "just", ...) stands before
// the verb at i, leaving out the words before a colon that stands before
// the sender at src: "An empty port opens only the specified protocol: let
// the run=curl pods send UDP ... to every pod in their namespace and to
// 0.0.0.0/0" limits no peer of the statement after the colon. ("Only the
// app=x pods: ..." keeps its "only", the sender being before the colon.)
func (p *parser) onlyInPartBefore(src, i int) bool {
	from := 0
	for k := src - 1; k >= 0; k-- {
		if p.is(k, ":") {
			from = k + 1
			break
		}
	}
	for k := from; k < i; k++ {
		if p.is(k, "only", "just", "solely", "exclusively") {
			return true
		}
	}
	return false
}

// peerOrVerbBesideHTTP reports whether the clause has, beside its HTTP
// methods, a verb of traffic, a pronoun or a preposition of a peer: "they
// may only send GET", "allow them to send GET", "GET to 10.0.0.0/8".
func (p *parser) peerOrVerbBesideHTTP() bool {
	for i, t := range p.toks {
		// "only allow GET requests to /api/v1/*": "to" opens the path the
		// requests are for, not a peer.
		if t.low == "to" && i+1 < len(p.toks) && p.claim[i+1] == "http-path" {
			continue
		}
		if p.claim[i] != "http-method" && (reachVerbs[t.low] || receiveVerbs[t.low] || pronouns[t.low] || prepositionsOfPeers[t.low] || egressWords[t.low] || ingressWords[t.low]) {
			return true
		}
	}
	return false
}

// prepositionsOfPeers open a peer: "to", "from", "into".
var prepositionsOfPeers = set("to", "from", "toward", "towards", "into", "against")

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

// keptToWords keep pods to something: "limit X to Y", "X is restricted to Y".
var keptToWords = set("restrict", "restricts", "restricted", "limit", "limits", "limited", "confine", "confines", "confined")

// restrictedToPods reports whether a keptToWord stands just before x
// ("limit the app=x pods to ...") or between x and y ("x are limited to
// y"), and the clause has no verb of traffic or direction that says which
// way.
func (p *parser) restrictedToPods(x, y *group) bool {
	k := x.eps[0].start - 1
	for k >= 0 && determiners[p.word(k)] {
		k--
	}
	// An order before x, a participle between x and y ("allowExternal
	// alone restricts Redis to ..." says what a setting does).
	before := p.is(k, "restrict", "limit", "confine")
	between := false
	for i := x.eps[len(x.eps)-1].end; i < y.eps[0].start; i++ {
		between = between || p.is(i, "restricted", "limited", "confined")
	}
	if !before && !between {
		return false
	}
	for _, t := range p.toks {
		if reachVerbs[t.low] || receiveVerbs[t.low] || ingressWords[t.low] || egressWords[t.low] || t.low == "traffic" || t.low == "access" {
			return false
		}
	}
	return true
}

// callersPlaced asks where the callers are when the pods they reach carry a
// namespace of their own, in brackets, and the callers none: "the app=db
// pods may reach pods labeled app=cache (in the cache namespace)" names the
// namespace of app=cache alone, and the policy, written in it, would take
// app=db from that namespace too. ("Only app=api may reach app=vault in
// namespace secrets", with no brackets, places the whole sentence, as the
// dev set reads it.)
//
// Only where the callers are the verb's subject and the pods reached come
// after it: "MySQL in login-app accepts the backend pods" and "the backend
// pods in stars can be reached by the frontend" put the callers, named
// after, beside the pods of the sentence (a peer of no namespace of its
// own is in the policy's).
func (p *parser) callersPlaced(dest *group, sources []*group, verbAt int, passive bool) error {
	if passive || verbAt <= 0 || dest.eps[0].start < verbAt || !dest.all(func(e *endpoint) bool { return e.namespace != "" && !e.sameNS && p.inBrackets(e.nsMark) }) {
		return nil
	}
	for _, g := range sources {
		for _, e := range g.eps {
			if e.kind == epPods && e.end <= verbAt && e.namespace == "" && e.namespaces == nil && !e.sameNS && !e.otherNS && !e.fallback {
				return p.refuse(fmt.Sprintf("which namespace are %s in? The request puts %s in namespace %s; say \"%s in namespace %s\" if they are there too, or name theirs", quote(e.text), quote(dest.text()), dest.eps[0].namespace, e.text, dest.eps[0].namespace), generator.ExampleNetwork)
			}
		}
	}
	return nil
}

// inBrackets reports whether m stands inside brackets opened after the
// words before it: "app=cache (in the cache namespace)".
func (p *parser) inBrackets(m *mark) bool {
	if m == nil {
		return false
	}
	for k := m.start - 1; k >= 0; k-- {
		switch {
		case p.is(k, "("):
			return true
		case p.is(k, ")"), p.tok(k) != nil && p.toks[k].kind != tWord:
			return false
		}
	}
	return false
}

// onlyToThem reports whether "only to it" (or "them", "those pods") follows
// the last destination: "app=web may send to app=api on 8080 and only to
// it" limits where app=web goes, as "may only send to app=api" does.
func (p *parser) onlyToThem(last *group) bool {
	for k := last.eps[len(last.eps)-1].end; k < len(p.toks)-2; k++ {
		if p.is(k, "only", "just", "solely", "exclusively") && p.is(k+1, "to", "with", "towards", "toward") && p.is(k+2, "it", "them", "those", "these", "that", "there") {
			return true
		}
	}
	return false
}

// keptFromEgress reports whether "block X from Y" plainly keeps X from
// reaching Y: the request says egress, a verb follows "from" ("from
// hitting the metadata endpoint"), or Y holds a link-local address such as the
// metadata endpoint 169.254.169.254, which only ever answers. Else "deny
// pods labeled app=web from the internet" may keep the internet out as
// well as keep the pods in, and the engine asks (finder 4, S10: it gave
// the egress deny, where the answer "from Y" to "receive or send?" meant
// ingress).
func (p *parser) keptFromEgress(peer *group) bool {
	if slices.ContainsFunc(p.toks, func(t token) bool { return egressWords[t.low] }) {
		return true
	}
	for _, e := range peer.eps {
		if k := e.start - 1; k >= 0 && strings.HasSuffix(p.word(k), "ing") {
			return true
		}
		if strings.Contains(e.text, "169.254.") {
			return true
		}
	}
	return false
}

// portOfBefore reports whether "port N of" (or "N of") stands before the
// word at i in its clause with no modal, "to" or verb of traffic between:
// "keep port 5432 of app=db open to app=api", where "open" says what the
// port of app=db is.
func (p *parser) portOfBefore(i int) bool {
	for j := i - 1; j > 0; j-- {
		if modals[p.word(j)] || p.is(j, "to", ";", ".") || reachVerbs[p.word(j)] || receiveVerbs[p.word(j)] {
			return false
		}
		if p.is(j, "of") && (p.toks[j-1].kind == tNumber || p.is(j-1, "port", "ports")) {
			return true
		}
	}
	return false
}

// chainedPeer returns the mention reached by one flow that then reaches on
// in a flow of its own, or nil: "productpage needs GET access to reviews,
// and reviews in turn needs GET access to ratings". The first flow is for
// reviews (or productpage), the second for ratings (or reviews): two sets
// of pods, which one policy cannot be for; the question says so. The
// mention is said twice by the same words, first after "to" or a verb of
// reaching, then after "and" or a comma and before a modal, "needs" or "in
// turn".
func (p *parser) chainedPeer(groups []*group) *endpoint {
	var eps []*endpoint
	for _, g := range groups {
		eps = append(eps, g.eps...)
	}
	for _, a := range eps {
		if a.kind != epPods || !(p.is(a.start-1, "to") || reachVerbs[p.word(a.start-1)]) {
			continue
		}
		for _, b := range eps {
			if b.start < a.end || b.kind != epPods || !strings.EqualFold(p.text(a.start, a.end), p.text(b.start, b.end)) || !p.is(b.start-1, "and", ",", "then") {
				continue
			}
			if modals[p.word(b.end)] || p.is(b.end, "needs", "need", "then") || p.is(b.end, "in") && p.is(b.end+1, "turn") {
				return b
			}
		}
	}
	return nil
}
