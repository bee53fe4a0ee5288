package builtin

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"k8s.io/apimachinery/pkg/util/validation"
	"maps"
	"net/netip"
	"regexp"
	"slices"
	"strings"
	"unicode"

	"github.com/kunerva/kunerva/generator"
	"github.com/kunerva/kunerva/internal/tree"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// Engine is the deterministic engine: it splits a request into clauses,
// recognises what each is made of (selectors, namespaces, ports, peers,
// HTTP rules, paths, processes, syscalls, capabilities), assigns roles from
// verbs and prepositions and assembles an intent in which every value says
// where it came from. It refuses, with one question, what it does not fully
// understand.
type Engine struct{}

// Understand implements generator.Engine.
func (Engine) Understand(_ context.Context, request string, opts generator.Options) (*generator.Intent, error) {
	if err := generator.TooLong(request); err != nil {
		return nil, err
	}
	in, err := understand(request, opts)
	// A clause that only names the pods is the engine's own reading, never
	// its answer: should one come out, the engine asks what to do.
	if cc, ok := err.(*contextClause); ok {
		err = &generator.NotUnderstoodError{Request: request, Understood: []string{subjectText(cc.subject.subject)},
			Missing: "I do not understand what the policy should do: should it allow, block or audit this?", Example: generator.ExampleNetwork, Answer: "allow"}
	}
	if err == nil {
		err = openingPlaceLost(request, tokenize(request), in)
	}
	if err == nil {
		err = headingNameLost(request, tokenize(request), in)
	}
	if err == nil {
		err = otherPluginNeedsCilium(request, tokenize(request), in, opts)
	}
	// Clauses about the same pods are summarized once each: a question
	// says what was understood once.
	if nu, ok := err.(*generator.NotUnderstoodError); ok {
		seen := map[string]bool{}
		nu.Understood = slices.DeleteFunc(nu.Understood, func(s string) bool {
			dup := seen[s]
			seen[s] = true
			return dup
		})
	}
	return in, err
}

// otherPlugins are network plugins other than Cilium that enforce (or, as
// flannel, do not enforce) NetworkPolicy but no CiliumNetworkPolicy.
var otherPlugins = set("calico", "antrea", "weave", "weave-net", "kube-router", "flannel", "canal", "ovn-kubernetes", "openshift-sdn", "openshift")

// otherPluginNeedsCilium asks when the request says the cluster runs
// another network plugin ("I'm on EKS with Calico for policy", "We use
// Calico.") and no kind was asked for, yet the rules need a
// CiliumNetworkPolicy (a deny, HTTP, DNS names, entities): set aside as
// an aside, the plugin named left a policy that nothing enforces.
func otherPluginNeedsCilium(request string, toks []token, in *generator.Intent, opts generator.Options) error {
	if in == nil || len(in.Network) == 0 || opts.Kind != "" && opts.Kind != generator.KindAuto {
		return nil
	}
	plugin := ""
	for i, t := range toks {
		if t.low == "cilium" {
			return nil
		}
		// "after the migration from flannel": the plugin left behind.
		if plugin == "" && otherPlugins[t.low] && (i == 0 || toks[i-1].low != "from" && toks[i-1].low != "replacing" && toks[i-1].low != "replace") {
			plugin = t.raw
		}
	}
	if plugin == "" {
		return nil
	}
	var un *generator.UnsupportedError
	if _, err := generator.Render(in, generator.KindNetworkPolicy); !errors.As(err, &un) {
		return nil
	}
	return &generator.NotUnderstoodError{Request: request, Understood: in.Summary(), Example: generator.ExampleFor(in),
		Missing: fmt.Sprintf("the request names %s, and these rules need a CiliumNetworkPolicy (%s): does the cluster run Cilium? Then ask with --kind CiliumNetworkPolicy; else say the rule as an allow-list", plugin, strings.Join(un.Reasons, "; "))}
}

// groupNouns, after a name, make it the name of pods: "the api tier",
// "the reporting service", "the zork pods".
var groupNouns = set("tier", "tiers", "layer", "service", "services", "pods", "pod", "workers", "app", "apps", "application", "microservice", "deployment", "team", "servers", "clients", "jobs")

// notNames say which pods, not their name: "the other service", "the
// same tier", "the labeled pods".
var notNames = set("other", "same", "own", "whole", "entire", "new", "old", "internal", "external", "public", "private", "given", "selected",
	"matching", "labeled", "labelled", "such", "these", "those", "target", "source", "destination", "remote", "local", "only", "specific", "certain", "both", "either", "neither", "two", "three", "several", "many", "few", "more", "no", "not", "which", "what", "whose", "that", "this", "and", "or", "nor", "but")

// headingNameLost asks when a part of the request with no labels (a
// heading, a summary, a sentence before the rules) says traffic of pods
// by a name that no rule's labels spell: "The database should only be
// reachable from the api tier: the pods labeled tier=database accept
// traffic on 5432 only from tier=web pods", "Let the zork tier reach the
// database: ...". Read as words of no meaning, the api tier was replaced
// by tier=web without a word; the names of the part and of the rules
// must agree.
func headingNameLost(request string, toks []token, in *generator.Intent) error {
	if !slices.ContainsFunc(toks, func(t token) bool { return t.kind == tLabel }) {
		return nil
	}
	all := append([]*generator.Intent{in}, in.Others...)
	spelled := map[string]bool{}
	for _, x := range all {
		spelled[strings.ReplaceAll(x.Subject.Namespace, "-", "")] = true
		// "Let home-assistant reach ... home-assistant is app=ha": a name
		// defined by labels is spelled by them.
		for _, o := range x.Origins {
			if o.Rule == "defined-before" {
				spelled[strings.ReplaceAll(strings.ToLower(o.Text), "-", "")] = true
			}
		}
		if x.Subject.Pods != nil {
			for k, v := range x.Subject.Pods.MatchLabels {
				spelled[k], spelled[strings.ReplaceAll(v, "-", "")] = true, true
			}
		}
		for _, r := range x.Network {
			for _, p := range r.Peers {
				spelled[strings.ReplaceAll(p.Namespace, "-", "")] = true
				if p.Namespaces != nil {
					for _, v := range p.Namespaces.MatchLabels {
						spelled[strings.ReplaceAll(v, "-", "")] = true
					}
				}
				if p.Pods != nil {
					for k, v := range p.Pods.MatchLabels {
						spelled[k], spelled[strings.ReplaceAll(v, "-", "")] = true, true
					}
				}
			}
		}
	}
	for from := 0; from < len(toks); {
		to := from
		for to < len(toks) && !(toks[to].kind == tPunct && toks[to].low != "," && toks[to].low != "(" && toks[to].low != ")") {
			to++
		}
		part := toks[from:to]
		verb := slices.ContainsFunc(part, func(t token) bool { return reachVerbs[t.low] || receiveVerbs[t.low] })
		// An order about pods the rules name ("The database should only
		// be reachable from ..."), not a story ("The attacker pod gets
		// nothing") nor a negation.
		ordered := slices.ContainsFunc(part, func(t token) bool { return orderWords[t.low] }) && !slices.ContainsFunc(part, func(t token) bool { return negationWords[t.low] })
		named := slices.ContainsFunc(part, func(t token) bool { return t.kind == tWord && spelled[strings.ReplaceAll(t.low, "-", "")] })
		if verb && ordered && named && !slices.ContainsFunc(part, func(t token) bool { return t.kind == tLabel || t.kind == tCIDR || t.kind == tDomain }) {
			if w, ok := bareNameBeside(part, spelled); ok {
				return &generator.NotUnderstoodError{Request: request, Understood: in.Summary(), Example: generator.ExampleNetwork,
					Missing: fmt.Sprintf("%q names %s, which no rule's labels name: which pods are they? Say their labels, or leave the sentence out", strings.Trim(request[part[0].start:part[len(part)-1].end], " ,.;-"), w)}
			}
			for k := 1; k < len(part); k++ {
				w := part[k-1]
				if !groupNouns[part[k].low] || w.kind != tWord || determiners[w.low] || prepositions[w.low] || spelled[strings.ReplaceAll(w.low, "-", "")] || notNames[w.low] || podNouns[w.low] || allowWords[w.low] || denyWords[w.low] {
					continue
				}
				return &generator.NotUnderstoodError{Request: request, Understood: in.Summary(), Example: generator.ExampleNetwork,
					Missing: fmt.Sprintf("%q names the %s %s, which no rule's labels name: which pods are they? Say their labels, or leave the sentence out", strings.Trim(request[part[0].start:part[len(part)-1].end], " ,.;-"), w.low, part[k].low)}
			}
		}
		from = to + 1
	}
	return nil
}

// verbSkips are the words between a name and its verb of reaching, or
// the verb and the name reached: "checkout may only call payments",
// "payments must be accessible to checkout".
var verbSkips = set("may", "can", "should", "must", "shall", "only", "alone", "be", "is", "are", "to", "from", "by", "with", "the", "a", "an", "our", "my", "its",
	"their", "need", "needs", "allowed", "permitted", "able", "just", "solely", "exclusively", "ever")

// thingWords stand where a name of pods may: "may reach anything",
// "scrape metrics from ...".
var thingWords = set("default", "anything", "anyone", "everyone", "everything", "nothing", "nobody", "it", "they", "them", "we", "i", "you", "traffic", "internet", "world", "cluster", "dns", "port", "ports", "namespace", "namespaces", "outside", "here", "there", "component", "components", "part", "parts", "side",
	"metrics", "data", "requests", "calls", "connections", "logs", "packets", "queries", "messages", "events", "updates")

// bareNameBeside reads "Only checkout may call payments" in a part of the
// request with no labels: the word right before the first verb of
// reaching or receiving and the word right after it. When one is a name
// the rules spell and the other a bare word they do not (nor a word of
// the vocabulary), that word names pods the rules replaced.
func bareNameBeside(part []token, spelled map[string]bool) (string, bool) {
	v := slices.IndexFunc(part, func(t token) bool { return reachVerbs[t.low] || receiveVerbs[t.low] })
	if v < 0 {
		return "", false
	}
	l := v - 1
	for l >= 0 && verbSkips[part[l].low] {
		l--
	}
	r := v + 1
	for r < len(part) && verbSkips[part[r].low] {
		r++
	}
	if l < 0 || r >= len(part) || part[l].kind != tWord || part[r].kind != tWord {
		return "", false
	}
	sp := func(t token) bool { return spelled[strings.ReplaceAll(t.low, "-", "")] }
	plain := func(t token) bool {
		w := t.low
		return !sp(t) && !determiners[w] && !prepositions[w] && !podNouns[w] && !groupNouns[w] && !notNames[w] && !orderWords[w] && !allowWords[w] && !denyWords[w] &&
			!ingressWords[w] && !egressWords[w] && !reachVerbs[w] && !receiveVerbs[w] && !verbSkips[w] && entityWord(w) == "" &&
			!thingWords[w]
	}
	// "the API gateway" for app=api-gateway: a name of two words.
	if l > 0 && spelled[part[l-1].low+strings.ReplaceAll(part[l].low, "-", "")] || r > 0 && r+1 < len(part) && spelled[part[r].low+part[r+1].low] {
		return "", false
	}
	switch {
	case sp(part[l]) && plain(part[r]):
		return part[r].raw, true
	case sp(part[r]) && plain(part[l]):
		return part[l].raw, true
	}
	return "", false
}

// openingPlaceLost asks when a request opens with a namespace ("in
// namespace shop allow app=web to reach app=api on 8080 and allow app=api
// to reach app=db in namespace data on 5432") and a rule about pods of
// another namespace names peer pods with no namespace of their own: the
// opening place may hold for every pod named (app=api in shop), or only
// until another is said (app=api in data). Either reading makes a policy;
// one of them is wrong.
func openingPlaceLost(request string, toks []token, in *generator.Intent) error {
	// "Namespace isolation: pods in shop accept ...": a title, unless a
	// rule is about pods of that namespace.
	ns := openingNamespace(toks)
	all := append([]*generator.Intent{in}, in.Others...)
	if ns == "" || !slices.ContainsFunc(all, func(x *generator.Intent) bool { return x.Subject.Namespace == ns }) {
		return nil
	}
	for _, x := range all {
		if x.Subject.Namespace == "" || x.Subject.Namespace == ns {
			continue
		}
		for _, r := range x.Network {
			for _, p := range r.Peers {
				if p.Pods != nil && p.Namespace == "" && p.Namespaces == nil {
					return &generator.NotUnderstoodError{Request: request, Understood: x.Summary(), Example: generator.ExampleNetwork,
						Missing: fmt.Sprintf("the request opens in namespace %s, and a rule is about pods of namespace %s: are the pods it names beside them in %s or in %s? Say the namespace of each", ns, x.Subject.Namespace, ns, x.Subject.Namespace)}
				}
			}
		}
	}
	return nil
}

// openingNamespace is the namespace a request opens with: "in namespace
// shop, ...", "In the shop namespace: ...", "within ns shop ...", "for
// namespace shop ...", or "".
func openingNamespace(toks []token) string {
	// "Namespace shop: ..."
	if len(toks) > 2 && (toks[0].low == "namespace" || toks[0].low == "ns") && toks[1].kind == tWord && toks[2].low == ":" {
		return toks[1].low
	}
	if len(toks) < 3 || !(toks[0].low == "in" || toks[0].low == "within" || toks[0].low == "inside" || toks[0].low == "for") {
		return ""
	}
	k := 1
	if toks[k].low == "the" {
		k++
	}
	switch {
	case k+1 < len(toks) && (toks[k].low == "namespace" || toks[k].low == "ns") && toks[k+1].kind == tWord:
		return toks[k+1].low
	case k+1 < len(toks) && toks[k].kind == tWord && (toks[k+1].low == "namespace" || toks[k+1].low == "ns"):
		return toks[k].low
	}
	return ""
}

func understand(request string, opts generator.Options) (*generator.Intent, error) {
	toks := tokenize(request)
	// "..., without putting the pods into default deny": the policy's
	// pods stay out of default deny; the other words make its rules.
	_, off := noDefaultDenyPhrases(toks)
	if len(off) == 0 {
		return understandTokens(request, toks, opts)
	}
	blank := withoutPhrases(request, toks, off)
	rest := tokenize(blank)
	in, err := understandTokens(blank, rest, opts)
	if nu, ok := err.(*generator.NotUnderstoodError); ok {
		nu.Request = request
	}
	if err != nil {
		return in, err
	}
	for _, x := range append([]*generator.Intent{in}, in.Others...) {
		x.Request = request
	}
	return leaveDefaultDenyOff(request, in, off, toks, rest)
}

// understandTokens reads the request from its tokens.
func understandTokens(request string, toks []token, opts generator.Options) (*generator.Intent, error) {
	if err := unsupportedProtocol(request, toks); err != nil {
		return nil, err
	}
	if err := pathThenBareVerb(request, toks); err != nil {
		return nil, err
	}
	// "api.example.com and www.example.com on 443 and 80 respectively": the
	// engine pairs no lists; each value would go to every peer.
	if slices.ContainsFunc(toks, func(t token) bool { return t.low == "respectively" }) {
		return nil, &generator.NotUnderstoodError{Request: request,
			Missing: "kunerva does not pair lists \"respectively\": which port is for which peer? Name each peer with its own port (\"to A on 443 and to B on 80\")",
			Example: generator.ExampleNetwork}
	}
	if err := selfCorrection(request, toks); err != nil {
		return nil, err
	}
	if err := verdictOnPronoun(request, toks); err != nil {
		return nil, err
	}
	// "Redis (app=redis) in those same namespaces": namespaces named
	// before, which the engine does not carry from one peer to another.
	for i := range toks {
		if phraseIn(toks, i, []string{"same", "namespaces"}) && i > 0 && (toks[i-1].low == "those" || toks[i-1].low == "these" || toks[i-1].low == "the") {
			return nil, &generator.NotUnderstoodError{Request: request, Example: generator.ExampleNetwork,
				Missing: fmt.Sprintf("which namespaces are %q? kunerva does not carry namespaces from one peer to another; name them again with each peer (\"the app=cache pods in namespaces labeled team=data\")", request[toks[i-1].start:toks[i+1].end])}
		}
	}
	cs, dismissed := clauses(request, toks)
	if i := slices.IndexFunc(dismissed, func(c clause) bool { return c.dismissed == "state-kept-then-allowed" }); i >= 0 {
		return nil, &generator.NotUnderstoodError{Request: request, Example: generator.ExampleSystem,
			Missing: fmt.Sprintf("the request both allows and denies: %q says it should stay not allowed, and the rule after it allows it: should it allow or block this? Ask once for each", dismissed[i].text(request))}
	}
	// "The app=db pods currently accept connections from every pod. Only
	// the app=api pods should get in": what flows now names pods or
	// values the rule does not say again; read as a rule, it allowed what
	// the request wants to stop.
	if i := slices.IndexFunc(dismissed, func(c clause) bool { return c.dismissed == "current-traffic-unsaid" }); i >= 0 {
		return nil, &generator.NotUnderstoodError{Request: request, Example: generator.ExampleNetwork,
			Missing: fmt.Sprintf("is %q how traffic flows now, or part of the rule? Say the rule alone, with the pods it is for (\"only app=api may reach the app=db pods on 5432\")", dismissed[i].text(request))}
	}
	// "I have hello-web (label app=hello) .... I want hello-web to be
	// reachable only from ...": sentences of setting define the names the
	// others use.
	defs := map[string]definition{}
	for i := 0; i < len(cs) && len(cs) > 1; i++ {
		// "The web pods are app=web only in prod": a sentence that opens by
		// saying which labels named pods carry and then says more is no
		// rule to read as traffic between them.
		d, named := namings(request, cs[i].toks)
		if _, _, opens := namingHead(cs[i].toks, 0); opens && !named {
			return nil, &generator.NotUnderstoodError{Request: request, Example: generator.ExampleNetwork,
				Missing: fmt.Sprintf("does %q say which labels the pods carry, or make a rule? Say the labels alone (\"the web pods are app=web in namespace shop\") and the rule in a sentence of its own", cs[i].text(request))}
		}
		// "Allow the MCP pods egress to ... The MCP pods are app=mcp", "...
		// the mosquitto broker on 1883. mosquitto is labeled
		// app.kubernetes.io/name=mosquitto": a sentence that only says which
		// labels named pods carry defines them for the sentences before it
		// too; "I have ..." for those after it.
		users, rule := slices.Concat(cs[:i], cs[i+1:]), "pods-defined"
		switch {
		case named:
		case setting(cs[i].toks):
			d = definitions(request, cs[i], opts)
			users, rule = cs[i+1:], "setting"
		default:
			continue
		}
		if !slices.ContainsFunc(users, func(c clause) bool {
			return slices.ContainsFunc(c.toks, func(t token) bool { _, ok := d[t.low]; return ok && t.kind == tWord })
		}) {
			continue // "we run untrusted code in pods labeled X; they ...": no name to define
		}
		// "The db pods are app=db. ... The db pods are app=postgres": two
		// sentences that define one name differently define it for neither
		// (the clause stays, and asks).
		if redefines(defs, d) {
			continue
		}
		maps.Copy(defs, d)
		cs[i].dismissed = rule
		dismissed = append(dismissed, cs[i])
		cs = slices.Delete(cs, i, i+1)
		i--
	}
	for i := range cs {
		cs[i].defs = defs
		// "Deny all ingress in namespace dev. In that namespace, the
		// app=web pods accept 80 from app=lb.": the place is that of the
		// rules before (backPlaced).
		if rest, at, ok := backPlace(cs[i].toks); ok && i > 0 && (at.low != "in" && at.low != "within" && at.low != "inside" || namespaceBefore(cs[:i])) {
			cs[i].toks, cs[i].placedBefore, cs[i].placeAt = rest, true, at
		}
	}
	// "Root key insertion into /root/.ssh/authorized_keys is critical
	// persistence. Audit any access to that file on every node.", "There
	// is a metadata server at 1.1.1.1. Pods labeled x=y must not reach
	// it.": a sentence that only names values, then a rule that points at
	// them.
	for i := 0; i+1 < len(cs); i++ {
		rule, ok := pointedValues(request, cs[i], cs[i+1], opts)
		if !ok {
			continue
		}
		cs[i].dismissed = "values-of-the-rule-after"
		dismissed = append(dismissed, cs[i])
		cs[i+1] = rule
		cs = slices.Delete(cs, i, i+1)
	}
	intents := make([]*generator.Intent, len(cs))
	errs := make([]error, len(cs))
	var subject *generator.Subject
	var subjectOrigins []generator.Origin
	var subjectFrom *generator.Intent // the rule whose pods subject are
	var context *contextClause
	contextAt := -1
	for i, c := range cs {
		if c.sameSubject && i > 0 && errs[i-1] == nil {
			c.inherit = intents[i-1]
			cs[i] = c
		}
		c.multi = len(cs) > 1
		if i > 0 && errs[i-1] == nil {
			c.prev = intents[i-1]
		}
		cs[i] = c
		if context != nil {
			// After "alertmanager (app=x): ...", the clauses are about those pods.
			c.heading = true
			intents[i], errs[i] = parseClause(request, c, opts, &context.subject.subject, context.subject.origins)
			// "The resolver pods listen on 5353. Allow egress from the
			// app=web pods to the pods labeled k8s-app=resolver ...": a rule
			// that names its own pods is theirs; the sentence before only
			// said what the resolver pods are.
			if own, err := parseClause(request, cs[i], opts, nil, nil); err == nil && !defaultScene(own) && !sameSubject(own.Subject, context.subject.subject) && peersOf(own, context.subject.subject.Pods) {
				intents[i], errs[i] = own, nil
			}
		} else {
			intents[i], errs[i] = parseClause(request, c, opts, nil, nil)
		}
		// "The ldap-sync pods (app=ldap-sync) read /etc/shadow ... Block
		// writes to /etc/shadow for them": what the pods do, said of
		// values the rules after it name again, only names the pods.
		if d, ok := describedPods(request, cs, i, errs[i]); ok && context == nil {
			d.multi, d.heading = c.multi, c.heading
			if _, err := parseClause(request, d, opts, nil, nil); err != nil {
				if _, ok := err.(*contextClause); ok {
					errs[i] = err
				}
			}
		}
		if errs[i] == nil && subject == nil && !defaultScene(intents[i]) {
			subject, subjectOrigins, subjectFrom = &intents[i].Subject, subjectOriginsOf(intents[i]), intents[i]
		}
		if cc, ok := errs[i].(*contextClause); ok && context == nil {
			context, contextAt = cc, i
			if subject == nil {
				subject, subjectOrigins = &context.subject.subject, context.subject.origins
			}
		}
	}
	// "By default the app=web pods will not be able to reach 10.0.0.0/8.
	// Allow them to reach 192.168.0.0/16.": what the pods cannot do by
	// default may only describe how things are, which the allow opens;
	// read as a deny, it shut out what may be wanted.
	for i, c := range cs {
		if errs[i] == nil && defaultStateSaid(c.toks) && (slices.ContainsFunc(intents[i].Network, func(r generator.NetworkRule) bool { return r.Verdict == generator.Deny }) ||
			slices.ContainsFunc(intents[i].System, func(r generator.SystemRule) bool { return r.Action == "Block" })) {
			return nil, &generator.NotUnderstoodError{Request: request, Understood: intents[i].Summary(), Example: generator.ExampleFor(intents[i]),
				Missing: fmt.Sprintf("is %q how things are by default, or a rule? To block it say \"block ...\"; if it is how things are, leave it out", c.text(request))}
		}
	}
	for i, c := range cs {
		if errs[i] == nil && thenAllowLost(c.toks, intents[i]) {
			return nil, &generator.NotUnderstoodError{Request: request, Understood: intents[i].Summary(), Example: generator.ExampleFor(intents[i]),
				Missing: fmt.Sprintf("%q denies, then lets traffic through, and kunerva read only a deny; say the deny and the allow as two sentences, each with its pods and namespace", c.text(request))}
		}
		if errs[i] == nil && (brokenTraffic(c.toks, toks) || complaintSaid(c.toks)) && slices.ContainsFunc(intents[i].Network, func(r generator.NetworkRule) bool { return r.Verdict == generator.Deny }) {
			return nil, &generator.NotUnderstoodError{Request: request, Understood: intents[i].Summary(), Example: generator.ExampleFor(intents[i]),
				Missing: fmt.Sprintf("is %q what broke, or a rule? A policy cannot fix it by blocking; to block the traffic say \"block ...\", to let it through say \"allow ...\"", c.text(request))}
		}
	}
	// "allow app=web to reach the node-local DNS cache on 53", "the app=api
	// pods may query NodeLocal DNSCache": a DNS cache on each node (an
	// address such as 169.254.20.10) is not kube-dns in kube-system; read
	// as the cluster DNS, the lookups the pods make were still dropped.
	if nodeLocalDNSSaid(toks) {
		for i := range cs {
			if errs[i] == nil && len(intents[i].Network) > 0 {
				return nil, &generator.NotUnderstoodError{Request: request, Understood: intents[i].Summary(), Example: generator.ExampleNetwork,
					Missing: "a DNS cache on the node is not the cluster DNS (kube-dns): say its address and port as a rule of their own (\"allow ... to reach 169.254.20.10 on 53/UDP\"), or \"DNS lookups\" for kube-dns"}
			}
		}
	}
	// "Currently the app=web pods can reach app=db on 5432", "can app=web
	// pods reach app=db?", "Why can app=web reach app=db?": how things are
	// now, or a question about it, is no order; read as an allow, it
	// isolated the pods reached.
	for i, c := range cs {
		if errs[i] != nil || len(intents[i].Network) == 0 {
			continue
		}
		ordered := slices.ContainsFunc(cs, func(o clause) bool {
			return len(o.toks) > 0 && o.toks[0].start != c.toks[0].start && o.dismissed == "" && slices.ContainsFunc(o.toks, func(t token) bool { return orderWords[t.low] || denyWords[t.low] })
		})
		// "Currently app=web can reach app=db on 5432, which is what we
		// want to stop", "Every pod in shop can reach app=db on 5432,
		// which is a problem": what the pods can do now, judged, is no
		// allow.
		state := statePart(c.toks)
		if currentStateSaid(state) && len(state) < len(c.toks) || canSaid(state) && disapproved(request, toks, c, state) {
			return nil, &generator.NotUnderstoodError{Request: request, Understood: intents[i].Summary(), Example: generator.ExampleFor(intents[i]),
				Missing: fmt.Sprintf("is %q how things are now, or a rule? Say the rule (\"allow ...\", \"block ...\", \"only ... may ...\"); if it is how things are, leave it out", request[state[0].start:state[len(state)-1].end])}
		}
		if currentStateSaid(c.toks) && !ordered {
			return nil, &generator.NotUnderstoodError{Request: request, Understood: intents[i].Summary(), Example: generator.ExampleFor(intents[i]),
				Missing: fmt.Sprintf("is %q how things are now, or a rule? Say the rule (\"allow ...\", \"block ...\", \"only ... may ...\"); if it is how things are, leave it out", c.text(request))}
		}
		if stateAsked(request, c.toks) {
			return nil, &generator.NotUnderstoodError{Request: request, Understood: intents[i].Summary(), Example: generator.ExampleFor(intents[i]),
				Missing: fmt.Sprintf("%q asks how things are or should be: is it a rule? Say it as one (\"allow ...\", \"block ...\")", c.text(request))}
		}
	}
	// "Bob said to allow all ingress to app=db. I disagree. Only app=api
	// may reach app=db on 5432": what someone else said to do is a story
	// beside others unless the asker takes it up ("We want that"); read
	// as a rule, it allowed every source beside the one the asker wants.
	// ("My lead said to allow ..." alone relays the order.)
	if !adopted(toks) && len(cs)+len(dismissed) > 1 {
		for i, c := range cs {
			if errs[i] == nil && (len(intents[i].Network) > 0 || len(intents[i].System) > 0) && (reportedAdvice(c.toks) || pastTold(c.toks)) {
				return nil, &generator.NotUnderstoodError{Request: request, Understood: intents[i].Summary(), Example: generator.ExampleFor(intents[i]),
					Missing: fmt.Sprintf("is %q what someone else said, what you had or tried, or what you saw, or the rule you want? Say the rule you want as an order (\"allow ...\", \"block ...\")", c.text(request))}
			}
		}
	}
	// "Should I block egress from app=web to 0.0.0.0/0?", "Would blocking
	// /bin/sh in app=web break kubectl exec?", "I was thinking of blocking
	// /bin/sh. Thoughts?": a question of whether to do it, or of what it
	// would do, is no order; read as one, it made the rule asked about.
	for i, c := range cs {
		if errs[i] != nil || len(intents[i].Network) == 0 && len(intents[i].System) == 0 {
			continue
		}
		if adviceAsked(request, c.toks) || len(intents[i].Network) == 0 && stateAsked(request, c.toks) {
			return nil, &generator.NotUnderstoodError{Request: request, Understood: intents[i].Summary(), Example: generator.ExampleFor(intents[i]),
				Missing: fmt.Sprintf("%q asks whether to do it, or what it would do: is it a rule? Say it as one (\"allow ...\", \"block ...\")", c.text(request))}
		}
		if confirmAsked(request, c.toks) {
			return nil, &generator.NotUnderstoodError{Request: request, Understood: intents[i].Summary(), Example: generator.ExampleFor(intents[i]),
				Missing: fmt.Sprintf("%q asks whether it is so: is it how things are, or a rule? Say the rule as an order (\"allow ...\", \"block ...\")", c.text(request))}
		}
	}
	// "Egress default deny on the app=worker pods - permit traffic to
	// app=queue on 5672": traffic to pods, with no source, beside a rule of
	// other pods' egress may be where those pods send; read as what the
	// pods named accept from anywhere, the worker's egress was lost.
	for i := range cs {
		if errs[i] != nil || !openedToAnyone(intents[i]) {
			continue
		}
		for j := range cs {
			if j != i && errs[j] == nil && egressOfOthers(intents[j], intents[i].Subject) {
				return nil, &generator.NotUnderstoodError{Request: request, Understood: intents[i].Summary(), Example: generator.ExampleNetwork,
					Missing: fmt.Sprintf("is %q where the pods of %q may send (their egress), or what those pods accept from anywhere? Say \"... may reach ...\" for the first", cs[i].text(request), cs[j].text(request))}
			}
		}
	}
	// "tier=backend pods: only tier=frontend pods may connect to app=db
	// pods": a heading whose pods no rule after it is about, nor names as
	// a peer, would be lost.
	if contextAt >= 0 && context.subject.subject.Pods != nil {
		used, rules := false, false
		for i := contextAt + 1; i < len(cs); i++ {
			if errs[i] == nil {
				rules = true
				for _, x := range append([]*generator.Intent{intents[i]}, intents[i].Others...) {
					used = used || sameJSON(x.Subject.Pods, context.subject.subject.Pods) || peersOf(x, context.subject.subject.Pods)
				}
			}
		}
		if rules && !used {
			return nil, &generator.NotUnderstoodError{Request: request, Understood: []string{subjectText(context.subject.subject)}, Example: generator.ExampleNetwork,
				Missing: fmt.Sprintf("what should happen to the %s? %q names them, and the rules after it are about other pods", strings.TrimPrefix(subjectText(context.subject.subject), "applies to "), cs[contextAt].text(request))}
		}
	}
	// "The db pods (app=db) are in prod. Only app=api may reach app=db on
	// 5432.": the pods named again are those of the sentence before, in
	// its namespace, not in the default one.
	if contextAt >= 0 && context.subject.subject.Pods != nil && slices.ContainsFunc(context.subject.origins, func(o generator.Origin) bool {
		return o.Field == "subject.namespace" && o.From != generator.FromDefault
	}) {
		for i := contextAt + 1; i < len(cs); i++ {
			if errs[i] != nil {
				continue
			}
			for _, x := range append([]*generator.Intent{intents[i]}, intents[i].Others...) {
				if sameJSON(x.Subject.Pods, context.subject.subject.Pods) && x.Subject.Namespace != context.subject.subject.Namespace {
					return nil, &generator.NotUnderstoodError{Request: request, Understood: x.Summary(), Example: generator.ExampleFor(x),
						Missing: fmt.Sprintf("are the pods labeled %s in namespace %s, as %q says, or in %s? Say the namespace in the rule", labelsText(x.Subject.Pods.MatchLabels), context.subject.subject.Namespace, cs[contextAt].text(request), x.Subject.Namespace)}
				}
			}
		}
	}
	// "The app=db pods listen on 5432. The app=web pods may reach them.":
	// the port said of the pods is lost on a rule of any port.
	if contextAt >= 0 && slices.ContainsFunc(cs[contextAt].toks, func(t token) bool { return t.kind == tNumber }) {
		for i := contextAt + 1; i < len(cs); i++ {
			if errs[i] == nil && slices.ContainsFunc(intents[i].Network, func(r generator.NetworkRule) bool { return len(r.Ports) == 0 && r.Verdict == generator.Allow }) {
				return nil, &generator.NotUnderstoodError{Request: request, Understood: intents[i].Summary(), Example: generator.ExampleFor(intents[i]),
					Missing: fmt.Sprintf("on which ports? %q names a port, and %q none; say the ports in the rule", cs[contextAt].text(request), cs[i].text(request))}
			}
		}
	}
	// "allow ingress to app=db from app=api on 5432; app=worker too": a
	// clause that only names pods after a rule about others says nothing of
	// them that could be kept.
	for i := range cs {
		cc, ok := errs[i].(*contextClause)
		if !ok {
			continue
		}
		for j := 0; j < i; j++ {
			if errs[j] == nil && !defaultScene(intents[j]) && !sameSubject(intents[j].Subject, cc.subject.subject) {
				return nil, &generator.NotUnderstoodError{Request: request, Understood: intents[j].Summary(),
					Missing: fmt.Sprintf("what should happen to the %s? %q names them after the rules, and says nothing of them", strings.TrimPrefix(subjectText(cc.subject.subject), "applies to "), cs[i].text(request)),
					Example: generator.ExampleFor(intents[j])}
			}
		}
	}
	// With no pods named anywhere, the default namespace's are the scene.
	named := subject != nil
	for i := range cs {
		if subject == nil && errs[i] == nil {
			subject, subjectOrigins = &intents[i].Subject, subjectOriginsOf(intents[i])
		}
	}
	// Clauses that only named the pods make no rules.
	var keptCs []clause
	var keptIn []*generator.Intent
	var keptErrs []error
	var described []clause
	for i := range cs {
		if _, ok := errs[i].(*contextClause); ok {
			described = append(described, cs[i])
			continue
		}
		keptCs, keptIn, keptErrs = append(keptCs, cs[i]), append(keptIn, intents[i]), append(keptErrs, errs[i])
	}
	if len(keptCs) == 0 {
		return nil, &generator.NotUnderstoodError{Request: request, Understood: []string{subjectText(context.subject.subject)},
			Missing: "I do not understand what the policy should do: should it allow, block or audit this?", Example: generator.ExampleNetwork, Answer: "allow"}
	}
	cs, intents, errs = keptCs, keptIn, keptErrs
	// A clause that names no pods takes them from another clause, before or
	// after it, and without a direction the one before it.
	for i, c := range cs {
		// "namespace isolation for team-a: ..., and deny anything coming
		// from other namespaces": a clause that fell back on the default
		// namespace is about the pods another clause named.
		if errs[i] == nil && named && defaultScene(intents[i]) {
			errs[i] = &generator.NotUnderstoodError{Missing: "which pods"}
		}
		if errs[i] != nil && subject != nil && verdictTitleAsked(request, c, subjectFrom) {
			errs[i] = &generator.NotUnderstoodError{Request: request, Understood: subjectFrom.Summary(), Example: generator.ExampleFor(subjectFrom),
				Missing: fmt.Sprintf("is %q the title of the system rules after it, or should the network traffic of the %s be denied as well? Say the network rule on its own", c.text(request), strings.TrimPrefix(subjectText(*subject), "applies to "))}
			continue
		}
		if errs[i] != nil && subject != nil && (c.sameSubject || needsSubject(errs[i])) && !describedSubject(c.toks) && !isolateTitle(request, c, subjectFrom) {
			if i > 0 && errs[i-1] == nil {
				c.prev = intents[i-1]
			}
			intents[i], errs[i] = parseClause(request, c, opts, subject, subjectOrigins)
			if errs[i] == nil && otherTraffic(intents[i], subjectFrom, intents[i+1:]) {
				errs[i] = &generator.NotUnderstoodError{Request: request, Understood: subjectFrom.Summary(), Example: generator.ExampleFor(subjectFrom),
					Missing: fmt.Sprintf("which pods should %q apply to? It names none, and the %s are named for other traffic", c.text(request), strings.TrimPrefix(subjectText(*subject), "applies to "))}
			}
			// "Namespace: shop. Default deny ingress; app=cart accepts 8080
			// from app=web": an isolation that names no pods, said before
			// the pods of a later rule, isolates every pod of the namespace
			// the request opens with; with none, it may be every pod's or
			// those pods' only, and is asked about.
			if errs[i] == nil && isolationOnly(intents[i]) && isolationOrder(c.toks) && subject.Pods != nil && slices.Index(intents, subjectFrom) > i {
				if ns, at, ok := namespaceIs(cs[0].toks); ok && i > 0 {
					whole := generator.Subject{Scope: generator.ScopePods, Namespace: ns}
					origins := []generator.Origin{
						{Field: "subject.scope", From: generator.FromRequest, Start: c.toks[0].start, End: c.toks[len(c.toks)-1].end, Text: c.text(request), Rule: "isolation-of-the-namespace"},
						{Field: "subject.namespace", From: generator.FromRequest, Start: at.start, End: at.end, Text: request[at.start:at.end], Rule: "namespace-of-the-pods"},
					}
					intents[i], errs[i] = parseClause(request, c, opts, &whole, origins)
				} else {
					errs[i] = &generator.NotUnderstoodError{Request: request, Understood: subjectFrom.Summary(), Example: generator.ExampleFor(subjectFrom),
						Missing: fmt.Sprintf("does %q isolate every pod of the namespace, or only the %s named after it? Name them (\"for every pod in namespace NAME\" or \"for the pods labeled ...\")", c.text(request), strings.TrimPrefix(subjectText(*subject), "applies to "))}
				}
			}
			// "block the toolbox pod from reaching the db, but let it reach
			// payments": "it" is the toolbox pod, named first as the peer of
			// the rule on the db; the db's pods would be wrong.
			if errs[i] == nil && subjectFrom != nil && (pointsBack(c) || c.sameSubject) && peerPodsFirst(subjectFrom) {
				errs[i] = &generator.NotUnderstoodError{Request: request, Understood: subjectFrom.Summary(), Example: generator.ExampleFor(subjectFrom),
					Missing: fmt.Sprintf("which pods does %q mean: the %s, or the pods they receive traffic from? Ask once for each", c.text(request), strings.TrimPrefix(subjectText(*subject), "applies to "))}
			}
		}
	}
	// "the app=web pods may reach app=db on 5432 and be reached by app=lb
	// on 80": the clause carries on the pods named first, which the rule
	// before made its peers, not the pods it is for.
	for i := 1; i < len(cs); i++ {
		if cs[i].sameSubject && errs[i] == nil && errs[i-1] == nil && peerPodsFirst(intents[i-1]) && sameSubject(intents[i].Subject, intents[i-1].Subject) {
			return nil, &generator.NotUnderstoodError{Request: request, Understood: intents[i-1].Summary(), Example: generator.ExampleFor(intents[i-1]),
				Missing: fmt.Sprintf("which pods does %q mean: the %s, or the pods named first? Ask once for each", cs[i].text(request), strings.TrimPrefix(subjectText(intents[i-1].Subject), "applies to "))}
		}
	}
	// "... only let GET requests through. Port 8000.": a sentence of ports
	// alone gives them to the rules before it that name none.
	// "... accept requests from the host. Ports 9443 and 8777 only.": read
	// on its own, "only" would allow the ports from anywhere.
	for i := 1; i < len(cs); i++ {
		ports, ok := portsSaid(request, cs[i], opts)
		if !ok || errs[i] == nil && !slices.ContainsFunc(cs[i].toks, func(t token) bool { return t.low == "only" || t.low == "just" }) {
			continue
		}
		if portSentence(ports, intents[:i], errs[:i]) {
			cs[i].dismissed = "ports-of-the-rules-before"
			cs, intents, errs = slices.Delete(cs, i, i+1), slices.Delete(intents, i, i+1), slices.Delete(errs, i, i+1)
			i--
			continue
		}
		if errs[i] == nil {
			errs[i] = &generator.NotUnderstoodError{Request: request, Understood: intents[i].Summary(),
				Missing: fmt.Sprintf("which traffic are the ports of %q for? Say them in the rule they belong to", cs[i].text(request)), Example: generator.ExampleNetwork}
		}
	}
	// "Default policy for all pods in namespace shop: block egress ... from
	// every pod in the cluster": the heading keeps the rule to one
	// namespace, the rule is for every namespace.
	if ns, ok := topicNamespace(toks); ok {
		for j, in := range intents {
			if err := sceneAgainstScope(request, in, errs[j], ns); err != nil {
				return nil, err
			}
		}
	}
	// "In namespace prod: default deny ... . Then allow the frontend ...":
	// a heading's namespace is the scene of every sentence after it.
	if ns, at, ok := headingNamespace(toks); ok && len(cs) > 1 {
		for j, in := range intents {
			if errs[j] == nil {
				placeSubjects(request, in, ns, at)
			}
		}
	}
	// "... to the backend pods (app: backend). They run in the default
	// namespace.": a sentence that only says where the pods before are.
	for i := 0; i < len(cs); i++ {
		ns, at, ok := pronounNamespace(cs[i].toks)
		if errs[i] == nil || !ok || !slices.Contains(errs, nil) {
			continue
		}
		for j, in := range intents {
			if errs[j] != nil {
				continue
			}
			// "cluster-wide, allow ... . namespace is shop": pods of every
			// namespace, or of one?
			for _, x := range append([]*generator.Intent{in}, in.Others...) {
				if x.Subject.Scope != generator.ScopePods {
					return nil, &generator.NotUnderstoodError{Request: request, Understood: x.Summary(), Example: generator.ExampleFor(x),
						Missing: fmt.Sprintf("the policy is for %s, yet %q names namespace %s; which is it?", strings.TrimPrefix(subjectText(x.Subject), "applies to "), cs[i].text(request), ns)}
				}
			}
			if x := placedElsewhere(in, ns); x != nil {
				return nil, &generator.NotUnderstoodError{Request: request, Understood: x.Summary(), Example: generator.ExampleFor(x),
					Missing: fmt.Sprintf("the request puts the pods in namespace %s and in %s; which is it?", x.Subject.Namespace, ns)}
			}
			placeSubjects(request, in, ns, at)
		}
		cs[i].dismissed = "namespace-of-the-pods"
		dismissed = append(dismissed, cs[i])
		cs, intents, errs = slices.Delete(cs, i, i+1), slices.Delete(intents, i, i+1), slices.Delete(errs, i, i+1)
		i--
	}
	for i := range cs {
		if err := backPlaced(request, cs, intents, errs, i); err != nil {
			return nil, err
		}
	}
	// A clause that states a fact ("Socket abuse is a container escape
	// waiting to happen") makes no rule: with others that do, it is dropped.
	for i := 0; i < len(cs); i++ {
		if errs[i] == nil {
			continue
		}
		var ruled []clause
		var rules, ruledIn []*generator.Intent
		audits := true
		for j := range cs {
			if errs[j] == nil {
				ruled, ruledIn = append(ruled, cs[j]), append(ruledIn, intents[j])
				audits = audits && onlyAudits(intents[j])
				if j < i {
					rules = append(rules, intents[j])
				}
			}
		}
		// "Allow egress from app=web to app=db. The web pods usually talk
		// to the metrics server too": a habit of traffic beside rules may
		// ask for more than they allow; it is no reason to drop. One that
		// negates ("our web tier never needs it") asks for nothing.
		if factClause(cs[i].toks, toks) == "habit" && !bareFact(cs[i].toks, toks) && !inference(sentenceOf(toks, cs[i])) && !slices.ContainsFunc(cs[i].toks, func(t token) bool { return negationWords[t.low] }) {
			return nil, errs[i]
		}
		if len(ruled) == 0 || !explainsRules(request, toks, cs[i], ruled, dismissed, ruledIn, rules, audits, opts) {
			if i == 0 {
				// "Use-case: allow egress on a range of ports. Pods
				// labeled ...": the rule after a title's colon.
				if title, rule, in, ok := titledClause(request, cs[i], errs[i], opts, ruled, ruledIn); ok {
					dismissed = append(dismissed, title)
					cs[i], intents[i], errs[i] = rule, in, nil
					continue
				}
			}
			n := 0
			if i == 0 {
				n = summaryClauses(request, cs, errs, opts, ruled, ruledIn, dismissed)
			}
			if n == 0 {
				return nil, errs[i]
			}
			// "Block what isn't necessary and allow what is essential.":
			// the title's other clauses go with it.
			for k := 1; k < n; k++ {
				cs[k].dismissed = "summary"
				dismissed = append(dismissed, cs[k])
			}
			cs, intents, errs = slices.Delete(cs, 1, n), slices.Delete(intents, 1, n), slices.Delete(errs, 1, n)
			cs[i].dismissed = "summary"
		} else {
			cs[i].dismissed = "explanation"
		}
		dismissed = append(dismissed, cs[i])
		cs, intents, errs = slices.Delete(cs, i, i+1), slices.Delete(intents, i, i+1), slices.Delete(errs, i, i+1)
		i--
	}
	// "keep allowing GET /public from app2 on port 80 but prohibit all
	// calls to GET /private": HTTP rules allow only the requests they name,
	// so a deny of other requests of the same pods says what they drop.
	for i := 0; i < len(cs); i++ {
		if !droppedByHTTPAllow(intents[i], intents) {
			continue
		}
		cs[i].dismissed = "http-allow-list-rest"
		dismissed = append(dismissed, cs[i])
		cs, intents, errs = slices.Delete(cs, i, i+1), slices.Delete(intents, i, i+1), slices.Delete(errs, i, i+1)
		i--
	}
	// "... accept scrapes from prometheus - GET /metrics on 9102": a clause
	// of ports or HTTP alone narrows the one peer rule before it.
	for i := 1; i < len(intents); i++ {
		if err := narrow(request, intents[i-1], intents[i], cs[i-1], cs[i]); err != nil {
			return nil, err
		}
	}
	// "When a container escapes it can reach the node": what pods taken
	// over could do is a fact, not an allow.
	for i, c := range cs {
		if errs[i] == nil && breakoutCondition(c.toks) && slices.ContainsFunc(intents[i].Network, func(r generator.NetworkRule) bool { return r.Verdict == generator.Allow }) {
			return nil, &generator.NotUnderstoodError{Request: request, Understood: intents[i].Summary(), Example: generator.ExampleFor(intents[i]),
				Missing: fmt.Sprintf("%q says what pods taken over could do: is it a rule that allows it, or the reason for a rule? Say the rule alone (\"deny egress from X to the node\")", c.text(request))}
		}
	}
	// A clause about several subjects gives an intent with others: one each.
	var flat []*generator.Intent
	for _, in := range intents {
		if len(in.Network) == 0 && len(in.System) == 0 && len(in.Others) == 0 {
			continue // narrowed the clause before
		}
		others := in.Others
		in.Others = nil
		flat = append(append(flat, in), others...)
	}
	intents = flat
	if err := icmpBesideTraffic(request, intents); err != nil {
		return nil, err
	}
	if err := namespaceCarried(request, intents); err != nil {
		return nil, err
	}
	// "Block web to api. The api pods (app=api) accept traffic from the
	// web pods (app=web)": a clause read as naming the pods the others are
	// about may deny what they allow.
	for _, d := range described {
		d.dismissed = "describes-the-pods"
		if err := deniedThenAllowed(request, d, intents); err != nil {
			return nil, err
		}
	}
	merged := intents[0]
	for _, d := range dismissed {
		if err := restDirection(request, d, intents); err != nil {
			return nil, err
		}
		if err := keepsRest(request, d, intents); err != nil {
			return nil, err
		}
		if err := otherNamespacesRest(request, d, intents); err != nil {
			return nil, err
		}
		if err := reasonKeepsOut(request, d, intents); err != nil {
			return nil, err
		}
		if err := reasonReversed(request, d, intents, opts); err != nil {
			return nil, err
		}
		if err := reasonChangesRule(request, d, intents); err != nil {
			return nil, err
		}
		if err := systemRestVerdict(request, d, intents); err != nil {
			return nil, err
		}
		if err := readsToo(request, d, intents); err != nil {
			return nil, err
		}
		if err := leaveOutAsked(request, d, intents); err != nil {
			return nil, err
		}
		if err := asideOfSystemRules(request, d, intents); err != nil {
			return nil, err
		}
		if err := repeatAsked(request, d, intents); err != nil {
			return nil, err
		}
		if err := deniedThenAllowed(request, d, intents); err != nil {
			return nil, err
		}
		// "Don't touch the billing deployment. For the pods labeled ...":
		// the request opens with an order not to do something, as a
		// heading does (see account).
		if (d.toks[0].start == 0 || afterSeriesNumber(request, d, dismissed) || heldBackOrder(d.toks)) && negatedOrder(d.toks) {
			return nil, &generator.NotUnderstoodError{Request: request, Understood: intents[0].Summary(), Example: generator.ExampleFor(intents[0]),
				Missing: fmt.Sprintf("%q negates what it says: is it a rule (which?), or a remark? Say the rule alone, or leave it out", d.text(request))}
		}
		// "... on 1883. zigbee2mqtt too.": a name said to have the rule too,
		// set aside as a reason, would be left out of it.
		// ("they need DNS too" says more than a name.)
		if n := len(d.toks); n >= 2 && (n <= 3 && (d.toks[n-1].low == "too" || d.toks[n-1].low == "also") || n <= 4 && d.toks[n-2].low == "as" && d.toks[n-1].low == "well") && !pronouns[d.toks[0].low] {
			return nil, &generator.NotUnderstoodError{Request: request, Understood: intents[0].Summary(), Example: generator.ExampleFor(intents[0]),
				Missing: fmt.Sprintf("what should %q have too? Say it as a rule of its own, with the labels of its pods", d.text(request))}
		}
		if err := seriesTitleHeldBack(request, d, dismissed, intents); err != nil {
			return nil, err
		}
		if note, ok := dismissalNotes[d.dismissed]; ok {
			merged.Notes = append(merged.Notes, fmt.Sprintf("%q was read as "+note, d.text(request)))
			continue
		}
		merged.Notes = append(merged.Notes, fmt.Sprintf("%q was read as a reason, not as a rule", d.text(request)))
	}
	for _, in := range intents[1:] {
		if x := sameSubjectAs(merged, in.Subject); x != nil {
			if err := onlyBesideAnyone(request, x, in); err != nil {
				return nil, err
			}
			// "Create network policy default deny on default ns. In this
			// policy we are denying all ingress traffic coming to pods in
			// default namespace": a later sentence says which way the
			// isolation of no said direction goes.
			if len(in.Network) == 1 && !slices.ContainsFunc(in.Origins, func(o generator.Origin) bool { return o.Rule == "isolate-both" }) {
				isolateDirection(x, in)
			}
			merge(x, in)
			continue
		}
		merged.Others = append(merged.Others, in)
	}
	if err := everythingBesideSystem(request, append([]*generator.Intent{merged}, merged.Others...)); err != nil {
		return nil, err
	}
	if err := namespaceGuessed(request, merged); err != nil {
		return nil, err
	}
	if err := theNamespaceUnnamed(request, toks, merged); err != nil {
		return nil, err
	}
	for _, x := range append([]*generator.Intent{merged}, merged.Others...) {
		if q := unionWidens(x, toks); q != "" {
			return nil, &generator.NotUnderstoodError{Request: request, Understood: x.Summary(), Missing: q, Example: generator.ExampleFor(x)}
		}
		if c := contradiction(x); c != "" {
			return nil, &generator.NotUnderstoodError{Request: request, Understood: x.Summary(),
				Missing: "the request contradicts itself: " + c + "; which one do you mean?", Example: generator.ExampleFor(x)}
		}
		x.Request, x.Engine = request, generator.EngineBuiltin
		x.Notes = dedupe(x.Notes)
	}
	// Checks of the whole request against every policy read from it.
	all := append([]*generator.Intent{merged}, merged.Others...)
	checks := []func(string, []token, []*generator.Intent) error{auditModeConflict, allowAlone, allowBesideBlock, titleAgainstRules, subjectAgainstWords,
		allowWithoutDefaultDeny, scopeWordUnread, allowedPastOwnIsolation}
	if len(merged.System) == 0 {
		checks = append(checks, factByDefault, peerPlaceMoved, othersMayEgress, planReadAsRule, openOnlyFor)
	}
	for _, check := range checks {
		if err := check(request, toks, all); err != nil {
			return nil, err
		}
	}
	return merged, nil
}

// withoutRule reports whether the "without" in toks[from:to] is "without
// this" or "without it": the rule is missing, not the default deny.
func withoutRule(toks []token, from, to int) bool {
	for k := from; k+1 < to; k++ {
		if toks[k].low == "without" && (toks[k+1].low == "this" || toks[k+1].low == "it") {
			return true
		}
	}
	return false
}

// addVerbs ask for something to be put in place: "add one", "create it".
var addVerbs = set("add", "create", "put", "install", "apply", "deploy", "write", "make")

// allowWithoutDefaultDeny asks about an allow beside words of default
// deny with a negation that noDefaultDenyPhrases did not read as leaving
// the pods out of it: "don't remove the default deny", "without putting
// app=db into default deny", "if we don't enable default deny". An allow
// rule puts the pods it selects into default deny for its direction; read
// alone, it would isolate them against what the words may mean.
func allowWithoutDefaultDeny(request string, toks []token, all []*generator.Intent) error {
	at := -1
	for i := range toks {
		n := denyPhraseAt(toks, i)
		if n == 0 {
			continue
		}
		// "Without this the default deny blocks ..." says what happens
		// without the rule (withoutIt), not without the default deny.
		from := max(i-4, 0)
		before := toks[from:i]
		if slices.ContainsFunc(before, func(t token) bool { return negationWords[t.low] }) ||
			slices.ContainsFunc(before, func(t token) bool { return t.low == "without" }) && !withoutRule(toks, from, i) ||
			i+n < len(toks) && toks[i+n].low == "off" || i+n+1 < len(toks) && toks[i+n+1].low == "off" {
			at = i
			break
		}
	}
	if at < 0 {
		return nil
	}
	// "Since there is no default deny yet, add one. Allow ...": the
	// default deny is missing now, and the request asks for it; which
	// pods and direction it is for the words do not say.
	for k := at + 1; k+1 < len(toks); k++ {
		if addVerbs[toks[k].low] && (toks[k+1].low == "one" || toks[k+1].low == "it") {
			return &generator.NotUnderstoodError{Request: request, Understood: all[0].Summary(), Example: generator.ExampleNetwork,
				Missing: fmt.Sprintf("%q asks for a default deny: for every pod of which namespace, and in which direction? Say it as a rule of its own (\"default deny ingress for every pod in namespace NAME\"), beside the allow", request[toks[at].start:toks[k+1].end])}
		}
	}
	for _, x := range all {
		if slices.ContainsFunc(x.Network, func(r generator.NetworkRule) bool { return r.Verdict == generator.Allow }) {
			return &generator.NotUnderstoodError{Request: request, Understood: x.Summary(), Example: generator.ExampleFor(x),
				Missing: "the request speaks of no default deny, yet an allow rule puts the pods it selects into default deny for its direction. Should the policy isolate them, or leave them out of default deny (say \"without putting the pods into default deny\" after the rule)?"}
		}
	}
	return nil
}

// dismissalNotes say, for a clause dismissed by the rule named, what it
// was read as; other dismissed clauses were read as reasons.
var dismissalNotes = map[string]string{
	"namespace-of-the-pods":    "where the pods named before run",
	"http-allow-list-rest":     "requests the HTTP rules already leave out",
	"summary":                  "a title: the rules after it say it in full",
	"deny-in-place":            "a default deny already in place, not one to make",
	"values-of-the-rule-after": "naming what the rule after it points at",
	"setting":                  "what there is: it says which pods the names after it mean",
	"pods-defined":             "which labels the pods it names carry, for the sentences that name them",
	"question":                 "a question the rules beside it answer",
}

// effectVerbs say what a rule achieves, as a sentence of their own with no
// subject: "Stops privilege escalation attempts via user manipulation."
var effectVerbs = set("stops", "prevents", "mitigates", "thwarts", "defeats", "counters", "hinders", "reduces", "hampers", "frustrates")

// explainsRules reports whether a clause that makes no rule of its own is
// one of the sentences that stand beside rules without changing them: a
// comment, a story, the rules' context or verdict said again, a fact about
// capabilities or the enforcer, a remark on how the policy is written, what
// the rules achieve, a fact with no value. toks are the request's tokens;
// ruled are the clauses read as rules and ruledIn their intents, before
// the intents of those before c; audits says every rule only audits.
func explainsRules(request string, toks []token, c clause, ruled, dismissed []clause, ruledIn, before []*generator.Intent, audits bool, opts generator.Options) bool {
	switch {
	case commentary(c.toks),
		narrative(request, c, dismissed, opts),
		restatedContext(request, c, ruled, dismissed),
		restatedVerdict(c.toks, before),
		restatedDirection(c.toks, before),
		otherDirectionOpen(c.toks, before),
		// "The audit system must record the loading of kernel modules. On
		// every node, audit the init_module syscall.": a sentence of why
		// that asks for auditing beside rules that audit.
		audits && auditNarrative(request, c, dismissed, opts),
		audits && auditHeading(request, c, dismissed, opts),
		audits && (falseAlarms(c.toks) || benignHits(c.toks)),
		wholeSentence(request, c, dismissed) && demonstrativeRestated(c.toks, ruledIn),
		capabilityFact(request, c, dismissed),
		enforcerFact(request, c, dismissed, opts),
		defaultDenyFact(request, c, opts),
		wholeSentence(request, c, dismissed) && bareFact(c.toks, toks),
		inference(sentenceOf(toks, c)),
		formRemark(c, ruled, ruledIn),
		notAllowList(c.toks, ruledIn),
		nothingNeeded(c.toks),
		subjectToPolicies(c.toks),
		wholeSentence(request, c, dismissed) && howToWrite(c.toks, ruled),
		len(before) > 0 && wholeSentence(request, c, dismissed) && effectSentence(c.toks),
		staysWritable(c.toks, ruledIn),
		c.toks[0].start == 0 && isolateTitle(request, c, ruledIn...):
		return true
	}
	return false
}

// falseAlarmNouns follow "false" in what an audit may report wrongly:
// "false positives", "false alarms".
var falseAlarmNouns = set("positive", "positives", "alarm", "alarms", "alert", "alerts", "hit", "hits")

// leaveOutWords ask for what an audit reports to be left out: "false
// positives from the init container should be excluded".
var leaveOutWords = set("except", "exclude", "excluded", "excluding", "ignore", "ignored", "skip", "skipped", "suppress", "suppressed", "filter", "filtered", "mute", "muted",
	"silence", "silenced", "whitelist", "whitelisted", "allowlist", "allowlisted", "without", "but", "unless")

// leaveOutVerbs ask for part of what a rule matches to be left out of
// it: "false positives from health-check scripts should be excluded",
// "ignore the calls our liveness probe makes", "noise from the backup agent
// should be filtered out".
var leaveOutVerbs = set("exclude", "excluded", "ignore", "ignored", "skip", "skipped", "suppress", "suppressed", "filter", "filtered", "mute", "muted",
	"silence", "silenced", "exempt", "exempted", "omit", "omitted", "spare", "spared")

// leaveOutAsked checks a clause dismissed beside the rules for a verb of
// leaving out, as an order ("skip anything done by the config reloader",
// "but ignore ...") or in the passive ("... should be excluded", "... get
// filtered out"): what it names would stay in the rule, which no exception
// of a policy kunerva writes can leave out; ask. ("Cilium can filter DNS
// traffic" says what a tool can do.)
func leaveOutAsked(request string, d clause, intents []*generator.Intent) error {
	i := slices.IndexFunc(d.toks, func(t token) bool { return leaveOutVerbs[t.low] })
	if i < 0 || len(intents) == 0 {
		return nil
	}
	prev := ""
	if i > 0 {
		prev = d.toks[i-1].low
	}
	order := !strings.HasSuffix(d.toks[i].low, "ed") && (i == 0 || prev == "but" || prev == "and" || prev == "please" || prev == "just")
	passive := strings.HasSuffix(d.toks[i].low, "ed") && (beVerbs[prev] || prev == "be")
	if !order && !passive {
		return nil
	}
	return &generator.NotUnderstoodError{Request: request, Understood: intents[0].Summary(), Example: generator.ExampleFor(intents[0]),
		Missing: fmt.Sprintf("what should %q leave out? kunerva cannot leave out part of what a rule matches (%q): say the rule without it, or name what to leave out as a rule of its own", d.text(request), d.toks[i].raw)}
}

// everythingBesideSystem asks when "block everything", with no word of
// traffic, isolated pods beside system rules: "Policy 7: Block Everything
// - in the app=web pods only /usr/bin/curl may run" gave a network default
// deny both ways beside the process allow-list, while the title may say
// what the allow-list blocks.
func everythingBesideSystem(request string, all []*generator.Intent) error {
	if !slices.ContainsFunc(all, func(x *generator.Intent) bool { return len(x.System) > 0 }) {
		return nil
	}
	for _, x := range all {
		for _, o := range x.Origins {
			if o.Rule != "isolate-both" && o.Rule != "default-deny" {
				continue
			}
			words := strings.Fields(strings.ToLower(o.Text))
			if slices.ContainsFunc(words, func(w string) bool {
				return w == "traffic" || w == "network" || ingressWords[w] || egressWords[w] || w == "connections" || w == "isolate" || w == "isolated" || w == "deny-all"
			}) {
				continue
			}
			return &generator.NotUnderstoodError{Request: request, Understood: x.Summary(), Example: generator.ExampleFor(x),
				Missing: fmt.Sprintf("does %q block all traffic to and from the pods (a network policy), or what the system rules beside it leave out? Say \"deny all ingress and egress\" for traffic, or leave it out", o.Text)}
		}
	}
	return nil
}

// asideOfSystemRules asks about a clause set aside beside system rules
// that names other pods by a word their labels do not say ("Shell
// Hardening (api pods) - for the app=web pods block /bin/sh") or a user
// ("block /bin/su for anyone who is not root"): dropped, the rules held
// for pods or users the request left out.
func asideOfSystemRules(request string, d clause, intents []*generator.Intent) error {
	if len(intents) == 0 || slices.ContainsFunc(intents, func(x *generator.Intent) bool { return len(x.System) == 0 || x.Subject.Pods == nil }) {
		return nil
	}
	ask := func(what string) error {
		return &generator.NotUnderstoodError{Request: request, Understood: intents[0].Summary(), Example: generator.ExampleFor(intents[0]),
			Missing: fmt.Sprintf("%q names %s, which the rules are not about: should they hold for them too, or for them alone? Say the rules with the labels of the pods they are for (KubeArmor cannot tell users apart)", d.text(request), what)}
	}
	outside := strings.FieldsFunc(strings.ToLower(request[:d.toks[0].start]+" "+request[d.toks[len(d.toks)-1].end:]), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	for k, t := range d.toks {
		if (t.low == "root" || t.low == "uid") && k > 1 && (d.toks[k-1].low == "not" && (d.toks[k-2].low == "is" || d.toks[k-2].low == "are") || d.toks[k-1].low == "isn't" || d.toks[k-1].low == "aren't") {
			return ask(fmt.Sprintf("%q", d.toks[k-1].raw+" "+t.raw))
		}
		// A title at the start: "Shell Hardening (api pods) - ...".
		if k == 0 || t.low != "pods" || d.toks[0].start != 0 {
			continue
		}
		w := d.toks[k-1]
		if w.kind != tWord || determiners[w.low] || describingWord(w.low) || fillerWords[w.low] || prepositions[w.low] || podNouns[w.low] || slices.Contains(outside, w.low) || roleWords[w.low] || scopeQualifiers[w.low] {
			continue
		}
		if !slices.ContainsFunc(intents, func(x *generator.Intent) bool { return labelsSay(x.Subject.Pods, w.low) }) {
			return ask(fmt.Sprintf("%q", w.raw+" "+t.raw))
		}
	}
	return nil
}

// additionWords say that more pods, peers or ports come into a rule:
// "the api pods also need it", "the batch jobs connect too", "include
// them", "don't forget the canary".
var additionWords = set("also", "too", "include", "including", "forget", "additionally", "plus")

// workNouns are nouns of pods said in a sentence beside the rules: "the
// batch jobs", "our reporting pods", "the canary", "the web tier".
var workNouns = set("pod", "pods", "job", "jobs", "cronjob", "cronjobs", "worker", "workers", "replica", "replicas", "canary", "canaries",
	"tier", "tiers", "service", "services", "workload", "workloads", "deployment", "deployments", "namespace", "namespaces", "instances", "them")

// repeatWords say that a clause repeats the rule before it for something
// else: "ditto for cart", "likewise orders", "similarly for db".
var repeatWords = set("ditto", "likewise", "similarly", "idem")

// repeatAsked asks about a clause, read as a reason, that repeats the rule
// before it for other pods or peers: "...; same for orders", "ditto for
// cart", "Do the same for cart.", "the same goes for orders", "Also
// orders.", "Orders as well." Dropped, the second rule is lost.
func repeatAsked(request string, d clause, intents []*generator.Intent) error {
	// a clause that opens the request repeats nothing
	if len(intents) == 0 || d.toks[0].start == 0 {
		return nil
	}
	words := 0
	for _, t := range d.toks {
		if t.kind != tPunct {
			words++
		}
		// "they need DNS too": a statement of its own, not a fragment
		if fillerWords[t.low] && t.low != "also" && t.low != "and" && t.low != "then" {
			words = 99
		}
	}
	repeat := false
	for n, t := range d.toks {
		next := func(k int, ws ...string) bool { return n+k < len(d.toks) && slices.Contains(ws, d.toks[n+k].low) }
		switch {
		case repeatWords[t.low]:
			repeat = true
		case t.low == "same" && (next(1, "for", "with", "to") || next(1, "goes", "applies", "holds") || next(1, "thing", "rule", "policy") && next(2, "for", "with", "to")):
			repeat = true
		case words <= 4 && (t.low == "also" || t.low == "too" || t.low == "as" && next(1, "well")):
			repeat = true
		}
	}
	if !repeat {
		return nil
	}
	return &generator.NotUnderstoodError{Request: request, Understood: intents[0].Summary(), Example: generator.ExampleFor(intents[0]),
		Missing: fmt.Sprintf("does %q repeat the rule before it for other pods or peers? Say that rule in full", d.text(request))}
}

// falseAlarms reports whether a clause beside rules that only audit says
// which of what they report would be false alarms, and that they are to be
// expected: "admin scripts querying the API are the only false positives we
// expect", "a few false alarms from the backup agent are fine". It names
// no value (label, path, address, port) and asks to leave nothing out, so
// what it names is where the reports come from, not a rule.
func falseAlarms(toks []token) bool {
	said := false
	for n, t := range toks {
		switch {
		case t.low == "false" && n+1 < len(toks) && falseAlarmNouns[toks[n+1].low]:
			said = true
		case t.kind != tWord && t.kind != tPunct, leaveOutWords[t.low], negationWords[t.low]:
			return false
		}
	}
	return said
}

// hitNouns are what an audit reports: "not every hit", "most alerts".
var hitNouns = set("hit", "hits", "alert", "alerts", "event", "events", "match", "matches", "entry", "entries", "finding", "findings", "one", "ones")

// harmWords and harmlessWords judge what an audit reports.
var harmWords = set("malicious", "attack", "attacks", "bad", "suspicious", "compromise", "intrusion", "real")
var harmlessWords = set("benign", "harmless", "legitimate", "legit", "expected", "innocent", "fine", "noise")

// trailNouns are what an audit leaves: "we want the trail".
var trailNouns = set("trail", "record", "records", "log", "logs", "visibility", "evidence", "history", "audit")

// benignHits reports whether a clause, beside rules that only audit, says
// that some of what they report will be harmless, and that the trail is
// wanted all the same: "Not every hit will be malicious (package installs
// write there too) but we want the trail", "most hits are harmless admins,
// but I want the trail", "some matches will be legitimate". "Not
// every|all" before a word of harm, or "some|most|many" before a word of
// no harm; no value; after "but", only "I|we (still) want|need the
// trail". A word of leaving out ("but ignore the ones from cron") is
// asked about (leaveOutAsked).
func benignHits(toks []token) bool {
	judged := false
	for n, t := range toks {
		w := t.low
		switch {
		case t.kind != tWord && t.kind != tPunct || leaveOutVerbs[w] || w == "only" || w == "except" || w == "unless":
			return false
		case w == "but":
			return judged && trailWanted(toks[n+1:])
		case hitNouns[w] && n > 0 && (toks[n-1].low == "every" || toks[n-1].low == "all") && n > 1 && toks[n-2].low == "not":
			judged = judged || slices.ContainsFunc(toks[n+1:min(n+5, len(toks))], func(t token) bool { return harmWords[t.low] })
		case hitNouns[w] && n > 0 && (toks[n-1].low == "some" || toks[n-1].low == "most" || toks[n-1].low == "many"):
			judged = judged || slices.ContainsFunc(toks[n+1:min(n+5, len(toks))], func(t token) bool { return harmlessWords[t.low] })
		}
	}
	return judged
}

// trailWanted reports whether words say only that the trail is wanted:
// "we want the trail", "I still need the record".
func trailWanted(toks []token) bool {
	k := 0
	if k < len(toks) && (toks[k].low == "we" || toks[k].low == "i") {
		k++
	} else {
		return false
	}
	if k < len(toks) && toks[k].low == "still" {
		k++
	}
	if k >= len(toks) || toks[k].low != "want" && toks[k].low != "need" {
		return false
	}
	k++
	if k < len(toks) && (toks[k].low == "the" || toks[k].low == "a" || toks[k].low == "an" || toks[k].low == "that") {
		k++
	}
	if k < len(toks) && (toks[k].low == "audit" || toks[k].low == "paper") && k+1 < len(toks) && trailNouns[toks[k+1].low] {
		k++
	}
	return k+1 == len(toks) && trailNouns[toks[k].low] || k+2 == len(toks) && trailNouns[toks[k].low] && toks[k+1].kind == tPunct
}

// effectSentence reports whether a clause, after the rules, only says what
// they achieve: an effect verb first, then words alone, none of them a
// value, pods, namespaces, a direction, an entity or a word of meaning.
func effectSentence(toks []token) bool {
	if len(toks) < 2 || !effectVerbs[toks[0].low] {
		return false
	}
	for _, t := range toks[1:] {
		if t.kind == tPunct {
			continue
		}
		if t.kind != tWord || podNouns[t.low] || namespaceWords[t.low] || meaningful(t) || entityWord(t.low) != "" || ingressWords[t.low] || egressWords[t.low] ||
			denyWords[t.low] || allowWords[t.low] || auditWords[t.low] || isolateWords[t.low] || fileNouns[t.low] || processNouns[t.low] {
			return false
		}
	}
	return true
}

// demonstrativeRestated reports whether a clause only says again, by a
// demonstrative, the action of the system rules the other clauses make:
// "... should only ever run /usr/sbin/nginx. Allow that binary, nothing
// else." Every rule of those clauses takes the clause's action.
//
// "... are read-only at runtime. Block any write there.": "there" points
// back to the places the rules name; writes are what read-only rules block.
func demonstrativeRestated(toks []token, ruled []*generator.Intent) bool {
	var action generator.Action
	that, writes := false, false
	for n, t := range toks {
		w := t.low
		switch {
		case t.kind == tPunct || w == "nothing" || w == "else" || w == "and" || w == "only" || w == "just" || w == "please":
		case w == "there" && !that && n == len(toks)-1:
			that = true
		case writeWords[w] && n > 0 && (toks[n-1].low == "any" || toks[n-1].low == "every" || toks[n-1].low == "all"):
			writes = true
		case (w == "any" || w == "every" || w == "all") && n+1 < len(toks) && writeWords[toks[n+1].low]:
		case (w == "that" || w == "this" || w == "those" || w == "these") && !that:
			that = true
			if n+1 < len(toks) && !processNouns[toks[n+1].low] && !fileNouns[toks[n+1].low] && toks[n+1].kind != tPunct {
				return false
			}
		case that && (processNouns[w] || fileNouns[w]) && (toks[n-1].low == "that" || toks[n-1].low == "this" || toks[n-1].low == "those" || toks[n-1].low == "these"):
		case action == "" && allowWords[w] && w != "may" && w != "can":
			action = generator.ActionAllow
		case action == "" && denyWords[w] && !negationWords[w]:
			action = generator.ActionBlock
		case action == "" && auditWords[w]:
			action = generator.ActionAudit
		default:
			return false
		}
	}
	if !that || action == "" || len(ruled) == 0 {
		return false
	}
	for _, in := range ruled {
		for _, x := range append([]*generator.Intent{in}, in.Others...) {
			if len(x.Network) > 0 || len(x.System) == 0 || slices.ContainsFunc(x.System, func(r generator.SystemRule) bool { return r.Action != action || writes && !r.ReadOnly }) {
				return false
			}
		}
	}
	return true
}

// droppedByHTTPAllow reports whether intent in only denies HTTP requests,
// with no peers or ports, that another intent's HTTP rules for the same
// server already leave out: "but prohibit all calls to GET /private" after
// "keep allowing GET /public from app2". A denied request that an allowed
// rule could match is no such case; nor are a client's (egress) rules.
func droppedByHTTPAllow(in *generator.Intent, all []*generator.Intent) bool {
	if len(in.Network) == 0 || len(in.System) > 0 || len(in.Others) > 0 {
		return false
	}
	for _, r := range in.Network {
		if r.Verdict != generator.Deny || r.Direction != generator.Ingress || len(r.HTTP) == 0 || len(r.Peers) > 0 || len(r.Ports) > 0 || len(r.DNS) > 0 {
			return false
		}
		var allowed []generator.HTTPRule
		for _, x := range all {
			if x == in || !sameSubject(x.Subject, in.Subject) {
				continue
			}
			for _, a := range x.Network {
				if a.Verdict == generator.Allow && a.Direction == r.Direction {
					if len(a.HTTP) == 0 {
						return false // an allow of every request
					}
					allowed = append(allowed, a.HTTP...)
				}
			}
		}
		if len(allowed) == 0 {
			return false
		}
		for _, d := range r.HTTP {
			if strings.ContainsAny(d.Path, "*[]()+?|{}\\^$") || len(d.Headers) > 0 {
				return false
			}
			for _, a := range allowed {
				if (a.Method == "" || d.Method == "" || strings.EqualFold(a.Method, d.Method)) && (d.Path == "" || a.Path == "" || globMatches(a.Path, d.Path)) {
					return false
				}
			}
		}
	}
	return true
}

// globMatches reports whether HTTP path glob g may match path p; a glob
// with other signs of a regular expression may match anything.
func globMatches(g, p string) bool {
	if strings.ContainsAny(g, "[]()+?|{}\\^$") {
		return true
	}
	re, err := regexp.Compile("^" + strings.ReplaceAll(regexp.QuoteMeta(g), `\*`, ".*") + "$")
	return err != nil || re.MatchString(p)
}

// onlyAudits reports whether an intent makes system rules that all audit,
// and no network rules.
func onlyAudits(in *generator.Intent) bool {
	for _, x := range append([]*generator.Intent{in}, in.Others...) {
		if len(x.Network) > 0 || len(x.System) == 0 || slices.ContainsFunc(x.System, func(r generator.SystemRule) bool { return r.Action != generator.ActionAudit }) {
			return false
		}
	}
	return true
}

// portSentenceWords may stand beside the ports in a sentence of ports
// alone: "Port 8000.", "Everything is on port 9080.", "All of it on 8080/TCP."
var portSentenceWords = set("everything", "all", "of", "it", "it's", "is", "are", "on", "at", "runs", "run", "listens", "listen", "served", "the", "and", "both", "them", "they", "everything's", "only", "just")

// portsSaid returns the ports of clause c when it says nothing else.
func portsSaid(request string, c clause, opts generator.Options) ([]portV, bool) {
	p := newParser(request, c, opts)
	ports := p.ports()
	if len(ports) == 0 {
		return nil, false
	}
	p.dismissValueNames()
	for i, t := range p.toks {
		if !p.taken(i) && t.kind != tPunct && !portSentenceWords[t.low] {
			return nil, false
		}
	}
	return ports, true
}

// portSentence gives the ports of a sentence of ports alone to every allow
// rule of the intents before it that has neither ports nor DNS rules, and
// reports whether there was one.
func portSentence(ports []portV, before []*generator.Intent, errs []error) bool {
	type at struct{ in, rule int }
	var open []at
	for n, in := range before {
		if errs[n] != nil {
			return false
		}
		for k, r := range in.Network {
			if r.Verdict == generator.Allow && len(r.Ports) == 0 && len(r.DNS) == 0 && !slices.ContainsFunc(r.Peers, func(p generator.Peer) bool { return p.ClusterDNS }) {
				open = append(open, at{n, k})
			}
		}
	}
	if len(open) == 0 {
		return false
	}
	for _, o := range open {
		in := before[o.in]
		for _, pv := range ports {
			in.Origins = append(in.Origins, rebase(fieldf("network[%d].ports[%d]", o.rule, len(in.Network[o.rule].Ports)), pv.origins)...)
			in.Network[o.rule].Ports = append(in.Network[o.rule].Ports, pv.port)
		}
	}
	return true
}

// unsupported are application protocols whose own rules (Kafka topics,
// memcached keys) no policy kunerva writes can express: a request that
// names one with the words of its rules is refused, never narrowed to L4.
var unsupported = []struct {
	protocol []string // one of these words names the protocol
	rules    []string // and one of these its rules
	what     string
}{
	{[]string{"kafka"}, []string{"topic", "topics", "produce", "produces", "consume", "consumes", "producer", "consumer"}, "Kafka rules (topics, produce, consume)"},
	{[]string{"memcached", "memcache"}, []string{"key", "keys", "writegroup", "readgroup", "prefix"}, "memcached rules (keys, commands)"},
	{[]string{"cassandra"}, []string{"keyspace", "keyspaces", "table", "tables", "query", "queries"}, "Cassandra rules (keyspaces, tables, queries)"},
}

// pathThenBareVerb asks about a path followed by a verb of access with no
// object, before "and", a comma or the end: "audit /etc/hosts changes and
// any use of /usr/bin/curl", "block /etc/passwd writes, and ...". The
// verb is a noun there (writes to the path), but read as a verb it made
// the path the program of the next rule ("running /usr/bin/wget by
// /etc/passwd"), or carried "writes" to the next path.
func pathThenBareVerb(request string, toks []token) error {
	for i := 0; i+1 < len(toks); i++ {
		v := toks[i+1].low
		if toks[i].kind != tPath || !fileVerbs[v] && v != "changes" && v != "modifications" && v != "edits" {
			continue
		}
		if i+2 == len(toks) || slices.Contains([]string{"and", "or", ",", ";", "."}, toks[i+2].low) {
			return &generator.NotUnderstoodError{Request: request, Example: generator.ExampleSystem,
				Missing: fmt.Sprintf("what does %q mean: is %s a program that %s, or the file the rule is about? Say it as \"block writes to %s\" or \"block %s from writing to ...\"", request[toks[i].start:toks[i+1].end], toks[i].raw, v, toks[i].raw, toks[i].raw)}
		}
	}
	return nil
}

func unsupportedProtocol(request string, toks []token) error {
	has := func(words []string) bool {
		return slices.ContainsFunc(toks, func(t token) bool { return slices.Contains(words, t.low) })
	}
	for _, u := range unsupported {
		if has(u.protocol) && has(u.rules) {
			return &generator.NotUnderstoodError{Request: request,
				Missing: "kunerva cannot write " + u.what + ": its policies allow or deny by pods, addresses, ports, HTTP requests and DNS names; which pods may reach which port instead?",
				Example: generator.ExampleNetwork}
		}
	}
	return nil
}

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
		if (t.low == "it" || t.low == "that" || t.low == "them") && i+1 < len(d.toks) {
			n := d.toks[i+1].low
			if n == "too" || n == "though" || n == "also" || n == "as" && i+2 < len(d.toks) && d.toks[i+2].low == "well" {
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
	adds, pods := "", false
	outside := strings.ToLower(request[:d.toks[0].start] + " " + request[d.toks[len(d.toks)-1].end:])
	for n, t := range d.toks {
		switch {
		case adds != "":
		case additionWords[t.low]:
			adds = t.raw
		case t.low == "as" && n+1 < len(d.toks) && d.toks[n+1].low == "well", (t.low == "another" || t.low == "different") && n+1 < len(d.toks) && d.toks[n+1].low == "namespace":
			adds = t.raw + " " + d.toks[n+1].raw
		}
		// a value the rules say too ("Expected behavior: the netpol also
		// opens port 8081. So the controller pods ... on 8081")
		value := (t.kind == tLabel || t.kind == tNumber || t.kind == tCIDR || t.kind == tDomain) && !strings.Contains(outside, t.low)
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
		case ingressWords[t.low] || t.low == "into" || t.low == "in" && (prev == "gets" || prev == "get" || prev == "comes" || prev == "come" || prev == "let"):
			said = generator.Ingress
		case egressWords[t.low] || t.low == "out" && (prev == "gets" || prev == "get" || prev == "goes" || prev == "go" || prev == "let"):
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

// narrow folds a clause that only gives ports or HTTP rules ("- GET
// /metrics on 9102") into the one allow rule with peers of the clause
// before, about the same pods and direction; it leaves in with no rules.
// When that rule has its own ports or HTTP already, it asks.
func narrow(request string, prev, in *generator.Intent, pc, c clause) error {
	if len(in.Others) > 0 || !sameSubject(prev.Subject, in.Subject) || len(pc.toks) == 0 || len(c.toks) == 0 {
		return nil
	}
	// "... accepts 8080 from the pods of the same namespace and may send to
	// them on 8080, plus DNS lookups": each rule of ports alone is asked
	// about, as it would be on its own.
	if len(in.Network) > 1 {
		for _, r := range in.Network {
			one := *in
			one.Network = []generator.NetworkRule{r}
			if err := peersLeftOut(request, prev, &one, c); err != nil {
				return err
			}
		}
		return nil
	}
	if len(in.Network) != 1 {
		return nil
	}
	// Only a clause set off by a dash or a colon goes on with the one before.
	if sep := request[pc.toks[len(pc.toks)-1].end:c.toks[0].start]; !strings.ContainsAny(sep, ":-–—") {
		return peersLeftOut(request, prev, in, c)
	}
	isolateDirection(prev, in)
	r := in.Network[0]
	// "has to scrape things on the host - let it reach the node at 9100":
	// the same peers again, now with their ports, narrow the rule before.
	if r.Verdict == generator.Allow && len(r.Peers) > 0 && len(r.Ports) > 0 && len(r.HTTP) == 0 {
		for k, o := range prev.Network {
			if o.Verdict == r.Verdict && o.Direction == r.Direction && len(o.Ports) == 0 && len(o.HTTP) == 0 && sameJSON(o.Peers, r.Peers) {
				prev.Network[k].Ports = r.Ports
				prev.Origins = append(prev.Origins, ruleOrigins(in.Origins, k, ".ports")...)
				prev.Notes = append(prev.Notes, in.Notes...)
				in.Network, in.Origins = nil, nil
				return nil
			}
		}
	}
	if r.Verdict != generator.Allow || len(r.Peers) > 0 || len(r.Ports) == 0 && len(r.HTTP) == 0 || len(r.DNS) > 0 {
		return nil
	}
	for _, t := range c.toks {
		if anyoneWords[t.low] {
			return nil // "on 80 from anywhere" says whom
		}
	}
	k := -1
	for n, o := range prev.Network {
		if o.Verdict == generator.Allow && o.Direction == r.Direction && len(o.Peers) > 0 && len(o.DNS) == 0 && !o.Peers[0].ClusterDNS {
			if k >= 0 {
				return nil
			}
			k = n
		}
	}
	if k < 0 {
		return nil
	}
	o := &prev.Network[k]
	if len(r.Ports) > 0 && len(o.Ports) > 0 || len(r.HTTP) > 0 && len(o.HTTP) > 0 {
		return &generator.NotUnderstoodError{Request: request, Understood: append(prev.Summary(), in.Summary()...),
			Missing: fmt.Sprintf("do %s narrow the %s traffic named before, or allow them from anywhere? Say whom they are for", generator.TrafficText(nil, r.Ports), r.Direction), Example: generator.ExampleFor(prev)}
	}
	if len(r.Ports) > 0 {
		o.Ports = r.Ports
	}
	if len(r.HTTP) > 0 {
		o.HTTP = r.HTTP
	}
	prev.Origins = append(prev.Origins, ruleOrigins(in.Origins, k, ".ports", ".http")...)
	prev.Notes = append(prev.Notes, in.Notes...)
	in.Network, in.Origins = nil, nil
	return nil
}

// peersLeftOut asks whom a clause of ports alone is for when the clause
// before allowed the same traffic from or to some peers only: "the app=db
// pods may only accept TCP 5432 from app=api, and also allow ICMP echo"
// may mean ICMP from app=api or from anywhere.
func peersLeftOut(request string, prev, in *generator.Intent, c clause) error {
	r := in.Network[0]
	if r.Verdict != generator.Allow || len(r.Peers) > 0 || len(r.Ports) == 0 || len(r.HTTP) > 0 || len(r.DNS) > 0 {
		return nil
	}
	for _, t := range c.toks {
		if anyoneWords[t.low] {
			return nil // "ICMP from anywhere" says whom
		}
	}
	for _, o := range prev.Network {
		if o.Verdict == generator.Allow && o.Direction == r.Direction && len(o.Peers) > 0 && len(o.DNS) == 0 && !o.Peers[0].ClusterDNS {
			return &generator.NotUnderstoodError{Request: request, Understood: append(prev.Summary(), in.Summary()...),
				Missing: fmt.Sprintf("is %s allowed only with the peers named before, or with anyone? Say whom it is for", strings.TrimPrefix(generator.TrafficText(nil, r.Ports), "anywhere on ")), Example: generator.ExampleFor(prev)}
		}
	}
	return nil
}

// ruleOrigins are the origins of the given fields of a clause's one
// network rule, moved to rule k of the clause before.
func ruleOrigins(origins []generator.Origin, k int, fields ...string) []generator.Origin {
	var out []generator.Origin
	for _, o := range origins {
		rest, ok := strings.CutPrefix(o.Field, "network[0]")
		if ok && slices.ContainsFunc(fields, func(f string) bool { return strings.HasPrefix(rest, f) }) {
			o.Field = fmt.Sprintf("network[%d]%s", k, rest)
			out = append(out, o)
		}
	}
	return out
}

// anyoneWords say that a rule is for every peer.
var anyoneWords = set("any", "anyone", "anywhere", "everyone", "everybody", "anybody", "all", "everything", "anything", "world", "internet")

// onlyBesideAnyone asks when one sentence allows the pods' traffic from
// anyone on a port and another, about the same pods, says only some peers
// may have it: "In namespace shop the app=api pods accept connections on
// 8080. Only app=web may reach them on 8080." Merged, the "only" is lost
// in the allow from anywhere.
func onlyBesideAnyone(request string, x, in *generator.Intent) error {
	saysOnly := func(y *generator.Intent) bool {
		start, end := len(request), 0
		for _, o := range y.Origins {
			if o.From == generator.FromRequest {
				start, end = min(start, o.Start), max(end, o.End)
			}
		}
		if start >= end {
			return false
		}
		for _, w := range strings.FieldsFunc(strings.ToLower(request[start:end]), func(r rune) bool { return !unicode.IsLetter(r) }) {
			if w == "only" || w == "solely" || w == "exclusively" {
				return true
			}
		}
		return false
	}
	overlap := func(a, b []generator.Port) bool {
		if len(a) == 0 || len(b) == 0 {
			return true
		}
		for _, p := range a {
			for _, q := range b {
				if p.Port == 0 || q.Port == 0 || p.Port <= max(q.Port, q.EndPort) && q.Port <= max(p.Port, p.EndPort) {
					return true
				}
			}
		}
		return false
	}
	for _, pair := range [][2]*generator.Intent{{x, in}, {in, x}} {
		anyone, only := pair[0], pair[1]
		if !saysOnly(only) || saysOnly(anyone) {
			continue
		}
		for _, a := range anyone.Network {
			if a.Verdict != generator.Allow || len(a.Peers) > 0 || len(a.HTTP) > 0 {
				continue
			}
			for _, o := range only.Network {
				if o.Verdict == generator.Allow && o.Direction == a.Direction && len(o.Peers) > 0 && overlap(a.Ports, o.Ports) {
					return &generator.NotUnderstoodError{Request: request, Understood: anyone.Summary(), Example: generator.ExampleFor(anyone),
						Missing: "who may have this traffic: anyone, as one sentence says, or only the peers another names? Say the rule once"}
				}
			}
		}
	}
	return nil
}

// merge adds a clause's rules about the same pods to x, leaving out rules x
// has already ("deny from other namespaces while allowing the same
// namespace" says one rule twice).
func merge(x, in *generator.Intent) {
	netAt, sysAt := map[int]int{}, map[int]int{}
	for i, r := range in.Network {
		// "... allows TCP ports 80 through 82 ... Then X only prints 80/TCP":
		// a rule within another allows nothing more.
		if k := slices.IndexFunc(x.Network, func(o generator.NetworkRule) bool { return sameJSON(o, r) || allowWithin(r, o) }); k >= 0 {
			netAt[i] = -1
			continue
		}
		netAt[i] = len(x.Network)
		x.Network = append(x.Network, r)
	}
	for i, r := range in.System {
		if k := slices.IndexFunc(x.System, func(o generator.SystemRule) bool { return sameJSON(o, r) }); k >= 0 {
			sysAt[i] = -1
			continue
		}
		// "audit modifications of /etc/sudoers. ... audit any access to
		// /etc/sudoers": the rule of writes is within the rule of all access.
		if k := slices.IndexFunc(x.System, func(o generator.SystemRule) bool { return writesWithin(r, o) }); k >= 0 {
			sysAt[i] = -1
			continue
		}
		if k := slices.IndexFunc(x.System, func(o generator.SystemRule) bool { return writesWithin(o, r) }); k >= 0 {
			x.System[k] = r
			x.Origins = slices.DeleteFunc(x.Origins, func(o generator.Origin) bool { return o.Field == fmt.Sprintf("system[%d].readOnly", k) })
			sysAt[i] = k
			continue
		}
		sysAt[i] = len(x.System)
		x.System = append(x.System, r)
	}
	x.Origins = append(x.Origins, reindex(in.Origins, netAt, sysAt)...)
	x.Notes = append(x.Notes, in.Notes...)
}

// allowWithin reports whether allow rule a lets through nothing that allow
// rule b does not: the same direction and peers, ports within b's, and
// neither with HTTP or DNS rules.
func allowWithin(a, b generator.NetworkRule) bool {
	if a.Verdict != generator.Allow || b.Verdict != generator.Allow || a.Direction != b.Direction || len(a.HTTP)+len(b.HTTP)+len(a.DNS)+len(b.DNS) > 0 ||
		!sameJSON(a.Peers, b.Peers) || len(a.Ports) == 0 {
		return false
	}
	// "Only the frontend should call the orders service. The orders pods
	// accept 8080 only from app=frontend": ports said beside a rule of
	// every port may narrow it, which the union would not (unionWidens).
	if len(b.Ports) == 0 {
		return false
	}
	for _, pa := range a.Ports {
		if pa.Name != "" || pa.ICMPType != nil || !slices.ContainsFunc(b.Ports, func(pb generator.Port) bool {
			return pb.Name == "" && pb.ICMPType == nil && pb.Protocol == pa.Protocol && pb.Port <= pa.Port && max(pa.Port, pa.EndPort) <= max(pb.Port, pb.EndPort)
		}) {
			return false
		}
	}
	return true
}

// writesWithin reports whether rule a, of writes only, lies within rule b,
// the same rule of every access.
func writesWithin(a, b generator.SystemRule) bool {
	if !a.ReadOnly || b.ReadOnly {
		return false
	}
	a.ReadOnly = false
	return sameJSON(a, b)
}

func sameJSON(a, b any) bool {
	ja, _ := json.Marshal(a)
	jb, _ := json.Marshal(b)
	return string(ja) == string(jb)
}

// reindex moves a clause's origins to the places its rules took in the
// merged intent (-1: left out); its subject's are the merged intent's already.
func reindex(origins []generator.Origin, netAt, sysAt map[int]int) []generator.Origin {
	return renumber(slices.DeleteFunc(slices.Clone(origins), func(o generator.Origin) bool { return strings.HasPrefix(o.Field, "subject") }), netAt, sysAt)
}

// renumber moves origins of rules to their new places (-1: left out; a
// rule with no entry stays where it is).
func renumber(origins []generator.Origin, netAt, sysAt map[int]int) []generator.Origin {
	var out []generator.Origin
	for _, o := range origins {
		for list, at := range map[string]map[int]int{"network": netAt, "system": sysAt} {
			var k int
			if _, err := fmt.Sscanf(o.Field, list+"[%d]", &k); err != nil {
				continue
			}
			if to, ok := at[k]; ok {
				o.Field = fmt.Sprintf("%s[%d]%s", list, to, o.Field[strings.IndexByte(o.Field, ']')+1:])
				if to < 0 {
					o.Field = ""
				}
			}
		}
		if o.Field != "" {
			out = append(out, o)
		}
	}
	return out
}

// subjectOriginsOf are the origins of an intent's subject, for clauses
// that take it over.
func subjectOriginsOf(in *generator.Intent) []generator.Origin {
	var out []generator.Origin
	for _, o := range in.Origins {
		if strings.HasPrefix(o.Field, "subject") {
			out = append(out, o)
		}
	}
	return out
}

// contextClause is a clause that only says which pods the request is
// about; the other clauses take them as their subject.
type contextClause struct{ subject subjectV }

func (*contextClause) Error() string { return "a clause that only names the pods" }

// describedPods reads clause i, which a system rule could not give a
// verdict, as a sentence that names the pods by their labels and says what
// they do: "The ldap-sync pods (app=ldap-sync) read /etc/shadow", "GPTWoL
// (app=gptwol) uses fping for its ICMP status checks". It opens with the
// pods and their labels, then a verb that is no verdict, and every value
// or meaning word after it is said again in a clause after it. It gives
// the clause of the pods alone.
func describedPods(request string, cs []clause, i int, err error) (clause, bool) {
	nu, ok := err.(*generator.NotUnderstoodError)
	if !ok || i+1 >= len(cs) || !strings.HasPrefix(nu.Missing, "I do not understand what to do with it") && !(strings.HasPrefix(nu.Missing, "I do not understand what the policy should do") && allowsThem(cs[i+1].toks)) {
		return clause{}, false
	}
	toks := cs[i].toks
	l := slices.IndexFunc(toks, func(t token) bool { return t.kind == tLabel })
	if l < 0 || l > 6 || slices.ContainsFunc(toks[:l], func(t token) bool { return t.kind != tWord && t.low != "(" }) {
		return clause{}, false
	}
	e := l + 1
	// "(app=metrics-agent, namespace kube-system)": the bracket may name
	// the pods' namespace too, in words; the verb comes after it.
	if l > 0 && toks[l-1].low == "(" {
		k := e
		for k < len(toks) && k <= e+5 && (toks[k].kind == tWord || toks[k].low == ",") && !denyWords[toks[k].low] && !allowWords[toks[k].low] {
			k++
		}
		if k < len(toks) && toks[k].low == ")" && slices.ContainsFunc(toks[e:k], func(t token) bool { return namespaceWords[t.low] }) {
			e = k
		}
	}
	for e < len(toks) && (toks[e].low == ")" || toks[e].low == ",") {
		e++
	}
	if e >= len(toks) || toks[e].kind != tWord {
		return clause{}, false
	}
	// "Pods labeled role=x do need the metadata server": the verb after "do".
	if (toks[e].low == "do" || toks[e].low == "does") && e+1 < len(toks) && toks[e+1].kind == tWord && !negationWords[toks[e+1].low] {
		e++
	}
	// "The metrics agent pods (...) get scraped from the nodes", "are
	// called by X": the verb after "get" or "are" in the passive.
	if e+1 < len(toks) && (toks[e].low == "get" || toks[e].low == "gets" || toks[e].low == "are" || toks[e].low == "is") && receiveVerbs[toks[e+1].low] && strings.HasSuffix(toks[e+1].low, "ed") {
		e++
	}
	if v := toks[e].low; denyWords[v] || allowWords[v] || auditWords[v] || isolateWords[v] || negationWords[v] || meaningWords[v] && v != "read" && v != "reads" || fillerWords[v] || podNouns[v] || prepositions[v] {
		return clause{}, false
	}
	said := func(w string) bool {
		return slices.ContainsFunc(cs[i+1:], func(c clause) bool {
			// "pulls from prod-x.s3.amazonaws.com - allow its egress to
			// *.s3.amazonaws.com": a name the pattern after it covers.
			// "get scraped from the nodes - ... from any node": one
			// word, singular or plural.
			return hasWord(c.toks, w) || hasWord(c.toks, strings.TrimSuffix(w, "s")) || hasWord(c.toks, w+"s") || slices.ContainsFunc(c.toks, func(t token) bool {
				return t.kind == tDomain && strings.HasPrefix(t.low, "*.") && strings.HasSuffix(w, t.low[1:])
			})
		})
	}
	for _, t := range toks[e+1:] {
		w := t.low
		switch {
		case denyWords[w] || allowWords[w] || auditWords[w] || isolateWords[w] || w == "only" || w == "except" || w == "but" || w == "unless" || w == "instead":
			return clause{}, false
		case t.kind == tLabel || namespaceWords[w] || podNouns[w]:
			return clause{}, false
		case t.kind != tWord && t.kind != tPunct || meaningWords[w]:
			if !said(w) {
				return clause{}, false
			}
		}
	}
	d := cs[i]
	d.toks = toks[:e]
	return d, true
}

// defaultScene reports whether an intent's pods are every pod of the
// default namespace, taken from no word of the request.
func defaultScene(in *generator.Intent) bool {
	if in.Subject.Pods != nil || len(in.Others) > 0 {
		return false
	}
	return slices.ContainsFunc(in.Origins, func(o generator.Origin) bool {
		return o.Field == "subject.namespace" && o.From == generator.FromDefault
	})
}

// otherTraffic reports whether a rule in that names no pods took them
// from from, a rule after it (in later), or one before it that names pods
// as peers too, about other traffic: "Deny
// egress to the internet. Pods labeled app=web may reach pods labeled
// app=db on 80." would put the deny on app=db, the pods that receive the
// later rule's traffic, while the deny is about traffic they send. Pods
// taken from a rule before, or from a later rule of the same direction
// ("Deny all ingress. Pods labeled app=db accept only app=web."), stay.
func otherTraffic(in, from *generator.Intent, later []*generator.Intent) bool {
	if from == nil || len(in.Network) == 0 {
		return false
	}
	dirs, pods := map[generator.Direction]bool{}, false
	for _, x := range append([]*generator.Intent{from}, from.Others...) {
		for _, r := range x.Network {
			dirs[r.Direction] = true
			pods = pods || from.Subject.Pods != nil && slices.ContainsFunc(r.Peers, func(p generator.Peer) bool { return p.Pods != nil && p.Namespace == "" && p.Namespaces == nil })
		}
	}
	// "Pods labeled app=web may reach pods labeled app=db on 80. Deny
	// egress to the internet.": a rule before that names the pods of its
	// peer first, then its own, leaves it open which of them the deny is
	// for; after "Pods labeled app=db accept ... from app=web", app=db.
	if !slices.Contains(later, from) && !(pods && peerPodsFirst(from)) {
		return false
	}
	// "Pods labeled app=web may reach pods labeled app=db on 5432. Deny
	// 10.0.0.0/8.": the same direction as the rule on app=db does not say
	// whose traffic the deny is about either. HTTP rules are the server's.
	if pods && peerPodsFirst(from) && !slices.Contains(later, from) && !slices.ContainsFunc(in.Network, func(r generator.NetworkRule) bool { return len(r.HTTP) > 0 }) {
		return true
	}
	if len(dirs) == 0 {
		return false
	}
	for _, r := range in.Network {
		if dirs[r.Direction] {
			return false
		}
	}
	return true
}

// pointsBack reports whether a clause names its pods by a pronoun ("let
// it reach payments", "they may reach the cache").
func pointsBack(c clause) bool {
	return slices.ContainsFunc(c.toks, func(t token) bool { return t.low == "it" || t.low == "they" || t.low == "them" })
}

// peerPodsFirst reports whether the request names the pods of a peer of
// in before its own pods: "pods labeled app=web may reach pods labeled
// app=db", read as ingress to app=db.
func peerPodsFirst(in *generator.Intent) bool {
	subject, peer := -1, -1
	for _, o := range in.Origins {
		if o.From != generator.FromRequest {
			continue
		}
		if strings.HasPrefix(o.Field, "subject.pods") && (subject < 0 || o.Start < subject) {
			subject = o.Start
		}
		if strings.HasPrefix(o.Field, "network[") && strings.Contains(o.Field, ".pods") && (peer < 0 || o.Start < peer) {
			peer = o.Start
		}
	}
	return peer >= 0 && subject >= 0 && peer < subject
}

// isolationOrder reports whether a clause is an order to isolate in a
// direction said: it opens with the isolation ("Default deny ingress",
// "Block all ingress", "Lock down egress", "Deny all incoming traffic"),
// not with a title's noun ("cert-manager lockdown") or a statement ("The
// checklist requires a control that denies all ingress").
func isolationOrder(toks []token) bool {
	if len(toks) < 2 || saidDirection(toks) == "" {
		return false
	}
	w, next := toks[0].low, toks[1].low
	return w == "default" && (next == "deny" || next == "deny-all") || w == "default-deny" || w == "deny-all" || w == "isolate" ||
		w == "lock" && next == "down" || (w == "deny" || w == "block" || w == "drop") && (next == "all" || next == "every" || next == "any")
}

// isolationOnly reports whether every network rule of in isolates (a
// default deny) and it has no others.
func isolationOnly(in *generator.Intent) bool {
	return len(in.Network) > 0 && len(in.System) == 0 && len(in.Others) == 0 &&
		!slices.ContainsFunc(in.Network, func(r generator.NetworkRule) bool { return r.Verdict != generator.Isolate })
}

// needsSubject reports whether a clause was refused only for naming no pods.
func needsSubject(err error) bool {
	nu, ok := err.(*generator.NotUnderstoodError)
	return ok && (strings.Contains(nu.Missing, "which pods") || strings.Contains(nu.Missing, "which direction"))
}

func parseClause(request string, c clause, opts generator.Options, fallback *generator.Subject, fallbackOrigins []generator.Origin) (*generator.Intent, error) {
	p := newParser(request, c, opts)
	// "Our frontend pods never call the API server", "the default-deny
	// policy landed in orders last week": a fact, no rule.
	switch factClause(c.toks, p.all) {
	case "habit":
		return nil, p.refuse(fmt.Sprintf("%q says what the pods do, not what a policy should do: should kunerva allow only that, deny it, or leave it alone? Say it as a rule", c.text(request)), generator.ExampleNetwork)
	case "story":
		return nil, p.refuse(fmt.Sprintf("%q says what happened, not what a policy should do: which rule do you want now? Say it as a rule", c.text(request)), generator.ExampleNetwork)
	}
	p.alertTitles()
	p.fallback, p.fallbackOrigins = fallback, fallbackOrigins
	p.prev = c.prev
	p.multi = c.multi
	p.heading = c.heading
	if x := c.inherit; x != nil && len(x.Network) > 0 {
		p.inherited = x.Network[0].Verdict
		for _, o := range x.Origins {
			if o.Field == "network[0].verdict" {
				p.inheritedOrigin = o
			}
		}
		if p.fallback == nil {
			p.fallback, p.fallbackOrigins = &x.Subject, subjectOriginsOf(x)
		}
	}
	return p.parse()
}

// verdictOriginFor is a reading of the clause's verdict words by rule.
func (p *parser) verdictOriginFor(rule string) *generator.Origin {
	m := *p.verdictMark
	m.rule = rule
	o := p.origin("", &m)
	return &o
}

// prevOrigin is the origin of a field of the previous clause's intent.
func (p *parser) prevOrigin(field string) *generator.Origin {
	for _, o := range p.prev.Origins {
		if o.Field == field {
			return &o
		}
	}
	return nil
}

// sameSubjectAs finds the intent (the merged one or one of its others) about
// the same pods, or nil.
func sameSubjectAs(merged *generator.Intent, s generator.Subject) *generator.Intent {
	for _, x := range append([]*generator.Intent{merged}, merged.Others...) {
		if sameSubject(x.Subject, s) {
			return x
		}
	}
	return nil
}

// namespaceGuessed refuses pods that one statement puts in the default
// namespace and another, by the same labels, in a namespace the request
// names: "I want to limit incoming connections to my nginx to one IP. So
// the pods labeled app=nginx in namespace slate-nginx should accept ...".
// The default would be a guess, and a policy in the wrong namespace.
func namespaceGuessed(request string, merged *generator.Intent) error {
	all := append([]*generator.Intent{merged}, merged.Others...)
	defaulted := func(x *generator.Intent) bool {
		return slices.ContainsFunc(x.Origins, func(o generator.Origin) bool {
			return o.Field == "subject.namespace" && o.From == generator.FromDefault
		})
	}
	for _, a := range all {
		// "Allow the prometheus pods in monitoring to scrape every pod on
		// 9100": every pod, with no namespace said, is no allow-list over
		// the pods of the default namespace.
		everyPod := slices.ContainsFunc(a.Origins, func(o generator.Origin) bool {
			t := strings.ToLower(o.Text)
			return o.Field == "subject.scope" && (t == "every pod" || t == "all pods" || t == "every single pod")
		})
		if a.Subject.Pods == nil && a.Subject.Scope == generator.ScopePods && defaulted(a) && everyPod && slices.ContainsFunc(a.Network, func(r generator.NetworkRule) bool {
			return r.Verdict == generator.Allow && r.Direction == generator.Ingress && slices.ContainsFunc(r.Peers, func(p generator.Peer) bool { return p.Pods != nil })
		}) {
			return &generator.NotUnderstoodError{Request: request, Understood: a.Summary(),
				Missing: "every pod of which namespace, or every pod in the cluster? Say \"every pod in namespace X\", or \"cluster-wide\"",
				Example: generator.ExampleFor(a)}
		}
		if a.Subject.Pods == nil || !defaulted(a) {
			continue
		}
		for _, b := range all {
			if b != a && !defaulted(b) && b.Subject.Namespace != "" && b.Subject.Namespace != a.Subject.Namespace && sameJSON(a.Subject.Pods, b.Subject.Pods) {
				return &generator.NotUnderstoodError{Request: request, Understood: a.Summary(),
					Missing: fmt.Sprintf("are the pods labeled %s in namespace %s, as the request says once, each time it names them? Say the namespace where it first names them", labelsText(a.Subject.Pods.MatchLabels), b.Subject.Namespace),
					Example: generator.ExampleFor(a)}
			}
		}
	}
	return nil
}

// contradiction describes two rules that say opposite things about the same
// traffic or the same file, or returns "".
func contradiction(in *generator.Intent) string {
	for i, a := range in.System {
		for _, b := range in.System[:i] {
			if a.Action != b.Action && a.Kind == b.Kind && a.Path == b.Path && a.Dir == b.Dir && a.ExecName == b.ExecName && a.Protocol == b.Protocol && a.Capability == b.Capability && slices.Equal(a.Syscalls, b.Syscalls) && slices.Equal(a.FromSource, b.FromSource) {
				return fmt.Sprintf("it says both %s and %s for %s", strings.ToLower(string(b.Action)), strings.ToLower(string(a.Action)), generator.TargetText(b))
			}
			// "deny /proc/** w: ... /proc/ and everything below it may be
			// read, but any write must be blocked": one rule blocks all
			// access to what the other lets be read.
			if a.Action == b.Action && a.Kind == generator.File && b.Kind == generator.File && a.ReadOnly != b.ReadOnly && a.Path == b.Path && a.Dir == b.Dir && slices.Equal(a.FromSource, b.FromSource) {
				return fmt.Sprintf("one rule blocks %s and another only the writes, which lets it be read", generator.TargetText(b))
			}
			// "Policy 5: Allow Raw Sockets - for the app=wisecow pods block
			// NET_RAW": raw sockets are what the net_raw capability opens,
			// so one verdict undoes the other.
			if a.Action != b.Action && rawSockets(a) && rawSockets(b) && a.Kind != b.Kind && slices.Equal(a.FromSource, b.FromSource) {
				return fmt.Sprintf("it says %s for %s and %s for %s, and raw sockets are what the net_raw capability opens", strings.ToLower(string(b.Action)), generator.TargetText(b), strings.ToLower(string(a.Action)), generator.TargetText(a))
			}
		}
	}
	for i, a := range in.Network {
		for _, b := range in.Network[:i] {
			if a.Verdict != b.Verdict && a.Direction == b.Direction && a.Verdict != generator.Isolate && b.Verdict != generator.Isolate {
				ja, _ := json.Marshal([]any{a.Peers, a.Ports})
				jb, _ := json.Marshal([]any{b.Peers, b.Ports})
				if string(ja) == string(jb) {
					return fmt.Sprintf("it both allows and denies %s traffic %s", a.Direction, generator.TrafficText(a.Peers, a.Ports))
				}
				// "deny egress to 10.0.0.0/8 and allow egress to 10.1.0.0/16":
				// the deny wins inside its range, so the allow would do nothing.
				deny, allow := a, b
				if deny.Verdict != generator.Deny {
					deny, allow = b, a
				}
				// "Deny frontend to db. The db pods accept traffic from the
				// frontend pods on 5432": a deny of every port wins over
				// the allow of some.
				if deny.Verdict == generator.Deny && len(deny.Ports) == 0 && sameJSON(deny.Peers, allow.Peers) {
					return fmt.Sprintf("it denies %s traffic %s, which wins over the allow of it %s, so the allow would do nothing", deny.Direction, generator.TrafficText(deny.Peers, deny.Ports), generator.TrafficText(allow.Peers, allow.Ports))
				}
				if deny.Verdict == generator.Deny && len(deny.Ports) == 0 && cidrInside(allow.Peers, deny.Peers) {
					return fmt.Sprintf("the %s deny of %s wins over the allow of %s inside it, so the allow would do nothing (to deny one range but not another inside it, say \"deny %s to %s except %s\")",
						deny.Direction, deny.Peers[0].CIDR, allow.Peers[0].CIDR, deny.Direction, deny.Peers[0].CIDR, allow.Peers[0].CIDR)
				}
			}
		}
	}
	return ""
}

// rawSockets reports whether a system rule is about raw sockets: the raw
// protocol, or the net_raw capability that opens them.
func rawSockets(r generator.SystemRule) bool {
	return r.Kind == generator.Protocol && r.Protocol == "raw" || r.Kind == generator.Capability && r.Capability == "net_raw"
}

// cidrInside reports whether every peer of inner is an address range inside
// one of outer's (with no exception of outer's around it).
func cidrInside(inner, outer []generator.Peer) bool {
	return len(inner) > 0 && !slices.ContainsFunc(inner, func(in generator.Peer) bool {
		return !slices.ContainsFunc(outer, func(out generator.Peer) bool {
			return in.CIDR != "" && out.CIDR != "" && len(out.Except) == 0 && cidrContains(out.CIDR, in.CIDR)
		})
	})
}

// peersOf reports whether a network rule of in has the pods of sel (or
// namespaces of its labels) as a peer.
func peersOf(in *generator.Intent, sel *metav1.LabelSelector) bool {
	if sel == nil {
		return false
	}
	js, _ := json.Marshal(sel)
	for _, r := range in.Network {
		for _, p := range r.Peers {
			if jp, _ := json.Marshal(p.Pods); p.Pods != nil && string(jp) == string(js) {
				return true
			}
			// "I labeled the default namespace with project=default. ...
			// from pods in namespaces labeled project=default": the labels
			// said before are the peers' namespaces'.
			if jn, _ := json.Marshal(p.Namespaces); p.Namespaces != nil && string(jn) == string(js) {
				return true
			}
		}
	}
	return false
}

func sameSubject(a, b generator.Subject) bool {
	ja, _ := json.Marshal(generator.Subject{Scope: a.Scope, Namespace: a.Namespace, Pods: a.Pods, Namespaces: a.Namespaces, ExceptNamespaces: a.ExceptNamespaces, NamespaceLabels: a.NamespaceLabels, Nodes: a.Nodes})
	jb, _ := json.Marshal(generator.Subject{Scope: b.Scope, Namespace: b.Namespace, Pods: b.Pods, Namespaces: b.Namespaces, ExceptNamespaces: b.ExceptNamespaces, NamespaceLabels: b.NamespaceLabels, Nodes: b.Nodes})
	return string(ja) == string(jb)
}

func dedupe(s []string) []string {
	var out []string
	for _, x := range s {
		if !slices.Contains(out, x) {
			out = append(out, x)
		}
	}
	return out
}

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
	return in, nil
}

// valueRules are the rules that read a value into a rule: what they
// claim must reach the intent.
var valueRules = set("labels", "path", "port", "cidr", "dns-name", "dns-pattern", "http-path", "http-header", "namespace-labels", "node-labels", "port-range", "host-port", "icmp-type")

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
		switch t.kind {
		case tNumber, tLabel, tCIDR, tRange, tPortProto, tPath, tDomain:
		default:
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
		for _, sel := range []*metav1.LabelSelector{in.Subject.Pods, in.Subject.Nodes} {
			if sel != nil && sel.MatchLabels[k] == v && v != "" {
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

// pronounNamespace reads "They run in the default namespace", "it lives in
// namespace shop": the namespace of pods named before, and its token.
func pronounNamespace(toks []token) (string, token, bool) {
	if ns, at, ok := namespaceIs(toks); ok {
		return ns, at, true
	}
	k := 0
	if k < len(toks) && (toks[k].low == "they" || toks[k].low == "it" || toks[k].low == "both" || toks[k].low == "these" || toks[k].low == "those") {
		k++
	} else {
		return "", token{}, false
	}
	for k < len(toks) && (toks[k].low == "all" || toks[k].low == "both" || toks[k].low == "pods") {
		k++
	}
	if k >= len(toks) || !slices.Contains([]string{"run", "runs", "live", "lives", "are", "is", "sit", "sits", "reside", "resides", "deployed"}, toks[k].low) {
		return "", token{}, false
	}
	k++
	if k < len(toks) && toks[k].low == "deployed" {
		k++
	}
	if k >= len(toks) || toks[k].low != "in" {
		return "", token{}, false
	}
	rest := toks[k+1:]
	if len(rest) > 0 && rest[0].low == "the" {
		rest = rest[1:]
	}
	switch {
	case len(rest) == 2 && namespaceWords[rest[1].low] && rest[0].kind == tWord:
		return rest[0].low, rest[0], true
	case len(rest) == 2 && namespaceWords[rest[0].low] && rest[1].kind == tWord:
		return rest[1].low, rest[1], true
	}
	return "", token{}, false
}

// namespaceIs reads a sentence that only names the namespace: "namespace
// is nginx-deployment", "the namespace is shop", "namespace: shop". It says
// where the pods named before are, as "They run in namespace shop" does; it
// is no rule of its own, and no second policy in namespace default.
func namespaceIs(toks []token) (string, token, bool) {
	k := 0
	if k < len(toks) && toks[k].low == "the" {
		k++
	}
	if k+1 >= len(toks) || !namespaceWords[toks[k].low] || (toks[k+1].low != "is" && toks[k+1].low != ":") {
		return "", token{}, false
	}
	rest := toks[k+2:]
	for len(rest) > 0 && rest[len(rest)-1].kind == tPunct {
		rest = rest[:len(rest)-1]
	}
	if len(rest) != 1 || rest[0].kind != tWord {
		return "", token{}, false
	}
	return rest[0].low, rest[0], true
}

// subjectNamespaceOrigin is the index of the origin of the namespace of a
// pods subject, or -1.
func subjectNamespaceOrigin(x *generator.Intent) int {
	if x.Subject.Scope != generator.ScopePods {
		return -1
	}
	return slices.IndexFunc(x.Origins, func(o generator.Origin) bool { return o.Field == "subject.namespace" })
}

// placedElsewhere is the intent of in (or its others) whose pods the
// request itself put in a namespace other than ns, or nil.
func placedElsewhere(in *generator.Intent, ns string) *generator.Intent {
	for _, x := range append([]*generator.Intent{in}, in.Others...) {
		if k := subjectNamespaceOrigin(x); k >= 0 && x.Origins[k].From != generator.FromDefault && x.Subject.Namespace != ns {
			return x
		}
	}
	return nil
}

// placeSubjects puts the pods subjects of in (and its others) whose
// namespace was a default into namespace ns, said by token at.
func placeSubjects(request string, in *generator.Intent, ns string, at token) {
	for _, x := range append([]*generator.Intent{in}, in.Others...) {
		if k := subjectNamespaceOrigin(x); k >= 0 && x.Origins[k].From == generator.FromDefault {
			x.Subject.Namespace = ns
			x.Origins[k] = generator.Origin{Field: "subject.namespace", From: generator.FromRequest, Start: at.start, End: at.end, Text: request[at.start:at.end], Rule: "namespace-of-the-pods"}
		}
	}
}

// headingNamespace reads a heading that names a namespace before a colon at
// the start of the request: "In namespace prod:", "namespace shop -".
func headingNamespace(toks []token) (string, token, bool) {
	k := 0
	for k < len(toks) && (toks[k].low == "in" || toks[k].low == "the" || toks[k].low == "for") {
		k++
	}
	switch {
	case k+2 < len(toks) && namespaceWords[toks[k].low] && toks[k+1].kind == tWord && (toks[k+2].low == ":" || toks[k+2].low == "-"):
		return toks[k+1].low, toks[k+1], true
	case k+2 < len(toks) && toks[k].kind == tWord && namespaceWords[toks[k+1].low] && (toks[k+2].low == ":" || toks[k+2].low == "-"):
		return toks[k].low, toks[k], true
	}
	// "Baseline in namespace shop: ... . ...", "protectAsset in namespace
	// free5gc. ...": a title that ends in its namespace (sceneHeading).
	for e, t := range toks {
		if t.kind != tPunct || t.low != ":" && t.low != "-" && t.low != "." {
			continue
		}
		if e+1 < len(toks) && sceneHeading(toks[:e]) {
			if at, ok := sceneNamespace(toks[:e]); ok {
				return at.low, at, true
			}
		}
		break
	}
	return "", token{}, false
}

// sceneNamespace is the namespace's token of a scene heading that ends in
// "in namespace X", "for namespace X", "in (for) the X namespace" or ",
// namespace X" after a name ("backend-policy, namespace app.").
func sceneNamespace(toks []token) (token, bool) {
	n := len(toks)
	switch {
	case n >= 3 && (toks[n-3].low == "in" || toks[n-3].low == "for") && namespaceWords[toks[n-2].low] && toks[n-1].kind == tWord:
		return toks[n-1], true
	case n >= 4 && (toks[n-4].low == "in" || toks[n-4].low == "for") && toks[n-3].low == "the" && namespaceWords[toks[n-1].low] && toks[n-2].kind == tWord:
		return toks[n-2], true
	case n >= 4 && toks[n-3].low == "," && namespaceWords[toks[n-2].low] && toks[n-1].kind == tWord:
		return toks[n-1], true // "backend-policy, namespace app."
	}
	return token{}, false
}

// icmpBesideTraffic asks what a bare "ICMP" or "ping" means when it was
// read as sockets a process opens (KubeArmor) beside rules of network
// traffic: "the worker pods may only send outbound TCP 443 and 53/udp, but
// also allow ICMP" most likely adds ICMP to the traffic the pods may send.
func icmpBesideTraffic(request string, intents []*generator.Intent) error {
	traffic := slices.ContainsFunc(intents, func(in *generator.Intent) bool { return len(in.Network) > 0 })
	if !traffic {
		return nil
	}
	for _, in := range intents {
		for i, r := range in.System {
			if r.Kind != generator.Protocol || r.Protocol != "icmp" || len(r.FromSource) > 0 {
				continue
			}
			for _, o := range in.Origins {
				if o.Field != fieldf("system[%d].protocol", i) || o.From != generator.FromRequest {
					continue
				}
				before := strings.Fields(strings.ToLower(request[:o.Start]))
				if w := strings.ToLower(o.Text); (w == "icmp" || w == "ping") && (len(before) == 0 || !slices.Contains([]string{"use", "uses", "using", "the"}, before[len(before)-1])) {
					return &generator.NotUnderstoodError{Request: request, Understood: in.Summary(), Example: generator.ExampleNetwork,
						Missing: fmt.Sprintf("is %q traffic the network policy should allow (ICMP echo, type 8, in a CiliumNetworkPolicy) or the ICMP sockets processes in the pods may open (KubeArmor)? Say \"ICMP echo\" for the traffic or \"ICMP sockets\" for the processes", o.Text)}
				}
			}
		}
	}
	return nil
}

// pointerNouns are what a rule calls values named in the sentence before
// it, whether the word is plural, and the kind of the values: "that file",
// "those three files", "that address".
var pointerNouns = map[string]struct {
	plural bool
	kind   tokenKind
}{
	"file": {false, tPath}, "files": {true, tPath}, "directory": {false, tPath}, "directories": {true, tPath}, "dir": {false, tPath}, "dirs": {true, tPath},
	"folder": {false, tPath}, "folders": {true, tPath}, "path": {false, tPath}, "paths": {true, tPath}, "key": {false, tPath}, "keys": {true, tPath},
	"socket": {false, tPath}, "sockets": {true, tPath},
	"address": {false, tCIDR}, "addresses": {true, tCIDR}, "ip": {false, tCIDR}, "ips": {true, tCIDR}, "range": {false, tCIDR}, "ranges": {true, tCIDR},
	"subnet": {false, tCIDR}, "subnets": {true, tCIDR},
	"domain": {false, tDomain}, "domains": {true, tDomain}, "hostname": {false, tDomain}, "hostnames": {true, tDomain},
}

// podWords name pods in a sentence of values: it must not, since the
// rule after it takes nothing else from it.
var podWords = set("pod", "pods", "workload", "workloads", "container", "containers", "replicas", "instances", "deployment", "deployments", "daemonset",
	"daemonsets", "statefulset", "statefulsets")

// pointerCounts are the numbers a pointer may give: "those three files".
var pointerCounts = map[string]int{"two": 2, "three": 3, "four": 4, "five": 5, "2": 2, "3": 3, "4": 4, "5": 5}

// pointedValues reads a sentence that only names values, one list of
// paths, addresses or DNS names and no rule ("Root key insertion into
// /root/.ssh/authorized_keys is critical persistence.", "There is a
// metadata server at 1.1.1.1."), and the sentence after it, whose rule
// points at them ("Audit any access to that file on every node", "make
// that directory read-only", "those three files", "that address"; "it"
// only after "There is ..." and a verb or preposition of traffic, "must
// not be able to reach it"): it returns the rule with the values where
// the pointer stands, their spans still the first sentence's. The pointer
// must agree with the list: its kind, one value for "that file", as many
// as "those three files" says, directories (ending in /) for "that
// directory" and no directory for "that file". The first sentence names
// no pods, no other value and no verdict but one of the rule's own kind
// ("the main files to monitor: ...; audit any access to those three
// files"), and makes no rule read alone.
func pointedValues(request string, a, b clause, opts generator.Options) (clause, bool) {
	if len(a.toks) == 0 || a.dismissed != "" || !strings.HasPrefix(request[a.toks[len(a.toks)-1].end:], ".") {
		return clause{}, false
	}
	existential := len(a.toks) > 2 && a.toks[0].low == "there" && (a.toks[1].low == "is" || a.toks[1].low == "are") || a.toks[0].low == "there's"
	// The pointer in the rule.
	at, end, plural, count, kind, noun := -1, -1, false, 0, tWord, ""
	for k := 0; k < len(b.toks); k++ {
		w := b.toks[k].low
		if w == "it" && existential && k > 0 && (reachVerbs[b.toks[k-1].low] || b.toks[k-1].low == "to" || b.toks[k-1].low == "from") {
			if at >= 0 {
				return clause{}, false
			}
			at, end, plural, kind, noun = k, k+1, false, tWord, "it"
			continue
		}
		if w != "that" && w != "this" && w != "those" && w != "these" && w != "both" || k+1 >= len(b.toks) {
			continue
		}
		n := k + 1
		if c, ok := pointerCounts[b.toks[n].low]; ok {
			count, n = c, n+1
		}
		if n >= len(b.toks) {
			break
		}
		pn, ok := pointerNouns[b.toks[n].low]
		if !ok {
			continue
		}
		if at >= 0 {
			return clause{}, false // two pointers
		}
		at, end, plural, kind, noun = k, n+1, pn.plural, pn.kind, b.toks[n].low
		if w == "both" {
			count = 2
		}
	}
	if at < 0 {
		return clause{}, false
	}
	dirs := strings.HasPrefix(noun, "dir") || strings.HasPrefix(noun, "folder")
	verdict := func(t token) string {
		switch {
		case auditWords[t.low]:
			return "audit"
		case denyWords[t.low] || isolateWords[t.low] || restrictionWords[t.low] || t.low == "only" || t.low == "except":
			return "deny"
		case allowWords[t.low]:
			return "allow"
		}
		return ""
	}
	// The values of the first sentence: one list, nothing else of value.
	first, last := -1, -1
	for k, t := range a.toks {
		switch {
		case t.kind == tPath || t.kind == tCIDR || t.kind == tDomain:
			if kind == tWord {
				kind = t.kind // "it": the one value named
			}
			if t.kind != kind {
				return clause{}, false
			}
			if last >= 0 && last < k-1 {
				for _, u := range a.toks[last+1 : k] {
					if u.low != "," && u.low != "and" && u.low != "or" {
						return clause{}, false // two lists
					}
				}
			}
			if first < 0 {
				first = k
			}
			last = k
		case t.kind == tNumber && k > 0 && (a.toks[k-1].low == "permissions" || a.toks[k-1].low == "mode" || a.toks[k-1].low == "chmod"):
			// "Permissions 0644 for /home/git/.ssh/id_rsa": the file's mode.
		case t.kind != tWord && t.kind != tPunct, podWords[t.low], namespaceWords[t.low]:
			return clause{}, false
		case t.low == "open" && k > 0 && a.toks[k-1].low == "too":
			// "are too open": said of the file's permissions.
		case verdict(t) != "":
			if !slices.ContainsFunc(b.toks, func(u token) bool { return verdict(u) == verdict(t) }) {
				return clause{}, false
			}
		}
	}
	if first < 0 {
		return clause{}, false
	}
	values := 0
	for _, t := range a.toks[first : last+1] {
		if t.kind != kind {
			continue
		}
		values++
		if kind == tPath && strings.HasSuffix(t.low, "/") != dirs {
			return clause{}, false
		}
	}
	if !plural && values != 1 || plural && values < 2 || count > 0 && values != count {
		return clause{}, false
	}
	// Read alone, the first sentence makes no rule.
	if _, err := parseClause(request, a, opts, nil, nil); err == nil {
		return clause{}, false
	}
	rule := b
	rule.toks = slices.Concat(b.toks[:at], a.toks[first:last+1], b.toks[end:])
	return rule, true
}

// staysWritable reports whether a clause only says that paths the
// read-only rules beside it leave alone stay writable: "... are read-only.
// /tmp and /var/run stay writable.", "Can I make /opt/project/src/
// read-only ...? /opt/project/build/ has to stay writable." Paths alone,
// then "stay(s)" or "remain(s)", or "has to", "must", "should" or "needs
// to" with "stay", "remain" or "be", and "writable". Every rule beside it
// blocks writes alone (read-only, no source), and none is about one of the
// paths, above it or below it: a writable path inside a read-only
// directory is an exception KubeArmor cannot leave out, and stays a
// question.
func staysWritable(toks []token, ruled []*generator.Intent) bool {
	k := 0
	for k < len(toks) && (toks[k].low == "but" || toks[k].low == "and" || toks[k].low == "while" || toks[k].low == "whereas") {
		k++
	}
	var paths []string
	for k < len(toks) && (toks[k].kind == tPath || toks[k].low == "," || toks[k].low == "and") {
		if toks[k].kind == tPath {
			paths = append(paths, toks[k].low)
		}
		k++
	}
	if len(paths) == 0 || k >= len(toks) {
		return false
	}
	switch w := toks[k].low; {
	case w == "stays" || w == "stay" || w == "remains" || w == "remain":
		k++
	case k+1 < len(toks) && (w == "has" || w == "have" || w == "needs" || w == "need") && toks[k+1].low == "to":
		k += 2
		if k < len(toks) && toks[k].low == "still" {
			k++
		}
		if k >= len(toks) || toks[k].low != "stay" && toks[k].low != "remain" && toks[k].low != "be" {
			return false
		}
		k++
	case w == "must" || w == "should":
		k++
		if k < len(toks) && toks[k].low == "still" {
			k++
		}
		if k >= len(toks) || toks[k].low != "stay" && toks[k].low != "remain" && toks[k].low != "be" {
			return false
		}
		k++
	default:
		return false
	}
	if k < len(toks) && toks[k].low == "still" {
		k++
	}
	if k >= len(toks) || toks[k].low != "writable" && toks[k].low != "writeable" || slices.ContainsFunc(toks[k+1:], func(t token) bool { return t.kind != tPunct }) {
		return false
	}
	rules := 0
	for _, in := range ruled {
		for _, x := range append([]*generator.Intent{in}, in.Others...) {
			if len(x.Network) > 0 {
				return false
			}
			for _, r := range x.System {
				if !r.ReadOnly || r.Action != generator.ActionBlock || len(r.FromSource) > 0 {
					return false
				}
				rules++
				for _, p := range paths {
					for _, v := range []string{r.Path, r.Dir} {
						d := strings.TrimSuffix(p, "/") + "/"
						if v != "" && (v == p || strings.HasPrefix(v, d) || strings.HasPrefix(p, v) && strings.HasSuffix(v, "/") || strings.TrimSuffix(v, "/") == strings.TrimSuffix(p, "/")) {
							return false
						}
					}
				}
			}
		}
	}
	return rules > 0
}

// allowsThem reports whether a clause allows traffic of pods it names by
// a pronoun, and denies nothing: "allow egress from them to 1.1.1.1",
// "allow its egress to *.example.com on 443".
func allowsThem(toks []token) bool {
	allow, them := false, false
	for _, t := range toks {
		switch {
		case denyWords[t.low] || isolateWords[t.low] || auditWords[t.low] || t.low == "only" || t.low == "except":
			return false
		case t.low == "allow" || t.low == "let" || t.low == "permit":
			allow = true
		case t.low == "them" || t.low == "its" || t.low == "their" || t.low == "they" || t.low == "it":
			them = true
		}
	}
	return allow && them
}

// auditModePhrases say that a request means to watch, not to enforce,
// even where they make no rule of their own: "Audit mode, no enforcement:
// block /bin/sh in the app=web pods", "block /bin/sh in the app=web pods,
// audit only", "Dry run: block ...". A word of auditing alone says no mode
// ("the monitoring namespace", "the audit log pods").
var auditModePhrases = [][]string{{"audit", "mode"}, {"audit-mode"}, {"audit", "only"}, {"audit-only"}, {"only", "audit"}, {"just", "audit"},
	{"alert", "only"}, {"alert-only"}, {"only", "alert"}, {"just", "alert"}, {"log", "only"}, {"log-only"}, {"only", "log"}, {"just", "log"},
	{"monitor", "mode"}, {"monitor", "only"}, {"monitoring", "mode"}, {"monitoring", "only"}, {"only", "monitor"}, {"just", "monitor"},
	{"detect", "only"}, {"detection", "only"}, {"only", "detect"}, {"just", "detect"}, {"report", "only"}, {"report-only"}, {"observe", "only"},
	{"permissive", "mode"}, {"complain", "mode"}, {"dry", "run"}, {"dry-run"}, {"no", "enforcement"}, {"without", "enforcement"}, {"without", "enforcing"},
	{"don't", "enforce"}, {"not", "enforce"}, {"not", "enforced"}, {"not", "enforcing"}, {"before", "we", "enforce"}, {"before", "enforcing"}, {"before", "enforcement"}, {"no", "blocking"}, {"without", "blocking"}, {"non-blocking"},
	{"don't", "block"}, {"dont", "block"}, {"do", "not", "block"}, {"don't", "deny"}, {"do", "not", "deny"}, {"not", "blocking"},
	{"monitoring", "policy"}, {"audit", "policy"}, {"alerting", "policy"}, {"audit", "rule"}, {"alert", "rule"}, {"detection", "rule"},
	// "Detection policy: block ...", "Warn only, block ...", "Visibility
	// only: ...", "..., alerting only", "... but just notify us"
	{"detection", "policy"}, {"detection", "mode"}, {"logging", "policy"}, {"logging", "only"}, {"alerting", "only"}, {"reporting", "only"},
	{"warn", "only"}, {"warn-only"}, {"warning", "only"}, {"only", "warn"}, {"just", "warn"}, {"warn", "mode"}, {"visibility", "only"},
	{"visibility", "mode"}, {"observability", "only"}, {"just", "notify"}, {"only", "notify"}, {"notify", "only"}, {"observe", "first"},
	{"observation", "mode"}, {"learning", "mode"}, {"shadow", "mode"}}

// auditFirstWords put an audit before enforcing: "First audit, then block
// /bin/sh", "audit first", "log for now", "initially just alert". The rule
// they come with says what comes later.
var auditFirstWords = set("first", "initially", "now", "start", "begin", "beginning")

// auditImperatives, first in the request, tell it to watch: "Audit
// shells: block /bin/sh in the app=web pods" is a title that says one
// thing and a rule that says another.
var auditImperatives = set("audit", "alert", "log", "monitor", "detect", "flag")

// auditModeConflict asks when the request says to audit (or not to
// enforce) in words no rule read as its action, while every rule it gives
// enforces: "Audit mode, no enforcement: block /bin/sh in the app=web
// pods" would block what the heading says only to watch. Words that turn
// the audit down ("block, not just log", "rather than alert"), or join it
// to a block ("block and log": KubeArmor logs what it blocks), say no
// audit mode; nor do logs as a noun ("log files").
func auditModeConflict(request string, toks []token, intents []*generator.Intent) error {
	var enforcing *generator.Intent
	actions := map[int]bool{} // token starts of the words that gave an action
	for _, in := range intents {
		for _, r := range in.System {
			if r.Action == generator.ActionAudit {
				return nil
			}
		}
		if len(in.System) > 0 || len(in.Network) > 0 {
			enforcing = in
		}
		for _, o := range in.Origins {
			if o.From == generator.FromRequest && (strings.HasSuffix(o.Field, ".action") || strings.HasSuffix(o.Field, ".verdict")) {
				for _, t := range toks {
					if t.start >= o.Start && t.end <= o.End {
						actions[t.start] = true
					}
				}
			}
		}
	}
	if enforcing == nil {
		return nil
	}
	said := func(at, n int) error {
		return &generator.NotUnderstoodError{Request: request, Understood: enforcing.Summary(), Example: generator.ExampleFor(enforcing), Answer: "block",
			Missing: fmt.Sprintf("%q says to watch, not to enforce, but the rules would enforce: should this allow, block or audit?", request[toks[at].start:toks[at+n-1].end])}
	}
	turnedDown := func(k int) bool {
		for j := max(k-3, 0); j < k; j++ {
			if w := toks[j].low; w == "than" || w == "not" || w == "instead" || w == "beyond" || w == "besides" {
				return true
			}
		}
		joined := func(j int) bool {
			return j >= 0 && j < len(toks) && denyWords[toks[j].low] && !negationWords[toks[j].low]
		}
		return k > 0 && (toks[k-1].low == "and" || toks[k-1].low == "&") && (joined(k-2) || joined(k-3)) ||
			k+1 < len(toks) && toks[k+1].low == "and" && (joined(k+2) || joined(k+3))
	}
	for k, t := range toks {
		if t.kind != tWord || actions[t.start] {
			continue
		}
		for _, ph := range auditModePhrases {
			if phraseIn(toks, k, ph) && !turnedDown(k) {
				return said(k, len(ph))
			}
		}
		if auditWords[t.low] && !turnedDown(k) && (k > 0 && auditFirstWords[toks[k-1].low] || k+1 < len(toks) && auditFirstWords[toks[k+1].low] ||
			k+2 < len(toks) && toks[k+1].low == "for" && toks[k+2].low == "now" || k+2 < len(toks) && toks[k+1].low == "it" && auditFirstWords[toks[k+2].low]) {
			return said(k, 1)
		}
		// "Monitor: app=web may reach app=db on 5432", "Alert - block
		// ...": the imperative alone as a title says to watch, too.
		if k == 0 && auditImperatives[t.low] && len(toks) > 1 && (toks[1].kind != tPunct && !recordNoun(toks, k) && !logNouns[toks[1].low] || toks[1].low == ":" || toks[1].low == "-") && !turnedDown(k) {
			return said(k, 1)
		}
	}
	return nil
}

// allowListWords say that an Allow rule is meant as an allow-list.
var allowListWords = set("only", "whitelist", "whitelisted", "whitelisting", "allowlist", "allow-list", "allowlisted", "else", "posture", "solely", "exclusively")

// allowRestWords also say the allowed is all there is: "just /bin/ls",
// "everything but", "the rest is blocked", "no other".
var allowRestWords = set("just", "except", "but", "rest", "other", "others", "nothing", "exactly", "alone", "allowlisting", "allow-listing")

// allowAlone asks when every system rule of the pods allows and nothing in
// the request says that what is allowed is all there is: "please allow
// anyone to run /bin/ls in the app=web pods" reads as letting something
// through, while a KubeArmor Allow rule blocks (or audits, by the default
// posture) every other access of its kind.
func allowAlone(request string, toks []token, intents []*generator.Intent) error {
	if slices.ContainsFunc(toks, func(t token) bool { return allowListWords[t.low] || allowRestWords[t.low] }) {
		return nil
	}
	for _, in := range intents {
		if len(in.System) == 0 || slices.ContainsFunc(in.System, func(r generator.SystemRule) bool { return r.Action != generator.ActionAllow }) {
			continue
		}
		return &generator.NotUnderstoodError{Request: request, Understood: in.Summary(), Example: generator.ExampleFor(in),
			Missing: fmt.Sprintf("should %s be all that is allowed? A KubeArmor Allow rule makes an allow-list: every other %s of these pods is then blocked (or audited, by the default posture); say \"only ... may\" if that is meant, or block what should be kept out",
				generator.TargetText(in.System[0]), in.System[0].Kind)}
	}
	return nil
}

// allowBesideBlock asks when the pods get, for the same kind of target,
// a Block and an Allow and the request says no allow-list: "block /bin/sh
// in the app=web pods but allow /bin/bash" means bash stays as it is, yet
// a KubeArmor Allow rule makes every other program blocked (by the
// default posture), far more than the request blocks. So too for files
// and capabilities ("block NET_RAW but allow CAP_CHOWN").
func allowBesideBlock(request string, toks []token, intents []*generator.Intent) error {
	if slices.ContainsFunc(toks, func(t token) bool { return allowListWords[t.low] }) {
		return nil
	}
	for _, in := range intents {
		for _, a := range in.System {
			if a.Action != generator.ActionAllow || a.Kind != generator.Process && a.Kind != generator.File && a.Kind != generator.Capability {
				continue
			}
			for _, b := range in.System {
				if b.Kind == a.Kind && b.Action != generator.ActionAllow {
					return &generator.NotUnderstoodError{Request: request, Understood: in.Summary(), Example: generator.ExampleFor(in),
						Missing: fmt.Sprintf("should %s only stay allowed, or be the only one allowed? The request %s %s, and a KubeArmor Allow rule would make every other %s of these pods blocked; to keep it as it is, leave it out",
							generator.TargetText(a), strings.ToLower(string(b.Action))+"s", generator.TargetText(b), a.Kind)}
				}
			}
		}
	}
	return nil
}

// blockTitles and allowTitles, first in the request, tell it to block or
// to allow: "Block shells in web: audit /bin/sh in the app=web pods",
// "Allow: block /bin/sh ...", "Block: the app=web pods may reach app=db"
// are titles that say one thing and rules that say another.
var (
	blockTitles = set("block", "deny", "prevent", "forbid", "stop", "enforce")
	allowTitles = set("allow", "permit")
)

// titleAgainstRules asks when a request opens with a word of blocking or
// allowing that no rule read as its action, while no rule does what it
// says: a block title over rules that only audit ("Block shells in web:
// audit ...", "Block: audit ..."), or, in a heading that ends in a colon
// within a few words, a block title over rules that only allow ("Block:
// the app=web pods may reach app=db") and an allow title over rules that
// only deny, block or audit ("allow ingress: ... must not receive ...").
// Without a colon, "block all egress except DNS" is the allow-list it
// says, so only the audit case asks.
func titleAgainstRules(request string, toks []token, intents []*generator.Intent) error {
	if len(toks) < 2 || !blockTitles[toks[0].low] && !allowTitles[toks[0].low] || toks[1].kind == tPunct && toks[1].low != ":" || toks[1].low == "and" {
		return nil
	}
	block := blockTitles[toks[0].low]
	// "Enforce mode now: only /usr/bin/ping may ...": enforcing holds
	// for allow rules too, so only an audit goes against it.
	heading := toks[0].low != "enforce" && slices.ContainsFunc(toks[1:min(5, len(toks))], func(t token) bool { return t.low == ":" })
	if !block && !heading {
		return nil
	}
	// agrees reports whether a rule does what the title says, or is left
	// alone by it: an audit goes against a block title only; an allow goes
	// against a block title in a heading only; a deny or block goes
	// against an allow title (which asks in a heading only).
	agrees := func(allow, audit bool) bool {
		switch {
		case audit:
			return !block
		case allow:
			return !block || !heading
		}
		return block
	}
	var first *generator.Intent
	audits := true // every rule audits: the answer is "audit"
	for _, in := range intents {
		for _, r := range in.Network {
			if agrees(r.Verdict == generator.Allow, false) {
				return nil
			}
			audits = false
		}
		for _, r := range in.System {
			if agrees(r.Action == generator.ActionAllow, r.Action == generator.ActionAudit) {
				return nil
			}
			audits = audits && r.Action == generator.ActionAudit
		}
		for _, o := range in.Origins {
			if o.From == generator.FromRequest && o.Start <= toks[0].start && toks[0].end <= o.End {
				return nil // the word says something the rules hold
			}
		}
		if first == nil && (len(in.Network) > 0 || len(in.System) > 0) {
			first = in
		}
	}
	if first == nil {
		return nil
	}
	says, do, answer := "block", "allow or audit", ""
	if !block {
		says, do = "allow", "deny or block"
	}
	if audits {
		answer = "audit"
	}
	return &generator.NotUnderstoodError{Request: request, Understood: first.Summary(), Example: generator.ExampleFor(first), Answer: answer,
		Missing: fmt.Sprintf("%q says to %s, but the rules only %s: should this allow, block or audit?", toks[0].raw, says, do)}
}

// subjectAgainstWords asks when the words around the pods the policy is
// for say the reverse: "block /usr/bin/nc in app=web pods, not in
// namespace shop" put the policy in shop; "in the app=web pods and on the
// host" made the pods' labels node labels.
func subjectAgainstWords(request string, toks []token, intents []*generator.Intent) error {
	at := func(start int) int {
		for k, t := range toks {
			if t.start == start {
				return k
			}
		}
		return -1
	}
	for _, in := range intents {
		for _, o := range in.Origins {
			if o.From != generator.FromRequest {
				continue
			}
			k := at(o.Start)
			if k < 0 {
				continue
			}
			ask := func(what string) error {
				return &generator.NotUnderstoodError{Request: request, Understood: in.Summary(), Example: generator.ExampleFor(in),
					Missing: fmt.Sprintf("which pods or nodes should this apply to? %q %s", o.Text, what)}
			}
			if o.Field == "subject.namespace" {
				for j := max(k-3, 0); j < k; j++ {
					if w := toks[j].low; w == "not" || w == "except" || w == "excluding" || w == "outside" || w == "besides" {
						return ask(fmt.Sprintf("follows %q, yet the policy would be for it", toks[j].raw))
					}
				}
			}
			if o.Field == "subject.nodes" {
				e := k + 1
				for e < len(toks) && toks[e].end <= o.End {
					e++
				}
				if e < len(toks) && podNouns[toks[e].low] || podsBefore(toks, k) {
					return ask("names pods, yet the policy would take it as the labels of nodes")
				}
			}
		}
	}
	return nil
}

// podsBefore reports whether the labels at k follow a pod noun that they
// select: "the pods labeled app=payments", "pods with the label app=web",
// "the web pods (app=web".
func podsBefore(toks []token, k int) bool {
	j := k - 1
	for j >= 0 && j >= k-4 && (toks[j].low == "labeled" || toks[j].low == "labelled" || toks[j].low == "with" || toks[j].low == "the" || toks[j].low == "label" ||
		toks[j].low == "labels" || toks[j].low == "(") {
		j--
	}
	return j >= 0 && j < k-1 && podNouns[toks[j].low]
}

// brokenTraffic reports whether a clause tells what broke rather than a rule:
// "After enabling network policy, the app=web pods cannot reach the app=db
// pods", "app=web can no longer reach app=db", "app=web can't reach app=db
// anymore", "app=prometheus cannot reach app=x on 9090 after we turned on
// network policies", "app=web is blocked from reaching app=db since the
// upgrade", "Prometheus fails to scrape ... after enabling ...". Its
// "cannot" is a fact, not an order to deny: a failure word (brokenWords, or
// "is blocked", "got denied") in the clause, and a word of when it began
// (whenBroken, or "after", "since", "once" opening a clause of time) in it
// or anywhere in the request (all), whose clause of time may have been set
// apart as a reason ("... since the upgrade").
//
// So too a failure asked about ("why can't my app=etl pods reach
// 10.40.0.0/16 on 9092?", "how come app=web cannot reach app=db") or one
// the request then asks to let through ("app=etl can't reach 10.40.0.0/16,
// please allow it", "... - how do I open it?"): a word of fixWords after
// the failure.
func brokenTraffic(toks, all []token) bool {
	return failureSaid(toks) && (changeSaid(toks) || changeSaid(all) || failureAsked(toks) || fixAfter(toks, all))
}

// nodeLocalWords say that a DNS server is the one on the pod's node:
// "node-local DNS", "NodeLocal DNSCache", "the local DNS cache", "the
// node's DNS".
var nodeLocalWords = set("node-local", "nodelocal", "nodelocaldns", "node-local-dns", "nodelocal-dns", "local", "node", "node's", "host", "host's", "per-node", "dnscache")

// nodeLocalDNSSaid reports whether the request names a DNS server on the
// node rather than the cluster DNS: a word of nodeLocalWords just before
// "DNS" (or in one word with it), or "DNS cache" ("the DNS cache on the
// node").
func nodeLocalDNSSaid(toks []token) bool {
	return anyWord(toks, func(i int, w, next string) bool {
		switch {
		case w == "nodelocaldns" || w == "node-local-dns" || w == "dnscache" || w == "nodelocal-dns":
			return true
		case w == "dns" || w == "dns-cache":
			return next == "cache" || next == "caches" || next == "cache's" || w == "dns-cache" ||
				i > 0 && nodeLocalWords[toks[i-1].low] || i > 1 && nodeLocalWords[toks[i-2].low] && toks[i-1].kind == tWord
		}
		return false
	})
}

// complaintSaid reports whether a clause says that traffic cannot pass,
// with no word of an order: "the app=prometheus pods cannot reach the
// app=openclaw pods on 9090", "app=web can't talk to app=db", "app=api is
// unable to reach app=cache". Such a sentence is as often what someone
// sees go wrong as a rule; read as a deny, it blocked what they wanted
// let through. ("app=web must not reach app=db", "make sure app=web
// cannot reach app=db", "app=web should be unable to reach ..." order it.)
func complaintSaid(toks []token) bool {
	can := anyWord(toks, func(i int, w, next string) bool {
		return w == "cannot" || w == "can't" || w == "couldn't" || w == "unable" || (w == "can" || w == "could") && next == "not"
	})
	return can && !anyWord(toks, func(i int, w, next string) bool { return orderWords[w] || dutyWords[w] })
}

// dutyWords, beside orderWords, make a "cannot" a rule: "Enforce that
// app=web cannot reach app=db", "guarantee ...", "app=web is never to ...".
var dutyWords = set("enforce", "guarantee", "guaranteed", "require", "required", "requires", "use", "configure", "set", "so", "never", "shouldn't", "mustn't", "forbid", "forbidden", "disallow")

// defaultStates say that what follows is how things are by default:
// "by default", "out of the box", "normally".
var defaultStates = [][]string{{"by", "default"}, {"out", "of", "the", "box"}, {"normally"}, {"usually"}, {"ordinarily"}, {"as", "things", "stand"}}

// defaultStateSaid reports whether a clause says what the pods will not
// or cannot do by default, with no word of an order: "By default the
// app=web pods will not be able to reach 10.0.0.0/8", "out of the box
// app=api won't reach app=db". ("By default the app=web pods should not
// reach ..." orders it.)
func defaultStateSaid(toks []token) bool {
	state, cannot := false, false
	for i, t := range toks {
		for _, d := range defaultStates {
			state = state || phraseIn(toks, i, d)
		}
		next := ""
		if i+1 < len(toks) {
			next = toks[i+1].low
		}
		switch {
		case t.low == "should" || t.low == "must" || t.low == "shall" || t.low == "mustn't" || t.low == "shouldn't" || t.low == "need" || t.low == "needs":
			return false
		case t.low == "won't" || t.low == "wouldn't" || t.low == "can't" || t.low == "cannot" || t.low == "unable" || t.low == "aren't" || t.low == "isn't",
			(t.low == "will" || t.low == "would" || t.low == "can" || t.low == "are" || t.low == "is") && next == "not":
			cannot = true
		}
	}
	return state && cannot
}

// currentStates say that what follows is how things are now: "currently",
// "right now", "at the moment", "today".
var currentStates = [][]string{{"currently"}, {"presently"}, {"nowadays"}, {"today"}, {"right", "now"}, {"at", "the", "moment"}, {"at", "present"},
	{"as", "of", "now"}, {"as", "of", "today"}, {"these", "days"}, {"as", "it", "stands"}}

// orderWords make a clause an order whatever else it says.
var orderWords = set("should", "must", "shall", "need", "needs", "allow", "allowed", "permit", "permitted", "let", "may", "only", "block", "deny",
	"prevent", "stop", "restrict", "limit", "isolate", "want", "please", "make", "ensure", "keep", "accept", "accepts")

// currentStateSaid reports whether a clause says what the pods can do now,
// with no word of an order: "Currently the app=web pods can reach app=db
// on 5432", "right now app=web is able to talk to app=db".
func currentStateSaid(toks []token) bool {
	state, can := false, false
	for i, t := range toks {
		for _, d := range currentStates {
			state = state || phraseIn(toks, i, d)
		}
		if orderWords[t.low] {
			return false
		}
		can = can || t.low == "can" || t.low == "could" || t.low == "able"
	}
	return state && can
}

// statePart is a clause up to the first comma, "which", "and", "but" or
// semicolon after its "can": "every pod can reach app=db on 5432" of
// "every pod can reach app=db on 5432, which is bad".
func statePart(toks []token) []token {
	can := false
	for i, t := range toks {
		can = can || t.low == "can" || t.low == "could" || t.low == "able" || allowedSaid(toks, i)
		if can && i > 0 && (t.low == "," || t.low == "which" || t.low == "and" || t.low == "but" || t.low == ";") {
			return toks[:i]
		}
	}
	return toks
}

// canSaid reports whether tokens say what pods can do, with no word of an
// order: "every pod in shop can reach app=db on 5432".
func canSaid(toks []token) bool {
	return anyWord(toks, func(i int, w, next string) bool {
		return w == "can" || w == "could" || w == "able" || allowedSaid(toks, i)
	}) &&
		!anyWord(toks, func(i int, w, next string) bool { return (orderWords[w] || dutyWords[w]) && !allowedSaid(toks, i) })
}

// allowedSaid reports whether token i is "allowed" after "is" or "are":
// "app=web is allowed to reach app=db", said of how things are.
func allowedSaid(toks []token, i int) bool {
	return toks[i].low == "allowed" && i > 0 && (toks[i-1].low == "is" || toks[i-1].low == "are")
}

// disapprovalWords judge what a sentence says the pods can do: "which is
// a problem", "we want to stop that", "that should not happen".
var disapprovalWords = set("problem", "problems", "bad", "wrong", "stop", "avoid", "prevent", "insecure", "dangerous", "risky", "risk", "unwanted", "not",
	"shouldn't", "don't", "never", "issue", "concern", "worried", "scary", "mustn't", "terrible", "undesired", "unacceptable")

// problemHeadings title what goes wrong in an issue: "Problem:",
// "Actual behaviour:", "Observed:".
var problemHeadings = set("problem", "issue", "bug", "actual", "observed", "symptom", "symptoms", "currently")

// laterRuleWords make a sentence after a statement a rule of its own: "Don't
// allow anything else."
var laterRuleWords = set("allow", "allowed", "permit", "permitted", "let", "else", "other", "others", "anything", "everything", "nothing", "only")

// disapproved reports whether the rest of a clause after its statePart,
// or a short sentence of no value right after it, judges what it says
// the pods can do (disapprovalWords).
func disapproved(request string, all []token, c clause, state []token) bool {
	// "Problem: app=web can reach app=db on 5432. Expected: ...": what
	// goes wrong, under its heading.
	at := slices.IndexFunc(all, func(t token) bool { return t.start == c.toks[0].start })
	for k := at - 1; k >= 0 && k >= at-3 && all[k].low != "." && all[k].low != "?" && all[k].low != "!"; k-- {
		if problemHeadings[all[k].low] {
			return true
		}
	}
	if len(c.toks) > 2 && problemHeadings[c.toks[0].low] && (c.toks[1].low == ":" || c.toks[2].low == ":") {
		return true
	}
	// ("Service A can GET /products but not POST /products" says an
	// exception.)
	if rest := c.toks[len(state):]; len(rest) > 0 && !(rest[0].low == "but" && len(rest) > 1 && (rest[1].low == "not" || rest[1].low == "never" || rest[1].low == "only" || rest[1].low == "except")) && slices.ContainsFunc(rest, func(t token) bool { return disapprovalWords[t.low] }) {
		return true
	}
	end := c.toks[len(c.toks)-1].end
	var next []token
	for _, t := range all {
		if t.start < end {
			continue
		}
		if (t.low == "." || t.low == "?" || t.low == "!") && len(next) > 0 {
			break
		}
		next = append(next, t)
	}
	// ("Don't allow anything else." is a rule of its own.)
	return len(next) <= 8 && !hasValue(next) && slices.ContainsFunc(next, func(t token) bool { return disapprovalWords[t.low] }) &&
		!slices.ContainsFunc(next, func(t token) bool { return laterRuleWords[t.low] })
}

// questionStarts open a question about how things are: "can app=web reach
// app=db?", "should the app=web pods be able to ...?", "why can ...?".
var questionStarts = set("can", "could", "should", "does", "do", "is", "are", "will", "would", "may", "might", "why", "shall", "must")

// questionAskers, after a questionStarts word, make the question a
// request: "can you allow ...?", "could we block ...?", "how do I ...?".
var questionAskers = set("i", "we", "you", "someone", "somebody", "anyone", "anybody", "one", "kunerva", "u", "ya", "there", "it", "this")

// stateAsked reports whether a clause is a question about how things are,
// ended by "?" and opened by an auxiliary verb whose subject is the pods
// ("can app=web pods reach app=db on 5432?"), or by "why" or "how come".
func stateAsked(request string, toks []token) bool {
	if len(toks) < 2 || !strings.HasPrefix(strings.TrimSpace(request[toks[len(toks)-1].end:]), "?") {
		return false
	}
	first, second := toks[0].low, toks[1].low
	if first == "why" || first == "how" && second == "come" {
		return true
	}
	return questionStarts[first] && first != "why" && !questionAskers[second]
}

// adviceOpeners open a sentence that asks for advice, not for a rule,
// question mark or not: "I was wondering whether to block ...", "I was
// thinking of blocking ...", "I don't think we should block ...", "any
// reason not to block ...?".
var adviceOpeners = [][]string{{"wondering", "whether"}, {"wondering", "if", "i"}, {"wondering", "if", "we"}, {"wondering", "if", "to"},
	{"thinking", "of"}, {"thinking", "about"}, {"considering"}, {"don't", "think", "we"}, {"don't", "think", "i"}, {"do", "not", "think"},
	{"not", "sure", "whether"}, {"not", "sure", "if"}, {"unsure", "whether"}, {"unsure", "if"}, {"any", "reason"}, {"is", "there", "any", "reason"},
	{"is", "there", "a", "reason"}, {"do", "you", "think"}, {"what", "if"}, {"what", "happens", "if"}, {"how", "about"}, {"what", "about"}, {"maybe"},
	{"perhaps"}, {"debating"}, {"thoughts", "on"}, {"thoughts", "about"}, {"thinking", "out", "loud"}, {"i", "guess"}, {"would", "it", "be", "better"},
	{"wouldn't", "it", "be", "better"}}

// adviceAsked reports whether a clause asks whether to do what it says, or
// what doing it would do, rather than ordering it: an adviceOpener, or a
// question (a "?" ends its sentence) opened by "should/must/do I", "can't
// we", "would/is it ...", "would blocking ...". "Can you", "could we", "is
// it possible to", "would it be possible to" and "how do I" ask for the
// rule: they are not here.
func adviceAsked(request string, toks []token) bool {
	asked := strings.HasPrefix(strings.TrimLeft(request[toks[len(toks)-1].end:], " )"), "?")
	// The opener stands among the first words, after a greeting, an
	// @mention or a heading ("Hi all, should we ...", "Quick question:
	// should I ..."), before any value or verdict.
	for i := 0; i < len(toks) && i <= 5; i++ {
		t := toks[i]
		if slices.ContainsFunc(adviceOpeners, func(o []string) bool { return phraseIn(toks, i, o) }) {
			return true
		}
		// "Can we have a terminal for the kernel pods?": a thing asked
		// for, with no verdict of its own, is no rule ("can" no allow).
		if (t.low == "can" || t.low == "could") && i+2 < len(toks) && questionAskers[toks[i+1].low] && (toks[i+2].low == "have" || toks[i+2].low == "get") && (asked || toks[len(toks)-1].raw == "?") &&
			!slices.ContainsFunc(toks[i+1:], func(t token) bool {
				return allowWords[t.low] || denyWords[t.low] || auditWords[t.low] || reachVerbs[t.low] || receiveVerbs[t.low]
			}) {
			return true
		}
		// "How do I ...?", "Is it possible to ...?", "Can you ...?" ask
		// for the rule.
		if i+1 >= len(toks) || t.low == "how" || t.low == "what" || t.low == "where" || t.low == "which" || t.low == "why" ||
			(t.low == "can" || t.low == "could") && questionAskers[toks[i+1].low] || phraseIn(toks, i, []string{"is", "it", "possible"}) || phraseIn(toks, i, []string{"is", "there", "a", "way"}) {
			return false
		}
		w, next := t.low, toks[i+1].low
		possible := slices.ContainsFunc(toks[i:min(i+5, len(toks))], func(t token) bool { return t.low == "possible" || t.low == "way" })
		switch {
		// "Should I deny ... - or not": inverted, a question without its
		// mark.
		case (w == "should" || w == "shall" || w == "must") && (next == "i" || next == "we"):
			return true
		case (w == "do" || w == "does" || w == "did") && (next == "i" || next == "we") && asked:
			return true
		case (w == "can't" || w == "cannot" || w == "couldn't" || w == "shouldn't" || w == "wouldn't" || w == "won't" || w == "isn't") && (next == "i" || next == "we" || next == "it"):
			return asked
		case (w == "would" || w == "will" || w == "is" || w == "does") && (next == "it" || next == "this" || next == "that") && !possible:
			return asked
		case w == "would" || w == "will" || w == "does" || w == "do":
			return asked && (strings.HasSuffix(next, "ing") || next == "a" || next == "an" || next == "the")
		// "Block app=web egress to world? Yes/no?", "Thinking out loud:
		// deny egress ...?": an order asked as a question.
		case imperatives[w]:
			return asked && !confirmTagged(request, toks)
		}
		if t.kind != tWord && t.kind != tPunct && !strings.HasPrefix(t.raw, "@") || allowWords[w] || denyWords[w] || auditWords[w] {
			return false
		}
	}
	return false
}

// adviceVerbs report what someone else said to do: "Bob said to allow
// ...", "a colleague recommended denying ...".
var adviceVerbs = set("said", "says", "suggested", "suggests", "recommended", "recommends", "told", "tells", "advised", "advises", "proposed", "proposes",
	"claimed", "claims", "wrote", "mentioned", "insisted", "insists")

// pastOpeners open what the asker had, tried or saw: "Earlier I allowed
// app=web to world", "Tried audit mode on /etc/", "Current policy allows
// ...", "I see \"Permission denied\" when ...".
var pastOpeners = [][]string{{"earlier"}, {"previously"}, {"tried"}, {"i", "tried"}, {"we", "tried"}, {"i've", "tried"}, {"we've", "tried"}, {"current", "policy"},
	{"my", "current", "policy"}, {"our", "current", "policy"}, {"the", "current", "policy"}, {"existing", "policy"}, {"the", "existing", "policy"},
	{"the", "old", "policy"}, {"my", "old", "policy"}, {"i", "previously"}, {"we", "previously"}, {"i", "had"}, {"we", "had"}, {"i", "see"}, {"i", "saw"},
	{"i", "get"}, {"i", "got"}, {"i'm", "getting"}, {"we", "see"}, {"we", "get"}, {"we're", "getting"}, {"here's", "what", "i", "have"}}

// pastTold reports whether a clause opens with a pastOpener, after at
// most a word of greeting.
func pastTold(toks []token) bool {
	for i := 0; i < len(toks) && i <= 1; i++ {
		if slices.ContainsFunc(pastOpeners, func(o []string) bool { return phraseIn(toks, i, o) }) {
			return true
		}
	}
	return false
}

// adviceSources are where the asker read what to do: "the docs example
// allows ...".
var adviceSources = set("docs", "doc", "documentation", "example", "examples", "tutorial", "guide", "readme", "blog", "answer", "post", "article", "chart", "sample")

// adoptions take up what someone else said: "We want that", "I agree".
var adoptions = [][]string{{"want", "that"}, {"want", "this"}, {"want", "it"}, {"need", "that"}, {"need", "this"}, {"agree"}, {"agreed"}, {"do", "that"},
	{"do", "this"}, {"as", "suggested"}, {"as", "recommended"}, {"as", "advised"}, {"as", "they", "said"}, {"as", "he", "said"}, {"as", "she", "said"}}

// adopted reports whether the request takes up what someone else said.
func adopted(toks []token) bool {
	for i := range toks {
		if slices.ContainsFunc(adoptions, func(a []string) bool { return phraseIn(toks, i, a) }) {
			return true
		}
	}
	return false
}

// reportedAdvice reports whether a clause opens by reporting what someone
// else said to do: a few words of who said it, an adviceVerb ("me"/"us"
// after "told"), then a verdict within four words: "Bob said to allow
// ...", "ChatGPT told me to allow ...", "Someone on Slack suggested
// allowing ...".
func reportedAdvice(toks []token) bool {
	for k := 0; k < len(toks) && k <= 6; k++ {
		t := toks[k]
		if allowWords[t.low] || denyWords[t.low] || auditWords[t.low] {
			// "The Cilium docs example allows app=web to reach world"
			return slices.ContainsFunc(toks[:k], func(u token) bool { return adviceSources[u.low] })
		}
		if t.kind != tWord {
			return false
		}
		if !adviceVerbs[t.low] || k == 0 {
			continue
		}
		for _, u := range toks[k+1 : min(k+6, len(toks))] {
			if allowWords[u.low] || denyWords[u.low] || auditWords[u.low] || isolateWords[u.low] {
				return true
			}
		}
		return false
	}
	return false
}

// confirmTags end a sentence that asks to have a statement confirmed:
// "app=web can reach app=db on 5432, right?", "..., is this correct?",
// "We don't want app=web talking to the world, do we?".
var confirmTags = []string{"right", "correct", "true", "yes", "no", "yeah", "ok", "okay", "is that right", "is this right", "is that correct", "is this correct",
	"am i right", "is that true", "is that ok", "is this ok", "do we", "don't we", "does it", "doesn't it", "can it", "can't it", "can they", "can't they",
	"is it", "isn't it", "are they", "aren't they", "will it", "won't it", "should it", "shouldn't it", "have i got that right", "did i get that right"}

// confirmOrders open an order whose sentence may still end with a
// confirmTag: "block /bin/sh in the app=web pods, right?" orders the block
// and asks whether it is the right one.
var confirmOrders = set("block", "deny", "drop", "forbid", "prevent", "prohibit", "reject", "audit", "alert", "monitor", "allow", "permit", "let", "only", "isolate", "restrict", "lock", "default")

// confirmAsked reports whether the sentence of a clause states something
// and asks to have it confirmed (a confirmTag after a comma before its
// "?", or a sentence of a tag alone after it), the clause opening with no
// order: how things are, or what the asker thinks a policy does, is no
// rule.
func confirmAsked(request string, toks []token) bool {
	i := 0
	// "@kubearmor-team so what I apply is: block ...": after a heading.
	if k := slices.IndexFunc(toks[:min(8, len(toks))], func(t token) bool { return t.low == ":" }); k >= 0 {
		i = k + 1
	}
	for i < len(toks) && (toks[i].low == "so" || toks[i].low == "ok" || toks[i].low == "okay" || toks[i].low == "and" || toks[i].low == "then" || toks[i].low == "," || toks[i].low == "also") {
		i++
	}
	if i >= len(toks) || confirmOrders[toks[i].low] {
		return false
	}
	return confirmTagged(request, toks)
}

// confirmTagged reports whether the sentence of a clause ends with a
// confirmTag after a comma before its "?", or a sentence of a tag alone
// follows it.
func confirmTagged(request string, toks []token) bool {
	rest := request[toks[0].start:]
	end, stop := sentenceStop(rest)
	if end < 0 {
		return false
	}
	sentence := strings.ToLower(strings.TrimSpace(rest[:end]))
	if stop == '?' {
		k := strings.LastIndexAny(sentence, ",;")
		return k >= 0 && slices.Contains(confirmTags, strings.Trim(strings.TrimSpace(sentence[k+1:]), " ."))
	}
	next := rest[end+1:]
	e, stop := sentenceStop(next)
	return e >= 0 && stop == '?' && slices.Contains(confirmTags, strings.Trim(strings.ToLower(strings.TrimSpace(next[:e])), " ."))
}

// sentenceStop is where the first sentence of s ends (a "?", "!", a line
// end, or a full stop before a space or the end) and the character that
// ends it, or -1 when none does.
func sentenceStop(s string) (int, byte) {
	for i := 0; i < len(s); i++ {
		switch {
		case s[i] == '?' || s[i] == '!' || s[i] == '\n':
			return i, s[i]
		case s[i] == '.' && (i+1 == len(s) || s[i+1] == ' ' || s[i+1] == '\n'):
			return i, '.'
		}
	}
	return -1, 0
}

// failureAsked reports whether the clause asks why traffic fails: "why"
// or "how come" before the failure.
func failureAsked(toks []token) bool {
	return anyWord(toks, func(i int, w, next string) bool {
		return w == "why" || w == "how" && next == "come"
	})
}

// fixWords ask for traffic to be let through.
var fixWords = set("allow", "permit", "let", "open", "enable", "unblock", "fix", "whitelist", "allowlist")

// fixAfter reports whether a word of fixWords stands in the request (all)
// after the first word of failure in toks.
func fixAfter(toks, all []token) bool {
	at := -1
	anyWord(toks, func(i int, w, next string) bool {
		if failureSaid(toks[i:i+1]) || (w == "can" || w == "could") && (next == "not" || next == "no") {
			at = toks[i].start
			return true
		}
		return false
	})
	return at >= 0 && slices.ContainsFunc(all, func(t token) bool { return t.start > at && fixWords[t.low] })
}

// failureSaid reports whether the clause says that traffic fails:
// "cannot", "can no longer", a word of brokenWords, or a passive ("is
// blocked").
func failureSaid(toks []token) bool {
	return anyWord(toks, func(i int, w, next string) bool {
		return w == "cannot" || w == "can't" || w == "couldn't" || (w == "can" || w == "could") && (next == "not" || next == "no" || next == "longer") ||
			brokenWords[w] ||
			// "app=web is blocked from reaching app=db": what happens, said
			// in the passive.
			(w == "blocked" || w == "denied" || w == "dropped" || w == "rejected") && i > 0 && beVerbs[toks[i-1].low]
	})
}

// changeSaid reports whether the clause says when the failure began: a
// word of whenBroken, an opening "after", "now" or "currently", or a clause
// of time ("... after we turned on network policies", "since the upgrade",
// "once enabling ...").
func changeSaid(toks []token) bool {
	return anyWord(toks, func(i int, w, next string) bool {
		return whenBroken[w] ||
			i == 0 && (w == "after" || w == "since" || w == "now" || w == "ever" || w == "currently" || w == "right") ||
			(w == "after" || w == "since" || w == "once") && (determiners[next] || next == "we" || next == "i" || strings.HasSuffix(next, "ing") && len(next) > 4)
	})
}

// anyWord reports whether f holds for a token of toks, given its index, its
// lower-case word and the next one ("" at the end).
func anyWord(toks []token, f func(i int, w, next string) bool) bool {
	for i, t := range toks {
		next := ""
		if i+1 < len(toks) {
			next = toks[i+1].low
		}
		if f(i, t.low, next) {
			return true
		}
	}
	return false
}

// brokenWords say that traffic fails: "Prometheus fails to scrape ...",
// "app=web is unable to reach ...".
var brokenWords = set("unable", "broken", "breaks", "fails", "failing", "fail", "failed", "timeout", "timeouts", "refused")

// whenBroken say that something changed: "... anymore", "suddenly".
var whenBroken = set("anymore", "longer", "suddenly", "broke", "broken", "stopped")

// beVerbs make a passive: "is blocked", "got denied".
var beVerbs = set("is", "are", "was", "were", "get", "gets", "got", "getting", "being", "been")

// wellKnownNamespaces are the namespaces every cluster has.
var wellKnownNamespaces = set("kube-system", "kube-public", "kube-node-lease")

// theNamespaceUnnamed asks which namespace the rules are for when the
// subject's namespace is the default and the request names it only where
// a reading would drop it: in a heading (titleNamespace: "kube-system:
// pods labeled k8s-app=kube-dns may receive ...", "Hardening for prod:
// block /bin/sh in the app=web pods", whose word no rule used), or as "the
// namespace" with no namespace named ("every pod in the namespace may
// receive traffic from the remote nodes").
func theNamespaceUnnamed(request string, toks []token, merged *generator.Intent) error {
	for _, x := range append([]*generator.Intent{merged}, merged.Others...) {
		definite := slices.ContainsFunc(x.Origins, func(o generator.Origin) bool {
			t := strings.ToLower(o.Text)
			return o.Rule == "pods-of-namespace" && (strings.Contains(t, "the namespace") || strings.Contains(t, "this namespace") || strings.Contains(t, "that namespace"))
		})
		defaulted := slices.ContainsFunc(x.Origins, func(o generator.Origin) bool {
			return o.Field == "subject.namespace" && o.From == generator.FromDefault && o.Rule == "namespace-default"
		})
		if w, at := titleNamespace(toks); defaulted && w != "" && !slices.ContainsFunc(x.Origins, func(o generator.Origin) bool {
			return o.From == generator.FromRequest && o.Start <= at && at < o.End
		}) {
			// "kube-system - let every pod in the namespace receive
			// ...": a heading that is a namespace every cluster has,
			// and "the namespace" pointing back at it, name the
			// namespace. Another word ("payments - every pod in the
			// namespace ...") may be a topic: asked.
			if definite && wellKnownNamespaces[w] && x.Subject.Scope == generator.ScopePods && x.Subject.Pods == nil {
				k := slices.IndexFunc(x.Origins, func(o generator.Origin) bool { return o.Field == "subject.namespace" })
				x.Subject.Namespace = w
				x.Origins[k] = generator.Origin{Field: "subject.namespace", From: generator.FromRequest, Start: at, End: at + len(w), Text: request[at : at+len(w)], Rule: "namespace-of-the-heading"}
				continue
			}
			return &generator.NotUnderstoodError{Request: request, Understood: x.Summary(), Example: generator.ExampleFor(x),
				Missing: fmt.Sprintf("is %q the namespace of the pods? Then say \"in namespace %s\"", w, w)}
		}
		if definite && defaulted {
			return &generator.NotUnderstoodError{Request: request, Understood: x.Summary(), Example: generator.ExampleFor(x),
				Missing: "which namespace is \"the namespace\"? The request names none; say \"in namespace NAME\""}
		}
		// "block access to /etc/shadow on the node and in containers": a
		// host policy covers the nodes' own processes, not the pods'.
		if x.Subject.Scope == generator.ScopeNodes && len(x.System) > 0 {
			if k := containersToo(toks); k >= 0 {
				return &generator.NotUnderstoodError{Request: request, Understood: x.Summary(), Example: generator.ExampleFor(x),
					Missing: fmt.Sprintf("for the nodes, or for %q? A KubeArmor host policy covers the nodes' own processes, not those of the pods; ask once for each", toks[k].raw)}
			}
		}
		// "block /bin/sh in every container", "audit /etc/shadow in all
		// pods": every pod, of no namespace said, would be those of
		// "default" alone, where the words say everywhere.
		if defaulted && len(x.System) > 0 && x.Subject.Scope == generator.ScopePods && x.Subject.Pods == nil {
			if w := everyPodWords(toks); w != "" {
				return &generator.NotUnderstoodError{Request: request, Understood: x.Summary(), Example: generator.ExampleFor(x),
					Missing: fmt.Sprintf("%q in which namespace? The request names none, and a policy of namespace \"default\" would leave the pods of every other namespace out; say \"in namespace NAME\", or \"in every pod in the cluster\"", w)}
			}
		}
		if w, at := policyInNamespace(toks); defaulted && w != "" && !slices.ContainsFunc(x.Origins, func(o generator.Origin) bool {
			return o.From == generator.FromRequest && o.Start <= at && at < o.End
		}) {
			return &generator.NotUnderstoodError{Request: request, Understood: x.Summary(), Example: generator.ExampleFor(x),
				Missing: fmt.Sprintf("is %q the namespace of the pods? Then say \"in namespace %s\"", w, w)}
		}
	}
	return nil
}

// containersToo returns where a host request also says "in (the, all,
// every) containers / pods", or -1. ("static pods", "container logs", "as
// well as pods" name no place.)
func containersToo(toks []token) int {
	for n, t := range toks {
		if t.low != "container" && t.low != "containers" && t.low != "pod" && t.low != "pods" && t.low != "workloads" {
			continue
		}
		k := n - 1
		for k >= 0 && (toks[k].low == "the" || toks[k].low == "all" || toks[k].low == "every" || toks[k].low == "each" || toks[k].low == "any" || toks[k].low == "its" || toks[k].low == "their") {
			k--
		}
		if k >= 0 && (toks[k].low == "in" || toks[k].low == "inside" || toks[k].low == "within") {
			return n
		}
	}
	return -1
}

// everyPodWords returns the words that say every pod or container
// ("every container", "all pods", "each workload", "any pod"), or "".
func everyPodWords(toks []token) string {
	for n := 0; n+1 < len(toks); n++ {
		if (toks[n].low == "every" || toks[n].low == "all" || toks[n].low == "each" || toks[n].low == "any") && (toks[n+1].low == "pod" || toks[n+1].low == "pods" || toks[n+1].low == "container" || toks[n+1].low == "containers" || toks[n+1].low == "workload" || toks[n+1].low == "workloads") {
			return toks[n].raw + " " + toks[n+1].raw
		}
	}
	return ""
}

// unionWidens asks about two allow rules of the same pods and direction
// where the one with fewer ports is lost in the other, since allowed
// traffic adds up: "allow ingress from 10.0.0.0/8 (from 10.1.0.0/16 only
// on 22)" would let 10.1.0.0/16 in on every port, and "Only the frontend
// should call the orders service. The orders pods accept 8080 only from
// app=frontend." would let the frontend in on every port. An address range
// inside another is asked about when the request limits (says "only"):
// "from 10.0.0.0/8 on 5432 and from 10.1.2.3 on 22" adds up as said.
// Returns the question, or "".
func unionWidens(x *generator.Intent, toks []token) string {
	limits := slices.ContainsFunc(toks, func(t token) bool {
		return t.low == "only" || t.low == "just" || t.low == "solely" || t.low == "exclusively"
	})
	for i, a := range x.Network {
		for j, b := range x.Network {
			if i == j || a.Verdict != generator.Allow || b.Verdict != generator.Allow || a.Direction != b.Direction || len(a.HTTP)+len(b.HTTP)+len(a.DNS)+len(b.DNS) > 0 || sameJSON(a.Ports, b.Ports) {
				continue
			}
			// The same peers, on any port here and on some ports there.
			if len(a.Ports) == 0 && len(a.Peers) > 0 && sameJSON(a.Peers, b.Peers) {
				return fmt.Sprintf("the request allows %s on every port in one place and on some ports in another; allowed traffic adds up, so the ports would limit nothing: which is meant?", peerText(b.Peers[0]))
			}
			// An address range inside another, on other ports.
			for _, pa := range a.Peers {
				if !limits {
					break
				}
				for _, pb := range b.Peers {
					outer, err1 := netip.ParsePrefix(pa.CIDR)
					inner, err2 := netip.ParsePrefix(pb.CIDR)
					if err1 != nil || err2 != nil || inner.Bits() <= outer.Bits() || !outer.Contains(inner.Addr()) || slices.ContainsFunc(pa.Except, func(e string) bool {
						ex, err := netip.ParsePrefix(e)
						return err == nil && ex.Bits() <= inner.Bits() && ex.Contains(inner.Addr())
					}) {
						continue
					}
					return fmt.Sprintf("%s lies inside %s, which is allowed on other ports; allowed traffic adds up, so %s would get those ports too. Should %s leave it out (say \"%s except %s\"), or may it use both?", pb.CIDR, pa.CIDR, pb.CIDR, pa.CIDR, pa.CIDR, pb.CIDR)
				}
			}
		}
	}
	return ""
}

// peerText names a peer in a question: its name, labels or address.
func peerText(p generator.Peer) string {
	switch {
	case p.Name != "":
		return p.Name
	case p.Pods != nil && len(p.Pods.MatchLabels) > 0:
		return "pods labeled " + labelsText(p.Pods.MatchLabels)
	case p.CIDR != "":
		return p.CIDR
	case p.FQDN != "":
		return p.FQDN
	case p.Entity != "":
		return p.Entity
	}
	return "the same peers"
}

// appositiveValue asks about a bracket after a peer or its ports that says,
// in a few words and a value after a comma, what the peer is: "app=web may
// reach app=db on 5432 (the primary, 10.0.0.5)" read 10.0.0.5 as another
// peer, on every port. The address may be the peer's own. Labels there
// say which pods: "the db pods (our database, app=db)".
func (p *parser) appositiveValue() error {
	for i := 1; i+4 < len(p.toks); i++ {
		before := p.toks[i-1]
		if !p.is(i, "(") || p.taken(i) || !p.is(i+1, "the", "our", "its", "their", "a", "an") || !(before.kind == tNumber || before.kind == tLabel || before.kind == tPortProto || podNouns[before.low]) {
			continue
		}
		k := i + 2
		for k < len(p.toks) && k < i+6 && p.toks[k].kind == tWord && !meaningful(p.toks[k]) {
			k++
		}
		if k == i+2 || !p.is(k, ",") || k+2 >= len(p.toks) || !p.is(k+2, ")") {
			continue
		}
		if v := p.toks[k+1]; v.kind == tCIDR || v.kind == tDomain {
			return p.refuse(fmt.Sprintf("is %s, in brackets after %q, what the peer before it is, or one more peer? Say it in the rule (\"and to %s on PORT\") or leave it out", v.raw, p.request[p.toks[i-1].start:p.toks[i-1].end], v.raw), generator.ExampleNetwork)
		}
	}
	return nil
}

// portsOfAnException asks about ports said after an address left out of
// a range that has ports of its own: "allow app=web to reach 10.0.0.0/8 on
// 443 except 10.1.0.0/16 on 22" allowed 22 to the whole range but
// 10.1.0.0/16; the words may give 10.1.0.0/16 port 22 instead.
func (p *parser) portsOfAnException() error {
	portBefore := false
	for i, t := range p.toks {
		if t.kind == tNumber && i > 0 && p.is(i-1, "on", "port", "ports") || t.kind == tPortProto {
			portBefore = true
		}
		if !portBefore || !p.is(i, "except", "excluding", "but") || i+3 >= len(p.toks) || p.toks[i+1].kind != tCIDR {
			continue
		}
		if p.is(i+2, "on", "port", "ports") && p.toks[i+3].kind == tNumber || p.toks[i+2].kind == tPortProto {
			return p.refuse(fmt.Sprintf("are the ports after %s the ports of %s, or more ports of the range it is left out of? Say each address range with its ports as a rule of its own", p.toks[i+1].raw, p.toks[i+1].raw), generator.ExampleNetwork)
		}
	}
	return nil
}

// openedToAnyone reports whether an intent only allows its pods ingress
// from anywhere, the direction said by the allow word alone ("permit
// traffic to app=queue on 5672"), not by a verb or a source.
func openedToAnyone(in *generator.Intent) bool {
	if len(in.Network) != 1 || len(in.Others) > 0 {
		return false
	}
	r := in.Network[0]
	if r.Verdict != generator.Allow || r.Direction != generator.Ingress || len(r.Peers) > 0 {
		return false
	}
	return slices.ContainsFunc(in.Origins, func(o generator.Origin) bool {
		return o.Field == "network[0].direction" && o.Rule == "allow-word"
	})
}

// egressOfOthers reports whether an intent, or one beside it, has a rule
// of egress for pods other than s's.
func egressOfOthers(in *generator.Intent, s generator.Subject) bool {
	for _, x := range append([]*generator.Intent{in}, in.Others...) {
		if sameJSON(x.Subject, s) {
			continue
		}
		if slices.ContainsFunc(x.Network, func(r generator.NetworkRule) bool { return r.Direction == generator.Egress }) {
			return true
		}
	}
	return false
}

// sceneAgainstScope asks about a rule for pods of every namespace (or for
// nodes) under a heading that names one namespace, ns: "Default policy for
// all pods in namespace shop: block egress to 169.254.169.254 from every
// pod in the cluster", "Namespace shop: deny egress ... for all pods in the
// cluster". in and err are one clause's reading.
func sceneAgainstScope(request string, in *generator.Intent, err error, ns string) error {
	if err != nil {
		return nil
	}
	for _, x := range append([]*generator.Intent{in}, in.Others...) {
		if x.Subject.Scope != generator.ScopePods {
			return &generator.NotUnderstoodError{Request: request, Understood: x.Summary(), Example: generator.ExampleFor(x),
				Missing: fmt.Sprintf("the heading keeps the policy to namespace %s, and the rule is for %s; which is it?", ns, map[generator.Scope]string{generator.ScopeCluster: "pods of the whole cluster", generator.ScopeNodes: "nodes"}[x.Subject.Scope])}
		}
	}
	return nil
}

// placement is where the request puts pods of some labels: the namespace
// of the policy they are the subject of, or of a peer with no namespace of
// its own (the subject's), or a peer's namespace named; at is the origin of
// the namespace's words.
type placement struct {
	pods *metav1.LabelSelector
	ns   string
	at   generator.Origin
}

// placements lists where the rules whose subject's namespace the request
// names put pods: "In namespace shop the cache pods (app=cache) accept 6379
// from the api pods (app=api)" puts app=cache and app=api in shop.
func placements(intents []*generator.Intent) []placement {
	var ps []placement
	for _, y := range intents {
		k := subjectNamespaceOrigin(y)
		if k < 0 || y.Origins[k].From != generator.FromRequest {
			continue
		}
		at := y.Origins[k]
		if y.Subject.Pods != nil {
			ps = append(ps, placement{y.Subject.Pods, y.Subject.Namespace, at})
		}
		for _, r := range y.Network {
			for _, p := range r.Peers {
				if p.Pods != nil && p.Namespace == "" && p.Namespaces == nil && p.Entity == "" && p.Service == "" {
					ps = append(ps, placement{p.Pods, y.Subject.Namespace, at})
				}
			}
		}
	}
	// "allow app=web in namespace prod to reach app=db. app=web may also
	// ...": a peer's namespace, named.
	for _, y := range intents {
		for i, r := range y.Network {
			for j, p := range r.Peers {
				if p.Pods == nil || p.Namespace == "" || p.Entity != "" || p.Service != "" {
					continue
				}
				f := fmt.Sprintf("network[%d].peers[%d].namespace", i, j)
				if k := slices.IndexFunc(y.Origins, func(o generator.Origin) bool { return o.Field == f && o.From == generator.FromRequest }); k >= 0 {
					ps = append(ps, placement{p.Pods, p.Namespace, y.Origins[k]})
				}
			}
		}
	}
	return ps
}

// podsText names a pods subject by its labels, or as the text of the
// subject: "the pods labeled app=web".
func podsText(s generator.Subject) string {
	if s.Pods != nil && len(s.Pods.MatchLabels) > 0 && len(s.Pods.MatchExpressions) == 0 {
		return "pods labeled " + labelsText(s.Pods.MatchLabels)
	}
	if s.Pods == nil {
		return "whole namespace"
	}
	return strings.TrimPrefix(subjectText(generator.Subject{Scope: s.Scope, Pods: s.Pods}), "applies to ")
}

// namespaceCarried gives pods that a rule names with no namespace the
// namespace another rule of the request puts the same pods in (by the same
// labels): "In namespace shop the cache pods (app=cache) accept 6379 from
// the api pods (app=api). Also let the api pods reach DNS." writes both
// policies in shop. Pods of no such rule, beside a rule whose namespace the
// request names, are asked about: "Default deny ingress for namespace prod;
// allow app=web to receive traffic from app=lb on port 80" may mean app=web
// in prod or in default. A policy in default there would be a guess.
func namespaceCarried(request string, intents []*generator.Intent) error {
	ps := placements(intents)
	for _, x := range intents {
		k := subjectNamespaceOrigin(x)
		if k < 0 || x.Origins[k].From != generator.FromDefault || x.Subject.Pods == nil {
			continue
		}
		// Only a namespace said before the rule carries to it: "...
		// so the controller namespace can reach the Prometheus API. The
		// pods labeled app=prometheus in namespace monitoring ..." does not
		// say where the first rule's pods are.
		first := len(request)
		for _, o := range x.Origins {
			if o.From == generator.FromRequest {
				first = min(first, o.Start)
			}
		}
		var at *placement
		for i, p := range ps {
			if !sameJSON(p.pods, x.Subject.Pods) || p.at.Start >= first {
				continue
			}
			if at != nil && at.ns != p.ns {
				return &generator.NotUnderstoodError{Request: request, Understood: x.Summary(), Example: generator.ExampleFor(x),
					Missing: fmt.Sprintf("the request puts the pods labeled %s in namespace %s and in %s; which is it?", labelsText(x.Subject.Pods.MatchLabels), at.ns, p.ns)}
			}
			at = &ps[i]
		}
		if at == nil || at.ns == x.Subject.Namespace {
			continue
		}
		x.Subject.Namespace = at.ns
		x.Origins[k] = generator.Origin{Field: "subject.namespace", From: generator.FromRequest, Start: at.at.Start, End: at.at.End, Text: at.at.Text, Rule: "namespace-of-the-pods-named-before"}
	}
	// Pods named in no such rule stay where the request does not say.
	for _, x := range intents {
		k := subjectNamespaceOrigin(x)
		if k < 0 || x.Origins[k].From != generator.FromDefault {
			continue
		}
		for _, y := range intents {
			if j := subjectNamespaceOrigin(y); j >= 0 && y.Origins[j].From == generator.FromRequest && y.Subject.Namespace != x.Subject.Namespace {
				return &generator.NotUnderstoodError{Request: request, Understood: x.Summary(), Example: generator.ExampleFor(x),
					Missing: fmt.Sprintf("which namespace are the %s in? The request names namespace %s for the %s, and none for them; say \"in namespace NAME\" for them", podsText(x.Subject), y.Subject.Namespace, podsText(y.Subject))}
			}
		}
	}
	return nil
}

// topicNamespace is the namespace a topic before the first colon or dash
// ends in, a topic that says no rule: "Default policy for all pods in
// namespace shop:", "Namespace shop:", "For the prod namespace -".
func topicNamespace(toks []token) (string, bool) {
	if ns, _, ok := headingNamespace(toks); ok {
		return ns, true
	}
	e := slices.IndexFunc(toks, func(t token) bool { return t.kind == tPunct && (t.low == ":" || t.low == "-") })
	if e <= 0 || hasStatement(toks[:e]) {
		return "", false
	}
	if at, ok := sceneNamespace(toks[:e]); ok {
		return at.low, true
	}
	return "", false
}

// backPlaceLeads may stand before a word that points back at a place:
// "then there, ...", "and in that namespace ...".
var backPlaceLeads = set("then", "and", "also", ",")

// backPlace finds, in a clause after the first, words that say its pods are
// where the rules before are: "There, let app=cart accept ...", "In that
// namespace (in the same namespace, in this namespace), the app=web pods
// ...", "the app=runner pods there may ...". It returns the clause without
// them and their first token. "there" after a verb ("traffic going there")
// points at no place of pods.
func backPlace(toks []token) ([]token, token, bool) {
	k := 0
	for k < len(toks) && backPlaceLeads[toks[k].low] {
		k++
	}
	cut := func(a, b int) ([]token, token, bool) {
		for b < len(toks) && toks[b].low == "," {
			b++
		}
		if b >= len(toks) || !hasStatement(toks[b:]) {
			return nil, token{}, false
		}
		return append(slices.Clone(toks[:a]), toks[b:]...), toks[a], true
	}
	switch {
	case k+1 < len(toks) && toks[k].low == "there" && (toks[k+1].low == "," || toks[k+1].low == ":"):
		// "There, let ...", not "There is a load balancer ..."
		return cut(k, k+1)
	case k+2 < len(toks) && (toks[k].low == "in" || toks[k].low == "within" || toks[k].low == "inside") && toks[k+1].low == "it" && toks[k+2].low == ",":
		// "In it, app=api may reach ...", after a rule of a namespace
		// (namespaceBefore): not "in it" of a directory.
		return cut(k, k+2)
	case k+2 < len(toks) && (toks[k].low == "in" || toks[k].low == "within" || toks[k].low == "inside") && (toks[k+1].low == "that" || toks[k+1].low == "this") && namespaceWords[toks[k+2].low]:
		return cut(k, k+3)
	case k+3 < len(toks) && (toks[k].low == "in" || toks[k].low == "within" || toks[k].low == "inside") && toks[k+1].low == "the" && toks[k+2].low == "same" && namespaceWords[toks[k+3].low]:
		return cut(k, k+4)
	}
	for m := k + 1; m < len(toks); m++ {
		if toks[m].low == "there" && (podNouns[toks[m-1].low] || toks[m-1].kind == tLabel || toks[m-1].low == ")") && !hasStatement(toks[:m]) {
			return cut(m, m+1)
		}
	}
	return nil, token{}, false
}

// backPlaced puts the pods of clause i, which pointed back at a place
// (backPlace), in the one namespace the rules before it name; with none
// or several, or pods it puts elsewhere, it asks.
func backPlaced(request string, cs []clause, intents []*generator.Intent, errs []error, i int) error {
	c := cs[i]
	if !c.placedBefore || errs[i] != nil {
		return nil
	}
	var ns string
	var at token
	for j := 0; j < i; j++ {
		if errs[j] != nil {
			continue
		}
		for _, y := range append([]*generator.Intent{intents[j]}, intents[j].Others...) {
			k := subjectNamespaceOrigin(y)
			if k < 0 || y.Origins[k].From != generator.FromRequest {
				continue
			}
			if ns != "" && ns != y.Subject.Namespace {
				ns = "\x00"
				continue
			}
			if ns == "" {
				ns, at = y.Subject.Namespace, token{start: y.Origins[k].Start, end: y.Origins[k].End}
			}
		}
	}
	what := request[c.placeAt.start:c.placeAt.end]
	if ns == "" || ns == "\x00" {
		return &generator.NotUnderstoodError{Request: request, Understood: intents[i].Summary(), Example: generator.ExampleFor(intents[i]),
			Missing: fmt.Sprintf("which namespace does %q in %q mean? Say \"in namespace NAME\"", what, c.text(request))}
	}
	for _, x := range append([]*generator.Intent{intents[i]}, intents[i].Others...) {
		// "The app=old pods there may talk to app=db": "there" is where
		// the peers are; the pods of the rule may be elsewhere.
		if c.placeAt.low == "there" && c.placeAt.start > c.toks[0].start && peerPodsFirst(x) {
			return &generator.NotUnderstoodError{Request: request, Understood: x.Summary(), Example: generator.ExampleFor(x),
				Missing: fmt.Sprintf("which namespace are the %s in? %q places the pods named first, not them; say \"in namespace NAME\"", podsText(x.Subject), what)}
		}
		k := subjectNamespaceOrigin(x)
		if k < 0 || x.Origins[k].From != generator.FromDefault && x.Subject.Namespace != ns {
			return &generator.NotUnderstoodError{Request: request, Understood: x.Summary(), Example: generator.ExampleFor(x),
				Missing: fmt.Sprintf("%q says namespace %s, and the rule is for %s; which is it?", what, ns, strings.TrimPrefix(subjectText(x.Subject), "applies to "))}
		}
	}
	placeSubjects(request, intents[i], ns, at)
	return nil
}

// namespaceBefore reports whether clauses name a namespace: "in it" after
// them may point at it.
func namespaceBefore(cs []clause) bool {
	return slices.ContainsFunc(cs, func(c clause) bool {
		return slices.ContainsFunc(c.toks, func(t token) bool { return namespaceWords[t.low] && t.low != "namespaces" })
	})
}

// thenAllowLost reports whether a clause that says a deny, then ("...,
// then allow app=web to receive 443", "..., then app=web may receive
// 443") lets traffic through, was read with no allow at all: "deny all
// ingress in namespace prod, then allow app=web to receive 443 from
// anywhere" read as a deny of 443 on app=web.
func thenAllowLost(toks []token, in *generator.Intent) bool {
	deny, allow := false, false
	for _, x := range append([]*generator.Intent{in}, in.Others...) {
		for _, r := range x.Network {
			deny = deny || r.Verdict == generator.Deny
			allow = allow || r.Verdict == generator.Allow
		}
	}
	if !deny || allow {
		return false
	}
	for i := 1; i < len(toks); i++ {
		if toks[i].low != "then" || toks[i-1].low != "," {
			continue
		}
		for _, t := range toks[i+1 : min(i+5, len(toks))] {
			if allowWords[t.low] || t.low == "may" || t.low == "can" || receiveVerbs[t.low] || reachVerbs[t.low] {
				return true
			}
		}
	}
	return false
}

// policyInNamespace finds a name after "a policy in": "Add a policy in
// kube-system that allows ...", "Write a NetworkPolicy in shop ...". It
// names where the policy goes; left unread, the pods would fall in the
// default namespace. It returns the name and its offset, or "".
func policyInNamespace(toks []token) (string, int) {
	for i := 0; i+2 < len(toks); i++ {
		t := toks[i+2]
		if !policyNouns[toks[i].low] || toks[i+1].low != "in" || t.kind != tWord || len(validation.IsDNS1123Label(t.low)) > 0 ||
			determiners[t.low] || namespaceWords[t.low] || scopeWords[t.low] || fillerWords[t.low] || policyInPhrases[t.low] || namespaceWords[toks[min(i+3, len(toks)-1)].low] {
			continue
		}
		return t.low, t.start
	}
	return "", -1
}

// policyInPhrases follow "policy in" as no namespace: "the policy in
// place", "a policy in YAML", "the policy in front of it".
var policyInPhrases = set("place", "effect", "use", "front", "order", "addition", "general", "particular", "practice", "force", "question", "yaml", "json", "code", "git",
	"helm", "terraform", "kustomize", "cilium", "kubernetes", "k8s", "calico", "antrea", "mind", "total", "short", "full", "detail", "line", "action", "turn", "sync", "case", "it", "them", "there", "here")

// correctionPhrases take back or change what the request said before
// them: "Block /bin/sh in the app=web pods, or rather audit", "..., I
// mean audit", "Never mind.", "Scratch that, audit it", "On second
// thought, just log it", "Correction: app=api pods", "- no wait, block
// it". Read as one more rule (or as a remark), the rule before would keep
// what the author took back.
var correctionPhrases = [][]string{{"or", "rather"}, {"or", "better"}, {"or", "instead"}, {"i", "mean"}, {"i", "meant"}, {"never", "mind"}, {"nevermind"},
	{"scratch", "that"}, {"forget", "it"}, {"forget", "that"}, {"on", "second", "thought"}, {"on", "second", "thoughts"}, {"correction"},
	{"no", "wait"}, {"wait", ","}, {"make", "that", "a"}, {"ignore", "that"}, {"ignore", "this"}, {"ignore", "the", "above"}, {"ignore", "what", "i", "said"},
	{"forget", "the", "above"}, {"forget", "what", "i", "said"}, {"disregard", "that"}, {"disregard", "this"}, {"disregard", "the", "above"}, {"strike", "that"},
	{"ignore", "the", "previous"}, {"sorry", ",", "i"}, {"my", "mistake"}, {"my", "bad"}, {"i", "misspoke"}}

// selfCorrection asks when the request corrects itself (correctionPhrases),
// or says "actually" after a statement ("Block /bin/sh and /bin/bash.
// Actually, only /bin/bash."): which of the two is meant is the author's
// to say. "Actually" first in the request ("Actually, we want ...") takes
// nothing back.
func selfCorrection(request string, toks []token) error {
	for i := range toks {
		n := 0
		for _, ph := range correctionPhrases {
			if phraseIn(toks, i, ph) {
				n = len(ph)
				break
			}
		}
		if n == 0 && toks[i].low == "actually" && i > 1 && toks[i-1].kind == tPunct {
			n = 1
		}
		// "make that 9443": a value after it.
		if n == 0 && phraseIn(toks, i, []string{"make", "that"}) && i+2 < len(toks) && (toks[i+2].kind == tNumber || toks[i+2].kind == tLabel || toks[i+2].kind == tCIDR) {
			n = 2
		}
		if n == 0 {
			continue
		}
		return &generator.NotUnderstoodError{Request: request, Example: generator.ExampleSystem,
			Missing: fmt.Sprintf("the request takes back or changes what it said before (%q): which rule do you mean? Say the request again as it should be, without the correction", request[toks[i].start:toks[i+n-1].end])}
	}
	return nil
}

// verdictClass is "deny", "audit" or "allow" for a verb of verdict, or "".
func verdictClass(toks []token, i int) string {
	w := toks[i].low
	if i > 0 && negationWords[toks[i-1].low] {
		return "" // "don't block it, only audit it": turned down
	}
	switch {
	case denyWords[w] && !negationWords[w]:
		return "deny"
	case auditWords[w]:
		return "audit"
	case w == "allow" || w == "permit" || w == "allowlist" || w == "whitelist":
		return "allow"
	}
	return ""
}

// verdictOnPronoun asks when a verb of one verdict takes a pronoun for
// what a verb of another verdict took before it, in another statement:
// "audit /bin/sh; block it in the app=web pods", "Log /usr/bin/nc. Then
// block it." The second verdict was dropped, or the first; which holds
// is the author's to say. ("block and log it" is one statement.)
func verdictOnPronoun(request string, toks []token) error {
	pathAfter := func(j int) bool {
		return slices.ContainsFunc(toks[j+1:min(j+5, len(toks))], func(t token) bool { return t.kind == tPath })
	}
	for i := 1; i+1 < len(toks); i++ {
		c := verdictClass(toks, i)
		if c != "deny" && c != "audit" || toks[i+1].low != "it" && toks[i+1].low != "them" {
			continue
		}
		stmt, negated := false, false
		for j := i - 1; j >= 0; j-- {
			if toks[j].raw == ";" || toks[j].raw == "." || toks[j].raw == "!" || toks[j].low == "then" {
				stmt = true
			}
			if !stmt && (negationWords[toks[j].low] || toks[j].low == "just") {
				// "Don't just audit ptrace, block it", "Don't report it,
				// just block it": a verdict turned down, asked elsewhere.
				negated = true
			}
			if d := verdictClass(toks, j); stmt && !negated && (d == "deny" || d == "audit") && d != c && pathAfter(j) {
				return &generator.NotUnderstoodError{Request: request, Example: generator.ExampleSystem,
					Missing: fmt.Sprintf("the request says %q of what it said to %s before: should it %s or %s? Say one verdict for each path", request[toks[i].start:toks[i+1].end], toks[j].low, toks[j].low, toks[i].low)}
			}
		}
	}
	return nil
}
