package validate

import (
	"testing"
)

func TestCRDs(t *testing.T) {
	crds, err := compiledCRDs()
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		"CiliumNetworkPolicy":            "cilium.io/v2",
		"CiliumClusterwideNetworkPolicy": "cilium.io/v2",
		"CiliumCIDRGroup":                "cilium.io/v2",
		"KubeArmorPolicy":                "security.kubearmor.com/v1",
		"KubeArmorHostPolicy":            "security.kubearmor.com/v1",
		"KubeArmorClusterPolicy":         "security.kubearmor.com/v1",
	}
	got := map[string]bool{}
	for _, crd := range crds {
		for _, v := range crd.Spec.Versions {
			if !v.Served || v.Schema == nil || v.Schema.OpenAPIV3Schema == nil {
				continue
			}
			got[crd.Spec.Names.Kind+" "+crd.Spec.Group+"/"+v.Name] = true
		}
	}
	for kind, apiVersion := range want {
		if !got[kind+" "+apiVersion] {
			t.Errorf("CRDs() has no served schema for %s %s; got %v", kind, apiVersion, got)
		}
	}
	if len(crds) != len(want) {
		t.Errorf("CRDs() returned %d CRDs, want %d", len(crds), len(want))
	}

	// Each call returns fresh objects: the dry-run stage may change them.
	again, err := compiledCRDs()
	if err != nil {
		t.Fatal(err)
	}
	if again[0] == crds[0] {
		t.Error("CRDs() returned the same object twice")
	}
}
