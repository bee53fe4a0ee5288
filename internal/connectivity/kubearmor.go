package connectivity

import (
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"

	"sigs.k8s.io/yaml"

	"github.com/kunerva/kunerva/internal/tree"
)

// The three KubeArmor kinds, as much of security.kubearmor.com/v1 as the
// model reads; severity, tags and message change alerts, not verdicts.
type kaSpec struct {
	Selector     kaSelector     `json:"selector"`
	NodeSelector kaSelector     `json:"nodeSelector"`
	Process      kaFiles        `json:"process"`
	File         kaFiles        `json:"file"`
	Network      kaNetwork      `json:"network"`
	Capabilities kaCapabilities `json:"capabilities"`
	Syscalls     kaSyscalls     `json:"syscalls"`
	Presets      []kaPreset     `json:"presets"`
	AppArmor     string         `json:"apparmor"` // native AppArmor rules, which the model does not read
	Action       string         `json:"action"`
}

type kaSelector struct {
	MatchLabels      map[string]string `json:"matchLabels"`
	MatchExpressions []kaExpression    `json:"matchExpressions"`
}

type kaExpression struct {
	Key      string   `json:"key"`
	Operator string   `json:"operator"`
	Values   []string `json:"values"`
}

type kaFiles struct {
	MatchPaths       []kaMatch `json:"matchPaths"`
	MatchDirectories []kaMatch `json:"matchDirectories"`
	MatchPatterns    []kaMatch `json:"matchPatterns"`
	Action           string    `json:"action"`
}

type kaMatch struct {
	Path       string     `json:"path"`
	ExecName   string     `json:"execname"`
	Dir        string     `json:"dir"`
	Pattern    string     `json:"pattern"`
	Recursive  bool       `json:"recursive"`
	ReadOnly   bool       `json:"readOnly"`
	OwnerOnly  bool       `json:"ownerOnly"`
	FromSource []kaSource `json:"fromSource"`
	Action     string     `json:"action"`
}

type kaSource struct {
	Path      string `json:"path"`
	Dir       string `json:"dir"`
	Recursive bool   `json:"recursive"`
}

type kaNetwork struct {
	MatchProtocols  []kaNetworkMatch `json:"matchProtocols"`
	MatchDNSQueries []kaNetworkMatch `json:"matchDNSQueries"`
	Action          string           `json:"action"`
}

type kaNetworkMatch struct {
	Protocol   string     `json:"protocol"`
	Domain     string     `json:"domain"`
	FromSource []kaSource `json:"fromSource"`
	Action     string     `json:"action"`
}

type kaCapabilities struct {
	MatchCapabilities []kaCapability `json:"matchCapabilities"`
	Action            string         `json:"action"`
}

type kaCapability struct {
	Capability string     `json:"capability"`
	FromSource []kaSource `json:"fromSource"`
	Action     string     `json:"action"`
}

// kaSyscalls has no action: KubeArmor only audits system calls.
type kaSyscalls struct {
	MatchSyscalls []kaSyscall `json:"matchSyscalls"`
	MatchPaths    []kaSyscall `json:"matchPaths"`
}

type kaSyscall struct {
	Syscall    []string   `json:"syscall"`
	Path       string     `json:"path"`
	Recursive  bool       `json:"recursive"`
	FromSource []kaSource `json:"fromSource"`
}

type kaPreset struct {
	Name   string `json:"name"`
	Action string `json:"action"`
}

// ruleKind is what a rule is about. Each kind but syscall and preset has
// an allow-list of its own once an Allow rule names it.
type ruleKind int

const (
	kindProcess ruleKind = iota
	kindFile
	kindNetwork
	kindDNS
	kindCapability
	kindSyscall
	kindPreset
)

// matchType says how a process, file or syscall rule names its target.
type matchType int

const (
	matchPath matchType = iota
	matchDir
	matchPattern
	matchExecName
	matchName // protocols, domains, capabilities, syscalls, presets
)

// Actions, as KubeArmor spells them after it defaults and normalises them.
const (
	actionAllow = "Allow"
	actionAudit = "Audit"
	actionBlock = "Block"
)

// kaRule is one item of a policy for one source (fromSource lists are
// split: a rule for sources a and b is a rule for a and one for b) and,
// for system calls, one syscall.
type kaRule struct {
	Kind      ruleKind
	Match     matchType
	Target    string // the path, directory, pattern, executable name, protocol, domain, capability, syscall or preset
	Recursive bool
	ReadOnly  bool
	OwnerOnly bool
	Source    string // the fromSource path (a directory ends in "/"); "" for every process
	SourceRec bool   // the source directory's subdirectories too
	On        string // syscalls: the path or directory they are watched on
	Action    string
	Policy    string // Kind/namespace/name
}

// kaPolicy is a decoded KubeArmor policy.
type kaPolicy struct {
	Kind, Namespace, Name string
	Spec                  kaSpec
	Rules                 []kaRule
}

func isKubeArmor(kind string) bool {
	return kind == "KubeArmorPolicy" || kind == "KubeArmorClusterPolicy" || kind == "KubeArmorHostPolicy"
}

// ref names a policy as Because lists do: Kind/namespace/name, or
// Kind/name for the cluster-wide kinds.
func (p *kaPolicy) ref() string {
	if p.Kind != "KubeArmorPolicy" {
		return p.Kind + "/" + p.Name
	}
	return p.Kind + "/" + p.Namespace + "/" + p.Name
}

// decodeKubeArmor reads a KubeArmor policy object and flattens its rules.
// Every problem of the policy comes back in one error.
func decodeKubeArmor(o tree.Object) (*kaPolicy, error) {
	var doc struct {
		Spec kaSpec `json:"spec"`
	}
	p := &kaPolicy{Kind: o.Kind, Namespace: o.Namespace, Name: o.Name}
	if p.Kind != "KubeArmorPolicy" {
		p.Namespace = "" // cluster-scoped, whatever the metadata says
	}
	if err := yaml.Unmarshal(o.YAML, &doc); err != nil {
		return nil, fmt.Errorf("%s: decode: %w", p.ref(), err)
	}
	p.Spec = doc.Spec
	var errs []error
	action := func(field, a, inherited string) string {
		n, ok := normalAction(a, inherited)
		if !ok {
			errs = append(errs, fmt.Errorf("%s: %s: %q is not an action KubeArmor knows: use Block, Audit or Allow", p.ref(), field, a))
		}
		return n
	}
	specAction := action("spec.action", p.Spec.Action, actionBlock)
	add := func(field string, r kaRule, a string, sources []kaSource) {
		r.Action, r.Policy = action(field+".action", a, r.Action), p.ref()
		if len(sources) == 0 {
			p.Rules = append(p.Rules, r)
			return
		}
		for _, s := range sources {
			r.Source, r.SourceRec = s.Path, false
			if s.Path == "" {
				r.Source, r.SourceRec = s.Dir, s.Recursive
			}
			p.Rules = append(p.Rules, r)
		}
	}
	files := func(section string, kind ruleKind, f kaFiles) {
		inherited := action("spec."+section+".action", f.Action, specAction)
		for i, m := range f.MatchPaths {
			r := kaRule{Kind: kind, Match: matchPath, Target: m.Path, OwnerOnly: m.OwnerOnly, ReadOnly: m.ReadOnly && kind == kindFile, Action: inherited}
			if m.Path == "" && m.ExecName != "" {
				r.Match, r.Target = matchExecName, m.ExecName
			}
			add(fmt.Sprintf("spec.%s.matchPaths[%d]", section, i), r, m.Action, m.FromSource)
		}
		for i, m := range f.MatchDirectories {
			r := kaRule{Kind: kind, Match: matchDir, Target: m.Dir, Recursive: m.Recursive, OwnerOnly: m.OwnerOnly, ReadOnly: m.ReadOnly && kind == kindFile, Action: inherited}
			add(fmt.Sprintf("spec.%s.matchDirectories[%d]", section, i), r, m.Action, m.FromSource)
		}
		for i, m := range f.MatchPatterns {
			r := kaRule{Kind: kind, Match: matchPattern, Target: m.Pattern, OwnerOnly: m.OwnerOnly, ReadOnly: m.ReadOnly && kind == kindFile, Action: inherited}
			add(fmt.Sprintf("spec.%s.matchPatterns[%d]", section, i), r, m.Action, nil)
		}
	}
	files("process", kindProcess, p.Spec.Process)
	files("file", kindFile, p.Spec.File)

	network := action("spec.network.action", p.Spec.Network.Action, specAction)
	for i, m := range p.Spec.Network.MatchProtocols {
		r := kaRule{Kind: kindNetwork, Match: matchName, Target: strings.ToLower(m.Protocol), Action: network}
		add(fmt.Sprintf("spec.network.matchProtocols[%d]", i), r, m.Action, m.FromSource)
	}
	for i, m := range p.Spec.Network.MatchDNSQueries {
		r := kaRule{Kind: kindDNS, Match: matchName, Target: m.Domain, Action: network}
		add(fmt.Sprintf("spec.network.matchDNSQueries[%d]", i), r, m.Action, m.FromSource)
	}
	caps := action("spec.capabilities.action", p.Spec.Capabilities.Action, specAction)
	for i, m := range p.Spec.Capabilities.MatchCapabilities {
		name := strings.TrimPrefix(strings.ToLower(m.Capability), "cap_")
		r := kaRule{Kind: kindCapability, Match: matchName, Target: name, Action: caps}
		add(fmt.Sprintf("spec.capabilities.matchCapabilities[%d]", i), r, m.Action, m.FromSource)
	}
	// KubeArmor audits system calls whatever the action says
	// (getting-started/security_policy_specification.md).
	syscalls := func(field string, items []kaSyscall) {
		for i, m := range items {
			for _, name := range m.Syscall {
				r := kaRule{Kind: kindSyscall, Match: matchName, Target: name, On: m.Path, Recursive: m.Recursive, Action: actionAudit}
				add(fmt.Sprintf("spec.syscalls.%s[%d]", field, i), r, "", m.FromSource)
			}
		}
	}
	syscalls("matchSyscalls", p.Spec.Syscalls.MatchSyscalls)
	syscalls("matchPaths", p.Spec.Syscalls.MatchPaths)
	for i, m := range p.Spec.Presets {
		add(fmt.Sprintf("spec.presets[%d]", i), kaRule{Kind: kindPreset, Match: matchName, Target: m.Name, Action: specAction}, m.Action, nil)
	}
	return p, errors.Join(errs...)
}

// normalAction applies KubeArmor's defaults: an item without an action
// takes its section's, a section without one the policy's, and a policy
// without one blocks. KubeArmor accepts the lower-case spellings too.
func normalAction(a, inherited string) (string, bool) {
	switch strings.ToLower(a) {
	case "":
		return inherited, true
	case "allow":
		return actionAllow, true
	case "audit":
		return actionAudit, true
	case "block":
		return actionBlock, true
	}
	return inherited, false
}

// labelExpressions splits a KubeArmor selector's expressions on key label
// into the key=value pairs of In and of NotIn. As KubeArmor does, NotIn
// values after an In expression are ignored.
func labelExpressions(s kaSelector) (in, notIn []string) {
	for _, e := range s.MatchExpressions {
		if e.Key != "label" {
			continue
		}
		switch e.Operator {
		case "In":
			in = append(in, e.Values...)
		case "NotIn":
			if len(in) == 0 {
				notIn = append(notIn, e.Values...)
			}
		}
	}
	return in, notIn
}

// matchesPod says whether the policy selects pods of namespace ns with
// these labels. KubeArmor matches a policy's matchLabels as key=value
// identities of the pod (all must be there), then its label expressions:
// any In value, and none of the NotIn ones (KubeArmor/common MatchExpIdentities).
// A KubeArmorClusterPolicy selects namespaces with key namespace: the In
// values when there are any, else every namespace but the NotIn ones
// (KubeArmor/core/kubeUpdate.go).
func (p *kaPolicy) matchesPod(ns string, labels map[string]string) bool {
	switch p.Kind {
	case "KubeArmorPolicy":
		if ns != p.Namespace {
			return false
		}
		for k, v := range p.Spec.Selector.MatchLabels {
			// kubearmor.io/container.name picks containers of the pod, not pods.
			if k != "kubearmor.io/container.name" && labels[k] != v {
				return false
			}
		}
	case "KubeArmorClusterPolicy":
		if !slices.Contains(p.namespaces(), ns) && !p.everyNamespaceBut(ns) {
			return false
		}
	default:
		return false
	}
	in, notIn := labelExpressions(p.Spec.Selector)
	has := func(kv string) bool {
		k, v, _ := strings.Cut(kv, "=")
		got, ok := labels[k]
		return ok && got == v
	}
	matched := len(in) == 0 || slices.ContainsFunc(in, has)
	if len(notIn) > 0 {
		matched = !slices.ContainsFunc(notIn, has)
	}
	return matched
}

// namespaces lists the namespaces of a cluster policy's In expressions.
func (p *kaPolicy) namespaces() []string {
	var in []string
	for _, e := range p.Spec.Selector.MatchExpressions {
		if e.Key == "namespace" && e.Operator == "In" {
			in = append(in, e.Values...)
		}
	}
	return in
}

// everyNamespaceBut says whether a cluster policy without In expressions on
// namespace selects ns: every namespace but those of its NotIn expressions.
func (p *kaPolicy) everyNamespaceBut(ns string) bool {
	if len(p.namespaces()) > 0 {
		return false
	}
	for _, e := range p.Spec.Selector.MatchExpressions {
		if e.Key == "namespace" && e.Operator == "NotIn" && slices.Contains(e.Values, ns) {
			return false
		}
	}
	return true
}

// checkSelector reports selector keys and operators KubeArmor does not
// know, which its CRDs reject: a policy with them selects nothing real.
func (p *kaPolicy) checkSelector() error {
	keys := []string{"label"}
	if p.Kind == "KubeArmorClusterPolicy" {
		keys = []string{"namespace", "label"}
	}
	var errs []error
	for i, e := range p.Spec.Selector.MatchExpressions {
		if p.Kind == "KubeArmorHostPolicy" {
			break
		}
		field := fmt.Sprintf("spec.selector.matchExpressions[%d]", i)
		if !slices.Contains(keys, e.Key) {
			errs = append(errs, fmt.Errorf("%s: %s.key: %q is not a key %s selects by: use %s (values key=value for label)", p.ref(), field, e.Key, p.Kind, strings.Join(keys, " or ")))
		}
		if e.Operator != "In" && e.Operator != "NotIn" {
			errs = append(errs, fmt.Errorf("%s: %s.operator: %q is not an operator KubeArmor knows: use In or NotIn", p.ref(), field, e.Operator))
		}
	}
	return errors.Join(errs...)
}

// node names the nodes a host policy selects, as a workload of effects:
// "node (kubernetes.io/hostname=worker-1)", "node (every node)".
func (p *kaPolicy) node() string {
	return "node (" + nodeLabels(p.Spec.NodeSelector.MatchLabels) + ")"
}

func nodeLabels(labels map[string]string) string {
	if len(labels) == 0 {
		return "every node"
	}
	var parts []string
	for _, k := range slices.Sorted(maps.Keys(labels)) {
		parts = append(parts, k+"="+labels[k])
	}
	return strings.Join(parts, ", ")
}

// kubeArmorPolicies decodes the KubeArmor policies among objs.
func kubeArmorPolicies(objs []tree.Object) ([]*kaPolicy, error) {
	var out []*kaPolicy
	var errs []error
	for _, o := range objs {
		if !isKubeArmor(o.Kind) {
			continue
		}
		p, err := decodeKubeArmor(o)
		if err == nil {
			err = p.checkSelector()
		}
		if err != nil {
			errs = append(errs, err)
			continue
		}
		out = append(out, p)
	}
	return out, errors.Join(errs...)
}
