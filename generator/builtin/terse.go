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

// protocolServices are service words that name only a protocol, never the
// pods that serve it: "HTTPS on 443" is a port, "redis on 6379" may be pods.
var protocolServices = set("ssh", "ldap", "ldaps", "amqp", "amqps", "mqtt", "smtp", "smtps", "imap", "imaps", "pop3", "grpc", "http", "https", "http2", "h2c", "rdp", "vnc",
	"telnet", "ftp", "sftp", "nfs", "snmp", "ntp", "syslog", "dns", "tls")

// listTrailsOff asks when a value is followed by an ellipsis ("block
// /bin/sh, /bin/bash... in app=web", "ports 80, 443…"): the list goes on
// past what it names, and read as the whole list, the rule left the rest
// out (as "etc" does, see openEnded).
func listTrailsOff(request string, toks []token, intents []*generator.Intent) error {
	// "api.github.com on 443 (and its siblings)": more of the same, in an
	// aside set apart from the clause (see listExtenders).
	joined := func(j int) bool {
		return j >= 0 && (toks[j].low == "and" || toks[j].low == "&" || toks[j].low == "plus")
	}
	for i, t := range toks {
		if listExtenders[t.low] && (joined(i-1) || i > 1 && (toks[i-1].low == "its" || toks[i-1].low == "their") && joined(i-2)) {
			return &generator.NotUnderstoodError{Request: request, Understood: intents[0].Summary(), Example: generator.ExampleFor(intents[0]),
				Missing: fmt.Sprintf("what more does %q stand for? Name each peer, port or value the rule is for", request[toks[max(i-2, 0)].start:t.end])}
		}
	}
	for i, t := range toks {
		// a value after another and a comma or "and": an item of a list
		glued := strings.HasSuffix(t.raw, "…") // "443…", one word
		if t.kind == tWord && !glued || t.kind == tPunct || i < 2 || toks[i-1].low != "," && toks[i-1].low != "and" || toks[i-2].kind == tWord || toks[i-2].kind == tPunct {
			continue
		}
		rest := strings.TrimLeft(request[t.end:], " ")
		// "app=lb, app=ingress, ... to reach": the ellipsis an item of its own.
		if after, ok := strings.CutPrefix(rest, ","); ok {
			if after = strings.TrimLeft(after, " "); strings.HasPrefix(after, "...") || strings.HasPrefix(after, "…") {
				rest = after
			}
		}
		if glued || strings.HasPrefix(rest, "...") || strings.HasPrefix(rest, "…") {
			return &generator.NotUnderstoodError{Request: request, Understood: intents[0].Summary(), Example: generator.ExampleFor(intents[0]),
				Missing: fmt.Sprintf("what more does \"%s...\" stand for? Name each value the rule is for", strings.TrimSuffix(t.raw, "…"))}
		}
	}
	return nil
}

// openEnded end a list with "and more": "etc", "and so on", "& co", "and
// the like". Read as the whole list, the rule left the rest out.
func (p *parser) openEnded(i int) bool {
	return p.is(i, "etc", "etc.", "&c", "&c.") || p.is(i, "so") && p.is(i-1, "and") && p.is(i+1, "on", "forth") ||
		p.is(i, "co", "co.") && p.is(i-1, "&") || p.is(i, "like") && p.is(i-1, "the") && p.is(i-2, "and", "or") ||
		p.is(i, "usual") && p.is(i-1, "the") && (i+1 == len(p.toks) || p.toks[i+1].kind == tPunct || p.is(i+1, "stuff", "ones", "set", "suspects", "in", "for")) ||
		p.is(i, "more") && p.is(i-1, "&", "+", "and") && (i+1 == len(p.toks) || p.toks[i+1].kind == tPunct) ||
		// "/usr/bin/wget et al.", "and whatnot" ("plus whatever GitHub needs":
		// openEndedAddition)
		p.is(i, "al", "al.") && p.is(i-1, "et") || p.is(i, "whatnot") ||
		// "api.github.com & friends", "(and its siblings)": see listExtenders.
		listExtenders[p.word(i)] && (p.is(i-1, "and", "&", "plus", "+") || p.is(i-1, "its", "their", "other", "all", "the") && p.is(i-2, "and", "&", "plus", "+"))
}

// gluedPortRE is a port glued to a word or a mark: "tcp:5432", "svc:5432",
// ":80", "@5432", "#5432", "p5432", "1024+", ">1024"; rangeGluedRE a range written with a colon after
// "on" ("on 8000:8100"; "22:00" alone is a time).
var (
	gluedPortRE  = regexp.MustCompile(`^([a-z][a-z0-9=._/-]*:|:|[<>]=?|[@#]|p)[0-9]{1,5}$|^[0-9]{1,5}\+$`)
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
	// "with the traffic parsed as HTTP, every request allowed": read as
	// HTTP at layer 7, which no rule read; the ports alone allow it unread.
	case network && p.is(i, "http", "https", "http2", "grpc") && p.is(i-1, "as") && !slices.ContainsFunc(in.Network, func(r generator.NetworkRule) bool { return len(r.HTTP) > 0 }):
		return fmt.Sprintf("does %q ask for the traffic to be read as %s at layer 7? kunerva writes HTTP rules for the requests named (\"GET /api/*\"); name them, or leave %q out", p.text(i-1, i+1), t.raw, p.text(i-1, i+1))
	case p.openEnded(i):
		return fmt.Sprintf("what more does %q stand for? Name each peer, port or value the rule is for", p.text(max(i-1, 0), i+1))
	// "443 + *.s3.amazonaws.com": a peer added after the port of another.
	case network && t.low == "+" && i > 0 && slices.Contains(p.claim[:i], "port") && i+1 < len(p.toks) && p.toks[i+1].kind != tWord && p.toks[i+1].kind != tPunct:
		return fmt.Sprintf("does the port before %q hold for %s too? Say each peer with its port (\"to a on 443 and to b on 443\")", t.raw, p.toks[i+1].raw)
	// "5432, tier=replica too", "(github too)": a peer added after the
	// port of another.
	case network && p.is(i, "too", "also") && i > 0 && (p.toks[i-1].kind == tLabel || p.toks[i-1].kind == tDomain || p.toks[i-1].kind == tCIDR) && (i+1 == len(p.toks) || p.toks[i+1].kind == tPunct) &&
		slices.Contains(p.claim[:i-1], "port"):
		return fmt.Sprintf("does %q add to the rule before it (another peer, with which ports, or the same pods)? Say its rule in full", p.text(i-1, i+1))
	// "(main container only)", "(container nginx)", "on node-1 only": a
	// KubeArmor rule holds in every container of the pods it selects, on
	// every node.
	case len(in.System) > 0 && t.kind == tWord && (p.is(i, "container", "containers", "sidecar") && (p.is(i+1, "only") || p.is(i-1, "main", "app", "init", "first") || p.is(i-1, "in") && p.tok(i+1) != nil && p.toks[i+1].kind == tWord && !p.taken(i+1) && !determiners[p.word(i+1)] ||
		p.is(i-1, "(", ",") && p.tok(i+1) != nil && p.toks[i+1].kind == tWord && !p.taken(i+1) && (p.tok(i+2) == nil || p.is(i+2, ")", "only", ",", ".", ";"))) ||
		p.is(i-1, "on") && (strings.HasPrefix(t.low, "node-") || p.is(i+1, "only") && strings.ContainsAny(t.low, "0123456789"))):
		return fmt.Sprintf("a KubeArmor rule holds in every container of the pods it selects, on every node: what does %q limit? Say the rule for all of the pods' containers, or name other pods", t.raw)
	// "only app=lb (from edge) may reach ...": where the peer comes from,
	// in a bracket no rule read.
	case network && p.is(i-1, "from") && p.is(i-2, "(") && p.is(i+1, ")") && t.kind == tWord && len(validation.IsDNS1123Label(t.low)) == 0:
		return fmt.Sprintf("is %q the namespace of the pods before it? Say \"in namespace %s\" after them", t.raw, t.low)
	// "(nice to have)": a rule left open.
	case p.is(i, "nice") && p.is(i+1, "to") && p.is(i+2, "have"):
		return fmt.Sprintf("should the rule hold? %q leaves it open, and a policy either holds or does not; say the rules that should hold, without it", p.text(i, i+3))
	// "10.0.0.0/8 - 10.1.0.0/16": a minus between two ranges may leave the
	// second out.
	case network && t.low == "-" && i > 0 && i+1 < len(p.toks) && p.toks[i-1].kind == tCIDR && p.toks[i+1].kind == tCIDR:
		return fmt.Sprintf("what does %q mean between %s and %s? Say \"and\" for both, or \"except\" to leave the second out", t.raw, p.toks[i-1].raw, p.toks[i+1].raw)
	// "on 80 and ops on 22", "kube-dns on 53 and redis on 6379": a peer
	// with a port of its own, whose port went to the peer before.
	case network && t.kind == tWord && p.is(i+1, "on") && i+2 < len(p.toks) && p.claim[i+2] == "port" && (p.is(i-1, "and", ",", "+", "(") || determiners[p.word(i-1)] && p.is(i-2, "and", ",", "+", "(")) &&
		!fillerWords[t.low] && !determiners[t.low] && !prepositions[t.low] && !podNouns[t.low] && !protocolServices[t.low] && !protocolWords[t.low] && !(p.is(i-1, ",") && i > 1 && p.toks[i-2].kind == tLabel):
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
		// "deny egress to private ranges (e.g. 10.0.0.0/8)", "... to private
		// ranges such as 10.0.0.0/8": the value is an example of the peers,
		// not all of them.
		if n := p.exampleAt(i); len(in.Network) > 0 && n > 0 && i+n < len(p.toks) {
			if v := p.toks[i+n]; v.kind == tCIDR || v.kind == tDomain || v.kind == tLabel {
				return fmt.Sprintf("is %s all the rule is for, or an example of the peers before it? Name every peer", v.raw)
			}
		}
		// "to private ranges, 10.0.0.0/8 in particular": the value is the
		// one stressed among the peers ("(notably X)", "X especially":
		// unreadTerse's other questions).
		if len(in.Network) > 0 && (t.kind == tCIDR || t.kind == tDomain || t.kind == tLabel) && p.is(i+1, "in") && p.is(i+2, "particular") {
			return fmt.Sprintf("is %s all the rule is for, or the one stressed among more peers? Name every peer", t.raw)
		}
		// "db:5432 (app=db)": a port glued to a name a rule took.
		if t.kind == tWord && p.taken(i) && p.claim[i] != "port" && gluedPortRE.MatchString(t.low) && strings.Contains(t.low, ":") && len(in.Network) > 0 {
			return fmt.Sprintf("which port is %q? Say it as \"on port 5432\" (or \"on 5432/tcp\")", t.raw)
		}
		// "only app=lb may reach app=web on 80 (lb: ns edge)": the
		// namespace of the peer the bracket names, not the policy's.
		if p.claim[i] == "namespace" && !namespaceWords[t.low] && in.Subject.Pods != nil {
			if w := p.bracketOpener(i); w != "" && p.peerValue(w, in) {
				return fmt.Sprintf("is %q the namespace of the %s pods or of the policy? Say \"the pods labeled ... in namespace %s\" after the pods it is for", t.raw, w, t.low)
			}
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
		// "on 8080 also over UDP": so too after "also" and a preposition;
		// it once gave 8080/UDP alone, dropping TCP.
		if p.claim[i] == "protocol" && protocolWords[t.low] && protocols == 1 && (p.is(i+1, "too", "also") || p.is(i+1, "as") && p.is(i+2, "well") || p.is(i-1, "also", "plus", "and") && (i+1 == len(p.toks) || p.toks[i+1].kind == tPunct) ||
			p.is(i-1, "over", "via", "using", "with", "on") && p.is(i-2, "also", "plus", "additionally")) {
			return fmt.Sprintf("should the ports take %s as well as the protocol said or implied before? Name every protocol (\"on 5432 over tcp and udp\")", t.raw)
		}
	}
	if anyPort >= 0 && port >= 0 && !p.is(anyPort+1, "except", "but", "besides") {
		return fmt.Sprintf("which ports: %s, or %q? Say one", p.toks[port].raw, p.text(anyPort-1, anyPort+1))
	}
	for _, r := range in.System {
		if enforcerName(r.ExecName) || enforcerName(strings.TrimPrefix(r.Path, "/usr/bin/")) {
			return fmt.Sprintf("is %q a program to block, or the enforcer a policy is for? Pass --kind for the policy kind and say the rule alone", r.ExecName+r.Path)
		}
	}
	return ""
}

// commonKeys are label keys a namespace written before a slash would
// precede: "prod/app=web".
var commonKeys = set("app", "name", "tier", "role", "component", "run", "k8s-app", "env", "team", "version", "instance")

// plainKindAsked reports whether the word at i asks for the plain
// NetworkPolicy kind: a shorthand ("np: deny egress ...", "vanilla np
// pls", "netpol:") or the kind's name after a word that picks it ("as a
// NetworkPolicy", "plain NetworkPolicy", "k8s networkpolicy").
func plainKindAsked(toks []token, i int) bool {
	switch w := toks[i].low; w {
	case "np", "netpol", "netpols":
		return true
	case "networkpolicy", "networkpolicies":
		k := i - 1
		if k >= 0 && (toks[k].low == "a" || toks[k].low == "an") {
			k--
		}
		return k >= 0 && (toks[k].low == "as" || toks[k].low == "plain" || toks[k].low == "vanilla" || toks[k].low == "k8s" || toks[k].low == "kubernetes" || toks[k].low == "native" || toks[k].low == "standard")
	}
	return false
}

// notRun reports whether the word at i is said not to run: "no cilium",
// "without cilium", "we don't run cilium".
func notRun(toks []token, i int) bool {
	return i > 0 && (toks[i-1].low == "no" || toks[i-1].low == "without") ||
		i > 1 && (toks[i-1].low == "run" || toks[i-1].low == "use" || toks[i-1].low == "have") && (toks[i-2].low == "don't" || toks[i-2].low == "dont" || toks[i-2].low == "not")
}

// enforcerName reports whether w names an engine policies are written for
// (Cilium, KubeArmor, another network plugin), not a program a KubeArmor
// rule blocks: "we don't run cilium".
func enforcerName(w string) bool {
	w = strings.ToLower(w)
	return w == "cilium" || w == "kubearmor" || otherPlugins[w]
}

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
		switch {
		// "no internet either", "airgap it", "and pypi", "prom still
		// scrapes it": a rule added in a few words, no explanation.
		case words <= 5 && (addedWords[t.low] || stillAdds(toks, n) || n == 0 && (t.low == "and" || t.low == "plus")):
			return fmt.Sprintf("does %q add a rule? Say it in full, with the pods, peers and ports it is for", strings.Trim(request[toks[0].start:toks[len(toks)-1].end], " ,.;-()"))
		case n == 0 && placeAfter(toks) != "":
			return fmt.Sprintf("is %q a namespace (of the policy, or of the pods named), and what should go there? Say \"in namespace %s\" in the rule itself", placeAfter(toks), placeAfter(toks))
		case namespaceWords[t.low] && words <= 5 && namesNamespace(toks):
			return fmt.Sprintf("is %q where the rules go? Say \"in namespace NAME\" in the rule itself", strings.Trim(request[toks[0].start:toks[len(toks)-1].end], " ,.;-()"))
		case hedgeWords[t.low] && (n+1 == len(toks) || toks[n+1].low == ")"):
			return fmt.Sprintf("should the rule hold? %q leaves it open, and a policy either holds or does not; say the rules that should hold, without it", t.raw)
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

// addedWords add, in a short sentence after the rules, a rule or a peer:
// "no internet either", "airgap it", "prom still scrapes it".
var addedWords = set("either", "airgap", "air-gap", "airgapped")

// stillAdds reports whether the word at n says that more traffic keeps
// flowing: "prom still scrapes it", "monitoring still needs in".
func stillAdds(toks []token, n int) bool {
	return toks[n].low == "still" && n+1 < len(toks) && (toks[n+1].low == "scrapes" || toks[n+1].low == "scrape" || toks[n+1].low == "needs" || toks[n+1].low == "need")
}

// scopeWordsSaid say where rules hold.
var scopeWordsSaid = set("everywhere", "ns", "namespace", "namespaces", "cluster-wide", "clusterwide")

// scopeOrPlaceSaid reports whether a clause that states nothing names a
// scope the rules would hold in: "everywhere", "across all ns".
func scopeOrPlaceSaid(toks []token) bool {
	for n, t := range toks {
		if t.kind == tWord && (scopeWordsSaid[t.low] || addedWords[t.low] || hedgeWords[t.low] || stillAdds(toks, n)) {
			return true
		}
	}
	return len(toks) > 1 && len(toks) <= 4 && (toks[0].low == "and" || toks[0].low == "plus") || placeAfter(toks) != ""
}

// placeAfter is the name a short sentence after the rules puts them or
// their pods in: "for prod", "staging first", "lb lives in edge", "lb is
// in edge"; or "".
func placeAfter(toks []token) string {
	var ws []token
	for _, t := range toks {
		if t.kind == tWord {
			ws = append(ws, t)
		} else if t.kind != tPunct {
			return ""
		}
	}
	name := func(t token) bool {
		return len(validation.IsDNS1123Label(t.low)) == 0 && !fillerWords[t.low] && !determiners[t.low] && !prepositions[t.low] && !podNouns[t.low] && !meaningful(t)
	}
	switch {
	case len(ws) == 2 && ws[0].low == "for" && name(ws[1]):
		return ws[1].low
	case len(ws) == 2 && ws[1].low == "first" && name(ws[0]):
		return ws[0].low
	case len(ws) >= 3 && len(ws) <= 4 && (ws[len(ws)-2].low == "in" || ws[len(ws)-2].low == "inside") && name(ws[len(ws)-1]) &&
		slices.ContainsFunc(ws, func(t token) bool {
			return t.low == "lives" || t.low == "live" || t.low == "runs" || t.low == "run" || t.low == "sits" || t.low == "is" || t.low == "are"
		}):
		return ws[len(ws)-1].low
	}
	return ""
}

// systemTerse asks, before the system accounting sets unread words aside as
// filler, about words beside a KubeArmor rule that name more pods or a
// namespace in shorthand: "block /bin/sh in app=web (api too)", "in ns
// prod, staging too", "(prod + staging)", "[prod] block ...".
func (p *parser) systemTerse(in *generator.Intent) string {
	if len(in.System) == 0 || len(in.Network) > 0 {
		return ""
	}
	for i, t := range p.toks {
		if p.taken(i) || i == 0 {
			continue
		}
		w := p.word(i - 1)
		prevFree := !p.taken(i-1) && p.toks[i-1].kind == tWord && !fillerWords[w] && !determiners[w] && !prepositions[w] && !podNouns[w]
		switch {
		case p.is(i, "too", "also") && prevFree && (i+1 == len(p.toks) || p.toks[i+1].kind == tPunct):
			return fmt.Sprintf("does %q add to the rule before it (other pods, or another namespace)? Say its rule in full, with their labels or namespace", p.text(i-1, i+1))
		case t.low == "+" && prevFree && i+1 < len(p.toks) && p.toks[i+1].kind == tWord && !p.taken(i+1):
			return fmt.Sprintf("what does %q stand for? Name each with what it is (\"in namespace prod\", \"the pods labeled ...\")", p.text(i-1, i+2))
		case (i == 1 && p.is(0, "[", "(") && p.is(2, "]", ")") || p.is(i-1, "@") && i+1 == len(p.toks)) && t.kind == tWord && len(validation.IsDNS1123Label(t.low)) == 0:
			return fmt.Sprintf("is %q the namespace of the pods? Then say \"in namespace %s\"", t.raw, t.low)
		}
	}
	return ""
}

// bracketOpener is the first word of the bracket the token at i stands in,
// or "".
func (p *parser) bracketOpener(i int) string {
	for k := i - 1; k >= 0 && k >= i-5; k-- {
		if p.is(k, ")") {
			return ""
		}
		if p.is(k, "(") {
			if k+1 < len(p.toks) && p.toks[k+1].kind == tWord {
				return p.toks[k+1].low
			}
			return ""
		}
	}
	return ""
}

// peerValue reports whether w is the value of a label that selects a peer
// of the intent's rules but not its subject: "lb" of app=lb.
func (p *parser) peerValue(w string, in *generator.Intent) bool {
	w = strings.ToLower(w)
	if endWords(in.Subject.Pods)[w] {
		return false
	}
	for _, r := range in.Network {
		for _, x := range r.Peers {
			if endWords(x.Pods)[w] {
				return true
			}
		}
	}
	return false
}

// exampleAt returns the number of words of an example's marker at i ("e.g.",
// "such as", "for example", "for instance"), or 0.
func (p *parser) exampleAt(i int) int {
	switch {
	case p.is(i, "e.g.", "eg", "e.g"):
		return 1
	case p.is(i, "such") && p.is(i+1, "as"), p.is(i, "for") && p.is(i+1, "example", "instance"):
		return 2
	}
	return 0
}
