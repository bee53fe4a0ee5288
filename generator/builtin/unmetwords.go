package builtin

import (
	"regexp"
	"slices"
	"strings"

	"github.com/kunerva/kunerva/generator"
)

// unmetWordRow is one row of unmetWordRows: words of the request (match,
// read on the request in lower case) that the rules read from it do not
// hold (unmet tells, from the intents), and the question asked then.
type unmetWordRow struct {
	match    *regexp.Regexp
	unmet    func(all []*generator.Intent) bool
	question string
}

// anyNetworkRule calls f on every network rule of the intents and of the
// statements beside them, and tells whether f held for one.
func anyNetworkRule(all []*generator.Intent, f func(generator.NetworkRule) bool) bool {
	for _, x := range all {
		for _, r := range x.Network {
			if f(r) {
				return true
			}
		}
		if anyNetworkRule(x.Others, f) {
			return true
		}
	}
	return false
}

// anySubject tells whether f holds for the subject of one of the intents.
func anySubject(all []*generator.Intent, f func(generator.Subject) bool) bool {
	for _, x := range all {
		if f(x.Subject) || anySubject(x.Others, f) {
			return true
		}
	}
	return false
}

// hasSystem tells whether one of the intents has a system rule.
func hasSystem(all []*generator.Intent) bool {
	return slices.ContainsFunc(all, func(x *generator.Intent) bool { return len(x.System) > 0 || hasSystem(x.Others) })
}

// hasNetwork tells whether one of the intents has a network rule.
func hasNetwork(all []*generator.Intent) bool {
	return anyNetworkRule(all, func(generator.NetworkRule) bool { return true })
}

// cidrWithoutPorts: a rule to an address on every port.
func cidrWithoutPorts(r generator.NetworkRule) bool {
	return len(r.Ports) == 0 && slices.ContainsFunc(r.Peers, func(p generator.Peer) bool { return p.CIDR != "" })
}

// unmetWordRows are words that say what traffic a rule is about (DNS, a
// protocol, a kind of request, a role of the peer, a workload's name, a
// pattern of file names), in requests whose rules do not hold them: each
// once gave a wrong policy (finder2, W12-W24), and each now asks.
var unmetWordRows = []unmetWordRow{
	// W13: "allow DNS from app=web to 8.8.8.8", "use the resolver at
	// 10.0.0.2", "resolve names via 8.8.8.8": the server got every port,
	// and kube-dns was added.
	{regexp.MustCompile(`\b(dns|resolver|nameserver|resolve|resolving|lookups?)\b( \S+){0,4} (to|at|via|through|using|against) \d+\.\d+\.\d+\.\d+\b|\b\d+\.\d+\.\d+\.\d+ (for|as) (dns|a resolver|the resolver|nameserver)\b`), func(all []*generator.Intent) bool {
		return anyNetworkRule(all, func(r generator.NetworkRule) bool { return r.Verdict != generator.Deny && cidrWithoutPorts(r) })
	}, "is the address a DNS server the pods may query on port 53 only? Say \"allow app=web to reach 8.8.8.8 on 53/UDP and 53/TCP\", or leave DNS out"},
	// W14: "deny DNS from app=web to the world": every port was denied,
	// kube-dns allowed (the pods' other egress then dropped).
	{regexp.MustCompile(`\bdns\b`), func(all []*generator.Intent) bool {
		return anyNetworkRule(all, func(r generator.NetworkRule) bool {
			return r.Verdict == generator.Deny && len(r.Ports) == 0 && len(r.DNS) == 0
		})
	}, "should only DNS (port 53) be denied there, and every other port left as it is? Say \"deny egress from app=web to the world on 53/UDP and 53/TCP\""},
	// W15: "DNS lookups of api.github.com and to reach it on 443": the
	// reach became ingress from anywhere.
	{regexp.MustCompile(`\bdns\b.*\breach (it|them)\b`), func(all []*generator.Intent) bool {
		return anyNetworkRule(all, func(r generator.NetworkRule) bool { return r.Direction == generator.Ingress })
	}, "what may the pods reach, and on which port? Name it: \"allow app=web to reach api.github.com on 443\""},
	// W15: "with DNS lookups restricted to github.com": the restriction
	// was dropped and github.com allowed on every port.
	{regexp.MustCompile(`\bdns (lookups?|queries|query|resolution|requests?)( \w+)? (restricted|limited) to\b`), func([]*generator.Intent) bool { return true },
		"which names may the pods look up? Say \"allow DNS lookups of github.com\" as a rule of its own"},
	// W16: "from the ingress controller", "allow the ingress to reach
	// app=api": a peer named by its role was dropped (anywhere).
	{regexp.MustCompile(`\b(from|allow|let) the (nginx )?ingress( controllers?| gateway| pods?)?( to| on|$| may| can|,|\.)`), func(all []*generator.Intent) bool {
		return anyNetworkRule(all, func(r generator.NetworkRule) bool { return r.Direction == generator.Ingress && len(r.Peers) == 0 })
	}, "which pods are the ingress controller? Name them by their labels and namespace, e.g. \"from pods labeled app.kubernetes.io/name=ingress-nginx in namespace ingress-nginx\""},
	// W16: "GET /healthz from every pod in the cluster": read as from
	// anywhere, the world included.
	{regexp.MustCompile(`\bfrom (every|all|any) pods? in the cluster\b`), func(all []*generator.Intent) bool {
		return anyNetworkRule(all, func(r generator.NetworkRule) bool { return len(r.Peers) == 0 })
	}, "should every pod of the cluster be allowed, and nothing outside it? Say \"from the cluster entity\" or name the pods by their labels"},
	// W17: "allow produce to topic orders": Kafka is not read; the whole
	// port was allowed.
	{regexp.MustCompile(`\b(topics?|produce|consume|producing|consuming)\b`), hasNetwork,
		"Kafka topics and produce/consume are not something kunerva can write: should the whole port be allowed? Say \"allow app=web to reach app=kafka on 9092\""},
	// W17: "allow safe HTTP methods", "only idempotent requests",
	// "non-mutating requests": the kind of request was dropped.
	{regexp.MustCompile(`\b(safe|idempotent|non-mutating|nonmutating|read-only|mutating|unsafe) (http )?(methods?|requests?|calls?|verbs?)\b`), hasNetwork,
		"which HTTP methods are meant? Name them: \"allow GET, HEAD and OPTIONS from app=web to app=api on 8080\""},
	// W17: "may only be pinged by app=web": ICMP was not read; every port
	// was allowed.
	{regexp.MustCompile(`\bpinged\b`), func(all []*generator.Intent) bool {
		return anyNetworkRule(all, func(r generator.NetworkRule) bool {
			return !slices.ContainsFunc(r.Ports, func(p generator.Port) bool { return strings.HasPrefix(p.Protocol, "ICMP") })
		})
	}, "is ping (ICMP echo) all that is allowed? Say \"allow ping from app=web to app=api\" and name any port besides"},
	// W17: "may only be reached by SSH from 10.0.0.0/8": the protocol was
	// dropped; every port was allowed.
	{regexp.MustCompile(`\b(by|via|over|through) (ssh|sftp|scp)\b`), func(all []*generator.Intent) bool {
		return !hasSystem(all) && anyNetworkRule(all, func(r generator.NetworkRule) bool { return len(r.Ports) == 0 && len(r.DNS) == 0 })
	}, "on which port does SSH listen? Say \"on port 22\""},
	// W23: "header X-A: 1 or X-B: 2": the second header's value became a
	// port, the header was dropped.
	{regexp.MustCompile(`\bheaders?\b[^.;]*\bor\b( header)? [a-z0-9-]+: `), hasNetwork,
		"one HTTP rule holds its headers together: should a request need both headers, or either? Write one rule per header: \"allow GET /api with header X-A: 1 ...; allow GET /api with header X-B: 2 ...\""},
	// W22: "header X-User: John Smith": the value was cut at the space.
	{regexp.MustCompile(`\bheaders? [a-z0-9-]+: [^\s'"]+ (?:[^\s]+)`), headerCut,
		"a header value was read up to its first space: which is the whole value? Quote it: \"with header 'X-User: John Smith'\""},
	// Finder 9's S15: "to the LDAP server at 10.0.0.5", "to 10.0.0.0/24
	// for web traffic": the service the peer is named by says its port,
	// which no rule read; the rule held for every port (as "for LDAP"
	// asks, see unreadTerse). A DNS server has rows of its own (W13 and
	// notationRows' S5), which say its port.
	// Finder 10's S12: "to LDAP at 10.0.0.5", "to the Postgres server at
	// 10.0.0.7", "the database at", "the Kafka brokers at 10.0.0.0/24",
	// "the internet for web browsing": the same, with a database or broker
	// named, or a service said "at" its address.
	{regexp.MustCompile(`\b(ldap|ldaps|smtp|smtps|imap|imaps|pop3|ntp|syslog|ssh|sftp|ftp|telnet|rdp|vnc|snmp|nfs|amqp|mqtt|https?|postgres|postgresql|mysql|mariadb|redis|kafka|mongodb|mongo|elasticsearch|memcached|rabbitmq|zookeeper|etcd|database|db) ((server|servers|host|hosts|endpoint|endpoints|brokers?|instances?|cluster) )?at\b|\b(ldap|ldaps|smtp|smtps|imap|imaps|pop3|ntp|syslog|ssh|sftp|ftp|telnet|rdp|vnc|snmp|nfs|amqp|mqtt|https?|postgres|postgresql|mysql|mariadb|redis|kafka|mongodb|mongo|elasticsearch|memcached|rabbitmq|zookeeper|etcd|database) (server|servers|host|hosts|endpoint|endpoints|brokers?)\b|\bweb (traffic|requests|browsing)\b`), func(all []*generator.Intent) bool {
		return anyNetworkRule(all, func(r generator.NetworkRule) bool {
			return r.Verdict != generator.Deny && len(r.Ports) == 0 && len(r.DNS) == 0 && len(r.HTTP) == 0 && !slices.ContainsFunc(r.Peers, func(x generator.Peer) bool { return x.Service != "" })
		})
	}, "which ports does the service named beside the peer listen on? Name the port numbers (\"on port 389\", \"on 80 and 443\"); a rule with no port would hold for every port"},
	// W20: "GET /files/a+b", "GET /index.html": a path is a regular
	// expression to Cilium; '.' and '+' would match other paths.
	// "http://api.example.com:8080/v1/pay+x": the same, in a URL.
	{regexp.MustCompile(`(^|\s|://[^\s/]+)/[^\s]*[a-z0-9]\+`), pathMeta,
		"Cilium reads an HTTP path as a regular expression, where '.' and '+' match other characters: should the path match only literally? Write '\\.' and '\\+' for the literal character"},
	// W21: "[tree] the checkout pods GET /v1/charges on payments on 443":
	// a Service's 443 mapped to a container port kept the HTTP rule, on
	// TLS traffic Cilium's proxy cannot read.
	{regexp.MustCompile(`\b443\b`), func(all []*generator.Intent) bool {
		return slices.ContainsFunc(all, func(x *generator.Intent) bool {
			return slices.ContainsFunc(x.Notes, func(n string) bool { return strings.Contains(n, "443") }) &&
				anyNetworkRule([]*generator.Intent{x}, func(r generator.NetworkRule) bool { return len(r.HTTP) > 0 })
		})
	}, "HTTP rules on port 443 would need TLS interception, which kunerva does not set up; allow the port without the HTTP rule, or name the plain-HTTP port"},
	// W24: "in deployment web in namespace prod" (no tree): the name was
	// dropped and the whole namespace selected.
	{regexp.MustCompile(`(^|\s)(in|from|of|to) (the )?(deployment|statefulset|daemonset|replicaset|cronjob|job) (named |called )?[a-z0-9][a-z0-9-]*\b`), func(all []*generator.Intent) bool {
		return anySubject(all, func(s generator.Subject) bool {
			return s.Pods == nil || len(s.Pods.MatchLabels) == 0 && len(s.Pods.MatchExpressions) == 0
		})
	}, "which labels do that workload's pods carry? Name them: \"in pods labeled app=web in namespace prod\", or give the tree with --tree"},
	// W12: "files ending in .key under /etc/ssl/", "files in /etc/ that
	// start with shadow": KubeArmor cannot match a pattern of names.
	{regexp.MustCompile(`\bfiles?\b[^.;]*\b(ending|ends|end|starting|starts|start|beginning|begins|begin) (in|with)\b|\bfiles? whose names?\b|\bfiles? with (the )?(extension|suffix|prefix)\b`), hasSystem,
		"KubeArmor cannot match a pattern of file names: which files are meant? Name each path, e.g. \"block /etc/ssl/private/server.key\", or the whole directory"},
}

// finder7 (S1, S2, S3, S10): words before or after the rule, in a heading
// ("UDP only:", "Internal traffic:", "Except for the health checker:",
// "HTTP only:") or a sentence of their own ("It is UDP traffic.", "The
// clients are external.", "Exception: monitoring."), that limit the
// rule's protocol, peers, exceptions or kind of request. They were set
// aside with the heading or the remark, and the rule was read wider.
var contextWordRows = []unmetWordRow{
	// S1: "UDP only: allow egress ... to 8.8.8.8 on 53", "1.4 TCP and
	// UDP.", "Protocol: UDP.": the rule fell back to TCP.
	{regexp.MustCompile(`\budp\b`), portsAllTCP,
		"which protocol is meant: the rule's ports were read as TCP, but the request says UDP? Write it beside the port: \"on 53/UDP\" (or \"on 53/TCP and 53/UDP\")"},
	{regexp.MustCompile(`\bsctp\b`), portsAllTCP,
		"which protocol is meant: the rule's ports were read as TCP, but the request says SCTP? Write it beside the port: \"on 3868/SCTP\""},
	{regexp.MustCompile(`\b(both|all) protocols\b`), portsAllTCP,
		"which protocols are meant? Name them beside the port: \"on 53/TCP and 53/UDP\""},
	// S2: "Internal traffic:", "Same-namespace only:", "Node-local
	// traffic:", "The clients are external.", "External traffic only:
	// deny ...", "Cross-namespace communication:", "Internal addresses are
	// fine.": the peers were dropped, so the rule covered every peer.
	{regexp.MustCompile(`(^|[^\w=/.-])(internal|cluster-internal|pod-to-pod|same-namespace|intra-namespace|node-local)($|[^\w=/-])`), anyPeerWide,
		"which peers are meant: the rule was read for every peer, but the request limits them (inside the cluster, the namespace or the node)? Name them: \"from pods in the same namespace\", \"from the cluster\" or an address block"},
	// "External traffic only: deny ...", "The clients are external.",
	// "Cross-namespace communication:" ("external-secrets", a name, is
	// none of them; "any external IP" is 0.0.0.0/0, which it says).
	{regexp.MustCompile(`(^|[^\w=/.-])(external|cross-namespace|other hosts?)($|[^\w=/-])`), anyPeer,
		"which peers are meant: the rule was read for every peer, but the request limits them (outside the cluster or the namespace)? Name them: \"from the world\", \"from other namespaces\" or an address block"},
	// S2: "From the frontend: allow ingress to the cart pods on 8080",
	// "Frontend to cart: ...": a heading naming the peer, dropped.
	{regexp.MustCompile(`^(from [^:.]{1,40}|[a-z0-9-]+ (to|->) [a-z0-9-]+):`), anyPeerWide,
		"which peers are meant: the heading names them, and the rule was read for every peer? Say them in the rule: \"allow ingress to the cart pods from the frontend pods on 8080\""},
	// S3: "Except for the health checker: deny all ingress ...",
	// "Exception: monitoring.", "The health checker must still get
	// through.": the exception was dropped from a default deny.
	{regexp.MustCompile(`(^|[.;!?]\s+)(except\b|exceptions?:)|\b(must|should|need to|needs to) still\b|\bstill (get|work|reach|be able)\b`), isolatedWithoutAllow,
		"what stays allowed: the exception was dropped from the default deny? Say it as a rule of its own: \"allow ingress to app=web from pods labeled app=health-checker on 8080\""},
	// S10: "HTTP only:", "Only HTTP GET communication:", "gRPC only:",
	// "Read-only API:": the kind of request was dropped, a plain L4 allow
	// left.
	{regexp.MustCompile(`\b(http|grpc|get|post|put|patch|delete)( (get|post|put|patch|delete|requests?|traffic|calls?))? only\b|\bonly (http|grpc|get|post|put|patch|delete)\b|\bread-only (api|apis|endpoints?|access)\b`), func(all []*generator.Intent) bool {
		return anyNetworkRule(all, func(r generator.NetworkRule) bool { return r.Verdict == generator.Allow }) &&
			!anyNetworkRule(all, func(r generator.NetworkRule) bool { return len(r.HTTP) > 0 })
	}, "is the traffic limited to a kind of request (HTTP, gRPC, a method) that the rule does not hold? Name the methods and paths (\"allow GET /api from app=web to app=api on 8080\"), or say the whole port is allowed"},
}

// portsAllTCP tells whether the network rules name ports, all on TCP
// (the default), and so none on the protocol the request says.
func portsAllTCP(all []*generator.Intent) bool {
	ported := anyNetworkRule(all, func(r generator.NetworkRule) bool { return len(r.Ports) > 0 })
	return ported && !anyNetworkRule(all, func(r generator.NetworkRule) bool {
		return slices.ContainsFunc(r.Ports, func(p generator.Port) bool { return p.Protocol != "TCP" })
	})
}

// anyPeer tells whether a network rule is for every peer.
func anyPeer(all []*generator.Intent) bool {
	return anyNetworkRule(all, func(r generator.NetworkRule) bool { return len(r.Peers) == 0 })
}

// anyPeerWide tells whether a network rule is for every peer, or for
// 0.0.0.0/0 with nothing left out.
func anyPeerWide(all []*generator.Intent) bool {
	return anyNetworkRule(all, func(r generator.NetworkRule) bool {
		return len(r.Peers) == 0 || slices.ContainsFunc(r.Peers, func(p generator.Peer) bool { return p.CIDR == "0.0.0.0/0" && len(p.Except) == 0 })
	})
}

// isolatedWithoutAllow tells whether a rule isolates a direction while no
// rule allows anything: the exception said is held nowhere. (Any allow
// may hold it: "isolate the worker pods. Prometheus must still be able to
// scrape them on 9102" allows ingress and isolates egress.)
func isolatedWithoutAllow(all []*generator.Intent) bool {
	return anyNetworkRule(all, func(r generator.NetworkRule) bool {
		return r.Verdict == generator.Isolate && !anyNetworkRule(all, func(a generator.NetworkRule) bool { return a.Verdict == generator.Allow })
	})
}

// qualifierRows (finder 17, S6, S9, S10) are words that widen or narrow a
// value the rules read as written: an HTTP path said as the end, a part or
// the case of the paths meant, or a path "under" which others lie with no
// "/" after it; a port said with the ports next to it; a DNS name said
// with all of its domain. Read as the value alone, the policy allowed
// every path, the one path, one port or the one name. Each asks. (A path
// "starting with /api" is read as /api*: pathPrefixSpan.)
var qualifierRows = []unmetWordRow{
	// S6: "GET on paths ending in .png", "paths containing admin": the
	// words were dropped and GET allowed on every path.
	{regexp.MustCompile(`\b(paths?|urls?|uris?|routes?|endpoints?|requests?)\b[^.;:]{0,30}\b(ending|ends|end|suffixed|containing|contains|contain|having) (in|with)\b|\b(paths?|urls?|uris?|routes?|endpoints?|requests?) (that )?(containing|contains|contain|matching|match|matches|like|with (the )?(suffix|extension))\b`), anyHTTPRule,
		"which paths are meant? An HTTP rule matches the whole path, as a regular expression: give the paths with * for any part (\"/api/*\", \"/images/*\")"},
	// S6: "paths starting with api" (no "/"): the start was dropped.
	{regexp.MustCompile(`\b(starting|starts|start|beginning|begins|begin|prefixed) (with|by) [^/\s]`), anyHTTPRule,
		"which paths are meant? An HTTP path starts with \"/\": say \"paths starting with /api\", or give them with * for any part (\"/api/*\")"},
	// S6: "GET on case-insensitive /Health": the case was read as
	// written; an HTTP rule's path is matched with its case.
	{regexp.MustCompile(`\bcase[- ]insensitive(ly)?\b|\b(ignoring|ignore|ignores|regardless of|any) (the )?(letter )?case\b|\b(upper|lower)[- ]?case\b`), anyHTTPRule,
		"an HTTP rule matches a path with its case as written: which spellings are meant? Name each path (\"/Health and /health\")"},
	// S6: "POST to paths under /upload": the one path /upload was
	// allowed ("under /upload/" is every path below it).
	{regexp.MustCompile(`\b(under|below|beneath|within|inside) (the )?/[^\s*]*[^\s/*,;.)]($|[\s,;.)])`), anyHTTPRule,
		"is the path itself meant, or the paths below it? An HTTP rule matches the whole path; say it with a \"/\" after it (\"under /api/\") for every path below it, or name the one path"},
	// S9: "on port 8080 and the next two", "and the two after it", "and
	// its neighbours": the ports beside it were dropped.
	{regexp.MustCompile(`\b\d{1,5} (and|plus|as well as|with|,) (the|its) ((next|following|previous|preceding|prior|adjacent|neighbou?ring|surrounding|subsequent|consecutive)\b|neighbou?rs?\b|(one|two|three|four|five|six|seven|eight|nine|ten|few|couple|\d+) (of )?(ports? )?(after|before|above|below|following|next|higher|lower|beside|around)\b)|\b\d{1,5} (and|plus) (the )?(next|following) (one|two|three|four|five|few|couple|\d+)\b`), hasNetwork,
		"which ports are meant besides the one named? Name each port or the range: \"on ports 8080-8082\""},
	// S10: "all of example.com", "the whole example.com domain": the one
	// name was allowed, and none below it. ("anything under example.com"
	// is *.example.com, read by the DNS rules.)
	{regexp.MustCompile(`\b(all|whole|entire|entirety|every part|any part) (of |on |in |at |under |within )?(the )?([a-z0-9-]+\.)+[a-z]{2,}\b`), fqdnApexOnly,
		"is the name alone meant, or every name under it too? Say \"example.com and its subdomains\" (example.com and *.example.com), or name the one name"},
}

// anyHTTPRule tells whether a network rule has HTTP rules.
func anyHTTPRule(all []*generator.Intent) bool {
	return anyNetworkRule(all, func(r generator.NetworkRule) bool { return len(r.HTTP) > 0 })
}

// fqdnApexOnly tells whether a rule names a DNS name without its
// subdomains' pattern beside it.
func fqdnApexOnly(all []*generator.Intent) bool {
	return anyNetworkRule(all, func(r generator.NetworkRule) bool {
		return slices.ContainsFunc(r.Peers, func(p generator.Peer) bool {
			return p.FQDN != "" && !strings.Contains(p.FQDN, "*") && !slices.ContainsFunc(r.Peers, func(q generator.Peer) bool { return q.FQDN == "*."+p.FQDN })
		})
	})
}

// allUnmetWordRows are the rows wordsUnmet reads, in order.
var allUnmetWordRows = slices.Concat(unmetWordRows, contextWordRows, notationRows, qualifierRows)

// headerCut tells whether a header of an HTTP rule stops at a space the
// request goes on after ("X-User: John" of "X-User: John Smith").
func headerCut(all []*generator.Intent) bool {
	return anyNetworkRule(all, func(r generator.NetworkRule) bool {
		for _, h := range r.HTTP {
			for _, v := range h.Headers {
				if headerValueCut(all, v) {
					return true
				}
			}
		}
		return false
	})
}

// headerWordsAfter are words that may follow a header's value and end it.
var headerWordsAfter = set("from", "to", "on", "and", "or", "for", "in", "at", "only", "is", "set", "header", "headers", "with", "may", "can", "but", "into", "towards", "should", "must", "will")

// headerValueCut tells whether, in the request, header v is followed by a
// word that is not one that ends a value.
func headerValueCut(all []*generator.Intent, v string) bool {
	for _, x := range all {
		low := strings.ToLower(x.Request)
		i := strings.Index(low, strings.ToLower(v))
		if i < 0 {
			continue
		}
		rest := low[i+len(v):]
		if !strings.HasPrefix(rest, " ") {
			continue
		}
		f := strings.Fields(rest)
		if len(f) > 1 && !headerWordsAfter[strings.Trim(f[0], ",.;:")] && !strings.HasPrefix(f[0], "(") && headerWordsAfter[f[1]] {
			return true
		}
	}
	return false
}

// pathMeta tells whether an HTTP path holds '.' or '+' outside ".*"/".+"
// and not escaped: a literal meant, a regular expression written.
func pathMeta(all []*generator.Intent) bool {
	return anyNetworkRule(all, func(r generator.NetworkRule) bool {
		for _, h := range r.HTTP {
			p := strings.NewReplacer(`\.`, "", `\+`, "", ".*", "", ".+", "").Replace(h.Path)
			if strings.ContainsAny(p, ".+") {
				return true
			}
		}
		return false
	})
}

// wordsUnmet asks about the first row of unmetWordRows or contextWordRows whose words the
// request says and whose rules do not hold them.
func wordsUnmet(request string, toks []token, all []*generator.Intent) error {
	low := strings.ToLower(request)
	for _, row := range allUnmetWordRows {
		if row.unmet(all) && row.match.MatchString(low) { // the rules first: most requests hold none of what a row is about
			var understood []string
			for _, x := range all {
				understood = append(understood, x.Summary()...)
			}
			return &generator.NotUnderstoodError{Request: request, Understood: understood, Example: generator.ExampleNetwork, Missing: row.question}
		}
	}
	return nil
}
