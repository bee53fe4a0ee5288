package validate

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/kunerva/kunerva/internal/policy"
)

// Policy documents for the widening cases: kind, then the spec as flow YAML.
func npDoc(spec string) string {
	return "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: p, namespace: web}\nspec: " + spec + "\n"
}

func cnpDoc(spec string) string {
	return "apiVersion: cilium.io/v2\nkind: CiliumNetworkPolicy\nmetadata: {name: p, namespace: web}\nspec: " + spec + "\n"
}

func ccnpDoc(spec string) string {
	return "apiVersion: cilium.io/v2\nkind: CiliumClusterwideNetworkPolicy\nmetadata: {name: p}\nspec: " + spec + "\n"
}

func kubeArmorDoc(kind, spec string) string {
	return "apiVersion: security.kubearmor.com/v1\nkind: " + kind + "\nmetadata: {name: p}\nspec: " + spec + "\n"
}

// widensCases are, for each way of widening access, policies that widen
// (one finding each, at the field in want) and their narrow counterparts and
// deny rules (no finding).
var widensCases = []struct {
	name, doc string
	way       policy.Widening // the way of widening the findings are, for forbid
	want      []string        // the fields of the widens-access findings
}{
	// all-peers
	{"NetworkPolicy ingress [{}]", npDoc(`{podSelector: {}, ingress: [{}]}`), policy.WideningAllPeers, []string{"spec.ingress[0]"}},
	{"NetworkPolicy egress rule with ports only", npDoc(`{podSelector: {}, policyTypes: [Egress], egress: [{ports: [{port: 443}]}]}`), policy.WideningAllPeers, []string{"spec.egress[0]"}},
	{"NetworkPolicy from: []", npDoc(`{podSelector: {}, ingress: [{from: [], ports: [{port: 80}]}]}`), policy.WideningAllPeers, []string{"spec.ingress[0]"}},
	{"Cilium rule with ports and no peer", cnpDoc(`{endpointSelector: {}, ingress: [{toPorts: [{ports: [{port: "80", protocol: TCP}]}]}]}`), policy.WideningAllPeers, []string{"spec.ingress[0]"}},
	{"Cilium rule with ICMP and no peer", cnpDoc(`{endpointSelector: {}, egress: [{icmps: [{fields: [{type: 8}]}]}]}`), policy.WideningAllPeers, []string{"spec.egress[0]"}},
	{"Cilium entity all", cnpDoc(`{endpointSelector: {}, egress: [{toEntities: [all]}]}`), policy.WideningAllPeers, []string{"spec.egress[0].toEntities[0]"}},
	{"narrow: NetworkPolicy from the pods of its namespace", npDoc(`{podSelector: {}, ingress: [{from: [{podSelector: {}}]}]}`), "", nil},
	{"narrow: NetworkPolicy ingress [{}] that policyTypes does not enforce", npDoc(`{podSelector: {}, policyTypes: [Egress], ingress: [{}], egress: [{to: [{podSelector: {}}]}]}`), "", nil},
	{"NetworkPolicy egress [{}] that policyTypes enforces", npDoc(`{podSelector: {}, policyTypes: [Ingress, Egress], egress: [{}]}`), policy.WideningAllPeers, []string{"spec.egress[0]"}},
	{"narrow: NetworkPolicy ingress: [] denies all", npDoc(`{podSelector: {}, policyTypes: [Ingress], ingress: []}`), "", nil},
	{"narrow: Cilium ingress [{}] is default deny", cnpDoc(`{endpointSelector: {}, ingress: [{}]}`), "", nil},
	{"narrow: Cilium rule with ports and a peer", cnpDoc(`{endpointSelector: {}, ingress: [{fromEndpoints: [{matchLabels: {app: a}}], toPorts: [{ports: [{port: "80"}]}]}]}`), "", nil},
	{"deny: Cilium ingressDeny with ports and no peer", cnpDoc(`{endpointSelector: {}, ingressDeny: [{toPorts: [{ports: [{port: "22"}]}]}]}`), "", nil},
	{"deny: Cilium egressDeny entity all", cnpDoc(`{endpointSelector: {}, egressDeny: [{toEntities: [all]}]}`), "", nil},

	// all-addresses
	{"NetworkPolicy ipBlock 0.0.0.0/0", npDoc(`{podSelector: {}, egress: [{to: [{ipBlock: {cidr: 0.0.0.0/0}}]}]}`), policy.WideningAllAddresses, []string{"spec.egress[0].to[0].ipBlock.cidr"}},
	{"NetworkPolicy ipBlock ::/0 with except", npDoc(`{podSelector: {}, ingress: [{from: [{podSelector: {}}, {ipBlock: {cidr: "::/0", except: ["fd00::/8"]}}]}]}`), policy.WideningAllAddresses, []string{"spec.ingress[0].from[1].ipBlock.cidr"}},
	{"Cilium toCIDR 0.0.0.0/0", cnpDoc(`{endpointSelector: {}, egress: [{toCIDR: [10.0.0.0/8, 0.0.0.0/0]}]}`), policy.WideningAllAddresses, []string{"spec.egress[0].toCIDR[1]"}},
	{"Cilium fromCIDRSet 0.0.0.0/0", cnpDoc(`{endpointSelector: {}, ingress: [{fromCIDRSet: [{cidr: 0.0.0.0/0, except: [10.0.0.0/8]}]}]}`), policy.WideningAllAddresses, []string{"spec.ingress[0].fromCIDRSet[0].cidr"}},
	{"narrow: NetworkPolicy ipBlock 203.0.113.0/24", npDoc(`{podSelector: {}, egress: [{to: [{ipBlock: {cidr: 203.0.113.0/24}}]}]}`), "", nil},
	{"narrow: Cilium toCIDR 10.0.0.0/8", cnpDoc(`{endpointSelector: {}, egress: [{toCIDR: [10.0.0.0/8]}]}`), "", nil},
	{"deny: Cilium egressDeny toCIDR 0.0.0.0/0", cnpDoc(`{endpointSelector: {}, egressDeny: [{toCIDR: [0.0.0.0/0]}, {toCIDRSet: [{cidr: "::/0"}]}]}`), "", nil},

	// world
	{"Cilium toEntities world", cnpDoc(`{endpointSelector: {}, egress: [{toEntities: [world], toPorts: [{ports: [{port: "443", protocol: TCP}]}]}]}`), policy.WideningWorld, []string{"spec.egress[0].toEntities[0]"}},
	{"Cilium fromEntities world-ipv4", cnpDoc(`{endpointSelector: {}, ingress: [{fromEntities: [host, world-ipv4]}]}`), policy.WideningWorld, []string{"spec.ingress[0].fromEntities[1]"}},
	{"Cilium toFQDNs matchPattern *", cnpDoc(`{endpointSelector: {}, egress: [{toFQDNs: [{matchPattern: "*"}]}]}`), policy.WideningWorld, []string{"spec.egress[0].toFQDNs[0].matchPattern"}},
	{"narrow: Cilium toEntities kube-apiserver", cnpDoc(`{endpointSelector: {}, egress: [{toEntities: [kube-apiserver, host, remote-node]}]}`), "", nil},
	{"narrow: Cilium toFQDNs *.example.com", cnpDoc(`{endpointSelector: {}, egress: [{toFQDNs: [{matchPattern: "*.example.com"}, {matchName: example.com}]}]}`), "", nil},
	{"narrow: Cilium DNS proxy rule matchPattern *", cnpDoc(`{endpointSelector: {}, egress: [{toEndpoints: [{matchLabels: {k8s:io.kubernetes.pod.namespace: kube-system, k8s:k8s-app: kube-dns}}], toPorts: [{ports: [{port: "53", protocol: ANY}], rules: {dns: [{matchPattern: "*"}]}}]}]}`), "", nil},
	{"deny: Cilium ingressDeny fromEntities world", cnpDoc(`{endpointSelector: {}, ingressDeny: [{fromEntities: [world]}]}`), "", nil},
	{"deny: Cilium egressDeny toEntities world", ccnpDoc(`{endpointSelector: {}, egressDeny: [{toEntities: [world]}]}`), "", nil},
	{"deny: KubeArmor Block of network", kubeArmorDoc("KubeArmorPolicy", `{selector: {matchLabels: {app: a}}, network: {matchProtocols: [{protocol: raw}]}, action: Block}`), "", nil},

	// all-namespaces
	{"NetworkPolicy namespaceSelector {}", npDoc(`{podSelector: {}, ingress: [{from: [{namespaceSelector: {}}]}]}`), policy.WideningAllNamespaces, []string{"spec.ingress[0].from[0].namespaceSelector"}},
	{"NetworkPolicy namespaceSelector {} with pods", npDoc(`{podSelector: {}, egress: [{to: [{namespaceSelector: {}, podSelector: {matchLabels: {app: db}}}]}]}`), policy.WideningAllNamespaces, []string{"spec.egress[0].to[0].namespaceSelector"}},
	{"NetworkPolicy namespaceSelector on the name label, Exists", npDoc(`{podSelector: {}, ingress: [{from: [{namespaceSelector: {matchExpressions: [{key: kubernetes.io/metadata.name, operator: Exists}]}}]}]}`), policy.WideningAllNamespaces, []string{"spec.ingress[0].from[0].namespaceSelector"}},
	{"Cilium peer with the namespace label, Exists", cnpDoc(`{endpointSelector: {}, ingress: [{fromEndpoints: [{matchExpressions: [{key: k8s:io.kubernetes.pod.namespace, operator: Exists}]}]}]}`), policy.WideningAllNamespaces, []string{"spec.ingress[0].fromEndpoints[0]"}},
	{"Cilium entity cluster", cnpDoc(`{endpointSelector: {}, ingress: [{fromEntities: [cluster]}]}`), policy.WideningAllNamespaces, []string{"spec.ingress[0].fromEntities[0]"}},
	{"narrow: NetworkPolicy namespaceSelector by label", npDoc(`{podSelector: {}, ingress: [{from: [{namespaceSelector: {matchLabels: {team: shop}}}]}]}`), "", nil},
	{"narrow: Cilium peer {} of a namespaced policy", cnpDoc(`{endpointSelector: {}, ingress: [{fromEndpoints: [{}]}]}`), "", nil},
	{"narrow: Cilium peer in a named namespace", cnpDoc(`{endpointSelector: {}, ingress: [{fromEndpoints: [{matchLabels: {k8s:io.kubernetes.pod.namespace: shop}}]}]}`), "", nil},

	// cluster-wide, and the peers of a cluster-wide policy
	{"CiliumClusterwideNetworkPolicy peer {}", ccnpDoc(`{endpointSelector: {matchLabels: {k8s:io.kubernetes.pod.namespace: web}}, ingress: [{fromEndpoints: [{}]}]}`), policy.WideningClusterWide, []string{"kind", "spec.ingress[0].fromEndpoints[0]"}},
	{"CiliumClusterwideNetworkPolicy peer without a namespace", ccnpDoc(`{endpointSelector: {}, egress: [{toEndpoints: [{matchLabels: {app: db}}, {matchLabels: {app: db, k8s:io.kubernetes.pod.namespace: data}}]}]}`), policy.WideningClusterWide, []string{"kind", "spec.egress[0].toEndpoints[0]"}},
	{"CiliumClusterwideNetworkPolicy for nodes", ccnpDoc(`{nodeSelector: {}, ingress: [{fromEntities: [host]}]}`), policy.WideningClusterWide, []string{"kind"}},
	{"CiliumClusterwideNetworkPolicy allows in specs[1]", "apiVersion: cilium.io/v2\nkind: CiliumClusterwideNetworkPolicy\nmetadata: {name: p}\nspecs: [{endpointSelector: {}, ingressDeny: [{fromEntities: [world]}]}, {endpointSelector: {}, egress: [{toEntities: [kube-apiserver]}]}]\n", policy.WideningClusterWide, []string{"kind"}},
	{"KubeArmorClusterPolicy Allow", kubeArmorDoc("KubeArmorClusterPolicy", `{selector: {matchExpressions: [{key: namespace, operator: In, values: [web]}]}, file: {matchDirectories: [{dir: /etc/nginx/}]}, action: Allow}`), policy.WideningClusterWide, []string{"kind"}},
	{"KubeArmorHostPolicy Allow", kubeArmorDoc("KubeArmorHostPolicy", `{nodeSelector: {matchLabels: {kubernetes.io/os: linux}}, process: {matchPaths: [{path: /usr/sbin/sshd, action: Allow}]}, action: Block}`), policy.WideningClusterWide, []string{"kind"}},
	{"narrow: CiliumClusterwideNetworkPolicy that only denies", ccnpDoc(`{endpointSelector: {}, ingressDeny: [{fromEntities: [world]}]}`), "", nil},
	{"narrow: CiliumClusterwideNetworkPolicy egress [{}] allows nothing", ccnpDoc(`{endpointSelector: {}, egress: [{}]}`), "", nil},
	{"narrow: KubeArmorClusterPolicy Block", kubeArmorDoc("KubeArmorClusterPolicy", `{selector: {}, process: {matchPaths: [{path: /usr/bin/apt}]}, action: Block}`), "", nil},
	{"narrow: KubeArmorHostPolicy Block and Audit", kubeArmorDoc("KubeArmorHostPolicy", `{nodeSelector: {}, file: {matchPaths: [{path: /etc/shadow, action: Audit}]}, action: Block}`), "", nil},
	{"narrow: KubeArmorPolicy Allow", "apiVersion: security.kubearmor.com/v1\nkind: KubeArmorPolicy\nmetadata: {name: p, namespace: web}\nspec: {selector: {}, process: {matchPaths: [{path: /bin/app}]}, action: Allow}\n", "", nil},
}

// TestCheckWidens runs the checks on each case: a widening is a warning at
// its field, an error when forbidden (and a warning still when something
// else is), and what narrows or denies is not reported.
func TestCheckWidens(t *testing.T) {
	for _, tc := range widensCases {
		t.Run(tc.name, func(t *testing.T) {
			docs, err := Parse("p.yaml", []byte(tc.doc))
			if err != nil {
				t.Fatal(err)
			}
			others := map[policy.Widening]bool{}
			for _, w := range policy.Widenings {
				others[w] = w != tc.way
			}
			for _, run := range []struct {
				forbid map[policy.Widening]bool
				sev    Severity
			}{{nil, SeverityWarning}, {others, SeverityWarning}, {map[policy.Widening]bool{tc.way: true}, SeverityError}} {
				var fields []string
				for _, f := range check(docs, nil, run.forbid) {
					if f.Check != CheckWidensAccess {
						continue
					}
					fields = append(fields, f.Field)
					// The cluster-wide case's peers are all-namespaces.
					sev := run.sev
					if tc.way == policy.WideningClusterWide && f.Field != "kind" {
						sev = map[bool]Severity{false: SeverityWarning, true: SeverityError}[run.forbid[policy.WideningAllNamespaces]]
					}
					if f.Severity != sev {
						t.Errorf("forbid %v: %s", run.forbid, f)
					}
					if run.forbid[tc.way] && len(tc.want) > 0 && f.Field == tc.want[0] && !strings.HasSuffix(f.Message, "; forbidden (forbid: "+string(tc.way)+")") {
						t.Errorf("forbidden, the message does not say by what: %s", f)
					}
				}
				if !slices.Equal(fields, tc.want) {
					t.Errorf("forbid %v: widens-access at %q, want %q", run.forbid, fields, tc.want)
				}
			}
		})
	}
}

// A session's Config.Forbid turns a widening into an error finding;
// HasWidening finds it; an unknown name is an error that lists the known.
func TestConfigForbid(t *testing.T) {
	ctx := context.Background()
	docs, err := Parse("p.yaml", []byte(cnpDoc(`{endpointSelector: {}, egress: [{toEntities: [world]}]}`)))
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		forbid []string
		want   Severity
	}{{nil, SeverityWarning}, {[]string{"cluster-wide"}, SeverityWarning}, {[]string{" World", "all-peers"}, SeverityError}} {
		s, err := Open(ctx, Config{Stages: []Stage{StageChecks}, Forbid: tc.forbid}, nil)
		if err != nil {
			t.Fatal(err)
		}
		findings, err := s.Validate(ctx, docs)
		if err != nil {
			t.Fatal(err)
		}
		if !HasWidening(findings) || len(findings) != 1 || findings[0].Severity != tc.want || HasErrors(findings) != (tc.want == SeverityError) {
			t.Errorf("forbid %q: %v, want one %s", tc.forbid, findings, tc.want)
		}
	}
	if HasWidening([]Finding{{Check: checkShadow}}) {
		t.Error("HasWidening of a shadow finding")
	}
	_, err = Open(ctx, Config{Stages: []Stage{StageChecks}, Forbid: []string{"world", "internet", "everything"}}, nil)
	if err == nil || !strings.Contains(err.Error(), `forbid: unknown widening "internet": use all-peers, all-addresses, world, all-namespaces, cluster-wide`) || !strings.Contains(err.Error(), `"everything"`) {
		t.Errorf("Open with unknown names = %v", err)
	}
}
