package main

import (
	"encoding/json"
	"strings"
	"testing"
)

const travelTree = "../../examples/travel"

func TestInfer(t *testing.T) {
	r := kunerva(t, "", "infer", "--tree", travelTree, "-n", "payments")
	if r.code != exitOK {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	for _, want := range []string{
		"# Inferred by kunerva for namespace payments.",
		"kind: CiliumNetworkPolicy", // api.stripe.com by name
		"#   Deployment payments/payments: containers[payments].env[DATABASE_URL]: postgres://payments:***@postgres.data.svc.cluster.local:5432/payments",
	} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("the YAML lacks %q:\n%s", want, r.stdout)
		}
	}
	r = kunerva(t, "", "infer", "--tree", travelTree, "-n", "payments", "--kind", "np", "-o", "json")
	var res struct {
		Sets []struct {
			Policies []struct{ Kind string }
		}
		Warnings []string
		Proof    struct{ Problems []string }
	}
	if err := json.Unmarshal([]byte(r.stdout), &res); err != nil || r.code != exitOK {
		t.Fatalf("exit %d, %v: %s %s", r.code, err, r.stdout, r.stderr)
	}
	for _, s := range res.Sets {
		for _, p := range s.Policies {
			if p.Kind != "NetworkPolicy" {
				t.Errorf("--kind np gave a %s", p.Kind)
			}
		}
	}
	if len(res.Warnings) == 0 || !strings.Contains(res.Warnings[0], "a NetworkPolicy cannot name a host") {
		t.Errorf("warnings %q", res.Warnings)
	}
	r = kunerva(t, "", "infer", "--tree", travelTree, "-n", "booking", "-o", "explain")
	for _, want := range []string{"Open questions", "loyalty.booking.svc", "Proof (kunerva's connectivity model)"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("the explanation lacks %q:\n%s", want, r.stdout)
		}
	}
}

func TestInferUsageErrors(t *testing.T) {
	for name, c := range map[string]struct {
		args []string
		code int
		want string
	}{
		"no tree":           {[]string{"infer"}, exitUsage, "--tree is required"},
		"kind":              {[]string{"infer", "--tree", travelTree, "--kind", "KubeArmorPolicy"}, exitUsage, "infer writes NetworkPolicy or CiliumNetworkPolicy"},
		"output":            {[]string{"infer", "--tree", travelTree, "-o", "xml"}, exitUsage, `unknown output "xml"`},
		"unknown namespace": {[]string{"infer", "--tree", travelTree, "-n", "billing"}, exitFailure, `namespace "billing" has no workload in the tree`},
	} {
		t.Run(name, func(t *testing.T) {
			r := kunerva(t, "", c.args...)
			if r.code != c.code || !strings.Contains(r.stderr, c.want) {
				t.Errorf("exit %d, stderr %q; want %d and %q", r.code, r.stderr, c.code, c.want)
			}
		})
	}
}
