package validate

import (
	"slices"
	"strings"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/labels"
	"k8s.io/apimachinery/pkg/selection"
	"k8s.io/apimachinery/pkg/util/sets"

	"github.com/kunerva/kunerva/internal/policy"
)

// namespaceNameLabel is the label the API server puts on every namespace.
const namespaceNameLabel = "kubernetes.io/metadata.name"

// selectorSite is one selector of a policy read for the tree: which pods it
// selects and which namespaces they may be in. Pod and namespace requirements
// are evaluated with the API machinery's label selectors, so matchLabels and
// matchExpressions (In, NotIn, Exists, DoesNotExist) mean what they mean to
// the API server.
type selectorSite struct {
	field  string // the selector's path, e.g. spec.ingress[0].from[1].podSelector
	peer   bool   // a rule's peer rather than the policy's subject
	family policy.Family
	text   string     // the pod requirements, e.g. app=checkout; "" selects every pod
	pods   podMatcher // nil when opaque
	reqs   []labelReq // the pod requirements, to rank candidates

	// Where the pods may be. nsNames confines them to namespaces by name
	// (the policy's own, or kubernetes.io/metadata.name = or In); nsSel
	// further requires namespace labels. Neither: every namespace.
	nsNames []string
	nsSel   labels.Selector
	// nsField is where the selector names namespaces; "" when it names none
	// (the policy's own namespace is implied).
	nsField string
	nsOnly  bool // a NetworkPolicy peer with a namespaceSelector alone

	// opaque is set when the selector uses labels the tree cannot know
	// (Cilium's reserved: entities, service accounts) or does not parse:
	// the schema and dry-run stages report the latter.
	opaque bool
}

type podMatcher interface {
	Matches(labels.Labels) bool
}

// labelReq is one pod requirement, reduced to what ranking candidates needs.
type labelReq struct {
	key    string
	values []string
}

// key identifies which pods a site selects, for comparing subjects.
func (s *selectorSite) key() string { return s.nsKey() + "|" + s.text }

// nsKey identifies the namespaces a site selects pods in.
func (s *selectorSite) nsKey() string {
	ns := "*"
	if s.nsNames != nil {
		ns = strings.Join(s.nsNames, ",")
	}
	if s.nsSel != nil {
		ns += "|" + s.nsSel.String()
	}
	return ns
}

// describe names the pods for a message: "app=db", or "every pod".
func (s *selectorSite) describe() string {
	if s.text == "" {
		return "every pod"
	}
	return s.text
}

// yamlLabelSelector reads a selector as written into the API type.
func yamlLabelSelector(v any) *metav1.LabelSelector {
	m := yamlMap(v)
	ls := &metav1.LabelSelector{}
	for k, val := range yamlMap(m["matchLabels"]) {
		if ls.MatchLabels == nil {
			ls.MatchLabels = map[string]string{}
		}
		ls.MatchLabels[k] = yamlString(val)
	}
	for _, e := range yamlList(m["matchExpressions"]) {
		em := yamlMap(e)
		r := metav1.LabelSelectorRequirement{
			Key:      yamlString(em["key"]),
			Operator: metav1.LabelSelectorOperator(yamlString(em["operator"])),
		}
		for _, x := range yamlList(em["values"]) {
			r.Values = append(r.Values, yamlString(x))
		}
		ls.MatchExpressions = append(ls.MatchExpressions, r)
	}
	return ls
}

// setPods sets the pod requirements from a selector; false when it does not
// parse.
func (s *selectorSite) setPods(ls *metav1.LabelSelector) bool {
	sel, err := metav1.LabelSelectorAsSelector(ls)
	if err != nil {
		s.opaque = true
		return false
	}
	s.pods = sel
	s.text = sel.String()
	reqs, _ := sel.Requirements()
	for _, r := range reqs {
		s.reqs = append(s.reqs, labelReq{key: r.Key(), values: r.Values().List()})
	}
	return true
}

// setNamespaces sets the namespace requirements from a selector over
// namespace labels (kubernetes.io/metadata.name among them).
func (s *selectorSite) setNamespaces(ls *metav1.LabelSelector, field string) {
	sel, err := metav1.LabelSelectorAsSelector(ls)
	if err != nil {
		s.opaque = true
		return
	}
	if sel.Empty() {
		return
	}
	s.nsSel, s.nsField = sel, field
	reqs, _ := sel.Requirements()
	for _, r := range reqs {
		switch r.Operator() {
		case selection.Equals, selection.DoubleEquals, selection.In:
		default:
			continue
		}
		if r.Key() != namespaceNameLabel {
			continue
		}
		names := r.Values().List()
		if s.nsNames != nil {
			names = slices.DeleteFunc(names, func(n string) bool { return !slices.Contains(s.nsNames, n) })
		}
		s.nsNames = names
	}
}

// podSite is a NetworkPolicy's spec.podSelector: pods of its namespace.
func (p *checkedPolicy) podSite(field string, v any) *selectorSite {
	s := &selectorSite{field: field, family: p.family, nsNames: []string{p.namespace}}
	s.setPods(yamlLabelSelector(v))
	return s
}

// networkPeerSite is a NetworkPolicy peer: podSelector and/or
// namespaceSelector. Without a namespaceSelector the pods are in the
// policy's namespace; namespaceSelector {} means every namespace.
func (p *checkedPolicy) networkPeerSite(field string, peer map[string]any) *selectorSite {
	s := &selectorSite{field: field + ".podSelector", peer: true, family: policy.FamilyNetworkPolicy}
	pods, hasPods := peer["podSelector"]
	if !hasPods {
		s.field, s.nsOnly = field+".namespaceSelector", true
	}
	s.setPods(yamlLabelSelector(pods))
	if ns, ok := peer["namespaceSelector"]; ok {
		s.setNamespaces(yamlLabelSelector(ns), field+".namespaceSelector")
	} else {
		s.nsNames = []string{p.namespace}
	}
	return s
}

// ciliumKey says what a Cilium selector key is about: a pod label
// (k8s:app and app both select pod label app), a namespace label
// (k8s:io.kubernetes.pod.namespace is the namespace's name,
// k8s:io.cilium.k8s.namespace.labels.team its label team), or something the
// tree does not know (ok false: reserved: entities, service accounts,
// clusters).
func ciliumKey(k string) (key string, namespace, ok bool) {
	source, k := policy.CiliumLabelKey(k)
	if source != "" && source != "k8s" && source != "any" {
		return "", false, false
	}
	switch {
	case k == policy.CiliumNamespace:
		return namespaceNameLabel, true, true
	case strings.HasPrefix(k, policy.CiliumNamespaceLabels):
		return strings.TrimPrefix(k, policy.CiliumNamespaceLabels), true, true
	case strings.HasPrefix(k, "io.cilium.") || strings.HasPrefix(k, "io.kubernetes."):
		return "", false, false
	}
	return k, false, true
}

// ciliumSite is an endpointSelector or a from/toEndpoints item. Cilium
// confines a namespaced policy's subject to its namespace, and its peers too
// unless they name a namespace or namespace labels; a cluster-wide policy's
// selectors span every namespace unless they name one.
func (p *checkedPolicy) ciliumSite(field string, v any, peer bool) *selectorSite {
	s := &selectorSite{field: field, peer: peer, family: policy.FamilyCilium}
	written := yamlLabelSelector(v)
	pods, ns := &metav1.LabelSelector{}, &metav1.LabelSelector{}
	for k, val := range written.MatchLabels {
		key, isNS, ok := ciliumKey(k)
		if !ok {
			s.opaque = true
			continue
		}
		to := pods
		if isNS {
			to = ns
		}
		if to.MatchLabels == nil {
			to.MatchLabels = map[string]string{}
		}
		to.MatchLabels[key] = val
	}
	for _, e := range written.MatchExpressions {
		key, isNS, ok := ciliumKey(e.Key)
		if !ok {
			s.opaque = true
			continue
		}
		e.Key = key
		if isNS {
			ns.MatchExpressions = append(ns.MatchExpressions, e)
		} else {
			pods.MatchExpressions = append(pods.MatchExpressions, e)
		}
	}
	if s.opaque || !s.setPods(pods) {
		return s
	}
	s.setNamespaces(ns, field)
	if p.namespace != "" && (!peer || s.nsSel == nil) {
		// Cilium puts a namespaced policy's subject in its namespace, and
		// its peers too unless they name a namespace or namespace labels.
		s.nsNames = []string{p.namespace}
		if !peer {
			s.nsField = ""
		}
	}
	return s
}

// kubeArmorSite is a KubeArmor selector. matchLabels must all be on the
// pod; matchExpressions with key label take "k=v" values and key namespace
// (cluster policies) namespace names. KubeArmor's own matching of label
// expressions is read permissively (In: any of the labels; NotIn: not all of
// them), so a finding that the selector selects nothing holds whichever way
// KubeArmor reads them.
func (p *checkedPolicy) kubeArmorSite(field string, v any) *selectorSite {
	s := &selectorSite{field: field, family: policy.FamilyKubeArmor}
	written := yamlLabelSelector(v)
	m := kubeArmorMatcher{all: labels.SelectorFromSet(written.MatchLabels)}
	var text []string
	if len(written.MatchLabels) > 0 {
		text = append(text, labelsText(written.MatchLabels))
	}
	for k, val := range written.MatchLabels {
		s.reqs = append(s.reqs, labelReq{key: k, values: []string{val}})
	}
	var nsIn, nsNotIn []string
	for _, e := range written.MatchExpressions {
		in := e.Operator == metav1.LabelSelectorOpIn
		if !in && e.Operator != metav1.LabelSelectorOpNotIn {
			s.opaque = true
			continue
		}
		switch e.Key {
		case "namespace":
			if in {
				nsIn = append(nsIn, e.Values...)
			} else {
				nsNotIn = append(nsNotIn, e.Values...)
			}
		case "label":
			g := labelGroup{in: in}
			for _, kv := range e.Values {
				k, v, ok := strings.Cut(kv, "=")
				if !ok {
					s.opaque = true
					continue
				}
				g.sets = append(g.sets, labels.Set{k: v})
				s.reqs = append(s.reqs, labelReq{key: k, values: []string{v}})
			}
			m.groups = append(m.groups, g)
			text = append(text, "label "+strings.ToLower(string(e.Operator))+" ("+strings.Join(e.Values, ",")+")")
		default:
			s.opaque = true
		}
	}
	s.pods, s.text = m, strings.Join(text, ",")
	switch {
	case p.namespace != "":
		s.nsNames = []string{p.namespace}
	case len(nsIn) > 0:
		s.nsNames, s.nsField = sets.List(sets.New(nsIn...)), field
	}
	if len(nsNotIn) > 0 {
		r, err := labels.NewRequirement(namespaceNameLabel, selection.NotIn, nsNotIn)
		if err != nil {
			s.opaque = true
			return s
		}
		s.nsSel = labels.NewSelector().Add(*r)
	}
	return s
}

type kubeArmorMatcher struct {
	all    labels.Selector
	groups []labelGroup
}

// labelGroup is one label expression of a KubeArmor selector.
type labelGroup struct {
	in   bool
	sets []labels.Set
}

func (m kubeArmorMatcher) Matches(l labels.Labels) bool {
	if !m.all.Matches(l) {
		return false
	}
	for _, g := range m.groups {
		n := 0
		for _, set := range g.sets {
			if labels.SelectorFromSet(set).Matches(l) {
				n++
			}
		}
		if g.in && n == 0 || !g.in && n == len(g.sets) {
			return false
		}
	}
	return true
}
