package builtin

import (
	"fmt"
	"slices"
	"strings"

	"github.com/kunerva/kunerva/generator"
)

// forRoles reads one set of pods after "for" with every other group after
// "from" (ingress) or every other after "to" (egress); ok is false for any
// other mix, which says no direction.
func (p *parser) forRoles(groups []*group, dm *mark) (roles, bool) {
	var subject *group
	var from, to, listed []*group
	for _, g := range groups {
		switch {
		case g.prep == "for" && subject == nil && g.inCluster():
			subject = g
		case g.prep == "" && subject != nil:
			listed = append(listed, g)
		case g.prep == "from":
			from = append(from, g)
		case g.prep == "to" || g.prep == "towards" || g.prep == "toward":
			to = append(to, g)
		default:
			return roles{}, false
		}
	}
	// "allow port 5432 from some pods in various namespaces: pods labeled
	// role=api ..., or any pod at all in the reporting namespace": the
	// list after the colon names the peers said in general words.
	if len(listed) > 0 && len(from)+len(to) == 1 {
		peers := &from
		if len(to) == 1 {
			peers = &to
		}
		if c := p.generalPeersListed((*peers)[0], listed); c > 0 {
			p.take((*peers)[0].eps[len((*peers)[0].eps)-1].end, c+1, "general-peers-listed")
			prep := (*peers)[0].prep
			*peers = nil
			for _, g := range listed {
				g.prep = prep
				*peers = append(*peers, g)
			}
			listed = nil
		}
	}
	switch {
	case subject == nil:
		return roles{}, false
	case len(from) == 0 && len(to) == 0:
		return p.peerNounRoles(subject, listed)
	case len(listed) > 0:
		return roles{}, false // pods with no preposition beside the peers: no direction said for them
	case len(from) > 0 && len(to) == 0:
		if d, _, ok := p.peerNounBefore(subject); ok && d != generator.Ingress {
			return roles{}, false // "destinations for X: from Y"
		}
		k := from[0].eps[0].start - 1
		for k > 0 && !p.is(k, "from") {
			k--
		}
		return roles{subject: subject, peers: from, dirs: []generator.Direction{generator.Ingress}, dirMark: p.take(k, k+1, "from-peers")}, true
	case len(to) > 0 && len(from) == 0:
		if d, _, ok := p.peerNounBefore(subject); ok && d != generator.Egress {
			return roles{}, false // "sources for X: to Y"
		}
		k := to[0].eps[0].start - 1
		for k > 0 && !p.is(k, "to", "towards", "toward") {
			k--
		}
		return roles{subject: subject, peers: to, dirs: []generator.Direction{generator.Egress}, dirMark: p.take(k, k+1, "to-peers")}, true
	}
	return roles{}, false
}

// generalPeersListed returns the index of the colon when the peers g names only in general
// words ("some pods in various namespaces", "certain namespaces") are
// named by the list after the colon that ends g: each mention of listed
// stands after it, the first right after the colon, the others after the
// one before with only a comma, "and", "or" between. g names no value of
// its own (a label, an address, a name of the tree), so nothing of it is
// lost when the list takes its place. Example: "For the gcloud-sqlproxy
// pods (...) I'd like to allow port 5432 from some pods in various
// namespaces: pods labeled role=api in namespaces labeled team=billing, or
// any pod at all in the reporting namespace". It returns 0 otherwise.
func (p *parser) generalPeersListed(g *group, listed []*group) int {
	start, end := g.eps[0].start, g.eps[len(g.eps)-1].end
	// "some pods in various namespaces:": where the general peers are,
	// in general words too, may stand between them and the colon.
	for end < len(p.toks) && end < g.eps[len(g.eps)-1].end+4 && !p.is(end, ":") && (prepositions[p.word(end)] || generalPeerWords[p.word(end)] || namespaceWords[p.word(end)]) {
		end++
	}
	if !p.is(end, ":") || listed[0].eps[0].start != end+1 {
		return 0
	}
	general := false
	for k := start; k < end; k++ {
		t := p.toks[k]
		if t.kind != tWord || p.treeHasWorkload(t.low) || p.treeNamespace(t.low) {
			return 0
		}
		general = general || generalPeerWords[t.low]
	}
	if !general {
		return 0
	}
	for n := 1; n < len(listed); n++ {
		for k := listed[n-1].eps[len(listed[n-1].eps)-1].end; k < listed[n].eps[0].start; k++ {
			if !p.is(k, ",", "and", "or") {
				return 0
			}
		}
	}
	return end
}

// generalPeerWords say that peers are some, not which: "some pods",
// "certain namespaces", "pods in various namespaces".
var generalPeerWords = set("some", "certain", "specific", "particular", "selected", "various", "several", "following")

// peerNounWays name the peers of one direction: what the pods send to, or
// what sends to them.
var peerNounWays = map[string]generator.Direction{
	"destination": generator.Egress, "destinations": generator.Egress, "target": generator.Egress, "targets": generator.Egress,
	"source": generator.Ingress, "sources": generator.Ingress, "client": generator.Ingress, "clients": generator.Ingress, "caller": generator.Ingress, "callers": generator.Ingress,
}

// peerNounRoles reads "allow specific destinations for the backend (...):
// DNS, 10.0.0.0/8 and 203.0.113.0/24 on 443", "allowed sources for the
// app=db pods: the app=api pods": a noun of peers right before "for" and
// the pods, and after a colon right after the pods, the list of those
// peers. The noun says the way; a clause with nouns of both ways says none.
func (p *parser) peerNounRoles(subject *group, listed []*group) (roles, bool) {
	dir, k, ok := p.peerNounBefore(subject)
	// The pods' namespace may close their bracket before the colon:
	// "the backend (label app=backend, namespace production):".
	colon := subject.eps[len(subject.eps)-1].end
	for colon < len(p.toks) && colon < subject.eps[len(subject.eps)-1].end+4 && (p.is(colon, ")", ",") || p.claim[colon] == "namespace") {
		colon++
	}
	if !ok || !p.is(colon, ":") || len(listed) == 0 {
		return roles{}, false
	}
	for n, t := range p.toks {
		if d, ok := peerNounWays[t.low]; ok && d != dir && !p.taken(n) || ingressWords[t.low] || egressWords[t.low] {
			return roles{}, false
		}
	}
	for _, g := range listed {
		if g.eps[0].start < colon {
			return roles{}, false
		}
	}
	return roles{subject: subject, peers: listed, dirs: []generator.Direction{dir}, dirMark: p.take(k-1, k, "peer-noun")}, true
}

// peerNounBefore finds a noun of peers right before "for" and the pods
// ("destinations for the backend") and returns its direction and the
// index of "for".
func (p *parser) peerNounBefore(subject *group) (generator.Direction, int, bool) {
	k := subject.eps[0].start - 1
	for k > 0 && determiners[p.word(k)] {
		k--
	}
	dir, ok := peerNounWays[p.word(k-1)]
	return dir, k, ok && p.is(k, "for") && !p.taken(k-1)
}

// letInto reports whether g follows "let it into", "allow them into": the
// pods another clause named, by a pronoun, are let into g. Only pods named
// by labels in one namespace can be a peer.
func (p *parser) letInto(g *group) bool {
	k := g.eps[0].start
	return len(g.eps) == 1 && g.prep == "into" && p.is(k-1, "into") && p.is(k-2, "it", "them") && p.is(k-3, "let", "allow", "permit") &&
		p.fallback.Scope == generator.ScopePods && p.fallback.Pods != nil && len(p.fallback.Pods.MatchLabels)+len(p.fallback.Pods.MatchExpressions) > 0 && p.fallback.Namespace != ""
}

// unresolvedBefore is the first word before i that could name pods but was
// not read as any, or "". Words before "which", "who" or "what" and pod
// nouns are not the caller's: "This network policy places restrictions on
// which pods can communicate to the hello-server" says nothing of who
// calls.
func (p *parser) unresolvedBefore(i int) string {
	from := 0
	for k := i - 1; k > 0; k-- {
		if p.is(k-1, "which", "what", "whichever") && podNouns[p.word(k)] {
			from = k + 1
			break
		}
	}
	for k := from; k < i; k++ {
		if t := p.tok(k); t != nil && t.kind == tWord && (p.nameWord(k) || p.looseName(k)) && !frameWords[t.low] && !actionVerbs[t.low] {
			return t.raw
		}
	}
	return ""
}

func (p *parser) onlyBetween(from, to int) bool {
	for k := from; k < to; k++ {
		if p.is(k, "only", "just", "solely", "exclusively") {
			p.take(k, k+1, "only")
			return true
		}
	}
	return false
}

// nowhereElse reports whether the rest an allow-list leaves, said after
// the places reached (at i), is places: "X may reach Y on 5432 and nothing
// else", "..., nowhere else". Where X goes is what is limited, as in "X may
// only reach Y"; "nobody else" would be about who reaches Y.
func (p *parser) nowhereElse(i int) bool {
	m := p.restMark
	return m != nil && m.start > i && slices.ContainsFunc(p.toks[m.start:m.end], func(t token) bool { return t.low == "nothing" || t.low == "nowhere" })
}

// joined reports whether an "and", "or", "plus" or comma stands between
// each group and the next.
func (p *parser) joined(gs []*group) bool {
	for n := 1; n < len(gs); n++ {
		if !p.hasJoiner(gs[n-1].eps[len(gs[n-1].eps)-1].end, gs[n].eps[0].start) {
			return false
		}
	}
	return true
}

// onlyBefore reports whether "only" or a word like it stands before i:
// "only X may reach Y" limits who reaches Y, not where X goes.
func (p *parser) onlyBefore(i int) bool {
	for k := 0; k < i; k++ {
		if p.is(k, "only", "just", "solely", "exclusively") {
			return true
		}
	}
	return false
}

func anyPeers(groups []*group) []*group {
	var out []*group
	for _, g := range groups {
		if !g.all(func(e *endpoint) bool { return e.kind == epAny }) {
			out = append(out, g)
		}
	}
	return out
}

func allGroups(gs []*group, f func(*group) bool) bool {
	for _, g := range gs {
		if !f(g) {
			return false
		}
	}
	return true
}

func textsOf(gs []*group) string {
	var parts []string
	for _, g := range gs {
		parts = append(parts, quote(g.text()))
	}
	return strings.Join(parts, ", ")
}

// trafficBefore reports whether words for traffic stand before i, as what
// does the reaching: "only requests with the header X should reach ...".
func (p *parser) trafficBefore(i int) bool {
	for k := 0; k < i; k++ {
		if p.is(k, "traffic", "requests", "request", "connections", "connection", "packets", "calls", "flows") {
			return true
		}
	}
	return false
}

// prepAgainst reports whether pods named after prep go against direction
// dir: as the policy's pods (subject), "egress to X" and "ingress from X"
// name X as the other end; as its peers, "egress ... from X" and "ingress
// ... to X" name X as the pods themselves.
func prepAgainst(prep string, dir generator.Direction, subject bool) bool {
	towards := prep == "to" || prep == "into" || prep == "towards" || prep == "toward" || prep == "onto"
	if subject == (dir == generator.Egress) {
		return towards
	}
	return prep == "from"
}

// subjectPrep is how a request names the pods whose traffic goes in dir.
func subjectPrep(dir generator.Direction) string {
	if dir == generator.Egress {
		return "from"
	}
	return "to"
}

// pronounAllowed reports whether an allow word takes a pronoun as its
// object ("allow it", "permit them"): what it stands for is named in
// another clause, a file or a program as well as traffic.
func (p *parser) pronounAllowed() bool {
	for k := range p.toks {
		if allowWords[p.word(k)] && pronouns[p.word(k+1)] {
			return true
		}
	}
	return false
}

// passiveGet reports whether the "get" at k makes a passive of the deny
// word after it, and says no direction: "connections from app=test get
// dropped" (which isolated app=test's ingress), "requests got blocked".
func (p *parser) passiveGet(k int) bool {
	return p.is(k, "get", "gets", "got", "getting") && denyWords[p.word(k+1)] && strings.HasSuffix(p.word(k+1), "ed")
}

// fetchedFrom reports whether the group's "from" follows a verb of
// fetching, within a few words: "monitoring needs to scrape metrics from
// their pods", "the collector pulls logs from the app pods". The pods after
// "from" are where that traffic goes, not where it comes from.
func (p *parser) fetchedFrom(g *group) bool {
	if g.prep != "from" || len(g.eps) == 0 {
		return false
	}
	for k := g.eps[0].start - 1; k >= 0 && k >= g.eps[0].start-5 && (p.tok(k) == nil || p.toks[k].kind != tPunct); k-- {
		if fetchVerbs[p.word(k)] || p.is(k, "scraping", "collecting", "pulling", "fetching", "gathering", "polling", "reading", "retrieving", "downloading") {
			return true
		}
	}
	return false
}

// letsIn reports whether "let" at i, with "in" just after it or just after
// the peers it lets, says what the pods before it receive: "the app=db pods
// only let in pods labeled app=api", "the ingress pods also let any pod
// from the monitoring namespace in on 10254". "let X into Y" and "let X
// in namespace Y reach ..." say something else.
func (p *parser) letsIn(i int, groups []*group) bool {
	// "allow the backend (app=backend) in on port 3306": as "let", with
	// the pods let in the only ones named after the verb ("allow app=a in
	// on 80 and app=b out on 5432" is no rule of one way).
	if p.is(i, "allow", "allows", "permit", "permits") && (i > 0 || p.fallback != nil) {
		after := slices.DeleteFunc(slices.Clone(groups), func(g *group) bool { return g.eps[0].start <= i })
		if len(after) != 1 {
			return false
		}
		for _, g := range after {
			if g.eps[0].start == i+1 {
				e := g.eps[len(g.eps)-1].end
				return g.prep == "" && p.is(e, "in") && (e+1 == len(p.toks) || p.toks[e+1].kind == tPunct || p.is(e+1, "on", "over", "via", "through", "only", "too", "as", "and"))
			}
		}
		return false
	}
	if !p.is(i, "let", "lets") || i == 0 {
		return false
	}
	if p.is(i+1, "in") && !namespaceWords[p.word(i+2)] && !namespaceWords[p.word(i+3)] {
		return !slices.ContainsFunc(groups, func(g *group) bool { return g.prep == "to" || g.prep == "into" })
	}
	for _, g := range groups {
		if len(g.eps) > 0 && g.eps[0].start == i+1 {
			e := g.eps[len(g.eps)-1].end
			return p.is(e, "in") && (e+1 == len(p.toks) || p.toks[e+1].kind == tPunct || p.is(e+1, "on", "over", "via", "through", "only", "too", "as", "and"))
		}
	}
	return false
}

// pulledNouns are what pods fetch rather than take in as traffic: "get
// data from", "take its config from".
var pulledNouns = set("data", "files", "file", "images", "image", "config", "configs", "configuration", "updates", "update", "results", "result",
	"content", "secrets", "secret", "records", "info", "information", "metrics", "tokens", "token", "responses", "response", "answers", "artifacts",
	"packages", "reports", "jobs", "tasks", "work", "messages", "events", "objects", "backups", "keys", "certificates", "certs", "settings")

// pulledObject returns where the object of pulledNouns of the verb at i
// ("get", "take") ends, when "from" follows it: "get data from app=b",
// "gets its configuration from"; -1 when there is none. ("gets traffic
// from", "takes connections from" are traffic the pods receive.)
func (p *parser) pulledObject(i int) int {
	if !p.is(i, "get", "gets", "getting", "take", "takes", "taking", "fetch", "fetches") {
		return -1
	}
	k := i + 1
	for k < len(p.toks) && k < i+5 && (determiners[p.word(k)] || p.is(k, "its", "their", "his", "her", "our", "some", "new", "fresh", "latest") || p.toks[k].kind == tWord && !pulledNouns[p.word(k)] && !fillerWords[p.word(k)] && !meaningful(p.toks[k]) && !p.is(k, "from", "to")) {
		if pulledNouns[p.word(k)] {
			break
		}
		k++
	}
	if pulledNouns[p.word(k)] && p.is(k+1, "from") {
		return k
	}
	return -1
}

// gappedRoles reads a clause that leaves out the verb of the clause before
// ("gapping"): "app=api pods accept traffic only from app=web on 8080;
// app=db pods only from app=api on 5432", "the app=api pods may only send
// to app=db, and the app=worker pods only to app=queue". The pods named
// first are the subject, as in the clause before, and the traffic goes the
// same way; "only" or "just" before the preposition says the clause is the
// same kind of rule. A preposition against the way of the clause before
// ("X accepts traffic only from A; Y only to B"), or a verb that is no
// allow ("deny X from A, and Y only from B"), is asked about.
func (p *parser) gappedRoles(groups []*group) (roles, bool, error) {
	if p.prev == nil || len(p.prev.Network) == 0 || len(groups) < 2 || groups[0].prep != "" || !groups[0].inCluster() {
		return roles{}, false, nil
	}
	for k := 0; k < groups[0].eps[0].start; k++ {
		if !p.is(k, "and", ",", "also", "then") {
			return roles{}, false, nil
		}
	}
	k := groups[0].eps[len(groups[0].eps)-1].end
	n := k
	for p.is(n, "only", "just") {
		n++
	}
	prep := groups[1].prep
	if n == k || n+1 != groups[1].eps[0].start || (prep != "from" && prep != "to") {
		return roles{}, false, nil
	}
	for _, g := range groups[1:] {
		if g.prep != prep {
			return roles{}, false, nil
		}
	}
	d := p.prev.Network[0].Direction
	for _, rule := range p.prev.Network {
		// "deny traffic to X from A, and Y only from B": a deny's gap
		// would deny all but B, which "only" alone reads as an allow.
		if rule.Verdict != generator.Allow {
			return roles{}, true, p.refuse(fmt.Sprintf("what should %q do? It leaves out the verb of a rule that is no allow; say it in full (\"%s accept traffic only from ...\")", p.text(0, len(p.toks)), groups[0].text()), generator.ExampleNetwork)
		}
		if rule.Direction != d {
			return roles{}, true, p.refuse(fmt.Sprintf("which direction: %q leaves out the verb, and the rules before it go both ways; say whether %s receive this traffic (ingress) or send it (egress)", p.text(0, len(p.toks)), groups[0].text()), generator.ExampleNetwork)
		}
	}
	if (prep == "from") != (d == generator.Ingress) {
		return roles{}, true, p.refuse(fmt.Sprintf("which direction: %q leaves out the verb, but \"%s\" goes against the %s rule before it; say whether %s receive this traffic (ingress) or send it (egress)", p.text(0, len(p.toks)), prep, d, groups[0].text()), generator.ExampleNetwork)
	}
	p.take(k, n, "gapped-only")
	return roles{subject: groups[0], peers: groups[1:], dirs: []generator.Direction{d}, dirOrigin: p.prevOrigin("network[0].direction")}, true, nil
}
