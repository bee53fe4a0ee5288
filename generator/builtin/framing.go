package builtin

import (
	"slices"
	"strings"
)

// framings are ways of asking that say nothing about the policy: "how can I
// ...", "I want to ...", "could you ...", "is there a way to ...".
var framings = [][]string{
	{"how", "can", "i"}, {"how", "can", "we"}, {"how", "do", "i"}, {"how", "do", "we"}, {"how", "should", "i"}, {"how", "would", "i"},
	{"is", "there", "a", "way", "to"}, {"is", "it", "possible", "to"}, {"i", "want", "to"}, {"we", "want", "to"}, {"i", "need", "to"},
	{"we", "need", "to"}, {"i'd", "like", "to"}, {"we'd", "like", "to"}, {"i", "would", "like", "to"}, {"we", "would", "like", "to"},
	{"could", "you"}, {"can", "you"}, {"would", "you"}, {"please"}, {"i", "want"}, {"we", "want"}, {"i", "need"}, {"we", "need"},
	{"let's"}, {"help", "me"}, {"e.g."}, {"i.e."}, {"for", "example"}, {"for", "instance"}, {"such", "as"}, {"namely"}, {"that", "is"},
	{"make", "sure", "that"}, {"make", "sure"}, {"ensure", "that"}, {"we", "must"}, {"we", "should"}, {"you", "should"}, {"the", "goal", "is", "to"},
	{"our", "goal", "is", "to"}, {"the", "idea", "is", "to"}, {"i'm", "trying", "to"}, {"we're", "trying", "to"}, {"trying", "to"},
	// "don't forget to allow DNS": a reminder, no negation of the order.
	{"don't", "forget", "to"}, {"do", "not", "forget", "to"}, {"dont", "forget", "to"},
	{"explicitly"}, {"at", "all", "times"}, {"at", "all"}, {"by", "design"}, {"managed", "by", "cilium"}, {"on", "gke"}, {"on", "eks"}, {"on", "aks"}, {"on", "openshift"}, {"on", "gke,"}, {"that", "cilium", "manages"}, {"immediately"}, {"regardless", "of", "namespace"}, {"regardless", "of", "the", "namespace"},
}

// wishAdjectives say, after "it would be", that the request is a wish:
// "it would be handy if the chart had ...".
var wishAdjectives = set("nice", "great", "good", "handy", "useful", "helpful", "cool", "awesome", "ideal", "better", "neat", "lovely")

// haveVerbs say that a thing has or ships what follows: "if the chart had
// a NetworkPolicy", "if the operator shipped one".
var haveVerbs = set("had", "has", "have", "shipped", "ships", "provided", "provides", "offered", "offers", "included", "includes", "supported", "supports", "exposed", "came", "got", "added", "created", "could", "would")

// dismissWish dismisses the wish that frames a feature request, in the
// register of an issue: "It would be handy if the chart had an optional
// NetworkPolicy restricting what the approver can access: ...", "it'd be
// great to have a policy that ...", "Would be nice if the operator shipped
// a NetworkPolicy: ...". The words up to the verb before the policy are
// framing; the policy and what it does are the request. A wish with a
// value before the policy ("if app=web had ...") is left alone.
func (p *parser) dismissWish() {
	for i := range p.toks {
		k := i
		switch {
		case p.is(k, "it") && p.is(k+1, "would") && p.is(k+2, "be"):
			k += 3
		case p.is(k, "it'd", "would", "that'd") && p.is(k+1, "be"):
			k += 2
		default:
			continue
		}
		if p.taken(i) || !wishAdjectives[p.word(k)] {
			continue
		}
		k++
		switch {
		case p.is(k, "to") && p.is(k+1, "have", "get", "add", "see"):
			k += 2
		case p.is(k, "if"):
			// "if the chart had", "if the helm chart could add"
			v := -1
			for j := k + 1; j < len(p.toks) && j <= k+6 && p.toks[j].kind == tWord && !p.taken(j); j++ {
				if haveVerbs[p.word(j)] {
					v = j
					break
				}
			}
			if v < 0 {
				continue
			}
			k = v + 1
			for p.is(k, "with", "add", "have", "ship", "provide", "include") {
				k++ // "came with", "could add", "would have"
			}
		default:
			continue
		}
		// the policy must follow: "an (optional) NetworkPolicy", "a policy"
		j := k
		for determiners[p.word(j)] || p.is(j, "optional", "built-in", "builtin", "default", "simple", "basic", "network", "cilium", "kubernetes") {
			j++
		}
		if !policyNouns[p.word(j)] {
			continue
		}
		p.take(i, k, "framing")
	}
}

// dismissFraming dismisses the words of a clause that only frame the
// request, and the heading before a colon ("Nginx hardening: ..."), whose
// words are no names.
func (p *parser) dismissFraming() {
	for _, f := range framings {
		for p.claimPhrase("framing", f...) != nil {
		}
	}
	p.dismissWish()
	p.dismissAuthoring()
	// "[dev-v2.10] Add ...", "[chart/redis-ha][BUG] ...": the tags a
	// ticket's title opens with, in square brackets, of a word no namespace
	// or pod name can be (a version, a chart's path). A tag that may be a
	// namespace ("[shop]") is asked about (titleNamespace).
	if len(p.all) > 0 && len(p.toks) > 0 && p.toks[0].start == p.all[0].start {
		for k := 0; p.is(k, "(") && p.toks[k].raw == "[" && p.is(k+2, ")") && ticketTag(p.toks[k+1]); k += 3 {
			p.take(k, k+3, "ticket-tag")
		}
	}
	if k := titleSaidAgainEnd(p.toks); k > 0 {
		p.take(0, k+1, "heading-said-again")
	}
	// "Targets only pods labeled app=web", "selects only the app=db pods":
	// "only" narrows which pods the policy selects, the way the verb does;
	// it is no "only" of peers or traffic.
	for i := range p.toks {
		if p.is(i, "only") && !p.taken(i) && selectVerbs[p.word(i-1)] && (p.tok(i+1) != nil && p.toks[i+1].kind == tLabel || p.is(i+1, "the", "those", "these", "pods", "pod", "workloads", "endpoints")) {
			p.take(i, i+1, "selection-only")
		}
	}
	// "from any source, i.e. every user and every workload": words after
	// "i.e." with no value say again what came before.
	for i := range p.toks {
		if !p.is(i, "i.e.", "i.e", "ie", "namely") || p.taken(i) && p.claim[i] != "framing" {
			continue
		}
		j := i + 1
		for j < len(p.toks) && !p.is(j, ";", ".", ":", "-") && !(p.is(j, ",") && j > i+1) && (p.toks[j].kind == tWord || p.is(j, ",")) && !meaningful(p.toks[j]) {
			j++
		}
		if j > i+1 && (j == len(p.toks) || p.is(j, ";", ".", ",", ":", "-")) {
			p.take(i, j, "restates")
		}
	}
	// "should only reach the hosts a claude session needs, i.e.
	// api.anthropic.com, github.com ...": the hosts described, then named
	// by the values after "i.e."; the description names nothing.
	for i := range p.toks {
		if !p.is(i, "i.e.", "i.e", "ie", "namely") || p.tok(i+1) == nil || p.toks[i+1].kind != tDomain && p.toks[i+1].kind != tCIDR {
			continue
		}
		e := i
		if p.is(e-1, ",") {
			e--
		}
		for k := e - 1; k >= 0 && k >= e-8; k-- {
			if p.is(k, "hosts", "domains", "endpoints", "destinations", "sites", "servers", "addresses") && k+1 < e {
				p.take(k, i+1, "describes-values")
				break
			}
			if p.taken(k) || p.toks[k].kind != tWord || p.treeHasWorkload(p.word(k)) || meaningful(p.toks[k]) && !p.is(k, "needs", "need", "uses", "use", "calls", "call") {
				break
			}
		}
	}
	// "from our backup server at 192.168.5.10, which sits outside the
	// cluster on the same private network": words of where an address is,
	// with no value, describe it.
	for i, t := range p.toks {
		if t.kind != tCIDR && t.kind != tDomain || !p.is(i+1, ",") || !p.is(i+2, "which", "that", "who") ||
			!p.is(i+3, "sits", "sit", "is", "are", "lives", "live", "resides", "reside", "stands", "lies", "runs", "run") {
			continue
		}
		j := i + 4
		for j < len(p.toks) && !p.is(j, ";", ".", ",", ":", "-", "(", ")") && p.toks[j].kind == tWord && !p.taken(j) &&
			(!meaningful(p.toks[j]) || p.is(j, "outside", "cluster", "same", "external", "internet", "world")) && !reachVerbs[p.word(j)] && !receiveVerbs[p.word(j)] &&
			!disapprovalWords[p.word(j)] { // ", which is wrong" judges the traffic (judged2)
			j++
		}
		if j > i+4 && (j == len(p.toks) || p.is(j, ";", ".")) {
			p.take(i+1, j, "describes-address")
		}
	}
	// "0.0.0.0/0 except 10.0.0.0/8, 169.254.0.0/16, so no RFC1918 or
	// cloud metadata": the kinds of address the exceptions just named.
	for i := range p.toks {
		if i == 0 || p.toks[i-1].kind != tCIDR || !p.is(i, ",") || !p.is(i+1, "so") || !p.is(i+2, "no", "not", "never") || !p.exceptsAddresses(i) {
			continue
		}
		k, named := i+3, false
		for k < len(p.toks) && !p.taken(k) && (addressKinds[p.word(k)] || p.is(k, ",", "or", "and", "our", "the", "any")) {
			named = named || addressKinds[p.word(k)]
			k++
		}
		if named && (k == len(p.toks) || p.is(k, ".", ";")) {
			p.take(i+1, k, "exceptions-named")
		}
	}
	// "pods in openshift-dns that listen on 5353, not 53": the port said,
	// then one it is not; no rule is about the second, so it changes
	// nothing (not after a range: "ports 8000-9000, not 8080" is an
	// exception).
	for i := range p.toks {
		if e := notThisPort(p.toks, i); e > 0 && !p.taken(i) && !p.taken(i+1) {
			p.take(i, e, "not-this-port")
		}
	}
	// "to 0.0.0.0/0 except 169.254.169.254/32, the cloud metadata
	// endpoint.": a noun phrase after an address, ending the sentence,
	// with no value or word of meaning, says what the address is.
	for i, t := range p.toks {
		if t.kind != tCIDR && t.kind != tDomain || !p.is(i+1, ",") || !p.is(i+2, "the", "a", "an", "our", "their", "its") {
			continue
		}
		j := i + 3
		for j < len(p.toks) && p.toks[j].kind == tWord && !p.taken(j) && !meaningful(p.toks[j]) && !reachVerbs[p.word(j)] && !receiveVerbs[p.word(j)] &&
			(!podNouns[p.word(j)] || p.is(j, addressEndNouns...)) && !namespaceWords[p.word(j)] && !p.treeHasWorkload(p.word(j)) && !p.opts.AssumeAppLabel && entityWord(p.word(j)) == "" && !prepositions[p.word(j)] && !p.is(j, "that", "which", "who", "where", "and", "or", "but") {
			j++
		}
		// "... endpoint that an attacker reaches for first": what is
		// said of it, with no value, pods, namespace or word of meaning.
		if j == i+3 || !p.is(j-1, addressEndNouns...) {
			continue
		}
		if p.is(j, "that", "which") {
			k := j + 1
			for k < len(p.toks) && p.toks[k].kind == tWord && !p.taken(k) && !meaningful(p.toks[k]) && !podNouns[p.word(k)] && !namespaceWords[p.word(k)] &&
				!p.is(k, "only", "just", "not", "never", "no") && !negationWords[p.word(k)] {
				k++
			}
			// (with nothing after "that", the rest was a reason, dismissed)
			if k == len(p.toks) || p.is(k, ".", ";") {
				j = k
			}
		}
		if j == len(p.toks) || p.is(j, ".", ";") {
			p.take(i+1, j, "describes-address")
		}
	}
	// "across the entire cluster, regardless of which node or namespace
	// they land on": with the cluster as the scope, where the pods run
	// changes nothing.
	if p.mentions("cluster", "cluster-wide", "clusterwide") {
		for i := range p.toks {
			if !p.phraseAt(i, "regardless", "of") || !p.is(i+2, "which", "what", "the") {
				continue
			}
			k := i + 3
			for p.is(k, "node", "nodes", "namespace", "namespaces", "or", "and") && !p.taken(k) {
				k++
			}
			if k == i+3 || !p.is(k, "they", "it") || !p.is(k+1, "land", "lands", "run", "runs", "are", "is", "live", "lives", "end", "ends", "get", "gets") {
				continue
			}
			k += 2
			if p.is(k, "up") {
				k++
			}
			if p.is(k, "on", "in") {
				k++
			}
			if k == len(p.toks) || p.toks[k].kind == tPunct {
				p.take(i, k, "anywhere-in-scope")
			}
		}
	}
	// "instead of copying the same policy into every namespace, make it
	// clusterwide": the way the request replaces, up to the comma, when
	// its verb is none of a policy's (not "instead of blocking it, ...").
	for i := range p.toks {
		w := p.word(i + 2)
		if !p.phraseAt(i, "instead", "of") || p.taken(i) || !strings.HasSuffix(w, "ing") || denyWords[w] || allowWords[w] || auditWords[w] || isolateWords[w] ||
			reachVerbs[w] || receiveVerbs[w] || processVerbs[w] || fileVerbs[w] || actionVerbs[strings.TrimSuffix(w, "ing")] {
			continue
		}
		k := i + 3
		for k < len(p.toks) && p.toks[k].kind == tWord && !negationWords[p.word(k)] && !p.is(k, "only", "except", "but", "instead") {
			k++
		}
		if p.is(k, ",") {
			p.take(i, k+1, "replaced-way")
		}
	}
	// "we want to know if files start disappearing again: alert on ...":
	// what the audit after the colon is for; "if" is "whether" here, no
	// condition. Words alone, no value, up to the colon.
	if p.indexAny(auditWords) >= 0 {
		for i := range p.toks {
			if !p.is(i, "know", "see", "notice", "learn", "find") || !p.is(i+1, "if", "whether") || p.taken(i+1) {
				continue
			}
			k := i + 2
			for k < len(p.toks) && p.toks[k].kind == tWord && !p.taken(k) && !meaningful(p.toks[k]) && !knownExecutables[p.word(k)] && !auditWords[p.word(k)] && !denyWords[p.word(k)] && !allowWords[p.word(k)] {
				k++
			}
			if k > i+2 && p.is(k, ":") {
				p.take(i, k+1, "audit-purpose")
			}
		}
	}
	// "cluster-wide, always allow traffic from the host": what is allowed is
	// allowed every time; "always" adds nothing to it.
	for i := range p.toks {
		if p.is(i, "always") && !p.taken(i) && p.is(i+1, "allow", "let", "permit", "accept", "allowed", "permitted", "accepted") {
			p.take(i, i+1, "always-allowed")
		}
	}
	// "Across namespaces: ...": the values say which namespaces.
	if p.is(0, "across") && p.is(1, "namespaces", "namespace") && p.is(2, ":", ",", "-") {
		p.take(0, 3, "heading")
	}
	// "Cluster baseline, applies to every pod in the cluster: ...",
	// "Global egress guardrails: every pod in all namespaces may ...": a
	// title of the cluster's standing rules whose scope the rule says again.
	if k := scopeTitleEnd(p.toks); k > 0 && clusterSaid(p.toks[k:]) {
		p.take(0, k+1, "heading")
	}
	// "Scenario 2: ...", "Step 3 -", "Micro-segmentation, pattern 3:":
	// where the request stands in a series, after the topic of the series.
	// ("Policy 2, deny-egress for the media namespace: ..." names the
	// policy after the comma, which the rule of policy names reads;
	// "Policy 4, network restriction: ..." gives a title, which the rule
	// of headings below reads.)
	if k := seriesNumberEnd(p.toks); k > 0 && p.is(k, ":", "-", ",", ".") && !(p.is(k-2, "policy") && p.is(k, ",") && p.tok(k+1) != nil && strings.Contains(p.toks[k+1].low, "-")) {
		p.take(0, k+1, "heading")
	}
	// "Phase 2 is hostname allowlisting instead of the CIDR list: ...": the
	// step of a series, opening a heading.
	if p.is(0, "phase", "stage", "step", "part") && p.tok(1) != nil && p.toks[1].kind == tNumber && p.is(2, "is", "was", "will") && slices.ContainsFunc(p.toks[3:], func(t token) bool { return t.low == ":" }) {
		p.take(0, 2, "heading")
	}
	// "CIS 4.1.14 (collect successful file system mounts): ...": the
	// control of a guideline the request follows, and its title.
	if k := citedControlEnd(p.toks); k > 0 {
		p.take(0, k+1, "citation")
	}
	// "Per the SLES 15 STIG, ...", "According to CIS 5.1.2, ...": the
	// guideline the request follows, its version or section a number of it.
	if k := citationEnd(p.toks); k > 0 {
		p.take(0, k+1, "citation")
	}
	// "Cron persistence (T1053.003):", "TRC-1027": ids cited for the reader.
	for i, t := range p.toks {
		if techniqueRE.MatchString(t.raw) && !p.taken(i) {
			p.take(i, i+1, "technique-id")
		}
	}
	// "on our DOKS cluster", "in the production cluster": where, not what.
	// Not after pods ("the pods running in our EKS cluster can't ..."): it
	// says which pods, all of the cluster's; dismissed, the scope would
	// fall back to one namespace.
	for i := range p.toks {
		if !p.is(i, "on", "in", "for", "across") || !p.is(i+1, "our", "my", "the", "this", "a", "your") {
			continue
		}
		if b := i - 1; podNouns[p.word(b)] || p.is(b, "running", "run", "runs", "living", "deployed", "scheduled") && (podNouns[p.word(b-1)] || p.is(b-1, "that", "which") && podNouns[p.word(b-2)]) {
			continue
		}
		for n := 1; n <= 2; n++ {
			k := i + 2 + n
			if p.is(k, "cluster", "clusters") && p.nameWord(i+2) && (n == 1 || p.nameWord(i+3)) {
				p.take(i, k+1, "cluster-context")
				break
			}
		}
	}
	// "a NetworkPolicy named np", "policy deny-out": the policy's own name.
	for i := range p.toks {
		if !policyNouns[p.word(i)] || p.taken(i) {
			continue
		}
		k := i + 1
		// "Policy 2, deny-kube-apiserver-egress for the media namespace":
		// the policy's number in a list, then its name.
		if t := p.tok(k); t != nil && t.kind == tNumber && p.is(k+1, ",") && p.tok(k+2) != nil && strings.Contains(p.toks[k+2].low, "-") {
			k += 2
		}
		if p.is(k, "named", "called") {
			k++
		} else if !(p.tok(k) != nil && p.toks[k].kind == tWord && strings.Contains(p.toks[k].low, "-") && !p.is(k+1, "pod", "pods")) && !(p.is(i, "networkpolicy", "networkpolicies") && p.tok(k) != nil && p.nameWord(k) && p.is(k+1, "in", "for", "that", "which", ",", ":", "-")) {
			continue
		}
		if t := p.tok(k); t != nil && t.kind == tWord && (p.nameWord(k) || strings.Contains(t.low, "-")) {
			p.take(i, k+1, "policy-name")
		}
	}
	// "backend policy: ...", "allow-read: ...", "readFlightsRule: ...": the
	// policy's name as a heading.
	if k := 1; p.is(k, "policy", "netpol", "networkpolicy") && p.is(k+1, ":") && p.tok(0) != nil && p.toks[0].kind == tWord && !p.taken(0) {
		p.take(0, k+2, "policy-name")
	} else if p.is(1, ":") && p.tok(0) != nil && p.toks[0].kind == tWord && (strings.Count(p.toks[0].low, "-") >= 1 || camelCase(p.toks[0].raw)) && !scopeWords[p.word(0)] && !meaningful(p.toks[0]) && !p.treeHasWorkload(p.word(0)) && !p.treeNamespace(p.word(0)) && !p.is(2, "(") {
		p.take(0, 2, "policy-name")
	}
	// A heading: words and a colon before a statement ("Nginx hardening:
	// block ..."); its words are no names. Scope words in it stay. ("a
	// service mesh" names no pods.)
	for i, t := range p.toks {
		if t.low != ":" || i == 0 || i > 16 {
			continue
		}
		heading, after := true, false
		for k := 0; k < i; k++ {
			w := p.toks[k]
			if p.claim[k] == "heading" {
				continue // "Phase 2"
			}
			// "Policy 4, not yet: block ...": a title that holds the rule back.
			if w.kind != tWord && w.kind != tPunct || namespaceWords[w.low] || podNouns[w.low] && k > 0 && !p.is(k-1, "the", "our") && !p.is(k+1, "mesh") && !p.imagined(k) || isolateWords[w.low] || w.low == "(" || w.low == "in" && !policyIn(p.toks[k+1:i]) ||
				heldBackWords[w.low] {
				heading = false
			}
		}
		// The direction may be said again in a later clause ("...; all
		// other outbound connections are blocked").
		if !directionSaidAgain(p.toks[:i], p.after(t.end)) {
			heading = false
		}
		for _, w := range p.toks[i+1:] {
			after = after || denyWords[w.low] || allowWords[w.low] || auditWords[w.low] || isolateWords[w.low] || w.low == "only" || ingressWords[w.low] || egressWords[w.low]
		}
		// "Allow DNS and the internet: pods labeled app=web may reach ...":
		// a peer the heading names and the statement does not name again
		// would be lost with it; the heading is read, or asked about.
		for k := 0; k < i; k++ {
			if key := headingPeer(p.toks, k); key != "" && !p.peerAfter(i+1, key) {
				heading = false
			}
			// "Allow checkout too: ...": a heading that is an allow names
			// what it allows; the statement must say it again (see
			// summarizes), or it is read or asked about. ("Stop the
			// Grafana traversal: block ..." is the deny's goal.)
			if (k == 0 || p.claim[k-1] == "heading") && p.claim[k] != "heading" && allowWords[p.word(k)] && !(k > 0 && allowTitleSaidAgain(p.toks[k+1:i], p.toks[i+1:])) {
				heading = false
			}
		}
		if heading && after {
			for k := 0; k <= i; k++ {
				// "No ipBlock for node IPs, use the entity selectors: ...":
				// a scope word before a noun of addresses names a kind of
				// address, no scope.
				if !scopeWords[p.word(k)] && !(p.is(k, "level") && p.is(k-1, "cluster")) || scopeWords[p.word(k)] && cidrNouns[p.word(k+1)] {
					p.take(k, k+1, "heading")
				}
			}
		}
		break
	}
}

// docNouns are what people read to learn: "as you can read in the
// runbook", "read the docs first".
var docNouns = set("docs", "doc", "documentation", "runbook", "runbooks", "readme", "guide", "manual", "wiki", "handbook", "playbook", "article", "blog", "tutorial", "post", "page")

// dismissAuthoring sets aside "write" of writing the policy ("Write a
// policy to block ...", "How do I write a KubeArmor policy that blocks
// ...") and "read" of reading the docs ("As you can read in the runbook,
// block ..."): read as the file words, a process rule became a rule of
// writes or of every access.
func (p *parser) dismissAuthoring() {
	for i := range p.toks {
		if p.taken(i) {
			continue
		}
		if p.is(i, "write", "writing", "draft", "drafting") || authoringVerbs[p.word(i)] && p.opensClause(i) {
			j := i + 1
			for authoredWords[p.word(j)] {
				j++
			}
			named := slices.ContainsFunc(p.toks[i+1:j], func(t token) bool { return policyKindWords[t.low] })
			if j > i+1 && (policyNouns[p.word(j)] || named || p.is(j, "audit") && p.is(j+1, "for", "of", "on", "rule")) || p.is(j, "rules", "manifest", "manifests", "yaml") {
				// "change the policy file /etc/x": a file of that name
				if !p.is(j+1, "file", "files", "directory", "folder") && !(p.tok(j+1) != nil && p.toks[j+1].kind == tPath) {
					p.take(i, i+1, "framing")
				}
			}
			if authoringVerbs[p.word(i)] && !p.taken(i) && p.changedSoThat(i) {
				p.take(i, i+1, "framing")
			}
		}
		if p.is(i, "read", "reading") && (i == 0 || p.is(i-1, "can", "could", "to", "you", "we", "please", "first", ",") || p.is(i+1, "in", "through", "up")) {
			j := i + 1
			for p.is(j, "in", "the", "our", "this", "that", "your", "through", "up", "on") {
				j++
			}
			if docNouns[p.word(j)] {
				p.take(i, j+1, "framing")
			}
		}
	}
}

// authoringVerbs make or change the policy, or the pods, when they open the
// request: "Create a KubeArmorPolicy that audits reads of /etc/passwd",
// "Edit the policy so it blocks access to /etc/shadow", "Please create an
// audit for access to /etc/shadow", "Change the pods app=db so that they
// cannot read /etc/shadow". Read as the file words (writeWords), they made
// the rule one of writes alone (finder 5's S1): reads went unaudited, and
// "cannot read" left reading allowed. ("write" and "draft" are read
// anywhere, above.)
var authoringVerbs = set("create", "creating", "edit", "editing", "change", "changing", "modify", "update", "updating", "write", "writing")

// authoredWords stand between an authoring verb and the policy it makes:
// "Write a KubeArmorClusterPolicy", "Create a new KubeArmor policy".
var authoredWords = set("a", "an", "the", "me", "us", "my", "our", "this", "that", "new", "existing", "current", "kubearmor", "cilium", "network", "security", "k8s",
	"kubernetes", "ciliumnetworkpolicy", "kubearmorpolicy", "kubearmorclusterpolicy", "kubearmorhostpolicy", "ciliumclusterwidenetworkpolicy", "cluster", "host")

// policyKindWords name a kind of policy by itself: "Write a
// KubeArmorPolicy that blocks ...".
var policyKindWords = set("networkpolicy", "ciliumnetworkpolicy", "kubearmorpolicy", "kubearmorclusterpolicy", "kubearmorhostpolicy", "ciliumclusterwidenetworkpolicy")

// authoringOpeners may stand before an authoring verb that opens the
// request: "Please create ...", "Now edit ...".
var authoringOpeners = set("please", "pls", "plz", "kindly", "now", "then", "so")

// opensClause reports whether the word at i opens its clause: nothing
// before it but framing ("I want you to"), politeness or punctuation.
func (p *parser) opensClause(i int) bool {
	for k := 0; k < i; k++ {
		if p.claim[k] != "framing" && !authoringOpeners[p.word(k)] && p.toks[k].kind != tPunct {
			return false
		}
	}
	return true
}

// changedSoThat reports whether the authoring verb at i changes the pods
// or the policy so that the rule holds: "Change the pods app=db so that
// they cannot read /etc/shadow", "Update the deployment such that ...". The
// object runs to "so" or "such that" with no path and no verdict in it.
func (p *parser) changedSoThat(i int) bool {
	for k := i + 1; k < len(p.toks) && k <= i+8; k++ {
		if p.is(k, "so") || p.is(k, "such") && p.is(k+1, "that") {
			return k > i+1
		}
		if p.toks[k].kind == tPath || denyWords[p.word(k)] || allowWords[p.word(k)] || auditWords[p.word(k)] || fileVerbs[p.word(k)] || processVerbs[p.word(k)] {
			return false
		}
	}
	return false
}

// ticketTag reports whether t, alone in square brackets, can only tag a
// ticket: a word with a dot or a slash ("dev-v2.10", "chart/redis-ha"),
// which names no namespace, label or path, or a word that titles ("BUG",
// "Feature"; not "WIP" or "draft", which hold the request back, see
// statusWords).
func ticketTag(t token) bool {
	return t.kind == tWord && (strings.ContainsAny(t.low, "./") && !strings.HasPrefix(t.low, "/") && !strings.ContainsAny(t.low, "=:") || titleWords[t.low] && !statusWords[t.low])
}

// sceneVerbs open a heading that only sets a scene: "Imagine a retail app
// on AKS: ...", "Picture a bank on GKE -".
var sceneVerbs = set("imagine", "picture", "suppose", "consider", "assume", "envision", "pretend")

// imagined reports whether the word at k is a noun of an indefinite phrase
// in a scene that a sceneVerbs opens ("Imagine a retail app on AKS"): it
// names no pods of the cluster. ("Imagine the web pods ..." names some.)
func (p *parser) imagined(k int) bool {
	if !sceneVerbs[p.word(0)] {
		return false
	}
	for j := k - 1; j > 0; j-- {
		if p.is(j, "a", "an") {
			return true
		}
		if p.toks[j].kind != tWord || determiners[p.word(j)] || prepositions[p.word(j)] || coordinators[p.word(j)] {
			return false
		}
	}
	return false
}
