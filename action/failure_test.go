package action

import (
	"slices"
	"strings"
	"testing"
	"time"
)

// Failures of GitHub and of the run itself: retried, reported, and
// converging when the run is repeated.
func TestGitHubFailures(t *testing.T) {
	t.Run("502s and a secondary rate limit are retried", func(t *testing.T) {
		w := newWorld(t, defaultSettings)
		w.gh.fail(502, 502, 403)
		in := w.inputs("issue_comment.created.json")
		out, log, err := w.runWith(in, Retry{Attempts: 4, Base: time.Millisecond, Max: 2 * time.Second})
		if err != nil || out.Result != Proposed {
			t.Fatalf("%v %+v\n%s", err, out, log)
		}
		if strings.Count(log, "retrying") != 3 || !strings.Contains(log, "secondary rate limit") {
			t.Errorf("the log does not show three retries:\n%s", log)
		}
		if len(w.gh.prs) != 1 || len(w.gh.replies()) != 1 {
			t.Errorf("%d pull requests, %d replies after the retries", len(w.gh.prs), len(w.gh.replies()))
		}
	})
	t.Run("a rate limit longer than kunerva waits is a failure", func(t *testing.T) {
		w := newWorld(t, defaultSettings)
		w.gh.retryAfter = "120"
		w.gh.fail(403)
		out, log, err := w.run(w.inputs("issue_comment.created.json"))
		if err == nil || out.Result != Failed || !strings.Contains(err.Error(), "GitHub asks to wait 2m0s, longer than kunerva waits") {
			t.Fatalf("%v %+v\n%s", err, out, log)
		}
	})
	t.Run("a failure after the 👀 is replied to", func(t *testing.T) {
		w := newWorld(t, defaultSettings)
		in := w.inputs("issue_comment.created.json")
		in.Workspace = t.TempDir() // no checkout
		out, log, err := w.run(in)
		if err == nil || out.Result != Failed || !strings.Contains(err.Error(), "open git repository") {
			t.Fatalf("%v %+v\n%s", err, out, log)
		}
		r := w.gh.replies()
		if len(r) != 1 || !strings.Contains(r[0].Body, "went wrong on kunerva's side") || !strings.Contains(r[0].Body, w.gh.srv.URL+"/octo-org/shop/actions/runs/77") {
			t.Errorf("replies %+v", r)
		}
		if want := []string{"issues 1001 eyes", "issues 1001 confused"}; !slices.Equal(w.gh.reacts, want) {
			t.Errorf("reactions %v, want %v", w.gh.reacts, want)
		}
	})
	t.Run("a run that died halfway converges on a re-run", func(t *testing.T) {
		w := newWorld(t, defaultSettings)
		w.gh.failOn(`^POST /repos/octo-org/shop/pulls$`, 502, 502) // a POST is sent again once, after looking
		in := w.inputs("issue_comment.created.json")
		if out, log, err := w.run(in); err == nil || out.Result != Failed {
			t.Fatalf("the first run: %v %+v\n%s", err, out, log)
		}
		if w.commits(resolvBranch) != 1 || len(w.gh.prs) != 0 {
			t.Fatalf("after the first run: %d commits, %d pull requests", w.commits(resolvBranch), len(w.gh.prs))
		}
		in.Workspace = w.checkout(false)
		out, log, err := w.run(in)
		if err != nil || out.Result != Proposed {
			t.Fatalf("the re-run: %v %+v\n%s", err, out, log)
		}
		if w.commits(resolvBranch) != 1 || len(w.gh.prs) != 1 || len(w.branches()) != 2 {
			t.Errorf("after the re-run: %d commits, %d pull requests, branches %v", w.commits(resolvBranch), len(w.gh.prs), w.branches())
		}
		if r := w.gh.replies(); len(r) != 1 || !strings.Contains(r[0].Body, "Opened #100") {
			t.Errorf("the failure reply was not replaced: %+v", r)
		}
	})
	t.Run("GitHub down is a failure, reported", func(t *testing.T) {
		w := newWorld(t, defaultSettings)
		w.gh.fail(502, 502, 502, 502)
		in := w.inputs("issue_comment.created.json")
		out, log, err := w.run(in)
		if err == nil || out.Result != Failed || !strings.Contains(err.Error(), "502") {
			t.Fatalf("%v %+v\n%s", err, out, log)
		}
		if got := outputs(t, in.OutputPath)["result"]; got != "failed" {
			t.Errorf("result output %q", got)
		}
		if s := read(t, in.SummaryPath); !strings.Contains(s, "## kunerva: failed") {
			t.Errorf("summary:\n%s", s)
		}
	})
}
