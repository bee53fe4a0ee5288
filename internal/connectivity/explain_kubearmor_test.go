package connectivity

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"sigs.k8s.io/yaml"

	"github.com/kunerva/kunerva/internal/tree"
)

// Every KubeArmor policy of the dev set is explained, and its explanation
// names every path, directory, pattern, executable, source, protocol,
// capability, syscall, domain, preset and label value it holds; the model
// reads each on the shop tree.
func TestExplainEveryDevSetKubeArmorPolicy(t *testing.T) {
	shop, err := tree.Load("../../examples/shop")
	if err != nil {
		t.Fatal(err)
	}
	base, err := New(shop)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, o := range devsetObjects(t) {
		if !isKubeArmor(o.Kind) {
			continue
		}
		n++
		if m, err := base.With([]tree.Object{o}); err != nil {
			t.Errorf("%s: the model cannot read it: %v", o.Name, err)
		} else if _, err := m.System(); err != nil {
			t.Errorf("%s: System: %v", o.Name, err)
		}
		for _, tr := range []*tree.Tree{nil, shop} {
			x, err := explainKubeArmor(tr, o)
			if err != nil {
				t.Errorf("%s: %v", o.Name, err)
				continue
			}
			text := strings.ToLower(x.Text(tr != nil))
			for _, v := range kubeArmorValues(o) {
				if !strings.Contains(text, strings.ToLower(v)) {
					t.Errorf("%s: the explanation does not mention %q:\n%s", o.Name, v, text)
				}
			}
		}
	}
	if n < 500 {
		t.Fatalf("only %d KubeArmor policies in the dev set", n)
	}
}

// kubeArmorValues are the values of a KubeArmor policy's rules and
// selectors that its explanation must name, read from the YAML without the
// model's decoder.
func kubeArmorValues(o tree.Object) []string {
	var obj map[string]any
	if err := yaml.Unmarshal(o.YAML, &obj); err != nil {
		return nil
	}
	var out []string
	var walk func(key string, v any)
	walk = func(key string, v any) {
		switch v := v.(type) {
		case map[string]any:
			for k, x := range v {
				walk(k, x)
			}
		case []any:
			for _, x := range v {
				walk(key, x)
			}
		case string:
			switch key {
			case "path", "dir", "pattern", "execname", "protocol", "domain", "syscall", "name", "values":
				out = append(out, v)
			case "capability":
				out = append(out, strings.TrimPrefix(strings.ToLower(v), "cap_"))
			}
		}
		if key == "matchLabels" {
			if m, ok := v.(map[string]any); ok {
				for k, x := range m {
					// The container label picks containers of the pods,
					// which the explanation names ("their containers web
					// only").
					if k == "kubearmor.io/container.name" {
						out = append(out, fmt.Sprint("their containers ", x, " only"))
						continue
					}
					out = append(out, fmt.Sprint(k, "=", x))
				}
			}
		}
	}
	walk("", obj["spec"])
	return out
}

// The sentence on an allow-list says what the default posture does with
// the rest where the policy applies.
func TestExplainKubeArmorPosture(t *testing.T) {
	allow := func(kind, namespace, section string) string {
		return `apiVersion: security.kubearmor.com/v1
kind: ` + kind + `
metadata: {name: p, namespace: ` + namespace + `}
spec:
  selector: {matchLabels: {app: nginx}}
  ` + section + `
  action: Allow`
	}
	tests := []struct {
		name, annotations, policy string
		noTree                    bool
		want                      string
		selects                   []string
	}{
		{
			name:    "no annotation: audited",
			policy:  allow("KubeArmorPolicy", "web", "process: {matchPaths: [{path: /usr/sbin/nginx}]}"),
			want:    "Its Allow rules make an allow-list of processes: every other process in the selected pods falls to KubeArmor's default posture, audited (annotate namespace web with kubearmor-file-posture=block to block it).",
			selects: []string{"web/nginx"},
		},
		{
			name:        "the file posture annotation decides processes",
			annotations: "kubearmor-file-posture: block",
			policy:      allow("KubeArmorPolicy", "web", "process: {matchPaths: [{path: /usr/sbin/nginx}]}"),
			want:        "Its Allow rules make an allow-list of processes: every other process in the selected pods falls to KubeArmor's default posture, blocked by the annotation kubearmor-file-posture of namespace web.",
			selects:     []string{"web/nginx"},
		},
		{
			name:        "an annotation that says audit",
			annotations: "kubearmor-capabilities-posture: audit",
			policy:      allow("KubeArmorPolicy", "web", "capabilities: {matchCapabilities: [{capability: net_bind_service}]}"),
			want:        "Its Allow rules make an allow-list of capabilities: every other capability in the selected pods falls to KubeArmor's default posture, audited by the annotation kubearmor-capabilities-posture of namespace web.",
			selects:     []string{"web/nginx"},
		},
		{
			name:        "the network annotation does not decide capabilities",
			annotations: "kubearmor-network-posture: block",
			policy:      allow("KubeArmorPolicy", "web", "capabilities: {matchCapabilities: [{capability: net_bind_service}]}"),
			want:        "Its Allow rules make an allow-list of capabilities: every other capability in the selected pods falls to KubeArmor's default posture, audited (annotate namespace web with kubearmor-capabilities-posture=block to block it).",
			selects:     []string{"web/nginx"},
		},
		{
			name:   "without a tree the namespace's annotation is unknown",
			noTree: true,
			policy: allow("KubeArmorPolicy", "web", "network: {matchProtocols: [{protocol: udp}]}"),
			want:   "Its Allow rules make an allow-list of network protocols: every other protocol in the selected pods falls to KubeArmor's default posture, audited, or blocked in namespaces annotated kubearmor-network-posture=block.",
		},
		{
			name:   "nor when the tree does not declare the namespace",
			policy: allow("KubeArmorPolicy", "elsewhere", "network: {matchProtocols: [{protocol: udp}]}"),
			want:   "Its Allow rules make an allow-list of network protocols: every other protocol in the selected pods falls to KubeArmor's default posture, audited, or blocked in namespaces annotated kubearmor-network-posture=block.",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := kaModel(t, tt.annotations, tt.policy)
			tr := m.tree
			if tt.noTree {
				tr = nil
			}
			o := m.policies[0]
			x, err := explainKubeArmor(tr, o)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Contains(x.Sentences, tt.want) {
				t.Errorf("sentences %q\nlack %q", x.Sentences, tt.want)
			}
			if !slices.Equal(x.Selects, tt.selects) {
				t.Errorf("Selects = %q, want %q", x.Selects, tt.selects)
			}
		})
	}
}

func TestExplainKubeArmorErrors(t *testing.T) {
	o := kaObjects(t, `apiVersion: security.kubearmor.com/v1
kind: KubeArmorPolicy
metadata: {name: p, namespace: web}
spec:
  file:
    matchPaths: [{path: /etc/shadow, action: Deny}]`)[0]
	_, err := explainKubeArmor(nil, o)
	if err == nil || !strings.Contains(err.Error(), `KubeArmorPolicy/web/p: spec.file.matchPaths[0].action: "Deny" is not an action KubeArmor knows: use Block, Audit or Allow`) {
		t.Errorf("err = %v", err)
	}
}
