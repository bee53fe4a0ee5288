package connectivity

import (
	"cmp"
	"fmt"
	"net/netip"
	"regexp"
	"slices"
	"strings"

	"github.com/kunerva/kunerva/internal/tree"
)

// netPolicy is one spec of a network policy as the model reads it: whom it
// applies to, the directions it isolates, and its rules. A Cilium policy
// with specs gives one netPolicy per spec.
type netPolicy struct {
	ref     string // Kind/namespace/name
	subject selector
	// isolates says the policy puts its subjects in default deny for
	// ingress ([0]) and egress ([1]).
	isolates [2]bool
	rules    []netRule
	// unknown, when set, is why the model cannot read the policy: every
	// flow its subjects take part in is unknown.
	unknown string
}

// netRule is one ingress or egress rule.
type netRule struct {
	egress, deny bool
	// peers lists the peers the rule is about; nil means every peer.
	peers []peerMatch
	// ports lists the ports; nil means every port.
	ports []portMatch
	// l7 lists the requests an allow rule lets through on its ports, nil
	// when it lets every request through.
	l7 []string
	// fqdn says the rule's peers are DNS names (toFQDNs), which Cilium
	// learns only from lookups a DNS rule (lookups) lets its proxy see.
	fqdn    bool
	lookups []*regexp.Regexp
}

// peerMatch decides whether a rule's peer holds an endpoint; a reason says
// the model cannot tell.
type peerMatch func(e *endpoint) (ok bool, unknown string)

// portMatch is one port of a rule.
type portMatch struct {
	number, end int32  // end 0: the one port
	name        string // a named port
	protocol    string // "" or ANY: every protocol
}

func (p portMatch) matches(port Port) bool {
	if p.protocol != "" && p.protocol != "ANY" && p.protocol != port.Protocol {
		return false
	}
	switch {
	case p.name != "":
		return port.Name != "" && strings.EqualFold(p.name, port.Name)
	case p.number == 0:
		return true
	case port.Number == 0:
		return false // a rule for some ports does not hold every other port
	case p.end > p.number:
		return port.Number >= p.number && port.Number <= p.end
	}
	return port.Number == p.number
}

// selector selects workloads; nil selects none (a policy of nodes).
type selector func(e *endpoint) bool

// endpoint is a peer of the model with what rules match it by.
type endpoint struct {
	peer Peer
	// workloads
	labels   map[string]string // the pod template's labels
	nsLabels map[string]string // the namespace's labels, with kubernetes.io/metadata.name
	ports    []Port            // the ports it exposes, as a destination
	// outside peers
	addr netip.Addr // world and CIDR peers: an address that stands for it
}

func (e *endpoint) isWorkload() bool { return e.peer.Kind == PeerWorkload }

var hostEntity = Peer{Kind: PeerEntity, Value: "host"}

// network is the parsed network side of a model.
type network struct {
	policies []*netPolicy
	subjects map[*endpoint][]*netPolicy // the policies that select an endpoint
}

// Decide returns the verdict for one flow. from and to are peers of the
// model, or outside peers the model does not name.
//
// A port of a workload of the tree may be given by number alone: it gets
// the name the workload gives it, which rules may name it by.
func (m *Model) Decide(from, to Peer, port Port) Result {
	src, dst := m.endpoint(from, nil), m.endpoint(to, nil)
	if port.Name == "" {
		for _, p := range dst.ports {
			if p.Number == port.Number && p.Protocol == port.Protocol {
				port.Name = p.Name
			}
		}
	}
	return m.decide(src, dst, port)
}

// decide is Cilium's and the NetworkPolicy API's decision: a flow passes
// when the source's egress and the destination's ingress both let it,
// where a side lets it when no deny rule holds it and, if the side is
// isolated, an allow rule holds it.
func (m *Model) decide(src, dst *endpoint, port Port) Result {
	var r Result
	out := m.side(src, dst, port, true)
	in := m.side(dst, src, port, false)
	switch {
	case out.verdict == Denied || in.verdict == Denied:
		r.Verdict = Denied
		r.Because = sortedUnique(append(slices.Clip(out.deciding(Denied)), in.deciding(Denied)...))
	case out.verdict == Unknown || in.verdict == Unknown:
		r.Verdict, r.Reason = Unknown, cmp.Or(out.reason, in.reason)
		r.Because = sortedUnique(append(slices.Clip(out.because), in.because...))
	default:
		r.Verdict = Allowed
		r.Because = sortedUnique(append(slices.Clip(out.because), in.because...))
		r.L7 = append(prefixed("egress: ", out.l7, len(in.l7) > 0), prefixed("ingress: ", in.l7, len(out.l7) > 0)...)
	}
	return r
}

func prefixed(prefix string, l7 []string, both bool) []string {
	if !both {
		return l7
	}
	out := make([]string, len(l7))
	for i, s := range l7 {
		out[i] = prefix + s
	}
	return out
}

// sideResult is what one end's policies say about a flow.
type sideResult struct {
	verdict Verdict
	because []string // the policies that decide it
	l7      []string
	reason  string
}

func (s sideResult) deciding(v Verdict) []string {
	if s.verdict == v {
		return s.because
	}
	return nil
}

// side decides a flow at one end: self's egress toward peer, or self's
// ingress from peer. Ends outside the tree have no policies.
func (m *Model) side(self, peer *endpoint, port Port, egress bool) sideResult {
	if !self.isWorkload() {
		return sideResult{verdict: Allowed}
	}
	dir := 0
	if egress {
		dir = 1
	}
	var isolating, allowing, allowUnknown, denying, denyUnknown []string
	var l7 []string
	everyRequest := false
	for _, p := range m.selecting(self) {
		if p.unknown != "" {
			return sideResult{verdict: Unknown, because: []string{p.ref}, reason: p.ref + ": " + p.unknown}
		}
		if p.isolates[dir] {
			isolating = append(isolating, p.ref)
		}
		for _, r := range p.rules {
			if r.egress != egress {
				continue
			}
			ok, why := r.holds(peer, port)
			if ok && r.fqdn && peer.peer.Kind == PeerFQDN && !m.looksUp(self, peer.peer.Value) {
				ok = false // the name's addresses are never learned
			}
			switch {
			case why != "" && r.deny:
				denyUnknown = append(denyUnknown, p.ref+": "+why)
			case why != "":
				allowUnknown = append(allowUnknown, p.ref+": "+why)
			case !ok:
			case r.deny:
				denying = append(denying, p.ref)
			default:
				allowing = append(allowing, p.ref)
				if len(r.l7) == 0 {
					everyRequest = true
				}
				l7 = append(l7, r.l7...)
			}
		}
	}
	switch {
	case len(denying) > 0:
		return sideResult{verdict: Denied, because: denying}
	case len(denyUnknown) > 0:
		return sideResult{verdict: Unknown, reason: denyUnknown[0]}
	case !egress && peer.peer == hostEntity:
		// Cilium lets a pod's own node in whatever its policies say, for
		// the kubelet's probes.
		return sideResult{verdict: Allowed}
	case len(isolating) == 0:
		// L7 rules filter requests even where default deny is off.
		if len(allowing) > 0 && !everyRequest {
			return sideResult{verdict: Allowed, because: allowing, l7: sortedUnique(l7)}
		}
		return sideResult{verdict: Allowed}
	case len(allowing) > 0:
		if everyRequest {
			l7 = nil
		}
		return sideResult{verdict: Allowed, because: allowing, l7: sortedUnique(l7)}
	case len(allowUnknown) > 0:
		return sideResult{verdict: Unknown, reason: allowUnknown[0]}
	}
	return sideResult{verdict: Denied, because: isolating}
}

// selecting returns the policies whose subject holds e, once per endpoint.
func (m *Model) selecting(e *endpoint) []*netPolicy {
	if ps, ok := m.net.subjects[e]; ok {
		return ps
	}
	var ps []*netPolicy
	for _, p := range m.net.policies {
		if p.subject != nil && p.subject(e) {
			ps = append(ps, p)
		}
	}
	if m.net.subjects == nil {
		m.net.subjects = map[*endpoint][]*netPolicy{}
	}
	m.net.subjects[e] = ps
	return ps
}

// looksUp reports whether an allow rule of a policy that selects e lets
// Cilium's DNS proxy see e's lookups of name.
func (m *Model) looksUp(e *endpoint, name string) bool {
	name = strings.ReplaceAll(name, "*", "x") // a pattern peer stands for names such as x.github.com
	for _, p := range m.selecting(e) {
		for _, r := range p.rules {
			if r.egress && !r.deny && slices.ContainsFunc(r.lookups, func(re *regexp.Regexp) bool { return re.MatchString(name) }) {
				return true
			}
		}
	}
	return false
}

// holds reports whether the rule is about the peer and the port.
func (r netRule) holds(peer *endpoint, port Port) (bool, string) {
	if r.ports != nil && !slices.ContainsFunc(r.ports, func(p portMatch) bool { return p.matches(port) }) {
		return false, ""
	}
	if r.peers == nil {
		return true, ""
	}
	var unknown string
	for _, match := range r.peers {
		ok, why := match(peer)
		if ok {
			return true, ""
		}
		if why != "" && unknown == "" {
			unknown = why
		}
	}
	return false, unknown
}

// Flows returns every flow of the model, sorted by source, destination and
// port: between the tree's workloads on the ports each destination exposes,
// and with the outside peers the model's policies name.
func (m *Model) Flows() []Flow {
	return m.flows(m.peers(nil))
}

// peers is every endpoint of the model: the tree's workloads, then the
// outside peers of the model's policies and of others.
func (m *Model) peers(others []*Model) []*endpoint {
	eps := slices.Clone(m.workloads)
	outside := m.outside
	for _, o := range others {
		outside = append(outside, o.outside...)
	}
	return append(eps, m.outsideEndpoints(outside)...)
}

func (m *Model) flows(eps []*endpoint) []Flow {
	ports := 0
	for _, e := range eps {
		ports += len(e.ports)
	}
	flows := make([]Flow, 0, len(eps)*ports)
	for _, src := range eps {
		if src.peer.Kind == PeerFQDN {
			continue // a name is only ever a destination
		}
		for _, dst := range eps {
			if !src.isWorkload() && !dst.isWorkload() {
				continue
			}
			for _, port := range dst.ports {
				flows = append(flows, Flow{From: src.peer, To: dst.peer, Port: port, Result: m.decide(src, dst, port)})
			}
		}
	}
	return flows
}

// endpoint returns the model's endpoint for a peer, or one built for a
// peer the model does not name.
func (m *Model) endpoint(p Peer, eps []*endpoint) *endpoint {
	if eps == nil {
		eps = m.peers(nil)
	}
	for _, e := range eps {
		if e.peer == p {
			return e
		}
	}
	for _, e := range m.outsideEndpoints([]outsidePeer{{peer: p}}) {
		if e.peer == p {
			return e
		}
	}
	return &endpoint{peer: p} // a CIDR that does not parse holds no address
}

// workloadEndpoints are the tree's workloads as endpoints.
func workloadEndpoints(t *tree.Tree) []*endpoint {
	var eps []*endpoint
	for _, w := range t.Workloads {
		e := &endpoint{
			peer:     Peer{Kind: PeerWorkload, Namespace: w.Namespace, Name: w.Name},
			labels:   w.PodLabels,
			nsLabels: namespaceLabels(t, w.Namespace),
		}
		for _, p := range w.Ports {
			port := Port{Number: p.Port, Name: p.Name, Protocol: cmp.Or(p.Protocol, "TCP")}
			if !slices.Contains(e.ports, port) {
				e.ports = append(e.ports, port)
			}
		}
		if len(e.ports) == 0 {
			// A workload that declares no port may listen on any.
			e.ports = []Port{{Protocol: "TCP"}}
		}
		eps = append(eps, e)
	}
	return eps
}

// namespaceLabels are a namespace's labels as the API server keeps them:
// with kubernetes.io/metadata.name, which it sets on every namespace.
func namespaceLabels(t *tree.Tree, name string) map[string]string {
	labels := map[string]string{"kubernetes.io/metadata.name": name}
	if ns, ok := t.Namespace(name); ok {
		for k, v := range ns.Labels {
			labels[k] = v
		}
	}
	return labels
}

func sortedUnique(s []string) []string {
	switch len(s) {
	case 0:
		return nil
	case 1:
		return s
	}
	s = slices.Clone(s)
	slices.Sort(s)
	return slices.Compact(s)
}

func (p Peer) compare(q Peer) int {
	return cmp.Or(cmp.Compare(p.Kind, q.Kind), cmp.Compare(p.Namespace, q.Namespace), cmp.Compare(p.Name, q.Name), cmp.Compare(p.Value, q.Value))
}

func (p Port) compare(q Port) int {
	// every port (0) last
	if (p.Number == 0) != (q.Number == 0) {
		if p.Number == 0 {
			return 1
		}
		return -1
	}
	return cmp.Or(cmp.Compare(p.Number, q.Number), cmp.Compare(p.Protocol, q.Protocol))
}

func errorf(ref, format string, args ...any) error {
	return fmt.Errorf("%s: %s", ref, fmt.Sprintf(format, args...))
}
