package builtin

import (
	"fmt"
	"slices"
	"strings"

	"github.com/kunerva/kunerva/generator"
)

// auditModePhrases say that a request means to watch, not to enforce,
// even where they make no rule of their own: "Audit mode, no enforcement:
// block /bin/sh in the app=web pods", "block /bin/sh in the app=web pods,
// audit only", "Dry run: block ...". A word of auditing alone says no mode
// ("the monitoring namespace", "the audit log pods").
var auditModePhrases = [][]string{{"audit", "mode"}, {"audit-mode"}, {"audit", "only"}, {"audit-only"}, {"only", "audit"}, {"just", "audit"},
	{"alert", "only"}, {"alert-only"}, {"only", "alert"}, {"just", "alert"}, {"log", "only"}, {"log-only"}, {"only", "log"}, {"just", "log"},
	{"monitor", "mode"}, {"monitor", "only"}, {"monitoring", "mode"}, {"monitoring", "only"}, {"only", "monitor"}, {"just", "monitor"},
	{"detect", "only"}, {"detection", "only"}, {"only", "detect"}, {"just", "detect"}, {"report", "only"}, {"report-only"}, {"observe", "only"},
	{"permissive", "mode"}, {"complain", "mode"}, {"dry", "run"}, {"dry-run"}, {"no", "enforcement"}, {"without", "enforcement"}, {"without", "enforcing"},
	{"don't", "enforce"}, {"not", "enforce"}, {"not", "enforced"}, {"not", "enforcing"}, {"before", "we", "enforce"}, {"before", "enforcing"}, {"before", "enforcement"}, {"no", "blocking"}, {"without", "blocking"}, {"non-blocking"},
	{"don't", "block"}, {"dont", "block"}, {"do", "not", "block"}, {"don't", "deny"}, {"do", "not", "deny"}, {"not", "blocking"},
	{"monitoring", "policy"}, {"audit", "policy"}, {"alerting", "policy"}, {"audit", "rule"}, {"alert", "rule"}, {"detection", "rule"},
	// "Detection policy: block ...", "Warn only, block ...", "Visibility
	// only: ...", "..., alerting only", "... but just notify us"
	{"detection", "policy"}, {"detection", "mode"}, {"logging", "policy"}, {"logging", "only"}, {"alerting", "only"}, {"reporting", "only"},
	{"warn", "only"}, {"warn-only"}, {"warning", "only"}, {"only", "warn"}, {"just", "warn"}, {"warn", "mode"}, {"visibility", "only"},
	{"visibility", "mode"}, {"observability", "only"}, {"just", "notify"}, {"only", "notify"}, {"notify", "only"}, {"observe", "first"},
	{"observation", "mode"}, {"learning", "mode"}, {"shadow", "mode"},
	// "Observe-only rollout:", "Monitor-only phase:", "watch mode"
	{"observe-only"}, {"observation-only"}, {"monitor-only"}, {"monitoring-only"}, {"detect-only"}, {"detection-only"}, {"watch-only"}, {"alerting-only"},
	{"logging-only"}, {"observe", "mode"}, {"watch", "mode"}, {"watch", "only"},
	// "(non-enforcing)", "permissive for now", "(policy-audit-mode)"
	{"non-enforcing"}, {"nonenforcing"}, {"non", "enforcing"}, {"permissive", "for", "now"}, {"policy-audit-mode"}, {"policy", "audit", "mode"}}

// auditFirstWords put an audit before enforcing: "First audit, then block
// /bin/sh", "audit first", "log for now", "initially just alert". The rule
// they come with says what comes later.
var auditFirstWords = set("first", "initially", "now", "start", "begin", "beginning")

// auditImperatives, first in the request, tell it to watch: "Audit
// shells: block /bin/sh in the app=web pods" is a title that says one
// thing and a rule that says another.
var auditImperatives = set("audit", "alert", "log", "monitor", "detect", "flag")

// auditModeConflict asks when the request says to audit (or not to
// enforce) in words no rule read as its action, while every rule it gives
// enforces: "Audit mode, no enforcement: block /bin/sh in the app=web
// pods" would block what the heading says only to watch. Words that turn
// the audit down ("block, not just log", "rather than alert"), or join it
// to a block ("block and log": KubeArmor logs what it blocks), say no
// audit mode; nor do logs as a noun ("log files").
func auditModeConflict(request string, toks []token, intents []*generator.Intent) error {
	var enforcing *generator.Intent
	actions := map[int]bool{} // token starts of the words that gave an action
	for _, in := range intents {
		for _, r := range in.System {
			if r.Action == generator.ActionAudit {
				return nil
			}
		}
		if len(in.System) > 0 || len(in.Network) > 0 {
			enforcing = in
		}
		for _, o := range in.Origins {
			if o.From == generator.FromRequest && (strings.HasSuffix(o.Field, ".action") || strings.HasSuffix(o.Field, ".verdict")) {
				for _, t := range toks {
					if t.start >= o.Start && t.end <= o.End {
						actions[t.start] = true
					}
				}
			}
		}
	}
	if enforcing == nil {
		return nil
	}
	said := func(at, n int) error {
		return &generator.NotUnderstoodError{Request: request, Understood: enforcing.Summary(), Example: generator.ExampleFor(enforcing), Answer: "block",
			Missing: fmt.Sprintf("%q says to watch, not to enforce, but the rules would enforce: should this allow, block or audit?", request[toks[at].start:toks[at+n-1].end])}
	}
	turnedDown := func(k int) bool {
		for j := max(k-3, 0); j < k; j++ {
			if w := toks[j].low; w == "than" || w == "not" || w == "instead" || w == "beyond" || w == "besides" {
				return true
			}
		}
		joined := func(j int) bool {
			return j >= 0 && j < len(toks) && denyWords[toks[j].low] && !negationWords[toks[j].low]
		}
		return k > 0 && (toks[k-1].low == "and" || toks[k-1].low == "&") && (joined(k-2) || joined(k-3)) ||
			k+1 < len(toks) && toks[k+1].low == "and" && (joined(k+2) || joined(k+3))
	}
	for k, t := range toks {
		if t.kind != tWord || actions[t.start] {
			continue
		}
		for _, ph := range auditModePhrases {
			if phraseIn(toks, k, ph) && !turnedDown(k) {
				return said(k, len(ph))
			}
		}
		if auditWords[t.low] && !turnedDown(k) && (k > 0 && auditFirstWords[toks[k-1].low] || k+1 < len(toks) && auditFirstWords[toks[k+1].low] ||
			k+2 < len(toks) && toks[k+1].low == "for" && toks[k+2].low == "now" || k+2 < len(toks) && toks[k+1].low == "it" && auditFirstWords[toks[k+2].low]) {
			return said(k, 1)
		}
		// "block /usr/bin/curl in app=web (audit)", "(log)", "(permissive)":
		// a word of watching alone in brackets.
		if (auditWords[t.low] || t.low == "permissive") && k > 0 && toks[k-1].low == "(" && k+1 < len(toks) && toks[k+1].low == ")" {
			return said(k, 1)
		}
		// "Monitor: app=web may reach app=db on 5432", "Alert - block
		// ...": the imperative alone as a title says to watch, too.
		if k == 0 && auditImperatives[t.low] && len(toks) > 1 && (toks[1].kind != tPunct && !recordNoun(toks, k) && !logNouns[toks[1].low] || toks[1].low == ":" || toks[1].low == "-") && !turnedDown(k) {
			return said(k, 1)
		}
	}
	return nil
}

// allowListWords say that an Allow rule is meant as an allow-list.
var allowListWords = set("only", "whitelist", "whitelisted", "whitelisting", "allowlist", "allow-list", "allowlisted", "else", "posture", "solely", "exclusively")

// allowRestWords also say the allowed is all there is: "just /bin/ls",
// "everything but", "the rest is blocked", "no other".
var allowRestWords = set("just", "except", "but", "rest", "other", "others", "nothing", "exactly", "alone", "allowlisting", "allow-listing")

// allowAlone asks when every system rule of the pods allows and nothing in
// the request says that what is allowed is all there is: "please allow
// anyone to run /bin/ls in the app=web pods" reads as letting something
// through, while a KubeArmor Allow rule blocks (or audits, by the default
// posture) every other access of its kind.
func allowAlone(request string, toks []token, intents []*generator.Intent) error {
	if slices.ContainsFunc(toks, func(t token) bool { return allowListWords[t.low] || allowRestWords[t.low] }) {
		return nil
	}
	for _, in := range intents {
		if len(in.System) == 0 || slices.ContainsFunc(in.System, func(r generator.SystemRule) bool { return r.Action != generator.ActionAllow }) {
			continue
		}
		return &generator.NotUnderstoodError{Request: request, Understood: in.Summary(), Example: generator.ExampleFor(in),
			Missing: fmt.Sprintf("should %s be all that is allowed? A KubeArmor Allow rule makes an allow-list: every other %s of these pods is then blocked (or audited, by the default posture); say \"only ... may\" if that is meant, or block what should be kept out",
				generator.TargetText(in.System[0]), in.System[0].Kind)}
	}
	return nil
}

// allowBesideBlock asks when the pods get, for the same kind of target,
// a Block and an Allow and the request says no allow-list: "block /bin/sh
// in the app=web pods but allow /bin/bash" means bash stays as it is, yet
// a KubeArmor Allow rule makes every other program blocked (by the
// default posture), far more than the request blocks. So too for files
// and capabilities ("block NET_RAW but allow CAP_CHOWN").
func allowBesideBlock(request string, toks []token, intents []*generator.Intent) error {
	if slices.ContainsFunc(toks, func(t token) bool { return allowListWords[t.low] }) {
		return nil
	}
	for _, in := range intents {
		for _, a := range in.System {
			if a.Action != generator.ActionAllow || a.Kind != generator.Process && a.Kind != generator.File && a.Kind != generator.Capability {
				continue
			}
			for _, b := range in.System {
				if b.Kind == a.Kind && b.Action != generator.ActionAllow {
					return &generator.NotUnderstoodError{Request: request, Understood: in.Summary(), Example: generator.ExampleFor(in),
						Missing: fmt.Sprintf("should %s only stay allowed, or be the only one allowed? The request %s %s, and a KubeArmor Allow rule would make every other %s of these pods blocked; to keep it as it is, leave it out",
							generator.TargetText(a), strings.ToLower(string(b.Action))+"s", generator.TargetText(b), a.Kind)}
				}
			}
		}
	}
	return nil
}

// blockTitles and allowTitles, first in the request, tell it to block or
// to allow: "Block shells in web: audit /bin/sh in the app=web pods",
// "Allow: block /bin/sh ...", "Block: the app=web pods may reach app=db"
// are titles that say one thing and rules that say another.
var (
	blockTitles = set("block", "deny", "prevent", "forbid", "stop", "enforce")
	allowTitles = set("allow", "permit")
)

// titleAgainstRules asks when a request opens with a word of blocking or
// allowing that no rule read as its action, while no rule does what it
// says: a block title over rules that only audit ("Block shells in web:
// audit ...", "Block: audit ..."), or, in a heading that ends in a colon
// within a few words, a block title over rules that only allow ("Block:
// the app=web pods may reach app=db") and an allow title over rules that
// only deny, block or audit ("allow ingress: ... must not receive ...").
// Without a colon, "block all egress except DNS" is the allow-list it
// says, so only the audit case asks.
func titleAgainstRules(request string, toks []token, intents []*generator.Intent) error {
	if len(toks) < 2 || !blockTitles[toks[0].low] && !allowTitles[toks[0].low] || toks[1].kind == tPunct && toks[1].low != ":" || toks[1].low == "and" {
		return nil
	}
	block := blockTitles[toks[0].low]
	// "Enforce mode now: only /usr/bin/ping may ...": enforcing holds
	// for allow rules too, so only an audit goes against it.
	heading := toks[0].low != "enforce" && slices.ContainsFunc(toks[1:min(5, len(toks))], func(t token) bool { return t.low == ":" })
	if !block && !heading {
		return nil
	}
	// agrees reports whether a rule does what the title says, or is left
	// alone by it: an audit goes against a block title only; an allow goes
	// against a block title in a heading only; a deny or block goes
	// against an allow title (which asks in a heading only).
	agrees := func(allow, audit bool) bool {
		switch {
		case audit:
			return !block
		case allow:
			return !block || !heading
		}
		return block
	}
	var first *generator.Intent
	audits := true // every rule audits: the answer is "audit"
	for _, in := range intents {
		for _, r := range in.Network {
			if agrees(r.Verdict == generator.Allow, false) {
				return nil
			}
			audits = false
		}
		for _, r := range in.System {
			if agrees(r.Action == generator.ActionAllow, r.Action == generator.ActionAudit) {
				return nil
			}
			audits = audits && r.Action == generator.ActionAudit
		}
		for _, o := range in.Origins {
			if o.From == generator.FromRequest && o.Start <= toks[0].start && toks[0].end <= o.End {
				return nil // the word says something the rules hold
			}
		}
		if first == nil && (len(in.Network) > 0 || len(in.System) > 0) {
			first = in
		}
	}
	if first == nil {
		return nil
	}
	says, do, answer := "block", "allow or audit", ""
	if !block {
		says, do = "allow", "deny or block"
	}
	if audits {
		answer = "audit"
	}
	return &generator.NotUnderstoodError{Request: request, Understood: first.Summary(), Example: generator.ExampleFor(first), Answer: answer,
		Missing: fmt.Sprintf("%q says to %s, but the rules only %s: should this allow, block or audit?", toks[0].raw, says, do)}
}

// subjectAgainstWords asks when the words around the pods the policy is
// for say the reverse: "block /usr/bin/nc in app=web pods, not in
// namespace shop" put the policy in shop; "in the app=web pods and on the
// host" made the pods' labels node labels.
func subjectAgainstWords(request string, toks []token, intents []*generator.Intent) error {
	at := func(start int) int {
		for k, t := range toks {
			if t.start == start {
				return k
			}
		}
		return -1
	}
	for _, in := range intents {
		for _, o := range in.Origins {
			if o.From != generator.FromRequest {
				continue
			}
			k := at(o.Start)
			if k < 0 {
				continue
			}
			ask := func(what string) error {
				return &generator.NotUnderstoodError{Request: request, Understood: in.Summary(), Example: generator.ExampleFor(in),
					Missing: fmt.Sprintf("which pods or nodes should this apply to? %q %s", o.Text, what)}
			}
			if o.Field == "subject.namespace" {
				for j := max(k-3, 0); j < k; j++ {
					if w := toks[j].low; w == "not" || w == "except" || w == "excluding" || w == "outside" || w == "besides" {
						return ask(fmt.Sprintf("follows %q, yet the policy would be for it", toks[j].raw))
					}
				}
			}
			if o.Field == "subject.nodes" {
				e := k + 1
				for e < len(toks) && toks[e].end <= o.End {
					e++
				}
				if e < len(toks) && podNouns[toks[e].low] || podsBefore(toks, k) || k > 0 && podNouns[toks[k-1].low] {
					return ask("names pods, yet the policy would take it as the labels of nodes")
				}
				if o.Rule == "labels" && !nodeLabelsBracketed(toks, k, e) {
					return ask("is said apart from the nodes; are they the labels the nodes carry? Say them right after the nodes (\"the nodes labeled " + o.Text + "\")")
				}
			}
		}
	}
	return nil
}

// nodeBracketWords may stand in a bracket before the labels of the nodes
// it follows: "(every node labeled kubernetes.io/os=linux)", "(nodes
// labeled pool=ci)", "(kubernetes.io/hostname=ubuntu-node)".
var nodeBracketWords = set("node", "nodes", "host", "hosts", "vm", "vms", "every", "each", "all", "the", "labeled", "labelled", "with", "label", "labels")

// nodeLabelsBracketed reports whether the labels at k to e, found apart
// from the nodes, stand alone in a bracket that says they are the nodes'
// (nodeBracketWords before them, the bracket closing after them). Any
// other words around them may say other things the labels are of: "the
// nodes where pods app=bastion run", "the nodes that host app=bastion",
// "the nodes missing compliance=cmmc" (the nodes WITHOUT it), "those nodes
// (e.g. node-access=ssh)" (an example), "(label node-access=ssh; not the
// workers)" (an exclusion dropped): each took the labels for the nodes'
// (finder 12, S6, S7, S19).
func nodeLabelsBracketed(toks []token, k, e int) bool {
	j := k - 1
	for j >= 0 && nodeBracketWords[toks[j].low] {
		j--
	}
	return j >= 0 && toks[j].low == "(" && e < len(toks) && toks[e].low == ")"
}

// podsBefore reports whether the labels at k follow a pod noun that they
// select: "the pods labeled app=payments", "pods with the label app=web",
// "the web pods (app=web".
func podsBefore(toks []token, k int) bool {
	j := k - 1
	for j >= 0 && j >= k-4 && (toks[j].low == "labeled" || toks[j].low == "labelled" || toks[j].low == "with" || toks[j].low == "the" || toks[j].low == "label" ||
		toks[j].low == "labels" || toks[j].low == "(") {
		j--
	}
	return j >= 0 && j < k-1 && podNouns[toks[j].low]
}

// brokenTraffic reports whether a clause tells what broke rather than a rule:
// "After enabling network policy, the app=web pods cannot reach the app=db
// pods", "app=web can no longer reach app=db", "app=web can't reach app=db
// anymore", "app=prometheus cannot reach app=x on 9090 after we turned on
// network policies", "app=web is blocked from reaching app=db since the
// upgrade", "Prometheus fails to scrape ... after enabling ...". Its
// "cannot" is a fact, not an order to deny: a failure word (brokenWords, or
// "is blocked", "got denied") in the clause, and a word of when it began
// (whenBroken, or "after", "since", "once" opening a clause of time) in it
// or anywhere in the request (all), whose clause of time may have been set
// apart as a reason ("... since the upgrade").
//
// So too a failure asked about ("why can't my app=etl pods reach
// 10.40.0.0/16 on 9092?", "how come app=web cannot reach app=db") or one
// the request then asks to let through ("app=etl can't reach 10.40.0.0/16,
// please allow it", "... - how do I open it?"): a word of fixWords after
// the failure.
func brokenTraffic(toks, all []token) bool {
	return failureSaid(toks) && (changeSaid(toks) || changeSaid(all) || failureAsked(toks) || fixAfter(toks, all))
}

// mixedVerdictWords are the verbs of blocking and auditing that, said of
// one item of a list, give it its own verdict: "block /usr/bin/curl,
// /usr/bin/wget audit", "/etc/shadow blocked".
var mixedVerdictWords = map[string]generator.Action{"block": generator.ActionBlock, "blocked": generator.ActionBlock, "deny": generator.ActionBlock,
	"denied": generator.ActionBlock, "audit": generator.ActionAudit, "audited": generator.ActionAudit, "log": generator.ActionAudit, "logged": generator.ActionAudit,
	"alert": generator.ActionAudit, "monitor": generator.ActionAudit}

// mixedVerdicts asks when the request blocks and audits in words of their
// own while every system rule got one action: "audit writes to /etc/ in
// app=web, block /etc/shadow" audited /etc/shadow too, "block
// /usr/bin/curl in app=web, /usr/bin/wget audit" blocked wget. A verdict
// joined to the other ("block and log it"), turned down ("block, not just
// log") or negated says no second verdict.
func mixedVerdicts(request string, toks []token, intents []*generator.Intent) error {
	var in *generator.Intent
	actions := map[generator.Action]bool{}
	for _, x := range intents {
		for _, r := range x.System {
			actions[r.Action] = true
			in = x
		}
	}
	if len(actions) != 1 || !actions[generator.ActionBlock] && !actions[generator.ActionAudit] {
		return nil
	}
	// "audit /bin/sh in app=web, block it too": both verdicts of one rule,
	// read as one by laterVerdictOnIt.
	joinedVerdict := func(t token) bool {
		for _, x := range intents {
			for _, o := range x.Origins {
				if o.Rule == "audit-and-block" && o.From == generator.FromRequest && t.start >= o.Start && t.end <= o.End {
					return true
				}
			}
		}
		return false
	}
	for k, t := range toks {
		a, ok := mixedVerdictWords[t.low]
		if !ok || t.kind != tWord || actions[a] || k > 0 && negationWords[toks[k-1].low] || joinedVerdict(t) {
			continue
		}
		// said of a path just before or after it: "block /etc/shadow",
		// "/usr/bin/wget audit", "/usr/bin/wget: audit"
		// or of a program a rule names: "(bash: audit)"
		isPath := func(j int) bool {
			if j < 0 || j >= len(toks) {
				return false
			}
			return toks[j].kind == tPath || toks[j].kind == tWord && slices.ContainsFunc(in.System, func(r generator.SystemRule) bool {
				return r.Path != "" && strings.HasSuffix(r.Path, "/"+toks[j].low) || r.ExecName == toks[j].low
			}) && j == k-2
		}
		// "/bin/bash only audited", "/bin/bash is just audited", "wget
		// audited": a participle after what it is said of.
		said := k - 1
		for said > 0 && said >= k-3 && (toks[said].low == "only" || toks[said].low == "just" || toks[said].low == "is" || toks[said].low == "are" || toks[said].low == "being") {
			said--
		}
		participle := strings.HasSuffix(t.low, "ed") && said >= 0 && (isPath(said) || toks[said].kind == tWord && knownExecutables[toks[said].low])
		if !isPath(k+1) && !isPath(k-1) && !(k > 1 && toks[k-1].low == ":" && isPath(k-2)) && !participle {
			continue
		}
		turned := false
		for j := max(k-3, 0); j < min(k+3, len(toks)); j++ {
			if participle && j > said && j < k {
				continue
			}
			if w := toks[j].low; w == "than" || w == "not" || w == "instead" || w == "and" || w == "&" || w == "also" || w == "plus" || w == "just" || w == "only" || w == "then" || w == "first" {
				turned = true
			}
		}
		if turned {
			continue
		}
		return &generator.NotUnderstoodError{Request: request, Understood: in.Summary(), Example: generator.ExampleFor(in),
			Missing: fmt.Sprintf("%q gives a second verdict, but every rule got the same one: which should be blocked and which audited? Say each with its own verb (\"block A; audit B\")", t.raw)}
	}
	return nil
}

// remarkMarkers, in the stretch of words around a program or file a rule
// was made of, say a fact or a plan about it rather than an order: "we
// don't use bash", "the image doesn't ship /bin/bash", "/usr/bin/python3
// uses it tho", "/usr/bin/node still may use it", "(was /bin/bash)",
// "# TODO bash", "(skip /bin/bash for now)".
// ("only /usr/sbin/nginx may use the network" is an order.)
// "curl keeps working", "wget continues to work", "ping must keep
// working", "ping must not break": what is to go on.
var remarkMarkers = set("still", "was", "were", "skip", "todo", "tho", "though", "later", "working", "continues", "continue", "break")

// factSubjects, before the negation a rule took its action from, make it a
// fact: "we don't use bash", "we never run python", "the image doesn't
// ship /bin/bash".
var factSubjects = set("we", "i", "image", "it")

// ruleFromRemark asks when a value of a system rule stands among words
// that make it a remark (remarkMarkers), between the same commas, dashes,
// brackets or line ends, or when two rules name the same program ("block
// /bin/sh and /bin/bash. drop bash"): read as one more item, a program
// the request says is used, absent or dropped got its own rule.
func ruleFromRemark(request string, toks []token, intents []*generator.Intent) error {
	sep := func(k int) bool {
		return k < 0 || k >= len(toks) || toks[k].kind == tPunct && toks[k].low != "/" || toks[k].low == "#" || toks[k].low == "and"
	}
	lineBreak := func(a, b int) bool { return strings.Contains(request[toks[a].end:toks[b].start], "\n") }
	for _, in := range intents {
		seen := map[string]int{}
		for n, r := range in.System {
			// a program by its path, then by its name with the same action:
			// "drop bash" after "/bin/bash"
			if r.Kind != generator.Process {
				continue
			}
			if r.Path != "" {
				seen[string(r.Action)+":"+r.Path[strings.LastIndex(r.Path, "/")+1:]] = n
				continue
			}
			if m, ok := seen[string(r.Action)+":"+r.ExecName]; ok && r.ExecName != "" {
				return &generator.NotUnderstoodError{Request: request, Understood: in.Summary(), Example: generator.ExampleFor(in),
					Missing: fmt.Sprintf("two rules name %q (rules %d and %d): is the second one a rule, or does it take the first back or change it? Say each program once, with what should happen to it", r.ExecName, m+1, n+1)}
			}
		}
		for _, o := range in.Origins {
			if o.From != generator.FromRequest || !strings.HasPrefix(o.Field, "system[") || !(strings.HasSuffix(o.Field, ".path") || strings.HasSuffix(o.Field, ".action") || strings.HasSuffix(o.Field, ".execName") ||
				strings.HasSuffix(o.Field, ".dir") || strings.Contains(o.Field, ".fromSource") || strings.HasSuffix(o.Field, ".protocol")) {
				continue
			}
			k := slices.IndexFunc(toks, func(t token) bool { return t.start >= o.Start && t.end <= o.End })
			if k < 0 {
				continue
			}
			a, b := k, k
			for !sep(a-1) && !lineBreak(a-1, a) {
				a--
			}
			for !sep(b+1) && !lineBreak(b, b+1) {
				b++
			}
			if strings.HasSuffix(o.Field, ".action") {
				if negationWords[toks[k].low] && k > 0 && factSubjects[toks[k-1].low] {
					return &generator.NotUnderstoodError{Request: request, Understood: in.Summary(), Example: generator.ExampleFor(in),
						Missing: fmt.Sprintf("is %q a rule, or a fact about the pods? Say what should happen (\"block ...\"), or leave it out", request[toks[a].start:toks[b].end])}
				}
				continue
			}
			for j := a; j <= b; j++ {
				// ("(curl has to keep working)" is asked about as an aside.)
				if remarkMarkers[toks[j].low] && toks[j].kind == tWord && !(toks[j].low == "working" && a > 0 && toks[a-1].low == "(") {
					return &generator.NotUnderstoodError{Request: request, Understood: in.Summary(), Example: generator.ExampleFor(in),
						Missing: fmt.Sprintf("is %q a rule? %q says something about it rather than what to do with it: say what should happen to it (\"block ...\", \"audit ...\"), or leave it out", toks[k].raw, request[toks[a].start:toks[b].end])}
				}
			}
		}
	}
	return nil
}

// sourcedAndUnsourced asks when one system rule limits a value to the
// processes it names and another holds the same value, action and kind
// for every process: "makepkg profile: deny capability sys_ptrace. ...
// /usr/bin/makepkg must not get sys_ptrace" blocked sys_ptrace for every
// process, more than the rule that names its source.
func sourcedAndUnsourced(request string, toks []token, intents []*generator.Intent) error {
	for _, in := range intents {
		for _, a := range in.System {
			if len(a.FromSource) == 0 {
				continue
			}
			for _, b := range in.System {
				if len(b.FromSource) > 0 || a.Kind != b.Kind || a.Action != b.Action || a.Path != b.Path || a.Dir != b.Dir || a.ExecName != b.ExecName ||
					a.Capability != b.Capability || a.Protocol != b.Protocol || !slices.Equal(a.Syscalls, b.Syscalls) {
					continue
				}
				return &generator.NotUnderstoodError{Request: request, Understood: in.Summary(), Example: generator.ExampleFor(in),
					Missing: fmt.Sprintf("is the rule for every process, or only for %s? The request says it both ways; say it once", strings.Join(a.FromSource, ", "))}
			}
		}
	}
	return nil
}

// onlyBeforeAudit are the words before an audit word that say the path is
// to be watched and not blocked: "only audit /etc/hosts".
var onlyBeforeAudit = set("only", "just", "merely")

// auditInsideBlock asks when a path said to be "only" audited lies inside
// a directory the same pods block: "block /etc/ recursively but only audit
// /etc/hosts" gave a Block of /etc/ and an Audit of /etc/hosts, and
// KubeArmor still blocks /etc/hosts under the directory's rule. Whether
// the file is to stay open (which no Block rule can leave out) or be
// blocked too is the requester's to say. (With no "only", the audit adds
// a log to what is blocked anyway.)
func auditInsideBlock(request string, toks []token, intents []*generator.Intent) error {
	only := false
	for k := 1; k < len(toks); k++ {
		if auditWords[toks[k].low] && onlyBeforeAudit[toks[k-1].low] {
			only = true
		}
	}
	if !only {
		return nil
	}
	for _, in := range intents {
		for _, a := range in.System {
			target := a.Path + a.Dir
			if a.Action != generator.ActionAudit || target == "" {
				continue
			}
			for _, b := range in.System {
				if b.Action != generator.ActionBlock || b.Dir == "" || b.Kind != a.Kind || target == b.Dir || !strings.HasPrefix(target, b.Dir) {
					continue
				}
				if rest := strings.TrimSuffix(strings.TrimPrefix(target, b.Dir), "/"); b.Recursive || !strings.Contains(rest, "/") {
					return &generator.NotUnderstoodError{Request: request, Understood: in.Summary(), Example: generator.ExampleFor(in),
						Missing: fmt.Sprintf("should %s be blocked too? It lies in %s, which the request blocks, and KubeArmor blocks it under that rule whatever the audit says; a Block rule cannot leave a path out", target, b.Dir)}
				}
			}
		}
	}
	return nil
}
