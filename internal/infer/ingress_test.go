package infer

import (
	"fmt"
	"strings"
	"testing"

	"github.com/kunerva/kunerva/internal/tree"
)

// backendTree: two workloads behind one Service whose named targetPort
// they number differently, and an ingress controller.
const backendTree = `apiVersion: apps/v1
kind: Deployment
metadata: {name: blue, namespace: shop}
spec:
  selector: {matchLabels: {app: web, color: blue}}
  template:
    metadata: {labels: {app: web, color: blue}}
    spec:
      containers: [{name: web, ports: [{name: http, containerPort: 8080}]}]
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: green, namespace: shop}
spec:
  selector: {matchLabels: {app: web, color: green}}
  template:
    metadata: {labels: {app: web, color: green}}
    spec:
      containers: [{name: web, ports: [{name: http, containerPort: 8081}]}]
---
apiVersion: v1
kind: Service
metadata: {name: web, namespace: shop}
spec: {type: NodePort, selector: {app: web}, ports: [{name: http, port: 80, targetPort: http}, {name: raw, port: 81, targetPort: 9000}]}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: edge, namespace: edge}
spec:
  selector: {matchLabels: {app.kubernetes.io/name: traefik}}
  template:
    metadata: {labels: {app.kubernetes.io/name: traefik}}
    spec:
      containers: [{name: traefik, ports: [{name: web, containerPort: 8000}]}]
`

func ingressDoc(class, backend string) string {
	return `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: site, namespace: shop}
spec:
  ingressClassName: ` + class + `
  rules:
    - host: shop.example.org
      http:
        paths:
          - {path: /, pathType: Prefix, backend: {service: ` + backend + `}}
`
}

const (
	traefikClass = `apiVersion: networking.k8s.io/v1
kind: IngressClass
metadata: {name: traefik, labels: {app.kubernetes.io/name: traefik}}
spec: {controller: traefik.io/ingress-controller}
`
	bareClass = `apiVersion: networking.k8s.io/v1
kind: IngressClass
metadata: {name: other}
spec: {controller: example.org/other}
`
)

func TestIngressAndWorld(t *testing.T) {
	for _, tc := range []struct {
		name      string
		docs      []string
		want      []string // kind, from, to, port
		questions []string
	}{
		{"nothing but a NodePort", nil, []string{
			"world  [shop/blue] 8080/http", "world  [shop/blue shop/green] 9000/", "world  [shop/green] 8081/http",
		}, nil},
		{"a named targetPort per workload", []string{traefikClass, ingressDoc("traefik", "{name: web, port: {name: http}}")}, []string{
			"world  [shop/blue] 8080/http", "world  [shop/blue shop/green] 9000/", "world  [shop/green] 8081/http",
			"ingress edge/edge [shop/blue] 8080/http", "ingress edge/edge [shop/green] 8081/http",
		}, nil},
		{"a port number", []string{traefikClass, ingressDoc("traefik", "{name: web, port: {number: 81}}")}, []string{
			"world  [shop/blue] 8080/http", "world  [shop/blue shop/green] 9000/", "world  [shop/green] 8081/http",
			"ingress edge/edge [shop/blue shop/green] 9000/",
		}, nil},
		{"a port the Service lacks", []string{traefikClass, ingressDoc("traefik", "{name: web, port: {number: 82}}")}, nil, []string{"has no port 82"}},
		{"a Service the tree lacks", []string{traefikClass, ingressDoc("traefik", "{name: api, port: {number: 80}}")}, nil, []string{"no Service api in namespace shop"}},
		{"a class without a controller", []string{bareClass, ingressDoc("other", "{name: web, port: {number: 80}}")}, nil, []string{"no workload of the tree runs the controller"}},
		{"no such class", []string{ingressDoc("nginx", "{name: web, port: {number: 80}}")}, nil, []string{"no IngressClass nginx"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tr, err := tree.FromObjects("test", docObjects(t, append(strings.Split(backendTree, "---\n"), tc.docs...)...))
			if err != nil {
				t.Fatal(err)
			}
			refs, qs, err := References(tr)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, r := range refs {
				got = append(got, fmt.Sprintf("%s %s %v %d/%s", r.Kind, r.From, r.To, r.Port, r.PortName))
			}
			want := tc.want
			if want == nil && tc.questions != nil {
				want = []string{"world  [shop/blue] 8080/http", "world  [shop/blue shop/green] 9000/", "world  [shop/green] 8081/http"}
			}
			if strings.Join(got, "\n") != strings.Join(want, "\n") {
				t.Errorf("references:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
			}
			if len(qs) != len(tc.questions) {
				t.Fatalf("questions %+v, want %q", qs, tc.questions)
			}
			for i, q := range qs {
				if !strings.Contains(q.Why, tc.questions[i]) {
					t.Errorf("question %q, want it to say %q", q.Why, tc.questions[i])
				}
			}
		})
	}
}
