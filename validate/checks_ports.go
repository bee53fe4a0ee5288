package validate

import (
	"cmp"
	"slices"
	"strconv"
	"strings"

	"github.com/kunerva/kunerva/internal/policy"
	"github.com/kunerva/kunerva/internal/tree"
)

// checkPorts reports ports of network rules that the pods they are about do
// not expose: an ingress rule's ports are the subject pods' ports, an egress
// rule's ports the peer pods' (only when every peer of the rule is a pod
// selector the tree can judge; a CIDR, an entity or a DNS name may be the
// port's real target). A port counts as exposed when at least one selected
// workload declares it among its containers' ports; a number that is a
// Service port of those pods is called out with the container port behind
// it. Workloads that declare no ports at all are not judged: a container may
// listen on ports it does not declare, but never on a name it does not.
func (c *checker) checkPorts(p *checkedPolicy) {
	if p.family == policy.FamilyKubeArmor {
		return
	}
	for _, spec := range p.specs {
		for _, r := range spec.rules {
			if len(r.ports) == 0 || r.deny {
				continue // a deny on a port nothing listens on is harmless
			}
			ws, who, ok := c.portOwners(spec, r)
			if !ok {
				continue
			}
			for _, port := range r.ports {
				c.checkPort(p.family, port, ws, who)
			}
		}
	}
}

// portOwners returns the workloads whose ports a rule's ports must be, and
// how to name them.
func (c *checker) portOwners(spec policySpec, r networkRule) ([]tree.Workload, string, bool) {
	if !r.egress {
		if spec.subject == nil {
			return nil, "", false
		}
		ws, ok := c.judgedSelection(spec.subject)
		return ws, exposer(spec.subject, ws), ok && len(ws) > 0
	}
	if len(r.others) > 0 || len(r.peers) == 0 {
		return nil, "", false
	}
	var all []tree.Workload
	var who []string
	for _, s := range r.peers {
		ws, ok := c.judgedSelection(s)
		if !ok {
			return nil, "", false
		}
		all = append(all, ws...)
		who = append(who, exposer(s, ws))
	}
	return all, strings.Join(who, "; "), len(all) > 0
}

// exposer names the pods of a selector as the subject of "expose": "app=db
// exposes", or "the pods of namespace shop expose" for an empty selector.
func exposer(s *selectorSite, ws []tree.Workload) string {
	if s.text != "" {
		return s.text + " exposes"
	}
	var names []string
	for _, w := range ws {
		if !slices.Contains(names, w.Namespace) {
			names = append(names, w.Namespace)
		}
	}
	return "the pods of namespace " + strings.Join(names, ", ") + " expose"
}

// checkPort checks one port against the workloads; who names them as the
// subject of "expose" ("app=db exposes").
func (c *checker) checkPort(fam policy.Family, port rulePort, ws []tree.Workload, who string) {
	if port.value == "" || !port.named && port.number == 0 {
		return // every port
	}
	exposed := exposedPorts(ws)
	if len(exposed) == 0 {
		return
	}
	if port.named {
		for _, e := range exposed {
			if strings.EqualFold(e.Name, port.value) {
				return
			}
		}
		c.errorf(checkPorts, port.field, "%q is not a port exposed by any pod selected (%s %s); use one of those names or numbers",
			port.value, who, portsText(exposed))
		return
	}
	last := max(port.number, port.endPort)
	var otherProtocol []tree.ContainerPort
	for _, e := range exposed {
		if int(e.Port) < port.number || int(e.Port) > last {
			continue
		}
		if protocolMatches(fam, port.protocol, e.Protocol) {
			return
		}
		otherProtocol = append(otherProtocol, e)
	}
	if len(otherProtocol) > 0 {
		e := otherProtocol[0]
		c.errorf(checkPorts, protocolField(port), "no pod selected exposes port %d over %s (%s %s); set protocol: %s",
			e.Port, cmp.Or(port.protocol, "TCP"), who, portsText(exposed), e.Protocol)
		return
	}
	if svc, target, ok := c.servicePort(ws, port.number); ok {
		listen := strconv.Itoa(int(target.Port))
		if target.Name != "" {
			listen += " (" + target.Name + ")"
		}
		c.errorf(checkPorts, port.field, "port %d is the %s Service's port; the pods listen on %s: a policy sees the pods' ports, not the Service's, so use %d%s",
			port.number, svc, listen, target.Port, nameOr(target.Name))
		return
	}
	proto := ""
	if port.protocol != "" && port.protocol != "ANY" {
		proto = "/" + port.protocol
	}
	if port.endPort > port.number {
		c.errorf(checkPorts, port.field, "no port in %d-%d%s is exposed by any pod selected (%s %s); use a range that covers one of those ports",
			port.number, port.endPort, proto, who, portsText(exposed))
		return
	}
	c.errorf(checkPorts, port.field, "port %d%s is not exposed by any pod selected (%s %s); use one of those ports",
		port.number, proto, who, portsText(exposed))
}

// protocolField is the path of a port's protocol.
func protocolField(port rulePort) string {
	return strings.TrimSuffix(port.field, ".port") + ".protocol"
}

// protocolMatches reports whether a rule's protocol covers a container
// port's: NetworkPolicy defaults to TCP, Cilium to any protocol.
func protocolMatches(fam policy.Family, rule, container string) bool {
	switch rule {
	case "":
		if fam == policy.FamilyCilium {
			return true
		}
		rule = "TCP"
	case "ANY":
		return true
	}
	return rule == container
}

// servicePort finds a Service of the workloads with the given port and the
// container port its targetPort resolves to.
func (c *checker) servicePort(ws []tree.Workload, number int) (string, tree.ContainerPort, bool) {
	for _, w := range ws {
		for _, svc := range c.tree.ServicesSelecting(w) {
			for _, sp := range svc.Ports {
				if int(sp.Port) != number {
					continue
				}
				for _, cp := range w.Ports {
					if cp.Name == sp.TargetPort || strconv.Itoa(int(cp.Port)) == sp.TargetPort {
						return svc.Name, cp, true
					}
				}
			}
		}
	}
	return "", tree.ContainerPort{}, false
}

// exposedPorts lists the workloads' container ports, once each, by number.
func exposedPorts(ws []tree.Workload) []tree.ContainerPort {
	var ports []tree.ContainerPort
	for _, w := range ws {
		for _, p := range w.Ports {
			p.Container = ""
			if !slices.Contains(ports, p) {
				ports = append(ports, p)
			}
		}
	}
	slices.SortFunc(ports, func(a, b tree.ContainerPort) int {
		return cmp.Or(cmp.Compare(a.Port, b.Port), cmp.Compare(a.Protocol, b.Protocol), cmp.Compare(a.Name, b.Name))
	})
	return ports
}

// portText renders a container port as the README does: "https 8443",
// "8080", "dns 5353/UDP".
func portText(p tree.ContainerPort) string {
	s := strconv.Itoa(int(p.Port))
	if p.Protocol != "TCP" {
		s += "/" + p.Protocol
	}
	if p.Name != "" {
		s = p.Name + " " + s
	}
	return s
}

func portsText(ports []tree.ContainerPort) string {
	items := make([]string, len(ports))
	for i, p := range ports {
		items[i] = portText(p)
	}
	return joinAnd(items)
}

func nameOr(name string) string {
	if name == "" {
		return ""
	}
	return " or " + strconv.Quote(name)
}
