package builtin

import (
	"fmt"
	"slices"

	"github.com/kunerva/kunerva/generator"
)

// binding is peer groups and the ports that go with them.
type binding struct {
	groups []*group
	ports  []portV
}

// portBinding decides which peers the ports go with: every peer, unless the
// peers are groups each with its own preposition ("to X, to Y, and to Z on
// 443") and the ports follow the last one only; then they are its alone.
func (p *parser) portBinding(groups []*group, ports []portV) ([]binding, error) {
	all := []binding{{groups: groups, ports: ports}}
	// A list whose every item has its own preposition is as many groups.
	var units []*group
	for _, g := range groups {
		if len(g.eps) > 1 && g.all(func(e *endpoint) bool { return e.prep != "" }) {
			for _, e := range g.eps {
				units = append(units, &group{eps: []*endpoint{e}, prep: e.prep})
			}
			continue
		}
		units = append(units, g)
	}
	// Where the ports stand is told by where the groups stand: in the
	// request's order ("PostgreSQL (...) on 5432 and accounts.google.com
	// on 443" has its DNS names grouped first).
	slices.SortStableFunc(units, func(a, b *group) int { return a.eps[0].start - b.eps[0].start })
	groups = units
	if len(groups) == 1 && len(groups[0].eps) > 1 && len(ports) > 1 && p.portBetween(groups[0].eps, ports) {
		// "PostgreSQL (app=postgresql) on 5432 and accounts.google.com on
		// 443": a port between two peers of a list is the one before it's;
		// each peer is a group of its own.
		units = nil
		for _, e := range groups[0].eps {
			units = append(units, &group{eps: []*endpoint{e}, prep: groups[0].prep})
		}
		groups = units
	}
	if len(groups) == 1 && len(groups[0].eps) > 1 && len(ports) > 1 {
		// "to port 7844 over TCP and UDP towards the internet, plus
		// api.cloudflare.com on 443": ports before the peers and ports after
		// one of them.
		return all, p.portsAround(groups[0].eps, ports)
	}
	if len(groups) == 1 && len(groups[0].eps) > 1 && len(ports) > 0 && p.lastSetApart(groups[0].eps, ports) {
		return nil, p.refuse(portsOfLastPeerAsked, generator.ExampleNetwork)
	}
	if len(groups) < 2 || len(ports) == 0 {
		return all, nil
	}
	// Where each port stands: after which group.
	after := make([]int, len(ports))
	for n, pv := range ports {
		after[n] = -1
		for _, o := range pv.origins {
			if o.From != generator.FromRequest {
				continue
			}
			at := p.tokenAt(o.Start)
			for gi, g := range groups {
				if g.eps[len(g.eps)-1].end <= at {
					after[n] = gi
				}
			}
			break
		}
	}
	last := len(groups) - 1
	// "on 80 from app=a and on 443 from app=b": each port before the group
	// it is for.
	lead, between, trailing := false, false, false
	for n := range ports {
		lead = lead || after[n] < 0
		between = between || after[n] >= 0 && after[n] < last
		trailing = trailing || after[n] == last
	}
	if lead && between && !trailing {
		out := make([]binding, len(groups))
		for gi, g := range groups {
			out[gi].groups = []*group{g}
		}
		for n, pv := range ports {
			out[after[n]+1].ports = append(out[after[n]+1].ports, pv)
		}
		// "take 5432 from linkding (app=linkding) and from the backup pods
		// (app=postgres-backup), and 9187 from ...": a group with no port
		// of its own, joined by "and" or "or" to the group before it,
		// shares the ports before that group, as it would with no other
		// port said after them; the next ports, before the next group, end
		// it. Any other group with none would take any port ("5432 from
		// A, 9187 from C, and from B": B last, after C's ports); ask.
		for gi := 1; gi < len(out); gi++ {
			if len(out[gi].ports) > 0 {
				continue
			}
			if len(out[gi-1].ports) == 0 || gi == len(out)-1 || !p.joinedGroups(groups[gi-1], groups[gi]) {
				return nil, p.askPortsShared(out[gi-1], out[gi])
			}
			out[gi].ports = out[gi-1].ports
		}
		return out, nil
	}
	// "to the RDS instance on 5432 (*.rds.amazonaws.com) and api.stripe.com
	// on 443": ports before the peers and ports after one of them; which
	// peer each is for cannot be told.
	if lead && (between || trailing) && portsDiffer(ports) {
		return nil, p.askPortsAround()
	}
	interleaved := false
	for n := range ports {
		if after[n] < 0 {
			return all, nil // ports before the peers are every peer's
		}
		if after[n] < last {
			interleaved = true
		}
	}
	if !interleaved {
		// Ports after the last group only, each group with its own
		// preposition: "to github.com and to *.github.com on port 443".
		// The ports are every peer's when a comma sets them apart ("...,
		// on port 9200"); the last one's alone when they share its
		// brackets ("from 10.0.0.0/8 (from 10.1.0.0/16 only on 22)");
		// otherwise they could be either, and the engine asks.
		for _, g := range groups {
			if g.prep == "" || g.prep != groups[last].prep {
				if p.namedLastSetApart(groups[last].eps[0], ports) {
					return nil, p.refuse(portsOfLastPeerAsked, generator.ExampleNetwork)
				}
				return all, nil
			}
		}
		lastEnd := groups[last].eps[len(groups[last].eps)-1].end
		for _, pv := range ports {
			for _, o := range pv.origins {
				if at := p.tokenAt(o.Start); o.From == generator.FromRequest {
					for k := lastEnd; k < at; k++ {
						if p.is(k, ",", "-") {
							return all, nil // "..., on port 9200", "... - TCP 80 in both cases"
						}
					}
				}
			}
		}
		if !p.bracketedWithLast(groups, ports) {
			return nil, p.refuse(portsOfLastPeerAsked, generator.ExampleNetwork)
		}
	}
	// "to the repo on 443 and to the partner on TCP 1010": each group has
	// the ports that follow it.
	out := make([]binding, len(groups))
	for gi, g := range groups {
		out[gi].groups = []*group{g}
	}
	for n, pv := range ports {
		out[after[n]].ports = append(out[after[n]].ports, pv)
	}
	if err := p.askPortBeforeNextPeer(groups, out); err != nil {
		return nil, err
	}
	// "to app=db on 5432 and 10.0.0.5": a peer after another's ports, with
	// none of its own, may share them or take any port; ask.
	// A source with "from" of its own is asked about the same way, since
	// the ports of incoming traffic are the pods' own, which the next
	// source may as well be meant to share: "from app=api on 5432 and from
	// app=batch" (finder 18, Q1). A destination's keeps its own rule on any
	// port ("to the world on 443 and to 10.0.0.0/8").
	for gi := 1; gi < len(out); gi++ {
		bare := out[gi].groups[0]
		start := bare.eps[0].start
		if bare.prep == "from" && out[gi-1].groups[0].prep == "from" && p.is(start-1, "from") {
			start--
		} else if bare.prep != "" {
			continue
		}
		if len(out[gi].ports) == 0 && len(out[gi-1].ports) > 0 && p.joinedAfterPorts(start) && !bare.all(servesItsOwnPort) {
			return nil, p.askPortsShared(out[gi-1], out[gi])
		}
	}
	return out, nil
}

// joinedGroups reports whether only "and", "or", a comma and the next
// group's preposition stand between two groups: "from linkding
// (app=linkding) and from the backup pods".
func (p *parser) joinedGroups(a, b *group) bool {
	k := a.eps[len(a.eps)-1].end
	joined := false
	for ; k < b.eps[0].start; k++ {
		switch {
		case p.is(k, "and", "or"):
			joined = true
		case p.is(k, ",") || p.is(k, b.prep):
		default:
			return false
		}
	}
	return joined
}

// askPortBeforeNextPeer asks when a port said after one peer's ports
// stands right before the next peer, which has none of its own: "to
// tier=database on 3306, plus UDP 53 to anything in kube-system", "to
// app=db on 5432 and port 9090 to the metrics namespace". Read after the
// first peer, the port would go to it and the next peer would take any
// port; the words may as well mean the port is the next peer's.
func (p *parser) askPortBeforeNextPeer(groups []*group, out []binding) error {
	for gi := 0; gi+1 < len(out); gi++ {
		if len(out[gi].ports) == 0 || len(out[gi+1].ports) > 0 {
			continue
		}
		next := groups[gi+1].eps[0].start
		for _, pv := range out[gi].ports {
			end := p.saidEnd(pv.origins)
			if end < 0 || end > next {
				continue
			}
			k := end
			for k < next && p.is(k, "to", "from", "towards", "toward", "into", "for", "with") {
				k++
			}
			if k == next {
				return p.ask(fmt.Sprintf("which peer is %q for: %q before it, or %q after it? Say each peer with its own ports (\"to X on 3306, and to Y on UDP 53\")", p.text(p.saidAt(pv.origins), end), out[gi].groups[0].text(), groups[gi+1].text()), generator.ExampleNetwork, "to the pods labeled app=db on 5432, and to the kube-system namespace on UDP 53")
			}
		}
	}
	return nil
}

// saidEnd is the token just after the last of the origins' request words,
// or -1.
func (p *parser) saidEnd(origins []generator.Origin) int {
	end := -1
	for _, o := range origins {
		if o.From != generator.FromRequest {
			continue
		}
		for i, t := range p.toks {
			if t.start >= o.Start && t.end <= o.End && i+1 > end {
				end = i + 1
			}
		}
	}
	return end
}

// bracketedWithLast reports whether the ports stand in brackets that open
// before the last group, after the one before it: "from 10.0.0.0/8 (from
// 10.1.0.0/16 only on 22)".
func (p *parser) bracketedWithLast(groups []*group, ports []portV) bool {
	from, to := groups[len(groups)-2].eps[len(groups[len(groups)-2].eps)-1].end, groups[len(groups)-1].eps[0].start
	open := -1
	for k := from; k < to; k++ {
		if p.is(k, "(") {
			open = k
		}
	}
	if open < 0 {
		return false
	}
	for _, pv := range ports {
		at := p.saidAt(pv.origins)
		if at < 0 {
			return false
		}
		for k := open; k < at; k++ {
			if p.is(k, ")") {
				return false
			}
		}
	}
	return true
}

// servesItsOwnPort reports whether the peer is a service whose port the
// peer itself says: the API server ("on 5432, and the kube-apiserver").
func servesItsOwnPort(e *endpoint) bool {
	return len(e.entities) > 0 && !slices.ContainsFunc(e.entities, func(v valueV) bool { return v.value != "kube-apiserver" })
}

// joinedAfterPorts reports whether the words just before token k join a
// peer to the ports before them: "on 5432 and 10.0.0.5", "on 5432 or from
// 10.0.0.5", "on 443, plus
// 10.0.0.0/8", "on 443 and also ...", "on 22 as well as 192.168.0.0/16".
func (p *parser) joinedAfterPorts(k int) bool {
	k--
	for k >= 0 && p.is(k, "also", "too") {
		k--
	}
	// "on 22 as well as 192.168.0.0/16", "on 443 along with X"
	if p.is(k, "as") && p.is(k-1, "well") && p.is(k-2, "as") || p.is(k, "with") && p.is(k-1, "along", "together") {
		k -= 2
		if p.is(k, "as") {
			k--
		}
		return k >= 0 && isValue(p.toks[k])
	}
	if !p.is(k, "and", "or", "plus", "&") {
		return false
	}
	if p.is(k-1, ",") {
		k--
	}
	if k--; k < 0 {
		return false
	}
	// "10.0.0.6 on 5432 too, and 10.0.0.7": the ports of the peer before,
	// said again for it.
	for k > 0 && p.is(k, "too", "also") {
		k--
	}
	if k > 1 && p.is(k, "well") && p.is(k-1, "as") {
		k -= 2
	}
	kind := p.toks[k].kind
	return kind == tNumber || kind == tRange || kind == tPortProto || p.is(k, "tcp", "udp", "sctp")
}

// askPortsShared asks whether the ports said after one peer are also the
// next peer's, which has none of its own.
func (p *parser) askPortsShared(ported, bare binding) error {
	return p.ask(fmt.Sprintf("are the ports said after %q also for %q, or may it be reached on any port? Say each peer with its ports (\"to X on 5432, and to Y on any port\")", ported.groups[0].text(), bare.groups[0].text()), generator.ExampleNetwork, "to the pods labeled app=db on 5432, and to 10.0.0.5 on 5432")
}

// ownPortsEach reports whether every peer group, anyone among them, has
// ports of its own: "to the kube-system namespace on port 53, and to any
// destination on TCP 443".
func (p *parser) ownPortsEach(groups []*group, ports []portV) bool {
	parts, err := p.portBinding(groups, ports)
	if err != nil || len(parts) < 2 {
		return false
	}
	return !slices.ContainsFunc(parts, func(b binding) bool { return len(b.groups) != 1 || len(b.ports) == 0 })
}

// portsAround asks which peers the ports are for when different ports
// stand before a list of peers and after one of its items.
func (p *parser) portsAround(eps []*endpoint, ports []portV) error {
	lead, later := false, false
	for _, pv := range ports {
		at := p.saidAt(pv.origins)
		if at < 0 {
			continue
		}
		lead = lead || at < eps[0].start
		later = later || at >= eps[0].end
	}
	if lead && later && portsDiffer(ports) {
		return p.askPortsAround()
	}
	return nil
}

// portBetween reports whether one of the ports stands between two of the
// endpoints.
func (p *parser) portBetween(eps []*endpoint, ports []portV) bool {
	for _, pv := range ports {
		at := p.saidAt(pv.origins)
		for k := 0; k+1 < len(eps); k++ {
			if at >= eps[k].end && at < eps[k+1].start {
				return true
			}
		}
	}
	return false
}

// portsDiffer reports whether the ports are not all one port: the same
// port before and after the peers is every peer's.
func portsDiffer(ports []portV) bool {
	return slices.ContainsFunc(ports, func(pv portV) bool { return pv.port != ports[0].port })
}

func (p *parser) askPortsAround() error {
	return p.ask("which ports go with which peers? Some ports stand before the peers and some after them; say each peer with its own ports (\"to X on 5432, and to Y on 443\")", generator.ExampleNetwork, "to the pods labeled app=db on 5432, and to api.stripe.com on 443")
}

// saidAt is the token where the first of the origins' request words
// stands, or -1.
func (p *parser) saidAt(origins []generator.Origin) int {
	for _, o := range origins {
		if o.From == generator.FromRequest {
			return p.tokenAt(o.Start)
		}
	}
	return -1
}

// saidAfter reports whether any of the origins' request words stand after
// token k.
func (p *parser) saidAfter(origins []generator.Origin, k int) bool {
	return slices.ContainsFunc(origins, func(o generator.Origin) bool { return o.From == generator.FromRequest && p.tokenAt(o.Start) > k })
}

// tokenAt is the index of the token that starts at byte offset start, or -1.
func (p *parser) tokenAt(start int) int {
	for i, t := range p.toks {
		if t.start == start {
			return i
		}
	}
	return -1
}

// saysAnything reports whether the clause says "all", "any", "anyone",
// "anywhere", "everything": an allowance of all peers is meant.
func (p *parser) saysAnything() bool {
	for i := range p.toks {
		if p.is(i, "all", "any", "anyone", "anywhere", "everyone", "everything", "anything", "everybody", "anybody", "every", "unrestricted", "open") && p.claim[i] != "allow-list-rest" && !p.is(i+1, "else", "other") {
			return true
		}
	}
	return false
}

// lastSetApart reports whether the last peer of a list stands after a
// comma and "and" (or "plus") and the ports follow it alone: "anything in
// 10.0.0.0/8, and 203.0.113.0/24 on TCP 443" may open 443 to the last
// peer only, or to all of them.
func (p *parser) lastSetApart(eps []*endpoint, ports []portV) bool {
	last := eps[len(eps)-1]
	k := last.start - 1
	for k > 0 && determiners[p.word(k)] {
		k--
	}
	if !p.is(k, "and", "plus") || !p.is(k-1, ",") {
		return false
	}
	for _, pv := range ports {
		if at := p.saidAt(pv.origins); at < last.end {
			return false
		}
	}
	return true
}

// portsOfLastPeerAsked is the question about ports said after the last of
// several peers, which may be all the peers' or the last one's alone.
const portsOfLastPeerAsked = "which peers are the ports for: all of them, or the last one? Say the ports after each peer they are for"

// namedLastSetApart reports whether the last peer, named by a few words
// before it ("our Atlas cluster at 198.51.100.0/24"), is set apart by ",
// and" with the ports after it alone: "may reach any pod in the same
// namespace, and our Atlas cluster at 198.51.100.0/24 on port 27017" gave
// the port to both peers, where the bare ", and 198.51.100.0/24 on port
// 27017" asks (lastSetApart).
func (p *parser) namedLastSetApart(first *endpoint, ports []portV) bool {
	k := first.start - 1
	for n := 0; n < 5 && k > 1 && p.toks[k].kind == tWord && !p.is(k, "and", "plus"); n++ {
		k--
	}
	if !p.is(k, "and", "plus") || !p.is(k-1, ",") {
		return false
	}
	return !slices.ContainsFunc(ports, func(pv portV) bool { return p.saidAt(pv.origins) < first.end })
}

// clientPortLeads are the words that join a port to the pods just before
// it: "app=api from port 40000", "app=lb on port 80", "app=api (port
// 8080)". A port after "to" or "reach" ("to port 7844 ... towards the
// internet") is the destination's.
var clientPortLeads = set("on", "from", "at", "port", "ports", "(", "using", "via")

// clientPortLead reports whether the words from k to the port at are all
// clientPortLeads.
func (p *parser) clientPortLead(k, at int) bool {
	for ; k < at; k++ {
		if !clientPortLeads[p.word(k)] {
			return false
		}
	}
	return true
}

// clientPort asks about a port said just after the pods that open the
// connection, when other ports follow the pods reached: "allow app=api
// from port 40000 to app=db on 5432", "allow app=lb on port 80 to reach
// app=web on 443", "app=api (port 8080) to reach app=db (port 5432)",
// "block app=lb on port 8080 from reaching app=web on 80". Every port
// became a port of the pods reached, opening (or denying) the client's
// own port on them; a rule holds only the ports of the pods reached.
func (p *parser) clientPort(client, server []*group, ports []portV) error {
	serverStart, clientEnd := -1, -1
	if len(ports) < 2 || slices.Contains(server, nil) || slices.Contains(client, nil) {
		return nil
	}
	for _, g := range server {
		for _, e := range g.eps {
			if serverStart < 0 || e.start < serverStart {
				serverStart = e.start
			}
		}
	}
	for _, g := range client {
		for _, e := range g.eps {
			if e.end <= serverStart && e.end > clientEnd {
				clientEnd = e.end
			}
		}
	}
	if serverStart < 0 || clientEnd < 0 {
		return nil
	}
	between, after := -1, false
	for _, pv := range ports {
		at := p.saidAt(pv.origins)
		switch {
		case at >= clientEnd && at < serverStart && between < 0 && p.clientPortLead(clientEnd, at):
			between = at
		case at >= serverStart:
			after = true
		}
	}
	if between < 0 || !after {
		return nil
	}
	return p.refuse(fmt.Sprintf("is %q a port of the pods reached, or the port the connection leaves from? A rule holds only the ports of the pods reached: say them after those pods (\"... to reach app=db on 5432\")", p.text(between, between+1)), generator.ExampleNetwork)
}
