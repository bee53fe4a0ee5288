package builtin

import (
	"slices"
	"strings"
)

// entityNames are Cilium's names of its entities, as the term a sentence
// of documentation defines: "world covers 0.0.0.0/0 outside the cluster",
// "host is the local node, remote-node the other nodes".
var entityNames = set("world", "host", "remote-node", "cluster", "kube-apiserver", "health", "init", "unmanaged", "world-ipv4", "world-ipv6")

// defineVerbs say what a term is: "is", "covers", "means", "stands for".
var defineVerbs = set("is", "covers", "means", "represents", "denotes", "includes", "matches", "selects", "stands", "refers")

// entityDefinition reports whether a clause only says what Cilium's
// entities are, as documentation does before the rule that uses them:
// "world covers 0.0.0.0/0 outside the cluster.", "Entities: host is the
// local node, remote-node the other nodes.", "remote-node stands for the
// other nodes of the cluster." Each part (between commas) opens with an
// entity's name (after "the", with "entity" after it or not) and a verb
// of defining; after the first, the verb may be left out before "the". No
// duty, verdict, "only", "except", label or path; the only address is
// the world's own, 0.0.0.0/0 or ::/0 ("host is 10.0.0.5" gives the host
// an address of the request's own: it stays). One of the clauses after
// it (later) names an entity.
func entityDefinition(toks []token, later []clause) bool {
	i := 0
	if len(toks) > 2 && (toks[0].low == "entities" || toks[0].low == "entity") && toks[1].low == ":" {
		i = 2 // "Entities: host is ..."
	}
	parts := 0
	for i < len(toks) {
		if toks[i].low == "the" {
			i++
		}
		if i >= len(toks) || !entityNames[toks[i].low] {
			return false
		}
		world := toks[i].low == "world"
		i++
		if i < len(toks) && toks[i].low == "entity" {
			i++
		}
		switch {
		case i < len(toks) && defineVerbs[toks[i].low]:
			i++
		case parts > 0 && i < len(toks) && toks[i].low == "the":
		default:
			return false
		}
		for i < len(toks) && toks[i].low != "," {
			t := toks[i]
			if t.kind != tWord && t.kind != tPunct && !(t.kind == tCIDR && world && (t.low == "0.0.0.0/0" || t.low == "::/0")) || modals[t.low] || t.low == "only" || t.low == "except" || t.low == "please" || t.low == "let" ||
				(denyWords[t.low] || allowWords[t.low] || auditWords[t.low] || isolateWords[t.low] || restrictionWords[t.low]) && !negationWords[t.low] {
				return false
			}
			i++
		}
		parts++
		i++ // the comma
	}
	return parts > 0 && slices.ContainsFunc(later, func(c clause) bool {
		return slices.ContainsFunc(c.toks, func(t token) bool { return entityWord(t.low) != "" })
	})
}

// questionOpeners open a question that asks whether, not how: "Should the
// database really accept connections from everyone?", "Shouldn't we only
// allow traffic from the ingress controller?". "Can", "could" and "how"
// open requests ("Can CoreDNS be allowed egress to ...?", "How can I block
// ...?"): they are not here.
var questionOpeners = set("should", "shouldn't", "would", "wouldn't", "why", "do", "does", "don't", "doesn't", "is", "isn't", "are", "aren't", "shall", "must")

// answeredQuestion reports whether a clause is a question of whether
// (questionOpeners, a question mark after it) that the statements beside
// it (others; the caller asks for one after it) answer: "Should the database really accept connections from
// everyone? Only pods labeled app=backend may reach pods labeled app=db on
// 5432." It blocks and isolates nothing ("Shouldn't we block the web pods
// from the internet?" may ask for a rule the others leave out: it stays a
// question), asks for nothing "also" or "too", names no namespace, and
// every value and entity it names the others name again. Read as a rule, "accept connections from everyone" allowed every
// source.
func answeredQuestion(request string, toks []token, others []clause) bool {
	if len(toks) < 2 || !questionOpeners[toks[0].low] || !strings.HasPrefix(strings.TrimLeft(request[toks[len(toks)-1].end:], " )"), "?") {
		return false
	}
	if !slices.ContainsFunc(others, func(c clause) bool { return hasStatement(c.toks) }) {
		return false
	}
	for _, t := range toks {
		w := t.low
		// "Should monitoring also get in?": more than the rules say.
		if isolateWords[w] || denyWords[w] && !negationWords[w] || namespaceWords[w] || w == "also" || w == "too" || w == "additionally" {
			return false
		}
		// "Shouldn't the frontend be allowed to reach the world?": a peer
		// the others do not name.
		if e := entityWord(w); e != "" && !slices.ContainsFunc(others, func(c clause) bool {
			return slices.ContainsFunc(c.toks, func(u token) bool { return entityWord(u.low) == e })
		}) {
			return false
		}
		if t.kind != tWord && t.kind != tPunct && !slices.ContainsFunc(others, func(c clause) bool {
			return slices.ContainsFunc(c.toks, func(u token) bool { return u.kind == t.kind && u.low == w })
		}) {
			return false
		}
	}
	return true
}

// noPolicyScenes set a sentence where no policy holds yet: "In a flat
// network every pod can ping every pod", "By default all pods can reach
// each other", "Without any policy, pods can talk to any other pod".
var noPolicyScenes = [][]string{{"by", "default"}, {"in", "a", "flat", "network"}, {"on", "a", "flat", "network"}, {"without", "any", "policy"}, {"without", "any", "policies"}, {"without", "network", "policies"},
	{"without", "a", "policy"}, {"without", "policies"}, {"with", "no", "policy"}, {"with", "no", "policies"}, {"out", "of", "the", "box"}, {"in", "kubernetes"}, {"in", "plain", "kubernetes"}, {"normally"}}

// openTrafficWords are all the words a sentence of open traffic holds:
// everyone, pods, what they can do to each other, and "unless a policy
// says otherwise".
var openTrafficWords = set("every", "any", "all", "each", "other", "another", "one", "pod", "pods", "can", "could", "ping", "freely", "to", "with", "in", "the", "cluster", "and", ",",
	"unless", "a", "policy", "policies", "says", "otherwise", "selects", "them", "it", "are", "able")

// openByDefault reports whether a clause only says that, before any
// policy, every pod can reach every pod: a scene of no policy
// (noPolicyScenes), then "can" and a verb of traffic between pods said
// of all ("every pod", "each other", "any other pod"), and no other word:
// no value, no pods by name ("any pod can talk to the database" may ask
// for a rule), no duty, "only" or "except".
func openByDefault(toks []token) bool {
	n := openingLen(toks, noPolicyScenes)
	if n < 0 {
		return false
	}
	can, traffic := false, false
	for _, t := range toks[n:] {
		w := t.low
		switch {
		case w == "can" || w == "could" || w == "able":
			can = true
		case reachVerbs[w] || w == "ping":
			traffic = true
		case !openTrafficWords[w]:
			return false
		}
	}
	return can && traffic
}

// openingLen is the length of the longest of the phrases the tokens open
// with, or -1 when they open with none.
func openingLen(toks []token, phrases [][]string) int {
	n := -1
	for _, o := range phrases {
		if len(o) > n && phraseIn(toks, 0, o) {
			n = len(o)
		}
	}
	return n
}

// planPhrases say that we are about to do something: "we're about to",
// "we are going to", "I plan to", "we will".
var planPhrases = [][]string{{"about", "to"}, {"going", "to"}, {"planning", "to"}, {"plan", "to"}, {"will"}, {"soon"}}

// denyPlanned reports whether a clause says that we are about to put a
// default deny in place, as the scene of the statement after its comma:
// "We're about to opt in to denied-by-default on our cluster, so first a
// cluster-wide baseline: ...", "We are going to turn on default deny in
// the shop namespace next week, so allow ...". We or I open it, a phrase
// of plan follows, a default deny is said; no value, negation, "only",
// "except", "but" or "unless" (which would say what it leaves out), no
// place or pods by name ("in namespace shop", "in shop", "for the web
// pods": the rules after it may be meant for them).
func denyPlanned(toks []token) bool {
	i := 0
	for i < len(toks) && (toks[i].kind == tPunct || coordinators[toks[i].low]) {
		i++
	}
	if i >= len(toks) || !set("we", "we're", "i", "i'm")[toks[i].low] {
		return false
	}
	i++
	if i < len(toks) && (toks[i].low == "are" || toks[i].low == "am") {
		i++
	}
	n := slices.IndexFunc(planPhrases, func(o []string) bool { return phraseIn(toks, i, o) })
	if n < 0 {
		return false
	}
	said := false
	for k := i + len(planPhrases[n]); k < len(toks); k++ {
		t, w := toks[k], toks[k].low
		if d := denyPhraseAt(toks, k); d > 0 {
			said = true
			k += d - 1
			continue
		}
		if t.kind != tWord && t.kind != tPunct || negationWords[w] || w == "without" || w == "only" || w == "except" || w == "but" || w == "unless" ||
			allowWords[w] && w != "enable" && w != "enabling" || denyWords[w] || auditWords[w] {
			return false // "enable default deny" puts it in place
		}
		// "in namespace shop", "in shop", "for the web pods": a place or
		// pods the rules after it may be meant for; only "our/the/every
		// namespace", "our cluster" and the like leave none unsaid.
		if (w == "in" || w == "on" || w == "for" || w == "across") && k+1 < len(toks) && toks[k+1].kind == tWord &&
			!(determiners[toks[k+1].low] || prepositions[toks[k+1].low] || denyPhraseAt(toks, k+1) > 0 || set("our", "my", "every", "each", "all", "this", "these")[toks[k+1].low]) || namespaceWords[w] && k+1 < len(toks) && toks[k+1].kind == tWord && !prepositions[toks[k+1].low] && !coordinators[toks[k+1].low] || podNouns[w] {
			return false
		}
	}
	return said
}
