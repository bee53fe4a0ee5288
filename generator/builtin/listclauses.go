package builtin

import (
	"fmt"
	"strings"

	"github.com/kunerva/kunerva/generator"
)

// Checks of lists of pods that the engine read one way where the words may
// mean another (finder 15, S4, S9, S10). Each asks one question.

// reachPhrases open a clause that says who reaches: "app=web to reach
// app=db", "app=web from reaching app=db", "app=api to do so".
var reachPhrases = [][]string{{"to", "reach"}, {"from", "reaching"}, {"to", "do", "so"}, {"from", "doing", "so"}}

// reachPointers are the words after a second "to reach" that point back to
// pods named before: "and app=api to reach it", "to reach them", "to reach
// that db".
var reachPointers = set("it", "them", "that", "those", "these", "this", "there", "same")

// secondSender asks about a second "to reach" or "from reaching" clause
// with a sender of its own that points back to the pods reached: "allow
// app=web to reach app=db on 5432 and app=api to reach it on 8080" gave
// app=web a second destination, app=api, and dropped app=api -> app=db
// (finder 15, S4). "to do so" after a first "to reach" is the same shape.
func secondSender(request string, toks []token) error {
	first := -1
	for i := range toks {
		if toks[i].kind == tPunct && (toks[i].low == "." || toks[i].low == ";" || toks[i].low == "\n") {
			first = -1
			continue
		}
		n := 0
		for _, ph := range reachPhrases {
			if phraseIn(toks, i, ph) {
				n = len(ph)
				break
			}
		}
		if n == 0 {
			continue
		}
		if first < 0 {
			first = i
			continue
		}
		pointed := n == 3 || i+n < len(toks) && reachPointers[toks[i+n].low]
		joined := false
		for k := first + 2; k < i; k++ {
			joined = joined || toks[k].low == "and" || toks[k].low == "while" || toks[k].low == "but"
		}
		if pointed && joined {
			end := min(i+n, len(toks)-1)
			return &generator.NotUnderstoodError{Request: request, Example: generator.ExampleNetwork,
				Missing: fmt.Sprintf("which pods does %q say reach which? kunerva reads one sender for a list of pods reached; say each flow as a rule of its own (\"allow app=api to reach app=db on 8080\")", request[toks[i].start:toks[end].end])}
		}
	}
	return nil
}

// listWrappers are the words that may stand between "and" and the label of
// the next pods of a list: "and pods labeled app=api", "and the pods with
// label app=api".
var listWrappers = set("the", "pods", "pod", "labeled", "labelled", "with", "label", "labels")

// listItemAfter returns the index of the label of the list item that
// starts after the joiner at j ("and", "or", ","), skipping listWrappers,
// and whether a pod noun was among them; -1 when none follows.
func listItemAfter(toks []token, j int) (int, bool) {
	pods := false
	k := j + 1
	for k < len(toks) && listWrappers[toks[k].low] {
		pods = pods || podNouns[toks[k].low]
		k++
	}
	if k < len(toks) && toks[k].kind == tLabel {
		return k, pods
	}
	return -1, false
}

// listNamespaceOrBracket asks about a namespace or a bracketed port said
// after the last item of a list of pods:
//   - "block pods labeled app=web and pods labeled app=api in namespace ops
//     from reaching ..." put app=api alone in ops (finder 15, S9), where
//     both may be meant;
//   - "..., all in namespace ops, on 5432" moved the policy's own pods
//     to ops (as "both in namespace ops" is asked about in locating.go);
//   - "from pods labeled app=web and pods labeled app=api (port 8080)" gave
//     8080 to both (finder 15, S10), where the bracket stands with the last.
//
// "pods labeled app=web in namespace ops and pods labeled app=api", each
// item with its own, is read.
func listNamespaceOrBracket(request string, toks []token) error {
	for i := 0; i+1 < len(toks); i++ {
		if toks[i].kind != tLabel || (toks[i+1].low != "and" && toks[i+1].low != "or") {
			continue
		}
		k, pods := listItemAfter(toks, i+1)
		if k < 0 || k+2 >= len(toks) || pairedBetween(toks, i) {
			continue
		}
		switch {
		case pods && toks[k+1].low == "in" && (namespaceWords[toks[k+2].low] || k+3 < len(toks) && namespaceWords[toks[k+3].low] || k+4 < len(toks) && toks[k+2].low == "the" && namespaceWords[toks[k+4].low]):
			end := min(k+3, len(toks)-1)
			if !namespaceWords[toks[k+2].low] {
				end = min(k+4, len(toks)-1)
			}
			return &generator.NotUnderstoodError{Request: request, Example: generator.ExampleNetwork,
				Missing: fmt.Sprintf("which pods does %q put in a namespace: every pod set of the list, or the last one only? Say the namespace after each (\"pods labeled app=web in namespace ops and pods labeled app=api in namespace ops\")", request[toks[i].start:toks[end].end])}
		case toks[k+1].low == "(" && (toks[k+2].kind == tNumber || (toks[k+2].low == "port" || toks[k+2].low == "ports" || toks[k+2].low == "on") && k+3 < len(toks) && toks[k+3].kind == tNumber):
			return &generator.NotUnderstoodError{Request: request, Example: generator.ExampleNetwork, Missing: portsOfLastPeerAsked}
		}
	}
	for i := 2; i+3 < len(toks); i++ {
		if toks[i-1].low != "," || strings.Contains(request[toks[i-1].end:toks[i].start], "\n") || !listAllWords[toks[i].low] || toks[i+1].low != "in" || !(namespaceWords[toks[i+2].low] || namespaceWords[toks[i+3].low]) {
			continue
		}
		listed := false
		for k := i - 2; k > 0 && !(toks[k].kind == tPunct && (toks[k].low == "." || toks[k].low == ";" || toks[k].low == "\n")); k-- {
			listed = listed || toks[k].low == "and" && toks[k-1].kind == tLabel
		}
		if listed {
			return &generator.NotUnderstoodError{Request: request, Example: generator.ExampleNetwork,
				Missing: fmt.Sprintf("which pods does %q put in a namespace: the peers named before it, or the pods the policy is for too? Say the namespace of each in the rule (\"from the pods labeled app=web in namespace prod\")", request[toks[i-1].start:toks[i+2].end])}
		}
	}
	return nil
}

// listAllWords sum up a list before a namespace: ", all in namespace ops".
// ("both" is asked about in locating.go.)
var listAllWords = set("all", "each")

// pairedBetween reports whether the list item at i follows "between" in
// its sentence: "Between the pods labeled app=legacy and the pods labeled
// app=payments in namespace legacy" names two sides, not a list of peers,
// and is asked about for its direction.
func pairedBetween(toks []token, i int) bool {
	for k := i; k >= 0 && !(toks[k].kind == tPunct && (toks[k].low == "." || toks[k].low == ";" || toks[k].low == "\n")); k-- {
		if toks[k].low == "between" {
			return true
		}
	}
	return false
}
