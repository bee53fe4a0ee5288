package pipeline_test

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/client-go/dynamic"

	"github.com/kunerva/kunerva/generator"
	"github.com/kunerva/kunerva/generator/builtin"
	"github.com/kunerva/kunerva/internal/controlplane"
	"github.com/kunerva/kunerva/internal/gitrepo"
	"github.com/kunerva/kunerva/internal/pipeline"
	"github.com/kunerva/kunerva/internal/tree"
	"github.com/kunerva/kunerva/validate"
)

// checkout makes a git repository holding a copy of examples/shop under
// deploy/, with a bare clone as its "origin", and returns both paths.
func checkout(t *testing.T) (repo, remote string) {
	t.Helper()
	repo, remote = t.TempDir(), t.TempDir()
	src := "../../examples/shop"
	err := os.CopyFS(filepath.Join(repo, "deploy"), os.DirFS(src))
	if err != nil {
		t.Fatal(err)
	}
	git(t, repo, "init", "-q", "-b", "main")
	git(t, repo, "add", "-A")
	git(t, repo, "-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-qm", "the shop")
	git(t, remote, "init", "-q", "--bare")
	git(t, repo, "remote", "add", "origin", remote)
	git(t, repo, "push", "-q", "origin", "main")
	return repo, remote
}

func git(t *testing.T, dir string, args ...string) string {
	t.Helper()
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("git %v: %v\n%s", args, err, out)
	}
	return string(out)
}

func options(repo string, stages ...validate.Stage) pipeline.Options {
	cluster := validate.ClusterOptions{Mode: validate.ClusterNone}
	for _, s := range stages {
		if s == validate.StageDryRun {
			cluster.Mode = validate.ClusterLocal
		}
	}
	return pipeline.Options{
		RepoDir: repo, TreeRoot: "deploy", Engine: builtin.Engine{},
		Validate: validate.Config{Stages: stages, Cluster: cluster},
		Remote:   "origin",
		Author:   gitrepo.Signature{Name: "kunerva", Email: "kunerva@example.com", When: time.Unix(1_800_000_000, 0)},
	}
}

var req = pipeline.Request{Text: "block access to /etc/resolv.conf in the nginx pods", Requester: "alice", Issue: 42, CommentURL: "https://github.example/o/r/issues/42#issuecomment-1"}

func TestProposeEndToEnd(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: the dry-run starts the local control plane")
	}
	repo, remote := checkout(t)
	p, err := pipeline.Make(context.Background(), req, options(repo, validate.Stages...))
	if err != nil {
		t.Fatal(err)
	}
	if p.Result != pipeline.Proposed {
		t.Fatalf("result %s, findings %v, refusal %v", p.Result, p.Findings, p.Refusal)
	}
	const branch = "kunerva/42-block-access-to-etc-resolv-conf-in-pods"
	if p.Branch != branch {
		t.Errorf("branch %q, want %q", p.Branch, branch)
	}
	if want := []string{"deploy/policies/web/block-file-nginx.yaml"}; strings.Join(p.Paths, ",") != strings.Join(want, ",") {
		t.Errorf("paths %v, want %v", p.Paths, want)
	}
	// The pushed branch holds one commit with the request, requester and engine,
	// and the tree at that commit builds with the policy in it.
	log := git(t, remote, "log", "--format=%an|%B", "main.."+branch)
	for _, want := range []string{"kunerva|Block access to /etc/resolv.conf", "Request: " + req.Text, "Requested-by: alice", "Engine: builtin", "Comment: " + req.CommentURL} {
		if !strings.Contains(log, want) {
			t.Errorf("the commit does not say %q:\n%s", want, log)
		}
	}
	if n := strings.Count(git(t, remote, "rev-list", "main.."+branch), "\n"); n != 1 {
		t.Errorf("%d commits on the branch, want 1", n)
	}
	clone := t.TempDir()
	git(t, clone, "clone", "-q", "-b", branch, remote, ".")
	built, err := tree.Load(filepath.Join(clone, "deploy"))
	if err != nil {
		t.Fatalf("the pushed tree does not build: %v", err)
	}
	found := false
	for _, o := range built.Objects {
		found = found || o.Kind == "KubeArmorPolicy" && o.Namespace == "web" && o.Name == "block-file-nginx"
	}
	if !found {
		t.Error("the pushed tree's build has no KubeArmorPolicy web/block-file-nginx")
	}
	applyAfterMerge(t, built)
	for _, want := range []string{"> " + req.Text, "@alice", "It blocks access to /etc/resolv.conf.", "## What changes\n\n**KubeArmor changes**\n\n- In web/nginx, KubeArmor now blocks file /etc/resolv.conf", "passed with no findings", "```yaml\napiVersion: security.kubearmor.com/v1"} {
		if !strings.Contains(p.Body, want) {
			t.Errorf("the pull request body does not say %q:\n%s", want, p.Body)
		}
	}

	// A re-run converges: the same branch, no new commit.
	again, err := pipeline.Make(context.Background(), req, options(repo, validate.Stages...))
	if err != nil {
		t.Fatal(err)
	}
	if again.Branch != p.Branch || again.Commit != p.Commit {
		t.Errorf("the re-run made %s@%s, want %s@%s", again.Branch, again.Commit, p.Branch, p.Commit)
	}
	if n := strings.Count(git(t, remote, "rev-list", "main.."+branch), "\n"); n != 1 {
		t.Errorf("%d commits after the re-run, want 1", n)
	}
}

func TestNoBranchWithoutAValidPolicy(t *testing.T) {
	for _, tc := range []struct {
		name, request string
		result        pipeline.Result
	}{
		{"not understood", "make the cluster faster", pipeline.NotUnderstood},
		// The tree has no pods labeled app=ghost: the checks fail the policy.
		{"invalid", "deny all ingress to pods labeled app=ghost in namespace shop", pipeline.Invalid},
	} {
		t.Run(tc.name, func(t *testing.T) {
			repo, remote := checkout(t)
			before := git(t, repo, "status", "--porcelain")
			r := req
			r.Text = tc.request
			p, err := pipeline.Make(context.Background(), r, options(repo, validate.StageSchema, validate.StageChecks))
			if err != nil {
				t.Fatal(err)
			}
			if p.Result != tc.result {
				t.Fatalf("result %s, want %s", p.Result, tc.result)
			}
			if p.Branch != "" {
				t.Errorf("branch %q made for a %s request", p.Branch, tc.result)
			}
			if branches := git(t, repo, "branch", "--format=%(refname:short)"); branches != "main\n" {
				t.Errorf("local branches:\n%s", branches)
			}
			if refs := git(t, remote, "for-each-ref", "--format=%(refname)"); refs != "refs/heads/main\n" {
				t.Errorf("the remote got refs:\n%s", refs)
			}
			if after := git(t, repo, "status", "--porcelain"); after != before {
				t.Errorf("the worktree changed:\n%s", after)
			}
		})
	}
}

func TestAdmitRefusesBeforeAnyBranch(t *testing.T) {
	repo, remote := checkout(t)
	opts := options(repo, validate.StageSchema, validate.StageChecks)
	var asked []string
	opts.Admit = func(p generator.Policy) error {
		asked = append(asked, string(p.Kind)+"/"+p.Namespace+"/"+p.Name)
		return fmt.Errorf("namespace %s is not allowed", p.Namespace)
	}
	p, err := pipeline.Make(context.Background(), req, opts)
	if err != nil {
		t.Fatal(err)
	}
	if p.Result != pipeline.Refused || p.Branch != "" {
		t.Fatalf("result %s on branch %q, want refused with no branch", p.Result, p.Branch)
	}
	if want := "KubeArmorPolicy/web/block-file-nginx"; strings.Join(asked, ",") != want {
		t.Errorf("Admit was asked about %v, want %s", asked, want)
	}
	if p.Refused == nil || !strings.Contains(p.Refused.Error(), "namespace web is not allowed") {
		t.Errorf("Refused = %v", p.Refused)
	}
	if refs := git(t, remote, "for-each-ref", "--format=%(refname)"); refs != "refs/heads/main\n" {
		t.Errorf("the remote got refs:\n%s", refs)
	}
}

func TestBranchOptionAmendsABranch(t *testing.T) {
	repo, remote := checkout(t)
	first, err := pipeline.Make(context.Background(), req, options(repo, validate.StageSchema, validate.StageChecks))
	if err != nil || first.Result != pipeline.Proposed {
		t.Fatalf("first request: %v %+v", err, first)
	}
	// A follow-up on the first request's pull request: the checkout holds
	// that branch, and the second policy lands on it.
	follow := req
	follow.Text, follow.Issue = "deny egress from the nginx pods to 10.0.0.0/8", 7
	opts := options(repo, validate.StageSchema, validate.StageChecks)
	opts.Branch = first.Branch
	second, err := pipeline.Make(context.Background(), follow, opts)
	if err != nil {
		t.Fatal(err)
	}
	if second.Result != pipeline.Proposed {
		t.Fatalf("result %s, findings %v, refusal %v", second.Result, second.Findings, second.Refusal)
	}
	if second.Branch != first.Branch {
		t.Errorf("the follow-up went to %s, want %s", second.Branch, first.Branch)
	}
	if n := strings.Count(git(t, remote, "rev-list", "main.."+first.Branch), "\n"); n != 2 {
		t.Errorf("%d commits on the branch, want 2", n)
	}
	clone := t.TempDir()
	git(t, clone, "clone", "-q", "-b", first.Branch, remote, ".")
	built, err := tree.Load(filepath.Join(clone, "deploy"))
	if err != nil {
		t.Fatalf("the amended tree does not build: %v", err)
	}
	kinds := map[string]bool{}
	for _, o := range built.Objects {
		if o.Namespace == "web" {
			kinds[o.Kind] = true
		}
	}
	if !kinds["KubeArmorPolicy"] || !(kinds["NetworkPolicy"] || kinds["CiliumNetworkPolicy"]) {
		t.Errorf("the amended tree's web namespace has %v, want both policies", kinds)
	}
}

// applyAfterMerge does what Flux or Argo CD do once the pull request is
// merged: it applies the whole tree with server-side apply, here to the local
// control plane, and checks that the policy is there.
func applyAfterMerge(t *testing.T, built *tree.Tree) {
	t.Helper()
	bins, err := controlplane.FindBinaries()
	if err != nil {
		t.Fatalf("the local control plane is needed: %v", err)
	}
	ctx := context.Background()
	cp, err := controlplane.Start(ctx, bins)
	if err != nil {
		t.Fatal(err)
	}
	defer cp.Stop()
	if err := validate.Apply(ctx, cp.Config, built); err != nil {
		t.Fatalf("applying the merged tree: %v", err)
	}
	dyn, err := dynamic.NewForConfig(cp.Config)
	if err != nil {
		t.Fatal(err)
	}
	gvr := schema.GroupVersionResource{Group: "security.kubearmor.com", Version: "v1", Resource: "kubearmorpolicies"}
	got, err := dyn.Resource(gvr).Namespace("web").Get(ctx, "block-file-nginx", metav1.GetOptions{})
	if err != nil {
		t.Fatalf("the applied tree has no policy: %v", err)
	}
	if got.GetAnnotations()["kunerva.io/request"] != req.Text {
		t.Errorf("the applied policy's request annotation is %q", got.GetAnnotations()["kunerva.io/request"])
	}
}

// RefreshFiles shows each file of a body as the branch holds it now, says
// which are gone, and leaves alone what it cannot read.
func TestRefreshFiles(t *testing.T) {
	block := func(path, yaml string) string { return "`" + path + "`\n\n```yaml\n" + yaml + "```\n\n" }
	body := "## Files\n\n" + block("a.yaml", "kind: A\n") + block("b.yaml", "kind: B\n") + block("c.yaml", "kind: C\n") + "---\n\nmore\n"
	got := pipeline.RefreshFiles(body, func(path string) ([]byte, error) {
		switch path {
		case "a.yaml":
			return []byte("kind: A\n# reviewed\n"), nil
		case "b.yaml":
			return nil, fmt.Errorf("read b.yaml: %w", fs.ErrNotExist)
		}
		return nil, errors.New("no such branch")
	})
	want := "## Files\n\n`a.yaml`\n\n```yaml\nkind: A\n# reviewed\n```\n\n`b.yaml` is no longer on the branch.\n\n`c.yaml`\n\n```yaml\nkind: C\n```\n\n---\n\nmore\n"
	if got != want {
		t.Errorf("RefreshFiles =\n%s\nwant\n%s", got, want)
	}
}
