package connectivity

import (
	"reflect"
	"slices"
	"strings"
	"testing"

	"sigs.k8s.io/yaml"

	"github.com/kunerva/kunerva/internal/policy"
	"github.com/kunerva/kunerva/internal/tree"
)

// kaObjects turns YAML documents into tree objects; kinds the policy table
// calls cluster-scoped, and Namespaces, keep no namespace.
func kaObjects(t *testing.T, docs ...string) []tree.Object {
	t.Helper()
	var objs []tree.Object
	for _, d := range docs {
		for doc := range strings.SplitSeq(d, "\n---\n") {
			var meta struct {
				APIVersion string `json:"apiVersion"`
				Kind       string `json:"kind"`
				Metadata   struct {
					Name, Namespace string
				} `json:"metadata"`
			}
			if err := yaml.Unmarshal([]byte(doc), &meta); err != nil {
				t.Fatalf("test object: %v\n%s", err, doc)
			}
			o := tree.Object{APIVersion: meta.APIVersion, Kind: meta.Kind, Namespace: meta.Metadata.Namespace, Name: meta.Metadata.Name, YAML: []byte(doc)}
			if k, ok := policy.Named(o.Kind); (ok && k.Cluster) || o.Kind == "Namespace" {
				o.Namespace = ""
			}
			objs = append(objs, o)
		}
	}
	return objs
}

// kaWorkloads are two namespaces, web (whose annotations a case sets) and
// shop, with two deployments in web and one in shop.
func kaWorkloads(webAnnotations string) string {
	return `apiVersion: v1
kind: Namespace
metadata: {name: web, annotations: {` + webAnnotations + `}}
---
apiVersion: v1
kind: Namespace
metadata: {name: shop}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: nginx, namespace: web}
spec:
  selector: {matchLabels: {app: nginx}}
  template:
    metadata: {labels: {app: nginx, tier: web}}
    spec: {containers: [{name: nginx, image: nginx:1.27}]}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: api, namespace: web}
spec:
  selector: {matchLabels: {app: api}}
  template:
    metadata: {labels: {app: api, tier: backend}}
    spec: {containers: [{name: api, image: example/api:1}]}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: cart, namespace: shop}
spec:
  selector: {matchLabels: {app: cart}}
  template:
    metadata: {labels: {app: cart, tier: backend}}
    spec: {containers: [{name: cart, image: example/cart:1}]}`
}

func kaModel(t *testing.T, webAnnotations string, policies ...string) *Model {
	t.Helper()
	tr, err := tree.FromObjects("test", kaObjects(t, append([]string{kaWorkloads(webAnnotations)}, policies...)...))
	if err != nil {
		t.Fatal(err)
	}
	m, err := New(tr)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

const (
	kspNginx = "KubeArmorPolicy/web/p"
	ksp2     = "KubeArmorPolicy/web/q"
)

func TestSystem(t *testing.T) {
	tests := []struct {
		name        string
		annotations string // of namespace web
		policies    []string
		want        []Effect
	}{
		{
			name: "block processes",
			policies: []string{`apiVersion: security.kubearmor.com/v1
kind: KubeArmorPolicy
metadata: {name: p, namespace: web}
spec:
  selector: {matchLabels: {app: nginx}}
  process:
    matchPaths: [{path: /usr/bin/apt}, {path: /usr/bin/apt-get}]
  action: Block`},
			want: []Effect{
				{"web/nginx", "process /usr/bin/apt", "blocked", []string{kspNginx}},
				{"web/nginx", "process /usr/bin/apt-get", "blocked", []string{kspNginx}},
			},
		},
		{
			name: "audit writes under a directory, recursive; the section's action over the policy's",
			policies: []string{`apiVersion: security.kubearmor.com/v1
kind: KubeArmorPolicy
metadata: {name: p, namespace: web}
spec:
  selector: {matchLabels: {tier: web}}
  file:
    matchDirectories: [{dir: /etc/, recursive: true, readOnly: true}]
    action: Audit
  process:
    matchDirectories: [{dir: /tmp/}]
  action: Block`},
			want: []Effect{
				{"web/nginx", "files in /etc/ (recursive, write)", "audited", []string{kspNginx}},
				{"web/nginx", "processes in /tmp/", "blocked", []string{kspNginx}},
			},
		},
		{
			name: "an empty selector takes every pod of the namespace; the rule's action over the policy's",
			policies: []string{`apiVersion: security.kubearmor.com/v1
kind: KubeArmorPolicy
metadata: {name: p, namespace: web}
spec:
  selector: {}
  file:
    matchPaths: [{path: /etc/shadow, action: Audit}, {path: /etc/passwd, readOnly: true}]
  action: block`},
			want: []Effect{
				{"web/api", "file /etc/passwd (write)", "blocked", []string{kspNginx}},
				{"web/api", "file /etc/shadow", "audited", []string{kspNginx}},
				{"web/nginx", "file /etc/passwd (write)", "blocked", []string{kspNginx}},
				{"web/nginx", "file /etc/shadow", "audited", []string{kspNginx}},
			},
		},
		{
			name: "allow-list without a posture annotation: the rest is audited",
			policies: []string{`apiVersion: security.kubearmor.com/v1
kind: KubeArmorPolicy
metadata: {name: p, namespace: web}
spec:
  selector: {matchLabels: {app: nginx}}
  process:
    matchPaths: [{path: /usr/sbin/nginx}]
  action: Allow`},
			want: []Effect{
				{"web/nginx", "other processes (not allowed by an Allow rule)", "audited", []string{kspNginx}},
				{"web/nginx", "process /usr/sbin/nginx", "allowed", []string{kspNginx}},
			},
		},
		{
			name:        "allow-list with kubearmor-file-posture=block: the rest is blocked, and what only an Audit rule names too",
			annotations: "kubearmor-file-posture: Block",
			policies: []string{`apiVersion: security.kubearmor.com/v1
kind: KubeArmorPolicy
metadata: {name: p, namespace: web}
spec:
  selector: {matchLabels: {app: nginx}}
  process:
    matchPaths: [{path: /usr/sbin/nginx}]
  action: Allow
---
apiVersion: security.kubearmor.com/v1
kind: KubeArmorPolicy
metadata: {name: q, namespace: web}
spec:
  selector: {matchLabels: {app: nginx}}
  process:
    matchPaths: [{path: /bin/sh}]
  file:
    matchPaths: [{path: /etc/hosts}]
  action: Audit`},
			want: []Effect{
				{"web/nginx", "file /etc/hosts", "audited", []string{ksp2}},
				{"web/nginx", "other processes (not allowed by an Allow rule)", "blocked", []string{kspNginx}},
				{"web/nginx", "process /bin/sh", "blocked", []string{kspNginx, ksp2}},
				{"web/nginx", "process /usr/sbin/nginx", "allowed", []string{kspNginx}},
			},
		},
		{
			name:        "an Allow rule on a directory covers what lies in it: at any depth when recursive, else directly",
			annotations: "kubearmor-file-posture: block",
			policies: []string{`apiVersion: security.kubearmor.com/v1
kind: KubeArmorPolicy
metadata: {name: p, namespace: web}
spec:
  selector: {matchLabels: {app: nginx}}
  file:
    matchDirectories: [{dir: /srv/, recursive: true}, {dir: /opt/}]
    matchPaths:
      - {path: /srv/a/b.txt, action: Audit}
      - {path: /opt/a/b.txt, action: Audit}
      - {path: /opt/c.txt, action: Audit}
  action: Allow`},
			want: []Effect{
				{"web/nginx", "file /opt/a/b.txt", "blocked", []string{kspNginx}},
				{"web/nginx", "file /opt/c.txt", "audited", []string{kspNginx}},
				{"web/nginx", "file /srv/a/b.txt", "audited", []string{kspNginx}},
				{"web/nginx", "files in /opt/", "allowed", []string{kspNginx}},
				{"web/nginx", "files in /srv/ (recursive)", "allowed", []string{kspNginx}},
				{"web/nginx", "other files (not allowed by an Allow rule)", "blocked", []string{kspNginx}},
			},
		},
		{
			name:        "the network posture annotation does not touch files",
			annotations: "kubearmor-network-posture: block",
			policies: []string{`apiVersion: security.kubearmor.com/v1
kind: KubeArmorPolicy
metadata: {name: p, namespace: web}
spec:
  selector: {matchLabels: {app: api}}
  file:
    matchDirectories: [{dir: /data/, recursive: true}]
  network:
    matchProtocols: [{protocol: TCP, fromSource: [{path: /usr/bin/curl}, {path: /usr/bin/wget}]}]
  action: Allow
---
apiVersion: security.kubearmor.com/v1
kind: KubeArmorPolicy
metadata: {name: q, namespace: web}
spec:
  selector: {matchLabels: {app: api}}
  network:
    matchProtocols: [{protocol: raw}]
  action: Block`},
			want: []Effect{
				{"web/api", "files in /data/ (recursive)", "allowed", []string{kspNginx}},
				{"web/api", "network raw", "blocked", []string{ksp2}},
				{"web/api", "network tcp from /usr/bin/curl", "allowed", []string{kspNginx}},
				{"web/api", "network tcp from /usr/bin/wget", "allowed", []string{kspNginx}},
				{"web/api", "other files (not allowed by an Allow rule)", "audited", []string{kspNginx}},
				{"web/api", "other network protocols (not allowed by an Allow rule)", "blocked", []string{kspNginx}},
			},
		},
		{
			name: "Block wins over Allow on what both cover: a file in an allowed directory, a source of an allowed process",
			policies: []string{`apiVersion: security.kubearmor.com/v1
kind: KubeArmorPolicy
metadata: {name: p, namespace: web}
spec:
  selector: {matchLabels: {app: nginx}}
  file:
    matchDirectories: [{dir: /credentials/, recursive: true, fromSource: [{path: /bin/bash}]}]
  process:
    matchDirectories: [{dir: /usr/bin/}]
  action: Allow
---
apiVersion: security.kubearmor.com/v1
kind: KubeArmorPolicy
metadata: {name: q, namespace: web}
spec:
  selector: {matchLabels: {app: nginx}}
  file:
    matchPaths: [{path: /credentials/keys/root.pem}]
    matchDirectories: [{dir: /credentials/, recursive: true}]
  process:
    matchPaths: [{path: /usr/bin/apt}, {path: /usr/bin/x/deep}]
  action: Block`},
			want: []Effect{
				{"web/nginx", "file /credentials/keys/root.pem", "blocked", []string{ksp2}},
				{"web/nginx", "files in /credentials/ (recursive)", "blocked", []string{ksp2}},
				{"web/nginx", "files in /credentials/ (recursive) from /bin/bash", "blocked", []string{ksp2}},
				{"web/nginx", "other files (not allowed by an Allow rule)", "audited", []string{kspNginx}},
				{"web/nginx", "other processes (not allowed by an Allow rule)", "audited", []string{kspNginx}},
				{"web/nginx", "process /usr/bin/apt", "blocked", []string{ksp2}},
				{"web/nginx", "process /usr/bin/x/deep", "blocked", []string{ksp2}},
				{"web/nginx", "processes in /usr/bin/", "allowed", []string{kspNginx}},
			},
		},
		{
			name: "a rule for one source leaves the same thing from other sources alone",
			policies: []string{`apiVersion: security.kubearmor.com/v1
kind: KubeArmorPolicy
metadata: {name: p, namespace: web}
spec:
  selector: {matchLabels: {app: nginx}}
  file:
    matchPaths: [{path: /etc/shadow, fromSource: [{path: /usr/bin/cat}]}]
  process:
    matchPaths: [{path: /bin/sh, ownerOnly: true}]
  action: Block
---
apiVersion: security.kubearmor.com/v1
kind: KubeArmorPolicy
metadata: {name: q, namespace: web}
spec:
  selector: {matchLabels: {app: nginx}}
  file:
    matchPaths: [{path: /etc/shadow}]
  action: Audit`},
			want: []Effect{
				{"web/nginx", "file /etc/shadow", "audited", []string{ksp2}},
				{"web/nginx", "file /etc/shadow from /usr/bin/cat", "blocked", []string{kspNginx}},
				{"web/nginx", "process /bin/sh (by others than its owner)", "blocked", []string{kspNginx}},
			},
		},
		{
			name: "capabilities, and system calls that KubeArmor only audits",
			policies: []string{`apiVersion: security.kubearmor.com/v1
kind: KubeArmorPolicy
metadata: {name: p, namespace: web}
spec:
  selector: {matchLabels: {app: nginx}}
  capabilities:
    matchCapabilities: [{capability: NET_RAW}]
  syscalls:
    matchPaths: [{path: /home/, recursive: true, syscall: [unlink, rmdir]}]
  action: Block`},
			want: []Effect{
				{"web/nginx", "capability net_raw", "blocked", []string{kspNginx}},
				{"web/nginx", "syscall rmdir on /home/ (recursive)", "audited", []string{kspNginx}},
				{"web/nginx", "syscall unlink on /home/ (recursive)", "audited", []string{kspNginx}},
			},
		},
		{
			name: "label expressions: In any of, NotIn none of",
			policies: []string{`apiVersion: security.kubearmor.com/v1
kind: KubeArmorPolicy
metadata: {name: p, namespace: web}
spec:
  selector:
    matchExpressions: [{key: label, operator: In, values: [app=api, app=other]}]
  process:
    matchPaths: [{path: /usr/bin/apt}]
---
apiVersion: security.kubearmor.com/v1
kind: KubeArmorPolicy
metadata: {name: q, namespace: web}
spec:
  selector:
    matchExpressions: [{key: label, operator: NotIn, values: [app=api]}]
  process:
    matchPaths: [{path: /usr/bin/wget}]`},
			want: []Effect{
				{"web/api", "process /usr/bin/apt", "blocked", []string{kspNginx}},
				{"web/nginx", "process /usr/bin/wget", "blocked", []string{ksp2}},
			},
		},
		{
			name: "a cluster policy selects namespaces In its list",
			policies: []string{`apiVersion: security.kubearmor.com/v1
kind: KubeArmorClusterPolicy
metadata: {name: c}
spec:
  selector:
    matchExpressions: [{key: namespace, operator: In, values: [shop]}]
  process:
    matchPaths: [{path: /usr/bin/apt}]
  action: Block`},
			want: []Effect{{"shop/cart", "process /usr/bin/apt", "blocked", []string{"KubeArmorClusterPolicy/c"}}},
		},
		{
			name: "a cluster policy with NotIn selects every other namespace, and its label expressions pick pods",
			policies: []string{`apiVersion: security.kubearmor.com/v1
kind: KubeArmorClusterPolicy
metadata: {name: c}
spec:
  selector:
    matchExpressions:
      - {key: namespace, operator: NotIn, values: [shop]}
      - {key: label, operator: In, values: [tier=backend]}
  process:
    matchPaths: [{path: /usr/bin/apt}]
  action: Audit`},
			want: []Effect{{"web/api", "process /usr/bin/apt", "audited", []string{"KubeArmorClusterPolicy/c"}}},
		},
		{
			name: "a cluster policy without a selector takes every namespace",
			policies: []string{`apiVersion: security.kubearmor.com/v1
kind: KubeArmorClusterPolicy
metadata: {name: c}
spec:
  capabilities:
    matchCapabilities: [{capability: sys_admin}]`},
			want: []Effect{
				{"shop/cart", "capability sys_admin", "blocked", []string{"KubeArmorClusterPolicy/c"}},
				{"web/api", "capability sys_admin", "blocked", []string{"KubeArmorClusterPolicy/c"}},
				{"web/nginx", "capability sys_admin", "blocked", []string{"KubeArmorClusterPolicy/c"}},
			},
		},
		{
			name: "host policies apply to the nodes they select, with the host's audit posture",
			policies: []string{`apiVersion: security.kubearmor.com/v1
kind: KubeArmorHostPolicy
metadata: {name: h}
spec:
  nodeSelector: {matchLabels: {kubernetes.io/hostname: worker-1}}
  process:
    matchPaths: [{path: /usr/bin/sleep}]
  action: Block
---
apiVersion: security.kubearmor.com/v1
kind: KubeArmorHostPolicy
metadata: {name: all}
spec:
  nodeSelector: {}
  file:
    matchDirectories: [{dir: /etc/kubernetes/, recursive: true, fromSource: [{path: /usr/bin/kubelet}]}]
  action: Allow`},
			want: []Effect{
				{"node (every node)", "files in /etc/kubernetes/ (recursive) from /usr/bin/kubelet", "allowed", []string{"KubeArmorHostPolicy/all"}},
				{"node (every node)", "other files (not allowed by an Allow rule)", "audited", []string{"KubeArmorHostPolicy/all"}},
				{"node (kubernetes.io/hostname=worker-1)", "process /usr/bin/sleep", "blocked", []string{"KubeArmorHostPolicy/h"}},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := kaModel(t, tt.annotations, tt.policies...)
			got, err := m.System()
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("System() =\n%s\nwant\n%s", effectLines(got), effectLines(tt.want))
			}
		})
	}
}

func effectLines(effects []Effect) string {
	var b strings.Builder
	for _, e := range effects {
		b.WriteString("  " + e.Workload + " | " + e.What + " | " + e.Verdict + " | " + strings.Join(e.Because, ",") + "\n")
	}
	return b.String()
}

func TestSystemErrors(t *testing.T) {
	tests := []struct {
		name, policy string
		want         []string
	}{
		{
			name: "unknown actions, every one",
			policy: `apiVersion: security.kubearmor.com/v1
kind: KubeArmorPolicy
metadata: {name: p, namespace: web}
spec:
  process:
    matchPaths: [{path: /bin/sh, action: Deny}]
  action: Drop`,
			want: []string{`KubeArmorPolicy/web/p: spec.action: "Drop" is not an action`, `spec.process.matchPaths[0].action: "Deny"`},
		},
		{
			name: "a Kubernetes-style expression KubeArmor's CRD rejects",
			policy: `apiVersion: security.kubearmor.com/v1
kind: KubeArmorPolicy
metadata: {name: p, namespace: web}
spec:
  selector:
    matchExpressions: [{key: app, operator: Exists}]
  process:
    matchPaths: [{path: /bin/sh}]`,
			want: []string{`spec.selector.matchExpressions[0].key: "app" is not a key KubeArmorPolicy selects by: use label`, `operator: "Exists"`},
		},
		{
			name: "YAML that is no policy",
			policy: `apiVersion: security.kubearmor.com/v1
kind: KubeArmorClusterPolicy
metadata: {name: c}
spec: [1, 2]`,
			want: []string{"KubeArmorClusterPolicy/c: decode:"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := kaModel(t, "", tt.policy).System()
			if err == nil {
				t.Fatal("System() succeeded, want an error")
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not say %q", err, w)
				}
			}
		})
	}
}

// TestSystemWith checks that a policy added with With changes what System
// says, and that diffSystem reports it.
func TestSystemWith(t *testing.T) {
	m := kaModel(t, "kubearmor-file-posture: block", `apiVersion: security.kubearmor.com/v1
kind: KubeArmorPolicy
metadata: {name: p, namespace: web}
spec:
  selector: {matchLabels: {app: nginx}}
  process:
    matchPaths: [{path: /usr/bin/apt}]
  action: Audit`)
	before, err := m.System()
	if err != nil {
		t.Fatal(err)
	}
	after, err := m.With(kaObjects(t, `apiVersion: security.kubearmor.com/v1
kind: KubeArmorPolicy
metadata: {name: p, namespace: web}
spec:
  selector: {matchLabels: {app: nginx}}
  process:
    matchPaths: [{path: /usr/sbin/nginx}]
  action: Allow`))
	if err != nil {
		t.Fatal(err)
	}
	effects, err := after.System()
	if err != nil {
		t.Fatal(err)
	}
	got := diffSystem(before, effects)
	want := []SystemChange{
		{Workload: "web/nginx", What: "other processes (not allowed by an Allow rule)", Before: "allowed", After: "blocked", Because: []string{kspNginx}},
		{Workload: "web/nginx", What: "process /usr/bin/apt", Before: "audited", After: "allowed", Because: []string{kspNginx}},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("diffSystem = %+v\nwant %+v", got, want)
	}
}

func TestDiffSystem(t *testing.T) {
	a, b := []string{"KubeArmorPolicy/web/a"}, []string{"KubeArmorPolicy/web/b"}
	tests := []struct {
		name          string
		before, after []Effect
		want          []SystemChange
	}{
		{name: "nothing", want: []SystemChange{}},
		{
			name:  "a new block",
			after: []Effect{{"web/nginx", "process /bin/sh", "blocked", a}},
			want:  []SystemChange{{"web/nginx", "process /bin/sh", "allowed", "blocked", a}},
		},
		{
			name:   "a removed block keeps the policy that blocked",
			before: []Effect{{"web/nginx", "process /bin/sh", "blocked", a}},
			want:   []SystemChange{{"web/nginx", "process /bin/sh", "blocked", "allowed", a}},
		},
		{
			name:   "an effect that says allowed is no change from none",
			before: []Effect{{"web/nginx", "process /bin/sh", "allowed", a}},
			after:  []Effect{{"node (every node)", "capability net_raw", "allowed", b}},
			want:   []SystemChange{},
		},
		{
			name:   "a verdict that changes takes the policies after, sorted by workload then what",
			before: []Effect{{"web/nginx", "process /bin/sh", "audited", a}, {"web/api", "file /etc/shadow", "blocked", a}, {"shop/cart", "network raw", "audited", a}},
			after:  []Effect{{"web/nginx", "process /bin/sh", "blocked", b}, {"web/api", "file /etc/shadow", "blocked", b}, {"shop/cart", "network raw", "audited", nil}, {"web/api", "file /etc/hosts", "audited", nil}},
			want: []SystemChange{
				{"web/api", "file /etc/hosts", "allowed", "audited", nil},
				{"web/nginx", "process /bin/sh", "audited", "blocked", b},
			},
		},
		{
			name:   "the policies before when none are after",
			before: []Effect{{"web/nginx", "other processes (not allowed by an Allow rule)", "blocked", a}},
			after:  []Effect{{"web/nginx", "other processes (not allowed by an Allow rule)", "audited", nil}},
			want:   []SystemChange{{"web/nginx", "other processes (not allowed by an Allow rule)", "blocked", "audited", a}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := diffSystem(tt.before, tt.after)
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("diffSystem = %+v\nwant %+v", got, tt.want)
			}
		})
	}
}

// TestSystemShop runs the model on the example tree with a KubeArmor
// policy of the kind kunerva writes for it.
func TestSystemShop(t *testing.T) {
	shop, err := tree.Load("../../examples/shop")
	if err != nil {
		t.Fatal(err)
	}
	m, err := New(shop)
	if err != nil {
		t.Fatal(err)
	}
	before, err := m.System()
	if err != nil {
		t.Fatal(err)
	}
	if len(before) != 0 {
		t.Fatalf("the shop holds no KubeArmor policy, yet System() = %v", before)
	}
	with, err := m.With(kaObjects(t, `apiVersion: security.kubearmor.com/v1
kind: KubeArmorPolicy
metadata: {name: harden-nginx, namespace: web}
spec:
  selector: {matchLabels: {app: nginx}}
  process:
    matchPaths: [{path: /usr/bin/apt}, {path: /usr/bin/apt-get}]
  file:
    matchDirectories: [{dir: /etc/nginx/, recursive: true, readOnly: true}]
  action: Block`))
	if err != nil {
		t.Fatal(err)
	}
	after, err := with.System()
	if err != nil {
		t.Fatal(err)
	}
	changes := diffSystem(before, after)
	var workloads, whats []string
	for _, c := range changes {
		workloads = appendUnique(workloads, c.Workload)
		whats = append(whats, c.What+": "+c.Before+" -> "+c.After)
		if !slices.Equal(c.Because, []string{"KubeArmorPolicy/web/harden-nginx"}) {
			t.Errorf("%s: Because = %v", c.What, c.Because)
		}
	}
	var nginx []string
	for _, w := range shop.Workloads {
		if w.Namespace == "web" && w.PodLabels["app"] == "nginx" {
			nginx = append(nginx, w.Namespace+"/"+w.Name)
		}
	}
	if len(nginx) == 0 || !slices.Equal(workloads, nginx) {
		t.Errorf("changed workloads = %v, want the shop's nginx workloads %v", workloads, nginx)
	}
	wantWhats := []string{"files in /etc/nginx/ (recursive, write): allowed -> blocked", "process /usr/bin/apt: allowed -> blocked", "process /usr/bin/apt-get: allowed -> blocked"}
	if !slices.Equal(whats, wantWhats) {
		t.Errorf("changes = %q, want %q", whats, wantWhats)
	}
}
