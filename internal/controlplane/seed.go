package controlplane

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"time"

	"k8s.io/client-go/rest"
)

// Seed is what etcd starts with: written once through a control plane and
// kept, then copied for every control plane that starts from it.
type Seed struct {
	// Key names what Apply writes: a different key prepares anew.
	Key string
	// Apply writes the seed through a fresh control plane.
	Apply func(ctx context.Context, cfg *rest.Config) error
	// Dir keeps the prepared etcd data, a directory per key and binaries
	// (default: kunerva/seeds in the user's cache directory).
	Dir string
}

// seedFormat changes when Start's flags change what etcd holds, so that
// data prepared by an older kunerva is not used.
const seedFormat = "kunerva controlplane seed 1"

// StartSeeded starts a control plane whose etcd begins with what
// seed.Apply wrote. The first start for a key and binaries prepares the
// data: it starts a control plane, applies the seed, stops it and keeps
// etcd's data directory in seed.Dir. Every start copies that directory, so
// no two control planes share data. The API server is ready sooner than
// Start's: the seed is there already, and so are the system priority
// classes, whose bootstrap holds a fresh API server's readiness back for a
// second.
func StartSeeded(ctx context.Context, bins Binaries, seed Seed) (*ControlPlane, error) {
	data, err := seed.path(bins)
	if err != nil {
		return nil, err
	}
	prepared := false
	if _, err := os.Stat(data); errors.Is(err, fs.ErrNotExist) {
		if err := prepare(ctx, bins, seed, data); err != nil {
			return nil, err
		}
		prepared = true
		prune(filepath.Dir(data), data, time.Now().Add(-seedUnused))
	} else {
		// Its modification time says when a seed was last used, for prune.
		now := time.Now()
		_ = os.Chtimes(data, now, now)
	}
	cp, err := start(ctx, bins, data, []string{priorityClassesHook})
	if err == nil || prepared || ctx.Err() != nil {
		return cp, err
	}
	// Data that does not start (cut short by a full disk, say) is
	// prepared again, once.
	if rerr := os.RemoveAll(data); rerr != nil {
		return nil, errors.Join(err, rerr)
	}
	if err := prepare(ctx, bins, seed, data); err != nil {
		return nil, err
	}
	return start(ctx, bins, data, []string{priorityClassesHook})
}

// path is where the data for the seed's key and these binaries is kept.
func (s Seed) path(bins Binaries) (string, error) {
	dir := s.Dir
	if dir == "" {
		cache, err := os.UserCacheDir()
		if err != nil {
			return "", fmt.Errorf("find the user's cache directory: %w", err)
		}
		dir = filepath.Join(cache, "kunerva", "seeds")
	}
	h := sha256.New()
	fmt.Fprintf(h, "%s\n%s\n", seedFormat, s.Key)
	for _, p := range []string{bins.APIServer, bins.Etcd} {
		// The path, size and modification time stand for the binary's
		// content: hashing 100 MB on every start would cost more than the
		// seed saves.
		st, err := os.Stat(p)
		if err != nil {
			return "", fmt.Errorf("read the binaries: %w", err)
		}
		fmt.Fprintf(h, "%s %d %d\n", p, st.Size(), st.ModTime().UnixNano())
	}
	return filepath.Join(dir, hex.EncodeToString(h.Sum(nil))[:32]), nil
}

// prepare writes the seed through a fresh control plane and keeps its etcd
// data in dest. Concurrent preparers each write their own copy and the
// first to rename it into place wins.
func prepare(ctx context.Context, bins Binaries, seed Seed, dest string) (err error) {
	cp, err := start(ctx, bins, "", []string{priorityClassesHook})
	if err != nil {
		return err
	}
	defer func() { err = errors.Join(err, cp.Stop()) }()
	if err := seed.Apply(ctx, cp.Config); err != nil {
		return fmt.Errorf("prepare the control plane's data: %w", err)
	}
	// The bootstrap of the priority classes is done by now, usually; a
	// start from this data will not wait for it.
	if err := cp.waitReady(ctx, cp.Config, nil); err != nil {
		return err
	}
	apiServer, etcd := cp.procs[1], cp.procs[0]
	apiServer.stop(syscall.SIGKILL)
	// etcd stops cleanly, so that its data directory is whole: it closes
	// its files and raises the signal again.
	if err := etcd.stop(syscall.SIGTERM); err != nil && !signaled(err, syscall.SIGTERM) {
		return fmt.Errorf("stop etcd after preparing its data (%v):\n%s", err, tail(etcd.log))
	}
	if err := os.MkdirAll(filepath.Dir(dest), 0o755); err != nil {
		return fmt.Errorf("create the seed directory: %w", err)
	}
	tmp, err := os.MkdirTemp(filepath.Dir(dest), ".prepare-")
	if err != nil {
		return fmt.Errorf("create the seed directory: %w", err)
	}
	defer os.RemoveAll(tmp)
	if err := copyDir(filepath.Join(cp.dir, "etcd"), filepath.Join(tmp, "etcd")); err != nil {
		return fmt.Errorf("keep the prepared etcd data: %w", err)
	}
	if err := os.Rename(filepath.Join(tmp, "etcd"), dest); err != nil {
		if _, serr := os.Stat(dest); serr == nil {
			return nil // another kunerva prepared it meanwhile
		}
		return fmt.Errorf("keep the prepared etcd data: %w", err)
	}
	return nil
}

// seedUnused is how long a seed may go unused before a new seed's
// preparation removes it: seeds for older CRDs or binaries pile up
// otherwise, about 4 MB each.
const seedUnused = 30 * 24 * time.Hour

// prune removes the seeds in dir other than keep, and what an interrupted
// preparation left, last changed before cutoff. It is housekeeping: what it
// cannot remove stays.
func prune(dir, keep string, cutoff time.Time) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		path := filepath.Join(dir, e.Name())
		info, err := e.Info()
		if path == keep || err != nil || !e.IsDir() || !info.ModTime().Before(cutoff) {
			continue
		}
		_ = os.RemoveAll(path)
	}
}

// signaled says whether a process's exit error is death by sig.
func signaled(err error, sig syscall.Signal) bool {
	var exit *exec.ExitError
	if !errors.As(err, &exit) {
		return false
	}
	ws, ok := exit.Sys().(syscall.WaitStatus)
	return ok && ws.Signaled() && ws.Signal() == sig
}

// copyDir copies the directory src to dst, which must not exist, with the
// files' modes. Runs of zeros become holes: etcd preallocates its
// write-ahead log, 64 MB of which a few hundred kilobytes are written.
func copyDir(src, dst string) error {
	return filepath.WalkDir(src, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(src, path)
		if err != nil {
			return err
		}
		target := filepath.Join(dst, rel)
		info, err := d.Info()
		if err != nil {
			return err
		}
		switch {
		case d.IsDir():
			return os.Mkdir(target, info.Mode().Perm())
		case info.Mode().IsRegular():
			return copySparse(path, target, info)
		default:
			return fmt.Errorf("%s is neither a file nor a directory", path)
		}
	})
}

// holeSize is the run of zeros copySparse leaves unwritten.
const holeSize = 4096

func copySparse(src, dst string, info fs.FileInfo) (err error) {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_CREATE|os.O_EXCL|os.O_WRONLY, info.Mode().Perm())
	if err != nil {
		return err
	}
	defer func() { err = errors.Join(err, out.Close()) }()
	buf := make([]byte, 1<<20)
	zeros := make([]byte, holeSize)
	var off int64
	for {
		n, rerr := io.ReadFull(in, buf)
		for i := 0; i < n; i += holeSize {
			block := buf[i:min(i+holeSize, n)]
			if bytes.Equal(block, zeros[:len(block)]) {
				continue
			}
			if _, err := out.WriteAt(block, off+int64(i)); err != nil {
				return err
			}
		}
		off += int64(n)
		if rerr == io.EOF || rerr == io.ErrUnexpectedEOF {
			break
		}
		if rerr != nil {
			return rerr
		}
	}
	// Trailing zeros were skipped: the size makes them a hole.
	return out.Truncate(off)
}
