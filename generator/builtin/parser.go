package builtin

import (
	"fmt"
	"slices"
	"strings"

	"github.com/kunerva/kunerva/generator"
	"github.com/kunerva/kunerva/internal/tree"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// parser reads one clause. Every token it uses or dismisses is claimed
// with the name of the rule that did; what is left over is accounted for
// at the end (account).
type parser struct {
	request string
	toks    []token  // the clause's tokens
	all     []token  // the whole request's tokens
	claim   []string // per token: the rule that used or dismissed it; "" while unclaimed
	opts    generator.Options
	tree    *tree.Tree
	clause  clause

	systemRequest bool
	protocol      *mark // a protocol named apart from the ports ("udp traffic on 53")
	protocolNames []string
	// dnsSaid: the protocols the request said of the DNS port, the DNS
	// rule's (read before the ports, whose protocol they are not).
	dnsSaid  []protoMark
	isoMark  *mark // "default deny", "lock down", read before the names
	narrowAt int   // "Default-deny LAN egress": the word that narrows a default deny, or -1
	// clusterExcept: the namespaces a cluster-wide subject leaves out ("in
	// every namespace except kube-system"), read before the names.
	clusterExcept []valueV
	clusterExMark *mark
	// protocolLost: a protocol named apart from the ports that none of them
	// carries ("UDP to anywhere, plus TCP 3478"): the rule would drop it.
	protocolLost []string
	// countedPortsAsk: the question about a count before a list of ports
	// that is not the number of ports listed ("on 3 ports: 5432 and 5433").
	countedPortsAsk string
	// portMoveAsk: the question about a port moved to another ("moving
	// from port 80 to 443"), which is no range of ports.
	portMoveAsk string
	// podPortAsk: the question about a Service's port said as the pods'
	// own ("on container port 80"), which the tree maps to another.
	podPortAsk string
	// sourcePortAsk: the question about "from port N" beside another
	// port, which may be the port the connection leaves from.
	sourcePortAsk string
	// namespaceLevel: the request is about namespaces ("deny traffic from
	// other namespaces"), so without pods it is about every pod of one.
	namespaceLevel bool
	restMark       *mark // "and nothing else", read before the names
	restScoped     *mark // "block everything else from the host": the rest of one peer's traffic
	// heading: the fallback pods were named as the request's heading
	// ("alertmanager (app=x): ..."), so the clause's own names are peers.
	heading    bool
	notes      []string
	understood []string
	// fallback is the subject of another clause, for a clause that names none.
	fallback        *generator.Subject
	fallbackOrigins []generator.Origin
	// inherited is the verdict of the clause a continuing clause carries on
	// ("allow X to receive ... and to send ..."), with its origin.
	inherited       generator.Verdict
	inheritedOrigin generator.Origin
	// prev is the intent of the clause before, whose pods and direction a
	// clause without them may take over.
	prev *generator.Intent
	// multi: the request has other clauses, which may name the pods.
	multi bool
	// verdictMark is where the clause's verdict was read.
	verdictMark *mark
	// ctx is the namespace the clause names as its scene, if any.
	ctx *endpoint
	// clusterWide: the clause applies to every namespace.
	clusterWide bool
	// httpAsk: a question about the HTTP rules' words that httpRules
	// found ("header X-Env set to prod or staging"), asked once the rules
	// are read.
	httpAsk string
	// dirPaths: the HTTP paths ending in "/" that httpRules read with no
	// word saying every path under them (dirPathAlone asks).
	dirPaths []int
	// httpEndpoint: "PUT to the collection endpoint" names a path of the
	// HTTP rules by a word, not its value.
	httpEndpoint *mark
	// resolvedNames: "to whatever those names resolve to" names the DNS
	// patterns as peers.
	resolvedNames *mark
}

// mark is a run of claimed tokens: what a rule read and where.
type mark struct {
	start, end int // token indexes [start, end)
	rule       string
}

func newParser(request string, c clause, opts generator.Options) *parser {
	toks := c.toks
	return &parser{request: request, toks: toks, all: tokenize(request), claim: make([]string, len(toks)), opts: opts, tree: opts.Tree, clause: c, narrowAt: -1}
}

// after is the request's tokens from offset pos on: "...: the app=x pods
// accept 8080" after a heading's colon.
func (p *parser) after(pos int) []token {
	i := slices.IndexFunc(p.all, func(t token) bool { return t.start >= pos })
	if i < 0 {
		return nil
	}
	return p.all[i:]
}

// take claims tokens [i, j) for rule and returns the mark.
func (p *parser) take(i, j int, rule string) *mark {
	for k := max(i, 0); k < j && k < len(p.toks); k++ {
		if p.claim[k] == "" {
			p.claim[k] = rule
		}
	}
	return &mark{start: i, end: j, rule: rule}
}

func (p *parser) taken(i int) bool { return i >= 0 && i < len(p.toks) && p.claim[i] != "" }

// origin is where the tokens of m are in the request.
func (p *parser) origin(field string, m *mark) generator.Origin {
	if m == nil || m.start >= m.end || m.start < 0 || m.end > len(p.toks) {
		return generator.Origin{Field: field, From: generator.FromRequest, Rule: "missing"}
	}
	a, b := p.span(m.start, m.end)
	return generator.Origin{Field: field, From: generator.FromRequest, Start: a, End: b, Text: p.request[a:b], Rule: m.rule}
}

func (p *parser) word(i int) string {
	if i < 0 || i >= len(p.toks) {
		return ""
	}
	return p.toks[i].low
}

func (p *parser) is(i int, words ...string) bool { return slices.Contains(words, p.word(i)) }

// tok is the unclaimed token at i, or nil.
func (p *parser) tok(i int) *token {
	if i < 0 || i >= len(p.toks) || p.claim[i] != "" {
		return nil
	}
	return &p.toks[i]
}

// mentions reports whether one of the words is in the clause, claimed or not.
func (p *parser) mentions(words ...string) bool {
	for _, t := range p.toks {
		if slices.Contains(words, t.low) {
			return true
		}
	}
	return false
}

// first is the first token that is one of the words, claimed or not, or -1.
func (p *parser) first(words ...string) int {
	for i, t := range p.toks {
		if slices.Contains(words, t.low) {
			return i
		}
	}
	return -1
}

// has reports whether one of the words is among the unclaimed tokens.
func (p *parser) has(words ...string) bool { return p.index(words...) >= 0 }

// index is the first unclaimed token that is one of the words, or -1.
func (p *parser) index(words ...string) int {
	for i, t := range p.toks {
		if p.claim[i] == "" && slices.Contains(words, t.low) {
			return i
		}
	}
	return -1
}

func (p *parser) hasAny(m map[string]bool) bool { return p.indexAny(m) >= 0 }

func (p *parser) indexAny(m map[string]bool) int {
	for i, t := range p.toks {
		if p.claim[i] == "" && m[t.low] {
			return i
		}
	}
	return -1
}

// phrase finds the words in a row among unclaimed tokens and returns the
// index of the first, or -1.
func (p *parser) phrase(words ...string) int {
	for i := range p.toks {
		ok := true
		for k, w := range words {
			if p.word(i+k) != w || p.taken(i+k) {
				ok = false
				break
			}
		}
		if ok {
			return i
		}
	}
	return -1
}

func (p *parser) hasPhrase(words ...string) bool { return p.phrase(words...) >= 0 }

// phraseAt reports whether the words stand unclaimed from token i.
func (p *parser) phraseAt(i int, words ...string) bool {
	for k, w := range words {
		if p.word(i+k) != w || p.taken(i+k) {
			return false
		}
	}
	return true
}

// claimPhrase claims the words in a row for rule; it returns their mark, or nil.
func (p *parser) claimPhrase(rule string, words ...string) *mark {
	if i := p.phrase(words...); i >= 0 {
		return p.take(i, i+len(words), rule)
	}
	return nil
}

// ask refuses with a question and an answer that completes the request
// when appended to it, for the conversation in a thread.
func (p *parser) ask(question, example, answer string) error {
	err := p.refuse(question, example).(*generator.NotUnderstoodError)
	err.Answer = answer
	return err
}

func (p *parser) refuse(missing, example string) error {
	return &generator.NotUnderstoodError{Request: p.request, Understood: p.understood, Missing: missing, Example: example}
}

// refuseWithSummary refuses with what the intent read so far added to what
// was understood, and an example of its kind.
func (p *parser) refuseWithSummary(in *generator.Intent, missing string) error {
	p.understood = append(p.understood, in.Summary()...)
	return p.refuse(missing, generator.ExampleFor(in))
}

func (p *parser) parse() (*generator.Intent, error) {
	for i, t := range p.toks {
		if t.kind == tRelPath && !p.taken(i) {
			return nil, p.refuse(`"`+t.raw+`" is not an absolute path: file and process paths start with /, e.g. /`+t.raw, generator.ExampleSystem)
		}
	}
	p.dismissFraming()
	p.dismissAsides()
	if err := p.appositiveValue(); err != nil {
		return nil, err
	}
	if err := p.portsOfAnException(); err != nil {
		return nil, err
	}
	system, err := p.systemRules()
	if err != nil {
		return nil, err
	}
	var in *generator.Intent
	if len(system) > 0 {
		in, err = p.assembleSystem(system)
	} else {
		in, err = p.assembleNetwork()
	}
	if err != nil {
		return nil, err
	}
	if err := p.negatedLabelSelected(in); err != nil {
		return nil, err
	}
	if err := p.account(in); err != nil {
		return nil, err
	}
	if err := p.valuesKept(in); err != nil {
		return nil, err
	}
	if q := p.readLines(in).ask(afterValues, -1); q != "" {
		return nil, p.refuseWithSummary(in, q)
	}
	return in, nil
}

// valueRules are the rules that read a value into a rule: what they
// claim must reach the intent.
var valueRules = set("labels", "path", "port", "cidr", "dns-name", "dns-pattern", "http-path", "http-header", "namespace-labels", "node-labels", "node-hostname", "port-range", "host-port", "icmp-type")

// valuesKept checks that every value a rule read reaches the intent: a
// label, path, port, address or name claimed by a rule of values lies in
// the span of one of the intent's origins. A value read and then lost
// ("Lock down the app=web pods: they may reach pods labeled app=db on
// 5432, nothing else, and receive from nobody" once isolated app=db and
// dropped the rule with 5432) would make a policy that says something else
// than the request: kunerva asks about it instead. A port the tree
// resolved to a container port, and an ICMP type said again ("echo
// requests (type 8)"), are kept by origins of their own.
func (p *parser) valuesKept(in *generator.Intent) error {
	var spans [][2]int
	treePort, icmpType := false, false
	for _, x := range append([]*generator.Intent{in}, in.Others...) {
		for _, o := range x.Origins {
			switch {
			case o.From == generator.FromRequest:
				spans = append(spans, [2]int{o.Start, o.End})
			case o.From == generator.FromTree && strings.Contains(o.Field, ".ports["):
				treePort = true
			}
			icmpType = icmpType || strings.HasSuffix(o.Field, ".icmpType")
		}
	}
	for i, t := range p.toks {
		if !t.isValue() {
			continue
		}
		if !valueRules[p.claim[i]] || p.claim[i] == "port" && treePort || p.claim[i] == "icmp-type" && icmpType ||
			slices.ContainsFunc(spans, func(s [2]int) bool { return s[0] <= t.start && t.end <= s[1] }) {
			continue
		}
		return p.refuseWithSummary(in, fmt.Sprintf("what do you mean by %q here? I read it, but the rules I understood do not use it", t.raw))
	}
	return nil
}

// negatedLabelSelected asks when a label the request negates ("pods not
// labeled app=web", "nodes that aren't labeled pool=gpu", "every node
// except those labeled pool=gpu") ended up selecting the subject: the
// policy would apply to just the pods or nodes the request left out.
func (p *parser) negatedLabelSelected(in *generator.Intent) error {
	for i, t := range p.toks {
		if t.kind != tLabel {
			continue
		}
		k, op, v := splitLabel(t.raw)
		if op == "!=" {
			continue
		}
		j := i - 1
		for j >= 0 && j >= i-5 && p.is(j, "labeled", "labelled", "tagged", "carrying", "having", "with", "the", "label", "labels", "a", "those", "ones", "pods", "nodes", "are", "is", "have", "has", "carry", "bear") {
			j--
		}
		if !(negationWords[p.word(j)] || p.is(j, "without", "lacking", "except", "excluding", "besides")) {
			continue
		}
		// (Read as pods without the label, "pods not labeled app=web" is
		// asked about all the same as the subject; as a peer it stays.)
		notLabeled := p.is(j, "not") && p.is(j+1, "labeled", "labelled", "carrying", "having", "tagged", "matching")
		for _, sel := range []*metav1.LabelSelector{in.Subject.Pods, in.Subject.Nodes} {
			if sel != nil && v != "" && (sel.MatchLabels[k] == v || notLabeled && slices.ContainsFunc(sel.MatchExpressions, func(r metav1.LabelSelectorRequirement) bool {
				return r.Key == k && r.Operator == metav1.LabelSelectorOpNotIn && slices.Contains(r.Values, v)
			})) {
				example := generator.ExampleNetwork
				if p.systemRequest {
					example = generator.ExampleSystem
				}
				return p.refuse(fmt.Sprintf("which pods or nodes should this apply to: those labeled %s, or all others? The request says %q before it", t.raw, p.text(j, j+1)), example)
			}
		}
	}
	return nil
}

func quote(s string) string { return `"` + s + `"` }
