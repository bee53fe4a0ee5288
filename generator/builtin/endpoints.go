package builtin

import (
	"fmt"
	"maps"
	"net/netip"
	"slices"
	"strings"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/util/validation"

	"github.com/kunerva/kunerva/generator"
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

var cidrNouns = set("range", "ranges", "subnet", "subnets", "network", "networks", "address", "addresses", "block", "blocks", "cidr", "cidrs", "ip", "ips",
	"prefix", "prefixes", "endpoint", "host", "hosts", "server", "servers", "vpc", "lan", "metadata", "service", "api", "ipv4", "ipv6", "v4", "v6")

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
	return out
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
		return ""
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
	switch {
	case (w == "everything" || w == "anything") && p.is(i+1, "in", "inside", "within") && (namespaceWords[p.word(i+2)] || namespaceWords[p.word(i+3)] || namespaceWords[p.word(i+4)]):
		// "everything in the spegel namespace": every pod there.
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
	case (podNouns[w] || w == "pod") && !p.nameWord(i):
		return p.podsAt(i, start)
	case p.is(i, "node", "nodes", "host", "hosts") && p.is(i+1, "(") && podNouns[p.word(i+2)]:
		// "the runtime nodes (pods labeled role=runtime)": pods by another
		// noun; the brackets say which.
		return p.podsAt(i+2, start)
	}
	return p.nameAt(i, start)
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

// quantityWords say how many or which ones, never name pods or a
// namespace: "from another namespace", "at most two pods", "pods whose
// app label starts with check".
var quantityWords = set("another", "most", "many", "much", "few", "fewer", "several", "various", "multiple", "numerous", "more", "less", "whose",
	"two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "dozen", "dozens", "half", "whichever", "whatever", "different")

// describingWords say what pods are like, not which: "a compromised
// container", "any suspicious process".
var describingWords = set("compromised", "suspicious", "affected", "extra", "brittle", "dark", "outright", "installed", "malicious", "untrusted",
	"trusted", "legitimate", "random", "arbitrary", "unknown", "critical", "sensitive", "rogue", "infected", "hostile", "unauthorized",
	"unauthenticated", "authorized", "authenticated", "vulnerable", "risky", "dangerous", "unexpected", "unwanted", "unneeded", "unnecessary",
	"necessary", "needed", "typical", "common", "various", "several", "many", "few", "most", "some", "least", "main", "primary", "secondary",
	"target", "destination")

// describingWord reports whether w describes rather than names: a word of
// describingWords, or a participle ("installed", "dropped") without a
// hyphen or digit that names could have.
func describingWord(w string) bool {
	return describingWords[w] || len(w) > 5 && (strings.HasSuffix(w, "ed") || strings.HasSuffix(w, "ly")) && !strings.ContainsAny(w, "-_.0123456789")
}

// frameWords are words of sentence frames that never name workloads.
var frameWords = set("firewall", "firewalls", "allowed", "permitted", "restricted", "limited", "blocked", "denied", "everyone", "anyone", "everywhere", "anywhere", "traffic",
	"connections", "requests", "metrics", "data", "lookups", "lookup", "queries", "resolution", "calls", "access", "reads", "writes", "writing", "reading",
	"exposed", "public", "private", "internal", "external", "local", "remote", "outside", "inside", "itself", "themselves", "other", "others", "else",
	"same", "own", "everything", "anything", "nothing", "none", "all", "both", "either", "neither", "way", "ways", "direction", "directions", "http",
	"https", "grpc", "tls", "ssl", "mtls", "api", "kube-dns", "coredns", "dns", "ip", "ips", "address", "addresses", "hostname", "hostnames", "domain",
	"domains", "url", "urls", "fqdn", "fqdns", "site", "sites", "website", "websites", "label", "labels", "labeled", "labelled", "selector", "tagged",
	"running", "run", "runs", "live", "lives", "living", "deployed", "hosted", "except", "excluding", "unless", "apart", "besides", "without", "whole",
	"entire", "new", "existing", "current", "every", "each", "attacker", "attackers", "lateral", "movement", "compliance", "security", "hardening",
	"default", "least", "privilege", "zero", "trust", "reason", "reasons", "purpose", "purposes", "example", "instance", "e.g.", "i.e.", "etc", "also",
	"only", "port", "ports", "protocol", "protocols", "tcp", "udp", "sctp", "icmp", "ping", "echo", "range", "ranges", "between", "through", "thru",
	"until", "till", "from", "to", "come", "comes", "coming", "goes", "went", "flow", "flows", "updates", "update", "patches", "artifacts", "packages",
	"dependencies", "downloads", "uploads", "first", "then", "next", "finally", "afterwards", "later", "now", "covering", "spanning")

// entityWords map what people call Cilium's entities.
// inClusterThings are nouns "in-cluster" describes as a thing of the
// cluster ("in-cluster firewall rules"), where it names no peer.
var inClusterThings = set("firewall", "firewalls", "rule", "rules", "policy", "policies", "dns", "registry", "registries", "load-balancer", "proxy", "proxies", "mesh", "networking", "segmentation", "controls", "control")

func entityWord(w string) string {
	switch w {
	case "internet", "world":
		return "world"
	case "kube-apiserver", "apiserver", "api-server", "kubeapiserver":
		return "kube-apiserver"
	case "host", "hosts", "node", "nodes":
		return "host"
	case "cluster", "in-cluster":
		return "cluster"
	case "remote-node", "remote-nodes":
		return "remote-node"
	}
	return ""
}

// entityAt reads the names of Cilium's entities as people say them.
func (p *parser) entityAt(i int) (*endpoint, int) {
	w, n1, n2 := p.word(i), p.word(i+1), p.word(i+2)
	// "the API server pods (role=api)": pods, named like an entity.
	if k := i + 1; (w == "api" && n1 == "server" || w == "control" && n1 == "plane") && (podNouns[p.word(k+1)] || p.is(k+1, "(")) || (w == "kube-apiserver" || w == "apiserver" || w == "api-server") && (podNouns[n1] || n1 == "(") {
		return nil, i
	}
	// "the API server (role=api) accepts ... only from the API server": the
	// pods the request described by that name, not the entity.
	if w == "api" && n1 == "server" && p.labelsAfterPhraseElsewhere("api", "server") {
		return nil, i
	}
	// "api-server (app=api-server)": a workload the labels describe.
	if entityWord(w) != "" && n1 == "(" && p.labelNext(i+2) {
		return nil, i
	}
	// "the Postgres cluster (pods labeled cnpg.io/cluster=pg)", "the redis
	// cluster (app=redis)": a cluster of some software, whose pods the
	// brackets select, not the cluster entity.
	if p.softwareCluster(i) {
		return nil, i
	}
	// "from the node's host": the host the pods run on.
	if t := p.tok(i); t != nil && t.possessive && (w == "node" || w == "pod") && n1 == "host" && !p.taken(i+1) {
		m := p.take(i, i+2, "entity")
		return &endpoint{kind: epEntity, entities: []valueV{{"host", m}}}, i + 2
	}
	// "the other cluster's NodePorts": what belongs to it, not the entity.
	if t := p.tok(i); t != nil && t.possessive && entityWord(w) != "" {
		return nil, i
	}
	// "the NodePort range of the other cluster (10.40.0.0/16)", "our
	// other cluster, ... on 10.0.0.0/24": a cluster other than this one is
	// no in-cluster peer. Said of an address range that the clause gives,
	// it only says whose range it is.
	if w == "cluster" && p.is(i-1, "other", "another", "second", "remote", "foreign", "different", "peer", "sibling") {
		k := i - 2
		for determiners[p.word(k)] || p.is(k, "our", "their", "its") {
			k--
		}
		if p.is(k, "of") && cidrNouns[p.word(k-1)] && slices.ContainsFunc(p.toks, func(t token) bool { return t.kind == tCIDR }) && !p.taken(i-1) {
			p.take(i-1, i+1, "another-cluster")
		}
		return nil, i
	}
	ent := func(j int, names ...string) (*endpoint, int) {
		m := p.take(i, j, "entity")
		ep := &endpoint{kind: epEntity}
		for _, n := range names {
			ep.entities = append(ep.entities, valueV{n, m})
		}
		return ep, j
	}
	switch {
	case (w == "kubernetes" || w == "k8s") && (n1 == "service" || n1 == "svc") && !p.nameWord(i+2):
		// "the kubernetes service on 443", "the k8s svc": the Service
		// default/kubernetes, which is the API server.
		return ent(i+2, "kube-apiserver")
	case w == "kubernetes" && (n1 == "api" || n1 == "apiserver" || n1 == "api-server"):
		j := i + 2
		if p.is(j, "server") {
			j++
		}
		return ent(j, "kube-apiserver")
	case w == "api" && n1 == "server", w == "control" && n1 == "plane", (w == "k8s" || w == "kube") && n1 == "api":
		// "the k8s API", "the kube API server": the API server spelled
		// with Kubernetes' short names.
		j := i + 2
		if (w == "k8s" || w == "kube") && p.is(j, "server") {
			j++
		}
		if podNouns[p.word(j)] || p.is(j, "(") {
			return nil, i
		}
		return ent(j, "kube-apiserver")
	case w == "kube-api" || w == "kapi":
		j := i + 1
		if p.is(j, "server") {
			j++
		}
		if podNouns[p.word(j)] || p.is(j, "(") {
			return nil, i
		}
		return ent(j, "kube-apiserver")
	case w == "kube-apiserver" || w == "apiserver" || w == "api-server" || w == "kubeapiserver":
		return ent(i+1, "kube-apiserver")
	case (w == "anything" || w == "everything") && n1 == "at" && n2 == "all":
		// "from anything at all": every peer there is, entity all.
		return ent(i+3, "all")
	case w == "internet" || w == "world" && !p.is(i-1, "hello"):
		return ent(i+1, "world")
	case (w == "public" || w == "open") && (n1 == "internet" || n1 == "web"):
		return ent(i+2, "world")
	case w == "outside" && n1 == "world":
		return ent(i+2, "world")
	case (w == "outside" || w == "beyond") && (n1 == "the" && n2 == "cluster" || n1 == "cluster" || n1 == "of" && n2 == "the" && p.is(i+3, "cluster")):
		j := i + 2
		for p.is(j-1, "the", "of") {
			j++
		}
		if n1 == "of" {
			j = i + 4
		}
		return ent(j, "world")
	case (w == "anything" || w == "everything" || w == "anywhere" || w == "anyone" || w == "destinations" || w == "traffic" || w == "hosts" || w == "ips" || w == "addresses" || w == "endpoints") && (n1 == "outside" || n1 == "beyond") && (n2 == "the" && p.is(i+3, "cluster") || n2 == "cluster"):
		j := i + 3
		if n2 == "the" {
			j++
		}
		return ent(j, "world")
	case w == "external" && (ingressWords[n1] || egressWords[n1]) && !p.namedAfter(i):
		// "block external ingress to the pods in arr": traffic from the
		// world; the direction word stays for the direction. ("restrict
		// Keycloak's external egress to accounts.google.com and
		// www.googleapis.com": the names after it are what is external.)
		return ent(i+1, "world")
	case w == "external" && (n1 == "addresses" || n1 == "ips" || n1 == "networks" || n1 == "hosts" || n1 == "world" || n1 == "destinations" || n1 == "services" || n1 == "endpoints" || n1 == "clients" || n1 == "traffic" || n1 == "sources" || n1 == "users" || n1 == "callers" || n1 == "systems" || n1 == "internet"):
		return ent(i+2, "world")
	case (w == "any" || w == "every" || w == "each" || w == "all") && (n1 == "host" || n1 == "node" || n1 == "hosts" || n1 == "nodes") && p.is(i+2, "in", "of") && (p.is(i+3, "the") && p.is(i+4, "cluster") || p.is(i+3, "cluster")):
		j := i + 4
		if p.is(i+3, "the") {
			j++
		}
		return ent(j, "host", "remote-node")
	case w == "hosts" && p.is(i+1, "a", "an", "that", "which", "we", "our", "the", "i.e.", "i.e", "like", "such", ":", "(", "listed", "named", "below", "it", "they"):
		// "the hosts a claude session needs, i.e. api.anthropic.com, ...":
		// hosts described, not the nodes.
		return nil, i
	case (w == "host" || w == "node" || w == "hosts" || w == "nodes") && p.is(i+1, "(") && podNouns[p.word(i+2)]:
		// "the runtime nodes (pods labeled role=runtime)": the brackets say
		// the nodes are pods, which they name; no entity.
		return nil, i
	case (w == "host" || w == "node" || w == "hosts" || w == "nodes") && !p.systemRequest && !p.is(i+1, "labeled", "labelled", "with", "port", "ports", "network", "path", "paths", "directory", "filesystem", "file", "files", "range", "ranges", "subnet", "subnets", "cidr", "cidrs", "ips", "addresses", "block", "blocks", "networks") &&
		(p.is(i-1, "the", "its", "their", "this", "that", "local", "own", "each", "every", "all", "any", "other", "remote") || w == "hosts" || w == "nodes"):
		if p.is(i-1, "other", "remote") {
			if !p.taken(i - 1) {
				p.take(i-1, i, "entity") // "the host and other nodes"
			}
			return ent(i+1, "remote-node")
		}
		// "the kubelet on every node", "all nodes": the pod's own node and
		// the others.
		if p.is(i-1, "every", "each", "all", "any") {
			return ent(i+1, "host", "remote-node")
		}
		if p.is(i+1, "it", "they") && p.is(i+2, "runs", "run", "is", "are") {
			// "the host they run on as well as the remote nodes": the
			// preposition left at the end of the clause is the host's.
			if p.is(i+3, "on") && (i+4 == len(p.toks) || p.toks[i+4].kind == tPunct || p.is(i+4, "and", "or", "as", "plus")) {
				return ent(i+4, "host")
			}
			return ent(i+3, "host")
		}
		return ent(i+1, "host")
	case (w == "host" || w == "node") && n1 == "network" && !p.systemRequest:
		return ent(i+2, "host")
	case w == "remote" && (n1 == "nodes" || n1 == "node" || n1 == "hosts"):
		return ent(i+2, "remote-node")
	case w == "remote-node" || w == "remote-nodes":
		return ent(i+1, "remote-node")
	case (w == "anything" || w == "everything" || w == "anyone" || w == "anybody" || w == "everyone") && p.is(i-1, "from", "to") && p.residentInCluster(i+1) > 0:
		// "from anything running inside the Kubernetes cluster", "to
		// everything that lives in the cluster": the cluster, with the
		// words that say where it runs.
		return ent(p.residentInCluster(i+1), "cluster")
	case (w == "anywhere" || w == "anything" || w == "everything" || w == "anyone" || w == "anybody") && p.is(i+1, "in", "inside", "within") && (p.is(i+2, "cluster") || p.clusterNamed(i+2) > 0):
		// "from anything inside this cluster", "anywhere within our
		// Kubernetes cluster", "everything in the whole cluster": the
		// cluster, with the words that say which.
		if p.is(i+2, "cluster") {
			return ent(i+3, "cluster")
		}
		return ent(p.clusterNamed(i+2), "cluster")
	case (w == "whole" || w == "entire") && n1 == "cluster" && p.is(i-1, "the", "this", "our") && (p.is(i-2, "from", "to", "inside", "within") || reachVerbs[p.word(i-2)]):
		// "accept traffic from the whole cluster": every pod of it, the
		// peers (not the scope of the policy).
		return ent(i+2, "cluster")
	case w == "in-cluster" && inClusterThings[n1]:
		// "in-cluster firewall rules", "an in-cluster registry": a thing
		// that runs in the cluster, not every pod of it.
		return nil, i
	case w == "cluster" && !p.is(i+1, "dns", "wide", "-wide") && !p.is(i-1, "the") && !p.compoundHead(i) || w == "in-cluster" || w == "cluster" && p.is(i-1, "the") && p.is(i-2, "inside", "within", "from", "to", "in"):
		return ent(i+1, "cluster")
	case (w == "any" || w == "every" || w == "all") && (n1 == "ip" || n1 == "ips" || n1 == "address" || n1 == "addresses") && p.is(i+2, "in", "within") && p.tok(i+3) != nil && p.toks[i+3].kind == tCIDR:
		// "any IP in 0.0.0.0/0": the addresses of the range.
		p.take(i, i+3, "cidr")
		return p.cidrList(i + 3)
	case (w == "anything" || w == "anywhere" || w == "everything") && p.is(i+1, "in", "within", "inside") && p.tok(i+2) != nil && p.toks[i+2].kind == tCIDR:
		// "must not reach anything in 1.0.0.0/8": the addresses of the range.
		p.take(i, i+2, "cidr")
		return p.cidrList(i + 2)
	case (w == "anything" || w == "everything") && p.is(i-1, "from", "to") && n1 == "at" && n2 == "all":
		// "accept port 53 from anything at all": every peer, in the cluster
		// or out of it, Cilium's entity all.
		return ent(i+3, "all")
	case w == "anyone" || w == "anywhere" || w == "everyone" || w == "anybody" || w == "everybody" || (w == "any" || w == "every" || w == "all") && (n1 == "source" || n1 == "destination" || n1 == "peer" || n1 == "client" || n1 == "clients" || n1 == "ip" || n1 == "address" || n1 == "sources" || n1 == "ips" || n1 == "addresses" || n1 == "peers"):
		j := i + 1
		if w == "any" || w == "every" || w == "all" {
			j++
		}
		p.take(i, j, "anyone")
		return &endpoint{kind: epAny}, j
	}
	return nil, i
}

// softwareCluster reports whether "cluster" at i is a cluster of some
// software whose pods the brackets after it select: a name before it that
// is no word of the Kubernetes cluster ("the Kubernetes cluster", "the
// whole cluster", "our cluster"), and labels or a pod noun after the
// bracket: "our Cassandra cluster (pods labeled app=cassandra)".
func (p *parser) softwareCluster(i int) bool {
	if !p.is(i, "cluster") || !p.is(i+1, "(") || i == 0 {
		return false
	}
	// the brackets open with labels, or a pod noun and labels:
	// "(app=redis)", "(pods labeled app=cassandra)", "(pods with label x=y)".
	k := i + 2
	if podNouns[p.word(k)] {
		k++
		for k < len(p.toks) && k < i+6 && (labelIntros[p.word(k)] || p.is(k, "the", "label", "labels")) {
			k++
		}
	}
	if k >= len(p.toks) || p.toks[k].kind != tLabel {
		return false
	}
	t := p.toks[i-1]
	return t.kind == tWord && !determiners[t.low] && !prepositions[t.low] && !fillerWords[t.low] && !notClusterNames[t.low] && !t.possessive
}

// notClusterNames stand before "cluster" and name the Kubernetes cluster
// or one of its kind, never a piece of software.
var notClusterNames = set("kubernetes", "k8s", "kube", "whole", "entire", "same", "this", "that", "our", "my", "your", "their", "its", "local", "remote", "other",
	"another", "current", "cilium", "managed", "production", "prod", "staging", "dev", "test", "eks", "gke", "aks", "openshift", "k3s", "kind", "minikube")

// namespaceAt reads "namespace shop", "namespaces labeled team=ops", "ns
// shop", "namespace named shop".
func (p *parser) namespaceAt(i int) (*endpoint, int) {
	j := i + 1
	// "namespaces labeled purpose=prod", "namespaces which have the label x=y"
	if p.is(j, "labeled", "labelled", "with", "having", "matching", "where", "whose", "that", "which", "carrying", "tagged") {
		if sel, k := p.selectorAt(j); sel != nil {
			return &endpoint{kind: epNamespace, namespaces: sel, nssMark: p.take(i, k, "namespace-labels")}, k
		}
	}
	if p.is(j, "named", "called") {
		j++
	}
	// "in namespace apps", "Namespace app": after the word, a name.
	if p.tok(j) != nil && (p.namespaceName(j) || p.is(j, "app", "apps", "application", "applications", "services") && (j+1 == len(p.toks) || p.toks[j+1].kind == tPunct || p.is(j+1, "completely", "entirely"))) {
		return &endpoint{kind: epNamespace, namespace: p.toks[j].low, nsMark: p.take(i, j+1, "namespace")}, j + 1
	}
	return nil, i
}

// namespaceNamed reports whether the tree has namespace ns or the request
// calls it one elsewhere ("in production", "the production namespace").
func (p *parser) namespaceNamed(ns string) bool {
	if p.treeNamespace(ns) {
		return true
	}
	all := p.all
	for k, t := range all {
		if t.low != ns {
			continue
		}
		if k > 0 && (all[k-1].low == "in" || namespaceWords[all[k-1].low]) || k+1 < len(all) && namespaceWords[all[k+1].low] {
			return true
		}
	}
	return false
}

// namespaceName reports whether the token at j can name a namespace after
// the word "namespace": any DNS label that is no vocabulary of a sentence,
// nor a topic at the level of namespaces ("namespace breakout signals:").
func (p *parser) namespaceName(j int) bool {
	t := p.tok(j)
	if t == nil || t.kind != tWord && t.kind != tNumber {
		return false
	}
	w := t.low
	if quantityWords[w] && !p.treeNamespace(w) {
		return false // "from another namespace", "from most namespaces"
	}
	if len(validation.IsDNS1123Label(w)) > 0 || determiners[w] || prepositions[w] || fillerWords[w] && !p.treeNamespace(w) && w != "default" && !interjections[w] || meaningWords[w] && w != "default" ||
		denyWords[w] || allowWords[w] || namespaceWords[w] || coordinators[w] || w == "labeled" || w == "labelled" || w == "label" || w == "labels" ||
		w == "selector" || corePodNouns[w] && !namespaceWords[p.word(j+1)] && !namespaceWords[p.word(j-1)] || w == "level" || namespaceTopics[w] || w == "policy" || w == "policies" ||
		w == "itself" || w == "themselves" { // "from inside the namespace itself": no name
		return false
	}
	// "let every pod in the namespace receive traffic from ...", "make the
	// pods in the namespace take traffic only from ...": after "the
	// namespace", a verb of traffic or a modal is the statement's verb,
	// no name.
	if p.is(j-1, "namespace") && p.is(j-2, "the", "this", "that", "its", "their", "our") && (reachVerbs[w] || receiveVerbs[w] || modals[w]) && w != "called" && w != "named" {
		return false
	}
	return true
}

// podsAt parses mentions that start with a pod noun: "pods labeled app=x",
// "any pod in namespace y", "all pods", "pods in it".
func (p *parser) podsAt(i, start int) (*endpoint, int) {
	j := i + 1
	// "the Service backend in namespace alice": the kind, then its name,
	// even a name that is a pod noun.
	if (p.toks[i].raw == "Service" || p.toks[i].raw == "svc") && !p.toks[i].possessive && p.tok(j) != nil && p.toks[j].kind == tWord && !p.taken(j) && podNouns[p.word(j)] && p.word(j) != "pods" &&
		len(validation.IsDNS1123Label(p.word(j))) == 0 && !p.is(j+1, "pod", "pods", "service", "services") {
		p.take(start, j, "service-endpoints")
		return &endpoint{kind: epService, name: p.toks[j].low, nameMark: p.take(j, j+1, "service-name")}, j + 1
	}
	// "the backend pods (app=backend)": nouns in a row name one thing.
	for podNouns[p.word(j)] && !p.taken(j) && !p.is(j, "service", "services", "svc") {
		j++
	}
	// "all endpoints of the Service myservice", "the pods behind the
	// Kubernetes Service api": the Service.
	if p.is(j, "of", "behind", "backing") {
		k := j + 1
		if p.is(k, "the") {
			k++
		}
		if p.is(k, "kubernetes", "k8s") && p.is(k+1, "service", "svc") {
			k++
		}
		if p.is(k, "service", "svc") && !p.toks[k].possessive && p.tok(k+1) != nil && p.nameWord(k+1) {
			p.take(start, k+1, "service-endpoints")
			return &endpoint{kind: epService, name: p.toks[k+1].low, nameMark: p.take(k+1, k+2, "service-name")}, k + 2
		}
	}
	// "the backend pods only (app=backend)"
	if p.is(j, "only") && p.is(j+1, "(") && p.labelNext(j+2) {
		j++
	}
	if p.is(j, "labeled", "labelled", "with", "having", "matching", "carrying", "tagged", "where", "whose", "that", "which", "without", "selected", "bearing", "(") {
		if sel, k := p.selectorAt(j); sel != nil {
			return &endpoint{kind: epPods, pods: sel, podsMark: p.take(i, k, "labels")}, k
		}
	}
	// "pods app=web", "pods (app=web)"
	if t := p.tok(j); t != nil && t.kind == tLabel {
		if sel, k := p.selectorAt(j); sel != nil {
			return &endpoint{kind: epPods, pods: sel, podsMark: p.take(i, k, "labels")}, k
		}
	}
	// "any pod running under the service account luke
	// (io.cilium.k8s.policy.serviceaccount=luke)": the pods the labels select.
	if p.is(j, "running", "run", "that") && p.is(j+1, "under", "as", "with", "run") {
		for k := j + 2; k < len(p.toks) && k <= j+7; k++ {
			if p.is(k, "(") && p.labelNext(k+1) {
				if sel, e := p.selectorAt(k); sel != nil {
					return &endpoint{kind: epPods, pods: sel, podsMark: p.take(i, e, "labels")}, e
				}
			}
			if !p.is(k, "the", "a", "an", "service", "account", "serviceaccount", "identity", "as", "under") && !p.nameWord(k) {
				break
			}
		}
	}
	// "any pod", "all pods", "pods" alone: every pod (of a namespace given
	// later); "its pods", "their pods": of the namespace named before.
	quantified := false
	for k := start; k < i; k++ {
		if p.is(k, "any", "all", "every", "each", "its", "their") {
			quantified = true
		}
	}
	if !quantified && !p.is(j, "in", "of", "inside", "within") && !p.livesIn(j) {
		return nil, start
	}
	// "pods labeled app in (checkout, cart)", "app notin (a)": a label key
	// before the values of a set-based selector, not the pods of a place.
	if p.is(j, "in", "notin") && p.is(j+1, "(") || p.is(i-1, "labeled", "labelled", "label") {
		return nil, start
	}
	return &endpoint{kind: epNamespace, podsMark: p.take(start, j, "every-pod")}, j
}

// residenceVerbs say where pods are: "pods running in namespace-y", "pods
// that live in a namespace labeled team=a".
var residenceVerbs = set("run", "runs", "running", "live", "lives", "living", "are", "is", "deployed", "reside", "resides", "residing", "sit", "sits", "sitting", "located", "hosted")

// residentInCluster reads, from j, words that say something runs in the
// cluster: "running inside the cluster", "that lives in the Kubernetes
// cluster", "deployed within the k8s cluster". It returns the index after
// "cluster", or -1.
func (p *parser) residentInCluster(j int) int {
	if p.is(j, "that", "which") && residenceVerbs[p.word(j+1)] {
		j++
	}
	if !residenceVerbs[p.word(j)] || p.is(j, "is", "are") && !p.is(j-1, "that", "which") || p.taken(j) {
		return -1 // "everything is in the cluster" is a statement
	}
	j++
	if !p.is(j, "in", "inside", "within") {
		return -1
	}
	return p.clusterNamed(j + 1)
}

// clusterNamed returns the end of the cluster named from j ("the cluster",
// "this cluster", "our Kubernetes cluster", "the whole cluster"), or -1.
func (p *parser) clusterNamed(j int) int {
	if p.is(j, "the", "this", "our", "my", "your") {
		j++
	}
	if p.is(j, "whole", "entire") {
		j++
	}
	if p.is(j, "kubernetes", "k8s") {
		j++
	}
	if !p.is(j, "cluster") || p.is(j+1, "dns", "wide", "-wide") {
		return -1
	}
	return j + 1
}

// livesIn reports whether the words from j say where the pods before them
// run ("running in", "that live inside"), so that "pods" alone names the
// pods of the place that follows.
func (p *parser) livesIn(j int) bool {
	if p.is(j, "that", "which") {
		j++
	}
	return residenceVerbs[p.word(j)] && !p.taken(j) && p.is(j+1, "in", "inside", "within")
}

// nameAt reads a workload's name where a name belongs: "nginx", "the nginx
// pods", "the db StatefulSet", "the web application (label app=web)", "the
// payment-service pods". A word is a name when a pod noun or workload kind
// follows it, when the tree knows it, or, with --assume-app-label, when it
// stands where a peer or subject belongs; other words are no names.
func (p *parser) nameAt(i, start int) (*endpoint, int) {
	// "static-web in production (app: static-web)", "redis-cluster in
	// namespace mdata (pods labeled app.kubernetes.io/name=redis-cluster)",
	// "web in the shop namespace (app=web)": pods by their labels, in the
	// namespace named between.
	if ns, open := p.namespaceBetween(i + 1); p.nameWord(i) && open > 0 && p.is(open, "(") {
		l := open + 1
		if podNouns[p.word(l)] && labelIntros[p.word(l+1)] {
			l++ // "(pods labeled app=x)"
		}
		// The labels must name the pods before "in", not the word after it:
		// "the token in wordpress (app=wordpress)" is about the wordpress pods.
		if sel, k := p.selectorAt(l); p.labelNext(l) && sel != nil && p.is(k, ")") && labelValue(sel, p.word(i)) && !labelValue(sel, p.word(ns)) {
			p.take(i, i+1, "described-by-labels")
			ep := &endpoint{kind: epPods, pods: sel, namespace: p.word(ns), nsMark: p.take(i+1, open, "namespace"), podsMark: p.take(open, k+1, "labels")}
			return ep, k + 1
		}
	}
	// "namespace isolation for data": the namespace it is about.
	if p.is(i, "namespace") && p.is(i+1, "isolation", "lockdown", "segmentation", "hardening") && p.is(i+2, "for", "of", "in") && p.namespaceName(i+3) {
		return &endpoint{kind: epNamespace, namespace: p.toks[i+3].low, nsMark: p.take(i, i+4, "namespace")}, i + 4
	}
	// "those control namespaces": the ones described before, not a name.
	if p.is(i-1, "those", "these", "such") && namespaceWords[p.word(i+1)] {
		return nil, start
	}
	// "the shop namespace", but not "the existing namespace fubar"
	// "tenant namespace tenant-acme:": the name after the word is the one.
	nameAfter := p.tok(i+2) != nil && p.namespaceName(i+2) && (strings.ContainsAny(p.word(i+2), "-0123456789") || p.is(i+3, ":", ",", ".") || i+3 == len(p.toks))
	if namespaceWords[p.word(i+1)] && !p.is(i+2, "labeled", "labelled") && p.namespaceName(i) && !(namespaceAdjectives[p.word(i)] && p.namespaceName(i+2)) && !nameAfter {
		return &endpoint{kind: epNamespace, namespace: p.toks[i].low, nsMark: p.take(i, i+2, "namespace")}, i + 2
	}
	// "from the self-hosted, downloads, home and media namespaces": each
	// word of a list that ends in "namespaces" is a namespace.
	if p.namespaceListAhead(i) {
		return &endpoint{kind: epNamespace, namespace: p.toks[i].low, nsMark: p.take(i, i+1, "namespace-list")}, i + 1
	}
	// "further inside team-a -", "in demo,": a namespace set as the scene;
	// so is "in demo the app=x pods ..." at the start of a statement, after
	// a title too ("backend-l7-policy: in cilium-demo the app=backend pods
	// take ...", "Step 3. In staging all pods ...").
	if p.is(i-1, "in", "inside", "within") && !p.systemRequest && p.tree == nil && !p.opts.AssumeAppLabel && p.namespaceName(i) && !inPhrases[p.word(i)] &&
		(i+1 == len(p.toks) || p.toks[i+1].kind == tPunct && !p.is(i+1, "(") || (i == 1 || p.is(i-2, ":", ".", ";", "-")) && p.is(i+1, "the", "all", "every", "its")) {
		return &endpoint{kind: epNamespace, namespace: p.toks[i].low, nsMark: p.take(i, i+1, "namespace")}, i + 1
	}
	// "egress for advanced-policy-demo: every pod there may ...": the
	// place "there" points back to is a namespace.
	if p.is(i-1, "for") && p.is(i+1, ":") && p.namespaceName(i) && !p.treeHasWorkload(p.word(i)) && p.podsThere(i+2) {
		return &endpoint{kind: epNamespace, namespace: p.toks[i].low, nsMark: p.take(i, i+1, "namespace")}, i + 1
	}
	// "In conjur, only ...": a namespace set as the scene.
	if p.is(i-1, "in") && (i-1 == 0 || p.toks[i-2].kind == tPunct) && p.is(i+1, ",", ":") && p.namespaceName(i) && !inPhrases[p.word(i)] && !p.treeHasWorkload(p.word(i)) {
		return &endpoint{kind: epNamespace, namespace: p.toks[i].low, nsMark: p.take(i, i+1, "namespace")}, i + 1
	}
	nounNext := podNouns[p.word(i+1)] || workloadKinds[p.word(i+1)] != ""
	// "... to every pod in the prod namespace, but keep allowing
	// everything else into prod": a place the request names a namespace.
	if !nounNext && p.is(i-1, "into", "inside", "within") && p.tree == nil && p.namespaceName(i) && p.onlyNamespaceElsewhere(i) {
		return &endpoint{kind: epNamespace, namespace: p.toks[i].low, nsMark: p.take(i, i+1, "namespace-named-elsewhere")}, i + 1
	}
	// "multi-tier app in the default namespace: the backend pods ...": an
	// application named by its shape, whose pods the rules name.
	if describedApp(p.toks, i+1) && !p.treeHasWorkload(p.word(i)) {
		p.take(i, i+2, "describes-app")
		return nil, start
	}
	if !p.nameWord(i) && !(nounNext && p.looseName(i)) && !p.spelledName(i) {
		return nil, start
	}
	// "reach app=db over postgres", "on 5432 over websockets": after
	// "over" or "using", a bare word says how the traffic is carried, not
	// a peer beside the one named.
	if b := i - 1; !nounNext && p.is(b, "over", "using") || p.is(b, "the") && p.is(b-1, "over", "using") {
		if p.is(b, "the") {
			b--
		}
		if !p.treeHasWorkload(p.word(i)) && (p.opts.AssumeAppLabel || p.tree != nil) {
			return &endpoint{kind: epPods, name: p.word(i), ask: fmt.Sprintf("what does %q change? A NetworkPolicy rule names the pods or addresses that send or receive the traffic, its ports and protocol; say the rule in those terms", p.text(b, i+1))}, i + 1
		}
	}
	// "at most two pods", "pods whose app label ...": how many or which,
	// not a name, even before a pod noun.
	if quantityWords[p.word(i)] && !p.treeHasWorkload(p.word(i)) && !p.treeNamespace(p.word(i)) {
		return nil, start
	}
	if !nounNext && !p.treeHasWorkload(p.word(i)) && !p.treeNamespace(p.word(i)) && !p.treeService(p.word(i)) && p.noNameHere(i) != "" {
		return nil, start
	}
	// "to the new internal server network", "even through the LoadBalancer
	// IP": words before a noun of addresses say which addresses, not pods.
	if p.addressNounAfter(i) && !p.treeHasWorkload(p.word(i)) && !p.treeNamespace(p.word(i)) && !p.treeService(p.word(i)) {
		return nil, start
	}
	// "backend pods (app=backend, ...) may only talk to ... and to the other
	// backend pods", "the replication pods (app=redis-replication) ...
	// from the other replication pods": the pods the labels named before,
	// by those labels.
	if p.is(i-1, "other") && !p.taken(i-1) && podNouns[p.word(i+1)] {
		for k := 0; k < i; k++ {
			if t := p.toks[k]; t.kind == tLabel && p.is(k-1, "(") {
				if _, op, v := splitLabel(t.raw); op == "=" && (strings.EqualFold(v, p.word(i)) || p.describedBefore(k-1, p.word(i))) {
					// the bracket's labels, all of them
					sel := &metav1.LabelSelector{MatchLabels: map[string]string{}}
					b := k
					for ; b < len(p.toks) && !p.is(b, ")"); b++ {
						if p.toks[b].kind == tLabel {
							key, op, val := splitLabel(p.toks[b].raw)
							if op != "=" {
								break
							}
							sel.MatchLabels[key] = val
						} else if !p.is(b, ",", "and") {
							break
						}
					}
					p.take(i-1, i+2, "same-pods")
					return &endpoint{kind: epPods, pods: sel, podsMark: &mark{k, b, "labels-named-before"}}, i + 2
				}
			}
		}
	}
	// "on the insecure ports 20 through 23 (ftp, ssh, telnet)": the names
	// of what the ports serve, not pods.
	if p.portGloss(i) && !p.treeHasWorkload(p.word(i)) {
		return nil, start
	}
	// "game traffic in from the internet": a kind of traffic, not pods.
	if trafficKinds[p.word(i)] && p.is(i+1, "traffic") && !p.treeHasWorkload(p.word(i)) {
		return nil, start
	}
	// "accept the ambient health probes, which come from 169.254.7.127":
	// probes, not pods.
	if p.probeTraffic(i) && !p.treeHasWorkload(p.word(i)) {
		return nil, start
	}
	// "the external HTTP service httpbin.org": the DNS name after it is
	// what the words describe.
	if nounNext && p.tok(i+2) != nil && p.toks[i+2].kind == tDomain {
		return nil, start
	}
	j := i + 1
	// Of several words ("the redis cache"), the one the tree knows is the name.
	if p.tree != nil && !p.treeHasWorkload(p.word(i)) && !p.treeNamespace(p.word(i)) && p.nameWord(i+1) && p.treeHasWorkload(p.word(i+1)) {
		i, j = i+1, i+2
	}
	// "to the frontend ... on the frontend service port 80" describes a
	// port of pods named already, not another peer; "checkout may POST to
	// /v1/carts/* on the cart service port 80" names the pods that serve.
	if p.is(j, "service", "container") && p.is(j+1, "port", "ports") && p.wordAgain(i) || p.is(j, "port", "ports") {
		return nil, start
	}
	name := p.toks[i].low
	nameEnd := j
	ep := &endpoint{kind: epPods, name: name}
	if namespaceWords[p.word(j)] && !p.is(j+1, "labeled", "labelled") {
		// "tenant namespace tenant-acme:": the name after the word.
		if p.tok(j+1) != nil && p.namespaceName(j+1) && (strings.ContainsAny(p.word(j+1), "-0123456789") || p.is(j+2, ":", ",", ".") || j+2 == len(p.toks)) {
			return p.namespaceAt(j)
		}
		// "the shop namespace"
		return &endpoint{kind: epNamespace, namespace: name, nsMark: p.take(i, j+1, "namespace")}, j + 1
	}
	noun := false
	if k, ok := workloadKinds[p.word(j)]; ok {
		ep.workload = k
		j++
		noun = true
		// "the renovate job pods (app.kubernetes.io/name=renovate, ...)":
		// the pods of the workload, one mention.
		for podNouns[p.word(j)] && !p.is(j, "service", "services", "svc") && !p.taken(j) {
			j++
		}
	} else if p.is(j, "node", "nodes", "host", "hosts") && p.is(j+1, "(") && podNouns[p.word(j+2)] {
		// "the runtime nodes (pods labeled role=runtime)": the brackets
		// say the nodes are pods; the word is their noun.
		j++
		noun = true
	} else if podNouns[p.word(j)] {
		if p.is(j, "service", "services", "svc") {
			ep.workload = "Service"
		}
		j++
		noun = true
		for podNouns[p.word(j)] {
			j++
		}
	}
	// "the controller pods labeled app=x", "the client that carries the
	// other=client label": the labels say which pods. So do labels
	// between commas after a pod noun: "the db pods, labelled app=db,
	// accept 5432 only from app=api".
	aside := noun && p.is(j, ",") && p.is(j+1, "labeled", "labelled", "tagged", "carrying", "bearing")
	if aside {
		j++
	}
	if (noun && p.is(j, "labeled", "labelled", "tagged", "with", "carrying", "bearing", "having", "matching") || p.is(j, "that", "which") && p.is(j+1, "carries", "carry", "bears", "has", "have")) && p.labelNext(j) {
		if sel, k := p.selectorAt(j); sel != nil && (!aside || p.is(k, ",") || k == len(p.toks)) {
			if aside && k < len(p.toks) {
				k++ // the comma that closes the aside
			}
			p.take(i, nameEnd, "described-by-labels")
			ep := &endpoint{kind: epPods, pods: sel, podsMark: p.take(nameEnd, k, "labels"), start: i, end: k}
			// "the checkout worker pods labeled app=worker": the words
			// before the name may say where the pods run.
			p.wordsBeforeLabeled(ep, sel)
			// "the canary pods labeled app=web": a word of stage or rank
			// that the labels do not spell picks some of the pods.
			for n := i; n < nameEnd; n++ {
				if stageWords[p.word(n)] && !labelsSpell(sel, p.word(n)) {
					ep.ask = fmt.Sprintf("which of the pods are %q? Name them by their labels in the rule", p.text(n, n+1))
				}
			}
			return ep, k
		}
	}
	// "the web application (label app=web)": the labels say it (qualify).
	described := p.is(j, "(") && (p.labelNext(j+1) || podNouns[p.word(j+1)] && labelIntros[p.word(j+2)] && p.labelNext(j+2))
	// A bare word is a name only where nothing else names pods: with labels
	// in the clause, "firewall the web servers" or "a compromised container"
	// describe, they do not name.
	bare := p.argumentSlot(start) && !p.hasLabels()
	_, defined := p.clause.defs[name]
	// "reach the redis Service in the data namespace": with no tree to
	// look it up in and no app label to assume, the kind written as
	// Kubernetes writes it names the Service itself, as "the Service
	// redis" does.
	if ep.workload == "Service" && j == nameEnd+1 && p.toks[nameEnd].raw == "Service" && p.tree == nil && !p.opts.AssumeAppLabel && !described && !defined {
		p.take(nameEnd, j, "service-kind")
		return &endpoint{kind: epService, name: name, nameMark: p.take(i, nameEnd, "service-name")}, j
	}
	confirmed := noun || described || defined && p.tree == nil || p.treeHasWorkload(name) || p.treeNamespace(name) || p.treeService(name) ||
		p.opts.AssumeAppLabel && bare || p.tree == nil && bare && !p.opts.AssumeAppLabel
	if !confirmed {
		return nil, start
	}
	if p.tree != nil && !noun && !p.treeHasWorkload(name) && p.treeNamespace(name) {
		// "the shop frontend": the frontend of namespace shop.
		if p.treeHasWorkload(p.word(nameEnd)) {
			if w, k := p.nameAt(nameEnd, nameEnd); w != nil && w.kind == epPods && w.namespace == "" {
				w.namespace, w.nsMark = name, p.take(i, nameEnd, "namespace")
				return w, k
			}
		}
		return &endpoint{kind: epNamespace, namespace: name, nsMark: p.take(i, nameEnd, "namespace")}, nameEnd
	}
	ep.nameMark = p.take(i, nameEnd, "workload-name")
	ep.noun = noun
	return ep, j
}

// portGloss reports whether the word at i stands in brackets right after
// ports, in a list of words only: "ports 20 through 23 (ftp, ssh,
// telnet)", "139 and 445 (SMB/NetBIOS)", "on 443 (HTTPS)". Not words that
// say pods or where: "on 8080 (from the api pods)".
func (p *parser) portGloss(i int) bool {
	gloss := func(k int) bool {
		t := p.toks[k]
		return p.is(k, ",", "/", "and", "or") || t.kind == tWord && !prepositions[t.low] && !podNouns[t.low] && !determiners[t.low] && !namespaceWords[t.low] && workloadKinds[t.low] == "" && !p.taken(k)
	}
	open := i
	for open >= 0 && !p.is(open, "(") {
		if !gloss(open) {
			return false
		}
		open--
	}
	if open < 1 || !slices.Contains([]string{"port", "port-range", "list", "port-word"}, p.claim[open-1]) {
		return false
	}
	for k := i; k < len(p.toks); k++ {
		switch {
		case p.is(k, ")"):
			return true
		case !gloss(k):
			return false
		}
	}
	return false
}

// describedBefore reports whether the bracket at k describes pods named w:
// w, then pod nouns or a workload kind ("the replication pods (", "the
// scraper deployment (").
func (p *parser) describedBefore(k int, w string) bool {
	b := k - 1
	for b > 0 && (podNouns[p.word(b)] || workloadKinds[p.word(b)] != "") {
		b--
	}
	return b >= 0 && b < k-1 && p.toks[b].kind == tWord && slices.Contains(strings.Split(p.word(b), "/"), w)
}

// namespaceListAhead reports whether the word at i is one of a list of
// names, not its last, that the plural "namespaces" closes: "the stars and
// client namespaces", "the self-hosted, downloads, home and media
// namespaces". (The last is read by "the shop namespace".)
func (p *parser) namespaceListAhead(i int) bool {
	k := i
	for n := 0; n < 8; n++ {
		if !p.namespaceName(k) || p.taken(k) {
			return false
		}
		k++
		switch {
		case p.is(k, ",") && p.is(k+1, "and", "or"):
			k += 2
		case p.is(k, ",", "and", "or"):
			k++
		default:
			return false
		}
		if p.namespaceName(k) && p.is(k+1, "namespaces") {
			return true
		}
	}
	return false
}

// noNameHere names the rule by which the bare word at i, though no
// vocabulary word, cannot name a workload where it stands, or says "":
//
//   - "at runtime:", "installed at startup)": "at" and one word before the
//     clause's end set a time, never pods (a name the tree knows still is one);
//   - "It has to hold for every namespace", "so I can see who touched it",
//     "refactor it to include egress": after a modal, or after "to" that
//     follows have, need, want or able, a word is a verb;
//   - "a way of restricting what ...", "instead of copying the same
//     policy": a word in -ing with its object after it is a verb;
//   - "prevent unwanted kernel modules from loading on your containers",
//     "stop the workers from logging to disk": after "from", a word in
//     -ing that a verb of prevention governs is what is prevented;
//   - "touched by root", "rootkits love it", "other users": who acts in a
//     sentence of reasons, never pods (actorWords);
//   - "the egress section", "the chart's template": a part of a policy
//     text (documentWords);
//   - "read-only to the runtime", "hidden from the kernel": a layer
//     under the pods (platformWords);
//   - "one namespace at a time.", "at a minimum,": "at a" and one word
//     before the clause's end set a time or a measure;
//   - "gets blocked together with TCP", "nobody else, even through":
//     an adverb, never pods (adverbWords);
//   - "feat(infra): ...", "fix(ui): ...", "(helm) Network Policy Egress":
//     the scope of a commit title, or a tag that opens the request, names
//     the area of a change, not pods.
func (p *parser) noNameHere(i int) string {
	w := p.word(i)
	clauseEnd := func(k int) bool { return k == len(p.toks) || p.toks[k].kind == tPunct && !p.is(k, "(") }
	switch {
	case p.is(i-1, "at") && clauseEnd(i+1):
		// (not "the database at db on 5432", where it says which pods)
		return "time-or-place"
	case p.is(i-1, "a", "an") && p.is(i-2, "at") && clauseEnd(i+1):
		return "time-or-place"
	case adverbWords[w]:
		return "adverb"
	case p.is(i-1, "(") && p.is(i+1, ")") && (i == 1 || i >= 2 && commitTypes[p.word(i-2)] && (i == 2 || p.toks[i-3].kind == tPunct) && p.is(i+2, ":")):
		return "change-scope"
	case modals[p.word(i-1)] && i >= 2 && p.toks[i-2].kind == tWord,
		p.is(i-1, "to") && p.is(i-2, "has", "have", "had", "need", "needs", "needed", "want", "wants", "able", "going", "used", "ought"):
		return "verb-after-modal"
	case strings.HasSuffix(w, "ing") && len(w) > 5 && (determiners[p.word(i+1)] || p.is(i+1, "what", "who", "which", "how", "where", "an", "it", "them")):
		return "verb-with-object"
	case strings.HasSuffix(w, "ing") && len(w) > 5 && p.is(i-1, "from") && p.preventBefore(i-1):
		return "verb-after-prevent-from"
	case actorWords[w], documentWords[w], platformWords[w], standingNouns[w]:
		return "not-a-workload"
	}
	return ""
}

// addressNouns name addresses: a word before one (and a pod noun between)
// describes them.
var addressNouns = set("network", "networks", "subnet", "subnets", "range", "ranges", "ip", "ips", "address", "addresses", "cidr", "cidrs", "vpc", "lan")

// addressNounAfter reports whether the word at i describes addresses: "the
// internal server network", "the LoadBalancer IP", "the office subnet".
func (p *parser) addressNounAfter(i int) bool {
	j := i + 1
	if podNouns[p.word(j)] && !p.taken(j) {
		j++
	}
	return addressNouns[p.word(j)] && !p.taken(j) && !p.is(j+1, "labeled", "labelled", "(")
}

// preventVerbs keep something from doing: "prevent X from loading".
var preventVerbs = set("prevent", "prevents", "preventing", "stop", "stops", "stopping", "keep", "keeps", "keeping", "prohibit", "prohibits", "forbid", "forbids", "discourage", "bar", "bars")

// preventBefore reports whether a verb of prevention stands before the
// "from" at k in its clause, with no other "from" between.
func (p *parser) preventBefore(k int) bool {
	for j := k - 1; j >= 0; j-- {
		switch {
		case p.is(j, "from") || p.toks[j].kind == tPunct:
			return false
		case preventVerbs[p.word(j)]:
			return true
		}
	}
	return false
}

// modals say what may or must be; the word after one is a verb.
var modals = set("can", "could", "may", "might", "must", "shall", "should", "will", "would")

// actorWords are who acts in a sentence of reasons: people and threats.
var actorWords = set("root", "users", "superuser", "hacker", "hackers", "intruder", "intruders", "adversary", "adversaries", "malware",
	"rootkit", "rootkits", "ransomware", "exploit", "exploits", "virus", "viruses", "worm", "worms")

// adverbWords say how or how much, never which pods: "blocked together
// with TCP", "even through the LoadBalancer IP". ("enough" is not one:
// "watching /bin/mount isn't enough" must stay a question.)
var adverbWords = set("together", "even", "instead", "otherwise", "anyway", "already", "apart", "merely", "quite", "altogether", "meanwhile")

// standingNouns name a standing set of rules, never pods: "cluster-wide
// egress baseline - ...", "ingress guardrails: ...". (Before a pod noun,
// "the baseline pods", the word may still be a name.)
var standingNouns = set("baseline", "baselines", "guardrail", "guardrails")

// platformWords are the layers under the pods that run them, never pods:
// "read-only to the runtime", "hidden from the kernel".
var platformWords = set("runtime", "runtimes", "kernel", "hypervisor", "firmware", "bootloader")

// documentWords are the parts of a policy's text, not what it selects.
var documentWords = set("section", "sections", "stanza", "stanzas", "manifest", "manifests", "template", "templates", "snippet", "snippets")

// labelValue reports whether w is the value of one of the selector's labels.
func labelValue(sel *metav1.LabelSelector, w string) bool {
	for _, v := range sel.MatchLabels {
		if strings.EqualFold(v, w) {
			return true
		}
	}
	return false
}

// namespaceAdjectives describe the namespace a name follows: "the
// existing namespace fubar".
var namespaceAdjectives = set("existing", "new", "same", "whole", "entire", "current", "target", "given", "dedicated", "separate", "own")

// corePodNouns are the nouns that never name a workload themselves.
var corePodNouns = set("pod", "pods", "workload", "workloads", "container", "containers", "replicas", "instances", "app", "apps", "application", "applications", "service", "services", "svc")

// looseName reports whether the word at i can name a workload when a pod
// noun follows it ("the api pods", "the backend deployment"), though alone
// it would be a word of a sentence.
func (p *parser) looseName(i int) bool {
	t := p.tok(i)
	if t == nil || t.kind != tWord {
		return false
	}
	w := t.low
	if describingWord(w) && !p.treeHasWorkload(w) && !p.treeNamespace(w) {
		return false
	}
	return !fillerWords[w] && !meaningWords[w] && !determiners[w] && !prepositions[w] && !denyWords[w] && !allowWords[w] && !auditWords[w] && !reasonOpeners[w] &&
		!namespaceWords[w] && !corePodNouns[w] && !coordinators[w] && !reachVerbs[w] && !receiveVerbs[w] && !processVerbs[w] && entityWord(w) == "" &&
		!isolateWords[w] && !actionVerbs[w] && !fileVerbs[w] && !processNouns[w] && !writeWords[w]
}

// reasonOpeners start a reason, never a name: "to 10.0.0.0/8 on 443,
// since 10.1.0.0/16 is the office", "except 10.1.0.0/16, because ...":
// the value after them is what the reason is about, not another peer.
var reasonOpeners = set("because", "since", "given", "formerly", "previously", "unlike")

// hasLabels reports whether the clause gives labels.
func (p *parser) hasLabels() bool {
	for _, t := range p.toks {
		if t.kind == tLabel {
			return true
		}
	}
	return false
}

// argumentSlot reports whether a mention starting at i stands where a
// subject or a peer belongs: after a preposition or an action verb, or
// before a modal and a verb ("checkout may reach ...").
func (p *parser) argumentSlot(i int) bool {
	k := i - 1
	for k >= 0 && (determiners[p.word(k)] || p.is(k, "only", "just", "other", "both", "either")) {
		k--
	}
	prev := p.word(k)
	if k < 0 {
		// "checkout may reach ...", "frontend and cart may ...": a subject before its verb.
		j := i + 1
		for p.is(j, "and", "or", ",") || p.tok(j) != nil && p.nameWord(j) && p.is(j-1, "and", "or", ",") {
			j++
		}
		return allowWords[p.word(j)] || denyWords[p.word(j)] || reachVerbs[p.word(j)] || receiveVerbs[p.word(j)] || p.is(j, "should", "must", "will", "is", "are", "needs", "need", "only", "pods", "pod")
	}
	if prepositions[prev] || denyWords[prev] || allowWords[prev] || auditWords[prev] || isolateWords[prev] || reachVerbs[prev] || receiveVerbs[prev] ||
		prev == "," || prev == "and" || prev == "or" || prev == "(" || prev == ":" || prev == "let" || prev == "restrict" || prev == "limit" || prev == "lock" {
		return true
	}
	return false
}

// namespaceMaybe reports whether the word at n, after a determiner and
// before a name a label spells, may be where the pods of ep run: it
// describes nothing ("compromised"), and the request names no namespace
// ("For the gravitee namespace: ... the management API pods") and says
// the word nowhere else.
func (p *parser) namespaceMaybe(n int, ep *endpoint) bool {
	w := p.word(n)
	if !p.is(n-1, "the", "our", "all", "those", "these", "my", "your", "their") || describingWord(w) || ep.namespace != "" {
		return false
	}
	all := p.all
	return !slices.ContainsFunc(all, func(t token) bool { return namespaceWords[t.low] || t.low == w && t.start != p.toks[n].start })
}

// wordsBeforeLabeled takes the words before the name of pods that labels
// describe ("the Srv1 front end (app=Srv1)", "the checkout worker pods
// labeled app=worker") as words of the description. Before a name a label
// spells as its value, a word written as a name (a hyphen or a digit) that
// no label spells may be where the pods run ("the team-a web pods
// (app=web)"); read as a description it is lost. So may any word after
// "the" ("the payments web pods (app=web)", "the checkout worker pods
// labeled app=worker") when the request names no namespace and says the
// word nowhere else ("the staging db pods (app=db) ... in staging"): a
// namespace, or the name of other pods. Those make the engine ask.
func (p *parser) wordsBeforeLabeled(ep *endpoint, sel *metav1.LabelSelector) {
	for n := ep.start - 1; n >= 0 && !p.taken(n) && p.toks[n].kind == tWord && (p.looseName(n) && !frameWords[p.word(n)]) && !podNouns[p.word(n)]; n-- {
		if w := p.word(n); len(validation.IsDNS1123Label(w)) == 0 && !labelsSpell(sel, w) && labelValueIs(sel, p.word(n+1)) &&
			(strings.ContainsAny(w, "-0123456789") || p.namespaceMaybe(n, ep)) {
			ep.ask = fmt.Sprintf("where do %q run? %q could be their namespace or a word of their name; name the namespace (\"the pods labeled ... in namespace %s\") or leave the word out", p.text(n, ep.end), w, w)
		}
		p.take(n, n+1, "described-by-labels")
		ep.start = n
	}
}

// qualify attaches "in namespace X", "in namespaces labeled ...", "in any
// namespace", "that run in X", "in their own namespace" and "(app=x,
// default namespace)" to the endpoint before it.
func (p *parser) qualify(ep *endpoint) {
	p.qualifyScope(ep)
	// "from other pods in team-a", "from other pods in the same namespace":
	// the pods of that namespace, other than the ones the policy is for,
	// which a rule about them needs no word for.
	if ep.kind == epNamespace && (ep.namespace != "" || ep.sameNS) && ep.podsMark != nil && p.is(ep.start-1, "other") && !p.taken(ep.start-1) {
		p.take(ep.start-1, ep.start, "other-pods")
	}
	// "the api pods in staging itself (app=api)": the labels after the namespace.
	if ep.namespace != "" && p.is(ep.end, "itself", "themselves") {
		p.take(ep.end, ep.end+1, "namespace-of")
		ep.end++
	}
	if ep.kind == epPods && ep.pods == nil && ep.namespace != "" && p.is(ep.end, "(") && p.labelNext(ep.end+1) {
		if sel, k := p.selectorAt(ep.end + 1); sel != nil && p.is(k, ")") {
			if ep.nameMark != nil {
				ep.nameMark.rule = "described-by-labels"
				for n := ep.nameMark.start; n < ep.nameMark.end; n++ {
					p.claim[n] = "described-by-labels"
				}
			}
			ep.pods, ep.name, ep.workload, ep.podsMark, ep.end = sel, "", "", p.take(ep.end, k+1, "labels"), k+1
		}
	}
	// "every pod in this namespace that does not carry exempt=true": the
	// namespace's pods the labels select.
	// "the pods in networking labeled X=y": likewise.
	if (ep.kind == epNamespace || ep.kind == epPods && ep.name == "" && ep.namespace != "") && ep.pods == nil && ep.namespaces == nil && p.is(ep.end, "that", "which", "labeled", "labelled", "carrying", "with", "without") {
		if sel, k := p.selectorAt(ep.end); sel != nil {
			ep.kind, ep.pods, ep.podsMark, ep.end = epPods, sel, p.take(ep.end, k, "labels"), k
		}
	}
}

// namespaceBetween reads "in NS", "in namespace NS", "in the NS
// namespace" at i, between a name and the labels in brackets that say
// which pods it is: the index of the namespace's name and of the word
// after the phrase, or 0, 0.
func (p *parser) namespaceBetween(i int) (ns, after int) {
	if !p.is(i, "in") {
		return 0, 0
	}
	switch k := i + 1; {
	case p.is(k, "namespace") && p.tok(k+1) != nil && p.namespaceName(k+1):
		return k + 1, k + 2
	case p.is(k, "the") && p.tok(k+1) != nil && p.namespaceName(k+1) && p.is(k+2, "namespace"):
		return k + 1, k + 3
	case p.tok(k) != nil && p.namespaceName(k):
		return k, k + 1
	}
	return 0, 0
}

// qualifyScope attaches the namespace part of qualify.
// stageNamespaces are the stages people name their namespaces after: in
// brackets after pods named by labels, "the app=api pods (prod)", one
// is their namespace.
var stageNamespaces = set("prod", "production", "staging", "stage", "dev", "development", "test", "testing", "qa", "uat", "preprod", "sandbox")

func (p *parser) qualifyScope(ep *endpoint) {
	if ep.kind != epPods && ep.kind != epService && !(ep.kind == epNamespace && ep.namespace == "" && ep.namespaces == nil) {
		return
	}
	j := ep.end
	// "the backend pods only (app=backend)", "the cluster-example
	// instances themselves (cnpg.io/cluster=x)": the brackets still say which.
	if p.is(j, "only", "itself", "themselves") && p.is(j+1, "(") && p.labelNext(j+2) {
		j++
	}
	// "(app=mysql, default namespace)": labels and a namespace in brackets.
	if p.is(j, "(") {
		k := j + 1
		var sel *metav1.LabelSelector
		if ep.pods == nil {
			// "(pods labeled app=productpage)"
			if (podNouns[p.word(k)] || p.is(k, "it", "they")) && labelIntros[p.word(k+1)] && !p.taken(k) {
				k++ // "(pods labeled app=x)", "(it carries run=access)"
			}
			if s, e := p.selectorAt(k); s != nil {
				sel = s
				ep.podsMark = p.take(j+1, e, "labels")
				k = e
			}
		}
		in := false
		for p.is(k, ",", "and", "in", "the") {
			in = in || p.is(k, "in")
			k++
		}
		nsEnd := -1
		if p.tok(k) != nil && p.namespaceName(k) && namespaceWords[p.word(k+1)] {
			ep.namespace, ep.nsMark, nsEnd = p.word(k), p.take(k, k+2, "namespace"), k+2
		} else if namespaceWords[p.word(k)] && p.tok(k+1) != nil && p.namespaceName(k+1) {
			ep.namespace, ep.nsMark, nsEnd = p.word(k+1), p.take(k, k+2, "namespace"), k+2
		} else if sel != nil && p.is(k-1, ",") && p.is(k, "same") && namespaceWords[p.word(k+1)] && p.is(k+2, ")") {
			// "(app=prometheus, same namespace)": the subject's.
			ep.sameNS, ep.nsMark, nsEnd = true, p.take(k, k+2, "same-namespace"), k+2
		} else if ep.pods != nil && k == j+1 && p.tok(k) != nil && p.namespaceName(k) && p.is(k+1, ")") && (stageNamespaces[p.word(k)] || p.treeNamespace(p.word(k))) {
			// "the same app=api pods (prod)": a stage in brackets after
			// pods named by labels is where they run.
			ep.namespace, ep.nsMark, nsEnd = p.word(k), p.take(k, k+1, "namespace"), k+1
		} else if (in || sel != nil && p.is(k-1, ",")) && p.tok(k) != nil && p.namespaceName(k) && p.is(k+1, ")") {
			// "(app=istio-ingressgateway in istio-system)"
			ep.namespace, ep.nsMark, nsEnd = p.word(k), p.take(k, k+1, "namespace"), k+1
		}
		if nsEnd > 0 {
			k = nsEnd
		}
		if (sel != nil || nsEnd > 0) && p.is(k, ")") {
			if sel != nil {
				ep.kind, ep.pods, ep.name, ep.workload = epPods, sel, "", ""
				if ep.nameMark != nil {
					ep.nameMark.rule = "described-by-labels"
					for n := ep.nameMark.start; n < ep.nameMark.end; n++ {
						p.claim[n] = "described-by-labels"
					}
				}
			}
			ep.end = k + 1
			j = ep.end
			// "the Srv1 front end (app=Srv1, tier=frontend)": the words
			// before the name describe the same pods.
			if sel != nil {
				p.wordsBeforeLabeled(ep, sel)
			}
		}
	}
	// "whatever namespace they're in", "(any namespace)", "in any
	// Namespace": wherever they run.
	for _, ph := range [][]string{{"whatever", "namespace", "they're", "in"}, {"whatever", "namespace", "they", "are", "in"}, {"whatever", "namespace", "it", "lives", "in"},
		{"whatever", "namespace", "they", "live", "in"}, {"whatever", "namespace", "it's", "in"}, {"whatever", "namespace", "it", "is", "in"}, {"whatever", "namespace"},
		{"(", "any", "namespace", ")"}, {"(", "all", "namespaces", ")"}, {"in", "any", "namespace"}, {"in", "every", "namespace"}, {"in", "all", "namespaces"},
		{"across", "all", "namespaces"}, {"across", "namespaces"}, {"regardless", "of", "namespace"}, {"in", "any", "of", "the", "namespaces"}} {
		k := j
		// "pods labeled X, in any namespace, get ...": set off by commas.
		if p.is(k, ",") && (ph[0] == "whatever" || ph[0] == "in" || ph[0] == "across" || ph[0] == "regardless") {
			k++
		}
		if ep.pods == nil || ep.namespace != "" || ep.namespaces != nil || !p.phraseAt(k, ph...) {
			continue
		}
		end := k + len(ph)
		if p.is(end, "labeled", "labelled", "with", "having", "matching", "carrying", "tagged", "whose", "where", "that", "named", "called") || p.tok(end) != nil && p.toks[end].kind == tLabel {
			continue
		}
		if p.is(end, ",") && p.is(j, ",") {
			end++
		}
		ep.namespaces, ep.nssMark, ep.end = &metav1.LabelSelector{}, p.take(j, end, "any-namespace"), end
		return
	}
	k := j
	// "that run in", "running in", "which live in", "deployed in"
	for p.is(k, "that", "which", "who") || residenceVerbs[p.word(k)] && k > j-1 {
		k++
	}
	// "every pod there"
	if p.is(k, "there") && ep.kind == epNamespace && k == j {
		ep.sameNS, ep.nsMark, ep.end = true, p.take(k, k+1, "same-namespace"), k+1
		return
	}
	// "(only) the Srv2 back end (...) from namespaces labeled usage=finance
	// should get to ...": where the pods named first or after "from" are.
	from := p.is(k, "from") && (namespaceWords[p.word(k+1)] || p.is(k+1, "the") && namespaceWords[p.word(k+3)] || namespaceWords[p.word(k+2)]) &&
		(ep.prep == "from" || ep.prep == "")
	if !p.is(k, "in", "of", "inside", "within") && !from {
		return
	}
	// "the pods of team-a in namespace prod", "the pods of cluster-example
	// (label ...) in the default namespace": "of" may name the namespace
	// or what the pods belong to, and "in" names another place; read
	// either way, one of them would be lost.
	if p.is(k, "of") && p.inAfterOf(k+1) {
		ep.ask = fmt.Sprintf("where do %q run? \"of %s\" and the namespace after it could each be their namespace; name one namespace (\"the pods labeled ... in namespace prod\")", p.text(ep.start, k), p.word(k+1))
		return
	}
	in := k
	k++
	// "in its own namespace", "in the same namespace", "in this namespace": the subject's.
	// An OpenShift project is a namespace: "in this project", "in the same project".
	nsWord := func(n int) bool { return namespaceWords[p.word(n)] || p.is(n, "project") }
	// "in the local namespace", "in the current namespace": the subject's
	// too, unless the tree has a namespace of that name.
	local := p.is(k+1, "local", "current") && !p.treeNamespace(p.word(k+1))
	if p.is(k, "its", "their", "the", "this", "that", "his", "her") && (p.is(k+1, "own", "same") && nsWord(k+2) || p.is(k, "this", "that") && nsWord(k+1) || p.is(k, "the") && local && nsWord(k+2)) && !pointsBackToNamespaces(p, k, k+2) {
		end := k + 3
		if p.is(k, "this", "that") && !p.is(k+1, "own", "same") {
			end = k + 2
		}
		ep.sameNS = true
		ep.nsMark = p.take(in, end, "same-namespace")
		ep.end = end
		return
	}
	if p.is(k, "other", "different") && namespaceWords[p.word(k+1)] || p.is(k, "any", "all") && p.is(k+1, "other") && namespaceWords[p.word(k+2)] {
		end := k + 2
		if p.is(k, "any", "all") {
			end++
		}
		ep.otherNS = true
		ep.nsMark = p.take(in, end, "other-namespaces")
		ep.end = end
		return
	}
	// "every pod in it": the subject's namespace.
	if p.is(k, "it", "there") && ep.kind == epNamespace {
		ep.sameNS = true
		ep.nsMark = p.take(in, k+1, "same-namespace")
		ep.end = k + 1
		return
	}
	// "from every pod in the namespace": the subject's.
	if p.is(k, "the") && namespaceWords[p.word(k+1)] && !p.namespaceName(k+2) && !p.is(k+2, "labeled", "labelled", "with", "having", "matching", "carrying", "tagged", "whose", "where") {
		ep.sameNS = true
		ep.nsMark = p.take(in, k+2, "same-namespace")
		ep.end = k + 2
		return
	}
	for determiners[p.word(k)] && !p.is(k, "any", "all", "every", "each", "other") {
		k++
	}
	switch {
	case p.is(k, "any", "all", "every", "each") && namespaceWords[p.word(k+1)] && !p.is(k+2, "labeled", "labelled", "with", "having", "matching", "carrying", "tagged", "whose", "where"):
		ep.namespaces = &metav1.LabelSelector{}
		ep.nssMark = p.take(in, k+2, "any-namespace")
		ep.end = k + 2
	case p.is(k, "other") && namespaceWords[p.word(k+1)]:
		return
	case namespaceWords[p.word(k)] || p.is(k, "any", "all", "every", "each") && namespaceWords[p.word(k+1)]:
		if p.is(k, "any", "all", "every", "each") {
			k++
		}
		ns, e := p.namespaceAt(k)
		if ns == nil {
			return
		}
		ep.namespace, ep.namespaces, ep.nsMark, ep.nssMark, ep.end = ns.namespace, ns.namespaces, ns.nsMark, ns.nssMark, e
	case p.is(k-1, "those", "these", "such"):
		// "in those control namespaces": the ones described before.
		return
	case p.tok(k) != nil && p.toks[k].kind == tLabel && p.labelsThenNamespace(k):
		// "role=server pods in env=prod namespaces": the namespaces the
		// labels select.
		sel, e := p.selectorAt(k)
		ep.namespaces, ep.nssMark, ep.end = sel, p.take(k, e+1, "namespace-labels"), e+1
	case p.describedNamespace(k) > 0:
		// "in the Certificate manager project (namespace ibm-cert-manager)":
		// words that describe the namespace, its name in parentheses.
		e := p.describedNamespace(k)
		p.take(k, e-4, "namespace-description")
		ep.namespace, ep.nsMark, ep.end = p.word(e-2), p.take(e-4, e, "namespace"), e
	case p.tok(k) != nil && p.toks[k].kind == tWord && nsWord(k+1) && p.namespaceName(k):
		// "in the shop namespace", "in the openshift-monitoring project"
		ep.namespace, ep.nsMark, ep.end = p.toks[k].low, p.take(k, k+2, "namespace"), k+2
	case p.tree == nil && k == in+1 && (ep.kind == epPods && ep.name == "" || ep.kind == epNamespace) && ep.pods == nil && p.tok(k) != nil && p.toks[k].kind == tWord &&
		len(validation.IsDNS1123Label(p.word(k))) == 0 && !determiners[p.word(k)] && !prepositions[p.word(k)] && p.is(k+1, "labeled", "labelled", "carrying") && p.labelNext(k+2):
		// "the pods in networking labeled X=y": a namespace, then the labels
		// of its pods.
		ep.kind, ep.namespace, ep.nsMark, ep.end = epPods, p.word(k), p.take(k, k+1, "namespace"), k+1
	case p.tree != nil && p.tok(k) != nil && p.treeNamespace(p.word(k)) && (ep.kind == epNamespace || ep.pods != nil || p.lookupCount(ep.name) != 1 || !p.treeHasWorkload(p.word(k))):
		ep.namespace, ep.nsMark, ep.end = p.word(k), p.take(k, k+1, "namespace"), k+1
	case p.tree == nil && k == in+1 && p.tok(k) != nil && p.namespaceName(k) && !inPhrases[p.word(k)] && (p.nameWord(k) || p.is(k, "default") || interjections[p.word(k)] && ep.pods != nil || p.gerundNamespace(k) && ep.pods != nil) && !podNouns[p.word(k+1)] && workloadKinds[p.word(k+1)] == "" &&
		!p.is(k+1, "namespace", "namespaces", "cluster") && (!p.is(k+1, "(") || ep.pods == nil && ep.name != "" && p.labelNext(k+2)) && (ep.pods != nil || ep.name != "" || ep.kind == epNamespace && ep.podsMark != nil):
		// "static-web in production (app: static-web)": the labels follow.
		// "app=mysql in wordpress-mysql", "httpbin (app=httpbin) in foo": a namespace;
		// so is "hello" after pods named by labels ("the pods (app=x) in hello").
		ep.namespace, ep.nsMark, ep.end = p.word(k), p.take(k, k+1, "namespace"), k+1
	case p.tree == nil && !p.systemRequest && k == in+1 && ep.pods != nil && p.tok(k) != nil && p.toks[k].kind == tWord && len(validation.IsDNS1123Label(p.word(k))) == 0 &&
		(fileNouns[p.word(k)] || processNouns[p.word(k)] || cidrNouns[p.word(k)] || workloadKinds[p.word(k)] != "" || podNouns[p.word(k)] && !p.is(k, "pod", "pods")) && (receiveVerbs[p.word(k+1)] || reachVerbs[p.word(k+1)] || p.is(k+1, "may", "can", "should", "must", "only", "get", "gets")):
		// "the sftp pods (app=sftp) in files accept port 2022": between
		// pods named by labels and the verb of the clause, a word of the
		// vocabulary after "in" can only name their namespace.
		ep.namespace, ep.nsMark, ep.end = p.word(k), p.take(k, k+1, "namespace"), k+1
	default:
		return
	}
	p.take(j, in+1, "namespace-of")
}

// gerundNamespace reports whether the word at k, after "pods labeled
// app=x in", is an action word ending in -ing that can only name their
// namespace where it stands, before punctuation, the end or the verb of
// the clause: "the app=log-collector pods in logging, report ...", "pods
// labeled app=am in alerting must not ...". Logging, alerting and auditing
// are common namespace names; read as a verb they would leave the pods in
// the default namespace.
func (p *parser) gerundNamespace(k int) bool {
	w := p.word(k)
	if !strings.HasSuffix(w, "ing") || !(auditWords[w] || denyWords[w] || allowWords[w]) {
		return false
	}
	return k+1 == len(p.toks) || p.toks[k+1].kind == tPunct && !p.is(k+1, "(") || modals[p.word(k+1)] || p.is(k+1, "cannot", "can't", "mustn't", "shouldn't", "need", "needs", "may")
}

// podsInGerund reports whether the word at k is such a namespace just
// after pods and "in" ("the app=shipper pods in logging must not ..."),
// so that no reading of actions takes it for a verb.
func (p *parser) podsInGerund(k int) bool {
	return p.tree == nil && p.is(k-1, "in") && k > 1 && (p.toks[k-2].kind == tLabel || podNouns[p.word(k-2)] || p.is(k-2, ")")) && p.namespaceName(k) && p.gerundNamespace(k)
}

// inAfterOf reports whether, after a few words from n and a bracket, "in",
// "inside" or "within" says where the pods run: "of cluster-example
// (label ...) in the default namespace".
func (p *parser) inAfterOf(n int) bool {
	for e := n + 4; n < e && p.tok(n) != nil && p.toks[n].kind == tWord && !p.is(n, "in", "inside", "within"); n++ {
	}
	if p.is(n, "(") {
		for n < len(p.toks) && !p.is(n, ")") {
			n++
		}
		n++
	}
	return p.is(n, "in", "inside", "within")
}

// describedNamespace reads, from k, one to three words that describe a
// namespace, the word namespace or project, and its name in parentheses:
// "Certificate manager project (namespace ibm-cert-manager)". It returns
// the index after the closing parenthesis, or -1.
func (p *parser) describedNamespace(k int) int {
	for n := k; n < k+3; n++ {
		if t := p.tok(n); t == nil || t.kind != tWord || p.taken(n) || determiners[p.word(n)] || prepositions[p.word(n)] {
			return -1
		}
		e := n + 1
		if (namespaceWords[p.word(e)] || p.is(e, "project")) && p.is(e+1, "(") && namespaceWords[p.word(e+2)] && p.namespaceName(e+3) && p.is(e+4, ")") {
			return e + 5
		}
	}
	return -1
}

// inPhrases make a phrase with "in" that says no place: "the pods in
// question", "these pods in particular".
var inPhrases = set("question", "particular", "general", "turn", "short", "total", "practice", "addition", "fact", "effect", "principle", "theory", "advance", "summary")

// describedList reports where the addresses or DNS names start that words
// from i only describe, "external addresses - slack.com", "the outside
// hosts: 1.2.3.4/32", or -1.
func (p *parser) describedList(i int) int {
	// "the external clients 1.2.3.4 and 5.6.7.0/24", "the outside systems
	// 192.0.2.10 and 192.0.2.11": who is at the addresses, said before them.
	if !p.is(i, "external", "outside", "public", "third-party") || !p.is(i+1, "addresses", "hosts", "destinations", "domains", "names", "endpoints", "services", "sites", "ips", "apis", "networks",
		"clients", "systems", "machines", "servers", "callers", "users", "peers", "partners", "sources") {
		return -1
	}
	k := i + 2
	if p.is(k, "-", ":", "namely") {
		k++
	}
	if t := p.tok(k); t == nil || t.kind != tDomain && t.kind != tCIDR {
		return -1
	}
	return k
}

// describesDomain reports whether words [i, k) only describe the DNS name
// at k: "the external service", "external requests to", "the external APIs".
func (p *parser) describesDomain(i, k int) bool {
	// "anything matching *.rds.amazonaws.com", "anything under *.amazonaws.com"
	if k == i+2 && p.is(i, "anything", "everything") && p.is(i+1, "matching", "under", "below", "in", "within", "at") && strings.HasPrefix(p.toks[k].low, "*.") {
		return true
	}
	described := false
	for n := i; n < k; n++ {
		switch {
		case p.is(n, "external", "public", "third-party", "outside", "remote", "upstream", "saas"):
			described = true
		case p.is(n, "service", "services", "api", "apis", "endpoint", "endpoints", "site", "sites", "host", "hosts", "server", "servers", "requests", "calls", "the", "to", "an", "a", "domain", "domains", "name", "names"):
		default:
			return false
		}
	}
	return described
}

// cidrList parses "10.0.0.0/8, 172.16.0.0/12 except 10.1.0.0/16 and
// 10.2.0.0/16", "10.0.0.0/8 but not 10.96.0.0/12".
func (p *parser) cidrList(i int) (*endpoint, int) {
	ep := &endpoint{kind: epCIDR}
	cidrs, j := p.cidrRun(i)
	for _, c := range cidrs {
		ep.cidrs = append(ep.cidrs, cidrV{cidr: c})
	}
	// "the 172.16.0.0/16 CIDR block", "the 1.2.3.0/24 block": the nouns say what it is.
	for cidrNouns[p.word(j)] && !p.taken(j) {
		p.take(j, j+1, "cidr")
		j++
	}
	k := j
	if p.is(k, ",", "(") {
		k++
	}
	// "0.0.0.0/0, but with 169.254.169.254/32 carved out (as an exception)"
	if p.is(k, "but") && p.is(k+1, "with") {
		if excepts, e := p.cidrRun(k + 2); len(excepts) > 0 && p.is(e, "carved", "cut", "taken", "left", "excluded", "removed") {
			end := e + 1
			if p.is(end, "out") {
				end++
			}
			if p.is(end, "as") && p.is(end+1, "an") && p.is(end+2, "exception") {
				end += 3
			}
			p.take(k, k+2, "cidr-except")
			p.take(e, end, "cidr-except")
			ep.cidrs[0].except = append(ep.cidrs[0].except, excepts...)
			return ep, end
		}
	}
	if !p.is(k, "except", "excluding", "but", "without", "minus") && !(p.is(k, "other") && p.is(k+1, "than")) && !(p.is(k, "apart") && p.is(k+1, "from")) {
		return ep, j
	}
	exceptAt := k
	k++
	// "0.0.0.0/0, but carve out 169.254.0.0/16", "but exclude 10.0.0.0/8":
	// what is cut out of the range.
	if p.is(exceptAt, "but") && (p.is(k, "carve", "carving", "cut", "cutting", "leave", "leaving") && p.is(k+1, "out") || p.is(k, "exclude", "excluding")) {
		k++
		if p.is(k, "out") {
			k++
		}
	}
	// "except the metadata address 169.254.169.254/32", "but not 10.96.0.0/12";
	// "egress anywhere in 0.0.0.0/0 except to 169.254.169.254" (not after
	// "from", where "to" would name the other end).
	for n := 0; n < 5 && (p.is(k, "not", "than", "for", "the", "from", "its", "at", "of", "our", "my", "in-cluster", "internal", "private", "rfc1918") ||
		p.is(k, "to") && (p.is(k-1, "not") || k == exceptAt+1 && p.prepBefore(i) != "from") || cidrNouns[p.word(k)] || p.nameWord(k)); n++ {
		k++
	}
	excepts, e := p.cidrRun(k)
	if len(excepts) == 0 {
		return ep, j
	}
	p.take(exceptAt, k, "cidr-except")
	// "minus our VPC CIDR 10.16.0.0/16 and the non-masquerade range
	// 100.64.0.0/10": the list goes on with described addresses inside the
	// CIDR; one outside it could not be an exception.
	for p.is(e, ",", "and") {
		k := e + 1
		for n := 0; n < 5 && p.tok(k) != nil && p.toks[k].kind == tWord && (p.is(k, "the", "our", "my", "its") || cidrNouns[p.word(k)] || p.looseName(k)) && !p.taken(k); n++ {
			k++
		}
		t := p.tok(k)
		if t == nil || t.kind != tCIDR || p.taken(k) {
			break
		}
		inside := false
		for _, c := range ep.cidrs {
			inside = inside || cidrContains(c.cidr.value, t.cidr())
		}
		if !inside {
			break
		}
		more, e2 := p.cidrRun(k)
		p.take(e, k, "cidr-except")
		excepts = append(excepts, more...)
		e = e2
	}
	for _, x := range excepts {
		// The exception goes to the CIDR that contains it, else to the first,
		// where validation reports that it is outside.
		n := 0
		for ci, c := range ep.cidrs {
			if cidrContains(c.cidr.value, x.value) {
				n = ci
				break
			}
		}
		ep.cidrs[n].except = append(ep.cidrs[n].except, x)
	}
	if p.is(e, ")") && p.is(j, "(") {
		e++
	}
	// "but not 192.168.1.5/32 (exclude that one host)": the exception said
	// again in brackets.
	if p.is(e, "(") && p.is(e+1, "exclude", "excluding", "excluded", "except", "carve", "skip", "minus") {
		k := e + 2
		for p.is(k, "out", "that", "this", "those", "these", "the", "one", "single", "host", "hosts", "address", "addresses", "ip", "ips", "range", "ranges", "it", "them", "block", "subnet") {
			k++
		}
		if k > e+2 && p.is(k, ")") {
			p.take(e, k+1, "cidr-except")
			e = k + 1
		}
	}
	return ep, e
}

// cidrRun reads CIDRs joined by commas, "and" or "or", from token i.
func (p *parser) cidrRun(i int) ([]valueV, int) {
	var out []valueV
	j := i
	for j < len(p.toks) && !p.taken(j) {
		switch {
		case p.toks[j].kind == tCIDR:
			out = append(out, valueV{p.toks[j].cidr(), p.take(j, j+1, "cidr")})
			// "22.22.22.22 (the worker node's internal IP)": words in
			// brackets after an address say what it is.
			if e := p.addressAside(j + 1); e > 0 {
				p.take(j+1, e, "describes-address")
				j = e - 1
			}
		case (p.is(j, ",", "and", "or", "/")) && len(out) > 0 && j+1 < len(p.toks) && p.toks[j+1].kind == tCIDR:
			p.take(j, j+1, "list")
		default:
			return out, j
		}
		j++
	}
	return out, j
}

// addressAside reads a bracket of words alone opened by a determiner,
// "(the control plane's internal IP)", from token i; it returns the index
// after the bracket, or 0. A value, a negation, an exception or a verdict
// inside makes it more than a description.
func (p *parser) addressAside(i int) int {
	if !p.is(i, "(") || !p.is(i+1, "the", "our", "a", "an", "its", "their") {
		return 0
	}
	for k := i + 1; k < len(p.toks) && k <= i+9; k++ {
		t := p.toks[k]
		switch {
		case p.taken(k):
			return 0
		case p.is(k, ")"):
			return k + 1
		case p.is(k, "node's", "node", "nodes", "host", "hosts", "host's", "cluster", "cluster's", "external", "internet", "world", "dns", "outside"):
			// what the address is: "the worker node's internal IP"
		case t.kind != tWord || negationWords[t.low] || denyWords[t.low] || allowWords[t.low] || meaningWords[t.low] || p.is(k, "except", "but", "only", "excluding", "not"):
			return 0
		}
	}
	return 0
}

// domainList reads DNS names joined by commas, "and" or "or".
func (p *parser) domainList(i int) (*endpoint, int) {
	ep := &endpoint{kind: epFQDN}
	j := i
	for j < len(p.toks) && !p.taken(j) {
		switch {
		case p.toks[j].kind == tDomain:
			name := strings.TrimSuffix(p.toks[j].low, ".")
			ep.fqdns = append(ep.fqdns, valueV{name, p.take(j, j+1, "dns-name")})
			// "example.com and all its subdomains": the name and its pattern.
			k := j + 1
			if p.is(k, "and") {
				k++
				for p.is(k, "all", "every", "any", "of") {
					k++
				}
				if p.is(k, "its") && p.is(k+1, "subdomains", "sub-domains") && !strings.HasPrefix(name, "*") {
					p.take(j+1, k+2, "dns-subdomains")
					ep.fqdns = append(ep.fqdns, valueV{"*." + name, &mark{j, k + 2, "dns-subdomains"}})
					j = k + 1
				}
			}
		case p.is(j, ",", "and", "or") && j+1 < len(p.toks) && p.toks[j+1].kind == tDomain && len(ep.fqdns) > 0:
			p.take(j, j+1, "list")
		default:
			return ep, j
		}
		j++
	}
	return ep, j
}

// peerOf turns a peer endpoint into intent peers, with the origins of
// their values (fields relative to the peer).
func (p *parser) peerOf(ep *endpoint, subjectNS string) ([]peerV, error) {
	switch ep.kind {
	case epCIDR:
		var out []peerV
		for _, c := range ep.cidrs {
			v := peerV{peer: generator.Peer{CIDR: c.cidr.value}}
			v.add(p.origin("cidr", c.cidr.m))
			for k, x := range c.except {
				v.peer.Except = append(v.peer.Except, x.value)
				v.add(p.origin(fieldf("except[%d]", k), x.m))
			}
			out = append(out, v)
		}
		return out, nil
	case epFQDN:
		var out []peerV
		for _, f := range ep.fqdns {
			v := peerV{peer: generator.Peer{FQDN: f.value, Name: f.value}}
			v.add(p.origin("fqdn", f.m))
			out = append(out, v)
		}
		return out, nil
	case epEntity:
		var out []peerV
		for _, e := range ep.entities {
			v := peerV{peer: generator.Peer{Entity: e.value, Name: e.value}}
			v.add(p.origin("entity", e.m))
			out = append(out, v)
		}
		return out, nil
	case epAny:
		return nil, nil
	case epService:
		ns := ep.namespace
		v := peerV{}
		v.add(p.origin("service", ep.nameMark))
		if ns == "" {
			ns = subjectNS
			v.add(generator.Origin{Field: "service", From: generator.FromDefault, Text: generator.Defaults["subject-namespace"], Rule: "subject-namespace"})
		} else {
			v.add(p.origin("service", ep.nsMark))
		}
		if p.tree != nil && !p.treeServiceIn(ep.name, ns) {
			return nil, p.refuse(fmt.Sprintf("the tree has no Service %q in namespace %s; which Service do you mean?", ep.name, ns), "allow the frontend pods to reach the Service checkout on port 80")
		}
		v.peer = generator.Peer{Service: ns + "/" + ep.name, Name: ep.name}
		return []peerV{v}, nil
	case epPods, epNamespace:
		if ep.fallback {
			// the pods another clause named, with the origins of their values
			v := peerV{peer: generator.Peer{Pods: p.fallback.Pods, Namespace: p.fallback.Namespace, Name: generator.SelectorName(p.fallback.Pods)}}
			for _, o := range p.fallbackOrigins {
				if f, ok := strings.CutPrefix(o.Field, "subject."); ok && (f == "pods" || f == "namespace" || strings.HasPrefix(f, "pods.")) {
					o.Field = f
					v.add(o)
				}
			}
			if v.peer.Namespace == subjectNS {
				v.peer.Namespace = ""
				v.drop("namespace")
			}
			return []peerV{v}, nil
		}
		v, err := p.resolve(ep, subjectNS)
		if err != nil {
			return nil, err
		}
		if v.peer.Namespace == subjectNS {
			// A peer in the subject's namespace names none ("in that same namespace").
			v.peer.Namespace = ""
			v.drop("namespace")
			if v.peer.Pods == nil && v.peer.Namespaces == nil {
				// "any pod in the same namespace": every pod of the subject's.
				v.peer.Pods, v.peer.Name = &metav1.LabelSelector{}, ""
				v.add(p.origin("pods", &mark{ep.start, ep.end, "every-pod"}))
			}
		}
		return []peerV{v}, nil
	}
	return nil, p.refuse("what do you mean by "+quote(ep.text)+"? It is no pods, namespace, address or name I can use as a peer", generator.ExampleNetwork)
}

// cidrContains reports whether the CIDR inner lies within outer.
func cidrContains(outer, inner string) bool {
	o, err1 := netip.ParsePrefix(outer)
	in, err2 := netip.ParsePrefix(inner)
	return err1 == nil && err2 == nil && o.Contains(in.Addr()) && in.Bits() >= o.Bits()
}

// podsThere reports whether the words from i say "every pod there" or
// "all pods there" before the sentence ends.
func (p *parser) podsThere(i int) bool {
	for k := i; k+1 < len(p.toks) && !p.is(k, "."); k++ {
		if podNouns[p.word(k)] && p.is(k+1, "there") {
			return true
		}
	}
	return false
}

// trafficKinds say what kind of traffic follows them: "game traffic".
// probeTraffic reports whether the words from i name health probes: "the
// ambient health probes", "liveness checks".
func (p *parser) probeTraffic(i int) bool {
	for k := i + 1; k < i+4 && k < len(p.toks); k++ {
		if p.is(k, "probes", "probe", "checks", "check") && p.is(k-1, "health", "liveness", "readiness", "startup") {
			return true
		}
		if p.toks[k].kind != tWord || p.taken(k) {
			return false
		}
	}
	return false
}

var trafficKinds = set("game", "web", "user", "voice", "video", "media", "streaming", "player", "players", "gaming", "voip")

// wordAgain reports whether the word at i stands elsewhere in the clause,
// claimed by one of the rules given ("to the frontend ... on the frontend
// service port 80"), or by any rule but a heading's when none is given.
func (p *parser) wordAgain(i int, rules ...string) bool {
	for k, t := range p.toks {
		if k != i && t.low == p.toks[i].low && (len(rules) == 0 && p.claim[k] != "heading" || slices.Contains(rules, p.claim[k])) {
			return true
		}
	}
	return false
}

// compoundHead reports whether the word at i modifies a noun after it,
// as "cluster" in "cluster monitoring can still scrape it": a noun
// compound, not the place the word names.
func (p *parser) compoundHead(i int) bool {
	t := p.tok(i + 1)
	return t != nil && t.kind == tWord && !entityFollowers[t.low] && !prepositions[t.low] && !coordinators[t.low]
}

// entityFollowers may follow an entity's name: "cluster only", "cluster
// entity", "cluster too".
var entityFollowers = set("only", "entity", "entities", "too", "also", "as", "but", "except", "so", "traffic", "itself", "-", "is", "are", "just", "alone", "and", "or")

// labelsThenNamespace reports whether labels at k are followed by a word
// for namespaces: "env=prod namespaces", "team=a namespace".
func (p *parser) labelsThenNamespace(k int) bool {
	sel, e := p.selectorAt(k)
	return sel != nil && namespaceWords[p.word(e)]
}

// labelsAfterPhraseElsewhere reports whether the request says the words
// and then labels in brackets somewhere: "the API server (role=api)".
func (p *parser) labelsAfterPhraseElsewhere(words ...string) bool {
	all := p.all
	for k := 0; k+len(words)+1 < len(all); k++ {
		ok := true
		for n, w := range words {
			ok = ok && all[k+n].low == w
		}
		if ok && all[k+len(words)].low == "(" && all[k+len(words)+1].kind == tLabel {
			return true
		}
	}
	return false
}

// labelsSpell reports whether a label of sel, key or value, holds the word
// w: "the keeperhub-sandbox pods (app=keeperhub-sandbox)".
func labelsSpell(sel *metav1.LabelSelector, w string) bool {
	if sel == nil {
		return false
	}
	for k, v := range sel.MatchLabels {
		if strings.Contains(strings.ToLower(k), w) || strings.Contains(strings.ToLower(v), w) {
			return true
		}
	}
	for _, e := range sel.MatchExpressions {
		if strings.Contains(strings.ToLower(e.Key), w) || slices.ContainsFunc(e.Values, func(v string) bool { return strings.Contains(strings.ToLower(v), w) }) {
			return true
		}
	}
	return false
}

// labelValueIs reports whether a label of sel has the value w: "web" in
// "the team-a web pods (app=web)".
func labelValueIs(sel *metav1.LabelSelector, w string) bool {
	return sel != nil && slices.ContainsFunc(slices.Collect(maps.Values(sel.MatchLabels)), func(v string) bool { return strings.EqualFold(v, w) })
}

// spelledName reports whether the word at i, a word of a verdict or an
// action, is the name of the pods after it because the labels in the
// brackets right after their noun spell it as a part of a value: "the
// notify pods (name=clamav-notify)", "the log pods (app=log-shipper)",
// "the alert pods (app=alert-router)". A word no label spells stays what
// it is ("block the pods (app=x)"), and so does one an order or a
// negation puts first ("do not log pods ...").
func (p *parser) spelledName(i int) bool {
	j := i + 1
	if i == 0 || !p.is(i-1, "the", "our", "those", "these", "all", "every", "any", "only", "for", "from", "to", "of") || !podNouns[p.word(j)] || p.tok(i).kind != tWord {
		return false
	}
	for podNouns[p.word(j)] {
		j++
	}
	if !p.is(j, "(") {
		return false
	}
	sel, _ := p.selectorAt(j + 1)
	if sel == nil {
		return false
	}
	w := p.word(i)
	for _, v := range sel.MatchLabels {
		if slices.Contains(strings.FieldsFunc(strings.ToLower(v), func(r rune) bool { return r == '-' || r == '_' || r == '.' }), w) {
			return true
		}
	}
	return false
}

// onlyNamespaceElsewhere reports whether the request names the word at i
// elsewhere, and there only as a namespace ("the prod namespace",
// "namespace prod"), never as pods or anything else.
func (p *parser) onlyNamespaceElsewhere(i int) bool {
	all := tokenize(p.request)
	w, named := p.word(i), false
	for k, t := range all {
		if t.low != w || t.start == p.toks[i].start {
			continue
		}
		if k+1 < len(all) && namespaceWords[all[k+1].low] || k > 0 && namespaceWords[all[k-1].low] {
			named = true
			continue
		}
		return false
	}
	return named
}

// namedAfter reports whether a DNS name or an address comes after i in
// its sentence.
func (p *parser) namedAfter(i int) bool {
	for j := i + 1; j < len(p.toks) && !p.is(j, ".", ";"); j++ {
		if p.toks[j].kind == tDomain || p.toks[j].kind == tCIDR {
			return true
		}
	}
	return false
}
