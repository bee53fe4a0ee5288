package builtin

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/kunerva/kunerva/generator"
	"github.com/kunerva/kunerva/internal/tree"
)

// portWords name well-known ports by their service, as in "on the http
// port" or "port https": they stay names (a named container port).
var protocolWords = set("tcp", "udp", "sctp")

// ports claims port mentions: "on port 8443", "ports 80 and 443", "53/udp",
// "udp 53", "ports 8000 to 8100", "between 32000 and 32768", "TCP 3306 and
// 33060", "port 53 over UDP and TCP", "on the http port", "icmp echo",
// "ping", "ICMPv6 type 128".
func (p *parser) ports() []portV {
	var out []portV
	// "on any port", "on all ports": no port is named, every one is meant.
	for _, ph := range [][]string{{"on", "any", "port"}, {"on", "all", "ports"}, {"on", "every", "port"}, {"any", "port"}, {"all", "ports"}, {"to", "any", "port"}, {"to", "all", "ports"}} {
		for p.claimPhrase("any-port", ph...) != nil {
		}
	}
	// "on TCP port 9510, the port your service is listening on": the port
	// said again, by what it is.
	for i := range p.toks {
		if !p.is(i, ",", "-", "(") || !p.is(i+1, "the", "which", "that") || !p.is(i+2, "port", "one") || i == 0 || p.toks[i-1].kind != tNumber {
			continue
		}
		for k := i + 3; k < len(p.toks) && k <= i+8 && p.toks[k].kind == tWord; k++ {
			if p.is(k, "listening", "listens", "listen", "serves", "serving", "uses", "exposes", "runs", "running", "binds") {
				end := k + 1
				if p.is(end, "on", "at", "to") {
					end++
				}
				if end == len(p.toks) || p.toks[end].kind == tPunct {
					p.take(i+1, end, "port-described")
				}
				break
			}
		}
	}
	// "payments.stripe.com:443": the port written after a host name. Two
	// such hosts with different ports would need pairing, which the rules
	// do not do: the numbers are then left for a question.
	hostPort := ""
	for i, t := range p.toks {
		if t.kind == tNumber && !p.taken(i) && i > 0 && p.toks[i-1].kind == tDomain && p.toks[i-1].end+1 == t.start && p.request[t.start-1] == ':' {
			if hostPort != "" && hostPort != t.low {
				hostPort = "several"
				break
			}
			hostPort = t.low
		}
	}
	for i, t := range p.toks {
		if hostPort != "" && hostPort != "several" && t.kind == tNumber && !p.taken(i) && i > 0 && p.toks[i-1].kind == tDomain && p.toks[i-1].end+1 == t.start && p.request[t.start-1] == ':' {
			out = append(out, portV{port: generator.Port{Port: atoi(t.raw)}, origins: []generator.Origin{p.origin("port", p.take(i, i+1, "host-port"))}})
		}
	}
	// "api.stripe.com:443 + github.com": a port after one host name and
	// none after another is asked about (hostPortUneven).
	p.portCount()
	p.portMove()
	p.sourcePort()
	// "protocol & port TCP 8080": the word before the protocol.
	for i := range p.toks {
		if p.is(i, "port", "ports") && !p.taken(i) && protocolWords[p.word(i+1)] && p.tok(i+2) != nil && p.toks[i+2].kind == tNumber {
			p.take(i, i+1, "port-word")
		}
	}
	for i := 0; i < len(p.toks); i++ {
		if p.taken(i) {
			continue
		}
		t := p.toks[i]
		switch {
		case t.low == "icmp" || t.low == "ping" || t.low == "pings" || t.low == "icmpv4" || t.low == "icmpv6" || t.low == "pinging" || t.low == "echo" && p.is(i+1, "request", "requests", "reply", "replies"):
			if p.systemRequest {
				continue
			}
			ports, next := p.icmp(i)
			// "ping the frontend pods, ICMP echo": the same packet said
			// again is one port.
			for _, v := range ports {
				if !slices.ContainsFunc(out, func(o portV) bool { return sameICMP(o.port, v.port) }) {
					out = append(out, v)
				}
			}
			i = next - 1
		case protocolWords[t.low] || t.low == "tcp/udp" || t.low == "udp/tcp":
			if p.systemRequest {
				continue
			}
			protos := p.protocolList(i)
			k := i + protos.n
			if p.is(k, "port", "ports") {
				k++
			}
			if tk := p.tok(k); tk != nil && (tk.kind == tNumber || tk.kind == tRange) {
				protos.m = p.take(i, k, "protocol")
				ports, next := p.portList(k, protos)
				out = append(out, ports...)
				i = next - 1
				continue
			}
			// "8443 over tcp" is the number's; a bare "udp" names the protocol of the ports around it.
			p.protocol = p.take(i, i+protos.n, "protocol")
			p.protocolNames = protos.names
			i += protos.n - 1
		case t.low == "port" || t.low == "ports":
			k := i + 1
			for p.is(k, "number", "numbers", "range", "ranges", "numbered") {
				k++
			}
			if p.is(k, "between", "from", "named", "called") {
				k++
			}
			if tk := p.tok(k); tk != nil && (tk.kind == tNumber || tk.kind == tRange || tk.kind == tPortProto || tk.kind == tWord && p.portName(k)) {
				p.take(i, k, "port-word")
				if p.is(i-1, "named") {
					p.take(i-1, i, "port-word") // "the named port serve-80-tcp"
				}
				// "on the checkout service's port 80": whose port it is.
				if t := p.tok(i - 1); t != nil && t.possessive && p.is(i-1, "service", "pod", "app", "deployment", "container", "server") {
					p.take(i-1, i, "port-word")
				}
				ports, next := p.portList(k, protoList{})
				out = append(out, ports...)
				i = next - 1
			}
		case t.low == "between" && p.tok(i+1) != nil && p.toks[i+1].kind == tNumber && p.is(i+2, "and") && p.tok(i+3) != nil && p.toks[i+3].kind == tNumber && p.is(i-1, "ports", "port", "on"):
			// handled with "ports between"
		case t.kind == tNumber || t.kind == tRange || t.kind == tPortProto:
			// A number after "on"/"to" or before "port" is a port; one after
			// "and", "or" or "plus" adds to the ports before it ("on port
			// 53 over UDP and TCP, plus 5432 and 6379").
			// "over HTTPS (443)": the number says which port the service word means.
			// "the RabbitMQ management console (15672)": the number alone
			// in brackets after a noun of what a port serves (portServedNouns)
			// says which port it is on, as "over HTTPS (443)" does; a small
			// one ("the console (2)") may count or mark a note, and is asked.
			if t.kind == tNumber && p.is(i-1, "(") && p.is(i+1, ")") && (p.portName(i-2) || protocolWords[p.word(i-2)] || portServedNouns[p.word(i-2)] && atoi(t.raw) >= 80) && !p.taken(i-2) {
				p.take(i-2, i-1, "port-word")
				ports, next := p.portList(i, protoList{})
				out = append(out, ports...)
				i = next - 1
				continue
			}
			// "outbound http/https (80 and 443)": the numbers in brackets
			// say which ports the service words before them mean.
			if t.kind == tNumber && p.is(i-1, "(") && (p.portName(i-2) || protocolWords[p.word(i-2)]) && !p.taken(i-2) {
				if ports, next := p.portList(i, protoList{}); len(ports) > 1 && p.is(next, ")") {
					k := i - 2
					for p.is(k-1, "/", "and", ",", "or") && (p.portName(k-2) || protocolWords[p.word(k-2)]) && !p.taken(k-2) {
						k -= 2
					}
					p.take(k, i-1, "port-word")
					out = append(out, ports...)
					i = next - 1
					continue
				}
			}
			// "on every TCP port except 23": the port left out is a port.
			exceptPort := p.is(i-1, "except", "but") && (p.is(i-2, "port", "ports") || p.is(i-3, "port", "ports") && protocolWords[p.word(i-2)])
			// "allow 6379 from the media namespace", "permit 8080 to the
			// api pods": a number a verb of allowing lets through, where
			// the peers follow, is a port.
			// "allow 5432 and 8000 from pods in the same namespace": a list
			// of them, the peers after the list.
			allowedPort := p.is(i-1, "allow", "allows", "allowing", "permit", "permits", "permitting") && (p.is(i+1, "from", "to", "into", "only") || p.portListBefore(i, "from", "to", "into", "only"))
			// "the postgres pods (app=postgres) take 5432 from linkding",
			// "dragonfly pods take 6379 and 6380 from any pod in harbor": a
			// number the pods take, the peers it comes from after it, is
			// the port they take it on, as with "accept 5432".
			takenPort := p.is(i-1, "take", "takes", "taking") && (p.is(i+1, "from") || p.portListBefore(i, "from"))
			if exceptPort || allowedPort || takenPort || p.is(i-1, "on", "at", "over", "via", ":", "receive", "accept", "expose", "open", "exposes", "opens", "accepts", "receives", "listening", "listens", "scrape", "scrapes", "scraping") || p.is(i+1, "port", "ports", "/tcp", "/udp") || t.kind != tNumber || p.is(i-1, "and", ",", "or", "plus") && len(out) > 0 {
				if t.kind == tNumber && p.is(i-1, "type", "types", "code") {
					continue
				}
				ports, next := p.portList(i, protoList{})
				out = append(out, ports...)
				i = next - 1
				if p.is(i+1, "port", "ports") {
					p.take(i+1, i+2, "port-word")
					i++
				}
			}
		case t.kind == tWord && p.portName(i) && p.is(i-1, "on", "over", "via") && p.is(i+1, ",", "(") && p.is(i+2, "port") && p.tok(i+3) != nil && p.toks[i+3].kind == tNumber:
			// "on SMTPS, port 465": the number says which port the name means.
			p.take(i, i+3, "port-word")
			ports, next := p.portList(i+3, protoList{})
			out = append(out, ports...)
			i = next - 1
		case t.kind == tWord && p.is(i+1, "port", "ports") && p.portName(i) && p.is(i-1, "the", "its", "their", "on", "a", "his", "her"):
			// "on the http port"; "on their metrics port, 9102", "its postgres
			// port 5432": the number says it again.
			p.take(i+1, i+2, "port-word")
			if k := i + 1; p.tok(k+1) != nil && p.toks[k+1].kind == tNumber {
				m := p.take(i, k+2, "port")
				out = append(out, portV{port: generator.Port{Port: atoi(p.toks[k+1].raw)}, origins: []generator.Origin{p.origin("port", m)}})
				i = k + 1
				continue
			}
			if k := i + 2; p.is(k, ",", "(", "-") && p.tok(k+1) != nil && p.toks[k+1].kind == tNumber {
				m := p.take(i, k+2, "port")
				if p.is(k+2, ")") {
					p.take(k+2, k+3, "port")
				}
				out = append(out, portV{port: generator.Port{Port: atoi(p.toks[k+1].raw)}, origins: []generator.Origin{p.origin("port", m)}})
				i = k + 1
				continue
			}
			if p.is(i+1, "ports") && !p.treePortName(t.low) && p.podPortAsk == "" {
				// "on the postgres ports": a service's ports, several, not
				// the one port a container declares by that name (read as
				// the named port postgres, which no pod said it has).
				p.podPortAsk = fmt.Sprintf("\"%s %s ports\" are the ports %s uses, not a port the pods declare by that name: which port number is meant? Say it as a number (\"on port 5432\")", p.word(i-1), t.low, t.low)
			}
			out = append(out, portV{port: generator.Port{Name: t.low}, origins: []generator.Origin{p.origin("name", p.take(i, i+1, "port-name"))}})
			i++
		}
	}
	if p.protocol != nil && len(out) > 0 && !slices.ContainsFunc(out, func(v portV) bool { return v.port.Protocol == "" }) {
		// "outbound UDP to anywhere, plus outbound TCP 3478": every port
		// has its own protocol, so the protocol said apart is of no port.
		for _, name := range p.protocolNames {
			if !slices.ContainsFunc(out, func(v portV) bool { return v.port.Protocol == name }) {
				p.protocolLost = append(p.protocolLost, name)
			}
		}
	}
	if p.protocol != nil {
		for n := range out {
			if out[n].port.Protocol == "" {
				out[n].port.Protocol = p.protocolNames[0]
				out[n].origins = append(out[n].origins, p.origin("protocol", p.protocol))
				// "udp and tcp on 53": the second protocol is a second port.
				for _, extra := range p.protocolNames[1:] {
					second := out[n]
					second.port.Protocol = extra
					out = append(out, second)
				}
			}
		}
	}
	for n := range out {
		if out[n].port.Protocol == "" {
			out[n].port.Protocol = "TCP"
			out[n].origins = append(out[n].origins, defaultOrigin("protocol", "tcp"))
		}
	}
	return out
}

// portCount reads a count before a list of ports: "on 2 ports: 5432 and
// 5433", "on these 2 ports: 5432, 5433", "on 1 port: 5432" (finder W8),
// which was read as one more port (2/TCP, 1/TCP). Where the count is the
// number of ports listed after it, it is claimed as such; where it is
// not ("on 3 ports: 5432 and 5433"), the engine asks which ports
// (countedPortsAsk).
func (p *parser) portCount() {
	for i := 0; i+3 < len(p.toks); i++ {
		// A count is small and on the same line as its noun: "on 5432\nport
		// 5433 is for replication" is a port, then a remark.
		if p.toks[i].kind != tNumber || p.taken(i) || !p.is(i+1, "port", "ports") || p.tok(i+3) == nil || atoi(p.toks[i].raw) > 16 ||
			strings.Contains(p.request[p.toks[i].end:p.toks[i+1].start], "\n") {
			continue
		}
		k := i + 2
		if p.is(k, ":") {
			k++
		}
		if p.toks[k].kind != tNumber {
			continue
		}
		listed := 1
		for p.is(k+1, ",", "and", "or") && p.tok(k+2) != nil && p.toks[k+2].kind == tNumber ||
			p.is(k+1, ",") && p.is(k+2, "and", "or") && p.tok(k+3) != nil && p.toks[k+3].kind == tNumber {
			if p.is(k+2, "and", "or") {
				k++
			}
			k += 2
			listed++
		}
		if atoi(p.toks[i].raw) != listed {
			p.countedPortsAsk = fmt.Sprintf("%q counts %s ports, but %d are listed after it: which ports? Say them without the count", p.text(i, k+1), p.toks[i].raw, listed)
			continue
		}
		// "2 ports: 5432 and 5433": the count and its noun; "2 ports 5432
		// and 5433": the count, the noun being the list's own.
		if p.is(i+2, ":") {
			p.take(i, i+2, "port-count")
		} else {
			p.take(i, i+1, "port-count")
		}
	}
}

// portName reports whether the word at i names a port: a service name such
// as http, https, grpc, metrics, or a word the tree knows as a port name.
func (p *parser) portName(i int) bool {
	t := p.tok(i)
	if t == nil || t.kind != tWord {
		return false
	}
	// "the named port serve-80-tcp", "a port named metrics", "the rtmp
	// named port": said to be one ("the srt named port over TCP": "over"
	// is no name).
	if (p.is(i-1, "port") && p.is(i-2, "named") || p.is(i-1, "named", "called") && p.is(i-2, "port", "ports") || p.is(i+1, "named") && p.is(i+2, "port", "ports")) &&
		svcName(t.low) && !prepositions[t.low] && !fillerWords[t.low] && !determiners[t.low] && !protocolWords[t.low] {
		return true
	}
	switch t.low {
	case "http", "https", "grpc", "dns", "metrics", "web", "ssh", "postgres", "postgresql", "mysql", "redis", "http-alt", "https-alt", "smtp", "ldap", "ldaps", "amqp", "mqtt", "kafka", "http2", "h2c", "admin", "health", "healthz", "prometheus", "smtps", "imaps":
		return true
	}
	return p.treePortName(t.low)
}

// treePortName reports whether a container port of a workload in the tree
// is named name.
func (p *parser) treePortName(name string) bool {
	if p.tree == nil {
		return false
	}
	for _, w := range p.tree.Workloads {
		if slices.ContainsFunc(w.Ports, func(cp tree.ContainerPort) bool { return cp.Name == name }) {
			return true
		}
	}
	return false
}

// svcName reports whether s can name a container port (an IANA service
// name): at most 15 lowercase letters, digits and single inner hyphens, with
// at least one letter.
func svcName(s string) bool {
	if s == "" || len(s) > 15 || s[0] == '-' || s[len(s)-1] == '-' || strings.Contains(s, "--") || !strings.ContainsAny(s, "abcdefghijklmnopqrstuvwxyz") {
		return false
	}
	return strings.Trim(s, "abcdefghijklmnopqrstuvwxyz0123456789-") == ""
}

// protoList is one or more protocols named together: "tcp", "udp and tcp", "TCP/UDP".
type protoList struct {
	names []string
	n     int   // tokens read
	m     *mark // where they were read, once claimed
}

func (p *parser) protocolList(i int) protoList {
	var l protoList
	k := i
	for {
		w := p.word(k)
		switch {
		case protocolWords[w]:
			l.names = append(l.names, strings.ToUpper(w))
		case w == "tcp/udp" || w == "udp/tcp":
			a, b, _ := strings.Cut(w, "/")
			l.names = append(l.names, strings.ToUpper(a), strings.ToUpper(b))
		default:
			l.n = k - i
			if l.n > 0 && p.is(k-1, "and", "or", ",", "both") {
				l.n--
			}
			return l
		}
		k++
		if p.is(k, "and", "or", ",", "/") && (protocolWords[p.word(k+1)]) {
			k++
		}
	}
}

// icmp reads "icmp", "ping", "icmp echo", "ICMP type 0 and type 3",
// "ICMPv6 type 128", "IPv6 ping (echo request, type 128)".
func (p *parser) icmp(i int) ([]portV, int) {
	proto := "ICMP"
	if p.is(i, "icmpv6") || p.is(i-1, "ipv6") || p.is(i-2, "ipv6") {
		proto = "ICMPv6"
		if p.is(i-1, "ipv6") {
			p.take(i-1, i, "icmp")
		}
	} else if p.is(i, "ping", "pings", "pinging", "echo") {
		proto = p.pingFamily()
	}
	m := p.take(i, i+1, "icmp")
	echo := func() *int {
		n := 8
		if proto == "ICMPv6" {
			n = 128
		}
		return &n
	}
	var out []portV
	k := i + 1
	switch {
	case p.is(i, "ping", "pings", "pinging") || p.is(k, "echo", "ping", "pings") || p.is(i, "echo"):
		for p.is(k, "echo", "request", "requests", "ping", "pings", "(", ",") && !p.taken(k) {
			k++
		}
		// "ICMP echo reply", "echo replies": the answer to a ping, type 0
		// (ICMPv6 129). "echo request and reply" leaves "reply" to a
		// question.
		if p.is(k, "reply", "replies") && !p.is(k-1, "request", "requests") && p.is(i, "echo", "icmp", "icmpv4", "icmpv6") && (p.is(i, "echo") || p.is(i+1, "echo")) {
			n := 0
			if proto == "ICMPv6" {
				n = 129
			}
			k++
			v := portV{port: generator.Port{Protocol: proto, ICMPType: &n}}
			v.origins = append(v.origins, p.origin("protocol", m), p.origin("icmpType", p.take(i, k, "icmp-echo-reply")))
			return append(out, v), k
		}
		v := portV{port: generator.Port{Protocol: proto, ICMPType: echo()}}
		v.origins = append(v.origins, p.origin("protocol", m), p.origin("icmpType", p.take(i, k, "icmp-echo")))
		// "(echo request, type 128)", "ping requests (ICMP type 8)": the
		// type said again.
		t := k
		if p.is(t, "icmp", "icmpv6") {
			t++
		}
		if p.is(t, "type") && p.tok(t+1) != nil && p.toks[t+1].kind == tNumber && p.toks[t+1].raw == strconv.Itoa(*v.port.ICMPType) {
			p.take(k, t+2, "icmp-type")
			k = t + 2
		}
		if p.is(k, ")") {
			k++
		}
		return append(out, v), k
	case p.is(k, "type", "types") && p.tok(k+1) != nil && p.toks[k+1].kind == tNumber:
		for p.is(k, "type", "types") || p.is(k, "and", ",", "or") && (p.is(k+1, "type") || p.tok(k+1) != nil && p.toks[k+1].kind == tNumber) {
			k++
			if p.is(k, "type") {
				k++
			}
			if t := p.tok(k); t != nil && t.kind == tNumber {
				n, _ := strconv.Atoi(t.raw)
				v := portV{port: generator.Port{Protocol: proto, ICMPType: &n}}
				v.origins = append(v.origins, p.origin("protocol", m), p.origin("icmpType", p.take(k, k+1, "icmp-type")))
				out = append(out, v)
				k++
			}
		}
		p.take(i, k, "icmp")
		return out, k
	}
	v := portV{port: generator.Port{Protocol: proto}}
	v.origins = append(v.origins, p.origin("protocol", m))
	return append(out, v), k
}

// pingFamily is the protocol of a ping or an echo request whose family no
// word says: ICMPv6 when every address of the clause is IPv6 ("may ping
// fd00::/8": the IPv4 echo, type 8, reached no IPv6 address; finder 17,
// S5), else ICMP. A word of IPv4 or ICMP leaves it to the words, and
// icmpFamilyCrossed asks when they and the addresses disagree.
func (p *parser) pingFamily() string {
	v6 := false
	for _, t := range p.toks {
		switch {
		case t.kind == tCIDR && !strings.Contains(t.raw, ":"), t.low == "ipv4" || t.low == "icmp" || t.low == "icmpv4" || t.low == "v4":
			return "ICMP"
		case t.kind == tCIDR:
			v6 = true
		}
	}
	if v6 {
		return "ICMPv6"
	}
	return "ICMP"
}

// moveWords say that a rule's port changes from one to another: "moving
// from port 80 to 443", "shift the allowed port from 80 to 443", "changed
// from port 80 to port 443".
var moveWords = set("move", "moves", "moved", "moving", "shift", "shifts", "shifted", "shifting", "migrate", "migrates", "migrated", "migrating",
	"change", "changes", "changed", "changing", "switch", "switches", "switched", "switching", "swap", "swapped", "swapping", "update", "updated", "updating", "bump", "bumped", "go", "goes", "going", "went", "transition", "transitioning", "repoint", "repointed", "flip", "flipped", "replace", "replaced", "replacing")

// portMove finds a port moved to another, "from 80 to 443" after a word
// of moveWords in the same clause: "moving from port 80 to 443" was read
// as the range 80-443 and "changed from port 80 to port 443" as both
// ports, where the words allow 443 alone, or mean to keep 80 for a while.
// The engine asks which ports the rule allows (portMoveAsk).
func (p *parser) portMove() {
	for i, t := range p.toks {
		if t.kind != tNumber || p.taken(i) {
			continue
		}
		f := i - 1
		if p.is(f, "port", "ports") {
			f--
		}
		k := i + 1
		if !p.is(f, "from") || !p.is(k, "to", "->", "into") {
			continue
		}
		if p.is(k+1, "port") {
			k++
		}
		if p.tok(k+1) == nil || p.toks[k+1].kind != tNumber {
			continue
		}
		for m := f - 1; m >= max(0, f-8) && p.toks[m].kind != tPunct; m-- {
			if moveWords[p.word(m)] {
				p.portMoveAsk = fmt.Sprintf("which ports does %q leave the rule? Say the ports it allows now (\"on %s\", or \"on %s and %s\" while both are in use)", p.text(m, k+2), p.toks[k+1].raw, p.toks[k+1].raw, t.raw)
				return
			}
		}
	}
}

// sourcePort finds "from port N" beside another port: "reach app=db on
// 5432 from port 1024", "reach app=web from port 80 to port 443". The port
// after "from" was made a port of the pods reached, where it may be the
// port the connection leaves from, which no policy here holds. The engine
// asks (sourcePortAsk). "from ports 8000 to 8100" and "from 8000 to 8100"
// stay ranges. After a peer ("from 203.0.113.0/24 from port 53", "to
// 192.168.1.5 from port 443", finder9 S2) it asks too: the peer is said,
// and the port is the one its connection (or the pods') leaves from.
func (p *parser) sourcePort() {
	for i, t := range p.toks {
		if t.kind != tNumber || !p.is(i-1, "port") || !p.is(i-2, "from") {
			continue
		}
		rangeEnd := p.is(i+1, "to", "through", "thru", "until", "till", "-") && p.tok(i+2) != nil && p.toks[i+2].kind == tNumber
		if rangeEnd {
			continue
		}
		afterPeer := i >= 3 && (p.toks[i-3].kind == tCIDR || p.toks[i-3].kind == tDomain || p.is(i-3, "originating"))
		for k, u := range p.toks {
			if afterPeer || k != i && (u.kind == tNumber || u.kind == tRange || u.kind == tPortProto) {
				p.sourcePortAsk = fmt.Sprintf("is %q the port the connection leaves from, or a port of the pods reached? A rule holds only the ports of the pods reached: say them after those pods (\"... to reach app=db on 5432\")", p.text(i-2, i+1))
				return
			}
		}
	}
}

// portListBefore reports whether the bare numbers from i, two or more
// joined by commas, "and" or "or", end just before one of words: "5432 and
// 8000 from ...".
func (p *parser) portListBefore(i int, words ...string) bool {
	k, n := i, 0
	for p.tok(k) != nil && p.toks[k].kind == tNumber && !p.taken(k) {
		n++
		k++
		if !p.is(k, ",", "and", "or") || p.tok(k+1) == nil || p.toks[k+1].kind != tNumber {
			break
		}
		k++
	}
	return n > 1 && p.is(k, words...)
}

// portList parses "80, 443 and 8080", "8000 to 8100", "8000-8100",
// "between 32000 and 32768", "53/udp", "http".
func (p *parser) portList(i int, protos protoList) ([]portV, int) {
	var out []portV
	j := i
	for j < len(p.toks) && !p.taken(j) {
		t := p.toks[j]
		var v portV
		start := j
		switch t.kind {
		case tNumber:
			v.port.Port = atoi(t.raw)
			v.origins = append(v.origins, p.origin("port", p.take(j, j+1, "port")))
			if (p.is(j+1, "to", "through", "thru", "until", "till", "-") || p.is(j+1, "and") && p.is(start-1, "between")) && p.tok(j+2) != nil && p.toks[j+2].kind == tNumber {
				v.port.EndPort = atoi(p.toks[j+2].raw)
				v.origins = append(v.origins, p.origin("endPort", p.take(j+1, j+3, "port-range")))
				j += 2
			}
		case tRange:
			a, b, _ := strings.Cut(t.raw, "-")
			v.port.Port, v.port.EndPort = atoi(a), atoi(b)
			m := p.take(j, j+1, "port-range")
			v.origins = append(v.origins, p.origin("port", m), p.origin("endPort", m))
		case tPortProto:
			n, pr, _ := strings.Cut(t.low, "/")
			a, b, isRange := strings.Cut(n, "-")
			m := p.take(j, j+1, "port")
			v.port.Port, v.port.Protocol = atoi(a), strings.ToUpper(pr)
			v.origins = append(v.origins, p.origin("port", m), p.origin("protocol", m))
			if isRange {
				v.port.EndPort = atoi(b)
				v.origins = append(v.origins, p.origin("endPort", m))
			}
		case tWord:
			if !p.portName(j) || len(out) > 0 {
				return out, j
			}
			v.port.Name = t.low
			v.origins = append(v.origins, p.origin("name", p.take(j, j+1, "port-name")))
		default:
			return out, j
		}
		if p.is(start-1, "between") {
			p.take(start-1, start, "port-range")
		}
		// "53 udp", "5432/tcp", "80 (tcp)", "53 tcp and udp"
		var also []string
		if v.port.Protocol == "" && p.is(j+1, "tcp", "udp", "sctp") && !(p.tok(j+2) != nil && p.toks[j+2].kind == tNumber) {
			l := p.protocolList(j + 1)
			v.port.Protocol, also = l.names[0], l.names[1:]
			v.origins = append(v.origins, p.origin("protocol", p.take(j+1, j+1+l.n, "protocol")))
			j += l.n
		}
		// "TCP and UDP port 53": every protocol said before the ports.
		if v.port.Protocol == "" && len(protos.names) > 0 {
			v.port.Protocol, also = protos.names[0], protos.names[1:]
			v.origins = append(v.origins, p.origin("protocol", protos.m))
		}
		out = append(out, v)
		for _, x := range also {
			second := v
			second.port.Protocol = x
			out = append(out, second)
		}
		j++
		// "53 over both udp and tcp", "port 53 over UDP and TCP", "53 (tcp and udp)": one port, two protocols.
		if k := j; p.is(k, "over", "via", "on", "using", "(", "for") {
			k++
			if p.is(k, "both", "either") {
				k++
			}
			if l := p.protocolList(k); len(l.names) > 0 {
				pm := p.take(j, k+l.n, "protocol")
				// "80 and 443 over udp": the protocol of every port of the
				// list that names none; "80/tcp and 53 over udp" keeps tcp.
				var rest []portV
				for n, pv := range out {
					if pv.port.Protocol != "" && n < len(out)-1 {
						rest = append(rest, pv)
						continue
					}
					for _, name := range l.names {
						x := pv
						x.port.Protocol = name
						x.origins = append(withoutField(slices.Clone(pv.origins), "protocol"), p.origin("protocol", pm))
						rest = append(rest, x)
					}
				}
				out = rest
				j = k + l.n
				if p.is(j, ")") {
					j++
				}
			}
		}
		if p.is(j, ",", "and", "or", "&", "/") && p.tok(j+1) != nil && (p.toks[j+1].kind == tNumber || p.toks[j+1].kind == tRange || p.toks[j+1].kind == tPortProto) {
			p.take(j, j+1, "list")
			j++
		} else if p.is(j, "as") && p.is(j+1, "well") && p.is(j+2, "as") && p.tok(j+3) != nil && p.toks[j+3].kind == tNumber {
			p.take(j, j+3, "list")
			j += 3
		}
	}
	return out, j
}

// withoutField drops the origins of field.
func withoutField(origins []generator.Origin, field string) []generator.Origin {
	var out []generator.Origin
	for _, o := range origins {
		if o.Field != field {
			out = append(out, o)
		}
	}
	return out
}

func atoi(s string) int {
	n, err := strconv.Atoi(s)
	if err != nil || n > 1<<20 {
		return 1 << 20 // out of range, and reported as such by validation
	}
	return n
}

// containerPorts translates Service ports into the container ports behind them:
// policies match the pod's port, not the Service's.
func (p *parser) containerPorts(ports []portV, dir generator.Direction, subject generator.Subject, peers []generator.Peer) []portV {
	if p.tree == nil {
		return ports
	}
	var targets []tree.Workload
	switch {
	case dir == generator.Ingress && subject.Pods != nil:
		targets = p.workloadsFor(subject.Namespace, subject.Pods.MatchLabels)
	case dir == generator.Egress:
		for _, peer := range peers {
			if peer.Pods != nil {
				ns := peer.Namespace
				if ns == "" {
					ns = subject.Namespace
				}
				targets = append(targets, p.workloadsFor(ns, peer.Pods.MatchLabels)...)
			}
		}
	}
	if len(targets) == 0 {
		return ports
	}
	for _, v := range ports {
		if q := namedPortMissing(v, targets); q != "" && p.podPortAsk == "" {
			p.podPortAsk = q
		}
	}
	out := slices.Clone(ports)
	for n, v := range out {
		port := v.port
		if port.Port == 0 || port.EndPort != 0 || exposes(targets, port.Port) {
			continue
		}
		for _, w := range targets {
			for _, svc := range p.tree.ServicesSelecting(w) {
				for _, sp := range svc.Ports {
					if int(sp.Port) != port.Port {
						continue
					}
					if target := containerPortFor(w, sp.TargetPort); target != 0 {
						if why := p.podPortSaid(v, target); why != "" && p.podPortAsk == "" {
							p.podPortAsk = fmt.Sprintf("port %d is the %s Service's port, and the pods behind it listen on %d, but %s: which port of the pods does the rule mean? Say it (\"on port %d\")", port.Port, svc.Name, target, why, target)
						}
						out[n].port.Port = target
						note := fmt.Sprintf("port %d is the %s Service's port; the policy uses the container port %d behind it", port.Port, svc.Name, target)
						out[n].origins = append(withoutField(v.origins, "port"), treeOrigin("port", note))
						p.notes = append(p.notes, note)
					}
				}
			}
		}
	}
	return out
}

// namedPortMissing asks about a named port that no container of the
// pods reached declares, where each of them declares its ports in the
// tree: "allow checkout to reach payments on the grpc port", where
// payments has https and metrics. The policy would name a port the pods
// do not have, isolating them and admitting nothing.
func namedPortMissing(v portV, targets []tree.Workload) string {
	if v.port.Name == "" {
		return ""
	}
	var names []string
	for _, w := range targets {
		if len(w.Ports) == 0 {
			return ""
		}
		for _, cp := range w.Ports {
			if cp.Name == v.port.Name {
				return ""
			}
			if cp.Name != "" && !slices.Contains(names, cp.Name) {
				names = append(names, cp.Name)
			}
		}
	}
	have := "no named ports"
	if len(names) > 0 {
		have = "the named ports " + strings.Join(names, ", ")
	}
	return fmt.Sprintf("the pods reached have no port named %s in the tree (they have %s): which port does the rule mean? Say its name or number", v.port.Name, have)
}

// podPortNouns, before "port", say the port is the pods' own: "on
// container port 80", "on pod port 80".
var podPortNouns = set("container", "containers", "pod", "pods")

// podPortSaid tells what words say that port v is the pods' own port, not
// the Service's, or that the container port behind it is excluded:
// "container port 80", "pod port 80", "port 80 of the pods", "on 80
// directly", "on 443, not 8443". The Service mapping would replace the
// port the words name with the one behind the Service (8080, or the 8443
// said not to be allowed), so containerPorts asks instead (podPortAsk).
func (p *parser) podPortSaid(v portV, target int) string {
	at := p.saidAt(v.origins)
	if at < 0 {
		return ""
	}
	switch {
	case p.is(at-1, "port", "ports") && podPortNouns[p.word(at-2)]:
		return fmt.Sprintf("%q names the pods' port", p.text(at-2, at+1))
	case p.is(at+1, "of", "on") && (podPortNouns[p.word(at+2)] || determiners[p.word(at+2)] && podPortNouns[p.word(at+3)]):
		return fmt.Sprintf("%q names the pods' port", p.text(at, min(at+4, len(p.toks))))
	case p.has("directly", "direct"):
		return "the request says the pods are reached directly"
	}
	for k, t := range p.toks {
		if t.kind == tNumber && atoi(t.raw) == target && k != at && (negationWords[p.word(k-1)] || p.is(k-1, "except", "excluding", "without") || p.is(k-1, "port") && negationWords[p.word(k-2)]) {
			return fmt.Sprintf("the request says %q", p.text(k-1, k+1))
		}
	}
	return ""
}

// serverPort is the one port the HTTP server's pods declare in the tree,
// for HTTP rules said without one: "only the checkout deployment may call
// the cart service, and only GET on /api/cart/*", where cart's containers
// declare 8080 alone. The server is the subject for ingress and the peers
// for egress; with no tree, no such workload, or several ports, there is
// none.
func (p *parser) serverPort(dir generator.Direction, subject generator.Subject, peers []generator.Peer) (portV, bool) {
	if p.tree == nil {
		return portV{}, false
	}
	var targets []tree.Workload
	switch {
	case dir == generator.Ingress && subject.Pods != nil:
		targets = p.workloadsFor(subject.Namespace, subject.Pods.MatchLabels)
	case dir == generator.Egress && len(peers) > 0:
		for _, peer := range peers {
			ns := peer.Namespace
			if ns == "" {
				ns = subject.Namespace
			}
			if peer.Pods == nil || peer.Namespaces != nil {
				return portV{}, false
			}
			targets = append(targets, p.workloadsFor(ns, peer.Pods.MatchLabels)...)
		}
	}
	var found *tree.ContainerPort
	var owner tree.Workload
	for _, w := range targets {
		if len(w.Ports) != 1 || w.Ports[0].Protocol != "TCP" || found != nil && found.Port != w.Ports[0].Port {
			return portV{}, false
		}
		found, owner = &w.Ports[0], w
	}
	if found == nil {
		return portV{}, false
	}
	fact := fmt.Sprintf("%s %s/%s declares the one container port %d, where its HTTP server listens", owner.Kind, owner.Namespace, owner.Name, found.Port)
	return portV{port: generator.Port{Port: int(found.Port), Protocol: "TCP"}, origins: []generator.Origin{treeOrigin("port", fact), defaultOrigin("protocol", "tcp")}}, true
}

func (p *parser) workloadsFor(ns string, labels map[string]string) []tree.Workload {
	var out []tree.Workload
	for _, w := range p.tree.Workloads {
		if w.Namespace == ns && len(labels) > 0 && subset(labels, w.PodLabels) {
			out = append(out, w)
		}
	}
	return out
}

func subset(a, b map[string]string) bool {
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

func exposes(ws []tree.Workload, port int) bool {
	for _, w := range ws {
		for _, cp := range w.Ports {
			if int(cp.Port) == port {
				return true
			}
		}
	}
	return false
}

func containerPortFor(w tree.Workload, target string) int {
	if n, err := strconv.Atoi(target); err == nil {
		return n
	}
	for _, cp := range w.Ports {
		if cp.Name == target {
			return int(cp.Port)
		}
	}
	return 0
}

// sameICMP reports whether two ports are the same ICMP packet type.
func sameICMP(a, b generator.Port) bool {
	return a.Protocol == b.Protocol && strings.HasPrefix(a.Protocol, "ICMP") && a.ICMPType != nil && b.ICMPType != nil && *a.ICMPType == *b.ICMPType
}

// hostPortUneven asks when a port is written after one host name and none
// after another ("api.stripe.com:443 + github.com"): whether the port is
// for both, or the second is reached on every port, the words do not say.
func (p *parser) hostPortUneven() string {
	withPort, without := -1, -1
	for i, t := range p.toks {
		if t.kind != tDomain || p.claim[i] == "dns-pattern" {
			continue
		}
		if p.claim[min(i+1, len(p.toks)-1)] == "host-port" && i+1 < len(p.toks) {
			withPort = i
		} else if without < 0 {
			without = i
		}
	}
	if withPort < 0 || without < 0 {
		return ""
	}
	return fmt.Sprintf("which port is %s reached on: %s too, or every port? Write the port after each name (\"%s:%s\")", p.toks[without].raw, p.toks[withPort+1].raw, p.toks[without].raw, p.toks[withPort+1].raw)
}

// portServedNouns name what a port of the pods serves to its callers; a
// lone number in brackets after one ("may reach the RabbitMQ management
// console (15672) on the rabbitmq pods") is the port it is on.
var portServedNouns = set("console", "dashboard", "ui", "listener", "endpoint", "interface")
