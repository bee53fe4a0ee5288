package connectivity

import (
	"slices"
	"strings"
	"testing"

	"github.com/kunerva/kunerva/internal/tree"
)

// FuzzNetwork reads any YAML as a NetworkPolicy and as each Cilium kind in
// the shop tree: the model either says what it cannot read, naming the
// policy, or decides every flow (a verdict, and a reason for unknown) and
// explains the policy.
func FuzzNetwork(f *testing.F) {
	for _, s := range []string{
		"spec: {podSelector: {}, policyTypes: [Ingress, Egress]}",
		"spec: {podSelector: {matchLabels: {app: payments}}, ingress: [{from: [{namespaceSelector: {matchLabels: {team: storefront}}, podSelector: {matchExpressions: [{key: app, operator: NotIn, values: [x]}]}}, {ipBlock: {cidr: 10.0.0.0/8, except: [10.1.0.0/16]}}], ports: [{port: https}, {port: 32000, endPort: 32768}]}]}",
		"spec: {endpointSelector: {}, egressDeny: [{toEntities: [world]}], enableDefaultDeny: {egress: false}}",
		"spec: {endpointSelector: {matchLabels: {app: frontend}}, egress: [{toEndpoints: [{matchLabels: {k8s:io.kubernetes.pod.namespace: kube-system}}], toPorts: [{ports: [{port: '53', protocol: ANY}], rules: {dns: [{matchPattern: '**.example.com'}]}}]}, {toFQDNs: [{matchPattern: '*.example.com'}], toPorts: [{ports: [{port: '443'}], rules: {http: [{method: GET, path: /x}]}}]}]}",
		"specs: [{nodeSelector: {}, ingress: [{fromCIDRSet: [{cidrGroupRef: g}]}]}, {endpointSelector: {matchLabels: {reserved:host: ''}}, ingress: [{}]}]",
		"spec: 3",
	} {
		f.Add([]byte(s))
	}
	shop, err := tree.Load("../../examples/shop")
	if err != nil {
		f.Fatal(err)
	}
	base, err := New(shop)
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, kind := range []string{"NetworkPolicy", "CiliumNetworkPolicy", "CiliumClusterwideNetworkPolicy"} {
			api, ns := "cilium.io/v2", "shop"
			switch kind {
			case "NetworkPolicy":
				api = "networking.k8s.io/v1"
			case "CiliumClusterwideNetworkPolicy":
				ns = ""
			}
			o := tree.Object{APIVersion: api, Kind: kind, Namespace: ns, Name: "p", YAML: data}
			m, err := base.With([]tree.Object{o})
			if err != nil {
				if !strings.Contains(err.Error(), kind+"/") {
					t.Errorf("error %q does not name the policy", err)
				}
				continue
			}
			for _, fl := range m.Flows() {
				if !slices.Contains([]Verdict{Allowed, Denied, Unknown}, fl.Result.Verdict) || fl.Result.Verdict == Unknown && fl.Result.Reason == "" {
					t.Errorf("flow %v -> %v: result %+v", fl.From, fl.To, fl.Result)
				}
			}
			if _, err := Diff(base, m); err != nil {
				t.Errorf("Diff: %v", err)
			}
			if _, err := Explain(shop, o); err != nil && !strings.Contains(err.Error(), kind+"/") {
				t.Errorf("Explain: %v", err)
			}
		}
	})
}
