package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const denyPayments = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: default-deny
  namespace: payments
spec:
  podSelector: {}
  policyTypes: [Ingress]
`

// A default deny in payments, from a file, in the three outputs.
func TestDiffDefaultDenyInPayments(t *testing.T) {
	file := filepath.Join(t.TempDir(), "deny.yaml")
	if err := os.WriteFile(file, []byte(denyPayments), 0o644); err != nil {
		t.Fatal(err)
	}
	r := kunerva(t, "", "diff", "--tree", shopTree, file)
	r.expect(t, exitOK)
	if want := "every workload and world can no longer reach payments/payments on 8443/TCP (before: allowed; because: NetworkPolicy/payments/default-deny)."; !strings.Contains(r.stdout, want) {
		t.Errorf("text lacks %q:\n%s", want, r.stdout)
	}

	r = kunerva(t, "", "diff", "--tree", shopTree, "-o", "json", file)
	r.expect(t, exitOK)
	var report struct {
		Changes []struct{ From, To, After string }
		System  []any
	}
	if err := json.Unmarshal([]byte(r.stdout), &report); err != nil {
		t.Fatalf("json: %v\n%s", err, r.stdout)
	}
	if len(report.Changes) == 0 || report.System == nil {
		t.Fatalf("json has %d changes and system %v:\n%s", len(report.Changes), report.System, r.stdout)
	}
	for _, c := range report.Changes {
		if !strings.HasPrefix(c.To, "payments/") || c.After != "denied" {
			t.Errorf("change %+v: want only flows into payments, now denied", c)
		}
	}

	r = kunerva(t, "", "diff", "--tree", shopTree, "-o", "markdown", file)
	r.expect(t, exitOK)
	for _, want := range []string{"**Flow changes**", "| every workload and world | payments/payments | 8443/TCP | allowed | denied |", "```mermaid\ngraph LR\n"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("markdown lacks %q:\n%s", want, r.stdout)
		}
	}
}

// A policy that selects no pod of the tree changes nothing; read from
// stdin, without a namespace (so in default, where the tree has no pods).
func TestDiffNoChange(t *testing.T) {
	stdin := strings.Replace(denyPayments, "  namespace: payments\n", "", 1)
	r := kunerva(t, stdin, "diff", "--tree", shopTree, "-")
	r.expect(t, exitOK)
	if r.stdout != "No flow and no KubeArmor rule changes.\n" {
		t.Errorf("stdout %q, want no changes", r.stdout)
	}
}

func TestDiffErrors(t *testing.T) {
	for name, c := range map[string]struct {
		stdin string
		args  []string
		code  int
		want  string
	}{
		"no tree":        {denyPayments, []string{"diff", "-"}, exitUsage, "--tree is required"},
		"unknown output": {denyPayments, []string{"diff", "--tree", shopTree, "-o", "xml", "-"}, exitUsage, `unknown output "xml"`},
		"no policy":      {"apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n", []string{"diff", "--tree", shopTree, "-"}, exitUsage, "no policy"},
		"no path":        {"", []string{"diff", "--tree", shopTree}, exitUsage, "requires at least 1 arg"},
		"missing file":   {"", []string{"diff", "--tree", shopTree, "does-not-exist.yaml"}, exitUsage, "does-not-exist.yaml"},
		"missing tree":   {denyPayments, []string{"diff", "--tree", "does-not-exist", "-"}, exitFailure, "does-not-exist"},
	} {
		t.Run(name, func(t *testing.T) {
			r := kunerva(t, c.stdin, c.args...)
			if r.code != c.code || !strings.Contains(r.stderr, c.want) {
				t.Errorf("exit %d, stderr %q; want %d and %q", r.code, r.stderr, c.code, c.want)
			}
		})
	}
}
