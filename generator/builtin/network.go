package builtin

import (
	"cmp"
	"fmt"
	"maps"
	"net/netip"
	"slices"
	"strings"

	"github.com/kunerva/kunerva/generator"
)

// assembleNetwork reads a network request: who, which direction, which peers
// and ports, allow or deny.
func (p *parser) assembleNetwork() (*generator.Intent, error) {
	clusterMark := p.clusterScope()
	if clusterMark != nil {
		p.clusterExcept, p.clusterExMark = p.clusterExceptions()
	}
	// "prometheus ... scrapes all namespaces, so let it reach anything in
	// the cluster": "it" is pods named before, not every pod.
	if clusterMark != nil {
		for k := range p.toks {
			if p.is(k, "let", "allow", "permit") && p.is(k+1, "it", "them") && (reachVerbs[p.word(k+2)] || p.is(k+2, "talk", "connect", "send", "go")) {
				return nil, p.refuse(fmt.Sprintf("is this cluster-wide, or for the pods %q stands for? Say \"cluster-wide\" for every pod, or name the pods", p.toks[k+1].raw), generator.ExampleNetwork)
			}
		}
	}
	// "the ingress gateway", "the egress gateway pods": names, not directions.
	for i := range p.toks {
		if p.is(i, "ingress", "egress") && p.is(i+1, "gateway", "gateways", "controller", "controllers") && !p.taken(i) {
			p.take(i, i+1, "name-word")
		}
	}
	if err := p.unknownEntity(); err != nil {
		return nil, err
	}
	http := p.httpRules()
	if p.httpAsk != "" {
		return nil, p.refuse(p.httpAsk, generator.ExampleNetwork)
	}
	dnsPatterns, dnsMark, err := p.dnsRequest()
	if err != nil {
		return nil, err
	}
	if dnsMark != nil {
		p.dnsSaid = p.dnsProtocolsSaid(dnsMark, dnsPatterns)
	}
	// "to the kube-dns pods on UDP 53": the DNS allowance is 53 over UDP
	// and TCP (with Cilium, any lookup); one protocol alone is a plain
	// rule to those pods, which the request may mean instead.
	ports := p.ports()
	// "needs outbound HTTPS to slack.com": HTTPS with no port is 443.
	if k := p.index("https"); k >= 0 && len(ports) == 0 && len(http) == 0 && !p.taken(k) && !p.has("http", "port", "ports") {
		ports = append(ports, portV{port: generator.Port{Port: 443, Protocol: "TCP"}, origins: []generator.Origin{defaultOrigin("port", "https-port"), defaultOrigin("protocol", "tcp")}})
		p.take(k, k+1, "https-port")
	}
	// "the app=web pods may reach example.com over HTTP": plain HTTP
	// with no port and no HTTP rule; dropped, the rule would allow every
	// port.
	if k := p.index("http"); k >= 0 && p.is(k-1, "over", "via", "using", "with", "by") && len(ports) == 0 && len(http) == 0 {
		return nil, p.refuse("which port is HTTP on here? Say it (\"over HTTP on port 80\")", generator.ExampleNetwork)
	}
	// "app=web may reach app=api via grpc": an application protocol with
	// no port; dropped, the rule would allow every port.
	for k := range p.toks {
		if p.is(k, "grpc", "kafka", "amqp", "mqtt", "http2", "h2c", "websocket", "websockets", "graphql", "thrift") && p.is(k-1, "over", "via", "using", "with", "by") && len(ports) == 0 && len(http) == 0 {
			return nil, p.refuse(fmt.Sprintf("which port is %s on here? Say it (\"over %s on port 9090\")", p.toks[k].raw, p.toks[k].raw), generator.ExampleNetwork)
		}
	}
	// "allow app=a to ping app=b on 8080": ping has no port; is the port
	// another rule, or a probe of the port?
	for i := range p.toks {
		if p.is(i, "ping", "pings", "pinging") {
			for k := i + 1; k < len(p.toks) && k <= i+6 && !p.is(k, ",", ";", ".", "and", "plus"); k++ {
				if p.is(k, "on", "port", "ports") && k+1 < len(p.toks) && (p.toks[k+1].kind == tNumber || p.is(k+1, "port") && k+2 < len(p.toks) && p.toks[k+2].kind == tNumber) {
					return nil, p.refuse(fmt.Sprintf("ping (ICMP) has no port: what is %q, a rule of its own (\"and TCP ...\") or a check of the port?", p.text(k, min(k+3, len(p.toks)))), generator.ExampleNetwork)
				}
			}
		}
	}
	p.verdictPhrases()
	// "block anything coming from the internet": all of the traffic from it.
	for i := range p.toks {
		if p.is(i, "anything", "everything") && !p.taken(i) && p.is(i+1, "coming", "arriving", "sent", "from") {
			p.take(i, i+1, "any-traffic")
		}
	}
	groups := p.namespaceContext(p.laterExceptions(p.restatedHeading(p.groups(p.glosses(p.endpoints())))))
	// "tier=backend pods, only tier=frontend pods may connect to app=db
	// pods": an "only" between two peers of one list limits the second, so
	// the first is not one of the same peers.
	// "app=web, but only app=api, may reach app=db": the same when the two
	// are read as lists of their own, with only a comma and "but" between.
	var listed []*endpoint
	for _, g := range groups {
		listed = append(listed, g.eps...)
	}
	// "the internet (1.2.3.0/24)": addresses in brackets right after the
	// world may be the part of it meant, or a peer beside it; read as both,
	// the world would be allowed on every port the rule gives the range.
	// (Every address, "(0.0.0.0/0 except ...)", is read by glosses.)
	for j := 1; j < len(listed); j++ {
		a, b := listed[j-1], listed[j]
		if a.kind == epEntity && len(a.entities) == 1 && a.entities[0].value == "world" && b.kind == epCIDR && p.is(a.end, "(") && b.start == a.end+1 {
			return nil, p.refuse(fmt.Sprintf("is %s the part of the internet you mean, or a peer beside it? Name the addresses alone, or the internet alone", p.text(b.start, b.end)), generator.ExampleNetwork)
		}
	}
	// With nothing else named, "X pods, only Y may connect" names X as the
	// pods Y reaches.
	for j := 1; j < len(listed) && len(listed) > 2; j++ {
		a, b := listed[j-1], listed[j]
		if a.pods == nil || b.pods == nil || a.end > b.start {
			continue
		}
		only, plain := -1, true
		for k := a.end; k < b.start; k++ {
			if p.is(k, "only", "just", "solely", "exclusively") {
				only = k
			} else if !p.is(k, ",", "but", "and", "or") {
				plain = false
			}
		}
		if only >= 0 && plain {
			return nil, p.refuse(fmt.Sprintf("is %q one of the peers beside %q, or the pods the rule is about? The %q between them leaves it unclear", p.text(a.start, a.end), p.text(b.start, b.end), p.toks[only].raw), generator.ExampleNetwork)
		}
	}
	if p.resolvedNames != nil && len(dnsPatterns) > 0 {
		ep := &endpoint{kind: epFQDN, start: p.resolvedNames.start, end: p.resolvedNames.end, prep: "to", text: p.text(p.resolvedNames.start, p.resolvedNames.end)}
		for _, v := range dnsPatterns {
			ep.fqdns = append(ep.fqdns, valueV{v.value, v.m})
		}
		groups = append(groups, &group{eps: []*endpoint{ep}, prep: "to"})
	}
	exceptAt := -1
	for i, t := range p.toks {
		// "in every namespace except kube-system": the namespaces the
		// cluster policy leaves out, read with its scope.
		if clusterMark != nil && i == clusterMark.end {
			continue
		}
		// "blocks all egress traffic from X that isn't destined for the
		// kube-apiserver": the traffic left out of the deny, as "except to".
		if e := p.notDestinedFor(i); e > 0 && !p.taken(i) {
			exceptAt = i
			p.take(i, e, "except")
			break
		}
		if !p.taken(i) && (t.low == "except" || t.low == "besides" || t.low == "apart" || t.low == "excluding" || t.low == "other" && p.is(i+1, "than")) {
			exceptAt = i
			p.take(i, i+1, "except")
			if p.is(i+1, "for", "from", "than") {
				p.take(i+1, i+2, "except")
			}
			break
		}
	}
	verdict, verdictMark, err := p.verdict(exceptAt)
	if err != nil {
		return nil, err
	}
	p.verdictMark = verdictMark
	if m := p.allowAfterIsolation(verdict, verdictMark, groups, clusterMark); m != nil {
		verdict, verdictMark = generator.Allow, m
		p.verdictMark = verdictMark
	}
	if err := p.narrowedIsolation(verdictMark, groups, len(ports) > 0 || len(http) > 0); err != nil {
		return nil, err
	}
	// What the request says after "except", and whether the verdict is the
	// allow-list "deny all ... except" makes.
	portsAfter := exceptAt >= 0 && slices.ContainsFunc(ports, func(pv portV) bool { return p.saidAfter(pv.origins, exceptAt) })
	httpAfter := exceptAt >= 0 && slices.ContainsFunc(http, func(h httpV) bool { return p.saidAfter(h.origins, exceptAt) })
	// "Block ingress traffic to the app=coderd pods except on ports 8080
	// and 8443", "app=x can't send anything out apart from port 53": a
	// deny of a whole direction of one set of pods but for some ports is
	// the allow-list of those ports, as "deny all egress except DNS" is.
	// With a peer ("block ingress to app=db from app=api except on 5432")
	// it stays a question (every port but some).
	if verdict == generator.Deny && portsAfter && !httpAfter && dnsMark == nil && p.wholeDirectionBut(verdictMark, exceptAt, groups) {
		verdict, verdictMark = generator.Allow, &mark{verdictMark.start, verdictMark.end, "allow-list-by-exception"}
		p.verdictMark = verdictMark
		// "can't send anything out apart from port 53": the whole
		// direction the exception is taken from.
		for k := verdictMark.end; k < exceptAt; k++ {
			if p.is(k, "anything", "everything") && !p.taken(k) {
				p.take(k, k+1, "allow-list-by-exception")
			}
		}
	}
	byException := verdictMark != nil && (verdictMark.rule == "allow-list-by-exception" || verdictMark.rule == "allow-list-but-named")
	// "from pods in all namespaces except kube-system": an exception that
	// names nothing the policy can leave out is asked about, not dropped.
	if exceptAt >= 0 {
		used := slices.ContainsFunc(groups, func(g *group) bool { return g.eps[len(g.eps)-1].end > exceptAt }) || dnsMark != nil && dnsMark.start > exceptAt || portsAfter || httpAfter
		if !used {
			return nil, p.refuse(fmt.Sprintf("what does %q leave out? I found nothing after it that a policy can except; name the pods, namespaces or addresses by their labels or values", p.text(exceptAt, len(p.toks))), generator.ExampleNetwork)
		}
	}
	// "block app=a from resolving evil.com": Cilium denies no DNS names.
	if verdict == generator.Deny && slices.ContainsFunc(groups, func(g *group) bool {
		return slices.ContainsFunc(g.eps, func(e *endpoint) bool { return e.kind == epFQDN })
	}) {
		return nil, p.refuse("Cilium cannot deny traffic by DNS name (deny rules take no toFQDNs): allow the names the pods may reach instead, and default-deny the rest?", generator.ExampleNetwork)
	}
	// "call app=server with GET only, except /admin": an HTTP rule cannot
	// leave a path out, and allowing the path is the opposite.
	if verdict == generator.Allow && httpAfter && !byException {
		return nil, p.refuse("kunerva cannot leave HTTP paths or methods out of an allowed rule: which requests should be allowed, each named?", generator.ExampleNetwork)
	}
	// "allow egress from web to 0.0.0.0/0 except kube-dns", "web may only
	// reach 10.0.0.0/8 except for the kube-dns service": DNS left out of
	// the allowed traffic, or allowed besides it? (Not "deny all egress
	// except DNS", where the exception is what the allow-list allows.)
	if verdict == generator.Allow && exceptAt >= 0 && !byException && dnsMark != nil && dnsMark.start > exceptAt && !p.is(exceptAt-1, "nothing", "nowhere", "none") {
		return nil, p.refuse(fmt.Sprintf("is %q left out of the allowed traffic, or allowed besides it? Say \"and DNS lookups\" to allow it; a NetworkPolicy cannot leave DNS out of an address range", p.text(exceptAt, dnsMark.end)), generator.ExampleNetwork)
	}
	// "allow egress to *.github.com on 443, except gist.github.com": a DNS
	// pattern cannot leave a name out, and allowing the name is the opposite.
	// ("default-deny egress, except HTTPS to api.example.com" allows the
	// name: an allow-list; but "the two jupyter.org addresses, ..." names
	// addresses by what they serve.)
	if verdict == generator.Allow && exceptAt >= 0 && verdictMark.rule != "allow-list-but-named" && slices.ContainsFunc(groups, func(g *group) bool {
		return g.eps[0].start > exceptAt && g.all(func(e *endpoint) bool { return e.kind == epFQDN }) &&
			(!byException || slices.ContainsFunc(g.eps, func(e *endpoint) bool { return cidrNouns[p.word(e.end)] }))
	}) {
		return nil, p.refuse("kunerva cannot leave DNS names out of an allowed DNS pattern: which names should be allowed, each named?", generator.ExampleNetwork)
	}
	// "block ingress to app=db from app=api except on 5432": a deny of every
	// port but some; denying the ports named would be its opposite.
	// "allow egress to anywhere except port 25": allowing the port named
	// would be the opposite too.
	if portsAfter && (verdict == generator.Deny || verdict == generator.Allow && !byException) {
		return nil, p.refuse("kunerva cannot write a rule for every port but some: which ports should the rule be for?", generator.ExampleNetwork)
	}
	// "deny all ingress from the world to every pod": all of the traffic
	// from a peer, a deny of that peer. "drop everything coming from
	// 5.6.7.0/24", "deny all incoming internet traffic", "block all
	// outgoing internet traffic from X": the same, the peer said as
	// "everything" or before the traffic it sends.
	if verdict == generator.Isolate && exceptAt < 0 && p.is(verdictMark.start, "deny", "block", "drop", "reject") && p.is(verdictMark.start+1, "all", "everything") &&
		slices.ContainsFunc(groups, func(g *group) bool {
			return g.external() && (g.prep == "from" || g.prep == "" && p.is(g.eps[len(g.eps)-1].end, "traffic", "connections") && (ingressWords[p.word(g.eps[0].start-1)] || egressWords[p.word(g.eps[0].start-1)]))
		}) {
		verdict, verdictMark = generator.Deny, &mark{verdictMark.start, verdictMark.end, "deny-word"}
		p.verdictMark = verdictMark
	}
	// "X must not establish outbound connections": a deny of everything is isolation.
	// "denies all outgoing traffic from its Pods, DNS excepted": the same,
	// with DNS let through.
	dnsExcepted := dnsMark != nil && p.is(dnsMark.end, "excepted", "exempted") && !p.taken(dnsMark.end)
	// ("The cache must not be reached by app=web": the pods after "by" are
	// the ones reaching, not those isolated.)
	if verdict == generator.Deny && (len(groups) == 1 && len(groups[0].eps) == 1 && groups[0].inCluster() && groups[0].prep != "by" || len(groups) == 0 && (clusterMark != nil || p.ctx != nil)) && len(ports) == 0 && len(http) == 0 && (dnsMark == nil || dnsExcepted) && exceptAt < 0 &&
		(p.mentions("traffic", "connections", "connection", "packets", "requests", "calls", "ingress", "egress", "incoming", "outgoing", "inbound", "outbound", "reachable", "reached", "accessible", "networking") || p.theNetwork()) {
		verdict, verdictMark = generator.Isolate, &mark{verdictMark.start, verdictMark.end, "deny-everything"}
		if dnsExcepted {
			p.take(dnsMark.end, dnsMark.end+1, "dns-excepted")
		}
	}
	// "deny traffic from other namespaces": an allow-list of the pods' own
	// namespace, as NetworkPolicy says it.
	otherNS := false
	if verdict == generator.Deny || verdict == generator.Isolate {
		for _, g := range groups {
			for _, ep := range g.eps {
				if ep.otherNS {
					if ep.nsMark == nil {
						ep.nsMark = &mark{ep.start, ep.end, "other-namespaces"}
					}
					ep.otherNS, ep.sameNS, ep.podsMark = false, true, ep.nsMark
					otherNS = true
				}
			}
		}
		if otherNS {
			verdict = generator.Allow
			verdictMark = &mark{verdictMark.start, verdictMark.end, "deny-other-namespaces"}
			if len(groups) == 1 && groups[0].prep == "" {
				groups[0].prep = "from"
			}
		}
	}
	// "allow traffic from other namespaces to app=web", "app=checkout pods
	// in other namespaces may reach ...": every namespace but the pods'
	// own, which no rule here writes; read without it, the peer was in the
	// pods' own namespace, the opposite.
	if verdict == generator.Allow && !otherNS && !currentStateSaid(p.toks) {
		for _, g := range groups {
			for _, ep := range g.eps {
				if ep.otherNS && ep.ask == "" {
					ep.ask = (fmt.Sprintf("which namespaces are %q? Name them (\"in namespaces shop and cart\", \"in namespaces labeled team=shop\")", p.text(ep.start, ep.end)))
				}
			}
		}
	}
	p.namespaceLevel = otherNS
	// "... while the pods in x keep talking to each other": the namespace's
	// own traffic, which that allow-list keeps.
	if k := p.phrase("each", "other"); otherNS && k > 0 && !p.taken(k) {
		p.take(k, k+2, "each-other")
	}
	// "Egress for the sleep pods to *.wikipedia.org on 443": traffic named
	// with its direction and no verdict is traffic to allow.
	// "app=web pods: ingress from team=ops pods; egress to app=db": in a
	// list of rules, a direction word right before its peer's preposition
	// is traffic too, without ports; read as the pods only, it was lost.
	// "app=api: ingress from app=lb on 80; egress to DNS": DNS said with
	// its direction in a list of rules, too.
	if verdict == "" && (len(groups) > 1 || len(groups) == 1 && (len(ports) > 0 || dnsMark != nil || p.multi && directedGroup(p, groups[0])) || len(groups) == 0 && dnsMark != nil && p.multi && p.indexAny(egressWords) >= 0 && p.indexAny(ingressWords) < 0) {
		// "game traffic in from the internet on 7777": traffic said to
		// come in is ingress.
		if k := p.phrase("traffic", "in", "from"); k >= 0 {
			verdict, verdictMark = generator.Allow, &mark{k + 1, k + 2, "described-traffic"}
		} else if k := p.indexAny(ingressWords); k >= 0 {
			verdict, verdictMark = generator.Allow, &mark{k, k + 1, "described-traffic"}
		} else if k := p.indexAny(egressWords); k >= 0 {
			verdict, verdictMark = generator.Allow, &mark{k, k + 1, "described-traffic"}
		}
		p.verdictMark = verdictMark
	}
	// "They'll need DNS as well": what the pods named before need, they
	// are allowed.
	if k := p.index("need", "needs", "require", "requires"); verdict == "" && dnsMark != nil && len(groups) == 0 && len(ports) == 0 && len(http) == 0 && k >= 0 && p.multi {
		verdict, verdictMark = generator.Allow, p.take(k, k+1, "needs-dns")
		p.verdictMark = verdictMark
	}
	// "Also give app=scraper DNS.", "grant the api pods DNS": the pods
	// given DNS are allowed it (the DNS rule alone, below).
	if k := p.index("give", "gives", "grant", "grants"); verdict == "" && dnsMark != nil && len(groups) == 1 && len(ports) == 0 && len(http) == 0 && k >= 0 && !p.taken(k) && givenTo(p, k, groups[0]) {
		verdict, verdictMark = generator.Allow, p.take(k, k+1, "gives-dns")
		p.verdictMark = verdictMark
	}
	var verdictOrigin *generator.Origin
	if verdict == "" && p.inherited != "" {
		verdict, verdictOrigin = p.inherited, &p.inheritedOrigin
	}
	if verdict == "" && len(groups) == 0 && len(ports) == 0 && len(http) == 0 && dnsMark == nil {
		if err := p.unclearVerb(); err != nil {
			return nil, err
		}
		return nil, p.refuse("I do not understand this as a security policy: I found no pods, files, processes, ports or peers, and no allow, deny, block or audit; what should the policy do?", generator.ExampleNetwork)
	}
	// "alertmanager (app=x): prometheus scrapes 9093", "cert-manager
	// namespace: the probes come from remote-node on 8081": under a heading
	// that names the pods, traffic described with its verb is traffic they
	// take.
	if verdict == "" && (p.heading || p.ctx != nil) && (len(groups) > 0 || len(ports) > 0) {
		for i := range p.toks {
			// "In the demo namespace we have a server pod labeled app=server
			// listening on TCP port 80.", "the app=api pods serve HTTP on
			// 8080": the port they serve on, not who may reach it.
			if p.is(i, "listen", "listens", "listening", "serve", "serves", "serving") {
				continue
			}
			if (reachVerbs[p.word(i)] || receiveVerbs[p.word(i)] || p.is(i, "come", "comes", "coming")) && !p.taken(i) {
				verdict, verdictMark = generator.Allow, &mark{i, i + 1, "described-traffic"}
				p.verdictMark = verdictMark
				break
			}
		}
	}
	// "the sleep pods (app=sleep): plain HTTP to httpbin.org on port 80 and
	// HTTPS to www.google.com on 443": under a heading, places outside
	// named with ports are where the pods may go.
	if verdict == "" && p.heading && len(ports) > 0 && len(groups) > 0 && allGroups(groups, func(g *group) bool { return g.prep == "to" && g.external() }) {
		k := groups[0].eps[0].start - 1
		verdict, verdictMark = generator.Allow, &mark{k, k + 1, "described-traffic"}
		p.verdictMark = verdictMark
	}
	// "prevent file copy in wordpress (app=wordpress) - block rsync and
	// scp": a goal for the pods with nothing to deny names them too.
	goal := verdict == generator.Deny && len(ports) == 0 && len(http) == 0 && dnsMark == nil && p.indexAny(ingressWords) < 0 && p.indexAny(egressWords) < 0
	// "Enable access to the nginx pods with a network policy - incoming
	// connections from X should work": an allow that names only the pods
	// says which pods the other clauses are about.
	announcesPods := verdict == generator.Allow && len(ports) == 0 && len(http) == 0 && dnsMark == nil && p.indexAny(ingressWords) < 0 && p.indexAny(egressWords) < 0 &&
		!p.mentions("all", "any", "everything", "everyone", "anyone", "anywhere", "anybody", "everybody") && len(groups) == 1 && groups[0].prep == "to" && p.is(groups[0].eps[0].start-2, "access")
	// "hivemq (app=hivemq): TCP on 1883 from anything in the hass
	// namespace": ports from or to a peer are traffic, not the pods.
	traffic := verdict == "" && len(ports) > 0 && len(groups) == 1 && (groups[0].prep == "from" || groups[0].prep == "to")
	// "Pods labeled app=web need DNS (use port 8080, want UDP, rely on GET
	// /health). Allow egress from them to ...": traffic they need, which a
	// clause that only names the pods would lose ("dnsdist answers DNS for
	// the LAN", "the tcp-echo workload listens on 9000" describe them).
	needsTraffic := (dnsMark != nil || len(ports) > 0 || len(http) > 0 || p.protocol != nil) && p.index(needVerbs...) >= 0
	if (verdict == "" || goal || announcesPods) && !traffic && !needsTraffic && p.multi && len(groups) == 1 && len(groups[0].eps) == 1 && groups[0].inCluster() {
		// "The tcp-echo workload (app=tcp-echo) in foo listens on 9000 ...":
		// a clause that only says which pods the others are about.
		s, err := p.subjectFrom(groups[0].eps[0])
		if err != nil {
			return nil, err
		}
		// "cluster wide rule for pods labeled X - let them reach ...": the
		// heading's scope is the pods' too, in every namespace.
		if ep := groups[0].eps[0]; clusterMark != nil && ep.pods != nil && ep.namespaces == nil {
			if ep.namespace != "" {
				return nil, p.refuse(fmt.Sprintf("is this cluster-wide, or for %s only? Say \"cluster-wide\" with the pods' labels, or name their namespace", quote(ep.text)), generator.ExampleNetwork)
			}
			s = subjectV{subject: generator.Subject{Scope: generator.ScopeCluster, Pods: ep.pods},
				origins: []generator.Origin{p.origin("subject.scope", clusterMark), p.origin("subject.pods", ep.podsMark)}}
		}
		// Its direction words are said again where the rules are.
		for i := range p.toks {
			if !p.taken(i) && (ingressWords[p.word(i)] || egressWords[p.word(i)]) {
				p.take(i, i+1, "describes-the-pods")
			}
		}
		if err := p.account(&generator.Intent{Subject: s.subject}); err != nil {
			return nil, err
		}
		p.take(0, len(p.toks), "describes-the-pods")
		return nil, &contextClause{subject: s}
	}
	if verdict == "" {
		return nil, p.ask("I do not understand what the policy should do: should it allow, block or audit this? Say allow, only, deny, block or default deny", generator.ExampleNetwork, "allow")
	}
	var r roles
	dir, dm := p.explicitDirection()
	// "deny all ingress and all egress for every pod, except DNS": one
	// allow-list cannot hold a deny of one direction and exceptions in the
	// other.
	if verdictMark != nil && verdictMark.rule == "allow-list-by-exception" && len(dir) == 2 {
		return nil, p.refuse("which direction are the exceptions for, and is the other denied entirely? Say each direction as a rule of its own (\"deny all ingress\", \"deny all egress except DNS\")", generator.ExampleNetwork)
	}
	switch {
	case p.namespaceLevel && len(dir) < 2:
		// "deny traffic from other namespaces (to X)": ingress unless egress is said.
		r.dirs, r.dirMark = []generator.Direction{generator.Ingress}, dm
		if len(dir) == 1 {
			r.dirs = dir
		}
		for _, g := range groups {
			if g.all(func(e *endpoint) bool { return e.sameNS }) {
				r.peers = append(r.peers, g)
			} else if r.subject == nil {
				r.subject = g
			} else {
				return nil, p.refuse("which pods should this policy apply to? "+textsOf([]*group{r.subject, g})+" are both named", generator.ExampleNetwork)
			}
		}
	case dnsMark != nil && verdict == generator.Allow && len(groups) == 1 && groups[0].inCluster() && len(ports) == 0 && len(http) == 0:
		// "allow dns lookups of *.example.com from the toolbox pod": the DNS rule alone.
		r.subject = groups[0]
	case dnsMark != nil && verdict == generator.Allow && len(groups) == 0 && len(ports) == 0 && len(http) == 0 && (p.fallback != nil || clusterMark != nil):
		// "..., but keep DNS working": the DNS rule for the other clause's
		// pods; "all pods in the cluster may send DNS to kube-dns": for them.
	case len(dir) == 0 && verdict == generator.Allow && len(groups) == 1 && len(groups[0].eps) == 1 && groups[0].inCluster() && groups[0].prep != "from" && httpServed(http) && p.fallback == nil &&
		(groups[0].prep != "to" || p.afterPathTo(groups[0].eps[0].start)) && p.verbless() && !p.methodAsVerbAfter(groups[0].eps[len(groups[0].eps)-1].end):
		// "allow requests at the /ip path to the httpbin workload":
		// "For the X pods allow GET on /users* at port 80": the HTTP
		// requests the pods serve, from anyone.
		// "prometheus server pods (app=prometheus) can only do GET
		// /metrics on port 9090": the pods named make the requests; they
		// are the client, and the pods served are unsaid.
		if p.groupDoes(groups[0]) {
			return nil, p.refuse(fmt.Sprintf("%s make these HTTP requests: to which pods? Say \"%s may only do GET /path on port N of the pods labeled X\", or, for the pods served, \"the pods labeled X accept only GET /path from %s\"", groups[0].text(), groups[0].text(), groups[0].text()), generator.ExampleNetwork)
		}
		r = roles{subject: groups[0], dirs: []generator.Direction{generator.Ingress}, dirOrigin: p.verdictOriginFor("http-served")}
	default:
		r, err = p.roles(groups, verdict, exceptAt, clusterMark != nil, len(ports) > 0 || len(http) > 0, dir, dm)
	}
	if err != nil {
		return nil, err
	}
	if q := p.peerPlacedAfter(r.peers); q != "" {
		return nil, p.refuse(q, generator.ExampleNetwork)
	}
	// "on 80 only for GET and on 443 for anything": HTTP rules between
	// ports could be any of them's; the rule would put them on all.
	if len(http) > 0 && len(ports) > 1 {
		first := p.saidAt(http[0].origins)
		if first >= 0 && slices.ContainsFunc(ports, func(pv portV) bool { return p.saidAt(pv.origins) > first }) && slices.ContainsFunc(ports, func(pv portV) bool { return p.saidAt(pv.origins) < first }) {
			return nil, p.refuse("which ports are the HTTP rules for? Say the HTTP rules of each port as a rule of its own", generator.ExampleNetwork)
		}
	}
	// "accept 80 from anyone and 443 only from app=a": anyone is no peer
	// group, so the ports would all go to app=a.
	var peerEps []*endpoint
	kinds := map[epKind]bool{}
	for _, g := range r.peers {
		for _, e := range g.eps {
			peerEps, kinds[e.kind] = append(peerEps, e), true
		}
	}
	// "grafana may only do GET /api/* on 3200, and vmagent may only GET
	// /metrics": HTTP rules between peers could be any of theirs.
	if len(http) > 0 && len(peerEps) > 1 {
		first, last := peerEps[0].end, peerEps[len(peerEps)-1].start
		if slices.ContainsFunc(http, func(h httpV) bool { at := p.saidAt(h.origins); return at > first && at < last }) {
			return nil, p.refuse("which HTTP requests may each peer make? Say the HTTP rules of each peer as a rule of its own", generator.ExampleNetwork)
		}
	}
	// "DNS, pangolin.example.com, and the TURN box at 172.16.61.5 on 3478":
	// ports after a list of names and addresses could be the last one's.
	if len(ports) > 0 && kinds[epFQDN] && kinds[epCIDR] && !slices.ContainsFunc(ports, func(pv portV) bool { return p.saidAt(pv.origins) < peerEps[len(peerEps)-1].end }) {
		return nil, p.refuse("which peers are the ports for: all of them, or the last one? Say the ports after each peer they are for", generator.ExampleNetwork)
	}
	// "the envoy pods on any port, and authentik on 18789 only": one peer
	// on every port and one on some would get the same ports.
	if len(ports) > 0 && len(anyPeers(r.peers)) > 1 && slices.Contains(p.claim, "any-port") {
		return nil, p.refuse("which peers may use any port, and which only the ports named? Say each as a rule of its own", generator.ExampleNetwork)
	}
	if len(anyPeers(r.peers)) > 0 && len(ports) > 0 && slices.ContainsFunc(groups, func(g *group) bool { return g.all(func(e *endpoint) bool { return e.kind == epAny }) }) &&
		!p.ownPortsEach(r.peers, ports) {
		return nil, p.refuse("which ports are open to anyone, and which only to "+textsOf(anyPeers(r.peers))+"? Say each as a rule of its own", generator.ExampleNetwork)
	}
	// "Applications with prometheus scraping enabled do not allow
	// prometheus to scrape them": one name on both ends of a rule is two
	// readings of it, or none.
	if r.subject != nil {
		for _, se := range r.subject.eps {
			for _, g := range r.peers {
				for _, pe := range g.eps {
					if se != pe && se.name != "" && se.name == pe.name && se.pods == nil && pe.pods == nil {
						return nil, p.refuse(fmt.Sprintf("%q stands on both ends of the rule: which pods is the policy for, and which may reach them?", se.name), generator.ExampleNetwork)
					}
				}
			}
		}
	}
	if r.subjects != nil {
		return p.eachDestination(r, verdict, verdictMark, verdictOrigin, clusterMark, ports, http, dnsPatterns, dnsMark)
	}
	subjects := []*group{r.subject}
	if r.each {
		subjects = nil
		for _, ep := range r.subject.eps {
			subjects = append(subjects, &group{eps: []*endpoint{ep}, prep: r.subject.prep})
		}
	}
	var intents []*generator.Intent
	for _, sg := range subjects {
		rr := r
		rr.subject = sg
		in, err := p.networkIntent(rr, verdict, verdictMark, verdictOrigin, clusterMark, ports, http, dnsPatterns, dnsMark)
		if err != nil {
			return nil, err
		}
		intents = append(intents, in)
	}
	// "they may send DNS to kube-dns, every other ingress and egress is
	// denied": the rest of a direction no rule is about would stay open.
	var said []token
	for k, t := range p.toks {
		if p.claim[k] == "allow-list-rest" {
			said = append(said, t)
		}
	}
	for _, dir := range []generator.Direction{generator.Ingress, generator.Egress} {
		if len(intents[0].Network) > 0 && saysDirection(said, dir) && !slices.ContainsFunc(intents, func(in *generator.Intent) bool {
			return slices.ContainsFunc(in.Network, func(r generator.NetworkRule) bool { return r.Direction == dir })
		}) {
			return nil, p.refuse(fmt.Sprintf("the rest of the %s traffic is said to be denied, but no rule is about %s: should all %s be denied? Say it as a rule of its own (\"deny all %s\")", dir, dir, dir, dir), generator.ExampleNetwork)
		}
	}
	intents[0].Others = intents[1:]
	return intents[0], nil
}

// eachDestination makes one policy for each destination of r.subjects,
// with the ports said after it: "app=api may reach app=db on 5432 and
// app=cache on 6379" is app=db's ingress from app=api on 5432 and
// app=cache's on 6379. Ports that are not each destination's own, HTTP or
// DNS rules (whose destination could be any of them) are asked about.
func (p *parser) eachDestination(r roles, verdict generator.Verdict, verdictMark *mark, verdictOrigin *generator.Origin, clusterMark *mark, ports []portV, http []httpV, dnsPatterns []valueV, dnsMark *mark) (*generator.Intent, error) {
	ask := func(what string) error {
		return p.refuse(fmt.Sprintf("which %s for each of %s? Say each destination with its own (\"to X on 5432, and to Y on 6379\"), or each as a rule of its own", what, textsOf(r.subjects)), generator.ExampleNetwork)
	}
	switch {
	case len(http) > 0:
		return nil, ask("HTTP requests are")
	case len(dnsPatterns) > 0 || dnsMark != nil:
		return nil, ask("DNS rules are")
	case clusterMark != nil || len(r.peers) > 1:
		return nil, ask("pods may reach it, and on which ports,")
	}
	parts, err := p.portBinding(r.subjects, ports)
	if err != nil {
		return nil, err
	}
	if len(parts) != len(r.subjects) || slices.ContainsFunc(parts, func(b binding) bool { return len(b.groups) != 1 || len(b.ports) == 0 }) {
		return nil, ask("ports are")
	}
	var intents []*generator.Intent
	for _, b := range parts {
		rr := r
		rr.subject, rr.subjects = b.groups[0], nil
		in, err := p.networkIntent(rr, verdict, verdictMark, verdictOrigin, clusterMark, b.ports, nil, nil, nil)
		if err != nil {
			return nil, err
		}
		intents = append(intents, in)
	}
	intents[0].Others = intents[1:]
	return intents[0], nil
}

// networkIntent assembles the intent of one subject.
func (p *parser) networkIntent(r roles, verdict generator.Verdict, verdictMark *mark, verdictOrigin *generator.Origin, clusterMark *mark, ports []portV, http []httpV, dnsPatterns []valueV, dnsMark *mark) (*generator.Intent, error) {
	var subject subjectV
	var err error
	switch {
	case clusterMark != nil:
		subject.subject = generator.Subject{Scope: generator.ScopeCluster}
		subject.origins = append(subject.origins, p.origin("subject.scope", clusterMark))
		if r.subject != nil {
			if len(r.subject.eps) > 1 {
				return nil, p.refuse(fmt.Sprintf("which pods should this cluster-wide policy apply to? %s are named; name one set", textsOf([]*group{r.subject})), generator.ExampleNetwork)
			}
			for _, ep := range r.subject.eps {
				// "every pod in the cluster ... external addresses -
				// slack.com": names or addresses read as the pods would
				// be left out of the policy without a word.
				if ep.external() {
					return nil, p.refuse(fmt.Sprintf("what is %s to this cluster-wide policy: where its pods may connect, or where connections come from?", quote(ep.text)), generator.ExampleNetwork)
				}
				if ep.pods != nil {
					subject.subject.Pods = ep.pods
					subject.origins = append(subject.origins, p.origin("subject.pods", ep.podsMark))
				}
				// "cluster-wide: the kube-dns pods (k8s-app=kube-dns in
				// kube-system)": still only in the namespace named.
				switch {
				case ep.namespace != "":
					subject.subject.Namespaces = []string{ep.namespace}
					subject.origins = append(subject.origins, p.origin("subject.namespaces[0]", ep.nsMark))
				case ep.namespaces != nil && len(ep.namespaces.MatchLabels)+len(ep.namespaces.MatchExpressions) > 0:
					subject.subject.NamespaceLabels = ep.namespaces
					subject.origins = append(subject.origins, p.origin("subject.namespaceLabels", ep.nssMark))
				}
			}
		}
		if len(p.clusterExcept) > 0 {
			// "pods in every namespace but X in namespace Y": which is it?
			if len(subject.subject.Namespaces) > 0 || subject.subject.NamespaceLabels != nil {
				return nil, p.refuse(fmt.Sprintf("which namespaces is this cluster-wide policy for? %q leaves some out, and the pods are named in others", p.text(p.clusterExMark.start, p.clusterExMark.end)), generator.ExampleNetwork)
			}
			for k, n := range p.clusterExcept {
				subject.subject.Namespaces = append(subject.subject.Namespaces, n.value)
				subject.origins = append(subject.origins, p.origin(fieldf("subject.namespaces[%d]", k), n.m))
			}
			subject.subject.ExceptNamespaces = true
			subject.origins = append(subject.origins, p.origin("subject.exceptNamespaces", p.clusterExMark))
		}
	case r.subject == nil && p.fallback != nil:
		subject = p.fallbackSubject()
	case r.subject == nil && p.ctx != nil:
		// "default deny for advanced-policy-demo": every pod of the namespace named.
		if subject, err = p.subjectFrom(&endpoint{kind: epNamespace, namespace: p.ctx.namespace, nsMark: p.ctx.nsMark, start: p.ctx.start, end: p.ctx.end}); err != nil {
			return nil, err
		}
	case r.subject == nil && p.multi && p.fallback == nil && p.mentions("it", "them", "they", "its", "their"):
		// "- no traffic reaches it": the pods another clause named.
		return nil, p.ask("which pods should this policy apply to?", generator.ExampleNetwork, "for the pods labeled app=web")
	case r.subject == nil && (verdict == generator.Isolate && p.opts.Namespace != "" || p.namespaceLevel):
		// "default deny ingress" with -n: every pod of that namespace.
		subject.subject = generator.Subject{Scope: generator.ScopePods, Namespace: p.defaultNamespace()}
		subject.origins = append(subject.origins, p.origin("subject.scope", verdictMark), p.defaultNamespaceOrigin("subject.namespace"))
	case r.subject == nil:
		return nil, p.ask("which pods should this policy apply to?", generator.ExampleNetwork, "for the pods labeled app=web")
	case len(r.subject.eps) != 1:
		return nil, p.refuse(fmt.Sprintf("a policy applies to one set of pods, and %q names %d; which one is it for? Ask once for each", r.subject.text(), len(r.subject.eps)), generator.ExampleNetwork)
	default:
		if subject, err = p.subjectFrom(r.subject.eps[0]); err != nil {
			return nil, err
		}
	}
	p.understood = append(p.understood, subjectText(subject.subject))

	in := &generator.Intent{Subject: subject.subject, Origins: subject.origins}
	var rules []ruleV
	for _, dir := range r.dirs {
		rv := ruleV{rule: generator.NetworkRule{Direction: dir, Verdict: verdict}}
		if verdictOrigin != nil {
			o := *verdictOrigin
			o.Field = "verdict"
			rv.origins = append(rv.origins, o)
		} else {
			rv.origins = append(rv.origins, p.origin("verdict", verdictMark))
		}
		switch {
		case r.dirOrigin != nil:
			o := *r.dirOrigin
			o.Field = "direction"
			rv.origins = append(rv.origins, o)
		case r.dirMark != nil:
			rv.origins = append(rv.origins, p.origin("direction", r.dirMark))
		default:
			rv.origins = append(rv.origins, p.origin("direction", verdictMark))
		}
		if verdict == generator.Isolate {
			rules = append(rules, rv)
			continue
		}
		// Allowing everything must be said: "allow all ingress", "from
		// anywhere". A rule whose peers were not understood must not become it.
		if verdict == generator.Allow && len(r.peers) == 0 && len(ports) == 0 && len(http) == 0 && dnsMark == nil && !p.saysAnything() {
			return nil, p.ask("which peers should this allow? I found no pods, addresses or names to allow, and allowing all traffic must be said (\"allow all ingress\")", generator.ExampleNetwork, "from the pods labeled app=web")
		}
		if verdict == generator.Deny && len(r.peers) == 0 && len(ports) == 0 && len(http) == 0 {
			return nil, p.refuse("what should be denied? I found no peers or ports to deny; to deny everything, say \"deny all ingress\" or \"default deny\"", generator.ExampleNetwork)
		}
		// Each peer group with its own ports ("to X, to Y, and to 10.96.0.1/32
		// on TCP 443") is a rule of its own; otherwise the ports are every peer's.
		parts, err := p.portBinding(r.peers, ports)
		if err != nil {
			return nil, err
		}
		for _, part := range parts {
			prv := ruleV{rule: rv.rule, origins: slices.Clone(rv.origins)}
			var peers []generator.Peer
			for _, g := range part.groups {
				for _, ep := range g.eps {
					pvs, err := p.peerOf(ep, subject.subject.Namespace)
					if err != nil {
						return nil, err
					}
					for _, pv := range pvs {
						prv.origins = append(prv.origins, rebase(fieldf("peers[%d]", len(prv.rule.Peers)), pv.origins)...)
						prv.rule.Peers = append(prv.rule.Peers, pv.peer)
						peers = append(peers, pv.peer)
					}
				}
			}
			serverPorts := p.containerPorts(part.ports, dir, subject.subject, peers)
			if sp, ok := p.serverPort(dir, subject.subject, peers); ok && len(serverPorts) == 0 && len(http) > 0 && verdict == generator.Allow {
				serverPorts = []portV{sp}
			}
			for _, pv := range serverPorts {
				prv.origins = append(prv.origins, rebase(fieldf("ports[%d]", len(prv.rule.Ports)), pv.origins)...)
				prv.rule.Ports = append(prv.rule.Ports, pv.port)
			}
			for _, h := range http {
				prv.origins = append(prv.origins, rebase(fieldf("http[%d]", len(prv.rule.HTTP)), h.origins)...)
				prv.rule.HTTP = append(prv.rule.HTTP, h.rule)
			}
			if len(http) > 0 {
				if err := p.httpOverTLS(prv.rule.Ports); err != nil {
					return nil, err
				}
			}
			if dir == generator.Egress && len(prv.rule.Peers) == 0 && len(prv.rule.Ports) == 0 && dnsMark != nil && verdict == generator.Allow && len(r.peers) == 0 {
				// "allow dns for the frontend": the DNS rule alone.
				continue
			}
			rules = append(rules, prv)
		}
	}
	// "outbound UDP to any destination on any port", "block all UDP
	// egress": the protocol is said with no port to carry it, and a rule
	// with no ports matches every protocol, TCP too. The intent holds a
	// protocol only with its ports, so the engine asks for them; so too
	// where every port named has a protocol of its own ("outbound UDP to
	// anywhere, plus outbound TCP 3478"), which would drop the UDP.
	if p.protocol != nil && dnsMark == nil && (len(p.protocolLost) > 0 || slices.ContainsFunc(rules, func(r ruleV) bool { return len(r.rule.Ports) == 0 && len(r.rule.HTTP) == 0 })) {
		proto := strings.Join(p.protocolNames, " and ")
		why := "A rule with no ports would match every protocol, not only " + proto
		if len(p.protocolLost) > 0 {
			proto = strings.Join(p.protocolLost, " and ")
			why = "The ports named carry other protocols, not " + proto
		}
		return nil, p.ask(fmt.Sprintf("which %s ports? %s; name them (%q for all of them)", proto, why, proto+" ports 1-65535"),
			generator.ExampleNetwork, "on "+proto+" ports 1-65535")
	}
	egressAllow := slices.ContainsFunc(rules, func(r ruleV) bool {
		return r.rule.Direction == generator.Egress && r.rule.Verdict != generator.Deny
	})
	// "the app=curl pods may call the app=echo pods on 80, plus DNS
	// lookups": the policy is for the pods called, and the lookups are the
	// caller's; given to the pods called, they would be a wrong rule.
	if dnsMark != nil && r.subject != nil && len(r.subject.eps) > 0 && calledSubject(r, rules) {
		return nil, p.refuse(fmt.Sprintf("whose DNS lookups: those of %s, the pods called, or of the pods that call them? A policy for the callers says \"X may reach Y\"", textsOf([]*group{r.subject})), generator.ExampleNetwork)
	}
	// "UDP 53 to the kube-dns pods (k8s-app=kube-dns) in the namespace
	// labeled name=kube-system": kube-system named in words the cluster DNS
	// does not say became a peer of its own, open on every port.
	if dnsMark != nil && slices.ContainsFunc(rules, func(r ruleV) bool {
		return slices.ContainsFunc(r.rule.Peers, func(pr generator.Peer) bool {
			return pr.Namespace == "kube-system" || pr.Namespaces != nil && slices.Contains(slices.Collect(maps.Values(pr.Namespaces.MatchLabels)), "kube-system")
		})
	}) {
		return nil, p.refuse("is this the DNS allowance (the kube-dns pods in the namespace named kube-system on 53 over UDP and TCP), or a rule to the pods and namespace as named? Say \"DNS lookups\" for the allowance, or name the pods and the namespace by their labels with the ports", generator.ExampleNetwork)
	}
	switch {
	case dnsMark != nil:
		rules = append(rules, p.dnsRule(dnsPatterns, dnsMark))
		p.notes = append(p.notes, "DNS lookups are allowed because the request asks for them")
	case p.opts.AllowDNS && egressAllow:
		rules = append(rules, p.dnsRule(nil, nil))
		p.notes = append(p.notes, generator.NoteAllowDNS)
	case egressAllow && verdict == generator.Allow && hasFQDN(rules):
		p.notes = append(p.notes, "DNS lookups are not allowed by this policy, and Cilium matches DNS names only through lookups it sees: add \"and DNS\" to the request or pass --allow-dns unless another policy allows DNS for these pods")
	case egressAllow && verdict == generator.Allow:
		p.notes = append(p.notes, "DNS lookups are not allowed by this policy: if the pods resolve names, add \"and DNS\" to the request or pass --allow-dns")
	}
	for i, rv := range rules {
		in.Network = append(in.Network, rv.rule)
		in.Origins = append(in.Origins, rebase(fieldf("network[%d]", i), rv.origins)...)
	}
	in.Notes = p.notes
	return in, nil
}

// unwrittenEntities are Cilium's entities kunerva does not write: a peer
// named by one of them is refused, not read as a direction or a name.
var unwrittenEntities = set("ingress", "health", "init", "unmanaged", "kube-dns")

// entityNouns say that the word before or after them names an entity.
var entityNouns = set("entity", "entities", "identity", "identities")

// unknownEntity asks about "from the ingress entity", "the Cilium ingress
// identity (reserved:ingress)", "entity health": Cilium entities the
// intent cannot hold. Dropped, the peer would become any peer.
func (p *parser) unknownEntity() error {
	for i, t := range p.toks {
		name := ""
		switch {
		case strings.HasPrefix(t.low, "reserved:") && unwrittenEntities[strings.TrimPrefix(t.low, "reserved:")]:
			name = strings.TrimPrefix(t.low, "reserved:")
		case unwrittenEntities[t.low] && (entityNouns[p.word(i+1)] || entityNouns[p.word(i-1)] && !p.is(i-2, "the", "a", "an", "this", "that", "each", "every")):
			name = t.low
		}
		if name != "" {
			return p.refuse(fmt.Sprintf("the Cilium entity %q is not one kunerva writes (it writes world, cluster, host, remote-node, kube-apiserver and all): name the pods or addresses instead", name), generator.ExampleNetwork)
		}
	}
	return nil
}

// calledSubject reports whether every rule is the ingress of pods that
// other pods call, so that DNS lookups said with them may be the callers':
// a peer named before the pods ("X may call Y": the rules are Y's), or a
// peer of pods of the cluster, which resolve names too ("app=db accepts
// 5432 from app=api, plus DNS lookups", "the redis pods take connections
// from app=worker, and DNS too"). Not "the app=web pods accept 443 from
// the world, plus DNS lookups": the world resolves no names through the
// cluster's DNS.
func calledSubject(r roles, rules []ruleV) bool {
	if len(rules) == 0 || len(r.peers) == 0 {
		return false
	}
	for _, rv := range rules {
		if rv.rule.Direction != generator.Ingress {
			return false
		}
	}
	first := r.subject.eps[0].start
	for _, g := range r.peers {
		for _, ep := range g.eps {
			if ep.start < first || ep.kind == epPods || ep.kind == epNamespace {
				return true
			}
		}
	}
	return false
}

// laterExceptions attaches an address list said as an exception further on
// ("..., minus the 198.51.100.128/25 half") to the CIDR that holds it.
func (p *parser) laterExceptions(groups []*group) []*group {
	var out []*group
	for _, g := range groups {
		ep := g.eps[0]
		k := ep.start - 1
		for k >= 0 && p.is(k, "the", "a", "its") {
			k--
		}
		if len(g.eps) == 1 && ep.kind == epCIDR && p.is(k, "minus", "except", "excluding", "without") {
			if n := slices.IndexFunc(out, func(o *group) bool {
				return len(o.eps) == 1 && o.eps[0].kind == epCIDR && len(ep.cidrs) > 0 && slices.ContainsFunc(o.eps[0].cidrs, func(c cidrV) bool { return cidrContains(c.cidr.value, ep.cidrs[0].cidr.value) })
			}); n >= 0 {
				host := out[n].eps[0]
				for _, x := range ep.cidrs {
					ci := slices.IndexFunc(host.cidrs, func(c cidrV) bool { return cidrContains(c.cidr.value, x.cidr.value) })
					host.cidrs[ci].except = append(host.cidrs[ci].except, x.cidr)
				}
				p.take(k, k+1, "cidr-except")
				for n := ep.end; n < len(p.toks) && n < ep.end+2 && p.nameWord(n); n++ {
					p.take(n, n+1, "cidr-except") // "the ... half"
				}
				continue
			}
		}
		out = append(out, g)
	}
	return out
}

// binding is peer groups and the ports that go with them.
type binding struct {
	groups []*group
	ports  []portV
}

// portBinding decides which peers the ports go with: every peer, unless the
// peers are groups each with its own preposition ("to X, to Y, and to Z on
// 443") and the ports follow the last one only; then they are its alone.
func (p *parser) portBinding(groups []*group, ports []portV) ([]binding, error) {
	all := []binding{{groups: groups, ports: ports}}
	// A list whose every item has its own preposition is as many groups.
	var units []*group
	for _, g := range groups {
		if len(g.eps) > 1 && g.all(func(e *endpoint) bool { return e.prep != "" }) {
			for _, e := range g.eps {
				units = append(units, &group{eps: []*endpoint{e}, prep: e.prep})
			}
			continue
		}
		units = append(units, g)
	}
	// Where the ports stand is told by where the groups stand: in the
	// request's order ("PostgreSQL (...) on 5432 and accounts.google.com
	// on 443" has its DNS names grouped first).
	slices.SortStableFunc(units, func(a, b *group) int { return a.eps[0].start - b.eps[0].start })
	groups = units
	if len(groups) == 1 && len(groups[0].eps) > 1 && len(ports) > 1 && p.portBetween(groups[0].eps, ports) {
		// "PostgreSQL (app=postgresql) on 5432 and accounts.google.com on
		// 443": a port between two peers of a list is the one before it's;
		// each peer is a group of its own.
		units = nil
		for _, e := range groups[0].eps {
			units = append(units, &group{eps: []*endpoint{e}, prep: groups[0].prep})
		}
		groups = units
	}
	if len(groups) == 1 && len(groups[0].eps) > 1 && len(ports) > 1 {
		// "to port 7844 over TCP and UDP towards the internet, plus
		// api.cloudflare.com on 443": ports before the peers and ports after
		// one of them.
		return all, p.portsAround(groups[0].eps, ports)
	}
	if len(groups) < 2 || len(ports) == 0 {
		return all, nil
	}
	// Where each port stands: after which group.
	after := make([]int, len(ports))
	for n, pv := range ports {
		after[n] = -1
		for _, o := range pv.origins {
			if o.From != generator.FromRequest {
				continue
			}
			at := p.tokenAt(o.Start)
			for gi, g := range groups {
				if g.eps[len(g.eps)-1].end <= at {
					after[n] = gi
				}
			}
			break
		}
	}
	last := len(groups) - 1
	// "on 80 from app=a and on 443 from app=b": each port before the group
	// it is for.
	lead, between, trailing := false, false, false
	for n := range ports {
		lead = lead || after[n] < 0
		between = between || after[n] >= 0 && after[n] < last
		trailing = trailing || after[n] == last
	}
	if lead && between && !trailing {
		out := make([]binding, len(groups))
		for gi, g := range groups {
			out[gi].groups = []*group{g}
		}
		for n, pv := range ports {
			out[after[n]+1].ports = append(out[after[n]+1].ports, pv)
		}
		return out, nil
	}
	// "to the RDS instance on 5432 (*.rds.amazonaws.com) and api.stripe.com
	// on 443": ports before the peers and ports after one of them; which
	// peer each is for cannot be told.
	if lead && (between || trailing) && portsDiffer(ports) {
		return nil, p.askPortsAround()
	}
	interleaved := false
	for n := range ports {
		if after[n] < 0 {
			return all, nil // ports before the peers are every peer's
		}
		if after[n] < last {
			interleaved = true
		}
	}
	if !interleaved {
		// Ports after the last group only, each group with its own
		// preposition: "to github.com and to *.github.com on port 443".
		// The ports are every peer's when a comma sets them apart ("...,
		// on port 9200"); the last one's alone when they share its
		// brackets ("from 10.0.0.0/8 (from 10.1.0.0/16 only on 22)");
		// otherwise they could be either, and the engine asks.
		for _, g := range groups {
			if g.prep == "" || g.prep != groups[last].prep {
				return all, nil
			}
		}
		lastEnd := groups[last].eps[len(groups[last].eps)-1].end
		for _, pv := range ports {
			for _, o := range pv.origins {
				if at := p.tokenAt(o.Start); o.From == generator.FromRequest {
					for k := lastEnd; k < at; k++ {
						if p.is(k, ",", "-") {
							return all, nil // "..., on port 9200", "... - TCP 80 in both cases"
						}
					}
				}
			}
		}
		if !p.bracketedWithLast(groups, ports) {
			return nil, p.refuse("which peers are the ports for: all of them, or the last one? Say the ports after each peer they are for", generator.ExampleNetwork)
		}
	}
	// "to the repo on 443 and to the partner on TCP 1010": each group has
	// the ports that follow it.
	out := make([]binding, len(groups))
	for gi, g := range groups {
		out[gi].groups = []*group{g}
	}
	for n, pv := range ports {
		out[after[n]].ports = append(out[after[n]].ports, pv)
	}
	if err := p.askPortBeforeNextPeer(groups, out); err != nil {
		return nil, err
	}
	// "to app=db on 5432 and 10.0.0.5": a peer after another's ports, with
	// none of its own, may share them or take any port; ask.
	// Only a peer with no preposition of its own, joined by "and" or
	// "plus" right after the ports ("to X on 443 and to Y" gives Y its own
	// rule, on any port).
	for gi := 1; gi < len(out); gi++ {
		bare := out[gi].groups[0]
		if len(out[gi].ports) == 0 && len(out[gi-1].ports) > 0 && bare.prep == "" && p.joinedAfterPorts(bare.eps[0].start) && !bare.all(servesItsOwnPort) {
			return nil, p.askPortsShared(out[gi-1], out[gi])
		}
	}
	return out, nil
}

// askPortBeforeNextPeer asks when a port said after one peer's ports
// stands right before the next peer, which has none of its own: "to
// tier=database on 3306, plus UDP 53 to anything in kube-system", "to
// app=db on 5432 and port 9090 to the metrics namespace". Read after the
// first peer, the port would go to it and the next peer would take any
// port; the words may as well mean the port is the next peer's.
func (p *parser) askPortBeforeNextPeer(groups []*group, out []binding) error {
	for gi := 0; gi+1 < len(out); gi++ {
		if len(out[gi].ports) == 0 || len(out[gi+1].ports) > 0 {
			continue
		}
		next := groups[gi+1].eps[0].start
		for _, pv := range out[gi].ports {
			end := p.saidEnd(pv.origins)
			if end < 0 || end > next {
				continue
			}
			k := end
			for k < next && p.is(k, "to", "from", "towards", "toward", "into", "for", "with") {
				k++
			}
			if k == next {
				return p.ask(fmt.Sprintf("which peer is %q for: %q before it, or %q after it? Say each peer with its own ports (\"to X on 3306, and to Y on UDP 53\")", p.text(p.saidAt(pv.origins), end), out[gi].groups[0].text(), groups[gi+1].text()), generator.ExampleNetwork, "to the pods labeled app=db on 5432, and to the kube-system namespace on UDP 53")
			}
		}
	}
	return nil
}

// saidEnd is the token just after the last of the origins' request words,
// or -1.
func (p *parser) saidEnd(origins []generator.Origin) int {
	end := -1
	for _, o := range origins {
		if o.From != generator.FromRequest {
			continue
		}
		for i, t := range p.toks {
			if t.start >= o.Start && t.end <= o.End && i+1 > end {
				end = i + 1
			}
		}
	}
	return end
}

// bracketedWithLast reports whether the ports stand in brackets that open
// before the last group, after the one before it: "from 10.0.0.0/8 (from
// 10.1.0.0/16 only on 22)".
func (p *parser) bracketedWithLast(groups []*group, ports []portV) bool {
	from, to := groups[len(groups)-2].eps[len(groups[len(groups)-2].eps)-1].end, groups[len(groups)-1].eps[0].start
	open := -1
	for k := from; k < to; k++ {
		if p.is(k, "(") {
			open = k
		}
	}
	if open < 0 {
		return false
	}
	for _, pv := range ports {
		at := p.saidAt(pv.origins)
		if at < 0 {
			return false
		}
		for k := open; k < at; k++ {
			if p.is(k, ")") {
				return false
			}
		}
	}
	return true
}

// servesItsOwnPort reports whether the peer is a service whose port the
// peer itself says: the API server ("on 5432, and the kube-apiserver").
func servesItsOwnPort(e *endpoint) bool {
	return len(e.entities) > 0 && !slices.ContainsFunc(e.entities, func(v valueV) bool { return v.value != "kube-apiserver" })
}

// joinedAfterPorts reports whether the words just before token k join a
// peer to the ports before them: "on 5432 and 10.0.0.5", "on 443, plus
// 10.0.0.0/8", "on 443 and also ...".
func (p *parser) joinedAfterPorts(k int) bool {
	k--
	for k >= 0 && p.is(k, "also", "too") {
		k--
	}
	if !p.is(k, "and", "plus", "&") {
		return false
	}
	if p.is(k-1, ",") {
		k--
	}
	if k--; k < 0 {
		return false
	}
	kind := p.toks[k].kind
	return kind == tNumber || kind == tRange || kind == tPortProto || p.is(k, "tcp", "udp", "sctp")
}

// askPortsShared asks whether the ports said after one peer are also the
// next peer's, which has none of its own.
func (p *parser) askPortsShared(ported, bare binding) error {
	return p.ask(fmt.Sprintf("are the ports said after %q also for %q, or may it be reached on any port? Say each peer with its ports (\"to X on 5432, and to Y on any port\")", ported.groups[0].text(), bare.groups[0].text()), generator.ExampleNetwork, "to the pods labeled app=db on 5432, and to 10.0.0.5 on 5432")
}

// ownPortsEach reports whether every peer group, anyone among them, has
// ports of its own: "to the kube-system namespace on port 53, and to any
// destination on TCP 443".
func (p *parser) ownPortsEach(groups []*group, ports []portV) bool {
	parts, err := p.portBinding(groups, ports)
	if err != nil || len(parts) < 2 {
		return false
	}
	return !slices.ContainsFunc(parts, func(b binding) bool { return len(b.groups) != 1 || len(b.ports) == 0 })
}

// portsAround asks which peers the ports are for when different ports
// stand before a list of peers and after one of its items.
func (p *parser) portsAround(eps []*endpoint, ports []portV) error {
	lead, later := false, false
	for _, pv := range ports {
		at := p.saidAt(pv.origins)
		if at < 0 {
			continue
		}
		lead = lead || at < eps[0].start
		later = later || at >= eps[0].end
	}
	if lead && later && portsDiffer(ports) {
		return p.askPortsAround()
	}
	return nil
}

// portBetween reports whether one of the ports stands between two of the
// endpoints.
func (p *parser) portBetween(eps []*endpoint, ports []portV) bool {
	for _, pv := range ports {
		at := p.saidAt(pv.origins)
		for k := 0; k+1 < len(eps); k++ {
			if at >= eps[k].end && at < eps[k+1].start {
				return true
			}
		}
	}
	return false
}

// portsDiffer reports whether the ports are not all one port: the same
// port before and after the peers is every peer's.
func portsDiffer(ports []portV) bool {
	return slices.ContainsFunc(ports, func(pv portV) bool { return pv.port != ports[0].port })
}

func (p *parser) askPortsAround() error {
	return p.ask("which ports go with which peers? Some ports stand before the peers and some after them; say each peer with its own ports (\"to X on 5432, and to Y on 443\")", generator.ExampleNetwork, "to the pods labeled app=db on 5432, and to api.stripe.com on 443")
}

// saidAt is the token where the first of the origins' request words
// stands, or -1.
func (p *parser) saidAt(origins []generator.Origin) int {
	for _, o := range origins {
		if o.From == generator.FromRequest {
			return p.tokenAt(o.Start)
		}
	}
	return -1
}

// saidAfter reports whether any of the origins' request words stand after
// token k.
func (p *parser) saidAfter(origins []generator.Origin, k int) bool {
	return slices.ContainsFunc(origins, func(o generator.Origin) bool { return o.From == generator.FromRequest && p.tokenAt(o.Start) > k })
}

// tokenAt is the index of the token that starts at byte offset start, or -1.
func (p *parser) tokenAt(start int) int {
	for i, t := range p.toks {
		if t.start == start {
			return i
		}
	}
	return -1
}

// saysAnything reports whether the clause says "all", "any", "anyone",
// "anywhere", "everything": an allowance of all peers is meant.
func (p *parser) saysAnything() bool {
	for i := range p.toks {
		if p.is(i, "all", "any", "anyone", "anywhere", "everyone", "everything", "anything", "everybody", "anybody", "every", "unrestricted", "open") && p.claim[i] != "allow-list-rest" && !p.is(i+1, "else", "other") {
			return true
		}
	}
	return false
}

// dnsRule is the DNS allowance with its origins: the request's DNS words,
// or --allow-dns when m is nil.
func (p *parser) dnsRule(patterns []valueV, m *mark) ruleV {
	var names []string
	for _, v := range patterns {
		names = append(names, v.value)
	}
	rv := ruleV{rule: generator.DNSRule(names)}
	if m == nil {
		rv.origins = append(rv.origins, defaultOrigin("", "allow-dns"))
		return rv
	}
	for _, f := range []string{"direction", "verdict", "peers[0].clusterDNS"} {
		rv.origins = append(rv.origins, p.origin(f, m))
	}
	// "can reach kube-dns (k8s-app=kube-dns in kube-system) on 53 over
	// TCP and UDP", "DNS on UDP 53": the protocols said are the rule's,
	// kept as said (with Cilium, no longer 53 over any protocol).
	if said := p.dnsSaid; len(said) > 0 {
		rv.rule.Ports, rv.rule.PortsSaid = nil, true
		first, last := said[0].m.start, said[0].m.end
		for k, pm := range said {
			rv.rule.Ports = append(rv.rule.Ports, generator.Port{Port: 53, Protocol: pm.proto})
			rv.origins = append(rv.origins, p.origin(fieldf("ports[%d].protocol", k), pm.m), defaultOrigin(fieldf("ports[%d].port", k), "cluster-dns"))
			first, last = min(first, pm.m.start), max(last, pm.m.end)
		}
		rv.origins = append(rv.origins, p.origin("portsSaid", &mark{first, last, "dns-protocol"}))
	} else {
		rv.origins = append(rv.origins, defaultOrigin("ports", "cluster-dns"))
	}
	for k, v := range patterns {
		rv.origins = append(rv.origins, p.origin(fieldf("dns[%d]", k), v.m))
	}
	return rv
}

// protoMark is a protocol the request said, at its words.
type protoMark struct {
	proto string
	m     *mark
}

// dnsProtocolWords say the protocols of the DNS port: "53 over TCP and
// UDP", "53/UDP", "UDP 53", "port 53 UDP/TCP".
var dnsProtocolWords = set("tcp", "udp", "sctp", "/tcp", "/udp", "udp/tcp", "tcp/udp")

// dnsProtocolsSaid is the protocols said of the DNS port, right after or
// before 53 or right after the DNS words at m ("DNS over UDP"), in their
// order; none when none is said. Their words are the DNS rule's.
func (p *parser) dnsProtocolsSaid(m *mark, patterns []valueV) []protoMark {
	// "DNS over UDP", "DNS lookups of *.example.com over UDP": after the
	// DNS words or the last name looked up.
	ends := map[int]bool{m.end - 1: true}
	for _, v := range patterns {
		if v.m != nil {
			ends[v.m.end-1] = true
		}
	}
	var out []protoMark
	add := func(k int, word string) {
		for _, pr := range strings.Split(strings.ToUpper(strings.Trim(word, "/")), "/") {
			if (pr == "TCP" || pr == "UDP" || pr == "SCTP") && !slices.ContainsFunc(out, func(x protoMark) bool { return x.proto == pr }) {
				out = append(out, protoMark{pr, &mark{k, k + 1, "dns-protocol"}})
			}
		}
		if !p.taken(k) {
			p.take(k, k+1, "dns-protocol")
		}
	}
	ours := func(k int) bool {
		return !p.taken(k) || p.claim[k] == "dns" || p.claim[k] == "dns-protocol" || p.claim[k] == "protocol" && p.protocol != nil && p.protocol.start <= k && k < p.protocol.end
	}
	joiners := func(k int) bool { return p.is(k, "over", "using", "via", "both", "and", "or", "/", ",", "port", "on") }
	for i, t := range p.toks {
		switch {
		case t.low == "53/udp" || t.low == "53/tcp":
			add(i, strings.TrimPrefix(t.low, "53"))
		case t.raw == "53" || ends[i] && !p.is(i, "53") && p.is(i+1, "over", "using", "via"):
			for k := i + 1; k < len(p.toks) && k <= i+5 && (dnsProtocolWords[p.word(k)] || joiners(k) && !p.is(k, "port", "on")); k++ {
				// "DNS and TCP 443": the protocol of another port.
				if next := p.tok(k + 1); next != nil && (next.kind == tNumber || next.kind == tRange || p.is(k+1, "port", "ports")) && next.raw != "53" {
					break
				}
				if dnsProtocolWords[p.word(k)] && ours(k) {
					add(k, p.word(k))
				}
			}
			if t.raw != "53" {
				continue
			}
			for k := i - 1; k >= 0 && k >= i-4 && (dnsProtocolWords[p.word(k)] || joiners(k) && !p.is(k, "over", "using", "via")); k-- {
				if dnsProtocolWords[p.word(k)] && ours(k) {
					add(k, p.word(k))
				}
			}
		}
	}
	if len(out) > 0 && p.protocol != nil && slices.ContainsFunc(out, func(x protoMark) bool { return p.protocol.start <= x.m.start && x.m.start < p.protocol.end }) {
		p.protocol, p.protocolNames = nil, nil
	}
	return out
}

// groupDoes reports whether the words after g say that g makes requests:
// "X can only do GET ...", "X may send GET ...".
func (p *parser) groupDoes(g *group) bool {
	k := g.eps[len(g.eps)-1].end
	if p.is(k, ")") {
		k++
	}
	if p.is(k, "can", "may", "should", "must", "will", "shall") {
		k++
	}
	if p.is(k, "only") {
		k++
	}
	return p.is(k, "do", "does", "send", "sends", "make", "makes", "issue", "issues", "perform", "performs", "call", "calls")
}

func hasFQDN(rules []ruleV) bool {
	for _, r := range rules {
		for _, p := range r.rule.Peers {
			if p.FQDN != "" {
				return true
			}
		}
	}
	return false
}

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
}, restDenials()...)

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
// other connection", "reject anything else inbound") or a passive ("all
// other egress gets dropped", "every other destination should be
// refused"). Said beside the peers a rule names, it makes them an
// allow-list; said alone, the rest has nothing to be the rest of.
func restDenials() [][]string {
	verbs := []string{"deny", "block", "drop", "reject", "refuse", "forbid", "disallow", "prohibit"}
	participles := []string{"denied", "blocked", "dropped", "rejected", "refused", "forbidden", "disallowed", "prohibited"}
	be := [][]string{{"is"}, {"are"}, {"gets"}, {"get"}, {"should", "be"}, {"must", "be"}, {"will", "be"}, {"has", "to", "be"}, {"is", "to", "be"}}
	dirs := []string{"outgoing", "incoming", "outbound", "inbound", "egress", "ingress"}
	nouns := []string{"traffic", "connections", "destinations", "sources", "flows", "egress", "ingress", "destination", "source", "connection", "flow"}
	var rests [][]string
	for _, who := range [][]string{{"all", "other"}, {"every", "other"}, {"any", "other"}} {
		for _, n := range nouns {
			rests = append(rests, append(slices.Clone(who), n))
			for _, d := range dirs[:4] {
				rests = append(rests, append(slices.Clone(who), d, n))
			}
		}
	}
	for _, who := range [][]string{{"everything", "else"}, {"anything", "else"}, {"the", "rest"}} {
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

// verdictPhrases claims the phrases that say "deny everything in a
// direction" ("lock down", "default deny", "nothing gets in") and those that
// restate an allow-list ("and nothing else"), before their words could be
// read as names.
func (p *parser) verdictPhrases() {
	p.restSpans()
	p.notAllowedRest()
	for _, f := range allowListRestTrie.find(p) {
		ph, i := allowListRest[f.n], f.at
		if !p.phraseAt(i, ph...) || p.restNarrowed(i+len(ph)) {
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
	// "It blocks all ingress and egress unless explicitly allowed", "no
	// pod may accept any traffic unless another policy allows it later":
	// what a default deny is, said again at the clause's end (other
	// policies add to it; this one allows nothing).
	if p.isoMark != nil {
		p.unlessAllowed(p.isoMark.start)
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
		if k := start - 1; p.is(k, "from") && p.is(k-1, "not") && !p.taken(k-1) {
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

// verdict reads allow, deny or isolate, claims the words that say it and
// returns their mark.
// negatedDeny refuses "don't block app=a from reaching app=b", "never
// audit /etc/hosts": a deny or audit negated is neither, and whether it
// means allow or leave alone is the requester's to say.
func (p *parser) negatedDeny() error {
	if err := p.needNegated(); err != nil {
		return err
	}
	for k := 0; k+1 < len(p.toks); k++ {
		n := k + 1
		if p.is(k, "do") && p.is(n, "not") {
			n++
		}
		// "/bin/sh must not be blocked", "this should never get audited":
		// the verdict said in the passive is negated all the same.
		// ("X can't be monitored directly" says what is possible, not what to do.)
		if (p.is(k, "mustn't", "shouldn't", "never") || p.is(k, "not") && p.is(k-1, "must", "should", "shall", "may")) && p.is(n, "be", "been", "being", "get", "gets", "getting") && (denyWords[p.word(n+1)] || auditWords[p.word(n+1)] || isolateWords[p.word(n+1)]) && !negationWords[p.word(n+1)] {
			n++
		}
		w := p.word(n)
		// "only report reads of X, do not block them": audit, said twice.
		audited := denyWords[w] && slices.ContainsFunc(p.toks, func(t token) bool { return auditWords[t.low] })
		if (negationWords[p.word(k)] || p.is(k, "do") && p.is(k+1, "not")) && (denyWords[w] && !negationWords[w] && !audited || auditWords[w] || isolateWords[w]) {
			example := generator.ExampleNetwork
			if p.systemRequest {
				example = generator.ExampleSystem
			}
			return p.refuse(fmt.Sprintf("%q negates what it says: should this be allowed, or left as it is?", p.text(k, n+1)), example)
		}
	}
	return nil
}

// needWords say that a rule is needed, asked for or wanted; negated, they
// negate the verdict after them: "It is not necessary to block X", "No
// need to block X", "Nobody asked to block X", "We don't need a rule
// blocking X", "There is no reason to allow X".
var needWords = set("necessary", "needed", "need", "needs", "required", "requested", "reason", "asked", "wanted", "point", "sense", "worth")

// needlessWords say that a rule is not needed or not wanted: "It is
// unnecessary to block X", "It would be wrong to block X", "Blocking X is
// pointless".
var needlessWords = set("unnecessary", "needless", "pointless", "superfluous", "overkill", "unneeded", "unwanted", "wrong", "mistake", "unwise", "counterproductive")

// needBridge are the words between a word of need and the verdict it
// governs: "no need for a rule to block", "not necessary for us to block".
var needBridge = set("to", "a", "an", "any", "rule", "policy", "for", "us", "them", "is", "be", "it", "of", "the")

// needNegated refuses a verdict whose need the request denies, before it
// ("It is not necessary to block app=web from reaching the internet",
// "It is unnecessary to allow X") or after it ("Blocking app=web from
// reaching app=db is not required"): read as the verdict alone, the policy
// would do what the request says is not needed.
func (p *parser) needNegated() error {
	verdictWord := func(w string) bool {
		return denyWords[w] && !negationWords[w] || auditWords[w] || isolateWords[w] || allowWords[w] && w != "may" && w != "can"
	}
	for k := range p.toks {
		w := p.word(k)
		if !(negationWords[w] || needlessWords[w] || p.is(k, "nobody", "none")) {
			continue
		}
		need := needlessWords[w]
		j := k + 1
		for j < len(p.toks) && j <= k+6 && (needWords[p.word(j)] || needBridge[p.word(j)]) {
			need = need || needWords[p.word(j)]
			j++
		}
		// after: "Blocking X is not required", "... is unnecessary"
		after := (needlessWords[w] || needWords[p.word(k+1)] && !p.is(k+2, "to", "for", "a", "an", "any")) && p.is(k-1, "is", "are", "was", "be", "not", "isn't", "aren't") &&
			slices.ContainsFunc(p.toks[:k], func(t token) bool { return verdictWord(t.low) })
		if need && j < len(p.toks) && verdictWord(p.word(j)) || after {
			example := generator.ExampleNetwork
			if p.systemRequest {
				example = generator.ExampleSystem
			}
			e := min(max(j, k+1)+1, len(p.toks))
			if after {
				e = min(k+2, len(p.toks))
			}
			return p.refuse(fmt.Sprintf("%q negates what it says: should this be done, or left as it is?", p.text(k, e)), example)
		}
	}
	return nil
}

func (p *parser) verdict(exceptAt int) (generator.Verdict, *mark, error) {
	if err := p.negatedDeny(); err != nil {
		return "", nil, err
	}
	// "allow GET /healthz from the host to X but block everything else from
	// the host": the rest of one peer's traffic is no allow-list of X's,
	// and the peer named again is no other peer to allow.
	if m := p.restScoped; m != nil {
		return "", nil, p.refuse(fmt.Sprintf("what does %q deny: only the rest of that peer's traffic (kunerva cannot say this in one rule), or all other traffic of the pods? Say \"and nothing else\" for the second", p.text(m.start, min(m.end+1, len(p.toks)))), generator.ExampleNetwork)
	}
	// "except the 192.168.0.0/16 block", "an IP block": addresses, not a verdict.
	for i := 1; i < len(p.toks); i++ {
		if p.is(i, "block", "blocks") && !p.taken(i) && (p.toks[i-1].kind == tCIDR || p.is(i-1, "ip", "cidr", "address")) {
			p.take(i, i+1, "cidr")
		}
	}
	rest := -1
	if p.restMark != nil {
		rest = p.restMark.start
	}
	isoAt := p.isoMark
	if isoAt == nil {
		if k := p.indexAny(isolateWords); k >= 0 {
			isoAt = &mark{k, k + 1, "default-deny"}
		}
	}
	// "default-deny everything": what isolation denies, said again.
	if isoAt != nil && p.is(isoAt.end, "everything", "all") && !p.taken(isoAt.end) && !p.is(isoAt.end+1, "traffic", "ingress", "egress", "incoming", "outgoing", "inbound", "outbound", "except") {
		p.take(isoAt.end, isoAt.end+1, "default-deny")
	}
	p.narrowAt = -1
	if isoAt != nil {
		p.narrowAt = p.narrowingWord(isoAt)
	}
	noPods := p.noPodsMay(exceptAt)
	// "no pod in X should accept any ingress", "nothing should send ...".
	// "Nothing" is the subject of a verb there: "..., nothing else, and
	// receive from nobody" is no such sentence.
	if k := p.first("no", "nothing"); noPods < 0 && isoAt == nil && k >= 0 && !p.taken(k) &&
		(p.is(k, "nothing") && (p.is(k+1, "should", "may", "can", "must", "shall", "will", "is", "gets") || receiveVerbs[p.word(k+1)] || reachVerbs[p.word(k+1)]) || p.is(k+1, "pod", "pods", "workload", "workloads")) &&
		p.mentions("accept", "receive", "send", "accepts", "receives", "sends") {
		isoAt = &mark{k, k + 1, "default-deny"}
		p.unlessAllowed(k)
	}
	// "productpage needs GET access to reviews", "X needs egress to Y",
	// "should get web access": what is needed is allowed.
	for i := range p.toks {
		if p.taken(i) || !p.is(i, "need", "needs", "needed", "require", "requires", "get", "gets", "got", "grant", "grants", "give", "gives", "given", "have", "has") {
			continue
		}
		for k := i + 1; k < len(p.toks) && k <= i+4; k++ {
			// "get an explicit ingress deny from X": a deny is what they get.
			if (ingressWords[p.word(k)] || egressWords[p.word(k)]) && denyWords[p.word(k+1)] && !negationWords[p.word(k+1)] {
				break
			}
			// "should have no access to X", "needs no access to X": what
			// they are to have none of is denied, by the "no". Not "the
			// pods have no access to X", which may tell what broke.
			if p.is(k, "no", "zero") && (p.is(i-1, "should", "must", "shall") || p.is(i, "need", "needs")) {
				break
			}
			if p.is(k, "access", "egress", "ingress", "connectivity") || p.is(k, "to") && (reachVerbs[p.word(k+1)] || p.is(k+1, "talk", "connect", "reach", "call", "resolve")) {
				p.take(i, i+1, "needs-access")
				if p.is(k, "access", "connectivity") {
					p.take(k, k+1, "needs-access")
				}
				break
			}
		}
	}
	// "app=web should reach app=db on 5432", "the worker pods (app=worker)
	// must talk to app=queue on 5672", "app=grafana shall connect to
	// app=loki": what the pods have to do is allowed, as "needs to" says.
	for i := range p.toks {
		v := i + 1
		if p.is(v, "also", "still", "always") {
			v++
		}
		if !p.taken(i) && p.is(i, "should", "must", "shall") && reachVerbs[p.word(v)] && !strings.HasSuffix(p.word(v), "ing") {
			p.take(i, i+1, "needs-access")
		}
	}
	deny := p.indexAny(denyWords)
	// "keep our backend pods (app=backend) from reaching anything except
	// kubernetes.io": what the pods are kept from doing is denied.
	for i := range p.toks {
		if deny >= 0 || !p.is(i, "keep", "keeps") || p.taken(i) {
			continue
		}
		for k := i + 2; k < len(p.toks) && k <= i+12; k++ {
			if p.is(k, "from") && reachVerbs[p.word(k+1)] && strings.HasSuffix(p.word(k+1), "ing") {
				deny = i
				break
			}
		}
	}
	// "restrict the app=web pods from reaching X", "keep app=web off the
	// metadata endpoint", "keep the batch pods away from 10.0.0.0/8": what
	// the pods are kept from is denied (keptApart).
	for i := range p.toks {
		if k := p.keptApart(i); deny < 0 && k >= 0 && !p.taken(i) {
			deny = i
			if !p.is(k, "from") {
				p.take(k, k+1, "kept-apart") // "off", "away", "out"
			}
		}
	}
	// "connections from app=web to X must fail", "make X unreachable from
	// the app=web pods": what must fail is denied (mustFail).
	for i := range p.toks {
		if deny < 0 && !p.taken(i) && p.mustFail(i) {
			deny = i
		}
	}
	// "10.0.0.0/8 is off limits": what is off limits is denied; "limits"
	// there is no limit to what follows, as in "limit egress to X".
	if k := p.phrase("off", "limits"); k >= 0 && deny < 0 {
		p.take(k, k+2, "deny-word")
		deny = k
	}
	allow := p.indexAny(allowWords)
	if allow < 0 {
		for i := range p.toks {
			if p.claim[i] == "needs-access" {
				allow = i
				break
			}
		}
	}
	only := p.index("only", "solely", "exclusively")
	restrict := p.index("restrict", "restricts", "limit", "limits", "confine", "restricted", "limited", "confined")
	if allow < 0 && only >= 0 {
		allow = only
	}
	if allow < 0 && rest >= 0 {
		allow = rest
	}
	// "10.0.0.0/8 is restricted", "a limited range": said of a peer, not
	// "restricted to X", it may mean blocked as well as allowed alone.
	if allow < 0 && restrict >= 0 && p.is(restrict, "restricted", "limited", "confined") && !p.is(restrict+1, "to") {
		return "", nil, p.refuse(fmt.Sprintf("what does %q mean here: should this traffic be blocked, or be the only traffic allowed? Say \"deny\" or \"only\"", p.toks[restrict].raw), generator.ExampleNetwork)
	}
	if allow < 0 && restrict >= 0 && restrict != deny {
		allow = restrict
	}
	if allow < 0 {
		allow = p.phrase("be", "able")
	}
	// "the ftp pods must be reachable by anyone on TCP 21", "has to stay
	// accessible from monitoring": what has to be reachable is allowed.
	for i := range p.toks {
		if allow < 0 && p.is(i, "be", "stay", "remain") && p.is(i+1, "reachable", "accessible", "reached", "accessed") && !p.taken(i+1) &&
			(p.is(i-1, "must", "should") || p.is(i-1, "to") && p.is(i-2, "has", "have", "need", "needs")) {
			allow = i
		}
	}
	// "DNS through kube-dns is fine": what is fine is allowed.
	for _, ph := range [][]string{{"is", "fine"}, {"are", "fine"}, {"is", "ok"}, {"is", "okay"}, {"are", "ok"}, {"is", "allowed"}, {"are", "allowed"}} {
		if k := p.phrase(ph...); allow < 0 && k >= 0 {
			p.take(k, k+2, "allow-word")
			allow = k + 1
		}
	}
	// "the role=db pods take traffic on 6379 from ...": traffic said to be
	// taken from peers is traffic allowed.
	if k := p.index("take", "takes", "receive", "receives", "admit", "admits"); allow < 0 && deny < 0 && k >= 0 && p.mentions("from") && !p.mentions("not", "no", "never") {
		allow = k
	}
	// "DNS lookups still have to work" (verdictPhrases): allowed.
	if k := slices.Index(p.claim, "has-to-work"); allow < 0 && k >= 0 {
		allow = k
	}
	// "keep DNS working": what is kept stays allowed.
	if k := p.index("keep"); allow < 0 && k >= 0 {
		for j := k + 1; j < len(p.toks) && j <= k+4; j++ {
			if keepWorking[p.word(j)] && !p.taken(j) {
				p.take(j, j+1, "keep-working")
				allow = k
				break
			}
		}
	}

	negated := p.phrase("must", "not")
	for _, ph := range [][]string{{"should", "not"}, {"may", "not"}, {"can", "not"}, {"do", "not"}, {"does", "not"}, {"will", "not"}} {
		if negated < 0 {
			negated = p.phrase(ph...)
		}
	}
	if negated < 0 {
		negated = p.index("never", "cannot", "can't", "mustn't", "shouldn't", "won't")
	}
	// "the app=web pods should be unable to reach X": a modal's "unable"
	// negates as "not able" does. Not "the pods are unable to resolve
	// names", which tells what happens.
	if k := p.phrase("be", "unable"); negated < 0 && k > 0 && p.is(k-1, "should", "must", "shall", "will") {
		negated = k + 1
	}
	// "my client IP is no longer allowed to access the gateway pods", "X
	// should no longer accept traffic from Y": what is no longer allowed is
	// denied. Not "no longer blocked", which allows.
	if k := p.phrase("no", "longer"); negated < 0 && k >= 0 && !slices.ContainsFunc(p.toks, func(t token) bool { return denyWords[t.low] && t.low != "no" }) {
		v := k + 2
		if p.is(v, "be") {
			v++
		}
		if allowWords[p.word(v)] || receiveVerbs[p.word(v)] || reachVerbs[p.word(v)] {
			negated = k + 1 // the verb after "longer" is the one negated
		}
	}
	claimAll := func(v generator.Verdict, m *mark) (generator.Verdict, *mark, error) {
		p.take(m.start, m.end, m.rule)
		for i, t := range p.toks {
			if p.taken(i) {
				continue
			}
			if butOnly(p.toks, i) {
				p.take(i, i+1, "verdict") // "on port 80 but only with GET /headers", "but on port 80 only"
				continue
			}
			// "pods that aren't in namespace internal": the negation says
			// which pods, not the verdict; left over, it is asked about.
			if negationWords[t.low] && (p.is(i-1, "that", "which", "who") || p.is(i-1, "do", "does") && p.is(i-2, "that", "which", "who")) {
				continue
			}
			// "block egress to the internet, not to 10.0.0.0/8": a peer
			// the verdict is not for, after the verdict's own; read as
			// the verdict's, it would be blocked too. Left over, it is
			// asked about.
			if negationWords[t.low] && i > m.end && p.is(i+1, "to", "from", "towards", "into") {
				continue
			}
			if denyWords[t.low] || allowWords[t.low] || isolateWords[t.low] || t.low == "only" || t.low == "solely" || t.low == "exclusively" || t.low == "must" || t.low == "should" || t.low == "restrict" || t.low == "limit" || t.low == "confine" || t.low == "restricted" || t.low == "limited" {
				p.take(i, i+1, "verdict")
			}
		}
		return v, m, nil
	}
	// "a toCIDR rule with the node IP doesn't do it": a negation denies
	// traffic only with a verb of traffic after it.
	trafficAfter := func(k int) bool {
		for k++; k < len(p.toks); k++ {
			if reachVerbs[p.word(k)] || receiveVerbs[p.word(k)] || p.is(k, "let", "allow", "allowed", "be", "get", "have") {
				return true
			}
		}
		return false
	}
	// "no pod in media should be able to talk to the kube-apiserver": what
	// no pod may do with the peers named is denied, as "must not" says.
	if noPods >= 0 && isoAt == nil {
		return claimAll(generator.Deny, &mark{noPods, noPods + 1, "no-pods-may"})
	}
	// "must not establish connections to anything outside 10.20.0.0/16":
	// everything but the range is denied, an allow-list of the range.
	for k := negated + 1; negated >= 0 && isoAt == nil && k+2 < len(p.toks); k++ {
		if p.is(k, "anything", "anywhere") && p.is(k+1, "outside", "but", "except") && p.toks[k+2].kind == tCIDR {
			p.take(k, k+2, "allow-list-by-exception")
			return claimAll(generator.Allow, &mark{negated, negated + 1, "allow-list-by-exception"})
		}
	}
	// "keep the backend pods from reaching anything except the FQDN
	// kubernetes.io", "forbid X from reaching anything except 10.0.0.0/8":
	// everything but what is named is denied, an allow-list of it.
	for k := deny + 1; deny >= 0 && negated < 0 && isoAt == nil && k+1 < len(p.toks); k++ {
		if !(p.is(k, "anything", "anywhere") && p.is(k+1, "but", "except") && p.is(k-1, "reaching", "contacting", "talking", "accessing", "calling", "to")) {
			continue
		}
		v := k + 2
		for p.is(v, "the", "fqdn", "domain", "host", "address", "ip", "cidr", "range") && !p.taken(v) {
			v++
		}
		if v < len(p.toks) && (p.toks[v].kind == tCIDR || p.toks[v].kind == tDomain) {
			if p.is(deny, "keep", "keeps") {
				p.take(deny, deny+1, "keep-from")
			}
			p.take(k, k+2, "allow-list-but-named")
			return claimAll(generator.Allow, &mark{deny, deny + 1, "allow-list-but-named"})
		}
	}
	// "the plain k8s network policy can't express it, so add a policy that
	// allows ...": a negation of a verb that is no traffic denies nothing.
	if negated >= 0 && allow > negated && !p.governsTraffic(negated) {
		p.take(negated, negated+1, "negation-of-no-traffic")
		negated = -1
	}
	if negated >= 0 && isoAt == nil {
		if !trafficAfter(negated) {
			return "", nil, p.refuse(fmt.Sprintf("what does %q deny? I found no traffic it is about", p.toks[negated].raw), generator.ExampleNetwork)
		}
		return claimAll(generator.Deny, &mark{negated, negated + 1, "negation"})
	}
	if deny >= 0 && negationWords[p.word(deny)] && !trafficAfter(deny) {
		return "", nil, p.refuse(fmt.Sprintf("what does %q deny? I found no traffic it is about", p.toks[deny].raw), generator.ExampleNetwork)
	}
	if p.hasPhrase("allow", "all") || p.hasPhrase("allow", "any") || p.hasPhrase("allows", "all") {
		isoAt = nil
	}
	// "allow all egress except to 169.254.169.254", "permit everything
	// outbound but 10.0.0.0/8": all of a direction but some peers is a
	// deny of those peers that leaves the rest as it is.
	if m := p.allowAllBut(allow, exceptAt); m != nil && deny < 0 && negated < 0 {
		return claimAll(generator.Deny, m)
	}
	switch {
	case isoAt != nil && exceptAt > isoAt.start && negated > exceptAt:
		// "deny all egress except X, so nothing can't reach Y": what follows
		// the exceptions denies again.
		return "", nil, p.refuse("the request both allows and denies after \"except\": which traffic should be allowed? Ask once for each", generator.ExampleNetwork)
	case isoAt != nil && exceptAt > isoAt.start:
		// "deny all egress except to X": an allow-list.
		return claimAll(generator.Allow, &mark{isoAt.start, isoAt.end, "allow-list-by-exception"})
	case isoAt != nil && p.is(isoAt.start, "lock", "locked") && (only > isoAt.start || allow > isoAt.start || rest > isoAt.start):
		// "lock down client-one's egress - it may only resolve names and
		// talk to X": an allow-list.
		return claimAll(generator.Allow, &mark{isoAt.start, isoAt.end, "allow-list-by-lockdown"})
	case isoAt != nil && only > isoAt.start && p.isolationOfAllowList(isoAt):
		// "Tenant isolation: pods in tc-beta should only accept traffic from
		// other pods in tc-beta", "put app1 into egress default deny and only
		// allow it to talk to the host": the allow-list after it is what
		// isolates the pods, in the one direction said.
		return claimAll(generator.Allow, &mark{isoAt.start, isoAt.end, "allow-list-by-isolation"})
	case isoAt != nil:
		return claimAll(generator.Isolate, isoAt)
	case deny >= 0 && (p.negatedAllow() || allow < 0):
		return claimAll(generator.Deny, &mark{deny, deny + 1, "deny-word"})
	case deny >= 0 && allow >= 0:
		// "only X may reach Y, block everything else" reads as an allow-list.
		if only >= 0 && (p.has("else") || p.has("other", "others")) {
			for _, w := range []string{"else", "other", "others", "everything", "anything", "all"} {
				if k := p.index(w); k >= 0 {
					p.take(k, k+1, "allow-list-rest")
				}
			}
			return claimAll(generator.Allow, &mark{only, only + 1, "only"})
		}
		return "", nil, p.refuse("the request both allows and denies: should it allow or block this traffic? It contradicts itself, or needs two policies; ask once for each", generator.ExampleNetwork)
	case allow >= 0:
		return claimAll(generator.Allow, &mark{allow, allow + 1, "allow-word"})
	case p.hasAny(auditWords) && p.syscallWordNamed() != "":
		// "audit ptrace", "log ptrace attempts", "audit any mount-related
		// syscall": a system call no rule read, not traffic.
		w := p.syscallWordNamed()
		return "", nil, p.refuse(fmt.Sprintf("is %q the system call? KubeArmor audits system calls by name: say \"audit the %s syscall in pods labeled app=NAME\", naming each call", w, w), generator.ExampleSystem)
	case p.hasAny(auditWords):
		return "", nil, p.refuse("network policies cannot audit traffic, only allow or deny it (KubeArmor audits processes and files); should this allow or block the traffic?", generator.ExampleNetwork)
	}
	return "", nil, nil
}

// negatedAllow reports whether a negation stands unclaimed right before a
// word of allowing, so that the allow word says what is denied: "don't
// let", "do not let", "never let", "not allowed", "not permitted". (Not
// "aren't allowed", which also tells how things are: "pods usually
// aren't allowed to load modules".)
func (p *parser) negatedAllow() bool {
	return p.hasPhrase("don't", "let") || p.hasPhrase("do", "not", "let") || p.hasPhrase("not", "allowed") || p.hasPhrase("not", "permitted") || p.hasPhrase("never", "let")
}

// directionDenyWords may stand between the verdict of a deny and its
// "except" when the deny is of a whole direction (wholeDirectionBut):
// "block (all) ingress traffic to X", "can't send anything out".
var directionDenyWords = set("all", "any", "anything", "everything", "traffic", "connections", "connection", "packets", "requests", "to", "from", "of", "for",
	"the", "send", "sending", "receive", "receiving", "accept", "accepting", "get", "out", "in", "at", "be", "to", "allowed", ",")

// wholeDirectionBut reports whether a deny says a whole direction of one
// set of pods and nothing else before its "except" at exceptAt: a word of
// ingress or egress ("out" after a verb of sending), words of
// directionDenyWords and the tokens of the one group of endpoints (the
// pods), none of which stands after the "except".
func (p *parser) wholeDirectionBut(m *mark, exceptAt int, groups []*group) bool {
	if m == nil || exceptAt <= m.end || len(groups) > 1 {
		return false
	}
	for _, g := range groups {
		if g.eps[len(g.eps)-1].end > exceptAt {
			return false
		}
	}
	dir := false
	for k := m.end; k < exceptAt; k++ {
		switch w := p.word(k); {
		case ingressWords[w] || egressWords[w]:
			dir = true
		case w == "out" && p.is(k-2, "send", "sending") || w == "in" && p.is(k-2, "let", "letting"):
			dir = true
		case p.taken(k) || directionDenyWords[w] || p.toks[k].kind == tPunct:
		default:
			return false
		}
	}
	return dir
}

// allowAllBut finds "allow all (egress) except ...": the allow word at
// allow, then "all", "everything" or "any" and only words of direction or
// traffic (or the pods it is for) before the "except" at exceptAt, which
// is "except" itself ("but" and "besides" may also leave peers out of an
// allow-list). It returns the verdict's mark, or nil.
func (p *parser) allowAllBut(allow, exceptAt int) *mark {
	if allow < 0 || exceptAt <= allow+1 || !allowWords[p.word(allow)] || !p.is(allow+1, "all", "everything", "any") || !p.is(exceptAt, "except") {
		return nil
	}
	for k := allow + 2; k < exceptAt; k++ {
		if !(ingressWords[p.word(k)] || egressWords[p.word(k)] || p.is(k, "traffic", "connections", "access", "from", "to", "for", "of") || p.taken(k)) {
			return nil
		}
	}
	return &mark{allow, allow + 2, "deny-all-but"}
}

// clusterExceptions reads the namespaces a cluster-wide subject leaves
// out, right after the words that make it cluster-wide: "in every
// namespace except kube-system", "all namespaces other than kube-system
// and calico-system", "every namespace except for kube-system". Read
// before the names, they are never peers. A scene set before the rule
// and its comma ("in every namespace except kube-system, deny ...") is
// asked about, as it always was.
func (p *parser) clusterExceptions() ([]valueV, *mark) {
	for i := 1; i < len(p.toks); i++ {
		if p.claim[i-1] != "cluster-wide" || p.taken(i) {
			continue
		}
		k := i
		switch {
		case p.is(k, "except", "excluding", "besides"):
			k++
		case p.is(k, "other") && p.is(k+1, "than"), p.is(k, "apart") && p.is(k+1, "from"), p.is(k, "but") && p.is(k+1, "not"):
			k += 2
		default:
			continue
		}
		if p.is(k, "for", "in") {
			k++
		}
		for p.is(k, "the", "namespace", "namespaces") {
			k++
		}
		var names []valueV
		end := k
		for k < len(p.toks) && p.namespaceName(k) {
			names = append(names, valueV{p.toks[k].low, &mark{k, k + 1, "namespace-list"}})
			k++
			for p.is(k, "namespace", "namespaces") {
				k++
			}
			end = k
			if p.is(k, ",") && p.is(k+1, "and", "or") {
				k++
			}
			if p.is(k, "and", "or", ",", "nor") && p.namespaceName(k+1) {
				k++
			}
		}
		if len(names) == 0 || p.is(0, "in", "across", "for", "throughout") && p.claim[0] == "cluster-wide" && p.is(end, ",") {
			return nil, nil
		}
		for _, n := range names {
			p.take(n.m.start, n.m.end, "namespace-list")
		}
		return names, p.take(i, end, "namespace-list")
	}
	return nil, nil
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

// negationWords deny only what the verb after them says.
var negationWords = set("not", "doesn't", "don't", "dont", "never", "can't", "cannot", "won't", "shouldn't", "mustn't", "isn't", "aren't", "no")

// httpServed reports whether HTTP rules name a path: requests a server takes.
func httpServed(http []httpV) bool {
	return slices.ContainsFunc(http, func(h httpV) bool { return h.rule.Path != "" })
}

// afterPathTo reports whether "the /ip path to" stands before the mention at
// i: the pods serve the path.
func (p *parser) afterPathTo(i int) bool {
	k := i - 1
	for k >= 0 && determiners[p.word(k)] {
		k--
	}
	return p.is(k, "to") && p.is(k-1, "path", "paths", "endpoint", "endpoints", "route", "routes")
}

// verbless reports whether the clause has no verb of traffic left.
// methodAsVerbAfter reports whether an HTTP method after i is said as a
// verb ("checkout may POST to /v1/carts/*"): the pods before it send the
// requests, they do not serve them.
func (p *parser) methodAsVerbAfter(i int) bool {
	for k := i; k < len(p.toks); k++ {
		if p.claim[k] == "http-method" && (p.is(k-1, "may", "can", "should", "must", "to", "cannot", "can't") || p.is(k-1, "only") && p.is(k-2, "may", "can", "should", "must", "to")) {
			return true
		}
	}
	return false
}

func (p *parser) verbless() bool {
	for i, t := range p.toks {
		if !p.taken(i) && (reachVerbs[t.low] || receiveVerbs[t.low]) {
			return false
		}
	}
	return true
}

// governsTraffic reports whether the verb a negation at k negates is one of
// traffic or of a verdict: "must not reach", "can't be allowed to talk",
// but not "can't express it".
func (p *parser) governsTraffic(k int) bool {
	i := k + 1
	if p.is(k, "not") || p.is(k, "do", "does") {
		for p.is(i, "not") {
			i++
		}
	}
	// "never let the app=web pods talk to X": what is not let through,
	// with its pods between.
	if p.is(i, "let", "lets") {
		return true
	}
	for p.is(i, "be", "been", "ever", "even", "really", "just", "always", "able", "to", "allowed", "permitted", "get", "let", "anything", "any") {
		i++
	}
	w := p.word(i)
	return w == "" || reachVerbs[w] || receiveVerbs[w] || denyWords[w] || allowWords[w] || p.tok(i) != nil && p.toks[i].kind != tWord
}

// directedGroup reports whether the group's preposition follows a word of
// its own direction: "ingress from X", "egress traffic to Y", "inbound
// only from Z". "ingress to X" or "egress from Y" say no such pair.
func directedGroup(p *parser, g *group) bool {
	k := g.eps[0].start - 1
	if !p.is(k, g.prep) {
		return false
	}
	k--
	if p.is(k, "traffic", "only", "connections") {
		k--
	}
	return g.prep == "from" && ingressWords[p.word(k)] || g.prep == "to" && egressWords[p.word(k)]
}

// givenTo reports whether group g stands right after the verb of giving at
// k, with only determiners between: "give the app=scraper pods DNS". A
// question ("Should I give the app=worker pods DNS?") asks, it gives nothing.
func givenTo(p *parser, k int, g *group) bool {
	if end := p.toks[len(p.toks)-1].end; strings.HasPrefix(strings.TrimSpace(p.request[end:]), "?") {
		return false
	}
	j := k + 1
	for determiners[p.word(j)] {
		j++
	}
	return g.prep == "" && g.eps[0].start > k && g.eps[0].start <= j
}

// needVerbs say what pods need: "need DNS", "use port 8080", "rely on UDP".
var needVerbs = []string{"need", "needs", "needed", "require", "requires", "required", "use", "uses", "want", "wants", "depend", "depends", "rely", "relies",
	"expect", "expects"}

// httpOverTLS asks about HTTP rules on HTTPS: "reach
// https://api.stripe.com/v1/charges on 443", "GET /health on 443",
// "HTTPS GET /api on 8443". Cilium reads a method, path or header only in
// plain HTTP; on TLS it sees none of them unless it intercepts TLS, so the
// rule would not do what its words say. A port other than 443 with no
// word of HTTPS is taken to be plain HTTP, as the author named it.
func (p *parser) httpOverTLS(ports []generator.Port) error {
	tls := slices.ContainsFunc(ports, func(pt generator.Port) bool { return pt.Port == 443 })
	for _, t := range p.toks {
		if t.low == "https" || t.low == "tls" || t.low == "ssl" || t.kind == tDomain && strings.HasSuffix(strings.ToLower(p.request[:t.start]), "https://") {
			tls = true
		}
	}
	if !tls {
		return nil
	}
	return p.refuse("HTTP rules (a method, path or header) on HTTPS: Cilium sees them only in plain HTTP, and on port 443 or over TLS it would need TLS interception, which the policy cannot set up. Should the rule allow the port as a whole (say it without the method or path), or is the server plain HTTP on another port (name that port)?", generator.ExampleNetwork)
}

// peerPlacedAfter asks about a peer said after another with "only from"
// (or "only to") and no "and" between them: "accept app=frontend on 80
// only from namespace prod" may say where the frontend pods are, not
// allow all of prod besides them.
func (p *parser) peerPlacedAfter(peers []*group) string {
	var eps []*endpoint
	for _, g := range peers {
		eps = append(eps, g.eps...)
	}
	slices.SortFunc(eps, func(a, b *endpoint) int { return a.start - b.start })
	for n := 1; n < len(eps); n++ {
		a, b := eps[n-1], eps[n]
		if b.start <= a.end || !p.is(b.start-2, "only") || p.hasJoiner(a.end, b.start) {
			continue
		}
		return fmt.Sprintf("does %q say where %s are? Say \"%s in namespace ...\" if so, or name both peers joined by \"and\"", p.text(b.start-2, b.end), quote(a.text), a.text)
	}
	return ""
}
