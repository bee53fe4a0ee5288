package e2e

import (
	"context"
	"flag"
	"fmt"
	"os"
	"testing"

	"sigs.k8s.io/e2e-framework/klient"
	"sigs.k8s.io/e2e-framework/pkg/env"
	"sigs.k8s.io/e2e-framework/pkg/envconf"
	"sigs.k8s.io/e2e-framework/pkg/envfuncs"
	"sigs.k8s.io/e2e-framework/support/kind"

	"github.com/kunerva/kunerva/internal/controlplane"
	"github.com/kunerva/kunerva/validate"
)

var testenv env.Environment

// TestMain sets up one cluster for the suite: the local control plane, or a
// kind cluster when KUNERVA_E2E_CLUSTER=kind. Only -short skips the suite; a
// control plane that cannot start fails it with the reason.
func TestMain(m *testing.M) {
	flag.Parse()
	if testing.Short() {
		fmt.Println("-short: end-to-end tests need a real API server; skipped")
		os.Exit(0)
	}
	testenv = env.NewWithConfig(envconf.New())
	switch mode := os.Getenv("KUNERVA_E2E_CLUSTER"); mode {
	case "", "local":
		var cp *controlplane.ControlPlane
		testenv.Setup(func(ctx context.Context, cfg *envconf.Config) (context.Context, error) {
			bins, err := controlplane.FindBinaries()
			if err != nil {
				return ctx, fmt.Errorf("the end-to-end tests need the local control plane: %w", err)
			}
			if cp, err = controlplane.Start(ctx, bins); err != nil {
				return ctx, err
			}
			client, err := klient.New(cp.Config)
			if err != nil {
				return ctx, err
			}
			cfg.WithClient(client)
			return ctx, nil
		})
		testenv.Finish(func(ctx context.Context, _ *envconf.Config) (context.Context, error) {
			if cp == nil {
				return ctx, nil
			}
			return ctx, cp.Stop()
		})
	case "kind":
		name := envconf.RandomName("kunerva", 16)
		testenv.Setup(envfuncs.CreateCluster(kind.NewProvider(), name))
		testenv.Finish(envfuncs.DestroyCluster(name))
	default:
		fmt.Fprintf(os.Stderr, "KUNERVA_E2E_CLUSTER=%q: use local or kind\n", mode)
		os.Exit(2)
	}
	// Both kinds of cluster get the Cilium and KubeArmor CRDs.
	testenv.Setup(func(ctx context.Context, cfg *envconf.Config) (context.Context, error) {
		return ctx, validate.Seed(ctx, cfg.Client().RESTConfig(), nil, nil)
	})
	os.Exit(testenv.Run(m))
}
