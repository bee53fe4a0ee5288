package generator

import (
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// Intent is what a request means, independent of any policy kind. Engines fill it;
// renderers turn it into policies. It is the only thing an engine hands on, so
// nothing an engine (or a model) writes reaches a cluster without passing Validate
// and a renderer.
type Intent struct {
	Request string        `json:"request"`
	Engine  string        `json:"engine"`
	Subject Subject       `json:"subject"`
	Network []NetworkRule `json:"network,omitempty"`
	System  []SystemRule  `json:"system,omitempty"`
	// NoDefaultDeny lists the directions in which the policy must not put
	// the pods it selects into default deny ("without putting the pods into
	// default deny", "no default deny from this policy"): its allow rules
	// add to what other policies allow, and other traffic in that direction
	// is not denied by this policy. Only Cilium can say it
	// (enableDefaultDeny: false); NetworkPolicy and KubeArmor cannot.
	NoDefaultDeny []Direction `json:"noDefaultDeny,omitempty"`
	// Kind is the policy kind the request asks for in words ("cnp: allow
	// ...", "as a CiliumNetworkPolicy"); empty leaves the choice to the
	// kind asked with --kind, or to auto. A kind asked with --kind wins.
	Kind Kind `json:"kind,omitempty"`
	// Notes are facts the engine wants the reader of the explanation to know,
	// such as a Service port it translated into the container port behind it.
	Notes []string `json:"notes,omitempty"`
	// Usage is what a language model spent on the intent; nil for the built-in engine.
	Usage *Usage `json:"usage,omitempty"`
	// Origins say where each value came from: a span of the request, a fact
	// of the tree or a documented default (CheckOrigins).
	Origins []Origin `json:"origins,omitempty"`
	// Others are the statements of the same request about other subjects
	// ("checkout may reach payments, and prometheus may scrape both"), each
	// rendered as policies of its own. They share Request and Engine.
	Others []*Intent `json:"others,omitempty"`
}

// Scope says where the subject lives.
type Scope string

const (
	ScopePods    Scope = "pods"    // pods in one namespace
	ScopeCluster Scope = "cluster" // pods in every (or the listed) namespace
	ScopeNodes   Scope = "nodes"   // the nodes themselves
)

// Subject is what the policy applies to.
type Subject struct {
	Scope     Scope  `json:"scope"`
	Namespace string `json:"namespace,omitempty"`
	// Pods selects pods; nil selects every pod in the namespace (or cluster).
	Pods *metav1.LabelSelector `json:"pods,omitempty"`
	// Namespaces limits a cluster-wide subject to these namespaces (or, with
	// ExceptNamespaces, to all others).
	Namespaces       []string `json:"namespaces,omitempty"`
	ExceptNamespaces bool     `json:"exceptNamespaces,omitempty"`
	// NamespaceLabels limits a cluster-wide subject to the namespaces these
	// labels select.
	NamespaceLabels *metav1.LabelSelector `json:"namespaceLabels,omitempty"`
	// Nodes selects nodes for ScopeNodes; nil selects every node.
	Nodes *metav1.LabelSelector `json:"nodes,omitempty"`
	// Name is how the request named the subject ("the nginx Deployment").
	Name string `json:"name,omitempty"`
}

// Direction of traffic, seen from the subject.
type Direction string

const (
	Ingress Direction = "ingress"
	Egress  Direction = "egress"
)

// Verdict of a network rule.
type Verdict string

const (
	Allow   Verdict = "allow"   // allow the peers and ports; the subject becomes isolated in that direction
	Deny    Verdict = "deny"    // deny the peers and ports, leave everything else as it is
	Isolate Verdict = "isolate" // deny everything in that direction not allowed by another policy
)

// NetworkRule is one network statement about the subject.
type NetworkRule struct {
	Direction Direction `json:"direction"`
	Verdict   Verdict   `json:"verdict"`
	// Peers are OR-ed; no peers means any peer.
	Peers []Peer `json:"peers,omitempty"`
	// Ports are OR-ed; no ports means any port.
	Ports []Port     `json:"ports,omitempty"`
	HTTP  []HTTPRule `json:"http,omitempty"`
	// DNS lists the DNS query patterns allowed to a ClusterDNS peer.
	DNS []string `json:"dns,omitempty"`
	// PortsSaid: the request said the protocols of a ClusterDNS rule's
	// ports ("53 over TCP and UDP", "UDP 53"), which the policy keeps;
	// without it the allowance is the convention (with Cilium, 53 over any
	// protocol with a DNS rule).
	PortsSaid bool `json:"portsSaid,omitempty"`
}

// Peer is the other end of traffic. Its fields are AND-ed: Pods with Namespace
// means those pods in that namespace.
type Peer struct {
	// Pods selects pods; with neither Namespace nor Namespaces, in the subject's namespace.
	Pods *metav1.LabelSelector `json:"pods,omitempty"`
	// Namespace names one namespace; Namespaces selects namespaces by label.
	Namespace  string                `json:"namespace,omitempty"`
	Namespaces *metav1.LabelSelector `json:"namespaces,omitempty"`
	CIDR       string                `json:"cidr,omitempty"`
	Except     []string              `json:"except,omitempty"`
	// FQDN is a DNS name or a wildcard pattern such as *.example.com.
	FQDN string `json:"fqdn,omitempty"`
	// Entity is one of Entities.
	Entity string `json:"entity,omitempty"`
	// Service is a Kubernetes Service, "namespace/name" or "name".
	Service string `json:"service,omitempty"`
	// ClusterDNS is the cluster's DNS service (kube-dns in kube-system).
	ClusterDNS bool `json:"clusterDNS,omitempty"`
	// Name is how the request named the peer.
	Name string `json:"name,omitempty"`
}

// Entities are the peers Cilium knows by name.
var Entities = []string{"world", "cluster", "host", "remote-node", "kube-apiserver", "all"}

// Port is a port, a port range or an ICMP type.
type Port struct {
	Port     int    `json:"port,omitempty"`
	EndPort  int    `json:"endPort,omitempty"`
	Name     string `json:"name,omitempty"`
	Protocol string `json:"protocol,omitempty"` // TCP (default), UDP, SCTP, ICMP or ICMPv6
	ICMPType *int   `json:"icmpType,omitempty"`
}

// HTTPRule allows one kind of HTTP request; empty fields match anything.
type HTTPRule struct {
	Method  string   `json:"method,omitempty"`
	Path    string   `json:"path,omitempty"` // a glob: /api/* matches everything below /api/
	Headers []string `json:"headers,omitempty"`
}

// SystemKind is what a system rule is about.
type SystemKind string

const (
	Process    SystemKind = "process"
	File       SystemKind = "file"
	Protocol   SystemKind = "network"
	Capability SystemKind = "capability"
	Syscall    SystemKind = "syscall"
)

// Action of a system rule, as KubeArmor names them.
type Action string

const (
	ActionBlock Action = "Block"
	ActionAudit Action = "Audit"
	ActionAllow Action = "Allow"
)

// SystemRule is one statement about what runs inside the subject.
type SystemRule struct {
	Kind   SystemKind `json:"kind"`
	Action Action     `json:"action"`
	// Path is an absolute file or executable path; Dir an absolute directory
	// ending in "/"; ExecName an executable name without a path.
	Path      string `json:"path,omitempty"`
	Dir       string `json:"dir,omitempty"`
	Recursive bool   `json:"recursive,omitempty"`
	ExecName  string `json:"execName,omitempty"`
	ReadOnly  bool   `json:"readOnly,omitempty"`
	OwnerOnly bool   `json:"ownerOnly,omitempty"`
	// FromSource limits the rule to these processes (absolute paths).
	FromSource []string `json:"fromSource,omitempty"`
	Protocol   string   `json:"protocol,omitempty"`   // tcp, udp, icmp, raw
	Capability string   `json:"capability,omitempty"` // net_raw, sys_admin, ...
	// Syscalls are the system calls a syscall rule audits, optionally only on
	// Path or Dir.
	Syscalls []string `json:"syscalls,omitempty"`
}

// Usage is what a model spent on one request.
type Usage struct {
	Model            string `json:"model"`
	Attempts         int    `json:"attempts"`
	PromptTokens     int    `json:"promptTokens"`
	CompletionTokens int    `json:"completionTokens"`
	TotalTokens      int    `json:"totalTokens"`
}
