package validate

import (
	"net/netip"
	"strings"
	"unicode"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/labels"
	"k8s.io/apimachinery/pkg/selection"

	"github.com/kunerva/kunerva/internal/policy"
)

// CheckWidensAccess is the check of the findings that say a policy widens
// access (policy.Widenings): warnings, or errors for the ways Config.Forbid
// names.
const CheckWidensAccess = "widens-access"

// HasWidening reports whether any finding says a policy widens access.
func HasWidening(findings []Finding) bool {
	for _, f := range findings {
		if f.Check == CheckWidensAccess {
			return true
		}
	}
	return false
}

// checkWidens reports, once each, what in a policy widens access: a
// cluster-scoped kind, and in allow rules every peer, every address,
// Cilium's world, and peers in every namespace. Deny rules only narrow, and
// KubeArmor's rules only restrict the workloads they select, so neither is
// read. A widening may be meant, so it is a warning unless the run forbids
// that way of widening.
func (c *checker) checkWidens(p *checkedPolicy) {
	if k, ok := policy.Named(p.kind); ok && k.Cluster {
		c.widensClusterWide(p, k)
	}
	for _, spec := range p.specs {
		for _, r := range spec.rules {
			if r.deny || r.body == nil {
				continue
			}
			switch p.family {
			case policy.FamilyNetworkPolicy:
				if enforced(spec, r) {
					c.widensNetworkRule(r)
				}
			case policy.FamilyCilium:
				c.widensCiliumRule(p, r)
			}
		}
	}
}

// widens reports one widening: an error when it is forbidden.
func (c *checker) widens(w policy.Widening, field, format string, args ...any) {
	if c.forbid[w] {
		c.errorf(CheckWidensAccess, field, format+"; forbidden (forbid: %s)", append(args, w)...)
		return
	}
	c.warnf(CheckWidensAccess, field, format, args...)
}

// widensClusterWide reports a cluster-scoped policy that allows something:
// what it allows reaches every namespace (or the nodes). One that only
// denies, blocks or audits narrows, and is not reported.
func (c *checker) widensClusterWide(p *checkedPolicy, k policy.Kind) {
	at := allowsAt(p)
	if at == "" {
		return
	}
	namespaced := ""
	for _, n := range policy.Kinds {
		if n.Family == k.Family && !n.Cluster {
			namespaced = n.Name
			break
		}
	}
	var spec policySpec
	if len(p.specs) > 0 {
		spec = p.specs[0]
	}
	if _, nodes := spec.body["nodeSelector"]; nodes || p.kind == "KubeArmorHostPolicy" {
		c.widens(policy.WideningClusterWide, "kind", "%s is cluster-scoped and what it allows (%s) governs nodes, every node its nodeSelector matches, whatever runs on them; keep nodeSelector to the nodes meant, or write a %s for the pods in their namespace",
			p.kind, at, namespaced)
		return
	}
	what, selector := "pods", "endpointSelector"
	if p.family == policy.FamilyKubeArmor {
		what, selector = "containers", "selector"
	}
	in := "the namespace it is for"
	if len(p.specs) == 1 && spec.subject != nil && len(spec.subject.nsNames) == 1 {
		in = "namespace " + spec.subject.nsNames[0]
	}
	c.widens(policy.WideningClusterWide, "kind", "%s is cluster-scoped, so what it allows (%s) reaches the %s its %s selects in every namespace, where a %s stays in its own; write a %s in %s instead",
		p.kind, at, what, selector, namespaced, namespaced, in)
}

// allowsAt is the field of a policy's first rule that allows something:
// a Cilium allow rule with a peer or a port (an empty one allows nothing),
// a KubeArmor rule whose action is Allow; "" when there is none.
func allowsAt(p *checkedPolicy) string {
	switch p.family {
	case policy.FamilyCilium:
		for _, spec := range p.specs {
			for _, r := range spec.rules {
				if !r.deny && (ciliumHasPeers(r) || ciliumHasPorts(r)) {
					return r.field
				}
			}
		}
	case policy.FamilyKubeArmor:
		spec := yamlMap(p.specs[0].body)
		specAction := yamlString(spec["action"])
		for _, sec := range kubeArmorSections {
			body := yamlMap(spec[sec.name])
			field := "spec." + sec.name
			for _, list := range sec.lists {
				for i, item := range yamlList(body[list]) {
					f := fieldAt(field+"."+list, i)
					if action, _ := ruleAction(yamlMap(item), f, field, yamlString(body["action"]), specAction); strings.EqualFold(action, "Allow") {
						return f
					}
				}
			}
		}
	}
	return ""
}

// enforced reports whether a NetworkPolicy enforces a rule's direction:
// policyTypes, when given, must name it.
func enforced(spec policySpec, r networkRule) bool {
	types, ok := spec.body["policyTypes"].([]any)
	if !ok {
		return true
	}
	want := map[bool]string{false: "Ingress", true: "Egress"}[r.egress]
	for _, t := range types {
		if yamlString(t) == want {
			return true
		}
	}
	return false
}

// widensNetworkRule reads an allow rule of a NetworkPolicy: no from (to) is
// every source (destination); an ipBlock may be every address, a
// namespaceSelector every namespace.
func (c *checker) widensNetworkRule(r networkRule) {
	side, peer, fields := "from", "source", "podSelector, namespaceSelector or ipBlock"
	if r.egress {
		side, peer = "to", "destination"
	}
	if v := r.body[side]; v == nil || isEmptyList(v) {
		c.widens(policy.WideningAllPeers, r.field, "the rule has no %s, so it allows every %s%s: every pod of every namespace and every address outside the cluster; list the %ss in %s (%s)",
			side, peer, rulePortsText(r), peer, side, fields)
		return
	}
	for j, item := range yamlList(r.body[side]) {
		field := fieldAt(r.field+"."+side, j)
		pm := yamlMap(item)
		if ip, ok := pm["ipBlock"]; ok {
			ipb := yamlMap(ip)
			c.widensCIDR(r, field+".ipBlock.cidr", yamlString(ipb["cidr"]), len(yamlList(ipb["except"])) > 0)
			continue
		}
		ns, ok := pm["namespaceSelector"]
		if !ok {
			continue
		}
		sel, err := metav1.LabelSelectorAsSelector(yamlLabelSelector(ns))
		if err != nil || !everyNamespace(sel) {
			continue
		}
		pods := "every pod of every namespace"
		if s, err := metav1.LabelSelectorAsSelector(yamlLabelSelector(pm["podSelector"])); err == nil && !s.Empty() {
			pods = "the pods " + s.String() + " of every namespace"
		}
		c.widens(policy.WideningAllNamespaces, field+".namespaceSelector", "%s selects every namespace, so the rule allows %s%s; name the namespaces, for example matchLabels: {%s: <namespace>}",
			selectorText(sel), pods, rulePortsText(r), namespaceNameLabel)
	}
}

// ciliumEntities are the Cilium entities that widen, what they allow, and
// how to narrow them, by direction (false: ingress).
var ciliumEntities = map[string]struct {
	widening policy.Widening
	allows   string
	narrow   map[bool]string
}{
	"all": {policy.WideningAllPeers, "every endpoint of the cluster and every address outside it",
		map[bool]string{false: "name the sources in fromEndpoints, fromEntities or fromCIDR", true: "name the destinations in toEndpoints, toFQDNs or toCIDR"}},
	"world": {policy.WideningWorld, "every address outside the cluster",
		map[bool]string{false: "name the clients' addresses in fromCIDR or fromCIDRSet", true: "name the destinations in toFQDNs, toCIDR or toCIDRSet"}},
	"cluster": {policy.WideningAllNamespaces, "every pod of every namespace and every node of the cluster",
		map[bool]string{false: "name the pods in fromEndpoints", true: "name the pods in toEndpoints"}},
}

// widensCiliumRule reads an allow rule of a Cilium policy. Unlike a
// NetworkPolicy, a Cilium rule without any peer field allows nothing, unless
// it names ports or ICMP types: then it allows every peer on them.
func (c *checker) widensCiliumRule(p *checkedPolicy, r networkRule) {
	side := "from"
	if r.egress {
		side = "to"
	}
	peerField := side + "Endpoints"
	if !ciliumHasPeers(r) && ciliumHasPorts(r) {
		e, has := ciliumEntities["all"], "ports"
		if len(yamlList(r.body["toPorts"])) == 0 {
			has = "ICMP types"
		}
		c.widens(policy.WideningAllPeers, r.field, "the rule has %s but no %s field, so Cilium allows %s%s; %s",
			has, side, e.allows, rulePortsText(r), e.narrow[r.egress])
	}
	for j, s := range r.peers {
		if s.opaque || s.nsNames != nil || s.nsSel != nil && !everyNamespace(s.nsSel) {
			continue
		}
		pods := "every pod of every namespace"
		if s.text != "" {
			pods = "the pods " + s.text + " of every namespace"
		}
		why := ""
		if p.namespace == "" {
			why = " (the peers of a cluster-wide policy are in any namespace unless they name one)"
		}
		c.widens(policy.WideningAllNamespaces, fieldAt(r.field+"."+peerField, j), "the selector allows %s%s%s; add k8s:%s: <namespace> to its matchLabels",
			pods, rulePortsText(r), why, policy.CiliumNamespace)
	}
	for i, v := range yamlList(r.body[side+"Entities"]) {
		name := strings.ToLower(yamlString(v))
		key := strings.TrimSuffix(strings.TrimSuffix(name, "-ipv4"), "-ipv6")
		e, ok := ciliumEntities[key]
		if !ok {
			continue
		}
		c.widens(e.widening, fieldAt(r.field+"."+side+"Entities", i), "entity %s allows %s%s; %s",
			name, e.allows, rulePortsText(r), e.narrow[r.egress])
	}
	for i, v := range yamlList(r.body[side+"CIDR"]) {
		c.widensCIDR(r, fieldAt(r.field+"."+side+"CIDR", i), yamlString(v), false)
	}
	for i, v := range yamlList(r.body[side+"CIDRSet"]) {
		m := yamlMap(v)
		c.widensCIDR(r, fieldAt(r.field+"."+side+"CIDRSet", i)+".cidr", yamlString(m["cidr"]), len(yamlList(m["except"])) > 0)
	}
	if !r.egress {
		return
	}
	for i, v := range yamlList(r.body["toFQDNs"]) {
		pattern := yamlString(yamlMap(v)["matchPattern"])
		if pattern == "" || strings.Trim(pattern, "*.") != "" {
			continue
		}
		c.widens(policy.WideningWorld, fieldAt(r.field+".toFQDNs", i)+".matchPattern", "%q matches every name, so the rule allows every address a DNS lookup returns%s; list the names in matchName, or narrow the pattern to a domain such as *.example.com",
			pattern, rulePortsText(r))
	}
}

// ciliumHasPeers reports whether a Cilium rule has a peer field, however
// written: its endpoints, entities, CIDRs, names, ...
func ciliumHasPeers(r networkRule) bool {
	side := "from"
	if r.egress {
		side = "to"
	}
	_, endpoints := r.body[side+"Endpoints"]
	return endpoints || len(r.others) > 0
}

// ciliumHasPorts reports whether a Cilium rule names ports or ICMP types.
func ciliumHasPorts(r networkRule) bool {
	return len(yamlList(r.body["toPorts"])) > 0 || len(yamlList(r.body["icmps"])) > 0
}

// widensCIDR reports a CIDR of prefix length 0.
func (c *checker) widensCIDR(r networkRule, field, cidr string, except bool) {
	prefix, err := netip.ParsePrefix(strings.TrimSpace(cidr))
	if err != nil || prefix.Bits() != 0 {
		return
	}
	family := "IPv4"
	if prefix.Addr().Is6() {
		family = "IPv6"
	}
	but := ""
	if except {
		but = " but those in except"
	}
	c.widens(policy.WideningAllAddresses, field, "%s allows every %s address%s%s; name the addresses the pods need (for example 203.0.113.0/24), or pods by selector",
		cidr, family, but, rulePortsText(r))
}

// everyNamespace reports whether a selector over namespace labels matches
// every namespace: it is empty, or only requires the name label that every
// namespace has.
func everyNamespace(sel labels.Selector) bool {
	reqs, _ := sel.Requirements()
	for _, r := range reqs {
		if r.Key() != namespaceNameLabel || r.Operator() != selection.Exists {
			return false
		}
	}
	return true
}

func selectorText(sel labels.Selector) string {
	if sel.Empty() {
		return "{}"
	}
	return sel.String()
}

// rulePortsText says which ports a rule allows: " on every port", " on port
// 443/TCP".
func rulePortsText(r networkRule) string {
	if len(r.ports) == 0 && len(yamlList(r.body["icmps"])) > 0 {
		return " for its ICMP types"
	}
	if len(r.ports) == 0 {
		return " on every port"
	}
	ports := make([]string, len(r.ports))
	for i, p := range r.ports {
		if strings.ContainsFunc(p.value, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '-' && r != '_' }) {
			return " on its ports" // malformed: the schema stage says so
		}
		ports[i] = p.text()
	}
	if len(ports) == 1 {
		return " on port " + ports[0]
	}
	return " on ports " + joinAnd(ports)
}

func isEmptyList(v any) bool {
	l, ok := v.([]any)
	return ok && len(l) == 0
}
