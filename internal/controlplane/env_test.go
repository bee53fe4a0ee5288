package controlplane

import (
	"bytes"
	"context"
	"os"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

// canaries are secrets as the GitHub Action's environment holds them.
var canaries = map[string]string{
	"INPUT_TOKEN":           "canary-input-token",
	"GITHUB_TOKEN":          "canary-github-token",
	"OPENAI_API_KEY":        "canary-openai-key",
	"ACTIONS_RUNTIME_TOKEN": "canary-actions-runtime",
	"DATABASE_URL":          "postgres://user:canary-password@db/x",
}

func setCanaries(t *testing.T) {
	for k, v := range canaries {
		t.Setenv(k, v)
	}
}

// leaks returns the canaries env, a list of KEY=VALUE, holds by name or value.
func leaks(env []string) []string {
	var out []string
	for _, kv := range env {
		name, _, _ := strings.Cut(kv, "=")
		for k, v := range canaries {
			if name == k || strings.Contains(kv, v) {
				out = append(out, kv)
			}
		}
	}
	return out
}

// TestChildProcessesGetNoSecrets starts etcd and kube-apiserver with the
// Action's secrets in kunerva's environment and reads their environments
// from /proc: neither may hold any.
func TestChildProcessesGetNoSecrets(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: the local control plane is not started")
	}
	if runtime.GOOS != "linux" {
		t.Skip("reads /proc/<pid>/environ, which only Linux has")
	}
	setCanaries(t)
	bins, err := FindBinaries()
	if err != nil {
		t.Fatalf("the local control plane is needed: %v", err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cp, err := Start(ctx, bins)
	if err != nil {
		t.Fatalf("start the local control plane: %v", err)
	}
	defer cp.Stop()
	if len(cp.procs) != 2 {
		t.Fatalf("the control plane runs %d processes, want etcd and kube-apiserver", len(cp.procs))
	}
	for _, p := range cp.procs {
		raw, err := os.ReadFile("/proc/" + strconv.Itoa(p.cmd.Process.Pid) + "/environ")
		if err != nil {
			t.Fatalf("read %s's environment: %v", p.name, err)
		}
		var env []string
		for kv := range bytes.SplitSeq(raw, []byte{0}) {
			if len(kv) > 0 {
				env = append(env, string(kv))
			}
		}
		if l := leaks(env); len(l) > 0 {
			t.Errorf("%s's environment holds secrets: %v", p.name, l)
		}
		if len(env) > 0 {
			t.Errorf("%s's environment is %v, want it empty", p.name, env)
		}
	}
}

// TestGoBuildGetsTheGoEnvironmentOnly: the build of a tool sees the Go
// command's variables and no secret.
func TestGoBuildGetsTheGoEnvironmentOnly(t *testing.T) {
	setCanaries(t)
	t.Setenv("GOPROXY", "https://proxy.example")
	t.Setenv("GOFLAGS", "-mod=mod")
	t.Setenv("HTTPS_PROXY", "http://proxy.example:3128")
	cmd := goBuildCommand(context.Background(), etcdTool, "v0.0.0", t.TempDir(), "out")
	if l := leaks(cmd.Env); len(l) > 0 {
		t.Errorf("go build's environment holds secrets: %v", l)
	}
	for _, want := range []string{
		"GOPROXY=https://proxy.example", "HTTPS_PROXY=http://proxy.example:3128",
		"HOME=" + os.Getenv("HOME"), "PATH=" + os.Getenv("PATH"),
		"CGO_ENABLED=0", "GOWORK=off", "GOFLAGS=-mod=readonly",
	} {
		if !slices.Contains(cmd.Env, want) {
			t.Errorf("go build's environment lacks %s: %v", want, cmd.Env)
		}
	}
	if slices.Contains(cmd.Env, "GOFLAGS=-mod=mod") {
		t.Errorf("go build's environment keeps the caller's GOFLAGS: %v", cmd.Env)
	}
}
