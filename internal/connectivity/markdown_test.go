package connectivity

import (
	"fmt"
	"regexp"
	"strings"
	"testing"
)

// hostile is a policy name, a peer and an L7 rule written to break out of
// a table cell, a code span, the Mermaid block and into HTML.
var hostile = Report{
	Changes: []Change{{
		From: "shop/checkout", To: "fqdn:*.evil.com", Port: port(443), Protocol: "TCP", Before: Denied, After: Allowed,
		AfterL7: []string{"HTTP GET /a|b`c`\"<i>"},
		Because: []string{"CiliumNetworkPolicy/shop/x|y`<script>alert(1)</script>&amp;\"#quot;\n```"},
	}},
	System: []SystemChange{{Workload: "web/nginx", What: "file /tmp/<b>_x_</b>", Before: "allowed", After: "blocked", Because: []string{"KubeArmorPolicy/web/[a](http://evil)"}}},
}

func TestMarkdownEscapes(t *testing.T) {
	md := hostile.Markdown()
	for _, bad := range []string{"<script", "</script", "<b>", "[a](", "\n```\n```"} {
		if strings.Contains(md, bad) {
			t.Errorf("the Markdown holds %q:\n%s", bad, md)
		}
	}
	// Outside the Mermaid block, every | is escaped but the table's own,
	// and every backtick is escaped.
	outside := regexp.MustCompile("(?s)```mermaid.*?```\n").ReplaceAllString(md, "")
	for _, line := range strings.Split(outside, "\n") {
		if strings.HasPrefix(line, "| ") && !strings.HasPrefix(line, "| from") {
			if n := len(regexp.MustCompile(`(^|[^\\])\|`).FindAllString(line, -1)); n != 7 {
				t.Errorf("the row has %d cell borders, want 7: %s", n, line)
			}
		}
		if regexp.MustCompile("(^|[^\\\\])`").MatchString(line) {
			t.Errorf("the line has an unescaped backtick: %s", line)
		}
	}
	// The Mermaid block holds no backtick, quote or pipe of the names, and
	// closes where it should.
	block := regexp.MustCompile("(?s)```mermaid\n(.*?)```\n").FindStringSubmatch(md)
	if block == nil {
		t.Fatalf("no Mermaid block:\n%s", md)
	}
	for _, line := range strings.Split(block[1], "\n") {
		if strings.Count(line, `"`)%2 != 0 || strings.Count(line, "|") > 2 {
			t.Errorf("the Mermaid line is not safe: %s", line)
		}
		for _, label := range regexp.MustCompile(`"[^"]*"`).FindAllString(line, -1) {
			if strings.ContainsAny(label, "`<>&|") {
				t.Errorf("the Mermaid label is not escaped: %s", label)
			}
		}
	}
	if !strings.Contains(md, "&amp;amp;") {
		t.Errorf("the & of the policy name is not escaped:\n%s", md)
	}
	if !strings.Contains(md, `\*.evil.com`) {
		t.Errorf("the FQDN's * is not escaped:\n%s", md)
	}
}

func TestMarkdown(t *testing.T) {
	tests := []struct {
		name   string
		report Report
		want   []string // in this order
		absent []string
	}{
		{"empty", Report{}, []string{"No flow and no KubeArmor rule changes.\n"}, []string{"|", "mermaid"}},
		{"protections removed first, under a warning",
			Report{Changes: []Change{
				{From: "shop/cart", To: "data/db", Port: port(5432), Protocol: "TCP", Before: Allowed, After: Denied},
				{From: "world", To: "web/nginx", Port: port(443), Protocol: "TCP", Before: Denied, After: Allowed},
			}, Workloads: shopWorkloads},
			[]string{"**Warning: this change removes protections.**\n\n- world can now reach web/nginx", "**Flow changes**\n\n- shop/cart can no longer reach data/db", "| from | to | port | before | after | because |", "| shop/cart | data/db | 5432/TCP | allowed | denied |  |", "| world | web/nginx | 443/TCP | denied | allowed |  |", "```mermaid\ngraph LR\n"},
			[]string{"KubeArmor"}},
		{"edge styles",
			Report{Changes: []Change{
				{From: "shop/cart", To: "data/db", Port: port(5432), Protocol: "TCP", Before: Allowed, After: Denied},
				{From: "world", To: "web/nginx", Port: port(443), Protocol: "TCP", Before: Denied, After: Allowed},
				{From: "shop/frontend", To: "shop/checkout", Port: port(8080), Protocol: "TCP", Before: Allowed, After: Allowed, AfterL7: []string{"HTTP GET /healthz"}},
				{From: "shop/cart", To: "world", Protocol: "TCP", Before: Allowed, After: Unknown, Reason: "r"},
			}, Workloads: shopWorkloads},
			[]string{
				`n1 -.->|"5432/TCP"| n2`, `n3 -->|"8080/TCP: HTTP GET /healthz"| n4`, `n5 -->|"443/TCP"| n6`, `n1 -.->|"every unlisted TCP port"| n5`,
				"linkStyle 0 " + styleRemoved, "linkStyle 1 " + styleRestricted, "linkStyle 2 " + styleAdded, "linkStyle 3 " + styleUnknown,
			}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			md := tt.report.Markdown()
			rest := md
			for _, w := range tt.want {
				i := strings.Index(rest, w)
				if i < 0 {
					t.Fatalf("the Markdown lacks %q after what came before:\n%s", w, md)
				}
				rest = rest[i+len(w):]
			}
			for _, a := range tt.absent {
				if strings.Contains(md, a) {
					t.Errorf("the Markdown holds %q:\n%s", a, md)
				}
			}
		})
	}
}

func TestMarkdownGraphCap(t *testing.T) {
	var r Report
	for i := range 75 {
		r.Changes = append(r.Changes, Change{From: fmt.Sprintf("ns%02d/a", i), To: fmt.Sprintf("ns%02d/b", i), Port: port(80), Protocol: "TCP", Before: Allowed, After: Denied})
	}
	md := r.Markdown()
	if n := strings.Count(md, " -.->|"); n != maxGraphEdges {
		t.Errorf("the graph has %d edges, want %d", n, maxGraphEdges)
	}
	if n := strings.Count(md, "| allowed | denied |"); n != 75 {
		t.Errorf("the table has %d rows, want 75", n)
	}
	if !strings.Contains(md, "The graph shows the first 60 of 75 groups of flows; the table lists them all.") {
		t.Errorf("no note of the cap:\n%s", md)
	}
}

// A report longer than its place allows is cut to its sentences, then to
// the lines that fit, and says so; a short one keeps its table and graph.
func TestMarkdownWithin(t *testing.T) {
	var r Report
	for i := range 3000 {
		port := int32(1000 + i)
		r.Changes = append(r.Changes, Change{From: fmt.Sprintf("ns%d/a", i), To: fmt.Sprintf("ns%d/b", i), Port: &port, Protocol: "TCP", Before: Allowed, After: Denied})
	}
	const max = 10000
	got := r.MarkdownWithin(max)
	if len(got) > max+len(goesOn)+2 {
		t.Errorf("the report has %d bytes, over %d", len(got), max)
	}
	for _, want := range []string{"- ns0/a can no longer reach ns0/b on 1000/TCP (before: allowed).  \n", goesOn} {
		if !strings.Contains(got, want) {
			t.Errorf("the cut report lacks %q:\n%s", want, got)
		}
	}
	small := Report{Changes: r.Changes[:1]}
	if got, want := small.MarkdownWithin(max), small.Markdown(); got != want {
		t.Errorf("a report that fits changed:\n%s\nwant:\n%s", got, want)
	}
}
