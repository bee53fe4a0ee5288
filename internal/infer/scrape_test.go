package infer

import (
	"fmt"
	"strings"
	"testing"

	"github.com/kunerva/kunerva/internal/tree"
)

const scrapeTree = `apiVersion: apps/v1
kind: StatefulSet
metadata: {name: prometheus, namespace: monitoring}
spec:
  selector: {matchLabels: {app.kubernetes.io/name: prometheus}}
  template:
    metadata: {labels: {app.kubernetes.io/name: prometheus}}
    spec:
      containers: [{name: prometheus, ports: [{name: web, containerPort: 9090}]}]
---
apiVersion: v1
kind: Service
metadata: {name: api, namespace: shop, labels: {monitored: "yes"}}
spec: {selector: {app: api}, ports: [{name: metrics, port: 9100, targetPort: metrics}]}
`

func apiDoc(annotations string) string {
	return `apiVersion: apps/v1
kind: Deployment
metadata: {name: api, namespace: shop}
spec:
  selector: {matchLabels: {app: api}}
  template:
    metadata: {labels: {app: api}, annotations: ` + annotations + `}
    spec:
      containers: [{name: api, ports: [{name: http, containerPort: 8080}, {name: metrics, containerPort: 9102}]}]
`
}

const (
	serviceMonitor = `apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata: {name: api, namespace: monitoring}
spec:
  selector: {matchLabels: {monitored: "yes"}}
  namespaceSelector: {matchNames: [shop]}
  endpoints: [{port: metrics}]
`
	podMonitor = `apiVersion: monitoring.coreos.com/v1
kind: PodMonitor
metadata: {name: api, namespace: shop}
spec:
  selector: {matchLabels: {app: api}}
  podMetricsEndpoints: [{port: http}, {port: nope}]
`
)

func TestScrapes(t *testing.T) {
	for _, tc := range []struct {
		name      string
		docs      []string
		want      []string
		questions []string
	}{
		{"annotated with a port", []string{scrapeTree, apiDoc(`{prometheus.io/scrape: "true", prometheus.io/port: "9102"}`)},
			[]string{"monitoring/prometheus [shop/api] 9102/metrics spec.template.metadata.annotations[prometheus.io/port]"}, nil},
		{"annotated without a port: every declared one", []string{scrapeTree, apiDoc(`{prometheus.io/scrape: "true"}`)},
			[]string{"monitoring/prometheus [shop/api] 8080/http spec.template.metadata.annotations[prometheus.io/scrape]",
				"monitoring/prometheus [shop/api] 9102/metrics spec.template.metadata.annotations[prometheus.io/scrape]"}, nil},
		{"a port that is not a number", []string{scrapeTree, apiDoc(`{prometheus.io/scrape: "true", prometheus.io/port: metrics}`)}, nil, []string{"not a port number"}},
		{"not annotated", []string{scrapeTree, apiDoc(`{prometheus.io/port: "9102"}`)}, nil, nil},
		{"no Prometheus in the tree", []string{apiDoc(`{prometheus.io/scrape: "true"}`)}, nil, nil},
		{"a ServiceMonitor", []string{scrapeTree, apiDoc(`{}`), serviceMonitor},
			[]string{"monitoring/prometheus [shop/api] 9102/metrics ServiceMonitor monitoring/api: spec.endpoints[0]"}, nil},
		{"a PodMonitor", []string{scrapeTree, apiDoc(`{}`), podMonitor},
			[]string{"monitoring/prometheus [shop/api] 8080/http PodMonitor shop/api: spec.podMetricsEndpoints[0]"}, []string{`declares no port named "nope"`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var docs []string
			for _, d := range tc.docs {
				docs = append(docs, strings.Split(d, "---\n")...)
			}
			tr, err := tree.FromObjects("test", docObjects(t, docs...))
			if err != nil {
				t.Fatal(err)
			}
			refs, qs, err := References(tr)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, r := range refs {
				if r.Kind != RefScrape {
					t.Errorf("a %s reference: %+v", r.Kind, r)
				}
				where := strings.TrimPrefix(r.Where, "Deployment shop/api: ")
				got = append(got, fmt.Sprintf("%s %v %d/%s %s", r.From, r.To, r.Port, r.PortName, where))
			}
			if strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
				t.Errorf("references:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tc.want, "\n"))
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
