package builtin

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/kunerva/kunerva/generator"
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
	if err := generator.CheckLength(request); err != nil {
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
		toks := tokenize(request)
		for _, lost := range []func(string, []token, *generator.Intent) error{openingPlaceLost, headingNameLost, titleListNameLost, headingForLost, orderedNameLost} {
			if err = lost(request, toks, in); err != nil {
				break
			}
		}
		if err == nil {
			err = otherPluginNeedsCilium(request, toks, in, opts)
		}
		if err == nil {
			kindNamed(request, toks, in, opts)
		}
	}
	if err == nil {
		err = peerInTwoNamespaces(request, in)
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
		// "we don't run cilium", "no cilium here": said not to be there.
		if t.low == "cilium" && notRun(toks, i) {
			plugin = "no Cilium"
			continue
		}
		if strings.Contains(t.low, "cilium") {
			return nil
		}
		// "np: deny egress ...", "as a NetworkPolicy", "vanilla np pls":
		// the plain kind, asked for in words.
		if plugin == "" && plainKindAsked(toks, i) {
			plugin = "a plain NetworkPolicy (" + t.raw + ")"
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
		Missing: fmt.Sprintf("the request says %s, and these rules need a CiliumNetworkPolicy (%s): does the cluster run Cilium? Then ask with --kind CiliumNetworkPolicy; else say the rule as an allow-list", plugin, strings.Join(un.Reasons, "; "))}
}

func understand(request string, opts generator.Options) (*generator.Intent, error) {
	toks := tokenize(request)
	in, err := understandRequest(request, toks, opts)
	// "..., web in 443", "..., web in prod as well": a clause shaped like
	// one that locates pods, that says no namespace; a policy read
	// without it is not the one meant, and the engine asks (locating.go).
	// When the other rules ask, their question stands, unless it is about
	// a word that is never a namespace there ("web is in python").
	if u, ok := unclearLocating(request, toks); ok && (err == nil && (u.sides && hasPeers(in) || !u.sides && (!u.both || !hasPeers(in))) || err != nil && u.notPlace) {
		return askUnclearLocating(request, toks, u, opts)
	}
	return in, err
}

// understandRequest reads a request whose clauses locate no pods in an
// unclear way.
func understandRequest(request string, toks []token, opts generator.Options) (*generator.Intent, error) {
	// "..., the api pods are in namespace prod": where pods the rule names
	// are (locating.go).
	if found := locatingClauses(toks); len(found) > 0 && strings.TrimSpace(withoutLocating(request, toks, found)) != "" {
		return understandLocated(request, toks, found, opts)
	}
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

// understandTokens reads the request from its tokens; what it read it
// then checks for a program's acts read as the program (processacts.go):
// last, so that the questions of the rules come first.
func understandTokens(request string, toks []token, opts generator.Options) (*generator.Intent, error) {
	in, err := readTokens(request, toks, opts)
	if err != nil {
		return in, err
	}
	if err := programActsAsked(request, toks); err != nil {
		return nil, err
	}
	return in, nil
}

// readTokens reads the request from its tokens.
func readTokens(request string, toks []token, opts generator.Options) (*generator.Intent, error) {
	// Checks of the whole request before it is read; the first question
	// is asked, so the order decides which.
	for _, check := range []func(string, []token) error{unsupportedProtocol, pathThenBareVerb, labelsJoinedLoosely, negatedValuesOr, listsPaired, secondSender, listNamespaceOrBracket,
		selfCorrection, withdrawnRequest, verdictUndone, negatedAndCounted, reverseNegated, anaphorOfTwo, verdictOnLaterLine, verdictOnPronoun, allowOfPronoun, sameNamespacesCarried, commentMarksSaid, repliesAllowed, headedSections} {
		if err := check(request, toks); err != nil {
			return nil, err
		}
	}
	cs, dismissed := clauses(request, toks)
	// "pods labeled app=web must not run /bin/sh; pods labeled app=api
	// may.": a clause that leaves its verb to the clause before.
	if err := ellipticalClause(request, cs); err != nil {
		return nil, err
	}
	// "... on 5432. The reverse holds too.": the other way, set aside.
	if err := reverseSetAside(request, dismissed); err != nil {
		return nil, err
	}
	// "Group one: pods labeled app=web. Group two: pods labeled app=api.
	// Group two may reach ...": a title given to pods, used in a rule.
	if err := titledGroupNamed(request, cs); err != nil {
		return nil, err
	}
	// "deny all ingress in ns prod. ns monitoring excepted.": an exception
	// said as a sentence of its own, set aside, was lost.
	for _, c := range slices.Concat(dismissed, cs) {
		if len(cs) > 0 && len(c.toks) > 0 && c.toks[0].start > cs[0].toks[0].start && letThroughSentence(c.toks) {
			return nil, &generator.NotUnderstoodError{Request: request, Example: generator.ExampleNetwork,
				Missing: fmt.Sprintf("what does %q leave out of the rule before it? Say the rule alone, and what it leaves out after \"except\" in that rule where kunerva can write it", c.text(request))}
		}
	}
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
	if i := slices.IndexFunc(dismissed, func(c clause) bool { return c.dismissed == "finding-unsaid" }); i >= 0 {
		return nil, &generator.NotUnderstoodError{Request: request, Example: generator.ExampleNetwork,
			Missing: fmt.Sprintf("is %q what was found, or part of the rule? Say the rule alone, with the pods it is for (\"block /usr/bin/curl in the pods labeled app=api\")", dismissed[i].text(request))}
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
		if _, _, _, _, opens := namingHead(cs[i].toks, 0, false); opens && !named {
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
	var subjectFrom *generator.Intent // the rule whose pods subject are; nil when a heading named them
	// understood says what was read of the subject's rule, or of the
	// heading that named the pods.
	understood := func() []string {
		if subjectFrom == nil {
			return []string{subjectText(*subject)}
		}
		return subjectFrom.Summary()
	}
	var context *contextClause
	contextAt := -1
	rivalStart := -1 // where a second clause that only names other pods starts (otherPodsNamed)
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
		} else if ok && placedLater(context.subject, cc.subject) {
			if subject == &context.subject.subject {
				subject, subjectOrigins = &cc.subject.subject, cc.subject.origins
			}
			context, contextAt = cc, i
		} else if ok && rivalStart < 0 && otherPodsNamed(context.subject.subject, cc.subject.subject) && len(c.toks) > 0 {
			rivalStart = c.toks[0].start
		}
	}
	// "Identity-based (L3) control: pods with the same labels share an
	// identity. The role=backend pods accept ...": a sentence of setting
	// before the rule, in words the rule says again (factBeforeRule).
	contextClauseAt := -1
	if contextAt >= 0 && len(cs[contextAt].toks) > 0 {
		contextClauseAt = cs[contextAt].toks[0].start
	}
	cs, intents, errs, dismissed = dropFactsBeforeRules(request, cs, intents, errs, dismissed, opts)
	// A sentence set aside before the clause of context moves it.
	if contextAt >= 0 {
		contextAt = slices.IndexFunc(cs, func(c clause) bool { return len(c.toks) > 0 && c.toks[0].start == contextClauseAt })
		if contextAt < 0 {
			context = nil
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
		// "Only app=api may reach app=db on 5432. Right now app=batch can
		// reach it too.", "... Note: app=batch can reach it too.": how
		// things are now, in a clause that takes its pods or its peer from
		// another, joined that clause's rule as one more allowed peer.
		if errs[i] != nil && (currentStateSaid(c.toks) || stateSaidAfter(c.toks, remarkOpeners)) && slices.Contains(errs, nil) {
			return nil, &generator.NotUnderstoodError{Request: request, Example: generator.ExampleNetwork,
				Missing: fmt.Sprintf("is %q how things are now, or a rule? Say the rule (\"allow ...\", \"block ...\", \"only ... may ...\"); if it is how things are, leave it out", c.text(request))}
		}
		if errs[i] != nil || len(intents[i].Network) == 0 {
			continue
		}
		// "Currently app=web can reach app=db on 5432, which is what we
		// want to stop", "Every pod in shop can reach app=db on 5432,
		// which is a problem": what the pods can do now, judged, is no
		// allow.
		state := statePart(c.toks)
		// ("Only checkout may reach payments on 443. Note: the frontend can
		// still reach checkout on 80": a remark beside the rule, once an
		// allow-list on checkout; finder 11, S4.)
		if currentStateSaid(state) && len(state) < len(c.toks) || canSaid(state) && disapproved(request, toks, c, state) || len(cs) > 1 && stateSaidAfter(c.toks, remarkOpeners) {
			return nil, &generator.NotUnderstoodError{Request: request, Understood: intents[i].Summary(), Example: generator.ExampleFor(intents[i]),
				Missing: fmt.Sprintf("is %q how things are now, or a rule? Say the rule (\"allow ...\", \"block ...\", \"only ... may ...\"); if it is how things are, leave it out", request[state[0].start:state[len(state)-1].end])}
		}
		// "At the moment everything in the cluster can reach app=db.
		// Restrict it to app=api on 5432.": beside an order that points
		// back at it, the state is no rule either; read as one, it
		// allowed the whole cluster.
		ordered := slices.ContainsFunc(cs, func(o clause) bool {
			return len(o.toks) > 0 && o.toks[0].start != c.toks[0].start && o.dismissed == "" && slices.ContainsFunc(o.toks, func(t token) bool { return orderWords[t.low] || denyWords[t.low] })
		})
		pointed := slices.ContainsFunc(cs, func(o clause) bool {
			return len(o.toks) > 0 && o.toks[0].start > c.toks[0].start && slices.ContainsFunc(o.toks, func(t token) bool { return t.low == "it" || t.low == "them" })
		})
		if currentStateSaid(c.toks) && (!ordered || pointed || stateSaidAfter(c.toks, findingOpeners)) {
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
	// "Can we block /etc/passwd in the checkout pods? block access to
	// /etc/shadow in pods labeled app=checkout": a rule asked for as a
	// question, beside a rule ordered, may be a question only; read as a
	// rule, it blocked /etc/passwd as well (canAskedBeside).
	for i, c := range cs {
		if errs[i] != nil || len(intents[i].Network) == 0 && len(intents[i].System) == 0 || !canAsked(request, c.toks) {
			continue
		}
		for j, o := range cs {
			if j != i && errs[j] == nil && (len(intents[j].Network) > 0 || len(intents[j].System) > 0) && !canAsked(request, o.toks) && !valuesSaidIn(c.toks, o.toks) {
				return nil, &generator.NotUnderstoodError{Request: request, Understood: intents[j].Summary(), Example: generator.ExampleFor(intents[i]),
					Missing: fmt.Sprintf("%q asks whether it can be done, beside the rule %q: is it a rule too? Say it as an order (\"block ...\"), or leave it out", c.text(request), o.text(request))}
			}
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
				// "Our app=lb pods live in namespace edge. Allow app=lb to
				// reach app=web on 80.": the peer named again is in the
				// namespace said of it, not in the policy's.
				if peerElsewhere(x, context.subject.subject) {
					return nil, &generator.NotUnderstoodError{Request: request, Understood: x.Summary(), Example: generator.ExampleFor(x),
						Missing: fmt.Sprintf("are the pods labeled %s that the rule names in namespace %s, as %q says, or in %s? Say the namespace in the rule (\"... %s in namespace %s\")", labelsText(context.subject.subject.Pods.MatchLabels), context.subject.subject.Namespace, cs[contextAt].text(request), x.Subject.Namespace, labelsText(context.subject.subject.Pods.MatchLabels), context.subject.subject.Namespace)}
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
	// "The auth pods (app=auth) check logins. Pods labeled app=api: block
	// /bin/sh.": a second clause that only names pods, other than those of
	// the first, heads the rules after it; read with the first one's pods,
	// the block went to app=auth (otherPodsNamed).
	if at := slices.IndexFunc(cs, func(c clause) bool { return len(c.toks) > 0 && c.toks[0].start == rivalStart }); rivalStart >= 0 && at > 0 && context != nil {
		for i := at + 1; i < len(cs); i++ {
			if errs[i] == nil {
				return nil, &generator.NotUnderstoodError{Request: request, Understood: intents[i].Summary(), Example: generator.ExampleFor(intents[i]),
					Missing: fmt.Sprintf("which pods is %q for: the %s, or those %q names (%s)? Say the pods in the rule", cs[i].text(request), strings.TrimPrefix(subjectText(context.subject.subject), "applies to "), cs[at].text(request), strings.TrimPrefix(subjectText(errs[at].(*contextClause).subject.subject), "applies to "))}
			}
		}
	}
	// "The web pods (app=web) must never reach the database. Block
	// /bin/sh.": a sentence that only names the pods, read as their goal,
	// yet restricts their traffic, beside rules that are all system rules:
	// the restriction was dropped (trafficGoal).
	if contextAt >= 0 && trafficGoal(cs[contextAt].toks) {
		system := false
		for i := contextAt + 1; i < len(cs); i++ {
			if errs[i] == nil && len(intents[i].Network) > 0 {
				system = false
				break
			}
			system = system || errs[i] == nil && len(intents[i].System) > 0
		}
		if system {
			return nil, &generator.NotUnderstoodError{Request: request, Understood: []string{subjectText(context.subject.subject)}, Example: generator.ExampleNetwork,
				Missing: fmt.Sprintf("%q restricts the pods' network traffic, and the rules after it are system rules: is it a network rule too? Say it as one (\"deny egress from the pods labeled app=web to the pods labeled app=db\"), or leave it out", cs[contextAt].text(request))}
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
			errs[i] = &generator.NotUnderstoodError{Request: request, Understood: understood(), Example: generator.ExampleFor(subjectFrom),
				Missing: fmt.Sprintf("is %q the title of the system rules after it, or should the network traffic of the %s be denied as well? Say the network rule on its own", c.text(request), strings.TrimPrefix(subjectText(*subject), "applies to "))}
			continue
		}
		// "Block /bin/bash in the app=web pods. For #api: block /bin/sh.":
		// a clause whose heading names whom it is for ("For #api:",
		// "#api:") took the app=web pods of the clause before.
		if w := hashTagHeading(c.toks); errs[i] != nil && subject != nil && w != "" && needsSubject(errs[i]) && !c.sameSubject {
			errs[i] = &generator.NotUnderstoodError{Request: request, Understood: understood(), Example: generator.ExampleFor(subjectFrom),
				Missing: fmt.Sprintf("which pods are %q? Its heading names them, and no rule says their labels; name them (\"the pods labeled app=%s\", or \"in namespace %s\")", c.text(request), w, w)}
			continue
		}
		if errs[i] != nil && subject != nil && (c.sameSubject || needsSubject(errs[i])) && !describedSubject(c.toks) && !isolateTitle(request, c, subjectFrom) {
			if i > 0 && errs[i-1] == nil {
				c.prev = intents[i-1]
			}
			// "block /bin/bash in web, in prod; web means the pods labeled
			// app=web": read alone, the clause names several sets of pods
			// ("web", "prod"); on the pods of another clause the place said
			// after a comma was dropped, and with it the namespace (finder
			// 10, S10).
			several := false
			if nu, ok := errs[i].(*generator.NotUnderstoodError); ok && strings.Contains(nu.Missing, "Several are named") {
				several = placeAfterComma(c.toks)
			}
			intents[i], errs[i] = parseClause(request, c, opts, subject, subjectOrigins)
			if several && errs[i] == nil {
				errs[i] = &generator.NotUnderstoodError{Request: request, Understood: understood(), Example: generator.ExampleFor(subjectFrom),
					Missing: fmt.Sprintf("which pods does %q apply to? It names several, and another sentence names the %s: say the namespace in the rule (\"block /bin/sh in the pods labeled app=web in namespace prod\")", c.text(request), strings.TrimPrefix(subjectText(*subject), "applies to "))}
			}
			// "in namespace prod: default deny ingress; allow namespace
			// ingress-nginx to reach app=web on 80": the clause names its
			// own party, which the pods of the other clause would replace.
			if w, ok := ownPartyOpens(request, c.toks); ok && errs[i] == nil && !isolationOnly(intents[i]) {
				errs[i] = &generator.NotUnderstoodError{Request: request, Understood: understood(), Example: generator.ExampleFor(subjectFrom),
					Missing: fmt.Sprintf("which pods does %q apply to, and which way does the traffic go? It names %q as its own party, so it is not about the pods the other rules are for (%s): say the rule in full (\"allow ingress to the pods labeled app=api from namespace monitoring on 9090\")", c.text(request), w, strings.TrimPrefix(subjectText(*subject), "applies to "))}
			}
			if errs[i] == nil && isolationOnly(intents[i]) {
				pods := strings.TrimPrefix(subjectText(*subject), "applies to ")
				if w, ok := peerNamed(c.toks, *subject, intents, errs); ok {
					errs[i] = &generator.NotUnderstoodError{Request: request, Understood: understood(), Example: generator.ExampleFor(subjectFrom),
						Missing: fmt.Sprintf("what should %q do with %q? It names no pods of its own, and the rules name %q as other pods than the %s: say the rule in full (\"deny traffic from X to Y\")", c.text(request), w, w, pods)}
				} else if w, ok := subjectAfterPreposition(c.toks, *subject); ok && len(intents[i].Network) > 1 {
					errs[i] = &generator.NotUnderstoodError{Request: request, Understood: understood(), Example: generator.ExampleFor(subjectFrom),
						Missing: fmt.Sprintf("which direction: should %q isolate the traffic %s the %s alone, or both ways? Say \"ingress\", \"egress\" or \"both\"", c.text(request), w, pods)}
				}
			}
			if errs[i] == nil && otherTraffic(intents[i], subjectFrom, intents[i+1:]) {
				errs[i] = &generator.NotUnderstoodError{Request: request, Understood: understood(), Example: generator.ExampleFor(subjectFrom),
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
					errs[i] = &generator.NotUnderstoodError{Request: request, Understood: understood(), Example: generator.ExampleFor(subjectFrom),
						Missing: fmt.Sprintf("does %q isolate every pod of the namespace, or only the %s named after it? Name them (\"for every pod in namespace NAME\" or \"for the pods labeled ...\")", c.text(request), strings.TrimPrefix(subjectText(*subject), "applies to "))}
				}
			}
			// "block the toolbox pod from reaching the db, but let it reach
			// payments": "it" is the toolbox pod, named first as the peer of
			// the rule on the db; the db's pods would be wrong.
			// "allow egress from app=web to app=db on 5432. Those pods may
			// also receive from app=api": "Those pods", "These pods",
			// "They" opening a sentence after one that names two sets of
			// pods, about traffic the other way, may be either; the pods
			// the rule is for were taken (finder 15, S8), as "It may also
			// reach" is asked about. ("they should also accept it from
			// ..." after "accept", and "they send no traffic out", an
			// isolation, are the pods the rule is for.)
			// "allow egress from app=web to app=db. These pods may also
			// reach app=cache": "These pods" or "Those pods" with "also",
			// in the same direction, may be either too.
			if errs[i] == nil && subjectFrom != nil && !peerPodsFirst(subjectFrom) && opensWithPointer(c.toks) && podPeers(subjectFrom) && (turnsDirection(intents[i], subjectFrom) || pointerAlso(c.toks)) {
				errs[i] = &generator.NotUnderstoodError{Request: request, Understood: understood(), Example: generator.ExampleFor(subjectFrom),
					Missing: fmt.Sprintf("which pods does %q mean: the %s, or the other pods named before it? Ask once for each, naming the pods", c.text(request), strings.TrimPrefix(subjectText(*subject), "applies to "))}
			}
			if errs[i] == nil && subjectFrom != nil && (pointsBack(c) || c.sameSubject || opensWithPointer(c.toks) && podPeers(subjectFrom)) && peerPodsFirst(subjectFrom) {
				errs[i] = &generator.NotUnderstoodError{Request: request, Understood: understood(), Example: generator.ExampleFor(subjectFrom),
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
	if err := reportedRuleValues(request, cs, intents, errs, opts); err != nil {
		return nil, err
	}
	if err := otherSideDescribed(request, cs, intents, errs); err != nil {
		return nil, err
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
			if x := pronounOfTwo(cs[i].toks, in, ns); x != nil && j == i-1 {
				return nil, &generator.NotUnderstoodError{Request: request, Understood: x.Summary(), Example: generator.ExampleFor(x),
					Missing: fmt.Sprintf("which pods does %q put in namespace %s: the pods the policy is for, the pods on the other side, or both? Say the namespace of each in the rule (\"from the pods labeled app=web in namespace %s\")", cs[i].text(request), ns, ns)}
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
		// "deny all egress from app=web. (ns prod)", "oh, and in ns prod":
		// a namespace said after the rules is where they go.
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
				if q := afterthought(request, cs[i].toks); q != "" {
					return nil, &generator.NotUnderstoodError{Request: request, Example: generator.ExampleNetwork, Missing: q}
				}
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
			// "deny all egress from app=web. (ns prod)", "oh, and in ns
			// prod", "bash optional", "we don't run cilium": an
			// afterthought that changes the rules is no explanation.
			if q := afterthought(request, cs[i].toks); q != "" {
				return nil, &generator.NotUnderstoodError{Request: request, Example: generator.ExampleNetwork, Missing: q}
			}
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
		// "POST stays blocked except for /api/v1/login": an exception
		// to what the HTTP rules leave out is one more request to allow;
		// set aside with the rest, it was lost.
		if k := slices.IndexFunc(cs[i].toks, func(t token) bool { return httpRestExceptions[t.low] }); k >= 0 {
			return nil, &generator.NotUnderstoodError{Request: request, Understood: intents[0].Summary(), Example: generator.ExampleNetwork,
				Missing: fmt.Sprintf("%q names an exception to what the HTTP rules leave out: should it be allowed too? Name every request allowed (\"GET /a and POST /b\")", cs[i].text(request))}
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
	for i, c := range cs {
		if errs[i] == nil {
			if err := purposeValueRead(request, c, intents[i]); err != nil {
				return nil, err
			}
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
	// "Deny egress from app=web to 10.0.0.0/8. It should still reach app=db
	// on 5432": what the deny keeps, or one more allow?
	for i, c := range cs {
		if errs[i] == nil && stillBesideBlock(c.toks, intents[i], cs, intents, errs) {
			return nil, &generator.NotUnderstoodError{Request: request, Understood: intents[i].Summary(), Example: generator.ExampleFor(intents[i]),
				Missing: fmt.Sprintf("does %q say what a deny or block beside it leaves open (then leave it out: the rest stays as it is), or an allow that makes everything else dropped? Say \"allow ...\" for the second", c.text(request))}
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
		if err := valueDropped(request, d, intents); err != nil {
			return nil, err
		}
	}
	merged := intents[0]
	for _, d := range dismissed {
		if err := restDirection(request, d, intents); err != nil {
			return nil, err
		}
		if err := wholeSaid(request, d, intents); err != nil {
			return nil, err
		}
		if err := restOfDenyList(request, d, intents); err != nil {
			return nil, err
		}
		if err := keepsRest(request, d, intents); err != nil {
			return nil, err
		}
		if err := otherNamespacesRest(request, d, intents); err != nil {
			return nil, err
		}
		if err := leftOutPortsChecked(request, d, intents); err != nil {
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
		if err := reasonNamesNodes(request, d, intents); err != nil {
			return nil, err
		}
		if err := reasonNeedsDenied(request, d, intents); err != nil {
			return nil, err
		}
		if err := reasonKeepsOther(request, d, intents); err != nil {
			return nil, err
		}
		if err := reasonHoldsOrder(request, d, intents); err != nil {
			return nil, err
		}
		if err := reasonSaysFails(request, d, intents); err != nil {
			return nil, err
		}
		if err := systemRestVerdict(request, d, intents); err != nil {
			return nil, err
		}
		if err := readsToo(request, d, intents); err != nil {
			return nil, err
		}
		if err := valueDropped(request, d, intents); err != nil {
			return nil, err
		}
		if err := leaveOutAsked(request, d, intents); err != nil {
			return nil, err
		}
		if err := asideOfSystemRules(request, d, intents); err != nil {
			return nil, err
		}
		if err := repeatAsked(request, d, intents); err != nil && !repeatsReported(d, dismissed, cs) {
			return nil, err
		}
		if err := deniedThenAllowed(request, d, intents); err != nil {
			return nil, err
		}
		if err := keptOpenAsked(request, d, intents); err != nil {
			return nil, err
		}
		if err := podsOfExplanationAsked(request, d, intents); err != nil {
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
		// "...; db shouldn't reach out either": a negation closed by
		// "either" says a second rule (see eitherSaid); set aside as a
		// reason, the rule was lost.
		if n := len(d.toks); n >= 3 && (d.toks[n-1].low == "either" || d.toks[n-2].low == "either" && d.toks[n-1].kind == tPunct) && slices.ContainsFunc(d.toks, func(t token) bool { return eitherNegations[t.low] }) {
			return nil, &generator.NotUnderstoodError{Request: request, Understood: intents[0].Summary(), Example: generator.ExampleFor(intents[0]),
				Missing: fmt.Sprintf("%q says a rule of its own: which pods, and which traffic? Say it as a sentence of its own (\"deny all egress from the app=db pods\")", d.text(request))}
		}
		if err := seriesTitleHeldBack(request, d, dismissed, intents); err != nil {
			return nil, err
		}
		if err := blockedUseTold(request, d, intents); err != nil {
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
			if err := notNeededBeyondRule(request, x, in); err != nil {
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
	senderSides(merged)
	if err := everythingBesideSystem(request, append([]*generator.Intent{merged}, merged.Others...)); err != nil {
		return nil, err
	}
	all := append([]*generator.Intent{merged}, merged.Others...)
	if err := relativePlace(request, toks, all); err != nil {
		return nil, err
	}
	if err := namespaceClass(request, toks, all); err != nil {
		return nil, err
	}
	if err := namespaceGuessed(request, merged); err != nil {
		return nil, err
	}
	if err := theNamespaceUnnamed(request, toks, merged); err != nil {
		return nil, err
	}
	if err := lockHeadingDropped(request, toks, merged); err != nil {
		return nil, err
	}
	if err := placedPodsLost(request, toks, merged); err != nil {
		return nil, err
	}
	for _, x := range all {
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
	// Checks of the whole request against every policy read from it. Only
	// the first question is asked, so the order decides which: asideCarries
	// stands after factTailSaid and openEndedAddition, which the dev set and
	// probes need to ask first ("(plus whatever Prometheus needs)", "-
	// certbot at /usr/bin/certbot renews them"), and before blockUnread.
	checks := []func(string, []token, []*generator.Intent) error{judgedDescribedTraffic, auditModeConflict, mixedVerdicts, ruleFromRemark, allowAlone, allowBesideBlock, titleAgainstRules, subjectAgainstWords,
		allowWithoutDefaultDeny, scopeWordUnread, allowedPastOwnIsolation, allowedPastNamespaceIsolation, listTrailsOff, sourcedAndUnsourced, openEndedAddition, valueHedged, portCorrected, labelsJoined, passiveVerdictRead,
		factTailSaid, asideCarries, questionBesideRules, verdictNounRead,
		namespaceFramed, spanForBoth, namespaceUnread, deployTarget, otherUserOfBlocked, bothWaysUnread, noTrafficUnread, addedAfterOnly, addedSideAfterOnly, headingListUnread,
		gerundRule, blockUnread, programKindWider, egressDenyUnmet, clusterNameAsFQDN, keepFromRead, fileAsSource, auditInsideBlock, wordsUnmet, peerNamespaceApart, labelsPlacedElsewhere, addedPeerWithoutPorts, podStateAsked, readOnlyUnheld, httpRuleOnOtherPorts}
	if len(merged.System) == 0 {
		checks = append(checks, alsoResidenceUnread, rowPeerWithoutPorts, factByDefault, peerPlaceMoved, othersMayEgress, planReadAsRule, openOnlyFor, moverAsSubject, trafficDropped, credentialAsked, onlySubjectMay)
	}
	for _, check := range checks {
		if err := check(request, toks, all); err != nil {
			return nil, err
		}
	}
	return merged, nil
}

// pointerOpeners open a sentence that points back at pods named before:
// "They accept ...", "Those pods may ...", "These pods also ...".
var pointerOpeners = set("they", "those", "these")

// pointerAlso reports whether a clause opens with "These pods" or "Those
// pods" and says "also" within its next words: "These pods may also reach
// app=cache" adds to pods named before, which may be either set.
func pointerAlso(toks []token) bool {
	return len(toks) > 2 && (toks[0].low == "these" || toks[0].low == "those") && podNouns[toks[1].low] && slices.ContainsFunc(toks[2:min(len(toks), 5)], func(t token) bool { return t.low == "also" })
}

// opensWithPointer reports whether a clause opens with a word that points
// back at pods ("They", "Those pods", "These pods").
func opensWithPointer(toks []token) bool {
	return len(toks) > 1 && pointerOpeners[toks[0].low] && (toks[0].low == "they" || podNouns[toks[1].low])
}

// turnsDirection reports whether in, a rule that took its pods from from,
// is about traffic in a direction no rule of from has, and isolates
// nothing.
func turnsDirection(in, from *generator.Intent) bool {
	if isolationOnly(in) {
		return false
	}
	return slices.ContainsFunc(in.Network, func(r generator.NetworkRule) bool {
		return r.Verdict != generator.Isolate && !slices.ContainsFunc(from.Network, func(f generator.NetworkRule) bool { return f.Direction == r.Direction })
	})
}

// listsPaired asks when lists are meant in pairs: "api.example.com and
// www.example.com on 443 and 80 respectively"; "app=web may only reach
// app=db, app=cache on 5432, 6379", as many ports as peers side by side.
// The engine pairs no lists; each value would go to every peer.
func listsPaired(request string, toks []token) error {
	paired := pairedLists(toks)
	for i := range toks {
		paired = paired || slices.ContainsFunc(pairingPhrases, func(ph []string) bool { return phraseIn(toks, i, ph) }) ||
			phraseIn(toks, i, []string{"their", "ports"}) && i+2 < len(toks) && toks[i+2].kind == tNumber
	}
	if paired {
		return &generator.NotUnderstoodError{Request: request,
			Missing: "kunerva does not pair lists \"respectively\": which port is for which peer? Name each peer with its own port (\"to A on 443 and to B on 80\")",
			Example: generator.ExampleNetwork}
	}
	if i, ok := listPointed(toks); ok {
		return &generator.NotUnderstoodError{Request: request,
			Missing: fmt.Sprintf("which peer is %q? kunerva does not point back into a list; name each peer with its own ports (\"app=web on 5432, and app=api on 5432 and 5433\")", request[toks[i].start:toks[i+1].end]),
			Example: generator.ExampleNetwork}
	}
	return nil
}

// pairingPhrases say, as "respectively" does, that two lists go in pairs:
// "to app=db and app=cache, in that order", "on 5432 and 6379
// correspondingly", "(one each)". Read as lists, each value went to every
// peer (finder 15, S6). ("on their ports 5432 and 6379" is read in
// listsPaired: "their ports" alone is no pairing.)
var pairingPhrases = [][]string{{"respectively"}, {"correspondingly"}, {"in", "that", "order"}, {"in", "this", "order"}, {"in", "the", "same", "order"},
	{"one", "each"}, {"pairwise"}, {"each", "in", "turn"}}

// pointerFollowers come after a pointer into a list that gives the value
// pointed at something of its own: "but only the former on 9090", "plus
// the latter on 5433", "the second too".
var pointerFollowers = set("on", "port", "ports", "too", "also", "may", "can", "gets", "get", "over", "via")

// listPointed finds "the former", "the latter", "the first", "the second"
// ... pointing back into a list of peers to give one of them something of
// its own: "allow checkout and cart to reach payments on 8443, but only
// the former on 9090" gave 9090 to both (finder 15, S5). It returns the
// index of "the". (A pointer that says what a value is, "the latter is our
// VPN", is an aside asked about elsewhere.)
func listPointed(toks []token) (int, bool) {
	for i := 0; i+2 < len(toks); i++ {
		if toks[i].low == "the" && listPointers[toks[i+1].low] && toks[i+1].low != "last" && pointerFollowers[toks[i+2].low] {
			return i, true
		}
	}
	return 0, false
}

// sameNamespacesCarried asks about namespaces named before: "Redis
// (app=redis) in those same namespaces", which the engine does not carry
// from one peer to another.
func sameNamespacesCarried(request string, toks []token) error {
	for i := range toks {
		if phraseIn(toks, i, []string{"same", "namespaces"}) && i > 0 && (toks[i-1].low == "those" || toks[i-1].low == "these" || toks[i-1].low == "the") {
			return &generator.NotUnderstoodError{Request: request, Example: generator.ExampleNetwork,
				Missing: fmt.Sprintf("which namespaces are %q? kunerva does not carry namespaces from one peer to another; name them again with each peer (\"the app=cache pods in namespaces labeled team=data\")", request[toks[i-1].start:toks[i+1].end])}
		}
	}
	return nil
}

// hashTagHeading returns the name of a chat tag that heads a clause,
// "#api:" or "For #api:" (a heading titleNamespace reads), or "".
func hashTagHeading(toks []token) string {
	w, at := titleNamespace(toks)
	if i := slices.IndexFunc(toks, func(t token) bool { return t.start == at }); w == "" || i < 0 || !strings.HasPrefix(toks[i].low, "#") {
		return ""
	}
	return w
}

// pairedLists reports whether a list of two or more peers (labels,
// addresses, DNS names) is followed by "on" or "port(s)" and a list of as
// many port numbers: "app=db, app=cache on 5432, 6379".
func pairedLists(toks []token) bool {
	// "app=db and pods labeled app=cache on 5432 and 6379": the words of
	// a list of pods (listWrappers) may stand before each item; read as
	// lists, the ports went to every peer, in a deny as in an allow
	// (finder 15, S10).
	list := func(i int, ok func(token) bool) (int, int) {
		n := 0
		for i < len(toks) && ok(toks[i]) {
			n++
			i++
			if i+1 < len(toks) && (toks[i].low == "," || toks[i].low == "and") {
				j := i + 1
				for j < len(toks) && listWrappers[toks[j].low] && toks[i+1].kind != tNumber {
					j++
				}
				if j < len(toks) && ok(toks[j]) {
					i = j
				}
			}
		}
		return n, i
	}
	isPeer := func(t token) bool { return t.kind == tLabel || t.kind == tCIDR || t.kind == tDomain }
	for i := 0; i < len(toks); i++ {
		peers, e := list(i, isPeer)
		if peers < 2 {
			continue
		}
		if e < len(toks) && (toks[e].low == "on" || toks[e].low == "port" || toks[e].low == "ports") {
			e++
			if e < len(toks) && (toks[e].low == "port" || toks[e].low == "ports") {
				e++
			}
			if ports, _ := list(e, func(t token) bool { return t.kind == tNumber }); ports == peers {
				return true
			}
		}
		i = e
	}
	return false
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
