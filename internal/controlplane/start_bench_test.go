package controlplane

import (
	"context"
	"net/http"
	"os"
	"testing"
	"time"

	"k8s.io/client-go/rest"
)

// BenchmarkEtcd measures etcd alone, from start until it answers /health,
// the part of Start that kube-apiserver waits for.
func BenchmarkEtcd(b *testing.B) {
	bins, err := FindBinaries()
	if err != nil {
		b.Fatalf("the local control plane is needed: %v", err)
	}
	for b.Loop() {
		dir, err := os.MkdirTemp("", "kunerva-etcd-bench-")
		if err != nil {
			b.Fatal(err)
		}
		cp := &ControlPlane{dir: dir}
		ports, err := freePorts(2)
		if err != nil {
			b.Fatal(err)
		}
		url, err := cp.startEtcd(bins.Etcd, ports[0], ports[1])
		if err != nil {
			b.Fatal(err)
		}
		if err := waitHealthy(b.Context(), url+"/health"); err != nil {
			b.Fatalf("%v:\n%s", err, tail(cp.procs[0].log))
		}
		b.StopTimer()
		cp.Stop()
		b.StartTimer()
	}
}

func waitHealthy(ctx context.Context, url string) error {
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	for {
		req, _ := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
		if resp, err := http.DefaultClient.Do(req); err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return nil
			}
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(5 * time.Millisecond):
		}
	}
}

// BenchmarkStartSeeded measures a control plane started from prepared data
// (a seed with one namespace), from start to ready; Start's figure is
// BenchmarkStart's.
func BenchmarkStartSeeded(b *testing.B) {
	bins, err := FindBinaries()
	if err != nil {
		b.Fatalf("the local control plane is needed: %v", err)
	}
	seed := Seed{Key: "bench", Dir: b.TempDir(), Apply: func(ctx context.Context, cfg *rest.Config) error {
		return createNamespace(ctx, cfg, "seeded")
	}}
	cp, err := StartSeeded(b.Context(), bins, seed)
	if err != nil {
		b.Fatal(err)
	}
	cp.Stop()
	for b.Loop() {
		cp, err := StartSeeded(b.Context(), bins, seed)
		if err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		cp.Stop()
		b.StartTimer()
	}
}
