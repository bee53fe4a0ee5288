package builtin

import (
	"slices"
	"strings"
)

// placesSaidAgain is toks without the namespace words whose namespace,
// the word after them or before them, the other clauses say again as a
// place ("in orders", "namespace orders", "the orders namespace"): "I want
// to define an Egress policy for my namespace orders, but ... . Allow DNS
// egress to kube-dns for all pods in orders." A namespace said only there,
// or said again only as a word of a name ("the orders pods"), stays, and
// keeps the clause from being dismissed.
func placesSaidAgain(toks []token, others []clause) []token {
	said := func(k int) bool {
		return k >= 0 && k < len(toks) && toks[k].kind == tWord && !namespaceWords[toks[k].low] && !determiners[toks[k].low] && !prepositions[toks[k].low] &&
			slices.ContainsFunc(others, func(c clause) bool { return placeSaid(c.toks, toks[k].low) })
	}
	// "my Prometheus runs in another namespace": a namespace that is only
	// some other one names no place; nor does one said as any at all ("as
	// soon as any policy lands in a namespace, ...").
	unnamed := func(k int) bool {
		return k > 0 && (toks[k-1].low == "another" || toks[k-1].low == "other" || toks[k-1].low == "different" || toks[k-1].low == "a" || toks[k-1].low == "any" || toks[k-1].low == "some") &&
			(k+1 >= len(toks) || toks[k+1].kind == tPunct || toks[k+1].low == "and")
	}
	var out []token
	for k, t := range toks {
		if namespaceWords[t.low] && (said(k+1) || said(k-1) || unnamed(k)) {
			continue
		}
		out = append(out, t)
	}
	return out
}

// placeUnsaid reports whether toks put pods "in" a place by a plain word
// that no other clause names as a place: "as soon as I add it the pods in
// staging are unable to do DNS lookups. Allow DNS egress for all pods in
// orders" (the pods that broke may be others than the rule's).
func placeUnsaid(toks []token, others []clause) bool {
	for k := 1; k < len(toks); k++ {
		w := toks[k].low
		if toks[k-1].low == "in" && toks[k].kind == tWord && !determiners[w] && !prepositions[w] && !namespaceWords[w] && !unnamedPlace[w] &&
			!slices.ContainsFunc(others, func(c clause) bool { return placeSaid(c.toks, w) }) {
			return true
		}
	}
	return false
}

// unnamedPlace are words after "in" that name no place of their own: "in
// place", "in it", "runs in another namespace".
var unnamedPlace = set("place", "it", "them", "another", "other", "different", "some")

// placeSaid reports whether toks name the namespace ns as a place: "in
// ns", "namespace ns", "ns namespace".
func placeSaid(toks []token, ns string) bool {
	for k, t := range toks {
		if t.low == ns && (k > 0 && (toks[k-1].low == "in" || namespaceWords[toks[k-1].low]) || k+1 < len(toks) && namespaceWords[toks[k+1].low]) {
			return true
		}
	}
	return false
}

// statementAfter is the words of the clause after a heading, and, when
// it only names pods ("Write below binary dir - for the payments pods:
// block writes to ..."), of the clause after that too.
func statementAfter(after []clause) []token {
	if len(after) > 1 && !hasStatement(after[0].toks) && subjectHeading(trimFor(after[0].toks)) {
		return slices.Concat(after[0].toks, after[1].toks)
	}
	return after[0].toks
}

// trimFor is tokens without a "for" or "in" that opens them.
func trimFor(toks []token) []token {
	if len(toks) > 1 && (toks[0].low == "for" || toks[0].low == "in") {
		return toks[1:]
	}
	return toks
}

// namesSaidAgain reports whether pods named by words ("the shared
// services", "the api servers") are named again, whole, in after, the
// statement after a heading, which gives its own labels: as a namespace or
// a label's value, with the words joined by dashes, pod nouns left out or
// not ("in shared-services, the app=billing-api pods ...", "... the app=api
// pods"). "the web pods" is not "app=web-proxy".
func namesSaidAgain(pods, after []token) bool {
	if !slices.ContainsFunc(after, func(t token) bool { return t.kind == tLabel }) {
		return false
	}
	var all, names []string
	for _, t := range pods {
		w := t.low
		switch {
		case determiners[w] || w == "our" || w == "their":
		case t.kind != tWord:
			return false
		case podNouns[w]:
			all = append(all, w)
		default:
			all, names = append(all, w), append(names, w)
		}
	}
	if len(names) == 0 {
		return false
	}
	whole, short := strings.Join(all, "-"), strings.Join(names, "-")
	return slices.ContainsFunc(after, func(u token) bool {
		v := u.low
		if u.kind == tLabel {
			v = v[strings.LastIndex(v, "=")+1:]
		}
		return v == whole || v == short
	})
}

// requireVerbs say what a standard or a checklist asks for.
var requireVerbs = set("wants", "requires", "recommends", "mandates", "demands", "expects", "prescribes")

// mechanismNouns name, in general words, something that enforces.
var mechanismNouns = set("mechanism", "mechanisms", "control", "controls", "safeguard", "safeguards", "measure", "measures", "capability", "means", "way")

// requirement reports whether a clause only cites what a standard asks
// for, in general words, before the rules that say it concretely: "NIST
// 800-53 CM-7(2) wants an automated mechanism that prevents program
// execution. For the pods labeled app=report-gen, only /usr/bin/python3
// ...", "PCI DSS requires a control that blocks writes to system
// binaries". Who asks is no person ("we want ..." is a request), and what
// is asked names no value, pods, namespace, direction or scope.
func requirement(toks []token) bool {
	k := slices.IndexFunc(toks, func(t token) bool { return requireVerbs[t.low] })
	if k <= 0 || slices.ContainsFunc(toks[:k], func(t token) bool {
		return t.kind != tWord && t.kind != tPunct && t.kind != tNumber && t.kind != tRange || podNouns[t.low] || namespaceWords[t.low] || wishers[t.low] || t.low == "you" || t.low == "they"
	}) {
		return false
	}
	i := k + 1
	for i < len(toks) && (determiners[toks[i].low] || toks[i].kind == tWord && !mechanismNouns[toks[i].low] && !meaningful(toks[i]) && i < k+4) {
		i++
	}
	if i+2 >= len(toks) || !mechanismNouns[toks[i].low] || !(toks[i+1].low == "that" || toks[i+1].low == "which" || toks[i+1].low == "to") {
		return false
	}
	for _, t := range toks[i+2:] {
		w := t.low
		if t.kind != tWord && t.kind != tPunct || podNouns[w] || namespaceWords[w] || scopeWords[w] || ingressWords[w] || egressWords[w] || isolateWords[w] ||
			w == "any" || w == "everything" || w == "anything" || w == "nothing" || w == "only" || w == "except" || w == "default" || pronouns[w] {
			return false
		}
	}
	return true
}

// requirementAgrees reports whether the rule after a cited requirement
// has its verdict: a requirement that prevents or blocks needs a deny, a
// read-only or an allow-list ("only"); one that allows, an allow.
// "... recommends a control that blocks shell access. Allow /bin/sh in
// ..." contradicts it, and is left to ask.
func requirementAgrees(req, rule []token) bool {
	has := func(toks []token, f func(w string) bool) bool {
		return slices.ContainsFunc(toks, func(t token) bool { return f(t.low) })
	}
	denies := func(w string) bool {
		return denyWords[w] && !negationWords[w] || w == "only" || w == "read-only" || w == "readonly" || w == "restrict" || w == "restricts" || w == "limit" || w == "limits"
	}
	if has(req, denies) {
		return has(rule, denies) && !has(rule, func(w string) bool {
			return allowWords[w] && w != "may" && w != "can" && !has(rule, func(w string) bool { return w == "only" })
		})
	}
	return !has(rule, denies)
}

// tailSubjects reads pods said last in a sentence of several clauses,
// after a comma or a dash, as the pods of all of them: "allow egress to
// 10.0.0.1 and 8.8.8.8 and deny everything else, for all pods in the
// namespace", "let app=api in on 5432 and refuse the rest - for the app=db
// pods". The pods go before the sentence's first clause, as a heading
// ("for all pods in the namespace: allow ..."); what is left of the last
// clause is dismissed when it only says the rest of an allow-list.
func tailSubjects(request string, kept, dismissed []clause) ([]clause, []clause) {
	for n := 1; n < len(kept); n++ {
		c := kept[n]
		k := tailFor(c.toks)
		first := n
		for first > 0 && !strings.ContainsAny(request[kept[first-1].toks[len(kept[first-1].toks)-1].end:kept[first].toks[0].start], ".;?!:") {
			first--
		}
		if k <= 0 || first == n || n+1 < len(kept) && !strings.ContainsAny(request[c.toks[len(c.toks)-1].end:kept[n+1].toks[0].start], ".;?!") {
			continue
		}
		// "allow egress from app=web to 10.0.0.1 and deny everything else,
		// for the app=db pods": pods named before could be the ones meant;
		// the tail heads only clauses that name none.
		if slices.ContainsFunc(kept[first:n+1], func(o clause) bool {
			return slices.ContainsFunc(o.toks, func(t token) bool { return t.kind == tLabel || podNouns[t.low] }) && o.toks[0].start != c.toks[0].start
		}) || slices.ContainsFunc(c.toks[:k], func(t token) bool { return t.kind == tLabel || podNouns[t.low] }) {
			continue
		}
		tail := clause{toks: c.toks[k:]}
		c.toks = c.toks[:k-1]
		if allowListRestClause(c.toks) || asideRest(c.toks) || restReaches(c.toks, request[:c.toks[0].start]) {
			c.dismissed = "allow-list-rest"
			dismissed = append(dismissed, c)
			kept = slices.Delete(kept, n, n+1)
		} else {
			kept[n] = c
		}
		kept = slices.Insert(kept, first, tail)
		n++
	}
	return kept, dismissed
}

// tailFor is the index of "for" in a clause that ends with ", for <pods>"
// or "- for <pods>": words that name pods or a namespace and say nothing
// else (no action, value or verb), or 0.
func tailFor(toks []token) int {
	for k := len(toks) - 2; k > 1; k-- {
		if toks[k].low != "for" || !(toks[k-1].low == "," || toks[k-1].low == "-") {
			continue
		}
		rest := toks[k+1:]
		if hasStatement(rest) || !slices.ContainsFunc(rest, func(t token) bool { return t.kind == tLabel || podNouns[t.low] || namespaceWords[t.low] }) ||
			slices.ContainsFunc(rest, func(t token) bool { return t.kind != tWord && t.kind != tPunct && t.kind != tLabel || t.low == "for" }) {
			return 0
		}
		return k
	}
	return 0
}

// wholeSentence reports whether clause c is a sentence of the request on
// its own: nothing but a heading or an opening quote before it, and its end
// the sentence's, or that of the reasons said after it ("The miner got in
// through a curl in the startup script, so the image scan was clean.").
func wholeSentence(request string, c clause, dismissed []clause) bool {
	return opensSentence(request, c) && endsSentence(request, c, dismissed)
}

// opensSentence reports whether clause c opens a sentence of the request:
// nothing but a heading or an opening quote before it.
func opensSentence(request string, c clause) bool {
	before := strings.TrimRight(strings.TrimSpace(request[:c.toks[0].start]), "`'\"")
	return before == "" || strings.ContainsAny(before[len(before)-1:], ".?!;:")
}

// withReasonsAfter gives the clauses dismissed so far and the clauses after
// that only say why, which are dismissed later: "The kube-apiserver entity
// may not work for ingress, because control-plane traffic is tunneled
// through the worker nodes." ends with its reason.
func withReasonsAfter(dismissed, after []clause) []clause {
	out := slices.Clone(dismissed)
	for _, c := range after {
		if c.dismissed == "" && rationale(c.toks) == "rationale" {
			c.dismissed = "rationale"
			out = append(out, c)
		}
	}
	return out
}

// endsSentence reports whether clause c ends a sentence of the request, or
// the reasons said after it do.
func endsSentence(request string, c clause, dismissed []clause) bool {
	end := c.toks[len(c.toks)-1].end
	for {
		after := strings.TrimSpace(request[end:])
		if after == "" || strings.ContainsAny(after[:1], ".?!;") {
			return true
		}
		k := slices.IndexFunc(dismissed, func(d clause) bool {
			return d.dismissed == "rationale" && d.toks[0].start >= end && strings.Trim(request[end:d.toks[0].start], " ,") == ""
		})
		if k < 0 {
			return false
		}
		end = dismissed[k].toks[len(dismissed[k].toks)-1].end
	}
}
