package builtin

import (
	"slices"
	"strings"
)

// ifFailure reports whether a clause of "if" says that something broke:
// a word of breaking ("fail", "unable", "timeout") or a passive of it
// ("can't be scraped", "get dropped"), and no word of a compromise.
func ifFailure(toks []token) bool {
	broke := false
	for i, t := range toks {
		w := t.low
		if compromiseWords[w] {
			return false
		}
		if brokenWords[w] || i > 0 && (beVerbs[toks[i-1].low] || toks[i-1].low == "be") && strings.HasSuffix(w, "ed") && w != "enabled" && w != "applied" && w != "used" {
			broke = true
		}
	}
	return broke
}

// failWhen open a clause of when, or of what happens without the rule
// ("if the default deny is on, the exporter can't be scraped").
var failWhen = set("when", "whenever", "once", "since", "after", "otherwise", "until", "because", "if")

// failureFixed reports whether the clauses other than the one at n hold
// the rule that fixes what failedWhen says fails: one of them allows, and
// none denies.
func failureFixed(out []clause, n int) bool {
	allows := false
	for k, c := range out {
		if k == n || k == n+1 && failureGoesOn(c) {
			continue
		}
		for _, t := range c.toks {
			switch w := t.low; {
			case denyWords[w] || isolateWords[w]:
				return false
			case allowWords[w] || receiveVerbs[w] || reachVerbs[w] || w == "need" || w == "needs" || w == "only":
				allows = true
			}
		}
	}
	return allows
}

// failureGoesOn reports whether clause c carries on, after "and", the
// story of what fails: "Metrics scraping broken when network policy
// enabled: my Prometheus runs in another namespace and can't get to 9090".
// It opens with the failure (failureSaid), so has no subject of its own,
// and says no duty, "only" or "except".
func failureGoesOn(c clause) bool {
	if len(c.toks) == 0 || !failureSaid(c.toks[:1]) && !(len(c.toks) > 1 && failureSaid(c.toks[:2]) && (c.toks[0].low == "can" || c.toks[0].low == "could")) {
		return false
	}
	return !slices.ContainsFunc(c.toks, func(t token) bool {
		w := t.low
		return w == "only" || w == "except" || w == "should" || w == "must" || w == "shall" || w == "want" || w == "please" || obligation(w)
	})
}

// presentWords say that a sentence tells how things are now: "The app=db
// pods currently accept connections from every pod", "anything can reach
// it today", "at the moment it takes connections from api, frontend and
// whatever else".
var presentWords = set("currently", "presently", "nowadays", "today")

// presentTraffic reports whether a clause tells what traffic flows now,
// not what should: a word of the present (presentWords, or an opener of
// currentStateOpeners anywhere in it), a verb of traffic, and no duty
// ("should", "must", "needs", "has to", "want"), "only", "except",
// "also" or order ("Right now, block ..."). The rule the request asks for
// is said in the other clauses (presentTrafficKept).
func presentTraffic(toks []token) bool {
	present, traffic := false, false
	for i, t := range toks {
		w := t.low
		switch {
		case presentWords[w] || slices.ContainsFunc(currentStateOpeners, func(o []string) bool { return len(o) > 1 && phraseIn(toks, i, o) }):
			present = true
			// "Right now, block ...": an order, in the present.
			n := i + 1
			if i > 0 {
				break
			}
			for n < len(toks) && (toks[n].kind == tPunct || toks[n].low == "now" || toks[n].low == "moment" || toks[n].low == "the") {
				n++
			}
			if n < len(toks) && (allowWords[toks[n].low] || denyWords[toks[n].low] || isolateWords[toks[n].low] || toks[n].low == "please" || toks[n].low == "let") && !strings.HasSuffix(toks[n].low, "s") {
				return false
			}
		case w == "should" || w == "must" || w == "shall" || w == "want" || w == "wants" || w == "only" || w == "except" || w == "also" || w == "too" || w == "please" || obligation(w) && w != "has" && w != "have" || (w == "has" || w == "have") && i+1 < len(toks) && toks[i+1].low == "to":
			return false
		case receiveVerbs[w] || reachVerbs[w] || w == "lets" || w == "allows" || w == "permits" || w == "takes" || w == "open" || w == "exposed" || w == "hit" || w == "hits" || w == "calls":
			traffic = true
		}
	}
	return present && traffic
}

// presentTrafficKept reports whether the clauses other than the one at n
// say the rule the request asks for, and say nothing of keeping or adding
// to the traffic of now ("also", "too", "as well", "still", "keep"), so
// that what flows now is no part of the rule.
func presentTrafficKept(out []clause, n int) bool {
	rule := false
	for k, c := range out {
		if k == n {
			continue
		}
		if slices.ContainsFunc(c.toks, func(t token) bool {
			return t.low == "also" || t.low == "too" || t.low == "still" || t.low == "keep" || t.low == "additionally" || t.low == "addition" || t.low == "well" || t.low == "continue"
		}) {
			return false
		}
		rule = rule || hasStatement(c.toks)
	}
	return rule
}

// stateBeforeUpdate reports whether a clause says what a policy does
// today, before the request to change it says the whole new state: "KA's
// NetworkPolicy only allows ingress from the aianalysis-controller pods
// today. Update the policy so the KA pods ... accept traffic on 8080 from
// both the aianalysis-controller pods (...) and the apifrontend pods".
// It ends or opens with a word of the present ("today", "right now"),
// the next clause asks to update the policy, and every name or value it
// holds the request says again after it, so nothing it allows is lost
// ("... allows A today. Update it so B may reach X too" keeps it).
func stateBeforeUpdate(toks []token, rest []clause) bool {
	e := len(toks)
	for e > 0 && toks[e-1].kind == tPunct {
		e--
	}
	n := e
	switch {
	case e > 0 && (toks[e-1].low == "today" || toks[e-1].low == "currently"):
		e--
	case e > 1 && phraseIn(toks, e-2, []string{"right", "now"}):
		e -= 2
	}
	b := 0
	for _, o := range currentStateOpeners {
		if phraseIn(toks, 0, o) {
			b = len(o)
		}
	}
	if b == 0 && e == n || b > e {
		return false
	}
	if len(rest) == 0 || len(rest[0].toks) == 0 || !(rest[0].toks[0].low == "update" || rest[0].toks[0].low == "change" || rest[0].toks[0].low == "modify") {
		return false
	}
	said := map[string]bool{}
	for _, c := range rest {
		for _, t := range c.toks {
			said[t.low] = true
			if _, v, ok := strings.Cut(t.low, "="); ok && t.kind == tLabel {
				said[v] = true // "app=cache" says "cache"
			}
		}
	}
	for _, t := range toks[b:e] {
		w := strings.TrimSuffix(strings.TrimSuffix(t.low, "'s"), "’s")
		if t.kind == tPunct || fillerWords[w] || determiners[w] || prepositions[w] || policyNouns[w] || podNouns[w] || ingressWords[w] || egressWords[w] ||
			allowWords[w] || receiveVerbs[w] || reachVerbs[w] || w == "only" || w == "traffic" {
			continue
		}
		if !said[w] && !said[t.low] {
			return false
		}
	}
	return true
}

// failureWords say that a request fails: what an allow-list leaves out.
var failureWords = set("hang", "hangs", "fail", "fails", "bounce", "bounces", "rejected", "refused", "denied", "dropped", "blocked", "403", "403s",
	"permission_denied", "forbidden", "timeout", "timeouts")

// passiveDenials say, in the passive, that what they are said of is kept
// from happening: "every process not on the list is prevented", "anything
// else gets disallowed", "other programs must be stopped". Only after a
// word of being (passiveDenied): "prevented" alone is no failure.
var passiveDenials = set("prevented", "disallowed", "prohibited", "banned", "stopped", "killed", "terminated", "refused", "rejected")

// passiveDenied reports whether toks[n] is a word of passiveDenials after a
// word of being: "is prevented", "gets killed", "must be stopped".
func passiveDenied(toks []token, n int) bool {
	return passiveDenials[toks[n].low] && n > 0 && (beVerbs[toks[n-1].low] || toks[n-1].low == "be")
}

// deniedExample reports whether a clause after an allow-list only gives
// examples of what it leaves out: "POST, PUT or any of the private paths
// should bounce with a 403", "a curl to google.com from them should just
// hang", "every other method should get PERMISSION_DENIED". It names no
// pods, no value the request named before, and no path.
func deniedExample(toks []token, before string) bool {
	failed := false
	for n, t := range toks {
		w := t.low
		switch {
		case failureWords[w] || w == "out" && hasWord(toks, "time") || passiveDenied(toks, n):
			failed = true
		case w == "can" && n+1 < len(toks) && toks[n+1].low == "keep":
			// "everything else can keep getting the envoy 403"
		case t.kind == tDomain && !strings.Contains(strings.ToLower(before), w):
		case t.kind == tNumber && len(w) == 3 && (w[0] == '4' || w[0] == '5'):
			// a status code: "with a 403"
		case t.kind != tWord && t.kind != tPunct, podNouns[w], namespaceWords[w], w == "only", w == "except", allowWords[w], isolateWords[w]:
			return false
		}
	}
	return failed
}

// exampleCannot reports whether a clause after an allow-list names an
// example of what it leaves out and says it must fail: "scanners like
// hping3 shouldn't be able to do recon from there". It holds no value, pods
// or namespace.
func exampleCannot(toks []token) bool {
	like := slices.IndexFunc(toks, func(t token) bool { return t.low == "like" })
	cannot := slices.IndexFunc(toks, func(t token) bool { return negatedModals[t.low] })
	if like < 0 || cannot < like {
		return false
	}
	return !slices.ContainsFunc(toks, func(t token) bool {
		return t.kind != tWord && t.kind != tPunct || podNouns[t.low] || namespaceWords[t.low] || t.low == "only" || t.low == "except"
	})
}
