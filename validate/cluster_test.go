package validate

import (
	"context"
	"strings"
	"testing"
	"time"
)

// TestLocalClusterServesEveryPolicyKind runs the dry-run the way `kunerva
// validate` does, on a local control plane started from the prepared CRD
// seed: a dev-set policy of every kind passes, and a policy the CRD refuses
// is a finding of the API server's, not of a kind it does not serve.
func TestLocalClusterServesEveryPolicyKind(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: the local control plane is not started")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	bad, err := Parse("bad.yaml", []byte(`apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata: {name: bad-protocol, namespace: shop}
spec:
  endpointSelector: {matchLabels: {app: checkout}}
  egress:
  - toPorts:
    - ports: [{port: "443", protocol: SCTPX}]
`))
	if err != nil {
		t.Fatal(err)
	}
	var docs []Document
	kinds := map[string]bool{}
	for _, d := range devSetPolicies(t) {
		if !kinds[d.Kind()] {
			kinds[d.Kind()] = true
			docs = append(docs, d)
		}
	}
	if len(kinds) != 6 {
		t.Errorf("the dev set has policies of %d kinds, want 6: %v", len(kinds), kinds)
	}
	docs = append(docs, bad...)
	findings, err := Run(ctx, Config{Stages: []Stage{StageDryRun}, Cluster: ClusterOptions{Mode: ClusterLocal, Tree: loadShop(t)}}, docs)
	if err != nil {
		t.Fatalf("the local control plane is needed: %v", err)
	}
	var got []Finding
	for _, f := range findings {
		if f.Severity == SeverityError {
			got = append(got, f)
		}
	}
	if len(got) != 1 || got[0].Object != "CiliumNetworkPolicy/shop/bad-protocol" || strings.Contains(got[0].Message, "does not serve") {
		t.Errorf("want one dry-run finding, the API server's on bad-protocol; got:\n%s", findingLines(got))
	}
}
