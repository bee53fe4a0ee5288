package fakemodel

import (
	"maps"
	"slices"
	"strconv"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/kunerva/kunerva/generator"
	"github.com/kunerva/kunerva/generator/builtin"
)

// answer is the JSON the LLM engine asks a model for (generator/llm/answer.go
// keeps its own copy unexported). Every field is always written and lists
// are [] rather than null, as a strict JSON schema demands; the tests check
// the answers against the schema the engine sends, so a field added there
// and missing here fails them.
type answer struct {
	Understood bool        `json:"understood"`
	Question   string      `json:"question"`
	statement              // the request's first statement, its fields inline
	Kind       string      `json:"kind"` // the kind the request names in words, or ""
	Others     []statement `json:"others"`
}

type statement struct {
	Subject       subject       `json:"subject"`
	Network       []rule        `json:"network"`
	System        []systemRule  `json:"system"`
	NoDefaultDeny noDefaultDeny `json:"noDefaultDeny"`
}

type noDefaultDeny struct {
	Ingress bool `json:"ingress"`
	Egress  bool `json:"egress"`
}

type subject struct {
	Scope       string   `json:"scope"`
	Namespace   string   `json:"namespace"`
	Workload    string   `json:"workload"`
	Labels      []label  `json:"labels"`
	Expressions []expr   `json:"expressions"`
	AllPods     bool     `json:"allPods"`
	Namespaces  []string `json:"namespaces"`
	ExceptNS    bool     `json:"exceptNamespaces"`
	NSLabels    []label  `json:"namespaceLabels"`
	NSExprs     []expr   `json:"namespaceExpressions"`
	NodeLabels  []label  `json:"nodeLabels"`
	Name        string   `json:"name"`
}

type label struct {
	Key   string `json:"key"`
	Value string `json:"value"`
}

type expr struct {
	Key      string   `json:"key"`
	Operator string   `json:"operator"`
	Values   []string `json:"values"`
}

type rule struct {
	Direction string     `json:"direction"`
	Verdict   string     `json:"verdict"`
	Peers     []peer     `json:"peers"`
	Ports     []port     `json:"ports"`
	HTTP      []httpRule `json:"http"`
	DNS       []string   `json:"dns"`
	PortsSaid bool       `json:"portsSaid"`
}

type httpRule struct {
	Method  string   `json:"method"`
	Path    string   `json:"path"`
	Headers []string `json:"headers"`
}

type peer struct {
	Workload        string   `json:"workload"`
	Labels          []label  `json:"labels"`
	Expressions     []expr   `json:"expressions"`
	Namespace       string   `json:"namespace"`
	NamespaceLabels []label  `json:"namespaceLabels"`
	NamespaceExprs  []expr   `json:"namespaceExpressions"`
	CIDR            string   `json:"cidr"`
	Except          []string `json:"except"`
	FQDN            string   `json:"fqdn"`
	Entity          string   `json:"entity"`
	Service         string   `json:"service"`
	ClusterDNS      bool     `json:"clusterDNS"`
	AnyPod          bool     `json:"anyPod"`
	AnyNamespace    bool     `json:"anyNamespace"`
}

type port struct {
	Port     int    `json:"port"`
	EndPort  int    `json:"endPort"`
	Name     string `json:"name"`
	Protocol string `json:"protocol"`
	ICMPType string `json:"icmpType"`
}

type systemRule struct {
	Kind       string   `json:"kind"`
	Action     string   `json:"action"`
	Path       string   `json:"path"`
	Dir        string   `json:"dir"`
	Recursive  bool     `json:"recursive"`
	ExecName   string   `json:"execName"`
	ReadOnly   bool     `json:"readOnly"`
	OwnerOnly  bool     `json:"ownerOnly"`
	FromSource []string `json:"fromSource"`
	Protocol   string   `json:"protocol"`
	Capability string   `json:"capability"`
	Syscalls   []string `json:"syscalls"`
}

// question is a refusal: understood false, the question, nothing else.
func question(q string) answer {
	return answer{Question: q, Others: []statement{}, statement: statement{
		Subject: subject{Scope: "pods", Labels: []label{}, Expressions: []expr{}, Namespaces: []string{}, NSLabels: []label{}, NSExprs: []expr{}, NodeLabels: []label{}},
		Network: []rule{}, System: []systemRule{}}}
}

// answerFor writes the intent as a model would: pods by the workload the
// request named where that name resolves, through the tree (or, with
// AssumeAppLabel, as app=NAME), to exactly the intent's selector, and by
// labels otherwise; the kind the request names in words, as the built-in
// engine reads them.
func answerFor(in *generator.Intent, opts generator.Options) answer {
	kind, _ := builtin.NamedKind(in.Request, in) // what the words say, a kind forced with --kind or not
	a := answer{Understood: true, statement: statementFor(in, opts), Kind: string(kind), Others: []statement{}}
	for _, o := range in.Others {
		a.Others = append(a.Others, statementFor(o, opts))
	}
	return a
}

func statementFor(in *generator.Intent, opts generator.Options) statement {
	s := in.Subject
	a := statement{Network: []rule{}, System: []systemRule{}}
	a.NoDefaultDeny = noDefaultDeny{Ingress: slices.Contains(in.NoDefaultDeny, generator.Ingress), Egress: slices.Contains(in.NoDefaultDeny, generator.Egress)}
	a.Subject = subject{Scope: string(s.Scope), Namespace: s.Namespace, Name: s.Name, Labels: []label{}, Expressions: []expr{},
		Namespaces: list(s.Namespaces), ExceptNS: s.ExceptNamespaces, NSLabels: []label{}, NSExprs: []expr{}, NodeLabels: []label{}}
	if s.NamespaceLabels != nil {
		a.Subject.NSLabels, a.Subject.NSExprs = labels(s.NamespaceLabels.MatchLabels), exprs(s.NamespaceLabels.MatchExpressions)
	}
	switch {
	case s.Scope == generator.ScopeNodes:
		if s.Nodes != nil {
			a.Subject.NodeLabels = labels(s.Nodes.MatchLabels)
		}
	case empty(s.Pods):
		a.Subject.AllPods = true
	case names(opts, s.Name, s.Pods, s.Namespace, s.Scope == generator.ScopeCluster):
		a.Subject.Workload = s.Name
	default:
		a.Subject.Labels, a.Subject.Expressions = labels(s.Pods.MatchLabels), exprs(s.Pods.MatchExpressions)
	}
	for _, r := range in.Network {
		out := rule{Direction: string(r.Direction), Verdict: string(r.Verdict), Peers: []peer{}, Ports: []port{}, HTTP: []httpRule{}, DNS: list(r.DNS), PortsSaid: r.PortsSaid}
		for _, p := range r.Peers {
			out.Peers = append(out.Peers, peerFor(p, s.Namespace, opts))
		}
		for _, p := range r.Ports {
			ap := port{Port: p.Port, EndPort: p.EndPort, Name: p.Name, Protocol: p.Protocol}
			if p.ICMPType != nil {
				ap.ICMPType = strconv.Itoa(*p.ICMPType)
			}
			out.Ports = append(out.Ports, ap)
		}
		for _, h := range r.HTTP {
			out.HTTP = append(out.HTTP, httpRule{Method: h.Method, Path: h.Path, Headers: list(h.Headers)})
		}
		a.Network = append(a.Network, out)
	}
	for _, r := range in.System {
		a.System = append(a.System, systemRule{Kind: string(r.Kind), Action: string(r.Action), Path: r.Path, Dir: r.Dir, Recursive: r.Recursive,
			ExecName: r.ExecName, ReadOnly: r.ReadOnly, OwnerOnly: r.OwnerOnly, FromSource: list(r.FromSource), Protocol: r.Protocol, Capability: r.Capability, Syscalls: list(r.Syscalls)})
	}
	return a
}

func peerFor(p generator.Peer, subjectNS string, opts generator.Options) peer {
	out := peer{Namespace: p.Namespace, CIDR: p.CIDR, Except: list(p.Except), FQDN: p.FQDN, Entity: p.Entity, Service: p.Service, ClusterDNS: p.ClusterDNS,
		Labels: []label{}, Expressions: []expr{}, NamespaceLabels: []label{}, NamespaceExprs: []expr{}}
	switch {
	case p.Namespaces == nil:
	case empty(p.Namespaces):
		out.AnyNamespace = true
	default:
		out.NamespaceLabels, out.NamespaceExprs = labels(p.Namespaces.MatchLabels), exprs(p.Namespaces.MatchExpressions)
	}
	ns := p.Namespace
	if ns == "" && p.Namespaces == nil {
		ns = subjectNS
	}
	switch {
	case p.Pods == nil:
	case empty(p.Pods):
		out.AnyPod = true
	case names(opts, p.Name, p.Pods, ns, p.Namespaces != nil):
		out.Workload = p.Name
	default:
		out.Labels, out.Expressions = labels(p.Pods.MatchLabels), exprs(p.Pods.MatchExpressions)
	}
	return out
}

// names reports whether the LLM engine resolves the workload name to exactly
// sel in namespace ns (any namespace when anyNS), as the LLM engine's resolver
// does: one workload of the tree by that name or app label, or without a
// tree and with AssumeAppLabel the label app=NAME.
func names(opts generator.Options, name string, sel *metav1.LabelSelector, ns string, anyNS bool) bool {
	if name == "" || len(sel.MatchExpressions) > 0 {
		return false
	}
	if opts.Tree == nil {
		return opts.AssumeAppLabel && maps.Equal(sel.MatchLabels, map[string]string{"app": name})
	}
	var found []map[string]string
	for _, w := range opts.Tree.Lookup(name) {
		if ns == "" || anyNS || w.Namespace == ns {
			found = append(found, w.Selector)
		}
	}
	return len(found) == 1 && maps.Equal(found[0], sel.MatchLabels)
}

func empty(sel *metav1.LabelSelector) bool {
	return sel == nil || len(sel.MatchLabels)+len(sel.MatchExpressions) == 0
}

func labels(m map[string]string) []label {
	out := []label{}
	for _, k := range slices.Sorted(maps.Keys(m)) {
		out = append(out, label{Key: k, Value: m[k]})
	}
	return out
}

func exprs(reqs []metav1.LabelSelectorRequirement) []expr {
	out := []expr{}
	for _, r := range reqs {
		out = append(out, expr{Key: r.Key, Operator: string(r.Operator), Values: list(r.Values)})
	}
	return out
}

// list is s, or [] for nil: the schema has no null.
func list(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
