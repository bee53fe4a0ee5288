package infer

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strings"

	corev1 "k8s.io/api/core/v1"

	"github.com/kunerva/kunerva/internal/tree"
)

// References returns every connection the manifests of t show, sorted by
// From, then To (or Host), Port and Where, each once; and a Question for
// each that names something the tree cannot resolve. The error is for an
// object that does not decode.
//
// Where the manifests leave it open, these rules decide:
//   - A name alone (`postgres`) is a Service only when it is a whole
//     value whose variable, flag or key name ends in an address word
//     (HOST, ADDR, URL, ...; see addressHints) and the Service exists in
//     the workload's namespace; `name.ns` only when ns is a namespace of
//     the tree; `name.ns.svc[.cluster.local]` always, even in prose.
//   - A host and a port in two settings pair when their names share the
//     stem before HOST and PORT, in the same container.
//   - Not connections: localhost and loopback addresses (the pod itself),
//     schemes that name no host (s3://bucket, file://), the tree's own
//     Ingress hosts (its public address, written for links), names
//     reserved for documentation (example.com, .test, .example, .invalid,
//     .local), and the workload's own Service.
//   - An external host is a dotted name or a public IP, written with a
//     scheme or a port; a private IP is a Question (a pod, Service or node
//     address the manifests cannot tie to a workload).
//   - Secret values are never read: a Secret key whose name says it holds
//     an address, or a configuration file kept in a Secret, is a Question.
func References(t *tree.Tree) ([]Reference, []Question, error) {
	f := &finder{t: t, namespaces: map[string]bool{}}
	for _, ns := range t.Namespaces {
		f.namespaces[ns.Name] = true
	}
	f.ingressHosts = ingressHosts(t)
	var errs []error
	pods := map[string]*corev1.PodTemplateSpec{}
	for _, w := range t.Workloads {
		pod := &w.Template
		pods[key(w)] = pod
		all, err := settings(t, w, pod.Spec)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		f.fromSettings(w, all)
	}
	errs = append(errs, f.ingresses()...)
	errs = append(errs, f.world()...)
	errs = append(errs, f.scrapes(pods)...)
	if err := errors.Join(errs...); err != nil {
		return nil, nil, fmt.Errorf("find references: %w", err)
	}
	for i, r := range f.refs {
		f.refs[i].Where, f.refs[i].Text = oneLine(r.Where), oneLine(r.Text)
	}
	for i, q := range f.questions {
		f.questions[i].Where, f.questions[i].Text = oneLine(q.Where), oneLine(q.Text)
	}
	return sortRefs(f.refs), sortQuestions(f.questions), nil
}

// oneLine is a text of the manifests as the outputs show it, on one line:
// a value that spans lines would end a YAML comment and put its next line
// into the policy, or start a block of its own in a pull request body.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

type finder struct {
	t            *tree.Tree
	namespaces   map[string]bool
	ingressHosts map[string]bool
	refs         []Reference
	questions    []Question
}

func key(w tree.Workload) string { return w.Namespace + "/" + w.Name }

func (f *finder) ask(from, where, text, why string) {
	f.questions = append(f.questions, Question{From: from, Where: where, Text: text, Why: why})
}

// fromSettings reads the addresses of a workload's settings.
func (f *finder) fromSettings(w tree.Workload, all []setting) {
	from := key(w)
	for _, s := range all {
		if s.secret {
			switch {
			case namesAddress(s.name + " " + s.key):
				f.ask(from, s.where, "(a Secret's value, not read)", "a Secret's value is never read, and this key's name says it holds an address: allow the host it names by hand, or move the address out of the Secret")
			case configFile(s.key):
				f.ask(from, s.where, "(a Secret's value, not read)", "a Secret's value is never read, and this key is a configuration file, which may name hosts: allow those it names by hand, or move them out of the Secret")
			}
			continue
		}
		// A value with spaces is prose or a command line, even in an env
		// variable: only what is written as an address in it counts.
		s.whole = s.whole && !strings.ContainsAny(strings.TrimSpace(s.value), " \t\n")
		for _, a := range addresses(s.value, s.whole) {
			where := s.where
			if a.bare && a.port == 0 {
				if p, port, ok := portOf(all, s); ok {
					a.port = port
					where += " and " + p.field
				}
			}
			text := a.text
			if s.whole {
				text = mask(cmpOr(s.written, s.value))
			}
			f.address(w, s, a, where, text)
		}
	}
}

// address turns one address a workload is given into a Reference, a
// Question, or nothing when it opens no connection.
func (f *finder) address(w tree.Workload, s setting, a address, where, text string) {
	from := key(w)
	host := a.host
	switch {
	case notNetwork[a.scheme], host == "", loopback(host), reserved(host), f.ingressHosts[host]:
		return
	case strings.Contains(host, "$"):
		f.ask(from, where, text, fmt.Sprintf("the host %s is a variable the manifests do not settle: say which host it is", host))
		return
	case !isIP(host) && !hostnameRE.MatchString(host):
		return // not a host name: a pattern, a placeholder
	case isIP(host):
		if private(host) {
			f.ask(from, where, text, fmt.Sprintf("%s is a private address: the manifests cannot tell which pod, Service or node it is", host))
			return
		}
		f.external(from, where, text, a)
		return
	}
	labels := strings.Split(host, ".")
	switch {
	case strings.HasSuffix(host, ".svc") || strings.HasSuffix(host, ".svc.cluster.local"):
		if len(labels) != 3 && len(labels) != 5 {
			f.ask(from, where, text, fmt.Sprintf("%s is a cluster name but not a Service's (name.namespace.svc)", host))
			return
		}
		f.service(w, labels[1], labels[0], a, where, text, true)
	case strings.HasSuffix(host, ".cluster.local"):
		f.ask(from, where, text, fmt.Sprintf("%s is a cluster name but not a Service's (name.namespace.svc)", host))
	case len(labels) == 2 && f.namespaces[labels[1]]:
		f.service(w, labels[1], labels[0], a, where, text, true)
	case len(labels) == 1:
		if a.bare && !namesAddress(s.name+" "+s.key) {
			return // a word: a user name, a mode, a subcommand
		}
		f.service(w, w.Namespace, host, a, where, text, !a.bare && s.whole)
	case a.bare:
		if namesAddress(s.name+" "+s.key) && s.whole && !configFile(host) {
			f.ask(from, where, text, fmt.Sprintf("%s is outside the cluster and the value says no port: say which", host))
		}
	default:
		f.external(from, where, text, a)
	}
}

func (f *finder) external(from, where, text string, a address) {
	port := a.port
	if port == 0 {
		port = defaultPorts[a.scheme]
	}
	if port == 0 {
		f.ask(from, where, text, fmt.Sprintf("%s is outside the cluster and neither the value nor its scheme says which port", a.host))
		return
	}
	f.refs = append(f.refs, Reference{From: from, Where: where, Text: text, Kind: RefExternal, Host: a.host, Port: port, Protocol: "TCP"})
}

// service resolves a reference to Service ns/name. sure says the value
// is an address beyond doubt: a missing Service is then a Question rather
// than a word that was not an address.
func (f *finder) service(w tree.Workload, ns, name string, a address, where, text string, sure bool) {
	from := key(w)
	i := slices.IndexFunc(f.t.Services, func(s tree.Service) bool { return s.Namespace == ns && s.Name == name })
	if i < 0 {
		if sure {
			f.ask(from, where, text, fmt.Sprintf("no Service %s in namespace %s", name, ns))
		}
		return
	}
	svc := f.t.Services[i]
	if selects(svc, w) {
		return // its own Service: an address it publishes, not one it calls
	}
	port := a.port
	if port == 0 {
		port = defaultPorts[a.scheme]
	}
	if port == 0 && len(svc.Ports) == 1 {
		port = svc.Ports[0].Port
	}
	j := slices.IndexFunc(svc.Ports, func(p tree.ServicePort) bool { return p.Port == port })
	if j < 0 {
		f.ask(from, where, text, fmt.Sprintf("Service %s/%s has no port %s (it has %s)", ns, name, portText(port), servicePorts(svc)))
		return
	}
	ref := Reference{From: from, Where: where, Text: text, Kind: RefService, Service: ns + "/" + name}
	for _, q := range f.targets(ref, svc, svc.Ports[j]) {
		f.ask(from, where, text, q)
	}
}

// targets adds ref once per target port the Service port reaches on the
// workloads it selects (a named targetPort may differ between them), and
// returns why it cannot when it cannot.
func (f *finder) targets(ref Reference, svc tree.Service, sp tree.ServicePort) []string {
	byPort := map[tree.ContainerPort][]string{}
	var why []string
	for _, w := range f.t.Workloads {
		if !selects(svc, w) {
			continue
		}
		cp, ok := targetPort(w, sp)
		if !ok {
			why = append(why, fmt.Sprintf("Service %s/%s port %d targets %s, which workload %s does not declare", svc.Namespace, svc.Name, sp.Port, sp.TargetPort, key(w)))
			continue
		}
		byPort[cp] = append(byPort[cp], key(w))
	}
	if len(byPort) == 0 && len(why) == 0 {
		return []string{fmt.Sprintf("Service %s/%s selects no workload of the tree", svc.Namespace, svc.Name)}
	}
	for cp, to := range byPort {
		r := ref
		r.To, r.Port, r.PortName, r.Protocol = to, cp.Port, cp.Name, sp.Protocol
		f.refs = append(f.refs, r)
	}
	return why
}

// targetPort is the container port of w a Service port reaches: by number
// (named if a container declares that number), or by a container port's
// name.
func targetPort(w tree.Workload, sp tree.ServicePort) (tree.ContainerPort, bool) {
	if n := parsePort(sp.TargetPort); n > 0 {
		for _, cp := range w.Ports {
			if cp.Port == n && cp.Protocol == sp.Protocol {
				return tree.ContainerPort{Name: cp.Name, Port: n}, true
			}
		}
		return tree.ContainerPort{Port: n}, true
	}
	for _, cp := range w.Ports {
		if cp.Name == sp.TargetPort && cp.Protocol == sp.Protocol {
			return tree.ContainerPort{Name: cp.Name, Port: cp.Port}, true
		}
	}
	return tree.ContainerPort{}, false
}

func selects(s tree.Service, w tree.Workload) bool {
	return s.Namespace == w.Namespace && len(s.Selector) > 0 && subset(s.Selector, w.PodLabels)
}

func servicePorts(s tree.Service) string {
	var ps []string
	for _, p := range s.Ports {
		ps = append(ps, fmt.Sprint(p.Port))
	}
	return strings.Join(ps, ", ")
}

func portText(p int32) string {
	if p == 0 {
		return "given (the value names none, and it has more than one)"
	}
	return fmt.Sprint(p)
}

func sortRefs(refs []Reference) []Reference {
	for i := range refs {
		slices.Sort(refs[i].To)
	}
	slices.SortFunc(refs, func(a, b Reference) int {
		return cmp.Or(cmp.Compare(a.From, b.From), cmp.Compare(strings.Join(a.To, ","), strings.Join(b.To, ",")),
			cmp.Compare(a.Host, b.Host), cmp.Compare(a.Port, b.Port), cmp.Compare(a.Where, b.Where),
			cmp.Compare(a.Kind, b.Kind), cmp.Compare(a.Service, b.Service))
	})
	return slices.CompactFunc(refs, func(a, b Reference) bool {
		return a.From == b.From && a.Kind == b.Kind && a.Service == b.Service && a.Host == b.Host && a.Port == b.Port && a.Where == b.Where
	})
}

func sortQuestions(qs []Question) []Question {
	slices.SortFunc(qs, func(a, b Question) int {
		return cmp.Or(cmp.Compare(a.From, b.From), cmp.Compare(a.Where, b.Where), cmp.Compare(a.Why, b.Why))
	})
	return slices.Compact(qs)
}
