package openapi

import (
	"encoding/json"
	"reflect"
	"testing"
)

func TestConvert(t *testing.T) {
	tests := []struct {
		name string
		opts Options
		in   string
		want string
	}{{
		name: "objects with properties are strict",
		in:   `{"type":"object","description":"d","properties":{"a":{"type":"object","properties":{"b":{"type":"string","default":"x"}}}}}`,
		want: `{"type":"object","additionalProperties":false,"properties":{"a":{"type":"object","additionalProperties":false,"properties":{"b":{"type":"string"}}}}}`,
	}, {
		name: "objects without properties stay open",
		in:   `{"type":"object"}`,
		want: `{"type":"object"}`,
	}, {
		name: "maps keep their value schema",
		in:   `{"type":"object","additionalProperties":{"type":"string"}}`,
		want: `{"type":"object","additionalProperties":{"type":"string"}}`,
	}, {
		name: "preserve-unknown-fields is not strict, its children are",
		in:   `{"type":"object","x-kubernetes-preserve-unknown-fields":true,"properties":{"a":{"type":"object","properties":{"b":{"type":"string"}}}}}`,
		want: `{"type":"object","properties":{"a":{"type":"object","additionalProperties":false,"properties":{"b":{"type":"string"}}}}}`,
	}, {
		name: "oneOf branches are not strict",
		in:   `{"type":"object","properties":{"cidr":{"type":"string"},"cidrGroupRef":{"type":"string"}},"oneOf":[{"properties":{"cidr":{}},"required":["cidr"]},{"properties":{"cidrGroupRef":{}},"required":["cidrGroupRef"]}]}`,
		want: `{"type":"object","additionalProperties":false,"properties":{"cidr":{"type":"string"},"cidrGroupRef":{"type":"string"}},"oneOf":[{"properties":{"cidr":{}},"required":["cidr"]},{"properties":{"cidrGroupRef":{}},"required":["cidrGroupRef"]}]}`,
	}, {
		name: "anyOf and allOf branches are not strict, down to their leaves",
		in:   `{"anyOf":[{"properties":{"a":{"properties":{"b":{}}}}}],"allOf":[{"properties":{"c":{}}}]}`,
		want: `{"anyOf":[{"properties":{"a":{"properties":{"b":{}}}}}],"allOf":[{"properties":{"c":{}}}]}`,
	}, {
		name: "int-or-string",
		in:   `{"x-kubernetes-int-or-string":true,"anyOf":[{"type":"integer"},{"type":"string"}],"pattern":"^[0-9]+$"}`,
		want: `{"type":["integer","string"],"pattern":"^[0-9]+$"}`,
	}, {
		name: "format int-or-string",
		in:   `{"type":"string","format":"int-or-string"}`,
		want: `{"type":["integer","string"]}`,
	}, {
		name: "kube-openapi's oneOf of types",
		in:   `{"oneOf":[{"type":"integer"},{"type":"string"}]}`,
		want: `{"type":["integer","string"]}`,
	}, {
		name: "nullable",
		in:   `{"type":"string","nullable":true,"enum":["a","b"]}`,
		want: `{"type":["string","null"],"enum":["a","b",null]}`,
	}, {
		name: "nullable int-or-string",
		in:   `{"x-kubernetes-int-or-string":true,"nullable":true}`,
		want: `{"type":["integer","string","null"]}`,
	}, {
		name: "nullable fields for built-in kinds",
		opts: Options{NullableFields: true},
		in:   `{"type":"object","properties":{"a":{"type":"string"},"b":{"type":"array","items":{"type":"string"}}}}`,
		want: `{"type":"object","additionalProperties":false,"properties":{"a":{"type":["string","null"]},"b":{"type":["array","null"],"items":{"type":"string"}}}}`,
	}, {
		name: "value keywords are kept",
		in:   `{"type":"integer","format":"int32","minimum":1,"maximum":65535,"enum":[1,2]}`,
		want: `{"type":"integer","format":"int32","minimum":1,"maximum":65535,"enum":[1,2]}`,
	}, {
		name: "exclusive bounds in draft-07 form",
		in:   `{"type":"number","minimum":0,"exclusiveMinimum":true,"maximum":10,"exclusiveMaximum":false}`,
		want: `{"type":"number","exclusiveMinimum":0,"maximum":10}`,
	}, {
		name: "required and list items",
		in:   `{"type":"array","maxItems":3,"items":{"type":"object","required":["k"],"properties":{"k":{"type":"string","minLength":1}}}}`,
		want: `{"type":"array","maxItems":3,"items":{"type":"object","additionalProperties":false,"required":["k"],"properties":{"k":{"type":"string","minLength":1}}}}`,
	}, {
		name: "embedded resources accept apiVersion, kind and metadata",
		in:   `{"type":"object","x-kubernetes-embedded-resource":true,"properties":{"spec":{"type":"object"}}}`,
		want: `{"type":"object","additionalProperties":false,"properties":{"apiVersion":{"type":"string"},"kind":{"type":"string"},"metadata":{"type":"object"},"spec":{"type":"object"}}}`,
	}, {
		name: "extensions are dropped",
		in:   `{"type":"array","x-kubernetes-list-type":"atomic","x-kubernetes-validations":[{"rule":"self.size() > 0"}],"items":{"type":"string"}}`,
		want: `{"type":"array","items":{"type":"string"}}`,
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var in, want map[string]any
			if err := json.Unmarshal([]byte(tt.in), &in); err != nil {
				t.Fatal(err)
			}
			if err := json.Unmarshal([]byte(tt.want), &want); err != nil {
				t.Fatal(err)
			}
			want["$schema"] = Draft
			before, _ := json.Marshal(in)
			got := roundTrip(t, Convert(in, tt.opts))
			if !reflect.DeepEqual(got, want) {
				g, _ := json.Marshal(got)
				w, _ := json.Marshal(want)
				t.Errorf("Convert(%s)\n got %s\nwant %s", tt.in, g, w)
			}
			if after, _ := json.Marshal(in); string(after) != string(before) {
				t.Errorf("Convert modified its input: %s", after)
			}
		})
	}
}

// roundTrip makes the output comparable with decoded JSON (float64 numbers,
// []any lists).
func roundTrip(t *testing.T, v any) map[string]any {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	return m
}

func TestFileName(t *testing.T) {
	tests := []struct{ apiVersion, kind, want string }{
		{"v1", "Service", "service-v1.json"},
		{"apps/v1", "Deployment", "deployment-apps-v1.json"},
		{"networking.k8s.io/v1", "NetworkPolicy", "networkpolicy-networking-v1.json"},
		{"cilium.io/v2", "CiliumNetworkPolicy", "ciliumnetworkpolicy-cilium-v2.json"},
		{"security.kubearmor.com/v1", "KubeArmorPolicy", "kubearmorpolicy-security-v1.json"},
	}
	for _, tt := range tests {
		if got := FileName(tt.apiVersion, tt.kind); got != tt.want {
			t.Errorf("FileName(%q, %q) = %q, want %q", tt.apiVersion, tt.kind, got, tt.want)
		}
	}
}
