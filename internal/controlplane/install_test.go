package controlplane

import (
	"bytes"
	"context"
	"io"
	"net"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

func readFile(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestInstallDownloads(t *testing.T) {
	f := newFakeRelease(t)
	var progress bytes.Buffer
	opts := f.options(t, &progress)
	bins, err := Install(context.Background(), opts)
	if err != nil {
		t.Fatalf("Install: %v\n%s", err, &progress)
	}
	want := Binaries{APIServer: filepath.Join(opts.Dir, "kube-apiserver"), Etcd: filepath.Join(opts.Dir, "etcd")}
	if bins != want {
		t.Errorf("Install returned %+v, want %+v", bins, want)
	}
	for path, body := range map[string]string{
		bins.APIServer: "fake kube-apiserver " + version(t, apiServerTool),
		bins.Etcd:      "fake etcd " + version(t, etcdTool),
	} {
		if got := readFile(t, path); got != body {
			t.Errorf("%s holds %q, want %q", path, got, body)
		}
		if st, err := os.Stat(path); err != nil || st.Mode().Perm() != 0o755 {
			t.Errorf("%s: mode %v (%v), want 0755", path, st.Mode(), err)
		}
	}
	st := parseStamp([]byte(readFile(t, bins.Etcd+".stamp")))
	wantStamp := stamp{version: version(t, etcdTool), sha256: sha([]byte("fake etcd " + version(t, etcdTool))), method: "download", source: f.srv.URL + f.etcdPath(t)}
	if st != wantStamp {
		t.Errorf("etcd.stamp = %+v, want %+v", st, wantStamp)
	}
	entries, _ := os.ReadDir(opts.Dir)
	if len(entries) != 4 {
		t.Errorf("%s holds %d files, want the two binaries and their stamps: %v", opts.Dir, len(entries), entries)
	}
	for _, line := range []string{
		"kube-apiserver " + version(t, apiServerTool) + ": downloading " + f.srv.URL + f.apiServerPath(t),
		"kube-apiserver " + version(t, apiServerTool) + ":  90% of ",
		"etcd " + version(t, etcdTool) + ": verified sha256 " + sha(f.files[f.etcdPath(t)]),
	} {
		if !strings.Contains(progress.String(), line) {
			t.Errorf("progress does not say %q:\n%s", line, &progress)
		}
	}

	// A second run finds both up to date and asks the server nothing.
	requests := f.requestCount()
	progress.Reset()
	if _, err := Install(context.Background(), opts); err != nil {
		t.Fatalf("second Install: %v", err)
	}
	if n := f.requestCount() - requests; n != 0 {
		t.Errorf("the second Install made %d requests, want none", n)
	}
	if got := strings.Count(progress.String(), ": up to date in "+opts.Dir); got != 2 {
		t.Errorf("the second Install did not report both binaries up to date:\n%s", &progress)
	}

	// A binary that no longer matches its stamp is downloaded again.
	if err := os.WriteFile(bins.APIServer, []byte("tampered"), 0o755); err != nil {
		t.Fatal(err)
	}
	if _, err := Install(context.Background(), opts); err != nil {
		t.Fatalf("third Install: %v", err)
	}
	if got := readFile(t, bins.APIServer); got != "fake kube-apiserver "+version(t, apiServerTool) {
		t.Errorf("a changed kube-apiserver was not replaced: %q", got)
	}
}

// closedPort is a loopback address nothing listens on.
func closedPort(t *testing.T) string {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	return "http://" + addr
}

// fakeBuild writes a small file instead of running a multi-minute go build;
// the real build runs in `make controlplane`.
func fakeBuild(built *[]string) func(context.Context, tool, string) error {
	return func(_ context.Context, t tool, out string) error {
		*built = append(*built, t.name)
		return os.WriteFile(out, []byte("built "+t.name), 0o600)
	}
}

func TestInstallAutoBuildsWhenTheHostIsUnreachable(t *testing.T) {
	var progress bytes.Buffer
	var built []string
	host := closedPort(t)
	opts := InstallOptions{
		Dir: t.TempDir(), Method: MethodAuto, Progress: &progress,
		KubernetesReleaseURL: host + "/k8s", EtcdReleaseURL: host + "/etcd",
		goos: "linux", goarch: "amd64", build: fakeBuild(&built),
	}
	bins, err := Install(context.Background(), opts)
	if err != nil {
		t.Fatalf("Install: %v\n%s", err, &progress)
	}
	if strings.Join(built, ",") != "kube-apiserver,etcd" {
		t.Errorf("built %v, want kube-apiserver and etcd", built)
	}
	if got := readFile(t, bins.Etcd); got != "built etcd" {
		t.Errorf("etcd holds %q, want the built one", got)
	}
	if st := parseStamp([]byte(readFile(t, bins.APIServer+".stamp"))); st.method != "build" || st.inputs == "" || st.version != version(t, apiServerTool) {
		t.Errorf("kube-apiserver.stamp = %+v, want a build of %s", st, version(t, apiServerTool))
	}
	want := "kube-apiserver " + version(t, apiServerTool) + ": " + strings.TrimPrefix(host, "http://") + " cannot be reached ("
	if !strings.Contains(progress.String(), want) || !strings.Contains(progress.String(), "connection refused); building from Go modules instead") {
		t.Errorf("progress does not say that it builds because the host is unreachable:\n%s", &progress)
	}

	// Built binaries are up to date for a build as for a download.
	built = nil
	for _, m := range []Method{MethodBuild, MethodAuto} {
		opts.Method = m
		if _, err := Install(context.Background(), opts); err != nil {
			t.Fatalf("Install --method %s: %v", m, err)
		}
	}
	if len(built) != 0 {
		t.Errorf("up-to-date binaries were built again: %v", built)
	}
}

func TestInstallDownloadSaysHowToBuildWhenUnreachable(t *testing.T) {
	host := closedPort(t)
	opts := InstallOptions{
		Dir: t.TempDir(), Method: MethodDownload,
		KubernetesReleaseURL: host + "/k8s", EtcdReleaseURL: host + "/etcd", goos: "linux", goarch: "amd64",
	}
	_, err := Install(context.Background(), opts)
	if err == nil || !strings.Contains(err.Error(), "cannot be reached") || !strings.Contains(err.Error(), "--method build") {
		t.Errorf("got %v, want the host unreachable and a hint to build", err)
	}
}

func TestInstallAutoFailsLoudlyOnABadDownload(t *testing.T) {
	f := newFakeRelease(t)
	f.short[f.apiServerPath(t)] = true
	opts := f.options(t, io.Discard)
	opts.Method = MethodAuto
	if _, err := Install(context.Background(), opts); err == nil || !strings.Contains(err.Error(), "unexpected EOF") {
		t.Errorf("a truncated download gave %v, want an error (and no build)", err)
	}
}

func TestInstallBuildKeepsMatchingStamps(t *testing.T) {
	var built []string
	var progress bytes.Buffer
	opts := InstallOptions{Dir: t.TempDir(), Method: MethodBuild, Progress: &progress, build: fakeBuild(&built)}
	for range 2 {
		if _, err := Install(context.Background(), opts); err != nil {
			t.Fatal(err)
		}
	}
	if strings.Join(built, ",") != "kube-apiserver,etcd" {
		t.Errorf("two runs built %v, want each binary once", built)
	}
	if !strings.Contains(progress.String(), "kube-apiserver "+version(t, apiServerTool)+": building k8s.io/kubernetes/cmd/kube-apiserver from Go modules") {
		t.Errorf("progress does not say what it builds:\n%s", &progress)
	}
	// A stamp from other build inputs (here the old script's) means a rebuild.
	stampFile := filepath.Join(opts.Dir, "etcd.stamp")
	st := parseStamp([]byte(readFile(t, stampFile)))
	st.inputs = "other"
	if err := os.WriteFile(stampFile, st.bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Install(context.Background(), opts); err != nil {
		t.Fatal(err)
	}
	if strings.Join(built, ",") != "kube-apiserver,etcd,etcd" {
		t.Errorf("after the etcd stamp changed, built %v, want etcd again", built)
	}
}

func TestInstallRejectsUnknownMethod(t *testing.T) {
	_, err := Install(context.Background(), InstallOptions{Dir: t.TempDir(), Method: "copy"})
	if err == nil || !strings.Contains(err.Error(), `unknown install method "copy": use auto, download or build`) {
		t.Errorf("got %v", err)
	}
}

// The embedded tool modules are what `go generate` copied from hack/tools:
// a build from them is the build `make controlplane` did before.
func TestEmbeddedModulesMatchHackTools(t *testing.T) {
	for _, tl := range []tool{apiServerTool, etcdTool} {
		for suffix, name := range moduleFiles {
			embedded, err := moduleFile(tl, suffix)
			if err != nil {
				t.Fatal(err)
			}
			source := filepath.Join("..", "..", "hack", "tools", tl.name, name)
			if want := readFile(t, source); string(embedded) != want {
				t.Errorf("modules/%s%s differs from %s: run `go generate ./internal/controlplane/`", tl.name, suffix, source)
			}
		}
	}
}

func TestModuleVersions(t *testing.T) {
	release := regexp.MustCompile(`^v\d+\.\d+\.\d+$`)
	for _, tl := range []tool{apiServerTool, etcdTool} {
		if got := version(t, tl); !release.MatchString(got) {
			t.Errorf("%s version %q, want a release version such as v1.36.3", tl.name, got)
		}
	}
	if got, want := ldflags(apiServerTool, "v1.36.3"), "-s -w -X k8s.io/component-base/version.gitVersion=v1.36.3 -X k8s.io/component-base/version.gitMajor=1 -X k8s.io/component-base/version.gitMinor=36"; got != want {
		t.Errorf("kube-apiserver ldflags\n%s\nwant\n%s", got, want)
	}
}
