package validate

import (
	"testing"

	"github.com/kunerva/kunerva/internal/tree"
)

// BenchmarkDryRun measures the dry-run stage alone: server-side apply with
// dryRun=All of every expected dev-set policy on the local control plane.
func BenchmarkDryRun(b *testing.B) {
	cfg := localCluster(b)
	ctx := b.Context()
	docs := devSetPolicies(b)
	if err := Seed(ctx, cfg, nil, docs); err != nil {
		b.Fatal(err)
	}
	findings, err := dryRun(ctx, cfg, docs) // and warm the connection
	if err != nil {
		b.Fatal(err)
	}
	if HasErrors(findings) {
		b.Fatalf("the dev set does not pass the dry-run:\n%s", findingLines(findings))
	}
	for b.Loop() {
		if _, err := dryRun(ctx, cfg, docs); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(docs)*b.N)/b.Elapsed().Seconds(), "policies/s")
}

// BenchmarkValidateAll measures the three stages together on the expected
// dev-set policies: schema, dry-run on the local control plane and the
// checks, against the shop tree for the cases that name it and without a
// tree for the others.
func BenchmarkValidateAll(b *testing.B) {
	cfg := localCluster(b)
	ctx := b.Context()
	shop := loadShop(b)
	groups := []struct {
		tree *tree.Tree
		docs []Document
	}{{tree: shop}, {tree: nil}}
	for treeName, docs := range devSetByTree(b) {
		i := 1
		if treeName == "examples/shop" {
			i = 0
		} else if treeName != "" {
			b.Fatalf("the dev set names the tree %s; teach this benchmark to load it", treeName)
		}
		groups[i].docs = append(groups[i].docs, docs...)
	}
	var all []Document
	validators := make([]*Session, len(groups))
	for i, g := range groups {
		all = append(all, g.docs...)
		v, err := Open(ctx, Config{CacheDir: b.TempDir(), Cluster: ClusterOptions{REST: cfg, Tree: g.tree}}, nil)
		if err != nil {
			b.Fatal(err)
		}
		validators[i] = v
	}
	if err := Seed(ctx, cfg, shop, all); err != nil {
		b.Fatal(err)
	}
	validateAll := func() []Finding {
		var findings []Finding
		for i, g := range groups {
			fs, err := validators[i].Validate(ctx, g.docs)
			if err != nil {
				b.Fatal(err)
			}
			findings = append(findings, fs...)
		}
		return findings
	}
	if fs := validateAll(); HasErrors(fs) { // and compile the schemas once
		b.Fatalf("the dev set does not pass all three stages:\n%s", findingLines(fs))
	}
	for b.Loop() {
		validateAll()
	}
	b.ReportMetric(float64(len(all)*b.N)/b.Elapsed().Seconds(), "policies/s")
}

// devSetByTree groups the dev set's expected policies by the tree their
// case names ("" for none).
func devSetByTree(t testing.TB) map[string][]Document {
	out := map[string][]Document{}
	for _, c := range devSet(t) {
		out[c.Tree] = append(out[c.Tree], c.Docs...)
	}
	return out
}
