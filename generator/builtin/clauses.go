package builtin

import (
	"slices"
	"strings"
	"unicode/utf8"

	"k8s.io/apimachinery/pkg/util/validation"

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
}

// text is the clause's words in the request.
func (c clause) text(request string) string {
	return strings.Trim(request[c.toks[0].start:c.toks[len(c.toks)-1].end], " ,.;-")
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
		case t.kind == tPunct && t.low == "." && start == 0 && i > 0 && i+1 < len(toks) && sceneHeading(toks[:i]):
			// "protectAsset in namespace free5gc. The asset is /etc/shadow
			// in ...": a title sentence that only sets the namespace is
			// the scene of the sentence after it, as before a colon.
		case t.kind == tPunct && (t.low == "." || t.low == ";" || t.low == "?" || t.low == "!"):
			flush(i)
			start = i + 1
			depth = 0
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
		case t.kind == tPunct && t.low == ":" && i > start && i+1 < len(toks) && topicFor(toks[start:i]) > 0:
			// "Controlled access to external services for the sleep pods
			// (app=sleep): ...": a topic, then the pods the rest is about.
			f := start + topicFor(toks[start:i])
			out = append(out, clause{toks: toks[start : f+1], dismissed: "heading"})
			start = f + 1
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
			if startsStatement(toks, j) && hasStatement(toks[start:i]) || switchesDirection(toks[start:i], toks[j:min(j+3, sentenceEnd(toks, j))]) {
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
		case (t.low == "," || t.low == ":" && depth == 0) && i > start && rationaleAt(toks, start) >= 0 && rationale(toks[start:i]) != "" && hasStatement(toks[i+1:sentenceEnd(toks, i+1)]):
			// "even with the default block in place, pods in X should ...",
			// "Per the NSA/CISA guidance on immutable file systems: in the
			// frontend pods, block ...": the reason before the comma or
			// colon, the statement after it.
			flush(i)
			start = i + 1
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
		if n == 0 && len(out) > 1 && (wordsHeading(c.toks, request, out[1].toks) || topicHeading(c.toks, request, out[1].toks) || summary(c.toks, out[1].toks)) {
			c.dismissed = "heading"
		}
		if n == 0 && len(out) > 1 && (commitTitle(c.toks, out[1:]) || seriesHeading(c.toks) || techniqueTitle(c.toks)) {
			c.dismissed = "heading"
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
		if c.dismissed == "" && n > 0 && nameRemark(c.toks, toks) {
			c.dismissed = "name-matching"
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
		if c.dismissed == "" && n > 0 && withoutIt(c.toks) {
			c.dismissed = "rationale"
		}
		if c.dismissed == "" && n+1 < len(out) && pastNarrative(c.toks, out[n+1:]) {
			c.dismissed = "what-happened"
		}
		if c.dismissed == "" && len(out) > 1 && symptom(c.toks) {
			c.dismissed = "symptom"
		}
		if c.dismissed == "" && len(out) > 1 && currentState(c.toks) {
			c.dismissed = "current-state"
		}
		if c.dismissed == "" && n+1 < len(out) && stateBeforeUpdate(c.toks, out[n+1:]) {
			c.dismissed = "current-state"
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
	return kept, dismissed
}

// explanation reports whether a clause only explains, in the words of a
// statement of fact ("loading a module outside a maintenance window is
// almost always a rootkit", "log deletion is how intruders hide"): a
// copula, no value, and no word of action or policy.
func explanation(toks []token) bool {
	copula := false
	for _, t := range toks {
		switch {
		case t.low == "is" || t.low == "are" || t.low == "was" || t.low == "were":
			copula = true
		case t.kind != tWord && t.kind != tPunct || hasStatement([]token{t}) || podNouns[t.low] || namespaceWords[t.low] || meaningful(t) || restrictionWords[t.low]:
			return false
		}
	}
	return copula
}

// commentary reports whether a clause the engine could not read states a
// fact in the words of an explanation: a copula, no value, no word of
// action but a negation, no "only", "except" or "but".
func commentary(toks []token) bool {
	copula, negation, traffic, fact := false, false, false, false
	for n, t := range toks {
		w := t.low
		// "Capabilities can lead to privilege escalation": what may happen
		// in the world, not what a policy allows.
		if canOfFact(toks, n) {
			fact = true
			continue
		}
		if (w == "log" || w == "logs") && n+1 < len(toks) && logNouns[toks[n+1].low] || n > 0 && logNouns[w] && (toks[n-1].low == "log" || toks[n-1].low == "logs") && w != "is" && w != "are" {
			continue // "log deletion is how intruders hide": a noun, no action
		}
		// "go through the image build" is no traffic.
		traffic = traffic || (reachVerbs[w] || receiveVerbs[w]) && !(w == "go" || w == "goes") || (w == "go" || w == "goes") && n+1 < len(toks) && toks[n+1].low != "through"
		negation = negation || negationWords[w] || w == "never" || w == "can't" || w == "cannot"
		switch {
		case w == "is" || w == "are" || w == "was" || w == "were":
			copula = true
		case t.kind != tWord && t.kind != tPunct || w == "only" || w == "except" || w == "but" || restrictionWords[w] || writeWords[w] ||
			w == "dns" || w == "kube-dns" || w == "coredns" || w == "resolve" || w == "resolving" || w == "lookups" || keepWorking[w]:
			return false
		case denyWords[w] && strings.HasSuffix(w, "ed") && n > 0 && toks[n-1].kind == tWord && strings.HasSuffix(toks[n-1].low, "s") && !determiners[toks[n-1].low] &&
			n+1 < len(toks) && prepositions[toks[n+1].low]:
			// "binaries dropped at runtime should never run": a participle
			// that says which binaries.
		case (denyWords[w] || allowWords[w] || auditWords[w] || isolateWords[w]) && !negationWords[w]:
			return false
		}
	}
	// "Driver installs go through the image build, never at runtime": a
	// negation with no traffic to deny states a fact too, and so does a
	// modal of fact with none.
	return copula || (negation || fact) && !traffic
}

// narrative reports whether clause c is a whole sentence that says why or
// what happened, not what to do: "Kinsing downloads and runs a script,
// then adds itself to a cron job for persistence." It names no value (no
// label, path, number, address, name of the tree, pods named by a word),
// says no verdict, direction or exception, and, when it negates, no file
// or process action that the negation could be about.
func narrative(request string, c clause, dismissed []clause, opts generator.Options) bool {
	return narrates(request, c, dismissed, opts, false)
}

// auditNarrative reports whether clause c is a narrative that may ask for
// auditing besides: "The audit system must record the loading and unloading
// of kernel modules.", "Commonly abused network utilities should be
// monitored closely." Beside rules that only audit it says the same.
func auditNarrative(request string, c clause, dismissed []clause, opts generator.Options) bool {
	return narrates(request, c, dismissed, opts, true)
}

// auditHeading reports whether clause c is a heading set off by a dash or
// a colon that may ask for auditing and says nothing else: "M19 usergroup
// modification audit -- watch /etc/group, ...". Beside rules that only
// audit it says the same.
func auditHeading(request string, c clause, dismissed []clause, opts generator.Options) bool {
	before := strings.TrimSpace(request[:c.toks[0].start])
	after := strings.TrimSpace(request[c.toks[len(c.toks)-1].end:])
	if before != "" || after == "" || !strings.ContainsAny(after[:1], ":-–—") || !slices.ContainsFunc(c.toks, func(t token) bool { return auditWords[t.low] }) {
		return false
	}
	return narratesWords(request, c, opts, true)
}

// narrates is narrative; with audit, words of auditing may stand in it.
func narrates(request string, c clause, dismissed []clause, opts generator.Options, audit bool) bool {
	return wholeSentence(request, c, dismissed) && narratesWords(request, c, opts, audit)
}

// narratesWords is narrates but for where the clause stands.
func narratesWords(request string, c clause, opts generator.Options, audit bool) bool {
	p := newParser(request, c, opts)
	negated, acts := false, false
	output := quotedOutput(request)
	for n, t := range c.toks {
		w := t.low
		// "I actually want the 'ping: icmp open socket: Operation not
		// permitted' error inside our containers": what a program says.
		if slices.ContainsFunc(output, func(q [2]int) bool { return q[0] < t.start && t.end <= q[1] }) {
			continue
		}
		switch {
		case t.kind != tWord && t.kind != tPunct:
			return false
		case canOfFact(c.toks, n):
			// "launching a shell can be an indicator of remote code execution"
		case keepWorking[w] && gotWorking(c.toks, n):
			// "people keep running the debug containers privileged just to
			// get time updates working"
		case auditWords[w] && audit:

		case stoppedWorking(c.toks, n):
			// "ping stopped working inside our pods after the move to cri-o"
			continue
		case negationWords[w] && n > 1 && (c.toks[n-1].low == "does" || c.toks[n-1].low == "do" || c.toks[n-1].low == "did") && (c.toks[n-2].low == "which" || c.toks[n-2].low == "that"):
			// "after the move to cri-o, which does not hand out NET_RAW": what
			// something named is like.
			continue
		case denyWords[w] || allowWords[w] || auditWords[w] || isolateWords[w] || restrictionWords[w] || ingressWords[w] || egressWords[w] ||
			w == "only" || w == "except" || w == "but" || w == "unless" || w == "instead" || w == "exclude" || w == "excluding" || keepWorking[w]:
			return false
		case p.treeHasWorkload(w) || p.treeNamespace(w) || meaningWords[w] && !negationWords[w] && w != "nothing" && w != "nobody" && w != "them":
			return false // "They'll need DNS as well": DNS is a value
		case podNouns[w] && n > 0 && !determiners[c.toks[n-1].low] && !describingWord(c.toks[n-1].low) && c.toks[n-1].kind == tWord && opts.AssumeAppLabel:
			return false // "the ML containers": pods named by a word
		}
		negated = negated || negationWords[w] || w == "nothing" || w == "nobody"
		acts = acts || fileVerbs[w] || processVerbs[w] || writeWords[w] || reachVerbs[w] || receiveVerbs[w]
	}
	return !(negated && acts)
}

// outputMarkers say that quoted words are a program's error message.
var outputMarkers = []string{"not permitted", "permission denied", "denied", "error", "failed", "no such file", "refused", "eperm", "eacces"}

// quotedOutput gives the spans of the request between quotes whose words
// are a program's error message: "'ping: icmp open socket: Operation not
// permitted'".
func quotedOutput(request string) [][2]int {
	var quotes []int
	for i, r := range request {
		if isQuote(r) && !inWord(request, i, utf8.RuneLen(r)) {
			quotes = append(quotes, i)
		}
	}
	var out [][2]int
	for k := 0; k+1 < len(quotes); k += 2 {
		text := strings.ToLower(request[quotes[k]:quotes[k+1]])
		if slices.ContainsFunc(outputMarkers, func(m string) bool { return strings.Contains(text, m) }) {
			out = append(out, [2]int{quotes[k], quotes[k+1]})
		}
	}
	return out
}

// stoppedWorking reports whether the word at n, or the one before it, is
// a deny word in the past before what stopped: "ping stopped working", "the
// probes stopped responding".
func stoppedWorking(toks []token, n int) bool {
	past := func(k int) bool {
		return k >= 0 && k+1 < len(toks) && denyWords[toks[k].low] && strings.HasSuffix(toks[k].low, "ed") && (strings.HasSuffix(toks[k+1].low, "ing") || keepWorking[toks[k+1].low])
	}
	return past(n) || past(n-1)
}

// gotWorking reports whether the word of working order at n is what
// something was got to do ("just to get time updates working"), not what a
// rule keeps working ("keep DNS working", "must still work"): the nearest
// verb before it that could say either is get.
func gotWorking(toks []token, n int) bool {
	for k := n - 1; k >= 0; k-- {
		switch toks[k].low {
		case "get", "gets", "got", "getting":
			return true
		case "keep", "keeps", "stay", "stays", "remain", "remains", "still", "must", "should", "has", "have", "need", "needs", "is", "are", "be":
			return false
		}
	}
	return false
}

// restatedVerdict reports whether a clause only says again, of what the
// rules before it named, the verdict they already have: "nobody should be
// running kubectl inside the app=x pods. Block it.", "... Audit that.",
// "Deny just that.", "Only that address should be blocked." The clause is
// a verdict word and a word pointing back (in either order, the verdict
// then a participle after a modal), and every rule before it has that
// verdict.
func restatedVerdict(toks []token, before []*generator.Intent) bool {
	n := 0
	for n < len(toks) && (toks[n].low == "please" || toks[n].low == "so" || toks[n].low == "then" || toks[n].low == "just" || toks[n].low == "only") {
		n++
	}
	if n+1 >= len(toks) {
		return false
	}
	action, verdict, end, ok := verbThenPointer(toks, n)
	if !ok {
		action, verdict, end, ok = pointerThenParticiple(toks, n)
	}
	if !ok {
		return false
	}
	for _, t := range toks[end:] {
		if t.kind != tPunct {
			return false
		}
	}
	rules := 0
	for _, in := range before {
		for _, x := range append([]*generator.Intent{in}, in.Others...) {
			for _, r := range x.System {
				if r.Action != action {
					return false
				}
				rules++
			}
			for _, r := range x.Network {
				if r.Verdict != verdict {
					return false
				}
				rules++
			}
		}
	}
	return rules > 0
}

// restatedContext reports whether clause c is a whole sentence of context whose
// values the clauses that make rules all say again: "Mounting
// /var/run/docker.sock gives a container root on the host. ... block any
// access to /var/run/docker.sock for them." It says no verdict, direction or
// exception, and names at least one value.
func restatedContext(request string, c clause, ruled, dismissed []clause) bool {
	if !wholeSentence(request, c, dismissed) {
		return false
	}
	said := map[string]bool{}
	for _, r := range ruled {
		for _, t := range r.toks {
			said[strings.TrimSuffix(t.low, "/")] = true
		}
	}
	values := 0
	for n, t := range c.toks {
		w := t.low
		switch {
		case canOfFact(c.toks, n) || modalOfFact(c.toks, n):
			// "Network sniffing via tcpdump can capture credentials"
		case notThisPort(c.toks, n) >= 0 || n > 0 && notThisPort(c.toks, n-1) >= 0:
			// "pods that listen on 5353, not 53"
		case (w == "cannot" || w == "can't" || w == "couldn't") && afterEnabling(c.toks):
			// "After enabling network policy, Prometheus cannot reach the
			// metric port (9090)": what broke, the rules say it again.
		case denyWords[w] || allowWords[w] || auditWords[w] || isolateWords[w] || restrictionWords[w] || ingressWords[w] || egressWords[w] || negationWords[w] ||
			w == "only" || w == "except" || w == "but" || w == "unless" || w == "instead" || w == "without":
			return false
		case t.kind != tWord && t.kind != tPunct:
			if !said[strings.TrimSuffix(w, "/")] {
				return false
			}
			values++
		case knownExecutables[w] && said[w] && entityWord(w) == "" && !podNouns[w]:
			values++ // "Network sniffing via tcpdump ...": the tool a rule names again
		}
	}
	return values > 0
}

// afterEnabling reports whether a sentence opens with what was turned on
// before something broke: "After enabling network policy, ...".
func afterEnabling(toks []token) bool {
	return len(toks) > 2 && toks[0].low == "after" && (toks[1].low == "enabling" || toks[1].low == "applying" || toks[1].low == "adding" || toks[1].low == "installing" || toks[1].low == "turning" || toks[1].low == "deploying") &&
		slices.ContainsFunc(toks[2:min(6, len(toks))], func(t token) bool {
			return t.low == "policy" || t.low == "policies" || t.low == "networkpolicy" || t.low == "networkpolicies"
		})
}

// notThisPort reads, at the "not" of "listen on 5353, not 53", the port
// said and then one it is not (not after a range: "ports 8000-9000, not
// 8080" is an exception): the end of the words, or -1.
func notThisPort(toks []token, n int) int {
	if n < 3 || toks[n].low != "not" || toks[n-1].low != "," || toks[n-2].kind != tNumber || n+1 >= len(toks) || toks[n+1].kind != tNumber {
		return -1
	}
	if w := toks[n-3].low; w != "on" && w != "port" && w != "ports" {
		return -1
	}
	if n+2 < len(toks) && toks[n+2].low != "," && toks[n+2].low != "." && toks[n+2].low != ";" {
		return -1
	}
	return n + 2
}

// canOfFact reports whether token n is "can", "could" or "might" saying
// what something is able to do in the world ("can capture credentials",
// "can be an indicator of", "can lead to data theft"), not a verb a policy
// allows or denies.
func canOfFact(toks []token, n int) bool {
	if w := toks[n].low; !(w == "can" || w == "could" || w == "might") || n+1 >= len(toks) {
		return false
	}
	toks = toks[n+1:]
	w := toks[0].low
	if w == "be" && len(toks) > 1 {
		w = toks[1].low
		if determiners[w] {
			return true // "can be an indicator of remote code execution"
		}
		// "Remote copy tools can be used to exfiltrate data": what a tool
		// is good for, not who may use it ("can be used by root").
		if w == "used" && len(toks) > 3 && toks[2].low == "to" && toks[3].kind == tWord {
			return true
		}
	}
	return !(reachVerbs[w] || receiveVerbs[w] || processVerbs[w] || fileVerbs[w] || writeWords[w] || allowWords[w] || denyWords[w] || auditWords[w] ||
		w == "only" || w == "not" || w == "never" || w == "still" || w == "also" || w == "just" || w == "used")
}

// capabilityFact reports whether clause c is a whole sentence that says
// what a capability lets a process do: "NET_RAW lets a binary use RAW and
// PACKET sockets", "CAP_SYS_ADMIN allows mounting filesystems". It names no
// other value and says no other verdict, no "only", "except" or "but".
func capabilityFact(request string, c clause, dismissed []clause) bool {
	t := c.toks
	if len(t) < 3 || !wholeSentence(request, c, dismissed) || !strings.Contains(t[0].low, "_") || !capabilityWordRE.MatchString(t[0].low) ||
		!(t[1].low == "lets" || t[1].low == "allows" || t[1].low == "gives" || t[1].low == "grants" || t[1].low == "permits" || t[1].low == "enables") {
		return false
	}
	return !slices.ContainsFunc(t[2:], func(x token) bool {
		w := x.low
		return x.kind != tWord && x.kind != tPunct || denyWords[w] || allowWords[w] || auditWords[w] || isolateWords[w] || w == "only" || w == "except" || w == "but" || w == "unless"
	})
}

// enforcers name what enforces policies, as the subject of a sentence
// about how it behaves: "Cilium drops ...", "Layer 7 filtering lets you ...".
var enforcers = set("cilium", "calico", "kubearmor", "antrea", "cni", "filtering", "enforcement", "networkpolicies", "policies")

// enforcerVerbs say, in the present, what an enforcer does or is.
var enforcerVerbs = set("is", "are", "lets", "let", "drops", "drop", "denies", "deny", "blocks", "block", "rejects", "supports", "support", "evaluates", "enforces", "enforce", "works", "work", "matches", "match", "applies", "apply")

// enforcerFact reports whether clause c is a sentence that says how the
// policy engine behaves, not what this policy should do: "On CFKE, Cilium
// drops everything a policy doesn't allow.", "Layer 7 filtering lets you
// allow or deny by HTTP method and URL.", "On our cluster NetworkPolicies
// are mandatory." After an opener of place with no value ("On our
// cluster,"), its subject is an enforcer, its verb is in the present (no
// modal, no imperative), and it names no value, pods, namespace, name of
// the tree or direction, and no "only", "except" or "unless". A verdict it
// says (drops, blocks, denies) is of whatever no policy allows: a word of
// policy and a negation or "unless" follow it.
func enforcerFact(request string, c clause, dismissed []clause, opts generator.Options) bool {
	toks := c.toks
	if len(toks) < 3 {
		return false
	}
	end := strings.TrimSpace(request[toks[len(toks)-1].end:])
	if end != "" && !strings.ContainsAny(end[:1], ".?!;:,-–—") {
		return false
	}
	if before := strings.TrimSpace(request[:toks[0].start]); before != "" && !strings.ContainsAny(before[len(before)-1:], ".?!;:") {
		return false
	}
	p := newParser(request, c, opts)
	n := 0
	// "On CFKE,", "On our cluster": where, in words of no value, before
	// the subject.
	if toks[0].low == "on" || toks[0].low == "in" || toks[0].low == "with" {
		n = 1
		for n < len(toks) && n <= 4 && toks[n].kind == tWord && !enforcers[toks[n].low] {
			n++
		}
		if n < len(toks) && toks[n].low == "," {
			n++
		}
	}
	// The subject: up to three words before the enforcer ("Layer 7
	// filtering", "the plain NetworkPolicies").
	subject := -1
	for k := n; k < len(toks) && k <= n+3; k++ {
		if enforcers[toks[k].low] {
			subject = k
			break
		}
	}
	if subject < 0 || subject+1 >= len(toks) {
		return false
	}
	v := subject + 1
	if w := toks[v].low; w == "also" || w == "always" || w == "already" || w == "just" {
		v++
	}
	if v >= len(toks) || !enforcerVerbs[toks[v].low] {
		return false
	}
	verdict := denyWords[toks[v].low]
	qualified := false
	for k, t := range toks {
		w := t.low
		switch {
		case k == subject-1 && t.kind == tNumber && (toks[k-1].low == "layer"):
			// "Layer 7 filtering"
		case t.kind != tWord && t.kind != tPunct:
			return false
		case podNouns[w] || namespaceWords[w] || ingressWords[w] || egressWords[w] || w == "only" || w == "except" || w == "but" || w == "instead" || w == "without" || processVerbs[w] || fileNouns[w] || writeWords[w]:
			return false
		case w == "should" || w == "must" || w == "need" || w == "needs" || w == "may" || w == "can" || w == "will" || w == "shall":
			return false
		case p.treeHasWorkload(w) || p.treeNamespace(w):
			return false
		case k > v && (policyNouns[w] || w == "unless") && slices.ContainsFunc(toks[k:], func(u token) bool { return negationWords[u.low] || u.low == "unless" || allowWords[u.low] }):
			qualified = true
		}
	}
	return !verdict || qualified
}

// defaultDenyFact reports whether clause c says what happens to traffic no
// policy allows, as a fact: "i.e. any traffic towards pods is blocked
// unless an ingress rule allows it", "everything gets dropped unless a
// policy allows it". Before "unless" it says a verdict in the passive
// ("is blocked", "gets dropped"), with no modal, value, name or pods named
// by a word; after it, only that a policy or rule allows it.
func defaultDenyFact(request string, c clause, opts generator.Options) bool {
	toks := c.toks
	u := slices.IndexFunc(toks, func(t token) bool { return t.low == "unless" })
	if u < 2 {
		return false
	}
	p := newParser(request, c, opts)
	passive := false
	for k, t := range toks[:u] {
		w := t.low
		switch {
		case t.kind != tWord && t.kind != tPunct:
			return false
		case w == "should" || w == "must" || w == "need" || w == "needs" || w == "may" || w == "can" || w == "will" || w == "shall" || w == "only" || w == "except" || w == "but":
			return false
		case p.treeHasWorkload(w) || p.treeNamespace(w) || namespaceWords[w]:
			return false
		case podNouns[w] && k > 0 && !prepositions[toks[k-1].low] && !determiners[toks[k-1].low]:
			return false // "the web pods": pods named by a word
		case denyWords[w] && strings.HasSuffix(w, "ed") && k > 0 && (toks[k-1].low == "is" || toks[k-1].low == "are" || toks[k-1].low == "gets" || toks[k-1].low == "get"):
			passive = true
		case allowWords[w] || denyWords[w] || auditWords[w] || isolateWords[w]:
			return false
		}
	}
	policy, allows := false, false
	for _, t := range toks[u+1:] {
		w := t.low
		switch {
		case policyNouns[w] || w == "rules":
			policy = true
		case allowWords[w] && w != "may" && w != "can" && w != "let" && w != "lets":
			allows = true
		case determiners[w] || ingressWords[w] || egressWords[w] || w == "another" || w == "later" || w == "explicit" || w == "explicitly" || w == "it" || w == "them" || w == "network":
		default:
			return false
		}
	}
	return passive && policy && allows
}

// formGerunds say how a policy is written, after "instead of": "instead
// of hardcoding control plane IPs", "instead of writing one per namespace".
var formGerunds = set("hardcoding", "hard-coding", "writing", "listing", "enumerating", "repeating", "duplicating", "copying", "maintaining", "creating", "naming", "pinning", "spelling")

// formNouns name how a policy says what it says: "use the API server
// entity", "one policy for the whole cluster".
var formNouns = set("entity", "entities", "selector", "selectors", "one", "single", "use", "name", "names", "label", "labels")

// formRemark reports whether clause c only says how the rules the other
// clauses make are written, as they are: "use the API server entity
// instead of hardcoding control plane IPs", "One policy for the whole
// cluster instead of writing one per namespace". Before "instead of" and a
// verb of writing, every word is one of form, of a policy, of no meaning,
// or said again by the rules; a word of the whole cluster holds only when
// every rule is cluster-wide. After it, what is not done, with no value or
// verdict.
func formRemark(c clause, ruled []clause, ruledIn []*generator.Intent) bool {
	toks := c.toks
	k := slices.IndexFunc(toks, func(t token) bool { return t.low == "instead" })
	if k < 1 || k+2 >= len(toks) || toks[k+1].low != "of" || !formGerunds[toks[k+2].low] {
		return false
	}
	said := func(w string) bool {
		return slices.ContainsFunc(ruled, func(r clause) bool { return hasWord(r.toks, w) })
	}
	cluster := false
	for _, t := range toks[:k] {
		w := t.low
		switch {
		case t.kind == tPunct:
		case t.kind != tWord || denyWords[w] || allowWords[w] || auditWords[w] || isolateWords[w] || w == "only" || w == "except" || w == "but":
			return false
		case w == "cluster" || w == "cluster-wide" || w == "clusterwide" || w == "whole" || w == "entire":
			cluster = true
		case fillerWords[w] || determiners[w] || prepositions[w] || policyNouns[w] || formNouns[w]:
		case meaningWords[w] || !said(w):
			return false
		}
	}
	for _, t := range toks[k+3:] {
		if w := t.low; t.kind != tWord && t.kind != tPunct || denyWords[w] || allowWords[w] || auditWords[w] || isolateWords[w] || w == "only" || w == "except" {
			return false
		}
	}
	if cluster {
		for _, in := range ruledIn {
			for _, x := range append([]*generator.Intent{in}, in.Others...) {
				if x.Subject.Scope != generator.ScopeCluster {
					return false
				}
			}
		}
	}
	return len(ruledIn) > 0
}

// subjectToPolicies reports whether clause c only says that some traffic
// is subject to policies: "DNS is also subject to network policies - allow
// DNS for every pod". After "subject to", only words of policy; before it,
// words with no value, verdict, pods or namespace, and a copula.
func subjectToPolicies(toks []token) bool {
	k := slices.IndexFunc(toks, func(t token) bool { return t.low == "subject" })
	if k < 1 || k+2 >= len(toks) || toks[k+1].low != "to" {
		return false
	}
	copula := false
	for _, t := range toks[:k] {
		w := t.low
		switch {
		case w == "is" || w == "are":
			copula = true
		case t.kind != tWord || denyWords[w] || allowWords[w] || auditWords[w] || isolateWords[w] || podNouns[w] || namespaceWords[w] || w == "only" || w == "except":
			return false
		}
	}
	policy := false
	for _, t := range toks[k+2:] {
		w := t.low
		switch {
		case policyNouns[w]:
			policy = true
		case toolWords[w] || determiners[w]:
		default:
			return false
		}
	}
	return copula && policy
}

// genericSubjects open a sentence about whatever fits a description:
// "Anything that can talk to /var/run/docker.sock can start a privileged
// container".
var genericSubjects = set("anything", "anyone", "anybody", "whatever", "whoever", "whichever")

// modalOfFact reports whether the modal at n says what some thing can do in
// the world rather than what a rule allows: every modal of a sentence whose
// subject is whatever fits a description ("Anything that can talk to
// /var/run/docker.sock can take over the host"), and a modal in a question
// of what someone does ("can mean someone widened what admins may do").
func modalOfFact(toks []token, n int) bool {
	if w := toks[n].low; w != "can" && w != "could" && w != "may" && w != "might" {
		return false
	}
	if len(toks) > 1 && genericSubjects[toks[0].low] && (toks[1].low == "that" || toks[1].low == "who" || toks[1].low == "which") {
		return true
	}
	return n+1 < len(toks) && toks[n+1].low == "do" && (n > 0 && toks[n-1].low == "what" || n > 1 && toks[n-2].low == "what")
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

// entityRemark reports whether the words before a colon only say which of
// Cilium's entities the rule after it uses, and that rule names it again:
// "So use the broader cluster entity instead: ... from anything in the
// cluster", "use the world entity: ... may reach the internet".
func entityRemark(before, after []token) bool {
	i := 0
	for i < len(before) && (before[i].low == "so" || before[i].low == "then" || before[i].low == "just") {
		i++
	}
	if i >= len(before) || before[i].low != "use" {
		return false
	}
	i++
	for i < len(before) && (determiners[before[i].low] || before[i].low == "broader" || before[i].low == "wider" || before[i].low == "narrower" || before[i].low == "cilium" || before[i].low == "built-in") {
		i++
	}
	if i+1 >= len(before) || entityWord(before[i].low) == "" || before[i+1].low != "entity" {
		return false
	}
	ent := entityWord(before[i].low)
	i += 2
	if i < len(before) && before[i].low == "instead" {
		i++
	}
	return i == len(before) && slices.ContainsFunc(after, func(t token) bool { return entityWord(t.low) == ent })
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

// logNouns follow "log" used as a noun: "log deletion", "log files".
var logNouns = set("deletion", "deletions", "files", "file", "entries", "entry", "directory", "directories", "lines", "rotation", "tampering", "data", "wiping", "is", "are")

// restrictionWords say a rule in the words of a fact: "X is off limits".
var restrictionWords = set("off", "limits", "closed", "forbidden", "banned", "prohibited", "blocked", "denied", "allowed", "permitted", "open",
	"required", "needed", "mandatory", "okay", "ok", "fine", "acceptable", "unacceptable", "disabled", "enabled")

// auditRestated reports whether a clause only says that auditing is meant,
// not blocking: "we want the finding, not a block", "do not block them",
// "without blocking anything".
func auditRestated(toks []token) bool {
	// "Just alert for now, we're still building a baseline": audit, said again.
	if len(toks) > 2 && (toks[0].low == "just" || toks[0].low == "only") && auditWords[toks[1].low] && phraseIn(toks, 2, []string{"for", "now"}) && !hasValue(toks) &&
		!slices.ContainsFunc(toks, func(t token) bool {
			return podNouns[t.low] || namespaceWords[t.low] || denyWords[t.low] || allowWords[t.low]
		}) {
		return true
	}
	if auditOnlyReason(toks) {
		return true
	}
	neg, block := false, false
	for n, t := range toks {
		switch w := t.low; {
		case w == "not" || w == "without" || w == "don't" || w == "no" || w == "never":
			neg = true
			// what is negated is the block ("don't block anything, just
			// report it"), not the report ("don't report it, just block it")
			k := n + 1
			for k < len(toks) && (determiners[toks[k].low] || toks[k].low == "to" || toks[k].low == "want" || toks[k].low == "just" || toks[k].low == "only" || toks[k].low == "merely" || toks[k].low == "simply") {
				k++
			}
			if k < len(toks) && (auditWords[toks[k].low] || toks[k].low == "know" || toks[k].low == "see") {
				return false
			}
		case w == "block" || w == "blocking" || w == "blocks" || w == "deny" || w == "denying" || w == "prevent" || w == "preventing" || w == "enforce" || w == "enforcing" || w == "intercept" || w == "intercepting":
			block = true
		case t.kind == tPunct || fillerWords[w] || determiners[w] || w == "finding" || w == "findings" || w == "alert" || w == "alerts" || w == "anything" || w == "them" ||
			w == "just" || w == "yet" || w == "for" || w == "now" || w == "visibility" || w == "only" || auditWords[w] || w == "it" ||
			// "We don't want to intercept X, but we do want to know about it."
			w == "we" || w == "want" || w == "to" || w == "but" || w == "do" || w == "know" || w == "about":
			// "Don't block anything, just report it."
		default:
			return false
		}
	}
	return neg && block
}

// withoutAudited is a clause without the values (a syscall, a path, a
// label) that a clause among others which audits names too.
func withoutAudited(toks []token, others []clause) []token {
	audited := map[string]bool{}
	for _, o := range others {
		if slices.ContainsFunc(o.toks, func(t token) bool { return auditWords[t.low] }) {
			for _, t := range o.toks {
				audited[t.low] = true
			}
		}
	}
	var out []token
	for _, t := range toks {
		if !audited[t.low] || fillerWords[t.low] || determiners[t.low] || auditWords[t.low] || denyWords[t.low] || negationWords[t.low] {
			out = append(out, t)
		}
	}
	return out
}

// auditOnlyReason reports whether a clause says "audit only" with a reason
// beside it that names nothing a rule could use: "Alert only, legitimate
// admin scripts may do this too", "admins sometimes use it for
// troubleshooting, so alert only".
func auditOnlyReason(toks []token) bool {
	at := -1
	for i := 0; i+1 < len(toks); i++ {
		if auditWords[toks[i].low] && toks[i+1].low == "only" || (toks[i].low == "only" || toks[i].low == "just") && auditWords[toks[i+1].low] {
			at = i
			break
		}
	}
	if at < 0 {
		return false
	}
	// The audit stands apart: first, after ", so", or before a comma.
	first := at == 0 || at >= 2 && toks[at-1].low == "so" && toks[at-2].kind == tPunct
	apart := at+2 < len(toks) && toks[at+2].kind == tPunct
	if !first && !apart {
		return false
	}
	for i, t := range toks {
		w := t.low
		if i == at || i == at+1 {
			continue
		}
		if t.kind != tWord && t.kind != tPunct || podNouns[w] || namespaceWords[w] || denyWords[w] || isolateWords[w] || ingressWords[w] || egressWords[w] ||
			negationWords[w] || auditWords[w] || fileNouns[w] || processNouns[w] || knownExecutables[w] || w == "except" || w == "but" || w == "unless" {
			return false
		}
	}
	return true
}

// restReaches reports whether a clause says that nothing else may reach
// pods named before it: "- nothing else should reach the back end",
// "nobody else gets into cart". The words after the verb must all stand in
// the request before the clause, so they can only name what it named.
func restReaches(toks []token, before string) bool {
	i := 0
	for i < len(toks) && toks[i].kind == tPunct {
		i++
	}
	if i+2 >= len(toks) || !(toks[i].low == "nothing" || toks[i].low == "nobody" || toks[i].low == "no" && toks[i+1].low == "one") {
		return false
	}
	k := i + 1
	for k < len(toks) && (toks[k].low == "one" || toks[k].low == "else" || toks[k].low == "other" || fillerWords[toks[k].low] && !prepositions[toks[k].low] && !restGets[toks[k].low]) {
		k++
	}
	if !hasWord(toks[i:k], "else") && !hasWord(toks[i:k], "other") {
		return false
	}
	if k >= len(toks) || !(reachVerbs[toks[k].low] || restGets[toks[k].low]) {
		return false
	}
	k++
	for k < len(toks) && (toks[k].low == "in" || toks[k].low == "into" || toks[k].low == "to") {
		k++
	}
	named := false
	low := strings.ToLower(before)
	for _, t := range toks[k:] {
		switch {
		case t.kind == tPunct || determiners[t.low] || t.low == "its" || t.low == "their":
		case t.kind == tWord && strings.Contains(low, t.low):
			named = true
		default:
			return false
		}
	}
	return named
}

// restGets are the verbs of "nobody else gets into cart".
var restGets = set("gets", "get", "comes", "come")

// onlyRestated reports whether a clause only says again what "only" in the
// clause before it says: "- not every microservice in finance", "not all
// of them". It holds words alone, no values.
func onlyRestated(toks []token) bool {
	i := 0
	for i < len(toks) && toks[i].kind == tPunct {
		i++
	}
	if i+1 >= len(toks) || toks[i].low != "not" || !(toks[i+1].low == "every" || toks[i+1].low == "all" || toks[i+1].low == "any" || toks[i+1].low == "just" || toks[i+1].low == "everyone" || toks[i+1].low == "everybody" || toks[i+1].low == "anyone") {
		return false
	}
	for _, t := range toks[i+2:] {
		if t.kind != tWord && t.kind != tPunct || denyWords[t.low] || allowWords[t.low] || isolateWords[t.low] || auditWords[t.low] || t.low == "except" || t.low == "but" {
			return false
		}
	}
	return true
}

func hasWord(toks []token, w string) bool {
	for _, t := range toks {
		if t.low == w {
			return true
		}
	}
	return false
}

// namespaceHeading reports whether tokens only name a namespace: "namespace
// alpha", "the cert-manager namespace", "ns shop".
func namespaceHeading(toks []token) bool {
	ns, name := 0, 0
	for _, t := range toks {
		switch {
		case namespaceWords[t.low] && t.low != "namespaces":
			ns++
		case t.low == "the" || t.low == "our" || t.low == "in" || t.low == "for":
		case t.kind == tWord && len(validation.IsDNS1123Label(t.low)) == 0 && !fillerWords[t.low] && !meaningWords[t.low] && !hasStatement([]token{t}):
			name++
		default:
			return false
		}
	}
	return ns == 1 && name == 1
}

// wordsHeading reports whether the first clause is a heading set off by a
// dash ("Container administration command abuse - block ..."): words with
// no value, no action and no scope, before a clause that says something.
func wordsHeading(toks []token, request string, next []token) bool {
	if len(toks) == 0 || len(toks) > 8 || len(next) == 0 || !strings.ContainsAny(request[toks[len(toks)-1].end:next[0].start], "-–—:") {
		return false
	}
	// "Getting traffic into the cluster - the nginx pods in web ...": a
	// title, whose scope words are no scope when the statement names pods.
	w0 := toks[0].low
	title := strings.HasSuffix(w0, "ing") && !allowWords[w0] && !denyWords[w0] && !auditWords[w0] && !isolateWords[w0] && slices.ContainsFunc(next, func(t token) bool { return podNouns[t.low] || t.kind == tLabel })
	for n, t := range toks {
		if addressBlock(toks, n) {
			continue // "custom-ingress with just an IP block -"
		}
		if t.kind != tWord && t.kind != tPunct || hasStatement([]token{t}) && !(title && n == 0) || meaningful(t) && !(title && scopeWords[t.low]) || podNouns[t.low] && n > 0 || scopeWords[t.low] && !title || processVerbs[t.low] || workloadKinds[t.low] != "" {
			return false
		}
		if sceneAt(toks, n) {
			return false
		}
	}
	return hasStatement(next) && peersSaidAgain(toks, next)
}

// ruleFormAgrees reports whether the rules before say what the form
// after them does: a deny list after a deny ("no longer allowed", "must
// not"), an allow list after an allow.
func ruleFormAgrees(form string, before []token) bool {
	deny := slices.ContainsFunc(before, func(t token) bool { return denyWords[t.low] || t.low == "longer" })
	if form == "allow" {
		return !deny && slices.ContainsFunc(before, func(t token) bool {
			return allowWords[t.low] || receiveVerbs[t.low] || reachVerbs[t.low] || t.low == "only"
		})
	}
	return deny
}

// seriesHeading reports whether tokens are the number of a part of a
// series, after its topic: "Step 3:", "Micro-segmentation, pattern 3:".
func seriesHeading(toks []token) bool {
	k := seriesNumberEnd(toks)
	return k > 0 && (k == len(toks) || k+1 == len(toks) && toks[k].kind == tPunct)
}

// techniqueTitle reports whether tokens are the name of an ATT&CK
// technique alone, the title of what follows: "Disable or modify Linux
// audit system - on all nodes, block ...".
func techniqueTitle(toks []token) bool {
	for _, ph := range techniqueNames {
		if len(toks) == len(ph) && slices.EqualFunc(toks, ph, func(t token, w string) bool { return t.low == w }) {
			return true
		}
	}
	return false
}

// seriesNumberEnd returns where the number of a part of a series ends
// when tokens open with one, after a topic of up to three words and a
// comma ("Zero trust, pattern 2"), or 0.
func seriesNumberEnd(toks []token) int {
	s := 0
	for k := 0; k < len(toks) && k < 4; k++ {
		if toks[k].low == "," && k > 0 {
			s = k + 1
			break
		}
		if toks[k].kind != tWord {
			break
		}
	}
	if s+1 < len(toks) && seriesWords[toks[s].low] && toks[s+1].kind == tNumber {
		return s + 2
	}
	return 0
}

// topicHeading reports whether the first clause names the topic of a
// statement after a dash that gives its own labels: "firewall the web
// servers - only pods with label app: foo can talk to ...", "containerized
// passive FTP server - the app=vsftpd pods accept ...". The topic holds no
// value, no verdict, no traffic verb and no namespace; the labels after it
// say which pods it meant.
func topicHeading(toks []token, request string, next []token) bool {
	if len(toks) == 0 || len(toks) > 12 || len(next) == 0 || !strings.ContainsAny(request[toks[len(toks)-1].end:next[0].start], "-–—") {
		return false
	}
	// "let the management UI back in - every pod in stars should accept
	// traffic from namespaces labeled role=management-ui": an allow said
	// in general, then in full.
	allowsToo := slices.ContainsFunc(next, func(t token) bool { return allowWords[t.low] || receiveVerbs[t.low] }) &&
		!slices.ContainsFunc(next, func(t token) bool { return denyWords[t.low] || isolateWords[t.low] })
	for n, t := range toks {
		w := t.low
		// "... further inside team-a": a scene, which must not be lost; but
		// "let the management UI back in" is no scene.
		if (w == "in" || w == "inside" || w == "within") && !(w == "in" && n > 0 && toks[n-1].low == "back") {
			return false
		}
		// "Keep apps away from domains they aren't authorized for - ... and
		// nothing more": the goal an allow-list after it reaches.
		goal := negationWords[w] && allowList(next)
		if t.kind != tWord && t.kind != tPunct || denyWords[w] && !goal || allowWords[w] && !allowsToo || auditWords[w] || isolateWords[w] || reachVerbs[w] || receiveVerbs[w] ||
			ingressWords[w] || egressWords[w] || namespaceWords[w] || scopeWords[w] && w != "every" && w != "all" || w == "only" || w == "except" {
			return false
		}
	}
	return slices.ContainsFunc(next, func(t token) bool { return t.kind == tLabel }) && hasStatement(next) && peersSaidAgain(toks, next) && !(allowsToo && allowWords[toks[0].low] && !allowSaidAgain(toks, next))
}

// allowSaidAgain reports whether the words of a heading that is an allow
// ("let the management UI back in - ... namespaces labeled
// role=management-ui") are said again by the statement after it, in its
// words or the parts of its labels: "Allow checkout too - pods labeled
// app=web may reach ..." names checkout once, in the heading.
func allowSaidAgain(heading, next []token) bool {
	said := map[string]bool{}
	for _, t := range next {
		for _, part := range strings.FieldsFunc(t.low, func(r rune) bool { return r == '-' || r == '=' || r == ':' || r == ',' || r == '/' }) {
			said[part], said[strings.TrimSuffix(part, "s")] = true, true
		}
		said[strings.ReplaceAll(t.low, "-", "")] = true
	}
	for _, t := range heading[1:] {
		w := strings.ReplaceAll(t.low, "-", "") // "front-end" is "frontend"
		if t.kind == tWord && !determiners[w] && !prepositions[w] && !coordinators[w] && !frameWords[w] && !allowWords[w] && !podNouns[w] && !namespaceWords[w] && !restWords[w] && !said[w] && !said[strings.TrimSuffix(w, "s")] {
			return false
		}
	}
	return true
}

// restWords may stand in an allow heading without naming anything: "too",
// "back", "as well".
var restWords = set("too", "also", "back", "as", "well", "again", "traffic", "access", "only", "just", "service", "services")

// ruleBeforeColon reports whether before, the words before a colon, make
// a rule of their own (an allow or deny verb first, a direction word, a
// peer named by headingPeer) and after, the words after it, a statement
// about pods named by labels.
func ruleBeforeColon(before, after []token) bool {
	if len(before) < 3 || !(allowWords[before[0].low] || denyWords[before[0].low]) || !slices.ContainsFunc(before, func(t token) bool { return ingressWords[t.low] || egressWords[t.low] }) {
		return false
	}
	peer := false
	for k := range before {
		peer = peer || headingPeer(before, k) != ""
	}
	return peer && slices.ContainsFunc(after, func(t token) bool { return t.kind == tLabel }) && hasStatement(after)
}

// peersSaidAgain reports whether every peer a heading names (see
// headingPeer) the statement after it names again: "Allow DNS and the
// internet - pods labeled app=web may reach ..." says them once, in the
// heading, which may not be dismissed.
func peersSaidAgain(heading, next []token) bool {
	for k := range heading {
		key := headingPeer(heading, k)
		if key != "" && !slices.ContainsFunc(next, func(t token) bool { return headingPeer([]token{t}, 0) == key }) &&
			!(key == "kube-apiserver" && slices.ContainsFunc(next, func(t token) bool { return t.low == "api" })) {
			return false
		}
	}
	return true
}

// commitTypes open the title of a change: "feat(k8s): ...", "fix: ...".
var commitTypes = set("feat", "fix", "chore", "refactor", "docs", "perf", "build", "ci", "style", "revert", "security")

// commitTitle reports whether the first clause is the title of a change,
// "feat(k8s): Cilium network policy so open-webui can reach Qdrant", whose
// body after it says in full, with labels, what the title sums up. The
// title names no value: its words may not stand for pods; and no deny,
// scope or exception, which could be a rule of its own ("fix: deny all
// ingress"), and every name it holds stands again in the body.
func commitTitle(toks []token, after []clause) bool {
	if len(toks) < 3 || !commitTypes[toks[0].low] {
		return false
	}
	i := 1
	if toks[1].low == "(" && len(toks) > 4 && toks[2].kind == tWord && toks[3].low == ")" {
		i = 4
	}
	if toks[i].low != ":" || hasValue(toks) {
		return false
	}
	// "fix: deny all ingress": a rule the body need not say again.
	if slices.ContainsFunc(toks, func(t token) bool {
		w := t.low
		return denyWords[w] || isolateWords[w] || auditWords[w] || w == "only" || w == "except" || w == "all" || w == "every" || w == "any" || w == "everything" ||
			w == "anything" || w == "nothing" || w == "default" || w == "default-deny"
	}) {
		return false
	}
	// "fix: let web reach the cache. The app=web pods ...": a name the
	// body never says again is a rule of the title's own.
	for _, t := range toks[i+1:] {
		w := t.low
		if t.kind != tWord || fillerWords[w] || meaningWords[w] || frameWords[w] || policyNouns[w] || toolWords[w] || determiners[w] || prepositions[w] || coordinators[w] ||
			allowWords[w] || reachVerbs[w] || receiveVerbs[w] || podNouns[w] || namespaceWords[w] || ingressWords[w] || egressWords[w] || w == "so" || w == "that" {
			continue
		}
		if !slices.ContainsFunc(after, func(c clause) bool {
			return slices.ContainsFunc(c.toks, func(u token) bool { return u.low == w || u.kind == tLabel && strings.HasSuffix(u.low, "="+w) })
		}) {
			return false
		}
	}
	return slices.ContainsFunc(after, func(c clause) bool {
		return hasStatement(c.toks) && slices.ContainsFunc(c.toks, func(t token) bool { return t.kind == tLabel })
	})
}

// toolWords name the tools a policy is written for, not what it is about.
var toolWords = set("cilium", "calico", "kubernetes", "k8s", "helm", "chart", "charts", "kustomize", "network", "networking", "manifest", "manifests")

// summary reports whether the first clause announces, in general words,
// what the next one says in full: "allow access only from applications
// with specific labels. The nginx app (run=nginx) should only be accessible
// to pods labeled access=true". It holds no value and no deny, and a word
// such as "specific" stands for the values the next clause gives.
func summary(toks, next []token) bool {
	general := false
	for n, t := range toks {
		w := t.low
		if addressBlock(toks, n) {
			continue // "CIDR blocks" are addresses
		}
		if t.kind != tWord && t.kind != tPunct || denyWords[w] || isolateWords[w] || auditWords[w] || namespaceWords[w] || w == "except" {
			return false
		}
		general = general || w == "specific" || w == "certain" || w == "particular" || w == "selected"
	}
	nextValues := slices.ContainsFunc(next, func(t token) bool { return t.kind == tLabel || t.kind == tCIDR })
	nextAllows := slices.ContainsFunc(next, func(t token) bool {
		return allowWords[t.low] || receiveVerbs[t.low] || t.low == "only" || t.low == "accessible"
	}) &&
		!slices.ContainsFunc(next, func(t token) bool { return denyWords[t.low] && !negationWords[t.low] })
	return general && nextValues && nextAllows
}

// topicFor is the index of "for" in a heading "<topic> for <pods>" whose
// topic holds no value, verdict, "only" or "except" and whose pods are a
// subject heading, or 0.
func topicFor(toks []token) int {
	f := -1
	for n, t := range toks {
		if t.low == "for" {
			f = n
		}
	}
	if f <= 0 || !subjectHeading(toks[f+1:]) {
		return 0
	}
	for n, t := range toks[:f] {
		w := t.low
		// "external services" are no pods
		outside := n > 0 && (toks[n-1].low == "external" || toks[n-1].low == "outside" || toks[n-1].low == "third-party")
		if t.kind != tWord || denyWords[w] || allowWords[w] || auditWords[w] || isolateWords[w] || w == "only" || w == "except" || podNouns[w] && !outside || namespaceWords[w] ||
			ingressWords[w] || egressWords[w] {
			return 0
		}
	}
	return f
}

// stillPurpose reports whether tokens say what the rule before keeps
// working: "so cluster monitoring can still scrape it". It opens with "so",
// has "can still" and a pronoun for the pods, and its other words all stand
// in the request before it, so it names nothing new.
func stillPurpose(toks []token, before string) bool {
	if len(toks) < 5 || toks[0].low != "so" || !slices.ContainsFunc(toks, func(t token) bool { return t.low == "still" }) ||
		!slices.ContainsFunc(toks, func(t token) bool { return t.low == "it" || t.low == "them" }) {
		return false
	}
	low := strings.ToLower(before)
	for _, t := range toks[1:] {
		w := t.low
		switch {
		case t.kind == tPunct || determiners[w] || w == "can" || w == "still" || w == "it" || w == "them" || reachVerbs[w] || receiveVerbs[w]:
		case t.kind == tWord && strings.Contains(low, w) && !podNouns[w] && !namespaceWords[w] && !meaningWords[w]:
		default:
			return false
		}
	}
	return true
}

// byDefault reports whether a clause only says that the rest is blocked
// by default: "blocking by default", "denied by default".
func byDefault(toks []token) bool {
	return len(toks) == 3 && (toks[0].low == "blocking" || toks[0].low == "blocked" || toks[0].low == "denied" || toks[0].low == "deny" || toks[0].low == "dropped") &&
		toks[1].low == "by" && toks[2].low == "default"
}

// valuesOnly reports whether tokens only list HTTP methods and ports:
// "methods GET, PUT and POST, port 8080".
func valuesOnly(toks []token) bool {
	method := false
	for _, t := range toks {
		switch {
		case methods[t.low] && strings.ToUpper(t.raw) == t.raw:
			method = true
		case t.kind == tNumber || t.kind == tPunct || t.kind == tPortProto || protocolWords[t.low],
			t.low == "method" || t.low == "methods" || t.low == "port" || t.low == "ports" || t.low == "and" || t.low == "or" || t.low == "on":
		default:
			return false
		}
	}
	return method
}

// addressBlock reports whether token n is the "block" of "IP block" or
// "CIDR blocks": addresses, not a verdict.
func addressBlock(toks []token, n int) bool {
	w := toks[n].low
	return (w == "block" || w == "blocks") && n > 0 && (toks[n-1].low == "cidr" || toks[n-1].low == "ip" || toks[n-1].low == "address")
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
		if t.kind != tWord && t.kind != tPunct || denyWords[w] || allowWords[w] || auditWords[w] || isolateWords[w] || w == "only" || podNouns[w] || namespaceWords[w] ||
			ingressWords[w] || egressWords[w] || entityWord(w) != "" || knownExecutables[w] || processVerbs[w] || workloadKinds[w] != "" || actionVerbs[w] && w != "make" || w == "dns" || w == "kube-dns" || methods[w] && t.raw == strings.ToUpper(t.raw) {
			return true
		}
	}
	return false
}

// scopeSaidAgain reports whether the words of where a rule applies that a
// clause holds ("cluster-wide", "nodes") another clause says again: "It
// should be cluster-wide", "Cluster-wide rule - pods labeled app=web may
// reach ..." say where the rules apply, and may not be dropped;
// "Cluster-wide FQDN rule - every pod in the cluster may reach ..." says
// it twice.
func scopeSaidAgain(c clause, out []clause) bool {
	for _, t := range c.toks {
		family := clusterFamily[t.low]
		if family == "" {
			continue
		}
		if !slices.ContainsFunc(out, func(o clause) bool {
			return o.toks[0].start != c.toks[0].start && slices.ContainsFunc(o.toks, func(u token) bool { return clusterFamily[u.low] == family || family == "cluster" && u.low == "cluster" })
		}) {
			return false
		}
	}
	return true
}

// clusterFamily are the words that say a rule is for the whole cluster or
// for nodes, by what they say.
var clusterFamily = map[string]string{"cluster-wide": "cluster", "clusterwide": "cluster", "cluster-level": "cluster", "node": "nodes", "nodes": "nodes", "host": "nodes", "hosts": "nodes"}

// sceneAt reports whether the clause ends in "in X" at n: "Namespaced
// version in rollout-test -" sets a namespace as the scene.
func sceneAt(toks []token, n int) bool {
	return (toks[n].low == "in" || toks[n].low == "inside" || toks[n].low == "within") && n+2 == len(toks) && toks[n+1].kind == tWord &&
		len(validation.IsDNS1123Label(toks[n+1].low)) == 0 && !fillerWords[toks[n+1].low] && !determiners[toks[n+1].low] && !frameWords[toks[n+1].low]
}

// sceneHeading reports whether words before a dash or colon only set the
// namespace the rest is about: "Namespaced version in rollout-test -",
// "NetworkPolicy deny-out in Namespace app -", "Create a NetworkPolicy
// named np in namespace default:". No verdict, pods or value stands in it.
func sceneHeading(toks []token) bool {
	n := len(toks)
	s := -1
	switch {
	case n >= 3 && (toks[n-3].low == "in" || toks[n-3].low == "for") && namespaceWords[toks[n-2].low] && toks[n-1].kind == tWord:
		s = n - 3 // "in namespace app"
	case n >= 4 && (toks[n-4].low == "in" || toks[n-4].low == "for") && toks[n-3].low == "the" && namespaceWords[toks[n-1].low] && toks[n-2].kind == tWord:
		s = n - 4 // "in the app namespace", "access-nginx for the secret namespace"
	case n >= 2 && sceneAt(toks, n-2):
		s = n - 2 // "in rollout-test"
	case n >= 4 && (toks[n-4].low == "for" || toks[n-4].low == "across" || toks[n-4].low == "in") && toks[n-3].low == "the" && (toks[n-2].low == "whole" || toks[n-2].low == "entire") && toks[n-1].low == "cluster":
		s = n - 4 // "Zero-trust baseline for the whole cluster"
	default:
		return false
	}
	for _, t := range toks[:s] {
		w := t.low
		if t.kind != tWord || denyWords[w] || allowWords[w] || auditWords[w] || isolateWords[w] || podNouns[w] || namespaceWords[w] || processVerbs[w] ||
			reachVerbs[w] || receiveVerbs[w] || ingressWords[w] || egressWords[w] || w == "only" || w == "except" {
			return false
		}
	}
	return true
}

// subjectHeading reports whether words before a colon only name pods:
// labels, a pod noun or a name, and no verb, direction or scope.
func subjectHeading(toks []token) bool {
	names := false
	for n, t := range toks {
		w := t.low
		switch {
		case hasStatement([]token{t}) || w == "cluster-wide" || w == "clusterwide" || w == "node" || w == "nodes" || w == "host" || w == "hosts" || w == "vm" || w == "vms":
			return false
		case describingWords[w] && t.start == toks[0].start:
			return false // "Suspicious container clients:" is a topic, not pods
		case t.kind == tLabel || (podNouns[w] || workloadKinds[w] != "") && t.start > toks[0].start && (n == len(toks)-1 || toks[n+1].kind != tWord):
			// "the nginx pods:", but not "Network service discovery:"
			names = true
		case t.kind != tWord && t.kind != tPunct:
			return false
		}
	}
	return names
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

// aboutExistingRules reports whether a clause only talks about the policies
// already there ("don't drop the existing rule"): kunerva adds a policy and
// removes none.
func aboutExistingRules(toks []token) bool {
	existing := false
	for n, t := range toks {
		switch w := t.low; {
		case w == "existing" || w == "current" || w == "old" || w == "another" || w == "already":
			// "DNS is handled by another policy already"
			existing = true
		case (w == "other" || w == "separate" || w == "additional" || w == "later" || w == "further") && n+1 < len(toks) && (toks[n+1].low == "policies" || toks[n+1].low == "policy" || toks[n+1].low == "rules"):
			// "the expected traffic will be allowed by other policies"
			existing = true
		case t.kind != tWord && t.kind != tPunct || podNouns[w] || namespaceWords[w]:
			return false
		}
	}
	return existing
}

// withoutIt reports whether a clause says what goes wrong if the rule
// before it is missing: "Without it the control plane can misbehave for up
// to a minute whenever cilium-agent restarts". It opens with "without it"
// (or "without this rule"), then names no value, pods or namespace, and has
// no verdict but what can or cannot happen, no "only" or "except".
func withoutIt(toks []token) bool {
	n := 0
	switch {
	case phraseIn(toks, 0, []string{"without", "it"}):
		n = 2
	case len(toks) > 2 && toks[0].low == "without" && (toks[1].low == "this" || toks[1].low == "that") && (toks[2].low == "rule" || toks[2].low == "policy"):
		n = 3
	default:
		return false
	}
	for _, t := range toks[n:] {
		w := t.low
		// "can", "can't" say what would happen, no verdict.
		if t.kind != tWord && t.kind != tPunct || w == "only" || w == "except" || podNouns[w] || namespaceWords[w] || denyWords[w] && !negationWords[w] ||
			allowWords[w] && w != "can" && w != "may" || auditWords[w] || isolateWords[w] {
			return false
		}
	}
	return true
}

// pastTense are verbs of what someone did that do not end in "ed":
// "I thought DNS was done by kubernetes by magic".
var pastTense = set("thought", "made", "set", "ran", "wrote", "saw", "found", "got", "put", "built", "spent", "took", "broke", "forgot", "had", "did", "went", "read", "heard", "knew")

// wishVerbs say what someone wants, even in the past: "I wanted the
// frontend to reach ...".
var wishVerbs = set("wanted", "needed", "hoped", "expected", "asked", "required", "preferred", "decided", "planned", "intended", "liked", "wished", "meant")

// pastNarrative reports whether a clause before the others tells what
// someone did, not what the policy should do: "I created a default deny
// for egress in the dev namespace and then banged my head on the
// keyboard", "I honestly thought DNS was done by kubernetes by magic". It
// opens with "I" or "we", at most one adverb, and a verb in the past that
// is no wish; it names no labels, address, name or path, no "only" or
// "except", and any namespace it names stands again in a clause after it.
func pastNarrative(toks []token, later []clause) bool {
	if len(toks) < 3 || toks[0].low != "i" && toks[0].low != "we" {
		return false
	}
	v := 1
	if w := toks[1].low; strings.HasSuffix(w, "ly") || w == "just" || w == "already" || w == "also" || w == "first" || w == "then" {
		v = 2
	}
	w := toks[v].low
	if !(pastTense[w] || strings.HasSuffix(w, "ed") && len(w) > 4) || wishVerbs[w] || denyWords[w] || allowWords[w] || isolateWords[w] || auditWords[w] {
		return false
	}
	for n, t := range toks {
		if t.kind != tWord && t.kind != tPunct || t.low == "only" || t.low == "except" {
			return false
		}
		if !namespaceWords[t.low] {
			continue
		}
		for _, k := range []int{n - 1, n + 1} {
			if k < 0 || k >= len(toks) || toks[k].kind != tWord {
				continue
			}
			if w := toks[k].low; determiners[w] || prepositions[w] || coordinators[w] || fillerWords[w] || frameWords[w] {
				continue
			}
			if !slices.ContainsFunc(later, func(c clause) bool { return hasWord(c.toks, toks[k].low) }) {
				return false
			}
		}
	}
	return true
}

// symptom reports whether a clause says what someone saw go wrong:
// "hubble observe shows productpage -> reviews being dropped", "the logs
// showed lookups getting blocked". It shows something "being" or
// "getting" denied, and names no value, "only" or "except".
func symptom(toks []token) bool {
	shows, denied := false, false
	for n, t := range toks {
		w := t.low
		switch {
		case t.kind != tWord && t.kind != tPunct || w == "only" || w == "except":
			return false
		case w == "show" || w == "shows" || w == "showed" || w == "shown":
			shows = true
		case (w == "being" || w == "getting") && n+1 < len(toks) && denyWords[toks[n+1].low] && strings.HasSuffix(toks[n+1].low, "ed"):
			denied = true
		}
	}
	return shows && denied
}

// currentStateOpeners set a sentence in the present as it is: "At the
// moment the policy lets every port in", "Right now any pod can hit the
// metrics endpoints".
var currentStateOpeners = [][]string{{"at", "the", "moment"}, {"right", "now"}, {"currently"}, {"as", "of", "now"}, {"as", "it", "stands"}, {"as", "things", "stand"}}

// currentState reports whether a clause says what is, not what should be:
// it opens with a word of the present as it is, goes on with no verdict
// word (not "right now, block ..."), no duty ("should", "must", "needs")
// and no "only" or "except", and names no labels, address, name or path.
func currentState(toks []token) bool {
	n := -1
	for _, o := range currentStateOpeners {
		if phraseIn(toks, 0, o) {
			n = len(o)
		}
	}
	if n < 0 {
		return false
	}
	if n < len(toks) && toks[n].low == "," {
		n++
	}
	if n >= len(toks) || hasStatement(toks[n:n+1]) {
		return false
	}
	for _, t := range toks[n:] {
		w := t.low
		if t.kind != tWord && t.kind != tPunct && t.kind != tNumber || w == "only" || w == "except" || w == "should" || w == "must" || w == "need" || w == "needs" || obligation(w) {
			return false
		}
	}
	return true
}

// stateBeforeUpdate reports whether a clause says what a policy does
// today, before the request to change it says the whole new state: "KA's
// NetworkPolicy only allows ingress from the aianalysis-controller pods
// today. Update the policy so the KA pods ... accept traffic on 8080 from
// both the aianalysis-controller pods (...) and the apifrontend pods".
// It ends or opens with a word of the present ("today", "right now"),
// the next clause asks to update the policy, and every name or value it
// holds the request says again after it, so nothing it allows is lost
// ("... allows A today. Update it so B may reach X too" keeps it).
func stateBeforeUpdate(toks []token, rest []clause) bool {
	e := len(toks)
	for e > 0 && toks[e-1].kind == tPunct {
		e--
	}
	n := e
	switch {
	case e > 0 && (toks[e-1].low == "today" || toks[e-1].low == "currently"):
		e--
	case e > 1 && phraseIn(toks, e-2, []string{"right", "now"}):
		e -= 2
	}
	b := 0
	for _, o := range currentStateOpeners {
		if phraseIn(toks, 0, o) {
			b = len(o)
		}
	}
	if b == 0 && e == n || b > e {
		return false
	}
	if len(rest) == 0 || len(rest[0].toks) == 0 || !(rest[0].toks[0].low == "update" || rest[0].toks[0].low == "change" || rest[0].toks[0].low == "modify") {
		return false
	}
	said := map[string]bool{}
	for _, c := range rest {
		for _, t := range c.toks {
			said[t.low] = true
			if _, v, ok := strings.Cut(t.low, "="); ok && t.kind == tLabel {
				said[v] = true // "app=cache" says "cache"
			}
		}
	}
	for _, t := range toks[b:e] {
		w := strings.TrimSuffix(strings.TrimSuffix(t.low, "'s"), "’s")
		if t.kind == tPunct || fillerWords[w] || determiners[w] || prepositions[w] || policyNouns[w] || podNouns[w] || ingressWords[w] || egressWords[w] ||
			allowWords[w] || receiveVerbs[w] || reachVerbs[w] || w == "only" || w == "traffic" {
			continue
		}
		if !said[w] && !said[t.low] {
			return false
		}
	}
	return true
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

// nobodyElse reports whether a clause says that nothing but what an "only"
// named may do it, in words alone: "Nothing else on the box has a reason to
// open them", "nobody else needs it".
func nobodyElse(toks []token) bool {
	ok := len(toks) > 2 && (toks[0].low == "nothing" || toks[0].low == "nobody" || toks[0].low == "noone" || toks[0].low == "anything" || toks[0].low == "anyone") && toks[1].low == "else" ||
		len(toks) > 3 && toks[0].low == "no" && toks[1].low == "one" && toks[2].low == "else"
	return ok && !hasValue(toks) && !slices.ContainsFunc(toks, func(t token) bool {
		return t.low == "except" || t.low == "but" || t.low == "allow" || t.low == "allowed" || t.low == "permit" || t.low == "permitted"
	})
}

// keepOthersOut reports whether a clause only says to keep the others out:
// "keep the other tenants out", "keep everyone else out", after a heading
// whose words the allow-list says again or that name nothing ("Baseline
// for the tenant-acme namespace: keep the other tenants out").
func keepOthersOut(toks, allowList []token) bool {
	k := slices.IndexFunc(toks, func(t token) bool { return t.low == "keep" || t.low == "keeps" })
	if k < 0 || toks[len(toks)-1].low != "out" {
		return false
	}
	if k > 0 {
		if toks[k-1].low != ":" {
			return false
		}
		for _, t := range toks[:k-1] {
			w := t.low
			if t.kind != tWord || !(fillerWords[w] || determiners[w] || prepositions[w] || policyNouns[w] || namespaceWords[w] || headingNouns[w] || hasWord(allowList, w)) {
				return false
			}
		}
	}
	others := false
	for i, t := range toks[k+1 : len(toks)-1] {
		w := t.low
		switch {
		case w == "other" || w == "others" || w == "outsiders" || w == "strangers" || (w == "else" || w == "rest") && i > 0:
			others = true
		case w == "the" || w == "all" || w == "any" || w == "everyone" || w == "everybody" || w == "anyone" || w == "anybody" || w == "everything" ||
			w == "tenants" || w == "teams" || w == "namespaces" || w == "pods" || w == "workloads" || w == "traffic" || w == "callers" || w == "clients":
		default:
			return false
		}
	}
	return others
}

// separateTenants reports whether a clause only says to separate tenants
// by namespace: "Separate the acme tenant at the namespace level",
// "separate tenants at the namespace level, starting with data". Every
// name it gives the allow-list says again, and the allow-list is of pods
// of a namespace.
func separateTenants(toks, allowList []token) bool {
	if len(toks) < 2 || !(toks[0].low == "separate" || toks[0].low == "segregate") || !hasWord(allowList, "namespace") {
		return false
	}
	tenant := false
	for _, t := range toks[1:] {
		w := t.low
		switch {
		case w == "tenant" || w == "tenants":
			tenant = true
		case determiners[w] || w == "at" || w == "by" || w == "per" || w == "namespace" || w == "level" || w == "starting" || w == "with" || w == ",":
		case t.kind == tWord && hasWord(allowList, w) && !meaningWords[w] && !allowWords[w] && !denyWords[w]:
		default:
			return false
		}
	}
	return tenant
}

// headingNouns name what a heading is about and nothing a rule needs:
// "Baseline for the tenant-acme namespace: ...".
var headingNouns = set("baseline", "default", "defaults", "tenant", "tenants", "tenancy", "multi-tenancy")

// pronouns point back at what another clause names.
var pronouns = set("it", "its", "they", "them", "their", "theirs", "these", "those")

// ingressAllowList reports whether a clause is an allow-list of what the
// pods receive: "only", and traffic from peers, never to them. It names its
// pods itself: with a pronoun ("its pods should only accept ..."), the
// pods would be those of the clause the goal is said in.
func ingressAllowList(toks []token) bool {
	return hasWord(toks, "only") && slices.ContainsFunc(toks, func(t token) bool { return t.low == "from" || receiveVerbs[t.low] || ingressWords[t.low] }) &&
		!slices.ContainsFunc(toks, func(t token) bool {
			return egressWords[t.low] || t.low == "to" || denyWords[t.low] || isolateWords[t.low] || pronouns[t.low]
		})
}

// offLimits reports whether a clause only says, in words, that something is
// not allowed: "Searching is off limits for it". After an "only" it says
// again what the allow-list leaves out.
func offLimits(toks []token) bool {
	copula := hasWord(toks, "is") || hasWord(toks, "are")
	limit := hasWord(toks, "limits") && hasWord(toks, "off") || hasWord(toks, "forbidden") || hasWord(toks, "prohibited") || hasWord(toks, "banned")
	return copula && limit && wordsOnly(toks)
}

// allowList reports whether a clause says that what it names is all:
// "only", "and that's it", "nothing else".
func allowList(toks []token) bool {
	for i, t := range toks {
		if t.low == "only" || t.low == "else" || t.low == "that's" && i+1 < len(toks) && (toks[i+1].low == "it" || toks[i+1].low == "all") || t.low == "more" && i > 0 && toks[i-1].low == "nothing" {
			return true
		}
	}
	return false
}

// failureWords say that a request fails: what an allow-list leaves out.
var failureWords = set("hang", "hangs", "fail", "fails", "bounce", "bounces", "rejected", "refused", "denied", "dropped", "blocked", "403", "403s",
	"permission_denied", "forbidden", "timeout", "timeouts")

// deniedExample reports whether a clause after an allow-list only gives
// examples of what it leaves out: "POST, PUT or any of the private paths
// should bounce with a 403", "a curl to google.com from them should just
// hang", "every other method should get PERMISSION_DENIED". It names no
// pods, no value the request named before, and no path.
func deniedExample(toks []token, before string) bool {
	failed := false
	for n, t := range toks {
		w := t.low
		switch {
		case failureWords[w] || w == "out" && hasWord(toks, "time"):
			failed = true
		case w == "can" && n+1 < len(toks) && toks[n+1].low == "keep":
			// "everything else can keep getting the envoy 403"
		case t.kind == tDomain && !strings.Contains(strings.ToLower(before), w):
		case t.kind == tNumber && len(w) == 3 && (w[0] == '4' || w[0] == '5'):
			// a status code: "with a 403"
		case t.kind != tWord && t.kind != tPunct, podNouns[w], namespaceWords[w], w == "only", w == "except", allowWords[w], isolateWords[w]:
			return false
		}
	}
	return failed
}

// notTheseToo reports whether a clause only names, after "no" or "not",
// HTTP methods or DNS names that the words before it never name: "no POSTs
// or DELETEs", "not my.second.domain.com or anything else".
func notTheseToo(toks []token, before string) bool {
	if len(toks) < 2 || toks[0].low != "no" && toks[0].low != "not" {
		return false
	}
	items := 0
	for n := 1; n < len(toks); n++ {
		t := toks[n]
		m := strings.TrimSuffix(t.raw, "s")
		switch {
		case t.kind == tDomain && !strings.Contains(strings.ToLower(before), t.low):
			items++
		case t.kind == tWord && methods[strings.ToLower(m)] && strings.ToUpper(m) == m && !strings.Contains(before, m):
			items++
		case t.low == "," || t.low == "or" || t.low == "nor" || t.low == "and":
		case t.low == "anything" && n+1 < len(toks) && toks[n+1].low == "else" && n+2 == len(toks):
			n++
		default:
			return false
		}
	}
	return items > 0
}

// exampleCannot reports whether a clause after an allow-list names an
// example of what it leaves out and says it must fail: "scanners like
// hping3 shouldn't be able to do recon from there". It holds no value, pods
// or namespace.
func exampleCannot(toks []token) bool {
	like := slices.IndexFunc(toks, func(t token) bool { return t.low == "like" })
	cannot := slices.IndexFunc(toks, func(t token) bool { return negatedModals[t.low] })
	if like < 0 || cannot < like {
		return false
	}
	return !slices.ContainsFunc(toks, func(t token) bool {
		return t.kind != tWord && t.kind != tPunct || podNouns[t.low] || namespaceWords[t.low] || t.low == "only" || t.low == "except"
	})
}

// nameRemarkWords are the words of a remark on which DNS names match.
var nameRemarkWords = set("exact", "names", "name", "doesn't", "does", "not", "count", "counts", "isn't", "is", "needed", "itself", "has", "have", "to",
	"match", "matches", "only", "an", "a", "the", "e.g.", "i.e.", ",", "-", "(", ")", "also", "just", "apex", "included", "excluded", "must")

// nameRemark reports whether a clause only remarks which DNS names the
// names of the request match, and says it as they do: "exact names,
// www.microsoft.com doesn't count" beside microsoft.com, "www.google.com has
// to match" beside *.google.com, "google.com itself isn't needed" beside
// *.google.com. A remark that the names would contradict is no remark.
func nameRemark(remark, all []token) bool {
	negative, positive := false, false
	var named []string
	for _, t := range remark {
		switch {
		case t.kind == tDomain:
			named = append(named, strings.TrimSuffix(t.low, "."))
		case t.kind == tWord || t.kind == tPunct:
			if !nameRemarkWords[t.low] {
				return false
			}
			negative = negative || t.low == "doesn't" || t.low == "isn't" || t.low == "excluded"
			positive = positive || t.low == "match" || t.low == "matches" || t.low == "included"
		default:
			return false
		}
	}
	if len(named) == 0 || negative == positive {
		return false
	}
	var allowed []string
	for _, t := range all {
		if t.kind == tDomain && !slices.ContainsFunc(remark, func(r token) bool { return r.start == t.start }) {
			allowed = append(allowed, strings.TrimSuffix(t.low, "."))
		}
	}
	for _, n := range named {
		matched := slices.ContainsFunc(allowed, func(a string) bool { return a == n || strings.HasPrefix(a, "*.") && strings.HasSuffix(n, a[1:]) })
		if matched != positive {
			return false
		}
	}
	return true
}

// aboutPolicyKind reports whether a clause only names the kind of policy
// the others make: "It's a deny policy", "an allow policy", "a deny list".
func aboutPolicyKind(toks []token) bool {
	kind := false
	for n, t := range toks {
		// "an allow policy, so requests to any other path end up denied"
		if t.low == "," && n+2 < len(toks) && toks[n+1].low == "so" && allowListRestClause(toks[n+2:]) {
			return kind
		}
		switch w := t.low; {
		case w == "policy" || w == "rule" || w == "list" || w == "allowlist" || w == "denylist" || w == "allow-list" || w == "deny-list":
			kind = true
		case t.kind == tPunct || w == "it's" || w == "it" || w == "is" || w == "this" || w == "that's" || w == "a" || w == "an" || w == "deny" || w == "allow" || w == "just" || w == "simple" || w == "plain":
		default:
			return false
		}
	}
	return kind
}

// selectorWords are the words of a remark on how selectors combine.
var selectorWords = set("namespace", "namespaces", "pod", "pods", "selector", "selectors", "label", "labels", "and", "together", "both", "have", "has",
	"to", "must", "match", "the", "conditions", "condition", "not", "either", "in", "one", "peer", "same", "entry", "apply", "applies", "(", ")", ",", ":", "-")

// selectorRemark reports whether a clause only says that a pod selector and
// a namespace selector hold together, as one peer does: "Namespace selector
// and pod selector together", "(both conditions, not either)", "the pod
// label and the namespace label both have to match". "Either" alone would
// mean the opposite, and is no remark.
func selectorRemark(toks []token) bool {
	joint := false
	for i, t := range toks {
		if !selectorWords[t.low] {
			return false
		}
		if t.low == "either" && (i == 0 || toks[i-1].low != "not") {
			return false
		}
		joint = joint || t.low == "together" || t.low == "both"
	}
	return joint
}

// notAllowedEnd reports whether toks end in "anything that isn't
// (explicitly) allowed".
func notAllowedEnd(toks []token) bool {
	n := len(toks)
	if n < 4 || !(toks[n-1].low == "allowed" || toks[n-1].low == "permitted" || toks[n-1].low == "listed") {
		return false
	}
	k := n - 2
	if toks[k].low == "explicitly" || toks[k].low == "specifically" || toks[k].low == "expressly" {
		k--
	}
	if k >= 0 && toks[k].low == "not" {
		k--
	}
	return k >= 2 && (toks[k].low == "isn't" || toks[k].low == "is" || toks[k].low == "aren't" || toks[k].low == "are") && (toks[k-1].low == "that" || toks[k-1].low == "which") &&
		(toks[k-2].low == "anything" || toks[k-2].low == "everything")
}

// noAddressRules reports whether a clause only asks for DNS names rather
// than addresses: "Its IPs change all the time so no CIDR rules please",
// "no brittle IP lists". It holds no value.
func noAddressRules(toks []token) bool {
	no, addr := false, false
	for i, t := range toks {
		w := t.low
		no = no || w == "no" || w == "not" || w == "without" || w == "rather" || w == "don't"
		addr = addr || (w == "cidr" || w == "ip" || w == "ips" || w == "ipblock" || w == "ipblocks" || w == "address" || w == "addresses") &&
			i+1 < len(toks) && (toks[i+1].low == "rules" || toks[i+1].low == "lists" || toks[i+1].low == "list" || toks[i+1].low == "blocks" || toks[i+1].low == "ranges" || toks[i+1].low == "rule") ||
			// "I don't want to hardcode the apiserver endpoint IPs in an ipBlock"
			(w == "hardcode" || w == "hard-code" || w == "hardcoded" || w == "hard-coded") && slices.ContainsFunc(toks[i+1:], func(t token) bool {
				return t.low == "ips" || t.low == "addresses" || t.low == "cidrs" || t.low == "ipblock" || t.low == "ipblocks"
			})
	}
	// "the apiserver endpoint IPs": whose addresses, not pods.
	ips := func(n int) bool {
		return n+1 < len(toks) && (toks[n+1].low == "ips" || toks[n+1].low == "addresses")
	}
	if !no || !addr || hasValue(toks) {
		return false
	}
	for n, t := range toks {
		if podNouns[t.low] && !ips(n) {
			return false
		}
	}
	return !slices.ContainsFunc(toks, func(t token) bool {
		w := t.low
		return namespaceWords[w] || w == "except" || w == "only" || w == "dns" || w == "need" || w == "needs" || keepWorking[w] || denyWords[w] && !negationWords[w] ||
			allowWords[w] || auditWords[w] || isolateWords[w] || reachVerbs[w] || receiveVerbs[w] || ingressWords[w] || egressWords[w]
	})
}

// directionLeftAlone reports whether a clause only says that the other
// direction is not restricted: "Egress from the database stays open",
// "ingress of those pods is untouched". The words between the direction and
// the verb must all stand earlier in the request, so they can only name
// what it named.
func directionLeftAlone(toks []token, before string) bool {
	i := 0
	for i < len(toks) && (toks[i].kind == tPunct || coordinators[toks[i].low] || toks[i].low == "the" || toks[i].low == "their" || toks[i].low == "its") {
		i++
	}
	if i >= len(toks) || !ingressWords[toks[i].low] && !egressWords[toks[i].low] {
		return false
	}
	lower := strings.ToLower(before)
	for k := i + 1; k < len(toks); k++ {
		w := toks[k].low
		if w == "stays" || w == "stay" || w == "remains" || w == "remain" || w == "is" || w == "are" {
			if k+1 < len(toks) && (toks[k+1].low == "open" || toks[k+1].low == "untouched" || toks[k+1].low == "unaffected" || toks[k+1].low == "unchanged" || toks[k+1].low == "unrestricted") {
				return k+2 >= len(toks) || toks[k+2].kind == tPunct
			}
			return false
		}
		if toks[k].kind != tWord || !(w == "from" || w == "of" || w == "for" || determiners[w] || strings.Contains(lower, w)) {
			return false
		}
	}
	return false
}

// everyPortFine reports whether a clause only says that no ports are
// named, so all are meant: "no ports given, so every port is fine".
func everyPortFine(toks []token) bool {
	ports := false
	for _, t := range toks {
		switch w := t.low; {
		case w == "port" || w == "ports":
			ports = true
		case t.kind == tPunct || w == "no" || w == "given" || w == "named" || w == "listed" || w == "so" || w == "every" || w == "any" || w == "all" || w == "is" ||
			w == "are" || w == "fine" || w == "ok" || w == "okay" || w == "allowed" || w == "open" || w == "and" || w == "the":
		default:
			return false
		}
	}
	return ports
}

// aboutReplies reports whether a clause only says that replies need no
// rule of their own: "the replies go back on their own, no egress rule
// needed". Policies are stateful; a reply follows its connection.
func aboutReplies(toks []token) bool {
	i := 0
	for i < len(toks) && (toks[i].kind == tPunct || coordinators[toks[i].low] || toks[i].low == "the") {
		i++
	}
	return i < len(toks) && (toks[i].low == "replies" || toks[i].low == "responses" || toks[i].low == "return" && i+1 < len(toks) && toks[i+1].low == "traffic") && wordsOnly(toks)
}

// threatModel reports whether a clause only says what an attacker would
// do: "stolen tokens let an attacker impersonate the workload against the
// API server". It names an attacker and no value or namespace.
func threatModel(toks []token) bool {
	attacker := slices.ContainsFunc(toks, func(t token) bool {
		return t.low == "attacker" || t.low == "attackers" || t.low == "intruder" || t.low == "intruders" || t.low == "adversary" || t.low == "adversaries" ||
			t.low == "exploit" || t.low == "exploits" || t.low == "malware" || t.low == "hackers" || t.low == "rootkit" || t.low == "rootkits" ||
			t.low == "tracks" && slices.ContainsFunc(toks, func(u token) bool { return u.low == "cover" || u.low == "covering" })
	})
	if factPhrase(toks) {
		// "kernel module loading from a container is a red flag"
		return !hasValue(toks) && !slices.ContainsFunc(toks, func(t token) bool { return namespaceWords[t.low] || t.low == "only" || t.low == "except" })
	}
	for n, t := range toks {
		if namespaceWords[t.low] || t.low == "only" || t.low == "except" || denyWords[t.low] && !negationWords[t.low] || auditWords[t.low] && !recordNoun(toks, n) {
			return false
		}
	}
	return attacker && !hasValue(toks)
}

// actorNouns name who carries out an attack in a sentence that tells it.
var actorNouns = set("attacker", "intruder", "adversary", "insider", "subject", "hacker")

// actorsNouns are the same in the plural, with malware, which does as they do.
var actorsNouns = set("attackers", "intruders", "adversaries", "insiders", "hackers", "malware", "cryptominers", "miners")

// actorDoes reports whether a sentence tells what an attacker does or could
// do: "A subject deletes Linux system logs in /var/log to eliminate
// evidence", "an intruder could read /etc/shadow". Its verbs are the
// actor's, not the policy's, and its values the scene of the act; the
// sentences that say what to do name them again. A sentence that says
// must, should, only or except, or names pods or a namespace, is no story.
//
// Actors in the plural tell it as a habit: "Attackers often drop tools
// into /tmp/ and run /bin/sh from there".
func actorDoes(toks []token) bool {
	i := 0
	if len(toks) > 0 && (toks[0].low == "a" || toks[0].low == "an") {
		i++
	}
	plural := i == 0 && len(toks) > 0 && actorsNouns[toks[0].low]
	if i+1 >= len(toks) || !plural && (i == 0 || !actorNouns[toks[i].low]) {
		return false
	}
	for i+2 < len(toks) && habitAdverbs[toks[i+1].low] && toks[i+1].low != "never" && toks[i+1].low != "ever" {
		i++ // "attackers often drop ..."
	}
	v := toks[i+1]
	acts := v.kind == tWord && (strings.HasSuffix(v.low, "s") && !podNouns[v.low] && v.low != "is" && v.low != "has" || v.low == "could" || v.low == "might" || v.low == "can" || v.low == "may" || v.low == "would")
	if plural {
		// "attackers drop", not "attackers are blocked" or "attackers must";
		// "malware writes" as one.
		acts = toks[0].low == "malware" && acts || v.kind == tWord && !strings.HasSuffix(v.low, "s") && !podNouns[v.low] && !prepositions[v.low] && !modals[v.low] && !slices.Contains([]string{"are", "were", "have", "had", "do", "don't", "did", "should", "must", "shall", "and", "or", "in", "of"}, v.low) ||
			v.low == "could" || v.low == "might" || v.low == "can" || v.low == "may" || v.low == "would"
	}
	return acts && !slices.ContainsFunc(toks, func(t token) bool {
		return t.low == "only" || t.low == "except" || t.low == "must" || t.low == "should" || t.low == "shall" || t.kind == tLabel || podNouns[t.low] || namespaceWords[t.low]
	})
}

// recordNoun reports whether token n, a word of auditing, names records
// rather than the action: "log" before a noun of logs ("System log file
// deletion may mean ..."), the "tracks" someone covers ("their tracks"), or
// the records an attacker wipes ("clear logs", "wipe the logs").
func recordNoun(toks []token, n int) bool {
	w := toks[n].low
	if (w == "log" || w == "logs") && n+1 < len(toks) && logNouns[toks[n+1].low] && toks[n+1].low != "is" && toks[n+1].low != "are" ||
		w == "tracks" && n > 0 && (toks[n-1].low == "their" || toks[n-1].low == "its" || toks[n-1].low == "his" || toks[n-1].low == "her") {
		return true
	}
	if w != "log" && w != "logs" && w != "tracks" && w != "records" && w != "traces" {
		return false
	}
	k := n - 1
	for k >= 0 && (toks[k].low == "the" || toks[k].low == "their" || toks[k].low == "its" || toks[k].low == "his" || toks[k].low == "her" || toks[k].low == "any" || toks[k].low == "all") {
		k--
	}
	return k >= 0 && erasingVerbs[toks[k].low]
}

// erasingVerbs wipe what was recorded: "clear logs", "cover their tracks".
var erasingVerbs = set("clear", "clears", "clearing", "wipe", "wipes", "wiping", "erase", "erases", "erasing", "delete", "deletes", "deleting", "cover", "covers",
	"covering", "remove", "removes", "removing", "truncate", "truncates", "truncating", "tamper", "tampers", "tampering", "purge", "purges", "purging", "shred", "shreds")

// factPhrases judge something in the words of a fact: "X is a red flag",
// "Y is a classic way to ...", "raw sockets are how spoofing happens".
var factPhrases = [][]string{{"is", "a", "red", "flag"}, {"are", "a", "red", "flag"}, {"is", "a", "classic"}, {"are", "a", "classic"}, {"is", "how"}, {"are", "how"},
	{"is", "under", "attack"}, {"are", "under", "attack"}, {"is", "the", "door"}, {"that's", "the", "door"}, {"that's", "how"}, {"that's", "a", "classic"}, {"is", "almost", "always"}, {"are", "almost", "always"}, {"is", "a", "common"}, {"is", "a", "favourite"}, {"is", "a", "favorite"}}

// factPhrase reports whether a clause holds a phrase of factPhrases.
func factPhrase(toks []token) bool {
	for i := range toks {
		for _, ph := range factPhrases {
			if phraseIn(toks, i, ph) {
				return true
			}
		}
	}
	return false
}

// restated reports whether every value of a clause stands again in the
// clauses after it (a path with or without its slash), and the clause names
// no namespace, "only" or "except".
// failsToStop reports whether a clause says what something does not stop:
// "Ingress policies don't stop someone who exploits the exposed port from
// calling home", "it won't stop someone piping a script into php", "Plain
// Unix permissions can't stop them from handing out /etc/passwd". A
// negated stop, prevent or block with its subject before it (not "don't
// block X", which is asked about) and who is not stopped right after it,
// or the clause's end; no "only" or "except".
func failsToStop(toks []token) bool {
	word := func(i int) string {
		if i < 0 || i >= len(toks) {
			return ""
		}
		return toks[i].low
	}
	for k := 1; k+1 < len(toks); k++ {
		v := k + 1
		switch {
		case word(k) == "don't" || word(k) == "doesn't" || word(k) == "won't" || word(k) == "can't" || word(k) == "cannot" || word(k) == "wouldn't" || word(k) == "couldn't":
		case (word(k) == "do" || word(k) == "does" || word(k) == "will" || word(k) == "can" || word(k) == "would" || word(k) == "could") && word(k+1) == "not":
			v++
		default:
			continue
		}
		if word(v) != "stop" && word(v) != "prevent" && word(v) != "block" {
			continue
		}
		if s := toks[k-1]; s.kind != tWord || s.low == "please" || s.low == "just" || s.low == "so" || s.low == "and" || s.low == "then" || s.low == "you" {
			continue
		}
		a := v + 1
		if word(a) == "a" || word(a) == "an" || word(a) == "the" {
			a++
		}
		// "Ingress policies don't stop | someone who ...": the one not
		// stopped may be split off as a clause of its own.
		if !(a == len(toks) || word(a) == "someone" || word(a) == "somebody" || word(a) == "anyone" || word(a) == "anybody" || word(a) == "them" || actorWords[word(a)] || actorNouns[word(a)] || word(a) == "attackers") {
			continue
		}
		return !slices.ContainsFunc(toks, func(t token) bool { return t.low == "only" || t.low == "except" })
	}
	return false
}

func restated(toks []token, later []clause) bool {
	for _, t := range toks {
		switch {
		case namespaceWords[t.low] || t.low == "only" || t.low == "except":
			return false
		case t.kind != tWord && t.kind != tPunct:
			v := strings.TrimSuffix(t.low, "/")
			if !slices.ContainsFunc(later, func(c clause) bool {
				return slices.ContainsFunc(c.toks, func(u token) bool { return u.kind == t.kind && strings.TrimSuffix(u.low, "/") == v })
			}) {
				return false
			}
		}
	}
	return true
}

// hypothetical reports whether a clause only says what would happen
// otherwise: "the IPs keep changing and an ipBlock would just break".
func hypothetical(toks []token) bool {
	return (hasWord(toks, "would") || hasWord(toks, "might") || hasWord(toks, "could")) && wordsOnly(toks)
}

// compromisedExample reports whether a clause after an allow-list says
// what pods that were taken over must not manage: "If the frontend gets
// compromised it must not be able to send DELETE /orders or POST
// /admin/shutdown". Its paths are none the request named before, so the
// allow-list already leaves them out; it names no labels or addresses.
func compromisedExample(toks []token, before string) bool {
	if len(toks) == 0 || toks[0].low != "if" || !slices.ContainsFunc(toks, func(t token) bool { return compromiseWords[t.low] }) ||
		!slices.ContainsFunc(toks, func(t token) bool { return negatedModals[t.low] || t.low == "not" }) {
		return false
	}
	for _, t := range toks {
		switch {
		case t.kind == tPath:
			if strings.Contains(before, t.raw) {
				return false
			}
		case t.kind != tWord && t.kind != tPunct, t.low == "only", t.low == "except", namespaceWords[t.low]:
			return false
		}
	}
	return true
}

// noLonger reports whether a clause says what something must no longer
// manage after an isolation: "the alpine test pod shouldn't be able to curl
// kubernetes.io anymore". It names no labels, addresses or paths, no
// "only" or "except", and no verdict but the negation.
func noLonger(toks []token) bool {
	if !slices.ContainsFunc(toks, func(t token) bool { return t.low == "anymore" || t.low == "longer" }) || !slices.ContainsFunc(toks, func(t token) bool { return negatedModals[t.low] || t.low == "no" }) {
		return false
	}
	return !slices.ContainsFunc(toks, func(t token) bool {
		w := t.low
		return t.kind != tWord && t.kind != tPunct && t.kind != tDomain || w == "only" || w == "except" || (allowWords[w] || denyWords[w]) && !negationWords[w] && w != "no" && w != "can't" && w != "cannot"
	})
}

var compromiseWords = set("compromised", "hacked", "breached", "owned", "popped", "hijacked", "takeover")

// aboutPrecedence reports whether a clause only says how policies combine:
// "deny rules take precedence over allows, so this has to hold", "the deny
// takes precedence". No value, no pods, no namespace.
func aboutPrecedence(toks []token) bool {
	if !hasWord(toks, "precedence") && !hasWord(toks, "priority") && !hasWord(toks, "overrides") && !hasWord(toks, "override") && !(hasWord(toks, "win") || hasWord(toks, "wins")) {
		return false
	}
	for _, t := range toks {
		if t.kind != tWord && t.kind != tPunct || podNouns[t.low] || namespaceWords[t.low] || t.low == "only" || t.low == "except" {
			return false
		}
	}
	return true
}

// asideRest reports whether tokens say that the rest of the traffic is
// denied, with a list of examples set off by dashes: "other incoming
// traffic - pods without that label, external traffic, pods in other
// namespaces - is blocked".
func asideRest(toks []token) bool {
	first, second := -1, -1
	for i, t := range toks {
		if t.kind == tPunct && t.low == "-" {
			if first < 0 {
				first = i
			} else if second < 0 {
				second = i
			}
		}
	}
	if first <= 0 || second < 0 || hasValue(toks[first:second]) {
		return false
	}
	return allowListRestClause(append(slices.Clone(toks[:first]), toks[second+1:]...))
}

// scopeOnly reports whether tokens after a dash only say which pods and
// which directions the statement before is for: "- every pod in every
// namespace, ingress and egress".
func scopeOnly(toks []token) bool {
	pods := false
	for _, t := range toks {
		w := t.low
		switch {
		case w == "every" || w == "all" || w == "pod" || w == "pods" || w == "in" || w == "namespace" || w == "namespaces" || w == "and" || w == "," || w == "both" || w == "directions":
			pods = pods || w == "pod" || w == "pods"
		case ingressWords[w] || egressWords[w]:
		default:
			return false
		}
	}
	return pods
}

// actsOnPronoun reports whether tokens are an action on "it" or "them"
// and nothing else of value: "block them", "block access to it and
// everything inside", "audit writes to it, reads are just noise".
func actsOnPronoun(toks []token) bool {
	if len(toks) < 2 || !denyWords[toks[0].low] && !auditWords[toks[0].low] || negationWords[toks[0].low] {
		return false
	}
	pronoun := false
	for n, t := range toks {
		if t.kind != tWord && t.kind != tPunct {
			return false
		}
		// "block them", "block both capabilities", "audit all of those"
		if (t.low == "it" || t.low == "them" || t.low == "both" || t.low == "those" || t.low == "these") && n <= 3 {
			pronoun = true
		}
	}
	return pronoun
}

// hasValue reports whether tokens hold a value: a path, label, address,
// port or name with a dot.
func hasValue(toks []token) bool {
	return slices.ContainsFunc(toks, func(t token) bool { return t.kind != tWord && t.kind != tPunct })
}

// copulaVerdict reports whether tokens say a verdict in the words of a
// fact: "TCP and UDP are allowed", "raw sockets are blocked".
func copulaVerdict(toks []token) bool {
	for i := 0; i+1 < len(toks); i++ {
		if (toks[i].low == "is" || toks[i].low == "are") && (restrictionWords[toks[i+1].low] || auditWords[toks[i+1].low]) {
			return true
		}
	}
	return false
}

// switchesDirection reports whether the words after a coordinator turn to
// the other direction: "ingress only from the gateway, and internet egress
// on 443" says two rules; so does "accept connections on 8079 from
// anywhere, and the only outbound calls front-end may make are to ...".
func switchesDirection(before, after []token) bool {
	dir := func(toks []token, verbs bool) (in, out bool) {
		for _, t := range toks {
			in = in || ingressWords[t.low] || verbs && acceptVerbs[t.low]
			out = out || egressWords[t.low]
		}
		return in, out
	}
	bi, bo := dir(before, true)
	ai, ao := dir(after, false)
	if !(bi && !bo && ao && !ai || bo && !bi && ai && !ao) {
		return false
	}
	// "ingress and egress for the worker pods" is one list of directions;
	// "ingress from the lb on 80, and egress to the db" says a peer first.
	for k, t := range before {
		if (ingressWords[t.low] || egressWords[t.low] || acceptVerbs[t.low]) && k+1 < len(before) && (before[k+1].low == "from" || before[k+1].low == "to" || before[k+1].low == "only" || before[k+1].low == "on" || before[k+1].low == "connections" || before[k+1].low == "traffic") {
			return true
		}
	}
	// "incoming they should only accept type 0, outgoing they may send
	// types 8 and 0": each part opens with its direction.
	return len(before) > 1 && (ingressWords[before[0].low] || egressWords[before[0].low]) && pronouns[before[1].low] &&
		len(after) > 1 && (ingressWords[after[0].low] || egressWords[after[0].low]) && pronouns[after[1].low]
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
	return true
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
	if labeledSubjectActs(toks, i) {
		return true
	}
	return denyWords[w] || allowWords[w] || auditWords[w] && w != "log" && w != "report" || isolateWords[w]
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

// rationaleAt is the length of a rationale opener at i, or -1.
func rationaleAt(toks []token, i int) int {
	// "so qa-test pods ... can't sneak in", "so nothing in it can be
	// rewritten": what the rule keeps from happening.
	if i+1 < len(toks) && toks[i].low == "so" && !startsStatement(toks, i+1) &&
		slices.ContainsFunc(toks[i+1:sentenceEnd(toks, i+1)], func(t token) bool {
			return t.low == "can't" || t.low == "cannot" || t.low == "won't" || t.low == "until" || t.low == "still"
		}) {
		return 1
	}
	if i+2 < len(toks) && toks[i].low == "so" && (toks[i+1].low == "nothing" || toks[i+1].low == "nobody") && !startsStatement(toks, i+1) {
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

// consequence reports whether toks say what fails without a rule, naming
// no value the words before have not named: "kubernetes.io can't be
// resolved", "the probes time out".
func consequence(toks, before []token) bool {
	fails := false
	for n, t := range toks {
		switch {
		case negatedModals[t.low] || failureWords[t.low] || t.low == "break" || t.low == "breaks" || t.low == "time" && n+1 < len(toks) && toks[n+1].low == "out":
			fails = true
		case t.kind != tWord && t.kind != tPunct:
			if !slices.ContainsFunc(before, func(b token) bool { return b.low == t.low }) {
				return false
			}
		case t.low == "only" || t.low == "except" || allowWords[t.low] && !negatedModals[t.low] || denyWords[t.low] && !negatedModals[t.low] || auditWords[t.low]:
			return false
		}
	}
	return fails
}

// noExceptions reports whether a clause only says that an isolation has
// no exceptions: "No exceptions yet, not even DNS", "with no exceptions".
func noExceptions(toks []token) bool {
	i := 0
	for i < len(toks) && (toks[i].kind == tPunct || coordinators[toks[i].low] || toks[i].low == "with") {
		i++
	}
	if i+1 >= len(toks) || toks[i].low != "no" || toks[i+1].low != "exceptions" && toks[i+1].low != "exception" {
		return false
	}
	for _, t := range toks[i+2:] {
		if !(t.kind == tPunct || t.low == "yet" || t.low == "for" || t.low == "now" || t.low == "at" || t.low == "all" || t.low == "whatsoever" || t.low == "not" || t.low == "even" || t.low == "dns" || t.low == "either") {
			return false
		}
	}
	return true
}

// isolating reports whether a clause says a default deny with nothing let
// through: no exception or allowed traffic in it.
func isolating(toks []token) bool {
	found := false
	for i, t := range toks {
		if t.low == "except" || t.low == "but" || t.low == "only" || t.low == "unless" || t.low == "besides" || allowWords[t.low] {
			return false
		}
		found = found || isolateWords[t.low] || t.low == "default" && i+1 < len(toks) && toks[i+1].low == "deny"
	}
	return found
}

// doneWords say that a piece of work is over: "once the migration is done".
var doneWords = set("done", "complete", "completed", "finished", "over", "through")

// peerNouns name the other end of traffic in words: "no matter which
// client it is" is about the peers, and no restatement.
var peerNouns = set("source", "sources", "destination", "destinations", "ip", "ips", "address", "addresses", "host", "hosts", "peer", "peers", "client", "clients", "caller", "callers")

// factVerbs say what something does that is no traffic and no verdict:
// "the entity may not work on AKS", "which Cilium doesn't match", "that we
// can't pin to a fixed ipBlock".
var factVerbs = set("work", "match", "support", "pin", "know", "express", "matter", "apply", "exist", "tell", "cover", "handle", "understand")

// negatedFact reports whether a clause, beside others that make rules,
// only says what something does not do: a negation of a verb of fact
// (factVerbs), and no other word of a verdict, "only" or "except".
func negatedFact(toks []token) bool {
	found := false
	for i := 0; i < len(toks); i++ {
		w := toks[i].low
		n := i + 1
		switch {
		case (w == "may" || w == "can" || w == "do" || w == "does" || w == "did" || w == "will" || w == "would") && n < len(toks) && toks[n].low == "not":
			n++
		case w == "doesn't" || w == "don't" || w == "can't" || w == "cannot" || w == "won't" || w == "didn't":
		default:
			if allowWords[w] || denyWords[w] || auditWords[w] || isolateWords[w] || w == "only" || w == "except" || w == "want" || w == "need" || w == "needs" {
				return false
			}
			continue
		}
		for n < len(toks) && (toks[n].low == "really" || toks[n].low == "always" || toks[n].low == "reliably" || toks[n].low == "even") {
			n++
		}
		if n >= len(toks) || !factVerbs[toks[n].low] {
			return false
		}
		found = true
		i = n
	}
	return found
}

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

var (
	restWhat       = set("traffic", "egress", "ingress", "outbound", "inbound", "outgoing", "incoming", "flow", "flows", "connections", "sources", "destinations", "clients", "callers")
	restVerbs      = set("stays", "stay", "is", "are", "remains", "remain", "keeps", "keep")
	restModalVerbs = set("stay", "remain", "keep", "be")
	restHow        = set("allowed", "open", "untouched", "unaffected", "working", "flowing", "as")
)

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
		// "but don't touch anything else", "do not change everything else".
		for _, rest := range [][]string{{"anything", "else"}, {"everything", "else"}} {
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
		// re-open the metadata endpoint": what the rule brings about.
		toks[i].low == "so" && slices.ContainsFunc(toks[i:], func(t token) bool {
			return t.low == "can't" || t.low == "cannot" || t.low == "won't" || t.low == "don't" || t.low == "doesn't" || t.low == "until" || t.low == "never" || t.low == "unreachable" || t.low == "inaccessible" || t.low == "protected" || t.low == "safe" || t.low == "isolated"
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

// writesRestated reports whether a clause only says, of a thing named by a
// pronoun, that nothing may write to it: "nothing should write to it at
// runtime", "nobody may modify them". Beside a read-only rule, it says that
// rule again.
func writesRestated(toks []token) bool {
	i := 0
	// "the root filesystem should be treated as a golden image and nothing
	// should write to it": after words that say what the thing is.
	for k, t := range toks {
		if t.low == "and" && k+1 < len(toks) && (toks[k+1].low == "nothing" || toks[k+1].low == "nobody") {
			if !slices.ContainsFunc(toks[:k], func(u token) bool {
				w := u.low
				// "the container's root filesystem": whose the thing is
				return u.kind != tWord && u.kind != tPunct || meaningful(u) && !(u.possessive && podNouns[w]) || denyWords[w] || allowWords[w] || auditWords[w] || isolateWords[w] || reachVerbs[w] ||
					receiveVerbs[w] || processVerbs[w] || fileVerbs[w] || ingressWords[w] || egressWords[w]
			}) {
				i = k + 1
			}
			break
		}
	}
	for i < len(toks) && (toks[i].kind == tPunct || coordinators[toks[i].low]) {
		i++
	}
	if i+2 >= len(toks) || toks[i].low != "nothing" && toks[i].low != "nobody" {
		return false
	}
	i++
	if modals[toks[i].low] {
		i++
	}
	if i >= len(toks) || !writeWords[toks[i].low] {
		return false
	}
	i++
	if i < len(toks) && (toks[i].low == "to" || toks[i].low == "into" || toks[i].low == "in") {
		i++
	}
	if i >= len(toks) || toks[i].low != "it" && toks[i].low != "them" {
		return false
	}
	for _, t := range toks[i+1:] {
		if t.kind != tWord && t.kind != tPunct || meaningful(t) {
			return false
		}
	}
	return true
}

// allowListRest reports whether a clause only says that what an allow-list
// does not name is denied: "every other HTTP call must be refused",
// "anything else is dropped". Every word of it must be one of that shape.
func allowListRestClause(toks []token) bool {
	other, deny := false, false
	// "client-two and everything else stays blocked": the names before
	// "and everything else" are some of the rest.
	named := 0
	for i := 0; i+2 < len(toks); i++ {
		if toks[i].low == "and" && (toks[i+1].low == "everything" || toks[i+1].low == "anything" || toks[i+1].low == "all" || toks[i+1].low == "the") && (toks[i+2].low == "else" || toks[i+2].low == "other" || toks[i+2].low == "rest") {
			named = i
			break
		}
	}
	// "Any other pod, even inside staging, gets denied", "nobody else,
	// even through the LoadBalancer IP": an aside that stresses how far
	// the rest goes; the allow-list already denies it.
	even, evenEnd := -1, -1
	for i := 0; i+2 < len(toks); i++ {
		if toks[i].low != "even" || !slices.Contains([]string{"in", "inside", "within", "from", "through", "via"}, toks[i+1].low) || i == 0 || toks[i-1].low != "," {
			continue
		}
		j := i + 2
		for j < len(toks) && j < i+6 && toks[j].kind == tWord {
			j++
		}
		if j < len(toks) && toks[j].low == "," || j == len(toks) {
			even, evenEnd = i, j
		}
		break
	}
	for i, t := range toks {
		w := t.low
		switch {
		case i >= even && i < evenEnd:
		case i < named && (t.kind == tWord || t.low == ","):
		case t.kind == tPunct || coordinators[w]:
		case w == "other" || w == "else" || w == "rest" || w == "remaining":
			other = true
		case denyWords[w] && w != "not" && w != "no", w == "nothing" || w == "nobody" || w == "none",
			w == "no" && i+1 < len(toks) && (toks[i+1].low == "other" || toks[i+1].low == "access" || toks[i+1].low == "traffic" || toks[i+1].low == "connections"):
			deny = true
		case (w == "allowed" || w == "permitted") && deny:
			// "nothing else is allowed in", "no other traffic is permitted":
			// allowed after the word that says none.
		case w == "default" || w == "internal" || w == "external" || w == "in-cluster" || w == "intra-cluster" || w == "service" || w == "services" || w == "destination" || w == "their" || w == "its",
			(w == "it" || w == "them") && i > 0 && (toks[i-1].low == "to" || toks[i-1].low == "from" || toks[i-1].low == "for"),
			(w == "to" || w == "for") && i+1 < len(toks) && (toks[i+1].low == "it" || toks[i+1].low == "them"):
			// "No other egress for them": the pods the allow-list is for.
			// "block all other in-cluster traffic to it"
			// "default deny for the rest of their egress", "no access to any
			// other internal service and no other external destination"
		case strings.Contains(w, "-to-") && t.kind == tWord:
			// "any other pod-to-world or pod-to-pod connection"
		case ingressWords[w] || egressWords[w] || w == "leaves" || w == "leave" || w == "tries" || w == "try" || w == "attempts" || w == "pod" || w == "pods" || w == "gets" || w == "goes" || w == "in" || w == "out":
			// "anything else outbound is blocked", "nothing else leaves the pod":
			// the direction is checked against the rules (restDirection).
		case (w == "it" || w == "they") && i < 2, w == "send" || w == "sends" || w == "anywhere":
			// "and it shouldn't send anything anywhere else": the pods the
			// allow-list is for, said again.
		case fillerWords[w] || determiners[w] || w == "http" || w == "https" || w == "call" || w == "calls" || w == "requests" || w == "request" || w == "methods" || w == "method" ||
			w == "socket" || w == "sockets" || w == "open" || w == "use" || w == "network" ||
			w == "traffic" || w == "connections" || w == "connection" || w == "everything" || w == "stays" || w == "stay" || w == "remains" || w == "remain" || w == "ends" || w == "end" || w == "up" || w == "anything" || w == "paths" || w == "path" || w == "ports" || w == "destinations" || w == "peers" || w == "access":
		default:
			return false
		}
	}
	return other && deny
}

// withoutOtherNamespaces is toks with "from other namespaces" ("from any
// other namespace", "from outside the namespace"), the words that say where
// the rest of an allow-list comes from, said as "other".
func withoutOtherNamespaces(toks []token) []token {
	for i := range toks {
		if toks[i].low != "from" {
			continue
		}
		for _, ph := range [][]string{{"other", "namespaces"}, {"any", "other", "namespace"}, {"all", "other", "namespaces"}, {"outside", "the", "namespace"}, {"the", "other", "namespaces"}} {
			if phraseIn(toks, i+1, ph) {
				// "everything from other namespaces": everything other.
				return slices.Concat(toks[:i], []token{{raw: "other", low: "other", kind: tWord, start: toks[i].start, end: toks[i+len(ph)].end}}, toks[i+1+len(ph):])
			}
		}
	}
	return toks
}

// titleErrors are the questions a title asks when read as a rule of its
// own: whom it is for, which of the words it names, which way.
var titleErrors = []string{"which pods should", "is the policy for", "the same pods or two sets", "default deny takes no peers", "which peers should this allow", "which direction", "I do not understand this as a security policy", "Give their labels"}

// titleExceptions make a title more than a summary: what it leaves out
// would be lost with it.
var titleExceptions = set("except", "excluding", "unless", "minus", "apart", "besides", "without", "instead")

// titlePeers name peers a title could add: they must be said again.
var titlePeers = set("dns", "internet", "world", "kube-dns", "coredns", "apiserver", "kube-apiserver", "api-server", "everywhere", "anywhere", "everyone", "anyone")

// peerOfRules reports whether a peer a title names by the word w is a peer
// of the rules: the world for "internet", the cluster DNS for "dns".
func peerOfRules(w string, ruledIn []*generator.Intent) bool {
	entity := entityWord(w)
	switch w {
	case "internet", "world", "everywhere", "anywhere", "everyone", "anyone":
		entity = "world"
	case "apiserver", "kube-apiserver", "api-server":
		entity = "kube-apiserver"
	}
	for _, in := range ruledIn {
		for _, x := range append([]*generator.Intent{in}, in.Others...) {
			for _, r := range x.Network {
				if slices.ContainsFunc(r.Peers, func(p generator.Peer) bool {
					return p.Entity != "" && p.Entity == entity || entity == "world" && p.CIDR == "0.0.0.0/0" || (w == "dns" || w == "kube-dns" || w == "coredns") && p.ClusterDNS
				}) {
					return true
				}
			}
		}
	}
	return false
}

// titleDescribing say what the pods of a title are like, not which:
// "from a specific pod", "an immutable container".
var titleDescribing = set("specific", "particular", "certain", "given", "single", "individual", "immutable")

// nameList reports whether toks, after an opening parenthesis, up to its
// closing one, are names joined by commas, "and" or "or": "(iodine,
// dnscat2, dns2tcp)".
func nameList(toks []token) bool {
	names, joined := 0, true
	for _, t := range toks {
		switch {
		case t.low == ")":
			return names > 1
		case t.low == "," || t.low == "and" || t.low == "or":
			joined = true
		case t.kind == tWord && joined:
			names, joined = names+1, false
		default:
			return false
		}
	}
	return false
}

// titleScope are words of where a policy applies; a title that says one the
// rules do not say again is more than a summary.
var titleScope = set("cluster", "cluster-wide", "clusterwide", "cluster-level", "global", "node", "nodes", "host", "hosts", "namespaces")

// summaryClauses is how many clauses from the first, all refused, make the
// request's first sentence when it is a title that the rules after it say
// in full; 0 if it is not. "Example: allow ingress from a specific pod in
// the same namespace. Pods labelled app: backend should receive traffic on
// port 8080 from pods labelled app: frontend", "Cilium can filter the
// outgoing DNS traffic. I want pods labeled ... to only resolve names under
// *.google.com", "Block what isn't necessary and allow what is essential.
// The CAD render pods ... only /opt/cad/bin/licensecheck may use the
// network". Read alone each clause asks whom it is for; every value it
// names, every name beside a pod or namespace noun and every word of scope
// is said again by the clauses that make rules, it names no exception, and
// its verdict and direction words are theirs: an allow word needs an allow,
// a deny word a deny or an allow-list (which denies the rest), an audit
// word an audit, a direction word a rule that way (see summarizes).
func summaryClauses(request string, cs []clause, errs []error, opts generator.Options, ruled []clause, ruledIn []*generator.Intent, dismissed []clause) int {
	if len(cs) == 0 || !opensSentence(request, cs[0]) {
		return 0
	}
	for k := range cs {
		if errs[k] == nil || !summarizes(request, cs[k], errs[k], opts, ruled, ruledIn) {
			return 0
		}
		if endsSentence(request, cs[k], dismissed) {
			return k + 1
		}
	}
	return 0
}

// titledClause reads clause c, the request's first, refused with err, as a
// title before a colon and the rule after it: "Allow ICMP ping for all
// workloads: every pod in the cluster may receive ICMPv4 type 8 ...",
// "Use-case: allow egress on a range of ports ...". When the words after
// the colon make a rule and the title only summarizes it and the rules of
// the other clauses, it returns the title and the rule's clause and intent.
func titledClause(request string, c clause, err error, opts generator.Options, ruled []clause, ruledIn []*generator.Intent) (title, rule clause, in *generator.Intent, ok bool) {
	depth := 0
	for k, t := range c.toks {
		switch t.low {
		case "(":
			depth++
		case ")":
			depth--
		}
		if t.low != ":" || depth != 0 || k == 0 || k+1 == len(c.toks) {
			continue
		}
		title, rule = clause{toks: c.toks[:k], dismissed: "summary"}, clause{toks: c.toks[k+1:], multi: c.multi, defs: c.defs}
		// "for every pod in the default namespace: they should accept ...":
		// a rule that points back at pods leaves them to the title.
		if slices.ContainsFunc(rule.toks, func(t token) bool { return pronouns[t.low] }) {
			return clause{}, clause{}, nil, false
		}
		in, rerr := parseClause(request, rule, opts, nil, nil)
		if rerr != nil || !summarizes(request, title, err, opts, append([]clause{rule}, ruled...), append([]*generator.Intent{in}, ruledIn...)) {
			return clause{}, clause{}, nil, false
		}
		return title, rule, in, true
	}
	return clause{}, clause{}, nil, false
}

// summarizes reports whether the words of toks, refused with err, only
// summarize the rules of the clauses ruled (see summaryClauses).
// With --assume-app-label any word could name pods, so no title is read.
func summarizes(request string, c clause, err error, opts generator.Options, ruled []clause, ruledIn []*generator.Intent) bool {
	nu, ok := err.(*generator.NotUnderstoodError)
	if !ok || !slices.ContainsFunc(titleErrors, func(q string) bool { return strings.Contains(nu.Missing, q) }) || len(ruledIn) == 0 || opts.AssumeAppLabel {
		return false
	}
	// "Nothing should write to it.": a clause of no pods, values or
	// verdict may still say what must not happen, to something named
	// elsewhere; only one of words alone is a title.
	if strings.Contains(nu.Missing, "I do not understand this as a security policy") && slices.ContainsFunc(c.toks, func(t token) bool {
		return negationWords[t.low] || t.low == "nothing" || t.low == "nobody" || t.low == "none" || pronouns[t.low] || fileVerbs[t.low] || processVerbs[t.low] || t.low == "only" || t.low == "except"
	}) {
		return false
	}
	p := newParser(request, c, opts)
	said := map[string]bool{}
	for _, r := range ruled {
		for _, t := range r.toks {
			w := strings.TrimSuffix(t.low, "/")
			said[w], said[strings.TrimSuffix(w, "s")] = true, true
			// "remote-node" says "node" again; "app=web" says "web".
			for _, part := range strings.FieldsFunc(w, func(r rune) bool { return r == '-' || r == '=' || r == ':' || r == ',' }) {
				said[part] = true
			}
		}
	}
	again := func(w string) bool {
		w = strings.TrimSuffix(w, "/")
		return said[w] || said[strings.TrimSuffix(w, "s")]
	}
	// "which pods are \"gateway\"? Give their labels": the name the title
	// could not place is said again by the rules, or the title is more.
	if strings.Contains(nu.Missing, "Give their labels") {
		q := strings.SplitN(nu.Missing, "\"", 3)
		if len(q) < 3 {
			return false
		}
		for _, w := range strings.Fields(strings.ToLower(q[1])) {
			if !again(w) {
				return false
			}
		}
		// "Only the API gateway should send requests to our AI agents":
		// the pods it is for are named in words too, said again.
		for _, t := range c.toks {
			w := t.low
			if t.kind == tWord && !determiners[w] && !prepositions[w] && !fillerWords[w] && !frameWords[w] && !coordinators[w] && !reachVerbs[w] && !receiveVerbs[w] && !allowWords[w] &&
				!restWords[w] && !restWhat[w] && w != "requests" && w != "request" && !again(w) {
				return false
			}
		}
	}
	// A namespace is said again only as the namespace of a rule's pods or
	// peers: "service exception for the app namespace: into api (app=api)
	// allow ..." names namespace app, which the label app=api does not say.
	places := map[string]bool{}
	for _, x := range ruledIn {
		for _, y := range append([]*generator.Intent{x}, x.Others...) {
			places[y.Subject.Namespace] = true
			for _, ns := range y.Subject.Namespaces {
				places[ns] = true
			}
			for _, r := range y.Network {
				for _, peer := range r.Peers {
					places[peer.Namespace] = true
				}
			}
		}
	}
	placed := func(w string) bool { return w != "" && places[w] }
	var allow, deny, audit, in, out bool
	for _, x := range ruledIn {
		for _, y := range append([]*generator.Intent{x}, x.Others...) {
			for _, r := range y.Network {
				allow, deny = allow || r.Verdict == generator.Allow, deny || r.Verdict != generator.Allow
				in, out = in || r.Direction == generator.Ingress, out || r.Direction == generator.Egress
			}
			for _, r := range y.System {
				allow, deny, audit = allow || r.Action == generator.ActionAllow, deny || r.Action != generator.ActionAudit, audit || r.Action == generator.ActionAudit
			}
		}
	}
	named := func(k int) bool {
		if k < 0 || k >= len(c.toks) || c.toks[k].kind != tWord {
			return false
		}
		w := c.toks[k].low
		return !determiners[w] && !prepositions[w] && !describingWord(w) && !titleDescribing[w] && !titleScope[w] && !frameWords[w] && !podNouns[w] && !namespaceWords[w] && !coordinators[w]
	}
	// "the app namespace": a namespace may have a pod noun's name.
	namedNamespace := func(k int) bool {
		return k >= 0 && k < len(c.toks) && (named(k) || podNouns[c.toks[k].low] && c.toks[k].kind == tWord)
	}
	list := false // in a parenthesized list of names
	for n, t := range c.toks {
		w := t.low
		switch w {
		case "(":
			list = nameList(c.toks[n+1:])
		case ")":
			list = false
		}
		switch {
		case t.kind == tWord && (p.treeHasWorkload(w) && !again(w) || p.treeNamespace(w) && !placed(w)):
			// "Let checkout talk to payments.": pods of the tree.
			return false
		case (titlePeers[w] || entityWord(w) != "" || headingPeer(c.toks, n) == "kube-apiserver") && !(n > 0 && (c.toks[n-1].low == "a" || c.toks[n-1].low == "an")):
			// "Allow DNS and the internet: ...", "Allow the API server too:
			// ...": the peers a title names are the rules' peers, in
			// whatever words.
			if headingPeer(c.toks, n) == "kube-apiserver" {
				w = "kube-apiserver"
			}
			if !again(w) && !peerOfRules(w, ruledIn) {
				return false
			}
		case t.kind != tWord && t.kind != tPunct || titleScope[w] && !(n > 0 && (c.toks[n-1].low == "a" || c.toks[n-1].low == "an")) || valueWord(t) || knownExecutables[w] || list && t.kind == tWord && !coordinators[w]:
			// "to run in a cluster with closed traffic": any cluster, no scope.
			// "DNS tunneling tools (iodine, dnscat2, dns2tcp): block all
			// three ...": what a title names in parentheses is a value too.
			if !again(w) {
				return false
			}
		case (w == "in" || w == "for") && named(n+1) && !again(c.toks[n+1].low) || (w == "in" || w == "for") && determiners[c.toks[min(n+1, len(c.toks)-1)].low] && named(n+2) && !again(c.toks[n+2].low):
			// "what's needed in prod": the scene a title names.
			return false
		case titleExceptions[w]:
			return false
		case allowWords[w] && w != "may" && w != "can" && w != "open" && !allow, (denyWords[w] && !negationWords[w] && w != "nobody" || isolateWords[w]) && !deny && !allow, auditWords[w] && !audit,
			ingressWords[w] && !in, egressWords[w] && !out:
			return false
		case podNouns[w] || namespaceWords[w]:
			// "the kafka pods", "the arr namespace", "namespace arr": the
			// name beside the noun.
			for _, k := range []int{n - 1, n + 1} {
				if namespaceWords[w] && namedNamespace(k) && !placed(c.toks[k].low) || !namespaceWords[w] && k == n-1 && named(k) && !again(c.toks[k].low) {
					return false
				}
			}
		}
	}
	return true
}

// valueWord reports whether a word token is a value written as a word: a name
// with a dot or a slash ("api.github.com", "app/web").
func valueWord(t token) bool {
	return t.kind == tWord && (strings.Contains(t.low, "/") || strings.Contains(strings.Trim(t.low, "."), "."))
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
		"destination", "destinations", "port", "ports", "binary", "binaries", "file", "files", "path", "paths", "directory", "directories", "rule", "rules")
)

// verdictOf is the network verdict of a system action.
func verdictOf(a generator.Action) generator.Verdict {
	switch a {
	case generator.ActionBlock:
		return generator.Deny
	case generator.ActionAllow:
		return generator.Allow
	}
	return ""
}

// verbThenPointer reads "block it", "deny just that" from toks[n]; end is
// the token after it.
func verbThenPointer(toks []token, n int) (generator.Action, generator.Verdict, int, bool) {
	a, ok := restatedVerbs[toks[n].low]
	if !ok {
		return "", "", 0, false
	}
	k := n + 1
	for k < len(toks) && (toks[k].low == "just" || toks[k].low == "only" || toks[k].low == "exactly") {
		k++
	}
	if k >= len(toks) || !pointers[toks[k].low] {
		return "", "", 0, false
	}
	return a, verdictOf(a), k + 1, true
}

// pointerThenParticiple reads "that address should be blocked", "those
// are to be audited" from toks[n]; end is the token after it.
func pointerThenParticiple(toks []token, n int) (generator.Action, generator.Verdict, int, bool) {
	k := n
	if k >= len(toks) || !pointers[toks[k].low] || toks[k].low == "it" || toks[k].low == "them" {
		return "", "", 0, false
	}
	k++
	if k < len(toks) && pointedNouns[toks[k].low] {
		k++
	}
	for k < len(toks) && (toks[k].low == "should" || toks[k].low == "must" || toks[k].low == "will" || toks[k].low == "is" || toks[k].low == "are" || toks[k].low == "be" ||
		toks[k].low == "to" || toks[k].low == "get" || toks[k].low == "gets") {
		k++
	}
	if k >= len(toks) || k == n+1 {
		return "", "", 0, false
	}
	a, ok := restatedParticiples[toks[k].low]
	if !ok {
		return "", "", 0, false
	}
	return a, verdictOf(a), k + 1, true
}

// habitAdverbs say what pods do as a habit, before their verb: "Our
// frontend pods never call the API server", "nginx only ever needs to read
// its TLS material", "checkout usually talks to payments". With no modal
// or verdict before them they state a fact, not a rule.
var habitAdverbs = set("never", "ever", "usually", "normally", "typically", "generally", "mostly", "always", "often", "sometimes", "rarely", "seldom")

// storyVerbs say, in the past, what happened: "the default-deny
// NetworkPolicy landed in the orders namespace", "we rolled out a default
// deny in orders".
var storyVerbs = set("landed", "went", "rolled", "broke", "happened", "shipped", "merged", "introduced", "applied", "added", "deployed", "installed", "pushed", "began", "caused")

// storyTimes say when it happened: "last week", "yesterday", "two days ago".
var storyTimes = set("yesterday", "ago", "last", "earlier")

// ruleMarkers, before a habit adverb or anywhere in a story, make the
// clause a rule after all: a modal ("must never call"), an imperative or a
// verdict ("block ..., which never ...").
func ruleMarker(t token) bool {
	w := t.low
	return modals[w] || w == "please" || w == "let" || w == "make" || w == "want" || w == "wants" || w == "need" || w == "needs" ||
		denyWords[w] && !negationWords[w] || allowWords[w] || auditWords[w] || restrictionWords[w]
}

// factClause reports how a clause states a fact instead of a rule: "habit"
// for what pods do ("Our frontend pods (app=frontend) never call the API
// server"), "story" for what happened ("Grafana dashboards went empty after
// the default-deny NetworkPolicy landed in the orders namespace"), or "".
// Alone it is no policy: kunerva asks. A habit with a rule anywhere in
// the clause ("always allow ...", "checkout never talks to the API, so
// block ...") is that rule; "only ever" with "nothing else" in the request
// ("it only ever talks to the API server. Nothing else in or out.") says
// what the pods may do.
func factClause(toks []token, request []token) string {
	rest := slices.ContainsFunc(request, func(t token) bool { return t.low == "else" })
	for n, t := range toks {
		if n == 0 || !habitAdverbs[t.low] {
			continue
		}
		if t.low == "ever" && (toks[n-1].low != "only" || rest) {
			continue
		}
		// "nginx only ever needs to read its TLS material": the need is
		// the habit's.
		// "It grants write bypass on any file and nginx only ever ...":
		// what comes before "and" is a statement of its own; a modal
		// before still governs ("may be read but never written").
		from := 0
		for k := n - 1; k >= 0; k-- {
			if w := toks[k].low; w == "and" || w == "but" || w == "yet" {
				from = k + 1
				break
			}
		}
		marked := slices.ContainsFunc(toks[from:n], ruleMarker) || slices.ContainsFunc(toks[:n], func(t token) bool { return modals[t.low] }) || n+1 < len(toks) && ruleMarker(toks[n+1]) && toks[n+1].low != "needs" && toks[n+1].low != "need" ||
			n+2 < len(toks) && slices.ContainsFunc(toks[n+2:], ruleMarker)
		if !marked {
			return "habit"
		}
	}
	if slices.ContainsFunc(toks, func(t token) bool { return modals[t.low] || t.low == "please" || t.low == "let" }) || len(toks) > 0 && ruleMarker(toks[0]) {
		return ""
	}
	for n, t := range toks {
		switch {
		case storyTimes[t.low] && (t.low != "last" || n+1 < len(toks) && timeNouns[toks[n+1].low]) && (t.low != "earlier" || n+1 < len(toks) && toks[n+1].low == "today"):
			return "story"
		case n > 0 && storyVerbs[t.low] && !slices.Contains([]string{"is", "are", "be", "been", "being", "to"}, toks[n-1].low) && !(n+1 < len(toks) && toks[n+1].low == "by"):
			return "story"
		}
	}
	return ""
}

// timeNouns follow "last" in a story: "last week".
var timeNouns = set("week", "month", "night", "year", "sprint", "release", "friday", "monday", "tuesday", "wednesday", "thursday", "saturday", "sunday", "quarter", "time")

// bareFact reports whether a clause is a habit or a story that names no
// value and no namespace: beside rules it is their reason, as in "block
// CAP_DAC_OVERRIDE for the app=nginx pods. It grants write bypass on any
// file and nginx only ever needs to read its TLS material." A fact that
// names a namespace or a value ("the default deny landed in the orders
// namespace") may say where the rules apply, and one about traffic ("The
// web pods always need DNS", "they usually talk to the metrics server
// too") may ask for more than the rules allow: it stays a question.
func bareFact(toks, request []token) bool {
	kind := factClause(toks, request)
	if kind == "" {
		return false
	}
	// "The web pods always need the kube API": a habit that negates
	// nothing names what the pods need; only one about files ("nginx only
	// ever needs to read its TLS material") is no traffic.
	has := func(m map[string]bool) bool { return slices.ContainsFunc(toks, func(t token) bool { return m[t.low] }) }
	if kind == "habit" && !has(negationWords) && !has(fileVerbs) {
		return false
	}
	return !slices.ContainsFunc(toks, func(t token) bool {
		w := t.low
		return t.kind != tWord && t.kind != tPunct || namespaceWords[w] || reachVerbs[w] || receiveVerbs[w] || ingressWords[w] || egressWords[w] || entityWord(w) != "" ||
			meaningWords[w] && !fileVerbs[w] && !habitAdverbs[w] && w != "only"
	})
}

// keptThatWay reports whether the words at i say that what was said
// before should stay so: "(and) we want to keep it that way", "and I'd
// like to keep it that way".
func keptThatWay(toks []token, i int) bool {
	if i < len(toks) && toks[i].low == "and" {
		i++
	}
	for _, ph := range [][]string{{"we", "want", "to"}, {"i", "want", "to"}, {"i'd", "like", "to"}, {"we'd", "like", "to"}, {"i", "would", "like", "to"}, {"we", "would", "like", "to"}} {
		if phraseIn(toks, i, ph) && phraseIn(toks, i+len(ph), []string{"keep", "it", "that", "way"}) {
			return true
		}
	}
	return false
}

// stateKept reports whether a clause says what is not allowed now, in
// words alone: "A container usually isn't allowed to change the system
// time". A negated allowance, no value, no "only" or "except".
func stateKept(toks []token) bool {
	negated := false
	for n, t := range toks {
		switch {
		case t.kind != tWord:
			return false
		case t.low == "only" || t.low == "except" || t.low == "but":
			return false
		case (t.low == "isn't" || t.low == "aren't") && n+1 < len(toks) && (toks[n+1].low == "allowed" || toks[n+1].low == "permitted"):
			negated = true
		}
	}
	return negated
}
