package builtin

import (
	"slices"
	"strings"
)

// deniedByDefault are what a default deny named before them does, said of
// it and not asked for: "the default-deny blocks the scrape", "the
// namespace default deny drops it".
var deniedByDefault = set("blocks", "drops", "denies", "rejects")

// pastTense are verbs of what someone did that do not end in "ed":
// "I thought DNS was done by kubernetes by magic".
var pastTense = set("thought", "made", "set", "ran", "wrote", "saw", "found", "got", "put", "built", "spent", "took", "broke", "forgot", "had", "did", "went", "read", "heard", "knew")

// wishVerbs say what someone wants, even in the past: "I wanted the
// frontend to reach ...".
var wishVerbs = set("wanted", "needed", "hoped", "expected", "asked", "required", "preferred", "decided", "planned", "intended", "liked", "wished", "meant")

// pastNarrative reports whether a clause before the others tells what
// someone did, not what the policy should do: "I created a default deny
// for egress in the dev namespace and then banged my head on the
// keyboard", "I honestly thought DNS was done by kubernetes by magic". It
// opens with "I" or "we", at most one adverb, and a verb in the past that
// is no wish; it names no labels, address, name or path, no "only" or
// "except", and any namespace it names stands again in a clause after it.
//
// It may open with a word of when (timeOpeners): "As soon as we enabled
// ICMP between master and nodes it came right up", "Once we switched on
// enforcement nothing resolved". Then what follows is told too: no duty,
// no "let" or "please", and no order after a comma ("After we enabled
// enforcement, deny all egress" is an order).
func pastNarrative(toks []token, later []clause) bool {
	if when := timeOpener(toks); when > 0 {
		if !toldAfter(toks[when:]) {
			return false
		}
		toks = toks[when:]
	}
	toks = toks[sceneBefore(toks):]
	if len(toks) < 3 || toks[0].low != "i" && toks[0].low != "we" {
		return false
	}
	v := 1
	// "In Docker we always ran nginx with NET_RAW dropped": a habit of
	// the past, told as the other adverbs tell it.
	if w := toks[1].low; strings.HasSuffix(w, "ly") || w == "just" || w == "already" || w == "also" || w == "first" || w == "then" || w == "always" || w == "often" || w == "sometimes" {
		v = 2
	}
	w := toks[v].low
	if !(pastTense[w] || strings.HasSuffix(w, "ed") && len(w) > 4) || wishVerbs[w] || denyWords[w] || allowWords[w] || isolateWords[w] || auditWords[w] {
		return false
	}
	for n, t := range toks {
		if t.kind != tWord && t.kind != tPunct || t.low == "only" || t.low == "except" {
			return false
		}
		if !namespaceWords[t.low] {
			continue
		}
		for _, k := range []int{n - 1, n + 1} {
			if k < 0 || k >= len(toks) || toks[k].kind != tWord {
				continue
			}
			if w := toks[k].low; determiners[w] || prepositions[w] || coordinators[w] || fillerWords[w] || frameWords[w] {
				continue
			}
			if !slices.ContainsFunc(later, func(c clause) bool { return hasWord(c.toks, toks[k].low) }) {
				return false
			}
		}
	}
	return true
}

// sceneOpeners open a phrase of when or where a story took place, before
// its teller: "During an audit I attached to ...", "While testing the
// staging cluster I reached ...", "On Monday we found ...".
var sceneOpeners = set("during", "while", "on", "in", "at", "last", "yesterday", "earlier", "recently", "throughout")

// sceneBefore is the length of a phrase of scene (sceneOpeners, then
// words alone, at most eight) that stands before "I" or "we", or 0. A
// namespace, a value, a modal or a verb of verdict in it is no scene ("an
// audit" is a noun).
func sceneBefore(toks []token) int {
	return sceneLength(toks, sceneOpeners, func(k int) bool {
		return (toks[k].low == "i" || toks[k].low == "we") && toks[k-1].low != "that"
	})
}

// sceneLength is the length of a phrase of scene that one of openers
// starts and words alone go on with, at most eight, up to the teller of
// the story (teller reports whether it starts at k), or 0.
func sceneLength(toks []token, openers map[string]bool, teller func(k int) bool) int {
	if len(toks) == 0 || !openers[toks[0].low] {
		return 0
	}
	for k := 1; k < len(toks) && k <= 8; k++ {
		t := toks[k]
		if teller(k) {
			return k
		}
		// "During an audit": a noun of verdict after a determiner is none.
		verdict := (denyWords[t.low] || allowWords[t.low] || auditWords[t.low] || isolateWords[t.low]) && !determiners[toks[k-1].low]
		if t.kind != tWord && t.low != "," || namespaceWords[t.low] || verdict || modals[t.low] {
			return 0
		}
	}
	return 0
}

// timeOpeners open a clause of when something was done: "as soon as we
// enabled ...", "once we turned on ...", "right after I applied ...".
var timeOpeners = [][]string{{"as", "soon", "as"}, {"once"}, {"when"}, {"after"}, {"right", "after"}, {"just", "after"}, {"shortly", "after"}, {"the", "moment"}}

// timeOpener is the length of the word of when that opens toks, or 0.
func timeOpener(toks []token) int {
	for _, o := range timeOpeners {
		if phraseIn(toks, 0, o) {
			return len(o)
		}
	}
	return 0
}

// toldAfter reports whether the words after a word of when only tell: no
// duty ("should", "must", "needs"), no "let" or "please", and no order
// where a part of the sentence starts ("..., deny all egress", "... and
// then block ...").
func toldAfter(toks []token) bool {
	for n, t := range toks {
		w := t.low
		if w == "should" || w == "must" || w == "shall" || w == "need" || w == "needs" || w == "want" || w == "wants" || w == "please" || w == "let" || obligation(w) {
			return false
		}
		if n > 0 && imperatives[w] {
			if p := toks[n-1].low; toks[n-1].kind == tPunct || p == "so" || p == "then" || p == "and" || p == "just" {
				return false
			}
		}
	}
	return true
}

// symptom reports whether a clause says what someone saw go wrong:
// "hubble observe shows productpage -> reviews being dropped", "the logs
// showed lookups getting blocked". It shows something "being" or
// "getting" denied, and names no value, "only" or "except".
func symptom(toks []token) bool {
	shows, denied := false, false
	for n, t := range toks {
		w := t.low
		switch {
		case t.kind != tWord && t.kind != tPunct || w == "only" || w == "except":
			return false
		case w == "show" || w == "shows" || w == "showed" || w == "shown":
			shows = true
		case (w == "being" || w == "getting") && n+1 < len(toks) && denyWords[toks[n+1].low] && strings.HasSuffix(toks[n+1].low, "ed"):
			denied = true
		}
	}
	return shows && denied
}

// currentStateOpeners set a sentence in the present as it is: "At the
// moment the policy lets every port in", "Right now any pod can hit the
// metrics endpoints".
var currentStateOpeners = [][]string{{"at", "the", "moment"}, {"right", "now"}, {"currently"}, {"as", "of", "now"}, {"as", "it", "stands"}, {"as", "things", "stand"}}

// currentState reports whether a clause says what is, not what should be:
// it opens with a word of the present as it is, goes on with no verdict
// word (not "right now, block ..."), no duty ("should", "must", "needs")
// and no "only" or "except", and names no labels, address, name or path.
func currentState(toks []token) bool {
	n := openingLen(toks, currentStateOpeners)
	if n < 0 {
		return false
	}
	if n < len(toks) && toks[n].low == "," {
		n++
	}
	if n >= len(toks) || hasStatement(toks[n:n+1]) {
		return false
	}
	for _, t := range toks[n:] {
		w := t.low
		if t.kind != tWord && t.kind != tPunct && t.kind != tNumber || w == "only" || w == "except" || w == "should" || w == "must" || w == "need" || w == "needs" || obligation(w) {
			return false
		}
	}
	return true
}

// failedWhen reports whether a clause tells what fails, and when, beside
// the rule that fixes it: "- with only the L3-L4 rule for port 80 in
// place, the pings get dropped", "- when the default deny went in, their
// connections were dropped", "once the namespace got a default deny, the
// queries got blocked". It says traffic fails (failureSaid: "get
// dropped", "were blocked", "cannot", "fails"), with no duty before it
// ("should be dropped" is an order), a word of when or of what else
// (failWhen, "as soon as", "in place", or changeSaid), and no "except";
// "only" stands only in what is in place ("with only X in place").
func failedWhen(toks []token) bool {
	if !failureSaid(toks) {
		return false
	}
	inPlace := slices.ContainsFunc(toks, func(t token) bool { return t.low == "place" })
	when := changeSaid(toks) || inPlace
	for i, t := range toks {
		w := t.low
		switch {
		case w == "except" || w == "only" && !inPlace:
			return false
		case (w == "need" || w == "needs" || w == "want") && writingPolicy(toks, i+1):
			// "I want to define an Egress policy for my namespace orders,
			// but as soon as I add it the pods are unable to do DNS
			// lookups": the wish to write a policy, no rule of its own.
		case w == "should" || w == "must" || w == "shall" || w == "need" || w == "needs" || w == "want" || w == "please" || (w == "has" || w == "have") && i+1 < len(toks) && toks[i+1].low == "to":
			return false
		case imperatives[w] && (i == 0 || toks[i-1].kind == tPunct || toks[i-1].low == "then" || toks[i-1].low == "and" || toks[i-1].low == "please" || toks[i-1].low == "just"):
			// "If the cart pods cannot reach the db, block them": an order
			// under a condition, not what broke.
			return false
		case w == "if":
			// "If Netpol and Servicemonitor are both enabled, metrics can not
			// be scraped": what fails under a setting, said as a passive or
			// a word of breaking; "if the pods get compromised, they cannot
			// reach the internet" may be a rule, and stays.
			when = when || ifFailure(toks)
		case failWhen[w] || phraseIn(toks, i, []string{"as", "soon", "as"}):
			when = true
		}
	}
	return when
}

// writeVerbs say that a policy is written or put in place: "define an
// Egress policy", "set up egress rules", "add a NetworkPolicy".
var writeVerbs = set("define", "write", "create", "add", "set", "apply", "deploy", "introduce", "roll", "put", "build")

// writingPolicy reports whether the words at i say the wish to write a
// policy and nothing of what it does: "to define an Egress policy for my
// namespace orders", "to set up egress rules for the app=worker pods". A
// direction may stand in it; a verdict, an isolation, "only" or "except"
// may not ("to add a default deny policy" asks for one).
func writingPolicy(toks []token, i int) bool {
	if i+1 >= len(toks) || toks[i].low != "to" || !writeVerbs[toks[i+1].low] {
		return false
	}
	for k := i + 2; k < len(toks) && k <= i+7; k++ {
		w := toks[k].low
		switch {
		case allowWords[w] || denyWords[w] || isolateWords[w] || w == "default" || w == "only" || w == "except" || w == "isolation":
			return false
		case policyNouns[w] || w == "rules":
			return true
		}
	}
	return false
}
