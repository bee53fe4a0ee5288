package generator

import (
	"slices"
	"strconv"
	"strings"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/kunerva/kunerva/internal/policy"
)

// The Cilium policy types, as much of cilium.io/v2 as kunerva writes. They are
// declared here rather than imported: the Cilium API package drags in most of
// Cilium, and the CRD schema check in validate proves these against the real CRD.
type ciliumPolicy struct {
	metav1.TypeMeta `json:",inline"`
	Metadata        metav1.ObjectMeta `json:"metadata"`
	Spec            ciliumSpec        `json:"spec"`
}

type ciliumSpec struct {
	Description       string                `json:"description,omitempty"`
	EndpointSelector  *metav1.LabelSelector `json:"endpointSelector,omitempty"`
	Ingress           []ciliumRule          `json:"ingress,omitempty"`
	IngressDeny       []ciliumRule          `json:"ingressDeny,omitempty"`
	Egress            []ciliumRule          `json:"egress,omitempty"`
	EgressDeny        []ciliumRule          `json:"egressDeny,omitempty"`
	EnableDefaultDeny *ciliumDefaultDeny    `json:"enableDefaultDeny,omitempty"`
}

type ciliumDefaultDeny struct {
	Ingress *bool `json:"ingress,omitempty"`
	Egress  *bool `json:"egress,omitempty"`
}

// ciliumRule is an ingress or egress rule: only the from* or the to* fields are set.
type ciliumRule struct {
	FromEndpoints []metav1.LabelSelector `json:"fromEndpoints,omitempty"`
	FromEntities  []string               `json:"fromEntities,omitempty"`
	FromCIDRSet   []ciliumCIDR           `json:"fromCIDRSet,omitempty"`
	ToEndpoints   []metav1.LabelSelector `json:"toEndpoints,omitempty"`
	ToEntities    []string               `json:"toEntities,omitempty"`
	ToCIDRSet     []ciliumCIDR           `json:"toCIDRSet,omitempty"`
	ToFQDNs       []ciliumFQDN           `json:"toFQDNs,omitempty"`
	ToServices    []ciliumService        `json:"toServices,omitempty"`
	ToPorts       []ciliumPortRule       `json:"toPorts,omitempty"`
	ICMPs         []ciliumICMP           `json:"icmps,omitempty"`
}

type ciliumCIDR struct {
	CIDR   string   `json:"cidr"`
	Except []string `json:"except,omitempty"`
}

type ciliumFQDN struct {
	MatchName    string `json:"matchName,omitempty"`
	MatchPattern string `json:"matchPattern,omitempty"`
}

type ciliumService struct {
	K8sService struct {
		ServiceName string `json:"serviceName"`
		Namespace   string `json:"namespace,omitempty"`
	} `json:"k8sService"`
}

type ciliumPortRule struct {
	Ports []ciliumPort `json:"ports,omitempty"`
	Rules *ciliumL7    `json:"rules,omitempty"`
}

type ciliumPort struct {
	Port     string `json:"port"`
	EndPort  int32  `json:"endPort,omitempty"`
	Protocol string `json:"protocol,omitempty"`
}

type ciliumL7 struct {
	HTTP []ciliumHTTP `json:"http,omitempty"`
	DNS  []ciliumFQDN `json:"dns,omitempty"`
}

type ciliumHTTP struct {
	Method  string   `json:"method,omitempty"`
	Path    string   `json:"path,omitempty"`
	Headers []string `json:"headers,omitempty"`
}

type ciliumICMP struct {
	Fields []ciliumICMPField `json:"fields"`
}

type ciliumICMPField struct {
	Type   int    `json:"type"`
	Family string `json:"family,omitempty"`
}

const (
	ciliumNamespaceLabel      = "k8s:" + policy.CiliumNamespace
	ciliumNamespaceLabelsPref = "k8s:" + policy.CiliumNamespaceLabels
)

func renderCilium(in *Intent) Policy {
	name := policyName(in, false)
	kind, namespace := KindCilium, in.Subject.Namespace
	if in.Subject.Scope == ScopeCluster {
		kind, namespace = KindCiliumClusterwide, ""
	}
	spec := ciliumSpec{EndpointSelector: ciliumSubject(in.Subject)}
	allows, denies := map[Direction]bool{}, map[Direction]bool{}
	for _, r := range in.Network {
		var rules []ciliumRule
		switch r.Verdict {
		case Isolate:
			// An empty rule selects the pods and allows nothing.
			rules = []ciliumRule{{}}
			allows[r.Direction] = true
		case Allow:
			rules = ciliumRules(r, in.Subject.Namespace)
			allows[r.Direction] = true
		case Deny:
			rules = ciliumRules(r, in.Subject.Namespace)
			denies[r.Direction] = true
		}
		switch {
		case r.Direction == Ingress && r.Verdict == Deny:
			spec.IngressDeny = append(spec.IngressDeny, rules...)
		case r.Direction == Ingress:
			spec.Ingress = append(spec.Ingress, rules...)
		case r.Verdict == Deny:
			spec.EgressDeny = append(spec.EgressDeny, rules...)
		default:
			spec.Egress = append(spec.Egress, rules...)
		}
	}
	// Cilium puts a direction that has any rule, deny rules included, into
	// default deny. A policy that only denies must not also cut off the rest,
	// nor one the request leaves out of default deny (NoDefaultDeny).
	off := false
	for _, d := range []Direction{Ingress, Egress} {
		if denies[d] && !allows[d] || slices.Contains(in.NoDefaultDeny, d) {
			if spec.EnableDefaultDeny == nil {
				spec.EnableDefaultDeny = &ciliumDefaultDeny{}
			}
			if d == Ingress {
				spec.EnableDefaultDeny.Ingress = &off
			} else {
				spec.EnableDefaultDeny.Egress = &off
			}
		}
	}
	obj := &ciliumPolicy{
		TypeMeta: kind.typeMeta(),
		Metadata: objectMeta(in, name, namespace),
		Spec:     spec,
	}
	return Policy{Kind: kind, Name: name, Namespace: namespace, Object: obj}
}

func ciliumSubject(s Subject) *metav1.LabelSelector {
	sel := selectorOrAll(s.Pods)
	out := sel.DeepCopy()
	if s.Scope == ScopeCluster && len(s.Namespaces) > 0 {
		op := metav1.LabelSelectorOpIn
		if s.ExceptNamespaces {
			op = metav1.LabelSelectorOpNotIn
		}
		out.MatchExpressions = append(out.MatchExpressions, metav1.LabelSelectorRequirement{Key: ciliumNamespaceLabel, Operator: op, Values: s.Namespaces})
	}
	if s.Scope == ScopeCluster && s.NamespaceLabels != nil {
		ciliumNamespaceLabels(out, s.NamespaceLabels)
	}
	return out
}

// ciliumNamespaceLabels adds to sel the namespace labels ns selects, as
// Cilium sees them on every endpoint.
func ciliumNamespaceLabels(sel, ns *metav1.LabelSelector) {
	for k, v := range ns.MatchLabels {
		if sel.MatchLabels == nil {
			sel.MatchLabels = map[string]string{}
		}
		sel.MatchLabels[ciliumNamespaceLabelsPref+k] = v
	}
	for _, e := range ns.MatchExpressions {
		e.Key = ciliumNamespaceLabelsPref + e.Key
		sel.MatchExpressions = append(sel.MatchExpressions, e)
	}
}

// ciliumRules renders one rule per peer, since Cilium does not allow every
// mix of peer kinds in one rule; rules are OR-ed, so the meaning is the same.
func ciliumRules(r NetworkRule, subjectNamespace string) []ciliumRule {
	ports, icmps := ciliumPorts(r)
	peers := r.Peers
	switch {
	// An allow of every peer on every port names the entity "all": the
	// empty rule ({}) is what isolates (see Isolate in ciliumSpec), and
	// one YAML must not mean both "allow all" and "deny all".
	case len(peers) == 0 && r.Verdict == Allow && len(ports) == 0 && len(icmps) == 0:
		peers = []Peer{{Entity: "all"}}
	case len(peers) == 0:
		peers = []Peer{{}}
	}
	var out []ciliumRule
	for _, p := range peers {
		rule := ciliumRule{ToPorts: ports, ICMPs: icmps}
		// The cluster DNS allowance is 53 over any protocol with a DNS rule
		// (which lookups toFQDNs need seen), but for the protocols the
		// request said: those ports, and a DNS rule for the names it said.
		switch {
		case p.ClusterDNS && !r.PortsSaid:
			rule.ToPorts = []ciliumPortRule{{Ports: []ciliumPort{{Port: "53", Protocol: "ANY"}}}}
			if r.Verdict == Allow {
				rule.ToPorts[0].Rules = &ciliumL7{DNS: ciliumDNS(r.DNS)}
			}
			rule.ICMPs = nil
		case p.ClusterDNS && r.Verdict == Allow && len(r.DNS) > 0 && len(rule.ToPorts) > 0:
			rule.ToPorts = slices.Clone(rule.ToPorts)
			rule.ToPorts[0].Rules = &ciliumL7{DNS: ciliumDNS(r.DNS)}
		}
		from := r.Direction == Ingress
		switch {
		case p.CIDR != "":
			set := []ciliumCIDR{{CIDR: p.CIDR, Except: p.Except}}
			if from {
				rule.FromCIDRSet = set
			} else {
				rule.ToCIDRSet = set
			}
		case p.Entity != "":
			if from {
				rule.FromEntities = []string{p.Entity}
			} else {
				rule.ToEntities = []string{p.Entity}
			}
		case p.FQDN != "":
			rule.ToFQDNs = []ciliumFQDN{fqdnSelector(p.FQDN)}
		case p.Service != "":
			var svc ciliumService
			ns, name, ok := strings.Cut(p.Service, "/")
			if !ok {
				ns, name = "", p.Service
			}
			svc.K8sService.ServiceName, svc.K8sService.Namespace = name, ns
			rule.ToServices = []ciliumService{svc}
		case p.ClusterDNS || p.Pods != nil || p.Namespace != "" || p.Namespaces != nil:
			sel := ciliumPeer(p, subjectNamespace)
			if from {
				rule.FromEndpoints = []metav1.LabelSelector{sel}
			} else {
				rule.ToEndpoints = []metav1.LabelSelector{sel}
			}
		}
		out = append(out, rule)
	}
	return out
}

func ciliumPeer(p Peer, subjectNamespace string) metav1.LabelSelector {
	if p.ClusterDNS {
		return metav1.LabelSelector{MatchLabels: map[string]string{ciliumNamespaceLabel: "kube-system", "k8s:k8s-app": "kube-dns"}}
	}
	out := selectorOrAll(p.Pods)
	out = *out.DeepCopy()
	if p.Namespace != "" && p.Namespace != subjectNamespace {
		if out.MatchLabels == nil {
			out.MatchLabels = map[string]string{}
		}
		out.MatchLabels[ciliumNamespaceLabel] = p.Namespace
	}
	if p.Namespaces != nil {
		ciliumNamespaceLabels(&out, p.Namespaces)
		// Pods in any namespace: an empty selector in a namespaced policy
		// selects the policy's own namespace alone, so the namespace label
		// must be said to exist ("egress to pods in any namespace on TCP
		// 8321" once stayed in the subject's namespace).
		if len(p.Namespaces.MatchLabels) == 0 && len(p.Namespaces.MatchExpressions) == 0 {
			out.MatchExpressions = append(out.MatchExpressions, metav1.LabelSelectorRequirement{Key: ciliumNamespaceLabel, Operator: metav1.LabelSelectorOpExists})
		}
	}
	return out
}

func ciliumPorts(r NetworkRule) ([]ciliumPortRule, []ciliumICMP) {
	var ports []ciliumPort
	var icmps []ciliumICMP
	for _, p := range r.Ports {
		switch {
		case p.Protocol == "ICMP" && p.ICMPType != nil:
			icmps = append(icmps, ciliumICMP{Fields: []ciliumICMPField{{Type: *p.ICMPType, Family: "IPv4"}}})
		case p.Protocol == "ICMPv6" && p.ICMPType != nil:
			icmps = append(icmps, ciliumICMP{Fields: []ciliumICMPField{{Type: *p.ICMPType, Family: "IPv6"}}})
		default:
			proto := p.Protocol
			if proto == "" {
				proto = "TCP"
			}
			port := p.Name
			if port == "" {
				port = strconv.Itoa(p.Port)
			}
			ports = append(ports, ciliumPort{Port: port, EndPort: int32(p.EndPort), Protocol: proto})
		}
	}
	if len(ports) == 0 {
		return nil, icmps
	}
	rule := ciliumPortRule{Ports: ports}
	for _, h := range r.HTTP {
		if rule.Rules == nil {
			rule.Rules = &ciliumL7{}
		}
		rule.Rules.HTTP = append(rule.Rules.HTTP, ciliumHTTP{Method: h.Method, Path: globToRegexp(h.Path), Headers: h.Headers})
	}
	return []ciliumPortRule{rule}, icmps
}

func ciliumDNS(patterns []string) []ciliumFQDN {
	if len(patterns) == 0 {
		patterns = []string{"*"}
	}
	var out []ciliumFQDN
	for _, p := range patterns {
		if strings.Contains(p, "*") {
			out = append(out, ciliumFQDN{MatchPattern: p})
		} else {
			out = append(out, ciliumFQDN{MatchName: p})
		}
	}
	return out
}

func fqdnSelector(name string) ciliumFQDN {
	if strings.Contains(name, "*") {
		return ciliumFQDN{MatchPattern: name}
	}
	return ciliumFQDN{MatchName: name}
}

// globToRegexp turns a request's path glob (/api/*) into the regular
// expression Cilium matches paths with (/api/.*). Other characters are
// kept as written, as users write paths ("/authors.json"); a path that is
// already a regular expression ("/api/.*") stays as it is.
func globToRegexp(glob string) string {
	if strings.Contains(glob, ".*") {
		return glob
	}
	return strings.ReplaceAll(glob, "*", ".*")
}
