package main

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// releaseServer serves fake kube-apiserver and etcd releases at whatever
// version is asked for, with their checksums, as dl.k8s.io and GitHub do;
// etcd's SHA256SUMS is served only when withEtcdSums is set.
func releaseServer(t *testing.T, withEtcdSums bool) *httptest.Server {
	t.Helper()
	sum := func(b []byte) string { s := sha256.Sum256(b); return hex.EncodeToString(s[:]) }
	etcdTarball := func(dir string) []byte {
		var buf bytes.Buffer
		zw := gzip.NewWriter(&buf)
		tw := tar.NewWriter(zw)
		body := []byte("fake etcd")
		tw.WriteHeader(&tar.Header{Name: dir + "/etcd", Mode: 0o755, Size: int64(len(body)), Typeflag: tar.TypeReg})
		tw.Write(body)
		tw.Close()
		zw.Close()
		return buf.Bytes()
	}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /k8s/{version}/bin/{os}/{arch}/{file}", func(w http.ResponseWriter, r *http.Request) {
		body := []byte("fake kube-apiserver")
		switch r.PathValue("file") {
		case "kube-apiserver":
			w.Write(body)
		case "kube-apiserver.sha256":
			fmt.Fprint(w, sum(body))
		default:
			http.NotFound(w, r)
		}
	})
	mux.HandleFunc("GET /etcd/{version}/{file}", func(w http.ResponseWriter, r *http.Request) {
		v := r.PathValue("version")
		dir := fmt.Sprintf("etcd-%s-%s-%s", v, runtime.GOOS, runtime.GOARCH)
		switch r.PathValue("file") {
		case dir + ".tar.gz":
			w.Write(etcdTarball(dir))
		case "SHA256SUMS":
			if withEtcdSums {
				fmt.Fprintf(w, "%s  %s.tar.gz\n", sum(etcdTarball(dir)), dir)
				return
			}
			http.NotFound(w, r)
		default:
			http.NotFound(w, r)
		}
	})
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv
}

func TestControlPlaneInstallDownloads(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("release binaries are published for linux only")
	}
	srv := releaseServer(t, true)
	dir := t.TempDir()
	args := []string{"controlplane", "install", "--method", "download", "--dir", dir,
		"--kubernetes-release-url", srv.URL + "/k8s", "--etcd-release-url", srv.URL + "/etcd"}
	r := kunerva(t, "", args...)
	if r.code != exitOK {
		t.Fatalf("exit code %d, want 0\nstderr:\n%s", r.code, r.stderr)
	}
	if want := filepath.Join(dir, "kube-apiserver") + "\n" + filepath.Join(dir, "etcd") + "\n"; r.stdout != want {
		t.Errorf("stdout:\n%s\nwant the installed paths:\n%s", r.stdout, want)
	}
	for _, want := range []string{"kube-apiserver v", ": downloading " + srv.URL + "/k8s/", ": verified sha256 ", "etcd v"} {
		if !strings.Contains(r.stderr, want) {
			t.Errorf("progress on stderr does not say %q:\n%s", want, r.stderr)
		}
	}
	again := kunerva(t, "", args...)
	if again.code != exitOK || again.stdout != r.stdout || strings.Count(again.stderr, ": up to date in "+dir) != 2 {
		t.Errorf("a second install: exit %d\nstdout:\n%s\nstderr:\n%s", again.code, again.stdout, again.stderr)
	}
}

func TestControlPlaneInstallErrors(t *testing.T) {
	srv := releaseServer(t, false)
	tests := []struct {
		name   string
		args   []string
		code   int
		stderr []string
	}{
		{
			name:   "release file not found",
			args:   []string{"install", "--method", "download", "--etcd-release-url", srv.URL + "/etcd"},
			code:   exitFailure,
			stderr: []string{"kunerva: install etcd: download " + srv.URL + "/etcd/", "/SHA256SUMS: the server answered 404 Not Found"},
		},
		{
			name:   "unknown method",
			args:   []string{"install", "--method", "copy"},
			code:   exitUsage,
			stderr: []string{`unknown --method "copy": use auto, download or build`},
		},
		{
			name:   "arguments",
			args:   []string{"install", "etcd"},
			code:   exitUsage,
			stderr: []string{`unknown command "etcd" for "kunerva controlplane install"`},
		},
		{
			name:   "unknown subcommand",
			args:   []string{"uninstall"},
			code:   exitUsage,
			stderr: []string{`unknown command "uninstall" for "kunerva controlplane"`},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if tc.code == exitFailure && runtime.GOOS != "linux" {
				t.Skip("release binaries are published for linux only")
			}
			args := append([]string{"controlplane"}, tc.args...)
			if tc.args[0] == "install" {
				args = append(args, "--dir", t.TempDir(), "--kubernetes-release-url", srv.URL+"/k8s")
			}
			r := kunerva(t, "", args...)
			if r.code != tc.code || r.stdout != "" {
				t.Fatalf("exit code %d, want %d\nstdout:\n%s\nstderr:\n%s", r.code, tc.code, r.stdout, r.stderr)
			}
			for _, want := range tc.stderr {
				if !strings.Contains(r.stderr, want) {
					t.Errorf("stderr does not say %q:\n%s", want, r.stderr)
				}
			}
		})
	}
}
