package connectivity

import (
	"cmp"
	"fmt"
	"path"
	"slices"
	"strings"

	"sigs.k8s.io/yaml"

	"github.com/kunerva/kunerva/internal/tree"
)

// Effect is one thing KubeArmor does in a workload: to a process, a file,
// a protocol, a capability or a system call its policies name, or to
// everything an allow-list leaves out.
type Effect struct {
	Workload string // namespace/name, or "node (labels)" for host policies
	What     string // "process /usr/bin/apt", "file /etc/shadow (write)", "other processes (not allowed by an Allow rule)"
	Verdict  string // allowed, audited or blocked
	Because  []string
}

// Verdicts of effects.
const (
	effectAllowed = "allowed"
	effectAudited = "audited"
	effectBlocked = "blocked"
)

// System lists what the model's KubeArmor policies do in each workload of
// the tree, and on the nodes their host policies select, sorted by
// workload and what.
//
// The verdict of a thing a rule names is the strongest action among the
// rules that cover it (the same target or a directory above it, for every
// source or the same one): Block over Audit over Allow, as AppArmor's deny
// rules win over its allow rules (KubeArmor/enforcer/appArmorProfile.go
// addRuletoMap keeps both) and as KubeArmor ranks actions in
// getting-started/usb_device_handler.md. An Allow rule makes an allow-list
// of its kind in the workload (getting-started/consideration_in_policy_action.md):
// what no Allow rule covers falls to the default posture, and so does
// what only an Audit rule covers.
func (m *Model) System() ([]Effect, error) {
	policies, err := kubeArmorPolicies(m.policies)
	if err != nil {
		return nil, err
	}
	var effects []Effect
	postures := map[string]posture{}
	for _, w := range m.tree.Workloads {
		var rules []kaRule
		for _, p := range policies {
			if p.matchesPod(w.Namespace, w.PodLabels) {
				rules = append(rules, p.Rules...)
			}
		}
		if len(rules) == 0 {
			continue
		}
		pos, ok := postures[w.Namespace]
		if !ok {
			if pos, err = namespacePosture(m.tree, w.Namespace); err != nil {
				return nil, err
			}
			postures[w.Namespace] = pos
		}
		effects = append(effects, effectsOf(w.Namespace+"/"+w.Name, rules, pos)...)
	}
	nodes := map[string][]kaRule{}
	for _, p := range policies {
		if p.Kind == "KubeArmorHostPolicy" {
			nodes[p.node()] = append(nodes[p.node()], p.Rules...)
		}
	}
	for node, rules := range nodes {
		effects = append(effects, effectsOf(node, rules, hostPosture)...)
	}
	sortEffects(effects)
	return effects, nil
}

func sortEffects(effects []Effect) {
	slices.SortFunc(effects, func(a, b Effect) int {
		return cmp.Or(cmp.Compare(a.Workload, b.Workload), cmp.Compare(a.What, b.What))
	})
}

// posture is KubeArmor's default posture for what an allow-list leaves
// out: "block" or "audit" for files and processes, the network and
// capabilities.
type posture struct {
	File, Network, Capabilities string
	// Annotated says which of them a namespace annotation sets.
	Annotated map[string]bool
}

// defaultPosture is KubeArmor's global default, audit for every kind
// since KubeArmor v0.7 (KubeArmor/config/config.go; "By default, KubeArmor
// set the Global default posture to audit", getting-started/default_posture.md).
// A cluster configured otherwise is not visible from the tree.
var defaultPosture = posture{File: "audit", Network: "audit", Capabilities: "audit"}

// hostPosture is the default for hosts (hostDefault*Posture), audit too;
// namespace annotations do not apply to nodes.
var hostPosture = defaultPosture

// The namespace annotations that set the posture; KubeArmor reads
// "block" and "audit" in any case and ignores other values
// (KubeArmor/core/kubeUpdate.go validateDefaultPosture).
const (
	annotationFilePosture         = "kubearmor-file-posture"
	annotationNetworkPosture      = "kubearmor-network-posture"
	annotationCapabilitiesPosture = "kubearmor-capabilities-posture"
)

// namespacePosture reads the posture annotations of the tree's Namespace
// object; a namespace the tree does not declare has the global default.
func namespacePosture(t *tree.Tree, ns string) (posture, error) {
	p := defaultPosture
	p.Annotated = map[string]bool{}
	if t == nil {
		return p, nil
	}
	o := t.Object("Namespace", "", ns)
	if o == nil {
		return p, nil
	}
	var doc struct {
		Metadata struct {
			Annotations map[string]string `json:"annotations"`
		} `json:"metadata"`
	}
	if err := yaml.Unmarshal(o.YAML, &doc); err != nil {
		return p, fmt.Errorf("namespace %s: decode: %w", ns, err)
	}
	for key, field := range map[string]*string{annotationFilePosture: &p.File, annotationNetworkPosture: &p.Network, annotationCapabilitiesPosture: &p.Capabilities} {
		switch v := strings.ToLower(doc.Metadata.Annotations[key]); v {
		case "block", "audit":
			*field, p.Annotated[key] = v, true
		}
	}
	return p, nil
}

// of is the posture that decides what an allow-list of kind k leaves out.
func (p posture) of(k ruleKind) (verdict, annotation string) {
	v, a := p.File, annotationFilePosture // processes are files to KubeArmor's posture
	switch k {
	case kindNetwork, kindDNS:
		v, a = p.Network, annotationNetworkPosture
	case kindCapability:
		v, a = p.Capabilities, annotationCapabilitiesPosture
	}
	if v == "block" {
		return effectBlocked, a
	}
	return effectAudited, a
}

// allowListed are the kinds whose Allow rules make an allow-list, and
// what the effect for the rest of each is called.
var allowListed = map[ruleKind]string{
	kindProcess:    "other processes (not allowed by an Allow rule)",
	kindFile:       "other files (not allowed by an Allow rule)",
	kindNetwork:    "other network protocols (not allowed by an Allow rule)",
	kindDNS:        "other DNS lookups (not allowed by an Allow rule)",
	kindCapability: "other capabilities (not allowed by an Allow rule)",
}

// effectsOf decides every thing the rules of one workload name.
func effectsOf(workload string, rules []kaRule, pos posture) []Effect {
	allowLists := map[ruleKind][]string{}
	for _, r := range rules {
		if r.Action == actionAllow && allowListed[r.Kind] != "" {
			allowLists[r.Kind] = appendUnique(allowLists[r.Kind], r.Policy)
		}
	}
	byWhat := map[string]Effect{}
	for _, t := range rules {
		what := t.what()
		if _, done := byWhat[what]; done {
			continue
		}
		best, allowed := "", false
		var because []string
		for _, r := range rules {
			if !r.covers(t) {
				continue
			}
			allowed = allowed || r.Action == actionAllow
			switch {
			case rank(r.Action) > rank(best):
				best, because = r.Action, []string{r.Policy}
			case r.Action == best:
				because = appendUnique(because, r.Policy)
			}
		}
		e := Effect{Workload: workload, What: what, Verdict: verdictOf(best), Because: because}
		if list, ok := allowLists[t.Kind]; ok && best == actionAudit && !allowed {
			// Audit rules enforce nothing: in an allow-list, what they
			// name is as allowed as anything else left out.
			e.Verdict, _ = pos.of(t.Kind)
			for _, p := range list {
				e.Because = appendUnique(e.Because, p)
			}
		}
		slices.Sort(e.Because)
		byWhat[what] = e
	}
	effects := make([]Effect, 0, len(byWhat)+len(allowLists))
	for _, e := range byWhat {
		effects = append(effects, e)
	}
	for k, list := range allowLists {
		verdict, _ := pos.of(k)
		slices.Sort(list)
		effects = append(effects, Effect{Workload: workload, What: allowListed[k], Verdict: verdict, Because: list})
	}
	return effects
}

func appendUnique(list []string, s string) []string {
	if slices.Contains(list, s) {
		return list
	}
	return append(list, s)
}

func rank(action string) int {
	return map[string]int{actionAllow: 1, actionAudit: 2, actionBlock: 3}[action]
}

func verdictOf(action string) string {
	switch action {
	case actionBlock:
		return effectBlocked
	case actionAudit:
		return effectAudited
	}
	return effectAllowed
}

// what names the thing a rule is about, as reports show it:
// "process /usr/bin/apt", "files in /etc/ (recursive, write)",
// "network tcp from /usr/bin/curl", "syscall unlink on /home/".
func (r kaRule) what() string {
	var s string
	switch r.Kind {
	case kindProcess:
		s = map[matchType]string{matchPath: "process ", matchExecName: "process named ", matchDir: "processes in ", matchPattern: "processes matching "}[r.Match] + r.Target
	case kindFile:
		s = map[matchType]string{matchPath: "file ", matchDir: "files in ", matchPattern: "files matching "}[r.Match] + r.Target
	case kindNetwork:
		s = "network " + r.Target
	case kindDNS:
		s = "DNS lookup " + r.Target
	case kindCapability:
		s = "capability " + r.Target
	case kindSyscall:
		s = "syscall " + r.Target
		if r.On != "" {
			s += " on " + r.On
		}
	case kindPreset:
		s = "preset " + r.Target
	}
	if q := r.qualifiers(); len(q) > 0 {
		s += " (" + strings.Join(q, ", ") + ")"
	}
	if r.Source != "" {
		s += " from " + r.Source
		if r.SourceRec {
			s += " (recursive)"
		}
	}
	return s
}

// qualifiers are what narrows a rule to some accesses: a read-only Block
// or Audit rule is about writes, a read-only Allow rule about reads; an
// owner-only Block or Audit rule is about everyone but the owner.
func (r kaRule) qualifiers() []string {
	var q []string
	if r.Recursive {
		q = append(q, "recursive")
	}
	if r.ReadOnly {
		q = append(q, map[bool]string{true: "read", false: "write"}[r.Action == actionAllow])
	}
	if r.OwnerOnly {
		q = append(q, map[bool]string{true: "by its owner", false: "by others than its owner"}[r.Action == actionAllow])
	}
	return q
}

// covers says whether rule r applies to everything rule t names.
func (r kaRule) covers(t kaRule) bool {
	if r.Kind != t.Kind || (r.Source != "" && (r.Source != t.Source || r.SourceRec != t.SourceRec)) {
		return false
	}
	if r.OwnerOnly && (!t.OwnerOnly || (r.Action == actionAllow) != (t.Action == actionAllow)) {
		return false
	}
	if r.ReadOnly && (!t.ReadOnly || (r.Action == actionAllow) != (t.Action == actionAllow)) {
		return false
	}
	switch r.Kind {
	case kindNetwork:
		return r.Target == t.Target || r.Target == "all"
	case kindSyscall:
		return r.Target == t.Target && r.On == t.On && r.Recursive == t.Recursive
	}
	switch {
	case r.Match == t.Match && r.Target == t.Target && r.Recursive == t.Recursive:
		return true
	case r.Match == matchDir && (t.Match == matchPath || t.Match == matchDir):
		return under(t.Target, r.Target, r.Recursive) && (t.Match == matchPath || r.Recursive || !t.Recursive)
	case r.Match == matchExecName && t.Match == matchPath:
		return path.Base(t.Target) == r.Target
	}
	return false
}

// under says whether p (a file, or a directory ending in "/") lies in dir:
// directly, or at any depth when recursive.
func under(p, dir string, recursive bool) bool {
	rest, ok := strings.CutPrefix(p, dir)
	if !ok || rest == "" {
		return ok
	}
	return recursive || !strings.Contains(strings.TrimSuffix(rest, "/"), "/")
}

// diffSystem lists every (workload, what) whose verdict differs between
// before and after; a thing absent from one side is allowed there. The
// list is never nil, so that a report shows "system": [].
func diffSystem(before, after []Effect) []SystemChange {
	type key struct{ workload, what string }
	old := map[key]Effect{}
	for _, e := range before {
		old[key{e.Workload, e.What}] = e
	}
	changes := []SystemChange{}
	seen := map[key]bool{}
	for _, e := range after {
		k := key{e.Workload, e.What}
		seen[k] = true
		b, ok := old[k]
		if !ok {
			b.Verdict = effectAllowed
		}
		if b.Verdict == e.Verdict {
			continue
		}
		because := e.Because
		if len(because) == 0 {
			because = b.Because
		}
		changes = append(changes, SystemChange{Workload: e.Workload, What: e.What, Before: b.Verdict, After: e.Verdict, Because: because})
	}
	for _, b := range before {
		k := key{b.Workload, b.What}
		if seen[k] || b.Verdict == effectAllowed {
			continue
		}
		changes = append(changes, SystemChange{Workload: b.Workload, What: b.What, Before: b.Verdict, After: effectAllowed, Because: b.Because})
	}
	slices.SortFunc(changes, func(a, b SystemChange) int {
		return cmp.Or(cmp.Compare(a.Workload, b.Workload), cmp.Compare(a.What, b.What))
	})
	return changes
}
