package gitrepo

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/go-git/go-git/v5/plumbing/transport"

	"github.com/kunerva/kunerva/internal/httpretry"
)

const request = "Only checkout may reach payments on 8443!"

var message = "policy: only checkout may reach payments on 8443\n\n" +
	"Request: /policy only the checkout pods may reach payments on 8443\n" +
	"Requested-by: @alice\n" +
	"Engine: builtin"

// propose is what the pipeline does in a checkout: branch, write the policy,
// commit it; it returns the branch and the commit.
func propose(t *testing.T, dir string, r *Repo, sig Signature) (branch, hash string) {
	t.Helper()
	branch = "kunerva/4-" + Slug(request)
	if err := r.Branch(branch, ""); err != nil {
		t.Fatal(err)
	}
	write(t, dir, "policies/shop/only-checkout-to-payments.yaml", policy)
	hash, err := r.Commit([]string{"policies/shop/only-checkout-to-payments.yaml"}, message, sig)
	if err != nil {
		t.Fatal(err)
	}
	return branch, hash
}

func TestPushCreatesTheBranchAndConverges(t *testing.T) {
	ctx := context.Background()
	rem := newRemote(t, nil)
	dir := seeded(t, rem)
	r := open(t, dir)
	branch, hash := propose(t, dir, r, bot)

	if err := r.Push(ctx, "origin", branch, ""); err != nil {
		t.Fatal(err)
	}
	want := []remoteCommit{{hash, bot.Name, bot.Email, message}}
	assertCommits(t, rem, branch, want)

	t.Run("the same push again is a no-op", func(t *testing.T) {
		if err := r.Push(ctx, "origin", branch, ""); err != nil {
			t.Fatal(err)
		}
		assertCommits(t, rem, branch, want)
	})

	t.Run("a re-run in a fresh checkout adopts the pushed commit", func(t *testing.T) {
		dir := clone(t, rem)
		r := open(t, dir)
		later := bot
		later.When = bot.When.Add(time.Hour)
		_, again := propose(t, dir, r, later)
		if again == hash {
			t.Fatal("the re-run's commit has the first run's hash; the test needs a distinct commit")
		}
		if err := r.Push(ctx, "origin", branch, ""); err != nil {
			t.Fatal(err)
		}
		assertCommits(t, rem, branch, want)
		if _, local := head(t, r); local != hash {
			t.Errorf("local branch at %s after converging, want the remote's %s", local, hash)
		}
		if got := gitCmd(t, dir, "status", "--porcelain"); got != "" {
			t.Errorf("checkout not clean after converging:\n%s", got)
		}
		if refs := gitCmd(t, dir, "for-each-ref", "refs/kunerva/"); refs != "" {
			t.Errorf("Push left private refs behind:\n%s", refs)
		}
	})

	t.Run("a URL instead of a remote name", func(t *testing.T) {
		write(t, dir, "policies/shop/only-checkout-to-payments.yaml", policy+"  - port: 9090\n")
		next, err := r.Commit([]string{"policies/shop/only-checkout-to-payments.yaml"}, "policy: also allow 9090", bot)
		if err != nil {
			t.Fatal(err)
		}
		if err := r.Push(ctx, rem.url, branch, ""); err != nil {
			t.Fatal(err)
		}
		if got := rem.tip(t, branch); got != next {
			t.Errorf("remote branch at %s, want the fast-forward to %s", got, next)
		}
	})

	t.Run("a path ignores the token", func(t *testing.T) {
		write(t, dir, "policies/shop/only-checkout-to-payments.yaml", policy+"  - port: 9091\n")
		next, err := r.Commit([]string{"policies/shop/only-checkout-to-payments.yaml"}, "policy: also allow 9091", bot)
		if err != nil {
			t.Fatal(err)
		}
		if err := r.Push(ctx, rem.bare, branch, token); err != nil {
			t.Fatal(err)
		}
		if got := rem.tip(t, branch); got != next {
			t.Errorf("remote branch at %s, want the fast-forward to %s", got, next)
		}
	})
}

func TestPushWhenTheRemoteMoved(t *testing.T) {
	ctx := context.Background()
	rem := newRemote(t, nil)
	dir := seeded(t, rem)
	r := open(t, dir)
	branch, _ := propose(t, dir, r, bot)
	if err := r.Push(ctx, "origin", branch, ""); err != nil {
		t.Fatal(err)
	}

	// Someone else pushes to the bot's branch.
	other := clone(t, rem)
	gitCmd(t, other, "checkout", "--quiet", "-b", branch, "origin/"+branch)
	write(t, other, "policies/shop/only-checkout-to-payments.yaml", policy+"# reviewed\n")
	gitCmd(t, other, "commit", "--quiet", "-am", "tweak by hand")
	gitCmd(t, other, "push", "--quiet", rem.bare, branch)
	theirs := rem.tip(t, branch)

	write(t, dir, "policies/shop/only-checkout-to-payments.yaml", policy+"  - port: 9090\n")
	if _, err := r.Commit([]string{"policies/shop/only-checkout-to-payments.yaml"}, "policy: also allow 9090", bot); err != nil {
		t.Fatal(err)
	}
	err := r.Push(ctx, "origin", branch, "")
	if !errors.Is(err, ErrRemoteMoved) {
		t.Fatalf("Push = %v, want ErrRemoteMoved", err)
	}
	for _, want := range []string{branch, "origin (" + rem.url + ")", theirs[:12], "someone else pushed to the branch"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not mention %q", err, want)
		}
	}
	if got := rem.tip(t, branch); got != theirs {
		t.Errorf("remote branch at %s, want their commit %s left alone", got, theirs)
	}
	if refs := gitCmd(t, dir, "for-each-ref", "refs/kunerva/"); refs != "" {
		t.Errorf("Push left private refs behind:\n%s", refs)
	}
}

func TestPushRace(t *testing.T) {
	tests := []struct {
		name    string
		theirs  string // the policy file the other run pushes
		more    string // another file it pushes, "" for none
		wantErr error
	}{
		{"the other run pushed the same change", policy, "", nil},
		// A follow-up's commit amended the branch since: the branch still
		// holds this change, and a re-run converges on it.
		{"the other run pushed the same change and another file", policy, policy + "# follow-up\n", nil},
		{"the other run pushed a different change", policy + "# other\n", "", ErrRemoteMoved},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// The other run pushes just before our first receive-pack
			// request reaches the server.
			var race func() error
			var once sync.Once
			var raced error
			rem := newRemote(t, func(next http.Handler) http.Handler {
				return http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
					if strings.HasSuffix(req.URL.Path, "/git-receive-pack") {
						once.Do(func() { raced = race() })
					}
					next.ServeHTTP(w, req)
				})
			})
			dir := seeded(t, rem)
			branch := "kunerva/4-" + Slug(request)
			other := clone(t, rem)
			gitCmd(t, other, "checkout", "--quiet", "-b", branch)
			write(t, other, "policies/shop/only-checkout-to-payments.yaml", tt.theirs)
			if tt.more != "" {
				write(t, other, "policies/shop/follow-up.yaml", tt.more)
			}
			gitCmd(t, other, "add", "-A")
			gitCmd(t, other, "commit", "--quiet", "-m", "the other run")
			theirs := gitCmd(t, other, "rev-parse", "HEAD")
			race = func() error {
				cmd := exec.Command("git", "push", "--quiet", rem.bare, branch)
				cmd.Dir = other
				cmd.Env = append(os.Environ(), gitEnv...)
				if out, err := cmd.CombinedOutput(); err != nil {
					return fmt.Errorf("the other run's push: %v\n%s", err, out)
				}
				return nil
			}

			r := open(t, dir)
			propose(t, dir, r, bot)
			err := r.Push(context.Background(), "origin", branch, "")
			if raced != nil {
				t.Fatal(raced)
			}
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("Push = %v, want %v", err, tt.wantErr)
			}
			if got := rem.tip(t, branch); got != theirs {
				t.Errorf("remote branch at %s, want the other run's %s", got, theirs)
			}
			if _, local := head(t, r); tt.wantErr == nil && local != theirs {
				t.Errorf("local branch at %s, want it converged on %s", local, theirs)
			}
		})
	}
}

const (
	token    = "ghs_right0token0value0123456789"
	badToken = "ghs_wrong0token0value0987654321"
)

// requireToken answers 401 unless the request carries token as GitHub
// expects it, and, like a careless server, echoes what it was sent.
func requireToken(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		user, pass, ok := req.BasicAuth()
		if !ok || user != "x-access-token" || pass != token {
			w.Header().Set("WWW-Authenticate", `Basic realm="git"`)
			http.Error(w, fmt.Sprintf("bad credentials %s:%s", user, pass), http.StatusUnauthorized)
			return
		}
		next.ServeHTTP(w, req)
	})
}

func TestPushWithAToken(t *testing.T) {
	tests := []struct {
		name    string
		remote  func(rem *remote) string
		token   string
		wantErr bool
	}{
		{"right token", func(*remote) string { return "origin" }, token, false},
		{"wrong token", func(*remote) string { return "origin" }, badToken, true},
		{"no token", func(*remote) string { return "origin" }, "", true},
		{"wrong token written into the URL", func(rem *remote) string {
			return strings.Replace(rem.url, "http://", "http://x-access-token:"+badToken+"@", 1)
		}, "", true},
		{"token as the URL's user", func(rem *remote) string {
			return strings.Replace(rem.url, "http://", "http://"+badToken+"@", 1)
		}, "", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rem := newRemote(t, requireToken)
			dir := seeded(t, rem)
			r := open(t, dir)
			branch, hash := propose(t, dir, r, bot)

			err := r.Push(context.Background(), tt.remote(rem), branch, tt.token)
			if !tt.wantErr {
				if err != nil {
					t.Fatal(err)
				}
				if got := rem.tip(t, branch); got != hash {
					t.Errorf("remote branch at %q, want %s", got, hash)
				}
				return
			}
			if err == nil {
				t.Fatal("Push succeeded, want an authentication failure")
			}
			if !errors.Is(err, transport.ErrAuthenticationRequired) {
				t.Errorf("Push = %v, want transport.ErrAuthenticationRequired in its chain", err)
			}
			for _, secret := range []string{token, badToken} {
				for e := error(err); e != nil; e = errors.Unwrap(e) {
					if strings.Contains(e.Error(), secret) {
						t.Errorf("error text carries a token: %s", e)
					}
				}
			}
			if rem.tip(t, branch) != "" {
				t.Error("the branch reached the remote without the right token")
			}
		})
	}
}

// failFirst makes the first n requests fail with fail, then passes them on,
// counting every request it saw.
func failFirst(n int32, seen *atomic.Int32, fail func(http.ResponseWriter)) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
			if seen.Add(1) <= n {
				fail(w)
				return
			}
			next.ServeHTTP(w, req)
		})
	}
}

func badGateway(w http.ResponseWriter) { http.Error(w, "upstream hiccup", http.StatusBadGateway) }

// hangUp closes the connection without an answer, as a reset would.
func hangUp(w http.ResponseWriter) {
	conn, _, err := http.NewResponseController(w).Hijack()
	if err == nil {
		conn.Close()
	}
}

func TestPushRetriesTransientFailures(t *testing.T) {
	tests := []struct {
		name     string
		failures int32
		fail     func(http.ResponseWriter)
		attempts int
		wantErr  string
	}{
		{"502 twice then works", 2, badGateway, 4, ""},
		{"connection dropped once then works", 1, hangUp, 4, ""},
		{"502 longer than the attempts", 100, badGateway, 3, "status code: 502 (gave up after 3 attempts)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var seen atomic.Int32
			rem := newRemote(t, failFirst(tt.failures, &seen, tt.fail))
			dir := seeded(t, rem)
			r := open(t, dir)
			r.retry.Attempts = tt.attempts
			branch, hash := propose(t, dir, r, bot)

			err := r.Push(context.Background(), "origin", branch, "")
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("Push = %v, want an error containing %q", err, tt.wantErr)
				}
				if got := seen.Load(); got != int32(tt.attempts) {
					t.Errorf("server saw %d requests, want one per attempt (%d)", got, tt.attempts)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := rem.tip(t, branch); got != hash {
				t.Errorf("remote branch at %q, want %s", got, hash)
			}
			if seen.Load() <= tt.failures {
				t.Errorf("server saw %d requests, want more than the %d failures", seen.Load(), tt.failures)
			}
		})
	}
}

func TestPushStopsRetryingWhenCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	rem := newRemote(t, func(http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
			badGateway(w)
			// The run is called off while Push waits to retry.
			time.AfterFunc(20*time.Millisecond, cancel)
		})
	})
	dir := seeded(t, rem)
	r := open(t, dir)
	r.retry = httpretry.Policy{Attempts: 100, Base: time.Hour, Max: time.Hour}
	branch, _ := propose(t, dir, r, bot)

	err := r.Push(ctx, "origin", branch, "")
	if !errors.Is(err, context.Canceled) {
		t.Errorf("Push = %v, want context.Canceled", err)
	}
}

func assertCommits(t *testing.T, rem *remote, branch string, want []remoteCommit) {
	t.Helper()
	got := rem.commits(t, branch)
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("remote %s has commits\n%q\nwant\n%q", branch, got, want)
	}
}
