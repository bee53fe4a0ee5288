package builtin

import (
	"fmt"
	"slices"
	"strings"

	"github.com/kunerva/kunerva/generator"
)

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
	// "Guestbook: the PHP frontend (pods app=guestbook, tier=frontend)
	// serves from /var/www/html/": a one-word heading before the pods, a
	// label value of theirs or a name the rule says again.
	h := 0
	if len(toks) > 2 && toks[0].kind == tWord && toks[1].low == ":" {
		h = 2
	}
	l := slices.IndexFunc(toks, func(t token) bool { return t.kind == tLabel })
	if l < h || l > h+6 || slices.ContainsFunc(toks[h:l], func(t token) bool { return t.kind != tWord && t.low != "(" }) {
		return clause{}, false
	}
	e := l + 1
	// "(app=metrics-agent, namespace kube-system)", "(pods
	// app=guestbook, tier=frontend)": the bracket may open with "pods",
	// hold more labels and name the pods' namespace too, in words; the
	// verb comes after it.
	bracket := false
	if open := l - 1; open > h && podNouns[toks[open].low] && toks[open-1].low == "(" || open >= h && toks[open].low == "(" {
		bracket = true
		k := e
		for k < len(toks) && k <= e+5 && (toks[k].kind == tWord || toks[k].kind == tLabel || toks[k].low == ",") && !denyWords[toks[k].low] && !allowWords[toks[k].low] {
			k++
		}
		if k < len(toks) && toks[k].low == ")" && slices.ContainsFunc(toks[e:k], func(t token) bool { return namespaceWords[t.low] || t.kind == tLabel }) {
			e = k
		}
	}
	// "CoreDNS (k8s-app=kube-dns, kube-system) talks to ...": the verb
	// stands after the bracket closes; a word inside it ("kube-system")
	// is no verb, and read as one the pods' namespace was lost.
	for e < len(toks) && (toks[e].low == ")" || toks[e].low == ",") {
		bracket = bracket && toks[e].low != ")"
		e++
	}
	if e >= len(toks) || toks[e].kind != tWord || bracket {
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
	if h > 0 {
		name := toks[0].low
		if !said(name) && !slices.ContainsFunc(toks[h:e], func(t token) bool { return t.kind == tLabel && strings.HasSuffix(t.low, "="+name) }) {
			return clause{}, false
		}
	}
	d := cs[i]
	d.toks = toks[h:e]
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
	// "Block such execution: the attacker uses apt to download masscan":
	// after a title, what an attacker does; read as the rule, the names
	// in the story were blocked.
	if k := slices.IndexFunc(c.toks, func(t token) bool { return t.low == ":" }); k > 0 && actorDoes(c.toks[k+1:]) {
		return nil, p.refuse(fmt.Sprintf("%q tells what an attacker does: which rule do you want? Say it as a rule (\"block /usr/bin/apt in the pods labeled app=nginx\")", c.text(request)), generator.ExampleSystem)
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
	in, err := p.parse()
	// "Note: only the app=db pods hold secrets", "Our old policy allows
	// ingress to app=web from anywhere": how things are, no rule. A
	// question the clause already asks, or one of what someone said or
	// had (asked by the engine), is more precise.
	if (err == nil || needsSubject(err) && !slices.ContainsFunc(c.toks, func(t token) bool { return verdictTold[t.low] })) && statedFact(c.toks) && (fallback != nil || !reportedAdvice(c.toks) && !pastTold(c.toks)) {
		return nil, p.refuse(fmt.Sprintf("%q says how things are, not what a policy should do: should kunerva enforce it as a rule, or leave it out? Say it as a rule", c.text(request)), generator.ExampleNetwork)
	}
	return in, err
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
			return o.Field == "subject.scope" && unplacedEveryPod[strings.ToLower(o.Text)]
		})
		if a.Subject.Pods == nil && a.Subject.Scope == generator.ScopePods && defaulted(a) && everyPod && slices.ContainsFunc(a.Network, func(r generator.NetworkRule) bool {
			return r.Verdict == generator.Allow && r.Direction == generator.Ingress && slices.ContainsFunc(r.Peers, func(p generator.Peer) bool { return p.Pods != nil })
		}) {
			return &generator.NotUnderstoodError{Request: request, Understood: a.Summary(),
				Missing: "every pod of which namespace, or every pod in the cluster? Say \"every pod in namespace X\", or \"cluster-wide\"",
				Example: generator.ExampleFor(a)}
		}
		if q := anyPodPeer(request, a); q != "" && defaulted(a) {
			return &generator.NotUnderstoodError{Request: request, Understood: a.Summary(),
				Missing: fmt.Sprintf("%s of which namespace, or in any namespace of the cluster? Say %q, or %q", q, q+" in namespace X", q+" in any namespace"),
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

// unplacedEveryPod say every pod with no place: as the subject of an allow in
// from other pods and in no namespace said, "allow app=web to reach any pod
// on 443" (finder 14, S10), they are no allow-list over the pods of the
// default namespace (which locked them all down); the engine asks.
var unplacedEveryPod = set("every pod", "all pods", "every single pod", "any pod", "any pods", "all the pods", "each pod")

// podPlaceWords, after "every pod", say where the pods are.
var podPlaceWords = set("in", "of", "within", "inside", "across")

// anyPodPeer returns the words of a peer of an allow said as every pod
// with no namespace ("allow egress from app=web to any pod on 443", "allow
// any pod to reach app=web"), where the request names no namespace either:
// they once became the pods of the default namespace alone (finder 14,
// S10), while "any pod" says nothing of one namespace. Where the request
// names the namespace ("in namespace prod: allow app=web to reach every
// pod"), every pod is of that namespace, and nothing is asked; so where
// words of place follow ("from every pod in the namespace", "any pod of
// their own namespace").
func anyPodPeer(request string, x *generator.Intent) string {
	for i, r := range x.Network {
		if r.Verdict != generator.Allow {
			continue
		}
		for j, pe := range r.Peers {
			if pe.Pods == nil || len(pe.Pods.MatchLabels) > 0 || len(pe.Pods.MatchExpressions) > 0 || pe.Namespace != "" || pe.Namespaces != nil {
				continue
			}
			field := fmt.Sprintf("network[%d].peers[%d].pods", i, j)
			for _, o := range x.Origins {
				if t := strings.ToLower(o.Text); o.Field == field && o.From == generator.FromRequest && unplacedEveryPod[t] && o.End <= len(request) {
					if next, _, _ := strings.Cut(strings.TrimSpace(request[o.End:])+" ", " "); !podPlaceWords[strings.ToLower(next)] {
						return t
					}
				}
			}
		}
	}
	return ""
}

// peerNamed returns a word of an isolation read with another clause's pods
// that names, by a label value, the peers of a rule of the request rather
// than those pods: "Cut off web from api. The api pods (app=api) accept traffic
// from the web pods (app=web) on 8080." read "Cut off" as the api pods'
// isolation and left "web" unread.
func peerNamed(toks []token, subject generator.Subject, intents []*generator.Intent, errs []error) (string, bool) {
	own := endWords(subject.Pods)
	peers := map[string]bool{}
	for j, in := range intents {
		if errs[j] != nil || in == nil {
			continue
		}
		for _, x := range append([]*generator.Intent{in}, in.Others...) {
			for _, r := range x.Network {
				for _, p := range r.Peers {
					for w := range endWords(p.Pods) {
						peers[w] = !own[w]
					}
				}
			}
		}
	}
	for _, t := range toks {
		if t.kind == tWord && peers[t.low] {
			return t.raw, true
		}
	}
	return "", false
}

// subjectAfterPreposition returns the preposition before a word of a clause
// read with another clause's pods that names those pods by a label value:
// "Block all traffic to api. The api pods (app=api) accept ..." isolated
// the api pods both ways, "to" unread.
func subjectAfterPreposition(toks []token, subject generator.Subject) (string, bool) {
	own := endWords(subject.Pods)
	for k := 1; k < len(toks); k++ {
		if prep := toks[k-1].low; own[toks[k].low] && (prep == "to" || prep == "into" || prep == "from" || prep == "of") {
			return prep, true
		}
	}
	return "", false
}

// placedLater reports whether a clause that only names pods names those of
// the one before it again, the same labels, and gives them the namespace
// that one left unsaid: "Our legacy pods run unconfined because ... .
// Replicate those two rules for the legacy pods (app=legacy, namespace
// old): block /proc/kcore". The later clause holds the pods the rules
// after it are for; keeping the first put them in the default namespace.
func placedLater(first, later subjectV) bool {
	if namespaceRead(first) || !namespaceRead(later) || first.subject.Scope != later.subject.Scope {
		return false
	}
	a := first.subject
	a.Namespace = later.subject.Namespace
	return sameSubject(a, later.subject)
}

// namespaceRead reports whether the request said the namespace of pods,
// not a default.
func namespaceRead(s subjectV) bool {
	return s.subject.Namespace != "" && slices.ContainsFunc(s.origins, func(o generator.Origin) bool {
		return o.Field == "subject.namespace" && o.From == generator.FromRequest
	})
}

// ownPartyOpens reports the party a clause opens with, right after its
// allow word and article, when that party is a namespace ("allow namespace
// ingress-nginx to reach app=web", "let the monitoring namespace reach
// app=api", "allow namespace monitoring on 9090", "allow kube-system
// namespace to reach all pods") or labeled pods ("allow pods labeled app to
// reach app=api"). Such a clause names the pods it is about itself; when
// it could not be read alone, taking the pods of another clause (every pod
// of the namespace a default deny isolates) for it reads the named
// namespace as the peer's, or drops it, and flips the flow (finder 10, S1,
// S2, S3, S8). It is asked about instead. A namespace with labels
// ("allow namespaces labeled team=ops to reach app=api") and a clause that
// opens with a preposition ("allow ingress from namespace monitoring") are
// not such a party.
func ownPartyOpens(request string, toks []token) (string, bool) {
	i := 0
	for i < len(toks) && (allowWords[toks[i].low] || toks[i].low == "also" || toks[i].low == "and" || toks[i].low == "then" || toks[i].low == "please") {
		i++
	}
	if i == 0 {
		return "", false
	}
	for i < len(toks) && determiners[toks[i].low] {
		i++
	}
	if i+1 >= len(toks) {
		return "", false
	}
	a, b := toks[i], toks[i+1]
	name := func(t token) bool {
		return t.kind == tWord && !determiners[t.low] && !prepositions[t.low] && !namespaceWords[t.low] && !podNouns[t.low] && !reachVerbs[t.low] && !receiveVerbs[t.low]
	}
	switch {
	case namespaceWords[a.low] && a.low != "namespaces" && name(b):
		return request[a.start:b.end], true
	case namespaceWords[b.low] && b.low != "namespaces" && name(a):
		return request[a.start:b.end], true
	case podNouns[a.low] && (b.low == "labeled" || b.low == "labelled") && i+2 < len(toks) && toks[i+2].kind == tWord:
		return request[a.start:toks[i+2].end], true
	}
	return "", false
}

// placeAfterComma reports whether the clause ends with a place set apart
// by a comma, ", in prod": a namespace said of the pods before it, which
// the pods of another clause would drop ("block /bin/bash in web, in
// prod; web means the pods labeled app=web", finder 10, S10).
func placeAfterComma(toks []token) bool {
	n := len(toks)
	for n > 0 && toks[n-1].kind == tPunct {
		n--
	}
	return n >= 3 && toks[n-3].low == "," && toks[n-2].low == "in" && toks[n-1].kind == tWord
}

// otherPodsNamed reports whether a clause that only names pods, read while
// another such clause before it holds the pods of the rules, names other
// pods by their labels: "The auth pods (app=auth) check logins. Pods
// labeled app=api: block /bin/sh." The rules after it may be for either.
func otherPodsNamed(first, later generator.Subject) bool {
	return first.Pods != nil && later.Pods != nil && !sameJSON(first.Pods, later.Pods)
}

// trafficGoal reports whether a clause that only names the pods says, with
// a negation or a deny word and a verb of traffic, that they must not reach
// something: "The web pods (app=web) must never reach the database".
// "access" is left out: "prevent file access in app=x" is the goal of the
// file rules after it.
func trafficGoal(toks []token) bool {
	return slices.ContainsFunc(toks, func(t token) bool { return negationWords[t.low] || denyWords[t.low] }) &&
		slices.ContainsFunc(toks, func(t token) bool { return reachVerbs[t.low] && !accessWords[t.low] })
}

// accessWords are the verbs of reachVerbs that also say file access.
var accessWords = set("access", "accesses", "accessing")
