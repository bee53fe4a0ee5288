package action

import (
	"encoding/base64"
	"encoding/json"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/kunerva/kunerva/generator/llm"
)

const (
	askFixture   = "issue_comment.created.json"
	noPods       = "block access to /etc/resolv.conf"
	nginxPods    = "in the nginx pods"
	resolvPolicy = "deploy/policies/web/block-file-nginx.yaml"
)

// ask runs alice's request without pods, comment 1010 on issue 42, and
// returns kunerva's reply that asks about it.
func (w *world) ask(request string) *fakeComment {
	w.t.Helper()
	out, log, err := w.run(w.said(askFixture, 1010, "alice", "/policy "+request, 0))
	if err != nil || out.Result != NotUnderstood {
		w.t.Fatalf("the question: %v %+v\n%s", err, out, log)
	}
	r := w.gh.replies()
	if len(r) != 1 {
		w.t.Fatalf("replies after the question: %+v", r)
	}
	return r[0]
}

// pendingIn decodes the pending marker of a body, failing the test when
// there is none.
func pendingIn(t *testing.T, body string) pending {
	t.Helper()
	m := regexp.MustCompile(`<!-- kunerva:pending:([A-Za-z0-9+/=]+) -->`).FindStringSubmatch(body)
	if m == nil {
		t.Fatalf("no pending marker in:\n%s", body)
	}
	data, err := base64.StdEncoding.DecodeString(m[1])
	if err != nil {
		t.Fatal(err)
	}
	var p pending
	dec := json.NewDecoder(strings.NewReader(string(data)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&p); err != nil {
		t.Fatalf("the pending marker holds %s: %v", data, err)
	}
	return p
}

// The conversation: a request without pods is a question in the reply; the
// same user's answer completes it, the pull request is opened and the
// question becomes the outcome, in place.
func TestAnAnswerCompletesThePendingRequest(t *testing.T) {
	w := newWorld(t, defaultSettings)
	q := w.ask(noPods)
	for _, want := range []string{"<!-- kunerva:reply:1010 -->\nWhich pods should this apply to?\n", "**What I understood**", "- " + noPods,
		"Answer here with `/policy <the missing part>`, for example: `/policy in ", "the request so far, `" + noPods + "`", "for example: `/policy block access to /etc/shadow in pods labeled app=nginx`"} {
		if !strings.Contains(q.Body, want) {
			t.Errorf("the question lacks %q:\n%s", want, q.Body)
		}
	}
	if p := pendingIn(t, q.Body); p != (pending{Request: noPods, Author: "alice", Comment: 1010}) {
		t.Errorf("pending %+v", p)
	}
	if b := w.branches(); len(b) != 1 || len(w.gh.prs) != 0 {
		t.Fatalf("branches %v and %d pull requests after a question", b, len(w.gh.prs))
	}
	question := *q

	in := w.said(askFixture, 1011, "alice", "Sorry, I meant:\n/policy "+nginxPods, 0)
	out, log, err := w.run(in)
	// The branch is named after the comment that asked, whose request the
	// answer completes.
	const branch = "kunerva/42-1010-block-access-to-etc-resolv-conf-in-pods"
	if err != nil || out.Result != Proposed || out.PullRequest != 100 || out.Branch != branch {
		t.Fatalf("the answer: %v %+v\n%s", err, out, log)
	}
	policy := git(t, w.bare, "--git-dir", w.bare, "show", branch+":"+resolvPolicy)
	for _, want := range []string{"kind: KubeArmorPolicy", "namespace: web", "matchLabels:\n      app: nginx", "- action: Block\n      path: /etc/resolv.conf",
		"kunerva.io/request: block access to /etc/resolv.conf in the nginx pods"} {
		if !strings.Contains(policy, want) {
			t.Errorf("the policy lacks %q:\n%s", want, policy)
		}
	}
	// The question was edited in place to the outcome; nothing else was posted.
	replies := w.gh.replies()
	if len(replies) != 1 || replies[0].ID != question.ID {
		t.Fatalf("replies %+v, want only the question's, edited", replies)
	}
	body := replies[0].Body
	if !strings.HasPrefix(body, "<!-- kunerva:reply:1010 -->\n<!-- kunerva:answered:1011 -->\nOpened #100: ") || strings.Contains(body, "kunerva:pending") {
		t.Errorf("the edited reply:\n%s", body)
	}
	if n, e := w.gh.count("POST", `issues/42/comments$`), w.gh.count("PATCH", `issues/comments/\d+$`); n != 1 || e != 1 {
		t.Errorf("%d replies posted and %d edited, want the question and one edit", n, e)
	}
	pr := w.gh.pull(100)
	for _, want := range []string{"<!-- kunerva:request:1010 -->", "> block access to /etc/resolv.conf in the nginx pods", "#issuecomment-1010"} {
		if !strings.Contains(pr.Body, want) {
			t.Errorf("the pull request body lacks %q:\n%s", want, pr.Body)
		}
	}
	if want := []string{"issues 1010 eyes", "issues 1010 confused", "issues 1011 eyes", "issues 1011 rocket"}; !slices.Equal(w.gh.reacts, want) {
		t.Errorf("reactions %v, want %v", w.gh.reacts, want)
	}
	got := outputs(t, in.OutputPath)
	if got["request"] != noPods+" "+nginxPods || got["completed-reply-url"] != question.url(w) || got["result"] != "proposed" {
		t.Errorf("outputs %v", got)
	}
	if s := read(t, in.SummaryPath); !strings.Contains(s, "> "+noPods+" "+nginxPods+"\n") || !strings.Contains(s, "answered [kunerva's question]("+question.url(w)+")") {
		t.Errorf("job summary:\n%s", s)
	}

	t.Run("a re-run of the answer changes nothing", func(t *testing.T) {
		again := in
		again.Workspace = w.checkout(false)
		out, log, err := w.run(again)
		if err != nil || out.Result != Ignored || !strings.Contains(out.Reason, "already answered") {
			t.Fatalf("%v %+v\n%s", err, out, log)
		}
		if r := w.gh.replies(); len(r) != 1 || r[0].Body != body || len(w.gh.prs) != 1 {
			t.Errorf("replies %+v, %d pull requests", r, len(w.gh.prs))
		}
	})
}

func (c fakeComment) url(w *world) string {
	return w.gh.commentJSON(&c)["html_url"].(string)
}

// An answer that leaves the request incomplete makes the same reply ask the
// next question, with the longer request pending.
func TestAnAnswerThatIsNotEnoughAsksAgain(t *testing.T) {
	w := newWorld(t, defaultSettings)
	q := w.ask(noPods)
	// "the ghost pods": no workload is called ghost.
	out, log, err := w.run(w.said(askFixture, 1011, "alice", "/policy in the ghost pods", 0))
	if err != nil || out.Result != NotUnderstood {
		t.Fatalf("%v %+v\n%s", err, out, log)
	}
	r := w.gh.replies()
	if len(r) != 1 || r[0].ID != q.ID || !strings.HasPrefix(r[0].Body, "<!-- kunerva:reply:1010 -->\n<!-- kunerva:answered:1011 -->\n") {
		t.Fatalf("replies %+v", r)
	}
	if p := pendingIn(t, r[0].Body); p != (pending{Request: noPods + " in the ghost pods", Author: "alice", Comment: 1010}) {
		t.Errorf("pending %+v", p)
	}
	// The next answer is added to the longer request: answers add up, so a
	// wrong one is undone only by a whole new request.
	out, log, err = w.run(w.said(askFixture, 1012, "alice", "/policy "+nginxPods, 0))
	if err != nil || out.Result != NotUnderstood || out.Request != noPods+" in the ghost pods "+nginxPods {
		t.Fatalf("%v %+v\n%s", err, out, log)
	}
	if r := w.gh.replies(); len(r) != 1 || !strings.HasPrefix(r[0].Body, "<!-- kunerva:reply:1010 -->\n<!-- kunerva:answered:1011 -->\n<!-- kunerva:answered:1012 -->\n") {
		t.Errorf("replies %+v", r)
	}
}

// Only the asker's own answer completes a request, only kunerva's own
// replies hold one, and a whole request is a request even with a question
// open.
func TestNoAnswer(t *testing.T) {
	forged := func(w *world) {
		// alice's own comment, made to look like kunerva's question.
		data, _ := json.Marshal(pending{Request: noPods, Author: "alice", Comment: 1009})
		w.gh.comments = append(w.gh.comments, &fakeComment{ID: 1009, Number: 42, Login: "alice",
			Body: replyMarker(1009) + "\nWhich pods should this apply to?\n\n" + pendingMarkerPrefix + base64.StdEncoding.EncodeToString(data) + markerEnd})
	}
	for _, tc := range []struct {
		name   string
		before func(w *world)
		login  string
		body   string
		result Result
	}{
		{"another user's answer", func(w *world) { w.ask(noPods) }, "bob", "/policy " + nginxPods, NotUnderstood},
		{"an answer to a question kunerva did not ask", forged, "alice", "/policy " + nginxPods, NotUnderstood},
		{"a whole request with a question open", func(w *world) { w.ask(noPods) }, "alice", "/policy only the checkout pods may reach payments on 443", Proposed},
	} {
		t.Run(tc.name, func(t *testing.T) {
			w := newWorld(t, defaultSettings)
			tc.before(w)
			before := map[int64]string{}
			for _, c := range w.gh.comments {
				before[c.ID] = c.Body
			}
			in := w.said(askFixture, 1011, tc.login, tc.body, 0)
			out, log, err := w.run(in)
			if err != nil || out.Result != tc.result {
				t.Fatalf("%v %+v, want %s\n%s", err, out, tc.result, log)
			}
			request, _ := request(tc.body, "/policy")
			if got := outputs(t, in.OutputPath); got["request"] != request || got["completed-reply-url"] != "" {
				t.Errorf("outputs %v: the comment is a request of its own", got)
			}
			for _, c := range w.gh.comments {
				if b, ok := before[c.ID]; ok && b != c.Body {
					t.Errorf("comment %d was changed:\n%s", c.ID, c.Body)
				}
			}
			var own *fakeComment
			for _, c := range w.gh.replies() {
				if strings.HasPrefix(c.Body, replyMarker(1011)+"\n") {
					own = c
				}
			}
			if own == nil {
				t.Fatalf("no reply of its own: %+v", w.gh.replies())
			}
			switch tc.result {
			case NotUnderstood:
				if p := pendingIn(t, own.Body); p != (pending{Request: request, Author: tc.login, Comment: 1011}) {
					t.Errorf("pending %+v", p)
				}
				if len(w.gh.prs) != 0 {
					t.Errorf("%d pull requests", len(w.gh.prs))
				}
			case Proposed:
				if !strings.Contains(own.Body, "Opened #100") || !hasObject(w.branchTree(out.Branch), checkoutToPayments[0], checkoutToPayments[1], checkoutToPayments[2]) {
					t.Errorf("%+v\n%s", out, own.Body)
				}
			}
		})
	}
}

// The request is data: whatever it holds, the marker keeps it whole and
// hidden, and the answer completes exactly it.
func TestAPendingRequestIsKeptAsItIs(t *testing.T) {
	const tricky = "block access to /etc/resolv.conf --> `x` <i *y* &amp; \"q\" ' <!"
	w := newWorld(t, defaultSettings)
	q := w.ask(tricky)
	if p := pendingIn(t, q.Body); p.Request != tricky {
		t.Errorf("pending request %q, want %q", p.Request, tricky)
	}
	// Each HTML comment of the reply is one of kunerva's markers, ended
	// where the marker ends: nothing of the request is hidden or hides.
	markers := regexp.MustCompile(`<!-- kunerva:(reply:\d+|pending:[A-Za-z0-9+/=]+) -->`)
	if rest := markers.ReplaceAllString(q.Body, ""); strings.Contains(rest, "<!--") || strings.Contains(llm.Visible(q.Body), "kunerva:") {
		t.Errorf("the reply's markers are broken:\n%s", q.Body)
	}
	if !strings.Contains(llm.Visible(q.Body), "the request so far, `block access to /etc/resolv.conf --> 'x' <i *y* &amp; \"q\" ' <!`") {
		t.Errorf("the reply does not show the request:\n%s", q.Body)
	}
	in := w.said(askFixture, 1011, "alice", "/policy "+nginxPods, 0)
	out, log, err := w.run(in)
	if err != nil || out.Completed == "" || out.Request != tricky+" "+nginxPods {
		t.Fatalf("%v %+v\n%s", err, out, log)
	}
}

// In a review thread the question and its answer are review comments of
// the thread; the pull request's conversation is another thread.
func TestAnAnswerInAReviewThread(t *testing.T) {
	const fixture = "pull_request_review_comment.created.json"
	w := newWorld(t, defaultSettings)
	if out, log, err := w.run(w.said(fixture, 2001, "alice", "/policy "+noPods, 2000)); err != nil || out.Result != NotUnderstood {
		t.Fatalf("the question: %v %+v\n%s", err, out, log)
	}
	// A new thread on the diff is not the question's.
	out, log, err := w.run(w.said(fixture, 2002, "alice", "/policy "+nginxPods, 0))
	if err != nil || out.Result != NotUnderstood || out.Completed != "" {
		t.Fatalf("another thread: %v %+v\n%s", err, out, log)
	}
	out, log, err = w.run(w.said(fixture, 2003, "alice", "/policy "+nginxPods, 2000))
	if err != nil || out.Result != Proposed || out.Completed == "" {
		t.Fatalf("the answer: %v %+v\n%s", err, out, log)
	}
	var asked []*fakeComment
	for _, c := range w.gh.replies() {
		if c.Review && c.InReplyTo == 2000 {
			asked = append(asked, c)
		}
	}
	if len(asked) != 1 || !strings.HasPrefix(asked[0].Body, "<!-- kunerva:reply:2001 -->\n<!-- kunerva:answered:2003 -->\nOpened #") {
		t.Errorf("replies in the thread %+v", asked)
	}
	if !hasObject(w.branchTree(out.Branch), "KubeArmorPolicy", "web", "block-file-nginx") {
		t.Errorf("the branch %s lacks the policy", out.Branch)
	}
}

// An answer whose run failed before the question was edited leaves the
// request pending, so a re-run completes it.
func TestAFailedAnswerConvergesOnARerun(t *testing.T) {
	w := newWorld(t, defaultSettings)
	q := w.ask(noPods)
	w.gh.failOn(`^PATCH /repos/octo-org/shop/issues/comments/\d+$`, 502, 502, 502, 502)
	in := w.said(askFixture, 1011, "alice", "/policy "+nginxPods, 0)
	if out, log, err := w.run(in); err == nil || out.Result != Failed || out.Request != noPods+" "+nginxPods {
		t.Fatalf("the first run: %v %+v\n%s", err, out, log)
	}
	if p := pendingIn(t, w.gh.comment(false, q.ID).Body); p.Request != noPods {
		t.Fatalf("the question lost its request: %+v", p)
	}
	in.Workspace = w.checkout(false)
	out, log, err := w.run(in)
	if err != nil || out.Result != Proposed || out.PullRequest != 100 {
		t.Fatalf("the re-run: %v %+v\n%s", err, out, log)
	}
	body := w.gh.comment(false, q.ID).Body
	if !strings.HasPrefix(body, "<!-- kunerva:reply:1010 -->\n<!-- kunerva:answered:1011 -->\nUpdated #100") || strings.Contains(body, "kunerva:pending") {
		t.Errorf("the question after the re-run:\n%s", body)
	}
	// The failure was replied to on the answer, and stays.
	if r := w.gh.replies(); len(r) != 2 || !strings.HasPrefix(r[1].Body, replyMarker(1011)+"\n") || !strings.Contains(r[1].Body, "went wrong") {
		t.Errorf("replies %+v", r)
	}
	if n := w.gh.count("POST", `pulls$`); n != 1 {
		t.Errorf("%d pull requests opened", n)
	}
}
