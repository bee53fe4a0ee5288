package builtin

import (
	"fmt"
	"net/netip"
	"strings"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/kunerva/kunerva/generator"
)

// cidrExceptPhrases set the addresses after them apart from the range
// before them, as "except" does.
var cidrExceptPhrases = [][]string{{"with", "the", "exception", "of"}, {"with", "exception", "of"}, {"aside", "from"}, {"exclusive", "of"}}

// rangeDeterminers stand before a range that a noun after it names: "the
// 10.1.0.0/16 block".
var rangeDeterminers = set("the", "a", "an", "this", "that", "each", "every", "whole", "entire", "whose")

// blockVerdict reports whether "block" at j, right after the range that
// starts at i, is the verdict said after its object ("outbound to 1.2.3.4
// block", "egress 10.0.0.0/8 block please"), not the noun of "the
// 10.1.0.0/16 block" or "the 10.0.0.0/8 CIDR block". Read as the noun,
// the rule had no verdict but its direction and allowed the range.
func (p *parser) blockVerdict(i, j int) bool {
	return p.is(j, "block", "blocks") && !cidrNouns[p.word(j-1)] && !p.is(i-1, "ip", "cidr", "address") && !rangeDeterminers[p.word(i-1)]
}

// cidrList parses "10.0.0.0/8, 172.16.0.0/12 except 10.1.0.0/16 and
// 10.2.0.0/16", "10.0.0.0/8 but not 10.96.0.0/12".
func (p *parser) cidrList(i int) (*endpoint, int) {
	ep := &endpoint{kind: epCIDR}
	cidrs, j := p.cidrRun(i)
	for _, c := range cidrs {
		ep.cidrs = append(ep.cidrs, cidrV{cidr: c})
	}
	// "the 172.16.0.0/16 CIDR block", "the 1.2.3.0/24 block": the nouns say
	// what it is. "Block" right after a range with no determiner before it
	// is the verdict: "outbound to 1.2.3.4 block" (blockVerdict).
	for cidrNouns[p.word(j)] && !p.taken(j) && !p.blockVerdict(i, j) {
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
	// "0.0.0.0/0, with the exception of 10.0.0.0/8", "aside from ...",
	// "exclusive of ...": what the phrase sets apart is cut out of the range.
	phrase := 0
	for _, ph := range cidrExceptPhrases {
		if p.hasPhraseAt(k, ph) {
			phrase = len(ph)
			break
		}
	}
	if phrase == 0 && !p.is(k, "except", "excluding", "but", "without", "minus") && !(p.is(k, "other") && p.is(k+1, "than")) && !(p.is(k, "apart") && p.is(k+1, "from")) {
		return ep, j
	}
	exceptAt := k
	k += max(phrase, 1)
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
	if ep.ask != "" {
		return nil, p.refuse(ep.ask, generator.ExampleNetwork)
	}
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
