package validate

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/kunerva/kunerva/internal/policy"
	"github.com/kunerva/kunerva/internal/testing/golden"
	"github.com/kunerva/kunerva/internal/tree"
)

var (
	shopOnce sync.Once
	shopTree *tree.Tree
	shopErr  error
)

// loadShop builds the real examples/shop tree once per test binary.
func loadShop(t testing.TB) *tree.Tree {
	t.Helper()
	shopOnce.Do(func() { shopTree, shopErr = tree.Load("../examples/shop") })
	if shopErr != nil {
		t.Fatal(shopErr)
	}
	return shopTree
}

// TestCheckDevsetPolicies runs the checks on every policy the dev set
// expects for the shop tree: they are valid, so no check may call them
// errors.
func TestCheckDevsetPolicies(t *testing.T) {
	shop := loadShop(t)
	var policies, warnings int
	for _, tc := range devSet(t) {
		if tc.Tree != "examples/shop" {
			continue
		}
		t.Run(tc.Name, func(t *testing.T) {
			policies += len(tc.Docs)
			for _, f := range check(tc.Docs, shop, nil) {
				if f.Severity == SeverityWarning {
					warnings++
					t.Logf("%s", f)
				} else {
					t.Errorf("%s", f)
				}
			}
		})
	}
	if policies < 100 {
		t.Errorf("checked %d dev-set policies, want the whole set (at least 100)", policies)
	}
	t.Logf("%d dev-set policies, %d warnings", policies, warnings)
}

// findingLines renders findings one per line, as the text format does.
func findingLines(fs []Finding) string {
	var b strings.Builder
	for _, f := range fs {
		b.WriteString(f.String() + "\n")
	}
	return b.String()
}

func checkNames(fs []Finding) []string {
	var names []string
	for _, f := range fs {
		if !slices.Contains(names, f.Check) {
			names = append(names, f.Check)
		}
	}
	return names
}

var checkTrees = map[string]func(t testing.TB) *tree.Tree{
	"none": func(testing.TB) *tree.Tree { return nil },
	"shop": loadShop,
	// The shop tree with three policies in it (testdata/checks/tree).
	"shop+policies": func(t testing.TB) *tree.Tree {
		t.Helper()
		tr, err := tree.Load("testdata/checks/tree")
		if err != nil {
			t.Fatal(err)
		}
		return tr
	},
}

// TestCheckFindings runs the checks on the policies in
// testdata/checks/<input>.yaml against a tree and compares the findings with
// testdata/checks/<name>.golden (go test -update rewrites them). want is the
// set of checks that must fire, so an -update cannot quietly accept a
// finding from the wrong check.
func TestCheckFindings(t *testing.T) {
	tests := []struct {
		name   string
		input  string // defaults to name
		tree   string
		forbid []policy.Widening
		want   []string
	}{
		{name: "selector-app-label", tree: "shop", want: []string{checkSelector}},
		{name: "selector-peer-namespace", tree: "shop", want: []string{checkSelector}},
		{name: "selector-cilium", tree: "shop", want: []string{checkSelector}},
		{name: "selector-expressions", tree: "shop", want: []string{checkSelector}},
		{name: "selector-kubearmor", tree: "shop", want: []string{checkSelector}},
		{name: "namespace-own", tree: "shop", want: []string{checkNamespace}},
		{name: "namespace-peer", tree: "shop", want: []string{checkNamespace}},
		{name: "ports-service-port", tree: "shop", want: []string{checkPorts}},
		{name: "ports-named", tree: "shop", want: []string{checkPorts}},
		{name: "ports-egress", tree: "shop", want: []string{checkPorts}},
		{name: "ports-cilium", tree: "shop", want: []string{checkPorts}},
		{name: "kubearmor-path", tree: "none", want: []string{checkKubeArmorPath}},
		{name: "allow-list", tree: "none", want: []string{checkAllowList}},
		{name: "fqdn-dns", tree: "none", want: []string{checkFQDNDNS}},
		{name: "l7-port", tree: "none", want: []string{checkL7Port}},
		{name: "cilium-port", tree: "shop", want: []string{checkCiliumPort, CheckWidensAccess}},
		{name: "duplicate-tree", tree: "shop+policies", want: []string{checkDuplicate}},
		{name: "duplicate-docs", tree: "none", want: []string{checkDuplicate}},
		{name: "replaces-tree", tree: "shop+policies", want: []string{checkReplaces}},
		{name: "shadow-tree", tree: "shop+policies", want: []string{checkShadow}},
		{name: "shadow-docs", tree: "none", want: []string{CheckWidensAccess, checkShadow}},
		{name: "widens-access", tree: "none", want: []string{CheckWidensAccess, checkAllowList}},
		{name: "widens-access-forbidden", input: "widens-access", tree: "none", forbid: policy.Widenings, want: []string{CheckWidensAccess, checkAllowList}},
		// Only its cluster-wide DNS policy widens (cluster-wide).
		{name: "valid", tree: "shop+policies", want: []string{CheckWidensAccess}},
		// Without a tree only the checks that need none run.
		{name: "no-tree", input: "selector-app-label", tree: "none"},
		{name: "no-tree-ports", input: "ports-named", tree: "none"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			input := filepath.Join("testdata", "checks", cmpOr(tt.input, tt.name)+".yaml")
			data, err := os.ReadFile(input)
			if err != nil {
				t.Fatal(err)
			}
			docs, err := Parse(input, data)
			if err != nil {
				t.Fatal(err)
			}
			forbid := map[policy.Widening]bool{}
			for _, w := range tt.forbid {
				forbid[w] = true
			}
			got := check(docs, checkTrees[tt.tree](t), forbid)
			if names := checkNames(got); !slices.Equal(names, tt.want) {
				t.Errorf("checks = %v, want %v", names, tt.want)
			}
			for _, f := range got {
				if f.Stage != StageChecks || f.File != input || f.Line == 0 || f.Object == "" || f.Field == "" || f.Message == "" {
					t.Errorf("finding lacks a part: %#v", f)
				}
			}
			golden.Check(t, filepath.Join("testdata", "checks", tt.name+".golden"), []byte(findingLines(got)))
		})
	}
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// FuzzCheck feeds the checks policies of any shape: they must not panic, and
// every finding must name its check and say something.
func FuzzCheck(f *testing.F) {
	shop := loadShop(f)
	inputs, err := filepath.Glob("testdata/checks/*.yaml")
	if err != nil {
		f.Fatal(err)
	}
	for _, in := range inputs {
		data, err := os.ReadFile(in)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte("apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {namespace: 5}\nspec: {podSelector: x, ingress: [5, {from: [a, {namespaceSelector: []}], ports: [{port: [1], endPort: x}]}]}\n"))
	f.Add([]byte("apiVersion: cilium.io/v2\nkind: CiliumNetworkPolicy\nmetadata: {namespace: shop}\nspecs: [{endpointSelector: {matchExpressions: [{key: 'k8s:app', operator: Bad}]}, egress: [{toFQDNs: [x], toPorts: [{ports: 1, rules: {http: [{}]}}]}]}, 3]\n"))
	f.Add([]byte("apiVersion: security.kubearmor.com/v1\nkind: KubeArmorClusterPolicy\nspec: {action: Allow, selector: {matchExpressions: [{key: label, operator: In, values: [x]}]}, file: {matchPaths: [{path: 5, fromSource: [x]}]}}\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		docs, _ := Parse("fuzz.yaml", data)
		all := map[policy.Widening]bool{}
		for _, w := range policy.Widenings {
			all[w] = true
		}
		for i, tr := range []*tree.Tree{nil, shop} {
			for _, fd := range check(docs, tr, []map[policy.Widening]bool{nil, all}[i]) {
				if fd.Stage != StageChecks || fd.Check == "" || fd.Message == "" || fd.Object == "" || fd.File != "fuzz.yaml" {
					t.Errorf("incomplete finding %#v", fd)
				}
			}
		}
	})
}
