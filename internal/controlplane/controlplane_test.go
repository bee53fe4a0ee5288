package controlplane_test

import (
	"context"
	"strings"
	"testing"
	"time"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/client-go/kubernetes"

	"github.com/kunerva/kunerva/internal/controlplane"
)

// start starts a control plane for a test, or fails loudly: only -short skips.
func start(t testing.TB) *controlplane.ControlPlane {
	t.Helper()
	if testing.Short() {
		t.Skip("-short: the local control plane is not started")
	}
	bins, err := controlplane.FindBinaries()
	if err != nil {
		t.Fatalf("the local control plane is needed: %v", err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cp, err := controlplane.Start(ctx, bins)
	if err != nil {
		t.Fatalf("start the local control plane: %v", err)
	}
	t.Cleanup(func() {
		if err := cp.Stop(); err != nil {
			t.Errorf("stop: %v", err)
		}
	})
	return cp
}

func TestStartServesTheAPI(t *testing.T) {
	cp := start(t)
	cs, err := kubernetes.NewForConfig(cp.Config)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	ns, err := cs.CoreV1().Namespaces().Create(ctx, &corev1.Namespace{ObjectMeta: metav1.ObjectMeta{Name: "kunerva-test"}}, metav1.CreateOptions{})
	if err != nil {
		t.Fatalf("create a namespace: %v", err)
	}
	if ns.Labels["kubernetes.io/metadata.name"] != "kunerva-test" {
		t.Errorf("the API server did not default the namespace's name label: %v", ns.Labels)
	}
	v, err := cs.Discovery().ServerVersion()
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("kube-apiserver %s", v.GitVersion)
}

func TestStopRemovesEverything(t *testing.T) {
	cp := start(t)
	if err := cp.Stop(); err != nil {
		t.Fatal(err)
	}
	if err := cp.Stop(); err != nil {
		t.Errorf("a second Stop: %v", err)
	}
	cs, _ := kubernetes.NewForConfig(cp.Config)
	if _, err := cs.Discovery().ServerVersion(); err == nil {
		t.Error("the API server still answers after Stop")
	}
}

func TestFindBinariesSaysHowToInstall(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	t.Setenv("HOME", t.TempDir())
	t.Setenv(controlplane.AssetsEnv, t.TempDir())
	_, err := controlplane.FindBinaries()
	if err == nil {
		t.Fatal("found binaries in empty directories")
	}
	for _, want := range []string{"kube-apiserver not found", "etcd not found", "kunerva controlplane install", "make controlplane"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("the error does not say %q:\n%v", want, err)
		}
	}
}

// BenchmarkStart measures a control plane from start to ready (and its stop).
func BenchmarkStart(b *testing.B) {
	bins, err := controlplane.FindBinaries()
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		cp, err := controlplane.Start(context.Background(), bins)
		if err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		cp.Stop()
		b.StartTimer()
	}
}
