package generator

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/kunerva/kunerva/internal/tree"
)

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

// assembleNetwork reads a network request: who, which direction, which peers
// and ports, allow or deny.
func (p *parser) assembleNetwork() (*Intent, error) {
	clusterWide := p.claimPhrase("cluster-wide") || p.claimPhrase("clusterwide") || p.claimPhrase("in", "every", "namespace") ||
		p.claimPhrase("in", "all", "namespaces") || p.claimPhrase("across", "the", "cluster") || p.claimPhrase("for", "every", "pod", "in", "the", "cluster") ||
		p.claimPhrase("for", "all", "pods", "in", "the", "cluster") || p.claimPhrase("all", "pods", "in", "the", "cluster") || p.claimPhrase("every", "pod", "in", "the", "cluster") ||
		p.claimPhrase("for", "all", "namespaces")
	http, err := p.httpRules()
	if err != nil {
		return nil, err
	}
	dnsPatterns, wantsDNS := p.dnsRequest()
	ports := p.ports()
	groups := p.groups(p.endpoints())
	exceptAt := -1
	for i, t := range p.toks {
		if !p.used[i] && (t.low == "except" || t.low == "besides" || t.low == "apart") {
			exceptAt = i
			break
		}
	}

	verdict, err := p.verdict(len(groups) > 0, exceptAt)
	if err != nil {
		return nil, err
	}
	if verdict == "" && len(groups) == 0 && len(ports) == 0 && len(http) == 0 && !wantsDNS {
		return nil, p.refuse("I do not understand this as a security policy: I found no pods, files, processes, ports or peers, and no allow, deny, block or audit", exampleNetwork)
	}
	if verdict == "" {
		return nil, p.refuse("I do not understand what to do: say allow, only, deny, block or default deny", exampleNetwork)
	}
	var roles roles
	if wantsDNS && verdict == Allow && len(groups) == 1 && groups[0].inCluster() && len(ports) == 0 && len(http) == 0 {
		// "allow dns lookups of *.example.com from the toolbox pod": the DNS rule alone.
		roles.subject = groups[0]
	} else {
		roles, err = p.roles(groups, verdict, exceptAt, clusterWide, len(ports) > 0 || len(http) > 0)
	}
	if err != nil {
		return nil, err
	}
	var subject Subject
	if clusterWide {
		subject = Subject{Scope: ScopeCluster}
		if roles.subject != nil {
			for _, ep := range roles.subject.eps {
				if ep.pods != nil {
					subject.Pods = ep.pods
				}
			}
		}
	} else {
		if roles.subject == nil && p.fallback != nil {
			subject = *p.fallback
		} else if roles.subject == nil {
			return nil, p.refuse("which pods should this policy apply to?", exampleNetwork)
		} else if len(roles.subject.eps) != 1 {
			return nil, p.refuse(fmt.Sprintf("a policy applies to one set of pods, and %q names %d; ask once for each", roles.subject.text(), len(roles.subject.eps)), exampleNetwork)
		} else if subject, err = p.subjectFrom(roles.subject.eps[0]); err != nil {
			return nil, err
		}
	}
	p.understood = append(p.understood, "applies to "+subjectText(subject))

	var rules []NetworkRule
	for _, dir := range roles.dirs {
		rule := NetworkRule{Direction: dir, Verdict: verdict, HTTP: http}
		for _, g := range roles.peers {
			for _, ep := range g.eps {
				peers, err := p.peersOf(ep, subject.Namespace)
				if err != nil {
					return nil, err
				}
				rule.Peers = append(rule.Peers, peers...)
			}
		}
		rule.Ports = p.containerPorts(ports, dir, subject, rule.Peers)
		if verdict == Isolate {
			rule = NetworkRule{Direction: dir, Verdict: Isolate}
		}
		if dir == Egress && len(rule.Peers) == 0 && len(rule.Ports) == 0 && wantsDNS && verdict == Allow && len(roles.peers) == 0 {
			// "allow dns for the frontend": the DNS rule alone.
			continue
		}
		rules = append(rules, rule)
	}
	egressAllow := slices.ContainsFunc(rules, func(r NetworkRule) bool { return r.Direction == Egress && r.Verdict != Deny })
	switch {
	case wantsDNS:
		rules = append(rules, dnsRule(dnsPatterns))
		p.notes = append(p.notes, "DNS lookups are allowed because the request asks for them")
	case p.opts.AllowDNS && egressAllow:
		rules = append(rules, dnsRule(nil))
		p.notes = append(p.notes, noteAllowDNS)
	case egressAllow && verdict == Allow && hasFQDN(rules):
		p.notes = append(p.notes, "DNS lookups are not allowed by this policy, and Cilium matches DNS names only through lookups it sees: add \"and DNS\" to the request or pass --allow-dns unless another policy allows DNS for these pods")
	case egressAllow && verdict == Allow:
		p.notes = append(p.notes, "DNS lookups are not allowed by this policy: if the pods resolve names, add \"and DNS\" to the request or pass --allow-dns")
	}
	return &Intent{Subject: subject, Network: rules, Notes: p.notes}, nil
}

// noteAllowDNS explains the DNS rule --allow-dns adds.
const noteAllowDNS = "DNS lookups are allowed because of --allow-dns"

func hasFQDN(rules []NetworkRule) bool {
	for _, r := range rules {
		for _, p := range r.Peers {
			if p.FQDN != "" {
				return true
			}
		}
	}
	return false
}

func dnsRule(patterns []string) NetworkRule {
	return NetworkRule{Direction: Egress, Verdict: Allow, Peers: []Peer{{ClusterDNS: true, Name: "dns"}},
		Ports: []Port{{Port: 53, Protocol: "UDP"}, {Port: 53, Protocol: "TCP"}}, DNS: patterns}
}

// claimPhrase marks the words, in a row, as used; it reports whether they were there.
func (p *parser) claimPhrase(words ...string) bool {
	for i := range p.toks {
		ok := true
		for k, w := range words {
			if p.word(i+k) != w || p.used[i+k] {
				ok = false
				break
			}
		}
		if ok {
			for k := range words {
				p.used[i+k] = true
			}
			return true
		}
	}
	return false
}

func (p *parser) index(words ...string) int {
	for i, t := range p.toks {
		if slices.Contains(words, t.low) {
			return i
		}
	}
	return -1
}

func (p *parser) groups(eps []*endpoint) []*group {
	var out []*group
	for i, ep := range eps {
		if i > 0 && p.onlyJoiners(eps[i-1].end, ep.start) && ep.prep == "" {
			g := out[len(out)-1]
			g.eps = append(g.eps, ep)
			continue
		}
		out = append(out, &group{eps: []*endpoint{ep}, prep: ep.prep})
	}
	return out
}

func (p *parser) onlyJoiners(from, to int) bool {
	if from >= to {
		return false
	}
	for k := from; k < to; k++ {
		if !p.is(k, "and", "or", ",", "either", "also", "the", "any", "all") {
			return false
		}
	}
	return true
}

// verdict reads allow, deny or isolate.
func (p *parser) verdict(hasPeers bool, exceptAt int) (Verdict, error) {
	isolating := p.hasAny(isolate) || p.hasPhrase("default", "deny") || p.hasPhrase("lock", "down") ||
		p.hasPhrase("deny", "all") || p.hasPhrase("block", "all") || p.hasPhrase("drop", "all") || p.hasPhrase("deny", "everything") ||
		p.hasPhrase("block", "everything") || p.hasPhrase("no", "ingress") || p.hasPhrase("no", "egress") || p.hasPhrase("nothing", "may") || p.hasPhrase("nothing", "can") ||
		p.hasPhrase("deny", "any") || p.hasPhrase("block", "any") || p.hasPhrase("zero", "trust")
	isolating = isolating || p.hasPhrase("cut", "off") || p.hasPhrase("nothing", "gets") || p.hasPhrase("no", "pod") && p.has("accept", "receive", "send") ||
		p.hasPhrase("not", "receive", "any") || p.hasPhrase("not", "accept", "any") || p.hasPhrase("not", "send", "any")
	deny := p.hasAny(denyWords)
	allow := p.hasAny(allowWords) || p.has("only") || p.hasPhrase("be", "able") || p.has("restrict", "limit", "confine")
	if p.has("never") || p.hasPhrase("must", "not") || p.hasPhrase("should", "not") || p.hasPhrase("may", "not") || p.has("cannot", "can't", "mustn't", "shouldn't") {
		if !isolating {
			return Deny, nil
		}
	}
	if p.hasPhrase("allow", "all") || p.hasPhrase("allow", "any") {
		isolating = false
	}
	switch {
	case isolating && exceptAt >= 0:
		return Allow, nil // "deny all egress except to X": an allow-list
	case isolating:
		return Isolate, nil
	case deny && (p.hasPhrase("don't", "let") || p.hasPhrase("do", "not", "let") || p.hasPhrase("not", "allowed") || p.hasPhrase("never", "let") || !allow):
		return Deny, nil
	case deny && allow:
		// "only X may reach Y, block everything else" reads as an allow-list.
		if p.has("only") && (p.has("else") || p.has("other", "others")) {
			return Allow, nil
		}
		if p.hasPhrase("should", "not") || p.hasPhrase("must", "not") || p.hasPhrase("may", "not") || p.hasPhrase("can", "not") || p.has("cannot", "can't", "mustn't", "shouldn't") {
			return Deny, nil
		}
		return "", p.refuse("the request both allows and denies: it contradicts itself, or needs two policies; ask once for each", exampleNetwork)
	case allow:
		return Allow, nil
	case p.hasAny(auditWords):
		return "", p.refuse("network policies cannot audit traffic, only allow or deny it (KubeArmor audits processes and files)", exampleNetwork)
	}
	return "", nil
}

type roles struct {
	subject *group
	peers   []*group
	dirs    []Direction
}

// roles decides which group is the subject and which are peers, and the direction.
func (p *parser) roles(groups []*group, verdict Verdict, exceptAt int, clusterWide, hasPorts bool) (roles, error) {
	var r roles
	dir := p.explicitDirection()
	// A namespace "in"-group next to other endpoints sets the context only.
	if len(groups) > 1 {
		for i, g := range groups {
			if (g.prep == "in" || g.prep == "within") && len(g.eps) == 1 && g.eps[0].kind == epNamespace && g.eps[0].namespace != "" {
				ctx := g.eps[0].namespace
				rest := slices.Delete(slices.Clone(groups), i, i+1)
				for _, o := range rest {
					for _, e := range o.eps {
						if e.kind == epPods && e.namespace == "" {
							e.namespace = ctx
						}
					}
				}
				if p.opts.Namespace == "" {
					p.opts.Namespace = ctx
				}
				groups = rest
				break
			}
		}
	}
	// Isolation: one subject, direction from the words or the preposition.
	if verdict == Isolate {
		for _, g := range groups {
			if g.inCluster() {
				r.subject = g
				break
			}
		}
		switch {
		case len(dir) > 0:
			r.dirs = dir
		case p.has("receive", "accept", "gets") && !p.has("send", "out"):
			r.dirs = []Direction{Ingress}
		case p.has("send") && !p.has("receive", "accept"):
			r.dirs = []Direction{Egress}
		case r.subject != nil && r.subject.prep == "to" || p.has("incoming"):
			r.dirs = []Direction{Ingress}
		case r.subject != nil && r.subject.prep == "from":
			r.dirs = []Direction{Egress}
		default:
			r.dirs = []Direction{Ingress, Egress}
		}
		if len(groups) > 1 {
			return r, p.refuse("default deny takes no peers; to allow some, say \"deny all ingress to X except from Y\"", "default deny ingress in namespace shop")
		}
		if clusterWide && r.subject == nil {
			return r, nil
		}
		if r.subject == nil && len(groups) == 0 {
			r.subject = &group{eps: []*endpoint{{kind: epNamespace, namespace: p.opts.Namespace, text: "namespace " + p.defaultNamespace()}}}
			if p.opts.Namespace == "" {
				return r, p.refuse("which namespace or pods should default deny apply to?", "default deny ingress in namespace shop")
			}
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
		if len(before) == 1 && len(after) > 0 && len(dir) == 1 {
			return roles{subject: before[0], peers: after, dirs: dir}, nil
		}
	}
	if len(dir) == 1 {
		return p.explicitRoles(groups, dir[0], clusterWide)
	}
	if len(dir) > 1 {
		return r, p.refuse("the request names both ingress and egress; ask once for each direction", exampleNetwork)
	}
	return p.verbRoles(groups, hasPorts)
}

func (p *parser) explicitDirection() []Direction {
	var dirs []Direction
	if p.hasAny(ingressWords) {
		dirs = append(dirs, Ingress)
	}
	if p.hasAny(egressWords) {
		dirs = append(dirs, Egress)
	}
	return dirs
}

func (p *parser) explicitRoles(groups []*group, dir Direction, clusterWide bool) (roles, error) {
	r := roles{dirs: []Direction{dir}}
	peerPreps := []string{"from", "by"}
	if dir == Egress {
		peerPreps = []string{"to", "towards", "toward", "into", "at"}
	}
	var subjects []*group
	for _, g := range groups {
		switch {
		case slices.Contains(peerPreps, g.prep):
			r.peers = append(r.peers, g)
		case g.inCluster():
			subjects = append(subjects, g)
		case g.eps[0].kind == epAny:
			// "from anywhere": no peer restriction
		default:
			r.peers = append(r.peers, g)
		}
	}
	switch {
	case len(subjects) == 1:
		r.subject = subjects[0]
	case len(subjects) > 1:
		return r, p.refuse(fmt.Sprintf("I cannot tell which of %s the policy is for", textsOf(subjects)), exampleNetwork)
	case !clusterWide && p.opts.Namespace != "":
		r.subject = &group{eps: []*endpoint{{kind: epNamespace, namespace: p.opts.Namespace, text: "namespace " + p.opts.Namespace}}}
	}
	return r, nil
}

// verbRoles reads "X may reach Y", "only X may reach Y", "X may only reach Y",
// "block X from reaching Y", "Y accepts traffic from X", "traffic from X to Y".
func (p *parser) verbRoles(groups []*group, hasPorts bool) (roles, error) {
	verbAt, passive := -1, false
	for i, t := range p.toks {
		if p.used[i] {
			continue
		}
		if passiveVerbs[t.low] && !(t.low == "hit" && i > 0) {
			verbAt, passive = i, true
			break
		}
		if reachVerbs[t.low] {
			verbAt = i
			break
		}
	}
	if verbAt < 0 {
		verbAt = p.index("ping", "pings", "upload", "download", "fetch", "push", "pull")
	}
	var sources, dests []*group
	for _, g := range groups {
		switch {
		case g.prep == "from" && !(verbAt >= 0 && g.eps[0].start < verbAt && strings.HasSuffix(p.word(g.eps[0].end), "ing")):
			sources = append(sources, g)
		case g.prep == "to" || g.prep == "towards" || g.prep == "into":
			dests = append(dests, g)
		case verbAt >= 0 && g.eps[0].start < verbAt:
			sources = append(sources, g)
		case verbAt >= 0:
			dests = append(dests, g)
		case g.prep == "on" || g.prep == "at":
			dests = append(dests, g)
		case g.prep == "for" || g.prep == "of" || g.prep == "in":
			// "for the toolbox pod": the subject, but which way?
			return roles{}, p.refuse(fmt.Sprintf("I cannot tell the direction for %s: say \"to\" or \"from\", ingress or egress", quote(g.text())), "allow egress from the toolbox pod to 10.20.0.0/16")
		default:
			sources = append(sources, g)
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
	onlySource := verbAt > 0 && len(sources) == 1 && p.onlyBetween(sources[0].eps[len(sources[0].eps)-1].end, verbAt) ||
		p.has("restrict", "limit", "confine") && len(sources) == 1 ||
		p.continues && len(sources) == 1
	switch {
	case onlySource && !passive:
		if !sources[0].inCluster() {
			return roles{}, p.refuse(fmt.Sprintf("%s is not pods in the cluster, so no policy can restrict where it goes", sources[0].text()), exampleNetwork)
		}
		return roles{subject: sources[0], peers: dests, dirs: []Direction{Egress}}, nil
	case len(dests) == 1 && dests[0].inCluster():
		if len(dests[0].eps) > 1 && len(sources) == 1 && sources[0].inCluster() {
			return roles{}, p.refuse(fmt.Sprintf("%q names several destinations: ask once for each, or say \"%s may only reach ...\" for an egress allow-list", dests[0].text(), sources[0].text()), exampleNetwork)
		}
		return roles{subject: dests[0], peers: anyPeers(sources), dirs: []Direction{Ingress}}, nil
	case len(dests) > 0 && allGroups(dests, (*group).external):
		if len(sources) != 1 {
			return roles{}, p.refuse(fmt.Sprintf("which pods should reach %s?", textsOf(dests)), "allow the frontend pods to reach 10.0.0.0/8 on port 443")
		}
		return roles{subject: sources[0], peers: dests, dirs: []Direction{Egress}}, nil
	case len(dests) == 0 && len(sources) == 1 && sources[0].inCluster() && (sources[0].prep == "on" || sources[0].prep == "to" || sources[0].prep == "into") && (hasPorts || p.hasPhrase("allow", "all") || p.hasPhrase("all", "traffic")):
		// "open port 8080 on the frontend", "allow all traffic to X" without a "to"
		return roles{subject: sources[0], dirs: []Direction{Ingress}}, nil
	case len(dests) == 0 && len(sources) == 0:
		return roles{}, p.refuse("which pods should this policy apply to?", exampleNetwork)
	}
	return roles{}, p.refuse("I cannot tell the direction: say which pods receive the traffic (ingress) or send it (egress)", exampleNetwork)
}

func (p *parser) onlyBetween(from, to int) bool {
	for k := from; k < to; k++ {
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

// peersOf turns a peer endpoint into intent peers.
func (p *parser) peersOf(ep *endpoint, subjectNS string) ([]Peer, error) {
	switch ep.kind {
	case epCIDR:
		return ep.cidrs, nil
	case epFQDN:
		var out []Peer
		for _, f := range ep.fqdns {
			out = append(out, Peer{FQDN: f, Name: f})
		}
		return out, nil
	case epEntity:
		return []Peer{{Entity: ep.entity, Name: ep.entity}}, nil
	case epAny:
		return nil, nil
	case epPods, epNamespace, epService:
		peer, err := p.resolve(ep, subjectNS)
		if err != nil {
			return nil, err
		}
		if peer.Namespace == subjectNS {
			peer.Namespace = ""
		}
		return []Peer{peer}, nil
	}
	return nil, p.refuse("I cannot use "+quote(ep.text)+" as a peer", exampleNetwork)
}

// containerPorts translates Service ports into the container ports behind them:
// policies match the pod's port, not the Service's.
func (p *parser) containerPorts(ports []Port, dir Direction, subject Subject, peers []Peer) []Port {
	if p.tree == nil {
		return ports
	}
	var targets []tree.Workload
	switch {
	case dir == Ingress && subject.Pods != nil:
		targets = p.workloadsFor(subject.Namespace, subject.Pods.MatchLabels)
	case dir == Egress:
		for _, peer := range peers {
			if peer.Pods != nil {
				ns := peer.Namespace
				if ns == "" {
					ns = subject.Namespace
				}
				targets = append(targets, p.workloadsFor(ns, peer.Pods.MatchLabels)...)
			}
		}
	}
	if len(targets) == 0 {
		return ports
	}
	out := slices.Clone(ports)
	for n, port := range out {
		if port.Port == 0 || port.EndPort != 0 || exposes(targets, port.Port) {
			continue
		}
		for _, w := range targets {
			for _, svc := range p.tree.ServicesSelecting(w) {
				for _, sp := range svc.Ports {
					if int(sp.Port) != port.Port {
						continue
					}
					if target := containerPortFor(w, sp.TargetPort); target != 0 {
						out[n].Port = target
						p.notes = append(p.notes, fmt.Sprintf("port %d is the %s Service's port; the policy uses the container port %d behind it", port.Port, svc.Name, target))
					}
				}
			}
		}
	}
	return out
}

func (p *parser) workloadsFor(ns string, labels map[string]string) []tree.Workload {
	var out []tree.Workload
	for _, w := range p.tree.Workloads {
		if w.Namespace == ns && len(labels) > 0 && subset(labels, w.PodLabels) {
			out = append(out, w)
		}
	}
	return out
}

func subset(a, b map[string]string) bool {
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

func exposes(ws []tree.Workload, port int) bool {
	for _, w := range ws {
		for _, cp := range w.Ports {
			if int(cp.Port) == port {
				return true
			}
		}
	}
	return false
}

func containerPortFor(w tree.Workload, target string) int {
	if n, err := strconv.Atoi(target); err == nil {
		return n
	}
	for _, cp := range w.Ports {
		if cp.Name == target {
			return int(cp.Port)
		}
	}
	return 0
}
