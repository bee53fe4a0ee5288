package policy

import (
	"fmt"
	"strings"
)

// Widening is one way a policy widens access, by the name validate's
// widens-access check gives it and a repository's settings forbid it with.
// The names live here, with the kinds, so that settings can check them
// without knowing validate.
type Widening string

const (
	// WideningAllPeers is an allow rule for every peer: a NetworkPolicy
	// rule without from or to, a Cilium rule with ports and no peer field,
	// or Cilium's entity all.
	WideningAllPeers Widening = "all-peers"
	// WideningAllAddresses is a CIDR of prefix length 0: 0.0.0.0/0, ::/0.
	WideningAllAddresses Widening = "all-addresses"
	// WideningWorld is Cilium's entity world (world-ipv4, world-ipv6), or
	// toFQDNs matching every name.
	WideningWorld Widening = "world"
	// WideningAllNamespaces is a peer in every namespace: NetworkPolicy's
	// namespaceSelector {}, a cluster-wide Cilium policy's endpoint peer
	// without a namespace, Cilium's entity cluster.
	WideningAllNamespaces Widening = "all-namespaces"
	// WideningClusterWide is a cluster-scoped kind (Kind.Cluster).
	WideningClusterWide Widening = "cluster-wide"
)

// Widenings are every way of widening, in the order messages list them.
var Widenings = []Widening{WideningAllPeers, WideningAllAddresses, WideningWorld, WideningAllNamespaces, WideningClusterWide}

// ParseWidening reads a way of widening by its name, in any case.
func ParseWidening(s string) (Widening, error) {
	name := Widening(strings.ToLower(strings.TrimSpace(s)))
	for _, w := range Widenings {
		if w == name {
			return w, nil
		}
	}
	names := make([]string, len(Widenings))
	for i, w := range Widenings {
		names[i] = string(w)
	}
	return "", fmt.Errorf("unknown widening %q: use %s", s, strings.Join(names, ", "))
}
