package builtin

import (
	"slices"
	"strings"

	"github.com/kunerva/kunerva/generator"
)

// ticketNouns number a ticket, as seriesWords number a part of a series:
// "Task 53:", "(story 53)", "ticket 53", "bug 53". The number after
// either is no port.
var ticketNouns = set("ticket", "issue", "bug", "incident", "sprint", "epic", "card", "pr")

// dnsRule is the DNS allowance with its origins: the request's DNS words,
// or --allow-dns when m is nil.
func (p *parser) dnsRule(patterns []valueV, m *mark) ruleV {
	var names []string
	for _, v := range patterns {
		names = append(names, v.value)
	}
	rv := ruleV{rule: generator.DNSRule(names)}
	if m == nil {
		rv.origins = append(rv.origins, defaultOrigin("", "allow-dns"))
		return rv
	}
	// "plus DNS on 53 UDP/TCP", "DNS lookups (53 over TCP and UDP)": the
	// port said and no DNS server named is port 53 to any server, as said;
	// the cluster DNS (kube-dns) is the server only when it is named, or
	// when the request says DNS alone.
	port53 := -1
	if len(patterns) == 0 && !p.dnsServerNamed() {
		// ("Task 53:", "(story 53)": a number in a series or a ticket is
		// no port; read as one, DNS lost its server, kube-dns, and went to
		// any address on 53 (finder 11, S5).)
		for i, t := range p.toks {
			if t.raw == "53" && !seriesWords[p.word(i-1)] && !ticketNouns[p.word(i-1)] || t.low == "53/udp" || t.low == "53/tcp" {
				port53 = i
				break
			}
		}
	}
	fields := []string{"direction", "verdict", "peers[0].clusterDNS"}
	if port53 >= 0 {
		rv.rule.Peers, fields = nil, fields[:2]
	}
	for _, f := range fields {
		rv.origins = append(rv.origins, p.origin(f, m))
	}
	// "can reach kube-dns (k8s-app=kube-dns in kube-system) on 53 over
	// TCP and UDP", "DNS on UDP 53": the protocols said are the rule's,
	// kept as said (with Cilium, no longer 53 over any protocol).
	if said := p.dnsSaid; len(said) > 0 {
		rv.rule.Ports, rv.rule.PortsSaid = nil, true
		first, last := said[0].m.start, said[0].m.end
		for k, pm := range said {
			rv.rule.Ports = append(rv.rule.Ports, generator.Port{Port: 53, Protocol: pm.proto})
			portOrigin := defaultOrigin(fieldf("ports[%d].port", k), "cluster-dns")
			if port53 >= 0 {
				portOrigin = p.origin(fieldf("ports[%d].port", k), &mark{port53, port53 + 1, "dns-port"})
			}
			rv.origins = append(rv.origins, p.origin(fieldf("ports[%d].protocol", k), pm.m), portOrigin)
			first, last = min(first, pm.m.start), max(last, pm.m.end)
		}
		rv.origins = append(rv.origins, p.origin("portsSaid", &mark{first, last, "dns-protocol"}))
	} else if port53 >= 0 {
		rv.origins = append(rv.origins, p.origin("ports", &mark{port53, port53 + 1, "dns-port"}))
	} else {
		rv.origins = append(rv.origins, defaultOrigin("ports", "cluster-dns"))
	}
	for k, v := range patterns {
		rv.origins = append(rv.origins, p.origin(fieldf("dns[%d]", k), v.m))
	}
	return rv
}

// dnsServerNamed reports whether the request names the DNS server: the
// cluster DNS ("kube-dns", "CoreDNS", "the cluster DNS", "in kube-system",
// "k8s-app=kube-dns"), another server ("the node-local DNS cache", "the
// DNS servers") or an address; or names a DNS name, whose lookups
// Cilium sees only through a DNS rule to the cluster DNS.
func (p *parser) dnsServerNamed() bool {
	for i, t := range p.toks {
		if p.is(i, "kube-dns", "coredns", "kube-system", "resolver", "resolvers", "nameserver", "nameservers", "server", "servers", "cache", "node-local", "nodelocaldns", "upstream") || p.is(i, "cluster") && p.is(i+1, "dns") ||
			t.kind == tLabel && strings.Contains(t.low, "dns") || t.kind == tCIDR || t.kind == tDomain {
			return true
		}
	}
	return false
}

// protoMark is a protocol the request said, at its words.
type protoMark struct {
	proto string
	m     *mark
}

// dnsProtocolWords say the protocols of the DNS port: "53 over TCP and
// UDP", "53/UDP", "UDP 53", "port 53 UDP/TCP".
var dnsProtocolWords = set("tcp", "udp", "sctp", "/tcp", "/udp", "udp/tcp", "tcp/udp")

// dnsProtocolsSaid is the protocols said of the DNS port, right after or
// before 53 or right after the DNS words at m ("DNS over UDP"), in their
// order; none when none is said. Their words are the DNS rule's.
func (p *parser) dnsProtocolsSaid(m *mark, patterns []valueV) []protoMark {
	// "DNS over UDP", "DNS lookups of *.example.com over UDP": after the
	// DNS words or the last name looked up.
	ends := map[int]bool{m.end - 1: true}
	for _, v := range patterns {
		if v.m != nil {
			ends[v.m.end-1] = true
		}
	}
	var out []protoMark
	add := func(k int, word string) {
		for _, pr := range strings.Split(strings.ToUpper(strings.Trim(word, "/")), "/") {
			if (pr == "TCP" || pr == "UDP" || pr == "SCTP") && !slices.ContainsFunc(out, func(x protoMark) bool { return x.proto == pr }) {
				out = append(out, protoMark{pr, &mark{k, k + 1, "dns-protocol"}})
			}
		}
		if !p.taken(k) {
			p.take(k, k+1, "dns-protocol")
		}
	}
	ours := func(k int) bool {
		return !p.taken(k) || p.claim[k] == "dns" || p.claim[k] == "dns-protocol" || p.claim[k] == "protocol" && p.protocol != nil && p.protocol.start <= k && k < p.protocol.end
	}
	joiners := func(k int) bool { return p.is(k, "over", "using", "via", "both", "and", "or", "/", ",", "port", "on") }
	for i, t := range p.toks {
		switch {
		case t.low == "53/udp" || t.low == "53/tcp":
			add(i, strings.TrimPrefix(t.low, "53"))
		case t.raw == "53" || ends[i] && !p.is(i, "53") && p.is(i+1, "over", "using", "via"):
			for k := i + 1; k < len(p.toks) && k <= i+5 && (dnsProtocolWords[p.word(k)] || joiners(k) && !p.is(k, "port", "on")); k++ {
				// "DNS and TCP 443": the protocol of another port.
				if next := p.tok(k + 1); next != nil && (next.kind == tNumber || next.kind == tRange || p.is(k+1, "port", "ports")) && next.raw != "53" {
					break
				}
				if dnsProtocolWords[p.word(k)] && ours(k) {
					add(k, p.word(k))
				}
			}
			if t.raw != "53" {
				continue
			}
			for k := i - 1; k >= 0 && k >= i-4 && (dnsProtocolWords[p.word(k)] || joiners(k) && !p.is(k, "over", "using", "via")); k-- {
				if dnsProtocolWords[p.word(k)] && ours(k) {
					add(k, p.word(k))
				}
			}
		}
	}
	if len(out) > 0 && p.protocol != nil && slices.ContainsFunc(out, func(x protoMark) bool { return p.protocol.start <= x.m.start && x.m.start < p.protocol.end }) {
		p.protocol, p.protocolNames = nil, nil
	}
	return out
}

// groupDoes reports whether the words after g say that g makes requests:
// "X can only do GET ...", "X may send GET ...".
func (p *parser) groupDoes(g *group) bool {
	k := g.eps[len(g.eps)-1].end
	if p.is(k, ")") {
		k++
	}
	if p.is(k, "can", "may", "should", "must", "will", "shall") {
		k++
	}
	if p.is(k, "only") {
		k++
	}
	return p.is(k, "do", "does", "send", "sends", "make", "makes", "issue", "issues", "perform", "performs", "call", "calls")
}

func hasFQDN(rules []ruleV) bool {
	for _, r := range rules {
		for _, p := range r.rule.Peers {
			if p.FQDN != "" {
				return true
			}
		}
	}
	return false
}
