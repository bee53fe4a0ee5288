package connectivity

import (
	"net/netip"
	"slices"
	"strings"

	networkingv1 "k8s.io/api/networking/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/labels"
	"sigs.k8s.io/yaml"

	"github.com/kunerva/kunerva/internal/tree"
)

// parseNetworkPolicy reads a NetworkPolicy as the API documents it: its
// pod selector in its namespace, the directions of its policy types
// (Ingress always when none is given, Egress when it has egress rules),
// peers ORed across the list and namespaceSelector ANDed with podSelector
// within one, ipBlock with except for addresses outside the cluster.
func (m *Model) parseNetworkPolicy(o tree.Object) error {
	r := ref(o)
	var np networkingv1.NetworkPolicy
	if err := yaml.Unmarshal(o.YAML, &np); err != nil {
		return errorf(r, "read: %v", err)
	}
	ns := o.Namespace
	subject, err := metav1.LabelSelectorAsSelector(&np.Spec.PodSelector)
	if err != nil {
		return errorf(r, "spec.podSelector: %v", err)
	}
	p := &netPolicy{ref: r, subject: func(e *endpoint) bool {
		return e.isWorkload() && e.peer.Namespace == ns && subject.Matches(labels.Set(e.labels))
	}}
	types := np.Spec.PolicyTypes
	if len(types) == 0 {
		types = []networkingv1.PolicyType{networkingv1.PolicyTypeIngress}
		if len(np.Spec.Egress) > 0 {
			types = append(types, networkingv1.PolicyTypeEgress)
		}
	}
	p.isolates = [2]bool{slices.Contains(types, networkingv1.PolicyTypeIngress), slices.Contains(types, networkingv1.PolicyTypeEgress)}
	if p.isolates[0] {
		for _, in := range np.Spec.Ingress {
			rule, err := m.npRule(r, ns, in.From, in.Ports, false)
			if err != nil {
				return err
			}
			p.rules = append(p.rules, rule)
		}
	}
	if p.isolates[1] {
		for _, out := range np.Spec.Egress {
			rule, err := m.npRule(r, ns, out.To, out.Ports, true)
			if err != nil {
				return err
			}
			p.rules = append(p.rules, rule)
		}
	}
	m.net.policies = append(m.net.policies, p)
	return nil
}

func (m *Model) npRule(r, ns string, peers []networkingv1.NetworkPolicyPeer, ports []networkingv1.NetworkPolicyPort, egress bool) (netRule, error) {
	rule := netRule{egress: egress, ports: npPorts(ports)}
	var outside []Peer
	for _, peer := range peers {
		match, err := m.npPeer(r, ns, peer)
		if err != nil {
			return rule, err
		}
		if match == nil {
			continue
		}
		rule.peers = append(rule.peers, match)
		if peer.IPBlock != nil {
			outside = append(outside, cidrPeers(peer.IPBlock.CIDR, peer.IPBlock.Except)...)
		}
	}
	if len(peers) > 0 && rule.peers == nil {
		rule.peers = []peerMatch{} // peers that hold nothing: the rule allows nothing
	}
	if egress {
		m.addOutside(outside, rule.ports)
	} else {
		m.addOutside(outside, nil)
	}
	return rule, nil
}

// npPorts reads a rule's ports: TCP unless a protocol is given, a number or
// a name, a range with endPort; none means every port.
func npPorts(ports []networkingv1.NetworkPolicyPort) []portMatch {
	var out []portMatch
	for _, port := range ports {
		pm := portMatch{protocol: "TCP"}
		if port.Protocol != nil {
			pm.protocol = strings.ToUpper(string(*port.Protocol))
		}
		if port.Port != nil {
			if port.Port.StrVal != "" {
				pm.name = port.Port.StrVal
			} else {
				pm.number = port.Port.IntVal
			}
		}
		if port.EndPort != nil {
			pm.end = *port.EndPort
		}
		out = append(out, pm)
	}
	return out
}

// npPeer reads one peer of a NetworkPolicy rule.
func (m *Model) npPeer(r, ns string, peer networkingv1.NetworkPolicyPeer) (peerMatch, error) {
	if peer.IPBlock != nil {
		block, err := netip.ParsePrefix(peer.IPBlock.CIDR)
		if err != nil {
			return nil, errorf(r, "ipBlock.cidr %q: %v", peer.IPBlock.CIDR, err)
		}
		except, err := parsePrefixes(r, peer.IPBlock.Except)
		if err != nil {
			return nil, err
		}
		return cidrMatch(block, except), nil
	}
	if peer.PodSelector == nil && peer.NamespaceSelector == nil {
		return nil, nil
	}
	pods := labels.Everything()
	if peer.PodSelector != nil {
		s, err := metav1.LabelSelectorAsSelector(peer.PodSelector)
		if err != nil {
			return nil, errorf(r, "podSelector: %v", err)
		}
		pods = s
	}
	var namespaces labels.Selector
	if peer.NamespaceSelector != nil {
		s, err := metav1.LabelSelectorAsSelector(peer.NamespaceSelector)
		if err != nil {
			return nil, errorf(r, "namespaceSelector: %v", err)
		}
		namespaces = s
	}
	return func(e *endpoint) (bool, string) {
		if !e.isWorkload() || !pods.Matches(labels.Set(e.labels)) {
			return false, ""
		}
		if namespaces == nil {
			return e.peer.Namespace == ns, ""
		}
		return namespaces.Matches(labels.Set(e.nsLabels)), ""
	}, nil
}

func parsePrefixes(r string, cidrs []string) ([]netip.Prefix, error) {
	var out []netip.Prefix
	for _, c := range cidrs {
		p, err := netip.ParsePrefix(c)
		if err != nil {
			return nil, errorf(r, "CIDR %q: %v", c, err)
		}
		out = append(out, p.Masked())
	}
	return out, nil
}

// cidrMatch holds the world and CIDR peers whose address is in block but in
// no except. Pods are never held: Cilium gives them identities, not
// addresses. A DNS name may resolve anywhere: only a block of every address
// holds it for sure.
func cidrMatch(block netip.Prefix, except []netip.Prefix) peerMatch {
	block = block.Masked()
	return func(e *endpoint) (bool, string) {
		switch e.peer.Kind {
		case PeerWorld, PeerCIDR:
			return block.Contains(e.addr) && !slices.ContainsFunc(except, func(p netip.Prefix) bool { return p.Contains(e.addr) }), ""
		case PeerFQDN:
			if block.Bits() == 0 && len(except) == 0 {
				return true, ""
			}
			return false, "whether the addresses of " + e.peer.Value + " are in " + block.String() + " depends on DNS"
		}
		return false, ""
	}
}

// cidrPeers are the outside peers a CIDR and its exceptions name; a block
// of every address is the world.
func cidrPeers(cidr string, except []string) []Peer {
	var out []Peer
	for _, c := range append([]string{cidr}, except...) {
		p, err := netip.ParsePrefix(c)
		switch {
		case err != nil:
		case p.Bits() == 0:
			out = append(out, Peer{Kind: PeerWorld})
		default:
			out = append(out, Peer{Kind: PeerCIDR, Value: p.Masked().String()})
		}
	}
	return out
}

// addOutside records outside peers a rule names, with the numbered ports
// the rule gives them.
func (m *Model) addOutside(peers []Peer, ports []portMatch) {
	var ps []Port
	for _, p := range ports {
		if p.number == 0 || p.name != "" {
			continue
		}
		protos := []string{p.protocol}
		if p.protocol == "" || p.protocol == "ANY" {
			protos = []string{"TCP", "UDP"}
		}
		for _, proto := range protos {
			ps = append(ps, Port{Number: p.number, Protocol: proto})
		}
	}
	for _, peer := range peers {
		m.outside = append(m.outside, outsidePeer{peer: peer, ports: ps})
	}
}
