package builtin

import (
	"fmt"
	"slices"
	"strings"

	"github.com/kunerva/kunerva/generator"
)

// narrowingWords in a heading pick some of the pods the request named
// before: "the db pods (app=db). The replicas of role primary: allow ...".
var narrowingWords = set("role", "replica", "replicas", "primary", "primaries", "leader", "leaders", "follower", "followers", "secondary", "secondaries", "master", "masters", "whose", "labeled", "labelled", "tagged")

// rankWords pick some pods of a set by their part in it: "the primary
// replicas", "the leader pods".
var rankWords = set("primary", "leader", "master", "secondary", "follower", "standby")

// scopeTitleEnd returns where a title of standing rules for the whole
// cluster ends when tokens open with one, at its comma, colon or dash:
// "Cluster baseline,", "cluster-wide guardrails:", "Global egress
// baseline -". A direction it says must be said again after it; else 0.
func scopeTitleEnd(toks []token) int {
	scope, noun := false, false
	k := 0
	for ; k < len(toks) && k < 5; k++ {
		w := toks[k].low
		switch {
		case clusterFamily[w] == "cluster" || w == "cluster" || w == "global":
			scope = true
		case (ingressWords[w] || egressWords[w]) && slices.ContainsFunc(toks[k+1:], func(t token) bool { return t.low == w }):
		case standingNouns[w] || policyNouns[w] || w == "rules" || w == "defaults":
			noun = true
		default:
			if scope && noun && (w == "," || w == ":" || w == "-") {
				return k
			}
			return 0
		}
	}
	return 0
}

// runnerWords say who runs a process or opens a file, or how it went, which
// no KubeArmor rule tells apart: "for non-root users", "by root", "large
// files", "failed calls", "run interactively".
var runnerWords = set("non-root", "nonroot", "uid", "uids", "gid", "username", "interactively", "failed", "failing",
	"successful", "unsuccessful", "large", "larger", "largest", "big", "bigger", "huge", "small", "smaller")

// hedgeWords leave a rule open: "maybe", "(optional)".
var hedgeWords = set("maybe", "perhaps", "optional", "optionally", "possibly", "probably", "ideally", "tbd", "tbc", "tba", "proposal", "proposed", "tentative", "tentatively", "approval", "unapproved", "draft", "stretch", "nice-to-have", "wishlist")

// leftOutWords say, after what they name, that it is left out of a rule:
// "root excepted", "the admin user exempted".
var leftOutWords = set("excepted", "exempted", "excluded", "spared", "aside")

// runBy reports whether the word at i says which user a rule is for: "for
// root", "by users other than root", "for the root user", "by the www-data
// user", "only root may ...". ("touched by root, who owns them" beside an owner-only rule says
// who the owner is.)
func (p *parser) runBy(i int) bool {
	if !p.is(i, "root", "user", "users") || p.is(i+1, ",") && p.is(i+2, "who") {
		return false
	}
	k := i - 1
	for k >= 0 && (determiners[p.word(k)] || p.is(k, "root") || !p.taken(k) && p.toks[k].kind == tWord && p.is(i, "user", "users") && k == i-1 && !prepositions[p.word(k)]) {
		k--
	}
	// "only root may run /usr/bin/node", "everyone except the root user",
	// "root may read /etc/shadow": the user the rule is for, or who acts.
	// "(root allowed)", "(the admin user is fine)": a user let through.
	return p.is(k, "by", "for", "than", "only", "except", "but", "besides", "unless", "bar", "barring", "save", "excepting") || p.is(i, "root") && (modals[p.word(i+1)] || p.is(i+1, "alone")) ||
		userLetThrough(p.toks[i+1:])
}

// userLetThrough reports whether toks, after a word naming a user, say the
// user is let through or left out: "excepted", "allowed", "is fine", "may".
func userLetThrough(toks []token) bool {
	k := 0
	for k < len(toks) && (toks[k].low == "is" || toks[k].low == "are" || toks[k].low == "stays" || toks[k].low == "remains" || toks[k].low == "being" || toks[k].low == "still") {
		k++
	}
	// "root being the exception", "the admin user still needs it", "root
	// may read"
	if k+1 < len(toks) && (toks[k].low == "the" || toks[k].low == "an") && (toks[k+1].low == "exception" || toks[k+1].low == "exemption") {
		return true
	}
	if k < len(toks) && (toks[k].low == "needs" || toks[k].low == "need" || toks[k].low == "may" || toks[k].low == "can") {
		return true
	}
	if k+2 < len(toks) && (toks[k].low == "gets" || toks[k].low == "get") && toks[k+1].low == "a" && toks[k+2].low == "pass" {
		return true // "root gets a pass"
	}
	return k < len(toks) && (leftOutWords[toks[k].low] || toks[k].low == "exempt" || toks[k].low == "allowed" || toks[k].low == "permitted" || toks[k].low == "fine" || toks[k].low == "ok" || toks[k].low == "okay" ||
		toks[k].low == "notwithstanding" || toks[k].low == "excused")
}

// whenWords open a clause that may say when a rule holds.
var whenWords = set("when", "whenever", "once", "after", "if")

// eventWords may stand in a when-clause that only says again what the rule
// is about: "alert when anything touches /etc/sudoers", "audit /bin/sh
// whenever it's spawned by /usr/sbin/apache2".
var eventWords = set("it", "it's", "they", "them", "something", "anything", "anyone", "someone", "somebody", "anybody", "whatever", "whoever", "tries", "try",
	"attempts", "attempt", "by", "from", "or", "and", "gets", "get", "got", "uses", "use", "used", "opens", "opened", "launches", "starts", "edits", "edited",
	"shell", "shells")

// startupWords say, in a when-clause, that the pods have started: "once
// it's up", "after it is running", "once ready".
var startupWords = set("up", "running", "ready", "booted", "initialized", "initialised", "startup", "warmed")

// stateWords say, after "when", "while" or "unless", a state of the pods
// or the port in time: "when not in use", "while idle", "unless needed".
var stateWords = set("idle", "unused", "inactive", "busy", "active")

// stateFillers may stand between "when" and the state: "when it is not
// in use", "while the port is idle".
var stateFillers = set("it", "it's", "they", "they're", "is", "are", "not", "being", "currently", "the", "port", "ports", "pod", "pods", "app", "service")

// stateCondition is the end of the clause at i, or 0, that makes
// the rule hold only in a state of the pods or port in time, which no
// policy can tell: "close the port 8080 on pods labeled app=web when not
// in use" (finder 6's S10) wrote an unconditional deny, its "not" read as
// the deny word and "use" as a verb.
//
// So does a startup negated, "when not running", "while not ready": the
// rule held at all times (finder 10, S15).
func (p *parser) stateCondition(i int) int {
	if !p.is(i, "when", "whenever", "while", "unless", "if") {
		return 0
	}
	j := i + 1
	for stateFillers[p.word(j)] {
		j++
	}
	switch {
	case stateWords[p.word(j)]:
		return j + 1
	case p.is(j, "in") && p.is(j+1, "use"):
		return j + 2
	case p.is(j-1, "not") && startupWords[p.word(j)]:
		return j + 1
	}
	return 0
}

// whenCondition reports whether the word at i opens a clause ("when",
// "once", "after") of words no rule read and that say more than what the
// rule is about: "block /bin/sh when it is run interactively", "When an
// alert fires, block /bin/sh", "after the migration finishes". "alert when
// anything touches /etc/sudoers" says the event the rule is about.
func (p *parser) whenCondition(i int) bool {
	if !whenWords[p.word(i)] || p.taken(i) {
		return false
	}
	for j := i + 1; j < len(p.toks) && p.toks[j].kind != tPunct; j++ {
		w := p.word(j)
		// "once it's up", "after it is running": a time after startup.
		// ("once the node is running" says when on the node, no startup of the pods.)
		if startupWords[w] && (w == "startup" || p.is(j-1, "it's", "they're") || p.is(j-1, "is", "are") && p.is(j-2, "it", "they", "pod", "pods", "app", "container", "containers")) {
			return true
		}
		// "when it is started by the JVM, /usr/lib/jvm/.../java": a name the
		// path after it says again.
		if p.toks[j].kind == tWord && p.is(j+1, ",") && j+2 < len(p.toks) && p.toks[j+2].kind == tPath && p.taken(j+2) {
			continue
		}
		if p.taken(j) || fillerWords[w] || determiners[w] || eventWords[w] || processVerbs[w] || fileVerbs[w] || writeWords[w] || processNouns[w] || fileNouns[w] || podNouns[w] || prepositions[w] {
			continue
		}
		if p.describesNamedTools(j) {
			continue
		}
		return true
	}
	return false
}

// openAllowFillers are the words after "for" or "by" that name no one:
// "on 443 for all of them", "for now".
var openAllowFillers = set("from", "to", "within", "inside", "the", "a", "an", "all", "any", "every", "each", "of", "them", "it", "this", "that", "these", "those", "now", "and", "or",
	"good", "instance", "example", "short", "clients", "client", "callers", "caller", "anyone", "everyone", "anybody", "everybody")

// peerAfterOpenAllow finds "for X", "by X" or "from within X" that no rule took,
// beside an allow whose peers were left open: "allow ingress to app=db on
// 5432 for api and web", "... only for billing", "... by api". Dropped, it
// would allow every peer where the words may name some. It returns the
// span, or -1 when there is none.
func (p *parser) peerAfterOpenAllow(in *generator.Intent) (int, int) {
	openTo := map[generator.Direction]bool{}
	for _, r := range in.Network {
		if r.Verdict == generator.Allow && len(r.Peers) == 0 && len(r.DNS) == 0 {
			openTo[r.Direction] = true
		}
	}
	if len(openTo) == 0 || p.saysAnything() {
		return -1, -1
	}
	return p.unreadQualifier(func(i int) bool {
		return p.is(i, "for", "by", "within", "inside") || openTo[generator.Ingress] && p.is(i, "from") ||
			openTo[generator.Egress] && p.is(i, "to", "towards", "toward") && !p.is(i+1, "be") && !policyNouns[p.word(i-1)]
	})
}

// peerAfterClosedDeny finds "to the X" or "from the X" that no rule took,
// beside a deny (or a default deny) whose peers were left open: "deny
// egress from app=web to the redis server" where no word of "the redis
// server" was read. Dropped, the deny would shut every peer where the
// words name some. Only words after a determiner count: "to create" is a
// verb's. It returns the span, or -1 when there is none.
func (p *parser) peerAfterClosedDeny(in *generator.Intent) (int, int) {
	closedTo := map[generator.Direction]bool{}
	for _, r := range in.Network {
		if (r.Verdict == generator.Deny || r.Verdict == generator.Isolate) && len(r.Peers) == 0 && len(r.DNS) == 0 {
			closedTo[r.Direction] = true
		}
	}
	if len(closedTo) == 0 || p.saysAnything() {
		return -1, -1
	}
	return p.unreadQualifier(func(i int) bool {
		return determiners[p.word(i+1)] && !p.taken(i+1) && (closedTo[generator.Ingress] && p.is(i, "from") ||
			closedTo[generator.Egress] && p.is(i, "to", "towards", "toward") && !policyNouns[p.word(i-1)])
	})
}

// widerGloss finds a gloss after a value that names a whole kind: "Deny
// egress from app=web to 10.0.0.0/8, i.e. no private addresses at all",
// "Block /bin/sh in app=web, meaning no shell at all can start there". The
// rule holds the value alone; the words ask for more. It returns the span
// from the value's end to the end of the gloss.
func (p *parser) widerGloss() (int, int) {
	for i := range p.toks {
		n := 0
		switch {
		case p.is(i, "i.e.", "i.e", "ie", "meaning"):
			n = 1
		case p.is(i, "that") && p.is(i+1, "is"):
			n = 2
		case p.is(i, "in") && p.is(i+1, "other") && p.is(i+2, "words"):
			n = 3
		default:
			continue
		}
		b := i - 1
		if p.is(b, ",") {
			b--
		}
		if b < 0 || !isValue(p.toks[b]) {
			continue
		}
		whole := false
		j := i + n
		for ; j < len(p.toks) && !p.is(j, ";", ".", ")"); j++ {
			if isValue(p.toks[j]) {
				whole = false
				break
			}
			whole = whole || p.is(j, "no", "any", "all", "every", "none", "nothing", "anything")
		}
		if whole {
			return b + 1, j
		}
	}
	return -1, -1
}

// exceptionUnread finds, after an "except" read as what a deny leaves
// open, words no rule read, beside an allow that names no peer: "Deny all
// egress from app=web, except Postgres on 5432". Dropped, the exception let
// every peer through on its ports.
func (p *parser) exceptionUnread(in *generator.Intent) (int, int) {
	if !slices.ContainsFunc(in.Network, func(r generator.NetworkRule) bool {
		return r.Verdict == generator.Allow && len(r.Peers) == 0 && len(r.DNS) == 0
	}) {
		return -1, -1
	}
	for i := range p.toks {
		if p.claim[i] != "except" {
			continue
		}
		k := i + 1
		for determiners[p.word(k)] || p.is(k, "for", "to", "from", "our", "its", "their") {
			k++
		}
		j := k
		for j < len(p.toks) && p.toks[j].kind == tWord && (p.claim[j] == "" || p.claim[j] == "no-meaning" || p.claim[j] == "name-word") && !openAllowFillers[p.word(j)] {
			j++
		}
		if j > k {
			return k, j
		}
	}
	return -1, -1
}

// actorBeforeOpenAllow finds, before the verb of an ingress allow that
// names no source, words no rule read that say who sends it: "Our uptime
// checker has to be able to hit it on 80", "The ingress controller has to
// reach app=web on 80". Dropped, the rule let in every source.
func (p *parser) actorBeforeOpenAllow(in *generator.Intent) (int, int) {
	if !slices.ContainsFunc(in.Network, func(r generator.NetworkRule) bool {
		return r.Direction == generator.Ingress && r.Verdict == generator.Allow && len(r.Peers) == 0 && len(r.DNS) == 0
	}) || p.saysAnything() {
		return -1, -1
	}
	return p.wordsBeforeVerb(slices.Index(p.claim, "direction-verb"))
}

// subjectOfVerb reports whether the words that end at j are the subject
// of the verb at v: only a modal or words of need stand between ("The
// ingress controller has to reach", "Our scanner must be able to hit").
func (p *parser) subjectOfVerb(j, v int) bool {
	if j < 0 {
		return false
	}
	for k := j; k < v; k++ {
		if !modals[p.word(k)] && !p.is(k, "has", "have", "needs", "need", "to", "be", "able", "also", "still", "always") {
			return false
		}
	}
	return true
}

// wordsBeforeVerb finds, before the verb at v, the first run of plain
// words no rule read (a name, not a determiner, pronoun, filler or modal),
// with the determiner before it: "Our uptime checker" in "Our uptime
// checker has to be able to hit it". ("this container", "the pods" are
// the pods themselves.)
func (p *parser) wordsBeforeVerb(v int) (int, int) {
	k, j := -1, -1
	for i := 0; i < v; i++ {
		if p.toks[i].kind != tWord || p.claim[i] != "" && p.claim[i] != "no-meaning" && p.claim[i] != "name-word" || determiners[p.word(i)] || pronouns[p.word(i)] || fillerWords[p.word(i)] || modals[p.word(i)] ||
			podNouns[p.word(i)] || containerNouns[p.word(i)] {
			if k >= 0 {
				break
			}
			continue
		}
		if k < 0 {
			k = i
		}
		j = i + 1
	}
	if k > 0 && (determiners[p.word(k-1)] || p.is(k-1, "our", "my", "your")) {
		k--
	}
	return k, j
}

// narrowingWho finds "for X", "by X", "from X" that no rule took, X
// naming people, a container, a stage or a rank: "block /bin/sh in the
// app=web pods for contractors", "block writes to /etc/ ... from the
// sidecar", "allow ... to world on 443 for the marketing team only", "...
// but only the primary". Rules hold for every user, container and replica
// of the pods; dropped, the words would be widened.
func (p *parser) narrowingWho(in *generator.Intent) (int, int) {
	k, j := p.unreadQualifier(func(i int) bool { return p.is(i, "for", "by", "from", "within", "inside", "in", "but") })
	if p.is(j, ":") {
		// "Egress rules for prod: ...": a heading, asked about on its own.
		return -1, -1
	}
	for m := k + 1; k >= 0 && m < j; m++ {
		// "in a container", "in containers" say where a rule holds, not
		// which container: "the web container", "the sidecar" single one out.
		// "No shells in production: the pods labeled env=production ...": a
		// stage the labels or namespace say; "for the prototype test": a purpose.
		stage := stageWords[p.word(m)] && !p.is(m, "test", "testing") && !saysValue(in, p.word(m))
		// "for the ... user validation": a word before its noun.
		if m+1 < j && !openAllowFillers[p.word(m+1)] && !p.is(m+1, "only", "alone") && !whoNouns[p.word(m+1)] {
			continue
		}
		if (whoNouns[p.word(m)] || stage || rankWords[p.word(m)] || p.is(m, "account", "accounts", "release", "releases", "deployment", "version")) && (!containerNouns[p.word(m)] || m > k+1 && !openAllowFillers[p.word(m-1)] && !p.is(m-1, "every", "each")) {
			return k, j
		}
	}
	return -1, -1
}

// whoNouns name people or parts of a pod that a KubeArmor rule cannot single
// out: "for contractors", "by outsiders", "from the sidecar", "in the web
// container".
var whoNouns = set("contractor", "contractors", "user", "users", "developer", "developers", "devs", "admin", "admins", "administrators", "operator",
	"operators", "ops", "intern", "interns", "team", "teams", "human", "humans", "people", "engineer", "engineers", "staff", "customer", "customers",
	"tenant", "tenants", "outsider", "outsiders", "vendor", "vendors", "guest", "guests", "attacker", "attackers", "sidecar", "sidecars", "container",
	"containers", "init", "session", "sessions")

var containerNouns = set("container", "containers")

// saysValue tells whether the subject's namespace or one of its labels'
// values is w.
func saysValue(in *generator.Intent, w string) bool {
	if strings.EqualFold(in.Subject.Namespace, w) {
		return true
	}
	if in.Subject.Pods != nil {
		for _, v := range in.Subject.Pods.MatchLabels {
			if strings.EqualFold(v, w) {
				return true
			}
		}
	}
	return false
}

// unreadQualifier finds a preposition that prep accepts, and no rule took,
// followed by words no rule took, one of them not a filler.
func (p *parser) unreadQualifier(prep func(i int) bool) (int, int) {
	for i := range p.toks {
		if !prep(i) || p.taken(i) && p.claim[i] != "purpose" {
			continue
		}
		// "every other request must be rejected by the proxy": who enforces.
		if p.is(i, "by") && p.is(i-1, "rejected", "refused", "dropped", "blocked", "denied", "enforced", "filtered", "handled", "answered") {
			continue
		}
		j := i + 1
		named := false
		for ; j < len(p.toks) && p.toks[j].kind == tWord && (!p.taken(j) || p.claim[j] == "purpose") && !p.is(j, "on", "at", "over", "via", "in", "using"); j++ {
			if !openAllowFillers[p.word(j)] {
				named = true
			}
		}
		if named {
			return i, j
		}
	}
	return -1, -1
}

// dnsServerWords may stand between "DNS" and the address of the server
// the pods query: "DNS queries to 1.1.1.1", "Google DNS (8.8.8.8)", "the
// upstream DNS server 10.0.0.2".
var dnsServerWords = set("queries", "query", "lookups", "lookup", "requests", "request", "traffic", "server", "servers", "resolver", "resolvers",
	"to", "at", "(", "only", "the", "via", "through", "on", "is")

// dnsServerAddress returns the index of an address said just after
// "DNS", when the rules read allow the cluster DNS: the address may be
// the DNS server itself, whose port 53 went to the cluster DNS while the
// address took every port. -1 when there is none.
func (p *parser) dnsServerAddress(in *generator.Intent) int {
	if !slices.ContainsFunc(in.Network, func(r generator.NetworkRule) bool {
		return slices.ContainsFunc(r.Peers, func(x generator.Peer) bool { return x.ClusterDNS })
	}) {
		return -1
	}
	for j, t := range p.toks {
		if t.low != "dns" {
			continue
		}
		for k := j + 1; k < len(p.toks) && k <= j+4; k++ {
			if p.toks[k].kind == tCIDR {
				return k
			}
			if !dnsServerWords[p.word(k)] {
				break
			}
		}
	}
	return -1
}

// wordEnd is where the text glued to token i ends: the end of the last
// token after it with no space between.
func (p *parser) wordEnd(i int) int {
	end := p.toks[i].end
	for k := i + 1; k < len(p.toks) && p.toks[k].start == end; k++ {
		end = p.toks[k].end
	}
	return end
}

// glossWords say that the paths after them are what a noun before named:
// "network tooling binaries ..., namely /usr/bin/curl, /usr/bin/wget".
var glossWords = set("namely", "i.e.", "i.e", "ie", "specifically")

// describesNamedTools reports whether the word at j only describes the
// binaries a process noun after it names ("network tooling binaries",
// "admin tools", within two words), where the request then names them by
// path after a gloss word: "alert when network tooling binaries are
// executed ..., namely /usr/bin/curl, /usr/bin/wget". The list says which
// binaries; the words before the noun add no condition. Without such a
// list ("alert when unsigned binaries are executed") they may narrow the
// rule, and the engine asks.
func (p *parser) describesNamedTools(j int) bool {
	if p.toks[j].kind != tWord {
		return false
	}
	noun := -1
	for k := j + 1; k <= j+2 && k < len(p.toks); k++ {
		if processNouns[p.word(k)] {
			noun = k
			break
		}
		if p.toks[k].kind != tWord {
			return false
		}
	}
	if noun < 0 {
		return false
	}
	for k := noun + 1; k+1 < len(p.toks); k++ {
		if (glossWords[p.word(k)] || p.is(k, "that") && p.is(k+1, "is")) && slices.ContainsFunc(p.toks[k+1:min(k+4, len(p.toks))], func(t token) bool { return t.kind == tPath }) {
			return true
		}
	}
	return false
}

// clauseTaken reports whether a rule took a word of the clause from i on
// ("when the request carries the header X-Env: prod", "if it comes from
// app=red"): a condition the rules say.
func (p *parser) clauseTaken(i int) bool {
	for j := i; j < len(p.toks) && p.toks[j].kind != tPunct; j++ {
		if p.taken(j) {
			return true
		}
	}
	return false
}

// qualifierPreps start a phrase after a rule that says which requests or
// callers it is for: "with json bodies", "for the mobile clients", "from
// the v2 ui", "to the canary version", "up to 10MB".
var qualifierPreps = set("with", "for", "from", "to", "without", "using", "over")

// trailingQualifier asks about a phrase that ends a rule with HTTP
// requests and that no rule read: "allow app=client GET /api on app=api
// port 8080 for the mobile clients", "... with a bearer token", "... up to
// 10MB". The words name callers, versions or requests the HTTP rule
// cannot hold; dropped, the rule allowed every caller and request.
func (p *parser) trailingQualifier(i int, in *generator.Intent) string {
	if !slices.ContainsFunc(in.Network, func(r generator.NetworkRule) bool { return len(r.HTTP) > 0 }) {
		return ""
	}
	t := p.toks[i]
	unread := func(k int) bool {
		return p.claim[k] == "" || p.claim[k] == "no-meaning" || p.claim[k] == "filler" || p.claim[k] == "purpose"
	}
	if t.kind != tWord && t.kind != tNumber || determiners[t.low] || prepositions[t.low] || fillerWords[t.low] || !unread(i) {
		return ""
	}
	k := i - 1
	for k >= 0 && unread(k) && !qualifierPreps[p.word(k)] && p.toks[k].kind != tPunct {
		k--
	}
	if p.is(k, "to") && p.is(k-1, "up") && unread(k-1) {
		k-- // "up to 10MB"
	}
	if k < 1 || !qualifierPreps[p.word(k)] || !unread(k) || !p.taken(k-1) || !slices.ContainsFunc(p.claim[:k], func(c string) bool { return c == "http-method" || c == "http-path" || c == "http-header" }) {
		return ""
	}
	end := i + 1
	for end < len(p.toks) && unread(end) && p.toks[end].kind != tPunct {
		end++
	}
	// The phrase ends the clause: "to the index - HTTP PUT on /x" is
	// followed by the rule it leads to.
	for n := end; n < len(p.toks); n++ {
		if p.toks[n].kind != tPunct {
			return ""
		}
	}
	return fmt.Sprintf("what does %q change? An HTTP rule matches the method, the path and headers of the requests, on the peers and ports named; name the callers by their labels, say a header, or leave the words out", p.text(k, end))
}

// programKinds name a kind of program, not one program: "no shell",
// "package managers", "any interpreter". The last word may be plural.
var programKinds = [][]string{{"shell"}, {"interpreter"}, {"compiler"}, {"debugger"}, {"downloader"}, {"miner"}, {"package", "manager"}, {"network", "tool"}}

// programKindAt reports whether token i ends a kind of program.
func programKindAt(toks []token, i int) bool {
	for _, kind := range programKinds {
		n := len(kind)
		if i-n+1 < 0 {
			continue
		}
		w := strings.TrimSuffix(toks[i].low, "s")
		if w != kind[n-1] {
			continue
		}
		if n == 1 || toks[i-1].low == kind[0] {
			return true
		}
	}
	return false
}

// programKindWider asks when a rule names some programs and the words
// beside it speak of a whole kind of them with "no", "any" or a negation:
// "Block /bin/sh in app=web so no one gets a shell", "Block /usr/bin/apt,
// so that package managers cannot run". The rule holds the programs named;
// the words ask for every shell or package manager, which kunerva cannot
// list for the user. A kind with its members after it ("no shells: /bin/sh
// and /bin/bash") is said by them; a sentence of its own about a kind is a
// reason.
func programKindWider(request string, toks []token, all []*generator.Intent) error {
	var in *generator.Intent
	for _, x := range all {
		if slices.ContainsFunc(x.System, func(r generator.SystemRule) bool { return r.Kind == generator.Process }) {
			in = x
		}
	}
	if in == nil {
		return nil
	}
	read := func(t token) bool { return readByIntents(t, all) }
	for i, t := range toks {
		if t.kind != tWord || read(t) || !programKindAt(toks, i) {
			continue
		}
		// The kind said after the rule's values, in their sentence: a
		// sentence of its own about shells is a reason ("any shell
		// invocation is a compromise. Block /bin/sh, /bin/bash ...").
		a, b := sentenceAround(toks, i, false)
		k := i - 1
		for k >= a && !read(toks[k]) {
			k--
		}
		if k < a {
			continue
		}
		a = k + 1
		for toks[a].low == "," || toks[a].low == "-" || toks[a].low == ":" {
			a++
		}
		if slices.ContainsFunc(toks[i+1:b], read) {
			continue
		}
		if slices.ContainsFunc(toks[a:b], func(t token) bool { return negationWords[t.low] || kindQuantifiers[t.low] }) {
			return &generator.NotUnderstoodError{Request: request, Understood: in.Summary(), Example: generator.ExampleFor(in),
				Missing: widerQuestion(request[toks[a].start:toks[b-1].end], `"/bin/sh, /bin/bash and /bin/dash"`)}
		}
	}
	return nil
}

// kindQuantifiers say that a kind of program is meant whole.
var kindQuantifiers = set("any", "all", "every", "nobody", "none", "nothing", "anything", "anyone", "anybody")

// widerQuestion asks which values a rule covers when the words span says
// more than the values named; example shows a list of them.
func widerQuestion(span, example string) string {
	return fmt.Sprintf("%q says more than the values before it: which values does the rule cover? Name each of them (%s)", span, example)
}
