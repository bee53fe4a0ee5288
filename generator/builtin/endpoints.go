package builtin

import (
	"slices"
	"strings"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/kunerva/kunerva/generator"
)

type epKind int

const (
	epPods      epKind = iota // pods, by labels or by a workload name
	epNamespace               // every pod of a namespace (by name or labels)
	epCIDR
	epFQDN
	epEntity
	epAny     // anyone, anywhere
	epCluster // every namespace
	epNodes   // nodes
	epService // a Service by name, without a tree
)

// endpoint is a mention of something traffic or a rule can be about.
type endpoint struct {
	start, end int    // token span [start, end)
	prep       string // the preposition before it
	kind       epKind
	pods       *metav1.LabelSelector
	name       string // a workload name to resolve, or a namespace/entity/service name
	workload   string // the workload kind the request named, if any
	namespace  string
	namespaces *metav1.LabelSelector
	cidrs      []generator.Peer
	fqdns      []string
	entity     string
	nodes      *metav1.LabelSelector
	anyNS      bool // "in any namespace"
	text       string
}

func (e *endpoint) external() bool {
	return e.kind == epCIDR || e.kind == epFQDN || (e.kind == epEntity && e.entity != "cluster")
}

func (e *endpoint) inCluster() bool {
	return e.kind == epPods || e.kind == epNamespace || e.kind == epService || (e.kind == epEntity && e.entity == "cluster")
}

var cidrNouns = set("range", "ranges", "subnet", "subnets", "network", "networks", "address", "addresses", "block", "cidr", "ip", "ips", "prefix")

var prepositions = set("from", "to", "in", "for", "on", "of", "by", "within", "inside", "into", "towards", "toward", "at", "across", "against")

// endpoints finds every endpoint mention among the tokens not yet used.
func (p *parser) endpoints() []*endpoint {
	var out []*endpoint
	for i := 0; i < len(p.toks); {
		if p.used[i] {
			i++
			continue
		}
		ep, j := p.endpointAt(i)
		if ep == nil {
			i++
			continue
		}
		ep.start, ep.end = i, j
		ep.prep = p.prepBefore(i)
		var words []string
		for k := i; k < j; k++ {
			words = append(words, p.toks[k].raw)
			p.used[k] = true
		}
		ep.text = strings.Join(words, " ")
		p.qualify(ep)
		out = append(out, ep)
		i = ep.end
	}
	return out
}

// prepBefore returns the preposition right before token i, skipping determiners.
func (p *parser) prepBefore(i int) string {
	for k := i - 1; k >= 0; k-- {
		w := p.toks[k].low
		if determiners[w] || w == "only" || w == "just" {
			continue
		}
		if prepositions[w] {
			return w
		}
		return ""
	}
	return ""
}

func (p *parser) word(i int) string {
	if i < 0 || i >= len(p.toks) {
		return ""
	}
	return p.toks[i].low
}

func (p *parser) is(i int, words ...string) bool { return slices.Contains(words, p.word(i)) }

// endpointAt parses an endpoint starting at token i; it returns nil when there is none.
func (p *parser) endpointAt(i int) (*endpoint, int) {
	start := i
	for determiners[p.word(i)] && !p.used[i] {
		i++
	}
	if i >= len(p.toks) || p.used[i] {
		return nil, start
	}
	t := p.toks[i]
	switch t.kind {
	case tCIDR:
		return p.cidrList(i)
	case tDomain:
		var names []string
		j := i
		for j < len(p.toks) && !p.used[j] && (p.toks[j].kind == tDomain || ((p.toks[j].kind == tComma || p.is(j, "and", "or")) && p.toks[j+1:] != nil && j+1 < len(p.toks) && p.toks[j+1].kind == tDomain)) {
			if p.toks[j].kind == tDomain {
				names = append(names, strings.TrimSuffix(p.toks[j].low, "."))
			}
			j++
		}
		return &endpoint{kind: epFQDN, fqdns: names}, j
	case tLabel:
		sel, j := p.labelExpr(i)
		if sel == nil {
			return nil, start
		}
		if podNouns[p.word(j)] {
			j++
		}
		return &endpoint{kind: epPods, pods: sel}, j
	}
	w := t.low
	// Entities and "anyone".
	if ep, j := p.entityAt(i); ep != nil {
		return ep, j
	}
	switch {
	case namespaceWord[w]:
		return p.namespaceAt(i)
	case podNouns[w] || w == "pod":
		return p.podsAt(i, start)
	case w == "nodes" || w == "node" || w == "hosts":
		return nil, start
	}
	if keyword(w) || t.kind != tWord {
		return nil, start
	}
	// "the load balancer range 10.0.0.0/8": words that describe a CIDR.
	for k := i; k < len(p.toks) && k < i+5 && !p.used[k]; k++ {
		if p.toks[k].kind == tCIDR {
			for n := i; n < k; n++ {
				p.used[n] = true
			}
			return p.cidrList(k)
		}
		if p.toks[k].kind != tWord || keyword(p.toks[k].low) && !cidrNouns[p.toks[k].low] {
			break
		}
	}
	// "the frontend service port 80" describes a port, not a peer.
	if p.is(i+1, "service", "container") && p.is(i+2, "port", "ports") || p.is(i+1, "port", "ports") {
		return nil, start
	}
	// A name, maybe followed by a noun: "nginx", "the nginx pods", "the db statefulset".
	// Of several words ("the redis cache") the one the tree knows is the name.
	j := i + 1
	name := t.raw
	if p.tree != nil && !p.treeHasWorkload(w) && !p.treeNamespace(w) {
		if n := p.tok(i + 1); n != nil && n.kind == tWord && !keyword(n.low) && p.treeHasWorkload(n.low) {
			i, j, name = i+1, i+2, n.raw
		}
	}
	if j < len(p.toks) && p.toks[j].kind == tWord && !keyword(p.toks[j].low) && !p.used[j] && !prepositions[p.toks[j].low] && p.is(j+1, "pods", "pod", "deployment", "service", "statefulset", "daemonset", "workload", "app") {
		name += "-" + p.toks[j].raw
		j++
	}
	ep := &endpoint{kind: epPods, name: strings.ToLower(name)}
	if namespaceWord[p.word(j)] && !p.is(j+1, "labeled", "labelled") {
		// "the shop namespace"
		return &endpoint{kind: epNamespace, namespace: strings.ToLower(name), name: strings.ToLower(name)}, j + 1
	}
	if k, ok := workloadKinds[p.word(j)]; ok {
		ep.workload = k
		j++
	} else if podNouns[p.word(j)] {
		if p.is(j, "service", "services", "svc") {
			ep.workload = "Service"
		}
		j++
	}
	return ep, j
}

func (p *parser) entityAt(i int) (*endpoint, int) {
	w, n1, n2 := p.word(i), p.word(i+1), p.word(i+2)
	switch {
	case w == "kubernetes" && (n1 == "api" || n1 == "apiserver" || n1 == "api-server"):
		j := i + 2
		if p.is(j, "server") {
			j++
		}
		return &endpoint{kind: epEntity, entity: "kube-apiserver"}, j
	case w == "api" && n1 == "server", w == "control" && n1 == "plane":
		return &endpoint{kind: epEntity, entity: "kube-apiserver"}, i + 2
	case w == "kube-apiserver" || w == "apiserver" || w == "api-server":
		return &endpoint{kind: epEntity, entity: "kube-apiserver"}, i + 1
	case w == "internet" || w == "world":
		return &endpoint{kind: epEntity, entity: "world"}, i + 1
	case w == "public" && n1 == "internet":
		return &endpoint{kind: epEntity, entity: "world"}, i + 2
	case w == "outside" && n1 == "world":
		return &endpoint{kind: epEntity, entity: "world"}, i + 2
	case w == "outside" && n1 == "the" && n2 == "cluster", w == "outside" && n1 == "cluster":
		j := i + 2
		if n1 == "the" {
			j++
		}
		return &endpoint{kind: epEntity, entity: "world"}, j
	case w == "external" && (n1 == "addresses" || n1 == "ips" || n1 == "networks" || n1 == "hosts" || n1 == "world" || n1 == "destinations" || n1 == "services" || n1 == "endpoints"):
		return &endpoint{kind: epEntity, entity: "world"}, i + 2
	case (w == "host" || w == "node" || w == "hosts" || w == "nodes") && !p.systemRequest:
		if n1 == "network" {
			return &endpoint{kind: epEntity, entity: "host"}, i + 2
		}
		return &endpoint{kind: epEntity, entity: "host"}, i + 1
	case w == "remote" && (n1 == "nodes" || n1 == "node"):
		return &endpoint{kind: epEntity, entity: "remote-node"}, i + 2
	case w == "remote-node" || w == "remote-nodes":
		return &endpoint{kind: epEntity, entity: "remote-node"}, i + 1
	case (w == "anywhere" || w == "anything" || w == "everything" || w == "any" && (n1 == "pod" || n1 == "pods")) && p.is(i+1, "in", "inside", "within") && p.is(i+2, "the") && p.is(i+3, "cluster"):
		return &endpoint{kind: epEntity, entity: "cluster"}, i + 4
	case (w == "anywhere" || w == "anything" || w == "everything") && p.is(i+1, "in", "inside", "within") && p.is(i+2, "cluster"):
		return &endpoint{kind: epEntity, entity: "cluster"}, i + 3
	case w == "cluster" || w == "in-cluster":
		return &endpoint{kind: epEntity, entity: "cluster"}, i + 1
	case w == "anyone" || w == "anywhere" || w == "everyone" || w == "anybody" || w == "everybody" || w == "any" && (n1 == "source" || n1 == "destination" || n1 == "peer" || n1 == "client"):
		j := i + 1
		if w == "any" {
			j++
		}
		return &endpoint{kind: epAny}, j
	}
	return nil, i
}

func (p *parser) namespaceAt(i int) (*endpoint, int) {
	// "namespace shop", "namespaces labeled team=ops", "ns shop"
	j := i + 1
	if p.is(j, "labeled", "labelled", "with", "having", "matching", "where", "whose", "that") {
		sel, k := p.labelExpr(j)
		if sel != nil {
			return &endpoint{kind: epNamespace, namespaces: sel}, k
		}
	}
	if p.is(j, "named", "called") {
		j++
	}
	if j < len(p.toks) && (p.toks[j].kind == tWord || p.toks[j].kind == tNumber) && !determiners[p.word(j)] && (!keyword(p.word(j)) || p.tree != nil && p.treeNamespace(p.word(j))) {
		return &endpoint{kind: epNamespace, namespace: p.toks[j].low, name: p.toks[j].low}, j + 1
	}
	return nil, i
}

// podsAt parses mentions that start with a pod noun: "pods labeled app=x",
// "any pod in namespace y", "all pods".
func (p *parser) podsAt(i, start int) (*endpoint, int) {
	j := i + 1
	if p.is(j, "labeled", "labelled", "with", "having", "matching", "carrying", "tagged", "where", "whose", "that", "which", "without", "selected") {
		if sel, k := p.labelExpr(j); sel != nil {
			return &endpoint{kind: epPods, pods: sel}, k
		}
	}
	if p.toks[i].low == "service" || p.toks[i].low == "svc" {
		if j < len(p.toks) && p.toks[j].kind == tWord && !keyword(p.word(j)) {
			return &endpoint{kind: epPods, name: p.toks[j].low, workload: "Service"}, j + 1
		}
		return nil, start
	}
	// "any pod", "all pods", "pods" alone: every pod (of a namespace given later).
	quantified := false
	for k := start; k < i; k++ {
		if p.is(k, "any", "all", "every", "each") {
			quantified = true
		}
	}
	if !quantified && !p.is(j, "in", "of") {
		return nil, start
	}
	return &endpoint{kind: epNamespace}, j
}

// qualify attaches "in namespace X", "in namespaces labeled ...", "in any
// namespace" to the endpoint before it.
func (p *parser) qualify(ep *endpoint) {
	if ep.kind != epPods && !(ep.kind == epNamespace && ep.namespace == "" && ep.namespaces == nil) {
		return
	}
	j := ep.end
	if !p.is(j, "in", "of") {
		return
	}
	// "in its own namespace", "in the same namespace": the subject's.
	if p.is(j+1, "its", "their", "the") && p.is(j+2, "own", "same") && namespaceWord[p.word(j+3)] {
		ep.end = j + 4
		for n := ep.start; n < ep.end; n++ {
			p.used[n] = true
		}
		return
	}
	k := j + 1
	for determiners[p.word(k)] && !p.is(k, "any", "all", "every") {
		k++
	}
	switch {
	case p.is(k, "any", "all", "every") && namespaceWord[p.word(k+1)]:
		ep.anyNS = true
		ep.end = k + 2
	case namespaceWord[p.word(k)]:
		ns, e := p.namespaceAt(k)
		if ns == nil {
			return
		}
		ep.namespace, ep.namespaces, ep.end = ns.namespace, ns.namespaces, e
	case k+1 < len(p.toks) && p.toks[k].kind == tWord && namespaceWord[p.word(k+1)]:
		ep.namespace, ep.end = p.toks[k].low, k+2
	case p.tree != nil && k < len(p.toks) && p.treeNamespace(p.word(k)) && (ep.kind == epNamespace || ep.pods != nil || p.lookupCount(ep.name) != 1 || !p.treeHasWorkload(p.word(k))):
		ep.namespace, ep.end = p.word(k), k+1
	default:
		return
	}
	for n := ep.start; n < ep.end; n++ {
		p.used[n] = true
	}
}

func (p *parser) tok(i int) *token {
	if i < 0 || i >= len(p.toks) || p.used[i] {
		return nil
	}
	return &p.toks[i]
}
