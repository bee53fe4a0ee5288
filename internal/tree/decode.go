package tree

import (
	"fmt"
	"maps"
	"strconv"

	appsv1 "k8s.io/api/apps/v1"
	batchv1 "k8s.io/api/batch/v1"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"sigs.k8s.io/yaml"
)

// decodeNamespace decodes o if it is a Namespace; ok says whether it is one.
func decodeNamespace(o Object) (ns Namespace, ok bool, err error) {
	if o.group() != "" || o.Kind != "Namespace" {
		return Namespace{}, false, nil
	}
	var n corev1.Namespace
	if err := yaml.Unmarshal(o.YAML, &n); err != nil {
		return Namespace{Name: o.Name, Declared: true}, true, fmt.Errorf("%s: decode: %w", o.ref(), err)
	}
	labels := n.Labels
	if labels == nil {
		labels = map[string]string{} // nil is kept for namespaces the tree only refers to
	}
	return Namespace{Name: n.Name, Labels: labels, Declared: true}, true, nil
}

// decodeWorkload decodes o if it is a kind that runs pods; ok says whether
// it is one. matchExpressions are left out of Selector: policies select by
// labels, and a workload selected by expressions still has its PodLabels.
func decodeWorkload(o Object) (w Workload, ok bool, err error) {
	selector, pod, ok, err := podTemplate(o)
	if !ok {
		return Workload{}, false, nil
	}
	w = Workload{Kind: o.Kind, Name: o.Name, Namespace: o.Namespace}
	if err != nil {
		return w, true, fmt.Errorf("%s: decode: %w", o.ref(), err)
	}
	w.Selector = withoutInstanceLabels(selector)
	w.PodLabels = withoutInstanceLabels(pod.Labels)
	w.Ports = containerPorts(pod.Spec)
	w.Template = *pod
	switch o.Kind {
	case "CronJob":
		w.TemplatePath = "spec.jobTemplate.spec.template"
	case "Pod":
	default:
		w.TemplatePath = "spec.template"
	}
	return w, true, nil
}

// podTemplate returns the selector and pod template of a workload kind.
// Jobs, CronJobs and bare Pods have no selector of their own that policies
// could reuse, so their pod labels stand in for it.
func podTemplate(o Object) (selector map[string]string, pod *corev1.PodTemplateSpec, ok bool, err error) {
	switch o.group() + "/" + o.Kind {
	case "apps/Deployment":
		var d appsv1.Deployment
		err = yaml.Unmarshal(o.YAML, &d)
		return matchLabels(d.Spec.Selector), &d.Spec.Template, true, err
	case "apps/StatefulSet":
		var s appsv1.StatefulSet
		err = yaml.Unmarshal(o.YAML, &s)
		return matchLabels(s.Spec.Selector), &s.Spec.Template, true, err
	case "apps/DaemonSet":
		var d appsv1.DaemonSet
		err = yaml.Unmarshal(o.YAML, &d)
		return matchLabels(d.Spec.Selector), &d.Spec.Template, true, err
	case "apps/ReplicaSet":
		var r appsv1.ReplicaSet
		err = yaml.Unmarshal(o.YAML, &r)
		return matchLabels(r.Spec.Selector), &r.Spec.Template, true, err
	case "batch/Job":
		var j batchv1.Job
		err = yaml.Unmarshal(o.YAML, &j)
		return maps.Clone(j.Spec.Template.Labels), &j.Spec.Template, true, err
	case "batch/CronJob":
		var c batchv1.CronJob
		err = yaml.Unmarshal(o.YAML, &c)
		t := &c.Spec.JobTemplate.Spec.Template
		return maps.Clone(t.Labels), t, true, err
	case "/Pod":
		var p corev1.Pod
		err = yaml.Unmarshal(o.YAML, &p)
		t := &corev1.PodTemplateSpec{ObjectMeta: p.ObjectMeta, Spec: p.Spec}
		return maps.Clone(p.Labels), t, true, err
	}
	return nil, nil, false, nil
}

// instanceLabels are the labels controllers and the API server add to one
// instance of a workload (a Job's uid, a ReplicaSet's hash): policies must
// not select by them, and a live cluster has them where the tree has not.
var instanceLabels = []string{"controller-uid", "job-name", "pod-template-hash", "controller-revision-hash",
	"batch.kubernetes.io/controller-uid", "batch.kubernetes.io/job-name", "statefulset.kubernetes.io/pod-name", "apps.kubernetes.io/pod-index"}

func withoutInstanceLabels(labels map[string]string) map[string]string {
	if labels == nil {
		return nil
	}
	out := maps.Clone(labels)
	for _, k := range instanceLabels {
		delete(out, k)
	}
	return out
}

func matchLabels(s *metav1.LabelSelector) map[string]string {
	if s == nil {
		return nil
	}
	return s.MatchLabels
}

// containerPorts lists the ports of the containers, then of the init
// containers: a sidecar (an init container that keeps running) serves too.
func containerPorts(spec corev1.PodSpec) []ContainerPort {
	var ports []ContainerPort
	for _, c := range append(spec.Containers, spec.InitContainers...) {
		for _, p := range c.Ports {
			ports = append(ports, ContainerPort{
				Container: c.Name,
				Name:      p.Name,
				Port:      p.ContainerPort,
				Protocol:  protocol(p.Protocol),
			})
		}
	}
	return ports
}

// decodeService decodes o if it is a Service; ok says whether it is one.
func decodeService(o Object) (s Service, ok bool, err error) {
	if o.group() != "" || o.Kind != "Service" {
		return Service{}, false, nil
	}
	s = Service{Name: o.Name, Namespace: o.Namespace}
	var svc corev1.Service
	if err := yaml.Unmarshal(o.YAML, &svc); err != nil {
		return s, true, fmt.Errorf("%s: decode: %w", o.ref(), err)
	}
	s.Selector = svc.Spec.Selector
	for _, p := range svc.Spec.Ports {
		target := p.TargetPort.String()
		if p.TargetPort.IntValue() == 0 && p.TargetPort.StrVal == "" {
			target = strconv.Itoa(int(p.Port)) // the API server's default
		}
		s.Ports = append(s.Ports, ServicePort{
			Name:       p.Name,
			Port:       p.Port,
			TargetPort: target,
			Protocol:   protocol(p.Protocol),
		})
	}
	return s, true, nil
}

// protocol applies the API server's default.
func protocol(p corev1.Protocol) string {
	if p == "" {
		return string(corev1.ProtocolTCP)
	}
	return string(p)
}
