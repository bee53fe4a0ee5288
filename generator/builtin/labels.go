package builtin

import (
	"slices"
	"strings"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// labelIntros introduce a label selector: "labeled app=web", "with the
// label env=dev", "carrying role=db", "selected by tier=web".
var labelIntros = set("labeled", "labelled", "label", "labels", "with", "having", "matching", "match", "carrying", "carry", "carries", "bear", "bears",
	"bearing", "tagged", "where", "whose", "that", "which", "have", "has", "and", ",", "the", "a", "an", "selected", "by", "selector", "selectors",
	"key", "value", "&", "plus", "both", "&&", "are", "is", "(")

// selectorAt parses label requirements joined by "and" or commas starting at
// i (which may be an introducing word such as "labeled"): k=v, k!=v, "k: v",
// "without the label k=v", "with a canary label" (Exists), "without a canary
// label" (DoesNotExist), "whose tier is web or api" (In), "tier not in (a,
// b)". It returns the selector and the end of what it read, or nil.
func (p *parser) selectorAt(i int) (*metav1.LabelSelector, int) {
	sel := &metav1.LabelSelector{}
	j := i
	found := false
	negate := false
	// whose: a key said as "whose tier is front" came before, so "and app
	// is web" after it says another key, not another pod.
	whose := false
	keyAt := func(k int) bool {
		return whose && p.tok(k) != nil && p.toks[k].kind == tWord && (p.is(k+1, "is", "isn't", "in", "equals", "=") || p.comparisonAt(k+1) > k+1)
	}
	// keyAfter: keyAt, maybe after one of comparedKeyLeads ("and whose
	// tier does not equal web").
	keyAfter := func(k int) bool {
		if comparedKeyLeads[p.word(k)] {
			k++
		}
		return keyAt(k)
	}
	for j < len(p.toks) {
		start := j
		for p.tok(j) != nil && (labelIntros[p.word(j)] || comparedKeyLeads[p.word(j)] && keyAt(j+1)) && !(p.word(j) == "(" && !found && j > i) {
			if p.is(j, "and", ",", "&", "plus", "&&") && found && !p.labelNext(j+1) && !keyAfter(j+1) {
				return p.selectorResult(sel, found, start)
			}
			j++
		}
		// "that do NOT carry k=v", "not labeled k=v", "without the label k=v"
		if k, ok := p.negationAt(j); ok {
			negate = true
			j = k
			for p.tok(j) != nil && labelIntros[p.word(j)] {
				j++
			}
		}
		t := p.tok(j)
		switch {
		case t != nil && t.kind == tLabel:
			k, op, v := splitLabel(t.raw)
			if op == "!=" {
				sel.MatchExpressions = append(sel.MatchExpressions, metav1.LabelSelectorRequirement{Key: k, Operator: metav1.LabelSelectorOpNotIn, Values: []string{v}})
				j++
				found = true
				continue
			}
			values := []string{v}
			j++
			// "tier=web or tier=api", "app=a, app=b and app=c": one list
			for (p.is(j, "or", ",") || p.is(j, "and") && len(values) > 1) && p.tok(j+1) != nil {
				n := p.toks[j+1]
				if n.kind == tLabel {
					k2, op2, v2 := splitLabel(n.raw)
					if k2 != k || op2 == "!=" {
						break
					}
					values = append(values, v2)
					j += 2
					continue
				}
				break
			}
			switch {
			case negate:
				sel.MatchExpressions = append(sel.MatchExpressions, metav1.LabelSelectorRequirement{Key: k, Operator: metav1.LabelSelectorOpNotIn, Values: values})
			case len(values) > 1:
				sel.MatchExpressions = append(sel.MatchExpressions, metav1.LabelSelectorRequirement{Key: k, Operator: metav1.LabelSelectorOpIn, Values: values})
			default:
				if sel.MatchLabels == nil {
					sel.MatchLabels = map[string]string{}
				}
				if old, dup := sel.MatchLabels[k]; dup && old != v || slices.ContainsFunc(sel.MatchExpressions, func(r metav1.LabelSelectorRequirement) bool { return r.Key == k }) {
					// "app=a and app=b" selects nothing: leave it to the reader.
					return nil, i
				}
				sel.MatchLabels[k] = v
			}
			negate = false
			found = true
			// "k=v label", "the k=v labels"
			if p.is(j, "label", "labels", "tag", "tags") {
				j++
			}
		case t != nil && t.kind == tWord && p.is(j+1, ":") && p.tok(j+2) != nil && (p.toks[j+2].kind == tWord || p.toks[j+2].kind == tNumber) && (j > start || found || p.is(j-1, "(") || p.is(j+3, ",", ")", "and")) &&
			!podNouns[t.low] && !fillerWords[t.low] && !fillerWords[p.word(j+2)] && !determiners[p.word(j+2)] && !hasStatement([]token{p.toks[j+2]}):
			// "with the label app: web"
			k, v := t.raw, p.toks[j+2].raw
			if negate {
				sel.MatchExpressions = append(sel.MatchExpressions, metav1.LabelSelectorRequirement{Key: k, Operator: metav1.LabelSelectorOpNotIn, Values: []string{v}})
			} else {
				if sel.MatchLabels == nil {
					sel.MatchLabels = map[string]string{}
				}
				sel.MatchLabels[k] = v
			}
			j += 3
			negate, found = false, true
		case t != nil && t.kind == tWord && p.is(j+1, "label") && p.is(j-1, "the") && p.tok(j+2) != nil && p.toks[j+2].kind == tWord && (p.nameWord(j+2) || p.looseName(j+2) || podNouns[p.word(j+2)]) && !p.is(j+2, "is", "in", "not", "of", "isn't", "and", "or"):
			// "pods with the segment label backend": the key, then its value.
			v := p.toks[j+2].raw
			if negate {
				sel.MatchExpressions = append(sel.MatchExpressions, metav1.LabelSelectorRequirement{Key: t.raw, Operator: metav1.LabelSelectorOpNotIn, Values: []string{v}})
			} else {
				if sel.MatchLabels == nil {
					sel.MatchLabels = map[string]string{}
				}
				sel.MatchLabels[t.raw] = v
			}
			j += 3
			negate, found = false, true
		case t != nil && t.kind == tWord && p.is(j+1, "label", "labels") && j > start && p.is(j-1, "a", "an", "the", "any"):
			// "with a canary label", "without a canary label"
			op := metav1.LabelSelectorOpExists
			if negate {
				op = metav1.LabelSelectorOpDoesNotExist
			}
			sel.MatchExpressions = append(sel.MatchExpressions, metav1.LabelSelectorRequirement{Key: t.raw, Operator: op})
			j += 2
			negate, found = false, true
		case t != nil && t.kind == tWord && p.is(j+1, "label") && p.is(j+2, "is", "in", "not", "of", "isn't"):
			// "whose env label is not prod": the key, then its values.
			if k, ok := p.valuesAt(j, j+2, sel); ok {
				j, found = k, true
				continue
			}
			return p.selectorResult(sel, found, start)
		case t != nil && t.kind == tWord && j == start+1 && p.is(j-1, "with") && !found && !negate && commonLabelKeys[t.low] && p.bareLabelValue(j+1):
			// "the pods with role frontend", "containers with app checkout":
			// a common key, then one value, with no "=" between.
			if sel.MatchLabels == nil {
				sel.MatchLabels = map[string]string{}
			}
			sel.MatchLabels[t.low] = p.toks[j+1].raw
			j += 2
			found = true
			return p.selectorResult(sel, found, j)
		case t != nil && t.kind == tWord && j > start && (p.is(j-1, "whose", "where", "with") || keyAt(j) && (p.is(j-1, "and", ",") || comparedKeyLeads[p.word(j-1)])) && (p.is(j+1, "is", "in", "not", "of", "isn't", "equals", "=") || p.comparisonAt(j+1) > j+1):
			// "whose tier is web or api", "where tier in (web, api)", "env
			// is not dev", "whose tier is front and app is web", "where
			// app does not equal web" (labelComparisons)
			if k, ok := p.valuesAt(j, j+1, sel); ok {
				j, found, whose = k, true, true
				continue
			}
			return p.selectorResult(sel, found, start)
		default:
			return p.selectorResult(sel, found, start)
		}
	}
	return p.selectorResult(sel, found, j)
}

// comparisonWords compare a label's value rather than being one: "pods
// with app not equal web", "with role equal api", "app different from
// web", "app containing web". Read as the value, "equal" became the label
// (finder 5, S4); the words are left for the rules that ask.
var comparisonWords = set("equal", "equals", "unequal", "different", "differs", "differing", "named", "called", "containing", "contains", "like", "matching",
	"than", "same", "starting", "starts", "ending", "ends", "similar", "includes", "including", "prefixed", "suffixed",
	// "where app is other than web", "where app is missing" (finder 6:
	// they became the values "other" and "missing").
	"other", "missing", "absent", "unset", "empty", "present", "defined", "undefined", "null", "none")

// commonLabelKeys are label keys people write without "=": "the pods with
// role frontend".
var commonLabelKeys = set("app", "role", "tier", "component", "env", "environment", "team", "track", "stage")

// bareLabelValue reports whether the word at i can be the value of a key
// said without "=" ("with role frontend"): one plain word, not a word of
// the vocabulary, and no list ("with role frontend and backend", "or
// web") after it, which could be values or other pods.
func (p *parser) bareLabelValue(i int) bool {
	return p.plainValueWord(i) && !p.is(i+1, "and", "or", ",", "/", "label", "labels", "=")
}

// plainValueWord reports whether the word at i can be a label's value:
// one plain word, not a word of the vocabulary.
func (p *parser) plainValueWord(i int) bool {
	t := p.tok(i)
	if t == nil || t.kind != tWord {
		return false
	}
	w := t.low
	return !(fillerWords[w] || determiners[w] || prepositions[w] || coordinators[w] || modals[w] || hasStatement([]token{*t}) || meaningful(*t) || negationWords[w] || labelIntros[w] || comparisonWords[w] ||
		w == "label" || w == "labels" || w == "is" || w == "of")
}

// labelNext reports whether a label requirement starts at i (after "and").
func (p *parser) labelNext(i int) bool {
	for (labelIntros[p.word(i)] || p.is(i, "(")) && !p.is(i+1, ")") && !p.is(i+1, "label", "labels") && p.tok(i) != nil && p.toks[i].kind != tLabel {
		i++
	}
	if _, ok := p.negationAt(i); ok {
		return true
	}
	t := p.tok(i)
	return t != nil && (t.kind == tLabel || t.kind == tWord && (p.is(i+1, "label") || p.is(i+1, ":") || p.is(i+1, "is", "in") && p.is(i-1, "whose", "where")))
}

// negationAt reads "do not carry", "don't have", "not labeled", "without",
// "that lack" before a label; it returns where the label starts.
func (p *parser) negationAt(j int) (int, bool) {
	k := j
	switch {
	case p.is(k, "without", "lacking", "lack", "lacks"):
		return k + 1, true
	case p.is(k, "no") && (p.is(k+1, "label", "labels") || p.tok(k+1) != nil && p.toks[k+1].kind == tWord && p.is(k+2, "label")):
		return k + 1, true
	case p.is(k, "not") && p.is(k+1, "labeled", "labelled", "carrying", "having", "tagged", "matching"):
		return k + 2, true
	case p.is(k, "do", "does", "don't", "doesn't", "dont") || p.is(k, "not") && p.is(k-1, "do", "does"):
		if p.is(k, "do", "does") {
			k++
		}
		if p.is(k, "not") {
			k++
		}
		if !p.is(j, "don't", "doesn't", "dont") && k == j+1 && !p.is(j, "not") {
			return j, false
		}
		if p.is(j, "don't", "doesn't", "dont") {
			k = j + 1
		}
		if p.is(k, "carry", "have", "bear", "match", "contain", "include") {
			return k + 1, true
		}
	}
	return j, false
}

// comparedKeyLeads may stand between "and" (or a comma) and the next
// compared key once a first one was read: "where app equals nginx and
// whose tier does not equal web", "and where tier equals web", "and their
// tier ...", "and the tier ...". Unread, the second clause was dropped (the
// peer broader) and its "does" read as a negation, so an allow became a
// Cilium deny (finder 10, S4, S5).
var comparedKeyLeads = set("whose", "where", "their", "its", "the")

// labelComparisons are the verbs, said in words, that join a label's key
// to its value, and whether they leave the value out: "where app equals
// nginx", "where app is equal to nginx", "where app does not equal web",
// "and tier doesn't equal web". Each reads as a requirement a selector
// holds (In, NotIn) for every kind kunerva writes. Unread, "does not
// equal web" made "equal" the value (finder 6, S5) and "and tier does not
// equal web" was dropped, selecting more pods (S6). A verb not in the table
// ("never equals", "no longer equals") is left for labelWordsUnread to
// ask about.
var labelComparisons = []struct {
	words   []string
	negated bool
}{
	{[]string{"is", "equal", "to"}, false},
	{[]string{"equal", "to"}, false},
	{[]string{"equals"}, false},
	{[]string{"does", "not", "equal", "to"}, true},
	{[]string{"does", "not", "equal"}, true},
	{[]string{"doesn't", "equal", "to"}, true},
	{[]string{"doesn't", "equal"}, true},
	{[]string{"is", "not", "equal", "to"}, true},
	{[]string{"isn't", "equal", "to"}, true},
	{[]string{"not", "equal", "to"}, true},
}

// comparisonAt returns the end of a labelComparisons verb at k, or k.
func (p *parser) comparisonAt(k int) int {
	for _, c := range labelComparisons {
		if p.wordsAt(k, c.words...) {
			return k + len(c.words)
		}
	}
	return k
}

// negatedComparison reports whether the labelComparisons verb at k leaves
// its value out.
func (p *parser) negatedComparison(k int) bool {
	for _, c := range labelComparisons {
		if p.wordsAt(k, c.words...) {
			return c.negated
		}
	}
	return false
}

// valuesAt reads "is web or api", "in (web, api)", "is not dev", "not in (a,
// b)", "does not equal web" after the key at key; at is where the verb
// starts.
func (p *parser) valuesAt(key, at int, sel *metav1.LabelSelector) (int, bool) {
	k := at
	op := metav1.LabelSelectorOpIn
	if e := p.comparisonAt(k); e > k {
		if p.negatedComparison(k) {
			op = metav1.LabelSelectorOpNotIn
		}
		k = e
	} else {
		if p.is(k, "is", "equals", "=") {
			k++
		}
		if p.is(k, "not", "isn't") {
			op = metav1.LabelSelectorOpNotIn
			k++
		}
	}
	for p.is(k, "in", "one", "of", "either", "(") {
		k++
	}
	var values []string
	for k < len(p.toks) {
		// "whose app is not web and not api", "..., not api": the
		// negation said again before each value left out (finder W9).
		if len(values) > 0 && op == metav1.LabelSelectorOpNotIn && p.is(k, "not") && p.is(k-1, "and", ",") {
			k++
		}
		v := p.tok(k)
		// "whose tier is not frontend and not backend": a pod noun after
		// the values before it, at the end of the pods, is one more.
		podValue := len(values) > 0 && v != nil && podNouns[v.low] && !strings.HasSuffix(v.low, "s") && (k+1 >= len(p.toks) || p.toks[k+1].kind == tPunct || prepositions[p.word(k+1)])
		if v == nil || !(v.kind == tWord || v.kind == tNumber) || p.is(k, "or", "and", "nor", ")") || comparisonWords[v.low] || prepositions[v.low] || podNouns[v.low] && !podValue || reachVerbs[v.low] || allowWords[v.low] || denyWords[v.low] || namespaceWords[v.low] || fillerWords[v.low] && v.low != "one" {
			break
		}
		values = append(values, v.raw)
		k++
		if p.is(k, "or", ",", "nor") || p.is(k, "and") && op == metav1.LabelSelectorOpNotIn {
			// ("whose app is web, tier is front": "tier" opens a key.)
			n, m := p.tok(k+1), k+2
			if op == metav1.LabelSelectorOpNotIn && p.is(k, "and", ",") && p.is(k+1, "not") {
				n, m = p.tok(k+2), k+3
			}
			last := m >= len(p.toks) || p.toks[m].kind == tPunct || prepositions[p.word(m)]
			// ("where app equals web, except /etc/shadow.bak": "except"
			// opens an exception, no value; read as one, the label took
			// it (finder 6, S8).)
			if n != nil && n.kind == tWord && !httpRestExceptions[n.low] && !fillerWords[n.low] && !prepositions[n.low] && (!podNouns[n.low] || last && !strings.HasSuffix(n.low, "s")) && !p.is(m, "is", "isn't", "equals", "=") && p.comparisonAt(m) == m {
				k++
				continue
			}
		}
		break
	}
	if p.is(k, ")") {
		k++
	}
	if len(values) == 0 {
		return key, false
	}
	name := p.toks[key].raw
	if op == metav1.LabelSelectorOpIn && len(values) == 1 {
		if sel.MatchLabels == nil {
			sel.MatchLabels = map[string]string{}
		}
		sel.MatchLabels[name] = values[0]
	} else {
		sel.MatchExpressions = append(sel.MatchExpressions, metav1.LabelSelectorRequirement{Key: name, Operator: op, Values: values})
	}
	return k, true
}

func (p *parser) selectorResult(sel *metav1.LabelSelector, found bool, j int) (*metav1.LabelSelector, int) {
	if !found {
		return nil, j
	}
	return sel, j
}

// splitLabel splits k=v, k==v and k!=v.
func splitLabel(raw string) (key, op, value string) {
	if i := strings.Index(raw, "!="); i >= 0 {
		return raw[:i], "!=", raw[i+2:]
	}
	if i := strings.Index(raw, "=="); i >= 0 {
		return raw[:i], "=", raw[i+2:]
	}
	k, v, _ := strings.Cut(raw, "=")
	return k, "=", v
}
