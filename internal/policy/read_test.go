package policy

import (
	"reflect"
	"testing"
)

// Specs finds every spec and every network rule where each kind keeps them,
// with their fields, and keeps values of any shape for the reader to judge.
func TestSpecs(t *testing.T) {
	np, _ := Named("NetworkPolicy")
	cnp, _ := Named("CiliumNetworkPolicy")
	ksp, _ := Named("KubeArmorPolicy")
	type rule struct {
		Field        string
		Egress, Deny bool
	}
	fields := func(specs []Spec) map[string][]rule {
		out := map[string][]rule{}
		for _, s := range specs {
			out[s.Field] = []rule{}
			for _, r := range s.Rules {
				out[s.Field] = append(out[s.Field], rule{r.Field, r.Egress, r.Deny})
			}
		}
		return out
	}
	for _, tc := range []struct {
		name string
		kind Kind
		obj  map[string]any
		want map[string][]rule
	}{
		{"a NetworkPolicy without spec has one, nil", np, map[string]any{}, map[string][]rule{"spec": {}}},
		{"NetworkPolicy rules, ingress first", np, map[string]any{"spec": map[string]any{
			"egress": []any{map[string]any{}}, "ingress": []any{map[string]any{}, "odd"}}},
			map[string][]rule{"spec": {{"spec.ingress[0]", false, false}, {"spec.ingress[1]", false, false}, {"spec.egress[0]", true, false}}}},
		{"Cilium spec and specs, deny rules", cnp, map[string]any{
			"spec":  map[string]any{"egressDeny": []any{map[string]any{}}},
			"specs": []any{map[string]any{"ingress": []any{map[string]any{}}, "ingressDeny": []any{map[string]any{}}}, "odd"}},
			map[string][]rule{"spec": {{"spec.egressDeny[0]", true, true}}, "specs[0]": {{"specs[0].ingress[0]", false, false}, {"specs[0].ingressDeny[0]", false, true}}, "specs[1]": {}}},
		{"a Cilium policy with specs only", cnp, map[string]any{"specs": []any{map[string]any{}}}, map[string][]rule{"specs[0]": {}}},
		{"KubeArmor: one spec, no network rules", ksp, map[string]any{"spec": map[string]any{"ingress": []any{map[string]any{}}}}, map[string][]rule{"spec": {}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := fields(Specs(tc.kind, tc.obj)); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("Specs = %v, want %v", got, tc.want)
			}
		})
	}
	r := Specs(np, map[string]any{"spec": map[string]any{"ingress": []any{"odd"}}})[0].Rules[0]
	if r.Value != "odd" || r.Map() != nil || r.Peers(FamilyNetworkPolicy) != "from" || (Rule{Egress: true}).Peers(FamilyCilium) != "toEndpoints" {
		t.Errorf("rule %+v: the value as written, no map, peers under from", r)
	}
}
