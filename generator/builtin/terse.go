package builtin

import (
	"fmt"
	"regexp"
	"slices"
	"strings"

	"k8s.io/apimachinery/pkg/util/validation"

	"github.com/kunerva/kunerva/generator"
)

// Terse requests (chat messages, ticket titles, commit lines) say values in
// shorthand no rule reads; dropped, the policy opened every port, lost a
// namespace or a peer. These rules ask about each.

// serviceWords name a protocol by the service that speaks it: "over ssh",
// "(postgres)", "on ldap". kunerva writes port numbers, so a service word
// no rule read as a named port left the rule open on every port.
var serviceWords = set("ssh", "postgres", "postgresql", "psql", "mysql", "mariadb", "ldap", "ldaps", "amqp", "amqps", "mqtt", "smtp", "smtps", "imap", "imaps", "pop3",
	"grpc", "http", "https", "http2", "h2c", "rdp", "vnc", "telnet", "ftp", "sftp", "redis", "kafka", "mongodb", "mongo", "memcached", "nfs", "snmp", "ntp", "syslog", "rabbitmq", "nats", "zookeeper", "etcd")

// openEnded end a list with "and more": "etc", "and so on", "& co", "and
// the like". Read as the whole list, the rule left the rest out.
func (p *parser) openEnded(i int) bool {
	return p.is(i, "etc", "etc.", "&c", "&c.") || p.is(i, "so") && p.is(i-1, "and") && p.is(i+1, "on", "forth") ||
		p.is(i, "co", "co.") && p.is(i-1, "&") || p.is(i, "like") && p.is(i-1, "the") && p.is(i-2, "and", "or") ||
		p.is(i, "usual") && p.is(i-1, "the") && (i+1 == len(p.toks) || p.toks[i+1].kind == tPunct || p.is(i+1, "stuff", "ones", "set", "suspects"))
}

// gluedPortRE is a port glued to a word or a mark: "tcp:5432", "svc:5432",
// ":80", "1024+", ">1024"; rangeGluedRE a range written with a colon after
// "on" ("on 8000:8100"; "22:00" alone is a time).
var (
	gluedPortRE  = regexp.MustCompile(`^([a-z-]*:|[<>]=?)[0-9]{1,5}$|^[0-9]{1,5}\+$`)
	rangeGluedRE = regexp.MustCompile(`^[0-9]{1,5}:[0-9]{1,5}$`)
)

// unreadTerse asks about a word or mark no rule took that says, in
// shorthand, a port, a peer or more of a list.
func (p *parser) unreadTerse(i int, in *generator.Intent) string {
	t := p.toks[i]
	network := len(in.Network) > 0 && !p.systemRequest
	switch {
	// "tcp:5432", "svc:5432", "port:443", "1024+", "8000:8100": a port
	// glued to a word.
	case t.kind == tWord && (gluedPortRE.MatchString(t.low) || rangeGluedRE.MatchString(t.low) && p.is(i-1, "on", "port", "ports")):
		return fmt.Sprintf("which port is %q? Say it as \"on port 5432\" (or \"on 5432/tcp\")", t.raw)
	// "tcp+udp", "http+https": values joined by a plus.
	case t.kind == tWord && strings.Contains(strings.Trim(t.low, "+"), "+"):
		return fmt.Sprintf("what does %q stand for? Name each value with \"and\" (\"on 5432 over tcp and udp\")", t.raw)
	case network && t.kind == tWord && serviceWords[t.low] && !p.is(i+1, "on") && (p.is(i-1, "over", "via", "on", "(", "using", "for") || allowWords[p.word(i-1)] || denyWords[p.word(i-1)] || p.is(i+1, "only", ")")) &&
		slices.ContainsFunc(in.Network, func(r generator.NetworkRule) bool {
			return len(r.Ports) == 0 && len(r.HTTP) == 0 && !slices.ContainsFunc(r.Peers, func(x generator.Peer) bool { return x.Service != "" })
		}):
		return fmt.Sprintf("which port is %q? Name the port number (\"on port 22\"); a rule with no port would hold for every port", t.raw)
	case p.openEnded(i):
		return fmt.Sprintf("what more does %q stand for? Name each peer, port or value the rule is for", p.text(max(i-1, 0), i+1))
	// "443 + *.s3.amazonaws.com": a peer added after the port of another.
	case network && t.low == "+" && i > 0 && p.claim[i-1] == "port" && i+1 < len(p.toks) && p.toks[i+1].kind != tWord && p.toks[i+1].kind != tPunct:
		return fmt.Sprintf("does the port before %q hold for %s too? Say each peer with its port (\"to a on 443 and to b on 443\")", t.raw, p.toks[i+1].raw)
	// "5432, tier=replica too", "(github too)": a peer added after the
	// port of another.
	case network && p.is(i, "too", "also") && i > 0 && (p.toks[i-1].kind == tLabel || p.toks[i-1].kind == tDomain || p.toks[i-1].kind == tCIDR) && (i+1 == len(p.toks) || p.toks[i+1].kind == tPunct) &&
		slices.Contains(p.claim[:i-1], "port"):
		return fmt.Sprintf("does %q add to the rule before it (another peer, with which ports, or the same pods)? Say its rule in full", p.text(i-1, i+1))
	// "(main container only)", "on node-1 only": a KubeArmor rule holds in
	// every container of the pods it selects, on every node.
	case len(in.System) > 0 && t.kind == tWord && (p.is(i, "container", "containers", "sidecar") && (p.is(i+1, "only") || p.is(i-1, "main", "app", "init", "first") || p.is(i-1, "in") && p.tok(i+1) != nil && p.toks[i+1].kind == tWord && !p.taken(i+1) && !determiners[p.word(i+1)]) ||
		p.is(i-1, "on") && (strings.HasPrefix(t.low, "node-") || p.is(i+1, "only") && strings.ContainsAny(t.low, "0123456789"))):
		return fmt.Sprintf("a KubeArmor rule holds in every container of the pods it selects, on every node: what does %q limit? Say the rule for all of the pods' containers, or name other pods", t.raw)
	// "10.0.0.0/8 - 10.1.0.0/16": a minus between two ranges may leave the
	// second out.
	case network && t.low == "-" && i > 0 && i+1 < len(p.toks) && p.toks[i-1].kind == tCIDR && p.toks[i+1].kind == tCIDR:
		return fmt.Sprintf("what does %q mean between %s and %s? Say \"and\" for both, or \"except\" to leave the second out", t.raw, p.toks[i-1].raw, p.toks[i+1].raw)
	// "on 80 and ops on 22", "kube-dns on 53 and redis on 6379": a peer
	// with a port of its own, whose port went to the peer before.
	case network && t.kind == tWord && p.is(i+1, "on") && i+2 < len(p.toks) && p.claim[i+2] == "port" && (p.is(i-1, "and", ",", "+", "(") || determiners[p.word(i-1)] && p.is(i-2, "and", ",", "+", "(")) &&
		!fillerWords[t.low] && !determiners[t.low] && !prepositions[t.low] && !podNouns[t.low] && !serviceWords[t.low] && !protocolWords[t.low] && !(p.is(i-1, ",") && i > 1 && p.toks[i-2].kind == tLabel):
		return fmt.Sprintf("which pods or addresses are %q? Name them by their labels, with their port, in a rule of their own", t.raw)
	}
	return ""
}

// terseSaid asks about values a rule read that terse shorthand made
// something else: "ns=edge" or "prod/app=web" read as a pod label, "ns/prod:"
// set aside as a heading, "(udp too)" read as the only protocol, "all
// ports" beside a port, "np:" naming a policy kind.
func (p *parser) terseSaid(in *generator.Intent) string {
	anyPort, port := -1, -1
	protocols := 0
	for i, t := range p.toks {
		if p.claim[i] == "protocol" && protocolWords[t.low] {
			protocols++
		}
	}
	for i, t := range p.toks {
		switch p.claim[i] {
		case "any-port":
			anyPort = i
		case "port":
			port = i
		}
		if t.kind == tLabel && p.taken(i) {
			key, _, v := splitLabel(t.raw)
			low := strings.ToLower(key)
			if namespaceWords[low] {
				return fmt.Sprintf("is %q the namespace %s, or a pod label %q? Say \"in namespace %s\" for the namespace", t.raw, v, key, v)
			}
			if pre, k, ok := strings.Cut(key, "/"); ok && !strings.Contains(pre, ".") && commonKeys[strings.ToLower(k)] {
				return fmt.Sprintf("is %q the namespace %s with the labels after the slash, or a label key %q? A label key's prefix is a DNS name; say \"the pods labeled ... in namespace %s\" for the namespace", t.raw, pre, key, pre)
			}
		}
		for w := range namespaceWords {
			if ns, ok := strings.CutPrefix(t.low, w+"/"); ok && ns != "" && p.claim[i] != "namespace" {
				return fmt.Sprintf("is %q the namespace %s? Say \"in namespace %s\"", t.raw, ns, ns)
			}
		}
		// "5432 (udp too)": one protocol more, not the only one.
		if p.claim[i] == "protocol" && protocolWords[t.low] && protocols == 1 && (p.is(i+1, "too", "also") || p.is(i+1, "as") && p.is(i+2, "well") || p.is(i-1, "also", "plus", "and") && (i+1 == len(p.toks) || p.toks[i+1].kind == tPunct)) {
			return fmt.Sprintf("should the ports take %s as well as the protocol said or implied before? Name every protocol (\"on 5432 over tcp and udp\")", t.raw)
		}
		// "np: deny egress ...": the kind of policy, said in shorthand.
		if i == 0 && p.is(1, ":") && p.claim[i] == "heading" && plainKindWords[t.low] && (p.opts.Kind == "" || p.opts.Kind == generator.KindAuto) {
			return fmt.Sprintf("%q names a policy kind: which one should kunerva write? Pass --kind (NetworkPolicy, CiliumNetworkPolicy or KubeArmorPolicy) and say the rule alone", t.raw)
		}
	}
	if anyPort >= 0 && port >= 0 && !p.is(anyPort+1, "except", "but", "besides") {
		return fmt.Sprintf("which ports: %s, or %q? Say one", p.toks[port].raw, p.text(anyPort-1, anyPort+1))
	}
	for _, r := range in.System {
		if enforcerNames[strings.ToLower(r.ExecName)] || enforcerNames[strings.ToLower(strings.TrimPrefix(r.Path, "/usr/bin/"))] {
			return fmt.Sprintf("is %q a program to block, or the enforcer a policy is for? Pass --kind for the policy kind and say the rule alone", r.ExecName+r.Path)
		}
	}
	return ""
}

// commonKeys are label keys a namespace written before a slash would
// precede: "prod/app=web".
var commonKeys = set("app", "name", "tier", "role", "component", "run", "k8s-app", "env", "team", "version", "instance")

// plainKindWords name the plain NetworkPolicy kind in shorthand: "np:
// deny egress ...", where the rule needs Cilium.
var plainKindWords = set("np", "netpol", "netpols", "networkpolicy", "networkpolicies")

// kindWords name a policy kind in shorthand.
var kindWords = set("np", "netpol", "netpols", "networkpolicy", "networkpolicies", "cnp", "ccnp", "ciliumnetworkpolicy", "ksp", "kubearmorpolicy", "kubearmor", "cilium", "calico")

// enforcerNames are the engines policies are written for, not programs a
// KubeArmor rule blocks: "we don't run cilium".
var enforcerNames = set("cilium", "calico", "kubearmor", "antrea", "weave")

// afterthought is the question about a clause set after the rules that
// changes them: a namespace ("(ns prod)"), a hedge ("bash optional"), the
// enforcer ("we don't run cilium"); or "".
func afterthought(request string, toks []token) string {
	words := 0
	for _, t := range toks {
		if t.kind == tWord {
			words++
		}
	}
	for n, t := range toks {
		// "no cilium", "we don't run cilium", "plain NetworkPolicy".
		negated := n > 0 && (toks[n-1].low == "no" || toks[n-1].low == "without" || toks[n-1].low == "plain" || toks[n-1].low == "vanilla") ||
			n > 1 && (toks[n-1].low == "run" || toks[n-1].low == "use" || toks[n-1].low == "have") && (toks[n-2].low == "don't" || toks[n-2].low == "dont" || toks[n-2].low == "not")
		switch {
		case namespaceWords[t.low] && words <= 5 && namesNamespace(toks):
			return fmt.Sprintf("is %q where the rules go? Say \"in namespace NAME\" in the rule itself", strings.Trim(request[toks[0].start:toks[len(toks)-1].end], " ,.;-()"))
		case hedgeWords[t.low] && (n+1 == len(toks) || toks[n+1].low == ")"):
			return fmt.Sprintf("should the rule hold? %q leaves it open, and a policy either holds or does not; say the rules that should hold, without it", t.raw)
		case (enforcerNames[t.low] || kindWords[t.low]) && negated:
			return fmt.Sprintf("%q names what enforces the policy: which kind should kunerva write? Pass --kind (NetworkPolicy, CiliumNetworkPolicy or KubeArmorPolicy) and say the rule alone", t.raw)
		}
	}
	return ""
}

// namesNamespace reports whether a clause names a namespace by a namespace
// word beside a name: "(ns prod)", "oh, and in ns prod", "prod namespace".
func namesNamespace(toks []token) bool {
	name := func(n int) bool {
		if n < 0 || n >= len(toks) || toks[n].kind != tWord {
			return false
		}
		w := toks[n].low
		return len(validation.IsDNS1123Label(w)) == 0 && !fillerWords[w] && !determiners[w] && !prepositions[w] && !podNouns[w] && !namespaceWords[w] &&
			!meaningful(toks[n]) && !copulas[w] && !describingWord(w)
	}
	if slices.ContainsFunc(toks, func(t token) bool {
		return t.kind != tWord && t.kind != tPunct || podNouns[t.low] || copulas[t.low] || negationWords[t.low]
	}) {
		return false
	}
	for n, t := range toks {
		if namespaceWords[t.low] && (name(n+1) || name(n-1)) {
			return true
		}
	}
	return false
}

var copulas = set("is", "are", "was", "were", "be", "been")

// scopeWordsSaid say where rules hold.
var scopeWordsSaid = set("everywhere", "ns", "namespace", "namespaces", "cluster-wide", "clusterwide")

// scopeOrPlaceSaid reports whether a clause that states nothing names a
// scope the rules would hold in: "everywhere", "across all ns".
func scopeOrPlaceSaid(toks []token) bool {
	return slices.ContainsFunc(toks, func(t token) bool { return t.kind == tWord && scopeWordsSaid[t.low] })
}
