package semantic

import (
	"net/netip"
	"strings"

	"github.com/kunerva/kunerva/internal/policy"
)

// metadataName is the label Kubernetes puts on every namespace.
const metadataName = "kubernetes.io/metadata.name"

// addNetworkPolicy turns a networking.k8s.io NetworkPolicy into atoms:
//
//	isolated ingress
//	ingress from pods{app=web} port 80/TCP
//	egress to ipBlock{10.0.0.0/8 except 10.1.0.0/16} any port
//
// Every direction the policy covers gets its "isolated" atom, so a policy that
// only isolates, merged with one that allows, equals the allowing policy
// alone, exactly as Kubernetes unions them.
func addNetworkPolicy(s policySet, o object, k policy.Kind) {
	sp := policy.Specs(k, o.body)[0]
	spec := sp.Map()
	key := o.key(subject(parseSelector(spec["podSelector"], nil), "pods"))
	for _, t := range policyTypes(spec) {
		switch t {
		case "Ingress":
			s.add(key, "isolated ingress")
			addNetworkRules(s, key, "ingress from", rulesOf(sp, false, false), o.namespace)
		case "Egress":
			s.add(key, "isolated egress")
			addNetworkRules(s, key, "egress to", rulesOf(sp, true, false), o.namespace)
		default:
			s.add(key, "policyType "+t)
		}
	}
}

// rulesOf are the spec's rules of one direction.
func rulesOf(sp policy.Spec, egress, deny bool) []policy.Rule {
	var rules []policy.Rule
	for _, r := range sp.Rules {
		if r.Egress == egress && r.Deny == deny {
			rules = append(rules, r)
		}
	}
	return rules
}

// policyTypes defaults the way the API server does: when the list is empty,
// Ingress, plus Egress if there are egress rules. Rules for a direction the
// list leaves out have no effect.
func policyTypes(spec map[string]any) []string {
	var types []string
	for _, t := range listOf(spec["policyTypes"]) {
		types = append(types, scalar(t))
	}
	if len(types) > 0 {
		return sortedSet(types)
	}
	if len(listOf(spec["egress"])) > 0 {
		return []string{"Egress", "Ingress"}
	}
	return []string{"Ingress"}
}

// addNetworkRules expands each rule into peers x ports. No peers means every
// peer, no ports every port.
func addNetworkRules(s policySet, key policyKey, dir string, rules []policy.Rule, ns string) {
	for _, r := range rules {
		rule, ok := r.Value.(map[string]any)
		if !ok && r.Value != nil {
			s.add(key, dir+" rule "+canonical(r.Value))
			continue
		}
		peers := []string{"any peer"}
		if list := listOf(rule[r.Peers(policy.FamilyNetworkPolicy)]); len(list) > 0 {
			peers = peers[:0]
			for _, p := range list {
				peers = append(peers, networkPeers(p, ns)...)
			}
		}
		ports := []string{"any port"}
		if list := listOf(rule["ports"]); len(list) > 0 {
			ports = ports[:0]
			for _, p := range list {
				ports = append(ports, networkPort(p))
			}
		}
		for _, peer := range peers {
			for _, port := range ports {
				s.add(key, dir+" "+peer+" "+port)
			}
		}
	}
}

// networkPeers prints one peer, as the peers its selectors' alternatives
// make. A peer without namespaceSelector is in the policy's own namespace,
// and so is one whose namespaceSelector picks exactly that namespace by
// name; `namespaceSelector: {}` is every namespace.
func networkPeers(p any, ns string) []string {
	m, ok := p.(map[string]any)
	if !ok {
		return []string{"peer " + canonical(p)}
	}
	ipBlock, pods, namespaces := m["ipBlock"], m["podSelector"], m["namespaceSelector"]
	if len(m) == 1 && ipBlock != nil {
		b := mapOf(ipBlock)
		if b == nil {
			return []string{"ipBlock{" + canonical(ipBlock) + "}"}
		}
		return []string{"ipBlock{" + cidrRange(b["cidr"], b["except"]) + "}"}
	}
	if ipBlock != nil || (pods == nil && namespaces == nil) {
		return []string{"peer " + canonical(p)}
	}
	var out []string
	for _, podSel := range parseSelector(pods, nil).alternatives() {
		peer := "pods{" + podSel.String() + "}"
		if namespaces == nil {
			out = append(out, peer)
			continue
		}
		for _, nsSel := range parseSelector(namespaces, nil).alternatives() {
			if ns != "" && nsSel.only(metadataName, ns) {
				out = append(out, peer)
			} else {
				out = append(out, peer+" in namespaces{"+nsSel.String()+"}")
			}
		}
	}
	return out
}

// cidrRange prints a CIDR with its exceptions, e.g. "10.0.0.0/8 except
// 10.1.0.0/16,10.2.0.0/16".
func cidrRange(cidr, except any) string {
	out := normalCIDR(scalar(cidr))
	var ex []string
	for _, e := range listOf(except) {
		ex = append(ex, normalCIDR(scalar(e)))
	}
	if except != nil && listOf(except) == nil {
		ex = append(ex, canonical(except))
	}
	if len(ex) > 0 {
		out += " except " + strings.Join(sortedSet(ex), ",")
	}
	return out
}

// normalCIDR masks the host bits (10.0.0.1/8 is the network 10.0.0.0/8) and
// reads a bare address as a single-host prefix.
func normalCIDR(s string) string {
	if p, err := netip.ParsePrefix(s); err == nil {
		return p.Masked().String()
	}
	if a, err := netip.ParseAddr(s); err == nil {
		return netip.PrefixFrom(a, a.BitLen()).String()
	}
	return s
}

// networkPort prints one NetworkPolicyPort: "port 8443/TCP", "port
// 8000-9000/TCP", "port http/TCP", or "port */UDP" for every port of a
// protocol. The protocol defaults to TCP.
func networkPort(p any) string {
	m, ok := p.(map[string]any)
	if !ok {
		return "port " + canonical(p)
	}
	proto := scalar(m["protocol"])
	if proto == "" {
		proto = "TCP"
	}
	if m["port"] == nil {
		return "port */" + proto
	}
	return "port " + portRange(m["port"], m["endPort"]) + "/" + proto
}

// portRange prints port or port-endPort; an endPort equal to the port adds
// nothing.
func portRange(port, endPort any) string {
	txt := scalar(port)
	if end := scalar(endPort); endPort != nil && end != txt {
		txt += "-" + end
	}
	return txt
}
