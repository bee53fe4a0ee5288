package builtin

import (
	"net/netip"
	"slices"

	"github.com/kunerva/kunerva/generator"
)

// cidrList parses "10.0.0.0/8, 172.16.0.0/12 except 10.1.0.0/16 and 10.2.0.0/16".
func (p *parser) cidrList(i int) (*endpoint, int) {
	ep := &endpoint{kind: epCIDR}
	cidrs, j := p.cidrRun(i)
	for _, c := range cidrs {
		ep.cidrs = append(ep.cidrs, generator.Peer{CIDR: c})
	}
	k := j
	if p.is(k, ",") {
		k++
	}
	if !p.is(k, "except", "excluding", "but") && !(p.is(k, "other") && p.is(k+1, "than")) {
		return ep, j
	}
	k++
	// "except the metadata address 169.254.169.254/32"
	for n := 0; n < 4 && (p.is(k, "not", "than", "for", "the") || cidrNouns[p.word(k)] || p.tok(k) != nil && p.toks[k].kind == tWord && !keyword(p.word(k))); n++ {
		k++
	}
	excepts, k := p.cidrRun(k)
	if len(excepts) == 0 {
		return ep, j
	}
	for _, e := range excepts {
		// The exception goes to the CIDR that contains it, else to the first,
		// where validation reports that it is outside.
		n := slices.IndexFunc(ep.cidrs, func(c generator.Peer) bool { return cidrContains(c.CIDR, e) })
		n = max(n, 0)
		ep.cidrs[n].Except = append(ep.cidrs[n].Except, e)
	}
	return ep, k
}

// cidrRun reads CIDRs joined by commas, "and" or "or", from token i.
func (p *parser) cidrRun(i int) ([]string, int) {
	var out []string
	j := i
	for j < len(p.toks) && !p.used[j] {
		switch {
		case p.toks[j].kind == tCIDR:
			out = append(out, p.toks[j].raw)
		case (p.toks[j].kind == tComma || p.is(j, "and", "or")) && len(out) > 0 && j+1 < len(p.toks) && p.toks[j+1].kind == tCIDR:
		default:
			return out, j
		}
		j++
	}
	return out, j
}

func cidrContains(outer, inner string) bool {
	o, err1 := netip.ParsePrefix(outer)
	in, err2 := netip.ParsePrefix(inner)
	return err1 == nil && err2 == nil && o.Contains(in.Addr()) && in.Bits() >= o.Bits()
}
