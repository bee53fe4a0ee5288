package gitrepo

import (
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/go-git/go-git/v5/plumbing"
)

func TestSlug(t *testing.T) {
	tests := []struct {
		name, text, want string
	}{
		{"issue example", "Only checkout may reach payments on 8443!", "only-checkout-may-reach-payments-on-8443"},
		{"runs of punctuation", "  allow -- port 9090 / tcp  ", "allow-port-9090-tcp"},
		{"accents dropped", "Zugriff für Café-Pods", "zugriff-fur-cafe-pods"},
		{"apostrophes joined", "don't let db talk", "dont-let-db-talk"},
		{"cut between words", "only the checkout pods in shop may reach payments on 8443", "only-the-checkout-pods-in-shop-may-reach"},
		{"cut inside one long word", strings.Repeat("a", 50), strings.Repeat("a", 40)},
		{"shell and path characters", "$(rm -rf /); ../../etc `id`", "rm-rf-etc-id"},
		{"no letters or digits", "!!! ???", "request"},
		{"non-latin only", "日本語", "request"},
		{"empty", "", "request"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Slug(tt.text)
			if got != tt.want {
				t.Errorf("Slug(%q) = %q, want %q", tt.text, got, tt.want)
			}
			if len(got) > 40 {
				t.Errorf("Slug(%q) has %d characters, want at most 40", tt.text, len(got))
			}
		})
	}
}

func FuzzSlug(f *testing.F) {
	for _, seed := range []string{request, "", "日本語", "--a--", "don't", "ǅemal ﬁx Ⅻ", strings.Repeat("ab-", 30)} {
		f.Add(seed)
	}
	valid := regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
	f.Fuzz(func(t *testing.T, text string) {
		s := Slug(text)
		if len(s) > 40 || !valid.MatchString(s) {
			t.Fatalf("Slug(%q) = %q, want 1 to 40 of [a-z0-9] in dash-joined words", text, s)
		}
		if err := plumbing.NewBranchReferenceName("kunerva/4-" + s).Validate(); err != nil {
			t.Fatalf("Slug(%q) = %q makes an invalid branch name: %v", text, s, err)
		}
		if again := Slug(s); again != s {
			t.Fatalf("Slug(%q) = %q, but Slug(%q) = %q", text, s, s, again)
		}
	})
}

func TestOpenFindsTheWorktreeFromASubdirectory(t *testing.T) {
	dir := checkout(t)
	r := open(t, filepath.Join(dir, "policies"))
	if r.Root() != dir {
		t.Errorf("Root() = %s, want %s", r.Root(), dir)
	}
	if _, err := Open(t.TempDir()); err == nil {
		t.Error("Open of a directory outside any repository succeeded")
	}
}

func TestBranch(t *testing.T) {
	t.Run("new branch from HEAD keeps the worktree", func(t *testing.T) {
		dir := checkout(t)
		r := open(t, dir)
		_, mainHash := head(t, r)
		write(t, dir, "README.md", "# shop, edited\n")
		write(t, dir, "policies/shop/new.yaml", policy)

		if err := r.Branch("kunerva/4-new", ""); err != nil {
			t.Fatal(err)
		}
		branch, hash := head(t, r)
		if branch != "kunerva/4-new" || hash != mainHash {
			t.Errorf("HEAD = %s at %s, want kunerva/4-new at %s", branch, hash, mainHash)
		}
		assertFile(t, dir, "README.md", "# shop, edited\n")
		assertFile(t, dir, "policies/shop/new.yaml", policy)
		if got := gitCmd(t, dir, "status", "--porcelain"); got != "M README.md\n?? policies/shop/" {
			t.Errorf("git status after Branch:\n%s", got)
		}
	})

	t.Run("new branch from another base", func(t *testing.T) {
		dir := checkout(t)
		gitCmd(t, dir, "checkout", "--quiet", "-b", "release")
		write(t, dir, "README.md", "# shop release\n")
		gitCmd(t, dir, "commit", "--quiet", "-am", "release")
		releaseHash := gitCmd(t, dir, "rev-parse", "HEAD")
		gitCmd(t, dir, "checkout", "--quiet", "main")
		r := open(t, dir)

		if err := r.Branch("kunerva/5-from-release", "release"); err != nil {
			t.Fatal(err)
		}
		if _, hash := head(t, r); hash != releaseHash {
			t.Errorf("HEAD at %s, want release's %s", hash, releaseHash)
		}
		assertFile(t, dir, "README.md", "# shop\n") // files stay as they were
		if got := gitCmd(t, dir, "diff", "--cached", "--name-only"); got != "" {
			t.Errorf("index differs from the new HEAD in %s; Branch must reset the index", got)
		}
	})

	t.Run("existing branch is checked out as it is", func(t *testing.T) {
		dir := checkout(t)
		r := open(t, dir)
		if err := r.Branch("kunerva/6-again", ""); err != nil {
			t.Fatal(err)
		}
		write(t, dir, "policies/shop/p.yaml", policy)
		tip, err := r.Commit([]string{"policies/shop/p.yaml"}, "policy", bot)
		if err != nil {
			t.Fatal(err)
		}
		gitCmd(t, dir, "checkout", "--quiet", "main")

		if err := r.Branch("kunerva/6-again", ""); err != nil {
			t.Fatal(err)
		}
		if branch, hash := head(t, r); branch != "kunerva/6-again" || hash != tip {
			t.Errorf("HEAD = %s at %s, want kunerva/6-again at its tip %s", branch, hash, tip)
		}
	})

	errs := []struct {
		name, branch, base, want string
	}{
		{"invalid name", "kunerva/bad..name", "", "not a valid git branch name"},
		{"empty name", "", "", "not a valid git branch name"},
		{"missing base", "kunerva/7-x", "nope", `base branch "nope" does not exist locally`},
	}
	for _, tt := range errs {
		t.Run(tt.name, func(t *testing.T) {
			r := open(t, checkout(t))
			err := r.Branch(tt.branch, tt.base)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Branch(%q, %q) = %v, want an error containing %q", tt.branch, tt.base, err, tt.want)
			}
		})
	}
}

func TestCommit(t *testing.T) {
	tests := []struct {
		name    string
		change  func(t *testing.T, dir string)
		paths   []string
		wantErr string // "" for success
		want    string // the commit's files (git ls-tree -r --name-only), one per line
	}{
		{
			name: "only the given paths",
			change: func(t *testing.T, dir string) {
				write(t, dir, "policies/shop/p.yaml", policy)
				write(t, dir, "kunerva", "binary")
			},
			paths: []string{"policies/shop/p.yaml"},
			want:  "README.md\npolicies/kustomization.yaml\npolicies/shop/p.yaml",
		},
		{
			name: "a directory stands for its files",
			change: func(t *testing.T, dir string) {
				write(t, dir, "policies/shop/p.yaml", policy)
				write(t, dir, "policies/shop/kustomization.yaml", kustomization)
				write(t, dir, "policies/kustomization.yaml", kustomization+"# shop\n")
			},
			paths: []string{"policies"},
			want:  "README.md\npolicies/kustomization.yaml\npolicies/shop/kustomization.yaml\npolicies/shop/p.yaml",
		},
		{
			name:   "a missing path is a deletion",
			change: func(t *testing.T, dir string) { os.Remove(filepath.Join(dir, "README.md")) },
			paths:  []string{"README.md"},
			want:   "policies/kustomization.yaml",
		},
		{
			name:   "an absolute path inside the worktree",
			change: func(t *testing.T, dir string) { write(t, dir, "policies/shop/p.yaml", policy) },
			paths:  nil, // filled in below with the absolute path
			want:   "README.md\npolicies/kustomization.yaml\npolicies/shop/p.yaml",
		},
		{
			name:    "nothing changed",
			change:  func(t *testing.T, dir string) { write(t, dir, "README.md", "# shop\n") },
			paths:   []string{"README.md", "policies"},
			wantErr: "nothing to commit",
		},
		{
			name: "other staged changes are refused",
			change: func(t *testing.T, dir string) {
				write(t, dir, "notes.txt", "mine\n")
				gitCmd(t, dir, "add", "notes.txt")
				write(t, dir, "policies/shop/p.yaml", policy)
			},
			paths:   []string{"policies/shop/p.yaml"},
			wantErr: "staged changes outside the given paths (notes.txt)",
		},
		{
			name:    "a path outside the worktree",
			change:  func(t *testing.T, dir string) {},
			paths:   []string{"../elsewhere.yaml"},
			wantErr: `path "../elsewhere.yaml" is outside the worktree`,
		},
		{
			name:    "no paths",
			change:  func(t *testing.T, dir string) {},
			paths:   []string{},
			wantErr: "no paths given",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := checkout(t)
			r := open(t, dir)
			_, before := head(t, r)
			tt.change(t, dir)
			paths := tt.paths
			if paths == nil {
				paths = []string{filepath.Join(dir, "policies", "shop", "p.yaml")}
			}

			hash, err := r.Commit(paths, "policy: only checkout may reach payments\n\nRequested-by: @alice\n", bot)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("Commit = %v, want an error containing %q", err, tt.wantErr)
				}
				if errors.Is(err, ErrNothingToCommit) && hash != before {
					t.Errorf("Commit with nothing to commit returned %s, want the current head %s", hash, before)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if _, now := head(t, r); now != hash || hash == before {
				t.Errorf("HEAD at %s after Commit returned %s (before: %s)", now, hash, before)
			}
			if got := gitCmd(t, dir, "ls-tree", "-r", "--name-only", hash); got != tt.want {
				t.Errorf("commit has files\n%s\nwant\n%s", got, tt.want)
			}
			if got := gitCmd(t, dir, "log", "-1", "--format=%an <%ae> %aI|%cn <%ce>|%B", hash); got != "kunerva <kunerva@users.noreply.example.com> 2026-05-01T12:00:00+00:00|kunerva <kunerva@users.noreply.example.com>|policy: only checkout may reach payments\n\nRequested-by: @alice" {
				t.Errorf("commit metadata: %s", got)
			}
			if got := gitCmd(t, dir, "diff", "--cached", "--name-only"); got != "" {
				t.Errorf("index differs from the new commit in %s", got)
			}
		})
	}
}

func TestCommitTwiceConverges(t *testing.T) {
	dir := checkout(t)
	r := open(t, dir)
	write(t, dir, "policies/shop/p.yaml", policy)
	first, err := r.Commit([]string{"policies/shop/p.yaml"}, "policy", bot)
	if err != nil {
		t.Fatal(err)
	}
	write(t, dir, "policies/shop/p.yaml", policy) // a re-run writes the same file
	again, err := r.Commit([]string{"policies/shop/p.yaml"}, "policy", bot)
	if !errors.Is(err, ErrNothingToCommit) || again != first {
		t.Errorf("second Commit = %s, %v; want %s, ErrNothingToCommit", again, err, first)
	}
}

func assertFile(t *testing.T, dir, name, want string) {
	t.Helper()
	got, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(name)))
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != want {
		t.Errorf("%s = %q, want %q", name, got, want)
	}
}

func TestInitCommitsEverything(t *testing.T) {
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "a", "b"), 0o755); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"top.yaml", "a/b/deep.yaml"} {
		if err := os.WriteFile(filepath.Join(dir, f), []byte(f), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	r, err := Init(dir, "the tree", Signature{Name: "t", Email: "t@example.com"})
	if err != nil {
		t.Fatal(err)
	}
	branch, hash, err := r.Head()
	if err != nil || branch != "main" || hash == "" {
		t.Fatalf("Head() = %q, %q, %v; want main and a commit", branch, hash, err)
	}
	for _, f := range []string{"top.yaml", "a/b/deep.yaml"} {
		if got, err := r.ReadFile("main", f); err != nil || string(got) != f {
			t.Errorf("ReadFile(main, %s) = %q, %v", f, got, err)
		}
	}
}
