package validate

import (
	"slices"
	"strings"

	"k8s.io/apimachinery/pkg/util/validation"

	"github.com/kunerva/kunerva/internal/policy"
)

// checkCilium reports what the CRD accepts and the Cilium agent rejects or
// reads differently: ports that are neither a number in 1-65535 nor a port
// name, ranges whose endPort is below the port, L7 rules without a usable
// port, and toFQDNs without a DNS rule that lets the lookups through the DNS
// proxy.
func (c *checker) checkCilium(p *checkedPolicy) {
	if p.family != policy.FamilyCilium {
		return
	}
	for _, spec := range p.specs {
		for _, r := range spec.rules {
			for _, port := range r.ports {
				c.checkCiliumPort(port)
			}
			c.checkL7(r)
		}
		c.checkFQDN(p, spec)
	}
}

const agentRejects = "the CRD accepts it but the Cilium agent rejects the policy"

func (c *checker) checkCiliumPort(port rulePort) {
	switch {
	case port.value == "":
	case !port.named && port.number > 65535:
		c.errorf(checkCiliumPort, port.field, "port %q is outside 1-65535: %s; use a port from 1 to 65535", port.value, agentRejects)
	case port.named && len(validation.IsValidPortName(strings.ToLower(port.value))) > 0:
		c.errorf(checkCiliumPort, port.field, "port %q is neither a number from 1 to 65535 nor a port name (at most 15 letters, digits and single inner \"-\", with a letter): %s; write a port number or a container port's name",
			port.value, agentRejects)
	}
	if port.endPort == 0 {
		return
	}
	endField := strings.TrimSuffix(port.field, ".port") + ".endPort"
	switch {
	case port.endPort > 65535:
		c.errorf(checkCiliumPort, endField, "endPort %d is outside 1-65535; end the range at 65535 at most", port.endPort)
	case !port.named && port.number > 0 && port.endPort < port.number:
		c.errorf(checkCiliumPort, endField, "endPort %d is below port %d: the CRD accepts it, but the Cilium agent then enforces port %d alone, not a range; write the lower port as port and the higher as endPort",
			port.endPort, port.number, port.number)
	}
}

// l7Kinds are the L7 rule lists of a Cilium toPorts rule.
var l7Kinds = []string{"http", "kafka", "dns", "l7"}

// checkL7 reports L7 rules the agent rejects: without a port, on port 0
// (every port), on a protocol other than TCP (DNS aside; a port without a
// protocol is ANY to Cilium), and DNS rules on ingress.
func (c *checker) checkL7(r networkRule) {
	for j, tp := range yamlList(r.body["toPorts"]) {
		field := fieldAt(r.field+".toPorts", j)
		body := yamlMap(tp)
		rules := yamlMap(body["rules"])
		var kinds []string
		for _, k := range l7Kinds {
			if len(yamlList(rules[k])) > 0 {
				kinds = append(kinds, k)
			}
		}
		if len(kinds) == 0 {
			continue
		}
		kind := kinds[0]
		dns := kind == "dns"
		if dns && !r.egress {
			c.errorf(checkL7Port, field+".rules.dns", "DNS rules are not allowed on ingress: the Cilium agent rejects the policy; put rules.dns on the egress rule towards the DNS server")
			continue
		}
		ports := yamlList(body["ports"])
		if len(ports) == 0 {
			example := `[{port: "80", protocol: TCP}]`
			if dns {
				example = `[{port: "53", protocol: ANY}]`
			}
			c.errorf(checkL7Port, field+".rules."+kind, "rules.%s needs a port: L7 rules apply to the traffic of one port; add ports: %s next to the rules", kind, example)
			continue
		}
		for k, pv := range ports {
			pm := yamlMap(pv)
			pf := fieldAt(field+".ports", k)
			value := yamlString(pm["port"])
			if n, ok := portDigits(value); ok && n == 0 || value == "" {
				c.errorf(checkL7Port, pf+".port", "rules.%s cannot apply to port 0, which means every port: %s; name the port the L7 traffic uses", kind, agentRejects)
				continue
			}
			if proto := strings.ToUpper(yamlString(pm["protocol"])); !dns && proto != "TCP" {
				if proto == "" {
					proto = "ANY (not given)"
				}
				c.errorf(checkL7Port, pf+".protocol", "rules.%s only applies to TCP, and the protocol of port %q is %s: %s; set protocol: TCP", kind, value, proto, agentRejects)
			}
		}
	}
}

// checkFQDN reports an egress toFQDNs rule when no egress rule for the same
// pods sends DNS through Cilium's DNS proxy (a toPorts rule with rules.dns):
// without it Cilium never learns the names' addresses and the rule allows
// nothing. The DNS rule may be in this spec, another spec of the policy, or
// another Cilium policy (in the documents or the tree) whose endpointSelector
// is the same or selects every pod of the namespace (or of the cluster).
func (c *checker) checkFQDN(p *checkedPolicy, spec policySpec) {
	at := ""
	for _, r := range spec.rules {
		if r.egress && !r.deny && len(yamlList(r.body["toFQDNs"])) > 0 {
			at = r.field + ".toFQDNs"
			break
		}
	}
	if at == "" || hasDNSRule(spec) || c.dnsElsewhere(spec) {
		return
	}
	for _, r := range spec.rules {
		if r.egress && !r.deny && allowsPort53(r) {
			c.warnf(checkFQDNDNS, at, "toFQDNs needs DNS lookups to pass Cilium's DNS proxy, but %s allows port 53 without rules.dns, so Cilium never learns the addresses: add rules: {dns: [{matchPattern: \"*\"}]} to its toPorts", r.field)
			return
		}
	}
	c.warnf(checkFQDNDNS, at, "toFQDNs needs DNS lookups to pass Cilium's DNS proxy, and no egress rule for these pods allows them with rules.dns, so the rule allows nothing unless another policy in the cluster lets these pods' lookups through: add an egress rule with toEndpoints [{matchLabels: {k8s:io.kubernetes.pod.namespace: kube-system, k8s:k8s-app: kube-dns}}] and toPorts [{ports: [{port: \"53\", protocol: ANY}], rules: {dns: [{matchPattern: \"*\"}]}}]")
}

func hasDNSRule(spec policySpec) bool {
	for _, r := range spec.rules {
		if !r.egress || r.deny {
			continue
		}
		for _, tp := range yamlList(r.body["toPorts"]) {
			if len(yamlList(yamlMap(yamlMap(tp)["rules"])["dns"])) > 0 {
				return true
			}
		}
	}
	return false
}

func allowsPort53(r networkRule) bool {
	for _, port := range r.ports {
		if port.number == 53 || port.number < 53 && port.endPort >= 53 {
			return true
		}
	}
	return false
}

// dnsElsewhere looks for a DNS rule for the spec's pods in the other specs
// and Cilium policies.
func (c *checker) dnsElsewhere(spec policySpec) bool {
	if spec.subject == nil || spec.subject.opaque {
		return false
	}
	for _, q := range slices.Concat(c.policies, c.treePolicies) {
		if q.family != policy.FamilyCilium {
			continue
		}
		for _, other := range q.specs {
			if other.subject == nil || other.subject.opaque || other.subject == spec.subject || !hasDNSRule(other) {
				continue
			}
			if other.subject.key() == spec.subject.key() || other.subject.text == "" && covers(other.subject, spec.subject) {
				return true
			}
		}
	}
	return false
}

// covers reports whether an every-pod selector's namespaces include
// another selector's.
func covers(all, s *selectorSite) bool {
	if all.nsNames == nil && all.nsSel == nil {
		return true
	}
	return all.nsSel == nil && s.nsNames != nil && strings.Join(all.nsNames, ",") == strings.Join(s.nsNames, ",")
}
