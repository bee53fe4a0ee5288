package llm

import (
	"bytes"
	"cmp"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/kunerva/kunerva/generator"
	"github.com/kunerva/kunerva/generator/builtin"
	"github.com/kunerva/kunerva/internal/tree"
)

// answer is what a language model fills in: the intent in a shape a strict
// JSON schema can describe (no maps, no optional fields) and in which pods
// are named by the tree's workloads rather than by labels the model might
// invent. kunerva turns it into an Intent itself (answer.intent); nothing
// the model writes is used any other way.
type answer struct {
	Understood    bool                `json:"understood" description:"false when the request is ambiguous, incomplete or not about a network, file, process or capability policy; then ask in question and leave the rules empty"`
	Question      string              `json:"question" description:"when understood is false: what is unclear, as a question to the requester; otherwise empty"`
	Subject       answerSubject       `json:"subject"`
	Network       []answerRule        `json:"network" description:"network rules; empty for a system policy"`
	System        []answerSystem      `json:"system" description:"file, process, socket protocol, capability and syscall rules; empty for a network policy"`
	NoDefaultDeny answerNoDefaultDeny `json:"noDefaultDeny"`
	Kind          string              `json:"kind" enum:",NetworkPolicy,CiliumNetworkPolicy,CiliumClusterwideNetworkPolicy,KubeArmorPolicy,KubeArmorClusterPolicy,KubeArmorHostPolicy" description:"the policy kind the request asks for by name (\"cnp: allow ...\", \"write a CiliumNetworkPolicy for ...\"); empty when it names none, and kunerva picks the kind the rules need"`
	Others        []answerStatement   `json:"others" description:"statements of the same request about other pods, each its own policy (\"prometheus may reach node-exporter and payments\" is one statement for node-exporter and one for payments); empty when the request is about one set of pods"`
}

// answerStatement is what the request says about one more subject.
type answerStatement struct {
	Subject       answerSubject       `json:"subject"`
	Network       []answerRule        `json:"network"`
	System        []answerSystem      `json:"system"`
	NoDefaultDeny answerNoDefaultDeny `json:"noDefaultDeny"`
}

// answerNoDefaultDeny is Cilium's enableDefaultDeny said the other way
// round: true leaves that direction out of default deny. It has no
// description of its own: a strict schema takes none beside a $ref.
type answerNoDefaultDeny struct {
	Ingress bool `json:"ingress" description:"true only when the request asks that this policy not put the pods into default deny for ingress (\"without putting the pods into default deny\"): other incoming traffic is then not denied by this policy; false for a plain deny or default deny"`
	Egress  bool `json:"egress" description:"true only when the request asks that this policy not put the pods into default deny for egress: other outgoing traffic is then not denied by this policy; false for a plain deny or default deny"`
}

type answerSubject struct {
	Scope       string        `json:"scope" enum:"pods,cluster,nodes" description:"pods: pods in one namespace; cluster: pods in every namespace (or the listed ones); nodes: the nodes themselves"`
	Namespace   string        `json:"namespace" description:"the subject's namespace, one of the facts' namespaces; empty for cluster and nodes"`
	Workload    string        `json:"workload" description:"the name of a workload from the facts whose pods the policy applies to; empty when labels or allPods say it"`
	Labels      []answerLabel `json:"labels" description:"pod labels that must all match, when the request gives labels instead of a workload"`
	Expressions []answerExpr  `json:"expressions" description:"label expressions that must all hold, such as tier In [web, api], when the request gives them"`
	AllPods     bool          `json:"allPods" description:"true only when the request is about every pod of the namespace (or cluster)"`
	Namespaces  []string      `json:"namespaces" description:"for scope cluster: limit to these namespaces"`
	ExceptNS    bool          `json:"exceptNamespaces" description:"for scope cluster: every namespace but the listed ones"`
	NSLabels    []answerLabel `json:"namespaceLabels" description:"for scope cluster: limit to the namespaces with these labels, when the request selects namespaces by label"`
	NSExprs     []answerExpr  `json:"namespaceExpressions" description:"for scope cluster: namespace label expressions, when the request gives them"`
	NodeLabels  []answerLabel `json:"nodeLabels" description:"for scope nodes: node labels that must all match; empty for every node"`
	Description string        `json:"name" description:"a short name for the subject when no workload names it, e.g. \"frontends\""`
}

type answerLabel struct {
	Key   string `json:"key"`
	Value string `json:"value"`
}

type answerExpr struct {
	Key      string   `json:"key"`
	Operator string   `json:"operator" enum:"In,NotIn,Exists,DoesNotExist"`
	Values   []string `json:"values" description:"for In and NotIn"`
}

type answerRule struct {
	Direction string       `json:"direction" enum:"ingress,egress" description:"seen from the subject: ingress is traffic to it, egress traffic from it"`
	Verdict   string       `json:"verdict" enum:"allow,deny,isolate" description:"allow: allow these peers and ports (the subject then refuses everything else in that direction); deny: deny these peers and ports, leave the rest alone; isolate: deny everything in that direction (no peers, no ports)"`
	Peers     []answerPeer `json:"peers" description:"empty means any peer"`
	Ports     []answerPort `json:"ports" description:"empty means any port"`
	HTTP      []answerHTTP `json:"http" description:"allowed HTTP requests (L7); empty for none"`
	DNS       []string     `json:"dns" description:"DNS query patterns allowed to the cluster DNS peer, e.g. *.example.com"`
	PortsSaid bool         `json:"portsSaid" description:"for a cluster DNS peer: true when the request says the protocols of port 53 (53 over TCP and UDP, UDP 53), the ports then keep them as said; false for the DNS allowance (53/UDP and 53/TCP; with Cilium any protocol and a DNS rule)"`
}

type answerHTTP struct {
	Method  string   `json:"method" description:"GET, POST, ...; empty for any"`
	Path    string   `json:"path" description:"a glob such as /api/*; empty for any"`
	Headers []string `json:"headers" description:"headers that must be present, as Name or \"Name: value\""`
}

type answerPeer struct {
	Workload        string        `json:"workload" description:"a workload from the facts, meaning its pods"`
	Labels          []answerLabel `json:"labels" description:"pod labels, when the request gives labels"`
	Expressions     []answerExpr  `json:"expressions" description:"pod label expressions, when the request gives them"`
	Namespace       string        `json:"namespace" description:"the peer's namespace; empty means the subject's"`
	NamespaceLabels []answerLabel `json:"namespaceLabels" description:"select namespaces by label instead of by name"`
	NamespaceExprs  []answerExpr  `json:"namespaceExpressions" description:"namespace label expressions, when the request gives them"`
	CIDR            string        `json:"cidr" description:"an IP block such as 10.0.0.0/8"`
	Except          []string      `json:"except" description:"CIDRs excluded from cidr"`
	FQDN            string        `json:"fqdn" description:"a DNS name or pattern such as *.example.com"`
	Entity          string        `json:"entity" enum:",world,cluster,host,remote-node,kube-apiserver,all" description:"a Cilium entity"`
	Service         string        `json:"service" description:"a Service of the facts, namespace/name"`
	ClusterDNS      bool          `json:"clusterDNS" description:"the cluster's DNS service (kube-dns)"`
	AnyPod          bool          `json:"anyPod" description:"every pod of the peer's namespace (or, with namespaceLabels, of those namespaces)"`
	AnyNamespace    bool          `json:"anyNamespace" description:"the pods (workload, labels or anyPod) may be in any namespace"`
}

type answerPort struct {
	Port     int    `json:"port" description:"a port number; 0 with name"`
	EndPort  int    `json:"endPort" description:"the last port of a range; 0 for one port"`
	Name     string `json:"name" description:"a named container port from the facts"`
	Protocol string `json:"protocol" enum:",TCP,UDP,SCTP,ICMP,ICMPv6" description:"empty means TCP"`
	ICMPType string `json:"icmpType" description:"for ICMP and ICMPv6, which are matched by type only: the type number as a string, e.g. \"8\" (ICMPv6: \"128\") for echo requests"`
}

type answerSystem struct {
	Kind       string   `json:"kind" enum:"process,file,network,capability,syscall"`
	Action     string   `json:"action" enum:"Block,Audit,Allow" description:"Allow makes an allow-list: everything else of that kind is blocked"`
	Path       string   `json:"path" description:"an absolute file or executable path"`
	Dir        string   `json:"dir" description:"an absolute directory ending in /"`
	Recursive  bool     `json:"recursive" description:"with dir: everything below it"`
	ExecName   string   `json:"execName" description:"an executable name without a path"`
	ReadOnly   bool     `json:"readOnly" description:"for files: only reading is allowed"`
	OwnerOnly  bool     `json:"ownerOnly" description:"only the file's owner may"`
	FromSource []string `json:"fromSource" description:"absolute paths of the processes the rule is limited to"`
	Protocol   string   `json:"protocol" enum:",tcp,udp,icmp,raw" description:"for kind network"`
	Capability string   `json:"capability" description:"for kind capability, e.g. net_raw"`
	Syscalls   []string `json:"syscalls" description:"for kind syscall: the system calls to audit, e.g. unlink (optionally on path or dir)"`
}

// parseAnswer decodes the model's JSON strictly. A reply with prose or a
// Markdown fence around the JSON (servers without structured output) is
// cut down to the outermost object first.
func parseAnswer(content string) (*answer, error) {
	s := strings.TrimSpace(content)
	if i, j := strings.Index(s, "{"), strings.LastIndex(s, "}"); i >= 0 && j > i {
		s = s[i : j+1]
	} else {
		return nil, fmt.Errorf("the answer holds no JSON object")
	}
	dec := json.NewDecoder(bytes.NewReader([]byte(s)))
	dec.DisallowUnknownFields()
	var a answer
	if err := dec.Decode(&a); err != nil {
		return nil, fmt.Errorf("the answer is not JSON of the required schema: %w", err)
	}
	if dec.More() {
		return nil, fmt.Errorf("the answer holds more than one JSON value")
	}
	return &a, nil
}

// intent turns an understood answer into an intent, checking every name
// against the tree. It returns every problem, each at a JSON path of the
// answer, for the model to repair.
func (a *answer) intent(request string, opts generator.Options) (*generator.Intent, []string) {
	r := resolver{tree: opts.Tree, assumeApp: opts.AssumeAppLabel}
	in := r.statement(request, "", answerStatement{Subject: a.Subject, Network: a.Network, System: a.System, NoDefaultDeny: a.NoDefaultDeny}, opts)
	for i, st := range a.Others {
		in.Others = append(in.Others, r.statement(request, fmt.Sprintf("others[%d].", i), st, opts))
	}
	r.kind(request, a.Kind, in)
	return in, r.problems
}

// kind holds the model's kind to the request's words as the built-in
// engine reads them (builtin.NamedKind), for the rules the answer gives:
// "cnp: allow pods labeled app=web to reach pods labeled app=api on 8080"
// names CiliumNetworkPolicy; a kind for "allow web to reach api on 8080",
// or a NetworkPolicy for that cnp, is the model's own and goes back to it.
// Empty is "none named": kunerva picks the kind; a kind the words name and
// the answer leaves out goes back too, as a value of the request not used.
func (r *resolver) kind(request, kind string, in *generator.Intent) {
	named, o := builtin.NamedKind(request, in)
	switch {
	case kind == "" && named == "":
		return
	case kind == "":
		r.problem("kind", "the request asks for a %s by name (%q): answer kind %s", named, o.Text, named)
		return
	case named == "":
		r.problem("kind", "the request does not ask for a %s by name (it names no policy kind for these rules): leave kind empty, and kunerva picks the kind the rules need", kind)
		return
	case generator.Kind(kind) != named:
		r.problem("kind", "the request asks for a %s by name (%q), not a %s", named, o.Text, kind)
		return
	}
	in.Kind = named
	in.Origins = append(in.Origins, o)
}

// statement turns one statement of the answer into an intent; at prefixes
// the JSON paths of its problems.
func (r *resolver) statement(request, at string, a answerStatement, opts generator.Options) *generator.Intent {
	in := &generator.Intent{Request: request}
	s := a.Subject
	in.Subject = generator.Subject{Scope: generator.Scope(s.Scope), Namespace: s.Namespace, Namespaces: s.Namespaces, ExceptNamespaces: s.ExceptNS,
		NamespaceLabels: selector(s.NSLabels, s.NSExprs), Name: cmp.Or(s.Workload, s.Description)}
	if in.Subject.Scope == generator.ScopePods && in.Subject.Namespace == "" {
		in.Subject.Namespace = opts.Namespace
	}
	named := in.Subject.Namespace != "" // by the model or the options, not defaulted
	switch in.Subject.Scope {
	case generator.ScopeNodes:
		in.Subject.Nodes = selector(s.NodeLabels, nil)
	default:
		in.Subject.Pods, in.Subject.Namespace = r.pods(at+"subject", s.Workload, s.Labels, s.Expressions, s.AllPods, in.Subject.Namespace, in.Subject.Scope == generator.ScopeCluster)
		if in.Subject.Scope == generator.ScopePods && in.Subject.Namespace == "" {
			in.Subject.Namespace = "default"
		}
	}
	if in.Subject.Scope == generator.ScopePods && (named || len(r.problems) == 0) {
		r.namespace(at+"subject.namespace", in.Subject.Namespace)
	}
	for i, rule := range a.Network {
		at := fmt.Sprintf("%snetwork[%d]", at, i)
		nr := generator.NetworkRule{Direction: generator.Direction(rule.Direction), Verdict: generator.Verdict(rule.Verdict), DNS: rule.DNS, PortsSaid: rule.PortsSaid}
		for _, h := range rule.HTTP {
			nr.HTTP = append(nr.HTTP, generator.HTTPRule(h))
		}
		for j, p := range rule.Peers {
			nr.Peers = append(nr.Peers, r.peer(fmt.Sprintf("%s.peers[%d]", at, j), p, in.Subject.Namespace))
		}
		for j, p := range rule.Ports {
			nr.Ports = append(nr.Ports, r.port(fmt.Sprintf("%s.ports[%d]", at, j), p))
		}
		in.Network = append(in.Network, nr)
	}
	if opts.AllowDNS && slices.ContainsFunc(in.Network, func(r generator.NetworkRule) bool {
		return r.Direction == generator.Egress && r.Verdict != generator.Deny
	}) &&
		!slices.ContainsFunc(in.Network, func(r generator.NetworkRule) bool {
			return slices.ContainsFunc(r.Peers, func(p generator.Peer) bool { return p.ClusterDNS })
		}) {
		in.Network = append(in.Network, generator.DNSRule(nil))
		in.Notes = append(in.Notes, generator.NoteAllowDNS)
	}
	if a.NoDefaultDeny.Ingress {
		in.NoDefaultDeny = append(in.NoDefaultDeny, generator.Ingress)
	}
	if a.NoDefaultDeny.Egress {
		in.NoDefaultDeny = append(in.NoDefaultDeny, generator.Egress)
	}
	for _, sr := range a.System {
		in.System = append(in.System, generator.SystemRule{Kind: generator.SystemKind(sr.Kind), Action: generator.Action(sr.Action), Path: sr.Path, Dir: sr.Dir, Recursive: sr.Recursive,
			ExecName: sr.ExecName, ReadOnly: sr.ReadOnly, OwnerOnly: sr.OwnerOnly, FromSource: sr.FromSource, Protocol: sr.Protocol, Capability: sr.Capability, Syscalls: sr.Syscalls})
	}
	return in
}

// resolver turns the model's names into selectors, collecting problems.
type resolver struct {
	tree      *tree.Tree
	assumeApp bool
	problems  []string
}

func (r *resolver) problem(at, format string, args ...any) {
	r.problems = append(r.problems, at+": "+fmt.Sprintf(format, args...))
}

// pods selects the pods a workload name, labels or "all pods" mean, and
// returns the namespace (the workload's when none was given).
func (r *resolver) pods(at, workload string, labels []answerLabel, exprs []answerExpr, all bool, ns string, anyNamespace bool) (*metav1.LabelSelector, string) {
	given := 0
	for _, b := range []bool{workload != "", len(labels)+len(exprs) > 0, all} {
		if b {
			given++
		}
	}
	switch {
	case given == 0:
		r.problem(at, "say which pods: a workload from the facts, labels (or expressions), or allPods for every pod")
		return nil, ns
	case given > 1:
		r.problem(at, "give only one of workload, labels (with expressions) and allPods")
		return nil, ns
	case all:
		return nil, ns
	case len(labels)+len(exprs) > 0:
		return selector(labels, exprs), ns
	}
	if r.tree == nil {
		if r.assumeApp {
			return &metav1.LabelSelector{MatchLabels: map[string]string{"app": workload}}, ns
		}
		r.problem(at+".workload", "there is no tree to look %q up in: give the pods' labels instead", workload)
		return nil, ns
	}
	var found []tree.Workload
	for _, w := range r.tree.Lookup(workload) {
		if ns == "" || anyNamespace || w.Namespace == ns {
			found = append(found, w)
		}
	}
	switch len(found) {
	case 0:
		where := ""
		if ns != "" {
			where = " in namespace " + ns
		}
		r.problem(at+".workload", "%q is not a workload%s of the tree; choose one of: %s", workload, where, strings.Join(r.workloads(ns), ", "))
		return nil, ns
	case 1:
	default:
		var names []string
		for _, w := range found {
			names = append(names, w.Namespace+"/"+w.Name)
		}
		r.problem(at+".workload", "%q is ambiguous (%s): give the namespace", workload, strings.Join(names, ", "))
		return nil, ns
	}
	w := found[0]
	if ns == "" && !anyNamespace {
		ns = w.Namespace
	}
	return &metav1.LabelSelector{MatchLabels: w.Selector}, ns
}

func (r *resolver) workloads(ns string) []string {
	var names []string
	for _, w := range r.tree.Workloads {
		if ns == "" || w.Namespace == ns {
			names = append(names, w.Namespace+"/"+w.Name)
		}
	}
	if len(names) == 0 {
		return []string{"(none)"}
	}
	return names
}

func (r *resolver) namespace(at, ns string) {
	if r.tree == nil || ns == "" {
		return
	}
	if _, ok := r.tree.Namespace(ns); !ok {
		var names []string
		for _, n := range r.tree.Namespaces {
			names = append(names, n.Name)
		}
		r.problem(at, "%q is not a namespace of the tree; choose one of: %s", ns, strings.Join(names, ", "))
	}
}

func (r *resolver) peer(at string, p answerPeer, subjectNS string) generator.Peer {
	out := generator.Peer{CIDR: p.CIDR, Except: p.Except, FQDN: p.FQDN, Entity: p.Entity, Service: p.Service, ClusterDNS: p.ClusterDNS, Name: p.Workload}
	if p.Service != "" && out.Name == "" {
		// The Service names the peer, as the built-in engine names it.
		out.Name = p.Service[strings.LastIndexByte(p.Service, '/')+1:]
	}
	out.Namespaces = selector(p.NamespaceLabels, p.NamespaceExprs)
	if p.AnyNamespace && out.Namespaces == nil {
		out.Namespaces = &metav1.LabelSelector{}
	}
	anyNS := out.Namespaces != nil
	if p.Namespace != "" {
		r.namespace(at+".namespace", p.Namespace)
	}
	if p.Workload != "" || len(p.Labels)+len(p.Expressions) > 0 || p.AnyPod {
		ns := p.Namespace
		if ns == "" && p.Workload != "" && !anyNS {
			// A workload peer without a namespace: the subject's, unless the
			// workload lives only elsewhere.
			if r.tree != nil && !slices.ContainsFunc(r.tree.Lookup(p.Workload), func(w tree.Workload) bool { return w.Namespace == subjectNS }) {
				ns = ""
			} else {
				ns = subjectNS
			}
		}
		var pods *metav1.LabelSelector
		pods, ns = r.pods(at, p.Workload, p.Labels, p.Expressions, p.AnyPod, ns, anyNS)
		out.Pods = pods
		if p.AnyPod && (ns == "" || ns == subjectNS) && !anyNS {
			out.Pods = &metav1.LabelSelector{} // every pod of the subject's namespace
		}
		if ns != subjectNS {
			out.Namespace = ns
		}
	} else if p.Namespace != "" {
		out.Namespace = p.Namespace
	}
	if out.Namespace == subjectNS && p.Namespace == "" {
		out.Namespace = ""
	}
	if out.Name == "" {
		out.Name = peerName(out)
	}
	return out
}

// peerName names a peer the model gave no workload for as the built-in
// engine does; the first peer's name is part of the policy's.
func peerName(p generator.Peer) string {
	switch {
	case p.FQDN != "":
		return p.FQDN
	case p.Entity != "":
		return p.Entity
	case p.ClusterDNS:
		return "dns"
	case p.Pods != nil && len(p.Pods.MatchLabels)+len(p.Pods.MatchExpressions) > 0:
		return generator.SelectorName(p.Pods)
	case p.Pods == nil && p.Namespace != "":
		return p.Namespace
	}
	return ""
}

func (r *resolver) port(at string, p answerPort) generator.Port {
	out := generator.Port{Port: p.Port, EndPort: p.EndPort, Name: p.Name, Protocol: p.Protocol}
	if p.ICMPType != "" {
		t, err := strconv.Atoi(p.ICMPType)
		if err != nil {
			r.problem(at+".icmpType", "%q is not a number", p.ICMPType)
		} else {
			out.ICMPType = &t
		}
	}
	return out
}

func selector(labels []answerLabel, exprs []answerExpr) *metav1.LabelSelector {
	if len(labels)+len(exprs) == 0 {
		return nil
	}
	sel := &metav1.LabelSelector{}
	for _, l := range labels {
		if sel.MatchLabels == nil {
			sel.MatchLabels = map[string]string{}
		}
		sel.MatchLabels[l.Key] = l.Value
	}
	for _, e := range exprs {
		sel.MatchExpressions = append(sel.MatchExpressions, metav1.LabelSelectorRequirement{Key: e.Key, Operator: metav1.LabelSelectorOperator(e.Operator), Values: e.Values})
	}
	return sel
}
