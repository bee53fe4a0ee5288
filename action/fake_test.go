package action

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/cgi"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
)

// fakeGitHub is GitHub for the tests: the REST API under /api/v3 with
// exactly the endpoints a run uses, and the repository's git remote at
// /OWNER/NAME.git (git http-backend behind basic auth), on one server, so
// that GITHUB_API_URL and GITHUB_SERVER_URL both point at it as on GitHub
// Enterprise Server. It is strict as GitHub is: an unknown path or method
// is a 404, a body that is not JSON a 400, a missing or unknown field a 422,
// each with GitHub's JSON message; it records every call.
type fakeGitHub struct {
	t           testing.TB
	srv         *httptest.Server
	repo        string // owner/name
	bare        string // the remote's bare repository
	token       string
	self        string // the login the token comments as
	integration bool   // GET /user is refused, as to GITHUB_TOKEN
	retryAfter  string // seconds, with a secondary rate limit

	mu       sync.Mutex
	perms    map[string]string // login -> role
	issues   map[int]bool
	prs      map[int]*fakePR
	comments []*fakeComment
	reacts   []string // "issue|review id content"
	labels   map[int][]string
	next     int // the next issue or pull request number
	nextID   int64
	failing  []failure        // what the next matching API calls answer with
	stalls   []*regexp.Regexp // "METHOD /path" of calls that never answer
	quit     chan struct{}    // closed when the test ends
	calls    []call
}

type fakePR struct {
	Number           int
	Title, Body      string
	Head, Base, User string
	Open             bool
}

type fakeComment struct {
	ID        int64
	Review    bool // a review comment on the diff
	Number    int
	Login     string
	Body      string
	InReplyTo int64
}

type call struct {
	Method, Path string // the path with its query, without /api/v3
	Body         string
	Status       int
	Injected     bool // a failure the test asked for
}

const (
	fakeToken = "ghs_fake0token0for0the0tests0000000"
	fakeRepo  = "octo-org/shop"
)

func newFakeGitHub(t testing.TB, bare string) *fakeGitHub {
	f := &fakeGitHub{t: t, repo: fakeRepo, bare: bare, token: fakeToken, self: "github-actions[bot]", integration: true,
		perms: map[string]string{"alice": "write", "bob": "maintain", "mallory": "read"}, issues: map[int]bool{},
		prs: map[int]*fakePR{}, labels: map[int][]string{}, next: 100, nextID: 9000, retryAfter: "1", quit: make(chan struct{})}
	gitBin, err := exec.LookPath("git")
	if err != nil {
		t.Fatalf("the tests serve a real git remote and need git: %v", err)
	}
	gitRoot := filepath.Dir(filepath.Dir(bare))
	git := &cgi.Handler{Path: gitBin, Args: []string{"http-backend"}, Env: []string{
		"GIT_PROJECT_ROOT=" + gitRoot, "GIT_HTTP_EXPORT_ALL=1", "GIT_CONFIG_NOSYSTEM=1", "GIT_CONFIG_GLOBAL=" + os.DevNull}}
	f.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		f.mu.Lock()
		stalled := slices.ContainsFunc(f.stalls, func(re *regexp.Regexp) bool { return re.MatchString(r.Method + " " + r.URL.Path) })
		f.mu.Unlock()
		if stalled {
			select { // until the client gives up, or the test ends
			case <-r.Context().Done():
			case <-f.quit:
			}
			return
		}
		switch {
		case strings.HasPrefix(r.URL.Path, "/api/v3/"):
			f.api(w, r)
		case strings.HasPrefix(r.URL.Path, "/"+f.repo+".git/"):
			if u, p, ok := r.BasicAuth(); !ok || u != "x-access-token" || p != f.token {
				w.Header().Set("WWW-Authenticate", `Basic realm="GitHub"`)
				http.Error(w, "authentication required", http.StatusUnauthorized)
				return
			}
			git.ServeHTTP(w, r)
		default:
			http.NotFound(w, r)
		}
	}))
	t.Cleanup(f.srv.Close)
	t.Cleanup(func() { close(f.quit) }) // first: a stalled call ends, so that Close returns
	return f
}

type failure struct {
	call   *regexp.Regexp // "METHOD /path" it waits for; nil for any
	status int
	done   bool // the call is carried out, then answered with status
}

// fail makes the next API calls answer with these statuses (502, 403 for a
// secondary rate limit) before the API answers again.
func (f *fakeGitHub) fail(statuses ...int) { f.failOn("", statuses...) }

// failOn fails the next calls matching pattern ("POST /repos/.*/pulls$").
func (f *fakeGitHub) failOn(pattern string, statuses ...int) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for _, s := range statuses {
		fl := failure{status: s}
		if pattern != "" {
			fl.call = regexp.MustCompile(pattern)
		}
		f.failing = append(f.failing, fl)
	}
}

// failAfter carries out the next call matching pattern and then answers it
// with status, as when GitHub's front end times out on a call its back end
// completed, or the connection drops before the answer.
func (f *fakeGitHub) failAfter(pattern string, status int) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.failing = append(f.failing, failure{call: regexp.MustCompile(pattern), status: status, done: true})
}

// stall makes every call matching pattern ("POST /api/v3/.*/pulls$",
// "POST /octo-org/shop.git/git-receive-pack$") hang until the client gives
// up, as a stalled connection does.
func (f *fakeGitHub) stall(pattern string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.stalls = append(f.stalls, regexp.MustCompile(pattern))
}

// serverError is GitHub's body for a 5xx the test asked for.
var serverError any = &struct {
	Message string `json:"message"`
}{"Server Error"}

type apiError struct {
	status int
	body   any
}

func notFound() *apiError {
	return &apiError{404, map[string]string{"message": "Not Found", "documentation_url": "https://docs.github.com/rest"}}
}

func invalid(resource, field, code string) *apiError {
	return &apiError{422, map[string]any{"message": "Validation Failed", "errors": []map[string]string{{"resource": resource, "field": field, "code": code}},
		"documentation_url": "https://docs.github.com/rest"}}
}

func message(status int, msg string) *apiError {
	return &apiError{status, map[string]string{"message": msg, "documentation_url": "https://docs.github.com/rest"}}
}

type route struct {
	method  string
	repo    bool // the pattern is below /repos/OWNER/NAME/
	pattern *regexp.Regexp
	handle  func(f *fakeGitHub, r *http.Request, m []string, body []byte) (int, any, *apiError)
}

func (f *fakeGitHub) api(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	path := strings.TrimPrefix(r.URL.Path, "/api/v3")
	f.mu.Lock()
	defer f.mu.Unlock()
	c := call{Method: r.Method, Path: path, Body: string(body)}
	if r.URL.RawQuery != "" {
		c.Path += "?" + r.URL.RawQuery
	}
	status, v, err := f.serve(r, path, body)
	if err != nil {
		status, v = err.status, err.body
	}
	c.Status, c.Injected = status, v == nil || v == serverError
	f.calls = append(f.calls, c)
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	if status == 403 && v == nil {
		w.Header().Set("Retry-After", f.retryAfter)
		v = map[string]string{"message": "You have exceeded a secondary rate limit. Please wait a few minutes before you try again.",
			"documentation_url": "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits"}
	}
	if n, ok := v.(pageOf); ok {
		v = f.page(w, r, n)
	}
	w.WriteHeader(status)
	if v != nil {
		json.NewEncoder(w).Encode(v)
	}
}

func (f *fakeGitHub) serve(r *http.Request, path string, body []byte) (int, any, *apiError) {
	if a := r.Header.Get("Authorization"); a != "Bearer "+f.token && a != "token "+f.token {
		return 0, nil, message(401, "Bad credentials")
	}
	if len(f.failing) > 0 && (f.failing[0].call == nil || f.failing[0].call.MatchString(r.Method+" "+path)) {
		status, done := f.failing[0].status, f.failing[0].done
		f.failing = f.failing[1:]
		if done {
			f.route(r, path, body)
		}
		if status == 403 {
			return 403, nil, nil
		}
		return status, serverError, nil
	}
	return f.route(r, path, body)
}

func (f *fakeGitHub) route(r *http.Request, path string, body []byte) (int, any, *apiError) {
	for _, rt := range routes {
		p := path
		if rt.repo {
			var ok bool
			if p, ok = strings.CutPrefix(path, "/repos/"+f.repo+"/"); !ok {
				continue
			}
		}
		if m := rt.pattern.FindStringSubmatch(p); m != nil && rt.method == r.Method {
			return rt.handle(f, r, m, body)
		}
	}
	return 0, nil, notFound()
}

// decode reads a JSON body strictly into v: GitHub's answer to what is not
// JSON is a 400, to a field it does not know (here) or lacks a 422.
func decode(body []byte, v any, resource string, required ...string) *apiError {
	d := json.NewDecoder(bytes.NewReader(body))
	d.DisallowUnknownFields()
	if err := d.Decode(v); err != nil {
		if field, ok := strings.CutPrefix(err.Error(), "json: unknown field "); ok {
			return invalid(resource, strings.Trim(field, `"`), "invalid")
		}
		return message(400, "Problems parsing JSON")
	}
	var fields map[string]any
	_ = json.Unmarshal(body, &fields)
	for _, name := range required {
		if v, ok := fields[name]; !ok || v == nil || v == "" {
			return invalid(resource, name, "missing_field")
		}
	}
	return nil
}

// pageOf is a list the fake pages as GitHub does: per_page, page, Link.
type pageOf []any

func (f *fakeGitHub) page(w http.ResponseWriter, r *http.Request, all pageOf) []any {
	per, _ := strconv.Atoi(r.URL.Query().Get("per_page"))
	if per <= 0 || per > 100 {
		per = 30
	}
	page, _ := strconv.Atoi(r.URL.Query().Get("page"))
	page = max(page, 1)
	lo, hi := min((page-1)*per, len(all)), min(page*per, len(all))
	if hi < len(all) {
		u := *r.URL
		q := u.Query()
		q.Set("page", strconv.Itoa(page+1))
		u.RawQuery = q.Encode()
		w.Header().Set("Link", fmt.Sprintf(`<%s%s>; rel="next"`, f.srv.URL, u.RequestURI()))
	}
	return append([]any{}, all[lo:hi]...)
}

// count is how many calls succeeded with method on a path matching pattern.
func (f *fakeGitHub) count(method, pattern string) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	re := regexp.MustCompile(pattern)
	n := 0
	for _, c := range f.calls {
		if c.Method == method && re.MatchString(c.Path) && c.Status < 400 {
			n++
		}
	}
	return n
}

// rejected lists the calls the fake rejected, which a correct run never
// provokes.
func (f *fakeGitHub) rejected() []call {
	f.mu.Lock()
	defer f.mu.Unlock()
	return slices.DeleteFunc(slices.Clone(f.calls), func(c call) bool {
		// Failures the test asked for, and GET /user refused to an
		// installation token (which a run expects), are no wrong calls.
		return c.Status < 400 || c.Injected || (c.Path == "/user" && c.Status == 403)
	})
}

// replies are the comments the token wrote.
func (f *fakeGitHub) replies() []*fakeComment {
	f.mu.Lock()
	defer f.mu.Unlock()
	return slices.DeleteFunc(slices.Clone(f.comments), func(c *fakeComment) bool { return c.Login != f.self })
}

func (f *fakeGitHub) pull(n int) *fakePR {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.prs[n]
}
