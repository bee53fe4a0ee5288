package connectivity

import (
	"strings"
	"testing"
)

func TestSentence(t *testing.T) {
	l7 := func(from string, before, after []string) Change {
		return Change{From: from, To: "shop/checkout", Port: port(8080), Protocol: "TCP", Before: Allowed, After: Allowed, BeforeL7: before, AfterL7: after, Because: []string{"CiliumNetworkPolicy/shop/l7"}}
	}
	tests := []struct {
		name    string
		changes []Change
		want    string
	}{
		{"no longer reach",
			[]Change{{From: "shop/checkout", To: "payments/payments", Port: port(8443), Protocol: "TCP", Before: Allowed, After: Denied, Because: []string{"NetworkPolicy/payments/default-deny"}}},
			"shop/checkout can no longer reach payments/payments on 8443/TCP (before: allowed; because: NetworkPolicy/payments/default-deny)."},
		{"now reach",
			[]Change{{From: "world", To: "web/nginx", Port: port(443), Protocol: "TCP", Before: Denied, After: Allowed, Because: []string{"NetworkPolicy/web/allow-https"}}},
			"world can now reach web/nginx on 443/TCP (before: denied; because: NetworkPolicy/web/allow-https)."},
		{"now reach for some requests",
			[]Change{{From: "shop/frontend", To: "shop/checkout", Port: port(8080), Protocol: "TCP", Before: Denied, After: Allowed, AfterL7: []string{"HTTP GET /healthz"}, Because: []string{"CiliumNetworkPolicy/shop/l7"}}},
			"shop/frontend can now reach shop/checkout on 8080/TCP only for HTTP GET /healthz (before: denied; because: CiliumNetworkPolicy/shop/l7)."},
		{"now restricted",
			[]Change{l7("shop/frontend", nil, []string{"HTTP GET /healthz"})},
			"shop/frontend is now restricted to HTTP GET /healthz when it reaches shop/checkout on 8080/TCP (before: allowed; because: CiliumNetworkPolicy/shop/l7)."},
		{"several sources are restricted",
			[]Change{l7("shop/frontend", nil, []string{"HTTP GET /healthz"}), l7("shop/cart", nil, []string{"HTTP GET /healthz"})},
			"shop/cart and shop/frontend are now restricted to HTTP GET /healthz when they reach shop/checkout on 8080/TCP (before: allowed; because: CiliumNetworkPolicy/shop/l7)."},
		{"restricted to other requests",
			[]Change{l7("shop/frontend", []string{"HTTP GET /a"}, []string{"HTTP GET /b", "HTTP GET /c"})},
			"shop/frontend is now restricted to HTTP GET /b and HTTP GET /c instead of HTTP GET /a when it reaches shop/checkout on 8080/TCP (before: allowed only for HTTP GET /a; because: CiliumNetworkPolicy/shop/l7)."},
		{"no longer restricted",
			[]Change{l7("shop/frontend", []string{"HTTP GET /a"}, nil)},
			"shop/frontend is no longer restricted to HTTP GET /a when it reaches shop/checkout on 8080/TCP (before: allowed only for HTTP GET /a; because: CiliumNetworkPolicy/shop/l7)."},
		{"restricted flow denied",
			[]Change{{From: "shop/frontend", To: "shop/checkout", Port: port(8080), Protocol: "TCP", Before: Allowed, After: Denied, BeforeL7: []string{"HTTP GET /a"}}},
			"shop/frontend can no longer reach shop/checkout on 8080/TCP (before: allowed only for HTTP GET /a)."},
		{"unknown with its reason",
			[]Change{{From: "shop/cart", To: "data/db", Port: port(5432), Protocol: "TCP", Before: Allowed, After: Unknown, Because: []string{"NetworkPolicy/data/x"}, Reason: "the policy selects pods by a label no workload of the tree sets"}},
			"whether shop/cart can reach data/db on 5432/TCP is unknown after the change: the policy selects pods by a label no workload of the tree sets (before: allowed; because: NetworkPolicy/data/x)."},
		{"unknown, then denied",
			[]Change{{From: "shop/cart", To: "data/db", Port: port(5432), Protocol: "TCP", Before: Unknown, After: Denied, Because: []string{"NetworkPolicy/data/x"}}},
			"shop/cart now cannot reach data/db on 5432/TCP (before: unknown; because: NetworkPolicy/data/x)."},
		{"every port of a workload",
			[]Change{{From: "shop/cart", To: "data/db", Protocol: "UDP", Before: Allowed, After: Denied}},
			"shop/cart can no longer reach data/db on every unlisted UDP port (before: allowed)."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			gs := groupChanges(tt.changes, shopWorkloads)
			if len(gs) != 1 {
				t.Fatalf("%d groups, want 1: %q", len(gs), groupLines(gs))
			}
			if got := gs[0].sentence(); got != tt.want {
				t.Errorf("sentence:\n %s\nwant:\n %s", got, tt.want)
			}
		})
	}
}

func TestText(t *testing.T) {
	denied := Change{From: "shop/checkout", To: "payments/payments", Port: port(8443), Protocol: "TCP", Before: Allowed, After: Denied, Because: []string{"NetworkPolicy/payments/a"}}
	opened := Change{From: "world", To: "web/nginx", Port: port(443), Protocol: "TCP", Before: Denied, After: Allowed, Because: []string{"NetworkPolicy/web/b"}}
	apt := SystemChange{Workload: "web/nginx", What: "process /usr/bin/apt", Before: "allowed", After: "blocked", Because: []string{"KubeArmorPolicy/web/x"}}
	shell := SystemChange{Workload: "web/nginx", What: "process /bin/sh", Before: "blocked", After: "allowed", Because: []string{"KubeArmorPolicy/web/x"}}
	tests := []struct {
		name   string
		report Report
		want   string
	}{
		{"empty", Report{}, "No flow and no KubeArmor rule changes.\n"},
		{"a replacement that changes nothing", Report{Replaced: []string{"NetworkPolicy/web/b"}},
			"Replaces: NetworkPolicy/web/b.\n\nNo flow and no KubeArmor rule changes.\n"},
		{"protections removed come first", Report{Changes: []Change{denied, opened}, System: []SystemChange{apt, shell}, Replaced: []string{"NetworkPolicy/web/b", "KubeArmorPolicy/web/x"}, Workloads: shopWorkloads},
			"Protections removed:\n" +
				"- world can now reach web/nginx on 443/TCP (before: denied; because: NetworkPolicy/web/b).\n" +
				"- In web/nginx, KubeArmor no longer blocks process /bin/sh (before: blocked; because: KubeArmorPolicy/web/x).\n" +
				"\nReplaces: NetworkPolicy/web/b and KubeArmorPolicy/web/x.\n" +
				"\nFlow changes:\n" +
				"- shop/checkout can no longer reach payments/payments on 8443/TCP (before: allowed; because: NetworkPolicy/payments/a).\n" +
				"\nKubeArmor changes:\n" +
				"- In web/nginx, KubeArmor now blocks process /usr/bin/apt (before: allowed; because: KubeArmorPolicy/web/x).\n"},
		{"KubeArmor only", Report{System: []SystemChange{apt}},
			"KubeArmor changes:\n- In web/nginx, KubeArmor now blocks process /usr/bin/apt (before: allowed; because: KubeArmorPolicy/web/x).\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.report.Text(); got != tt.want {
				t.Errorf("Text():\n%s\nwant:\n%s", got, tt.want)
			}
		})
	}
}

// TestTextGroupsAHundredChanges is the point of grouping: a default deny
// of a namespace reads as a couple of lines.
func TestTextGroupsAHundredChanges(t *testing.T) {
	r := goldenReports["default-deny-payments"]
	if len(r.Changes) < 50 {
		t.Fatalf("the report has %d changes; the test wants many", len(r.Changes))
	}
	lines := strings.Count(r.Text(), "\n- ")
	if lines != 2 {
		t.Errorf("%d changes read as %d sentences, want 2:\n%s", len(r.Changes), lines, r.Text())
	}
}
