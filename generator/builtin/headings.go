package builtin

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"k8s.io/apimachinery/pkg/api/equality"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/util/validation"

	"github.com/kunerva/kunerva/generator"
)

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
	// "Audit shells in the api pods - for the app=web pods audit /bin/sh":
	// pods the heading names by a word the rules do not say are others.
	rest := strings.FieldsFunc(strings.ToLower(after), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	for k := 1; k < len(c.toks); k++ {
		if w := c.toks[k-1]; (literalPodNouns[c.toks[k].low] || workloadKinds[c.toks[k].low] != "") && w.kind == tWord && !determiners[w.low] && !describingWord(w.low) && !fillerWords[w.low] && !prepositions[w.low] && !slices.Contains(rest, w.low) {
			return false
		}
	}
	return narratesWords(request, c, opts, true)
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
		if (everyScope(toks, n) || (t.low == "all" || t.low == "every") && n+1 < len(toks) && everyScope(toks, n+1)) && clusterSaid(next) {
			continue // "Default policy for all namespaces and pods: ... from every pod in the cluster"
		}
		if titleAction(t.low, next) && !slices.ContainsFunc(toks, func(u token) bool {
			return u.low == "in" || u.low == "on" || u.low == "for" || u.low == "inside" || u.low == "within"
		}) {
			continue // "Write below binary dir - ... block writes to /bin/"; "in web tier" would be a scene
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

// titleAction reports whether the word w of a title names the action that
// the rule after it says again with its verdict: "Write below binary dir -
// for the payments pods: block writes to /bin/ ...", "Modify shell configs
// -- audit changes to /etc/profile". A rule that does not say the action
// again ("Write below etc - block /etc/") would lose it with the title.
func titleAction(w string, next []token) bool {
	has := func(m map[string]bool) bool { return slices.ContainsFunc(next, func(t token) bool { return m[t.low] }) }
	verdict := slices.ContainsFunc(next, func(t token) bool { return denyWords[t.low] && !negationWords[t.low] || auditWords[t.low] })
	switch {
	case !verdict:
		return false
	case writeWords[w]:
		return has(writeWords)
	case processVerbs[w]:
		return has(processVerbs)
	}
	return false
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
// comma ("Zero trust, pattern 2"), or up to three words of topic right
// before it ("KubeArmor Test Case 1", "Network policy lab 3", "CKS
// practice scenario 12"), or 0. A topic word says no verdict, direction
// or traffic ("allow case 2" is no title).
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
		if k > 0 && seriesWords[toks[k].low] && k+1 < len(toks) && toks[k+1].kind == tNumber && !slices.ContainsFunc(toks[:k], func(t token) bool { return !seriesTopicWord(t.low) }) {
			s = k
			break
		}
	}
	if s+1 < len(toks) && seriesWords[toks[s].low] && toks[s+1].kind == tNumber {
		return s + 2
	}
	return 0
}

// seriesTopicWord reports whether w may be a word of the topic right
// before the number of a part of a series: no word of a verdict, a
// direction, traffic, files or processes, no preposition and no "not".
func seriesTopicWord(w string) bool {
	return !allowWords[w] && !denyWords[w] && !auditWords[w] && !isolateWords[w] && !reachVerbs[w] && !receiveVerbs[w] && !processVerbs[w] && !fileVerbs[w] &&
		!ingressWords[w] && !egressWords[w] && !prepositions[w] && !meaningWords[w] && !determiners[w] && !coordinators[w]
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

// noteLabels open a line that sums up what the body after it says in full:
// "Suggestion from the thread: allow ...", "Goal - let ...".
var noteLabels = set("suggestion", "proposal", "idea", "plan", "goal", "summary", "tl;dr", "tldr", "todo", "request", "ask", "objective", "aim", "intent")

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
	return toks[i].low == ":" && titleSaidAgain(toks[i+1:], after)
}

// labelledSummary reports whether the first clause is a labelled line that
// sums up the body after it, the way commitTitle reads a change's title:
// the number of a part of a series ("Step 6 of the workshop: allow from
// the bouviers to marge. The pods labeled deployment=marge ... accept
// traffic from every pod in namespace bouvier", "Part 2 - let monitoring
// scrape the web pods. ...") or a note's label ("Suggestion: allow the
// workers to reach redis. ..."), then a colon or a dash, then words of an
// allow that the body says again, each of its names with them.
func labelledSummary(toks []token, after []clause) bool {
	i := seriesNumberEnd(toks)
	if i == 0 && len(toks) > 0 && noteLabels[toks[0].low] {
		i = 1
	}
	if i == 0 {
		return false
	}
	// "Step 6 of the workshop", "Suggestion from the thread".
	if i+1 < len(toks) && (toks[i].low == "of" || toks[i].low == "from" || toks[i].low == "in") {
		k := i + 1
		if k < len(toks) && determiners[toks[k].low] {
			k++
		}
		if k < len(toks) && toks[k].kind == tWord && !hasStatement(toks[k:k+1]) {
			i = k + 1
		}
	}
	if i >= len(toks) || toks[i].low != ":" && toks[i].low != "-" && toks[i].low != "–" && toks[i].low != "—" {
		return false
	}
	return titleSaidAgain(toks[i+1:], after)
}

// titleSaidAgain reports whether the words of a title after its label make
// no rule the body after it does not say in full: no value, no deny, scope
// or exception, and every name again in the body ("bouviers" as
// "bouvier", "marge" as the label's value deployment=marge), which holds a
// statement with labels.
func titleSaidAgain(toks []token, after []clause) bool {
	if len(toks) == 0 || hasValue(toks) {
		return false
	}
	// "Step 4: let the web pods reach the internet": a peer (an entity,
	// DNS, the API server) the body does not name again is a rule of the
	// title's own.
	if !peersSaidAgain(toks, slices.Concat(tokensOf(after)...)) {
		return false
	}
	// "Step 3: allow egress from the frontends to the api. The pods
	// labeled app=api accept ...": a direction the body does not say too
	// is a rule of the title's own.
	body := slices.Concat(tokensOf(after)...)
	if slices.ContainsFunc(toks, func(t token) bool { return egressWords[t.low] }) && !slices.ContainsFunc(body, func(t token) bool { return egressWords[t.low] }) ||
		slices.ContainsFunc(toks, func(t token) bool { return ingressWords[t.low] }) && !slices.ContainsFunc(body, func(t token) bool { return ingressWords[t.low] || receiveVerbs[t.low] }) {
		return false
	}
	if rolesSwapped(toks, body) || bodyDenies(body) {
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
	described := addressesDescribed(toks, after)
	// "fix: let web reach the cache. The app=web pods ...": a name the
	// body never says again is a rule of the title's own.
	for n, t := range toks {
		w := t.low
		if described[n] {
			continue
		}
		if t.kind != tWord || fillerWords[w] || meaningWords[w] || frameWords[w] || policyNouns[w] || toolWords[w] || determiners[w] || prepositions[w] || coordinators[w] ||
			allowWords[w] || reachVerbs[w] || receiveVerbs[w] || podNouns[w] || workloadKinds[w] != "" || namespaceWords[w] || ingressWords[w] || egressWords[w] || w == "so" || w == "that" {
			continue
		}
		if !slices.ContainsFunc(after, func(c clause) bool {
			return slices.ContainsFunc(c.toks, func(u token) bool { return sameName(u, w) || labelKey(u, w) })
		}) {
			return false
		}
	}
	// "Step 7: allow burns to simpson - every pod in the simpson
	// namespace may receive traffic from the burns namespace": namespaces
	// named as such say which pods as labels do.
	return slices.ContainsFunc(after, func(c clause) bool {
		return hasStatement(c.toks) && slices.ContainsFunc(c.toks, func(t token) bool { return t.kind == tLabel || namespaceWords[t.low] })
	})
}

// rolesSwapped reports whether a title and the body after it name the
// same pods in swapped roles: "Step 3: allow the api to reach the
// frontends. The pods labeled app=api accept traffic from the pods labeled
// app=frontend" says two things, not one twice. A title's sender stands
// after "from" or before "to" or a verb of reaching; its receiver after
// them. In the body, what stands after "from" sends, and what stands after
// "to" or a verb of reaching receives.
func rolesSwapped(title, body []token) bool {
	var senders, receivers []string
	after := false
	for _, t := range title {
		w := t.low
		switch {
		case w == "from":
			after = false
		case w == "to" || w == "into" || reachVerbs[w]:
			after = true
		case t.kind == tWord && !fillerWords[w] && !determiners[w] && !prepositions[w] && !coordinators[w] && !allowWords[w] && !podNouns[w] && workloadKinds[w] == "":
			if after {
				receivers = append(receivers, w)
			} else {
				senders = append(senders, w)
			}
		}
	}
	// "open the cache to the workers", "expose the api to the web tier":
	// what stands after "to" sends.
	if slices.ContainsFunc(title, func(t token) bool { return exposeWords[t.low] }) {
		senders, receivers = receivers, senders
	}
	// names after a body's preposition, up to the next one
	named := func(k int, names []string) bool {
		for j := k + 1; j < len(body) && j <= k+5; j++ {
			if body[j].low == "from" || body[j].low == "to" || reachVerbs[body[j].low] || receiveVerbs[body[j].low] {
				return false
			}
			if slices.ContainsFunc(names, func(w string) bool { return sameName(body[j], w) }) {
				return true
			}
		}
		return false
	}
	for k, t := range body {
		if t.low == "from" && named(k, receivers) || (t.low == "to" || reachVerbs[t.low]) && named(k, senders) {
			return true
		}
	}
	return false
}

// exposeWords make what stands before "to" the pods reached: "open the
// cache to the workers".
var exposeWords = set("open", "opens", "expose", "exposes", "exposed", "accessible", "available", "reachable")

// relativeWords may make up a relative clause that only describes the
// pods before it: "the front-end services that actually need them".
var relativeWords = set("that", "which", "who", "actually", "really", "need", "needs", "use", "uses", "call", "calls", "it", "them", "talk", "talks", "to", "with",
	"require", "requires", "depend", "depends", "on")

// exposureSummary reports whether gen says in general words who may reach
// whom, and the statement body after it says it again in full, with
// labels: "back-end apps should only be exposed to the front-end services
// that need them - role=backend pods accept connections from role=frontend
// pods", "workers should only be able to reach the queue, so pods labeled
// role=worker may connect to the pods labeled app=queue". gen names no
// value, no deny, negation or exception; each name in it stands again in
// the body ("back-end" as tier=backend, "tier" as its key), in the same
// roles, and a direction word only when the body says it too.
func exposureSummary(gen, body []token) bool {
	if len(gen) < 3 || hasValue(gen) || !hasStatement(body) || !slices.ContainsFunc(body, func(t token) bool { return t.kind == tLabel }) ||
		!slices.ContainsFunc(gen, func(t token) bool { return exposeWords[t.low] || reachVerbs[t.low] || receiveVerbs[t.low] }) {
		return false
	}
	for n, t := range gen {
		w := t.low
		if denyWords[w] || isolateWords[w] || auditWords[w] || negationWords[w] || w == "except" || w == "but" || scopeWords[w] || processVerbs[w] || fileVerbs[w] {
			return false
		}
		// "... that (actually) need them": a relative clause of words
		// alone that only describes.
		if (w == "that" || w == "which" || w == "who") && n > 0 && !slices.ContainsFunc(gen[n:], func(u token) bool { return !relativeWords[u.low] && !fillerWords[u.low] }) {
			break
		}
		if t.kind != tWord || fillerWords[w] || determiners[w] || prepositions[w] || coordinators[w] || allowWords[w] || reachVerbs[w] || receiveVerbs[w] || exposeWords[w] ||
			podNouns[w] || workloadKinds[w] != "" || modals[w] || w == "only" || w == "alone" || w == "able" || w == "exclusively" || w == "solely" || w == "keep" {
			continue
		}
		if !slices.ContainsFunc(body, func(u token) bool { return sameName(u, w) || labelKey(u, w) }) {
			return false
		}
	}
	if slices.ContainsFunc(gen, func(t token) bool { return egressWords[t.low] }) && !slices.ContainsFunc(body, func(t token) bool { return egressWords[t.low] }) ||
		slices.ContainsFunc(gen, func(t token) bool { return ingressWords[t.low] }) && !slices.ContainsFunc(body, func(t token) bool { return ingressWords[t.low] || receiveVerbs[t.low] }) {
		return false
	}
	return !rolesSwapped(gen, body) && !bodyDenies(body)
}

// labelKey reports whether label u has the key w: "the api tier" and
// tier=api.
func labelKey(u token, w string) bool {
	return u.kind == tLabel && strings.HasPrefix(u.low, strings.TrimSuffix(w, "s")+"=")
}

// addressesDescribed marks the words of a title's noun phrase that names
// addresses in words, when the body after it gives addresses: "allow the
// CIDR your hosts are in. So ... accept connections on 8080 from
// 10.240.0.0/16", "let the office range in". The phrase runs from the
// words before the noun that only qualify it to the next "and", "or" or
// comma; what stands beyond it ("... and the internet") is checked alone.
func addressesDescribed(toks []token, after []clause) map[int]bool {
	out := map[int]bool{}
	if !slices.ContainsFunc(after, func(c clause) bool { return slices.ContainsFunc(c.toks, func(t token) bool { return t.kind == tCIDR }) }) {
		return out
	}
	for n, t := range toks {
		if !addressNouns[t.low] {
			continue
		}
		for k := n; k >= 0; k-- {
			w := toks[k].low
			if toks[k].kind != tWord || determiners[w] || allowWords[w] || reachVerbs[w] || receiveVerbs[w] || exposeWords[w] || prepositions[w] || coordinators[w] || entityWord(w) != "" {
				break
			}
			out[k] = true
		}
		for k := n + 1; k < len(toks); k++ {
			w := toks[k].low
			if toks[k].kind != tWord || coordinators[w] || w == "," || entityWord(w) != "" {
				break
			}
			out[k] = true
		}
	}
	return out
}

// bodyDenies reports whether a statement denies or negates ("must not
// accept", "block ..."): then a summary of an allow before it says
// something else, and is no summary.
func bodyDenies(body []token) bool {
	// "... and nobody else", "nothing else": the rest of an allow-list.
	return slices.ContainsFunc(body, func(t token) bool {
		return denyWords[t.low] && !negationWords[t.low] && !restOfAllow[t.low] || isolateWords[t.low] || t.low == "not" || t.low == "never" || t.low == "don't" || t.low == "can't" || t.low == "cannot" || t.low == "mustn't" || t.low == "shouldn't"
	})
}

// restOfAllow say the rest an allow-list leaves out: "nobody else".
var restOfAllow = set("nobody", "nothing", "none", "noone")

// tokensOf is the tokens of each clause.
func tokensOf(cs []clause) [][]token {
	out := make([][]token, len(cs))
	for n, c := range cs {
		out[n] = c.toks
	}
	return out
}

// sameName reports whether token u says the name w again: the same word,
// the value of a label, or the same in the singular or without hyphens
// ("bouviers" and "bouvier", "front-end" and "frontend").
func sameName(u token, w string) bool {
	if u.low == w || u.kind == tLabel && strings.HasSuffix(u.low, "="+w) {
		return true
	}
	norm := func(s string) string { return strings.TrimSuffix(strings.ReplaceAll(s, "-", ""), "s") }
	v := u.low
	if u.kind == tLabel {
		if k := strings.LastIndex(v, "="); k >= 0 {
			v = v[k+1:]
		}
	} else if u.kind != tWord {
		return false
	}
	return norm(v) == norm(w)
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
// subject heading, or 0. A topic of auditing ("sensitive file read
// detection for the backend containers (app=backend): log every read of
// /etc/shadow") is the audit the statement after it (after) says.
func topicFor(toks, after []token) int {
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
		// "Service boundary for the payments API (app=payments-api): ...",
		// "Pod security for ...": a word for pods that opens the topic and
		// qualifies the noun after it names no pods.
		outside = outside || n == 0 && n+1 < f && topicNouns[toks[n+1].low]
		// with it, no word of meaning but "read" stands in the topic: "read-only audit for ..." is more.
		audits := auditWords[w] && slices.ContainsFunc(after, func(u token) bool { return auditWords[u.low] }) && !slices.ContainsFunc(after, func(u token) bool { return denyWords[u.low] || allowWords[u.low] }) &&
			!slices.ContainsFunc(toks[:f], func(u token) bool {
				return meaningful(u) && !auditWords[u.low] && u.low != "read" && u.low != "reads" && u.low != "reading"
			})
		if t.kind != tWord || denyWords[w] || allowWords[w] || auditWords[w] && !audits || isolateWords[w] || w == "only" || w == "except" || podNouns[w] && !outside || namespaceWords[w] ||
			ingressWords[w] || egressWords[w] {
			return 0
		}
	}
	return f
}

// topicNouns, after a word for pods that opens a heading, make that word
// the topic's ("Service boundary", "Pod security", "Workload policy"), not
// the name of pods ("Service checkout for ..." stays a question).
var topicNouns = set("boundary", "boundaries", "security", "protection", "policy", "policies", "rules", "guardrails", "baseline", "controls", "firewall", "hygiene", "posture")

// everyScopeHeading reports whether toks, the words before a colon or a
// dash, are a topic for every pod of the cluster whose rules after (after)
// say that scope again: "Default policy for all namespaces and pods: block
// egress to 169.254.169.254 from every pod in the cluster", "Metadata guard
// for every namespace - all pods in the cluster must not reach ...". The
// topic holds no value, verdict, "only" or "except", and a direction only
// when the rules say the same one ("Egress hardening for all pods: deny
// egress ... from every pod in the cluster").
func everyScopeHeading(toks, after []token) bool {
	f := slices.IndexFunc(toks, func(t token) bool { return t.low == "for" || t.low == "across" })
	if f <= 0 || f+1 >= len(toks) || !clusterSaid(after) || !hasStatement(after) {
		return false
	}
	// the scope: "all namespaces and pods", "every pod", "all namespaces and their pods"
	every := false
	for _, t := range toks[f+1:] {
		w := t.low
		switch {
		case w == "all" || w == "every":
			every = true
		case (namespaceWords[w] || podNouns[w]) && every:
		case w == "and" || w == "," || w == "their" || w == "the" || w == "in" || w == "cluster":
		default:
			return false
		}
	}
	if !every {
		return false
	}
	for _, t := range toks[:f] {
		w := t.low
		if t.kind != tWord || denyWords[w] || allowWords[w] || auditWords[w] || isolateWords[w] || w == "only" || w == "except" || podNouns[w] || namespaceWords[w] ||
			ingressWords[w] && !slices.ContainsFunc(after, func(u token) bool { return ingressWords[u.low] }) ||
			egressWords[w] && !slices.ContainsFunc(after, func(u token) bool { return egressWords[u.low] }) {
			return false
		}
	}
	return true
}

// addressBlock reports whether token n is the "block" of "IP block" or
// "CIDR blocks": addresses, not a verdict.
func addressBlock(toks []token, n int) bool {
	w := toks[n].low
	return (w == "block" || w == "blocks") && n > 0 && (toks[n-1].low == "cidr" || toks[n-1].low == "ip" || toks[n-1].low == "address")
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
	case n >= 4 && toks[n-3].low == "," && namespaceWords[toks[n-2].low] && toks[n-1].kind == tWord:
		s = n - 3 // "backend-policy, namespace app"
	case n >= 2 && sceneAt(toks, n-2):
		s = n - 2 // "in rollout-test"
	case n >= 4 && (toks[n-4].low == "for" || toks[n-4].low == "across" || toks[n-4].low == "in") && toks[n-3].low == "the" && (toks[n-2].low == "whole" || toks[n-2].low == "entire") && toks[n-1].low == "cluster":
		s = n - 4 // "Zero-trust baseline for the whole cluster"
	default:
		return false
	}
	for _, t := range toks[:s] {
		w := t.low
		if t.kind != tWord || denyWords[w] || allowWords[w] || auditWords[w] || isolateWords[w] || podNouns[w] && !describedApp(toks, slices.Index(toks[:s], t)) || namespaceWords[w] || processVerbs[w] ||
			reachVerbs[w] || receiveVerbs[w] || ingressWords[w] || egressWords[w] || w == "only" || w == "except" {
			return false
		}
	}
	return true
}

// appShapes say what kind of application a whole is, not which of its
// pods: "multi-tier app", "3-tier app", "microservices application". (A
// "demo app" may be the pods of a workload named demo.)
var appShapes = set("multi-tier", "multitier", "3-tier", "three-tier", "2-tier", "two-tier", "4-tier", "four-tier", "n-tier", "tiered", "microservices")

// describedApp reports whether the pod noun at n is an application named by
// its shape ("multi-tier app in the default namespace:"): the scene of the
// rules after it, whose own words name the pods.
func describedApp(toks []token, n int) bool {
	return n > 0 && n < len(toks) && (toks[n].low == "app" || toks[n].low == "application" || toks[n].low == "apps" || toks[n].low == "applications") && appShapes[toks[n-1].low]
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
		case t.kind == tLabel || (podNouns[w] || workloadKinds[w] != "") && t.start > toks[0].start && (n == len(toks)-1 || toks[n+1].kind != tWord) && !namespaceWords[toks[n-1].low] && !describedApp(toks, n):
			// "the nginx pods:", but not "Network service discovery:",
			// nor "Backend in namespace app:", whose "app" names the
			// namespace
			names = true
		case t.kind != tWord && t.kind != tPunct:
			return false
		}
	}
	return names
}

// pronouns point back at what another clause names.
var pronouns = set("it", "its", "they", "them", "their", "theirs", "these", "those")

// titleErrors are the questions a title asks when read as a rule of its
// own: whom it is for, which of the words it names, which way.
var titleErrors = []string{"which pods should", "cannot audit traffic", "what should be denied? I found no peers", "is the policy for", "the same pods or two sets", "default deny takes no peers", "which peers should this allow", "which direction", "I do not understand this as a security policy", "Give their labels", "which labels do the"}

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
// "from a specific pod", "an immutable container", "in one policy".
var titleDescribing = set("specific", "particular", "certain", "given", "single", "individual", "immutable", "one", "same")

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
// titleScenes stand before the place a title names: "in prod", "inside
// team-a", "within the payments namespace", "for staging".
var titleScenes = set("in", "for", "inside", "within")

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
	if len(cs) == 0 || !opensSentence(request, cs[0]) && !afterSeriesNumber(request, cs[0], dismissed) {
		return 0
	}
	for k := range cs {
		if errs[k] == nil || !summarizes(request, cs[k], errs[k], opts, ruled, ruledIn) {
			return 0
		}
		if endsSentence(request, cs[k], dismissed) || k == 0 && (endsHeading(request, cs[k]) || reasonEndsHeading(request, cs[k], dismissed)) || endsAtDash(request, cs[k]) && k+1 < len(cs) && errs[k+1] == nil {
			return k + 1
		}
	}
	return 0
}

// titleCased reports whether toks, up to a dash or the end of the
// sentence, are the words of a title, each capitalized but for small words,
// asides in parentheses aside: "Block Sensitive File Access", "Default Deny
// All", "Allow App Traffic (namespace production)".
func titleCased(toks []token) bool {
	depth, capitals := 0, 0
	for _, t := range toks {
		switch {
		case t.low == "(":
			depth++
		case t.low == ")":
			depth--
		case depth > 0:
		case t.kind == tPunct && (t.low == "-" || t.low == "." || t.low == ";" || t.low == "!" || t.low == "?"):
			return capitals >= 2
		case t.kind == tWord && t.raw != "" && unicode.IsUpper(rune(t.raw[0])):
			capitals++
		case t.kind == tWord && titleSmallWords[t.low]:
		default:
			return false
		}
	}
	return capitals >= 2
}

// titleSmallWords stay lower case in a title.
var titleSmallWords = set("a", "an", "the", "of", "and", "or", "to", "in", "on", "for", "from", "by", "with")

// afterSeriesNumber reports whether clause c follows the number of a part
// of a series, or a heading, and a dash, as a title does: "Policy 5 - Block
// Capabilities - for the wisecow pods block ...", "wisecow-secure-policy,
// PROCESS SECTION - what programs are allowed to run? For app=wisecow ...".
func afterSeriesNumber(request string, c clause, dismissed []clause) bool {
	return slices.ContainsFunc(dismissed, func(d clause) bool {
		return (seriesHeading(d.toks) || d.dismissed == "heading") && d.toks[len(d.toks)-1].end <= c.toks[0].start && strings.Trim(request[d.toks[len(d.toks)-1].end:c.toks[0].start], " -–—:") == ""
	})
}

// seriesTitleHeldBack asks about the title of a part of a series that
// holds the rule after it back or narrows it: "Policy 4: Do Not Apply -
// only app=web may reach ...", "Policy 4: Disabled For Now - ...", "Policy
// 5: Canary Pods - for the wisecow pods block NET_RAW". Set aside as a
// title, its words were lost and the rule applied to all the pods, now.
func seriesTitleHeldBack(request string, d clause, dismissed []clause, all []*generator.Intent) error {
	if !afterSeriesNumber(request, d, dismissed) {
		return nil
	}
	for k, t := range d.toks {
		// "pattern 2: a compromised pod must not wander off" is the goal:
		// only "not" before a word of being in force holds the rule back.
		notInForce := negationWords[t.low] && k+1 < len(d.toks) && inForceWords[d.toks[k+1].low]
		if t.kind == tWord && !readByIntents(t, all) && (heldBackWords[t.low] || scopeQualifiers[t.low] || notInForce || t.low == "draft") {
			return &generator.NotUnderstoodError{Request: request, Understood: all[0].Summary(), Example: generator.ExampleFor(all[0]),
				Missing: fmt.Sprintf("the title %q holds back or narrows the rules after it (%q): which pods, and when, should they apply to? Say it in the rule, or leave the title out", d.text(request), t.raw)}
		}
	}
	return nil
}

// inForceWords say a policy is in force: "Not Enforced", "not applied yet".
var inForceWords = set("enforced", "applied", "active", "enabled", "deployed", "live", "final")

// heldBackOrder reports whether toks order a policy held back, anywhere
// in the request: "Do not apply.", "Don't deploy this yet.".
func heldBackOrder(toks []token) bool {
	k := 1
	if len(toks) > 2 && toks[0].low == "do" && toks[1].low == "not" {
		k = 2
	}
	return len(toks) > k && deployVerbs[toks[k].low]
}

// deployVerbs put a policy in force.
var deployVerbs = set("apply", "deploy", "activate")

// endsAtDash reports whether clause c ends at a dash, as a title does
// before the rule it heads: "Cache servers must only be reachable by the
// app tier that uses them - pods labeled app=redis may receive traffic
// only from ...", "Egress hardening – pods labeled app=worker may only
// ...". The clause after the dash must make a rule (see summaryClauses).
func endsAtDash(request string, c clause) bool {
	after := strings.TrimSpace(request[c.toks[len(c.toks)-1].end:])
	return strings.HasPrefix(after, "-") || strings.HasPrefix(after, "–") || strings.HasPrefix(after, "—")
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
	// (not "Cilium should drop everything ...", a rule).
	if strings.Contains(nu.Missing, "which labels do the") {
		q := strings.SplitN(nu.Missing, "\"", 3)
		if len(q) < 3 || !nameSaidAgain(q[1], ruled, ruledIn) && !toolCan(c.toks, q[1]) && !titlePodsOfRules(c.toks, q[1], ruledIn) {
			return false
		}
		said[q[1]] = true
		// "Don't let prometheus scrape the api. ... only from the
		// prometheus namespace": a title that denies or negates traffic
		// of what it names, which the rules allow, contradicts them.
		network := slices.ContainsFunc(ruledIn, func(x *generator.Intent) bool { return len(x.Network) > 0 })
		if network && slices.ContainsFunc(c.toks, func(t token) bool { return denyWords[t.low] || negationWords[t.low] || isolateWords[t.low] }) {
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
		case t.kind != tWord && t.kind != tPunct || titleScope[w] && !(n > 0 && (c.toks[n-1].low == "a" || c.toks[n-1].low == "an")) || valueWord(t) || systemName(t) || knownExecutables[w] || list && t.kind == tWord && !coordinators[w]:
			// "to run in a cluster with closed traffic": any cluster, no scope.
			// "DNS tunneling tools (iodine, dnscat2, dns2tcp): block all
			// three ...": what a title names in parentheses is a value too.
			// "cluster-wide egress baseline - every pod in the cluster may
			// ...": a scope the rules are for.
			if !again(w) && !scopeOfRules(w, ruledIn) {
				return false
			}
		case titleScenes[w] && named(n+1) && !again(c.toks[n+1].low) || titleScenes[w] && determiners[c.toks[min(n+1, len(c.toks)-1)].low] && named(n+2) && !again(c.toks[n+2].low):
			// "what's needed in prod", "restrict traffic further inside
			// team-a": the scene a title names.
			return false
		case w == "except" && exceptOnly(c.toks[n+1:], ruled, again):
			// "we want /run/secrets/ to be off limits except for our php
			// process: only /usr/local/bin/php may access /run/secrets/":
			// the exception is the "only" of the rule, named again.
		case titleExceptions[w], unclearVerbs[w]:
			// "Intercept delete_module. Audit the ... delete_module
			// syscalls": intercepting may be blocking.
			return false
		case !asked && (allowWords[w] && w != "may" && w != "can" && w != "open" && !allow || (denyWords[w] && !negationWords[w] && w != "nobody" || isolateWords[w]) && !deny && !allow),
			auditWords[w] && !audit, ingressWords[w] && !in, egressWords[w] && !out:
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

// valueWord reports whether a word token is a value written as a word: a name
// with a dot or a slash ("api.github.com", "app/web").
func valueWord(t token) bool {
	return t.kind == tWord && (strings.Contains(t.low, "/") || strings.Contains(strings.Trim(t.low, "."), "."))
}

// toolCan reports whether the tool word w stands in toks before a word of
// what it can do: "Cilium can filter the outgoing DNS traffic", "Calico
// supports ...": a fact about the tool, no rule.
func toolCan(toks []token, w string) bool {
	for k, t := range toks {
		if t.low == w && toolWords[w] && k+1 < len(toks) && (toks[k+1].low == "can" || toks[k+1].low == "supports" || toks[k+1].low == "lets") {
			return true
		}
	}
	return false
}

// titlePodsOfRules reports whether a title names by the word w, before a
// pod noun or a workload kind, the one set of pods its rules are for:
// "Contain the mining workload: for pods labeled app=api in namespace
// prod, block ...", "Potential shell via web server: alert when
// /usr/sbin/apache2 starts /bin/bash in the wordpress pods
// (app=wordpress)". The rules name no other pods (no pod peers), and
// their pods are given by labels; a title that isolates pods other rules
// could be about ("Isolate the payments service: block egress from
// app=web ...") or negates ("Leave the billing deployment alone: ...") is
// more than that.
func titlePodsOfRules(toks []token, w string, ruledIn []*generator.Intent) bool {
	if slices.ContainsFunc(toks, func(t token) bool { return isolateWords[t.low] || negationWords[t.low] }) || !slices.ContainsFunc(toks[:max(len(toks)-1, 0)], func(t token) bool { return t.low == w }) {
		return false
	}
	literal := false // "the api pods", "the billing deployment"
	for k, t := range toks[:len(toks)-1] {
		if next := toks[k+1].low; t.low == w && !podNouns[next] && workloadKinds[next] == "" && next != "tier" {
			return false // "the mining workload", "web server", "the database tier"
		} else if t.low == w {
			// "the ML containers" may say what the pods do.
			literal = literal || literalPodNouns[next] && next != "container" && next != "containers" || workloadKinds[next] != ""
		}
		if t.low == w && (scopeQualifiers[w] || heldBackWords[w]) {
			literal = false // "Policy 5: Canary Pods": seriesTitleHeldBack asks
		}
	}
	var pods *metav1.LabelSelector
	for _, x := range ruledIn {
		for _, y := range append([]*generator.Intent{x}, x.Others...) {
			if y.Subject.Scope != generator.ScopePods || y.Subject.Pods == nil || len(y.Subject.Pods.MatchLabels)+len(y.Subject.Pods.MatchExpressions) == 0 {
				return false
			}
			if pods != nil && !equality.Semantic.DeepEqual(pods, y.Subject.Pods) {
				return false
			}
			// "Block shells in the api pods - for the app=web pods block
			// /bin/sh": pods or a workload named by a word that is no
			// part of their labels' values are other pods than the rule's.
			if literal && !labelsSay(y.Subject.Pods, w) {
				return false
			}
			pods = y.Subject.Pods
			for _, r := range y.Network {
				if slices.ContainsFunc(r.Peers, func(p generator.Peer) bool { return p.Pods != nil || p.Namespace != "" || p.Namespaces != nil }) {
					return false
				}
			}
		}
	}
	return pods != nil
}

// literalPodNouns name pods as such, not by what they do ("server",
// "workload", "service" say a role, which a title may give labeled pods):
// the word before them is the pods' name.
var literalPodNouns = set("pod", "pods", "container", "containers", "replicas", "instances")

// podNamesOfRules reports whether the names before the pod noun or
// workload kind at n ("the api pods", "the api and web pods", "the billing
// deployment") are said by the labels of the rules' pods, or by the rules
// (again: "the ML containers" of namespace ml-serving). named tells a word
// that may name pods.
func podNamesOfRules(toks []token, n int, named func(int) bool, again func(string) bool, ruledIn []*generator.Intent) bool {
	for k := n - 1; k >= 0; k -= 2 {
		// "Policy 5: Canary Pods - ...": a scope the pods are in, which
		// seriesTitleHeldBack asks about.
		if !named(k) && !podNameFrameWords[toks[k].low] || scopeQualifiers[toks[k].low] || heldBackWords[toks[k].low] {
			return true
		}
		if !labelsOfRulesSay(toks[k].low, ruledIn) && !again(toks[k].low) {
			return false
		}
		if k < 1 || toks[k-1].low != "and" && toks[k-1].low != "or" && toks[k-1].low != "," {
			return true
		}
	}
	return true
}

// podNameFrameWords are words of sentence frames (frameWords) that name
// pods before a pod noun: "the api pods", "the metrics pods".
var podNameFrameWords = set("api", "data", "metrics", "http", "grpc", "dns", "coredns", "kube-dns", "site", "website")

// labelsOfRulesSay reports whether the labels of the pods of every rule
// in ruledIn say the word w (see labelsSay).
func labelsOfRulesSay(w string, ruledIn []*generator.Intent) bool {
	for _, x := range ruledIn {
		for _, y := range append([]*generator.Intent{x}, x.Others...) {
			if y.Subject.Pods == nil || !labelsSay(y.Subject.Pods, w) {
				return false
			}
		}
	}
	return len(ruledIn) > 0
}

// labelsSay reports whether the word w is a label value of the selector
// or a part of one between dashes, dots, underscores or slashes: "billing"
// of app=billing-api.
func labelsSay(sel *metav1.LabelSelector, w string) bool {
	parts := func(v string) bool {
		return slices.Contains(strings.FieldsFunc(strings.ToLower(v), func(r rune) bool { return r == '-' || r == '.' || r == '_' || r == '/' }), w) || strings.ToLower(v) == w
	}
	for _, v := range sel.MatchLabels {
		if parts(v) {
			return true
		}
	}
	for _, e := range sel.MatchExpressions {
		if slices.ContainsFunc(e.Values, parts) {
			return true
		}
	}
	return false
}

// nameSaidAgain reports whether the rules of the clauses ruled say the
// name w again: as a word or a label's value ("ingress-nginx", "app=web"),
// or as a part of the name of a namespace their pods or peers are in
// ("monitoring" of openshift-monitoring). A part of a label's value is
// not enough: "web" may be other pods than app=web-proxy.
func nameSaidAgain(w string, ruled []clause, ruledIn []*generator.Intent) bool {
	for _, r := range ruled {
		if slices.ContainsFunc(r.toks, func(t token) bool { return t.low == w || t.kind == tLabel && strings.HasSuffix(t.low, "="+w) }) {
			return true
		}
	}
	for _, x := range ruledIn {
		for _, y := range append([]*generator.Intent{x}, x.Others...) {
			nss := append([]string{y.Subject.Namespace}, y.Subject.Namespaces...)
			for _, r := range y.Network {
				for _, peer := range r.Peers {
					nss = append(nss, peer.Namespace)
				}
			}
			if slices.ContainsFunc(nss, func(ns string) bool { return slices.Contains(strings.Split(ns, "-"), w) }) {
				return true
			}
		}
	}
	return false
}

// namespaceTitle is a shape of heading at the start of a request whose
// word may name the namespace the rules after it are for: word returns
// that word's index in the heading's tokens, or -1; marks are what may end
// the heading (a colon, a dash: every dash is "-" once read).
type namespaceTitle struct {
	marks string
	word  func(head []token) int
}

// namespaceTitles are the shapes of such headings, each with an example.
// A heading of one of them that no rule uses and the words after it do not
// say again, over rules whose namespace is the default, asks whether its
// word is the namespace (titleNamespace): the policy would drop it.
var namespaceTitles = []namespaceTitle{
	// "prod: block /bin/sh in the app=web pods", "kube-system: pods labeled
	// k8s-app=kube-dns may receive on 53 from anywhere": a name alone
	// before a colon (not a word that titles, "Example:", "memo:", nor a
	// policy's name, "allow-read:").
	{":", func(head []token) int {
		if len(head) == 1 && titleName(head[0].low) && !camelCase(head[0].raw) {
			return 0
		}
		return -1
	}},
	// "prod - block /bin/sh in the app=web pods", "Hardening - ...": a
	// word alone before a dash; not a policy's name, whose parts say what
	// it does ("wisecow-zero-trust-policy - ...", "deny-all - ...").
	{"-", func(head []token) int {
		if len(head) == 1 && !(strings.Contains(head[0].low, "-") && !titleName(head[0].low)) {
			return 0
		}
		return -1
	}},
	// "Hardening for prod: block /bin/sh in the app=web pods", "Egress
	// rules in prod: ...", "For prod - block ...": the word after "for"
	// or "in" that ends it.
	{":-", func(head []token) int {
		n := len(head)
		if n >= 2 && n <= 6 && (head[n-2].low == "for" || head[n-2].low == "in") && !judgedPurpose(head, n-2) {
			return n - 1
		}
		return -1
	}},
}

// judgements say how much something counts: "Controlling outbound traffic
// matters for audit", "Egress control is critical for compliance".
var judgements = set("matters", "matter", "important", "critical", "crucial", "essential", "vital", "key", "must", "mandatory", "required", "necessary")

// judgedPurpose reports whether "for" at n in a heading says what a
// judgement before it counts for, a purpose of rationaleStarts ("matters
// for audit", "is important for compliance"), not the namespace
// ("Hardening for prod").
func judgedPurpose(head []token, n int) bool {
	return head[n].low == "for" && slices.ContainsFunc(head[:n], func(t token) bool { return judgements[t.low] }) &&
		slices.ContainsFunc(rationaleStarts, func(s []string) bool { return len(s) == 2 && s[0] == "for" && n+1 < len(head) && s[1] == head[n+1].low })
}

// titleNamespace returns the word of a heading at the start of the request
// that may name the namespace (see namespaceTitles) and where it stands, or
// "" when there is none or the words after the heading say it again.
func titleNamespace(toks []token) (string, int) {
	k := slices.IndexFunc(toks, func(t token) bool { return t.kind == tPunct && (t.low == ":" || t.low == "-") })
	if k <= 0 || k+1 == len(toks) {
		return "", 0
	}
	head, mark := toks[:k], toks[k].low
	for _, shape := range namespaceTitles {
		i := shape.word(head)
		if i < 0 || !strings.Contains(shape.marks, mark) || head[i].kind != tWord || len(validation.IsDNS1123Label(head[i].low)) > 0 {
			continue
		}
		w := head[i].low
		if slices.ContainsFunc(toks[k+1:], func(t token) bool { return strings.Contains(t.low, w) }) {
			return "", 0
		}
		return w, head[i].start
	}
	return "", 0
}

// titleWords title what follows them, and name nothing: "memo:", "Note:",
// and the parts of a system a commit title opens with ("bpf: hide /sys
// from restricted containers").
var titleWords = set("memo", "note", "notes", "nb", "summary", "goal", "goals", "context", "background", "problem", "solution", "answer", "update", "edit",
	"todo", "tldr", "requirement", "requirements", "request", "ask", "idea", "proposal", "issue", "bug", "question", "hint", "tip", "warning", "reminder",
	"objective", "intent", "purpose", "use-case", "usecase", "setup", "status", "draft", "wip", "hardening", "security", "networking", "netpol", "netpols",
	"bpf", "ebpf", "seccomp", "apparmor", "selinux", "kernel", "sys", "net", "fs", "mm", "apps", "infra", "deploy", "ops", "k8s", "kube", "cilium", "kubearmor")

// titleName reports whether a word alone before a colon may be a name (of a
// namespace, say): not a word that titles, frames or means, and not a
// policy's name, whose parts say what it does ("allow-read",
// "egress-to-private-vm", "q3-np-rule").
func titleName(w string) bool {
	if len(validation.IsDNS1123Label(w)) > 0 || titleWords[w] || seriesWords[w] || commitTypes[w] || toolWords[w] || headingNouns[w] || scopeWords[w] {
		return false
	}
	if fillerWords[w] || meaningWords[w] || frameWords[w] {
		return false
	}
	// "team-a" may name a namespace, "allow-read" names a policy, and so
	// do "restrict-http-methods" and "wisecow-zero-trust" (postureWords).
	for _, part := range strings.Split(w, "-") {
		if policyNouns[part] || allowWords[part] || denyWords[part] || isolateWords[part] || auditWords[part] || ingressWords[part] || egressWords[part] || postureWords[part] ||
			len(part) > 1 && prepositions[part] || part == "rules" || ruleKindParts[part] {
			return false
		}
	}
	return true
}

// ruleKindParts, as a part of a name before a colon or a dash, name the
// kind of rule a policy holds, so the name is the policy's: "wisecow-processes:",
// "api-binaries -", "node-syscalls:". ("files" and "paths" stay out: a
// namespace may hold a file server's pods.)
var ruleKindParts = set("process", "processes", "binaries", "executables", "execs", "syscalls", "capabilities", "caps")

// postureWords, as a part of a name before a colon, say what a policy
// does or aims at, so the name is the policy's, not a namespace's:
// "restrict-http-methods:", "wisecow-zero-trust:", "limit-egress:",
// "db-lockdown:", "harden-shells:".
var postureWords = set("restrict", "restricts", "restricted", "restriction", "restrictions", "limit", "limits", "limited", "lock", "locked", "lockdown",
	"harden", "hardened", "hardening", "protect", "protected", "protection", "guard", "guardrail", "guardrails", "zero", "trust", "least", "privilege",
	"baseline", "isolation", "segmentation", "quarantine", "containment", "only")

// isolateNouns name a lockdown as a thing, the way a title does: "Web tier
// lockdown - ...", "Payments isolation - ...".
var isolateNouns = set("lockdown", "isolation", "quarantine", "containment", "hardening", "segmentation")

// isolateTitle reports whether clause c is a title before a dash or a
// colon whose only word of a verdict is a noun of isolation, beside a rule
// that makes only system rules: "Web tier lockdown - block access to
// /etc/shadow in pods labeled app=nginx". Read as a rule, it would isolate
// the network of the pods the system rule names; it takes no pods, and
// beside such rules only it is their title (explainsRules).
func isolateTitle(request string, c clause, from ...*generator.Intent) bool {
	if len(from) == 0 || len(c.toks) == 0 {
		return false
	}
	for _, in := range from {
		if in == nil || len(in.System) == 0 || len(in.Network) > 0 || slices.ContainsFunc(in.Others, func(x *generator.Intent) bool { return len(x.Network) > 0 }) {
			return false
		}
	}
	after := strings.TrimSpace(request[c.toks[len(c.toks)-1].end:])
	if !strings.HasPrefix(after, "-") && !strings.HasPrefix(after, ":") && !strings.HasPrefix(after, "—") {
		return false
	}
	// "deny-all - block writes to /etc/ ...", "default-deny - only /bin/sh
	// may run ...": a policy's name, one word of parts joined by dashes,
	// whose verdict is the system rules' own posture.
	if kebabVerdictName(c.toks) {
		return true
	}
	noun := false
	for _, t := range c.toks {
		switch {
		case isolateNouns[t.low]:
			noun = true
		case t.kind != tWord && t.kind != tPunct || denyWords[t.low] || allowWords[t.low] || auditWords[t.low] || isolateWords[t.low] || ingressWords[t.low] || egressWords[t.low]:
			return false
		}
	}
	return noun
}

// kebabVerdictName reports whether toks are one word of parts joined by
// dashes, one of them a verdict, the way a policy is named: "deny-all",
// "default-deny", "block-everything". Spaced ("Deny all - block /bin/sh")
// it may be an order of its own: verdictTitleAsked.
func kebabVerdictName(toks []token) bool {
	if len(toks) != 1 || toks[0].kind != tWord || !strings.Contains(strings.Trim(toks[0].low, "-"), "-") {
		return false
	}
	for _, part := range strings.Split(toks[0].low, "-") {
		if denyWords[part] || isolateWords[part] {
			return true
		}
	}
	return false
}

// verdictTitleAsked reports whether clause c opens the request with words
// of a verdict alone before a dash ("Deny all - block /bin/sh in pods
// labeled app=web", "Default deny - ..."), beside rules that make only
// system rules: the title of the system rules, or a network default deny
// of their pods as well? Read as a rule it gave a NetworkPolicy nobody
// may have asked for; it is asked about.
func verdictTitleAsked(request string, c clause, from *generator.Intent) bool {
	if from == nil || len(c.toks) < 2 || c.toks[0].start != 0 || len(from.System) == 0 || len(from.Network) > 0 {
		return false
	}
	after := strings.TrimSpace(request[c.toks[len(c.toks)-1].end:])
	if !strings.HasPrefix(after, "-") && !strings.HasPrefix(after, "—") {
		return false
	}
	verdict := false
	for _, t := range c.toks {
		switch {
		case denyWords[t.low] || isolateWords[t.low]:
			verdict = true
		case t.low == "all" || t.low == "everything" || t.low == "default" || t.low == "by":
		default:
			return false
		}
	}
	return verdict
}

// roleWords say what kind of server or workload pods are, not which:
// "the web server", "a mail server", "the mining workload".
var roleWords = set("web", "mail", "build", "file", "proxy", "database", "cache", "mining", "miner", "game", "media", "print", "ftp", "backup", "streaming")

// roleOfLabeledPods reports whether w, which a title puts before a pod
// noun ("Web server exploitation: in pods labeled app=php-frontend, block
// ...", "Contain the mining workload: for pods labeled app=api ..."), is a
// role word and every rule names its pods by labels: the title says what
// kind of pods they are. (With a tree, a workload of that name is pods of
// the tree: summarizes asks first.)
func roleOfLabeledPods(w string, ruledIn []*generator.Intent) bool {
	if !roleWords[w] || len(ruledIn) == 0 {
		return false
	}
	for _, x := range ruledIn {
		for _, y := range append([]*generator.Intent{x}, x.Others...) {
			if y.Subject.Scope != generator.ScopePods || y.Subject.Pods == nil || len(y.Subject.Pods.MatchLabels) == 0 && len(y.Subject.Pods.MatchExpressions) == 0 {
				return false
			}
		}
	}
	return true
}

// endsHeading reports whether a colon follows clause c: "Contain the
// mining workload: for pods labeled app=api ...". Such a title summarizes
// the rule after it as a sentence before the rules does.
//
// A dash does too, after words alone with no verb of a rule: "Egress
// hardening - the app=web pods may only reach 10.0.0.0/8 on 443".
func endsHeading(request string, c clause) bool {
	after := strings.TrimSpace(request[c.toks[len(c.toks)-1].end:])
	if strings.HasPrefix(after, ":") {
		return true
	}
	return endsAtDash(request, c) && !slices.ContainsFunc(c.toks, func(t token) bool {
		w := t.low
		return t.kind != tWord || reachVerbs[w] || receiveVerbs[w] || allowWords[w] || denyWords[w] || auditWords[w] || isolateWords[w] || modals[w] || fileVerbs[w] || processVerbs[w]
	})
}

// reasonEndsHeading reports whether the reasons said after clause c end
// at a colon, as a heading does: "Controlling outbound traffic matters for
// compliance: the app=billing pods may only ...", "Locking this down is
// important for security: ..." (the reason "for compliance" is dismissed
// as a rationale; the words before it are the heading).
func reasonEndsHeading(request string, c clause, dismissed []clause) bool {
	end := c.toks[len(c.toks)-1].end
	for {
		k := slices.IndexFunc(dismissed, func(d clause) bool {
			return d.dismissed == "rationale" && d.toks[0].start >= end && strings.Trim(request[end:d.toks[0].start], " ,") == ""
		})
		if k < 0 {
			return false
		}
		end = dismissed[k].toks[len(dismissed[k].toks)-1].end
		if strings.HasPrefix(strings.TrimSpace(request[end:]), ":") {
			return true
		}
	}
}

// scopeOfRules reports whether the scope word w of a title ("cluster-wide",
// "nodes") is where every rule of ruledIn applies: the whole cluster, or
// the nodes.
func scopeOfRules(w string, ruledIn []*generator.Intent) bool {
	family := clusterFamily[w]
	if family == "" || len(ruledIn) == 0 {
		return false
	}
	for _, x := range ruledIn {
		for _, y := range append([]*generator.Intent{x}, x.Others...) {
			if family == "cluster" && y.Subject.Scope != generator.ScopeCluster || family == "nodes" && y.Subject.Scope != generator.ScopeNodes {
				return false
			}
		}
	}
	return true
}

// titleExceptWords make a deny title a default deny with exceptions, which
// the allow rules after it are: "Block everything to api except web",
// "Deny all but web to api".
var titleExceptWords = set("except", "but", "only", "other", "others", "else", "unless", "besides", "excluding", "apart", "save")

// endWords are the words of a selector's values, by which a sentence names
// the pods: app=web says "web", app.kubernetes.io/name=api-gw "api-gw".
func endWords(sel *metav1.LabelSelector) map[string]bool {
	words := map[string]bool{}
	if sel == nil {
		return words
	}
	for _, v := range sel.MatchLabels {
		words[strings.ToLower(v)] = true
	}
	return words
}

// deniedThenAllowed asks when a sentence set aside (a title, a summary, an
// explanation) denies or negates traffic between two pods that a rule of
// the request allows: "Block web to api. The api pods (app=api) accept
// traffic from the web pods (app=web) on TCP 8080.", "The web pods must not
// reach the api. Pods labeled app=web may only send traffic to app=api".
// Set aside, the deny was lost and the allow given. A deny of all the
// pods' traffic ("Deny egress for web", "Block all traffic to api") names
// one end and is the default deny the allow-list makes; an exception
// ("except", "but", "only") makes it so too.
func deniedThenAllowed(request string, d clause, intents []*generator.Intent) error {
	switch d.dismissed {
	case "summary", "explanation", "heading", "remark", "no-statement", "describes-the-pods":
	default:
		return nil
	}
	// ("Keep web away from db": away from, as a deny.)
	if !slices.ContainsFunc(d.toks, func(t token) bool {
		return denyWords[t.low] || isolateWords[t.low] || t.low == "away" || t.low == "unreachable" || t.low == "inaccessible"
	}) ||
		slices.ContainsFunc(d.toks, func(t token) bool { return titleExceptWords[t.low] }) {
		return nil
	}
	// says is where words name one end: the token, and the part of a
	// hyphenated word ("Web-to-api traffic").
	says := func(words map[string]bool) (int, int) {
		for k, t := range d.toks {
			if t.kind != tWord {
				continue
			}
			for n, w := range strings.Split(t.low, "-") {
				if words[w] || words[strings.TrimSuffix(w, "s")] || words[strings.TrimSuffix(w, "'s")] || n == 0 && words[t.low] {
					return k, n
				}
			}
		}
		return -1, -1
	}
	for _, in := range intents {
		for _, x := range append([]*generator.Intent{in}, in.Others...) {
			own := endWords(x.Subject.Pods)
			for _, r := range x.Network {
				if r.Verdict != generator.Allow {
					continue
				}
				for _, peer := range r.Peers {
					theirs := endWords(peer.Pods)
					if peer.Namespace != "" {
						theirs[peer.Namespace] = true
					}
					a, an := says(own)
					b, bn := says(theirs)
					if a < 0 || b < 0 || a == b && an == bn {
						continue
					}
					return &generator.NotUnderstoodError{Request: request, Understood: x.Summary(), Example: generator.ExampleFor(x),
						Missing: fmt.Sprintf("the request both allows and denies: %q denies traffic between %s and %s, and a rule allows it: should it allow or block this? Ask once for each",
							d.text(request), strings.Split(d.toks[a].raw, "-")[an], strings.Split(d.toks[b].raw, "-")[bn])}
				}
			}
		}
	}
	return nil
}
