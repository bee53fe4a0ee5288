package cyclonus

import (
	"errors"
	"fmt"
	"maps"
	"net/netip"
	"slices"

	"github.com/mattfenwick/cyclonus/pkg/matcher"
	corev1 "k8s.io/api/core/v1"
	networkingv1 "k8s.io/api/networking/v1"
	"sigs.k8s.io/yaml"

	"github.com/kunerva/kunerva/internal/connectivity"
	"github.com/kunerva/kunerva/internal/tree"
)

// errIncomparable marks a flow cyclonus has no answer for: a peer that
// NetworkPolicy cannot name (an FQDN, a Cilium entity), a protocol it does
// not cover, or a CIDR peer no address stands for.
var errIncomparable = errors.New("not comparable")

// Judge answers, with cyclonus's matcher, whether a flow of a tree is
// allowed under a set of NetworkPolicies.
type Judge struct {
	tree     *tree.Tree
	policy   *matcher.Policy
	addrs    addresses
	podIP    netip.Addr // every pod's address: outside every named CIDR
	podIPOK  bool
	worldIP  netip.Addr // outside every named CIDR but 0.0.0.0/0 and ::/0
	worldOK  bool
	anyPort  int // stands for connectivity.Port Number 0
	policies []string
}

// NewJudge reads policies (objects of kind NetworkPolicy; others are
// ignored) for the flows of t.
func NewJudge(t *tree.Tree, policies []tree.Object) (*Judge, error) {
	j := &Judge{tree: t}
	var nps []*networkingv1.NetworkPolicy
	for _, o := range policies {
		if o.Kind != "NetworkPolicy" || o.APIVersion != "networking.k8s.io/v1" {
			continue
		}
		np, err := decodePolicy(o)
		if err != nil {
			return nil, err
		}
		nps = append(nps, withKubernetesNotIn(np)...)
		j.policies = append(j.policies, "NetworkPolicy/"+np.Namespace+"/"+np.Name)
	}
	var err error
	if j.policy, err = build(nps); err != nil {
		return nil, err
	}
	if j.addrs, err = namedPrefixes(nps); err != nil {
		return nil, err
	}
	j.podIP, j.podIPOK = j.addrs.outside()
	j.worldIP, j.worldOK = j.addrs.world()
	j.anyPort = unnamedPort(t, nps)
	return j, nil
}

// decodePolicy reads o as the API server would store it: in the object's
// namespace, with policyTypes defaulted (cyclonus refuses a policy without
// them, as it never sees one the API server has not defaulted).
func decodePolicy(o tree.Object) (*networkingv1.NetworkPolicy, error) {
	var np networkingv1.NetworkPolicy
	if err := yaml.UnmarshalStrict(o.YAML, &np); err != nil {
		return nil, fmt.Errorf("NetworkPolicy %s/%s: decode: %w", o.Namespace, o.Name, err)
	}
	if np.Namespace == "" {
		np.Namespace = o.Namespace
	}
	if len(np.Spec.PolicyTypes) == 0 {
		np.Spec.PolicyTypes = []networkingv1.PolicyType{networkingv1.PolicyTypeIngress}
		if len(np.Spec.Egress) > 0 {
			np.Spec.PolicyTypes = append(np.Spec.PolicyTypes, networkingv1.PolicyTypeEgress)
		}
	}
	return &np, nil
}

// build turns cyclonus's panics on policies it finds invalid into an error.
func build(nps []*networkingv1.NetworkPolicy) (p *matcher.Policy, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("cyclonus refuses the policies: %v", r)
		}
	}()
	return matcher.BuildNetworkPolicies(false, nps), nil
}

func namedPrefixes(nps []*networkingv1.NetworkPolicy) (addresses, error) {
	var a addresses
	var errs []error
	for _, np := range nps {
		for _, b := range ipBlocks(np) {
			for _, s := range append([]string{b.CIDR}, b.Except...) {
				p, err := netip.ParsePrefix(s)
				if err != nil {
					errs = append(errs, fmt.Errorf("NetworkPolicy %s/%s: ipBlock %q: %w", np.Namespace, np.Name, s, err))
					continue
				}
				a.named = append(a.named, p.Masked())
			}
		}
	}
	return a, errors.Join(errs...)
}

func ipBlocks(np *networkingv1.NetworkPolicy) []*networkingv1.IPBlock {
	var peers []networkingv1.NetworkPolicyPeer
	for _, r := range np.Spec.Ingress {
		peers = append(peers, r.From...)
	}
	for _, r := range np.Spec.Egress {
		peers = append(peers, r.To...)
	}
	var blocks []*networkingv1.IPBlock
	for _, p := range peers {
		if p.IPBlock != nil {
			blocks = append(blocks, p.IPBlock)
		}
	}
	return blocks
}

// Verdict is cyclonus's answer for f, with the policies that select its
// ends (Kind/namespace/name, sorted), or an error wrapping errIncomparable.
func (j *Judge) Verdict(f connectivity.Flow) (connectivity.Verdict, []string, error) {
	from, err := j.peer(f.From)
	if err != nil {
		return "", nil, err
	}
	to, err := j.peer(f.To)
	if err != nil {
		return "", nil, err
	}
	switch f.Port.Protocol {
	case "TCP", "UDP", "SCTP":
	default:
		return "", nil, fmt.Errorf("protocol %s: %w", f.Port.Protocol, errIncomparable)
	}
	port := int(f.Port.Number)
	if port == 0 {
		port = j.anyPort
	}
	r := j.policy.IsTrafficAllowed(&matcher.Traffic{
		Source: from, Destination: to,
		ResolvedPort: port, ResolvedPortName: f.Port.Name, Protocol: corev1.Protocol(f.Port.Protocol),
	})
	v := connectivity.Denied
	if r.IsAllowed() {
		v = connectivity.Allowed
	}
	return v, because(r), nil
}

func because(r *matcher.AllowedResult) []string {
	set := map[string]bool{}
	for _, ts := range [][]*matcher.Target{r.Ingress.AllowingTargets, r.Ingress.DenyingTargets, r.Egress.AllowingTargets, r.Egress.DenyingTargets} {
		for _, t := range ts {
			for _, np := range t.SourceRules {
				set["NetworkPolicy/"+np.Namespace+"/"+np.Name] = true
			}
		}
	}
	return slices.Sorted(maps.Keys(set))
}

func (j *Judge) peer(p connectivity.Peer) (*matcher.TrafficPeer, error) {
	switch p.Kind {
	case connectivity.PeerWorkload:
		return j.pod(p.Namespace, p.Name)
	case connectivity.PeerWorld:
		if !j.worldOK {
			return nil, fmt.Errorf("world: the policies' CIDRs hold every address: %w", errIncomparable)
		}
		return &matcher.TrafficPeer{IP: j.worldIP.String()}, nil
	case connectivity.PeerCIDR:
		pre, err := netip.ParsePrefix(p.Value)
		if err != nil {
			return nil, fmt.Errorf("peer %s: %w", p, err)
		}
		addr, ok := j.addrs.inside(pre)
		if !ok {
			return nil, fmt.Errorf("%s: narrower CIDRs take all of it: %w", p, errIncomparable)
		}
		return &matcher.TrafficPeer{IP: addr.String()}, nil
	}
	return nil, fmt.Errorf("peer %s: %w", p, errIncomparable)
}

func (j *Judge) pod(namespace, name string) (*matcher.TrafficPeer, error) {
	i := slices.IndexFunc(j.tree.Workloads, func(w tree.Workload) bool { return w.Namespace == namespace && w.Name == name })
	if i < 0 {
		return nil, fmt.Errorf("workload %s/%s is not in the tree", namespace, name)
	}
	if !j.podIPOK {
		return nil, fmt.Errorf("%s/%s: the policies' CIDRs hold every address, so a pod's would be in one: %w", namespace, name, errIncomparable)
	}
	ns, _ := j.tree.Namespace(namespace)
	nsLabels := maps.Clone(ns.Labels)
	if nsLabels == nil {
		nsLabels = map[string]string{}
	}
	nsLabels["kubernetes.io/metadata.name"] = namespace // the API server sets it on every namespace
	return &matcher.TrafficPeer{
		IP: j.podIP.String(),
		Internal: &matcher.InternalPeer{
			Namespace:       namespace,
			NamespaceLabels: nsLabels,
			PodLabels:       maps.Clone(j.tree.Workloads[i].PodLabels),
		},
	}, nil
}
