package builtin

import (
	"fmt"
	"slices"
	"strings"
	"unicode"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/util/validation"
)

// describedBefore reports whether the bracket at k describes pods named w:
// w, then pod nouns or a workload kind ("the replication pods (", "the
// scraper deployment (").
func (p *parser) describedBefore(k int, w string) bool {
	b := k - 1
	for b > 0 && (podNouns[p.word(b)] || workloadKinds[p.word(b)] != "") {
		b--
	}
	return b >= 0 && b < k-1 && p.toks[b].kind == tWord && slices.Contains(strings.Split(p.word(b), "/"), w)
}

// namespaceListAhead reports whether the word at i is one of a list of
// names, not its last, that the plural "namespaces" closes: "the stars and
// client namespaces", "the self-hosted, downloads, home and media
// namespaces". (The last is read by "the shop namespace".)
func (p *parser) namespaceListAhead(i int) bool {
	k := i
	for n := 0; n < 8; n++ {
		if !p.namespaceName(k) || p.taken(k) {
			return false
		}
		k++
		switch {
		case p.is(k, ",") && p.is(k+1, "and", "or"):
			k += 2
		case p.is(k, ",", "and", "or"):
			k++
		default:
			return false
		}
		if p.namespaceName(k) && p.is(k+1, "namespaces") {
			return true
		}
	}
	return false
}

// noNameHere names the rule by which the bare word at i, though no
// vocabulary word, cannot name a workload where it stands, or says "":
//
//   - "at runtime:", "installed at startup)": "at" and one word before the
//     clause's end set a time, never pods (a name the tree knows still is one);
//   - "It has to hold for every namespace", "so I can see who touched it",
//     "refactor it to include egress": after a modal, or after "to" that
//     follows have, need, want or able, a word is a verb;
//   - "a way of restricting what ...", "instead of copying the same
//     policy": a word in -ing with its object after it is a verb;
//   - "prevent unwanted kernel modules from loading on your containers",
//     "stop the workers from logging to disk": after "from", a word in
//     -ing that a verb of prevention governs is what is prevented;
//   - "touched by root", "rootkits love it", "other users": who acts in a
//     sentence of reasons, never pods (actorWords);
//   - "the egress section", "the chart's template": a part of a policy
//     text (documentWords);
//   - "read-only to the runtime", "hidden from the kernel": a layer
//     under the pods (platformWords);
//   - "one namespace at a time.", "at a minimum,": "at a" and one word
//     before the clause's end set a time or a measure;
//   - "gets blocked together with TCP", "nobody else, even through":
//     an adverb, never pods (adverbWords); "once
//     global.network.policy.enable is true": a word that opens a clause
//     of time or condition (subordinators);
//   - "layer an egress rule on top so ...", "in turn": a preposition and
//     a noun that make an idiom (onPhrases, inPhrases), not "on top of".
//   - "feat(infra): ...", "fix(ui): ...", "(helm) Network Policy Egress":
//     the scope of a commit title, or a tag that opens the request, names
//     the area of a change, not pods.
//   - "findings keep pointing at bash holding an outbound connection" beside
//     /bin/bash, "block connections from shell processes": a word a path
//     of the request ends in, or before a noun of programs, names a
//     program, never pods;
//   - "the container is granted minimal permissions", "Grant minimal
//     access": a word before a noun of privileges, or a degree before
//     "access", says how much, never whose;
//   - "with Docker as the runtime", "Our cluster uses Calico as its CNI",
//     "on the containerd runtime": the product that is a layer of the
//     platform under the pods (platformRole), never pods; nor is a
//     container engine or a distribution said bare ("In Docker we always
//     ran nginx", "with k3s": platformProducts), though "our EKS
//     cluster" may say which pods;
//   - "needs to send emails to the CJSM SMTP relay", "may pull images
//     from it", "push the logs to loki": the object of a verb that moves
//     things, before the "to" or "from" of the peer, is what moves
//     (carriedThing), never pods;
//   - "the redis ENI took inbound 6379 from sg-for-sensitive-pod only",
//     where the request speaks of security groups: an AWS security
//     group's ID (securityGroupID), never pods;
//   - "the Admin UI only serves static files", "call the real binaries by
//     full path": a word before a noun of files says which files or what
//     kind, never pods (not "the api path /v1/users", whose path follows,
//     nor a pattern, "any *.conf file", which is no name);
//   - "It allowed dnsName www.google.com", "the testConnection output": a
//     word in lower camel case is an identifier of code or of an API's
//     fields (codeIdentifier), never the name of pods, which Kubernetes
//     writes in lower case.
func (p *parser) noNameHere(i int) string {
	w := p.word(i)
	clauseEnd := func(k int) bool { return k == len(p.toks) || p.toks[k].kind == tPunct && !p.is(k, "(") }
	switch {
	case p.is(i-1, "at") && clauseEnd(i+1):
		// (not "the database at db on 5432", where it says which pods)
		return "time-or-place"
	case p.is(i-1, "a", "an") && p.is(i-2, "at") && clauseEnd(i+1):
		return "time-or-place"
	case adverbWords[w]:
		return "adverb"
	case subordinators[w]:
		return "subordinator"
	case (p.is(i-1, "on") && onPhrases[w] || p.is(i-1, "in") && inPhrases[w]) && !p.is(i+1, "of"):
		return "idiom"
	case p.is(i-1, "(") && p.is(i+1, ")") && (i == 1 || i >= 2 && commitTypes[p.word(i-2)] && (i == 2 || p.toks[i-3].kind == tPunct) && p.is(i+2, ":")):
		return "change-scope"
	case modals[p.word(i-1)] && i >= 2 && p.toks[i-2].kind == tWord,
		p.is(i-1, "to") && p.is(i-2, "has", "have", "had", "need", "needs", "needed", "want", "wants", "able", "going", "used", "ought"):
		return "verb-after-modal"
	case strings.HasSuffix(w, "ing") && len(w) > 5 && (determiners[p.word(i+1)] || p.is(i+1, "what", "who", "which", "how", "where", "an", "it", "them")):
		return "verb-with-object"
	case strings.HasSuffix(w, "ing") && len(w) > 5 && p.is(i-1, "from") && p.preventBefore(i-1):
		return "verb-after-prevent-from"
	case actorWords[w], documentWords[w], platformWords[w], standingNouns[w]:
		return "not-a-workload"
	case p.platformRole(i), platformProducts[w] && !p.is(i+1, "cluster", "clusters"):
		return "platform-product"
	case privilegeNouns[p.word(i+1)] || accessDegrees[w] && p.is(i+1, "access"):
		return "degree-of-privilege"
	case processNouns[p.word(i+1)] && !p.is(i+2, "labeled", "labelled", "with", "(") || p.pathNamed(w):
		return "program"
	case p.securityGroupID(i):
		return "security-group"
	case p.carriedThing(i):
		return "what-is-carried"
	case fileNouns[p.word(i+1)] && len(validation.IsDNS1123Label(w)) == 0 && !p.is(i+2, "labeled", "labelled", "with", "(") && (p.tok(i+2) == nil || p.toks[i+2].kind != tPath):
		return "kind-of-files"
	case codeIdentifier(p.toks[i].raw):
		return "code-identifier"
	case p.allowedPeersNoun(i) != "":
		// "allowed destinations are X": what X is, not pods.
		return "allowed-peers"
	}
	return ""
}

// codeIdentifier reports whether raw is a word in lower camel case, an
// identifier of code or a field of an API ("dnsName", "testConnection",
// "matchLabels"): lower case first, an upper-case letter after it, and
// only letters and digits.
func codeIdentifier(raw string) bool {
	if raw == "" || !unicode.IsLower(rune(raw[0])) {
		return false
	}
	upper := false
	for _, r := range raw {
		switch {
		case unicode.IsUpper(r):
			upper = true
		case !unicode.IsLetter(r) && !unicode.IsDigit(r):
			return false
		}
	}
	return upper
}

// securityGroupID reports whether the word at i is an AWS security
// group's ID, "sg-" and a name, in a request that speaks of security
// groups ("security group", "security groups", "SGs"): "We had security
// groups for pods doing this: the redis ENI took inbound 6379 from
// sg-for-sensitive-pod only". A rule that keeps it as its peer still asks
// (lostnames: "which pods or addresses are ...").
func (p *parser) securityGroupID(i int) bool {
	if !strings.HasPrefix(p.word(i), "sg-") {
		return false
	}
	all := p.all
	for k, t := range all {
		if t.low == "sg" || t.low == "sgs" || t.low == "security" && k+1 < len(all) && (all[k+1].low == "group" || all[k+1].low == "groups") {
			return true
		}
	}
	return false
}

// carryVerbs move a thing between peers: their object is what moves,
// the peer comes after "to" or "from" ("send emails to X", "pull images
// from X").
var carryVerbs = set("send", "sends", "sending", "sent", "pull", "pulls", "pulling", "push", "pushes", "pushing", "fetch", "fetches", "fetching",
	"download", "downloads", "downloading", "upload", "uploads", "uploading", "emit", "emits", "emitting", "ship", "ships", "shipping",
	"export", "exports", "exporting", "forward", "forwards", "forwarding", "stream", "streams", "publish", "publishes", "publishing",
	"scrape", "scrapes", "scraping", "collect", "collects", "collecting")

// carriedThing reports whether the bare word at i is the object of a
// verb of carryVerbs, after it or after it and a determiner, with the
// peer's "to" or "from" right after the word: "send emails to the relay",
// "pull images from it", "push the logs to loki". ("send to payments"
// has no object: the word after "to" is the peer.)
func (p *parser) carriedThing(i int) bool {
	k := i - 1
	if determiners[p.word(k)] {
		k--
	}
	return carryVerbs[p.word(k)] && p.is(i+1, "to", "from", "into", "onto", "toward", "towards")
}

// addressNouns name addresses: a word before one (and a pod noun between)
// describes them.
var addressNouns = set("network", "networks", "subnet", "subnets", "range", "ranges", "ip", "ips", "address", "addresses", "cidr", "cidrs", "vpc", "lan")

// addressNounAfter reports whether the word at i describes addresses: "the
// internal server network", "the LoadBalancer IP", "the office subnet".
func (p *parser) addressNounAfter(i int) bool {
	j := i + 1
	if podNouns[p.word(j)] && !p.taken(j) {
		j++
	}
	return addressNouns[p.word(j)] && !p.taken(j) && !p.is(j+1, "labeled", "labelled", "(")
}

// preventVerbs keep something from doing: "prevent X from loading".
var preventVerbs = set("prevent", "prevents", "preventing", "stop", "stops", "stopping", "keep", "keeps", "keeping", "prohibit", "prohibits", "forbid", "forbids", "discourage", "bar", "bars")

// preventBefore reports whether a verb of prevention stands before the
// "from" at k in its clause, with no other "from" between.
func (p *parser) preventBefore(k int) bool {
	for j := k - 1; j >= 0; j-- {
		switch {
		case p.is(j, "from") || p.toks[j].kind == tPunct:
			return false
		case preventVerbs[p.word(j)]:
			return true
		}
	}
	return false
}

// onPhrases make an idiom after "on": "on top", "on demand", "on purpose".
var onPhrases = set("top", "demand", "purpose", "average", "hold", "time", "board", "call")

// modals say what may or must be; the word after one is a verb.
var modals = set("can", "could", "may", "might", "must", "shall", "should", "will", "would")

// actorWords are who acts in a sentence of reasons: people and threats.
var actorWords = set("root", "humans", "users", "superuser", "tenants", "customers", "developers", "admins", "hacker", "hackers", "intruder", "intruders", "adversary", "adversaries", "malware",
	"rootkit", "rootkits", "ransomware", "exploit", "exploits", "virus", "viruses", "worm", "worms")

// adverbWords say how or how much, never which pods: "blocked together
// with TCP", "even through the LoadBalancer IP". ("enough" is not one:
// "watching /bin/mount isn't enough" must stay a question.)
var adverbWords = set("together", "even", "instead", "otherwise", "anyway", "already", "apart", "merely", "quite", "altogether", "meanwhile")

// standingNouns name a standing set of rules, never pods: "cluster-wide
// egress baseline - ...", "ingress guardrails: ...". (Before a pod noun,
// "the baseline pods", the word may still be a name.)
var standingNouns = set("baseline", "baselines", "guardrail", "guardrails")

// privilegeNouns name what a process or a container is granted, never
// traffic: the word before one ("minimal permissions", "root privileges")
// says how much.
var privilegeNouns = set("permission", "permissions", "privilege", "privileges", "rights")

// accessDegrees say how much access, never whose: "Grant minimal access -
// only the app=api pods ...". ("db access" may name the pods reached.)
var accessDegrees = set("minimal", "minimum", "least", "limited", "restricted", "full", "broad", "unrestricted", "necessary", "needed", "required")

// pathNamed reports whether the word w, a known program's name, is the
// last part of a path the request names: "bash" beside /bin/bash is the
// program. (Another word, "The loader listens on 9 ... block
// /usr/local/bin/loader", may still be the pods a clause is about.)
func (p *parser) pathNamed(w string) bool {
	return knownExecutables[w] && slices.ContainsFunc(p.all, func(t token) bool {
		return t.kind == tPath && !strings.HasSuffix(t.low, "/") && t.low[strings.LastIndex(t.low, "/")+1:] == w
	})
}

// platformProducts are container engines and Kubernetes distributions:
// the platform the pods run on, never a workload of the cluster ("In
// Docker we always ran nginx with NET_RAW dropped", "Docker grants
// containers a default subset", "the default traefik ingress controller
// with k3s"). Products that run as pods of their own (cilium, istio,
// calico) are not here: "allow prometheus to scrape cilium" may name them.
var platformProducts = set("docker", "containerd", "cri-o", "crio", "podman", "k3s", "k3d", "k0s", "rke", "rke2", "microk8s", "minikube", "kubernetes", "k8s",
	"openshift", "eks", "gke", "aks")

// platformScenes are the products a request may set as its scene, "In
// containerd, block /usr/bin/ctr ...", "In minikube, deny all ingress
// ...", "In Cilium, deny ingress ...": the container engines and
// distributions of platformProducts, and the network, mesh, sandbox and
// node products a cluster runs on. After "in" they say what the rule runs
// on, never a namespace, unless the tree has that namespace or the request
// calls the word one ("namespace cilium", "the istio namespace"); finder 7
// saw each read as the policy's namespace.
var platformScenes = set("cilium", "calico", "istio", "linkerd", "kubearmor", "gvisor", "kata", "talos", "rancher", "flannel", "weave", "antrea", "kind", "docker")

// platformScene reports whether the word at i names a platform the request
// is set on rather than a namespace (platformScenes, platformProducts).
func (p *parser) platformScene(i int) bool {
	w := p.word(i)
	if !platformProducts[w] && !platformScenes[w] || p.treeNamespace(w) {
		return false
	}
	for k, t := range p.all {
		if t.low == w && (k > 0 && namespaceWords[p.all[k-1].low] || k+1 < len(p.all) && namespaceWords[p.all[k+1].low]) {
			return false
		}
	}
	return true
}

// platformWords are the layers under the pods that run them, never pods:
// "read-only to the runtime", "hidden from the kernel".
var platformWords = set("runtime", "runtimes", "kernel", "hypervisor", "firmware", "bootloader")

// platformRoles are the layers of the platform a product may be named as:
// "Docker as the runtime", "Calico as its CNI", "the containerd runtime".
// (Not "ingress controller" nor "identity provider": those run as pods a
// rule may name.)
var platformRoles = set("runtime", "runtimes", "cni", "distro", "distribution", "hypervisor", "kernel")

// platformRoleQualifiers stand before a platform role: "as the container
// runtime", "as its CNI plugin" ("plugin" after it).
var platformRoleQualifiers = set("container", "network", "networking", "cni", "default", "node")

// platformRole reports whether the word at i names the product a layer of
// the platform is: after it "as" and the role ("Docker as the runtime",
// "Calico as its CNI", "containerd as our container runtime"), or the role
// right after it ("the containerd runtime", "the Cilium CNI"). The role
// ends its noun phrase: "nginx as the runtime user" is no platform.
func (p *parser) platformRole(i int) bool {
	k := i + 1
	if p.is(k, "as") {
		k++
		if determiners[p.word(k)] {
			k++
		}
	}
	if k == i+2 && !platformRoles[p.word(k)] && platformRoleQualifiers[p.word(k)] {
		k++
	}
	if !platformRoles[p.word(k)] {
		return false
	}
	if p.is(k+1, "plugin") {
		k++
	}
	next := p.tok(k + 1)
	return next == nil || next.kind == tPunct || prepositions[next.low] || coordinators[next.low] || pronouns[next.low] || next.low == "it" || modals[next.low] || next.low == "is" || next.low == "are"
}

// documentWords are the parts of a policy's text, not what it selects.
var documentWords = set("section", "sections", "stanza", "stanzas", "manifest", "manifests", "template", "templates", "snippet", "snippets")

// labelValue reports whether w is the value of one of the selector's labels.
func labelValue(sel *metav1.LabelSelector, w string) bool {
	for _, v := range sel.MatchLabels {
		if strings.EqualFold(v, w) {
			return true
		}
	}
	return false
}

// namespaceAdjectives describe the namespace a name follows: "the
// existing namespace fubar".
var namespaceAdjectives = set("existing", "new", "same", "whole", "entire", "current", "target", "given", "dedicated", "separate", "own")

// corePodNouns are the nouns that never name a workload themselves.
var corePodNouns = set("pod", "pods", "workload", "workloads", "container", "containers", "replicas", "instances", "app", "apps", "application", "applications", "service", "services", "svc")

// looseName reports whether the word at i can name a workload when a pod
// noun follows it ("the api pods", "the backend deployment"), though alone
// it would be a word of a sentence.
func (p *parser) looseName(i int) bool {
	t := p.tok(i)
	if t == nil || t.kind != tWord {
		return false
	}
	w := t.low
	if describingWord(w) && !p.treeHasWorkload(w) && !p.treeNamespace(w) {
		return false
	}
	return !fillerWords[w] && !meaningWords[w] && !determiners[w] && !prepositions[w] && !denyWords[w] && !allowWords[w] && !auditWords[w] && !reasonOpeners[w] &&
		!namespaceWords[w] && !corePodNouns[w] && !coordinators[w] && !reachVerbs[w] && !receiveVerbs[w] && !processVerbs[w] && entityWord(w) == "" &&
		!isolateWords[w] && !actionVerbs[w] && !fileVerbs[w] && !processNouns[w] && !writeWords[w]
}

// reasonOpeners start a reason, never a name: "to 10.0.0.0/8 on 443,
// since 10.1.0.0/16 is the office", "except 10.1.0.0/16, because ...":
// the value after them is what the reason is about, not another peer.
var reasonOpeners = set("because", "since", "given", "formerly", "previously", "unlike")

// hasLabels reports whether the clause gives labels.
func (p *parser) hasLabels() bool {
	for _, t := range p.toks {
		if t.kind == tLabel {
			return true
		}
	}
	return false
}

// argumentSlot reports whether a mention starting at i stands where a
// subject or a peer belongs: after a preposition or an action verb, or
// before a modal and a verb ("checkout may reach ...").
func (p *parser) argumentSlot(i int) bool {
	k := i - 1
	for k >= 0 && (determiners[p.word(k)] || p.is(k, "only", "just", "other", "both", "either")) {
		k--
	}
	prev := p.word(k)
	if k < 0 {
		// "checkout may reach ...", "frontend and cart may ...": a subject before its verb.
		j := i + 1
		for p.is(j, "and", "or", ",") || p.tok(j) != nil && p.nameWord(j) && p.is(j-1, "and", "or", ",") {
			j++
		}
		return allowWords[p.word(j)] || denyWords[p.word(j)] || reachVerbs[p.word(j)] || receiveVerbs[p.word(j)] || p.is(j, "should", "must", "will", "is", "are", "needs", "need", "only", "pods", "pod")
	}
	if prepositions[prev] || denyWords[prev] || allowWords[prev] || auditWords[prev] || isolateWords[prev] || reachVerbs[prev] || receiveVerbs[prev] ||
		prev == "," || prev == "and" || prev == "or" || prev == "(" || prev == ":" || prev == "let" || prev == "restrict" || prev == "limit" || prev == "lock" {
		return true
	}
	return false
}

// namespaceMaybe reports whether the word at n, after a determiner and
// before a name a label spells, may be where the pods of ep run: it
// describes nothing ("compromised"), and the request names no namespace
// ("For the gravitee namespace: ... the management API pods") and says
// the word nowhere else. A word of notLocatedPlaces, the language the pods
// are written in ("the PHP frontend (pods app=guestbook, tier=frontend)"),
// says what they are, not where.
func (p *parser) namespaceMaybe(n int, ep *endpoint) bool {
	w := p.word(n)
	if !p.is(n-1, "the", "our", "all", "those", "these", "my", "your", "their") || describingWord(w) || notLocatedPlaces[w] || ep.namespace != "" {
		return false
	}
	all := p.all
	return !slices.ContainsFunc(all, func(t token) bool { return namespaceWords[t.low] || t.low == w && t.start != p.toks[n].start })
}

// wordsBeforeLabeled takes the words before the name of pods that labels
// describe ("the Srv1 front end (app=Srv1)", "the checkout worker pods
// labeled app=worker") as words of the description. Before a name a label
// spells as its value, a word written as a name (a hyphen or a digit) that
// no label spells may be where the pods run ("the team-a web pods
// (app=web)"); read as a description it is lost. So may any word after
// "the" ("the payments web pods (app=web)", "the checkout worker pods
// labeled app=worker") when the request names no namespace and says the
// word nowhere else ("the staging db pods (app=db) ... in staging"): a
// namespace, or the name of other pods. Those make the engine ask.
func (p *parser) wordsBeforeLabeled(ep *endpoint, sel *metav1.LabelSelector) {
	for n := ep.start - 1; n >= 0 && !p.taken(n) && p.toks[n].kind == tWord && (p.looseName(n) && !frameWords[p.word(n)]) && !podNouns[p.word(n)]; n-- {
		if w := p.word(n); len(validation.IsDNS1123Label(w)) == 0 && !labelsSpell(sel, w) && labelValueIs(sel, p.word(n+1)) &&
			(strings.ContainsAny(w, "-0123456789") || p.namespaceMaybe(n, ep)) {
			ep.ask = fmt.Sprintf("where do %q run? %q could be their namespace or a word of their name; name the namespace (\"the pods labeled ... in namespace %s\") or leave the word out", p.text(n, ep.end), w, w)
		}
		p.take(n, n+1, "described-by-labels")
		ep.start = n
	}
}

// qualify attaches "in namespace X", "in namespaces labeled ...", "in any
// namespace", "that run in X", "in their own namespace" and "(app=x,
// default namespace)" to the endpoint before it.
func (p *parser) qualify(ep *endpoint) {
	p.qualifyScope(ep)
	// "from other pods in team-a", "from other pods in the same namespace":
	// the pods of that namespace, other than the ones the policy is for,
	// which a rule about them needs no word for.
	if ep.kind == epNamespace && (ep.namespace != "" || ep.sameNS) && ep.podsMark != nil && p.is(ep.start-1, "other") && !p.taken(ep.start-1) {
		p.take(ep.start-1, ep.start, "other-pods")
	}
	// "the api pods in staging itself (app=api)": the labels after the namespace.
	if ep.namespace != "" && p.is(ep.end, "itself", "themselves") {
		p.take(ep.end, ep.end+1, "namespace-of")
		ep.end++
	}
	if ep.kind == epPods && ep.pods == nil && ep.namespace != "" && p.is(ep.end, "(") && p.labelNext(ep.end+1) {
		if sel, k := p.selectorAt(ep.end + 1); sel != nil && p.is(k, ")") {
			if ep.nameMark != nil {
				ep.nameMark.rule = "described-by-labels"
				for n := ep.nameMark.start; n < ep.nameMark.end; n++ {
					p.claim[n] = "described-by-labels"
				}
			}
			ep.pods, ep.name, ep.workload, ep.podsMark, ep.end = sel, "", "", p.take(ep.end, k+1, "labels"), k+1
		}
	}
	// "every pod in this namespace that does not carry exempt=true": the
	// namespace's pods the labels select.
	// "the pods in networking labeled X=y": likewise.
	if (ep.kind == epNamespace || ep.kind == epPods && ep.name == "" && ep.namespace != "") && ep.pods == nil && ep.namespaces == nil && p.is(ep.end, "that", "which", "labeled", "labelled", "carrying", "with", "without") {
		if sel, k := p.selectorAt(ep.end); sel != nil {
			ep.kind, ep.pods, ep.podsMark, ep.end = epPods, sel, p.take(ep.end, k, "labels"), k
		}
	}
}
