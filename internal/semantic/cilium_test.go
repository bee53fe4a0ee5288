package semantic

import "testing"

const cnpAPI = `
apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata: {name: api, namespace: shop}
spec:
  description: only the web pods may call the public API
  endpointSelector: {matchLabels: {app: api}}
  ingress:
  - fromEndpoints:
    - matchLabels: {app: web}
    - matchLabels: {k8s:io.kubernetes.pod.namespace: monitoring, app: prometheus}
    toPorts:
    - ports: [{port: "8080", protocol: TCP}]
      rules:
        http:
        - {method: GET, path: "/public/.*", headers: ["X-Token: abc", "X-Trace"]}
  egress:
  - toFQDNs: [{matchName: api.example.com}]
    toPorts: [{ports: [{port: "443", protocol: TCP}]}]
  - toCIDRSet: [{cidr: 10.0.0.0/8, except: [10.1.0.0/16]}]
  - toEndpoints:
    - matchLabels: {k8s:io.kubernetes.pod.namespace: kube-system, k8s:k8s-app: kube-dns}
    toPorts:
    - ports: [{port: "53", protocol: ANY}]
      rules: {dns: [{matchPattern: "*"}]}
`

var ciliumCases = []diffCase{
	{
		// An endpoint selector's In term of several values is the
		// endpoints of each value.
		name: "equal-in-values-as-endpoints",
		want: `
apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata: {name: db, namespace: shop}
spec:
  endpointSelector: {matchLabels: {app: db}}
  ingress:
  - fromEndpoints:
    - matchLabels: {app: api}
    - matchLabels: {app: migrate}
`,
		got: `
apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata: {name: db, namespace: shop}
spec:
  endpointSelector: {matchLabels: {app: db}}
  ingress:
  - fromEndpoints:
    - matchExpressions: [{key: app, operator: In, values: [migrate, api]}]
`,
	},
	{
		name: "equal-despite-order-split-and-prefixes",
		want: cnpAPI,
		got: `
apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata: {name: api-egress, namespace: shop}
specs:
- endpointSelector: {matchLabels: {k8s:app: api, k8s:io.kubernetes.pod.namespace: shop}}
  egress:
  - toEndpoints: [{matchLabels: {k8s-app: kube-dns, io.kubernetes.pod.namespace: kube-system}}]
    toPorts: [{ports: [{port: 53}], rules: {dns: [{matchPattern: "*"}]}}]
  - toCIDRSet: [{except: [10.1.0.0/16], cidr: 10.0.0.0/8}]
- endpointSelector: {matchLabels: {app: api}}
  egress:
  - toPorts: [{ports: [{port: "443", protocol: tcp}]}]
    toFQDNs: [{matchName: API.example.com.}]
---
apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata: {name: api-ingress, namespace: shop}
spec:
  endpointSelector: {matchExpressions: [{key: app, operator: In, values: [api]}]}
  ingress:
  - fromEndpoints:
    - matchLabels: {io.kubernetes.pod.namespace: monitoring, app: prometheus}
    toPorts:
    - ports: [{port: "8080", protocol: TCP}]
      rules: {http: [{path: "/public/.*", method: GET, headers: ["X-Trace", "X-Token: abc"]}]}
  - fromEndpoints: [{matchLabels: {app: web, k8s:io.kubernetes.pod.namespace: shop}}]
    toPorts:
    - ports: [{port: "8080", protocol: TCP}]
      rules: {http: [{path: "/public/.*", method: GET, headers: ["X-Trace", "X-Token: abc"]}]}
`,
	},
	{
		name: "diff-text",
		want: cnpAPI,
		got:  replace(replace(cnpAPI, `path: "/public/.*"`, `path: "/.*"`), "except: [10.1.0.0/16]", "except: []"),
		diff: []string{
			"CiliumNetworkPolicy shop (app=api): missing egress to cidr{10.0.0.0/8 except 10.1.0.0/16} any port",
			"CiliumNetworkPolicy shop (app=api): missing ingress from endpoints{app=prometheus,io.kubernetes.pod.namespace=monitoring} port 8080/TCP http{headers=[X-Token: abc, X-Trace] method=GET path=/public/.*}",
			"CiliumNetworkPolicy shop (app=api): missing ingress from endpoints{app=web} port 8080/TCP http{headers=[X-Token: abc, X-Trace] method=GET path=/public/.*}",
			"CiliumNetworkPolicy shop (app=api): extra egress to cidr{10.0.0.0/8} any port",
			"CiliumNetworkPolicy shop (app=api): extra ingress from endpoints{app=prometheus,io.kubernetes.pod.namespace=monitoring} port 8080/TCP http{headers=[X-Token: abc, X-Trace] method=GET path=/.*}",
			"CiliumNetworkPolicy shop (app=api): extra ingress from endpoints{app=web} port 8080/TCP http{headers=[X-Token: abc, X-Trace] method=GET path=/.*}",
		},
	},
	{
		name: "cidr-equals-cidrset-and-icmp-defaults",
		want: `
apiVersion: cilium.io/v2
kind: CiliumClusterwideNetworkPolicy
metadata: {name: ping}
spec:
  endpointSelector: {}
  egress:
  - toCIDR: [192.168.1.7/24]
    icmps: [{fields: [{type: EchoRequest}]}]
`,
		got: `
apiVersion: cilium.io/v2
kind: CiliumClusterwideNetworkPolicy
metadata: {name: ping-2}
spec:
  endpointSelector: {}
  enableDefaultDeny: {egress: true}
  egress:
  - toCIDRSet: [{cidr: 192.168.1.0/24}]
    icmps: [{fields: [{type: 8, family: IPv4}]}]
`,
	},
	{
		name:   "udp-vs-tcp",
		want:   cnpAPI,
		got:    replace(cnpAPI, `port: "443", protocol: TCP`, `port: "443", protocol: UDP`),
		differ: true,
	},
	{
		name:   "namespace-matters-for-peers",
		want:   cnpAPI,
		got:    replace(cnpAPI, "matchLabels: {app: web}", "matchLabels: {app: web, k8s:io.kubernetes.pod.namespace: other}"),
		differ: true,
	},
	{
		name: "enable-default-deny-false-vs-absent",
		want: `
apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata: {name: no-world, namespace: shop}
spec:
  endpointSelector: {}
  enableDefaultDeny: {egress: false}
  egressDeny: [{toEntities: [world]}]
`,
		got: `
apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata: {name: no-world, namespace: shop}
spec:
  endpointSelector: {}
  egressDeny: [{toEntities: [world]}]
`,
		diff: []string{"CiliumNetworkPolicy shop (all pods): extra default deny egress"},
	},
	{
		name: "deny-vs-allow",
		want: `
apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata: {name: p, namespace: shop}
spec:
  endpointSelector: {}
  ingressDeny: [{fromEntities: [world]}]
`,
		got: `
apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata: {name: p, namespace: shop}
spec:
  endpointSelector: {}
  ingress: [{fromEntities: [world]}]
`,
		diff: []string{
			"CiliumNetworkPolicy shop (all pods): missing deny ingress from entity{world} any port",
			"CiliumNetworkPolicy shop (all pods): extra ingress from entity{world} any port",
		},
	},
	{
		name: "default-deny-vs-allow-all",
		want: `
apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata: {name: p, namespace: shop}
spec: {endpointSelector: {}, egress: [{}]}
`,
		got: `
apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata: {name: p, namespace: shop}
spec: {endpointSelector: {}, egress: [{toEntities: [all]}]}
`,
		diff: []string{"CiliumNetworkPolicy shop (all pods): extra egress to entity{all} any port"},
	},
	{
		name: "any-port-spellings",
		want: `
apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata: {name: p, namespace: shop}
spec:
  nodeSelector: {matchLabels: {role: gw}}
  ingress: [{fromEntities: [cluster]}]
`,
		got: `
apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata: {name: p, namespace: shop}
spec:
  nodeSelector: {matchLabels: {role: gw}}
  ingress: [{fromEntities: [cluster], toPorts: [{ports: [{port: "0", protocol: ANY}]}]}]
`,
	},
}

func TestDiffCilium(t *testing.T) { runDiffCases(t, ciliumCases) }
