package builtin

import (
	"fmt"
	"strings"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/util/validation"

	"github.com/kunerva/kunerva/generator"
)

// subjectFrom turns the endpoint that names the policy's subject into a
// Subject with the origins of its values.
func (p *parser) subjectFrom(ep *endpoint) (subjectV, error) {
	if ep.ask != "" {
		return subjectV{}, p.refuse(ep.ask, generator.ExampleNetwork)
	}
	switch ep.kind {
	case epCluster:
		return subjectV{subject: generator.Subject{Scope: generator.ScopeCluster}}, nil
	case epNamespace:
		if ep.namespaces != nil && len(ep.namespaces.MatchLabels)+len(ep.namespaces.MatchExpressions) > 0 {
			// "every pod in namespaces labeled team=a": cluster-wide, in those.
			return p.labeledNamespacesSubject(nil, ep.namespaces, []generator.Origin{p.origin("namespaces", ep.nssMark)}), nil
		}
		if ep.namespaces != nil {
			return subjectV{}, p.refuse("a policy applies in one namespace, not in namespaces selected by labels; which namespace is it for?", "default deny ingress in namespace shop")
		}
		v := subjectV{subject: generator.Subject{Scope: generator.ScopePods, Namespace: ep.namespace}}
		v.origins = append(v.origins, p.origin("subject.scope", &mark{ep.start, ep.end, "pods-of-namespace"}))
		// "its pods", "their pods": the pods of a namespace named before.
		owned := ep.podsMark != nil && p.is(ep.podsMark.start, "its", "their")
		switch {
		case ep.namespace != "":
			v.origins = append(v.origins, p.origin("subject.namespace", ep.nsMark))
		case (ep.sameNS || owned) && p.fallback != nil && p.fallback.Namespace != "":
			v.subject.Namespace = p.fallback.Namespace
			v.origins = append(v.origins, p.fallbackNamespaceOrigins()...)
		case (ep.sameNS || p.prevNamespaceSaid()) && p.prev != nil && p.prev.Subject.Namespace != "":
			// "every pod there", "lock down namespace app - default deny for
			// every pod": the namespace the clause before is about.
			v.subject.Namespace = p.prev.Subject.Namespace
			for _, o := range p.prev.Origins {
				if o.Field == "subject.namespace" {
					v.origins = append(v.origins, o)
				}
			}
		case ep.sameNS && ep.nsMark != nil && p.is(ep.nsMark.end-1, "it", "there") && p.headingNamespaceAt() >= 0:
			// "Firewall for my-namespace: every pod in it may ...", "one
			// more for kube-system: every pod in there ...": the
			// namespace the clause's heading names, the only one before.
			k := p.headingNamespaceAt()
			v.subject.Namespace = p.word(k)
			v.origins = append(v.origins, p.origin("subject.namespace", &mark{k, k + 1, "namespace-of-the-heading"}))
		case ep.sameNS && ep.nsMark != nil && p.is(ep.nsMark.end-1, "it", "there"):
			// "every pod in it" with nothing before it to point back to: a
			// namespace the request means but does not name.
			return subjectV{}, p.refuse(fmt.Sprintf("which namespace is %q? Name it (\"every pod in namespace shop\")", p.text(ep.nsMark.start, ep.nsMark.end)), generator.ExampleNetwork)
		case owned:
			// "its pods should only accept ..." with nothing before it to
			// point back to: whose pods they are is not said.
			return subjectV{}, p.refuse(fmt.Sprintf("whose pods are %q? Name the namespace or the pods (\"every pod in namespace shop\", \"the app=web pods\")", p.text(ep.podsMark.start, ep.podsMark.end)), generator.ExampleNetwork)
		default:
			v.subject.Namespace = p.defaultNamespace()
			v.origins = append(v.origins, p.defaultNamespaceOrigin("subject.namespace"))
		}
		if err := p.checkNamespace(v.subject.Namespace); err != nil {
			return subjectV{}, err
		}
		return v, nil
	case epPods, epService:
		if ep.kind == epService {
			ep.kind = epPods
			ep.workload = "Service"
		}
		peer, err := p.resolve(ep, "")
		if err != nil {
			return subjectV{}, err
		}
		if nss := peer.peer.Namespaces; nss != nil && len(nss.MatchLabels) == 0 && len(nss.MatchExpressions) == 0 && peer.peer.Pods != nil {
			// "pods labeled app=x in any namespace": those pods cluster-wide.
			v := subjectV{subject: generator.Subject{Scope: generator.ScopeCluster, Pods: peer.peer.Pods}}
			for _, o := range peer.origins {
				switch o.Field {
				case "namespaces":
					o.Field = "subject.scope"
					v.origins = append(v.origins, o)
				case "pods":
					o.Field = "subject.pods"
					v.origins = append(v.origins, o)
				default:
					if strings.HasPrefix(o.Field, "pods.") {
						o.Field = "subject." + o.Field
						v.origins = append(v.origins, o)
					}
				}
			}
			p.understood = append(p.understood, "applies cluster-wide")
			return v, nil
		}
		if nss := peer.peer.Namespaces; nss != nil && peer.peer.Namespace == "" {
			// "role=server pods in env=prod namespaces": cluster-wide, in those.
			return p.labeledNamespacesSubject(peer.peer.Pods, nss, peer.origins), nil
		}
		if ep.namespaces != nil || peer.peer.Namespaces != nil {
			return subjectV{}, p.refuse("a namespaced policy applies in one namespace; for every namespace say \"cluster-wide\"; which do you mean?", generator.ExampleNetwork)
		}
		v := subjectV{subject: generator.Subject{Scope: generator.ScopePods, Namespace: peer.peer.Namespace, Pods: peer.peer.Pods, Name: peer.peer.Name}}
		v.origins = append(v.origins, p.origin("subject.scope", &mark{ep.start, ep.end, "pods"}))
		v.origins = append(v.origins, rebase("subject", peer.origins)...)
		if v.subject.Namespace == "" {
			v.subject.Namespace = p.defaultNamespace()
			v.origins = append(v.origins, p.defaultNamespaceOrigin("subject.namespace"))
			// "[tree] block egress to the internet pods labeled
			// tier=data": pods of no namespace said, in a tree without
			// the namespace default, would be a policy that selects
			// nothing (the tree's tier=data pods are in "data"); asked, as
			// "all pods" is.
			if err := p.checkNamespace(v.subject.Namespace); err != nil {
				return subjectV{}, err
			}
		}
		return v, nil
	}
	return subjectV{}, p.refuse("which pods should this apply to? "+quote(ep.text)+" is no pods, namespace, cluster or nodes", generator.ExampleNetwork)
}

// fallbackNamespaceOrigins are the origins of the namespace of another
// clause's subject.
func (p *parser) fallbackNamespaceOrigins() []generator.Origin {
	var out []generator.Origin
	for _, o := range p.fallbackOrigins {
		if o.Field == "subject.namespace" || o.Field == "subject" {
			out = append(out, o)
		}
	}
	return out
}

// fallbackSubject is another clause's subject, for a clause that names none.
func (p *parser) fallbackSubject() subjectV {
	return subjectV{subject: *p.fallback, origins: p.fallbackOrigins}
}

// clusterScope reads "cluster-wide", "in every namespace", "across the
// cluster", "for all pods in the cluster"; it returns its mark or nil.
func (p *parser) clusterScope() *mark {
	var first *mark
	for _, ph := range [][]string{
		{"cluster-wide"}, {"clusterwide"}, {"cluster", "wide"}, {"cluster", "policy"}, {"in", "every", "namespace"}, {"in", "all", "namespaces"}, {"across", "all", "namespaces"},
		{"across", "every", "namespace"}, {"across", "the", "cluster"}, {"across", "the", "whole", "cluster"}, {"across", "the", "entire", "cluster"},
		{"for", "every", "pod", "in", "the", "cluster"}, {"for", "all", "pods", "in", "the", "cluster"}, {"all", "pods", "in", "the", "cluster"},
		{"every", "pod", "in", "the", "cluster"}, {"for", "all", "namespaces"}, {"all", "pods", "in", "all", "namespaces"},
		{"every", "pod", "in", "every", "namespace"}, {"throughout", "the", "cluster"}, {"everywhere", "in", "the", "cluster"}, {"every", "workload", "in", "the", "cluster"},
		{"all", "workloads", "in", "the", "cluster"}, {"every", "container", "in", "the", "cluster"}, {"all", "containers", "in", "the", "cluster"},
		{"in", "the", "whole", "cluster"}, {"in", "the", "entire", "cluster"}, {"on", "the", "whole", "cluster"}, {"for", "the", "whole", "cluster"},
		{"for", "the", "entire", "cluster"}, {"whole", "cluster"}, {"entire", "cluster"}, {"every", "namespace"}, {"all", "namespaces"},
		{"any", "pod", "in", "the", "cluster"}, {"any", "container", "in", "the", "cluster"}, {"any", "workload", "in", "the", "cluster"},
		{"at", "a", "cluster", "level"}, {"at", "the", "cluster", "level"}, {"at", "cluster", "level"}, {"cluster-level"}, {"cluster", "level"},
	} {
		i := p.phrase(ph...)
		// "from any pod in the cluster": the peers; "global egress policy:
		// any pod in the cluster labeled X may talk to ...", first in its
		// statement, is what the policy is for.
		if i >= 0 && ph[0] == "any" && (p.is(i-1, "from", "to", "towards", "into", "by", "with") || !p.systemRequest && !p.policyTitleBefore(i)) {
			continue
		}
		// "accept traffic from the whole cluster", "from anything in the
		// entire cluster": where the peers are, not the pods the policy
		// is for.
		if i > 1 && (ph[0] == "whole" || ph[0] == "entire") && p.is(i-1, "the", "this", "our") && (p.is(i-2, "from", "to", "towards", "into", "by", "with", "inside", "within") || reachVerbs[p.word(i-2)]) ||
			i > 1 && ph[0] == "in" && p.is(i-1, "anything", "anywhere", "everything", "anyone", "anybody") && (p.is(i-2, "from", "to", "towards", "into", "by", "with") || reachVerbs[p.word(i-2)]) {
			continue
		}
		if i > 0 && ((ph[0] == "in" || ph[0] == "across") && (p.peerBefore(i) || p.reachedPodsBefore(i)) || (ph[0] == "every" || ph[0] == "all") && p.is(i-1, "in", "across") && i > 1 && (p.peerBefore(i-1) || p.reachedPodsBefore(i-1)) ||
			// "allow ingress to app=web from all namespaces": the peers
			(ph[0] == "every" || ph[0] == "all") && namespaceWords[ph[len(ph)-1]] && p.is(i-1, "from", "to", "towards", "into", "by")) {
			continue
		}
		if m := p.claimPhrase("cluster-wide", ph...); m != nil && first == nil {
			first = m
			// "in every namespace of the cluster", "cluster-wide ... everywhere": said again.
			for _, more := range [][]string{{"of", "the", "cluster"}, {"in", "the", "cluster"}, {"across", "the", "cluster"}, {"everywhere"}, {"in", "every", "namespace"}, {"across", "all", "namespaces"}} {
				if m.end < len(p.toks) && p.phrase(more...) >= 0 {
					p.claimPhrase("cluster-wide", more...)
				}
			}
			// "Cluster-wide ...: alert whenever apk is launched in any
			// container in any namespace": in a system request no peer
			// stands in any namespace.
			if p.systemRequest {
				for p.claimPhrase("cluster-wide", "in", "any", "namespace") != nil {
				}
			}
		}
	}
	// "for the whole cluster - every pod in every namespace ...": said
	// twice, each phrase is claimed; the first says it.
	return first
}

// policyTitleBefore reports whether the words before i are the title of
// an egress policy alone and its colon: "global egress policy: ...". The
// pods after it send: they are what the policy is for ("ingress: any pod
// in the cluster may reach ..." names the peers).
func (p *parser) policyTitleBefore(i int) bool {
	if i < 2 || !p.is(i-1, ":") {
		return false
	}
	egress := false
	for k := 0; k < i-1; k++ {
		egress = egress || egressWords[p.word(k)]
		if !(egressWords[p.word(k)] || determiners[p.word(k)] || p.is(k, "global", "cluster", "cluster-wide", "clusterwide", "policy", "rule", "rules", "baseline", "network")) {
			return false
		}
	}
	return egress && p.indexAny(ingressWords) < 0
}

// peerBefore reports whether the words before i are a peer's ("from pods
// in every namespace"): a pod noun or a label after from/to/by.
func (p *parser) peerBefore(i int) bool {
	k := i - 1
	if !(podNouns[p.word(k)] || p.toks[k].kind == tLabel || workloadKinds[p.word(k)] != "") {
		return false
	}
	for n := k - 1; n >= 0 && n >= k-5; n-- {
		if p.is(n, "from", "to", "by", "towards", "with") {
			return true
		}
		if denyWords[p.word(n)] || allowWords[p.word(n)] || reachVerbs[p.word(n)] || receiveVerbs[p.word(n)] {
			return false
		}
	}
	return false
}

// reachedPodsBefore reports whether the words before i are bare pods that
// a verb of reaching takes ("allow app=web to reach pods in all
// namespaces", "... may talk to the pods across all namespaces"): the
// namespaces place the pods reached, the peers, and make no cluster-wide
// policy over every pod (finder 14, S10 neighbour: that locked every pod of
// the cluster down for ingress from web alone). "every pod in every
// namespace" and "pods labeled X in all namespaces" are other phrases and
// keep their reading.
func (p *parser) reachedPodsBefore(i int) bool {
	k := i - 1
	if !p.is(k, "pods", "workloads", "containers") {
		return false
	}
	if p.is(k-1, "the") {
		k--
	}
	if p.is(k-1, "to") {
		k--
	}
	return k > 0 && reachVerbs[p.word(k-1)]
}

// nodeScope reads "on every node", "on the nodes", "on nodes labeled
// pool=gpu", "on the host"; it returns its mark and the node selector.
func (p *parser) nodeScope() (*mark, *metav1.LabelSelector, *mark) {
	for i := range p.toks {
		if p.taken(i) || !p.is(i, "node", "nodes", "host", "hosts", "vm", "vms") || p.hostAdjective(i) {
			continue
		}
		k := i - 1
		// "the storage nodes (tier=storage)": a word that says which nodes,
		// with the labels that say it in parentheses; the parentheses may
		// say again that they are nodes ("the DBMS hosts (nodes labeled
		// role=dbms)", "the bastion hosts (hosts with label role=bastion)").
		described := p.is(i+1, "(") && p.tok(k) != nil && p.toks[k].kind == tWord && p.nameWord(k) && !p.taken(k) && (p.labelNext(i+2) || p.nodesLabeledAt(i+2))
		if described {
			k--
		}
		// "on the compliance=cmmc nodes": the label just before the nodes
		// says which, as "the app=web pods" does of pods.
		labelFirst := !described && k >= 0 && p.toks[k].kind == tLabel && !p.taken(k)
		if labelFirst {
			k--
		}
		// "on that same node (kubernetes.io/hostname=tljh-01)": the node
		// named before, by the labels after it.
		for (p.is(k, "the", "every", "each", "all", "any", "kubernetes", "k8s", "cluster", "our", "my", "these", "those") || p.is(k, "same") && p.is(k-1, "the", "that", "those") ||
			p.is(k, "that") && p.is(k+1, "same") || nodeKinds[p.word(k)]) && !p.taken(k) {
			k--
		}
		// "nodes with kubernetes.io/hostname=vagrant: alert on ...": the
		// nodes the request is about, first.
		first := k < 0 && p.is(i+1, "labeled", "labelled", "with") && p.labelNext(i+2)
		// "host policy, node kubernetes.io/hostname=worker-3: block ...":
		// a heading that names the kind of policy, then the node by its
		// label.
		headed := p.hostPolicyHeading(k) && p.tok(i+1) != nil && p.toks[i+1].kind == tLabel
		if !p.is(k, "on", "for", "across", "to", "of", "in") && !p.is(i-1, "every", "each", "all") && !first && !headed && !p.nodesIntroduced(k) {
			continue
		}
		if headed {
			if sel, e := p.selectorAt(i + 1); sel != nil && p.is(e, ":", ",") {
				sm := p.take(i+1, e, "node-labels")
				m := p.take(0, i+1, "nodes")
				p.claimNodeWords()
				return m, sel, sm
			}
			continue
		}
		start := k + 1
		if p.is(k, "on", "for", "across", "to", "of", "in") {
			start = k
		}
		j := i + 1
		if labelFirst {
			if sel, e := p.selectorAt(i - 1); sel != nil && e == i {
				sm := p.take(i-1, i, "node-labels")
				if start < i-1 {
					p.take(start, i-1, "nodes")
				}
				m := p.take(i, j, "nodes")
				p.claimNodeWords()
				return m, sel, sm
			}
			continue
		}
		// "those nodes (label node-access=ssh)": the labels in brackets
		// right after the nodes.
		if p.is(j, "(") && (p.is(j+1, "label", "labels", "labeled", "labelled") || p.tok(j+1) != nil && p.toks[j+1].kind == tLabel) {
			if sel, e := p.selectorAt(j + 1); sel != nil && p.is(e, ")") {
				sm := p.take(j, e+1, "node-labels")
				m := p.take(start, j, "nodes")
				p.claimNodeWords()
				return m, sel, sm
			}
		}
		if described {
			if sel, e := p.selectorAt(j); sel != nil && p.is(e, ")") {
				sm := p.take(j, e+1, "node-labels")
				m := p.take(start, j, "nodes")
				p.claimNodeWords()
				return m, sel, sm
			}
		}
		// "the app VMs (nodes labeled role=x)", "the VM (node label k=v)"
		if p.is(j, "(") && p.is(j+1, "node", "nodes", "host", "hosts") && p.is(j+2, "labeled", "labelled", "label", "labels", "with") {
			if sel, e := p.selectorAt(j + 2); sel != nil {
				sm := p.take(j+2, e, "node-labels")
				m := p.take(start, j+2, "nodes")
				if p.is(e, ")") {
					p.take(e, e+1, "nodes")
				}
				p.claimNodeWords()
				return m, sel, sm
			}
		}
		if v := p.hostnameAt(j); v > 0 {
			sel := &metav1.LabelSelector{MatchLabels: map[string]string{generator.HostnameLabel: p.toks[v].raw}}
			sm := p.take(j, v+1, generator.HostnameRule)
			m := p.take(start, j, "nodes")
			p.claimNodeWords()
			return m, sel, sm
		}
		// ("the nodes where app=bastion runs", "... that app=bastion is
		// scheduled on": the labels of what runs there, pods, not the
		// nodes'; left for the checks that ask, finder 12, S7.)
		if p.is(j, "labeled", "labelled", "with", "having", "matching", "carrying", "tagged", "where", "whose", "that") {
			if sel, e := p.selectorAt(j); sel != nil && !residenceVerbs[p.word(e)] && !p.is(e, "scheduled") {
				sm := p.take(j, e, "node-labels")
				m := p.take(start, j, "nodes")
				p.claimNodeWords()
				return m, sel, sm
			}
		}
		// "the host itself", "the nodes themselves"
		if p.is(j, "itself", "themselves") {
			j++
		}
		m := p.take(start, j, "nodes")
		p.claimNodeWords()
		return m, nil, nil
	}
	return nil, nil, nil
}

// nodesIntroduced reports whether the word at k, just before the nodes
// and their determiners, says that they are what the policy is for,
// where the usual "on", "for" or "in" is not said: "egress from those
// nodes (label node-access=ssh)" (the nodes' own egress), "Select the
// Kubernetes host labeled kubernetes.io/hostname: kubearmor-dev and
// block ...", "scheduler-protect for the image ..., i.e. the nodes
// labeled kubernetes.io/hostname=packer-build:". Still read as a peer:
// "ingress from the nodes", "allow traffic from the hosts".
func (p *parser) nodesIntroduced(k int) bool {
	switch {
	case p.is(k, "from"):
		return p.is(k-1, "egress", "outbound")
	case p.is(k, "select", "selecting"):
		return k == 0 || p.toks[k-1].kind == tPunct
	case p.is(k, "i.e.", "i.e", "ie"):
		return true
	}
	return false
}

// hostnameWords name a node's hostname: "with hostname worker-1".
var hostnameWords = set("hostname", "host-name")

// hostnameAt reads the hostname said of the nodes from j on: "(the node)
// with hostname worker-1", "with the hostname worker-1", "whose hostname is
// worker-1", "where the hostname is worker-1"; it returns the index of the
// hostname, or -1. The words plainly say the hostname, which every node
// carries as the label kubernetes.io/hostname; read as words, "hostname"
// became a program and every node was selected, and "whose hostname is X"
// the label hostname=X, which no node carries (finder 5's S11). A name
// alone ("the node named worker-1", "node with name worker-1") may not be
// its hostname and is asked about (processacts.go).
func (p *parser) hostnameAt(j int) int {
	k := j
	switch {
	case p.is(k, "with", "having"):
		k++
	case p.is(k, "whose", "where"):
		k++
	default:
		return -1
	}
	whose := p.is(j, "whose", "where")
	if p.is(k, "the", "a") {
		k++
	}
	switch {
	case hostnameWords[p.word(k)]:
		k++
	case p.is(k, "host") && p.is(k+1, "name"):
		k += 2
	default:
		return -1
	}
	if whose {
		if !p.is(k, "is", "=", "equals") {
			return -1
		}
		k++
	} else if p.is(k, "of", "=", ":") {
		k++
	}
	t := p.tok(k)
	if t == nil || t.kind != tWord || p.taken(k) || len(t.raw) > 63 || len(validation.IsDNS1123Subdomain(t.raw)) > 0 ||
		denyWords[t.low] || allowWords[t.low] || auditWords[t.low] || fillerWords[t.low] || determiners[t.low] || prepositions[t.low] || coordinators[t.low] ||
		// "hostname except worker-1", "hostname worker-1 or worker-2": not
		// one hostname (finder 6: "except" became it, worker-2 was lost).
		negationWords[t.low] || p.is(k, "except", "excluding", "but", "other", "only") || p.is(k+1, "or", "and", "/") {
		return -1
	}
	return k
}

// nodesHostname reports whether the word at i is "hostname" of a node's
// hostname ("on the node with hostname worker-1"), no program to run.
// (A program's path, "/bin/hostname", stays one.)
func (p *parser) nodesHostname(i int) bool {
	if !hostnameWords[p.word(i)] {
		return false
	}
	for k := i - 1; k >= i-2 && k > 0; k-- {
		if p.is(k-1, "node", "nodes", "host", "hosts", "vm", "vms") && p.hostnameAt(k) > 0 {
			return true
		}
	}
	return false
}

// hostAdjective reports whether "host" at i only says where the files
// it comes before live, in a request about pods it names by their labels:
// "Accessing sensitive host paths: in the app=ci-runner pods, block access
// to /var/run/docker.sock", "Detect unauthorized access of host resources:
// for the pods labeled app=payments, audit ...". Without pods so named
// ("audit writes to host paths /etc/"), or with nodes named too, it is
// read as the nodes, or asked about.
func (p *parser) hostAdjective(i int) bool {
	if !p.is(i, "host", "hosts") || !hostThings[p.word(i+1)] {
		return false
	}
	labeledPods := false
	for k, t := range p.all {
		if k != i && (t.low == "node" || t.low == "nodes" || t.low == "vm" || t.low == "vms" || (t.low == "host" || t.low == "hosts") && !(k+1 < len(p.all) && hostThings[p.all[k+1].low])) {
			return false
		}
		if t.kind == tLabel && (k+1 < len(p.all) && corePodNouns[p.all[k+1].low] || podsBefore(p.all, k)) {
			labeledPods = true
		}
	}
	return labeledPods
}

// hostThings are what "host" may describe as an adjective: "host paths",
// "host resources", "host sockets".
var hostThings = set("path", "paths", "file", "files", "resource", "resources", "directory", "directories", "folder", "folders", "filesystem", "file-system",
	"socket", "sockets", "mount", "mounts", "binaries")

// nodeRelativeWords, right after the nodes, start words that say which
// nodes: "the nodes that lack the label compliance", "the nodes missing
// compliance=cmmc", "the nodes where pods app=bastion run". Left unread,
// the policy held on every Linux node, or took a label said of other
// things as the nodes' own (finder 12, S6, S7).
var nodeRelativeWords = set("that", "which", "where", "whose", "who", "missing", "lacking", "lack", "lacks", "without", "running", "hosting", "except", "not")

// nodesDescribedUnread returns the words after the nodes mark m that say
// which nodes when no label of the nodes was read from them ("" when
// none): the policy would hold on every node.
func (p *parser) nodesDescribedUnread(m *mark) string {
	if m == nil || !nodeRelativeWords[p.word(m.end)] || p.taken(m.end) {
		return ""
	}
	e := m.end
	for e < len(p.toks) && e < m.end+6 && p.toks[e].kind != tPunct {
		e++
	}
	return p.text(m.start, e)
}

// nodeSelectorUnsaid asks when the node labels read say more than a host
// policy can: its nodeSelector has matchLabels alone, so "the nodes that
// lack compliance=cmmc" (NotIn) or "(label node-access=ssh or
// node-access=both)" (In, two values) wrote KubeArmor label expressions
// that a host policy drops, and the policy held on every node (finder 12,
// S6).
func (p *parser) nodeSelectorUnsaid(sel *metav1.LabelSelector, sm *mark) string {
	if sel == nil || len(sel.MatchExpressions) == 0 {
		return ""
	}
	return fmt.Sprintf("which nodes should this apply to? A host policy selects nodes only by labels they all carry, and %q says nodes without a label or with one of several values; name one label the nodes carry (\"the nodes labeled pool=gpu\")", p.text(sm.start, sm.end))
}

// podsBesideNodes asks when the words right after the nodes name pods:
// "Select the compliance=cmmc nodes' pods", "the compliance=cmmc node
// group, i.e. its pods", "the compliance=cmmc nodes and the kube-system
// pods" gave a host policy alone, so the pods' containers were left out
// (finder 12, S8). It reads past the nodes and their labels a few words
// that join ("and", "i.e.", "its", "the", a comma, a closing bracket)
// and one name. ("on the node and in containers" is containersToo's.)
func (p *parser) podsBesideNodes(m, sm *mark) string {
	e := m.end
	if sm != nil && sm.end > e {
		e = sm.end
	}
	if k := e - 1; k >= 0 && p.toks[k].possessive || p.is(e, "'") {
		return fmt.Sprintf("which should this apply to: the nodes, or the pods on them? %q names the nodes' pods", p.text(m.start, min(e+2, len(p.toks))))
	}
	names := 0
	for k := e; k < len(p.toks) && k < e+6; k++ {
		switch {
		case corePodNouns[p.word(k)]:
			return fmt.Sprintf("which should this apply to: the nodes, or the pods? %q names pods beside the nodes", p.text(m.start, k+1))
		case nodePools[p.word(k)] || p.is(k, ",", ")", "and", "i.e.", "i.e", "ie", "its", "their", "the", "plus", "also", "all", "every"):
		case p.toks[k].kind == tWord && names == 0 && !prepositions[p.word(k)] && !determiners[p.word(k)]:
			names++
		default:
			return ""
		}
	}
	return ""
}

// nodeKinds name some of the nodes, not all: "the worker nodes", "the
// control-plane hosts", "the build VMs".
var nodeKinds = set("worker", "workers", "build", "app", "control-plane", "master", "masters", "infra", "gpu", "edge", "spot", "compute", "storage", "ingress")

// nodesLabeledAt reports whether the words at i say nodes by their
// labels: "nodes labeled role=dbms", "hosts with label role=bastion".
func (p *parser) nodesLabeledAt(i int) bool {
	return p.is(i, "node", "nodes", "host", "hosts") && p.is(i+1, "labeled", "labelled", "label", "labels", "with") && p.labelNext(i+1)
}

// nodePools name a group of nodes after "of" or "in": "every node of the
// prod pool", "the hosts in the gpu node group".
var nodePools = set("pool", "pools", "nodepool", "nodepools", "group", "groups", "fleet", "rack", "zone", "zones", "region")

// someNodes returns the words of the nodes mark m that pick some of the
// nodes without labels that say which: "on the worker nodes", "every node
// of the prod pool"; "" when none do. Read as every node, the policy
// would hold on nodes the request left out.
func (p *parser) someNodes(m *mark) string {
	for k := m.start; k < m.end; k++ {
		if nodeKinds[p.word(k)] {
			return p.text(k, m.end)
		}
	}
	j := m.end
	if !p.is(j, "of", "in") {
		return ""
	}
	for k := j + 1; k < min(j+6, len(p.toks)) && p.toks[k].kind == tWord && !p.taken(k); k++ {
		if nodePools[p.word(k)] {
			return p.text(m.start, k+1)
		}
	}
	return ""
}

// claimNodeWords claims the other words for nodes once the nodes are read:
// "Node hardening ..., on every node: ..." says nodes twice.
func (p *parser) claimNodeWords() {
	for i := range p.toks {
		if !p.taken(i) && p.is(i, "node", "nodes", "host", "hosts", "vm", "vms", "node-level", "host-level") {
			p.take(i, i+1, "nodes")
		}
	}
}

// namespaceList reads "in namespaces shop and data" (a cluster policy
// limited to those namespaces) and "except in kube-system", "except
// namespaces a and b"; the mark covers the words read.
func (p *parser) namespaceList(clusterWide bool) ([]valueV, bool, *mark) {
	// "kube-system excepted", "kube-system and monitoring excluded"
	for i := range p.toks {
		if !namespaceExcludedWords[p.word(i)] || p.taken(i) {
			continue
		}
		k := i - 1
		var names []valueV
		for k >= 0 && p.namespaceName(k) {
			names = append([]valueV{{p.toks[k].low, &mark{k, k + 1, "namespace-list"}}}, names...)
			k--
			if p.is(k, "and", ",") {
				k--
			}
		}
		if len(names) > 0 && clusterWide {
			return names, true, p.take(k+1, i+1, "namespace-list")
		}
	}
	// "in the dev and staging namespaces"
	for i := range p.toks {
		if !p.is(i, "namespaces") || p.taken(i) || !p.is(i-2, "and", ",", "or") {
			continue
		}
		k := i - 1
		var names []valueV
		for k >= 0 && p.namespaceName(k) {
			names = append([]valueV{{p.toks[k].low, &mark{k, k + 1, "namespace-list"}}}, names...)
			k--
			if p.is(k, "and", ",", "or") {
				k--
			}
		}
		for p.is(k, "the") {
			k--
		}
		// "cluster-wide, except in the logging and kube-system namespaces,
		// block ...": the namespaces left out, in a cluster-wide policy
		// (elsewhere "except" stays a question).
		if len(names) > 1 && p.is(k, "in") && p.is(k-1, "except", "excluding") && !p.taken(k-1) {
			if !clusterWide {
				continue
			}
			return names, true, p.take(k-1, i+1, "namespace-list")
		}
		if len(names) > 1 && p.is(k, "in", "for", "across", "to") {
			return names, false, p.take(k, i+1, "namespace-list")
		}
		// "in all pods of the staging and qa namespaces"
		if s := p.everyPodOf(k); len(names) > 1 && s >= 0 {
			return names, false, p.take(s, i+1, "namespace-list")
		}
	}
	for i := range p.toks {
		if p.taken(i) {
			continue
		}
		except := p.is(i, "except", "excluding", "outside") || p.is(i, "but") && p.is(i+1, "not") || p.is(i, "apart") && p.is(i+1, "from") || p.is(i, "other") && p.is(i+1, "than")
		// "in namespaces shop and data", "only for the namespaces dev and staging"
		// "across namespaces prod and staging", "in every container of
		// namespaces shop and payments": the list starts at the words
		// that lead to it (everyPodOf).
		start := i
		switch {
		case p.is(i, "namespaces") && p.is(i-1, "in", "for", "to", "across"):
		case p.is(i, "namespaces") && p.is(i-1, "the") && p.is(i-2, "in", "for", "to", "across"):
		case p.is(i, "namespaces") && p.everyPodOf(i-1) >= 0:
			start = p.everyPodOf(i - 1)
		case !except:
			continue
		}
		k := i + 1
		for p.is(k, "in", "not", "for", "namespaces", "namespace", "the", "from", "than", "of") {
			k++
		}
		var names []valueV
		for k < len(p.toks) && !p.taken(k) {
			t := p.toks[k]
			// "namespaces shop and payments, data excluded": "data" is
			// left out, not listed (finder 12, S3: the policy was for
			// data too).
			if p.namespaceName(k) && !namespaceExcludedWords[t.low] && !namespaceExcludedWords[p.word(k+1)] {
				names = append(names, valueV{t.low, &mark{k, k + 1, "namespace-list"}})
				k++
				if p.is(k, "and", "or", ",", "nor") {
					k++
				}
				if p.is(k, "namespace", "namespaces") {
					k++
				}
				continue
			}
			break
		}
		if len(names) > 1 || len(names) == 1 && (except || p.is(i, "namespaces")) {
			if except && !clusterWide {
				continue
			}
			return names, except, p.take(start, k, "namespace-list")
		}
	}
	return nil, false, nil
}

// askNamespaceListCut asks about a name joined to a namespace that no
// reading of namespaces takes: "in every container of the shop namespace
// and payments", "all pods of namespace shop and kube-public" (one
// namespace said, then another name), "namespaces shop and payments_v2",
// "namespaces shop and team-*" (a name no namespace can have, or a
// pattern). Read up to it, the name after "and" was dropped and the policy
// held in shop alone (finder 12, S2).
func (p *parser) askNamespaceListCut() error {
	for k := 2; k+1 < len(p.toks); k++ {
		if !p.is(k, "and", "or", ",") {
			continue
		}
		n := k + 1
		if p.is(n, "the") {
			n++
		}
		if n >= len(p.toks) || p.taken(n) || p.toks[n].kind == tPunct {
			continue
		}
		end := n + 1
		if p.is(end, "one", "namespace", "namespaces") {
			end++
		}
		if end < len(p.toks) && p.toks[end].kind != tPunct {
			continue
		}
		pattern := strings.ContainsAny(p.toks[n].raw, "_*")
		single := p.is(k-1, "namespace") && p.namespaceName(k-2) || p.namespaceName(k-1) && p.is(k-2, "namespace")
		if single && (pattern || p.namespaceName(n)) || pattern && p.namespaceName(k-1) && p.has("namespaces") {
			return p.refuse(fmt.Sprintf("which namespaces is this for? %q is joined to %q but read as no namespace; name each namespace (\"in namespaces shop and payments\"), with the names they have", p.toks[n].raw, p.text(k-2, k)), generator.ExampleSystem)
		}
	}
	return nil
}

// namespaceExcludedWords, after namespace names, leave them out: "kube-system
// excepted", "data excluded".
var namespaceExcludedWords = set("excepted", "excluded", "exempted", "exempt")

// everyPodOf returns where "every pod of", "all pods of", "each container
// of" or "the pods of" starts (with an "in", "for" or "across" before it)
// when token k is its "of", else -1: "block /usr/bin/nmap in all pods of
// the staging and qa namespaces", "in every container of namespaces shop
// and payments, block /usr/bin/curl" name every pod of the namespaces
// listed, no other pods; read as two mentions, they asked which one the
// rule was for. Pods named by labels ("the app=web pods of namespaces a
// and b") are not every pod, and are not read here.
func (p *parser) everyPodOf(k int) int {
	if !p.is(k, "of") || k < 2 || !literalPodNouns[p.word(k-1)] || !p.is(k-2, "every", "all", "each", "the") || p.taken(k-1) || p.taken(k-2) {
		return -1
	}
	s := k - 2
	if p.is(s-1, "in", "for", "across") && !p.taken(s-1) {
		s--
	}
	return s
}

// labelsAnywhere returns the selector of the first label mention, for
// cluster and node subjects ("on nodes labeled role=edge").
func (p *parser) labelsAnywhere() (*metav1.LabelSelector, *mark) {
	for i, t := range p.toks {
		if t.kind == tLabel && !p.taken(i) {
			sel, j := p.selectorAt(i)
			if sel == nil {
				continue
			}
			return sel, p.take(i, j, "labels")
		}
	}
	return nil, nil
}

// subjectText is a subject for the understood part of a refusal.
func subjectText(s generator.Subject) string { return "applies to " + generator.SubjectText(s) }

func joinQuoted(eps []*endpoint) string {
	var parts []string
	for _, e := range eps {
		parts = append(parts, quote(e.text))
	}
	return strings.Join(parts, ", ")
}

// systemSubject finds where a system rule applies: pods, a namespace, the
// cluster or nodes.
func (p *parser) systemSubject() (subjectV, error) {
	if err := p.askNamespaceListCut(); err != nil {
		return subjectV{}, err
	}
	if m := p.clusterScope(); m != nil || p.has("everywhere") {
		if m == nil {
			k := p.index("everywhere")
			m = p.take(k, k+1, "cluster-wide")
		}
		v := subjectV{subject: generator.Subject{Scope: generator.ScopeCluster}}
		v.origins = append(v.origins, p.origin("subject.scope", m))
		p.addNamespaceList(&v, true)
		if sel, sm := p.labelsAnywhere(); sel != nil {
			v.subject.Pods = sel
			v.origins = append(v.origins, p.origin("subject.pods", sm))
		}
		p.claimClusterHeading()
		p.understood = append(p.understood, "applies to the whole cluster")
		return v, nil
	}
	if m, sel, sm := p.nodeScope(); m != nil {
		v := subjectV{subject: generator.Subject{Scope: generator.ScopeNodes}}
		v.origins = append(v.origins, p.origin("subject.scope", m))
		w := p.someNodes(m)
		if sel == nil {
			sel, sm = p.labelsAnywhere()
			// "block /bin/sh on worker nodes only (app=web)": labels said
			// apart from the nodes a word describes may be the pods'.
			if sel != nil && w != "" {
				return v, p.refuse(fmt.Sprintf("are %s the labels of the %s? Say them right after the nodes (\"the %s labeled %s\")", p.text(sm.start, sm.end), w, w, p.text(sm.start, sm.end)), generator.ExampleSystem)
			}
		}
		if sel == nil && w == "" {
			w = p.nodesDescribedUnread(m)
		}
		if sel == nil && w != "" {
			return v, p.refuse(fmt.Sprintf("which nodes are %q? Name them by their labels (\"the nodes labeled node-role.kubernetes.io/worker=true\"), or say \"every node\"", w), generator.ExampleSystem)
		}
		if q := p.nodeSelectorUnsaid(sel, sm); q != "" {
			return v, p.refuse(q, generator.ExampleSystem)
		}
		if q := p.podsBesideNodes(m, sm); q != "" {
			return v, p.refuse(q, generator.ExampleSystem)
		}
		if sel != nil {
			v.subject.Nodes = sel
			v.origins = append(v.origins, p.origin("subject.nodes", sm))
		}
		p.understood = append(p.understood, "applies to nodes")
		return v, nil
	}
	v := subjectV{subject: generator.Subject{Scope: generator.ScopeCluster}}
	if p.addNamespaceList(&v, false) {
		p.claimClusterHeading()
		v.origins = append(v.origins, generator.Origin{Field: "subject.scope", From: generator.FromRequest, Start: v.origins[0].Start, End: v.origins[0].End, Text: v.origins[0].Text, Rule: "namespace-list"})
		p.understood = append(p.understood, "applies to namespaces "+strings.Join(v.subject.Namespaces, ", "))
		return v, nil
	}
	var subjects []*endpoint
	for _, ep := range p.endpoints() {
		if ep.kind == epPods || ep.kind == epNamespace || ep.kind == epService {
			subjects = append(subjects, ep)
		}
	}
	// "the pods with role=debug in the tools namespace", "In conjur, ...
	// the app=x pods", "namespace jupyter": a namespace named apart is the
	// scene of the pods named.
	if len(subjects) > 1 {
		var scene *endpoint
		var pods []*endpoint
		for _, ep := range subjects {
			switch {
			case ep.kind == epNamespace && ep.namespace != "" && ep.podsMark == nil && scene == nil:
				scene = ep
			case ep.kind == epNamespace && ep.namespace == "" && ep.namespaces == nil && !ep.otherNS && (!ep.sameNS || scene != nil):
				pods = append(pods, ep) // "every pod"; "the argocd namespace, every pod in it"
			case (ep.kind == epPods || ep.kind == epService) && ep.namespace == "" && ep.namespaces == nil && !ep.sameNS:
				pods = append(pods, ep)
			default:
				scene = nil
				pods = nil
			}
			if scene == nil && pods == nil {
				break
			}
		}
		if scene != nil && len(pods) == 1 && len(pods)+1 == len(subjects) {
			pods[0].namespace, pods[0].nsMark = scene.namespace, scene.nsMark
			subjects = pods
		}
	}
	// Descriptive words ("the crypto miner xmrig", "including anything
	// beneath them") are no subject: keep the mentions that name pods for
	// sure, or, with none, the pods a heading named.
	var sure []*endpoint
	for _, ep := range subjects {
		if ep.pods != nil || ep.kind == epNamespace || ep.workload != "" || ep.noun || p.treeHasWorkload(ep.name) {
			sure = append(sure, ep)
		}
	}
	switch {
	case len(subjects) > 1 && len(sure) == 1:
		// "in pods of billing (in prod)": the name the pods are "of" said
		// with its namespace is no description; dropped, the policy went
		// to every pod of namespace default (finder 6, S7).
		if q := p.placedNameDropped(subjects, sure[0]); q != "" {
			return subjectV{}, p.refuse(q, generator.ExampleSystem)
		}
		subjects = sure
	case len(subjects) > 0 && len(sure) == 0 && p.fallback != nil:
		subjects = nil
	}
	// "checkout never talks to the API ... for the checkout deployment":
	// one workload named twice is one subject.
	if len(subjects) > 1 && p.sameSubjects(subjects) {
		subjects = subjects[:1]
	}
	switch len(subjects) {
	case 0:
		if p.fallback != nil {
			return p.fallbackSubject(), nil
		}
		return subjectV{}, p.ask("which pods should this apply to?", generator.ExampleSystem, "in the pods labeled app=nginx")
	case 1:
		s, err := p.subjectFrom(subjects[0])
		if err == nil {
			p.understood = append(p.understood, subjectText(s.subject))
		}
		return s, err
	}
	return subjectV{}, p.refuse("which pods should this apply to? Several are named ("+joinQuoted(subjects)+"); a system rule applies to one set of pods", generator.ExampleSystem)
}

// placedNameDropped asks about a mention of pods that systemSubject would
// drop as descriptive words beside the pods it keeps (sure) when the
// mention says a namespace the kept pods do not: "block access to
// /etc/shadow in pods of billing (in prod)" read "pods" as every pod and
// "billing (in prod)" as a name with no pod noun, so the policy went to
// every pod of namespace default and both "billing" and "prod" were lost
// (finder 6, S7). A namespace said is never a description, nor is the
// name the kept pods are "of" ("pods of billing (which is in prod)").
func (p *parser) placedNameDropped(subjects []*endpoint, sure *endpoint) string {
	for _, ep := range subjects {
		if ep == sure {
			continue
		}
		if ep.start == sure.end+1 && p.is(sure.end, "of") && sure.kind == epNamespace && sure.namespace == "" && ep.name != "" {
			// "pods of billing (which is in prod)": the pods of billing,
			// whatever the aside says; read alone, "pods of billing" is
			// namespace billing's.
			return fmt.Sprintf("which pods are %q? Name them by their labels (\"pods labeled app=%s\") or their namespace (\"every pod in namespace %s\")", p.text(sure.start, ep.end), ep.name, ep.name)
		}
		if ep.namespace == "" && ep.kind == epPods && ep.name != "" && p.is(ep.start-1, "in") && (p.is(ep.start-2, ",") || ep.start-2 == sure.end) && ep.end == ep.start+1 && sure.namespace != ep.name {
			// "in pods of billing, in prod": a bare word after "in" is where
			// the pods are, no description of them; dropped, "prod" was
			// lost and the policy went to namespace billing.
			return fmt.Sprintf("which namespace are %q in? \"in %s\" beside them names no pods; say the namespace once (\"every pod in namespace %s\")", p.text(sure.start, sure.end), ep.name, ep.name)
		}
		if ep.namespace == "" || ep.nsMark == nil || ep.namespace == sure.namespace {
			continue
		}
		name := ep.name
		if name == "" {
			name = "NAME"
		}
		return fmt.Sprintf("which pods are %q in namespace %s? Name them by their labels (\"pods labeled app=%s in namespace %s\")", p.text(min(ep.start, sure.start), max(ep.end, sure.end)), ep.namespace, name, ep.namespace)
	}
	return ""
}

// prevNamespaceSaid reports whether the clause before named its namespace
// in the request (not by default).
func (p *parser) prevNamespaceSaid() bool {
	if p.prev == nil || p.prev.Subject.Scope != generator.ScopePods {
		return false
	}
	for _, o := range p.prev.Origins {
		if o.Field == "subject.namespace" && o.From == generator.FromRequest {
			return true
		}
	}
	return false
}

// claimClusterHeading claims "Cluster" in a heading ("Cluster baseline:
// ...", "Cluster policy: ...") once the request is read as cluster-wide.
func (p *parser) claimClusterHeading() {
	for i := range p.toks {
		if p.is(i, ":") {
			for k := 0; k < i; k++ {
				if p.is(k, "cluster") && !p.taken(k) {
					p.take(k, k+1, "cluster-wide")
				}
			}
			return
		}
	}
}

// addNamespaceList adds "in namespaces a and b" or "except in kube-system"
// to a cluster subject; it reports whether there was one.
func (p *parser) addNamespaceList(v *subjectV, clusterWide bool) bool {
	names, except, m := p.namespaceList(clusterWide)
	if len(names) == 0 {
		return false
	}
	for k, n := range names {
		v.subject.Namespaces = append(v.subject.Namespaces, n.value)
		v.origins = append(v.origins, p.origin(fieldf("subject.namespaces[%d]", k), n.m))
	}
	if except {
		v.subject.ExceptNamespaces = true
		v.origins = append(v.origins, p.origin("subject.exceptNamespaces", m))
	}
	return true
}

// sameSubjects reports whether every mention selects the same pods.
func (p *parser) sameSubjects(eps []*endpoint) bool {
	first, err := p.subjectFrom(eps[0])
	if err != nil {
		return false
	}
	for _, ep := range eps[1:] {
		s, err := p.subjectFrom(ep)
		if err != nil || !sameJSON(s.subject, first.subject) {
			return false
		}
	}
	return true
}

// labeledNamespacesSubject is the subject of pods (nil: every pod) in the
// namespaces nss selects by label: only a cluster-wide policy selects them.
// origins are the peer's, with fields pods... and namespaces...
func (p *parser) labeledNamespacesSubject(pods, nss *metav1.LabelSelector, origins []generator.Origin) subjectV {
	v := subjectV{subject: generator.Subject{Scope: generator.ScopeCluster, Pods: pods, NamespaceLabels: nss}}
	for _, o := range origins {
		switch {
		case o.Field == "namespaces" || strings.HasPrefix(o.Field, "namespaces."):
			scope := o
			scope.Field = "subject.scope"
			o.Field = "subject.namespaceLabels" + strings.TrimPrefix(o.Field, "namespaces")
			v.origins = append(v.origins, scope, o)
		case o.Field == "pods" || strings.HasPrefix(o.Field, "pods."):
			o.Field = "subject." + o.Field
			v.origins = append(v.origins, o)
		}
	}
	p.understood = append(p.understood, "applies cluster-wide")
	return v
}

// hostPolicyHeading reports whether the request opens with "host policy"
// and a comma or colon that ends at k, before the node it is for: "host
// policy, node kubernetes.io/hostname=worker-3: block executing anything
// under /tmp/".
func (p *parser) hostPolicyHeading(k int) bool {
	return k == 2 && p.is(k, ",", ":") && p.is(0, "host") && p.is(1, "policy")
}
