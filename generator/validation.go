package generator

import (
	"errors"
	"fmt"
	"net/netip"
	"path"
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/util/validation"
)

// FieldError is one problem with an intent, at a JSON path such as
// network[0].ports[1].port.
type FieldError struct {
	Field string
	Msg   string
}

func (e *FieldError) Error() string {
	if e.Field == "" {
		return e.Msg
	}
	return e.Field + ": " + e.Msg
}

var (
	fqdnRE       = regexp.MustCompile(`^(\*\.)?(([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?|\*)\.)+[a-z]{2,63}\.?$`)
	execNameRE   = regexp.MustCompile(`^[A-Za-z0-9._+-]+$`)
	capabilityRE = regexp.MustCompile(`^(chown|dac_override|dac_read_search|fowner|fsetid|kill|setgid|setuid|setpcap|linux_immutable|net_bind_service|net_broadcast|net_admin|net_raw|ipc_lock|ipc_owner|sys_module|sys_rawio|sys_chroot|sys_ptrace|sys_pacct|sys_admin|sys_boot|sys_nice|sys_resource|sys_time|sys_tty_config|mknod|lease|audit_write|audit_control|setfcap|mac_override|mac_admin)$`)
	httpMethods  = []string{"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "CONNECT", "TRACE"}
	protocols    = []string{"TCP", "UDP", "SCTP", "ICMP", "ICMPv6"}
	sysProtocols = []string{"tcp", "udp", "icmp", "raw"}
)

// Validate reports every problem with the intent in one error (errors.Join of
// *FieldError), or nil.
func (in *Intent) Validate() error {
	v := &validator{}
	v.subject(in.Subject)
	if len(in.Network) == 0 && len(in.System) == 0 {
		v.add("", "the intent has no network and no system rules")
	}
	for i, r := range in.Network {
		v.networkRule(fmt.Sprintf("network[%d]", i), r)
	}
	for i, r := range in.System {
		v.systemRule(fmt.Sprintf("system[%d]", i), r)
	}
	if in.Subject.Scope == ScopeNodes && len(in.Network) > 0 {
		v.add("network", "network rules for nodes are not supported; use a subject of pods or the cluster")
	}
	// KubeArmorHostPolicy holds capability and network rules only for the
	// processes they name (its schema requires fromSource there).
	for i, r := range in.System {
		if in.Subject.Scope == ScopeNodes && (r.Kind == Capability || r.Kind == Protocol) && len(r.FromSource) == 0 {
			v.add(fmt.Sprintf("system[%d].fromSource", i), "a host policy holds %s rules only for the programs it names; say which (\"/usr/bin/makepkg must not get sys_ptrace\")", r.Kind)
		}
	}
	v.noDefaultDeny(in)
	for i, o := range in.Others {
		if len(o.Others) > 0 {
			v.add(fmt.Sprintf("others[%d].others", i), "others do not nest")
		}
		if err := o.Validate(); err != nil {
			for _, e := range flatten(err) {
				var fe *FieldError
				if errors.As(e, &fe) {
					v.add(fmt.Sprintf("others[%d].%s", i, fe.Field), "%s", fe.Msg)
				}
			}
		}
	}
	return errors.Join(v.errs...)
}

func flatten(err error) []error {
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		return j.Unwrap()
	}
	return []error{err}
}

type validator struct{ errs []error }

func (v *validator) add(field, format string, args ...any) {
	v.errs = append(v.errs, &FieldError{Field: field, Msg: fmt.Sprintf(format, args...)})
}

func (v *validator) subject(s Subject) {
	switch s.Scope {
	case ScopePods:
		if s.Namespace == "" {
			v.add("subject.namespace", "a pod subject needs a namespace")
		}
	case ScopeCluster, ScopeNodes:
		if s.Namespace != "" {
			v.add("subject.namespace", "%q: a %s subject has no namespace", s.Namespace, s.Scope)
		}
	default:
		v.add("subject.scope", "%q is not one of pods, cluster, nodes", s.Scope)
	}
	if s.Namespace != "" {
		v.dns1123("subject.namespace", s.Namespace)
	}
	for i, ns := range s.Namespaces {
		v.dns1123(fmt.Sprintf("subject.namespaces[%d]", i), ns)
	}
	v.selector("subject.pods", s.Pods)
	v.selector("subject.nodes", s.Nodes)
	if s.NamespaceLabels != nil {
		v.selector("subject.namespaceLabels", s.NamespaceLabels)
		if s.Scope != ScopeCluster {
			v.add("subject.namespaceLabels", "only a cluster subject selects namespaces by label")
		}
		if len(s.Namespaces) > 0 {
			v.add("subject.namespaceLabels", "a subject selects its namespaces by name or by label, not both")
		}
	}
}

func (v *validator) dns1123(field, name string) {
	for _, msg := range validation.IsDNS1123Label(name) {
		v.add(field, "%q is not a valid namespace name: %s", name, msg)
	}
}

func (v *validator) selector(field string, s *metav1.LabelSelector) {
	if s == nil {
		return
	}
	if _, err := metav1.LabelSelectorAsSelector(s); err != nil {
		v.add(field, "%v", err)
	}
}

// noDefaultDeny checks the directions a policy leaves out of default deny:
// each once, of a policy with network rules, and none that an isolate rule
// of the same policy puts into default deny.
func (v *validator) noDefaultDeny(in *Intent) {
	if len(in.NoDefaultDeny) > 0 && len(in.Network) == 0 {
		v.add("noDefaultDeny", "only a policy with network rules puts pods into default deny; this one has none")
	}
	for i, d := range in.NoDefaultDeny {
		field := fmt.Sprintf("noDefaultDeny[%d]", i)
		switch {
		case d != Ingress && d != Egress:
			v.add(field, "%q is not ingress or egress", d)
		case slices.Contains(in.NoDefaultDeny[:i], d):
			v.add(field, "%s is listed twice", d)
		case slices.ContainsFunc(in.Network, func(r NetworkRule) bool { return r.Direction == d && r.Verdict == Isolate }):
			v.add(field, "an isolate rule puts the pods into default deny for %s; the policy cannot also leave it off", d)
		}
	}
}

func (v *validator) networkRule(field string, r NetworkRule) {
	if r.Direction != Ingress && r.Direction != Egress {
		v.add(field+".direction", "%q is not ingress or egress", r.Direction)
	}
	switch r.Verdict {
	case Allow, Deny:
	case Isolate:
		if len(r.Peers)+len(r.Ports)+len(r.HTTP)+len(r.DNS) > 0 {
			v.add(field, "an isolate rule takes no peers, ports or L7 rules; use allow or deny for those")
		}
	default:
		v.add(field+".verdict", "%q is not allow, deny or isolate", r.Verdict)
	}
	for i, p := range r.Peers {
		v.peer(fmt.Sprintf("%s.peers[%d]", field, i), r.Direction, p)
	}
	for i, p := range r.Ports {
		v.port(fmt.Sprintf("%s.ports[%d]", field, i), p)
	}
	if len(r.HTTP) > 0 {
		if r.Verdict != Allow {
			v.add(field+".http", "HTTP rules only narrow what is allowed; a %s rule cannot have them", r.Verdict)
		}
		if len(r.Ports) == 0 {
			v.add(field+".http", "an HTTP rule needs the port the HTTP server listens on (e.g. \"GET /public on port 8080\")")
		}
		for _, p := range r.Ports {
			if p.Protocol == "ICMP" || p.Protocol == "ICMPv6" || p.Protocol == "UDP" {
				v.add(field+".http", "HTTP rules need TCP ports, not %s", p.Protocol)
				break
			}
		}
	}
	for i, h := range r.HTTP {
		f := fmt.Sprintf("%s.http[%d]", field, i)
		if h.Method != "" && !slices.Contains(httpMethods, h.Method) {
			v.add(f+".method", "%q is not an HTTP method (%s)", h.Method, strings.Join(httpMethods, ", "))
		}
		if h.Path != "" && !strings.HasPrefix(h.Path, "/") {
			v.add(f+".path", "%q must start with /", h.Path)
		}
		v.text(f+".path", h.Path)
		for j, hd := range h.Headers {
			v.text(fmt.Sprintf("%s.headers[%d]", f, j), hd)
		}
	}
	for i, d := range r.DNS {
		if !fqdnRE.MatchString(d) && d != "*" {
			v.add(fmt.Sprintf("%s.dns[%d]", field, i), "%q is not a DNS name or pattern such as *.example.com", d)
		}
	}
}

func (v *validator) peer(field string, dir Direction, p Peer) {
	kinds := 0
	for _, set := range []bool{p.Pods != nil || p.Namespace != "" || p.Namespaces != nil, p.CIDR != "", p.FQDN != "", p.Entity != "", p.Service != "", p.ClusterDNS} {
		if set {
			kinds++
		}
	}
	if kinds != 1 {
		v.add(field, "a peer is exactly one of pods/namespaces, cidr, fqdn, entity, service or clusterDNS (got %d)", kinds)
	}
	v.selector(field+".pods", p.Pods)
	v.selector(field+".namespaces", p.Namespaces)
	if p.Namespace != "" {
		v.dns1123(field+".namespace", p.Namespace)
	}
	if p.Namespace != "" && p.Namespaces != nil {
		v.add(field, "name a namespace or select namespaces by label, not both")
	}
	if p.CIDR != "" {
		prefix, err := netip.ParsePrefix(p.CIDR)
		if err != nil {
			v.add(field+".cidr", "%q is not a CIDR such as 10.0.0.0/8", p.CIDR)
		} else if prefix.Masked() != prefix {
			v.add(field+".cidr", "%q has host bits set; did you mean %s?", p.CIDR, prefix.Masked())
		}
		for i, e := range p.Except {
			ex, err := netip.ParsePrefix(e)
			switch {
			case err != nil:
				v.add(fmt.Sprintf("%s.except[%d]", field, i), "%q is not a CIDR such as 10.1.0.0/16", e)
			case ex.Masked() != ex:
				// The API server refuses it ("must not have bits set beyond
				// the prefix length").
				v.add(fmt.Sprintf("%s.except[%d]", field, i), "%q has host bits set; did you mean %s?", e, ex.Masked())
			case err == nil && prefix.IsValid() && (!prefix.Contains(ex.Addr()) || ex.Bits() < prefix.Bits()):
				v.add(fmt.Sprintf("%s.except[%d]", field, i), "%s is not inside %s", e, p.CIDR)
			case err == nil && prefix.IsValid() && ex.Bits() == prefix.Bits():
				// NetworkPolicy wants a strict subset; the rule would allow nothing.
				v.add(fmt.Sprintf("%s.except[%d]", field, i), "%s leaves nothing of %s; an exception must be a smaller range inside it", e, p.CIDR)
			}
		}
	} else if len(p.Except) > 0 {
		v.add(field+".except", "exceptions need a cidr")
	}
	if p.FQDN != "" {
		if !fqdnRE.MatchString(p.FQDN) {
			v.add(field+".fqdn", "%q is not a DNS name or pattern such as *.example.com", p.FQDN)
		}
		if dir == Ingress {
			v.add(field+".fqdn", "DNS names can only be egress destinations")
		}
	}
	if p.Entity != "" && !slices.Contains(Entities, p.Entity) {
		v.add(field+".entity", "%q is not one of %s", p.Entity, strings.Join(Entities, ", "))
	}
	if p.Service != "" && dir == Ingress {
		v.add(field+".service", "a Service can only be an egress destination")
	}
}

func (v *validator) port(field string, p Port) {
	proto := p.Protocol
	if proto == "" {
		proto = "TCP"
	}
	if !slices.Contains(protocols, proto) {
		v.add(field+".protocol", "%q is not one of %s", p.Protocol, strings.Join(protocols, ", "))
	}
	if proto == "ICMP" || proto == "ICMPv6" {
		if p.Port != 0 || p.EndPort != 0 || p.Name != "" {
			v.add(field, "ICMP has types, not ports")
		}
		switch {
		case p.ICMPType == nil:
			// Cilium's toPorts take no ICMP, and its icmps need a type.
			echo := map[string]int{"ICMP": 8, "ICMPv6": 128}[proto]
			v.add(field+".icmpType", "Cilium matches %s by type only: name the type, such as %d (echo request)", proto, echo)
		case *p.ICMPType < 0 || *p.ICMPType > 255:
			v.add(field+".icmpType", "%d is out of range 0-255", *p.ICMPType)
		}
		return
	}
	if p.ICMPType != nil {
		v.add(field+".icmpType", "only ICMP has types")
	}
	switch {
	case p.Name != "" && p.Port != 0:
		v.add(field, "give a port number or a port name, not both")
	case p.Name != "":
		for _, msg := range validation.IsValidPortName(p.Name) {
			v.add(field+".name", "%q is not a valid port name: %s", p.Name, msg)
		}
		if p.EndPort != 0 {
			v.add(field+".endPort", "a port range needs numbers, not the name %q", p.Name)
		}
	case p.Port < 1 || p.Port > 65535:
		v.add(field+".port", "%d is out of range 1-65535", p.Port)
	}
	if p.EndPort != 0 && (p.EndPort < p.Port || p.EndPort > 65535) {
		v.add(field+".endPort", "the port range %d to %d is empty: the end must be between %d and 65535", p.Port, p.EndPort, p.Port)
	}
}

func (v *validator) systemRule(field string, r SystemRule) {
	if r.Action != ActionBlock && r.Action != ActionAudit && r.Action != ActionAllow {
		v.add(field+".action", "%q is not Block, Audit or Allow", r.Action)
	}
	targets := 0
	for _, s := range []string{r.Path, r.Dir, r.ExecName, r.Protocol, r.Capability} {
		if s != "" {
			targets++
		}
	}
	if targets != 1 && !(r.Kind == Syscall && targets == 0) {
		v.add(field, "a system rule names exactly one of path, dir, execName, protocol or capability")
	}
	if len(r.Syscalls) > 0 && r.Kind != Syscall {
		v.add(field+".syscalls", "only a syscall rule names system calls")
	}
	switch r.Kind {
	case Syscall:
		if len(r.Syscalls) == 0 {
			v.add(field+".syscalls", "a syscall rule names the system calls it audits, e.g. unlink")
		}
		for i, sc := range r.Syscalls {
			if !IsSyscall(sc) {
				v.add(fmt.Sprintf("%s.syscalls[%d]", field, i), "%q is not a system call KubeArmor knows (e.g. unlink, rmdir, execve, mount)", sc)
			}
		}
		if r.ExecName != "" || r.Protocol != "" || r.Capability != "" {
			v.add(field, "a syscall rule may name a path or a directory, nothing else")
		}
		if r.ReadOnly || r.OwnerOnly {
			v.add(field, "readOnly and ownerOnly do not apply to system calls")
		}
		if r.Action != ActionAudit {
			v.add(field+".action", "KubeArmor only audits system calls; it cannot %s them", strings.ToLower(string(r.Action)))
		}
	case File, Process:
		if r.Protocol != "" || r.Capability != "" {
			v.add(field, "a %s rule takes a path, dir or execName", r.Kind)
		}
		if r.Kind == File && r.ExecName != "" {
			v.add(field+".execName", "files are matched by absolute path, not by name")
		}
	case Protocol:
		if !slices.Contains(sysProtocols, r.Protocol) {
			v.add(field+".protocol", "%q is not one of %s", r.Protocol, strings.Join(sysProtocols, ", "))
		}
	case Capability:
		if !capabilityRE.MatchString(r.Capability) {
			v.add(field+".capability", "%q is not a Linux capability such as net_raw or sys_admin (lower case, without cap_)", r.Capability)
		}
	default:
		v.add(field+".kind", "%q is not process, file, network, capability or syscall", r.Kind)
	}
	if r.Path != "" {
		v.absPath(field+".path", r.Path, false)
	}
	if r.Dir != "" {
		v.absPath(field+".dir", r.Dir, true)
	} else if r.Recursive {
		v.add(field+".recursive", "only directories can be recursive")
	}
	if r.ExecName != "" && !execNameRE.MatchString(r.ExecName) {
		v.add(field+".execName", "%q is not an executable name (no slashes or spaces)", r.ExecName)
	}
	if (r.ReadOnly || r.OwnerOnly) && r.Kind != File && r.Kind != Process {
		v.add(field, "readOnly and ownerOnly apply to files and processes")
	}
	if r.ReadOnly && r.Kind == Process {
		v.add(field+".readOnly", "processes cannot be read-only; use a file rule")
	}
	for i, s := range r.FromSource {
		v.absPath(fmt.Sprintf("%s.fromSource[%d]", field, i), s, false)
	}
}

// text rejects what cannot be written into a policy: control characters and
// invalid UTF-8.
func (v *validator) text(field, s string) bool {
	if !utf8.ValidString(s) || strings.IndexFunc(s, unicode.IsControl) >= 0 {
		v.add(field, "%q contains control characters or invalid UTF-8", s)
		return false
	}
	return true
}

func (v *validator) absPath(field, p string, dir bool) {
	if !v.text(field, p) {
		return
	}
	switch {
	case !strings.HasPrefix(p, "/"):
		v.add(field, "%q is not an absolute path; write it from the root, e.g. /%s", p, p)
	case len(p) > 200:
		v.add(field, "paths longer than 200 characters are not supported")
	case strings.ContainsAny(p, "*?[]"):
		v.add(field, "%q is a pattern: KubeArmor matches paths as written and cannot match a pattern; name each path, or a directory with its subdirectories", p)
	case dir && !strings.HasSuffix(p, "/"):
		v.add(field, "%q: a directory ends with /", p)
	case !dir && strings.HasSuffix(p, "/"):
		v.add(field, "%q ends with /: use a directory rule for directories", p)
	case path.Clean(p) != strings.TrimSuffix(p, "/") && p != "/":
		v.add(field, "%q is not a clean path; did you mean %s?", p, path.Clean(p))
	}
}
