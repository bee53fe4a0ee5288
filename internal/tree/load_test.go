package tree

import (
	"errors"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// smallTree has what the shop lacks: objects without a namespace, a
// namespace nothing declares, bare Pods and Jobs, names that differ from
// app labels, numeric and defaulted target ports, cluster-scoped kinds.
var smallTree = map[string]string{
	"kustomization.yaml": `
resources: [app.yaml, batch.yaml, cluster.yaml]
`,
	"app.yaml": `
apiVersion: apps/v1
kind: Deployment
metadata: {name: api}
spec:
  selector: {matchLabels: {app: api, version: v1}}
  template:
    metadata: {labels: {app: api, version: v1}}
    spec:
      initContainers:
        - {name: proxy, image: envoyproxy/envoy:v1.31.0, restartPolicy: Always, ports: [{name: admin, containerPort: 15000}]}
      containers:
        - {name: api, image: example/api:1, ports: [{name: http, containerPort: 8080}]}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: api-v2}
spec:
  selector: {matchLabels: {app: api, version: v2}}
  template:
    metadata: {labels: {app: api, version: v2}}
    spec:
      containers:
        - {name: api, image: example/api:2, ports: [{containerPort: 8080}, {name: dns, containerPort: 5353, protocol: UDP}]}
---
apiVersion: v1
kind: Service
metadata: {name: api}
spec:
  selector: {app: api}
  ports:
    - {name: http, port: 80, targetPort: 8080}
    - {name: metrics, port: 9090}
    - {name: dns, port: 53, targetPort: dns, protocol: UDP}
---
apiVersion: v1
kind: Service
metadata: {name: api-metrics}
spec:
  selector: {app: api, version: v1}
  ports: [{port: 9090}]
---
apiVersion: v1
kind: ConfigMap
metadata: {name: settings}
data: {LOG_LEVEL: info}
`,
	"batch.yaml": `
apiVersion: batch/v1
kind: CronJob
metadata: {name: nightly-reports, namespace: batch}
spec:
  schedule: "0 1 * * *"
  jobTemplate:
    spec:
      template:
        metadata: {labels: {app.kubernetes.io/name: reports}}
        spec:
          restartPolicy: OnFailure
          containers: [{name: reports, image: example/reports:1}]
---
apiVersion: batch/v1
kind: Job
metadata: {name: seed, namespace: batch}
spec:
  template:
    metadata: {labels: {job: seed}}
    spec:
      restartPolicy: Never
      containers: [{name: seed, image: example/seed:1}]
---
apiVersion: v1
kind: Pod
metadata: {name: debug, namespace: batch, labels: {app: debug}}
spec:
  containers: [{name: shell, image: busybox:1.36, ports: [{name: pprof, containerPort: 6060}]}]
---
apiVersion: v1
kind: Service
metadata: {name: api, namespace: batch}
spec:
  selector: {app: api}
  ports: [{port: 80}]
---
apiVersion: v1
kind: Service
metadata: {name: everything, namespace: batch}
spec:
  selector: {}
  ports: [{port: 80}]
`,
	"cluster.yaml": `
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: reader}
rules: [{apiGroups: [""], resources: [pods], verbs: [get]}]
---
apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: {name: widgets.example.com}
spec:
  group: example.com
  scope: Cluster
  names: {kind: Widget, plural: widgets}
  versions: [{name: v1, served: true, storage: true, schema: {openAPIV3Schema: {type: object}}}]
---
apiVersion: example.com/v1
kind: Widget
metadata: {name: w1}
---
apiVersion: cilium.io/v2
kind: CiliumClusterwideNetworkPolicy
metadata: {name: deny-all}
spec: {endpointSelector: {}}
---
apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata: {name: allow-api}
spec: {endpointSelector: {matchLabels: {app: api}}}
`,
}

func loadSmall(t *testing.T) *Tree {
	t.Helper()
	dir := writeTree(t, smallTree)
	tr, err := Load(dir)
	if err != nil {
		t.Fatalf("Load(%q): %v", dir, err)
	}
	return tr
}

func TestLoadSmallNamespaces(t *testing.T) {
	tr := loadSmall(t)
	want := []Namespace{{Name: "batch"}, {Name: "default"}}
	if !slices.EqualFunc(tr.Namespaces, want, func(a, b Namespace) bool {
		return a.Name == b.Name && a.Declared == b.Declared && a.Labels == nil
	}) {
		t.Errorf("Namespaces = %+v, want %+v (undeclared, Labels nil)", tr.Namespaces, want)
	}
}

func TestLoadSmallObjectNamespaces(t *testing.T) {
	tr := loadSmall(t)
	tests := []struct {
		kind, name, namespace string
	}{
		{"ConfigMap", "settings", "default"},
		{"Deployment", "api", "default"},
		{"Pod", "debug", "batch"},
		{"ClusterRole", "reader", ""},
		{"CustomResourceDefinition", "widgets.example.com", ""},
		{"Widget", "w1", ""},
		{"CiliumClusterwideNetworkPolicy", "deny-all", ""},
		{"CiliumNetworkPolicy", "allow-api", "default"},
	}
	for _, tt := range tests {
		t.Run(tt.kind+"/"+tt.name, func(t *testing.T) {
			i := slices.IndexFunc(tr.Objects, func(o Object) bool { return o.Kind == tt.kind && o.Name == tt.name })
			if i < 0 {
				t.Fatalf("not in Objects")
			}
			if got := tr.Objects[i].Namespace; got != tt.namespace {
				t.Errorf("Namespace = %q, want %q", got, tt.namespace)
			}
		})
	}
}

func TestLoadSmallWorkloads(t *testing.T) {
	tr := loadSmall(t)
	tests := []struct {
		ref       string
		selector  map[string]string
		podLabels map[string]string
		ports     []string
	}{
		{"Pod batch/debug", labels("app=debug"), labels("app=debug"), []string{"shell/pprof/6060/TCP"}},
		{"CronJob batch/nightly-reports", labels("app.kubernetes.io/name=reports"), labels("app.kubernetes.io/name=reports"), nil},
		{"Job batch/seed", labels("job=seed"), labels("job=seed"), nil},
		{"Deployment default/api", labels("app=api", "version=v1"), labels("app=api", "version=v1"), []string{"api/http/8080/TCP", "proxy/admin/15000/TCP"}},
		{"Deployment default/api-v2", labels("app=api", "version=v2"), labels("app=api", "version=v2"), []string{"api//8080/TCP", "api/dns/5353/UDP"}},
	}
	if got := refs(tr.Workloads); len(got) != len(tests) {
		t.Fatalf("Workloads = %v, want %d", got, len(tests))
	}
	for i, tt := range tests {
		t.Run(tt.ref, func(t *testing.T) {
			w := tr.Workloads[i]
			if got := refs([]Workload{w})[0]; got != tt.ref {
				t.Fatalf("workload %d = %s, want %s", i, got, tt.ref)
			}
			if !maps.Equal(w.Selector, tt.selector) || !maps.Equal(w.PodLabels, tt.podLabels) {
				t.Errorf("Selector, PodLabels = %v, %v; want %v, %v", w.Selector, w.PodLabels, tt.selector, tt.podLabels)
			}
			if got := portStrings(w.Ports); !slices.Equal(got, tt.ports) {
				t.Errorf("Ports = %v, want %v", got, tt.ports)
			}
		})
	}
}

func TestLoadSmallServicePorts(t *testing.T) {
	tr := loadSmall(t)
	var got []string
	for _, s := range tr.Services {
		if s.Namespace == "default" && s.Name == "api" {
			got = servicePortStrings(s.Ports)
		}
	}
	want := []string{"http/80->8080/TCP", "metrics/9090->9090/TCP", "dns/53->dns/UDP"}
	if !slices.Equal(got, want) {
		t.Errorf("service default/api ports = %v, want %v", got, want)
	}
}

func TestLoadErrors(t *testing.T) {
	tests := []struct {
		name  string
		dir   func(t *testing.T) string
		want  []string
		isErr error
	}{
		{
			name:  "missing directory",
			dir:   func(t *testing.T) string { return filepath.Join(t.TempDir(), "shopx") },
			want:  []string{"no such file or directory"},
			isErr: fs.ErrNotExist,
		},
		{
			name: "file, not directory",
			dir: func(t *testing.T) string {
				return filepath.Join(writeTree(t, map[string]string{"kustomization.yaml": "resources: []\n"}), "kustomization.yaml")
			},
			want: []string{"not a directory"},
		},
		{
			name: "no kustomization file",
			dir:  func(t *testing.T) string { return writeTree(t, map[string]string{"app.yaml": "kind: ConfigMap\n"}) },
			want: []string{"no kustomization file", "kustomization.yaml"},
		},
		{
			name: "resource file missing",
			dir: func(t *testing.T) string {
				return writeTree(t, map[string]string{"kustomization.yaml": "resources: [frontend.yaml]\n"})
			},
			want: []string{"kustomize build:", "frontend.yaml"},
		},
		{
			name: "kustomization is not YAML",
			dir: func(t *testing.T) string {
				return writeTree(t, map[string]string{"kustomization.yaml": "resources: [frontend.yaml\n"})
			},
			want: []string{"kustomize build:"},
		},
		{
			name: "workload and service do not decode",
			dir: func(t *testing.T) string {
				return writeTree(t, map[string]string{
					"kustomization.yaml": "resources: [frontend.yaml]\n",
					"frontend.yaml": `
apiVersion: apps/v1
kind: Deployment
metadata: {name: frontend, namespace: shop}
spec:
  selector: {matchLabels: {app: frontend}}
  template:
    metadata: {labels: {app: frontend}}
    spec:
      containers: [{name: web, image: nginx:1.27, ports: [{containerPort: http}]}]
---
apiVersion: v1
kind: Service
metadata: {name: frontend, namespace: shop}
spec:
  selector: {app: frontend}
  ports: [{port: eighty}]
`,
				})
			},
			want: []string{"Deployment shop/frontend: decode:", "Service shop/frontend: decode:"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := tt.dir(t)
			tr, err := Load(dir)
			if err == nil {
				t.Fatalf("Load(%q) = %d objects, want an error", dir, len(tr.Objects))
			}
			msg := err.Error()
			if prefix := "load tree " + dir + ": "; !strings.HasPrefix(msg, prefix) {
				t.Errorf("error %q does not start with %q", msg, prefix)
			}
			for _, w := range tt.want {
				if !strings.Contains(msg, w) {
					t.Errorf("error %q does not mention %q", msg, w)
				}
			}
			if tt.isErr != nil && !errors.Is(err, tt.isErr) {
				t.Errorf("errors.Is(%v, %v) = false", err, tt.isErr)
			}
		})
	}
}

func TestLoadRelativeAndAbsolute(t *testing.T) {
	abs, err := filepath.Abs(shopDir)
	if err != nil {
		t.Fatal(err)
	}
	for _, dir := range []string{shopDir, abs, shopDir + "/"} {
		tr, err := Load(dir)
		if err != nil {
			t.Fatalf("Load(%q): %v", dir, err)
		}
		if tr.Root != dir || len(tr.Workloads) != 14 {
			t.Errorf("Load(%q) = Root %q, %d workloads; want Root as given, 14", dir, tr.Root, len(tr.Workloads))
		}
	}
	if _, err := os.Stat(filepath.Join(abs, "policies", "kustomization.yaml")); err != nil {
		t.Errorf("policies/ must hold a kustomization for generated policies: %v", err)
	}
}
