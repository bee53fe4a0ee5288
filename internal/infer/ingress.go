package infer

import (
	"fmt"
	"maps"
	"slices"

	corev1 "k8s.io/api/core/v1"
	networkingv1 "k8s.io/api/networking/v1"
	"sigs.k8s.io/yaml"

	"github.com/kunerva/kunerva/internal/tree"
)

// controllerLabels are the labels of an IngressClass that its controller's
// pods carry too (the charts of ingress-nginx, Traefik, HAProxy and the
// like label both alike); a class without them is known by its controller.
var controllerLabels = []string{"app.kubernetes.io/name", "app.kubernetes.io/instance", "app.kubernetes.io/component"}

var knownControllers = map[string]map[string]string{
	"k8s.io/ingress-nginx": {"app.kubernetes.io/name": "ingress-nginx", "app.kubernetes.io/component": "controller"},
}

// ingresses adds a reference from the controller of each Ingress's class
// to each backend: the controller's pods connect to the backend pods
// directly. The controller is the workloads whose pods carry the class's
// controllerLabels (or knownControllers' labels).
func (f *finder) ingresses() []error {
	var errs []error
	classes := map[string]networkingv1.IngressClass{}
	defaultClass := ""
	for _, o := range f.t.Objects {
		if o.Kind == "IngressClass" && o.APIVersion == "networking.k8s.io/v1" {
			var c networkingv1.IngressClass
			if err := yaml.Unmarshal(o.YAML, &c); err != nil {
				errs = append(errs, fmt.Errorf("%s %s: decode: %w", o.Kind, o.Name, err))
				continue
			}
			classes[c.Name] = c
			if c.Annotations["ingressclass.kubernetes.io/is-default-class"] == "true" {
				defaultClass = c.Name
			}
		}
	}
	if defaultClass == "" && len(classes) == 1 {
		defaultClass = slices.Collect(maps.Keys(classes))[0]
	}
	for _, o := range f.t.Objects {
		if o.Kind != "Ingress" || o.APIVersion != "networking.k8s.io/v1" {
			continue
		}
		var ing networkingv1.Ingress
		if err := yaml.Unmarshal(o.YAML, &ing); err != nil {
			errs = append(errs, fmt.Errorf("%s %s/%s: decode: %w", o.Kind, o.Namespace, o.Name, err))
			continue
		}
		self := fmt.Sprintf("Ingress %s/%s", o.Namespace, o.Name)
		class := defaultClass
		if ing.Spec.IngressClassName != nil {
			class = *ing.Spec.IngressClassName
		} else if c := ing.Annotations["kubernetes.io/ingress.class"]; c != "" {
			class = c
		}
		controllers, why := f.controllers(classes, class)
		if why != "" {
			f.ask("", self, "", why)
			continue
		}
		if b := ing.Spec.DefaultBackend; b != nil && b.Service != nil {
			f.backend(controllers, o.Namespace, self+": defaultBackend", "*", *b.Service)
		}
		for i, r := range ing.Spec.Rules {
			if r.HTTP == nil {
				continue
			}
			for j, p := range r.HTTP.Paths {
				if p.Backend.Service != nil {
					where := fmt.Sprintf("%s: rules[%d].http.paths[%d]", self, i, j)
					f.backend(controllers, o.Namespace, where, cmpOr(r.Host, "*")+p.Path, *p.Backend.Service)
				}
			}
		}
	}
	return errs
}

func cmpOr(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// controllers returns the workloads that run the controller of class.
func (f *finder) controllers(classes map[string]networkingv1.IngressClass, class string) ([]tree.Workload, string) {
	c, ok := classes[class]
	if !ok {
		if class == "" {
			return nil, "the Ingress names no class and the tree has no default IngressClass: say which controller serves it"
		}
		return nil, fmt.Sprintf("no IngressClass %s in the tree: say which controller serves it", class)
	}
	want := map[string]string{}
	for _, k := range controllerLabels {
		if v, ok := c.Labels[k]; ok {
			want[k] = v
		}
	}
	if len(want) == 0 {
		want = knownControllers[c.Spec.Controller]
	}
	var found []tree.Workload
	for _, w := range f.t.Workloads {
		if len(want) > 0 && subset(want, w.PodLabels) {
			found = append(found, w)
		}
	}
	if len(found) == 0 {
		return nil, fmt.Sprintf("no workload of the tree runs the controller of IngressClass %s (%s): its pods would carry the labels %v", class, c.Spec.Controller, want)
	}
	return found, ""
}

// backend adds a reference from each controller to the backend Service's
// target port.
func (f *finder) backend(controllers []tree.Workload, ns, where, text string, b networkingv1.IngressServiceBackend) {
	i := slices.IndexFunc(f.t.Services, func(s tree.Service) bool { return s.Namespace == ns && s.Name == b.Name })
	for _, c := range controllers {
		if i < 0 {
			f.ask(key(c), where, text, fmt.Sprintf("no Service %s in namespace %s", b.Name, ns))
			continue
		}
		svc := f.t.Services[i]
		j := slices.IndexFunc(svc.Ports, func(p tree.ServicePort) bool {
			return b.Port.Name != "" && p.Name == b.Port.Name || b.Port.Name == "" && p.Port == b.Port.Number
		})
		if j < 0 {
			f.ask(key(c), where, text, fmt.Sprintf("Service %s/%s has no port %s%s (it has %s)", ns, b.Name, b.Port.Name, portText(b.Port.Number), servicePorts(svc)))
			continue
		}
		ref := Reference{From: key(c), Where: where, Text: text, Kind: RefIngress, Service: ns + "/" + b.Name}
		for _, q := range f.targets(ref, svc, svc.Ports[j]) {
			f.ask(key(c), where, text, q)
		}
	}
}

// world adds a reference from outside the cluster to every port of a
// LoadBalancer or NodePort Service.
func (f *finder) world() []error {
	var errs []error
	for _, svc := range f.t.Services {
		o := f.t.Object("Service", svc.Namespace, svc.Name)
		if o == nil {
			continue
		}
		var s corev1.Service
		if err := yaml.Unmarshal(o.YAML, &s); err != nil {
			errs = append(errs, fmt.Errorf("%s %s/%s: decode: %w", o.Kind, svc.Namespace, svc.Name, err))
			continue
		}
		if s.Spec.Type != corev1.ServiceTypeLoadBalancer && s.Spec.Type != corev1.ServiceTypeNodePort {
			continue
		}
		for i, p := range svc.Ports {
			where := fmt.Sprintf("Service %s/%s: ports[%d]", svc.Namespace, svc.Name, i)
			ref := Reference{Where: where, Text: fmt.Sprintf("%s port %d", s.Spec.Type, p.Port), Kind: RefWorld, Service: svc.Namespace + "/" + svc.Name}
			for _, q := range f.targets(ref, svc, p) {
				f.ask("", where, ref.Text, q)
			}
		}
	}
	return errs
}

// ingressHosts are the hosts the tree's Ingresses serve: its own public
// addresses, which its workloads write for links, not to call.
// One that does not decode is reported by ingresses.
func ingressHosts(t *tree.Tree) map[string]bool {
	hosts := map[string]bool{}
	for _, o := range t.Objects {
		var ing networkingv1.Ingress
		if o.Kind != "Ingress" || o.APIVersion != "networking.k8s.io/v1" || yaml.Unmarshal(o.YAML, &ing) != nil {
			continue
		}
		for _, r := range ing.Spec.Rules {
			if r.Host != "" {
				hosts[normalHost(r.Host)] = true
			}
		}
		for _, tls := range ing.Spec.TLS {
			for _, h := range tls.Hosts {
				hosts[normalHost(h)] = true
			}
		}
	}
	return hosts
}

func subset(sub, labels map[string]string) bool {
	for k, v := range sub {
		if got, ok := labels[k]; !ok || got != v {
			return false
		}
	}
	return true
}
