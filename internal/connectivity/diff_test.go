package connectivity

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/kunerva/kunerva/internal/tree"
)

func loadShop(t testing.TB) *Model {
	t.Helper()
	tr, err := tree.Load("../../examples/shop")
	if err != nil {
		t.Fatal(err)
	}
	m, err := New(tr)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// object builds a tree object from one YAML document.
func object(t testing.TB, kind, namespace, name, yaml string) tree.Object {
	t.Helper()
	api := map[string]string{"NetworkPolicy": "networking.k8s.io/v1", "CiliumNetworkPolicy": "cilium.io/v2", "CiliumClusterwideNetworkPolicy": "cilium.io/v2"}[kind]
	head := fmt.Sprintf("apiVersion: %s\nkind: %s\nmetadata:\n  name: %s\n", api, kind, name)
	if namespace != "" {
		head += "  namespace: " + namespace + "\n"
	}
	return tree.Object{APIVersion: api, Kind: kind, Namespace: namespace, Name: name, YAML: []byte(head + yaml)}
}

func diff(t *testing.T, before *Model, objs ...tree.Object) Report {
	t.Helper()
	after, err := before.With(objs)
	if err != nil {
		t.Fatal(err)
	}
	r, err := Diff(before, after)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func changeText(c Change) string {
	port := "*"
	if c.Port != nil {
		port = fmt.Sprint(*c.Port)
	}
	return fmt.Sprintf("%s -> %s %s/%s %s->%s", c.From, c.To, port, c.Protocol, c.Before, c.After)
}

// The shop tree has no policies: a default deny for ingress in payments
// denies every flow into payments' workloads, and changes nothing else.
func TestDiffDefaultDenyInPayments(t *testing.T) {
	shop := loadShop(t)
	r := diff(t, shop, object(t, "NetworkPolicy", "payments", "default-deny-ingress", "spec:\n  podSelector: {}\n  policyTypes: [Ingress]\n"))
	var want []string
	for _, f := range shop.Flows() {
		if f.To.Kind == PeerWorkload && f.To.Namespace == "payments" {
			if f.Result.Verdict != Allowed {
				t.Fatalf("before: %v is %s", f, f.Result.Verdict)
			}
			want = append(want, changeText(Change{From: f.From.String(), To: f.To.String(), Port: portPtr(f.Port), Protocol: f.Port.Protocol, Before: Allowed, After: Denied}))
		}
	}
	var got []string
	for _, c := range r.Changes {
		got = append(got, changeText(c))
		if !slices.Equal(c.Because, []string{"NetworkPolicy/payments/default-deny-ingress"}) {
			t.Errorf("%s: because %v", changeText(c), c.Because)
		}
	}
	t.Logf("%d changes", len(r.Changes))
	if len(want) < 40 {
		t.Fatalf("only %d flows into payments: the tree changed?", len(want))
	}
	if !slices.Equal(got, want) {
		t.Errorf("changes:\n%s\nwant every flow into payments:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func portPtr(p Port) *int32 {
	if p.Number == 0 {
		return nil
	}
	return &p.Number
}

// "only checkout may reach payments on 8443": checkout keeps 8443, every
// other flow into payments/payments is denied; payments/worker is not
// selected and keeps everything.
func TestDiffOnlyCheckoutReachesPayments(t *testing.T) {
	shop := loadShop(t)
	only := object(t, "NetworkPolicy", "payments", "allow-ingress-payments-from-checkout", `spec:
  podSelector:
    matchLabels:
      app: payments
  policyTypes: [Ingress]
  ingress:
  - from:
    - namespaceSelector:
        matchLabels:
          kubernetes.io/metadata.name: shop
      podSelector:
        matchLabels:
          app.kubernetes.io/name: checkout
    ports:
    - port: 8443
      protocol: TCP
`)
	r := diff(t, shop, only)
	after, err := shop.With([]tree.Object{only})
	if err != nil {
		t.Fatal(err)
	}
	checkout, payments := Peer{Kind: PeerWorkload, Namespace: "shop", Name: "checkout"}, Peer{Kind: PeerWorkload, Namespace: "payments", Name: "payments"}
	if got := after.Decide(checkout, payments, Port{Number: 8443, Protocol: "TCP"}); got.Verdict != Allowed {
		t.Errorf("checkout -> payments 8443 after: %+v", got)
	}
	// By the name payments gives the port, as the rule could name it.
	byName := object(t, "NetworkPolicy", "payments", "allow-ingress-payments-from-checkout", "spec:\n  podSelector: {matchLabels: {app: payments}}\n  ingress: [{from: [{namespaceSelector: {}, podSelector: {matchLabels: {app.kubernetes.io/name: checkout}}}], ports: [{port: https}]}]\n")
	named, err := shop.With([]tree.Object{byName})
	if err != nil {
		t.Fatal(err)
	}
	if got := named.Decide(checkout, payments, Port{Number: 8443, Protocol: "TCP"}); got.Verdict != Allowed {
		t.Errorf("checkout -> payments 8443 under a rule for port https: %+v", got)
	}
	for _, c := range r.Changes {
		if c.To != "payments/payments" || c.Before != Allowed || c.After != Denied {
			t.Errorf("unexpected change %s", changeText(c))
		}
		if c.From == "shop/checkout" && c.Port != nil && *c.Port == 8443 {
			t.Errorf("checkout lost 8443: %s", changeText(c))
		}
	}
	var n int
	for _, f := range shop.Flows() {
		if f.To == payments && !(f.From == checkout && f.Port.Number == 8443) {
			n++
		}
	}
	t.Logf("%d changes", len(r.Changes))
	if len(r.Changes) != n {
		t.Errorf("%d changes, want %d (every flow into payments/payments but checkout on 8443)", len(r.Changes), n)
	}
}

// A Cilium deny of egress to the world, with default deny off, denies the
// world and leaves traffic in the cluster as it was.
func TestDiffCiliumDenyWorldEgress(t *testing.T) {
	shop := loadShop(t)
	r := diff(t, shop, object(t, "CiliumNetworkPolicy", "shop", "deny-egress-to-world", `spec:
  endpointSelector: {}
  enableDefaultDeny:
    egress: false
  egressDeny:
  - toEntities:
    - world
`))
	if len(r.Changes) == 0 {
		t.Fatal("no changes")
	}
	for _, c := range r.Changes {
		if !strings.HasPrefix(c.From, "shop/") || c.To != "world" || c.Before != Allowed || c.After != Denied {
			t.Errorf("unexpected change %s", changeText(c))
		}
	}
	var shopWorkloads int
	for _, w := range shop.tree.Workloads {
		if w.Namespace == "shop" {
			shopWorkloads++
		}
	}
	if len(r.Changes) != shopWorkloads {
		t.Errorf("%d changes, want one per workload of shop (%d)", len(r.Changes), shopWorkloads)
	}
}

// A policy that replaces one of the tree's (same kind, namespace and name)
// shows what the old one allowed that the new one does not, and the reverse.
func TestDiffReplacedPolicy(t *testing.T) {
	tr, err := tree.Load("../../examples/travel")
	if err != nil {
		t.Fatal(err)
	}
	travel, err := New(tr)
	if err != nil {
		t.Fatal(err)
	}
	r := diff(t, travel, object(t, "CiliumNetworkPolicy", "booking", "allow-booking-to-stripe", `spec:
  endpointSelector: {matchLabels: {app: booking}}
  egress:
  - toEndpoints: [{matchLabels: {k8s:io.kubernetes.pod.namespace: kube-system, k8s:k8s-app: kube-dns}}]
    toPorts: [{ports: [{port: "53", protocol: ANY}], rules: {dns: [{matchPattern: "*"}]}}]
  - toFQDNs: [{matchName: hooks.slack.com}]
    toPorts: [{ports: [{port: "443", protocol: TCP}]}]
`))
	if !slices.Equal(r.Replaced, []string{"CiliumNetworkPolicy/booking/allow-booking-to-stripe"}) {
		t.Errorf("replaced %v", r.Replaced)
	}
	var got []string
	for _, c := range r.Changes {
		got = append(got, changeText(c))
	}
	want := []string{
		"booking/booking -> fqdn:api.stripe.com 443/TCP allowed->denied",
		"booking/booking -> fqdn:hooks.slack.com 443/TCP denied->allowed",
	}
	if !slices.Equal(got, want) {
		t.Fatalf("changes:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if !r.RemovesProtection() || !r.Changes[1].Removes() {
		t.Error("notifier reaching payments is not reported as a protection removed")
	}
}
