package examples

import (
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestCheckScript runs the check workflow's validate step (kunerva check)
// on a pull request made in a git copy of examples/shop, with kunerva built
// by the action's build step and the real local control plane for the
// dry-run.
func TestCheckScript(t *testing.T) {
	const file = "workflows/kunerva-check.yml"
	w := decodeStrict[workflow](t, file)
	s := findStep(t, file, w.Jobs["validate"].Steps, "validate")
	bin := buildWithAction(t)

	const blockFile = `apiVersion: security.kubearmor.com/v1
kind: KubeArmorPolicy
metadata:
  name: block-file-nginx
  namespace: web
spec:
  selector:
    matchLabels:
      app: nginx
  file:
    matchPaths:
    - path: /etc/resolv.conf
      action: Block
`
	const badPort = `apiVersion: networking.k8s.io/v1
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
    - port: postgresql
`
	listWeb := map[string]string{
		"policies/kustomization.yaml":     "resources:\n- web\n",
		"policies/web/kustomization.yaml": "resources:\n- block-file-nginx.yaml\n",
	}
	cases := []struct {
		name    string
		change  map[string]string // files the pull request writes
		fails   bool
		want    []string
		notWant []string
		summary string // in the job summary
	}{
		{name: "no policy changed", change: map[string]string{"README.md": "changed\n"}, want: []string{"no policy changed"}, summary: "0 policies checked, no findings."},
		{
			name:    "valid policy",
			change:  with(listWeb, "policies/web/block-file-nginx.yaml", blockFile),
			notWant: []string{"::error", "kustomization.yaml"},
			summary: "1 policy checked, no findings.",
		},
		{
			name:    "invalid policy",
			change:  map[string]string{"policies/data/allow-db.yaml": badPort},
			fails:   true,
			want:    []string{"::error file=policies/data/allow-db.yaml,line=1,title=kunerva ports::", `"postgresql" is not a port exposed`},
			summary: "| error | policies/data/allow-db.yaml:1 | NetworkPolicy/data/allow-db |",
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			repo := pullRequest(t, c.change)
			summary := filepath.Join(t.TempDir(), "summary.md")
			r := map[string]string{
				"PATH":                bin + string(os.PathListSeparator) + os.Getenv("PATH"),
				"GITHUB_BASE_REF":     "main",
				"GITHUB_STEP_SUMMARY": summary,
			}
			out, err := runScript(t, repo, s.Run, scriptEnv(t, []map[string]string{w.Env, s.Env}, nil, r))
			if (err != nil) != c.fails {
				t.Fatalf("error %v, want failure %v; output:\n%s", err, c.fails, out)
			}
			for _, want := range c.want {
				if !strings.Contains(out, want) {
					t.Errorf("want %q in:\n%s", want, out)
				}
			}
			for _, bad := range c.notWant {
				if strings.Contains(out, bad) {
					t.Errorf("want no %q in:\n%s", bad, out)
				}
			}
			if got, err := os.ReadFile(summary); err != nil || !strings.Contains(string(got), c.summary) {
				t.Errorf("want %q in the job summary (%v):\n%s", c.summary, err, got)
			}
		})
	}
}

func with(m map[string]string, k, v string) map[string]string {
	out := maps.Clone(m)
	out[k] = v
	return out
}

// pullRequest makes a git repository holding examples/shop at its root,
// commits it on main (the base, also as origin/main, as a checkout with
// fetch-depth: 0 has it), then commits change on a branch, as a pull request
// would; it returns the repository.
func pullRequest(t *testing.T, change map[string]string) string {
	t.Helper()
	repo := filepath.Join(t.TempDir(), "repo")
	if err := os.CopyFS(repo, os.DirFS("shop")); err != nil {
		t.Fatal(err)
	}
	git := func(args ...string) string {
		t.Helper()
		cmd := exec.Command("git", append([]string{"-c", "user.name=test", "-c", "user.email=test@example.com"}, args...)...)
		cmd.Dir = repo
		cmd.Env = append(os.Environ(), "GIT_CONFIG_GLOBAL=/dev/null", "GIT_CONFIG_NOSYSTEM=1")
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
		}
		return strings.TrimSpace(string(out))
	}
	git("init", "-q", "-b", "main")
	git("add", "-A")
	git("commit", "-qm", "shop")
	git("update-ref", "refs/remotes/origin/main", "HEAD")
	git("switch", "-qc", "pr")
	for name, content := range change {
		p := filepath.Join(repo, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	git("add", "-A")
	git("commit", "-qm", "change")
	return repo
}
