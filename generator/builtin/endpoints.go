package builtin

import (
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

type epKind int

const (
	epPods      epKind = iota // pods, by labels or by a workload name
	epNamespace               // every pod of a namespace (by name or labels), or of the subject's
	epCIDR
	epFQDN
	epEntity
	epAny     // anyone, anywhere
	epCluster // every namespace
	epNodes   // nodes
	epService // a Service by name
)

// endpoint is a mention of something traffic or a rule can be about, with
// the tokens each of its parts came from.
type endpoint struct {
	start, end int    // token span [start, end)
	prep       string // the preposition before it
	kind       epKind
	text       string

	pods     *metav1.LabelSelector
	podsMark *mark
	name     string // a workload name to resolve
	nameMark *mark
	workload string // the workload kind the request named, if any
	noun     bool   // a pod noun or workload kind followed the name

	namespace  string
	nsMark     *mark
	namespaces *metav1.LabelSelector // namespaces by labels; empty: any namespace
	nssMark    *mark
	sameNS     bool // "in their own namespace", "the same namespace"
	otherNS    bool // "other namespaces": every namespace but the subject's

	cidrs    []cidrV
	fqdns    []valueV
	entities []valueV

	fallback bool   // the pods another clause named, by a pronoun ("let it into ...")
	ask      string // a question the endpoint's words raise, asked when it is used
}

// valueV is a value and the tokens it came from.
type valueV struct {
	value string
	m     *mark
}

// cidrV is a CIDR with its exceptions.
type cidrV struct {
	cidr   valueV
	except []valueV
}

func (e *endpoint) external() bool {
	if e.kind == epEntity {
		for _, x := range e.entities {
			if x.value == "cluster" {
				return false
			}
		}
		return true
	}
	return e.kind == epCIDR || e.kind == epFQDN
}

func (e *endpoint) inCluster() bool {
	return e.kind == epPods || e.kind == epNamespace || e.kind == epService || e.kind == epEntity && !e.external()
}

// cidrNouns name a place of addresses; before a CIDR they join it, with the
// name words before them ("from the admin segment 10.50.0.0/24": without
// "segment" here the CIDR lost its "from", and the clause asked which
// direction).
var cidrNouns = set("range", "ranges", "subnet", "subnets", "network", "networks", "address", "addresses", "block", "blocks", "cidr", "cidrs", "ip", "ips",
	"prefix", "prefixes", "endpoint", "host", "hosts", "server", "servers", "vpc", "lan", "segment", "segments", "metadata", "service", "api", "ipv4", "ipv6", "v4", "v6")

// endpoints finds every endpoint mention among the tokens not yet claimed.
func (p *parser) endpoints() []*endpoint {
	var out []*endpoint
	for i := 0; i < len(p.toks); {
		if p.taken(i) {
			i++
			continue
		}
		ep, j := p.endpointAt(i)
		if ep == nil {
			i++
			continue
		}
		// A bracket the mention opened closes with it: "(app=backend)".
		opens := 0
		for k := i; k < j; k++ {
			if p.is(k, "(") {
				opens++
			} else if p.is(k, ")") {
				opens--
			}
		}
		if opens > 0 && p.is(j, ")") {
			j++
		}
		ep.start, ep.end = i, j
		ep.prep = p.prepBefore(i)
		p.qualify(ep)
		if ep.start < i {
			ep.prep = p.prepBefore(ep.start) // the name's words before it
		}
		p.take(ep.start, ep.end, "endpoint")
		ep.text = p.text(ep.start, ep.end)
		// "kube-system endpoints (every pod in the kube-system namespace)":
		// the brackets say in full which pods the name before them means.
		if n := len(out) - 1; n >= 0 && ep.kind == epNamespace && ep.namespace != "" && ep.podsMark != nil && ep.namespaces == nil && p.is(ep.start-1, "(") && p.is(ep.end, ")") &&
			out[n].end == ep.start-1 && out[n].kind == epPods && out[n].pods == nil && out[n].namespace == "" && out[n].name == ep.namespace {
			p.take(ep.start-1, ep.start, "described-by-brackets")
			p.take(ep.end, ep.end+1, "described-by-brackets")
			if out[n].nameMark != nil {
				for k := out[n].nameMark.start; k < out[n].nameMark.end; k++ {
					p.claim[k] = "described-by-brackets"
				}
			}
			ep.start, ep.end, ep.prep = out[n].start, ep.end+1, out[n].prep
			ep.text = p.text(ep.start, ep.end)
			out = out[:n]
		}
		out = append(out, ep)
		i = ep.end
		// "pods labeled role=frontend in the moon or stars namespaces": the
		// same pods in each namespace named; "pods in the qa and sandbox
		// namespaces": every pod of each.
		if (ep.pods != nil || ep.kind == epNamespace && ep.podsMark != nil) && ep.namespace == "" && ep.namespaces == nil && !ep.sameNS && !ep.otherNS && p.is(i, "in", "inside", "within") && !p.taken(i) {
			k := i + 1
			for p.is(k, "the") {
				k++
			}
			var names []int
			for p.tok(k) != nil && p.namespaceName(k) && !namespaceWords[p.word(k)] {
				names = append(names, k)
				k++
				if p.is(k, ",") {
					k++
				}
				if p.is(k, "or", "and") {
					k++
				}
			}
			if len(names) > 1 && p.is(k, "namespaces") && !p.is(k-1, "or", "and", ",") {
				eps := []*endpoint{ep}
				for n := 1; n < len(names); n++ {
					more := *ep
					more.prep = ""
					eps = append(eps, &more)
				}
				for n, at := range names {
					eps[n].namespace, eps[n].nsMark = p.word(at), p.take(at, at+1, "namespace")
				}
				p.take(i, k+1, "namespace-list")
				ep.end = k + 1
				ep.text = p.text(ep.start, ep.end)
				for _, e := range eps[1:] {
					e.start, e.end, e.text = ep.start, ep.end, ep.text
				}
				out = append(out, eps[1:]...)
				i = k + 1
			}
		}
		// "pods in the namespaces qa and sandbox": after the plural noun, a
		// list of names, the same pods in each.
		if ep.namespace != "" && ep.nsMark != nil && p.is(ep.nsMark.start, "namespaces") && ep.nsMark.end == i {
			k := i
			var names []int
			for p.is(k, ",", "and", "or") && !p.taken(k) {
				n := k + 1
				if p.is(k, ",") && p.is(n, "and", "or") {
					n++
				}
				if p.tok(n) == nil || !p.namespaceName(n) || namespaceWords[p.word(n+1)] || podNouns[p.word(n+1)] || p.is(n+1, "(") {
					break
				}
				names = append(names, n)
				k = n + 1
			}
			if len(names) > 0 {
				p.take(i, k, "namespace-list")
				ep.end = k
				ep.text = p.text(ep.start, ep.end)
				for _, at := range names {
					more := *ep
					more.prep, more.namespace, more.nsMark = "", p.word(at), p.take(at, at+1, "namespace")
					out = append(out, &more)
				}
				i = k
			}
		}
		// "pods labeled role=frontend in the moon namespace or in the stars
		// namespace": the same pods in another namespace, a peer of its own.
		for ep.pods != nil && ep.namespace != "" && p.is(i, "or", "and") && p.is(i+1, "in", "inside", "within") && !p.taken(i+1) {
			k := i + 2
			for p.is(k, "the") {
				k++
			}
			ns, e := p.namespaceAt(k)
			if ns == nil || ns.kind != epNamespace || ns.namespace == "" {
				if namespaceWords[p.word(k+1)] && p.namespaceName(k) && !p.taken(k) {
					ns, e = &endpoint{kind: epNamespace, namespace: p.word(k), nsMark: p.take(k, k+2, "namespace")}, k+2
				} else {
					break
				}
			}
			more := *ep
			// its preposition is the first's: one list, whose ports are both's
			more.start, more.end, more.namespace, more.nsMark, more.prep = i+1, e, ns.namespace, ns.nsMark, ""
			p.take(i+1, e, "same-pods-other-namespace")
			more.text = p.text(more.start, more.end)
			out = append(out, &more)
			ep, i = &more, e
		}
	}
	return p.listInSameNamespace(out)
}

// text is the request's words of tokens [i, j).
func (p *parser) text(i, j int) string {
	if i >= j || i < 0 || j > len(p.toks) {
		return ""
	}
	if !slices.IsSortedFunc(p.toks[i:j], func(x, y token) int { return x.start - y.start }) {
		// A value said in another sentence stands in for "that IP"
		// (pointedValues): the words as the clause reads them.
		var b strings.Builder
		for k, t := range p.toks[i:j] {
			if k > 0 && t.start != p.toks[i+k-1].end {
				b.WriteByte(' ')
			}
			b.WriteString(p.request[t.start:t.end])
		}
		return strings.Trim(b.String(), " ,")
	}
	return strings.Trim(p.request[p.toks[i].start:p.toks[j-1].end], " ,")
}

// span is where tokens [i, j) stand in the request, from the first start
// to the last end. The tokens are in the request's order except where a
// value said in another sentence stands in for "that IP" or "those files"
// (pointedValues): then the span covers both places, the one origin that
// holds them.
func (p *parser) span(i, j int) (int, int) {
	a, b := p.toks[i].start, p.toks[j-1].end
	for _, t := range p.toks[i:j] {
		a, b = min(a, t.start), max(b, t.end)
	}
	return a, b
}

// prepBefore returns the preposition right before token i, skipping determiners.
func (p *parser) prepBefore(i int) string {
	for k := i - 1; k >= 0; k-- {
		w := p.toks[k].low
		// "from the ingress controller pods (app=x)": "ingress" is a word of
		// the name, not a direction.
		// "from the local host": "local" is the entity's own word.
		if determiners[w] || w == "only" || w == "just" || w == "other" || w == "both" || w == "either" || p.claim[k] == "name-word" || w == "local" && p.is(k+1, "host", "node") && p.claim[k+1] == "entity" {
			continue
		}
		// "from the internal ingress (namespaces labeled ...)": the words
		// before the bracket describe what it holds.
		if w == "(" {
			for m := k - 1; m >= 0 && m >= k-5 && p.toks[m].kind == tWord; m-- {
				if wm := p.toks[m].low; prepositions[wm] {
					return wm
				} else if !determiners[wm] && (denyWords[wm] || allowWords[wm] || reachVerbs[wm] || receiveVerbs[wm] || podNouns[wm] || namespaceWords[wm]) {
					break
				}
			}
			return ""
		}
		// "keep app=web off the metadata endpoint", "away from X", "out of
		// X": the place the pods are kept from is where they would go.
		if p.keptParticle(k) || (w == "from" || w == "of") && p.keptParticle(k-1) {
			return "to"
		}
		if prepositions[w] {
			// "from inside their own namespace": the outer preposition says the role.
			if (w == "inside" || w == "within" || w == "in") && k > 0 && (p.toks[k-1].low == "from" || p.toks[k-1].low == "to") {
				return p.toks[k-1].low
			}
			return w
		}
		// "when the source is the dev namespace", "if the destination is X".
		if (w == "is" || w == "are") && (p.is(k-2, "when", "if") || p.is(k-2, "the") && p.is(k-3, "when", "if")) {
			switch p.toks[k-1].low {
			case "source", "sources", "client", "caller", "origin":
				p.take(k-1, k+1, "source-is")
				return "from"
			case "destination", "destinations", "target", "server":
				p.take(k-1, k+1, "destination-is")
				return "to"
			}
		}
		// "allowed destinations are api.example.com and 10.0.0.0/8", "the
		// permitted sources are X": the peers the pods may send to, or
		// take in from.
		if prep := p.allowedPeersNoun(k - 1); prep != "" && !p.taken(k-1) {
			p.take(k-1, k+1, "allowed-peers-are")
			return prep
		}
		return ""
	}
	return ""
}

// allowedPeersNoun reads "allowed destinations are", "permitted sources
// are", "allowed_destinations are" (the key of a config list) at i: the
// preposition the peers after it take ("to", "from"), or "". "allowed" is
// left to the verdict.
func (p *parser) allowedPeersNoun(i int) string {
	if !p.is(i+1, "is", "are") {
		return ""
	}
	w := p.word(i)
	if n, ok := strings.CutPrefix(w, "allowed_"); ok {
		w = n
	} else if !p.is(i-1, "allowed", "permitted") {
		return ""
	}
	switch w {
	case "source", "sources":
		return "from"
	case "destination", "destinations":
		return "to"
	}
	return ""
}

// pointsBackToNamespaces reports whether the words in [from, to] point
// back at namespaces named before, not at the pods' own one: "in those
// same namespaces", "in the same namespaces", "these namespaces" ("the
// tenant's own namespaces" is a gloss of its own). Left unread, they make
// the engine ask.
func pointsBackToNamespaces(p *parser, from, to int) bool {
	for k := from; k <= to && k < len(p.toks); k++ {
		if p.is(k, "those", "these") || p.is(k, "same") && p.is(k+1, "namespaces", "projects") {
			return true
		}
	}
	return false
}

// endpointAt parses an endpoint starting at token i; it returns nil when there is none.
func (p *parser) endpointAt(i int) (*endpoint, int) {
	start := i
	// "keep app=web off 169.254.169.254": "off" says where the pods are
	// kept from, and describes no address.
	if p.keptParticle(i) {
		return nil, start
	}
	// "these external addresses - slack.com, *.amazonaws.com", "external
	// hosts: 1.2.3.4/32": the words only say what the list after them is;
	// the list is the peer, not the whole world.
	k := i
	for determiners[p.word(k)] && !p.taken(k) {
		k++
	}
	if v := p.describedList(k); v > 0 {
		p.take(i, v, "describes-address")
		if p.toks[v].kind == tCIDR {
			return p.cidrList(v)
		}
		return p.domainList(v)
	}
	if ep, j := p.entityAt(i); ep != nil {
		return ep, j
	}
	for determiners[p.word(i)] && !p.taken(i) && !p.is(i+1, "namespace", "namespaces", "ns") {
		i++
	}
	// "the bundled redis": a word that describes the name after it.
	for describingWord(p.word(i)) && !describingWords[p.word(i)] && !p.taken(i) && p.tok(i+1) != nil && p.nameWord(i+1) && !p.taken(i+1) {
		i++
	}
	if p.taken(i) || i >= len(p.toks) {
		return nil, start
	}
	t := p.toks[i]
	switch t.kind {
	case tCIDR:
		return p.cidrList(i)
	case tDomain:
		return p.domainList(i)
	case tLabel:
		sel, j := p.selectorAt(i)
		if sel == nil {
			return nil, start
		}
		m := p.take(i, j, "labels")
		for podNouns[p.word(j)] || workloadKinds[p.word(j)] != "" {
			j++
		}
		ep := &endpoint{kind: epPods, pods: sel, podsMark: m}
		// "production's color=red endpoints": of a namespace the request
		// or the tree names as one.
		if k := i - 1; k >= 0 && !p.taken(k) && p.toks[k].possessive {
			if ns := p.word(k); p.namespaceNamed(ns) {
				ep.namespace, ep.nsMark = ns, p.take(k, k+1, "namespace-possessive")
				return ep, j
			}
		}
		return ep, j
	}
	if ep, j := p.entityAt(i); ep != nil {
		return ep, j
	}
	w := t.low
	// "the load balancer range 10.0.0.0/8", "the metadata service at
	// 100.100.100.200", "the external APIs api.stripe.com": words that
	// describe an address or a name.
	// "anything under example.com (*.example.com)": the names below it.
	if p.is(i, "anything", "everything") && p.is(i+1, "under", "below") && p.tok(i+2) != nil && p.toks[i+2].kind == tDomain && !p.taken(i+2) && !strings.HasPrefix(p.toks[i+2].low, "*.") {
		name := "*." + strings.TrimSuffix(p.toks[i+2].low, ".")
		m := p.take(i, i+3, "names-below")
		j := i + 3
		if p.is(j, "(") && p.tok(j+1) != nil && strings.TrimSuffix(p.toks[j+1].low, ".") == name && p.is(j+2, ")") {
			p.take(j, j+3, "names-below")
			j += 3
		}
		return &endpoint{kind: epFQDN, fqdns: []valueV{{name, m}}}, j
	}
	for k := i + 1; k < len(p.toks) && k < i+5 && !p.taken(k); k++ {
		if p.toks[k].kind == tDomain && p.describesDomain(i, k) {
			p.take(i, k, "describes-address")
			return p.domainList(k)
		}
	}
	for k := i; k < len(p.toks) && k < i+7 && !p.taken(k); k++ {
		// "just block 1.1.1.1": the verb, not an address block.
		if p.is(k, "block", "blocks") && !cidrNouns[p.word(k-1)] && !determiners[p.word(k-1)] && (p.tok(k-1) == nil || !p.toks[k-1].possessive) {
			break
		}
		// "10.0.0.0/8 exept 10.1.0.0/16": one word between two addresses
		// may join them or set the second apart; it describes neither
		// (account asks about it).
		if p.toks[k].kind == tCIDR && k == i+1 && i == start && i > 0 && (p.toks[i-1].kind == tCIDR || p.toks[i-1].kind == tDomain) {
			break
		}
		if p.toks[k].kind == tCIDR {
			p.take(i, k, "describes-address")
			return p.cidrList(k)
		}
		// "the AWS instance metadata service (169.254.169.254)"
		if k > i && p.is(k, "(") && p.tok(k+1) != nil && p.toks[k+1].kind == tCIDR && !p.taken(k+1) {
			p.take(i, k+1, "describes-address")
			ep, j := p.cidrList(k + 1)
			if p.is(j, ")") {
				p.take(j, j+1, "describes-address")
				j++
			}
			return ep, j
		}
		// "the payment provider's range, 198.51.100.0/24"
		if p.is(k, ",") && k > i && cidrNouns[p.word(k-1)] && p.tok(k+1) != nil && p.toks[k+1].kind == tCIDR && !p.taken(k+1) {
			p.take(i, k+1, "describes-address")
			return p.cidrList(k + 1)
		}
		// "the node range 172.17.0.0/16", "the pod CIDR 10.244.0.0/16":
		// whose addresses the range is, with the range named after it.
		whose := p.is(k, "node", "nodes", "host", "hosts", "pod", "pods", "cluster", "service") && cidrNouns[p.word(k+1)] && p.word(k+1) != "block" && p.word(k+1) != "blocks"
		if p.toks[k].kind != tWord || !(cidrNouns[p.word(k)] || whose || p.nameWord(k) || p.toks[k].possessive || p.looseName(k) && !frameWords[p.word(k)] || p.is(k, "instance", "cloud", "public", "private", "internal", "external", "local", "remote") || p.is(k, "at", "of", "the")) || p.is(k, "at", "of") && k == i || reasonOpeners[p.word(k)] {
			break
		}
	}
	// "(from) inside their own namespace", "the same namespace", "this
	// namespace"; "for this project", the scene: an OpenShift project is a
	// namespace.
	project := p.is(start-1, "for", "in", "within", "across") && p.is(start, "this") && w == "project"
	// "pods in the local namespace", "the current namespace": the
	// policy's own, unless the tree has a namespace of that name.
	local := (w == "local" || w == "current") && p.is(i-1, "the", "our", "its", "their") && !p.treeNamespace(w)
	if ((w == "own" || w == "same" || w == "this" || w == "that" || local) && namespaceWords[p.word(i+1)] || p.is(start, "this") && namespaceWords[w] || project) && !pointsBackToNamespaces(p, start, i+1) {
		end := i + 2
		if namespaceWords[w] || project {
			end = i + 1
		}
		// "the same namespace's pods with role=api": the pods the labels
		// select there, not every pod of the namespace beside them; ask.
		if p.toks[end-1].possessive && (podNouns[p.word(end)] || p.labelNext(end)) {
			return &endpoint{kind: epNamespace, ask: fmt.Sprintf("which pods of %q? Say \"the pods labeled ... in the same namespace\"", p.text(start, end+1))}, end
		}
		return &endpoint{kind: epNamespace, sameNS: true, nsMark: p.take(start, end, "same-namespace"), podsMark: &mark{start, end, "same-namespace"}}, end
	}
	// "other namespaces", "pods in other namespaces", "any other namespace": every namespace but the subject's.
	if (w == "other" || w == "different" || w == "foreign") && namespaceWords[p.word(i+1)] {
		return &endpoint{kind: epNamespace, otherNS: true, nsMark: p.take(start, i+2, "other-namespaces")}, i + 2
	}
	// "from other teams' namespaces", "other tenants' namespaces": whose
	// they are says no more than "other" does.
	if (w == "other" || w == "different" || w == "foreign") && p.tok(i+1) != nil && (p.toks[i+1].possessive || p.pluralPossessive(i+1)) && !p.taken(i+1) && p.is(i+2, "namespaces") {
		return &endpoint{kind: epNamespace, otherNS: true, nsMark: p.take(start, i+3, "other-namespaces")}, i + 3
	}
	switch {
	case p.everyoneInNamespace(i):
		// "everything in the spegel namespace", "anyone in namespace
		// ops", "everybody who lives in the ops namespace": every pod
		// there; qualifyScope reads the namespace after the word.
		return &endpoint{kind: epNamespace, podsMark: p.take(start, i+1, "every-pod")}, i + 1
	case (w == "namespace-level" || w == "namespace-wide") && !namespaceWords[p.word(i+1)]:
		// "start with a namespace-level default deny": every pod of the
		// namespace, as "cluster-wide" is every pod of the cluster.
		return &endpoint{kind: epNamespace, podsMark: p.take(start, i+1, "every-pod")}, i + 1
	case namespaceWords[w] && !(p.is(i+1, "isolation", "lockdown", "segmentation", "hardening") && p.is(i+2, "for", "of", "in")):
		return p.namespaceAt(i)
	case (w == "service" || w == "svc") && !p.toks[i].possessive && p.is(i+1, "named", "called") && p.tok(i+2) != nil && p.toks[i+2].kind == tWord && p.nameWord(i+2):
		// "the service named payments", "a Service called orders": the
		// name after the word that introduces it.
		p.take(i+1, i+2, "service-name")
		m := p.take(i+2, i+3, "service-name")
		return &endpoint{kind: epService, name: p.toks[i+2].low, nameMark: m}, i + 3
	case (w == "service" || w == "svc") && !p.toks[i].possessive && p.tok(i+1) != nil && p.toks[i+1].kind == tWord && !p.is(i+1, "port", "ports", "account", "accounts", "name", "names", "discovery", "mesh", "ip", "ips", "endpoint", "endpoints") && p.nameWord(i+1):
		// "the Service myservice", "all endpoints of the Service checkout";
		// not "a Service's externalIPs", what a Service has.
		m := p.take(i+1, i+2, "service-name")
		return &endpoint{kind: epService, name: p.toks[i+1].low, nameMark: m}, i + 2
	case (podNouns[w] || w == "pod") && !p.nameWord(i) && !(!corePodNouns[w] && namespaceWords[p.word(i+1)] && p.namespaceName(i)):
		// ("the backend namespace", "the servers namespace": a word for
		// pods that is no core one names the namespace; nameAt reads it.)
		return p.podsAt(i, start)
	case p.is(i, "node", "nodes", "host", "hosts") && p.is(i+1, "(") && podNouns[p.word(i+2)]:
		// "the runtime nodes (pods labeled role=runtime)": pods by another
		// noun; the brackets say which.
		return p.podsAt(i+2, start)
	}
	return p.nameAt(i, start)
}

// everyoneWords name every peer there is; with a namespace after them,
// every pod of it.
var everyoneWords = set("everything", "anything", "everyone", "everybody", "anyone", "anybody")

// everyoneInNamespace reports "anyone in namespace ops", "everything in
// the spegel namespace", "everybody who lives in the ops namespace" at i:
// every pod of a namespace. Read as anyone at all, the namespace was left
// to the policy's own pods and the peers let in from everywhere (finder
// 17, S1).
func (p *parser) everyoneInNamespace(i int) bool {
	if !everyoneWords[p.word(i)] {
		return false
	}
	k := i + 1
	if p.is(k, "that", "which", "who") {
		k++
	}
	for residenceAdverbs[p.word(k)] || residenceVerbs[p.word(k)] {
		k++
	}
	return p.is(k, "in", "inside", "within") && (namespaceWords[p.word(k+1)] || namespaceWords[p.word(k+2)] || namespaceWords[p.word(k+3)])
}

// pluralPossessive reports whether the word at i is a plural possessive,
// its apostrophe after the s ("teams' namespaces"), which the tokens
// drop.
func (p *parser) pluralPossessive(i int) bool {
	t := p.tok(i)
	if t == nil || t.kind != tWord || !strings.HasSuffix(t.low, "s") || t.end >= len(p.request) {
		return false
	}
	r, _ := utf8.DecodeRuneInString(p.request[t.end:])
	return r == '\'' || r == '’'
}

// nameWord reports whether the word at i can be a name: no vocabulary word.
func (p *parser) nameWord(i int) bool {
	t := p.tok(i)
	if t == nil || t.kind != tWord {
		return false
	}
	w := t.low
	if (describingWord(w) || quantityWords[w]) && !p.treeHasWorkload(w) && !p.treeNamespace(w) {
		return false
	}
	// "the backend pods": a word for pods is a name before another.
	if (w == "backend" || w == "frontend") && p.is(i+1, "pod", "pods", "deployment", "workload", "workloads") {
		return true
	}
	// "..., since iptables is a deprecated way of ...": a word that opens
	// a reason is no name.
	return !fillerWords[w] && !meaningWords[w] && !denyWords[w] && !allowWords[w] && !auditWords[w] && !isolateWords[w] && !reachVerbs[w] && !reasonOpeners[w] &&
		!receiveVerbs[w] && !processVerbs[w] && !processNouns[w] && !fileVerbs[w] && !fileNouns[w] && !podNouns[w] && !namespaceWords[w] &&
		!determiners[w] && !prepositions[w] && workloadKinds[w] == "" && entityWord(w) == "" && !cidrNouns[w] && !frameWords[w] && !coordinators[w] && !actionVerbs[w]
}
