package builtin

import (
	"strings"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/kunerva/kunerva/generator"
)

// subjectFrom turns the endpoint that names the policy's subject into a Subject.
func (p *parser) subjectFrom(ep *endpoint) (generator.Subject, error) {
	switch ep.kind {
	case epCluster:
		return generator.Subject{Scope: generator.ScopeCluster}, nil
	case epNodes:
		return generator.Subject{Scope: generator.ScopeNodes, Nodes: ep.nodes}, nil
	case epNamespace:
		if ep.namespaces != nil {
			return generator.Subject{}, p.refuse("a policy applies in one namespace, not in namespaces selected by labels; name the namespace", "default deny ingress in namespace shop")
		}
		ns := ep.namespace
		if ns == "" {
			ns = p.defaultNamespace()
		}
		if err := p.checkNamespace(ns); err != nil {
			return generator.Subject{}, err
		}
		return generator.Subject{Scope: generator.ScopePods, Namespace: ns}, nil
	case epPods, epService:
		peer, err := p.resolve(ep, "")
		if err != nil {
			return generator.Subject{}, err
		}
		ns := peer.Namespace
		if ns == "" {
			ns = p.defaultNamespace()
		}
		if ep.anyNS || peer.Namespaces != nil {
			return generator.Subject{}, p.refuse("a namespaced policy applies in one namespace; for every namespace say \"cluster-wide\"", generator.ExampleNetwork)
		}
		return generator.Subject{Scope: generator.ScopePods, Namespace: ns, Pods: peer.Pods, Name: peer.Name}, nil
	}
	return generator.Subject{}, p.refuse("the policy must apply to pods, a namespace, the cluster or nodes, not to "+ep.text, generator.ExampleNetwork)
}

func (p *parser) defaultNamespace() string {
	if p.opts.Namespace != "" {
		return p.opts.Namespace
	}
	return "default"
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
		return p.refuse("the tree has no namespace "+quote(ns)+" (it has "+strings.Join(names, ", ")+")", "default deny ingress in namespace "+names[0])
	}
	return nil
}

// systemSubject finds where a system rule applies: pods, a namespace, the
// cluster or nodes.
func (p *parser) systemSubject() (generator.Subject, error) {
	switch {
	case p.has("cluster-wide", "clusterwide", "everywhere") || p.hasPhrase("every", "namespace") || p.hasPhrase("all", "namespaces") || p.hasPhrase("across", "the", "cluster") || p.hasPhrase("in", "the", "cluster") || p.hasPhrase("any", "namespace"):
		s := generator.Subject{Scope: generator.ScopeCluster}
		s.Namespaces, s.ExceptNamespaces = p.namespaceList()
		if sel := p.labelsAnywhere(); sel != nil {
			s.Pods = sel
		}
		p.understood = append(p.understood, "applies to the whole cluster")
		return s, nil
	case p.hasPhrase("every", "node") || p.hasPhrase("all", "nodes") || p.hasPhrase("the", "nodes") || p.hasPhrase("the", "hosts") || p.hasPhrase("the", "host") || p.hasPhrase("each", "node") || p.hasPhrase("nodes", "labeled") || p.hasPhrase("every", "host") || p.hasPhrase("all", "hosts") || p.hasPhrase("node", "labeled") || p.hasPhrase("node", "labelled") || p.hasPhrase("nodes", "labelled"):
		s := generator.Subject{Scope: generator.ScopeNodes}
		if sel := p.labelsAnywhere(); sel != nil {
			s.Nodes = sel
		}
		p.understood = append(p.understood, "applies to nodes")
		return s, nil
	}
	if names, except := p.namespaceList(); len(names) > 0 {
		p.understood = append(p.understood, "applies to namespaces "+strings.Join(names, ", "))
		return generator.Subject{Scope: generator.ScopeCluster, Namespaces: names, ExceptNamespaces: except}, nil
	}
	var subjects []*endpoint
	for _, ep := range p.endpoints() {
		if ep.kind == epPods || ep.kind == epNamespace || ep.kind == epService {
			subjects = append(subjects, ep)
		}
	}
	if len(subjects) > 1 {
		// Descriptive words ("the crypto miner xmrig") are no subject: keep
		// the mentions that name pods for sure.
		var sure []*endpoint
		for _, ep := range subjects {
			if ep.pods != nil || ep.kind == epNamespace || ep.workload != "" || p.podNounAfter(ep) || p.treeHasWorkload(ep.name) {
				sure = append(sure, ep)
			}
		}
		if len(sure) == 1 {
			subjects = sure
		}
	}
	switch len(subjects) {
	case 0:
		if p.fallback != nil {
			return *p.fallback, nil
		}
		return generator.Subject{}, p.refuse("which pods should this apply to?", generator.ExampleSystem)
	case 1:
		s, err := p.subjectFrom(subjects[0])
		if err == nil {
			p.understood = append(p.understood, "applies to "+generator.SubjectText(s))
		}
		return s, err
	}
	var names []string
	for _, s := range subjects {
		names = append(names, quote(s.text))
	}
	return generator.Subject{}, p.refuse("several workloads are named ("+strings.Join(names, ", ")+"); a system rule applies to one set of pods", generator.ExampleSystem)
}

func (p *parser) podNounAfter(ep *endpoint) bool {
	return podNouns[p.word(ep.end-1)]
}

// namespaceList reads "in namespaces shop and data" (a cluster policy limited
// to those namespaces) and "except in kube-system" / "except in namespaces a and b".
func (p *parser) namespaceList() ([]string, bool) {
	for i := range p.toks {
		except := p.is(i, "except", "excluding", "outside") || p.is(i, "but") && p.is(i+1, "not")
		if !(p.is(i, "namespaces") && p.is(i-1, "in", "for")) && !except {
			continue
		}
		k := i + 1
		for p.is(k, "in", "not", "for", "namespaces", "namespace", "the") {
			k++
		}
		var names []string
		for k < len(p.toks) && !p.used[k] {
			t := p.toks[k]
			if t.kind == tWord && !keyword(t.low) || t.low == "kube-system" {
				names = append(names, t.low)
				k++
				if p.is(k, "and", "or", ",") {
					k++
				}
				continue
			}
			break
		}
		if len(names) > 1 || len(names) == 1 && (except || p.is(i, "namespaces")) {
			if except && !(p.hasPhrase("cluster-wide") || p.has("everywhere", "cluster-wide", "clusterwide") || p.hasPhrase("across", "the", "cluster") || p.hasPhrase("every", "namespace") || p.hasPhrase("all", "namespaces")) {
				continue
			}
			for n := i; n < k; n++ {
				p.used[n] = true
			}
			return names, except
		}
	}
	return nil, false
}

// labelsAnywhere returns the selector of the first label mention, for
// cluster and node subjects ("on nodes labeled role=edge").
func (p *parser) labelsAnywhere() *metav1.LabelSelector {
	for i, t := range p.toks {
		if t.kind == tLabel && !p.used[i] {
			sel, j := p.labelExpr(i)
			for k := i; k < j; k++ {
				p.used[k] = true
			}
			return sel
		}
	}
	return nil
}
