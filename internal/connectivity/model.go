package connectivity

import (
	"errors"
	"slices"

	"github.com/kunerva/kunerva/internal/policy"
	"github.com/kunerva/kunerva/internal/tree"
)

// Model is the connectivity of one tree under a set of policies.
type Model struct {
	tree     *tree.Tree
	policies []tree.Object // the policy objects of the six kinds, in tree order

	net       network
	workloads []*endpoint   // the tree's workloads, in tree order
	outside   []outsidePeer // the peers outside the tree the policies name
}

// New builds the model of t under the policies among its objects.
func New(t *tree.Tree) (*Model, error) {
	m := &Model{tree: t}
	for _, o := range t.Objects {
		if isPolicy(o) {
			m.policies = append(m.policies, o)
		}
	}
	return m, m.parse()
}

// With returns the model of the same tree with objs among its policies: an
// object of the same kind, namespace and name as one of the model's
// replaces it, any other is added. Objects that are no policies are
// ignored.
func (m *Model) With(objs []tree.Object) (*Model, error) {
	n := &Model{tree: m.tree, policies: append([]tree.Object(nil), m.policies...)}
	for _, o := range objs {
		if !isPolicy(o) {
			continue
		}
		replaced := false
		for i, p := range n.policies {
			if sameObject(p, o) {
				n.policies[i], replaced = o, true
				break
			}
		}
		if !replaced {
			n.policies = append(n.policies, o)
		}
	}
	return n, n.parse()
}

// WithPoliciesOf returns the model of m's tree under the policies of
// another build of it, such as the tree a pull request started from.
func (m *Model) WithPoliciesOf(t *tree.Tree) (*Model, error) {
	n := &Model{tree: m.tree}
	for _, o := range t.Objects {
		if isPolicy(o) {
			n.policies = append(n.policies, o)
		}
	}
	return n, n.parse()
}

// Without returns the model of the same tree without the policies of the
// same kind, namespace and name as objs.
func (m *Model) Without(objs []tree.Object) (*Model, error) {
	n := &Model{tree: m.tree}
	for _, p := range m.policies {
		if !slices.ContainsFunc(objs, func(o tree.Object) bool { return sameObject(o, p) }) {
			n.policies = append(n.policies, p)
		}
	}
	return n, n.parse()
}

func isPolicy(o tree.Object) bool {
	group, _, _ := cutVersion(o.APIVersion)
	_, ok := policy.Lookup(group, o.Kind)
	return ok
}

// cutVersion splits an apiVersion into its group ("" for the core group)
// and version.
func cutVersion(apiVersion string) (group, version string, ok bool) {
	for i := len(apiVersion) - 1; i >= 0; i-- {
		if apiVersion[i] == '/' {
			return apiVersion[:i], apiVersion[i+1:], true
		}
	}
	return "", apiVersion, false
}

// parse reads the model's network policies; KubeArmor's are read by System.
// Every policy that cannot be read is reported, in one error.
func (m *Model) parse() error {
	m.workloads = workloadEndpoints(m.tree)
	var errs []error
	for _, o := range m.policies {
		var err error
		switch o.Kind {
		case "NetworkPolicy":
			err = m.parseNetworkPolicy(o)
		case "CiliumNetworkPolicy", "CiliumClusterwideNetworkPolicy":
			err = m.parseCilium(o)
		}
		errs = append(errs, err)
	}
	return errors.Join(errs...)
}

// ref is how reports name a policy: Kind/namespace/name, or Kind/name for
// a cluster-scoped kind.
func ref(o tree.Object) string {
	if o.Namespace == "" {
		return o.Kind + "/" + o.Name
	}
	return o.Kind + "/" + o.Namespace + "/" + o.Name
}
