package connectivity

import (
	"fmt"
	"regexp"
	"strings"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/labels"

	"github.com/kunerva/kunerva/internal/policy"
)

// ciliumSelector reads an endpoint selector: label keys with or without
// their source (k8s:app and app), pods in namespace ns unless the selector
// names the pod's namespace itself (ns "" for cluster-wide policies).
// Selectors on reserved labels are entities: the model cannot match them.
func ciliumSelector(sel metav1.LabelSelector, ns string) (peerMatch, error) {
	var plain metav1.LabelSelector
	namesNamespace := false
	reserved := ""
	key := func(k string) string {
		source, key := policy.CiliumLabelKey(k)
		if source == "reserved" {
			reserved = k
		}
		if key == policy.CiliumNamespace || strings.HasPrefix(key, policy.CiliumNamespaceLabels) {
			namesNamespace = true
		}
		return key
	}
	for k, v := range sel.MatchLabels {
		if plain.MatchLabels == nil {
			plain.MatchLabels = map[string]string{}
		}
		plain.MatchLabels[key(k)] = v
	}
	for _, e := range sel.MatchExpressions {
		e.Key = key(e.Key)
		plain.MatchExpressions = append(plain.MatchExpressions, e)
	}
	s, err := metav1.LabelSelectorAsSelector(&plain)
	if err != nil {
		return nil, err
	}
	return func(e *endpoint) (bool, string) {
		if reserved != "" {
			return false, "a selector of the reserved label " + reserved + " selects Cilium's own identities"
		}
		if !e.isWorkload() {
			return false, ""
		}
		if ns != "" && !namesNamespace && e.peer.Namespace != ns {
			return false, ""
		}
		return s.Matches(ciliumLabels(e)), ""
	}, nil
}

// ciliumLabels are the labels Cilium gives a pod's identity, without their
// source: the pod's own, its namespace, and its namespace's labels.
func ciliumLabels(e *endpoint) labels.Set {
	set := labels.Set{policy.CiliumNamespace: e.peer.Namespace}
	for k, v := range e.labels {
		set[k] = v
	}
	for k, v := range e.nsLabels {
		set[policy.CiliumNamespaceLabels+k] = v
	}
	return set
}

// entityMatch holds the peers Cilium's entity selects: world every address
// outside the cluster (named or not), cluster every pod and the cluster's
// own entities, all everything.
func entityMatch(name string) peerMatch {
	name = strings.ToLower(name)
	return func(e *endpoint) (bool, string) {
		switch name {
		case "all":
			return true, ""
		case "world", "world-ipv4":
			if e.peer == apiserverEntity {
				return false, "whether the world entity covers the kube-apiserver depends on where it runs"
			}
			return e.peer.Kind == PeerWorld || e.peer.Kind == PeerCIDR || e.peer.Kind == PeerFQDN, ""
		case "world-ipv6":
			return false, ""
		case "cluster":
			return e.isWorkload() || e.peer.Kind == PeerEntity, ""
		}
		if e.peer == apiserverEntity && (name == "host" || name == "remote-node") {
			// The API server's identity carries host, remote-node or world
			// too, by where it runs, which the tree does not say.
			return false, "whether the " + name + " entity covers the kube-apiserver depends on where it runs"
		}
		return e.peer.Kind == PeerEntity && e.peer.Value == name, ""
	}
}

var apiserverEntity = Peer{Kind: PeerEntity, Value: "kube-apiserver"}

// entityPeer is the outside peer an entity names; world is the world,
// cluster and all name no peer of their own.
func entityPeer(name string) (Peer, bool) {
	switch name = strings.ToLower(name); name {
	case "world", "world-ipv4", "world-ipv6":
		return Peer{Kind: PeerWorld}, true
	case "all", "cluster":
		return Peer{}, false
	}
	return Peer{Kind: PeerEntity, Value: name}, true
}

// fqdnMatch holds a DNS name a toFQDNs entry selects. A pattern's * stands
// for the characters of one DNS label, and * alone for every name, as
// Cilium's matchPattern reads them.
func (m *Model) fqdnMatch(f ciliumFQDN) peerMatch {
	re := fqdnRegexp(f)
	pattern := strings.ToLower(strings.TrimSuffix(f.MatchPattern, "."))
	return func(e *endpoint) (bool, string) {
		return e.peer.Kind == PeerFQDN && (re.MatchString(e.peer.Value) || pattern != "" && e.peer.Value == pattern), ""
	}
}

// maxFQDN is the longest DNS name (RFC 1035), with a trailing dot. A
// longer name or pattern matches nothing, and a pattern of megabytes
// would make a regexp too large to compile.
const maxFQDN = 254

func fqdnLength(f ciliumFQDN) error {
	for _, name := range []string{f.MatchName, f.MatchPattern} {
		if len(name) > maxFQDN {
			return fmt.Errorf("%q... is %d characters long, longer than a DNS name (%d): shorten it", name[:40], len(name), maxFQDN)
		}
	}
	return nil
}

func fqdnRegexp(f ciliumFQDN) *regexp.Regexp {
	if f.MatchName != "" {
		return regexp.MustCompile("^" + regexp.QuoteMeta(strings.ToLower(strings.TrimSuffix(f.MatchName, "."))) + "$")
	}
	pattern := strings.ToLower(strings.TrimSuffix(f.MatchPattern, "."))
	if pattern == "*" {
		return regexp.MustCompile(".*")
	}
	// "**." stands for one or more labels, "*" for the characters of one.
	var re strings.Builder
	for i, deep := range strings.Split(pattern, "**.") {
		if i > 0 {
			re.WriteString(`([-a-z0-9_]+\.)+`)
		}
		parts := strings.Split(deep, "*")
		for j, p := range parts {
			parts[j] = regexp.QuoteMeta(p)
		}
		re.WriteString(strings.Join(parts, "[-a-z0-9_]*"))
	}
	return regexp.MustCompile("^" + re.String() + "$")
}
