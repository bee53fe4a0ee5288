package connectivity

import (
	"net/netip"
	"slices"
)

// outsidePeer is a peer outside the tree that a policy names, with the
// ports a rule names for it.
type outsidePeer struct {
	peer  Peer
	ports []Port
}

// worldAddrs stand for the world: public addresses, the first that no CIDR
// of the policies holds is the world's.
var worldAddrs = []string{"203.0.113.10", "198.51.100.10", "192.0.2.10", "8.8.8.8", "1.1.1.1", "100.64.0.10"}

// outsideEndpoints turns outside peers into endpoints: one per peer, with
// every port a rule names for it and every other port, and for the world
// and each CIDR an address that stands for it. The world is always one of
// them: it is the source and destination of every flow to or from outside
// that no policy names.
func (m *Model) outsideEndpoints(peers []outsidePeer) []*endpoint {
	byPeer := map[Peer]*endpoint{}
	var order []Peer
	add := func(p Peer, ports []Port) {
		e, ok := byPeer[p]
		if !ok {
			e = &endpoint{peer: p, ports: []Port{{Protocol: "TCP"}}}
			byPeer[p] = e
			order = append(order, p)
		}
		for _, port := range ports {
			if !slices.Contains(e.ports, port) {
				e.ports = append(e.ports, port)
			}
		}
	}
	add(Peer{Kind: PeerWorld}, nil)
	var cidrs []netip.Prefix
	for _, o := range peers {
		add(o.peer, o.ports)
		if o.peer.Kind == PeerCIDR {
			if p, err := netip.ParsePrefix(o.peer.Value); err == nil {
				cidrs = append(cidrs, p.Masked())
			}
		}
	}
	var eps []*endpoint
	for _, p := range order {
		e := byPeer[p]
		slices.SortFunc(e.ports, Port.compare)
		switch p.Kind {
		case PeerWorld:
			e.addr = worldAddr(cidrs)
		case PeerCIDR:
			prefix, err := netip.ParsePrefix(p.Value)
			if err != nil {
				continue
			}
			addr, ok := standIn(prefix.Masked(), cidrs)
			if !ok {
				continue // every address of it is in a smaller CIDR, a peer of its own
			}
			e.addr = addr
		}
		eps = append(eps, e)
	}
	slices.SortFunc(eps, func(a, b *endpoint) int { return a.peer.compare(b.peer) })
	return eps
}

// worldAddr is an address outside every CIDR a policy names, but those that
// hold the whole world (0.0.0.0/0).
func worldAddr(cidrs []netip.Prefix) netip.Addr {
	for _, s := range worldAddrs {
		a := netip.MustParseAddr(s)
		if !slices.ContainsFunc(cidrs, func(p netip.Prefix) bool { return p.Bits() > 0 && p.Contains(a) }) {
			return a
		}
	}
	return netip.MustParseAddr(worldAddrs[0])
}

// standIn is an address of prefix that no smaller CIDR of cidrs holds, so
// that the peer "10.0.0.0/8" means the part of it no other peer names.
func standIn(prefix netip.Prefix, cidrs []netip.Prefix) (netip.Addr, bool) {
	var inner []netip.Prefix
	for _, c := range cidrs {
		if c.Bits() > prefix.Bits() && prefix.Contains(c.Addr()) {
			inner = append(inner, c)
		}
	}
	free := func(a netip.Addr) bool {
		return prefix.Contains(a) && !slices.ContainsFunc(inner, func(c netip.Prefix) bool { return c.Contains(a) })
	}
	candidates := []netip.Addr{prefix.Addr().Next(), prefix.Addr()}
	for _, c := range inner {
		candidates = append(candidates, c.Addr().Prev(), lastAddr(c).Next())
	}
	candidates = append(candidates, lastAddr(prefix).Prev(), lastAddr(prefix))
	for _, a := range candidates {
		if a.IsValid() && free(a) {
			return a, true
		}
	}
	return netip.Addr{}, false
}

// lastAddr is the last address of a prefix.
func lastAddr(p netip.Prefix) netip.Addr {
	b := p.Addr().AsSlice()
	for i := p.Bits(); i < len(b)*8; i++ {
		b[i/8] |= 1 << (7 - i%8)
	}
	a, _ := netip.AddrFromSlice(b)
	return a
}
