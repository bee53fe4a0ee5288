package policy

import "strconv"

// Spec is one spec of a policy object, as written: spec, or for Cilium also
// each item of specs; Value may be of any shape.
type Spec struct {
	Field string // "spec", "specs[1]"
	Value any
	// Rules are the spec's network rules (NetworkPolicy and Cilium), in the
	// order of the directions, then as written.
	Rules []Rule
}

// Rule is one network rule of a spec; Value may be of any shape.
type Rule struct {
	Field  string // "spec.ingress[0]", "specs[1].egressDeny[2]"
	Egress bool
	Deny   bool // Cilium's ingressDeny and egressDeny
	Value  any
}

// Map returns the spec when it is an object, else nil.
func (s Spec) Map() map[string]any { return asMap(s.Value) }

// Map returns the rule when it is an object, else nil.
func (r Rule) Map() map[string]any { return asMap(r.Value) }

// Peers names the rule's field that lists its peers by selector: from or to
// for a NetworkPolicy, fromEndpoints or toEndpoints for Cilium.
func (r Rule) Peers(f Family) string {
	side := "from"
	if r.Egress {
		side = "to"
	}
	if f == FamilyCilium {
		return side + "Endpoints"
	}
	return side
}

// directions are the fields of a spec that hold network rules, by family.
var directions = map[Family][]struct {
	field        string
	egress, deny bool
}{
	FamilyNetworkPolicy: {{"ingress", false, false}, {"egress", true, false}},
	FamilyCilium:        {{"ingress", false, false}, {"ingressDeny", false, true}, {"egress", true, false}, {"egressDeny", true, true}},
}

// Specs reads an object of the kind into its specs and their network rules:
// the one reading of where a policy keeps what it says, for validate's checks
// and the semantic comparison. A NetworkPolicy or KubeArmor policy has one
// spec, even when it is missing (nil).
func Specs(k Kind, obj map[string]any) []Spec {
	if k.Family != FamilyCilium {
		return []Spec{spec(k.Family, "spec", obj["spec"])}
	}
	// A Cilium policy has spec, specs or both.
	var specs []Spec
	if v := obj["spec"]; v != nil {
		specs = append(specs, spec(k.Family, "spec", v))
	}
	items, _ := obj["specs"].([]any)
	for i, v := range items {
		specs = append(specs, spec(k.Family, "specs["+strconv.Itoa(i)+"]", v))
	}
	return specs
}

func spec(f Family, field string, v any) Spec {
	s := Spec{Field: field, Value: v}
	body := asMap(v)
	for _, d := range directions[f] {
		rules, _ := body[d.field].([]any)
		for i, r := range rules {
			s.Rules = append(s.Rules, Rule{Field: field + "." + d.field + "[" + strconv.Itoa(i) + "]", Egress: d.egress, Deny: d.deny, Value: r})
		}
	}
	return s
}

func asMap(v any) map[string]any {
	m, _ := v.(map[string]any)
	return m
}
