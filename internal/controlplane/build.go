package controlplane

import (
	"bytes"
	"context"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"time"
)

// The tool modules under hack/tools pin the versions and hold the go.sum a
// build needs. A binary cannot reach hack/ and a directory with a go.mod
// cannot be embedded, so go generate copies them here under other names;
// TestEmbeddedModulesMatchHackTools keeps the copies identical.
//
//go:generate cp ../../hack/tools/kube-apiserver/go.mod modules/kube-apiserver.mod.txt
//go:generate cp ../../hack/tools/kube-apiserver/go.sum modules/kube-apiserver.sum.txt
//go:generate cp ../../hack/tools/kube-apiserver/tools.go modules/kube-apiserver.tools.go.txt
//go:generate cp ../../hack/tools/etcd/go.mod modules/etcd.mod.txt
//go:generate cp ../../hack/tools/etcd/go.sum modules/etcd.sum.txt
//go:generate cp ../../hack/tools/etcd/tools.go modules/etcd.tools.go.txt
//go:embed modules
var modules embed.FS

// moduleFiles maps the embedded copies to their names in a module directory.
var moduleFiles = map[string]string{".mod.txt": "go.mod", ".sum.txt": "go.sum", ".tools.go.txt": "tools.go"}

func moduleFile(t tool, suffix string) ([]byte, error) {
	b, err := modules.ReadFile("modules/" + t.name + suffix)
	if err != nil {
		return nil, fmt.Errorf("read the embedded %s module: %w", t.name, err)
	}
	return b, nil
}

// moduleVersion reads the version of t.module that t's go.mod requires.
func moduleVersion(t tool) (string, error) {
	gomod, err := moduleFile(t, ".mod.txt")
	if err != nil {
		return "", err
	}
	inRequire := false
	for line := range strings.Lines(string(gomod)) {
		f := strings.Fields(line)
		switch {
		case len(f) == 0:
		case f[0] == "require" && len(f) >= 2 && f[1] == "(":
			inRequire = true
		case f[0] == ")":
			inRequire = false
		case f[0] == "require" && len(f) >= 3 && f[1] == t.module:
			return f[2], nil
		case inRequire && len(f) >= 2 && f[0] == t.module:
			return f[1], nil
		}
	}
	return "", fmt.Errorf("the embedded %s go.mod does not require %s", t.name, t.module)
}

// ldflags strip the binary and, for kube-apiserver, stamp the version it
// reports, as the Kubernetes release build does.
func ldflags(t tool, version string) string {
	flags := "-s -w"
	if t != apiServerTool {
		return flags
	}
	const pkg = "k8s.io/component-base/version"
	major, minor := "", ""
	if parts := strings.SplitN(strings.TrimPrefix(version, "v"), ".", 3); len(parts) >= 2 {
		major, minor = parts[0], parts[1]
	}
	return fmt.Sprintf("%s -X %s.gitVersion=%s -X %s.gitMajor=%s -X %s.gitMinor=%s", flags, pkg, version, pkg, major, pkg, minor)
}

// buildInputs hashes what a build depends on, the Go version, the module
// files and the flags, so that a change to any of them rebuilds.
func buildInputs(ctx context.Context, t tool, version string) (string, error) {
	cmd := exec.CommandContext(ctx, "go", "env", "GOVERSION")
	cmd.Env = goEnv()
	goVersion, err := cmd.Output()
	if err != nil {
		return "", fmt.Errorf("building needs the Go toolchain: `go env GOVERSION`: %w", err)
	}
	h := sha256.New()
	fmt.Fprintf(h, "%s %s/%s\n%s\n", bytes.TrimSpace(goVersion), runtime.GOOS, runtime.GOARCH, ldflags(t, version))
	for _, suffix := range []string{".mod.txt", ".sum.txt"} {
		b, err := moduleFile(t, suffix)
		if err != nil {
			return "", err
		}
		h.Write(b)
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// buildInto builds t into dest, through a temporary file beside it; inputs
// are buildInputs, computed here when the caller has not.
func (o InstallOptions) buildInto(ctx context.Context, t tool, version, inputs, dest string) (err error) {
	if inputs == "" {
		if inputs, err = buildInputs(ctx, t, version); err != nil {
			return err
		}
	}
	fmt.Fprintf(o.Progress, "%s %s: building %s from Go modules (several minutes the first time)...\n", t.name, version, t.pkg)
	tmp, err := os.CreateTemp(o.Dir, "."+t.name+"-*.build")
	if err != nil {
		return fmt.Errorf("create a file in %s: %w", o.Dir, err)
	}
	tmp.Close()
	defer os.Remove(tmp.Name())
	start := time.Now()
	done := make(chan struct{})
	go func() {
		tick := time.NewTicker(30 * time.Second)
		defer tick.Stop()
		for {
			select {
			case <-done:
				return
			case <-tick.C:
				fmt.Fprintf(o.Progress, "%s %s: still building (%s)\n", t.name, version, time.Since(start).Round(time.Second))
			}
		}
	}()
	err = o.build(ctx, t, tmp.Name())
	close(done)
	if err != nil {
		return err
	}
	if err := place(tmp.Name(), dest, stamp{version: version, method: string(MethodBuild), inputs: inputs}); err != nil {
		return fmt.Errorf("install the built %s: %w", t.name, err)
	}
	fmt.Fprintf(o.Progress, "%s %s: built in %s: %s\n", t.name, version, time.Since(start).Round(time.Second), dest)
	return nil
}

// goBuild writes t's embedded module to a temporary directory and builds t's
// package there into out, as a static, stripped binary.
func goBuild(ctx context.Context, t tool, out string) error {
	version, err := moduleVersion(t)
	if err != nil {
		return err
	}
	dir, err := os.MkdirTemp("", "kunerva-build-"+t.name+"-")
	if err != nil {
		return fmt.Errorf("create a module directory: %w", err)
	}
	defer os.RemoveAll(dir)
	for suffix, name := range moduleFiles {
		b, err := moduleFile(t, suffix)
		if err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			return fmt.Errorf("write the %s module: %w", t.name, err)
		}
	}
	cmd := goBuildCommand(ctx, t, version, dir, out)
	var output bytes.Buffer
	cmd.Stdout, cmd.Stderr = &output, &output
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("go build %s@%s: %w\n%s", t.pkg, version, err, lastLines(output.String(), 20))
	}
	return nil
}

// goBuildCommand is the `go build` of t's package in the module directory
// dir into out.
func goBuildCommand(ctx context.Context, t tool, version, dir, out string) *exec.Cmd {
	cmd := exec.CommandContext(ctx, "go", "build", "-trimpath", "-ldflags="+ldflags(t, version), "-o", out, t.pkg)
	cmd.Dir = dir
	// The module's own go.mod decides, not a workspace or flags around it;
	// the binary must run here, so no cross-compiling either. Only the Go
	// command's variables pass (goEnv), not the tokens and keys around it.
	cmd.Env = append(goEnv(), "CGO_ENABLED=0", "GOWORK=off", "GOFLAGS=-mod=readonly",
		"GOOS="+runtime.GOOS, "GOARCH="+runtime.GOARCH)
	return cmd
}

// lastLines indents the last n lines of a command's output for an error.
func lastLines(s string, n int) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return "  " + strings.Join(lines, "\n  ")
}
