package cyclonus

import (
	"testing"

	corev1 "k8s.io/api/core/v1"

	"github.com/kunerva/kunerva/internal/connectivity"
	"github.com/kunerva/kunerva/internal/tree"
)

// docsTree is the cluster of the NetworkPolicy concept page's examples:
// a db and its clients in default, a namespace of alice's and one of bob's.
func docsTree(t *testing.T) *tree.Tree {
	t.Helper()
	redis := []corev1.ContainerPort{{Name: "redis", ContainerPort: 6379, Protocol: corev1.ProtocolTCP}}
	tr, err := tree.FromObjects("docs", []tree.Object{
		namespaceObject("default", nil),
		namespaceObject("alice", map[string]string{"user": "alice"}),
		namespaceObject("bob", map[string]string{"user": "bob", "env": "test"}),
		podObject("default", "db", map[string]string{"role": "db"}, redis),
		podObject("default", "frontend", map[string]string{"role": "frontend"}, nil),
		podObject("default", "client", map[string]string{"role": "client"}, nil),
		podObject("alice", "client", map[string]string{"role": "client"}, nil),
		podObject("alice", "admin", map[string]string{"role": "admin"}, nil),
		podObject("bob", "client", map[string]string{"role": "client"}, nil),
	})
	if err != nil {
		t.Fatal(err)
	}
	return tr
}

const (
	defaultDenyIngress = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: default-deny-ingress, namespace: default}
spec:
  podSelector: {}
  policyTypes: [Ingress]
`
	// One peer: pods labelled role=client in namespaces labelled user=alice.
	aliceClientsAnd = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: db-from-alice-clients, namespace: default}
spec:
  podSelector: {matchLabels: {role: db}}
  ingress:
  - from:
    - namespaceSelector: {matchLabels: {user: alice}}
      podSelector: {matchLabels: {role: client}}
`
	// Two peers: any pod of alice's namespaces, or role=client pods of default.
	aliceOrClients = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: db-from-alice-or-clients, namespace: default}
spec:
  podSelector: {matchLabels: {role: db}}
  ingress:
  - from:
    - namespaceSelector: {matchLabels: {user: alice}}
    - podSelector: {matchLabels: {role: client}}
`
	ipBlockExcept = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: test-network-policy, namespace: default}
spec:
  podSelector: {matchLabels: {role: db}}
  policyTypes: [Ingress, Egress]
  ingress:
  - from:
    - ipBlock: {cidr: 172.17.0.0/16, except: [172.17.1.0/24]}
    ports:
    - {protocol: TCP, port: 6379}
  egress:
  - to:
    - ipBlock: {cidr: 10.0.0.0/24}
    ports:
    - {protocol: TCP, port: 5978}
`
	endPort = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: multi-port-egress, namespace: default}
spec:
  podSelector: {matchLabels: {role: db}}
  policyTypes: [Egress]
  egress:
  - to:
    - ipBlock: {cidr: 10.0.0.0/24}
    ports:
    - {protocol: TCP, port: 32000, endPort: 32768}
`
	// The labels concept page: "tier notin (frontend, backend)" selects
	// resources with other values of tier and those without it.
	notIn = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: not-in, namespace: default}
spec:
  podSelector:
    matchExpressions: [{key: tier, operator: NotIn, values: [db]}]
  ingress:
  - from:
    - podSelector:
        matchExpressions: [{key: role, operator: NotIn, values: [frontend]}]
    - namespaceSelector:
        matchExpressions: [{key: env, operator: NotIn, values: [test]}]
      podSelector:
        matchExpressions: [{key: role, operator: NotIn, values: [client]}]
`
	namedPorts = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: db-redis-from-frontend, namespace: default}
spec:
  podSelector: {matchLabels: {role: db}}
  ingress:
  - from:
    - podSelector: {matchLabels: {role: frontend}}
    ports:
    - port: redis
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: frontend-to-redis, namespace: default}
spec:
  podSelector: {matchLabels: {role: frontend}}
  policyTypes: [Egress]
  egress:
  - to:
    - podSelector: {matchLabels: {role: db}}
    ports:
    - port: redis
`
)

func pod(ns, name string) connectivity.Peer {
	return connectivity.Peer{Kind: connectivity.PeerWorkload, Namespace: ns, Name: name}
}

func cidr(c string) connectivity.Peer {
	return connectivity.Peer{Kind: connectivity.PeerCIDR, Value: c}
}

var (
	world = connectivity.Peer{Kind: connectivity.PeerWorld}
	redis = connectivity.Port{Number: 6379, Name: "redis", Protocol: "TCP"}
	other = connectivity.Port{Protocol: "TCP"} // every port the destination does not list
)

func tcp(n int32) connectivity.Port { return connectivity.Port{Number: n, Protocol: "TCP"} }

// TestJudge asks cyclonus about flows whose verdicts the NetworkPolicy
// concept page states, so that the comparison rests on a judge that
// reads policies as Kubernetes does.
func TestJudge(t *testing.T) {
	const (
		allowed = connectivity.Allowed
		denied  = connectivity.Denied
	)
	type want struct {
		from, to connectivity.Peer
		port     connectivity.Port
		verdict  connectivity.Verdict
	}
	tests := []struct {
		name     string
		policies string
		flows    []want
	}{
		{"no policy allows everything", "", []want{
			{pod("default", "frontend"), pod("default", "db"), redis, allowed},
			{world, pod("bob", "client"), other, allowed},
		}},
		{"default deny ingress", defaultDenyIngress, []want{
			{pod("default", "frontend"), pod("default", "db"), redis, denied},
			{pod("default", "db"), pod("default", "frontend"), other, denied},
			{pod("alice", "client"), pod("default", "db"), redis, denied},
			{world, pod("default", "db"), redis, denied},
			{pod("default", "db"), world, tcp(443), allowed},              // egress is not restricted
			{pod("default", "db"), pod("alice", "admin"), other, allowed}, // alice's namespace has no policy
		}},
		{"namespaceSelector and podSelector in one peer", aliceClientsAnd, []want{
			{pod("alice", "client"), pod("default", "db"), redis, allowed},
			{pod("alice", "admin"), pod("default", "db"), redis, denied},
			{pod("bob", "client"), pod("default", "db"), redis, denied},
			{pod("default", "client"), pod("default", "db"), redis, denied},
			{pod("default", "client"), pod("default", "frontend"), other, allowed}, // not selected
		}},
		{"namespaceSelector or podSelector in two peers", aliceOrClients, []want{
			{pod("alice", "client"), pod("default", "db"), redis, allowed},
			{pod("alice", "admin"), pod("default", "db"), redis, allowed},
			{pod("default", "client"), pod("default", "db"), redis, allowed},
			{pod("bob", "client"), pod("default", "db"), redis, denied}, // podSelector alone is the policy's namespace
			{pod("default", "frontend"), pod("default", "db"), redis, denied},
		}},
		{"ipBlock with except", ipBlockExcept, []want{
			{cidr("172.17.0.0/16"), pod("default", "db"), redis, allowed},
			{cidr("172.17.0.0/16"), pod("default", "db"), other, denied},
			{cidr("172.17.1.0/24"), pod("default", "db"), redis, denied},
			{world, pod("default", "db"), redis, denied},
			{pod("default", "frontend"), pod("default", "db"), redis, denied}, // an ipBlock is no pod's
			{pod("default", "db"), cidr("10.0.0.0/24"), tcp(5978), allowed},
			{pod("default", "db"), cidr("10.0.0.0/24"), tcp(80), denied},
			{pod("default", "db"), world, tcp(5978), denied},
			{pod("default", "db"), pod("default", "frontend"), tcp(5978), denied},
		}},
		{"endPort", endPort, []want{
			{pod("default", "db"), cidr("10.0.0.0/24"), tcp(32000), allowed},
			{pod("default", "db"), cidr("10.0.0.0/24"), tcp(32768), allowed},
			{pod("default", "db"), cidr("10.0.0.0/24"), tcp(31999), denied},
			{pod("default", "db"), cidr("10.0.0.0/24"), tcp(32769), denied},
			{pod("default", "db"), cidr("10.0.0.0/24"), connectivity.Port{Number: 32100, Protocol: "UDP"}, denied},
			{pod("default", "db"), cidr("10.0.0.0/24"), other, denied},
		}},
		{"NotIn holds pods without the key", notIn, []want{
			{pod("default", "client"), pod("default", "db"), redis, allowed},   // role client is not frontend
			{pod("default", "frontend"), pod("default", "db"), redis, allowed}, // default has no env label
			{pod("alice", "admin"), pod("default", "db"), redis, allowed},      // nor has alice's namespace
			{pod("alice", "client"), pod("default", "db"), redis, denied},      // db has no tier: it is selected
			{pod("bob", "client"), pod("default", "db"), redis, denied},        // bob's env is test
		}},
		{"named ports", namedPorts, []want{
			{pod("default", "frontend"), pod("default", "db"), redis, allowed},
			{pod("default", "frontend"), pod("default", "db"), other, denied},
			{pod("default", "frontend"), pod("default", "db"), connectivity.Port{Number: 6379, Name: "redis", Protocol: "UDP"}, denied},
			{pod("default", "client"), pod("default", "db"), redis, denied},
			{pod("default", "frontend"), pod("default", "client"), other, denied}, // egress only to db's redis
			{pod("default", "frontend"), world, tcp(6379), denied},                // a name is no external port
		}},
	}
	tr := docsTree(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			objs, err := Objects([]byte(tt.policies))
			if err != nil {
				t.Fatal(err)
			}
			j, err := NewJudge(tr, objs)
			if err != nil {
				t.Fatal(err)
			}
			for _, w := range tt.flows {
				got, _, err := j.Verdict(connectivity.Flow{From: w.from, To: w.to, Port: w.port})
				if err != nil {
					t.Errorf("%s -> %s %s: %v", w.from, w.to, w.port, err)
					continue
				}
				if got != w.verdict {
					t.Errorf("%s -> %s %s: cyclonus says %s, the docs %s", w.from, w.to, w.port, got, w.verdict)
				}
			}
		})
	}
}

func TestJudgeIncomparable(t *testing.T) {
	objs, err := Objects([]byte(`apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: everything-external, namespace: default}
spec:
  podSelector: {}
  policyTypes: [Egress]
  egress:
  - to:
    - ipBlock: {cidr: 0.0.0.0/0}
    - ipBlock: {cidr: "::/0"}
`))
	if err != nil {
		t.Fatal(err)
	}
	j, err := NewJudge(docsTree(t), objs)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range []connectivity.Flow{
		{From: pod("default", "db"), To: world, Port: tcp(443)}, // no address is left for a pod outside every ipBlock
		{From: pod("default", "db"), To: connectivity.Peer{Kind: connectivity.PeerFQDN, Value: "example.com"}, Port: tcp(443)},
		{From: pod("default", "db"), To: cidr("0.0.0.0/0"), Port: connectivity.Port{Protocol: "ICMP"}},
	} {
		if v, _, err := j.Verdict(f); err == nil {
			t.Errorf("%s -> %s %s: cyclonus answered %s, want not comparable", f.From, f.To, f.Port, v)
		}
	}
}
