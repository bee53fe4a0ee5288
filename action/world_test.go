package action

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/kunerva/kunerva/internal/gitrepo"
	"github.com/kunerva/kunerva/internal/tree"
)

// gitEnv keeps the developer's and the system's git configuration out of
// the fixtures.
func gitEnv() []string {
	return append(os.Environ(), "GIT_CONFIG_NOSYSTEM=1", "GIT_CONFIG_GLOBAL="+os.DevNull, "GIT_TERMINAL_PROMPT=0",
		"GIT_AUTHOR_NAME=Fixture", "GIT_AUTHOR_EMAIL=fixture@example.com", "GIT_COMMITTER_NAME=Fixture", "GIT_COMMITTER_EMAIL=fixture@example.com")
}

func git(t testing.TB, dir string, args ...string) string {
	t.Helper()
	cmd := exec.Command("git", args...)
	cmd.Dir, cmd.Env = dir, gitEnv()
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return strings.TrimSpace(string(out))
}

// world is a repository on the fake GitHub: octo-org/shop, whose main holds
// examples/shop under deploy/ and the settings the test gives.
type world struct {
	t      testing.TB
	gh     *fakeGitHub
	bare   string
	llmURL string // the workflow's llm-base-url input, with llmKeyEnv its key's
}

const defaultSettings = "treeRoot: deploy\n"

func newWorld(t testing.TB, settings string) *world {
	root := t.TempDir()
	bare := filepath.Join(root, "octo-org", "shop.git")
	git(t, root, "init", "--quiet", "--bare", "--initial-branch=main", bare)
	git(t, bare, "config", "http.receivepack", "true")
	seed := t.TempDir()
	src := "../examples/shop"
	err := os.CopyFS(filepath.Join(seed, "deploy"), os.DirFS(src))
	if err != nil {
		t.Fatal(err)
	}
	if settings != "" {
		os.MkdirAll(filepath.Join(seed, ".github"), 0o755)
		if err := os.WriteFile(filepath.Join(seed, ".github", "kunerva.yaml"), []byte(settings), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	git(t, seed, "init", "--quiet", "--initial-branch=main")
	git(t, seed, "add", "-A")
	git(t, seed, "commit", "--quiet", "-m", "the shop")
	git(t, seed, "push", "--quiet", bare, "main")
	w := &world{t: t, bare: bare}
	w.gh = newFakeGitHub(t, bare)
	return w
}

// checkout is the workspace as actions/checkout leaves it: one commit deep,
// origin pointing at the server; for pull request events HEAD is detached
// and there is no local branch at all.
func (w *world) checkout(detached bool) string {
	dir := filepath.Join(w.t.TempDir(), "workspace")
	git(w.t, w.t.TempDir(), "clone", "--quiet", "--depth=1", "file://"+w.bare, dir)
	git(w.t, dir, "remote", "set-url", "origin", w.gh.srv.URL+"/"+fakeRepo)
	if detached {
		git(w.t, dir, "checkout", "--quiet", "--detach")
		git(w.t, dir, "branch", "--quiet", "-D", "main")
	}
	return dir
}

// inputs are the runner's environment for an event fixture, with the
// fake known the payload's issue, pull request and comment.
func (w *world) inputs(fixture string) Inputs {
	return w.inputsAt(fixture, filepath.Join("testdata", "events", fixture))
}

// said is the fixture's event for another comment in the same place: its
// id, author and body and, for a review comment, the top of its thread (0:
// a thread of its own).
func (w *world) said(fixture string, id int64, login, body string, top int64) Inputs {
	data, err := os.ReadFile(filepath.Join("testdata", "events", fixture))
	if err != nil {
		w.t.Fatal(err)
	}
	var p map[string]any
	if err := json.Unmarshal(data, &p); err != nil {
		w.t.Fatal(err)
	}
	c := p["comment"].(map[string]any)
	c["id"], c["body"] = id, body
	c["user"].(map[string]any)["login"] = login
	p["sender"].(map[string]any)["login"] = login
	if url := c["html_url"].(string); strings.Contains(url, "#discussion_r") {
		c["html_url"] = fmt.Sprintf("%s#discussion_r%d", url[:strings.Index(url, "#")], id)
		if delete(c, "in_reply_to_id"); top != 0 {
			c["in_reply_to_id"] = top
		}
	} else {
		c["html_url"] = fmt.Sprintf("%s#issuecomment-%d", url[:strings.Index(url, "#")], id)
	}
	if data, err = json.Marshal(p); err != nil {
		w.t.Fatal(err)
	}
	path := filepath.Join(w.t.TempDir(), fixture)
	if err := os.WriteFile(path, data, 0o644); err != nil {
		w.t.Fatal(err)
	}
	return w.inputsAt(fixture, path)
}

func (w *world) inputsAt(fixture, path string) Inputs {
	data, err := os.ReadFile(path)
	if err != nil {
		w.t.Fatal(err)
	}
	w.gh.seed(data)
	name, _, _ := strings.Cut(fixture, ".")
	tmp := w.t.TempDir()
	in := Inputs{
		EventName: name, EventPath: path, Repository: fakeRepo, Token: fakeToken,
		OutputPath: filepath.Join(tmp, "output"), SummaryPath: filepath.Join(tmp, "summary"),
		APIURL: w.gh.srv.URL + "/api/v3", ServerURL: w.gh.srv.URL, Workspace: w.checkout(name != eventIssueComment),
		RunID: "77", Trigger: DefaultTrigger, Permission: DefaultPermission, ConfigPath: DefaultConfigPath,
		Cluster: "none", BotLogin: DefaultBotLogin,
	}
	if w.llmURL != "" {
		in.LLMBaseURL, in.LLMAPIKeyEnv = w.llmURL, llmKeyEnv
	}
	return in
}

var fastRetry = Retry{Attempts: 4, Base: time.Millisecond, Max: 5 * time.Millisecond}

// run runs the action and checks what holds for every run: the token is
// nowhere, and the fake rejected nothing (a 4xx is a wrong call).
func (w *world) run(in Inputs) (*Outcome, string, error) {
	w.t.Helper()
	return w.runWith(in, fastRetry)
}

func (w *world) runWith(in Inputs, retry Retry) (*Outcome, string, error) {
	w.t.Helper()
	return w.runOpts(in, Options{Retry: retry})
}

// runOpts runs the action with opts, their log and author set.
func (w *world) runOpts(in Inputs, opts Options) (*Outcome, string, error) {
	w.t.Helper()
	var log bytes.Buffer
	opts.Log, opts.Author = &log, gitrepo.Signature{Name: "kunerva", Email: "kunerva@example.com"}
	out, err := Run(context.Background(), in, opts)
	for name, text := range map[string]string{"log": log.String(), "outputs": read(w.t, in.OutputPath), "summary": read(w.t, in.SummaryPath)} {
		if strings.Contains(text, fakeToken) {
			w.t.Errorf("the %s shows the token:\n%s", name, text)
		}
	}
	if err != nil && strings.Contains(err.Error(), fakeToken) {
		w.t.Errorf("the error shows the token: %v", err)
	}
	for _, c := range w.gh.replies() {
		if strings.Contains(c.Body, fakeToken) {
			w.t.Errorf("a reply shows the token:\n%s", c.Body)
		}
	}
	for _, c := range w.gh.rejected() {
		w.t.Errorf("the fake GitHub rejected %s %s (%d): %s", c.Method, c.Path, c.Status, c.Body)
	}
	return out, log.String(), err
}

func read(t testing.TB, name string) string {
	b, err := os.ReadFile(name)
	if err != nil && !os.IsNotExist(err) {
		t.Fatal(err)
	}
	return string(b)
}

// outputs parses $GITHUB_OUTPUT's name<<DELIMITER blocks.
func outputs(t testing.TB, name string) map[string]string {
	t.Helper()
	got := map[string]string{}
	sc := bufio.NewScanner(strings.NewReader(read(t, name)))
	for sc.Scan() {
		key, delim, ok := strings.Cut(sc.Text(), "<<")
		if !ok {
			t.Fatalf("output line %q is not name<<DELIMITER", sc.Text())
		}
		var lines []string
		for sc.Scan() && sc.Text() != delim {
			lines = append(lines, sc.Text())
		}
		got[key] = strings.Join(lines, "\n")
	}
	return got
}

// branchTree clones the remote's branch and builds its tree.
func (w *world) branchTree(branch string) *tree.Tree {
	w.t.Helper()
	dir := filepath.Join(w.t.TempDir(), "clone")
	git(w.t, w.t.TempDir(), "clone", "--quiet", "--branch", branch, "file://"+w.bare, dir)
	tr, err := tree.Load(filepath.Join(dir, "deploy"))
	if err != nil {
		w.t.Fatalf("the tree on %s does not build: %v", branch, err)
	}
	return tr
}

func hasObject(tr *tree.Tree, kind, namespace, name string) bool {
	for _, o := range tr.Objects {
		if o.Kind == kind && o.Namespace == namespace && o.Name == name {
			return true
		}
	}
	return false
}

// branches lists the remote's branches.
func (w *world) branches() []string {
	return strings.Fields(git(w.t, w.bare, "--git-dir", w.bare, "for-each-ref", "--format=%(refname:short)", "refs/heads/"))
}

func (w *world) commits(branch string) int {
	return len(strings.Fields(git(w.t, w.bare, "--git-dir", w.bare, "rev-list", "main.."+branch)))
}
