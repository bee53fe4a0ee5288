package builtin

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
)

// selectVerbs say which pods a policy selects: "Targets only pods labeled
// app=web", "selects only the app=db pods".
var selectVerbs = set("select", "selects", "selecting", "target", "targets", "targeting")

// asideOpeners start a bracketed aside that explains rather than says:
// "(that's where the static resources outside the cluster live)".
var asideOpeners = set("that's", "that", "which", "where", "since", "because", "so", "as", "this", "these", "those", "it's", "they're", "we", "i",
	"our", "it", "they", "you", "just", "mainly", "mostly", "why", "otherwise", "per", "see", "note")

// checkVerbs open a bracketed aside that says how to test a policy, and
// checkEnds close it: "(try ... to check)", "(run ... to verify)".
var (
	checkVerbs = set("try", "run", "test", "rerun", "re-run", "execute", "exec")
	checkEnds  = set("check", "verify", "confirm", "test", "see", "validate")
)

// checkAsideEnd returns the index of the closing bracket of an aside that
// starts at i with a verb of testing and ends with "to" and a word of
// checking, holding only words and numbers between and no word that could
// change a rule: "(try the sleep 1 command afterwards to check)", or 0.
func (p *parser) checkAsideEnd(i int) int {
	if !checkVerbs[p.word(i)] {
		return 0
	}
	for j := i + 1; j < len(p.toks) && j < i+12; j++ {
		t := p.toks[j]
		switch {
		case t.low == ")":
			if j >= i+3 && checkEnds[p.word(j-1)] && p.is(j-2, "to") {
				return j
			}
			return 0
		case t.kind != tWord && t.kind != tNumber, podNouns[t.low], namespaceWords[t.low], p.is(j, "only", "except", "not", "no", "but", "and", "or"),
			denyWords[t.low], allowWords[t.low], auditWords[t.low]:
			return 0
		}
	}
	return 0
}

// labelVerbs open a step of setup that puts labels on something.
var labelVerbs = set("give", "add", "apply", "put", "attach", "set", "label")

// labelFirstEnd is the index of the ")" that closes, from i, a step of
// setup before the policy: a verb of labeling, words alone with "label"
// among them (unless the verb is "label"), and "first" or "beforehand" at
// the end: "give that label to the test namespace first", "label the qa
// namespace beforehand". It returns 0 for anything else, a value, a
// verdict, an exception among the words.
func (p *parser) labelFirstEnd(i int) int {
	if !labelVerbs[p.word(i)] {
		return 0
	}
	said := p.is(i, "label")
	for j := i + 1; j < len(p.toks) && j < i+12; j++ {
		t := p.toks[j]
		switch {
		case t.low == ")":
			if said && j >= i+3 && p.is(j-1, "first", "beforehand") {
				return j
			}
			return 0
		case t.low == "label" || t.low == "labels":
			said = true
		case t.kind != tWord, p.is(j, "only", "except", "not", "no", "but", "or", "from", "and"), denyWords[t.low], allowWords[t.low], auditWords[t.low]:
			return 0
		}
	}
	return 0
}

// dismissAsides dismisses bracketed asides that hold no value.
func (p *parser) dismissAsides() {
	// "Ingress tool transfer: ...": an ATT&CK technique named as the topic.
	for _, ph := range techniqueNames {
		if i := p.phrase(ph...); i >= 0 && (i == 0 || p.is(i-1, "(")) && p.is(i+len(ph), ":", "-", ")", ",") {
			p.take(i, i+len(ph), "technique")
		} else if i == 0 {
			// "Ingress tool transfer from inside containers: audit curl
			// ...": the technique, and words alone that place it, as the
			// heading.
			k := len(ph)
			for k < len(p.toks) && k < len(ph)+5 && p.toks[k].kind == tWord && !meaningful(p.toks[k]) && !namespaceWords[p.word(k)] {
				k++
			}
			if k > len(ph) && p.is(k, ":") {
				p.take(0, k, "technique")
			}
		}
	}
	// "on 443 for the GitHub OAuth token exchange", "on 443 and 80 for the
	// ACME providers (Let's Encrypt, ZeroSSL)": what a port is for.
	// "Egress for model pulls: registry.ollama.ai ...": what a direction
	// is for, when its words end in a noun of such work.
	for i := 1; i < len(p.toks); i++ {
		afterValue := p.toks[i-1].kind == tNumber || p.toks[i-1].kind == tPortProto || p.toks[i-1].kind == tDomain
		if !p.is(i, "for") || p.taken(i) || !afterValue && !(ingressWords[p.word(i-1)] || egressWords[p.word(i-1)]) {
			continue
		}
		// One word alone ("egress for backups:") could name the pods.
		// After a value, the words must end in a noun of work
		// (workPurpose): "on 5432 for batch", "on 443 for the release
		// jobs", "for the staging copy" may name the pods the rule is for.
		if j := p.purposeEnd(i + 1); j > i+1 && (afterValue && p.workPurpose(i+1, j) || j > i+2 && purposeNouns[p.word(j-1)] && p.is(j, ":")) {
			p.take(i, j, "purpose")
			i = j - 1
		}
	}
	p.dismissValueNames()
	for i := range p.toks {
		// "(use the cluster entity, not CIDRs)": how to write the peer
		// the clause names, not another rule.
		if p.is(i, "(") && p.is(i+1, "use", "using") && !p.taken(i) {
			if j := p.formRemarkEnd(i + 2); j > 0 {
				p.take(i, j+1, "form-remark")
			}
		}
		// "from anything inside this cluster, meshed or not, and ...":
		// whatever the peers are like.
		if p.is(i, ",") && p.tok(i+1) != nil && p.toks[i+1].kind == tWord && strings.HasSuffix(p.word(i+1), "ed") && p.is(i+2, "or") && p.is(i+3, "not") && p.is(i+4, ",") && !p.taken(i+1) {
			p.take(i+1, i+4, "either-way")
		}
	}
	for i := 0; i < len(p.toks); i++ {
		// "PCI DSS requirement 1.3", "our SOC 2 auditors": the number of
		// a standard or of its part, cited, not a port or a count.
		if !p.taken(i) && citedNumber(p.toks, i) {
			p.take(i, i+1, "aside")
			continue
		}
		// "(NIST CM-7(4))", "(CIS 5.2.1)": a control cited, not a rule.
		if p.word(i) == "(" && p.is(i+1, "nist", "cis", "stig", "pci-dss", "iso") {
			depth, j := 0, i
			for ; j < len(p.toks); j++ {
				if p.word(j) == "(" {
					depth++
				} else if p.word(j) == ")" {
					depth--
					if depth == 0 {
						break
					}
				}
			}
			if j < len(p.toks) {
				p.take(i, j+1, "aside")
				i = j
				continue
			}
		}
		// "(T1548.003, sudo and sudo caching)": a technique cited, not a rule.
		if p.word(i) == "(" && techniqueRE.MatchString(p.toks[min(i+1, len(p.toks)-1)].raw) {
			j := i + 1
			for j < len(p.toks) && p.word(j) != ")" {
				j++
			}
			if j < len(p.toks) {
				p.take(i, j+1, "aside")
				i = j
				continue
			}
		}
		// "let the host (the node's own network stack) reach ...": words
		// in brackets after an entity that name it again.
		if j := p.entitySaidAgain(i); j > 0 {
			p.take(i, j+1, "entity-said-again")
			i = j
			continue
		}
		// "(both conditions, not either)": how the selectors before combine.
		if p.word(i) == "(" {
			j := i + 1
			for j < len(p.toks) && p.word(j) != ")" {
				j++
			}
			// "(anything else should get a refused answer)": the rest of an allow-list.
			if j < len(p.toks) && j > i+1 && (selectorRemark(p.toks[i+1:j]) || nameRemark(p.toks[i+1:j], p.all) || allowListRestClause(p.toks[i+1:j]) || deniedExample(p.toks[i+1:j], "") && p.has("only")) {
				p.take(i, j+1, "selectors-together")
				i = j
				continue
			}
		}
		// ", wherever those binaries are installed -": any path of the
		// names before, which names match anyway.
		if p.word(i) == "," && p.is(i+1, "wherever", "whichever", "whatever") {
			j := i + 2
			for j < len(p.toks) && p.toks[j].kind == tWord && (fillerWords[p.word(j)] || processNouns[p.word(j)] || p.is(j, "installed", "live", "lives", "sit", "sits", "reside", "resides", "path", "directory", "located", "binaries", "binary", "copies")) {
				j++
			}
			if j > i+2 && (j == len(p.toks) || p.toks[j].kind == tPunct) {
				p.take(i+1, j, "aside")
				i = j - 1
				continue
			}
		}
		// "reach dl-cdn.alpinelinux.org on port 80 (curl/jq get installed
		// at startup)", "github.com and lscr.io on 443 (docker-mods, slack
		// notifications)": words alone in brackets after an address and its
		// port say what the traffic is for (a tool pair such as curl/jq
		// among them), the address says where it goes. So do they after a
		// port of a list the clause opens with "on" or "port": "reachable
		// on 3000 (web UI) and 22 (git over ssh)", where no word of them
		// points at a peer ("from", "to", "by").
		if afterAddress, afterPort := p.addressOnPortBefore(i), p.portOfListBefore(i); p.word(i) == "(" && (afterAddress || afterPort) && !p.taken(i) {
			j := i + 1
			words := 0
			for j < len(p.toks) && p.word(j) != ")" && (p.toks[j].kind == tWord && (!meaningful(p.toks[j]) || strings.Contains(p.word(j), "/") && !p.toks[j].possessive) && !podNouns[p.word(j)] && !namespaceWords[p.word(j)] || p.is(j, ",")) {
				// "22 (git over ssh, temporarily)", "(web UI, staging)": a
				// time or a scope in them limits the rule, no purpose.
				if p.is(j, "only", "except", "not", "no") || temporalWords[p.word(j)] || timeNames[p.word(j)] || scopeQualifiers[p.word(j)] || heldBackWords[p.word(j)] || hedgeWords[p.word(j)] || p.is(j, "too", "also") || exposureWords[p.word(j)] || p.is(j, "internal") ||
					!afterAddress && p.is(j, "from", "to", "into", "by", "between", "in", "inside", "within") {
					break
				}
				if p.toks[j].kind == tWord {
					words++
				}
				j++
			}
			if j < len(p.toks) && p.word(j) == ")" && words >= 2 {
				p.take(i, j+1, "port-purpose")
				i = j
				continue
			}
		}
		// "(give that label to the test namespace first)": how to set up
		// the labels the selectors match, before the policy holds.
		if p.word(i) == "(" && !p.taken(i) {
			if j := p.labelFirstEnd(i + 1); j > 0 {
				p.take(i, j+1, "label-first")
				i = j
				continue
			}
		}
		// "(try the sleep 1 command afterwards to check)", "(run ls
		// again to verify)": how to test the policy once applied.
		if p.word(i) == "(" && !p.taken(i) {
			if j := p.checkAsideEnd(i + 1); j > 0 {
				p.take(i, j+1, "how-to-check")
				i = j
				continue
			}
		}
		// "(the MySQL Operator has to reach the Kubernetes API server)",
		// "(required for toFQDNs to work)": why the rule before is needed.
		if p.word(i) == "(" && !p.taken(i) {
			if j := p.reasonBracketEnd(i + 1); j > 0 {
				p.take(i, j+1, "reason-aside")
				i = j
				continue
			}
		}
		if p.word(i) != "(" || !asideOpeners[p.word(i+1)] {
			continue
		}
		j := i + 1
		ok := true
		for j < len(p.toks) && p.word(j) != ")" {
			if t := p.toks[j]; t.kind != tWord && t.kind != tPunct || podNouns[t.low] || namespaceWords[t.low] || fileNouns[t.low] || t.low == "only" || t.low == "except" || t.low == "not" {
				ok = false
			}
			j++
		}
		if ok && j < len(p.toks) {
			p.take(i, j+1, "aside")
			i = j
		}
	}
}

// addressOnPortBefore reports whether the token before i closes a DNS
// name or an address and its ports: "ghcr.io on 443", "10.0.0.5 on port
// 80", "0.0.0.0/0 on TCP 443 and 6443".
func (p *parser) addressOnPortBefore(i int) bool {
	k := i - 1
	if p.tok(k) == nil || p.toks[k].kind != tNumber && p.toks[k].kind != tPortProto {
		return false
	}
	for k--; k >= 0 && k >= i-12 && (p.toks[k].kind == tNumber || p.toks[k].kind == tPortProto || p.is(k, ",", "and", "or", "port", "ports", "tcp", "udp", "sctp")); k-- {
	}
	if !p.is(k, "on") {
		return false
	}
	t := p.tok(k - 1)
	return t != nil && (t.kind == tDomain || t.kind == tCIDR)
}

// onlyUnread returns the span of an "only" read as the verdict and the
// short noun phrase it narrows to, when no word of that is read: "only the
// frontend" at the end of the clause or before a comma, "(frontend only)"
// as a whole bracket; -1 when there is none.
func (p *parser) onlyUnread() (int, int) {
	stop := func(k int) bool { return k < 0 || k >= len(p.toks) || p.is(k, ",", ")", "(", ".", ";", ":", "-") }
	// unread: one or two words that no rule read (or that were left as of no
	// meaning), after any determiner.
	unread := func(i, j int) bool {
		for i < j && determiners[p.word(i)] {
			i++
		}
		if j-i < 1 || j-i > 2 {
			return false
		}
		for k := i; k < j; k++ {
			if p.claim[k] != "" && p.claim[k] != "no-meaning" || p.toks[k].kind != tWord || fillerWords[p.word(k)] || prepositions[p.word(k)] {
				return false
			}
		}
		return true
	}
	for k := range p.toks {
		if p.word(k) != "only" || p.claim[k] != "verdict" || p.is(k-1, "the", "a", "an") {
			continue
		}
		if j := k + 1; p.is(j, "the", "our", "their", "its", "my") {
			for !stop(j) {
				j++
			}
			if unread(k+1, j) {
				return k, j
			}
		}
		if i := k - 1; p.is(k+1, ")") {
			for !stop(i) {
				i--
			}
			if p.is(i, "(") && unread(i+1, k) {
				return i + 1, k + 1
			}
		}
	}
	return -1, -1
}

// portBracketSaid asks about brackets after one port of a list that say
// more than what the port is for: "on 3000 (web UI, from app=proxy only)
// and 22", "on 3000 (web UI) and 22 (git over ssh, UDP)", "(..., namespace
// dev)". Read as the rule's, their peers, protocol or namespace went to
// every port of the list.
func (p *parser) portBracketSaid() string {
	for i := range p.toks {
		if !p.is(i, "(") || i == 0 || p.toks[i-1].kind != tNumber && p.toks[i-1].kind != tPortProto || p.claim[i] == "reason-aside" {
			continue // a reason changes no port
		}
		end := i + 1
		for end < len(p.toks) && !p.is(end, ")") {
			end++
		}
		if end >= len(p.toks) || !p.otherPortsInList(i, end) {
			continue
		}
		// "ports 53 (TCP and UDP), 443 and 4317": the port's own protocols.
		if !slices.ContainsFunc(p.toks[i+1:end], func(t token) bool {
			return !protocolWords[t.low] && t.low != "and" && t.low != "or" && t.low != "," && t.low != "/"
		}) {
			continue
		}
		for k := i + 1; k < end; k++ {
			if t := p.toks[k]; t.kind != tWord && t.kind != tPunct || portBracketWords[t.low] || protocolWords[t.low] || namespaceWords[t.low] {
				return fmt.Sprintf("is %q about port %s alone, or about every port of the list? Say each port with its own peers, protocol and namespace as a rule of its own", p.text(i, end+1), p.toks[i-1].raw)
			}
		}
	}
	return ""
}

// portBracketWords, in brackets after a port, narrow the traffic.
var portBracketWords = set("from", "to", "only", "except", "not", "internal", "external")

// otherPortsInList reports whether the list of the port before the bracket
// [open, close] names another port, before it or after the bracket: "on
// 3000 (...) and 22", "on 80, 3000 (...)".
func (p *parser) otherPortsInList(open, close int) bool {
before:
	for k := open - 2; k >= 0; k-- {
		switch {
		case p.toks[k].kind == tNumber || p.toks[k].kind == tPortProto:
			return true
		case p.is(k, ")"): // "on 3000 (web UI) and 22 (...)"
			for k > 0 && !p.is(k, "(") {
				k--
			}
		case !p.is(k, ",", "and", "or", "plus"):
			break before
		}
	}
	k := close + 1
	for k < len(p.toks) && p.is(k, ",", "and", "or", "plus") {
		k++
	}
	return k > close+1 && k < len(p.toks) && (p.toks[k].kind == tNumber || p.toks[k].kind == tPortProto)
}

// portOfListBefore reports whether the token before i is a port of a list
// opened by "on" or "port": "on 3000", "on ports 80, 443", "on 3000 (web
// UI) and 22", skipping the brackets already read after the ports before it.
func (p *parser) portOfListBefore(i int) bool {
	k := i - 1
	if p.tok(k) == nil || p.toks[k].kind != tNumber && p.toks[k].kind != tPortProto {
		return false
	}
	for k--; k >= 0 && k >= i-16; k-- {
		switch t := p.toks[k]; {
		case p.is(k, "on", "port", "ports"):
			return true
		case t.kind == tNumber || t.kind == tPortProto || p.is(k, ",", "and", "or", "plus"):
		case p.is(k, ")") && p.taken(k):
			for k > 0 && !p.is(k, "(") {
				k--
			}
		default:
			return false
		}
	}
	return false
}

// seriesWords number the parts of a series: "Step 3:", "pattern 2 -",
// "Policy 4, metrics:", "Rule 2:".
var seriesWords = set("scenario", "step", "part", "case", "task", "exercise", "question", "lab", "phase", "stage", "pattern", "example", "recipe", "option", "chapter", "lesson", "policy", "rule", "requirement",
	"problem", "item", "challenge", "assignment", "milestone", "iteration", "round", "statement", "story", "finding", "trigger", "control")

// policyNouns name the policy itself: "a NetworkPolicy named np".
var policyNouns = set("policy", "policies", "networkpolicy", "networkpolicies", "ciliumnetworkpolicy", "kubearmorpolicy", "netpol", "netpols", "np", "cnp", "cnps", "ksp", "rule")

// clusterKindWords ask for a policy of every namespace: the cluster-wide
// kinds, or the scope said in one word.
var clusterKindWords = set("ciliumclusterwidenetworkpolicy", "ciliumclusterwidenetworkpolicies", "ccnp", "ccnps", "kubearmorclusterpolicy", "clusterwide", "cluster-wide")

// proxyWords describe what traffic goes through: "via the egress proxy
// at 10.0.0.5", "through our corporate NAT gateway 203.0.113.1".
var proxyWords = set("proxy", "proxies", "gateway", "gateways", "nat", "egress", "outbound", "forward", "forwarding", "http", "https", "corporate",
	"corp", "company", "office", "squid", "envoy", "bastion", "jump", "jumphost", "host", "server", "at", "on", "our", "local", "internal", "upstream")

// clusterKindRE finds a cluster-wide kind named anywhere in the request,
// with a negation before it in the first group ("not a CCNP").
var clusterKindRE = regexp.MustCompile(`(?i)(\b(?:not|no|instead of)\s+(?:an?\s+)?)?\b(ciliumclusterwidenetworkpolic(?:y|ies)|ccnps?|kubearmorclusterpolic(?:y|ies))\b`)

// scopeWords keep their meaning in a heading ("cluster-wide: ...").
var scopeWords = set("cluster-wide", "clusterwide", "cluster-level", "cluster", "wide", "whole", "entire", "every", "all", "node", "nodes", "host", "hosts", "namespace", "namespaces")

// entitySaidAgain reads, at the "(" of "the host (the node's own network
// stack)", words in brackets after the name of an entity that name the
// same entity again and nothing else: no value, pods, namespace, and no
// word that adds or takes away a peer ("and", "or", "other", "only",
// "except", "not"). It returns the index of the ")", or 0.
func (p *parser) entitySaidAgain(i int) int {
	if !p.is(i, "(") || p.taken(i) || i == 0 || entityWord(p.word(i-1)) == "" {
		return 0
	}
	again := false
	for j := i + 1; j < len(p.toks) && j <= i+8; j++ {
		t := p.toks[j]
		switch {
		case p.is(j, ")"):
			if again {
				return j
			}
			return 0
		case t.kind != tWord || podNouns[t.low] || namespaceWords[t.low] || p.is(j, "and", "or", "other", "others", "only", "except", "not", "no", "but", "plus", "also", "every", "all", "any", "remote"):
			return 0
		case entityWord(t.low) == entityWord(p.word(i-1)):
			again = true
		case entityWord(t.low) != "":
			return 0
		}
	}
	return 0
}

// requiredWords open a bracket that says why the rule before it is needed:
// "(required for toFQDNs to work)", "(needed by the operator)".
var requiredWords = set("required", "needed", "necessary")

// hasToWords with "to" after them say what something has to do: "has to
// reach", "needs to call".
var hasToWords = set("has", "have", "needs", "need", "must")

// reasonBracketEnd returns the closing bracket of a reason for the rule
// before it, opened at i, or -1: "(required for toFQDNs to work)", "(the
// MySQL Operator has to reach the Kubernetes API server)". The bracket
// must close the clause or a part of it and hold words alone: no value
// (label, address, port, path), no "only", "except" or "not", and no word
// that adds it as a rule of its own ("also", "too"). What has to reach
// names no pods by a pod noun before the verb ("(the backend pods have to
// reach it)" could be more callers).
func (p *parser) reasonBracketEnd(i int) int {
	j := i
	for j < len(p.toks) && p.word(j) != ")" {
		t := p.toks[j]
		if t.kind != tWord && t.kind != tPunct || p.taken(j) || p.is(j, "(", "only", "except", "not", "no", "also", "too", "either") || meaningful(t) && !reachVerbs[t.low] && !hasToWords[t.low] && !requiredWords[t.low] {
			return -1
		}
		j++
	}
	if j >= len(p.toks) || j == i || !(j+1 == len(p.toks) || p.toks[j+1].kind == tPunct) {
		return -1
	}
	if requiredWords[p.word(i)] && p.is(i+1, "for", "by", "so") {
		return j
	}
	for k := i; k+2 < j; k++ {
		if podNouns[p.word(k)] || namespaceWords[p.word(k)] {
			return -1
		}
		if hasToWords[p.word(k)] && p.is(k+1, "to") && reachVerbs[p.word(k+2)] && k > i {
			return j
		}
	}
	return -1
}
