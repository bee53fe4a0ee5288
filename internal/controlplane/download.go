package controlplane

import (
	"archive/tar"
	"bufio"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"path"
	"strings"
	"time"
)

// release is where a tool's release file and its published checksum are.
type release struct {
	url     string // the file
	sumsURL string // its checksum: alone (kube-apiserver.sha256) or in a list (SHA256SUMS)
	name    string // the file's name in the SHA256SUMS list
	member  string // the binary's path in the archive; "" when url is the binary
}

func (o InstallOptions) release(t tool, version string) release {
	if t == apiServerTool {
		u := fmt.Sprintf("%s/%s/bin/%s/%s/kube-apiserver", strings.TrimSuffix(o.KubernetesReleaseURL, "/"), version, o.goos, o.goarch)
		return release{url: u, sumsURL: u + ".sha256"}
	}
	dir := fmt.Sprintf("etcd-%s-%s-%s", version, o.goos, o.goarch)
	base := strings.TrimSuffix(o.EtcdReleaseURL, "/") + "/" + version + "/"
	return release{url: base + dir + ".tar.gz", sumsURL: base + "SHA256SUMS", name: dir + ".tar.gz", member: dir + "/etcd"}
}

// download fetches t's release, verifies it against its published checksum
// and installs the binary at dest. Nothing is left behind when it fails.
func (o InstallOptions) download(ctx context.Context, t tool, version, dest string) error {
	if o.goos != "linux" {
		return fmt.Errorf("release binaries of %s are published for linux only, not %s/%s: use --method build", t.name, o.goos, o.goarch)
	}
	r := o.release(t, version)
	want, err := o.checksum(ctx, r)
	if err != nil {
		return err
	}
	fmt.Fprintf(o.Progress, "%s %s: downloading %s\n", t.name, version, redact(r.url))
	tmp, err := o.fetchVerified(ctx, t, version, r.url, want)
	if err != nil {
		return err
	}
	defer os.Remove(tmp)
	bin := tmp
	if r.member != "" {
		if bin, err = extract(tmp, r.member, o.Dir); err != nil {
			return fmt.Errorf("unpack %s: %w", redact(r.url), err)
		}
		defer os.Remove(bin)
	}
	if err := place(bin, dest, stamp{version: version, method: string(MethodDownload), source: redact(r.url)}); err != nil {
		return fmt.Errorf("install the downloaded %s: %w", t.name, err)
	}
	fmt.Fprintf(o.Progress, "%s %s: verified sha256 %s, installed %s\n", t.name, version, want, dest)
	return nil
}

// checksum fetches the published SHA-256 of r.url. It is the first request to
// the release host, so its failure to connect at all is an unreachableError.
func (o InstallOptions) checksum(ctx context.Context, r release) (string, error) {
	resp, err := o.get(ctx, r.sumsURL)
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	if err != nil {
		return "", fmt.Errorf("download %s: %w", redact(r.sumsURL), err)
	}
	sc := bufio.NewScanner(strings.NewReader(string(b)))
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		switch {
		case len(f) == 0:
		case r.name == "" && validSHA256(f[0]):
			return strings.ToLower(f[0]), nil
		case r.name != "" && len(f) >= 2 && strings.TrimPrefix(f[1], "*") == r.name && validSHA256(f[0]):
			return strings.ToLower(f[0]), nil
		}
	}
	if r.name != "" {
		return "", fmt.Errorf("%s lists no SHA-256 checksum for %s", redact(r.sumsURL), r.name)
	}
	return "", fmt.Errorf("%s holds no SHA-256 checksum", redact(r.sumsURL))
}

func validSHA256(s string) bool {
	b, err := hex.DecodeString(s)
	return err == nil && len(b) == sha256.Size
}

// get sends a GET and accepts only 200 OK. When no answer came at all, the
// error is an unreachableError naming the host.
func (o InstallOptions) get(ctx context.Context, rawURL string) (*http.Response, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, rawURL, nil)
	if err != nil {
		return nil, fmt.Errorf("download %s: %w", redact(rawURL), err)
	}
	resp, err := o.Client.Do(req)
	if err != nil {
		// url.Error repeats the URL, perhaps with a user name or a signed
		// query after a redirect: keep only its cause.
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err
		}
		if ctx.Err() == nil && isUnreachable(err) {
			return nil, fmt.Errorf("download %s: %w", redact(rawURL), &unreachableError{host: req.URL.Host, err: err})
		}
		return nil, fmt.Errorf("download %s: %w", redact(rawURL), err)
	}
	if resp.StatusCode != http.StatusOK {
		resp.Body.Close()
		return nil, fmt.Errorf("download %s: the server answered %s", redact(rawURL), resp.Status)
	}
	return resp, nil
}

// fetchVerified streams rawURL into a temporary file in o.Dir, hashing it on
// the way, and returns the file's name only when the whole body arrived and
// its SHA-256 is want.
func (o InstallOptions) fetchVerified(ctx context.Context, t tool, version, rawURL, want string) (_ string, err error) {
	resp, err := o.get(ctx, rawURL)
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	f, err := os.CreateTemp(o.Dir, "."+t.name+"-*.download")
	if err != nil {
		return "", fmt.Errorf("create a file in %s: %w", o.Dir, err)
	}
	defer func() {
		f.Close()
		if err != nil {
			os.Remove(f.Name())
		}
	}()
	h := sha256.New()
	p := &progress{w: o.Progress, name: t.name + " " + version, total: resp.ContentLength, start: time.Now()}
	n, err := io.Copy(io.MultiWriter(f, h, p), resp.Body)
	if err != nil {
		return "", fmt.Errorf("download %s: %w after %s", redact(rawURL), err, size(n))
	}
	if resp.ContentLength >= 0 && n != resp.ContentLength {
		return "", fmt.Errorf("download %s: got %s of %s: the download was cut short", redact(rawURL), size(n), size(resp.ContentLength))
	}
	if got := hex.EncodeToString(h.Sum(nil)); got != want {
		return "", fmt.Errorf("download %s: SHA-256 checksum mismatch: the file has %s, the release publishes %s; nothing was installed", redact(rawURL), got, want)
	}
	if err := f.Close(); err != nil {
		return "", fmt.Errorf("write %s: %w", f.Name(), err)
	}
	p.finish()
	return f.Name(), nil
}

// extract copies the regular file member of a .tar.gz archive to a temporary
// file in dir. An archive with any entry that would land outside its
// directory is refused whole.
func extract(archive, member, dir string) (_ string, err error) {
	f, err := os.Open(archive)
	if err != nil {
		return "", err
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return "", err
	}
	out := ""
	defer func() {
		if err != nil && out != "" {
			os.Remove(out)
		}
	}()
	tr := tar.NewReader(zr)
	for {
		hdr, err := tr.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return "", err
		}
		name := path.Clean(hdr.Name)
		if path.IsAbs(hdr.Name) || name == ".." || strings.HasPrefix(name, "../") {
			return "", fmt.Errorf("the archive has an entry outside its directory, %q: refusing it", hdr.Name)
		}
		if name != member || out != "" {
			continue
		}
		if hdr.Typeflag != tar.TypeReg {
			return "", fmt.Errorf("%s in the archive is not a regular file", member)
		}
		w, err := os.CreateTemp(dir, "."+path.Base(member)+"-*.extract")
		if err != nil {
			return "", err
		}
		out = w.Name()
		_, err = io.Copy(w, tr)
		if cerr := w.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return "", err
		}
	}
	if out == "" {
		return "", fmt.Errorf("the archive holds no %s", member)
	}
	return out, nil
}

// redact drops credentials and query (which may hold a signature) from a URL
// so that it can be shown.
func redact(rawURL string) string {
	u, err := url.Parse(rawURL)
	if err != nil {
		return "(an unparsable URL)"
	}
	u.User, u.RawQuery, u.ForceQuery, u.Fragment = nil, "", false, ""
	return u.String()
}

// progress reports a download every tenth of its length, or every 10 MiB
// when the length is unknown.
type progress struct {
	w     io.Writer
	name  string
	total int64
	n     int64
	step  int64
	start time.Time
}

func (p *progress) Write(b []byte) (int, error) {
	p.n += int64(len(b))
	for {
		next, line := p.next()
		if p.n < next {
			return len(b), nil
		}
		p.step++
		fmt.Fprintln(p.w, line)
	}
}

// next says at which byte count the next line is due, and what it says.
func (p *progress) next() (int64, string) {
	if p.total > 0 {
		pct := (p.step + 1) * 10
		if pct >= 100 {
			return 1<<63 - 1, ""
		}
		return p.total * pct / 100, fmt.Sprintf("%s: %3d%% of %s", p.name, pct, size(p.total))
	}
	at := (p.step + 1) * 10 << 20
	return at, fmt.Sprintf("%s: %s", p.name, size(at))
}

func (p *progress) finish() {
	fmt.Fprintf(p.w, "%s: downloaded %s in %s\n", p.name, size(p.n), time.Since(p.start).Round(100*time.Millisecond))
}

func size(n int64) string {
	if n < 1<<20 {
		return fmt.Sprintf("%d bytes", n)
	}
	return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
}
