package builtin

import (
	"fmt"
	"slices"
	"strings"

	"github.com/kunerva/kunerva/generator"
)

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
		// "in the staging namespace, ... Any other pod, even inside
		// staging": a namespace of the rules, said again.
		if t.kind != tWord || read(t) || labelValue(t.low) || rulesNamespace(t.low, all) || !sentenceRead(i) {
			continue
		}
		// "so we never accidentally expose an app": what the rule keeps
		// from happening; "after the migration from flannel is done":
		// when the rule is to be applied.
		// "Staging rollout in stage-2 - ...": a word of the scene before
		// the namespace it is about.
		if near(i+1, i+3, "in", "for") && slices.ContainsFunc(toks[min(i+2, len(toks)):min(i+5, len(toks))], func(u token) bool { return rulesNamespace(u.low, all) }) {
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
		// "Prod only:\nBlock /bin/sh in app=web": a heading that limits
		// the rules after it to a place, system rules too.
		case (onlyHeadWords[t.low] || stageWords[t.low]) && is(i+1, "only") && is(i+2, ":", "-") && (i == 0 || is(i-1, ".", ":", ";", "-", "(")):
			j = i + 2
		// "Hotfix (prod only): ...", "Prod-only hotfix: ...": the same
		// limit, in brackets or joined by a hyphen.
		case (onlyHeadWords[t.low] || stageWords[t.low]) && is(i+1, "only") && is(i+2, ")") && is(i-1, "("):
			j = i + 2
		case strings.HasSuffix(t.low, "-only") && (onlyHeadWords[strings.TrimSuffix(t.low, "-only")] || stageWords[strings.TrimSuffix(t.low, "-only")]):
			j = i + 1
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

// othersMayEgress asks when "and nothing else may" ("but nothing else can")
// follows a rule read as
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
		// ", but nothing else may", "but nothing else can", "and nothing
		// else should" (finder 17, S4: "but" and the other modals were read
		// as the pods' egress allow-list, the peer left open).
		if !is(k, "may", "can", "should", "must", "will", "shall") || !is(i-1, "and", ",", "but") {
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
