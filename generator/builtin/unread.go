package builtin

import (
	"fmt"
	"net/netip"
	"regexp"
	"slices"
	"strings"

	"github.com/kunerva/kunerva/generator"
)

// ipv4RE finds an IPv4 address inside a word: "10.0.0.1-10.0.0.20".
var ipv4RE = regexp.MustCompile(`\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}`)

// addressRangeSaid asks about addresses said in a way no CIDR holds:
// "10.0.0.1 through 10.0.0.20", "10.0.0.0 to 10.0.0.255" and
// "10.0.0.1-10.0.0.20" (a range from one address to another, read as the
// two addresses or as a name), "10.0.0.0 with mask 255.0.0.0", "10.0.0.0
// netmask 255.255.0.0" and "10.0.0.0 255.0.0.0" (read as two addresses:
// finder 17, S7).
func (p *parser) addressRangeSaid() string {
	ip := func(k int) bool { return k >= 0 && k < len(p.toks) && ipv4RE.MatchString(p.toks[k].raw) }
	host := func(k int) bool { return ip(k) && !strings.Contains(p.toks[k].raw, "/") }
	for i, t := range p.toks {
		switch {
		case len(ipv4RE.FindAllString(t.raw, -1)) == 2 && strings.Contains(t.raw, "-") && !strings.Contains(t.raw, "/"):
			return fmt.Sprintf("is %q a range of addresses? Say it as a CIDR (\"10.0.0.0/27\") or as the addresses one by one", t.raw)
		case host(i) && p.is(i+1, "through", "thru", "-", "to", "till", "until", "upto") && host(i+2):
			return fmt.Sprintf("is %q a range of addresses? Say it as a CIDR (\"10.0.0.0/27\") or as the addresses one by one", p.text(i, i+3))
		case host(i) && p.is(i+1, "up") && p.is(i+2, "to") && host(i+3):
			return fmt.Sprintf("is %q a range of addresses? Say it as a CIDR (\"10.0.0.0/27\") or as the addresses one by one", p.text(i, i+4))
		case p.is(i, "mask", "netmask", "subnetmask", "mask:", "netmask:") && (ip(i+1) || ip(i-1) || ip(i-2)):
			return fmt.Sprintf("which range does %q make? Say it as a CIDR (\"10.0.0.0/8\")", p.text(max(i-3, 0), min(i+2, len(p.toks))))
		case host(i) && host(i+1) && netmask(p.toks[i+1].raw):
			return fmt.Sprintf("which range does %q make? Say it as a CIDR (\"10.0.0.0/8\")", p.text(i, i+2))
		}
	}
	return ""
}

// netmask reports whether an IPv4 address reads as a mask, its ones before
// its zeros ("255.255.0.0"), or as a wildcard mask, its zeros first
// ("0.0.255.255").
func netmask(raw string) bool {
	a, err := netip.ParseAddr(raw)
	if err != nil || !a.Is4() {
		return false
	}
	b := a.As4()
	n := uint32(b[0])<<24 | uint32(b[1])<<16 | uint32(b[2])<<8 | uint32(b[3])
	if n&1 == 1 {
		n = ^n // a wildcard mask is a mask inverted
	}
	return n&(^n>>1) == 0 // after its first zero, no one
}

// placeWords name a part of a network by where it is, not by an address:
// "the LAN", "the office", "the corporate proxy", "internal traffic".
var placeWords = set("lan", "lans", "wan", "vpn", "vpns", "intranet", "extranet", "dmz", "office", "offices", "on-prem", "on-premise", "on-premises",
	"onprem", "datacenter", "datacentre", "data-center", "datacenters", "corporate", "corp", "proxy", "proxies", "vpc", "vnet", "partner", "partners",
	"branch", "campus", "internal", "private", "local")

// valueNouns are nouns of addresses that a rule reads only with a value
// after them: "the range 10.0.0.0/8", "the addresses 10.0.0.1 and ...".
var valueNouns = set("address", "addresses", "ip", "ips", "range", "ranges", "subnet", "subnets", "cidr", "cidrs", "prefixes", "netblocks", "blocks")

// valueSaid reports whether the clause names an address or DNS name,
// which a noun of addresses may describe ("the NodePort range of the
// other cluster (10.40.0.0/16)").
func (p *parser) valueSaid() bool {
	return slices.ContainsFunc(p.toks, func(t token) bool { return t.kind == tCIDR || t.kind == tDomain })
}

// stageWords pick some pods of a set by their stage, track or state: "the
// staging app=api pods", "canary app=web pods", "the app=db primary".
var stageWords = set("new", "newer", "newest", "old", "older", "oldest", "previous", "latest", "staging", "stage", "production", "prod", "dev", "development", "test", "testing", "qa", "uat", "canary", "stable", "blue",
	"green", "preview", "legacy", "beta", "alpha", "healthy", "unhealthy", "ready", "primary", "primaries", "leader", "master", "secondary",
	"replica", "follower", "standby")

// placeTraffic are nouns of what a place word may qualify: "LAN traffic",
// "office clients", "internal network connections".
var placeTraffic = set("traffic", "connections", "connection", "requests", "request", "clients", "client", "users", "user", "hosts", "machines",
	"devices", "calls", "access", "ingress", "egress", "packets")

// unreadNarrowing asks about a word no rule read that narrows a peer or
// the pods, in a place where dropping it widens the policy:
//   - a place word before the traffic it qualifies, or after the
//     preposition of a peer: "allow LAN traffic to app=web on 80", "only
//     app=a may reach app=b on 8443 from the LAN", "reach the internet
//     through the corporate proxy" (the rule would be open to anywhere, or
//     to the peer beside it);
//   - a word of stage or rank next to labeled pods: "the staging app=api
//     pods", "the app=db primary" (the rule would be for all of them);
//   - words after a preposition just after labeled pods: "app=api pods of
//     the staging team", "in the eu-west region", "from staging", "owned
//     by team-a".
//
// A place word that describes the peer said just after it ("their local
// host", "the internal ingress (namespaces labeled ...)") or follows
// "even" ("nothing else, even through a proxy") is read as before.
func (p *parser) unreadNarrowing(i int) string {
	unread := func(k int) bool {
		return k >= 0 && k < len(p.toks) && p.toks[k].kind == tWord && (p.claim[k] == "" || p.claim[k] == "no-meaning") &&
			!determiners[p.word(k)] && !prepositions[p.word(k)] && !fillerWords[p.word(k)]
	}
	selector := func(k int) bool {
		return p.taken(k) && p.claim[k] != "filler" && p.claim[k] != "no-meaning" && (p.toks[k].kind == tLabel || podNouns[p.word(k)] || p.is(k, ")"))
	}
	w := p.word(i)
	if placeWords[w] {
		j := i + 1
		for unread(j) || p.is(j, "network", "networks") {
			j++
		}
		described := p.is(j, "(") || p.taken(j) && p.claim[j] != "filler" && p.claim[j] != "no-meaning"
		k := i - 1
		for unread(k) || determiners[p.word(k)] {
			k--
		}
		after := (p.is(k, "from", "to", "through", "via", "over", "behind", "across", "into", "towards", "toward") || k >= 0 && p.claim[k] == "direction-verb") && !p.is(k-1, "even")
		if (placeTraffic[p.word(j)] || valueNouns[p.word(j)] && !p.taken(j) && !p.valueSaid()) && !p.is(j+1, "(") || after && !described {
			return fmt.Sprintf("which pods or addresses are %q? Name them by their labels or values, so that the rule is not open to anywhere", p.text(i, j))
		}
	}
	// "web may only reach private ranges on 443", "egress to public
	// addresses", "from non-cluster IPs": a noun of addresses with no
	// address after it; dropped, the rule was open to anywhere.
	if valueNouns[w] && !p.is(i+1, "(") && !p.valueSaid() && !p.is(i+1, ":") {
		k := i - 1
		for unread(k) || determiners[p.word(k)] || p.is(k, "non-cluster", "non-private", "public") {
			k--
		}
		if k < i-1 || !p.is(i-1, "port", "ports") {
			if p.is(k, "from", "to", "towards", "toward", "into") || k >= 0 && p.claim[k] == "direction-verb" {
				return fmt.Sprintf("which addresses are %q? Name them by their values (\"10.0.0.0/8\"), so that the rule is not open to anywhere", p.text(k+1, i+1))
			}
		}
	}
	if stageWords[w] && (selector(i+1) && (i == 0 || determiners[p.word(i-1)] || p.is(i-1, "only", "allow", "let", "permit")) || selector(i-1) && p.toks[i-1].kind == tLabel) {
		return fmt.Sprintf("which of the pods are %q? Name them by their labels in the rule", p.text(i, i+1))
	}
	k := i - 1
	for determiners[p.word(k)] {
		k--
	}
	// "app=api pods owned by team-a", "belonging to the payments team"
	if p.is(k, "by", "to") && p.is(k-1, "owned", "managed", "operated", "maintained", "belonging") && selector(k-2) && unread(i) {
		j := i + 1
		for unread(j) {
			j++
		}
		return fmt.Sprintf("which of the pods does %q pick? Name them by their labels, or their namespace, in the rule", p.text(k-1, j))
	}
	if p.is(k, "in", "of", "from", "on", "at", "within", "inside") && selector(k-1) && unread(i) && !p.is(i, "default") && !slices.ContainsFunc(p.toks[i:min(i+4, len(p.toks))], func(t token) bool { return t.low == "port" || t.low == "ports" || t.kind == tNumber }) {
		j := i + 1
		for unread(j) {
			j++
		}
		return fmt.Sprintf("which of the pods does %q pick? Name them by their labels, or their namespace, in the rule", p.text(k, j))
	}
	return ""
}

// matchedNouns name what a KubeArmor rule matches, in general words: the
// files, programs, calls or sockets the paths and names of the rule are.
var matchedNouns = set("file", "files", "binary", "binaries", "executable", "executables", "program", "programs", "script", "scripts",
	"shell", "shells", "key", "keys", "certificate", "certificates", "cert", "certs", "secret", "secrets", "log", "logs", "tool", "tools",
	"syscall", "syscalls", "call", "calls", "socket", "sockets", "capability", "capabilities", "process", "processes", "command", "commands",
	"config", "configs", "copy", "copies", "session", "sessions")

// unreadTargetNarrowing asks about a word no rule read that stands just
// before what a system rule matches: "block interactive /bin/sh", "block
// access to .pem files in /etc/ssl/", "private keys in /etc/ssl/",
// "setuid binaries in /usr/bin/", "audit 32-bit ptrace calls". KubeArmor
// matches a path, a directory or a name whatever the runs or files are
// like; dropped, the word that picked some of them would give the rule to
// all of them. It returns the question, or "".
func (p *parser) unreadTargetNarrowing(i int) string {
	unread := func(k int) bool {
		return k >= 0 && k < len(p.toks) && (p.toks[k].kind == tWord || p.toks[k].kind == tNumber) && (p.claim[k] == "" || p.claim[k] == "no-meaning") &&
			!determiners[p.word(k)] && !prepositions[p.word(k)] && !fillerWords[p.word(k)] && !matchedNouns[p.word(k)]
	}
	if !unread(i) || i > 0 && unread(i-1) || p.is(i, "specifically", "namely", "especially", "particularly", "notably", "rather", "instead") {
		return ""
	}
	// the word stands where the rule's object begins: after the verdict
	// ("block interactive /bin/sh"), an article or "to", "of", "on"
	// ("access to .pem files"); not a verb of its own ("Docker mounts
	// /proc/sys", "events that affect /etc/sudoers").
	if k := i - 1; k >= 0 && !(p.claim[k] == "action-word" || p.claim[k] == "file-word" || p.claim[k] == "process-word" || p.is(k, "a", "an", "the", "any", "all", "every", "each", "to", "of", "on", "for", "at", "its", "their", "our")) {
		return ""
	}
	j := i + 1
	for unread(j) {
		j++
	}
	if j >= len(p.toks) {
		return ""
	}
	// "interactive /bin/sh", "32-bit ptrace calls": the word picks some
	// runs of the path or calls of the syscall; "private keys in
	// /etc/ssl/", ".pem files under /etc/": some of the files in the
	// directory. ("admin binaries, namely /usr/bin/sudo": a kind the
	// paths after it name.)
	held := func(k int) bool {
		if !p.is(k, "in", "under", "inside", "within", "below", "beneath", "into") {
			return false
		}
		k++
		for determiners[p.word(k)] {
			k++
		}
		return k < len(p.toks) && p.toks[k].kind == tPath && p.taken(k)
	}
	// "interactive shells (/bin/sh)": the paths in brackets are the ones
	// meant. ("the sleep command (/usr/bin/sleep)": the word is the
	// program's name.)
	bracketed := p.is(j+1, "(") && j+2 < len(p.toks) && p.toks[j+2].kind == tPath && p.taken(j+2) && lastElem(p.toks[j+2].raw) != p.word(i)
	target := p.toks[j].kind == tPath && p.taken(j) || p.claim[j] == "syscall" || matchedNouns[p.word(j)] && (held(j+1) || bracketed)
	if !target {
		return ""
	}
	return fmt.Sprintf("which of them does %q pick? KubeArmor matches a path, a directory, a program's name, a capability or a syscall, whatever the runs or files are like; say the rule without the word, or name exactly the paths it means", p.text(i, j+1))
}

// verdictOnlyInBrackets returns the word that gave the clause its verdict
// when every such word stands in brackets, or -1: "The app=web pods
// connect to app=db on 5432 (currently blocked by the old policy)" says how
// things are, in an aside; read as a deny, the aside made the rule.
func (p *parser) verdictOnlyInBrackets() int {
	at := -1
	for k, c := range p.claim {
		switch c {
		case "deny-word", "allow-word", "verdict", "audit-word", "isolate-word":
			if !p.bracketed(k) {
				return -1
			}
			if at < 0 {
				at = k
			}
		}
	}
	return at
}

// onlyAfterReached reports whether the clause ends in "only" just after
// the pods a verb of reaching names, which the policy is for: "app=web pods
// may reach pods in the same namespace only", "app=web pods may talk to
// app=api only". Like "X may reach only Y" it may limit X's egress; read
// as "X may reach Y" it gave Y's ingress from X, and isolated Y.
func (p *parser) onlyAfterReached(in *generator.Intent) bool {
	k := len(p.toks) - 1
	for k >= 0 && p.toks[k].kind == tPunct {
		k--
	}
	if k < 2 || !p.is(k, "only") || p.claim[k] != "verdict" || len(in.Network) == 0 || in.Network[0].Direction != generator.Ingress {
		return false
	}
	switch p.claim[k-1] {
	case "labels", "endpoint", "workload-name", "namespace", "every-pod", "same-namespace", "namespace-of", "namespace-labels":
	default:
		return false
	}
	for d := range k - 1 {
		if p.claim[d] == "direction-verb" && reachVerbs[p.word(d)] {
			return slices.ContainsFunc(in.Origins, func(o generator.Origin) bool {
				return strings.HasPrefix(o.Field, "subject.") && o.From == generator.FromRequest && o.Start >= p.toks[d].end
			})
		}
	}
	return false
}

// sendBefore reports whether a verb of sending stands just before k, with
// at most "traffic" or "packets" between: "send traffic to it".
func (p *parser) sendBefore(k int) bool {
	j := k - 1
	if p.is(j, "traffic", "packets", "requests", "data", "connections") {
		j--
	}
	return p.is(j, "send", "sends", "sending", "connect", "connects", "egress", "talk", "talks", "reach", "reaches", "call", "calls")
}

// addressKinds name kinds of address an exception leaves out: "so no
// RFC1918, CGNAT, link-local or cloud metadata".
var addressKinds = set("rfc1918", "rfc-1918", "private", "internal", "cgnat", "link-local", "loopback", "metadata", "cloud", "ranges", "range", "addresses", "ips",
	"networks", "network", "subnets", "lan", "localhost", "multicast")

// exceptsAddresses reports whether the CIDRs just before token i are
// exceptions of a range: "0.0.0.0/0 except 10.0.0.0/8, 172.16.0.0/12".
func (p *parser) exceptsAddresses(i int) bool {
	k := i - 1
	for k >= 0 && (p.toks[k].kind == tCIDR || p.is(k, ",", "and", "or")) {
		k--
	}
	return k >= 1 && p.is(k, "except", "excluding") && p.toks[k-1].kind == tCIDR ||
		k >= 2 && p.is(k, "not") && p.is(k-1, "but") && p.toks[k-2].kind == tCIDR
}

// externalNamedAfterColon reports whether "external" at i describes a
// thing in words ("a single external SaaS", "the external API") just
// before a colon, and the statement after the colon names DNS names and no
// other peer outside: no address, and no word of the world.
func (p *parser) externalNamedAfterColon(i int) bool {
	k := i + 1
	for k < i+4 && p.tok(k) != nil && p.toks[k].kind == tWord && !meaningful(p.toks[k]) {
		k++
	}
	if k == i+1 {
		return false
	}
	var rest []token
	switch {
	case p.is(k, ":"):
		rest = p.toks[k+1:]
	case k == len(p.toks) && strings.HasPrefix(strings.TrimSpace(p.request[p.toks[k-1].end:]), ":"):
		// the clause ends at the colon, the statement is the next one
		rest = p.after(p.toks[k-1].end)[1:]
	default:
		return false
	}
	end := 0
	for end < len(rest) && rest[end].low != "." && rest[end].low != ";" {
		end++
	}
	after := rest[:end]
	return slices.ContainsFunc(after, func(x token) bool { return x.kind == tDomain }) && !slices.ContainsFunc(after, func(x token) bool {
		return x.kind == tCIDR || x.low == "external" || entityWord(x.low) == "world" || x.low == "outside" || x.low == "anywhere" || x.low == "everywhere"
	})
}

// ownsAddressAfter reports whether a word of whom, at i, is followed by a
// noun of addresses and the address itself: "the provider's published
// range 198.51.100.0/24", "the partner's CIDR 203.0.113.0/24".
func (p *parser) ownsAddressAfter(i int) bool {
	for k := i + 1; k <= i+3 && k+1 < len(p.toks); k++ {
		if cidrNouns[p.word(k)] {
			return p.toks[k+1].kind == tCIDR
		}
		if p.toks[k].kind != tWord || meaningful(p.toks[k]) {
			return false
		}
	}
	return false
}

// addressEndNouns end a phrase that says what an address is: "the cloud
// metadata endpoint", "our office NAT gateway".
var addressEndNouns = []string{"endpoint", "address", "server", "service", "gateway", "proxy", "resolver", "host", "range", "subnet", "network", "block", "api", "mirror", "registry"}

// relationWords, left unread, relate a value to the rules instead of
// adding it to them: "..., since the old endpoint api.paypal.com is gone",
// "now that ...", "like api.paypal.com", "rather than ...", "which
// replaced ...", "formerly ...", "(/bin/bash stays)".
var relationWords = set("because", "since", "as", "given", "now", "like", "than", "instead", "formerly", "previously", "replaced", "replaces", "replacing",
	"after", "unlike", "similar", "stays", "remains", "stay", "remain")

// relatesValue reports whether the unread word at i is a word of
// relationWords that relates a value to the rules: a value follows it in
// the sentence, or, for "stays" and "remains", stands just before it.
func (p *parser) relatesValue(i int) bool {
	w := p.word(i)
	if !relationWords[w] || p.is(i-1, "such", "well", "same") || w == "as" && p.is(i+1, "well", "follows", "such") || w == "like" && p.is(i-1, "would", "i'd", "we'd", "i", "we", "you") ||
		(w == "now" || w == "given") && !p.is(i+1, "that") {
		return false
	}
	// A value said again later in the request is the rules' own: "rather
	// than rm'ing /bin/bash in a startupProbe, block /bin/bash". One said
	// before ("except 10.1.0.0/16, because 10.1.0.0/16 is the office") is
	// what the reason is about, and the rules would take it twice.
	value := func(u token) bool {
		return u.kind != tWord && u.kind != tPunct && !slices.ContainsFunc(p.all, func(o token) bool { return o.start > u.start && o.low == u.low })
	}
	if w == "stays" || w == "remains" || w == "stay" || w == "remain" {
		return slices.ContainsFunc(p.toks[max(i-3, 0):i], value)
	}
	end := i + 1
	for end < len(p.toks) && !p.is(end, ",", ":", ";", "(", ")", ".", "-") {
		end++
	}
	return slices.ContainsFunc(p.toks[i+1:end], value)
}
