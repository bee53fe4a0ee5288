package connectivity

import (
	"slices"

	"github.com/kunerva/kunerva/internal/tree"
)

// Diff reports what changes from before to after, two models of the same
// tree: every flow whose verdict or L7 restriction differs, over the
// workloads of the tree and the outside peers either model names, and what
// KubeArmor does differently in each workload.
func Diff(before, after *Model) (Report, error) {
	r := Report{Changes: []Change{}, System: []SystemChange{}}
	changed := changedPolicies(before, after)
	for _, o := range before.policies {
		if slices.ContainsFunc(after.policies, func(p tree.Object) bool { return sameObject(p, o) && string(p.YAML) != string(o.YAML) }) {
			r.Replaced = append(r.Replaced, ref(o))
		}
	}
	// The same endpoints for both, so that outside peers stand for the same
	// addresses before and after.
	eps := before.peers([]*Model{after})
	b, a := before.flows(eps), after.flows(eps)
	for i := range a {
		was, now := b[i].Result, a[i].Result
		if was.Verdict == now.Verdict && slices.Equal(was.L7, now.L7) {
			continue
		}
		c := Change{
			From: a[i].From.String(), To: a[i].To.String(), Protocol: a[i].Port.Protocol,
			Before: was.Verdict, After: now.Verdict, BeforeL7: was.L7, AfterL7: now.L7,
			Because: deciding(changed, now.Because, was.Because),
			Reason:  now.Reason,
		}
		if n := a[i].Port.Number; n != 0 {
			c.Port = &n
		}
		r.Changes = append(r.Changes, c)
	}
	was, err := before.System()
	if err != nil {
		return r, err
	}
	now, err := after.System()
	if err != nil {
		return r, err
	}
	r.System = diffSystem(was, now)
	for i, c := range r.System {
		r.System[i].Because = deciding(changed, c.Because, nil)
	}
	for _, w := range before.tree.Workloads {
		r.Workloads = append(r.Workloads, w.Namespace+"/"+w.Name)
	}
	slices.Sort(r.Workloads)
	r.Workloads = slices.Compact(r.Workloads)
	return r, nil
}

// deciding names the policies behind a change: those of the changed ones
// that decide the flow after it, or before it when none does after.
func deciding(changed map[string]bool, after, before []string) []string {
	for _, refs := range [][]string{after, before} {
		var out []string
		for _, r := range refs {
			if changed[r] {
				out = append(out, r)
			}
		}
		if len(out) > 0 {
			return out
		}
	}
	if len(after) > 0 {
		return after
	}
	return before
}

// changedPolicies are the policies added, replaced or removed between two
// models, by ref.
func changedPolicies(before, after *Model) map[string]bool {
	changed := map[string]bool{}
	for _, pair := range [][2][]tree.Object{{before.policies, after.policies}, {after.policies, before.policies}} {
		for _, o := range pair[0] {
			if !slices.ContainsFunc(pair[1], func(p tree.Object) bool { return sameObject(p, o) && string(p.YAML) == string(o.YAML) }) {
				changed[ref(o)] = true
			}
		}
	}
	return changed
}

func sameObject(a, b tree.Object) bool {
	return a.Kind == b.Kind && a.Namespace == b.Namespace && a.Name == b.Name
}
