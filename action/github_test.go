package action

import (
	"context"
	"io"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"
)

// The fake answers wrong calls as GitHub does, so that a wrong call in the
// action fails its tests instead of passing against a lenient fake.
func TestFakeGitHubIsStrict(t *testing.T) {
	w := newWorld(t, "")
	w.gh.seed([]byte(`{"issue":{"number":42},"comment":{"id":1001,"body":"hi","user":{"login":"alice"}}}`))
	// A review thread on pull request 7: bob's comment and the token's reply.
	w.gh.prs[7] = &fakePR{Number: 7, Head: "x", Base: "main", User: "bob", Open: true}
	w.gh.comments = append(w.gh.comments, &fakeComment{ID: 2000, Review: true, Number: 7, Login: "bob", Body: "b"},
		&fakeComment{ID: 2001, Review: true, Number: 7, Login: w.gh.self, Body: "r", InReplyTo: 2000})
	api := w.gh.srv.URL + "/api/v3"
	for _, tc := range []struct {
		name, method, path, body string
		noAuth                   bool
		status                   int
		message                  string
	}{
		{"no token", "GET", "/user", "", true, 401, "Bad credentials"},
		{"an unknown path", "GET", "/repos/octo-org/shop/pulls/1/reviews", "", false, 404, "Not Found"},
		{"another repository", "GET", "/repos/octo-org/other/pulls/1", "", false, 404, "Not Found"},
		{"a wrong method", "PUT", "/repos/octo-org/shop/pulls", `{}`, false, 404, "Not Found"},
		{"not JSON", "POST", "/repos/octo-org/shop/issues/42/comments", `{"body":`, false, 400, "Problems parsing JSON"},
		{"a missing field", "POST", "/repos/octo-org/shop/pulls", `{"title":"t","head":"x"}`, false, 422, `"code":"missing_field","field":"base"`},
		{"an unknown field", "POST", "/repos/octo-org/shop/issues/42/comments", `{"body":"b","bodyy":"c"}`, false, 422, `"field":"bodyy"`},
		{"a head branch the remote lacks", "POST", "/repos/octo-org/shop/pulls", `{"title":"t","head":"nope","base":"main"}`, false, 422, `"code":"invalid","field":"head"`},
		{"no commits between", "POST", "/repos/octo-org/shop/pulls", `{"title":"t","head":"main","base":"main"}`, false, 422, "No commits between main and main"},
		{"an unknown reaction", "POST", "/repos/octo-org/shop/issues/comments/1001/reactions", `{"content":"party"}`, false, 422, `"field":"content"`},
		{"a reaction to no comment", "POST", "/repos/octo-org/shop/issues/comments/5/reactions", `{"content":"eyes"}`, false, 404, "Not Found"},
		{"editing another's comment", "PATCH", "/repos/octo-org/shop/issues/comments/1001", `{"body":"mine now"}`, false, 403, "Resource not accessible by integration"},
		{"a review comment that replies to nothing", "POST", "/repos/octo-org/shop/pulls/42/comments", `{"body":"b"}`, false, 404, "Not Found"},
		{"a reply to a reply", "POST", "/repos/octo-org/shop/pulls/7/comments", `{"body":"b","in_reply_to":2001}`, false, 422, `"field":"in_reply_to"`},
		{"an issue comment that replies", "POST", "/repos/octo-org/shop/issues/42/comments", `{"body":"b","in_reply_to":1001}`, false, 422, `"field":"in_reply_to"`},
		{"a review comment edited as an issue comment", "PATCH", "/repos/octo-org/shop/issues/comments/2001", `{"body":"b"}`, false, 404, "Not Found"},
		{"an edit without a body", "PATCH", "/repos/octo-org/shop/pulls/comments/2001", `{}`, false, 422, `"code":"missing_field","field":"body"`},
		{"a pull request list without head", "GET", "/repos/octo-org/shop/pulls?state=open", "", false, 422, "Validation Failed"},
		{"GET /user with an installation token", "GET", "/user", "", false, 403, "Resource not accessible by integration"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			req, _ := http.NewRequest(tc.method, api+tc.path, strings.NewReader(tc.body))
			if !tc.noAuth {
				req.Header.Set("Authorization", "Bearer "+fakeToken)
			}
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			body, _ := io.ReadAll(resp.Body)
			if resp.StatusCode != tc.status || !strings.Contains(string(body), tc.message) || resp.Header.Get("Content-Type") != "application/json; charset=utf-8" {
				t.Errorf("%s %s: %d %s, want %d with %q", tc.method, tc.path, resp.StatusCode, body, tc.status, tc.message)
			}
		})
	}
	if n := len(w.gh.rejected()); n != 18 { // all but GET /user
		t.Errorf("the fake recorded %d rejected calls, want 18", n)
	}
}

func TestNewGitHubBaseURL(t *testing.T) {
	for _, tc := range []struct{ api, want string }{
		{"https://api.github.com", "https://api.github.com/"},
		{"https://ghe.example/api/v3", "https://ghe.example/api/v3/"},
		{"https://ghe.example/api/v3/", "https://ghe.example/api/v3/"},
		{"https://api.octocorp.ghe.com", "https://api.octocorp.ghe.com/"},
	} {
		g, err := NewGitHub(tc.api, "https://uploads.example/", "o/r", "t", Retry{}, 0, nil)
		if err != nil {
			t.Fatal(err)
		}
		if got := g.c.BaseURL.String(); got != tc.want {
			t.Errorf("%s: base URL %s, want %s", tc.api, got, tc.want)
		}
	}
}

func TestRetryable(t *testing.T) {
	resp := func(status int, header ...string) *http.Response {
		h := http.Header{}
		for i := 0; i+1 < len(header); i += 2 {
			h.Set(header[i], header[i+1])
		}
		return &http.Response{StatusCode: status, Header: h, Body: io.NopCloser(strings.NewReader(`{"message":"You have exceeded a secondary rate limit."}`))}
	}
	ctx := context.Background()
	reset := time.Now().Add(3 * time.Second).Unix()
	for _, tc := range []struct {
		name  string
		resp  *http.Response
		retry bool
		wait  time.Duration // at least
	}{
		{"ok", resp(200), false, 0},
		{"not found", resp(404), false, 0},
		{"bad gateway", resp(502), true, 0},
		{"unavailable", resp(503), true, 0},
		{"429 with Retry-After", resp(429, "Retry-After", "7"), true, 7 * time.Second},
		{"403 with Retry-After", resp(403, "Retry-After", "2"), true, 2 * time.Second},
		{"403 quota exhausted", resp(403, "X-RateLimit-Remaining", "0", "X-RateLimit-Reset", strconv.FormatInt(reset, 10)), true, time.Second},
		{"403 secondary limit in the body", resp(403), true, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			wait, why := retryable(ctx, tc.resp, nil)
			if (why != "") != tc.retry || wait < tc.wait {
				t.Errorf("retryable = %s, %q; want retry %v after at least %s", wait, why, tc.retry, tc.wait)
			}
		})
	}
	forbidden := &http.Response{StatusCode: 403, Header: http.Header{}, Body: io.NopCloser(strings.NewReader(`{"message":"Resource not accessible by integration"}`))}
	if _, why := retryable(ctx, forbidden, nil); why != "" {
		t.Errorf("a plain 403 is retried: %s", why)
	}
	if b, _ := io.ReadAll(forbidden.Body); !strings.Contains(string(b), "Resource not accessible") {
		t.Errorf("the body was not kept for go-github: %q", b)
	}
}
