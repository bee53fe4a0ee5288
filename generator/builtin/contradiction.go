package builtin

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/kunerva/kunerva/generator"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// contradiction describes two rules that say opposite things about the same
// traffic or the same file, or returns "".
func contradiction(in *generator.Intent) string {
	for i, a := range in.System {
		for _, b := range in.System[:i] {
			if a.Action != b.Action && a.Kind == b.Kind && a.Path == b.Path && a.Dir == b.Dir && a.ExecName == b.ExecName && a.Protocol == b.Protocol && a.Capability == b.Capability && slices.Equal(a.Syscalls, b.Syscalls) && slices.Equal(a.FromSource, b.FromSource) {
				return fmt.Sprintf("it says both %s and %s for %s", strings.ToLower(string(b.Action)), strings.ToLower(string(a.Action)), generator.TargetText(b))
			}
			// "deny /proc/** w: ... /proc/ and everything below it may be
			// read, but any write must be blocked": one rule blocks all
			// access to what the other lets be read.
			if a.Action == b.Action && a.Kind == generator.File && b.Kind == generator.File && a.ReadOnly != b.ReadOnly && a.Path == b.Path && a.Dir == b.Dir && slices.Equal(a.FromSource, b.FromSource) {
				all := b
				if all.ReadOnly {
					all = a
				}
				return fmt.Sprintf("one rule blocks %s and another only the writes, which lets it be read", generator.TargetText(all))
			}
			// "Policy 5: Allow Raw Sockets - for the app=wisecow pods block
			// NET_RAW": raw sockets are what the net_raw capability opens,
			// so one verdict undoes the other.
			if a.Action != b.Action && rawSockets(a) && rawSockets(b) && a.Kind != b.Kind && slices.Equal(a.FromSource, b.FromSource) {
				return fmt.Sprintf("it says %s for %s and %s for %s, and raw sockets are what the net_raw capability opens", strings.ToLower(string(b.Action)), generator.TargetText(b), strings.ToLower(string(a.Action)), generator.TargetText(a))
			}
		}
	}
	for i, a := range in.Network {
		for _, b := range in.Network[:i] {
			if a.Verdict != b.Verdict && a.Direction == b.Direction && a.Verdict != generator.Isolate && b.Verdict != generator.Isolate {
				ja, _ := json.Marshal([]any{a.Peers, a.Ports})
				jb, _ := json.Marshal([]any{b.Peers, b.Ports})
				if string(ja) == string(jb) {
					return fmt.Sprintf("it both allows and denies %s traffic %s", a.Direction, generator.TrafficText(a.Peers, a.Ports))
				}
				// "deny egress to 10.0.0.0/8 and allow egress to 10.1.0.0/16":
				// the deny wins inside its range, so the allow would do nothing.
				deny, allow := a, b
				if deny.Verdict != generator.Deny {
					deny, allow = b, a
				}
				// "Deny frontend to db. The db pods accept traffic from the
				// frontend pods on 5432": a deny of every port wins over
				// the allow of some.
				if deny.Verdict == generator.Deny && len(deny.Ports) == 0 && sameJSON(deny.Peers, allow.Peers) {
					return fmt.Sprintf("it denies %s traffic %s, which wins over the allow of it %s, so the allow would do nothing", deny.Direction, generator.TrafficText(deny.Peers, deny.Ports), generator.TrafficText(allow.Peers, allow.Ports))
				}
				if deny.Verdict == generator.Deny && len(deny.Ports) == 0 && cidrInside(allow.Peers, deny.Peers) {
					return fmt.Sprintf("the %s deny of %s wins over the allow of %s inside it, so the allow would do nothing (to deny one range but not another inside it, say \"deny %s to %s except %s\")",
						deny.Direction, deny.Peers[0].CIDR, allow.Peers[0].CIDR, deny.Direction, deny.Peers[0].CIDR, allow.Peers[0].CIDR)
				}
			}
		}
	}
	return ""
}

// rawSockets reports whether a system rule is about raw sockets: the raw
// protocol, or the net_raw capability that opens them.
func rawSockets(r generator.SystemRule) bool {
	return r.Kind == generator.Protocol && r.Protocol == "raw" || r.Kind == generator.Capability && r.Capability == "net_raw"
}

// cidrInside reports whether every peer of inner is an address range inside
// one of outer's (with no exception of outer's around it).
func cidrInside(inner, outer []generator.Peer) bool {
	return len(inner) > 0 && !slices.ContainsFunc(inner, func(in generator.Peer) bool {
		return !slices.ContainsFunc(outer, func(out generator.Peer) bool {
			return in.CIDR != "" && out.CIDR != "" && len(out.Except) == 0 && cidrContains(out.CIDR, in.CIDR)
		})
	})
}

// peersOf reports whether a network rule of in has the pods of sel (or
// namespaces of its labels) as a peer.
func peersOf(in *generator.Intent, sel *metav1.LabelSelector) bool {
	if sel == nil {
		return false
	}
	js, _ := json.Marshal(sel)
	for _, r := range in.Network {
		for _, p := range r.Peers {
			if jp, _ := json.Marshal(p.Pods); p.Pods != nil && string(jp) == string(js) {
				return true
			}
			// "I labeled the default namespace with project=default. ...
			// from pods in namespaces labeled project=default": the labels
			// said before are the peers' namespaces'.
			if jn, _ := json.Marshal(p.Namespaces); p.Namespaces != nil && string(jn) == string(js) {
				return true
			}
		}
	}
	return false
}

func sameSubject(a, b generator.Subject) bool {
	ja, _ := json.Marshal(generator.Subject{Scope: a.Scope, Namespace: a.Namespace, Pods: a.Pods, Namespaces: a.Namespaces, ExceptNamespaces: a.ExceptNamespaces, NamespaceLabels: a.NamespaceLabels, Nodes: a.Nodes})
	jb, _ := json.Marshal(generator.Subject{Scope: b.Scope, Namespace: b.Namespace, Pods: b.Pods, Namespaces: b.Namespaces, ExceptNamespaces: b.ExceptNamespaces, NamespaceLabels: b.NamespaceLabels, Nodes: b.Nodes})
	return string(ja) == string(jb)
}

func dedupe(s []string) []string {
	var out []string
	for _, x := range s {
		if !slices.Contains(out, x) {
			out = append(out, x)
		}
	}
	return out
}
