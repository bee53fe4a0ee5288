package builtin

import (
	"fmt"
	"slices"
	"strings"

	"github.com/kunerva/kunerva/generator"
)

// Checks of the whole request for words set aside (an aside in brackets, a
// sentence read as a fact, a heading) that change what the rules beside
// them mean: a direction, a second peer, a namespace, where the policy is
// rolled out, another user of what is blocked, both directions.

// brackets lists the spans of the request's bracketed asides, as the
// indexes of "(" and ")".
func brackets(toks []token) [][2]int {
	var out [][2]int
	for i := 0; i < len(toks); i++ {
		if toks[i].low != "(" {
			continue
		}
		e := i + 1
		for e < len(toks) && toks[e].low != ")" && toks[e].low != "(" {
			e++
		}
		if e < len(toks) && toks[e].low == ")" {
			out = append(out, [2]int{i, e})
			i = e
		}
	}
	return out
}

// spanRead reports whether an origin of the intents lies within the
// tokens a..b.
func spanRead(toks []token, a, b int, all []*generator.Intent) bool {
	for _, x := range all {
		for _, o := range x.Origins {
			if o.From == generator.FromRequest && toks[a].start <= o.Start && o.End <= toks[b].end {
				return true
			}
		}
	}
	return false
}

// directionFromAside asks when a rule read outside brackets took its
// direction from a word inside them: "Only app=api may reach app=db on
// 5432 (outbound only DNS)" made app=api the policy's pods, with app=db a
// peer, so app=db lost its allow-list; the aside says the direction of
// another rule.
func directionFromAside(request string, toks []token, all []*generator.Intent) error {
	for _, b := range brackets(toks) {
		in := func(o generator.Origin) bool { return toks[b[0]].end <= o.Start && o.End <= toks[b[1]].start }
		for _, x := range all {
			for i := range x.Network {
				f := fmt.Sprintf("network[%d].", i)
				d := slices.IndexFunc(x.Origins, func(o generator.Origin) bool {
					return o.From == generator.FromRequest && o.Field == f+"direction" && in(o)
				})
				if d < 0 {
					continue
				}
				if slices.ContainsFunc(x.Origins, func(o generator.Origin) bool {
					return o.From == generator.FromRequest && strings.HasPrefix(o.Field, f) && o.Field != f+"direction" && o.Field != f+"verdict" && !in(o)
				}) {
					return &generator.NotUnderstoodError{Request: request, Understood: x.Summary(), Example: generator.ExampleFor(x),
						Missing: fmt.Sprintf("%q in the aside %q gave its direction to the rule outside it: whose traffic does the aside speak of? Say each rule with its own pods and direction", x.Origins[d].Text, request[toks[b[0]].start:toks[b[1]].end])}
				}
			}
		}
	}
	return nil
}

// addingWords open an aside that adds to the rule before it: "(and
// Prometheus)", "(plus the payment gateway)".
var addingWords = set("and", "plus", "also")

// addedInAside asks about an aside that adds something no rule read: "Only
// app=api may reach app=db on 5432 (and Prometheus)" cut Prometheus off.
func addedInAside(request string, toks []token, all []*generator.Intent) error {
	for _, b := range brackets(toks) {
		if b[1]-b[0] < 3 || !addingWords[toks[b[0]+1].low] || spanRead(toks, b[0], b[1], all) {
			continue
		}
		// "(and its subdirectories)": a word of the closed list, which
		// the accounting reads.
		if slices.ContainsFunc(toks[b[0]+1:b[1]], meaningful) {
			continue
		}
		return &generator.NotUnderstoodError{Request: request, Understood: all[0].Summary(), Example: generator.ExampleFor(all[0]),
			Missing: fmt.Sprintf("what does %q add to the rule? Name it by its labels or its address in a rule of its own", request[toks[b[0]].start:toks[b[1]].end])}
	}
	return nil
}

// bareWordAfterPods asks about one plain word in brackets after pods that
// no rule read: "Block /bin/sh in app=web (shop)", "Only app=api
// (payments) may reach app=db" may give the pods' namespace.
func bareWordAfterPods(request string, toks []token, all []*generator.Intent) error {
	for _, b := range brackets(toks) {
		if b[1]-b[0] != 2 || b[0] == 0 || toks[b[0]+1].kind != tWord || spanRead(toks, b[0], b[1], all) {
			continue
		}
		k := b[0] - 1
		if podNouns[toks[k].low] && k > 0 {
			k--
		}
		if toks[k].kind != tLabel {
			continue
		}
		return &generator.NotUnderstoodError{Request: request, Understood: all[0].Summary(), Example: generator.ExampleFor(all[0]),
			Missing: fmt.Sprintf("what does %q say of %s: is it their namespace? Then say \"%s in namespace %s\"", request[toks[b[0]].start:toks[b[1]].end], toks[k].raw, toks[k].raw, toks[b[0]+1].raw)}
	}
	return nil
}

// deployWords say where a policy is rolled out: "rolled out to shop and
// cart", "(deploy to data)", "ship it to prod".
var deployWords = set("deploy", "deployed", "deploying", "roll", "rolled", "rolling", "ship", "shipped", "shipping", "push", "pushed", "promote", "promoted", "apply", "applied")

// deployTarget asks about a place the request rolls the policy out to
// that no rule read: it may be one namespace or more.
func deployTarget(request string, toks []token, all []*generator.Intent) error {
	for i, t := range toks {
		if !deployWords[t.low] || readByIntents(t, all) {
			continue
		}
		k := i + 1
		for k < len(toks) && (toks[k].low == "out" || toks[k].low == "it" || toks[k].low == "this" || toks[k].low == "them") {
			k++
		}
		if k >= len(toks) || toks[k].low != "to" && toks[k].low != "into" && toks[k].low != "in" {
			continue
		}
		n := k + 1
		if n < len(toks) && toks[n].low == "the" {
			n++
		}
		// "rolled out to every namespace labeled env=prod": the
		// namespaces are said by their labels.
		if n >= len(toks) || toks[n].kind != tWord || determiners[toks[n].low] || nameRead(toks[n].low, toks, all) {
			continue
		}
		return &generator.NotUnderstoodError{Request: request, Understood: all[0].Summary(), Example: generator.ExampleFor(all[0]),
			Missing: fmt.Sprintf("is %q where the policy goes? Say \"in namespace NAME\" beside the pods, once for each namespace", request[t.start:toks[n].end])}
	}
	return nil
}

// useVerbs say that something else runs, reads or writes what a system
// rule is about: "(nginx-reloader needs to write there)", "Monitoring runs
// /usr/bin/curl too".
var useVerbs = set("needs", "need", "uses", "use", "runs", "run", "writes", "write", "reads", "read", "calls", "call", "executes", "execute", "invokes", "relies")

// useGoesOn are the words that say the other use goes on: it needs what is
// blocked, or uses it as well.
var useGoesOn = set("needs", "need", "too", "also", "well")

// useIsNoUse are the words of a sentence that tells a threat or that no
// one needs it ("attackers run /bin/sh from there", "nothing in there
// needs raw"): a reason for the rule, not a use to leave out.
var useIsNoUse = set("attacker", "attackers", "intruder", "intruders", "someone", "anyone", "anybody", "somebody", "malware", "miner", "miners", "exploit",
	"nothing", "no", "never", "not", "don't", "doesn't", "without", "if", "once", "could", "would", "might", "may")

// otherUserOfBlocked asks, beside rules that block, about an aside or a
// sentence no rule read that says something else goes on using what is
// blocked, pointing back at it ("there", "it") or naming its path: is that
// use left out of the rule (only from a source), or blocked too?
func otherUserOfBlocked(request string, toks []token, all []*generator.Intent) error {
	var paths []string
	for _, x := range all {
		for _, r := range x.System {
			if r.Action == generator.ActionBlock && len(r.FromSource) == 0 {
				paths = append(paths, r.Path, r.Dir)
			}
		}
	}
	if len(paths) == 0 {
		return nil
	}
	spans := brackets(toks)
	for i, t := range toks {
		if !useVerbs[t.low] || readByIntents(t, all) {
			continue
		}
		a, b := sentenceAround(toks, i, false)
		b--
		for _, s := range spans {
			if s[0] < i && i < s[1] {
				a, b = s[0], s[1]
			}
		}
		if a > b || spanRead(toks, a, b, all) {
			continue
		}
		words := toks[a : b+1]
		if !slices.ContainsFunc(words, func(u token) bool { return useGoesOn[u.low] }) || slices.ContainsFunc(words, func(u token) bool { return useIsNoUse[u.low] }) {
			continue
		}
		// The pointer follows the verb: "needs to write there", "runs
		// /usr/bin/curl too"; "It grants ... nginx needs to read its TLS
		// material" speaks of something else.
		if slices.ContainsFunc(toks[i+1:b+1], func(u token) bool {
			return u.low == "there" || u.low == "it" || u.kind == tPath && slices.Contains(paths, u.raw)
		}) {
			return &generator.NotUnderstoodError{Request: request, Understood: all[0].Summary(), Example: generator.ExampleFor(all[0]),
				Missing: fmt.Sprintf("%q says something else goes on using what the rule blocks: is that use left out of the rule (say \"except from SOURCE\"), or blocked too?", request[toks[a].start:toks[b].end])}
		}
	}
	return nil
}

// bothWays are the phrases that ask for both directions.
var bothWays = [][]string{{"both", "directions"}, {"both", "ways"}, {"in", "and", "out"}, {"fully"}, {"completely"}, {"entirely"}, {"bidirectional"}, {"bidirectionally"}}

// bothWaysUnread asks when words no rule read ask for both directions
// ("Fully isolate the database: ...", "Lock down the database in both
// directions, i.e. ...") and the rules say one.
func bothWaysUnread(request string, toks []token, all []*generator.Intent) error {
	dirs := map[generator.Direction]bool{}
	for _, x := range all {
		for _, r := range x.Network {
			dirs[r.Direction] = true
		}
	}
	if len(dirs) != 1 {
		return nil
	}
	for i, t := range toks {
		for _, ph := range bothWays {
			if !phraseIn(toks, i, ph) || readByIntents(t, all) {
				continue
			}
			return &generator.NotUnderstoodError{Request: request, Understood: all[0].Summary(), Example: generator.ExampleFor(all[0]),
				Missing: fmt.Sprintf("%q asks for both directions, and the rules say one: what may the pods send and receive? Say each direction", strings.Join(ph, " "))}
		}
	}
	return nil
}

// noTrafficWords say that pods send or receive nothing: "app=db talks to
// nothing", "app=db itself reaches nothing".
var noTrafficWords = set("nothing", "nobody", "none", "no-one")

// noTrafficUnread asks about a sentence no rule read that names pods by
// their labels and says they send or receive nothing: "Only app=api may
// reach app=db on 5432. app=db talks to nothing." left app=db's egress
// open.
func noTrafficUnread(request string, toks []token, all []*generator.Intent) error {
	for i, t := range toks {
		if !noTrafficWords[t.low] {
			continue
		}
		a, b := sentenceAround(toks, i, false)
		if a >= b || spanRead(toks, a, b-1, all) || !slices.ContainsFunc(toks[a:b], func(u token) bool { return u.kind == tLabel }) {
			continue
		}
		return &generator.NotUnderstoodError{Request: request, Understood: all[0].Summary(), Example: generator.ExampleFor(all[0]),
			Missing: fmt.Sprintf("%q was read as a fact: is it a rule? Say it as one (\"deny all egress from ...\")", request[toks[a].start:toks[b-1].end])}
	}
	return nil
}

// addedAfterOnly asks about words no rule read after ", and" at the end of
// a sentence that says "only": "app=web may only reach api.stripe.com on
// 443, and the payment gateway" left the gateway out of the allow-list.
func addedAfterOnly(request string, toks []token, all []*generator.Intent) error {
	for i := 1; i+1 < len(toks); i++ {
		if toks[i].low != "and" || toks[i-1].low != "," && toks[i-1].low != "(" {
			continue
		}
		a, b := sentenceAround(toks, i, false)
		if !slices.ContainsFunc(toks[a:i], func(u token) bool { return u.low == "only" }) || spanRead(toks, i, b-1, all) ||
			slices.ContainsFunc(toks[i+1:b], meaningful) || !slices.ContainsFunc(toks[i+1:b], func(u token) bool { return u.kind == tWord && !determiners[u.low] }) {
			continue
		}
		return &generator.NotUnderstoodError{Request: request, Understood: all[0].Summary(), Example: generator.ExampleFor(all[0]),
			Missing: fmt.Sprintf("what does %q add to the rule? Name it by its labels or its address in a rule of its own", request[toks[i].start:toks[b-1].end])}
	}
	return nil
}

// headingEnds end a heading the rules after it say in full: "Lock down
// the database and the cache: ...", "... off the db - i.e. ...".
var headingEnds = set(":", "-", "i.e.", "i.e", "ie")

// listItemPreps may open an item of a heading's list: "and off the db",
// "and away from the db".
var listItemPreps = set("off", "away", "to", "from", "into", "in", "of")

// headingListUnread asks about the last item of a list in a heading that
// no rule read: "Lock down the database and the cache: only app=api may
// reach app=db on 5432" never says what the cache is; "Keep app=batch off
// the internet and off the db - i.e. ..." dropped the db.
func headingListUnread(request string, toks []token, all []*generator.Intent) error {
	e := slices.IndexFunc(toks, func(t token) bool { return headingEnds[t.low] || t.low == "." || t.low == ";" })
	if e < 0 || !headingEnds[toks[e].low] || e+1 >= len(toks) {
		return nil
	}
	for i := 1; i+2 < e; i++ {
		if toks[i].low != "and" || spanRead(toks, i, e-1, all) {
			continue
		}
		tail := toks[i+1 : e]
		for len(tail) > 0 && tail[len(tail)-1].kind == tPunct {
			tail = tail[:len(tail)-1]
		}
		k := slices.IndexFunc(tail, func(t token) bool { return t.low == "the" || t.low == "our" })
		// The item is a thing of its own right after "and" ("and the
		// cache", "and off the db"), not a noun of the first item ("HTTP
		// methods and paths for the shared services").
		if len(tail) == 0 || k < 0 || slices.ContainsFunc(tail[:k], func(t token) bool { return !listItemPreps[t.low] }) || k+1 >= len(tail) || tail[k+1].kind != tWord || slices.ContainsFunc(tail, meaningful) {
			continue
		}
		return &generator.NotUnderstoodError{Request: request, Understood: all[0].Summary(), Example: generator.ExampleFor(all[0]),
			Missing: fmt.Sprintf("the heading names %q, and no rule after it says what that is: which pods, and what is their rule? Say it as a rule of its own", request[tail[0].start:tail[len(tail)-1].end])}
	}
	return nil
}

// verdictInPodsAside asks when, in the brackets that give pods their
// labels, a word of verdict follows a comma: "the fluentd pods
// (app.kubernetes.io/name=fluentd, logging)" read "logging" as Audit (or
// took it into the verdict said before), while it names the pods'
// namespace, as "(app=web, shop)" does, or what they are.
func verdictInPodsAside(request string, toks []token, all []*generator.Intent) error {
	for _, b := range brackets(toks) {
		if !slices.ContainsFunc(toks[b[0]+1:b[1]], func(t token) bool { return t.kind == tLabel }) {
			continue
		}
		for k := b[0] + 2; k < b[1]; k++ {
			if w := toks[k].low; toks[k-1].low == "," && (auditWords[w] || denyWords[w] || allowWords[w]) {
				return &generator.NotUnderstoodError{Request: request, Understood: all[0].Summary(), Example: generator.ExampleFor(all[0]),
					Missing: fmt.Sprintf("what is %q in %q: what should happen to what the rule names, or something about the pods (their namespace: say \"in namespace %s\")? Say the verdict outside the brackets", toks[k].raw, request[toks[b[0]].start:toks[b[1]].end], toks[k].raw)}
			}
		}
	}
	return nil
}
