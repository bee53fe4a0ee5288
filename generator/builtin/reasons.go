package builtin

import (
	"fmt"
	"path"
	"slices"
	"strings"

	"github.com/kunerva/kunerva/generator"
)

// otherNamespacesRest checks that "everything from other namespaces gets
// dropped", said after an allow-list, is the rest it drops: the allow-list
// lets in every pod of the pods' own namespace. "Only accept traffic from
// namespace audit; everything from other namespaces gets dropped" could
// leave the namespace's own traffic alone, which the allow-list would drop.
func otherNamespacesRest(request string, d clause, intents []*generator.Intent) error {
	if d.dismissed != "rest-from-other-namespaces" {
		return nil
	}
	for _, in := range intents {
		for _, x := range append([]*generator.Intent{in}, in.Others...) {
			if !slices.ContainsFunc(x.Network, func(r generator.NetworkRule) bool {
				return r.Verdict == generator.Allow && r.Direction == generator.Ingress
			}) ||
				slices.ContainsFunc(x.Network, func(r generator.NetworkRule) bool {
					return r.Verdict == generator.Allow && r.Direction == generator.Ingress && slices.ContainsFunc(r.Peers, func(p generator.Peer) bool {
						return p.Namespaces == nil && (p.Namespace == "" || p.Namespace == x.Subject.Namespace) && (p.Pods == nil || len(p.Pods.MatchLabels)+len(p.Pods.MatchExpressions) == 0) &&
							p.CIDR == "" && p.FQDN == "" && p.Entity == "" && p.Service == "" && !p.ClusterDNS
					})
				}) {
				continue
			}
			return &generator.NotUnderstoodError{Request: request, Understood: x.Summary(), Example: generator.ExampleFor(x),
				Missing: fmt.Sprintf("which pods may still reach them? %q drops what comes from other namespaces, but the rules let in only what they name: should every pod of their own namespace still reach them? Say it (\"and from the same namespace\")", d.text(request))}
		}
	}
	return nil
}

// restDirection checks that a dismissed clause that names a direction
// ("- nothing else gets in to them") agrees with the rules: a request whose
// rules are all egress but says what gets in is about other pods.
func restDirection(request string, d clause, intents []*generator.Intent) error {
	if d.dismissed != "allow-list-rest" && d.dismissed != "no-statement" {
		return nil
	}
	said := saidDirection(d.toks)
	if said == "" {
		return nil
	}
	var rules []generator.NetworkRule
	for _, in := range intents {
		rules = append(rules, in.Network...)
	}
	// "..., every other ingress and egress is denied": the rest of both
	// directions; a direction no rule is about would be left open.
	for _, dir := range []generator.Direction{generator.Ingress, generator.Egress} {
		if len(rules) > 0 && dir != said && saysDirection(d.toks, dir) && !slices.ContainsFunc(rules, func(r generator.NetworkRule) bool { return r.Direction == dir }) {
			return &generator.NotUnderstoodError{Request: request, Understood: intents[0].Summary(),
				Missing: fmt.Sprintf("%q is about %s too, but no rule is: should all %s be denied? Say it as a rule of its own (\"deny all %s\")", d.text(request), dir, dir, dir),
				Example: generator.ExampleFor(intents[0])}
		}
	}
	if len(rules) == 0 || slices.ContainsFunc(rules, func(r generator.NetworkRule) bool { return r.Direction == said }) {
		return nil
	}
	return &generator.NotUnderstoodError{Request: request, Understood: intents[0].Summary(),
		Missing: fmt.Sprintf("the rules are about %s traffic, but %q is about %s: which pods should the policy be for?", rules[0].Direction, d.text(request), said),
		Example: generator.ExampleFor(intents[0])}
}

// restOfDenyList checks that the rest of an allow-list ("everything else
// gets denied", "addresses that aren't on the list get denied") follows
// rules that allow something: after rules that only deny ("block egress
// to 10.0.0.0/8; everything else gets denied") it says to deny all, which
// the rules do not.
func restOfDenyList(request string, d clause, intents []*generator.Intent) error {
	if d.dismissed != "allow-list-rest" {
		return nil
	}
	var rules []generator.NetworkRule
	for _, in := range intents {
		rules = append(rules, in.Network...)
	}
	if len(rules) == 0 || slices.ContainsFunc(rules, func(r generator.NetworkRule) bool { return r.Verdict != generator.Deny }) {
		return nil
	}
	return &generator.NotUnderstoodError{Request: request, Understood: intents[0].Summary(),
		Missing: fmt.Sprintf("the rules only deny, but %q denies the rest too: should everything be denied (\"deny all egress\"), or only what the rules name?", d.text(request)),
		Example: generator.ExampleFor(intents[0])}
}

// outwardVerbs say traffic a pod sends: "can't reach the internet",
// "cannot phone home", "won't connect out".
var outwardVerbs = map[string]bool{
	"reach": true, "connect": true, "talk": true, "call": true, "contact": true, "exfiltrate": true, "phone": true, "send": true,
	"beacon": true, "download": true, "dial": true, "egress": true, "leak": true, "get": true, "go": true, "pull": true, "fetch": true,
}

// outsideWords name what lies beyond the pods a rule protects: "can't
// reach the internet", "can't phone home", "can't talk to anything else".
var outsideWords = map[string]bool{
	"internet": true, "world": true, "outside": true, "anywhere": true, "anything": true, "everything": true, "external": true,
	"home": true, "out": true, "elsewhere": true, "outbound": true, "egress": true,
}

// reasonKeepsOut checks a reason that says what pods can no longer send
// beyond the pods the rules protect ("allow app=web to reach app=db so a
// compromised pod can't reach the internet") against the rules: when no
// rule is about egress, the policy keeps no pod from the internet, and the
// reason may be a rule of its own; ask. ("..., so a compromised frontend
// can't get at the database" is what the ingress rule does.)
func reasonKeepsOut(request string, d clause, intents []*generator.Intent) error {
	if d.dismissed != "rationale" {
		return nil
	}
	var rules []generator.NetworkRule
	for _, in := range intents {
		if len(in.System) > 0 {
			return nil
		}
		rules = append(rules, in.Network...)
	}
	if len(rules) == 0 || slices.ContainsFunc(rules, func(r generator.NetworkRule) bool { return r.Direction == generator.Egress }) {
		return nil
	}
	for i, t := range d.toks {
		if !negatedModals[t.low] && t.low != "never" && t.low != "not" && t.low != "couldn't" {
			continue
		}
		// "so nothing else can't reach ...": who is kept out, not what.
		if i > 0 && (d.toks[i-1].low == "nothing" || d.toks[i-1].low == "nobody" || d.toks[i-1].low == "else" || d.toks[i-1].low == "one") {
			continue
		}
		// "only app=lb may reach app=web on 80, so a compromised web pod
		// can't reach the database": the pods the rules are for, said
		// before, are what may not send.
		sender := slices.ContainsFunc(d.toks[:i], func(t token) bool { return subjectSpelled(intents, t.low) })
		for k := i + 1; k < min(i+4, len(d.toks)); k++ {
			if outwardVerbs[d.toks[k].low] && (sender || d.toks[k].low == "exfiltrate" || slices.ContainsFunc(d.toks[k+1:], func(t token) bool { return outsideWords[t.low] })) {
				return &generator.NotUnderstoodError{Request: request, Understood: intents[0].Summary(),
					Missing: fmt.Sprintf("%q says what the pods may not send, but every rule is about what they receive: is it a reason, or a rule of its own? Say it as a rule (\"deny egress from X to the internet\") or leave it out", d.text(request)),
					Example: generator.ExampleFor(intents[0])}
			}
		}
	}
	return nil
}

// reasonChangesRule asks when a sentence set aside beside the rules as a
// remark, a reason or a story changes them:
//   - a fragment that opens with an exception or a limit: "Except the
//     debug container.", "Not on weekends.", "Only for the canary.";
//   - a pronoun for what the rules name, with a word that adds or
//     excepts: "The api pods need that too.", "The staging copy needs it
//     though.", "the canary pods use it as well";
//   - an order to include them: "Since the batch jobs run there too,
//     include them.";
//   - after the rules, a word that adds with pods or a value the rules do
//     not say: "Right now the api pods also need it.", "The batch jobs
//     connect too.", "Don't forget the canary.", "Those web pods are in
//     another namespace.".
//
// Set aside, the rule was given as if they were not said. ("Attackers dump
// it.", "No root needed.", "legitimate admin scripts may do this too"
// change nothing. "The log shipper reads it too but stays off the
// allowlist": what the words add, they keep out of the rules themselves.)
// breakoutCondition reports whether a clause opens with a condition of
// pods taken over: "When a container escapes ...", "Whenever a pod is
// compromised ...", "If it breaks out ...".
func breakoutCondition(toks []token) bool {
	if len(toks) == 0 || !slices.Contains([]string{"when", "whenever", "if", "once", "should", "after"}, toks[0].low) {
		return false
	}
	return slices.ContainsFunc(toks, func(t token) bool {
		return compromiseWords[t.low] || t.low == "escapes" || t.low == "escaped" || t.low == "escape" || t.low == "breaks" || t.low == "exploited" || t.low == "infected" || t.low == "pwned"
	})
}

// fragmentLimits open what a fragment after "not" limits: a time, a
// place, a peer.
var fragmentLimits = set("on", "during", "for", "in", "to", "from", "towards", "toward", "into", "at", "via", "through", "over", "outside", "inside", "within")

func reasonChangesRule(request string, d clause, intents []*generator.Intent) error {
	if len(intents) == 0 || len(d.toks) == 0 || d.dismissed == "heading" || d.dismissed == "restated" || d.dismissed == "off-the-list" {
		return nil
	}
	ask := func(what string) error {
		return &generator.NotUnderstoodError{Request: request, Understood: intents[0].Summary(), Example: generator.ExampleFor(intents[0]),
			Missing: fmt.Sprintf("does %q change the rules (%q)? It reads as a remark, yet adds to them, takes from them or limits them; say what it changes as a rule (\"also allow the app=api pods\"), or leave it out", d.text(request), what)}
	}
	first := d.toks[0].low
	// "Not to the metadata server though.", "But not from the dev
	// namespace.": a fragment that negates a peer.
	neg := 0
	if first == "but" && len(d.toks) > 1 && (d.toks[1].low == "not" || d.toks[1].low == "never") {
		neg = 1
	}
	if first == "except" || first == "excluding" || first == "apart" || (d.toks[neg].low == "not" || d.toks[neg].low == "never") && len(d.toks) > neg+1 && fragmentLimits[d.toks[neg+1].low] {
		return ask(d.toks[0].raw)
	}
	for i, t := range d.toks {
		// "Only the owner may access /home/; root is exempt."
		if t.low == "exempt" || t.low == "exempted" || t.low == "exemption" || t.low == "exemptions" {
			return ask(t.raw)
		}
		// "Block running /bin/su; root is fine.", "Root is excepted.": a
		// user let through beside system rules, which KubeArmor cannot do.
		if (t.low == "root" || t.low == "user" || t.low == "uid") && slices.ContainsFunc(intents, func(x *generator.Intent) bool { return len(x.System) > 0 }) && userLetThrough(d.toks[i+1:]) {
			return ask(d.text(request))
		}
		if (t.low == "include" || t.low == "cover") && i+1 < len(d.toks) && (d.toks[i+1].low == "them" || d.toks[i+1].low == "it" || d.toks[i+1].low == "those") {
			return ask(t.raw + " " + d.toks[i+1].raw)
		}
		// "The readiness probe uses curl though.", "Our backups also run
		// from there though.": a program a rule blocks, or the place the
		// rules name, said with a word that excepts or adds.
		if (t.low == "it" || t.low == "that" || t.low == "them" || t.low == "there" && i > 0 && d.toks[i-1].low == "from" && slices.ContainsFunc(intents, func(x *generator.Intent) bool { return len(x.Network) > 0 }) || blockedProgram(t.low, intents)) && i+1 < len(d.toks) {
			n := d.toks[i+1].low
			if n == "too" || n == "though" || n == "tho" || n == "also" || n == "as" && i+2 < len(d.toks) && d.toks[i+2].low == "well" {
				return ask(t.raw + " " + d.toks[i+1].raw)
			}
		}
	}
	if _, noted := dismissalNotes[d.dismissed]; noted || d.toks[0].start == 0 {
		return nil
	}
	// "only /usr/bin/nginx may read /etc/; writes are blocked": the allow
	// lets nginx write too (KubeArmor cannot allow reads alone), so the
	// writes said blocked are not.
	if slices.ContainsFunc(d.toks, func(t token) bool { return writeWords[t.low] || t.low == "written" }) && slices.ContainsFunc(d.toks, func(t token) bool { return denyWords[t.low] || negationWords[t.low] }) &&
		slices.ContainsFunc(intents, func(x *generator.Intent) bool {
			return slices.ContainsFunc(x.System, func(r generator.SystemRule) bool {
				return r.Kind == generator.File && r.Action == generator.ActionAllow
			})
		}) {
		return ask(d.text(request))
	}
	// "In the app=web pods block running /usr/bin/curl; and raw sockets.",
	// "...; audit access to /etc/shadow; and raw sockets": one more thing
	// for the system rules, after "and", set aside as a reason.
	if (first == "and" || first == "plus" || first == "also") && slices.ContainsFunc(intents, func(x *generator.Intent) bool { return len(x.System) > 0 }) && slices.ContainsFunc(d.toks, func(t token) bool {
		return t.kind == tPath || systemName(t) || t.low == "socket" || t.low == "sockets" || capabilityWordRE.MatchString(t.low)
	}) {
		return ask(d.toks[0].raw)
	}
	sysRules := slices.ContainsFunc(intents, func(x *generator.Intent) bool { return len(x.System) > 0 })
	adds, pods := "", false
	outside := strings.ToLower(request[:d.toks[0].start] + " " + request[d.toks[len(d.toks)-1].end:])
	for n, t := range d.toks {
		switch {
		case adds != "":
		case additionWords[t.low]:
			adds = t.raw
		case t.low == "included" && n > 0 && sysRules && (knownExecutables[d.toks[n-1].low] || systemName(d.toks[n-1])):
			// "so nothing can download payloads, wget included"
			adds = t.raw
		case t.low == "as" && n+1 < len(d.toks) && d.toks[n+1].low == "well", (t.low == "another" || t.low == "different") && n+1 < len(d.toks) && d.toks[n+1].low == "namespace":
			adds = t.raw + " " + d.toks[n+1].raw
		}
		// a value the rules say too ("Expected behavior: the netpol also
		// opens port 8081. So the controller pods ... on 8081")
		// ("sys_ptrace was abused too", "PS: bash too": a capability or a
		// program, beside system rules.)
		value := (t.kind == tLabel || t.kind == tNumber || t.kind == tCIDR || t.kind == tDomain || sysRules && (capabilityWordRE.MatchString(t.low) || systemName(t) || knownExecutables[t.low])) && !strings.Contains(outside, t.low)
		pods = pods || workNouns[t.low] && t.low != "namespaces" || value
	}
	if adds != "" && pods {
		return ask(adds)
	}
	return nil
}

// reasonReversed asks when a sentence set aside (a reason, a summary, a
// heading) says who reaches whom the other way round from the rules:
// "payments must be accessible to checkout alone. So the app=checkout
// pods accept 8443 from the app=payments pods only", "Only the api should
// talk to the db. Allow app=api pods to receive traffic from app=db". The
// sentence is read alone, its bare names as app labels; a flow it says
// that the rules only have reversed means one of the two is wrong.
func reasonReversed(request string, d clause, intents []*generator.Intent, opts generator.Options) error {
	o := opts
	o.AssumeAppLabel = true
	d.dismissed = ""
	ruled := map[[2]string]bool{}
	for _, in := range intents {
		for _, f := range flowsOf(in) {
			ruled[f] = true
		}
	}
	var flows [][2]string
	if said, err := parseClause(request, d, o, nil, nil); err == nil && said != nil {
		flows = flowsOf(said)
	}
	if len(flows) == 0 {
		flows = saidFlows(d.toks, ruled)
	}
	for _, f := range flows {
		if !ruled[f] && ruled[[2]string{f[1], f[0]}] {
			return &generator.NotUnderstoodError{Request: request, Understood: intents[0].Summary(), Example: generator.ExampleFor(intents[0]),
				Missing: fmt.Sprintf("%q says %s reaches %s, but the rules let %s reach %s: which way does the traffic go?", d.text(request), f[0], f[1], f[1], f[0])}
		}
	}
	return nil
}

// saidFlows reads who reaches whom in a sentence the parser does not
// read alone, from the order of two names the rules use and a verb between
// them: "Only the api should talk to the db" (a verb of reaching: the api
// reaches the db), "Orders must be reachable from billing only" (a verb
// of receiving: billing reaches orders). A negated sentence says nothing.
func saidFlows(toks []token, ruled map[[2]string]bool) [][2]string {
	named := map[string]bool{}
	for f := range ruled {
		named[f[0]], named[f[1]] = true, true
	}
	if slices.ContainsFunc(toks, func(t token) bool { return negationWords[t.low] || t.low == "except" || t.low == "but" }) {
		return nil
	}
	var out [][2]string
	for i, t := range toks {
		if !named[t.low] {
			continue
		}
		verb := ""
		for k := i + 1; k < len(toks); k++ {
			w := toks[k].low
			switch {
			case verb == "" && receiveVerbs[w]:
				verb = "receive"
			case verb == "" && reachVerbs[w]:
				verb = "reach"
			case verb != "" && named[w] && w != t.low:
				if verb == "reach" {
					out = append(out, [2]string{t.low, w})
				} else {
					out = append(out, [2]string{w, t.low})
				}
				return out
			}
		}
	}
	return out
}

// flowsOf is who reaches whom in an intent's network rules, each pods by
// the values of their labels: {"checkout", "payments"} for "app=payments
// accepts from app=checkout".
func flowsOf(in *generator.Intent) [][2]string {
	var out [][2]string
	for _, x := range append([]*generator.Intent{in}, in.Others...) {
		if x.Subject.Pods == nil {
			continue
		}
		for _, r := range x.Network {
			for _, p := range r.Peers {
				if p.Pods == nil {
					continue
				}
				for _, a := range x.Subject.Pods.MatchLabels {
					for _, b := range p.Pods.MatchLabels {
						if r.Direction == generator.Egress {
							out = append(out, [2]string{a, b})
						} else {
							out = append(out, [2]string{b, a})
						}
					}
				}
			}
		}
	}
	return out
}

// subjectSpelled reports whether a word is the value of a label of the
// pods a rule is for: "web" for app=web.
func subjectSpelled(intents []*generator.Intent, w string) bool {
	for _, in := range intents {
		if in.Subject.Pods == nil {
			continue
		}
		for _, v := range in.Subject.Pods.MatchLabels {
			if strings.EqualFold(v, w) {
				return true
			}
		}
	}
	return false
}

// isolateDirection: "default deny - nothing may come in" says which way
// the isolation before it goes. An isolation in both directions because none
// was said keeps only the one the clause after the dash says.
func isolateDirection(prev, in *generator.Intent) {
	if in.Network[0].Verdict != generator.Isolate {
		return
	}
	both := false
	for _, o := range prev.Origins {
		both = both || o.Rule == "isolate-both"
	}
	if !both {
		return
	}
	keep := in.Network[0].Direction
	var rules []generator.NetworkRule
	at := map[int]int{}
	for i, r := range prev.Network {
		if r.Verdict == generator.Isolate && r.Direction != keep {
			at[i] = -1
			continue
		}
		at[i] = len(rules)
		rules = append(rules, r)
	}
	prev.Network = rules
	prev.Origins = renumber(prev.Origins, at, nil)
}

// saidDirection is the direction the words of a clause name, or "": "gets
// in", "into", "ingress"; "goes out", "egress".
func saidDirection(toks []token) generator.Direction {
	var said generator.Direction
	for i, t := range toks {
		prev := ""
		if i > 0 {
			prev = toks[i-1].low
		}
		switch {
		// "Nothing else should be allowed out": the particle after the
		// participle of allowing says the way.
		case ingressWords[t.low] || t.low == "into" || t.low == "in" && (prev == "gets" || prev == "get" || prev == "comes" || prev == "come" || prev == "let" || prev == "allowed" || prev == "permitted"):
			said = generator.Ingress
		case egressWords[t.low] || t.low == "out" && (prev == "gets" || prev == "get" || prev == "goes" || prev == "go" || prev == "let" || prev == "allowed" || prev == "permitted" || prev == "sent"):
			said = generator.Egress
		}
	}
	return said
}

// saysDirection reports whether the words of a clause name direction dir.
func saysDirection(toks []token, dir generator.Direction) bool {
	for i := range toks {
		if saidDirection(toks[i:i+1]) == dir || i > 0 && saidDirection(toks[i-1:i+1]) == dir {
			return true
		}
	}
	return false
}

// keepsRest checks that a clause read as "the rest stays allowed" goes
// with rules that deny: with an allow-list or an isolation the rest is
// not allowed, and the request contradicts itself.
func keepsRest(request string, d clause, intents []*generator.Intent) error {
	if d.dismissed != "deny-keeps-the-rest" {
		return nil
	}
	said := saidDirection(d.toks) // "leave egress alone" is about egress only
	for _, in := range intents {
		for _, r := range in.Network {
			if said != "" && r.Direction != said {
				continue
			}
			if r.Verdict == generator.Allow && !slices.ContainsFunc(r.Peers, func(p generator.Peer) bool { return p.ClusterDNS }) || r.Verdict == generator.Isolate {
				return &generator.NotUnderstoodError{Request: request, Understood: in.Summary(),
					Missing: fmt.Sprintf("the request allows only some %s traffic, which denies the rest, yet says %q: should the rest be denied or left alone?", r.Direction, d.text(request)),
					Example: generator.ExampleFor(in)}
			}
		}
		for _, r := range in.System {
			if r.Action == generator.ActionAllow {
				return &generator.NotUnderstoodError{Request: request, Understood: in.Summary(),
					Missing: fmt.Sprintf("the request allows only some of what the pods do, which blocks the rest, yet says %q: should the rest be blocked or left alone?", d.text(request)),
					Example: generator.ExampleFor(in)}
			}
		}
	}
	return nil
}

// reasonNeedsDenied asks when a sentence set aside as a reason says that
// something needs a value that a rule beside it blocks or denies: "Block
// /usr/bin/curl and /usr/bin/wget in app=web. Our healthcheck needs
// /usr/bin/wget.", "Block the net_raw and sys_admin capabilities in
// app=web. Our FUSE mount needs sys_admin." Leave it out of the rule, or
// block it anyway?
func reasonNeedsDenied(request string, d clause, intents []*generator.Intent) error {
	// ("Nothing in it needs /usr/bin/curl", "Attackers need /usr/bin/curl
	// to pull payloads" give the reason for the block.)
	if len(intents) == 0 || !slices.ContainsFunc(d.toks, func(t token) bool { return dependWords[t.low] }) || slices.ContainsFunc(d.toks, func(t token) bool {
		return negationWords[t.low] || t.low == "nothing" || t.low == "nobody" || t.low == "none" || actorNouns[t.low] || actorsNouns[t.low] || attackNouns[t.low] || compromiseWords[t.low]
	}) {
		return nil
	}
	for _, t := range d.toks {
		if (!isValue(t) || t.kind == tNumber) && !capabilityWordRE.MatchString(t.low) || !deniedValue(intents, t.low) {
			continue
		}
		return &generator.NotUnderstoodError{Request: request, Understood: intents[0].Summary(), Example: generator.ExampleFor(intents[0]),
			Missing: fmt.Sprintf("%q says %q is needed, and a rule blocks it: leave %q out of the rule, or block it anyway? Say the rule with the values it blocks", d.text(request), t.raw, t.raw)}
	}
	return nil
}

// mustFailWords say that what a sentence names must not go through: "Lookups
// for internal.example.com must fail", "calls to 10.0.0.5 should get
// refused", "... must return NXDOMAIN".
var mustFailWords = set("fail", "fails", "refused", "rejected", "nxdomain", "blackholed")

// reasonSaysFails asks when a sentence set aside as a reason says that a
// value it names must fail: "app=web may only resolve *.example.com via
// kube-dns. Lookups for internal.example.com must fail." Set aside, the
// deny it asks for was dropped, and the allow still lets the value
// through. (A value no allow covers, "other domains like google.com should
// fail", is what the allow-list drops.)
func reasonSaysFails(request string, d clause, intents []*generator.Intent) error {
	if len(intents) == 0 || !slices.ContainsFunc(d.toks, func(t token) bool { return mustFailWords[t.low] }) {
		return nil
	}
	for _, t := range d.toks {
		if (t.kind == tDomain || t.kind == tCIDR) && allowCovers(intents, t) {
			return &generator.NotUnderstoodError{Request: request, Understood: intents[0].Summary(), Example: generator.ExampleFor(intents[0]),
				Missing: fmt.Sprintf("%q says what must fail: is it a rule of its own (a deny of %q), or the reason for the rule? Say the rule with the values it allows or denies", d.text(request), t.raw)}
		}
	}
	return nil
}

// allowCovers reports whether an allow rule of the intents lets the DNS
// name or address t through: a name an allowed name or pattern matches,
// an address inside an allowed range.
func allowCovers(intents []*generator.Intent, t token) bool {
	name := strings.TrimSuffix(t.low, ".")
	matches := func(pattern string) bool {
		pattern = strings.ToLower(pattern)
		if rest, ok := strings.CutPrefix(pattern, "*."); ok {
			return strings.HasSuffix(name, "."+rest)
		}
		return pattern == name
	}
	for _, in := range intents {
		for _, r := range in.Network {
			if r.Verdict != generator.Allow {
				continue
			}
			if t.kind == tDomain && slices.ContainsFunc(r.DNS, matches) {
				return true
			}
			for _, pe := range r.Peers {
				if t.kind == tDomain && pe.FQDN != "" && matches(pe.FQDN) || t.kind == tCIDR && pe.CIDR != "" && cidrContains(pe.CIDR, t.cidr()) {
					return true
				}
			}
		}
	}
	return false
}

// reasonHoldsOrder asks when a sentence set aside as a reason holds an
// order of its own: "Cryptominers run /tmp/xmrig, so block that path",
// "Malware also writes /tmp/, which we want audited". Set aside, the rule
// it asks for was dropped.
func reasonHoldsOrder(request string, d clause, intents []*generator.Intent) error {
	if len(intents) == 0 || len(d.toks) == 0 || d.dismissed == "heading" || d.dismissed == "restated" || d.dismissed == "off-the-list" {
		return nil
	}
	if _, noted := dismissalNotes[d.dismissed]; noted {
		return nil
	}
	for i, t := range d.toks {
		order := i > 0 && (d.toks[i-1].low == "so" || d.toks[i-1].low == "then") && (denyWords[t.low] || allowWords[t.low] || auditWords[t.low]) && !negationWords[t.low] && !modals[t.low] && t.low != "nobody" && t.low != "nothing" && t.low != "none" ||
			(t.low == "want" || t.low == "wants") && i+1 < len(d.toks) && strings.HasSuffix(d.toks[i+1].low, "ed") && (denyWords[d.toks[i+1].low] || allowWords[d.toks[i+1].low] || auditWords[d.toks[i+1].low])
		if !order {
			continue
		}
		return &generator.NotUnderstoodError{Request: request, Understood: intents[0].Summary(), Example: generator.ExampleFor(intents[0]),
			Missing: fmt.Sprintf("%q reads as a reason, yet asks for a rule (%q): say that rule on its own, with what it is about", d.text(request), t.raw)}
	}
	return nil
}

// dependWords say that something depends on a value: "Our healthcheck
// needs /usr/bin/wget", "the FUSE mount requires sys_admin".
var dependWords = set("need", "needs", "needed", "require", "requires", "required", "relies", "depends")

// deniedValue reports whether a deny or block rule of the intents was read
// from words that hold the value.
func deniedValue(intents []*generator.Intent, v string) bool {
	for _, in := range intents {
		for _, o := range in.Origins {
			if !strings.Contains(strings.ToLower(o.Text), v) {
				continue
			}
			var n int
			if _, err := fmt.Sscanf(o.Field, "system[%d]", &n); err == nil && n < len(in.System) && in.System[n].Action == generator.ActionBlock {
				return true
			}
			if _, err := fmt.Sscanf(o.Field, "network[%d]", &n); err == nil && n < len(in.Network) && in.Network[n].Verdict == generator.Deny {
				return true
			}
		}
	}
	return false
}

// blockedProgram reports whether w is the name of a program a system rule
// is about: "curl" for /usr/bin/curl.
func blockedProgram(w string, intents []*generator.Intent) bool {
	for _, in := range intents {
		for _, r := range in.System {
			if r.Kind == generator.Process && (path.Base(r.Path) == w || r.ExecName == w) {
				return true
			}
		}
	}
	return false
}

// placeNodeNouns name the nodes or hosts a rule might be meant for.
var placeNodeNouns = set("node", "nodes", "host", "hosts", "nodepool", "nodepools", "node-pool", "node-pools")

// placePrepositions open the place a sentence says a rule is for: "for
// the edge nodes", "on the GPU hosts", "across our nodes" ("to" opens a
// purpose too: "use it to reach the nodes").
var placePrepositions = set("for", "on", "across")

// reasonNamesNodes asks when a sentence set aside beside system rules of
// pods ends on the nodes or hosts it is for: "Block /bin/sh in pods
// labeled app=nginx. This is for the edge nodes." The policy selects pods
// by their labels wherever they run; which nodes it is for is more than a
// reason (a host policy, or only the pods placed there), and set aside it
// was lost. The nodes end the sentence after a preposition of place, at
// most three words between ("on our build hosts still bundles runc", "to
// my nodes could read it" say what is, and stay reasons).
func reasonNamesNodes(request string, d clause, intents []*generator.Intent) error {
	if _, noted := dismissalNotes[d.dismissed]; noted {
		return nil
	}
	if !slices.ContainsFunc(intents, func(in *generator.Intent) bool { return len(in.System) > 0 && in.Subject.Scope != generator.ScopeNodes }) {
		return nil
	}
	e := len(d.toks)
	for e > 0 && d.toks[e-1].kind == tPunct {
		e--
	}
	if e < 2 || !placeNodeNouns[d.toks[e-1].low] {
		return nil
	}
	k := e - 2
	for k >= 0 && k >= e-5 && d.toks[k].kind == tWord && !placePrepositions[d.toks[k].low] {
		k--
	}
	if k < 0 || !placePrepositions[d.toks[k].low] {
		return nil
	}
	w := d.toks[e-1].raw
	return &generator.NotUnderstoodError{Request: request, Understood: intents[0].Summary(), Example: generator.ExampleFor(intents[0]),
		Missing: fmt.Sprintf("%q names %s: is the rule for those %s alone (a host policy), or for the pods wherever they run? A KubeArmor policy selects pods by their labels; say the rule without it, or say which %s", d.text(request), w, w, w)}
}
