package generator_test

import (
	"bytes"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"sigs.k8s.io/yaml"

	"github.com/kunerva/kunerva/generator"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/golden")

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
			name:     "KubeArmor host policy for labelled nodes",
			in:       intent(generator.Subject{Scope: generator.ScopeNodes, Nodes: labels("node-role.kubernetes.io/worker", "")}, nil, fileRule),
			wantKind: generator.KindKubeArmorHost,
			want:     map[string]string{"spec.nodeSelector": "{matchLabels: {node-role.kubernetes.io/worker: ''}}"},
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
			for path, wantYAML := range tc.want {
				var want any
				if err := yaml.Unmarshal([]byte(wantYAML), &want); err != nil {
					t.Fatalf("bad want for %s: %v", path, err)
				}
				if got := lookup(obj, path); !reflect.DeepEqual(got, want) {
					gotYAML, _ := yaml.Marshal(got)
					t.Errorf("%s =\n%s\nwant\n%s", path, gotYAML, wantYAML)
				}
			}
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

// TestRenderRejectsInvalidIntent checks that Render validates before it renders.
func TestRenderRejectsInvalidIntent(t *testing.T) {
	in := intent(pods("shop", nil, ""), []generator.NetworkRule{{Direction: generator.Egress, Verdict: generator.Allow, Ports: []generator.Port{{Port: 70000}}}}, nil)
	_, err := generator.Render(in, generator.KindAuto)
	if err == nil || !strings.Contains(err.Error(), "70000 is out of range") {
		t.Fatalf("want the validation error, got %v", err)
	}
}

// goldenIntents render to one policy of each kind.
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
	"kubearmorhostpolicy": {
		Request: "on every node, audit writes to /etc/ and everything under it",
		Engine:  "test",
		Subject: generator.Subject{Scope: generator.ScopeNodes},
		System:  []generator.SystemRule{{Kind: generator.File, Action: generator.ActionAudit, Dir: "/etc/", Recursive: true, ReadOnly: true}},
	},
}

func ptr[T any](v T) *T { return &v }

// TestGolden renders one policy of each kind and compares it byte for byte
// with testdata/golden/<kind>.yaml; run with -update to rewrite them.
func TestGolden(t *testing.T) {
	for name, in := range goldenIntents {
		t.Run(name, func(t *testing.T) {
			ps, err := generator.Render(in, generator.KindAuto)
			if err != nil {
				t.Fatal(err)
			}
			if len(ps) != 1 || !strings.EqualFold(string(ps[0].Kind), name) {
				t.Fatalf("want one %s, got %d policies (first %s)", name, len(ps), ps[0].Kind)
			}
			got := policyYAML(t, ps[0])
			file := filepath.Join("testdata", "golden", name+".yaml")
			if *update {
				if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(file, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(file)
			if err != nil {
				t.Fatalf("%v (run go test ./generator -run TestGolden -update)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("%s differs from the rendered policy (run with -update if the change is intended):\n%s", file, lineDiff(want, got))
			}
		})
	}
}

// lineDiff shows the lines that differ, prefixed - (want) and + (got).
func lineDiff(want, got []byte) string {
	w, g := strings.Split(string(want), "\n"), strings.Split(string(got), "\n")
	var b strings.Builder
	for i := 0; i < max(len(w), len(g)); i++ {
		var wl, gl string
		if i < len(w) {
			wl = w[i]
		}
		if i < len(g) {
			gl = g[i]
		}
		if wl != gl {
			b.WriteString(strconv.Itoa(i+1) + ": -" + wl + "\n" + strconv.Itoa(i+1) + ": +" + gl + "\n")
		}
	}
	return b.String()
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
