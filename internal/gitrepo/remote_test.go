package gitrepo

import (
	"net/http"
	"net/http/cgi"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/kunerva/kunerva/internal/httpretry"
)

// The tests use the git binary to build fixtures, to serve a real remote
// (git http-backend) and to inspect what arrived there. The package itself
// never runs git.

// gitEnv keeps the developer's and the system's git configuration out of the
// fixtures.
var gitEnv = []string{
	"GIT_CONFIG_NOSYSTEM=1",
	"GIT_CONFIG_GLOBAL=" + os.DevNull,
	"GIT_TERMINAL_PROMPT=0",
	"GIT_AUTHOR_NAME=Fixture",
	"GIT_AUTHOR_EMAIL=fixture@example.com",
	"GIT_COMMITTER_NAME=Fixture",
	"GIT_COMMITTER_EMAIL=fixture@example.com",
}

func gitCmd(t *testing.T, dir string, args ...string) string {
	t.Helper()
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), gitEnv...)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return strings.TrimSpace(string(out))
}

// remote is a bare repository served over smart HTTP by git http-backend.
type remote struct {
	bare string // the bare repository
	url  string // its HTTP URL
}

// newRemote starts the HTTP remote; wrap, if not nil, sits in front of
// git http-backend (to demand auth or to fail on purpose).
func newRemote(t *testing.T, wrap func(http.Handler) http.Handler) *remote {
	t.Helper()
	gitPath, err := exec.LookPath("git")
	if err != nil {
		t.Fatalf("the tests need the git binary to serve a real remote: %v", err)
	}
	root := t.TempDir()
	bare := filepath.Join(root, "shop.git")
	gitCmd(t, root, "init", "--quiet", "--bare", "--initial-branch=main", bare)
	gitCmd(t, bare, "config", "http.receivepack", "true")
	var h http.Handler = &cgi.Handler{
		Path: gitPath,
		Args: []string{"http-backend"},
		Env: []string{
			"GIT_PROJECT_ROOT=" + root,
			"GIT_HTTP_EXPORT_ALL=1",
			"GIT_CONFIG_NOSYSTEM=1",
			"GIT_CONFIG_GLOBAL=" + os.DevNull,
		},
		Stderr: logWriter{t},
	}
	if wrap != nil {
		h = wrap(h)
	}
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return &remote{bare: bare, url: srv.URL + "/shop.git"}
}

// logWriter sends git http-backend's complaints to the test log.
type logWriter struct{ t *testing.T }

func (w logWriter) Write(p []byte) (int, error) {
	w.t.Logf("git http-backend: %s", strings.TrimSpace(string(p)))
	return len(p), nil
}

// tip is the commit the remote's branch points at, "" when it has none.
func (rem *remote) tip(t *testing.T, branch string) string {
	t.Helper()
	cmd := exec.Command("git", "--git-dir", rem.bare, "rev-parse", "--verify", "--quiet", "refs/heads/"+branch)
	cmd.Env = append(os.Environ(), gitEnv...)
	out, _ := cmd.Output()
	return strings.TrimSpace(string(out))
}

type remoteCommit struct {
	hash, author, email, message string
}

// commits lists the remote branch's commits that main does not have.
func (rem *remote) commits(t *testing.T, branch string) []remoteCommit {
	t.Helper()
	out := gitCmd(t, rem.bare, "--git-dir", rem.bare, "log", "--format=%H%x1f%an%x1f%ae%x1f%B%x1e", "main.."+branch)
	var cs []remoteCommit
	for _, rec := range strings.Split(out, "\x1e") {
		f := strings.Split(strings.TrimSpace(rec), "\x1f")
		if len(f) == 4 {
			cs = append(cs, remoteCommit{f[0], f[1], f[2], strings.TrimSpace(f[3])})
		}
	}
	return cs
}

const kustomization = "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: []\n"

const policy = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: only-checkout-to-payments
  namespace: shop
spec:
  podSelector:
    matchLabels:
      app: payments
  ingress:
  - from:
    - podSelector:
        matchLabels:
          app: checkout
    ports:
    - port: 8443
`

// checkout makes a local repository with one commit on main.
func checkout(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "work")
	gitCmd(t, t.TempDir(), "init", "--quiet", "--initial-branch=main", dir)
	write(t, dir, "README.md", "# shop\n")
	write(t, dir, "policies/kustomization.yaml", kustomization)
	gitCmd(t, dir, "add", "-A")
	gitCmd(t, dir, "commit", "--quiet", "-m", "seed")
	return dir
}

// seeded makes a checkout whose main is on rem, with origin set to rem's URL.
func seeded(t *testing.T, rem *remote) string {
	t.Helper()
	dir := checkout(t)
	gitCmd(t, dir, "push", "--quiet", rem.bare, "main")
	gitCmd(t, dir, "remote", "add", "origin", rem.url)
	return dir
}

// clone is a fresh checkout of rem's main, as a CI runner would have.
func clone(t *testing.T, rem *remote) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "clone")
	gitCmd(t, t.TempDir(), "clone", "--quiet", rem.bare, dir)
	gitCmd(t, dir, "remote", "set-url", "origin", rem.url)
	return dir
}

func write(t *testing.T, dir, name, content string) {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

// open opens dir with retries fast enough for tests.
func open(t *testing.T, dir string) *Repo {
	t.Helper()
	r, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	r.retry = httpretry.Policy{Attempts: 4, Base: time.Millisecond, Max: 4 * time.Millisecond}
	return r
}

func head(t *testing.T, r *Repo) (branch, hash string) {
	t.Helper()
	branch, hash, err := r.Head()
	if err != nil {
		t.Fatal(err)
	}
	return branch, hash
}

var when = time.Date(2026, 5, 1, 12, 0, 0, 0, time.UTC)

var bot = Signature{Name: "kunerva", Email: "kunerva@users.noreply.example.com", When: when}
