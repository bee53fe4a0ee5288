package validate

import (
	"context"
	"os"
	"sync"
	"testing"
	"time"

	"k8s.io/client-go/rest"

	"github.com/kunerva/kunerva/internal/controlplane"
)

// The local control plane the dry-run tests share: one etcd and
// kube-apiserver per test binary, started on first use and stopped by
// TestMain.
var (
	clusterOnce sync.Once
	clusterCP   *controlplane.ControlPlane
	clusterErr  error
)

// localCluster returns a running local control plane, or fails loudly:
// only -short skips.
func localCluster(t testing.TB) *rest.Config {
	t.Helper()
	if testing.Short() {
		t.Skip("-short: the local control plane is not started")
	}
	clusterOnce.Do(func() {
		bins, err := controlplane.FindBinaries()
		if err != nil {
			clusterErr = err
			return
		}
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
		defer cancel()
		clusterCP, clusterErr = controlplane.Start(ctx, bins)
	})
	if clusterErr != nil {
		t.Fatalf("the local control plane is needed: %v", clusterErr)
	}
	return clusterCP.Config
}

func TestMain(m *testing.M) {
	code := m.Run()
	if clusterCP != nil {
		if err := clusterCP.Stop(); err != nil {
			os.Stderr.WriteString("stop the local control plane: " + err.Error() + "\n")
			code = 1
		}
	}
	os.Exit(code)
}
