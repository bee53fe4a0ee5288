package builtin

import (
	"fmt"
	"sort"
	"strings"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/kunerva/kunerva/generator"
	"github.com/kunerva/kunerva/internal/spelling"
)

// resolve turns a pod or namespace endpoint into a peer: a name becomes the
// labels of the workload (or Service) it names in the tree.
func (p *parser) resolve(ep *endpoint, contextNS string) (generator.Peer, error) {
	peer := generator.Peer{Pods: ep.pods, Namespace: ep.namespace, Namespaces: ep.namespaces}
	if ep.kind == epNamespace {
		if ep.namespace == "" && ep.namespaces == nil {
			// "any pod": in the subject's namespace.
			peer.Pods = &metav1.LabelSelector{}
			return peer, nil
		}
		peer.Name = ep.namespace
		if ep.namespace != "" {
			if err := p.checkNamespace(ep.namespace); err != nil {
				return generator.Peer{}, err
			}
		}
		return peer, nil
	}
	if ep.anyNS {
		peer.Namespaces = &metav1.LabelSelector{}
	}
	if ep.namespace != "" {
		if err := p.checkNamespace(ep.namespace); err != nil {
			return generator.Peer{}, err
		}
	}
	if ep.pods != nil {
		peer.Name = generator.SelectorName(ep.pods)
		return peer, nil
	}
	name := ep.name
	if p.tree == nil {
		if !p.opts.AssumeAppLabel {
			return generator.Peer{}, p.refuse(fmt.Sprintf("I do not know which labels the %q pods carry: without --tree a request must give labels", name),
				fmt.Sprintf("pods labeled app=%s (or pass --tree DIR, or --assume-app-label to read %q as app=%s)", name, name, name))
		}
		peer.Pods = &metav1.LabelSelector{MatchLabels: map[string]string{"app": name}}
		peer.Name = name
		if ep.workload == "Service" {
			p.notes = append(p.notes, fmt.Sprintf("the %s Service was taken as the pods labeled app=%s", name, name))
		}
		return peer, nil
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
		// subject's namespace merely prefers one.
		if len(inNS) > 0 || ep.namespace != "" {
			candidates = inNS
		}
	}
	switch len(candidates) {
	case 0:
		return generator.Peer{}, p.refuse(fmt.Sprintf("nothing in the tree %s is named %q%s (workloads: %s)", p.tree.Root, name, inNamespace(ns), strings.Join(p.nearest(name), ", ")), "pods labeled app="+name+" in namespace "+p.defaultNamespace())
	case 1:
		c := candidates[0]
		peer.Pods = &metav1.LabelSelector{MatchLabels: c.selector}
		peer.Namespace = c.namespace
		peer.Name = name
		return peer, nil
	}
	var names []string
	for _, c := range candidates {
		names = append(names, c.String())
	}
	return generator.Peer{}, p.refuse(fmt.Sprintf("%q is ambiguous: it matches %s", name, strings.Join(names, ", ")),
		fmt.Sprintf("the %s pods in namespace %s", name, candidates[0].namespace))
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
			if kind != "" && kind != "Pod" && w.Kind != kind {
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
