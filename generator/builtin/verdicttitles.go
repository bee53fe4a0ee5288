package builtin

import (
	"fmt"
	"slices"
	"strings"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/kunerva/kunerva/generator"
)

// isolateTitle reports whether clause c is a title before a dash or a
// colon whose only word of a verdict is a noun of isolation, beside a rule
// that makes only system rules: "Web tier lockdown - block access to
// /etc/shadow in pods labeled app=nginx". Read as a rule, it would isolate
// the network of the pods the system rule names; it takes no pods, and
// beside such rules only it is their title (explainsRules).
func isolateTitle(request string, c clause, from ...*generator.Intent) bool {
	if len(from) == 0 || len(c.toks) == 0 {
		return false
	}
	for _, in := range from {
		if in == nil || len(in.System) == 0 || len(in.Network) > 0 || slices.ContainsFunc(in.Others, func(x *generator.Intent) bool { return len(x.Network) > 0 }) {
			return false
		}
	}
	after := strings.TrimSpace(request[c.toks[len(c.toks)-1].end:])
	if !strings.HasPrefix(after, "-") && !strings.HasPrefix(after, ":") && !strings.HasPrefix(after, "—") {
		return false
	}
	// "deny-all - block writes to /etc/ ...", "default-deny - only /bin/sh
	// may run ...": a policy's name, one word of parts joined by dashes,
	// whose verdict is the system rules' own posture.
	if kebabVerdictName(c.toks) {
		return true
	}
	noun := false
	for _, t := range c.toks {
		switch {
		case isolateNouns[t.low]:
			noun = true
		case t.kind != tWord && t.kind != tPunct || denyWords[t.low] || allowWords[t.low] || auditWords[t.low] || isolateWords[t.low] || ingressWords[t.low] || egressWords[t.low]:
			return false
		}
	}
	return noun
}

// kebabVerdictName reports whether toks are one word of parts joined by
// dashes, one of them a verdict, the way a policy is named: "deny-all",
// "default-deny", "block-everything". Spaced ("Deny all - block /bin/sh")
// it may be an order of its own: verdictTitleAsked.
func kebabVerdictName(toks []token) bool {
	if len(toks) != 1 || toks[0].kind != tWord || !strings.Contains(strings.Trim(toks[0].low, "-"), "-") {
		return false
	}
	for _, part := range strings.Split(toks[0].low, "-") {
		if denyWords[part] || isolateWords[part] {
			return true
		}
	}
	return false
}

// verdictTitleAsked reports whether clause c opens the request with words
// of a verdict alone before a dash ("Deny all - block /bin/sh in pods
// labeled app=web", "Default deny - ..."), beside rules that make only
// system rules: the title of the system rules, or a network default deny
// of their pods as well? Read as a rule it gave a NetworkPolicy nobody
// may have asked for; it is asked about.
func verdictTitleAsked(request string, c clause, from *generator.Intent) bool {
	if from == nil || len(c.toks) < 2 || c.toks[0].start != 0 || len(from.System) == 0 || len(from.Network) > 0 {
		return false
	}
	after := strings.TrimSpace(request[c.toks[len(c.toks)-1].end:])
	if !strings.HasPrefix(after, "-") && !strings.HasPrefix(after, "—") {
		return false
	}
	verdict := false
	for _, t := range c.toks {
		switch {
		case denyWords[t.low] || isolateWords[t.low]:
			verdict = true
		case t.low == "all" || t.low == "everything" || t.low == "default" || t.low == "by":
		default:
			return false
		}
	}
	return verdict
}

// roleWords say what kind of server or workload pods are, not which:
// "the web server", "a mail server", "the mining workload".
var roleWords = set("web", "mail", "build", "file", "proxy", "database", "cache", "mining", "miner", "game", "media", "print", "ftp", "backup", "streaming")

// roleOfLabeledPods reports whether w, which a title puts before a pod
// noun ("Web server exploitation: in pods labeled app=php-frontend, block
// ...", "Contain the mining workload: for pods labeled app=api ..."), is a
// role word and every rule names its pods by labels: the title says what
// kind of pods they are. (With a tree, a workload of that name is pods of
// the tree: summarizes asks first.)
func roleOfLabeledPods(w string, ruledIn []*generator.Intent) bool {
	if !roleWords[w] || len(ruledIn) == 0 {
		return false
	}
	for _, x := range ruledIn {
		for _, y := range append([]*generator.Intent{x}, x.Others...) {
			if y.Subject.Scope != generator.ScopePods || y.Subject.Pods == nil || len(y.Subject.Pods.MatchLabels) == 0 && len(y.Subject.Pods.MatchExpressions) == 0 {
				return false
			}
		}
	}
	return true
}

// endsHeading reports whether a colon follows clause c: "Contain the
// mining workload: for pods labeled app=api ...". Such a title summarizes
// the rule after it as a sentence before the rules does.
//
// A dash does too, after words alone with no verb of a rule: "Egress
// hardening - the app=web pods may only reach 10.0.0.0/8 on 443".
func endsHeading(request string, c clause) bool {
	after := strings.TrimSpace(request[c.toks[len(c.toks)-1].end:])
	if strings.HasPrefix(after, ":") {
		return true
	}
	return endsAtDash(request, c) && !slices.ContainsFunc(c.toks, func(t token) bool {
		w := t.low
		return t.kind != tWord || reachVerbs[w] || receiveVerbs[w] || allowWords[w] || denyWords[w] || auditWords[w] || isolateWords[w] || modals[w] || fileVerbs[w] || processVerbs[w]
	})
}

// reasonEndsHeading reports whether the reasons said after clause c end
// at a colon, as a heading does: "Controlling outbound traffic matters for
// compliance: the app=billing pods may only ...", "Locking this down is
// important for security: ..." (the reason "for compliance" is dismissed
// as a rationale; the words before it are the heading).
func reasonEndsHeading(request string, c clause, dismissed []clause) bool {
	end := c.toks[len(c.toks)-1].end
	for {
		k := slices.IndexFunc(dismissed, func(d clause) bool {
			return d.dismissed == "rationale" && d.toks[0].start >= end && strings.Trim(request[end:d.toks[0].start], " ,") == ""
		})
		if k < 0 {
			return false
		}
		end = dismissed[k].toks[len(dismissed[k].toks)-1].end
		if strings.HasPrefix(strings.TrimSpace(request[end:]), ":") {
			return true
		}
	}
}

// scopeOfRules reports whether the scope word w of a title ("cluster-wide",
// "nodes") is where every rule of ruledIn applies: the whole cluster, or
// the nodes.
func scopeOfRules(w string, ruledIn []*generator.Intent) bool {
	family := clusterFamily[w]
	if family == "" || len(ruledIn) == 0 {
		return false
	}
	for _, x := range ruledIn {
		for _, y := range append([]*generator.Intent{x}, x.Others...) {
			if family == "cluster" && y.Subject.Scope != generator.ScopeCluster || family == "nodes" && y.Subject.Scope != generator.ScopeNodes {
				return false
			}
		}
	}
	return true
}

// titleExceptWords make a deny title a default deny with exceptions, which
// the allow rules after it are: "Block everything to api except web",
// "Deny all but web to api".
var titleExceptWords = set("except", "but", "only", "other", "others", "else", "unless", "besides", "excluding", "apart", "save")

// endWords are the words of a selector's values, by which a sentence names
// the pods: app=web says "web", app.kubernetes.io/name=api-gw "api-gw".
func endWords(sel *metav1.LabelSelector) map[string]bool {
	words := map[string]bool{}
	if sel == nil {
		return words
	}
	for _, v := range sel.MatchLabels {
		words[strings.ToLower(v)] = true
	}
	return words
}

// deniedThenAllowed asks when a sentence set aside (a title, a summary, an
// explanation) denies or negates traffic between two pods that a rule of
// the request allows: "Block web to api. The api pods (app=api) accept
// traffic from the web pods (app=web) on TCP 8080.", "The web pods must not
// reach the api. Pods labeled app=web may only send traffic to app=api".
// Set aside, the deny was lost and the allow given. So was "Block web."
// before it: a deny that names only the rule's peers. A deny of all the
// pods' traffic ("Deny egress for web", "Block all traffic to api") names
// one end and is the default deny the allow-list makes; an exception
// ("except", "but", "only") makes it so too.
func deniedThenAllowed(request string, d clause, intents []*generator.Intent) error {
	switch d.dismissed {
	case "summary", "explanation", "heading", "remark", "no-statement", "describes-the-pods":
	default:
		return nil
	}
	// ("Keep web away from db": away from, as a deny.)
	if !slices.ContainsFunc(d.toks, func(t token) bool {
		return denyWords[t.low] || isolateWords[t.low] || t.low == "away" || t.low == "unreachable" || t.low == "inaccessible"
	}) ||
		slices.ContainsFunc(d.toks, func(t token) bool { return titleExceptWords[t.low] }) {
		return nil
	}
	// says is where words name one end: the token, and the part of a
	// hyphenated word ("Web-to-api traffic").
	says := func(words map[string]bool) (int, int) {
		for k, t := range d.toks {
			if t.kind != tWord {
				continue
			}
			for n, w := range strings.Split(t.low, "-") {
				if words[w] || words[strings.TrimSuffix(w, "s")] || words[strings.TrimSuffix(w, "'s")] || n == 0 && words[t.low] {
					return k, n
				}
			}
		}
		return -1, -1
	}
	for _, in := range intents {
		for _, x := range append([]*generator.Intent{in}, in.Others...) {
			own := endWords(x.Subject.Pods)
			for _, r := range x.Network {
				if r.Verdict != generator.Allow {
					continue
				}
				for _, peer := range r.Peers {
					theirs := endWords(peer.Pods)
					if peer.Namespace != "" {
						theirs[peer.Namespace] = true
					}
					a, an := says(own)
					b, bn := says(theirs)
					// "Block web. The api pods accept traffic from the web
					// pods": the deny names only the pods the rule lets in
					// (or out to), not the rule's own, as an order.
					if a < 0 && b >= 0 && (denyWords[d.toks[0].low] || isolateWords[d.toks[0].low]) {
						return &generator.NotUnderstoodError{Request: request, Understood: x.Summary(), Example: generator.ExampleFor(x),
							Missing: fmt.Sprintf("the request both allows and denies: %q denies %s, and a rule allows traffic between %s and the %s: should it allow or block this? Ask once for each",
								d.text(request), strings.Split(d.toks[b].raw, "-")[bn], strings.Split(d.toks[b].raw, "-")[bn], strings.TrimPrefix(subjectText(x.Subject), "applies to "))}
					}
					if a < 0 || b < 0 || a == b && an == bn {
						continue
					}
					return &generator.NotUnderstoodError{Request: request, Understood: x.Summary(), Example: generator.ExampleFor(x),
						Missing: fmt.Sprintf("the request both allows and denies: %q denies traffic between %s and %s, and a rule allows it: should it allow or block this? Ask once for each",
							d.text(request), strings.Split(d.toks[a].raw, "-")[an], strings.Split(d.toks[b].raw, "-")[bn])}
				}
			}
		}
	}
	return nil
}
