package validate

import (
	"fmt"
	"slices"
	"strings"

	"github.com/kunerva/kunerva/internal/policy"
	"github.com/kunerva/kunerva/internal/semantic"
)

// checkConflicts reports a policy that duplicates another one, and Cilium
// deny rules that shadow allow rules of another policy. Both are warnings:
// the policy is valid, but it is probably not what its author meant.
//
// Duplicate: same kind and namespace and, by internal/semantic (which
// ignores names, rule order and splitting, defaulted fields), the same
// subject and the same rules, as a policy in the tree or an earlier
// document. Same kind and subject with different rules is not reported:
// policies add up.
//
// Replaces: a policy of the same kind, namespace and name in the tree is the
// one this document replaces once applied; when their meanings differ, the
// tree's rules stop being in force, which a reviewer must see (a warning,
// with what differs).
//
// Shadow, kept deliberately simple: two Cilium policies whose
// endpointSelectors select the same pods (the same requirements in the same
// namespaces), a deny rule in one and an allow rule of the same direction in
// the other, where every peer of the allow rule is a peer of the deny rule
// (or the deny names every peer: no peer field, entity all, or an empty
// endpoint selector in the same namespaces) and every port of the allow rule
// is within the deny rule's ports (or the deny has none, which is every
// port). Deny rules win over allow rules in Cilium, so the allowed traffic
// stays blocked. Overlaps short of full coverage are not reported.
func (c *checker) checkConflicts(p *checkedPolicy) {
	c.checkReplaces(p)
	c.checkDuplicate(p)
	if p.family == policy.FamilyCilium {
		c.checkShadow(p)
	}
}

func (c *checker) checkReplaces(p *checkedPolicy) {
	for _, q := range c.treePolicies {
		if !sameObject(p, q) {
			continue
		}
		if diff, err := semantic.Diff(q.doc.Raw, p.doc.Raw); err == nil && len(diff) > 0 {
			for i, d := range diff {
				d = strings.Replace(d, ": missing ", ": drops ", 1)
				diff[i] = strings.Replace(d, ": extra ", ": adds ", 1)
			}
			c.warnf(checkReplaces, "metadata.name", "replaces the tree's %s, whose rules are no longer in force once this one is applied: %s; if both should hold, give this policy another name",
				q.doc.Ref(), strings.Join(diff, "; "))
		}
	}
}

func (c *checker) checkDuplicate(p *checkedPolicy) {
	for _, q := range c.treePolicies {
		if q.kind == p.kind && q.namespace == p.namespace && !sameObject(p, q) && sameMeaning(q, p) {
			c.warnf(checkDuplicate, "spec", "duplicates %s, already in the tree: it selects the same pods and has the same rules; drop this policy or change the existing one", q.doc.Ref())
			return
		}
	}
	for _, q := range c.policies {
		if q == p {
			return
		}
		if q.kind == p.kind && q.namespace == p.namespace && !sameObject(p, q) && sameMeaning(q, p) {
			c.warnf(checkDuplicate, "spec", "duplicates %s (%s:%d): it selects the same pods and has the same rules; drop one of them", q.doc.Ref(), q.doc.File, q.doc.Line)
			return
		}
	}
}

// sameObject reports whether two policies are the same object (one in the
// documents, one in the tree, when the tree's own policies are validated).
func sameObject(a, b *checkedPolicy) bool {
	return a.kind == b.kind && a.namespace == b.namespace && a.doc.Name() == b.doc.Name()
}

func sameMeaning(a, b *checkedPolicy) bool {
	diff, err := semantic.Diff(a.doc.Raw, b.doc.Raw)
	return err == nil && len(diff) == 0
}

func (c *checker) checkShadow(p *checkedPolicy) {
	others := slices.Concat(c.policies, c.treePolicies)
	for _, spec := range p.specs {
		if spec.subject == nil || spec.subject.opaque {
			continue
		}
		for _, r := range spec.rules {
			c.shadowRule(p, spec, r, others)
		}
	}
}

// shadowRule reports r against the rules of other policies for the same
// pods: a deny r that covers an allow rule, or an allow r covered by a deny
// rule of a policy in the tree (between two documents the deny side reports).
func (c *checker) shadowRule(p *checkedPolicy, spec policySpec, r networkRule, others []*checkedPolicy) {
	for _, q := range others {
		if q == p || q.family != policy.FamilyCilium || sameObject(p, q) {
			continue
		}
		inTree := slices.Contains(c.treePolicies, q)
		if !r.deny && !inTree {
			continue
		}
		where := q.doc.Ref()
		if inTree {
			where += " in the tree"
		}
		for _, qs := range q.specs {
			if qs.subject == nil || qs.subject.opaque || qs.subject.key() != spec.subject.key() {
				continue
			}
			for _, qr := range qs.rules {
				if qr.egress != r.egress || qr.deny == r.deny {
					continue
				}
				if r.deny && shadows(r, qr) {
					c.warnf(checkShadow, r.field, "denies what %s allows at %s (%s): deny rules win over allow rules, so that traffic stays blocked; narrow the deny or drop the allow",
						where, qr.field, describeRule(qr))
					return
				}
				if !r.deny && shadows(qr, r) {
					c.warnf(checkShadow, r.field, "allows what %s denies at %s (%s): deny rules win over allow rules, so this rule allows nothing it names; narrow the deny or drop this rule",
						where, qr.field, describeRule(qr))
					return
				}
			}
		}
	}
}

// shadows reports whether the deny rule covers all the allow rule allows.
func shadows(deny, allow networkRule) bool {
	return peersCovered(deny, allow) && portsCovered(deny, allow)
}

func peersCovered(deny, allow networkRule) bool {
	d := peerAtoms(deny)
	if deny.allPeers() || d["entity all"] {
		return true
	}
	if allow.allPeers() {
		return false
	}
	for a := range peerAtoms(allow) {
		if !d[a] {
			return false
		}
	}
	for _, s := range allow.peers {
		covered := d["entity cluster"] || slices.ContainsFunc(deny.peers, func(ds *selectorSite) bool {
			return !ds.opaque && !s.opaque && (ds.key() == s.key() || ds.text == "" && ds.nsKey() == s.nsKey())
		})
		if !covered {
			return false
		}
	}
	return true
}

// peerAtoms are a rule's peers other than endpoints, one string each.
func peerAtoms(r networkRule) map[string]bool {
	atoms := map[string]bool{}
	for _, f := range r.others {
		for _, v := range yamlList(r.body[f]) {
			switch f {
			case "fromEntities", "toEntities":
				atoms["entity "+strings.ToLower(yamlString(v))] = true
			case "fromCIDR", "toCIDR":
				atoms["cidr "+yamlString(v)] = true
			default:
				atoms[f+" "+fmt.Sprint(v)] = true
			}
		}
	}
	return atoms
}

func portsCovered(deny, allow networkRule) bool {
	if len(deny.ports) == 0 {
		return true
	}
	if len(allow.ports) == 0 {
		return false
	}
	for _, a := range allow.ports {
		if !slices.ContainsFunc(deny.ports, func(d rulePort) bool { return portCovers(d, a) }) {
			return false
		}
	}
	return true
}

func portCovers(d, a rulePort) bool {
	if d.protocol != "" && d.protocol != "ANY" && d.protocol != a.protocol {
		return false
	}
	switch {
	case d.value == "" || !d.named && d.number == 0:
		return true
	case d.named || a.named:
		return strings.EqualFold(d.value, a.value)
	}
	return d.number <= a.number && max(a.number, a.endPort) <= max(d.number, d.endPort)
}

// describeRule says what a rule is about: "from app=frontend, port 8080/TCP".
func describeRule(r networkRule) string {
	dir := "from "
	if r.egress {
		dir = "to "
	}
	var peers []string
	for _, s := range r.peers {
		peers = append(peers, s.describe())
	}
	for a := range peerAtoms(r) {
		peers = append(peers, a)
	}
	slices.Sort(peers[len(r.peers):])
	if len(peers) == 0 {
		peers = []string{"every peer"}
	}
	var ports []string
	for _, p := range r.ports {
		ports = append(ports, p.text())
	}
	if len(ports) == 0 {
		return dir + strings.Join(peers, ", ") + ", every port"
	}
	return dir + strings.Join(peers, ", ") + ", port " + strings.Join(ports, ", ")
}
