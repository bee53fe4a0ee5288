package generator

import (
	corev1 "k8s.io/api/core/v1"
	networkingv1 "k8s.io/api/networking/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/util/intstr"
)

const namespaceNameLabel = "kubernetes.io/metadata.name"

// renderNetworkPolicy renders an intent that networkPolicyLimits accepts.
func renderNetworkPolicy(in *Intent) Policy {
	name := policyName(in, false)
	np := &networkingv1.NetworkPolicy{
		TypeMeta:   KindNetworkPolicy.typeMeta(),
		ObjectMeta: objectMeta(in, name, in.Subject.Namespace),
		Spec:       networkingv1.NetworkPolicySpec{PodSelector: selectorOrAll(in.Subject.Pods)},
	}
	types := map[Direction]bool{}
	for _, r := range in.Network {
		types[r.Direction] = true
		if r.Verdict == Isolate {
			continue
		}
		var peers []networkingv1.NetworkPolicyPeer
		for _, p := range r.Peers {
			peers = append(peers, npPeer(p, in.Subject.Namespace))
		}
		var ports []networkingv1.NetworkPolicyPort
		for _, p := range r.Ports {
			ports = append(ports, npPort(p))
		}
		if r.Direction == Ingress {
			np.Spec.Ingress = append(np.Spec.Ingress, networkingv1.NetworkPolicyIngressRule{From: peers, Ports: ports})
		} else {
			np.Spec.Egress = append(np.Spec.Egress, networkingv1.NetworkPolicyEgressRule{To: peers, Ports: ports})
		}
	}
	// policyTypes is always explicit: without it an egress-only isolation
	// would default to Ingress and deny nothing that was asked.
	if types[Ingress] {
		np.Spec.PolicyTypes = append(np.Spec.PolicyTypes, networkingv1.PolicyTypeIngress)
	}
	if types[Egress] {
		np.Spec.PolicyTypes = append(np.Spec.PolicyTypes, networkingv1.PolicyTypeEgress)
	}
	return Policy{Kind: KindNetworkPolicy, Name: name, Namespace: in.Subject.Namespace, Object: np}
}

func selectorOrAll(s *metav1.LabelSelector) metav1.LabelSelector {
	if s == nil {
		return metav1.LabelSelector{}
	}
	return *s
}

func npPeer(p Peer, subjectNamespace string) networkingv1.NetworkPolicyPeer {
	var out networkingv1.NetworkPolicyPeer
	switch {
	case p.ClusterDNS:
		out.NamespaceSelector = &metav1.LabelSelector{MatchLabels: map[string]string{namespaceNameLabel: "kube-system"}}
		out.PodSelector = &metav1.LabelSelector{MatchLabels: map[string]string{"k8s-app": "kube-dns"}}
	case p.CIDR != "":
		out.IPBlock = &networkingv1.IPBlock{CIDR: p.CIDR, Except: p.Except}
	default:
		out.PodSelector = p.Pods
		switch {
		case p.Namespaces != nil:
			out.NamespaceSelector = p.Namespaces
		case p.Namespace != "" && p.Namespace != subjectNamespace:
			out.NamespaceSelector = &metav1.LabelSelector{MatchLabels: map[string]string{namespaceNameLabel: p.Namespace}}
		case p.Pods == nil:
			// Every pod of the subject's own namespace.
			out.PodSelector = &metav1.LabelSelector{}
		}
	}
	return out
}

func npPort(p Port) networkingv1.NetworkPolicyPort {
	proto := corev1.ProtocolTCP
	if p.Protocol != "" {
		proto = corev1.Protocol(p.Protocol)
	}
	out := networkingv1.NetworkPolicyPort{Protocol: &proto}
	if p.Name != "" {
		v := intstr.FromString(p.Name)
		out.Port = &v
	} else {
		v := intstr.FromInt32(int32(p.Port))
		out.Port = &v
	}
	if p.EndPort != 0 {
		e := int32(p.EndPort)
		out.EndPort = &e
	}
	return out
}
