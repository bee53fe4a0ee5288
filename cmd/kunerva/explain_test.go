package main

import (
	"encoding/json"
	"strings"
	"testing"
)

// A policy kunerva generated explains itself, with what it selects in the
// tree; piped in, as kubectl would give it.
func TestExplainAGeneratedPolicy(t *testing.T) {
	gen := kunerva(t, "", "generate", "--tree", shopTree, "only the checkout pods may reach payments on 443")
	if gen.code != 0 {
		t.Fatalf("generate: %d %s", gen.code, gen.stderr)
	}
	r := kunerva(t, gen.stdout, "explain", "--tree", shopTree, "-")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	for _, want := range []string{"NetworkPolicy payments/", "It selects payments/payments.", "checkout", "8443/TCP"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("explanation lacks %q:\n%s", want, r.stdout)
		}
	}
	r = kunerva(t, gen.stdout, "explain", "-o", "json", "-")
	var xs []struct{ Object string }
	if err := json.Unmarshal([]byte(r.stdout), &xs); err != nil || len(xs) != 1 {
		t.Fatalf("json: %v %q", err, r.stdout)
	}
}

func TestExplainUsageErrors(t *testing.T) {
	for name, c := range map[string]struct {
		stdin string
		args  []string
		want  string
	}{
		"no policy":      {"apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n", []string{"explain", "-"}, "no policy"},
		"unknown output": {"", []string{"explain", "-o", "xml", "-"}, `unknown output "xml"`},
		"no path":        {"", []string{"explain"}, "requires at least 1 arg"},
	} {
		t.Run(name, func(t *testing.T) {
			r := kunerva(t, c.stdin, c.args...)
			if r.code != exitUsage || !strings.Contains(r.stderr, c.want) {
				t.Errorf("exit %d, stderr %q; want %d and %q", r.code, r.stderr, exitUsage, c.want)
			}
		})
	}
}
