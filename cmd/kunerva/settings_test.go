package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kunerva/kunerva/internal/pipeline"
	"github.com/kunerva/kunerva/internal/testing/llmtest"
)

// settingsRepo is the demo repository with .github/kunerva.yaml committed.
func settingsRepo(t *testing.T, yaml string) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "repo")
	if err := pipeline.NewDemoRepo(dir); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(dir, ".github"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, ".github", "kunerva.yaml"), []byte(yaml), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{"add", ".github"}, {"-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-q", "-m", "settings"}} {
		if out, err := exec.Command("git", append([]string{"-C", dir}, args...)...).CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	return dir
}

// propose obeys the repository's allow-lists, as the action does: a policy
// outside them makes no branch.
func TestProposeObeysTheSettings(t *testing.T) {
	dir := settingsRepo(t, "namespaces: [shop]\n")
	r := kunerva(t, "", "propose", "--repo", dir, "--cluster", "none", resolvRequest)
	if r.code != exitFindings || !strings.Contains(r.stdout, "The repository's settings (.github/kunerva.yaml) do not allow this policy; no branch was made:\n- namespace web is not among the namespaces this repository allows (shop)") {
		t.Fatalf("exit %d\nstdout:\n%s\nstderr:\n%s", r.code, r.stdout, r.stderr)
	}
	out, err := exec.Command("git", "-C", dir, "branch", "--list", "kunerva/*").Output()
	if err != nil || strings.TrimSpace(string(out)) != "" {
		t.Errorf("branches %q (%v): want none", out, err)
	}

	// Settings that do not parse are a usage error, naming the file.
	bad := settingsRepo(t, "namespace: [shop]\n")
	r = kunerva(t, "", "propose", "--repo", bad, "--cluster", "none", resolvRequest)
	r.expect(t, exitUsage)
	if !strings.Contains(r.stderr, `.github/kunerva.yaml: error unmarshaling JSON: while decoding JSON: json: unknown field "namespace"`) {
		t.Errorf("stderr:\n%s", r.stderr)
	}
}

// The settings' engine and model serve propose when no flag says otherwise;
// a flag wins over them.
func TestProposeUsesTheSettingsEngine(t *testing.T) {
	s := llmtest.New(t, llmtest.Script(map[string][]llmtest.Reply{resolvRequest: {{Content: nginxAnswer}}}))
	t.Setenv("KUNERVA_SETTINGS_KEY", s.APIKey())
	dir := settingsRepo(t, fmt.Sprintf("engine: llm\nllm:\n  baseURL: %s\n  model: %s\n  apiKeyEnv: KUNERVA_SETTINGS_KEY\n", s.BaseURL(), s.Model()))
	model := []string{"--llm-base-url", s.BaseURL(), "--llm-api-key-env", "KUNERVA_SETTINGS_KEY"} // the settings only repeat them
	r := kunerva(t, "", append([]string{"propose", "--repo", dir, "--cluster", "none", "--engine", "builtin", resolvRequest}, model...)...)
	r.expect(t, exitOK)
	if len(s.Calls()) != 0 || !strings.Contains(strings.ToLower(r.stdout), "understood by the builtin engine") {
		t.Fatalf("--engine builtin: %d calls to the model\n%s", len(s.Calls()), r.stdout)
	}
	exec.Command("git", "-C", dir, "checkout", "-q", "main").Run()
	exec.Command("git", "-C", dir, "branch", "-q", "-D", "kunerva/local-block-access-to-etc-resolv-conf-in-pods").Run()
	r = kunerva(t, "", append([]string{"propose", "--repo", dir, "--cluster", "none", resolvRequest}, model...)...)
	r.expect(t, exitOK)
	if len(s.Calls()) != 1 || !strings.Contains(strings.ToLower(r.stdout), "understood by the llm engine") {
		t.Fatalf("the settings' engine: %d calls to the model\n%s", len(s.Calls()), r.stdout)
	}
}
