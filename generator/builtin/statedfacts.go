package builtin

import (
	"fmt"
	"slices"
	"strings"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/kunerva/kunerva/generator"
)

// contextLabels open a sentence of context before a colon: "Note: only the
// app=db pods hold secrets", "Context: app=web only calls 10.0.0.5 on 443",
// "Kubernetes docs: ...".
var contextLabels = set("note", "notes", "context", "background", "fyi", "aside", "setup", "docs", "doc", "documentation", "info")

// contextAsides open a sentence of context with or without a colon: "FYI
// the scanner only hits /admin", "btw, app=lb talks to app=web", "NB -
// ...", and "For context, ...".
var contextAsides = set("fyi", "btw", "nb")

// contextPlaces open a sentence that says how things are where the user
// runs them: "In our setup only app=lb talks to app=web", "In our
// cluster, ...".
var contextPlaces = set("setup", "environment", "cluster", "deployment", "stack", "infra", "infrastructure")

// factAgents name a tool, outside the policy asked for, whose behaviour
// a sentence can tell: "Traffic from app=legacy is dropped by Istio",
// "Our WAF blocks ... already upstream", "The ACL in /etc/app/acl.yaml
// allows admins only", "the watchdog monitors /var/run/app.pid".
var factAgents = set("istio", "linkerd", "mesh", "firewall", "waf", "acl", "watchdog")

// factSources name, as the subject of a sentence after "the", "our" or
// "we", another policy or an example: "The Helm chart ships a policy that
// allows ...", "Our old policy allows ...", "We already have a policy
// where ...", "The docs example audits ...".
var factSources = set("chart", "docs", "example", "tutorial", "upstream", "old", "existing", "previous", "already")

// verdictNounHeads are words of a verdict used as a noun before another:
// "the audit logs", "the code block" (after), "the block device", "the
// alert rules", "the allowlist file", "the blocklist service".
var verdictNounHeads = set("logs", "log", "trail", "device", "devices", "rules", "file", "files", "service", "services", "list", "entries", "format", "level", "directory", "dir")

// verdictListNouns are lists named by a verdict: "the allowlist", "our
// blocklist".
var verdictListNouns = set("allowlist", "blocklist", "whitelist", "blacklist", "denylist")

// factOpening returns where the words of a clause begin after an opener of
// context ("Note:", "Note that", "Context:", "FYI", "For context,", "In
// our setup", "By default,"), and whether there was one.
func factOpening(toks []token) (int, bool) {
	switch {
	case len(toks) > 2 && contextLabels[toks[0].low] && (toks[1].low == ":" || toks[1].low == "-"):
		return 2, true
	case len(toks) > 1 && contextAsides[toks[0].low]:
		n := 1
		for n < len(toks)-1 && (toks[n].low == ":" || toks[n].low == "," || toks[n].low == "-") {
			n++
		}
		return n, true
	case len(toks) > 3 && toks[0].low == "for" && toks[1].low == "context" && (toks[2].low == "," || toks[2].low == ":"):
		return 3, true
	case len(toks) > 3 && contextLabels[toks[1].low] && toks[2].low == ":" && toks[0].kind == tWord:
		return 3, true // "Kubernetes docs:"
	case len(toks) > 2 && toks[0].low == "note" && toks[1].low == "that":
		return 2, true
	case len(toks) > 2 && toks[0].low == "by" && toks[1].low == "default":
		n := 2
		if toks[n].low == "," {
			n++
		}
		return n, true
	case len(toks) > 3 && toks[0].low == "in" && (toks[1].low == "our" || toks[1].low == "the" || toks[1].low == "my") && contextPlaces[toks[2].low]:
		n := 3
		if toks[n].low == "," {
			n++
		}
		return n, true
	}
	return 0, false
}

// statedFact reports whether a clause states how things are, not what a
// policy should do: with no modal, no "please", "let", "want" or "need",
// not opening (after its opener) with a word of a rule, it is said as
// context ("Note: only the app=db pods hold secrets", "In our setup only
// app=lb talks to app=web"), tells what another policy, a tool or an
// example does ("Our old policy allows ingress to app=web from anywhere",
// "Traffic to 8.8.8.8 is permitted by the firewall"), says who is the only
// one ("app=api is the only thing talking to app=db"), or uses a verdict's
// word as a noun ("/var/log/audit/ holds the audit logs", "/dev/sda is the
// block device", "The allowlist file /etc/app/allow.conf is read at
// boot"). Beside a rule it is no rule of its own; kunerva asks.
func statedFact(toks []token) bool {
	n, opened := factOpening(toks)
	if n >= len(toks) {
		return false
	}
	for k, t := range toks {
		w := t.low
		// A modal, a request or an order anywhere makes it a rule:
		// "Just like with firewall rules, deny all ...", "..., so log
		// file activity in ...".
		if modals[w] || w == "please" || w == "let" || w == "want" || w == "wants" || w == "need" || w == "needs" || w == "make" || w == "ensure" ||
			w == "shouldn't" || w == "mustn't" || w == "can't" || w == "cannot" || w == "won't" || w == "couldn't" || w == "wouldn't" {
			return false
		}
		if k > n && (ruleMarker(t) || isolateWords[w]) && !negationWords[w] && slices.Contains([]string{",", ":", ";", "so", "then", "and", "-", "(", "to"}, toks[k-1].low) {
			return false
		}
		// "Example: allow only ...", "chart: opt-in ...": a title before
		// its rule; only a colon of context opens a fact.
		if w == ":" && k >= n {
			return false
		}
	}
	first := toks[n]
	if ruleMarker(first) || isolateWords[first.low] || first.low == "only" && !opened {
		return false
	}
	if opened {
		return true
	}
	marked := slices.ContainsFunc(toks, func(t token) bool { return ruleMarker(t) || restrictionWords[t.low] })
	subject := first.low == "the" || first.low == "our" || first.low == "we" || first.low == "a"
	for k, t := range toks {
		w := t.low
		switch {
		case factAgents[w] || w == "nated":
			return true
		case factSources[w] && subject && k-n < 4:
			return true
		case (w == "is" || w == "are") && k+2 < len(toks) && toks[k+1].low == "the" && toks[k+2].low == "only" && !marked && slices.ContainsFunc(toks[:k], func(t token) bool { return t.kind == tLabel }):
			return true
		case (auditWords[w] || denyWords[w] || allowWords[w]) && !negationWords[w] && k+1 < len(toks) && verdictNounHeads[toks[k+1].low]:
			return true
		case w == "block" && k > 0 && toks[k-1].low == "code":
			return true
		case (w == "log" || w == "logs") && k > 0 && (toks[k-1].low == "their" || toks[k-1].low == "its" || toks[k-1].low == "our" || toks[k-1].low == "his" || toks[k-1].low == "her"):
			return true
		case k > n && len(w) > 3 && w[len(w)-1] == 's' && (auditWords[w] || denyWords[w]) && !negationWords[w] && (thirdPersonSubject(toks[n:k]) || gerundSubject(toks[n:k])):
			return true
		case verdictListNouns[w] && k > 0 && (toks[k-1].low == "the" || toks[k-1].low == "our"):
			return true
		}
	}
	return false
}

// thirdPersonSubject reports whether the words before a verb of a verdict
// in the present ("kubelet logs to", "The app denies requests") are a
// subject of words alone that is not the policy ("This policy allows ..."
// describes the one asked for) and not pods named by a label.
func thirdPersonSubject(before []token) bool {
	// "On the nodes, kubelet logs to ...": the subject after a place.
	for c := len(before) - 1; c >= 0; c-- {
		if before[c].low == "," {
			before = before[c+1:]
			break
		}
	}
	if len(before) == 0 || len(before) > 4 {
		return false
	}
	for _, t := range before {
		w := t.low
		if t.kind != tWord || policyNouns[w] || enforcers[w] || w == "it" || w == "this" || w == "that" || w == "which" || w == "who" || w == "kunerva" || w == "rules" || w == "only" || w == "also" || w == "and" || w == "or" || prepositions[w] {
			return false
		}
	}
	return !determiners[before[len(before)-1].low]
}

// gerundSubject reports whether the words before a verb of a verdict in
// the present open with an act ("Applying a NetworkPolicy suddenly blocks
// all traffic", "Enabling Hubble denies ..."): what doing it does, told.
func gerundSubject(before []token) bool {
	// "[gotcha] Applying ...": a tag before the sentence.
	if len(before) > 2 && before[0].low == "(" && before[2].low == ")" {
		before = before[3:]
	}
	if len(before) == 0 || len(before) > 6 {
		return false
	}
	w := before[0].low
	return before[0].kind == tWord && len(w) > 5 && strings.HasSuffix(w, "ing") && !ruleMarker(before[0]) && !allowWords[w] && !denyWords[w] && !auditWords[w] &&
		!slices.ContainsFunc(before, func(t token) bool { return modals[t.low] || t.kind == tLabel })
}

// peerElsewhere reports whether a rule of in names as a peer the pods of
// s by the same labels in another namespace than the one s is in.
func peerElsewhere(in *generator.Intent, s generator.Subject) bool {
	for _, r := range in.Network {
		for _, p := range r.Peers {
			if p.Pods == nil || p.Namespaces != nil || !sameJSON(p.Pods, s.Pods) {
				continue
			}
			ns := p.Namespace
			if ns == "" {
				ns = in.Subject.Namespace
			}
			if ns != s.Namespace {
				return true
			}
		}
	}
	return false
}

// verdictAsNoun reports whether the verdict word at k names a thing or
// tells what something else does, so it is no action of a rule: before a
// noun after "the" ("the audit logs", "the allowlist file", "the alert
// rules"), "code block", "the allowlist" itself, a verb in the present
// whose subject is a thing named by words ("The watchdog monitors ...",
// "kubelet logs to ..."), or "log(s) to" after pods ("app=web logs to
// /var/log/web.log", "the web pods log to ...").
func verdictAsNoun(toks []token, k int) bool {
	w := toks[k].low
	if !auditWords[w] && !allowWords[w] && !denyWords[w] || negationWords[w] {
		return false
	}
	prev := ""
	if k > 0 {
		prev = toks[k-1].low
	}
	owner := prev == "the" || prev == "our" || prev == "its" || prev == "their"
	switch {
	case owner && k+1 < len(toks) && verdictNounHeads[toks[k+1].low]:
		return true
	case w == "block" && prev == "code":
		return true
	case owner && verdictListNouns[w]:
		return true
	case (w == "logs" || w == "log") && k+1 < len(toks) && toks[k+1].low == "to" && k > 0 && (toks[k-1].kind == tLabel || podNouns[prev]):
		return true
	case len(w) > 3 && w[len(w)-1] == 's' && (auditWords[w] || denyWords[w]) && k > 0 && thirdPersonSubject(toks[:k]):
		return true
	}
	return false
}

// placedPodsLost asks when the request places pods named by one label in
// a namespace ("The app=lb pods are in namespace edge", "The scan came
// from app=scanner in namespace dev") and a policy names the same pods,
// as its subject or a peer, in another namespace: the sentence that placed
// them was set aside as context or story, and the pods were lost to the
// default namespace.
func placedPodsLost(request string, toks []token, merged *generator.Intent) error {
	placed := map[string][]string{}
	between := set("pods", "pod", "are", "is", "live", "lives", "run", "runs", "sit", "sits", "all", "both", "in", "namespace", "(", ")")
	for i, t := range toks {
		if t.kind != tLabel || !strings.Contains(t.low, "=") {
			continue
		}
		for k := i + 1; k < len(toks) && k <= i+6 && between[toks[k].low]; k++ {
			if toks[k].low == "namespace" && k+1 < len(toks) && toks[k+1].kind == tWord && toks[k-1].low == "in" && !slices.Contains([]string{"labeled", "labelled", "with", "that", "where"}, toks[k+1].low) {
				if _, ok := placed[t.low]; !ok {
					placed[t.low] = []string{toks[k+1].low}
					// "app=api in namespace b and namespace c": the
					// same pods in both (labelsToNextNamespace).
					for n := k + 2; n+2 < len(toks) && (toks[n].low == "and" || toks[n].low == "or" || toks[n].low == ",") && toks[n+1].low == "namespace" && toks[n+2].kind == tWord; n += 3 {
						placed[t.low] = append(placed[t.low], toks[n+2].low)
					}
				}
				break
			}
		}
	}
	if len(placed) == 0 {
		return nil
	}
	one := func(sel *metav1.LabelSelector) string {
		if sel == nil || len(sel.MatchLabels) != 1 || len(sel.MatchExpressions) != 0 {
			return ""
		}
		for k, v := range sel.MatchLabels {
			return strings.ToLower(k + "=" + v)
		}
		return ""
	}
	for _, x := range append([]*generator.Intent{merged}, merged.Others...) {
		if nss, ok := placed[one(x.Subject.Pods)]; ok && !slices.Contains(nss, x.Subject.Namespace) {
			ns := nss[0]
			return &generator.NotUnderstoodError{Request: request, Understood: x.Summary(), Example: generator.ExampleFor(x),
				Missing: fmt.Sprintf("are the pods labeled %s in namespace %s, as the request says once, or in %s? Say the namespace in the rule", labelsText(x.Subject.Pods.MatchLabels), ns, x.Subject.Namespace)}
		}
		for _, r := range x.Network {
			for _, p := range r.Peers {
				if p.Namespaces != nil {
					continue
				}
				at := p.Namespace
				if at == "" {
					at = x.Subject.Namespace
				}
				if nss, ok := placed[one(p.Pods)]; ok && !slices.Contains(nss, at) {
					ns := nss[0]
					return &generator.NotUnderstoodError{Request: request, Understood: x.Summary(), Example: generator.ExampleFor(x),
						Missing: fmt.Sprintf("are the pods labeled %s that the rule names in namespace %s, as the request says once, or in %s? Say the namespace in the rule (\"... %s in namespace %s\")", labelsText(p.Pods.MatchLabels), ns, at, labelsText(p.Pods.MatchLabels), ns)}
				}
			}
		}
	}
	return nil
}
