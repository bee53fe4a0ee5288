package builtin

import (
	"fmt"
	"regexp"
	"slices"
	"strings"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/util/validation"

	"github.com/kunerva/kunerva/generator"
)

// metadataWords name the cloud's instance metadata service, which is an
// address (169.254.169.254), not pods: "the metadata service", "cloud
// metadata", "IMDS".
var metadataWords = set("metadata", "imds")

// metadataNamed asks about the metadata service named in words, read as
// pods ("checkout may not reach the metadata service" gave app=metadata
// with --assume-app-label) or dropped beside a name taken for pods ("to
// cloud metadata" gave app=cloud), when no address says which it is.
func (p *parser) metadataNamed(in *generator.Intent) string {
	if slices.ContainsFunc(p.toks, func(t token) bool {
		return (t.kind == tCIDR || t.kind == tDomain) && (strings.HasPrefix(t.low, "169.254.") || strings.Contains(t.low, "metadata"))
	}) {
		return ""
	}
	// the label values the rules read from names
	values := map[string]bool{}
	add := func(s *metav1.LabelSelector) {
		if s != nil {
			for _, v := range s.MatchLabels {
				values[strings.ToLower(v)] = true
			}
		}
	}
	for _, x := range append([]*generator.Intent{in}, in.Others...) {
		add(x.Subject.Pods)
		for _, r := range x.Network {
			for _, pe := range r.Peers {
				add(pe.Pods)
			}
		}
	}
	name := func(k int) bool {
		if k < 0 || k >= len(p.toks) || p.claim[k] != "workload-name" {
			return false
		}
		for v := range values {
			if strings.HasSuffix(v, p.toks[k].low) {
				return true
			}
		}
		return false
	}
	for i, t := range p.toks {
		if t.kind != tWord || !metadataWords[t.low] {
			continue
		}
		if name(i) || !p.taken(i) && (name(i-1) || name(i+1)) {
			return fmt.Sprintf("is %q the cloud's metadata service (the address 169.254.169.254), or pods of yours? Say \"169.254.169.254/32\", or name the pods by their labels", p.text(max(i-1, 0), min(i+2, len(p.toks))))
		}
	}
	return ""
}

// thousandsPort asks about a number written with a thousands separator
// where ports go: "on 8,443" is port 8443 or ports 8 and 443.
// ("80,443" cannot be one port: 80443 is past 65535.)
func (p *parser) thousandsPort() string {
	for i := 0; i+2 < len(p.toks); i++ {
		a, c, b := p.toks[i], p.toks[i+1], p.toks[i+2]
		if (a.kind == tRange || b.kind == tRange) && c.raw == "," && c.start == a.end && b.start == c.end && shortTailRE.MatchString(a.raw) && threeHeadRE.MatchString(b.raw) {
			return fmt.Sprintf("are there thousands separators in %q? Say the ports without commas (\"1024-65535\")", p.text(i, i+3))
		}
		if a.kind != tNumber || b.kind != tNumber || c.raw != "," || c.start != a.end || b.start != c.end || len(a.raw) > 2 || len(b.raw) != 3 {
			// "on port 1 024", "port 65 535" (finder9 S9): a space as the
			// separator, after "port" (one port) gave the ports 1 and 24.
			if a.kind == tWord && a.low == "port" && c.kind == tNumber && b.kind == tNumber && len(c.raw) <= 2 && len(b.raw) == 3 && c.end < b.start && strings.TrimSpace(p.request[c.end:b.start]) == "" && (p.tok(i+3) == nil || p.toks[i+3].kind != tNumber) {
				if n := atoi(c.raw + b.raw); n <= 65535 {
					return fmt.Sprintf("is %q one port (%d) or the ports %s and %s? Say \"port %d\", or \"ports %s and %s\"", p.text(i, i+3), n, c.raw, b.raw, n, c.raw, b.raw)
				}
			}
			continue
		}
		var n int
		if _, err := fmt.Sscanf(a.raw+b.raw, "%d", &n); err != nil || n > 65535 {
			continue
		}
		return fmt.Sprintf("is %q one port (%d) or the ports %s and %s? Say \"port %d\", or \"ports %s and %s\"", p.text(i, i+3), n, a.raw, b.raw, n, a.raw, b.raw)
	}
	return ""
}

// shortTailRE and threeHeadRE find "1,024-65,535": one or two digits before a
// comma, three after it.
var shortTailRE, threeHeadRE = regexp.MustCompile(`(^|\D)\d{1,2}$`), regexp.MustCompile(`^\d{3}(\D|$)`)

// additionLeads say that the word after them adds to what came before:
// "..., and also orders", "..., plus cart", "likewise orders".
var additionLeads = set("also", "plus", "likewise", "similarly", "ditto", "additionally", "besides")

// unreadAddition asks about a plain word that no rule read and that words
// of addition join to a rule before it: "checkout may only reach payments
// on 8443, and also orders", "..., plus cart", "..., as well as cart",
// "... in addition to cart", "..., orders too". Dropped, the rule would
// leave out the pods it may name.
func (p *parser) unreadAddition(i int) string {
	t := p.toks[i]
	if t.kind != tWord || fillerWords[t.low] || determiners[t.low] || prepositions[t.low] || len(validation.IsDNS1123Label(t.low)) != 0 || verbLike(t.low) || i == 0 {
		return ""
	}
	// "prevent all incoming traffic into those pods, and all outgoing
	// traffic from them as well": the pods of the rule this clause carries
	// on, said again, add no pods.
	if pronouns[t.low] && p.inherited != "" && p.is(i-1, "from", "to", "into") {
		return ""
	}
	// "plus public HTTP": a word before another word describes it.
	if i+1 < len(p.toks) && p.toks[i+1].kind == tWord && !p.is(i+1, "too", "as", "on", "pods", "pod", "and", "or", "only") {
		return ""
	}
	k := i - 1
	for k >= 0 && determiners[p.word(k)] && !p.taken(k) {
		k--
	}
	from, to := k, i+1
	switch {
	case additionLeads[p.word(k)]:
	case p.is(k, "as") && p.is(k-1, "well") && p.is(k-2, "as"), p.is(k, "to") && p.is(k-1, "addition") && p.is(k-2, "in"), p.is(k, "for", "with") && p.is(k-1, "goes") && p.is(k-2, "same"):
		from = k - 2
	case p.is(k, "for", "with") && p.is(k-1, "same"):
		from = k - 1
	case p.is(i+1, "too"):
		from, to = i, i+2
	case p.is(i+1, "as") && p.is(i+2, "well"):
		from, to = i, i+3
	default:
		return ""
	}
	if from < 1 {
		return ""
	}
	return fmt.Sprintf("does %q add to the rule before it (another peer, or the same rule for other pods)? Say its rule in full (\"and checkout may reach %s on 8443\")", p.text(from, to), t.raw)
}

// unreadBound asks about "at least", "at most", "no more than" before a
// port or a number, which no rule reads: "on at least port 443" would be
// port 443 alone.
func (p *parser) unreadBound(i int) string {
	if q := p.unreadOpenEnd(i); q != "" {
		return q
	}
	// "on port 5432 at most", "on 8080 or so": said after the port
	if p.is(i, "at") && p.is(i+1, "least", "most") || p.is(i, "or") && p.is(i+1, "so", "thereabouts") || p.is(i, "and") && p.is(i+1, "up", "above", "higher", "below", "lower") {
		if k := i - 1; k >= 0 && (p.toks[k].kind == tNumber || p.toks[k].kind == tRange) {
			return fmt.Sprintf("which ports does %q mean? A rule allows the ports it names and no others: name them all (\"on 443 and 8443\", \"on 1024-65535\")", p.text(k, min(i+2, len(p.toks))))
		}
	}
	if p.is(i, "roughly", "approximately", "about", "around", "circa", "~", "near") {
		if p.tok(i+1) == nil && i+1 < len(p.toks) && p.toks[i+1].kind == tNumber || p.is(i+1, "port") && i+2 < len(p.toks) && p.toks[i+2].kind == tNumber {
			return fmt.Sprintf("which ports does %q mean? A rule allows the ports it names and no others: name them all (\"on 443 and 8443\", \"on 1024-65535\")", p.text(i, min(i+3, len(p.toks))))
		}
	}
	if !(p.is(i, "at") && p.is(i+1, "least", "most") || p.is(i, "no", "not") && p.is(i+1, "more", "less", "fewer") && p.is(i+2, "than")) {
		return ""
	}
	for k := i + 2; k < min(i+5, len(p.toks)); k++ {
		if p.toks[k].kind == tNumber || p.toks[k].kind == tRange || p.is(k, "port", "ports") {
			return fmt.Sprintf("which ports does %q mean? A rule allows the ports it names and no others: name them all (\"on 443 and 8443\", \"on 1024-65535\")", p.text(i, min(k+2, len(p.toks))))
		}
	}
	return ""
}

// openEndWords, after "or" or "and" after a port, leave the range open at
// that port: "8080 or above", "1024 or lower", "8080 and beyond" ("over"
// is left out: "on 53 and over UDP" says a protocol).
var openEndWords = set("above", "higher", "greater", "more", "beyond", "up", "upward", "upwards", "onward", "onwards", "below", "lower", "less", "down", "downward", "downwards")

// onwardWords leave the range open by themselves: "8080 onwards",
// "8080 upward".
var onwardWords = set("onward", "onwards", "upward", "upwards", "downward", "downwards", "beyond")

// unreadOpenEnd asks about a port left open at one end, which no rule
// reads: "on port 8080 or above", "on 8080 onwards", "on port 1024 or
// lower", "on 8080 or 8443 or higher". Dropped, the rule would hold the
// bound alone (8080/TCP) where the words meant a range. It looks at the
// bound word, which no rule took, whether or not a port list took the "or".
func (p *parser) unreadOpenEnd(i int) string {
	k := -1
	switch {
	case openEndWords[p.word(i)] && p.is(i-1, "or", "and") && p.portValue(i-2):
		k = i - 2
	case onwardWords[p.word(i)] && p.portValue(i-1):
		k = i - 1
	default:
		return ""
	}
	return fmt.Sprintf("which ports does %q mean? A rule allows the ports it names and no others: name them all (\"on 443 and 8443\", \"on 1024-65535\")", p.text(k, i+1))
}

// portValue tells whether token i is a port, a range or a port with its
// protocol.
func (p *parser) portValue(i int) bool {
	return i >= 0 && i < len(p.toks) && (p.toks[i].kind == tNumber || p.toks[i].kind == tRange || p.toks[i].kind == tPortProto)
}

// operatorWords change which traffic a rule is for; one misspelt ("excpet
// cart", "onyl web") and left unread, the rule would hold for peers the
// request set apart.
var operatorWords = []string{"except", "excluding", "unless", "only", "deny", "block", "allow", "never", "without"}

// realNearOperators are words one or two letters from an operator word
// that are words of their own.
var realNearOperators = set("including", "include", "includes", "included", "expect", "expects", "expected", "exempt", "excerpt", "accept", "ever", "lock", "locks", "clock", "flock", "blocks", "black", "allot", "alloy", "allows", "alloc",
	"den", "dent", "deno", "dene", "one", "own", "on", "onto", "unlike", "unto", "lever", "fever", "neve", "newer", "fewer", "nevertheless", "within", "with")

// misspeltOperator asks about an unread word that is one letter (two, for
// the long ones) from a word of operatorWords: "web may reach any pod
// excpet cart".
func (p *parser) misspeltOperator(i int) string {
	t := p.toks[i]
	if t.kind != tWord || len(t.low) < 3 || realNearOperators[t.low] || fillerWords[t.low] || determiners[t.low] || prepositions[t.low] {
		return ""
	}
	for _, w := range operatorWords {
		limit := 1
		if len(w) >= 6 {
			limit = 2
		}
		if strings.HasPrefix(t.low, w[:len(w)-1]) {
			continue // "excepted", "allowed", "blocking": the word, inflected
		}
		if d := editDistance(t.low, w); d > 0 && d <= limit {
			return fmt.Sprintf("is %q a misspelt %q? Say the request again with the word spelt out", t.raw, w)
		}
	}
	return ""
}

// judgingWords, left unread after traffic with no verdict word, say
// something of the traffic rather than what to do with it: "egress from
// nginx to 1.2.3.4 is what we want to stop", "... looks malicious", "...
// must go", "... off", "..., which is bad".
var judgingWords = set("is", "are", "was", "were", "looks", "seems", "sounds", "must", "go", "off", "wtf")

// condemningInterjections, after traffic, judge it without a verb:
// "egress from nginx to 1.2.3.4 yikes", "... ugh", "... smh", "... -
// that's the leak" (judged2). ("wtf" is in judgingWords.)
var condemningInterjections = set("yikes", "ugh", "smh", "yuck", "eek", "ew", "eww", "omg", "lol", "meh", "sigh", "leak", "leaks", "leaking")

// haveWords state traffic the pods have: "nginx has egress to 1.2.3.4".
var haveWords = []string{"has", "have", "had"}

// trafficModifiers may stand first, right before a direction word, as a
// kind of the traffic rather than a verb: "Standard ingress for the web
// tier", "Outbound egress ...".
var trafficModifiers = set("standard", "normal", "regular", "default", "internal", "external", "outbound", "inbound", "outgoing", "incoming", "public", "private", "extra", "additional", "more", "other", "only", "same", "cluster", "local", "remote", "tcp", "udp", "http", "https", "dns", "plain")

// unreadBesideDescribed asks what should happen to traffic whose verdict
// was read from the traffic alone (rule described-traffic: "Egress for the
// sleep pods to *.wikipedia.org on 443" is traffic to allow) when a word
// no rule read may say it otherwise (finder 13):
//   - the clause's first word, where an order's verb stands, right before
//     the direction word: "denny egress from nginx to 1.2.3.4", "nuke
//     egress ...", "please cut all ingress to payments from checkout"
//     (S1): a verb the engine does not know, or a misspelt deny, gave an
//     allow-list of the one host to block. (A kind of traffic,
//     trafficModifiers, or a hyphenated name, "dns-visibility", is not.)
//   - a word of judgingWords after the direction word, or "there is"
//     right before it: the traffic judged or stated ("... is what we want
//     to stop", "ingress to payments from world is dangerous", "there is
//     egress from ...", "..., which is bad") (S2), which gave an allow too;
//     also a word of disapprovalWords or condemningInterjections with no
//     verb (judged2: "... - bad", "... (bad)", "..., which is wrong", "...
//     and that's bad", "... yikes").
func (p *parser) unreadBesideDescribed(i int) string {
	m, t := p.verdictMark, p.toks[i]
	if m == nil || t.kind != tWord {
		return ""
	}
	// "egress from nginx to 1.2.3.4 must go": an allow read from "must"
	// alone, then judged, is the same (S2).
	// "... has to go", "... needs to go away" (judged2): the same, after
	// "to", the traffic's end (not "DNS requests need to go through").
	if m.rule == "allow-word" && (p.is(m.start, "must") && i == m.start+1 || p.is(m.start, "has", "have", "needs", "need") && p.is(m.start+1, "to") && i == m.start+2 && (i+1 == len(p.toks) || p.is(i+1, "away", ".", ",", "!", ";"))) && judgingWords[t.low] {
		return fmt.Sprintf("what should happen to this traffic? %q says no verdict I read: say \"deny ...\" or \"allow ...\"", t.raw)
	}
	// "nginx has egress to 1.2.3.4, which is bad" (S1): traffic the pods
	// have, stated as a fact and then condemned, gave an allow-list of it.
	if m.rule == "allow-word" && p.is(m.start, haveWords...) && p.claim[m.start] == "needs-access" && i > m.start && (disapprovalWords[t.low] || condemningInterjections[t.low]) {
		return fmt.Sprintf("should kunerva block this traffic? %q judges it, and no verdict I read: say \"deny ...\" or \"allow ...\"", t.raw)
	}
	if m.rule != "described-traffic" {
		return ""
	}
	first := slices.IndexFunc(p.toks, func(t token) bool { return !fillerWords[t.low] })
	verbAt := i == first && i < m.start && !determiners[t.low] && !prepositions[t.low] && !trafficModifiers[t.low] && !strings.Contains(t.low, "-") &&
		!slices.ContainsFunc(p.toks[i+1:m.start], func(t token) bool { return !determiners[t.low] })
	judged := i > m.start && (judgingWords[t.low] || disapprovalWords[t.low] || condemningInterjections[t.low]) || t.low == "there" && copulas[p.word(i+1)] && i+2 == m.start
	if verbAt || judged {
		return fmt.Sprintf("what should happen to this traffic? %q says no verdict I read: say \"deny ...\" or \"allow ...\"", t.raw)
	}
	return ""
}

// editDistance counts the letters to add, drop, change or swap (two side
// by side) to turn a into b.
func editDistance(a, b string) int {
	d := make([][]int, len(a)+1)
	for i := range d {
		d[i] = make([]int, len(b)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(a); i++ {
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(a)][len(b)]
}

// unreadListed asks about a plain word that no rule read, joined by "and",
// "or", "nor" or a comma to a name read as pods: "allow web to reach both
// payments and orders on 8443" read payments alone.
func (p *parser) unreadListed(i int) string {
	t := p.toks[i]
	if t.kind != tWord || fillerWords[t.low] || determiners[t.low] || prepositions[t.low] || len(validation.IsDNS1123Label(t.low)) != 0 || verbLike(t.low) || temporalWords[t.low] {
		return ""
	}
	if !p.is(i-1, "and", "or", "nor", ",") || i < 2 || p.claim[i-2] != "workload-name" {
		return ""
	}
	return fmt.Sprintf("is %q more pods, beside %q? Name each peer (\"to the app=%s pods\"), or leave the word out", t.raw, p.toks[i-2].raw, t.low)
}

// versionRE is a version written as a word: "v2", "v1.4".
var versionRE = regexp.MustCompile(`^v\d+(\.\d+)*$`)

// unreadBesidePods asks about a plain word no rule read that stands next
// to pods a rule read, where it could name or pick pods:
//   - before a name or labels: "only the checkout worker pods may reach
//     db" ("checkout" may be part of the name, or pick some workers);
//   - joined to them by "and", "or" or a comma: "app=web may reach health
//     and app=db on 8080" ("health" may be more pods);
//   - a version after them: "allow app=web v2 to reach app=db".
//
// Dropped, the rule would hold for other pods than said.
func (p *parser) unreadBesidePods(i int) string {
	pods := func(k int) bool {
		return k >= 0 && k < len(p.toks) && (p.claim[k] == "workload-name" || p.claim[k] == "labels" && p.toks[k].kind == tLabel)
	}
	// "isolate the new app=db pods": a word of stage or age; "only private
	// app=web pods": a word of exposure just before labels.
	if (stageWords[p.word(i)] && pods(i+1) || exposureWords[p.word(i)] && i+1 < len(p.toks) && p.toks[i+1].kind == tLabel && pods(i+1)) &&
		(i == 0 || determiners[p.word(i-1)] || p.is(i-1, "only")) {
		return fmt.Sprintf("which of the pods are %q? Name them by their labels in the rule", p.toks[i].raw)
	}
	// "the test instance of app=db", "the EU copy of the db pods": a word
	// before a noun of copies picks one of them.
	if p.is(i+1, copyNouns...) && !p.taken(i+1) && p.is(i+2, "of") && !determiners[p.word(i)] && !fillerWords[p.word(i)] {
		k := i + 3
		for determiners[p.word(k)] {
			k++
		}
		if pods(k) {
			return fmt.Sprintf("what does %q change? Name the pods it picks by their labels in the rule, or leave the words out", p.text(i, i+2))
		}
	}
	// ("the backend (app=backend, nginx on 80)": an aside describes them.)
	if !p.looseName(i) || frameWords[p.word(i)] || stageWords[p.word(i)] || p.bracketed(i) {
		return ""
	}
	w := p.toks[i].raw
	switch {
	case p.is(i-1, "and", "or", ",") && pods(i-2) && (i+1 == len(p.toks) || p.toks[i+1].kind == tPunct || p.is(i+1, "on", "at", "over", "via")):
		return fmt.Sprintf("is %q more pods, beside %q? Name each peer by its labels, or leave the word out", w, p.toks[i-2].raw)
	case pods(i+1) && (i == 0 || determiners[p.word(i-1)] || p.is(i-1, "only", ",", "(")) && !temporalWords[p.word(i)] && !p.is(i, "moment", "time", "present"):
		return fmt.Sprintf("is %q part of the pods' name, or does it pick some of %q? Name the pods by their labels", p.text(i, i+2), p.toks[i+1].raw)
	case p.is(i+1, "and", "or", ",") && pods(i+2) && (i > 0 && (p.claim[i-1] == "direction-verb" || p.is(i-1, "to", "from", "and", ","))):
		return fmt.Sprintf("is %q more pods, beside %q? Name each peer by its labels, or leave the word out", w, p.toks[i+2].raw)
	case versionRE.MatchString(p.word(i)) && pods(i-1):
		return fmt.Sprintf("which of the %q pods are %q? Name them by their labels (\"version=%s\")", p.toks[i-1].raw, w, p.word(i))
	}
	return ""
}

// exposureWords, just before labels, pick the pods of some exposure:
// "only private app=web pods".
var exposureWords = set("private", "public", "exposed", "external", "remote", "local", "trusted", "untrusted", "internet-facing", "public-facing")

// copyNouns name one of several copies of pods: "the test instance of
// app=db", "the EU copy of the db pods".
var copyNouns = []string{"copy", "copies", "instance", "instances", "version", "versions", "release", "releases", "build", "builds", "variant", "variants",
	"flavor", "flavour", "edition", "deployment", "deployments", "install", "installation"}

// trialNouns name a rule tried out, not put in force: "as a test", "as
// a quick experiment", "as a pilot".
var trialNouns = set("test", "trial", "experiment", "pilot", "poc", "proof-of-concept", "dry-run", "spike", "try", "sandbox", "demo")

// unreadTrial asks about a rule said to be a trial: "allow app=web to
// reach app=db on 5432 as a test", "isolate app=db as a quick
// experiment". A policy enforces once applied; dropped, the words would
// put in force what the author meant to try (or only to watch).
func (p *parser) unreadTrial(i int) string {
	if !p.is(i, "as") || !p.is(i+1, "a", "an", "the", "our") {
		return ""
	}
	k := i + 2
	if !trialNouns[p.word(k)] && p.tok(k+1) != nil && !p.taken(k) && trialNouns[p.word(k+1)] {
		k++
	}
	if !trialNouns[p.word(k)] || p.taken(k) {
		return ""
	}
	return fmt.Sprintf("what does %q change? A policy enforces as soon as it is applied: say the rule to put in force, or ask for an audit where the kind has one", p.text(i, k+1))
}

// measureRE is a size, a duration or a rate written as one word: "10MB",
// "512KiB", "30s", "100ms", "10rps".
var measureRE = regexp.MustCompile(`^\d+(\.\d+)?(b|kb|mb|gb|tb|kib|mib|gib|bytes|ms|s|sec|secs|min|mins|h|hr|hrs|rps|qps|rpm|kbps|mbps|gbps)$`)

// unreadMeasure asks about a size, duration or rate no rule read: "POST
// /upload on 8080, up to 10MB", "with a 30s timeout". No policy here
// holds one; dropped, the rule would allow more than said.
func (p *parser) unreadMeasure(i int) string {
	if p.toks[i].kind != tWord || !measureRE.MatchString(p.toks[i].low) {
		return ""
	}
	return fmt.Sprintf("what does %q change? kunerva's policies cannot limit sizes, durations or rates: ask without it, or say the rule in ports, peers and requests", p.toks[i].raw)
}

// unreadForName asks about a plain word no rule read after "for" at the
// end of a clause, or a word of rank with "only": "allow web to reach db
// on 5432 for batch" (batch may name the pods), "to db on 5432 but only
// the primary", "db (primary only)". Dropped, the rule would hold for
// pods the words left out.
func (p *parser) unreadForName(i int) string {
	t := p.toks[i]
	// "on 5432 for the staging copy", "on 10250 for the kubelet": words
	// after "for" and a determiner, to the end, that no rule read.
	loose := func(k int) bool { return p.claim[k] == "" || p.claim[k] == "filler" || p.claim[k] == "no-meaning" }
	if p.is(i-1, "for") && loose(i-1) && p.is(i, "the", "our", "their", "its") && i >= 2 && (p.toks[i-2].kind == tNumber || p.toks[i-2].kind == tPortProto) {
		j := i + 1
		for j < len(p.toks) && p.toks[j].kind == tWord && loose(j) && !fillerWords[p.word(j)] {
			j++
		}
		if j > i+1 && (j == len(p.toks) || p.toks[j].kind == tPunct) {
			return fmt.Sprintf("what does %q change? Name the pods or addresses the rule is for by their labels or values, or leave the words out", p.text(i-1, j))
		}
	}
	if t.kind != tWord || fillerWords[t.low] || determiners[t.low] || prepositions[t.low] || temporalWords[t.low] || len(validation.IsDNS1123Label(t.low)) != 0 {
		return ""
	}
	end := i+1 == len(p.toks) || p.toks[i+1].kind == tPunct
	if p.is(i-1, "for") && end && (!p.taken(i-1) || loose(i-1) && i >= 2 && (p.toks[i-2].kind == tNumber || p.toks[i-2].kind == tPortProto)) {
		return fmt.Sprintf("what does %q change? Name the pods or addresses the rule is for by their labels or values, or leave the words out", p.text(i-1, i+1))
	}
	if rankWords[t.low] && (p.is(i-1, "the") && p.is(i-2, "only") || p.is(i+1, "only")) {
		return fmt.Sprintf("which of the pods are %q? Name them by their labels in the rule", t.raw)
	}
	return ""
}

// scopeQualifiers are words that pick some of the pods, a copy, a place or
// a time ("the staging copy of app=db", "in the EU cluster", "after the
// migration", "dbLockdown (staging only):", "(the canary release)", "by
// mistake"). Said beside a network rule and read by no rule (a heading, a
// remark, a word before the pods), they narrow or move the rule in the
// author's mind: dropped, the policy is for more than was meant.
var scopeQualifiers = set("staging", "canary", "preview", "replica", "replicas", "eu", "emea", "apac", "west", "east", "corporate", "migration",
	"mistake", "accidentally", "prod", "production", "dev", "qa", "standby")

// onlyHeadWords open a heading that limits the rules after it to some of
// the pods: "Workers only for the payments API (...)", "Batch jobs only:".
var onlyHeadWords = set("worker", "workers", "batch", "jobs", "job", "cronjobs", "canary", "staging", "replicas")

// particleAgainst asks about an unread "out" (or "in") just after a peer,
// before a port or the end of the clause, where every rule of the intent
// goes the other way: "allow app=frontend in on 80 and app=backend out on
// 5432" read app=backend as coming in.
func (p *parser) particleAgainst(i int, in *generator.Intent) string {
	if !p.is(i, "out", "in") || i == 0 || len(in.Network) == 0 || p.taken(i) {
		return ""
	}
	if prev := p.toks[i-1]; prev.kind != tLabel && !podNouns[prev.low] && !p.is(i-1, ")") && prev.kind != tCIDR && prev.kind != tDomain {
		return ""
	}
	if i+1 < len(p.toks) && p.toks[i+1].kind != tPunct && !p.is(i+1, "on", "over", "via", "through", "and", "too") {
		return ""
	}
	want := generator.Egress
	if p.is(i, "in") {
		want = generator.Ingress
	}
	if slices.ContainsFunc(in.Network, func(r generator.NetworkRule) bool { return r.Direction == want }) {
		return ""
	}
	return fmt.Sprintf("which direction: %q says %s, but the rule read goes the other way; say each direction as a rule of its own (\"X may reach Y\", \"Y accepts X\")", p.text(i-1, i+1), want)
}
