package semantic

import (
	"slices"
	"strings"

	"github.com/kunerva/kunerva/internal/policy"
)

// ciliumKey drops the label source Cilium puts in front of a key: k8s:app and
// app select the same pods (a key without a source means any:).
func ciliumKey(k string) string {
	if source, key := policy.CiliumLabelKey(k); source == "k8s" || source == "any" {
		return key
	}
	return k
}

// ciliumRuleFields are the rule fields read by addCiliumRule; any other field
// is compared verbatim.
var ciliumRuleFields = map[string]bool{
	"endpointSelector": true, "nodeSelector": true, "ingress": true, "egress": true,
	"ingressDeny": true, "egressDeny": true, "enableDefaultDeny": true,
	// Free text and Hubble log tags change nothing that is allowed.
	"description": true, "labels": true, "log": true,
}

// addCilium turns a CiliumNetworkPolicy or CiliumClusterwideNetworkPolicy
// (spec and every item of specs) into atoms:
//
//	default deny ingress
//	ingress from endpoints{app=web} port 80/TCP http{method=GET path=/public}
//	deny egress to cidr{10.0.0.0/8} any port
func addCilium(s policySet, o object, k policy.Kind) {
	ns := o.namespace
	if o.kind == "CiliumClusterwideNetworkPolicy" {
		ns = ""
	}
	scope := ciliumScope{ns: ns, clusterwide: o.kind == "CiliumClusterwideNetworkPolicy"}
	for _, sp := range policy.Specs(k, o.body) {
		addCiliumRule(s, o, scope, sp)
	}
}

// ciliumScope is what Cilium needs to know to complete an endpoint selector:
// the policy's namespace (empty when unknown or cluster-wide).
type ciliumScope struct {
	ns          string
	clusterwide bool
}

func addCiliumRule(s policySet, o object, scope ciliumScope, sp policy.Spec) {
	rule, ok := sp.Value.(map[string]any)
	if !ok {
		s.add(o.key("(no selector)"), "rule "+canonical(sp.Value))
		return
	}
	var subj string
	switch {
	case rule["endpointSelector"] != nil:
		sel := parseSelector(rule["endpointSelector"], ciliumKey)
		if scope.ns != "" {
			// Cilium pins the subject to the policy's namespace.
			sel = sel.without(policy.CiliumNamespace, scope.ns)
		}
		subj = subject(sel, "pods")
	case rule["nodeSelector"] != nil:
		subj = subject(parseSelector(rule["nodeSelector"], ciliumKey), "nodes")
	default:
		subj = "(no selector)"
	}
	key := o.key(subj)

	dd := mapOf(rule["enableDefaultDeny"])
	for _, dir := range []string{"ingress", "egress"} {
		deny := len(listOf(rule[dir])) > 0 || len(listOf(rule[dir+"Deny"])) > 0
		if v, ok := truth(dd[dir]); ok {
			deny = v
		}
		if deny {
			s.add(key, "default deny "+dir)
		}
	}
	if v := rule["enableDefaultDeny"]; v != nil && dd == nil {
		s.add(key, "enableDefaultDeny "+canonical(v))
	}
	for _, k := range sortedKeys(dd) {
		if k != "ingress" && k != "egress" {
			s.add(key, "enableDefaultDeny."+k+" "+canonical(dd[k]))
		}
	}

	addCiliumRules(s, key, scope, "ingress from", "from", rulesOf(sp, false, false))
	addCiliumRules(s, key, scope, "egress to", "to", rulesOf(sp, true, false))
	addCiliumRules(s, key, scope, "deny ingress from", "from", rulesOf(sp, false, true))
	addCiliumRules(s, key, scope, "deny egress to", "to", rulesOf(sp, true, true))
	for _, k := range sortedKeys(rule) {
		if !ciliumRuleFields[k] {
			s.add(key, k+" "+canonical(rule[k]))
		}
	}
}

// addCiliumRules expands each rule into peers x (ports and ICMP types). A rule
// with neither peers nor ports allows nothing: it only switches the direction
// into default deny, which addCiliumRule has recorded already.
func addCiliumRules(s policySet, key policyKey, scope ciliumScope, dir, side string, rules []policy.Rule) {
	for _, r := range rules {
		rule, ok := r.Value.(map[string]any)
		if !ok && r.Value != nil {
			s.add(key, dir+" rule "+canonical(r.Value))
			continue
		}
		var peers, l4 []string
		var suffix string
		for _, field := range sortedKeys(rule) {
			v := rule[field]
			switch field {
			case "toPorts":
				l4 = append(l4, ciliumPorts(v)...)
			case "icmps":
				l4 = append(l4, ciliumICMPs(v)...)
			case "authentication":
				suffix += " authentication" + canonical(v)
			default:
				peers = append(peers, ciliumPeers(field, strings.TrimPrefix(field, side), v, scope)...)
			}
		}
		if len(peers) == 0 && len(l4) == 0 {
			continue
		}
		if len(peers) == 0 {
			peers = []string{"any peer"}
		}
		if len(l4) == 0 {
			l4 = []string{"any port"}
		}
		for _, peer := range peers {
			for _, port := range l4 {
				s.add(key, dir+" "+peer+" "+port+suffix)
			}
		}
	}
}

// ciliumPeers prints the peers of one selector field; name is the field
// without its from/to prefix, so fromCIDR and toCIDR read alike.
func ciliumPeers(field, name string, v any, scope ciliumScope) []string {
	items, ok := v.([]any)
	if !ok {
		if v == nil {
			return nil
		}
		return []string{field + "{" + canonical(v) + "}"}
	}
	var peers []string
	for _, item := range items {
		switch name {
		case "Endpoints":
			for _, sel := range parseSelector(item, ciliumKey).alternatives() {
				peers = append(peers, "endpoints{"+scope.peer(sel).String()+"}")
			}
		case "Nodes":
			peers = append(peers, "nodes{"+parseSelector(item, ciliumKey).String()+"}")
		case "Entities":
			peers = append(peers, "entity{"+scalar(item)+"}")
		case "CIDR":
			peers = append(peers, "cidr{"+normalCIDR(scalar(item))+"}")
		case "CIDRSet":
			peers = append(peers, cidrSet(item))
		case "FQDNs":
			peers = append(peers, "fqdn{"+fqdn(item)+"}")
		default:
			peers = append(peers, field+"{"+canonical(item)+"}")
		}
	}
	return peers
}

// peer completes an endpoint selector the way Cilium does: in a namespaced
// policy a selector with no namespace (and no namespace-label) term means the
// policy's own namespace, and in a cluster-wide policy it means any
// namespace, which Cilium spells "namespace exists". The canonical form
// leaves that implied term out, so writing it explicitly changes nothing.
func (c ciliumScope) peer(sel selector) selector {
	var nsTerms []requirement
	nsLabels := false
	for _, r := range sel {
		switch {
		case strings.HasPrefix(r.key, "reserved:"):
			return sel
		case r.key == policy.CiliumNamespace:
			nsTerms = append(nsTerms, r)
		case strings.HasPrefix(r.key, policy.CiliumNamespaceLabels):
			nsLabels = true
		}
	}
	if len(nsTerms) != 1 || nsLabels {
		return sel
	}
	t := nsTerms[0]
	implied := (c.clusterwide && t.op == "Exists") ||
		(!c.clusterwide && c.ns != "" && t.op == "In" && slices.Equal(t.values, []string{c.ns}))
	if !implied {
		return sel
	}
	return slices.DeleteFunc(slices.Clone(sel), func(r requirement) bool { return r.key == policy.CiliumNamespace })
}

// cidrSet prints a CIDRRule; one with only cidr (and except) reads like the
// same CIDR in fromCIDR/toCIDR.
func cidrSet(item any) string {
	m := mapOf(item)
	if _, ok := m["cidr"]; ok && (len(m) == 1 || (len(m) == 2 && m["except"] != nil)) {
		return "cidr{" + cidrRange(m["cidr"], m["except"]) + "}"
	}
	return "cidrSet{" + canonical(item) + "}"
}

// fqdn prints an FQDN selector. Cilium lower-cases names and patterns and
// treats a trailing dot as implied.
func fqdn(item any) string {
	m, ok := item.(map[string]any)
	if !ok {
		return canonical(item)
	}
	var parts []string
	for _, k := range sortedKeys(m) {
		switch k {
		case "matchName":
			parts = append(parts, "name="+dnsName(m[k]))
		case "matchPattern":
			parts = append(parts, "pattern="+dnsName(m[k]))
		default:
			parts = append(parts, k+"="+canonical(m[k]))
		}
	}
	return strings.Join(parts, " ")
}

func dnsName(v any) string {
	return strings.TrimSuffix(strings.ToLower(scalar(v)), ".")
}
