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

// outside returns an address that no named prefix holds: where pods and
// the world are. kunerva reads ipBlocks as selecting addresses outside the
// cluster only, so a pod's address must not fall into one either. IPv4
// first; ok is false when the policies name all of both families.
func (a addresses) outside() (netip.Addr, bool) {
	for _, s := range []string{"203.0.113.10", "2001:db8::10"} { // documentation ranges: no one's address
		addr := netip.MustParseAddr(s)
		if !slices.ContainsFunc(a.named, func(p netip.Prefix) bool { return p.Contains(addr) }) {
			return addr, true
		}
	}
	for _, all := range []netip.Prefix{netip.MustParsePrefix("0.0.0.0/0"), netip.MustParsePrefix("::/0")} {
		if addr, ok := free(all, a.named); ok {
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
