package cyclonus

import (
	networkingv1 "k8s.io/api/networking/v1"
	"k8s.io/apimachinery/pkg/util/intstr"

	"github.com/kunerva/kunerva/internal/tree"
)

// unnamedPort is the port cyclonus is asked about for kunerva's Port
// Number 0, "every port the destination does not list": the highest port
// that no rule names (by number or in a range) and no workload of t lists,
// so that it is decided as the rest of the ports are. A named port of a
// rule resolves through a workload's list, so it never takes it.
func unnamedPort(t *tree.Tree, nps []*networkingv1.NetworkPolicy) int {
	listed, named := map[int]bool{}, map[int]bool{}
	for _, w := range t.Workloads {
		for _, p := range w.Ports {
			listed[int(p.Port)] = true
		}
	}
	for _, np := range nps {
		for _, p := range rulePorts(np) {
			if p.Port == nil || p.Port.Type != intstr.Int {
				continue
			}
			end := p.Port.IntVal
			if p.EndPort != nil {
				end = *p.EndPort
			}
			for n := p.Port.IntVal; n <= end; n++ {
				named[int(n)] = true
			}
		}
	}
	// Where rules name every port, one that no workload lists is still
	// decided as "every port" is.
	for _, avoid := range []func(int) bool{
		func(n int) bool { return listed[n] || named[n] },
		func(n int) bool { return listed[n] },
	} {
		for n := 65535; n > 0; n-- {
			if !avoid(n) {
				return n
			}
		}
	}
	return 65535
}

func rulePorts(np *networkingv1.NetworkPolicy) []networkingv1.NetworkPolicyPort {
	var ports []networkingv1.NetworkPolicyPort
	for _, r := range np.Spec.Ingress {
		ports = append(ports, r.Ports...)
	}
	for _, r := range np.Spec.Egress {
		ports = append(ports, r.Ports...)
	}
	return ports
}
