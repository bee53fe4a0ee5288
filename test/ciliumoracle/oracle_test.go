package ciliumoracle

import (
	"cmp"
	"fmt"
	"log/slog"
	"net/netip"
	"os"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/cilium/cilium/pkg/crypto/certificatemanager"
	envoypolicy "github.com/cilium/cilium/pkg/envoy/policy"
	"github.com/cilium/cilium/pkg/fqdn/matchpattern"
	"github.com/cilium/cilium/pkg/identity"
	"github.com/cilium/cilium/pkg/identity/identitymanager"
	ipcachetypes "github.com/cilium/cilium/pkg/ipcache/types"
	"github.com/cilium/cilium/pkg/k8s"
	ciliumv2 "github.com/cilium/cilium/pkg/k8s/apis/cilium.io/v2"
	slimnetworkingv1 "github.com/cilium/cilium/pkg/k8s/slim/k8s/api/networking/v1"
	"github.com/cilium/cilium/pkg/labels"
	"github.com/cilium/cilium/pkg/policy"
	"github.com/cilium/cilium/pkg/policy/api"
	"github.com/cilium/cilium/pkg/policy/types"
	policyutils "github.com/cilium/cilium/pkg/policy/utils"
	fakecerts "github.com/cilium/cilium/pkg/testutils/certificatemanager"
	testpolicy "github.com/cilium/cilium/pkg/testutils/policy"
	"github.com/cilium/cilium/pkg/u8proto"
	"sigs.k8s.io/yaml"
)

// clusterName is the cluster every pod of a case runs in; the cluster
// entity selects pods by it.
const clusterName = "default"

// statementCase is a case of internal/connectivity/testdata/cilium-statements.yaml,
// read again here: that table's types live in a test file of another module.
type statementCase struct {
	Name      string           `json:"name"`
	Statement string           `json:"statement"`
	Source    string           `json:"source"`
	Tree      statementTree    `json:"tree"`
	Policies  []map[string]any `json:"policies"`
	Flows     []statementFlow  `json:"flows"`
}

type statementTree struct {
	Namespaces []struct {
		Name   string            `json:"name"`
		Labels map[string]string `json:"labels"`
	} `json:"namespaces"`
	Workloads []struct {
		Namespace string            `json:"namespace"`
		Name      string            `json:"name"`
		Labels    map[string]string `json:"labels"`
		Ports     []string          `json:"ports"`
	} `json:"workloads"`
}

type statementFlow struct {
	From     string   `json:"from"`
	To       string   `json:"to"`
	Port     int32    `json:"port"`
	Protocol string   `json:"protocol"`
	Verdict  string   `json:"verdict"`
	L7       []string `json:"l7"`
}

func (f statementFlow) String() string {
	return fmt.Sprintf("%s -> %s %d/%s", f.From, f.To, f.Port, cmp.Or(f.Protocol, "TCP"))
}

// TestStatementsOracle asks Cilium's policy repository (policy.LookupFlow,
// the lookup Cilium's own tests use) for the verdict of every flow of the
// statements table. Verdicts the oracle cannot give are skipped by name:
// unknown (Cilium always decides) and requests (LookupFlow reports no L7).
func TestStatementsOracle(t *testing.T) {
	api.InitEntities(clusterName)
	data, err := os.ReadFile("../../internal/connectivity/testdata/cilium-statements.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var table struct {
		Cases []statementCase `json:"cases"`
	}
	if err := yaml.UnmarshalStrict(data, &table); err != nil {
		t.Fatal(err)
	}
	for _, c := range table.Cases {
		t.Run(c.Name, func(t *testing.T) {
			o, err := newOracle(c)
			if err != nil {
				t.Fatal(err)
			}
			for _, f := range c.Flows {
				if f.Verdict == "unknown" {
					continue
				}
				got, err := o.lookup(f)
				if err != nil {
					t.Fatalf("%s: %v", f, err)
				}
				if got != f.Verdict {
					t.Errorf("%s: the table says %s, Cilium says %s\n  statement: %s\n  source: %s",
						f, f.Verdict, got, c.Statement, c.Source)
				}
			}
		})
	}
}

// oracle is one case's policies in a Cilium repository, with an identity
// for each peer of its flows.
type oracle struct {
	c      statementCase
	logger *slog.Logger
	ids    identitymanager.IDManager
	repo   *policy.Repository
	peers  map[string]*identity.Identity
	fqdns  []api.FQDNSelector // every toFQDNs selector of the policies
	// dnsProxy says a policy sends DNS through Cilium's DNS proxy, the only
	// way the agent learns the addresses of names.
	dnsProxy bool
	cidrs    []netip.Prefix // every CIDR the flows name
	nextID   identity.NumericIdentity
}

func newOracle(c statementCase) (*oracle, error) {
	logger := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	ids := identitymanager.NewIDManager(logger)
	o := &oracle{
		c:      c,
		logger: logger,
		ids:    ids,
		repo: policy.NewPolicyRepository(logger, nil, &fakecerts.Fake{},
			envoypolicy.NewEnvoyL7RulesTranslator(logger, certificatemanager.NewMockSecretManagerInline()),
			ids, testpolicy.NewPolicyMetricsNoop()),
		peers:  map[string]*identity.Identity{},
		nextID: 1000,
	}
	var policies []types.PolicyEntries
	var resources []ipcachetypes.ResourceID
	for i, p := range c.Policies {
		entries, err := o.entries(p)
		if err != nil {
			return nil, fmt.Errorf("policies[%d]: %w", i, err)
		}
		policies = append(policies, entries)
		resources = append(resources, resourceID(p))
		for _, e := range entries {
			for _, pr := range e.L4 {
				if pr.Rules != nil && len(pr.Rules.DNS) > 0 {
					o.dnsProxy = true
				}
			}
			for _, sel := range e.L3 {
				if f, ok := sel.GetFQDNSelector(); ok {
					o.fqdns = append(o.fqdns, *f)
				}
			}
		}
	}
	for _, f := range c.Flows {
		for _, p := range []string{f.From, f.To} {
			if v, ok := strings.CutPrefix(p, "cidr:"); ok {
				prefix, err := netip.ParsePrefix(v)
				if err != nil {
					return nil, err
				}
				o.cidrs = append(o.cidrs, prefix.Masked())
			}
		}
	}
	added := identity.IdentityMap{}
	for _, f := range c.Flows {
		for _, p := range []string{f.From, f.To} {
			if _, ok := o.peers[p]; ok {
				continue
			}
			id, err := o.identity(p)
			if err != nil {
				return nil, err
			}
			o.peers[p] = id
			added[id.ID] = id.LabelArray
		}
	}
	wg := &sync.WaitGroup{}
	o.repo.GetSelectorCache().UpdateIdentities(added, nil, wg)
	wg.Wait()
	o.repo.UpdateIdentities(added, nil)
	// The subject selector cache must know the identities before the rules
	// arrive, as it does in the agent.
	for i, entries := range policies {
		o.repo.ReplaceByResource(entries, resources[i])
	}
	return o, nil
}

// resourceID names a policy as the agent's watchers do; the repository
// finds a namespaced policy's rules by the namespace in it.
func resourceID(obj map[string]any) ipcachetypes.ResourceID {
	meta, _ := obj["metadata"].(map[string]any)
	ns, _ := meta["namespace"].(string)
	name, _ := meta["name"].(string)
	kind := map[any]ipcachetypes.ResourceKind{
		"CiliumNetworkPolicy":            ipcachetypes.ResourceKindCNP,
		"CiliumClusterwideNetworkPolicy": ipcachetypes.ResourceKindCCNP,
		"NetworkPolicy":                  ipcachetypes.ResourceKindNetpol,
	}[obj["kind"]]
	return ipcachetypes.NewResourceID(kind, ns, name)
}

// entries turns one policy object into Cilium's policy entries the way the
// agent's Kubernetes watchers do.
func (o *oracle) entries(obj map[string]any) (types.PolicyEntries, error) {
	data, err := yaml.Marshal(obj)
	if err != nil {
		return nil, err
	}
	switch obj["kind"] {
	case "CiliumNetworkPolicy":
		var p ciliumv2.CiliumNetworkPolicy
		if err := yaml.Unmarshal(data, &p); err != nil {
			return nil, err
		}
		rules, err := p.Parse(o.logger, clusterName)
		if err != nil {
			return nil, err
		}
		return policyutils.RulesToPolicyEntries(rules), nil
	case "CiliumClusterwideNetworkPolicy":
		var p ciliumv2.CiliumClusterwideNetworkPolicy
		if err := yaml.Unmarshal(data, &p); err != nil {
			return nil, err
		}
		rules, err := p.Parse(o.logger, clusterName)
		if err != nil {
			return nil, err
		}
		return policyutils.RulesToPolicyEntries(rules), nil
	case "NetworkPolicy":
		var p slimnetworkingv1.NetworkPolicy
		if err := yaml.Unmarshal(data, &p); err != nil {
			return nil, err
		}
		return k8s.ParseNetworkPolicy(o.logger, clusterName, &p)
	}
	return nil, fmt.Errorf("kind %v: not a network policy", obj["kind"])
}

// identity is the security identity Cilium would give a peer of the table.
func (o *oracle) identity(peer string) (*identity.Identity, error) {
	var reserved = map[string]identity.NumericIdentity{
		"host": identity.ReservedIdentityHost, "remote-node": identity.ReservedIdentityRemoteNode,
		"kube-apiserver": identity.ReservedIdentityKubeAPIServer, "health": identity.ReservedIdentityHealth,
		"init": identity.ReservedIdentityInit, "ingress": identity.ReservedIdentityIngress,
		"unmanaged": identity.ReservedIdentityUnmanaged,
	}
	switch {
	case peer == "world":
		// An address outside every CIDR the flows name, as the model's world is.
		return o.outside(o.standIn(netip.MustParsePrefix("0.0.0.0/0")), nil), nil
	case strings.HasPrefix(peer, "cidr:"):
		prefix := netip.MustParsePrefix(strings.TrimPrefix(peer, "cidr:")).Masked()
		return o.outside(o.standIn(prefix), nil), nil
	case strings.HasPrefix(peer, "fqdn:"):
		// Where the DNS proxy sees the name resolve, its address carries
		// the label of every toFQDNs selector that matches the name.
		name := strings.TrimPrefix(peer, "fqdn:")
		fqdn := labels.Labels{}
		for _, f := range o.fqdns {
			if !o.dnsProxy {
				break
			}
			pattern := f.MatchPattern
			if f.MatchName != "" {
				pattern = f.MatchName
			}
			re, err := matchpattern.ValidateWithoutCache(matchpattern.Sanitize(pattern))
			if err != nil {
				return nil, err
			}
			if re.MatchString(matchpattern.Sanitize(name)) {
				l := f.IdentityLabel()
				fqdn[l.Key] = l
			}
		}
		o.nextID++
		addr := netip.AddrFrom4([4]byte{93, 184, 0, byte(o.nextID)})
		return o.outside(addr, fqdn), nil
	case strings.HasPrefix(peer, "entity:"):
		name := strings.TrimPrefix(peer, "entity:")
		id, ok := reserved[name]
		if !ok {
			return nil, fmt.Errorf("peer %s: no reserved identity", peer)
		}
		return identity.LookupReservedIdentity(id), nil
	}
	ns, name, _ := strings.Cut(peer, "/")
	for _, w := range o.c.Tree.Workloads {
		if w.Namespace != ns || w.Name != name {
			continue
		}
		lbls := labels.Labels{}
		add := func(k, v string) { lbls[k] = labels.NewLabel(k, v, labels.LabelSourceK8s) }
		for k, v := range w.Labels {
			add(k, v)
		}
		add("io.kubernetes.pod.namespace", ns)
		add("io.cilium.k8s.policy.cluster", clusterName)
		add("io.cilium.k8s.namespace.labels.kubernetes.io/metadata.name", ns)
		for _, n := range o.c.Tree.Namespaces {
			if n.Name == ns {
				for k, v := range n.Labels {
					add("io.cilium.k8s.namespace.labels."+k, v)
				}
			}
		}
		o.nextID++
		return identity.NewIdentity(o.nextID, lbls), nil
	}
	return nil, fmt.Errorf("peer %s: not a workload of the tree", peer)
}

// outside is the local (CIDR) identity of an address outside the cluster.
func (o *oracle) outside(addr netip.Addr, extra labels.Labels) *identity.Identity {
	lbls := labels.GetCIDRLabels(netip.PrefixFrom(addr, 32))
	for k, l := range extra {
		lbls[k] = l
	}
	o.nextID++
	return identity.NewIdentity(identity.IdentityScopeLocal|o.nextID, lbls)
}

// standIn is an address of prefix that no narrower CIDR of the flows holds.
func (o *oracle) standIn(prefix netip.Prefix) netip.Addr {
	free := func(a netip.Addr) bool {
		for _, c := range o.cidrs {
			if c.Bits() > prefix.Bits() && c.Contains(a) {
				return false
			}
		}
		return prefix.Contains(a)
	}
	for _, s := range []string{"203.0.113.10", "198.51.100.10", "8.8.8.8"} {
		if a := netip.MustParseAddr(s); free(a) {
			return a
		}
	}
	for a := prefix.Addr(); prefix.Contains(a); a = a.Next() {
		if free(a) {
			return a
		}
	}
	return prefix.Addr()
}

// lookup is Cilium's verdict for a flow: the source's egress and the
// destination's ingress must both allow it.
func (o *oracle) lookup(f statementFlow) (string, error) {
	proto := u8proto.TCP
	switch cmp.Or(f.Protocol, "TCP") {
	case "UDP":
		proto = u8proto.UDP
	case "SCTP":
		proto = u8proto.SCTP
	}
	named := map[string]uint16{}
	for _, w := range o.c.Tree.Workloads {
		if w.Namespace+"/"+w.Name != f.To {
			continue
		}
		for _, p := range w.Ports {
			rest, pr, _ := strings.Cut(p, "/")
			if name, num, ok := strings.Cut(rest, ":"); ok && pr == cmp.Or(f.Protocol, "TCP") {
				n, _ := strconv.Atoi(num)
				named[name] = uint16(n)
			}
		}
	}
	flow := types.Flow{
		From: o.peers[f.From], To: o.peers[f.To],
		Proto: proto, Dport: uint16(f.Port),
		NamedPortsTCP: named, NamedPortsUDP: named,
	}
	v, _, _, err := policy.LookupFlow(o.logger, o.repo, o.ids, flow)
	if err != nil {
		return "", err
	}
	if v.Allowed() {
		return "allowed", nil
	}
	return "denied", nil
}
