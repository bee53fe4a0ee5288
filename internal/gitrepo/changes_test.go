package gitrepo

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
)

func TestChangedFiles(t *testing.T) {
	dir := checkout(t)
	write(t, dir, "policies/shop/old.yaml", policy)
	write(t, dir, "policies/shop/keep.yaml", policy)
	gitCmd(t, dir, "add", "-A")
	gitCmd(t, dir, "commit", "--quiet", "-m", "old policies")

	gitCmd(t, dir, "switch", "--quiet", "-c", "pr")
	write(t, dir, "policies/shop/new.yaml", policy)
	write(t, dir, "policies/shop/keep.yaml", policy+"# changed\n")
	gitCmd(t, dir, "rm", "--quiet", "policies/shop/old.yaml")
	gitCmd(t, dir, "add", "-A")
	gitCmd(t, dir, "commit", "--quiet", "-m", "pr")

	// main moves on after the branch left it: not the pull request's change.
	gitCmd(t, dir, "switch", "--quiet", "main")
	write(t, dir, "later.md", "later\n")
	gitCmd(t, dir, "add", "-A")
	gitCmd(t, dir, "commit", "--quiet", "-m", "later on main")
	gitCmd(t, dir, "switch", "--quiet", "pr")

	// An unrelated history has no merge base: its whole tree is compared.
	gitCmd(t, dir, "switch", "--quiet", "--orphan", "other")
	write(t, dir, "README.md", "# other\n")
	gitCmd(t, dir, "add", "README.md")
	gitCmd(t, dir, "commit", "--quiet", "-m", "other")
	gitCmd(t, dir, "switch", "--quiet", "pr")

	r := open(t, dir)
	cases := []struct {
		name, base, head string
		want             []string
	}{
		{name: "from the merge base", base: "main", head: "HEAD", want: []string{"policies/shop/keep.yaml", "policies/shop/new.yaml"}},
		{name: "by hash", base: gitCmd(t, dir, "rev-parse", "main~1"), head: "pr", want: []string{"policies/shop/keep.yaml", "policies/shop/new.yaml"}},
		{name: "nothing changed", base: "pr", head: "HEAD", want: nil},
		{name: "no merge base", base: "other", head: "pr", want: []string{"README.md", "policies/kustomization.yaml", "policies/shop/keep.yaml", "policies/shop/new.yaml"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := r.ChangedFiles(c.base, c.head)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(got, c.want) {
				t.Errorf("ChangedFiles(%s, %s) = %q, want %q", c.base, c.head, got, c.want)
			}
		})
	}

	if _, err := r.ChangedFiles("origin/main", "HEAD"); err == nil {
		t.Error("ChangedFiles with an unknown base: no error")
	}

	// The other side of the change: the repository as the branch found
	// it, not as main has it since.
	fork := t.TempDir()
	if err := r.ExportFork("main", "HEAD", fork); err != nil {
		t.Fatal(err)
	}
	for name, want := range map[string]string{"policies/shop/keep.yaml": policy, "policies/shop/old.yaml": policy} {
		if got, err := os.ReadFile(filepath.Join(fork, filepath.FromSlash(name))); err != nil || string(got) != want {
			t.Errorf("%s at the fork point: %q, %v", name, got, err)
		}
	}
	for _, gone := range []string{"policies/shop/new.yaml", "later.md"} {
		if _, err := os.Stat(filepath.Join(fork, gone)); err == nil {
			t.Errorf("%s is exported, but the branch did not find it", gone)
		}
	}
}
