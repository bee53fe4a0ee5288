package action

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

const resolvBranch = "kunerva/42-1001-block-access-to-etc-resolv-conf-in-pods"

func TestIssueCommentOpensAPullRequest(t *testing.T) {
	w := newWorld(t, defaultSettings)
	in := w.inputs("issue_comment.created.json")
	in.Labels = []string{"security", "kunerva"}
	out, log, err := w.run(in)
	if err != nil {
		t.Fatalf("%v\n%s", err, log)
	}
	if out.Result != Proposed || out.Branch != resolvBranch || out.PullRequest != 100 {
		t.Fatalf("outcome %+v\n%s", out, log)
	}

	// The branch builds with the policy in it.
	if !hasObject(w.branchTree(resolvBranch), "KubeArmorPolicy", "web", "block-file-nginx") {
		t.Error("the branch's tree has no KubeArmorPolicy web/block-file-nginx")
	}
	if n := w.commits(resolvBranch); n != 1 {
		t.Errorf("%d commits on the branch, want 1", n)
	}
	// The pull request: title, body with the request's marker, labels.
	pr := w.gh.pull(100)
	if pr == nil || pr.Head != resolvBranch || pr.Base != "main" || pr.Title != "Block access to /etc/resolv.conf in pods labeled app=nginx in namespace web" {
		t.Fatalf("pull request %+v", pr)
	}
	for _, want := range []string{"<!-- kunerva:request:1001 -->", "> block access to /etc/resolv.conf in the nginx pods", "@alice", "#issuecomment-1001", "```yaml"} {
		if !strings.Contains(pr.Body, want) {
			t.Errorf("the pull request body lacks %q:\n%s", want, pr.Body)
		}
	}
	// The hidden HTML comment in the request was never read.
	if strings.Contains(pr.Body, "internet") || strings.Contains(git(t, w.bare, "--git-dir", w.bare, "log", "-1", "--format=%B", resolvBranch), "internet") {
		t.Error("the hidden part of the comment reached the pull request or the commit")
	}
	if got := w.gh.labels[100]; !slices.Equal(got, []string{"security", "kunerva"}) {
		t.Errorf("labels %v", got)
	}
	// One reply, by the bot, with the marker and the link; 👀 then 🚀.
	replies := w.gh.replies()
	if len(replies) != 1 || replies[0].Number != 42 || !strings.HasPrefix(replies[0].Body, "<!-- kunerva:reply:1001 -->\n") ||
		!strings.Contains(replies[0].Body, "Opened #100") || !strings.Contains(replies[0].Body, w.gh.srv.URL+"/octo-org/shop/pull/100") {
		t.Fatalf("replies: %+v", replies)
	}
	if want := []string{"issues 1001 eyes", "issues 1001 rocket"}; !slices.Equal(w.gh.reacts, want) {
		t.Errorf("reactions %v, want %v", w.gh.reacts, want)
	}
	got := outputs(t, in.OutputPath)
	want := map[string]string{"result": "proposed", "pull-request-number": "100", "pull-request-url": w.gh.srv.URL + "/octo-org/shop/pull/100",
		"branch": resolvBranch, "policy-path": "deploy/policies/web/block-file-nginx.yaml"}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("output %s = %q, want %q", k, got[k], v)
		}
	}
	if s := read(t, in.SummaryPath); !strings.Contains(s, "## kunerva: proposed") || !strings.Contains(s, "> block access to /etc/resolv.conf") {
		t.Errorf("job summary:\n%s", s)
	}

	t.Run("a re-run converges", func(t *testing.T) {
		again := in
		again.Workspace = w.checkout(false)
		out, log, err := w.run(again)
		if err != nil || out.Result != Proposed || out.PullRequest != 100 {
			t.Fatalf("%v %+v\n%s", err, out, log)
		}
		if n := w.gh.count("POST", `^/repos/octo-org/shop/pulls$`); n != 1 {
			t.Errorf("%d pull requests opened, want 1", n)
		}
		if n := w.commits(resolvBranch); n != 1 {
			t.Errorf("%d commits on the branch after the re-run, want 1", n)
		}
		if b := w.branches(); !slices.Equal(b, []string{resolvBranch, "main"}) {
			t.Errorf("remote branches %v", b)
		}
		replies := w.gh.replies()
		if len(replies) != 1 || !strings.Contains(replies[0].Body, "Updated #100") {
			t.Errorf("replies after the re-run: %+v", replies)
		}
		if n := w.gh.count("PATCH", `^/repos/octo-org/shop/issues/comments/\d+$`); n != 1 {
			t.Errorf("the reply was edited %d times, want 1", n)
		}
		if strings.Count(w.gh.pull(100).Body, "<!-- kunerva:request:1001 -->") != 1 {
			t.Errorf("the request's section is doubled:\n%s", w.gh.pull(100).Body)
		}
	})
}

func TestFollowUpAmendsKunervasPullRequest(t *testing.T) {
	w := newWorld(t, defaultSettings)
	w.gh.next = 7 // the fixture's comment is on pull request #7
	if out, log, err := w.run(w.inputs("issue_comment.created.json")); err != nil || out.PullRequest != 7 {
		t.Fatalf("%v %+v\n%s", err, out, log)
	}
	in := w.inputs("issue_comment.pull_request.json")
	for run := 1; run <= 2; run++ { // the second run is a re-run: nothing changes
		in.Workspace = w.checkout(false)
		out, log, err := w.run(in)
		if err != nil {
			t.Fatalf("%v\n%s", err, log)
		}
		if out.Result != Proposed || out.PullRequest != 7 || out.Branch != resolvBranch {
			t.Fatalf("run %d: outcome %+v\n%s", run, out, log)
		}
		if n := w.commits(resolvBranch); n != 2 {
			t.Errorf("run %d: %d commits on the branch, want the first request's and the follow-up's", run, n)
		}
	}
	tr := w.branchTree(resolvBranch)
	if !hasObject(tr, "KubeArmorPolicy", "web", "block-file-nginx") {
		t.Error("the amended tree lost the first policy")
	}
	if !hasObject(tr, nginxEgress[0], nginxEgress[1], nginxEgress[2]) {
		t.Errorf("the amended tree lacks the follow-up's %v", nginxEgress)
	}
	if len(w.branches()) != 2 || w.gh.count("POST", `pulls$`) != 1 {
		t.Errorf("branches %v, %d pull requests opened: a follow-up opens nothing new", w.branches(), w.gh.count("POST", `pulls$`))
	}
	body := w.gh.pull(7).Body
	if !strings.Contains(body, "<!-- kunerva:request:1001 -->") || strings.Count(body, "<!-- kunerva:request:1002 -->") != 1 || !strings.Contains(body, "10.0.0.0/8") {
		t.Errorf("the amended body:\n%s", body)
	}
	var onPR []*fakeComment
	for _, c := range w.gh.replies() {
		if c.Number == 7 {
			onPR = append(onPR, c)
		}
	}
	if len(onPR) != 1 || !strings.Contains(onPR[0].Body, "Added to this pull request") {
		t.Errorf("replies on #7: %+v", onPR)
	}
}

var (
	nginxEgress        = [3]string{"CiliumNetworkPolicy", "web", "deny-egress-nginx"}
	checkoutToPayments = [3]string{"NetworkPolicy", "payments", "allow-ingress-payments-from-checkout"}
)

func TestCommentsOnOthersPullRequestsOpenANewOne(t *testing.T) {
	for _, tc := range []struct {
		fixture, reactions string
		reply              func(c *fakeComment) bool
		number             int       // the pull request commented on
		policy             [3]string // kind, namespace, name
	}{
		// A comment on a pull request that is not kunerva's.
		{"issue_comment.pull_request.json", "issues 1002 eyes,issues 1002 rocket", func(c *fakeComment) bool { return !c.Review && c.Number == 7 }, 7, nginxEgress},
		// A review comment is answered in its thread, on the thread's
		// first comment (GitHub takes no replies to replies).
		{"pull_request_review_comment.created.json", "pulls 2001 eyes,pulls 2001 rocket", func(c *fakeComment) bool { return c.Review && c.InReplyTo == 2000 }, 8, checkoutToPayments},
		// A review has no reactions; the reply goes to the conversation.
		{"pull_request_review.submitted.json", "", func(c *fakeComment) bool { return !c.Review && c.Number == 8 }, 8, checkoutToPayments},
	} {
		t.Run(tc.fixture, func(t *testing.T) {
			w := newWorld(t, defaultSettings)
			// A people's pull request whose branch is not kunerva's.
			w.gh.prs[7] = &fakePR{Number: 7, Title: "Cart v2", Body: "Moves the cart to v2.", Head: "feature/cart-v2", Base: "main", User: "bob", Open: true}
			in := w.inputs(tc.fixture) // for review events a detached checkout without main: the base is fetched
			out, log, err := w.run(in)
			if err != nil || out.Result != Proposed {
				t.Fatalf("%v %+v\n%s", err, out, log)
			}
			pr := w.gh.pull(out.PullRequest)
			if pr.Base != "main" || !strings.HasPrefix(pr.Head, fmt.Sprintf("kunerva/%d-", tc.number)) || out.PullRequest == tc.number {
				t.Errorf("pull request %+v", pr)
			}
			if n := w.gh.count("POST", `pulls$`); n != 1 || w.commits(pr.Head) != 1 {
				t.Errorf("%d pull requests opened, %d commits on %s", n, w.commits(pr.Head), pr.Head)
			}
			if !hasObject(w.branchTree(pr.Head), tc.policy[0], tc.policy[1], tc.policy[2]) {
				t.Errorf("the new branch lacks %v", tc.policy)
			}
			replies := w.gh.replies()
			if len(replies) != 1 || !tc.reply(replies[0]) || !strings.Contains(replies[0].Body, "Opened #") {
				t.Errorf("replies %+v", replies)
			}
			if got := strings.Join(w.gh.reacts, ","); got != tc.reactions {
				t.Errorf("reactions %q, want %q", got, tc.reactions)
			}
			if w.gh.pull(tc.number).Body != "Moves the cart to v2." {
				t.Error("the commented pull request was changed")
			}
		})
	}
}

func TestIgnored(t *testing.T) {
	for _, tc := range []struct{ fixture, event, reason string }{
		{"issue_comment.bot.json", "", "bot github-actions[bot]"},
		{"issue_comment.edited.json", "", "edited, not created"},
		{"issue_comment.chatter.json", "", "no line starting with /policy"},
		{"pull_request_review.null-body.json", "", "no line starting with /policy"},
		{"issue_comment.created.json", "push", "not push"},
	} {
		t.Run(tc.fixture+tc.event, func(t *testing.T) {
			w := newWorld(t, "")
			in := w.inputs(tc.fixture)
			if tc.event != "" {
				in.EventName = tc.event
			}
			out, log, err := w.run(in)
			if err != nil || out.Result != Ignored || !strings.Contains(out.Reason, tc.reason) || !strings.Contains(log, "ignored: ") {
				t.Fatalf("%v %+v, want ignored for %q\n%s", err, out, tc.reason, log)
			}
			if len(w.gh.calls) != 0 {
				t.Errorf("an ignored event called GitHub: %+v", w.gh.calls)
			}
			if got := outputs(t, in.OutputPath)["result"]; got != "ignored" {
				t.Errorf("result output %q", got)
			}
		})
	}
}

func TestRefusedRequester(t *testing.T) {
	w := newWorld(t, defaultSettings)
	out, log, err := w.run(w.inputs("issue_comment.no-write.json"))
	if err != nil || out.Result != Refused {
		t.Fatalf("%v %+v\n%s", err, out, log)
	}
	replies := w.gh.replies()
	if len(replies) != 1 || !strings.Contains(replies[0].Body, "@mallory") || !strings.Contains(replies[0].Body, "write permission or more") || !strings.Contains(replies[0].Body, "yours is read") {
		t.Errorf("replies %+v", replies)
	}
	if len(w.gh.reacts) != 0 || len(w.gh.prs) != 0 || len(w.branches()) != 1 {
		t.Errorf("a refused request did more than reply: reactions %v, pull requests %d, branches %v", w.gh.reacts, len(w.gh.prs), w.branches())
	}
}

func TestRequestsThatComeToNothing(t *testing.T) {
	for _, tc := range []struct {
		name, fixture, settings string
		result                  Result
		reply                   []string
	}{
		{"not understood", "issue_comment.not-understood.json", defaultSettings, NotUnderstood,
			[]string{"I did not write a policy", "**How to answer**", "Answer here with `/policy <the missing part>`", "for example: `/policy only the checkout pods"}},
		{"invalid", "issue_comment.invalid.json", defaultSettings, Invalid,
			[]string{"did not pass validation", "**Findings**", "app=ghost selects no workload in namespace shop", "**How to rephrase**"}},
		{"outside the allowed namespaces", "issue_comment.created.json", defaultSettings + "namespaces: [shop, \"team-*\"]\n", Refused,
			[]string{"`.github/kunerva.yaml` on `main`", "namespace web is not among the namespaces this repository allows (shop, team-*)"}},
		{"outside the allowed kinds", "issue_comment.created.json", defaultSettings + "kinds: [np, cnp]\n", Refused,
			[]string{"KubeArmorPolicy is not among the kinds this repository allows (np, cnp)"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			w := newWorld(t, tc.settings)
			in := w.inputs(tc.fixture)
			out, log, err := w.run(in)
			if err != nil || out.Result != tc.result {
				t.Fatalf("%v %+v, want %s\n%s", err, out, tc.result, log)
			}
			replies := w.gh.replies()
			if len(replies) != 1 {
				t.Fatalf("%d replies", len(replies))
			}
			for _, want := range tc.reply {
				if !strings.Contains(replies[0].Body, want) {
					t.Errorf("the reply lacks %q:\n%s", want, replies[0].Body)
				}
			}
			if b := w.branches(); len(b) != 1 || len(w.gh.prs) != 0 {
				t.Errorf("branches %v and %d pull requests for a request that came to nothing", b, len(w.gh.prs))
			}
			id := strings.TrimPrefix(strings.Split(replies[0].Body, " ")[1], "kunerva:reply:")
			if want := []string{"issues " + id + " eyes", "issues " + id + " confused"}; !slices.Equal(w.gh.reacts, want) {
				t.Errorf("reactions %v, want %v", w.gh.reacts, want)
			}
			if got := outputs(t, in.OutputPath); got["result"] != string(tc.result) || got["branch"] != "" || got["pull-request-number"] != "" {
				t.Errorf("outputs %v", got)
			}
		})
	}
}

func TestRerunWithAUserToken(t *testing.T) {
	// A personal or machine user's token may read GET /user: the reply is
	// found among that login's comments.
	w := newWorld(t, defaultSettings)
	w.gh.integration, w.gh.self = false, "kunerva-bot"
	in := w.inputs("issue_comment.not-understood.json")
	// A busy issue: the reply is on the second page of comments.
	for i := range 120 {
		w.gh.comments = append(w.gh.comments, &fakeComment{ID: int64(100 + i), Number: 42, Login: "bob", Body: "+1"})
	}
	for range 2 {
		in.Workspace = w.checkout(false)
		if out, log, err := w.run(in); err != nil || out.Result != NotUnderstood {
			t.Fatalf("%v %+v\n%s", err, out, log)
		}
	}
	if r := w.gh.replies(); len(r) != 1 || r[0].Login != "kunerva-bot" {
		t.Errorf("replies %+v", r)
	}
	if n := w.gh.count("POST", `issues/42/comments$`); n != 1 {
		t.Errorf("%d replies posted, want 1", n)
	}
	if n := w.gh.count("GET", `issues/42/comments\?page=2&per_page=100$`); n != 2 {
		t.Errorf("the second page of comments was read %d times, want once a run", n)
	}
}

// The dry-run on the local control plane, as the action runs by default.
func TestLocalControlPlane(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: the dry-run starts the local control plane")
	}
	w := newWorld(t, defaultSettings)
	in := w.inputs("issue_comment.created.json")
	in.Cluster = "local"
	out, log, err := w.run(in)
	if err != nil || out.Result != Proposed {
		t.Fatalf("%v %+v\n%s", err, out, log)
	}
	if !strings.Contains(w.gh.pull(out.PullRequest).Body, "server-side dry-run and the checks against the tree passed") {
		t.Errorf("the body does not report the dry-run:\n%s", w.gh.pull(out.PullRequest).Body)
	}
}
