package builtin

import "fmt"

// listInSameNamespace reads ", both in the same namespace" and ", all in
// the same namespace" last in a clause, after a list of pods ("grafana
// (..., namespace monitoring) may reach loki (...) on 3100 and mimir
// (...) on 8080, both in the same namespace"): the pods listed run where
// the first pods named do. Taken for a peer of its own, "the same
// namespace" made the clause ask which direction, or, beside an address
// the list cannot put in a namespace, let in every pod of the namespace.
// Read only where it can mean nothing else: every endpoint of the clause
// is pods or a service, only the first says a namespace, and no other part
// of the request says a namespace or a place ("in") that the list's pods
// could be in instead (a locating clause, "loki is in logs"); otherwise
// asked.
func (p *parser) listInSameNamespace(out []*endpoint) []*endpoint {
	n := len(out) - 1
	if n < 2 {
		return out
	}
	last := out[n]
	if last.kind != epNamespace || !last.sameNS || last.nsMark == nil || last.nsMark.rule != "same-namespace" || last.pods != nil {
		return out
	}
	s := last.nsMark.start
	if !p.is(s, "the") || !p.is(s+1, "same") || !p.is(s-1, "in") || !p.is(s-2, "both", "all") || !p.is(s-3, ",") ||
		last.end < len(p.toks) && !p.is(last.end, ",", ".", ";", "plus") {
		return out
	}
	places := func(toks []token) (c int) {
		for _, t := range toks {
			if t.low == "in" || namespaceWords[t.low] {
				c++
			}
		}
		return c
	}
	clear := places(p.all) == places(p.toks)
	for k, ep := range out[:n] {
		clear = clear && (ep.kind == epPods || ep.kind == epService) && ep.namespaces == nil && !ep.sameNS && !ep.otherNS && ep.ask == "" && (k == 0 || ep.namespace == "")
	}
	// "grafana may reach loki on 3100 and mimir on 8080, both in the same
	// namespace": the policy could be grafana's egress or each listed
	// pods' ingress, and the phrase frames grafana as the one they are
	// beside (the dev set's source wrote grafana's egress); asked rather
	// than read as each one's ingress. One pair is read.
	if clear && n > 2 {
		last.ask = fmt.Sprintf("which pods should this policy apply to: %s, sending to the pods listed (egress), or each of the pods listed, taking it in (ingress)? Say \"allow egress from X to ...\" or say the rule of each", quote(out[0].text))
		return out
	}
	if !clear {
		last.ask = fmt.Sprintf("which pods does %q put in a namespace, and which namespace is it? Say the namespace of each in the rule (\"the pods labeled app=web in namespace prod\")", p.text(s-2, last.end))
		return out
	}
	m := p.take(s-3, last.end, "same-namespace-list")
	for k := m.start; k < m.end; k++ {
		p.claim[k] = m.rule
	}
	if out[0].namespace != "" && out[0].nsMark != nil {
		// from where the first pods' namespace is said to the phrase
		// that says the list is there too
		said := &mark{out[0].nsMark.start, last.end, m.rule}
		for _, ep := range out[1:n] {
			ep.namespace, ep.nsMark = out[0].namespace, said
		}
	}
	return out[:n]
}
