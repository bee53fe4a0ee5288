package pipeline

import (
	"testing"

	"github.com/kunerva/kunerva/internal/tree"
)

func networkPolicy(name, spec string) tree.Object {
	return tree.Object{
		APIVersion: "networking.k8s.io/v1", Kind: "NetworkPolicy", Namespace: "payments", Name: name,
		YAML: []byte("apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: " + name + "\n  namespace: payments\nspec:\n" + spec),
	}
}

// A branch that renames the policy of a file, and weakens it, opens
// access: the old name must not stay in force after the change, or the
// check says "no changes" for it.
func TestDiffOfARenamedPolicy(t *testing.T) {
	shop, err := tree.Load("../../examples/shop")
	if err != nil {
		t.Fatal(err)
	}
	was := networkPolicy("default-deny", "  podSelector: {}\n  policyTypes: [Ingress]\n")
	now := networkPolicy("nothing", "  podSelector:\n    matchLabels: {app: none}\n  policyTypes: [Ingress]\n")
	head := *shop
	head.Objects = append(append([]tree.Object(nil), shop.Objects...), now)
	r, err := diffOf(&head, []tree.Object{was}, []tree.Object{now})
	if err != nil {
		t.Fatal(err)
	}
	if !r.RemovesProtection() {
		t.Fatalf("removing default-deny removes no protection:\n%s", r.Text())
	}
}
