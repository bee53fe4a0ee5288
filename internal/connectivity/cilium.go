package connectivity

import (
	"encoding/json"
	"fmt"
	"net/netip"
	"strconv"
	"strings"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"sigs.k8s.io/yaml"

	"github.com/kunerva/kunerva/internal/policy"
	"github.com/kunerva/kunerva/internal/tree"
)

// ciliumSpec is the part of a Cilium rule the model reads (the fields of
// cilium.io/v2's spec and specs[]).
type ciliumSpec struct {
	EndpointSelector  *metav1.LabelSelector `json:"endpointSelector"`
	NodeSelector      *metav1.LabelSelector `json:"nodeSelector"`
	Ingress           []ciliumRule          `json:"ingress"`
	IngressDeny       []ciliumRule          `json:"ingressDeny"`
	Egress            []ciliumRule          `json:"egress"`
	EgressDeny        []ciliumRule          `json:"egressDeny"`
	EnableDefaultDeny struct {
		Ingress *bool `json:"ingress"`
		Egress  *bool `json:"egress"`
	} `json:"enableDefaultDeny"`
}

// ciliumRule holds both directions' peer fields; a rule uses one side.
type ciliumRule struct {
	FromEndpoints []metav1.LabelSelector `json:"fromEndpoints"`
	ToEndpoints   []metav1.LabelSelector `json:"toEndpoints"`
	FromEntities  []string               `json:"fromEntities"`
	ToEntities    []string               `json:"toEntities"`
	FromCIDR      []string               `json:"fromCIDR"`
	ToCIDR        []string               `json:"toCIDR"`
	FromCIDRSet   []ciliumCIDR           `json:"fromCIDRSet"`
	ToCIDRSet     []ciliumCIDR           `json:"toCIDRSet"`
	ToFQDNs       []ciliumFQDN           `json:"toFQDNs"`
	// Peers the model cannot resolve from the tree.
	ToServices   []json.RawMessage `json:"toServices"`
	FromRequires []json.RawMessage `json:"fromRequires"`
	ToRequires   []json.RawMessage `json:"toRequires"`
	FromNodes    []json.RawMessage `json:"fromNodes"`
	ToNodes      []json.RawMessage `json:"toNodes"`
	FromGroups   []json.RawMessage `json:"fromGroups"`
	ToGroups     []json.RawMessage `json:"toGroups"`
	ToPorts      []ciliumPortRule  `json:"toPorts"`
	ICMPs        []json.RawMessage `json:"icmps"`
}

type ciliumCIDR struct {
	CIDR         string   `json:"cidr"`
	Except       []string `json:"except"`
	CIDRGroupRef string   `json:"cidrGroupRef"`
}

type ciliumFQDN struct {
	MatchName    string `json:"matchName"`
	MatchPattern string `json:"matchPattern"`
}

type ciliumPortRule struct {
	Ports []struct {
		Port     string `json:"port"`
		EndPort  int32  `json:"endPort"`
		Protocol string `json:"protocol"`
	} `json:"ports"`
	Rules *struct {
		HTTP []struct {
			Method  string   `json:"method"`
			Path    string   `json:"path"`
			Host    string   `json:"host"`
			Headers []string `json:"headers"`
		} `json:"http"`
		DNS     []ciliumFQDN      `json:"dns"`
		Kafka   []json.RawMessage `json:"kafka"`
		L7Proto string            `json:"l7proto"`
	} `json:"rules"`
}

// parseCilium reads a CiliumNetworkPolicy or CiliumClusterwideNetworkPolicy,
// one netPolicy per spec, as the Cilium agent does: the subject and the
// endpoint peers of a namespaced policy are in its namespace unless a peer
// names one, a direction with any rule (allow or deny) is in default deny
// unless enableDefaultDeny says no, and deny rules win over allow rules.
func (m *Model) parseCilium(o tree.Object) error {
	specs, err := ciliumSpecs(o)
	if err != nil {
		return err
	}
	ns := o.Namespace
	if k, _ := policy.Named(o.Kind); k.Cluster {
		ns = ""
	}
	for _, s := range specs {
		p, err := m.ciliumPolicy(ref(o), ns, s.field, s.ciliumSpec)
		if err != nil {
			return err
		}
		m.net.policies = append(m.net.policies, p)
	}
	return nil
}

// fieldSpec is a spec with where it is: "spec", "specs[1]".
type fieldSpec struct {
	field string
	ciliumSpec
}

// ciliumSpecs reads a Cilium policy's spec and specs.
func ciliumSpecs(o tree.Object) ([]fieldSpec, error) {
	r := ref(o)
	var obj map[string]any
	if err := yaml.Unmarshal(o.YAML, &obj); err != nil {
		return nil, errorf(r, "read: %v", err)
	}
	k, _ := policy.Named(o.Kind)
	var out []fieldSpec
	for _, s := range policy.Specs(k, obj) {
		raw, err := json.Marshal(s.Value)
		if err != nil {
			return nil, errorf(r, "%s: %v", s.Field, err)
		}
		var spec ciliumSpec
		if err := json.Unmarshal(raw, &spec); err != nil {
			return nil, errorf(r, "%s: %v", s.Field, err)
		}
		out = append(out, fieldSpec{s.Field, spec})
	}
	return out, nil
}

func (m *Model) ciliumPolicy(r, ns, field string, spec ciliumSpec) (*netPolicy, error) {
	p := &netPolicy{ref: r}
	if spec.EndpointSelector != nil {
		subject, err := ciliumSelector(*spec.EndpointSelector, ns)
		if err != nil {
			return nil, errorf(r, "%s.endpointSelector: %v", field, err)
		}
		p.subject = func(e *endpoint) bool { ok, _ := subject(e); return ok }
	}
	// A policy of nodes (nodeSelector) selects no workload: its subject
	// stays nil.
	p.isolates[0] = (len(spec.Ingress) > 0 || len(spec.IngressDeny) > 0) && (spec.EnableDefaultDeny.Ingress == nil || *spec.EnableDefaultDeny.Ingress)
	p.isolates[1] = (len(spec.Egress) > 0 || len(spec.EgressDeny) > 0) && (spec.EnableDefaultDeny.Egress == nil || *spec.EnableDefaultDeny.Egress)
	sections := []struct {
		name         string
		rules        []ciliumRule
		egress, deny bool
	}{
		{"ingress", spec.Ingress, false, false},
		{"ingressDeny", spec.IngressDeny, false, true},
		{"egress", spec.Egress, true, false},
		{"egressDeny", spec.EgressDeny, true, true},
	}
	for _, sec := range sections {
		for i, cr := range sec.rules {
			at := fmt.Sprintf("%s.%s[%d]", field, sec.name, i)
			rule, err := m.ciliumRule(r, ns, at, cr, sec.egress, sec.deny)
			if err != nil {
				return nil, err
			}
			p.rules = append(p.rules, rule)
		}
	}
	return p, nil
}

func (m *Model) ciliumRule(r, ns, at string, cr ciliumRule, egress, deny bool) (netRule, error) {
	rule := netRule{egress: egress, deny: deny}
	endpoints, entities, cidrs, cidrSets := cr.FromEndpoints, cr.FromEntities, cr.FromCIDR, cr.FromCIDRSet
	var unresolved []string
	if len(cr.FromRequires) > 0 {
		unresolved = append(unresolved, "fromRequires")
	}
	if len(cr.FromNodes) > 0 {
		unresolved = append(unresolved, "fromNodes")
	}
	if len(cr.FromGroups) > 0 {
		unresolved = append(unresolved, "fromGroups")
	}
	if egress {
		endpoints, entities, cidrs, cidrSets = cr.ToEndpoints, cr.ToEntities, cr.ToCIDR, cr.ToCIDRSet
		unresolved = nil
		for _, f := range []struct {
			name string
			n    int
		}{{"toServices", len(cr.ToServices)}, {"toRequires", len(cr.ToRequires)}, {"toNodes", len(cr.ToNodes)}, {"toGroups", len(cr.ToGroups)}} {
			if f.n > 0 {
				unresolved = append(unresolved, f.name)
			}
		}
	}
	peers := []peerMatch{}
	var outside []Peer
	// An empty list (fromEndpoints: []) selects nothing, unlike a missing
	// one, which with toPorts selects every peer.
	emptyList := endpoints != nil && len(endpoints) == 0
	for i, sel := range endpoints {
		match, err := ciliumSelector(sel, ns)
		if err != nil {
			return rule, errorf(r, "%s endpoints[%d]: %v", at, i, err)
		}
		peers = append(peers, match)
	}
	for _, name := range entities {
		peers = append(peers, entityMatch(name))
		if p, ok := entityPeer(name); ok {
			outside = append(outside, p)
		}
	}
	for _, c := range cidrs {
		cidrSets = append(cidrSets, ciliumCIDR{CIDR: c})
	}
	for _, set := range cidrSets {
		if set.CIDRGroupRef != "" {
			unresolved = append(unresolved, "a CIDR group ("+set.CIDRGroupRef+")")
			continue
		}
		block, err := netip.ParsePrefix(set.CIDR)
		if err != nil {
			return rule, errorf(r, "%s: CIDR %q: %v", at, set.CIDR, err)
		}
		except, err := parsePrefixes(r, set.Except)
		if err != nil {
			return rule, err
		}
		peers = append(peers, cidrMatch(block, except))
		outside = append(outside, cidrPeers(set.CIDR, set.Except)...)
	}
	if egress {
		rule.fqdn = len(cr.ToFQDNs) > 0
		for i, f := range cr.ToFQDNs {
			if err := fqdnLength(f); err != nil {
				return rule, errorf(r, "%s.toFQDNs[%d]: %v", at, i, err)
			}
			peers = append(peers, m.fqdnMatch(f))
			if f.MatchName != "" {
				outside = append(outside, Peer{Kind: PeerFQDN, Value: strings.ToLower(strings.TrimSuffix(f.MatchName, "."))})
			} else if f.MatchPattern != "" {
				outside = append(outside, Peer{Kind: PeerFQDN, Value: strings.ToLower(strings.TrimSuffix(f.MatchPattern, "."))})
			}
		}
	}
	for _, what := range unresolved {
		reason := at + " names its peers by " + what + ", which the tree cannot resolve"
		peers = append(peers, func(*endpoint) (bool, string) { return false, reason })
	}
	switch {
	case len(peers) > 0:
		rule.peers = peers
	case emptyList, len(cr.ToPorts) == 0 && len(cr.ICMPs) == 0:
		rule.peers = []peerMatch{} // an empty rule holds no peer: it only isolates
	}
	rule.ports = ciliumPorts(cr)
	for _, pr := range cr.ToPorts {
		rule.l7 = append(rule.l7, l7Text(pr)...)
		if pr.Rules != nil {
			for i, d := range pr.Rules.DNS {
				if err := fqdnLength(d); err != nil {
					return rule, errorf(r, "%s.toPorts.rules.dns[%d]: %v", at, i, err)
				}
				rule.lookups = append(rule.lookups, fqdnRegexp(d))
			}
		}
	}
	if egress {
		m.addOutside(outside, rule.ports)
	} else {
		m.addOutside(outside, nil)
	}
	return rule, nil
}

// ciliumPorts reads a rule's toPorts and icmps: a number or a name, every
// protocol unless one is given, "0" or none for every port; nil when the
// rule names no port.
func ciliumPorts(cr ciliumRule) []portMatch {
	var out []portMatch
	for _, pr := range cr.ToPorts {
		for _, p := range pr.Ports {
			pm := portMatch{protocol: strings.ToUpper(p.Protocol), end: p.EndPort}
			if n, err := strconv.Atoi(p.Port); err == nil {
				pm.number = int32(n)
			} else if p.Port != "" {
				pm.name = p.Port
			}
			out = append(out, pm)
		}
		if len(pr.Ports) == 0 {
			out = append(out, portMatch{})
		}
	}
	for range cr.ICMPs {
		out = append(out, portMatch{protocol: "ICMP"})
	}
	return out
}

// l7Text describes the L7 rules of a port rule: "HTTP GET /healthz".
func l7Text(pr ciliumPortRule) []string {
	if pr.Rules == nil {
		return nil
	}
	var out []string
	for _, h := range pr.Rules.HTTP {
		s := "HTTP " + strings.Join(strings.Fields(strings.Join([]string{h.Method, h.Path}, " ")), " ")
		if h.Method == "" && h.Path == "" {
			s = "HTTP any request"
		}
		if h.Host != "" {
			s += " on host " + h.Host
		}
		if len(h.Headers) > 0 {
			s += " with header " + strings.Join(h.Headers, ", ")
		}
		out = append(out, s)
	}
	for _, d := range pr.Rules.DNS {
		out = append(out, "DNS lookups of "+strings.TrimSpace(d.MatchName+" "+d.MatchPattern))
	}
	if len(pr.Rules.Kafka) > 0 {
		out = append(out, "Kafka requests its rules list")
	}
	if pr.Rules.L7Proto != "" {
		out = append(out, pr.Rules.L7Proto+" requests its rules list")
	}
	return out
}
