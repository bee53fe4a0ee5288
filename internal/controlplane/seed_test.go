package controlplane

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"slices"
	"sync/atomic"
	"testing"
	"time"

	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/rest"
)

// namespaceSeed is a seed that creates the namespace "seeded" and counts
// how often it was applied.
func namespaceSeed(t *testing.T, applied *atomic.Int32) Seed {
	return Seed{
		Key: "namespace seeded",
		Dir: t.TempDir(),
		Apply: func(ctx context.Context, cfg *rest.Config) error {
			applied.Add(1)
			return createNamespace(ctx, cfg, "seeded")
		},
	}
}

func createNamespace(ctx context.Context, cfg *rest.Config, name string) error {
	cs, err := kubernetes.NewForConfig(cfg)
	if err != nil {
		return err
	}
	_, err = cs.CoreV1().Namespaces().Create(ctx, &corev1.Namespace{ObjectMeta: metav1.ObjectMeta{Name: name}}, metav1.CreateOptions{})
	return err
}

// hasNamespace says whether the control plane has the namespace.
func hasNamespace(t *testing.T, cp *ControlPlane, name string) bool {
	t.Helper()
	cs, err := kubernetes.NewForConfig(cp.Config)
	if err != nil {
		t.Fatal(err)
	}
	_, err = cs.CoreV1().Namespaces().Get(context.Background(), name, metav1.GetOptions{})
	if err != nil && !apierrors.IsNotFound(err) {
		t.Fatal(err)
	}
	return err == nil
}

func startSeeded(t *testing.T, seed Seed) *ControlPlane {
	t.Helper()
	if testing.Short() {
		t.Skip("-short: the local control plane is not started")
	}
	bins, err := FindBinaries()
	if err != nil {
		t.Fatalf("the local control plane is needed: %v", err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cp, err := StartSeeded(ctx, bins, seed)
	if err != nil {
		t.Fatalf("start the local control plane: %v", err)
	}
	t.Cleanup(func() { cp.Stop() })
	return cp
}

// TestStartSeededAppliesTheSeedOnce: the first start prepares the data,
// later ones copy it; the copies are not shared.
func TestStartSeededAppliesTheSeedOnce(t *testing.T) {
	var applied atomic.Int32
	seed := namespaceSeed(t, &applied)
	a := startSeeded(t, seed)
	b := startSeeded(t, seed)
	if n := applied.Load(); n != 1 {
		t.Errorf("the seed was applied %d times, want once", n)
	}
	for name, cp := range map[string]*ControlPlane{"first": a, "second": b} {
		if !hasNamespace(t, cp, "seeded") {
			t.Errorf("the %s control plane lacks the seed's namespace", name)
		}
		if !hasNamespace(t, cp, "kube-system") {
			t.Errorf("the %s control plane lacks kube-system", name)
		}
	}
	if err := createNamespace(context.Background(), a.Config, "only-in-a"); err != nil {
		t.Fatal(err)
	}
	if hasNamespace(t, b, "only-in-a") {
		t.Error("a namespace created in one control plane shows in another: they share data")
	}
	if c := startSeeded(t, seed); hasNamespace(t, c, "only-in-a") {
		t.Error("a namespace created in a control plane shows in the seed")
	}
	entries, err := os.ReadDir(seed.Dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 1 {
		t.Errorf("%s holds %v, want the one prepared directory", seed.Dir, entries)
	}
}

// TestStartSeededPreparesBrokenDataAgain: data etcd cannot start from is
// thrown away and prepared again.
func TestStartSeededPreparesBrokenDataAgain(t *testing.T) {
	var applied atomic.Int32
	seed := namespaceSeed(t, &applied)
	startSeeded(t, seed).Stop()
	dbs, err := filepath.Glob(filepath.Join(seed.Dir, "*", "member", "snap", "db"))
	if err != nil || len(dbs) != 1 {
		t.Fatalf("found %v (%v), want the prepared data's one etcd database", dbs, err)
	}
	if err := os.WriteFile(dbs[0], bytes.Repeat([]byte("broken"), 1000), 0o600); err != nil {
		t.Fatal(err)
	}
	cp := startSeeded(t, seed)
	if n := applied.Load(); n != 2 {
		t.Errorf("the seed was applied %d times, want twice", n)
	}
	if !hasNamespace(t, cp, "seeded") {
		t.Error("the control plane lacks the seed's namespace")
	}
}

func TestCopyDirKeepsContentAndMakesHoles(t *testing.T) {
	src := filepath.Join(t.TempDir(), "src")
	if err := os.MkdirAll(filepath.Join(src, "member", "wal"), 0o700); err != nil {
		t.Fatal(err)
	}
	// Data, a megabyte of zeros, data, zeros to the end: as etcd's WAL.
	wal := append(append(append(bytes.Repeat([]byte("w"), 5000), make([]byte, 1<<20)...), bytes.Repeat([]byte("x"), 10)...), make([]byte, 3<<20)...)
	files := map[string][]byte{
		"member/wal/0.wal": wal,
		"member/snap/db":   []byte("db"),
		"empty":            nil,
	}
	if err := os.MkdirAll(filepath.Join(src, "member", "snap"), 0o700); err != nil {
		t.Fatal(err)
	}
	for name, data := range files {
		if err := os.WriteFile(filepath.Join(src, name), data, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	dst := filepath.Join(t.TempDir(), "dst")
	if err := copyDir(src, dst); err != nil {
		t.Fatal(err)
	}
	for name, data := range files {
		got, err := os.ReadFile(filepath.Join(dst, name))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, data) {
			t.Errorf("%s: the copy holds %d bytes that differ from the original's %d", name, len(got), len(data))
		}
	}
	st, err := os.Stat(filepath.Join(dst, "member", "wal"))
	if err != nil || st.Mode().Perm() != 0o700 {
		t.Errorf("the copied directory's mode is %v (%v), want 0700", st.Mode(), err)
	}
	if err := copyDir(src, dst); err == nil {
		t.Error("copyDir wrote into an existing directory")
	}
}

// prune removes the seeds unused since the cutoff, and an interrupted
// preparation's leftovers, and keeps the seed in use and the recent ones.
func TestPruneRemovesUnusedSeeds(t *testing.T) {
	dir := t.TempDir()
	old := time.Now().Add(-2 * seedUnused)
	for name, mtime := range map[string]time.Time{"keep": old, "recent": time.Now(), "stale": old, ".prepare-123": old} {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Join(p, "member"), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.Chtimes(p, mtime, mtime); err != nil {
			t.Fatal(err)
		}
	}
	prune(dir, filepath.Join(dir, "keep"), time.Now().Add(-seedUnused))
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var left []string
	for _, e := range entries {
		left = append(left, e.Name())
	}
	if !slices.Equal(left, []string{"keep", "recent"}) {
		t.Errorf("left %v, want [keep recent]", left)
	}
}
