package generator

import (
	"net/netip"
	"slices"
	"strings"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
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
	cidrs      []Peer
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

// cidrList parses "10.0.0.0/8, 172.16.0.0/12 except 10.1.0.0/16 and 10.2.0.0/16".
func (p *parser) cidrList(i int) (*endpoint, int) {
	ep := &endpoint{kind: epCIDR}
	cidrs, j := p.cidrRun(i)
	for _, c := range cidrs {
		ep.cidrs = append(ep.cidrs, Peer{CIDR: c})
	}
	k := j
	if p.is(k, ",") {
		k++
	}
	if !p.is(k, "except", "excluding", "but") && !(p.is(k, "other") && p.is(k+1, "than")) {
		return ep, j
	}
	k++
	// "except the metadata address 169.254.169.254/32"
	for n := 0; n < 4 && (p.is(k, "not", "than", "for", "the") || cidrNouns[p.word(k)] || p.tok(k) != nil && p.toks[k].kind == tWord && !keyword(p.word(k))); n++ {
		k++
	}
	excepts, k := p.cidrRun(k)
	if len(excepts) == 0 {
		return ep, j
	}
	for _, e := range excepts {
		// The exception goes to the CIDR that contains it, else to the first,
		// where validation reports that it is outside.
		n := slices.IndexFunc(ep.cidrs, func(c Peer) bool { return cidrContains(c.CIDR, e) })
		n = max(n, 0)
		ep.cidrs[n].Except = append(ep.cidrs[n].Except, e)
	}
	return ep, k
}

// cidrRun reads CIDRs joined by commas, "and" or "or", from token i.
func (p *parser) cidrRun(i int) ([]string, int) {
	var out []string
	j := i
	for j < len(p.toks) && !p.used[j] {
		switch {
		case p.toks[j].kind == tCIDR:
			out = append(out, p.toks[j].raw)
		case (p.toks[j].kind == tComma || p.is(j, "and", "or")) && len(out) > 0 && j+1 < len(p.toks) && p.toks[j+1].kind == tCIDR:
		default:
			return out, j
		}
		j++
	}
	return out, j
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

// labelExpr parses label requirements joined by "and" or commas, starting at
// i (which may be an introducing word such as "labeled" or "with").
func (p *parser) labelExpr(i int) (*metav1.LabelSelector, int) {
	sel := &metav1.LabelSelector{}
	j := i
	found := false
	for j < len(p.toks) {
		start := j
		for p.is(j, "labeled", "labelled", "label", "labels", "with", "having", "matching", "carrying", "carry", "carries", "bear", "bears", "tagged", "where", "whose", "that", "which", "have", "has", "and", ",", "the", "a", "an", "selected", "by", "selector") {
			j++
		}
		t := p.tok(j)
		switch {
		case t != nil && t.kind == tLabel:
			k, v, _ := strings.Cut(t.raw, "=")
			v = strings.TrimPrefix(v, "=")
			if strings.HasSuffix(k, "!") {
				sel.MatchExpressions = append(sel.MatchExpressions, metav1.LabelSelectorRequirement{Key: strings.TrimSuffix(k, "!"), Operator: metav1.LabelSelectorOpNotIn, Values: []string{v}})
			} else {
				if sel.MatchLabels == nil {
					sel.MatchLabels = map[string]string{}
				}
				sel.MatchLabels[k] = v
			}
			j++
			// "tier=web or tier=api"
			for p.is(j, "or") && p.tok(j+1) != nil && p.tok(j+1).kind == tLabel {
				k2, v2, _ := strings.Cut(p.toks[j+1].raw, "=")
				if k2 != k {
					break
				}
				delete(sel.MatchLabels, k)
				sel.MatchExpressions = append(sel.MatchExpressions, metav1.LabelSelectorRequirement{Key: k, Operator: metav1.LabelSelectorOpIn, Values: []string{v, v2}})
				j += 2
			}
			found = true
		case t != nil && (p.is(j, "without", "no", "lack", "lacking") || p.is(j, "do", "does", "don't", "doesn't", "not") && p.is(j+1, "not", "have")):
			// "without a canary label", "no canary label", "that do not have a canary label"
			k := j + 1
			for p.is(k, "not", "have", "a", "an", "the", "any") {
				k++
			}
			key := p.tok(k)
			if key == nil || !p.is(k+1, "label") {
				return p.result(sel, found, start)
			}
			sel.MatchExpressions = append(sel.MatchExpressions, metav1.LabelSelectorRequirement{Key: key.raw, Operator: metav1.LabelSelectorOpDoesNotExist})
			j = k + 2
			found = true
		case t != nil && t.kind == tWord && p.is(j+1, "label") && p.is(j+2, "is", "in", "not"):
			// "whose env label is not prod": read as "label env is not prod"
			p.toks[j], p.toks[j+1] = p.toks[j+1], p.toks[j]
		case t != nil && t.kind == tWord && p.is(j+1, "label") && j > start && p.is(j-1, "a", "an", "the"):
			// "with a canary label"
			sel.MatchExpressions = append(sel.MatchExpressions, metav1.LabelSelectorRequirement{Key: t.raw, Operator: metav1.LabelSelectorOpExists})
			j += 2
			found = true
		case t != nil && t.kind == tWord && j > start && p.is(j+1, "is", "in", "not", "of"):
			// "whose tier is web or api", "tier in (web, api)", "env is not dev", "tier not in (a, b)"
			k := j + 1
			op := metav1.LabelSelectorOpIn
			if p.is(k, "is") {
				k++
			}
			if p.is(k, "not") || p.is(k, "isn't") {
				op = metav1.LabelSelectorOpNotIn
				k++
			}
			if p.is(k, "in", "one", "of", "either") {
				for p.is(k, "in", "one", "of", "either") {
					k++
				}
			}
			var values []string
			for k < len(p.toks) {
				if v := p.tok(k); v != nil && (v.kind == tWord || v.kind == tNumber) && !p.is(k, "or", "and", "nor") && !prepositions[v.low] && !podNouns[v.low] && !reachVerbs[v.low] && !allowWords[v.low] && !denyWords[v.low] {
					values = append(values, v.raw)
					k++
					if p.is(k, "or", ",", "nor") || (p.is(k, "and") && op == metav1.LabelSelectorOpNotIn) {
						if n := p.tok(k + 1); n != nil && n.kind == tWord && !keyword(n.low) {
							k++
							continue
						}
					}
				}
				break
			}
			if len(values) == 0 {
				return p.result(sel, found, start)
			}
			if op == metav1.LabelSelectorOpIn && len(values) == 1 {
				if sel.MatchLabels == nil {
					sel.MatchLabels = map[string]string{}
				}
				sel.MatchLabels[t.raw] = values[0]
			} else {
				sel.MatchExpressions = append(sel.MatchExpressions, metav1.LabelSelectorRequirement{Key: t.raw, Operator: op, Values: values})
			}
			j = k
			found = true
		default:
			return p.result(sel, found, start)
		}
	}
	return p.result(sel, found, j)
}

func (p *parser) result(sel *metav1.LabelSelector, found bool, j int) (*metav1.LabelSelector, int) {
	if !found {
		return nil, j
	}
	return sel, j
}

func (p *parser) tok(i int) *token {
	if i < 0 || i >= len(p.toks) || p.used[i] {
		return nil
	}
	return &p.toks[i]
}

func cidrContains(outer, inner string) bool {
	o, err1 := netip.ParsePrefix(outer)
	in, err2 := netip.ParsePrefix(inner)
	return err1 == nil && err2 == nil && o.Contains(in.Addr()) && in.Bits() >= o.Bits()
}
