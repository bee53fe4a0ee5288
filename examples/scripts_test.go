package examples

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/pem"
	"maps"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// The scripts of action.yml and of the check workflow run here as GitHub
// runs a `shell: bash` step, with the runner's variables pointing into a
// temporary directory.

// runScript runs script as `bash --noprofile --norc -eo pipefail FILE` in
// dir and returns its combined output.
func runScript(t *testing.T, dir, script string, env []string) (string, error) {
	t.Helper()
	file := filepath.Join(t.TempDir(), "step.sh")
	if err := os.WriteFile(file, []byte(script), 0o600); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("bash", "--noprofile", "--norc", "-eo", "pipefail", file)
	cmd.Dir, cmd.Env = dir, env
	out, err := cmd.CombinedOutput()
	return string(out), err
}

// scriptEnv is the environment a step's script sees: this process's (less
// anything a runner would set), the workflow's and the step's env:, and the
// runner's variables. A value that is an expression must be given in
// values, which may also replace a literal (a URL, for a local server).
func scriptEnv(t *testing.T, envs []map[string]string, values, runner map[string]string) []string {
	t.Helper()
	merged := map[string]string{}
	for _, kv := range os.Environ() {
		k, v, _ := strings.Cut(kv, "=")
		if !strings.HasPrefix(k, "GITHUB_") && !strings.HasPrefix(k, "RUNNER_") && !strings.HasPrefix(k, "INPUT_") {
			merged[k] = v
		}
	}
	for _, env := range envs {
		for k, v := range env {
			if repl, ok := values[k]; ok {
				v = repl
			} else if strings.Contains(v, "${{") {
				t.Fatalf("env %s is the expression %s: the test must give it a value", k, v)
			}
			merged[k] = v
		}
	}
	maps.Copy(merged, runner)
	var env []string
	for k, v := range merged {
		env = append(env, k+"="+v)
	}
	return env
}

// runner returns the variables a runner sets for a step, in a fresh
// temporary directory.
func runner(t *testing.T, runnerOS, runnerArch string) map[string]string {
	t.Helper()
	dir := t.TempDir()
	actionPath, err := filepath.Abs(repoRoot)
	if err != nil {
		t.Fatal(err)
	}
	return map[string]string{
		"RUNNER_OS": runnerOS, "RUNNER_ARCH": runnerArch, "RUNNER_TEMP": dir,
		"GITHUB_ACTION_PATH": actionPath,
		"GITHUB_OUTPUT":      filepath.Join(dir, "output"),
		"GITHUB_PATH":        filepath.Join(dir, "path"),
	}
}

func TestPlatformStep(t *testing.T) {
	s := findStep(t, actionFile, decodeStrict[action](t, actionFile).Runs.Steps, "platform")
	cases := []struct {
		name, version, os, arch string
		want                    []string // lines of GITHUB_OUTPUT, or of the error
		fails                   bool
	}{
		{name: "build from source", os: "Linux", arch: "X64", want: []string{"os=linux", "arch=amd64", "controlplane-key=kunerva-controlplane-linux-amd64-source-", "kunerva-key=kunerva-bin-linux-amd64-source-"}},
		{name: "release tag", version: "v0.1.0", os: "macOS", arch: "ARM64", want: []string{"os=darwin", "arch=arm64", "controlplane-key=kunerva-controlplane-darwin-arm64-v0.1.0-", "kunerva-key=kunerva-bin-darwin-arm64-v0.1.0\n"}},
		{name: "pre-release tag", version: "v1.2.3-rc.1", os: "Linux", arch: "ARM64", want: []string{"-v1.2.3-rc.1-"}},
		{name: "not a tag", version: "latest", os: "Linux", arch: "X64", fails: true, want: []string{"input version must be a release tag"}},
		{name: "path in the version", version: "v1.2.3/../../evil", os: "Linux", arch: "X64", fails: true, want: []string{"input version must be a release tag"}},
		{name: "shell in the version", version: `v1.0.0"; echo pwned; "`, os: "Linux", arch: "X64", fails: true, want: []string{"input version must be a release tag"}},
		{name: "windows", os: "Windows", arch: "X64", fails: true, want: []string{"runs on Linux and macOS runners, not Windows"}},
		{name: "32-bit", os: "Linux", arch: "X86", fails: true, want: []string{"runs on X64 and ARM64 runners, not X86"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := runner(t, c.os, c.arch)
			out, err := runScript(t, t.TempDir(), s.Run, scriptEnv(t, []map[string]string{s.Env}, map[string]string{"VERSION": c.version}, r))
			if (err != nil) != c.fails {
				t.Fatalf("error %v, want failure %v; output:\n%s", err, c.fails, out)
			}
			if !c.fails {
				data, _ := os.ReadFile(r["GITHUB_OUTPUT"])
				out = string(data)
			}
			for _, want := range c.want {
				if !strings.Contains(out, want) {
					t.Errorf("want %q in:\n%s", want, out)
				}
			}
		})
	}
}

func TestDownloadStep(t *testing.T) {
	s := findStep(t, actionFile, decodeStrict[action](t, actionFile).Runs.Steps, "download")
	binary := []byte("#!/bin/sh\necho kunerva v1.2.3\n")
	sum := sha256.Sum256(binary)
	good := hex.EncodeToString(sum[:])
	bad := strings.Repeat("0", 64)
	const asset = "kunerva_1.2.3_linux_amd64"
	cases := []struct {
		name, version, sums string
		wantErr             string // in the output; "" for success
	}{
		{name: "checksum matches", version: "v1.2.3", sums: good + "  " + asset + "\n" + bad + "  kunerva_1.2.3_darwin_arm64\n"},
		{name: "binary-mode entry", version: "v1.2.3", sums: good + " *" + asset + "\n"},
		{name: "checksum mismatch", version: "v1.2.3", sums: bad + "  " + asset + "\n", wantErr: "checksum mismatch for " + asset},
		{name: "no entry for the asset", version: "v1.2.3", sums: good + "  kunerva_1.2.3_linux_arm64\n", wantErr: "has no checksum for " + asset},
		{name: "no such release", version: "v9.9.9", wantErr: "could not download kunerva_9.9.9_checksums.txt of kunerva v9.9.9"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			mux := http.NewServeMux()
			mux.HandleFunc("GET /v1.2.3/kunerva_1.2.3_checksums.txt", func(w http.ResponseWriter, _ *http.Request) { w.Write([]byte(c.sums)) })
			mux.HandleFunc("GET /v1.2.3/"+asset, func(w http.ResponseWriter, _ *http.Request) { w.Write(binary) })
			srv := httptest.NewTLSServer(mux)
			defer srv.Close()
			ca := filepath.Join(t.TempDir(), "ca.pem")
			if err := os.WriteFile(ca, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: srv.Certificate().Raw}), 0o600); err != nil {
				t.Fatal(err)
			}
			r := runner(t, "Linux", "X64")
			r["CURL_CA_BUNDLE"] = ca
			values := map[string]string{"VERSION": c.version, "KUNERVA_OS": "linux", "KUNERVA_ARCH": "amd64", "KUNERVA_RELEASE_URL": srv.URL}
			out, err := runScript(t, t.TempDir(), s.Run, scriptEnv(t, []map[string]string{s.Env}, values, r))
			installed := filepath.Join(r["RUNNER_TEMP"], "kunerva-bin", "kunerva")
			if c.wantErr != "" {
				if err == nil || !strings.Contains(out, "::error title=kunerva::") || !strings.Contains(out, c.wantErr) {
					t.Fatalf("error %v, want a failure saying %q; output:\n%s", err, c.wantErr, out)
				}
				if _, err := os.Stat(installed); err == nil {
					t.Errorf("%s was installed despite the failure", installed)
				}
				return
			}
			if err != nil {
				t.Fatalf("%v; output:\n%s", err, out)
			}
			if path, _ := os.ReadFile(r["GITHUB_PATH"]); strings.TrimSpace(string(path)) != filepath.Dir(installed) {
				t.Errorf("GITHUB_PATH has %q, want %s", path, filepath.Dir(installed))
			}
			got, err := exec.Command(installed).Output()
			if err != nil || string(got) != "kunerva v1.2.3\n" {
				t.Errorf("the installed binary printed %q (%v), want kunerva v1.2.3", got, err)
			}
		})
	}
}

// buildWithAction runs the action's build step on this checkout and
// returns the directory it added to GITHUB_PATH.
func buildWithAction(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("-short: not building kunerva")
	}
	s := findStep(t, actionFile, decodeStrict[action](t, actionFile).Runs.Steps, "build")
	if s.WorkingDirectory != "${{ github.action_path }}" {
		t.Fatalf("the build step runs in %q, want the action's checkout", s.WorkingDirectory)
	}
	r := runner(t, "Linux", "X64")
	if out, err := runScript(t, r["GITHUB_ACTION_PATH"], s.Run, scriptEnv(t, []map[string]string{s.Env}, nil, r)); err != nil {
		t.Fatalf("the build step failed: %v\n%s", err, out)
	}
	path, err := os.ReadFile(r["GITHUB_PATH"])
	if err != nil {
		t.Fatal(err)
	}
	return strings.TrimSpace(string(path))
}

func TestBuildStep(t *testing.T) {
	dir := buildWithAction(t)
	out, err := exec.Command(filepath.Join(dir, "kunerva"), "--help").CombinedOutput()
	if err != nil {
		t.Fatalf("kunerva --help: %v\n%s", err, out)
	}
	for _, cmd := range []string{"validate", "controlplane"} {
		if !strings.Contains(string(out), cmd) {
			t.Errorf("the built kunerva has no %s command:\n%s", cmd, out)
		}
	}
}

// TestGateStep runs the action's gate against a fake of GitHub's collaborator
// permission endpoint: the role, not the comment, decides whether anything
// is built, and a failure to ask leaves the decision to kunerva action. The
// token goes in a header, never in curl's arguments or the output.
func TestGateStep(t *testing.T) {
	s := findStep(t, actionFile, decodeStrict[action](t, actionFile).Runs.Steps, "gate")
	const token = "ghs_gateTestToken0123456789"
	allowed, refused := []string{"allowed=true"}, []string{"allowed=false", "result=refused"}
	cases := []struct {
		name       string
		event      string // the event payload
		permission string // the input
		status     int    // the endpoint's answer, with body
		body       string
		down       bool     // the API cannot be reached
		asks       string   // the login in the path asked, "" for no request
		want       []string // the lines of GITHUB_OUTPUT, or text of the error
		fails      bool
	}{
		{name: "write may ask", event: comment("alice"), permission: "write", status: 200, body: `{"permission":"write","role_name":"write"}`, asks: "alice", want: allowed},
		{name: "admin may ask", event: comment("alice"), permission: "write", status: 200, body: `{"permission":"admin","role_name":"admin"}`, asks: "alice", want: allowed},
		{name: "read is refused", event: comment("alice"), permission: "write", status: 200, body: `{"permission":"read","role_name":"read"}`, asks: "alice", want: refused},
		{name: "no role is refused", event: comment("alice"), permission: "read", status: 200, body: `{"permission":"none","role_name":null}`, asks: "alice", want: refused},
		{name: "not a collaborator", event: comment("alice"), permission: "read", status: 404, body: `{"message":"Not Found"}`, asks: "alice", want: refused},
		// permission says write for maintain and read for triage.
		{name: "role_name before permission", event: comment("alice"), permission: "maintain", status: 200, body: `{"permission":"write","role_name":"write"}`, asks: "alice", want: refused},
		{name: "triage meets triage", event: comment("alice"), permission: "triage", status: 200, body: `{"permission":"read","role_name":"triage"}`, asks: "alice", want: allowed},
		{name: "custom role counts as its base", event: comment("alice"), permission: "write", status: 200, body: `{"permission":"write","role_name":"policy-editor"}`, asks: "alice", want: allowed},
		{name: "empty input means write", event: comment("alice"), status: 200, body: `{"permission":"read","role_name":"triage"}`, asks: "alice", want: refused},
		{name: "review", event: `{"review":{"id":7,"body":"/policy deny all","user":{"login":"bob"}}}`, permission: "write", status: 200, body: `{"permission":"write","role_name":"write"}`, asks: "bob", want: allowed},
		{name: "login escaped", event: comment("app[bot]"), permission: "write", status: 200, body: `{"permission":"write","role_name":"write"}`, asks: "app%5Bbot%5D", want: allowed},
		{name: "server error passes", event: comment("alice"), permission: "write", status: 500, body: `{"message":"boom"}`, asks: "alice", want: allowed},
		{name: "garbled answer passes", event: comment("alice"), permission: "write", status: 200, body: `<html>`, asks: "alice", want: allowed},
		{name: "unreachable passes", event: comment("alice"), permission: "write", down: true, want: allowed},
		{name: "no commenter passes", event: `{"action":"opened"}`, permission: "write", want: allowed},
		{name: "bad input", event: comment("alice"), permission: "writ", fails: true, want: []string{"::error title=kunerva::input permission is writ, not one of"}},
	}
	realCurl, err := exec.LookPath("curl")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var asked []string
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				asked = append(asked, r.Method+" "+r.URL.EscapedPath())
				if got := r.Header.Get("Authorization"); got != "Bearer "+token {
					t.Errorf("Authorization is %q, want the token as a Bearer header", got)
				}
				w.Header().Set("Content-Type", "application/json")
				w.WriteHeader(c.status)
				w.Write([]byte(c.body))
			}))
			defer srv.Close()
			if c.down {
				srv.Close()
			}
			r := runner(t, "Linux", "X64")
			// A curl that records its arguments, then runs the real one.
			bin, args := t.TempDir(), filepath.Join(t.TempDir(), "curl-args")
			wrapper := "#!/bin/sh\nprintf '%s\\n' \"$@\" >> '" + args + "'\nexec '" + realCurl + "' \"$@\"\n"
			if err := os.WriteFile(filepath.Join(bin, "curl"), []byte(wrapper), 0o755); err != nil {
				t.Fatal(err)
			}
			event := filepath.Join(t.TempDir(), "event.json")
			if err := os.WriteFile(event, []byte(c.event), 0o600); err != nil {
				t.Fatal(err)
			}
			r["PATH"] = bin + string(os.PathListSeparator) + os.Getenv("PATH")
			r["GITHUB_API_URL"], r["GITHUB_REPOSITORY"], r["GITHUB_EVENT_PATH"] = srv.URL+"/api/v3", "shop/infra", event
			values := map[string]string{"TOKEN": token, "PERMISSION": c.permission}
			out, err := runScript(t, t.TempDir(), s.Run, scriptEnv(t, []map[string]string{s.Env}, values, r))
			if (err != nil) != c.fails {
				t.Fatalf("error %v, want failure %v; output:\n%s", err, c.fails, out)
			}
			outputs, _ := os.ReadFile(r["GITHUB_OUTPUT"])
			argv, _ := os.ReadFile(args)
			if (c.asks != "" || c.down) && len(argv) == 0 {
				t.Error("curl did not run through the recording wrapper")
			}
			for what, text := range map[string]string{"the output": out, "GITHUB_OUTPUT": string(outputs), "curl's arguments": string(argv)} {
				if strings.Contains(text, token) {
					t.Errorf("the token is in %s:\n%s", what, text)
				}
			}
			if c.fails {
				if !strings.Contains(out, c.want[0]) {
					t.Errorf("want %q in:\n%s", c.want[0], out)
				}
			} else if got := strings.Fields(string(outputs)); !slices.Equal(got, c.want) {
				t.Errorf("GITHUB_OUTPUT has %q, want %q; output:\n%s", got, c.want, out)
			}
			var want []string
			if c.asks != "" {
				want = []string{"GET /api/v3/repos/shop/infra/collaborators/" + c.asks + "/permission"}
			}
			if !slices.Equal(asked, want) {
				t.Errorf("asked %q, want %q", asked, want)
			}
		})
	}
}

func comment(login string) string {
	return `{"comment":{"id":42,"body":"/policy deny all in web","user":{"login":"` + login + `","type":"User"}}}`
}
