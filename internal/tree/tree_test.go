package tree

import (
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

const shopDir = "../../examples/shop"

func loadShop(t *testing.T) *Tree {
	t.Helper()
	tr, err := Load(shopDir)
	if err != nil {
		t.Fatalf("Load(%q): %v", shopDir, err)
	}
	return tr
}

func TestLoadShopNamespaces(t *testing.T) {
	tr := loadShop(t)
	tests := []struct {
		name   string
		labels map[string]string
	}{
		{"data", map[string]string{"env": "prod", "team": "data"}},
		{"monitoring", map[string]string{"team": "ops", "purpose": "monitoring"}},
		{"payments", map[string]string{"env": "prod", "team": "payments", "compliance": "pci"}},
		{"shop", map[string]string{"env": "prod", "team": "storefront"}},
		{"web", map[string]string{"env": "prod", "team": "edge"}},
	}
	var names []string
	for _, ns := range tr.Namespaces {
		names = append(names, ns.Name)
	}
	if want := []string{"data", "monitoring", "payments", "shop", "web"}; !slices.Equal(names, want) {
		t.Errorf("Namespaces = %v, want %v", names, want)
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ns, ok := tr.Namespace(tt.name)
			if !ok || !ns.Declared {
				t.Fatalf("Namespace(%q) = %+v, %v; want a declared namespace", tt.name, ns, ok)
			}
			if !maps.Equal(ns.Labels, tt.labels) {
				t.Errorf("labels = %v, want %v", ns.Labels, tt.labels)
			}
		})
	}
	if ns, ok := tr.Namespace("default"); ok {
		t.Errorf("Namespace(default) = %+v; nothing in the shop is in default", ns)
	}
}

func TestLoadShopWorkloads(t *testing.T) {
	tr := loadShop(t)
	tests := []struct {
		namespace, name, kind string
		selector              map[string]string // the README's pod selector labels
		ports                 []string          // container/name/port/protocol
	}{
		{"data", "backup", "CronJob", labels("app=backup"), nil},
		{"data", "cache", "Deployment", labels("app.kubernetes.io/name=cache"), []string{"redis/redis/6379/TCP"}},
		{"data", "db", "StatefulSet", labels("app=db"), []string{"postgres/postgres/5432/TCP"}},
		{"data", "migrate", "Job", labels("app=migrate"), nil},
		{"monitoring", "node-exporter", "DaemonSet", labels("app=node-exporter"), []string{"node-exporter/metrics/9100/TCP"}},
		{"monitoring", "prometheus", "Deployment", labels("app.kubernetes.io/name=prometheus"), []string{"prometheus/web/9090/TCP"}},
		{"payments", "payments", "Deployment", labels("app=payments"), []string{"payments/https/8443/TCP", "payments/metrics/9102/TCP"}},
		{"payments", "worker", "Deployment", labels("app=worker"), []string{"worker/metrics/9102/TCP"}},
		{"shop", "cart", "Deployment", labels("app.kubernetes.io/name=cart"), []string{"cart/http/8080/TCP"}},
		{"shop", "checkout", "Deployment", labels("app.kubernetes.io/name=checkout"), []string{"checkout/http/8080/TCP", "checkout/grpc/9090/TCP"}},
		{"shop", "frontend", "Deployment", labels("app=frontend"), []string{"frontend/http/8080/TCP"}},
		{"shop", "toolbox", "Pod", labels("app=toolbox"), nil},
		{"shop", "worker", "Deployment", labels("app=worker"), []string{"worker/metrics/9102/TCP"}},
		{"web", "nginx", "Deployment", labels("app=nginx"), []string{"nginx/http/80/TCP", "nginx/https/443/TCP"}},
	}
	if len(tr.Workloads) != len(tests) {
		t.Errorf("got %d workloads, want %d: %v", len(tr.Workloads), len(tests), refs(tr.Workloads))
	}
	for i, tt := range tests {
		t.Run(tt.namespace+"/"+tt.name, func(t *testing.T) {
			if i >= len(tr.Workloads) {
				t.Fatalf("missing")
			}
			w := tr.Workloads[i] // also checks the sort order
			if w.Namespace != tt.namespace || w.Name != tt.name || w.Kind != tt.kind {
				t.Fatalf("workload %d = %s %s/%s, want %s %s/%s", i, w.Kind, w.Namespace, w.Name, tt.kind, tt.namespace, tt.name)
			}
			switch w.Kind {
			case "Job", "CronJob", "Pod":
				// No selector of their own: all pod labels stand in.
				if !maps.Equal(w.Selector, w.PodLabels) || !isSubset(tt.selector, w.Selector) {
					t.Errorf("Selector, PodLabels = %v, %v; want both equal and holding %v", w.Selector, w.PodLabels, tt.selector)
				}
			default:
				if !maps.Equal(w.Selector, tt.selector) {
					t.Errorf("Selector = %v, want %v", w.Selector, tt.selector)
				}
				// Templates carry descriptive labels beyond the selector.
				if !isSubset(w.Selector, w.PodLabels) || len(w.PodLabels) <= len(w.Selector) {
					t.Errorf("PodLabels = %v, want a strict superset of %v", w.PodLabels, w.Selector)
				}
			}
			if got := portStrings(w.Ports); !slices.Equal(got, tt.ports) {
				t.Errorf("Ports = %v, want %v", got, tt.ports)
			}
		})
	}
}

func TestLoadShopServices(t *testing.T) {
	tr := loadShop(t)
	tests := []struct {
		namespace, name string
		selector        map[string]string
		ports           []string // name/port->target/protocol
	}{
		{"data", "cache", labels("app.kubernetes.io/name=cache"), []string{"redis/6379->redis/TCP"}},
		{"data", "db", labels("app=db"), []string{"postgres/5432->postgres/TCP"}},
		{"monitoring", "prometheus", labels("app.kubernetes.io/name=prometheus"), []string{"web/9090->web/TCP"}},
		{"payments", "payments", labels("app=payments"), []string{"https/443->https/TCP"}},
		{"shop", "cart", labels("app.kubernetes.io/name=cart"), []string{"http/80->http/TCP"}},
		{"shop", "checkout", labels("app.kubernetes.io/name=checkout"), []string{"http/80->http/TCP", "grpc/9090->grpc/TCP"}},
		{"shop", "frontend", labels("app=frontend"), []string{"http/80->http/TCP"}},
		{"web", "nginx", labels("app=nginx"), []string{"http/80->http/TCP", "https/443->https/TCP"}},
	}
	if len(tr.Services) != len(tests) {
		t.Errorf("got %d services, want %d", len(tr.Services), len(tests))
	}
	for i, tt := range tests {
		t.Run(tt.namespace+"/"+tt.name, func(t *testing.T) {
			if i >= len(tr.Services) {
				t.Fatalf("missing")
			}
			s := tr.Services[i]
			if s.Namespace != tt.namespace || s.Name != tt.name {
				t.Fatalf("service %d = %s/%s, want %s/%s", i, s.Namespace, s.Name, tt.namespace, tt.name)
			}
			if !maps.Equal(s.Selector, tt.selector) {
				t.Errorf("Selector = %v, want %v", s.Selector, tt.selector)
			}
			if got := servicePortStrings(s.Ports); !slices.Equal(got, tt.ports) {
				t.Errorf("Ports = %v, want %v", got, tt.ports)
			}
		})
	}
}

func TestLoadShopObjects(t *testing.T) {
	tr := loadShop(t)
	// 5 namespaces, 14 workloads, 8 services and no policies yet.
	if len(tr.Objects) != 27 {
		t.Errorf("got %d objects, want 27", len(tr.Objects))
	}
	for _, o := range tr.Objects {
		if o.Kind == "Namespace" && o.Namespace != "" {
			t.Errorf("%s: a Namespace is cluster-scoped, got namespace %q", o.ref(), o.Namespace)
		}
		if len(o.YAML) == 0 || !strings.Contains(string(o.YAML), "name: "+o.Name) {
			t.Errorf("%s: YAML does not hold the object:\n%s", o.ref(), o.YAML)
		}
	}
}

func TestLookup(t *testing.T) {
	shop := loadShop(t)
	small := loadSmall(t)
	tests := []struct {
		name  string
		tree  *Tree
		query string
		want  []string
	}{
		{"same name in two namespaces", shop, "worker", []string{"Deployment payments/worker", "Deployment shop/worker"}},
		{"by app.kubernetes.io/name", shop, "checkout", []string{"Deployment shop/checkout"}},
		{"case-insensitive", shop, "NGINX", []string{"Deployment web/nginx"}},
		{"bare pod", shop, "Toolbox", []string{"Pod shop/toolbox"}},
		{"cronjob", shop, "backup", []string{"CronJob data/backup"}},
		{"unknown", shop, "mysql", nil},
		{"empty", shop, "", nil},
		{"by app label only, once each", small, "api", []string{"Deployment default/api", "Deployment default/api-v2"}},
		{"by app.kubernetes.io/name only", small, "Reports", []string{"CronJob batch/nightly-reports"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := refs(tt.tree.Lookup(tt.query)); !slices.Equal(got, tt.want) {
				t.Errorf("Lookup(%q) = %v, want %v", tt.query, got, tt.want)
			}
		})
	}
}

func TestServicesSelecting(t *testing.T) {
	tr := loadShop(t)
	small := loadSmall(t)
	tests := []struct {
		name      string
		tree      *Tree
		workload  string // namespace/name
		wantNames []string
	}{
		{"selector by app", tr, "shop/frontend", []string{"frontend"}},
		{"selector by app.kubernetes.io/name", tr, "shop/checkout", []string{"checkout"}},
		{"statefulset", tr, "data/db", []string{"db"}},
		{"no service", tr, "shop/worker", nil},
		{"daemonset without service", tr, "monitoring/node-exporter", nil},
		{"two services, not the one in another namespace", small, "default/api", []string{"api", "api-metrics"}},
		{"empty selector selects nothing", small, "batch/nightly-reports", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := find(t, tt.tree, tt.workload)
			var got []string
			for _, s := range tt.tree.ServicesSelecting(w) {
				got = append(got, s.Name)
			}
			if !slices.Equal(got, tt.wantNames) {
				t.Errorf("ServicesSelecting(%s) = %v, want %v", tt.workload, got, tt.wantNames)
			}
		})
	}
}

func labels(pairs ...string) map[string]string {
	m := map[string]string{}
	for _, p := range pairs {
		k, v, _ := strings.Cut(p, "=")
		m[k] = v
	}
	return m
}

func refs(ws []Workload) []string {
	var out []string
	for _, w := range ws {
		out = append(out, w.Kind+" "+w.Namespace+"/"+w.Name)
	}
	return out
}

func portStrings(ps []ContainerPort) []string {
	var out []string
	for _, p := range ps {
		out = append(out, fmt.Sprintf("%s/%s/%d/%s", p.Container, p.Name, p.Port, p.Protocol))
	}
	return out
}

func servicePortStrings(ps []ServicePort) []string {
	var out []string
	for _, p := range ps {
		out = append(out, fmt.Sprintf("%s/%d->%s/%s", p.Name, p.Port, p.TargetPort, p.Protocol))
	}
	return out
}

func find(t *testing.T, tr *Tree, ref string) Workload {
	t.Helper()
	for _, w := range tr.Workloads {
		if w.Namespace+"/"+w.Name == ref {
			return w
		}
	}
	t.Fatalf("no workload %s in %v", ref, refs(tr.Workloads))
	return Workload{}
}

// writeTree writes files (path -> content) under a new temporary directory.
func writeTree(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, content := range files {
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}
