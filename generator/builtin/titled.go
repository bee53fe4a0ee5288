package builtin

import (
	"fmt"
	"slices"
	"strings"
	"unicode"

	"github.com/kunerva/kunerva/generator"
)

// pronouns point back at what another clause names.
var pronouns = set("it", "its", "they", "them", "their", "theirs", "these", "those")

// titleErrors are the questions a title asks when read as a rule of its
// own: whom it is for, which of the words it names, which way.
var titleErrors = []string{"which pods should", "cannot audit traffic", "what should be denied? I found no peers", "is the policy for", "the same pods or two sets", "default deny takes no peers", "which peers should this allow", "which direction", "I do not understand this as a security policy", "Give their labels", "which labels do the", "which port is HTTP on here"}

// titleExceptions make a title more than a summary: what it leaves out
// would be lost with it.
var titleExceptions = set("except", "excluding", "unless", "minus", "apart", "besides", "without", "instead")

// titlePeers name peers a title could add: they must be said again.
var titlePeers = set("dns", "internet", "world", "kube-dns", "coredns", "apiserver", "kube-apiserver", "api-server", "everywhere", "anywhere", "everyone", "anyone")

// peerOfRules reports whether a peer a title names by the word w is a peer
// of the rules: the world for "internet", the cluster DNS for "dns".
func peerOfRules(w string, ruledIn []*generator.Intent) bool {
	entity := entityWord(w)
	switch w {
	case "internet", "world", "everywhere", "anywhere", "everyone", "anyone":
		entity = "world"
	case "apiserver", "kube-apiserver", "api-server":
		entity = "kube-apiserver"
	}
	for _, in := range ruledIn {
		for _, x := range append([]*generator.Intent{in}, in.Others...) {
			for _, r := range x.Network {
				if slices.ContainsFunc(r.Peers, func(p generator.Peer) bool {
					return p.Entity != "" && p.Entity == entity || entity == "world" && p.CIDR == "0.0.0.0/0" || (w == "dns" || w == "kube-dns" || w == "coredns") && p.ClusterDNS
				}) {
					return true
				}
			}
		}
	}
	return false
}

// titleDescribing say what the pods of a title are like, not which:
// "from a specific pod", "an immutable container", "in one policy".
var titleDescribing = set("specific", "particular", "certain", "given", "single", "individual", "immutable", "one", "same")

// nameList reports whether toks, after an opening parenthesis, up to its
// closing one, are names joined by commas, "and" or "or": "(iodine,
// dnscat2, dns2tcp)".
func nameList(toks []token) bool {
	names, joined := 0, true
	for _, t := range toks {
		switch {
		case t.low == ")":
			return names > 1
		case t.low == "," || t.low == "and" || t.low == "or":
			joined = true
		case t.kind == tWord && joined:
			names, joined = names+1, false
		default:
			return false
		}
	}
	return false
}

// titleScope are words of where a policy applies; a title that says one the
// rules do not say again is more than a summary.
// titleScenes stand before the place a title names: "in prod", "inside
// team-a", "within the payments namespace", "for staging".
var titleScenes = set("in", "for", "inside", "within")

var titleScope = set("cluster", "cluster-wide", "clusterwide", "cluster-level", "global", "node", "nodes", "host", "hosts", "namespaces")

// summaryClauses is how many clauses from the first, all refused, make the
// request's first sentence when it is a title that the rules after it say
// in full; 0 if it is not. "Example: allow ingress from a specific pod in
// the same namespace. Pods labelled app: backend should receive traffic on
// port 8080 from pods labelled app: frontend", "Cilium can filter the
// outgoing DNS traffic. I want pods labeled ... to only resolve names under
// *.google.com", "Block what isn't necessary and allow what is essential.
// The CAD render pods ... only /opt/cad/bin/licensecheck may use the
// network". Read alone each clause asks whom it is for; every value it
// names, every name beside a pod or namespace noun and every word of scope
// is said again by the clauses that make rules, it names no exception, and
// its verdict and direction words are theirs: an allow word needs an allow,
// a deny word a deny or an allow-list (which denies the rest), an audit
// word an audit, a direction word a rule that way (see summarizes).
func summaryClauses(request string, cs []clause, errs []error, opts generator.Options, ruled []clause, ruledIn []*generator.Intent, dismissed []clause) int {
	if len(cs) == 0 || !opensSentence(request, cs[0]) && !afterSeriesNumber(request, cs[0], dismissed) {
		return 0
	}
	for k := range cs {
		if errs[k] == nil || !summarizes(request, cs[k], errs[k], opts, ruled, ruledIn) {
			return 0
		}
		if endsSentence(request, cs[k], dismissed) || k == 0 && (endsHeading(request, cs[k]) || reasonEndsHeading(request, cs[k], dismissed)) || endsAtDash(request, cs[k]) && k+1 < len(cs) && errs[k+1] == nil {
			return k + 1
		}
	}
	return 0
}

// titleCased reports whether toks, up to a dash or the end of the
// sentence, are the words of a title, each capitalized but for small words,
// asides in parentheses aside: "Block Sensitive File Access", "Default Deny
// All", "Allow App Traffic (namespace production)".
func titleCased(toks []token) bool {
	depth, capitals := 0, 0
	for _, t := range toks {
		switch {
		case t.low == "(":
			depth++
		case t.low == ")":
			depth--
		case depth > 0:
		case t.kind == tPunct && (t.low == "-" || t.low == "." || t.low == ";" || t.low == "!" || t.low == "?"):
			return capitals >= 2
		case t.kind == tWord && t.raw != "" && unicode.IsUpper(rune(t.raw[0])):
			capitals++
		case t.kind == tWord && titleSmallWords[t.low]:
		default:
			return false
		}
	}
	return capitals >= 2
}

// titleSmallWords stay lower case in a title.
var titleSmallWords = set("a", "an", "the", "of", "and", "or", "to", "in", "on", "for", "from", "by", "with")

// afterSeriesNumber reports whether clause c follows the number of a part
// of a series, or a heading, and a dash, as a title does: "Policy 5 - Block
// Capabilities - for the wisecow pods block ...", "wisecow-secure-policy,
// PROCESS SECTION - what programs are allowed to run? For app=wisecow ...".
func afterSeriesNumber(request string, c clause, dismissed []clause) bool {
	return slices.ContainsFunc(dismissed, func(d clause) bool {
		return (seriesHeading(d.toks) || d.dismissed == "heading") && d.toks[len(d.toks)-1].end <= c.toks[0].start && strings.Trim(request[d.toks[len(d.toks)-1].end:c.toks[0].start], " -–—:") == ""
	})
}

// seriesTitleHeldBack asks about the title of a part of a series that
// holds the rule after it back or narrows it: "Policy 4: Do Not Apply -
// only app=web may reach ...", "Policy 4: Disabled For Now - ...", "Policy
// 5: Canary Pods - for the wisecow pods block NET_RAW". Set aside as a
// title, its words were lost and the rule applied to all the pods, now.
func seriesTitleHeldBack(request string, d clause, dismissed []clause, all []*generator.Intent) error {
	if !afterSeriesNumber(request, d, dismissed) {
		return nil
	}
	for k, t := range d.toks {
		// "pattern 2: a compromised pod must not wander off" is the goal:
		// only "not" before a word of being in force holds the rule back.
		notInForce := negationWords[t.low] && k+1 < len(d.toks) && inForceWords[d.toks[k+1].low]
		if t.kind == tWord && !readByIntents(t, all) && (heldBackWords[t.low] || scopeQualifiers[t.low] || notInForce || t.low == "draft") {
			return &generator.NotUnderstoodError{Request: request, Understood: all[0].Summary(), Example: generator.ExampleFor(all[0]),
				Missing: fmt.Sprintf("the title %q holds back or narrows the rules after it (%q): which pods, and when, should they apply to? Say it in the rule, or leave the title out", d.text(request), t.raw)}
		}
	}
	return nil
}

// inForceWords say a policy is in force: "Not Enforced", "not applied yet".
var inForceWords = set("enforced", "applied", "active", "enabled", "deployed", "live", "final")

// heldBackOrder reports whether toks order a policy held back, anywhere
// in the request: "Do not apply.", "Don't deploy this yet.".
func heldBackOrder(toks []token) bool {
	k := 1
	if len(toks) > 2 && toks[0].low == "do" && toks[1].low == "not" {
		k = 2
	}
	return len(toks) > k && deployVerbs[toks[k].low]
}

// deployVerbs put a policy in force.
var deployVerbs = set("apply", "deploy", "activate")

// endsAtDash reports whether clause c ends at a dash, as a title does
// before the rule it heads: "Cache servers must only be reachable by the
// app tier that uses them - pods labeled app=redis may receive traffic
// only from ...", "Egress hardening – pods labeled app=worker may only
// ...". The clause after the dash must make a rule (see summaryClauses).
func endsAtDash(request string, c clause) bool {
	after := strings.TrimSpace(request[c.toks[len(c.toks)-1].end:])
	return strings.HasPrefix(after, "-") || strings.HasPrefix(after, "–") || strings.HasPrefix(after, "—")
}

// titledClause reads clause c, the request's first, refused with err, as a
// title before a colon and the rule after it: "Allow ICMP ping for all
// workloads: every pod in the cluster may receive ICMPv4 type 8 ...",
// "Use-case: allow egress on a range of ports ...". When the words after
// the colon make a rule and the title only summarizes it and the rules of
// the other clauses, it returns the title and the rule's clause and intent.
func titledClause(request string, c clause, err error, opts generator.Options, ruled []clause, ruledIn []*generator.Intent) (title, rule clause, in *generator.Intent, ok bool) {
	depth := 0
	for k, t := range c.toks {
		switch t.low {
		case "(":
			depth++
		case ")":
			depth--
		}
		if t.low != ":" || depth != 0 || k == 0 || k+1 == len(c.toks) {
			continue
		}
		title, rule = clause{toks: c.toks[:k], dismissed: "summary"}, clause{toks: c.toks[k+1:], multi: c.multi, defs: c.defs}
		// "for every pod in the default namespace: they should accept ...":
		// a rule that points back at pods leaves them to the title.
		if slices.ContainsFunc(rule.toks, func(t token) bool { return pronouns[t.low] }) {
			return clause{}, clause{}, nil, false
		}
		in, rerr := parseClause(request, rule, opts, nil, nil)
		if rerr != nil || !summarizes(request, title, err, opts, append([]clause{rule}, ruled...), append([]*generator.Intent{in}, ruledIn...)) {
			return clause{}, clause{}, nil, false
		}
		return title, rule, in, true
	}
	return clause{}, clause{}, nil, false
}
