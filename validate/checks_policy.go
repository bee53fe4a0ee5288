package validate

import (
	"fmt"
	"strings"

	yaml "go.yaml.in/yaml/v3"

	"github.com/kunerva/kunerva/internal/policy"
	"github.com/kunerva/kunerva/internal/tree"
)

// checkedPolicy is one policy document as the checks read it: which pods it is
// about (its subject) and, for network policies, its rules.
type checkedPolicy struct {
	doc       Document
	family    policy.Family
	kind      string
	namespace string // the namespace it lives in; "" for cluster-wide kinds
	specs     []policySpec
}

// policySpec is the spec of a policy; a Cilium policy may have several
// (spec and specs[i]), each with its own subject.
type policySpec struct {
	field   string // "spec" or "specs[i]"
	body    map[string]any
	subject *selectorSite // nil when the policy is about nodes
	rules   []networkRule
}

// networkRule is one ingress or egress rule of a NetworkPolicy or Cilium
// policy.
type networkRule struct {
	field  string // e.g. spec.ingress[0]
	body   map[string]any
	egress bool
	deny   bool // Cilium ingressDeny or egressDeny
	peers  []*selectorSite
	others []string // peer fields that are not pods: ipBlock, toFQDNs, toEntities, ...
	ports  []rulePort
}

// allPeers reports whether the rule names no peer at all, which means every
// peer.
func (r networkRule) allPeers() bool { return len(r.peers) == 0 && len(r.others) == 0 }

// rulePort is one port of a rule.
type rulePort struct {
	field    string // the port's path, e.g. spec.ingress[0].ports[1].port
	value    string // as written: "8443" or "https"; "" when absent (every port)
	number   int    // the port number; 0 for a name or none
	named    bool
	endPort  int
	protocol string // upper case, "" when not given
}

// text is the port as findings show it: "8443/TCP", "32000-32768",
// "https", "every port/UDP".
func (p rulePort) text() string {
	s := p.value
	if s == "" {
		s = "every port"
	}
	if p.endPort > p.number && !p.named {
		s += fmt.Sprintf("-%d", p.endPort)
	}
	if p.protocol != "" {
		s += "/" + p.protocol
	}
	return s
}

// IsPolicy reports whether the document is one of the policy kinds kunerva
// checks (by API group and kind), as opposed to a workload or namespace.
func IsPolicy(d Document) bool {
	_, ok := policyKind(d)
	return ok
}

// CountPolicies counts the documents that are policies.
func CountPolicies(docs []Document) int {
	n := 0
	for _, d := range docs {
		if IsPolicy(d) {
			n++
		}
	}
	return n
}

// policyKind is the document's policy kind, by API group and kind.
func policyKind(d Document) (policy.Kind, bool) {
	group, _, _ := strings.Cut(d.APIVersion(), "/")
	if !strings.Contains(d.APIVersion(), "/") {
		group = ""
	}
	return policy.Lookup(group, d.Kind())
}

func newPolicy(d Document) (*checkedPolicy, bool) {
	kind, ok := policyKind(d)
	if !ok {
		return nil, false
	}
	fam := kind.Family
	p := &checkedPolicy{doc: d, family: fam, kind: d.Kind()}
	if !kind.Cluster {
		p.namespace = d.Namespace()
		if p.namespace == "" {
			p.namespace = "default"
		}
	}
	for _, spec := range policy.Specs(kind, d.Object) {
		p.specs = append(p.specs, p.readSpec(spec))
	}
	return p, true
}

// readSpec reads what the checks need of a spec: its subject, and the
// peers and ports of its network rules.
func (p *checkedPolicy) readSpec(spec policy.Spec) policySpec {
	body := spec.Map()
	s := policySpec{field: spec.Field, body: body}
	switch p.family {
	case policy.FamilyNetworkPolicy:
		if sel, ok := body["podSelector"]; ok {
			s.subject = p.podSite(spec.Field+".podSelector", sel)
		}
	case policy.FamilyCilium:
		if sel, ok := body["endpointSelector"]; ok {
			s.subject = p.ciliumSite(spec.Field+".endpointSelector", sel, false)
		}
	case policy.FamilyKubeArmor:
		if sel, ok := body["selector"]; ok && p.kind != "KubeArmorHostPolicy" {
			s.subject = p.kubeArmorSite(spec.Field+".selector", sel)
		}
	}
	for _, r := range spec.Rules {
		s.rules = append(s.rules, p.readRule(r))
	}
	return s
}

// ciliumPeerFields are the fields of a Cilium rule that name peers other
// than endpoints.
var ciliumPeerFields = map[bool][]string{
	false: {"fromCIDR", "fromCIDRSet", "fromEntities", "fromGroups", "fromNodes"},
	true:  {"toCIDR", "toCIDRSet", "toEntities", "toFQDNs", "toGroups", "toNodes", "toServices"},
}

func (p *checkedPolicy) readRule(r policy.Rule) networkRule {
	body := r.Map()
	rule := networkRule{field: r.Field, body: body, egress: r.Egress, deny: r.Deny}
	peers := r.Peers(p.family)
	for j, peer := range yamlList(body[peers]) {
		field := fieldAt(rule.field+"."+peers, j)
		if p.family == policy.FamilyCilium {
			rule.peers = append(rule.peers, p.ciliumSite(field, peer, true))
			continue
		}
		pm := yamlMap(peer)
		if _, ok := pm["ipBlock"]; ok {
			rule.others = append(rule.others, "ipBlock")
			continue
		}
		rule.peers = append(rule.peers, p.networkPeerSite(field, pm))
	}
	if p.family == policy.FamilyCilium {
		for _, f := range ciliumPeerFields[r.Egress] {
			if _, ok := body[f]; ok {
				rule.others = append(rule.others, f)
			}
		}
		for j, tp := range yamlList(body["toPorts"]) {
			for k, port := range yamlList(yamlMap(tp)["ports"]) {
				f := fieldAt(fieldAt(rule.field+".toPorts", j)+".ports", k) + ".port"
				rule.ports = append(rule.ports, newRulePort(f, yamlMap(port)))
			}
		}
		return rule
	}
	for j, port := range yamlList(body["ports"]) {
		rule.ports = append(rule.ports, newRulePort(fieldAt(rule.field+".ports", j)+".port", yamlMap(port)))
	}
	return rule
}

// treePolicies reads the policies already in the tree. Their metadata gets
// the namespace the tree puts them in, so they compare with documents that
// spell it out.
func treePolicies(t *tree.Tree) []*checkedPolicy {
	var ps []*checkedPolicy
	for _, o := range t.Objects {
		docs, err := Parse(t.Root, o.YAML)
		if err != nil || len(docs) != 1 {
			continue
		}
		d := docs[0]
		d.File, d.Line = "", 0
		if meta := yamlMap(d.Object["metadata"]); meta != nil && d.Namespace() == "" && o.Namespace != "" {
			meta["namespace"] = o.Namespace
			if raw, err := yaml.Marshal(d.Object); err == nil {
				d.Raw = raw
			}
		}
		if p, ok := newPolicy(d); ok {
			ps = append(ps, p)
		}
	}
	return ps
}

func newRulePort(field string, m map[string]any) rulePort {
	rp := rulePort{field: field, value: yamlString(m["port"]), protocol: strings.ToUpper(yamlString(m["protocol"]))}
	if n, ok := yamlInt(m["port"]); ok {
		rp.number = n
	} else if n, ok := portDigits(rp.value); ok {
		rp.number = n
	} else if rp.value != "" {
		rp.named = true
	}
	rp.endPort, _ = yamlInt(m["endPort"])
	return rp
}

// portDigits reads a port written as decimal digits; ok is false for
// anything else (a name, a sign, a number too long to be a port).
func portDigits(s string) (n int, ok bool) {
	if s == "" || len(s) > 9 {
		return 0, false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return 0, false
		}
		n = n*10 + int(r-'0')
	}
	return n, true
}
