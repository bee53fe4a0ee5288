package treewrite

import (
	"bytes"
	"slices"
	"strings"
	"testing"

	"sigs.k8s.io/kustomize/kyaml/yaml"
)

func TestAddResources(t *testing.T) {
	entries := []string{"payments", "shop"}
	tests := []struct {
		name    string
		in      string
		style   yaml.SequenceIndentStyle
		want    string
		wantErr string
	}{{
		name: "wide list keeps blank lines and comments",
		in: `# Policies.

resources:   # by hand
  - web      # the edge

  - "db"
# after

kind: Kustomization
`,
		want: `# Policies.

resources:   # by hand
  - web      # the edge

  - "db"
  - payments
  - shop
# after

kind: Kustomization
`,
	}, {
		name: "compact list",
		in:   "resources:\n- a.yaml\n- b.yaml\nnamespace: x\n",
		want: "resources:\n- a.yaml\n- b.yaml\n- payments\n- shop\nnamespace: x\n",
	}, {
		name: "entries already there however spelled",
		in:   "resources:\n- ./shop/\nbases:\n- payments\n",
		want: "resources:\n- ./shop/\nbases:\n- payments\n",
	}, {
		name: "only the missing entry",
		in:   "resources:\n  - ./shop\n",
		want: "resources:\n  - ./shop\n  - payments\n",
	}, {
		name: "flow list stays a flow list",
		in:   "resources: [a.yaml, \"b.yaml\"]  # flow\nkind: Kustomization\n",
		want: "resources: [a.yaml, \"b.yaml\", payments, shop]  # flow\nkind: Kustomization\n",
	}, {
		name: "flow list with a trailing comma",
		in:   "resources: [a.yaml,]\n",
		want: "resources: [a.yaml, payments, shop]\n",
	}, {
		name:  "empty flow list becomes a block list",
		in:    "# kunerva adds here.\nkind: Kustomization\nresources: [] # none yet\n",
		style: yaml.WideSequenceStyle,
		want:  "# kunerva adds here.\nkind: Kustomization\nresources: # none yet\n  - payments\n  - shop\n",
	}, {
		name: "empty flow list on the last line without newline",
		in:   "resources: []",
		want: "resources:\n- payments\n- shop\n",
	}, {
		name: "no resources field",
		in:   "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n# end\n",
		want: "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n# end\nresources:\n- payments\n- shop\n",
	}, {
		name: "resources with no value",
		in:   "resources:\nkind: Kustomization\n",
		want: "resources:\n- payments\n- shop\nkind: Kustomization\n",
	}, {
		name: "no newline at the end",
		in:   "resources:\n- a",
		want: "resources:\n- a\n- payments\n- shop\n",
	}, {
		name: "document start marker",
		in:   "---\nresources:\n  - a\n",
		want: "---\nresources:\n  - a\n  - payments\n  - shop\n",
	}, {
		name: "CRLF line ends",
		in:   "kind: Kustomization\r\nresources:\r\n  - a\r\n",
		want: "kind: Kustomization\r\nresources:\r\n  - a\r\n  - payments\r\n  - shop\r\n",
	}, {
		name: "empty file",
		in:   "",
		want: "resources:\n- payments\n- shop\n",
	}, {
		name: "comments only",
		in:   "# nothing yet\n",
		want: "# nothing yet\nresources:\n- payments\n- shop\n",
	}, {
		// A layout the text insertion does not handle: kyaml re-encodes.
		name: "multi-line flow list falls back to kyaml",
		in:   "resources: [\n  a.yaml, # c\n]\n",
		want: "resources: [a.yaml, # c\n  payments, shop]\n",
	}, {
		name: "null written out falls back to kyaml",
		in:   "resources: ~\n",
		want: "resources:\n- payments\n- shop\n",
	}, {
		name:    "resources is not a list",
		in:      "resources: a.yaml\n",
		wantErr: "resources: is a scalar, want a list of paths",
	}, {
		name:    "top level is a list",
		in:      "- a\n",
		wantErr: "top level is a list",
	}, {
		name:    "two documents",
		in:      "resources: []\n---\nresources: []\n",
		wantErr: "more than one YAML document",
	}, {
		name:    "invalid YAML",
		in:      "resources: [a\n",
		wantErr: "parse:",
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := addResources([]byte(tt.in), entries, tt.style)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("error = %v, want one containing %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != tt.want {
				t.Fatalf("got\n%s\nwant\n%s", got, tt.want)
			}
			again, err := addResources(got, entries, tt.style)
			if err != nil || !bytes.Equal(again, got) {
				t.Fatalf("a second run changed the file (err %v):\n%s", err, again)
			}
		})
	}
}

// FuzzAddResources: on any input, addResources either refuses it or
// returns a kustomization that lists every entry, keeps every entry it
// had, and is a fixed point.
func FuzzAddResources(f *testing.F) {
	for _, s := range []string{
		"", "resources: []\n", "resources:\n- a\n", "resources:\n  - a # c\n\n  - b\n", "resources: [a, b]\n",
		"kind: Kustomization\nresources:\n", "resources: [\n a, # c\n]\n", "---\nresources: [] # x\n", "a: {resources: [x]}\n",
	} {
		f.Add([]byte(s))
	}
	entries := []string{"policies", "shop/x.yaml"}
	f.Fuzz(func(t *testing.T, data []byte) {
		out, err := addResources(data, entries, yaml.CompactSequenceStyle)
		if err != nil {
			return
		}
		before := listed(t, data)
		after := listed(t, out)
		for _, e := range append(before, entries...) {
			if !slices.Contains(after, strings.TrimSuffix(strings.TrimPrefix(e, "./"), "/")) && !slices.Contains(after, e) {
				t.Errorf("%q is not listed after the edit; got %q from\n%s", e, after, out)
			}
		}
		again, err := addResources(out, entries, yaml.CompactSequenceStyle)
		if err != nil || !bytes.Equal(again, out) {
			t.Errorf("not a fixed point (err %v):\n%s\nthen\n%s", err, out, again)
		}
	})
}

// listed returns the resources and bases entries of a kustomization that
// addResources accepted.
func listed(t *testing.T, data []byte) []string {
	t.Helper()
	doc, err := parseOne(data)
	if err != nil {
		t.Fatalf("output does not parse: %v\n%s", err, data)
	}
	var out []string
	for _, field := range []string{"resources", "bases"} {
		if _, v := lookup(doc.Content[0], field); v != nil {
			for _, item := range v.Content {
				out = append(out, item.Value)
			}
		}
	}
	return out
}
