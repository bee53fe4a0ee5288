package cyclonus

import (
	"slices"

	networkingv1 "k8s.io/api/networking/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// Cyclonus v0.5.6 reads "key NotIn (values)" as holding only labels that
// have the key, where Kubernetes (k8s.io/apimachinery/pkg/labels, and the
// labels concept page: "and all resources without a label with the key")
// also holds labels without it. The judge asks cyclonus about selectors
// rewritten to mean what Kubernetes means: each NotIn becomes two
// selectors, one with the NotIn (the key is there) and one with
// DoesNotExist (it is not), which NetworkPolicy ORs as two peers, or as
// two policies with the same rules where the policy's own pod selector
// has it.

// withKubernetesNotIn returns np as policies whose selectors cyclonus reads
// as Kubernetes does.
func withKubernetesNotIn(np *networkingv1.NetworkPolicy) []*networkingv1.NetworkPolicy {
	np = np.DeepCopy()
	for i := range np.Spec.Ingress {
		np.Spec.Ingress[i].From = splitPeers(np.Spec.Ingress[i].From)
	}
	for i := range np.Spec.Egress {
		np.Spec.Egress[i].To = splitPeers(np.Spec.Egress[i].To)
	}
	var out []*networkingv1.NetworkPolicy
	for _, sel := range split(np.Spec.PodSelector) {
		p := np.DeepCopy()
		p.Spec.PodSelector = sel
		out = append(out, p)
	}
	return out
}

func splitPeers(peers []networkingv1.NetworkPolicyPeer) []networkingv1.NetworkPolicyPeer {
	var out []networkingv1.NetworkPolicyPeer
	for _, p := range peers {
		pods, namespaces := splitOptional(p.PodSelector), splitOptional(p.NamespaceSelector)
		for _, ps := range pods {
			for _, ns := range namespaces {
				q := *p.DeepCopy()
				q.PodSelector, q.NamespaceSelector = ps, ns
				out = append(out, q)
			}
		}
	}
	return out
}

func splitOptional(sel *metav1.LabelSelector) []*metav1.LabelSelector {
	if sel == nil {
		return []*metav1.LabelSelector{nil}
	}
	var out []*metav1.LabelSelector
	for _, s := range split(*sel) {
		out = append(out, &s)
	}
	return out
}

// split returns selectors whose union, as cyclonus reads them, is what
// sel selects in Kubernetes.
//
// Cyclonus also reads "key: \"\"" in matchLabels as holding labels without the
// key (a missing key reads as ""), where Kubernetes needs the key, with
// the empty value: such a pair becomes "key In (\"\")", which it reads
// as Kubernetes does.
func split(sel metav1.LabelSelector) []metav1.LabelSelector {
	sel = *sel.DeepCopy()
	for k, v := range sel.MatchLabels {
		if v == "" {
			delete(sel.MatchLabels, k)
			sel.MatchExpressions = append(sel.MatchExpressions, metav1.LabelSelectorRequirement{Key: k, Operator: metav1.LabelSelectorOpIn, Values: []string{""}})
		}
	}
	out := []metav1.LabelSelector{sel}
	for i, e := range sel.MatchExpressions {
		if e.Operator != metav1.LabelSelectorOpNotIn {
			continue
		}
		var next []metav1.LabelSelector
		for _, s := range out {
			absent := *s.DeepCopy()
			absent.MatchExpressions = slices.Clone(absent.MatchExpressions)
			absent.MatchExpressions[i] = metav1.LabelSelectorRequirement{Key: e.Key, Operator: metav1.LabelSelectorOpDoesNotExist}
			next = append(next, s, absent)
		}
		out = next
	}
	return out
}
