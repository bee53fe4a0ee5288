package generator_test

import (
	"errors"
	"slices"
	"testing"

	"github.com/kunerva/kunerva/generator"
)

// validIntent is a valid baseline; each case of TestValidation breaks one thing.
func validIntent() *generator.Intent {
	return &generator.Intent{
		Request: "allow the frontend to reach checkout on 8080",
		Engine:  "test",
		Subject: pods("shop", labels("app", "frontend"), "frontend"),
		Network: []generator.NetworkRule{{
			Direction: generator.Egress, Verdict: generator.Allow,
			Peers: []generator.Peer{{Pods: labels("app.kubernetes.io/name", "checkout")}},
			Ports: []generator.Port{{Port: 8080}},
		}},
	}
}

func systemIntent(r generator.SystemRule) *generator.Intent {
	in := validIntent()
	in.Network = nil
	in.System = []generator.SystemRule{r}
	return in
}

// TestValidation checks that Validate reports every problem of an intent, each
// as a *FieldError naming the field, what is wrong and what is allowed.
func TestValidation(t *testing.T) {
	tests := []struct {
		name   string
		modify func(in *generator.Intent) *generator.Intent
		want   []string
	}{
		{
			name:   "valid",
			modify: func(in *generator.Intent) *generator.Intent { return in },
		},
		{
			name: "host capability rule without a source",
			modify: func(*generator.Intent) *generator.Intent {
				in := systemIntent(generator.SystemRule{Kind: generator.Capability, Action: generator.ActionBlock, Capability: "sys_ptrace"})
				in.Subject = generator.Subject{Scope: generator.ScopeNodes, Nodes: labels("role", "builder")}
				return in
			},
			want: []string{`system[0].fromSource: a host policy holds capability rules only for the programs it names; say which ("/usr/bin/makepkg must not get sys_ptrace")`},
		},
		{
			name: "bad CIDR",
			modify: func(in *generator.Intent) *generator.Intent {
				in.Network[0].Peers = []generator.Peer{{CIDR: "10.0.0.300/8"}}
				return in
			},
			want: []string{`network[0].peers[0].cidr: "10.0.0.300/8" is not a CIDR such as 10.0.0.0/8`},
		},
		{
			name: "CIDR with host bits",
			modify: func(in *generator.Intent) *generator.Intent {
				in.Network[0].Peers = []generator.Peer{{CIDR: "10.1.2.3/8"}}
				return in
			},
			want: []string{`network[0].peers[0].cidr: "10.1.2.3/8" has host bits set; did you mean 10.0.0.0/8?`},
		},
		{
			name: "exception with host bits, which the API server refuses",
			modify: func(in *generator.Intent) *generator.Intent {
				in.Network[0].Peers = []generator.Peer{{CIDR: "0.0.0.0/0", Except: []string{"169.254.169.254/30"}}}
				return in
			},
			want: []string{`network[0].peers[0].except[0]: "169.254.169.254/30" has host bits set; did you mean 169.254.169.252/30?`},
		},
		{
			name: "no default deny in a direction twice, in no direction, and beside an isolate rule",
			modify: func(in *generator.Intent) *generator.Intent {
				in.Network = append(in.Network, generator.NetworkRule{Direction: generator.Ingress, Verdict: generator.Isolate})
				in.NoDefaultDeny = []generator.Direction{generator.Egress, "sideways", generator.Egress, generator.Ingress}
				return in
			},
			want: []string{
				`noDefaultDeny[1]: "sideways" is not ingress or egress`,
				`noDefaultDeny[2]: egress is listed twice`,
				`noDefaultDeny[3]: an isolate rule puts the pods into default deny for ingress; the policy cannot also leave it off`,
			},
		},
		{
			name: "no default deny without network rules",
			modify: func(*generator.Intent) *generator.Intent {
				in := systemIntent(generator.SystemRule{Kind: generator.File, Action: generator.ActionBlock, Path: "/etc/shadow"})
				in.NoDefaultDeny = []generator.Direction{generator.Ingress}
				return in
			},
			want: []string{`noDefaultDeny: only a policy with network rules puts pods into default deny; this one has none`},
		},
		{
			name: "port 70000",
			modify: func(in *generator.Intent) *generator.Intent {
				in.Network[0].Ports = []generator.Port{{Port: 70000}}
				return in
			},
			want: []string{`network[0].ports[0].port: 70000 is out of range 1-65535`},
		},
		{
			name: "relative path",
			modify: func(in *generator.Intent) *generator.Intent {
				return systemIntent(generator.SystemRule{Kind: generator.File, Action: generator.ActionBlock, Path: "etc/shadow"})
			},
			want: []string{`system[0].path: "etc/shadow" is not an absolute path; write it from the root, e.g. /etc/shadow`},
		},
		{
			name: "HTTP without a port",
			modify: func(in *generator.Intent) *generator.Intent {
				in.Network[0].Ports = nil
				in.Network[0].HTTP = []generator.HTTPRule{{Method: "GET", Path: "/public"}}
				return in
			},
			want: []string{`network[0].http: an HTTP rule needs the port the HTTP server listens on (e.g. "GET /public on port 8080")`},
		},
		{
			name: "endPort below port",
			modify: func(in *generator.Intent) *generator.Intent {
				in.Network[0].Ports = []generator.Port{{Port: 8080, EndPort: 80}}
				return in
			},
			want: []string{`network[0].ports[0].endPort: the port range 8080 to 80 is empty: the end must be between 8080 and 65535`},
		},
		{
			name: "except outside the CIDR",
			modify: func(in *generator.Intent) *generator.Intent {
				in.Network[0].Peers = []generator.Peer{{CIDR: "10.0.0.0/8", Except: []string{"192.168.0.0/16"}}}
				return in
			},
			want: []string{`network[0].peers[0].except[0]: 192.168.0.0/16 is not inside 10.0.0.0/8`},
		},
		{
			name: "DNS name on ingress",
			modify: func(in *generator.Intent) *generator.Intent {
				in.Network[0].Direction = generator.Ingress
				in.Network[0].Peers = []generator.Peer{{FQDN: "api.example.com"}}
				return in
			},
			want: []string{`network[0].peers[0].fqdn: DNS names can only be egress destinations`},
		},
		{
			name: "unknown capability",
			modify: func(in *generator.Intent) *generator.Intent {
				return systemIntent(generator.SystemRule{Kind: generator.Capability, Action: generator.ActionBlock, Capability: "cap_net_raw"})
			},
			want: []string{`system[0].capability: "cap_net_raw" is not a Linux capability such as net_raw or sys_admin (lower case, without cap_)`},
		},
		{
			name: "a syscall rule that audits",
			modify: func(in *generator.Intent) *generator.Intent {
				return systemIntent(generator.SystemRule{Kind: generator.Syscall, Action: generator.ActionAudit, Syscalls: []string{"unlink"}, Dir: "/var/log/", Recursive: true, FromSource: []string{"/usr/bin/rm"}})
			},
		},
		{
			name: "a syscall rule that blocks",
			modify: func(in *generator.Intent) *generator.Intent {
				return systemIntent(generator.SystemRule{Kind: generator.Syscall, Action: generator.ActionBlock, Syscalls: []string{"unlink"}})
			},
			want: []string{`system[0].action: KubeArmor only audits system calls; it cannot block them`},
		},
		{
			name: "a syscall rule that allows",
			modify: func(in *generator.Intent) *generator.Intent {
				return systemIntent(generator.SystemRule{Kind: generator.Syscall, Action: generator.ActionAllow, Syscalls: []string{"mount"}})
			},
			want: []string{`system[0].action: KubeArmor only audits system calls; it cannot allow them`},
		},
		{
			name: "a syscall KubeArmor does not know",
			modify: func(in *generator.Intent) *generator.Intent {
				return systemIntent(generator.SystemRule{Kind: generator.Syscall, Action: generator.ActionAudit, Syscalls: []string{"unlink", "Unlink", "rm"}})
			},
			want: []string{
				`system[0].syscalls[1]: "Unlink" is not a system call KubeArmor knows (e.g. unlink, rmdir, execve, mount)`,
				`system[0].syscalls[2]: "rm" is not a system call KubeArmor knows (e.g. unlink, rmdir, execve, mount)`,
			},
		},
		{
			name: "a syscall rule without syscalls",
			modify: func(in *generator.Intent) *generator.Intent {
				return systemIntent(generator.SystemRule{Kind: generator.Syscall, Action: generator.ActionAudit})
			},
			want: []string{`system[0].syscalls: a syscall rule names the system calls it audits, e.g. unlink`},
		},
		{
			name: "a syscall rule on an executable name",
			modify: func(in *generator.Intent) *generator.Intent {
				return systemIntent(generator.SystemRule{Kind: generator.Syscall, Action: generator.ActionAudit, Syscalls: []string{"unlink"}, ExecName: "rm"})
			},
			want: []string{`system[0]: a syscall rule may name a path or a directory, nothing else`},
		},
		{
			name: "a recursive syscall rule on a file",
			modify: func(in *generator.Intent) *generator.Intent {
				return systemIntent(generator.SystemRule{Kind: generator.Syscall, Action: generator.ActionAudit, Syscalls: []string{"unlink"}, Path: "/etc/hosts", Recursive: true})
			},
			want: []string{`system[0].recursive: only directories can be recursive`},
		},
		{
			name: "syscalls on a file rule",
			modify: func(in *generator.Intent) *generator.Intent {
				return systemIntent(generator.SystemRule{Kind: generator.File, Action: generator.ActionBlock, Path: "/etc/hosts", Syscalls: []string{"unlink"}})
			},
			want: []string{`system[0].syscalls: only a syscall rule names system calls`},
		},
		{
			name: "ICMPv6 echo request",
			modify: func(in *generator.Intent) *generator.Intent {
				in.Network[0].Ports = []generator.Port{{Protocol: "ICMPv6", ICMPType: ptr(128)}}
				return in
			},
		},
		{
			name: "ICMPv6 without a type",
			modify: func(in *generator.Intent) *generator.Intent {
				in.Network[0].Ports = []generator.Port{{Protocol: "ICMPv6"}}
				return in
			},
			want: []string{`network[0].ports[0].icmpType: Cilium matches ICMPv6 by type only: name the type, such as 128 (echo request)`},
		},
		{
			name: "ICMP without a type",
			modify: func(in *generator.Intent) *generator.Intent {
				in.Network[0].Ports = []generator.Port{{Protocol: "ICMP"}}
				return in
			},
			want: []string{`network[0].ports[0].icmpType: Cilium matches ICMP by type only: name the type, such as 8 (echo request)`},
		},
		{
			name: "ICMPv6 with a port and a type out of range",
			modify: func(in *generator.Intent) *generator.Intent {
				in.Network[0].Ports = []generator.Port{{Protocol: "ICMPv6", Port: 128, ICMPType: ptr(256)}}
				return in
			},
			want: []string{
				`network[0].ports[0]: ICMP has types, not ports`,
				`network[0].ports[0].icmpType: 256 is out of range 0-255`,
			},
		},
		{
			name: "a statement about another subject is validated with its place",
			modify: func(in *generator.Intent) *generator.Intent {
				other := validIntent()
				other.Network[0].Ports = []generator.Port{{Port: 70000}}
				in.Others = []*generator.Intent{validIntent(), other}
				return in
			},
			want: []string{`others[1].network[0].ports[0].port: 70000 is out of range 1-65535`},
		},
		{
			name: "others do not nest",
			modify: func(in *generator.Intent) *generator.Intent {
				other := validIntent()
				other.Others = []*generator.Intent{validIntent()}
				in.Others = []*generator.Intent{other}
				return in
			},
			want: []string{`others[0].others: others do not nest`},
		},
		{
			name: "every problem in one pass",
			modify: func(in *generator.Intent) *generator.Intent {
				in.Subject.Namespace = ""
				in.Network[0].Ports = []generator.Port{{Port: 0, Protocol: "tcp"}}
				return in
			},
			want: []string{
				`subject.namespace: a pod subject needs a namespace`,
				`network[0].ports[0].protocol: "tcp" is not one of TCP, UDP, SCTP, ICMP, ICMPv6`,
				`network[0].ports[0].port: 0 is out of range 1-65535`,
			},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.modify(validIntent()).Validate()
			got := fieldErrors(t, err)
			if !slices.Equal(got, tc.want) {
				t.Errorf("Validate() =\n  %q\nwant\n  %q", got, tc.want)
			}
		})
	}
}

// fieldErrors unpacks Validate's joined error into its *FieldError texts.
func fieldErrors(t *testing.T, err error) []string {
	t.Helper()
	if err == nil {
		return nil
	}
	errs := []error{err}
	if joined, ok := err.(interface{ Unwrap() []error }); ok {
		errs = joined.Unwrap()
	}
	var out []string
	for _, e := range errs {
		var fe *generator.FieldError
		if !errors.As(e, &fe) {
			t.Errorf("%v is not a *generator.FieldError", e)
			continue
		}
		out = append(out, fe.Error())
	}
	return out
}
