package infer

import (
	"encoding/json"
	"fmt"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode"

	"sigs.k8s.io/yaml"

	"github.com/kunerva/kunerva/internal/testing/golden"
	"github.com/kunerva/kunerva/internal/tree"
)

// docObjects turns YAML documents into tree objects.
func docObjects(t *testing.T, docs ...string) []tree.Object {
	t.Helper()
	var out []tree.Object
	for _, doc := range docs {
		var meta struct {
			APIVersion string `json:"apiVersion"`
			Kind       string `json:"kind"`
			Metadata   struct{ Name, Namespace string }
		}
		if err := yaml.Unmarshal([]byte(doc), &meta); err != nil {
			t.Fatalf("%v in\n%s", err, doc)
		}
		out = append(out, tree.Object{APIVersion: meta.APIVersion, Kind: meta.Kind, Namespace: meta.Metadata.Namespace, Name: meta.Metadata.Name, YAML: []byte(doc)})
	}
	return out
}

// The small tree of the table: the workload app in namespace a calls out;
// web (a, port 80 to http 8080), multi (a, 80 and 9090) and db (data,
// 5432 to postgres) are its peers.
const (
	appTemplate = `apiVersion: apps/v1
kind: Deployment
metadata: {name: app, namespace: a}
spec:
  selector: {matchLabels: {app: app}}
  template:
    metadata: {labels: {app: app}}
    spec:
      containers:
        - name: app
          env: %s
`
	peers = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: a}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: web, ports: [{name: http, containerPort: 8080}, {name: grpc, containerPort: 9090}]}]
---
apiVersion: v1
kind: Service
metadata: {name: web, namespace: a}
spec: {selector: {app: web}, ports: [{port: 80, targetPort: http}]}
---
apiVersion: v1
kind: Service
metadata: {name: multi, namespace: a}
spec: {selector: {app: web}, ports: [{name: http, port: 80, targetPort: http}, {name: grpc, port: 9090, targetPort: grpc}]}
---
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db, namespace: data}
spec:
  selector: {matchLabels: {app: db}}
  template:
    metadata: {labels: {app: db}}
    spec:
      containers: [{name: db, ports: [{name: postgres, containerPort: 5432}]}]
---
apiVersion: v1
kind: Service
metadata: {name: db, namespace: data}
spec: {selector: {app: db}, ports: [{port: 5432, targetPort: postgres}]}
`
)

func smallTree(t *testing.T, env map[string]string) *tree.Tree {
	t.Helper()
	var vars []map[string]string
	for _, k := range slices.Sorted(func(yield func(string) bool) {
		for k := range env {
			if !yield(k) {
				return
			}
		}
	}) {
		vars = append(vars, map[string]string{"name": k, "value": env[k]})
	}
	// JSON, which is YAML, escapes what YAML cannot hold raw.
	flow, err := json.Marshal(vars)
	if err != nil {
		t.Fatal(err)
	}
	tr, err := tree.FromObjects("test", docObjects(t, append([]string{fmt.Sprintf(appTemplate, flow)}, strings.Split(peers, "---\n")...)...))
	if err != nil {
		t.Fatal(err)
	}
	return tr
}

// short is a reference in one line: kind, what it reaches, port.
func short(r Reference) string {
	s := fmt.Sprintf("%s %s%s %d", r.Kind, r.Service, r.Host, r.Port)
	if r.PortName != "" {
		s += "/" + r.PortName
	}
	return s
}

func TestReferencesFromEnv(t *testing.T) {
	for _, tc := range []struct {
		name      string
		env       map[string]string
		want      []string // short references
		questions []string // a part of each Why
	}{
		{"url with credentials and path", map[string]string{"DATABASE_URL": "postgres://u:s3cret@db.data.svc.cluster.local:5432/x?sslmode=require"}, []string{"service data/db 5432/postgres"}, nil},
		{"a password through a variable", map[string]string{"DATABASE_URL": "postgres://u:$(DB_PASSWORD)@db.data/x"}, []string{"service data/db 5432/postgres"}, nil},
		{"name.namespace and a scheme's port", map[string]string{"X": "postgresql://db.data/app"}, []string{"service data/db 5432/postgres"}, nil},
		{"name.namespace.svc, the only port", map[string]string{"X": "db.data.svc"}, []string{"service data/db 5432/postgres"}, nil},
		{"short name in the namespace, http", map[string]string{"WEB": "http://web"}, []string{"service a/web 8080/http"}, nil},
		{"host:port", map[string]string{"WEB": "web:80"}, []string{"service a/web 8080/http"}, nil},
		{"grpc dns:/// with a port", map[string]string{"X": "dns:///multi.a.svc.cluster.local:9090"}, []string{"service a/multi 9090/grpc"}, nil},
		{"grpc without a port, two ports", map[string]string{"X": "grpc://multi"}, nil, []string{"multi has no port given"}},
		{"a port the Service lacks", map[string]string{"X": "http://web.a:8080"}, nil, []string{"Service a/web has no port 8080"}},
		{"a Service that does not exist", map[string]string{"X": "http://loyalty.a.svc:8080/v2"}, nil, []string{"no Service loyalty in namespace a"}},
		{"bare word with an address name", map[string]string{"DB_HOST": "web"}, []string{"service a/web 8080/http"}, nil},
		{"bare word with another name", map[string]string{"MODE": "web"}, nil, nil},
		{"bare word not a Service", map[string]string{"CACHE_HOST": "memcache"}, nil, nil},
		{"host and port in two variables", map[string]string{"MULTI_HOST": "multi", "MULTI_PORT": "9090"}, []string{"service a/multi 9090/grpc"}, nil},
		{"ports pair only by stem", map[string]string{"MULTI_HOST": "multi", "OTHER_PORT": "9090"}, nil, []string{"multi has no port given"}},
		{"libpq", map[string]string{"DSN": "host=db.data.svc port=5432 user=x password=hunter2"}, []string{"service data/db 5432/postgres"}, nil},
		{"localhost", map[string]string{"X": "localhost:5432/postgres?sslmode=disable", "Y": "redis://127.0.0.1:6379"}, nil, nil},
		{"listen address", map[string]string{"LISTEN": ":8080"}, nil, nil},
		{"a bucket", map[string]string{"BUCKET": "s3://backups/db"}, nil, nil},
		{"documentation names", map[string]string{"X": "https://api.example.com/v1", "Y": "http://svc.test:80"}, nil, nil},
		{"external https", map[string]string{"X": "https://api.stripe.com/v1"}, []string{"external api.stripe.com 443"}, nil},
		{"external host:port", map[string]string{"SMTP": "smtp.sendgrid.net:587"}, []string{"external smtp.sendgrid.net 587"}, nil},
		{"external mongodb default", map[string]string{"X": "mongodb://u:p@cluster0.mongodb.net/db"}, []string{"external cluster0.mongodb.net 27017"}, nil},
		{"public IP", map[string]string{"X": "http://8.8.8.8:53"}, []string{"external 8.8.8.8 53"}, nil},
		{"private IP", map[string]string{"X": "http://10.1.2.3:8080"}, nil, []string{"10.1.2.3 is a private address"}},
		{"external without a port", map[string]string{"X": "grpc://api.vendor.io"}, nil, []string{"neither the value nor its scheme"}},
		{"external bare host", map[string]string{"SMTP_HOST": "smtp.vendor.io"}, nil, []string{"the value says no port"}},
		{"a host through a variable", map[string]string{"X": "http://$(UPSTREAM):8080"}, nil, []string{"is a variable"}},
		{"not a host name", map[string]string{"X": "http://*.vendor.io"}, nil, nil},
		{"options with a word:port", map[string]string{"JAVA_OPTS": "-Xmx512m -Dpeer=cachebox:11211 -Dweb=web:80"}, []string{"service a/web 8080/http"}, nil},
		{"file name", map[string]string{"CONFIG": "app.yaml"}, nil, nil},
		{"version and time", map[string]string{"X": "redis:7.4", "AT": "07:30"}, nil, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			refs, qs, err := References(smallTree(t, tc.env))
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, r := range refs {
				if r.From != "a/app" {
					t.Errorf("a reference from %q: %+v", r.From, r)
				}
				got = append(got, short(r))
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("references %q, want %q", got, tc.want)
			}
			if len(qs) != len(tc.questions) {
				t.Fatalf("questions %+v, want %q", qs, tc.questions)
			}
			for i, q := range qs {
				if !strings.Contains(q.Why, tc.questions[i]) {
					t.Errorf("question %q, want it to say %q", q.Why, tc.questions[i])
				}
			}
			for _, text := range texts(refs, qs) {
				for _, pw := range []string{"s3cret", "hunter2", "u:p@"} {
					if strings.Contains(text, pw) {
						t.Errorf("%q shows a password", text)
					}
				}
			}
		})
	}
}

func texts(refs []Reference, qs []Question) []string {
	var out []string
	for _, r := range refs {
		out = append(out, r.Text, r.Where)
	}
	for _, q := range qs {
		out = append(out, q.Text, q.Where, q.Why)
	}
	return out
}

// TestReferencesShop holds the shop tree's references to a golden file
// (go test -update rewrites it) and each to the tree.
func TestReferencesShop(t *testing.T) {
	tr, err := tree.Load("../../examples/shop")
	if err != nil {
		t.Fatal(err)
	}
	refs, qs, err := References(tr)
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, r := range refs {
		fmt.Fprintf(&b, "%s -> %s %s%s %d/%s %s | %s | %s\n", cmpOr(r.From, "world"), r.Kind, r.Service, r.Host, r.Port, r.PortName, r.To, r.Where, r.Text)
		for _, to := range append(slices.Clone(r.To), r.From) {
			if ns, name, _ := strings.Cut(to, "/"); to != "" && !slices.ContainsFunc(tr.Workloads, func(w tree.Workload) bool { return w.Namespace == ns && w.Name == name }) {
				t.Errorf("%+v names %s, not a workload of the tree", r, to)
			}
		}
	}
	for _, q := range qs {
		fmt.Fprintf(&b, "? %s | %s | %s\n", q.From, q.Where, q.Why)
	}
	golden.Check(t, filepath.Join("testdata", "shop.golden"), []byte(b.String()))
}

var passwordChars = regexp.MustCompile(`^[A-Za-z0-9._~-]{4,}$`)

// FuzzEnvValue: any env value, after a URL with a password: no panic, no
// port 0, and the password shows nowhere.
func FuzzEnvValue(f *testing.F) {
	for _, seed := range []string{"http://booking.booking:8080", "host=db.data.svc port=5432", "smtp.x.io:587", "dns:///multi:9090", "postgres://a:b@db.data:5432/x", "[::1]:80", "http://[2001:db8::1]:8443/x", ""} {
		f.Add(seed, "hunter2")
	}
	f.Fuzz(func(t *testing.T, value, password string) {
		if !passwordChars.MatchString(password) {
			password = "hunter2"
		}
		if strings.ContainsFunc(value, func(r rune) bool { return unicode.IsControl(r) && r != '\t' && r != '\n' }) {
			return // a manifest, YAML, cannot hold it
		}
		env := map[string]string{"URL": "http://user:" + password + "@web.a:80/ " + value, "X_HOST": value, "X_PORT": value}
		refs, qs, err := References(smallTree(t, env))
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range refs {
			if r.Port <= 0 {
				t.Errorf("port %d: %+v", r.Port, r)
			}
		}
		for _, text := range texts(refs, qs) {
			if strings.Contains(text, ":"+password+"@") {
				t.Errorf("%q shows the password %q", text, password)
			}
		}
	})
}
