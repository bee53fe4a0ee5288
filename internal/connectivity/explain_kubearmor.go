package connectivity

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/kunerva/kunerva/internal/tree"
)

// explainKubeArmor says what a KubeArmorPolicy, KubeArmorClusterPolicy or
// KubeArmorHostPolicy does, written by kunerva or not: which workloads of t
// it selects (t may be nil; nodes are not in trees), whom it applies to,
// one sentence per group of rules that differ only in their targets, and
// one per allow-list it makes.
func explainKubeArmor(t *tree.Tree, o tree.Object) (Explanation, error) {
	p, err := decodeKubeArmor(o)
	if err == nil {
		err = p.checkSelector()
	}
	if err != nil {
		return Explanation{}, err
	}
	x := Explanation{Object: p.Kind + " " + p.Name}
	if p.Namespace != "" {
		x.Object = p.Kind + " " + p.Namespace + "/" + p.Name
	}
	if t != nil && p.Kind != "KubeArmorHostPolicy" {
		for _, w := range t.Workloads {
			if p.matchesPod(w.Namespace, w.PodLabels) {
				x.Selects = append(x.Selects, w.Namespace+"/"+w.Name)
			}
		}
	}
	x.Sentences = append(x.Sentences, "It applies to "+p.subject()+".")
	groups := groupRules(p.Rules)
	for _, g := range groups {
		x.Sentences = append(x.Sentences, g.sentence(p.Spec.Action))
	}
	var kinds []ruleKind
	for _, r := range p.Rules {
		if r.Action == actionAllow && allowListed[r.Kind] != "" && !slices.Contains(kinds, r.Kind) {
			kinds = append(kinds, r.Kind)
		}
	}
	slices.Sort(kinds)
	for _, k := range kinds {
		s, err := p.allowListSentence(t, k)
		if err != nil {
			return Explanation{}, err
		}
		x.Sentences = append(x.Sentences, s)
	}
	if p.Spec.AppArmor != "" {
		x.Sentences = append(x.Sentences, "It adds native AppArmor rules (spec.apparmor), which this explanation does not read.")
	} else if len(groups) == 0 {
		x.Sentences = append(x.Sentences, "It names nothing to block, audit or allow.")
	}
	return x, nil
}

// subject says which pods the policy selects: "pods labeled app=nginx in
// namespace web", "pods in every namespace except kube-system".
func (p *kaPolicy) subject() string {
	if p.Kind == "KubeArmorHostPolicy" {
		if len(p.Spec.NodeSelector.MatchLabels) == 0 {
			return "every node (a host policy)"
		}
		return "nodes labeled " + nodeLabels(p.Spec.NodeSelector.MatchLabels) + " (a host policy)"
	}
	var labels, parts []string
	for _, k := range slices.Sorted(maps.Keys(p.Spec.Selector.MatchLabels)) {
		if k != "kubearmor.io/container.name" {
			labels = append(labels, k+"="+p.Spec.Selector.MatchLabels[k])
		}
	}
	ignored := ""
	switch {
	case len(labels) > 0 && p.Kind == "KubeArmorClusterPolicy":
		// The CRD has no selector.matchLabels: the API server prunes it.
		ignored = " (selector.matchLabels " + strings.Join(labels, ", ") + " is not a field of KubeArmorClusterPolicy and is ignored; use key label)"
	case len(labels) > 0:
		parts = append(parts, "labeled "+strings.Join(labels, " and "))
	}
	in, notIn := labelExpressions(p.Spec.Selector)
	if len(in) > 0 {
		parts = append(parts, "labeled "+joinOr(in))
	}
	if len(notIn) > 0 {
		parts = append(parts, "not labeled "+joinOr(notIn))
	}
	s := "every pod"
	if len(parts) > 0 {
		s = "pods " + strings.Join(parts, " and ")
	}
	if c := p.Spec.Selector.MatchLabels["kubearmor.io/container.name"]; c != "" {
		s += " (their containers " + c + " only)"
	}
	if p.Kind == "KubeArmorPolicy" {
		return s + " in namespace " + p.Namespace
	}
	where := " in every namespace"
	var except []string
	for _, e := range p.Spec.Selector.MatchExpressions {
		if e.Key == "namespace" && e.Operator == "NotIn" {
			except = append(except, e.Values...)
		}
	}
	if ns := p.namespaces(); len(ns) > 0 {
		where = " in " + plural(len(ns), "namespace ", "namespaces ") + joinAnd(ns)
	} else if len(except) > 0 {
		where = " in every namespace except " + joinAnd(except)
	}
	return s + where + ignored
}

// ruleGroup is rules that differ only in their targets, or only in their
// sources.
type ruleGroup struct {
	kaRule
	Targets []string
	Sources []string // "" for every process; a directory source says "(or anything under it)"
}

func groupRules(rules []kaRule) []ruleGroup {
	var groups []ruleGroup
	for _, r := range rules {
		key := r
		key.Target, key.Policy = "", ""
		i := slices.IndexFunc(groups, func(g ruleGroup) bool { return g.kaRule == key })
		if i < 0 {
			groups = append(groups, ruleGroup{kaRule: key, Sources: []string{sourceText(r)}})
			i = len(groups) - 1
		}
		if !slices.Contains(groups[i].Targets, r.Target) {
			groups[i].Targets = append(groups[i].Targets, r.Target)
		}
	}
	// A rule for sources a and b is one group per source so far.
	var merged []ruleGroup
	for _, g := range groups {
		i := slices.IndexFunc(merged, func(m ruleGroup) bool {
			a, b := m.kaRule, g.kaRule
			a.Source, a.SourceRec, b.Source, b.SourceRec = "", false, "", false
			return a == b && m.Source != "" && g.Source != "" && slices.Equal(m.Targets, g.Targets)
		})
		if i < 0 {
			merged = append(merged, g)
			continue
		}
		merged[i].Sources = append(merged[i].Sources, g.Sources...)
	}
	return merged
}

func sourceText(r kaRule) string {
	if r.SourceRec {
		return r.Source + " (or anything under it)"
	}
	return r.Source
}

// sentence says what the group does: "It blocks running /usr/bin/apt and
// /usr/bin/apt-get.", "It allows only /bin/bash to read files in
// /credentials/ (and its subdirectories).", "It blocks /usr/bin/curl from
// opening raw sockets." An Allow rule with sources is for those sources
// only (getting-started/security_policy_specification.md, fromSource).
func (g ruleGroup) sentence(specAction string) string {
	list := joinAnd(g.Targets)
	if g.Kind == kindPreset {
		return fmt.Sprintf("It applies KubeArmor's %s %s with action %s.", list, plural(len(g.Targets), "preset", "presets"), g.Action)
	}
	noun, gerund, inf := g.phrases(list)
	sources := joinAnd(g.Sources)
	var s string
	switch {
	case g.Source == "":
		s = map[string]string{actionBlock: "It blocks ", actionAudit: "It audits ", actionAllow: "It allows "}[g.Action] + noun
	case g.Action == actionBlock:
		s = "It blocks " + sources + " from " + gerund
	case g.Action == actionAudit:
		s = "It audits " + sources + " " + gerund
	default:
		s = "It allows only " + sources + " to " + inf
	}
	if a, _ := normalAction(specAction, actionBlock); g.Kind == kindSyscall && a != actionAudit {
		s += " (KubeArmor only audits system calls, whatever the action says)"
	}
	return s + "."
}

// phrases are what the group is about as a noun ("writes to /etc/"), a
// gerund ("writing to /etc/") and an infinitive ("write to /etc/").
func (g ruleGroup) phrases(list string) (noun, gerund, inf string) {
	obj := list
	switch g.Match {
	case matchExecName:
		obj = "any executable named " + list
	case matchDir:
		obj = "anything in " + list
		if g.Kind == kindFile {
			obj = "files in " + list
		}
		obj += map[bool]string{true: " (and its subdirectories)", false: " (not its subdirectories)"}[g.Recursive]
	case matchPattern:
		obj = "executables matching " + list
		if g.Kind == kindFile {
			obj = "files matching " + list
		}
	}
	if g.OwnerOnly {
		obj += map[bool]string{true: " as their owner", false: " as anyone but their owner"}[g.Action == actionAllow]
	}
	n := len(g.Targets)
	switch g.Kind {
	case kindProcess:
		return "running " + obj, "running " + obj, "run " + obj
	case kindFile:
		switch {
		case g.ReadOnly && g.Action == actionAllow:
			return "reading " + obj, "reading " + obj, "read " + obj
		case g.ReadOnly:
			return "writes to " + obj + " (reading stays allowed)", "writing to " + obj, "write to " + obj
		}
		return "access to " + obj, "accessing " + obj, "access " + obj
	case kindNetwork:
		obj = list + " sockets"
		if list == "all" {
			obj = "sockets of any protocol"
		}
		return "opening " + obj, "opening " + obj, "open " + obj
	case kindDNS:
		return "DNS lookups of " + list, "looking up " + list, "look up " + list
	case kindCapability:
		obj = "the " + list + " " + plural(n, "capability", "capabilities")
		return "use of " + obj, "using " + obj, "use " + obj
	}
	obj = "the system " + plural(n, "call ", "calls ") + list
	if g.On != "" {
		obj += " on " + g.On
		if strings.HasSuffix(g.On, "/") {
			obj += map[bool]string{true: " (and its subdirectories)", false: " (not its subdirectories)"}[g.Recursive]
		}
	}
	return obj, "making " + obj, "make " + obj
}

// allowListSentence says what the policy's Allow rules of kind k leave
// out, and what KubeArmor does to it there.
func (p *kaPolicy) allowListSentence(t *tree.Tree, k ruleKind) (string, error) {
	what := map[ruleKind][2]string{
		kindProcess:    {"processes", "every other process"},
		kindFile:       {"files", "every other file access"},
		kindNetwork:    {"network protocols", "every other protocol"},
		kindDNS:        {"DNS lookups", "every other DNS lookup"},
		kindCapability: {"capabilities", "every other capability"},
	}[k]
	where := "the selected pods"
	if p.Kind == "KubeArmorHostPolicy" {
		where = "the selected nodes"
	}
	rest := what[1]
	if slices.ContainsFunc(p.Rules, func(r kaRule) bool { return r.Kind == k && r.Action == actionAudit }) {
		// Audit rules enforce nothing: what only they name is left out too.
		rest += " (what its Audit rules name included)"
	}
	s := fmt.Sprintf("Its Allow rules make an allow-list of %s: %s in %s falls to KubeArmor's default posture, ", what[0], rest, where)
	_, annotation := defaultPosture.of(k)
	switch {
	case p.Kind == "KubeArmorHostPolicy":
		s += "audited unless KubeArmor's host default posture is set to block"
	case p.Kind == "KubeArmorClusterPolicy" || t == nil || t.Object("Namespace", "", p.Namespace) == nil:
		// The annotations are on Namespace objects the tree may not hold.
		s += fmt.Sprintf("audited, or blocked in namespaces annotated %s=block", annotation)
	default:
		pos, err := namespacePosture(t, p.Namespace)
		if err != nil {
			return "", err
		}
		verdict, _ := pos.of(k)
		if pos.Annotated[annotation] {
			s += fmt.Sprintf("%s by the annotation %s of namespace %s", verdict, annotation, p.Namespace)
		} else {
			s += fmt.Sprintf("audited (annotate namespace %s with %s=block to block it)", p.Namespace, annotation)
		}
	}
	return s + ".", nil
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
