package builtin

import (
	"fmt"
	"slices"
	"strings"

	"github.com/kunerva/kunerva/generator"
)

// httpRules claims "GET /public", "GET and HEAD on /api/*", "POST /orders
// with header X-Api-Key", "only GET requests", "only HTTP GET", "header
// X-Tenant: shop", "with any method".
func (p *parser) httpRules() []httpV {
	type part struct {
		value string
		m     *mark
	}
	var verbs, paths, headers []part
	// "with any method": no method is named, every one is meant.
	for _, ph := range [][]string{{"with", "any", "method"}, {"any", "method"}, {"with", "any", "http", "method"}, {"any", "http", "method"}, {"all", "methods"}, {"any", "verb"}} {
		p.claimPhrase("any-method", ph...)
	}
	httpWords := p.has("http", "https", "http/1.1", "http2", "rest", "api", "requests", "request", "calls", "call", "endpoint", "endpoints", "url", "urls", "path", "paths", "route", "routes", "uri")
	for i, t := range p.toks {
		if p.taken(i) {
			continue
		}
		if len(verbs) > 0 && p.methodsLeftOut(i, func(m string) bool { return slices.ContainsFunc(verbs, func(v part) bool { return v.value == m }) }) {
			continue
		}
		upper := strings.ToUpper(t.raw) == t.raw
		// "the app=db pods may get requests from the app=web pods": "get"
		// in lower case after a modal, the requests coming "from" others,
		// is the verb of taking them in, no HTTP method (read as one, the
		// pods that get them became the ones that send).
		// So is any "get|gets|getting requests from" in lower case: "allow
		// app=web to get requests from app=api", "app=web gets requests
		// from app=api" (finder 14, S5: read as GET, the direction flipped).
		if (t.low == "get" || t.low == "gets" || t.low == "getting") && !upper && p.is(i+1, "requests", "calls") && p.is(i+2, "from") {
			continue
		}
		isMethod := methods[t.low] && (upper && len(t.raw) > 2 || p.tok(i+1) != nil && p.toks[i+1].kind == tPath || p.is(i+1, "requests", "request", "calls", "call", "method", "methods", "verb", "verbs") || p.is(i-1, "http", "method", "methods", "verb", "verbs") || httpWords && p.is(i+1, "and", "or", ",") && methods[p.word(i+2)] ||
			// "the methods get and post": the last of a list of methods.
			p.is(i-1, "and", "or", ",") && i > 1 && p.claim[i-2] == "http-method")
		switch {
		case isMethod && (t.low != "get" || upper || p.is(i+1, "requests", "request", "calls", "call", "method") || p.is(i+1, "and", "or", ",") && methods[p.word(i+2)] || p.is(i-1, "http", "method", "methods", "verb", "verbs") || p.tok(i+1) != nil && p.toks[i+1].kind == tPath):
			verbs = append(verbs, part{strings.ToUpper(t.low), p.take(i, i+1, "http-method")})
			if p.is(i+1, "requests", "request", "calls", "call", "method", "methods") {
				p.take(i+1, i+2, "http-method")
			}
			if p.is(i-1, "method", "methods", "verb", "verbs") && !p.taken(i-1) {
				p.take(i-1, i, "http-method") // "methods GET, PUT and POST"
			}
		case t.kind == tPath && p.httpPath(i):
			value, start, end := t.raw, i, i+1
			if a, b := p.pathPrefixSpan(i); a >= 0 {
				// "paths starting with /api", "prefixed by /v2", "the
				// prefix /v2": every path that begins so (finder 17, S6:
				// read as the one path /api).
				if !strings.HasSuffix(value, "*") {
					value += "*"
				}
				start, end = a, b
			} else if len(value) > 1 && strings.HasSuffix(value, "/") {
				// An HTTP rule matches the whole path: "/api/" is that one
				// path, "under /api/" every path below it.
				switch {
				case subtreeBefore[p.word(i-1)] && !p.taken(i-1):
					value, start = value+"*", i-1
					if p.is(i-2, "anything", "everything") && !p.taken(i-2) {
						start = i - 2
					}
				case subtreeAfter[p.word(i+1)] && !p.taken(i+1):
					value, end = value+"*", i+2
				default:
					p.dirPaths = append(p.dirPaths, i)
				}
			}
			paths = append(paths, part{value, p.take(start, end, "http-path")})
		case t.low == "/" && i > 0 && p.claim[i-1] == "http-method":
			// "GET /", 'HTTP GET "/"': the root path alone.
			paths = append(paths, part{"/", p.take(i, i+1, "http-path")})
		case t.kind == tWord && p.is(i-1, "with", "and", "plus") && p.is(i+1, ":") && strings.Contains(t.raw, "-") && p.headerName(t.raw) && p.tok(i+2) != nil && p.toks[i+2].kind != tPunct && len(verbs)+len(paths) > 0:
			// "POST /orders with Content-Type: application/json"
			headers = append(headers, part{t.raw + ": " + p.toks[i+2].raw, p.take(i, i+3, "http-header")})
		case t.low == "header" || t.low == "headers":
			// "with header X-Api-Key", "with the X-Token header", "header X-Tenant: shop"
			if h := p.tok(i + 1); h != nil && h.kind == tWord && p.headerName(h.raw) {
				value := h.raw
				end := i + 2
				if strings.HasSuffix(value, ":") || p.is(i+2, ":") {
					value = strings.TrimSuffix(value, ":")
					k := i + 2
					if p.is(k, ":") {
						k++
					}
					if v := p.tok(k); v != nil && v.kind != tPunct {
						value += ": " + v.raw
						end = k + 1
					}
				} else if p.is(i+2, "set", "equal", "equals", "=") && p.is(i+3, "to") && p.tok(i+4) != nil {
					value += ": " + p.toks[i+4].raw
					end = i + 5
				}
				// "header X-Env: prod or staging", "X-Env set to prod and
				// dev": one value is read, the others would be dropped.
				if end > i+2 && p.is(end, "or", "and", ",", "/") && p.tok(end+1) != nil && p.toks[end+1].kind != tPunct && p.toks[end+1].kind != tPath && !methods[p.word(end+1)] && !p.headerName(p.toks[end+1].raw) && p.httpAsk == "" {
					p.httpAsk = fmt.Sprintf("which values may header %s have? An HTTP rule matches one value of a header; say a rule for each (%q)", h.raw, p.text(i, min(end+2, len(p.toks))))
				}
				headers = append(headers, part{value, p.take(i, end, "http-header")})
			} else if h := p.tok(i - 1); h != nil && h.kind == tWord && (p.headerName(h.raw) || p.is(i-1, "request") && p.tok(i-2) != nil && p.headerName(p.toks[i-2].raw)) {
				// "the X-Mashery-Handshake request header", "the kube-token
				// header is set to 9f8e7d6c5b"
				start := i - 1
				if p.is(i-1, "request") {
					start, h = i-2, p.tok(i-2)
				}
				value, end := h.raw, i+1
				k := i + 1
				if p.is(k, "is") {
					k++
					if p.is(k, "set") && p.is(k+1, "to") {
						k += 2
					}
					if v := p.tok(k); v != nil && (v.kind == tWord || v.kind == tNumber) && !fillerWords[v.low] && !determiners[v.low] && !p.is(k+1, "or", "and", ",") {
						value, end = value+": "+v.raw, k+1
					}
				}
				headers = append(headers, part{value, p.take(start, end, "http-header")})
			}
		}
	}
	if len(verbs) == 0 && len(paths) == 0 && len(headers) == 0 {
		return nil
	}
	// Methods and paths go together as written: "GET /a and POST /b" is
	// two rules, "GET and POST /x" and "GET /a and /b" one each; a header
	// belongs to the methods and paths before it, or to all when it comes first.
	type group struct {
		verbs, paths, headers []part
	}
	var groups []*group
	cur := func() *group {
		if len(groups) == 0 {
			groups = append(groups, &group{})
		}
		return groups[len(groups)-1]
	}
	var leading []part
	for i := range p.toks {
		for _, v := range verbs {
			if v.m.start == i {
				// "GET requests to app=backend on 8080, and POST to /login":
				// methods apart are rules apart.
				apart := false
				if g := cur(); len(g.verbs) > 0 {
					for k := g.verbs[len(g.verbs)-1].m.end; k < i; k++ {
						if p.claim[k] != "http-method" && !p.is(k, ",", "and", "or", "&", "/") {
							apart = true
						}
					}
				}
				if g := cur(); len(g.paths) > 0 || len(g.headers) > 0 || apart {
					groups = append(groups, &group{})
				}
				cur().verbs = append(cur().verbs, v)
			}
		}
		for _, v := range paths {
			if v.m.start == i {
				if g := cur(); len(g.headers) > 0 {
					groups = append(groups, &group{})
				}
				cur().paths = append(cur().paths, v)
			}
		}
		for _, v := range headers {
			if v.m.start == i {
				if len(groups) == 0 {
					leading = append(leading, v)
				} else {
					cur().headers = append(cur().headers, v)
				}
			}
		}
	}
	if len(groups) == 0 {
		groups = append(groups, &group{})
	}
	p.httpWordsAside(len(paths) > 0)
	// "GET /api on 8080 but only GET", "GET /a and HEAD": methods with
	// no path after methods with paths would allow them on every path.
	if len(groups) > 1 && p.httpAsk == "" && slices.ContainsFunc(groups, func(g *group) bool { return len(g.paths) > 0 }) {
		for _, g := range groups[1:] {
			if len(g.paths) == 0 && len(g.verbs) > 0 {
				p.httpAsk = fmt.Sprintf("which paths is %s for? It is said apart from the paths, so it would allow every path; say its paths, or leave it out if it repeats a rule before", g.verbs[0].value)
				break
			}
		}
	}
	var out []httpV
	for _, g := range groups {
		gv, gp := g.verbs, g.paths
		if len(gv) == 0 {
			gv = []part{{}}
		}
		if len(gp) == 0 {
			gp = []part{{}}
		}
		for _, m := range gv {
			for _, path := range gp {
				v := httpV{rule: generator.HTTPRule{Method: m.value, Path: path.value}}
				if m.m != nil {
					v.origins = append(v.origins, p.origin("method", m.m))
				}
				if path.m != nil {
					v.origins = append(v.origins, p.origin("path", path.m))
				}
				for k, h := range append(slices.Clone(leading), g.headers...) {
					v.rule.Headers = append(v.rule.Headers, h.value)
					v.origins = append(v.origins, p.origin(fieldf("headers[%d]", k), h.m))
				}
				out = append(out, v)
			}
		}
	}
	for i, t := range p.toks {
		if (t.low == "http" || t.low == "https" && !p.is(i+1, "port") || t.low == "requests" || t.low == "request" || t.low == "calls" || t.low == "l7") && !p.taken(i) {
			p.take(i, i+1, "http")
		}
	}
	return out
}

// subtreeBefore and subtreeAfter make an HTTP path that ends in "/" the
// prefix of every path below it: "only GET under /api/", "anything below
// /v1/", "POST on /fhir/ paths", "the /admin/ prefix". Without them such a
// path asks (the accounting, dirPathAlone): "only GET under /api/ on 8080"
// once wrote the rule path /api/, which lets GET through for that one path
// and no other.
var (
	subtreeBefore = set("under", "below", "beneath", "within")
	subtreeAfter  = set("paths", "routes", "prefix", "subtree")
)

// pathPrefixWords, before "with" or "by" and an HTTP path, say the path
// is the start of every path meant: "paths starting with /api", "routes
// that begin with /v2", "prefixed by /static". An HTTP rule matches the
// whole path, so the path gets a "*" after it.
var pathPrefixWords = set("starting", "starts", "start", "beginning", "begins", "begin", "prefixed")

// pathPrefixSpan finds, around the HTTP path at i, the words that make it
// a prefix (pathPrefixWords and "with" or "by" before it, or "prefix"
// before or after it: "the prefix /v2", "the /v2 prefix"), and returns the
// span of the path with them, or -1, -1.
func (p *parser) pathPrefixSpan(i int) (int, int) {
	switch {
	case pathPrefixWords[p.word(i-2)] && p.is(i-1, "with", "by") && !p.taken(i-2) && !p.taken(i-1):
		return i - 2, i + 1
	case p.is(i-1, "prefix") && !p.taken(i-1):
		return i - 1, i + 1
	case p.is(i+1, "prefix") && !p.taken(i+1):
		return i, i + 2
	}
	return -1, -1
}

// leaveOutMarkers name, before HTTP methods, what an allow-list of other
// methods leaves out: "but not POST", ", block POST/DELETE", ", never
// DELETE", "and reject PUT requests".
var leaveOutMarkers = set("not", "never", "no", "block", "deny", "reject", "refuse", "drop", "forbid", "prohibit", "disallow")

// methodsLeftOut reads, at i, a marker of what is left out and the HTTP
// methods after it, when methods were allowed before it: "GET /products
// but not POST /products", "only allow GET on port 8080, block
// POST/DELETE etc.", "GET and HEAD only, never DELETE". An HTTP rule
// allows only the requests it names, so the methods left out are what it
// drops already: they are claimed, not read as allowed. It holds only
// after a joiner ("but", "and", a comma), for methods none of those
// allowed, in a clause with no other deny or negation (where "but not
// GET" could be a deny's own exception).
func (p *parser) methodsLeftOut(i int, allowed func(method string) bool) bool {
	if !leaveOutMarkers[p.word(i)] || !p.is(i-1, ",", "but", "and", ";") {
		return false
	}
	for k, t := range p.toks {
		if k != i && (denyWords[t.low] || negationWords[t.low]) {
			return false
		}
	}
	end, n := i+1, 0
	for end < len(p.toks) && !p.taken(end) {
		t := p.toks[end]
		ms := strings.Split(t.raw, "/")
		isMethods := t.kind == tWord && strings.ToUpper(t.raw) == t.raw
		for _, m := range ms {
			isMethods = isMethods && methods[strings.ToLower(m)]
		}
		switch {
		case isMethods:
			for _, m := range ms {
				if allowed(m) {
					return false
				}
			}
			n++
		case t.kind == tPath && n > 0, p.is(end, ",", "and", "or", "nor", "requests", "request", "calls", "call", "methods", "etc", "etc.") && n > 0,
			p.is(end, "to", "on") && n > 0 && p.toks[min(end+1, len(p.toks)-1)].kind == tPath:
		default:
			goto done
		}
		end++
	}
done:
	for end > i+1 && p.is(end-1, ",", "and", "or", "nor") {
		end--
	}
	if n == 0 {
		return false
	}
	from := i
	if p.is(i-1, "but", "and") {
		from = i - 1
	}
	p.take(from, end, "http-allow-list-rest")
	return true
}

// headerName reports whether w can be an HTTP header's name: X-Api-Key,
// Authorization, Content-Type.
func (p *parser) headerName(w string) bool {
	w = strings.TrimSuffix(w, ":")
	if w == "" || fillerWords[strings.ToLower(w)] || determiners[strings.ToLower(w)] {
		return false
	}
	for _, r := range w {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_') {
			return false
		}
	}
	return strings.Contains(w, "-") || w[0] >= 'A' && w[0] <= 'Z'
}

// httpPath reports whether the path at i is part of an HTTP rule ("GET /public").
func (p *parser) httpPath(i int) bool {
	// "the toolbox pod may request /admin/*", "can hit /admin/* as well as
	// /public/*": a path asked for over HTTP, and the list it starts.
	if p.is(i-1, "request", "requests", "hit", "hits") {
		return true
	}
	if i >= 2 && p.is(i-1, "and", "or", ",") && p.toks[i-2].kind == tPath && p.httpPath(i-2) {
		return true
	}
	for k := i - 1; k >= 0 && k >= i-5; k-- {
		if methods[p.word(k)] && strings.ToUpper(p.toks[k].raw) == p.toks[k].raw || p.is(k, "http", "https", "url", "urls", "endpoint", "endpoints", "route", "routes", "uri", "api", "prefix") || p.is(k, "requests", "request", "calls", "call") && p.is(k+1, "to", "on", "for", "under", "matching") && p.claim[k] != "syscall" {
			return true
		}
		if p.toks[k].kind == tDomain {
			return true
		}
	}
	return p.is(i+1, "on", "over") && p.has("http", "https") || methods[p.word(i-1)] || p.is(i+1, "endpoint", "endpoints", "route", "path", "api")
}

// dnsRequest claims "and dns", "plus dns lookups", "dns lookups of
// *.example.com", "resolve api.example.com", "DNS to kube-dns in
// kube-system"; it returns the DNS patterns named and the mark of the
// words that ask for DNS, or a question when the list of names is cut.
func (p *parser) dnsRequest() ([]valueV, *mark, error) {
	at := p.index("dns", "kube-dns", "coredns", "name-resolution")
	if at < 0 && !slices.ContainsFunc(p.toks, func(t token) bool { return denyWords[t.low] }) {
		// "the app=a pods may resolve example.com and reach it on 443":
		// names resolved are DNS lookups, not places reached; with no
		// word of DNS the lookups would be lost, or read as traffic.
		if k, n := p.lookupVerbBeforeName(); k >= 0 {
			return nil, nil, p.refuse(fmt.Sprintf("does %q mean DNS lookups of the names (say \"allow DNS lookups of %s\"), or connections to them (say \"reach %s\")?", p.text(k, n+1), p.toks[n].raw, p.toks[n].raw), generator.ExampleNetwork)
		}
		// "resolve and reach example.com on 443"
		if k := p.index("resolve", "resolves", "resolving"); k >= 0 && !p.taken(k) && !p.is(k+1, "to") {
			if n := slices.IndexFunc(p.toks, func(t token) bool { return t.kind == tDomain }); n >= 0 {
				return nil, nil, p.refuse(fmt.Sprintf("should the pods look %s up in DNS? Say \"allow DNS lookups of %s\" beside the rule that reaches it", p.toks[n].raw, p.toks[n].raw), generator.ExampleNetwork)
			}
		}
		return nil, nil, nil
	}
	if at < 0 {
		return nil, nil, nil
	}
	// "the kube-dns pods (...) accept traffic on port 53 from all pods":
	// the DNS pods are the ones the policy is for, not a DNS allowance;
	// so in a heading: "Start with CoreDNS: the pods labeled
	// k8s-app=kube-dns in kube-system accept traffic only from ...".
	if p.is(at+1, "pods", "pod", "deployment", "(", ":") && !p.is(at-1, "to", "via", "through", "towards", "reach") && (slices.ContainsFunc(p.toks[at+1:], func(t token) bool { return receiveVerbs[t.low] || ingressWords[t.low] })) &&
		!p.has("lookups", "lookup", "queries", "resolve", "resolving", "resolution") {
		return nil, nil, nil
	}
	p.resolvedNamesPhrase()
	// "reach accounts.google.com and www.googleapis.com on 443, and look
	// those names up through kube-dns": the names said before.
	if k, n := p.lookUpSaidBefore(); k >= 0 {
		var patterns []valueV
		for i, t := range p.toks[:k] {
			if t.kind == tDomain {
				patterns = append(patterns, valueV{strings.TrimSuffix(t.low, "."), &mark{i, i + 1, "dns-pattern"}})
			}
		}
		if len(patterns) == 0 {
			return nil, nil, p.refuse(fmt.Sprintf("which names should the pods look up? %q names none before it", p.text(k, n)), generator.ExampleNetwork)
		}
		p.take(k, n, "dns")
		p.claimClusterDNS()
		return patterns, p.take(at, at+1, "dns"), nil
	}
	end := at + 1
	var patterns []valueV
	// "look up only api.github.com in DNS", "resolve *.example.com"
	// "query only example.com in DNS": "query" is the lookup.
	queryAt := -1
	if k, _ := p.lookupVerbBeforeName(); k >= 0 && p.is(k, "query", "queries", "querying") {
		queryAt = k
	}
	if lookup := p.phrase("look", "up"); lookup >= 0 || p.has("resolve", "resolving") || queryAt >= 0 {
		from := lookup
		if from < 0 {
			from = p.index("resolve", "resolving")
		}
		if from < 0 {
			from = queryAt
			p.take(queryAt, queryAt+1, "dns")
		}
		// "resolve DNS names via kube-dns and make external requests to X":
		// what follows a verb of traffic is reached, not looked up.
		stop := len(p.toks)
		for k := from + 1; k < len(p.toks); k++ {
			if reachVerbs[p.word(k)] && !p.is(k, "resolve", "resolving", "query", "queries", "querying", "lookup", "lookups") {
				stop = k
				break
			}
		}
		for i, t := range p.toks {
			// "reach api.stripe.com on 443, and resolve names": only what
			// follows the verb is looked up.
			if t.kind == tDomain && !p.taken(i) && i > from && i < stop {
				name := strings.TrimSuffix(t.low, ".")
				patterns = append(patterns, valueV{name, p.take(i, i+1, "dns-pattern")})
				if e := p.subdomainsNamed(i); e > 0 {
					p.take(i+1, e, "dns-subdomains")
					patterns = append(patterns, valueV{"*." + name, &mark{i, e, "dns-subdomains"}})
				}
			}
		}
		if lookup >= 0 {
			p.take(lookup, lookup+2, "dns")
		}
		if k := p.index("resolve", "resolving"); k >= 0 {
			p.take(k, k+1, "dns")
		}
		p.claimClusterDNS()
		return patterns, p.take(at, end, "dns"), nil
	}
	// "DNS through kube-dns is fine, but only lookups matching *.stripe.com
	// and *.paypal.com": the names it may look up.
	for k := at + 1; k < len(p.toks) && k <= at+10; k++ {
		if !p.is(k, "lookups", "queries", "names", "requests") || !p.is(k+1, "matching", "for", "of", "like") || p.tok(k+2) == nil || p.toks[k+2].kind != tDomain {
			continue
		}
		n := k + 2
		for n < len(p.toks) && (p.toks[n].kind == tDomain || p.is(n, ",", "and", "or") && p.tok(n+1) != nil && p.toks[n+1].kind == tDomain) {
			if p.toks[n].kind == tDomain {
				patterns = append(patterns, valueV{strings.TrimSuffix(p.toks[n].low, "."), p.take(n, n+1, "dns-pattern")})
			} else {
				p.take(n, n+1, "list")
			}
			n++
		}
		n = p.subdomainsAside(n, &patterns)
		if err := p.askDNSListCut(n); err != nil {
			return nil, nil, err
		}
		p.take(k, k+2, "dns")
		for m := at + 1; m < k; m++ {
			if p.is(m, "through", "via", "to") && !p.taken(m) {
				p.take(m, m+1, "dns")
			}
		}
		p.claimPhrase("dns", "kube-dns")
		return patterns, p.take(at, at+1, "dns"), nil
	}
	j := at + 1
	for p.is(j, "lookups", "lookup", "queries", "query", "requests", "resolution", "traffic", "resolving", "server", "servers", "service", "pods", "port", "ports") {
		j++
	}
	// "DNS queries through kube-dns only for *.cilium.io"
	if !p.is(j, "of", "for", "to") {
		for k := j; k < len(p.toks) && k < j+5; k++ {
			if p.is(k, "for", "of") && p.tok(k+1) != nil && p.toks[k+1].kind == tDomain {
				p.take(j, k, "dns")
				j = k
				break
			}
		}
	}
	end = j
	if p.is(j, "of", "for", "to") {
		k := j + 1
		for k < len(p.toks) {
			t := p.toks[k]
			if (t.kind == tDomain || t.raw == "*") && !p.taken(k) {
				patterns = append(patterns, valueV{strings.TrimSuffix(t.low, "."), p.take(k, k+1, "dns-pattern")})
				k++
				continue
			}
			if e := p.anyNameEnd(k); e > k && len(patterns) == 0 {
				patterns = append(patterns, valueV{"*", p.take(k, e, "dns-any-name")})
				k = e
				break
			}
			if (p.is(k, ",", "and", "or")) && k+1 < len(p.toks) && p.toks[k+1].kind == tDomain {
				k++
				continue
			}
			break
		}
		if len(patterns) > 0 {
			k = p.subdomainsAside(k, &patterns)
			end = k
			if err := p.askDNSListCut(k); err != nil {
				return nil, nil, err
			}
		}
	}
	// "DNS lookups through kube-dns, any name", "..., for any name": every
	// name may be looked up, said after the allowance.
	if len(patterns) == 0 {
		for k := end; k < len(p.toks); k++ {
			if !p.is(k-1, ",", "for", "of") || p.taken(k) {
				continue
			}
			if e := p.anyNameEnd(k); e > k && (e == len(p.toks) || p.toks[e].kind == tPunct) {
				patterns = append(patterns, valueV{"*", p.take(k, e, "dns-any-name")})
				if p.is(k-1, "for", "of") {
					p.take(k-1, k, "dns-any-name")
				}
				break
			}
		}
	}
	p.resolvedNamesPhrase()
	p.claimClusterDNS()
	// "reach kube-dns for DNS": the allowance named twice.
	for i, t := range p.toks {
		if i > end && (t.low == "dns" || t.low == "kube-dns" || t.low == "coredns") && !p.taken(i) && p.is(i-1, "for", "via", "through", "to", "and") {
			p.take(i-1, i+1, "dns")
		}
	}
	return patterns, p.take(at, end, "dns"), nil
}

// anyNameEnd returns where "any name", "all names", "every domain" at k
// ends (k when there is none): every name may be looked up.
func (p *parser) anyNameEnd(k int) int {
	if p.is(k, "any", "all", "every") && p.is(k+1, "name", "names", "domain", "domains", "hostname", "hostnames") {
		return k + 2
	}
	return k
}

// subdomainsAside reads "and its subdomains (*.google.com)" at token k,
// after a list of names looked up: the names in brackets are looked up
// too. It returns the token after the brackets, or k when they are not
// there.
func (p *parser) subdomainsAside(k int, patterns *[]valueV) int {
	if !p.is(k, "and", "plus", ",") || !p.is(k+1, "its", "their") || !p.is(k+2, "subdomains", "subdomain", "sub-domains") || !p.is(k+3, "(") {
		return k
	}
	n := k + 4
	var found []int
	for n < len(p.toks) && (p.toks[n].kind == tDomain && !p.taken(n) || p.is(n, ",", "and", "or")) {
		if p.toks[n].kind == tDomain {
			found = append(found, n)
		}
		n++
	}
	if len(found) == 0 || !p.is(n, ")") {
		return k
	}
	for _, d := range found {
		*patterns = append(*patterns, valueV{strings.TrimSuffix(p.toks[d].low, "."), p.take(d, d+1, "dns-pattern")})
	}
	p.take(k, k+4, "dns")
	p.take(n, n+1, "dns")
	return n + 1
}

// subdomainsNamed reads, after the DNS name at i, "and its subdomains"
// with nothing after it but the clause's end or a bracket of examples of
// them: "resolve google.com and its subdomains (www.google.com,
// api.google.com, etc)". The subdomains are the pattern *.name; the
// examples are some of them, not names of their own (read as names, the
// pattern was lost). It returns the token after the words, or 0. A bracket
// holding anything but subdomains of the name, "etc" and commas is not read.
func (p *parser) subdomainsNamed(i int) int {
	if !p.is(i+1, "and", "plus") || !p.is(i+2, "its") || !p.is(i+3, "subdomains", "sub-domains") || strings.HasPrefix(p.word(i), "*") {
		return 0
	}
	k := i + 4
	if !p.is(k, "(") {
		return k
	}
	suffix := "." + strings.TrimSuffix(p.word(i), ".")
	n, examples := k+1, 0
	for ; n < len(p.toks) && !p.is(n, ")"); n++ {
		switch t := p.toks[n]; {
		case t.kind == tDomain && strings.HasSuffix(strings.TrimSuffix(t.low, "."), suffix) && !strings.HasPrefix(t.low, "*"):
			examples++
		case p.is(n, ",", "etc", "etc.", "e.g.", "e.g", "like", "such", "as"):
		default:
			return 0
		}
	}
	if n == len(p.toks) || examples == 0 {
		return 0
	}
	return n + 1
}

// askDNSListCut asks when the names looked up go on past the list read:
// "DNS lookups for google.com and its subdomains (*.google.com)", "DNS
// queries of stripe.com, plus any subdomain like *.stripe.com": the list
// stops at a word that is not a name, yet more names follow it before the
// next verb, and whether they are looked up too cannot be told.
func (p *parser) askDNSListCut(k int) error {
	if !p.is(k, "and", "or", ",", "plus", "(", "including", "with", "as") {
		return nil
	}
	for n := k + 1; n < len(p.toks) && n <= k+6; n++ {
		if reachVerbs[p.word(n)] || p.is(n, ";", ".") {
			return nil
		}
		if p.toks[n].kind == tDomain && !p.taken(n) {
			return p.ask(fmt.Sprintf("which names may be looked up in DNS? The list stops before %q, which may be looked up too; name each one (\"DNS lookups of a.com and *.a.com\")", p.toks[n].raw), generator.ExampleNetwork, "DNS lookups of "+p.toks[n].raw)
		}
	}
	return nil
}

// claimClusterDNS claims the words that say the cluster DNS in full ("DNS
// to kube-dns in kube-system", "kube-dns (k8s-app=kube-dns in
// kube-system)", "(port 53)"), which the DNS rule says.
func (p *parser) claimClusterDNS() {
	for _, ph := range [][]string{{"to", "kube-dns", "in", "kube-system"}, {"to", "kube-dns"}, {"kube-dns", "in", "kube-system"}, {"to", "coredns"}, {"to", "the", "cluster", "dns"}, {"cluster", "dns"}, {"the", "cluster", "dns"}} {
		p.claimPhrase("dns", ph...)
	}
	// "DNS in kube-system": where the DNS is; "every pod in kube-system may
	// do DNS lookups" names the pods' own namespace.
	for i := range p.toks {
		if p.is(i, "in") && p.is(i+1, "kube-system") && !p.taken(i) && !p.taken(i+1) && !podNouns[p.word(i-1)] && (i == 0 || p.toks[i-1].kind != tLabel) {
			p.take(i, i+2, "dns")
		}
	}
	// "kube-dns (k8s-app=kube-dns in kube-system)", "the kube-dns pods
	// (k8s-app=kube-dns in kube-system)": its labels, said again.
	for i := range p.toks {
		if !p.is(i, "kube-dns", "coredns") {
			continue
		}
		open := i + 1
		if p.is(open, "pods", "pod", "service", "server", "servers") {
			open++
		}
		if !p.is(open, "(") {
			continue
		}
		k := open + 1
		for k < len(p.toks) && (p.toks[k].low == "k8s-app=kube-dns" || p.is(k, "in", "kube-system", "namespace", ",")) {
			k++
		}
		// The name is the server's too: "to the kube-dns pods
		// (k8s-app=kube-dns) in kube-system" beside "DNS resolution" had
		// left "kube-dns" a workload whose labels, read again, made a
		// second peer on any port, in the subject's namespace.
		if k > open+1 && p.is(k, ")") {
			p.take(i, k+1, "dns")
		}
	}
	// "port 53" is implied by DNS; leave such mentions to the DNS rule.
	for i, t := range p.toks {
		if t.raw == "53" && !p.taken(i) {
			p.take(i, i+1, "dns")
			if p.is(i-1, "port", "on") {
				p.take(i-1, i, "dns")
			}
			// "on UDP 53", "UDP port 53": the protocol before the port is
			// the DNS rule's too, not a word left for the other ports.
			for k := i - 1; k >= i-3 && k >= 0 && p.is(k, "udp", "tcp", "port", "on"); k-- {
				if p.is(k, "udp", "tcp") && !p.taken(k) {
					p.take(k, k+1, "dns-protocol")
					if p.is(k-1, "on", "over") && !p.taken(k-1) {
						p.take(k-1, k, "dns")
					}
				}
			}
			if p.is(i+1, "udp", "tcp", "/udp", "/tcp") {
				p.take(i+1, i+2, "dns")
			}
		}
		if (t.low == "53/udp" || t.low == "53/tcp") && !p.taken(i) {
			p.take(i, i+1, "dns")
		}
		// "53 UDP/TCP", "(port 53 over UDP and TCP)"
		if t.raw == "53" && p.claim[i] == "dns" && p.tok(i+1) != nil && p.toks[i+1].kind == tPortProto && !p.taken(i+1) {
			p.take(i+1, i+2, "dns")
		}
	}
}

// resolvedNamesPhrase claims "to whatever those names resolve to": the
// names the request lets the pods look up. With the names in it ("whatever
// those *.cilium.io names resolve to") they are left to be read as peers.
func (p *parser) resolvedNamesPhrase() {
	for i := range p.toks {
		if !p.is(i, "whatever", "what") || p.taken(i) {
			continue
		}
		j := i + 1
		if p.is(j, "they") {
			if p.is(j+1, "resolve") && p.is(j+2, "to") {
				p.resolvedNames = p.take(i, j+3, "resolved-names")
			}
			continue
		}
		if !p.is(j, "those", "these", "the") {
			continue
		}
		k := j + 1
		for p.tok(k) != nil && (p.toks[k].kind == tDomain || p.is(k, ",", "and", "or")) {
			k++
		}
		if !p.is(k, "names", "domains", "hosts", "hostnames") || !p.is(k+1, "resolve") || !p.is(k+2, "to") {
			continue
		}
		if k == j+1 {
			p.resolvedNames = p.take(i, k+3, "resolved-names")
			continue
		}
		p.take(i, j+1, "resolved-names")
		p.take(k, k+3, "resolved-names")
	}
	if m := p.claimPhrase("resolved-names", "the", "addresses", "those", "names", "resolve", "to"); m != nil {
		p.resolvedNames = m
	}
}

// lookupVerbBeforeName returns the index of a verb of DNS lookups just
// before a DNS name ("resolve example.com", "query only api.github.com",
// "only look up *.stripe.com"),
// and the name's, or -1.
func (p *parser) lookupVerbBeforeName() (int, int) {
	for i := range p.toks {
		k := i + 1
		// "The app=web pods only look up *.stripe.com"
		if p.is(i, "look", "looks", "looking", "looked") && p.is(i+1, "up") && !p.taken(i) {
			k++
		} else if !p.is(i, "resolve", "resolves", "resolving", "query", "queries", "querying") || p.taken(i) {
			continue
		}
		if p.is(k, "only", "just") {
			k++
		}
		if t := p.tok(k); t != nil && t.kind == tDomain && !p.taken(k) {
			return i, k
		}
	}
	return -1, -1
}

// lookUpSaidBefore finds "look those names up", "look them up", "look
// that name up": a lookup of names said before. It returns the span, or -1.
func (p *parser) lookUpSaidBefore() (int, int) {
	for k := range p.toks {
		if !p.is(k, "look", "looks", "looking") {
			continue
		}
		switch {
		case p.is(k+1, "them", "it") && p.is(k+2, "up"):
			return k, k + 3
		case p.is(k+1, "those", "these", "that", "this", "the") && p.is(k+2, "names", "name", "domains", "domain", "hosts", "hostnames") && p.is(k+3, "up"):
			return k, k + 4
		}
	}
	return -1, -1
}

// httpWordsAside asks about words beside HTTP rules that no HTTP rule can
// hold but that would narrow it: "GET /api and docs" (a path said without
// its slash), "GET /api with query string debug=1" (a query parameter,
// read as a label).
func (p *parser) httpWordsAside(paths bool) {
	if p.httpAsk != "" {
		return
	}
	for i, t := range p.toks {
		if paths && t.kind == tWord && !p.taken(i) && i > 1 && p.is(i-1, "and", "or", ",") && p.claim[i-2] == "http-path" &&
			!methods[t.low] && !determiners[t.low] && !fillerWords[t.low] && !prepositions[t.low] && !reachVerbs[t.low] && !allowWords[t.low] && !denyWords[t.low] && !modals[t.low] &&
			(i+1 == len(p.toks) || p.toks[i+1].kind == tPunct || prepositions[p.word(i+1)]) {
			p.httpAsk = fmt.Sprintf("is %q a path? HTTP paths start with a slash: say \"/%s\" if so", t.raw, t.low)
			return
		}
		if p.is(i, "query", "querystring", "param", "params", "parameter", "parameters", "cookie", "cookies") {
			for k := i + 1; k < len(p.toks) && k <= i+3; k++ {
				if p.toks[k].kind == tLabel || p.toks[k].kind == tWord && strings.Contains(p.toks[k].raw, "=") {
					p.httpAsk = fmt.Sprintf("what does %q change? Cilium's HTTP rules match a method, a path and headers, not query strings or cookies; say the rule in those terms", p.text(i, k+1))
					return
				}
			}
		}
	}
}

// dirPathAlone asks about an HTTP path that ends in "/" read with no word
// of subtreeBefore or subtreeAfter (httpRules notes it in dirPaths): "only
// GET on /api/" is either the one path /api/ or every path under it, and
// an HTTP rule matches the whole path. A word left unread right after the
// path ("/api/ and its subpaths") is asked about by the accounting
// instead, more precisely.
func (p *parser) dirPathAlone() string {
	for _, i := range p.dirPaths {
		if p.claim[i] != "http-path" {
			continue
		}
		if p.is(i+1, "and") && (p.tok(i+2) == nil || p.claim[i+2] == "") {
			continue
		}
		t := p.toks[i].raw
		return fmt.Sprintf("is %s the one path %s, or every path under it? An HTTP rule matches the whole path; say \"under %s\" (or %s*) for every path under it", t, t, t, t)
	}
	return ""
}
