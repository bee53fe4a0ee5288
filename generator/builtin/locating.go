package builtin

import (
	"fmt"
	"slices"
	"strings"

	"github.com/kunerva/kunerva/generator"
)

// Locating clauses say where pods the request names live: "the api pods
// are in namespace prod", "api in prod", "web is in shop, api is in prod",
// "api and web are both in prod", "api lives in prod", and, after the
// rule's verdict, "allow from the api pods in namespace prod". In the
// GitHub Action an answer is read after the question it answers
// ("traffic from pods labeled app=api to pods labeled app=web allow, the
// api pods are in namespace prod"), and the answer corrects where pods
// said before are: read as a clause of its own it added a peer (api in
// default OR api in prod), moved the subject ("..., api in prod" put web
// in prod), swapped the namespaces ("... namespace shop, api is in
// namespace prod") or was dismissed as a reason ("...; web is in shop,
// api is in prod"). A locating clause is taken out of the request, the
// rest is read, and the namespace then goes to the subject or the peer
// its name names (its name, or the value of its app label), replacing the
// namespace it had; when it names neither, or both, or pods the request
// already put in another namespace, the engine asks.
type locating struct {
	names    []token // the names located: "api", or "api" and "web"
	ns       token   // the namespace they are in
	from, to int     // the tokens taken out of the request, with a separator
	peer     bool    // "allow from the api pods in ...": only a peer can be meant
}

// locatingVerbs say that pods are somewhere: "api is in prod", "api lives
// in prod".
var locatingVerbs = set("is", "are", "lives", "live", "sits", "sit", "runs", "run", "resides", "reside", "located", "deployed")

// locatingSeparators end a locating clause: the comma, semicolon, full
// stop or colon beside it, or the request's ends.
var locatingSeparators = set(",", ";", ".", ":")

// notLocatedNames are words that stand where a locating clause has its
// name but name no pods ("it is in prod", "traffic in prod", "everything
// is in prod"): such clauses are left to the other rules.
var notLocatedNames = set("it", "they", "them", "this", "that", "these", "those", "everything", "everyone", "all", "both", "traffic", "which",
	"what", "there", "here", "each", "every", "any", "one", "ingress", "egress", "access", "nothing", "anything", "he", "she", "we", "i", "you")

// notNamespaces are words after "in" that name no namespace ("api in
// use", "in order", "in general").
var notNamespaces = set("order", "use", "general", "particular", "case", "place", "fact", "addition", "charge", "question", "short",
	"total", "practice", "theory", "turn", "time", "it", "them", "this", "that", "there", "here", "one", "both", "all", "any", "every", "each")

// notLocatedPlaces are words that stand where a locating clause has its
// namespace but say something else about the pods: the language they are
// written in ("web is in python"), a protocol, the network they use ("web
// in host", "in the cluster"), a stage of their life ("in beta", "in
// maintenance"), a port or a quantifier ("web in any"). Read as a
// namespace they put the pods in one nobody named (finder 6); the clause
// then asks (unclearLocating).
var notLocatedPlaces = set("python", "python3", "go", "golang", "rust", "java", "node", "nodejs", "ruby", "php", "perl", "javascript", "typescript",
	"kotlin", "scala", "elixir", "erlang", "dotnet", "c", "cpp", "tcp", "udp", "sctp", "http", "https", "grpc", "dns", "icmp", "host", "hosts",
	"cluster", "world", "anywhere", "everywhere", "nowhere", "none", "whatever", "anything", "port", "ports", "network", "networks", "front",
	"beta", "alpha", "preview", "maintenance", "some", "many", "several", "most", "either", "neither")

// relativeNamespaceWords say which namespace by its relation to something
// else: "the same namespace", "their own namespace", "another namespace".
var relativeNamespaceWords = set("same", "own", "other", "another", "different", "separate", "new", "current", "whole", "single", "dedicated", "shared", "respective", "corresponding")

// locatingClauses finds the locating clauses of the request: a stretch
// between separators that is only one ("[the] X [and Y] [pods] is|are|
// lives [both] in [namespace] N", "[the] X [pods] in [namespace] N"), or
// the end of a stretch after its verdict ("allow from [the] X [pods] in
// [namespace] N") whose name X the request labels elsewhere ("pods labeled
// app=X"), so that it says again which pods, and only where they are.
func locatingClauses(toks []token) []locating {
	var found []locating
	start := 0
	for i := 0; i <= len(toks); i++ {
		if i < len(toks) && !(toks[i].kind == tPunct && locatingSeparators[toks[i].low]) {
			continue
		}
		// "..., web in prod, staging": the place goes on past the
		// clause's end, as a list of namespaces (finder 6: staging was
		// lost); the clause is left to the rules that ask.
		listed := i+1 < len(toks) && toks[i].low == "," && toks[i+1].kind == tWord && !fillerWords[toks[i+1].low] && dnsLabel(toks[i+1].low) && (i+2 == len(toks) || toks[i+2].kind == tPunct || toks[i+2].low == "and" || toks[i+2].low == "or")
		if l, ok := locatingWhole(toks, start, i); ok && !listed {
			found = appendLocating(found, toks, l, start, i)
		} else if l, ok := locatingAfterVerdict(toks, start, i); ok {
			found = append(found, l)
		} else {
			// "web is in shop and api is in prod": two locating clauses
			// joined by "and".
			for k := start + 1; k < i-1; k++ {
				if toks[k].low != "and" {
					continue
				}
				l1, ok1 := locatingWhole(toks, start, k)
				l2, ok2 := locatingWhole(toks, k+1, i)
				if ok1 && ok2 {
					l2.from = k
					found = appendLocating(appendLocating(found, toks, l1, start, k), toks, l2, k, i)
					break
				}
			}
		}
		start = i + 1
	}
	return found
}

// appendLocating adds a locating clause found in toks[a:b] with the
// separator before it (or, first in the request, the one after) to take
// out; a request that is only locating clauses has no rule to locate in.
func appendLocating(found []locating, toks []token, l locating, a, b int) []locating {
	switch {
	case l.from > a:
	case a > 0:
		l.from = a - 1
	case b < len(toks):
		l.to = b + 1
	default:
		return found
	}
	return append(found, l)
}

// locatingLeads may open a locating clause: "..., and api is in prod",
// "..., since api lives in prod".
var locatingLeads = set("and", "also", "but", "btw", "fyi", "because", "since", "as", "plus", "note")

// reasonLeads open a reason: "since the jobs run in batch, include them"
// locates no pods of the rule unless it names them.
var reasonLeads = set("because", "since", "as")

// locatingWhole reads toks[a:b] as a whole locating clause.
func locatingWhole(toks []token, a, b int) (locating, bool) {
	i := a
	reason := false
	for i < b && locatingLeads[toks[i].low] {
		reason = reason || reasonLeads[toks[i].low]
		i++
	}
	if i < b && toks[i].low == "the" {
		i++
	}
	var names []token
	for i < b && toks[i].kind == tWord && locatedName(toks[i]) {
		names = append(names, toks[i])
		i++
		if i+1 < b && toks[i].low == "and" && toks[i+1].kind == tWord && locatedName(toks[i+1]) {
			i++
			continue
		}
		break
	}
	if len(names) == 0 {
		return locating{}, false
	}
	if i < b && podNouns[toks[i].low] {
		i++
	}
	verb := i < b && locatingVerbs[toks[i].low]
	if verb {
		i++
		if i < b && (toks[i].low == "both" || toks[i].low == "all") {
			i++
		}
	}
	// "api in prod" says one name's place; "api and web in prod" may be a
	// list of a rule.
	if !verb && len(names) > 1 {
		return locating{}, false
	}
	ns, end, ok := locatingPlace(toks, i, b)
	if !ok || end != b {
		return locating{}, false
	}
	// "3-tier app in namespace shop: ...", "Tested in integration.": a
	// heading, or words of a story, name no pods of the rule; "api in
	// prod" says again a name the rule has.
	if b < len(toks) && toks[b].low == ":" || (!verb || reason) && !namedElsewhere(toks, names[0].low, a, b) {
		return locating{}, false
	}
	return locating{names: names, ns: ns, from: a, to: b}, true
}

// locatingAfterVerdict reads the end of toks[a:b] after a verdict ("...
// allow from the api pods in namespace prod") as a locating clause when
// the request labels its name elsewhere.
func locatingAfterVerdict(toks []token, a, b int) (locating, bool) {
	for v := a + 1; v+2 < b; v++ {
		if !allowWords[toks[v].low] && !denyWords[toks[v].low] || toks[v+1].low != "from" && toks[v+1].low != "to" {
			continue
		}
		i := v + 2
		if toks[i].low == "the" {
			i++
		}
		if i >= b || toks[i].kind != tWord || !locatedName(toks[i]) {
			return locating{}, false
		}
		name := toks[i]
		i++
		if i < b && podNouns[toks[i].low] {
			i++
		}
		ns, end, ok := locatingPlace(toks, i, b)
		if !ok || end != b || !labeledElsewhere(toks, name.low, v+1, b) {
			return locating{}, false
		}
		return locating{names: []token{name}, ns: ns, from: v + 1, to: b, peer: true}, true
	}
	return locating{}, false
}

// locatingPlace reads "in [the] [namespace] N [namespace]" from toks[i];
// "in the N" needs a namespace word.
func locatingPlace(toks []token, i, b int) (token, int, bool) {
	if i >= b || toks[i].low != "in" {
		return token{}, 0, false
	}
	i++
	the := i < b && toks[i].low == "the"
	if the {
		i++
	}
	nsWord := i < b && namespaceWords[toks[i].low]
	if nsWord {
		i++
	}
	// "web in the same namespace", "web in my namespace": a namespace said
	// by what it is to someone, not by its name (finder 6: they became
	// namespaces "same" and "my").
	// "web in English", "api in HostNetwork", "api in TLS", "api in AWS",
	// "api in Prod": a namespace's name is written in lower case, so a
	// word with a capital names a language, a network, a protocol or a
	// cloud, or a namespace lower-casing would change (finder 10: they
	// became namespaces "english", "hostnetwork", "tls", "aws", "prod");
	// the clause then asks (unclearLocating).
	if i >= b || toks[i].kind != tWord || toks[i].raw != toks[i].low || notNamespaces[toks[i].low] || notLocatedPlaces[toks[i].low] || namespaceWords[toks[i].low] || determiners[toks[i].low] || relativeNamespaceWords[toks[i].low] || !dnsLabel(toks[i].low) {
		return token{}, 0, false
	}
	ns := toks[i]
	i++
	if !nsWord && i < b && namespaceWords[toks[i].low] {
		nsWord = true
		i++
	}
	if the && !nsWord {
		return token{}, 0, false
	}
	return ns, i, true
}

// locatedName is a word that can name pods in a locating clause.
func locatedName(t token) bool {
	return !notLocatedNames[t.low] && !determiners[t.low] && !podNouns[t.low] && !namespaceWords[t.low] && !fillerWords[t.low] &&
		!allowWords[t.low] && !denyWords[t.low] && dnsLabel(t.low)
}

// dnsLabel is a word Kubernetes accepts as a name.
func dnsLabel(s string) bool {
	if s == "" || len(s) > 63 || s[0] == '-' || s[len(s)-1] == '-' {
		return false
	}
	return !strings.ContainsFunc(s, func(r rune) bool { return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-') })
}

// labeledElsewhere says whether a label with the value name stands in the
// request outside toks[a:b].
func labeledElsewhere(toks []token, name string, a, b int) bool {
	for i, t := range toks {
		if (i < a || i >= b) && t.kind == tLabel {
			if _, v, ok := strings.Cut(t.low, "="); ok && v == name {
				return true
			}
		}
	}
	return false
}

// namedElsewhere says whether the request names name outside toks[a:b],
// as a word or a label's value.
func namedElsewhere(toks []token, name string, a, b int) bool {
	for i, t := range toks {
		if (i < a || i >= b) && t.kind == tWord && t.low == name {
			return true
		}
	}
	return labeledElsewhere(toks, name, a, b)
}

// withoutLocating blanks the locating clauses out of the request, keeping
// every other byte where it was.
func withoutLocating(request string, toks []token, found []locating) string {
	b := []byte(request)
	for _, l := range found {
		for i := toks[l.from].start; i < toks[l.to-1].end; i++ {
			b[i] = ' '
		}
	}
	return string(b)
}

// understandLocated reads the request without its locating clauses, then
// puts each name located in its namespace.
func understandLocated(request string, toks []token, found []locating, opts generator.Options) (*generator.Intent, error) {
	in, err := understand(withoutLocating(request, toks, found), opts)
	if nu, ok := err.(*generator.NotUnderstoodError); ok {
		nu.Request = request
	}
	if err != nil {
		return in, err
	}
	all := append([]*generator.Intent{in}, in.Others...)
	for _, x := range all {
		x.Request = request
	}
	for _, l := range found {
		for _, name := range l.names {
			if err := locate(request, in, all, l, name); err != nil {
				return nil, err
			}
		}
	}
	return in, nil
}

// namesPods says whether pods selected by sel and named n are those a
// locating clause names.
func namesPods(name string, sel map[string]string, n string) bool {
	return n == name || sel["app"] == name || sel["app.kubernetes.io/name"] == name
}

// locate puts the pods one name of a locating clause names in its
// namespace: the subject's namespace is replaced (its peers of the same
// namespace go with it), or the peer's. It asks when the name names no
// pods of the request, both the subject and a peer, a subject a clause
// after the verdict cannot mean, or pods the request put in another
// namespace.
func locate(request string, in *generator.Intent, all []*generator.Intent, l locating, name token) error {
	ns := l.ns.low
	ask := func(missing string) error {
		return &generator.NotUnderstoodError{Request: request, Understood: in.Summary(), Example: generator.ExampleNetwork, Missing: missing}
	}
	place := request[l.ns.start:l.ns.end]
	origin := func(field string) generator.Origin {
		return generator.Origin{Field: field, From: generator.FromRequest, Start: l.ns.start, End: l.ns.end, Text: place, Rule: "located-by-clause"}
	}
	type peerAt struct {
		x    *generator.Intent
		r, j int
	}
	var subjects []*generator.Intent
	var peers []peerAt
	for _, x := range all {
		if x.Subject.Pods != nil && namesPods(name.low, x.Subject.Pods.MatchLabels, x.Subject.Name) || x.Subject.Pods == nil && x.Subject.Name == name.low {
			subjects = append(subjects, x)
		}
		for r, rule := range x.Network {
			for j, p := range rule.Peers {
				if p.Pods != nil && namesPods(name.low, p.Pods.MatchLabels, p.Name) {
					peers = append(peers, peerAt{x, r, j})
				}
			}
		}
	}
	switch {
	case len(subjects) == 0 && len(peers) == 0:
		return ask(fmt.Sprintf("which pods are %q, said to be in namespace %s? The rule names no pods %s; say the labels of the pods and their namespace in the rule (\"pods labeled app=%s in namespace %s\")", name.raw, ns, name.raw, name.low, ns))
	case len(subjects) > 0 && len(peers) > 0:
		return ask(fmt.Sprintf("are the %s pods in namespace %s the pods the policy is for, or those they talk to? Both are named %s; say the namespace of each in the rule", name.raw, ns, name.raw))
	case len(subjects) > 0 && l.peer:
		return ask(fmt.Sprintf("%q names the pods the policy is for as those they talk to: which namespace is each in? Say it in the rule (\"pods labeled app=%s in namespace %s\")", request[name.start:l.ns.end], name.low, ns))
	}
	for _, x := range subjects {
		if x.Subject.Scope != generator.ScopePods {
			return ask(fmt.Sprintf("the policy is for %s in every namespace; should it only be for namespace %s? Say it in the rule", name.raw, ns))
		}
		if x.Subject.Namespace == ns {
			continue
		}
		if slices.ContainsFunc(x.Origins, func(o generator.Origin) bool {
			return o.Field == "subject.namespace" && o.From != generator.FromDefault
		}) {
			return ask(fmt.Sprintf("which namespace are the %s pods in: %s or %s? The request says both", name.raw, x.Subject.Namespace, ns))
		}
		x.Subject.Namespace = ns
		x.Origins = slices.DeleteFunc(x.Origins, func(o generator.Origin) bool { return o.Field == "subject.namespace" })
		x.Origins = append(x.Origins, origin("subject.namespace"))
	}
	for _, p := range peers {
		peer := &p.x.Network[p.r].Peers[p.j]
		if peer.Namespace == ns {
			continue
		}
		if peer.Namespace != "" || peer.Namespaces != nil {
			return ask(fmt.Sprintf("which namespace are the %s pods in? The rule puts them in %s, and %q in namespace %s", name.raw, peerPlace(*peer), request[name.start:l.ns.end], ns))
		}
		peer.Namespace = ns
		p.x.Origins = append(p.x.Origins, origin(fmt.Sprintf("network[%d].peers[%d].namespace", p.r, p.j)))
	}
	return nil
}

// peerPlace says where a peer's pods are.
func peerPlace(p generator.Peer) string {
	if p.Namespace != "" {
		return "namespace " + p.Namespace
	}
	return "the namespaces labeled " + labelsText(p.Namespaces.MatchLabels)
}

// unclear is a stretch toks[a:b] shaped like a locating clause that
// locates nothing, and the question it asks.
type unclear struct {
	a, b     int
	question string
	both     bool // "..., both in prod": only a rule with two sides can mean it
	notPlace bool // the word after "in" is a number or a notLocatedPlaces word
	sides    bool // "..., api in all namespaces": only a rule with two sides is unclear
}

// unclearLocating finds a stretch after the rule that has the shape of a
// locating clause ("[the] X [pods] [is|lives] in ...") about pods the
// request names, but that no locating clause reads: what follows "in" is
// no namespace name ("web in 443", "web in port 9090", "web in the host
// network", "web in any", "web is in python"), or goes on past the name
// ("web in prod as well"), or X is only the first label of an address
// ("allow ... to reach api.example.com on 443, api in prod"), or X is
// "both" ("block ... in web pods, both in prod"). Left to the other
// rules, such clauses made a namespace, a port or a peer of their words,
// moved the other side or were dropped (finder 6). A namespace said by
// its relation ("web in my namespace", "in the same namespace") is left
// to the rules that ask about it.
func unclearLocating(request string, toks []token) (unclear, bool) {
	found := locatingClauses(toks)
	start := 0
	for b := 0; b <= len(toks); b++ {
		if b < len(toks) && !(toks[b].kind == tPunct && locatingSeparators[toks[b].low]) {
			continue
		}
		a := start
		start = b + 1
		if a == 0 || a >= b || slices.ContainsFunc(found, func(l locating) bool { return l.from < b && l.to > a }) {
			continue
		}
		i := a
		for i < b && locatingLeads[toks[i].low] {
			i++
		}
		if i < b && toks[i].low == "the" {
			i++
		}
		if i >= b || toks[i].kind != tWord || !locatedName(toks[i]) && toks[i].low != "both" {
			continue
		}
		name := toks[i]
		i++
		if i < b && podNouns[toks[i].low] {
			i++
		}
		if i < b && locatingVerbs[toks[i].low] {
			i++
			if i < b && (toks[i].low == "both" || toks[i].low == "all") {
				i++
			}
		}
		// "allow app=web to reach app=api on 8080, api in all namespaces":
		// every namespace is said of one side only; read as a cluster-wide
		// policy, the other side was taken from any namespace too (finder
		// 10, S15), where it may mean the pods beside each api.
		if i+3 == b && toks[i].low == "in" && (toks[i+1].low == "all" || toks[i+1].low == "every" || toks[i+1].low == "any") && namespaceWords[toks[i+2].low] && namedElsewhere(toks, name.low, a, b) {
			clause := request[toks[a].start:toks[b-1].end]
			return unclear{a, b, fmt.Sprintf("which namespaces are the pods on the other side of the rule in? %q says every namespace of the %s pods only: say it of both (\"in every namespace, allow ...\") or name the other side's namespace", clause, name.raw), false, false, true}, true
		}
		// "... from payment (service=payment) and dispatch
		// (service=dispatch), both in namespace shop": "both" is the two
		// peers; read as the place of every pod named, the namespace went
		// to the subject too (finder 12, S18). Asked where the rule has
		// two sides, and only after peers of the same sentence ("from",
		// "to"): "sonarr is X and prowlarr is Y, both in the media
		// namespace" says where both sides are.
		s := a - 1
		for s > 0 && !(toks[s-1].kind == tPunct && (toks[s-1].low == "." || toks[s-1].low == ";" || toks[s-1].low == "\n")) {
			s--
		}
		if name.low == "both" && i+2 < b && toks[i].low == "in" && slices.ContainsFunc(toks[i+1:b], func(t token) bool { return namespaceWords[t.low] }) &&
			slices.ContainsFunc(toks[max(s, 0):a], func(t token) bool { return t.low == "from" || t.low == "to" }) {
			clause := request[toks[a].start:toks[b-1].end]
			return unclear{a, b, fmt.Sprintf("which pods does %q put in a namespace: the peers named before it, or the pods the policy is for too? Say the namespace of each in the rule (\"from the pods labeled app=web in namespace prod\")", clause), false, false, true}, true
		}
		if i+1 >= b || toks[i].low != "in" || slices.ContainsFunc(toks[i+1:b], func(t token) bool {
			return namespaceWords[t.low] || relativeNamespaceWords[t.low]
		}) {
			continue
		}
		clause := request[toks[a].start:toks[b-1].end]
		w := i + 1
		if toks[w].low == "the" && w+1 < b {
			w++
		}
		notPlace := toks[w].kind == tNumber || notLocatedPlaces[toks[w].low]
		switch {
		case name.low == "both":
			return unclear{a, b, fmt.Sprintf("which pods does %q put in a namespace? The rule has no two sides; say the namespace in the rule (\"pods labeled app=web in namespace prod\")", clause), true, false, false}, true
		case namedElsewhere(toks, name.low, a, b):
			return unclear{a, b, fmt.Sprintf("where are the %s pods? In %q the words after \"in\" are no namespace name the engine can read; say the namespace in the rule (\"pods labeled app=%s in namespace prod\")", name.raw, clause, name.low), false, notPlace, false}, true
		case addressLabelElsewhere(toks, name.low, a, b) != "":
			return unclear{a, b, fmt.Sprintf("which pods are %q in %q? The request names no pods %s, only the address %s; say the namespace in the rule (\"pods labeled app=web in namespace prod\")", name.raw, clause, name.raw, addressLabelElsewhere(toks, name.low, a, b)), false, false, false}, true
		}
	}
	return unclear{}, false
}

// addressLabelElsewhere returns an address outside toks[a:b] whose first
// label is name ("api" in api.example.com), or "".
func addressLabelElsewhere(toks []token, name string, a, b int) string {
	for i, t := range toks {
		if (i < a || i >= b) && t.kind == tDomain && strings.HasPrefix(t.low, name+".") {
			return t.raw
		}
	}
	return ""
}

// hasPeers says whether a rule of the policies names pods or addresses
// on the other side.
func hasPeers(in *generator.Intent) bool {
	for _, x := range append([]*generator.Intent{in}, in.Others...) {
		for _, r := range x.Network {
			if len(r.Peers) > 0 {
				return true
			}
		}
	}
	return false
}

// askUnclearLocating asks the question of an unclear locating clause,
// with what the rest of the request says; when the rest asks a question
// of its own, that one is asked.
func askUnclearLocating(request string, toks []token, u unclear, opts generator.Options) (*generator.Intent, error) {
	blank := []byte(request)
	for i := toks[u.a].start; i < toks[u.b-1].end; i++ {
		blank[i] = ' '
	}
	in, err := understand(string(blank), opts)
	if nu, ok := err.(*generator.NotUnderstoodError); ok {
		nu.Request = request
	}
	if err != nil {
		return in, err
	}
	return nil, &generator.NotUnderstoodError{Request: request, Understood: in.Summary(), Example: generator.ExampleFor(in), Missing: u.question}
}
