package generator

import (
	"bytes"
	"errors"
	"fmt"
	"github.com/kunerva/kunerva/internal/tree"
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	networkingv1 "k8s.io/api/networking/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"sigs.k8s.io/yaml"

	"github.com/kunerva/kunerva/internal/policy"
)

// Kind is a policy kind kunerva renders.
type Kind string

const (
	KindAuto                  Kind = "auto"
	KindNetworkPolicy         Kind = "NetworkPolicy"
	KindCilium                Kind = "CiliumNetworkPolicy"
	KindCiliumClusterwide     Kind = "CiliumClusterwideNetworkPolicy"
	KindKubeArmor             Kind = "KubeArmorPolicy"
	KindKubeArmorCluster      Kind = "KubeArmorClusterPolicy"
	KindKubeArmorHost         Kind = "KubeArmorHostPolicy"
	annotationRequest              = "kunerva.io/request"
	annotationEngine               = "kunerva.io/engine"
	labelManagedBy                 = "app.kubernetes.io/managed-by"
	maxNameLength                  = 63
	requestAnnotationMaxBytes      = 1024
)

// ParseKind reads a --kind value: a kind name or alias, in any case.
func ParseKind(s string) (Kind, error) {
	k, err := policy.Parse(s)
	if errors.Is(err, policy.ErrAuto) {
		return KindAuto, nil
	}
	if err != nil {
		return "", err
	}
	return Kind(k.Name), nil
}

// family returns the kind's family as its namespaced kind: the cluster-wide
// and host kinds belong to the namespaced kind's family.
func (k Kind) family() Kind {
	if pk, ok := policy.Named(string(k)); ok {
		for _, f := range policy.Kinds {
			if f.Family == pk.Family {
				return Kind(f.Name)
			}
		}
	}
	return k
}

// typeMeta is the kind's apiVersion and kind, from the table of kinds.
func (k Kind) typeMeta() metav1.TypeMeta {
	pk, _ := policy.Named(string(k))
	return metav1.TypeMeta{APIVersion: pk.APIVersion(), Kind: pk.Name}
}

// Policy is one rendered policy object.
type Policy struct {
	Kind      Kind
	Name      string
	Namespace string
	Object    any
	// intent is the statement it renders: the request's, or one of its Others.
	intent *Intent
}

// YAML returns the policy as a YAML document.
func (p Policy) YAML() ([]byte, error) { return yaml.Marshal(p.Object) }

// TreeObject returns the policy as an object of a tree, for the models
// that read trees.
func (p Policy) TreeObject() (tree.Object, error) {
	y, err := p.YAML()
	if err != nil {
		return tree.Object{}, err
	}
	tm := p.Kind.typeMeta()
	return tree.Object{APIVersion: tm.APIVersion, Kind: tm.Kind, Namespace: p.Namespace, Name: p.Name, YAML: y}, nil
}

// Stream is the policies as one YAML stream, separated by "---".
func Stream(policies []Policy) ([]byte, error) {
	var b bytes.Buffer
	for i, p := range policies {
		y, err := p.YAML()
		if err != nil {
			return nil, fmt.Errorf("render %s/%s: %w", p.Kind, p.Name, err)
		}
		if i > 0 {
			b.WriteString("---\n")
		}
		b.Write(y)
	}
	return b.Bytes(), nil
}

// UnsupportedError says that a forced kind cannot express the intent.
type UnsupportedError struct {
	Kind    Kind
	Reasons []string
}

func (e *UnsupportedError) Error() string {
	return fmt.Sprintf("%s cannot express this request: %s", e.Kind, strings.Join(e.Reasons, "; "))
}

// Render turns a valid intent into policies: one for its network rules and one
// for its system rules, and so for each of its Others. kind forces a kind
// family; KindAuto picks the simplest kind that expresses the rules exactly.
func Render(in *Intent, kind Kind) ([]Policy, error) {
	if err := in.Validate(); err != nil {
		return nil, fmt.Errorf("invalid intent: %w", err)
	}
	var out []Policy
	for _, x := range append([]*Intent{in}, in.Others...) {
		ps, err := render(x, kind)
		if err != nil {
			return nil, err
		}
		for _, p := range ps {
			p.intent = x
			out = append(out, uniqueName(out, p))
		}
	}
	return out, nil
}

// uniqueName renames a policy whose kind, namespace and name another one
// of the same request already has.
func uniqueName(done []Policy, p Policy) Policy {
	base := p.Name
	for n := 2; slices.ContainsFunc(done, func(q Policy) bool { return q.Kind == p.Kind && q.Namespace == p.Namespace && q.Name == p.Name }); n++ {
		suffix := fmt.Sprintf("-%d", n)
		p.Name = strings.TrimRight(base[:min(len(base), maxNameLength-len(suffix))], "-") + suffix
	}
	if p.Name != base {
		setName(p.Object, p.Name)
	}
	return p
}

func render(in *Intent, kind Kind) ([]Policy, error) {
	var out []Policy
	if len(in.Network) > 0 {
		k, err := networkKind(in, kind)
		if err != nil {
			return nil, err
		}
		var p Policy
		if k == KindNetworkPolicy {
			p = renderNetworkPolicy(in)
		} else {
			p = renderCilium(in)
		}
		out = append(out, p)
	}
	if len(in.System) > 0 {
		if kind != KindAuto && kind.family() != KindKubeArmor {
			return nil, &UnsupportedError{Kind: kind, Reasons: []string{fmt.Sprintf("%s has no file, process or capability rules; use --kind KubeArmorPolicy", kind)}}
		}
		p, err := renderKubeArmor(in)
		if err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, nil
}

func networkKind(in *Intent, kind Kind) (Kind, error) {
	limits := networkPolicyLimits(in)
	switch kind.family() {
	case KindAuto:
		// "DNS lookups through kube-dns, any name": a request that says
		// which names may be looked up speaks of Cilium's DNS rules, even
		// when the names are all of them, which a NetworkPolicy allows too
		// (so --kind NetworkPolicy still may write it).
		if len(limits) == 0 && !slices.ContainsFunc(in.Network, func(r NetworkRule) bool { return len(r.DNS) > 0 }) {
			return KindNetworkPolicy, nil
		}
		return KindCilium, nil
	case KindNetworkPolicy:
		if len(limits) > 0 {
			return "", &UnsupportedError{Kind: kind, Reasons: limits}
		}
		return KindNetworkPolicy, nil
	case KindCilium:
		return KindCilium, nil
	}
	return "", &UnsupportedError{Kind: kind, Reasons: []string{fmt.Sprintf("%s has no network peers or ports; use --kind CiliumNetworkPolicy or NetworkPolicy", kind)}}
}

// networkPolicyLimits lists why NetworkPolicy cannot express the intent.
func networkPolicyLimits(in *Intent) []string {
	var why []string
	add := func(s string) {
		if !slices.Contains(why, s) {
			why = append(why, s)
		}
	}
	if len(in.NoDefaultDeny) > 0 {
		add("a NetworkPolicy always puts the pods it selects into default deny for the directions of its rules, and the request asks to leave it off (Cilium's enableDefaultDeny: false); should it be a CiliumNetworkPolicy (--kind CiliumNetworkPolicy), or may the policy put the pods into default deny?")
	}
	if in.Subject.Scope == ScopeCluster {
		add("NetworkPolicy is namespaced and cannot apply cluster-wide; use --kind CiliumNetworkPolicy (rendered as CiliumClusterwideNetworkPolicy)")
	}
	for _, r := range in.Network {
		if r.Verdict == Deny {
			add("NetworkPolicy cannot deny specific peers or ports, only allow; use --kind CiliumNetworkPolicy")
		}
		if len(r.HTTP) > 0 {
			add("NetworkPolicy cannot match HTTP methods or paths; use --kind CiliumNetworkPolicy")
		}
		if len(r.DNS) > 0 && !slices.Equal(r.DNS, []string{"*"}) {
			add("NetworkPolicy cannot filter DNS queries; use --kind CiliumNetworkPolicy")
		}
		for _, p := range r.Peers {
			switch {
			case p.FQDN != "":
				add("NetworkPolicy cannot match DNS names; use --kind CiliumNetworkPolicy")
			case p.Entity != "":
				add(fmt.Sprintf("NetworkPolicy has no %q entity; use --kind CiliumNetworkPolicy", p.Entity))
			case p.Service != "":
				add("NetworkPolicy cannot select a Service; name the pods behind it or use --kind CiliumNetworkPolicy")
			}
		}
		for _, p := range r.Ports {
			if p.Protocol == "ICMP" || p.Protocol == "ICMPv6" {
				add("NetworkPolicy cannot match ICMP; use --kind CiliumNetworkPolicy")
			}
		}
	}
	return why
}

func objectMeta(in *Intent, name, namespace string) metav1.ObjectMeta {
	// Control characters cannot be written to YAML; a request is one line of text.
	req := strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || r == utf8.RuneError {
			return ' '
		}
		return r
	}, in.Request)
	if len(req) > requestAnnotationMaxBytes {
		req = strings.ToValidUTF8(req[:requestAnnotationMaxBytes], "") + "..."
	}
	return metav1.ObjectMeta{
		Name:      name,
		Namespace: namespace,
		Labels:    map[string]string{labelManagedBy: "kunerva"},
		Annotations: map[string]string{
			annotationRequest: req,
			annotationEngine:  in.Engine,
		},
	}
}

var nonName = regexp.MustCompile(`[^a-z0-9]+`)

// policyName derives a stable name from the intent: verdict, topic, subject and
// first peer, e.g. allow-ingress-payments-from-checkout.
func policyName(in *Intent, system bool) string {
	var parts []string
	if system {
		parts = append(parts, strings.ToLower(string(in.System[0].Action)))
		var kinds []string
		for _, r := range in.System {
			if k := string(r.Kind); !slices.Contains(kinds, k) {
				kinds = append(kinds, k)
			}
		}
		parts = append(parts, kinds...)
	} else {
		r := in.Network[0]
		verb := string(r.Verdict)
		if r.Verdict == Isolate {
			verb = "default-deny"
		}
		parts = append(parts, verb)
		var dirs []string
		for _, r := range in.Network {
			if d := string(r.Direction); !slices.Contains(dirs, d) && !(len(r.Peers) > 0 && r.Peers[0].ClusterDNS) {
				dirs = append(dirs, d)
			}
		}
		parts = append(parts, dirs...)
	}
	switch {
	case in.Subject.Name != "":
		parts = append(parts, in.Subject.Name)
	case in.Subject.Scope == ScopeCluster:
		parts = append(parts, "cluster")
	case in.Subject.Scope == ScopeNodes:
		parts = append(parts, "nodes")
	}
	if !system {
		r := in.Network[0]
		if len(r.Peers) > 0 && r.Peers[0].Name != "" {
			prep := "to"
			if r.Direction == Ingress {
				prep = "from"
			}
			parts = append(parts, prep, r.Peers[0].Name)
		}
	}
	name := strings.Trim(nonName.ReplaceAllString(strings.ToLower(strings.Join(parts, "-")), "-"), "-")
	if len(name) > maxNameLength {
		name = strings.TrimRight(name[:maxNameLength], "-")
	}
	return name
}

// SelectorName names pods selected by labels after the labels' values, as
// a peer's name in a policy's name: app=checkout names "checkout". An
// expression that excludes says so, so that the name does not claim the
// pods it leaves out: app NotIn [api] names "not-api", and a key that must
// be absent, "no-KEY".
func SelectorName(s *metav1.LabelSelector) string {
	var parts []string
	for _, k := range sortedKeys(s.MatchLabels) {
		parts = append(parts, s.MatchLabels[k])
	}
	for _, e := range s.MatchExpressions {
		switch e.Operator {
		case metav1.LabelSelectorOpNotIn:
			parts = append(parts, "not")
			parts = append(parts, e.Values...)
		case metav1.LabelSelectorOpExists:
			parts = append(parts, e.Key)
		case metav1.LabelSelectorOpDoesNotExist:
			parts = append(parts, "no", e.Key)
		default:
			parts = append(parts, e.Values...)
		}
	}
	return strings.Join(parts, "-")
}

// setName renames a rendered policy object.
func setName(obj any, name string) {
	switch o := obj.(type) {
	case *networkingv1.NetworkPolicy:
		o.Name = name
	case *ciliumPolicy:
		o.Metadata.Name = name
	case *kubeArmorPolicy:
		o.Metadata.Name = name
	}
}
