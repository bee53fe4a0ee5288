package controlplane

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
)

// fakeRelease serves release files the way dl.k8s.io and GitHub releases do:
// kube-apiserver with its .sha256, the etcd tarball with SHA256SUMS.
type fakeRelease struct {
	srv *httptest.Server

	mu       sync.Mutex
	files    map[string][]byte // by URL path
	short    map[string]bool   // paths whose Content-Length promises more than the body
	requests []string
}

type tarEntry struct {
	name string
	body string
	typ  byte
}

func newFakeRelease(t *testing.T) *fakeRelease {
	t.Helper()
	f := &fakeRelease{files: map[string][]byte{}, short: map[string]bool{}}
	f.setAPIServer(t, []byte("fake kube-apiserver "+version(t, apiServerTool)))
	dir := etcdDir(t)
	f.setEtcd(t, tarGz(t, []tarEntry{
		{name: dir + "/", typ: tar.TypeDir},
		{name: dir + "/README.md", body: "etcd"},
		{name: dir + "/etcd", body: "fake etcd " + version(t, etcdTool)},
		{name: dir + "/etcdctl", body: "fake etcdctl"},
	}))
	f.srv = httptest.NewServer(http.HandlerFunc(f.serve))
	t.Cleanup(f.srv.Close)
	return f
}

func (f *fakeRelease) serve(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	f.requests = append(f.requests, r.URL.Path)
	body, ok := f.files[r.URL.Path]
	short := f.short[r.URL.Path]
	f.mu.Unlock()
	switch {
	case r.Method != http.MethodGet:
		http.Error(w, "only GET", http.StatusMethodNotAllowed)
	case !ok:
		http.NotFound(w, r)
	case short:
		// Promise more than is sent; the server then closes the connection.
		w.Header().Set("Content-Length", strconv.Itoa(len(body)+1000))
		w.Write(body)
	default:
		w.Header().Set("Content-Length", strconv.Itoa(len(body)))
		w.Write(body)
	}
}

func (f *fakeRelease) apiServerPath(t *testing.T) string {
	return "/k8s/" + version(t, apiServerTool) + "/bin/linux/amd64/kube-apiserver"
}

func (f *fakeRelease) etcdPath(t *testing.T) string {
	return "/etcd/" + version(t, etcdTool) + "/" + etcdDir(t) + ".tar.gz"
}

func (f *fakeRelease) sumsPath(t *testing.T) string {
	return "/etcd/" + version(t, etcdTool) + "/SHA256SUMS"
}

func (f *fakeRelease) setAPIServer(t *testing.T, body []byte) {
	f.files[f.apiServerPath(t)] = body
	f.files[f.apiServerPath(t)+".sha256"] = []byte(sha(body))
}

func (f *fakeRelease) setEtcd(t *testing.T, tarball []byte) {
	f.files[f.etcdPath(t)] = tarball
	other := fmt.Sprintf("etcd-%s-darwin-arm64.zip", version(t, etcdTool))
	f.files[f.sumsPath(t)] = fmt.Appendf(nil, "%s  %s\n%s  %s\n", sha([]byte("zip")), other, sha(tarball), etcdDir(t)+".tar.gz")
}

func (f *fakeRelease) requestCount() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return len(f.requests)
}

// options install from the fake release into a fresh directory; a build is
// a test failure unless the test replaces it.
func (f *fakeRelease) options(t *testing.T, progress io.Writer) InstallOptions {
	return InstallOptions{
		Dir:                  t.TempDir(),
		Method:               MethodDownload,
		Progress:             progress,
		KubernetesReleaseURL: f.srv.URL + "/k8s",
		EtcdReleaseURL:       f.srv.URL + "/etcd",
		Client:               f.srv.Client(),
		goos:                 "linux",
		goarch:               "amd64",
		build: func(context.Context, tool, string) error {
			t.Error("Install built a binary")
			return errors.New("no builds in this test")
		},
	}
}

func version(t *testing.T, tl tool) string {
	t.Helper()
	v, err := moduleVersion(tl)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func etcdDir(t *testing.T) string { return "etcd-" + version(t, etcdTool) + "-linux-amd64" }

func sha(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

func tarGz(t *testing.T, entries []tarEntry) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	tw := tar.NewWriter(zw)
	for _, e := range entries {
		hdr := &tar.Header{Name: e.name, Mode: 0o755, Size: int64(len(e.body)), Typeflag: e.typ}
		if e.typ == 0 {
			hdr.Typeflag = tar.TypeReg
		}
		if hdr.Typeflag != tar.TypeReg {
			hdr.Size = 0
		}
		if err := tw.WriteHeader(hdr); err != nil {
			t.Fatal(err)
		}
		if _, err := tw.Write([]byte(e.body[:hdr.Size])); err != nil {
			t.Fatal(err)
		}
	}
	if err := tw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestInstallDownloadFailures(t *testing.T) {
	tests := []struct {
		name    string
		release func(t *testing.T, f *fakeRelease)
		opts    func(o *InstallOptions)
		failing string   // the binary that must not be installed
		want    []string // in the error; "URL" stands for the fake server
	}{
		{
			name:    "wrong checksum",
			release: func(t *testing.T, f *fakeRelease) { f.files[f.apiServerPath(t)] = []byte("something else") },
			failing: "kube-apiserver",
			want:    []string{"download URL/k8s/", "/kube-apiserver: SHA-256 checksum mismatch", sha([]byte("something else"))},
		},
		{
			name:    "truncated download",
			release: func(t *testing.T, f *fakeRelease) { f.short[f.apiServerPath(t)] = true },
			failing: "kube-apiserver",
			want:    []string{"download URL/k8s/", "unexpected EOF"},
		},
		{
			name:    "binary not found",
			release: func(t *testing.T, f *fakeRelease) { delete(f.files, f.apiServerPath(t)) },
			failing: "kube-apiserver",
			want:    []string{"download URL/k8s/" + version(t, apiServerTool) + "/bin/linux/amd64/kube-apiserver: the server answered 404 Not Found"},
		},
		{
			name:    "checksum not found",
			release: func(t *testing.T, f *fakeRelease) { delete(f.files, f.apiServerPath(t)+".sha256") },
			failing: "kube-apiserver",
			want:    []string{"/kube-apiserver.sha256: the server answered 404 Not Found"},
		},
		{
			name: "credentials in the URL are never shown",
			release: func(t *testing.T, f *fakeRelease) {
				delete(f.files, f.apiServerPath(t)+".sha256")
			},
			opts: func(o *InstallOptions) {
				o.KubernetesReleaseURL = strings.Replace(o.KubernetesReleaseURL, "http://", "http://kunerva:s3cret@", 1)
			},
			failing: "kube-apiserver",
			want:    []string{"download URL/k8s", "404 Not Found"},
		},
		{
			name:    "etcd tarball truncated",
			release: func(t *testing.T, f *fakeRelease) { f.short[f.etcdPath(t)] = true },
			failing: "etcd",
			want:    []string{"download URL/etcd/", ".tar.gz: unexpected EOF"},
		},
		{
			name: "etcd tarball with an entry outside its directory",
			release: func(t *testing.T, f *fakeRelease) {
				f.setEtcd(t, tarGz(t, []tarEntry{
					{name: etcdDir(t) + "/etcd", body: "fake etcd"},
					{name: etcdDir(t) + "/../../etcd", body: "escaped"},
				}))
			},
			failing: "etcd",
			want:    []string{"unpack URL/etcd/", `outside its directory, "` + etcdDir(t) + `/../../etcd"`},
		},
		{
			name: "etcd tarball with an absolute path",
			release: func(t *testing.T, f *fakeRelease) {
				f.setEtcd(t, tarGz(t, []tarEntry{{name: "/usr/local/bin/etcd", body: "escaped"}}))
			},
			failing: "etcd",
			want:    []string{`outside its directory, "/usr/local/bin/etcd"`},
		},
		{
			name: "etcd tarball without etcd",
			release: func(t *testing.T, f *fakeRelease) {
				f.setEtcd(t, tarGz(t, []tarEntry{{name: etcdDir(t) + "/etcdctl", body: "etcdctl"}}))
			},
			failing: "etcd",
			want:    []string{"the archive holds no " + etcdDir(t) + "/etcd"},
		},
		{
			name: "etcd tarball not in SHA256SUMS",
			release: func(t *testing.T, f *fakeRelease) {
				f.files[f.sumsPath(t)] = []byte(sha([]byte("x")) + "  etcd-other.tar.gz\n")
			},
			failing: "etcd",
			want:    []string{"/SHA256SUMS lists no SHA-256 checksum for " + etcdDir(t) + ".tar.gz"},
		},
		{
			name:    "wrong etcd checksum",
			release: func(t *testing.T, f *fakeRelease) { f.files[f.etcdPath(t)] = tarGz(t, nil) },
			failing: "etcd",
			want:    []string{".tar.gz: SHA-256 checksum mismatch"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := newFakeRelease(t)
			tc.release(t, f)
			var progress bytes.Buffer
			opts := f.options(t, &progress)
			if tc.opts != nil {
				tc.opts(&opts)
			}
			_, err := Install(context.Background(), opts)
			if err == nil {
				t.Fatalf("Install succeeded:\n%s", &progress)
			}
			msg := strings.ReplaceAll(err.Error(), f.srv.URL, "URL")
			for _, want := range append(tc.want, "install "+tc.failing+": ") {
				if !strings.Contains(msg, want) {
					t.Errorf("the error does not say %q:\n%s", want, msg)
				}
			}
			if strings.Contains(err.Error()+progress.String(), "s3cret") {
				t.Errorf("a credential was shown:\n%v\n%s", err, &progress)
			}
			entries, _ := os.ReadDir(opts.Dir)
			for _, e := range entries {
				if strings.HasPrefix(e.Name(), tc.failing) || strings.HasPrefix(e.Name(), ".") {
					t.Errorf("%s was left behind in %s", e.Name(), opts.Dir)
				}
			}
		})
	}
}

func TestIsUnreachable(t *testing.T) {
	tests := []struct {
		name string
		err  error
		want bool
	}{
		{"DNS failure", &net.OpError{Op: "dial", Err: &net.DNSError{Err: "no such host", Name: "dl.k8s.io", IsNotFound: true}}, true},
		{"connection refused", &net.OpError{Op: "dial", Err: os.NewSyscallError("connect", syscall.ECONNREFUSED)}, true},
		{"network unreachable", &net.OpError{Op: "dial", Err: os.NewSyscallError("connect", syscall.ENETUNREACH)}, true},
		{"timeout", &net.OpError{Op: "dial", Err: timeoutError{}}, true},
		{"truncated body", io.ErrUnexpectedEOF, false},
		{"connection reset", &net.OpError{Op: "read", Err: os.NewSyscallError("read", syscall.ECONNRESET)}, false},
		{"certificate", errors.New("tls: failed to verify certificate"), false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := isUnreachable(tc.err); got != tc.want {
				t.Errorf("isUnreachable(%v) = %v, want %v", tc.err, got, tc.want)
			}
		})
	}
}

type timeoutError struct{}

func (timeoutError) Error() string   { return "i/o timeout" }
func (timeoutError) Timeout() bool   { return true }
func (timeoutError) Temporary() bool { return true }
