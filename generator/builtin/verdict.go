package builtin

import (
	"fmt"
	"slices"
	"strings"

	"github.com/kunerva/kunerva/generator"
)

// verdict reads allow, deny or isolate, claims the words that say it and
// returns their mark.
// negatedDeny refuses "don't block app=a from reaching app=b", "never
// audit /etc/hosts": a deny or audit negated is neither, and whether it
// means allow or leave alone is the requester's to say.
func (p *parser) negatedDeny() error {
	if err := p.needNegated(); err != nil {
		return err
	}
	for k := 0; k+1 < len(p.toks); k++ {
		n := k + 1
		if p.is(k, "do") && p.is(n, "not") {
			n++
		}
		// "/bin/sh must not be blocked", "this should never get audited":
		// the verdict said in the passive is negated all the same.
		// ("X can't be monitored directly" says what is possible, not what to do.)
		if (p.is(k, "mustn't", "shouldn't", "never") || p.is(k, "not") && p.is(k-1, "must", "should", "shall", "may")) && p.is(n, "be", "been", "being", "get", "gets", "getting") && (denyWords[p.word(n+1)] || auditWords[p.word(n+1)] || isolateWords[p.word(n+1)]) && !negationWords[p.word(n+1)] {
			n++
		}
		// "/usr/bin/apt should no longer be blocked", "X is no longer
		// audited": what is no longer blocked is a block negated; read
		// from the deny word, /usr/bin/apt was blocked. Traffic too:
		// "checkout is no longer blocked from reaching payments", "world
		// should no longer be denied ingress to nginx" gave the deny.
		if p.is(k, "no") && p.is(k+1, "longer") {
			e := k + 2
			if p.is(e, "be", "been", "being", "get", "gets", "getting", "is", "are") {
				e++
			}
			if w := p.word(e); denyWords[w] && !negationWords[w] || auditWords[w] || isolateWords[w] {
				return p.refuse(fmt.Sprintf("%q negates what it says: should this be allowed, or left as it is?", p.text(k, e+1)), p.verdictExample())
			}
		}
		w := p.word(n)
		// "only report reads of X, do not block them": audit, said twice.
		audited := denyWords[w] && slices.ContainsFunc(p.toks, func(t token) bool { return auditWords[t.low] })
		if (negationWords[p.word(k)] || p.is(k, "do") && p.is(k+1, "not")) && (denyWords[w] && !negationWords[w] && !audited || auditWords[w] || isolateWords[w]) {
			example := generator.ExampleNetwork
			if p.systemRequest {
				example = generator.ExampleSystem
			}
			return p.refuse(fmt.Sprintf("%q negates what it says: should this be allowed, or left as it is?", p.text(k, n+1)), example)
		}
	}
	return nil
}

// needWords say that a rule is needed, asked for or wanted; negated, they
// negate the verdict after them: "It is not necessary to block X", "No
// need to block X", "Nobody asked to block X", "We don't need a rule
// blocking X", "There is no reason to allow X".
var needWords = set("necessary", "needed", "need", "needs", "required", "requested", "reason", "asked", "wanted", "point", "sense", "worth", "asking", "ask")

// wishWords say that a rule is wished for; negated, they negate a deny or
// audit after them: "we don't want to block /bin/bash", "we do not wish
// to block X", "nobody wants to block X", "I don't want app=a blocked
// from reaching app=b". ("we don't want app=a to reach app=b" denies
// the traffic, as written: an allow after them is read as it stands.)
var wishWords = set("want", "wants", "wish", "wishes")

// needNegators negate a word of need or want after them, besides
// negationWords: "I wasn't asking you to block X", "nobody wants to
// block X".
var needNegators = set("wasn't", "weren't", "didn't", "nobody", "none", "noone", "no-one")

// needlessWords say that a rule is not needed or not wanted: "It is
// unnecessary to block X", "It would be wrong to block X", "Blocking X is
// pointless".
var needlessWords = set("unnecessary", "needless", "pointless", "superfluous", "overkill", "unneeded", "unwanted", "wrong", "mistake", "unwise", "counterproductive")

// needBridge are the words between a word of need and the verdict it
// governs: "no need for a rule to block", "not necessary for us to block".
var needBridge = set("to", "a", "an", "any", "rule", "policy", "for", "us", "them", "is", "be", "it", "of", "the", "you")

// needNegated refuses a verdict whose need the request denies, before it
// ("It is not necessary to block app=web from reaching the internet",
// "It is unnecessary to allow X") or after it ("Blocking app=web from
// reaching app=db is not required"): read as the verdict alone, the policy
// would do what the request says is not needed.
func (p *parser) needNegated() error {
	verdictWord := func(w string) bool {
		return denyWords[w] && !negationWords[w] || auditWords[w] || isolateWords[w] || allowWords[w] && w != "may" && w != "can"
	}
	denyVerdict := func(w string) bool {
		return denyWords[w] && !negationWords[w] || auditWords[w] || isolateWords[w]
	}
	for k := range p.toks {
		w := p.word(k)
		if !(negationWords[w] || needlessWords[w] || needNegators[w] || p.is(k, "no") && p.is(k+1, "one")) {
			continue
		}
		need, want := needlessWords[w], false
		j := k + 1
		if p.is(k, "no") && p.is(k+1, "one") {
			j++
		}
		for j < len(p.toks) && j <= k+6 && (needWords[p.word(j)] || wishWords[p.word(j)] || needBridge[p.word(j)]) {
			need = need || needWords[p.word(j)]
			want = want || wishWords[p.word(j)]
			j++
		}
		// "no one should block curl in nginx", "nobody may deny X": the
		// deny nobody is to make is no deny.
		if (p.is(k, "nobody", "noone", "no-one") || p.is(k, "no") && p.is(k+1, "one")) && modals[p.word(j)] && denyVerdict(p.word(j+1)) {
			return p.refuse(fmt.Sprintf("%q negates what it says: should this be done, or left as it is?", p.text(k, j+2)), p.verdictExample())
		}
		if want && !need && j < len(p.toks) {
			// "I don't want checkout blocked from reaching payments":
			// the pods wanted, then the deny, a few words on.
			e := j
			for e < len(p.toks) && e < j+8 && !denyVerdict(p.word(e)) && (p.toks[e].kind == tWord || p.toks[e].kind == tLabel) && !p.is(e, "from") {
				e++
			}
			if denyVerdict(p.word(e)) {
				return p.refuse(fmt.Sprintf("%q negates what it says: should this be done, or left as it is?", p.text(k, e+1)), p.verdictExample())
			}
		}
		// "it is not required that nginx be blocked from running curl":
		// what the clause after "that" says is not needed.
		if need && p.is(j, "that") {
			for e := j + 1; e < len(p.toks) && e <= j+6; e++ {
				if denyVerdict(p.word(e)) || allowWords[p.word(e)] && !p.is(e, "may", "can") {
					return p.refuse(fmt.Sprintf("%q negates what it says: should this be done, or left as it is?", p.text(k, e+1)), p.verdictExample())
				}
			}
		}
		// after: "Blocking X is not required", "... is unnecessary"
		after := (needlessWords[w] || needWords[p.word(k+1)] && !p.is(k+2, "to", "for", "a", "an", "any")) && p.is(k-1, "is", "are", "was", "be", "not", "isn't", "aren't") &&
			slices.ContainsFunc(p.toks[:k], func(t token) bool { return verdictWord(t.low) })
		if need && j < len(p.toks) && verdictWord(p.word(j)) || after {
			example := generator.ExampleNetwork
			if p.systemRequest {
				example = generator.ExampleSystem
			}
			e := min(max(j, k+1)+1, len(p.toks))
			if after {
				e = min(k+2, len(p.toks))
			}
			return p.refuse(fmt.Sprintf("%q negates what it says: should this be done, or left as it is?", p.text(k, e)), example)
		}
	}
	return nil
}

// verdictExample is the example of a question about the verdict: of a
// system rule or of traffic.
func (p *parser) verdictExample() string {
	if p.systemRequest {
		return generator.ExampleSystem
	}
	return generator.ExampleNetwork
}

func (p *parser) verdict(exceptAt int) (generator.Verdict, *mark, error) {
	if err := p.negatedDeny(); err != nil {
		return "", nil, err
	}
	// "allow GET /healthz from the host to X but block everything else from
	// the host": the rest of one peer's traffic is no allow-list of X's,
	// and the peer named again is no other peer to allow.
	if m := p.restScoped; m != nil {
		return "", nil, p.refuse(fmt.Sprintf("what does %q deny: only the rest of that peer's traffic (kunerva cannot say this in one rule), or all other traffic of the pods? Say \"and nothing else\" for the second", p.text(m.start, min(m.end+1, len(p.toks)))), generator.ExampleNetwork)
	}
	// "only GET /products from app=web; everything else is rejected,
	// including from app=admin": a value named as part of the rest denied;
	// read as a peer, it was allowed.
	if m := p.restNamed(); m != nil {
		return "", nil, p.refuse(fmt.Sprintf("is %q denied with the rest? The rules before it leave it out already; read as a peer it would be allowed. Say what is allowed, and drop it, or deny it in a rule of its own", p.text(m.start, m.end)), generator.ExampleNetwork)
	}
	// "except the 192.168.0.0/16 block", "an IP block": addresses, not a
	// verdict ("outbound to 1.2.3.4 block" is one: blockVerdict).
	for i := 1; i < len(p.toks); i++ {
		if p.is(i, "block", "blocks") && !p.taken(i) && (p.toks[i-1].kind == tCIDR && !p.blockVerdict(i-1, i) || p.is(i-1, "ip", "cidr", "address")) {
			p.take(i, i+1, "cidr")
		}
	}
	rest := -1
	if p.restMark != nil {
		rest = p.restMark.start
	}
	isoAt := p.isoMark
	if isoAt == nil {
		if k := p.indexAny(isolateWords); k >= 0 {
			isoAt = &mark{k, k + 1, "default-deny"}
		}
	}
	// "every pod in the namespace loses its egress": the pods lose a whole
	// direction, as "isolate their egress" says (losesDirection).
	if k := p.losesDirection(); isoAt == nil && k >= 0 {
		isoAt = &mark{k, k + 1, "default-deny"}
	}
	// "default-deny everything": what isolation denies, said again.
	if isoAt != nil && p.is(isoAt.end, "everything", "all") && !p.taken(isoAt.end) && !p.is(isoAt.end+1, "traffic", "ingress", "egress", "incoming", "outgoing", "inbound", "outbound", "except") {
		p.take(isoAt.end, isoAt.end+1, "default-deny")
	}
	p.narrowAt = -1
	if isoAt != nil {
		p.narrowAt = p.narrowingWord(isoAt)
	}
	noPods := p.noPodsMay(exceptAt)
	// "no pod in X should accept any ingress", "nothing should send ...".
	// "Nothing" is the subject of a verb there: "..., nothing else, and
	// receive from nobody" is no such sentence.
	if k := p.first("no", "nothing"); noPods < 0 && isoAt == nil && k >= 0 && !p.taken(k) &&
		(p.is(k, "nothing") && (p.is(k+1, "should", "may", "can", "must", "shall", "will", "is", "gets") || receiveVerbs[p.word(k+1)] || reachVerbs[p.word(k+1)]) || p.is(k+1, "pod", "pods", "workload", "workloads")) &&
		p.mentions("accept", "receive", "send", "accepts", "receives", "sends") {
		isoAt = &mark{k, k + 1, "default-deny"}
		p.unlessAllowed(k)
	}
	// "productpage needs GET access to reviews", "X needs egress to Y",
	// "should get web access": what is needed is allowed.
	for i := range p.toks {
		if p.taken(i) || !p.is(i, "need", "needs", "needed", "require", "requires", "get", "gets", "got", "grant", "grants", "give", "gives", "given", "have", "has") {
			continue
		}
		for k := i + 1; k < len(p.toks) && k <= i+4; k++ {
			// "get an explicit ingress deny from X": a deny is what they get.
			if (ingressWords[p.word(k)] || egressWords[p.word(k)]) && denyWords[p.word(k+1)] && !negationWords[p.word(k+1)] {
				break
			}
			// "should have no access to X", "needs no access to X": what
			// they are to have none of is denied, by the "no". Not "the
			// pods have no access to X", which may tell what broke.
			if p.is(k, "no", "zero") && (p.is(i-1, "should", "must", "shall") || p.is(i, "need", "needs")) {
				break
			}
			if p.is(k, "access", "egress", "ingress", "connectivity") || p.is(k, "to") && (reachVerbs[p.word(k+1)] || p.is(k+1, "talk", "connect", "reach", "call", "resolve")) {
				p.take(i, i+1, "needs-access")
				if p.is(k, "access", "connectivity") {
					p.take(k, k+1, "needs-access")
				}
				break
			}
		}
	}
	// "app=web should reach app=db on 5432", "the worker pods (app=worker)
	// must talk to app=queue on 5672", "app=grafana shall connect to
	// app=loki": what the pods have to do is allowed, as "needs to" says.
	for i := range p.toks {
		v := i + 1
		if p.is(v, "also", "still", "always") {
			v++
		}
		if !p.taken(i) && p.is(i, "should", "must", "shall") && reachVerbs[p.word(v)] && !strings.HasSuffix(p.word(v), "ing") {
			p.take(i, i+1, "needs-access")
		}
	}
	deny := p.indexAny(denyWords)
	// "keep our backend pods (app=backend) from reaching anything except
	// kubernetes.io": what the pods are kept from doing is denied.
	for i := range p.toks {
		if deny >= 0 || !p.is(i, "keep", "keeps") || p.taken(i) {
			continue
		}
		for k := i + 2; k < len(p.toks) && k <= i+12; k++ {
			if p.is(k, "from") && reachVerbs[p.word(k+1)] && strings.HasSuffix(p.word(k+1), "ing") {
				deny = i
				break
			}
		}
	}
	// "restrict the app=web pods from reaching X", "keep app=web off the
	// metadata endpoint", "keep the batch pods away from 10.0.0.0/8": what
	// the pods are kept from is denied (keptApart).
	for i := range p.toks {
		if k := p.keptApart(i); deny < 0 && k >= 0 && !p.taken(i) {
			deny = i
			if !p.is(k, "from") {
				p.take(k, k+1, "kept-apart") // "off", "away", "out"
			}
		}
	}
	// "connections from app=web to X must fail", "make X unreachable from
	// the app=web pods": what must fail is denied (mustFail).
	for i := range p.toks {
		if deny < 0 && !p.taken(i) && p.mustFail(i) {
			deny = i
		}
	}
	// "for app=api close the port 22 for incoming", "close ports 25 and
	// 465 for outgoing": a port closed is denied. Read as traffic with no
	// verdict, it was the one port allowed, every other port closed
	// (finder 5, S5).
	if k := p.closedPort(); k >= 0 && deny < 0 {
		p.take(k, k+1, "deny-word")
		deny = k
	}
	// "10.0.0.0/8 is off limits": what is off limits is denied; "limits"
	// there is no limit to what follows, as in "limit egress to X".
	if k := p.phrase("off", "limits"); k >= 0 && deny < 0 {
		p.take(k, k+2, "deny-word")
		deny = k
	}
	allow := p.indexAny(allowWords)
	if allow < 0 {
		for i := range p.toks {
			if p.claim[i] == "needs-access" {
				allow = i
				break
			}
		}
	}
	only := p.index("only", "solely", "exclusively")
	// "The only thing app=web may talk to is app=db", "the only pods app=web
	// may reach are app=db": "only" limits what the relative clause's pods
	// reach, not who reaches; read as "only app=web may talk to app=db" it
	// gave app=db's ingress.
	if only > 0 && p.is(only-1, "the") && p.is(only+1, "thing", "things", "one", "ones", "place", "places", "destination", "destinations", "target", "targets", "peer", "peers", "pods", "pod", "service", "services", "traffic", "connection", "connections", "host", "hosts") && !p.taken(only) && only+2 < len(p.toks) && p.toks[only+2].kind == tLabel {
		return "", nil, p.refuse(fmt.Sprintf("what does %q limit: what the pods after it may reach, or who may reach them? Say \"A may only reach B\" or \"only A may reach B\"", p.text(only-1, only+2)), generator.ExampleNetwork)
	}
	// "Only app=db is reachable from app=web", "only app=db can be reached by
	// app=web": "only" limits what app=web reaches (its egress), and read as
	// "app=db is reachable only from app=web" it gave app=db's ingress.
	if only >= 0 && !p.taken(only) && only+1 < len(p.toks) && p.toks[only+1].kind == tLabel {
		for k := only + 2; k < len(p.toks) && k <= only+5; k++ {
			if p.is(k, "reachable", "reached", "accessible", "accessed", "contacted", "called") && p.is(k+1, "from", "by") {
				return "", nil, p.refuse(fmt.Sprintf("what does %q limit: which pods those after %q may reach, or who may reach %s? Say \"B may only reach A\" or \"A may be reached only from B\"", p.text(only, k+1), p.toks[k+1].raw, p.toks[only+1].raw), generator.ExampleNetwork)
			}
		}
	}
	restrict := p.index("restrict", "restricts", "limit", "limits", "confine", "restricted", "limited", "confined")
	if allow < 0 && only >= 0 {
		allow = only
	}
	if allow < 0 && rest >= 0 {
		allow = rest
	}
	// "10.0.0.0/8 is restricted", "a limited range": said of a peer, not
	// "restricted to X", it may mean blocked as well as allowed alone.
	if allow < 0 && restrict >= 0 && p.is(restrict, "restricted", "limited", "confined") && !p.is(restrict+1, "to") {
		return "", nil, p.refuse(fmt.Sprintf("what does %q mean here: should this traffic be blocked, or be the only traffic allowed? Say \"deny\" or \"only\"", p.toks[restrict].raw), generator.ExampleNetwork)
	}
	if allow < 0 && restrict >= 0 && restrict != deny {
		allow = restrict
	}
	if allow < 0 {
		allow = p.phrase("be", "able")
	}
	// "the ftp pods must be reachable by anyone on TCP 21", "has to stay
	// accessible from monitoring": what has to be reachable is allowed.
	for i := range p.toks {
		if allow < 0 && p.is(i, "be", "stay", "remain") && p.is(i+1, "reachable", "accessible", "reached", "accessed") && !p.taken(i+1) &&
			(p.is(i-1, "must", "should") || p.is(i-1, "to") && p.is(i-2, "has", "have", "need", "needs")) {
			allow = i
		}
	}
	// "DNS through kube-dns is fine": what is fine is allowed.
	for _, ph := range [][]string{{"is", "fine"}, {"are", "fine"}, {"is", "ok"}, {"is", "okay"}, {"are", "ok"}, {"is", "allowed"}, {"are", "allowed"}} {
		if k := p.phrase(ph...); allow < 0 && k >= 0 {
			p.take(k, k+2, "allow-word")
			allow = k + 1
		}
	}
	// "the role=db pods take traffic on 6379 from ...": traffic said to be
	// taken from peers is traffic allowed.
	if k := p.index("take", "takes", "receive", "receives", "admit", "admits"); allow < 0 && deny < 0 && k >= 0 && p.mentions("from") && !p.mentions("not", "no", "never") {
		allow = k
	}
	// "DNS lookups still have to work" (verdictPhrases): allowed.
	if k := slices.Index(p.claim, "has-to-work"); allow < 0 && k >= 0 {
		allow = k
	}
	// "keep DNS working": what is kept stays allowed.
	if k := p.index("keep"); allow < 0 && k >= 0 {
		for j := k + 1; j < len(p.toks) && j <= k+4; j++ {
			if keepWorking[p.word(j)] && !p.taken(j) {
				p.take(j, j+1, "keep-working")
				allow = k
				break
			}
		}
	}

	negated := p.phrase("must", "not")
	for _, ph := range [][]string{{"should", "not"}, {"may", "not"}, {"can", "not"}, {"do", "not"}, {"does", "not"}, {"will", "not"}} {
		if negated < 0 {
			negated = p.phrase(ph...)
		}
	}
	if negated < 0 {
		negated = p.index("never", "cannot", "can't", "mustn't", "shouldn't", "won't")
	}
	// "the app=web pods should be unable to reach X": a modal's "unable"
	// negates as "not able" does. Not "the pods are unable to resolve
	// names", which tells what happens.
	if k := p.phrase("be", "unable"); negated < 0 && k > 0 && p.is(k-1, "should", "must", "shall", "will") {
		negated = k + 1
	}
	// "my client IP is no longer allowed to access the gateway pods", "X
	// should no longer accept traffic from Y": what is no longer allowed is
	// denied. Not "no longer blocked", which allows.
	if k := p.phrase("no", "longer"); negated < 0 && k >= 0 && !slices.ContainsFunc(p.toks, func(t token) bool { return denyWords[t.low] && t.low != "no" }) {
		v := k + 2
		if p.is(v, "be") {
			v++
		}
		// "X must no longer be able to reach Y": the verb after "able to".
		if p.is(v, "able") && p.is(v+1, "to") {
			v += 2
		}
		if allowWords[p.word(v)] || receiveVerbs[p.word(v)] || reachVerbs[p.word(v)] {
			negated = k + 1 // the verb after "longer" is the one negated
		}
	}
	claimAll := func(v generator.Verdict, m *mark) (generator.Verdict, *mark, error) {
		// "pods in test-np must not reach the public network, only the
		// internal ranges 10.0.0.0/8 ...", "may not reach the internet,
		// just the app=db pods": after a deny, ", only X" names what stays
		// allowed, an allow-list; read with the deny, X was denied too.
		if k := allowedAfterDeny(p.toks, m.end); v == generator.Deny && k >= 0 {
			return "", nil, p.refuse(fmt.Sprintf("does %q after the deny name the only traffic that stays allowed, or more to deny? For an allow-list say \"... may only reach X\"; to deny say the deny of each", p.request[p.toks[k].start:p.toks[len(p.toks)-1].end]), generator.ExampleNetwork)
		}
		// "app=web should allow egress to 5.6.7.8 on 443 and should not
		// allow egress to 1.2.3.4", "may receive from app=api on 80, may
		// not receive from app=bad on 22": an allow in a statement before
		// the deny's; read with the deny, its traffic was denied too.
		if k := p.allowBeforeNegation(m.start); v == generator.Deny && k >= 0 {
			return "", nil, p.refuse(fmt.Sprintf("the request both allows and denies: %q allows, and %q after it denies: should it allow or block this traffic? Say each rule with its own verdict (\"allow ...; deny ...\")", p.toks[k].raw, p.text(m.start, min(m.start+3, len(p.toks)))), generator.ExampleNetwork)
		}
		// "pods labeled app=web deny egress to 1.2.3.4 and pods labeled
		// app=api deny egress to 5.6.7.8": pods named right before a
		// second verdict are the subject of a rule of their own; read
		// with the first, they became its peer. So with a workload the
		// tree knows, after "and": "nginx deny egress 1.2.3.4 and checkout
		// deny egress 5.6.7.8 on 22".
		for k := m.end + 1; k < len(p.toks); k++ {
			named := p.toks[k-1].kind == tLabel || podNouns[p.word(k-1)] && k > 1 && p.toks[k-2].kind == tLabel || p.is(k-2, "and", ",") && p.treeHasWorkload(p.word(k-1))
			if (denyWords[p.word(k)] && !negationWords[p.word(k)] || allowVerbs[p.word(k)]) && !p.taken(k) && named {
				return "", nil, p.refuse(fmt.Sprintf("is %q a rule of its own, for the pods named before it? Say each one's rule as a sentence of its own", p.text(k-1, min(k+3, len(p.toks)))), generator.ExampleNetwork)
			}
		}
		// "the app=db pods no longer accept 5432 from app=api, allow it
		// from app=web": after a deny, a verb of allowing opens a rule of
		// its own; read with the deny, its peers were denied too.
		if k := p.allowVerbAfterDeny(m.end); v == generator.Deny && k >= 0 {
			return "", nil, p.refuse(fmt.Sprintf("the request both allows and denies: %q allows after the deny before it: should it allow or block this traffic? Ask once for each", p.text(k, min(k+2, len(p.toks)))), generator.ExampleNetwork)
		}
		p.take(m.start, m.end, m.rule)
		for i, t := range p.toks {
			if p.taken(i) {
				continue
			}
			if butOnly(p.toks, i) {
				p.take(i, i+1, "verdict") // "on port 80 but only with GET /headers", "but on port 80 only"
				continue
			}
			// "pods that aren't in namespace internal": the negation says
			// which pods, not the verdict; left over, it is asked about.
			if negationWords[t.low] && (p.is(i-1, "that", "which", "who") || p.is(i-1, "do", "does") && p.is(i-2, "that", "which", "who")) {
				continue
			}
			// "block egress to the internet, not to 10.0.0.0/8": a peer
			// the verdict is not for, after the verdict's own; read as
			// the verdict's, it would be blocked too. Left over, it is
			// asked about.
			if negationWords[t.low] && i > m.end && p.is(i+1, "to", "from", "towards", "into") {
				continue
			}
			if denyWords[t.low] || allowWords[t.low] || isolateWords[t.low] || t.low == "only" || t.low == "solely" || t.low == "exclusively" || t.low == "must" || t.low == "should" || t.low == "restrict" || t.low == "limit" || t.low == "confine" || t.low == "restricted" || t.low == "limited" {
				p.take(i, i+1, "verdict")
			}
		}
		return v, m, nil
	}
	// "a toCIDR rule with the node IP doesn't do it": a negation denies
	// traffic only with a verb of traffic after it.
	trafficAfter := func(k int) bool {
		for k++; k < len(p.toks); k++ {
			if reachVerbs[p.word(k)] || receiveVerbs[p.word(k)] || p.is(k, "let", "allow", "allowed", "be", "get", "have") {
				return true
			}
		}
		return false
	}
	// "no pod in media should be able to talk to the kube-apiserver": what
	// no pod may do with the peers named is denied, as "must not" says.
	if noPods >= 0 && isoAt == nil {
		return claimAll(generator.Deny, &mark{noPods, noPods + 1, "no-pods-may"})
	}
	// "must not establish connections to anything outside 10.20.0.0/16":
	// everything but the range is denied, an allow-list of the range.
	for k := negated + 1; negated >= 0 && isoAt == nil && k+2 < len(p.toks); k++ {
		if p.is(k, "anything", "anywhere") && p.is(k+1, "outside", "but", "except") && p.toks[k+2].kind == tCIDR {
			p.take(k, k+2, "allow-list-by-exception")
			return claimAll(generator.Allow, &mark{negated, negated + 1, "allow-list-by-exception"})
		}
	}
	// "keep the backend pods from reaching anything except the FQDN
	// kubernetes.io", "forbid X from reaching anything except 10.0.0.0/8":
	// everything but what is named is denied, an allow-list of it.
	for k := deny + 1; deny >= 0 && negated < 0 && isoAt == nil && k+1 < len(p.toks); k++ {
		if !(p.is(k, "anything", "anywhere") && p.is(k+1, "but", "except") && p.is(k-1, "reaching", "contacting", "talking", "accessing", "calling", "to")) {
			continue
		}
		v := k + 2
		for p.is(v, "the", "fqdn", "domain", "host", "address", "ip", "cidr", "range") && !p.taken(v) {
			v++
		}
		if v < len(p.toks) && (p.toks[v].kind == tCIDR || p.toks[v].kind == tDomain) {
			if p.is(deny, "keep", "keeps") {
				p.take(deny, deny+1, "keep-from")
			}
			p.take(k, k+2, "allow-list-but-named")
			return claimAll(generator.Allow, &mark{deny, deny + 1, "allow-list-but-named"})
		}
	}
	// "the plain k8s network policy can't express it, so add a policy that
	// allows ...": a negation of a verb that is no traffic denies nothing.
	// The negation is then no word of a deny either: "can't", "cannot" and
	// the "not" of "does not" found as the deny word made "both allows and
	// denies" of "the native API cannot express it, so add a policy that
	// allows ...".
	if negated >= 0 && allow > negated && !p.governsTraffic(negated) {
		e := negated + 1
		// ("pods that do not carry X": the negation says which pods, and
		// is asked about, as in claimAll.)
		if p.is(negated, "do", "does") && p.is(e, "not") && !p.is(negated-1, "that", "which", "who") {
			e++
		}
		p.take(negated, e, "negation-of-no-traffic")
		// Only before a verb ("cannot express"), beside a word that
		// allows: "Shouldn't the frontend be allowed to reach X?" asks,
		// and "... cannot express - our cluster only has NetworkPolicy"
		// says no allow.
		if deny >= negated && deny < e && allowWords[p.word(allow)] && p.toks[e].kind == tWord && !determiners[p.word(e)] && !pronouns[p.word(e)] && !p.is(e, "we", "you", "i", "he", "she") {
			deny = p.indexAny(denyWords)
		}
		negated = -1
	}
	if negated >= 0 && p.relativeNegation(negated) {
		return "", nil, p.refuse(fmt.Sprintf("does %q deny the traffic allowed, or only say what is so of what it follows? Say the rule without it, or the deny as a sentence of its own", p.text(negated-1, min(negated+2, len(p.toks)))), generator.ExampleNetwork)
	}
	if negated >= 0 && isoAt == nil {
		if !trafficAfter(negated) {
			return "", nil, p.refuse(fmt.Sprintf("what does %q deny? I found no traffic it is about", p.toks[negated].raw), generator.ExampleNetwork)
		}
		return claimAll(generator.Deny, &mark{negated, negated + 1, "negation"})
	}
	if deny >= 0 && negationWords[p.word(deny)] && !trafficAfter(deny) {
		return "", nil, p.refuse(fmt.Sprintf("what does %q deny? I found no traffic it is about", p.toks[deny].raw), generator.ExampleNetwork)
	}
	if p.hasPhrase("allow", "all") || p.hasPhrase("allow", "any") || p.hasPhrase("allows", "all") {
		isoAt = nil
	}
	// "allow all egress except to 169.254.169.254", "permit everything
	// outbound but 10.0.0.0/8": all of a direction but some peers is a
	// deny of those peers that leaves the rest as it is.
	if m := p.allowAllBut(allow, exceptAt); m != nil && deny < 0 && negated < 0 {
		return claimAll(generator.Deny, m)
	}
	if m := p.allowAllThenDeny(allow, deny); m != nil && negated < 0 && isoAt == nil {
		return claimAll(generator.Deny, m)
	}
	switch {
	case isoAt != nil && exceptAt > isoAt.start && (negated > exceptAt || p.denyAfter(exceptAt)):
		// "deny all egress except X, so nothing can't reach Y": what follows
		// the exceptions denies again. "deny all ingress except app=lb on
		// 80, which must also be blocked": so does a deny word.
		return "", nil, p.refuse("the request both allows and denies after \"except\": which traffic should be allowed? Ask once for each", generator.ExampleNetwork)
	case isoAt != nil && exceptAt > isoAt.start:
		// "deny all egress except to X": an allow-list.
		return claimAll(generator.Allow, &mark{isoAt.start, isoAt.end, "allow-list-by-exception"})
	case isoAt != nil && p.is(isoAt.start, "lock", "locked") && (only > isoAt.start || allow > isoAt.start || rest > isoAt.start):
		// "lock down client-one's egress - it may only resolve names and
		// talk to X": an allow-list.
		return claimAll(generator.Allow, &mark{isoAt.start, isoAt.end, "allow-list-by-lockdown"})
	case isoAt != nil && only > isoAt.start && p.isolationOfAllowList(isoAt) && p.podsOnlyAfterWholeIsolation(isoAt, only):
		// "in namespace prod, deny all ingress, only pods app=lb receive
		// from internet on 443": the isolation names no pods, so it may
		// hold for the whole namespace, and the pods after "only" are
		// some of them; read as their allow-list, the deny of the rest
		// was lost (finder 5, S8).
		return "", nil, p.refuse(fmt.Sprintf("does %q hold for every pod, with %s allowed besides, or only for %s? Say each as a rule of its own (\"default deny ingress in namespace prod; allow the pods labeled app=lb to receive from ...\")", p.text(isoAt.start, isoAt.end+1), p.text(only+1, p.labelAfter(only)+1), p.text(only+1, p.labelAfter(only)+1)), generator.ExampleNetwork)
	case isoAt != nil && only > isoAt.start && p.isolationOfAllowList(isoAt):
		// "Tenant isolation: pods in tc-beta should only accept traffic from
		// other pods in tc-beta", "put app1 into egress default deny and only
		// allow it to talk to the host": the allow-list after it is what
		// isolates the pods, in the one direction said.
		return claimAll(generator.Allow, &mark{isoAt.start, isoAt.end, "allow-list-by-isolation"})
	case isoAt != nil:
		return claimAll(generator.Isolate, isoAt)
	case deny >= 0 && (p.negatedAllow() || allow < 0):
		return claimAll(generator.Deny, &mark{deny, deny + 1, "deny-word"})
	case deny >= 0 && allow >= 0:
		// "only X may reach Y, block everything else" reads as an allow-list.
		if only >= 0 && (p.has("else") || p.has("other", "others")) {
			for _, w := range []string{"else", "other", "others", "everything", "anything", "all"} {
				if k := p.index(w); k >= 0 {
					p.take(k, k+1, "allow-list-rest")
				}
			}
			return claimAll(generator.Allow, &mark{only, only + 1, "only"})
		}
		return "", nil, p.refuse("the request both allows and denies: should it allow or block this traffic? It contradicts itself, or needs two policies; ask once for each", generator.ExampleNetwork)
	case allow >= 0:
		return claimAll(generator.Allow, &mark{allow, allow + 1, "allow-word"})
	case p.hasAny(auditWords) && p.syscallWordNamed() != "":
		// "audit ptrace", "log ptrace attempts", "audit any mount-related
		// syscall": a system call no rule read, not traffic.
		w := p.syscallWordNamed()
		return "", nil, p.refuse(fmt.Sprintf("is %q the system call? KubeArmor audits system calls by name: say \"audit the %s syscall in pods labeled app=NAME\", naming each call", w, w), generator.ExampleSystem)
	case p.hasAny(auditWords):
		return "", nil, p.refuse("network policies cannot audit traffic, only allow or deny it (KubeArmor audits processes and files); should this allow or block the traffic?", generator.ExampleNetwork)
	}
	return "", nil, nil
}

// negatedAllow reports whether a negation stands unclaimed right before a
// word of allowing, so that the allow word says what is denied: "don't
// let", "do not let", "never let", "not allowed", "not permitted". (Not
// "aren't allowed", which also tells how things are: "pods usually
// aren't allowed to load modules".)
func (p *parser) negatedAllow() bool {
	return p.hasPhrase("don't", "let") || p.hasPhrase("do", "not", "let") || p.hasPhrase("not", "allowed") || p.hasPhrase("not", "permitted") || p.hasPhrase("never", "let")
}

// directionDenyWords may stand between the verdict of a deny and its
// "except" when the deny is of a whole direction (wholeDirectionBut):
// "block (all) ingress traffic to X", "can't send anything out".
var directionDenyWords = set("all", "any", "anything", "everything", "traffic", "connections", "connection", "packets", "requests", "to", "from", "of", "for",
	"the", "send", "sending", "receive", "receiving", "accept", "accepting", "get", "out", "in", "at", "be", "to", "allowed", ",")

// wholeDirectionBut reports whether a deny says a whole direction of one
// set of pods and nothing else before its "except" at exceptAt: a word of
// ingress or egress ("out" after a verb of sending), words of
// directionDenyWords and the tokens of the one group of endpoints (the
// pods), none of which stands after the "except".
func (p *parser) wholeDirectionBut(m *mark, exceptAt int, groups []*group) bool {
	if m == nil || exceptAt <= m.end || len(groups) > 1 {
		return false
	}
	for _, g := range groups {
		if g.eps[len(g.eps)-1].end > exceptAt {
			return false
		}
	}
	dir := false
	for k := m.end; k < exceptAt; k++ {
		switch w := p.word(k); {
		case ingressWords[w] || egressWords[w]:
			dir = true
		case w == "out" && p.is(k-2, "send", "sending") || w == "in" && p.is(k-2, "let", "letting"):
			dir = true
		case p.taken(k) || directionDenyWords[w] || p.toks[k].kind == tPunct:
		default:
			return false
		}
	}
	return dir
}

// allowAllBut finds "allow all (egress) except ...": the allow word at
// allow, then "all", "everything" or "any" and only words of direction or
// traffic (or the pods it is for) before the "except" at exceptAt, which
// is "except" itself ("but" and "besides" may also leave peers out of an
// allow-list). It returns the verdict's mark, or nil.
func (p *parser) allowAllBut(allow, exceptAt int) *mark {
	if allow < 0 || exceptAt <= allow+1 || !allowWords[p.word(allow)] || !p.is(allow+1, "all", "everything", "any") || !p.is(exceptAt, "except") {
		return nil
	}
	for k := allow + 2; k < exceptAt; k++ {
		if !(ingressWords[p.word(k)] || egressWords[p.word(k)] || p.is(k, "traffic", "connections", "access", "from", "to", "for", "of") || p.taken(k)) {
			return nil
		}
	}
	return &mark{allow, allow + 2, "deny-all-but"}
}

// clusterExceptions reads the namespaces a cluster-wide subject leaves
// out, right after the words that make it cluster-wide: "in every
// namespace except kube-system", "all namespaces other than kube-system
// and calico-system", "every namespace except for kube-system". Read
// before the names, they are never peers. A scene set before the rule
// and its comma ("in every namespace except kube-system, deny ...") is
// asked about, as it always was.
func (p *parser) clusterExceptions() ([]valueV, *mark) {
	for i := 1; i < len(p.toks); i++ {
		if p.claim[i-1] != "cluster-wide" || p.taken(i) {
			continue
		}
		k := i
		switch {
		case p.is(k, "except", "excluding", "besides"):
			k++
		case p.is(k, "other") && p.is(k+1, "than"), p.is(k, "apart") && p.is(k+1, "from"), p.is(k, "but") && p.is(k+1, "not"):
			k += 2
		default:
			continue
		}
		if p.is(k, "for", "in") {
			k++
		}
		for p.is(k, "the", "namespace", "namespaces") {
			k++
		}
		var names []valueV
		end := k
		for k < len(p.toks) && p.namespaceName(k) {
			names = append(names, valueV{p.toks[k].low, &mark{k, k + 1, "namespace-list"}})
			k++
			for p.is(k, "namespace", "namespaces") {
				k++
			}
			end = k
			if p.is(k, ",") && p.is(k+1, "and", "or") {
				k++
			}
			if p.is(k, "and", "or", ",", "nor") && p.namespaceName(k+1) {
				k++
			}
		}
		if len(names) == 0 || p.is(0, "in", "across", "for", "throughout") && p.claim[0] == "cluster-wide" && p.is(end, ",") {
			return nil, nil
		}
		for _, n := range names {
			p.take(n.m.start, n.m.end, "namespace-list")
		}
		return names, p.take(i, end, "namespace-list")
	}
	return nil, nil
}

// allowedAfterDeny returns where ", only" (or "just", "solely", "but only")
// opens what stays allowed after a deny at from, or -1: "must not reach
// the public network, only the internal ranges 10.0.0.0/8".
// allowBeforeNegation is where a word of allowing stands in a statement
// before the negation at n ("and", a comma, a semicolon or "but" between),
// when a value follows the negation: "should allow X on 443 and should
// not allow Y"; -1 if none does. ("should reach app=db and should not
// reach anything else" names no value after it: an allow-list.)
func (p *parser) allowBeforeNegation(n int) int {
	if n < 0 {
		return -1
	}
	cut := -1
	for k := n - 1; k > 0; k-- {
		if p.is(k, "and", ",", ";", "but", "while", "whereas") {
			cut = k
			break
		}
	}
	if cut < 0 {
		return -1
	}
	// "from app=api on 80 allowed, from app=bad on 22 not allowed": the
	// verdicts said after their rules.
	if allowed := func(w string) bool { return allowWords[w] || w == "allowed" }; allowed(p.word(cut-1)) && p.is(n, "not") && allowed(p.word(n+1)) {
		return cut - 1
	}
	// The negation opens its statement (only modals, or a pronoun as its
	// subject, stand between: "allow app=web to reach app=db on 5432 and
	// we never open 22"), and a value follows it.
	if slices.ContainsFunc(p.toks[cut+1:n], func(t token) bool {
		return !modals[t.low] && t.low != "do" && t.low != "does" && !negationSubjects[t.low]
	}) || !slices.ContainsFunc(p.toks[n:], isValue) {
		return -1
	}
	for k := cut - 1; k >= 0; k-- {
		if (allowWords[p.word(k)] || p.word(k) == "allowed") && !negationWords[p.word(k-1)] && slices.ContainsFunc(p.toks[k:cut], func(t token) bool { return isValue(t) }) {
			return k
		}
	}
	return -1
}

// allowVerbs are the verbs that allow, said as a command: "allow it from
// app=web", "let app=web in", "permit X".
var allowVerbs = set("allow", "permit", "let", "grant", "whitelist", "allowlist", "allow-list")

// allowVerbAfterDeny is where a verb of allowing opens a statement after a
// deny (a comma, semicolon, dash or "but" before it, no negation), no
// rule having read it: "..., allow it from app=web", "- but permit
// app=web"; -1 if none does.
func (p *parser) allowVerbAfterDeny(from int) int {
	for k := max(from, 1); k < len(p.toks); k++ {
		if !allowVerbs[p.word(k)] || p.taken(k) {
			continue
		}
		b := k - 1
		if p.is(b, "but", "and", "then") {
			b--
		}
		if b >= from && p.is(b, ",", ";", "-", "–", "—") || b >= from && b == k-2 && p.is(k-1, "but") {
			return k
		}
	}
	return -1
}

func allowedAfterDeny(toks []token, from int) int {
	for k := max(from, 1); k+1 < len(toks); k++ {
		w, before := toks[k].low, toks[k-1].low
		if (w == "only" || w == "just" || w == "solely" || w == "exclusively") && (before == "," || before == ";" || before == "-" || before == "but") &&
			toks[k+1].low != "in" && toks[k+1].low != "for" && toks[k+1].low != "now" && !negationWords[toks[k+1].low] &&
			// "..., only the front-end should get through": a statement of
			// its own, with its own verb, read by the rules of statements.
			!slices.ContainsFunc(toks[k+1:], func(t token) bool { return modals[t.low] }) {
			return k
		}
	}
	return -1
}

// allowAllThenDeny finds "keep allowing all egress from X by default and
// just block 1.1.1.1": the allow of all of a direction (allowAllBut's
// words, and "by default"), then "and", "but" or a comma, maybe "just",
// "only" or "then", and the deny word at deny. The allow only says the
// rest stays open: the rule is a deny of what the deny names. It returns
// the verdict's mark, or nil.
func (p *parser) allowAllThenDeny(allow, deny int) *mark {
	if allow < 0 || deny <= allow+2 || !allowWords[p.word(allow)] || modals[p.word(allow)] || !p.is(allow+1, "all", "everything", "any") || negationWords[p.word(deny)] {
		return nil
	}
	k := deny - 1
	if p.is(k, "just", "only", "then", "simply") {
		k--
	}
	if !p.is(k, "and", "but", ",") {
		return nil
	}
	// One direction, and the pods named only as whose it is: "all egress
	// from X", "all ingress to X". ("allow all traffic from app=a and
	// just block app=b" names a peer; read so, app=a was denied.)
	in, out := false, false
	for j := allow + 2; j < k; j++ {
		switch {
		case ingressWords[p.word(j)]:
			in = true
		case egressWords[p.word(j)]:
			out = true
		case p.is(j, "from") && !out, p.is(j, "to") && !in:
			return nil
		case p.is(j, "traffic", "connections", "from", "to", "for", "of") || p.is(j, "by") && p.is(j+1, "default") || p.is(j, "default") && p.is(j-1, "by") || p.taken(j):
		default:
			return nil
		}
	}
	if in == out {
		return nil
	}
	if p.is(deny-1, "just", "only", "then", "simply") {
		p.take(deny-1, deny, "verdict")
	}
	for j := allow + 2; j < k; j++ {
		if p.is(j, "by", "default") && !p.taken(j) {
			p.take(j, j+1, "rest-stays-open")
		}
	}
	return &mark{allow, allow + 2, "deny-all-but"}
}

// losesDirection returns where "loses its egress" (or "lose their
// ingress", "loses all egress", "loses its outgoing traffic") stands, the
// verb of the pods that lose a whole direction, or -1. Nothing may follow
// the direction but "traffic" or "connectivity" and the clause's end or
// its "except" (after a comma or a dash too): "loses its egress to
// 10.0.0.0/8" names what is denied, and
// is no isolation.
func (p *parser) losesDirection() int {
	for k := range p.toks {
		if !p.is(k, "lose", "loses") || p.claim[k] != "" && p.claim[k] != "no-meaning" {
			continue
		}
		d := k + 1
		if p.is(d, "its", "their", "all") {
			d++
		}
		if !ingressWords[p.word(d)] && !egressWords[p.word(d)] {
			continue
		}
		e := d + 1
		if p.is(e, "traffic", "connectivity") {
			e++
		}
		// "loses its egress, except DNS", "loses its ingress - apart from
		// app=lb": the except after a comma or a dash.
		if e == len(p.toks) || p.claim[e] == "except" || p.is(e, ".", ",", ";") && e+1 == len(p.toks) || p.is(e, ",", "-", "–", "—") && e+1 < len(p.toks) && p.claim[e+1] == "except" {
			return k
		}
	}
	return -1
}

// denyAfter reports whether an unclaimed word of a deny (no negation, which
// the verdict reads on its own) stands after k.
func (p *parser) denyAfter(k int) bool {
	for i := k + 1; i < len(p.toks); i++ {
		if !p.taken(i) && denyWords[p.word(i)] && !negationWords[p.word(i)] {
			return true
		}
	}
	return false
}

// closeVerbs close what follows them: "close the port 22".
var closeVerbs = set("close", "closes", "closing")

// closedPort is the close verb of "close [the] port(s) N", or -1.
func (p *parser) closedPort() int {
	for i := range p.toks {
		if !closeVerbs[p.word(i)] || p.taken(i) {
			continue
		}
		k := i + 1
		if p.is(k, "the") {
			k++
		}
		if p.is(k, "port", "ports") && k+1 < len(p.toks) && p.toks[k+1].kind == tNumber {
			return i
		}
	}
	return -1
}

// podsActAfterDeny returns where pods named by labels after "and" or a
// comma, after the deny word at deny, stand as the subject of a verb of
// traffic that no negation touches ("..., and pods app=lb receive from
// internet on 443", "..., app=lb may reach ..."), or -1.
func (p *parser) podsActAfterDeny(deny int) int {
	for k := deny + 1; k < len(p.toks); k++ {
		if negationWords[p.word(k)] || denyWords[p.word(k)] && k > deny+1 {
			return -1
		}
		if !p.is(k, "and", ",") {
			continue
		}
		j := k + 1
		for p.is(j, "the", "pods", "pod", "labeled", "labelled", "with") {
			j++
		}
		if j >= len(p.toks) || p.toks[j].kind != tLabel {
			continue
		}
		v := j + 1
		if modals[p.word(v)] {
			v++
		}
		if receiveVerbs[p.word(v)] || reachVerbs[p.word(v)] {
			return k + 1
		}
	}
	return -1
}

// relativeNegation reports whether the negation at k stands in a clause,
// its subject a pronoun, that describes the value or noun before it:
// "allow app=web to reach app=db on 5432, the postgres port we never
// open", "on 5432, which we never open", "a port they never use". The
// clause says what is so of the port, not that the traffic is denied (read
// as the verdict, the allow became an ingress deny); the engine asks.
func (p *parser) relativeNegation(k int) bool {
	if k < 1 || !negationSubjects[p.word(k-1)] {
		return false
	}
	j := k - 2
	if p.is(j, "that", "which") {
		if p.is(j-1, ",") {
			j-- // "on 5432, which we never open"
		}
		if j <= 0 {
			return true // ", which we never open": the clause after the value
		}
		j--
	}
	if j < 0 {
		return false
	}
	t := p.toks[j]
	return t.kind == tNumber || t.kind == tWord && relativeNegationNouns[t.low]
}

// relativeNegationNouns are the nouns of what a rule is made of that a
// clause like "we never open" may describe.
var relativeNegationNouns = set("port", "ports", "address", "addresses", "range", "ranges", "service", "services", "pod", "pods", "one", "ones", "path", "paths", "endpoint", "endpoints", "host", "hosts")

// negationSubjects are the pronouns that may stand as the subject of a
// negation: "we never open", "they must not reach".
var negationSubjects = set("we", "you", "i", "they")
