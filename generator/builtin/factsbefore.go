package builtin

import (
	"slices"
	"strings"

	"github.com/kunerva/kunerva/generator"
)

// factBeforeRule reports whether clause i, which no rule could give a
// verdict, only tells the setting of a rule after it, in words that rule
// says again: "Updates to better handle kubelet config file: the settings
// now come from /var/lib/kubelet/config.yaml rather than flags. ... make
// /var/lib/kubelet/config.yaml read-only", "Identity-based (L3) control:
// pods with the same labels share an identity. The role=backend pods
// accept traffic from the role=frontend identity", "Layer 3 by DNS:
// toFQDN matchPattern, e.g. *.cilium.io. The app=crawler pods may reach
// *.cilium.io". Read as a rule, it asked for a verdict the request gives
// in the rule after it.
//
// It holds when:
//   - the clause asked only for the verdict, and a clause after it made a
//     rule;
//   - it continues nothing ("and exec calls from ...", "from the other
//     nodes, ..." open with a word that joins it to a rule);
//   - no word of it says a verdict or a limit (factVerdictWords: "Heavy
//     nodes stay out", "/admin/ stays closed", "Keep everyone else out"
//     may be rules of their own);
//   - every value it names, and every word a rule of reading claimed (a
//     peer, a capability, a program, a port), stands again in a clause
//     that made a rule: "Brand new cluster exposed to the internet and
//     the nodes", "Docker grants CAP_NET_RAW" name what no rule says,
//     and still ask.
func factBeforeRule(request string, cs []clause, errs []error, i int, opts generator.Options) bool {
	c, ok := unreadClause(cs, errs, i)
	if !ok {
		return false
	}
	// A sentence may open with a preposition ("With Patroni's
	// bypass_api_service the spilo pods talk to ..."); a clause split
	// from one may not.
	if coordinators[c.toks[0].low] || c.toks[0].low == "plus" || prepositions[c.toks[0].low] && !opensSentence(request, c) {
		return false
	}
	said, ruleAfter := wordsOfRules(cs, errs, i, nil)
	if !ruleAfter {
		return false
	}
	// "Falco alerts on files modified below /etc. Make /etc read-only
	// in the app=api pods": a write the rules say again in any form.
	writesRuled := slices.ContainsFunc(cs[i+1:], func(r clause) bool {
		return slices.ContainsFunc(r.toks, func(t token) bool { return writeWords[t.low] })
	})
	// "If you've ever wondered how your app reaches an external payment
	// gateway, that's egress. The pods labeled app=checkout may only
	// receive ...": a direction the rules do not take is lost; "Our
	// Prometheus runs in the monitoring namespace. Allow the pods labeled
	// app=prometheus in namespace tools ...": where pods are may say
	// other than the rule, and is asked about.
	rules := slices.Concat(tokensOf(cs[i+1:])...)
	has := func(toks []token, words ...map[string]bool) bool {
		return slices.ContainsFunc(toks, func(t token) bool {
			return slices.ContainsFunc(words, func(m map[string]bool) bool { return m[t.low] })
		})
	}
	nu, _ := errs[i].(*generator.NotUnderstoodError)
	widened := slices.ContainsFunc(partAsked, func(q string) bool { return strings.HasPrefix(nu.Missing, q) })
	if widened && (has(c.toks, egressWords) && !has(rules, egressWords, reachVerbs) || has(c.toks, ingressWords) && !has(rules, ingressWords, receiveVerbs) || has(c.toks, namespaceWords)) {
		return false
	}
	for k, t := range c.toks {
		// "rather than flags", "the logs": a noun, after "than" or a
		// determiner, no verdict.
		if auditWords[t.low] && strings.HasSuffix(t.low, "s") && k > 0 && (c.toks[k-1].low == "than" || determiners[c.toks[k-1].low]) {
			continue
		}
		// "Write below etc - block /etc/ in the nginx pods": a write the
		// rules do not say again would be lost ("Create a network policy
		// named all-deny" writes the policy).
		if writeWords[t.low] && !partialWrites[t.low] && !writesRuled && !policyObject(c.toks[k+1:]) {
			return false
		}
		if factVerdictWords[t.low] || denyWords[t.low] || allowWords[t.low] || auditWords[t.low] || isolateWords[t.low] || restrictionWords[t.low] || leftOpenWords[t.low] {
			return false
		}
	}
	p := newParser(request, c, opts)
	_, _ = p.parse()
	for k, t := range p.toks {
		if t.isValue() {
			// "Layer 3 by DNS", "L7 filtering": the layer, no port.
			if !t.saidIn(said) && !p.numbering(k) {
				return false
			}
			continue
		}
		if !factClaims[p.claim[k]] && !said[t.low] {
			return false
		}
	}
	return true
}

// factVerdictWords say a verdict, a limit or what is wanted beside the
// verdict words of vocabulary.go: a clause holding one may be a rule of
// its own, and is not set aside as the setting of another.
var factVerdictWords = set("only", "except", "but", "other", "others", "else", "out", "unless", "stay", "stays", "keep", "keeps", "need", "needs", "must",
	"should", "shall", "want", "wants", "exception", "exceptions", "excluded", "excluding", "without", "closed", "off", "nothing", "none", "nobody")

// factClaims are the claims of words that name nothing a rule must keep:
// words of framing, fillers, the words around an endpoint.
var factClaims = set("", "filler", "framing", "no-meaning", "endpoint", "list", "namespace-of", "heading", "policy-name", "labels", "workload-name", "described-by-labels", "describes-address")

// dropFactsBeforeRules sets aside the clauses factBeforeRule finds, with
// their intents and errors.
func dropFactsBeforeRules(request string, cs []clause, intents []*generator.Intent, errs []error, dismissed []clause, opts generator.Options) ([]clause, []*generator.Intent, []error, []clause) {
	if !slices.Contains(errs, nil) {
		return cs, intents, errs, dismissed
	}
	for i := 0; i < len(cs); i++ {
		reported := reportedPolicyBefore(request, cs, errs, i, opts)
		fact := reported || factBeforeRule(request, cs, errs, i, opts) && askedNameSaidAgain(cs, intents, errs, i)
		if !fact && !backgroundSentence(request, cs, errs, i, opts) {
			continue
		}
		d := cs[i]
		d.dismissed = "setting-of-the-rule"
		switch {
		case reported:
			d.dismissed = "another-tools-rules"
		case !fact:
			d.dismissed = "background" // backgroundSentence
		}
		dismissed = append(dismissed, d)
		cs, intents, errs = slices.Delete(cs, i, i+1), slices.Delete(intents, i, i+1), slices.Delete(errs, i, i+1)
		i--
	}
	return cs, intents, errs, dismissed
}

// wordsOfRules collects the words of the clauses read without error (and
// the forms variants gives of each), and whether one of them comes after
// clause i: what the rules say, against which a sentence before them is
// checked.
func wordsOfRules(cs []clause, errs []error, i int, variants func(token) []string) (map[string]bool, bool) {
	said := map[string]bool{}
	ruleAfter := false
	for j := range cs {
		if errs[j] != nil {
			continue
		}
		ruleAfter = ruleAfter || j > i
		for _, t := range cs[j].toks {
			said[t.low] = true
			if variants != nil {
				for _, v := range variants(t) {
					said[v] = true
				}
			}
		}
	}
	return said, ruleAfter
}

// unreadClause gives clause i when the engine found no rule in it ("I do
// not understand what the policy should do", "... what to do with it")
// and it has words and is not a clause sharing the subject before it: the
// sentence a fact or a report before the rules may be.
func unreadClause(cs []clause, errs []error, i int) (clause, bool) {
	nu, ok := errs[i].(*generator.NotUnderstoodError)
	if !ok || !strings.HasPrefix(nu.Missing, "I do not understand what the policy should do") && !strings.HasPrefix(nu.Missing, "I do not understand what to do with it") &&
		!slices.ContainsFunc(partAsked, func(q string) bool { return strings.HasPrefix(nu.Missing, q) }) {
		return clause{}, false
	}
	c := cs[i]
	return c, !c.sameSubject && len(c.toks) > 0
}

// partAsked are the questions a sentence of setting asks when read as a
// rule of its own, for a part of a rule (its pods, direction or verdict)
// that the rule after it gives: "fix: the namespace selector for
// ingress-nginx in the tenant policy was wrong ... Lease pods ... accept
// traffic from the ingress-nginx namespace" asked which direction.
var partAsked = []string{"which pods should this", "which direction", "which labels do the", "I do not understand this as a security policy"}

// askedNameSaidAgain reports whether the name clause i was asked about as
// pods ("which labels do the "node-red" pods carry?") the rules after it
// say again (nameSaidAgain): "global networkPolicies entry for the
// Node-RED instances: pods labeled app=flowforge-nr ..." names pods the
// rule may not be about, and still asks. Other questions hold no name.
func askedNameSaidAgain(cs []clause, intents []*generator.Intent, errs []error, i int) bool {
	nu, ok := errs[i].(*generator.NotUnderstoodError)
	if !ok || !strings.HasPrefix(nu.Missing, "which labels do the") {
		return true
	}
	q := strings.SplitN(nu.Missing, "\"", 3)
	if len(q) < 3 {
		return false
	}
	var ruled []clause
	var ruledIn []*generator.Intent
	for j := range cs {
		if errs[j] == nil {
			ruled, ruledIn = append(ruled, cs[j]), append(ruledIn, intents[j])
		}
	}
	// "the workers" as app=worker, "front-end" as frontend (sameName).
	return nameSaidAgain(q[1], ruled, ruledIn) || slices.ContainsFunc(ruled, func(c clause) bool {
		return slices.ContainsFunc(c.toks, func(u token) bool { return sameName(u, q[1]) })
	}) || nameOfContext(cs[i].toks, q[1], ruledIn)
}

// nameOfContext reports whether a name that a sentence of setting before
// the rules gives, and the rules do not say again, is a word of context
// the rules can do without. The sentence must hold no order, no verb of
// guarding and no direction (orderWords, titleOrders, the words of
// ingress and egress) that could make the name the pods the
// rules are for ("Protect the ledger service: allow app=web ...",
// "Harden the api deployment: ...", "egress checkout" still ask). Then the
// name is context when no pod noun or kind of workload follows it ("a
// cluster mining cryptocurrency and relaying spam ... Cluster-wide, deny
// every pod egress to the world on TCP 25"), or when every rule gives its
// pods by labels ("${APP}-dragonfly-allow-metrics for the immich
// instance: pods labeled app=immich-dragonfly ..."): the rules say which
// pods they are for. A name said as pods ("for the billing pods") before
// a rule for every pod of a namespace narrows that rule, and still asks:
// set aside, the rule would hold for pods the request kept out of it.
func nameOfContext(toks []token, name string, ruledIn []*generator.Intent) bool {
	said, asPods := false, false
	for k, t := range toks {
		if orderWords[t.low] || titleOrders[t.low] || ingressWords[t.low] || egressWords[t.low] {
			return false
		}
		if t.low == name {
			said = true
			asPods = asPods || k+1 < len(toks) && (podNouns[toks[k+1].low] || workloadKinds[toks[k+1].low] != "")
		}
	}
	if !said || len(ruledIn) == 0 {
		return false
	}
	if !asPods {
		return true
	}
	for _, x := range ruledIn {
		for _, y := range append([]*generator.Intent{x}, x.Others...) {
			if y.Subject.Pods == nil || len(y.Subject.Pods.MatchLabels) == 0 && len(y.Subject.Pods.MatchExpressions) == 0 {
				return false
			}
		}
	}
	return true
}

// policyObject reports whether toks open with a policy as the object of a
// verb: "a network policy", "the KubeArmor policy", "the netpols".
func policyObject(toks []token) bool {
	k := 0
	for k < len(toks) && (determiners[toks[k].low] || toolWords[toks[k].low] || genericTitleWords[toks[k].low] && !policyNouns[toks[k].low]) {
		k++
	}
	return k < len(toks) && policyNouns[toks[k].low]
}
