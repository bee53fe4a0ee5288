package infer

import (
	"cmp"
	"fmt"
	"path"
	"slices"
	"strings"

	corev1 "k8s.io/api/core/v1"
	"sigs.k8s.io/yaml"

	"github.com/kunerva/kunerva/internal/tree"
)

// facts are what the manifests say about one workload that the table's
// rules decide on.
type facts struct {
	workload tree.Workload
	ref      string // Kind namespace/name
	// execs are the command lines its containers run, where they are
	// written: the containers' and init containers' command and args
	// (joined, as the container runs them), exec probes and lifecycle hooks.
	execs []execLine
	// defaults are the containers that set neither command nor args: they
	// run their image's entrypoint, which the manifests do not show.
	defaults       []string
	serviceAccount string
	// automount is the automountServiceAccountToken that decides: the
	// pod's, else its service account's; where says which.
	automount *bool
	where     string
	// binding is the RoleBinding or ClusterRoleBinding that grants the
	// service account access to the API, "" when there is none.
	binding string
}

type execLine struct {
	where string // containers[app].command
	words []string
}

// The pod spec as far as the rules read it.
// workloadFacts reads the workload's pod spec, its service account and
// the bindings of that account from the tree.
func workloadFacts(t *tree.Tree, w tree.Workload) (*facts, error) {
	f := &facts{workload: w, ref: w.Kind + " " + w.Namespace + "/" + w.Name}
	spec, at := w.Template.Spec, "spec"
	if w.TemplatePath != "" {
		at = w.TemplatePath + ".spec"
	}
	for _, c := range append(spec.Containers, spec.InitContainers...) {
		f.addContainer(c)
	}
	f.serviceAccount = cmp.Or(spec.ServiceAccountName, spec.DeprecatedServiceAccount, "default")
	f.automount, f.where = spec.AutomountServiceAccountToken, at+".automountServiceAccountToken"
	if f.automount == nil {
		if sa := t.Object("ServiceAccount", w.Namespace, f.serviceAccount); sa != nil {
			var acct struct {
				Automount *bool `json:"automountServiceAccountToken"`
			}
			if err := yaml.Unmarshal(sa.YAML, &acct); err != nil {
				return nil, fmt.Errorf("ServiceAccount %s/%s: decode: %w", w.Namespace, f.serviceAccount, err)
			}
			f.automount, f.where = acct.Automount, "ServiceAccount "+w.Namespace+"/"+f.serviceAccount+": automountServiceAccountToken"
		}
	}
	binding, err := bindingOf(t, w.Namespace, f.serviceAccount)
	f.binding = binding
	return f, err
}

func (f *facts) addContainer(c corev1.Container) {
	at := "containers[" + c.Name + "]"
	if len(c.Command)+len(c.Args) == 0 {
		f.defaults = append(f.defaults, at)
	} else {
		f.execs = append(f.execs, execLine{at + ".command/args", words(append(slices.Clone(c.Command), c.Args...))})
	}
	for _, p := range []struct {
		where string
		probe *corev1.Probe
	}{{"livenessProbe", c.LivenessProbe}, {"readinessProbe", c.ReadinessProbe}, {"startupProbe", c.StartupProbe}} {
		if p.probe != nil && p.probe.Exec != nil {
			f.execs = append(f.execs, execLine{at + "." + p.where + ".exec", words(p.probe.Exec.Command)})
		}
	}
	if c.Lifecycle != nil {
		for name, h := range map[string]*corev1.LifecycleHandler{"postStart": c.Lifecycle.PostStart, "preStop": c.Lifecycle.PreStop} {
			if h != nil && h.Exec != nil {
				f.execs = append(f.execs, execLine{at + ".lifecycle." + name + ".exec", words(h.Exec.Command)})
			}
		}
	}
	slices.SortStableFunc(f.execs, func(a, b execLine) int { return strings.Compare(a.where, b.where) })
}

// words splits a command line into the names it may run: every word of
// every argument, split at blanks and at the shell's operators, so that
// "sh -c 'pg_dump | gzip'" and "env bash" show their programs.
func words(argv []string) []string {
	var out []string
	for _, a := range argv {
		out = append(out, strings.FieldsFunc(a, func(r rune) bool {
			return r == ' ' || r == '\t' || r == '\n' || strings.ContainsRune(";&|()`'\"=<>$", r)
		})...)
	}
	return out
}

// runs says whether the rule against running what is applies: not when a
// command line of the workload runs it (or might: any of its words names
// it). Conservative on purpose: a rule the workload trips is one it
// cannot block. entrypoints says to warn of the containers that run
// their image's entrypoint, which may well be a shell script.
func (f *facts) runs(what string, is func(word string) bool, entrypoints bool) (bool, string) {
	for _, e := range f.execs {
		for _, w := range e.words {
			if is(w) {
				return false, fmt.Sprintf("%s: %s runs %s (%s)", f.ref, e.where, what, w)
			}
		}
	}
	why := fmt.Sprintf("no command, args, exec probe or hook of %s runs %s", f.ref, what)
	if entrypoints && len(f.defaults) > 0 {
		why += fmt.Sprintf("; the image entrypoint of %s is not in the manifests: an entrypoint script shows up in the audit log at every start", strings.Join(f.defaults, ", "))
	}
	return true, why
}

func isShell(word string) bool {
	base := path.Base(word)
	return slices.Contains([]string{"sh", "bash", "ash", "dash", "zsh", "ksh", "mksh", "busybox"}, base) || strings.HasSuffix(base, ".sh")
}

func isPackageManager(word string) bool {
	for _, p := range packageManagers {
		if path.Base(word) == path.Base(p) {
			return true
		}
	}
	return false
}

// tokenUnused says whether the service-account token is mounted and the
// workload gives no sign of using the Kubernetes API.
func (f *facts) tokenUnused() (bool, string) {
	switch {
	case f.automount != nil && !*f.automount:
		return false, fmt.Sprintf("%s: %s is false: no token is mounted", f.ref, f.where)
	case f.binding != "":
		return false, fmt.Sprintf("%s: its service account %s is bound by %s: it uses the Kubernetes API", f.ref, f.serviceAccount, f.binding)
	}
	return true, fmt.Sprintf("%s mounts the token of service account %s, which no RoleBinding or ClusterRoleBinding of the tree names: nothing shows it uses the Kubernetes API", f.ref, f.serviceAccount)
}

// bindingOf names the first RoleBinding or ClusterRoleBinding of the tree
// whose subjects include the service account: by name, or as one of the
// groups of all service accounts (of its namespace).
func bindingOf(t *tree.Tree, namespace, account string) (string, error) {
	for _, o := range t.Objects {
		if !strings.HasPrefix(o.APIVersion, "rbac.authorization.k8s.io/") || (o.Kind != "RoleBinding" && o.Kind != "ClusterRoleBinding") {
			continue
		}
		var b struct {
			Subjects []struct {
				Kind, Name, Namespace string
			} `json:"subjects"`
		}
		if err := yaml.Unmarshal(o.YAML, &b); err != nil {
			return "", fmt.Errorf("%s %s: decode: %w", o.Kind, qualifiedName(o.Namespace, o.Name), err)
		}
		for _, s := range b.Subjects {
			ns := s.Namespace
			if ns == "" && o.Kind == "RoleBinding" {
				ns = o.Namespace // a RoleBinding's service accounts default to its namespace
			}
			if s.Kind == "ServiceAccount" && s.Name == account && ns == namespace ||
				s.Kind == "User" && s.Name == "system:serviceaccount:"+namespace+":"+account ||
				s.Kind == "Group" && (s.Name == "system:serviceaccounts" || s.Name == "system:serviceaccounts:"+namespace) {
				return o.Kind + " " + qualifiedName(o.Namespace, o.Name), nil
			}
		}
	}
	return "", nil
}

func qualifiedName(namespace, name string) string {
	if namespace == "" {
		return name
	}
	return namespace + "/" + name
}
