package builtin

import (
	"regexp"
	"slices"
	"strings"

	"github.com/kunerva/kunerva/generator"
)

// notationRows (finder9, S2-S5, S8, S10, S13; finder 17, S5) are values written in a
// notation the rules read as another value: a port the connection leaves
// from read as the port reached, an IPv6 address with its port joined on,
// a named set of ports or DNS beside an address dropped (every port), a
// service word made a named port toward an address (which no named port
// can match), a protocol written once after a list of ports, "0.0.0.0"
// read as the one address 0.0.0.0/32. Each asks when the rules read it
// the wrong way; wordsUnmet reads them after unmetWordRows.
var notationRows = []unmetWordRow{
	// S2: "from 10.0.0.0/24 with source port 8080", "on local port 443":
	// the port the connection leaves from became the port reached. No
	// policy here holds a source port.
	{regexp.MustCompile(`\b(source|src|local|originating|sending|client-side) ports?\b`), hasNetwork,
		"a rule holds only the port of the pods (or address) reached, not the port the connection leaves from (source or local port): which port is reached? Say it after the peer reached (\"... to reach 10.0.0.0/24 on 443\"), or leave the source port out"},
	// S2: "allow ingress to app=web from 203.0.113.0/24 on remote port
	// 8080": the peer's own port, read as the pods' port.
	{regexp.MustCompile(`\bremote ports?\b`), func(all []*generator.Intent) bool {
		return anyNetworkRule(all, func(r generator.NetworkRule) bool { return r.Direction == generator.Ingress && len(r.Ports) > 0 })
	}, "for incoming traffic the remote port is the port the connection leaves from, which a rule cannot hold: which port of the pods is reached? Say \"allow ingress to app=web from 10.0.0.0/24 on 8080\""},
	// S3: "reach 2001:db8::5:8443": an IPv6 address with ":port" joined
	// on is still an address (2001:db8::5:8443/128, every port).
	{regexp.MustCompile(`(^|[\s(])[0-9a-f]*(:[0-9a-f]+)*::[0-9a-f]+:\d{2,5}($|[\s,;)]|\.(\s|$))`), hasNetwork,
		"is the IPv6 address written with a port after it (\"2001:db8::5:8443\" as the address 2001:db8::5 and port 8443)? Say \"to 2001:db8::5 on 8443\", or give the whole address with its prefix (\"2001:db8::5:8443/128\")"},
	// S4: "on the NodePort range", "only on NodePorts", "on the ephemeral
	// range": a named set of ports was dropped and every port allowed.
	{regexp.MustCompile(`\b(on|via|through|over|using|to|across) (the )?(nodeports?|node ports?|nodeport range|node port range|ephemeral (port )?range|ephemeral ports?)\b`), anyRuleWithoutPorts,
		"which ports are meant? Say them as numbers: \"on ports 30000-32767\" (the default NodePort range) or \"on ports 32768-60999\""},
	// S5: "to 10.0.0.0/24 for DNS", "on the DNS port", "use 8.8.8.8 as
	// their DNS server": the address got every port and kube-dns was
	// added.
	{regexp.MustCompile(`\b(for|on|over|via) (the )?dns( ports?| traffic| queries| lookups)?\b|\bas (their|its|the|a|our|an?) (dns )?(servers?|resolvers?|nameservers?)\b`), func(all []*generator.Intent) bool {
		return anyNetworkRule(all, func(r generator.NetworkRule) bool { return r.Verdict != generator.Deny && cidrWithoutPorts(r) })
	}, "is the address a DNS server the pods may query on port 53 only? Say \"allow app=web to reach 10.0.0.0/24 on 53/UDP and 53/TCP\", or leave DNS out"},
	// S8: "to 10.0.0.0/24 on port https", "reach mail.example.com on port
	// smtp", "on the SSH port": a named port resolves only on the pods'
	// containers; toward an address or a DNS name it matches nothing.
	{regexp.MustCompile(``), func(all []*generator.Intent) bool {
		return anyNetworkRule(all, func(r generator.NetworkRule) bool {
			return slices.ContainsFunc(r.Ports, func(p generator.Port) bool { return p.Name != "" }) && len(r.Peers) > 0 &&
				!slices.ContainsFunc(r.Peers, func(p generator.Peer) bool { return p.CIDR == "" && p.FQDN == "" && p.Entity != "world" })
		})
	}, "a port given by its name (\"https\", \"ssh\") is the name a pod's container gives it, and an address or DNS name outside the cluster has none: which port number is meant? Say \"on 443\""},
	// S10: "on 53,123/udp", "on 80 and 443 UDP": the protocol written
	// after the last port bound to it alone; the ports before it went TCP.
	// (listProtocol reads "53,5353/udp" as both UDP; "53,123" may also be
	// the one port 53123, and a range in the list is left as written.)
	{regexp.MustCompile(`\b\d+(-\d+)?(, ?\d+(-\d+)?)+/(tcp|udp|sctp)\b|\b\d+ (and|or|,) \d+ (udp|tcp|sctp)\b`), mixedProtocols,
		"does the protocol after the last port hold for every port of the list? Write it beside each port (\"on 53/UDP and 123/UDP\")"},
	// S13: "from 0.0.0.0 on 443": one address, 0.0.0.0/32, where the
	// writer most likely means any address.
	{regexp.MustCompile(`(^|[^\d.])0\.0\.0\.0($|[^\d./]|\.(\s|$))`), func(all []*generator.Intent) bool {
		return anyNetworkRule(all, func(r generator.NetworkRule) bool {
			return slices.ContainsFunc(r.Peers, func(p generator.Peer) bool { return p.CIDR == "0.0.0.0/32" })
		})
	}, "does \"0.0.0.0\" mean any address, or the one address 0.0.0.0? Say \"0.0.0.0/0\" for any address"},
	// S1, as S13: "from :: on 443" is the one address ::/128, where the
	// writer, as with 0.0.0.0, most likely means any IPv6 address.
	{regexp.MustCompile(`(^|[\s(,])::($|[\s),;]|\.(\s|$))`), func(all []*generator.Intent) bool {
		return anyNetworkRule(all, func(r generator.NetworkRule) bool {
			return slices.ContainsFunc(r.Peers, func(p generator.Peer) bool { return p.CIDR == "::/128" })
		})
	}, "does \"::\" mean any IPv6 address, or the one address ::? Say \"::/0\" for any IPv6 address"},
	// finder 17, S5: "ICMP type 8 to 2001:db8::/32", "ping 10.0.0.0/8 and
	// 2001:db8::/32": ICMP is IPv4's and ICMPv6 IPv6's, and a type of one
	// family reaches no address of the other.
	{regexp.MustCompile(``), icmpFamilyCrossed,
		"ICMP is IPv4's and ICMPv6 is IPv6's, and the rule's ICMP and its addresses are of different families: say the rule for each family (\"ICMP echo requests to 10.0.0.0/8\", \"ICMPv6 echo requests to 2001:db8::/32\")"},
}

// icmpFamilyCrossed tells whether a rule's ICMP is of one IP family and one
// of its addresses of the other.
func icmpFamilyCrossed(all []*generator.Intent) bool {
	return anyNetworkRule(all, func(r generator.NetworkRule) bool {
		return slices.ContainsFunc(r.Ports, func(port generator.Port) bool {
			v6 := port.Protocol == "ICMPv6"
			return (v6 || port.Protocol == "ICMP") && slices.ContainsFunc(r.Peers, func(p generator.Peer) bool { return p.CIDR != "" && strings.Contains(p.CIDR, ":") != v6 })
		})
	})
}

// anyRuleWithoutPorts tells whether an allow or deny rule names peers and
// no port (every port).
func anyRuleWithoutPorts(all []*generator.Intent) bool {
	return anyNetworkRule(all, func(r generator.NetworkRule) bool {
		return r.Verdict != generator.Isolate && len(r.Ports) == 0 && len(r.Peers) > 0
	})
}

// mixedProtocols tells whether one rule's ports are on two protocols.
func mixedProtocols(all []*generator.Intent) bool {
	return anyNetworkRule(all, func(r generator.NetworkRule) bool {
		return slices.ContainsFunc(r.Ports, func(p generator.Port) bool { return protocolOf(p) != protocolOf(r.Ports[0]) })
	})
}

// protocolOf is a port's protocol, TCP when none is written.
func protocolOf(p generator.Port) string {
	if p.Protocol == "" {
		return "TCP"
	}
	return p.Protocol
}
