package builtin

import (
	"fmt"
	"net/netip"
	"slices"

	"github.com/kunerva/kunerva/generator"
)

// containersToo returns where a host request also says "in (the, all,
// every) containers / pods", or -1. ("static pods", "container logs", "as
// well as pods" name no place.)
func containersToo(toks []token) int {
	for n, t := range toks {
		if t.low != "container" && t.low != "containers" && t.low != "pod" && t.low != "pods" && t.low != "workloads" {
			continue
		}
		k := n - 1
		// "in the kube-system pods": the pods of a namespace every cluster
		// has (finder 12, S8: "on the nodes (label compliance=cmmc) and in
		// the kube-system pods" gave a host policy alone).
		if k >= 0 && wellKnownNamespaces[toks[k].low] {
			k--
		}
		for k >= 0 && (toks[k].low == "the" || toks[k].low == "all" || toks[k].low == "every" || toks[k].low == "each" || toks[k].low == "any" || toks[k].low == "its" || toks[k].low == "their") {
			k--
		}
		if k >= 0 && (toks[k].low == "in" || toks[k].low == "inside" || toks[k].low == "within") {
			return n
		}
	}
	return -1
}

// everyPodWords returns the words that say every pod or container
// ("every container", "all pods", "each workload", "any pod"), or "".
func everyPodWords(toks []token) string {
	for n := 0; n+1 < len(toks); n++ {
		if (toks[n].low == "every" || toks[n].low == "all" || toks[n].low == "each" || toks[n].low == "any") && (toks[n+1].low == "pod" || toks[n+1].low == "pods" || toks[n+1].low == "container" || toks[n+1].low == "containers" || toks[n+1].low == "workload" || toks[n+1].low == "workloads") {
			return toks[n].raw + " " + toks[n+1].raw
		}
	}
	return ""
}

// unionWidens asks about two allow rules of the same pods and direction
// where the one with fewer ports is lost in the other, since allowed
// traffic adds up: "allow ingress from 10.0.0.0/8 (from 10.1.0.0/16 only
// on 22)" would let 10.1.0.0/16 in on every port, and "Only the frontend
// should call the orders service. The orders pods accept 8080 only from
// app=frontend." would let the frontend in on every port. An address range
// inside another is asked about when the request limits (says "only"):
// "from 10.0.0.0/8 on 5432 and from 10.1.2.3 on 22" adds up as said.
// Returns the question, or "".
func unionWidens(x *generator.Intent, toks []token) string {
	limits := slices.ContainsFunc(toks, func(t token) bool {
		return t.low == "only" || t.low == "just" || t.low == "solely" || t.low == "exclusively"
	})
	for i, a := range x.Network {
		for j, b := range x.Network {
			if i == j || a.Verdict != generator.Allow || b.Verdict != generator.Allow || a.Direction != b.Direction || len(a.HTTP)+len(b.HTTP)+len(a.DNS)+len(b.DNS) > 0 || sameJSON(a.Ports, b.Ports) {
				continue
			}
			// The same peers, on any port here and on some ports there.
			if len(a.Ports) == 0 && len(a.Peers) > 0 && sameJSON(a.Peers, b.Peers) {
				return fmt.Sprintf("the request allows %s on every port in one place and on some ports in another; allowed traffic adds up, so the ports would limit nothing: which is meant?", peerText(b.Peers[0]))
			}
			// An address range inside another, on other ports.
			for _, pa := range a.Peers {
				if !limits {
					break
				}
				for _, pb := range b.Peers {
					outer, err1 := netip.ParsePrefix(pa.CIDR)
					inner, err2 := netip.ParsePrefix(pb.CIDR)
					if err1 != nil || err2 != nil || inner.Bits() <= outer.Bits() || !outer.Contains(inner.Addr()) || slices.ContainsFunc(pa.Except, func(e string) bool {
						ex, err := netip.ParsePrefix(e)
						return err == nil && ex.Bits() <= inner.Bits() && ex.Contains(inner.Addr())
					}) {
						continue
					}
					return fmt.Sprintf("%s lies inside %s, which is allowed on other ports; allowed traffic adds up, so %s would get those ports too. Should %s leave it out (say \"%s except %s\"), or may it use both?", pb.CIDR, pa.CIDR, pb.CIDR, pa.CIDR, pa.CIDR, pb.CIDR)
				}
			}
		}
	}
	return ""
}

// peerText names a peer in a question: its name, labels or address.
func peerText(p generator.Peer) string {
	switch {
	case p.Name != "":
		return p.Name
	case p.Pods != nil && len(p.Pods.MatchLabels) > 0:
		return "pods labeled " + labelsText(p.Pods.MatchLabels)
	case p.CIDR != "":
		return p.CIDR
	case p.FQDN != "":
		return p.FQDN
	case p.Entity != "":
		return p.Entity
	}
	return "the same peers"
}

// appositiveValue asks about a bracket after a peer or its ports that says,
// in a few words and a value after a comma, what the peer is: "app=web may
// reach app=db on 5432 (the primary, 10.0.0.5)" read 10.0.0.5 as another
// peer, on every port. The address may be the peer's own. Labels there
// say which pods: "the db pods (our database, app=db)".
func (p *parser) appositiveValue() error {
	for i := 1; i+4 < len(p.toks); i++ {
		before := p.toks[i-1]
		if !p.is(i, "(") || p.taken(i) || !p.is(i+1, "the", "our", "its", "their", "a", "an") || !(before.kind == tNumber || before.kind == tLabel || before.kind == tPortProto || podNouns[before.low]) {
			continue
		}
		k := i + 2
		for k < len(p.toks) && k < i+6 && p.toks[k].kind == tWord && !meaningful(p.toks[k]) {
			k++
		}
		if k == i+2 || !p.is(k, ",") || k+2 >= len(p.toks) || !p.is(k+2, ")") {
			continue
		}
		if v := p.toks[k+1]; v.kind == tCIDR || v.kind == tDomain {
			return p.refuse(fmt.Sprintf("is %s, in brackets after %q, what the peer before it is, or one more peer? Say it in the rule (\"and to %s on PORT\") or leave it out", v.raw, p.request[p.toks[i-1].start:p.toks[i-1].end], v.raw), generator.ExampleNetwork)
		}
	}
	return nil
}

// portsOfAnException asks about ports said after an address left out of
// a range that has ports of its own: "allow app=web to reach 10.0.0.0/8 on
// 443 except 10.1.0.0/16 on 22" allowed 22 to the whole range but
// 10.1.0.0/16; the words may give 10.1.0.0/16 port 22 instead.
func (p *parser) portsOfAnException() error {
	portBefore := false
	for i, t := range p.toks {
		if t.kind == tNumber && i > 0 && p.is(i-1, "on", "port", "ports") || t.kind == tPortProto {
			portBefore = true
		}
		if !portBefore || !p.is(i, "except", "excluding", "but", "minus", "without") && !(p.is(i, "not") && p.is(i-1, ",")) {
			continue
		}
		// "but not 10.1.0.0/16 on 22", "except to 10.1.0.0/16 on 22"
		v := i + 1
		for p.is(v, "not", "to") {
			v++
		}
		if v >= len(p.toks) || p.toks[v].kind != tCIDR {
			continue
		}
		// "except 10.1.0.0/16 and 10.2.0.0/16 on 22": the list's last.
		for v+2 < len(p.toks) && p.is(v+1, ",", "and", "or") && p.toks[v+2].kind == tCIDR {
			v += 2
		}
		if v+2 >= len(p.toks) {
			continue
		}
		// "on 22", "on port 22", "on UDP 53", "over tcp/22"
		portAfter := p.toks[v+1].kind == tPortProto
		for k := v + 2; k < len(p.toks) && k <= v+4 && p.is(v+1, "on", "over", "via", "port", "ports"); k++ {
			if p.toks[k].kind == tNumber || p.toks[k].kind == tPortProto {
				portAfter = true
				break
			}
			if !p.is(k, "port", "ports", "tcp", "udp", "sctp") {
				break
			}
		}
		if portAfter {
			return p.refuse(fmt.Sprintf("are the ports after %s the ports of %s, or more ports of the range it is left out of? Say each address range with its ports as a rule of its own", p.toks[v].raw, p.toks[v].raw), generator.ExampleNetwork)
		}
	}
	return nil
}

// openedToAnyone reports whether an intent only allows its pods ingress
// from anywhere, the direction said by the allow word alone ("permit
// traffic to app=queue on 5672"), not by a verb or a source.
func openedToAnyone(in *generator.Intent) bool {
	if len(in.Network) != 1 || len(in.Others) > 0 {
		return false
	}
	r := in.Network[0]
	if r.Verdict != generator.Allow || r.Direction != generator.Ingress || len(r.Peers) > 0 {
		return false
	}
	return slices.ContainsFunc(in.Origins, func(o generator.Origin) bool {
		return o.Field == "network[0].direction" && o.Rule == "allow-word"
	})
}

// egressOfOthers reports whether an intent, or one beside it, has a rule
// of egress for pods other than s's.
func egressOfOthers(in *generator.Intent, s generator.Subject) bool {
	for _, x := range append([]*generator.Intent{in}, in.Others...) {
		if sameJSON(x.Subject, s) {
			continue
		}
		if slices.ContainsFunc(x.Network, func(r generator.NetworkRule) bool { return r.Direction == generator.Egress }) {
			return true
		}
	}
	return false
}
