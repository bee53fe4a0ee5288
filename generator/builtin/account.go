package builtin

import (
	"fmt"
	"regexp"
	"slices"
	"strings"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/util/validation"

	"github.com/kunerva/kunerva/generator"
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
			(!meaningful(p.toks[j]) || p.is(j, "outside", "cluster", "same", "external", "internet", "world")) && !reachVerbs[p.word(j)] && !receiveVerbs[p.word(j)] {
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
			if w.kind != tWord && w.kind != tPunct || namespaceWords[w.low] || podNouns[w.low] && k > 0 && !p.is(k-1, "the", "our") && !p.is(k+1, "mesh") || isolateWords[w.low] || w.low == "(" || w.low == "in" && !policyIn(p.toks[k+1:i]) ||
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

// heldBackWords in a title hold back the rule after it: "Policy 4, not
// yet:", "Rule 2 (disabled):", "Later:".
var heldBackWords = set("yet", "later", "disabled", "inactive", "paused", "postponed", "deferred", "pending", "someday", "eventually")

// genericTitleWords are the generic words of a title, which need not be said
// again: "Network Block All Ingress Traffic To Namespace:".
var genericTitleWords = set("network", "networking", "traffic", "policy", "policies", "rule", "rules", "netpol", "netpols", "networkpolicy", "cnp", "ksp")

// titleSaidAgainEnd returns where a title that opens the request ends (at
// its colon), when the rule after the colon says each of its words again,
// or 0: "Network Block All Ingress Traffic To Namespace: block all ingress
// traffic to the pods in namespace legacy", "Egress to the API: the
// app=web pods may reach the app=api pods on 8080". Dismissed, nothing of
// it is lost; a word only the title says ("Only DNS:", "Web servers:",
// "Audit:") keeps it read, or asked about.
func titleSaidAgainEnd(toks []token) int {
	i := slices.IndexFunc(toks, func(t token) bool { return t.low == ":" })
	if i < 1 || i > 10 {
		return 0
	}
	rule := toks[i+1 : sentenceEnd(toks, i+1)]
	said := 0
	for k, t := range toks[:i] {
		w := t.low
		if t.kind != tWord || k > 0 && toks[k-1].end != t.start-1 {
			return 0 // a value, a part's number, or words not spaced like a title
		}
		if fillerWords[w] || determiners[w] && !wholeWords[w] || prepositions[w] || genericTitleWords[w] {
			continue
		}
		if !slices.ContainsFunc(rule, func(u token) bool {
			return u.low == w || u.low == w+"s" || u.low+"s" == w || u.kind == tLabel && strings.HasSuffix(u.low, "="+w) || sameWordClass(w, u.low)
		}) {
			return 0
		}
		said++
	}
	if said == 0 {
		return 0
	}
	return i
}

// wholeWords say how much a title's rule covers ("Block all:"): the rule
// after the colon must say them again.
var wholeWords = set("all", "any", "every", "each")

// sameWordClass reports whether a title's word w is said again by the
// rule's word u of the same class: "Deny all. ... block all ingress
// traffic", "Inbound to the cache: ... accept ingress". A negation is
// said again only as itself.
func sameWordClass(w, u string) bool {
	if negationWords[w] || negationWords[u] {
		return false
	}
	for _, class := range []map[string]bool{denyWords, allowWords, auditWords, ingressWords, egressWords} {
		if class[w] && class[u] {
			return true
		}
	}
	return false
}

// allowTitleSaidAgain reports whether every name of an allow after the
// number of a part ("Policy 1, allow frontend to communicate with backend:
// ... the app=frontend pods may only send to the app=backend pods") is
// said again by the rule after the colon, as a word, a peer or a label's
// value; what only the title names ("allow checkout too") would be lost.
func allowTitleSaidAgain(title, rule []token) bool {
	for k, t := range title {
		w := t.low
		if t.kind != tWord && t.kind != tPunct || t.kind == tPunct && w != "," {
			return false
		}
		if t.kind == tPunct || fillerWords[w] || determiners[w] || prepositions[w] || coordinators[w] || scopeWords[w] || reachVerbs[w] || receiveVerbs[w] {
			continue
		}
		if key := headingPeer(title, k); key != "" && slices.ContainsFunc(rule, func(u token) bool { return headingPeer([]token{u}, 0) == key }) {
			continue
		}
		if !slices.ContainsFunc(rule, func(u token) bool {
			return u.low == w || u.kind == tLabel && strings.HasSuffix(u.low, "="+w)
		}) {
			return false
		}
	}
	return true
}

// everyScope reports whether the word at k is a noun of pods or
// namespaces in a scope of everything: "all namespaces and pods", "every
// pod".
func everyScope(toks []token, k int) bool {
	if !namespaceWords[toks[k].low] && !podNouns[toks[k].low] {
		return false
	}
	for j := k - 1; j >= 0; j-- {
		w := toks[j].low
		switch {
		case w == "all" || w == "every":
			return true
		case w == "and" || w == "," || namespaceWords[w] || podNouns[w]:
		default:
			return false
		}
	}
	return false
}

// clusterSaid reports whether rules say that they are for the whole
// cluster: "every pod in the cluster", "in all namespaces",
// "cluster-wide". ("the app=web pods in the cluster" names peers.)
func clusterSaid(toks []token) bool {
	for n, t := range toks {
		w := t.low
		every := w == "all" || w == "every"
		if w == "cluster-wide" || w == "clusterwide" || every && n+1 < len(toks) && namespaceWords[toks[n+1].low] ||
			every && n+4 < len(toks) && podNouns[toks[n+1].low] && toks[n+2].low == "in" && toks[n+3].low == "the" && toks[n+4].low == "cluster" {
			return true
		}
	}
	return false
}

// policyIn reports whether the words after "in" in a heading name the
// policies being written, not a place: "Add metrics port to allow ingress
// traffic in the netpols: ...", "Open 9090 in our Cilium policy: ...".
func policyIn(rest []token) bool {
	k := 0
	for k < len(rest) && (determiners[rest[k].low] || toolWords[rest[k].low]) {
		k++
	}
	return k < len(rest) && policyNouns[rest[k].low] && (k+1 == len(rest) || rest[k+1].kind == tPunct)
}

// directionSaidAgain reports whether a direction a heading names
// ("ingress", "outbound") the statement after it names again, and the
// heading holds no verdict of its own: "Zero-trust egress without a
// service mesh: app=my-api may only call api.stripe.com ...; all other
// outbound connections are blocked." A heading with no direction word
// passes; "Deny egress: ..." or "Egress: app=web may receive from ..."
// do not.
func directionSaidAgain(heading, after []token) bool {
	has := func(toks []token, words map[string]bool) bool {
		return slices.ContainsFunc(toks, func(t token) bool { return words[t.low] })
	}
	in, out := has(heading, ingressWords), has(heading, egressWords)
	if !in && !out {
		return true
	}
	// "... to allow ingress traffic in the netpols: the app=x pods should
	// accept TCP 8080": an allow the statement says again, as an allow
	// with no deny beside it.
	allowAgain := (has(after, allowWords) || has(after, receiveVerbs)) && !has(after, denyWords) && !has(after, negationWords) && !has(after, isolateWords)
	verdict := slices.ContainsFunc(heading, func(t token) bool {
		return denyWords[t.low] || allowWords[t.low] && !allowAgain || auditWords[t.low] || isolateWords[t.low] || negationWords[t.low] || t.low == "only" || t.low == "default" || t.low == "except" || t.low == "but"
	})
	// Pods that accept or receive traffic say ingress again.
	return !verdict && (!in || has(after, ingressWords) || has(after, receiveVerbs)) && (!out || has(after, egressWords))
}

// headingPeer is the peer the word at k names, as a heading names it: the
// world for "internet", "anywhere"; the API server for "kube-apiserver" or
// "API server"; the cluster DNS for "DNS", "CoreDNS"; or "" for no peer.
// Scope words ("cluster", "nodes") keep their meaning in a heading anyway.
func headingPeer(toks []token, k int) string {
	if k < 0 || k >= len(toks) || toks[k].kind != tWord && toks[k].kind != tCIDR || scopeWords[toks[k].low] {
		return ""
	}
	w := toks[k].low
	switch {
	case w == "0.0.0.0/0":
		return "world"
	case w == "api" && k+1 < len(toks) && toks[k+1].low == "server", w == "server" && k > 0 && toks[k-1].low == "api",
		// "the Kubernetes API", "the k8s API"
		w == "api" && k > 0 && (toks[k-1].low == "kubernetes" || toks[k-1].low == "k8s" || toks[k-1].low == "kube"):
		return "kube-apiserver"
	case w == "dns" || w == "kube-dns" || w == "coredns":
		return "dns"
	case titlePeers[w] && entityWord(w) == "":
		return "world"
	}
	return entityWord(w)
}

// peerAfter reports whether a token from i on names the peer key of
// headingPeer.
func (p *parser) peerAfter(i int, key string) bool {
	for k := i; k < len(p.toks); k++ {
		if headingPeer(p.toks, k) == key {
			return true
		}
	}
	return false
}

// purposeEnd is the end of the words from i that say what something is
// for, up to a comma, a full stop or a dash: words alone, and brackets of
// words; or i if they name pods, namespaces, values or exceptions.
func (p *parser) purposeEnd(i int) int {
	j, depth := i, 0
	for ; j < len(p.toks); j++ {
		t := p.toks[j]
		switch {
		case t.low == "(":
			depth++
		case t.low == ")":
			depth--
			if depth < 0 {
				return i
			}
		case t.kind == tPunct && depth == 0:
			if j > i && depth == 0 {
				return j
			}
			return i
		case t.kind == tPunct:
		case t.kind != tWord || podNouns[t.low] || namespaceWords[t.low] || t.low == "only" || t.low == "except" || t.low == "not" || t.low == "dns" ||
			denyWords[t.low] || allowWords[t.low] || auditWords[t.low] || ingressWords[t.low] || egressWords[t.low] || entityWord(t.low) != "":
			return i
		}
	}
	if depth != 0 {
		return i
	}
	return j
}

// dismissValueNames dismisses a few words in brackets after a port or an
// address that say what it is: "9187 (the exporter)", "10.10.0.5 on 443
// (private service connect)".
func (p *parser) dismissValueNames() {
	for i := 1; i < len(p.toks); i++ {
		if k := p.toks[i-1].kind; !p.is(i, "(") || p.taken(i) || !(k == tNumber || k == tPortProto || k == tCIDR || k == tDomain) {
			continue
		}
		if j := p.valueNameEnd(i + 1); j > i+1 {
			p.take(i, j+1, "names-the-value")
			i = j
		}
	}
}

// formRemarkEnd is the index of the ")" that closes, from i after "(use",
// a remark on the form of the rule: "the cluster entity, not CIDRs",
// "entity selectors rather than ipBlocks"; or -1.
func (p *parser) formRemarkEnd(i int) int {
	form := false
	for j := i; j < len(p.toks) && j < i+10; j++ {
		switch w := p.word(j); {
		case w == ")":
			if form {
				return j
			}
			return -1
		case w == "entity" || w == "entities" || w == "selector" || w == "selectors" || w == "fqdn" || w == "fqdns":
			form = true
		case w == "the" || w == "a" || w == "an" || w == "," || w == "not" || w == "rather" || w == "than" || w == "instead" || w == "of" || w == "no" ||
			w == "cidrs" || w == "cidr" || w == "ips" || w == "ipblocks" || w == "ipblock" || w == "addresses" || w == "cluster" || w == "world" || w == "host" ||
			w == "kube-apiserver" || w == "remote-node" || w == "endpoint" || w == "dns" || w == "names" || w == "name":
		default:
			return -1
		}
	}
	return -1
}

// valueNameEnd is the index of the ")" that closes, after at most five
// words from i, a name for the value before the bracket; or i when the
// words could change what the rule means: a value, pods or namespaces, a
// protocol, an entity, a word of scope or exception, a verdict, a
// direction, a preposition that would make a peer.
func (p *parser) valueNameEnd(i int) int {
	for j := i; j < len(p.toks) && j < i+6; j++ {
		t := p.toks[j]
		w := t.low
		switch {
		case w == ")":
			return j
		case t.kind != tWord || podNouns[w] && w != "service" || namespaceWords[w] || protocolWords[w] || entityWord(w) != "" || scopeWords[w] || meaningful(t) ||
			prepositions[w] || determiners[w] && w != "the" && w != "a" && w != "an" || w == "only" || w == "except" || w == "not" || w == "dns" || w == "other" || w == "else" ||
			allowWords[w] || ingressWords[w] || egressWords[w]:
			return i
		}
	}
	return i
}

// guidelineWords name a hardening guideline or standard a request cites.
var guidelineWords = set("stig", "cis", "nist", "benchmark", "pci-dss", "pci", "hipaa", "fedramp", "disa", "iso", "soc2", "guideline", "guidelines", "baseline")

// namespaceLockedDown asks about a lockdown said of a namespace before the
// rule of labeled pods that follows it: "Lock down egress in the payments
// namespace, and in it let app=api reach app=db on 5432", "Lock down
// egress for namespace shop: the app=web pods may only talk to app=db".
// The lockdown is every pod's of the namespace, or the pods' allow-list:
// read as the second, the namespace's lockdown was lost. Not "Lock down
// egress of the app=api pods in namespace payments: ..." (the pods first).
func (p *parser) namespaceLockedDown(in *generator.Intent) string {
	if in.Subject.Scope != generator.ScopePods || in.Subject.Pods == nil || len(in.Network) == 0 ||
		slices.ContainsFunc(in.Network, func(r generator.NetworkRule) bool { return r.Verdict == generator.Deny }) {
		return ""
	}
	// "(simulates datacenter rack isolation), a policy in namespace
	// ml-demo: ...": a lockdown word in an aside locks nothing down.
	lock := -1
	for k, c := range p.claim {
		if (c == "default-deny" || c == "allow-list-by-lockdown" || c == "allow-list-by-isolation") && !p.bracketed(k) {
			lock = k
			break
		}
	}
	if lock < 0 {
		return ""
	}
	for k := lock + 1; k < len(p.toks); k++ {
		switch p.claim[k] {
		case "endpoint":
			if !determiners[p.word(k)] {
				return "" // "the" before "payments namespace" names no pods
			}
		case "labels", "every-pod", "described-by-labels", "workload-name":
			return "" // pods named before any namespace
		case "namespace":
			e := k
			for e < len(p.toks) && p.claim[e] == "namespace" {
				e++
			}
			return fmt.Sprintf("does the lockdown of %q hold for every pod of the namespace, or only for the %s? Say \"for every pod in namespace ...\" or name the pods in the lockdown", p.text(lock, e), strings.TrimPrefix(subjectText(in.Subject), "applies to "))
		}
	}
	return ""
}

// bracketed reports whether the token at k stands inside brackets.
func (p *parser) bracketed(k int) bool {
	depth := 0
	for _, t := range p.toks[:k] {
		switch t.low {
		case "(":
			depth++
		case ")":
			depth = max(depth-1, 0)
		}
	}
	return depth > 0
}

// projectHeading asks about "project X" said as a heading, a plain word
// after "project" before a colon, comma or dash: "For project orders: the
// app=db pods ...", "In project orders, app=api may reach ...", "Project
// billing - ...". X may be an OpenShift project, the namespace the rules
// are in, or the name of a piece of work ("For project compliance, ...");
// read either way, the other reading's policy is wrong (tokens.go reads
// "in project team-b," and "the payments project" as namespaces). Not
// where the request names X as a namespace elsewhere.
func (p *parser) projectHeading() string {
	for i, t := range p.toks {
		if t.low != "project" || t.kind != tWord || t.possessive || !(i == 0 || slices.Contains(projectPlaces, p.word(i-1)) || p.is(i-1, "the") && (i == 1 || slices.Contains(projectPlaces, p.word(i-2)))) {
			continue
		}
		if i+1 >= len(p.toks) {
			continue
		}
		n := p.toks[i+1] // claimed too where the heading was dismissed
		if n.kind != tWord || len(validation.IsDNS1123Label(n.low)) != 0 || !p.is(i+2, ":", ",", "-", "—") ||
			determiners[n.low] || prepositions[n.low] || fillerWords[n.low] || meaningWords[n.low] || coordinators[n.low] || podNouns[n.low] || namespaceWords[n.low] || p.namespaceNamed(n.low) {
			continue
		}
		return fmt.Sprintf("is %q the namespace (OpenShift project) %s, or the name of a piece of work? Say \"in namespace %s\" for the first, or leave it out", p.text(i, i+2), n.low, n.low)
	}
	return ""
}

// citationEnd is the index of the comma that closes an opening "per the
// SLES 15 STIG," or "according to the CIS benchmark 5.2.1,": words and
// numbers only, one of them a guideline's; or -1.
func citationEnd(toks []token) int {
	k := 1
	switch {
	case len(toks) > 2 && toks[0].low == "per":
	case len(toks) > 3 && toks[0].low == "according" && toks[1].low == "to":
		k = 2
	default:
		return -1
	}
	cited := false
	for ; k < len(toks) && k < 9; k++ {
		t := toks[k]
		switch {
		case t.low == ",":
			if cited {
				return k
			}
			return -1
		case t.kind == tNumber || t.kind == tWord && !meaningful(t) && !podNouns[t.low] && !namespaceWords[t.low] && !prepositions[t.low] || t.kind == tWord && dottedNumber(t.low):
			cited = cited || guidelineWords[t.low]
		default:
			return -1
		}
	}
	return -1
}

// citedControlEnd is the index of the colon that closes an opening "CIS
// 4.1.14:" or "STIG V-230386 (audit the execve calls):": a guideline's
// name, a number of it, and a title in words; or -1.
func citedControlEnd(toks []token) int {
	if len(toks) < 4 || !guidelineWords[toks[0].low] || !(toks[1].kind == tNumber || dottedNumber(toks[1].low)) {
		return -1
	}
	k := 2
	if toks[k].low == "(" {
		for k++; k < len(toks) && toks[k].low != ")"; k++ {
			if toks[k].kind != tWord && toks[k].low != "," {
				return -1
			}
		}
		k++
	}
	if k < len(toks) && toks[k].low == ":" {
		return k
	}
	return -1
}

// dottedNumber reports whether w is a section number: "4.1.14", "5.2".
func dottedNumber(w string) bool {
	for _, part := range strings.Split(w, ".") {
		if !numberRE.MatchString(part) {
			return false
		}
	}
	return strings.Contains(w, ".")
}

// purposeNouns name work that traffic is for: "model pulls", "image
// downloads", "package updates".
var purposeNouns = set("pulls", "downloads", "updates", "uploads", "backups", "checks", "notifications", "syncs", "scrapes", "telemetry", "scraping", "polling", "mirroring")

// purposeWorkNouns end words that say what traffic is for, the work and
// not who does it: "on 4180 for the ext_authz requests", "on 443 for the
// GitHub OAuth token exchange and user validation", "on 6443 for leader
// election".
var purposeWorkNouns = set("requests", "exchange", "exchanges", "validation", "election", "lookups", "resolution", "replication", "probes",
	"webhooks", "callbacks", "authentication", "login", "logins", "ingestion", "streaming", "tracing", "logging", "metrics", "heartbeats", "handshakes")

// workPurpose reports whether the words [i, j) after "for" and a value say
// the work the traffic is for (see purposeWorkNouns), with no word that
// narrows it to a time or a kind ("for nightly exports", "for read-only
// queries"): dropped, such words leave the rule wider than said.
func (p *parser) workPurpose(i, j int) bool {
	if !purposeWorkNouns[p.word(j-1)] && !purposeNouns[p.word(j-1)] {
		return false
	}
	for k := i; k < j; k++ {
		if temporalWords[p.word(k)] || meaningful(p.toks[k]) || podNouns[p.word(k)] {
			return false
		}
	}
	return true
}

// techniqueNames are ATT&CK techniques whose names hold words of traffic.
var techniqueNames = [][]string{{"ingress", "tool", "transfer"}, {"escape", "to", "host"}, {"non-standard", "port"}, {"protocol", "tunneling"}, {"network", "sniffing"},
	{"exfiltration", "over", "alternative", "protocol"}, {"application", "layer", "protocol"},
	{"disable", "or", "modify", "linux", "audit", "system"}, {"disable", "or", "modify", "tools"}, {"disable", "or", "modify", "system", "firewall"},
	{"impair", "defenses"}, {"indicator", "removal"}, {"clear", "linux", "or", "mac", "system", "logs"}, {"kernel", "modules", "and", "extensions"},
	{"create", "or", "modify", "system", "process"}, {"resource", "hijacking"}, {"dynamic", "linker", "hijacking"}, {"process", "injection"}}

// techniqueRE is an ATT&CK technique, mitigation or detection id, or a
// Tracee signature's: T1548.003, M1022, TRC-1027.
var techniqueRE = regexp.MustCompile(`^(T|TA|M|DET|TRC-?|CVE-)\d`)

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
				if p.is(j, "only", "except", "not", "no") || temporalWords[p.word(j)] || timeNames[p.word(j)] || scopeQualifiers[p.word(j)] || heldBackWords[p.word(j)] || exposureWords[p.word(j)] || p.is(j, "internal") ||
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
		// "(try the sleep 1 command afterwards to check)", "(run ls
		// again to verify)": how to test the policy once applied.
		if p.word(i) == "(" && !p.taken(i) {
			if j := p.checkAsideEnd(i + 1); j > 0 {
				p.take(i, j+1, "how-to-check")
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
// name or an address and its port: "ghcr.io on 443", "10.0.0.5 on port 80".
func (p *parser) addressOnPortBefore(i int) bool {
	k := i - 1
	if p.tok(k) == nil || p.toks[k].kind != tNumber && p.toks[k].kind != tPortProto {
		return false
	}
	k--
	if p.is(k, "port", "ports") {
		k--
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
		if !p.is(i, "(") || i == 0 || p.toks[i-1].kind != tNumber && p.toks[i-1].kind != tPortProto {
			continue
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
var seriesWords = set("scenario", "step", "part", "case", "task", "exercise", "question", "lab", "phase", "stage", "pattern", "example", "recipe", "option", "chapter", "lesson", "policy", "rule", "requirement")

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
	return strings.ContainsAny(w, "-0123456789") || p.is(i-1, "in", "inside", "within") && !fillerWords[w] && !frameWords[w] && !determiners[w] && !describingWord(w) && entityWord(w) == "" &&
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
	for k < i+3 && p.taken(k) && p.toks[k].kind == tWord && !podNouns[p.word(k)] {
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
	"midnight", "noon", "nightly", "daily", "weekly", "mornings", "evenings", "nights", "later", "eventually", "someday", "initially")

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

// account checks that every meaning-bearing token of the clause was used
// by the intent or dismissed by a named rule; the first one left over
// becomes a question.
func (p *parser) account(in *generator.Intent) error {
	// "only app=a may reach app=b on 8443. Scratch that: only app=c ...",
	// "Sorry, I meant app=d, not app=a", "On second thought, also allow
	// app=c": a later sentence takes back or corrects an earlier one; read
	// as reasons or as rules beside them, the policy kept what was taken back.
	if q := p.mediumSaid(in); q != "" {
		return p.refuseWithSummary(in, q)
	}
	if q := p.addressRangeSaid(); q != "" {
		return p.refuseWithSummary(in, q)
	}
	if q := p.portBracketSaid(); q != "" {
		return p.refuseWithSummary(in, q)
	}
	// "the db pods (app=db). The replicas of role primary: allow ...": a
	// heading that picks some of the pods, dropped, would give the rule to
	// all of them.
	// "the app=db pods: the primary replicas may receive ...": a word of
	// rank before the pods picks some of them.
	for i, t := range p.toks {
		if t.kind == tWord && rankWords[t.low] && (podNouns[p.word(i+1)] || p.is(i+1, "replica", "replicas", "instance", "instances", "node", "nodes")) && !p.is(i+2, "(") {
			return p.refuseWithSummary(in, fmt.Sprintf("which of the pods are %q? Name them by their labels in the rule", p.text(i, i+2)))
		}
	}
	// "block shells such as /bin/sh", "block package managers, e.g. apt",
	// "dangerous capabilities such as sys_admin", "capabilities beyond
	// net_bind_service": the values named are examples of a kind, or the
	// ones left out of it; read as the rule, the kind was left unblocked
	// or the exception blocked.
	if len(in.System) > 0 {
		for i := range p.toks {
			ex := p.is(i, "such") && p.is(i+1, "as") || p.is(i, "e.g.", "eg", "e.g") || p.is(i, "for") && p.is(i+1, "example", "instance") || p.is(i, "beyond", "besides") || p.is(i, "other") && p.is(i+1, "than") ||
				p.is(i, "especially", "particularly", "notably", "including", "mostly", "mainly") || p.is(i, "in") && p.is(i+1, "particular")
			// "(restrict system calls such as mount)": a standard cited in
			// brackets, beside the rules that name their values.
			if !ex || p.bracketed(i) && !p.is(i-1, "(") {
				continue
			}
			k := i - 1
			for p.is(k, ",", "(", "-") {
				k--
			}
			kind := func(k int) bool {
				return k >= 0 && p.toks[k].kind == tWord && strings.HasSuffix(p.word(k), "s") && (p.claim[k] == "no-meaning" || p.claim[k] == "capability" || p.claim[k] == "process-word" || p.claim[k] == "file-word" || p.claim[k] == "executable-name" && !knownExecutables[p.word(k)] || p.claim[k] == "")
			}
			// "Block network scanners in the app=web pods, especially
			// /usr/bin/nmap": the kind before the pods the rule is for.
			if !kind(k) && p.is(i-1, ",") && podNouns[p.word(k)] {
				for b := k - 1; b >= 0 && b >= k-6 && !p.is(b, ".", ";", ":", ","); b-- {
					if p.is(b, "in", "for", "on") && kind(b-1) {
						k = b - 1
						break
					}
				}
			}
			if kind(k) {
				return p.refuseWithSummary(in, fmt.Sprintf("are the values after %q all the rule is for, examples of %q, or the ones left out? KubeArmor matches only the paths, names and capabilities named; name each of them", p.text(k, i+1), p.toks[k].raw))
			}
		}
	}
	// "/bin/sh was blocked in the app=web pods", "writes to /etc/ were
	// denied last week": what a rule did once, not what the policy should
	// do.
	for i := range p.toks {
		if p.is(i, "was", "were") && p.is(i+1, "blocked", "denied", "audited", "allowed", "logged", "prevented", "forbidden") && len(in.System) > 0 {
			return p.refuseWithSummary(in, fmt.Sprintf("%q says what happened, not what a policy should do: which rule do you want now? Say it as a rule", p.text(i, i+2)))
		}
	}
	// "Currently /bin/sh is blocked ...", "Blocking /bin/sh broke our
	// health checks", "audit new files in /tmp/", "never /bin/bash": see
	// sysfacts.go.
	if q := p.verdictToldAsFact(in); q != "" {
		return p.refuseWithSummary(in, q)
	}
	if q := p.allowListRestWatched(in); q != "" {
		return p.refuseWithSummary(in, q)
	}
	if q := p.systemNarrowing(in); q != "" {
		return p.refuseWithSummary(in, q)
	}
	// "block /bin/sh in every namespace labeled env=prod": the labels of
	// the namespaces, read as the pods' labels in every namespace.
	for i := range p.toks {
		if p.is(i, "labeled", "labelled", "carrying", "tagged") && i > 0 && p.claim[i-1] == "cluster-wide" && namespaceWords[p.word(i-1)] {
			return p.refuseWithSummary(in, fmt.Sprintf("are the labels after %q those of the namespaces or of the pods? They were read as the pods' labels; say \"the pods labeled ... in every namespace\", or name the namespaces", p.text(i-1, i+1)))
		}
	}
	// "Don't touch the billing deployment: for the pods labeled
	// app=billing-api, block writes to /etc/": a heading that orders not
	// to do something says what the rules after it must keep from
	// happening, or what the reader must leave alone; dropped, its
	// negation is lost.
	if p.claim[0] == "heading" && negatedOrder(p.toks) {
		k := 0
		for k < len(p.toks) && p.claim[k] == "heading" && p.toks[k].low != ":" {
			k++
		}
		return p.refuseWithSummary(in, fmt.Sprintf("%q negates what it says: is it a rule (which?), or a remark? Say the rule alone, or leave it out", p.text(0, k)))
	}
	// "clusterwide policy: pods labeled app=a accept ...", "a
	// CiliumClusterwideNetworkPolicy that lets app=a reach ...": the
	// request asks for every namespace, yet the rule read is for the pods
	// of one; dropped, the policy would miss the pods elsewhere.
	if in.Subject.Scope == generator.ScopePods {
		for i, t := range p.toks {
			if clusterKindWords[t.low] && !p.is(i-1, "not", "no", "non", "instead") {
				return p.refuseWithSummary(in, fmt.Sprintf("%q asks for every namespace, but the rule is for pods of namespace %s: is the policy for the pods of every namespace (\"in every namespace, the pods labeled ...\") or of that one?", t.raw, in.Subject.Namespace))
			}
		}
		// "A CCNP: the app=a pods may ...": the kind, in a heading of
		// its own statement.
		if m := clusterKindRE.FindStringSubmatch(p.request); m != nil && m[1] == "" {
			return p.refuseWithSummary(in, fmt.Sprintf("%q asks for every namespace, but the rule is for pods of namespace %s: is the policy for the pods of every namespace (\"in every namespace, the pods labeled ...\") or of that one?", m[2], in.Subject.Namespace))
		}
	}
	// "GET /api/v1/users/{id}", "GET /search?q=x": an HTTP path glued to
	// characters the path does not keep, a template, or a query string,
	// which a path rule (a regular expression) reads otherwise.
	// ("/orders/[0-9]+" is a regular expression, as written.)
	for i, t := range p.toks {
		if p.claim[i] != "http-path" {
			continue
		}
		if strings.ContainsAny(t.raw, "?{}") || i+1 < len(p.toks) && p.toks[i+1].start == t.end && !p.is(i+1, ",", ".", ";", ":", ")") {
			return p.refuseWithSummary(in, fmt.Sprintf("which requests does the path %q match? Cilium reads a path as a regular expression: give the path with * for any part (\"/api/v1/users/*\") and no query string", strings.TrimSpace(p.request[t.start:min(len(p.request), max(t.end, p.wordEnd(i)))])))
		}
	}
	// "app=a may reach the internet via the proxy at 10.0.0.5 on 3128":
	// the address the traffic goes through, not a peer beside the others.
	if slices.ContainsFunc(in.Network, func(r generator.NetworkRule) bool { return len(r.Peers) > 1 }) {
		for i := range p.toks {
			if !p.is(i, "via", "through", "thru") {
				continue
			}
			for k := i + 1; k < len(p.toks) && k <= i+5 && p.toks[k].kind != tPunct; k++ {
				if p.toks[k].kind == tCIDR || p.toks[k].kind == tDomain {
					return p.refuseWithSummary(in, fmt.Sprintf("is %q the way to the other peers (a proxy or gateway: then allow only it), or a peer of its own? Say the peers the pods reach directly", p.text(i, k+1)))
				}
				if p.toks[k].kind != tWord || !determiners[p.word(k)] && !proxyWords[p.word(k)] {
					break
				}
			}
		}
	}
	if k := p.dnsServerAddress(in); k >= 0 {
		return p.refuseWithSummary(in, fmt.Sprintf("is %s a DNS server the pods query (port 53 to it, instead of the cluster DNS), or a peer of its own? Say \"allow egress to %s on 53/UDP and 53/TCP\", or name it apart from DNS", p.toks[k].raw, p.toks[k].raw))
	}
	if q := p.namespaceLockedDown(in); q != "" {
		return p.refuseWithSummary(in, q)
	}
	if q := p.projectHeading(); q != "" {
		return p.refuseWithSummary(in, q)
	}

	if k := p.verdictOnlyInBrackets(); k >= 0 && len(in.Network) > 0 {
		return p.refuseWithSummary(in, fmt.Sprintf("is %q in brackets the rule, or a remark on how things are? Say the rule outside the brackets (\"allow ...\", \"block ...\")", p.toks[k].raw))
	}
	// Asked last, as other questions about the same words are more precise.
	openK, openJ := p.peerAfterOpenAllow(in)
	whoK, whoJ := p.narrowingWho(in)
	if p.onlyAfterReached(in) {
		return p.refuseWithSummary(in, "whose traffic does the last \"only\" limit: may the pods before the verb reach nothing else (\"X may only reach Y\"), or may nothing else reach the pods after it (\"only X may reach Y\")?")
	}
	for i, t := range p.toks {
		if p.claim[i] == "heading" && narrowingWords[t.low] {
			k := i
			for k < len(p.toks) && p.claim[k] == "heading" && p.toks[k].low != ":" {
				k++
			}
			return p.refuseWithSummary(in, fmt.Sprintf("which of the pods does %q pick? Name them by their labels in the rule", strings.TrimSpace(p.text(0, k))))
		}
	}
	// "block /usr/bin/curl to external hosts", "block tcp to the internet
	// for the app=web pods": a peer of the network beside system rules
	// alone, which cannot say where a process connects; dropped, the rule
	// would hold for every destination.
	// ("checkout never talks to the Kubernetes API, so block ...": a peer
	// in what comes before the rule's first path is a reason.)
	if first := slices.IndexFunc(p.toks, func(t token) bool { return t.kind == tPath }); len(in.System) > 0 && len(in.Network) == 0 && first >= 0 {
		for i := first + 1; i < len(p.toks); i++ {
			if p.claim[i] == "entity" || p.toks[i].kind == tCIDR || p.toks[i].kind == tDomain && p.taken(i) && p.claim[i] != "path" {
				return p.refuseWithSummary(in, fmt.Sprintf("what does %q change? KubeArmor rules cannot say where a process connects; for that, ask for a network policy of its own", p.text(i, i+1)))
			}
		}
	}
	for i := range p.toks {
		if q := p.trailingQualifier(i, in); q != "" {
			return p.refuseWithSummary(in, q)
		}
	}
	if len(in.Network) > 0 {
		if q := p.metadataNamed(in); q != "" {
			return p.refuseWithSummary(in, q)
		}
		for i := range p.toks {
			// "from web, exept api": a misspelt operator taken for a name
			if p.claim[i] == "workload-name" {
				if q := p.misspeltOperator(i); q != "" {
					return p.refuseWithSummary(in, q)
				}
			}
			// "from everyone save web", "from web, bar api": an old word
			// for "except", dropped or taken for a name
			if p.is(i, "save", "bar", "barring", "excepting") && (p.is(i-1, ",") || p.is(i-1, "everyone", "everything", "anyone", "anything", "all", "pods", "anywhere", "everywhere")) && i+1 < len(p.toks) && !p.taken(i+1) || p.is(i, "save", "bar", "barring", "excepting") && p.claim[i] == "workload-name" {
				return p.refuseWithSummary(in, fmt.Sprintf("does %q mean \"except\"? Say the rule again with \"except\", or name the pods by their labels", p.text(i, min(i+2, len(p.toks)))))
			}
		}
		if q := p.thousandsPort(); q != "" {
			return p.refuseWithSummary(in, q)
		}
	}
	// Words no rule took that would narrow or change the rules; some are
	// asked about only beside network rules.
	unread := []func(int) string{p.misspeltOperator, p.unreadTrial, p.unreadMeasure}
	if len(in.Network) > 0 {
		unread = slices.Concat([]func(int) string{p.unreadAddition, p.unreadBound}, unread, []func(int) string{p.unreadBesidePods, p.unreadForName, p.unreadListed})
	}
	for i, t := range p.toks {
		if p.taken(i) {
			continue
		}
		for _, ask := range unread {
			if q := ask(i); q != "" {
				return p.refuseWithSummary(in, q)
			}
		}
		// "allow DNS lookups of github.com and egress to it on 443": a peer
		// said by a pronoun that no rule took would leave the rule open to
		// anywhere.
		// "receive traffic from 10.0.0.0/8 on 443 and send traffic to it on
		// 8443": a pronoun peer of the other direction, too.
		// ("allow ingress to them", "egress from it": the pods the policy is for.)
		if (t.low == "it" || t.low == "them") && len(in.Network) > 0 &&
			(p.is(i-1, "to", "towards", "into") && !ingressWords[p.word(i-2)] && (in.Network[0].Direction == generator.Egress || p.sendBefore(i-1)) ||
				p.is(i-1, "from") && !egressWords[p.word(i-2)] && in.Network[0].Direction == generator.Ingress ||
				// "query example.com in DNS and reach it on 443"
				reachVerbs[p.word(i-1)] && !p.is(i+1, "to", "from") && slices.ContainsFunc(in.Network, func(r generator.NetworkRule) bool {
					return r.Direction == generator.Egress && len(r.Peers) == 0
				})) {
			return p.refuseWithSummary(in, fmt.Sprintf("what does %q stand for in %q? Name the peer again", t.raw, p.text(i-1, i+1)))
		}
		// "to the bundled redis on 6379" with no peer read: the words after
		// "to" would leave the rule open to anywhere.
		// "deny traffic from payments to app=db" with no peer read: the
		// deny would shut out everyone, not the pods named.
		denyAll := slices.ContainsFunc(in.Network, func(r generator.NetworkRule) bool { return len(r.Peers) == 0 && r.Verdict != generator.Allow })
		if (t.low == "to" || t.low == "from") && (denyAll || slices.ContainsFunc(in.Network, func(r generator.NetworkRule) bool { return len(r.Peers) == 0 && r.Verdict == generator.Allow })) {
			k := i + 1
			for determiners[p.word(k)] && !p.taken(k) {
				k++
			}
			for describingWord(p.word(k)) && !p.taken(k) {
				k++
			}
			if p.tok(k) != nil && !p.taken(k) && p.toks[k].kind == tWord && p.looseName(k) && !frameWords[p.word(k)] && !fillerWords[p.word(k)] && !podNouns[p.word(k)] {
				if denyAll {
					return p.refuseWithSummary(in, fmt.Sprintf("which pods or addresses are %q? Name them by their labels or values, so that the rule does not shut out every peer", p.text(i+1, k+1)))
				}
				return p.refuseWithSummary(in, fmt.Sprintf("which pods or addresses are %q? Name them by their labels or values, so that the rule is not open to anywhere", p.text(i+1, k+1)))
			}
		}
		// "block running /bin/su (root excepted)", "(www-data excepted)",
		// "(sudo excepted)": something left out of a system rule, which a
		// KubeArmor rule cannot leave out by who runs it; dropped, the rule
		// held for it too. ("kube-system excepted" of a cluster-wide policy
		// is read as the namespaces left out.)
		if len(in.System) > 0 && leftOutWords[t.low] {
			return p.refuseWithSummary(in, fmt.Sprintf("what does %q leave out of the rule? KubeArmor cannot except a user or a process run by one (its owner-only rule is about the file's or binary's owner); say the rule without it, or name the paths or pods it is for", p.text(max(i-1, 0), i+1)))
		}
		// "only if the request has a valid token", "with mTLS", "when run as
		// root": conditions no policy kunerva writes can hold.
		// ("only allowed if it comes from a pod with color=red" names a peer.)
		peerIf := p.is(i, "if") && p.is(i+1, "it", "they") && p.is(i+2, "comes", "come", "goes", "go", "arrives", "arrive", "originates")
		if p.is(i, "if", "mtls", "tls", "authenticated", "encrypted", "authentication", "mutual", "mutually", "authenticate", "authenticates") && !peerIf || p.is(i, "as") && p.is(i+1, "root", "user") {
			return p.refuseWithSummary(in, fmt.Sprintf("kunerva cannot make a policy depend on %q: it allows or denies by pods, addresses, ports, HTTP requests, DNS names, files and processes; ask without the condition, or say what it means in those terms", p.text(i, min(i+3, len(p.toks)))))
		}
		// "block /bin/sh for non-root users", "audit unlink calls by root",
		// "block reads of large files in /data/", "audit failed unlink
		// syscalls", "block /bin/sh when it is run interactively", "When an
		// alert fires, block /bin/sh": who does it, how, or when, which a
		// KubeArmor rule cannot tell apart; dropped, the rule would hold
		// for every process and every time.
		// "take requests from app=ratings on 9080 only when they carry a
		// valid JWT": a condition on the traffic, too.
		if len(in.System) > 0 && (runnerWords[t.low] || p.runBy(i) || p.whenCondition(i)) || len(in.Network) > 0 && p.is(i, "when", "whenever", "if", "unless") && p.whenCondition(i) && !p.clauseTaken(i+1) && slices.ContainsFunc(p.claim[:i], func(c string) bool { return c == "port" || c == "labels" }) {
			return p.refuseWithSummary(in, fmt.Sprintf("kunerva cannot make a policy depend on %q: it allows or denies by pods, addresses, ports, HTTP requests, DNS names, files and processes; ask without the condition, or say what it means in those terms", p.text(i, min(i+3, len(p.toks)))))
		}
		// "allow ... api.stripe.com on 443, since the old endpoint
		// api.paypal.com is gone": a reason that names a value the rules
		// took in; a rule or a reason?
		// "... to 10.0.0.0/8 on 443 (10.1.0.0/16 is the office)", "...,
		// where 10.1.0.0/16 is the office", "- 10.1.0.0/16 is the office",
		// ", 10.1.0.0/16 being the office": an aside that says what an
		// address is; read as a peer, it would be allowed on its own.
		if p.is(i, "is", "are", "being") && i >= 2 && p.is(i-2, "(", ",", "-", "where", "whereas") && (p.toks[i-1].kind == tCIDR || p.toks[i-1].kind == tDomain) && p.taken(i-1) {
			return p.refuseWithSummary(in, fmt.Sprintf("is %q a rule, or what the address is? Say the rule without the aside, or the aside as a sentence of its own", p.text(i-1, min(i+3, len(p.toks)))))
		}
		if p.relatesValue(i) {
			return p.refuseWithSummary(in, fmt.Sprintf("is what follows %q a reason, or part of the rule? It names a value; say the rule without the reason, or the reason as a sentence of its own", t.raw))
		}
		// "allow the frontend to write to checkout on 8080": no HTTP method
		// or port says what writing is; "with header X-Debug removed": the
		// header's absence, not the header.
		if len(in.Network) > 0 && (p.is(i, "write", "writes", "writing", "read", "reads", "reading") && p.is(i+1, "to", "into", "from") ||
			p.is(i, "removed", "stripped", "absent", "missing", "unset") && slices.ContainsFunc(in.Network, func(r generator.NetworkRule) bool {
				return slices.ContainsFunc(r.HTTP, func(h generator.HTTPRule) bool { return len(h.Headers) > 0 })
			})) {
			return p.refuseWithSummary(in, fmt.Sprintf("what do you mean by %q here? I understood the rest, but not what it changes", t.raw))
		}
		// "app=web may reach app=api on 8080 and vice versa", "..., and
		// back", "the other way round": the same traffic the other way,
		// which no rule read.
		if len(in.Network) > 0 && (p.is(i, "vice") && p.is(i+1, "versa") || p.is(i, "back") && p.is(i-1, "and") && (i+1 == len(p.toks) || p.toks[i+1].kind == tPunct) ||
			p.is(i, "conversely", "reverse", "reversed") || p.is(i, "way", "ways") && p.is(i+1, "round", "around")) {
			return p.refuseWithSummary(in, fmt.Sprintf("which direction does %q add? Say the traffic the other way as a rule of its own (\"and app=b may reach app=a on 8080\")", p.text(i, min(i+2, len(p.toks)))))
		}
		// "the app=web pods: allow app=frontend in on 80 and app=backend
		// out on 5432": a particle of the other way just after a peer,
		// unread, says that peer's traffic goes out, not in (or in, not out).
		if q := p.particleAgainst(i, in); q != "" {
			return p.refuseWithSummary(in, q)
		}
		if fillerWords[t.low] || t.kind == tPunct {
			p.take(i, i+1, "filler")
			continue
		}
		// "(ICMP echo request, IPv4)": the family of the ICMP rule read.
		if p.is(i, "ipv4", "ipv6") && slices.ContainsFunc(in.Network, func(r generator.NetworkRule) bool {
			return slices.ContainsFunc(r.Ports, func(x generator.Port) bool {
				return x.Protocol == "ICMP" && t.low == "ipv4" || x.Protocol == "ICMPv6" && t.low == "ipv6"
			})
		}) {
			p.take(i, i+1, "icmp-family")
			continue
		}
		// "allow traceroute from the world to app=a": probes of UDP ports
		// or ICMP by tool, which no rule reads; dropped, the rule would
		// allow every port.
		if len(in.Network) > 0 && p.is(i, "traceroute", "traceroutes", "tracepath", "mtr") {
			return p.refuseWithSummary(in, fmt.Sprintf("what traffic is %q: ICMP of which types, or UDP on which ports? Name the protocol and ports or types", t.raw))
		}
		if t.low == "them" {
			// "allow the sleep pods on 9000, and deny them on 9002": them
			// may be the pods allowed before, not the ones the policy is for.
			if p.prev != nil && len(in.Network) > 0 && slices.ContainsFunc(p.prev.Network, func(r generator.NetworkRule) bool { return len(r.Peers) > 0 }) && (denyWords[p.word(i-1)] || allowWords[p.word(i-1)]) {
				return p.refuseWithSummary(in, fmt.Sprintf("who are %q here: the pods the policy is for, or the peers named before? Name them again", t.raw))
			}
			p.take(i, i+1, "refers-back")
			continue
		}
		// "in the same app=netdebug pods", "Same app=ubuntu-ci pods in
		// namespace ci: ...": the pods named before, by their labels.
		if t.low == "same" && (p.is(i-1, "the") || i == 0) && i+1 < len(p.toks) && p.toks[i+1].kind == tLabel {
			p.take(i, i+1, "same-pods")
			continue
		}
		// "For the same hub pods (app.kubernetes.io/name=mercure)", "Same
		// pods (app=api, namespace pay): ...", "same pods labeled app=web":
		// the labels just after say which pods.
		if t.low == "same" && (p.is(i-1, "the") || i == 0) && p.sameNamedByLabels(i+1) {
			p.take(i, i+1, "same-pods")
			continue
		}
		// "Accessing sensitive host paths: in the app=ci-runner pods, block
		// access to /var/run/docker.sock": where the files live, in a system
		// rule for pods named by their labels (hostAdjective).
		if p.systemRequest && in.Subject.Nodes == nil && in.Subject.Pods != nil && p.hostAdjective(i) {
			p.take(i, i+1, "host-files")
			continue
		}
		// "DNS tunneling tools (iodine, dnscat2, dns2tcp)": what the tools
		// the bracket names do, not a peer of the rule.
		if p.systemRequest && !p.taken(i) && p.toolKindBeforeBracket(i) {
			p.take(i, i+1, "category")
			continue
		}
		// "admin/maintenance tools": a kind of tools, named by the paths after it.
		if strings.Contains(t.low, "/") && !strings.HasPrefix(t.low, "/") && t.kind == tWord && processNouns[p.word(i+1)] {
			p.take(i, i+1, "category")
			continue
		}
		// "Audit untrusted reads of sensitive files ...: alert when /etc/shadow
		// is opened": the files are named after it.
		if p.is(i, "read", "reads") && p.is(i+1, "of", "to") && slices.ContainsFunc(in.System, func(r generator.SystemRule) bool { return r.Kind == generator.File }) &&
			slices.ContainsFunc(p.toks[i+2:min(i+5, len(p.toks))], func(x token) bool { return fileNouns[x.low] }) {
			p.take(i, i+1, "file-word")
			in.Notes = append(in.Notes, "KubeArmor matches every access to a file: the rules about reading the files cover writing them too")
			continue
		}
		// "Restrict write access to the static pods manifest folder: block
		// writes to /etc/kubernetes/manifests/", "The cron directories are a
		// favourite persistence spot, so log file activity in /etc/cron.d/":
		// the paths after the colon or the "so" are the ones the noun means.
		if fileNouns[t.low] && p.pathsNamedAfter(i, in) {
			p.take(i, i+1, "file-word")
			continue
		}
		// "only talk to the catalog API on 8080, without breaking name
		// resolution: keep DNS egress working": what the DNS rule read
		// elsewhere keeps working.
		if t.low == "without" && p.is(i+1, "breaking", "losing", "killing") && (p.is(i+2, "dns") || p.is(i+2, "name") && p.is(i+3, "resolution")) && slices.ContainsFunc(in.Network, func(r generator.NetworkRule) bool {
			return r.Verdict == generator.Allow && slices.ContainsFunc(r.Peers, func(x generator.Peer) bool { return x.ClusterDNS })
		}) {
			k := i + 3
			for k < len(p.toks) && p.is(k, "resolution", "lookups", "queries") {
				k++
			}
			if k == len(p.toks) || p.toks[k].kind == tPunct {
				p.take(i, k, "keeps-dns")
				continue
			}
		}
		// "the other cluster's NodePorts - 172.20.0.0/16": whose addresses
		// the range after it is.
		if t.low == "other" && p.tok(i+1) != nil && p.toks[i+1].possessive && slices.ContainsFunc(p.toks, func(x token) bool { return x.kind == tCIDR }) {
			p.take(i, i+2, "describes-address")
			continue
		}
		// "the payment provider's published range 198.51.100.0/24": whose
		// the range just after it is.
		if t.possessive && t.kind == tWord && !podNouns[t.low] && !namespaceWords[t.low] && !p.treeHasWorkload(t.low) && !p.treeNamespace(t.low) && p.ownsAddressAfter(i) {
			p.take(i, i+1, "describes-address")
			continue
		}
		// "the external HTTP service httpbin.org": a DNS name is outside.
		// "restrict Keycloak's external egress to accounts.google.com": so
		// are the names the egress goes to.
		if t.low == "external" && (slices.ContainsFunc(p.toks[i+1:min(i+4, len(p.toks))], func(x token) bool { return x.kind == tDomain }) || egressWords[p.word(i+1)] && p.namedAfter(i)) {
			p.take(i, i+1, "describes-dns-name")
			continue
		}
		// "lock the frontend pods down to a single external SaaS: they may
		// only reach api.github.com": the DNS names after the colon are
		// what is external.
		if t.low == "external" && p.externalNamedAfterColon(i) {
			p.take(i, i+1, "describes-dns-name")
			continue
		}
		// "client-one's egress (app=client-one)": the labels just after
		// the name say which pods it is.
		if t.possessive && p.labelNamesNear(i) {
			p.take(i, i+1, "named-by-labels")
			continue
		}
		// "deny traffic from other namespaces, but pods inside test-ns
		// should keep talking to each other": "but" only sets what keeps
		// working against what came before.
		if t.low == "but" && p.is(i-1, ",") && p.butKeeps(i+1) {
			p.take(i, i+1, "contrast")
			continue
		}
		// "the reporting pods (app=reporting)", "the report job pods
		// (app=report-job)": a word that is also in the vocabulary names the
		// pods when the labels just after it spell it.
		if t.kind == tWord && p.namePartOfLabel(i) {
			p.take(i, i+1, "named-by-labels")
			continue
		}
		// "the postgres cluster pods (application=spilo)": a database
		// cluster, whose pods the labels just after it select.
		if t.low == "cluster" && podNouns[p.word(i+1)] && p.taken(i+1) && p.is(i+2, "(") && p.tok(i+3) == nil && i+3 < len(p.toks) && p.toks[i+3].kind == tLabel ||
			p.softwareCluster(i) {
			p.take(i, i+1, "describes-pods")
			continue
		}
		// "on the cart service port 80": a workload the tree knows, left
		// unread, may be the pods the rule is about.
		// "temporarily", "during business hours", "for 2 hours": no policy
		// kunerva writes can end or begin at a time.
		if p.is(i, "until") && p.is(i+1, "further") && p.is(i+2, "notice") {
			p.take(i, i+3, "until-changed") // "until further notice": no limit
			continue
		}
		// "In the app=wisecow pods block raw sockets, not yet.", "Block Raw
		// Sockets (Disabled) - ...": a rule held back, which a policy that
		// is applied is not.
		// ("without blocking yet", "don't enforce yet": audit first, asked
		// about where it stands.)
		if heldBackWords[t.low] && !temporalWords[t.low] && (t.low != "yet" || p.is(i-1, "not")) {
			return p.refuseWithSummary(in, fmt.Sprintf("%q holds the rule back: should it be in force once applied? A policy kunerva writes holds as soon as it is applied; ask without the word, or leave the rule out until it should hold", p.text(max(i-1, 0), i+1)))
		}
		// "/bin/ and /usr/sbin/ may be read, but any write anywhere under the
		// first must be blocked": a pointer into a list no rule read.
		if len(in.System) > 0 && p.is(i, "first", "second", "former", "latter", "last") && p.is(i-1, "the") {
			return p.refuseWithSummary(in, fmt.Sprintf("which path is %q? Name it again, with what should happen to it", p.text(i-1, i+1)))
		}
		// "In the app=web pods block /bin/sh (optional).", "block ... /etc/shadow,
		// maybe": a rule left open, which a policy cannot be.
		// ("an optional NetworkPolicy restricting ...": a policy to offer.)
		if hedgeWords[t.low] && !fillerWords[p.word(i+1)] {
			return p.refuseWithSummary(in, fmt.Sprintf("should the rule hold? %q leaves it open, and a policy either holds or does not; say the rules that should hold, without it", t.raw))
		}
		if temporalWords[t.low] || timeNames[t.low] || p.clockTime(i) || timeSpans[t.low] && i > 0 && (p.toks[i-1].kind == tNumber || spanCounts[p.word(i-1)]) {
			return p.refuseWithSummary(in, fmt.Sprintf("kunerva cannot limit a policy in time (%q): a policy holds until it is changed; ask without the time, and remove the policy when it is no longer needed", t.raw))
		}
		// "raw", in a system request, is a protocol ("raw sockets").
		if meaningful(t) || p.sceneName(i) || t.kind == tWord && p.treeHasWorkload(t.low) && !p.wordAgain(i, "workload-name", "endpoint") || t.low == "raw" && p.systemRequest {
			return p.refuseWithSummary(in, fmt.Sprintf("what do you mean by %q here? I understood the rest, but not what it changes", t.raw))
		}
		// "the app=sftp pods in files ...", "pods labeled app=checkout from
		// shop may reach ...": a name after "in" or "from" just after pods,
		// left unread, may be their namespace.
		if t.kind == tWord && (p.is(i-1, "in", "inside", "within") || p.is(i-1, "from") && len(in.Network) > 0 && !strings.HasSuffix(t.low, "ing")) && i > 1 && p.claim[i-2] != "" && (p.toks[i-2].kind == tLabel || p.is(i-2, ")") || podNouns[p.word(i-2)]) && p.claim[i-2] != "no-meaning" && t.low != p.opts.Namespace &&
			len(validation.IsDNS1123Label(t.low)) == 0 && !fillerWords[t.low] && !determiners[t.low] && !prepositions[t.low] {
			// "deny-all for namespace app: every pod in app gets nothing":
			// the namespace the request gave the pods, said again; a peer
			// of no namespace of its own is in that namespace too.
			if p.is(i-1, "in", "inside", "within") && t.low == in.Subject.Namespace && slices.ContainsFunc(in.Origins, func(o generator.Origin) bool {
				return o.Field == "subject.namespace" && o.From == generator.FromRequest && o.End <= t.start && strings.Contains(strings.ToLower(o.Text), t.low)
			}) {
				p.take(i-1, i+1, "namespace-said-again")
				continue
			}
			return p.refuseWithSummary(in, fmt.Sprintf("is %q the namespace of the pods before it? Say \"in namespace %s\" if so", t.raw, t.low))
		}
		// "Same pods (app.kubernetes.io/name=mariadb, test-ksp): ...": a
		// name left unread beside the labels in brackets may be the pods'
		// namespace, or a workload's name.
		if t.kind == tWord && p.is(i-1, ",") && i > 1 && p.toks[i-2].kind == tLabel && p.claim[i-2] == "labels" && p.is(i+1, ")", ",") && t.low != p.opts.Namespace &&
			len(validation.IsDNS1123Label(t.low)) == 0 && !fillerWords[t.low] && !determiners[t.low] && !prepositions[t.low] {
			return p.refuseWithSummary(in, fmt.Sprintf("is %q the namespace of the pods before it? Say \"in namespace %s\" if so", t.raw, t.low))
		}
		// "from pods in namespace qa and sandbox": a name joined to a
		// namespace, left unread, may be another namespace.
		if t.kind == tWord && p.is(i-1, "and", "or") && i > 1 && p.claim[i-2] == "namespace" && len(validation.IsDNS1123Label(t.low)) == 0 &&
			!fillerWords[t.low] && !determiners[t.low] && !prepositions[t.low] && t.low != p.opts.Namespace {
			ns := p.word(i - 2)
			if namespaceWords[ns] {
				ns = p.word(i - 3) // "the qa namespace and sandbox"
			}
			return p.refuseWithSummary(in, fmt.Sprintf("is %q another namespace? If so, name each after the plural: \"in the namespaces %s and %s\"", t.raw, ns, t.low))
		}
		if w := p.podsNarrowed(i, in); w != "" {
			return p.refuseWithSummary(in, fmt.Sprintf("which of the pods are %q? If %q is their namespace, say \"in namespace %s\"; else name the pods by their labels alone", w, t.raw, t.low))
		}

		// "10.0.0.0/8 exept 10.1.0.0/16", "api.github.com nad gist.github.com":
		// a word no rule reads between two addresses or two DNS names may
		// join them ("and") or set one apart ("except"); dropped, both
		// would be peers.
		if t.kind == tWord && i > 0 && i+1 < len(p.toks) && len(in.Network) > 0 && p.toks[i-1].kind == p.toks[i+1].kind && (p.toks[i-1].kind == tCIDR || p.toks[i-1].kind == tDomain) {
			return p.refuseWithSummary(in, fmt.Sprintf("what do you mean by %q between %s and %s? Say \"and\" for both, or \"except\" to leave the second out", t.raw, p.toks[i-1].raw, p.toks[i+1].raw))
		}
		if len(in.Network) > 0 && !p.systemRequest {
			if q := p.unreadNarrowing(i); q != "" {
				return p.refuseWithSummary(in, q)
			}
		}
		if len(in.System) > 0 {
			if q := p.unreadTargetNarrowing(i); q != "" {
				return p.refuseWithSummary(in, q)
			}
		}
		// "Cut off web from api. The api pods are app=api ...": pods
		// another sentence names by their labels, left unread here, are
		// pods the rule lost.
		if _, defined := p.clause.defs[t.low]; defined && t.kind == tWord && p.tree == nil {
			return p.refuseWithSummary(in, fmt.Sprintf("what should the rule do with the %s pods? The request says which labels they carry, but the rule in %q does not use them; say how they take part (\"deny traffic from the %s pods to ...\")", t.low, p.text(0, len(p.toks)), t.low))
		}
		p.take(i, i+1, "no-meaning")
	}
	if k, j := openK, openJ; k >= 0 {
		prep := "from"
		if p.is(k, "to", "towards", "toward") {
			prep = "to"
		}
		return p.refuseWithSummary(in, fmt.Sprintf("does %q name the pods or addresses this traffic is for? The rule allows any peer; name them (\"%s the pods labeled app=api\"), or say \"%s anywhere\"", p.text(k, j), prep, prep))
	}
	if k, j := whoK, whoJ; k >= 0 {
		if len(in.Network) > 0 {
			return p.refuseWithSummary(in, fmt.Sprintf("what does %q change? A network policy holds for every user, container and replica of the pods it selects; name the pods by their labels, or leave the words out", p.text(k, j)))
		}
		return p.refuseWithSummary(in, fmt.Sprintf("what does %q change? A KubeArmor rule holds for every user, process and container of the pods; to limit it to the processes it comes from, name their paths (\"from /usr/bin/python\"), or leave the words out", p.text(k, j)))
	}
	// "the app=web pods accept traffic on 8080, only the frontend", "...
	// on 8080 (frontend only)": "only" read as the verdict, with the words
	// it narrows to left unread, gave the allow to anywhere.
	if slices.ContainsFunc(in.Network, func(r generator.NetworkRule) bool { return r.Verdict == generator.Allow && len(r.Peers) == 0 }) {
		if k, j := p.onlyUnread(); k >= 0 {
			return p.refuseWithSummary(in, fmt.Sprintf("which pods or addresses are %q? Name them by their labels or values, so that the rule is not open to anywhere", p.text(k, j)))
		}
	}
	return nil
}

// podsNarrowed returns the words around the pods of a system rule that
// the word at i, read by no rule, adds to them: "the staging app=web pods",
// "the internal app=web pods", "the app=web pods of the payments team",
// "the app=web pods for the staging copy", "the app=web pods v2"; "" when
// it adds none. Dropped, the rule would hold for pods the request may have
// left out.
func (p *parser) podsNarrowed(i int, in *generator.Intent) string {
	t := p.toks[i]
	if len(in.System) == 0 || t.kind != tWord || fillerWords[t.low] || determiners[t.low] || prepositions[t.low] || podNouns[t.low] {
		return ""
	}
	// before the labels: "the staging app=web pods"
	if i+1 < len(p.toks) && p.toks[i+1].kind == tLabel && p.taken(i+1) && (podNouns[p.word(i+2)] || p.is(i+2, "pod", "pods", "containers", "container")) &&
		(i == 0 || determiners[p.word(i-1)] || prepositions[p.word(i-1)]) && !strings.HasSuffix(p.toks[i+1].low, "="+t.low) {
		return p.text(i, i+3)
	}
	// "the app=api containers of team blue": a word after the namespace.
	if i > 0 && p.claim[i-1] == "namespace" && p.toks[i-1].kind == tWord && !namespaceWords[p.word(i-1)] {
		return p.text(i-1, i+1)
	}
	// "pods labeled app=web (the canary ones)", "the app=web pods, the
	// canary ones only": which of them, said after.
	if p.is(i+1, "ones", "one") && determiners[p.word(i-1)] && slices.ContainsFunc(p.claim, func(c string) bool { return c == "labels" }) {
		return p.text(i-1, i+2)
	}
	// after the pods: "the app=web pods v2", "... of the payments team"
	k := i - 1
	for k > 0 && (determiners[p.word(k)] || p.is(k, "of", "for", "in")) && (p.claim[k] == "" || p.claim[k] == "filler" || p.claim[k] == "no-meaning") {
		k--
	}
	if k < i-1 && !p.is(k+1, "of", "for", "in") {
		return ""
	}
	if k >= 1 && podNouns[p.word(k)] && p.taken(k) && p.toks[k-1].kind == tLabel && (k == i-1 && strings.ContainsAny(t.low, "0123456789") || k < i-1) {
		return p.text(k-1, i+1)
	}
	return ""
}

// mediumWords say what traffic passes through or how it is carried, which
// no NetworkPolicy rule says: "via the ingress controller" (the traffic
// then comes from the controller's pods), "over IPv4 only", "over QUIC"
// (UDP, where the port was read as TCP).
var mediumWords = set("ingress", "gateway", "gateways", "controller", "balancer", "load-balancer", "loadbalancer", "lb", "envoy", "sidecar", "sidecars",
	"ipv4", "ipv6", "v4", "v6", "quic", "http/3", "nat", "snat", "tunnel", "vxlan", "wireguard", "ipsec")

// mediumSaid asks about a word of mediumWords that no rule read after
// "via", "through", "over", "behind" or "using": "only app=a may reach
// app=b on 8443 via the ingress controller".
func (p *parser) mediumSaid(in *generator.Intent) string {
	if len(in.Network) == 0 {
		return ""
	}
	for i := range p.toks {
		if !p.is(i, "via", "through", "over", "behind", "using", "across") {
			continue
		}
		k := i + 1
		for p.is(k, "the", "a", "an", "our", "its", "their") {
			k++
		}
		for n := k; n < min(k+3, len(p.toks)); n++ {
			if mediumWords[p.word(n)] && (p.claim[n] == "" || p.claim[n] == "name-word" || p.claim[n] == "no-meaning" || p.claim[n] == "workload-name") {
				return fmt.Sprintf("what does %q change? A NetworkPolicy rule names the pods or addresses that send or receive the traffic, its ports and protocol; say the rule in those terms", p.text(i, n+1))
			}
			if p.toks[n].kind == tPunct || p.taken(n) && p.claim[n] != "name-word" {
				break
			}
		}
	}
	return ""
}

// ipv4RE finds an IPv4 address inside a word: "10.0.0.1-10.0.0.20".
var ipv4RE = regexp.MustCompile(`\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}`)

// addressRangeSaid asks about addresses said in a way no CIDR holds:
// "10.0.0.1 through 10.0.0.20" and "10.0.0.1-10.0.0.20" (a range from one
// address to another, read as the two addresses or as a name), "10.0.0.0
// with mask 255.0.0.0", "10.0.0.0 netmask 255.255.0.0" (read as two
// addresses).
func (p *parser) addressRangeSaid() string {
	ip := func(k int) bool { return k >= 0 && k < len(p.toks) && ipv4RE.MatchString(p.toks[k].raw) }
	for i, t := range p.toks {
		switch {
		case len(ipv4RE.FindAllString(t.raw, -1)) == 2 && strings.Contains(t.raw, "-") && !strings.Contains(t.raw, "/"):
			return fmt.Sprintf("is %q a range of addresses? Say it as a CIDR (\"10.0.0.0/27\") or as the addresses one by one", t.raw)
		case ip(i) && p.is(i+1, "through", "thru", "-") && ip(i+2) && !strings.Contains(t.raw, "/") && !strings.Contains(p.toks[i+2].raw, "/"):
			return fmt.Sprintf("is %q a range of addresses? Say it as a CIDR (\"10.0.0.0/27\") or as the addresses one by one", p.text(i, i+3))
		case p.is(i, "mask", "netmask", "subnetmask", "mask:", "netmask:") && (ip(i+1) || ip(i-1) || ip(i-2)):
			return fmt.Sprintf("which range does %q make? Say it as a CIDR (\"10.0.0.0/8\")", p.text(max(i-3, 0), min(i+2, len(p.toks))))
		}
	}
	return ""
}

// placeWords name a part of a network by where it is, not by an address:
// "the LAN", "the office", "the corporate proxy", "internal traffic".
var placeWords = set("lan", "lans", "wan", "vpn", "vpns", "intranet", "extranet", "dmz", "office", "offices", "on-prem", "on-premise", "on-premises",
	"onprem", "datacenter", "datacentre", "data-center", "datacenters", "corporate", "corp", "proxy", "proxies", "vpc", "vnet", "partner", "partners",
	"branch", "campus", "internal", "private", "local")

// valueNouns are nouns of addresses that a rule reads only with a value
// after them: "the range 10.0.0.0/8", "the addresses 10.0.0.1 and ...".
var valueNouns = set("address", "addresses", "ip", "ips", "range", "ranges", "subnet", "subnets", "cidr", "cidrs", "prefixes", "netblocks", "blocks")

// valueSaid reports whether the clause names an address or DNS name,
// which a noun of addresses may describe ("the NodePort range of the
// other cluster (10.40.0.0/16)").
func (p *parser) valueSaid() bool {
	return slices.ContainsFunc(p.toks, func(t token) bool { return t.kind == tCIDR || t.kind == tDomain })
}

// stageWords pick some pods of a set by their stage, track or state: "the
// staging app=api pods", "canary app=web pods", "the app=db primary".
var stageWords = set("new", "newer", "newest", "old", "older", "oldest", "previous", "latest", "staging", "stage", "production", "prod", "dev", "development", "test", "testing", "qa", "uat", "canary", "stable", "blue",
	"green", "preview", "legacy", "beta", "alpha", "healthy", "unhealthy", "ready", "primary", "primaries", "leader", "master", "secondary",
	"replica", "follower", "standby")

// placeTraffic are nouns of what a place word may qualify: "LAN traffic",
// "office clients", "internal network connections".
var placeTraffic = set("traffic", "connections", "connection", "requests", "request", "clients", "client", "users", "user", "hosts", "machines",
	"devices", "calls", "access", "ingress", "egress", "packets")

// unreadNarrowing asks about a word no rule read that narrows a peer or
// the pods, in a place where dropping it widens the policy:
//   - a place word before the traffic it qualifies, or after the
//     preposition of a peer: "allow LAN traffic to app=web on 80", "only
//     app=a may reach app=b on 8443 from the LAN", "reach the internet
//     through the corporate proxy" (the rule would be open to anywhere, or
//     to the peer beside it);
//   - a word of stage or rank next to labeled pods: "the staging app=api
//     pods", "the app=db primary" (the rule would be for all of them);
//   - words after a preposition just after labeled pods: "app=api pods of
//     the staging team", "in the eu-west region", "from staging", "owned
//     by team-a".
//
// A place word that describes the peer said just after it ("their local
// host", "the internal ingress (namespaces labeled ...)") or follows
// "even" ("nothing else, even through a proxy") is read as before.
func (p *parser) unreadNarrowing(i int) string {
	unread := func(k int) bool {
		return k >= 0 && k < len(p.toks) && p.toks[k].kind == tWord && (p.claim[k] == "" || p.claim[k] == "no-meaning") &&
			!determiners[p.word(k)] && !prepositions[p.word(k)] && !fillerWords[p.word(k)]
	}
	selector := func(k int) bool {
		return p.taken(k) && p.claim[k] != "filler" && p.claim[k] != "no-meaning" && (p.toks[k].kind == tLabel || podNouns[p.word(k)] || p.is(k, ")"))
	}
	w := p.word(i)
	if placeWords[w] {
		j := i + 1
		for unread(j) || p.is(j, "network", "networks") {
			j++
		}
		described := p.is(j, "(") || p.taken(j) && p.claim[j] != "filler" && p.claim[j] != "no-meaning"
		k := i - 1
		for unread(k) || determiners[p.word(k)] {
			k--
		}
		after := (p.is(k, "from", "to", "through", "via", "over", "behind", "across", "into", "towards", "toward") || k >= 0 && p.claim[k] == "direction-verb") && !p.is(k-1, "even")
		if (placeTraffic[p.word(j)] || valueNouns[p.word(j)] && !p.taken(j) && !p.valueSaid()) && !p.is(j+1, "(") || after && !described {
			return fmt.Sprintf("which pods or addresses are %q? Name them by their labels or values, so that the rule is not open to anywhere", p.text(i, j))
		}
	}
	// "web may only reach private ranges on 443", "egress to public
	// addresses", "from non-cluster IPs": a noun of addresses with no
	// address after it; dropped, the rule was open to anywhere.
	if valueNouns[w] && !p.is(i+1, "(") && !p.valueSaid() && !p.is(i+1, ":") {
		k := i - 1
		for unread(k) || determiners[p.word(k)] || p.is(k, "non-cluster", "non-private", "public") {
			k--
		}
		if k < i-1 || !p.is(i-1, "port", "ports") {
			if p.is(k, "from", "to", "towards", "toward", "into") || k >= 0 && p.claim[k] == "direction-verb" {
				return fmt.Sprintf("which addresses are %q? Name them by their values (\"10.0.0.0/8\"), so that the rule is not open to anywhere", p.text(k+1, i+1))
			}
		}
	}
	if stageWords[w] && (selector(i+1) && (i == 0 || determiners[p.word(i-1)] || p.is(i-1, "only", "allow", "let", "permit")) || selector(i-1) && p.toks[i-1].kind == tLabel) {
		return fmt.Sprintf("which of the pods are %q? Name them by their labels in the rule", p.text(i, i+1))
	}
	k := i - 1
	for determiners[p.word(k)] {
		k--
	}
	// "app=api pods owned by team-a", "belonging to the payments team"
	if p.is(k, "by", "to") && p.is(k-1, "owned", "managed", "operated", "maintained", "belonging") && selector(k-2) && unread(i) {
		j := i + 1
		for unread(j) {
			j++
		}
		return fmt.Sprintf("which of the pods does %q pick? Name them by their labels, or their namespace, in the rule", p.text(k-1, j))
	}
	if p.is(k, "in", "of", "from", "on", "at", "within", "inside") && selector(k-1) && unread(i) && !p.is(i, "default") && !slices.ContainsFunc(p.toks[i:min(i+4, len(p.toks))], func(t token) bool { return t.low == "port" || t.low == "ports" || t.kind == tNumber }) {
		j := i + 1
		for unread(j) {
			j++
		}
		return fmt.Sprintf("which of the pods does %q pick? Name them by their labels, or their namespace, in the rule", p.text(k, j))
	}
	return ""
}

// matchedNouns name what a KubeArmor rule matches, in general words: the
// files, programs, calls or sockets the paths and names of the rule are.
var matchedNouns = set("file", "files", "binary", "binaries", "executable", "executables", "program", "programs", "script", "scripts",
	"shell", "shells", "key", "keys", "certificate", "certificates", "cert", "certs", "secret", "secrets", "log", "logs", "tool", "tools",
	"syscall", "syscalls", "call", "calls", "socket", "sockets", "capability", "capabilities", "process", "processes", "command", "commands",
	"config", "configs", "copy", "copies", "session", "sessions")

// unreadTargetNarrowing asks about a word no rule read that stands just
// before what a system rule matches: "block interactive /bin/sh", "block
// access to .pem files in /etc/ssl/", "private keys in /etc/ssl/",
// "setuid binaries in /usr/bin/", "audit 32-bit ptrace calls". KubeArmor
// matches a path, a directory or a name whatever the runs or files are
// like; dropped, the word that picked some of them would give the rule to
// all of them. It returns the question, or "".
func (p *parser) unreadTargetNarrowing(i int) string {
	unread := func(k int) bool {
		return k >= 0 && k < len(p.toks) && (p.toks[k].kind == tWord || p.toks[k].kind == tNumber) && (p.claim[k] == "" || p.claim[k] == "no-meaning") &&
			!determiners[p.word(k)] && !prepositions[p.word(k)] && !fillerWords[p.word(k)] && !matchedNouns[p.word(k)]
	}
	if !unread(i) || i > 0 && unread(i-1) || p.is(i, "specifically", "namely", "especially", "particularly", "notably", "rather", "instead") {
		return ""
	}
	// the word stands where the rule's object begins: after the verdict
	// ("block interactive /bin/sh"), an article or "to", "of", "on"
	// ("access to .pem files"); not a verb of its own ("Docker mounts
	// /proc/sys", "events that affect /etc/sudoers").
	if k := i - 1; k >= 0 && !(p.claim[k] == "action-word" || p.claim[k] == "file-word" || p.claim[k] == "process-word" || p.is(k, "a", "an", "the", "any", "all", "every", "each", "to", "of", "on", "for", "at", "its", "their", "our")) {
		return ""
	}
	j := i + 1
	for unread(j) {
		j++
	}
	if j >= len(p.toks) {
		return ""
	}
	// "interactive /bin/sh", "32-bit ptrace calls": the word picks some
	// runs of the path or calls of the syscall; "private keys in
	// /etc/ssl/", ".pem files under /etc/": some of the files in the
	// directory. ("admin binaries, namely /usr/bin/sudo": a kind the
	// paths after it name.)
	held := func(k int) bool {
		if !p.is(k, "in", "under", "inside", "within", "below", "beneath", "into") {
			return false
		}
		k++
		for determiners[p.word(k)] {
			k++
		}
		return k < len(p.toks) && p.toks[k].kind == tPath && p.taken(k)
	}
	// "interactive shells (/bin/sh)": the paths in brackets are the ones
	// meant. ("the sleep command (/usr/bin/sleep)": the word is the
	// program's name.)
	bracketed := p.is(j+1, "(") && j+2 < len(p.toks) && p.toks[j+2].kind == tPath && p.taken(j+2) && lastElem(p.toks[j+2].raw) != p.word(i)
	target := p.toks[j].kind == tPath && p.taken(j) || p.claim[j] == "syscall" || matchedNouns[p.word(j)] && (held(j+1) || bracketed)
	if !target {
		return ""
	}
	return fmt.Sprintf("which of them does %q pick? KubeArmor matches a path, a directory, a program's name, a capability or a syscall, whatever the runs or files are like; say the rule without the word, or name exactly the paths it means", p.text(i, j+1))
}

// verdictOnlyInBrackets returns the word that gave the clause its verdict
// when every such word stands in brackets, or -1: "The app=web pods
// connect to app=db on 5432 (currently blocked by the old policy)" says how
// things are, in an aside; read as a deny, the aside made the rule.
func (p *parser) verdictOnlyInBrackets() int {
	at := -1
	for k, c := range p.claim {
		switch c {
		case "deny-word", "allow-word", "verdict", "audit-word", "isolate-word":
			if !p.bracketed(k) {
				return -1
			}
			if at < 0 {
				at = k
			}
		}
	}
	return at
}

// onlyAfterReached reports whether the clause ends in "only" just after
// the pods a verb of reaching names, which the policy is for: "app=web pods
// may reach pods in the same namespace only", "app=web pods may talk to
// app=api only". Like "X may reach only Y" it may limit X's egress; read
// as "X may reach Y" it gave Y's ingress from X, and isolated Y.
func (p *parser) onlyAfterReached(in *generator.Intent) bool {
	k := len(p.toks) - 1
	for k >= 0 && p.toks[k].kind == tPunct {
		k--
	}
	if k < 2 || !p.is(k, "only") || p.claim[k] != "verdict" || len(in.Network) == 0 || in.Network[0].Direction != generator.Ingress {
		return false
	}
	switch p.claim[k-1] {
	case "labels", "endpoint", "workload-name", "namespace", "every-pod", "same-namespace", "namespace-of", "namespace-labels":
	default:
		return false
	}
	for d := range k - 1 {
		if p.claim[d] == "direction-verb" && reachVerbs[p.word(d)] {
			return slices.ContainsFunc(in.Origins, func(o generator.Origin) bool {
				return strings.HasPrefix(o.Field, "subject.") && o.From == generator.FromRequest && o.Start >= p.toks[d].end
			})
		}
	}
	return false
}

// sendBefore reports whether a verb of sending stands just before k, with
// at most "traffic" or "packets" between: "send traffic to it".
func (p *parser) sendBefore(k int) bool {
	j := k - 1
	if p.is(j, "traffic", "packets", "requests", "data", "connections") {
		j--
	}
	return p.is(j, "send", "sends", "sending", "connect", "connects", "egress", "talk", "talks", "reach", "reaches", "call", "calls")
}

// addressKinds name kinds of address an exception leaves out: "so no
// RFC1918, CGNAT, link-local or cloud metadata".
var addressKinds = set("rfc1918", "rfc-1918", "private", "internal", "cgnat", "link-local", "loopback", "metadata", "cloud", "ranges", "range", "addresses", "ips",
	"networks", "network", "subnets", "lan", "localhost", "multicast")

// exceptsAddresses reports whether the CIDRs just before token i are
// exceptions of a range: "0.0.0.0/0 except 10.0.0.0/8, 172.16.0.0/12".
func (p *parser) exceptsAddresses(i int) bool {
	k := i - 1
	for k >= 0 && (p.toks[k].kind == tCIDR || p.is(k, ",", "and", "or")) {
		k--
	}
	return k >= 1 && p.is(k, "except", "excluding") && p.toks[k-1].kind == tCIDR ||
		k >= 2 && p.is(k, "not") && p.is(k-1, "but") && p.toks[k-2].kind == tCIDR
}

// externalNamedAfterColon reports whether "external" at i describes a
// thing in words ("a single external SaaS", "the external API") just
// before a colon, and the statement after the colon names DNS names and no
// other peer outside: no address, and no word of the world.
func (p *parser) externalNamedAfterColon(i int) bool {
	k := i + 1
	for k < i+4 && p.tok(k) != nil && p.toks[k].kind == tWord && !meaningful(p.toks[k]) {
		k++
	}
	if k == i+1 {
		return false
	}
	var rest []token
	switch {
	case p.is(k, ":"):
		rest = p.toks[k+1:]
	case k == len(p.toks) && strings.HasPrefix(strings.TrimSpace(p.request[p.toks[k-1].end:]), ":"):
		// the clause ends at the colon, the statement is the next one
		rest = p.after(p.toks[k-1].end)[1:]
	default:
		return false
	}
	end := 0
	for end < len(rest) && rest[end].low != "." && rest[end].low != ";" {
		end++
	}
	after := rest[:end]
	return slices.ContainsFunc(after, func(x token) bool { return x.kind == tDomain }) && !slices.ContainsFunc(after, func(x token) bool {
		return x.kind == tCIDR || x.low == "external" || entityWord(x.low) == "world" || x.low == "outside" || x.low == "anywhere" || x.low == "everywhere"
	})
}

// ownsAddressAfter reports whether a word of whom, at i, is followed by a
// noun of addresses and the address itself: "the provider's published
// range 198.51.100.0/24", "the partner's CIDR 203.0.113.0/24".
func (p *parser) ownsAddressAfter(i int) bool {
	for k := i + 1; k <= i+3 && k+1 < len(p.toks); k++ {
		if cidrNouns[p.word(k)] {
			return p.toks[k+1].kind == tCIDR
		}
		if p.toks[k].kind != tWord || meaningful(p.toks[k]) {
			return false
		}
	}
	return false
}

// addressEndNouns end a phrase that says what an address is: "the cloud
// metadata endpoint", "our office NAT gateway".
var addressEndNouns = []string{"endpoint", "address", "server", "service", "gateway", "proxy", "resolver", "host", "range", "subnet", "network", "block", "api", "mirror", "registry"}

// relationWords, left unread, relate a value to the rules instead of
// adding it to them: "..., since the old endpoint api.paypal.com is gone",
// "now that ...", "like api.paypal.com", "rather than ...", "which
// replaced ...", "formerly ...", "(/bin/bash stays)".
var relationWords = set("because", "since", "as", "given", "now", "like", "than", "instead", "formerly", "previously", "replaced", "replaces", "replacing",
	"after", "unlike", "similar", "stays", "remains", "stay", "remain")

// relatesValue reports whether the unread word at i is a word of
// relationWords that relates a value to the rules: a value follows it in
// the sentence, or, for "stays" and "remains", stands just before it.
func (p *parser) relatesValue(i int) bool {
	w := p.word(i)
	if !relationWords[w] || p.is(i-1, "such", "well", "same") || w == "as" && p.is(i+1, "well", "follows", "such") || w == "like" && p.is(i-1, "would", "i'd", "we'd", "i", "we", "you") ||
		(w == "now" || w == "given") && !p.is(i+1, "that") {
		return false
	}
	// A value said again later in the request is the rules' own: "rather
	// than rm'ing /bin/bash in a startupProbe, block /bin/bash". One said
	// before ("except 10.1.0.0/16, because 10.1.0.0/16 is the office") is
	// what the reason is about, and the rules would take it twice.
	value := func(u token) bool {
		return u.kind != tWord && u.kind != tPunct && !slices.ContainsFunc(p.all, func(o token) bool { return o.start > u.start && o.low == u.low })
	}
	if w == "stays" || w == "remains" || w == "stay" || w == "remain" {
		return slices.ContainsFunc(p.toks[max(i-3, 0):i], value)
	}
	end := i + 1
	for end < len(p.toks) && !p.is(end, ",", ":", ";", "(", ")", ".", "-") {
		end++
	}
	return slices.ContainsFunc(p.toks[i+1:end], value)
}

// narrowingWords in a heading pick some of the pods the request named
// before: "the db pods (app=db). The replicas of role primary: allow ...".
var narrowingWords = set("role", "replica", "replicas", "primary", "primaries", "leader", "leaders", "follower", "followers", "secondary", "secondaries", "master", "masters", "whose", "labeled", "labelled", "tagged")

// rankWords pick some pods of a set by their part in it: "the primary
// replicas", "the leader pods".
var rankWords = set("primary", "leader", "master", "secondary", "follower", "standby")

// scopeTitleEnd returns where a title of standing rules for the whole
// cluster ends when tokens open with one, at its comma, colon or dash:
// "Cluster baseline,", "cluster-wide guardrails:", "Global egress
// baseline -". A direction it says must be said again after it; else 0.
func scopeTitleEnd(toks []token) int {
	scope, noun := false, false
	k := 0
	for ; k < len(toks) && k < 5; k++ {
		w := toks[k].low
		switch {
		case clusterFamily[w] == "cluster" || w == "cluster" || w == "global":
			scope = true
		case (ingressWords[w] || egressWords[w]) && slices.ContainsFunc(toks[k+1:], func(t token) bool { return t.low == w }):
		case standingNouns[w] || policyNouns[w] || w == "rules" || w == "defaults":
			noun = true
		default:
			if scope && noun && (w == "," || w == ":" || w == "-") {
				return k
			}
			return 0
		}
	}
	return 0
}

// runnerWords say who runs a process or opens a file, or how it went, which
// no KubeArmor rule tells apart: "for non-root users", "by root", "large
// files", "failed calls", "run interactively".
var runnerWords = set("non-root", "nonroot", "uid", "uids", "gid", "username", "interactively", "failed", "failing",
	"successful", "unsuccessful", "large", "larger", "largest", "big", "bigger", "huge", "small", "smaller")

// hedgeWords leave a rule open: "maybe", "(optional)".
var hedgeWords = set("maybe", "perhaps", "optional", "optionally", "possibly", "probably", "ideally")

// leftOutWords say, after what they name, that it is left out of a rule:
// "root excepted", "the admin user exempted".
var leftOutWords = set("excepted", "exempted", "excluded", "spared", "aside")

// runBy reports whether the word at i says which user a rule is for: "for
// root", "by users other than root", "for the root user", "by the www-data
// user", "only root may ...". ("touched by root, who owns them" beside an owner-only rule says
// who the owner is.)
func (p *parser) runBy(i int) bool {
	if !p.is(i, "root", "user", "users") || p.is(i+1, ",") && p.is(i+2, "who") {
		return false
	}
	k := i - 1
	for k >= 0 && (determiners[p.word(k)] || p.is(k, "root") || !p.taken(k) && p.toks[k].kind == tWord && p.is(i, "user", "users") && k == i-1 && !prepositions[p.word(k)]) {
		k--
	}
	// "only root may run /usr/bin/node", "everyone except the root user",
	// "root may read /etc/shadow": the user the rule is for, or who acts.
	// "(root allowed)", "(the admin user is fine)": a user let through.
	return p.is(k, "by", "for", "than", "only", "except", "but", "besides", "unless", "bar", "barring", "save", "excepting") || p.is(i, "root") && (modals[p.word(i+1)] || p.is(i+1, "alone")) ||
		userLetThrough(p.toks[i+1:])
}

// userLetThrough reports whether toks, after a word naming a user, say the
// user is let through or left out: "excepted", "allowed", "is fine", "may".
func userLetThrough(toks []token) bool {
	k := 0
	for k < len(toks) && (toks[k].low == "is" || toks[k].low == "are" || toks[k].low == "stays" || toks[k].low == "remains" || toks[k].low == "being" || toks[k].low == "still") {
		k++
	}
	// "root being the exception", "the admin user still needs it", "root
	// may read"
	if k+1 < len(toks) && (toks[k].low == "the" || toks[k].low == "an") && (toks[k+1].low == "exception" || toks[k+1].low == "exemption") {
		return true
	}
	if k < len(toks) && (toks[k].low == "needs" || toks[k].low == "need" || toks[k].low == "may" || toks[k].low == "can") {
		return true
	}
	if k+2 < len(toks) && (toks[k].low == "gets" || toks[k].low == "get") && toks[k+1].low == "a" && toks[k+2].low == "pass" {
		return true // "root gets a pass"
	}
	return k < len(toks) && (leftOutWords[toks[k].low] || toks[k].low == "exempt" || toks[k].low == "allowed" || toks[k].low == "permitted" || toks[k].low == "fine" || toks[k].low == "ok" || toks[k].low == "okay" ||
		toks[k].low == "notwithstanding" || toks[k].low == "excused")
}

// whenWords open a clause that may say when a rule holds.
var whenWords = set("when", "whenever", "once", "after", "if")

// eventWords may stand in a when-clause that only says again what the rule
// is about: "alert when anything touches /etc/sudoers", "audit /bin/sh
// whenever it's spawned by /usr/sbin/apache2".
var eventWords = set("it", "it's", "they", "them", "something", "anything", "anyone", "someone", "somebody", "anybody", "whatever", "whoever", "tries", "try",
	"attempts", "attempt", "by", "from", "or", "and", "gets", "get", "got", "uses", "use", "used", "opens", "opened", "launches", "starts", "edits", "edited",
	"shell", "shells")

// whenCondition reports whether the word at i opens a clause ("when",
// "once", "after") of words no rule read and that say more than what the
// rule is about: "block /bin/sh when it is run interactively", "When an
// alert fires, block /bin/sh", "after the migration finishes". "alert when
// anything touches /etc/sudoers" says the event the rule is about.
func (p *parser) whenCondition(i int) bool {
	if !whenWords[p.word(i)] || p.taken(i) {
		return false
	}
	for j := i + 1; j < len(p.toks) && p.toks[j].kind != tPunct; j++ {
		w := p.word(j)
		// "when it is started by the JVM, /usr/lib/jvm/.../java": a name the
		// path after it says again.
		if p.toks[j].kind == tWord && p.is(j+1, ",") && j+2 < len(p.toks) && p.toks[j+2].kind == tPath && p.taken(j+2) {
			continue
		}
		if p.taken(j) || fillerWords[w] || determiners[w] || eventWords[w] || processVerbs[w] || fileVerbs[w] || writeWords[w] || processNouns[w] || fileNouns[w] || podNouns[w] || prepositions[w] {
			continue
		}
		if p.describesNamedTools(j) {
			continue
		}
		return true
	}
	return false
}

// openAllowFillers are the words after "for" or "by" that name no one:
// "on 443 for all of them", "for now".
var openAllowFillers = set("from", "to", "within", "inside", "the", "a", "an", "all", "any", "every", "each", "of", "them", "it", "this", "that", "these", "those", "now", "and", "or",
	"good", "instance", "example", "short", "clients", "client", "callers", "caller", "anyone", "everyone", "anybody", "everybody")

// peerAfterOpenAllow finds "for X", "by X" or "from within X" that no rule took,
// beside an allow whose peers were left open: "allow ingress to app=db on
// 5432 for api and web", "... only for billing", "... by api". Dropped, it
// would allow every peer where the words may name some. It returns the
// span, or -1 when there is none.
func (p *parser) peerAfterOpenAllow(in *generator.Intent) (int, int) {
	openTo := map[generator.Direction]bool{}
	for _, r := range in.Network {
		if r.Verdict == generator.Allow && len(r.Peers) == 0 && len(r.DNS) == 0 {
			openTo[r.Direction] = true
		}
	}
	if len(openTo) == 0 || p.saysAnything() {
		return -1, -1
	}
	return p.unreadQualifier(func(i int) bool {
		return p.is(i, "for", "by", "within", "inside") || openTo[generator.Ingress] && p.is(i, "from") ||
			openTo[generator.Egress] && p.is(i, "to", "towards", "toward") && !p.is(i+1, "be") && !policyNouns[p.word(i-1)]
	})
}

// narrowingWho finds "for X", "by X", "from X" that no rule took, X
// naming people, a container, a stage or a rank: "block /bin/sh in the
// app=web pods for contractors", "block writes to /etc/ ... from the
// sidecar", "allow ... to world on 443 for the marketing team only", "...
// but only the primary". Rules hold for every user, container and replica
// of the pods; dropped, the words would be widened.
func (p *parser) narrowingWho(in *generator.Intent) (int, int) {
	k, j := p.unreadQualifier(func(i int) bool { return p.is(i, "for", "by", "from", "within", "inside", "in", "but") })
	if p.is(j, ":") {
		// "Egress rules for prod: ...": a heading, asked about on its own.
		return -1, -1
	}
	for m := k + 1; k >= 0 && m < j; m++ {
		// "in a container", "in containers" say where a rule holds, not
		// which container: "the web container", "the sidecar" single one out.
		// "No shells in production: the pods labeled env=production ...": a
		// stage the labels or namespace say; "for the prototype test": a purpose.
		stage := stageWords[p.word(m)] && !p.is(m, "test", "testing") && !saysValue(in, p.word(m))
		// "for the ... user validation": a word before its noun.
		if m+1 < j && !openAllowFillers[p.word(m+1)] && !p.is(m+1, "only", "alone") && !whoNouns[p.word(m+1)] {
			continue
		}
		if (whoNouns[p.word(m)] || stage || rankWords[p.word(m)] || p.is(m, "account", "accounts", "release", "releases", "deployment", "version")) && (!containerNouns[p.word(m)] || m > k+1 && !openAllowFillers[p.word(m-1)] && !p.is(m-1, "every", "each")) {
			return k, j
		}
	}
	return -1, -1
}

// whoNouns name people or parts of a pod that a KubeArmor rule cannot single
// out: "for contractors", "by outsiders", "from the sidecar", "in the web
// container".
var whoNouns = set("contractor", "contractors", "user", "users", "developer", "developers", "devs", "admin", "admins", "administrators", "operator",
	"operators", "ops", "intern", "interns", "team", "teams", "human", "humans", "people", "engineer", "engineers", "staff", "customer", "customers",
	"tenant", "tenants", "outsider", "outsiders", "vendor", "vendors", "guest", "guests", "attacker", "attackers", "sidecar", "sidecars", "container",
	"containers", "init", "session", "sessions")

var containerNouns = set("container", "containers")

// saysValue tells whether the subject's namespace or one of its labels'
// values is w.
func saysValue(in *generator.Intent, w string) bool {
	if strings.EqualFold(in.Subject.Namespace, w) {
		return true
	}
	if in.Subject.Pods != nil {
		for _, v := range in.Subject.Pods.MatchLabels {
			if strings.EqualFold(v, w) {
				return true
			}
		}
	}
	return false
}

// unreadQualifier finds a preposition that prep accepts, and no rule took,
// followed by words no rule took, one of them not a filler.
func (p *parser) unreadQualifier(prep func(i int) bool) (int, int) {
	for i := range p.toks {
		if !prep(i) || p.taken(i) && p.claim[i] != "purpose" {
			continue
		}
		// "every other request must be rejected by the proxy": who enforces.
		if p.is(i, "by") && p.is(i-1, "rejected", "refused", "dropped", "blocked", "denied", "enforced", "filtered", "handled", "answered") {
			continue
		}
		j := i + 1
		named := false
		for ; j < len(p.toks) && p.toks[j].kind == tWord && (!p.taken(j) || p.claim[j] == "purpose") && !p.is(j, "on", "at", "over", "via", "in", "using"); j++ {
			if !openAllowFillers[p.word(j)] {
				named = true
			}
		}
		if named {
			return i, j
		}
	}
	return -1, -1
}

// dnsServerWords may stand between "DNS" and the address of the server
// the pods query: "DNS queries to 1.1.1.1", "Google DNS (8.8.8.8)", "the
// upstream DNS server 10.0.0.2".
var dnsServerWords = set("queries", "query", "lookups", "lookup", "requests", "request", "traffic", "server", "servers", "resolver", "resolvers",
	"to", "at", "(", "only", "the", "via", "through", "on", "is")

// dnsServerAddress returns the index of an address said just after
// "DNS", when the rules read allow the cluster DNS: the address may be
// the DNS server itself, whose port 53 went to the cluster DNS while the
// address took every port. -1 when there is none.
func (p *parser) dnsServerAddress(in *generator.Intent) int {
	if !slices.ContainsFunc(in.Network, func(r generator.NetworkRule) bool {
		return slices.ContainsFunc(r.Peers, func(x generator.Peer) bool { return x.ClusterDNS })
	}) {
		return -1
	}
	for j, t := range p.toks {
		if t.low != "dns" {
			continue
		}
		for k := j + 1; k < len(p.toks) && k <= j+4; k++ {
			if p.toks[k].kind == tCIDR {
				return k
			}
			if !dnsServerWords[p.word(k)] {
				break
			}
		}
	}
	return -1
}

// wordEnd is where the text glued to token i ends: the end of the last
// token after it with no space between.
func (p *parser) wordEnd(i int) int {
	end := p.toks[i].end
	for k := i + 1; k < len(p.toks) && p.toks[k].start == end; k++ {
		end = p.toks[k].end
	}
	return end
}

// glossWords say that the paths after them are what a noun before named:
// "network tooling binaries ..., namely /usr/bin/curl, /usr/bin/wget".
var glossWords = set("namely", "i.e.", "i.e", "ie", "specifically")

// describesNamedTools reports whether the word at j only describes the
// binaries a process noun after it names ("network tooling binaries",
// "admin tools", within two words), where the request then names them by
// path after a gloss word: "alert when network tooling binaries are
// executed ..., namely /usr/bin/curl, /usr/bin/wget". The list says which
// binaries; the words before the noun add no condition. Without such a
// list ("alert when unsigned binaries are executed") they may narrow the
// rule, and the engine asks.
func (p *parser) describesNamedTools(j int) bool {
	if p.toks[j].kind != tWord {
		return false
	}
	noun := -1
	for k := j + 1; k <= j+2 && k < len(p.toks); k++ {
		if processNouns[p.word(k)] {
			noun = k
			break
		}
		if p.toks[k].kind != tWord {
			return false
		}
	}
	if noun < 0 {
		return false
	}
	for k := noun + 1; k+1 < len(p.toks); k++ {
		if (glossWords[p.word(k)] || p.is(k, "that") && p.is(k+1, "is")) && slices.ContainsFunc(p.toks[k+1:min(k+4, len(p.toks))], func(t token) bool { return t.kind == tPath }) {
			return true
		}
	}
	return false
}

// clauseTaken reports whether a rule took a word of the clause from i on
// ("when the request carries the header X-Env: prod", "if it comes from
// app=red"): a condition the rules say.
func (p *parser) clauseTaken(i int) bool {
	for j := i; j < len(p.toks) && p.toks[j].kind != tPunct; j++ {
		if p.taken(j) {
			return true
		}
	}
	return false
}

// qualifierPreps start a phrase after a rule that says which requests or
// callers it is for: "with json bodies", "for the mobile clients", "from
// the v2 ui", "to the canary version", "up to 10MB".
var qualifierPreps = set("with", "for", "from", "to", "without", "using", "over")

// trailingQualifier asks about a phrase that ends a rule with HTTP
// requests and that no rule read: "allow app=client GET /api on app=api
// port 8080 for the mobile clients", "... with a bearer token", "... up to
// 10MB". The words name callers, versions or requests the HTTP rule
// cannot hold; dropped, the rule allowed every caller and request.
func (p *parser) trailingQualifier(i int, in *generator.Intent) string {
	if !slices.ContainsFunc(in.Network, func(r generator.NetworkRule) bool { return len(r.HTTP) > 0 }) {
		return ""
	}
	t := p.toks[i]
	unread := func(k int) bool {
		return p.claim[k] == "" || p.claim[k] == "no-meaning" || p.claim[k] == "filler" || p.claim[k] == "purpose"
	}
	if t.kind != tWord && t.kind != tNumber || determiners[t.low] || prepositions[t.low] || fillerWords[t.low] || !unread(i) {
		return ""
	}
	k := i - 1
	for k >= 0 && unread(k) && !qualifierPreps[p.word(k)] && p.toks[k].kind != tPunct {
		k--
	}
	if p.is(k, "to") && p.is(k-1, "up") && unread(k-1) {
		k-- // "up to 10MB"
	}
	if k < 1 || !qualifierPreps[p.word(k)] || !unread(k) || !p.taken(k-1) || !slices.ContainsFunc(p.claim[:k], func(c string) bool { return c == "http-method" || c == "http-path" || c == "http-header" }) {
		return ""
	}
	end := i + 1
	for end < len(p.toks) && unread(end) && p.toks[end].kind != tPunct {
		end++
	}
	// The phrase ends the clause: "to the index - HTTP PUT on /x" is
	// followed by the rule it leads to.
	for n := end; n < len(p.toks); n++ {
		if p.toks[n].kind != tPunct {
			return ""
		}
	}
	return fmt.Sprintf("what does %q change? An HTTP rule matches the method, the path and headers of the requests, on the peers and ports named; name the callers by their labels, say a header, or leave the words out", p.text(k, end))
}

// metadataWords name the cloud's instance metadata service, which is an
// address (169.254.169.254), not pods: "the metadata service", "cloud
// metadata", "IMDS".
var metadataWords = set("metadata", "imds")

// metadataNamed asks about the metadata service named in words, read as
// pods ("checkout may not reach the metadata service" gave app=metadata
// with --assume-app-label) or dropped beside a name taken for pods ("to
// cloud metadata" gave app=cloud), when no address says which it is.
func (p *parser) metadataNamed(in *generator.Intent) string {
	if slices.ContainsFunc(p.toks, func(t token) bool {
		return (t.kind == tCIDR || t.kind == tDomain) && (strings.HasPrefix(t.low, "169.254.") || strings.Contains(t.low, "metadata"))
	}) {
		return ""
	}
	// the label values the rules read from names
	values := map[string]bool{}
	add := func(s *metav1.LabelSelector) {
		if s != nil {
			for _, v := range s.MatchLabels {
				values[strings.ToLower(v)] = true
			}
		}
	}
	for _, x := range append([]*generator.Intent{in}, in.Others...) {
		add(x.Subject.Pods)
		for _, r := range x.Network {
			for _, pe := range r.Peers {
				add(pe.Pods)
			}
		}
	}
	name := func(k int) bool {
		if k < 0 || k >= len(p.toks) || p.claim[k] != "workload-name" {
			return false
		}
		for v := range values {
			if strings.HasSuffix(v, p.toks[k].low) {
				return true
			}
		}
		return false
	}
	for i, t := range p.toks {
		if t.kind != tWord || !metadataWords[t.low] {
			continue
		}
		if name(i) || !p.taken(i) && (name(i-1) || name(i+1)) {
			return fmt.Sprintf("is %q the cloud's metadata service (the address 169.254.169.254), or pods of yours? Say \"169.254.169.254/32\", or name the pods by their labels", p.text(max(i-1, 0), min(i+2, len(p.toks))))
		}
	}
	return ""
}

// thousandsPort asks about a number written with a thousands separator
// where ports go: "on 8,443" is port 8443 or ports 8 and 443.
// ("80,443" cannot be one port: 80443 is past 65535.)
func (p *parser) thousandsPort() string {
	for i := 0; i+2 < len(p.toks); i++ {
		a, c, b := p.toks[i], p.toks[i+1], p.toks[i+2]
		if (a.kind == tRange || b.kind == tRange) && c.raw == "," && c.start == a.end && b.start == c.end && shortTailRE.MatchString(a.raw) && threeHeadRE.MatchString(b.raw) {
			return fmt.Sprintf("are there thousands separators in %q? Say the ports without commas (\"1024-65535\")", p.text(i, i+3))
		}
		if a.kind != tNumber || b.kind != tNumber || c.raw != "," || c.start != a.end || b.start != c.end || len(a.raw) > 2 || len(b.raw) != 3 {
			continue
		}
		var n int
		if _, err := fmt.Sscanf(a.raw+b.raw, "%d", &n); err != nil || n > 65535 {
			continue
		}
		return fmt.Sprintf("is %q one port (%d) or the ports %s and %s? Say \"port %d\", or \"ports %s and %s\"", p.text(i, i+3), n, a.raw, b.raw, n, a.raw, b.raw)
	}
	return ""
}

// shortTailRE and threeHeadRE find "1,024-65,535": one or two digits before a
// comma, three after it.
var shortTailRE, threeHeadRE = regexp.MustCompile(`(^|\D)\d{1,2}$`), regexp.MustCompile(`^\d{3}(\D|$)`)

// additionLeads say that the word after them adds to what came before:
// "..., and also orders", "..., plus cart", "likewise orders".
var additionLeads = set("also", "plus", "likewise", "similarly", "ditto", "additionally", "besides")

// unreadAddition asks about a plain word that no rule read and that words
// of addition join to a rule before it: "checkout may only reach payments
// on 8443, and also orders", "..., plus cart", "..., as well as cart",
// "... in addition to cart", "..., orders too". Dropped, the rule would
// leave out the pods it may name.
func (p *parser) unreadAddition(i int) string {
	t := p.toks[i]
	if t.kind != tWord || fillerWords[t.low] || determiners[t.low] || prepositions[t.low] || len(validation.IsDNS1123Label(t.low)) != 0 || verbLike(t.low) || i == 0 {
		return ""
	}
	// "plus public HTTP": a word before another word describes it.
	if i+1 < len(p.toks) && p.toks[i+1].kind == tWord && !p.is(i+1, "too", "as", "on", "pods", "pod", "and", "or", "only") {
		return ""
	}
	k := i - 1
	for k >= 0 && determiners[p.word(k)] && !p.taken(k) {
		k--
	}
	from, to := k, i+1
	switch {
	case additionLeads[p.word(k)]:
	case p.is(k, "as") && p.is(k-1, "well") && p.is(k-2, "as"), p.is(k, "to") && p.is(k-1, "addition") && p.is(k-2, "in"), p.is(k, "for", "with") && p.is(k-1, "goes") && p.is(k-2, "same"):
		from = k - 2
	case p.is(k, "for", "with") && p.is(k-1, "same"):
		from = k - 1
	case p.is(i+1, "too"):
		from, to = i, i+2
	case p.is(i+1, "as") && p.is(i+2, "well"):
		from, to = i, i+3
	default:
		return ""
	}
	if from < 1 {
		return ""
	}
	return fmt.Sprintf("does %q add to the rule before it (another peer, or the same rule for other pods)? Say its rule in full (\"and checkout may reach %s on 8443\")", p.text(from, to), t.raw)
}

// unreadBound asks about "at least", "at most", "no more than" before a
// port or a number, which no rule reads: "on at least port 443" would be
// port 443 alone.
func (p *parser) unreadBound(i int) string {
	// "on port 5432 at most", "on 8080 or so": said after the port
	if p.is(i, "at") && p.is(i+1, "least", "most") || p.is(i, "or") && p.is(i+1, "so", "thereabouts") || p.is(i, "and") && p.is(i+1, "up", "above", "higher", "below", "lower") {
		if k := i - 1; k >= 0 && (p.toks[k].kind == tNumber || p.toks[k].kind == tRange) {
			return fmt.Sprintf("which ports does %q mean? A rule allows the ports it names and no others: name them all (\"on 443 and 8443\", \"on 1024-65535\")", p.text(k, min(i+2, len(p.toks))))
		}
	}
	if p.is(i, "roughly", "approximately", "about", "around", "circa", "~", "near") {
		if p.tok(i+1) == nil && i+1 < len(p.toks) && p.toks[i+1].kind == tNumber || p.is(i+1, "port") && i+2 < len(p.toks) && p.toks[i+2].kind == tNumber {
			return fmt.Sprintf("which ports does %q mean? A rule allows the ports it names and no others: name them all (\"on 443 and 8443\", \"on 1024-65535\")", p.text(i, min(i+3, len(p.toks))))
		}
	}
	if !(p.is(i, "at") && p.is(i+1, "least", "most") || p.is(i, "no", "not") && p.is(i+1, "more", "less", "fewer") && p.is(i+2, "than")) {
		return ""
	}
	for k := i + 2; k < min(i+5, len(p.toks)); k++ {
		if p.toks[k].kind == tNumber || p.toks[k].kind == tRange || p.is(k, "port", "ports") {
			return fmt.Sprintf("which ports does %q mean? A rule allows the ports it names and no others: name them all (\"on 443 and 8443\", \"on 1024-65535\")", p.text(i, min(k+2, len(p.toks))))
		}
	}
	return ""
}

// operatorWords change which traffic a rule is for; one misspelt ("excpet
// cart", "onyl web") and left unread, the rule would hold for peers the
// request set apart.
var operatorWords = []string{"except", "excluding", "unless", "only", "deny", "block", "allow", "never", "without"}

// realNearOperators are words one or two letters from an operator word
// that are words of their own.
var realNearOperators = set("including", "include", "includes", "included", "expect", "expects", "expected", "exempt", "excerpt", "accept", "ever", "lock", "locks", "clock", "flock", "blocks", "black", "allot", "alloy", "allows", "alloc",
	"den", "dent", "deno", "dene", "one", "own", "on", "onto", "unlike", "unto", "lever", "fever", "neve", "newer", "fewer", "nevertheless", "within", "with")

// misspeltOperator asks about an unread word that is one letter (two, for
// the long ones) from a word of operatorWords: "web may reach any pod
// excpet cart".
func (p *parser) misspeltOperator(i int) string {
	t := p.toks[i]
	if t.kind != tWord || len(t.low) < 3 || realNearOperators[t.low] || fillerWords[t.low] || determiners[t.low] || prepositions[t.low] {
		return ""
	}
	for _, w := range operatorWords {
		limit := 1
		if len(w) >= 6 {
			limit = 2
		}
		if strings.HasPrefix(t.low, w[:len(w)-1]) {
			continue // "excepted", "allowed", "blocking": the word, inflected
		}
		if d := editDistance(t.low, w); d > 0 && d <= limit {
			return fmt.Sprintf("is %q a misspelt %q? Say the request again with the word spelt out", t.raw, w)
		}
	}
	return ""
}

// editDistance counts the letters to add, drop, change or swap (two side
// by side) to turn a into b.
func editDistance(a, b string) int {
	d := make([][]int, len(a)+1)
	for i := range d {
		d[i] = make([]int, len(b)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(a); i++ {
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(a)][len(b)]
}

// unreadListed asks about a plain word that no rule read, joined by "and",
// "or", "nor" or a comma to a name read as pods: "allow web to reach both
// payments and orders on 8443" read payments alone.
func (p *parser) unreadListed(i int) string {
	t := p.toks[i]
	if t.kind != tWord || fillerWords[t.low] || determiners[t.low] || prepositions[t.low] || len(validation.IsDNS1123Label(t.low)) != 0 || verbLike(t.low) || temporalWords[t.low] {
		return ""
	}
	if !p.is(i-1, "and", "or", "nor", ",") || i < 2 || p.claim[i-2] != "workload-name" {
		return ""
	}
	return fmt.Sprintf("is %q more pods, beside %q? Name each peer (\"to the app=%s pods\"), or leave the word out", t.raw, p.toks[i-2].raw, t.low)
}

// versionRE is a version written as a word: "v2", "v1.4".
var versionRE = regexp.MustCompile(`^v\d+(\.\d+)*$`)

// unreadBesidePods asks about a plain word no rule read that stands next
// to pods a rule read, where it could name or pick pods:
//   - before a name or labels: "only the checkout worker pods may reach
//     db" ("checkout" may be part of the name, or pick some workers);
//   - joined to them by "and", "or" or a comma: "app=web may reach health
//     and app=db on 8080" ("health" may be more pods);
//   - a version after them: "allow app=web v2 to reach app=db".
//
// Dropped, the rule would hold for other pods than said.
func (p *parser) unreadBesidePods(i int) string {
	pods := func(k int) bool {
		return k >= 0 && k < len(p.toks) && (p.claim[k] == "workload-name" || p.claim[k] == "labels" && p.toks[k].kind == tLabel)
	}
	// "isolate the new app=db pods": a word of stage or age; "only private
	// app=web pods": a word of exposure just before labels.
	if (stageWords[p.word(i)] && pods(i+1) || exposureWords[p.word(i)] && i+1 < len(p.toks) && p.toks[i+1].kind == tLabel && pods(i+1)) &&
		(i == 0 || determiners[p.word(i-1)] || p.is(i-1, "only")) {
		return fmt.Sprintf("which of the pods are %q? Name them by their labels in the rule", p.toks[i].raw)
	}
	// "the test instance of app=db", "the EU copy of the db pods": a word
	// before a noun of copies picks one of them.
	if p.is(i+1, copyNouns...) && !p.taken(i+1) && p.is(i+2, "of") && !determiners[p.word(i)] && !fillerWords[p.word(i)] {
		k := i + 3
		for determiners[p.word(k)] {
			k++
		}
		if pods(k) {
			return fmt.Sprintf("what does %q change? Name the pods it picks by their labels in the rule, or leave the words out", p.text(i, i+2))
		}
	}
	// ("the backend (app=backend, nginx on 80)": an aside describes them.)
	if !p.looseName(i) || frameWords[p.word(i)] || stageWords[p.word(i)] || p.bracketed(i) {
		return ""
	}
	w := p.toks[i].raw
	switch {
	case p.is(i-1, "and", "or", ",") && pods(i-2) && (i+1 == len(p.toks) || p.toks[i+1].kind == tPunct || p.is(i+1, "on", "at", "over", "via")):
		return fmt.Sprintf("is %q more pods, beside %q? Name each peer by its labels, or leave the word out", w, p.toks[i-2].raw)
	case pods(i+1) && (i == 0 || determiners[p.word(i-1)] || p.is(i-1, "only", ",", "(")) && !temporalWords[p.word(i)] && !p.is(i, "moment", "time", "present"):
		return fmt.Sprintf("is %q part of the pods' name, or does it pick some of %q? Name the pods by their labels", p.text(i, i+2), p.toks[i+1].raw)
	case p.is(i+1, "and", "or", ",") && pods(i+2) && (i > 0 && (p.claim[i-1] == "direction-verb" || p.is(i-1, "to", "from", "and", ","))):
		return fmt.Sprintf("is %q more pods, beside %q? Name each peer by its labels, or leave the word out", w, p.toks[i+2].raw)
	case versionRE.MatchString(p.word(i)) && pods(i-1):
		return fmt.Sprintf("which of the %q pods are %q? Name them by their labels (\"version=%s\")", p.toks[i-1].raw, w, p.word(i))
	}
	return ""
}

// exposureWords, just before labels, pick the pods of some exposure:
// "only private app=web pods".
var exposureWords = set("private", "public", "exposed", "external", "remote", "local", "trusted", "untrusted", "internet-facing", "public-facing")

// copyNouns name one of several copies of pods: "the test instance of
// app=db", "the EU copy of the db pods".
var copyNouns = []string{"copy", "copies", "instance", "instances", "version", "versions", "release", "releases", "build", "builds", "variant", "variants",
	"flavor", "flavour", "edition", "deployment", "deployments", "install", "installation"}

// trialNouns name a rule tried out, not put in force: "as a test", "as
// a quick experiment", "as a pilot".
var trialNouns = set("test", "trial", "experiment", "pilot", "poc", "proof-of-concept", "dry-run", "spike", "try", "sandbox", "demo")

// unreadTrial asks about a rule said to be a trial: "allow app=web to
// reach app=db on 5432 as a test", "isolate app=db as a quick
// experiment". A policy enforces once applied; dropped, the words would
// put in force what the author meant to try (or only to watch).
func (p *parser) unreadTrial(i int) string {
	if !p.is(i, "as") || !p.is(i+1, "a", "an", "the", "our") {
		return ""
	}
	k := i + 2
	if !trialNouns[p.word(k)] && p.tok(k+1) != nil && !p.taken(k) && trialNouns[p.word(k+1)] {
		k++
	}
	if !trialNouns[p.word(k)] || p.taken(k) {
		return ""
	}
	return fmt.Sprintf("what does %q change? A policy enforces as soon as it is applied: say the rule to put in force, or ask for an audit where the kind has one", p.text(i, k+1))
}

// measureRE is a size, a duration or a rate written as one word: "10MB",
// "512KiB", "30s", "100ms", "10rps".
var measureRE = regexp.MustCompile(`^\d+(\.\d+)?(b|kb|mb|gb|tb|kib|mib|gib|bytes|ms|s|sec|secs|min|mins|h|hr|hrs|rps|qps|rpm|kbps|mbps|gbps)$`)

// unreadMeasure asks about a size, duration or rate no rule read: "POST
// /upload on 8080, up to 10MB", "with a 30s timeout". No policy here
// holds one; dropped, the rule would allow more than said.
func (p *parser) unreadMeasure(i int) string {
	if p.toks[i].kind != tWord || !measureRE.MatchString(p.toks[i].low) {
		return ""
	}
	return fmt.Sprintf("what does %q change? kunerva's policies cannot limit sizes, durations or rates: ask without it, or say the rule in ports, peers and requests", p.toks[i].raw)
}

// unreadForName asks about a plain word no rule read after "for" at the
// end of a clause, or a word of rank with "only": "allow web to reach db
// on 5432 for batch" (batch may name the pods), "to db on 5432 but only
// the primary", "db (primary only)". Dropped, the rule would hold for
// pods the words left out.
func (p *parser) unreadForName(i int) string {
	t := p.toks[i]
	// "on 5432 for the staging copy", "on 10250 for the kubelet": words
	// after "for" and a determiner, to the end, that no rule read.
	loose := func(k int) bool { return p.claim[k] == "" || p.claim[k] == "filler" || p.claim[k] == "no-meaning" }
	if p.is(i-1, "for") && loose(i-1) && p.is(i, "the", "our", "their", "its") && i >= 2 && (p.toks[i-2].kind == tNumber || p.toks[i-2].kind == tPortProto) {
		j := i + 1
		for j < len(p.toks) && p.toks[j].kind == tWord && loose(j) && !fillerWords[p.word(j)] {
			j++
		}
		if j > i+1 && (j == len(p.toks) || p.toks[j].kind == tPunct) {
			return fmt.Sprintf("what does %q change? Name the pods or addresses the rule is for by their labels or values, or leave the words out", p.text(i-1, j))
		}
	}
	if t.kind != tWord || fillerWords[t.low] || determiners[t.low] || prepositions[t.low] || temporalWords[t.low] || len(validation.IsDNS1123Label(t.low)) != 0 {
		return ""
	}
	end := i+1 == len(p.toks) || p.toks[i+1].kind == tPunct
	if p.is(i-1, "for") && end && (!p.taken(i-1) || loose(i-1) && i >= 2 && (p.toks[i-2].kind == tNumber || p.toks[i-2].kind == tPortProto)) {
		return fmt.Sprintf("what does %q change? Name the pods or addresses the rule is for by their labels or values, or leave the words out", p.text(i-1, i+1))
	}
	if rankWords[t.low] && (p.is(i-1, "the") && p.is(i-2, "only") || p.is(i+1, "only")) {
		return fmt.Sprintf("which of the pods are %q? Name them by their labels in the rule", t.raw)
	}
	return ""
}

// scopeQualifiers are words that pick some of the pods, a copy, a place or
// a time ("the staging copy of app=db", "in the EU cluster", "after the
// migration", "dbLockdown (staging only):", "(the canary release)", "by
// mistake"). Said beside a network rule and read by no rule (a heading, a
// remark, a word before the pods), they narrow or move the rule in the
// author's mind: dropped, the policy is for more than was meant.
var scopeQualifiers = set("staging", "canary", "preview", "replica", "replicas", "eu", "emea", "apac", "west", "east", "corporate", "migration",
	"mistake", "accidentally", "prod", "production", "dev", "qa", "standby")

// onlyHeadWords open a heading that limits the rules after it to some of
// the pods: "Workers only for the payments API (...)", "Batch jobs only:".
var onlyHeadWords = set("worker", "workers", "batch", "jobs", "job", "cronjobs", "canary", "staging", "replicas")

// scopeWordUnread asks, for network rules, about a word of the request
// that narrows them and that no value of the intents came from: a scope
// qualifier ("allow app=web to reach the staging copy of app=db on 5432",
// "In the EU cluster, allow ...", "dbLockdown (staging only): ..."),
// "internal" before the pods or the internet ("only internal app=web pods",
// "the internal internet"), a proxy of the internet ("the corporate
// internet proxy"), pods started or created after a time ("for app=web pods
// started after today"), a heading "<kind of pods> only" ("Workers only
// for the payments API (app=payments-api): ...", "Batch jobs only: ...").
// Words just before brackets are described by them ("the internal order
// API (app=order-api)"); a word that is a label's value is said by it
// ("canary release: pods labeled app.kubernetes.io/instance=canary").
func scopeWordUnread(request string, toks []token, all []*generator.Intent) error {
	network, system := false, false
	for _, x := range all {
		system = system || len(x.System) > 0
		network = network || len(x.Network) > 0
	}
	read := func(t token) bool { return readByIntents(t, all) }
	labelValue := func(w string) bool {
		return slices.ContainsFunc(toks, func(t token) bool { return strings.Contains(t.low, "=") && strings.HasSuffix(t.low, "="+w) })
	}
	// "in the staging namespace, ... Any other pod, even inside staging":
	// a namespace of the rules, said again.
	namespaceValue := func(w string) bool {
		for _, x := range all {
			if strings.EqualFold(x.Subject.Namespace, w) {
				return true
			}
			for _, r := range x.Network {
				if slices.ContainsFunc(r.Peers, func(pe generator.Peer) bool { return strings.EqualFold(pe.Namespace, w) }) {
					return true
				}
			}
		}
		return false
	}
	is := func(k int, words ...string) bool {
		return k >= 0 && k < len(toks) && slices.Contains(words, toks[k].low)
	}
	near := func(a, b int, words ...string) bool {
		for k := max(a, 0); k < b && k < len(toks); k++ {
			if is(k, words...) {
				return true
			}
		}
		return false
	}
	// sentenceRead tells whether the sentence of token i gave the intents
	// a value: a story or remark of its own ("While testing the staging
	// cluster I reached ...") is left to the rules of remarks.
	sentenceRead := func(i int) bool {
		a, b := i, i
		for a > 0 && !is(a-1, ".", ";", "!", "?") {
			a--
		}
		for b < len(toks) && !is(b, ".", ";", "!", "?") {
			b++
		}
		return slices.ContainsFunc(toks[a:b], read)
	}
	for i, t := range toks {
		if t.kind != tWord || read(t) || labelValue(t.low) || namespaceValue(t.low) || !sentenceRead(i) {
			continue
		}
		// "so we never accidentally expose an app": what the rule keeps
		// from happening; "after the migration from flannel is done":
		// when the rule is to be applied.
		// "Staging rollout in stage-2 - ...": a word of the scene before
		// the namespace it is about.
		if near(i+1, i+3, "in", "for") && slices.ContainsFunc(toks[min(i+2, len(toks)):min(i+5, len(toks))], func(u token) bool { return namespaceValue(u.low) }) {
			continue
		}
		if is(i, "accidentally", "mistake") && near(i-3, i, "never", "not", "don't", "no", "avoid") ||
			is(i, "migration") && near(i+1, i+8, "done", "complete", "completed", "finished", "over") {
			continue
		}
		described := false
		// "3000 (web UI, staging) and 22 (git over ssh)": the brackets of
		// the next port describe no word of these.
		for k := i + 1; k < len(toks) && k <= i+4 && !is(k, ".", ";", ":", "only", ")"); k++ {
			described = described || is(k, "(")
		}
		j := 0
		switch {
		case is(i, "started", "created", "launched", "deployed", "scheduled", "spawned") && is(i+1, "after", "before", "since", "until"):
			j = i + 2
		case system || !network:
			continue
		case (scopeQualifiers[t.low] || t.raw == "US") && !described:
			j = i + 1
		case t.low == "internal" && !described && i+1 < len(toks) && (strings.Contains(toks[i+1].low, "=") || is(i+1, "internet", "world", "pods", "pod", "workloads")):
			j = i + 2
		// "Service boundary for the test app=api: ...": a word of stage just
		// before labels, in a heading no rule read.
		case (stageWords[t.low] || exposureWords[t.low]) && i+1 < len(toks) && toks[i+1].kind == tLabel && (i == 0 || determiners[toks[i-1].low] || is(i-1, "only")):
			j = i + 2
		case is(i, "internet", "web") && is(i+1, "proxy", "proxies", "gateway"):
			j = i + 2
		case onlyHeadWords[t.low] && is(i+1, "only") && is(i+2, ":", "for", "-", ","):
			j = i + 2
		default:
			continue
		}
		var understood []string
		for _, x := range all {
			understood = append(understood, x.Summary()...)
		}
		return &generator.NotUnderstoodError{Request: request, Understood: understood, Example: generator.ExampleNetwork,
			Missing: fmt.Sprintf("what does %q change? The rule was read without it; name the pods, namespace or addresses it picks by their labels or values, or leave the words out", request[t.start:toks[j-1].end])}
	}
	return nil
}

// factByDefault asks about a sentence that says what pods can do by default
// and orders nothing ("By default app=web can reach app=db on 5432."): a
// fact about how things are, read as an allow. "By default, deny ...", "by
// default no pod should ..." and "X cannot ..." are left to other rules.
func factByDefault(request string, toks []token, all []*generator.Intent) error {
	for i := range toks {
		if i > 0 && !slices.Contains([]string{".", ";", "!"}, toks[i-1].low) {
			continue
		}
		n := 0
		switch {
		case toks[i].low == "by" && i+1 < len(toks) && toks[i+1].low == "default":
			n = 1
		case toks[i].low == "normally" || toks[i].low == "usually":
		default:
			continue
		}
		b := i + 1 + n
		can, order := false, false
		for k := b; k < len(toks) && !slices.Contains([]string{".", ";", "!"}, toks[k].low); k++ {
			w := toks[k].low
			can = can || w == "can" || w == "could" || w == "able" || w == "accessible" || w == "reachable" || w == "open"
			order = order || w == "should" || w == "must" || w == "shall" || w == "will" || w == "not" || w == "no" || w == "cannot" || w == "can't" || w == "only" ||
				denyWords[w] || allowWords[w] && w != "can" && w != "could" && w != "may" || isolateWords[w]
		}
		if !can || order {
			continue
		}
		e := b
		for e < len(toks) && !slices.Contains([]string{".", ";", "!"}, toks[e].low) {
			e++
		}
		// "By default every pod can reach every other pod. Only ...": a
		// fact that gave the rules no value is left to the rules of remarks.
		if !slices.ContainsFunc(toks[i:e], func(t token) bool { return readByIntents(t, all) }) {
			continue
		}
		return &generator.NotUnderstoodError{Request: request, Example: generator.ExampleNetwork,
			Missing: fmt.Sprintf("%q says how things are: is it a rule you want (say \"allow ...\"), or a remark? Say the rule alone", request[toks[i].start:toks[e-1].end])}
	}
	return nil
}

// peerPlaceMoved asks when a remark puts a peer's pods in a namespace that
// became the namespace of the policy's own pods ("Only app=web may reach
// app=db on 5432 - the web tier is in namespace frontend" made the policy
// for app=db in frontend).
func peerPlaceMoved(request string, toks []token, all []*generator.Intent) error {
	is := func(k int, words ...string) bool {
		return k >= 0 && k < len(toks) && slices.Contains(words, toks[k].low)
	}
	for i := range toks {
		if !is(i, "is", "are", "runs", "run", "lives", "live", "sits", "sit", "resides", "reside") || !is(i+1, "in", "inside", "within") {
			continue
		}
		ns := ""
		switch {
		case is(i+2, "namespace", "ns") && i+3 < len(toks):
			ns = toks[i+3].low
		case is(i+2, "the") && is(i+4, "namespace", "ns"):
			ns = toks[i+3].low
		case i+2 < len(toks):
			ns = toks[i+2].low
		}
		for _, x := range all {
			if ns == "" || x.Subject.Namespace != ns {
				continue
			}
			for k := max(0, i-3); k < i; k++ {
				w := toks[k].low
				own := x.Subject.Pods != nil && slices.Contains(valuesOf(x.Subject.Pods.MatchLabels), w)
				if own {
					break
				}
				for _, r := range x.Network {
					for _, pe := range r.Peers {
						if pe.Pods != nil && pe.Namespace == "" && pe.Namespaces == nil && slices.Contains(valuesOf(pe.Pods.MatchLabels), w) {
							return &generator.NotUnderstoodError{Request: request, Understood: x.Summary(), Example: generator.ExampleNetwork,
								Missing: fmt.Sprintf("%q: is namespace %s where the %s pods are (a peer's namespace), or where the policy's own pods are? Say the namespace of each", request[toks[k].start:toks[min(i+3, len(toks)-1)].end], ns, w)}
						}
					}
				}
			}
		}
	}
	return nil
}

func valuesOf(m map[string]string) []string {
	var vs []string
	for _, v := range m {
		vs = append(vs, strings.ToLower(v))
	}
	return vs
}

// othersMayEgress asks when "and nothing else may" follows a rule read as
// the pods' egress ("app=api may reach app=db on 5432 and nothing else
// may"): with a verb of its own, "nothing else" is who else may reach the
// peer (an ingress allow-list of the peer), not where else the pods go.
func othersMayEgress(request string, toks []token, all []*generator.Intent) error {
	is := func(k int, words ...string) bool {
		return k >= 0 && k < len(toks) && slices.Contains(words, toks[k].low)
	}
	for i := range toks {
		k := i + 2
		switch {
		case is(i, "nothing", "nobody", "noone") && is(i+1, "else"):
		case is(i, "no") && is(i+1, "one", "other") && is(i+2, "else", "pod", "pods", "workload", "workloads"):
			k = i + 3
		default:
			continue
		}
		if !is(k, "may", "can") || !is(i-1, "and", ",") {
			continue
		}
		for _, x := range all {
			if slices.ContainsFunc(x.Network, func(r generator.NetworkRule) bool { return r.Direction == generator.Egress }) {
				return &generator.NotUnderstoodError{Request: request, Understood: x.Summary(), Example: generator.ExampleNetwork,
					Missing: fmt.Sprintf("whose traffic does %q limit: may nothing else reach the peer (\"only X may reach Y\"), or may the pods reach nothing else (\"X may only reach Y\")?", request[toks[i].start:toks[k].end])}
			}
		}
	}
	return nil
}

// readByIntents tells whether a value of the intents came from token t.
func readByIntents(t token, all []*generator.Intent) bool {
	for _, x := range all {
		for _, o := range x.Origins {
			if o.From == generator.FromRequest && o.Start <= t.start && t.end <= o.End {
				return true
			}
		}
	}
	return false
}

// sentenceAround gives the bounds of the sentence (or, with comma, the
// clause) of token i.
func sentenceAround(toks []token, i int, comma bool) (int, int) {
	end := func(k int) bool {
		w := toks[k].low
		return w == "." || w == ";" || w == "!" || w == "?" || comma && w == ","
	}
	a, b := i, i
	for a > 0 && !end(a-1) {
		a--
	}
	for b < len(toks) && !end(b) {
		b++
	}
	return a, b
}

// planReadAsRule asks about a clause that tells a default deny we are about
// to put in place and gave the rules values ("We are about to turn on
// default deny except for app=x, so app=y may reach app=x on 80" allowed
// app=x): denyPlanned sets such a plan aside as the scene of the rule after
// it, but not with "except", "only" or a value, which may be a rule of its
// own or only what the plan will leave out.
func planReadAsRule(request string, toks []token, all []*generator.Intent) error {
	for i := range toks {
		if i > 0 && !slices.Contains([]string{".", ";", "!", "?", ","}, toks[i-1].low) || !set("we", "we're", "i", "i'm", "we'll", "i'll")[toks[i].low] {
			continue
		}
		k := i + 1
		if k < len(toks) && (toks[k].low == "are" || toks[k].low == "am") {
			k++
		}
		if !strings.HasSuffix(toks[i].low, "'ll") && !slices.ContainsFunc(planPhrases, func(o []string) bool { return phraseIn(toks, k, o) }) {
			continue
		}
		_, e := sentenceAround(toks, i, true)
		deny, read := false, false
		for j := k; j < e; j++ {
			deny = deny || denyPhraseAt(toks, j) > 0
			read = read || readByIntents(toks[j], all)
		}
		if !deny || !read {
			continue
		}
		var understood []string
		for _, x := range all {
			understood = append(understood, x.Summary()...)
		}
		return &generator.NotUnderstoodError{Request: request, Understood: understood, Example: generator.ExampleNetwork,
			Missing: fmt.Sprintf("%q tells a plan: is what it says (and leaves out) a rule you want now? Say the rules alone, as orders", request[toks[i].start:toks[e-1].end])}
	}
	return nil
}

// openOnlyFor asks about a sentence that says traffic is open "only" for
// some pods and gave a rule that lets in or out every peer ("Ingress stays
// open only for app=lb" allowed all ingress to app=lb): "only" may pick
// the one pods whose traffic stays open (a default deny of the others no
// allow holds), or the one peer of the pods named before.
func openOnlyFor(request string, toks []token, all []*generator.Intent) error {
	for i, t := range toks {
		// "stays open", "should be open", "keeps ingress open." (not "may
		// only open connections to ...")
		said := i > 0 && (stayVerbs[toks[i-1].low] || set("be", "been", "left", "kept")[toks[i-1].low]) || i+1 == len(toks) || toks[i+1].kind == tPunct
		if !leftOpenWords[t.low] || !said {
			continue
		}
		a, b := sentenceAround(toks, i, false)
		if !slices.ContainsFunc(toks[a:b], func(u token) bool { return u.low == "only" }) || !slices.ContainsFunc(toks[a:b], func(u token) bool { return readByIntents(u, all) }) {
			continue
		}
		for _, x := range all {
			if slices.ContainsFunc(x.Network, func(r generator.NetworkRule) bool { return r.Verdict == generator.Allow && len(r.Peers) == 0 }) {
				return &generator.NotUnderstoodError{Request: request, Understood: x.Summary(), Example: generator.ExampleNetwork,
					Missing: fmt.Sprintf("%q: are these the only pods whose traffic is open (the others' shut), or the only peer of the pods before? Say who may reach whom (\"only app=lb may reach app=web\")", request[toks[a].start:toks[b-1].end])}
			}
		}
	}
	return nil
}

// particleAgainst asks about an unread "out" (or "in") just after a peer,
// before a port or the end of the clause, where every rule of the intent
// goes the other way: "allow app=frontend in on 80 and app=backend out on
// 5432" read app=backend as coming in.
func (p *parser) particleAgainst(i int, in *generator.Intent) string {
	if !p.is(i, "out", "in") || i == 0 || len(in.Network) == 0 || p.taken(i) {
		return ""
	}
	if prev := p.toks[i-1]; prev.kind != tLabel && !podNouns[prev.low] && !p.is(i-1, ")") && prev.kind != tCIDR && prev.kind != tDomain {
		return ""
	}
	if i+1 < len(p.toks) && p.toks[i+1].kind != tPunct && !p.is(i+1, "on", "over", "via", "through", "and", "too") {
		return ""
	}
	want := generator.Egress
	if p.is(i, "in") {
		want = generator.Ingress
	}
	if slices.ContainsFunc(in.Network, func(r generator.NetworkRule) bool { return r.Direction == want }) {
		return ""
	}
	return fmt.Sprintf("which direction: %q says %s, but the rule read goes the other way; say each direction as a rule of its own (\"X may reach Y\", \"Y accepts X\")", p.text(i-1, i+1), want)
}
