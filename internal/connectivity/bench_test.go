package connectivity

import (
	"fmt"
	"testing"

	"github.com/kunerva/kunerva/internal/tree"
)

// bigTree is a tree of 50 workloads in 5 namespaces, each with two ports,
// under 15 policies: a default deny and two allows per namespace.
func bigTree(b *testing.B) *Model {
	b.Helper()
	var objs []tree.Object
	for n := range 5 {
		ns := fmt.Sprintf("team-%d", n)
		objs = append(objs, tree.Object{APIVersion: "v1", Kind: "Namespace", Name: ns, YAML: fmt.Appendf(nil, "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: %s\n  labels: {team: t%d}\n", ns, n)})
		for w := range 10 {
			name := fmt.Sprintf("svc-%d", w)
			objs = append(objs, tree.Object{APIVersion: "apps/v1", Kind: "Deployment", Namespace: ns, Name: name, YAML: fmt.Appendf(nil, `apiVersion: apps/v1
kind: Deployment
metadata: {name: %[1]s, namespace: %[2]s}
spec:
  selector: {matchLabels: {app: %[1]s}}
  template:
    metadata: {labels: {app: %[1]s, tier: t%[3]d}}
    spec:
      containers:
      - name: main
        image: example/app:1
        ports: [{name: http, containerPort: 8080}, {name: metrics, containerPort: 9102}]
`, name, ns, w%3)})
		}
		objs = append(objs,
			object(b, "NetworkPolicy", ns, "default-deny", "spec:\n  podSelector: {}\n  policyTypes: [Ingress, Egress]\n"),
			object(b, "NetworkPolicy", ns, "allow-same-namespace", "spec:\n  podSelector: {}\n  ingress: [{from: [{podSelector: {}}]}]\n  egress: [{to: [{podSelector: {}}]}, {ports: [{port: 53, protocol: UDP}]}]\n"),
			object(b, "CiliumNetworkPolicy", ns, "allow-metrics", "spec:\n  endpointSelector: {}\n  ingress:\n  - fromEndpoints: [{matchLabels: {k8s:io.kubernetes.pod.namespace: team-0}}]\n    toPorts: [{ports: [{port: \"9102\", protocol: TCP}]}]\n"),
		)
	}
	t, err := tree.FromObjects("big", objs)
	if err != nil {
		b.Fatal(err)
	}
	m, err := New(t)
	if err != nil {
		b.Fatal(err)
	}
	return m
}

// BenchmarkDiff is the diff of one policy on a 50-workload tree (issue 12's
// target: under 100 ms).
func BenchmarkDiff(b *testing.B) {
	m := bigTree(b)
	p := object(b, "NetworkPolicy", "team-1", "allow-https-out", "spec:\n  podSelector: {}\n  policyTypes: [Egress]\n  egress: [{to: [{ipBlock: {cidr: 0.0.0.0/0, except: [10.0.0.0/8]}}], ports: [{port: 443}]}]\n")
	b.ResetTimer()
	for b.Loop() {
		after, err := m.With([]tree.Object{p})
		if err != nil {
			b.Fatal(err)
		}
		r, err := Diff(m, after)
		if err != nil {
			b.Fatal(err)
		}
		if len(r.Changes) == 0 {
			b.Fatal("no change")
		}
	}
}

// BenchmarkDiffShop is the same on the shop demo tree.
func BenchmarkDiffShop(b *testing.B) {
	m := loadShop(b)
	p := object(b, "NetworkPolicy", "payments", "default-deny-ingress", "spec:\n  podSelector: {}\n  policyTypes: [Ingress]\n")
	for b.Loop() {
		after, err := m.With([]tree.Object{p})
		if err != nil {
			b.Fatal(err)
		}
		if _, err := Diff(m, after); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkDiffTravel is the same on the travel demo tree, with its own
// policies in force.
func BenchmarkDiffTravel(b *testing.B) {
	tr, err := tree.Load("../../examples/travel")
	if err != nil {
		b.Fatal(err)
	}
	m, err := New(tr)
	if err != nil {
		b.Fatal(err)
	}
	p := object(b, "NetworkPolicy", "data", "default-deny", "spec:\n  podSelector: {}\n  policyTypes: [Ingress, Egress]\n")
	for b.Loop() {
		after, err := m.With([]tree.Object{p})
		if err != nil {
			b.Fatal(err)
		}
		if _, err := Diff(m, after); err != nil {
			b.Fatal(err)
		}
	}
}
