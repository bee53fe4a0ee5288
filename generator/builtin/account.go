package builtin

import (
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strings"

	"k8s.io/apimachinery/pkg/util/validation"

	"github.com/kunerva/kunerva/generator"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// osiLayers are the layers a network policy is said to work at: "Layer 7
// filtering", "layer 3/4".
var osiLayers = set("3", "4", "7")

// intentQuestions ask, in this order, about a whole request whose rules
// were read: each returns its question, or "".
var intentQuestions = []func(*parser, *generator.Intent) string{
	// "Currently /bin/sh is blocked ...", "Blocking /bin/sh broke our
	// health checks", "audit new files in /tmp/", "never /bin/bash": see
	// sysfacts.go.
	(*parser).verdictToldAsFact,
	// "We used to allow ...", "Problem: pods labeled app=db are open to
	// everyone", "Only they may reach ...": see pastrules.go.
	(*parser).ruleToldAsPast,
	(*parser).allowListRestWatched,
	(*parser).systemNarrowing,
	// "allow egress from app=web to namespace data on 5432 and namespace
	// cache on 6379", "... to 10.0.0.0/8 on 443 and namespace data on
	// 5432": the pods' namespace read from words joined to a peer's list;
	// the author listed another peer.
	(*parser).namespaceInPeerList,
	// "pods labeled app=web egress to kubernetes.io/metadata.name=data
	// port 5432": the label every namespace carries, read as a label of
	// pods, selected no pod (finder W15).
	(*parser).namespaceLabelOnPods,
	// "only prometheus may scrape payments metrics", "allow prometheus
	// to reach payments on metrics": a port the tree names, said bare
	// beside a rule of any port (finder W21).
	(*parser).treePortUnread,
	// "on 5432 and eighty", "on https and metrics": a second port said
	// in words or by the tree's name, dropped (finder 13, S10).
	(*parser).portWordAfterPort,
	// "no egress from pods labeled app=api except to pods labeled app=db
	// on 5432" gave app=db an ingress allow-list: a direction read from a
	// word that names the other one.
	(*parser).directionAgainstItsWord,
	// "checkout, which may not reach the world, may reach payments on
	// 443": a negated relative clause on the pods gave its deny to the
	// main clause (finder 13, S9).
	(*parser).negatedRelativeClause,
	// "to app=db on 5432 and to app=api on 8080 GET /v1": an HTTP rule
	// said once, given to the rules of two peers; Postgres on 5432 would
	// be filtered as HTTP.
	(*parser).httpShared,
	// "from app=front GET /api on 8080, POST /admin on 9090": each
	// request said with its own port; one rule allowed both on both.
	(*parser).httpPortsPaired,
	// "deny all traffic to and from pods labeled app=web", "block traffic
	// to and from 10.0.0.0/8 for app=web", "allow in and out traffic for
	// app=web with 10.0.0.0/8": both directions said, one read; the other
	// was dropped.
	(*parser).bothWaysOneRead,
	// "pods labeled app=web let in app=api on 80 and let out 10.0.0.0/8
	// on 443": the particle after "let" says a way no rule reads.
	(*parser).letParticleUnread,
}

// account checks that every meaning-bearing token of the clause was used
// by the intent or dismissed by a named rule; the first one left over
// becomes a question.
func (p *parser) account(in *generator.Intent) error {
	if q := p.systemTerse(in); q != "" {
		return p.refuseWithSummary(in, q)
	}
	// "only app=a may reach app=b on 8443. Scratch that: only app=c ...",
	// "Sorry, I meant app=d, not app=a", "On second thought, also allow
	// app=c": a later sentence takes back or corrects an earlier one; read
	// as reasons or as rules beside them, the policy kept what was taken back.
	if q := p.mediumSaid(in); q != "" {
		return p.refuseWithSummary(in, q)
	}
	// The clause's lines, and the words of chat on them: lines.go.
	lines := p.readLines(in)
	if q := lines.ask(beforeWords, -1); q != "" {
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
	// or the exception blocked. (terseSaid asks it of network peers.)
	for i := range p.toks {
		ex := p.exampleAt(i) > 0 || p.is(i, "beyond", "besides") || p.is(i, "other") && p.is(i+1, "than") ||
			p.is(i, "especially", "particularly", "notably", "including", "mostly", "mainly") || p.is(i, "in") && p.is(i+1, "particular")
		// "(restrict system calls such as mount)": a standard cited in
		// brackets, beside the rules that name their values. "package
		// managers (apt, for instance)": one value and the word after it,
		// in brackets after the kind.
		after := p.is(i-1, ",") && p.is(i-3, "(") && p.toks[i-2].kind != tPunct
		if !ex || len(in.System) == 0 || p.bracketed(i) && !p.is(i-1, "(") && !after {
			continue
		}
		k := i - 1
		if after {
			k = i - 4
		}
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
	// "/bin/sh was blocked in the app=web pods", "writes to /etc/ were
	// denied last week": what a rule did once, not what the policy should
	// do.
	for i := range p.toks {
		if p.is(i, "was", "were") && p.is(i+1, "blocked", "denied", "audited", "allowed", "logged", "prevented", "forbidden") && len(in.System) > 0 {
			return p.refuseWithSummary(in, fmt.Sprintf("%q says what happened, not what a policy should do: which rule do you want now? Say it as a rule", p.text(i, i+2)))
		}
	}
	for _, ask := range intentQuestions {
		if q := ask(p, in); q != "" {
			return p.refuseWithSummary(in, q)
		}
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
	// ("/orders/[0-9]+" is a regular expression, as written.) See
	// httpPathNotationRE for the rest.
	for i, t := range p.toks {
		if p.claim[i] != "http-path" {
			continue
		}
		if httpPathNotationRE.MatchString(t.raw) || i+1 < len(p.toks) && p.toks[i+1].start == t.end && !p.is(i+1, ",", ".", ";", ":", ")") {
			return p.refuseWithSummary(in, fmt.Sprintf("which requests does the path %q match? Cilium reads a path as a regular expression: give the path with * for any part (\"/api/v1/users/*\") and no query string", strings.TrimSpace(p.request[t.start:min(len(p.request), max(t.end, p.wordEnd(i)))])))
		}
	}
	if q := p.filePathNotation(); q != "" {
		return p.refuseWithSummary(in, q)
	}
	if q := p.dirPathAlone(); q != "" {
		return p.refuseWithSummary(in, q)
	}
	if q := p.storySource(in); q != "" {
		return p.refuseWithSummary(in, q)
	}
	if q := p.toolThatFound(in); q != "" {
		return p.refuseWithSummary(in, q)
	}
	if q := p.pathAfterPods(in); q != "" {
		return p.refuseWithSummary(in, q)
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

	// "... on 443 and nothing else (they resolve through kube-dns, allow
	// that)": an order in brackets, set aside with them, was lost.
	for i := range p.toks {
		if (allowWords[p.word(i)] || denyWords[p.word(i)] || auditWords[p.word(i)]) && !negationWords[p.word(i)] && p.is(i+1, "that", "it", "them", "this", "those") && p.bracketed(i) && !verdictRules[p.claim[i]] {
			return p.refuseWithSummary(in, fmt.Sprintf("is %q in brackets a rule? Say it as a rule outside the brackets, with what it is about (\"and allow DNS to kube-dns\", \"block /usr/bin/wget too\"), or leave it out", p.text(i, i+2)))
		}
	}
	if k := p.verdictOnlyInBrackets(); k >= 0 && len(in.Network) > 0 {
		return p.refuseWithSummary(in, fmt.Sprintf("is %q in brackets the rule, or a remark on how things are? Say the rule outside the brackets (\"allow ...\", \"block ...\")", p.toks[k].raw))
	}
	// Asked last, as other questions about the same words are more precise.
	late := "" // a question asked after all others: the lineRows of atWordLate and lateClause
	openK, openJ := p.peerAfterOpenAllow(in)
	closedK, closedJ := p.peerAfterClosedDeny(in)
	whoK, whoJ := p.narrowingWho(in)
	if p.onlyAfterReached(in) {
		return p.refuseWithSummary(in, "whose traffic does the last \"only\" limit: may the pods before the verb reach nothing else (\"X may only reach Y\"), or may nothing else reach the pods after it (\"only X may reach Y\")?")
	}
	for i, t := range p.toks {
		// "for staging pls: block ...", "staging pls: ...", "#staging ...": a heading that
		// names the place, set aside, left the policy in another namespace.
		if w := strings.TrimLeft(t.low, "#"); p.claim[i] == "heading" && stageNamespaces[w] && (p.is(i-1, "for") || w != t.low || i == 0 && p.is(i+1, ":", "pls", "please", "plz")) && w != p.opts.Namespace {
			return p.refuseWithSummary(in, fmt.Sprintf("is %q the namespace of the pods? Say \"in namespace %s\" beside the pods it holds for, or leave it out", t.raw, w))
		}
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
		// "Pods app=web must not reach the internet and must not run
		// /bin/sh", "pods app=web: no internet, no shell (/bin/sh)": a peer
		// before the first path, with no word of a reason before the path,
		// is a network rule of its own; dropped, only the process rule came
		// out (finder 5's S10).
		if !slices.ContainsFunc(p.toks[:first], func(t token) bool { return peerReasonWords[t.low] }) {
			for i := 0; i < first; i++ {
				if p.claim[i] == "entity" || p.toks[i].kind == tCIDR {
					return p.refuseWithSummary(in, fmt.Sprintf("what does %q change? KubeArmor rules cannot say where a process connects; for that, ask for a network policy of its own", p.text(i, i+1)))
				}
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
	unread := []func(int) string{p.misspeltOperator, p.unreadBesideDescribed, p.unreadTrial, p.unreadMeasure}
	if len(in.Network) > 0 {
		unread = slices.Concat([]func(int) string{p.unreadAddition, p.unreadBound}, unread, []func(int) string{p.unreadBesidePods, p.unreadForName, p.unreadListed})
	}
	unread = append(unread, func(i int) string { return p.unreadTerse(i, in) }, func(i int) string { return p.unreadOnlyCondition(i, in) })
	for i, t := range p.toks {
		if p.taken(i) {
			continue
		}
		for _, ask := range unread {
			if q := ask(i); q != "" {
				return p.refuseWithSummary(in, q)
			}
		}
		if p.onlyThemAgain(i, in) {
			continue
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
			if p.tok(k) != nil && !p.taken(k) && p.toks[k].kind == tWord && (p.looseName(k) && !frameWords[p.word(k)] && !fillerWords[p.word(k)] && !podNouns[p.word(k)] || k == i+1 && p.peerNoun(k)) {
				if denyAll {
					return p.refuseWithSummary(in, fmt.Sprintf("which pods or addresses are %q? Name them by their labels or values, so that the rule does not shut out every peer", p.text(i+1, k+1)))
				}
				return p.refuseWithSummary(in, fmt.Sprintf("which pods or addresses are %q? Name them by their labels or values, so that the rule is not open to anywhere", p.text(i+1, k+1)))
			}
		}
		// "app=web may only reach redis on 6379", "may only reach the db":
		// a name right after the verb of reach, with no peer read, would
		// leave the rule open to anywhere as "to redis" would.
		if t.kind == tWord && (p.looseName(i) && !frameWords[t.low] && !fillerWords[t.low] && !podNouns[t.low] || p.peerNoun(i)) && !determiners[t.low] {
			// "may only be reached by the ingress controller": a name
			// the rule of names took, with no peer made of it.
			start := i
			for start > 0 && p.claim[start-1] == "name-word" {
				start--
			}
			v := start - 1
			for v >= 0 && determiners[p.word(v)] {
				v--
			}
			// "may only be reached by the servers"
			by := p.is(v, "by") && v > 0 && p.claim[v-1] == "direction-verb"
			if by {
				v--
			}
			if v >= 0 && (reachVerbs[p.word(v)] || by) && p.claim[v] == "direction-verb" && slices.ContainsFunc(in.Network, func(r generator.NetworkRule) bool {
				return len(r.Peers) == 0 && len(r.DNS) == 0 && r.Verdict == generator.Allow
			}) {
				j := i + 1
				for j < len(p.toks) && p.toks[j].kind == tWord && !p.taken(j) && !prepositions[p.word(j)] {
					j++
				}
				return p.refuseWithSummary(in, fmt.Sprintf("which pods or addresses are %q? Name them by their labels or values, so that the rule is not open to anywhere", p.text(start, j)))
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
		// root", "depending on the chart version": conditions no policy
		// kunerva writes can hold.
		// ("only allowed if it comes from a pod with color=red" names a peer.)
		peerIf := p.is(i, "if") && p.is(i+1, "it", "they") && p.is(i+2, "comes", "come", "goes", "go", "arrives", "arrive", "originates")
		if p.is(i, "if", "mtls", "tls", "authenticated", "encrypted", "authentication", "mutual", "mutually", "authenticate", "authenticates") && !peerIf || p.is(i, "as") && p.is(i+1, "root", "user") ||
			p.is(i, "depending", "depends", "contingent") && p.is(i+1, "on", "upon") {
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
		if e := p.stateCondition(i); e > 0 && (len(in.System) > 0 || len(in.Network) > 0) {
			return p.refuseWithSummary(in, fmt.Sprintf("kunerva cannot make a policy depend on %q: it allows or denies by pods, addresses, ports, HTTP requests, DNS names, files and processes; ask without the condition, or say what it means in those terms", p.text(i, e)))
		}
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
		// which no rule read. ("... on 5432 and reciprocally", "in either
		// direction" were dropped, one direction kept: finder 15, S11.)
		if len(in.Network) > 0 && (p.is(i, "vice") && p.is(i+1, "versa") || p.is(i, "back") && p.is(i-1, "and") && (i+1 == len(p.toks) || p.toks[i+1].kind == tPunct) ||
			p.is(i, "conversely", "reverse", "reversed", "reciprocally") || p.is(i, "direction", "directions") && p.is(i-1, "either") || p.is(i, "way", "ways") && p.is(i+1, "round", "around")) {
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
		// "Phase 2: Layer 7 egress filtering for the build pods", "to
		// create a layer 4 type of policy": the OSI layer a policy works
		// at, never a port. Layer 7 only where the request names what it
		// filters, DNS names or HTTP methods, which their own rules read
		// ("allow app=a to reach app=b on layer 7" names nothing: it asks).
		if t.kind == tNumber && p.is(i-1, "layer") && osiLayers[t.low] && !p.is(i-2, "on", "at", "over", "via", "to") &&
			(t.low != "7" || slices.ContainsFunc(p.all, func(u token) bool { return u.kind == tDomain || methods[u.low] })) {
			p.take(i-1, i+1, "osi-layer")
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
			// "app=a may reach app=b, and app=b may reach them": a verb
			// of reaching no rule read, with "them" its object, is traffic
			// the policy leaves out.
			v := i - 1
			if p.is(v, "to", "with") {
				v--
			}
			m := v - 1
			for p.is(m, "also", "only", "still", "then") {
				m--
			}
			if reachVerbs[p.word(v)] && (!p.taken(v) || p.claim[v] == "no-meaning") && p.is(m, "may", "can", "should", "must", "will", "could") {
				return p.refuseWithSummary(in, fmt.Sprintf("who are %q in %q? Name the pods again, and say each way as a rule of its own", t.raw, p.text(v, i+1)))
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
		// "dragonfly-allow-atlantis: same Dragonfly pods (app.kubernetes.io/name=dragonfly)":
		// after a title's colon, too.
		// "Remediation item 2, same obsidian pods (app=obsidian, media):
		// ...": after the number of a series' part, too.
		if t.low == "same" && (p.is(i-1, "the", "that", "those", ":") || i == 0 || p.is(i-1, ",") && seriesNumberEnd(p.toks) == i-1) && p.sameNamedByLabels(i+1) {
			p.take(i, i+1, "same-pods")
			continue
		}
		// "Allow instead of block: in the silly-demo pods only
		// /usr/local/bin/silly-demo may run": a heading's verdict turned
		// down, which no rule holds (turnedDown). ("instead of auditing it,
		// block ...": what "it" is stays a question.)
		if t.low == "instead" && p.is(i+1, "of") && p.is(i+3, ":", "-") && p.turnedDown(i+2, in) {
			for n := i; n <= i+2; n++ {
				if !p.taken(n) {
					p.take(n, n+1, "turned-down")
				}
			}
			continue
		}
		// "accept connections on the container port named http from any
		// source, and only on that port": the one port the rules read, said
		// again (onePortSaidAgain).
		if b := p.onePortSaidAgain(i, in); b >= 0 {
			for n := b; n <= i; n++ {
				if !p.taken(n) {
					p.take(n, n+1, "port-said-again")
				}
			}
			continue
		}
		// "deny anything they send to the home LAN 192.168.0.0/16", "allow
		// everything the app=web pods receive from app=lb": the traffic of
		// the verb after it, whose peers the rules read.
		if (t.low == "anything" || t.low == "everything") && verdictRules[p.claim[max(i-1, 0)]] && i > 0 && p.sentOrReceived(i+1) &&
			len(in.Network) > 0 && !slices.ContainsFunc(in.Network, func(r generator.NetworkRule) bool { return len(r.Peers) == 0 || r.Verdict == generator.Isolate }) {
			p.take(i, i+1, "traffic-word")
			continue
		}
		// "gets nothing in and nothing out", "nothing in, nothing out": the
		// second way of the isolation, its particle read as a direction.
		if t.low == "nothing" && p.is(i-1, "and", ",") && p.claim[min(i+1, len(p.toks)-1)] == "direction-particle" && p.isoMark != nil && i > p.isoMark.start &&
			!slices.ContainsFunc(in.Network, func(r generator.NetworkRule) bool { return r.Verdict != generator.Isolate }) {
			p.take(i, i+1, "default-deny")
			continue
		}
		// "and in the same monitoring spirit, for all pods in default: log
		// ...": the manner of the rules said before, set apart by a comma.
		if t.low == "same" && p.is(i-1, "the") && p.is(i-2, "in") {
			if k := p.mannerAfter(i + 1); k > 0 {
				p.take(i-2, k, "in-the-same-spirit")
				continue
			}
		}
		// "Same treatment for the emoji-svc pods - only web-svc may call
		// them ...", "Same default deny cluster-wide for ...: DNS out,
		// nothing else": the rule is said in full after the colon or dash;
		// "same" only says it was asked before for other pods (sameSaidAfter).
		if t.low == "same" && p.sameSaidAfter(i) {
			p.take(i, i+1, "same-as-before")
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
		// ("an optional NetworkPolicy restricting ...": a policy to offer;
		// "maybe pods labeled app=web" leaves the pods open.)
		if hedgeWords[t.low] && (!fillerWords[p.word(i+1)] || podNouns[p.word(i+1)]) {
			return p.refuseWithSummary(in, fmt.Sprintf("should the rule hold? %q leaves it open, and a policy either holds or does not; say the rules that should hold, without it", t.raw))
		}
		// "on business hours", "during office hours": hours of a kind
		// (finder 14, S7: dropped, the allow held at all times).
		if timeSpans[t.low] && p.is(i-1, "business", "office", "working", "work", "peak", "off", "on-call") {
			return p.refuseWithSummary(in, fmt.Sprintf("kunerva cannot limit a policy in time (%q): a policy holds until it is changed; ask without the time, and remove the policy when it is no longer needed", p.text(i-1, i+1)))
		}
		// "today only", "for today" ("Block /bin/sh today." is an order).
		if temporalWords[t.low] || timeNames[t.low] || p.clockTime(i) || t.low == "today" && (p.is(i+1, "only") || p.is(i-1, "for")) || timeSpans[t.low] && i > 0 && (p.toks[i-1].kind == tNumber || spanCounts[p.word(i-1)]) {
			return p.refuseWithSummary(in, fmt.Sprintf("kunerva cannot limit a policy in time (%q): a policy holds until it is changed; ask without the time, and remove the policy when it is no longer needed", t.raw))
		}
		// "raw", in a system request, is a protocol ("raw sockets").
		if meaningful(t) || p.sceneName(i) || t.kind == tWord && p.treeHasWorkload(t.low) && !p.wordAgain(i, "workload-name", "endpoint") || t.low == "raw" && p.systemRequest {
			if p.leftoverFrame(i, in) {
				continue
			}
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
		// "pods app=web in namespace shop may only reach namespace data and
		// kube-dns": a name left unread right after the word "namespace",
		// which a rule read without it, is that namespace's name (dropped,
		// the rule kept the DNS allowance alone).
		if t.kind == tWord && p.is(i-1, "namespace") && p.claim[i-1] == "namespace" && i > 1 && (reachVerbs[p.word(i-2)] || p.is(i-2, "to", "from")) && !fillerWords[t.low] && !determiners[t.low] && !prepositions[t.low] && !coordinators[t.low] &&
			!slices.ContainsFunc(in.Origins, func(o generator.Origin) bool {
				return o.From == generator.FromRequest && o.Start <= t.start && t.end <= o.End
			}) {
			return p.refuseWithSummary(in, fmt.Sprintf("is %q a namespace the rule is about? The rule does not read it; say the rule again with \"namespace %s\" as its peer or its pods' place", t.raw, t.low))
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
		// "on service port 80": a network policy matches the ports the pods
		// listen on, which a Service may map from another port. (With a
		// tree, the Service's targetPort is read from it.)
		if p.tree == nil && len(in.Network) > 0 && p.is(i, "service", "service's", "svc") && p.is(i+1, "port", "ports") && p.claim[i+1] == "port-word" {
			return p.refuseWithSummary(in, fmt.Sprintf("is %q the port of a Service? A network policy matches the port the pods listen on (the Service's targetPort); say that port (\"on port 8080\")", p.text(i, min(i+3, len(p.toks)))))
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
		// "Grant redis access to the app=web pods on 6379": the word before
		// the access granted names what it is to; left unread, the pods
		// named after "to" were opened to anyone.
		// ("search access", "web access" beside the peers named say what
		// kind of traffic.)
		anyone := slices.ContainsFunc(in.Network, func(r generator.NetworkRule) bool { return r.Verdict == generator.Allow && len(r.Peers) == 0 })
		if anyone && t.kind == tWord && p.is(i+1, "access") && p.claim[i+1] == "needs-access" && !accessDegrees[t.low] && !describingWord(t.low) && p.nameWord(i) {
			return p.refuseWithSummary(in, fmt.Sprintf("what is %q in %q: the pods or addresses the access is to? Name them, and who reaches them (\"the app=web pods may reach the pods labeled app=db on 5432\")", t.raw, p.text(i, i+2)))
		}
		// "GET /admin is internal only for app=api on 8080": a word of the
		// local network, left unread beside a rule that allows any peer,
		// limits who may call; dropped, everyone could.
		if anyone && t.kind == tWord && localWords[t.low] {
			return p.refuseWithSummary(in, fmt.Sprintf("which peers are %q? The rule allows any peer; name them (\"from the cluster\", \"from pods in the same namespace\", \"from 10.0.0.0/8\")", t.raw))
		}
		// "from app=api any protocol port 53", "on 53 all protocols": the
		// protocols of the ports, left unread; dropped, the ports took
		// TCP alone.
		if p.is(i, "protocol", "protocols") && p.is(i-1, "any", "all", "every", "both", "either") && slices.ContainsFunc(in.Network, func(r generator.NetworkRule) bool { return len(r.Ports) > 0 }) {
			return p.refuseWithSummary(in, fmt.Sprintf("which protocols does %q mean? A port is TCP unless the request names another; name each one (\"on 53/TCP and 53/UDP\")", p.text(i-1, i+1)))
		}
		// "allow ingress from app=api on https and ssh": a service's name
		// left unread in a list after a port read; dropped, its port was
		// lost.
		if t.kind == tWord && (serviceWords[t.low] || protocolServices[t.low]) && p.is(i-1, "and", ",", "or", "plus") && i > 1 && (p.claim[i-2] == "https-port" || p.claim[i-2] == "port" || p.claim[i-2] == "service-port") &&
			!slices.ContainsFunc(p.toks[i+1:min(i+7, len(p.toks))], func(t token) bool { return t.kind == tNumber }) { // ("and https on tcp port 443": its port follows)
			return p.refuseWithSummary(in, fmt.Sprintf("which port is %q on? The rule reads the other ports but not this one; say its number (\"on 22\")", t.raw))
		}
		// "# allow ui to bff on port 3000 net-pol-ms-demo again: ...": a
		// name of three parts or more, left unread, may be the namespace
		// (or the pods) the rule is for.
		if t.kind == tWord && hyphenName(t.low) && t.low != p.opts.Namespace && !p.treeNamespace(t.low) {
			return p.refuseWithSummary(in, fmt.Sprintf("what is %q? If it is the namespace of the pods, say \"in namespace %s\"; if it names pods, give their labels; else leave it out", t.raw, t.low))
		}
		// last, as the rules above ask more precisely: lines.go.
		if q := lines.ask(atWord, i); q != "" {
			return p.refuseWithSummary(in, q)
		}
		// Asked last: the questions before about the same words are
		// more precise.
		if late == "" {
			late = lines.ask(atWordLate, i)
		}
		p.take(i, i+1, "no-meaning")
	}
	if q := lines.ask(afterWords, -1); q != "" {
		return p.refuseWithSummary(in, q)
	}
	if k, j := p.isolateObjectUnread(in); k >= 0 {
		return p.refuseWithSummary(in, fmt.Sprintf("what is %q? Read as nothing, the rule would cut every connection in that direction; name the peers (\"from the pods labeled app=api\"), or, for a program or file, say it with its path (\"block /bin/sh\")", p.text(k, j)))
	}
	if k, j := p.widerGloss(); k >= 0 {
		return p.refuseWithSummary(in, widerQuestion(p.text(k, j), `"10.0.0.0/8, 172.16.0.0/12 and 192.168.0.0/16", "/bin/sh and /bin/bash"`))
	}
	if k, j := p.exceptionUnread(in); k >= 0 {
		return p.refuseWithSummary(in, fmt.Sprintf("which pods or addresses are %q? The exception lets any peer through on its ports; name them (\"except to the pods labeled app=postgres on 5432\"), or say \"to anywhere\"", p.text(k, j)))
	}
	if k, j := p.actorBeforeOpenAllow(in); k >= 0 {
		return p.refuseWithSummary(in, fmt.Sprintf("which pods or addresses are %q? The rule lets in any source; name them (\"the pods labeled app=uptime\"), or say \"from anywhere\"", p.text(k, j)))
	}
	if i := p.namespaceOrWorkload(in); i >= 0 {
		return p.refuseWithSummary(in, fmt.Sprintf("is %q the namespace or the %s workload? Say \"in namespace %s\" for every pod in it, or \"the %s pods\"", p.toks[i].raw, p.word(i), p.word(i), p.word(i)))
	}
	if name := p.treeServiceName(in); name != "" {
		return p.refuseWithSummary(in, fmt.Sprintf("is %q a Service in the cluster? A DNS name rule is for hosts outside it; name the pods behind the Service (\"the frontend pods\")", name))
	}
	if k := p.serviceWithoutPort(in); k >= 0 {
		return p.refuseWithSummary(in, fmt.Sprintf("which ports of the %s Service? Reaching a Service means its ports, but the rule allows every port of its pods; say the port (\"on port 443\"), or \"on any port\"", p.toks[k-1].raw))
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
	if q := p.terseSaid(in); q != "" {
		return p.refuseWithSummary(in, q)
	}
	// Asked last, as the questions before about the same words are more
	// precise: see letthrough.go.
	if q := p.letThroughSaid(in); q != "" {
		return p.refuseWithSummary(in, q)
	}
	if k, j := closedK, closedJ; k >= 0 {
		return p.refuseWithSummary(in, fmt.Sprintf("does %q name the pods or addresses this traffic is for? The rule shuts every peer; name them (\"%s the pods labeled app=api\"), or say \"%s anywhere\"", p.text(k, j), p.word(k), p.word(k)))
	}
	if late == "" {
		late = lines.ask(lateClause, -1)
	}
	if late != "" {
		return p.refuseWithSummary(in, late)
	}
	// Asked after every more precise question about the same words.
	if q := lines.ask(atEnd, -1); q != "" {
		return p.refuseWithSummary(in, q)
	}
	// Last, as the questions before are more precise: "default deny ingress in namespace shop and in namespace data": a
	// namespace named and read, which no value of the policy is; the other
	// namespace took its place.
	if q := p.namespaceUnused(in); q != "" {
		return p.refuseWithSummary(in, q)
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

// hyphenName reports whether a word is a name of three parts or more
// joined by hyphens, as resources are named ("net-pol-ms-demo"), and not
// words joined into one ("end-to-end", "out-of-the-box").
func hyphenName(w string) bool {
	parts := strings.Split(w, "-")
	if len(parts) < 3 || len(validation.IsDNS1123Label(w)) > 0 {
		return false
	}
	return !slices.ContainsFunc(parts, func(s string) bool {
		return prepositions[s] || determiners[s] || coordinators[s] || s == "" || policyNameParts[s] || allowWords[s] || denyWords[s] || auditWords[s] || policyNouns[s] || ingressWords[s] || egressWords[s]
	})
}

// policyNameParts are words that policies are named with
// ("wisecow-zero-trust", "block-secrets-access", "lsm-file-open"): a name
// with one of them names a policy, not a namespace.
var policyNameParts = set("policy", "policies", "netpol", "ksp", "cnp", "ccnp", "np", "access", "traffic", "security", "network", "zero", "trust", "restrict",
	"detect", "only", "allowlist", "denylist", "fqdn", "ns", "cross", "file", "files", "process", "open", "exec", "protect", "harden", "hardening", "harde", "lsm",
	"metrics", "monitoring", "internet", "cluster", "sensitive", "secrets", "communication", "rule", "rules")

// twoWayPhrases say traffic both ways with prepositions or particles.
var twoWayPhrases = [][]string{{"to", "and", "from"}, {"from", "and", "to"}, {"in", "and", "out"}, {"out", "and", "in"}}

// bothWaysOneRead asks when the request says traffic both ways
// (twoWayPhrases) and the network rules read only one direction.
func (p *parser) bothWaysOneRead(in *generator.Intent) string {
	if len(in.Network) == 0 {
		return ""
	}
	dirs := map[generator.Direction]bool{}
	for _, r := range in.Network {
		dirs[r.Direction] = true
	}
	if dirs[generator.Ingress] && dirs[generator.Egress] {
		return ""
	}
	for i := range p.toks {
		for _, ph := range twoWayPhrases {
			if phraseIn(p.toks, i, ph) {
				return fmt.Sprintf("which direction: %q says both, but the rule reads %s only; say \"ingress and egress\" for both, or the one direction meant", p.text(i, i+len(ph)), in.Network[0].Direction)
			}
		}
	}
	return ""
}

// letParticleUnread asks when "let in" or "let out" (or "lets", "allow")
// says a direction that no network rule reads: "let in app=api on 80 and
// let out 10.0.0.0/8 on 443" read both peers as ingress.
func (p *parser) letParticleUnread(in *generator.Intent) string {
	if len(in.Network) == 0 {
		return ""
	}
	for i := range p.toks {
		if !p.is(i-1, "let", "lets", "allow", "allows") || !p.is(i, "in", "out") {
			continue
		}
		d := generator.Egress
		if p.is(i, "in") {
			d = generator.Ingress
		}
		if !slices.ContainsFunc(in.Network, func(r generator.NetworkRule) bool { return r.Direction == d }) {
			return fmt.Sprintf("which direction: %q says %s, but the rules read %s only; say each peer with its own way (\"allow ingress from X\", \"allow egress to Y\")", p.text(i-1, i+1), d, in.Network[0].Direction)
		}
	}
	return ""
}

// namespaceUnused asks about a namespace named after the word ("namespace
// shop", "ns shop") when the clause names two or more so, and the rules do
// not read it (nameRead): "default deny ingress in namespace shop and in
// namespace data" wrote the policy for data alone.
func (p *parser) namespaceUnused(in *generator.Intent) string {
	var names []string
	for i, t := range p.toks {
		if p.claim[i] == "namespace" && p.is(i-1, "namespace", "ns") && p.claim[i-1] == "namespace" && !slices.Contains(names, t.low) {
			names = append(names, t.low)
		}
	}
	if len(names) < 2 {
		return ""
	}
	all := append([]*generator.Intent{in}, in.Others...)
	for _, n := range names {
		if !nameRead(n, p.toks, all) {
			return fmt.Sprintf("what is namespace %q for? No rule read uses it: say the rule of each namespace on its own (\"default deny ingress in namespace %s\")", n, n)
		}
	}
	return ""
}

// namespaceInPeerList asks when the subject's namespace was read from
// words that "and", a comma or "plus" join to a port, an address or a
// DNS name before them (not to labels: "(app=x, namespace y)" describes
// the pods), in a request whose rules name peers: "to namespace data on 5432 and
// namespace cache on 6379" put the pods in cache.
func (p *parser) namespaceInPeerList(in *generator.Intent) string {
	if !slices.ContainsFunc(in.Network, func(r generator.NetworkRule) bool { return len(r.Peers) > 0 }) {
		return ""
	}
	for _, o := range in.Origins {
		// (", both in the same namespace" says the list is where the
		// first pods are: listInSameNamespace.)
		if o.Field != "subject.namespace" || o.From != generator.FromRequest || o.Rule == "same-namespace-list" {
			continue
		}
		k := p.tokenAt(o.Start)
		if k > 1 && p.is(k-1, "and", ",", "plus") && (p.toks[k-2].kind == tNumber || p.toks[k-2].kind == tCIDR || p.toks[k-2].kind == tDomain) {
			return fmt.Sprintf("is %q the namespace of the pods, or one more peer of the list before it? Say the pods' namespace beside them (\"the pods labeled app=web in namespace shop\"), and each peer with \"to\" or \"from\"", o.Text)
		}
		// "pods labeled app=web allow ingress from app=api namespace dev
		// port 80", "... from app=admin, namespace ops, on 443": "namespace
		// X" with no "in", right after a peer's labels, may say where the
		// peer is (finder W2); it was read as the pods' namespace.
		l := k - 1
		if p.is(l, ",") {
			l--
		}
		if l >= 0 && p.toks[l].kind == tLabel && p.is(k, "namespace", "ns") && peerLabeled(in, p.toks[l].raw) {
			return fmt.Sprintf("is %q the namespace of %s, or of the pods the policy is for? Say \"%s in namespace %s\" for the peer, or the pods' namespace beside them", o.Text, p.toks[l].raw, p.toks[l].raw, strings.TrimSpace(strings.TrimPrefix(strings.TrimPrefix(strings.ToLower(o.Text), "namespace"), "ns")))
		}
		// "pods app=api accept from pods app=web on 8080 in namespace
		// frontend": "in namespace X" after a peer's labels and its
		// ports may say where the peer is as well; it put the pods in
		// frontend (finder 5, S15), where the sibling ", namespace
		// frontend" above asks. Only the peer's ports may stand between,
		// and the pods of the policy are the ones that take in, with the
		// verb right after their labels ("app=api accept"); "make app=db
		// only reachable from app=api on 5432 in namespace prod" is left
		// to the checks after it.
		l = k - 1
		if p.is(k, "namespace", "ns") && p.is(l, "in") {
			l--
		}
		ported := false
		for l >= 0 && (p.toks[l].kind == tNumber || p.toks[l].kind == tPortProto || p.toks[l].kind == tRange || p.is(l, "on", "port", "ports", "tcp", "udp")) {
			l--
			ported = true
		}
		takesIn := slices.ContainsFunc(p.toks[:max(l, 0)], func(t token) bool {
			key, value, _ := strings.Cut(t.raw, "=")
			i := p.tokenAt(t.start)
			return t.kind == tLabel && in.Subject.Pods != nil && in.Subject.Pods.MatchLabels[key] == value && receiveVerbs[p.word(i+1)]
		})
		if ported && takesIn && l >= 0 && p.toks[l].kind == tLabel && p.is(k-1, "in", "namespace", "ns") && peerLabeled(in, p.toks[l].raw) {
			ns := strings.TrimSpace(strings.TrimPrefix(strings.TrimPrefix(strings.TrimPrefix(strings.ToLower(o.Text), "in "), "namespace"), "ns"))
			return fmt.Sprintf("is %q the namespace of %s, or of the pods the policy is for? Say \"%s in namespace %s\" for the peer, or the pods' namespace beside them", o.Text, p.toks[l].raw, p.toks[l].raw, ns)
		}
	}
	return ""
}

// namespaceLabelOnPods asks when the pods of the policy or of a peer are
// selected by corev1.LabelMetadataName, which namespaces carry and pods do not.
func (p *parser) namespaceLabelOnPods(in *generator.Intent) string {
	sels := []*metav1.LabelSelector{in.Subject.Pods}
	for _, r := range in.Network {
		for _, pe := range r.Peers {
			sels = append(sels, pe.Pods)
		}
	}
	for _, sel := range sels {
		if sel == nil {
			continue
		}
		if v, ok := sel.MatchLabels[corev1.LabelMetadataName]; ok {
			return fmt.Sprintf("%s=%s is the label of namespace %s, which pods do not carry: do you mean the pods of namespace %s? Say \"namespace %s\"", corev1.LabelMetadataName, v, v, v, v)
		}
	}
	return ""
}

// treePortUnread asks when a word of the request is the name of a
// container port in the tree, not read as a port, while a network rule
// has no ports: the rule allowed every port where one was named.
func (p *parser) treePortUnread(in *generator.Intent) string {
	if p.tree == nil || !slices.ContainsFunc(in.Network, func(r generator.NetworkRule) bool { return len(r.Ports) == 0 }) {
		return ""
	}
	for i, t := range p.toks {
		if t.kind != tWord || p.claim[i] == "port-name" || p.claim[i] == "port-word" {
			continue
		}
		if p.treePortName(t.low) {
			return fmt.Sprintf("is %q the port named %s in the tree? The rule allows every port; say \"on the %s port\" for that port alone, or leave the word out", t.raw, t.low, t.low)
		}
	}
	return ""
}

// directionAgainstItsWord asks when a network rule's direction was read
// from the word "egress" (outgoing, outbound) used as a verb of reaching
// and is ingress, or the other way round.
func (p *parser) directionAgainstItsWord(in *generator.Intent) string {
	for _, o := range in.Origins {
		var i int
		if o.From != generator.FromRequest || o.Rule != "direction-verb" || !strings.HasSuffix(o.Field, ".direction") {
			continue
		}
		if _, err := fmt.Sscanf(o.Field, "network[%d]", &i); err != nil || i >= len(in.Network) {
			continue
		}
		w := strings.ToLower(o.Text)
		if d := in.Network[i].Direction; ingressWords[w] && d == generator.Egress || egressWords[w] && d == generator.Ingress {
			return fmt.Sprintf("which direction: %q was read as %s for a rule of %s; say which pods send the traffic and which receive it (\"allow egress from X to Y\")", o.Text, d, strings.TrimPrefix(subjectText(in.Subject), "applies to "))
		}
	}
	return ""
}

// peerLabeled reports whether a peer of the rules selects pods by the
// label "key=value" (as written in the request).
func peerLabeled(in *generator.Intent, label string) bool {
	key, value, ok := strings.Cut(label, "=")
	if !ok {
		return false
	}
	for _, r := range in.Network {
		for _, pe := range r.Peers {
			if pe.Pods != nil && pe.Pods.MatchLabels[key] == value {
				return true
			}
		}
	}
	return false
}

// httpPortsPaired asks when one network rule has two or more ports and
// HTTP requests, and a port was said between two of the HTTP requests:
// each request was said with its own port, and the rule allows every
// request on every port.
func (p *parser) httpPortsPaired(in *generator.Intent) string {
	for i, r := range in.Network {
		if len(r.Ports) < 2 || len(r.HTTP) < 2 {
			continue
		}
		prefix := fmt.Sprintf("network[%d].", i)
		var ports, http []int
		for _, o := range in.Origins {
			if o.From != generator.FromRequest || !strings.HasPrefix(o.Field, prefix) {
				continue
			}
			switch rest := strings.TrimPrefix(o.Field, prefix); {
			case strings.HasPrefix(rest, "ports["):
				ports = append(ports, o.Start)
			case strings.HasPrefix(rest, "http["):
				http = append(http, o.Start)
			}
		}
		if len(http) < 2 {
			continue
		}
		lo, hi := slices.Min(http), slices.Max(http)
		if slices.ContainsFunc(ports, func(at int) bool { return lo < at && at < hi }) {
			return "which port is each HTTP request for? They were said with ports between them, and one rule would allow every request on every port; say each port with its requests as a rule of its own"
		}
	}
	return ""
}

// httpShared asks when the request words of an HTTP rule are the origin of
// the HTTP rules of two network rules with different ports: said once,
// beside one peer, they were given to both.
func (p *parser) httpShared(in *generator.Intent) string {
	rules := map[int][]int{} // request offset -> the network rules it gave HTTP
	text := map[int]string{} // network rule -> its HTTP words
	for _, o := range in.Origins {
		var i int
		if o.From != generator.FromRequest || !strings.Contains(o.Field, "].http[") {
			continue
		}
		if _, err := fmt.Sscanf(o.Field, "network[%d]", &i); err != nil || i >= len(in.Network) {
			continue
		}
		if !slices.Contains(rules[o.Start], i) {
			rules[o.Start] = append(rules[o.Start], i)
		}
		if !strings.Contains(text[i], o.Text) {
			text[i] = strings.TrimSpace(text[i] + " " + o.Text) // "GET /v1"
		}
	}
	for _, rs := range rules {
		for _, a := range rs[1:] {
			if !slices.Equal(in.Network[a].Ports, in.Network[rs[0]].Ports) {
				return fmt.Sprintf("which peer is %q for? It was said once and read for the rules of two peers on different ports; say it beside the one peer it is for, and the other peer's rule on its own", text[rs[0]])
			}
		}
	}
	return ""
}

// openPeerNouns are common nouns that name peers by what they are, not
// which they are: "pods labeled app=api may only reach data on 5432",
// "... the backend on 443", "... the servers", "... the network", "...
// be reached by clients". No rule reads them, and dropped, the allow was
// open to anywhere, or the deny ("deny egress from app=api to servers")
// shut every peer.
var openPeerNouns = set("data", "backend", "backends", "frontend", "frontends", "server", "servers", "service", "services", "endpoint", "endpoints",
	"workload", "workloads", "app", "apps", "application", "applications", "pod", "pods", "network", "networks", "tier", "tiers", "clients", "client",
	"callers", "caller", "microservice", "microservices", "controller", "controllers", "hosts")

// peerNoun reports whether the word at i, which no rule read, names peers
// the rule cannot tell: a word of openPeerNouns, or a namespace of the
// tree said bare ("payments may only reach data on 5432", data a
// namespace: the namespace, or pods named data?).
func (p *parser) peerNoun(i int) bool {
	return !p.taken(i) && (openPeerNouns[p.word(i)] || p.treeNamespace(p.word(i)))
}

// serviceNouns name a Kubernetes Service after its name.
var serviceNouns = set("service", "services", "svc")

// serviceWithoutPort finds, with a tree, a Service of the tree named
// before "service" ("only the checkout pods may reach the payments
// service", "talk to the payments and cart services") beside an allow
// that says no port. Reaching a Service means its ports; the rule with
// none allowed every port of the pods behind it (metrics too). It returns
// the index of the noun, or -1. ("on any port" says every port.)
func (p *parser) serviceWithoutPort(in *generator.Intent) int {
	if p.tree == nil || !slices.ContainsFunc(in.Network, func(r generator.NetworkRule) bool {
		return r.Verdict == generator.Allow && len(r.Ports) == 0 && len(r.DNS) == 0
	}) {
		return -1
	}
	if slices.ContainsFunc(p.toks, func(t token) bool { return t.low == "port" || t.low == "ports" }) {
		return -1
	}
	for i, t := range p.toks {
		if serviceNouns[t.low] && i > 0 && p.taken(i-1) && p.treeService(p.word(i-1)) {
			return i
		}
	}
	return -1
}

// treeServiceName finds, with a tree, a peer read as a DNS name that is
// the short name "<service>.<namespace>" of a Service in a namespace of
// the tree: "allow nginx to reach frontend.shop on 80" wrote a toFQDNs
// rule for a host outside the cluster ("shop" is a public suffix too),
// where Service frontend in namespace shop was meant. clusterNameAsFQDN
// asks the same of the namespaces the request names.
func (p *parser) treeServiceName(in *generator.Intent) string {
	if p.tree == nil {
		return ""
	}
	for _, r := range in.Network {
		for _, peer := range r.Peers {
			if _, ns, ok := strings.Cut(peer.FQDN, "."); ok && p.treeNamespace(ns) {
				return peer.FQDN
			}
		}
	}
	return ""
}

// namespaceOrWorkload finds, with a tree, "in X" where X is both a
// namespace and a workload of the tree, read as the workload, after a
// default deny or "everything": "deny-all in payments", "lock down
// everything in payments", "block /bin/sh in everything in payments" gave
// the payments pods alone and left the rest of namespace payments open.
// It returns the index of X, or -1.
func (p *parser) namespaceOrWorkload(in *generator.Intent) int {
	if p.tree == nil || in.Subject.Pods == nil {
		return -1
	}
	isolates := slices.ContainsFunc(in.Network, func(r generator.NetworkRule) bool { return r.Verdict == generator.Isolate })
	for i := range p.toks {
		if !p.is(i-1, "in") || !isolates && !p.is(i-2, "everything", "all", "anything") || !p.treeNamespace(p.word(i)) {
			continue
		}
		// the subject is the workload X ("the worker pods in payments" is
		// worker's namespace)
		if slices.ContainsFunc(p.candidates(p.word(i), ""), func(c candidate) bool { return maps.Equal(c.selector, in.Subject.Pods.MatchLabels) }) {
			return i
		}
	}
	return -1
}

// isolateObjectUnread finds the words after the verb of a rule that cuts
// every connection in a direction, when no rule read them: "[tree] block
// shells in the checkout pods ingress", "block mounting in pods labeled
// app=web egress", "deny the database in the checkout pods egress" (a
// direction appended as the answer to "which direction?"). Dropped, what
// was meant narrowly (a program, a peer) became a total isolation. It
// returns the span of the unread words, or -1.
func (p *parser) isolateObjectUnread(in *generator.Intent) (int, int) {
	for n, r := range in.Network {
		if r.Verdict != generator.Isolate {
			continue
		}
		for _, o := range in.Origins {
			if o.From != generator.FromRequest || o.Field != fmt.Sprintf("network[%d].verdict", n) {
				continue
			}
			v := p.tokenAt(o.Start)
			if v < 0 || !denyWords[p.word(v)] {
				continue
			}
			k := v + 1
			for determiners[p.word(k)] {
				k++
			}
			j := k
			for j < len(p.toks) && p.claim[j] == "no-meaning" {
				j++
			}
			if j > k {
				return k, j
			}
		}
	}
	return -1, -1
}

// peerReasonWords join a peer said before a system rule to it as its
// reason: "checkout never talks to the Kubernetes API, so block ...",
// "since the pods never reach the internet, block /usr/bin/curl".
var peerReasonWords = set("so", "because", "since", "therefore", "hence", "thus", "given", "why")

// httpPathNotationRE finds in an HTTP path what is no path as written: a
// query string ('?'), a template ("{id}", "<id>", ":id" of a route), a
// fragment ('#', which a client never sends), and the anchors and
// alternation of a regular expression ('^', '$', '|') that a path written
// in a URL does not mean. Kept, "http://api.example.com:8080/#/dashboard",
// ".../v1/:id", ".../v1/users/<id>", ".../a|b" and ".../$metadata" became
// path rules that match no request, or others (finder 9's S11). So do a
// '+' right after a slash
// ("/users/+", one or more '/' to Cilium), a "%id%" placeholder and a
// segment in capitals ("/users/USER_ID", "/users/ID"), which name a value
// rather than spell it (finder 10, S13).
var httpPathNotationRE = regexp.MustCompile(`[?{}#<>|$^%]|/:[A-Za-z_]|/\+|/[A-Z][A-Z0-9_]*[A-Z](/|$)`)

// filePathNotationRE finds in a file path a variable ("$USER", "${HOME}"),
// a placeholder ("<file>", "%s", "{name}") or an ellipsis ('…' inside the
// path): KubeArmor matches a path as written and expands none of them. A
// segment in capitals joined by '_' ("/srv/APP_NAME/config") names a value
// too (finder 10, S13).
var filePathNotationRE = regexp.MustCompile(`[$<>{}%…]|/[A-Z][A-Z0-9]*_[A-Z0-9_]*[A-Z0-9](/|$)`)

// filePathNotation asks which file a path of a system rule names when it
// holds a variable or a placeholder, or follows one glued before it:
// "block access to /home/$USER/.ssh/id_rsa" was the path with "$USER" in
// it, "/etc/<file>" a file named "<file>", and "${HOME}/.ssh/id_rsa" lost
// the variable and became "/.ssh/id_rsa" (finder 9's S6 and S14): each a
// rule that blocks no file meant.
func (p *parser) filePathNotation() string {
	for i, t := range p.toks {
		if p.claim[i] != "path" {
			continue
		}
		// the words glued before the path: "${HOME}" of "${HOME}/.ssh"
		start := i
		for start > 0 && p.toks[start-1].end == p.toks[start].start && !strings.Contains("([,;", p.toks[start-1].raw) {
			start--
		}
		if !filePathNotationRE.MatchString(p.request[p.toks[start].start:t.end]) {
			continue
		}
		return fmt.Sprintf("which file is %q? KubeArmor matches a path as written and expands no variable or placeholder; write the path in full (\"/home/app/.ssh/id_rsa\")", p.request[p.toks[start].start:t.end])
	}
	return ""
}

// relativeOpeners open a relative clause set off by commas: "checkout,
// which may not reach the world, may reach payments".
var relativeOpeners = set("which", "who", "that")

// negatedRelativeClause asks when a relative clause set off by commas in
// the middle of a clause (", which ... ,", ", who ... ,") holds a
// negation or a deny word: "checkout, which may not reach the world, may
// reach payments on 443", "allow checkout, which never talks to the
// world, to reach payments on 443". Read as one clause, the aside's
// "not" became the verdict of the whole and the main clause's allow a
// deny, with its port moved onto the aside's peer (finder 13, S9). It
// may say a rule of its own or a fact; the requester says which.
func (p *parser) negatedRelativeClause(in *generator.Intent) string {
	if len(in.Network) == 0 {
		return ""
	}
	for i := 0; i+1 < len(p.toks); i++ {
		if !p.is(i, ",") || !relativeOpeners[p.word(i+1)] {
			continue
		}
		j := i + 2
		for j < len(p.toks) && !p.is(j, ",") {
			j++
		}
		if j+1 >= len(p.toks) {
			return ""
		}
		if slices.ContainsFunc(p.toks[i+2:j], func(t token) bool { return negationWords[t.low] || denyWords[t.low] }) {
			return fmt.Sprintf("is %q a rule of its own, or only said of the pods? Say each rule in a sentence of its own (\"checkout may not reach the world. checkout may reach payments on 443\")", p.text(i+1, j))
		}
		i = j - 1
	}
	return ""
}

// numberWords spell a number: "eighty", "twenty-two", "nine thousand".
var numberWords = set("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
	"twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety", "hundred", "thousand")

// spelledNumber reports whether w is a number in words, its parts joined
// by hyphens: "eighty", "twenty-two".
func spelledNumber(w string) bool {
	for part := range strings.SplitSeq(w, "-") {
		if !numberWords[part] {
			return false
		}
	}
	return true
}

// portWordAfterPort asks about a word no rule read that follows a port
// after "and", "or" or a comma and names a port too: a number in words
// ("allow ingress ... on port 5432 and eighty", "deny egress ... on 443
// and twenty-two") or a port the tree names ("allow checkout to reach
// payments on https and metrics"). Dropped, the rule held the first port
// alone and the second stayed closed, or open where it was to be denied
// (finder 13, S10).
func (p *parser) portWordAfterPort(in *generator.Intent) string {
	if len(in.Network) == 0 {
		return ""
	}
	for i, t := range p.toks {
		if t.kind != tWord || p.taken(i) || i < 2 || !p.is(i-1, "and", "or", ",", "&") {
			continue
		}
		if !p.portValue(i-2) && !strings.Contains(p.claim[i-2], "port") {
			continue
		}
		if spelledNumber(t.low) || p.tree != nil && p.treePortName(t.low) {
			return fmt.Sprintf("is %q a port too, beside %q? Name every port by its number (\"on 5432 and 80\")", t.raw, p.text(i-2, i-1))
		}
	}
	return ""
}
