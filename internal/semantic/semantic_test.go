package semantic

import (
	"slices"
	"strings"
	"testing"
)

// diffCase compares want with got. diff, when set, is the exact expected
// output; otherwise differ says whether any difference is expected.
type diffCase struct {
	name      string
	want, got string
	diff      []string
	differ    bool
}

func runDiffCases(t *testing.T, cases []diffCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Diff([]byte(tc.want), []byte(tc.got))
			if err != nil {
				t.Fatalf("Diff: %v", err)
			}
			switch {
			case tc.diff != nil:
				if !slices.Equal(got, tc.diff) {
					t.Errorf("Diff =\n  %s\nwant\n  %s", strings.Join(got, "\n  "), strings.Join(tc.diff, "\n  "))
				}
			case tc.differ:
				if len(got) == 0 {
					t.Errorf("Diff found no difference, want one")
				}
			default:
				if len(got) != 0 {
					t.Errorf("Diff found differences, want none:\n  %s", strings.Join(got, "\n  "))
				}
			}
			back, err := Diff([]byte(tc.got), []byte(tc.want))
			if err != nil {
				t.Fatalf("Diff reversed: %v", err)
			}
			if len(back) != len(got) {
				t.Errorf("Diff reversed has %d lines, forward %d:\n  %s", len(back), len(got), strings.Join(back, "\n  "))
			}
		})
	}
}

// allCases feeds the fuzz corpus.
func allCases() []diffCase {
	return slices.Concat(generalCases, networkPolicyCases, ciliumCases, kubeArmorCases)
}

// malformed has the right kinds with fields of the wrong shape: Diff still
// compares them (an API server would reject them; that is validate's job).
const malformed = `
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: a, namespace: shop}
spec: {podSelector: [x], ingress: [7, {from: 1, ports: [{port: {a: b}}]}]}
---
apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata: {name: b, namespace: shop}
spec: {endpointSelector: 1, egress: [{toPorts: [{ports: 2, rules: {http: [3]}}]}], enableDefaultDeny: x}
specs: [1, {nodeSelector: {matchExpressions: [x]}, ingress: [{icmps: [{fields: [y]}]}]}]
---
apiVersion: security.kubearmor.com/v1
kind: KubeArmorPolicy
metadata: {name: c, namespace: shop}
spec: {selector: {matchLabels: 5}, file: 3, process: {matchPaths: [1, {path: /x, fromSource: 2}]}}
`

var generalCases = []diffCase{
	{
		name: "empty-streams",
		want: "",
		got:  "---\n# nothing\n---\n",
	},
	{
		name: "list-and-sequence-equal-stream",
		want: `
apiVersion: v1
kind: List
items:
- apiVersion: networking.k8s.io/v1
  kind: NetworkPolicy
  metadata: {name: a, namespace: shop}
  spec: {podSelector: {}, policyTypes: [Ingress]}
`,
		got: `
- apiVersion: networking.k8s.io/v1
  kind: NetworkPolicy
  metadata: {name: b, namespace: shop}
  spec: {podSelector: {}}
`,
	},
	{
		name: "different-kind",
		want: `
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: deny, namespace: shop}
spec: {podSelector: {matchLabels: {app: db}}, policyTypes: [Ingress]}
`,
		got: `
apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata: {name: deny, namespace: shop}
spec:
  endpointSelector: {matchLabels: {app: db}}
  ingress: [{}]
`,
		diff: []string{
			"CiliumNetworkPolicy shop (app=db): extra default deny ingress",
			"NetworkPolicy shop (app=db): missing isolated ingress",
		},
	},
	{
		name: "different-namespace",
		want: `
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: deny, namespace: shop}
spec: {podSelector: {}, policyTypes: [Ingress]}
`,
		got: `
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: deny, namespace: default}
spec: {podSelector: {}, policyTypes: [Ingress]}
`,
		diff: []string{
			"NetworkPolicy default (all pods): extra isolated ingress",
			"NetworkPolicy shop (all pods): missing isolated ingress",
		},
	},
	{
		name: "same-kind-other-group",
		want: `
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: deny, namespace: shop}
spec: {podSelector: {}, policyTypes: [Ingress]}
`,
		got: `
apiVersion: example.com/v1
kind: NetworkPolicy
metadata: {name: deny, namespace: shop}
spec: {podSelector: {}, policyTypes: [Ingress]}
`,
		diff: []string{
			`NetworkPolicy shop (all pods): missing isolated ingress`,
			`NetworkPolicy.example.com shop: extra content {"spec":{"podSelector":{},"policyTypes":["Ingress"]}}`,
		},
	},
	{
		name: "unknown-kind-by-content",
		want: `
apiVersion: example.com/v1
kind: Widget
metadata: {name: a, namespace: shop, labels: {x: y}}
spec: {size: 3, colour: red}
status: {ready: true}
`,
		got: `
apiVersion: example.com/v1beta1
kind: Widget
metadata: {name: b, namespace: shop}
spec: {colour: red, size: 3}
`,
	},
	{
		name: "malformed-fields-are-findings-not-errors",
		want: malformed,
		got:  malformed,
	},
	{
		name: "malformed-fields-still-compared",
		want: malformed,
		got:  replace(malformed, "file: 3", "file: 4"),
		diff: []string{
			"KubeArmorPolicy shop (matchLabels 5): missing file 3",
			"KubeArmorPolicy shop (matchLabels 5): extra file 4",
		},
	},
	{
		name:   "unknown-kind-different-content",
		want:   "apiVersion: example.com/v1\nkind: Widget\nspec: {size: 3}\n",
		got:    "apiVersion: example.com/v1\nkind: Widget\nspec: {size: 4}\n",
		differ: true,
	},
}

func TestDiffGeneral(t *testing.T) { runDiffCases(t, generalCases) }

func TestDiffErrors(t *testing.T) {
	valid := "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nspec: {podSelector: {}}\n"
	tests := []struct {
		name, want, got, errPart string
	}{
		{"not-yaml", "a: [b", valid, "reading want: parsing document 1"},
		{"scalar-document", valid, "just text", "reading got: document 1: is a string"},
		{"no-kind", valid + "---\napiVersion: v1\nmetadata: {name: x}\n", valid, "reading want: document 2: no apiVersion and kind"},
		{"list-in-list", valid, "- [a]\n", "reading got: document 1[0]: is a list"},
		{"both-sides", "42", "true", "document 1: is a number"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Diff([]byte(tc.want), []byte(tc.got))
			if err == nil || !strings.Contains(err.Error(), tc.errPart) {
				t.Fatalf("Diff error = %v, want one containing %q", err, tc.errPart)
			}
		})
	}
}

// FuzzDiff checks that Diff never panics and that every stream it accepts
// means the same as itself.
func FuzzDiff(f *testing.F) {
	for _, tc := range allCases() {
		f.Add([]byte(tc.want))
		f.Add([]byte(tc.got))
	}
	f.Add([]byte("a: {1: x, \"1\": y, .nan: z, .NaN: w}\napiVersion: v1\nkind: X\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		d, err := Diff(data, data)
		if err != nil {
			return
		}
		if len(d) != 0 {
			t.Fatalf("Diff(x, x) = %q, want no difference", d)
		}
		if _, err := Diff(data, nil); err != nil {
			t.Fatalf("Diff(x, nil): %v after Diff(x, x) accepted x", err)
		}
	})
}
