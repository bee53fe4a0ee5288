package validate

import (
	"context"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"k8s.io/client-go/tools/clientcmd"
	clientcmdapi "k8s.io/client-go/tools/clientcmd/api"

	"github.com/kunerva/kunerva/internal/tree"
)

// A cluster seeded with the shop tree, read back live, indexes the same
// workloads, Services and namespaces as the tree, so the checks judge a live
// cluster as they judge its tree.
func TestLiveTreeMatchesTheTree(t *testing.T) {
	cfg := localCluster(t)
	shop := loadShop(t)
	ctx := context.Background()
	if err := Seed(ctx, cfg, shop, nil); err != nil {
		t.Fatal(err)
	}
	live, err := liveTree(ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	workloads := func(tr *tree.Tree, namespaces []string) []string {
		var out []string
		for _, w := range tr.Workloads {
			if slices.Contains(namespaces, w.Namespace) {
				out = append(out, w.Kind+" "+w.Namespace+"/"+w.Name+" "+labelText(w.Selector))
			}
		}
		return out
	}
	var names []string
	for _, ns := range shop.Namespaces {
		names = append(names, ns.Name)
		got, ok := live.Namespace(ns.Name)
		if !ok {
			t.Errorf("namespace %s is not in the live tree", ns.Name)
			continue
		}
		for k, v := range ns.Labels {
			if got.Labels[k] != v {
				t.Errorf("namespace %s: label %s=%q live, %q in the tree", ns.Name, k, got.Labels[k], v)
			}
		}
	}
	if w, g := workloads(shop, names), workloads(live, names); !slices.Equal(w, g) {
		t.Errorf("live workloads differ from the tree's:\n live: %v\n tree: %v", g, w)
	}
	if len(live.Services) < len(shop.Services) {
		t.Errorf("live tree has %d Services, the tree %d", len(live.Services), len(shop.Services))
	}
	// And the checks find the same problem against either.
	docs, err := Parse("db.yaml", []byte(strings.ReplaceAll(`apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: db, namespace: data}
spec:
  podSelector: {matchLabels: {app: database}}
  policyTypes: [Ingress]
`, "\t", "")))
	if err != nil {
		t.Fatal(err)
	}
	fromTree, fromLive := check(docs, shop, nil), check(docs, live, nil)
	if len(fromTree) != 1 || len(fromLive) != 1 || fromTree[0].Message != fromLive[0].Message {
		t.Errorf("checks differ:\n tree: %v\n live: %v", fromTree, fromLive)
	}
}

func labelText(m map[string]string) string {
	var parts []string
	for k, v := range m {
		parts = append(parts, k+"="+v)
	}
	slices.Sort(parts)
	return strings.Join(parts, ",")
}

// With --kubeconfig and no tree, Run dry-runs on that cluster and checks
// against its live objects.
func TestRunAgainstAnExistingCluster(t *testing.T) {
	cfg := localCluster(t)
	ctx := context.Background()
	if err := Seed(ctx, cfg, loadShop(t), nil); err != nil {
		t.Fatal(err)
	}
	kc := clientcmdapi.NewConfig()
	kc.Clusters["local"] = &clientcmdapi.Cluster{Server: cfg.Host, CertificateAuthorityData: cfg.CAData}
	kc.AuthInfos["admin"] = &clientcmdapi.AuthInfo{Token: cfg.BearerToken}
	kc.Contexts["local"] = &clientcmdapi.Context{Cluster: "local", AuthInfo: "admin"}
	kc.CurrentContext = "local"
	path := filepath.Join(t.TempDir(), "kubeconfig")
	if err := clientcmd.WriteToFile(*kc, path); err != nil {
		t.Fatal(err)
	}
	docs, err := Parse("db.yaml", []byte(`apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: db, namespace: data}
spec:
  podSelector: {matchLabels: {app: db}}
  policyTypes: [Ingress]
  ingress:
  - from: [{podSelector: {matchLabels: {app: backup}}}]
    ports: [{port: 5433}]
`))
	if err != nil {
		t.Fatal(err)
	}
	findings, err := Run(ctx, Config{CacheDir: t.TempDir(), Cluster: ClusterOptions{Kubeconfig: path}}, docs)
	if err != nil {
		t.Fatal(err)
	}
	if len(findings) != 1 || findings[0].Check != "ports" || !strings.Contains(findings[0].Message, "app=db exposes postgres 5432") {
		t.Errorf("want one ports finding from the live objects, got %v", findings)
	}
}
