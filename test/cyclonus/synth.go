package cyclonus

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	corev1 "k8s.io/api/core/v1"
	networkingv1 "k8s.io/api/networking/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/util/intstr"

	"github.com/kunerva/kunerva/internal/tree"
)

// unrelated labels a namespace and a pod that no selector asks for, so
// that every policy is also seen not to select.
const unrelatedKey, unrelatedValue = "kunerva.test/unrelated", "true"

// Synthesize builds a tree for policies that come without one: every
// namespace the policies are in or select (with the labels their
// namespace selectors ask for), in each the pods their pod selectors ask
// for and one pod with unrelated labels; and a namespace "unrelated" that
// only an empty namespace selector selects. Every pod lists every port
// the rules name (a name under a number of its own) and one port no rule
// names: a model has flows to a workload only on the ports it lists.
func Synthesize(policies []tree.Object) (*tree.Tree, error) {
	s := synth{namespaces: map[string]map[string]string{}, pods: map[string][]map[string]string{}}
	for _, o := range policies {
		np, err := decodePolicy(o)
		if err != nil {
			return nil, err
		}
		s.policy(np)
	}
	s.numberNames()
	s.names = append(s.names, corev1.ContainerPort{ContainerPort: s.free(20001), Protocol: corev1.ProtocolTCP})
	s.namespace("unrelated", map[string]string{unrelatedKey: unrelatedValue})
	for _, ns := range slices.Collect(maps.Keys(s.namespaces)) {
		for _, sel := range s.everywhere {
			s.pod(ns, sel)
		}
	}
	return s.tree()
}

type synth struct {
	namespaces map[string]map[string]string
	pods       map[string][]map[string]string // labels, by namespace
	everywhere []metav1.LabelSelector         // pod selectors of peers in every namespace
	selectors  int                            // namespace selectors given a namespace of their own
	numbers    []corev1.ContainerPort         // ports the rules name by number
	names      []corev1.ContainerPort         // ports the rules name by name, numbered here, then one no rule names
	ranges     [][2]int32                     // port ranges the rules name
}

func (s *synth) policy(np *networkingv1.NetworkPolicy) {
	s.namespace(np.Namespace, nil)
	s.pod(np.Namespace, np.Spec.PodSelector)
	var peers []networkingv1.NetworkPolicyPeer
	for _, r := range np.Spec.Ingress {
		peers = append(peers, r.From...)
	}
	for _, r := range np.Spec.Egress {
		peers = append(peers, r.To...)
	}
	for _, p := range peers {
		pods := metav1.LabelSelector{}
		if p.PodSelector != nil {
			pods = *p.PodSelector
		}
		switch {
		case p.IPBlock != nil:
		case p.NamespaceSelector == nil:
			s.pod(np.Namespace, pods)
		case isEmpty(*p.NamespaceSelector):
			s.everywhere = append(s.everywhere, pods)
		default:
			labels := satisfy(*p.NamespaceSelector)
			name := labels["kubernetes.io/metadata.name"]
			if name == "" {
				s.selectors++
				name = fmt.Sprintf("selected-%d", s.selectors)
			}
			s.namespace(name, labels)
			s.pod(name, pods)
		}
	}
	for _, p := range rulePorts(np) {
		s.port(p)
	}
}

func isEmpty(sel metav1.LabelSelector) bool {
	return len(sel.MatchLabels) == 0 && len(sel.MatchExpressions) == 0
}

// port lists a port a rule names on the synthesized pods: a number as it
// is, a range by its edges, a name under a number no rule names.
func (s *synth) port(p networkingv1.NetworkPolicyPort) {
	protocol := corev1.ProtocolTCP
	if p.Protocol != nil {
		protocol = *p.Protocol
	}
	switch {
	case p.Port == nil:
	case p.Port.Type == intstr.String:
		if slices.ContainsFunc(s.names, func(c corev1.ContainerPort) bool { return c.Name == p.Port.StrVal }) {
			return // a pod's port names are unique
		}
		s.names = append(s.names, corev1.ContainerPort{Name: p.Port.StrVal, Protocol: protocol})
	default:
		s.number(p.Port.IntVal, protocol)
		if p.EndPort != nil {
			// The ends, one inside and one past the end: the range's edges.
			s.number((p.Port.IntVal+*p.EndPort)/2, protocol)
			s.number(*p.EndPort, protocol)
			if *p.EndPort < 65535 {
				s.number(*p.EndPort+1, protocol)
			}
			s.ranges = append(s.ranges, [2]int32{p.Port.IntVal, *p.EndPort})
		}
	}
}

func (s *synth) number(n int32, protocol corev1.Protocol) {
	c := corev1.ContainerPort{ContainerPort: n, Protocol: protocol}
	if !slices.Contains(s.numbers, c) {
		s.numbers = append(s.numbers, c)
	}
}

// numberNames gives each named port a number that no rule names, from
// 20001 up, so that a flow to it is allowed by the name or not at all.
func (s *synth) numberNames() {
	n := int32(20001)
	for i := range s.names {
		s.names[i].ContainerPort = s.free(n)
		n = s.names[i].ContainerPort + 1
	}
}

// free is the first number from n up that no rule names and no named
// port has.
func (s *synth) free(n int32) int32 {
	for s.named(n) || slices.ContainsFunc(s.names, func(c corev1.ContainerPort) bool { return c.ContainerPort == n }) {
		n++
	}
	return n
}

func (s *synth) named(n int32) bool {
	return slices.ContainsFunc(s.numbers, func(c corev1.ContainerPort) bool { return c.ContainerPort == n }) ||
		slices.ContainsFunc(s.ranges, func(r [2]int32) bool { return r[0] <= n && n <= r[1] })
}

func (s *synth) namespace(name string, labels map[string]string) {
	if s.namespaces[name] == nil {
		s.namespaces[name] = map[string]string{}
	}
	maps.Copy(s.namespaces[name], labels)
	s.namespaces[name]["kubernetes.io/metadata.name"] = name
}

func (s *synth) pod(namespace string, sel metav1.LabelSelector) {
	labels := satisfy(sel)
	if len(labels) == 0 {
		return // the unrelated pod stands for it
	}
	for _, l := range s.pods[namespace] {
		if maps.Equal(l, labels) {
			return
		}
	}
	s.pods[namespace] = append(s.pods[namespace], labels)
}

// satisfy returns labels that sel selects: matchLabels, then for each
// expression a value it accepts (absent for NotIn and DoesNotExist).
func satisfy(sel metav1.LabelSelector) map[string]string {
	labels := maps.Clone(sel.MatchLabels)
	if labels == nil {
		labels = map[string]string{}
	}
	excluded := map[string][]string{}
	for _, e := range sel.MatchExpressions {
		if e.Operator == metav1.LabelSelectorOpNotIn {
			excluded[e.Key] = append(excluded[e.Key], e.Values...)
		}
	}
	for _, e := range sel.MatchExpressions {
		if _, set := labels[e.Key]; set {
			continue
		}
		switch e.Operator {
		case metav1.LabelSelectorOpIn:
			for _, v := range e.Values {
				if !slices.Contains(excluded[e.Key], v) {
					labels[e.Key] = v
					break
				}
			}
		case metav1.LabelSelectorOpExists:
			labels[e.Key] = "x"
			for slices.Contains(excluded[e.Key], labels[e.Key]) {
				labels[e.Key] += "x"
			}
		}
	}
	return labels
}

func (s *synth) tree() (*tree.Tree, error) {
	var objs []tree.Object
	for _, ns := range slices.Sorted(maps.Keys(s.namespaces)) {
		objs = append(objs, namespaceObject(ns, s.namespaces[ns]))
		names := map[string]bool{}
		for _, labels := range s.pods[ns] {
			name := podName(labels, names)
			objs = append(objs, podObject(ns, name, labels, slices.Concat(s.numbers, s.names)))
		}
		objs = append(objs, podObject(ns, podName(map[string]string{"unrelated": "unrelated"}, names), map[string]string{unrelatedKey: unrelatedValue}, slices.Concat(s.numbers, s.names)))
	}
	return tree.FromObjects("synthesized", objs)
}

// podName names a pod by its label values, so that reports show which
// selector it stands for.
func podName(labels map[string]string, taken map[string]bool) string {
	var parts []string
	for _, k := range slices.Sorted(maps.Keys(labels)) {
		parts = append(parts, labels[k])
	}
	base := strings.Trim(strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			return r
		}
		if r >= 'A' && r <= 'Z' {
			return r - 'A' + 'a'
		}
		return '-'
	}, strings.Join(parts, "-")), "-")
	base = strings.TrimRight(base[:min(len(base), 50)], "-")
	if base == "" {
		base = "pod"
	}
	name := base
	for i := 2; taken[name]; i++ {
		name = fmt.Sprintf("%s-%d", base, i)
	}
	taken[name] = true
	return name
}
