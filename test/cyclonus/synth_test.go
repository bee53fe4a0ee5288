package cyclonus

import (
	"slices"
	"testing"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/labels"

	"github.com/kunerva/kunerva/internal/tree"
)

const synthPolicies = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: api, namespace: shop}
spec:
  podSelector:
    matchLabels: {app: api}
    matchExpressions:
    - {key: tier, operator: In, values: [web, backend]}
    - {key: tier, operator: NotIn, values: [web]}
  policyTypes: [Ingress, Egress]
  ingress:
  - from:
    - namespaceSelector: {matchLabels: {team: ops}}
      podSelector: {matchExpressions: [{key: role, operator: Exists}]}
    - namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: monitoring}}
    - namespaceSelector: {}
      podSelector: {matchLabels: {app: probe}}
    - podSelector: {matchLabels: {app: web}}
    ports:
    - {port: http}
    - {port: 9000, endPort: 9010}
  egress:
  - to:
    - ipBlock: {cidr: 10.0.0.0/8}
    ports:
    - {port: 53, protocol: UDP}
`

// TestSynthesize checks that the synthesized tree holds, for every
// selector, a namespace and pod it selects, with the ports the rules name.
func TestSynthesize(t *testing.T) {
	objs, err := Objects([]byte(synthPolicies))
	if err != nil {
		t.Fatal(err)
	}
	tr, err := Synthesize(objs)
	if err != nil {
		t.Fatal(err)
	}
	selects := func(s metav1.LabelSelector, l map[string]string) bool {
		sel, err := metav1.LabelSelectorAsSelector(&s)
		if err != nil {
			t.Fatal(err)
		}
		return sel.Matches(labels.Set(l))
	}
	// podIn reports whether a pod of a namespace nsSel selects (nil: ns)
	// is one podSel selects.
	podIn := func(ns string, nsSel *metav1.LabelSelector, podSel metav1.LabelSelector) bool {
		return slices.ContainsFunc(tr.Workloads, func(w tree.Workload) bool {
			n, _ := tr.Namespace(w.Namespace)
			inNS := w.Namespace == ns
			if nsSel != nil {
				inNS = selects(*nsSel, n.Labels)
			}
			return inNS && selects(podSel, w.PodLabels)
		})
	}
	sel := func(s string) metav1.LabelSelector {
		ls, err := metav1.ParseToLabelSelector(s)
		if err != nil {
			t.Fatal(err)
		}
		return *ls
	}
	tests := []struct {
		name  string
		ns    string
		nsSel string // "-" for none
		pods  string
	}{
		{"the policy's pods", "shop", "-", "app=api,tier in (web,backend),tier notin (web)"},
		{"a namespace selector and a pod selector", "", "team=ops", "role"},
		{"a namespace by name", "", "kubernetes.io/metadata.name=monitoring", ""},
		{"pods of every namespace", "", "kubernetes.io/metadata.name=unrelated", "app=probe"},
		{"pods of every namespace, in the policy's", "shop", "-", "app=probe"},
		{"pods of the policy's namespace", "shop", "-", "app=web"},
		{"a pod no selector asks for", "", "team=ops", "kunerva.test/unrelated=true"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var nsSel *metav1.LabelSelector
			if tt.nsSel != "-" {
				s := sel(tt.nsSel)
				nsSel = &s
			}
			if !podIn(tt.ns, nsSel, sel(tt.pods)) {
				t.Errorf("no pod %q in namespace %q %q; workloads: %+v", tt.pods, tt.ns, tt.nsSel, tr.Workloads)
			}
		})
	}
	if !slices.ContainsFunc(tr.Namespaces, func(n tree.Namespace) bool { return n.Name == "unrelated" }) {
		t.Errorf("no unrelated namespace: %+v", tr.Namespaces)
	}
	i := slices.IndexFunc(tr.Workloads, func(w tree.Workload) bool { return w.Namespace == "shop" && w.PodLabels["app"] == "api" })
	var ports []tree.ContainerPort
	for _, p := range tr.Workloads[i].Ports {
		ports = append(ports, tree.ContainerPort{Name: p.Name, Port: p.Port, Protocol: p.Protocol})
	}
	want := []tree.ContainerPort{
		{Port: 9000, Protocol: string(corev1.ProtocolTCP)},
		{Port: 9005, Protocol: "TCP"},
		{Port: 9010, Protocol: "TCP"},
		{Port: 9011, Protocol: "TCP"},
		{Port: 53, Protocol: "UDP"},
		{Name: "http", Port: 20001, Protocol: "TCP"},
		{Port: 20002, Protocol: "TCP"},
	}
	if !slices.Equal(ports, want) {
		t.Errorf("ports %+v, want %+v", ports, want)
	}
}
