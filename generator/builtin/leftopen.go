package builtin

import (
	"slices"
	"strings"
)

// untilEvent reads, at i, "until" and a statement of what people will do
// or what will have happened, with no time and no value in it: "until the
// polkit update is rolled out everywhere", "until folks define the egress
// they need", "until the fix ships". The policy is what is wanted till
// then; it holds until someone removes it, as every policy does. "until
// Friday", "until 6am", "until the end of the sprint", "until the
// maintenance window closes" name a time, which no policy keeps: those are
// asked about. It returns the end of the statement (the punctuation after
// it, or the end), or -1.
func untilEvent(toks []token, i int) int {
	if i >= len(toks) || toks[i].low != "until" && toks[i].low != "till" {
		return -1
	}
	end := i + 1
	for end < len(toks) && toks[end].kind == tWord {
		end++
	}
	if end < len(toks) && !slices.Contains([]string{",", "-", ".", ";", ")"}, toks[end].low) || end-i < 3 {
		return -1
	}
	verb := false
	for k := i + 1; k < end; k++ {
		w := toks[k].low
		if temporalWords[w] || timeNouns[w] || untilTimeWords[w] || clockTimeRE.MatchString(w) {
			return -1
		}
		// "until we add rules", "until the update is rolled out", "until
		// the fix ships"
		verb = verb || k == i+1 && untilSubjects[w] || k > i+1 && eventVerbs[w]
	}
	if !verb {
		return -1
	}
	return end
}

// untilSubjects start a statement of what people will do: "until we add
// rules", "until folks define the egress they need".
var untilSubjects = set("we", "they", "folks", "people", "someone", "somebody", "you", "i", "devs", "developers", "teams", "everyone", "everybody", "ops")

// eventVerbs say, after its subject, that something will have happened:
// "until the update is rolled out", "until the fix ships", "until the
// patch lands".
var eventVerbs = set("is", "are", "has", "have", "gets", "get", "lands", "land", "ships", "ship", "merges", "arrives", "arrive")

// untilTimeWords name a time after "until": "until the end of the month",
// "until next week", "until the window closes".
var untilTimeWords = set("end", "next", "window", "hour", "hours", "minute", "minutes", "day", "days", "weeks", "months", "years", "morning", "afternoon", "evening",
	"today", "then", "later", "christmas", "holidays", "deadline", "noon", "midnight", "o'clock", "am", "pm", "tonight", "tomorrow", "date", "expires", "expiry")

// coverVerbs say what a kind of policy can match: "network policy only
// covers TCP, UDP and SCTP".
var coverVerbs = set("covers", "cover", "supports", "support", "handles", "handle", "matches", "match", "understands", "knows")

// protocolsCovered reports whether tokens only remark which protocols a
// kind of policy covers, and that this is enough: "network policy only
// covers TCP, UDP, ICMP and SCTP, which is fine for us", "NetworkPolicy
// supports TCP, UDP and SCTP". The rules after it name their own
// protocols; the remark names none for them.
func protocolsCovered(toks []token) bool {
	k := 0
	for k < len(toks) && (determiners[toks[k].low] || toks[k].low == "network" || toks[k].low == "kubernetes" || toks[k].low == "k8s" || toks[k].low == "cilium") {
		k++
	}
	if k >= len(toks) || !policyNouns[toks[k].low] || toks[k].low == "rule" {
		return false
	}
	k++
	if k < len(toks) && toks[k].low == "only" {
		k++
	}
	if k >= len(toks) || !coverVerbs[toks[k].low] {
		return false
	}
	k++
	protocols := 0
	for ; k < len(toks); k++ {
		switch w := toks[k].low; {
		case protocolWords[w] || w == "icmp" || w == "icmpv6":
			protocols++
		case w == "," || w == "and" || w == "or":
		default:
			// ", which is fine for us", ", and that's enough"
			for _, t := range toks[k:] {
				if !okayWords[t.low] {
					return false
				}
			}
			return protocols > 1
		}
	}
	return protocols > 1
}

// okayWords say that a remark's limit is no trouble: "which is fine for us".
var okayWords = set(",", "which", "that", "that's", "is", "fine", "ok", "okay", "enough", "for", "us", "me", "here", "all", "we", "need", "and")

// doneWords say that a piece of work is over: "once the migration is done".
var doneWords = set("done", "complete", "completed", "finished", "over", "through")

// peerNouns name the other end of traffic in words: "no matter which
// client it is" is about the peers, and no restatement.
var peerNouns = set("source", "sources", "destination", "destinations", "ip", "ips", "address", "addresses", "host", "hosts", "peer", "peers", "client", "clients", "caller", "callers")

// negatedModals say what must not come about: "shouldn't be able to".
var negatedModals = set("shouldn't", "can't", "cannot", "won't", "mustn't")

// restatements say again what a deny means ("but keep allowing everything
// else"): the clause adds nothing.
var restatements = append([][]string{
	{"keep", "allowing", "everything", "else"}, {"keep", "allowing", "all", "other", "traffic"}, {"keep", "allowing", "the", "rest"}, {"allow", "everything", "else"},
	{"allow", "all", "other", "traffic"}, {"everything", "else", "is", "allowed"}, {"everything", "else", "stays", "allowed"}, {"everything", "else", "should", "be", "allowed"},
	{"everything", "else", "should", "still", "be", "allowed"}, {"leave", "everything", "else"}, {"leave", "the", "rest"}, {"all", "other", "traffic", "is", "allowed"},
	{"all", "other", "traffic", "stays", "allowed"}, {"the", "rest", "is", "allowed"}, {"everything", "else", "keeps", "working"}, {"still", "allow", "everything", "else"},
	{"otherwise", "allow", "everything"}, {"and", "allow", "everything", "else"}, {"leave", "egress", "alone"}, {"leave", "ingress", "alone"},
	{"leave", "outgoing", "alone"}, {"leave", "incoming", "alone"}, {"egress", "stays", "open"}, {"ingress", "stays", "open"},
	// "and keep everything else as it is", "keep the rest allowed".
	{"keep", "everything", "else", "as", "it", "is"}, {"keep", "everything", "else", "as", "is"}, {"keep", "the", "rest", "as", "it", "is"}, {"keep", "the", "rest", "as", "is"},
	{"keep", "everything", "else", "allowed"}, {"keep", "everything", "else", "open"}, {"keep", "everything", "else", "working"}, {"keep", "the", "rest", "allowed"},
	{"keep", "the", "rest", "open"}, {"keep", "the", "rest", "working"},
	// "while they keep access to every other destination"
	{"keep", "access", "to", "every", "other", "destination"}, {"keep", "access", "to", "all", "other", "destinations"}, {"keep", "access", "to", "everything", "else"},
	{"keeps", "access", "to", "every", "other", "destination"}, {"keeps", "access", "to", "all", "other", "destinations"}, {"keeps", "access", "to", "everything", "else"},

	// "deny traffic from X, while still allowing everything else to reach
	// them", "but it still allows access to everything else".
	{"allowing", "everything", "else"}, {"allowing", "all", "other", "traffic"}, {"allowing", "the", "rest"},
	{"allows", "access", "to", "everything", "else"}, {"allow", "access", "to", "everything", "else"}, {"allowing", "access", "to", "everything", "else"},

	// "deny egress to 169.254.169.254 and leave the other outbound traffic alone"
	{"leave", "the", "other", "outbound", "traffic", "alone"}, {"leave", "the", "other", "outgoing", "traffic", "alone"}, {"leave", "the", "other", "egress", "traffic", "alone"},
	{"leave", "the", "other", "inbound", "traffic", "alone"}, {"leave", "the", "other", "incoming", "traffic", "alone"}, {"leave", "the", "other", "ingress", "traffic", "alone"},
	{"leave", "all", "other", "traffic", "alone"}, {"leave", "the", "other", "traffic", "alone"},
}, untouched()...)

// restOpen reads "all other egress stays allowed", "every other flow is
// untouched", "everything else they do should keep working", "the rest
// stays as it is" at i, what a deny leaves alone: its length, or -1.
func restOpen(toks []token, i int) int {
	j := -1
	// "but all their other egress has to keep working": the pods' own rest.
	for _, who := range [][]string{{"the", "rest", "of", "its"}, {"the", "rest", "of", "their"}, {"all", "their", "other"}, {"all", "its", "other"}, {"their", "other"}, {"its", "other"},
		{"all", "other"}, {"every", "other"}, {"any", "other"}, {"everything", "else"}, {"the", "rest"},
		{"in-cluster"}, {"intra-cluster"}, {"internal"}, {"other"}} {
		if phraseIn(toks, i, who) {
			j = i + len(who)
			break
		}
	}
	// "intra-tenant traffic in tc-alpha has to keep working": the traffic
	// inside a place, as "in-cluster" is.
	if j < 0 && i < len(toks) && strings.HasPrefix(toks[i].low, "intra-") && len(toks[i].low) > len("intra-") {
		j = i + 1
	}
	if j < 0 {
		j = trafficInside(toks, i)
	}
	if j < 0 {
		return -1
	}
	if j < len(toks) && restWhat[toks[j].low] {
		j++
		// "the rest of their outbound traffic": what and its noun.
		if j < len(toks) && restWhat[toks[j].low] {
			j++
		}
		// "Other traffic into staging should stay allowed": the rest of
		// what reaches a place named by one word.
		if j+1 < len(toks) && (toks[j].low == "into" || toks[j].low == "to" || toks[j].low == "from" || toks[j].low == "in") && toks[j+1].kind == tWord &&
			!meaningful(toks[j+1]) && !determiners[toks[j+1].low] && !restVerbs[toks[j+1].low] {
			j += 2
		}
	}
	if phraseIn(toks, j, []string{"they", "do"}) || phraseIn(toks, j, []string{"it", "does"}) {
		j += 2
	}
	verbs := restVerbs
	if j < len(toks) && (toks[j].low == "should" || toks[j].low == "must" || toks[j].low == "will" || toks[j].low == "can") {
		j++
		verbs = restModalVerbs
	} else if j+1 < len(toks) && (toks[j].low == "has" || toks[j].low == "have" || toks[j].low == "needs" || toks[j].low == "need") && toks[j+1].low == "to" {
		j += 2 // "in-cluster traffic has to keep working"
		verbs = restModalVerbs
	}
	if j+1 < len(toks) && verbs[toks[j].low] && restHow[toks[j+1].low] {
		return j + 2 - i
	}
	return -1
}

// trafficInside reads "traffic inside the cluster", "connections within
// the namespace", "flows in our cluster" at i, the traffic inside a place
// as "in-cluster" says it: its end, or -1.
func trafficInside(toks []token, i int) int {
	if i+2 >= len(toks) || !restWhat[toks[i].low] || !(toks[i+1].low == "in" || toks[i+1].low == "inside" || toks[i+1].low == "within") {
		return -1
	}
	k := i + 2
	if toks[k].low == "the" || toks[k].low == "this" || toks[k].low == "our" || toks[k].low == "its" || toks[k].low == "their" || toks[k].low == "that" {
		k++
	}
	if k < len(toks) && (toks[k].low == "cluster" || toks[k].low == "namespace") {
		return k + 1
	}
	return -1
}

var (
	restWhat       = set("traffic", "egress", "ingress", "outbound", "inbound", "outgoing", "incoming", "flow", "flows", "connections", "sources", "destinations", "clients", "callers")
	restVerbs      = set("stays", "stay", "is", "are", "remains", "remain", "keeps", "keep")
	restModalVerbs = set("stay", "remain", "keep", "be")
	restHow        = set("allowed", "open", "untouched", "unaffected", "working", "flowing", "as")
)

// leftWords say which traffic a deny leaves alone: "traffic inside the
// cluster", "in-cluster traffic", "the rest of their egress".
var leftWords = set("the", "all", "other", "traffic", "in-cluster", "intra-cluster", "internal", "inside", "within", "in", "cluster", "everything", "else",
	"rest", "of", "egress", "ingress", "outbound", "inbound", "outgoing", "incoming", "its", "their", "connections", "flows")

// leftHow say that it stays as it was.
var leftHow = [][]string{{"as", "it", "is"}, {"as", "is"}, {"as", "they", "are"}, {"untouched"}, {"alone"}, {"unaffected"}, {"intact"}, {"open"}, {"allowed"}, {"working"}}

// restLeft reads "leaving traffic inside the cluster as it is", "leave
// in-cluster traffic untouched", "leaving the rest of their egress alone"
// at i, what a deny leaves as it was: its length, or -1.
//
// So too "without touching the rest of their ingress", "without affecting
// in-cluster traffic": what is left untouched, said after "without".
func restLeft(toks []token, i int) int {
	if phraseIn(toks, i, []string{"without"}) && i+1 < len(toks) && (toks[i+1].low == "touching" || toks[i+1].low == "affecting" || toks[i+1].low == "changing") {
		j := i + 2
		rest := false
		for j < len(toks) && leftWords[toks[j].low] {
			rest = rest || !determiners[toks[j].low] && toks[j].low != "of"
			j++
		}
		if rest && (j == len(toks) || toks[j].kind == tPunct) {
			return j - i
		}
		return -1
	}
	if i >= len(toks) || toks[i].low != "leaving" && toks[i].low != "leave" && toks[i].low != "leaves" {
		return -1
	}
	j := i + 1
	for j < len(toks) && leftWords[toks[j].low] {
		j++
	}
	if j == i+1 {
		return -1
	}
	for _, h := range leftHow {
		if phraseIn(toks, j, h) {
			return j + len(h) - i
		}
	}
	return -1
}

// phraseIn reports whether the words of ph stand at i.
func phraseIn(toks []token, i int, ph []string) bool {
	if i < 0 || i+len(ph) > len(toks) {
		return false
	}
	for n, w := range ph {
		if toks[i+n].low != w {
			return false
		}
	}
	return true
}

// restatementLen is the length of the restatement at i, or -1.
func restatementLen(toks []token, i int) int {
	if n := restOpen(toks, i); n >= 0 {
		return n
	}
	if n := restLeft(toks, i); n >= 0 {
		return n
	}
	for _, r := range restatements {
		if phraseIn(toks, i, r) {
			return len(r)
		}
	}
	return -1
}

// untouched spells "don't touch any other traffic", "leave all other
// egress alone", "don't touch anything else", "without touching any other
// traffic", "no other traffic should change": a deny says nothing about
// the rest.
func untouched() [][]string {
	var out [][]string
	for _, verb := range [][]string{{"don't", "touch"}, {"do", "not", "touch"}, {"leave"}, {"don't", "change"}, {"do", "not", "change"}, {"without", "touching"}, {"without", "changing"}} {
		for _, who := range [][]string{{"any", "other"}, {"all", "other"}, {"all", "their", "other"}, {"all", "its", "other"}, {"every", "other"}, {"other"}, {"the", "other"}, {"their", "other"}, {"its", "other"}} {
			for _, what := range []string{"traffic", "egress", "ingress", "connections", "flows", "flow", "rules"} {
				out = append(out, append(append(slices.Clone(verb), who...), what))
			}
		}
		// "but don't touch anything else", "do not change everything else",
		// "without touching the rest".
		for _, rest := range [][]string{{"anything", "else"}, {"everything", "else"}, {"the", "rest"}} {
			out = append(out, append(slices.Clone(verb), rest...))
		}
	}
	// "no other traffic should change", "nothing else changes": the rest
	// as the subject of the change.
	for _, who := range [][]string{{"no", "other", "traffic"}, {"no", "other", "egress"}, {"no", "other", "ingress"}, {"no", "other", "connections"}, {"no", "other", "flows"}, {"nothing", "else"}} {
		for _, change := range [][]string{{"should", "change"}, {"must", "change"}, {"will", "change"}, {"changes"}, {"change"}, {"should", "be", "changed"}, {"is", "changed"}, {"should", "be", "touched"}, {"is", "touched"}} {
			out = append(out, append(slices.Clone(who), change...))
		}
	}
	return out
}

// restAbout is the length of words that say what the rest a deny leaves
// alone is about, to the end of the clause: "without changing anything
// else about who reaches vault", "don't touch anything else about their
// egress". Words only: a value ("about app=cache") or a word of meaning
// ("about who else may not ...") is no restatement; 0 when none.
func restAbout(toks []token) int {
	if len(toks) < 2 || len(toks) > 8 || toks[0].low != "about" {
		return 0
	}
	for _, t := range toks[1:] {
		if t.kind == tPunct && t.low != "," && t.low != ";" && t.low != "(" && t.low != ")" {
			continue
		}
		if t.kind != tWord || meaningful(t) && !restTail[t.low] && t.low != "egress" && t.low != "ingress" {
			return 0
		}
	}
	return len(toks)
}

// restTail are the words that may end a restatement: "leave the rest of
// its egress alone", "everything else stays as it is".
var restTail = set("of", "its", "their", "the", "egress", "ingress", "traffic", "alone", "as", "it", "is", "untouched", "open", "be", "flows", "exactly",
	"flow", "connections", "unchanged", "allowed", "there", "working", "by", "default", "today", "before", "now", "they", "are", "was", "to", "them",
	"like", "does", "did", "usual", "always", "has", "had", "reach")
