package connectivity

import (
	"strings"
	"testing"

	"github.com/kunerva/kunerva/internal/tree"
)

// TestMatchesPod checks KubeArmor's selection of pods: matchLabels and
// label expressions for both pod kinds, namespace expressions for the
// cluster policy (In wins over NotIn, in either order), none for host
// policies.
func TestMatchesPod(t *testing.T) {
	nginx := map[string]string{"app": "nginx", "tier": "web"}
	tests := []struct {
		name, kind, namespace, selector string
		podNamespace                    string
		want                            bool
	}{
		{"labels match", "KubeArmorPolicy", "web", "{matchLabels: {app: nginx}}", "web", true},
		{"another namespace", "KubeArmorPolicy", "web", "{matchLabels: {app: nginx}}", "shop", false},
		{"a label value differs", "KubeArmorPolicy", "web", "{matchLabels: {app: nginx, tier: db}}", "web", false},
		{"the container label picks containers, not pods", "KubeArmorPolicy", "web", "{matchLabels: {app: nginx, kubearmor.io/container.name: '[nginx]'}}", "web", true},
		{"no selector", "KubeArmorPolicy", "web", "{}", "web", true},
		{"In one of", "KubeArmorPolicy", "web", "{matchExpressions: [{key: label, operator: In, values: [app=db, tier=web]}]}", "web", true},
		{"In none of", "KubeArmorPolicy", "web", "{matchExpressions: [{key: label, operator: In, values: [app=db]}]}", "web", false},
		{"NotIn one of", "KubeArmorPolicy", "web", "{matchExpressions: [{key: label, operator: NotIn, values: [app=db, app=nginx]}]}", "web", false},
		{"NotIn after In is ignored", "KubeArmorPolicy", "web", "{matchExpressions: [{key: label, operator: In, values: [app=nginx]}, {key: label, operator: NotIn, values: [tier=web]}]}", "web", true},
		{"cluster: In", "KubeArmorClusterPolicy", "", "{matchExpressions: [{key: namespace, operator: In, values: [shop, web]}]}", "web", true},
		{"cluster: not In", "KubeArmorClusterPolicy", "", "{matchExpressions: [{key: namespace, operator: In, values: [shop]}]}", "web", false},
		{"cluster: NotIn", "KubeArmorClusterPolicy", "", "{matchExpressions: [{key: namespace, operator: NotIn, values: [web]}]}", "web", false},
		{"cluster: In wins over an earlier NotIn", "KubeArmorClusterPolicy", "", "{matchExpressions: [{key: namespace, operator: NotIn, values: [web]}, {key: namespace, operator: In, values: [web]}]}", "web", true},
		{"cluster: namespace and label", "KubeArmorClusterPolicy", "", "{matchExpressions: [{key: namespace, operator: In, values: [web]}, {key: label, operator: In, values: [app=db]}]}", "web", false},
		{"cluster: the namespace in metadata does not count", "KubeArmorClusterPolicy", "shop", "{}", "web", true},
		{"host policies select nodes", "KubeArmorHostPolicy", "", "{}", "web", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := tree.Object{APIVersion: "security.kubearmor.com/v1", Kind: tt.kind, Namespace: tt.namespace, Name: "p",
				YAML: []byte("spec:\n  selector: " + tt.selector + "\n")}
			p, err := decodeKubeArmor(o)
			if err != nil {
				t.Fatal(err)
			}
			if got := p.matchesPod(tt.podNamespace, nginx); got != tt.want {
				t.Errorf("matchesPod(%s, app=nginx,tier=web) = %v, want %v", tt.podNamespace, got, tt.want)
			}
		})
	}
}

// FuzzDecodeKubeArmor feeds arbitrary YAML to the decoder as each of the
// three kinds: it returns an error or rules that carry an action and a
// policy, and explaining what it decodes never fails.
func FuzzDecodeKubeArmor(f *testing.F) {
	for _, s := range []string{
		"spec: {process: {matchPaths: [{path: /bin/sh, fromSource: [{path: /bin/bash}, {dir: /usr/, recursive: true}]}]}, action: Allow}",
		"spec: {file: {matchDirectories: [{dir: /etc/, recursive: true, readOnly: true, ownerOnly: true}], action: audit}}",
		"spec: {network: {matchProtocols: [{protocol: all}], matchDNSQueries: [{domain: example.com}]}, capabilities: {matchCapabilities: [{capability: CAP_NET_RAW}]}}",
		"spec: {syscalls: {matchPaths: [{path: /home/, syscall: [unlink]}]}, presets: [{name: filelessExec}]}",
		"spec: {selector: {matchExpressions: [{key: namespace, operator: NotIn, values: [a]}]}, nodeSelector: {matchLabels: {a: b}}}",
		"spec: {action: Deny}",
		"spec: 3",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, kind := range []string{"KubeArmorPolicy", "KubeArmorClusterPolicy", "KubeArmorHostPolicy"} {
			o := tree.Object{APIVersion: "security.kubearmor.com/v1", Kind: kind, Namespace: "web", Name: "p", YAML: data}
			p, err := decodeKubeArmor(o)
			if err != nil {
				if !strings.Contains(err.Error(), kind+"/") {
					t.Errorf("error %q does not name the policy", err)
				}
				continue
			}
			for _, r := range p.Rules {
				if rank(r.Action) == 0 || r.Policy != p.ref() {
					t.Errorf("rule %+v lacks an action or its policy", r)
				}
			}
			if p.checkSelector() != nil {
				continue
			}
			if _, err := explainKubeArmor(nil, o); err != nil {
				t.Errorf("explainKubeArmor: %v", err)
			}
			effects := effectsOf("web/x", p.Rules, defaultPosture)
			for _, e := range effects {
				if e.Verdict != effectAllowed && e.Verdict != effectAudited && e.Verdict != effectBlocked {
					t.Errorf("effect %+v has no verdict", e)
				}
			}
		}
	})
}
