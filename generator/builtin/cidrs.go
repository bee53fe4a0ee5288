package builtin

import "net/netip"

func cidrContains(outer, inner string) bool {
	o, err1 := netip.ParsePrefix(outer)
	in, err2 := netip.ParsePrefix(inner)
	return err1 == nil && err2 == nil && o.Contains(in.Addr()) && in.Bits() >= o.Bits()
}
