package validate

import (
	"fmt"
	"strings"

	"github.com/kunerva/kunerva/internal/spelling"
)

// systemNamespaces exist in every cluster, so a tree need not declare them.
var systemNamespaces = map[string]bool{
	"default":         true,
	"kube-system":     true,
	"kube-public":     true,
	"kube-node-lease": true,
}

// checkNamespaces reports namespaces the policy lives in or refers to that
// the tree does not have. The policy's own namespace missing is an error: the
// tree is where it is meant to go. A peer's namespace missing is an error when
// it is a near miss of one the tree has (a typo), and a warning otherwise
// (the namespace may be managed outside the tree). The system namespaces are
// never reported.
func (c *checker) checkNamespaces(p *checkedPolicy) {
	if p.namespace != "" && !c.hasNamespace(p.namespace) {
		c.errorf(checkNamespace, "metadata.namespace", "namespace %q is not in the tree%s; put the policy in a namespace of the tree or add the namespace to it",
			p.namespace, c.namespaceHint(p.namespace))
	}
	for _, spec := range p.specs {
		if spec.subject != nil {
			c.checkSiteNamespaces(spec.subject)
		}
		for _, r := range spec.rules {
			for _, s := range r.peers {
				c.checkSiteNamespaces(s)
			}
		}
	}
}

func (c *checker) checkSiteNamespaces(s *selectorSite) {
	if s.nsField == "" || s.opaque {
		return
	}
	for _, name := range s.nsNames {
		if c.hasNamespace(name) {
			continue
		}
		if near := c.nearNamespace(name); near != "" {
			c.errorf(checkNamespace, s.nsField, "namespace %q is not in the tree; did you mean %q? (%s)", name, near, c.treeNamespaces())
		} else {
			c.warnf(checkNamespace, s.nsField, "namespace %q is not in the tree (%s), so the pods there are not checked; add it to the tree if it is yours", name, c.treeNamespaces())
		}
	}
	if s.nsNames != nil || s.nsSel == nil {
		return
	}
	var declared []string
	for _, ns := range c.tree.Namespaces {
		if !ns.Declared {
			continue
		}
		if s.nsSel.Matches(namespaceLabels(ns)) {
			return
		}
		declared = append(declared, fmt.Sprintf("%s (%s)", ns.Name, labelsText(ns.Labels)))
	}
	if len(declared) > 0 {
		c.warnf(checkNamespace, s.nsField, "%s selects no namespace of the tree (it has %s), so the pods there are not checked; use labels the namespaces carry",
			s.nsSel.String(), joinAnd(declared))
	}
}

func (c *checker) hasNamespace(name string) bool {
	if systemNamespaces[name] {
		return true
	}
	_, ok := c.tree.Namespace(name)
	return ok
}

// nearNamespace returns the tree's namespace name is a typo of, or "".
func (c *checker) nearNamespace(name string) string {
	for _, ns := range c.tree.Namespaces {
		if strings.EqualFold(ns.Name, name) || spelling.Distance(ns.Name, name) <= 2 && len(name) > 3 {
			return ns.Name
		}
	}
	return ""
}

// namespaceHint suggests the namespace name was meant to be, or lists the
// tree's.
func (c *checker) namespaceHint(name string) string {
	if near := c.nearNamespace(name); near != "" {
		return fmt.Sprintf(" (did you mean %q?)", near)
	}
	return " (" + c.treeNamespaces() + ")"
}

func (c *checker) treeNamespaces() string {
	names := make([]string, len(c.tree.Namespaces))
	for i, ns := range c.tree.Namespaces {
		names[i] = ns.Name
	}
	if len(names) == 0 {
		return "the tree has no namespaces"
	}
	return "the tree has " + joinAnd(names)
}
