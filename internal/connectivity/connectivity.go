package connectivity

import (
	"fmt"
	"strconv"
)

// PeerKind says what a peer of a flow is.
type PeerKind int

const (
	PeerWorkload PeerKind = iota // a workload of the tree: Namespace and Name
	PeerWorld                    // any address outside the cluster that no named CIDR holds
	PeerCIDR                     // Value: a CIDR a policy names, "10.0.0.0/8"
	PeerFQDN                     // Value: a DNS name or pattern a policy names, "api.github.com"
	PeerEntity                   // Value: a Cilium entity other than world, "kube-apiserver", "host"
)

// Peer is one end of a flow.
type Peer struct {
	Kind            PeerKind
	Namespace, Name string // PeerWorkload
	Value           string // PeerCIDR, PeerFQDN, PeerEntity
}

// String is the peer as reports show it: "shop/checkout", "world",
// "cidr:10.0.0.0/8", "fqdn:api.github.com", "entity:kube-apiserver".
func (p Peer) String() string {
	switch p.Kind {
	case PeerWorkload:
		return p.Namespace + "/" + p.Name
	case PeerWorld:
		return "world"
	case PeerCIDR:
		return "cidr:" + p.Value
	case PeerFQDN:
		return "fqdn:" + p.Value
	case PeerEntity:
		return "entity:" + p.Value
	}
	return fmt.Sprintf("peer(%d)", p.Kind)
}

// Port is the destination port of a flow. Number 0 stands for every port
// the destination does not list: "all ports" when it lists none.
type Port struct {
	Number   int32
	Name     string // the destination's name for the port, when it has one
	Protocol string // TCP, UDP, SCTP or ICMP
}

// String is "8443/TCP", or "every port/TCP" for Number 0.
func (p Port) String() string {
	n := "every port"
	if p.Number != 0 {
		n = strconv.Itoa(int(p.Number))
	}
	return n + "/" + p.Protocol
}

// Verdict is what the policies decide for a flow.
type Verdict string

const (
	Allowed Verdict = "allowed"
	Denied  Verdict = "denied"
	// Unknown is a flow the model cannot decide from the tree alone; Result
	// says why. It is never shown as allowed.
	Unknown Verdict = "unknown"
)

// Result is the decision for one flow.
type Result struct {
	Verdict Verdict
	// L7 restricts an allowed flow to the requests it lists, such as
	// "HTTP GET /healthz"; empty when every request is allowed.
	L7 []string
	// Because lists the policies that decide the flow, as Kind/namespace/name
	// (Kind/name for cluster-wide kinds), sorted; empty when no policy
	// selects either end (allowed by default).
	Because []string
	// Reason says why a flow is unknown.
	Reason string
}

// Flow is one (source, destination, port) of a model and its result.
type Flow struct {
	From, To Peer
	Port     Port
	Result   Result
}
