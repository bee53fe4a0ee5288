package builtin

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/util/validation"
)

// namespaceAt reads "namespace shop", "namespaces labeled team=ops", "ns
// shop", "namespace named shop".
func (p *parser) namespaceAt(i int) (*endpoint, int) {
	j := i + 1
	// "namespaces labeled purpose=prod", "namespaces which have the label x=y"
	if p.is(j, "labeled", "labelled", "with", "having", "matching", "where", "whose", "that", "which", "carrying", "tagged") {
		if sel, k := p.selectorAt(j); sel != nil {
			return &endpoint{kind: epNamespace, namespaces: sel, nssMark: p.take(i, k, "namespace-labels")}, k
		}
	}
	if p.is(j, "named", "called") {
		j++
	}
	// "in namespace apps", "Namespace app": after the word, a name.
	if p.tok(j) != nil && (p.namespaceName(j) || p.is(j, "app", "apps", "application", "applications", "services") && (j+1 == len(p.toks) || p.toks[j+1].kind == tPunct || p.is(j+1, "completely", "entirely"))) {
		return &endpoint{kind: epNamespace, namespace: p.toks[j].low, nsMark: p.take(i, j+1, "namespace")}, j + 1
	}
	return nil, i
}

// namespaceNamed reports whether the tree has namespace ns or the request
// calls it one elsewhere ("in production", "the production namespace").
func (p *parser) namespaceNamed(ns string) bool {
	if p.treeNamespace(ns) {
		return true
	}
	all := p.all
	for k, t := range all {
		if t.low != ns {
			continue
		}
		if k > 0 && (all[k-1].low == "in" || namespaceWords[all[k-1].low]) || k+1 < len(all) && namespaceWords[all[k+1].low] {
			return true
		}
	}
	return false
}

// namespaceNamedElsewhere reports whether the tree has the word at i as a
// namespace, or the request calls it one at another place ("in orthanc",
// "the orthanc namespace", "namespace orthanc"), as namespaceNamed does,
// not counting the word at i itself.
func (p *parser) namespaceNamedElsewhere(i int) bool {
	w := p.word(i)
	if p.treeNamespace(w) {
		return true
	}
	all := p.all
	for k, t := range all {
		if t.low != w || t.start == p.toks[i].start {
			continue
		}
		if k > 0 && (all[k-1].low == "in" || namespaceWords[all[k-1].low]) || k+1 < len(all) && namespaceWords[all[k+1].low] {
			return true
		}
	}
	return false
}

// namespaceName reports whether the token at j can name a namespace after
// the word "namespace": any DNS label that is no vocabulary of a sentence,
// nor a topic at the level of namespaces ("namespace breakout signals:").
func (p *parser) namespaceName(j int) bool {
	t := p.tok(j)
	if t == nil || t.kind != tWord && t.kind != tNumber {
		return false
	}
	w := t.low
	if (quantityWords[w] || t.kind == tNumber && p.is(j+1, "namespaces")) && !p.treeNamespace(w) {
		return false // "from another namespace", "from most namespaces", "between 2 namespaces"
	}
	// "(app.kubernetes.io/name=traefik, namespace network)": after the
	// word, a name the bracket closes on is the namespace's, even a word
	// of a sentence.
	if p.is(j-1, "namespace", "ns") && p.is(j+1, ")") && len(validation.IsDNS1123Label(w)) == 0 && !determiners[w] && !pronouns[w] && !describingWord(w) && !namespaceScopeWords[w] {
		return true
	}
	// "the controller pods in namespace ingress accept TCP 10254": after
	// "in namespace", a word of direction that no word of traffic follows
	// is the namespace's name.
	if p.is(j-1, "namespace") && p.is(j-2, "in") && (w == "ingress" || w == "egress") && !isolatedNouns[p.word(j+1)] && !ingressWords[p.word(j+1)] && !egressWords[p.word(j+1)] {
		return true
	}
	if len(validation.IsDNS1123Label(w)) > 0 || determiners[w] || prepositions[w] || fillerWords[w] && !p.treeNamespace(w) && w != "default" && !interjections[w] || meaningWords[w] && w != "default" ||
		denyWords[w] || allowWords[w] || namespaceWords[w] || coordinators[w] || w == "labeled" || w == "labelled" || w == "label" || w == "labels" ||
		w == "selector" || corePodNouns[w] && !namespaceWords[p.word(j+1)] && !namespaceWords[p.word(j-1)] || w == "level" || namespaceTopics[w] || w == "policy" || w == "policies" ||
		w == "itself" || w == "themselves" || namespaceScopeWords[w] && !p.treeNamespace(w) || courtesyWords[w] && !p.treeNamespace(w) { // "from inside the namespace itself", "(namespace scoped)": no name
		return false
	}
	// "allow pods labeled app=web to reach namespace data on 5432", "app=web
	// may access namespace data": the verb before "namespace", not its
	// name, which follows the word.
	if reachVerbs[w] && namespaceWords[p.word(j+1)] && (p.is(j-1, "to") || modals[p.word(j-1)]) {
		return false
	}
	// "let every pod in the namespace receive traffic from ...", "make the
	// pods in the namespace take traffic only from ...": after "the
	// namespace", a verb of traffic or a modal is the statement's verb,
	// no name.
	if p.is(j-1, "namespace") && p.is(j-2, "the", "this", "that", "its", "their", "our") && (reachVerbs[w] || receiveVerbs[w] || modals[w]) && w != "called" && w != "named" {
		return false
	}
	// "every pod in the namespace loses its egress": after "the
	// namespace", a word before "its" or "their" is the statement's verb
	// (its object is the pods' own), no name.
	if p.is(j-1, "namespace") && p.is(j-2, "the", "this", "that") && p.is(j+1, "its", "their") && !p.treeNamespace(w) {
		return false
	}
	// "lock down the namespace first", "isolate this namespace now":
	// after "the namespace", a word of when or how far ends the sentence,
	// no name.
	if p.is(j-1, "namespace") && p.is(j-2, "the", "this", "that", "its", "their", "our") && namespaceAdverbs[w] && (p.tok(j+1) == nil || p.toks[j+1].kind == tPunct) {
		return false
	}
	return true
}

// namespaceAdverbs say when or how far, after "the namespace" at the end
// of a sentence: "lock down the namespace first".
var namespaceAdverbs = set("first", "now", "today", "again", "later", "immediately", "completely", "entirely", "fully", "down", "off", "up", "please", "asap")

// namespaceScopeWords after "namespace" say how far something reaches,
// not which namespace: "(namespace only)", "(namespace wide)".
var namespaceScopeWords = set("only", "wide", "level", "scope", "scoped", "itself", "themselves", "too", "also", "alone")

// podsAt parses mentions that start with a pod noun: "pods labeled app=x",
// "any pod in namespace y", "all pods", "pods in it".
func (p *parser) podsAt(i, start int) (*endpoint, int) {
	j := i + 1
	// "the Service backend in namespace alice": the kind, then its name,
	// even a name that is a pod noun.
	if (p.toks[i].raw == "Service" || p.toks[i].raw == "svc") && !p.toks[i].possessive && p.tok(j) != nil && p.toks[j].kind == tWord && !p.taken(j) && podNouns[p.word(j)] && p.word(j) != "pods" &&
		len(validation.IsDNS1123Label(p.word(j))) == 0 && !p.is(j+1, "pod", "pods", "service", "services") {
		p.take(start, j, "service-endpoints")
		return &endpoint{kind: epService, name: p.toks[j].low, nameMark: p.take(j, j+1, "service-name")}, j + 1
	}
	// "the backend pods (app=backend)": nouns in a row name one thing.
	for podNouns[p.word(j)] && !p.taken(j) && !p.is(j, "service", "services", "svc") {
		j++
	}
	// "all endpoints of the Service myservice", "the pods behind the
	// Kubernetes Service api": the Service.
	if p.is(j, "of", "behind", "backing") {
		k := j + 1
		if p.is(k, "the") {
			k++
		}
		if p.is(k, "kubernetes", "k8s") && p.is(k+1, "service", "svc") {
			k++
		}
		if p.is(k, "service", "svc") && !p.toks[k].possessive && p.tok(k+1) != nil && p.nameWord(k+1) {
			p.take(start, k+1, "service-endpoints")
			return &endpoint{kind: epService, name: p.toks[k+1].low, nameMark: p.take(k+1, k+2, "service-name")}, k + 2
		}
	}
	// "pods of role=db", "pods of app api", "pods of billing (app=billing)":
	// the labels of the pods, as writers of other languages and exercises
	// say "pods with" (podsOfLabels).
	if ep, k := p.podsOfLabels(i, j); ep != nil {
		return ep, k
	}
	// "pods of the checkout deployment", "the pods of checkout", "pods in
	// the db statefulset", "pods of the cart and checkout deployments": the
	// pods of a workload, which its name names. Read as every pod of a
	// place, with the workload beside it, the rule also let in (or denied,
	// or applied to) every pod of the subject's namespace (finder 18, N2).
	if k := p.workloadOf(j); k >= 0 {
		return p.nameAt(k, start)
	}
	// "the backend pods only (app=backend)"
	if p.is(j, "only") && p.is(j+1, "(") && p.labelNext(j+2) {
		j++
	}
	// "pods not labeled debug=true": the pods the labels leave out.
	if p.is(j, "labeled", "labelled", "with", "having", "matching", "carrying", "tagged", "where", "whose", "that", "which", "without", "selected", "bearing", "(") ||
		p.is(j, "not") && p.is(j+1, "labeled", "labelled", "carrying", "having", "tagged", "matching") {
		if q, e := p.labelWordsUnread(i, j); q != "" {
			return &endpoint{kind: epPods, ask: q}, e
		}
		if sel, k := p.selectorAt(j); sel != nil {
			// "pods without debug=true or env=dev": does the negation
			// leave out both labels, or one? Read as pods of the second,
			// the rule let them in.
			if k+1 < len(p.toks) && p.is(k, "or", "nor", "and", ",") && p.toks[k+1].kind == tLabel && slices.ContainsFunc(sel.MatchExpressions, func(r metav1.LabelSelectorRequirement) bool {
				return r.Operator == metav1.LabelSelectorOpNotIn || r.Operator == metav1.LabelSelectorOpDoesNotExist
			}) {
				return &endpoint{kind: epPods, ask: fmt.Sprintf("which pods does %q leave out: those with either label, or only those with the first? Say \"pods without X and without Y\" to leave out both", p.text(i, k+2))}, k + 2
			}
			return &endpoint{kind: epPods, pods: sel, podsMark: p.take(i, k, "labels")}, k
		}
	}
	// "pods app=web", "pods (app=web)"
	if t := p.tok(j); t != nil && t.kind == tLabel {
		if sel, k := p.selectorAt(j); sel != nil {
			return &endpoint{kind: epPods, pods: sel, podsMark: p.take(i, k, "labels")}, k
		}
	}
	// "any pod running under the service account luke
	// (io.cilium.k8s.policy.serviceaccount=luke)": the pods the labels select.
	if p.is(j, "running", "run", "that") && p.is(j+1, "under", "as", "with", "run") {
		for k := j + 2; k < len(p.toks) && k <= j+7; k++ {
			if p.is(k, "(") && p.labelNext(k+1) {
				if sel, e := p.selectorAt(k); sel != nil {
					return &endpoint{kind: epPods, pods: sel, podsMark: p.take(i, e, "labels")}, e
				}
			}
			if !p.is(k, "the", "a", "an", "service", "account", "serviceaccount", "identity", "as", "under") && !p.nameWord(k) {
				break
			}
		}
	}
	// "allow the API pod (component=api) to talk to any pod in the Patroni
	// cluster (cluster-name=patroni) on TCP 5432": the pods of a set named
	// by a name and a noun of sets, its labels in brackets, are the pods
	// the labels select. Read as every pod, with the set a place beside
	// it, the clause had two peers "to" and "in" and asked which way.
	if p.is(j, "in", "of") && p.is(j+1, "the") {
		k := j + 2
		for k < j+6 && p.nameWord(k) && !p.taken(k) {
			k++
		}
		if k > j+2 && podSetNouns[p.word(k)] && p.is(k+1, "(") && p.labelNext(k+2) {
			if sel, e := p.selectorAt(k + 1); sel != nil {
				return &endpoint{kind: epPods, pods: sel, podsMark: p.take(i, e, "labels")}, e
			}
		}
	}
	// "any pod", "all pods", "pods" alone: every pod (of a namespace given
	// later); "its pods", "their pods": of the namespace named before.
	quantified := false
	for k := start; k < i; k++ {
		if p.is(k, "any", "all", "every", "each", "its", "their") {
			quantified = true
		}
	}
	// "the pods there": every pod of the place "there" points back to.
	if !quantified && !p.is(j, "in", "of", "inside", "within", "there") && !p.livesIn(j) {
		return nil, start
	}
	// "A pod in namespace prod should receive ...", opening a sentence:
	// one pod, of those the question is about, not every pod of the place.
	if !quantified && p.is(i, "pod") && p.is(i-1, "a", "an", "one", "some") && p.claim[i-1] == "" && (i == 1 || p.is(i-2, ".", ";", ":", "!", "?")) {
		return &endpoint{kind: epNamespace, ask: fmt.Sprintf("which pods does %q mean: every pod there, or some of them? Say \"every pod in namespace NAME\", or name the pods by their labels", p.text(i-1, j+2))}, j
	}
	// "pods labeled app in (checkout, cart)", "app notin (a)": a label key
	// before the values of a set-based selector, not the pods of a place.
	if p.is(j, "in", "notin") && p.is(j+1, "(") || p.is(i-1, "labeled", "labelled", "label") {
		return nil, start
	}
	return &endpoint{kind: epNamespace, podsMark: p.take(start, j, "every-pod")}, j
}

// workloadOf reads, from "of" or "in" at j after a pod noun, the name of
// a workload: one followed by its kind or a pod noun ("of the checkout
// deployment", "in the cart and checkout deployments", "of the web app",
// "of the payments service" where payments is a namespace too),
// or one the tree knows as a workload and not as a namespace ("of
// checkout"). It returns the index of the first name, or -1.
func (p *parser) workloadOf(j int) int {
	if !p.is(j, "of", "in", "inside", "within") || p.taken(j) {
		return -1
	}
	k := j + 1
	if p.is(k, "the") {
		k++
	}
	for n := k; p.tok(n) != nil && p.nameWord(n); {
		if w := p.word(n + 1); workloadKinds[w] != "" || podNouns[w] {
			return k
		}
		if !p.is(n+1, "and", "or", ",") {
			break
		}
		n += 2
		if p.is(n-1, ",") && p.is(n, "and", "or") {
			n++
		}
	}
	if p.tree != nil && p.tok(k) != nil && p.treeHasWorkload(p.word(k)) && !p.treeNamespace(p.word(k)) {
		return k
	}
	return -1
}

// residenceVerbs say where pods are: "pods running in namespace-y", "pods
// that live in a namespace labeled team=a".
var residenceVerbs = set("run", "runs", "running", "live", "lives", "living", "are", "is", "deployed", "reside", "resides", "residing", "sit", "sits", "sitting", "located", "hosted")

// residenceAdverbs may stand between "that" and a residence verb without
// changing where the pods are: "pods labeled X that also run in a namespace
// labeled Y", "which all live in", "that still run in".
var residenceAdverbs = set("also", "all", "both", "still")

// residentInCluster reads, from j, words that say something runs in the
// cluster: "running inside the cluster", "that lives in the Kubernetes
// cluster", "deployed within the k8s cluster". It returns the index after
// "cluster", or -1.
func (p *parser) residentInCluster(j int) int {
	if p.is(j, "that", "which") && residenceVerbs[p.word(j+1)] {
		j++
	}
	if !residenceVerbs[p.word(j)] || p.is(j, "is", "are") && !p.is(j-1, "that", "which") || p.taken(j) {
		return -1 // "everything is in the cluster" is a statement
	}
	j++
	if !p.is(j, "in", "inside", "within") {
		return -1
	}
	return p.clusterNamed(j + 1)
}

// clusterNamed returns the end of the cluster named from j ("the cluster",
// "this cluster", "our Kubernetes cluster", "the whole cluster"), or -1.
func (p *parser) clusterNamed(j int) int {
	if p.is(j, "the", "this", "our", "my", "your") {
		j++
	}
	if p.is(j, "whole", "entire") {
		j++
	}
	if p.is(j, "kubernetes", "k8s") {
		j++
	}
	if !p.is(j, "cluster") || p.is(j+1, "dns", "wide", "-wide") {
		return -1
	}
	return j + 1
}

// livesIn reports whether the words from j say where the pods before them
// run ("running in", "that live inside"), so that "pods" alone names the
// pods of the place that follows.
func (p *parser) livesIn(j int) bool {
	if p.is(j, "that", "which") {
		j++
		if residenceAdverbs[p.word(j)] {
			j++ // "that also run in"
		}
	}
	return residenceVerbs[p.word(j)] && !p.taken(j) && p.is(j+1, "in", "inside", "within")
}

// nameAt reads a workload's name where a name belongs: "nginx", "the nginx
// pods", "the db StatefulSet", "the web application (label app=web)", "the
// payment-service pods". A word is a name when a pod noun or workload kind
// follows it, when the tree knows it, or, with --assume-app-label, when it
// stands where a peer or subject belongs; other words are no names.
func (p *parser) nameAt(i, start int) (*endpoint, int) {
	// "static-web in production (app: static-web)", "redis-cluster in
	// namespace mdata (pods labeled app.kubernetes.io/name=redis-cluster)",
	// "web in the shop namespace (app=web)": pods by their labels, in the
	// namespace named between.
	if ns, open := p.namespaceBetween(i + 1); p.nameWord(i) && open > 0 && p.is(open, "(") {
		l := open + 1
		if podNouns[p.word(l)] && labelIntros[p.word(l+1)] {
			l++ // "(pods labeled app=x)"
		}
		// The labels must name the pods before "in", not the word after it:
		// "the token in wordpress (app=wordpress)" is about the wordpress pods.
		if sel, k := p.selectorAt(l); p.labelNext(l) && sel != nil && p.is(k, ")") && labelValue(sel, p.word(i)) && !labelValue(sel, p.word(ns)) {
			p.take(i, i+1, "described-by-labels")
			ep := &endpoint{kind: epPods, pods: sel, namespace: p.word(ns), nsMark: p.take(i+1, open, "namespace"), podsMark: p.take(open, k+1, "labels")}
			return ep, k + 1
		}
	}
	// "namespace isolation for data": the namespace it is about.
	if p.is(i, "namespace") && p.is(i+1, "isolation", "lockdown", "segmentation", "hardening") && p.is(i+2, "for", "of", "in") && p.namespaceName(i+3) {
		return &endpoint{kind: epNamespace, namespace: p.toks[i+3].low, nsMark: p.take(i, i+4, "namespace")}, i + 4
	}
	// "those control namespaces": the ones described before, not a name;
	// nor "from selected namespaces", "from trusted namespaces", which say
	// some namespaces without naming them.
	if p.is(i-1, "those", "these", "such") && namespaceWords[p.word(i+1)] || p.is(i+1, "namespaces") && describingWord(p.word(i)) && !p.treeNamespace(p.word(i)) {
		return nil, start
	}
	// "the shop namespace", but not "the existing namespace fubar"
	// "tenant namespace tenant-acme:": the name after the word is the one.
	nameAfter := p.tok(i+2) != nil && p.namespaceName(i+2) && (strings.ContainsAny(p.word(i+2), "-0123456789") || p.is(i+3, ":", ",", ".") || i+3 == len(p.toks))
	if namespaceWords[p.word(i+1)] && !p.is(i+2, "labeled", "labelled") && p.namespaceName(i) && !(namespaceAdjectives[p.word(i)] && p.namespaceName(i+2)) && !nameAfter {
		return &endpoint{kind: epNamespace, namespace: p.toks[i].low, nsMark: p.take(i, i+2, "namespace")}, i + 2
	}
	// "from the self-hosted, downloads, home and media namespaces": each
	// word of a list that ends in "namespaces" is a namespace.
	if p.namespaceListAhead(i) {
		return &endpoint{kind: epNamespace, namespace: p.toks[i].low, nsMark: p.take(i, i+1, "namespace-list")}, i + 1
	}
	// "further inside team-a -", "in demo,": a namespace set as the scene;
	// so is "in demo the app=x pods ..." at the start of a statement, after
	// a title too ("backend-l7-policy: in cilium-demo the app=backend pods
	// take ...", "Step 3. In staging all pods ...").
	// ("like in staging": the place to copy, not the policy's.)
	// With --assume-app-label a bare word after "in" may be an app; after
	// a noun of traffic it is the place ("block all traffic in prod": it
	// gave the pods app=prod, finder 6).
	// The word must be written in lower case, as a namespace is: "in TLS",
	// "in HTTP", "in gRPC", "in EU" say how or where the traffic goes,
	// and read as namespaces tls, http, grpc, eu they put the policy in a
	// namespace nobody named (finder 16, S6); they are asked about. (After
	// a bare name, "api in TLS", the locating clause asks.)
	if p.is(i-1, "in", "inside", "within") && !p.systemRequest && p.tree == nil && (!p.opts.AssumeAppLabel || p.is(i-2, "traffic", "connections", "ingress", "egress", "networking")) && p.namespaceName(i) && (p.toks[i].raw == p.toks[i].low || i >= 2 && p.toks[i-2].kind == tWord) && !inPhrases[p.word(i)] && !p.platformScene(i) && !p.is(i-2, "like", "as") && !p.inReference(i) &&
		(i+1 == len(p.toks) || p.toks[i+1].kind == tPunct && !p.is(i+1, "(") || (i == 1 || p.is(i-2, ":", ".", ";", "-")) && p.is(i+1, "the", "all", "every", "its")) {
		return &endpoint{kind: epNamespace, namespace: p.toks[i].low, nsMark: p.take(i, i+1, "namespace")}, i + 1
	}
	// "egress for advanced-policy-demo: every pod there may ...": the
	// place "there" points back to is a namespace.
	if p.is(i-1, "for") && p.is(i+1, ":") && p.namespaceName(i) && !p.treeHasWorkload(p.word(i)) && p.podsThere(i+2) {
		return &endpoint{kind: epNamespace, namespace: p.toks[i].low, nsMark: p.take(i, i+1, "namespace")}, i + 1
	}
	// "In conjur, only ...": a namespace set as the scene.
	if p.is(i-1, "in") && (i-1 == 0 || p.toks[i-2].kind == tPunct) && p.is(i+1, ",", ":") && p.namespaceName(i) && !inPhrases[p.word(i)] && !p.platformScene(i) && !p.treeHasWorkload(p.word(i)) {
		return &endpoint{kind: epNamespace, namespace: p.toks[i].low, nsMark: p.take(i, i+1, "namespace")}, i + 1
	}
	// "pods in orthanc accept traffic only from orthanc itself": "itself"
	// after a word the request names as a namespace elsewhere ("in
	// orthanc", "namespace orthanc") says that namespace, as "from the
	// namespace itself" does; read as pods named orthanc, it asked for
	// their labels. ("from api itself", never a namespace, stays a name.)
	if p.is(i+1, "itself") && !p.systemRequest && p.namespaceName(i) && !p.treeHasWorkload(p.word(i)) && p.namespaceNamedElsewhere(i) {
		return &endpoint{kind: epNamespace, namespace: p.toks[i].low, nsMark: p.take(i, i+1, "namespace-itself")}, i + 1
	}
	nounNext := podNouns[p.word(i+1)] || workloadKinds[p.word(i+1)] != ""
	// "team-a's apps shouldn't be reachable ... restrict all ingress to the
	// team-a namespace": the pods of a namespace the request (or the tree)
	// names as one, not a workload of that name.
	if w := p.word(i); p.toks[i].possessive && corePodNouns[p.word(i+1)] && !p.taken(i+1) && !p.treeHasWorkload(w) && !p.labelNext(i+2) && !p.is(i+2, "labeled", "labelled", "with", "(") && p.namespaceNamed(w) {
		return &endpoint{kind: epNamespace, namespace: w, nsMark: p.take(i, i+1, "namespace-possessive"), podsMark: p.take(i+1, i+2, "every-pod")}, i + 2
	}
	// "... to every pod in the prod namespace, but keep allowing
	// everything else into prod": a place the request names a namespace.
	if !nounNext && p.is(i-1, "into", "inside", "within") && p.tree == nil && p.namespaceName(i) && p.onlyNamespaceElsewhere(i) {
		return &endpoint{kind: epNamespace, namespace: p.toks[i].low, nsMark: p.take(i, i+1, "namespace-named-elsewhere")}, i + 1
	}
	// "multi-tier app in the default namespace: the backend pods ...": an
	// application named by its shape, whose pods the rules name.
	if k := appShapeStart(p.toks, i+1); k >= 0 && !p.treeHasWorkload(p.word(i)) {
		p.take(min(k, i), i+2, "describes-app")
		return nil, start
	}
	if !p.nameWord(i) && !(nounNext && p.looseName(i)) && !p.spelledName(i) {
		return nil, start
	}
	// "reach app=db over postgres", "on 5432 over websockets": after
	// "over" or "using", a bare word says how the traffic is carried, not
	// a peer beside the one named.
	if b := i - 1; !nounNext && p.is(b, "over", "using") || p.is(b, "the") && p.is(b-1, "over", "using") {
		if p.is(b, "the") {
			b--
		}
		if !p.treeHasWorkload(p.word(i)) && (p.opts.AssumeAppLabel || p.tree != nil) {
			return &endpoint{kind: epPods, name: p.word(i), ask: fmt.Sprintf("what does %q change? A NetworkPolicy rule names the pods or addresses that send or receive the traffic, its ports and protocol; say the rule in those terms", p.text(b, i+1))}, i + 1
		}
	}
	// "at most two pods", "pods whose app label ...": how many or which,
	// not a name, even before a pod noun.
	if quantityWords[p.word(i)] && !p.treeHasWorkload(p.word(i)) && !p.treeNamespace(p.word(i)) {
		return nil, start
	}
	if !nounNext && !p.treeHasWorkload(p.word(i)) && !p.treeNamespace(p.word(i)) && !p.treeService(p.word(i)) && p.noNameHere(i) != "" {
		return nil, start
	}
	// "to the new internal server network", "even through the LoadBalancer
	// IP": words before a noun of addresses say which addresses, not pods.
	if p.addressNounAfter(i) && !p.treeHasWorkload(p.word(i)) && !p.treeNamespace(p.word(i)) && !p.treeService(p.word(i)) {
		return nil, start
	}
	// "backend pods (app=backend, ...) may only talk to ... and to the other
	// backend pods", "the replication pods (app=redis-replication) ...
	// from the other replication pods": the pods the labels named before,
	// by those labels. A lone label after "labeled" names them the same way
	// ("pods labeled name=weave-net in kube-system accept TCP 6783 from
	// other weave-net pods"); two labels joined by "and" after "labeled"
	// could be one set or two, so those still ask.
	if p.is(i-1, "other") && !p.taken(i-1) && podNouns[p.word(i+1)] {
		for k := 0; k < i; k++ {
			if t := p.toks[k]; t.kind == tLabel && (p.is(k-1, "(") || p.loneLabelAfterLabeled(k)) {
				if _, op, v := splitLabel(t.raw); op == "=" && (strings.EqualFold(v, p.word(i)) || p.describedBefore(k-1, p.word(i))) {
					// the bracket's labels, all of them
					sel := &metav1.LabelSelector{MatchLabels: map[string]string{}}
					b := k
					for ; b < len(p.toks) && !p.is(b, ")"); b++ {
						if p.toks[b].kind == tLabel {
							key, op, val := splitLabel(p.toks[b].raw)
							if op != "=" {
								break
							}
							sel.MatchLabels[key] = val
						} else if !p.is(b, ",", "and") {
							break
						}
					}
					p.take(i-1, i+2, "same-pods")
					return &endpoint{kind: epPods, pods: sel, podsMark: &mark{k, b, "labels-named-before"}}, i + 2
				}
			}
		}
	}
	// "on the insecure ports 20 through 23 (ftp, ssh, telnet)": the names
	// of what the ports serve, not pods.
	if p.portGloss(i) && !p.treeHasWorkload(p.word(i)) {
		return nil, start
	}
	// "game traffic in from the internet": a kind of traffic, not pods.
	if trafficKinds[p.word(i)] && p.is(i+1, "traffic") && !p.treeHasWorkload(p.word(i)) {
		return nil, start
	}
	// "accept the ambient health probes, which come from 169.254.7.127":
	// probes, not pods.
	if p.probeTraffic(i) && !p.treeHasWorkload(p.word(i)) {
		return nil, start
	}
	// "PUT to the collection endpoint is blocked", "GET on the health
	// endpoint": after an HTTP method, the endpoint a request goes to is
	// a path of the pods, not pods.
	if p.is(i+1, "endpoint", "endpoints") && p.afterHTTPMethod(i) && !p.treeHasWorkload(p.word(i)) {
		p.httpEndpoint = p.take(start, i+2, "http-endpoint")
		return nil, start
	}
	// "the external HTTP service httpbin.org": the DNS name after it is
	// what the words describe.
	if nounNext && p.tok(i+2) != nil && p.toks[i+2].kind == tDomain {
		return nil, start
	}
	j := i + 1
	// Of several words ("the redis cache"), the one the tree knows is the name.
	if p.tree != nil && !p.treeHasWorkload(p.word(i)) && !p.treeNamespace(p.word(i)) && p.nameWord(i+1) && p.treeHasWorkload(p.word(i+1)) {
		i, j = i+1, i+2
	}
	// "to the frontend ... on the frontend service port 80" describes a
	// port of pods named already, not another peer; "checkout may POST to
	// /v1/carts/* on the cart service port 80" names the pods that serve.
	if p.is(j, "service", "container") && p.is(j+1, "port", "ports") && p.wordAgain(i) || p.is(j, "port", "ports") {
		return nil, start
	}
	name := p.toks[i].low
	nameEnd := j
	ep := &endpoint{kind: epPods, name: name}
	if namespaceWords[p.word(j)] && !p.is(j+1, "labeled", "labelled") {
		// "tenant namespace tenant-acme:": the name after the word.
		if p.tok(j+1) != nil && p.namespaceName(j+1) && (strings.ContainsAny(p.word(j+1), "-0123456789") || p.is(j+2, ":", ",", ".") || j+2 == len(p.toks)) {
			return p.namespaceAt(j)
		}
		// "the shop namespace"
		return &endpoint{kind: epNamespace, namespace: name, nsMark: p.take(i, j+1, "namespace")}, j + 1
	}
	noun := false
	if k, ok := workloadKinds[p.word(j)]; ok {
		ep.workload = k
		j++
		noun = true
		// "the renovate job pods (app.kubernetes.io/name=renovate, ...)":
		// the pods of the workload, one mention.
		for podNouns[p.word(j)] && !p.is(j, "service", "services", "svc") && !p.taken(j) {
			j++
		}
	} else if p.is(j, "node", "nodes", "host", "hosts") && p.is(j+1, "(") && podNouns[p.word(j+2)] {
		// "the runtime nodes (pods labeled role=runtime)": the brackets
		// say the nodes are pods; the word is their noun.
		j++
		noun = true
	} else if podNouns[p.word(j)] {
		if p.is(j, "service", "services", "svc") {
			ep.workload = "Service"
		}
		j++
		noun = true
		for podNouns[p.word(j)] {
			j++
		}
	}
	// "the controller pods labeled app=x", "the client that carries the
	// other=client label": the labels say which pods. So do labels
	// between commas after a pod noun: "the db pods, labelled app=db,
	// accept 5432 only from app=api".
	aside := noun && p.is(j, ",") && p.is(j+1, "labeled", "labelled", "tagged", "carrying", "bearing")
	if aside {
		j++
	}
	// "isolate the offending pod: it is labeled incident=ir-2291", "the
	// batch pods - they carry team=data": the labels said of the pods
	// right after them, as "the offending pod, labeled ..." says them.
	said := false
	if k := j + 2; noun && !aside && p.is(j, ":", ",", "-", ";") && p.is(j+1, "it", "they") {
		if p.is(k, "is", "are") {
			k++
		}
		if said = p.is(k, "labeled", "labelled", "tagged", "carries", "carry", "bears", "bear") && p.labelNext(k); said {
			j = k
		}
	}
	if (noun && p.is(j, "labeled", "labelled", "tagged", "with", "carrying", "bearing", "having", "matching") || said || p.is(j, "that", "which") && p.is(j+1, "carries", "carry", "bears", "has", "have")) && p.labelNext(j) {
		if sel, k := p.selectorAt(j); sel != nil && (!aside || p.is(k, ",") || k == len(p.toks)) {
			if aside && k < len(p.toks) {
				k++ // the comma that closes the aside
			}
			p.take(i, nameEnd, "described-by-labels")
			ep := &endpoint{kind: epPods, pods: sel, podsMark: p.take(nameEnd, k, "labels"), start: i, end: k}
			// "the checkout worker pods labeled app=worker": the words
			// before the name may say where the pods run.
			p.wordsBeforeLabeled(ep, sel)
			// "the canary pods labeled app=web": a word of stage or rank
			// that the labels do not spell picks some of the pods.
			// "the kube-system pods labeled k8s-app=dns": a namespace every
			// cluster has says where the pods run, which the labels do not
			// (it once vanished, leaving the pods in the subject's
			// namespace).
			for n := i; n < nameEnd; n++ {
				if stageWords[p.word(n)] && !labelsSpell(sel, p.word(n)) {
					ep.ask = fmt.Sprintf("which of the pods are %q? Name them by their labels in the rule", p.text(n, n+1))
				}
				if wellKnownNamespaces[p.word(n)] {
					ep.ask = fmt.Sprintf("is %q the namespace of the %s? Say \"in namespace %s\" if so", p.text(n, n+1), strings.TrimSuffix(p.text(nameEnd, k), ","), p.word(n))
				}
			}
			return ep, k
		}
	}
	// "the web application (label app=web)": the labels say it (qualify).
	// "the nginx-ckad deployment (its pods are app=nginx-ckad)": so do
	// they when the brackets say they are its pods'.
	described := p.is(j, "(") && (p.labelNext(j+1) || podNouns[p.word(j+1)] && labelIntros[p.word(j+2)] && p.labelNext(j+2) ||
		literalPodNouns[p.word(j+1)] && p.tok(j+2) != nil && p.toks[j+2].kind == tLabel ||
		p.is(j+1, "its", "their") && podNouns[p.word(j+2)] && p.is(j+3, "are", "carry", "have") && p.labelNext(j+3))
	// A bare word is a name only where nothing else names pods: with labels
	// in the clause, "firewall the web servers" or "a compromised container"
	// describe, they do not name.
	bare := p.argumentSlot(start) && !p.hasLabels()
	_, defined := p.clause.defs[name]
	// "reach the redis Service in the data namespace": with no tree to
	// look it up in and no app label to assume, the kind written as
	// Kubernetes writes it names the Service itself, as "the Service
	// redis" does.
	if ep.workload == "Service" && j == nameEnd+1 && p.toks[nameEnd].raw == "Service" && p.tree == nil && !p.opts.AssumeAppLabel && !described && !defined {
		p.take(nameEnd, j, "service-kind")
		return &endpoint{kind: epService, name: name, nameMark: p.take(i, nameEnd, "service-name")}, j
	}
	confirmed := noun || described || defined && p.tree == nil || p.treeHasWorkload(name) || p.treeNamespace(name) || p.treeService(name) ||
		p.opts.AssumeAppLabel && bare || p.tree == nil && bare && !p.opts.AssumeAppLabel
	if !confirmed {
		return nil, start
	}
	// Confirmed only by where it stands, with no tree, no pod noun and no
	// labels: a word is no name when it cannot be one, nor when it
	// describes the noun after it (bareNotName).
	if !noun && !described && !defined && p.tree == nil && !p.opts.AssumeAppLabel && p.bareNotName(i) {
		return nil, start
	}
	if p.tree != nil && !noun && !p.treeHasWorkload(name) && p.treeNamespace(name) {
		// "the shop frontend": the frontend of namespace shop.
		if p.treeHasWorkload(p.word(nameEnd)) {
			if w, k := p.nameAt(nameEnd, nameEnd); w != nil && w.kind == epPods && w.namespace == "" {
				w.namespace, w.nsMark = name, p.take(i, nameEnd, "namespace")
				return w, k
			}
		}
		return &endpoint{kind: epNamespace, namespace: name, nsMark: p.take(i, nameEnd, "namespace")}, nameEnd
	}
	ep.nameMark = p.take(i, nameEnd, "workload-name")
	ep.noun = noun
	return ep, j
}

// afterHTTPMethod reports whether the words before the name at i are an HTTP
// method and "to", "on" or "at" (and a determiner): "PUT to the", "GET on".
func (p *parser) afterHTTPMethod(i int) bool {
	k := i - 1
	if determiners[p.word(k)] {
		k--
	}
	return p.is(k, "to", "on", "at", "against") && k > 0 && p.claim[k-1] == "http-method"
}

// portGloss reports whether the word at i stands in brackets right after
// ports, in a list of words only: "ports 20 through 23 (ftp, ssh,
// telnet)", "139 and 445 (SMB/NetBIOS)", "on 443 (HTTPS)". Not words that
// say pods or where: "on 8080 (from the api pods)".
func (p *parser) portGloss(i int) bool {
	gloss := func(k int) bool {
		t := p.toks[k]
		return p.is(k, ",", "/", "and", "or") || t.kind == tWord && !prepositions[t.low] && !podNouns[t.low] && !determiners[t.low] && !namespaceWords[t.low] && workloadKinds[t.low] == "" && !p.taken(k)
	}
	open := i
	for open >= 0 && !p.is(open, "(") {
		if !gloss(open) {
			return false
		}
		open--
	}
	if open < 1 || !slices.Contains([]string{"port", "port-range", "list", "port-word"}, p.claim[open-1]) {
		return false
	}
	for k := i; k < len(p.toks); k++ {
		switch {
		case p.is(k, ")"):
			return true
		case !gloss(k):
			return false
		}
	}
	return false
}

// bareNotName reports whether the bare word at i, which only its place
// (after a preposition or a verb, with no labels in the clause) would make
// a workload's name, is no name:
//
//   - "Add Ingress for Kubernetes Dashboard addon (#906)", "# Allow ingress
//     from ingress controllers - ...", "via resource/method rules", "With
//     networkPolicy.enabled=true the chart renders ...": a workload's name
//     is a DNS subdomain; a word that cannot be one (an issue number, a
//     comment mark, words joined by a slash, a setting) names no workload.
//     A word with "_" or "*" is left to the rules that ask about it: "the
//     containers bold_feynman and charming_swartz" are containers' names,
//     "any *.conf file" a pattern.
func (p *parser) bareNotName(i int) bool {
	w := p.word(i)
	return len(validation.IsDNS1123Subdomain(w)) > 0 && !strings.ContainsAny(w, "_*")
}

// podSetNouns name a set of pods that labels in brackets select: "any pod
// in the Patroni cluster (cluster-name=patroni)".
var podSetNouns = set("cluster", "group", "set", "pool", "fleet", "replicaset", "statefulset")

// podsOfLabels reads "of" after a pod noun at j as "with" when labels
// follow it, as texts first written in other languages and course
// exercises name pods (blind batch 25): "Pod of role=db should accept
// connection from ...", "pods of app api must receive traffic only from
// pods of app frontend", "Pods of billing (app=billing) may go out only
// to api.paypal.com". The bare key is "app" alone ("pods of team blue"
// names a group, not a label, and still asks), its value one plain word;
// a name before brackets must be a value of the labels in them, so the
// brackets say which pods the name is ("the pods of the frontend", with
// no labels, still asks for them).
func (p *parser) podsOfLabels(i, j int) (*endpoint, int) {
	if !p.is(j, "of") || p.taken(j) {
		return nil, 0
	}
	k := j + 1
	// "pods of the app nginx": the article changes nothing (finder 6: it
	// gave every pod).
	if p.is(k, "the") && p.is(k+1, "app") {
		k++
	}
	switch t := p.tok(k); {
	case (commonLabelKeys[p.word(k)] || p.is(k, "application")) && p.tok(k+1) != nil && p.toks[k+1].kind == tWord && p.is(k+2, "or", "and", "/") && p.tok(k+3) != nil && p.toks[k+3].kind == tWord &&
		!prepositions[p.word(k+3)] && !determiners[p.word(k+3)] && !allowWords[p.word(k+3)] && !denyWords[p.word(k+3)] && !auditWords[p.word(k+3)]:
		// "pods of app web or api": several values, which one label does
		// not hold (finder 6: it gave every pod).
		return &endpoint{kind: epPods, ask: fmt.Sprintf("which pods are %q? Name each set by its labels (\"pods labeled app=web and pods labeled app=api\")", p.text(i, min(k+4, len(p.toks))))}, min(k+4, len(p.toks))
	case t != nil && t.kind == tLabel:
		if sel, e := p.selectorAt(k); sel != nil {
			return &endpoint{kind: epPods, pods: sel, podsMark: p.take(i, e, "labels")}, e
		}
	case p.is(k, "app") && !p.taken(k+1) && p.plainValueWord(k+1) && p.is(k+2, "with", ",") && p.spokenKeyAt(k+3) && (p.plainValueWord(k+4) || p.is(k+4, "is", "=", "equals", "not")):
		// "pods of app nginx with tier web", "pods of app nginx, tier
		// web": a second label said in words, which the selector of "app
		// nginx" does not hold (finder 6, S6: it gave app=nginx, tier
		// dropped, or every pod).
		return &endpoint{kind: epPods, ask: fmt.Sprintf("which pods are %q? Say every label as KEY=VALUE (\"pods labeled app=%s,%s=VALUE\")", p.text(i, min(k+5, len(p.toks))), p.toks[k+1].raw, p.word(k+3))}, min(k+5, len(p.toks))
	case p.is(k, "app") && !p.taken(k+1) && p.appValueAt(k+1):
		sel := &metav1.LabelSelector{MatchLabels: map[string]string{"app": p.toks[k+1].raw}}
		return &endpoint{kind: epPods, pods: sel, podsMark: p.take(i, k+2, "labels")}, k + 2
	case (commonLabelKeys[p.word(k)] && !groupWords[p.word(k)] || p.is(k, "application")) && !p.taken(k+1) && p.appValueAt(k+1):
		// "pods of tier db must not be reached", "containers of
		// application web": a label's key and value, or a namespace and a
		// name? Read as the namespace "tier", every pod of it was denied
		// and "db" lost (finder 5, S2 and S3).
		key, val := p.toks[k].raw, p.toks[k+1].raw
		return &endpoint{kind: epPods, ask: fmt.Sprintf("which pods are %q? If %s=%s is their label, say \"the pods labeled %s=%s\"", p.text(i, k+2), key, val, key, val)}, k + 2
	}
	if p.is(k, "the") {
		k++
	}
	if t := p.tok(k); t != nil && t.kind == tWord && !p.taken(k) && p.is(k+1, "(") && p.labelNext(k+2) {
		if sel, e := p.selectorAt(k + 1); sel != nil && p.is(e, ")") {
			if labelValue(sel, t.low) {
				return &endpoint{kind: epPods, pods: sel, podsMark: p.take(i, e+1, "labels")}, e + 1
			}
			// "the pods of the backend (app=api)": are they the pods of
			// the labels, or some the name picks? (It once gave every pod
			// and app=api.)
			return &endpoint{kind: epPods, ask: fmt.Sprintf("which pods are %q: those the labels in brackets select? Name them by their labels (\"the pods labeled ...\")", p.text(i, e+1))}, e + 1
		}
	}
	return nil, 0
}

// appValueAt reports whether the word at i is the value of "app" said
// without "=" after "pods of": a plain word (bareLabelValue), which a comma
// may end when a preposition follows it ("from pods of app frontend, on
// the port 8080"), and no brackets after it that name the pods otherwise.
func (p *parser) appValueAt(i int) bool {
	if p.is(i+1, "(") {
		return false
	}
	if p.is(i+1, ",") && (prepositions[p.word(i+2)] || p.tok(i+2) == nil) {
		t := p.tok(i)
		return t != nil && t.kind == tWord && !fillerWords[t.low] && !determiners[t.low] && !prepositions[t.low] && !coordinators[t.low] && !modals[t.low] &&
			!hasStatement([]token{*t}) && !meaningful(*t) && !negationWords[t.low] && !labelIntros[t.low] && t.low != "label" && t.low != "labels" && t.low != "is"
	}
	return p.bareLabelValue(i)
}

// labelWordsUnread asks about a label said in words after "where" or
// "whose" that the selector would not hold whole, at pods i with the
// labels from j: a verb of comparison it does not read ("where app never
// equals web", "where app no longer equals web"), or, after the labels it
// reads, another key joined by "or" ("where app equals nginx or tier
// equals web": a selector cannot say "or" between keys) or by "and" or
// "with" in words it does not read ("and tier is like web"). Left, the
// selector dropped the words: finder 6's S5 made "equal" the value, S6 kept
// app=nginx alone. It returns the question and where the words end.
func (p *parser) labelWordsUnread(i, j int) (string, int) {
	if !p.is(j, "where", "whose") {
		return "", 0
	}
	sel, e := p.selectorAt(j)
	if sel == nil {
		// "where app never equals web": a key, then within three words
		// "equal" or "equals" the selector did not read.
		if p.spokenKeyAt(j + 1) {
			for k := j + 2; k < j+5 && k < len(p.toks); k++ {
				if p.is(k, "equal", "equals") && !p.taken(k) {
					end := k + 1
					if p.tok(end) != nil && p.toks[end].kind == tWord {
						end++
					}
					return fmt.Sprintf("which pods does %q select? Say the label as KEY=VALUE, or KEY!=VALUE for the pods without that value (\"pods labeled %s!=VALUE\")", p.text(i, end), p.word(j+1)), end
				}
			}
		}
		return "", 0
	}
	if q, end := p.valueSplitUnread(i, j, e); q != "" {
		return q, end
	}
	if !p.is(e, "or", "and", ",", "with") || !p.spokenKeyAt(e+1) {
		return "", 0
	}
	k := e + 1
	if !(p.is(k+1, "is", "isn't", "equals", "equal", "=", "in", "not", "does", "doesn't", "never", "no") || comparisonWords[p.word(k+1)] || p.is(e, "with") && p.bareLabelValue(k+1)) {
		return "", 0
	}
	end := min(k+4, len(p.toks))
	if p.is(e, "or") {
		return fmt.Sprintf("which pods does %q select? One selector cannot say \"or\" between two labels: write one rule for each (\"pods labeled A=x\", then \"pods labeled B=y\")", p.text(i, end)), end
	}
	return fmt.Sprintf("which pods does %q select? Say every label as KEY=VALUE (\"pods labeled app=nginx,tier=web\"), or KEY!=VALUE for a value left out", p.text(i, end)), end
}

// valueSplitUnread asks about a value of a label said in words, at pods i
// with "where" or "whose" at j and the selector read up to e, that the
// selector would hold only in part:
//
//   - "pods where app is web and api": a second value joined by "and",
//     which one pod's one value of app cannot both be; "or" would say
//     either (In). The selector kept app=web and "and api" was dropped
//     (finder 6, S6).
//   - "pods where app equals 'web api'": a quoted value with a space,
//     which no label value holds; its first word became the value.
//
// It returns the question and where the words end.
func (p *parser) valueSplitUnread(i, j, e int) (string, int) {
	for k := j + 1; k < e && k < len(p.toks); k++ {
		if t := p.toks[k]; t.kind == tWord && p.quotedWordsEnd(k) > 0 {
			end := p.quotedWordsEnd(k)
			return fmt.Sprintf("which pods does %q select? A label's value has no spaces; say the label as KEY=VALUE (\"pods labeled %s=VALUE\")", p.text(i, end), p.word(j+1)), end
		}
	}
	if p.is(e, "and") && e > j+1 && (p.toks[e-1].kind == tWord || p.toks[e-1].kind == tNumber) && !p.taken(e+1) && p.plainValueWord(e+1) && !podNouns[p.word(e+1)] && !podNouns[p.word(e+2)] &&
		(p.tok(e+2) == nil || p.toks[e+2].kind == tPunct || prepositions[p.word(e+2)]) {
		return fmt.Sprintf("which pods does %q select? A pod has one value of a label: say \"%s is %s or %s\" for pods with either, or name each set (\"pods labeled %s=%s and pods labeled %s=%s\")", p.text(i, e+2), p.word(j+1), p.word(e-1), p.word(e+1), p.word(j+1), p.word(e-1), p.word(j+1), p.word(e+1)), e + 2
	}
	return "", 0
}

// quoteBefore reports whether a quote stands right before the token at k.
func (p *parser) quoteBefore(k int) bool {
	t := p.toks[k]
	if t.start == 0 || t.start > len(p.request) {
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(p.request[:t.start])
	return isQuote(r)
}

// quoteAfter reports whether a quote stands right after the token at k.
func (p *parser) quoteAfter(k int) bool {
	t := p.toks[k]
	if t.end >= len(p.request) {
		return false
	}
	r, _ := utf8.DecodeRuneInString(p.request[t.end:])
	return isQuote(r)
}

// quotedWordsEnd returns the end of words in quotes that open before the
// word at k and close after a later word ("'web api'"), or -1.
func (p *parser) quotedWordsEnd(k int) int {
	if !p.quoteBefore(k) || p.quoteAfter(k) {
		return -1
	}
	for m := k + 1; m < len(p.toks) && m < k+6 && p.toks[m].kind == tWord && !p.quoteBefore(m); m++ {
		if p.quoteAfter(m) {
			return m + 1
		}
	}
	return -1
}

// spokenKeyAt reports whether the word at k can be a label's key said in
// words: a common key ("app", "tier"), or a word with a key's dot or slash
// ("app.kubernetes.io/name").
func (p *parser) spokenKeyAt(k int) bool {
	t := p.tok(k)
	return t != nil && t.kind == tWord && (commonLabelKeys[t.low] || strings.Contains(t.low, "/")) && !p.taken(k)
}

// loneLabelAfterLabeled reports whether the label at k follows "labeled"
// and stands alone: no "," or "and" or another label after it. "the
// other weave-net pods" after "pods labeled name=weave-net" names those
// pods by that label; after "pods labeled app=a and tier=b" it is not
// plain which set it names.
func (p *parser) loneLabelAfterLabeled(k int) bool {
	if !p.is(k-1, "labeled", "labelled") {
		return false
	}
	return !p.is(k+1, ",", "and", "or", "&") && (p.tok(k+1) == nil || p.toks[k+1].kind != tLabel)
}

// referenceVerbs, after "as" and before "in", point to where a rule was
// said: "as noted in PR-42", "as agreed in JIRA-7", "as discussed in
// standup".
var referenceVerbs = set("noted", "agreed", "discussed", "described", "mentioned", "documented", "decided", "requested", "specified", "stated", "outlined",
	"explained", "planned", "proposed", "approved", "asked", "shown", "written", "listed", "defined", "tracked", "captured", "raised", "reported")

// referenceWordRE matches a word after "in" that names a time, a version or
// a ticket, never a namespace: a year ("2024"), a quarter or half ("Q3",
// "H2"), a version ("v2", "v1.2"), a ticket id in capitals ("PR-42",
// "JIRA-7").
var referenceWordRE = regexp.MustCompile(`^((19|20)[0-9][0-9]|[qQ][1-4]|[hH][12]|[vV][0-9]+(\.[0-9]+)*|[A-Z][A-Z0-9]*-[0-9]+)$`)

// inReference reports whether the bare word at i, after "in", says where
// or when the rule was said rather than the pods' namespace: after "as
// noted" and its like (referenceVerbs), a year, quarter, version or
// ticket id (referenceWordRE), or "(in dev)" alone in brackets, which may
// be a namespace or a stage. Read as the namespace, "allow app=web to
// reach api.example.com on 443, as noted in PR-42" put the policy in
// namespace pr-42 (finder 14, S6); left unread, the word is asked about.
func (p *parser) inReference(i int) bool {
	return referenceVerbs[p.word(i-2)] && p.is(i-3, "as") || referenceWordRE.MatchString(p.toks[i].raw) || p.is(i-2, "(") && p.is(i+1, ")")
}
