// Package policy is the one table of the policy kinds kunerva writes and
// reads, the conventions of Cilium that several packages rely on, and the one
// reading of where a policy keeps its specs and network rules.
package policy

import (
	"errors"
	"fmt"
	"slices"
	"strings"
)

// Family groups the kinds one renderer writes and one set of checks reads.
type Family int

const (
	FamilyNetworkPolicy Family = iota + 1
	FamilyCilium
	FamilyKubeArmor
)

// Kind is one policy kind.
type Kind struct {
	Name    string // CiliumNetworkPolicy
	Group   string // cilium.io
	Version string // v2
	Family  Family
	// Cluster says the kind is cluster-scoped: it has no namespace,
	// whatever its metadata says.
	Cluster bool
	// Aliases are the short and lower-case names --kind and settings accept.
	Aliases []string
}

// APIVersion is the kind's group/version.
func (k Kind) APIVersion() string { return k.Group + "/" + k.Version }

// Kinds are the policy kinds, namespaced kind first in each family.
var Kinds = []Kind{
	{Name: "NetworkPolicy", Group: "networking.k8s.io", Version: "v1", Family: FamilyNetworkPolicy, Aliases: []string{"np", "networkpolicy", "netpol"}},
	{Name: "CiliumNetworkPolicy", Group: "cilium.io", Version: "v2", Family: FamilyCilium, Aliases: []string{"cnp", "cilium", "ciliumnetworkpolicy"}},
	{Name: "CiliumClusterwideNetworkPolicy", Group: "cilium.io", Version: "v2", Family: FamilyCilium, Cluster: true, Aliases: []string{"ccnp", "ciliumclusterwidenetworkpolicy"}},
	{Name: "KubeArmorPolicy", Group: "security.kubearmor.com", Version: "v1", Family: FamilyKubeArmor, Aliases: []string{"ksp", "kubearmor", "kubearmorpolicy"}},
	{Name: "KubeArmorClusterPolicy", Group: "security.kubearmor.com", Version: "v1", Family: FamilyKubeArmor, Cluster: true, Aliases: []string{"csp", "kubearmorclusterpolicy"}},
	{Name: "KubeArmorHostPolicy", Group: "security.kubearmor.com", Version: "v1", Family: FamilyKubeArmor, Cluster: true, Aliases: []string{"hsp", "kubearmorhostpolicy"}},
}

// Named returns the kind called name (CiliumNetworkPolicy).
func Named(name string) (Kind, bool) {
	for _, k := range Kinds {
		if k.Name == name {
			return k, true
		}
	}
	return Kind{}, false
}

// Lookup returns the kind of an object's API group and kind; any version.
func Lookup(group, kind string) (Kind, bool) {
	k, ok := Named(kind)
	return k, ok && k.Group == group
}

// ErrAuto says that a value names no kind but asks for one to be picked:
// "auto", or nothing.
var ErrAuto = errors.New("auto is not a kind")

// Parse reads the kind a --kind value or a settings entry names by an
// alias, in any case.
func Parse(s string) (Kind, error) {
	alias := strings.ToLower(strings.TrimSpace(s))
	if alias == "" || alias == "auto" {
		return Kind{}, ErrAuto
	}
	for _, k := range Kinds {
		if slices.Contains(k.Aliases, alias) {
			return k, nil
		}
	}
	return Kind{}, fmt.Errorf("unknown policy kind %q: use auto, NetworkPolicy (np), CiliumNetworkPolicy (cnp) or KubeArmorPolicy (ksp)", s)
}

// Cilium's namespace labels, without the source prefix (k8s:) Cilium puts
// in front of a key: the namespace's name, and the prefix of its labels.
const (
	CiliumNamespace       = "io.kubernetes.pod.namespace"
	CiliumNamespaceLabels = "io.cilium.k8s.namespace.labels."
)

// CiliumLabelKey splits a Cilium selector key into its label source (k8s,
// any, reserved, ...; "" when it has none, which means any) and the label's
// own key: k8s:app and app select pods by the same label.
func CiliumLabelKey(k string) (source, key string) {
	if source, key, ok := strings.Cut(k, ":"); ok {
		return source, key
	}
	return "", k
}
