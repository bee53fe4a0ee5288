package connectivity

import (
	"fmt"
	"slices"
	"strings"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/kunerva/kunerva/internal/tree"
)

// Explanation is a plain-English account of one policy object.
type Explanation struct {
	Object    string   // "NetworkPolicy payments/default-deny"
	Selects   []string // the tree's workloads it applies to, as namespace/name
	Sentences []string
}

// Text is the explanation as lines: the object, what it selects, then its
// sentences.
func (x Explanation) Text(withTree bool) string {
	var b strings.Builder
	b.WriteString(x.Object + "\n")
	if withTree {
		if len(x.Selects) == 0 {
			b.WriteString("  It selects no workload of the tree.\n")
		} else {
			b.WriteString("  It selects " + strings.Join(x.Selects, ", ") + ".\n")
		}
	}
	for _, s := range x.Sentences {
		b.WriteString("  " + s + "\n")
	}
	return b.String()
}

// Explain says in plain English what any policy of the six kinds does,
// written by kunerva or not, and which workloads of t it selects (t may be
// nil).
func Explain(t *tree.Tree, o tree.Object) (Explanation, error) {
	if t == nil {
		t = &tree.Tree{}
	}
	x := Explanation{Object: o.Kind + " " + o.Name}
	if o.Namespace != "" {
		x.Object = o.Kind + " " + o.Namespace + "/" + o.Name
	}
	var err error
	switch o.Kind {
	case "NetworkPolicy":
		x.Sentences, err = explainNetworkPolicy(o)
	case "CiliumNetworkPolicy", "CiliumClusterwideNetworkPolicy":
		x.Sentences, err = explainCilium(o)
	default:
		if !isPolicy(o) {
			return x, fmt.Errorf("%s is not a policy kunerva reads: NetworkPolicy, CiliumNetworkPolicy, CiliumClusterwideNetworkPolicy, KubeArmorPolicy, KubeArmorClusterPolicy or KubeArmorHostPolicy", ref(o))
		}
		return explainKubeArmor(t, o)
	}
	if err != nil {
		return x, err
	}
	m := &Model{tree: t, policies: []tree.Object{o}}
	if err := m.parse(); err != nil {
		return x, err
	}
	for _, e := range m.workloads {
		if len(m.selecting(e)) > 0 {
			x.Selects = append(x.Selects, e.peer.String())
		}
	}
	return x, nil
}

// selectorText says what a label selector selects: "pods labeled app=web",
// "pods whose tier is in (a, b)"; what is "pods" (or "namespaces").
func selectorText(s *metav1.LabelSelector, what string) string {
	if s == nil || len(s.MatchLabels) == 0 && len(s.MatchExpressions) == 0 {
		return "every " + strings.TrimSuffix(what, "s")
	}
	var parts []string
	if len(s.MatchLabels) > 0 {
		keys := make([]string, 0, len(s.MatchLabels))
		for k := range s.MatchLabels {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		var kv []string
		for _, k := range keys {
			kv = append(kv, k+"="+s.MatchLabels[k])
		}
		parts = append(parts, what+" labeled "+strings.Join(kv, ","))
	}
	for _, e := range s.MatchExpressions {
		var c string
		switch e.Operator {
		case metav1.LabelSelectorOpIn:
			c = fmt.Sprintf("whose label %s is one of %s", e.Key, strings.Join(e.Values, ", "))
		case metav1.LabelSelectorOpNotIn:
			c = fmt.Sprintf("whose label %s is none of %s", e.Key, strings.Join(e.Values, ", "))
		case metav1.LabelSelectorOpExists:
			c = "that have the label " + e.Key
		case metav1.LabelSelectorOpDoesNotExist:
			c = "that do not have the label " + e.Key
		default:
			c = fmt.Sprintf("matching %s %s %v", e.Key, e.Operator, e.Values)
		}
		if len(parts) == 0 {
			parts = append(parts, what+" "+c)
		} else {
			parts = append(parts, c)
		}
	}
	return strings.Join(parts, " and ")
}

// portsText says which ports a rule is about: "on 8443/TCP and 9090/TCP",
// "" for every port.
func portsText(ports []portMatch) string {
	if len(ports) == 0 {
		return ""
	}
	var out []string
	for _, p := range ports {
		var s string
		switch {
		case p.protocol == "ICMP":
			out = append(out, "ICMP")
			continue
		case p.name != "":
			s = "port " + p.name
		case p.number == 0:
			s = "every port"
		case p.end > p.number:
			s = fmt.Sprintf("ports %d-%d", p.number, p.end)
		default:
			s = fmt.Sprint(p.number)
		}
		if p.protocol != "" && p.protocol != "ANY" {
			s += "/" + p.protocol
		}
		out = append(out, s)
	}
	return " on " + joinAnd(out)
}

// joinAnd joins with commas and a final "and".
func joinAnd(items []string) string {
	if len(items) < 2 {
		return strings.Join(items, "")
	}
	return strings.Join(items[:len(items)-1], ", ") + " and " + items[len(items)-1]
}

// joinOr joins with commas and a final "or".
func joinOr(items []string) string {
	if len(items) < 2 {
		return strings.Join(items, "")
	}
	return strings.Join(items[:len(items)-1], ", ") + " or " + items[len(items)-1]
}
