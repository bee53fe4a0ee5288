package validate

import (
	"context"
	"encoding/json"
	"fmt"

	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/client-go/dynamic"
	"k8s.io/client-go/rest"

	"github.com/kunerva/kunerva/internal/tree"
)

// liveResources are what the checks look at in a live cluster: namespaces,
// workloads, Services and the policies already there.
var liveResources = []schema.GroupVersionResource{
	{Version: "v1", Resource: "namespaces"},
	{Version: "v1", Resource: "services"},
	{Version: "v1", Resource: "pods"},
	{Group: "apps", Version: "v1", Resource: "deployments"},
	{Group: "apps", Version: "v1", Resource: "statefulsets"},
	{Group: "apps", Version: "v1", Resource: "daemonsets"},
	{Group: "batch", Version: "v1", Resource: "jobs"},
	{Group: "batch", Version: "v1", Resource: "cronjobs"},
	{Group: "networking.k8s.io", Version: "v1", Resource: "networkpolicies"},
	{Group: "cilium.io", Version: "v2", Resource: "ciliumnetworkpolicies"},
	{Group: "cilium.io", Version: "v2", Resource: "ciliumclusterwidenetworkpolicies"},
	{Group: "security.kubearmor.com", Version: "v1", Resource: "kubearmorpolicies"},
	{Group: "security.kubearmor.com", Version: "v1", Resource: "kubearmorclusterpolicies"},
	{Group: "security.kubearmor.com", Version: "v1", Resource: "kubearmorhostpolicies"},
}

// liveTree indexes a live cluster's namespaces, workloads, Services and
// policies as the checks index a kustomize tree. Pods and Jobs that a
// controller owns are left out: their owner stands for them. Kinds the
// cluster does not serve (no Cilium, say) are skipped.
func liveTree(ctx context.Context, cfg *rest.Config) (*tree.Tree, error) {
	dyn, err := dynamic.NewForConfig(cfg)
	if err != nil {
		return nil, err
	}
	var objs []tree.Object
	for _, gvr := range liveResources {
		list, err := dyn.Resource(gvr).List(ctx, metav1.ListOptions{})
		if apierrors.IsNotFound(err) {
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("list %s in the cluster: %w", gvr.Resource, err)
		}
		for _, item := range list.Items {
			if len(item.GetOwnerReferences()) > 0 && (gvr.Resource == "pods" || gvr.Resource == "jobs") {
				continue
			}
			item.SetManagedFields(nil)
			delete(item.Object, "status")
			b, err := json.Marshal(item.Object)
			if err != nil {
				return nil, err
			}
			objs = append(objs, tree.Object{APIVersion: item.GetAPIVersion(), Kind: item.GetKind(), Namespace: item.GetNamespace(), Name: item.GetName(), YAML: b})
		}
	}
	return tree.FromObjects(cfg.Host, objs)
}
