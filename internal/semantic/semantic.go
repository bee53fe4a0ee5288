package semantic

import (
	"cmp"
	"errors"
	"fmt"
	"slices"

	"github.com/kunerva/kunerva/internal/policy"
)

// Diff compares two YAML streams of policies by meaning and returns the
// differences, one human-readable line each (empty when they mean the same).
// error only for input that is not a YAML stream of objects with
// apiVersion/kind.
//
// Each line names the policy key and one atom that want has and got lacks
// ("missing") or got has and want lacks ("extra"):
//
//	NetworkPolicy shop (app=payments): missing ingress from pods{app=checkout} port 8443/TCP
func Diff(want, got []byte) ([]string, error) {
	w, werr := canonicalise(want)
	if werr != nil {
		werr = fmt.Errorf("reading want: %w", werr)
	}
	g, gerr := canonicalise(got)
	if gerr != nil {
		gerr = fmt.Errorf("reading got: %w", gerr)
	}
	if err := errors.Join(werr, gerr); err != nil {
		return nil, err
	}
	return compare(w, g), nil
}

// policyKey says which pods (or nodes) a group of atoms is about. Policies
// with the same key are merged, which is what makes one policy with two rules
// equal to two policies with one rule each.
type policyKey struct {
	group, kind, namespace, subject string
}

func (k policyKey) String() string {
	s := k.kind
	if pk, known := policy.Named(k.kind); (known && pk.Group != k.group) || (!known && k.group != "") {
		s += "." + cmp.Or(k.group, "core")
	}
	if k.namespace != "" {
		s += " " + k.namespace
	}
	if k.subject != "" {
		s += " " + k.subject
	}
	return s
}

// policySet maps each key to its set of atoms.
type policySet map[policyKey]map[string]bool

func (s policySet) add(k policyKey, atom string) {
	if s[k] == nil {
		s[k] = map[string]bool{}
	}
	s[k][atom] = true
}

func (o object) key(subject string) policyKey {
	k := policyKey{group: o.group, kind: o.kind, namespace: o.namespace, subject: subject}
	if pk, known := policy.Lookup(o.group, o.kind); known && pk.Cluster {
		k.namespace = ""
	}
	return k
}

func canonicalise(data []byte) (policySet, error) {
	objs, err := decodeStream(data)
	if err != nil {
		return nil, err
	}
	s := policySet{}
	for _, o := range objs {
		k, known := policy.Lookup(o.group, o.kind)
		if !known {
			addOther(s, o)
			continue
		}
		switch k.Family {
		case policy.FamilyNetworkPolicy:
			addNetworkPolicy(s, o, k)
		case policy.FamilyCilium:
			addCilium(s, o, k)
		default:
			addKubeArmor(s, o, k)
		}
	}
	return s, nil
}

// addOther compares kinds this package does not know by everything but
// their identity and status.
func addOther(s policySet, o object) {
	rest := map[string]any{}
	for k, v := range o.body {
		switch k {
		case "apiVersion", "kind", "metadata", "status":
		default:
			rest[k] = v
		}
	}
	s.add(o.key(""), "content "+canonical(rest))
}

func compare(want, got policySet) []string {
	keys := make([]policyKey, 0, len(want)+len(got))
	for k := range want {
		keys = append(keys, k)
	}
	for k := range got {
		if _, ok := want[k]; !ok {
			keys = append(keys, k)
		}
	}
	slices.SortFunc(keys, func(a, b policyKey) int {
		return cmp.Or(cmp.Compare(a.String(), b.String()),
			cmp.Compare(a.group, b.group), cmp.Compare(a.kind, b.kind),
			cmp.Compare(a.namespace, b.namespace), cmp.Compare(a.subject, b.subject))
	})
	var lines []string
	for _, k := range keys {
		lines = append(lines, difference(k, "missing", want[k], got[k])...)
		lines = append(lines, difference(k, "extra", got[k], want[k])...)
	}
	return lines
}

// difference lists the atoms of a that b lacks.
func difference(k policyKey, verb string, a, b map[string]bool) []string {
	var atoms []string
	for atom := range a {
		if !b[atom] {
			atoms = append(atoms, atom)
		}
	}
	slices.Sort(atoms)
	lines := make([]string, len(atoms))
	for i, atom := range atoms {
		lines[i] = k.String() + ": " + verb + " " + atom
	}
	return lines
}
