package builtin

import (
	"strings"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// labelExpr parses label requirements joined by "and" or commas, starting at
// i (which may be an introducing word such as "labeled" or "with").
func (p *parser) labelExpr(i int) (*metav1.LabelSelector, int) {
	sel := &metav1.LabelSelector{}
	j := i
	found := false
	for j < len(p.toks) {
		start := j
		for p.is(j, "labeled", "labelled", "label", "labels", "with", "having", "matching", "carrying", "carry", "carries", "bear", "bears", "tagged", "where", "whose", "that", "which", "have", "has", "and", ",", "the", "a", "an", "selected", "by", "selector") {
			j++
		}
		t := p.tok(j)
		switch {
		case t != nil && t.kind == tLabel:
			k, v, _ := strings.Cut(t.raw, "=")
			v = strings.TrimPrefix(v, "=")
			if strings.HasSuffix(k, "!") {
				sel.MatchExpressions = append(sel.MatchExpressions, metav1.LabelSelectorRequirement{Key: strings.TrimSuffix(k, "!"), Operator: metav1.LabelSelectorOpNotIn, Values: []string{v}})
			} else {
				if sel.MatchLabels == nil {
					sel.MatchLabels = map[string]string{}
				}
				sel.MatchLabels[k] = v
			}
			j++
			// "tier=web or tier=api"
			for p.is(j, "or") && p.tok(j+1) != nil && p.tok(j+1).kind == tLabel {
				k2, v2, _ := strings.Cut(p.toks[j+1].raw, "=")
				if k2 != k {
					break
				}
				delete(sel.MatchLabels, k)
				sel.MatchExpressions = append(sel.MatchExpressions, metav1.LabelSelectorRequirement{Key: k, Operator: metav1.LabelSelectorOpIn, Values: []string{v, v2}})
				j += 2
			}
			found = true
		case t != nil && (p.is(j, "without", "no", "lack", "lacking") || p.is(j, "do", "does", "don't", "doesn't", "not") && p.is(j+1, "not", "have")):
			// "without a canary label", "no canary label", "that do not have a canary label"
			k := j + 1
			for p.is(k, "not", "have", "a", "an", "the", "any") {
				k++
			}
			key := p.tok(k)
			if key == nil || !p.is(k+1, "label") {
				return p.result(sel, found, start)
			}
			sel.MatchExpressions = append(sel.MatchExpressions, metav1.LabelSelectorRequirement{Key: key.raw, Operator: metav1.LabelSelectorOpDoesNotExist})
			j = k + 2
			found = true
		case t != nil && t.kind == tWord && p.is(j+1, "label") && p.is(j+2, "is", "in", "not"):
			// "whose env label is not prod": read as "label env is not prod"
			p.toks[j], p.toks[j+1] = p.toks[j+1], p.toks[j]
		case t != nil && t.kind == tWord && p.is(j+1, "label") && j > start && p.is(j-1, "a", "an", "the"):
			// "with a canary label"
			sel.MatchExpressions = append(sel.MatchExpressions, metav1.LabelSelectorRequirement{Key: t.raw, Operator: metav1.LabelSelectorOpExists})
			j += 2
			found = true
		case t != nil && t.kind == tWord && j > start && p.is(j+1, "is", "in", "not", "of"):
			// "whose tier is web or api", "tier in (web, api)", "env is not dev", "tier not in (a, b)"
			k := j + 1
			op := metav1.LabelSelectorOpIn
			if p.is(k, "is") {
				k++
			}
			if p.is(k, "not") || p.is(k, "isn't") {
				op = metav1.LabelSelectorOpNotIn
				k++
			}
			if p.is(k, "in", "one", "of", "either") {
				for p.is(k, "in", "one", "of", "either") {
					k++
				}
			}
			var values []string
			for k < len(p.toks) {
				if v := p.tok(k); v != nil && (v.kind == tWord || v.kind == tNumber) && !p.is(k, "or", "and", "nor") && !prepositions[v.low] && !podNouns[v.low] && !reachVerbs[v.low] && !allowWords[v.low] && !denyWords[v.low] {
					values = append(values, v.raw)
					k++
					if p.is(k, "or", ",", "nor") || (p.is(k, "and") && op == metav1.LabelSelectorOpNotIn) {
						if n := p.tok(k + 1); n != nil && n.kind == tWord && !keyword(n.low) {
							k++
							continue
						}
					}
				}
				break
			}
			if len(values) == 0 {
				return p.result(sel, found, start)
			}
			if op == metav1.LabelSelectorOpIn && len(values) == 1 {
				if sel.MatchLabels == nil {
					sel.MatchLabels = map[string]string{}
				}
				sel.MatchLabels[t.raw] = values[0]
			} else {
				sel.MatchExpressions = append(sel.MatchExpressions, metav1.LabelSelectorRequirement{Key: t.raw, Operator: op, Values: values})
			}
			j = k
			found = true
		default:
			return p.result(sel, found, start)
		}
	}
	return p.result(sel, found, j)
}

func (p *parser) result(sel *metav1.LabelSelector, found bool, j int) (*metav1.LabelSelector, int) {
	if !found {
		return nil, j
	}
	return sel, j
}
