package connectivity

import (
	"path/filepath"
	"slices"
	"testing"

	"github.com/kunerva/kunerva/internal/testing/golden"
)

// shopWorkloads are the workloads of examples/shop (see its README).
var shopWorkloads = []string{
	"data/backup", "data/cache", "data/db", "data/migrate",
	"monitoring/node-exporter", "monitoring/prometheus",
	"payments/payments", "payments/worker",
	"shop/cart", "shop/checkout", "shop/frontend", "shop/toolbox", "shop/worker",
	"web/nginx",
}

func port(n int32) *int32 { return &n }

// flows is a change for each source, destination and port, all with the
// same verdicts and policies; TCP unless proto says otherwise.
func flows(froms, tos []string, ports []*int32, before, after Verdict, because ...string) []Change {
	var cs []Change
	for _, to := range tos {
		for _, from := range froms {
			if from == to {
				continue // a pod always reaches itself
			}
			for _, p := range ports {
				cs = append(cs, Change{From: from, To: to, Port: p, Protocol: "TCP", Before: before, After: after, Because: because})
			}
		}
	}
	return cs
}

func without(all []string, drop ...string) []string {
	return slices.DeleteFunc(slices.Clone(all), func(w string) bool { return slices.Contains(drop, w) })
}

// goldenReports are what three realistic changes to examples/shop change.
var goldenReports = map[string]Report{
	// A default deny of ingress in payments: nothing reaches its two
	// workloads any more.
	"default-deny-payments": {
		Changes: slices.Concat(
			flows(append(slices.Clone(shopWorkloads), "world"), []string{"payments/payments"}, []*int32{port(8443), port(9102), nil}, Allowed, Denied, "NetworkPolicy/payments/default-deny"),
			flows(append(slices.Clone(shopWorkloads), "world"), []string{"payments/worker"}, []*int32{port(9102), nil}, Allowed, Denied, "NetworkPolicy/payments/default-deny"),
		),
		Workloads: shopWorkloads,
	},
	// Only checkout may reach payments on 8443: every other source loses
	// 8443, and every source loses the ports the policy does not list.
	"only-checkout-to-payments": {
		Changes: slices.Concat(
			flows(without(append(slices.Clone(shopWorkloads), "world"), "shop/checkout"), []string{"payments/payments"}, []*int32{port(8443)}, Allowed, Denied, "NetworkPolicy/payments/only-checkout"),
			flows(append(slices.Clone(shopWorkloads), "world"), []string{"payments/payments"}, []*int32{port(9102), nil}, Allowed, Denied, "NetworkPolicy/payments/only-checkout"),
		),
		Workloads: shopWorkloads,
	},
	// A Cilium policy that denies shop's egress to world, with an L7
	// rule on frontend -> checkout, replacing a KubeArmor policy of web
	// that blocked shells by one that only audits them and blocks apt.
	"cilium-deny-world": {
		Changes: slices.Concat(
			flows([]string{"shop/cart", "shop/checkout", "shop/frontend", "shop/toolbox", "shop/worker"}, []string{"world"}, []*int32{nil}, Allowed, Denied, "CiliumNetworkPolicy/shop/deny-world"),
			[]Change{
				{From: "shop/checkout", To: "fqdn:api.stripe.com", Port: port(443), Protocol: "TCP", Before: Allowed, After: Unknown, Because: []string{"CiliumNetworkPolicy/shop/deny-world"},
					Reason: "api.stripe.com resolves to addresses outside the cluster, which the deny of world may or may not cover"},
				{From: "shop/frontend", To: "shop/checkout", Port: port(8080), Protocol: "TCP", Before: Allowed, After: Allowed, AfterL7: []string{"HTTP GET /healthz", "HTTP POST /checkout"}, Because: []string{"CiliumNetworkPolicy/shop/frontend-to-checkout"}},
			},
		),
		System: []SystemChange{
			{Workload: "web/nginx", What: "process /bin/sh", Before: "blocked", After: "audited", Because: []string{"KubeArmorPolicy/web/harden-nginx"}},
			{Workload: "web/nginx", What: "process /bin/bash", Before: "blocked", After: "audited", Because: []string{"KubeArmorPolicy/web/harden-nginx"}},
			{Workload: "web/nginx", What: "process /usr/bin/apt", Before: "allowed", After: "blocked", Because: []string{"KubeArmorPolicy/web/harden-nginx"}},
		},
		Replaced:  []string{"KubeArmorPolicy/web/harden-nginx"},
		Workloads: shopWorkloads,
	},
}

func TestReportGolden(t *testing.T) {
	for name, r := range goldenReports {
		t.Run(name, func(t *testing.T) {
			golden.Check(t, filepath.Join("testdata", "report", name+".text.golden"), []byte(r.Text()))
			golden.Check(t, filepath.Join("testdata", "report", name+".markdown.golden"), []byte(r.Markdown()))
			b, err := r.JSON()
			if err != nil {
				t.Fatal(err)
			}
			golden.Check(t, filepath.Join("testdata", "report", name+".json.golden"), b)
		})
	}
}
