package connectivity_test

import (
	"cmp"
	"fmt"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"

	"sigs.k8s.io/yaml"

	"github.com/kunerva/kunerva/internal/connectivity"
	"github.com/kunerva/kunerva/internal/tree"
)

// statementCase is one statement of the Cilium documentation checked on a
// small tree; testdata/cilium-statements.yaml says how cases are written.
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
		Ports     []string          `json:"ports"` // "80/TCP" or "http:8080/TCP"
	} `json:"workloads"`
}

type statementFlow struct {
	From     string   `json:"from"`
	To       string   `json:"to"`
	Port     int32    `json:"port"`
	Protocol string   `json:"protocol"` // TCP when empty
	Verdict  string   `json:"verdict"`
	L7       []string `json:"l7"` // nil: not checked
}

func (f statementFlow) String() string {
	return fmt.Sprintf("%s -> %s %d/%s", f.From, f.To, f.Port, cmp.Or(f.Protocol, "TCP"))
}

// TestCiliumStatements checks the model against what the Cilium
// documentation says policies do: each flow of each case must get the
// verdict (and requests) the statement gives it.
func TestCiliumStatements(t *testing.T) {
	for _, c := range loadStatements(t) {
		t.Run(c.Name, func(t *testing.T) {
			objs, err := c.objects()
			if err != nil {
				t.Fatalf("%s: %v", c.Name, err)
			}
			tr, err := tree.FromObjects("testdata/cilium-statements.yaml#"+c.Name, objs)
			if err != nil {
				t.Fatalf("tree: %v", err)
			}
			m, err := connectivity.New(tr)
			if err != nil {
				t.Fatalf("model: %v", err)
			}
			for _, f := range c.Flows {
				from, err := parsePeer(f.From)
				if err != nil {
					t.Fatalf("%s: from: %v", f, err)
				}
				to, err := parsePeer(f.To)
				if err != nil {
					t.Fatalf("%s: to: %v", f, err)
				}
				got := m.Decide(from, to, c.port(to, f))
				if string(got.Verdict) != f.Verdict {
					t.Errorf("%s: want %s, got %s %s (because %v)\n  statement: %s\n  source: %s",
						f, f.Verdict, got.Verdict, got.Reason, got.Because, c.Statement, c.Source)
					continue
				}
				if f.L7 != nil && !sameRequests(got.L7, f.L7) {
					t.Errorf("%s: want requests %q, got %q\n  statement: %s\n  source: %s",
						f, f.L7, got.L7, c.Statement, c.Source)
				}
			}
		})
	}
}

// TestCiliumStatementsTable keeps the table readable as evidence: every
// case says what it checks and where the documentation says it, and every
// flow has a verdict the model can give.
func TestCiliumStatementsTable(t *testing.T) {
	cases := loadStatements(t)
	names := map[string]bool{}
	for _, c := range cases {
		if c.Name == "" || names[c.Name] {
			t.Errorf("case %q: names must be present and unique", c.Name)
		}
		names[c.Name] = true
		if c.Statement == "" || !strings.HasPrefix(c.Source, "https://") {
			t.Errorf("%s: a case needs a statement and an https source", c.Name)
		}
		if len(c.Policies) == 0 || len(c.Flows) == 0 {
			t.Errorf("%s: a case needs policies and flows", c.Name)
		}
		for _, f := range c.Flows {
			if !slices.Contains([]string{"allowed", "denied", "unknown"}, f.Verdict) {
				t.Errorf("%s: %s: verdict %q is not allowed, denied or unknown", c.Name, f, f.Verdict)
			}
		}
		if _, err := c.objects(); err != nil {
			t.Errorf("%s: %v", c.Name, err)
		}
	}
}

func loadStatements(t *testing.T) []statementCase {
	t.Helper()
	data, err := os.ReadFile("testdata/cilium-statements.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var table struct {
		Cases []statementCase `json:"cases"`
	}
	if err := yaml.UnmarshalStrict(data, &table); err != nil {
		t.Fatalf("testdata/cilium-statements.yaml: %v", err)
	}
	return table.Cases
}

// objects are the case's tree as a kustomize build would give it: a
// Namespace and a Deployment per workload, then the policies.
func (c statementCase) objects() ([]tree.Object, error) {
	var objs []tree.Object
	add := func(m map[string]any) error {
		meta, _ := m["metadata"].(map[string]any)
		name, _ := meta["name"].(string)
		ns, _ := meta["namespace"].(string)
		apiVersion, _ := m["apiVersion"].(string)
		kind, _ := m["kind"].(string)
		if name == "" || kind == "" || apiVersion == "" {
			return fmt.Errorf("object %v: needs apiVersion, kind and metadata.name", m)
		}
		if kind == "NetworkPolicy" || kind == "CiliumNetworkPolicy" {
			if ns == "" {
				return fmt.Errorf("%s/%s: a namespaced policy needs metadata.namespace", kind, name)
			}
		}
		data, err := yaml.Marshal(m)
		if err != nil {
			return err
		}
		objs = append(objs, tree.Object{APIVersion: apiVersion, Kind: kind, Namespace: ns, Name: name, YAML: data})
		return nil
	}
	for _, n := range c.Tree.Namespaces {
		meta := map[string]any{"name": n.Name}
		if n.Labels != nil {
			meta["labels"] = n.Labels
		}
		if err := add(map[string]any{"apiVersion": "v1", "kind": "Namespace", "metadata": meta}); err != nil {
			return nil, err
		}
	}
	for _, w := range c.Tree.Workloads {
		var ports []any
		for _, p := range w.Ports {
			cp, err := parseContainerPort(p)
			if err != nil {
				return nil, fmt.Errorf("workload %s/%s: %w", w.Namespace, w.Name, err)
			}
			port := map[string]any{"containerPort": cp.Port, "protocol": cp.Protocol}
			if cp.Name != "" {
				port["name"] = cp.Name
			}
			ports = append(ports, port)
		}
		deployment := map[string]any{
			"apiVersion": "apps/v1",
			"kind":       "Deployment",
			"metadata":   map[string]any{"name": w.Name, "namespace": w.Namespace},
			"spec": map[string]any{
				"selector": map[string]any{"matchLabels": w.Labels},
				"template": map[string]any{
					"metadata": map[string]any{"labels": w.Labels},
					"spec": map[string]any{"containers": []any{
						map[string]any{"name": "main", "image": "registry.example/" + w.Name, "ports": ports},
					}},
				},
			},
		}
		if err := add(deployment); err != nil {
			return nil, err
		}
	}
	for _, p := range c.Policies {
		if err := add(p); err != nil {
			return nil, err
		}
	}
	return objs, nil
}

// port is the flow's port as the model names it: with the destination
// container's name for it, when the destination is a workload that has one.
func (c statementCase) port(to connectivity.Peer, f statementFlow) connectivity.Port {
	p := connectivity.Port{Number: f.Port, Protocol: cmp.Or(f.Protocol, "TCP")}
	if to.Kind != connectivity.PeerWorkload || p.Number == 0 {
		return p
	}
	for _, w := range c.Tree.Workloads {
		if w.Namespace != to.Namespace || w.Name != to.Name {
			continue
		}
		for _, s := range w.Ports {
			cp, err := parseContainerPort(s)
			if err == nil && cp.Port == p.Number && cp.Protocol == p.Protocol {
				p.Name = cp.Name
			}
		}
	}
	return p
}

// parseContainerPort reads "80/TCP" or "http:8080/TCP".
func parseContainerPort(s string) (tree.ContainerPort, error) {
	var cp tree.ContainerPort
	rest, proto, ok := strings.Cut(s, "/")
	if !ok {
		return cp, fmt.Errorf("port %q: want [name:]number/protocol", s)
	}
	if name, num, ok := strings.Cut(rest, ":"); ok {
		cp.Name, rest = name, num
	}
	n, err := strconv.ParseInt(rest, 10, 32)
	if err != nil {
		return cp, fmt.Errorf("port %q: %w", s, err)
	}
	cp.Port, cp.Protocol = int32(n), proto
	return cp, nil
}

// parsePeer reads the notation of Peer.String.
func parsePeer(s string) (connectivity.Peer, error) {
	if s == "world" {
		return connectivity.Peer{Kind: connectivity.PeerWorld}, nil
	}
	for prefix, kind := range map[string]connectivity.PeerKind{
		"cidr:":   connectivity.PeerCIDR,
		"fqdn:":   connectivity.PeerFQDN,
		"entity:": connectivity.PeerEntity,
	} {
		if v, ok := strings.CutPrefix(s, prefix); ok {
			return connectivity.Peer{Kind: kind, Value: v}, nil
		}
	}
	ns, name, ok := strings.Cut(s, "/")
	if !ok || ns == "" || name == "" {
		return connectivity.Peer{}, fmt.Errorf("peer %q: want namespace/name, world, cidr:, fqdn: or entity:", s)
	}
	return connectivity.Peer{Kind: connectivity.PeerWorkload, Namespace: ns, Name: name}, nil
}

// sameRequests compares request lists as sets: the order in which policies
// add requests is not part of any statement.
func sameRequests(got, want []string) bool {
	g, w := slices.Clone(got), slices.Clone(want)
	slices.Sort(g)
	slices.Sort(w)
	return slices.Equal(g, w)
}
