package builtin

import (
	"slices"
	"strconv"
	"strings"

	"github.com/kunerva/kunerva/generator"
)

// summarizes reports whether the words of toks, refused with err, only
// summarize the rules of the clauses ruled (see summaryClauses).
// With --assume-app-label any word could name pods, so no title is read.
func summarizes(request string, c clause, err error, opts generator.Options, ruled []clause, ruledIn []*generator.Intent) bool {
	nu, ok := err.(*generator.NotUnderstoodError)
	if !ok || !slices.ContainsFunc(titleErrors, func(q string) bool { return strings.Contains(nu.Missing, q) }) && !topicModifierAsked(c.toks, nu.Missing) && !exceptAsked(c.toks, nu.Missing) || len(ruledIn) == 0 || opts.AssumeAppLabel {
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
			// "/usr/local/bin/php" says "php" again.
			if t.kind == tPath {
				said[w[strings.LastIndex(w, "/")+1:]] = true
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
	// "netpol: restrict metrics ingress to the monitoring stack. ... only
	// from the openshift-monitoring namespace", "let ingress-nginx reach
	// Grafana. ... from the ingress-nginx namespace", "Cilium can filter
	// the outgoing DNS traffic. ...": the word the title would take for a
	// workload's name the rules say again (see nameSaidAgain), or
	// it is the tool the policy is written for, saying what it can do
	// (not "Cilium should drop everything ...", a rule), or it names
	// nothing, only describing the noun after it ("Trigger A: terminal
	// shell in container.": see proseWord).
	if strings.Contains(nu.Missing, "which labels do the") {
		q := strings.SplitN(nu.Missing, "\"", 3)
		if len(q) < 3 || !nameSaidAgain(q[1], ruled, ruledIn) && !toolCan(c.toks, q[1]) && !titlePodsOfRules(c.toks, q[1], ruledIn) && !proseWord(c.toks, q[1]) {
			return false
		}
		said[q[1]] = true
		// "Don't let prometheus scrape the api. ... only from the
		// prometheus namespace": a title that denies or negates traffic
		// of what it names, which the rules allow, contradicts them.
		network := slices.ContainsFunc(ruledIn, func(x *generator.Intent) bool { return len(x.Network) > 0 })
		if network && slices.ContainsFunc(c.toks, func(t token) bool { return denyWords[t.low] || negationWords[t.low] || isolateWords[t.low] }) && !onlyDirectionsClosed(c.toks, ruledIn) {
			return false
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
	// "Policy 5: Block Reads - for the app=wisecow pods block writes to
	// /etc/": a title that denies reads over rules that leave reading
	// allowed asks more than they do.
	readsLeft := false
	for _, x := range ruledIn {
		for _, y := range append([]*generator.Intent{x}, x.Others...) {
			for _, r := range y.System {
				readsLeft = readsLeft || r.Kind == generator.File && r.ReadOnly
			}
		}
	}
	if readsLeft && !slices.ContainsFunc(c.toks, func(t token) bool { return writeWords[t.low] || t.low == "written" }) && slices.ContainsFunc(c.toks, func(t token) bool { return t.low == "read" || t.low == "reads" || t.low == "reading" }) &&
		slices.ContainsFunc(c.toks, func(t token) bool { return denyWords[t.low] || auditWords[t.low] }) {
		return false
	}
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
	// "Detect and stop kernel module loading from containers: ... block
	// insmod ...": a KubeArmor block raises an alert too, so a title that
	// detects and stops what the system rules block says them again.
	blocksOnly := deny && !allow && !audit && !in && !out
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
	// "PROCESS SECTION - what programs are allowed to run? For app=wisecow,
	// block ...": a question of what, whose allow or deny the rules after
	// it answer (an audit asked of stays one the rules must say).
	asked := openQuestion(request, c.toks)
	// "Task 1: Secure the charms Namespace.", "Step 2 - allow from your
	// ingress controller.": where the title stands in a series (see
	// seriesNumberEnd) is nothing the rules must say again. ("Step 2: deny
	// everything else." points at the steps before it, which the request
	// does not hold: the number stays, and asks.)
	from := 0
	if k := seriesNumberEnd(c.toks); k > 0 && k < len(c.toks) && (c.toks[k].low == ":" || c.toks[k].low == "-" || c.toks[k].low == ".") &&
		!slices.ContainsFunc(c.toks[k:], func(t token) bool {
			return restMarkers[t.low] || t.low == "others" || t.low == "too" || t.low == "also"
		}) {
		from = k + 1
	}
	for n, t := range c.toks {
		w := t.low
		if n < from {
			continue
		}
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
		case t.kind != tWord && t.kind != tPunct || titleScope[w] && !(n > 0 && (c.toks[n-1].low == "a" || c.toks[n-1].low == "an")) || valueWord(t) || systemName(t) || knownExecutables[w] || list && t.kind == tWord && !coordinators[w]:
			// "to run in a cluster with closed traffic": any cluster, no scope.
			// "DNS tunneling tools (iodine, dnscat2, dns2tcp): block all
			// three ...": what a title names in parentheses is a value too.
			// "cluster-wide egress baseline - every pod in the cluster may
			// ...": a scope the rules are for.
			if !again(w) && !scopeOfRules(w, ruledIn) && !slashedSaidAgain(w, again) {
				return false
			}
		case titleScenes[w] && named(n+1) && !again(c.toks[n+1].low) || titleScenes[w] && determiners[c.toks[min(n+1, len(c.toks)-1)].low] && named(n+2) && !again(c.toks[n+2].low):
			// "what's needed in prod", "restrict traffic further inside
			// team-a": the scene a title names.
			return false
		case allowedNamesList(c.toks, n):
			// "adding capabilities beyond the allowed list must be
			// disallowed": a list, no allow.
		case w == "except" && exceptOnly(c.toks[n+1:], ruled, again):
			// "we want /run/secrets/ to be off limits except for our php
			// process: only /usr/local/bin/php may access /run/secrets/":
			// the exception is the "only" of the rule, named again.
		case titleExceptions[w], unclearVerbs[w]:
			// "Intercept delete_module. Audit the ... delete_module
			// syscalls": intercepting may be blocking.
			return false
		case !asked && (allowWords[w] && w != "may" && w != "can" && w != "open" && !allow || (denyWords[w] && !negationWords[w] && w != "nobody" || isolateWords[w]) && !deny && !allow),
			auditWords[w] && !audit && !(blocksOnly && alertedBlock(c.toks, n)), ingressWords[w] && !in, egressWords[w] && !out:
			return false
		case namespaceWords[w] && topicModifier(c.toks, n):
			// "namespace escape signals", "namespace isolation": a kind of
			// thing, no namespace.
		case podNouns[w] || namespaceWords[w]:
			// "the kafka pods", "the arr namespace", "namespace arr": the
			// name beside the noun.
			for _, k := range []int{n - 1, n + 1} {
				if namespaceWords[w] && namedNamespace(k) && !placed(c.toks[k].low) || !namespaceWords[w] && k == n-1 && named(k) && !again(c.toks[k].low) && !roleOfLabeledPods(c.toks[k].low, ruledIn) {
					return false
				}
			}
			// "Block Shells in the api pods - for the app=web pods block
			// /bin/sh": the word before "pods" names them, whatever kind
			// of word it is elsewhere ("api"); pods the rules name by other
			// labels are other pods.
			if (literalPodNouns[w] || w == "service" || w == "services" || w == "workload" || w == "workloads") && !podNamesOfRules(c.toks, n, named, again, ruledIn) {
				return false
			}
		case workloadKinds[w] != "" && !podNamesOfRules(c.toks, n, named, again, ruledIn):
			// "Block shells in the api deployment - for the app=web pods ..."
			return false
		}
	}
	return true
}

// slashedSaidAgain reports whether w is names joined by slashes, each of
// which the rules say again: "Deny execution of package management tools
// (apt/apt-get). ... block /usr/bin/apt and /usr/bin/apt-get". A path
// ("/etc/shadow") is one value, said again whole or not at all.
func slashedSaidAgain(w string, again func(string) bool) bool {
	if strings.HasPrefix(w, "/") || strings.HasSuffix(w, "/") || !strings.Contains(w, "/") {
		return false
	}
	for _, part := range strings.Split(w, "/") {
		if part == "" || !again(part) {
			return false
		}
	}
	return true
}

// openQuestion reports whether toks are a question of what, which, who or
// where (a question mark after them) that asks for nothing more than the
// rules after it: "what programs are allowed to run?", "which files can be
// edited?"; not "what else should be blocked?", nor one that names pods or
// a scene ("what may run in the api pods?"), which may be other pods.
func openQuestion(request string, toks []token) bool {
	if len(toks) < 2 || !openQuestionWords[toks[0].low] || !strings.HasPrefix(strings.TrimSpace(request[toks[len(toks)-1].end:]), "?") {
		return false
	}
	return !slices.ContainsFunc(toks, func(t token) bool {
		return t.low == "else" || t.low == "also" || t.low == "too" || t.low == "other" || t.low == "additionally" || negationWords[t.low] ||
			podNouns[t.low] || namespaceWords[t.low] || titleScenes[t.low] || t.low == "on"
	})
}

var openQuestionWords = set("what", "which", "who", "where")

// namespaceTopics are what a title may be about at the level of
// namespaces: "namespace escape signals", "namespace isolation",
// "namespace boundary hardening".
var namespaceTopics = set("escape", "escapes", "breakout", "breakouts", "isolation", "separation", "segmentation", "segregation", "boundary", "boundaries",
	"lockdown", "hardening", "baseline", "tenancy", "sandboxing")

// topicModifier reports whether the namespace word at n only says what kind
// of topic the noun after it is: "namespace escape", "namespace isolation".
// Alone it names no namespace; in a title the rules after it say which.
func topicModifier(toks []token, n int) bool {
	return namespaceWords[toks[n].low] && n+1 < len(toks) && namespaceTopics[toks[n+1].low]
}

// topicModifierAsked reports whether the question asked of a title is
// about a namespace word that only modifies a topic (see topicModifier):
// "what do you mean by "namespace" here?" of "namespace escape signals".
func topicModifierAsked(toks []token, missing string) bool {
	for n, t := range toks {
		if strings.HasPrefix(missing, "what do you mean by "+strconv.Quote(t.raw)+" here?") && topicModifier(toks, n) {
			return true
		}
	}
	return false
}

// exceptAsked reports whether the question asked of a title is about its
// "except": "what do you mean by "except" here?" (see exceptOnly).
func exceptAsked(toks []token, missing string) bool {
	return slices.ContainsFunc(toks, func(t token) bool {
		return t.low == "except" && strings.HasPrefix(missing, "what do you mean by "+strconv.Quote(t.raw)+" here?")
	})
}

// exceptOnly reports whether what a title excepts, the words after
// "except" (after), is what the rules allow alone: a rule says "only",
// and every word of the exception that names something the rules say
// again: "off limits except for our php process: only
// /usr/local/bin/php may access ...".
func exceptOnly(after []token, ruled []clause, again func(string) bool) bool {
	if !slices.ContainsFunc(ruled, func(c clause) bool { return hasWord(c.toks, "only") }) {
		return false
	}
	named := 0
	for _, t := range after {
		w := t.low
		switch {
		case t.kind == tPunct:
			return named > 0
		case w == "for" || determiners[w] || fillerWords[w] || processNouns[w] || pronounPossessives[w] || w == "our" || w == "their" || w == "its":
		case again(w):
			named++
		default:
			return false
		}
	}
	return named > 0
}

// alertedBlock reports whether "detect" at n is joined by "and" to a word
// that blocks: "detect and stop", "detect and block". ("Block and audit"
// names two actions, which the rules must both take: see verdictTitle.)
func alertedBlock(toks []token, n int) bool {
	return toks[n].low == "detect" && n+2 < len(toks) && toks[n+1].low == "and" && denyWords[toks[n+2].low] && !negationWords[toks[n+2].low]
}

// onlyDirectionsClosed reports whether every word of denial in the title
// toks is "no" before a direction that the rules isolate or deny: in
// "Frontend: Envoy ingress only, no egress. ... accept connections only
// from the Envoy gateway (...), and they may not send any traffic out",
// "no egress" says the rules' egress isolation again; it negates no
// traffic of Envoy, which the rules allow. ("Don't let prometheus scrape
// the api" negates the traffic the rules allow, and stays no summary.)
func onlyDirectionsClosed(toks []token, ruledIn []*generator.Intent) bool {
	closed := func(d generator.Direction) bool {
		return slices.ContainsFunc(ruledIn, func(x *generator.Intent) bool {
			return slices.ContainsFunc(x.Network, func(r generator.NetworkRule) bool { return r.Direction == d && r.Verdict != generator.Allow })
		})
	}
	for n, t := range toks {
		if !denyWords[t.low] && !negationWords[t.low] && !isolateWords[t.low] {
			continue
		}
		if t.low != "no" || n+1 == len(toks) {
			return false
		}
		switch next := toks[n+1].low; {
		case egressWords[next] && closed(generator.Egress), ingressWords[next] && closed(generator.Ingress):
		default:
			return false
		}
	}
	return true
}
