package builtin

import (
	"regexp"
	"slices"
	"strings"
	"unicode"

	"github.com/kunerva/kunerva/generator"
)

// A leftover frame dismisses a meaning-bearing word that no rule read
// where the words around it show it carries no policy meaning: it numbers
// a step, names a section, is a set phrase, or describes a value the rules
// read in full. account tries the frames, in this order, on a meaningful
// word left over before it asks what the word means; a frame returns the
// end of the words it dismisses (after i), or -1. Each frame names the
// neighbour that must still ask.
var leftoverFrames = []struct {
	rule  string
	match func(p *parser, i int, in *generator.Intent) int
}{
	{"series-number", (*parser).seriesNumberLeft},
	{"section-code", (*parser).sectionCode},
	{"heading-topic", (*parser).headingTopic},
	{"for-the-record", (*parser).forTheRecord},
	{"connector", (*parser).otherHand},
	{"traffic-word", (*parser).trafficObject},
	{"same-pods", (*parser).theSamePods},
	{"labels-follow", (*parser).anythingLabeled},
	{"default-deny", (*parser).nothingPasses},
	{"how-things-are", (*parser).nothingSince},
	{"contrast", (*parser).butTheRest},
	{"allow-list", (*parser).nothingBut},
	{"names-the-value", (*parser).portNamesBracket},
	{"names-the-value", (*parser).portNamesAfterComma},
	{"describes-noun", (*parser).describingAuditWord},
	{"policy-kind", (*parser).butAsPolicyKind},
	{"said-again", (*parser).readAccessSaidAgain},
	{"said-again", (*parser).readsKeepWorking},
	{"said-again", (*parser).networkProtocolsNamed},
	{"form-remark", (*parser).fieldRemark},
	{"default-deny", (*parser).namespaceLocked},
	{"the-network", (*parser).networkCapabilities},
	{"detect-and-block", (*parser).detectAndBlock},
	{"describes-namespace", (*parser).ownInAReason},
}

// leftoverFrame claims the words of the first frame that matches the
// meaningful word left over at i, and reports whether one did.
func (p *parser) leftoverFrame(i int, in *generator.Intent) bool {
	for _, f := range leftoverFrames {
		if j := f.match(p, i, in); j > i {
			for k := i; k < j; k++ {
				if !p.taken(k) {
					p.take(k, k+1, f.rule)
				}
			}
			return true
		}
	}
	return false
}

// seriesNumberLeft reads the number of a part of a series inside a
// clause: "0-4h containment, step 3 (freeze risky Kubernetes execution
// paths): block egress ...", "Step 1 scoped the cryptomining to namespace
// batch.": the series word just before it, after a topic of words with no
// verdict, direction or traffic (seriesTopicWord), and after it a bracket,
// a colon, a comma, a dash, the end, or a verb in the past that tells what
// the step did. A port is never under 100 here (seriesNumber). Still
// asks: "Allow case 2: ..." (a verdict in the topic), "Quiz question 9
// asks why ... should be scoped to ..." (a question reported, whose words
// may be read as rules).
func (p *parser) seriesNumberLeft(i int, _ *generator.Intent) int {
	t := p.toks[i]
	if t.kind != tNumber || !seriesNumber(t) || !seriesWords[p.word(i-1)] {
		return -1
	}
	for k := i - 2; k >= 0 && p.toks[k].kind != tPunct; k-- {
		if !seriesTopicWord(p.word(k)) || p.toks[k].kind != tWord {
			return -1
		}
	}
	if i+1 == len(p.toks) || p.is(i+1, "(", ":", ",", "-", "–", "—", ".") ||
		p.toks[i+1].kind == tWord && strings.HasSuffix(p.word(i+1), "ed") && !denyWords[p.word(i+1)] && !allowWords[p.word(i+1)] && !auditWords[p.word(i+1)] && !isolateWords[p.word(i+1)] {
		return i + 1
	}
	return -1
}

// sectionCodeRE is the number of a section or a control of a standard:
// "7.3.1", "CC6.7", "A.12.4".
var sectionCodeRE = regexp.MustCompile(`^[a-z]{0,4}\.?[0-9]+(\.[0-9]+)+$`)

// sectionCode reads the number of a section or a control that opens the
// clause, before the bracket, colon or dash of its heading: "CC6.7
// (restrict information in transit): the exporter pods ... may send data
// only to 192.0.2.10/32 on TCP 443", or, with two dots or more, before
// the capitalised words of its title: "7.3.1 Default Deny Ingress. Every
// tenant namespace MUST have ...". Still asks: a dotted word anywhere
// else ("update-rc.d", "example.com" in words no rule read), "7.3 the
// app=web pods ..." (one dot, no heading mark).
func (p *parser) sectionCode(i int, _ *generator.Intent) int {
	if i != 0 || !sectionCodeRE.MatchString(p.word(i)) {
		return -1
	}
	titled := strings.Count(p.word(i), ".") >= 2 && i+1 < len(p.toks) && p.toks[i+1].kind == tWord && p.toks[i+1].raw != "" && unicode.IsUpper([]rune(p.toks[i+1].raw)[0])
	if !p.is(i+1, "(", ":", "-", "–", "—") && !titled {
		return -1
	}
	return i + 1
}

// forTheRecord reads the set phrase "for the record" that opens a clause
// ("For the record, what the repo-server ... is allowed now: github.com on
// TCP 443, plus DNS lookups."): "record" is no audit there. Still asks:
// "keep a record of every exec" (an audit asked).
func (p *parser) forTheRecord(i int, _ *generator.Intent) int {
	if p.is(i, "record") && p.is(i-1, "the") && p.is(i-2, "for") && (i == 2 || p.toks[i-3].kind == tPunct) && p.is(i+1, ",", ":") {
		return i + 1
	}
	return -1
}

// trafficObject reads "anything" or "everything" that is all the traffic
// of the verb before it, to or from a peer the rules read, or the peer
// itself said by the address after it: "must not send anything to the
// world", "may reach the postgres pods on 5432 and anything on 0.0.0.0/0
// on 443". Still asks: "anything" before a port alone ("and anything on
// 443": which peers?), or with no peer read after it.
func (p *parser) trafficObject(i int, in *generator.Intent) int {
	if !p.is(i, "anything", "everything") || len(in.Network) == 0 {
		return -1
	}
	peer := func(k int) bool {
		for determiners[p.word(k)] && p.taken(k) {
			k++
		}
		return p.taken(k) && (p.claim[k] == "endpoint" || p.claim[k] == "entity" || p.claim[k] == "labels" || p.claim[k] == "cidr" || p.claim[k] == "dns-name")
	}
	// "send anything to the world", "receive anything from app=lb"
	if p.claim[max(i-1, 0)] == "direction-verb" && p.is(i-1, "send", "sends", "receive", "receives", "accept", "accepts") && p.is(i+1, "to", "from") && peer(i+2) {
		return i + 2
	}
	// "the app=web pods accept anything on port 80": all the traffic on
	// the port, from any peer, as the rule with no peer reads it.
	if p.is(i-1, "accept", "accepts", "receive", "receives", "take", "takes", "allow", "allows") && p.taken(i-1) && p.is(i+1, "on", "over") && (p.claim[min(i+2, len(p.toks)-1)] == "port" || p.is(i+2, "port", "ports") && p.claim[min(i+3, len(p.toks)-1)] == "port") &&
		!slices.ContainsFunc(in.Network, func(r generator.NetworkRule) bool { return len(r.Peers) > 0 }) {
		return i + 1
	}
	// "can reach anything on the internet on 443", "anything in the
	// cluster": the entity after it is the peer.
	if p.is(i+1, "on", "in", "inside", "within") && p.is(i+2, "the") && p.claim[min(i+3, len(p.toks)-1)] == "entity" {
		return i + 1
	}
	// "and anything on 0.0.0.0/0 on 443"
	if p.is(i-1, "and", ",") && p.is(i+1, "on", "in", "at", "within") && p.tok(i+2) == nil && i+2 < len(p.toks) && p.toks[i+2].kind == tCIDR {
		return i + 2
	}
	return -1
}

// portNamesBracket reads a bracket after a list or range of ports that
// names them and ends with "ports": "on ports 6446 through 6449
// (read-write, read-only and the two X Protocol ports)". Still asks:
// "on 8080 (read-only)" (GET alone?), a bracket with a value, a negation,
// an exception or "only" in it.
func (p *parser) portNamesBracket(i int, _ *generator.Intent) int {
	b := i - 1
	for b >= 0 && !p.is(b, "(", ")") {
		b--
	}
	if b < 1 || !p.is(b, "(") || p.claim[b-1] != "port" && p.claim[b-1] != "port-range" {
		return -1
	}
	for k := b + 1; k < len(p.toks) && k < b+16; k++ {
		w := p.word(k)
		switch {
		case w == ")":
			if p.is(k-1, "ports") {
				return k + 1
			}
			return -1
		case p.toks[k].kind != tWord && p.toks[k].kind != tPunct, w == "not", w == "only", w == "except", w == "no", w == "but", negationWords[w], denyWords[w], allowWords[w] && w != "read-write":
			return -1
		}
	}
	return -1
}

// describingAuditWord reads, in a network request, an audit word between
// a determiner and a noun, which describes what the noun is: "from the
// monitoring namespace (promtail, grafana, the log collectors and
// queriers)", "Containment for the alerting container: block the
// legacy-php pods ...". A network policy audits nothing, and the word
// does not say an audit there. Still asks: "log the traffic", "the logged
// connections" (traffic described by its audit), any audit word in a
// request for files or processes.
func (p *parser) describingAuditWord(i int, in *generator.Intent) int {
	if !auditWords[p.word(i)] || len(in.System) > 0 || len(in.Network) == 0 || !p.is(i-1, "the", "a", "an", "our", "their", "its") {
		return -1
	}
	n := p.tok(i + 1)
	if n == nil || n.kind != tWord || prepositions[n.low] || trafficNouns[n.low] || fileNouns[n.low] || meaningful(*n) || determiners[n.low] || coordinators[n.low] ||
		slices.Contains([]string{"requests", "request", "packets", "packet", "flows", "flow", "calls", "call", "events", "event"}, n.low) {
		return -1
	}
	// "except the reporting service on 5432": pods named by the word,
	// which no rule read; only in a heading before its colon ("for the
	// alerting container:") do the pods it describes stay the rule's.
	if podNouns[n.low] || n.low == "service" || n.low == "services" {
		if !p.is(i+2, ":") || slices.ContainsFunc(p.claim[:i], func(c string) bool { return c != "" && c != "filler" && c != "no-meaning" && c != "heading" }) {
			return -1
		}
	}
	return i + 1
}

// policyKindNames name the kinds of policy kunerva writes, as a request
// says them after "as a": "as a Cilium policy", "as a plain NetworkPolicy".
var policyKindNames = set("cilium", "ciliumnetworkpolicy", "cnp", "kubernetes", "k8s", "networkpolicy", "kubearmor", "kubearmorpolicy", "native", "plain", "standard", "vanilla", "network")

// butAsPolicyKind reads "but" that sets the kind of policy against an
// example's: "The role=db example from the workshop, but as a Cilium
// policy in namespace default: the db pods accept 6379 from ...". It sets
// no rule against another. Still asks: "but" before a rule ("..., but
// 9090 only from ...").
func (p *parser) butAsPolicyKind(i int, _ *generator.Intent) int {
	if !p.is(i, "but") || !p.is(i+1, "as") || !p.is(i+2, "a", "an") {
		return -1
	}
	k := i + 3
	for policyKindNames[p.word(k)] {
		k++
	}
	if k == i+3 || !policyNouns[p.word(k)] {
		return -1
	}
	return i + 1
}

// readAccessSaidAgain reads "read-only access" that ", i.e." says again as
// HTTP rules of reading alone: "the dashboard pods get read-only access,
// i.e. they may only do GET on /api/* against ...". Still asks:
// "read-only access to app=api on 8080" (no GET said: which requests?),
// or with a method that writes after the "i.e.".
func (p *parser) readAccessSaidAgain(i int, in *generator.Intent) int {
	if !p.is(i, "read-only", "readonly") || !p.is(i+1, "access") || !p.is(i+2, ",") || !p.is(i+3, "i.e.", "ie", "i.e") {
		return -1
	}
	reads := false
	for _, r := range in.Network {
		for _, h := range r.HTTP {
			if h.Method != "GET" && h.Method != "HEAD" {
				return -1
			}
			reads = true
		}
	}
	if !reads {
		return -1
	}
	return i + 1
}

// readsKeepWorking reads what a read-only rule leaves, said again after
// it: "make / and everything below it read-only: reads keep working, any
// write is blocked". Still asks: "reads are blocked too" (another verdict),
// or with no read-only rule read.
func (p *parser) readsKeepWorking(i int, in *generator.Intent) int {
	if !p.is(i, "reads", "reading", "read") || !p.is(i+1, "keep", "keeps", "stay", "stays", "remain", "remains", "still") ||
		!p.is(i+2, "working", "work", "works", "allowed", "fine", "ok", "open") ||
		!slices.ContainsFunc(in.System, func(r generator.SystemRule) bool { return r.ReadOnly }) {
		return -1
	}
	return i + 3
}

// networkProtocolsNamed reads the protocols that a dash after "the
// network" names, when they are all the protocols the rules give it:
// "only /usr/local/bin/worker may use the network - TCP and UDP". Still
// asks: "- TCP" alone, or "- TCP only" (fewer than the rules hold).
func (p *parser) networkProtocolsNamed(i int, in *generator.Intent) int {
	if !protocolWords[p.word(i)] || !p.is(i-1, "-", "–", "—", ":") || p.claim[max(i-2, 0)] != "the-network" {
		return -1
	}
	said := map[string]bool{}
	k := i
	for ; k < len(p.toks); k++ {
		switch {
		case protocolWords[p.word(k)]:
			said[p.word(k)] = true
		case p.is(k, "and", ",", "or", "+", "&"):
		default:
			return -1
		}
	}
	held := map[string]bool{}
	for _, r := range in.System {
		if r.Protocol != "" {
			held[strings.ToLower(r.Protocol)] = true
		}
	}
	if len(said) != len(held) {
		return -1
	}
	for w := range said {
		if !held[w] {
			return -1
		}
	}
	return k
}

// fieldPeers says which peers of a rule a Cilium or NetworkPolicy field
// selects, as a bracket names it.
var fieldPeers = map[string]func(generator.Peer) bool{
	"tocidr": func(x generator.Peer) bool { return x.CIDR != "" }, "fromcidr": func(x generator.Peer) bool { return x.CIDR != "" },
	"tocidrset": func(x generator.Peer) bool { return x.CIDR != "" }, "fromcidrset": func(x generator.Peer) bool { return x.CIDR != "" },
	"ipblock": func(x generator.Peer) bool { return x.CIDR != "" }, "tofqdns": func(x generator.Peer) bool { return x.FQDN != "" },
	"toentities": func(x generator.Peer) bool { return x.Entity != "" }, "fromentities": func(x generator.Peer) bool { return x.Entity != "" },
	"toendpoints": func(x generator.Peer) bool { return x.Pods != nil }, "fromendpoints": func(x generator.Peer) bool { return x.Pods != nil },
	"toservices": func(x generator.Peer) bool { return x.Service != "" },
}

// fieldRemark reads a bracket that names the field the rule uses rather
// than another, when a peer of the rules is of the kind that field
// selects: "(toCIDR instead of toFQDNs): ... can send traffic to the
// offsite target at 203.0.113.40 on 443". Still asks: "(toFQDNs instead
// of toCIDR)" beside a rule of an address (the field would change it).
func (p *parser) fieldRemark(i int, in *generator.Intent) int {
	if !p.is(i, "instead") || !p.is(i+1, "of") || !p.is(i-2, "(") || !p.is(i+3, ")") {
		return -1
	}
	used, other := fieldPeers[p.word(i-1)], fieldPeers[p.word(i+2)]
	if used == nil || other == nil || !slices.ContainsFunc(in.Network, func(r generator.NetworkRule) bool { return slices.ContainsFunc(r.Peers, used) }) {
		return -1
	}
	return i + 4
}

// namespaceLocked reads "the namespace" inside a lockdown of every pod of
// the one namespace the policy is for: "cv: lock the namespace down
// first. Default deny for every pod in cv, ...". Still asks: beside pods
// named by labels ("lock the namespace down; app=web may reach ..."), or
// beside a peer's namespace (which namespace is "the namespace"?).
func (p *parser) namespaceLocked(i int, in *generator.Intent) int {
	if !p.is(i, "namespace") || !p.is(i-1, "the", "this", "that") || p.claim[max(i-2, 0)] != "default-deny" || p.claim[min(i+1, len(p.toks)-1)] != "default-deny" ||
		in.Subject.Pods != nil || in.Subject.Namespace == "" || in.Subject.Scope != generator.ScopePods && in.Subject.Scope != "" {
		return -1
	}
	for _, r := range in.Network {
		for _, x := range r.Peers {
			if x.Namespace != "" || x.Namespaces != nil {
				return -1
			}
		}
	}
	return i + 1
}

// networkCapabilities reads "network capabilities" that the rules of
// sockets after it restrict: "Restrict network capabilities in namespace
// wisecow: block TCP from /bin/bash in the app=wisecow pods". Still asks:
// beside a rule of a capability ("net_raw"), or with no rule of a
// protocol.
func (p *parser) networkCapabilities(i int, in *generator.Intent) int {
	if !p.is(i, "capabilities") || !p.is(i-1, "network", "networking") || len(in.System) == 0 ||
		slices.ContainsFunc(in.System, func(r generator.SystemRule) bool { return r.Protocol == "" || r.Capability != "" }) {
		return -1
	}
	return i + 1
}

// detectAndBlock reads "detect" of "detect and prevent" (or block) in a
// request that asks for no audit and no allow elsewhere: a block is
// reported too, so detecting adds no rule.
// ("harden-file-integrity: detect and prevent compromise to file integrity
// in test-container ...: ... any write anywhere under them must be
// blocked"). Still asks: "detect" alone, or beside a rule that allows or
// audits.
func (p *parser) detectAndBlock(i int, in *generator.Intent) int {
	if !p.is(i, "detect") || !p.is(i+1, "and") || !p.is(i+2, "prevent", "block") || !p.taken(i+2) ||
		slices.ContainsFunc(in.System, func(r generator.SystemRule) bool { return r.Action != generator.ActionBlock }) ||
		slices.ContainsFunc(p.all, func(t token) bool {
			return auditWords[t.low] && t.start != p.toks[i].start || allowWords[t.low] && t.low != "may" && t.low != "can"
		}) {
		return -1
	}
	return i + 1
}

// ownInAReason reads "its own" or "their own" in a reason after a comma
// ("..., since Prometheus scrapes it from its own monitoring namespace"):
// whose namespace it is, in words that make no rule. Still asks: "each
// participant can only call its own APIs" (a rule: whose APIs are they?).
func (p *parser) ownInAReason(i int, _ *generator.Intent) int {
	if !p.is(i, "own") || !p.is(i-1, "its", "their") {
		return -1
	}
	for k := i - 2; k > 0; k-- {
		if p.is(k, "since", "because", "as") && p.is(k-1, ",") {
			for n := k + 1; n < i; n++ {
				if c := p.claim[n]; verdictRules[c] || c == "allow-word" || c == "deny-word" || c == "verdict" || c == "action-word" {
					return -1
				}
			}
			return i + 1
		}
		if p.toks[k].kind == tPunct {
			return -1
		}
	}
	return -1
}

// theSamePods reads "the same pods" that open a clause naming no pods of
// its own: "The app=api pods accept 8080 from app=web. The same pods may
// reach app=db on 5432." The clause takes its pods from the one before, as
// it would from "they" (context). Still asks: with labels, a name or a
// namespace just after the pods (which pods, then?), "the same" of
// anything but pods ("the same goes for 8443"), and, in context, pods
// of two clauses before.
func (p *parser) theSamePods(i int, _ *generator.Intent) int {
	if !p.is(i, "same") || !p.is(i-1, "the") || !literalPodNouns[p.word(i+1)] || !(i == 1 || p.is(i-2, "in", "for", "of") && (i == 2 || p.toks[i-3].kind == tPunct)) ||
		p.is(i+2, "(", "labeled", "labelled", "with", "named", "called", "in") || p.tok(i+2) == nil && i+2 < len(p.toks) && p.toks[i+2].kind == tLabel {
		return -1
	}
	// One sentence before, whose pods they are; after two, "the same
	// pods" may be either's.
	ends := 0
	for _, t := range p.all {
		if t.start >= p.toks[0].start {
			break
		}
		if t.low == "." || t.low == ";" || t.low == "!" {
			ends++
		}
	}
	if ends != 1 {
		return -1
	}
	return i + 1
}

// anythingLabeled reads "anything" or "everything" whose labels follow,
// read as the peer: "may reach anything labeled tier=backend on 8080",
// "anything with the label tier=backend". Still asks: "anything" with no
// labels after it ("anything on 443": which peers?).
func (p *parser) anythingLabeled(i int, _ *generator.Intent) int {
	if !p.is(i, "anything", "everything") {
		return -1
	}
	k := i + 1
	switch {
	case p.is(k, "labeled", "labelled"):
		k++
	case p.is(k, "with") && p.is(k+1, "the", "a") && p.is(k+2, "label", "labels"):
		k += 3
	case p.is(k, "with") && p.is(k+1, "label", "labels"):
		k += 2
	default:
		return -1
	}
	if k >= len(p.toks) || p.toks[k].kind != tLabel || !p.taken(k) {
		return -1
	}
	return i + 1
}

// nothingMoves are the verbs of traffic leaving or entering the pods, as
// "nothing ..." says them after an isolation: egress or ingress.
var nothingMoves = map[string]generator.Direction{
	"leaves": generator.Egress, "leave": generator.Egress, "exits": generator.Egress, "exit": generator.Egress,
	"enters": generator.Ingress, "enter": generator.Ingress,
}

// nothingPasses reads "nothing leaves", "nothing goes out", "nothing gets
// in", "nothing comes in" after a deny of all the traffic of that way,
// which it says again: "The app=batch pods get no egress at all, nothing
// leaves." Still asks: with no deny of every peer that way ("accept 80
// from app=lb, nothing leaves": is egress denied too?).
func (p *parser) nothingPasses(i int, in *generator.Intent) int {
	if !p.is(i, "nothing") {
		return -1
	}
	k := i + 1
	for p.is(k, "can", "may", "should", "will", "must", "is", "gets", "get", "goes", "go", "comes", "come") {
		k++
	}
	dir, ok := nothingMoves[p.word(k)]
	switch {
	case ok:
	case k > i+1 && egressWords[p.word(k)] || p.is(k, "out"):
		dir = generator.Egress
	case k > i+1 && (ingressWords[p.word(k)] || p.is(k, "in")):
		dir = generator.Ingress
	default:
		return -1
	}
	if k+1 < len(p.toks) && p.toks[k+1].kind != tPunct {
		return -1
	}
	if !slices.ContainsFunc(in.Network, func(r generator.NetworkRule) bool {
		return r.Direction == dir && r.Verdict == generator.Isolate
	}) {
		return -1
	}
	return k + 1
}

// butTheRest reads "but" before the rest an allow-list leaves: "The app=db
// pods accept 5432 from app=api, but nothing else." Still asks: "but"
// before a rule ("..., but 9090 only from ...").
func (p *parser) butTheRest(i int, _ *generator.Intent) int {
	if !p.is(i, "but") || p.claim[min(i+1, len(p.toks)-1)] != "allow-list-rest" || i+1 >= len(p.toks) {
		return -1
	}
	return i + 1
}

// portNamesAfterComma reads words after a comma that name the ports just
// before, ending with "ports": "on 8080 and 8443, the HTTP and HTTPS
// ports". Words after "ports" that end the clause may describe them
// further ("on TCP 8321 and 8443, the pod ports behind the services", "on
// TCP 3333, 5555 and 10001, the usual stratum pool ports xmrig gets
// pointed at") when no rule read them and they are plain words of no
// meaning (portsTail). Still asks: with a value, a negation, an
// exception, "only" or a verdict before or after "ports" ("..., the admin
// ports only", "..., the ports not behind the proxy").
func (p *parser) portNamesAfterComma(i int, _ *generator.Intent) int {
	b := i - 1
	for b >= 0 && p.toks[b].kind == tWord && (p.claim[b] == "" || p.claim[b] == "filler" || p.claim[b] == "no-meaning") {
		b--
	}
	if b < 1 || !p.is(b, ",") || p.claim[b-1] != "port" && p.claim[b-1] != "port-range" {
		return -1
	}
	for k := b + 1; k < len(p.toks); k++ {
		w := p.word(k)
		switch {
		case w == "ports" || w == "port":
			if k+1 == len(p.toks) || p.toks[k+1].kind == tPunct && !p.is(k+1, "(") {
				return k + 1
			}
			if e := p.portsTail(k + 1); e > k+1 {
				return e
			}
			return -1
		case p.toks[k].kind != tWord, w == "not", w == "only", w == "except", w == "no", w == "but", negationWords[w], denyWords[w], allowWords[w] && w != "read-write":
			return -1
		}
	}
	return -1
}

// historyOpeners open a clause that tells what happened since an event:
// "since the CNP rollout ...", "after the deny-all went in, ...".
var historyOpeners = set("since", "after", "ever", "following")

// nothingSince reads "nothing" that the pods get since an event, in a
// clause that asks for no rule: "since the CNP rollout the tailscale
// connector pods in ns tailscale (...) get nothing in. can we let traffic
// from the world reach them?". It tells what is wrong now; the request
// after it says the rule. Still asks: "the app=db pods get nothing in"
// with no event before it (an isolation asked), or beside a verdict.
func (p *parser) nothingSince(i int, _ *generator.Intent) int {
	if !p.is(i, "nothing") || !p.is(i-1, "get", "gets", "got", "receive", "receives", "received") || !historyOpeners[p.word(0)] ||
		slices.ContainsFunc(p.claim, func(c string) bool { return lineVerdictClaims[c] || c == "direction-verb" }) {
		return -1
	}
	k := i + 1
	if p.is(k, "in", "out", "through") {
		k++
	}
	if k < len(p.toks) && p.toks[k].kind != tPunct {
		return -1
	}
	return k
}

// nothingBut reads "nothing but" or "nothing except" before the peer a
// network allow reads, after its verb: "The app=batch pods may reach
// nothing but kube-dns", "... nothing except DNS". An allow of a network
// rule is already all the pods may do that way, when the rules are the
// pods' own of that way. Still asks: "may reach nothing but app=db on
// 5432" read as app=db's ingress (the "only" of app=batch's egress would
// be lost), in a request
// for files or processes (an allow-list there is another policy), or with
// no peer read just after.
func (p *parser) nothingBut(i int, in *generator.Intent) int {
	if !p.is(i, "nothing") || !p.is(i+1, "but", "except") || len(in.System) > 0 || len(in.Network) == 0 || !p.taken(i-1) || !reachVerbs[p.word(i-1)] && !receiveVerbs[p.word(i-1)] ||
		slices.ContainsFunc(in.Network, func(r generator.NetworkRule) bool { return r.Verdict != generator.Allow || len(r.Peers) == 0 }) {
		return -1
	}
	// "nothing but" is "only": the rules must be the named pods' own, of
	// the way of the verb ("may reach nothing but app=db on 5432" read as
	// app=db's ingress would leave app=batch's egress open).
	way := generator.Egress
	if receiveVerbs[p.word(i-1)] {
		way = generator.Ingress
	}
	if slices.ContainsFunc(in.Network, func(r generator.NetworkRule) bool { return r.Direction != way }) {
		return -1
	}
	k := i + 2
	for determiners[p.word(k)] {
		k++
	}
	if !p.taken(k) || p.claim[k] == "filler" || p.claim[k] == "no-meaning" {
		return -1
	}
	return i + 2
}

// otherHand reads "on the other hand" that joins two sentences: "The
// app=api pods accept 8080 from app=web. On the other hand, app=api may
// reach app=db on 5432." Still asks: "other" anywhere else ("the other
// pods", "each other and ...").
func (p *parser) otherHand(i int, _ *generator.Intent) int {
	if p.is(i, "other") && p.is(i-1, "the") && p.is(i-2, "on") && p.is(i+1, "hand") && p.is(i+2, ",") {
		return i + 2
	}
	return -1
}

// headingTopicWords name what a heading that opens the request is about,
// and no rule: "NCSC advice to limit egress from hosts running vulnerable
// software:", "Moving the firewall-controller rule ... into the cluster:",
// "external access for redis in the testing namespace:", "While the
// networkpolicy PR is in review, ...:", "Port of the Calico quarantine
// GlobalNetworkPolicy to a NetworkPolicy:" (the noun "port of", see
// headingTopic).
var headingTopicWords = set("node", "nodes", "host", "hosts", "cluster", "external", "review", "port", "ports")

// headingPeerWords of the topics may name a peer ("External access: ...
// accept on 443" may mean from the world): they are the topic only when
// every rule names its peers.
var headingPeerWords = set("node", "nodes", "host", "hosts", "cluster", "external")

// headingTopic reads a word of the heading that opens the request, before
// its colon or dash, when the heading only says what the request is about
// and the rules after it are whole: a word of headingTopicWords, or a name
// written with a slash ("NSA/CISA hardening:", "multi-port/protocol case
// -"). The heading holds words only (no value, no "not", "only" or
// "except" read), and the word is none of what a rule reads: a peer word
// stands only when every network rule names its peers or isolates, and
// (but "external") only beside network rules and before no noun; "port"
// only as the noun "a port of". Still asks: "External access: the app=web
// pods accept on 443" (from the world?), "host paths: the app=web pods may
// reach app=db on 5432" (a host policy?), "Ports: ...", "read/write paths:
// ...", "a Service's externalIPs" (the Service may be a peer), a topic
// word after the first colon.
func (p *parser) headingTopic(i int, in *generator.Intent) int {
	if strings.TrimSpace(p.request[:p.toks[0].start]) != "" || p.toks[i].kind != tWord || len(in.Network) == 0 && len(in.System) == 0 {
		return -1
	}
	c := i + 1
	for c < len(p.toks) && c < 24 && !p.is(c, ":", "-", "–", "—") {
		if p.toks[c].kind != tWord && !p.is(c, ",") {
			return -1
		}
		c++
	}
	if c >= len(p.toks) || c >= 24 || c+1 >= len(p.toks) {
		return -1
	}
	for k := 0; k < c; k++ {
		w := p.word(k)
		if p.toks[k].kind != tWord && !p.is(k, ",") || w == "not" || w == "only" || w == "except" || w == "no" || negationWords[w] {
			return -1
		}
	}
	w := strings.TrimSuffix(p.word(i), "'s")
	switch {
	case strings.Contains(w, "/"):
		for _, part := range strings.Split(w, "/") {
			if part == "" || meaningful(token{kind: tWord, low: part, raw: part}) || strings.ContainsFunc(part, func(r rune) bool { return r != '-' && (r < 'a' || r > 'z') }) {
				return -1
			}
		}
	case !headingTopicWords[w]:
		return -1
	case (w == "port" || w == "ports") && !(w == "port" && p.is(i+1, "of")) && !openPortsFor(p, i, in):
		return -1
	// "Other hosts: deny ingress to pods labeled app=web": a rule that
	// names no peer, isolation too, may be what the word limits (finder 7
	// found the deny of every source).
	case headingPeerWords[w] && slices.ContainsFunc(in.Network, func(r generator.NetworkRule) bool { return len(r.Peers) == 0 }):
		return -1
	// "External DNS: allow egress ... to 8.8.8.8": a word of the heading
	// the rules read (DNS became a kube-dns allowance) makes the heading
	// part of them, not their topic (finder 7).
	case headingPeerWords[w] && slices.ContainsFunc(in.Origins, func(o generator.Origin) bool {
		return o.From == generator.FromRequest && o.Start < p.toks[c].start && o.End > p.toks[0].start
	}):
		return -1
	// "Sensitive host paths: block ...", "Cluster hardening: block
	// /bin/sh": beside system rules, or before a noun, the node or the
	// cluster may be where the rules hold.
	case headingPeerWords[w] && w != "external" && (len(in.System) > 0 || !(p.toks[i+1].kind == tPunct || prepositions[p.word(i+1)] || strings.HasSuffix(p.word(i+1), "ing"))):
		return -1
	}
	// "Traffic to the nodes: the app=web pods may reach app=db", "Access
	// from other hosts: ...": after "to" or "from" the word names a peer the rules do not, unless it is a kind
	// of host the words after it describe ("from hosts running vulnerable
	// software") or the heading is the title of a move ("Moving the
	// firewall-controller rule ... into the cluster:").
	k := i - 1
	for k > 0 && k > i-4 && !prepositions[p.word(k)] {
		k--
	}
	if headingPeerWords[w] && prepositionsOfPeers[p.word(k)] && !strings.HasSuffix(p.word(i+1), "ing") && !headingGerund(p.word(0)) {
		return -1
	}
	// "Open port for Ceph Monitor:": the whole heading names what the
	// ports are for.
	if (w == "port" || w == "ports") && openPortsFor(p, i, in) {
		return c + 1
	}
	return i + 1
}

// openPortsFor reports whether the "port" or "ports" at i is of a heading
// "Open port(s) for X:" that opens the request, before rules that each
// allow traffic on the ports they name: "Open port for Ceph Monitor: the
// rook-ceph-mon pods ... accept TCP 3300 and 6789 from any pod of
// namespace rook-ceph". The heading says what the rules after it say in
// full. Still asks: the heading before a deny, or before a rule on any
// port (which ports does it open?).
func openPortsFor(p *parser, i int, in *generator.Intent) bool {
	if i != 1 || !p.is(0, "open") || !p.is(i+1, "for") || len(in.Network) == 0 || len(in.System) > 0 {
		return false
	}
	if slices.ContainsFunc(in.Network, func(r generator.NetworkRule) bool { return r.Verdict != generator.Allow || len(r.Ports) == 0 }) {
		return false
	}
	// The words after "for" name the subject, as its labels spell it
	// ("Ceph Monitor" of app=rook-ceph-mon: each word begins with a part
	// of a label value, or a part begins with it); a heading "Open port
	// for prometheus:" may name the peers instead, and asks.
	if in.Subject.Pods == nil || len(in.Subject.Pods.MatchLabels) == 0 {
		return false
	}
	var parts []string
	for _, v := range in.Subject.Pods.MatchLabels {
		parts = append(parts, strings.Split(strings.ToLower(v), "-")...)
	}
	k := i + 2
	for p.is(k, "the") {
		k++
	}
	if p.is(k, ":") {
		return false
	}
	for ; k < len(p.toks) && !p.is(k, ":"); k++ {
		w := p.word(k)
		if !slices.ContainsFunc(parts, func(part string) bool {
			return part != "" && len(part) >= 3 && (strings.HasPrefix(w, part) || strings.HasPrefix(part, w))
		}) {
			return false
		}
	}
	return k < len(p.toks)
}

// headingGerund reports whether w, the first word of a heading, is a verb
// in -ing that titles what the request does ("Moving", "Porting"), and
// no verdict ("Allowing", "Blocking") nor traffic ("Incoming").
func headingGerund(w string) bool {
	return strings.HasSuffix(w, "ing") && len(w) > 4 && !allowWords[w] && !denyWords[w] && !auditWords[w] && !isolateWords[w] && !meaningWords[w] && !reachVerbs[w] && !receiveVerbs[w]
}

// portsTail returns the end of the plain words from k to the end of the
// clause (or a stop) that describe the ports named before them ("the pod
// ports behind the services"), or -1: every word no rule read, or read
// as filler, and none of meaning, a negation, a verdict, "only",
// "except", "but" or "not".
func (p *parser) portsTail(k int) int {
	e := k
	for ; e < len(p.toks) && !p.is(e, ".", ";", "!", "?"); e++ {
		w := p.word(e)
		if p.toks[e].kind != tWord || p.claim[e] != "" && p.claim[e] != "filler" && p.claim[e] != "no-meaning" || meaningful(p.toks[e]) ||
			w == "not" || w == "only" || w == "except" || w == "no" || w == "but" || negationWords[w] || denyWords[w] || allowWords[w] ||
			// "..., the usual stratum pool ports for the first hour", ",
			// twice each": a time, not a description (finder 12, S17).
			temporalWords[w] || timeNames[w] || timeSpans[w] || timeAdverbs[w] {
			return -1
		}
	}
	return e
}
