package generator

import (
	"fmt"
	"slices"
	"strings"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// Explain gives a plain-English account of what the policies allow and block,
// for whom. It is written from the intent, which the policies render exactly.
func Explain(in *Intent, policies []Policy) string {
	var b strings.Builder
	for _, p := range policies {
		x := p.intent
		if x == nil {
			x = in
		}
		where := ""
		if p.Namespace != "" {
			where = " in namespace " + p.Namespace
		}
		fmt.Fprintf(&b, "%s %s%s applies to %s.\n", p.Kind, p.Name, where, SubjectText(x.Subject))
		if p.Kind.family() == KindKubeArmor {
			explainSystem(&b, x.System)
		} else {
			explainNetwork(&b, x, p.Kind)
		}
	}
	var notes []string
	for _, x := range append([]*Intent{in}, in.Others...) {
		for _, n := range x.Notes {
			if !slices.Contains(notes, n) {
				notes = append(notes, n)
			}
		}
	}
	for _, n := range notes {
		fmt.Fprintf(&b, "Note: %s.\n", n)
	}
	b.WriteString(OriginsText(in))
	fmt.Fprintf(&b, "Understood by the %s engine from: %q\n", EngineText(in), in.Request)
	return b.String()
}

// EngineText names the engine that understood the intent and, for a
// model, what it spent: "llm (gpt-4o-mini, 2 attempts, 3120 tokens: ...)".
func EngineText(in *Intent) string {
	if in.Usage == nil {
		return in.Engine
	}
	return in.Engine + " (" + in.Usage.String() + ")"
}

// String says what a model spent: "gpt-4o-mini, 2 attempts, 3120 tokens: 2900 prompt, 220 completion".
func (u *Usage) String() string {
	attempts := "1 attempt"
	if u.Attempts != 1 {
		attempts = fmt.Sprintf("%d attempts", u.Attempts)
	}
	return fmt.Sprintf("%s, %s, %d tokens: %d prompt, %d completion", u.Model, attempts, u.TotalTokens, u.PromptTokens, u.CompletionTokens)
}

func explainNetwork(b *strings.Builder, in *Intent, kind Kind) {
	isolated := map[Direction]bool{}
	for _, r := range in.Network {
		if r.Verdict != Deny {
			isolated[r.Direction] = true
		}
	}
	for _, r := range in.Network {
		from, dirWord := "from", "incoming"
		if r.Direction == Egress {
			from, dirWord = "to", "outgoing"
		}
		switch r.Verdict {
		case Isolate:
			fmt.Fprintf(b, "- It denies all %s traffic (%s) that no other policy allows.\n", dirWord, r.Direction)
		case Allow:
			fmt.Fprintf(b, "- It allows %s traffic %s %s%s%s.\n", dirWord, from, peersText(r.Peers, in.Subject), portsText(r.Ports), httpText(r.HTTP, r.DNS))
		case Deny:
			fmt.Fprintf(b, "- It denies %s traffic %s %s%s, even where another policy allows it.\n", dirWord, from, peersText(r.Peers, in.Subject), portsText(r.Ports))
		}
	}
	for _, d := range []Direction{Ingress, Egress} {
		if slices.Contains(in.NoDefaultDeny, d) {
			fmt.Fprintf(b, "- %s: %s; it does not put them into default deny for %s (enableDefaultDeny: false), so what it allows only adds to what other policies allow.\n", strings.ToUpper(string(d[:1]))+string(d[1:]), noDefaultDenyText(d), d)
			continue
		}
		if isolated[d] {
			verb := "receive"
			if d == Egress {
				verb = "send"
			}
			fmt.Fprintf(b, "- Once applied, the selected pods %s only the %s traffic that this or another policy allows; the rest is dropped.\n", verb, d)
		} else {
			fmt.Fprintf(b, "- %s traffic is left as it is.\n", strings.ToUpper(string(d[:1]))+string(d[1:]))
		}
	}
	if kind.family() == KindCilium {
		fmt.Fprintf(b, "- Enforced by Cilium; it needs Cilium as the cluster's network plugin.\n")
	}
}

// noDefaultDenyText says what leaving a direction out of default deny
// means, as the explanation and a refusal's summary say it: "other traffic
// to these pods is not denied by this policy".
func noDefaultDenyText(d Direction) string {
	if d == Egress {
		return "other traffic from these pods is not denied by this policy"
	}
	return "other traffic to these pods is not denied by this policy"
}

func explainSystem(b *strings.Builder, rules []SystemRule) {
	allowList := false
	for _, r := range rules {
		verb := map[Action]string{ActionBlock: "blocks", ActionAudit: "audits (logs, without blocking)", ActionAllow: "allows"}[r.Action]
		fmt.Fprintf(b, "- It %s %s.\n", verb, TargetText(r))
		if r.Action == ActionAllow {
			allowList = true
		}
	}
	if allowList {
		fmt.Fprintf(b, "- Allow rules make an allow-list: KubeArmor then blocks (or audits, by the cluster's default posture) every other access of the same kind in these pods.\n")
	}
	fmt.Fprintf(b, "- Enforced by KubeArmor on the nodes; it needs KubeArmor installed in the cluster.\n")
}

// TargetText says what a system rule is about, without its action:
// "access to /etc/shadow by /usr/sbin/nginx".
func TargetText(r SystemRule) string {
	var s string
	switch {
	case r.Kind == Capability:
		return "use of the " + r.Capability + " capability" + sourcesText(r.FromSource)
	case r.Kind == Protocol:
		return "opening " + r.Protocol + " sockets" + sourcesText(r.FromSource)
	case r.Kind == Syscall:
		s = "the system calls " + strings.Join(r.Syscalls, ", ")
		switch {
		case r.Dir != "":
			s += " on " + r.Dir + recursiveText(r.Recursive)
		case r.Path != "":
			s += " on " + r.Path
		}
		return s + sourcesText(r.FromSource)
	case r.Kind == Process && r.ExecName != "":
		s = "running any executable named " + r.ExecName
	case r.Kind == Process && r.Dir != "":
		s = "running executables in " + r.Dir + recursiveText(r.Recursive)
	case r.Kind == Process:
		s = "running " + r.Path
	case r.Dir != "":
		s = "access to the directory " + r.Dir + recursiveText(r.Recursive)
	default:
		s = "access to " + r.Path
	}
	if r.ReadOnly {
		s = strings.Replace(s, "access to", "writes to", 1) + " (reading stays allowed)"
		if r.Action == ActionAllow {
			s = strings.Replace(s, "writes to", "read-only access to", 1)
			s = strings.TrimSuffix(s, " (reading stays allowed)")
		}
	}
	if r.OwnerOnly {
		s += ", by anyone but the file's owner"
	}
	return s + sourcesText(r.FromSource)
}

func recursiveText(recursive bool) string {
	if recursive {
		return " and everything below it"
	}
	return " (not its subdirectories)"
}

func sourcesText(sources []string) string {
	if len(sources) == 0 {
		return ""
	}
	return " by " + strings.Join(sources, " or ")
}

// SubjectText says what a subject selects: "pods labeled app=nginx in namespace web".
func SubjectText(s Subject) string {
	switch s.Scope {
	case ScopeCluster:
		t := "pods in every namespace"
		if len(s.Namespaces) > 0 {
			t = "pods in namespaces " + strings.Join(s.Namespaces, ", ")
			if s.ExceptNamespaces {
				t = "pods in every namespace except " + strings.Join(s.Namespaces, ", ")
			}
		}
		if s.NamespaceLabels != nil {
			t = "pods in namespaces labeled " + selectorText(s.NamespaceLabels)
		}
		if s.Pods != nil {
			t = "pods labeled " + selectorText(s.Pods) + " in " + strings.TrimPrefix(t, "pods in ")
		}
		return t
	case ScopeNodes:
		if s.Nodes == nil {
			return "every node"
		}
		return "nodes labeled " + selectorText(s.Nodes)
	}
	if s.Pods == nil || len(s.Pods.MatchLabels)+len(s.Pods.MatchExpressions) == 0 {
		return "every pod in namespace " + s.Namespace
	}
	t := "pods labeled " + selectorText(s.Pods) + " in namespace " + s.Namespace
	if s.Name != "" && !strings.Contains(selectorText(s.Pods), s.Name) {
		t = "the " + s.Name + " " + t
	}
	return t
}

func selectorText(s *metav1.LabelSelector) string {
	if s == nil {
		return "(any)"
	}
	var parts []string
	for _, k := range sortedKeys(s.MatchLabels) {
		parts = append(parts, k+"="+s.MatchLabels[k])
	}
	for _, e := range s.MatchExpressions {
		switch e.Operator {
		case metav1.LabelSelectorOpExists:
			parts = append(parts, "a "+e.Key+" label")
		case metav1.LabelSelectorOpDoesNotExist:
			parts = append(parts, "no "+e.Key+" label")
		case metav1.LabelSelectorOpNotIn:
			parts = append(parts, e.Key+" not in ("+strings.Join(e.Values, ", ")+")")
		default:
			parts = append(parts, e.Key+" in ("+strings.Join(e.Values, ", ")+")")
		}
	}
	if len(parts) == 0 {
		return "(any)"
	}
	return strings.Join(parts, ", ")
}

// peersText names the peers of a rule of the subject's policy: a pod peer
// with no namespace is in the policy's namespace, or, for a cluster-wide
// policy, in any namespace.
func peersText(peers []Peer, s Subject) string {
	if len(peers) == 0 {
		return "anywhere"
	}
	var parts []string
	for _, p := range peers {
		parts = append(parts, peerText(p, s.Scope == ScopeCluster))
	}
	return strings.Join(parts, " or ")
}

func peerText(p Peer, cluster bool) string {
	switch {
	case p.ClusterDNS:
		return "the cluster DNS (kube-dns in kube-system)"
	case p.CIDR != "":
		if len(p.Except) > 0 {
			return p.CIDR + " except " + strings.Join(p.Except, ", ")
		}
		return p.CIDR
	case p.FQDN != "":
		return p.FQDN
	case p.Entity != "":
		return map[string]string{"world": "the world outside the cluster", "cluster": "anything in the cluster", "host": "the node the pod runs on", "remote-node": "other nodes", "kube-apiserver": "the Kubernetes API server", "all": "anything"}[p.Entity]
	case p.Service != "":
		return "the Service " + p.Service
	}
	var t string
	switch {
	case p.Pods != nil && len(p.Pods.MatchLabels)+len(p.Pods.MatchExpressions) > 0:
		t = "pods labeled " + selectorText(p.Pods)
	default:
		t = "any pod"
	}
	switch {
	case p.Namespace != "":
		t += " in namespace " + p.Namespace
	case p.Namespaces != nil && len(p.Namespaces.MatchLabels)+len(p.Namespaces.MatchExpressions) > 0:
		t += " in namespaces labeled " + selectorText(p.Namespaces)
	case p.Namespaces != nil || cluster:
		t += " in any namespace"
	default:
		t += " in the same namespace"
	}
	return t
}

func portsText(ports []Port) string {
	if len(ports) == 0 {
		return " on any port"
	}
	var parts []string
	for _, p := range ports {
		proto := p.Protocol
		if proto == "" {
			proto = "TCP"
		}
		switch {
		case (proto == "ICMP" || proto == "ICMPv6") && p.ICMPType != nil:
			parts = append(parts, fmt.Sprintf("%s type %d", proto, *p.ICMPType))
		case proto == "ICMP" || proto == "ICMPv6":
			parts = append(parts, "any "+proto)
		case p.Name != "":
			parts = append(parts, fmt.Sprintf("the port named %s (%s)", p.Name, proto))
		case p.EndPort != 0:
			parts = append(parts, fmt.Sprintf("%d-%d/%s", p.Port, p.EndPort, proto))
		default:
			parts = append(parts, fmt.Sprintf("%d/%s", p.Port, proto))
		}
	}
	return " on " + strings.Join(parts, ", ")
}

func httpText(rules []HTTPRule, dns []string) string {
	var parts []string
	for _, h := range rules {
		m, path := h.Method, h.Path
		if m == "" {
			m = "any method"
		}
		if path == "" {
			path = "any path"
		}
		s := m + " " + path
		if len(h.Headers) > 0 {
			s += " with header " + strings.Join(h.Headers, ", ")
		}
		parts = append(parts, s)
	}
	if len(parts) > 0 {
		return ", and only the HTTP requests " + strings.Join(parts, "; ")
	}
	if len(dns) > 0 {
		return ", for DNS lookups of " + strings.Join(dns, ", ")
	}
	return ""
}

// TrafficText says which peers and ports traffic goes to or comes from:
// "pods labeled app=checkout in namespace shop on 8443/TCP".
func TrafficText(peers []Peer, ports []Port) string {
	return peersText(peers, Subject{}) + portsText(ports)
}

// SystemText lists system rules with their actions: "block running /bin/sh, audit ...".
func SystemText(rules []SystemRule) string {
	var parts []string
	for _, r := range rules {
		parts = append(parts, strings.ToLower(string(r.Action))+" "+TargetText(r))
	}
	return strings.Join(parts, ", ")
}

// Summary lists what the intent says, for the understood part of a refusal.
func (in *Intent) Summary() []string {
	var out []string
	out = append(out, "applies to "+SubjectText(in.Subject))
	for _, r := range in.Network {
		out = append(out, fmt.Sprintf("%s %s %s%s", r.Verdict, r.Direction, peersText(r.Peers, in.Subject), portsText(r.Ports)))
	}
	for _, d := range in.NoDefaultDeny {
		out = append(out, fmt.Sprintf("no default deny for %s: %s", d, noDefaultDenyText(d)))
	}
	if len(in.System) > 0 {
		out = append(out, SystemText(in.System))
	}
	return out
}

// Title states the effect of the intent in one line, for a commit or a pull
// request: "Allow ingress to app=payments in payments from ... on 8443/TCP".
func Title(in *Intent) string {
	who := SubjectText(in.Subject)
	if len(in.System) > 0 {
		r := in.System[0]
		t := fmt.Sprintf("%s %s in %s", titleVerb(string(r.Action)), TargetText(r), who)
		if n := len(in.System) - 1; n > 0 {
			t += fmt.Sprintf(" (and %d more rules)", n)
		}
		return t
	}
	r := in.Network[0]
	var t string
	switch r.Verdict {
	case Isolate:
		t = fmt.Sprintf("Default-deny %s for %s", r.Direction, who)
	default:
		prep := "to"
		if r.Direction == Ingress {
			prep = "from"
		}
		t = fmt.Sprintf("%s %s for %s %s %s%s", titleVerb(string(r.Verdict)), r.Direction, who, prep, peersText(r.Peers, in.Subject), portsText(r.Ports))
	}
	if n := len(in.Network) - 1; n > 0 {
		t += fmt.Sprintf(" (and %d more rules)", n)
	}
	return t
}

func titleVerb(v string) string {
	if v == "" {
		return v
	}
	return strings.ToUpper(v[:1]) + strings.ToLower(v[1:])
}
