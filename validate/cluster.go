package validate

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sort"
	"time"

	corev1 "k8s.io/api/core/v1"
	apiextensionsv1 "k8s.io/apiextensions-apiserver/pkg/apis/apiextensions/v1"
	apiextensionsclient "k8s.io/apiextensions-apiserver/pkg/client/clientset/clientset"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/util/wait"
	"k8s.io/client-go/kubernetes"
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
// cluster kunerva starts gets the Cilium and KubeArmor CRDs, the namespaces
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
	switch opts.Mode {
	case ClusterLocal, "":
		bins, err := controlplane.FindBinaries()
		if err != nil {
			return nil, fmt.Errorf("start the local control plane for the dry-run (or skip it with --cluster none): %w", err)
		}
		cp, err := controlplane.Start(ctx, bins)
		if err != nil {
			return nil, fmt.Errorf("start the local control plane: %w", err)
		}
		c = &cluster{Config: cp.Config, close: func(context.Context) error { return cp.Stop() }}
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
	if err := Seed(ctx, c.Config, opts.Tree, docs); err != nil {
		c.Close(ctx)
		return nil, err
	}
	return c, nil
}

// Seed prepares a fresh cluster for dry-runs: it installs the CRDs, creates
// the namespaces the documents and the tree name (with the tree's labels)
// and applies the tree's objects but its policies: no other object's dry-run
// depends on them, and the ones under validation are often in the tree
// (kunerva check), where a broken one would fail the seed instead of being
// reported as a finding.
func Seed(ctx context.Context, cfg *rest.Config, t *tree.Tree, docs []Document) error {
	return seed(ctx, cfg, t, docs, false)
}

// Apply applies the whole tree, policies included, as Flux or Argo CD do
// after a merge, to a fresh cluster (the CRDs and namespaces first).
func Apply(ctx context.Context, cfg *rest.Config, t *tree.Tree) error {
	return seed(ctx, cfg, t, nil, true)
}

func seed(ctx context.Context, cfg *rest.Config, t *tree.Tree, docs []Document, policies bool) error {
	if err := installCRDs(ctx, cfg); err != nil {
		return err
	}
	if err := createNamespaces(ctx, cfg, docs, t); err != nil {
		return err
	}
	if t == nil {
		return nil
	}
	var objs []Document
	for _, o := range t.Objects {
		if o.Kind == "Namespace" {
			continue
		}
		ds, err := Parse(o.Kind+"/"+o.Name, o.YAML)
		if err != nil {
			return err
		}
		if !policies {
			ds = slices.DeleteFunc(ds, IsPolicy)
		}
		objs = append(objs, ds...)
	}
	return applyAll(ctx, cfg, objs)
}

// createNamespaces creates the namespaces the documents and the tree name
// (with the tree's labels), each with a default service account.
func createNamespaces(ctx context.Context, cfg *rest.Config, docs []Document, t *tree.Tree) error {
	cs, err := kubernetes.NewForConfig(cfg)
	if err != nil {
		return err
	}
	labels := map[string]map[string]string{}
	for _, d := range docs {
		if ns := d.Namespace(); ns != "" {
			labels[ns] = nil
		}
	}
	if t != nil {
		for _, ns := range t.Namespaces {
			labels[ns.Name] = ns.Labels
		}
	}
	names := make([]string, 0, len(labels))
	for n := range labels {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		ns := &corev1.Namespace{ObjectMeta: metav1.ObjectMeta{Name: n, Labels: labels[n]}}
		if _, err := cs.CoreV1().Namespaces().Create(ctx, ns, metav1.CreateOptions{FieldManager: fieldManager}); err != nil && !apierrors.IsAlreadyExists(err) {
			return fmt.Errorf("create namespace %s: %w", n, err)
		}
		// A control plane without a controller manager makes no default
		// service account, and admission refuses pods without one.
		sa := &corev1.ServiceAccount{ObjectMeta: metav1.ObjectMeta{Name: "default", Namespace: n}}
		if _, err := cs.CoreV1().ServiceAccounts(n).Create(ctx, sa, metav1.CreateOptions{FieldManager: fieldManager}); err != nil && !apierrors.IsAlreadyExists(err) {
			return fmt.Errorf("create the default service account of %s: %w", n, err)
		}
	}
	return nil
}

// applyAll applies documents for real (not a dry-run), to seed a cluster.
func applyAll(ctx context.Context, cfg *rest.Config, docs []Document) error {
	findings, err := apply(ctx, cfg, docs, false)
	if err != nil {
		return err
	}
	var errs []error
	for _, f := range findings {
		errs = append(errs, errors.New(f.String()))
	}
	if len(errs) > 0 {
		return fmt.Errorf("seed the cluster with the tree: %w", errors.Join(errs...))
	}
	return nil
}

func installCRDs(ctx context.Context, cfg *rest.Config) error {
	// The CRDs' own schemas draw warnings (formats the server does not
	// know); they are upstream's, not the user's.
	cfg = rest.CopyConfig(cfg)
	cfg.WarningHandler = rest.NoWarnings{}
	crds, err := compiledCRDs()
	if err != nil {
		return err
	}
	client, err := apiextensionsclient.NewForConfig(cfg)
	if err != nil {
		return err
	}
	api := client.ApiextensionsV1().CustomResourceDefinitions()
	for _, crd := range crds {
		if _, err := api.Create(ctx, crd, metav1.CreateOptions{FieldManager: fieldManager}); err != nil && !apierrors.IsAlreadyExists(err) {
			return fmt.Errorf("install CRD %s: %w", crd.Name, err)
		}
	}
	// The API server serves a CRD's resources once it is Established.
	return wait.PollUntilContextTimeout(ctx, 50*time.Millisecond, 30*time.Second, true, func(ctx context.Context) (bool, error) {
		for _, crd := range crds {
			got, err := api.Get(ctx, crd.Name, metav1.GetOptions{})
			if err != nil {
				return false, err
			}
			if !slices.ContainsFunc(got.Status.Conditions, func(c apiextensionsv1.CustomResourceDefinitionCondition) bool {
				return c.Type == apiextensionsv1.Established && c.Status == apiextensionsv1.ConditionTrue
			}) {
				return false, nil
			}
		}
		return true, nil
	})
}
