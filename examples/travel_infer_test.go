package examples

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"testing"

	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	"sigs.k8s.io/yaml"

	"github.com/kunerva/kunerva/internal/infer"
	"github.com/kunerva/kunerva/internal/tree"
)

// The README's tables are what infer.References must find in the travel
// tree: each row once, nothing else; the unresolvable reference and the
// addresses kept in Secrets (whose values are never read) as questions.

const (
	workloadsHeader = "| namespace (labels) | workload (kind) | pod selector labels | container ports | Service (port -> target) |"
	ingressHeader   = "| Ingress | host and path | backend (Service port) |"
	scrapeHeader    = "| scraped workload | prometheus.io/port |"
	// The README's Prometheus: "Prometheus also reaches every pod annotated".
	prometheus = "monitoring/prometheus"
)

// expected is a reference a README row shows: who, what, which port, and
// where it is written (a part of the Where) holding which value.
type expected struct {
	from   string
	kind   infer.RefKind
	target string // the Service, or the host, or (scrape) the workload
	port   int32  // as the receiving pods number it
	where  string
	value  string
}

func (e expected) String() string {
	return fmt.Sprintf("%s -> %s %s %d at %q holding %q", e.from, e.kind, e.target, e.port, e.where, e.value)
}

func (e expected) matches(r infer.Reference) bool {
	target := r.Service + r.Host
	if r.Kind == infer.RefScrape {
		target = strings.Join(r.To, ",")
	}
	return r.From == e.from && r.Kind == e.kind && target == e.target && r.Port == e.port &&
		strings.Contains(r.Where, e.where) && strings.Contains(r.Text, e.value)
}

// readmeWhere turns the README's "env NAME", "args", "ConfigMap C key K"
// into the part of a Where that says the same.
func readmeWhere(ns, where string) string {
	if name, ok := strings.CutPrefix(where, "env "); ok {
		return ".env[" + name + "]"
	}
	if where == "args" || where == "command" {
		return "." + where + "["
	}
	var kind, obj, key string
	if _, err := fmt.Sscanf(where, "%s %s key %s", &kind, &obj, &key); err == nil {
		return fmt.Sprintf("%s %s/%s: data[%s]", kind, ns, obj, key)
	}
	return where
}

// targetPort is the container port Service ns/name's port (number or
// name) reaches, through its named targetPort.
func targetPort(t *testing.T, tr *tree.Tree, ns, name, port string) int32 {
	t.Helper()
	s, ok := findService(tr, ns, name)
	if !ok {
		t.Fatalf("no Service %s/%s", ns, name)
	}
	i := slices.IndexFunc(s.Ports, func(p tree.ServicePort) bool { return p.Name == port || strconv.Itoa(int(p.Port)) == port })
	if i < 0 {
		t.Fatalf("Service %s/%s has no port %s", ns, name, port)
	}
	for _, w := range tr.Workloads {
		for _, cp := range w.Ports {
			if w.Namespace == ns && cp.Name == s.Ports[i].TargetPort && subsetOf(s.Selector, w.PodLabels) {
				return cp.Port
			}
		}
	}
	t.Fatalf("Service %s/%s port %s reaches no container port", ns, name, port)
	return 0
}

func subsetOf(sub, labels map[string]string) bool {
	for k, v := range sub {
		if labels[k] != v {
			return false
		}
	}
	return true
}

// travelExpected transcribes the README: the references, and the questions
// as (from, where) pairs.
func travelExpected(t *testing.T, tr *tree.Tree) (refs []expected, questions []expected) {
	t.Helper()
	for _, r := range readmeTable(t, serviceRefHeader) {
		ns, _, _ := strings.Cut(r[0], "/")
		e := expected{from: r[0], kind: infer.RefService, where: readmeWhere(ns, r[1]), value: r[2]}
		if strings.HasPrefix(r[3], "none:") {
			questions = append(questions, e)
			continue
		}
		target, port, _ := strings.Cut(r[3], " ")
		sns, sname, _ := strings.Cut(target, "/")
		e.target, e.port = target, targetPort(t, tr, sns, sname, port)
		refs = append(refs, e)
	}
	for _, r := range readmeTable(t, externalRefHeader) {
		ns, _, _ := strings.Cut(r[0], "/")
		e := expected{from: r[0], kind: infer.RefExternal, where: readmeWhere(ns, r[1]), value: r[2]}
		if strings.HasPrefix(r[1], "Secret ") {
			e.value = "" // never read: asked about
			questions = append(questions, e)
			continue
		}
		host, port, _ := strings.Cut(r[3], " ")
		n, _ := strconv.Atoi(port)
		e.target, e.port = host, int32(n)
		refs = append(refs, e)
	}
	ns, controller := "", ""
	for _, r := range readmeTable(t, workloadsHeader) {
		if r[0] != "" {
			ns = strings.Fields(r[0])[0]
		}
		svc, ok := strings.CutSuffix(r[4], " (LoadBalancer)")
		if !ok {
			continue
		}
		controller = ns + "/" + strings.Fields(r[1])[0]
		name, ports, _ := strings.Cut(svc, " ")
		for i, p := range strings.Split(ports, ", ") {
			port, _, _ := strings.Cut(p, " -> ")
			refs = append(refs, expected{kind: infer.RefWorld, target: ns + "/" + name, port: targetPort(t, tr, ns, name, port),
				where: fmt.Sprintf("Service %s/%s: ports[%d]", ns, name, i)})
		}
	}
	for _, r := range readmeTable(t, ingressHeader) {
		ns, _, _ := strings.Cut(r[0], "/")
		name, port, _ := strings.Cut(r[2], " ")
		refs = append(refs, expected{from: controller, kind: infer.RefIngress, target: ns + "/" + name,
			port: targetPort(t, tr, ns, name, port), where: "Ingress " + r[0] + ": rules[", value: strings.ReplaceAll(r[1], " ", "")})
	}
	for _, r := range readmeTable(t, scrapeHeader) {
		n, _ := strconv.Atoi(r[1])
		refs = append(refs, expected{from: prometheus, kind: infer.RefScrape, target: r[0], port: int32(n), where: "annotations[prometheus.io/port]"})
	}
	return refs, questions
}

func TestTravelInferReferences(t *testing.T) {
	tr := loadTravel(t)
	refs, questions, err := infer.References(tr)
	if err != nil {
		t.Fatal(err)
	}
	want, wantQ := travelExpected(t, tr)
	left := slices.Clone(refs)
	for _, e := range want {
		i := slices.IndexFunc(left, e.matches)
		if i < 0 {
			t.Errorf("README: %s; References found none", e)
			continue
		}
		left = slices.Delete(left, i, i+1)
	}
	for _, r := range left {
		t.Errorf("References found %+v, which the README does not list", r)
	}
	if len(questions) != len(wantQ) {
		t.Errorf("%d questions, the README shows %d: %+v", len(questions), len(wantQ), questions)
	}
	for _, e := range wantQ {
		if !slices.ContainsFunc(questions, func(q infer.Question) bool {
			return q.From == e.from && strings.Contains(q.Where, e.where) && strings.Contains(q.Text, e.value)
		}) {
			t.Errorf("README: %s is a question; References asked none: %+v", e, questions)
		}
	}
	traps := readmeTable(t, notAddressHeader)
	for _, r := range refs {
		for _, trap := range traps {
			if strings.Contains(r.Text, trap[2]) || strings.Contains(r.Text, "publish-service") {
				t.Errorf("%+v: the README says %q is no connection (%s)", r, trap[2], trap[3])
			}
		}
	}
}

// TestTravelInferSecretsStaySecret: no value of a Secret of the tree
// shows in a reference or a question.
func TestTravelInferSecretsStaySecret(t *testing.T) {
	tr := loadTravel(t)
	refs, questions, err := infer.References(tr)
	if err != nil {
		t.Fatal(err)
	}
	var shown strings.Builder
	for _, r := range refs {
		fmt.Fprintln(&shown, r.Where, r.Text)
	}
	for _, q := range questions {
		fmt.Fprintln(&shown, q.Where, q.Text, q.Why)
	}
	for _, o := range tr.Objects {
		if o.Kind != "Secret" {
			continue
		}
		var s corev1.Secret
		decodeTreeObject(t, tr, o.Kind, o.Namespace, o.Name, &s)
		for k, v := range s.StringData {
			for _, line := range strings.Split(v, "\n") {
				if line = strings.TrimSpace(line); line != "" && strings.Contains(shown.String(), line) {
					t.Errorf("Secret %s/%s key %s: %q shows", o.Namespace, o.Name, k, line)
				}
			}
		}
	}
}

// TestTravelInferEdit: a new env var with a Service's URL adds that one
// reference and nothing else.
func TestTravelInferEdit(t *testing.T) {
	tr := loadTravel(t)
	before, _, err := infer.References(tr)
	if err != nil {
		t.Fatal(err)
	}
	objs := slices.Clone(tr.Objects)
	i := slices.IndexFunc(objs, func(o tree.Object) bool {
		return o.Kind == "Deployment" && o.Namespace == "web" && o.Name == "frontend"
	})
	var d appsv1.Deployment
	if err := yaml.Unmarshal(objs[i].YAML, &d); err != nil {
		t.Fatal(err)
	}
	c := &d.Spec.Template.Spec.Containers[0]
	c.Env = append(c.Env, corev1.EnvVar{Name: "PAYMENTS_URL", Value: "http://payments.payments.svc"})
	if objs[i].YAML, err = yaml.Marshal(d); err != nil {
		t.Fatal(err)
	}
	edited, err := tree.FromObjects("travel+edit", objs)
	if err != nil {
		t.Fatal(err)
	}
	after, _, err := infer.References(edited)
	if err != nil {
		t.Fatal(err)
	}
	var added []infer.Reference
	for _, r := range after {
		if !slices.ContainsFunc(before, func(b infer.Reference) bool { return fmt.Sprint(b) == fmt.Sprint(r) }) {
			added = append(added, r)
		}
	}
	want := expected{from: "web/frontend", kind: infer.RefService, target: "payments/payments",
		port: targetPort(t, tr, "payments", "payments", "80"), where: "containers[frontend].env[PAYMENTS_URL]", value: "http://payments.payments.svc"}
	if len(after) != len(before)+1 || len(added) != 1 || !want.matches(added[0]) {
		t.Errorf("%d references before, %d after; added %+v, want only %s", len(before), len(after), added, want)
	}
}
