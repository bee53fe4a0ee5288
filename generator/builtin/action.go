package builtin

import (
	"fmt"
	"slices"
	"strings"

	"github.com/kunerva/kunerva/generator"
)

// action finds the verb that governs a target: the nearest one before it,
// else the nearest after.
func (p *parser) action(origins []generator.Origin) (generator.Action, *mark, error) {
	if err := p.negatedDeny(); err != nil {
		return "", nil, err
	}
	if err := p.removalTurned(); err != nil {
		return "", nil, err
	}
	at := len(p.toks)
	for _, o := range origins {
		for k, t := range p.toks {
			if t.start == o.Start && k < at {
				at = k
			}
		}
	}
	classify := p.verdictWord
	// "block running /bin/sh, allow /usr/bin/curl", "audit writes to
	// /etc/shadow, block writes to /etc/passwd": a word of the rule (its
	// kind, its writes) stands before a verdict that stands before the
	// value. Read from that word, curl was blocked; read from the verdict,
	// whether "writes" holds for the value too is a guess.
	// The word must stand right after the first verdict ("block running",
	// no value between): "only /usr/bin/node may run in app=web, no
	// /bin/sh" has its "run" said of node, and is asked about elsewhere.
	first := ""
	for j := at - 1; j >= 0 && p.toks[j].kind != tPath; j-- {
		if a := classify(j); a != "" {
			first = string(a)
			break
		}
	}
	if len(origins) > 0 && first != "" {
		if own := p.tokenAt(origins[0].Start); own > at {
			for k := at + 1; k < own; k++ {
				if a := classify(k); a != "" && string(a) != first {
					return "", nil, p.refuse(fmt.Sprintf("%q gives a second verdict after %q: is %s for it alone, and does %q hold for it too? Say each rule with its own verb and words (\"block running A; allow running B\")", p.toks[k].raw, p.toks[at].raw, p.toks[own].raw, p.toks[at].raw), generator.ExampleSystem)
				}
			}
		}
	}
	// An "only ... may" sentence is an allow-list wherever "only" stands.
	for k := range p.toks {
		if p.word(k) == "only" && classify(k) == generator.ActionAllow && !p.hasAny(denyWords) && !p.hasAny(auditWords) && p.claim[k] != "owner-only" {
			// "Block /bin/sh in app=web. Only /usr/bin/supervisord should
			// spawn it": the one program that may do it to what a rule
			// before names, not a program to allow; read as an allow, every
			// other program in the pods was blocked.
			if v := p.onlyDoesPointed(k); v >= 0 {
				return "", nil, p.refuse(fmt.Sprintf("%q names the one program that may do it to what was named before; KubeArmor cannot block it for every process but one. Say \"block ...\" for every process, or \"allow <program> to ...\" naming the path again", p.text(k, v+2)), generator.ExampleSystem)
			}
			return generator.ActionAllow, &mark{k, k + 1, "only-may"}, nil
		}
	}
	// "the wisecow pods may use TCP and no other protocol": what they may
	// do, and nothing else of its kind, as "only ... may" says. Not
	// beside a word of blocking or auditing.
	for k := 1; k+1 < len(p.toks); k++ {
		if !p.is(k, "no") || !p.is(k+1, "other") || !p.is(k-1, "and", ",") || p.taken(k) || !p.has("may", "can") ||
			slices.ContainsFunc(p.toks, func(t token) bool { return denyWords[t.low] && t.low != "no" || auditWords[t.low] }) {
			continue
		}
		// The noun is the kind the allow covers in whole (an allow of
		// KubeArmor leaves out every other protocol, process, file or
		// capability): "and no other shell" leaves out shells only.
		e := k + 3
		if !allowKindNouns[p.word(k+2)] || p.taken(k+2) || e < len(p.toks) && p.toks[e].kind != tPunct {
			continue // "and no other pod may ...": a statement of its own
		}
		p.take(k-1, k, "allow-list-rest")
		p.take(k+1, e, "allow-list-rest")
		return generator.ActionAllow, &mark{k, k + 1, "only-may"}, nil
	}
	// "keeps trying to modprobe its module and I'd rather it never could":
	// a negation whose verb is left out may or may not be a rule.
	for k := range p.toks {
		if negationWords[p.word(k)] && p.is(k+1, "could", "can", "would", "will", "should", "does", "do", "did") && (k+2 == len(p.toks) || p.toks[k+2].kind == tPunct) {
			return "", nil, p.refuse(fmt.Sprintf("what does %q say no to? Name what to block (\"block modprobe\"), or leave the sentence out", p.text(k, k+2)), generator.ExampleSystem)
		}
	}
	// Audit words win over block words that only describe what is audited
	// ("alert without blocking", "log blocked attempts").
	for k := at - 1; k >= 0; k-- {
		if a := classify(k); a != "" {
			if err := p.verdictBeforeOwnModal(origins, k); err != nil {
				return "", nil, err
			}
			if l := p.laterVerdictOnIt(a, at); l >= 0 {
				if b := classify(l); a == generator.ActionAudit && b == generator.ActionBlock || a == generator.ActionBlock && b == generator.ActionAudit {
					return generator.ActionBlock, &mark{k, l + 1, "audit-and-block"}, nil
				}
				return "", nil, p.refuse(fmt.Sprintf("%q gives %s a second verdict after %q: which one holds? Say one verb for it (\"block X\", \"audit X\")", p.text(l, l+2), p.toks[at].raw, p.toks[k].raw), generator.ExampleSystem)
			}
			if err := p.tailVerdict(a, k); err != nil {
				return "", nil, err
			}
			return a, &mark{k, k + 1, "action-word"}, p.unclearBesideAudit(a, k)
		}
	}
	for k := at + 1; k < len(p.toks); k++ {
		if a := classify(k); a != "" {
			if err := p.verdictPastValue(origins, k); err != nil {
				return "", nil, err
			}
			if err := p.tailVerdict(a, k); err != nil {
				return "", nil, err
			}
			return a, &mark{k, k + 1, "action-word"}, p.unclearBesideAudit(a, k)
		}
	}
	if slices.Contains(p.claim, "read-only") || slices.Contains(p.claim, "owner-only") {
		for k := range p.toks {
			if p.claim[k] == "read-only" || p.claim[k] == "owner-only" {
				return generator.ActionBlock, &mark{k, k + 1, "restriction-blocks"}, nil
			}
		}
	}
	if err := p.unclearVerb(); err != nil {
		return "", nil, err
	}
	return "", nil, p.ask("I do not understand what to do with it: should this allow, block or audit it?", generator.ExampleSystem, "block")
}

// resultNouns are what a person watches for once a rule is in place: "the
// student should observe the finding", "see the alert".
var resultNouns = set("finding", "findings", "alert", "alerts", "result", "results", "output", "event", "events", "logs", "difference", "behaviour", "behavior", "violation", "violations", "message", "messages", "detection", "detections")

// watchesResult reports whether the audit word at k takes a result as its
// whole object ("observe the finding.", "see the alerts and ..."): what
// someone watches, not what a policy audits.
func (p *parser) watchesResult(k int) bool {
	j := k + 1
	if determiners[p.word(j)] {
		j++
	}
	return resultNouns[p.word(j)] && (j+1 == len(p.toks) || p.toks[j+1].kind == tPunct || p.is(j+1, "and", "in", "on"))
}

// unclearVerb asks what a verb of unclearVerbs means, when one stands in a
// clause of no verdict: "Intercept delete_module." may block it or only
// watch it; nil when there is none.
func (p *parser) unclearVerb() error {
	for _, t := range p.toks {
		if unclearVerbs[t.low] {
			return p.ask(fmt.Sprintf("what should %q do: block it, or only audit (log) it?", t.raw), generator.ExampleSystem, "block")
		}
	}
	return nil
}

// laterVerdictOnIt finds, after the value at `at`, a second verdict other
// than a whose object is a pronoun for that value, said to come on top,
// with "too", "also" or "as well": "audit /bin/sh in pods labeled app=web, block
// it too", "..., also block it". Read from the verdict before the value,
// only the audit was kept and /bin/sh still ran. Audit then block is
// "audit and block", which blocks (a block is logged too), and so is
// block then audit ("block /bin/sh, audit it too"); the origin spans both
// verdicts. Any other pair is asked about. It returns the later verdict's token, or -1.
func (p *parser) laterVerdictOnIt(a generator.Action, at int) int {
	for l := at + 1; l+1 < len(p.toks); l++ {
		b := p.verdictWord(l)
		if b == "" || b == a || !p.is(l+1, "it", "them", "that", "those", "these", "this") {
			continue
		}
		// Only a verdict said to come on top ("too", "also", "as well")
		// adds to the first; a bare ", block it" may replace it, which
		// tailVerdict asks about.
		if e := l + 2; p.is(e, "too", "also", "either") || p.is(e, "as") && p.is(e+1, "well") || p.is(l-1, "also") {
			return l
		}
	}
	return -1
}

// unclearBesideAudit asks when an audit word is joined to a verb of
// unclearVerbs: "Intercept and log reads of /etc/shadow", "trap and report
// ...", "log and catch ..." may block and log, or only log.
func (p *parser) unclearBesideAudit(a generator.Action, k int) error {
	if a != generator.ActionAudit {
		return nil
	}
	for _, j := range []int{k - 2, k + 2} {
		if unclearVerbs[p.word(j)] && p.is((j+k)/2, "and", "&", "then", "or") {
			return p.ask(fmt.Sprintf("should %q block and log, or only log (audit)? Say \"block\" or \"audit\"", p.text(min(j, k), max(j, k)+1)), generator.ExampleSystem, "audit")
		}
	}
	return nil
}

// businessOf reports whether token k is "business" in "no business" or,
// after "nothing" or "nobody", "any business", before what is done: "have
// no business modifying it", "nothing in X has any business opening Y".
func businessOf(p *parser, k int) bool {
	if !p.is(k, "business") || !(strings.HasSuffix(p.word(k+1), "ing") || p.is(k+1, "with", "in", "to")) {
		return false
	}
	if p.is(k-1, "no") {
		return true
	}
	if !p.is(k-1, "any") {
		return false
	}
	// "nothing but /usr/bin/ftpd has any business ...": an allow-list,
	// which this does not read.
	for j := k - 2; j >= 0 && !p.is(j, "but", "except", "besides", "than", "apart", "save", "excluding", "only"); j-- {
		if p.is(j, "nothing", "nobody", "no") {
			return true
		}
	}
	return false
}

// claimActionWords claims the words that say block, audit or allow, once
// each rule's action is read.
func (p *parser) claimActionWords() {
	for i, t := range p.toks {
		if p.taken(i) || p.podsInGerund(i) {
			continue
		}
		// "block /bin/sh, but only in the pods labeled app=web": "but"
		// narrows as "only" does.
		if auditWords[t.low] && p.is(i-1, "the", "in") && (namespaceWords[p.word(i+1)] || p.namespaceListAhead(i)) {
			continue // "the logging namespace": its name (see classify)
		}
		if denyWords[t.low] || allowWords[t.low] || auditWords[t.low] || t.low == "only" || t.low == "must" || t.low == "should" || t.low == "without" && p.is(i+1, "blocking", "block", "enforcing", "denying") || butOnly(p.toks, i) {
			p.take(i, i+1, "action-word")
		}
		// "writes should raise an alert but not be blocked": the audit
		// said again by what it is not.
		if t.low == "but" && p.auditNotBlock(i+1) && slices.ContainsFunc(p.toks[:i], func(u token) bool { return auditWords[u.low] }) {
			p.take(i, i+1, "action-word")
		}
		if businessOf(p, i) {
			p.take(i-1, i+1, "no-business")
			if k := p.index("nothing", "nobody"); k >= 0 && k < i && !p.taken(k) {
				p.take(k, k+1, "no-business")
			}
		}
	}
}

// verbBetween reports whether a verb of verdict or action stands in
// tokens [from, to), apart from the words that say writes.
func (p *parser) verbBetween(from, to int) bool {
	for k := from; k < to; k++ {
		// "by blocking writes": the words that say read-only again.
		if w := p.word(k); (denyWords[w] || allowWords[w] || auditWords[w] || actionVerbs[w]) && p.claim[k] != "writes" && !(k+1 < len(p.claim) && p.claim[k+1] == "writes") || w == ";" {
			return true
		}
	}
	return false
}

// auditNotBlock reports whether the words from i say that something is
// not to be blocked: "not be blocked", "should not be blocked", "don't
// block it", "never block".
func (p *parser) auditNotBlock(i int) bool {
	if p.is(i, "should", "must", "will") {
		i++
	}
	end := -1
	switch {
	case p.is(i, "not", "never") && p.is(i+1, "be", "get") && p.is(i+2, "blocked", "denied", "prevented", "stopped"):
		end = i + 3
	case p.is(i, "not", "never", "don't") && p.is(i+1, "block", "deny", "prevent", "stop"):
		end = i + 2
	case p.is(i, "do") && p.is(i+1, "not") && p.is(i+2, "block", "deny", "prevent", "stop"):
		end = i + 3
	default:
		return false
	}
	// "... but do not block /bin/bash" names something else, not the
	// audit said again.
	if p.is(end, "it", "them", "this", "that", "these", "those") {
		end++
	}
	if p.is(end, "yet") {
		end++
	}
	return end >= len(p.toks) || p.toks[end].kind == tPunct
}

// onlyDoesPointed returns where the verb stands in "only <program> may
// <verb> it/there/them" (or "is allowed to <verb> it") after the "only" at k, or -1: what the program does
// is done to something named before.
func (p *parser) onlyDoesPointed(k int) int {
	for j := k + 1; j < len(p.toks) && j <= k+8; j++ {
		allowed := p.is(j, "is", "are") && p.is(j+1, "allowed", "permitted") && p.is(j+2, "to")
		if !allowed && !p.is(j, "may", "can", "should", "must", "shall", "will") {
			continue
		}
		v := j + 1
		if allowed {
			v = j + 3
		}
		if p.is(v, "be") && p.is(v+1, "able", "allowed", "permitted") && p.is(v+2, "to") {
			v += 3
		}
		if (processVerbs[p.word(v)] || fileVerbs[p.word(v)]) && p.is(v+1, "it", "there", "them", "that", "this", "those") {
			return v
		}
		return -1
	}
	return -1
}

// allowKindNouns name a whole kind of what a KubeArmor allow covers:
// "may use TCP and no other protocol".
var allowKindNouns = set("protocol", "protocols", "process", "processes", "program", "programs", "binary", "binaries", "executable", "executables",
	"file", "files", "path", "paths", "capability", "capabilities")

// verdictWord is the verdict the word at k gives a system rule: block,
// audit or allow, or "" when it gives none there ("block and log /bin/sh":
// the log is the block's; "than just watch": turned down).
func (p *parser) verdictWord(k int) generator.Action {
	w := p.word(k)
	switch {
	case p.podsInGerund(k):
		return "" // "the app=x pods in logging": their namespace
	case verdictAsNoun(p.toks, k):
		// "Block the allowlist file /etc/app/allow.conf", "the audit
		// logs in /var/log/audit/ must not be written", "The watchdog
		// monitors /var/run/app.pid, block writes to it", "app=web
		// logs to /var/log/web.log": a name, or what something does.
		return ""
	case p.is(k-1, "than") || p.is(k-1, "just", "merely", "only") && p.is(k-2, "than") || p.is(k-1, "of") && p.is(k-2, "instead"):
		// "we'd rather block than just watch": what is turned down.
		return ""
	case auditWords[w] && (p.is(k-1, "and") && denyWords[p.word(k-2)] && !negationWords[p.word(k-2)] || p.is(k+1, "and") && denyWords[p.word(k+2)] && !negationWords[p.word(k+2)]):
		// "block and log /bin/sh": KubeArmor logs what it blocks, so
		// the block says the action.
		return ""
	case (w == "denied" || w == "permitted") && p.is(k-1, "permission", "access", "not") && p.is(k-2, "give", "gives", "return", "returns", "print", "prints", "get", "gets", "with", "operation"):
		// "cat /etc/hostname should give Permission denied": the error
		// a test expects, not a verdict of its own.
		return ""
	case (denyWords[w] || unclearVerbs[w]) && negationWords[p.word(k-1)] || negationWords[w] && (denyWords[p.word(k+1)] || unclearVerbs[p.word(k+1)]) && !negationWords[p.word(k+1)]:
		// "don't block /bin/sh, only audit it", "audit, not block,
		// /bin/sh", "audit, don't intercept, ...": a block turned down
		// beside an audit (negatedDeny refuses it alone), so the audit
		// word says the action.
		return ""
	case denyWords[w] && strings.HasSuffix(w, "ed") && strings.HasSuffix(p.word(k+1), "ing"):
		// "ping stopped working": what happened, not what to do.
		return ""
	case w == "take" && p.mentions("away"):
		return generator.ActionBlock
	case p.keptApart(k) >= 0:
		// "restrict the nginx pods from writing to /etc/", "keep the
		// app=web pods away from /etc/shadow": what they are kept
		// from is blocked.
		if j := p.keptApart(k); !p.is(j, "from") {
			p.take(j, j+1, "kept-apart")
		}
		return generator.ActionBlock
	case p.mustFail(k):
		// "writes to /etc/ must fail", "make /bin/sh unusable in X"
		return generator.ActionBlock
	case w == "longer" && p.is(k-1, "no") && p.is(k-2, "must", "should", "shall", "may") && !denyWords[p.word(k+1)] && !auditWords[p.word(k+1)] && !(p.is(k+1, "be") && (denyWords[p.word(k+2)] || auditWords[p.word(k+2)])):
		// "the kiosk pods must no longer be able to run /usr/bin/apt",
		// "should no longer write to /etc/": what they may no longer do is
		// blocked, as "must not" says. Not "can no longer run X", which
		// may tell what broke, nor "must no longer be blocked".
		return generator.ActionBlock
	case w == "unable" && p.is(k-1, "be") && p.is(k-2, "should", "must", "shall", "will", "to"):
		// "the nginx pods should be unable to write to /etc/"
		return generator.ActionBlock
	case (w == "allowed" || w == "permitted") && p.is(k-1, "not") && p.is(k-2, "is", "are") || w == "limits" && p.is(k-1, "off"):
		// "/bin/sh is not allowed", "/etc/shadow is off limits"
		return generator.ActionBlock
	case removalVerbs[w] && p.capabilityAfter(k):
		// "remove NET_RAW from the app=x pods", "strip CAP_SYS_ADMIN",
		// "revoke the sys_ptrace capability": a capability taken away
		// is one they may no longer use.
		return generator.ActionBlock
	case businessOf(p, k):
		// "the ldap-sync pods have no business modifying it", "nothing
		// in the ftp pods has any business opening /etc/gshadow"
		return generator.ActionBlock
	case w == "only" && !p.is(k+1, "the") && !p.ownerNear(k) && p.claim[k] != "owner-only" && (p.is(k-1, "allow", "permit") || p.has("may", "can", "allowed", "allow", "permit", "let", "able", "should") || p.hasPhrase("gets", "to")):
		return generator.ActionAllow
	case w == "allowed" && p.is(k-1, "thing", "one", "binary", "process", "program", "executable") && p.is(k+1, "to"):
		// "/usr/bin/ping is the only thing allowed to use icmp"
		return generator.ActionAllow
	case w == "gets" && p.is(k+1, "to") && p.is(k-1, "only") || w == "only" && p.is(k+1, "the") && p.is(k+3, "allowed") && p.is(k+4, "to"):
		// "only /usr/bin/wget gets to use TCP"
		return generator.ActionAllow
	case (w == "let" || w == "allow" || w == "permit") && p.is(k-1, "don't", "dont", "not", "never"):
		return generator.ActionBlock // "do not allow execution of ..."
	case w == "without" && p.is(k+1, "blocking", "block", "enforcing", "denying"):
		return generator.ActionAudit
	case denyWords[w] && w != "not" && w != "no" && !p.is(k-1, "without") || w == "not" && p.is(k-1, "must", "should", "may", "can", "will") || w == "not" && p.is(k-1, "do", "does") && (allowWords[p.word(k+1)] || fileVerbs[p.word(k+1)] || processVerbs[p.word(k+1)] || writeWords[p.word(k+1)] || p.is(k+1, "use", "open", "load", "need")) || w == "read-only" || w == "readonly":
		return generator.ActionBlock
	case auditWords[w] && p.watchesResult(k):
		// "the student should observe the finding", "check the logs":
		// a person watching what a rule shows, not a rule.
		return ""
	case auditWords[w] && p.is(k-1, "the", "in") && (namespaceWords[p.word(k+1)] || p.namespaceListAhead(k)):
		// "except in the logging and kube-system namespaces", "in the
		// monitoring namespace": the namespace's name.
		return ""
	case auditWords[w]:
		return generator.ActionAudit
	case w == "allowed" && p.is(k-1, "be") && p.is(k-2, "never", "not", "shouldn't", "mustn't", "can't", "cannot", "won't"):
		return generator.ActionBlock // "should never be allowed to read X"
	case w == "allow" || w == "allows" || w == "permit" || w == "permits" || w == "whitelist" || w == "allowlist" || w == "allow-list" || w == "allowed" && p.is(k-1, "be", "is", "are"):
		return generator.ActionAllow
	case (w == "allowing" || w == "permitting") && p.is(k-1, ",", "while", "but"):
		// "block /bin/sh in app=web, allowing /bin/bash": what is let
		// run beside the block (read as the block's, it was blocked).
		return generator.ActionAllow
	case p.claim[k] == "audit-phrase":
		return generator.ActionAudit
	case p.claim[k] == "no-writes":
		return generator.ActionBlock
	case w == "no" && (p.is(k+1, "raw", "executing", "execution", "writes", "writing", "shells", "shell") || k+1 < len(p.toks) && p.toks[k+1].kind == tPath):
		// "no raw sockets in the frontend pods", "no executing anything from /data/"
		return generator.ActionBlock
	case (w == "nothing" || w == "nobody") && !p.is(k+1, "else") && p.has("should", "may", "can", "must", "able"):
		// "nothing in the ci namespace should be able to open X"
		return generator.ActionBlock
	}
	return ""
}

// postposedWords may stand between a value and the verdict said after
// it: "/usr/bin/wget should be audited", "/etc/passwd only audited",
// "/etc/shadow ko audit karo".
var postposedWords = set("should", "must", "shall", "will", "can", "may", "be", "is", "are", "being", "only", "just", "also", "too", "to", "ko", ",")

// verdictLeftOver asks when a word said of the rules' values gives a
// verdict that no rule took as its action while every rule got another:
// "/etc/shadow block and /etc/passwd audit" audited nothing (the block
// before passwd was the nearest verdict), "/usr/bin/wget only allowed and
// /usr/bin/curl denied" allowed curl, "/usr/bin/curl should be blocked,
// /usr/bin/wget should be audited" blocked wget. Said of a value means
// between the first value and the last, or right after the last (with
// only postposedWords and the rules' own words between); a verdict in a
// title or a remark before the rules ("Audit mode: block /bin/sh") is
// asked about elsewhere, and so is what stands beside an allow-list.
// Which value each verdict is for is left to be
// guessed; one verb before each value says it.
func (p *parser) verdictLeftOver(rules []sysV, used map[int]string) error {
	actions := map[generator.Action]bool{}
	first, last := len(p.toks), -1
	inRule := make([]bool, len(p.toks))
	for _, r := range rules {
		actions[r.rule.Action] = true
		if k := p.tokenAt(r.origins[0].Start); k >= 0 {
			first = min(first, k)
			last = max(last, k)
		}
		for _, o := range r.origins {
			for k, t := range p.toks {
				if o.From == generator.FromRequest && t.start >= o.Start && t.end <= o.End && used[k] == "" {
					inRule[k] = true
				}
			}
		}
	}
	// "only /usr/bin/node may run in app=web, no /bin/sh": what an
	// allow-list said first has beside it is asked about where
	// allow-lists are (letThroughSaid, the later lines).
	for k, rule := range used {
		if rule == "only-may" || p.is(k, "only") && k < first {
			return nil
		}
	}
	saidOf := func(k int) bool {
		if k > first && k < last {
			return true
		}
		if k <= last {
			return false
		}
		for j := last + 1; j < k; j++ {
			if !inRule[j] && !postposedWords[p.word(j)] {
				return false
			}
		}
		return true
	}
	for k := range p.toks {
		if used[k] != "" || inRule[k] || !saidOf(k) {
			continue
		}
		a := p.verdictWord(k)
		if a == "" || actions[a] {
			continue
		}
		return p.refuse(fmt.Sprintf("%q gives a second verdict, but every rule got another one: which value is it for? Say each with its own verb before it (\"block A; audit B\")", p.toks[k].raw), generator.ExampleSystem)
	}
	return nil
}

// modalVerbs say what a value may or should do or have done to it.
var modalVerbs = set("may", "can", "should", "must", "shall", "might", "could")

// verdictPastValue asks when the verdict a value takes from after it is a
// negation past another value, with a modal said of the first value
// between them: "/etc/config may be read and /etc/shadow may not be read"
// blocked /etc/config with the "not" said of /etc/shadow. ("/bin/sh and
// /bin/bash must not run" is one list with one verdict; "/etc/sudoers can
// be read, but any write to it ... must be blocked" a block of writes.)
func (p *parser) verdictPastValue(origins []generator.Origin, k int) error {
	if len(origins) == 0 {
		return nil
	}
	own := p.tokenAt(origins[0].Start)
	if own < 0 {
		return nil
	}
	for j := own + 1; j < k; j++ {
		if p.toks[j].kind != tPath {
			continue
		}
		for b := own + 1; b < j; b++ {
			if modalVerbs[p.word(b)] && negationWords[p.word(k)] {
				return p.refuse(fmt.Sprintf("what is said of %s? %q is said of it, and the verdict %q stands after %s; say each with its own verb (\"allow reading A; block access to B\")", p.toks[own].raw, p.text(own+1, j), p.toks[k].raw, p.toks[j].raw), generator.ExampleSystem)
			}
		}
		return nil
	}
	return nil
}

// verdictBeforeOwnModal asks when a value with a modal of its own after
// it ("/usr/bin/app may run") takes a negation said of a value before it:
// "/bin/sh may not run and /usr/bin/app may run" would block app.
func (p *parser) verdictBeforeOwnModal(origins []generator.Origin, k int) error {
	if len(origins) == 0 || !negationWords[p.word(k)] {
		return nil
	}
	own := p.tokenAt(origins[0].Start)
	if own < 0 || !modalVerbs[p.word(own+1)] || negationWords[p.word(own+2)] {
		return nil
	}
	if k >= 2 && k < own && modalVerbs[p.word(k-1)] && p.toks[k-2].kind == tPath {
		return p.refuse(fmt.Sprintf("what is said of %s? %q is said of it, and the %q before it is said of %s; say each with its own verb (\"block running A; allow running B\")", p.toks[own].raw, p.text(own+1, min(own+3, len(p.toks))), p.toks[k].raw, p.toks[k-2].raw), generator.ExampleSystem)
	}
	return nil
}

// tailOpeners stand between the comma or bracket after a rule and a
// verdict said again at its end: ", in enforce mode", ", then audit it".
var tailOpeners = set("in", "then", "and", "but", "just", "so", "please")

// tailVerdictRest may follow a verdict said at a rule's end: "audit it",
// "block them", "enforce mode", "(block mode)", "allow it please".
var tailVerdictRest = set("it", "them", "this", "that", "mode", "please", "instead", ")", ".", "!")

// enforceWords say to block in words of a mode: ", enforce it", ", in
// enforce mode", "enforcing".
var enforceWords = set("enforce", "enforced", "enforcing", "enforcement")

// tailVerdict asks when the rule's end says a verdict again, after a
// comma or a bracket, that differs from the one the rule was read with:
// the answer to "which pods?" that the thread appends to "audit reads of
// /etc/passwd" says "in pods labeled app=web, block it", and "block
// /bin/sh" gets "pods labeled app=web, audit it" (or "allow it", "log
// it", "(block mode)", ", blocking", ", in enforce mode", ", enforce it").
// The first verdict won and the last was dropped; which the user meant is
// asked, as ", audit only" is (auditModeConflict).
func (p *parser) tailVerdict(a generator.Action, k int) error {
	end := len(p.toks)
	for end > k+1 && tailVerdictRest[p.word(end-1)] {
		end--
	}
	v := end - 1
	if v <= k+1 || p.taken(v) && p.claim[v] != "action-word" {
		return nil
	}
	said := p.verdictWord(v)
	if enforceWords[p.word(v)] {
		said = generator.ActionBlock
	}
	if said == "" || said == a {
		return nil
	}
	open := v - 1
	for open > k && tailOpeners[p.word(open)] {
		open--
	}
	if !p.is(open, ",", "(", ";", "-") {
		return nil
	}
	last := len(p.toks)
	for last > v+1 && p.is(last-1, ")", ".", "!") {
		last--
	}
	if said == generator.ActionAudit && a == generator.ActionBlock {
		// as auditModeConflict says it of "(audit)" and ", audit only"
		return p.refuse(fmt.Sprintf("%q at the end says to watch, not to enforce, but %q enforces: should this block, audit or allow?", p.text(open+1, last), p.toks[k].raw), generator.ExampleSystem)
	}
	return p.refuse(fmt.Sprintf("%q at the end gives another verdict than %q: should this block, audit or allow?", p.text(open+1, last), p.toks[k].raw), generator.ExampleSystem)
}
