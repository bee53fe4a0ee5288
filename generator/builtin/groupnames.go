package builtin

import (
	"fmt"

	"github.com/kunerva/kunerva/generator"
)

// groupTitleWords may stand after the colon of a sentence that only gives a
// title to pods: "Group two: pods labeled app=api", "Set B: the pods with
// the labels app=api, tier=backend".
var groupTitleWords = set("pods", "pod", "the", "labeled", "labelled", "with", "label", "labels", "carrying", "having", ",", "and", "(", ")", "all")

// groupTitle reads a sentence that gives pods a title of one to three words
// before a colon, and says nothing else of them: "Group one: pods labeled
// app=web", "Second group: pods labeled app=api", "Set A: app=web". It
// gives the index of the colon.
func groupTitle(toks []token) (int, bool) {
	c := 0
	for c < len(toks) && c < 4 && toks[c].kind == tWord {
		c++
	}
	if c == 0 || c >= 4 || c >= len(toks) || toks[c].low != ":" {
		return 0, false
	}
	labels := false
	for _, t := range toks[c+1:] {
		switch {
		case t.kind == tLabel:
			labels = true
		case groupTitleWords[t.low] || t.low == ".":
		default:
			return 0, false
		}
	}
	return c, labels
}

// titledGroupNamed asks about a rule that names pods by the title a
// sentence before gave them: "Group one: pods labeled app=web. Group two:
// pods labeled app=api. Group two may reach pods labeled app=db on 5432."
// kunerva binds no titles to pods; the first sentence that names pods
// became the heading of the rules after it, so "Group two may reach ..."
// became a rule on app=web, and ingress from app=db (finder W15). Which
// pods the title stands for is asked.
func titledGroupNamed(request string, cs []clause) error {
	for i, c := range cs {
		colon, ok := groupTitle(c.toks)
		if !ok {
			continue
		}
		title := c.toks[:colon]
		words := make([]string, len(title))
		for k, t := range title {
			words[k] = t.low
		}
		for _, d := range cs[i+1:] {
			for k := range d.toks {
				if !phraseIn(d.toks, k, words) || k+len(words) < len(d.toks) && d.toks[k+len(words)].low == ":" {
					continue
				}
				name := request[title[0].start:title[len(title)-1].end]
				return &generator.NotUnderstoodError{Request: request, Example: generator.ExampleNetwork,
					Missing: fmt.Sprintf("which pods is %q in %q? kunerva does not carry the title %q gives pods into another sentence; say their labels in the rule (\"pods labeled app=api may reach ...\")", name, d.text(request), c.text(request))}
			}
		}
	}
	return nil
}

// labelJoiners join two labels in words that may mean one group of pods
// carrying both or two groups: "pods with env=prod as well as
// tier=backend", "app=web together with tier=frontend", "env=prod and
// also tier=backend".
var labelJoiners = [][]string{{"as", "well", "as"}, {"and", "also"}, {"together", "with"}, {"along", "with"}, {"and", "as", "well"}}

// labelsJoinedLoosely asks about two labels joined by a labelJoiner with
// no pod noun between them: read as two groups, "allow ingress to app=db
// from pods with the labels env=prod as well as tier=backend on 5432"
// allowed every env=prod pod and every tier=backend pod, and "deny egress
// from pods with app=web together with tier=frontend to 10.0.0.0/8" made
// the tier=frontend pods a denied peer (finder W10). "pods labeled
// env=prod as well as pods labeled tier=backend" names two groups and is
// read as two.
func labelsJoinedLoosely(request string, toks []token) error {
	for i, t := range toks {
		if t.kind != tLabel {
			continue
		}
		for _, j := range labelJoiners {
			if phraseIn(toks, i+1, j) && i+1+len(j) < len(toks) && toks[i+1+len(j)].kind == tLabel {
				a, b := t.raw, toks[i+1+len(j)].raw
				return &generator.NotUnderstoodError{Request: request, Example: generator.ExampleNetwork,
					Missing: fmt.Sprintf("do the pods carry both %s and %s, or is each a group of its own? %q may say either; say \"pods labeled %s and %s\" for pods carrying both, or \"pods labeled %s and pods labeled %s\"", a, b, request[t.start:toks[i+1+len(j)].end], a, b, a, b)}
			}
		}
	}
	return nil
}

// negatedValuesOr asks about label values each negated and joined by
// "or": "pods whose app is not web or not api" read as app NotIn (web)
// alone, "or not api" unused (finder W9's neighbour); said in logic it is
// every pod, said in speech it may mean neither. "not web and not api",
// "not web or api" and "not web nor api" are plain: NotIn both.
func negatedValuesOr(request string, toks []token) error {
	for i := 1; i+4 < len(toks); i++ {
		if (toks[i-1].low == "is" || toks[i-1].low == "are") && toks[i].low == "not" && toks[i+1].kind == tWord && toks[i+2].low == "or" && toks[i+3].low == "not" && toks[i+4].kind == tWord {
			return &generator.NotUnderstoodError{Request: request, Example: generator.ExampleSystem,
				Missing: fmt.Sprintf("which pods does %q leave out: those that are neither? Say \"not %s and not %s\" (or \"not %s or %s\") for pods that are neither", request[toks[i].start:toks[i+4].end], toks[i+1].raw, toks[i+4].raw, toks[i+1].raw, toks[i+4].raw)}
		}
	}
	return nil
}

// peerInTwoNamespaces asks about one group of peer pods, said once with no
// namespace, that the rules put in the namespace of each of two policies
// about other pods in other namespaces: "allow pods labeled app=api to
// reach pods labeled app=db in namespace b on 5432 and pods labeled
// app=cache in namespace c on 6379" let app=api of namespace b reach db
// and app=api of namespace c reach cache (finder W22); at least one of
// them names the wrong pods. The same pods in two namespaces ("in
// namespaces a and b, app=web accepts app=lb on 80") keep their peer in
// each.
func peerInTwoNamespaces(request string, in *generator.Intent) error {
	if in == nil {
		return nil
	}
	at := map[string]generator.Subject{}
	for _, x := range append([]*generator.Intent{in}, in.Others...) {
		if x.Subject.Scope != generator.ScopePods || x.Subject.Pods == nil {
			continue
		}
		for _, r := range x.Network {
			for _, p := range r.Peers {
				if p.Pods == nil || p.Namespace != "" || p.Namespaces != nil {
					continue
				}
				key := labelsText(p.Pods.MatchLabels) + fmt.Sprint(p.Pods.MatchExpressions)
				s, ok := at[key]
				if !ok {
					at[key] = x.Subject
					continue
				}
				if s.Namespace != x.Subject.Namespace && !sameJSON(s.Pods, x.Subject.Pods) {
					return &generator.NotUnderstoodError{Request: request, Understood: in.Summary(), Example: generator.ExampleNetwork,
						Missing: fmt.Sprintf("which namespace are the pods labeled %s in? The rules would put them in namespace %s and in %s; say their namespace (\"pods labeled %s in namespace NAME\")", labelsText(p.Pods.MatchLabels), s.Namespace, x.Subject.Namespace, labelsText(p.Pods.MatchLabels))}
				}
			}
		}
	}
	return nil
}
