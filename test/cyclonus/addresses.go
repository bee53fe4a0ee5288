package cyclonus

import (
	"net/netip"
	"slices"
)

// addresses picks the addresses that stand for the peers of a model when
// cyclonus is asked about a flow: cyclonus decides ipBlocks by one address,
// kunerva by the CIDRs the policies name.
type addresses struct {
	named []netip.Prefix // every cidr and except of the policies
}

// outside returns an address that no named prefix holds, where pods
// are: kunerva reads ipBlocks as selecting addresses outside the cluster
// only, so a pod's address must fall into none. ok is false when the
// policies name all of both families.
func (a addresses) outside() (netip.Addr, bool) {
	return a.first(a.named)
}

// world returns an address that no named prefix but a block of every
// address holds: the world, of which 0.0.0.0/0 is a name.
func (a addresses) world() (netip.Addr, bool) {
	var holes []netip.Prefix
	for _, p := range a.named {
		if p.Bits() > 0 {
			holes = append(holes, p)
		}
	}
	return a.first(holes)
}

// first is a documentation address (no one's) outside holes, else any,
// IPv4 first.
func (a addresses) first(holes []netip.Prefix) (netip.Addr, bool) {
	for _, fam := range [][2]string{{"203.0.113.10", "0.0.0.0/0"}, {"2001:db8::10", "::/0"}} {
		addr := netip.MustParseAddr(fam[0])
		if !slices.ContainsFunc(holes, func(p netip.Prefix) bool { return p.Contains(addr) }) {
			return addr, true
		}
		if addr, ok := free(netip.MustParsePrefix(fam[1]), holes); ok {
			return addr, true
		}
	}
	return netip.Addr{}, false
}

// inside returns an address of p that no named prefix strictly inside p
// holds: a CIDR peer stands for the part of its CIDR that no narrower
// named CIDR (an except, or another rule's CIDR) takes.
func (a addresses) inside(p netip.Prefix) (netip.Addr, bool) {
	p = p.Masked()
	var holes []netip.Prefix
	for _, n := range a.named {
		n = n.Masked()
		if n.Bits() > p.Bits() && p.Contains(n.Addr()) {
			holes = append(holes, n)
		}
	}
	return free(p, holes)
}

// free finds an address of p outside every hole, halving p where a hole
// lies in it; holes are prefixes, so each either holds a half, lies inside
// it, or misses it.
func free(p netip.Prefix, holes []netip.Prefix) (netip.Addr, bool) {
	var in []netip.Prefix
	for _, h := range holes {
		if h.Bits() <= p.Bits() && h.Contains(p.Addr()) {
			return netip.Addr{}, false // p is all hole
		}
		if p.Contains(h.Addr()) {
			in = append(in, h)
		}
	}
	if len(in) == 0 {
		return host(p), true
	}
	lo, hi := halves(p)
	if addr, ok := free(lo, in); ok {
		return addr, true
	}
	return free(hi, in)
}

// host is an address of p that is not its network address where p has
// more than two, as a real peer's would be.
func host(p netip.Prefix) netip.Addr {
	if p.Addr().BitLen()-p.Bits() >= 2 {
		return p.Addr().Next()
	}
	return p.Addr()
}

// halves splits p into its two prefixes one bit longer.
func halves(p netip.Prefix) (netip.Prefix, netip.Prefix) {
	bits := p.Bits() + 1
	lo := netip.PrefixFrom(p.Addr(), bits)
	b := p.Addr().AsSlice()
	i := p.Bits()
	b[i/8] |= 0x80 >> (i % 8)
	hiAddr, _ := netip.AddrFromSlice(b)
	return lo, netip.PrefixFrom(hiAddr, bits)
}
