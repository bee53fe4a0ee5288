package tree

import (
	"cmp"
	"errors"
	"fmt"
	"io/fs"
	corev1 "k8s.io/api/core/v1"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"sigs.k8s.io/kustomize/api/konfig"
	"sigs.k8s.io/kustomize/api/krusty"
	"sigs.k8s.io/kustomize/api/resource"
	"sigs.k8s.io/kustomize/kyaml/filesys"
)

// Tree is the indexed output of one kustomize build.
type Tree struct {
	Root       string
	Namespaces []Namespace // Namespace objects in the tree, plus namespaces only referred to by objects (Labels nil then); sorted by name
	Workloads  []Workload  // sorted by namespace, name
	Services   []Service   // sorted by namespace, name
	Objects    []Object    // every resource of the build, in build order
}

// Namespace is a namespace the tree declares or puts objects in.
type Namespace struct {
	Name     string
	Labels   map[string]string
	Declared bool // a Namespace object is in the tree
}

// Workload is an object that runs pods.
type Workload struct {
	Kind, Name, Namespace string            // Deployment, StatefulSet, DaemonSet, ReplicaSet, Job, CronJob, Pod
	Selector              map[string]string // spec.selector.matchLabels; for Job/CronJob/Pod the pod template (or pod) labels
	PodLabels             map[string]string // the pod template's labels (the pod's own for Pod)
	Ports                 []ContainerPort
	// Template is the pod template as the workload writes it (for a Pod,
	// the pod itself), at TemplatePath: "spec.template",
	// "spec.jobTemplate.spec.template", or "" for a Pod.
	Template     corev1.PodTemplateSpec
	TemplatePath string
}

// ContainerPort is a port a container of a workload declares.
type ContainerPort struct {
	Container, Name string
	Port            int32
	Protocol        string // defaults to "TCP"
}

// Service is a Service of the tree.
type Service struct {
	Name, Namespace string
	Selector        map[string]string
	Ports           []ServicePort
}

// ServicePort is one port of a Service.
type ServicePort struct {
	Name       string
	Port       int32
	TargetPort string // as written (number or name); defaults to Port
	Protocol   string // defaults to "TCP"
}

// Object is one resource of the build.
type Object struct {
	APIVersion, Kind, Namespace, Name string
	YAML                              []byte // as kustomize built it; its metadata.namespace may be empty where Namespace is "default"
}

// Load builds the kustomization in dir as `kustomize build dir` would and
// indexes the result. Objects of namespaced kinds without a namespace get
// "default"; cluster-scoped kinds keep "". A workload or service that does
// not decode is reported by name; all such problems come back in one error.
func Load(dir string) (*Tree, error) {
	resources, err := build(dir)
	if err != nil {
		return nil, fmt.Errorf("load tree %s: %w", dir, err)
	}
	t, err := index(dir, resources)
	if err != nil {
		return nil, fmt.Errorf("load tree %s: %w", dir, err)
	}
	return t, nil
}

func build(dir string) ([]*resource.Resource, error) {
	if err := checkKustomizationDir(dir); err != nil {
		return nil, err
	}
	k := krusty.MakeKustomizer(krusty.MakeDefaultOptions())
	m, err := k.Run(filesys.MakeFsOnDisk(), dir)
	if err != nil {
		return nil, fmt.Errorf("kustomize build: %w", err)
	}
	return m.Resources(), nil
}

// checkKustomizationDir fails early with a message a user can act on; krusty
// says the same in terms of its own loader.
func checkKustomizationDir(dir string) error {
	info, err := os.Stat(dir)
	if err != nil {
		// The path is already in the caller's prefix.
		if pathErr, ok := errors.AsType[*fs.PathError](err); ok {
			return pathErr.Err
		}
		return err
	}
	if !info.IsDir() {
		return errors.New("not a directory; give the directory that holds kustomization.yaml")
	}
	names := konfig.RecognizedKustomizationFileNames()
	for _, name := range names {
		if _, err := os.Stat(filepath.Join(dir, name)); err == nil {
			return nil
		}
	}
	return fmt.Errorf("no kustomization file in the directory: want one of %s", strings.Join(names, ", "))
}

func index(dir string, resources []*resource.Resource) (*Tree, error) {
	clusterScoped := clusterScopedKinds(resources)
	var objs []Object
	var errs []error
	for _, r := range resources {
		o, err := newObject(r, clusterScoped)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		objs = append(objs, o)
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return FromObjects(dir, objs)
}

// FromObjects indexes objects that come from elsewhere than a kustomize
// build, such as a live cluster; root names where they came from.
func FromObjects(root string, objs []Object) (*Tree, error) {
	t := &Tree{Root: root}
	namespaces := map[string]Namespace{}
	var errs []error
	for _, o := range objs {
		t.Objects = append(t.Objects, o)
		if o.Namespace != "" {
			if _, ok := namespaces[o.Namespace]; !ok {
				namespaces[o.Namespace] = Namespace{Name: o.Namespace}
			}
		}
		if ns, ok, err := decodeNamespace(o); ok {
			errs = append(errs, err)
			namespaces[ns.Name] = ns
		}
		if w, ok, err := decodeWorkload(o); ok {
			errs = append(errs, err)
			t.Workloads = append(t.Workloads, w)
		}
		if s, ok, err := decodeService(o); ok {
			errs = append(errs, err)
			t.Services = append(t.Services, s)
		}
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	t.Namespaces = slices.SortedFunc(maps.Values(namespaces), func(a, b Namespace) int {
		return cmp.Compare(a.Name, b.Name)
	})
	slices.SortStableFunc(t.Workloads, func(a, b Workload) int {
		return cmp.Or(cmp.Compare(a.Namespace, b.Namespace), cmp.Compare(a.Name, b.Name), cmp.Compare(a.Kind, b.Kind))
	})
	slices.SortStableFunc(t.Services, func(a, b Service) int {
		return cmp.Or(cmp.Compare(a.Namespace, b.Namespace), cmp.Compare(a.Name, b.Name))
	})
	return t, nil
}

// Lookup returns the workloads whose name, or whose pod label app or
// app.kubernetes.io/name, equals name, ignoring case, in Workloads order.
// More than one result means the name alone is ambiguous.
func (t *Tree) Lookup(name string) []Workload {
	if name == "" {
		return nil // every workload without an app label would match
	}
	var found []Workload
	for _, w := range t.Workloads {
		if strings.EqualFold(w.Name, name) ||
			strings.EqualFold(w.PodLabels["app"], name) ||
			strings.EqualFold(w.PodLabels["app.kubernetes.io/name"], name) {
			found = append(found, w)
		}
	}
	return found
}

// Namespace returns the namespace called name, declared or only referred to.
func (t *Tree) Namespace(name string) (Namespace, bool) {
	i, ok := slices.BinarySearchFunc(t.Namespaces, name, func(ns Namespace, name string) int {
		return cmp.Compare(ns.Name, name)
	})
	if !ok {
		return Namespace{}, false
	}
	return t.Namespaces[i], true
}

// Object returns the tree's object of that kind, namespace ("" for a
// cluster-scoped one) and name, nil if there is none.
func (t *Tree) Object(kind, namespace, name string) *Object {
	for i, o := range t.Objects {
		if o.Kind == kind && o.Namespace == namespace && o.Name == name {
			return &t.Objects[i]
		}
	}
	return nil
}

// ServicesSelecting returns the services in w's namespace that send traffic
// to w's pods: those whose non-empty selector is a subset of w.PodLabels.
func (t *Tree) ServicesSelecting(w Workload) []Service {
	var found []Service
	for _, s := range t.Services {
		if s.Namespace == w.Namespace && len(s.Selector) > 0 && isSubset(s.Selector, w.PodLabels) {
			found = append(found, s)
		}
	}
	return found
}

func isSubset(sub, labels map[string]string) bool {
	for k, v := range sub {
		if got, ok := labels[k]; !ok || got != v {
			return false
		}
	}
	return true
}
