package builtin

import (
	"fmt"
	"strings"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/util/validation"
)

// namespaceBetween reads "in NS", "in namespace NS", "in the NS
// namespace" at i, between a name and the labels in brackets that say
// which pods it is: the index of the namespace's name and of the word
// after the phrase, or 0, 0.
func (p *parser) namespaceBetween(i int) (ns, after int) {
	if !p.is(i, "in") {
		return 0, 0
	}
	switch k := i + 1; {
	case p.is(k, "namespace") && p.tok(k+1) != nil && p.namespaceName(k+1):
		return k + 1, k + 2
	case p.is(k, "the") && p.tok(k+1) != nil && p.namespaceName(k+1) && p.is(k+2, "namespace"):
		return k + 1, k + 3
	case p.tok(k) != nil && p.namespaceName(k):
		return k, k + 1
	}
	return 0, 0
}

// qualifyScope attaches the namespace part of qualify.
// stageNamespaces are the stages people name their namespaces after: in
// brackets after pods named by labels, "the app=api pods (prod)", one
// is their namespace.
var stageNamespaces = set("prod", "production", "staging", "stage", "dev", "development", "test", "testing", "qa", "uat", "preprod", "sandbox")

func (p *parser) qualifyScope(ep *endpoint) {
	if ep.kind != epPods && ep.kind != epService && !(ep.kind == epNamespace && ep.namespace == "" && ep.namespaces == nil) {
		return
	}
	j := ep.end
	// "the backend pods only (app=backend)", "the cluster-example
	// instances themselves (cnpg.io/cluster=x)": the brackets still say which.
	if p.is(j, "only", "itself", "themselves") && p.is(j+1, "(") && p.labelNext(j+2) {
		j++
	}
	// "(app=mysql, default namespace)": labels and a namespace in brackets.
	if p.is(j, "(") {
		k := j + 1
		var sel *metav1.LabelSelector
		if ep.pods == nil {
			// "(pods labeled app=productpage)"
			if (podNouns[p.word(k)] || p.is(k, "it", "they")) && labelIntros[p.word(k+1)] && !p.taken(k) {
				k++ // "(pods labeled app=x)", "(it carries run=access)"
			} else if p.is(k, "its", "their") && podNouns[p.word(k+1)] && p.is(k+2, "are", "carry", "have") && !p.taken(k) && !p.taken(k+1) {
				k += 2 // "the nginx-ckad deployment (its pods are app=nginx-ckad)"
			} else if literalPodNouns[p.word(k)] && p.tok(k+1) != nil && p.toks[k+1].kind == tLabel && !p.taken(k) {
				k++ // "the api container (pods app=api in namespace shop)": the pods' labels, the verb left out
			}
			if s, e := p.selectorAt(k); s != nil {
				sel = s
				ep.podsMark = p.take(j+1, e, "labels")
				k = e
			}
		}
		in := false
		for p.is(k, ",", "and", "in", "the") {
			in = in || p.is(k, "in")
			k++
		}
		nsEnd := -1
		if p.tok(k) != nil && p.namespaceName(k) && namespaceWords[p.word(k+1)] {
			ep.namespace, ep.nsMark, nsEnd = p.word(k), p.take(k, k+2, "namespace"), k+2
		} else if namespaceWords[p.word(k)] && p.tok(k+1) != nil && p.namespaceName(k+1) {
			ep.namespace, ep.nsMark, nsEnd = p.word(k+1), p.take(k, k+2, "namespace"), k+2
		} else if sel != nil && p.is(k-1, ",") && p.is(k, "same") && namespaceWords[p.word(k+1)] && p.is(k+2, ")") {
			// "(app=prometheus, same namespace)": the subject's.
			ep.sameNS, ep.nsMark, nsEnd = true, p.take(k, k+2, "same-namespace"), k+2
		} else if ep.pods != nil && k == j+1 && p.tok(k) != nil && p.namespaceName(k) && p.is(k+1, ")") && (stageNamespaces[p.word(k)] || p.treeNamespace(p.word(k))) {
			// "the same app=api pods (prod)": a stage in brackets after
			// pods named by labels is where they run.
			ep.namespace, ep.nsMark, nsEnd = p.word(k), p.take(k, k+1, "namespace"), k+1
		} else if (in || sel != nil && p.is(k-1, ",")) && p.tok(k) != nil && p.namespaceName(k) && p.is(k+1, ")") {
			// "(app=istio-ingressgateway in istio-system)"
			ep.namespace, ep.nsMark, nsEnd = p.word(k), p.take(k, k+1, "namespace"), k+1
		}
		if nsEnd > 0 {
			k = nsEnd
		}
		if (sel != nil || nsEnd > 0) && p.is(k, ")") {
			if sel != nil {
				ep.kind, ep.pods, ep.name, ep.workload = epPods, sel, "", ""
				if ep.nameMark != nil {
					ep.nameMark.rule = "described-by-labels"
					for n := ep.nameMark.start; n < ep.nameMark.end; n++ {
						p.claim[n] = "described-by-labels"
					}
				}
			}
			ep.end = k + 1
			j = ep.end
			// "the Srv1 front end (app=Srv1, tier=frontend)": the words
			// before the name describe the same pods.
			if sel != nil {
				p.wordsBeforeLabeled(ep, sel)
			}
		}
	}
	// "whatever namespace they're in", "(any namespace)", "in any
	// Namespace": wherever they run.
	for _, ph := range [][]string{{"whatever", "namespace", "they're", "in"}, {"whatever", "namespace", "they", "are", "in"}, {"whatever", "namespace", "it", "lives", "in"},
		{"whatever", "namespace", "they", "live", "in"}, {"whatever", "namespace", "it's", "in"}, {"whatever", "namespace", "it", "is", "in"}, {"whatever", "namespace"},
		{"(", "any", "namespace", ")"}, {"(", "all", "namespaces", ")"}, {"in", "any", "namespace"}, {"in", "every", "namespace"}, {"in", "all", "namespaces"},
		{"across", "all", "namespaces"}, {"across", "namespaces"}, {"regardless", "of", "namespace"}, {"in", "any", "of", "the", "namespaces"}} {
		k := j
		// "pods labeled X, in any namespace, get ...": set off by commas.
		if p.is(k, ",") && (ph[0] == "whatever" || ph[0] == "in" || ph[0] == "across" || ph[0] == "regardless") {
			k++
		}
		if ep.pods == nil || ep.namespace != "" || ep.namespaces != nil || !p.phraseAt(k, ph...) {
			continue
		}
		end := k + len(ph)
		if p.is(end, "labeled", "labelled", "with", "having", "matching", "carrying", "tagged", "whose", "where", "that", "named", "called") || p.tok(end) != nil && p.toks[end].kind == tLabel {
			continue
		}
		// "in any of the namespaces shop and payments": the names after
		// it say which; read as any namespace, they were dropped and the
		// peers let in from every namespace (finder 12, S4).
		if namespaceWords[ph[len(ph)-1]] && p.namespaceName(end) {
			continue
		}
		if p.is(end, ",") && p.is(j, ",") {
			end++
		}
		ep.namespaces, ep.nssMark, ep.end = &metav1.LabelSelector{}, p.take(j, end, "any-namespace"), end
		return
	}
	k := j
	// "that run in", "running in", "which live in", "deployed in", and
	// with an adverb between ("that also run in", "which all live in"):
	// "pods labeled name=test-pods that also run in a namespace labeled
	// name=test-namespace-1" is one peer with both selectors.
	for p.is(k, "that", "which", "who") || residenceVerbs[p.word(k)] && k > j-1 ||
		residenceAdverbs[p.word(k)] && p.is(k-1, "that", "which", "who") && residenceVerbs[p.word(k+1)] {
		k++
	}
	// "every pod there"
	if p.is(k, "there") && ep.kind == epNamespace && k == j {
		ep.sameNS, ep.nsMark, ep.end = true, p.take(k, k+1, "same-namespace"), k+1
		return
	}
	// "(only) the Srv2 back end (...) from namespaces labeled usage=finance
	// should get to ...": where the pods named first or after "from" are.
	from := p.is(k, "from") && (namespaceWords[p.word(k+1)] || p.is(k+1, "the") && namespaceWords[p.word(k+3)] || namespaceWords[p.word(k+2)]) &&
		(ep.prep == "from" || ep.prep == "")
	if !p.is(k, "in", "of", "inside", "within") && !from {
		return
	}
	// "the pods of team-a in namespace prod", "the pods of cluster-example
	// (label ...) in the default namespace": "of" may name the namespace
	// or what the pods belong to, and "in" names another place; read
	// either way, one of them would be lost.
	if p.is(k, "of") && p.inAfterOf(k+1) {
		ep.ask = fmt.Sprintf("where do %q run? \"of %s\" and the namespace after it could each be their namespace; name one namespace (\"the pods labeled ... in namespace prod\")", p.text(ep.start, k), p.word(k+1))
		return
	}
	in := k
	k++
	// "in its own namespace", "in the same namespace", "in this namespace": the subject's.
	// An OpenShift project is a namespace: "in this project", "in the same project".
	nsWord := func(n int) bool { return namespaceWords[p.word(n)] || p.is(n, "project") }
	// "in the local namespace", "in the current namespace": the subject's
	// too, unless the tree has a namespace of that name.
	local := p.is(k+1, "local", "current") && !p.treeNamespace(p.word(k+1))
	if p.is(k, "its", "their", "the", "this", "that", "his", "her") && (p.is(k+1, "own", "same") && nsWord(k+2) || p.is(k, "this", "that") && nsWord(k+1) || p.is(k, "the") && local && nsWord(k+2)) && !pointsBackToNamespaces(p, k, k+2) {
		end := k + 3
		if p.is(k, "this", "that") && !p.is(k+1, "own", "same") {
			end = k + 2
		}
		ep.sameNS = true
		ep.nsMark = p.take(in, end, "same-namespace")
		ep.end = end
		return
	}
	if p.is(k, "other", "different") && namespaceWords[p.word(k+1)] || p.is(k, "any", "all") && p.is(k+1, "other") && namespaceWords[p.word(k+2)] {
		end := k + 2
		if p.is(k, "any", "all") {
			end++
		}
		ep.otherNS = true
		ep.nsMark = p.take(in, end, "other-namespaces")
		ep.end = end
		return
	}
	// "every pod in it": the subject's namespace.
	if p.is(k, "it", "there") && ep.kind == epNamespace {
		ep.sameNS = true
		ep.nsMark = p.take(in, k+1, "same-namespace")
		ep.end = k + 1
		return
	}
	// "from every pod in the namespace": the subject's.
	if p.is(k, "the") && namespaceWords[p.word(k+1)] && !p.namespaceName(k+2) && !p.is(k+2, "labeled", "labelled", "with", "having", "matching", "carrying", "tagged", "whose", "where") {
		ep.sameNS = true
		ep.nsMark = p.take(in, k+2, "same-namespace")
		ep.end = k + 2
		return
	}
	for determiners[p.word(k)] && !p.is(k, "any", "all", "every", "each", "other") {
		k++
	}
	switch {
	case p.is(k, "any", "all", "every", "each") && namespaceWords[p.word(k+1)] && !p.is(k+2, "labeled", "labelled", "with", "having", "matching", "carrying", "tagged", "whose", "where"):
		ep.namespaces = &metav1.LabelSelector{}
		ep.nssMark = p.take(in, k+2, "any-namespace")
		ep.end = k + 2
	case p.is(k, "other") && namespaceWords[p.word(k+1)]:
		return
	case namespaceWords[p.word(k)] || p.is(k, "any", "all", "every", "each") && namespaceWords[p.word(k+1)]:
		if p.is(k, "any", "all", "every", "each") {
			k++
		}
		ns, e := p.namespaceAt(k)
		if ns == nil {
			return
		}
		ep.namespace, ep.namespaces, ep.nsMark, ep.nssMark, ep.end = ns.namespace, ns.namespaces, ns.nsMark, ns.nssMark, e
	case p.is(k-1, "those", "these", "such"):
		// "in those control namespaces": the ones described before.
		return
	case p.tok(k) != nil && p.toks[k].kind == tLabel && p.labelsThenNamespace(k):
		// "role=server pods in env=prod namespaces": the namespaces the
		// labels select.
		sel, e := p.selectorAt(k)
		ep.namespaces, ep.nssMark, ep.end = sel, p.take(k, e+1, "namespace-labels"), e+1
	case p.describedNamespace(k) > 0:
		// "in the Certificate manager project (namespace ibm-cert-manager)":
		// words that describe the namespace, its name in parentheses.
		e := p.describedNamespace(k)
		p.take(k, e-4, "namespace-description")
		ep.namespace, ep.nsMark, ep.end = p.word(e-2), p.take(e-4, e, "namespace"), e
	case p.tok(k) != nil && p.toks[k].kind == tWord && nsWord(k+1) && p.namespaceName(k):
		// "in the shop namespace", "in the openshift-monitoring project"
		ep.namespace, ep.nsMark, ep.end = p.toks[k].low, p.take(k, k+2, "namespace"), k+2
	case p.tree == nil && k == in+1 && (ep.kind == epPods && ep.name == "" || ep.kind == epNamespace) && ep.pods == nil && p.tok(k) != nil && p.toks[k].kind == tWord &&
		len(validation.IsDNS1123Label(p.word(k))) == 0 && !determiners[p.word(k)] && !prepositions[p.word(k)] && p.is(k+1, "labeled", "labelled", "carrying") && p.labelNext(k+2):
		// "the pods in networking labeled X=y": a namespace, then the labels
		// of its pods.
		ep.kind, ep.namespace, ep.nsMark, ep.end = epPods, p.word(k), p.take(k, k+1, "namespace"), k+1
	case p.tree != nil && p.is(in, "of") && k == in+1 && ep.kind == epNamespace && ep.podsMark != nil && ep.namespace == "" && ep.namespaces == nil && p.treeNamespace(p.word(k)) && p.treeHasWorkload(p.word(k)):
		// "pods of payments" where the tree has payments as a namespace
		// and as a workload: every pod of the namespace, or the
		// workload's? Read as the namespace, it took every pod there
		// (finder 6, S15), though "to payments" reads the workload.
		ep.ask = fmt.Sprintf("which pods are %q: every pod in namespace %s, or the pods of the workload %s? Say \"every pod in namespace %s\" or \"the %s pods\"", p.text(ep.start, k+1), p.word(k), p.word(k), p.word(k), p.word(k))
		p.take(in, k+1, "namespace-of")
		ep.end = k + 1
		return
	case p.tree != nil && p.tok(k) != nil && p.treeNamespace(p.word(k)) && (ep.kind == epNamespace || ep.pods != nil || p.lookupCount(ep.name) != 1 || !p.treeHasWorkload(p.word(k))):
		ep.namespace, ep.nsMark, ep.end = p.word(k), p.take(k, k+1, "namespace"), k+1
	case p.tree == nil && k == in+1 && p.tok(k) != nil && p.namespaceName(k) && !inPhrases[p.word(k)] && !p.platformScene(k) && (p.nameWord(k) || p.is(k, "default") || interjections[p.word(k)] && ep.pods != nil || p.gerundNamespace(k) && ep.pods != nil) && !podNouns[p.word(k+1)] && workloadKinds[p.word(k+1)] == "" &&
		!p.is(k+1, "namespace", "namespaces", "cluster") && (!p.is(k+1, "(") || ep.pods == nil && ep.name != "" && p.labelNext(k+2)) && (ep.pods != nil || ep.name != "" || ep.kind == epNamespace && ep.podsMark != nil):
		// "static-web in production (app: static-web)": the labels follow.
		// "app=mysql in wordpress-mysql", "httpbin (app=httpbin) in foo": a namespace;
		// so is "hello" after pods named by labels ("the pods (app=x) in hello").
		ep.namespace, ep.nsMark, ep.end = p.word(k), p.take(k, k+1, "namespace"), k+1
	case p.tree == nil && !p.systemRequest && k == in+1 && ep.pods != nil && p.tok(k) != nil && p.toks[k].kind == tWord && len(validation.IsDNS1123Label(p.word(k))) == 0 &&
		(fileNouns[p.word(k)] || processNouns[p.word(k)] || cidrNouns[p.word(k)] || workloadKinds[p.word(k)] != "" || podNouns[p.word(k)] && !p.is(k, "pod", "pods")) && (receiveVerbs[p.word(k+1)] || reachVerbs[p.word(k+1)] || p.is(k+1, "may", "can", "should", "must", "only", "get", "gets")):
		// "the sftp pods (app=sftp) in files accept port 2022": between
		// pods named by labels and the verb of the clause, a word of the
		// vocabulary after "in" can only name their namespace.
		ep.namespace, ep.nsMark, ep.end = p.word(k), p.take(k, k+1, "namespace"), k+1
	default:
		return
	}
	p.take(j, in+1, "namespace-of")
}

// gerundNamespace reports whether the word at k, after "pods labeled
// app=x in", is an action word ending in -ing that can only name their
// namespace where it stands, before punctuation, the end or the verb of
// the clause: "the app=log-collector pods in logging, report ...", "pods
// labeled app=am in alerting must not ...". Logging, alerting and auditing
// are common namespace names; read as a verb they would leave the pods in
// the default namespace.
func (p *parser) gerundNamespace(k int) bool {
	w := p.word(k)
	if !strings.HasSuffix(w, "ing") || !(auditWords[w] || denyWords[w] || allowWords[w]) {
		return false
	}
	return k+1 == len(p.toks) || p.toks[k+1].kind == tPunct && !p.is(k+1, "(") || modals[p.word(k+1)] || p.is(k+1, "cannot", "can't", "mustn't", "shouldn't", "need", "needs", "may")
}

// podsInGerund reports whether the word at k is such a namespace just
// after pods and "in" ("the app=shipper pods in logging must not ..."),
// so that no reading of actions takes it for a verb.
func (p *parser) podsInGerund(k int) bool {
	return p.tree == nil && p.is(k-1, "in") && k > 1 && (p.toks[k-2].kind == tLabel || podNouns[p.word(k-2)] || p.is(k-2, ")")) && p.namespaceName(k) && p.gerundNamespace(k)
}

// inAfterOf reports whether, after a few words from n and a bracket, "in",
// "inside" or "within" says where the pods run: "of cluster-example
// (label ...) in the default namespace".
func (p *parser) inAfterOf(n int) bool {
	for e := n + 4; n < e && p.tok(n) != nil && p.toks[n].kind == tWord && !p.is(n, "in", "inside", "within"); n++ {
	}
	if p.is(n, "(") {
		for n < len(p.toks) && !p.is(n, ")") {
			n++
		}
		n++
	}
	return p.is(n, "in", "inside", "within")
}

// describedNamespace reads, from k, one to three words that describe a
// namespace, the word namespace or project, and its name in parentheses:
// "Certificate manager project (namespace ibm-cert-manager)". It returns
// the index after the closing parenthesis, or -1.
func (p *parser) describedNamespace(k int) int {
	for n := k; n < k+3; n++ {
		if t := p.tok(n); t == nil || t.kind != tWord || p.taken(n) || determiners[p.word(n)] || prepositions[p.word(n)] {
			return -1
		}
		e := n + 1
		if (namespaceWords[p.word(e)] || p.is(e, "project")) && p.is(e+1, "(") && namespaceWords[p.word(e+2)] && p.namespaceName(e+3) && p.is(e+4, ")") {
			return e + 5
		}
	}
	return -1
}

// inPhrases make a phrase with "in" that says no place: "the pods in
// question", "these pods in particular".
var inPhrases = set("question", "particular", "general", "turn", "short", "total", "practice", "addition", "fact", "effect", "principle", "theory", "advance", "summary",
	"brief", "essence", "scope", "parallel", "response", "earnest", "sum", "hindsight", "retrospect", "passing", "return", "detail", "full", "progress",
	// How or when traffic goes, never a namespace (finder 16, S6: "reach
	// app=api on port 8080 in order" was put in namespace order).
	"order", "sequence", "batches", "bulk", "peace", "public", "private", "cleartext", "transit", "secret", "tandem", "unison", "time")

// describedList reports where the addresses or DNS names start that words
// from i only describe, "external addresses - slack.com", "the outside
// hosts: 1.2.3.4/32", "the host at 10.0.0.5", or -1.
func (p *parser) describedList(i int) int {
	// "the host 10.0.0.5", "the host at 10.0.0.5", "the hosts
	// api.example.com and cdn.example.com": the noun says what the values
	// are; read as the node entity, the node was let in beside them
	// (finder 17, S3).
	if p.is(i, "host", "hosts") {
		k := i + 1
		if p.is(k, "at") {
			k++
		}
		if t := p.tok(k); t != nil && (t.kind == tCIDR || t.kind == tDomain) {
			return k
		}
	}
	// "the external clients 1.2.3.4 and 5.6.7.0/24", "the outside systems
	// 192.0.2.10 and 192.0.2.11": who is at the addresses, said before them.
	if !p.is(i, "external", "outside", "public", "third-party") || !p.is(i+1, "addresses", "hosts", "destinations", "domains", "names", "endpoints", "services", "sites", "ips", "apis", "networks",
		"clients", "systems", "machines", "servers", "callers", "users", "peers", "partners", "sources") {
		return -1
	}
	k := i + 2
	if p.is(k, "-", ":", "namely") {
		k++
	}
	if t := p.tok(k); t == nil || t.kind != tDomain && t.kind != tCIDR {
		return -1
	}
	return k
}

// describesDomain reports whether words [i, k) only describe the DNS name
// at k: "the external service", "external requests to", "the external APIs".
func (p *parser) describesDomain(i, k int) bool {
	// "anything matching *.rds.amazonaws.com", "anything under *.amazonaws.com"
	if k == i+2 && p.is(i, "anything", "everything") && p.is(i+1, "matching", "under", "below", "in", "within", "at") && strings.HasPrefix(p.toks[k].low, "*.") {
		return true
	}
	described := false
	for n := i; n < k; n++ {
		switch {
		case p.is(n, "external", "public", "third-party", "outside", "remote", "upstream", "saas"):
			described = true
		case p.is(n, "service", "services", "api", "apis", "endpoint", "endpoints", "site", "sites", "host", "hosts", "server", "servers", "requests", "calls", "the", "to", "an", "a", "domain", "domains", "name", "names"):
		default:
			return false
		}
	}
	return described
}
