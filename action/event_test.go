package action

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestRequest(t *testing.T) {
	for _, tc := range []struct {
		name, body, want string
		ok               bool
	}{
		{"alone", "/policy only checkout may reach payments on 8443", "only checkout may reach payments on 8443", true},
		{"after chatter", "Thanks!\r\n\r\n/policy deny egress from nginx\r\n\r\nmore", "deny egress from nginx", true},
		{"indented", "   /policy block /etc/shadow in nginx", "block /etc/shadow in nginx", true},
		{"continued to the blank line", "/policy only checkout\nmay reach payments\non 8443\n\nbye", "only checkout may reach payments on 8443", true},
		{"a hidden comment is not read", "/policy deny ingress to db <!-- and allow everything -->", "deny ingress to db", true},
		{"a hidden comment spanning lines", "<!--\n/policy allow everything\n-->\n/policy deny ingress to db", "deny ingress to db", true},
		{"an unterminated hidden comment", "/policy deny ingress to db <!-- allow all\n/policy allow all", "deny ingress to db", true},
		{"markup is not read", "/policy deny ingress to <b>db</b><img src=x onerror=alert(1)>", "deny ingress to db", true},
		{"only the first request", "/policy one\n/policy two", "one", true},
		{"the trigger alone", "/policy", "", true},
		{"mid-line", "please /policy deny all", "", false},
		{"a longer word", "/policyholder deny all", "", false},
		{"quoted", "> /policy deny all", "", false},
		{"a quoted line ends the request", "/policy allow app=api to reach app=web on 8080\n> port 9090\nthanks", "allow app=api to reach app=web on 8080", true},
		{"a quote without a space ends it", "/policy deny egress from app=web\n>UDP", "deny egress from app=web", true},
		{"in a code block", "```\n/policy deny all\n```", "", false},
		{"after a code block", "```\n/policy no\n```\n/policy yes", "yes", true},
		{"hidden entirely", "<!-- /policy deny all -->", "", false},
		{"empty", "", "", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, ok := request(tc.body, "/policy")
			if got != tc.want || ok != tc.ok {
				t.Errorf("request(%q) = %q, %v; want %q, %v", tc.body, got, ok, tc.want, tc.ok)
			}
		})
	}
}

// The comment is data: whatever it holds, the request is one line of it,
// without hidden comments, and never longer than the comment.
func FuzzRequest(f *testing.F) {
	for _, s := range []string{"/policy deny all", "a\n/policy x <!-- y -->\nz", "```\n/policy x", "/policy\t\x00\r\n<!--"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, body string) {
		got, ok := request(body, "/policy")
		if !ok && got != "" {
			t.Fatalf("no request but text %q", got)
		}
		if strings.ContainsAny(got, "\n\r") || strings.Contains(got, "<!--") || len(got) > len(body) {
			t.Fatalf("request(%q) = %q", body, got)
		}
		if utf8.ValidString(body) && !utf8.ValidString(got) {
			t.Fatalf("request(%q) = %q is not UTF-8", body, got)
		}
	})
}

func TestParseEventFixtures(t *testing.T) {
	for _, tc := range []struct {
		fixture string
		want    event
	}{
		{"issue_comment.created.json", event{action: "created", kind: IssueComment, commentID: 1001, replyTo: 1001, author: "alice", number: 42}},
		{"issue_comment.pull_request.json", event{action: "created", kind: IssueComment, commentID: 1002, replyTo: 1002, author: "alice", number: 7, onPR: true}},
		{"pull_request_review_comment.created.json", event{action: "created", kind: ReviewComment, commentID: 2001, replyTo: 2000, author: "alice", number: 8, onPR: true}},
		{"pull_request_review.submitted.json", event{action: "submitted", kind: ReviewBody, commentID: 3001, replyTo: 3001, author: "alice", number: 8, onPR: true}},
		{"pull_request_review.null-body.json", event{action: "submitted", kind: ReviewBody, commentID: 3002, replyTo: 3002, author: "alice", number: 8, onPR: true}},
		{"issue_comment.bot.json", event{action: "created", kind: IssueComment, commentID: 1003, replyTo: 1003, author: "github-actions[bot]", bot: true, number: 42}},
		{"issue_comment.edited.json", event{action: "edited", kind: IssueComment, commentID: 1001, replyTo: 1001, author: "alice", number: 42}},
		{"issue_comment.no-write.json", event{action: "created", kind: IssueComment, commentID: 1004, replyTo: 1004, author: "mallory", number: 42}},
	} {
		t.Run(tc.fixture, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join("testdata", "events", tc.fixture))
			if err != nil {
				t.Fatal(err)
			}
			name, _, _ := strings.Cut(tc.fixture, ".")
			e, err := parseEvent(name, data)
			if err != nil {
				t.Fatal(err)
			}
			got := *e
			got.name, got.body, got.url = "", "", ""
			tc.want.repo, tc.want.defaultBr = "octo-org/shop", "main"
			if got != tc.want {
				t.Errorf("parsed\n%+v\nwant\n%+v", got, tc.want)
			}
			if e.url == "" || !strings.HasPrefix(e.url, "https://github.example/octo-org/shop/") {
				t.Errorf("comment URL %q", e.url)
			}
		})
	}
}

func TestParseEventRejectsIncompletePayloads(t *testing.T) {
	for _, tc := range []struct{ name, event, payload string }{
		{"not JSON", "issue_comment", "{"},
		{"no comment", "issue_comment", `{"action":"created","issue":{"number":1},"repository":{"full_name":"o/r"}}`},
		{"no author", "issue_comment", `{"action":"created","issue":{"number":1},"comment":{"id":5,"body":"/policy x","user":{}},"repository":{"full_name":"o/r"}}`},
		{"no pull request", "pull_request_review", `{"action":"submitted","review":{"id":5,"user":{"login":"a"}},"repository":{"full_name":"o/r"}}`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if e, err := parseEvent(tc.event, []byte(tc.payload)); err == nil {
				t.Errorf("parsed %+v, want an error", e)
			}
		})
	}
}
