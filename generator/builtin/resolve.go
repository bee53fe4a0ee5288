package builtin

import (
	"cmp"
	"fmt"
	"maps"
	"slices"
	"sort"
	"strings"

	"k8s.io/apimachinery/pkg/api/equality"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/util/validation"

	"github.com/kunerva/kunerva/generator"
	"github.com/kunerva/kunerva/internal/spelling"
	"github.com/kunerva/kunerva/internal/tree"
)

// resolve turns a pod or namespace endpoint into a peer: a name becomes the
// labels of the workload (or Service) it names in the tree, or, with
// --assume-app-label, the label app=NAME.
func (p *parser) resolve(ep *endpoint, contextNS string) (peerV, error) {
	if ep.ask != "" {
		return peerV{}, p.refuse(ep.ask, generator.ExampleNetwork)
	}
	v := peerV{peer: generator.Peer{Pods: ep.pods, Namespace: ep.namespace, Namespaces: ep.namespaces}}
	if ep.pods != nil {
		v.add(p.origin("pods", ep.podsMark))
	}
	if ep.namespace != "" {
		v.add(p.origin("namespace", ep.nsMark))
		if err := p.checkNamespace(ep.namespace); err != nil {
			return peerV{}, err
		}
	}
	if ep.namespaces != nil {
		v.add(p.origin("namespaces", ep.nssMark))
	}
	if ep.sameNS {
		v.peer.Namespace = contextNS
		v.add(p.origin("namespace", ep.nsMark))
	}
	if ep.kind == epNamespace {
		if ep.namespace == "" && ep.namespaces == nil {
			// "its pods may reach app=db": nothing before it for "its" to
			// point back to.
			if !ep.sameNS && ep.podsMark != nil && p.is(ep.podsMark.start, "its", "their") && !p.namedBefore(ep.podsMark.start) {
				return peerV{}, p.refuse(fmt.Sprintf("whose pods are %q? Name the namespace or the pods (\"every pod in namespace shop\", \"the app=web pods\")", p.text(ep.podsMark.start, ep.podsMark.end)), generator.ExampleNetwork)
			}
			// "any pod", "every pod in it": in the subject's namespace.
			v.peer.Pods = &metav1.LabelSelector{}
			m := ep.podsMark
			if m == nil {
				m = cmp.Or(ep.nsMark, &mark{ep.start, ep.end, "pods"})
			}
			v.add(p.origin("pods", m))
			if ep.sameNS {
				v.peer.Namespace = ""
				v.drop("namespace")
			}
			return v, nil
		}
		v.peer.Name = ep.namespace
		if ep.podsMark != nil && ep.pods == nil {
			// "every pod in namespace x" is the namespace's pods: no selector beyond it.
			v.add(p.origin("namespace", ep.podsMark))
		}
		return v, nil
	}
	if ep.pods != nil {
		if err := p.namespaceLabelAsPods(ep.pods, ep.namespace); err != nil {
			return peerV{}, err
		}
		v.peer.Name = generator.SelectorName(ep.pods)
		return v, nil
	}
	name := ep.name
	// "I have hello-web (label app=hello) ... in the web namespace. I want
	// hello-web to be reachable ...": a name a sentence of setting defined.
	if d, ok := p.clause.defs[name]; ok && p.tree == nil {
		// "Allow the web pods in namespace prod ... The web pods are
		// app=web in namespace shop": two places for the same pods.
		if ep.namespace != "" && d.namespace != "" && ep.namespace != d.namespace {
			return peerV{}, p.refuse(fmt.Sprintf("the request puts the %s pods in namespace %s and in namespace %s; which namespace are they in?", name, d.namespace, ep.namespace),
				fmt.Sprintf("the %s pods in namespace %s", name, d.namespace))
		}
		v.peer.Pods, v.peer.Name = d.pods, name
		o := p.origin("pods", ep.nameMark)
		o.Rule = "defined-before"
		v.add(o)
		for _, x := range d.origins {
			if x.Field == "pods" || ep.namespace == "" {
				v.add(x)
			}
		}
		if ep.namespace == "" && d.namespace != "" {
			v.peer.Namespace = d.namespace
		}
		return v, nil
	}
	// "let ingress-nginx reach Grafana. ... the grafana pods
	// (app.kubernetes.io/name: grafana)": labels the request gives with the
	// name as their value are the name's.
	if t, ok := p.labelNamed(name); ok {
		key, value, _ := strings.Cut(t.raw, "=")
		v.peer.Pods, v.peer.Name = &metav1.LabelSelector{MatchLabels: map[string]string{key: value}}, name
		o := p.origin("pods", ep.nameMark)
		o.Rule = "named-by-its-labels"
		v.add(o, generator.Origin{Field: "pods", From: generator.FromRequest, Start: t.start, End: t.end, Text: p.request[t.start:t.end], Rule: "labels-said-elsewhere"})
		return v, nil
	}
	// "the replication pods (app=redis-replication) need to accept 6379
	// ... from the other replication pods": labels the request gave the
	// name where it described it before are the name's.
	if sel, o, ok := p.describedElsewhere(name, p.origin("pods", ep.nameMark).Start); ok {
		v.peer.Pods, v.peer.Name = sel, name
		n := p.origin("pods", ep.nameMark)
		n.Rule = "named-where-described"
		v.add(n, o)
		return v, nil
	}
	// "pods in namespace shop-dmz may only send to the shop-app and
	// shop-mem namespaces and to kube-system": a bare name that is a
	// namespace every cluster has (wellKnownNamespaces), with no pod noun,
	// kind of workload or namespace beside it, names no workload: it is
	// that namespace, as "the kube-system namespace" would be. ("the
	// kube-system pods", "kube-system in namespace x" still resolve as names.)
	if wellKnownNamespaces[name] && !ep.noun && ep.workload == "" && ep.namespace == "" {
		v.peer.Namespace, v.peer.Name = name, name
		o := p.origin("namespace", ep.nameMark)
		o.Rule = "well-known-namespace"
		v.add(o)
		return v, nil
	}
	if p.tree == nil {
		if !p.opts.AssumeAppLabel {
			return peerV{}, p.refuse(fmt.Sprintf("which labels do the %q pods carry? Without --tree a request must give labels", name),
				fmt.Sprintf("pods labeled app=%s (or pass --tree DIR, or --assume-app-label to read %q as app=%s)", name, name, name))
		}
		v.peer.Pods = &metav1.LabelSelector{MatchLabels: map[string]string{"app": name}}
		v.peer.Name = name
		o := p.origin("pods.matchLabels.app", ep.nameMark)
		o.Rule = "app-label"
		v.add(o)
		if ep.workload == "Service" {
			p.notes = append(p.notes, fmt.Sprintf("the %s Service was taken as the pods labeled app=%s", name, name))
		}
		return v, nil
	}
	candidates := p.candidates(name, ep.workload)
	ns := ep.namespace
	if ns == "" {
		ns = contextNS
	}
	if ns == "" && p.opts.Namespace != "" && len(candidates) > 1 {
		ns = p.opts.Namespace
	}
	if ns != "" && len(candidates) > 1 {
		var inNS []candidate
		for _, c := range candidates {
			if c.namespace == ns {
				inNS = append(inNS, c)
			}
		}
		// Only a namespace the request named rules candidates out; the
		// subject's namespace (or --namespace) merely prefers one. The
		// namespace of the pods the policy is for does not place a peer
		// the tree runs in two namespaces: "only the worker pods may reach
		// payments" (shop/worker and payments/worker) once took
		// payments/worker silently, while the KubeArmor form asks (finder
		// 14, S14); the engine asks here too.
		if ep.namespace != "" || contextNS == "" && len(inNS) > 0 {
			candidates = inNS
		}
	}
	// "allow egress from the payments pods to app=db in namespace data"
	// where the tree runs payments in namespace payments only: the
	// namespace said is not the one the pods run in (or belongs to the
	// other peer); the engine asks rather than keep either.
	if ep.namespace != "" && len(candidates) == 1 && candidates[0].namespace != ep.namespace {
		c := candidates[0]
		return peerV{}, p.refuse(fmt.Sprintf("the tree runs %q in namespace %s, and the request says namespace %s; which namespace are the %s pods in?", name, c.namespace, ep.namespace, name),
			fmt.Sprintf("the %s pods in namespace %s", name, c.namespace))
	}
	switch len(candidates) {
	case 0:
		return peerV{}, p.refuse(fmt.Sprintf("nothing in the tree is named %q%s (workloads: %s); which pods do you mean?", name, inNamespace(ns), strings.Join(p.nearest(name), ", ")), "pods labeled app="+name+" in namespace "+p.defaultNamespace())
	case 1:
		c := candidates[0]
		v.peer.Pods = &metav1.LabelSelector{MatchLabels: c.selector}
		v.peer.Namespace = c.namespace
		v.peer.Name = name
		v.add(p.origin("pods", ep.nameMark), treeOrigin("pods", fmt.Sprintf("%s %s/%s selects its pods by %s", c.kind, c.namespace, c.name, labelsText(c.selector))))
		if ep.namespace == "" {
			v.add(treeOrigin("namespace", fmt.Sprintf("%s %s runs in namespace %s", c.kind, c.name, c.namespace)))
		}
		return v, nil
	}
	var names []string
	for _, c := range candidates {
		names = append(names, c.String())
	}
	return peerV{}, p.refuse(fmt.Sprintf("%q is ambiguous: it matches %s; which one do you mean?", name, strings.Join(names, ", ")),
		fmt.Sprintf("the %s pods in namespace %s", name, candidates[0].namespace))
}

func labelsText(m map[string]string) string {
	var parts []string
	for k, v := range m {
		parts = append(parts, k+"="+v)
	}
	sort.Strings(parts)
	return strings.Join(parts, ",")
}

func inNamespace(ns string) string {
	if ns == "" {
		return ""
	}
	return " in namespace " + ns
}

type candidate struct {
	kind, name, namespace string
	selector              map[string]string
}

func (c candidate) String() string { return fmt.Sprintf("%s %s/%s", c.kind, c.namespace, c.name) }

// candidates finds the workloads (and, failing those, Services) a name refers to.
func (p *parser) candidates(name, kind string) []candidate {
	var out []candidate
	if kind != "Service" {
		for _, w := range p.tree.Lookup(name) {
			if kind != "" && kind != "Pod" && w.Kind != kind && !(kind == "Job" && w.Kind == "CronJob") {
				continue
			}
			out = append(out, candidate{kind: w.Kind, name: w.Name, namespace: w.Namespace, selector: w.Selector})
		}
	}
	if len(out) > 0 {
		return out
	}
	for _, s := range p.tree.Services {
		if strings.EqualFold(s.Name, name) && len(s.Selector) > 0 {
			out = append(out, candidate{kind: "Service", name: s.Name, namespace: s.Namespace, selector: s.Selector})
		}
	}
	return out
}

func (p *parser) lookupCount(name string) int {
	if p.tree == nil || name == "" {
		return 0
	}
	return len(p.candidates(name, ""))
}

func (p *parser) treeNamespace(name string) bool {
	if p.tree == nil {
		return false
	}
	_, ok := p.tree.Namespace(name)
	return ok
}

func (p *parser) treeHasWorkload(name string) bool { return p.lookupCount(name) > 0 }

func (p *parser) treeService(name string) bool {
	if p.tree == nil {
		return false
	}
	for _, s := range p.tree.Services {
		if strings.EqualFold(s.Name, name) {
			return true
		}
	}
	return false
}

func (p *parser) treeServiceIn(name, ns string) bool {
	for _, s := range p.tree.Services {
		if strings.EqualFold(s.Name, name) && s.Namespace == ns {
			return true
		}
	}
	return false
}

// nearest lists the tree's workload names, closest to name first.
func (p *parser) nearest(name string) []string {
	type scored struct {
		s string
		d int
	}
	var all []scored
	for _, w := range p.tree.Workloads {
		all = append(all, scored{w.Namespace + "/" + w.Name, spelling.Distance(name, w.Name)})
	}
	sort.SliceStable(all, func(i, j int) bool { return all[i].d < all[j].d })
	var out []string
	for i, s := range all {
		if i == 5 {
			break
		}
		out = append(out, s.s)
	}
	return out
}

func (p *parser) defaultNamespace() string {
	if p.opts.Namespace != "" {
		return p.opts.Namespace
	}
	return "default"
}

// defaultNamespaceOrigin says where the default namespace came from.
func (p *parser) defaultNamespaceOrigin(field string) generator.Origin {
	if p.opts.Namespace != "" {
		return defaultOrigin(field, "namespace-flag")
	}
	return defaultOrigin(field, "namespace-default")
}

// namespaceLabelAsPods asks, with a tree, about a pod label the tree shows
// on the namespace the request puts the pods in and on no pod of it: "only
// pods in namespace shop labeled env=prod may reach payments", where
// env=prod is namespace shop's own label, once became a pod label that
// selects no pod (finder 14, S14). The words may mean the namespace's label.
func (p *parser) namespaceLabelAsPods(pods *metav1.LabelSelector, ns string) error {
	if p.tree == nil || ns == "" || pods == nil {
		return nil
	}
	n, ok := p.tree.Namespace(ns)
	if !ok {
		return nil
	}
	for _, k := range slices.Sorted(maps.Keys(pods.MatchLabels)) {
		value := pods.MatchLabels[k]
		if got, ok := n.Labels[k]; !ok || got != value {
			continue
		}
		if slices.ContainsFunc(p.tree.Workloads, func(w tree.Workload) bool { return w.Namespace == ns && w.PodLabels[k] == value }) {
			continue
		}
		return p.refuse(fmt.Sprintf("the tree shows %s=%s on namespace %s and on none of its pods; is it the namespace's label (every pod in namespace %s), or a label of the pods?", k, value, ns, ns),
			fmt.Sprintf("every pod in namespace %s", ns))
	}
	return nil
}

func (p *parser) checkNamespace(ns string) error {
	if p.tree == nil {
		return nil
	}
	if _, ok := p.tree.Namespace(ns); !ok {
		var names []string
		for _, n := range p.tree.Namespaces {
			names = append(names, n.Name)
		}
		return p.refuse("the tree has no namespace "+quote(ns)+" (it has "+strings.Join(names, ", ")+"); which namespace do you mean?", "default deny ingress in namespace "+names[0])
	}
	return nil
}

// labelNamed finds the one label of the request whose value is name, as
// "app.kubernetes.io/name=grafana" is for "Grafana", or is name written
// with hyphens, as "app.kubernetes.io/name=juice-shop" is for "JuiceShop";
// with none, or several keys, there is none.
func (p *parser) labelNamed(name string) (token, bool) {
	var found token
	n := 0
	for _, t := range p.all {
		if t.kind != tLabel {
			continue
		}
		key, value, _ := strings.Cut(t.raw, "=")
		if !strings.EqualFold(value, name) && !strings.EqualFold(strings.ReplaceAll(value, "-", ""), name) {
			continue
		}
		if n == 0 || !strings.EqualFold(key, strings.SplitN(found.raw, "=", 2)[0]) {
			n++
		}
		found = t
	}
	return found, n == 1
}

// namespaceAfterLabel is the namespace said right after the token k: "L in
// namespace NAME", "L in the NAME namespace" or "L in NAME namespace"; ""
// when none.
func namespaceAfterLabel(toks []token, k int) string {
	at := func(i int) string {
		if k+i >= len(toks) {
			return ""
		}
		return toks[k+i].low
	}
	if at(1) != "in" {
		return ""
	}
	name := 3
	switch {
	case namespaceWords[at(2)]:
	case at(2) == "the" && namespaceWords[at(4)]:
	case namespaceWords[at(3)]:
		name = 2
	default:
		return ""
	}
	if w := toks[k+name]; w.kind == tWord && !namespaceStop[w.low] && len(validation.IsDNS1123Label(w.low)) == 0 {
		return w.low
	}
	return ""
}

// labelsPlacedElsewhere asks when a name took the labels the request gives
// elsewhere (labels-said-elsewhere) and those labels are said with a
// namespace that is not where the rule puts the pods: "network policies
// for allowing prometheus connectivity ... All pods in tenant-alpha must
// accept traffic from the pods labeled app.kubernetes.io/name=prometheus
// in the monitoring namespace" read "prometheus" as those labels in
// tenant-alpha, a second peer on any port (blind batch 26).
func labelsPlacedElsewhere(request string, toks []token, all []*generator.Intent) error {
	for _, x := range all {
		for _, o := range x.Origins {
			if o.Rule != "labels-said-elsewhere" {
				continue
			}
			k := slices.IndexFunc(toks, func(t token) bool { return t.start == o.Start })
			if k < 0 {
				continue
			}
			place := namespaceAfterLabel(toks, k)
			if place == "" {
				continue
			}
			ns := x.Subject.Namespace
			if o.Field != "subject.pods" && !strings.HasPrefix(o.Field, "subject.pods.") {
				var ri, pi int
				if _, err := fmt.Sscanf(o.Field, "network[%d].peers[%d]", &ri, &pi); err != nil || ri >= len(x.Network) || pi >= len(x.Network[ri].Peers) {
					continue
				}
				peer := x.Network[ri].Peers[pi]
				if peer.Namespaces != nil {
					continue
				}
				if peer.Namespace != "" {
					ns = peer.Namespace
				}
			}
			if ns != place {
				return &generator.NotUnderstoodError{Request: request, Understood: x.Summary(), Example: generator.ExampleFor(x),
					Missing: fmt.Sprintf("the request says %s in namespace %s, and a rule reads the same pods in namespace %s: which namespace are the pods in? Say the namespace where the rule names them", o.Text, place, ns)}
			}
		}
	}
	return nil
}

// describedElsewhere finds the labels the request gives a name where it
// describes it: the name, its pod nouns or workload kind, and labels alone
// in brackets, "the replication pods (app=redis-replication)", "the scraper
// deployment (app.kubernetes.io/name=metrics-scraper)", "backup/restore job
// pods (app.kubernetes.io/managed-by=kubestash.com)" (each word of a
// slash-joined pair). Only a description before the mention at byte
// offset at counts: a title that names the pods before the rule that
// describes them ("isolate MariaDB - default-deny ingress to the MariaDB
// pod (role: primary) ...") is no rule of its own. The origin is the
// labels' span. With no such place, or two that give different labels,
// there are none.
func (p *parser) describedElsewhere(name string, at int) (*metav1.LabelSelector, generator.Origin, bool) {
	toks := p.all
	q := newParser(p.request, clause{toks: toks}, p.opts)
	var found *metav1.LabelSelector
	var o generator.Origin
	for k, t := range toks {
		if t.end > at || t.kind != tWord || !slices.Contains(strings.Split(t.low, "/"), name) {
			continue
		}
		j := k + 1
		if workloadKinds[q.word(j)] != "" {
			j++
		}
		for podNouns[q.word(j)] {
			j++
		}
		if !q.is(j, "(") || q.tok(j+1) == nil || toks[j+1].kind != tLabel {
			continue
		}
		sel, e := q.selectorAt(j + 1)
		if sel == nil || !q.is(e, ")") {
			continue
		}
		if found != nil && !equality.Semantic.DeepEqual(found, sel) {
			return nil, generator.Origin{}, false
		}
		found = sel
		a, b := toks[j+1].start, toks[e-1].end
		o = generator.Origin{Field: "pods", From: generator.FromRequest, Start: a, End: b, Text: p.request[a:b], Rule: "labels-where-described"}
	}
	return found, o, found != nil
}

// namedBefore reports whether something a pronoun could stand for comes
// before token i: a clause before, labels, pods, a namespace or a name.
func (p *parser) namedBefore(i int) bool {
	if p.prev != nil {
		return true
	}
	for k := 0; k < i && k < len(p.toks); k++ {
		if p.toks[k].kind == tLabel || podNouns[p.word(k)] || namespaceWords[p.word(k)] || p.nameWord(k) {
			return true
		}
	}
	return false
}
