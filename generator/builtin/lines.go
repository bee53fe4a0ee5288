package builtin

import (
	"slices"
	"strings"

	"github.com/kunerva/kunerva/generator"
)

// A chat message, a README or a YAML comment goes on over lines, and says
// beside its rule what is no rule of this policy: a later line that
// corrects the rule ("\n*5433", "\nmeant /bin/sh"), says a value again or
// gives it another verdict ("\n/bin/sh: allow"), a hedge, a plan or a
// story ("prob /bin/sh too"), a place or an aside ("@prod", "db is in
// backend fwiw"), a mark of chat ("writes -> block", ", no /bin/sh").
// Read into the rule, they changed it. The clause's lines are found once
// (readLines: which line each word is on, and what each line is: the
// rule's, a later one, a list item, a correction); lineRows are the checks
// that read them, each asked at one point of the accounting (lineStage).
// The checks are in laterlines.go (what a later line says) and
// chatlines.go (the words and marks of chat).

// lineMark is what opens a line as an item of a list.
type lineMark uint8

const (
	noMark     lineMark = iota
	bulletMark          // "- ...", "* ...", "• ..."
	dashMark            // "– ...", "— ..."
	numberMark          // "2. ...", "2) ..."
)

// A line is the clause's tokens toks[start:end] on its line n (0: the
// line the clause opens on, the rule's).
type line struct {
	n, start, end int
	mark          lineMark
	// corrects: the line opens with a mark of a correction ("*staging",
	// "actually just X", "meant X", "i mean X"), or ends with a star
	// ("staging*") or a mark ("all of it actually"); a list item does
	// not.
	corrects bool
}

// listItem reports whether the line is an item of a list ("- curl keeps
// working", "* block ...", "2. ..."): the rules of lists ask about their
// items.
func (l line) listItem() bool { return l.mark != noMark }

// lineReading is what every row reads: the parser with its claims, the
// policy read from the clause, and the clause's lines, found once.
type lineReading struct {
	*parser
	in *generator.Intent
	// of is, for each token of the clause, how many line breaks stand
	// before it in the clause; nil when the clause's tokens are not in the
	// order of the request (a value another sentence stood in for), and
	// then lines is empty.
	of    []int
	lines []line
}

// readLines finds the clause's lines.
func (p *parser) readLines(in *generator.Intent) *lineReading {
	r := &lineReading{parser: p, in: in}
	if len(p.toks) == 0 || !slices.IsSortedFunc(p.toks, func(x, y token) int { return x.start - y.start }) {
		return r
	}
	r.of = make([]int, len(p.toks))
	for i := 1; i < len(p.toks); i++ {
		r.of[i] = r.of[i-1] + strings.Count(p.request[p.toks[i-1].end:p.toks[i].start], "\n")
	}
	for s := 0; s < len(p.toks); {
		e := s + 1
		for e < len(p.toks) && r.of[e] == r.of[s] {
			e++
		}
		l := line{n: r.of[s], start: s, end: e}
		switch {
		case p.is(s, "-", "*", "•"):
			l.mark = bulletMark
		case p.is(s, "–", "—"):
			l.mark = dashMark
		case p.toks[s].kind == tNumber && p.is(s+1, ".", ")"):
			l.mark = numberMark
		}
		t := p.toks[s]
		last := e - 1
		for last > s && p.toks[last].kind == tPunct {
			last--
		}
		l.corrects = !l.listItem() && (strings.HasPrefix(t.raw, "*") || strings.HasSuffix(p.toks[e-1].raw, "*") ||
			correctionMarks[strings.TrimSuffix(t.low, ";")] || t.low == "i" && p.is(s+1, "mean", "meant") ||
			// "all of it actually", "in all namespaces actually": the
			// mark closes the line as well as it opens it.
			last > s && correctionMarks[p.toks[last].low])
		r.lines = append(r.lines, l)
		s = e
	}
	return r
}

// multiline reports whether the clause goes on over more than one line.
func (r *lineReading) multiline() bool { return len(r.lines) > 1 }

// lineAt is the line of the clause token i is on.
func (r *lineReading) lineAt(i int) line {
	return r.lines[slices.IndexFunc(r.lines, func(l line) bool { return l.start <= i && i < l.end })]
}

// lineText is the text of the line.
func (r *lineReading) lineText(l line) string { return r.text(l.start, l.end) }

// lineStart reports whether the token at i opens a line of the request
// after its first (which the clause may open on).
func (p *parser) lineStart(i int) bool {
	return strings.HasSuffix(strings.TrimRight(p.request[:p.toks[i].start], " \t"), "\n")
}

// lineStage is the point of the accounting (account) where a row is asked:
// a question asked earlier is asked in place of the more precise ones
// after it.
type lineStage uint8

const (
	beforeWords lineStage = iota // before the words no rule read are asked about
	atWord                       // of each word no rule read, at once
	atWordLate                   // of each word no rule read, asked after every other question of the accounting
	afterWords                   // after the words no rule read
	lateClause                   // with the questions of atWordLate, when none was asked
	atEnd                        // when the accounting has asked nothing
	afterValues                  // after valuesKept, once every value read is known to be kept
)

// lineRow is one thing the lines of a chat message or comment may not say
// unread beside the rule (what), asked at stage when: ask returns the
// question, or "". Rows of the word stages read the word at i; the others
// are given i = -1.
type lineRow struct {
	what string
	when lineStage
	ask  func(r *lineReading, i int) string
}

// lineRows are in the order their checks ran before they were one table,
// so that a clause holding two asks the same question first.
var lineRows = []lineRow{
	{"a chat word some rule took for something else (a method, a question, \", well\")", beforeWords, chatSaid},
	{"a row of a heading's list whose value is not ports (\"- cart: none\")", beforeWords, rowValueUnread},
	{"a chat word that sets what it stands beside apart (a hedge, a plan, a story, a diff)", atWord, unreadChat},
	{"a place or a chat aside beside the rule", atWordLate, placeTagUnread},
	{"a word no rule read on a later line", atWordLate, laterLineUnread},
	{"a later line that says a value again, a port alone, or DNS by a pointer", afterWords, laterLineValues},
	{"a later line that corrects the rule, or names a peer's namespace", lateClause, laterLineSaid},
	{"a later line with a value and a verdict or a word of its own", atEnd, laterLineSays},
	{"a negation closed by \"either\" after an allow", atEnd, eitherSaid},
	{"an arrow between verdicts, or \"no\" before a value of an allow-list", atEnd, chatMarksSaid},
	{"a word marked with a star, the mark of a correction in chat", atEnd, starredWord},
	{"all of what the rule names, said where no rule reads it", atEnd, wholeUnread},
	{"a later line that gave the rule before it a value", afterValues, laterLineJoined},
}

// ask returns the question of the first row of the stage that has one, of
// the word at i (or -1).
func (r *lineReading) ask(when lineStage, i int) string {
	for _, row := range lineRows {
		if row.when != when {
			continue
		}
		if q := row.ask(r, i); q != "" {
			return q
		}
	}
	return ""
}

// The words of chat, one list per meaning.
var (
	// correctionMarks open a line that takes back or corrects the line
	// before it: "actually just 10.1.0.0/16", "meant /bin/sh", "sry typo,
	// 5433", "err /bin/sh", "rather /bin/sh".
	correctionMarks = set(append([]string{"actually", "meant", "err", "erm", "rather", "correction", "edit", "scratch", "nvm", "nevermind", "tl", "tldr"}, apologies...)...)

	// allOfWords say all of something: "all of it", "the whole thing",
	// "entirely".
	allOfWords = set("whole", "entire", "entirely", "fully", "completely")

	// hedgingAsides both leave what they stand beside open and set a
	// remark apart: "imo", "iirc".
	hedgingAsides = set("imo", "imho", "iirc", "afaik", "idk")
	// chatHedges leave what they stand beside open, as hedgeWords do.
	chatHedges = with(hedgingAsides, "prob", "probs", "prolly", "ig", "bonus", "dunno")
	// chatAsideMarkers end or open a remark beside the rule: "..., db is
	// in backend fwiw".
	chatAsideMarkers = with(hedgingAsides, "fwiw", "btw", "afaict", "tho", "though", "fyi", "ps", "nb", "ofc", "idr")
	// hedgeVerbs hedge after "i": "/bin/sh too i think", "i guess".
	hedgeVerbs = set("think", "guess", "reckon", "suppose", "believe")

	// planWords say that what they stand beside is for another change.
	planWords = set("future", "follow-up", "followup", "follow-ups", "separately", "afterwards", "roadmap")
	// pastWords tell what was tried or done before, not what this policy
	// does.
	pastWords = set("tried", "old", "v1", "broke", "broken", "died", "crashed")
	// takenBackWords take a value back: "5433 is gone".
	takenBackWords = set("gone", "removed", "retired", "decommissioned", "obsolete", "unneeded", "unused")
	// waitWords hold a rule until something happens: "once the vpn moves".
	waitWords = set("once")
	// chatQuestionOpeners open a question at the start of a line: "should
	// we also do /bin/sh", "what about /bin/sh", "can we also open 5433".
	chatQuestionOpeners = [][2]string{{"should", "we"}, {"can", "we"}, {"could", "we"}, {"shall", "we"}, {"do", "we"}, {"should", "i"},
		{"what", "about"}, {"how", "about"}, {"what", "abt"}, {"how", "abt"}}

	// chatMethods are HTTP methods as chat writes them: "GETs only", "get
	// only", "POSTs".
	chatMethods = map[string]string{"gets": "GET", "posts": "POST", "puts": "PUT", "deletes": "DELETE", "patches": "PATCH", "get": "GET", "post": "POST"}
	// containerWords name one container of a pod.
	containerWords = set("sidecar", "sidecars")
	// intermediaries carry traffic on to a peer: "via the egress proxy".
	intermediaries = set("proxy", "proxies", "gateway", "gateways", "pgbouncer", "bastion", "jumphost", "jump-host", "squid", "haproxy", "envoy", "nat", "relay", "tunnel", "vpn")

	// eitherNegations negate a verb ("db shouldn't call out either"); "no
	// modifications in there either" says the rule again.
	eitherNegations = set("not", "never", "shouldn't", "mustn't", "can't", "cannot", "won't", "don't", "doesn't", "isn't", "aren't", "wouldn't")
	// arrowMarks point a value to a verdict in chat: "writes -> block".
	arrowMarks = set("->", "=>", "→", "-->", "⇒")

	// lineValueRules are the rules that read a value of a rule on a later
	// line.
	lineValueRules = set("labels", "path", "port", "cidr", "capability", "source", "namespace")
	// lineValueClaims are the readings of a word that is a value of a rule.
	lineValueClaims = set("dns", "http-method", "executable-name", "entity", "writes", "file-word", "process-word")
	// lineVerdictClaims are the readings of a word that gives a verdict.
	lineVerdictClaims = set("action-word", "allow-word", "deny-word", "verdict", "negation", "default-deny", "allow-list-rest")
	// lineVerdictWords give a value a verdict in chat, though some rule
	// reads them as filler elsewhere: "10.1.0.0/16: ok".
	lineVerdictWords = set("ok", "okay", "fine", "allowed", "blocked", "denied", "audited", "allow", "block", "deny", "audit")
)
