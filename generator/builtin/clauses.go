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
		case t.kind == tPunct && t.low == ";" && depth > 0:
			// "(namespace vault; app.kubernetes.io/name=x, component=y)":
			// one aside, not two statements.
		case t.kind == tPunct && t.low == ";" && verdictListBefore(toks[start:i]) && verdictListBefore(append(slices.Clone(toks[start:i]), toks[i+1:sentenceEnd(toks, i+1)]...)):
			// "Block: running /usr/bin/curl; access to /etc/shadow; and raw
			// sockets.": the items of the list the verdict opens.
		case t.kind == tPunct && t.low == "." && start == 0 && i > 0 && i+1 < len(toks) && sceneHeading(toks[:i]):
			// "protectAsset in namespace free5gc. The asset is /etc/shadow
			// in ...": a title sentence that only sets the namespace is
			// the scene of the sentence after it, as before a colon.
		case (t.low == ":" || t.low == "-" || t.low == ".") && depth == 0 && i > start && protocolsCovered(toks[start:i]):
			// "network policy only covers TCP, UDP, ICMP and SCTP, which
			// is fine for us: ...": what the kind of policy can match.
			out = append(out, clause{toks: toks[start:i], dismissed: "policy-kind"})
			start = i + 1
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
			if startsStatement(toks, j) && hasStatement(toks[start:i]) || now || switchesDirection(toks[start:i], toks[j:min(j+3, sentenceEnd(toks, j))]) || verbSwitchesDirection(toks[start:i], toks[j:sentenceEnd(toks, j)]) || gappedAt(toks, j) && hasStatement(toks[start:i]) {
				flush(i)
				start = j
				i = j - 1
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
		if n == 0 && len(out) > 1 && (wordsHeading(c.toks, request, statementAfter(out[1:])) || topicHeading(c.toks, request, out[1].toks) || summary(c.toks, out[1].toks)) {
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
		if c.dismissed == "" && len(out) > 1 && writesRestated(c.toks) && slices.ContainsFunc(out, func(o clause) bool {
			return hasWord(o.toks, "read-only") || hasWord(o.toks, "readonly")
		}) {
			c.dismissed = "read-only-restated"
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
		// Another clause audits: "(billing and reporting only)" says no
		// audit of its own.
		// "We don't want to intercept delete_module, but we do want to
		// know about it. Audit the ... delete_module syscalls": the values
		// it names, another clause audits.
		others := slices.Concat(out[:n], out[n+1:])
		if c.dismissed == "" && (n > 0 && auditRestated(c.toks) || len(others) > 0 && auditRestated(withoutAudited(c.toks, others))) && slices.ContainsFunc(others, func(o clause) bool {
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
		if c.dismissed == "" && len(out) > 1 && !statesAnything(c.toks) && scopeSaidAgain(c, out) {
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
		if c.dismissed == "" && n+1 < len(out) && unableUnderPolicies(c.toks, out[n+1].toks) {
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

// placesSaidAgain is toks without the namespace words whose namespace,
// the word after them or before them, the other clauses say again as a
// place ("in orders", "namespace orders", "the orders namespace"): "I want
// to define an Egress policy for my namespace orders, but ... . Allow DNS
// egress to kube-dns for all pods in orders." A namespace said only there,
// or said again only as a word of a name ("the orders pods"), stays, and
// keeps the clause from being dismissed.
func placesSaidAgain(toks []token, others []clause) []token {
	said := func(k int) bool {
		return k >= 0 && k < len(toks) && toks[k].kind == tWord && !namespaceWords[toks[k].low] && !determiners[toks[k].low] && !prepositions[toks[k].low] &&
			slices.ContainsFunc(others, func(c clause) bool { return placeSaid(c.toks, toks[k].low) })
	}
	// "my Prometheus runs in another namespace": a namespace that is only
	// some other one names no place.
	unnamed := func(k int) bool {
		return k > 0 && (toks[k-1].low == "another" || toks[k-1].low == "other" || toks[k-1].low == "different") && (k+1 >= len(toks) || toks[k+1].kind == tPunct || toks[k+1].low == "and")
	}
	var out []token
	for k, t := range toks {
		if namespaceWords[t.low] && (said(k+1) || said(k-1) || unnamed(k)) {
			continue
		}
		out = append(out, t)
	}
	return out
}

// placeUnsaid reports whether toks put pods "in" a place by a plain word
// that no other clause names as a place: "as soon as I add it the pods in
// staging are unable to do DNS lookups. Allow DNS egress for all pods in
// orders" (the pods that broke may be others than the rule's).
func placeUnsaid(toks []token, others []clause) bool {
	for k := 1; k < len(toks); k++ {
		w := toks[k].low
		if toks[k-1].low == "in" && toks[k].kind == tWord && !determiners[w] && !prepositions[w] && !namespaceWords[w] && !unnamedPlace[w] &&
			!slices.ContainsFunc(others, func(c clause) bool { return placeSaid(c.toks, w) }) {
			return true
		}
	}
	return false
}

// unnamedPlace are words after "in" that name no place of their own: "in
// place", "in it", "runs in another namespace".
var unnamedPlace = set("place", "it", "them", "another", "other", "different", "some")

// placeSaid reports whether toks name the namespace ns as a place: "in
// ns", "namespace ns", "ns namespace".
func placeSaid(toks []token, ns string) bool {
	for k, t := range toks {
		if t.low == ns && (k > 0 && (toks[k-1].low == "in" || namespaceWords[toks[k-1].low]) || k+1 < len(toks) && namespaceWords[toks[k+1].low]) {
			return true
		}
	}
	return false
}

// statementAfter is the words of the clause after a heading, and, when
// it only names pods ("Write below binary dir - for the payments pods:
// block writes to ..."), of the clause after that too.
func statementAfter(after []clause) []token {
	if len(after) > 1 && !hasStatement(after[0].toks) && subjectHeading(trimFor(after[0].toks)) {
		return slices.Concat(after[0].toks, after[1].toks)
	}
	return after[0].toks
}

// trimFor is tokens without a "for" or "in" that opens them.
func trimFor(toks []token) []token {
	if len(toks) > 1 && (toks[0].low == "for" || toks[0].low == "in") {
		return toks[1:]
	}
	return toks
}

// namesSaidAgain reports whether pods named by words ("the shared
// services", "the api servers") are named again, whole, in after, the
// statement after a heading, which gives its own labels: as a namespace or
// a label's value, with the words joined by dashes, pod nouns left out or
// not ("in shared-services, the app=billing-api pods ...", "... the app=api
// pods"). "the web pods" is not "app=web-proxy".
func namesSaidAgain(pods, after []token) bool {
	if !slices.ContainsFunc(after, func(t token) bool { return t.kind == tLabel }) {
		return false
	}
	var all, names []string
	for _, t := range pods {
		w := t.low
		switch {
		case determiners[w] || w == "our" || w == "their":
		case t.kind != tWord:
			return false
		case podNouns[w]:
			all = append(all, w)
		default:
			all, names = append(all, w), append(names, w)
		}
	}
	if len(names) == 0 {
		return false
	}
	whole, short := strings.Join(all, "-"), strings.Join(names, "-")
	return slices.ContainsFunc(after, func(u token) bool {
		v := u.low
		if u.kind == tLabel {
			v = v[strings.LastIndex(v, "=")+1:]
		}
		return v == whole || v == short
	})
}

// requireVerbs say what a standard or a checklist asks for.
var requireVerbs = set("wants", "requires", "recommends", "mandates", "demands", "expects", "prescribes")

// mechanismNouns name, in general words, something that enforces.
var mechanismNouns = set("mechanism", "mechanisms", "control", "controls", "safeguard", "safeguards", "measure", "measures", "capability", "means", "way")

// requirement reports whether a clause only cites what a standard asks
// for, in general words, before the rules that say it concretely: "NIST
// 800-53 CM-7(2) wants an automated mechanism that prevents program
// execution. For the pods labeled app=report-gen, only /usr/bin/python3
// ...", "PCI DSS requires a control that blocks writes to system
// binaries". Who asks is no person ("we want ..." is a request), and what
// is asked names no value, pods, namespace, direction or scope.
func requirement(toks []token) bool {
	k := slices.IndexFunc(toks, func(t token) bool { return requireVerbs[t.low] })
	if k <= 0 || slices.ContainsFunc(toks[:k], func(t token) bool {
		return t.kind != tWord && t.kind != tPunct && t.kind != tNumber && t.kind != tRange || podNouns[t.low] || namespaceWords[t.low] || wishers[t.low] || t.low == "you" || t.low == "they"
	}) {
		return false
	}
	i := k + 1
	for i < len(toks) && (determiners[toks[i].low] || toks[i].kind == tWord && !mechanismNouns[toks[i].low] && !meaningful(toks[i]) && i < k+4) {
		i++
	}
	if i+2 >= len(toks) || !mechanismNouns[toks[i].low] || !(toks[i+1].low == "that" || toks[i+1].low == "which" || toks[i+1].low == "to") {
		return false
	}
	for _, t := range toks[i+2:] {
		w := t.low
		if t.kind != tWord && t.kind != tPunct || podNouns[w] || namespaceWords[w] || scopeWords[w] || ingressWords[w] || egressWords[w] || isolateWords[w] ||
			w == "any" || w == "everything" || w == "anything" || w == "nothing" || w == "only" || w == "except" || w == "default" || pronouns[w] {
			return false
		}
	}
	return true
}

// requirementAgrees reports whether the rule after a cited requirement
// has its verdict: a requirement that prevents or blocks needs a deny, a
// read-only or an allow-list ("only"); one that allows, an allow.
// "... recommends a control that blocks shell access. Allow /bin/sh in
// ..." contradicts it, and is left to ask.
func requirementAgrees(req, rule []token) bool {
	has := func(toks []token, f func(w string) bool) bool {
		return slices.ContainsFunc(toks, func(t token) bool { return f(t.low) })
	}
	denies := func(w string) bool {
		return denyWords[w] && !negationWords[w] || w == "only" || w == "read-only" || w == "readonly" || w == "restrict" || w == "restricts" || w == "limit" || w == "limits"
	}
	if has(req, denies) {
		return has(rule, denies) && !has(rule, func(w string) bool {
			return allowWords[w] && w != "may" && w != "can" && !has(rule, func(w string) bool { return w == "only" })
		})
	}
	return !has(rule, denies)
}

// tailSubjects reads pods said last in a sentence of several clauses,
// after a comma or a dash, as the pods of all of them: "allow egress to
// 10.0.0.1 and 8.8.8.8 and deny everything else, for all pods in the
// namespace", "let app=api in on 5432 and refuse the rest - for the app=db
// pods". The pods go before the sentence's first clause, as a heading
// ("for all pods in the namespace: allow ..."); what is left of the last
// clause is dismissed when it only says the rest of an allow-list.
func tailSubjects(request string, kept, dismissed []clause) ([]clause, []clause) {
	for n := 1; n < len(kept); n++ {
		c := kept[n]
		k := tailFor(c.toks)
		first := n
		for first > 0 && !strings.ContainsAny(request[kept[first-1].toks[len(kept[first-1].toks)-1].end:kept[first].toks[0].start], ".;?!:") {
			first--
		}
		if k <= 0 || first == n || n+1 < len(kept) && !strings.ContainsAny(request[c.toks[len(c.toks)-1].end:kept[n+1].toks[0].start], ".;?!") {
			continue
		}
		// "allow egress from app=web to 10.0.0.1 and deny everything else,
		// for the app=db pods": pods named before could be the ones meant;
		// the tail heads only clauses that name none.
		if slices.ContainsFunc(kept[first:n+1], func(o clause) bool {
			return slices.ContainsFunc(o.toks, func(t token) bool { return t.kind == tLabel || podNouns[t.low] }) && o.toks[0].start != c.toks[0].start
		}) || slices.ContainsFunc(c.toks[:k], func(t token) bool { return t.kind == tLabel || podNouns[t.low] }) {
			continue
		}
		tail := clause{toks: c.toks[k:]}
		c.toks = c.toks[:k-1]
		if allowListRestClause(c.toks) || asideRest(c.toks) || restReaches(c.toks, request[:c.toks[0].start]) {
			c.dismissed = "allow-list-rest"
			dismissed = append(dismissed, c)
			kept = slices.Delete(kept, n, n+1)
		} else {
			kept[n] = c
		}
		kept = slices.Insert(kept, first, tail)
		n++
	}
	return kept, dismissed
}

// tailFor is the index of "for" in a clause that ends with ", for <pods>"
// or "- for <pods>": words that name pods or a namespace and say nothing
// else (no action, value or verb), or 0.
func tailFor(toks []token) int {
	for k := len(toks) - 2; k > 1; k-- {
		if toks[k].low != "for" || !(toks[k-1].low == "," || toks[k-1].low == "-") {
			continue
		}
		rest := toks[k+1:]
		if hasStatement(rest) || !slices.ContainsFunc(rest, func(t token) bool { return t.kind == tLabel || podNouns[t.low] || namespaceWords[t.low] }) ||
			slices.ContainsFunc(rest, func(t token) bool { return t.kind != tWord && t.kind != tPunct && t.kind != tLabel || t.low == "for" }) {
			return 0
		}
		return k
	}
	return 0
}

// wholeSentence reports whether clause c is a sentence of the request on
// its own: nothing but a heading or an opening quote before it, and its end
// the sentence's, or that of the reasons said after it ("The miner got in
// through a curl in the startup script, so the image scan was clean.").
func wholeSentence(request string, c clause, dismissed []clause) bool {
	return opensSentence(request, c) && endsSentence(request, c, dismissed)
}

// opensSentence reports whether clause c opens a sentence of the request:
// nothing but a heading or an opening quote before it.
func opensSentence(request string, c clause) bool {
	before := strings.TrimRight(strings.TrimSpace(request[:c.toks[0].start]), "`'\"")
	return before == "" || strings.ContainsAny(before[len(before)-1:], ".?!;:")
}

// withReasonsAfter gives the clauses dismissed so far and the clauses after
// that only say why, which are dismissed later: "The kube-apiserver entity
// may not work for ingress, because control-plane traffic is tunneled
// through the worker nodes." ends with its reason.
func withReasonsAfter(dismissed, after []clause) []clause {
	out := slices.Clone(dismissed)
	for _, c := range after {
		if c.dismissed == "" && rationale(c.toks) == "rationale" {
			c.dismissed = "rationale"
			out = append(out, c)
		}
	}
	return out
}

// endsSentence reports whether clause c ends a sentence of the request, or
// the reasons said after it do.
func endsSentence(request string, c clause, dismissed []clause) bool {
	end := c.toks[len(c.toks)-1].end
	for {
		after := strings.TrimSpace(request[end:])
		if after == "" || strings.ContainsAny(after[:1], ".?!;") {
			return true
		}
		k := slices.IndexFunc(dismissed, func(d clause) bool {
			return d.dismissed == "rationale" && d.toks[0].start >= end && strings.Trim(request[end:d.toks[0].start], " ,") == ""
		})
		if k < 0 {
			return false
		}
		end = dismissed[k].toks[len(dismissed[k].toks)-1].end
	}
}

// restrictionWords say a rule in the words of a fact: "X is off limits".
var restrictionWords = set("off", "limits", "closed", "forbidden", "banned", "prohibited", "blocked", "denied", "allowed", "permitted", "open",
	"required", "needed", "mandatory", "okay", "ok", "fine", "acceptable", "unacceptable", "disabled", "enabled")

func hasWord(toks []token, w string) bool {
	for _, t := range toks {
		if t.low == w {
			return true
		}
	}
	return false
}

// hasStatement reports whether tokens say something a policy could be:
// an action word or a verb of traffic, files or processes.
func hasStatement(toks []token) bool {
	for _, t := range toks {
		w := t.low
		if denyWords[w] || allowWords[w] || auditWords[w] || isolateWords[w] || reachVerbs[w] || receiveVerbs[w] || processVerbs[w] || fileVerbs[w] || ingressWords[w] || egressWords[w] || w == "only" {
			return true
		}
	}
	return false
}

// premiseWords say what pods never do or need: "never", "don't", "do
// not", "don't need", "have no need for".
var premiseWords = set("never", "don't", "doesn't", "dont", "doesnt")

// premiseModals before a negation make it an order: "must never", "should
// not", "may never".
var premiseModals = set("must", "should", "may", "can", "shall", "will", "are", "is", "be")

// premiseAt is where a premise starts after the pods it is about ("the
// app=web pods | never open raw sockets", "they | don't need NET_RAW"), or
// -1: a negation right after a subject of pods or a pronoun, with no modal
// ("must never" is an order) and no action word of its own before it.
func premiseAt(toks []token) int {
	for n, t := range toks {
		w := t.low
		neg := premiseWords[w] || (w == "do" || w == "does") && n+1 < len(toks) && toks[n+1].low == "not"
		if !neg {
			if denyWords[w] || allowWords[w] || auditWords[w] || premiseModals[w] {
				return -1
			}
			continue
		}
		if n == 0 {
			return -1
		}
		prev := toks[n-1].low
		if podNouns[prev] || prev == "they" || prev == "it" || prev == ")" || toks[n-1].kind == tLabel {
			return n
		}
		return -1
	}
	return -1
}

// judgmentWords say what something means: "writes under /usr/bin mean
// compromise", "a shell is a red flag", "outbound SSH usually indicates
// lateral movement", "are a sign of".
var judgmentWords = set("mean", "means", "indicate", "indicates", "signal", "signals", "suggest", "suggests", "sign", "signs", "symptom",
	"indicator", "indicators", "hallmark", "giveaway", "telltale", "smell")

// judgment reports whether a clause only says what something means: a
// word of judgmentWords ("red flag" too), and no word that gives an order.
func judgment(toks []token) bool {
	found := false
	for n, t := range toks {
		w := t.low
		switch {
		case judgmentWords[w] || w == "flag" && n > 0 && (toks[n-1].low == "red" || toks[n-1].low == "warning"):
			found = true
		case denyWords[w] || allowWords[w] || auditWords[w] || premiseModals[w] && w != "are" && w != "is" && w != "be" || w == "please" || w == "only":
			return false
		}
	}
	return found
}

// lackedNouns are what a fact says something lacks, never a target of a
// rule: "no idea", "no password", "no fixed IP", "no global default".
var lackedNouns = set("idea", "clue", "clues", "password", "passwords", "authentication", "auth", "tls", "encryption", "visibility", "insight",
	"fixed", "static", "stable", "global", "built-in", "builtin", "native", "concept", "notion", "support", "owner", "documentation", "docs",
	"tests", "history", "record", "records", "way", "means", "control", "firewall", "default", "defaults", "limits", "quota", "quotas", "monitoring", "logging", "alerting")

// lacksFact reports whether a clause only says what someone or something
// lacks: "X has/have/had no N" or "there is/are no N", N a word of
// lackedNouns within three words, no value anywhere and no order word
// before it ("Pods should have no ...").
func lacksFact(toks []token) bool {
	for n, t := range toks {
		if t.kind != tWord && t.kind != tPunct {
			return false
		}
		if t.low != "no" || n == 0 {
			continue
		}
		prev := toks[n-1].low
		if prev != "has" && prev != "have" && prev != "had" && !(n >= 2 && (prev == "is" || prev == "are" || prev == "was") && toks[n-2].low == "there") && prev != "there's" {
			continue
		}
		if slices.ContainsFunc(toks[:n], func(t token) bool {
			return premiseModals[t.low] && t.low != "is" && t.low != "are" || t.low == "please" || t.low == "let" || denyWords[t.low] || allowWords[t.low] || auditWords[t.low]
		}) {
			return false
		}
		for k := n + 1; k < min(n+4, len(toks)); k++ {
			if lackedNouns[toks[k].low] {
				return !slices.ContainsFunc(toks[k:], func(t token) bool { return t.kind != tWord && t.kind != tPunct })
			}
		}
	}
	return false
}

// neglecters are people in general, as a remark names them; neglectVerbs
// what such a remark says they do.
var (
	neglecters   = set("everyone", "everybody", "nobody", "people", "teams", "developers", "devs", "operators", "admins", "administrators", "engineers", "folks", "users")
	neglectVerbs = set("forget", "forgets", "forgot", "overlook", "overlooks", "ignore", "ignores", "neglect", "neglects", "underestimate", "underestimates", "skip", "skips", "miss", "misses")
)

// neglectRemark reports whether a clause only says what people in general
// neglect: a subject of neglecters ("Everyone", "Most teams", "Many
// developers"), a few adverbs ("often", "tend to"), a verb of neglectVerbs
// ("forgets about", "overlook", "think about" after "nobody"), and no
// value, modal or action word.
func neglectRemark(toks []token) bool {
	k := 0
	if k < len(toks) && (toks[k].low == "most" || toks[k].low == "many" || toks[k].low == "some" || toks[k].low == "a" && k+1 < len(toks) && toks[k+1].low == "lot" && k+2 < len(toks) && toks[k+2].low == "of") {
		k++
		if toks[k-1].low == "a" {
			k += 2
		}
	}
	if k >= len(toks) || !neglecters[toks[k].low] {
		return false
	}
	k++
	for k < len(toks) && (toks[k].low == "often" || toks[k].low == "usually" || toks[k].low == "always" || toks[k].low == "still" || toks[k].low == "simply" || toks[k].low == "just" || toks[k].low == "tend" || toks[k].low == "to") {
		k++
	}
	if k >= len(toks) || !(neglectVerbs[toks[k].low] || toks[k-1].low == "nobody" && (toks[k].low == "thinks" || toks[k].low == "checks")) {
		return false
	}
	return !slices.ContainsFunc(toks, func(t token) bool {
		return t.kind != tWord && t.kind != tPunct || premiseModals[t.low] && t.low != "is" && t.low != "are" || denyWords[t.low] || allowWords[t.low] || auditWords[t.low] || negationWords[t.low] && t.low != "nobody"
	})
}

// restatementAt reports whether a restatement starts at i.
func restatementAt(toks []token, i int) bool { return restatementLen(toks, i) >= 0 }

// statesAnything reports whether a clause could say something about a
// policy: an action word, a value (label, path, number, address, name with
// a dot), or a word for pods, namespaces, traffic or the world. A clause
// that does not ("Rootkits come in as kernel modules") only sets the scene.
func statesAnything(toks []token) bool {
	for n, t := range toks {
		if sceneAt(toks, n) {
			return true
		}
		w := t.low
		// a capability: "take NET_RAW away", "CAP_SYS_ADMIN has to go"
		if capabilityWordRE.MatchString(w) && (strings.Contains(w, "_") || t.raw == strings.ToUpper(t.raw)) {
			return true
		}
		// a peer with its port: "so just world:443", "smtp.gmail.com:587"
		if i := strings.LastIndexByte(w, ':'); i > 0 && i+1 < len(w) && strings.Trim(w[i+1:], "0123456789") == "" {
			return true
		}
		if t.kind != tWord && t.kind != tPunct || systemName(t) || denyWords[w] || allowWords[w] || auditWords[w] || isolateWords[w] || w == "only" || podNouns[w] || namespaceWords[w] ||
			ingressWords[w] || egressWords[w] || entityWord(w) != "" || knownExecutables[w] || processVerbs[w] || workloadKinds[w] != "" || actionVerbs[w] && w != "make" || unclearVerbs[w] || w == "dns" || w == "kube-dns" || methods[w] && t.raw == strings.ToUpper(t.raw) {
			return true
		}
	}
	return false
}

// listContinues reports whether the words after a dash go on with a list
// of values rather than a statement ("10.0.0.0/8 - except ...").
func listContinues(toks []token, i int) bool {
	return i < len(toks) && (toks[i].kind != tWord || toks[i].low == "except" || toks[i].low == "excluding" || toks[i].low == "but")
}

// dashEnd is the index of the first dash after i in its sentence, or the
// sentence's end.
func dashEnd(toks []token, i int) int {
	end := sentenceEnd(toks, i)
	for k := i; k < end; k++ {
		if toks[k].kind == tPunct && (toks[k].low == "-" || toks[k].low == ":") {
			return k
		}
	}
	return end
}

// sentenceEnd is the index of the end of the sentence that holds i.
func sentenceEnd(toks []token, i int) int {
	for k := i; k < len(toks); k++ {
		if toks[k].kind == tPunct && (toks[k].low == "." || toks[k].low == ";" || toks[k].low == "?" || toks[k].low == "!") {
			return k
		}
	}
	return len(toks)
}

// wordsOnly reports whether tokens hold words alone: no value, no pods or
// namespaces, no action, no "only" or "except".
func wordsOnly(toks []token) bool {
	for _, t := range toks {
		w := t.low
		if t.kind != tWord && t.kind != tPunct || podNouns[w] || namespaceWords[w] || w == "only" || w == "except" ||
			(denyWords[w] || allowWords[w] || auditWords[w] || isolateWords[w]) && !negationWords[w] {
			return false
		}
	}
	return true
}

// hasValue reports whether tokens hold a value: a path, label, address,
// port or name with a dot.
func hasValue(toks []token) bool {
	return slices.ContainsFunc(toks, func(t token) bool { return t.kind != tWord && t.kind != tPunct })
}

// directionSaid reports whether tokens hold a word of direction: ingress,
// outbound, ...
func directionSaid(toks []token) bool {
	return slices.ContainsFunc(toks, func(t token) bool { return ingressWords[t.low] || egressWords[t.low] })
}

// acceptVerbs say, with the pods before them, that traffic comes in.
var acceptVerbs = set("accept", "accepts", "receive", "receives", "admit", "admits")

// trafficVerbs go on with the traffic of the sentence before a dash: "X
// may only call Y - and resolve DNS".
var trafficVerbs = set("reach", "talk", "call", "connect", "send", "query", "resolve", "contact", "hit", "fetch", "pull")

// obligation reports whether w makes "to ..." after it a duty, not a
// purpose: "DNS has to keep working".
func obligation(w string) bool {
	return w == "has" || w == "have" || w == "had" || w == "needs" || w == "need" || w == "got"
}

// verbLike reports whether w can be the verb of "... and to W ...".
func verbLike(w string) bool {
	return reachVerbs[w] || receiveVerbs[w] || processVerbs[w] || fileVerbs[w] || allowWords[w] || denyWords[w]
}

// keepWorking end "keep DNS working": the thing kept stays allowed.
var keepWorking = set("working", "work", "open", "allowed", "flowing", "alive", "going", "enabled", "reachable", "functional", "resolving")

var coordinators = set("and", "but", "while", "whereas", "though", "although", "yet", "plus")

// isCoordinator reports whether token i joins two statements: "and", "but",
// "while", or a comma before one of them.
func isCoordinator(toks []token, i int) bool {
	w := toks[i].low
	if w == "," {
		return i+1 < len(toks) && coordinators[toks[i+1].low]
	}
	if !coordinators[w] || i == 0 || toks[i-1].low == "," {
		return false
	}
	// "but not 10.96.0.0/12" and "but only" narrow what comes before.
	if w == "but" && i+1 < len(toks) && (toks[i+1].low == "not" || toks[i+1].low == "excluding") || butOnly(toks, i) {
		return false
	}
	// "may be read but never written": read-only.
	if w == "but" && toks[i-1].low == "read" && i+1 < len(toks) && toks[i+1].low == "never" {
		return false
	}
	if verdictPairTitle(toks, i) {
		return false
	}
	return true
}

// verdictTitle reports whether toks, the words before a colon at the
// start of a sentence, are a title of words of actions joined by "and":
// "Audit and block in one policy", "Block and alert, same policy". The
// clause is its own: the summary rules (summarizes) keep it only when the
// rules after the colon take every action it names.
func verdictTitle(toks []token) bool {
	return len(toks) > 2 && coordinators[toks[1].low] && verdictPairTitle(append(toks[:len(toks):len(toks)], token{kind: tPunct, low: ":"}), 1)
}

// verdictWord reports whether w is a plain word of an action a policy
// takes: allow, deny or audit, not a negation ("not", "never").
func verdictWord(w string) bool {
	return (allowWords[w] || denyWords[w] || auditWords[w]) && !negationWords[w] && w != "may" && w != "can" && w != "let" && w != "no"
}

// verdictPairTitle reports whether the coordinator at i joins two words of
// an action that open a title before a colon: "Audit and block in one
// policy: ...", "Allow plus log: ...", "Block and alert, same policy:
// ...". The title names no statement to split; the rules after the colon
// say what it sums up (summarizes checks it).
func verdictPairTitle(toks []token, i int) bool {
	if i < 1 || i+1 >= len(toks) || !verdictWord(toks[i-1].low) || !verdictWord(toks[i+1].low) {
		return false
	}
	if i > 1 && !(toks[i-2].kind == tPunct && (toks[i-2].low == "." || toks[i-2].low == ";")) {
		return false
	}
	for k := i + 2; k < len(toks) && k < i+8; k++ {
		switch {
		case toks[k].low == ":":
			return true
		case toks[k].kind == tPunct && toks[k].low != ",", toks[k].kind != tWord && toks[k].kind != tPunct, isCoordinator(toks, k):
			return false
		}
	}
	return false
}

// butOnly reports whether "but" at i narrows what comes before it to what
// "only" says: "but only on port 80", "but only for the pods labeled
// app=web", and "but on port 80 only", where "only" closes the words of a
// preposition that follow "but".
func butOnly(toks []token, i int) bool {
	if i+1 >= len(toks) || toks[i].low != "but" {
		return false
	}
	if toks[i+1].low == "only" {
		return true
	}
	if !prepositions[toks[i+1].low] {
		return false
	}
	for k := i + 2; k < len(toks); k++ {
		t := toks[k]
		switch {
		case t.low == "only":
			return k > i+2 && (k+1 == len(toks) || toks[k+1].kind == tPunct && toks[k+1].low != "(")
		case t.kind == tPunct || t.kind == tWord && (verbLike(t.low) || negationWords[t.low] || coordinators[t.low] || t.low == "or"):
			return false
		}
	}
	return false
}

// readOnlyAhead reports whether "read-only" closes the words ahead before
// the sentence ends: "make /etc/crontab plus everything under /etc/cron.d/
// read-only".
func readOnlyAhead(toks []token) bool {
	for _, t := range toks {
		switch {
		case t.low == "read-only" || t.low == "readonly":
			return true
		case t.low == "." || t.low == ";" || t.low == "and" || t.low == "but":
			return false
		}
	}
	return false
}

// startsStatement reports whether token i begins a statement of its own:
// an action word ("block", "allow", "audit", "isolate", "keep allowing").
// imperatives are the verdict verbs that start an order: "block X".
var imperatives = set("block", "deny", "drop", "forbid", "prevent", "prohibit", "reject", "audit", "alert", "monitor", "allow", "permit")

// commaImperative reports whether the comma at i ends a statement and an
// order of its own follows it: "only /bin/bash may run, block /bin/sh".
// The statement before names a value and has a modal of its own (not a
// scene such as "for pods labeled X,", not a list of orders "allow A,
// allow B"); the order after names a value too ("only their owner may run
// them, block everyone else" is one rule).
func commaImperative(toks []token, start, i int) bool {
	if i+2 >= len(toks) || !imperatives[toks[i+1].low] || toks[i+2].kind == tPunct || coordinators[toks[i+2].low] || !hasValue(toks[start:i]) || !hasValue(toks[i+1:sentenceEnd(toks, i+1)]) {
		return false
	}
	return slices.ContainsFunc(toks[start:i], func(t token) bool { return t.low == "may" || t.low == "can" || t.low == "must" || t.low == "should" })
}

func startsStatement(toks []token, i int) bool {
	for i < len(toks) && (toks[i].low == "also" || toks[i].low == "then" || toks[i].low == "," || toks[i].low == "please" || toks[i].low == "explicitly") {
		i++
	}
	if i >= len(toks) {
		return false
	}
	w := strings.Trim(toks[i].low, ",.;:")
	next := ""
	if i+1 < len(toks) {
		next = toks[i+1].low
	}
	switch {
	case w == "keep" || w == "still":
		if allowWords[next] || next == "allowing" || denyWords[next] {
			return true
		}
		for k := i + 1; k < len(toks) && k <= i+4; k++ {
			if keepWorking[toks[k].low] {
				return true
			}
		}
		return false
	case w == "allowing" || w == "permitting" || w == "blocking" || w == "denying" || w == "auditing" || w == "alerting" || w == "logging":
		return true
	case w == "not" || w == "no" || w == "may" || w == "can" || w == "open" || w == "let" && next == "me":
		return false
	case w == "make" && (next == "sure" || next == "it"):
		return true
	case (w == "give" || w == "grant") && dnsAhead(toks[i+1:]):
		// "allow app=web to reach app=db, and give app=web DNS too": the
		// pods given DNS, a rule of their own.
		return true
	case w == "make" && readOnlyAhead(toks[i+1:]):
		// "audit each execution of /usr/bin/crontab, and make /etc/crontab
		// read-only": a rule of its own.
		return true
	case toks[i].kind == tPath && (next == "is" || next == "are") && i+2 < len(toks) && (restrictionWords[toks[i+2].low] || auditWords[toks[i+2].low] || toks[i+2].low == "read-only" || toks[i+2].low == "readonly"):
		// "only /usr/bin/node may run, and /tmp/ is read-only": a path said
		// to be restricted is a rule of its own.
		return true
	case (w == "its" || w == "their") && next == "only" && i+2 < len(toks) && (ingressWords[toks[i+2].low] || egressWords[toks[i+2].low]):
		// "deny ingress from world, and its only egress is the kube-apiserver"
		return true
	case w == "it" || w == "they" || w == "these" || w == "those":
		// "..., and it only ever talks to the API server": the pronoun's own statement.
		for k := i + 1; k < len(toks) && k <= i+4; k++ {
			if l := toks[k].low; reachVerbs[l] || receiveVerbs[l] || allowWords[l] || denyWords[l] {
				return true
			}
		}
		return false
	}
	if labeledSubjectActs(toks, i) || actorActs(toks, i) {
		return true
	}
	// "..., so take NET_RAW away from them", "so remove CAP_SYS_ADMIN":
	// a capability taken away.
	if removalVerbs[w] || w == "take" {
		k := i + 1
		for k < len(toks) && (determiners[toks[k].low] || toks[k].low == "away") {
			k++
		}
		if k < len(toks) && capabilityWordRE.MatchString(toks[k].low) {
			return true
		}
	}
	return denyWords[w] || allowWords[w] || auditWords[w] && w != "log" && w != "report" || isolateWords[w]
}

// dnsAhead reports whether DNS is named within the next few words, before
// the sentence ends: "give app=web DNS", "grant those pods DNS lookups".
func dnsAhead(toks []token) bool {
	for k := 0; k < len(toks) && k < 8 && toks[k].low != "."; k++ {
		if toks[k].low == "dns" {
			return true
		}
	}
	return false
}

// verbEnd is where the first verb of traffic at or after i stands (its
// object follows), or the sentence's end: "and may only talk to
// app=backend" names its peers after the verb, no subject of its own.
func verbEnd(toks []token, i int) int {
	e := sentenceEnd(toks, i)
	for k := i; k < e; k++ {
		if reachVerbs[toks[k].low] || receiveVerbs[toks[k].low] {
			return k
		}
	}
	return e
}

// labeledSubjectActs reports whether tokens at i are pods named with labels
// in brackets and a verb of traffic after them: "the database server
// (role=db) accepts traffic ...", a statement of their own.
func labeledSubjectActs(toks []token, i int) bool {
	k := i
	for k < len(toks) && k <= i+4 && toks[k].kind == tWord && toks[k].low != "(" {
		k++
	}
	if k >= len(toks) || toks[k].low != "(" || k+1 >= len(toks) || toks[k+1].kind != tLabel {
		return false
	}
	for k < len(toks) && toks[k].low != ")" {
		k++
	}
	k++
	// "(...) in dev", "(...) in namespace dev": where they run.
	if k+1 < len(toks) && toks[k].low == "in" && toks[k+1].kind == tWord {
		k += 2
		if namespaceWords[toks[k-1].low] && k < len(toks) && toks[k].kind == tWord {
			k++
		}
	}
	// "should", "may only", "have to", "need to".
	for k < len(toks) && (toks[k].low == "should" || toks[k].low == "must" || toks[k].low == "may" || toks[k].low == "can" || toks[k].low == "only" || toks[k].low == "will" ||
		(toks[k].low == "have" || toks[k].low == "has" || toks[k].low == "need" || toks[k].low == "needs") && k+1 < len(toks) && toks[k+1].low == "to" || toks[k].low == "to" && k > 0 && toks[k-1].low != "to") {
		k++
	}
	return k < len(toks) && (receiveVerbs[toks[k].low] || reachVerbs[toks[k].low])
}

// gappedAt reports whether tokens at i are pods named by their labels and
// then "only" (or "just") and "from" or "to", with no verb: "the database
// pods (app=database) only from app=backend on 5432", "tier=db pods only
// from tier=api". After a statement, that is a statement of its own whose
// verb is the one before (gappedRoles); "only" keeps it from being more
// peers of the statement before ("from A, and the app=b pods from B").
func gappedAt(toks []token, i int) bool {
	k, label, depth := i, false, 0
	for k < len(toks) && k < i+12 {
		t := toks[k]
		switch {
		case t.low == "(":
			depth++
		case t.low == ")" && depth > 0:
			depth--
		case t.kind == tLabel:
			label = true
		case depth > 0 && (t.kind == tWord || t.low == ","):
		case t.kind == tWord && (determiners[t.low] || podNouns[t.low]):
		case t.kind == tWord && depth == 0 && (t.low == "only" || t.low == "just"):
			n := k
			for n < len(toks) && (toks[n].low == "only" || toks[n].low == "just") {
				n++
			}
			return label && n < len(toks) && (toks[n].low == "from" || toks[n].low == "to")
		case t.kind == tWord && !prepositions[t.low] && !coordinators[t.low] && !verbLike(t.low) && !allowWords[t.low] && !denyWords[t.low] && k < i+3:
		default:
			return false
		}
		k++
	}
	return false
}

// actorActs reports whether tokens at i are a short noun phrase and a verb
// of traffic in its -s form right after it: "Prometheus scrapes 9402 and
// the API server calls the webhooks on 10250", "... and our app=cron pods
// query it": the second one who acts says a statement of its own, not more
// of what the first one reaches.
func actorActs(toks []token, i int) bool {
	k := i
	if k < len(toks) && determiners[toks[k].low] {
		k++
	}
	n := 0
	for k < len(toks) && n < 3 && (toks[k].kind == tWord || toks[k].kind == tLabel) {
		w := toks[k].low
		if prepositions[w] || coordinators[w] || determiners[w] || verbLike(w) || negationWords[w] || w == "or" || w == "nothing" || w == "everything" || w == "anything" {
			break
		}
		k, n = k+1, n+1
	}
	if n == 0 || k+1 >= len(toks) {
		return false
	}
	// The verb has an object right after it ("calls the webhooks", "scrapes
	// 9402"), so a noun in -s ("GET requests on /api", "system calls as
	// well") is no verb.
	w, o := toks[k].low, toks[k+1]
	object := o.kind != tPunct && !prepositions[o.low] && !coordinators[o.low] && o.low != "as" && o.low != "out" && o.low != "in"
	return object && (reachVerbs[w] || receiveVerbs[w]) && strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss")
}

// rationaleAt is the length of a rationale opener at i, or -1.
func rationaleAt(toks []token, i int) int {
	// "so qa-test pods ... can't sneak in", "so nothing in it can be
	// rewritten": what the rule keeps from happening.
	if i+1 < len(toks) && toks[i].low == "so" && !startsStatement(toks, i+1) &&
		slices.ContainsFunc(toks[i+1:sentenceEnd(toks, i+1)], func(t token) bool {
			return t.low == "can't" || t.low == "cannot" || t.low == "won't" || t.low == "until" || t.low == "still" || t.low == "fails"
		}) {
		return 1
	}
	if i+2 < len(toks) && toks[i].low == "so" && (toks[i+1].low == "nothing" || toks[i+1].low == "nobody") && !startsStatement(toks, i+1) {
		return 1
	}
	// "until the polkit update is rolled out everywhere", "until folks
	// define the egress they need": what will have happened when the
	// policy is no longer needed.
	if untilEvent(toks, i) > 0 {
		return 1
	}
	// "after the migration from flannel is done, turn on ...", "once the
	// rollout is complete, ...": when to apply it, before a comma.
	if i+2 < len(toks) && (toks[i].low == "after" || toks[i].low == "once" || toks[i].low == "when") {
		for k := i + 1; k+1 < len(toks) && toks[k].low != "," && toks[k].low != "."; k++ {
			if (toks[k].low == "is" || toks[k].low == "are" || toks[k].low == "has" || toks[k].low == "have") && doneWords[toks[k+1].low] && (k+2 == len(toks) || toks[k+2].low == ",") {
				return 1
			}
		}
	}
	// "..., no matter what number it maps to": whatever it is, the rule is
	// the same. Not where the traffic comes from or which pods send it
	// ("no matter which namespace they run in"): that would widen the peers.
	if i+1 < len(toks) && toks[i].low == "no" && toks[i+1].low == "matter" &&
		!slices.ContainsFunc(toks[i+2:sentenceEnd(toks, i+2)], func(t token) bool {
			return namespaceWords[t.low] || podNouns[t.low] || ingressWords[t.low] || egressWords[t.low] || t.low == "where" || t.low == "from" || t.low == "who" || peerNouns[t.low]
		}) {
		return 2
	}
	// "... have to connect to X or they never go Ready": what happens
	// without the rule.
	if i+2 < len(toks) && toks[i].low == "or" && (toks[i+1].low == "they" || toks[i+1].low == "it" || toks[i+1].low == "else" || toks[i+1].low == "things" || toks[i+1].low == "we") &&
		slices.ContainsFunc(toks[i+2:dashEnd(toks, i+2)], func(t token) bool {
			return t.low == "never" || t.low == "won't" || t.low == "can't" || t.low == "cannot" || t.low == "fail" || t.low == "fails" || t.low == "break" || t.low == "breaks"
		}) {
		return 1
	}
	// "an SQL injection that lands a shell shouldn't be able to walk off
	// with the tables": what some actor must not manage to do.
	if i+1 < len(toks) && (toks[i].low == "a" || toks[i].low == "an") {
		rest := toks[i+1 : sentenceEnd(toks, i+1)]
		if slices.ContainsFunc(rest, func(t token) bool { return negatedModals[t.low] }) &&
			!slices.ContainsFunc(rest, func(t token) bool {
				return podNouns[t.low] || namespaceWords[t.low] || t.kind != tWord && t.kind != tPunct
			}) {
			return 1
		}
	}
	for _, r := range rationaleStarts {
		ok := i+len(r) <= len(toks)
		for k := 0; ok && k < len(r); k++ {
			ok = toks[i+k].low == r[k]
		}
		if ok {
			return len(r)
		}
	}
	return -1
}

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

// rationale names why a clause can be dismissed: it opens with a
// rationale and holds no value (no address, port, path, label, name of pods
// or "only"/"except") that could make it a statement; "" otherwise.
func rationale(toks []token) string {
	i := 0
	for i < len(toks) && (toks[i].kind == tPunct || coordinators[toks[i].low]) {
		i++
	}
	// "(and) leave the rest of its egress alone", after filler words.
	for k := i; k < len(toks); k++ {
		if n := restatementLen(toks, k); n >= 0 {
			e := k + n
			for e < len(toks) && (restTail[toks[e].low] || toks[e].kind == tPunct) {
				e++
			}
			e += restAbout(toks[e:])
			if e >= len(toks)-1 {
				return "deny-keeps-the-rest"
			}
		}
		if !fillerWords[toks[k].low] {
			break
		}
	}
	if rationaleAt(toks, i) < 0 {
		return ""
	}
	if e := untilEvent(toks, i); e > 0 && e >= len(toks)-1 {
		return "until-event"
	}
	// "so a compromised container can't phone home": a hypothetical actor.
	hypothetical := i+1 < len(toks) && (toks[i].low == "so" && (toks[i+1].low == "a" || toks[i+1].low == "an" || toks[i+1].low == "if") || toks[i].low == "a" || toks[i].low == "an" || toks[i].low == "attackers" || toks[i].low == "intruders" ||
		toks[i].low == "they" || toks[i].low == "they're" || toks[i].low == "it" || toks[i].low == "it's" || toks[i].low == "these" || toks[i].low == "nothing" || toks[i].low == "per" ||
		toks[i].low == "anyone" || toks[i].low == "someone" || toks[i].low == "whoever") ||
		// "so that no container anywhere can load a kernel module": what no
		// one can do once the rule holds.
		toks[i].low == "so" && i+3 < len(toks) && toks[i+1].low == "that" && (toks[i+2].low == "no" || toks[i+2].low == "nothing" || toks[i+2].low == "nobody") ||
		toks[i].low == "so" && i+2 < len(toks) && (toks[i+1].low == "nothing" || toks[i+1].low == "nobody") ||
		// "so qa-test pods using the short name can't sneak in", "so the
		// metadata endpoint is unreachable", "so the broad allow doesn't
		// re-open the metadata endpoint", "so cat on the token fails":
		// what the rule brings about.
		toks[i].low == "so" && slices.ContainsFunc(toks[i:], func(t token) bool {
			return t.low == "can't" || t.low == "cannot" || t.low == "won't" || t.low == "don't" || t.low == "doesn't" || t.low == "until" || t.low == "never" || t.low == "unreachable" || t.low == "inaccessible" || t.low == "protected" || t.low == "safe" || t.low == "isolated" || t.low == "fails"
		})
	// "so that `cat /var/lib/mysql/any-file` gives Permission denied": what
	// a command shows once the rule holds, its values an example.
	output := toks[i].low == "so" && i+1 < len(toks) && toks[i+1].low == "that" && slices.ContainsFunc(toks[i:], func(t token) bool {
		return t.low == "gives" || t.low == "returns" || t.low == "prints" || t.low == "shows" || t.low == "fails" || t.low == "errors"
	}) && slices.ContainsFunc(toks[i:], func(t token) bool {
		return t.low == "denied" || t.low == "error" || t.low == "eacces" || t.low == "eperm"
	})
	for k, t := range toks[i:] {
		if output && (t.kind == tPath || knownExecutables[t.low]) {
			continue
		}
		if t.kind != tWord && t.kind != tPunct || t.low == "only" || t.low == "except" || (podNouns[t.low] || namespaceWords[t.low]) && !hypothetical || ingressWords[t.low] || egressWords[t.low] {
			return ""
		}
		// "per the hardening guide, as one policy: block apt ...": an order
		// after the reason is no reason.
		if k > 0 && (toks[i+k-1].low == ":" || toks[i+k-1].low == ";") && (denyWords[t.low] || allowWords[t.low] || auditWords[t.low] || isolateWords[t.low]) && !negationWords[t.low] {
			return ""
		}
	}
	return "rationale"
}

// restatedVerbs are the verbs, and restatedParticiples the participles,
// that say a verdict again of what a word points back at.
var (
	restatedVerbs = map[string]generator.Action{"block": generator.ActionBlock, "deny": generator.ActionBlock, "prevent": generator.ActionBlock, "forbid": generator.ActionBlock,
		"stop": generator.ActionBlock, "reject": generator.ActionBlock, "drop": generator.ActionBlock, "audit": generator.ActionAudit, "log": generator.ActionAudit,
		"allow": generator.ActionAllow, "permit": generator.ActionAllow}
	restatedParticiples = map[string]generator.Action{"blocked": generator.ActionBlock, "denied": generator.ActionBlock, "dropped": generator.ActionBlock,
		"rejected": generator.ActionBlock, "prevented": generator.ActionBlock, "audited": generator.ActionAudit, "logged": generator.ActionAudit,
		"allowed": generator.ActionAllow, "permitted": generator.ActionAllow}
	pointers = set("it", "them", "that", "this", "those", "these")
	// pointedNouns may follow a demonstrative that points back: "that address".
	pointedNouns = set("address", "addresses", "ip", "ips", "one", "ones", "traffic", "connection", "connections", "endpoint", "endpoints", "range", "ranges",
		"destination", "destinations", "port", "ports", "binary", "binaries", "file", "files", "path", "paths", "directory", "directories", "rule", "rules",
		"capability", "capabilities", "syscall", "syscalls", "program", "programs", "executable", "executables", "folder", "folders", "protocol", "protocols", "tool", "tools")
)

// changeNouns name a change after which things work otherwise: "before
// the fix", "prior to the upgrade".
var changeNouns = set("fix", "patch", "upgrade", "migration", "change", "update", "release", "rollout", "refactor", "move", "switch", "bump", "redeploy", "cutover")

// beforeChange reports whether a clause after the rules tells, in the
// past, how things were before a change: "Before the fix only 32768 was
// actually programmed", "Prior to the migration, /usr/bin/curl had been
// allowed everywhere". It opens with "before" or "prior to", a change noun
// within two words, holds a verb of the past, names no value (path, port,
// address, label, system name) the request has not named before, and no
// "except"; its verbs of verdict are past ("allowed"), and it holds no
// present, future or modal verb, which would make it a rule for that time.
func beforeChange(toks []token, before string) bool {
	k := 0
	switch {
	case len(toks) > 2 && toks[0].low == "before":
		k = 1
	case len(toks) > 3 && toks[0].low == "prior" && toks[1].low == "to":
		k = 2
	default:
		return false
	}
	if !slices.ContainsFunc(toks[k:min(k+3, len(toks))], func(t token) bool { return changeNouns[t.low] }) {
		return false
	}
	past := false
	for _, t := range toks[k:] {
		switch {
		case t.low == "was" || t.low == "were" || t.low == "had" || t.low == "did" || pastTense[t.low] || t.kind == tWord && len(t.low) > 4 && strings.HasSuffix(t.low, "ed"):
			past = true
		case t.low == "except" || t.low == "is" || t.low == "are" || t.low == "will" || modals[t.low] && t.low != "could" || t.low == "please":
			// "Before the upgrade is rolled out, block /bin/bash": a rule
			// for the time before a change.
			return false
		case (denyWords[t.low] || allowWords[t.low] || auditWords[t.low] || isolateWords[t.low]) && !strings.HasSuffix(t.low, "ed"):
			return false
		case (t.kind != tWord && t.kind != tPunct || systemName(t)) && !strings.Contains(before, t.raw):
			return false
		}
	}
	return past
}

// harmVerbs say what a rule would break: "would kill the probes", "would
// cut off the health checks", "could break DNS".
var harmVerbs = set("break", "kill", "cut", "stop", "block", "drop", "prevent", "disrupt", "sever", "starve", "lock", "shut", "take", "knock", "choke")

// harmWouldDo reports whether a clause before ", so" says what something
// would (could, might) break: "A blanket denial on the emojivoto pods would
// also kill the kubelet's health probes", "Locking down the namespace would
// stop Prometheus from scraping", "a default deny could break DNS". Its
// subject is no person ("we would like", "I would block" are wishes), the
// verb after the modal is one of harm (harmVerbs; "that would also cover
// the api pods" adds pods and stays), what it harms names no pods and no
// "too" ("would also block the api pods" may be pods the rule is for), and
// it holds no value, "only", "except", "but" or "unless".
func harmWouldDo(toks []token) bool {
	if hasValue(toks) || namedNamespace(toks) || slices.ContainsFunc(toks, func(t token) bool {
		return t.low == "only" || t.low == "except" || t.low == "but" || t.low == "unless"
	}) {
		return false
	}
	for n := 1; n+1 < len(toks); n++ {
		w := toks[n].low
		if w != "would" && w != "could" && w != "might" {
			continue
		}
		if prev := toks[n-1].low; prev == "we" || prev == "i" || prev == "you" || prev == "they" {
			return false
		}
		k := n + 1
		for k < len(toks) && (toks[k].low == "also" || toks[k].low == "probably" || toks[k].low == "just" || toks[k].low == "then" || toks[k].low == "immediately") {
			k++
		}
		// "would also block the api pods": pods harmed may be pods the
		// rule is for too; ask.
		return k < len(toks) && harmVerbs[toks[k].low] && !slices.ContainsFunc(toks[k:], func(t token) bool {
			return podNouns[t.low] || t.low == "too" || t.low == "well"
		})
	}
	return false
}

// deniedPlaces are places whose traffic a sentence of fact says is denied
// already: "our namespaces", "my cluster", "our network".
var deniedPlaces = set("namespace", "namespaces", "cluster", "clusters", "network", "networks", "vpc", "firewall", "nodes")

// placeDenies reports whether a clause before ", so" says, in the present,
// what our place already denies: "Our namespaces deny traffic from separate
// namespaces", "My cluster drops all traffic between namespaces", "our
// network blocks cross-namespace traffic by default". It opens with our/my
// and a place (at most two words before it), the verb right after is a
// deny word in the present with no modal, and it holds no value, "only",
// "except", "but" or "unless".
// The place comes right after our/my and is not named ("Our shop
// namespace denies ..." may be where the rules after it are meant).
func placeDenies(toks []token) bool {
	if len(toks) < 3 || toks[0].low != "our" && toks[0].low != "my" || hasValue(toks) || slices.ContainsFunc(toks, func(t token) bool {
		return t.low == "only" || t.low == "except" || t.low == "but" || t.low == "unless" || premiseModals[t.low] && t.low != "are" && t.low != "is"
	}) {
		return false
	}
	// "Our shop namespace denies ...": a place by name the rules after
	// it may be meant for; only "our namespaces", "my cluster" read.
	return deniedPlaces[toks[1].low] && denyWords[toks[2].low] && !namedNamespace(toks)
}

// namedNamespace reports whether tokens name a namespace by a word beside
// a namespace noun ("the shop namespace", "namespace shop", "in shop's
// namespace"), not only "our/the/every namespace".
func namedNamespace(toks []token) bool {
	for k, t := range toks {
		if !namespaceWords[t.low] {
			continue
		}
		if k > 0 && toks[k-1].kind == tWord && !(determiners[toks[k-1].low] || prepositions[toks[k-1].low] || set("our", "my", "every", "each", "this", "these", "all", "separate", "other", "different")[toks[k-1].low]) {
			return true
		}
		if k+1 < len(toks) && toks[k+1].kind == tWord && !(prepositions[toks[k+1].low] || coordinators[toks[k+1].low] || premiseModals[toks[k+1].low] || denyWords[toks[k+1].low] || harmVerbs[toks[k+1].low] || toks[k+1].low == "would" || toks[k+1].low == "could" || toks[k+1].low == "might") {
			return true
		}
	}
	return false
}

// wishAt reports whether a wish for a rule opens at i: "we need ...", "I
// want ...", "we'd like ...", "we would like ...".
func wishAt(toks []token, i int) bool {
	if i+1 >= len(toks) {
		return false
	}
	w, next := toks[i].low, toks[i+1].low
	switch w {
	case "we", "i":
		return next == "need" || next == "want" || next == "must" || next == "have" || next == "would" && i+2 < len(toks) && toks[i+2].low == "like"
	case "we'd", "i'd":
		return next == "like"
	}
	return false
}

// verdictListBefore reports whether a statement opened a list with a verdict
// word before a colon ("Block:", "block the following:") and its items have
// no verdict of their own: semicolons then part its items.
func verdictListBefore(toks []token) bool {
	for i, t := range toks {
		if t.low != ":" || i == 0 {
			continue
		}
		k := i - 1
		if toks[k].low == "following" && k > 0 {
			k--
			if toks[k].low == "the" && k > 0 {
				k--
			}
		}
		if w := toks[k].low; !(denyWords[w] || allowWords[w] || auditWords[w]) || negationWords[w] || k > 0 && negationWords[toks[k-1].low] {
			continue
		}
		for _, u := range toks[i+1:] {
			// "...; access to /etc/shadow, in namespace prod; ...", "running
			// /usr/bin/curl, the owner only; ...": a scope of one item's own.
			if denyWords[u.low] || allowWords[u.low] || auditWords[u.low] || isolateWords[u.low] || negationWords[u.low] || u.low == ":" || namespaceWords[u.low] || u.low == "owner" || u.low == "owners" || u.low == "owner's" {
				return false
			}
		}
		return true
	}
	return false
}

// titleVerbBeforeColon reports whether tokens hold a colon with a verb of
// traffic before it: the title "allow frontend to communicate with
// backend: ..." says who reaches whom.
func titleVerbBeforeColon(toks []token) bool {
	for _, t := range toks {
		if t.low == ":" {
			return false
		}
		if reachVerbs[t.low] {
			return slices.ContainsFunc(toks, func(u token) bool { return u.low == ":" })
		}
	}
	return false
}
