package builtin

import (
	"slices"

	"k8s.io/apimachinery/pkg/util/validation"
)

// toolWords name the tools a policy is written for, not what it is about.
var toolWords = set("cilium", "calico", "kubernetes", "k8s", "helm", "chart", "charts", "kustomize", "network", "networking", "manifest", "manifests")

// summary reports whether the first clause announces, in general words,
// what the next one says in full: "allow access only from applications
// with specific labels. The nginx app (run=nginx) should only be accessible
// to pods labeled access=true". It holds no value and no deny, and a word
// such as "specific" stands for the values the next clause gives.
func summary(toks, next []token) bool {
	general := false
	for n, t := range toks {
		w := t.low
		if addressBlock(toks, n) {
			continue // "CIDR blocks" are addresses
		}
		if t.kind != tWord && t.kind != tPunct || denyWords[w] || isolateWords[w] || auditWords[w] || namespaceWords[w] || w == "except" {
			return false
		}
		general = general || w == "specific" || w == "certain" || w == "particular" || w == "selected"
	}
	nextValues := slices.ContainsFunc(next, func(t token) bool { return t.kind == tLabel || t.kind == tCIDR })
	nextAllows := slices.ContainsFunc(next, func(t token) bool {
		return allowWords[t.low] || receiveVerbs[t.low] || t.low == "only" || t.low == "accessible"
	}) &&
		!slices.ContainsFunc(next, func(t token) bool { return denyWords[t.low] && !negationWords[t.low] })
	return general && nextValues && nextAllows
}

// topicFor is the index of "for" in a heading "<topic> for <pods>" whose
// topic holds no value, verdict, "only" or "except" and whose pods are a
// subject heading, or 0. A topic of auditing ("sensitive file read
// detection for the backend containers (app=backend): log every read of
// /etc/shadow") is the audit the statement after it (after) says.
func topicFor(toks, after []token) int {
	f := -1
	for n, t := range toks {
		if t.low == "for" {
			f = n
		}
	}
	if f <= 0 || !subjectHeading(toks[f+1:]) {
		return 0
	}
	for n, t := range toks[:f] {
		w := t.low
		// "external services" are no pods
		outside := n > 0 && (toks[n-1].low == "external" || toks[n-1].low == "outside" || toks[n-1].low == "third-party")
		// "Service boundary for the payments API (app=payments-api): ...",
		// "Pod security for ...": a word for pods that opens the topic and
		// qualifies the noun after it names no pods.
		outside = outside || n == 0 && n+1 < f && topicNouns[toks[n+1].low]
		// with it, no word of meaning but "read" stands in the topic: "read-only audit for ..." is more.
		audits := auditWords[w] && slices.ContainsFunc(after, func(u token) bool { return auditWords[u.low] }) && !slices.ContainsFunc(after, func(u token) bool { return denyWords[u.low] || allowWords[u.low] }) &&
			!slices.ContainsFunc(toks[:f], func(u token) bool {
				return meaningful(u) && !auditWords[u.low] && u.low != "read" && u.low != "reads" && u.low != "reading"
			})
		if t.kind != tWord || denyWords[w] || allowWords[w] || auditWords[w] && !audits || isolateWords[w] || w == "only" || w == "except" || podNouns[w] && !outside || namespaceWords[w] ||
			ingressWords[w] || egressWords[w] {
			return 0
		}
	}
	return f
}

// topicNouns, after a word for pods that opens a heading, make that word
// the topic's ("Service boundary", "Pod security", "Workload policy"), not
// the name of pods ("Service checkout for ..." stays a question).
var topicNouns = set("boundary", "boundaries", "security", "protection", "policy", "policies", "rules", "guardrails", "baseline", "controls", "firewall", "hygiene", "posture")

// everyScopeHeading reports whether toks, the words before a colon or a
// dash, are a topic for every pod of the cluster whose rules after (after)
// say that scope again: "Default policy for all namespaces and pods: block
// egress to 169.254.169.254 from every pod in the cluster", "Metadata guard
// for every namespace - all pods in the cluster must not reach ...". The
// topic holds no value, verdict, "only" or "except", and a direction only
// when the rules say the same one ("Egress hardening for all pods: deny
// egress ... from every pod in the cluster").
func everyScopeHeading(toks, after []token) bool {
	f := slices.IndexFunc(toks, func(t token) bool { return t.low == "for" || t.low == "across" })
	if f <= 0 || f+1 >= len(toks) || !clusterSaid(after) || !hasStatement(after) {
		return false
	}
	// the scope: "all namespaces and pods", "every pod", "all namespaces and their pods"
	every := false
	for _, t := range toks[f+1:] {
		w := t.low
		switch {
		case w == "all" || w == "every":
			every = true
		case (namespaceWords[w] || podNouns[w]) && every:
		case w == "and" || w == "," || w == "their" || w == "the" || w == "in" || w == "cluster":
		default:
			return false
		}
	}
	if !every {
		return false
	}
	for _, t := range toks[:f] {
		w := t.low
		if t.kind != tWord || denyWords[w] || allowWords[w] || auditWords[w] || isolateWords[w] || w == "only" || w == "except" || podNouns[w] || namespaceWords[w] ||
			ingressWords[w] && !slices.ContainsFunc(after, func(u token) bool { return ingressWords[u.low] }) ||
			egressWords[w] && !slices.ContainsFunc(after, func(u token) bool { return egressWords[u.low] }) {
			return false
		}
	}
	return true
}

// addressBlock reports whether token n is the "block" of "IP block" or
// "CIDR blocks": addresses, not a verdict.
func addressBlock(toks []token, n int) bool {
	w := toks[n].low
	return (w == "block" || w == "blocks") && n > 0 && (toks[n-1].low == "cidr" || toks[n-1].low == "ip" || toks[n-1].low == "address")
}

// scopeSaidAgain reports whether the words of where a rule applies that a
// clause holds ("cluster-wide", "nodes") another clause says again: "It
// should be cluster-wide", "Cluster-wide rule - pods labeled app=web may
// reach ..." say where the rules apply, and may not be dropped;
// "Cluster-wide FQDN rule - every pod in the cluster may reach ..." says
// it twice.
func scopeSaidAgain(c clause, out []clause) bool {
	for _, t := range c.toks {
		family := clusterFamily[t.low]
		if family == "" {
			continue
		}
		if !slices.ContainsFunc(out, func(o clause) bool {
			return o.toks[0].start != c.toks[0].start && slices.ContainsFunc(o.toks, func(u token) bool { return clusterFamily[u.low] == family || family == "cluster" && u.low == "cluster" })
		}) {
			return false
		}
	}
	return true
}

// clusterFamily are the words that say a rule is for the whole cluster or
// for nodes, by what they say.
var clusterFamily = map[string]string{"cluster-wide": "cluster", "clusterwide": "cluster", "cluster-level": "cluster", "node": "nodes", "nodes": "nodes", "host": "nodes", "hosts": "nodes"}

// sceneAt reports whether the clause ends in "in X" at n: "Namespaced
// version in rollout-test -" sets a namespace as the scene.
func sceneAt(toks []token, n int) bool {
	return (toks[n].low == "in" || toks[n].low == "inside" || toks[n].low == "within") && n+2 == len(toks) && toks[n+1].kind == tWord &&
		len(validation.IsDNS1123Label(toks[n+1].low)) == 0 && !fillerWords[toks[n+1].low] && !determiners[toks[n+1].low] && !frameWords[toks[n+1].low]
}

// sceneHeading reports whether words before a dash or colon only set the
// namespace the rest is about: "Namespaced version in rollout-test -",
// "NetworkPolicy deny-out in Namespace app -", "Create a NetworkPolicy
// named np in namespace default:". No verdict, pods or value stands in it.
func sceneHeading(toks []token) bool {
	n := len(toks)
	s := -1
	switch {
	case n >= 3 && (toks[n-3].low == "in" || toks[n-3].low == "for") && namespaceWords[toks[n-2].low] && toks[n-1].kind == tWord:
		s = n - 3 // "in namespace app"
	case n >= 4 && (toks[n-4].low == "in" || toks[n-4].low == "for") && toks[n-3].low == "the" && namespaceWords[toks[n-1].low] && toks[n-2].kind == tWord:
		s = n - 4 // "in the app namespace", "access-nginx for the secret namespace"
	case n >= 4 && toks[n-3].low == "," && namespaceWords[toks[n-2].low] && toks[n-1].kind == tWord:
		s = n - 3 // "backend-policy, namespace app"
	case n >= 2 && sceneAt(toks, n-2):
		s = n - 2 // "in rollout-test"
	case n >= 4 && (toks[n-4].low == "for" || toks[n-4].low == "across" || toks[n-4].low == "in") && toks[n-3].low == "the" && (toks[n-2].low == "whole" || toks[n-2].low == "entire") && toks[n-1].low == "cluster":
		s = n - 4 // "Zero-trust baseline for the whole cluster"
	default:
		return false
	}
	for _, t := range toks[:s] {
		w := t.low
		if t.kind != tWord || denyWords[w] || allowWords[w] || auditWords[w] || isolateWords[w] || podNouns[w] && !describedApp(toks, slices.Index(toks[:s], t)) || namespaceWords[w] || processVerbs[w] ||
			reachVerbs[w] || receiveVerbs[w] || ingressWords[w] || egressWords[w] || w == "only" || w == "except" {
			return false
		}
	}
	return true
}

// appShapes say what kind of application a whole is, not which of its
// pods: "multi-tier app", "3-tier app", "microservices application". (A
// "demo app" may be the pods of a workload named demo.)
var appShapes = set("multi-tier", "multitier", "3-tier", "three-tier", "2-tier", "two-tier", "4-tier", "four-tier", "n-tier", "tiered", "microservices")

// describedApp reports whether the pod noun at n is an application named by
// its shape ("multi-tier app in the default namespace:"): the scene of the
// rules after it, whose own words name the pods.
func describedApp(toks []token, n int) bool {
	return appShapeStart(toks, n) >= 0
}

// appShapeStart is where the words that say an application's shape start
// before its noun at n ("multi-tier app", "3 tier web app", "three tier
// web application"), or -1.
func appShapeStart(toks []token, n int) int {
	if n <= 0 || n >= len(toks) || toks[n].low != "app" && toks[n].low != "application" && toks[n].low != "apps" && toks[n].low != "applications" {
		return -1
	}
	k := n - 1
	if k > 0 && toks[k].low == "web" {
		k-- // "3-tier web app"
	}
	switch {
	case appShapes[toks[k].low]:
		return k
	case toks[k].low == "tier" && k > 0 && (toks[k-1].kind == tNumber || tierCounts[toks[k-1].low]):
		return k - 1 // "3 tier app"
	}
	return -1
}

// tierCounts say how many tiers, before the word "tier".
var tierCounts = set("two", "three", "four", "multi", "n")

// subjectHeading reports whether words before a colon only name pods:
// labels, a pod noun or a name, and no verb, direction or scope.
func subjectHeading(toks []token) bool {
	names := false
	for n, t := range toks {
		w := t.low
		switch {
		case hasStatement([]token{t}) || w == "cluster-wide" || w == "clusterwide" || w == "node" || w == "nodes" || w == "host" || w == "hosts" || w == "vm" || w == "vms":
			return false
		case describingWords[w] && t.start == toks[0].start:
			return false // "Suspicious container clients:" is a topic, not pods
		case t.kind == tLabel || (podNouns[w] || workloadKinds[w] != "") && t.start > toks[0].start && (n == len(toks)-1 || toks[n+1].kind != tWord) && !namespaceWords[toks[n-1].low] && !describedApp(toks, n):
			// "the nginx pods:", but not "Network service discovery:",
			// nor "Backend in namespace app:", whose "app" names the
			// namespace
			names = true
		case t.kind != tWord && t.kind != tPunct:
			return false
		}
	}
	return names
}
