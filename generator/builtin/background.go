package builtin

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/kunerva/kunerva/generator"
)

// backgroundSentence reports whether clause i, which asked only for its
// verdict, is a sentence of background beside a complete rule: it says
// where pods run, what they do or what broke, and holds no verdict. "The
// EgressPolicy for app=shopping sends 10.6.1.92/32 through the egress
// gateway, and a ping to it is our health check. Allow the shopping pods
// (app=shopping, namespace default) to send ICMP echo requests to
// 10.6.1.92/32", "Every CI job gets its own pod, created by the runner
// through the Kubernetes API, while the runner itself polls GitLab for new
// jobs. Restrict the egress of the gitlab-runner pods ...". Read as a rule,
// it asked for a verdict the rule beside it gives.
//
// factBeforeRule sets aside a sentence whose every claimed word the rule
// says again; this rule reads the sentence as people write background,
// by the frames of backgroundFrames, each of which must hold. A sentence
// that is the only one that could be the rule still asks ("... says what
// the pods do, not what a policy should do"), and so does one that names
// a value no rule uses (issue 9: no value silently dropped). A program
// is said again by the last element of a path ("a working curl" by
// /usr/bin/curl, programOfPath).
func backgroundSentence(request string, cs []clause, errs []error, i int, opts generator.Options) bool {
	c, ok := unreadClause(cs, errs, i)
	if !ok {
		return false
	}
	nu := errs[i].(*generator.NotUnderstoodError)
	if !strings.HasPrefix(nu.Missing, "I do not understand what the policy should do") && !strings.HasPrefix(nu.Missing, "I do not understand what to do with it") {
		return false
	}
	b := background{request: request, c: c, cs: cs, errs: errs, i: i, opts: opts}
	for _, f := range backgroundFrames {
		if !f.holds(&b) {
			return false
		}
	}
	return true
}

// background is what the frames of backgroundFrames read: the clause, the
// clauses around it and their errors.
type background struct {
	request string
	c       clause
	cs      []clause
	errs    []error
	i       int
	opts    generator.Options
}

// backgroundFrames are the frames a sentence of background holds, in the
// order they are checked; every one must hold.
var backgroundFrames = []struct {
	name  string
	holds func(*background) bool
}{
	// "Allow the shopping pods ... to send ICMP echo requests to
	// 10.6.1.92/32": another clause read as a whole rule (its verdict,
	// subject and what it reaches); alone, the sentence is asked about.
	{"a rule beside it", func(b *background) bool { return slices.ContainsFunc(b.errs, func(e error) bool { return e == nil }) }},
	// "and exec calls from ...", "from the other nodes, ...": a clause
	// opening with a word that joins it to a rule is part of that rule.
	{"opens a sentence", func(b *background) bool {
		w := b.c.toks[0].low
		return !coordinators[w] && !(prepositions[w] && !opensSentence(b.request, b.c))
	}},
	// "Can CoreDNS be allowed egress ...?": a question asks for a rule.
	{"no question", func(b *background) bool {
		return !strings.HasPrefix(strings.TrimSpace(b.request[b.c.toks[len(b.c.toks)-1].end:]), "?")
	}},
	// "Heavy nodes stay out", "the database should not open ...", "block
	// ...", "the pods never talk to the API server": a verdict, a modal,
	// an imperative, a limit or a negation may be a rule of its own.
	// "The MarkLogic chart has networkPolicy.enabled false" owns; "admins
	// have to go through sudo" orders.
	{"no verdict, modal or negation", func(b *background) bool {
		for k, t := range b.c.toks {
			w := t.low
			if denyWords[w] || allowWords[w] || auditWords[w] || isolateWords[w] || restrictionWords[w] || leftOpenWords[w] || factVerdictWords[w] ||
				modals[w] || imperatives[w] || negationWords[w] || writeWords[w] || backgroundOrders[w] ||
				slices.Contains(haveWords, w) && k+1 < len(b.c.toks) && b.c.toks[k+1].low == "to" {
				return false
			}
		}
		return true
	}},
	// "The EgressPolicy for app=shopping sends 10.6.1.92/32 ...": every
	// value (label, address, port, path, name with dots) and every word a
	// rule of reading claimed (pods, a namespace, an entity, a program, a
	// capability) a rule says again; only words of backgroundFree may
	// differ ("a ping" beside "ICMP echo requests"). "Our Prometheus runs
	// in the monitoring namespace" beside a rule for namespace tools,
	// "Brand new cluster exposed to the internet and the nodes", "Docker
	// grants CAP_NET_RAW" name what no rule says, and ask.
	{"every value said again", func(b *background) bool {
		said, _ := wordsOfRules(b.cs, b.errs, b.i, programOfPath)
		p := newParser(b.request, b.c, b.opts)
		_, _ = p.parse()
		for k, t := range p.toks {
			// "Add web service related policies, part 3.": the part, no port.
			if t.saidIn(said) || p.numbering(k) {
				continue
			}
			if t.isValue() {
				return false
			}
			if c := p.claim[k]; !factClaims[c] && !backgroundFree[c] || c == "workload-name" && b.opts.Tree != nil {
				return false
			}
		}
		return true
	}},
}

// backgroundOrders are words of an order or a wish beside the verdict
// words and modals: "use sudo instead of su", "let's enforce it", "admins
// have to go through sudo".
var backgroundOrders = set("let", "let's", "lets", "please", "use", "instead", "ought", "ensure", "make")

// backgroundFree are the claims of words a sentence of background may say
// in other words than the rule, beside factClaims: the kind of traffic
// ("a ping" for "ICMP echo requests") and a word read as part of a name
// ("the egress gateway"). factClaims lets a workload's bare name pass; it
// names pods only where the tree knows it, and with a tree it must be
// said again.
var backgroundFree = set("name-word", "icmp", "icmp-echo")

// reportedRuleValues asks about a clause that opens with what a tool
// shows ("Hubble shows", "kubectl says") and was read as a rule beside
// another rule, when it names a value the other rules do not say again
// (the frame "every value said again" of backgroundFrames). "Hubble shows
// app=web reaching app=db on port 5432 only over UDP. Allow app=web to
// reach app=db on port 5432" once allowed 5432 over UDP and TCP; "...
// on port 5432 in namespace prod. Allow ..." moved the rule to prod
// (finder 16, S12). What the tool saw may be the reason for the rule or a
// part of it; only the writer knows.
func reportedRuleValues(request string, cs []clause, intents []*generator.Intent, errs []error, opts generator.Options) error {
	for i, c := range cs {
		if errs[i] != nil || len(c.toks) < 3 || !reportOpens(c.toks) {
			continue
		}
		others := slices.Clone(errs)
		others[i] = errNotARule
		if !slices.Contains(others, nil) {
			continue
		}
		b := background{request: request, c: c, cs: cs, errs: others, i: i, opts: opts}
		if backgroundFrames[len(backgroundFrames)-1].holds(&b) {
			continue
		}
		return &generator.NotUnderstoodError{Request: request, Understood: intents[i].Summary(), Example: generator.ExampleFor(intents[i]),
			Missing: fmt.Sprintf("is %q what the policy should do, or what happens today? It names what the rule beside it does not say; say it in the rule", c.text(request))}
	}
	return nil
}

// errNotARule stands for a clause read as no rule, where the frames of
// backgroundFrames must not count it among the rules.
var errNotARule = errors.New("not a rule")

// reportOpens reports whether toks open with a tool and the verb of what
// it shows: "Hubble shows", "kubectl logs say", "our monitoring reports".
func reportOpens(toks []token) bool {
	tool := false
	for k, t := range toks {
		switch {
		case k > 3:
			return false
		case reportingTools[t.low]:
			tool = true
		case reportVerbs[t.low] || t.low == "show":
			return tool
		case t.low != "the" && t.low != "our" && t.low != "my":
			return false
		}
	}
	return false
}
