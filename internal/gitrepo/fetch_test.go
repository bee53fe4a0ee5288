package gitrepo

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
)

// shallowClone is a checkout as actions/checkout leaves it: one commit deep,
// on a detached HEAD, with no local branch at all.
func shallowClone(t *testing.T, rem *remote) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "shallow")
	gitCmd(t, t.TempDir(), "clone", "--quiet", "--depth=1", "file://"+rem.bare, dir)
	gitCmd(t, dir, "checkout", "--quiet", "--detach")
	gitCmd(t, dir, "branch", "--quiet", "-D", "main")
	gitCmd(t, dir, "remote", "set-url", "origin", rem.url)
	return dir
}

func TestFetchBringsInABranchToAmend(t *testing.T) {
	ctx := context.Background()
	rem := newRemote(t, requireToken)
	first := seeded(t, rem)
	r := open(t, first)
	branch, hash := propose(t, first, r, bot)
	if err := r.Push(ctx, "origin", branch, token); err != nil {
		t.Fatal(err)
	}

	for name, dir := range map[string]func(*testing.T, *remote) string{"full clone": clone, "shallow detached clone": shallowClone} {
		t.Run(name, func(t *testing.T) {
			dir := dir(t, rem)
			r := open(t, dir)
			if r.HasBranch(branch) {
				t.Fatalf("the fresh checkout already has %s", branch)
			}
			if err := r.Fetch(ctx, "origin", branch, token); err != nil {
				t.Fatal(err)
			}
			if err := r.Checkout(branch); err != nil {
				t.Fatal(err)
			}
			if b, h := head(t, r); b != branch || h != hash {
				t.Fatalf("HEAD at %s@%s, want %s@%s", b, h, branch, hash)
			}
			if _, err := os.Stat(filepath.Join(dir, "policies/shop/only-checkout-to-payments.yaml")); err != nil {
				t.Fatalf("the checked-out worktree lacks the branch's policy: %v", err)
			}
			// A follow-up commit on the fetched branch is a fast-forward.
			write(t, dir, "policies/shop/also.yaml", policy)
			next, err := r.Commit([]string{"policies/shop/also.yaml"}, "also", bot)
			if err != nil {
				t.Fatal(err)
			}
			if err := r.Push(ctx, rem.url, branch, token); err != nil {
				t.Fatal(err)
			}
			if got := rem.tip(t, branch); got != next {
				t.Errorf("remote at %s, want the follow-up %s", got, next)
			}
			// Put the remote back for the next case.
			gitCmd(t, rem.bare, "--git-dir", rem.bare, "update-ref", "refs/heads/"+branch, hash)
		})
	}
}

func TestFetchMovesADivergedLocalBranch(t *testing.T) {
	ctx := context.Background()
	rem := newRemote(t, nil)
	dir := seeded(t, rem)
	r := open(t, dir)
	branch, pushed := propose(t, dir, r, bot)
	if err := r.Push(ctx, "origin", branch, ""); err != nil {
		t.Fatal(err)
	}
	write(t, dir, "policies/shop/local.yaml", policy)
	if _, err := r.Commit([]string{"policies/shop/local.yaml"}, "local only", bot); err != nil {
		t.Fatal(err)
	}
	if err := r.Checkout("main"); err != nil {
		t.Fatal(err)
	}
	if err := r.Fetch(ctx, "origin", branch, ""); err != nil {
		t.Fatal(err)
	}
	if got := gitCmd(t, dir, "rev-parse", branch); got != pushed {
		t.Errorf("local %s at %s after Fetch, want the remote's %s", branch, got, pushed)
	}
}

func TestFetchFailures(t *testing.T) {
	ctx := context.Background()
	rem := newRemote(t, requireToken)
	dir := seeded(t, rem)
	r := open(t, dir)

	t.Run("no such remote branch", func(t *testing.T) {
		err := r.Fetch(ctx, "origin", "kunerva/9-gone", token)
		if !errors.Is(err, ErrNoRemoteBranch) {
			t.Errorf("Fetch = %v, want ErrNoRemoteBranch", err)
		}
	})
	t.Run("the checked-out branch", func(t *testing.T) {
		err := r.Fetch(ctx, "origin", "main", token)
		if err == nil || !strings.Contains(err.Error(), "checked out") {
			t.Errorf("Fetch = %v, want a refusal of the checked-out branch", err)
		}
	})
	t.Run("a wrong token is not shown", func(t *testing.T) {
		err := r.Fetch(ctx, "origin", "main2", badToken)
		if err == nil {
			t.Fatal("Fetch succeeded with a wrong token")
		}
		for e := error(err); e != nil; e = errors.Unwrap(e) {
			if strings.Contains(e.Error(), badToken) {
				t.Errorf("error text carries the token: %s", e)
			}
		}
	})
	t.Run("a 502 is retried", func(t *testing.T) {
		var seen atomic.Int32
		flaky := newRemote(t, failFirst(2, &seen, badGateway))
		gitCmd(t, dir, "push", "--quiet", flaky.bare, "main:side")
		if err := r.Fetch(ctx, flaky.url, "side", ""); err != nil {
			t.Fatal(err)
		}
		if seen.Load() < 3 {
			t.Errorf("%d requests, want the two failures and a success", seen.Load())
		}
	})
}

func TestCheckoutKeepsWork(t *testing.T) {
	dir := checkout(t)
	r := open(t, dir)
	gitCmd(t, dir, "branch", "other")
	write(t, dir, "notes.txt", "untracked\n")
	if err := r.Checkout("other"); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, "notes.txt")); err != nil {
		t.Errorf("an untracked file went missing: %v", err)
	}
	write(t, dir, "README.md", "# changed\n")
	err := r.Checkout("main")
	if err == nil || !strings.Contains(err.Error(), "README.md") {
		t.Errorf("Checkout with a modified file = %v, want a refusal naming README.md", err)
	}
	if err := r.Checkout("nope"); err == nil {
		t.Error("Checkout of a missing branch succeeded")
	}
}

func TestReadFileFromABranch(t *testing.T) {
	dir := checkout(t)
	r := open(t, dir)
	write(t, dir, ".github/kunerva.yaml", "namespaces: [shop]\n")
	gitCmd(t, dir, "add", "-A")
	gitCmd(t, dir, "commit", "--quiet", "-m", "config")
	// The worktree says otherwise; the branch's commit wins.
	write(t, dir, ".github/kunerva.yaml", "namespaces: ['*']\n")
	got, err := r.ReadFile("main", ".github/kunerva.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != "namespaces: [shop]\n" {
		t.Errorf("ReadFile = %q, want the committed file", got)
	}
	if _, err := r.ReadFile("main", ".github/missing.yaml"); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("ReadFile of a missing file = %v, want fs.ErrNotExist", err)
	}
	if _, err := r.ReadFile("nope", "README.md"); err == nil {
		t.Error("ReadFile from a missing branch succeeded")
	}
}
