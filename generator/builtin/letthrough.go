package builtin

import (
	"fmt"
	"slices"
	"strings"

	"github.com/kunerva/kunerva/generator"
)

// letThroughWords say, after what they name, that it is let through or
// left alone: "/bin/bash ok", "(ns monitoring excepted)", "tier=admin
// fine", "ingress untouched", "/bin/sh: allow". Written after a rule, in a bracket or after
// a comma, they carve an exception out of it; read as one more value of
// the rule, the exception became its target. They hold the words that
// leave something out (leftOutWords).
var letThroughWords = with(leftOutWords, "ok", "okay", "fine", "exempt", "untouched", "unchanged", "open",
	"allowed", "permitted", "whitelisted", "allowlisted", "no", "allow",
	"skip", "skipped", "unaffected", "alone")

// keptOpenWords, after what they name in the words after a rule, say it
// stays open: "deny egress to 10.0.0.0/8 with 10.1.0.0/16 reachable",
// "block writes to /etc/, /etc/app/ writable". (A sentence of its own,
// "/tmp stays writable.", is read where read-only rules are.)
var keptOpenWords = set("reachable", "writable", "readable", "accessible", "available", "runnable")

// letThroughBe may stand between the words named and the let-through word:
// "app=db is fine", "kube-system stays untouched".
var letThroughBe = set("is", "are", "stays", "stay", "remains", "remain", "being", "still", "left", "can", "may", "be", "also", "too")

// looseClaims are the rules that read a word without making a rule of it
// (or read a let-through word as an allow verb of the rule before it);
// a let-through word they took is still unread.
var looseClaims = set("", "aside", "port-purpose", "names-the-value", "filler", "no-meaning", "workload-name")

// letThroughSaid asks about words after a rule that let something through
// or leave it out, which no rule read as an exception: "block /bin/sh in
// app=web, /bin/bash ok", "default deny in ns prod (ns monitoring
// excepted)", "deny all egress from app=web, kube-system excepted",
// "block NET_RAW in app=web, not SYS_ADMIN", "NOT: block /bin/sh", "current:
// audit /bin/sh in app=web", "the rest can run".
func (p *parser) letThroughSaid(in *generator.Intent) string {
	if q := p.headingNegatesOrStates(); q != "" {
		return q
	}
	if q := p.setApartSaid(); q != "" {
		return q
	}
	// "❌ allow all egress from app=web", "... :x:": a mark that rejects
	// what it stands by.
	for _, t := range p.toks {
		if rejectMarks[t.low] {
			return fmt.Sprintf("does %q reject the rule beside it, or is the rule wanted? Say the wanted rule alone, and leave the other out", t.raw)
		}
	}
	for i, t := range p.toks {
		// "deny all egress from app=web, app=db is fine": "is fine" read as
		// an allow verb that made no allow.
		// "block /bin/sh in app=web, /bin/bash allowed": "allowed" read as
		// the action of a rule that allows nothing.
		verb := p.claim[i] == "allow-word" || p.claim[i] == "action-word" || p.claim[i] == "verdict"
		loose := looseClaims[p.claim[i]] || verb && (!allows(in) || t.low == "no")
		// "/bin/bash can run", "/bin/bash may run".
		runs := p.is(i, "run", "execute") && p.is(i-1, "can", "may") && !allows(in)
		// "ingress as is".
		asIs := p.is(i, "is") && p.is(i-1, "as")
		// ("/usr/bin/curl is not allowed" blocks it.)
		if !letThroughWords[t.low] && !keptOpenWords[t.low] && !runs && !asIs || !loose && !runs && !asIs || !p.closesFragment(p.afterTrail(i+1)) || p.is(i-1, "not", "never") {
			continue
		}
		j := i
		if asIs {
			j = i - 1
		}
		// "/bin/bash: fine", "/bin/bash = ok".
		if p.is(j-1, ":", "=") {
			j--
		}
		for j > 0 && letThroughBe[p.word(j-1)] {
			j--
		}
		// "block /bin/sh in app=web with /bin/bash allowed": "with" opens
		// the words named as a comma would.
		b := j - 1
		for b >= 0 && b >= j-6 && !p.is(b, ",", "(", ";", ":", ".", "-", "with") {
			b--
		}
		if b < 0 && !(p.multi && p.clause.toks[0].start > 0) || b >= 0 && !p.is(b, ",", "(", ";", ":", ".", "-", "with") || b+1 >= j {
			continue
		}
		// "..., which is fine", "(that's ok)": said of the rule itself.
		if j == b+2 && p.is(b+1, "which", "that", "it", "this", "that's", "it's", "all", "everything", "both") {
			continue
		}
		// "with one hole left open": no name of what is let through;
		// "/usr/bin/java is the only thing that may run": what the rule is.
		if prepositions[p.word(b+1)] || slices.ContainsFunc(p.toks[b+1:j], func(t token) bool { return t.low == "only" || t.low == "just" }) || p.is(b+1, "no", "not", "nothing", "none") || !slices.ContainsFunc(p.toks[b+1:j], func(t token) bool {
			return t.kind != tWord || !fillerWords[t.low] && !determiners[t.low] && !prepositions[t.low]
		}) {
			continue
		}
		// "denies all outgoing traffic, DNS excepted", "DNS through kube-dns
		// is fine": DNS let through beside an isolation is the DNS rule
		// read; beside a deny of named peers, it opened nothing but DNS.
		if slices.Contains(p.claim[b+1:j], "dns") && !slices.ContainsFunc(in.Network, func(r generator.NetworkRule) bool { return r.Verdict == generator.Deny }) {
			continue
		}
		// "leave the api-gateway pods (app=api-gateway) alone": the
		// bracket is quoted whole, and names what it holds.
		from := b + 1
		if p.is(b, "(") && slices.ContainsFunc(p.toks[b+1:i+1], func(t token) bool { return t.low == ")" }) {
			from = b
		}
		named := strings.Trim(p.text(b+1, j), "() ")
		if p.is(b+1, "rest") || p.is(b+2, "rest") {
			return fmt.Sprintf("what becomes of the rest in %q? An allow-list drops (or blocks) everything it does not name; to add an allow and leave the rest as it is, say \"without default deny\" (Cilium), or leave it out", p.text(from, i+1))
		}
		if j == b+2 && p.is(b+1, "ingress", "egress", "incoming", "outgoing", "inbound", "outbound") {
			return fmt.Sprintf("does %q mean %s is left as it is? Say the direction to lock (\"deny all egress of ...\")", p.text(from, i+1), named)
		}
		return fmt.Sprintf("what does %q say of %s: is it left out of the rule, or let through beside it? Say the rule alone, and what it leaves out after \"except\" where kunerva can write it", p.text(from, i+1), named)
	}
	for i := range p.toks {
		// "..., not SYS_ADMIN", "(not 10.1.0.0/16)", "(not kube-system)",
		// ", not the canary": what is named after "not" is left out of the
		// rule, which joined it to its values.
		// "..., keep /bin/bash": the same, said as an order.
		// "..., just not 10.1.0.0/16", "(ok for ns monitoring)".
		opener := p.is(i, "not", "keep", "skip") || letThroughWords[p.word(i)] && p.is(i+1, "for")
		after := p.is(i-1, ",", "(", "-") || p.is(i-1, "just", "and") && p.is(i-2, ",", "(", "-")
		if !opener || !after || !looseClaims[p.claim[i]] && !slices.Contains([]string{"verdict", "action-word", "deny-word"}, p.claim[i]) {
			continue
		}
		e := i + 1
		if !p.is(i, "not", "keep", "skip") {
			e++ // "ok for"
		}
		for e < len(p.toks) && p.toks[e].kind != tPunct && e < i+5 {
			e++
		}
		if e == i+1 || !p.closesFragment(e) || allowWords[p.word(i+1)] || denyWords[p.word(i+1)] || auditWords[p.word(i+1)] {
			continue
		}
		// "..., not for crafting packets, so ...": no value left out.
		value := false
		for k := i + 1; k < e; k++ {
			value = value || p.toks[k].kind != tWord || !looseClaims[p.claim[k]]
		}
		// ("not in namespace shop": what it is placed by is asked about
		// where the places are read.)
		if !p.is(i, "not", "keep", "skip") {
			value = value || slices.ContainsFunc(p.toks[i+2:e], func(t token) bool { return !fillerWords[t.low] && !determiners[t.low] && !prepositions[t.low] })
		} else if p.is(i+1, "in", "inside", "within", "on") {
			// "..., not in kube-system or monitoring": names no rule read.
			value = !value && slices.ContainsFunc(p.toks[i+2:e], func(t token) bool {
				return !fillerWords[t.low] && !determiners[t.low] && !prepositions[t.low] && t.low != "or" && t.low != "and"
			})
		}
		if !value && (!p.is(i+1, "the", "ns", "namespace", "kube-system") || prepositions[p.word(i+1)]) {
			continue
		}
		named := p.text(i+1, e)
		if prepositions[p.word(i+1)] && p.is(i, "not", "keep", "skip") {
			named = p.text(i+2, e)
		}
		return fmt.Sprintf("what does %q say of %s: is it left out of the rule, or let through beside it? Say the rule alone, and what it leaves out after \"except\" where kunerva can write it", p.text(i, e), named)
	}
	// "allow app=lb into app=web on 80 (additive only)": the allow is to add
	// to what is open, which an allow-list of a NetworkPolicy is not.
	for i := range p.toks {
		if p.is(i, "additive", "additively") && looseClaims[p.claim[i]] && allows(in) {
			return fmt.Sprintf("does %q mean the pods' other traffic stays open? An allow puts the pods into default deny for that direction; say \"without default deny\" (Cilium), or leave it out", p.toks[i].raw)
		}
	}
	// "allow /usr/bin/node in app=web, the rest can run", "app=web:
	// /usr/bin/node only, rest audit": what becomes of the rest of a
	// system allow-list, which no rule read.
	if len(in.System) > 0 {
		for i := range p.toks {
			if p.is(i, "rest") && looseClaims[p.claim[i]] {
				return fmt.Sprintf("what becomes of the rest in %q? A KubeArmor Allow rule blocks every program or file it does not name; to watch or block the rest, ask for that rule alone", p.text(max(0, i-1), min(len(p.toks), i+3)))
			}
		}
	}
	return ""
}

// afterTrail skips, from k, the words that may trail a let-through word
// without changing it: "ok for now", "fine tho", "ok too".
func (p *parser) afterTrail(k int) int {
	for p.is(k, "tho", "though", "too", "pls", "please", "plz", "anyway", "imo") || p.is(k, "for") && p.is(k+1, "now") {
		if p.is(k, "for") {
			k++
		}
		k++
	}
	return k
}

// closesFragment reports whether the word at k ends a bracket, a comma's
// fragment or the clause.
func (p *parser) closesFragment(k int) bool {
	return k >= len(p.toks) || p.is(k, ")", ",", ".", ";", "!")
}

// negHeadingWords, opening a heading, reject the rule after it ("not
// wanted:", "NOT:", "don't:", "non-goal:", "out of scope:");
// stateHeadingWords say it is how things are ("current:", "today:").
var (
	negHeadingWords   = set("not", "no", "never", "instead", "don't", "dont", "non-goal", "non-goals", "nongoal", "nongoals", "avoid", "won't", "wont", "nope", "rejected", "anti-goal", "antigoal", "out")
	stateHeadingWords = set("current", "currently", "today", "existing", "status", "as-is", "before", "atm", "previously", "old", "as", "was")
	rejectMarks       = set("❌", ":x", ":x:", "🚫", "⛔", "✗", "✘", ":no_entry:", ":no_entry_sign:", "👎", ":-1:", ":thumbsdown:")
	headingRest       = set("want", "wanted", "needed", "fix", "is", "now", "yet", "later", "goal", "goals", "scope", "of", "do", "this", "these", "please", "pls", "state", "setup", "config", "behaviour", "behavior", "policy", "policies", "rule", "rules", "the", "in", "place", "!", "-")
)

// headingNegatesOrStates asks about a heading, set aside, that rejects the
// rule after it or says it is how things are now.
func (p *parser) headingNegatesOrStates() string {
	if len(p.toks) == 0 || p.claim[0] != "heading" && p.claim[0] != "policy-name" {
		return ""
	}
	k := 0
	for k < len(p.toks) && p.claim[k] == p.claim[0] && p.toks[k].low != ":" {
		k++
	}
	if !p.is(k, ":") {
		return ""
	}
	// Only a heading of such words alone: "No hardcoded node IPs, use
	// entities:" says how to write the rule after it.
	heading := p.toks[:k]
	neg := slices.ContainsFunc(heading, func(t token) bool { return negHeadingWords[t.low] })
	state := slices.ContainsFunc(heading, func(t token) bool { return stateHeadingWords[t.low] })
	if !slices.ContainsFunc(heading, func(t token) bool { return !negHeadingWords[t.low] && !stateHeadingWords[t.low] && !headingRest[t.low] }) {
		if neg && (!p.is(0, "out") || slices.ContainsFunc(heading, func(t token) bool { return t.low == "scope" })) {
			return fmt.Sprintf("does %q reject the rule after it, or is the rule wanted? Say the wanted rule alone, and leave the other out", p.text(0, k+1))
		}
		if state {
			return fmt.Sprintf("is the rule after %q how things are now, or one to write? Say only the rule you want", p.text(0, k+1))
		}
	}
	return ""
}

// allows reports whether the intent lets anything through.
func allows(in *generator.Intent) bool {
	return slices.ContainsFunc(in.Network, func(r generator.NetworkRule) bool { return r.Verdict == generator.Allow }) ||
		slices.ContainsFunc(in.System, func(r generator.SystemRule) bool { return r.Action == generator.ActionAllow })
}

// letThroughSentence reports whether a sentence set aside only lets
// something through or leaves it out, after the rule it is about: "deny
// all ingress in ns prod. ns monitoring excepted."
func letThroughSentence(toks []token) bool {
	e := len(toks)
	for e > 0 && toks[e-1].kind == tPunct {
		e--
	}
	if e < 2 || !letThroughWords[toks[e-1].low] {
		return false
	}
	j := e - 1
	for j > 0 && letThroughBe[toks[j-1].low] {
		j--
	}
	// ("Only app=lb keeps ingress open." is a rule of its own.)
	if j == 0 || j > 5 || prepositions[toks[0].low] || slices.ContainsFunc(toks[:j], func(t token) bool { return t.low == "only" || t.low == "just" || t.low == "keep" || t.low == "keeps" }) {
		return false
	}
	return slices.ContainsFunc(toks[:j], func(t token) bool { return t.kind != tWord && t.kind != tPunct || namespaceWords[t.low] })
}

// setApartOpeners, opening the words after a rule (after a comma, a
// bracket, a dash or "with"), set the value after them apart from the
// rule, keep it, or give it another verdict than the rule's: "..., with
// the exception of 10.0.0.0/8", "..., keeping 10.1.0.0/16 reachable",
// "..., allowing /bin/bash", "..., dropping 10.0.0.0/8", "..., stopping
// /usr/bin/wget". Unread, the value became one more of the rule's own,
// with the verdict it was set apart from.
var setApartOpeners = [][]string{{"with", "the", "exception", "of"}, {"with", "exception", "of"}, {"the", "exception", "being"}, {"exception", "being"},
	{"aside", "from"}, {"leaving", "out"}, {"carving", "out"}, {"exclusive", "of"}, {"excepting"}, {"sparing"}, {"skipping"}, {"omitting"}, {"subtracting"},
	{"bar"}, {"allowing"}, {"permitting"}, {"letting"}, {"keeping"}, {"leaving"},
	{"dropping"}, {"refusing"}, {"stopping"}, {"killing"}, {"rejecting"}, {"denying"}, {"turning", "away"}, {"turning", "down"}, {"shutting", "out"}}

// amongOpeners, before a value, and amongTrailers, after one, say that it
// is among what the rule covers, or stress it: "..., including
// /etc/ssl/", "(including /etc/nginx/conf.d/)", "even when run by
// /usr/bin/python3", "/usr/sbin/sshd included", "(api.github.com
// especially)". Read as one more value, the stressed value got a rule of
// its own (on every port, or for all access), or narrowed the rule to it.
var (
	amongOpeners  = set("including", "incl", "incl.", "even", "especially", "particularly", "notably", "regardless")
	amongTrailers = set("included", "especially", "particularly", "notably", "even", "incl", "incl.")
)

// valueWordClaims are the readings of a word that is a value of a rule:
// "deny all egress from app=web, even dns", "..., dns included" (read as
// one more value, DNS was let through what was to deny it too).
var valueWordClaims = set("dns", "entity", "http-method", "executable-name")

// setApartLoose are the rules that take a word before a value without
// reading what it does to the value: an address's description, a list's
// comma, a verdict word no rule turned into the value's verdict.
var setApartLoose = with(looseClaims, "describes-address", "endpoint", "list", "anyone", "any-traffic")

// setApartSaid asks about a value after a rule that words no rule read set
// apart from it, keep, give another verdict, or stress (setApartOpeners,
// amongOpeners, amongTrailers).
func (p *parser) setApartSaid() string {
	opensFragment := func(i int) bool {
		return i == 0 || p.is(i-1, ",", "(", "-", ";", "with", "and", "but", "while")
	}
	// the words of the fragment from i on: to the next comma, full stop
	// or bracket's end.
	fragEnd := func(i int) int {
		e := i
		for e < len(p.toks) && !p.is(e, ",", ".", ";", ")", "(") {
			e++
		}
		return e
	}
	valueIn := func(from, to int) int {
		for k := from; k < to; k++ {
			if t := p.toks[k]; t.kind != tWord && t.kind != tPunct || valueWordClaims[p.claim[k]] {
				return k
			}
		}
		return -1
	}
	for i := range p.toks {
		for _, ph := range setApartOpeners {
			// ("with the exception of" opens its words itself.)
			// (At the start, "bar the app=worker pods from ..." is the verb.)
			if !p.hasPhraseAt(i, ph) || !setApartLoose[p.claim[i]] || len(ph) == 1 && (i == 0 || !opensFragment(i)) {
				continue
			}
			e := fragEnd(i + len(ph))
			if v := valueIn(i+len(ph), e); v >= 0 {
				return fmt.Sprintf("what does %q say of %s: is it left out of the rule, kept open, or given a verdict of its own? Say the rule alone, and what it leaves out after \"except\" where kunerva can write it", p.text(i, e), p.toks[v].raw)
			}
		}
		// "..., including /etc/ssl/", "including when run by X", ", also
		// when run by X", "regardless of whether X runs it".
		among := amongOpeners[p.word(i)] || p.is(i, "also") && p.is(i+1, "when", "if")
		if among && looseClaims[p.claim[i]] && (opensFragment(i) || p.is(i+1, "when", "if", "by", "from", "for", "where", "of")) {
			e := fragEnd(i + 1)
			if v := valueIn(i+1, e); v >= 0 {
				return fmt.Sprintf("what does %q say of %s: is it one more thing the rule is for, one it already covers, or one it leaves out? Say the rule with each value it is for", p.text(i, e), p.toks[v].raw)
			}
		}
		// "..., /usr/sbin/sshd included", "(api.github.com especially)".
		if amongTrailers[p.word(i)] && looseClaims[p.claim[i]] && p.closesFragment(i+1) && i > 0 {
			b := i - 1
			for b > 0 && !p.is(b-1, ",", "(", "-", ";", ".") && b > i-4 {
				b--
			}
			if v := valueIn(b, i); v >= 0 && opensFragment(b) {
				return fmt.Sprintf("what does %q say of %s: is it one more thing the rule is for, one it already covers, or one it leaves out? Say the rule with each value it is for", p.text(b, i+1), p.toks[v].raw)
			}
		}
	}
	return ""
}

// hasPhraseAt reports whether the words from i are ph.
func (p *parser) hasPhraseAt(i int, ph []string) bool {
	for k, w := range ph {
		if p.word(i+k) != w {
			return false
		}
	}
	return true
}
