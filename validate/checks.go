package validate

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/kunerva/kunerva/internal/policy"
	"github.com/kunerva/kunerva/internal/tree"
)

// Check names of the checks stage, as they appear in findings.
const (
	checkSelector      = "selector"
	checkNamespace     = "namespace"
	checkPorts         = "ports"
	checkKubeArmorPath = "kubearmor-path"
	checkAllowList     = "allow-list"
	checkFQDNDNS       = "fqdn-dns"
	checkL7Port        = "l7-port"
	checkCiliumPort    = "cilium-port"
	checkDuplicate     = "duplicate"
	checkReplaces      = "replaces"
	checkShadow        = "shadow"
)

// CheckDescriptions describe each check, and the stages that are checks of
// their own, as reports list them (SARIF's rules).
var CheckDescriptions = map[string]string{
	string(StageSchema): "The policy does not match the schema of its kind.",
	string(StageDryRun): "The API server rejects the policy.",
	checkSelector:       "A selector selects no workload of the tree.",
	checkNamespace:      "A namespace the policy lives in or refers to is not in the tree.",
	checkPorts:          "A port in a rule is not exposed by the pods the rule is about.",
	checkKubeArmorPath:  "A KubeArmor path is not absolute, or a directory does not end with a slash.",
	checkAllowList:      "A KubeArmor Allow rule turns the container into an allow-list.",
	checkFQDNDNS:        "A Cilium toFQDNs rule has no DNS rule that lets the lookups through.",
	checkL7Port:         "A Cilium L7 rule has no usable port.",
	checkCiliumPort:     "A Cilium port is accepted by the CRD but rejected by the agent.",
	checkDuplicate:      "The policy duplicates another policy.",
	checkReplaces:       "The policy replaces a policy of the tree that has other rules.",
	checkShadow:         "A Cilium deny rule blocks what another policy allows.",
	CheckWidensAccess:   "The policy widens access: a rule for every peer, every address, the world or every namespace, or a cluster-scoped kind.",
}

// check runs the checks stage: what the schema and the API server cannot
// know, because it depends on the kustomize tree the policies are for (their
// selectors select workloads, their namespaces and ports exist) or on how
// Cilium and KubeArmor read a policy after the API server has accepted it.
// With t == nil only the checks that need no tree run. The ways of widening
// access in forbid are errors rather than warnings.
func check(docs []Document, t *tree.Tree, forbid map[policy.Widening]bool) []Finding {
	c := &checker{tree: t, forbid: forbid}
	for _, d := range docs {
		if p, ok := newPolicy(d); ok {
			c.policies = append(c.policies, p)
		}
	}
	if t != nil {
		c.treePolicies = treePolicies(t)
	}
	for _, p := range c.policies {
		c.current = p
		if t != nil {
			c.checkNamespaces(p)
			c.checkSelectors(p)
			c.checkPorts(p)
		}
		c.checkKubeArmor(p)
		c.checkCilium(p)
		c.checkConflicts(p)
		c.checkWidens(p)
	}
	return c.findings
}

// checker carries the policies being checked, the tree and the findings.
type checker struct {
	tree         *tree.Tree
	policies     []*checkedPolicy // the documents being validated
	treePolicies []*checkedPolicy // the policies already in the tree
	current      *checkedPolicy
	forbid       map[policy.Widening]bool
	findings     []Finding
}

// report adds a finding about the current policy.
func (c *checker) report(sev Severity, check, field, format string, args ...any) {
	d := c.current.doc
	c.findings = append(c.findings, Finding{
		File:     d.File,
		Line:     d.Line,
		Object:   d.Ref(),
		Field:    field,
		Stage:    StageChecks,
		Check:    check,
		Severity: sev,
		Message:  fmt.Sprintf(format, args...),
	})
}

func (c *checker) errorf(check, field, format string, args ...any) {
	c.report(SeverityError, check, field, format, args...)
}

func (c *checker) warnf(check, field, format string, args ...any) {
	c.report(SeverityWarning, check, field, format, args...)
}

// Accessors for objects decoded from YAML: they return the zero value for
// anything of another shape, which the schema stage reports.

func yamlMap(v any) map[string]any {
	m, _ := v.(map[string]any)
	return m
}

func yamlList(v any) []any {
	l, _ := v.([]any)
	return l
}

// yamlString renders a YAML scalar as written: 8443, "8443" and true become
// 8443, 8443 and true.
func yamlString(v any) string {
	switch v := v.(type) {
	case nil:
		return ""
	case string:
		return v
	case int:
		return strconv.Itoa(v)
	case float64:
		return strconv.FormatFloat(v, 'f', -1, 64)
	}
	return fmt.Sprint(v)
}

// yamlInt reads a YAML integer; ok is false for anything else.
func yamlInt(v any) (n int, ok bool) {
	switch v := v.(type) {
	case int:
		return v, true
	case int64:
		return int(v), true
	case uint64:
		return int(v), v <= 1<<31
	case float64:
		return int(v), v == float64(int(v))
	}
	return 0, false
}

// fieldAt appends [i] to a field path.
func fieldAt(field string, i int) string { return field + "[" + strconv.Itoa(i) + "]" }

// joinAnd joins with commas and a final "and".
func joinAnd(items []string) string {
	switch len(items) {
	case 0:
		return ""
	case 1:
		return items[0]
	}
	return strings.Join(items[:len(items)-1], ", ") + " and " + items[len(items)-1]
}

// labelsText renders a label set as k=v,k=v with sorted keys.
func labelsText(m map[string]string) string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = k + "=" + m[k]
	}
	return strings.Join(parts, ",")
}
