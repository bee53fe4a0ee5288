package connectivity

import (
	"cmp"
	"slices"
	"strconv"
	"strings"
)

// flowGroup is changes that read as one sentence: the same verdicts and L7
// rules from one group of peers to another, on a set of ports.
type flowGroup struct {
	From, To          side
	Ports             []portProto
	Before, After     Verdict
	BeforeL7, AfterL7 []string
	Because           []string // the union of the members'
	Reason            string
	first             Change // the member that sorts first, which orders the groups
}

type portProto struct {
	Port     *int32
	Protocol string
}

// groupChanges gathers changes into groups: first the sources of each
// (destination, port) flow, then the destinations of each (sources, port),
// then the ports of each (sources, destinations). Changes in one group
// share verdicts, L7 rules and reason; their Because lists are merged.
func groupChanges(changes []Change, workloads []string) []flowGroup {
	u := newUniverse(workloads)
	var groups []flowGroup

	// Sources of each (destination, port).
	bySource := gather(changes, func(c Change) string {
		return join(c.To, portKey(c.Port, c.Protocol), verdictKey(c))
	})
	for _, cs := range bySource {
		g := newGroup(cs[0])
		for _, c := range cs {
			g.From.Peers = append(g.From.Peers, c.From)
			g.add(c)
		}
		g.From = u.describe(g.From.Peers, cs[0].To)
		g.To = u.describe([]string{cs[0].To}, "")
		groups = append(groups, g)
	}

	// Destinations of each (sources, port).
	byDest := gather(groups, func(g flowGroup) string {
		return join(g.From.key(g.To), portKey(g.Ports[0].Port, g.Ports[0].Protocol), verdictKey(g.first))
	})
	groups = groups[:0:0]
	for _, gs := range byDest {
		g := gs[0]
		g.To.Peers = nil
		for _, h := range gs {
			g.To.Peers = append(g.To.Peers, h.To.Peers...)
			g.merge(h)
		}
		other := ""
		if len(g.From.Peers) == 1 {
			other = g.From.Peers[0]
		}
		g.To = u.describe(g.To.Peers, other)
		groups = append(groups, g)
	}

	// Ports of each (sources, destinations).
	byPort := gather(groups, func(g flowGroup) string {
		return join(g.From.key(g.To), g.To.key(g.From), verdictKey(g.first))
	})
	groups = groups[:0:0]
	for _, gs := range byPort {
		g := gs[0]
		g.Ports = nil
		for _, h := range gs {
			g.Ports = append(g.Ports, h.Ports...)
			g.merge(h)
		}
		slices.SortFunc(g.Ports, comparePorts)
		g.Ports = slices.CompactFunc(g.Ports, func(a, b portProto) bool { return comparePorts(a, b) == 0 })
		groups = append(groups, g)
	}

	slices.SortStableFunc(groups, func(a, b flowGroup) int { return compareChanges(a.first, b.first) })
	return groups
}

func newGroup(c Change) flowGroup {
	return flowGroup{
		Ports:  []portProto{{c.Port, c.Protocol}},
		Before: c.Before, After: c.After,
		BeforeL7: c.BeforeL7, AfterL7: c.AfterL7,
		Reason: c.Reason,
		first:  c,
	}
}

// add takes c's policies and order into g.
func (g *flowGroup) add(c Change) {
	g.Because = union(g.Because, c.Because)
	if compareChanges(c, g.first) < 0 {
		g.first = c
	}
}

func (g *flowGroup) merge(h flowGroup) {
	g.Because = union(g.Because, h.Because)
	if compareChanges(h.first, g.first) < 0 {
		g.first = h.first
	}
}

// gather splits xs by key, keeping the order in which keys first appear.
func gather[T any](xs []T, key func(T) string) [][]T {
	index := map[string]int{}
	var out [][]T
	for _, x := range xs {
		k := key(x)
		i, ok := index[k]
		if !ok {
			i = len(out)
			index[k] = i
			out = append(out, nil)
		}
		out[i] = append(out[i], x)
	}
	return out
}

func join(parts ...string) string { return strings.Join(parts, "\x00") }

func portKey(port *int32, protocol string) string {
	if port == nil {
		return "*/" + protocol
	}
	return strconv.Itoa(int(*port)) + "/" + protocol
}

// verdictKey is what a group's members share besides their peers and port.
func verdictKey(c Change) string {
	return join(string(c.Before), string(c.After), strings.Join(c.BeforeL7, "\x01"), strings.Join(c.AfterL7, "\x01"), c.Reason)
}

func compareChanges(a, b Change) int {
	if c := cmp.Or(cmp.Compare(a.To, b.To), cmp.Compare(a.From, b.From), comparePorts(portProto{a.Port, a.Protocol}, portProto{b.Port, b.Protocol})); c != 0 {
		return c
	}
	return cmp.Compare(verdictKey(a), verdictKey(b)) // built only when needed: it allocates
}

// comparePorts sorts by protocol, then number, with every port (nil) last.
func comparePorts(a, b portProto) int {
	if c := cmp.Compare(a.Protocol, b.Protocol); c != 0 {
		return c
	}
	switch {
	case a.Port == nil && b.Port == nil:
		return 0
	case a.Port == nil:
		return 1
	case b.Port == nil:
		return -1
	}
	return cmp.Compare(*a.Port, *b.Port)
}

// union is the sorted union of two sorted-or-not lists.
func union(a, b []string) []string {
	out := slices.Concat(a, b)
	slices.Sort(out)
	return slices.Compact(out)
}

// systemGroup is KubeArmor changes that read as one sentence: the same
// change of action in a group of workloads, for a set of processes, files
// or capabilities.
type systemGroup struct {
	Workloads     side
	Whats         []string
	Before, After string
	Because       []string
	first         SystemChange
}

// groupSystem gathers the workloads of each (what, before, after), then
// the whats of each (workloads, before, after).
func groupSystem(changes []SystemChange, workloads []string) []systemGroup {
	u := newUniverse(workloads)
	var groups []systemGroup
	for _, cs := range gather(changes, func(c SystemChange) string { return join(c.What, c.Before, c.After) }) {
		g := systemGroup{Whats: []string{cs[0].What}, Before: cs[0].Before, After: cs[0].After, first: cs[0]}
		var peers []string
		for _, c := range cs {
			peers = append(peers, c.Workload)
			g.add(c.Because, c)
		}
		g.Workloads = u.describe(peers, "")
		groups = append(groups, g)
	}
	var merged []systemGroup
	for _, gs := range gather(groups, func(g systemGroup) string {
		return join(sortedKey(g.Workloads.Peers), g.Before, g.After)
	}) {
		g := gs[0]
		for _, h := range gs[1:] {
			g.Whats = append(g.Whats, h.Whats...)
			g.add(h.Because, h.first)
		}
		slices.Sort(g.Whats)
		merged = append(merged, g)
	}
	slices.SortStableFunc(merged, func(a, b systemGroup) int { return compareSystem(a.first, b.first) })
	return merged
}

func (g *systemGroup) add(because []string, c SystemChange) {
	g.Because = union(g.Because, because)
	if compareSystem(c, g.first) < 0 {
		g.first = c
	}
}

func compareSystem(a, b SystemChange) int {
	return cmp.Or(cmp.Compare(a.Workload, b.Workload), cmp.Compare(a.What, b.What), cmp.Compare(a.After, b.After))
}
