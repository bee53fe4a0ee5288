package infer

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/kunerva/kunerva/generator"
	"github.com/kunerva/kunerva/internal/tree"
)

// Options say what to infer.
type Options struct {
	// Namespaces to lock down; none means every namespace with workloads.
	Namespaces []string
	// Kind is generator.KindAuto (NetworkPolicy, and Cilium where a rule
	// names a host), generator.KindNetworkPolicy or generator.KindCilium.
	Kind generator.Kind
	// System adds KubeArmor hardening rules in Audit for every workload.
	System bool
}

// Result is an inferred set of policies with what it rests on.
type Result struct {
	Namespaces []string
	Sets       []Set
	Questions  []Question
	Warnings   []string
	Proof      *Proof
}

// Set is what is inferred for one subject: a namespace's default deny, or
// one workload's allow rules or hardening, with the typed intent and the
// policies it renders.
type Set struct {
	For      string // "namespace payments", "payments/payments"
	Intent   *generator.Intent
	Policies []generator.Policy
	// Rules say, for each allow rule, the references it comes from.
	Rules []Rule
	// Hardening lists the KubeArmor rules of a hardening set.
	Hardening []HardeningRule
}

// Rule is one allow rule of an inferred policy and the manifest lines it
// comes from.
type Rule struct {
	Text string // "allows egress to data/postgres on 5432/TCP"
	Refs []Reference
}

// Policies are every policy of the result, set by set.
func (r *Result) Policies() []generator.Policy {
	var out []generator.Policy
	for _, s := range r.Sets {
		out = append(out, s.Policies...)
	}
	return out
}

// Infer works out the policies that lock the namespaces down to what their
// manifests show they need: a default deny for both directions in each,
// then per workload the ingress from the workloads and peers that reach it
// and the egress to those it reaches, DNS to the cluster DNS when it
// reaches anything by name, and hosts outside the cluster by name
// (Cilium) or by port to the world (NetworkPolicy, with a warning).
func Infer(t *tree.Tree, opts Options) (*Result, error) {
	refs, questions, err := References(t)
	if err != nil {
		return nil, err
	}
	namespaces, err := chosen(t, opts.Namespaces)
	if err != nil {
		return nil, err
	}
	res := &Result{Namespaces: namespaces}
	for _, q := range questions {
		if slices.Contains(namespaces, namespaceOf(q.From)) || slices.ContainsFunc(namespaces, func(ns string) bool { return strings.Contains(q.Text, "."+ns) }) {
			res.Questions = append(res.Questions, q)
		}
	}
	kind := cmp.Or(opts.Kind, generator.KindAuto)
	for _, ns := range namespaces {
		res.Sets = append(res.Sets, Set{For: "namespace " + ns, Intent: defaultDeny(ns)})
		for _, w := range t.Workloads {
			if w.Namespace != ns {
				continue
			}
			in, rules, warnings := workloadIntent(t, w, refs, kind)
			res.Warnings = append(res.Warnings, warnings...)
			if in != nil {
				res.Sets = append(res.Sets, Set{For: ns + "/" + w.Name, Intent: in, Rules: rules})
			}
		}
		if opts.System {
			hardened, err := Hardening(t, ns)
			if err != nil {
				return nil, err
			}
			for _, h := range hardened {
				res.Sets = append(res.Sets, Set{For: h.Workload, Intent: h.Intent, Hardening: h.Rules})
			}
		}
	}
	for i, s := range res.Sets {
		k := kind
		if len(s.Intent.System) > 0 {
			k = generator.KindAuto
		}
		policies, err := generator.Prepare(s.Intent, k)
		if err != nil {
			return nil, fmt.Errorf("render the policy of %s: %w", s.For, err)
		}
		res.Sets[i].Policies = policies
	}
	res.Proof, err = prove(t, res, refs)
	if err != nil {
		return nil, err
	}
	return res, nil
}

// chosen are the namespaces to lock down: those asked for, which must hold
// workloads, or every namespace that does.
func chosen(t *tree.Tree, asked []string) ([]string, error) {
	var with []string
	for _, w := range t.Workloads {
		if !slices.Contains(with, w.Namespace) {
			with = append(with, w.Namespace)
		}
	}
	if len(asked) == 0 {
		slices.Sort(with)
		return with, nil
	}
	var errs []string
	for _, ns := range asked {
		if !slices.Contains(with, ns) {
			errs = append(errs, fmt.Sprintf("namespace %q has no workload in the tree (namespaces with workloads: %s)", ns, strings.Join(with, ", ")))
		}
	}
	if len(errs) > 0 {
		return nil, fmt.Errorf("%s", strings.Join(errs, "; "))
	}
	out := slices.Clone(asked)
	slices.Sort(out)
	return slices.Compact(out), nil
}

// defaultDeny isolates every pod of the namespace both ways.
func defaultDeny(ns string) *generator.Intent {
	return &generator.Intent{
		Request: "infer: lock down namespace " + ns,
		Engine:  "infer",
		Subject: generator.Subject{Scope: generator.ScopePods, Namespace: ns, Pods: &metav1.LabelSelector{}},
		Network: []generator.NetworkRule{
			{Direction: generator.Ingress, Verdict: generator.Isolate},
			{Direction: generator.Egress, Verdict: generator.Isolate},
		},
		Origins: []generator.Origin{
			{Field: "subject", From: generator.FromTree, Text: "namespace " + ns + ", the namespace to lock down"},
			{Field: "network", From: generator.FromTree, Text: "a namespace locked down denies what its manifests do not show"},
		},
	}
}

// workloadIntent allows what the references show a workload needs, both
// ways; nil when it needs nothing.
func workloadIntent(t *tree.Tree, w tree.Workload, refs []Reference, kind generator.Kind) (*generator.Intent, []Rule, []string) {
	self := w.Namespace + "/" + w.Name
	in := &generator.Intent{
		Request: "infer: what the manifests show " + self + " needs",
		Engine:  "infer",
		Subject: generator.Subject{Scope: generator.ScopePods, Namespace: w.Namespace, Pods: &metav1.LabelSelector{MatchLabels: w.Selector}, Name: w.Name},
		Origins: []generator.Origin{{Field: "subject", From: generator.FromTree, Text: fmt.Sprintf("%s %s selects its pods by %s", w.Kind, self, labelsText(w.Selector))}},
	}
	var rules []Rule
	var warnings []string
	add := func(r generator.NetworkRule, text string, ref Reference) {
		for i, have := range in.Network {
			if sameRule(have, r) {
				rules[i].Refs = append(rules[i].Refs, ref)
				return
			}
		}
		field := fmt.Sprintf("network[%d]", len(in.Network))
		in.Network = append(in.Network, r)
		in.Origins = append(in.Origins, generator.Origin{Field: field, From: generator.FromTree, Text: ref.Where + ": " + ref.Text})
		rules = append(rules, Rule{Text: text, Refs: []Reference{ref}})
	}
	needsDNS := false
	for _, ref := range refs {
		port := []generator.Port{{Port: int(ref.Port), Protocol: cmp.Or(ref.Protocol, "TCP")}}
		if slices.Contains(ref.To, self) {
			if ref.From == "" {
				add(generator.NetworkRule{Direction: generator.Ingress, Verdict: generator.Allow, Peers: []generator.Peer{{CIDR: "0.0.0.0/0"}}, Ports: port},
					fmt.Sprintf("allows ingress from the world on %d/%s", ref.Port, port[0].Protocol), ref)
			} else if from, ok := workload(t, ref.From); ok {
				add(generator.NetworkRule{Direction: generator.Ingress, Verdict: generator.Allow, Peers: []generator.Peer{peerOf(from)}, Ports: port},
					fmt.Sprintf("allows ingress from %s on %d/%s", ref.From, ref.Port, port[0].Protocol), ref)
			}
		}
		if ref.From != self {
			continue
		}
		switch ref.Kind {
		case RefExternal:
			needsDNS = true
			if kind == generator.KindNetworkPolicy {
				add(generator.NetworkRule{Direction: generator.Egress, Verdict: generator.Allow, Peers: []generator.Peer{{CIDR: "0.0.0.0/0"}}, Ports: port},
					fmt.Sprintf("allows egress to any address on %d/%s (for %s)", ref.Port, port[0].Protocol, ref.Host), ref)
				warnings = append(warnings, fmt.Sprintf("%s reaches %s:%d: a NetworkPolicy cannot name a host, so %s may reach any address on %d; with Cilium (--kind CiliumNetworkPolicy) the rule names the host", self, ref.Host, ref.Port, w.Name, ref.Port))
				continue
			}
			add(generator.NetworkRule{Direction: generator.Egress, Verdict: generator.Allow, Peers: []generator.Peer{{FQDN: ref.Host}}, Ports: port},
				fmt.Sprintf("allows egress to %s on %d/%s", ref.Host, ref.Port, port[0].Protocol), ref)
		default:
			for _, to := range ref.To {
				dst, ok := workload(t, to)
				if !ok {
					continue
				}
				needsDNS = needsDNS || ref.Kind == RefService
				add(generator.NetworkRule{Direction: generator.Egress, Verdict: generator.Allow, Peers: []generator.Peer{peerOf(dst)}, Ports: port},
					fmt.Sprintf("allows egress to %s on %d/%s", to, ref.Port, port[0].Protocol), ref)
			}
		}
	}
	if needsDNS {
		dns := generator.DNSRule(nil)
		in.Network = append(in.Network, dns)
		in.Origins = append(in.Origins, generator.Origin{Field: fmt.Sprintf("network[%d]", len(in.Network)-1), From: generator.FromDefault, Rule: "cluster-dns", Text: generator.Defaults["cluster-dns"]})
		rules = append(rules, Rule{Text: "allows DNS lookups to the cluster DNS (kube-dns in kube-system) on 53/UDP and 53/TCP, for the names it reaches"})
	}
	if len(in.Network) == 0 {
		return nil, nil, warnings
	}
	return in, rules, warnings
}

func sameRule(a, b generator.NetworkRule) bool {
	return a.Direction == b.Direction && a.Verdict == b.Verdict && fmt.Sprint(a.Peers) == fmt.Sprint(b.Peers) && fmt.Sprint(a.Ports) == fmt.Sprint(b.Ports)
}

// peerOf is a workload's pods as a peer: its selector in its namespace.
func peerOf(w tree.Workload) generator.Peer {
	return generator.Peer{Pods: &metav1.LabelSelector{MatchLabels: w.Selector}, Namespace: w.Namespace}
}

// workload finds a workload of the tree by namespace/name.
func workload(t *tree.Tree, ref string) (tree.Workload, bool) {
	ns, name, _ := strings.Cut(ref, "/")
	for _, w := range t.Workloads {
		if w.Namespace == ns && w.Name == name {
			return w, true
		}
	}
	return tree.Workload{}, false
}

func namespaceOf(ref string) string {
	ns, _, _ := strings.Cut(ref, "/")
	return ns
}

func labelsText(m map[string]string) string {
	var kv []string
	for k, v := range m {
		kv = append(kv, k+"="+v)
	}
	slices.Sort(kv)
	return strings.Join(kv, ",")
}
