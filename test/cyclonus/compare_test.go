package cyclonus

import (
	"errors"
	"fmt"
	"maps"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/kunerva/kunerva/internal/connectivity"
	"github.com/kunerva/kunerva/internal/eval/devset"
	"github.com/kunerva/kunerva/internal/policy"
	"github.com/kunerva/kunerva/internal/tree"
)

// demoTrees are the example trees of workloads, whose own NetworkPolicies
// are compared and to which every dev-set case's policies are added in
// turn: the shop, and the travel agency where the repository has it.
func demoTrees() []string {
	dirs := []string{"examples/shop"}
	if _, err := os.Stat("../../examples/travel/kustomization.yaml"); err == nil {
		dirs = append(dirs, "examples/travel")
	}
	return dirs
}

// networkPolicyTree loads a tree without its policies of other kinds
// (Cilium's, KubeArmor's), which cyclonus knows nothing of.
func networkPolicyTree(dir string) (*tree.Tree, error) {
	tr, err := trees.Load(dir)
	if err != nil {
		return nil, err
	}
	var objs []tree.Object
	for _, o := range tr.Objects {
		group, _, _ := strings.Cut(o.APIVersion, "/")
		if k, ok := policy.Lookup(group, o.Kind); ok && k.Family != policy.FamilyNetworkPolicy {
			continue
		}
		objs = append(objs, o)
	}
	return tree.FromObjects(tr.Root, objs)
}

var trees = &devset.Trees{Root: "../.."}

// tally counts what a comparison saw.
type tally struct {
	mu                          sync.Mutex
	cases, flows, unknown, skip int
	disagreements               int
	unknownReasons, skipReasons map[string]int
	kinds                       map[string]int // flows compared, by verdict and ends
}

func (t *tally) add(o outcome) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.cases++
	t.flows += o.flows
	t.unknown += o.unknown
	t.skip += o.skip
	t.disagreements += len(o.disagreements)
	if t.unknownReasons == nil {
		t.unknownReasons, t.skipReasons, t.kinds = map[string]int{}, map[string]int{}, map[string]int{}
	}
	for k, n := range o.kinds {
		t.kinds[k] += n
	}
	for r, n := range o.unknownReasons {
		t.unknownReasons[r] += n
	}
	for r, n := range o.skipReasons {
		t.skipReasons[r] += n
	}
}

func (t *tally) log(tb testing.TB, what string) {
	tb.Logf("%s: %d cases, %d flows compared, %d disagreements; %d flows unknown to kunerva (not compared), %d flows cyclonus cannot judge",
		what, t.cases, t.flows, t.disagreements, t.unknown, t.skip)
	for _, m := range []map[string]int{t.kinds, t.unknownReasons, t.skipReasons} {
		for _, k := range slices.Sorted(maps.Keys(m)) {
			tb.Logf("  %6d  %s", m[k], k)
		}
	}
}

// outcome is what comparing one model with cyclonus found.
type outcome struct {
	flows, unknown, skip        int
	disagreements               []string
	unknownReasons, skipReasons map[string]int
	kinds                       map[string]int
}

// compare asks cyclonus about every flow of t under its own policies and
// policies, and lists the flows where its verdict is not kunerva's.
func compare(t *tree.Tree, policies []tree.Object) (outcome, error) {
	o := outcome{unknownReasons: map[string]int{}, skipReasons: map[string]int{}, kinds: map[string]int{}}
	m, err := connectivity.New(t)
	if err != nil {
		return o, fmt.Errorf("kunerva's model of the tree: %w", err)
	}
	if m, err = m.With(policies); err != nil {
		return o, fmt.Errorf("kunerva's model with the policies: %w", err)
	}
	j, err := NewJudge(t, withPolicies(t.Objects, policies))
	if err != nil {
		return o, err
	}
	for _, f := range m.Flows() {
		if f.Result.Verdict == connectivity.Unknown {
			o.unknown++
			o.unknownReasons[reasonKind(f.Result.Reason)]++
			continue
		}
		got, because, err := j.Verdict(f)
		if errors.Is(err, errIncomparable) {
			o.skip++
			o.skipReasons[reasonKind(err.Error())]++
			continue
		}
		if err != nil {
			return o, err
		}
		o.flows++
		o.kinds[fmt.Sprintf("compared, %s: %s to %s", f.Result.Verdict, endKind(f.From), endKind(f.To))]++
		if got != f.Result.Verdict {
			o.disagreements = append(o.disagreements, fmt.Sprintf("%s -> %s %s: cyclonus %s (%s), kunerva %s (%s)",
				f.From, f.To, f.Port, got, strings.Join(because, ", "), f.Result.Verdict, strings.Join(f.Result.Because, ", ")))
		}
	}
	return o, nil
}

func endKind(p connectivity.Peer) string {
	if p.Kind == connectivity.PeerWorkload {
		return "workload"
	}
	return strings.SplitN(p.String(), ":", 2)[0]
}

// reasonKind is a reason without the policy it names in front, so that
// the log counts reasons across policies.
func reasonKind(reason string) string {
	if i := strings.Index(reason, ": "); i >= 0 && strings.Contains(reason[:i], "/") {
		reason = reason[i+2:] // the policy's name
	}
	return reason
}

// withPolicies is the tree's objects with policies added, replacing an
// object of the same kind, namespace and name, as Model.With does.
func withPolicies(objs, policies []tree.Object) []tree.Object {
	out := slices.Clone(objs)
	for _, p := range policies {
		i := slices.IndexFunc(out, func(o tree.Object) bool {
			return o.Kind == p.Kind && o.Namespace == p.Namespace && o.Name == p.Name
		})
		if i >= 0 {
			out[i] = p
		} else {
			out = append(out, p)
		}
	}
	return out
}

// networkPolicyCases are the dev-set cases whose expected objects are all
// NetworkPolicies, with those objects.
func networkPolicyCases(t *testing.T) ([]devset.Case, [][]tree.Object) {
	t.Helper()
	cases, err := devset.Load("../../generator/testdata/devset")
	if err != nil {
		t.Fatal(err)
	}
	var keep []devset.Case
	var objs [][]tree.Object
	for _, c := range cases {
		if len(c.Expect) == 0 || slices.ContainsFunc(c.Expect, func(e map[string]any) bool { return e["kind"] != "NetworkPolicy" }) {
			continue
		}
		y, err := c.ExpectYAML()
		if err != nil {
			t.Fatal(err)
		}
		o, err := Objects(y)
		if err != nil {
			t.Fatalf("case %s: %v", c.Name, err)
		}
		keep = append(keep, c)
		objs = append(objs, o)
	}
	if len(keep) == 0 {
		t.Fatal("no dev-set case expects NetworkPolicies only")
	}
	return keep, objs
}

// run compares one model per item, in parallel, and fails on every
// disagreement, listed under the item's name.
func run(t *testing.T, what string, names []string, model func(i int) (*tree.Tree, []tree.Object, error)) {
	var all tally
	t.Cleanup(func() { all.log(t, what) })
	for i, name := range names {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			tr, policies, err := model(i)
			if err != nil {
				t.Fatal(err)
			}
			o, err := compare(tr, policies)
			if err != nil {
				t.Fatal(err)
			}
			all.add(o)
			for _, d := range o.disagreements {
				t.Error(d)
			}
		})
	}
}

// TestDevSet compares every NetworkPolicy case of the dev set on its own
// tree, or on a tree synthesized from its policies.
func TestDevSet(t *testing.T) {
	cases, objs := networkPolicyCases(t)
	names := make([]string, len(cases))
	for i, c := range cases {
		names[i] = c.Name
	}
	run(t, "dev set", names, func(i int) (*tree.Tree, []tree.Object, error) {
		if cases[i].Tree != "" {
			tr, err := networkPolicyTree(cases[i].Tree)
			return tr, objs[i], err
		}
		tr, err := Synthesize(objs[i])
		return tr, objs[i], err
	})
}

// TestDemoTrees compares each demo tree under its own NetworkPolicies,
// then under each dev-set case's policies added to them.
func TestDemoTrees(t *testing.T) {
	cases, objs := networkPolicyCases(t)
	for _, dir := range demoTrees() {
		t.Run(dir, func(t *testing.T) {
			tr, err := networkPolicyTree(dir)
			if err != nil {
				t.Fatal(err)
			}
			names := []string{"own policies"}
			for _, c := range cases {
				names = append(names, c.Name)
			}
			run(t, dir, names, func(i int) (*tree.Tree, []tree.Object, error) {
				if i == 0 {
					return tr, nil, nil
				}
				return tr, objs[i-1], nil
			})
		})
	}
}
