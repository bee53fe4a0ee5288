package builtin

import "slices"

// descriptionWords introduce the text of a policy's description or
// comment, quoted: "description 'Default deny and allow egress to kube-dns
// pod'", "with the comment \"DNS only\"", "(description: 'egress to
// kube-dns only')".
var descriptionWords = set("description", "descr", "desc", "comment", "annotation", "summary", "tagline")

// quotedDescription returns the end of a policy's description quoted
// after a word of description at i (and an optional colon): the tokens
// up to the closing quote. The quoted words are the text the policy
// carries, not its rules; a value among them (an address, a label, a
// port, a path) may be a rule said nowhere else, so then there is none
// (-1), and the words are read as any others.
func quotedDescription(request string, toks []token, i int) int {
	if !descriptionWords[toks[i].low] || i+1 >= len(toks) {
		return -1
	}
	j := i + 1
	if toks[j].low == ":" && j+1 < len(toks) {
		j++
	}
	q, ok := quoteBetween(request[toks[j-1].end:toks[j].start])
	if !ok {
		return -1
	}
	for k := j; k < len(toks) && k < j+40; k++ {
		next := len(request)
		if k+1 < len(toks) {
			next = toks[k+1].start
		}
		if c, ok := quoteBetween(request[toks[k].end:next]); ok && c == closingQuote(q) {
			if hasValue(toks[j:k+1]) || !namesSaidOutside(toks, j, k+1) {
				return -1
			}
			return k + 1
		}
	}
	return -1
}

// namesSaidOutside reports whether every word of toks[a:b] that may name
// pods ("block the frontend") is said again outside them: a name said
// only in the description may be a rule said nowhere else.
func namesSaidOutside(toks []token, a, b int) bool {
	for _, t := range toks[a:b] {
		w := t.low
		if t.kind != tWord || fillerWords[w] || meaningWords[w] || frameWords[w] || policyNouns[w] || toolWords[w] || determiners[w] || prepositions[w] || coordinators[w] ||
			allowWords[w] || denyWords[w] || isolateWords[w] || auditWords[w] || reachVerbs[w] || receiveVerbs[w] || podNouns[w] || workloadKinds[w] != "" ||
			namespaceWords[w] || ingressWords[w] || egressWords[w] || entityWord(w) != "" || clusterDNSNames[w] {
			continue
		}
		if !slices.ContainsFunc(toks[:a], func(u token) bool { return sameName(u, w) }) && !slices.ContainsFunc(toks[b:], func(u token) bool { return sameName(u, w) }) {
			return false
		}
	}
	return true
}

// clusterDNSNames name the cluster DNS, which a rule of DNS reads.
var clusterDNSNames = set("dns", "kube-dns", "coredns")

// quoteBetween returns the quote character in the text between two
// tokens, if there is one.
func quoteBetween(gap string) (rune, bool) {
	for _, r := range gap {
		if isQuote(r) {
			return r, true
		}
	}
	return 0, false
}

// closingQuote is the quote that closes one opened by q.
func closingQuote(q rune) rune {
	switch q {
	case '“':
		return '”'
	case '‘':
		return '’'
	case '«':
		return '»'
	}
	return q
}
