package infer

import (
	"fmt"
	"slices"
	"strings"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"sigs.k8s.io/yaml"

	"github.com/kunerva/kunerva/internal/tree"
)

// The monitoring stack is the tree's Prometheus: the workloads named
// prometheus, or whose app or app.kubernetes.io/name label is (tree.Lookup).
// It scrapes the pods annotated prometheus.io/scrape: "true" on the port
// prometheus.io/port names (every declared TCP port when none is named),
// and the targets of ServiceMonitors and PodMonitors. Without a Prometheus
// in the tree nothing is scraped: the annotations ask for nothing then.
const (
	scrapeAnnotation = "prometheus.io/scrape"
	portAnnotation   = "prometheus.io/port"
)

func (f *finder) scrapes(pods map[string]*corev1.PodTemplateSpec) []error {
	scrapers := f.t.Lookup("prometheus")
	if len(scrapers) == 0 {
		return nil
	}
	for _, w := range f.t.Workloads {
		pod := pods[key(w)]
		if pod == nil || pod.Annotations[scrapeAnnotation] != "true" {
			continue
		}
		where := fmt.Sprintf("%s %s: %smetadata.annotations[%s]", w.Kind, key(w), templatePath(w.Kind), portAnnotation)
		value, named := pod.Annotations[portAnnotation]
		var ports []tree.ContainerPort
		switch {
		case named && parsePort(value) > 0:
			ports = []tree.ContainerPort{{Port: parsePort(value)}}
			for _, cp := range w.Ports {
				if cp.Port == ports[0].Port && cp.Protocol == "TCP" {
					ports[0].Name = cp.Name
				}
			}
		case named:
			f.ask(key(w), where, value, fmt.Sprintf("%s is not a port number", portAnnotation))
		default:
			where = fmt.Sprintf("%s %s: %smetadata.annotations[%s]", w.Kind, key(w), templatePath(w.Kind), scrapeAnnotation)
			for _, cp := range w.Ports {
				if cp.Protocol == "TCP" {
					ports = append(ports, tree.ContainerPort{Name: cp.Name, Port: cp.Port})
				}
			}
			if len(ports) == 0 {
				f.ask(key(w), where, "true", "annotated for scraping, but it names no port and declares none: say which")
			}
		}
		for _, p := range ports {
			f.scrape(scrapers, w, where, fmt.Sprintf("%s: %d", portAnnotation, p.Port), p)
		}
	}
	return f.monitors(scrapers)
}

func templatePath(kind string) string {
	switch kind {
	case "Pod":
		return ""
	case "CronJob":
		return "spec.jobTemplate.spec.template."
	}
	return "spec.template."
}

func (f *finder) scrape(scrapers []tree.Workload, target tree.Workload, where, text string, p tree.ContainerPort) {
	for _, s := range scrapers {
		if key(s) == key(target) {
			continue // itself, in its own pod
		}
		f.refs = append(f.refs, Reference{From: key(s), Where: where, Text: text, Kind: RefScrape,
			To: []string{key(target)}, Port: p.Port, PortName: p.Name, Protocol: "TCP"})
	}
}

// monitor is what a ServiceMonitor or PodMonitor says about its targets.
type monitor struct {
	Spec struct {
		Selector          metav1.LabelSelector `json:"selector"`
		NamespaceSelector struct {
			Any        bool     `json:"any"`
			MatchNames []string `json:"matchNames"`
		} `json:"namespaceSelector"`
		Endpoints           []monitorEndpoint `json:"endpoints"`
		PodMetricsEndpoints []monitorEndpoint `json:"podMetricsEndpoints"`
	} `json:"spec"`
}

type monitorEndpoint struct {
	Port string `json:"port"`
}

// monitors adds the targets of the prometheus-operator's ServiceMonitors
// (Service ports by name) and PodMonitors (container ports by name).
func (f *finder) monitors(scrapers []tree.Workload) []error {
	var errs []error
	for _, o := range f.t.Objects {
		if (o.Kind != "ServiceMonitor" && o.Kind != "PodMonitor") || !strings.HasPrefix(o.APIVersion, "monitoring.coreos.com/") {
			continue
		}
		self := fmt.Sprintf("%s %s/%s", o.Kind, o.Namespace, o.Name)
		var m monitor
		if err := yaml.Unmarshal(o.YAML, &m); err != nil {
			errs = append(errs, fmt.Errorf("%s: decode: %w", self, err))
			continue
		}
		if len(m.Spec.Selector.MatchExpressions) > 0 || len(m.Spec.Selector.MatchLabels) == 0 {
			f.ask("", self+": spec.selector", "", "only a selector of matchLabels alone is read: say which workloads it scrapes")
			continue
		}
		inScope := func(ns string) bool {
			names := m.Spec.NamespaceSelector.MatchNames
			return m.Spec.NamespaceSelector.Any || len(names) == 0 && ns == o.Namespace || slices.Contains(names, ns)
		}
		want := m.Spec.Selector.MatchLabels
		if o.Kind == "PodMonitor" {
			for i, e := range m.Spec.PodMetricsEndpoints {
				where := fmt.Sprintf("%s: spec.podMetricsEndpoints[%d]", self, i)
				for _, w := range f.t.Workloads {
					if !inScope(w.Namespace) || !subset(want, w.PodLabels) {
						continue
					}
					j := slices.IndexFunc(w.Ports, func(cp tree.ContainerPort) bool { return cp.Name == e.Port })
					if j < 0 {
						f.ask(key(w), where, e.Port, fmt.Sprintf("workload %s declares no port named %q", key(w), e.Port))
						continue
					}
					f.scrape(scrapers, w, where, "port "+e.Port, tree.ContainerPort{Name: e.Port, Port: w.Ports[j].Port})
				}
			}
			continue
		}
		for i, e := range m.Spec.Endpoints {
			where := fmt.Sprintf("%s: spec.endpoints[%d]", self, i)
			for _, svc := range f.t.Services {
				if !inScope(svc.Namespace) || !f.serviceLabelled(svc, want) {
					continue
				}
				j := slices.IndexFunc(svc.Ports, func(p tree.ServicePort) bool { return p.Name == e.Port })
				for _, s := range scrapers {
					if j < 0 {
						f.ask(key(s), where, e.Port, fmt.Sprintf("Service %s/%s has no port named %q", svc.Namespace, svc.Name, e.Port))
						continue
					}
					ref := Reference{From: key(s), Where: where, Text: "port " + e.Port, Kind: RefScrape, Service: svc.Namespace + "/" + svc.Name}
					for _, q := range f.targets(ref, svc, svc.Ports[j]) {
						f.ask(key(s), where, ref.Text, q)
					}
				}
			}
		}
	}
	return errs
}

// serviceLabelled says the Service object carries the labels (a
// ServiceMonitor selects Services by their own labels).
func (f *finder) serviceLabelled(svc tree.Service, want map[string]string) bool {
	o := f.t.Object("Service", svc.Namespace, svc.Name)
	var s metav1.PartialObjectMetadata
	if o == nil || yaml.Unmarshal(o.YAML, &s) != nil {
		return false
	}
	return subset(want, s.Labels)
}
