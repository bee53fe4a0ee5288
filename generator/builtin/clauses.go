package builtin

import (
	"slices"
	"strings"

	"github.com/kunerva/kunerva/generator"
)

// clause is one statement of a request: its tokens (with their spans in the
// whole request) and, for "... and to send traffic to Y", that it
// continues the subject of the clause before it.
type clause struct {
	toks        []token
	sameSubject bool
	// dismissed is the rule that dismissed the whole clause ("rationale"),
	// whose tokens mean nothing for the policy.
	dismissed string
	// inherit is the intent of the clause a continuing clause carries on.
	inherit *generator.Intent
	// prev is the intent of the clause before, for a clause that names no
	// pods or direction.
	prev *generator.Intent
	// multi: the request has other clauses.
	multi bool
	// heading: a clause before named the pods the request is about.
	heading bool
	// defs are the names sentences of setting defined ("I have hello-web
	// (label app=hello) in the web namespace").
	defs map[string]definition
	// placedBefore: the clause pointed back at the place a clause before
	// named ("there", "in that namespace"), at the token placeAt.
	placedBefore bool
	placeAt      token
}

// text is the clause's words in the request.
func (c clause) text(request string) string {
	return strings.Trim(request[c.toks[0].start:c.toks[len(c.toks)-1].end], " ,.;-")
}

// verdictLabel reports whether the request opens with a word of a verdict
// alone before a colon ("ALLOW:", "Deny:", "AUDIT:") that the statement
// after the title says again in words of the same verdict: "ALLOW: Proxmox
// API -- every pod in the cluster may reach 192.168.10.14 on 8006/tcp".
// ("Block: running /usr/bin/curl; access to /etc/shadow" has no other
// verdict: the word is the rule's own.)
func verdictLabel(toks []token) bool {
	if len(toks) < 3 || toks[0].kind != tWord || negationWords[toks[0].low] {
		return false
	}
	for _, class := range []map[string]bool{allowWords, denyWords, auditWords} {
		if class[toks[0].low] {
			return slices.ContainsFunc(toks[2:], func(t token) bool { return class[t.low] }) &&
				!slices.ContainsFunc(toks[2:], func(t token) bool { return negationWords[t.low] || t.low == "not" || t.low == "no" })
		}
	}
	return false
}

// labelThenSummary reports whether the first clause is only a label, the
// number of a part of a series or a note's label ("Exercise 4", "Goal"),
// and the second, after a colon or dash, sums up what the rest says in
// full (see titleSaidAgain): "Exercise 4 - open the cache to the workers.
// The pods labeled app=cache accept 6379 from the pods labeled
// role=workers."
func labelThenSummary(request string, out []clause) bool {
	if len(out) < 3 || !seriesHeading(out[0].toks) && !(len(out[0].toks) == 1 && noteLabels[out[0].toks[0].low]) && !listNumber(request, out[0]) {
		return false
	}
	return (strings.ContainsAny(request[out[0].toks[len(out[0].toks)-1].end:out[1].toks[0].start], ":-–—") || listNumber(request, out[0])) && titleSaidAgain(out[1].toks, out[2:])
}

// listNumber reports whether a clause is only the number of an item of a
// numbered list, at the start of the request: "1. Allow Frontend ->
// Backend. ...", "2. the backend pods accept ...".
func listNumber(request string, c clause) bool {
	return len(c.toks) == 1 && c.toks[0].kind == tNumber && strings.TrimSpace(request[:c.toks[0].start]) == "" && strings.HasPrefix(request[c.toks[0].end:], ".")
}

// opensRequest reports whether toks open the request, or follow only the
// number of a list item (see listNumber): "5. Protect sensitive assets -
// ..." opens it as "Protect sensitive assets - ..." does.
func opensRequest(request string, toks []token) bool {
	before := strings.TrimSpace(request[:toks[0].start])
	number := strings.TrimSuffix(before, ".")
	return before == "" || number != before && number != "" && strings.Trim(number, "0123456789") == ""
}

// summaryBodyAt is where the statement after a summary's dash, colon or
// ", so" at i starts.
func summaryBodyAt(toks []token, i int) int {
	if toks[i].low == "," {
		return i + 2
	}
	return i + 1
}

// rationaleStarts open a clause that says why, not what: "so attackers
// can't ...", "because ...", "for compliance reporting, ...".
var rationaleStarts = [][]string{
	{"so", "that"}, {"because"}, {"since"}, {"in", "order", "to"}, {"to", "prevent"}, {"to", "avoid"}, {"to", "stop"}, {"to", "reduce"},
	{"to", "limit"}, {"to", "protect"}, {"to", "comply"}, {"for", "compliance"}, {"for", "security"}, {"for", "audit"}, {"for", "auditing"},
	{"for", "hardening"}, {"for", "defense"}, {"for", "defence"}, {"as", "part"}, {"even", "if"}, {"even", "when"}, {"even", "though"}, {"in", "case"},
	{"otherwise"}, {"so", "the"}, {"least", "privilege", "across"}, {"incrementally"}, {"open", "things", "up"}, {"lock", "things", "down"}, {"tighten", "things", "up"}, {"nothing", "gets", "installed"}, {"nobody", "should", "be"}, {"in", "a", "way", "that"}, {"we'll"}, {"we", "will"}, {"or", "nothing"}, {"or", "else"}, {"just", "in", "case"}, {"even", "with"}, {"as", "a", "precaution"}, {"this", "way"}, {"that", "way"}, {"which", "would"}, {"which", "could"},
	{"so", "if"}, {"as", "with"}, {"without", "me"}, {"without", "us"}, {"without", "having"}, {"start", "from", "least"}, {"start", "with", "least"}, {"anyone", "who"}, {"someone", "who"}, {"whoever"}, {"so", "attackers"}, {"so", "an", "attacker"}, {"so", "a"}, {"so", "an"}, {"a", "compromised"}, {"an", "infected"}, {"a", "malicious"},
	{"an", "attacker"}, {"attackers"}, {"an", "intruder"}, {"intruders"}, {"they", "are", "the"}, {"they're", "the"}, {"it", "is", "the"}, {"it's", "the"}, {"it", "is", "not", "the"}, {"it's", "not", "the"}, {"it", "isn't", "the"}, {"these", "are", "the"}, {"so", "that's"}, {"so", "nobody"}, {"so", "no", "one"}, {"so", "it"}, {"so", "we"}, {"so", "they"},
	{"to", "make", "sure"}, {"to", "ensure"}, {"to", "harden"}, {"to", "mitigate"}, {"to", "detect"}, {"to", "catch"}, {"to", "keep"}, {"we", "need"},
	{"this", "is"}, {"this", "isn't"}, {"that", "is", "to", "say"}, {"as", "required"}, {"as", "recommended"}, {"per"},
	{"they", "have", "no", "business"}, {"it", "has", "no", "business"}, {"has", "no", "business"}, {"have", "no", "business"}, {"there", "is", "no", "reason"},
	{"there's", "no", "reason"}, {"they", "don't", "need"}, {"it", "doesn't", "need"}, {"a", "web", "app", "has", "no"}, {"nothing", "in", "that"},
	{"which", "is", "our"}, {"which", "is", "how"}, {"until", "we"}, {"so", "nobody"}, {"otherwise", "we"},
}

// clauses splits a request into statements: at sentence ends, semicolons,
// and before a coordinator ("and", "but", "while", a dash) whose second
// part starts a statement of its own; "X may A and to B" gives a second
// clause that continues X. A clause that only says why is dismissed.
func clauses(request string, toks []token) (kept, dismissed []clause) {
	var out []clause
	start, same := 0, false
	flush := func(end int) {
		if end > start {
			out = append(out, clause{toks: toks[start:end], sameSubject: same})
		}
		same = false
	}
	depth := 0 // parentheses open at token i
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		switch t.low {
		case "(":
			depth++
		case ")":
			depth = max(depth-1, 0)
		}
		switch {
		case quotedDescription(request, toks, i) > 0:
			// "clusterwide-policy-git, description 'Default deny and allow
			// egress to kube-dns pod': cluster-wide, ...": the text the
			// policy carries, not its rules.
			e := quotedDescription(request, toks, i)
			flush(i)
			out = append(out, clause{toks: toks[i:e], dismissed: "policy-description"})
			start = e
			i = e - 1
		case t.kind == tPunct && t.low == ";" && depth > 0:
			// "(namespace vault; app.kubernetes.io/name=x, component=y)":
			// one aside, not two statements.
		case t.kind == tPunct && t.low == ";" && verdictListBefore(toks[start:i]) && verdictListBefore(append(slices.Clone(toks[start:i]), toks[i+1:sentenceEnd(toks, i+1)]...)):
			// "Block: running /usr/bin/curl; access to /etc/shadow; and raw
			// sockets.": the items of the list the verdict opens.
		case t.kind == tPunct && t.low == ":" && start == 0 && i == 1 && verdictLabel(toks):
			// "ALLOW: Proxmox API (for the Omni provider) -- every pod in
			// the cluster may reach ...": the verdict of the rules after it,
			// as a label, before the title.
			out = append(out, clause{toks: toks[:1], dismissed: "verdict-label"})
			start = i + 1
		case t.kind == tPunct && t.low == "." && start == 0 && i > 0 && i+1 < len(toks) && sceneHeading(toks[:i]):
			// "protectAsset in namespace free5gc. The asset is /etc/shadow
			// in ...": a title sentence that only sets the namespace is
			// the scene of the sentence after it, as before a colon.
		case (t.low == ":" || t.low == "-" || t.low == ".") && depth == 0 && i > start && protocolsCovered(toks[start:i]):
			// "network policy only covers TCP, UDP, ICMP and SCTP, which
			// is fine for us: ...": what the kind of policy can match.
			out = append(out, clause{toks: toks[start:i], dismissed: "policy-kind"})
			start = i + 1
		case t.kind == tPunct && (t.low == ";" || t.low == ".") && exceptionIsAt(toks, i+1) > 0 && !slices.ContainsFunc(toks[i+1:sentenceEnd(toks, i+1)], func(t token) bool { return t.kind == tPath }):
			// "every pod in the namespace loses its egress; the one
			// exception is TCP and UDP 53 to kube-dns" (or ". The one
			// exception is ..."): what the rule leaves out, said as its
			// "except" (exceptionIsAt). Not a path ("Block /bin/sh; the
			// only exception is /bin/bash" blocked /bin/bash too): a
			// system rule has no "except", and the sentence is asked
			// about on its own.
		case t.kind == tPunct && (t.low == "." || t.low == ";" || t.low == "?" || t.low == "!"):
			flush(i)
			start = i + 1
		case i > start && (toks[i-1].low == ":" || toks[i-1].low == ",") && untilEvent(toks, i) > 0 && untilEvent(toks, i) < len(toks) && toks[untilEvent(toks, i)].low == "," &&
			hasStatement(toks[untilEvent(toks, i)+1:sentenceEnd(toks, i)]):
			// "Pwnkit: until the polkit update is rolled out everywhere,
			// block /usr/bin/pkexec": when the rule after it will no longer
			// be needed.
			e := untilEvent(toks, i)
			flush(i)
			out = append(out, clause{toks: toks[i:e], dismissed: "rationale"})
			start = e + 1
			i = e
			depth = 0
		case t.kind == tPunct && t.low == "," && start == 0 && depth == 0 && i+1 < len(toks) && seriesHeading(toks[:i]) && (allowWords[toks[i+1].low] || denyWords[toks[i+1].low]) &&
			titleVerbBeforeColon(toks[i+1:sentenceEnd(toks, i+1)]):
			// "Policy 1, allow frontend to communicate with backend: in
			// frontend-ns ...": the number of a part, then its title, as
			// after a dash ("Policy 1 - allow ...: ..."). ("Step 2, allow
			// DNS clusterwide: ..." stays one clause, its title read with
			// the rule.)
			flush(i)
			start = i + 1
		case t.kind == tPunct && t.low == ":" && start == 0 && depth == 0 && i+1 < len(toks) && seriesHeading(toks[:i]) && titleCased(toks[i+1:]):
			// "Policy 5: Block Capabilities - for the wisecow pods ...": the
			// number of a part of a series, then the title of the part (as
			// after a dash: "Exercise 4 - open the cache ..."). "Step 2:
			// deny everything else." is no title: it stays one clause.
			flush(i)
			start = i + 1
		case t.kind == tPunct && (t.low == ":" || t.low == "-") && i > start && (namespaceHeading(toks[start:i]) || sceneHeading(toks[start:i])):
			// "namespace alpha - the role=web pods ...": the scene of what follows.
		case t.kind == tPunct && t.low == ":" && i > start && depth == 0 && ruleBeforeColon(toks[start:i], toks[i+1:sentenceEnd(toks, i+1)]):
			// "Allow egress to DNS and the internet: pods labeled app=web
			// may reach ...": two rules, not one with the peers of both.
			flush(i)
			start = i + 1
		case t.kind == tPunct && t.low == ":" && i > start && entityRemark(toks[start:i], toks[i+1:sentenceEnd(toks, i+1)]):
			// "So use the broader cluster entity instead: the X pods accept
			// 9443 from anything in the cluster": how the rule after the
			// colon names its peer.
			out = append(out, clause{toks: toks[start:i], dismissed: "form-remark"})
			start = i + 1
		case t.kind == tPunct && (t.low == ":" || t.low == "-") && i > start && depth == 0 && i+1 < len(toks) && everyScopeHeading(toks[start:i], toks[i+1:sentenceEnd(toks, i+1)]):
			// "Default policy for all namespaces and pods: block egress to
			// 169.254.169.254 from every pod in the cluster": a topic for
			// every pod, which the rule after says again.
			out = append(out, clause{toks: toks[start:i], dismissed: "heading"})
			start = i + 1
		case t.kind == tPunct && t.low == ":" && i > start && i+1 < len(toks) && topicFor(toks[start:i], toks[i+1:sentenceEnd(toks, i+1)]) > 0:
			// "Controlled access to external services for the sleep pods
			// (app=sleep): ...": a topic, then the pods the rest is about.
			f := start + topicFor(toks[start:i], toks[i+1:sentenceEnd(toks, i+1)])
			// "Restrict HTTP methods for the shared services: in
			// shared-services, the app=billing-api pods ...": pods the
			// statement names again by the words of their name.
			if namesSaidAgain(toks[f+1:i], toks[i+1:sentenceEnd(toks, i+1)]) {
				out = append(out, clause{toks: toks[start:i], dismissed: "heading"})
				start = i + 1
				continue
			}
			out = append(out, clause{toks: toks[start : f+1], dismissed: "heading"})
			start = f + 1
			flush(i)
			start = i + 1
		case t.kind == tPunct && t.low == ":" && i > start && i+1 < len(toks) && (start == 0 || toks[start-1].low == "." || toks[start-1].low == ";") && verdictTitle(toks[start:i]):
			// "Audit and block in one policy: in namespace ci, ...": a
			// title of actions, which the rules after it must all take.
			flush(i)
			start = i + 1
		case t.kind == tPunct && t.low == ":" && i > start && subjectHeading(toks[start:i]) && i+1 < len(toks):
			// "alertmanager (app.kubernetes.io/name=alertmanager): ingress
			// only from ...": the pods the rest is about.
			flush(i)
			start = i + 1
		case t.kind == tPunct && t.low == "-" && i > start && i+2 < len(toks) && (toks[i+1].low == "on" || toks[i+1].low == "over" || toks[i+1].low == "at") &&
			(toks[i+2].kind == tNumber || toks[i+2].kind == tPortProto || toks[i+2].low == "port" || toks[i+2].low == "ports"):
			// "0.0.0.0/0 except ... - on 443 only, plus ...": the ports of
			// what came before the dash, not a statement of their own.
		case t.kind == tPunct && (t.low == "-" || t.low == ":") && i > start+3 && i+1 < len(toks) && toks[i+1].low == "only" && notAllowedEnd(toks[start:i]):
			// "should not be able to connect to anything that isn't
			// explicitly allowed - only X": what is allowed, after the dash.
		case t.kind == tPunct && t.low == "-" && i > start && valuesOnly(toks[i+1:sentenceEnd(toks, i+1)]):
			// "... only when the kube-token header is set to X - methods GET,
			// PUT and POST, port 8080": the values of the rule before.
		case t.kind == tPunct && t.low == "-" && asideRest(toks[start:sentenceEnd(toks, i)]):
			// "Anything else - pods without that label, external traffic -
			// gets blocked": the list between the dashes names the rest.
			i = sentenceEnd(toks, i) - 1
		case t.kind == tPunct && t.low == "-" && i > start && scopeOnly(toks[i+1:sentenceEnd(toks, i+1)]),
			t.kind == tPunct && t.low == "-" && i+2 < len(toks) && toks[i+1].low == "and" && (trafficVerbs[toks[i+2].low] || toks[i+2].low == "resolve"),
			t.kind == tPunct && t.low == "-" && i > start && actsOnPronoun(toks[i+1:sentenceEnd(toks, i+1)]) && hasValue(toks[start:i]):
			// "X may only call Y - and resolve DNS": the sentence goes on;
			// "ships a .git folder at /src/.git/ - block access to it": the
			// action is for the things named before the dash.
		case t.kind == tPunct && t.low == "-" && i > start && i+1 < len(toks) && toks[i+1].low == "and" && noAddressRules(toks[start:i]):
			// "- no brittle IP lists - and they need DNS to keep working"
			flush(i)
			start = i + 1
		case t.kind == tPunct && t.low == "-" && (startsStatement(toks, i+1) || i > start && hasStatement(toks[i+1:sentenceEnd(toks, i+1)]) && !listContinues(toks, i+1) || i > start && explanation(toks[i+1:sentenceEnd(toks, i+1)]) ||
			i > start && deniedExample(toks[i+1:sentenceEnd(toks, i+1)], request[:toks[i].start]) || i > start && selectorRemark(toks[i+1:sentenceEnd(toks, i+1)]) ||
			i > start && threatModel(toks[i+1:sentenceEnd(toks, i+1)]) || i > start && rationale(toks[i+1:sentenceEnd(toks, i+1)]) != ""):
			flush(i)
			start = i + 1
		case t.low == "," && i > start && keptThatWay(toks, i+1) && stateKept(toks[start:i]) && !slices.ContainsFunc(toks[i:], func(u token) bool { return denyWords[u.low] }) &&
			slices.ContainsFunc(toks[i:], func(u token) bool { return allowWords[u.low] && !negationWords[u.low] }):
			// "Pods usually are not allowed to load modules, and we want to
			// keep it that way for the pods labeled app=x -- allow
			// /usr/sbin/modprobe there": what is kept not allowed, then
			// allowed; the engine asks (understand).
			out = append(out, clause{toks: toks[start:i], dismissed: "state-kept-then-allowed"})
			start = i + 1
			if toks[start].low == "and" {
				start++
			}
		case t.low == "," && i > start && keptThatWay(toks, i+1) && stateKept(toks[start:i]) && slices.ContainsFunc(toks[i:], func(u token) bool { return denyWords[u.low] && !negationWords[u.low] }):
			// "A container usually isn't allowed to change the system time,
			// and we want to keep it that way for the pods labeled x=y --
			// block the sys_time capability there": what is not allowed
			// now, which the block after it keeps.
			out = append(out, clause{toks: toks[start:i], dismissed: "state-kept"})
			start = i + 1
			if toks[start].low == "and" {
				start++
			}
		case (t.low == ":" || t.low == ",") && i > start && nothingNeeded(toks[start:i]):
			// "No secret required: the token is already inside the
			// container": what was not needed, then the fact it leads to.
			out = append(out, clause{toks: toks[start:i], dismissed: "nothing-needed"})
			start = i + 1
		case isCoordinator(toks, i):
			j := i
			for j < len(toks) && (toks[j].low == "," || coordinators[toks[j].low] || toks[j].low == "also" || toks[j].low == "then" || toks[j].low == "separately" || toks[j].low == "additionally") {
				j++
			}
			if j+2 < len(toks) && toks[j-1].low != "," && (toks[j].low == "be" && (toks[j+1].low == "allowed" || toks[j+1].low == "able" || toks[j+1].low == "permitted" || receiveVerbs[toks[j+1].low] && strings.HasSuffix(toks[j+1].low, "ed")) || toks[j].low == "may" || toks[j].low == "can") &&
				hasStatement(toks[start:i]) && !slices.ContainsFunc(toks[j:verbEnd(toks, j)], func(t token) bool { return t.kind == tLabel }) {
				// "X should be able to send traffic to A, and separately be
				// allowed to reach port 443": the subject carries on.
				flush(i)
				start, same = j, true
				i = j
				continue
			}
			if j+1 < len(toks) && toks[j].low == "to" && toks[j-1].low == "and" && verbLike(toks[j+1].low) {
				// "allow X to receive ... and to send ...": the subject carries on.
				flush(i)
				start, same = j, true
				i = j
				continue
			}
			// "My db pod holds the data, and at the moment it takes
			// connections from ...": what flows now, a clause of its own.
			now := slices.ContainsFunc(currentStateOpeners, func(o []string) bool { return phraseIn(toks, j, o) })
			// "block and audit /usr/bin/curl": two verdicts of one object
			// (KubeArmor logs what it blocks); cut apart, the block had
			// nothing to block and the audit won.
			pair := i > start && (denyWords[toks[i-1].low] && !negationWords[toks[i-1].low] && auditWords[toks[j].low] || auditWords[toks[i-1].low] && denyWords[toks[j].low] && !negationWords[toks[j].low])
			if startsStatement(toks, j) && hasStatement(toks[start:i]) && !pair || now || switchesDirection(toks[start:i], toks[j:min(j+3, sentenceEnd(toks, j))]) || verbSwitchesDirection(toks[start:i], toks[j:sentenceEnd(toks, j)]) || gappedAt(toks, j) && hasStatement(toks[start:i]) {
				// "prevent all incoming traffic into those pods, and all
				// outgoing traffic from them as well": the other direction,
				// with no verb of its own, takes the deny and the pods of
				// the statement before (an allow is asked about).
				denies := slices.ContainsFunc(toks[start:i], func(u token) bool { return denyWords[u.low] && !negationWords[u.low] || isolateWords[u.low] })
				flush(i)
				start = j
				i = j - 1
				same = denies && otherDirectionOnly(toks[j:sentenceEnd(toks, j)])
			} else if rationaleAt(toks, j) >= 0 || restatementAt(toks, j) || hasStatement(toks[start:i]) && noAddressRules(toks[j:sentenceEnd(toks, j)]) {
				// "..., and I don't want to hardcode the apiserver IPs in
				// an ipBlock": how not to write the rule before.
				flush(i)
				start = i
				i = j - 1
			}
		case i == start && depth == 0 && denyOpenerEnd(toks, i) > i && denyOpenerEnd(toks, i) < sentenceEnd(toks, i) && toks[denyOpenerEnd(toks, i)].low != "," &&
			hasStatement(toks[denyOpenerEnd(toks, i):sentenceEnd(toks, i)]) && !failureSaid(toks[denyOpenerEnd(toks, i):sentenceEnd(toks, i)]):
			// "Under default-deny the web pods may reach ...", "With
			// default-deny in place pods labeled ... accept ...": the same
			// scene with no comma after it.
			e := denyOpenerEnd(toks, i)
			out = append(out, clause{toks: toks[i:e], dismissed: "deny-in-place"})
			start = e
			i = e - 1
		case t.low == "," && i > start && depth == 0 && (denyInPlace(toks[start:i]) || denyPlanned(toks[start:i])) && hasStatement(toks[i+1:sentenceEnd(toks, i+1)]) && !failureSaid(toks[i+1:sentenceEnd(toks, i+1)]) &&
			!slices.ContainsFunc(toks[i+1:sentenceEnd(toks, i+1)], func(t token) bool { return negatedModals[t.low] }):
			// "now that the default deny is in place, let the web pods
			// ...", "Under default-deny, ...": the deny already there is
			// the scene of the statement after the comma, no rule of its
			// own. What fails under it ("once the default deny landed, the
			// scrapes were rejected") is left whole to failedWhen.
			out = append(out, clause{toks: toks[start:i], dismissed: "deny-in-place"})
			start = i + 1
		case depth == 0 && i > start && (t.low == "-" || t.low == "–" || t.low == "—" || t.low == ":" || t.low == "," && i+2 < len(toks) && toks[i+1].low == "so") &&
			exposureSummary(toks[start:i], toks[summaryBodyAt(toks, i):sentenceEnd(toks, summaryBodyAt(toks, i))]):
			// "back-end apps should only be exposed to the front-end
			// services that need them - role=backend pods accept ...": who
			// may reach whom in general words, then in full.
			out = append(out, clause{toks: toks[start:i], dismissed: "summary"})
			start = summaryBodyAt(toks, i)
			i = start - 1
		case (t.low == "," || t.low == ":" && depth == 0) && i > start && rationaleAt(toks, start) >= 0 && rationale(toks[start:i]) != "" && hasStatement(toks[i+1:sentenceEnd(toks, i+1)]):
			// "even with the default block in place, pods in X should ...",
			// "Per the NSA/CISA guidance on immutable file systems: in the
			// frontend pods, block ...": the reason before the comma or
			// colon, the statement after it.
			flush(i)
			start = i + 1
		case t.low == "," && i > start && i+2 < len(toks) && toks[i+1].low == "so" && startsStatement(toks, i+2) && (premiseAt(toks[start:i]) > 0 || judgment(toks[start:i]) || lacksFact(toks[start:i])):
			// "the app=web pods never open raw sockets, so strip NET_RAW":
			// what the pods never do is why the rule after "so" is safe,
			// not a rule of its own; the pods before it are the rule's.
			// "writes under /usr/bin are a sign of compromise, so block
			// ...": what something means is the reason too.
			n := start + max(premiseAt(toks[start:i]), 0)
			if n == start+1 && (toks[start].low == "they" || toks[start].low == "it") {
				n = start // "they never ..., so ...": no pods to keep
			}
			flush(n)
			out = append(out, clause{toks: toks[n:i], dismissed: "rationale"})
			start = i + 2
		case t.low == "," && i > start && i+2 < len(toks) && toks[i+1].low == "so" && (startsStatement(toks, i+2) || wishAt(toks, i+2)) && (harmWouldDo(toks[start:i]) || placeDenies(toks[start:i])):
			// "A blanket denial on the emojivoto pods would also kill the
			// kubelet's probes, so deny ...", "Our namespaces deny traffic
			// from separate namespaces, so ...": what a rule would break,
			// or what the place already does, is why the statement after
			// "so" is wanted, no rule of its own.
			out = append(out, clause{toks: toks[start:i], dismissed: "rationale"})
			start = i + 2
		case t.low == "," && i > start && i+2 < len(toks) && toks[i+1].low == "so" && startsStatement(toks, i+2) && wordsOnly(toks[start:i]) &&
			!(directionSaid(toks[start:i]) && !directionSaid(toks[i+2:sentenceEnd(toks, i+2)])):
			// "Authelia has to send notification emails (...) through Gmail
			// SMTP, so allow the pods in the authelia namespace out ...": the
			// need, in words alone, then the statement it leads to. "Egress
			// is needed to pull updates, so allow 0.0.0.0/0 on 443": the
			// need says the direction the statement does not; one clause.
			out = append(out, clause{toks: toks[start:i], dismissed: "rationale"})
			start = i + 2
		case t.low == "," && i > start && i+2 < len(toks) && toks[i+1].low == "so" && startsStatement(toks, i+2) && !hasStatement(toks[start:i]):
			// "prometheus (...) scrapes all namespaces, so let it reach
			// anything in the cluster": what the pods do, then the statement.
			flush(i)
			start = i + 2
		case t.low == "," && i > start && i+1 < len(toks) && (ingressWords[toks[i+1].low] || egressWords[toks[i+1].low]) && switchesDirection(toks[start:i], toks[i+1:min(i+4, len(toks))]):
			// "ingress from the auth proxy on port 80, egress to the backend
			// on port 80": a list of rules, each with its own direction.
			flush(i)
			start = i + 1
		case (t.low == "," || t.low == ":" || t.low == "-") && i > start && depth == 0 && glossAt(toks, i+1) > 0 &&
			glossed(toks[start:i], toks[i+1+glossAt(toks, i+1):sentenceEnd(toks, i+1+glossAt(toks, i+1))]):
			// "only open the gateway -> callback hop, i.e. envoy (...) may
			// reach it on 8080": the words after the marker say in full
			// what those before it say in general.
			out = append(out, clause{toks: toks[start:i], dismissed: "glossed"})
			start = i + 1 + glossAt(toks, i+1)
			i = start - 1
		case t.low == "," && i > start && depth == 0 && startsStatement(toks, i+1) && namingBefore(request, toks[start:i]):
			// "Operator pods are app=keda-operator in namespace keda, please
			// allow egress to ...": which labels the pods carry, then the
			// rule, each a sentence of its own (namings).
			flush(i)
			start = i + 1
		case t.low == "," && i > start && gappedAt(toks, i+1) && hasStatement(toks[start:i]):
			// "tier=api pods accept traffic only from tier=web on 8080,
			// tier=db pods only from tier=api on 3306": more pods, with the
			// verb of the statement before left out (gappedRoles).
			flush(i)
			start = i + 1
		case t.low == "," && i > start && labeledSubjectActs(toks, i+1) && hasStatement(toks[start:i]):
			// "the web server (role=web) accepts connections on 80 from
			// anyone, the API server (role=api) accepts only from ...": a
			// list of statements, each with pods of its own.
			flush(i)
			start = i + 1
		case t.low == "," && i > start && commaImperative(toks, start, i):
			// "only /bin/bash may run, block /bin/sh": a comma, then an
			// order of its own.
			flush(i)
			start = i + 1
		case t.low == "," && i > start && copulaVerdict(toks[start:i]) && copulaVerdict(toks[i+1:sentenceEnd(toks, i+1)]):
			// "TCP and UDP are allowed, raw sockets are blocked": two rules.
			flush(i)
			start = i + 1
		case t.low == "," && i > start && withoutIt(toks[i+1:sentenceEnd(toks, i+1)]):
			// "keep DNS through kube-dns working, without it the whole
			// cluster fell over": what happens without the rule before.
			flush(i)
			start = i + 1
		case t.low == "," && restatementAt(toks, i+1) && rationale(toks[i+1:sentenceEnd(toks, i+1)]) != "":
			// "block X from Y, everything else they do should keep working"
			flush(i)
			start = i
		case t.low == "," && rationaleAt(toks, i+1) >= 0 && rationale(toks[i+1:sentenceEnd(toks, i+1)]) != "":
			flush(i)
			start = i
		case t.low == "," && i > start && soCanTail(toks, start, i):
			// "accepts connections on TCP 8080 from pods in any namespace,
			// so Prometheus can scrape the controllers": what the rule is
			// for.
			flush(i)
			end := sentenceEnd(toks, i+1)
			out = append(out, clause{toks: toks[i+1 : end], dismissed: "rationale"})
			start = end
			i = end - 1
		case t.low == "," && i > start && i+2 < len(toks) && toks[i+1].low == "otherwise" && consequence(toks[i+2:sentenceEnd(toks, i+2)], toks[:i]):
			// "DNS requests to coredns still need to go through, otherwise
			// kubernetes.io can't be resolved": what fails without the rule.
			flush(i)
			end := sentenceEnd(toks, i+2)
			out = append(out, clause{toks: toks[i+1 : end], dismissed: "rationale"})
			start = end
			i = end - 1
		case t.low == "," && i > start && laterAllows(toks[i+1:sentenceEnd(toks, i+1)]):
			// "isolate every pod in namespace x, before the per-server
			// allows are added": the allows other policies will make.
			flush(i)
			out = append(out, clause{toks: toks[i+1 : sentenceEnd(toks, i+1)], dismissed: "later-allows"})
			start = sentenceEnd(toks, i+1)
			i = start - 1
		case t.low == "," && i > start && hasValue(toks[start:i]) && portsLeftOut(toks[i+1:sentenceEnd(toks, i+1)]) && hasWord(toks[i+1:sentenceEnd(toks, i+1)], "no"):
			// "... accept TCP 443 from 10.0.0.0/8, no port 80": the ports
			// left out, a clause of their own (portsLeftOut). (", not 443"
			// after a port is the port meant: notThisPort.)
			flush(i)
			start = i + 1
		case t.low == "," && i > start && stillPurpose(toks[i+1:sentenceEnd(toks, i+1)], request[:t.start]):
			// "..., so cluster monitoring can still scrape it": what the rule
			// before keeps working, said of what it named.
			flush(i)
			out = append(out, clause{toks: toks[i+1 : sentenceEnd(toks, i+1)], dismissed: "purpose"})
			start = sentenceEnd(toks, i+1)
			i = start - 1
		case i > start && rationaleAt(toks, i) >= 0 && !obligation(toks[i-1].low) && !(i-2 >= start && obligation(toks[i-2].low)) && rationale(toks[i:dashEnd(toks, i)]) != "" && !threatModel(toks[start:sentenceEnd(toks, i)]) &&
			rationale(toks[start:sentenceEnd(toks, i)]) == "" && !(dashEnd(toks, i) < sentenceEnd(toks, i) && actsOnPronoun(toks[dashEnd(toks, i)+1:sentenceEnd(toks, i)])):
			// "... so the services are isolated from each other - every pod
			// ...": the reason ends at the dash.
			flush(i)
			start = i
			if e := dashEnd(toks, i); e < sentenceEnd(toks, i) {
				flush(e)
				start = e + 1
				i = e
			}
			continue
		}
	}
	flush(len(toks))
	for n, c := range out {
		// "... (app=istio-ingressgateway) - a deny list, everyone else
		// still gets in": the form of the rules before, said again; the
		// rest of the clause is read alone.
		if n > 0 && len(c.toks) > 4 && (c.toks[0].low == "a" || c.toks[0].low == "an") && (c.toks[1].low == "deny" || c.toks[1].low == "allow" || c.toks[1].low == "block") &&
			c.toks[2].low == "list" && c.toks[3].low == "," && ruleFormAgrees(c.toks[1].low, out[n-1].toks) {
			c.toks = c.toks[4:]
		}
		// "5. Protect sensitive assets - ...": after the number of a list
		// or a series, the title opens the request as well.
		first := n == 0 || n == 1 && (listNumber(request, out[0]) || seriesHeading(out[0].toks))
		if first && len(out) > n+1 && (wordsHeading(c.toks, request, statementAfter(out[n+1:])) || topicHeading(c.toks, request, out[n+1].toks) || summary(c.toks, out[n+1].toks)) {
			c.dismissed = "heading"
		}
		// "payments must be accessible to checkout alone. So the
		// app=payments pods accept traffic from the app=checkout pods
		// only." A sentence of its own, beside one with ports, allows any
		// port, which the ports would not limit: asked (see the probe
		// refuse-a-caller-on-any-port-then-only-on-one); after a dash or a
		// colon it only leads to them.
		if n == 0 && len(out) > 1 && exposureSummary(c.toks, out[1].toks) && !slices.ContainsFunc(out[1].toks, func(t token) bool { return t.kind == tNumber || t.kind == tRange || t.kind == tPortProto }) {
			c.dismissed = "summary"
		}
		// "The controller runs with hostNetwork=true. Suggestion from the
		// thread: allow the CIDR your hosts are in. So ...": a labelled
		// line opens a sentence of its own wherever it stands.
		if n > 0 && len(out) > n+1 && labelledSummary(c.toks, out[n+1:]) && strings.TrimSpace(request[out[n-1].toks[len(out[n-1].toks)-1].end:c.toks[0].start]) == "." {
			c.dismissed = "heading"
		}
		if n == 0 && len(out) > 1 && (commitTitle(c.toks, out[1:]) || labelledSummary(c.toks, out[1:]) || seriesHeading(c.toks) || techniqueTitle(c.toks) || listNumber(request, c)) {
			c.dismissed = "heading"
		}
		// "Exercise 4 - open the cache to the workers. The pods labeled
		// app=cache accept ...": the summary after a series' number.
		if n <= 1 && labelThenSummary(request, out) {
			c.dismissed = "heading" // the label, and the summary after it
		}
		if c.dismissed == "" {
			c.dismissed = rationale(c.toks)
		}
		if c.dismissed == "" && n > 0 && (allowListRestClause(c.toks) || asideRest(c.toks) || restReaches(c.toks, request[:c.toks[0].start])) {
			c.dismissed = "allow-list-rest"
		}
		// Not beside a rule that audits: "Audit writes to /etc/nginx/, it
		// is read-only - block writes" gave an audit, the block set aside.
		if c.dismissed == "" && len(out) > 1 && writesRestated(c.toks) && slices.ContainsFunc(out, func(o clause) bool {
			return hasWord(o.toks, "read-only") || hasWord(o.toks, "readonly")
		}) && !slices.ContainsFunc(out, func(o clause) bool {
			// ("rather than flags", "the logs": a noun, no audit.)
			for k, t := range o.toks {
				if auditWords[t.low] && !(strings.HasSuffix(t.low, "s") && k > 0 && (o.toks[k-1].low == "than" || determiners[o.toks[k-1].low])) {
					return true
				}
			}
			return false
		}) {
			c.dismissed = "read-only-restated"
		}
		// "block writes to /opt/app/bin/ and everything below it. Reads
		// stay allowed.": after a rule of writes, that reads stay allowed
		// is what the rule leaves out (readsToo asks when a rule before
		// blocks reads too).
		if c.dismissed == "" && n > 0 && readsStayFine(c.toks) && slices.ContainsFunc(out[:n], func(o clause) bool {
			return slices.ContainsFunc(o.toks, func(t token) bool { return writeWords[t.low] })
		}) {
			c.dismissed = "reads-left-open"
		}
		// "pods should only accept traffic from ...; everything from other
		// namespaces gets dropped": the rest of an allow-list, by where it
		// comes from.
		if c.dismissed == "" && n > 0 && allowListRestClause(withoutOtherNamespaces(c.toks)) && len(withoutOtherNamespaces(c.toks)) != len(c.toks) &&
			slices.ContainsFunc(out[:n], func(o clause) bool { return allowList(o.toks) }) {
			c.dismissed = "rest-from-other-namespaces" // checked against the rules (otherNamespacesRest)
		}
		if c.dismissed == "" && n > 0 && onlyRestated(c.toks) && hasWord(out[n-1].toks, "only") {
			c.dismissed = "only-restated"
		}
		// "... accept TCP 443 only from ... . TLS only, no port 80.": the
		// ports the allow-list leaves out (checked: leftOutPortsChecked).
		if c.dismissed == "" && n > 0 && portsLeftOut(c.toks) {
			c.dismissed = "ports-left-out"
		}
		// Another clause audits: "(billing and reporting only)" says no
		// audit of its own.
		// "We don't want to intercept delete_module, but we do want to
		// know about it. Audit the ... delete_module syscalls": the values
		// it names, another clause audits.
		others := slices.Concat(out[:n], out[n+1:])
		if c.dismissed == "" && (n > 0 && auditRestated(c.toks) || len(others) > 0 && auditRestated(withoutAudited(readsLeftOut(c.toks, others), others))) && slices.ContainsFunc(others, func(o clause) bool {
			return slices.ContainsFunc(o.toks, func(t token) bool { return auditWords[t.low] })
		}) {
			c.dismissed = "audit-not-block"
		}
		if c.dismissed == "" && n > 0 && explanation(c.toks) {
			c.dismissed = "explanation"
		}
		// "default-deny all egress for every pod in checkout. No exceptions
		// yet, not even DNS."
		if c.dismissed == "" && n > 0 && noExceptions(c.toks) && slices.ContainsFunc(out[:n], func(o clause) bool { return isolating(o.toks) }) {
			c.dismissed = "isolation-restated"
		}
		if c.dismissed == "" && len(out) > 1 && negatedFact(c.toks) && wholeSentence(request, c, withReasonsAfter(dismissed, out[n+1:])) {
			c.dismissed = "negated-fact"
		}
		if c.dismissed == "" && n > 0 && wholeClause(c.toks) {
			c.dismissed = "says-whole" // asked (wholeSaid)
		}
		if c.dismissed == "" && len(out) > 1 && !statesAnything(c.toks) && scopeSaidAgain(c, out) && !scopeOrPlaceSaid(c.toks) {
			c.dismissed = "no-statement"
		}
		if c.dismissed == "" && n > 0 && nobodyElse(c.toks) && slices.ContainsFunc(out[:n], func(o clause) bool { return hasWord(o.toks, "only") }) {
			c.dismissed = "only-restated"
		}
		// "Baseline for the tenant-acme namespace: keep the other tenants
		// out. Pods in tenant-acme may only receive traffic from ...",
		// "Separate the acme tenant at the namespace level - its pods should
		// only accept traffic from other pods in acme": the goal an
		// allow-list of ingress reaches, said before or after it.
		if c.dismissed == "" && len(out) > 1 && slices.ContainsFunc(out, func(o clause) bool {
			return o.toks[0].start != c.toks[0].start && ingressAllowList(o.toks) && (keepOthersOut(c.toks, o.toks) || separateTenants(c.toks, o.toks))
		}) {
			c.dismissed = "only-restated"
		}
		// "A frontend might need the backend API but it should never talk
		// to the database directly. Restrict the app=frontend pods so that
		// their only outbound traffic is to app=backend pods": a peer the
		// allow-list of the same pods leaves out, said never to be reached.
		if c.dismissed == "" && len(out) > 1 && slices.ContainsFunc(out, func(o clause) bool {
			return o.toks[0].start != c.toks[0].start && leftOutByAllowList(c.toks, o.toks)
		}) {
			c.dismissed = "allow-list-rest"
		}
		// "... accept TCP 9300 from pods whose role is storage or manager.
		// Heavy nodes stay out.": what the allow before it leaves out,
		// said to stay out (staysOut).
		if c.dismissed == "" && n > 0 && slices.ContainsFunc(out[:n], func(o clause) bool {
			return o.dismissed == "" && staysOut(c.toks, o.toks) && slices.ContainsFunc(o.toks, func(t token) bool { return allowWords[t.low] || receiveVerbs[t.low] || t.low == "only" }) &&
				!slices.ContainsFunc(o.toks, func(t token) bool { return denyWords[t.low] || isolateWords[t.low] })
		}) {
			c.dismissed = "allow-list-rest"
		}
		if c.dismissed == "" && n > 0 && offLimits(c.toks) && slices.ContainsFunc(out[:n], func(o clause) bool { return hasWord(o.toks, "only") }) {
			c.dismissed = "only-restated"
		}
		// "... should only be able to send GET requests to /api - no POSTs
		// or DELETEs", "only reach my.domain.com - not my.second.domain.com
		// or anything else": what the allow-list leaves out, named.
		if c.dismissed == "" && n > 0 && notTheseToo(c.toks, request[:c.toks[0].start]) && hasWord(out[n-1].toks, "only") {
			c.dismissed = "allow-list-rest"
		}
		if c.dismissed == "" && n > 0 && (deniedExample(c.toks, request[:c.toks[0].start]) || exampleCannot(c.toks)) && slices.ContainsFunc(out[:n], func(o clause) bool { return allowList(o.toks) }) {
			c.dismissed = "allow-list-rest"
		}
		// "Allow the curl-test pod to reach httpbin.org on 443. Other domains
		// like google.com should fail.": the others an allow leaves out, said
		// to fail, as every allow rule makes them.
		if c.dismissed == "" && n > 0 && len(c.toks) > 1 && (c.toks[0].low == "other" || determiners[c.toks[0].low] && c.toks[1].low == "other") && deniedExample(c.toks, request[:c.toks[0].start]) &&
			slices.ContainsFunc(out[:n], func(o clause) bool {
				return slices.ContainsFunc(o.toks, func(t token) bool { return allowWords[t.low] }) && !slices.ContainsFunc(o.toks, func(t token) bool { return denyWords[t.low] || isolateWords[t.low] })
			}) {
			c.dismissed = "allow-list-rest"
		}
		// "pods in namespace internal may connect to port 9000 of pods in
		// fubar. No access to pods that don't listen on 9000, and no access
		// from pods that aren't in namespace internal": what an allow leaves
		// out, in negated relative clauses that say its values again.
		if c.dismissed == "" && n > 0 && negatedRest(c.toks, out[:n]) && slices.ContainsFunc(out[:n], func(o clause) bool {
			return slices.ContainsFunc(o.toks, func(t token) bool { return allowWords[t.low] || receiveVerbs[t.low] }) && !slices.ContainsFunc(o.toks, func(t token) bool { return denyWords[t.low] || isolateWords[t.low] })
		}) {
			c.dismissed = "allow-list-rest"
		}
		if c.dismissed == "" && n > 0 && nameRemark(c.toks, toks) {
			c.dismissed = "name-matching"
		}
		if c.dismissed == "" && n > 0 && offTheList(c.toks) {
			c.dismissed = "off-the-list"
		}
		if c.dismissed == "" && n > 0 && aboutPolicyKind(c.toks) {
			c.dismissed = "policy-kind"
		}
		if c.dismissed == "" && n > 0 && selectorRemark(c.toks) {
			c.dismissed = "selectors-together"
		}
		// "... and I don't want to hardcode the apiserver IPs": with DNS
		// names, or no address anywhere, nothing is written by addresses.
		if c.dismissed == "" && n > 0 && noAddressRules(c.toks) && slices.ContainsFunc(toks, func(t token) bool { return t.kind == tDomain }) ||
			c.dismissed == "" && n > 0 && noAddressRules(c.toks) && !slices.ContainsFunc(toks, func(t token) bool { return t.kind == tCIDR }) {
			c.dismissed = "names-not-addresses"
		}
		if c.dismissed == "" && n > 0 && directionLeftAlone(c.toks, request[:c.toks[0].start]) {
			c.dismissed = "direction-left-alone"
		}
		if c.dismissed == "" && n > 0 && everyPortFine(c.toks) {
			c.dismissed = "every-port"
		}
		if c.dismissed == "" && n > 0 && aboutReplies(c.toks) {
			c.dismissed = "replies-follow"
		}
		if c.dismissed == "" && (n > 0 || len(out) > 1) && (threatModel(c.toks) || actorDoes(c.toks)) {
			c.dismissed = "rationale"
		}
		// "Ingress policies don't stop someone ... from calling home. So
		// ...": what something else fails to stop is why the rules beside
		// it are wanted.
		if c.dismissed == "" && len(out) > 1 && failsToStop(c.toks) && restated(c.toks, slices.Concat(out[:n], out[n+1:])) {
			c.dismissed = "rationale"
		}
		// "Execution from /dev/shm is a classic attacker trick - block
		// executing binaries from /dev/shm/": a fact about values a later
		// statement names again.
		if c.dismissed == "" && n+1 < len(out) && factPhrase(c.toks) && restated(c.toks, out[n+1:]) {
			c.dismissed = "rationale"
		}
		if c.dismissed == "" && n+1 < len(out) && requirement(c.toks) && hasStatement(out[n+1].toks) && hasValue(out[n+1].toks) && requirementAgrees(c.toks, out[n+1].toks) {
			c.dismissed = "requirement"
		}
		// "The bundled Redis has no password set.", "Kubernetes has no
		// global deny by default.", "we have no idea what deletes it":
		// what something lacks, beside the rules, is their reason.
		if c.dismissed == "" && len(out) > 1 && lacksFact(c.toks) {
			c.dismissed = "rationale"
		}
		// "Everyone forgets about outbound traffic.", "People often ignore
		// the metadata endpoint.": what people in general neglect is the
		// reason for the rules beside it.
		if c.dismissed == "" && len(out) > 1 && neglectRemark(c.toks) {
			c.dismissed = "remark"
		}
		if c.dismissed == "" && n > 0 && hypothetical(c.toks) {
			c.dismissed = "hypothetical"
		}
		if c.dismissed == "" && n > 0 && compromisedExample(c.toks, request[:c.toks[0].start]) && slices.ContainsFunc(out[:n], func(o clause) bool { return allowList(o.toks) }) {
			c.dismissed = "allow-list-rest"
		}
		// "apply a default-deny egress policy across the default namespace -
		// the alpine test pod shouldn't be able to curl kubernetes.io anymore"
		if c.dismissed == "" && n > 0 && noLonger(c.toks) && slices.ContainsFunc(out[:n], func(o clause) bool {
			// an isolation that covers what the pods send
			return slices.ContainsFunc(o.toks, func(t token) bool { return isolateWords[t.low] }) && !slices.ContainsFunc(o.toks, func(t token) bool { return ingressWords[t.low] })
		}) {
			c.dismissed = "isolation-example"
		}
		if c.dismissed == "" && n > 0 && aboutPrecedence(c.toks) {
			c.dismissed = "explains-precedence"
		}
		if c.dismissed == "" && len(out) > 1 && aboutExistingRules(c.toks) {
			c.dismissed = "keeps-existing-rules"
		}
		// "default-deny per namespace, explicit allows later.": a clause
		// of its own that only says allows come later.
		if c.dismissed == "" && len(out) > 1 && laterAllows(c.toks) {
			c.dismissed = "later-allows"
		}
		if c.dismissed == "" && n > 0 && withoutIt(c.toks) {
			c.dismissed = "rationale"
		}
		// "In a flat network every pod can ping every pod. The app=web pods
		// should accept ...": how traffic goes before any policy.
		if c.dismissed == "" && n+1 < len(out) && openByDefault(c.toks) {
			c.dismissed = "current-state"
		}
		if c.dismissed == "" && n+1 < len(out) && answeredQuestion(request, c.toks, slices.Concat(out[:n], out[n+1:])) {
			c.dismissed = "question"
		}
		// "world covers 0.0.0.0/0 outside the cluster. Let the app=web pods
		// receive traffic from the world on 443.": what an entity is.
		if c.dismissed == "" && n+1 < len(out) && entityDefinition(c.toks, out[n+1:]) {
			c.dismissed = "rationale"
		}
		if c.dismissed == "" && n+1 < len(out) && pastNarrative(c.toks, out[n+1:]) {
			c.dismissed = "what-happened"
		}
		if c.dismissed == "" && n > 0 && beforeChange(c.toks, request[:c.toks[0].start]) {
			c.dismissed = "what-happened"
		}
		if c.dismissed == "" && len(out) > 1 && symptom(c.toks) {
			c.dismissed = "symptom"
		}
		// "cilium status reports 0/0 hosts reachable. Let ...", "I don't
		// understand why ICMP is not enabled by default. Let ...".
		if c.dismissed == "" && n+1 < len(out) && (toolReport(c.toks) || puzzlement(c.toks)) {
			c.dismissed = "what-the-writer-saw"
		}
		// "DNS-based egress controls let you allow traffic to a named
		// destination, not a brittle IP list. For the exporter pods ...":
		// what a kind of policy does in general, before the rules.
		if c.dismissed == "" && n+1 < len(out) && kindDoes(c.toks) {
			c.dismissed = "what-the-kind-does"
		}
		// "Alerts show curl reaching app=db. Block /usr/bin/curl in ...":
		// what findings show, with a value or a word of an order, read as a
		// rule audited what was found; asked (understandTokens).
		if c.dismissed == "" && n+1 < len(out) && findingVerbAt(c.toks) >= 0 {
			c.dismissed = "finding-unsaid"
		}
		if c.dismissed == "" && n+1 < len(out) && unableUnderPolicies(c.toks, out[n+1].toks) {
			c.dismissed = "what-policies-would-stop"
		}
		// "Warning: these policies can block V1 iSCSI - host-originated
		// traffic to the instance manager on TCP port 3260. Workaround: let
		// the host reach ... on TCP 3260": the harm the rule after it undoes.
		if c.dismissed == "" && len(out) > 1 && policiesMayStop(c.toks) && failureFixed(out, n) && restated(c.toks, slices.Concat(out[:n], out[n+1:])) {
			c.dismissed = "what-policies-would-stop"
		}
		// "Our namespace already has a default-deny policy. Allow ...": a
		// default deny that is there, beside the rules, is no second one.
		if c.dismissed == "" && len(out) > 1 && denyInPlace(c.toks) {
			c.dismissed = "deny-in-place"
		}
		if c.dismissed == "" && len(out) > 1 && currentState(c.toks) {
			c.dismissed = "current-state"
		}
		if c.dismissed == "" && n+1 < len(out) && stateBeforeUpdate(c.toks, out[n+1:]) {
			c.dismissed = "current-state"
		}
		// "My db pod (app=db) holds the data, and at the moment it takes
		// connections from api, frontend, monitoring and whatever else. ...
		// only the api pods (app=api) get in": what flows now, beside the
		// rule asked for. With a value no other clause says again ("The
		// app=db pods currently accept connections from every pod. Only
		// app=api should get in", which allowed every pod), it is asked
		// about (understand).
		// "backend (app=backend) should accept TCP 80 and pings from the
		// frontend pods - with only the L3-L4 rule for port 80 in place,
		// the pings get dropped": what fails, beside the rule that fixes it.
		if c.dismissed == "" && len(out) > 1 && failedWhen(c.toks) && failureFixed(out, n) && !placeUnsaid(c.toks, slices.Concat(out[:n], out[n+1:])) &&
			restated(placesSaidAgain(slices.DeleteFunc(slices.Clone(c.toks), func(t token) bool { return t.low == "only" }), slices.Concat(out[:n], out[n+1:])), slices.Concat(out[:n], out[n+1:])) {
			c.dismissed = "what-broke"
		}
		// "... my Prometheus runs in another namespace and can't get to
		// 9090": the story of what broke goes on after "and".
		if c.dismissed == "" && n > 0 && len(dismissed) > 0 && dismissed[len(dismissed)-1].dismissed == "what-broke" && dismissed[len(dismissed)-1].toks[0].start == out[n-1].toks[0].start &&
			failureGoesOn(c) && restated(c.toks, slices.Concat(out[:n-1], out[n+1:])) {
			c.dismissed = "what-broke"
		}
		if c.dismissed == "" && len(out) > 1 && presentTraffic(c.toks) && presentTrafficKept(out, n) {
			c.dismissed = "current-traffic"
			if !restated(c.toks, slices.Concat(out[:n], out[n+1:])) {
				c.dismissed = "current-traffic-unsaid"
			}
		}
		// "Any other outbound call gets blocked - blocking by default."
		if c.dismissed == "" && n > 0 && byDefault(c.toks) && (slices.ContainsFunc(dismissed, func(d clause) bool { return d.dismissed == "allow-list-rest" }) ||
			slices.ContainsFunc(out[:n], func(o clause) bool { return allowList(o.toks) })) {
			c.dismissed = "allow-list-rest"
		}
		if c.dismissed != "" {
			dismissed = append(dismissed, c)
		} else {
			kept = append(kept, c)
		}
	}
	// Dismissed clauses make no statement; at least one must be left.
	if len(kept) == 0 {
		return []clause{{toks: toks}}, nil
	}
	kept, dismissed = tailSubjects(request, kept, dismissed)
	return kept, dismissed
}

// soCanTail reports whether the comma at i opens ", so X can <verb of
// reaching> ...", to the end of the sentence, after a rule that names
// where its traffic comes from: "every pod in flux-system accepts
// connections on TCP 8080 from pods in any namespace, so Prometheus can
// scrape the controllers". X and the rest hold no value, no "only",
// "except" or "not"; the rule before has "from", so X (a name no label
// says) is among the peers it already allows. Without "from" ("open 8080
// on app=web, so Prometheus can scrape it") X would be the only peer, and
// the tail stays for the rules.
func soCanTail(toks []token, start, i int) bool {
	if i+4 >= len(toks) || toks[i+1].low != "so" || !slices.ContainsFunc(toks[start:i], func(t token) bool { return t.low == "from" }) {
		return false
	}
	end := sentenceEnd(toks, i+1)
	k := i + 2
	for k < end && k < i+6 && toks[k].kind == tWord && !modals[toks[k].low] {
		k++
	}
	if k+1 >= end || k == i+2 || !(toks[k].low == "can" || toks[k].low == "could" || toks[k].low == "may") || !reachVerbs[toks[k+1].low] {
		return false
	}
	return !slices.ContainsFunc(toks[i+2:end], func(t token) bool {
		return isValue(t) || t.low == "only" || t.low == "except" || negationWords[t.low] || t.low == "also" || t.low == "too"
	})
}

// exceptionIsAt returns the length of "the one exception is" (or "the
// only exception is", "the sole exceptions are", "with one exception:")
// opening at i, or 0: after a semicolon, it says what the rule before
// leaves out, as "except" does.
func exceptionIsAt(toks []token, i int) int {
	// "loses its egress, with one exception: DNS to kube-dns"
	if i+3 < len(toks) && toks[i].low == "with" && (toks[i+1].low == "one" || toks[i+1].low == "a" || toks[i+1].low == "an") && toks[i+2].low == "exception" && toks[i+3].low == ":" {
		return 4
	}
	k := i
	if k < len(toks) && toks[k].low == "the" {
		k++
	}
	if k < len(toks) && (toks[k].low == "one" || toks[k].low == "only" || toks[k].low == "sole" || toks[k].low == "single") {
		k++
	}
	if k+1 < len(toks) && k > i && (toks[k].low == "exception" && toks[k+1].low == "is" || toks[k].low == "exceptions" && toks[k+1].low == "are") {
		return k + 2 - i
	}
	return 0
}
