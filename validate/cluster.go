package validate

import (
	"context"
	"fmt"
	"time"

	"k8s.io/client-go/rest"
	"k8s.io/client-go/tools/clientcmd"
	"sigs.k8s.io/e2e-framework/support/kind"

	"github.com/kunerva/kunerva/internal/controlplane"
	"github.com/kunerva/kunerva/internal/tree"
)

// Cluster modes for the dry-run stage.
const (
	ClusterLocal = "local" // an ephemeral control plane started by kunerva
	ClusterKind  = "kind"  // a kind cluster created through e2e-framework (needs Docker)
	ClusterNone  = "none"  // no dry-run
)

// ClusterOptions say which API server the dry-run uses: the kubeconfig's
// when one is given, else the mode's.
type ClusterOptions struct {
	Mode       string
	Kubeconfig string
	Context    string
	// REST is an API server already connected to, used as a kubeconfig's
	// would be: for callers that hold one, such as tests.
	REST *rest.Config
	// Tree seeds a local or kind cluster with the tree's namespaces and objects.
	Tree *tree.Tree
}

// cluster is an API server to dry-run against; Close releases it.
type cluster struct {
	Config *rest.Config
	close  func(context.Context) error
}

// Close stops a cluster kunerva started; it leaves an existing one alone.
func (c *cluster) Close(ctx context.Context) error {
	if c == nil || c.close == nil {
		return nil
	}
	return c.close(ctx)
}

// openCluster connects to the cluster the options name, or starts one. A
// cluster kunerva starts gets the Cilium and KubeArmor CRDs (a local one
// starts with them, from etcd data prepared once: crdSeed), the namespaces
// the documents and the tree refer to, and the tree's objects.
func openCluster(ctx context.Context, opts ClusterOptions, docs []Document) (*cluster, error) {
	if opts.REST != nil {
		return &cluster{Config: opts.REST}, nil
	}
	if opts.Kubeconfig != "" {
		cfg, err := clientcmd.NewNonInteractiveDeferredLoadingClientConfig(
			&clientcmd.ClientConfigLoadingRules{ExplicitPath: opts.Kubeconfig},
			&clientcmd.ConfigOverrides{CurrentContext: opts.Context}).ClientConfig()
		if err != nil {
			return nil, fmt.Errorf("read kubeconfig %s: %w", opts.Kubeconfig, err)
		}
		return &cluster{Config: cfg}, nil
	}
	var c *cluster
	crds := installCRDs
	switch opts.Mode {
	case ClusterLocal, "":
		bins, err := controlplane.FindBinaries()
		if err != nil {
			return nil, fmt.Errorf("start the local control plane for the dry-run (or skip it with --cluster none): %w", err)
		}
		seed, err := crdSeed()
		if err != nil {
			return nil, err
		}
		cp, err := controlplane.StartSeeded(ctx, bins, seed)
		if err != nil {
			return nil, fmt.Errorf("start the local control plane: %w", err)
		}
		c = &cluster{Config: cp.Config, close: func(context.Context) error { return cp.Stop() }}
		crds = waitCRDsServed // the seed holds them, established
	case ClusterKind:
		k := kind.NewCluster("kunerva-" + time.Now().Format("150405"))
		kubeconfig, err := k.Create(ctx)
		if err != nil {
			return nil, fmt.Errorf("create a kind cluster (it needs Docker and the kind binary): %w", err)
		}
		cfg, err := clientcmd.BuildConfigFromFlags("", kubeconfig)
		if err != nil {
			k.Destroy(ctx)
			return nil, fmt.Errorf("read the kind cluster's kubeconfig: %w", err)
		}
		c = &cluster{Config: cfg, close: k.Destroy}
	default:
		return nil, fmt.Errorf("unknown cluster mode %q: use local, kind or none", opts.Mode)
	}
	err := crds(ctx, c.Config)
	if err == nil {
		err = seedTree(ctx, c.Config, opts.Tree, docs, false)
	}
	if err != nil {
		c.Close(ctx)
		return nil, err
	}
	return c, nil
}
