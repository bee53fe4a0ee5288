package controlplane

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"time"
)

// Method says how Install gets the binaries.
type Method string

const (
	// MethodAuto downloads the release binaries and builds from Go modules
	// only when the release host cannot be reached at all.
	MethodAuto Method = "auto"
	// MethodDownload downloads the official release binaries and verifies
	// their published SHA-256 checksums.
	MethodDownload Method = "download"
	// MethodBuild builds the binaries from the Go modules pinned in hack/tools.
	MethodBuild Method = "build"
)

// Release hosts Install downloads from unless told otherwise.
const (
	KubernetesReleaseURL = "https://dl.k8s.io/release"
	EtcdReleaseURL       = "https://github.com/etcd-io/etcd/releases/download"
)

// InstallOptions say where and how Install puts the binaries. The zero value
// installs into DefaultDir, downloading where it can.
type InstallOptions struct {
	// Dir receives kube-apiserver and etcd and their stamp files
	// (default DefaultDir()).
	Dir string
	// Method is auto (default), download or build.
	Method Method
	// Progress receives one line per step; nil discards them.
	Progress io.Writer
	// KubernetesReleaseURL serves <version>/bin/<os>/<arch>/kube-apiserver
	// and its .sha256 (default KubernetesReleaseURL).
	KubernetesReleaseURL string
	// EtcdReleaseURL serves <version>/etcd-<version>-<os>-<arch>.tar.gz and
	// <version>/SHA256SUMS (default EtcdReleaseURL).
	EtcdReleaseURL string
	// Client makes the downloads (default: a client with connect and
	// response-header timeouts, so an unreachable host fails fast).
	Client *http.Client

	// build replaces `go build` in tests; goos and goarch replace the
	// platform the release files are chosen for.
	build        func(ctx context.Context, t tool, out string) error
	goos, goarch string
}

// tool is one control-plane binary and the Go module it comes from.
type tool struct {
	name   string // the executable, and the prefix of its embedded module files
	module string // the module whose version is the release version
	pkg    string // the main package built from it
}

var (
	apiServerTool = tool{name: "kube-apiserver", module: "k8s.io/kubernetes", pkg: "k8s.io/kubernetes/cmd/kube-apiserver"}
	etcdTool      = tool{name: "etcd", module: "go.etcd.io/etcd/server/v3", pkg: "go.etcd.io/etcd/server/v3"}
)

// Install puts kube-apiserver and etcd, at the versions pinned by the tool
// modules in hack/tools, into opts.Dir, skipping a binary whose stamp file
// records that version and the binary's checksum.
func Install(ctx context.Context, opts InstallOptions) (Binaries, error) {
	o, err := opts.withDefaults()
	if err != nil {
		return Binaries{}, err
	}
	if err := os.MkdirAll(o.Dir, 0o755); err != nil {
		return Binaries{}, fmt.Errorf("create %s: %w", o.Dir, err)
	}
	b := Binaries{APIServer: filepath.Join(o.Dir, apiServerTool.name), Etcd: filepath.Join(o.Dir, etcdTool.name)}
	for _, t := range []tool{apiServerTool, etcdTool} {
		if err := o.install(ctx, t); err != nil {
			return Binaries{}, fmt.Errorf("install %s: %w", t.name, err)
		}
	}
	return b, nil
}

func (o InstallOptions) withDefaults() (InstallOptions, error) {
	switch o.Method {
	case "":
		o.Method = MethodAuto
	case MethodAuto, MethodDownload, MethodBuild:
	default:
		return o, fmt.Errorf("unknown install method %q: use auto, download or build", o.Method)
	}
	if o.Dir == "" {
		d, err := DefaultDir()
		if err != nil {
			return o, err
		}
		o.Dir = d
	}
	dir, err := filepath.Abs(o.Dir)
	if err != nil {
		return o, fmt.Errorf("find %s: %w", o.Dir, err)
	}
	o.Dir = dir
	if o.Progress == nil {
		o.Progress = io.Discard
	}
	if o.KubernetesReleaseURL == "" {
		o.KubernetesReleaseURL = KubernetesReleaseURL
	}
	if o.EtcdReleaseURL == "" {
		o.EtcdReleaseURL = EtcdReleaseURL
	}
	if o.Client == nil {
		o.Client = defaultClient()
	}
	if o.build == nil {
		o.build = goBuild
	}
	if o.goos == "" {
		o.goos, o.goarch = runtime.GOOS, runtime.GOARCH
	}
	return o, nil
}

// defaultClient gives up quickly on a host it cannot reach but not on a slow
// download: a release binary is about 100 MB.
func defaultClient() *http.Client {
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.DialContext = (&net.Dialer{Timeout: 15 * time.Second, KeepAlive: 30 * time.Second}).DialContext
	tr.TLSHandshakeTimeout = 15 * time.Second
	tr.ResponseHeaderTimeout = 30 * time.Second
	return &http.Client{Transport: tr}
}

func (o InstallOptions) install(ctx context.Context, t tool) error {
	version, err := moduleVersion(t)
	if err != nil {
		return err
	}
	dest := filepath.Join(o.Dir, t.name)
	var inputs string
	if o.Method == MethodBuild {
		if inputs, err = buildInputs(ctx, t, version); err != nil {
			return err
		}
	}
	if st, ok := installed(dest, version); ok && (inputs == "" || st.method != string(MethodBuild) || st.inputs == inputs) {
		fmt.Fprintf(o.Progress, "%s %s: up to date in %s\n", t.name, version, o.Dir)
		return nil
	}
	switch o.Method {
	case MethodBuild:
		return o.buildInto(ctx, t, version, inputs, dest)
	case MethodDownload:
		err := o.download(ctx, t, version, dest)
		if errors.As(err, new(*unreachableError)) {
			err = fmt.Errorf("%w\n  without the release hosts, build from Go modules: --method build", err)
		}
		return err
	}
	if o.goos != "linux" {
		fmt.Fprintf(o.Progress, "%s %s: no release binaries for %s/%s; building from Go modules instead\n", t.name, version, o.goos, o.goarch)
		return o.buildInto(ctx, t, version, "", dest)
	}
	err = o.download(ctx, t, version, dest)
	var unreachable *unreachableError
	if !errors.As(err, &unreachable) {
		return err
	}
	fmt.Fprintf(o.Progress, "%s %s: %s cannot be reached (%v); building from Go modules instead\n", t.name, version, unreachable.host, unreachable.err)
	if err := o.buildInto(ctx, t, version, "", dest); err != nil {
		return fmt.Errorf("%s cannot be reached and building failed: %w", unreachable.host, err)
	}
	return nil
}

// unreachableError is a download that failed before any answer came back:
// the host's name did not resolve, it refused the connection or it did not
// answer in time. Only this makes MethodAuto build instead.
type unreachableError struct {
	host string
	err  error
}

func (e *unreachableError) Error() string { return e.host + " cannot be reached: " + e.err.Error() }
func (e *unreachableError) Unwrap() error { return e.err }

// isUnreachable says whether a request's error means no answer ever came.
func isUnreachable(err error) bool {
	var dns *net.DNSError
	if errors.As(err, &dns) {
		return true
	}
	for _, errno := range []error{syscall.ECONNREFUSED, syscall.EHOSTUNREACH, syscall.ENETUNREACH} {
		if errors.Is(err, errno) {
			return true
		}
	}
	var ne net.Error
	return errors.As(err, &ne) && ne.Timeout()
}

// stamp is what NAME.stamp, next to each binary, records about it.
type stamp struct {
	version string // the release version, e.g. v1.36.3
	sha256  string // of the installed binary
	method  string // download or build
	source  string // download: the URL (without credentials)
	inputs  string // build: a hash of the Go version, go.mod, go.sum and flags
}

func (s stamp) bytes() []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "version %s\nsha256 %s\nmethod %s\n", s.version, s.sha256, s.method)
	if s.source != "" {
		fmt.Fprintf(&b, "source %s\n", s.source)
	}
	if s.inputs != "" {
		fmt.Fprintf(&b, "inputs %s\n", s.inputs)
	}
	return b.Bytes()
}

func parseStamp(b []byte) stamp {
	var s stamp
	sc := bufio.NewScanner(bytes.NewReader(b))
	for sc.Scan() {
		key, value, _ := strings.Cut(sc.Text(), " ")
		switch key {
		case "version":
			s.version = value
		case "sha256":
			s.sha256 = value
		case "method":
			s.method = value
		case "source":
			s.source = value
		case "inputs":
			s.inputs = value
		}
	}
	return s
}

// installed reads dest's stamp and says whether dest is that version and
// still has the checksum the stamp recorded. A stamp in another format (such
// as the one the old hack/controlplane.sh wrote) never matches.
func installed(dest, version string) (stamp, bool) {
	b, err := os.ReadFile(dest + ".stamp")
	if err != nil {
		return stamp{}, false
	}
	st := parseStamp(b)
	if st.version != version || st.sha256 == "" {
		return st, false
	}
	sum, err := fileSHA256(dest)
	return st, err == nil && sum == st.sha256
}

// place moves a finished temporary file to dest, executable, and records its
// stamp. The old stamp goes first, so that a crash in between leaves no stamp
// rather than one that vouches for another binary.
func place(tmp, dest string, st stamp) error {
	sum, err := fileSHA256(tmp)
	if err != nil {
		return err
	}
	st.sha256 = sum
	if err := os.Chmod(tmp, 0o755); err != nil {
		return err
	}
	if err := os.Remove(dest + ".stamp"); err != nil && !errors.Is(err, os.ErrNotExist) {
		return err
	}
	if err := os.Rename(tmp, dest); err != nil {
		return err
	}
	return os.WriteFile(dest+".stamp", st.bytes(), 0o644)
}

func fileSHA256(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}
