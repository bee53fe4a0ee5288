package connectivity

import (
	"fmt"
	"strings"

	networkingv1 "k8s.io/api/networking/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"sigs.k8s.io/yaml"

	"github.com/kunerva/kunerva/internal/policy"
	"github.com/kunerva/kunerva/internal/tree"
)

// explainNetworkPolicy says what a NetworkPolicy does, direction by
// direction: isolation, then each rule.
func explainNetworkPolicy(o tree.Object) ([]string, error) {
	var np networkingv1.NetworkPolicy
	if err := yaml.Unmarshal(o.YAML, &np); err != nil {
		return nil, errorf(ref(o), "read: %v", err)
	}
	out := []string{fmt.Sprintf("It applies to %s in namespace %s.", selectorText(&np.Spec.PodSelector, "pods"), o.Namespace)}
	types := np.Spec.PolicyTypes
	if len(types) == 0 {
		types = []networkingv1.PolicyType{networkingv1.PolicyTypeIngress}
		if len(np.Spec.Egress) > 0 {
			types = append(types, networkingv1.PolicyTypeEgress)
		}
	}
	for _, t := range types {
		egress := t == networkingv1.PolicyTypeEgress
		dir, prep := "incoming", "from"
		if egress {
			dir, prep = "outgoing", "to"
		}
		var rules []string
		if egress {
			for _, r := range np.Spec.Egress {
				rules = append(rules, "It allows "+dir+" traffic "+prep+" "+npPeersText(r.To, o.Namespace)+portsText(npPorts(r.Ports))+".")
			}
		} else {
			for _, r := range np.Spec.Ingress {
				rules = append(rules, "It allows "+dir+" traffic "+prep+" "+npPeersText(r.From, o.Namespace)+portsText(npPorts(r.Ports))+".")
			}
		}
		if len(rules) == 0 {
			out = append(out, "It denies all "+dir+" traffic of these pods (default deny), unless another policy allows it.")
			continue
		}
		out = append(out, "Their "+dir+" traffic is denied unless this or another policy allows it:")
		out = append(out, rules...)
	}
	return out, nil
}

// npPeersText says who a rule's peers are.
func npPeersText(peers []networkingv1.NetworkPolicyPeer, ns string) string {
	if len(peers) == 0 {
		return "anywhere"
	}
	var out []string
	for _, p := range peers {
		switch {
		case p.IPBlock != nil:
			s := "addresses in " + p.IPBlock.CIDR
			if len(p.IPBlock.Except) > 0 {
				s += " except " + joinAnd(p.IPBlock.Except)
			}
			out = append(out, s)
		case p.NamespaceSelector == nil:
			out = append(out, selectorText(p.PodSelector, "pods")+" in namespace "+ns)
		case p.PodSelector == nil:
			out = append(out, "every pod in "+namespacesText(p.NamespaceSelector))
		default:
			out = append(out, selectorText(p.PodSelector, "pods")+" in "+namespacesText(p.NamespaceSelector))
		}
	}
	return joinOr(out)
}

// explainCilium says what a Cilium policy does, spec by spec.
func explainCilium(o tree.Object) ([]string, error) {
	specs, err := ciliumSpecs(o)
	if err != nil {
		return nil, err
	}
	cluster := o.Kind == "CiliumClusterwideNetworkPolicy"
	var out []string
	for _, s := range specs {
		switch {
		case s.NodeSelector != nil:
			out = append(out, "It applies to "+selectorText(s.NodeSelector, "nodes")+" (a host policy).")
		case cluster:
			out = append(out, "It applies to "+selectorText(s.EndpointSelector, "pods")+" in every namespace.")
		default:
			out = append(out, fmt.Sprintf("It applies to %s in namespace %s.", selectorText(s.EndpointSelector, "pods"), o.Namespace))
		}
		for _, d := range []struct {
			dir, prep   string
			allow, deny []ciliumRule
			defaultDeny *bool
			egress      bool
		}{
			{"incoming", "from", s.Ingress, s.IngressDeny, s.EnableDefaultDeny.Ingress, false},
			{"outgoing", "to", s.Egress, s.EgressDeny, s.EnableDefaultDeny.Egress, true},
		} {
			if len(d.allow) == 0 && len(d.deny) == 0 {
				continue
			}
			if d.defaultDeny == nil || *d.defaultDeny {
				out = append(out, "Their "+d.dir+" traffic is denied unless this or another policy allows it (default deny).")
			} else {
				out = append(out, "It does not turn on default deny for "+d.dir+" traffic: what no rule denies stays allowed.")
			}
			for _, r := range d.deny {
				out = append(out, "It denies "+d.dir+" traffic "+d.prep+" "+ciliumPeersText(r, d.egress, cluster)+portsText(ciliumPorts(r))+", whatever any policy allows.")
			}
			for _, r := range d.allow {
				s := "It allows " + d.dir + " traffic " + d.prep + " " + ciliumPeersText(r, d.egress, cluster) + portsText(ciliumPorts(r))
				var l7 []string
				for _, pr := range r.ToPorts {
					l7 = append(l7, l7Text(pr)...)
				}
				if len(l7) > 0 {
					s += ", only for " + joinAnd(l7)
				}
				if !ciliumHasPeers(r, d.egress) && len(r.ToPorts) == 0 && len(r.ICMPs) == 0 {
					s = "It has an empty " + d.dir + " rule, which allows nothing"
				}
				out = append(out, s+".")
			}
		}
	}
	return out, nil
}

func ciliumHasPeers(r ciliumRule, egress bool) bool {
	if egress {
		return len(r.ToEndpoints)+len(r.ToEntities)+len(r.ToCIDR)+len(r.ToCIDRSet)+len(r.ToFQDNs)+len(r.ToServices)+len(r.ToRequires)+len(r.ToNodes)+len(r.ToGroups) > 0
	}
	return len(r.FromEndpoints)+len(r.FromEntities)+len(r.FromCIDR)+len(r.FromCIDRSet)+len(r.FromRequires)+len(r.FromNodes)+len(r.FromGroups) > 0
}

// ciliumPeersText says who a Cilium rule's peers are.
func ciliumPeersText(r ciliumRule, egress, cluster bool) string {
	endpoints, entities, cidrs, sets := r.FromEndpoints, r.FromEntities, r.FromCIDR, r.FromCIDRSet
	if egress {
		endpoints, entities, cidrs, sets = r.ToEndpoints, r.ToEntities, r.ToCIDR, r.ToCIDRSet
	}
	var out []string
	for _, sel := range endpoints {
		out = append(out, ciliumSelectorText(sel, cluster))
	}
	for _, e := range entities {
		out = append(out, entityText(e))
	}
	for _, c := range cidrs {
		out = append(out, "addresses in "+c)
	}
	for _, c := range sets {
		s := "addresses in " + c.CIDR
		if c.CIDRGroupRef != "" {
			s = "the addresses of the CIDR group " + c.CIDRGroupRef
		}
		if len(c.Except) > 0 {
			s += " except " + joinAnd(c.Except)
		}
		out = append(out, s)
	}
	if egress {
		for _, f := range r.ToFQDNs {
			if f.MatchName != "" {
				out = append(out, f.MatchName)
			} else {
				out = append(out, "names matching "+f.MatchPattern)
			}
		}
		if len(r.ToServices) > 0 {
			out = append(out, "the Services its toServices lists")
		}
	}
	if len(out) == 0 {
		return "anywhere"
	}
	return joinOr(out)
}

// namespacesText says which namespaces a selector selects: "namespace
// shop" for the name label alone.
func namespacesText(s *metav1.LabelSelector) string {
	if name, ok := s.MatchLabels["kubernetes.io/metadata.name"]; ok && len(s.MatchLabels) == 1 && len(s.MatchExpressions) == 0 {
		return "namespace " + name
	}
	return selectorText(s, "namespaces")
}

// ciliumSelectorText says which pods a Cilium endpoint selector of a peer
// selects: label sources dropped, the namespace labels said as namespaces.
func ciliumSelectorText(sel metav1.LabelSelector, cluster bool) string {
	pods := metav1.LabelSelector{MatchExpressions: sel.MatchExpressions}
	namespaces := metav1.LabelSelector{}
	where := "in the same namespace"
	if cluster {
		where = "in any namespace"
	}
	for k, v := range sel.MatchLabels {
		_, key := policy.CiliumLabelKey(k)
		switch {
		case key == policy.CiliumNamespace:
			where = "in namespace " + v
		case strings.HasPrefix(key, policy.CiliumNamespaceLabels):
			if namespaces.MatchLabels == nil {
				namespaces.MatchLabels = map[string]string{}
			}
			namespaces.MatchLabels[strings.TrimPrefix(key, policy.CiliumNamespaceLabels)] = v
		default:
			if pods.MatchLabels == nil {
				pods.MatchLabels = map[string]string{}
			}
			pods.MatchLabels[key] = v
		}
	}
	if len(namespaces.MatchLabels) > 0 {
		where = "in " + selectorText(&namespaces, "namespaces")
	}
	return selectorText(&pods, "pods") + " " + where
}

// entityText names a Cilium entity in words.
func entityText(e string) string {
	switch strings.ToLower(e) {
	case "world", "world-ipv4", "world-ipv6":
		return "anywhere outside the cluster (world)"
	case "cluster":
		return "anything in the cluster"
	case "all":
		return "anywhere"
	case "host":
		return "the pod's own node (host)"
	case "remote-node":
		return "the other nodes (remote-node)"
	case "kube-apiserver":
		return "the Kubernetes API server"
	}
	return "the entity " + e
}
