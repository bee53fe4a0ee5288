package semantic

import (
	"slices"
	"strings"

	"github.com/kunerva/kunerva/internal/policy"
)

// kubeArmorNoise are fields that change what is reported, not what is
// enforced.
var kubeArmorNoise = map[string]bool{"severity": true, "tags": true, "message": true}

// kubeArmorFlags are the boolean fields; false is the same as absent.
var kubeArmorFlags = map[string]bool{"readOnly": true, "ownerOnly": true, "recursive": true}

// kubeArmorTargets are the fields that say what an item matches; they print
// first so that an atom reads "path=/etc/shadow readOnly".
var kubeArmorTargets = []string{"path", "dir", "execname", "pattern", "protocol", "capability", "name", "class"}

// addKubeArmor turns a KubeArmorPolicy, KubeArmorClusterPolicy or
// KubeArmorHostPolicy into one atom per match item, fromSource entry and
// syscall, each with its effective action (the item's, else the section's,
// else spec.action, else Block):
//
//	Block file.matchDirectories dir=/etc/ readOnly recursive fromSource=/usr/bin/python3
//	Audit network.matchProtocols protocol=raw
func addKubeArmor(s policySet, o object, k policy.Kind) {
	sp := policy.Specs(k, o.body)[0]
	spec := sp.Map()
	subjectField, what := "selector", "pods"
	if o.kind == "KubeArmorHostPolicy" {
		subjectField, what = "nodeSelector", "nodes"
	}
	key := o.key(subject(parseSelector(spec[subjectField], nil), what))
	if spec == nil && sp.Value != nil {
		s.add(key, "spec "+canonical(sp.Value))
		return
	}
	action := effectiveAction(spec["action"], "Block")
	for _, k := range sortedKeys(spec) {
		v := spec[k]
		// The other kinds' selector field is pruned by the API server.
		if k == "selector" || k == "nodeSelector" || k == "action" || kubeArmorNoise[k] || v == nil {
			continue
		}
		switch t := v.(type) {
		case map[string]any:
			addKubeArmorSection(s, key, k, t, action)
		case []any: // presets
			for _, item := range t {
				addKubeArmorItem(s, key, k, item, action)
			}
		default: // apparmor
			s.add(key, k+" "+canonical(v))
		}
	}
}

func effectiveAction(v any, inherited string) string {
	if a := scalar(v); a != "" {
		return a
	}
	return inherited
}

func addKubeArmorSection(s policySet, key policyKey, name string, sec map[string]any, action string) {
	action = effectiveAction(sec["action"], action)
	for _, k := range sortedKeys(sec) {
		v := sec[k]
		if k == "action" || kubeArmorNoise[k] || v == nil {
			continue
		}
		items, ok := v.([]any)
		if !ok {
			s.add(key, name+"."+k+" "+canonical(v))
			continue
		}
		for _, item := range items {
			addKubeArmorItem(s, key, name+"."+k, item, action)
		}
	}
}

// addKubeArmorItem adds one atom per fromSource entry and per syscall of an
// item: a rule for sources a and b is the same as one rule for a and one for b.
func addKubeArmorItem(s policySet, key policyKey, where string, item any, action string) {
	m, ok := item.(map[string]any)
	if !ok {
		s.add(key, action+" "+where+" "+canonical(item))
		return
	}
	action = effectiveAction(m["action"], action)
	sources := split(m["fromSource"], "fromSource", source)
	syscalls := split(m["syscall"], "syscall", scalar)
	rest := make(map[string]any, len(m))
	for k, v := range m {
		if k != "action" && k != "fromSource" && k != "syscall" {
			rest[k] = v
		}
	}
	fields := kubeArmorFields(rest)
	for _, sys := range syscalls {
		for _, src := range sources {
			s.add(key, strings.TrimSpace(action+" "+where+" "+fields)+sys+src)
		}
	}
}

// split prints each element of a list field as " name=element"; an absent
// or empty list gives one empty string, so the item still yields an atom.
func split(v any, name string, print func(any) string) []string {
	if v == nil {
		return []string{""}
	}
	items, ok := v.([]any)
	if !ok {
		return []string{" " + name + "=" + canonical(v)}
	}
	if len(items) == 0 {
		return []string{""}
	}
	out := make([]string, len(items))
	for i, item := range items {
		out[i] = " " + name + "=" + print(item)
	}
	return out
}

// source prints a fromSource entry: its path, or its fields in braces.
func source(v any) string {
	m, ok := v.(map[string]any)
	if !ok {
		return canonical(v)
	}
	if p, ok := m["path"].(string); ok && len(m) == 1 {
		return p
	}
	return "{" + kubeArmorFields(m) + "}"
}

// kubeArmorFields prints an item's fields, targets first, then the rest in
// order; true flags print as their name and false ones not at all.
func kubeArmorFields(m map[string]any) string {
	var parts []string
	done := map[string]bool{}
	for _, k := range slices.Concat(kubeArmorTargets, sortedKeys(m)) {
		v, ok := m[k]
		if !ok || done[k] || v == nil || kubeArmorNoise[k] {
			continue
		}
		done[k] = true
		if _, isBool := v.(bool); isBool || kubeArmorFlags[k] {
			if flag, ok := truth(v); ok {
				if flag {
					parts = append(parts, k)
				}
				continue
			}
		}
		switch k {
		case "protocol":
			parts = append(parts, k+"="+strings.ToLower(scalar(v)))
		case "capability":
			c := strings.ToLower(scalar(v))
			parts = append(parts, k+"="+strings.TrimPrefix(c, "cap_"))
		default:
			parts = append(parts, k+"="+scalar(v))
		}
	}
	return strings.Join(parts, " ")
}
