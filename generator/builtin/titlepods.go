package builtin

import (
	"slices"
	"strings"

	"k8s.io/apimachinery/pkg/api/equality"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/util/validation"

	"github.com/kunerva/kunerva/generator"
)

// valueWord reports whether a word token is a value written as a word: a name
// with a dot or a slash ("api.github.com", "app/web").
func valueWord(t token) bool {
	return t.kind == tWord && (strings.Contains(t.low, "/") || strings.Contains(strings.Trim(t.low, "."), "."))
}

// toolCan reports whether the tool word w stands in toks before a word of
// what it can do: "Cilium can filter the outgoing DNS traffic", "Calico
// supports ...": a fact about the tool, no rule.
func toolCan(toks []token, w string) bool {
	for k, t := range toks {
		if t.low == w && toolWords[w] && k+1 < len(toks) && (toks[k+1].low == "can" || toks[k+1].low == "supports" || toks[k+1].low == "lets") {
			return true
		}
	}
	return false
}

// titlePodsOfRules reports whether a title names by the word w, before a
// pod noun or a workload kind, the one set of pods its rules are for:
// "Contain the mining workload: for pods labeled app=api in namespace
// prod, block ...", "Potential shell via web server: alert when
// /usr/sbin/apache2 starts /bin/bash in the wordpress pods
// (app=wordpress)". The rules name no other pods (no pod peers), and
// their pods are given by labels; a title that isolates pods other rules
// could be about ("Isolate the payments service: block egress from
// app=web ...") or negates ("Leave the billing deployment alone: ...") is
// more than that.
func titlePodsOfRules(toks []token, w string, ruledIn []*generator.Intent) bool {
	if slices.ContainsFunc(toks, func(t token) bool { return isolateWords[t.low] || negationWords[t.low] }) || !slices.ContainsFunc(toks[:max(len(toks)-1, 0)], func(t token) bool { return t.low == w }) {
		return false
	}
	literal := false // "the api pods", "the billing deployment"
	for k, t := range toks[:len(toks)-1] {
		if next := toks[k+1].low; t.low == w && !podNouns[next] && workloadKinds[next] == "" && next != "tier" {
			return false // "the mining workload", "web server", "the database tier"
		} else if t.low == w {
			// "the ML containers" may say what the pods do.
			literal = literal || literalPodNouns[next] && next != "container" && next != "containers" || workloadKinds[next] != ""
		}
		if t.low == w && (scopeQualifiers[w] || heldBackWords[w]) {
			literal = false // "Policy 5: Canary Pods": seriesTitleHeldBack asks
		}
	}
	var pods *metav1.LabelSelector
	for _, x := range ruledIn {
		for _, y := range append([]*generator.Intent{x}, x.Others...) {
			if y.Subject.Scope != generator.ScopePods || y.Subject.Pods == nil || len(y.Subject.Pods.MatchLabels)+len(y.Subject.Pods.MatchExpressions) == 0 {
				return false
			}
			if pods != nil && !equality.Semantic.DeepEqual(pods, y.Subject.Pods) {
				return false
			}
			// "Block shells in the api pods - for the app=web pods block
			// /bin/sh": pods or a workload named by a word that is no
			// part of their labels' values are other pods than the rule's.
			if literal && !labelsSay(y.Subject.Pods, w) {
				return false
			}
			pods = y.Subject.Pods
			for _, r := range y.Network {
				if slices.ContainsFunc(r.Peers, func(p generator.Peer) bool { return p.Pods != nil || p.Namespace != "" || p.Namespaces != nil }) {
					return false
				}
			}
		}
	}
	return pods != nil
}

// literalPodNouns name pods as such, not by what they do ("server",
// "workload", "service" say a role, which a title may give labeled pods):
// the word before them is the pods' name.
var literalPodNouns = set("pod", "pods", "container", "containers", "replicas", "instances")

// podNamesOfRules reports whether the names before the pod noun or
// workload kind at n ("the api pods", "the api and web pods", "the billing
// deployment") are said by the labels of the rules' pods, or by the rules
// (again: "the ML containers" of namespace ml-serving). named tells a word
// that may name pods.
func podNamesOfRules(toks []token, n int, named func(int) bool, again func(string) bool, ruledIn []*generator.Intent) bool {
	for k := n - 1; k >= 0; k -= 2 {
		// "Policy 5: Canary Pods - ...": a scope the pods are in, which
		// seriesTitleHeldBack asks about.
		if !named(k) && !podNameFrameWords[toks[k].low] || scopeQualifiers[toks[k].low] || heldBackWords[toks[k].low] {
			return true
		}
		if !labelsOfRulesSay(toks[k].low, ruledIn) && !again(toks[k].low) {
			return false
		}
		if k < 1 || toks[k-1].low != "and" && toks[k-1].low != "or" && toks[k-1].low != "," {
			return true
		}
	}
	return true
}

// podNameFrameWords are words of sentence frames (frameWords) that name
// pods before a pod noun: "the api pods", "the metrics pods".
var podNameFrameWords = set("api", "data", "metrics", "http", "grpc", "dns", "coredns", "kube-dns", "site", "website")

// labelsOfRulesSay reports whether the labels of the pods of every rule
// in ruledIn say the word w (see labelsSay).
func labelsOfRulesSay(w string, ruledIn []*generator.Intent) bool {
	for _, x := range ruledIn {
		for _, y := range append([]*generator.Intent{x}, x.Others...) {
			if y.Subject.Pods == nil || !labelsSay(y.Subject.Pods, w) {
				return false
			}
		}
	}
	return len(ruledIn) > 0
}

// labelsSay reports whether the word w is a label value of the selector
// or a part of one between dashes, dots, underscores or slashes: "billing"
// of app=billing-api.
func labelsSay(sel *metav1.LabelSelector, w string) bool {
	parts := func(v string) bool {
		return slices.Contains(strings.FieldsFunc(strings.ToLower(v), func(r rune) bool { return r == '-' || r == '.' || r == '_' || r == '/' }), w) || strings.ToLower(v) == w
	}
	for _, v := range sel.MatchLabels {
		if parts(v) {
			return true
		}
	}
	for _, e := range sel.MatchExpressions {
		if slices.ContainsFunc(e.Values, parts) {
			return true
		}
	}
	return false
}

// nameSaidAgain reports whether the rules of the clauses ruled say the
// name w again: as a word or a label's value ("ingress-nginx", "app=web"),
// or as a part of the name of a namespace their pods or peers are in
// ("monitoring" of openshift-monitoring). A part of a label's value is
// not enough: "web" may be other pods than app=web-proxy.
func nameSaidAgain(w string, ruled []clause, ruledIn []*generator.Intent) bool {
	for _, r := range ruled {
		if slices.ContainsFunc(r.toks, func(t token) bool { return t.low == w || t.kind == tLabel && strings.HasSuffix(t.low, "="+w) }) {
			return true
		}
	}
	for _, x := range ruledIn {
		for _, y := range append([]*generator.Intent{x}, x.Others...) {
			nss := append([]string{y.Subject.Namespace}, y.Subject.Namespaces...)
			for _, r := range y.Network {
				for _, peer := range r.Peers {
					nss = append(nss, peer.Namespace)
				}
			}
			if slices.ContainsFunc(nss, func(ns string) bool { return slices.Contains(strings.Split(ns, "-"), w) }) {
				return true
			}
		}
	}
	return false
}

// namespaceTitle is a shape of heading at the start of a request whose
// word may name the namespace the rules after it are for: word returns
// that word's index in the heading's tokens, or -1; marks are what may end
// the heading (a colon, a dash: every dash is "-" once read).
type namespaceTitle struct {
	marks string
	word  func(head []token) int
}

// namespaceTitles are the shapes of such headings, each with an example.
// A heading of one of them that no rule uses and the words after it do not
// say again, over rules whose namespace is the default, asks whether its
// word is the namespace (titleNamespace): the policy would drop it.
var namespaceTitles = []namespaceTitle{
	// "prod: block /bin/sh in the app=web pods", "kube-system: pods labeled
	// k8s-app=kube-dns may receive on 53 from anywhere", "#api: ...": a
	// name alone before a colon (not a word that titles, "Example:",
	// "memo:", nor a policy's name, "allow-read:"), or a chat tag, which
	// names what it tags.
	{":", func(head []token) int {
		if len(head) == 1 && (titleName(head[0].low) || strings.HasPrefix(head[0].low, "#")) && !camelCase(head[0].raw) {
			return 0
		}
		return -1
	}},
	// "prod - block /bin/sh in the app=web pods", "Hardening - ...": a
	// word alone before a dash; not a policy's name, whose parts say what
	// it does ("wisecow-zero-trust-policy - ...", "deny-all - ...").
	{"-", func(head []token) int {
		if len(head) == 1 && !(strings.Contains(head[0].low, "-") && !titleName(head[0].low)) {
			return 0
		}
		return -1
	}},
	// "[shop] the app=api pods accept ...", "(team-a) deny egress from
	// ...": a name alone in the bracket of a ticket's tag (not a word
	// that titles, "[BUG]", "[WIP]", "[Security]"). Dropped as a tag, the
	// policy went to namespace "default".
	{")", func(head []token) int {
		if len(head) == 2 && head[0].low == "(" && titleName(head[1].low) && !camelCase(head[1].raw) {
			return 1
		}
		return -1
	}},
	// "Hardening for prod: block /bin/sh in the app=web pods", "Egress
	// rules in prod: ...", "For prod - block ...": the word after "for"
	// or "in" that ends it.
	{":-", func(head []token) int {
		n := len(head)
		if n >= 2 && n <= 6 && (head[n-2].low == "for" || head[n-2].low == "in") && !judgedPurpose(head, n-2) {
			return n - 1
		}
		return -1
	}},
	// "Post-incident hardening, kube-system: the coredns pods ... accept
	// port 53 ...": a name alone after a heading's word (titleWords) and a
	// comma. Set aside with the heading, it left the policy in namespace
	// "default". ("Restrict MariaDB, redis:" lists names: asked apart.)
	{":-", func(head []token) int {
		n := len(head)
		if n >= 3 && n <= 6 && head[n-2].low == "," && titleWords[head[n-3].low] && titleName(head[n-1].low) && !camelCase(head[n-1].raw) {
			return n - 1
		}
		return -1
	}},
}

// judgements say how much something counts: "Controlling outbound traffic
// matters for audit", "Egress control is critical for compliance".
var judgements = set("matters", "matter", "important", "critical", "crucial", "essential", "vital", "key", "must", "mandatory", "required", "necessary")

// judgedPurpose reports whether "for" at n in a heading says what a
// judgement before it counts for, a purpose of rationaleStarts ("matters
// for audit", "is important for compliance"), not the namespace
// ("Hardening for prod").
func judgedPurpose(head []token, n int) bool {
	return head[n].low == "for" && slices.ContainsFunc(head[:n], func(t token) bool { return judgements[t.low] }) &&
		slices.ContainsFunc(rationaleStarts, func(s []string) bool { return len(s) == 2 && s[0] == "for" && n+1 < len(head) && s[1] == head[n+1].low })
}

// titleNamespace returns the word of a heading at the start of the request
// that may name the namespace (see namespaceTitles) and where it stands, or
// "" when there is none or the words after the heading say it again.
func titleNamespace(toks []token) (string, int) {
	k := slices.IndexFunc(toks, func(t token) bool { return t.kind == tPunct && (t.low == ":" || t.low == "-") })
	if len(toks) > 3 && toks[0].low == "(" && toks[2].low == ")" {
		k = 2 // "[shop] ...": a tag in brackets opens the request
	}
	if k <= 0 || k+1 == len(toks) {
		return "", 0
	}
	head, mark := toks[:k], toks[k].low
	for _, shape := range namespaceTitles {
		i := shape.word(head)
		if i < 0 || !strings.Contains(shape.marks, mark) || head[i].kind != tWord {
			continue
		}
		// "For #api: block /bin/sh": a chat tag is the name it tags.
		w := strings.TrimPrefix(head[i].low, "#")
		if len(validation.IsDNS1123Label(w)) > 0 {
			continue
		}
		if slices.ContainsFunc(toks[k+1:], func(t token) bool { return strings.Contains(t.low, w) }) {
			return "", 0
		}
		return w, head[i].start
	}
	return "", 0
}

// titleWords title what follows them, and name nothing: "memo:", "Note:",
// and the parts of a system a commit title opens with ("bpf: hide /sys
// from restricted containers").
var titleWords = set("memo", "note", "notes", "nb", "summary", "goal", "goals", "context", "background", "problem", "solution", "answer", "update", "edit",
	"todo", "tldr", "requirement", "requirements", "request", "ask", "idea", "proposal", "issue", "bug", "question", "hint", "tip", "warning", "reminder",
	"objective", "intent", "purpose", "use-case", "usecase", "setup", "status", "draft", "wip", "hardening", "security", "networking", "netpol", "netpols",
	"bpf", "ebpf", "seccomp", "apparmor", "selinux", "kernel", "sys", "net", "fs", "mm", "apps", "infra", "deploy", "ops", "k8s", "kube", "cilium", "kubearmor",
	"feature", "enhancement", "bugfix", "hotfix", "regression", "rfc")

// titleName reports whether a word alone before a colon may be a name (of a
// namespace, say): not a word that titles, frames or means, and not a
// policy's name, whose parts say what it does ("allow-read",
// "egress-to-private-vm", "q3-np-rule").
func titleName(w string) bool {
	if len(validation.IsDNS1123Label(w)) > 0 || titleWords[w] || seriesWords[w] || commitTypes[w] || toolWords[w] || headingNouns[w] || scopeWords[w] {
		return false
	}
	if fillerWords[w] || meaningWords[w] || frameWords[w] {
		return false
	}
	// "team-a" may name a namespace, "allow-read" names a policy, and so
	// do "restrict-http-methods" and "wisecow-zero-trust" (postureWords).
	for _, part := range strings.Split(w, "-") {
		if policyNouns[part] || allowWords[part] || denyWords[part] || isolateWords[part] || auditWords[part] || ingressWords[part] || egressWords[part] || postureWords[part] ||
			len(part) > 1 && prepositions[part] || part == "rules" || ruleKindParts[part] {
			return false
		}
	}
	return true
}

// ruleKindParts, as a part of a name before a colon or a dash, name the
// kind of rule a policy holds, so the name is the policy's: "wisecow-processes:",
// "api-binaries -", "node-syscalls:". ("files" and "paths" stay out: a
// namespace may hold a file server's pods.)
var ruleKindParts = set("process", "processes", "binaries", "executables", "execs", "syscalls", "capabilities", "caps")

// postureWords, as a part of a name before a colon, say what a policy
// does or aims at, so the name is the policy's, not a namespace's:
// "restrict-http-methods:", "wisecow-zero-trust:", "limit-egress:",
// "db-lockdown:", "harden-shells:".
var postureWords = set("restrict", "restricts", "restricted", "restriction", "restrictions", "limit", "limits", "limited", "lock", "locked", "lockdown",
	"harden", "hardened", "hardening", "protect", "protected", "protection", "guard", "guardrail", "guardrails", "zero", "trust", "least", "privilege",
	"baseline", "isolation", "segmentation", "quarantine", "containment", "only")

// isolateNouns name a lockdown as a thing, the way a title does: "Web tier
// lockdown - ...", "Payments isolation - ...".
var isolateNouns = set("lockdown", "isolation", "quarantine", "containment", "hardening", "segmentation")

// headingNamespaceAt is the index of the word of the clause's heading that
// names a namespace in one of the shapes of namespaceTitles ("Firewall for
// my-namespace:", "one more for kube-system:"), a word no other rule read
// and no purpose ("Hardening for compliance:"), or -1.
func (p *parser) headingNamespaceAt() int {
	w, at := titleNamespace(p.toks)
	if w == "" || !titleName(w) || slices.ContainsFunc(rationaleStarts, func(s []string) bool { return len(s) == 2 && s[0] == "for" && s[1] == w }) {
		return -1
	}
	k := slices.IndexFunc(p.toks, func(t token) bool { return t.start == at })
	if k < 0 || p.claim[k] != "heading" {
		return -1
	}
	return k
}

// roleHeads are nouns that, after a name, make the two words name pods or
// a peer as a pod noun does: "the media server" is pods (podNouns), so is
// "the envoy gateway", "the payments tier", "the kafka brokers".
var roleHeads = set("gateway", "gateways", "proxy", "proxies", "exporter", "exporters", "controller", "controllers", "operator", "operators", "agent", "agents",
	"daemon", "daemons", "worker", "workers", "frontend", "frontends", "database", "databases", "db", "dbs", "cache", "caches", "queue", "queues", "broker", "brokers",
	"api", "apis", "ui", "node", "nodes", "cluster", "clusters", "instance", "tier", "tiers", "layer", "stack", "team", "tenant", "tenants", "namespace",
	"namespaces", "ns", "job", "jobs", "runner", "runners", "sidecar", "sidecars", "webhook", "webhooks", "registry", "registries", "store", "mesh", "scraper",
	"collector", "collectors", "pipeline", "pipelines", "bot", "bots", "relay", "relays", "manager", "managers", "plane", "mirror", "site", "sites", "box", "boxes",
	"vm", "vms", "machine", "machines", "component", "components", "system", "systems", "stateful", "release", "releases", "chart", "charts", "project", "projects")

// proseWord reports whether the word w, which read alone the title took for
// the name of pods ("which labels do the "terminal" pods carry?"), names
// nothing there: wherever it stands it only describes the noun after it,
// which is no pod noun, role or peer ("Trigger A: terminal shell in
// container", "Deny execution of package management tools", "Runtime
// policies stop bad behavior"), or, last, it is what a direction word
// before it qualifies ("Platform wiki, egress profiles").
// A name before a verb, a modal or a pod's noun ("agents can still work",
// "nginx pods", "the media server") or after a preposition at the end
// ("allow traffic from payments") names pods, and the title stays more
// than its rules.
func proseWord(toks []token, w string) bool {
	seen := false
	for k, t := range toks {
		if t.low != w {
			continue
		}
		seen = true
		// "Allow paperless-ngx IMAP egress ...", "traffic to the payments
		// ...": after a verdict, a verb or a preposition of peers, the
		// name is what they act on.
		b := k - 1
		for b >= 0 && (determiners[toks[b].low] || describingWord(toks[b].low)) {
			b--
		}
		if b >= 0 && !ingressWords[toks[b].low] && !egressWords[toks[b].low] && (allowWords[toks[b].low] || denyWords[toks[b].low] || auditWords[toks[b].low] || reachVerbs[toks[b].low] || receiveVerbs[toks[b].low] ||
			prepositionsOfPeers[toks[b].low] || actionVerbs[toks[b].low] || toks[b].low == "let" || toks[b].low == "lets") {
			return false
		}
		if k+1 < len(toks) {
			next := toks[k+1]
			if next.kind != tWord || !proseHead(next.low) {
				return false
			}
			continue
		}
		// the last word of the title
		if k == 0 || !ingressWords[toks[k-1].low] && !egressWords[toks[k-1].low] {
			return false
		}
	}
	return seen
}

// proseHead reports whether a word after a name may be the noun the name
// only describes: a plain word that is not a pod noun, a role or a peer
// (see roleHeads), nor a verb, modal, preposition or joining word that
// would make the name act or be acted on.
func proseHead(w string) bool {
	return !podNouns[w] && workloadKinds[w] == "" && !namespaceWords[w] && !roleHeads[w] && !peerNouns[w] && !groupNouns[w] && !describedNouns[w] && !workNouns[w] &&
		!modals[w] && !copulas[w] && !allowWords[w] && !denyWords[w] && !auditWords[w] && !trafficVerbs[w] && !reachVerbs[w] && !receiveVerbs[w] &&
		!prepositions[w] && !coordinators[w] && !determiners[w] && !negationWords[w] && !actionVerbs[w] && !ingressWords[w] && !egressWords[w] &&
		!entityNames[w] && !titlePeers[w] && !trafficNouns[w] && !serviceWords[w] && !protocolServices[w] && !processNouns[w] && !strings.HasSuffix(w, "'s") && !policyVerbForm(w)
}

// policyVerbForm reports whether w is a verb of traffic or of a verdict in
// another form: "calls", "sends", "blocking".
func policyVerbForm(w string) bool {
	for _, v := range []string{strings.TrimSuffix(w, "s"), strings.TrimSuffix(w, "es"), strings.TrimSuffix(w, "ing")} {
		if v != w && (trafficVerbs[v] || reachVerbs[v] || receiveVerbs[v] || allowWords[v] || denyWords[v] || auditWords[v]) {
			return true
		}
	}
	return false
}
