package builtin

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/kunerva/kunerva/generator"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// A request may ask that its policy add what it allows without putting the
// pods it selects into default deny (Cilium's enableDefaultDeny: false):
// "without putting the pods into default deny", "additive only - don't
// switch the pod into default deny in either direction", "this policy must
// not flip them into default deny", "no default deny from this policy",
// "leave default deny off in this policy". noDefaultDenyAt reads such a
// phrase from the tokens; understand takes it out of what the other rules
// read and leaves the policy out of default deny (Intent.NoDefaultDeny).
// A plain "deny" or "default deny" is never read so, nor is a phrase whose
// verb keeps or removes a default deny ("don't remove the default deny",
// "don't turn default deny off"), whose object is other than the pods
// ("without putting app=db into default deny"), or that a condition opens
// ("if we don't enable default deny ..."): the engine asks about those
// (allowWithoutDefaultDeny).

// intoVerbs put the pods into default deny: "put them into default deny",
// "switch the pod to default-deny mode", "flip them into default deny".
var intoVerbs = set("put", "putting", "puts", "place", "placing", "switch", "switching", "flip", "flipping", "move", "moving", "force", "forcing",
	"push", "pushing", "drop", "dropping", "throw", "throwing", "turn", "turning", "send", "sending", "bring", "bringing", "get", "getting", "set", "setting")

// enterVerbs say the pods go into default deny themselves: "cause them to
// enter default deny", "let the pods fall into default deny".
var enterVerbs = set("enter", "entering", "fall", "falling", "go", "going", "end", "drop", "slip", "be")

// causeVerbs make the pods enter default deny: "must not cause them to enter".
var causeVerbs = set("cause", "causing", "make", "making", "let", "letting", "have", "having")

// enableVerbs switch default deny on: "don't enable default deny", "don't
// turn on default-deny", "without triggering default deny".
var enableVerbs = set("enable", "enabling", "enables", "activate", "activating", "trigger", "triggering", "triggers", "impose", "imposing", "cause", "causing")

// onParticleVerbs take "on" to switch default deny on: "turn on default
// deny", "don't turn default deny on".
var onParticleVerbs = set("turn", "turning", "switch", "switching", "flip", "flipping")

// offVerbs keep default deny off: "leave default deny off", "keep
// default-deny off", "default deny stays off".
var offVerbs = set("leave", "leaving", "keep", "keeping", "set", "setting", "turn", "turning", "switch", "switching", "have", "with", "stays", "remains", "is", "stay", "remain")

// offWords say default deny is off: "off", "disabled".
var offWords = set("off", "disabled", "false")

// podObjects are the words that may name the pods between a verb and
// "into": "the pod", "them", "these pods", "the selected endpoints".
var podObjects = set("the", "these", "those", "this", "its", "their", "them", "it", "any", "selected", "matching", "pod", "pods", "workload", "workloads",
	"endpoint", "endpoints", "container", "containers", "app", "apps", "service", "services", "all", "every", "our")

// noDefaultDenyOpeners may stand before the negation: the policy or the
// pods it is about ("this policy must not ...", "it should not ...").
var noDefaultDenyOpeners = set("it", "this", "the", "policy", "rule", "we", "i", "you", "they", "please", "just", "also", "so", "and", "but", "then")

// clauseJoiners start a clause of their own after the rule before them:
// "..., and do not enable default-deny", "... but keep default deny off".
var clauseJoiners = set("and", "but", "so", "then")

// limitWords make an allow-list, whose rest is denied: "only",
// "everything else", "all other ingress", "except".
var limitWords = set("only", "else", "other", "others", "except", "exclusively", "nothing", "nobody", "solely")

// addOnlyVerbs after "only" say what the policy adds, not what it limits:
// "only open the gateway hop", "only needs HTTPS", "only add an allowance".
var addOnlyVerbs = set("open", "opens", "need", "needs", "add", "adds", "punch", "punches")

// noDefaultDenyConditions open a condition or a reason the phrase is in: "if we
// don't enable default deny, ...".
var noDefaultDenyConditions = set("if", "unless", "when", "whenever", "because", "since", "once", "until", "after", "before", "otherwise")

// negationAt is the length of a negation at i: "don't", "do not", "must
// not", "without", "never", "no need to"; 0 if none.
func negationAt(toks []token, i int) int {
	if i >= len(toks) {
		return 0
	}
	switch w := toks[i].low; {
	case w == "without" || w == "don't" || w == "dont" || w == "doesn't" || w == "shouldn't" || w == "mustn't" || w == "won't" || w == "never" || w == "cannot" || w == "can't":
		return 1
	case (w == "do" || w == "does" || w == "should" || w == "must" || w == "shall" || w == "will" || w == "may" || w == "need" || w == "can") && i+1 < len(toks) && toks[i+1].low == "not":
		return 2
	case phraseIn(toks, i, []string{"no", "need", "to"}):
		return 3
	}
	return 0
}

// defaultDenyAt is the length of the words of default deny at i, with a
// direction before or after them and a noun after them ("default deny",
// "default-deny mode", "ingress default deny", "default deny for egress",
// "deny-by-default"), and the directions they name; 0 if none.
func defaultDenyAt(toks []token, i int) (int, []generator.Direction) {
	var dirs []generator.Direction
	j := i
	if j < len(toks) && (toks[j].low == "ingress" || toks[j].low == "egress") {
		dirs = append(dirs, generator.Direction(toks[j].low))
		j++
	}
	switch {
	case j < len(toks) && (toks[j].low == "default-deny" || toks[j].low == "deny-by-default"):
		j++
	case phraseIn(toks, j, []string{"default", "deny"}):
		j += 2
	case phraseIn(toks, j, []string{"deny", "by", "default"}):
		j += 3
	default:
		return 0, nil
	}
	for j < len(toks) && (toks[j].low == "mode" || toks[j].low == "state" || toks[j].low == "posture" || toks[j].low == "behavior" || toks[j].low == "behaviour") {
		j++
	}
	switch {
	case len(dirs) == 0 && j < len(toks) && (toks[j].low == "ingress" || toks[j].low == "egress"):
		dirs = append(dirs, generator.Direction(toks[j].low))
		j++
	case len(dirs) == 0 && j+1 < len(toks) && (toks[j].low == "for" || toks[j].low == "on") && (toks[j+1].low == "ingress" || toks[j+1].low == "egress"):
		dirs = append(dirs, generator.Direction(toks[j+1].low))
		j += 2
	}
	return j - i, dirs
}

// noDefaultDenyTail is the length of what may follow the phrase: where
// ("in this policy", "from this policy", "for these pods"), in which
// direction ("in either direction", "in both directions", "for ingress")
// and because of what, when that is the policy itself ("because of it");
// both says either or both directions.
func noDefaultDenyTail(toks []token, i int) (n int, dirs []generator.Direction, both bool) {
	j := i
	for j < len(toks) {
		switch {
		case j+2 < len(toks) && (toks[j].low == "in" || toks[j].low == "from" || toks[j].low == "for" || toks[j].low == "by" || toks[j].low == "with") &&
			(toks[j+1].low == "this" || toks[j+1].low == "the") && (toks[j+2].low == "policy" || toks[j+2].low == "rule" || toks[j+2].low == "cnp" || toks[j+2].low == "ccnp"):
			j += 3
		case j+2 < len(toks) && (toks[j].low == "in" || toks[j].low == "for") && (toks[j+1].low == "either" || toks[j+1].low == "both" || toks[j+1].low == "any") && (toks[j+2].low == "direction" || toks[j+2].low == "directions"):
			j += 3
			both = true
		case j+1 < len(toks) && (toks[j].low == "for" || toks[j].low == "on") && (toks[j+1].low == "ingress" || toks[j+1].low == "egress"):
			dirs = append(dirs, generator.Direction(toks[j+1].low))
			j += 2
		case j+1 < len(toks) && (toks[j].low == "for" || toks[j].low == "on") && (toks[j+1].low == "them" || toks[j+1].low == "it"):
			j += 2
		case j+2 < len(toks) && toks[j].low == "because" && toks[j+1].low == "of" && (toks[j+2].low == "it" || toks[j+2].low == "this" || toks[j+2].low == "that"):
			// "don't switch those pods into default deny for egress
			// because of it": the policy itself would be the cause, which
			// the phrase already keeps from happening. (Read as a name,
			// "switch" was asked about.)
			j += 3
		case j+2 < len(toks) && (toks[j].low == "for" || toks[j].low == "on") && (toks[j+1].low == "these" || toks[j+1].low == "the" || toks[j+1].low == "those") && (toks[j+2].low == "pods" || toks[j+2].low == "pod" || toks[j+2].low == "endpoints"):
			j += 3
		default:
			return j - i, dirs, both
		}
	}
	return j - i, dirs, both
}

// noDefaultDenyPhrase is a phrase read: its tokens [from, to) and the
// directions it names (none: those of the policy's rules; both: either).
type noDefaultDenyPhrase struct {
	from, to int
	dirs     []generator.Direction
	both     bool
}

// noDefaultDenyAt reads a phrase that keeps the policy from putting the
// pods into default deny, whose negation (or "no", or the default deny of
// "default deny off") is at i.
func noDefaultDenyAt(toks []token, i int) (noDefaultDenyPhrase, bool) {
	var p noDefaultDenyPhrase
	j := i
	if n := negationAt(toks, i); n > 0 {
		j += n
		if j < len(toks) && toks[j].low == "to" {
			j++ // "no need to", "must not to": rare, but the same
		}
		var dd int
		switch {
		case j < len(toks) && enableVerbs[toks[j].low]:
			// "don't enable default deny"
			if n, dirs := defaultDenyAt(toks, j+1); n > 0 {
				j++
				dd, p.dirs = n, dirs
			}
		case j+1 < len(toks) && onParticleVerbs[toks[j].low] && toks[j+1].low == "on":
			// "don't turn on default deny"
			j += 2
			dd, p.dirs = defaultDenyAt(toks, j)
		case j < len(toks) && onParticleVerbs[toks[j].low]:
			// "don't turn default deny on"
			if n, dirs := defaultDenyAt(toks, j+1); n > 0 && j+1+n < len(toks) && toks[j+1+n].low == "on" {
				j++
				dd, p.dirs = n+1, dirs
			}
		}
		if dd == 0 && j < len(toks) && (intoVerbs[toks[j].low] || causeVerbs[toks[j].low]) {
			// "don't put the pods into default deny", "must not cause them
			// to enter default deny"
			cause := causeVerbs[toks[j].low]
			k := j + 1
			for k < len(toks) && podObjects[toks[k].low] {
				k++
			}
			if cause {
				if k < len(toks) && toks[k].low == "to" {
					k++
				}
				if k+1 < len(toks) && (toks[k].low == "enter" || toks[k].low == "entering") {
					k++ // "cause them to enter default deny": no preposition
					if toks[k].low == "a" || toks[k].low == "the" {
						k++
					}
					if n, dirs := defaultDenyAt(toks, k); n > 0 {
						j, dd, p.dirs = k, n, dirs
					}
					k = -1
				} else if k < len(toks) && enterVerbs[toks[k].low] {
					k++
				} else {
					k = -1
				}
			}
			if k > 0 && k < len(toks) && (toks[k].low == "up" || toks[k].low == "back") {
				k++
			}
			if k > 0 && k+1 < len(toks) && (toks[k].low == "into" || toks[k].low == "in" || toks[k].low == "to" || toks[k].low == "under") {
				k++
				if toks[k].low == "a" || toks[k].low == "the" {
					k++
				}
				if n, dirs := defaultDenyAt(toks, k); n > 0 {
					j, dd, p.dirs = k, n, dirs
				}
			}
		}
		if dd == 0 {
			return p, false
		}
		j += dd
	} else if toks[i].low == "no" {
		// "no default deny from this policy", "(no default deny)"
		n, dirs := defaultDenyAt(toks, i+1)
		if n == 0 {
			return p, false
		}
		j, p.dirs = i+1+n, dirs
	} else if n, dirs := defaultDenyAt(toks, i); n > 0 {
		// "default deny off", "default deny stays off for this policy"
		k := i + n
		if k < len(toks) && (toks[k].low == "stays" || toks[k].low == "remains" || toks[k].low == "is" || toks[k].low == "stay" || toks[k].low == "remain") {
			k++
			if k < len(toks) && (toks[k].low == "turned" || toks[k].low == "switched" || toks[k].low == "set") {
				k++
			}
		}
		if k >= len(toks) || !offWords[toks[k].low] {
			return p, false
		}
		j, p.dirs = k+1, dirs
	} else {
		return p, false
	}
	n, dirs, both := noDefaultDenyTail(toks, j)
	p.dirs = append(p.dirs, dirs...)
	p.both = both
	p.from, p.to = i, j+n
	return p, true
}

// noDefaultDenyPhrases finds the phrases that leave the pods out of
// default deny and returns the tokens without them and without what
// frames them (the policy or pods before the negation, an "additive"
// before, brackets around), and the phrases, whose spans the origins
// quote.
func noDefaultDenyPhrases(toks []token) ([]token, []noDefaultDenyPhrase) {
	var found []noDefaultDenyPhrase
	for i := 0; i < len(toks); i++ {
		p, ok := noDefaultDenyAt(toks, i)
		if !ok && offVerbs[toks[i].low] && i+1 < len(toks) && toks[i+1].low != "no" && negationAt(toks, i+1) == 0 {
			// "leave default deny off", "keep default-deny off", "with
			// default deny disabled": the verb before the words.
			if q, ok2 := noDefaultDenyAt(toks, i+1); ok2 {
				p, ok = q, true
				p.from = i
			}
		}
		if !ok {
			continue
		}
		from := noDefaultDenyFramed(toks, p)
		if from < 0 {
			continue
		}
		p.from = from
		found = append(found, p)
		i = p.to - 1
	}
	if len(found) == 0 {
		return toks, nil
	}
	var out []token
	at := 0
	for k := range found {
		p := &found[k]
		// "Additive only - don't ...", "Additive, don't ...": the word
		// that says the same, before it.
		if p.from > at+1 && (toks[p.from-1].low == "-" || toks[p.from-1].low == "," || toks[p.from-1].low == ";" || toks[p.from-1].low == ":") {
			if n := additiveBefore(toks[at : p.from-1]); n > 0 {
				p.from = p.from - 1 - n
			}
		}
		// "(no default deny from this policy)": the brackets too.
		if p.from > at && p.to < len(toks) && toks[p.from-1].low == "(" && toks[p.to].low == ")" {
			p.from--
			p.to++
		}
		// "..., so it must not flip them into default deny.": the comma
		// before a phrase that ends the sentence.
		if p.from > at && (p.to == len(toks) || toks[p.to].low == "." || toks[p.to].low == "!" || toks[p.to].low == "?") &&
			(toks[p.from-1].low == "," || toks[p.from-1].low == "-" || toks[p.from-1].low == ";") {
			p.from--
		}
		out = append(out, toks[at:p.from]...)
		at = p.to
	}
	out = append(out, toks[at:]...)
	// "Additive; the namespace default-deny already ...": the word alone,
	// as a clause of its own, says the same.
	for i := 0; i < len(out); i++ {
		if n := additiveBefore(out[:i+1]); n > 0 && i+1 < len(out) && out[i+1].kind == tPunct {
			out = slices.Delete(out, i+1-n, i+1)
			i -= n
		}
	}
	return out, found
}

// additiveBefore is the number of tokens at the end of toks that say the
// policy is additive as a clause of their own ("Additive only", "additive
// rules only", "Additive"), after the start or punctuation; 0 if none.
func additiveBefore(toks []token) int {
	i := len(toks)
	for i > 0 && (toks[i-1].low == "only" || toks[i-1].low == "rules" || toks[i-1].low == "policy") {
		i--
	}
	if i == 0 || toks[i-1].low != "additive" {
		return 0
	}
	i--
	if i > 0 && (toks[i-1].low == "purely" || toks[i-1].low == "strictly") {
		i--
	}
	if i > 0 && toks[i-1].kind != tPunct {
		return 0
	}
	return len(toks) - i
}

// noDefaultDenyFramed is where the phrase starts as an order of its own,
// or -1: at the start of a sentence or clause, or after the policy or the
// pods it is about ("this policy must not ...", "so it must not ..."), and
// in no condition or reason ("if we don't enable default deny, ...").
// "without ..." and "with ..." may follow the rule they belong to ("... on
// 6379, without putting them into default deny"). What follows the phrase
// ends the clause.
func noDefaultDenyFramed(toks []token, p noDefaultDenyPhrase) int {
	if p.to < len(toks) && toks[p.to].kind != tPunct {
		return -1
	}
	attached := toks[p.from].low == "without" || toks[p.from].low == "with"
	start := p.from
	for start > 0 && toks[start-1].kind != tPunct && !attached && noDefaultDenyOpeners[toks[start-1].low] && !clauseJoiners[toks[start].low] {
		start--
	}
	// "..., and do not enable default-deny", "... but keep default deny
	// off": a joiner starts a clause too.
	if !attached && start > 0 && toks[start-1].kind != tPunct && !clauseJoiners[toks[start].low] {
		return -1
	}
	for m := p.from; m > 0 && toks[m-1].low != "." && toks[m-1].low != ";"; m-- {
		if noDefaultDenyConditions[toks[m-1].low] {
			return -1
		}
	}
	return start
}

// leaveDefaultDenyOff leaves the pods of the intent out of default deny in
// the directions the phrases name, or else in those of its rules. It asks
// when the request makes several policies, or when an isolate rule puts
// the pods into default deny in the same direction.
func leaveDefaultDenyOff(request string, in *generator.Intent, found []noDefaultDenyPhrase, toks, rest []token) (*generator.Intent, error) {
	if len(in.Others) > 0 || len(in.Network) == 0 {
		return nil, &generator.NotUnderstoodError{Request: request, Understood: in.Summary(), Example: generator.ExampleFor(in),
			Missing: fmt.Sprintf("which policy should %q leave out of default deny? Say it of one set of pods with network rules", phraseText(request, toks, found[0]))}
	}
	// "only app=a may reach the app=b pods, without putting them into
	// default deny", "deny everything else, ...": an allow-list, whose rest
	// this policy would then not deny.
	if i := slices.IndexFunc(rest, func(t token) bool { return limitWords[t.low] }); i >= 0 && !(rest[i].low == "only" && i+1 < len(rest) && addOnlyVerbs[rest[i+1].low]) {
		return nil, &generator.NotUnderstoodError{Request: request, Understood: in.Summary(), Example: generator.ExampleFor(in),
			Missing: fmt.Sprintf("%q limits what may connect, yet %q leaves the pods out of default deny, so this policy would deny nothing else: should it isolate the pods (an allow-list), or only add what it allows?", rest[i].raw, phraseText(request, toks, found[0]))}
	}
	var dirs []generator.Direction
	for _, p := range found {
		ds := p.dirs
		if p.both {
			ds = []generator.Direction{generator.Ingress, generator.Egress}
		}
		if len(ds) == 0 {
			for _, r := range in.Network {
				ds = append(ds, r.Direction)
			}
		}
		for _, d := range ds {
			// "app=api may reach app=db on 5432 - do not enable default deny
			// for egress", read as app=db's ingress: whose egress is meant?
			if !p.both && !slices.ContainsFunc(in.Network, func(r generator.NetworkRule) bool { return r.Direction == d }) {
				return nil, &generator.NotUnderstoodError{Request: request, Understood: in.Summary(), Example: generator.ExampleFor(in),
					Missing: fmt.Sprintf("%q leaves %s out of default deny, but the policy has no %s rule: which pods should it be about, and in which direction?", phraseText(request, toks, p), d, d)}
			}
			if slices.ContainsFunc(in.Network, func(r generator.NetworkRule) bool { return r.Direction == d && r.Verdict == generator.Isolate }) {
				return nil, &generator.NotUnderstoodError{Request: request, Understood: in.Summary(), Example: generator.ExampleFor(in),
					Missing: fmt.Sprintf("the request contradicts itself: it puts the pods into default deny for %s, and %q leaves them out of it; which one do you mean?", d, phraseText(request, toks, p))}
			}
			if !slices.Contains(dirs, d) {
				dirs = append(dirs, d)
			}
		}
		from := wordsFrom(toks, p)
		in.Origins = append(in.Origins, generator.Origin{Field: "noDefaultDeny", From: generator.FromRequest, Start: toks[from].start, End: toks[p.to-1].end,
			Text: request[toks[from].start:toks[p.to-1].end], Rule: "no-default-deny"})
	}
	slices.SortFunc(dirs, func(a, b generator.Direction) int {
		return map[generator.Direction]int{generator.Ingress: 0, generator.Egress: 1}[a] - map[generator.Direction]int{generator.Ingress: 0, generator.Egress: 1}[b]
	})
	in.NoDefaultDeny = dirs
	return in, nil
}

// withoutPhrases is the request with the words of the phrases (and what
// framed them) made spaces: the other rules read it as if they were not
// there, at the same offsets.
func withoutPhrases(request string, toks []token, found []noDefaultDenyPhrase) string {
	b := []byte(request)
	for _, p := range found {
		for i := toks[p.from].start; i < toks[p.to-1].end; i++ {
			b[i] = ' '
		}
	}
	return string(b)
}

// phraseText is the request's words of a phrase read.
func phraseText(request string, toks []token, p noDefaultDenyPhrase) string {
	return request[toks[wordsFrom(toks, p)].start:toks[p.to-1].end]
}

// wordsFrom is the first token of a phrase's words, after the comma or
// bracket taken out with it.
func wordsFrom(toks []token, p noDefaultDenyPhrase) int {
	i := p.from
	for i+1 < p.to && toks[i].kind == tPunct {
		i++
	}
	return i
}

// allowedPastOwnIsolation asks when the request denies all the egress of
// some pods and lets them reach other pods only as those pods' ingress:
// "Default deny egress for app=web. app=web may reach app=db on 5432."
// gave the isolation and an ingress allow of app=db, so app=web could
// reach nothing, the reverse of what the allow says. (An egress allow-list
// beside it, "... accept 6379 from the api pods. Also let the api pods
// reach DNS", is left as the request says it.)
func allowedPastOwnIsolation(request string, _ []token, intents []*generator.Intent) error {
	for _, x := range intents {
		if x.Subject.Pods == nil || !slices.ContainsFunc(x.Network, func(r generator.NetworkRule) bool {
			return r.Direction == generator.Egress && r.Verdict == generator.Isolate
		}) {
			continue
		}
		for _, y := range intents {
			if y == x || y.Subject.Pods == nil {
				continue
			}
			for _, r := range y.Network {
				if r.Direction != generator.Ingress || r.Verdict != generator.Allow {
					continue
				}
				for _, peer := range r.Peers {
					ns := peer.Namespace
					if ns == "" {
						ns = y.Subject.Namespace
					}
					if peer.Namespaces != nil || !sameJSON(peer.Pods, x.Subject.Pods) || ns != x.Subject.Namespace {
						continue
					}
					reaches := slices.ContainsFunc(x.Network, func(xr generator.NetworkRule) bool {
						return xr.Direction == generator.Egress && xr.Verdict == generator.Allow && (len(xr.Peers) == 0 || slices.ContainsFunc(xr.Peers, func(p generator.Peer) bool {
							return p.Pods != nil && sameJSON(p.Pods, y.Subject.Pods) || p.Pods == nil && p.Namespace == "" && p.CIDR == "" && p.FQDN == "" && p.Entity == "" && p.Service == "" && !p.ClusterDNS
						}))
					})
					if !reaches {
						return &generator.NotUnderstoodError{Request: request, Understood: x.Summary(), Example: generator.ExampleFor(x),
							Missing: fmt.Sprintf("the egress of the %s is denied, and the request lets them reach the %s only as the traffic those pods accept, which their own egress then drops: should the %s be allowed to send it too? Say \"allow egress from ... to ...\"",
								strings.TrimPrefix(subjectText(x.Subject), "applies to "), strings.TrimPrefix(subjectText(y.Subject), "applies to "), strings.TrimPrefix(subjectText(x.Subject), "applies to "))}
					}
				}
			}
		}
	}
	return nil
}

// deniedWords say traffic is denied: "egress is denied by default".
var deniedWords = set("denied", "blocked", "dropped")

// egressDenyUnmet asks when a sentence set beside the rules says egress is
// denied by default and a rule lets pods in from pods that deny holds
// back: "With egress default-deny in place, allow app=web to reach app=api
// on 8080" wrote app=api's ingress alone, and app=web still could not
// send. Whether the policy should open app=web's egress too is the
// user's to say.
func egressDenyUnmet(request string, toks []token, all []*generator.Intent) error {
	said := ""
	for i := range toks {
		if denyPhraseAt(toks, i) == 0 && !(deniedWords[toks[i].low] && slices.ContainsFunc(toks[i:min(i+4, len(toks))], func(t token) bool { return t.low == "default" })) {
			continue
		}
		a, b := sentenceAround(toks, i, true)
		if slices.ContainsFunc(toks[a:b], func(t token) bool { return readByIntents(t, all) && t.kind != tPunct }) {
			continue
		}
		if slices.ContainsFunc(toks[a:b], func(t token) bool { return egressWords[t.low] }) {
			said = request[toks[a].start:toks[b-1].end]
			break
		}
	}
	if said == "" {
		return nil
	}
	for _, x := range all {
		if slices.ContainsFunc(x.Network, func(r generator.NetworkRule) bool {
			return r.Direction == generator.Egress && r.Verdict == generator.Allow
		}) {
			return nil
		}
	}
	for _, x := range all {
		if slices.ContainsFunc(x.Network, func(r generator.NetworkRule) bool {
			return r.Direction == generator.Ingress && r.Verdict == generator.Allow && slices.ContainsFunc(r.Peers, func(p generator.Peer) bool { return p.Pods != nil })
		}) {
			return &generator.NotUnderstoodError{Request: request, Understood: x.Summary(), Example: generator.ExampleFor(x),
				Missing: fmt.Sprintf("%q says egress is denied by default, and the rule only lets the peers in at the pods: should the policy also allow the peers' egress to them? Say it as a rule too (\"and allow egress from the pods labeled app=web to the pods labeled app=api on 8080\"), or say that the egress is already allowed", said)}
		}
	}
	return nil
}

// allowedPastNamespaceIsolation asks when the request denies all the
// egress of a namespace and lets pods of that namespace reach other pods
// only as those pods' ingress, and senderSides could not write the
// senders' egress (an HTTP limit). senderSides writes it where it can, so
// what is left here asks.
func allowedPastNamespaceIsolation(request string, _ []token, intents []*generator.Intent) error {
	for _, f := range flowsPastIsolation(intents) {
		sender := generator.SubjectText(generator.Subject{Scope: generator.ScopePods, Namespace: f.ns, Pods: f.peer.Pods})
		return &generator.NotUnderstoodError{Request: request, Understood: f.y.Summary(), Example: generator.ExampleFor(f.y),
			Missing: fmt.Sprintf("the egress of every pod in namespace %s is denied, and the request lets the %s reach the %s only as the traffic those pods accept, which the denied egress then drops: should the %s be allowed to send it too? Say \"allow egress from ... to ...\" as well",
				f.ns, sender, generator.SubjectText(f.y.Subject), sender)}
	}
	return nil
}

// isolatesNamespaceEgress reports whether x denies all the egress of every
// pod of its namespace. An egress allow-list isolates them too, but its
// words may mean the limit ("egress only to 443 on 0.0.0.0/0" beside
// "ingress only from pods of flux-system itself"), so it writes no sender
// side.
func isolatesNamespaceEgress(x *generator.Intent) bool {
	return x.Subject.Scope == generator.ScopePods && (x.Subject.Pods == nil || len(x.Subject.Pods.MatchLabels)+len(x.Subject.Pods.MatchExpressions) == 0) &&
		slices.ContainsFunc(x.Network, func(r generator.NetworkRule) bool {
			return r.Direction == generator.Egress && r.Verdict == generator.Isolate
		})
}

// flow is an ingress allow, rule ri of y, whose peer pi sends from the
// namespace ns, whose egress the request denies, and which no intent lets
// them send.
type flow struct {
	y      *generator.Intent
	ri, pi int
	peer   generator.Peer
	ns     string
}

// flowsPastIsolation lists the flows the request allows from pods of a
// namespace whose egress it denies, and lets through at the receiving end
// only: the receivers may be in another namespace, every pod ("reach every
// pod", "talk to each other"), and the senders named by labels or by
// the tree.
func flowsPastIsolation(all []*generator.Intent) []flow {
	var out []flow
	for _, x := range all {
		if !isolatesNamespaceEgress(x) {
			continue
		}
		ns := x.Subject.Namespace
		for _, y := range all {
			if y.Subject.Scope != generator.ScopePods {
				continue
			}
			for ri, r := range y.Network {
				if r.Direction != generator.Ingress || r.Verdict != generator.Allow {
					continue
				}
				for pi, peer := range r.Peers {
					from := cmp.Or(peer.Namespace, y.Subject.Namespace)
					if peer.Pods == nil || peer.Namespaces != nil || from != ns || peer.CIDR != "" || peer.FQDN != "" || peer.Entity != "" || peer.Service != "" || peer.ClusterDNS {
						continue
					}
					if !sendsTo(all, ns, peer.Pods, y.Subject) {
						out = append(out, flow{y, ri, pi, peer, ns})
					}
				}
			}
		}
	}
	return out
}

// senderSides writes the egress side of a flow the request allows from a
// namespace whose egress it denies: "In namespace prod: default deny for
// all pods, ingress and egress. Then allow the frontend (app=frontend) to
// reach the backend (app=backend) on 8080" gave the default deny and the
// backend's ingress from the frontend, and the frontend, whose egress the
// default deny drops, still could not send. The words allow the flow, so
// the policies must let it through both ends: an egress allow for the
// senders, to the pods they reach (in their namespace), on the same ports,
// each value taken from the span that gave it to the ingress rule, with a
// note saying why. A flow limited to HTTP requests is left to
// allowedPastNamespaceIsolation, which asks. (The
// knp-reborn-prod-deny-then-allow case and a probe expected the ingress
// side alone until this rule; both now expect both sides.)
func senderSides(merged *generator.Intent) {
	all := append([]*generator.Intent{merged}, merged.Others...)
	var added []*generator.Intent
	for _, f := range flowsPastIsolation(all) {
		y, r := f.y, f.y.Network[f.ri]
		if len(r.HTTP) > 0 {
			continue
		}
		peerAt := fmt.Sprintf("network[%d].peers[%d]", f.ri, f.pi)
		s := senderOf(added, f.peer.Pods)
		if s == nil {
			s = &generator.Intent{Subject: generator.Subject{Scope: generator.ScopePods, Namespace: f.ns, Pods: f.peer.Pods, Name: f.peer.Name}}
			s.Origins = append(s.Origins, moved(y.Origins, peerAt+".pods", "subject.pods")...)
			if f.peer.Namespace != "" {
				s.Origins = append(s.Origins, moved(y.Origins, peerAt+".namespace", "subject.namespace")...)
			} else {
				s.Origins = append(s.Origins, moved(y.Origins, "subject.namespace", "subject.namespace")...)
			}
			// The senders are pods: read from the verb of the flow.
			for _, o := range moved(y.Origins, fmt.Sprintf("network[%d].direction", f.ri), "subject.scope") {
				o.Rule = "sender-of-allowed-flow"
				s.Origins = append(s.Origins, o)
			}
			added = append(added, s)
		}
		to := generator.Peer{Pods: y.Subject.Pods, Name: y.Subject.Name}
		rule := fmt.Sprintf("network[%d]", len(s.Network))
		if to.Pods == nil {
			// "reach every pod": every pod of the receivers' namespace.
			to.Pods = &metav1.LabelSelector{}
			s.Origins = append(s.Origins, moved(y.Origins, "subject.scope", rule+".peers[0].pods")...)
		} else {
			s.Origins = append(s.Origins, moved(y.Origins, "subject.pods", rule+".peers[0].pods")...)
		}
		if y.Subject.Namespace != f.ns {
			to.Namespace = y.Subject.Namespace
			s.Origins = append(s.Origins, moved(y.Origins, "subject.namespace", rule+".peers[0].namespace")...)
		}
		s.Network = append(s.Network, generator.NetworkRule{Direction: generator.Egress, Verdict: generator.Allow, Peers: []generator.Peer{to}, Ports: r.Ports})
		s.Origins = append(s.Origins, moved(y.Origins, fmt.Sprintf("network[%d].verdict", f.ri), rule+".verdict")...)
		s.Origins = append(s.Origins, moved(y.Origins, fmt.Sprintf("network[%d].direction", f.ri), rule+".direction")...)
		s.Origins = append(s.Origins, moved(y.Origins, fmt.Sprintf("network[%d].ports", f.ri), rule+".ports")...)
		s.Notes = append(s.Notes, fmt.Sprintf("the request denies the egress of every pod in namespace %s, so a policy also lets the senders (%s) send the traffic it allows in at %s",
			f.ns, generator.SubjectText(s.Subject), generator.SubjectText(y.Subject)))
	}
	merged.Others = append(merged.Others, added...)
}

// senderOf finds the intent of added whose pods are pods.
func senderOf(added []*generator.Intent, pods *metav1.LabelSelector) *generator.Intent {
	for _, s := range added {
		if sameJSON(s.Subject.Pods, pods) {
			return s
		}
	}
	return nil
}

// moved copies the origins of the field from (and of what lies below it)
// to the field to.
func moved(origins []generator.Origin, from, to string) []generator.Origin {
	var out []generator.Origin
	for _, o := range origins {
		rest, ok := strings.CutPrefix(o.Field, from)
		if ok && (rest == "" || rest[0] == '.' || rest[0] == '[') {
			o.Field = to + rest
			out = append(out, o)
		}
	}
	return out
}

// sendsTo reports whether an intent lets the pods from, in namespace ns,
// send to the pods of the subject to: an egress allow of those pods (or
// of every pod of ns) to them, to every pod of their namespace, or to
// anywhere.
func sendsTo(intents []*generator.Intent, ns string, from *metav1.LabelSelector, to generator.Subject) bool {
	return slices.ContainsFunc(intents, func(z *generator.Intent) bool {
		return z.Subject.Namespace == ns && (z.Subject.Pods == nil || sameJSON(z.Subject.Pods, from)) && slices.ContainsFunc(z.Network, func(r generator.NetworkRule) bool {
			return r.Direction == generator.Egress && r.Verdict == generator.Allow && (len(r.Peers) == 0 || slices.ContainsFunc(r.Peers, func(p generator.Peer) bool {
				if p.Pods != nil && p.Namespaces == nil && cmp.Or(p.Namespace, ns) == to.Namespace {
					return sameJSON(p.Pods, to.Pods) || len(p.Pods.MatchLabels)+len(p.Pods.MatchExpressions) == 0
				}
				return p.Pods == nil && p.Namespace == "" && p.Namespaces == nil && p.CIDR == "" && p.FQDN == "" && p.Entity == "" && p.Service == "" && !p.ClusterDNS
			}))
		})
	})
}
