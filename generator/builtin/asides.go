package builtin

import (
	"fmt"
	"slices"
	"strings"
	"unicode"

	"github.com/kunerva/kunerva/generator"
)

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
	"setting-of-the-rule":      "the setting of the rule after it, which says its values again",
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
	// (Every pod of a namespace is pods too: "Least privilege for the
	// billing pods. Block raw sockets in all pods of namespace web" gave
	// the block for namespace web alone.)
	if len(intents) == 0 || slices.ContainsFunc(intents, func(x *generator.Intent) bool {
		return len(x.System) == 0 || x.Subject.Pods == nil && (x.Subject.Scope != generator.ScopePods || x.Subject.Namespace == "")
	}) {
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
		if k == 0 || t.low != "pods" || !opensRequest(request, d.toks) {
			continue
		}
		w := d.toks[k-1]
		if w.kind != tWord || determiners[w.low] || describingWord(w.low) || fillerWords[w.low] || prepositions[w.low] || podNouns[w.low] || slices.Contains(outside, w.low) || roleWords[w.low] || scopeQualifiers[w.low] {
			continue
		}
		if !slices.ContainsFunc(intents, func(x *generator.Intent) bool { return x.Subject.Pods != nil && labelsSay(x.Subject.Pods, w.low) }) {
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

// sameValues are values of a rule after "same": "same ports", "same
// peers", "same paths".
var sameValues = set("port", "ports", "peer", "peers", "path", "paths", "source", "sources", "destination", "destinations", "address", "addresses",
	"range", "ranges", "cidr", "cidrs", "label", "labels", "method", "methods", "name", "names", "domain", "domains",
	"files", "file", "binaries", "binary", "processes", "process", "exceptions", "exception", "clients", "callers", "hosts", "endpoints", "protocol", "protocols")

// repeatWords say that a clause repeats the rule before it for something
// else: "ditto for cart", "likewise orders", "similarly for db".
var repeatWords = set("ditto", "likewise", "similarly", "idem")

// repeatAsked asks about a clause, read as a reason, that repeats the rule
// before it for other pods or peers: "...; same for orders", "ditto for
// cart", "Do the same for cart.", "the same goes for orders", "Also
// orders.", "Orders as well." Dropped, the second rule is lost.
func repeatAsked(request string, d clause, intents []*generator.Intent) error {
	if len(intents) == 0 {
		return nil
	}
	// A clause that opens with "same" and points back: "Same ports for
	// the app=api pods: allow ingress from app=gw" (values said before the
	// request, which dropped would leave the rule open), "Same rules for
	// the app=api pods: also allow ..." (the rules said before hold too).
	if n := slices.IndexFunc(d.toks, func(t token) bool { return t.low != "the" }); n >= 0 && n+1 < len(d.toks) && d.toks[n].low == "same" &&
		(sameValues[d.toks[n+1].low] || strings.Contains(strings.ToLower(request[d.toks[len(d.toks)-1].end:]), " also ")) {
		return &generator.NotUnderstoodError{Request: request, Understood: intents[0].Summary(), Example: generator.ExampleFor(intents[0]),
			Missing: fmt.Sprintf("what does %q point back to? kunerva reads only this request: name the values again, or say every rule in full", d.text(request))}
	}
	// a clause that opens the request repeats nothing
	if d.toks[0].start == 0 {
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
