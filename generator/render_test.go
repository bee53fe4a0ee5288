package generator_test

import (
	"bytes"
	"errors"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"sigs.k8s.io/yaml"

	"github.com/kunerva/kunerva/generator"
	"github.com/kunerva/kunerva/internal/testing/golden"
)

func labels(kv ...string) *metav1.LabelSelector {
	s := &metav1.LabelSelector{MatchLabels: map[string]string{}}
	for i := 0; i+1 < len(kv); i += 2 {
		s.MatchLabels[kv[i]] = kv[i+1]
	}
	return s
}

func pods(ns string, sel *metav1.LabelSelector, name string) generator.Subject {
	return generator.Subject{Scope: generator.ScopePods, Namespace: ns, Pods: sel, Name: name}
}

func intent(subject generator.Subject, network []generator.NetworkRule, system []generator.SystemRule) *generator.Intent {
	return &generator.Intent{Request: "a hand-built intent", Engine: "test", Subject: subject, Network: network, System: system}
}

// noDefaultDeny leaves the intent's pods out of default deny in the directions.
func noDefaultDeny(in *generator.Intent, dirs ...generator.Direction) *generator.Intent {
	in.NoDefaultDeny = dirs
	return in
}

// TestRender checks what each renderer makes of hand-built intents. want maps a
// dotted path into the rendered object (spec.ingress.0.from) to its value as
// YAML; "null" means the field is absent.
func TestRender(t *testing.T) {
	fileRule := []generator.SystemRule{{Kind: generator.File, Action: generator.ActionBlock, Path: "/etc/shadow"}}
	tests := []struct {
		name     string
		in       *generator.Intent
		kind     generator.Kind
		wantKind generator.Kind
		want     map[string]string
		// wantUnsupported is a phrase the *UnsupportedError must contain.
		wantUnsupported string
	}{
		{
			name:     "egress-only isolation lists Egress alone",
			in:       intent(pods("data", nil, ""), []generator.NetworkRule{{Direction: generator.Egress, Verdict: generator.Isolate}}, nil),
			wantKind: generator.KindNetworkPolicy,
			want: map[string]string{
				"spec.policyTypes": "[Egress]",
				"spec.podSelector": "{}",
				"spec.egress":      "null",
				"spec.ingress":     "null",
			},
		},
		{
			name: "isolation in both directions lists both",
			in: intent(pods("data", labels("app", "db"), "db"), []generator.NetworkRule{
				{Direction: generator.Egress, Verdict: generator.Isolate},
				{Direction: generator.Ingress, Verdict: generator.Isolate},
			}, nil),
			wantKind: generator.KindNetworkPolicy,
			want:     map[string]string{"spec.policyTypes": "[Ingress, Egress]", "spec.podSelector": "{matchLabels: {app: db}}"},
		},
		{
			name: "AND peer: pods in a named namespace are one peer",
			in: intent(pods("shop", labels("app", "frontend"), "frontend"), []generator.NetworkRule{{
				Direction: generator.Ingress, Verdict: generator.Allow,
				Peers: []generator.Peer{{Pods: labels("app", "nginx"), Namespace: "web"}},
				Ports: []generator.Port{{Port: 8080}},
			}}, nil),
			wantKind: generator.KindNetworkPolicy,
			want: map[string]string{
				"spec.policyTypes":     "[Ingress]",
				"spec.ingress.0.from":  "[{podSelector: {matchLabels: {app: nginx}}, namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: web}}}]",
				"spec.ingress.0.ports": "[{port: 8080, protocol: TCP}]",
			},
		},
		{
			name: "AND peer: pods in labelled namespaces are one peer",
			in: intent(pods("payments", labels("app", "payments"), "payments"), []generator.NetworkRule{{
				Direction: generator.Ingress, Verdict: generator.Allow,
				Peers: []generator.Peer{{Pods: labels("app.kubernetes.io/name", "prometheus"), Namespaces: labels("team", "ops")}},
				Ports: []generator.Port{{Name: "metrics"}},
			}}, nil),
			wantKind: generator.KindNetworkPolicy,
			want: map[string]string{
				"spec.ingress.0.from":  "[{podSelector: {matchLabels: {app.kubernetes.io/name: prometheus}}, namespaceSelector: {matchLabels: {team: ops}}}]",
				"spec.ingress.0.ports": "[{port: metrics, protocol: TCP}]",
			},
		},
		{
			name: "OR peers: pods here or any pod of a namespace are two peers",
			in: intent(pods("shop", labels("app", "frontend"), "frontend"), []generator.NetworkRule{{
				Direction: generator.Ingress, Verdict: generator.Allow,
				Peers: []generator.Peer{{Pods: labels("app", "nginx")}, {Namespace: "monitoring"}},
			}}, nil),
			wantKind: generator.KindNetworkPolicy,
			want: map[string]string{
				"spec.ingress.0.from":  "[{podSelector: {matchLabels: {app: nginx}}}, {namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: monitoring}}}]",
				"spec.ingress.0.ports": "null",
			},
		},
		{
			name: "forced NetworkPolicy refuses a DNS name",
			in: intent(pods("shop", labels("app", "checkout"), "checkout"), []generator.NetworkRule{{
				Direction: generator.Egress, Verdict: generator.Allow,
				Peers: []generator.Peer{{FQDN: "api.stripe.com"}},
				Ports: []generator.Port{{Port: 443}},
			}}, nil),
			kind:            generator.KindNetworkPolicy,
			wantUnsupported: "DNS names",
		},
		{
			name:            "forced NetworkPolicy refuses a file rule",
			in:              intent(pods("web", labels("app", "nginx"), "nginx"), nil, fileRule),
			kind:            generator.KindNetworkPolicy,
			wantUnsupported: "no file, process or capability rules",
		},
		{
			name:            "forced KubeArmorPolicy refuses a network rule",
			in:              intent(pods("web", nil, ""), []generator.NetworkRule{{Direction: generator.Ingress, Verdict: generator.Isolate}}, nil),
			kind:            generator.KindKubeArmor,
			wantUnsupported: "no network peers or ports",
		},
		{
			name:            "forced NetworkPolicy refuses a cluster-wide subject",
			in:              intent(generator.Subject{Scope: generator.ScopeCluster}, []generator.NetworkRule{{Direction: generator.Ingress, Verdict: generator.Isolate}}, nil),
			kind:            generator.KindNetworkPolicy,
			wantUnsupported: "cluster-wide",
		},
		{
			name: "a DNS name picks Cilium",
			in: intent(pods("shop", labels("app", "checkout"), "checkout"), []generator.NetworkRule{{
				Direction: generator.Egress, Verdict: generator.Allow,
				Peers: []generator.Peer{{FQDN: "*.stripe.com"}},
				Ports: []generator.Port{{Port: 443}},
			}}, nil),
			wantKind: generator.KindCilium,
			want: map[string]string{
				"spec.egress.0.toFQDNs":  "[{matchPattern: '*.stripe.com'}]",
				"spec.egress.0.toPorts":  "[{ports: [{port: '443', protocol: TCP}]}]",
				"spec.enableDefaultDeny": "null",
				"spec.endpointSelector":  "{matchLabels: {app: checkout}}",
				"metadata.namespace":     "shop",
			},
		},
		{
			name: "Cilium pure ingress deny turns default deny off for ingress only",
			in: intent(pods("data", labels("app", "db"), "db"), []generator.NetworkRule{{
				Direction: generator.Ingress, Verdict: generator.Deny,
				Peers: []generator.Peer{{Pods: labels("app", "toolbox"), Namespace: "shop"}},
			}}, nil),
			wantKind: generator.KindCilium,
			want: map[string]string{
				"spec.enableDefaultDeny": "{ingress: false}",
				"spec.ingressDeny":       "[{fromEndpoints: [{matchLabels: {app: toolbox, k8s:io.kubernetes.pod.namespace: shop}}]}]",
				"spec.ingress":           "null",
			},
		},
		{
			name: "Cilium egress deny next to an ingress allow turns default deny off for egress only",
			in: intent(pods("shop", labels("app", "frontend"), "frontend"), []generator.NetworkRule{
				{Direction: generator.Ingress, Verdict: generator.Allow, Peers: []generator.Peer{{Entity: "world"}}, Ports: []generator.Port{{Port: 8080}}},
				{Direction: generator.Egress, Verdict: generator.Deny, Peers: []generator.Peer{{CIDR: "169.254.169.254/32"}}},
			}, nil),
			wantKind: generator.KindCilium,
			want: map[string]string{
				"spec.enableDefaultDeny":      "{egress: false}",
				"spec.ingress.0.fromEntities": "[world]",
				"spec.egressDeny":             "[{toCIDRSet: [{cidr: 169.254.169.254/32}]}]",
			},
		},
		{
			name: "Cilium deny beside an allow in the same direction keeps default deny",
			in: intent(pods("shop", labels("app", "frontend"), "frontend"), []generator.NetworkRule{
				{Direction: generator.Egress, Verdict: generator.Allow, Peers: []generator.Peer{{CIDR: "10.0.0.0/8"}}},
				{Direction: generator.Egress, Verdict: generator.Deny, Peers: []generator.Peer{{CIDR: "10.1.0.0/16"}}},
			}, nil),
			wantKind: generator.KindCilium,
			want:     map[string]string{"spec.enableDefaultDeny": "null"},
		},
		{
			name: "an allow left out of default deny picks Cilium and turns default deny off for its direction",
			in: noDefaultDeny(intent(pods("ai", labels("app", "agent"), "agent"), []generator.NetworkRule{
				{Direction: generator.Ingress, Verdict: generator.Allow, Peers: []generator.Peer{{Pods: labels("app", "envoy"), Namespace: "network"}}, Ports: []generator.Port{{Port: 8080}}},
			}, nil), generator.Ingress),
			wantKind: generator.KindCilium,
			want: map[string]string{
				"spec.enableDefaultDeny":       "{ingress: false}",
				"spec.ingress.0.fromEndpoints": "[{matchLabels: {app: envoy, k8s:io.kubernetes.pod.namespace: network}}]",
				"spec.egress":                  "null",
			},
		},
		{
			name: "a Cilium peer in any namespace says so: without a namespace label it would be the policy's namespace only",
			in: intent(pods("cache", labels("app", "redis"), "redis"), []generator.NetworkRule{
				{Direction: generator.Ingress, Verdict: generator.Allow, Peers: []generator.Peer{{Pods: labels("app", "api"), Namespaces: &metav1.LabelSelector{}}}, Ports: []generator.Port{{Port: 6379}}},
				{Direction: generator.Ingress, Verdict: generator.Deny, Peers: []generator.Peer{{Namespaces: &metav1.LabelSelector{}}}, Ports: []generator.Port{{Port: 22}}},
			}, nil),
			wantKind: generator.KindCilium,
			want: map[string]string{
				"spec.ingress.0.fromEndpoints":     "[{matchExpressions: [{key: k8s:io.kubernetes.pod.namespace, operator: Exists}], matchLabels: {app: api}}]",
				"spec.ingressDeny.0.fromEndpoints": "[{matchExpressions: [{key: k8s:io.kubernetes.pod.namespace, operator: Exists}]}]",
			},
		},
		{
			name: "both directions left out of default deny, one of them with deny rules only",
			in: noDefaultDeny(intent(pods("ai", labels("app", "agent"), "agent"), []generator.NetworkRule{
				{Direction: generator.Egress, Verdict: generator.Allow, Peers: []generator.Peer{{Entity: "world"}}, Ports: []generator.Port{{Port: 443}}},
				{Direction: generator.Ingress, Verdict: generator.Deny, Peers: []generator.Peer{{Entity: "world"}}},
			}, nil), generator.Egress, generator.Ingress),
			wantKind: generator.KindCilium,
			want: map[string]string{
				"spec.enableDefaultDeny":   "{egress: false, ingress: false}",
				"spec.egress.0.toEntities": "[world]",
				"spec.ingressDeny":         "[{fromEntities: [world]}]",
			},
		},
		{
			name: "a cluster-wide allow left out of default deny",
			in: noDefaultDeny(intent(generator.Subject{Scope: generator.ScopeCluster}, []generator.NetworkRule{
				{Direction: generator.Ingress, Verdict: generator.Allow, Peers: []generator.Peer{{Entity: "host"}, {Entity: "remote-node"}}},
			}, nil), generator.Ingress),
			wantKind: generator.KindCiliumClusterwide,
			want: map[string]string{
				"spec.enableDefaultDeny": "{ingress: false}",
				"spec.endpointSelector":  "{}",
			},
		},
		{
			name: "forced NetworkPolicy refuses an allow left out of default deny",
			in: noDefaultDeny(intent(pods("ai", labels("app", "agent"), "agent"), []generator.NetworkRule{
				{Direction: generator.Ingress, Verdict: generator.Allow, Peers: []generator.Peer{{Pods: labels("app", "envoy")}}, Ports: []generator.Port{{Port: 8080}}},
			}, nil), generator.Ingress),
			kind:            generator.KindNetworkPolicy,
			wantUnsupported: "enableDefaultDeny: false",
		},
		{
			name: "forced KubeArmorPolicy refuses an allow left out of default deny",
			in: noDefaultDeny(intent(pods("ai", labels("app", "agent"), "agent"), []generator.NetworkRule{
				{Direction: generator.Ingress, Verdict: generator.Allow, Peers: []generator.Peer{{Pods: labels("app", "envoy")}}, Ports: []generator.Port{{Port: 8080}}},
			}, nil), generator.Ingress),
			kind:            generator.KindKubeArmor,
			wantUnsupported: "no network peers or ports",
		},
		{
			name:     "cluster-wide network subject is a CiliumClusterwideNetworkPolicy",
			in:       intent(generator.Subject{Scope: generator.ScopeCluster, Namespaces: []string{"kube-system"}, ExceptNamespaces: true}, []generator.NetworkRule{{Direction: generator.Ingress, Verdict: generator.Isolate}}, nil),
			wantKind: generator.KindCiliumClusterwide,
			want: map[string]string{
				"metadata.namespace":    "null",
				"spec.endpointSelector": "{matchExpressions: [{key: k8s:io.kubernetes.pod.namespace, operator: NotIn, values: [kube-system]}]}",
				"spec.ingress":          "[{}]",
			},
		},
		{
			name:     "cluster-wide subject in namespaces selected by label",
			in:       intent(generator.Subject{Scope: generator.ScopeCluster, Pods: labels("role", "server"), NamespaceLabels: labels("env", "prod")}, []generator.NetworkRule{{Direction: generator.Egress, Verdict: generator.Deny, Peers: []generator.Peer{{Entity: "world"}}}}, nil),
			wantKind: generator.KindCiliumClusterwide,
			want: map[string]string{
				"spec.endpointSelector": "{matchLabels: {k8s:io.cilium.k8s.namespace.labels.env: prod, role: server}}",
			},
		},
		{
			name:     "KubeArmor pods in a namespace",
			in:       intent(pods("web", labels("app", "nginx"), "nginx"), nil, fileRule),
			wantKind: generator.KindKubeArmor,
			want: map[string]string{
				"metadata.namespace": "web",
				"spec.selector":      "{matchLabels: {app: nginx}}",
				"spec.file":          "{matchPaths: [{path: /etc/shadow, action: Block}]}",
			},
		},
		{
			name:     "KubeArmor every pod of a namespace selects with empty labels",
			in:       intent(pods("web", nil, ""), nil, fileRule),
			wantKind: generator.KindKubeArmor,
			want:     map[string]string{"spec.selector": "{matchLabels: {}}"},
		},
		{
			name:     "KubeArmor cluster policy for listed namespaces",
			in:       intent(generator.Subject{Scope: generator.ScopeCluster, Namespaces: []string{"shop", "payments"}}, nil, fileRule),
			wantKind: generator.KindKubeArmorCluster,
			want: map[string]string{
				"metadata.namespace": "null",
				"spec.selector":      "{matchExpressions: [{key: namespace, operator: In, values: [shop, payments]}]}",
			},
		},
		{
			name:     "KubeArmor cluster policy except some namespaces, with a label",
			in:       intent(generator.Subject{Scope: generator.ScopeCluster, Namespaces: []string{"kube-system"}, ExceptNamespaces: true, Pods: labels("tier", "web")}, nil, fileRule),
			wantKind: generator.KindKubeArmorCluster,
			want: map[string]string{
				"spec.selector": "{matchExpressions: [{key: namespace, operator: NotIn, values: [kube-system]}, {key: label, operator: In, values: [tier=web]}]}",
			},
		},
		{
			name:     "KubeArmor host policy for every node",
			in:       intent(generator.Subject{Scope: generator.ScopeNodes}, nil, fileRule),
			wantKind: generator.KindKubeArmorHost,
			want: map[string]string{
				"metadata.namespace": "null",
				"spec.nodeSelector":  "{matchLabels: {kubernetes.io/os: linux}}",
				"spec.selector":      "null",
			},
		},
		{
			name: "KubeArmor syscall rule anywhere audits by the policy's action",
			in: intent(pods("web", labels("app", "nginx"), "nginx"), nil, []generator.SystemRule{
				{Kind: generator.Syscall, Action: generator.ActionAudit, Syscalls: []string{"unlink", "rmdir"}},
			}),
			wantKind: generator.KindKubeArmor,
			want: map[string]string{
				"spec.syscalls": "{matchSyscalls: [{syscall: [unlink, rmdir]}]}",
				"spec.action":   "Audit",
				"spec.file":     "null",
				"spec.selector": "{matchLabels: {app: nginx}}",
			},
		},
		{
			name: "KubeArmor syscall rule from a source",
			in: intent(pods("web", labels("app", "nginx"), "nginx"), nil, []generator.SystemRule{
				{Kind: generator.Syscall, Action: generator.ActionAudit, Syscalls: []string{"mount"}, FromSource: []string{"/bin/busybox"}},
			}),
			wantKind: generator.KindKubeArmor,
			want: map[string]string{
				"spec.syscalls": "{matchSyscalls: [{syscall: [mount], fromSource: [{path: /bin/busybox}]}]}",
				"spec.action":   "Audit",
			},
		},
		{
			name: "KubeArmor syscall rules on a file and on a directory tree are matchPaths",
			in: intent(pods("web", labels("app", "nginx"), "nginx"), nil, []generator.SystemRule{
				{Kind: generator.Syscall, Action: generator.ActionAudit, Syscalls: []string{"unlink"}, Path: "/etc/nginx/nginx.conf"},
				{Kind: generator.Syscall, Action: generator.ActionAudit, Syscalls: []string{"unlink", "rmdir"}, Dir: "/var/log/", Recursive: true, FromSource: []string{"/usr/bin/rm"}},
				{Kind: generator.Syscall, Action: generator.ActionAudit, Syscalls: []string{"chmod"}, Dir: "/tmp/"},
			}),
			wantKind: generator.KindKubeArmor,
			want: map[string]string{
				"spec.syscalls.matchPaths": "[{path: /etc/nginx/nginx.conf, syscall: [unlink]}, " +
					"{path: /var/log/, recursive: true, syscall: [unlink, rmdir], fromSource: [{path: /usr/bin/rm}]}, " +
					"{path: /tmp/, syscall: [chmod]}]",
				"spec.syscalls.matchSyscalls": "null",
				"spec.action":                 "Audit",
			},
		},
		{
			name: "KubeArmor syscall rule beside a file rule keeps the file rule's own action",
			in: intent(pods("web", labels("app", "nginx"), "nginx"), nil, []generator.SystemRule{
				{Kind: generator.File, Action: generator.ActionBlock, Path: "/etc/shadow"},
				{Kind: generator.Syscall, Action: generator.ActionAudit, Syscalls: []string{"ptrace"}},
			}),
			wantKind: generator.KindKubeArmor,
			want: map[string]string{
				"spec.file":     "{matchPaths: [{path: /etc/shadow, action: Block}]}",
				"spec.syscalls": "{matchSyscalls: [{syscall: [ptrace]}]}",
				"spec.action":   "Audit",
			},
		},
		{
			name: "KubeArmor host policy audits syscalls on the nodes",
			in: intent(generator.Subject{Scope: generator.ScopeNodes}, nil, []generator.SystemRule{
				{Kind: generator.Syscall, Action: generator.ActionAudit, Syscalls: []string{"mount", "umount2"}},
			}),
			wantKind: generator.KindKubeArmorHost,
			want: map[string]string{
				"spec.syscalls": "{matchSyscalls: [{syscall: [mount, umount2]}]}",
				"spec.action":   "Audit",
			},
		},
		{
			name: "ICMPv6 types are IPv6 ICMP fields in Cilium",
			in: intent(pods("shop", labels("app", "frontend"), "frontend"), []generator.NetworkRule{{
				Direction: generator.Ingress, Verdict: generator.Allow,
				Peers: []generator.Peer{{Entity: "cluster"}},
				Ports: []generator.Port{{Protocol: "ICMPv6", ICMPType: ptr(128)}, {Protocol: "ICMP", ICMPType: ptr(8)}},
			}}, nil),
			wantKind: generator.KindCilium,
			want: map[string]string{
				"spec.ingress.0.fromEntities": "[cluster]",
				"spec.ingress.0.icmps":        "[{fields: [{type: 128, family: IPv6}]}, {fields: [{type: 8, family: IPv4}]}]",
				"spec.ingress.0.toPorts":      "null",
			},
		},
		{
			name: "ICMPv6 denied to a CIDR",
			in: intent(pods("shop", labels("app", "frontend"), "frontend"), []generator.NetworkRule{{
				Direction: generator.Egress, Verdict: generator.Deny,
				Peers: []generator.Peer{{CIDR: "fd00::/8"}},
				Ports: []generator.Port{{Protocol: "ICMPv6", ICMPType: ptr(135)}},
			}}, nil),
			wantKind: generator.KindCilium,
			want: map[string]string{
				"spec.egressDeny":        "[{toCIDRSet: [{cidr: 'fd00::/8'}], icmps: [{fields: [{type: 135, family: IPv6}]}]}]",
				"spec.enableDefaultDeny": "{egress: false}",
			},
		},
		{
			name: "forced NetworkPolicy refuses ICMPv6",
			in: intent(pods("shop", labels("app", "frontend"), "frontend"), []generator.NetworkRule{{
				Direction: generator.Ingress, Verdict: generator.Allow,
				Ports: []generator.Port{{Protocol: "ICMPv6", ICMPType: ptr(128)}},
			}}, nil),
			kind:            generator.KindNetworkPolicy,
			wantUnsupported: "NetworkPolicy cannot match ICMP",
		},
		{
			name:     "KubeArmor host policy for labelled nodes",
			in:       intent(generator.Subject{Scope: generator.ScopeNodes, Nodes: labels("node-role.kubernetes.io/worker", "")}, nil, fileRule),
			wantKind: generator.KindKubeArmorHost,
			want:     map[string]string{"spec.nodeSelector": "{matchLabels: {node-role.kubernetes.io/worker: ''}}"},
		},
		{
			name: "KubeArmor host policy refuses nodes that lack a label",
			in: intent(generator.Subject{Scope: generator.ScopeNodes, Nodes: &metav1.LabelSelector{MatchExpressions: []metav1.LabelSelectorRequirement{
				{Key: "compliance", Operator: metav1.LabelSelectorOpNotIn, Values: []string{"cmmc"}},
			}}}, nil, fileRule),
			wantUnsupported: "not by expressions",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			kind := tc.kind
			if kind == "" {
				kind = generator.KindAuto
			}
			ps, err := generator.Render(tc.in, kind)
			if tc.wantUnsupported != "" {
				var unsupported *generator.UnsupportedError
				if !errors.As(err, &unsupported) {
					t.Fatalf("want an *UnsupportedError, got err=%v, %d policies", err, len(ps))
				}
				if !strings.Contains(err.Error(), tc.wantUnsupported) {
					t.Errorf("error does not mention %q: %v", tc.wantUnsupported, err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(ps) != 1 {
				t.Fatalf("want 1 policy, got %d", len(ps))
			}
			if ps[0].Kind != tc.wantKind {
				t.Errorf("kind = %s, want %s", ps[0].Kind, tc.wantKind)
			}
			obj := asMap(t, ps[0])
			if obj["kind"] != string(tc.wantKind) {
				t.Errorf("object kind = %v, want %s", obj["kind"], tc.wantKind)
			}
			checkFields(t, obj, tc.want)
			// Rendering is deterministic: the same intent gives the same bytes.
			again, err := generator.Render(tc.in, kind)
			if err != nil {
				t.Fatal(err)
			}
			if a, b := policyYAML(t, ps[0]), policyYAML(t, again[0]); !bytes.Equal(a, b) {
				t.Errorf("rendering twice differs:\n%s\n---\n%s", a, b)
			}
		})
	}
}

// TestRenderBothFamilies checks that an intent with network and system rules
// renders one policy of each family, network first.
func TestRenderBothFamilies(t *testing.T) {
	in := intent(pods("web", labels("app", "nginx"), "nginx"),
		[]generator.NetworkRule{{Direction: generator.Ingress, Verdict: generator.Isolate}},
		[]generator.SystemRule{{Kind: generator.Capability, Action: generator.ActionBlock, Capability: "net_raw"}})
	ps, err := generator.Render(in, generator.KindAuto)
	if err != nil {
		t.Fatal(err)
	}
	var kinds []generator.Kind
	for _, p := range ps {
		kinds = append(kinds, p.Kind)
	}
	if want := []generator.Kind{generator.KindNetworkPolicy, generator.KindKubeArmor}; !reflect.DeepEqual(kinds, want) {
		t.Errorf("kinds = %v, want %v", kinds, want)
	}
}

// TestRenderOthers checks that the statements of one request about other
// subjects render as policies of their own, in order, with names unique
// per kind and namespace, and that the explanation gives each its subject.
func TestRenderOthers(t *testing.T) {
	allowFrom := func(ns, app, from string, port int) *generator.Intent {
		return intent(pods(ns, labels("app", app), app), []generator.NetworkRule{{
			Direction: generator.Ingress, Verdict: generator.Allow,
			Peers: []generator.Peer{{Pods: labels("app", from), Name: from}},
			Ports: []generator.Port{{Port: port}},
		}}, nil)
	}
	long := strings.Repeat("x", 60)
	in := allowFrom("payments", "payments", "checkout", 8443)
	in.Notes = []string{"a note of the first statement"}
	second := allowFrom("payments", "payments", "checkout", 9102) // the same name in the same namespace
	second.Notes = in.Notes
	in.Others = []*generator.Intent{
		second,
		allowFrom("payments", "payments", "checkout", 9443), // and a third time
		allowFrom("shop", "payments", "checkout", 8443),     // the same name in another namespace
		intent(pods("payments", labels("app", "payments"), "payments"), nil, []generator.SystemRule{{Kind: generator.Process, Action: generator.ActionBlock, Path: "/bin/sh"}}),
		allowFrom("data", long, "a", 5432),
		allowFrom("data", long, "a", 5433),
	}
	ps, err := generator.Render(in, generator.KindAuto)
	if err != nil {
		t.Fatal(err)
	}
	type named struct {
		kind            generator.Kind
		namespace, name string
	}
	var got []named
	for _, p := range ps {
		got = append(got, named{p.Kind, p.Namespace, p.Name})
		if m := asMap(t, p)["metadata"].(map[string]any); m["name"] != p.Name || m["namespace"] != p.Namespace {
			t.Errorf("%s %s/%s: the object is named %v/%v", p.Kind, p.Namespace, p.Name, m["namespace"], m["name"])
		}
		if len(p.Name) > 63 {
			t.Errorf("%s: %d characters, more than a name may have", p.Name, len(p.Name))
		}
	}
	want := []named{
		{generator.KindNetworkPolicy, "payments", "allow-ingress-payments-from-checkout"},
		{generator.KindNetworkPolicy, "payments", "allow-ingress-payments-from-checkout-2"},
		{generator.KindNetworkPolicy, "payments", "allow-ingress-payments-from-checkout-3"},
		{generator.KindNetworkPolicy, "shop", "allow-ingress-payments-from-checkout"},
		{generator.KindKubeArmor, "payments", "block-process-payments"},
		{generator.KindNetworkPolicy, "data", "allow-ingress-" + long[:49]},
		{generator.KindNetworkPolicy, "data", "allow-ingress-" + long[:47] + "-2"},
	}
	if !slices.Equal(got, want) {
		t.Errorf("policies\n  %v\nwant\n  %v", got, want)
	}
	var ports []any
	for _, p := range ps[:4] {
		ports = append(ports, lookup(asMap(t, p), "spec.ingress.0.ports.0.port"))
	}
	if want := []any{8443.0, 9102.0, 9443.0, 8443.0}; !reflect.DeepEqual(ports, want) {
		t.Errorf("ports %v, want each statement's own %v", ports, want)
	}

	explained := generator.Explain(in, ps)
	for _, want := range []string{
		"NetworkPolicy allow-ingress-payments-from-checkout-2 in namespace payments applies to pods labeled app=payments in namespace payments.\n- It allows incoming traffic from pods labeled app=checkout in the same namespace on 9102/TCP.\n",
		"NetworkPolicy allow-ingress-payments-from-checkout in namespace shop applies to pods labeled app=payments in namespace shop.\n",
		"KubeArmorPolicy block-process-payments in namespace payments applies to pods labeled app=payments in namespace payments.\n- It blocks running /bin/sh.\n",
	} {
		if !strings.Contains(explained, want) {
			t.Errorf("the explanation does not say\n%s\nit says\n%s", want, explained)
		}
	}
	if n := strings.Count(explained, "Note: a note of the first statement.\n"); n != 1 {
		t.Errorf("the note shared by two statements is said %d times, want once:\n%s", n, explained)
	}

	// An invalid statement about another subject fails the whole request.
	in.Others[1].Network[0].Ports[0].Port = 0
	if _, err := generator.Render(in, generator.KindAuto); err == nil || !strings.Contains(err.Error(), "others[1].network[0].ports[0].port: 0 is out of range") {
		t.Errorf("Render() error = %v, want the other statement's problem", err)
	}
}

// TestRenderRejectsInvalidIntent checks that Render validates before it renders.
func TestRenderRejectsInvalidIntent(t *testing.T) {
	in := intent(pods("shop", nil, ""), []generator.NetworkRule{{Direction: generator.Egress, Verdict: generator.Allow, Ports: []generator.Port{{Port: 70000}}}}, nil)
	_, err := generator.Render(in, generator.KindAuto)
	if err == nil || !strings.Contains(err.Error(), "70000 is out of range") {
		t.Fatalf("want the validation error, got %v", err)
	}
	fileRule := []generator.SystemRule{{Kind: generator.File, Action: generator.ActionBlock, Path: "/etc/shadow"}}
	in = intent(pods("shop", nil, ""), nil, fileRule)
	in.Subject.NamespaceLabels = labels("env", "prod")
	if _, err := generator.Render(in, generator.KindAuto); err == nil || !strings.Contains(err.Error(), "only a cluster subject selects namespaces by label") {
		t.Fatalf("want the namespace labels of a pods subject refused, got %v", err)
	}
	in.Subject = generator.Subject{Scope: generator.ScopeCluster, NamespaceLabels: labels("env", "prod")}
	if _, err := generator.Render(in, generator.KindAuto); err == nil || !strings.Contains(err.Error(), "selects namespaces by name, not by label") {
		t.Fatalf("want a KubeArmor cluster policy by namespace labels refused, got %v", err)
	}
}

// goldenIntents render to one policy of each kind, and to what kunerva
// renders since: syscall audits, ICMPv6, statements about other subjects.
var goldenIntents = map[string]*generator.Intent{
	"networkpolicy": {
		Request: "only the checkout pods and prometheus may reach payments on https; payments may reach 10.0.0.0/8 except 10.96.0.0/12 on 8000-8100 and DNS",
		Engine:  "test",
		Subject: pods("payments", labels("app", "payments"), "payments"),
		Network: []generator.NetworkRule{
			{Direction: generator.Ingress, Verdict: generator.Allow,
				Peers: []generator.Peer{
					{Pods: labels("app.kubernetes.io/name", "checkout"), Namespace: "shop", Name: "checkout"},
					{Pods: labels("app.kubernetes.io/name", "prometheus"), Namespaces: labels("purpose", "monitoring"), Name: "prometheus"},
				},
				Ports: []generator.Port{{Name: "https"}}},
			{Direction: generator.Egress, Verdict: generator.Allow,
				Peers: []generator.Peer{{CIDR: "10.0.0.0/8", Except: []string{"10.96.0.0/12"}}},
				Ports: []generator.Port{{Port: 8000, EndPort: 8100}}},
			{Direction: generator.Egress, Verdict: generator.Allow,
				Peers: []generator.Peer{{ClusterDNS: true}},
				Ports: []generator.Port{{Port: 53, Protocol: "UDP"}, {Port: 53}}},
		},
	},
	"ciliumnetworkpolicy": {
		Request: "the frontend may GET /api/* on checkout port 8080 and reach api.stripe.com on 443; deny ping to it from the world",
		Engine:  "test",
		Subject: pods("shop", labels("app", "frontend"), "frontend"),
		Network: []generator.NetworkRule{
			{Direction: generator.Egress, Verdict: generator.Allow,
				Peers: []generator.Peer{{Pods: labels("app.kubernetes.io/name", "checkout"), Name: "checkout"}},
				Ports: []generator.Port{{Port: 8080}},
				HTTP:  []generator.HTTPRule{{Method: "GET", Path: "/api/*"}, {Method: "POST", Path: "/orders", Headers: []string{"X-Api-Key"}}}},
			{Direction: generator.Egress, Verdict: generator.Allow,
				Peers: []generator.Peer{{FQDN: "api.stripe.com"}},
				Ports: []generator.Port{{Port: 443}}},
			{Direction: generator.Egress, Verdict: generator.Allow,
				Peers: []generator.Peer{{ClusterDNS: true}},
				DNS:   []string{"api.stripe.com", "*.stripe.com"}},
			{Direction: generator.Ingress, Verdict: generator.Deny,
				Peers: []generator.Peer{{Entity: "world"}},
				Ports: []generator.Port{{Protocol: "ICMP", ICMPType: ptr(8)}}},
		},
	},
	"ciliumclusterwidenetworkpolicy": {
		Request: "cluster-wide, except in kube-system, deny egress to 169.254.169.254",
		Engine:  "test",
		Subject: generator.Subject{Scope: generator.ScopeCluster, Namespaces: []string{"kube-system"}, ExceptNamespaces: true},
		Network: []generator.NetworkRule{{Direction: generator.Egress, Verdict: generator.Deny, Peers: []generator.Peer{{CIDR: "169.254.169.254/32", Name: "metadata"}}}},
	},
	"kubearmorpolicy": {
		Request: "in the nginx pods: make /usr/share/nginx/html/ read-only, only /usr/sbin/nginx may read /etc/nginx/nginx.conf, block apt, audit raw sockets and block net_raw",
		Engine:  "test",
		Subject: pods("web", labels("app", "nginx"), "nginx"),
		System: []generator.SystemRule{
			{Kind: generator.File, Action: generator.ActionBlock, Dir: "/usr/share/nginx/html/", Recursive: true, ReadOnly: true},
			{Kind: generator.File, Action: generator.ActionAllow, Path: "/etc/nginx/nginx.conf", FromSource: []string{"/usr/sbin/nginx"}},
			{Kind: generator.Process, Action: generator.ActionBlock, ExecName: "apt"},
			{Kind: generator.Protocol, Action: generator.ActionAudit, Protocol: "raw"},
			{Kind: generator.Capability, Action: generator.ActionBlock, Capability: "net_raw"},
		},
	},
	"kubearmorclusterpolicy": {
		Request: "a cluster-wide policy for namespaces shop and payments: block execution of /usr/bin/nc",
		Engine:  "test",
		Subject: generator.Subject{Scope: generator.ScopeCluster, Namespaces: []string{"shop", "payments"}},
		System:  []generator.SystemRule{{Kind: generator.Process, Action: generator.ActionBlock, Path: "/usr/bin/nc"}},
	},
	"kubearmorpolicy-syscalls": func() *generator.Intent {
		req := "in the nginx pods, audit unlink and rmdir under /var/log/ by /usr/bin/rm, and every mount"
		return &generator.Intent{
			Request: req,
			Engine:  "test",
			Subject: pods("web", labels("app", "nginx"), "nginx"),
			System: []generator.SystemRule{
				{Kind: generator.Syscall, Action: generator.ActionAudit, Syscalls: []string{"unlink", "rmdir"}, Dir: "/var/log/", Recursive: true, FromSource: []string{"/usr/bin/rm"}},
				{Kind: generator.Syscall, Action: generator.ActionAudit, Syscalls: []string{"mount"}},
			},
			Origins: []generator.Origin{
				span(req, "", "subject.scope", "the nginx pods", "pods"),
				{Field: "subject.namespace", From: generator.FromTree, Text: "Deployment nginx runs in namespace web"},
				span(req, "", "subject.pods", "nginx", "workload-name"),
				{Field: "subject.pods", From: generator.FromTree, Text: "Deployment web/nginx selects its pods by app=nginx"},
				span(req, "", "system[0].action", "audit", "action-word"),
				span(req, "", "system[0].kind", "unlink", "syscall-name"),
				span(req, "", "system[0].syscalls[0]", "unlink", "syscall-name"),
				span(req, "", "system[0].syscalls[1]", "rmdir", "syscall-name"),
				span(req, "", "system[0].dir", "/var/log/", "path"),
				span(req, "", "system[0].recursive", "under", "below-word"),
				span(req, "", "system[0].fromSource[0]", "/usr/bin/rm", "source"),
				span(req, "", "system[1].action", "audit", "action-word"),
				span(req, "", "system[1].kind", "mount", "syscall-name"),
				span(req, "", "system[1].syscalls[0]", "mount", "syscall-name"),
			},
		}
	}(),
	"ciliumnetworkpolicy-icmpv6": func() *generator.Intent {
		req := "the frontend pods accept IPv6 ping (ICMPv6 type 128) from the cluster but deny ICMPv6 type 137 redirects from fd00::/8"
		return &generator.Intent{
			Request: req,
			Engine:  "test",
			Subject: pods("shop", labels("app", "frontend"), "frontend"),
			Network: []generator.NetworkRule{
				{Direction: generator.Ingress, Verdict: generator.Allow,
					Peers: []generator.Peer{{Entity: "cluster"}},
					Ports: []generator.Port{{Protocol: "ICMPv6", ICMPType: ptr(128)}}},
				{Direction: generator.Ingress, Verdict: generator.Deny,
					Peers: []generator.Peer{{CIDR: "fd00::/8"}},
					Ports: []generator.Port{{Protocol: "ICMPv6", ICMPType: ptr(137)}}},
			},
			Origins: []generator.Origin{
				span(req, "", "subject.scope", "the frontend pods", "pods"),
				{Field: "subject.namespace", From: generator.FromTree, Text: "Deployment frontend runs in namespace shop"},
				span(req, "", "subject.pods", "frontend", "workload-name"),
				{Field: "subject.pods", From: generator.FromTree, Text: "Deployment shop/frontend selects its pods by app=frontend"},
				span(req, "", "network[0].direction", "accept", "direction-verb"),
				span(req, "", "network[0].verdict", "accept", "allow-word"),
				span(req, "", "network[0].peers[0].entity", "the cluster", "entity"),
				span(req, "", "network[0].ports[0].protocol", "IPv6 ping", "icmp"),
				span(req, "", "network[0].ports[0].icmpType", "type 128", "icmp-type"),
				span(req, "", "network[1].direction", "from fd00::/8", "direction-word"),
				span(req, "", "network[1].verdict", "deny", "deny-word"),
				span(req, "", "network[1].peers[0].cidr", "fd00::/8", "cidr"),
				span(req, "deny", "network[1].ports[0].protocol", "ICMPv6", "icmp"),
				span(req, "", "network[1].ports[0].icmpType", "type 137", "icmp-type"),
			},
		}
	}(),
	"others": func() *generator.Intent {
		req := "the checkout pods may reach payments on 443 and the worker pods in payments on metrics; block /bin/sh in the worker pods"
		checkout := []generator.Peer{{Pods: labels("app.kubernetes.io/name", "checkout"), Namespace: "shop", Name: "checkout"}}
		peerOrigins := []generator.Origin{
			span(req, "", "network[0].direction", "reach", "direction-verb"),
			span(req, "", "network[0].verdict", "may", "allow-word"),
			span(req, "", "network[0].peers[0].pods", "checkout", "workload-name"),
			{Field: "network[0].peers[0].pods", From: generator.FromTree, Text: "Deployment shop/checkout selects its pods by app.kubernetes.io/name=checkout"},
			{Field: "network[0].peers[0].namespace", From: generator.FromTree, Text: "Deployment checkout runs in namespace shop"},
			{Field: "network[0].ports[0].protocol", From: generator.FromDefault, Text: generator.Defaults["tcp"], Rule: "tcp"},
		}
		worker := []generator.Origin{
			span(req, "", "subject.scope", "the worker pods in payments", "pods"),
			span(req, "the worker pods", "subject.namespace", "payments", "namespace-name"),
			span(req, "", "subject.pods", "worker", "workload-name"),
			{Field: "subject.pods", From: generator.FromTree, Text: "Deployment payments/worker selects its pods by app=worker"},
		}
		return &generator.Intent{
			Request: req,
			Engine:  "test",
			Subject: pods("payments", labels("app", "payments"), "payments"),
			Network: []generator.NetworkRule{{Direction: generator.Ingress, Verdict: generator.Allow, Peers: checkout, Ports: []generator.Port{{Port: 8443, Protocol: "TCP"}}}},
			Notes:   []string{"port 443 is the payments Service's port; the policy uses the container port 8443 behind it"},
			Origins: append([]generator.Origin{
				span(req, "", "subject.scope", "payments", "pods"),
				{Field: "subject.namespace", From: generator.FromTree, Text: "Deployment payments runs in namespace payments"},
				span(req, "", "subject.pods", "payments", "workload-name"),
				{Field: "subject.pods", From: generator.FromTree, Text: "Deployment payments/payments selects its pods by app=payments"},
				{Field: "network[0].ports[0].port", From: generator.FromTree, Text: "port 443 is the payments Service's port; the policy uses the container port 8443 behind it"},
			}, peerOrigins...),
			Others: []*generator.Intent{
				{
					Request: req,
					Engine:  "test",
					Subject: pods("payments", labels("app", "worker"), "worker"),
					Network: []generator.NetworkRule{{Direction: generator.Ingress, Verdict: generator.Allow, Peers: checkout, Ports: []generator.Port{{Name: "metrics", Protocol: "TCP"}}}},
					Origins: append(append(slices.Clone(worker), span(req, "", "network[0].ports[0].name", "metrics", "port-name")), peerOrigins...),
				},
				{
					Request: req,
					Engine:  "test",
					Subject: pods("payments", labels("app", "worker"), "worker"),
					System:  []generator.SystemRule{{Kind: generator.Process, Action: generator.ActionBlock, Path: "/bin/sh"}},
					Origins: []generator.Origin{
						span(req, ";", "subject.scope", "the worker pods", "pods"),
						// The scene the first statement about the worker pods set.
						span(req, "the worker pods", "subject.namespace", "payments", "namespace-name"),
						span(req, ";", "subject.pods", "worker", "workload-name"),
						{Field: "subject.pods", From: generator.FromTree, Text: "Deployment payments/worker selects its pods by app=worker"},
						span(req, "", "system[0].action", "block", "action-word"),
						span(req, "", "system[0].kind", "/bin/sh", "executable-path"),
						span(req, "", "system[0].path", "/bin/sh", "path"),
					},
				},
			},
		}
	}(),
	"kubearmorhostpolicy": {
		Request: "on every node, audit writes to /etc/ and everything under it",
		Engine:  "test",
		Subject: generator.Subject{Scope: generator.ScopeNodes},
		System:  []generator.SystemRule{{Kind: generator.File, Action: generator.ActionAudit, Dir: "/etc/", Recursive: true, ReadOnly: true}},
	},
}

func ptr[T any](v T) *T { return &v }

// goldenKinds are the kinds each golden intent renders to, in order; an
// intent not listed renders to the one kind its name names.
var goldenKinds = map[string][]generator.Kind{
	"kubearmorpolicy-syscalls":   {generator.KindKubeArmor},
	"ciliumnetworkpolicy-icmpv6": {generator.KindCilium},
	"others":                     {generator.KindNetworkPolicy, generator.KindNetworkPolicy, generator.KindKubeArmor},
}

// TestGolden renders each golden intent and compares the policies and
// their explanation byte for byte with testdata/golden/<name>.yaml and
// <name>.explain; run with -update to rewrite them. The values of an
// intent that says where they come from are accounted for against the
// shop tree.
func TestGolden(t *testing.T) {
	for name, in := range goldenIntents {
		t.Run(name, func(t *testing.T) {
			if len(in.Origins) > 0 {
				if err := in.CheckOrigins(loadShop(t)); err != nil {
					t.Fatalf("the golden intent does not account for its values: %v", err)
				}
			}
			ps, err := generator.Render(in, generator.KindAuto)
			if err != nil {
				t.Fatal(err)
			}
			want, ok := goldenKinds[name]
			if !ok {
				want = []generator.Kind{generator.Kind(name)}
			}
			var kinds []generator.Kind
			for _, p := range ps {
				kinds = append(kinds, p.Kind)
			}
			if !slices.EqualFunc(kinds, want, func(a, b generator.Kind) bool { return strings.EqualFold(string(a), string(b)) }) {
				t.Fatalf("kinds %v, want %v", kinds, want)
			}
			stream, err := generator.Stream(ps)
			if err != nil {
				t.Fatal(err)
			}
			golden.Check(t, filepath.Join("testdata", "golden", name+".yaml"), stream)
			golden.Check(t, filepath.Join("testdata", "golden", name+".explain"), []byte(generator.Explain(in, ps)))
		})
	}
}

func policyYAML(t *testing.T, p generator.Policy) []byte {
	t.Helper()
	b, err := p.YAML()
	if err != nil {
		t.Fatalf("marshal %s %s: %v", p.Kind, p.Name, err)
	}
	return b
}

// asMap turns a rendered policy into the generic form its YAML decodes to.
func asMap(t *testing.T, p generator.Policy) map[string]any {
	t.Helper()
	var m map[string]any
	if err := yaml.Unmarshal(policyYAML(t, p), &m); err != nil {
		t.Fatal(err)
	}
	return m
}

// lookup follows a dotted path of keys and list indexes; nil if it leads nowhere.
func lookup(v any, path string) any {
	for _, key := range strings.Split(path, ".") {
		switch node := v.(type) {
		case map[string]any:
			v = node[key]
		case []any:
			i, err := strconv.Atoi(key)
			if err != nil || i < 0 || i >= len(node) {
				return nil
			}
			v = node[i]
		default:
			return nil
		}
	}
	return v
}

// TestExplainNoDefaultDeny checks that the explanation and a refusal's
// summary say what leaving the pods out of default deny means.
func TestExplainNoDefaultDeny(t *testing.T) {
	in := noDefaultDeny(intent(pods("ai", labels("app", "agent"), "agent"), []generator.NetworkRule{
		{Direction: generator.Ingress, Verdict: generator.Allow, Peers: []generator.Peer{{Pods: labels("app", "envoy")}}, Ports: []generator.Port{{Port: 8080}}},
		{Direction: generator.Egress, Verdict: generator.Allow, Peers: []generator.Peer{{Entity: "world"}}, Ports: []generator.Port{{Port: 443}}},
	}, nil), generator.Ingress)
	policies, err := generator.Render(in, generator.KindAuto)
	if err != nil {
		t.Fatal(err)
	}
	got := generator.Explain(in, policies)
	for _, want := range []string{
		"- Ingress: other traffic to these pods is not denied by this policy; it does not put them into default deny for ingress (enableDefaultDeny: false)",
		"- Once applied, the selected pods send only the egress traffic that this or another policy allows",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("the explanation lacks %q:\n%s", want, got)
		}
	}
	if strings.Contains(got, "receive only the ingress traffic") {
		t.Errorf("the explanation says the pods are in default deny for ingress:\n%s", got)
	}
	if s := strings.Join(in.Summary(), "; "); !strings.Contains(s, "no default deny for ingress: other traffic to these pods is not denied by this policy") {
		t.Errorf("Summary() = %q, want the ingress left out of default deny", s)
	}
}

func TestSelectorNameSaysWhatItLeavesOut(t *testing.T) {
	for _, tc := range []struct {
		sel  *metav1.LabelSelector
		want string
	}{
		{labels("app", "checkout"), "checkout"},
		{&metav1.LabelSelector{MatchExpressions: []metav1.LabelSelectorRequirement{{Key: "app", Operator: metav1.LabelSelectorOpIn, Values: []string{"web", "api"}}}}, "web-api"},
		{&metav1.LabelSelector{MatchExpressions: []metav1.LabelSelectorRequirement{{Key: "app", Operator: metav1.LabelSelectorOpNotIn, Values: []string{"api"}}}}, "not-api"},
		{&metav1.LabelSelector{MatchExpressions: []metav1.LabelSelectorRequirement{{Key: "team", Operator: metav1.LabelSelectorOpExists}}}, "team"},
		{&metav1.LabelSelector{MatchExpressions: []metav1.LabelSelectorRequirement{{Key: "team", Operator: metav1.LabelSelectorOpDoesNotExist}}}, "no-team"},
	} {
		if got := generator.SelectorName(tc.sel); got != tc.want {
			t.Errorf("SelectorName(%v) = %q, want %q", tc.sel, got, tc.want)
		}
	}
}

// A cluster kind forced on pods of a namespace the request named keeps that
// namespace, for the subject and for the peers that were beside it; pods in
// the namespace "default" taken for want of one go cluster-wide.
func TestFitKindKeepsNamedNamespace(t *testing.T) {
	build := func(nsRule string) *generator.Intent {
		req := "allow pods labeled app=api in namespace shop to reach pods labeled app=db and the payments service"
		in := intent(pods("shop", labels("app", "api"), "api"), []generator.NetworkRule{{
			Direction: generator.Egress, Verdict: generator.Allow,
			Peers: []generator.Peer{{Pods: labels("app", "db")}, {Service: "payments"}},
		}}, nil)
		in.Request = req
		quote := func(field, text, rule string) generator.Origin {
			at := strings.Index(req, text)
			return generator.Origin{Field: field, From: generator.FromRequest, Start: at, End: at + len(text), Text: text, Rule: rule}
		}
		in.Origins = []generator.Origin{
			quote("subject.scope", "pods labeled app=api", "pods"),
			quote("subject.pods", "pods labeled app=api", "labels"),
			quote("network[0].verdict", "allow", "allow-word"),
			quote("network[0].direction", "reach", "direction-verb"),
			quote("network[0].peers[0].pods", "pods labeled app=db", "labels"),
			quote("network[0].peers[1].service", "payments", "service"),
		}
		if nsRule == "namespace-default" {
			in.Origins = append(in.Origins, generator.Origin{Field: "subject.namespace", From: generator.FromDefault, Text: generator.Defaults[nsRule], Rule: nsRule})
		} else {
			in.Origins = append(in.Origins, quote("subject.namespace", "namespace shop", "namespace"))
		}
		return in
	}
	for _, tc := range []struct {
		nsRule string
		want   map[string]string
	}{
		{"namespace", map[string]string{
			"spec.endpointSelector":     "{matchLabels: {app: api}, matchExpressions: [{key: k8s:io.kubernetes.pod.namespace, operator: In, values: [shop]}]}",
			"spec.egress.0.toEndpoints": "[{matchLabels: {app: db, k8s:io.kubernetes.pod.namespace: shop}}]",
			"spec.egress.1.toServices":  "[{k8sService: {serviceName: payments, namespace: shop}}]",
		}},
		{"namespace-default", map[string]string{
			"spec.endpointSelector":     "{matchLabels: {app: api}}",
			"spec.egress.0.toEndpoints": "[{matchLabels: {app: db}}]",
		}},
	} {
		t.Run(tc.nsRule, func(t *testing.T) {
			in := build(tc.nsRule)
			ps, err := generator.Prepare(in, generator.KindCiliumClusterwide)
			if err != nil {
				t.Fatal(err)
			}
			if err := in.CheckOrigins(nil); err != nil {
				t.Errorf("origins: %v", err)
			}
			obj := asMap(t, ps[0])
			checkFields(t, obj, tc.want)
		})
	}
}

// checkFields compares the object's fields at the paths with the YAML the
// paths map to.
func checkFields(t *testing.T, obj map[string]any, fields map[string]string) {
	t.Helper()
	for path, wantYAML := range fields {
		var want any
		if err := yaml.Unmarshal([]byte(wantYAML), &want); err != nil {
			t.Fatalf("bad want for %s: %v", path, err)
		}
		if got := lookup(obj, path); !reflect.DeepEqual(got, want) {
			gotYAML, _ := yaml.Marshal(got)
			t.Errorf("%s =\n%s\nwant\n%s", path, gotYAML, wantYAML)
		}
	}
}
