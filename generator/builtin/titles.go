package builtin

import (
	"slices"
	"strings"
)

// heldBackWords in a title hold back the rule after it: "Policy 4, not
// yet:", "Rule 2 (disabled):", "Later:".
var heldBackWords = set("yet", "later", "disabled", "inactive", "paused", "postponed", "deferred", "pending", "someday", "eventually")

// genericTitleWords are the generic words of a title, which need not be said
// again: "Network Block All Ingress Traffic To Namespace:".
var genericTitleWords = set("network", "networking", "traffic", "policy", "policies", "rule", "rules", "netpol", "netpols", "networkpolicy", "cnp", "ksp")

// titleSaidAgainEnd returns where a title that opens the request ends (at
// its colon), when the rule after the colon says each of its words again,
// or 0: "Network Block All Ingress Traffic To Namespace: block all ingress
// traffic to the pods in namespace legacy", "Egress to the API: the
// app=web pods may reach the app=api pods on 8080". Dismissed, nothing of
// it is lost; a word only the title says ("Only DNS:", "Web servers:",
// "Audit:") keeps it read, or asked about.
func titleSaidAgainEnd(toks []token) int {
	i := slices.IndexFunc(toks, func(t token) bool { return t.low == ":" })
	if i < 1 || i > 10 {
		return 0
	}
	rule := toks[i+1 : sentenceEnd(toks, i+1)]
	said := 0
	for k, t := range toks[:i] {
		w := t.low
		if t.kind != tWord || k > 0 && toks[k-1].end != t.start-1 {
			return 0 // a value, a part's number, or words not spaced like a title
		}
		if fillerWords[w] || determiners[w] && !wholeWords[w] || prepositions[w] || genericTitleWords[w] {
			continue
		}
		if !slices.ContainsFunc(rule, func(u token) bool {
			return u.low == w || u.low == w+"s" || u.low+"s" == w || u.kind == tLabel && strings.HasSuffix(u.low, "="+w) || sameWordClass(w, u.low)
		}) {
			return 0
		}
		said++
	}
	if said == 0 {
		return 0
	}
	return i
}

// wholeWords say how much a title's rule covers ("Block all:"): the rule
// after the colon must say them again.
var wholeWords = set("all", "any", "every", "each")

// sameWordClass reports whether a title's word w is said again by the
// rule's word u of the same class: "Deny all. ... block all ingress
// traffic", "Inbound to the cache: ... accept ingress". A negation is
// said again only as itself.
func sameWordClass(w, u string) bool {
	if negationWords[w] || negationWords[u] {
		return false
	}
	for _, class := range []map[string]bool{denyWords, allowWords, auditWords, ingressWords, egressWords} {
		if class[w] && class[u] {
			return true
		}
	}
	return false
}

// allowTitleSaidAgain reports whether every name of an allow after the
// number of a part ("Policy 1, allow frontend to communicate with backend:
// ... the app=frontend pods may only send to the app=backend pods") is
// said again by the rule after the colon, as a word, a peer or a label's
// value; what only the title names ("allow checkout too") would be lost.
func allowTitleSaidAgain(title, rule []token) bool {
	for k, t := range title {
		w := t.low
		if t.kind != tWord && t.kind != tPunct || t.kind == tPunct && w != "," {
			return false
		}
		if t.kind == tPunct || fillerWords[w] || determiners[w] || prepositions[w] || coordinators[w] || scopeWords[w] || reachVerbs[w] || receiveVerbs[w] {
			continue
		}
		if key := headingPeer(title, k); key != "" && slices.ContainsFunc(rule, func(u token) bool { return headingPeer([]token{u}, 0) == key }) {
			continue
		}
		if !slices.ContainsFunc(rule, func(u token) bool {
			return u.low == w || u.kind == tLabel && strings.HasSuffix(u.low, "="+w)
		}) {
			return false
		}
	}
	return true
}

// everyScope reports whether the word at k is a noun of pods or
// namespaces in a scope of everything: "all namespaces and pods", "every
// pod".
func everyScope(toks []token, k int) bool {
	if !namespaceWords[toks[k].low] && !podNouns[toks[k].low] {
		return false
	}
	for j := k - 1; j >= 0; j-- {
		w := toks[j].low
		switch {
		case w == "all" || w == "every":
			return true
		case w == "and" || w == "," || namespaceWords[w] || podNouns[w]:
		default:
			return false
		}
	}
	return false
}

// clusterSaid reports whether rules say that they are for the whole
// cluster: "every pod in the cluster", "in all namespaces",
// "cluster-wide". ("the app=web pods in the cluster" names peers.)
func clusterSaid(toks []token) bool {
	for n, t := range toks {
		w := t.low
		every := w == "all" || w == "every"
		if w == "cluster-wide" || w == "clusterwide" || every && n+1 < len(toks) && namespaceWords[toks[n+1].low] ||
			every && n+4 < len(toks) && podNouns[toks[n+1].low] && toks[n+2].low == "in" && toks[n+3].low == "the" && toks[n+4].low == "cluster" {
			return true
		}
	}
	return false
}

// policyIn reports whether the words after "in" in a heading name the
// policies being written, not a place: "Add metrics port to allow ingress
// traffic in the netpols: ...", "Open 9090 in our Cilium policy: ...".
func policyIn(rest []token) bool {
	k := 0
	for k < len(rest) && (determiners[rest[k].low] || toolWords[rest[k].low]) {
		k++
	}
	return k < len(rest) && policyNouns[rest[k].low] && (k+1 == len(rest) || rest[k+1].kind == tPunct)
}

// directionSaidAgain reports whether a direction a heading names
// ("ingress", "outbound") the statement after it names again, and the
// heading holds no verdict of its own: "Zero-trust egress without a
// service mesh: app=my-api may only call api.stripe.com ...; all other
// outbound connections are blocked." A heading with no direction word
// passes; "Deny egress: ..." or "Egress: app=web may receive from ..."
// do not.
func directionSaidAgain(heading, after []token) bool {
	has := func(toks []token, words map[string]bool) bool {
		return slices.ContainsFunc(toks, func(t token) bool { return words[t.low] })
	}
	in, out := has(heading, ingressWords), has(heading, egressWords)
	if !in && !out {
		return true
	}
	// "... to allow ingress traffic in the netpols: the app=x pods should
	// accept TCP 8080": an allow the statement says again, as an allow
	// with no deny beside it.
	allowAgain := (has(after, allowWords) || has(after, receiveVerbs)) && !has(after, denyWords) && !has(after, negationWords) && !has(after, isolateWords)
	verdict := slices.ContainsFunc(heading, func(t token) bool {
		return denyWords[t.low] || allowWords[t.low] && !allowAgain || auditWords[t.low] || isolateWords[t.low] || negationWords[t.low] || t.low == "only" || t.low == "default" || t.low == "except" || t.low == "but"
	})
	// Pods that accept or receive traffic say ingress again.
	return !verdict && (!in || has(after, ingressWords) || has(after, receiveVerbs)) && (!out || has(after, egressWords))
}

// headingPeer is the peer the word at k names, as a heading names it: the
// world for "internet", "anywhere"; the API server for "kube-apiserver" or
// "API server"; the cluster DNS for "DNS", "CoreDNS"; or "" for no peer.
// Scope words ("cluster", "nodes") keep their meaning in a heading anyway.
func headingPeer(toks []token, k int) string {
	if k < 0 || k >= len(toks) || toks[k].kind != tWord && toks[k].kind != tCIDR || scopeWords[toks[k].low] {
		return ""
	}
	w := toks[k].low
	switch {
	case w == "0.0.0.0/0":
		return "world"
	case w == "api" && k+1 < len(toks) && toks[k+1].low == "server", w == "server" && k > 0 && toks[k-1].low == "api",
		// "the Kubernetes API", "the k8s API"
		w == "api" && k > 0 && (toks[k-1].low == "kubernetes" || toks[k-1].low == "k8s" || toks[k-1].low == "kube"):
		return "kube-apiserver"
	case w == "dns" || w == "kube-dns" || w == "coredns":
		return "dns"
	case titlePeers[w] && entityWord(w) == "":
		return "world"
	}
	return entityWord(w)
}
