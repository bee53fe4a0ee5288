package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const dbPolicy = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: allow-db
  namespace: data
spec:
  podSelector:
    matchLabels:
      app: db
  policyTypes: [Ingress]
  ingress:
  - from:
    - podSelector:
        matchLabels:
          app: backup
    ports:
    - port: PORT
`

func writePolicy(t *testing.T, port string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "db.yaml")
	if err := os.WriteFile(path, []byte(strings.Replace(dbPolicy, "PORT", port, 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// validateRun runs `kunerva validate` in-process; with all stages it starts
// the local control plane, so only -short skips it.
func validateRun(t *testing.T, stdin string, args ...string) result {
	t.Helper()
	if testing.Short() && !strings.Contains(strings.Join(args, " "), "--cluster none") {
		t.Skip("-short: the dry-run starts the local control plane")
	}
	return kunerva(t, stdin, append([]string{"validate"}, args...)...)
}

func TestValidateAllStagesPassesAGeneratedPolicy(t *testing.T) {
	gen := kunerva(t, "", "generate", "--tree", shopTree, "only the checkout pods may reach payments on 443")
	gen.expect(t, exitOK)
	r := validateRun(t, gen.stdout, "--tree", shopTree, "-")
	r.expect(t, exitOK)
	if r.stdout != "no findings\n" {
		t.Errorf("stdout = %q, want no findings", r.stdout)
	}
}

func TestValidateFindingsExitOne(t *testing.T) {
	path := writePolicy(t, "70000")
	r := validateRun(t, "", "--tree", shopTree, path)
	if r.code != exitFindings {
		t.Fatalf("exit code %d, want 1\n%s%s", r.code, r.stdout, r.stderr)
	}
	for _, want := range []string{
		"NetworkPolicy/data/allow-db: spec.ingress[0].ports[0].port: Invalid value: 70000: must be between 1 and 65535, inclusive [dryrun]",
		"port 70000 is not exposed by any pod selected (app=db exposes postgres 5432)",
		"2 errors, 0 warnings in 1 file",
	} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("the output does not say %q:\n%s", want, r.stdout)
		}
	}
}

// A widening is a warning, and an error with --forbid.
func TestValidateForbid(t *testing.T) {
	path := writeFile(t, "open.yaml", "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: open\n  namespace: web\nspec:\n  podSelector:\n    matchLabels:\n      app: nginx\n  policyTypes: [Egress]\n  egress:\n  - to:\n    - ipBlock:\n        cidr: 0.0.0.0/0\n")
	r := validateRun(t, "", "--tree", shopTree, "--stages", "schema,checks", path)
	r.expect(t, exitOK)
	if !strings.Contains(r.stdout, "warning: NetworkPolicy/web/open: spec.egress[0].to[0].ipBlock.cidr: 0.0.0.0/0 allows every IPv4 address") {
		t.Errorf("no widening warning:\n%s", r.stdout)
	}
	r = validateRun(t, "", "--tree", shopTree, "--stages", "schema,checks", "--forbid", "world,all-addresses", path)
	if r.code != exitFindings {
		t.Fatalf("exit code %d, want 1\n%s%s", r.code, r.stdout, r.stderr)
	}
	if !strings.Contains(r.stdout, "forbidden (forbid: all-addresses) [widens-access]") {
		t.Errorf("the widening is not forbidden:\n%s", r.stdout)
	}
}

func TestValidateFormats(t *testing.T) {
	path := writePolicy(t, "postgresql")
	for _, tc := range []struct{ format, want string }{
		{"github", "::error file=" + path + ",line=1,title=kunerva ports::NetworkPolicy/data/allow-db"},
		{"json", `"check": "ports"`},
		{"sarif", `"version": "2.1.0"`},
	} {
		t.Run(tc.format, func(t *testing.T) {
			r := kunerva(t, "", "validate", "--cluster", "none", "--tree", shopTree, "-o", tc.format, path)
			if r.code != exitFindings {
				t.Fatalf("exit code %d, want 1\n%s%s", r.code, r.stdout, r.stderr)
			}
			if !strings.Contains(r.stdout, tc.want) {
				t.Errorf("the %s output does not contain %q:\n%s", tc.format, tc.want, r.stdout)
			}
			if tc.format != "github" && !json.Valid([]byte(r.stdout)) {
				t.Errorf("the %s output is not JSON", tc.format)
			}
		})
	}
}

func TestValidateUsageAndFailures(t *testing.T) {
	path := writePolicy(t, "5432")
	for _, tc := range []struct {
		name string
		args []string
		code int
		want string
	}{
		{"unknown stage", []string{"--stages", "schema,lint", path}, exitUsage, `unknown stage "lint"`},
		{"unknown output", []string{"-o", "xml", path}, exitUsage, `unknown output "xml"`},
		{"unknown cluster", []string{"--cluster", "eks", path}, exitUsage, `unknown --cluster "eks"`},
		{"missing file", []string{filepath.Join(t.TempDir(), "none.yaml")}, exitUsage, "no such file"},
		{"not a policy", []string{writeFile(t, "x.yaml", "just text\n")}, exitUsage, "must be an object with apiVersion and kind"},
		{"unknown widening", []string{"--forbid", "all-ports", path}, exitUsage, `--forbid: unknown widening "all-ports": use all-peers, all-addresses`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := kunerva(t, "", append([]string{"validate"}, tc.args...)...)
			r.expect(t, tc.code)
			if !strings.Contains(r.stderr, tc.want) {
				t.Errorf("stderr does not say %q:\n%s", tc.want, r.stderr)
			}
		})
	}
}

// With no control-plane binaries anywhere, the dry-run cannot run: exit 3
// with the reason and the ways to fix it.
func TestValidateWithoutControlPlaneBinaries(t *testing.T) {
	t.Setenv("HOME", t.TempDir())
	t.Setenv("PATH", t.TempDir())
	t.Setenv("KUNERVA_ASSETS", "")
	r := kunerva(t, "", "validate", writePolicy(t, "5432"))
	r.expect(t, exitFailure)
	for _, want := range []string{"kube-apiserver not found", "kunerva controlplane install", "--cluster none"} {
		if !strings.Contains(r.stderr, want) {
			t.Errorf("stderr does not say %q:\n%s", want, r.stderr)
		}
	}
}

func writeFile(t *testing.T, name, content string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}
