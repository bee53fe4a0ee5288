package cyclonus

import (
	"bytes"
	"fmt"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"sigs.k8s.io/yaml"

	"github.com/kunerva/kunerva/internal/tree"
)

// Objects reads a YAML stream of resources as tree objects; a namespaced
// object without a namespace is in "default", as kustomize puts it.
func Objects(stream []byte) ([]tree.Object, error) {
	var objs []tree.Object
	for i, doc := range bytes.Split(stream, []byte("\n---")) {
		if len(bytes.TrimSpace(doc)) == 0 {
			continue
		}
		var head struct {
			APIVersion string            `json:"apiVersion"`
			Kind       string            `json:"kind"`
			Metadata   metav1.ObjectMeta `json:"metadata"`
		}
		if err := yaml.Unmarshal(doc, &head); err != nil {
			return nil, fmt.Errorf("document %d: %w", i+1, err)
		}
		ns := head.Metadata.Namespace
		if ns == "" && head.Kind != "Namespace" {
			ns = "default"
		}
		objs = append(objs, tree.Object{APIVersion: head.APIVersion, Kind: head.Kind, Namespace: ns, Name: head.Metadata.Name, YAML: doc})
	}
	return objs, nil
}

func namespaceObject(name string, labels map[string]string) tree.Object {
	return object(&corev1.Namespace{
		TypeMeta:   metav1.TypeMeta{APIVersion: "v1", Kind: "Namespace"},
		ObjectMeta: metav1.ObjectMeta{Name: name, Labels: labels},
	})
}

func podObject(namespace, name string, labels map[string]string, ports []corev1.ContainerPort) tree.Object {
	return object(&corev1.Pod{
		TypeMeta:   metav1.TypeMeta{APIVersion: "v1", Kind: "Pod"},
		ObjectMeta: metav1.ObjectMeta{Namespace: namespace, Name: name, Labels: labels},
		Spec:       corev1.PodSpec{Containers: []corev1.Container{{Name: "main", Image: "example", Ports: ports}}},
	})
}

func object(o interface {
	GetNamespace() string
	GetName() string
}) tree.Object {
	b, err := yaml.Marshal(o)
	if err != nil {
		panic(err) // plain API structs always marshal
	}
	objs, err := Objects(b)
	if err != nil || len(objs) != 1 {
		panic(fmt.Sprintf("re-read %s: %v", b, err))
	}
	return objs[0]
}
