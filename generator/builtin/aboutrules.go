package builtin

import (
	"fmt"
	"slices"
	"strings"

	"github.com/kunerva/kunerva/generator"
)

// nameRemarkWords are the words of a remark on which DNS names match.
var nameRemarkWords = set("exact", "names", "name", "doesn't", "does", "not", "count", "counts", "isn't", "is", "needed", "itself", "has", "have", "to",
	"match", "matches", "only", "an", "a", "the", "e.g.", "i.e.", ",", "-", "(", ")", "also", "just", "apex", "included", "excluded", "must")

// nameRemark reports whether a clause only remarks which DNS names the
// names of the request match, and says it as they do: "exact names,
// www.microsoft.com doesn't count" beside microsoft.com, "www.google.com has
// to match" beside *.google.com, "google.com itself isn't needed" beside
// *.google.com. A remark that the names would contradict is no remark.
func nameRemark(remark, all []token) bool {
	negative, positive := false, false
	var named []string
	for _, t := range remark {
		switch {
		case t.kind == tDomain:
			named = append(named, strings.TrimSuffix(t.low, "."))
		case t.kind == tWord || t.kind == tPunct:
			if !nameRemarkWords[t.low] {
				return false
			}
			negative = negative || t.low == "doesn't" || t.low == "isn't" || t.low == "excluded"
			positive = positive || t.low == "match" || t.low == "matches" || t.low == "included"
		default:
			return false
		}
	}
	if len(named) == 0 || negative == positive {
		return false
	}
	var allowed []string
	for _, t := range all {
		if t.kind == tDomain && !slices.ContainsFunc(remark, func(r token) bool { return r.start == t.start }) {
			allowed = append(allowed, strings.TrimSuffix(t.low, "."))
		}
	}
	for _, n := range named {
		matched := slices.ContainsFunc(allowed, func(a string) bool { return a == n || strings.HasPrefix(a, "*.") && strings.HasSuffix(n, a[1:]) })
		if matched != positive {
			return false
		}
	}
	return true
}

// offListVerbs say that something is left out of a list: "stays off the
// list", "is kept off the blocklist", "remains off it".
var offListVerbs = set("stays", "stay", "remains", "remain", "kept", "left", "keep", "keeps")

// listNouns name the list a rule makes.
var listNouns = set("list", "lists", "allowlist", "allow-list", "whitelist", "blocklist", "block-list", "blacklist", "denylist", "deny-list")

// offTheList reports whether a clause says that something named by words
// alone stays out of the rules' list, whatever else it says of it: "The
// server's own runtime reads them legitimately and stays off the list",
// "the log shipper reads it too but stays off the allowlist". What a rule
// does not name it leaves out, allowed beside a block and blocked beside
// an allow-list, as the rule says. A value ("/bin/nc stays off the list"),
// a negation, "only" or "except" may change the rule: no.
func offTheList(toks []token) bool {
	off := false
	for n, t := range toks {
		w := t.low
		if t.kind != tWord && t.kind != tPunct || negationWords[w] || w == "only" || w == "except" || w == "unless" {
			return false
		}
		// "stays off the list for now but gets added next week", "... until
		// the audit": off the list for a time, or not for long.
		if off && (w == "but" || w == "until" || w == "yet" || w == "so") || offForATime[w] {
			return false
		}
		if offListVerbs[w] && n+2 < len(toks) && toks[n+1].low == "off" && (listNouns[toks[n+2].low] || n+3 < len(toks) && determiners[toks[n+2].low] && listNouns[toks[n+3].low]) {
			off = true
		}
	}
	return off
}

// offForATime say something is off the list for a time only: "for now",
// "gets added next week", "stays off the list until the audit".
var offForATime = set("now", "yet", "later", "soon", "next", "until", "till", "temporarily", "added", "add", "include", "included")

// aboutPolicyKind reports whether a clause only names the kind of policy
// the others make: "It's a deny policy", "an allow policy", "a deny list".
func aboutPolicyKind(toks []token) bool {
	kind := false
	for n, t := range toks {
		// "an allow policy, so requests to any other path end up denied"
		if t.low == "," && n+2 < len(toks) && toks[n+1].low == "so" && allowListRestClause(toks[n+2:]) {
			return kind
		}
		switch w := t.low; {
		case w == "policy" || w == "rule" || w == "list" || w == "allowlist" || w == "denylist" || w == "allow-list" || w == "deny-list":
			kind = true
		case t.kind == tPunct || w == "it's" || w == "it" || w == "is" || w == "this" || w == "that's" || w == "a" || w == "an" || w == "deny" || w == "allow" || w == "just" || w == "simple" || w == "plain":
		default:
			return false
		}
	}
	return kind
}

// kindHeads are the nouns of kinds of policy a sentence about what such
// policies do in general is about: "Runtime policies", "DNS-based egress
// controls", "an L7 rule".
var kindHeads = set("policies", "policy", "controls", "control", "profiles", "profile", "rules", "rule", "firewalls", "firewall", "netpols", "networkpolicies")

// kindDoings are the present-tense verbs of what such policies do in
// general: "Runtime policies stop bad behavior".
var kindDoings = set("stop", "catch", "see", "filter", "match", "enforce")

// kindPlaces stand before a place, which a sentence of what policies do
// in general does not name: "Runtime policies stop shells in payments"
// may name the namespace of the rules after it.
var kindPlaces = set("in", "inside", "within", "for", "on", "at", "across")

// kindDoes reports whether a clause says what a kind of policy does in
// general, no rule: a generic subject (no article, or "a"/"an", then up to
// four words that name no pods, namespace or value, the last a kind of
// policy, kindHeads), then "let(s) you/us" or a verb of kindDoings, and
// nothing after that names traffic, a direction, a scope, a place
// (kindPlaces) or a value, nor, but after "let you", peers:
// "DNS-based egress controls let you allow traffic to a named
// destination, not a brittle IP list", "Runtime policies stop bad
// behavior". "The policy stops all egress" (a definite policy) and
// "Egress policies stop the app=web pods" (a value) are rules.
func kindDoes(toks []token) bool {
	k := 0
	if k < len(toks) && (toks[k].low == "a" || toks[k].low == "an") {
		k++
	}
	head := -1
	for j := k; j < len(toks) && j < k+5; j++ {
		t := toks[j]
		if t.kind != tWord || determiners[t.low] || podNouns[t.low] || namespaceWords[t.low] || workloadKinds[t.low] != "" || valueWord(t) {
			break
		}
		if kindHeads[t.low] && (j == len(toks)-1 || !kindHeads[toks[j+1].low]) {
			head = j
			break
		}
	}
	if head < 0 || head+1 >= len(toks) || strings.HasSuffix(toks[head].low, "s") == (k > 0) {
		return false // "a policies", "policy stops": no generic subject
	}
	v := head + 1
	lets := (toks[v].low == "let" || toks[v].low == "lets") && v+1 < len(toks) && (toks[v+1].low == "you" || toks[v+1].low == "us")
	if !lets && !kindDoings[toks[v].low] && !kindDoings[strings.TrimSuffix(toks[v].low, "es")] && !kindDoings[strings.TrimSuffix(toks[v].low, "s")] {
		return false
	}
	for _, t := range toks[v+1:] {
		if t.kind != tWord && t.kind != tPunct || valueWord(t) || podNouns[t.low] || namespaceWords[t.low] || scopeWords[t.low] || entityWord(t.low) != "" || kindPlaces[t.low] ||
			!lets && (ingressWords[t.low] || egressWords[t.low] || trafficNouns[t.low] || prepositionsOfPeers[t.low] || t.low == "all" || t.low == "every" || t.low == "any" || t.low == "everything") {
			return false
		}
	}
	return true
}

// selectorWords are the words of a remark on how selectors combine.
var selectorWords = set("namespace", "namespaces", "pod", "pods", "selector", "selectors", "label", "labels", "and", "together", "both", "have", "has",
	"to", "must", "match", "the", "conditions", "condition", "not", "either", "in", "one", "peer", "same", "entry", "apply", "applies", "(", ")", ",", ":", "-")

// selectorRemark reports whether a clause only says that a pod selector and
// a namespace selector hold together, as one peer does: "Namespace selector
// and pod selector together", "(both conditions, not either)", "the pod
// label and the namespace label both have to match". "Either" alone would
// mean the opposite, and is no remark.
func selectorRemark(toks []token) bool {
	joint := false
	for i, t := range toks {
		if !selectorWords[t.low] {
			return false
		}
		if t.low == "either" && (i == 0 || toks[i-1].low != "not") {
			return false
		}
		joint = joint || t.low == "together" || t.low == "both"
	}
	return joint
}

// aboutReplies reports whether a clause only says that replies need no
// rule of their own: "the replies go back on their own, no egress rule
// needed". Policies are stateful; a reply follows its connection.
func aboutReplies(toks []token) bool {
	i := 0
	for i < len(toks) && (toks[i].kind == tPunct || coordinators[toks[i].low] || toks[i].low == "the") {
		i++
	}
	return i < len(toks) && (toks[i].low == "replies" || toks[i].low == "responses" || toks[i].low == "return" && i+1 < len(toks) && toks[i+1].low == "traffic") && wordsOnly(toks)
}

// replyTraffic names the replies of connections the other side opened:
// "responses", "return traffic", "established connections". A policy
// needs no rule for them; read as traffic to allow, "allow responses from
// payments to checkout on 443" opened new connections from payments to
// checkout on payments' own port (finder 11, S6).
// Finder 12, S15, found more: "allow the answers from payments back to
// checkout", "allow ack traffic ...", "allow related connections ...",
// "allow stateful return from the db to backup".
var replyTraffic = [][]string{{"responses"}, {"response", "traffic"}, {"return", "traffic"}, {"returning", "traffic"}, {"established", "connections"},
	{"established", "traffic"}, {"established", "sessions"}, {"reply", "packets"}, {"return", "packets"}, {"replies"}, {"reply", "traffic"}, {"answers"},
	{"answer", "traffic"}, {"answer", "packets"}, {"ack", "traffic"}, {"ack", "packets"}, {"acks"}, {"related", "connections"}, {"related", "traffic"},
	{"related", "packets"}, {"related", "sessions"}, {"stateful", "return"}, {"stateful", "replies"}, {"stateful", "responses"}, {"stateful", "traffic"},
	{"return", "flows"}, {"return", "connections"}, {"return", "path"}, {"response", "packets"}, {"returning", "packets"}, {"established", "flows"},
	{"established", "and", "related"}, {"established", "or", "related"}, {"established", "packets"}}

// replyReceivers take replies in: "receive responses from X", "get the
// replies from X".
var replyReceivers = set("receive", "receives", "receiving", "get", "gets", "getting", "accept", "accepts", "accepting", "take", "takes", "taking")

// repliesAllowed asks when an allow's object is reply traffic
// (replyTraffic) right after its verb: "allow responses from ...", "allow
// return traffic to ...", "permit established connections from ...".
// Whether new connections are meant, and which way, is the author's to
// say.
//
// After a verb of taking in (replyReceivers) too: "allow app=web to
// receive responses from app=api on 8080" gave ingress to app=web from
// app=api, where the responses come back on app=web's own connections to
// app=api (finder 14, S12).
func repliesAllowed(request string, toks []token) error {
	for i, t := range toks {
		if !allowWords[t.low] && !replyReceivers[t.low] {
			continue
		}
		k := i + 1
		for k < len(toks) && (toks[k].low == "the" || toks[k].low == "all" || toks[k].low == "any") {
			k++
		}
		for _, ph := range replyTraffic {
			if phraseIn(toks, k, ph) {
				return &generator.NotUnderstoodError{Request: request, Example: generator.ExampleNetwork,
					Missing: fmt.Sprintf("%q are replies, which need no rule: a policy lets the replies of an allowed connection through. Which side opens the connection, and on which port? Say it as a rule (\"allow app=a to reach app=b on 443\")", request[toks[k].start:toks[k+len(ph)-1].end])}
			}
		}
	}
	return nil
}

// threatModel reports whether a clause only says what an attacker would
// do: "stolen tokens let an attacker impersonate the workload against the
// API server". It names an attacker and no value or namespace.
func threatModel(toks []token) bool {
	attacker := slices.ContainsFunc(toks, func(t token) bool {
		return t.low == "attacker" || t.low == "attackers" || t.low == "intruder" || t.low == "intruders" || t.low == "adversary" || t.low == "adversaries" ||
			t.low == "exploit" || t.low == "exploits" || t.low == "malware" || t.low == "hackers" || t.low == "rootkit" || t.low == "rootkits" ||
			t.low == "tracks" && slices.ContainsFunc(toks, func(u token) bool { return u.low == "cover" || u.low == "covering" })
	})
	if factPhrase(toks) {
		// "kernel module loading from a container is a red flag"
		return !hasValue(toks) && !slices.ContainsFunc(toks, func(t token) bool { return namespaceWords[t.low] || t.low == "only" || t.low == "except" })
	}
	for n, t := range toks {
		if namespaceWords[t.low] || t.low == "only" || t.low == "except" || denyWords[t.low] && !negationWords[t.low] || auditWords[t.low] && !recordNoun(toks, n) {
			return false
		}
	}
	return attacker && !hasValue(toks)
}
