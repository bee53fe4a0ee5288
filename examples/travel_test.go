package examples

import (
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	corev1 "k8s.io/api/core/v1"
	networkingv1 "k8s.io/api/networking/v1"
	"sigs.k8s.io/yaml"

	"github.com/kunerva/kunerva/internal/tree"
)

// The travel tree's README is its specification: these tests read its
// tables and hold the tree built by kustomize to them, both ways.

var travelTree = sync.OnceValues(func() (*tree.Tree, error) { return tree.Load("travel") })

func loadTravel(t *testing.T) *tree.Tree {
	t.Helper()
	tr, err := travelTree()
	if err != nil {
		t.Fatalf("examples/travel does not build: %v", err)
	}
	return tr
}

// readmeTable returns the rows of the table in travel/README.md whose
// header row is header, each row's cells trimmed and unquoted from their
// backticks.
func readmeTable(t *testing.T, header string) [][]string {
	t.Helper()
	lines := strings.Split(readFile(t, "travel/README.md"), "\n")
	start := slices.Index(lines, header)
	if start < 0 {
		t.Fatalf("travel/README.md: no table with the header %q", header)
	}
	width := len(cells(header))
	var rows [][]string
	for i, line := range lines[start+2:] {
		if !strings.HasPrefix(line, "|") {
			break
		}
		row := cells(line)
		if len(row) != width {
			t.Fatalf("travel/README.md:%d: %d cells, the header has %d", start+3+i, len(row), width)
		}
		rows = append(rows, row)
	}
	if len(rows) == 0 {
		t.Fatalf("travel/README.md: the table %q has no rows", header)
	}
	return rows
}

func cells(line string) []string {
	parts := strings.Split(strings.Trim(line, "|"), "|")
	for i, p := range parts {
		parts[i] = strings.Trim(strings.TrimSpace(p), "`")
	}
	return parts
}

// nameAndParen splits "name (inside)" into its two parts.
func nameAndParen(t *testing.T, cell string) (name, inside string) {
	t.Helper()
	m := regexp.MustCompile(`^(\S+) \((.*)\)$`).FindStringSubmatch(cell)
	if m == nil {
		t.Fatalf("travel/README.md: %q is not \"name (...)\"", cell)
	}
	return m[1], m[2]
}

// labelList reads "a=b, c=d" ("-" for none).
func labelList(t *testing.T, cell string) map[string]string {
	t.Helper()
	out := map[string]string{}
	if cell == "-" {
		return out
	}
	for _, kv := range strings.Split(cell, ", ") {
		k, v, ok := strings.Cut(kv, "=")
		if !ok {
			t.Fatalf("travel/README.md: %q is not key=value", kv)
		}
		out[k] = v
	}
	return out
}

func TestTravelNamespaces(t *testing.T) {
	tr := loadTravel(t)
	want := map[string]map[string]string{}
	for _, row := range readmeTable(t, workloadHeader) {
		if row[0] == "" {
			continue
		}
		name, labels := nameAndParen(t, row[0])
		want[name] = labelList(t, labels)
	}
	got := map[string]map[string]string{}
	for _, ns := range tr.Namespaces {
		if !ns.Declared {
			t.Errorf("namespace %s is used but not declared in namespaces.yaml", ns.Name)
		}
		got[ns.Name] = ns.Labels
	}
	if !maps.EqualFunc(got, want, maps.Equal) {
		t.Errorf("namespaces and labels:\n tree   %v\n README %v", got, want)
	}
}

const workloadHeader = "| namespace (labels) | workload (kind) | pod selector labels | container ports | Service (port -> target) |"

// TestTravelWorkloads holds every workload and Service of the tree to its
// row of the README's table, and every row to the tree.
func TestTravelWorkloads(t *testing.T) {
	tr := loadTravel(t)
	rows := readmeTable(t, workloadHeader)
	seenServices := map[string]bool{}
	namespace := ""
	for _, row := range rows {
		if row[0] != "" {
			namespace, _ = nameAndParen(t, row[0])
		}
		name, kind := nameAndParen(t, row[1])
		t.Run(namespace+"/"+name, func(t *testing.T) {
			w, ok := findWorkload(tr, namespace, name)
			if !ok {
				t.Fatalf("no workload %s/%s in the tree", namespace, name)
			}
			if w.Kind != kind {
				t.Errorf("kind %s, README %s", w.Kind, kind)
			}
			selector := labelList(t, row[2])
			switch w.Kind {
			case "Job", "CronJob", "Pod":
				if !isSubset(selector, w.Selector) {
					t.Errorf("pod labels %v do not hold the README's %v", w.Selector, selector)
				}
			default:
				if !maps.Equal(w.Selector, selector) {
					t.Errorf("selector %v, README %v", w.Selector, selector)
				}
				if !isSubset(w.Selector, w.PodLabels) || len(w.PodLabels) <= len(w.Selector) {
					t.Errorf("pod labels %v: want the selector %v and descriptive labels besides", w.PodLabels, w.Selector)
				}
			}
			var ports []string
			for _, p := range w.Ports {
				ports = append(ports, fmt.Sprintf("%s %d", p.Name, p.Port))
			}
			if got := cmpList(ports); got != cmpList(listCell(row[3])) {
				t.Errorf("container ports %s, README %s", got, row[3])
			}
			if row[4] != "-" {
				name := checkService(t, tr, w, row[4])
				seenServices[namespace+"/"+name] = true
			}
		})
	}
	if len(rows) != len(tr.Workloads) {
		t.Errorf("the README lists %d workloads, the tree has %d", len(rows), len(tr.Workloads))
	}
	for _, s := range tr.Services {
		if !seenServices[s.Namespace+"/"+s.Name] {
			t.Errorf("Service %s/%s is in no row of the README's table", s.Namespace, s.Name)
		}
	}
}

// checkService checks the README's "name port -> target, ... (type)" cell
// against the Service of that name: its ports, its type, that it selects
// the workload and that every target port is a container port's name.
func checkService(t *testing.T, tr *tree.Tree, w tree.Workload, cell string) string {
	t.Helper()
	typ := corev1.ServiceTypeClusterIP
	if rest, ok := strings.CutSuffix(cell, " (LoadBalancer)"); ok {
		cell, typ = rest, corev1.ServiceTypeLoadBalancer
	}
	name, ports, _ := strings.Cut(cell, " ")
	s, ok := findService(tr, w.Namespace, name)
	if !ok {
		t.Errorf("no Service %s/%s in the tree", w.Namespace, name)
		return name
	}
	var got []string
	for _, p := range s.Ports {
		got = append(got, fmt.Sprintf("%d -> %s", p.Port, p.TargetPort))
		if !slices.ContainsFunc(w.Ports, func(c tree.ContainerPort) bool { return c.Name == p.TargetPort }) {
			t.Errorf("Service %s: targetPort %q is not the name of a container port of %s", name, p.TargetPort, w.Name)
		}
	}
	if cmpList(got) != cmpList(listCell(ports)) {
		t.Errorf("Service %s ports %s, README %s", name, cmpList(got), ports)
	}
	if !isSubset(s.Selector, w.PodLabels) {
		t.Errorf("Service %s selects %v, which the pods of %s (%v) do not carry", name, s.Selector, w.Name, w.PodLabels)
	}
	var svc corev1.Service
	decodeTreeObject(t, tr, "Service", w.Namespace, name, &svc)
	if cmpType := svc.Spec.Type; cmpType != typ && !(cmpType == "" && typ == corev1.ServiceTypeClusterIP) {
		t.Errorf("Service %s is of type %q, README %q", name, cmpType, typ)
	}
	return name
}

func listCell(cell string) []string {
	if cell == "-" {
		return nil
	}
	return strings.Split(cell, ", ")
}

func cmpList(l []string) string {
	return strings.Join(slices.Sorted(slices.Values(l)), ", ")
}

func isSubset(sub, super map[string]string) bool {
	for k, v := range sub {
		if w, ok := super[k]; !ok || w != v {
			return false
		}
	}
	return true
}

func findWorkload(tr *tree.Tree, namespace, name string) (tree.Workload, bool) {
	i := slices.IndexFunc(tr.Workloads, func(w tree.Workload) bool { return w.Namespace == namespace && w.Name == name })
	if i < 0 {
		return tree.Workload{}, false
	}
	return tr.Workloads[i], true
}

func findService(tr *tree.Tree, namespace, name string) (tree.Service, bool) {
	i := slices.IndexFunc(tr.Services, func(s tree.Service) bool { return s.Namespace == namespace && s.Name == name })
	if i < 0 {
		return tree.Service{}, false
	}
	return tr.Services[i], true
}

// decodeTreeObject decodes the tree's object of that kind, namespace and
// name into v, or fails.
func decodeTreeObject(t *testing.T, tr *tree.Tree, kind, namespace, name string, v any) {
	t.Helper()
	o := tr.Object(kind, namespace, name)
	if o == nil {
		t.Fatalf("no %s %s/%s in the tree", kind, namespace, name)
	}
	if err := yaml.Unmarshal(o.YAML, v); err != nil {
		t.Fatalf("%s %s/%s: %v", kind, namespace, name, err)
	}
}

// TestTravelIngresses holds every path of every Ingress to the README's
// table, and its backend to a port of a Service of the tree.
func TestTravelIngresses(t *testing.T) {
	tr := loadTravel(t)
	var want []string
	for _, row := range readmeTable(t, "| Ingress | host and path | backend (Service port) |") {
		want = append(want, strings.Join(row, " | "))
	}
	var got []string
	for _, o := range tr.Objects {
		if o.Kind != "Ingress" {
			continue
		}
		var ing networkingv1.Ingress
		decodeTreeObject(t, tr, o.Kind, o.Namespace, o.Name, &ing)
		if c := ing.Spec.IngressClassName; c == nil || *c != "nginx" || tr.Object("IngressClass", "", *c) == nil {
			t.Errorf("Ingress %s/%s: want ingressClassName nginx, the class of the tree", o.Namespace, o.Name)
		}
		for _, rule := range ing.Spec.Rules {
			for _, p := range rule.HTTP.Paths {
				b := p.Backend.Service
				port := b.Port.Name
				if port == "" {
					port = strconv.Itoa(int(b.Port.Number))
				}
				got = append(got, fmt.Sprintf("%s/%s | %s %s | %s %s", o.Namespace, o.Name, rule.Host, p.Path, b.Name, port))
				s, ok := findService(tr, o.Namespace, b.Name)
				if !ok || !slices.ContainsFunc(s.Ports, func(sp tree.ServicePort) bool { return sp.Name == port || strconv.Itoa(int(sp.Port)) == port }) {
					t.Errorf("Ingress %s/%s: backend %s port %s is not a port of a Service of the tree", o.Namespace, o.Name, b.Name, port)
				}
			}
		}
	}
	if !slices.Equal(slices.Sorted(slices.Values(got)), slices.Sorted(slices.Values(want))) {
		t.Errorf("Ingress paths:\n tree   %q\n README %q", got, want)
	}
}

// TestTravelScrapeTargets holds the pods annotated for Prometheus to the
// README's table; each annotated port must be a container port.
func TestTravelScrapeTargets(t *testing.T) {
	tr := loadTravel(t)
	want := map[string]string{}
	for _, row := range readmeTable(t, "| scraped workload | prometheus.io/port |") {
		want[row[0]] = row[1]
	}
	got := map[string]string{}
	for _, w := range tr.Workloads {
		pod := w.Template
		if pod.Annotations["prometheus.io/scrape"] != "true" {
			continue
		}
		port := pod.Annotations["prometheus.io/port"]
		got[w.Namespace+"/"+w.Name] = port
		if !slices.ContainsFunc(w.Ports, func(c tree.ContainerPort) bool { return strconv.Itoa(int(c.Port)) == port }) {
			t.Errorf("%s/%s: prometheus.io/port %q is not a container port", w.Namespace, w.Name, port)
		}
	}
	if !maps.Equal(got, want) {
		t.Errorf("scrape targets:\n tree   %v\n README %v", got, want)
	}
}
