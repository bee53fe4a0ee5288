package builtin

import (
	"fmt"
	"maps"
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
	// "the app=blocky pods accept DNS queries from 10.0.0.0/8 on 53 TCP":
	// the DNS traffic the pods receive from a peer, as a DNS server. Read as the pods'
	// own lookups, it opened every port to the addresses and sent the
	// pods' egress to kube-dns.
	if dnsMark != nil && p.dnsReceived(dnsMark.start) && p.fromAfter(dnsMark.end) {
		return nil, p.refuse(fmt.Sprintf("are the pods a DNS server? %q reads as DNS traffic they receive, not lookups they make; say the ports they take it on (\"accept 53/UDP and 53/TCP from ...\"), or \"may do DNS lookups\" for their own", p.text(dnsMark.start-1, dnsMark.end)), generator.ExampleNetwork)
	}
	// "to the kube-dns pods on UDP 53": the DNS allowance is 53 over UDP
	// and TCP (with Cilium, any lookup); one protocol alone is a plain
	// rule to those pods, which the request may mean instead.
	ports := p.ports()
	if q := p.hostPortUneven(); q != "" {
		return nil, p.refuse(q, generator.ExampleNetwork)
	}
	// "needs outbound HTTPS to slack.com": HTTPS with no port is 443.
	if k := p.index("https"); k >= 0 && len(ports) == 0 && len(http) == 0 && !p.taken(k) && !p.has("http", "port", "ports") {
		ports = append(ports, portV{port: generator.Port{Port: 443, Protocol: "TCP"}, origins: []generator.Origin{defaultOrigin("port", "https-port"), defaultOrigin("protocol", "tcp")}})
		p.take(k, k+1, "https-port")
	}
	// "the app=web pods may reach example.com over HTTP", "allow app=web
	// http/https egress to world": plain HTTP with no port and no HTTP
	// rule; dropped, the rule would allow every port.
	if k := p.index("http"); k >= 0 && !p.taken(k) && len(ports) == 0 && len(http) == 0 {
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
		// "accept 443 from 10.0.0.0/8 and anything from app=api", "...,
		// plus all traffic from app=api": every port from the peer after,
		// beside ports said before for the peers of the same rule; the
		// check of any-port below asks which peers take which.
		if p.is(i-1, "and", ",", "plus") && p.portBefore(i) && !p.taken(i) {
			switch {
			case p.is(i, "anything", "everything") && p.is(i+1, "coming", "arriving", "sent", "from"):
				p.take(i, i+1, "any-port")
			case p.is(i, "all", "any") && p.is(i+1, "traffic") && p.is(i+2, "coming", "arriving", "sent", "from") && !p.taken(i+1):
				p.take(i, i+2, "any-port")
			}
		}
		if p.is(i, "anything", "everything") && !p.taken(i) && p.is(i+1, "coming", "arriving", "sent", "from") {
			p.take(i, i+1, "any-traffic")
		}
	}
	groups := p.laterExceptions(p.restatedHeading(p.groups(p.glosses(p.endpoints()))))
	if q := p.anyPeerNamespace(groups); q != "" {
		return nil, p.refuse(q, generator.ExampleNetwork)
	}
	groups = p.namespaceContext(groups)
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
		// "...; the one exception is UDP 53 to kube-dns" (exceptionIsAt).
		if n := exceptionIsAt(p.toks, i+1); p.is(i, ";", ".", ",", "-", "–", "—") && n > 0 && !p.taken(i) {
			exceptAt = i
			p.take(i, i+1+n, "except")
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
	// "deny all egress in ns prod except app=debug pods": pods after
	// "except" with no "to" or "from", beside a rule that names no pods of
	// its own, may be the pods left out of the lockdown, or the only peers
	// left open; read as the peers, the debug pods were locked down too.
	if exceptAt >= 0 && (verdict == generator.Isolate || verdict == generator.Allow) && !p.is(exceptAt+1, "to", "from", "towards", "toward", "into", "in", "on", "for", "via") &&
		len(groups) > 0 && !slices.ContainsFunc(groups, func(g *group) bool { return g.eps[0].start < exceptAt || g.prep != "" || !g.inCluster() }) {
		return nil, p.refuse(fmt.Sprintf("does %q leave those pods out of the rule, or name the only peers it leaves open? Say \"except to ...\" or \"except from ...\" for peers; to leave pods out, name the pods the rule is for", p.text(exceptAt, groups[len(groups)-1].eps[len(groups[len(groups)-1].eps)-1].end)), generator.ExampleNetwork)
	}
	// "namespace prod: deny all ingress except app=api from app=web on
	// 8080", "... except for app=api, from app=web": pods right after
	// "except" with no preposition, then peers after "from" or "to", in a
	// rule that names no pods before "except", may be the pods the
	// exception is for (app=api may receive from app=web); read as one
	// more peer, app=api could reach every pod of the namespace (finder 5,
	// S9).
	if exceptAt >= 0 && (verdict == generator.Isolate || verdict == generator.Allow) && len(groups) > 1 {
		first := -1
		for j, g := range groups {
			if g.eps[len(g.eps)-1].end > exceptAt {
				first = j
				break
			}
		}
		at := exceptAt + 1
		if p.is(at, "for") {
			at++
		}
		if first == 0 && (groups[0].prep == "" || groups[0].prep == "for") && groups[0].inCluster() && groups[0].eps[0].start == at &&
			slices.ContainsFunc(groups[1:], func(g *group) bool { return g.prep == "from" || g.prep == "to" }) {
			return nil, p.refuse(fmt.Sprintf("is %q the pods the exception is for, or one more peer beside the others? Name the pods the rule is for (\"allow %s to receive from ...\"), or say \"except from ...\" for peers", p.text(groups[0].eps[0].start, groups[0].eps[len(groups[0].eps)-1].end), p.text(groups[0].eps[0].start, groups[0].eps[len(groups[0].eps)-1].end)), generator.ExampleNetwork)
		}
	}
	// "block app=web egress to 1.2.3.4 except dns": DNS left out of a deny
	// of named peers; read as an allow of DNS beside the deny, it put the
	// pods' other egress into default deny.
	if verdict == generator.Deny && exceptAt >= 0 && !byException && dnsMark != nil && dnsMark.start > exceptAt &&
		slices.ContainsFunc(groups, func(g *group) bool { return g.eps[0].start < exceptAt && (g.external() || len(groups) > 1) }) {
		return nil, p.refuse(fmt.Sprintf("is %q left out of the denied traffic, or allowed besides it? A deny cannot leave DNS out of the peers it names; say the deny alone, and \"allow DNS lookups\" as a rule of its own if the pods need it", p.text(exceptAt, dnsMark.end)), generator.ExampleNetwork)
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
	// "everything" or before the traffic it sends. "deny all egress from
	// the pods in payments to 198.51.100.0/24": all of the traffic to a
	// place outside the cluster, a deny of it (deniedAllTo).
	if verdict == generator.Isolate && exceptAt < 0 && p.index("only") < 0 && p.is(verdictMark.start, "deny", "block", "drop", "reject", "denies", "blocks", "drops", "rejects") && p.is(verdictMark.start+1, "all", "everything") &&
		slices.ContainsFunc(groups, func(g *group) bool {
			return g.external() && (g.prep == "from" || g.prep == "" && p.is(g.eps[len(g.eps)-1].end, "traffic", "connections") && (ingressWords[p.word(g.eps[0].start-1)] || egressWords[p.word(g.eps[0].start-1)])) ||
				p.deniedAllTo(g, groups, verdictMark.end)
		}) {
		// "in namespace prod deny all ingress, and pods app=lb receive
		// from internet on 443": the pods after "and" with a verb of
		// their own are a rule beside the deny, not what it is about;
		// read as one clause, app=lb was denied the internet on 443.
		if k := p.podsActAfterDeny(verdictMark.start); k >= 0 {
			return nil, p.refuse(fmt.Sprintf("is %q a rule of its own beside %q (the pods allowed this traffic), or what the deny is about? Say each as a rule of its own (\"deny all ingress in namespace prod; allow the pods labeled app=lb to receive from ...\")", p.text(k, len(p.toks)), p.text(verdictMark.start, verdictMark.end+1)), generator.ExampleNetwork)
		}
		// "deny all ingress from the world to app=web, allow 1.2.3.4": a
		// word that allows, beside the deny, opens a rule of its own; read
		// as one deny, 1.2.3.4 was denied as well.
		if slices.ContainsFunc(p.toks, func(t token) bool { return allowWords[t.low] }) {
			return nil, p.refuse(fmt.Sprintf("%q denies, then lets traffic through, and kunerva read only a deny; say the deny and the allow as two sentences, each with its pods and namespace", p.text(0, len(p.toks))), generator.ExampleNetwork)
		}
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
	// "deny all ingress to the app=db pods, and all egress to 10.0.0.0/8
	// (too)": traffic with no verdict, said to go with a rule before that
	// denies, takes that deny, not an allow; kunerva asks.
	before := strings.TrimSpace(p.request[:p.toks[0].start])
	if verdict == "" && p.inherited == "" && p.prev != nil && deniesSome(p.prev) && (p.mentions("too", "also", "either", "likewise") || p.hasPhrase("as", "well") || strings.HasSuffix(before, " and") || strings.HasSuffix(before, ",")) {
		return nil, p.refuse(fmt.Sprintf("does %q deny, as the rule before it does, or allow? Say its verdict (\"deny ...\", \"allow ...\")", p.text(0, len(p.toks))), generator.ExampleNetwork)
	}
	// "Egress for the sleep pods to *.wikipedia.org on 443": traffic named
	// with its direction and no verdict is traffic to allow.
	// "app=web pods: ingress from team=ops pods; egress to app=db": in a
	// list of rules, a direction word right before its peer's preposition
	// is traffic too, without ports; read as the pods only, it was lost.
	// "app=api: ingress from app=lb on 80; egress to DNS": DNS said with
	// its direction in a list of rules, too.
	// "the app=web pods lose their egress to 10.0.0.0/8", "revoke the
	// ingress from app=a": traffic a verb takes away is no traffic to
	// allow; read as described traffic, it was allowed. Whether it is
	// denied, or tells what broke, is the requester's to say.
	if k := slices.IndexFunc(p.toks, func(t token) bool { return lossVerbs[t.low] }); verdict == "" && k >= 0 && (p.claim[k] == "" || p.claim[k] == "no-meaning") &&
		(p.indexAny(ingressWords) > k || p.indexAny(egressWords) > k) {
		return nil, p.refuse(fmt.Sprintf("what does %q mean for this traffic: should it be denied, or does it tell what broke? To deny it say \"deny ...\"", p.toks[k].raw), generator.ExampleNetwork)
	}
	// "port 23 closed for incoming", "close everything but 443 for
	// incoming": traffic said with a word that closes is no traffic to
	// allow; read as described traffic, the closed port was the one port
	// open (finder 5, S5). Whether it is denied is the requester's to say.
	// "port 8080 must not be closed", "close only the port 8080": a close
	// word negated, or closing only something, keeps it open or leaves
	// the rest open; read with the negation's deny or the allow-list of
	// "only", the port was denied or the one port allowed (finder 6).
	if k := p.first("close", "closes", "closed", "closing"); k >= 0 && (p.is(k+1, "only", "just") || slices.ContainsFunc(p.toks[max(k-3, 0):k], func(t token) bool { return negationWords[t.low] })) {
		return nil, p.refuse(fmt.Sprintf("%q: which traffic should be denied, and which allowed? Say it with \"deny\" or \"allow\" (\"deny ingress on port 22\", \"allow ingress only on port 8080\")", p.text(max(k-3, 0), min(k+2, len(p.toks)))), generator.ExampleNetwork)
	}
	if k := p.index("close", "closes", "closed", "closing"); verdict == "" && k >= 0 && (len(ports) > 0 || p.indexAny(ingressWords) >= 0 || p.indexAny(egressWords) >= 0) {
		return nil, p.refuse(fmt.Sprintf("what does %q close: should this traffic be denied (\"deny ingress on port 22\"), or is it the only traffic to allow (\"allow ingress only on port 443\")?", p.toks[k].raw), generator.ExampleNetwork)
	}
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
			// "Database access rules in production. The database pods
			// (app=database) accept ...": a noun before what names rules
			// is the title's topic, no traffic; read as a verb, it allowed
			// the database pods into every pod of production.
			if policyNouns[p.word(i+1)] || p.is(i+1, "rules", "control", "controls") {
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
	// Not the pods the deny verb takes right after it: "allow everything
	// from app=a and block app=b" blocks app=b's traffic, it does not say
	// that the allow is for app=b.
	goal := verdict == generator.Deny && len(ports) == 0 && len(http) == 0 && dnsMark == nil && p.indexAny(ingressWords) < 0 && p.indexAny(egressWords) < 0 &&
		!(verdictMark != nil && len(groups) == 1 && groups[0].prep == "" && groups[0].eps[0].start == verdictMark.end && p.toks[verdictMark.end].kind == tLabel)
	// "Enable access to the nginx pods with a network policy - incoming
	// connections from X should work": an allow that names only the pods
	// says which pods the other clauses are about.
	announcesPods := verdict == generator.Allow && len(ports) == 0 && len(http) == 0 && dnsMark == nil && p.indexAny(ingressWords) < 0 && p.indexAny(egressWords) < 0 &&
		!p.mentions("all", "any", "everything", "everyone", "anyone", "anywhere", "anybody", "everybody") && len(groups) == 1 && groups[0].prep == "to" && p.is(groups[0].eps[0].start-2, "access")
	// "hivemq (app=hivemq): TCP on 1883 from anything in the hass
	// namespace": ports from or to a peer are traffic, not the pods; so is
	// "from app=backup on any port" under "pods labeled app=db:".
	traffic := verdict == "" && (len(ports) > 0 || slices.Contains(p.claim, "any-port")) && len(groups) == 1 && (groups[0].prep == "from" || groups[0].prep == "to")
	// "Pods labeled app=web need DNS (use port 8080, want UDP, rely on GET
	// /health). Allow egress from them to ...": traffic they need, which a
	// clause that only names the pods would lose ("dnsdist answers DNS for
	// the LAN", "the tcp-echo workload listens on 9000" describe them).
	needsTraffic := (dnsMark != nil || len(ports) > 0 || len(http) > 0 || p.protocol != nil) && p.index(needVerbs...) >= 0
	if (verdict == "" || goal || announcesPods) && !traffic && !needsTraffic && p.multi && len(groups) == 1 && len(groups[0].eps) == 1 && groups[0].inCluster() {
		// "The tcp-echo workload (app=tcp-echo) in foo listens on 9000 ...":
		// a clause that only says which pods the others are about.
		// "The client is the web pods (app=web)": pods named by a noun of
		// a peer (client, caller, source, destination) may be the other
		// end of the traffic, not the policy's pods. ("Targets only pods
		// labeled X" says the policy's pods with "target" as a verb.)
		if k := slices.IndexFunc(p.toks, func(t token) bool {
			_, ok := peerNounWays[t.low]
			return ok && t.low != "target" && t.low != "targets"
		}); k >= 0 && k < groups[0].eps[0].start {
			return nil, p.refuse(fmt.Sprintf("is %q the pods this policy is for, or the other end of their traffic (%q)? Say \"for the pods labeled ...\" or \"from the pods labeled ...\"", p.text(groups[0].eps[0].start, groups[0].eps[0].end), p.toks[k].raw), generator.ExampleNetwork)
		}
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
	// "Cron configuration & scheduled jobs, on all nodes: - audit
	// /etc/crontab - audit /etc/cron.d/": a heading that only says the
	// rules after it are for the nodes.
	hostOnly := allGroups(groups, func(g *group) bool {
		return !slices.ContainsFunc(g.eps, func(e *endpoint) bool {
			return e.kind != epEntity || slices.ContainsFunc(e.entities, func(v valueV) bool { return v.value != "host" && v.value != "remote-node" })
		})
	})
	if verdict == "" && hostOnly && len(ports) == 0 && len(http) == 0 && dnsMark == nil && p.multi && p.is(len(p.toks)-1, ":") {
		if s, ok, err := p.nodesHeading(groups); ok || err != nil {
			if err != nil {
				return nil, err
			}
			return nil, &contextClause{subject: s}
		}
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
	if p.deniesBothBut(verdictMark, dir, dm, exceptAt, groups) {
		return nil, p.refuse(fmt.Sprintf("which direction does the deny before %q cover: incoming, outgoing or both? Say it for each, e.g. \"deny all egress except DNS\", or \"isolate the pods, but allow DNS\" to deny both", p.toks[exceptAt].raw), generator.ExampleNetwork)
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
	case dnsMark != nil && verdict == generator.Allow && len(groups) == 1 && groups[0].inCluster() && len(ports) == 0 && len(http) == 0 && !slices.Contains([]string{"to", "towards", "toward", "into"}, groups[0].prep):
		// "allow dns lookups of *.example.com from the toolbox pod": the DNS
		// rule alone. ("egress to app=db and DNS": app=db is reached, not
		// the pods that look names up.)
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
	// "also allow PUT to the collection endpoint": allowed without its
	// path, the method would be open on every path. (Blocked, it is what
	// an allow-list of other methods leaves out on any path.)
	if k := slices.IndexFunc(http, func(h httpV) bool { return h.rule.Path == "" }); p.httpEndpoint != nil && verdict == generator.Allow && k >= 0 {
		m := p.httpEndpoint
		return nil, p.refuse(fmt.Sprintf("which path is %q? Say it (%q), so that the rule does not allow every path", p.text(m.start, m.end), strings.TrimSpace(http[k].rule.Method+" /api/items")), generator.ExampleNetwork)
	}
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
		return nil, p.refuse(portsOfLastPeerAsked, generator.ExampleNetwork)
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
		// "deny to app=web the traffic from other namespaces": the
		// allow-list of the own namespace, as the dev set's conventions
		// write it, also cuts what comes from outside the cluster, which
		// the words did not name (finder 5, S14); the explanation says so.
		if verdictMark != nil && verdictMark.rule == "deny-other-namespaces" {
			in.Notes = append(in.Notes, otherNamespacesNote)
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

// otherNamespacesNote is the note of a deny of other namespaces written as
// the allow-list of the pods' own namespace.
const otherNamespacesNote = "traffic from other namespaces is denied by allowing only the pods' own namespace, so traffic from outside the cluster (the internet, nodes, other addresses) is denied too; to keep it, allow it as a rule of its own"

// eachDestination makes one policy for each destination of r.subjects,
// with the ports said after it: "app=api may reach app=db on 5432 and
// app=cache on 6379" is app=db's ingress from app=api on 5432 and
// app=cache's on 6379. Ports that are not each destination's own, HTTP or
// DNS rules (whose destination could be any of them) are asked about.
func (p *parser) eachDestination(r roles, verdict generator.Verdict, verdictMark *mark, verdictOrigin *generator.Origin, clusterMark *mark, ports []portV, http []httpV, dnsPatterns []valueV, dnsMark *mark) (*generator.Intent, error) {
	ask := func(what string) error {
		return p.refuse(fmt.Sprintf("which %s for each of %s? Say each destination with its own (\"to X on 5432, and to Y on 6379\"), or each as a rule of its own", what, textsOf(r.subjects)), generator.ExampleNetwork)
	}
	// "Only app=api may reach app=db on 5432, app=batch allowed on 5433":
	// a verdict or a verb after a later destination makes a clause of
	// its own about those pods, which says nothing of who reaches them.
	from := "the pods before"
	if len(r.peers) > 0 {
		from = r.peers[0].text()
	}
	for _, g := range r.subjects[1:] {
		if e := g.eps[len(g.eps)-1].end; p.is(e, "allowed", "permitted", "ok", "okay", "fine", "denied", "blocked", "rejected", "dropped", "too", "also", "is", "are", "gets", "get", "may", "can", "should", "must", "needs", "need") {
			return nil, p.refuse(fmt.Sprintf("is %q another destination of %s, or a rule of its own about %s? Say who may reach %s (\"app=x may reach %s on 5433\")", p.text(g.eps[0].start, min(e+1, len(p.toks))), from, g.text(), g.text(), g.text()), generator.ExampleNetwork)
		}
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

// clusterSaidOfPeer asks when the words read as cluster-wide stand in a
// relative clause (", which ...", "(who ...") about pods that are not the
// policy's subject: "only prometheus, which scrapes every namespace, may
// reach payments on 9102" says what prometheus does; read as the scope,
// every pod of the cluster became an ingress allow-list of prometheus, and
// payments was dropped (finder 12, S1). About the subject ("deny egress to
// the world from pods app=api, which run in every namespace") it says
// where they are, and stays cluster-wide.
func (p *parser) clusterSaidOfPeer(m *mark, subject *group) string {
	a := -1
	for k := m.start - 1; k >= 1; k-- {
		if p.is(k, "which", "who", "that") && p.is(k-1, ",", "(") {
			a = k - 2
			break
		}
		if p.toks[k].kind == tPunct {
			return ""
		}
	}
	if a < 0 || subject != nil && slices.ContainsFunc(subject.eps, func(e *endpoint) bool { return e.start <= a && a < e.end }) {
		return ""
	}
	return fmt.Sprintf("is this policy cluster-wide, or does %q only say what %q does? Say \"cluster-wide\" for the pods the policy is for, or leave it out", p.text(m.start, m.end), p.toks[a].raw)
}

// networkIntent assembles the intent of one subject.
func (p *parser) networkIntent(r roles, verdict generator.Verdict, verdictMark *mark, verdictOrigin *generator.Origin, clusterMark *mark, ports []portV, http []httpV, dnsPatterns []valueV, dnsMark *mark) (*generator.Intent, error) {
	var subject subjectV
	var err error
	switch {
	case clusterMark != nil:
		if q := p.clusterSaidOfPeer(clusterMark, r.subject); q != "" {
			return nil, p.refuse(q, generator.ExampleNetwork)
		}
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
		client, server := r.peers, []*group{r.subject}
		if dir == generator.Egress {
			client, server = server, client
		}
		if err := p.clientPort(client, server, ports); err != nil {
			return nil, err
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
	if p.countedPortsAsk != "" {
		return nil, p.refuse(p.countedPortsAsk, generator.ExampleNetwork)
	}
	if p.portMoveAsk != "" {
		return nil, p.refuse(p.portMoveAsk, generator.ExampleNetwork)
	}
	if p.podPortAsk != "" {
		return nil, p.refuse(p.podPortAsk, generator.ExampleNetwork)
	}
	if p.sourcePortAsk != "" {
		return nil, p.refuse(p.sourcePortAsk, generator.ExampleNetwork)
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

// dnsReceived reports whether the DNS words at k stand right after a verb
// of receiving ("accept DNS queries", "answer the DNS lookups", "serve
// DNS"): DNS traffic the pods take, not their own lookups.
func (p *parser) dnsReceived(k int) bool {
	k--
	for p.is(k, "the", "all", "any", "incoming", "inbound", "only") {
		k--
	}
	return dnsTakeVerbs[p.word(k)]
}

// dnsTakeVerbs are the verbs of receiving (receiveVerbs) whose object is
// the traffic taken: "accept DNS queries", not "get DNS" or "reached".
var dnsTakeVerbs = set("accept", "accepts", "accepting", "receive", "receives", "receiving", "queried", "exposed", "listen", "listens", "listening",
	"serve", "serves", "answer", "answers", "taking", "take", "takes", "admit", "admits")

// fromAfter reports whether "from" follows at k, after ports and
// protocols: "DNS queries from X", "DNS queries on 53 from X".
func (p *parser) fromAfter(k int) bool {
	for k < len(p.toks) && (p.is(k, "on", "port", "ports", "over", "udp", "tcp", "and", "/", ",") || p.toks[k].kind == tNumber) {
		k++
	}
	return p.is(k, "from")
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
		// "..., but not 203.0.113.1", "..., not 203.0.113.1": the same,
		// said with a negation.
		from, leaves := k, p.is(k, "minus", "except", "excluding", "without")
		if p.is(k, "not") && p.is(k-1, "but", ",") {
			from, leaves = k-1, true
			if p.is(from, ",") {
				from = k
			}
		}
		if len(g.eps) == 1 && ep.kind == epCIDR && leaves {
			if n := slices.IndexFunc(out, func(o *group) bool {
				return len(o.eps) == 1 && o.eps[0].kind == epCIDR && len(ep.cidrs) > 0 && slices.ContainsFunc(o.eps[0].cidrs, func(c cidrV) bool { return cidrContains(c.cidr.value, ep.cidrs[0].cidr.value) })
			}); n >= 0 {
				host := out[n].eps[0]
				for _, x := range ep.cidrs {
					ci := slices.IndexFunc(host.cidrs, func(c cidrV) bool { return cidrContains(c.cidr.value, x.cidr.value) })
					host.cidrs[ci].except = append(host.cidrs[ci].except, x.cidr)
				}
				p.take(from, k+1, "cidr-except")
				// "the ... half": the nouns after the address finish the
				// determiner before it; without one ("..., except
				// 10.1.0.0/16 during business hours") the words after it
				// are not the address's, and stay for account to read.
				for n := ep.end; k < ep.start-1 && n < len(p.toks) && n < ep.end+2 && p.nameWord(n) && !temporalWords[p.word(n)]; n++ {
					p.take(n, n+1, "cidr-except")
				}
				continue
			}
		}
		out = append(out, g)
	}
	return out
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

// nodesHeading reads a heading that says only which nodes the rules after
// it are for ("Scheduled jobs, on all nodes:", "On the nodes labeled
// role=bastion:"): their subject, and whether the clause is one.
func (p *parser) nodesHeading(groups []*group) (subjectV, bool, error) {
	// "Except on all nodes:", "On all nodes but the masters:" leave
	// nodes out; a request of pods or addresses has more than system rules
	// for the heading to be about.
	if slices.ContainsFunc(p.toks, func(t token) bool { return leavesOut[t.low] }) ||
		slices.ContainsFunc(p.all, func(t token) bool {
			return t.kind == tLabel || t.kind == tCIDR || t.kind == tDomain || t.kind == tPortProto
		}) ||
		!slices.ContainsFunc(p.all, func(t token) bool { return t.kind == tPath }) {
		return subjectV{}, false, nil
	}
	m, sel, sm := p.nodeScope()
	// "on all nodes", read as the entities of every node: all the nodes.
	if m == nil && len(groups) == 1 && len(groups[0].eps) == 1 {
		ep := groups[0].eps[0]
		if len(ep.entities) != 2 || !slices.ContainsFunc(ep.entities, func(v valueV) bool { return v.value == "remote-node" }) {
			return subjectV{}, false, nil
		}
		m = &mark{ep.start, ep.end, "nodes"}
		p.take(ep.start, ep.end, "nodes")
	}
	if m == nil {
		return subjectV{}, false, nil
	}
	v := subjectV{subject: generator.Subject{Scope: generator.ScopeNodes}}
	v.origins = append(v.origins, p.origin("subject.scope", m))
	if sel != nil {
		v.subject.Nodes = sel
		v.origins = append(v.origins, p.origin("subject.nodes", sm))
	}
	if err := p.account(&generator.Intent{Subject: v.subject}); err != nil {
		return subjectV{}, false, err
	}
	p.take(0, len(p.toks), "describes-the-nodes")
	return v, true, nil
}

// leavesOut are words that leave something out of what a heading names.
var leavesOut = set("except", "excluding", "besides", "but", "not", "no", "never", "other", "only", "without", "unless", "apart")

// deniesSome reports whether an intent denies or isolates some traffic.
func deniesSome(in *generator.Intent) bool {
	return slices.ContainsFunc(in.Network, func(r generator.NetworkRule) bool { return r.Verdict != generator.Allow })
}

// portBefore reports whether a port is said before token i.
func (p *parser) portBefore(i int) bool {
	return slices.ContainsFunc(p.toks[:i], func(t token) bool { return t.kind == tNumber || t.kind == tRange || t.kind == tPortProto })
}

// deniesBothBut reports whether an order denies every direction of the pods
// but some exceptions: "Isolate app=web except DNS", "deny all traffic for
// app=web except from app=lb", "lock down app=web except to app=db". Read as
// the allow-list of the exceptions, it would leave open the direction they
// do not take. A direction word or "out" before "except", or "traffic
// from app=web" or "to app=web", says which one is denied; words before the
// deny that are no order ("the default deny blocks ...", "we are about to
// turn on default deny ...") are asked about by the request's checks.
// A direction said only after "except" is the exceptions' ("deny
// everything for app=web except ingress from app=lb"): the deny before it
// still covers both, and read as the allow-list of that direction, the
// other was left open (finder 17, S2).
func (p *parser) deniesBothBut(verdictMark *mark, dir []generator.Direction, dm *mark, exceptAt int, groups []*group) bool {
	if verdictMark == nil || verdictMark.rule != "allow-list-by-exception" || len(dir) > 0 && (dm == nil || dm.start < exceptAt) || exceptAt < 0 {
		return false
	}
	if k := verdictMark.start - 1; k >= 0 && !(p.toks[k].kind == tPunct || modals[p.word(k)] || p.is(k, "please", "to")) {
		return false
	}
	for k := range exceptAt {
		if ingressWords[p.word(k)] || egressWords[p.word(k)] || p.is(k, "out") {
			return false
		}
	}
	return !slices.ContainsFunc(groups, func(g *group) bool {
		return g.eps[0].start < exceptAt && slices.Contains([]string{"from", "to", "towards", "toward", "into"}, g.prep)
	})
}

// lossVerbs take traffic away from the pods: "the pods lose their egress to
// X", "lost ingress from Y", "revoke their egress".
var lossVerbs = set("lose", "loses", "lost", "losing", "revoke", "revokes", "revoked", "withdraw", "withdraws", "withdrawn", "remove", "removes", "removed", "strip", "strips", "stripped")
