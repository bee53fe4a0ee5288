package builtin

import (
	"regexp"
	"slices"
	"strings"

	"k8s.io/apimachinery/pkg/util/validation"

	"github.com/kunerva/kunerva/generator"
)

// meaningful reports whether a token changes what a policy means: a typed
// value (label, path, number, address, name with a dot) or a word of the
// closed list of meaningWords or the action words.
func meaningful(t token) bool {
	switch t.kind {
	case tPunct:
		return false
	case tWord:
		// "production's pods": whose they are changes which pods.
		if t.possessive && !pronounPossessives[t.low] {
			return true
		}
		// "application/json", "read/write": a value written with a slash;
		// "update-rc.d": a name with a dot.
		if strings.Contains(t.low, "/") || strings.Contains(strings.Trim(t.low, "."), ".") {
			return true
		}
		// "GET|POST": values joined by a bar; "non-GET requests": all
		// methods but one, which no HTTP rule can say.
		if strings.Contains(t.low, "|") || strings.HasPrefix(t.low, "non-") && methods[strings.TrimPrefix(t.low, "non-")] {
			return true
		}
		return meaningWords[t.low] || denyWords[t.low] || allowWords[t.low] && t.low != "may" && t.low != "can" && t.low != "let" && t.low != "open" ||
			auditWords[t.low] || isolateWords[t.low] || writeWords[t.low] || systemName(t)
	}
	return true
}

// systemName reports whether a word is a system call or a capability
// written as one, with an underscore or brackets: "delete_module",
// "finit_module()", "net_raw", "CAP_SYS_ADMIN". It is a value: "Intercept
// delete_module." names what a rule is about, in words no rule reads.
func systemName(t token) bool {
	w := t.low
	return t.kind == tWord && (strings.Contains(w, "_") || strings.HasSuffix(w, "()")) && (generator.IsSyscall(strings.TrimSuffix(w, "()")) || capabilityWordRE.MatchString(w))
}

// sceneName reports whether the word at i names the place the request is
// about, a namespace or a workload, in the way of "lock down egress for
// advanced-policy-demo:": after "for", "in" or "of", before punctuation or
// the end, written as a name (with a hyphen or a digit). Left unread, it
// would leave the policy in another namespace.
func (p *parser) sceneName(i int) bool {
	w := p.word(i)
	// "... in staging only": "only" narrows to the place, which stays one.
	end := i + 1
	if p.is(end, "only") {
		end++
	}
	// "Step 3: in staging the app=worker pods ...": at the start of a
	// statement, before the pods, the scene too.
	opens := p.is(i-1, "in", "inside", "within") && (i == 1 || p.toks[i-2].kind == tPunct) && p.is(i+1, "the", "all", "every", "its", "any", "our") && !inPhrases[w]
	if !p.is(i-1, "for", "in", "of", "inside", "within") || !(end == len(p.toks) || p.toks[end].kind == tPunct || opens) || len(validation.IsDNS1123Label(w)) > 0 || strings.Contains(w, "-to-") {
		return false
	}
	// "for dvwa-web: ... the app=dvwa-web pods": the app the labels name.
	for _, t := range p.toks {
		if t.kind == tLabel {
			if _, _, v := splitLabel(t.raw); strings.EqualFold(v, w) {
				return false
			}
		}
	}
	// "in production (...)": after "in", any word that could name a
	// namespace; after "for" or "of", only one written as a name.
	return strings.ContainsAny(w, "-0123456789") || p.is(i-1, "in", "inside", "within") && !inPhrases[w] && !fillerWords[w] && !frameWords[w] && !determiners[w] && !describingWord(w) && entityWord(w) == "" &&
		!fileNouns[w] && !dirNouns[w] && !podNouns[w] && !processNouns[w] && !namespaceWords[w] && workloadKinds[w] == ""
}

// labelNamesNear reports whether a parenthesised label within the next
// four words has the word at i as its value.
func (p *parser) labelNamesNear(i int) bool {
	for k := i + 1; k < len(p.toks) && k <= i+4; k++ {
		if p.toks[k].kind == tLabel && p.is(k-1, "(") {
			if _, op, v := splitLabel(p.toks[k].raw); op == "=" && strings.EqualFold(v, p.word(i)) {
				return true
			}
		}
	}
	return false
}

// butKeeps reports whether the words from i to the clause's next mark say
// that something keeps going: "pods inside test-ns should keep talking".
func (p *parser) butKeeps(i int) bool {
	for k := i; k < len(p.toks) && p.toks[k].kind != tPunct; k++ {
		if p.is(k, "keep", "still") && (keepWorking[p.word(k+1)] || strings.HasSuffix(p.word(k+1), "ing") || p.is(k+1, "be") && keepWorking[p.word(k+2)]) {
			return true
		}
	}
	return false
}

// namePartOfLabel reports whether the word at i opens a name that the
// parenthesised label just after it spells, its words joined by hyphens,
// with only pod nouns or workload kinds between: "the reporting pods
// (app=reporting)", "the report job pods (app=report-job)".
func (p *parser) namePartOfLabel(i int) bool {
	k := i
	for k < len(p.toks) && k < i+4 && p.toks[k].kind == tWord {
		k++
	}
	if !p.is(k, "(") || k+1 >= len(p.toks) || p.toks[k+1].kind != tLabel {
		return false
	}
	_, op, v := splitLabel(p.toks[k+1].raw)
	if op != "=" {
		return false
	}
	// the name may start before i ("the audit log pods (app=audit-log)"),
	// and the words after it say what it is: "pods", "job pods".
	for s := max(0, i-2); s <= i; s++ {
		if slices.ContainsFunc(p.toks[s:i+1], func(t token) bool { return t.kind != tWord }) {
			continue
		}
		for n := k; n > i; n-- {
			if n < k && !podNouns[p.word(n)] && workloadKinds[p.word(n)] == "" {
				break
			}
			words := []string{}
			for _, t := range p.toks[s:n] {
				words = append(words, t.low)
			}
			if strings.EqualFold(v, strings.Join(words, "-")) {
				return true
			}
		}
	}
	return false
}

// pathsNamedAfter reports whether a colon or ", so" after the word at i,
// with no path before it, opens the words that name the files of the
// intent's file rules.
func (p *parser) pathsNamedAfter(i int, in *generator.Intent) bool {
	if !slices.ContainsFunc(in.System, func(r generator.SystemRule) bool { return r.Kind == generator.File }) {
		return false
	}
	for k := i + 1; k < len(p.toks); k++ {
		switch {
		case p.toks[k].kind == tPath || p.is(k, ".", ";"):
			return false
		case p.is(k, ":") || p.is(k, ",") && p.is(k+1, "so"):
			return slices.ContainsFunc(p.toks[k+1:], func(t token) bool { return t.kind == tPath })
		}
	}
	return false
}

// sameNamedByLabels reports whether the words from i, a name and a pod
// noun, are followed by the labels that select the pods: "redis pods
// (app=redis)", "pods (label app=web)", "pods labeled app=web".
func (p *parser) sameNamedByLabels(i int) bool {
	k := i
	// "same Dragonfly pods (app.kubernetes.io/name=dragonfly)": a name the
	// labels spell may stand before the pods, read or not.
	for k < i+3 && (p.taken(k) || k == i && p.namePartOfLabel(k)) && p.toks[k].kind == tWord && !podNouns[p.word(k)] {
		k++
	}
	if !podNouns[p.word(k)] {
		return false
	}
	k++
	if p.is(k, "(", "labeled", "labelled") {
		k++
	}
	if p.is(k, "label", "labels") {
		k++ // "(label app=web)"
	}
	return k > i+1 && k < len(p.toks) && p.toks[k].kind == tLabel && p.taken(k)
}

// negatedOrder reports whether the words open with an order not to do
// something other than let traffic through: "Don't touch the billing
// deployment", "Do not break checkout", "Never restart the db". ("Never
// let the db leak" orders a deny; "don't forget ..." reminds.)
func negatedOrder(toks []token) bool {
	k := 0
	switch {
	case len(toks) > 1 && (toks[0].low == "don't" || toks[0].low == "dont" || toks[0].low == "never"):
		k = 1
	case len(toks) > 2 && toks[0].low == "do" && toks[1].low == "not":
		k = 2
	default:
		return false
	}
	w := toks[k].low
	return toks[k].kind == tWord && !allowWords[w] && !orderRemarkVerbs[w]
}

// orderRemarkVerbs, negated, remind or say how to write the policy, not
// what to keep from happening: "don't forget DNS", "don't pin host
// addresses", "don't enforce yet" (asked about elsewhere).
var orderRemarkVerbs = set("forget", "need", "want", "pin", "hardcode", "hard-code", "use", "list", "enumerate", "rely", "write", "repeat", "duplicate",
	"enforce", "worry", "bother")

// temporalWords limit something in time.
var temporalWords = set("temporarily", "temporary", "during", "until", "till", "weekend", "weekends", "overnight", "tonight", "tomorrow", "weekdays",
	"midnight", "noon", "nightly", "daily", "weekly", "mornings", "evenings", "nights", "later", "eventually", "someday", "initially",
	// "(temp)", "post-init", "revert after the incident"
	"temp", "post-init", "post-startup", "revert")

// timeNames name a time a policy would begin or end at, left unread in a
// rule: "before Friday", "after the maintenance window", "over the
// holidays", "at night", "this week", "until the end of Q3", "for the
// next two weeks". ("may" and "march" are no months here: they are verbs.)
var timeNames = set("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "mondays", "tuesdays", "wednesdays", "thursdays",
	"fridays", "saturdays", "sundays", "january", "february", "april", "june", "july", "august", "september", "october", "november", "december",
	"holiday", "holidays", "christmas", "night", "morning", "afternoon", "evening", "week", "month", "quarter", "year", "sprint", "window",
	"q1", "q2", "q3", "q4", "eod", "eow", "eom", "fortnight", "business-hours", "off-hours", "after-hours")

// timeSpans name a length of time after a count: "for 2 hours", "for the
// next two weeks", "in a few days", "for an hour". ("our AppArmor days"
// counts none.)
var timeSpans = set("hours", "minutes", "days", "weeks", "months", "years", "hour", "minute", "day")

// spanCounts count a span of time: "the next two weeks", "a few days", "an hour".
var spanCounts = set("next", "coming", "few", "couple", "several", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "a", "an", "one")

// clockTimeRE is a time of day: "6am", "6 am" is two words, "18:30", "9:00pm".
var clockTimeRE = regexp.MustCompile(`^([01]?[0-9]|2[0-3])(:[0-5][0-9])?(am|pm|h)?$`)

// clockTime reports whether the word at i is a time of day: "6am",
// "18:30", or a number before "am", "pm" or "o'clock".
func (p *parser) clockTime(i int) bool {
	w := p.word(i)
	return clockTimeRE.MatchString(w) && (strings.Contains(w, ":") || strings.HasSuffix(w, "am") || strings.HasSuffix(w, "pm")) ||
		p.toks[i].kind == tNumber && p.is(i+1, "am", "pm", "a.m", "p.m", "o'clock")
}

// pronounPossessives are possessives that name nothing themselves.
var pronounPossessives = set("one", "everyone", "nobody", "someone", "anyone", "today", "everybody", "somebody", "anybody", "world", "cluster", "node", "kubernetes", "kubearmor", "cilium", "attacker", "team")

// sameKinds name what a rule is, after "same" at the start of a sentence:
// "Same treatment for ...", "Same control for ...", "Same default deny
// for ...". (Not "same ports", "same peers" or "same paths": values of a
// rule said before, which dropped would leave the rule open.)
var sameKinds = set("treatment", "control", "controls", "approach", "deal", "drill", "setup", "pattern", "recipe", "hardening", "lockdown", "lock-down",
	"default", "default-deny", "deny-all", "policy", "policies", "rule", "rules", "story", "thing", "idea", "spirit", "game")

// sameSaidAfter reports whether "same" at i opens a sentence (or the part
// after a title's colon), names the kind of the rule (sameKinds, a word
// or two), and the sentence says the rule in full after a colon or a dash
// beyond it. A word of adding ("also", "too", "plus", "as well", "in
// addition") anywhere in the clause says the rule before holds as well,
// which kunerva cannot see: then "same" stays a question.
func (p *parser) sameSaidAfter(i int) bool {
	if !(i == 0 || p.is(i-1, ":", ".", ";")) || !sameKinds[p.word(i+1)] {
		return false
	}
	if slices.ContainsFunc(p.toks, func(t token) bool {
		return additionWords[t.low] || t.low == "well" || t.low == "addition" || t.low == "again"
	}) {
		return false
	}
	dash := []string{":", "-", "–", "—"}
	for k := i + 2; k < len(p.toks); k++ {
		if p.is(k, dash...) {
			return k+1 < len(p.toks)
		}
	}
	// "Same treatment for the emoji-svc pods - only web-svc may call
	// them": the dash may end the clause, the rule the next one.
	end := p.toks[len(p.toks)-1].end
	n := slices.IndexFunc(p.all, func(t token) bool { return t.start >= end })
	return n >= 0 && n+1 < len(p.all) && slices.Contains(dash, p.all[n].low)
}

// mannerNouns end "in the same spirit", "in the same monitoring vein".
var mannerNouns = set("spirit", "vein", "fashion", "style")

// mannerAfter is the end of "[a word] spirit|vein|fashion|style," at i
// (the word no value or word of meaning), or 0.
func (p *parser) mannerAfter(i int) int {
	k := i
	if p.tok(k) != nil && p.toks[k].kind == tWord && !meaningful(p.toks[k]) && !mannerNouns[p.word(k)] {
		k++
	}
	if !mannerNouns[p.word(k)] || p.taken(k) || !p.is(k+1, ",") {
		return 0
	}
	return k + 1
}

// sentOrReceived reports whether a pronoun or the pods (read), then a verb
// of sending or receiving (read), stand at i: "they send", "it
// receives", "the app=web pods send".
func (p *parser) sentOrReceived(i int) bool {
	k := i
	if p.is(k, "they", "it") {
		k++
	} else {
		for k < i+4 && p.taken(k) && !p.is(k, "send", "sends", "receive", "receives") {
			k++
		}
		if k == i || !slices.ContainsFunc(p.toks[i:k], func(t token) bool { return t.kind == tLabel || podNouns[t.low] }) {
			return false
		}
	}
	return p.is(k, "send", "sends", "receive", "receives") && p.taken(k)
}

// onePortSaidAgain is the start of "[only|just] on|over|via that|this|the
// same port" that ends with "port" at k, when every network rule of in
// reads the same one port (an allow, if "only" says the port is all there
// is), or -1. With two ports, or none, "that port" points at what kunerva
// cannot tell.
func (p *parser) onePortSaidAgain(k int, in *generator.Intent) int {
	if !p.is(k, "port") || p.taken(k) {
		return -1
	}
	b := k - 1
	switch {
	case p.is(b, "that", "this"):
		b--
	case p.is(b, "same") && p.is(b-1, "the"):
		b -= 2
	default:
		return -1
	}
	if !p.is(b, "on", "over", "via") {
		return -1
	}
	only := p.is(b-1, "only", "just")
	if only {
		b--
	}
	var port *generator.Port
	for _, r := range in.Network {
		if len(r.Ports) != 1 || only && r.Verdict != generator.Allow || port != nil && r.Ports[0] != *port {
			return -1
		}
		port = &r.Ports[0]
	}
	if port == nil || port.ICMPType != nil {
		return -1
	}
	return b
}

// turnedDown reports whether the verdict word at k ("instead of block")
// is one no rule of in holds: the rules say the other verdict, and the
// word only sets it apart.
func (p *parser) turnedDown(k int, in *generator.Intent) bool {
	w := p.word(k)
	deny, allow, audit := denyWords[w] && !negationWords[w], allowWords[w], auditWords[w]
	if !deny && !allow && !audit || len(in.Network) == 0 && len(in.System) == 0 {
		return false
	}
	for _, r := range in.Network {
		if deny && (r.Verdict == generator.Deny || r.Verdict == generator.Isolate) || allow && r.Verdict == generator.Allow || audit {
			return false
		}
	}
	for _, r := range in.System {
		if deny && r.Action == generator.ActionBlock || allow && r.Action == generator.ActionAllow || audit && r.Action == generator.ActionAudit {
			return false
		}
	}
	return true
}
