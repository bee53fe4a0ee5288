package builtin

import (
	"fmt"
	"slices"
	"strings"

	"github.com/kunerva/kunerva/generator"
)

// keptOpenAsked asks about a clause set aside (as background, a reason or
// a title) that says some traffic stays open, must keep working or is the
// exception, beside a rule that denies, isolates or blocks: read as a
// remark, the exception was lost and the deny could block the very traffic
// the words keep.
//
//	"Deny app=web to reach app=db on port 5432. Today app=web reaches
//	app=db on port 5432 and must keep doing so." (gave the deny alone)
//	"app=web reaching app=db on port 5432 is the exception. Deny ..."
//	"The gateway stays open. Deny all ingress to every pod in namespace shop."
func keptOpenAsked(request string, d clause, intents []*generator.Intent) error {
	if !keepsOpenWords(request, d.toks) || !slices.ContainsFunc(intents, closes) {
		return nil
	}
	return &generator.NotUnderstoodError{Request: request, Understood: intents[0].Summary(), Example: generator.ExampleFor(intents[0]),
		Missing: fmt.Sprintf("the request both denies and keeps: does %q name an exception to the deny or block beside it (then say \"except ...\" in the rule), or traffic the rule does not touch? Say the rule alone for the second", d.text(request))}
}

// keptOpenVerbs say, before "open", that traffic stays as it is: "stays
// open", "remains open".
var keptOpenVerbs = set("stay", "stays", "stayed", "remain", "remains", "remained")

// keptWorkingWords, after "keep", say the traffic goes on: "must keep
// working", "keep doing so".
var keptWorkingWords = set("working", "doing", "running", "flowing", "reaching", "talking", "going", "open", "connecting")

// keptObligations, before "keep", say it must: "must keep", "has to keep",
// "needs to keep".
var keptObligations = set("must", "should", "to", "shall", "will")

// keepsOpenWords reports whether toks say something stays open ("stays
// open", "remains open": not of a direction, "Outbound traffic remains
// open", which restdirection.go reads), or, naming a value the rest of the
// request names again, must keep working ("must keep doing so", "has to
// keep") or is the exception ("is the exception", "as an exception").
// ("No exceptions yet", "in-cluster traffic has to keep working": no
// value of the rule, what it leaves as it is.)
func keepsOpenWords(request string, toks []token) bool {
	if anyWord(toks, func(i int, w, next string) bool { return keptOpenVerbs[w] && next == "open" }) {
		return !slices.ContainsFunc(toks, func(t token) bool { return ingressWords[t.low] || egressWords[t.low] })
	}
	if !anyWord(toks, func(i int, w, next string) bool {
		switch {
		case w == "exception":
			return i > 0 && (toks[i-1].low == "the" || toks[i-1].low == "an")
		case w == "keep" || w == "keeps":
			return i > 0 && keptObligations[toks[i-1].low] || keptWorkingWords[next]
		}
		return false
	}) {
		return false
	}
	return slices.ContainsFunc(toks, func(t token) bool { return valueSaidElsewhere(request, toks, t) })
}

// valueSaidElsewhere reports whether t, a label, address, port or path of
// the clause toks, is written again outside it.
func valueSaidElsewhere(request string, toks []token, t token) bool {
	switch t.kind {
	case tLabel, tCIDR, tNumber, tRange, tPortProto, tPath:
	default:
		return false
	}
	first, last := toks[0].start, toks[len(toks)-1].end
	return strings.Contains(request[:first], t.raw) || strings.Contains(request[last:], t.raw)
}

// closes reports whether an intent (or one of its others) denies,
// isolates or blocks.
func closes(in *generator.Intent) bool {
	for _, x := range append([]*generator.Intent{in}, in.Others...) {
		if slices.ContainsFunc(x.Network, func(r generator.NetworkRule) bool {
			return r.Verdict == generator.Deny || r.Verdict == generator.Isolate
		}) || slices.ContainsFunc(x.System, func(r generator.SystemRule) bool { return r.Action == generator.ActionBlock }) {
			return true
		}
	}
	return false
}

// podsOfExplanationAsked asks about a sentence set aside as an explanation
// that names pods by a name ("the billing pods") beside rules that are all
// for every pod of a namespace: the name narrows those rules, as
// nameOfContext says of a sentence of setting; set aside, the rule holds
// for pods the request kept out of it. (Only network rules: a system rule
// on nodes has no pods either.)
//
//	"Seccomp profile for the billing pods. Deny all ingress to every pod
//	in namespace shop." (gave the isolation of every pod in shop)
func podsOfExplanationAsked(request string, d clause, intents []*generator.Intent) error {
	if d.dismissed != "explanation" || len(intents) == 0 {
		return nil
	}
	k := slices.IndexFunc(d.toks, func(t token) bool { return t.low == "pods" || t.low == "pod" })
	if k < 2 || d.toks[k-2].low != "the" || d.toks[k-1].kind != tWord || determiners[d.toks[k-1].low] {
		return nil
	}
	for _, x := range intents {
		for _, y := range append([]*generator.Intent{x}, x.Others...) {
			if len(y.Network) == 0 || y.Subject.Pods != nil && (len(y.Subject.Pods.MatchLabels) > 0 || len(y.Subject.Pods.MatchExpressions) > 0) {
				return nil
			}
		}
	}
	return &generator.NotUnderstoodError{Request: request, Understood: intents[0].Summary(), Example: generator.ExampleFor(intents[0]),
		Missing: fmt.Sprintf("are the rules for %q only, or for every pod of the namespace? Give the labels of those pods, or say \"every pod\"", d.toks[k-1].raw+" "+d.toks[k].raw)}
}
