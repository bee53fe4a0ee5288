package validate

import (
	"fmt"
	"sync"

	ciliumcrds "github.com/cilium/cilium/pkg/k8s/apis/cilium.io/client/crds/v2"
	kubearmorcrd "github.com/kubearmor/KubeArmor/pkg/KubeArmorController/crd"
	apiextensionsv1 "k8s.io/apiextensions-apiserver/pkg/apis/apiextensions/v1"
	"sigs.k8s.io/yaml"
)

// ciliumCRDs are the manifests read from Cilium's embedded CRDs: its two
// network-policy kinds and the CIDR groups their rules may refer to
// (cidrGroupRef). The other Cilium CRDs describe agent state, not policy.
var ciliumCRDs = []string{
	"ciliumnetworkpolicies.yaml",
	"ciliumclusterwidenetworkpolicies.yaml",
	"ciliumcidrgroups.yaml",
}

// compiledCRDs returns the CustomResourceDefinitions of the policy kinds kunerva
// validates, as the Cilium and KubeArmor modules compiled into this binary
// define them: CiliumNetworkPolicy, CiliumClusterwideNetworkPolicy,
// CiliumCIDRGroup, KubeArmorPolicy, KubeArmorHostPolicy and
// KubeArmorClusterPolicy. Each call returns fresh objects, copies of the
// ones decoded once (decoding takes tens of milliseconds).
func compiledCRDs() ([]*apiextensionsv1.CustomResourceDefinition, error) {
	crds, err := decodedCRDs()
	if err != nil {
		return nil, err
	}
	out := make([]*apiextensionsv1.CustomResourceDefinition, len(crds))
	for i, crd := range crds {
		out[i] = crd.DeepCopy()
	}
	return out, nil
}

var decodedCRDs = sync.OnceValues(decodeCRDs)

func decodeCRDs() ([]*apiextensionsv1.CustomResourceDefinition, error) {
	var crds []*apiextensionsv1.CustomResourceDefinition
	for _, name := range ciliumCRDs {
		data, err := ciliumcrds.EmbedFS.ReadFile(name)
		if err != nil {
			return nil, fmt.Errorf("read Cilium's %s: %w", name, err)
		}
		crd := new(apiextensionsv1.CustomResourceDefinition)
		if err := yaml.UnmarshalStrict(data, crd); err != nil {
			return nil, fmt.Errorf("decode Cilium's %s: %w", name, err)
		}
		crds = append(crds, crd)
	}
	// These log.Fatal on bytes that do not decode; the bytes are compiled in
	// and the test of CRDs decodes them on every build.
	for _, get := range []func() apiextensionsv1.CustomResourceDefinition{
		kubearmorcrd.GetKspCRD, kubearmorcrd.GetHspCRD, kubearmorcrd.GetCspCRD,
	} {
		crd := get()
		crds = append(crds, &crd)
	}
	return crds, nil
}
