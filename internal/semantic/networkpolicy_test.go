package semantic

import (
	"strings"
	"testing"
)

const npPayments = `
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: payments, namespace: shop}
spec:
  podSelector: {matchLabels: {app: payments}}
  policyTypes: [Ingress]
  ingress:
  - from:
    - podSelector: {matchLabels: {app: checkout}}
    - podSelector: {matchLabels: {app: admin}}
    ports:
    - {port: 8443, protocol: TCP}
    - {port: 9090, protocol: TCP}
`

var networkPolicyCases = []diffCase{
	{
		name: "equal-despite-order",
		want: npPayments,
		got: `
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: other-name, namespace: shop, labels: {team: x}, annotations: {a: b}}
spec:
  policyTypes: [Ingress]
  podSelector: {matchLabels: {app: payments}}
  ingress:
  - ports:
    - {protocol: TCP, port: 9090}
    - {protocol: TCP, port: 8443}
    from:
    - podSelector: {matchLabels: {app: admin}}
    - podSelector: {matchLabels: {app: checkout}}
`,
	},
	{
		// A peer's In term of several values is the peers of each value.
		name: "equal-in-values-as-peers",
		want: npPayments,
		got: `
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: payments, namespace: shop}
spec:
  podSelector: {matchLabels: {app: payments}}
  policyTypes: [Ingress]
  ingress:
  - from:
    - podSelector: {matchExpressions: [{key: app, operator: In, values: [checkout, admin]}]}
    ports:
    - {port: 8443, protocol: TCP}
    - {port: 9090, protocol: TCP}
`,
	},
	{
		// ... but not when the In term holds a value the peers do not.
		name:   "in-values-not-other-values",
		want:   npPayments,
		differ: true,
		got: `
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: payments, namespace: shop}
spec:
  podSelector: {matchLabels: {app: payments}}
  policyTypes: [Ingress]
  ingress:
  - from:
    - podSelector: {matchExpressions: [{key: app, operator: In, values: [checkout, admin, web]}]}
    ports:
    - {port: 8443, protocol: TCP}
    - {port: 9090, protocol: TCP}
`,
	},
	{
		name: "equal-despite-rule-split",
		want: npPayments,
		got: `
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: payments, namespace: shop}
spec:
  podSelector: {matchExpressions: [{key: app, operator: In, values: [payments]}]}
  policyTypes: [Ingress]
  ingress:
  - {from: [{podSelector: {matchLabels: {app: checkout}}}], ports: [{port: 8443}]}
  - {from: [{podSelector: {matchLabels: {app: checkout}}}], ports: [{port: 9090}]}
  - {from: [{podSelector: {matchLabels: {app: admin}}}], ports: [{port: 8443}]}
  - {from: [{podSelector: {matchLabels: {app: admin}}}], ports: [{port: 9090}]}
`,
	},
	{
		name: "equal-despite-policy-split",
		want: `
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: web, namespace: shop}
spec:
  podSelector: {matchLabels: {app: web}}
  policyTypes: [Ingress, Egress]
  ingress:
  - from: [{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: ingress}}}]
  egress:
  - to: [{ipBlock: {cidr: 10.0.0.0/8, except: [10.2.0.0/16, 10.1.0.0/16]}}]
`,
		got: `
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: web-default-deny, namespace: shop}
spec:
  podSelector: {matchLabels: {app: web}}
  policyTypes: [Egress, Ingress]
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: web-in, namespace: shop}
spec:
  podSelector: {matchLabels: {app: web}}
  ingress:
  - from: [{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: ingress}}}]
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: web-out, namespace: shop}
spec:
  podSelector: {matchLabels: {app: web}}
  policyTypes: [Egress]
  egress:
  - to: [{ipBlock: {cidr: 10.0.0.0/8, except: [10.1.0.0/16, 10.2.0.0/16]}}]
`,
	},
	{
		name: "equal-despite-defaults",
		want: `
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: db, namespace: shop}
spec:
  podSelector: {matchLabels: {app: db}}
  policyTypes: [Ingress, Egress]
  ingress:
  - from: [{podSelector: {matchLabels: {app: api}}}]
    ports: [{port: 5432, protocol: TCP, endPort: 5432}]
  egress:
  - to: [{podSelector: {}, namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: shop}}}]
`,
		got: `
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: db, namespace: shop}
spec:
  podSelector: {matchLabels: {app: db}}
  ingress:
  - from: [{podSelector: {matchLabels: {app: api}}}]
    ports: [{port: 5432}]
  egress:
  - to: [{podSelector: {}}]
`,
	},
	{
		name: "different-port",
		want: npPayments,
		got:  replace(npPayments, "port: 9090", "port: 9091"),
		diff: []string{
			"NetworkPolicy shop (app=payments): missing ingress from pods{app=admin} port 9090/TCP",
			"NetworkPolicy shop (app=payments): missing ingress from pods{app=checkout} port 9090/TCP",
			"NetworkPolicy shop (app=payments): extra ingress from pods{app=admin} port 9091/TCP",
			"NetworkPolicy shop (app=payments): extra ingress from pods{app=checkout} port 9091/TCP",
		},
	},
	{
		name:   "udp-vs-tcp",
		want:   npPayments,
		got:    replace(npPayments, "port: 9090, protocol: TCP", "port: 9090, protocol: UDP"),
		differ: true,
	},
	{
		name:   "named-port-vs-number",
		want:   npPayments,
		got:    replace(npPayments, "port: 9090", "port: metrics"),
		differ: true,
	},
	{
		name:   "port-range",
		want:   npPayments,
		got:    replace(npPayments, "port: 9090,", "port: 9090, endPort: 9099,"),
		differ: true,
	},
	{
		name: "missing-except",
		want: `
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: out, namespace: shop}
spec:
  podSelector: {}
  policyTypes: [Egress]
  egress: [{to: [{ipBlock: {cidr: 10.0.0.0/8, except: [10.1.0.0/16]}}]}]
`,
		got: `
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: out, namespace: shop}
spec:
  podSelector: {}
  policyTypes: [Egress]
  egress: [{to: [{ipBlock: {cidr: 10.0.0.0/8}}]}]
`,
		diff: []string{
			"NetworkPolicy shop (all pods): missing egress to ipBlock{10.0.0.0/8 except 10.1.0.0/16} any port",
			"NetworkPolicy shop (all pods): extra egress to ipBlock{10.0.0.0/8} any port",
		},
	},
	{
		name: "egress-vs-ingress",
		want: `
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: p, namespace: shop}
spec:
  podSelector: {}
  policyTypes: [Ingress]
  ingress: [{from: [{podSelector: {matchLabels: {app: a}}}]}]
`,
		got: `
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: p, namespace: shop}
spec:
  podSelector: {}
  policyTypes: [Egress]
  egress: [{to: [{podSelector: {matchLabels: {app: a}}}]}]
`,
		differ: true,
	},
	{
		name: "isolated-vs-allow-all",
		want: `
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: p, namespace: shop}
spec: {podSelector: {}, policyTypes: [Ingress]}
`,
		got: `
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: p, namespace: shop}
spec: {podSelector: {}, policyTypes: [Ingress], ingress: [{}]}
`,
		diff: []string{"NetworkPolicy shop (all pods): extra ingress from any peer any port"},
	},
	{
		name: "pod-selector-with-vs-without-namespace-selector",
		want: `
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: p, namespace: shop}
spec:
  podSelector: {matchLabels: {app: api}}
  policyTypes: [Ingress]
  ingress: [{from: [{podSelector: {matchLabels: {app: web}}}]}]
`,
		got: `
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: p, namespace: shop}
spec:
  podSelector: {matchLabels: {app: api}}
  policyTypes: [Ingress]
  ingress: [{from: [{podSelector: {matchLabels: {app: web}}, namespaceSelector: {}}]}]
`,
		diff: []string{
			"NetworkPolicy shop (app=api): missing ingress from pods{app=web} any port",
			"NetworkPolicy shop (app=api): extra ingress from pods{app=web} in namespaces{} any port",
		},
	},
	{
		name: "rules-outside-policy-types-ignored",
		want: `
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: p, namespace: shop}
spec: {podSelector: {}, policyTypes: [Egress]}
`,
		got: `
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: p, namespace: shop}
spec: {podSelector: {}, policyTypes: [Egress], ingress: [{}]}
`,
	},
}

func TestDiffNetworkPolicy(t *testing.T) { runDiffCases(t, networkPolicyCases) }

// replace is strings.Replace that insists on finding old, so that a case
// never silently compares a policy with itself.
func replace(s, old, new string) string {
	if !strings.Contains(s, old) {
		panic("replace: " + old + " not found")
	}
	return strings.Replace(s, old, new, 1)
}
