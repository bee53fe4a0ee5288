package validate

import (
	"cmp"
	"fmt"
	"maps"
	"slices"
	"strings"

	"k8s.io/apimachinery/pkg/labels"
	"k8s.io/apimachinery/pkg/selection"

	"github.com/kunerva/kunerva/internal/policy"
	"github.com/kunerva/kunerva/internal/spelling"
	"github.com/kunerva/kunerva/internal/tree"
)

// checkSelectors reports subject and peer selectors that select no workload
// of the tree. Only selectors the tree can judge are checked: those confined
// to namespaces the tree has (by name, or by namespace labels that match
// namespaces the tree declares). A peer in a namespace outside the tree
// (kube-system's kube-dns) or in every namespace is not a finding: pods the
// tree does not show may match it.
func (c *checker) checkSelectors(p *checkedPolicy) {
	for _, spec := range p.specs {
		if spec.subject != nil {
			c.checkSelector(spec.subject)
		}
		for _, r := range spec.rules {
			for _, s := range r.peers {
				if !s.nsOnly {
					c.checkSelector(s)
				}
			}
		}
	}
}

// scope is where in the tree a selector may select pods.
type scope struct {
	namespaces []tree.Namespace
	judged     bool // the tree knows every namespace the selector may select pods in
}

func (c *checker) scopeOf(s *selectorSite) scope {
	var sc scope
	switch {
	case s.opaque:
	case len(s.nsNames) > 0:
		sc.judged = true
		for _, name := range s.nsNames {
			ns, ok := c.tree.Namespace(name)
			if !ok {
				sc.judged = false
				continue
			}
			if s.nsSel == nil || s.nsSel.Matches(namespaceLabels(ns)) {
				sc.namespaces = append(sc.namespaces, ns)
			}
		}
	case s.nsNames == nil && s.nsSel != nil && positive(s.nsSel):
		for _, ns := range c.tree.Namespaces {
			if ns.Declared && s.nsSel.Matches(namespaceLabels(ns)) {
				sc.namespaces = append(sc.namespaces, ns)
			}
		}
	}
	if len(sc.namespaces) == 0 {
		sc.judged = false // the namespace check reports namespaces the tree lacks
	}
	return sc
}

// positive reports whether a selector requires some label to be there: one
// that only rules namespaces out (NotIn, DoesNotExist) also selects every
// namespace outside the tree.
func positive(sel labels.Selector) bool {
	reqs, _ := sel.Requirements()
	for _, r := range reqs {
		switch r.Operator() {
		case selection.Equals, selection.DoubleEquals, selection.In, selection.Exists:
			return true
		}
	}
	return false
}

// namespaceLabels are a namespace's labels as selectors see them: with the
// kubernetes.io/metadata.name label the API server adds.
func namespaceLabels(ns tree.Namespace) labels.Set {
	set := labels.Set{namespaceNameLabel: ns.Name}
	maps.Copy(set, ns.Labels)
	set[namespaceNameLabel] = ns.Name
	return set
}

// selected returns the workloads in the namespaces whose pods m selects.
func (c *checker) selected(m podMatcher, namespaces []tree.Namespace) []tree.Workload {
	var ws []tree.Workload
	for _, w := range c.tree.Workloads {
		if slices.ContainsFunc(namespaces, func(ns tree.Namespace) bool { return ns.Name == w.Namespace }) &&
			m.Matches(labels.Set(w.PodLabels)) {
			ws = append(ws, w)
		}
	}
	return ws
}

// judgedSelection returns the workloads a selector selects, and false when
// the tree cannot judge it.
func (c *checker) judgedSelection(s *selectorSite) ([]tree.Workload, bool) {
	sc := c.scopeOf(s)
	if !sc.judged {
		return nil, false
	}
	return c.selected(s.pods, sc.namespaces), true
}

func (c *checker) checkSelector(s *selectorSite) {
	sc := c.scopeOf(s)
	if !sc.judged || len(c.selected(s.pods, sc.namespaces)) > 0 {
		return
	}
	msg := fmt.Sprintf("%s selects no workload in %s", s.describe(), namespacesText(sc.namespaces))
	if elsewhere := c.selected(s.pods, c.otherNamespaces(sc.namespaces)); len(elsewhere) > 0 {
		w := elsewhere[0]
		c.errorf(checkSelector, s.field, "%s, but %s has those labels: %s", msg, workloadRef(w), namespaceHint(s, w.Namespace))
		return
	}
	if near := c.nearest(s, sc.namespaces); len(near) > 0 {
		c.errorf(checkSelector, s.field, "%s; nearest: %s: select the pods by labels they carry", msg, joinAnd(near))
		return
	}
	c.errorf(checkSelector, s.field, "%s; %s", msg, c.workloadsIn(sc.namespaces))
}

func (c *checker) otherNamespaces(except []tree.Namespace) []tree.Namespace {
	return slices.DeleteFunc(slices.Clone(c.tree.Namespaces), func(ns tree.Namespace) bool {
		return slices.ContainsFunc(except, func(e tree.Namespace) bool { return e.Name == ns.Name })
	})
}

// namespaceHint says how to reach pods in namespace ns.
func namespaceHint(s *selectorSite, ns string) string {
	switch {
	case s.nsField != "":
		return fmt.Sprintf("the selector's namespace requirements (%s) leave out namespace %s", s.nsField, ns)
	case !s.peer:
		return fmt.Sprintf("a policy only selects pods in its own namespace; put it in namespace %s", ns)
	case s.family == policy.FamilyCilium:
		return fmt.Sprintf("add k8s:%s: %s to the selector", policy.CiliumNamespace, ns)
	}
	return fmt.Sprintf("add namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: %s}} to the peer", ns)
}

// nearest ranks the workloads in the namespaces by how close their labels
// are to the selector's requirements and returns the best few, as the
// labels that would select them.
func (c *checker) nearest(s *selectorSite, namespaces []tree.Namespace) []string {
	type candidate struct {
		w     tree.Workload
		score int
	}
	var cs []candidate
	for _, w := range c.selected(labels.Everything(), namespaces) {
		if n := closeness(s.reqs, w.PodLabels); n >= 2 {
			cs = append(cs, candidate{w, n})
		}
	}
	slices.SortStableFunc(cs, func(a, b candidate) int { return cmp.Compare(b.score, a.score) })
	var out []string
	for i, cand := range cs {
		if i == 3 {
			break
		}
		out = append(out, fmt.Sprintf("%s (%s)", selectorLabels(cand.w), workloadRef(cand.w)))
	}
	return out
}

// closeness scores how near pod labels come to requirements: for each
// requirement its best label counts 4 for the same key and value, 3 for the
// value under another key (app=checkout against
// app.kubernetes.io/name=checkout) or a value one or two edits away under
// the same key, 2 for such a value under another key, 1 for the key alone.
func closeness(reqs []labelReq, podLabels map[string]string) int {
	total := 0
	for _, r := range reqs {
		best := 0
		for k, v := range podLabels {
			n := 0
			sameKey := k == r.key
			switch {
			case slices.Contains(r.values, v) && sameKey:
				n = 4
			case slices.Contains(r.values, v):
				n = 3
			case slices.ContainsFunc(r.values, func(want string) bool { return similar(want, v) }):
				n = 2
				if sameKey {
					n = 3
				}
			case sameKey:
				n = 1
			}
			best = max(best, n)
		}
		total += best
	}
	return total
}

// similar reports whether two values are one or two edits apart (a typo).
func similar(a, b string) bool {
	return len(a) > 3 && len(b) > 3 && spelling.Distance(a, b) <= 2
}

// workloadsIn lists the workloads of the namespaces with their labels.
func (c *checker) workloadsIn(namespaces []tree.Namespace) string {
	ws := c.selected(labels.Everything(), namespaces)
	if len(ws) == 0 {
		return "the tree has no workloads there"
	}
	var items []string
	for i, w := range ws {
		if i == 5 {
			items = append(items, fmt.Sprintf("%d more", len(ws)-5))
			break
		}
		items = append(items, fmt.Sprintf("%s (%s)", selectorLabels(w), workloadRef(w)))
	}
	return "the workloads there are " + joinAnd(items)
}

// selectorLabels are the labels that select a workload's pods: its
// spec.selector.matchLabels, or its pod labels when it has none.
func selectorLabels(w tree.Workload) string {
	if len(w.Selector) > 0 {
		return labelsText(w.Selector)
	}
	return labelsText(w.PodLabels)
}

func workloadRef(w tree.Workload) string {
	return w.Kind + " " + w.Namespace + "/" + w.Name
}

func namespacesText(namespaces []tree.Namespace) string {
	names := make([]string, len(namespaces))
	for i, ns := range namespaces {
		names[i] = ns.Name
	}
	if len(names) == 1 {
		return "namespace " + names[0]
	}
	return "namespaces " + strings.Join(names, ", ")
}
