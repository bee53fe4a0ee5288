package validate

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	corev1 "k8s.io/api/core/v1"
	apiextensionsv1 "k8s.io/apiextensions-apiserver/pkg/apis/apiextensions/v1"
	apiextensionsclient "k8s.io/apiextensions-apiserver/pkg/client/clientset/clientset"
	apiextensionsv1client "k8s.io/apiextensions-apiserver/pkg/client/clientset/clientset/typed/apiextensions/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/client-go/discovery"
	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/rest"

	"github.com/kunerva/kunerva/internal/controlplane"
	"github.com/kunerva/kunerva/internal/tree"
)

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
	return seedTree(ctx, cfg, t, docs, policies)
}

// seedTree creates the namespaces and applies the tree's objects, its
// policies only if told.
func seedTree(ctx context.Context, cfg *rest.Config, t *tree.Tree, docs []Document, policies bool) error {
	if err := createNamespaces(ctx, cfg, docs, t); err != nil {
		return err
	}
	objs, err := treeObjects(t, policies)
	if err != nil {
		return err
	}
	return applyAll(ctx, cfg, objs)
}

// treeObjects are the tree's objects a seed applies: all but its
// namespaces, which createNamespaces makes, and, unless policies, its
// policies.
func treeObjects(t *tree.Tree, policies bool) ([]Document, error) {
	if t == nil {
		return nil, nil
	}
	var objs []Document
	for _, o := range t.Objects {
		if o.Kind == "Namespace" {
			continue
		}
		ds, err := Parse(o.Kind+"/"+o.Name, o.YAML)
		if err != nil {
			return nil, err
		}
		if !policies {
			ds = slices.DeleteFunc(ds, IsPolicy)
		}
		objs = append(objs, ds...)
	}
	return objs, nil
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
	// One after another, each namespace is a round trip or two; together,
	// they take about as long as one.
	errs := make([]error, len(names))
	sem := make(chan struct{}, seedConcurrency)
	var wg sync.WaitGroup
	for i, n := range names {
		wg.Go(func() {
			sem <- struct{}{}
			defer func() { <-sem }()
			ns := &corev1.Namespace{ObjectMeta: metav1.ObjectMeta{Name: n, Labels: labels[n]}}
			if _, err := cs.CoreV1().Namespaces().Create(ctx, ns, metav1.CreateOptions{FieldManager: fieldManager}); err != nil && !apierrors.IsAlreadyExists(err) {
				errs[i] = fmt.Errorf("create namespace %s: %w", n, err)
				return
			}
			// A control plane without a controller manager makes no default
			// service account, and admission refuses pods without one.
			sa := &corev1.ServiceAccount{ObjectMeta: metav1.ObjectMeta{Name: "default", Namespace: n}}
			if _, err := cs.CoreV1().ServiceAccounts(n).Create(ctx, sa, metav1.CreateOptions{FieldManager: fieldManager}); err != nil && !apierrors.IsAlreadyExists(err) {
				errs[i] = fmt.Errorf("create the default service account of %s: %w", n, err)
			}
		})
	}
	wg.Wait()
	return errors.Join(errs...)
}

// admissionInputs are the kinds whose objects decide whether the API
// server admits others (a pod needs its service account; quotas, limit
// ranges, priority, runtime, ingress and storage classes, service CIDRs,
// webhooks and admission policies judge what comes after them) or make
// them servable (CRDs).
var admissionInputs = map[string]bool{
	"ServiceAccount": true, "ResourceQuota": true, "LimitRange": true, "PriorityClass": true,
	"RuntimeClass": true, "IngressClass": true, "StorageClass": true, "DeviceClass": true,
	"ServiceCIDR": true, "IPAddress": true, "CustomResourceDefinition": true, "APIService": true,
	"MutatingWebhookConfiguration": true, "ValidatingWebhookConfiguration": true,
	"ValidatingAdmissionPolicy": true, "ValidatingAdmissionPolicyBinding": true,
	"MutatingAdmissionPolicy": true, "MutatingAdmissionPolicyBinding": true,
}

// applyAll applies documents for real (not a dry-run), to seed a cluster:
// the admissionInputs first, in order, then the others in parallel, none
// of which has a say in another's admission.
func applyAll(ctx context.Context, cfg *rest.Config, docs []Document) error {
	var first, rest []Document
	for _, d := range docs {
		if admissionInputs[d.Kind()] {
			first = append(first, d)
		} else {
			rest = append(rest, d)
		}
	}
	findings, err := apply(ctx, cfg, first, false)
	if err != nil {
		return err
	}
	// Contiguous parts, so that the findings keep the documents' order.
	parts := min(seedConcurrency/2, len(rest))
	partFindings := make([][]Finding, parts)
	errs := make([]error, parts)
	var wg sync.WaitGroup
	for i := range parts {
		part := rest[i*len(rest)/parts : (i+1)*len(rest)/parts]
		wg.Go(func() { partFindings[i], errs[i] = apply(ctx, cfg, part, false) })
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return err
	}
	for _, fs := range partFindings {
		findings = append(findings, fs...)
	}
	errs = nil
	for _, f := range findings {
		errs = append(errs, errors.New(f.String()))
	}
	if len(errs) > 0 {
		return fmt.Errorf("seed the cluster with the tree: %w", errors.Join(errs...))
	}
	return nil
}

// seedConcurrency bounds the requests a seed makes at once.
const seedConcurrency = 8

// crdTimeout bounds the wait for the CRDs to be served.
const crdTimeout = 30 * time.Second

// crdSeed is what a local control plane starts with: the compiled-in CRDs,
// established. Its key is their content, so that a kunerva with other CRDs
// prepares its own.
func crdSeed() (controlplane.Seed, error) {
	crds, err := compiledCRDs()
	if err != nil {
		return controlplane.Seed{}, err
	}
	h := sha256.New()
	for _, crd := range crds {
		b, err := json.Marshal(crd)
		if err != nil {
			return controlplane.Seed{}, fmt.Errorf("encode CRD %s: %w", crd.Name, err)
		}
		h.Write(b)
	}
	return controlplane.Seed{
		Key:   "crds " + hex.EncodeToString(h.Sum(nil)),
		Apply: installCRDs,
	}, nil
}

// waitCRDsServed waits until the API server serves the compiled-in CRDs,
// which it holds already.
func waitCRDsServed(ctx context.Context, cfg *rest.Config) error {
	crds, err := compiledCRDs()
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(ctx, crdTimeout)
	defer cancel()
	return waitServed(ctx, cfg, crds)
}

// installCRDs creates the compiled-in CRDs the cluster lacks and returns
// once the API server serves every one.
func installCRDs(ctx context.Context, cfg *rest.Config) error {
	// The CRDs' own schemas draw warnings (formats the server does not
	// know); they are upstream's, not the user's.
	cfg = rest.CopyConfig(cfg)
	cfg.WarningHandler = rest.NoWarnings{}
	crds, err := compiledCRDs()
	if err != nil {
		return err
	}
	// CRDs are large: protobuf is quicker to send and read than JSON.
	pb := rest.CopyConfig(cfg)
	pb.ContentType = runtime.ContentTypeProtobuf
	pb.AcceptContentTypes = runtime.ContentTypeProtobuf + "," + runtime.ContentTypeJSON
	client, err := apiextensionsclient.NewForConfig(pb)
	if err != nil {
		return err
	}
	api := client.ApiextensionsV1().CustomResourceDefinitions()
	have, err := api.List(ctx, metav1.ListOptions{})
	if err != nil {
		return fmt.Errorf("list the CRDs: %w", err)
	}
	exists := map[string]bool{}
	for _, crd := range have.Items {
		exists[crd.Name] = true
	}
	// The server spends most of a create compiling the CRD's schema: the
	// creates go in parallel.
	errs := make([]error, len(crds))
	var wg sync.WaitGroup
	for i, crd := range crds {
		if exists[crd.Name] {
			continue
		}
		wg.Go(func() {
			if _, err := api.Create(ctx, crd, metav1.CreateOptions{FieldManager: fieldManager}); err != nil && !apierrors.IsAlreadyExists(err) {
				errs[i] = fmt.Errorf("install CRD %s: %w", crd.Name, err)
			}
		})
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(ctx, crdTimeout)
	defer cancel()
	if err := waitEstablished(ctx, api, crds, have); err != nil {
		return err
	}
	return waitServed(ctx, cfg, crds)
}

// waitEstablished watches the CRDs until each is Established: the API
// server serves a CRD's resources from then on. list is a listing from
// before any of them was created, if there is one.
func waitEstablished(ctx context.Context, api apiextensionsv1client.CustomResourceDefinitionInterface, crds []*apiextensionsv1.CustomResourceDefinition, list *apiextensionsv1.CustomResourceDefinitionList) error {
	pending := map[string]bool{}
	for _, crd := range crds {
		pending[crd.Name] = true
	}
	established := func(crd *apiextensionsv1.CustomResourceDefinition) {
		if slices.ContainsFunc(crd.Status.Conditions, func(c apiextensionsv1.CustomResourceDefinitionCondition) bool {
			return c.Type == apiextensionsv1.Established && c.Status == apiextensionsv1.ConditionTrue
		}) {
			delete(pending, crd.Name)
		}
	}
	for {
		if list == nil {
			var err error
			if list, err = api.List(ctx, metav1.ListOptions{}); err != nil {
				return fmt.Errorf("wait for the CRDs to be established: %w", err)
			}
		}
		for i := range list.Items {
			established(&list.Items[i])
		}
		if len(pending) == 0 {
			return nil
		}
		w, err := api.Watch(ctx, metav1.ListOptions{ResourceVersion: list.ResourceVersion})
		list = nil
		if err != nil {
			return fmt.Errorf("wait for the CRDs to be established: %w", err)
		}
		for ev := range w.ResultChan() {
			if crd, ok := ev.Object.(*apiextensionsv1.CustomResourceDefinition); ok {
				established(crd)
			}
			if len(pending) == 0 {
				break
			}
		}
		w.Stop()
		if len(pending) == 0 {
			return nil
		}
		if ctx.Err() != nil {
			return fmt.Errorf("the CRDs %s were not established after %s", strings.Join(slices.Sorted(maps.Keys(pending)), ", "), crdTimeout)
		}
		// The server ended the watch: list and watch again.
	}
}

// waitServed polls discovery, as the dry-run's mapper reads it, until it
// lists every served version of the CRDs: a server started from a seed has
// them established before its discovery knows them.
func waitServed(ctx context.Context, cfg *rest.Config, crds []*apiextensionsv1.CustomResourceDefinition) error {
	dc, err := discovery.NewDiscoveryClientForConfig(cfg)
	if err != nil {
		return err
	}
	want := map[string]bool{}
	for _, crd := range crds {
		for _, v := range crd.Spec.Versions {
			if v.Served {
				want[crd.Spec.Group+"/"+v.Name+"/"+crd.Spec.Names.Plural] = true
			}
		}
	}
	for {
		// A group the server cannot describe yet is an error here that
		// the next poll may not have.
		_, lists, _ := dc.ServerGroupsAndResources()
		for _, l := range lists {
			for _, r := range l.APIResources {
				delete(want, l.GroupVersion+"/"+r.Name)
			}
		}
		if len(want) == 0 {
			return nil
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("the API server does not serve %s after %s", strings.Join(slices.Sorted(maps.Keys(want)), ", "), crdTimeout)
		case <-time.After(10 * time.Millisecond):
		}
	}
}
