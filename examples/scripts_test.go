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
		{name: "build from source", os: "Linux", arch: "X64", want: []string{"os=linux", "arch=amd64", "controlplane-key=kunerva-controlplane-linux-amd64-source-"}},
		{name: "release tag", version: "v0.1.0", os: "macOS", arch: "ARM64", want: []string{"os=darwin", "arch=arm64", "controlplane-key=kunerva-controlplane-darwin-arm64-v0.1.0-"}},
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
