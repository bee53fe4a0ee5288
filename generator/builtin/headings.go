package builtin

import (
	"slices"
	"strconv"
	"strings"
	"unicode"

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
		if k > 0 && seriesWords[toks[k].low] && k+1 < len(toks) && seriesNumber(toks[k+1]) && !slices.ContainsFunc(toks[:k], func(t token) bool { return !seriesTopicWord(t.low) }) {
			s = k
			break
		}
	}
	if s+1 < len(toks) && seriesWords[toks[s].low] && seriesNumber(toks[s+1]) {
		return s + 2
	}
	return 0
}

// seriesNumber reports whether t may number a part of a series: a number
// below 100 ("Step 3", "Control 5.2"); "Trigger 443:" or "Step 8080:" may
// name a port, which a heading set aside would drop.
func seriesNumber(t token) bool {
	n, err := strconv.ParseFloat(t.low, 64)
	return t.kind == tNumber && (err != nil || n < 100)
}

// numbering reports whether token k is a number that numbers or ranks the
// word before it, no port: "Layer 3 by DNS", "policies, part 3", "ring 0".
func (p *parser) numbering(k int) bool {
	t := p.toks[k]
	return t.kind == tNumber && k > 0 && (p.is(k-1, "layer") || seriesWords[p.word(k-1)] && seriesNumber(t) || rankNumber(p.toks, k))
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
