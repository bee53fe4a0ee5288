package tree

import (
	"fmt"

	"sigs.k8s.io/kustomize/api/resource"
	"sigs.k8s.io/kustomize/kyaml/resid"

	"github.com/kunerva/kunerva/internal/policy"
)

// clusterScopedKinds returns the group/Kind of the custom kinds that are
// cluster-scoped; kustomize's built-in schema covers only built-in kinds.
// Besides the CRDs in the build that say so, it lists the cluster-wide
// policy kinds: trees that hold such policies rarely hold their CRDs, and
// without this the policies would land in "default".
func clusterScopedKinds(resources []*resource.Resource) map[string]bool {
	kinds := map[string]bool{
		"policy.networking.k8s.io/AdminNetworkPolicy":         true,
		"policy.networking.k8s.io/BaselineAdminNetworkPolicy": true,
	}
	for _, k := range policy.Kinds {
		if k.Cluster {
			kinds[k.Group+"/"+k.Name] = true
		}
	}
	for _, r := range resources {
		gvk := r.GetGvk()
		if gvk.Group != "apiextensions.k8s.io" || gvk.Kind != "CustomResourceDefinition" {
			continue
		}
		scope, _ := r.GetString("spec.scope")
		group, _ := r.GetString("spec.group")
		kind, _ := r.GetString("spec.names.kind")
		if scope == "Cluster" {
			kinds[group+"/"+kind] = true
		}
	}
	return kinds
}

func newObject(r *resource.Resource, clusterScoped map[string]bool) (Object, error) {
	gvk := r.GetGvk()
	o := Object{
		APIVersion: gvk.ApiVersion(),
		Kind:       gvk.Kind,
		Namespace:  r.GetNamespace(),
		Name:       r.GetName(),
	}
	switch {
	case gvk.IsClusterScoped() || clusterScoped[gvk.Group+"/"+gvk.Kind]:
		o.Namespace = ""
	case o.Namespace == "":
		o.Namespace = "default"
	}
	data, err := r.AsYAML()
	if err != nil {
		return Object{}, fmt.Errorf("%s: render YAML: %w", o.ref(), err)
	}
	o.YAML = data
	return o, nil
}

// ref names the object the way kubectl users read it: Kind namespace/name.
func (o Object) ref() string {
	if o.Namespace == "" {
		return o.Kind + " " + o.Name
	}
	return o.Kind + " " + o.Namespace + "/" + o.Name
}

// group is the API group of the object; "" for the core group.
func (o Object) group() string {
	group, _ := resid.ParseGroupVersion(o.APIVersion)
	return group
}
