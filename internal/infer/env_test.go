package infer

import (
	"strings"
	"testing"

	"github.com/kunerva/kunerva/internal/tree"
)

// TestReferencesFromObjects: what the pods read from ConfigMaps (keys
// through env and envFrom, files through volumes) and from Secrets (only
// the key names).
func TestReferencesFromObjects(t *testing.T) {
	const app = `apiVersion: apps/v1
kind: Deployment
metadata: {name: app, namespace: a}
spec:
  selector: {matchLabels: {app: app}}
  template:
    metadata: {labels: {app: app}}
    spec:
      containers:
        - name: app
          envFrom: [{configMapRef: {name: env}}, {secretRef: {name: creds}}]
          env:
            - {name: ONE, valueFrom: {configMapKeyRef: {name: keyed, key: one}}}
            - {name: TOKEN, valueFrom: {secretKeyRef: {name: creds, key: token}}}
      volumes:
        - {name: conf, configMap: {name: files, items: [{key: app.yaml, path: app.yaml}]}}
        - {name: tls, secret: {secretName: tls}}
        - {name: more, projected: {sources: [{secret: {name: made-elsewhere, items: [{key: sink.json, path: sink.json}]}}]}}
`
	docs := []string{app,
		"apiVersion: v1\nkind: ConfigMap\nmetadata: {name: env, namespace: a}\ndata: {WEB_URL: 'http://web', LEVEL: debug}\n",
		"apiVersion: v1\nkind: ConfigMap\nmetadata: {name: keyed, namespace: a}\ndata: {one: 'db.data:5432', two: 'https://unread.io'}\n",
		"apiVersion: v1\nkind: ConfigMap\nmetadata: {name: files, namespace: a}\ndata:\n  app.yaml: |\n    # docs: https://docs.vendor.io/config\n    upstream: multi.a.svc:9090\n    mode: web\n  other.yaml: 'x: https://unmounted.io'\n",
		"apiVersion: v1\nkind: Secret\nmetadata: {name: creds, namespace: a}\nstringData: {API_ENDPOINT: 'https://sekrit.io', token: 'http://u:pw@leak.io'}\n",
		"apiVersion: v1\nkind: Secret\nmetadata: {name: tls, namespace: a}\nstringData: {tls.crt: x, tls.key: 'https://leak.io'}\n",
	}
	tr, err := tree.FromObjects("test", docObjects(t, append(docs, strings.Split(peers, "---\n")...)...))
	if err != nil {
		t.Fatal(err)
	}
	refs, qs, err := References(tr)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range refs {
		got = append(got, short(r)+" "+r.Where)
	}
	want := []string{
		"service a/web 8080/http ConfigMap a/env: data[WEB_URL] (envFrom of Deployment a/app)",
		"service a/multi 9090/grpc ConfigMap a/files: data[app.yaml] (volume conf of Deployment a/app)",
		"service data/db 5432/postgres ConfigMap a/keyed: data[one] (env[ONE] of Deployment a/app)",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("references:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	var asked []string
	for _, q := range qs {
		asked = append(asked, q.Where)
	}
	wantQ := []string{
		"Secret a/creds: data[API_ENDPOINT] (envFrom of Deployment a/app)",
		"Secret a/made-elsewhere: data[sink.json] (volume more of Deployment a/app)",
	}
	if strings.Join(asked, "\n") != strings.Join(wantQ, "\n") {
		t.Errorf("questions:\n%s\nwant:\n%s", strings.Join(asked, "\n"), strings.Join(wantQ, "\n"))
	}
	for _, text := range texts(refs, qs) {
		if strings.Contains(text, "sekrit") || strings.Contains(text, "leak") {
			t.Errorf("%q shows a Secret's value", text)
		}
	}
}

// TestReferencesPairUnderPrefix: envFrom's prefix is part of the names a
// host and a port pair by.
func TestReferencesPairUnderPrefix(t *testing.T) {
	const app = `apiVersion: apps/v1
kind: Deployment
metadata: {name: app, namespace: a}
spec:
  selector: {matchLabels: {app: app}}
  template:
    metadata: {labels: {app: app}}
    spec:
      containers:
        - name: app
          envFrom: [{prefix: GRPC_, configMapRef: {name: upstream}}]
---
apiVersion: v1
kind: ConfigMap
metadata: {name: upstream, namespace: a}
data: {HOST: multi, PORT: "9090"}
`
	tr, err := tree.FromObjects("test", docObjects(t, append(strings.Split(app, "---\n"), strings.Split(peers, "---\n")...)...))
	if err != nil {
		t.Fatal(err)
	}
	refs, qs, err := References(tr)
	if err != nil {
		t.Fatal(err)
	}
	want := "service a/multi 9090/grpc ConfigMap a/upstream: data[HOST] (envFrom of Deployment a/app) and ConfigMap upstream data[PORT]"
	if len(refs) != 1 || short(refs[0])+" "+refs[0].Where != want || len(qs) != 0 {
		t.Errorf("references %+v, questions %+v; want only %s", refs, qs, want)
	}
}
