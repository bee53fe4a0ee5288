package builtin

import (
	"slices"
	"strings"
)

// commitTypes open the title of a change: "feat(k8s): ...", "fix: ...".
var commitTypes = set("feat", "fix", "chore", "refactor", "docs", "perf", "build", "ci", "style", "revert", "security")

// noteLabels open a line that sums up what the body after it says in full:
// "Suggestion from the thread: allow ...", "Goal - let ...".
var noteLabels = set("suggestion", "proposal", "idea", "plan", "goal", "summary", "tl;dr", "tldr", "todo", "request", "ask", "objective", "aim", "intent")

// commitTitle reports whether the first clause is the title of a change,
// "feat(k8s): Cilium network policy so open-webui can reach Qdrant", whose
// body after it says in full, with labels, what the title sums up. The
// title names no value: its words may not stand for pods; and no deny,
// scope or exception, which could be a rule of its own ("fix: deny all
// ingress"), and every name it holds stands again in the body.
func commitTitle(toks []token, after []clause) bool {
	if len(toks) < 3 || !commitTypes[toks[0].low] {
		return false
	}
	i := 1
	if toks[1].low == "(" && len(toks) > 4 && toks[2].kind == tWord && toks[3].low == ")" {
		i = 4
	}
	return toks[i].low == ":" && titleSaidAgain(toks[i+1:], after)
}

// labelledSummary reports whether the first clause is a labelled line that
// sums up the body after it, the way commitTitle reads a change's title:
// the number of a part of a series ("Step 6 of the workshop: allow from
// the bouviers to marge. The pods labeled deployment=marge ... accept
// traffic from every pod in namespace bouvier", "Part 2 - let monitoring
// scrape the web pods. ...") or a note's label ("Suggestion: allow the
// workers to reach redis. ..."), then a colon or a dash, then words of an
// allow that the body says again, each of its names with them.
func labelledSummary(toks []token, after []clause) bool {
	i := seriesNumberEnd(toks)
	if i == 0 && len(toks) > 0 && noteLabels[toks[0].low] {
		i = 1
	}
	if i == 0 {
		return false
	}
	// "Step 6 of the workshop", "Suggestion from the thread".
	if i+1 < len(toks) && (toks[i].low == "of" || toks[i].low == "from" || toks[i].low == "in") {
		k := i + 1
		if k < len(toks) && determiners[toks[k].low] {
			k++
		}
		if k < len(toks) && toks[k].kind == tWord && !hasStatement(toks[k:k+1]) {
			i = k + 1
		}
	}
	if i >= len(toks) || toks[i].low != ":" && toks[i].low != "-" && toks[i].low != "–" && toks[i].low != "—" {
		return false
	}
	return titleSaidAgain(toks[i+1:], after)
}

// titleSaidAgain reports whether the words of a title after its label make
// no rule the body after it does not say in full: no value, no deny, scope
// or exception, and every name again in the body ("bouviers" as
// "bouvier", "marge" as the label's value deployment=marge), which holds a
// statement with labels.
func titleSaidAgain(toks []token, after []clause) bool {
	if len(toks) == 0 || hasValue(toks) {
		return false
	}
	// "Step 4: let the web pods reach the internet": a peer (an entity,
	// DNS, the API server) the body does not name again is a rule of the
	// title's own.
	if !peersSaidAgain(toks, slices.Concat(tokensOf(after)...)) {
		return false
	}
	// "Step 3: allow egress from the frontends to the api. The pods
	// labeled app=api accept ...": a direction the body does not say too
	// is a rule of the title's own.
	body := slices.Concat(tokensOf(after)...)
	if slices.ContainsFunc(toks, func(t token) bool { return egressWords[t.low] }) && !slices.ContainsFunc(body, func(t token) bool { return egressWords[t.low] }) ||
		slices.ContainsFunc(toks, func(t token) bool { return ingressWords[t.low] }) && !slices.ContainsFunc(body, func(t token) bool { return ingressWords[t.low] || receiveVerbs[t.low] }) {
		return false
	}
	if rolesSwapped(toks, body) || bodyDenies(body) {
		return false
	}
	// "fix: deny all ingress": a rule the body need not say again.
	if slices.ContainsFunc(toks, func(t token) bool {
		w := t.low
		return denyWords[w] || isolateWords[w] || auditWords[w] || w == "only" || w == "except" || w == "all" || w == "every" || w == "any" || w == "everything" ||
			w == "anything" || w == "nothing" || w == "default" || w == "default-deny"
	}) {
		return false
	}
	described := addressesDescribed(toks, after)
	// "fix: let web reach the cache. The app=web pods ...": a name the
	// body never says again is a rule of the title's own.
	for n, t := range toks {
		w := t.low
		if described[n] {
			continue
		}
		if t.kind != tWord || fillerWords[w] || meaningWords[w] || frameWords[w] || policyNouns[w] || toolWords[w] || determiners[w] || prepositions[w] || coordinators[w] ||
			allowWords[w] || reachVerbs[w] || receiveVerbs[w] || podNouns[w] || workloadKinds[w] != "" || namespaceWords[w] || ingressWords[w] || egressWords[w] || w == "so" || w == "that" {
			continue
		}
		if !slices.ContainsFunc(after, func(c clause) bool {
			return slices.ContainsFunc(c.toks, func(u token) bool { return sameName(u, w) || labelKey(u, w) })
		}) {
			return false
		}
	}
	// "Step 7: allow burns to simpson - every pod in the simpson
	// namespace may receive traffic from the burns namespace": namespaces
	// named as such say which pods as labels do.
	return slices.ContainsFunc(after, func(c clause) bool {
		return hasStatement(c.toks) && slices.ContainsFunc(c.toks, func(t token) bool { return t.kind == tLabel || namespaceWords[t.low] })
	})
}

// rolesSwapped reports whether a title and the body after it name the
// same pods in swapped roles: "Step 3: allow the api to reach the
// frontends. The pods labeled app=api accept traffic from the pods labeled
// app=frontend" says two things, not one twice. A title's sender stands
// after "from" or before "to" or a verb of reaching; its receiver after
// them. In the body, what stands after "from" sends, and what stands after
// "to" or a verb of reaching receives.
func rolesSwapped(title, body []token) bool {
	var senders, receivers []string
	after := false
	for _, t := range title {
		w := t.low
		switch {
		case w == "from":
			after = false
		case w == "to" || w == "into" || reachVerbs[w]:
			after = true
		case t.kind == tWord && !fillerWords[w] && !determiners[w] && !prepositions[w] && !coordinators[w] && !allowWords[w] && !podNouns[w] && workloadKinds[w] == "":
			if after {
				receivers = append(receivers, w)
			} else {
				senders = append(senders, w)
			}
		}
	}
	// "open the cache to the workers", "expose the api to the web tier":
	// what stands after "to" sends.
	if slices.ContainsFunc(title, func(t token) bool { return exposeWords[t.low] }) {
		senders, receivers = receivers, senders
	}
	// names after a body's preposition, up to the next one
	named := func(k int, names []string) bool {
		for j := k + 1; j < len(body) && j <= k+5; j++ {
			if body[j].low == "from" || body[j].low == "to" || reachVerbs[body[j].low] || receiveVerbs[body[j].low] {
				return false
			}
			if slices.ContainsFunc(names, func(w string) bool { return sameName(body[j], w) }) {
				return true
			}
		}
		return false
	}
	for k, t := range body {
		if t.low == "from" && named(k, receivers) || (t.low == "to" || reachVerbs[t.low]) && named(k, senders) {
			return true
		}
	}
	return false
}

// exposeWords make what stands before "to" the pods reached: "open the
// cache to the workers".
var exposeWords = set("open", "opens", "expose", "exposes", "exposed", "accessible", "available", "reachable")

// relativeWords may make up a relative clause that only describes the
// pods before it: "the front-end services that actually need them".
var relativeWords = set("that", "which", "who", "actually", "really", "need", "needs", "use", "uses", "call", "calls", "it", "them", "talk", "talks", "to", "with",
	"require", "requires", "depend", "depends", "on")

// exposureSummary reports whether gen says in general words who may reach
// whom, and the statement body after it says it again in full, with
// labels: "back-end apps should only be exposed to the front-end services
// that need them - role=backend pods accept connections from role=frontend
// pods", "workers should only be able to reach the queue, so pods labeled
// role=worker may connect to the pods labeled app=queue". gen names no
// value, no deny, negation or exception; each name in it stands again in
// the body ("back-end" as tier=backend, "tier" as its key), in the same
// roles, and a direction word only when the body says it too.
func exposureSummary(gen, body []token) bool {
	if len(gen) < 3 || hasValue(gen) || !hasStatement(body) || !slices.ContainsFunc(body, func(t token) bool { return t.kind == tLabel }) ||
		!slices.ContainsFunc(gen, func(t token) bool { return exposeWords[t.low] || reachVerbs[t.low] || receiveVerbs[t.low] }) {
		return false
	}
	for n, t := range gen {
		w := t.low
		if denyWords[w] || isolateWords[w] || auditWords[w] || negationWords[w] || w == "except" || w == "but" || scopeWords[w] || processVerbs[w] || fileVerbs[w] {
			return false
		}
		// "... that (actually) need them": a relative clause of words
		// alone that only describes.
		if (w == "that" || w == "which" || w == "who") && n > 0 && !slices.ContainsFunc(gen[n:], func(u token) bool { return !relativeWords[u.low] && !fillerWords[u.low] }) {
			break
		}
		if t.kind != tWord || fillerWords[w] || determiners[w] || prepositions[w] || coordinators[w] || allowWords[w] || reachVerbs[w] || receiveVerbs[w] || exposeWords[w] ||
			podNouns[w] || workloadKinds[w] != "" || modals[w] || w == "only" || w == "alone" || w == "able" || w == "exclusively" || w == "solely" || w == "keep" {
			continue
		}
		if !slices.ContainsFunc(body, func(u token) bool { return sameName(u, w) || labelKey(u, w) }) {
			return false
		}
	}
	if slices.ContainsFunc(gen, func(t token) bool { return egressWords[t.low] }) && !slices.ContainsFunc(body, func(t token) bool { return egressWords[t.low] }) ||
		slices.ContainsFunc(gen, func(t token) bool { return ingressWords[t.low] }) && !slices.ContainsFunc(body, func(t token) bool { return ingressWords[t.low] || receiveVerbs[t.low] }) {
		return false
	}
	return !rolesSwapped(gen, body) && !bodyDenies(body)
}

// labelKey reports whether label u has the key w: "the api tier" and
// tier=api.
func labelKey(u token, w string) bool {
	return u.kind == tLabel && strings.HasPrefix(u.low, strings.TrimSuffix(w, "s")+"=")
}

// addressesDescribed marks the words of a title's noun phrase that names
// addresses in words, when the body after it gives addresses: "allow the
// CIDR your hosts are in. So ... accept connections on 8080 from
// 10.240.0.0/16", "let the office range in". The phrase runs from the
// words before the noun that only qualify it to the next "and", "or" or
// comma; what stands beyond it ("... and the internet") is checked alone.
func addressesDescribed(toks []token, after []clause) map[int]bool {
	out := map[int]bool{}
	if !slices.ContainsFunc(after, func(c clause) bool { return slices.ContainsFunc(c.toks, func(t token) bool { return t.kind == tCIDR }) }) {
		return out
	}
	for n, t := range toks {
		if !addressNouns[t.low] {
			continue
		}
		for k := n; k >= 0; k-- {
			w := toks[k].low
			if toks[k].kind != tWord || determiners[w] || allowWords[w] || reachVerbs[w] || receiveVerbs[w] || exposeWords[w] || prepositions[w] || coordinators[w] || entityWord(w) != "" {
				break
			}
			out[k] = true
		}
		for k := n + 1; k < len(toks); k++ {
			w := toks[k].low
			if toks[k].kind != tWord || coordinators[w] || w == "," || entityWord(w) != "" {
				break
			}
			out[k] = true
		}
	}
	return out
}

// bodyDenies reports whether a statement denies or negates ("must not
// accept", "block ..."): then a summary of an allow before it says
// something else, and is no summary.
func bodyDenies(body []token) bool {
	// "... and nobody else", "nothing else": the rest of an allow-list.
	return slices.ContainsFunc(body, func(t token) bool {
		return denyWords[t.low] && !negationWords[t.low] && !restOfAllow[t.low] || isolateWords[t.low] || t.low == "not" || t.low == "never" || t.low == "don't" || t.low == "can't" || t.low == "cannot" || t.low == "mustn't" || t.low == "shouldn't"
	})
}

// restOfAllow say the rest an allow-list leaves out: "nobody else".
var restOfAllow = set("nobody", "nothing", "none", "noone")

// tokensOf is the tokens of each clause.
func tokensOf(cs []clause) [][]token {
	out := make([][]token, len(cs))
	for n, c := range cs {
		out[n] = c.toks
	}
	return out
}

// sameName reports whether token u says the name w again: the same word,
// the value of a label, or the same in the singular or without hyphens
// ("bouviers" and "bouvier", "front-end" and "frontend").
func sameName(u token, w string) bool {
	if u.low == w || u.kind == tLabel && strings.HasSuffix(u.low, "="+w) {
		return true
	}
	norm := func(s string) string { return strings.TrimSuffix(strings.ReplaceAll(s, "-", ""), "s") }
	v := u.low
	if u.kind == tLabel {
		if k := strings.LastIndex(v, "="); k >= 0 {
			v = v[k+1:]
		}
	} else if u.kind != tWord {
		return false
	}
	return norm(v) == norm(w)
}
