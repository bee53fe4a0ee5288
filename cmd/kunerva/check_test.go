package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// prRepo makes a git repository holding a copy of examples/shop committed on
// main, then checks out a branch "pr" on which change is applied (a nil
// value deletes the file) and committed, as a pull request would be.
func prRepo(t *testing.T, change map[string]*string) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "repo")
	if err := os.CopyFS(dir, os.DirFS(shopTree)); err != nil {
		t.Fatal(err)
	}
	git := func(args ...string) { t.Helper(); gitIn(t, dir, args...) }
	git("init", "-q", "-b", "main")
	git("add", "-A")
	git("commit", "-qm", "shop")
	git("switch", "-qc", "pr")
	for name, content := range change {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if content == nil {
			if err := os.Remove(p); err != nil {
				t.Fatal(err)
			}
			continue
		}
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(*content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	git("add", "-A")
	git("commit", "-qm", "change", "--allow-empty")
	return dir
}

func ptr(s string) *string { return &s }

// listedDB is a policy for the data namespace, listed from policies/.
func listedDB(port string) map[string]*string {
	return map[string]*string{
		"policies/kustomization.yaml":      ptr("resources:\n- data\n"),
		"policies/data/kustomization.yaml": ptr("resources:\n- allow-db.yaml\n"),
		"policies/data/allow-db.yaml":      ptr(strings.Replace(dbPolicy, "PORT", port, 1)),
	}
}

func TestCheck(t *testing.T) {
	// A policy on main that the pull request deletes: nothing to check.
	deleted := prRepo(t, listedDB("postgres"))
	gitIn(t, deleted, "switch", "-qc", "pr2")
	if err := os.RemoveAll(filepath.Join(deleted, "policies/data")); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(deleted, "policies/kustomization.yaml"), []byte("resources: []\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	gitIn(t, deleted, "add", "-A")
	gitIn(t, deleted, "commit", "-qm", "delete the policy")

	cases := []struct {
		name    string
		repo    string
		args    []string
		sub     string // the tree root inside the repository
		code    int
		want    []string
		summary []string // in $GITHUB_STEP_SUMMARY; nil: no summary file
	}{
		{
			name: "valid policy",
			repo: prRepo(t, listedDB("postgres")),
			code: exitOK,
			want: []string{"no findings\n", "What the branch changes in the tree's policies:", "(except data/backup) and world can no longer reach data/db on 5432/TCP"},
		},
		{
			name:    "valid policy, github",
			repo:    prRepo(t, listedDB("postgres")),
			args:    []string{"-o", "github"},
			code:    exitOK,
			summary: []string{"1 policy checked, no findings.", "### What the changed policies change", "```mermaid"},
		},
		{
			name: "port the pods do not expose",
			repo: prRepo(t, listedDB("postgresql")),
			args: []string{"-o", "github"},
			code: exitFindings,
			want: []string{"::error file=policies/data/allow-db.yaml,line=1,title=kunerva ports::NetworkPolicy/data/allow-db: spec.ingress[0].ports[0].port: \"postgresql\" is not a port exposed"},
			summary: []string{
				"| Severity | File | Object | Field | Check | Message |",
				"| error | policies/data/allow-db.yaml:1 | NetworkPolicy/data/allow-db | spec.ingress[0].ports[0].port | ports | \"postgresql\" is not a port exposed",
			},
		},
		{
			name: "only a Deployment changed",
			repo: prRepo(t, map[string]*string{"data/db.yaml": ptr(strings.Replace(readShop(t, "data/db.yaml"), "replicas: 1", "replicas: 2", 1))}),
			code: exitOK,
			want: []string{"no policy changed\n"},
		},
		{
			// No policy file is left to validate, but what it denied is
			// open now: the check says so.
			name: "deleted policy",
			repo: deleted,
			args: []string{"--base", "pr"},
			code: exitOK,
			want: []string{"No policy file changed, but the tree's policies did:\nProtections removed:\n- every workload (except data/backup) and world can now reach data/db on 5432/TCP"},
		},
		{
			// The policy of the file is renamed and no longer selects the
			// database: the old name must not stay in force.
			name: "policy renamed and weakened in its file",
			repo: renamedRepo(t),
			args: []string{"--base", "pr"},
			code: exitFindings, // and a selector that selects nothing is an error
			want: []string{"Protections removed:\n- every workload (except data/backup) and world can now reach data/db on 5432/TCP"},
		},
		{
			// Only a kustomization changes: the policy is dropped from the
			// build, its file stays.
			name: "policy dropped from the kustomization",
			repo: droppedRepo(t),
			args: []string{"--base", "pr"},
			code: exitOK,
			want: []string{"No policy file changed, but the tree's policies did:\nProtections removed:\n- every workload (except data/backup) and world can now reach data/db on 5432/TCP"},
		},
		{
			name: "policy outside the tree root",
			repo: prRepo(t, listedDB("postgresql")),
			sub:  "web",
			code: exitOK,
			want: []string{"no policy changed\n"},
		},
		{
			name: "unknown base",
			repo: prRepo(t, nil),
			args: []string{"--base", "origin/nope"},
			code: exitFailure,
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			summary := filepath.Join(t.TempDir(), "summary.md")
			t.Setenv("GITHUB_STEP_SUMMARY", summary)
			t.Setenv("GITHUB_BASE_REF", "")
			args := []string{"check", "--repo", c.repo, "--tree-root", filepath.Join(c.repo, c.sub), "--cluster", "none"}
			r := kunerva(t, "", append(args, c.args...)...)
			if r.code != c.code {
				t.Fatalf("exit code %d, want %d\nstdout:\n%s\nstderr:\n%s", r.code, c.code, r.stdout, r.stderr)
			}
			for _, want := range c.want {
				if !strings.Contains(r.stdout, want) {
					t.Errorf("want %q in:\n%s", want, r.stdout)
				}
			}
			got, err := os.ReadFile(summary)
			if c.summary == nil {
				if err == nil {
					t.Errorf("a job summary was written without -o github:\n%s", got)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			for _, want := range c.summary {
				if !strings.Contains(string(got), want) {
					t.Errorf("want %q in the job summary:\n%s", want, got)
				}
			}
		})
	}
}

// renamedRepo holds the db policy on branch pr, and on pr2 the same file
// with the policy renamed and selecting no pods.
func renamedRepo(t *testing.T) string {
	t.Helper()
	repo := prRepo(t, listedDB("postgres"))
	gitIn(t, repo, "switch", "-qc", "pr2")
	renamed := strings.Replace(strings.Replace(strings.Replace(dbPolicy, "PORT", "postgres", 1), "name: allow-db", "name: nothing", 1), "app: db", "app: none", 1)
	if err := os.WriteFile(filepath.Join(repo, "policies/data/allow-db.yaml"), []byte(renamed), 0o644); err != nil {
		t.Fatal(err)
	}
	gitIn(t, repo, "commit", "-qam", "rename the policy")
	return repo
}

// droppedRepo holds the db policy on branch pr, and on pr2 the same file
// no longer listed in its kustomization.
func droppedRepo(t *testing.T) string {
	t.Helper()
	repo := prRepo(t, listedDB("postgres"))
	gitIn(t, repo, "switch", "-qc", "pr2")
	if err := os.WriteFile(filepath.Join(repo, "policies/data/kustomization.yaml"), []byte("resources: []\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	gitIn(t, repo, "commit", "-qam", "drop the policy from the build")
	return repo
}

// A policy whose namespace a kustomization sets is compared as built: the
// edit that weakens it is reported.
func TestCheckReadsPoliciesAsBuilt(t *testing.T) {
	noNamespace := strings.Replace(strings.Replace(dbPolicy, "PORT", "postgres", 1), "  namespace: data\n", "", 1)
	repo := prRepo(t, map[string]*string{
		"policies/kustomization.yaml":      ptr("resources:\n- data\n"),
		"policies/data/kustomization.yaml": ptr("namespace: data\nresources:\n- allow-db.yaml\n"),
		"policies/data/allow-db.yaml":      ptr(noNamespace),
	})
	gitIn(t, repo, "switch", "-qc", "pr2")
	weakened := strings.Replace(noNamespace, "app: backup", "app: migrate", 1)
	if err := os.WriteFile(filepath.Join(repo, "policies/data/allow-db.yaml"), []byte(weakened), 0o644); err != nil {
		t.Fatal(err)
	}
	gitIn(t, repo, "commit", "-qam", "migrate instead of backup")
	r := kunerva(t, "", "check", "--repo", repo, "--tree-root", repo, "--base", "pr", "--cluster", "none")
	for _, want := range []string{"data/migrate can now reach data/db on 5432/TCP", "data/backup can no longer reach data/db on 5432/TCP"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("want %q in:\n%s\n%s", want, r.stdout, r.stderr)
		}
	}
}

// A pull request that edits a policy on main is compared with the policy
// as the branch found it: only what the edit changes is reported.
func TestCheckReportsWhatAnEditChanges(t *testing.T) {
	repo := prRepo(t, listedDB("postgres"))
	gitIn(t, repo, "switch", "-qc", "pr2")
	edited := strings.Replace(strings.Replace(dbPolicy, "PORT", "postgres", 1), "app: backup", "app: migrate", 1)
	if err := os.WriteFile(filepath.Join(repo, "policies/data/allow-db.yaml"), []byte(edited), 0o644); err != nil {
		t.Fatal(err)
	}
	gitIn(t, repo, "commit", "-qam", "migrate, not backup, may reach the database")
	r := kunerva(t, "", "check", "--repo", repo, "--tree-root", repo, "--base", "pr", "--cluster", "none")
	if r.code != exitOK {
		t.Fatalf("exit %d\n%s\n%s", r.code, r.stdout, r.stderr)
	}
	_, report, _ := strings.Cut(r.stdout, "What the branch changes in the tree's policies:\n")
	for _, want := range []string{
		"Protections removed:\n- data/migrate can now reach data/db on 5432/TCP",
		"data/backup can no longer reach data/db on 5432/TCP",
	} {
		if !strings.Contains(report, want) {
			t.Errorf("want %q in:\n%s", want, report)
		}
	}
	if n := strings.Count(report, "\n- "); n != 2 {
		t.Errorf("%d changes, want 2 (backup loses, migrate gains):\n%s", n, report)
	}
}

// TestCheckLocalControlPlane runs all three stages, the dry-run on the local
// control plane seeded from the tree; only -short skips it.
func TestCheckLocalControlPlane(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: the dry-run starts the local control plane")
	}
	repo := prRepo(t, listedDB("70000"))
	t.Setenv("GITHUB_BASE_REF", "")
	r := kunerva(t, "", "check", "--repo", repo, "--tree-root", repo)
	if r.code != exitFindings {
		t.Fatalf("exit code %d, want 1\n%s%s", r.code, r.stdout, r.stderr)
	}
	for _, want := range []string{
		"policies/data/allow-db.yaml:1: NetworkPolicy/data/allow-db: spec.ingress[0].ports[0].port: Invalid value: 70000: must be between 1 and 65535, inclusive [dryrun]",
		"2 errors, 0 warnings in 1 file",
	} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("want %q in:\n%s", want, r.stdout)
		}
	}
}

func gitIn(t *testing.T, dir string, args ...string) {
	t.Helper()
	cmd := exec.Command("git", append([]string{"-c", "user.name=test", "-c", "user.email=test@example.com"}, args...)...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GIT_CONFIG_GLOBAL=/dev/null", "GIT_CONFIG_NOSYSTEM=1")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
	}
}

func readShop(t *testing.T, name string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(shopTree, name))
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}
