package connectivity

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

var (
	shopNS     = []string{"shop/cart", "shop/checkout", "shop/frontend", "shop/toolbox", "shop/worker"}
	paymentsNS = []string{"payments/payments", "payments/worker"}
)

// groupLines shows groups as "from -> to on ports [before -> after] because".
func groupLines(gs []flowGroup) []string {
	var out []string
	for _, g := range gs {
		out = append(out, fmt.Sprintf("%s -> %s on %s [%s -> %s] %s", g.From.Text, g.To.Text, g.ports(), verdictText(g.Before, g.BeforeL7), verdictText(g.After, g.AfterL7), strings.Join(g.Because, ",")))
	}
	return out
}

func TestGroupChanges(t *testing.T) {
	deny := func(froms, tos []string, ports ...*int32) []Change {
		return flows(froms, tos, ports, Allowed, Denied, "NP/x")
	}
	one := []string{"data/db"}
	tests := []struct {
		name      string
		changes   []Change
		workloads []string // shopWorkloads when nil
		want      []string
	}{
		{"every workload of a namespace",
			deny(shopNS, one, port(5432)), nil,
			[]string{"every workload in shop -> data/db on 5432/TCP [allowed -> denied] NP/x"}},
		{"a namespace but one",
			deny(without(shopNS, "shop/checkout"), one, port(5432)), nil,
			[]string{"every workload in shop except checkout -> data/db on 5432/TCP [allowed -> denied] NP/x"}},
		{"a namespace but two of five is a list of the three",
			deny(without(shopNS, "shop/checkout", "shop/cart"), one, port(5432)), nil,
			[]string{"shop/frontend, shop/toolbox and shop/worker -> data/db on 5432/TCP [allowed -> denied] NP/x"}},
		{"one of two is named, not 'except'",
			deny([]string{"payments/worker"}, one, port(5432)), nil,
			[]string{"payments/worker -> data/db on 5432/TCP [allowed -> denied] NP/x"}},
		{"the only workload of a namespace is named",
			deny([]string{"web/nginx"}, one, port(5432)), nil,
			[]string{"web/nginx -> data/db on 5432/TCP [allowed -> denied] NP/x"}},
		{"every workload of the tree",
			deny(shopWorkloads, []string{"world"}, nil), nil,
			[]string{"every workload -> world on every TCP port [allowed -> denied] NP/x"}},
		{"every workload but one of another namespace",
			deny(without(shopWorkloads, "web/nginx"), []string{"world"}, nil), nil,
			[]string{"every workload except web/nginx -> world on every TCP port [allowed -> denied] NP/x"}},
		{"every workload outside a namespace",
			deny(without(shopWorkloads, paymentsNS...), []string{"world"}, nil), nil,
			[]string{"every workload outside payments -> world on every TCP port [allowed -> denied] NP/x"}},
		{"every workload but the destination is every other workload",
			deny(shopWorkloads, one, port(5432)), nil,
			[]string{"every other workload -> data/db on 5432/TCP [allowed -> denied] NP/x"}},
		{"two namespaces",
			deny(slices.Concat(shopNS, paymentsNS), []string{"world"}, nil), nil,
			[]string{"every workload in payments and every workload in shop -> world on every TCP port [allowed -> denied] NP/x"}},
		{"several terms put 'except' in parentheses",
			deny(slices.Concat(without(shopNS, "shop/toolbox"), []string{"web/nginx", "world", "cidr:10.0.0.0/8"}), one, port(5432)), nil,
			[]string{"every workload in shop (except toolbox), web/nginx, world and 10.0.0.0/8 -> data/db on 5432/TCP [allowed -> denied] NP/x"}},
		{"outside peers are named as they are",
			deny([]string{"entity:kube-apiserver", "fqdn:api.github.com", "cidr:10.0.0.0/8", "world", "entity:remote-node"}, one, port(5432)), nil,
			[]string{"world, 10.0.0.0/8, api.github.com, the kube-apiserver and the other nodes -> data/db on 5432/TCP [allowed -> denied] NP/x"}},
		{"destinations of a namespace",
			deny([]string{"web/nginx"}, shopNS, nil), nil,
			[]string{"web/nginx -> every workload in shop on every unlisted TCP port [allowed -> denied] NP/x"}},
		{"destinations of a namespace but the source",
			deny([]string{"shop/frontend"}, shopNS, nil), nil,
			[]string{"shop/frontend -> every other workload in shop on every unlisted TCP port [allowed -> denied] NP/x"}},
		{"sources and destinations both grouped",
			deny(paymentsNS, slices.Concat(shopNS, []string{"web/nginx"}), port(8080)), nil,
			[]string{"every workload in payments -> every workload in shop and web/nginx on 8080/TCP [allowed -> denied] NP/x"}},
		{"ports merge, every port last",
			deny([]string{"shop/checkout"}, []string{"payments/payments"}, nil, port(9102), port(8443)), nil,
			[]string{"shop/checkout -> payments/payments on 8443/TCP, 9102/TCP and every unlisted TCP port [allowed -> denied] NP/x"}},
		{"protocols merge",
			slices.Concat(deny([]string{"shop/checkout"}, []string{"world"}, nil), []Change{{From: "shop/checkout", To: "world", Protocol: "UDP", Before: Allowed, After: Denied, Because: []string{"NP/x"}}}), nil,
			[]string{"shop/checkout -> world on every TCP port and every UDP port [allowed -> denied] NP/x"}},
		{"ports of different sources do not merge",
			slices.Concat(deny(shopNS, one, port(5432)), deny([]string{"web/nginx"}, one, port(5433))), nil,
			[]string{
				"every workload in shop -> data/db on 5432/TCP [allowed -> denied] NP/x",
				"web/nginx -> data/db on 5433/TCP [allowed -> denied] NP/x",
			}},
		{"different verdicts do not merge",
			slices.Concat(deny([]string{"shop/cart"}, one, port(5432)), flows([]string{"shop/checkout"}, one, []*int32{port(5432)}, Denied, Allowed, "NP/x")), nil,
			[]string{
				"shop/cart -> data/db on 5432/TCP [allowed -> denied] NP/x",
				"shop/checkout -> data/db on 5432/TCP [denied -> allowed] NP/x",
			}},
		{"different L7 rules do not merge",
			[]Change{
				{From: "shop/cart", To: "shop/checkout", Port: port(8080), Protocol: "TCP", Before: Allowed, After: Allowed, AfterL7: []string{"HTTP GET /a"}},
				{From: "shop/frontend", To: "shop/checkout", Port: port(8080), Protocol: "TCP", Before: Allowed, After: Allowed, AfterL7: []string{"HTTP GET /b"}},
				{From: "shop/toolbox", To: "shop/checkout", Port: port(8080), Protocol: "TCP", Before: Allowed, After: Allowed, AfterL7: []string{"HTTP GET /b"}},
			}, nil,
			[]string{
				"shop/cart -> shop/checkout on 8080/TCP [allowed -> allowed only for HTTP GET /a] ",
				"shop/frontend and shop/toolbox -> shop/checkout on 8080/TCP [allowed -> allowed only for HTTP GET /b] ",
			}},
		{"different reasons do not merge",
			[]Change{
				{From: "shop/cart", To: "data/db", Port: port(5432), Protocol: "TCP", Before: Allowed, After: Unknown, Reason: "a"},
				{From: "shop/frontend", To: "data/db", Port: port(5432), Protocol: "TCP", Before: Allowed, After: Unknown, Reason: "b"},
			}, nil,
			[]string{
				"shop/cart -> data/db on 5432/TCP [allowed -> unknown] ",
				"shop/frontend -> data/db on 5432/TCP [allowed -> unknown] ",
			}},
		{"policies of merged changes are merged",
			slices.Concat(flows([]string{"shop/cart"}, one, []*int32{port(5432)}, Allowed, Denied, "NP/data/b", "NP/shop/a"), flows([]string{"shop/frontend"}, one, []*int32{port(5432)}, Allowed, Denied, "NP/data/b")), nil,
			[]string{"shop/cart and shop/frontend -> data/db on 5432/TCP [allowed -> denied] NP/data/b,NP/shop/a"}},
		{"without the tree's workloads every peer is named",
			deny(shopNS, one, port(5432)), []string{},
			[]string{"shop/cart, shop/checkout, shop/frontend, shop/toolbox and shop/worker -> data/db on 5432/TCP [allowed -> denied] NP/x"}},
		{"groups sort by destination, then source",
			slices.Concat(deny([]string{"web/nginx"}, []string{"world"}, nil), deny([]string{"shop/cart"}, one, port(5432))), nil,
			[]string{
				"shop/cart -> data/db on 5432/TCP [allowed -> denied] NP/x",
				"web/nginx -> world on every TCP port [allowed -> denied] NP/x",
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ws := tt.workloads
			if ws == nil {
				ws = shopWorkloads
			}
			got := groupLines(groupChanges(tt.changes, ws))
			if !slices.Equal(got, tt.want) {
				t.Errorf("groups:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

// TestGroupKeepsEveryChange checks that the groups of a large, mixed
// report hold each change once: grouping only changes how they are said.
func TestGroupKeepsEveryChange(t *testing.T) {
	changes := manyChanges()
	n := 0
	for _, g := range groupChanges(changes, manyWorkloads) {
		n += len(g.From.Peers) * len(g.To.Peers) * len(g.Ports)
	}
	if n != len(changes) {
		t.Errorf("the groups hold %d flows, want the %d changes", n, len(changes))
	}
}

func TestGroupSystem(t *testing.T) {
	block := func(ws []string, what string) []SystemChange {
		var cs []SystemChange
		for _, w := range ws {
			cs = append(cs, SystemChange{Workload: w, What: what, Before: "allowed", After: "blocked", Because: []string{"KubeArmorPolicy/x"}})
		}
		return cs
	}
	tests := []struct {
		name    string
		changes []SystemChange
		want    []string
	}{
		{"a namespace, two processes",
			slices.Concat(block(shopNS, "process /usr/bin/apt"), block(shopNS, "process /usr/bin/curl")),
			[]string{"In every workload in shop, KubeArmor now blocks process /usr/bin/apt and process /usr/bin/curl (before: allowed; because: KubeArmorPolicy/x)."}},
		{"different workloads, different sentences",
			slices.Concat(block([]string{"web/nginx"}, "file /etc/shadow (write)"), block(shopNS, "process /usr/bin/apt")),
			[]string{
				"In every workload in shop, KubeArmor now blocks process /usr/bin/apt (before: allowed; because: KubeArmorPolicy/x).",
				"In web/nginx, KubeArmor now blocks file /etc/shadow (write) (before: allowed; because: KubeArmorPolicy/x).",
			}},
		{"a host policy's node",
			[]SystemChange{{Workload: "worker-1", What: "process /usr/sbin/sshd", Before: "blocked", After: "allowed", Because: []string{"KubeArmorHostPolicy/ssh"}}},
			[]string{"On node worker-1, KubeArmor no longer blocks process /usr/sbin/sshd (before: blocked; because: KubeArmorHostPolicy/ssh)."}},
		{"audits",
			[]SystemChange{
				{Workload: "web/nginx", What: "process /bin/sh", Before: "allowed", After: "audited"},
				{Workload: "web/nginx", What: "process /bin/ls", Before: "audited", After: "allowed"},
			},
			[]string{
				"In web/nginx, KubeArmor no longer audits process /bin/ls (before: audited).",
				"In web/nginx, KubeArmor now audits process /bin/sh (before: allowed).",
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, g := range groupSystem(tt.changes, shopWorkloads) {
				got = append(got, g.sentence())
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("sentences:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

// manyWorkloads is a tree of 20 namespaces of 10 workloads.
var manyWorkloads = func() []string {
	var ws []string
	for ns := range 20 {
		for w := range 10 {
			ws = append(ws, fmt.Sprintf("ns%02d/w%d", ns, w))
		}
	}
	return ws
}()

// manyChanges is 5,000 changes of a default deny in one namespace, two
// ports each, a few sources left out, and denied flows opened elsewhere.
func manyChanges() []Change {
	var cs []Change
	for i := 0; len(cs) < 5000; i++ {
		to := manyWorkloads[i%len(manyWorkloads)]
		before, after := Allowed, Denied
		if i%3 == 0 {
			before, after = Denied, Allowed
		}
		for j, from := range manyWorkloads {
			if from == to || (i+j)%17 == 0 {
				continue
			}
			cs = append(cs, Change{From: from, To: to, Port: port(int32(8000 + i%4)), Protocol: "TCP", Before: before, After: after, Because: []string{"NetworkPolicy/x/y"}})
			if len(cs) == 5000 {
				break
			}
		}
	}
	return cs
}

func BenchmarkGroup(b *testing.B) {
	changes := manyChanges()
	for b.Loop() {
		groupChanges(changes, manyWorkloads)
	}
}
