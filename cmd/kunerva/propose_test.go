package main

import (
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// The README's first command: propose on the embedded demo tree.
func TestProposeDemo(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: the dry-run starts the local control plane")
	}
	dir := filepath.Join(t.TempDir(), "demo")
	r := kunerva(t, "", "propose", "--demo", dir, resolvRequest)
	r.expect(t, exitOK)
	for _, want := range []string{
		"repository: " + dir + " (a copy of examples/shop)",
		"branch: kunerva/local-block-access-to-etc-resolv-conf-in-pods",
		"policy: policies/web/block-file-nginx.yaml",
		"pull request: Block access to /etc/resolv.conf in pods labeled app=nginx in namespace web",
		"passed with no findings",
	} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("the output does not say %q:\n%s", want, r.stdout)
		}
	}
	out, err := exec.Command("git", "-C", dir, "log", "--format=%s").Output()
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.TrimSpace(string(out)); got != "Block access to /etc/resolv.conf in pods labeled app=nginx in namespace web\nThe shop: a demo kustomize tree" {
		t.Errorf("git log:\n%s", got)
	}
}

func TestProposeDemoUsage(t *testing.T) {
	existing := t.TempDir()
	for _, tc := range []struct {
		name string
		args []string
		want string
	}{
		{"directory exists", []string{"--demo", existing, resolvRequest}, "already exists"},
		{"with --repo", []string{"--demo", filepath.Join(t.TempDir(), "d"), "--repo", ".", resolvRequest}, "leave out --repo"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := kunerva(t, "", append([]string{"propose"}, tc.args...)...)
			r.expect(t, exitUsage)
			if !strings.Contains(r.stderr, tc.want) {
				t.Errorf("stderr does not say %q:\n%s", tc.want, r.stderr)
			}
		})
	}
}
