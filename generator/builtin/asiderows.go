package builtin

import (
	"fmt"
	"slices"
	"strings"

	"github.com/kunerva/kunerva/generator"
)

// What is set beside the rules (a bracket, the words after a dash or a
// comma) is no part of them unless its words make it one: read as one
// more value, it widened, narrowed or flipped the rule it stands by. The
// request's asides are found once (findAsides); asideCarries walks
// asideRows, what an aside may not carry unread, and asks the first
// row's question that an aside calls for.

// asideKind says how an aside is set apart; the kinds are bits, so that a
// row can name the kinds it reads.
type asideKind uint8

const (
	inBracket       asideKind = 1 << iota // "( ... )", with no "(" inside
	unclosedBracket                       // "( ..." with no ")" before the next "("
	afterDash                             // "... - ...", a dash within a line
	afterBullet                           // "- ..." at the start of a line
	afterComma                            // "..., ..."
)

// An aside is a stretch of the request set beside the rules: toks[open]
// opens it ("(", "-", ","); its words are toks[open+1:close]; toks[close]
// is the ")" of a bracket, or what ends a tail or an unclosed bracket (a
// word of tailEnds, the end of the line, or len(toks)).
type aside struct {
	kind        asideKind
	open, close int
	// pods is the label of the pods a bracket stands right after
	// ("app=web (shop)", "app=web pods (shop)"), or -1.
	pods int
}

// findAsides lists the request's asides in the order they open. A
// bracket is closed by the first ")" before any "(". A tail, and an
// unclosed bracket, end where factTailSaid's tails do: at a word of
// tailEnds or at the end of the line. (The question about a pointer, when
// it was a check of its own, read on past a line's end and ended a
// bracket at its first comma or dash; the other checks ended them as
// here, and the dev set and probes ask the same either way: only what
// pointerAtValue quotes changed.)
func findAsides(request string, toks []token) []aside {
	lineBreak := func(i int) bool { return i == 0 || strings.Contains(request[toks[i-1].end:toks[i].start], "\n") }
	tail := func(i int) int {
		e := i + 1
		for e < len(toks) && !tailEnds[toks[e].low] && !lineBreak(e) {
			e++
		}
		return e
	}
	var out []aside
	for i, t := range toks {
		switch t.low {
		case "(":
			e := i + 1
			for e < len(toks) && toks[e].low != ")" && toks[e].low != "(" {
				e++
			}
			if e < len(toks) && toks[e].low == ")" {
				out = append(out, aside{kind: inBracket, open: i, close: e, pods: labelBefore(toks, i)})
			} else {
				out = append(out, aside{kind: unclosedBracket, open: i, close: tail(i), pods: -1})
			}
		case "-", ",":
			kind := afterComma
			if t.low == "-" {
				kind = afterDash
				if lineBreak(i) {
					kind = afterBullet
				}
			}
			out = append(out, aside{kind: kind, open: i, close: tail(i), pods: -1})
		}
	}
	return out
}

// labelBefore finds the label of the pods right before toks[i], or -1.
func labelBefore(toks []token, i int) int {
	if i == 0 {
		return -1
	}
	k := i - 1
	if podNouns[toks[k].low] && k > 0 {
		k--
	}
	if toks[k].kind != tLabel {
		return -1
	}
	return k
}

// asideRow is one thing an aside may not carry unread (what), in the
// kinds of aside it may stand in: ask reports the question to ask and the
// policy it concerns (nil: the first), or "".
type asideRow struct {
	what  string
	kinds asideKind
	ask   func(r asideReading, a aside) (*generator.Intent, string)
}

// asideRows are in the order their checks ran before they were one table,
// so that a request holding two asks the same question first.
var asideRows = []asideRow{
	{"a value a rule took from a bracket that tells how things are", inBracket, valueToldOf},
	{"a value a rule took from a pasted \"key: value\" field", inBracket | afterComma | afterDash, pastedFieldRead},
	{"a pointer at one value of the list before it", inBracket | unclosedBracket | afterDash | afterBullet | afterComma, pointerAtValue},
	{"a peer added without a port, beside a rule with ports", inBracket, portlessPeer},
	{"the file or program of a rule whose source is said outside it", inBracket | afterDash, targetSetApart},
	{"the direction of a rule read outside it", inBracket, directionOfOthers},
	{"something added (\"and\", \"plus\", \"also\") that no rule read", inBracket, addedUnread},
	{"one bare word after the pods, that no rule read", inBracket, bareWordBesidePods},
	{"a verdict word after a comma, among the pods' labels", inBracket, verdictAmongLabels},
}

// asideReading is what every row reads: the request, its tokens, the
// policies read from it, and its asides, found once.
type asideReading struct {
	request string
	toks    []token
	all     []*generator.Intent
	asides  []aside
}

// words are the aside's words, without its brackets or opening dash.
func (r asideReading) words(a aside) []token { return r.toks[a.open+1 : a.close] }

// text quotes the aside with what opens and closes it.
func (r asideReading) text(a aside) string {
	return r.request[r.toks[a.open].start:r.toks[min(a.close, len(r.toks)-1)].end]
}

// holds reports whether the origin lies within the aside's words.
func (r asideReading) holds(a aside, o generator.Origin) bool {
	if a.kind == inBracket {
		return r.toks[a.open].end <= o.Start && o.End <= r.toks[a.close].start
	}
	return a.close > a.open+1 && r.toks[a.open].end <= o.Start && o.End <= r.toks[a.close-1].end
}

// unread reports whether no origin lies within a bracket, brackets
// included.
func (r asideReading) unread(a aside) bool { return !spanRead(r.toks, a.open, a.close, r.all) }

// asideCarries asks when an aside carries what asideRows say it may not.
func asideCarries(request string, toks []token, all []*generator.Intent) error {
	if len(all) == 0 {
		return nil
	}
	r := asideReading{request: request, toks: toks, all: all, asides: findAsides(request, toks)}
	for _, row := range asideRows {
		for _, a := range r.asides {
			if row.kinds&a.kind == 0 {
				continue
			}
			if x, q := row.ask(r, a); q != "" {
				if x == nil {
					x = all[0]
				}
				return &generator.NotUnderstoodError{Request: request, Understood: x.Summary(), Example: generator.ExampleFor(x), Missing: q}
			}
		}
	}
	return nil
}

// tellingAsideOpeners open a bracket that tells of something rather than
// naming it: "(the reloader writes /etc/nginx/, careful)", "(our agent runs
// /usr/bin/curl)".
var tellingAsideOpeners = set("the", "our", "a", "an", "its", "their", "we", "it", "they", "note", "careful")

// clausalAsideVerbs say, inside brackets, how things are or go rather than
// what a rule does: "(the proxy also listens on 3128)", "(replication runs
// on 5433)", "(the old port 8080 is gone)", "(we saw wget used as well)".
var clausalAsideVerbs = set("is", "are", "was", "were", "runs", "run", "listens", "listen", "lives", "live", "sits", "serves", "exposes", "keeps", "keep",
	"has", "have", "had", "needs", "need", "uses", "use", "used", "writes", "write", "reads", "talks", "calls", "scrapes", "sends", "hits", "goes", "went",
	"moved", "saw", "seen", "stays", "stay", "remains", "works", "work", "comes", "gets", "got", "handles", "does", "do", "did",
	"connects", "connect", "come", "came", "renews", "renew", "go")

// valueToldOf: a bracket that is a sentence of its own, with a verb that
// tells how things are ("(the proxy also listens on 3128)", "(admin UI
// runs on 8080, keep it closed)", "(the reloader writes /etc/nginx/,
// careful)"), says something about a value, not that the rule is for it:
// the rule may be meant to leave it out. Brackets that name what the words
// before them mean ("(app=web)", "(port 80)", "(i.e. 10.0.0.0/8)") hold no
// such verb. Words of files and processes ("writes", "store", "exec") are
// verbs only after a subject: "(the reloader writes /etc/nginx/)", not
// "(app=orders, namespace store)".
func valueToldOf(r asideReading, a aside) (*generator.Intent, string) {
	words := r.words(a)
	telling := len(words) > 0 && tellingAsideOpeners[words[0].low]
	// "the nginx-ckad deployment (its pods are app=nginx-ckad)": the labels
	// of what the words before name, read as "(app=nginx-ckad)".
	if len(words) > 3 && (words[0].low == "its" || words[0].low == "their") && podNouns[words[1].low] && (words[2].low == "are" || words[2].low == "carry" || words[2].low == "have") &&
		!slices.ContainsFunc(words[3:], func(t token) bool { return t.kind == tWord && !labelIntros[t.low] }) {
		return nil, ""
	}
	if !slices.ContainsFunc(words, func(t token) bool {
		// "(attacker: /bin/cat)": who did what, a story.
		story := actorNouns[strings.TrimSuffix(t.low, "s")] && t.low != "subject"
		return t.kind == tWord && (clausalAsideVerbs[t.low] || story || telling && (fileVerbs[t.low] || processVerbs[t.low] || dependWords[t.low] || t.low == "careful"))
	}) {
		return nil, ""
	}
	for _, x := range r.all {
		for _, o := range x.Origins {
			if o.From == generator.FromRequest && r.holds(a, o) {
				return x, fmt.Sprintf("the aside %q tells how things are: is %q part of the rule, or only said about the setup? Say it as a rule of its own, or leave it out", r.text(a), o.Text)
			}
		}
	}
	return nil, ""
}

// listPointers point back at one value of a list: "(the second is our
// VPN)", "(the latter is ours)".
var listPointers = set("first", "second", "third", "last", "latter", "former")

// pointerAtValue: an aside that says something of one value of the list
// before it ("deny ingress from 203.0.113.50 and 203.0.113.51 (the second
// is our VPN)", "... - the second one is our VPN", ", the latter being
// ours"): the value stayed in the rule, whatever they meant for it.
func pointerAtValue(r asideReading, a aside) (*generator.Intent, string) {
	if w := r.words(a); len(w) < 2 || w[0].low != "the" || !listPointers[w[1].low] {
		return nil, ""
	}
	return nil, fmt.Sprintf("%q says something of one value of the list before it: should that value stay in the rule, or be left out? Say the rule with the values it holds", r.text(a))
}

// afterPort reports whether the bracket stands right after a port: "on
// 5432 (db at 10.1.2.3)" says where the peer before it is (finder W18);
// read as a peer of its own, the address was open on every port.
func afterPort(toks []token, a aside) bool {
	return a.open > 0 && (toks[a.open-1].kind == tNumber || toks[a.open-1].kind == tPortProto || toks[a.open-1].kind == tRange)
}

// bracketAddWords open a bracket that adds to the list before it.
var bracketAddWords = set("and", "plus", "also", "or", "&")

// portlessPeer: a rule with no port whose peers a bracket added beside a
// rule with ports: "app=web may only reach api.stripe.com on 443 (and
// api.paypal.com, per finance)" opened api.paypal.com on every port.
// "(existing label i-am=dumbledore)" names the pods before it. An address
// in a bracket right after the port, with no word adding it, is asked too
// ("app=web may reach app=db on 5432 (db at 10.1.2.3)").
func portlessPeer(r asideReading, a aside) (*generator.Intent, string) {
	added := slices.ContainsFunc(r.words(a), func(t token) bool { return bracketAddWords[t.low] })
	if !added && !afterPort(r.toks, a) {
		return nil, ""
	}
	for _, x := range r.all {
		if !slices.ContainsFunc(x.Network, func(n generator.NetworkRule) bool { return len(n.Ports) > 0 }) {
			continue
		}
		for n, rule := range x.Network {
			if len(rule.Ports) > 0 || len(rule.Peers) == 0 {
				continue
			}
			prefix := fmt.Sprintf("network[%d].peers[", n)
			for _, o := range x.Origins {
				// After a port, only an address: "(cloned from namespace
				// shop)" is asked as the story it is.
				if o.From == generator.FromRequest && strings.HasPrefix(o.Field, prefix) && !strings.Contains(o.Field, "clusterDNS") && r.holds(a, o) && (added || strings.HasSuffix(o.Field, ".cidr")) {
					return x, fmt.Sprintf("%q adds %q on every port, beside a rule with ports: on which ports? Say it with its ports, as a rule of its own", r.text(a), o.Text)
				}
			}
		}
	}
	return nil, ""
}

// targetSetApart: a system rule whose file or program comes from the
// aside while its source process comes from outside every bracket and
// dash's tail: "only /usr/bin/node may run (entrypoint /usr/bin/tini)"
// allowed tini run by node, "only /usr/sbin/nginx may read
// /etc/nginx/certs/ (certbot at /usr/bin/certbot renews them)" let nginx
// open the certbot binary. "(/var/run/secrets/.../token)" alone names what
// the words before it mean.
func targetSetApart(r asideReading, a aside) (*generator.Intent, string) {
	alone := func(o generator.Origin) bool {
		return r.request[r.toks[a.open].end:o.Start] == "" && strings.HasPrefix(r.request[o.End:], ")")
	}
	outside := func(o generator.Origin) bool {
		return !slices.ContainsFunc(r.asides, func(b aside) bool { return b.kind&(inBracket|afterDash) != 0 && r.holds(b, o) })
	}
	for _, x := range r.all {
		for n := range x.System {
			prefix := fmt.Sprintf("system[%d].", n)
			inside, source := "", false
			for _, o := range x.Origins {
				if o.From != generator.FromRequest || !strings.HasPrefix(o.Field, prefix) {
					continue
				}
				f := strings.TrimPrefix(o.Field, prefix)
				if (f == "path" || f == "dir" || f == "execName") && r.holds(a, o) && !alone(o) {
					inside = o.Text
				}
				if strings.HasPrefix(f, "fromSource") && outside(o) {
					source = true
				}
			}
			if inside != "" && source {
				return x, fmt.Sprintf("is %q, set apart from the rule, what the rule is about, or a remark beside it? Say the rule with the program or file it is about, and who may use it", inside)
			}
		}
	}
	return nil, ""
}

// directionOfOthers: a rule read outside a bracket that took its direction
// from a word inside it: "Only app=api may reach app=db on 5432 (outbound
// only DNS)" made app=api the policy's pods, with app=db a peer, so app=db
// lost its allow-list; the aside says the direction of another rule.
func directionOfOthers(r asideReading, a aside) (*generator.Intent, string) {
	for _, x := range r.all {
		for i := range x.Network {
			f := fmt.Sprintf("network[%d].", i)
			d := slices.IndexFunc(x.Origins, func(o generator.Origin) bool {
				return o.From == generator.FromRequest && o.Field == f+"direction" && r.holds(a, o)
			})
			if d >= 0 && slices.ContainsFunc(x.Origins, func(o generator.Origin) bool {
				return o.From == generator.FromRequest && strings.HasPrefix(o.Field, f) && o.Field != f+"direction" && o.Field != f+"verdict" && !r.holds(a, o)
			}) {
				return x, fmt.Sprintf("%q in the aside %q gave its direction to the rule outside it: whose traffic does the aside speak of? Say each rule with its own pods and direction", x.Origins[d].Text, r.text(a))
			}
		}
	}
	return nil, ""
}

// addingWords open an aside that adds to the rule before it: "(and
// Prometheus)", "(plus the payment gateway)".
var addingWords = set("and", "plus", "also")

// addedUnread: a bracket that adds something no rule read: "Only app=api
// may reach app=db on 5432 (and Prometheus)" cut Prometheus off. "(and its
// subdirectories)" holds a word of the closed list, which the accounting
// reads.
func addedUnread(r asideReading, a aside) (*generator.Intent, string) {
	w := r.words(a)
	if len(w) < 2 || !addingWords[w[0].low] || !r.unread(a) || slices.ContainsFunc(w, meaningful) {
		return nil, ""
	}
	return nil, fmt.Sprintf("what does %q add to the rule? Name it by its labels or its address in a rule of its own", r.text(a))
}

// bareWordBesidePods: one plain word in brackets after pods that no rule
// read: "Block /bin/sh in app=web (shop)", "Only app=api (payments) may
// reach app=db" may give the pods' namespace.
func bareWordBesidePods(r asideReading, a aside) (*generator.Intent, string) {
	w := r.words(a)
	if len(w) != 1 || w[0].kind != tWord || a.pods < 0 || !r.unread(a) {
		return nil, ""
	}
	pods := r.toks[a.pods].raw
	return nil, fmt.Sprintf("what does %q say of %s: is it their namespace? Then say \"%s in namespace %s\"", r.text(a), pods, pods, w[0].raw)
}

// verdictAmongLabels: in the brackets that give pods their labels, a word
// of verdict after a comma: "the fluentd pods
// (app.kubernetes.io/name=fluentd, logging)" read "logging" as Audit (or
// took it into the verdict said before), while it names the pods'
// namespace, as "(app=web, shop)" does, or what they are.
func verdictAmongLabels(r asideReading, a aside) (*generator.Intent, string) {
	w := r.words(a)
	if !slices.ContainsFunc(w, func(t token) bool { return t.kind == tLabel }) {
		return nil, ""
	}
	for k := 1; k < len(w); k++ {
		if v := w[k].low; w[k-1].low == "," && (auditWords[v] || denyWords[v] || allowWords[v]) {
			return nil, fmt.Sprintf("what is %q in %q: what should happen to what the rule names, or something about the pods (their namespace: say \"in namespace %s\")? Say the verdict outside the brackets", w[k].raw, r.text(a), w[k].raw)
		}
	}
	return nil, ""
}
