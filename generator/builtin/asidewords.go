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
	spans := findAsides(request, toks)
	for i, t := range toks {
		if !useVerbs[t.low] || readByIntents(t, all) {
			continue
		}
		a, b := sentenceAround(toks, i, false)
		b--
		for _, s := range spans {
			if s.kind == inBracket && s.open < i && i < s.close {
				a, b = s.open, s.close
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
	// "both", or "and ingress", last in the request: the answer to
	// "which direction?" appended to a request that says one already
	// ("block the db pods from the internet" + "both", + "and ingress");
	// dropped, or read in place of the one said, one direction stayed open.
	// The word before "both" is one a rule read (the peer, the pods), not a
	// verb whose object it is ("so the hubble demo shows both").
	last := len(toks) - 1
	for last > 0 && toks[last].kind == tPunct {
		last--
	}
	if last > 0 && toks[last].low == "both" && !readByIntents(toks[last], all) && (toks[last-1].kind == tPunct || readByIntents(toks[last-1], all)) ||
		last > 1 && (ingressWords[toks[last].low] || egressWords[toks[last].low]) && (toks[last-1].low == "and" || toks[last-1].low == "also" || toks[last-1].low == "plus") {
		from := last
		if toks[last].low != "both" {
			from = last - 1
		}
		return &generator.NotUnderstoodError{Request: request, Understood: all[0].Summary(), Example: generator.ExampleFor(all[0]),
			Missing: fmt.Sprintf("%q asks for both directions, and the rules say one: what may the pods send and receive? Say each direction", request[toks[from].start:toks[last].end])}
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

// addedSideAfterOnly asks about ", and the Z pods on Q" after a sentence
// that says "only X may reach Y on P": "only the checkout pods may reach
// the payments pods on 8443, and the cart pods on 8080" made cart a
// second destination of checkout, where cart may as well be a second
// source of payments (finder 15, S12). The words after ", and" name pods
// and a port, and no verb or modal says which side they are.
func addedSideAfterOnly(request string, toks []token, all []*generator.Intent) error {
	for i := 1; i+1 < len(toks); i++ {
		if toks[i].low != "and" || toks[i-1].low != "," {
			continue
		}
		a, b := sentenceAround(toks, i, false)
		only := slices.IndexFunc(toks[a:i], func(u token) bool { return u.low == "only" })
		if only < 0 || !slices.ContainsFunc(toks[a+only:i], func(u token) bool { return modals[u.low] }) {
			continue
		}
		tail := toks[i+1 : b]
		pods := slices.ContainsFunc(tail, func(u token) bool { return podNouns[u.low] || u.kind == tLabel })
		port := slices.ContainsFunc(tail, func(u token) bool { return u.kind == tNumber })
		verb := slices.ContainsFunc(tail, func(u token) bool {
			return modals[u.low] || u.low == "to" || u.low == "from" || allowWords[u.low] || denyWords[u.low] || egressWords[u.low] || ingressWords[u.low]
		})
		if !pods || !port || verb {
			continue
		}
		return &generator.NotUnderstoodError{Request: request, Understood: all[0].Summary(), Example: generator.ExampleFor(all[0]),
			Missing: fmt.Sprintf("which side is %q: more pods to reach, or more pods that may reach them? Say it as a rule of its own (\"and only the cart pods may reach the payments pods on 8080\")", request[toks[i+1].start:toks[b-1].end])}
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
