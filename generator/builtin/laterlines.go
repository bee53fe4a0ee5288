package builtin

import (
	"fmt"
	"strings"

	"github.com/kunerva/kunerva/generator"
)

// A chat message goes on over lines: "only app=api may reach app=db on
// 5432 in ns prod\n*5433", "block /bin/bash in app=web\nmeant /bin/sh",
// "...\nsshd is fine", "...\nalso ns payments app=pay on 8443". A line after
// the rule's own is read into the same clause, where it may take back a
// value, add one that leaks onto the rule before it, or say a fact no rule
// reads; these rows of lineRows (lines.go) ask about such a line rather
// than fold it in.

// laterLineSaid asks about a line after the rule's first that corrects it
// ("*staging", "actually just X", "meant X") or that names the namespace
// of a peer an earlier line named ("app=web ... talk to app=api on 8080\nalso
// ns payments app=pay on 8443" put app=api in payments too).
func laterLineSaid(p *lineReading, _ int) string {
	if !p.multiline() {
		return ""
	}
	for _, l := range p.lines[1:] {
		if l.corrects {
			return fmt.Sprintf("does the line %q correct the rule before it? Say the whole request again as it should be, in one piece", p.lineText(l))
		}
	}
	// A peer's namespace read from a later line than the peer's labels.
	at := func(field string) (int, bool) {
		for _, o := range p.in.Origins {
			if o.Field == field && o.From == generator.FromRequest {
				return o.Start, true
			}
		}
		return 0, false
	}
	lineAt := func(pos int) int { return strings.Count(p.request[p.toks[0].start:max(pos, p.toks[0].start)], "\n") }
	for n, r := range p.in.Network {
		for k := range r.Peers {
			ns, ok := at(fmt.Sprintf("network[%d].peers[%d].namespace", n, k))
			if !ok {
				continue
			}
			for _, o := range p.in.Origins {
				if strings.HasPrefix(o.Field, fmt.Sprintf("network[%d].peers[%d].pods", n, k)) && o.From == generator.FromRequest && lineAt(o.Start) < lineAt(ns) {
					return fmt.Sprintf("which peers are in namespace %q: only those named on its own line, or also %q before it? Name the namespace beside each peer (\"app=api in namespace shop\")", r.Peers[k].Namespace, o.Text)
				}
			}
		}
	}
	return ""
}

// laterLineUnread asks about a word no rule reads on a line after the
// rule's first: "db listens on 5433 tho", "sshd is fine", "all of prod
// really", "that second range is our vpn tho". On a line of its own it
// says something of the rule, which dropped it.
func laterLineUnread(p *lineReading, i int) string {
	if p.of == nil || p.of[i] == 0 {
		return ""
	}
	l := p.lineAt(i)
	if l.listItem() {
		return ""
	}
	return fmt.Sprintf("what does %q on the line %q change? The rule before it does not read it; say it in the rule, or leave the line out", p.toks[i].raw, p.lineText(l))
}

// laterLineValues asks about a later chat line that the clause joined to the
// rule before it: a value said again ("/bin/sh not needed" after "block
// /bin/bash and /bin/sh"), a port alone ("and for them on 80 as well",
// which narrowed a deny on every port to 80), DNS lookups limited by a
// pointer ("and dns only for those", which allowed every name).
func laterLineValues(p *lineReading, _ int) string {
	if !p.multiline() {
		return ""
	}
	lineOf := p.of
	valued := func(t token) bool { return t.kind == tLabel || t.kind == tCIDR || t.kind == tDomain || t.kind == tPath }
	for i, t := range p.toks {
		if lineOf[i] == 0 || !p.taken(i) {
			continue
		}
		// a value said on an earlier line, said again
		for k := 0; k < i; k++ {
			if lineOf[k] < lineOf[i] && p.toks[k].low == t.low && (valued(t) || p.claim[i] == "port" && p.claim[k] == "port") {
				return fmt.Sprintf("what does the line %q say of %s, which the rule before it names already: is it left out of the rule, or said again? Say the rule again with only the values it should hold", p.lineText(p.lineAt(i)), t.raw)
			}
		}
		// a port on a line that names no peer, joined to the peers of
		// an earlier line that gave them none.
		if p.claim[i] == "port" && len(p.in.Network) > 0 {
			own, before := false, false
			for k, x := range p.toks {
				if valued(x) || p.claim[k] == "entity" {
					if lineOf[k] == lineOf[i] {
						own = true
					} else if lineOf[k] < lineOf[i] {
						before = true
					}
				}
				if lineOf[k] < lineOf[i] && p.claim[k] == "port" {
					before = false
					break
				}
			}
			if before && !own {
				return fmt.Sprintf("which rule is the port on the line %q for? Said alone on a line of its own, it narrows the rule before it to that port; say each rule with its peers and ports together", p.lineText(p.lineAt(i)))
			}
		}
		// "and dns only for those": the names looked up, by a pointer.
		if p.claim[i] == "dns" && p.is(i+1, "only") && p.is(i+2, "for", "of", "to") && p.is(i+3, "those", "them", "these", "it") {
			return fmt.Sprintf("which names may the pods look up (%q)? Name them in the DNS rule (\"DNS lookups of *.github.com only\")", p.text(i, i+4))
		}
	}
	return ""
}

// laterLineJoined asks when a later line of a chat message, read in one
// statement with the rule before it, gave that rule a value (a path,
// capability, label, port or namespace): "block access to /etc/shadow in
// app=web\n/usr/sbin/sshd is whitelisted" made sshd the one process
// blocked, "only app=api may reach app=db on 5432\napp=batch: 5433" made
// the app=batch pods those of a new policy, "in app=web only /usr/bin/node
// may run\nblock /usr/bin/curl" allowed curl from node. What the line adds
// (another rule, a peer, an exception, a remark) is the author's to say.
// A list item ("- ...") is read with its list, and a heading line before
// the rule, which names no value, where headings are asked about.
func laterLineJoined(p *lineReading, _ int) string {
	for _, l := range p.lines[min(1, len(p.lines)):] {
		if p.toks[l.start].kind == tPunct || !p.valueRead(0, l.start) {
			continue
		}
		if p.valueRead(l.start, l.end) {
			return fmt.Sprintf("what does the line %q add to the rule before it: another rule, an exception, or a remark? Say it as a sentence of its own (\"block ...\", \"also allow ...\")", p.request[p.toks[l.start].start:p.toks[l.end-1].end])
		}
	}
	return ""
}

// valueRead reports whether a rule of lineValueRules read a token of [i, j).
func (p *lineReading) valueRead(i, j int) bool {
	for k := i; k < j; k++ {
		if lineValueRules[p.claim[k]] {
			return true
		}
	}
	return false
}

// A chat message, a README or a YAML comment goes on over lines that the
// clause reads as one: "block /bin/bash in app=web\n/bin/sh: allow",
// "deny egress ... to 10.0.0.0/8\n10.1.0.0/16 is trusted", "only app=api
// may reach app=db on 5432\nthe attacker came from app=batch". A later
// line's values joined the rule before it and took its verdict, while
// the words that gave them another (or said they were a fact, a story, a
// trusted range) were read as no rule's. laterLineSays asks when a later
// line with a value (a line that is no bulleted list item, which the
// rules of items read):
//   - says a verdict of its own, after an earlier line said one
//     ("/bin/sh allowed", "let /bin/sh through", "# /usr/bin/curl: audit",
//     "don't touch 10.1.0.0/16", "10.1.0.0/16: ok"); or
//   - holds a word no rule reads ("tho", "fwiw", "trusted", "nuke",
//     "internal", "the attacker used", "IOCs").
func laterLineSays(p *lineReading, _ int) string {
	if len(p.in.Network) == 0 && len(p.in.System) == 0 {
		return ""
	}
	verdictSaid := false
	for _, l := range p.lines {
		value, verdict, unread := false, false, -1
		for k := l.start; k < l.end; k++ {
			t := p.toks[k]
			switch {
			case t.kind != tWord && t.kind != tPunct || lineValueClaims[p.claim[k]]:
				value = true
			case t.kind == tWord && (lineVerdictClaims[p.claim[k]] || lineVerdictWords[t.low]):
				verdict = true
			case t.kind == tWord && p.claim[k] == "no-meaning" && strings.ContainsFunc(t.low, func(r rune) bool { return r >= 'a' && r <= 'z' }) && unread < 0:
				unread = k
			}
		}
		// ("- /bin/bash is only audited": a list item, which the rules of
		// items read.)
		if l.start > 0 && value && l.mark != bulletMark {
			line := p.lineText(l)
			if verdict && verdictSaid {
				return fmt.Sprintf("what verdict does the line %q give? The rule before it gives its values one verdict; say each in a sentence of its own (\"block /bin/bash. Allow /bin/sh.\"), or leave the line out", line)
			}
			if unread >= 0 {
				return fmt.Sprintf("what does %q say in the line %q: a rule, an exception to the one before it, or a remark? Say it as a rule of its own (\"deny egress to 10.0.0.0/8 except 10.1.0.0/16\"), or leave the line out", p.toks[unread].raw, line)
			}
		}
		verdictSaid = verdictSaid || verdict
	}
	return ""
}

// starredWord asks about a word marked with a star that no rule read as a
// value: "*staging", "*5433", "staging*", the mark with which chat
// corrects what was said before it. On a line of its own it is asked
// about as a word of a later line (laterLineUnread); on the rule's line
// ("only app=frontend may reach app=api on 8080 *staging", "... on 8080
// (*staging)") it was dropped, and the policy held for namespace default.
// A pattern ("*.example.com", "/etc/*") is read by the rules of values,
// and a word in stars ("*not*") stresses it.
func starredWord(p *lineReading, _ int) string {
	if len(p.in.Network) == 0 && len(p.in.System) == 0 {
		return ""
	}
	for k, t := range p.toks {
		if valueRules[p.claim[k]] || strings.HasPrefix(p.claim[k], "dns") || len(t.raw) < 2 {
			continue
		}
		open := t.raw[0] == '*' && isAlnum(t.raw[1])
		closed := t.raw[len(t.raw)-1] == '*' && isAlnum(t.raw[len(t.raw)-2]) && t.kind == tWord && !strings.ContainsAny(t.raw, "/.=")
		if open != closed {
			return fmt.Sprintf("does %q correct the rule? A star marks a correction in chat: say the whole request again as it should be, in one piece", t.raw)
		}
	}
	return ""
}

// isAlnum reports whether b is an ASCII letter or digit.
func isAlnum(b byte) bool {
	return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9'
}

// wholeUnread asks about words that say all of something where no rule
// reads them: a later line, or the tail after the rule's last comma,
// semicolon, dash or bracket, whose words are all filler ("block writes
// to /etc/ in app=web\nall of it actually", "..., all of it", "\nthe whole
// thing", "\nentirely", "\neverything"). Dropped, the rule kept /etc/
// without its subdirectories, while the words may ask for them (or for
// every namespace, or every port).
func wholeUnread(p *lineReading, _ int) string {
	if len(p.in.Network) == 0 && len(p.in.System) == 0 {
		return ""
	}
	for _, l := range p.lines {
		s := l.start
		if l.n == 0 || l.listItem() {
			// the tail of the line after its last comma, semicolon,
			// dash or bracket
			s = -1
			for k := l.end - 1; k > l.start; k-- {
				if p.is(k, ",", ";", "-", "–", "—", "(") {
					s = k + 1
					break
				}
			}
			if s < 0 {
				continue
			}
		}
		whole, unread := false, true
		for k := s; k < l.end && unread; k++ {
			t := p.toks[k]
			whole = whole || wholeWord(p.toks[s:l.end], k-s)
			unread = t.kind == tPunct || p.claim[k] == "filler" || p.claim[k] == "refers-back" || p.claim[k] == "anyone" && t.low == "everything"
		}
		e := l.end
		for e > s && p.toks[e-1].kind == tPunct {
			e--
		}
		if whole && unread {
			return wholeQuestion(p.text(s, e))
		}
	}
	return ""
}

// wholeWord reports whether toks[k] says all of something: "entirely",
// "the whole thing", "all of it", or "everything" alone.
func wholeWord(toks []token, k int) bool {
	t := toks[k].low
	return allOfWords[t] || t == "all" && k+1 < len(toks) && toks[k+1].low == "of" || t == "everything" && len(toks) == 1
}

// wholeQuestion asks what words that say all of something cover.
func wholeQuestion(said string) string {
	return fmt.Sprintf("what does %q cover: the subdirectories of a directory, every namespace, every port? The rule does not read it; say it in the rule (\"/etc/ and everything under it\", \"in every namespace\"), or leave it out", said)
}

// wholeClause reports whether a clause only says that all of something is
// meant: "All of it.", "The whole thing, actually.", "Entirely." after a
// rule (dismissed as "says-whole", asked by wholeSaid).
func wholeClause(toks []token) bool {
	whole := false
	for k, t := range toks {
		switch {
		case wholeWord(toks, k):
			whole = true
		case t.kind == tPunct || wholeFillers[t.low] || correctionMarks[t.low]:
		default:
			return false
		}
	}
	return whole
}

// wholeFillers stand beside the words of wholeClause: "all of it", "the
// whole thing".
var wholeFillers = set("of", "it", "them", "that", "this", "the", "thing", "lot", "please", "too", "pls", "plz")

// wholeSaid asks about a clause that only says all of something is meant
// ("block writes to /etc/ in app=web. All of it."): no rule reads it, and
// it may ask for a directory's subdirectories.
func wholeSaid(request string, d clause, intents []*generator.Intent) error {
	if d.dismissed != "says-whole" {
		return nil
	}
	return &generator.NotUnderstoodError{Request: request, Understood: intents[0].Summary(), Missing: wholeQuestion(d.text(request)), Example: generator.ExampleFor(intents[0])}
}
