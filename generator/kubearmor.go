package generator

import (
	"fmt"
	"sort"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// The KubeArmor policy types, as much of security.kubearmor.com/v1 as kunerva
// writes; validate proves them against the real CRDs.
type kubeArmorPolicy struct {
	metav1.TypeMeta `json:",inline"`
	Metadata        metav1.ObjectMeta `json:"metadata"`
	Spec            kubeArmorSpec     `json:"spec"`
}

type kubeArmorSpec struct {
	Selector     *kubeArmorSelector     `json:"selector,omitempty"`
	NodeSelector *kubeArmorSelector     `json:"nodeSelector,omitempty"`
	Process      *kubeArmorFiles        `json:"process,omitempty"`
	File         *kubeArmorFiles        `json:"file,omitempty"`
	Network      *kubeArmorNetwork      `json:"network,omitempty"`
	Capabilities *kubeArmorCapabilities `json:"capabilities,omitempty"`
	Syscalls     *kubeArmorSyscalls     `json:"syscalls,omitempty"`
	// Action is for the items without one of their own: the syscall items,
	// which KubeArmor only audits.
	Action Action `json:"action,omitempty"`
}

type kubeArmorSelector struct {
	MatchLabels      map[string]string      `json:"matchLabels,omitzero"`
	MatchExpressions []kubeArmorRequirement `json:"matchExpressions,omitempty"`
}

type kubeArmorRequirement struct {
	Key      string   `json:"key"`
	Operator string   `json:"operator"`
	Values   []string `json:"values"`
}

type kubeArmorFiles struct {
	MatchPaths       []kubeArmorPath `json:"matchPaths,omitempty"`
	MatchDirectories []kubeArmorDir  `json:"matchDirectories,omitempty"`
}

type kubeArmorPath struct {
	Path       string            `json:"path,omitempty"`
	ExecName   string            `json:"execname,omitempty"`
	ReadOnly   bool              `json:"readOnly,omitempty"`
	OwnerOnly  bool              `json:"ownerOnly,omitempty"`
	FromSource []kubeArmorSource `json:"fromSource,omitempty"`
	Action     Action            `json:"action"`
}

type kubeArmorDir struct {
	Dir        string            `json:"dir"`
	Recursive  bool              `json:"recursive,omitempty"`
	ReadOnly   bool              `json:"readOnly,omitempty"`
	OwnerOnly  bool              `json:"ownerOnly,omitempty"`
	FromSource []kubeArmorSource `json:"fromSource,omitempty"`
	Action     Action            `json:"action"`
}

type kubeArmorSource struct {
	Path string `json:"path"`
}

type kubeArmorNetwork struct {
	MatchProtocols []kubeArmorProtocol `json:"matchProtocols"`
}

type kubeArmorProtocol struct {
	Protocol   string            `json:"protocol"`
	FromSource []kubeArmorSource `json:"fromSource,omitempty"`
	Action     Action            `json:"action"`
}

type kubeArmorCapabilities struct {
	MatchCapabilities []kubeArmorCapability `json:"matchCapabilities"`
}

type kubeArmorCapability struct {
	Capability string            `json:"capability"`
	FromSource []kubeArmorSource `json:"fromSource,omitempty"`
	Action     Action            `json:"action"`
}

type kubeArmorSyscalls struct {
	MatchSyscalls []kubeArmorSyscall     `json:"matchSyscalls,omitempty"`
	MatchPaths    []kubeArmorSyscallPath `json:"matchPaths,omitempty"`
}

type kubeArmorSyscall struct {
	Syscall    []string          `json:"syscall"`
	FromSource []kubeArmorSource `json:"fromSource,omitempty"`
}

type kubeArmorSyscallPath struct {
	Path       string            `json:"path"`
	Recursive  bool              `json:"recursive,omitempty"`
	Syscall    []string          `json:"syscall"`
	FromSource []kubeArmorSource `json:"fromSource,omitempty"`
}

func renderKubeArmor(in *Intent) (Policy, error) {
	name := policyName(in, true)
	kind, namespace := KindKubeArmor, in.Subject.Namespace
	var spec kubeArmorSpec
	switch in.Subject.Scope {
	case ScopeNodes:
		kind, namespace = KindKubeArmorHost, ""
		spec.NodeSelector = &kubeArmorSelector{MatchLabels: map[string]string{"kubernetes.io/os": "linux"}}
		if in.Subject.Nodes != nil {
			sel, err := kubeArmorLabels(in.Subject.Nodes, "subject.nodes")
			if err != nil {
				return Policy{}, err
			}
			// A host policy's nodeSelector holds matchLabels only.
			if len(sel.MatchExpressions) > 0 {
				return Policy{}, &UnsupportedError{Kind: KindKubeArmorHost, Reasons: []string{"subject.nodes: a KubeArmorHostPolicy selects nodes by labels they carry (matchLabels), not by expressions; name the labels the nodes carry instead"}}
			}
			spec.NodeSelector = sel
		}
	case ScopeCluster:
		kind, namespace = KindKubeArmorCluster, ""
		if in.Subject.NamespaceLabels != nil {
			return Policy{}, &UnsupportedError{Kind: KindKubeArmorCluster, Reasons: []string{"subject.namespaceLabels: a KubeArmorClusterPolicy selects namespaces by name, not by label; name the namespaces instead"}}
		}
		sel, err := kubeArmorLabels(in.Subject.Pods, "subject.pods")
		if err != nil {
			return Policy{}, err
		}
		// The cluster policy matches labels only through expressions.
		var exprs []kubeArmorRequirement
		if len(in.Subject.Namespaces) > 0 {
			op := "In"
			if in.Subject.ExceptNamespaces {
				op = "NotIn"
			}
			exprs = append(exprs, kubeArmorRequirement{Key: "namespace", Operator: op, Values: in.Subject.Namespaces})
		}
		for _, k := range sortedKeys(sel.MatchLabels) {
			exprs = append(exprs, kubeArmorRequirement{Key: "label", Operator: "In", Values: []string{k + "=" + sel.MatchLabels[k]}})
		}
		spec.Selector = &kubeArmorSelector{MatchExpressions: append(exprs, sel.MatchExpressions...)}
	default:
		sel, err := kubeArmorLabels(in.Subject.Pods, "subject.pods")
		if err != nil {
			return Policy{}, err
		}
		spec.Selector = sel
	}
	addKubeArmorRules(&spec, in.System)
	obj := &kubeArmorPolicy{
		TypeMeta: kind.typeMeta(),
		Metadata: objectMeta(in, name, namespace),
		Spec:     spec,
	}
	return Policy{Kind: kind, Name: name, Namespace: namespace, Object: obj}, nil
}

// kubeArmorLabels translates a Kubernetes label selector into KubeArmor's,
// whose expressions only test key=value pairs with In and NotIn.
func kubeArmorLabels(s *metav1.LabelSelector, field string) (*kubeArmorSelector, error) {
	out := &kubeArmorSelector{MatchLabels: map[string]string{}}
	if s == nil {
		return out, nil
	}
	for k, v := range s.MatchLabels {
		out.MatchLabels[k] = v
	}
	for _, e := range s.MatchExpressions {
		switch e.Operator {
		case metav1.LabelSelectorOpIn, metav1.LabelSelectorOpNotIn:
			var values []string
			for _, v := range e.Values {
				values = append(values, e.Key+"="+v)
			}
			out.MatchExpressions = append(out.MatchExpressions, kubeArmorRequirement{Key: "label", Operator: string(e.Operator), Values: values})
		default:
			return nil, &UnsupportedError{Kind: KindKubeArmor, Reasons: []string{fmt.Sprintf("%s: KubeArmor selectors cannot test whether the label %q exists; name its values instead", field, e.Key)}}
		}
	}
	return out, nil
}

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// addKubeArmorRules adds the intent's system rules to the spec's sections.
func addKubeArmorRules(spec *kubeArmorSpec, rules []SystemRule) {
	for _, r := range rules {
		var from []kubeArmorSource
		for _, s := range r.FromSource {
			from = append(from, kubeArmorSource{Path: s})
		}
		switch r.Kind {
		case Process, File:
			section := &spec.File
			if r.Kind == Process {
				section = &spec.Process
			}
			if *section == nil {
				*section = &kubeArmorFiles{}
			}
			if r.Dir != "" {
				(*section).MatchDirectories = append((*section).MatchDirectories, kubeArmorDir{Dir: r.Dir, Recursive: r.Recursive, ReadOnly: r.ReadOnly, OwnerOnly: r.OwnerOnly, FromSource: from, Action: r.Action})
			} else {
				(*section).MatchPaths = append((*section).MatchPaths, kubeArmorPath{Path: r.Path, ExecName: r.ExecName, ReadOnly: r.ReadOnly, OwnerOnly: r.OwnerOnly, FromSource: from, Action: r.Action})
			}
		case Protocol:
			if spec.Network == nil {
				spec.Network = &kubeArmorNetwork{}
			}
			spec.Network.MatchProtocols = append(spec.Network.MatchProtocols, kubeArmorProtocol{Protocol: r.Protocol, FromSource: from, Action: r.Action})
		case Syscall:
			if spec.Syscalls == nil {
				spec.Syscalls = &kubeArmorSyscalls{}
			}
			spec.Action = r.Action
			if p := r.Path + r.Dir; p != "" {
				spec.Syscalls.MatchPaths = append(spec.Syscalls.MatchPaths, kubeArmorSyscallPath{Path: p, Recursive: r.Recursive, Syscall: r.Syscalls, FromSource: from})
			} else {
				spec.Syscalls.MatchSyscalls = append(spec.Syscalls.MatchSyscalls, kubeArmorSyscall{Syscall: r.Syscalls, FromSource: from})
			}
		case Capability:
			if spec.Capabilities == nil {
				spec.Capabilities = &kubeArmorCapabilities{}
			}
			spec.Capabilities.MatchCapabilities = append(spec.Capabilities.MatchCapabilities, kubeArmorCapability{Capability: r.Capability, FromSource: from, Action: r.Action})
		}
	}
}
