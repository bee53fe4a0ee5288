package builtin

import (
	"fmt"
	"slices"
	"strings"

	"github.com/kunerva/kunerva/generator"
)

// What is said beside a rule, after a dash, in brackets, in a question or in
// a remark, is no part of it unless its words make it one. Read as one more
// value, it widened, narrowed or flipped the rule it stands by.

// tailEnds end the stretch of words after a mid-line dash, a comma or a
// colon.
var tailEnds = set(".", ";", "?", "!", "(", ")", "-", ",", ":")

// tailRuleWords make the words after a dash or comma part of the rule: "-
// only app=api may reach it", "- and 8443", "- except 10.1.0.0/16".
var tailRuleWords = set("only", "except", "but", "and", "or", "plus", "also", "too", "excluding", "including", "not", "no")

// tailLinks open words that say what the words before them mean or why:
// ", which is where postgres listens", ", so it keeps working".
var tailLinks = set("which", "that", "where", "who", "whose", "so", "because", "as", "since", "when", "while", "if", "unless", "though", "although", "i.e", "i.e.", "e.g", "e.g.")

// storyOpeners and colonStoryVerbs make the words after a colon a story of what
// happened: ": the miner dropped itself there and in /dev/shm/".
var (
	storyOpeners    = set("the", "our", "we", "they", "it", "someone", "a", "an", "this")
	colonStoryVerbs = set("wrote", "dropped", "ran", "saw", "found", "hid", "left", "came", "went", "made", "took", "used", "tried", "planted", "spawned",
		"downloaded", "installed", "created", "copied", "moved", "landed", "started", "fetched", "pulled")
)

// factTailSaid asks about a value the policy took from the words after a
// mid-line dash or a comma that tell how things are ("- metrics are on
// 9187", "- our VPN is 172.16.0.0/12", "- /etc/passwd is public anyway",
// ", health checks are on 8081", "- /usr/bin/passwd updates it"), or after
// a colon that tell what happened (": the miner dropped itself there and in
// /dev/shm/"): a fact about the setup, read as one more port, address,
// path or source of the rule. Or about words after any of these, or in
// brackets, that say something else goes on beside the rule (keepsOther).
// ("- app=db on 5432" and "- only app=api may reach it" hold no such verb,
// or are rules.)
func factTailSaid(request string, toks []token, all []*generator.Intent) error {
	for i := 1; i < len(toks); i++ {
		sep := toks[i].low
		if sep != "-" && sep != "," && sep != ":" && sep != "(" || strings.Contains(request[toks[i-1].end:toks[i].start], "\n") {
			continue
		}
		e := i + 1
		for e < len(toks) && !tailEnds[toks[e].low] && !strings.Contains(request[toks[e-1].end:toks[e].start], "\n") {
			e++
		}
		tail := toks[i+1 : e]
		if len(tail) == 0 || len(all) == 0 {
			continue
		}
		ordered := slices.ContainsFunc(tail, func(t token) bool { return allowWords[t.low] || denyWords[t.low] || auditWords[t.low] })
		if !ordered && keepsOther(tail, all) {
			return &generator.NotUnderstoodError{Request: request, Understood: all[0].Summary(), Example: generator.ExampleFor(all[0]),
				Missing: fmt.Sprintf("%q says something beside the rule that may change it: what does it need (which pods, programs or ports), and should the rule let it through too? Say it as a rule of its own, or leave it out", request[tail[0].start:tail[len(tail)-1].end])}
		}
		n := len(tail)
		verb := slices.ContainsFunc(tail, func(t token) bool { return t.kind == tWord && clausalAsideVerbs[t.low] }) ||
			n >= 2 && pronouns[tail[n-1].low] && tail[n-2].kind == tWord && !prepositions[tail[n-2].low] && !determiners[tail[n-2].low]
		rule := slices.ContainsFunc(tail, func(t token) bool {
			return tailRuleWords[t.low] || allowWords[t.low] || denyWords[t.low] || auditWords[t.low] || modals[t.low] || negationWords[t.low]
		})
		switch {
		case sep == "(":
			continue // asideCarries reads brackets (valueToldOf)
		case sep == ":":
			if !storyOpeners[tail[0].low] || !slices.ContainsFunc(tail, func(t token) bool { return colonStoryVerbs[t.low] }) {
				continue
			}
		case !verb || rule || tailLinks[tail[0].low]:
			continue
		}
		// After a comma, a clause of its own that names a direction is
		// part of the rule ("..., every pod in it needs egress to ..."), and
		// one about the rule's paths or pods says what the rule is ("In the
		// app=web pods, /etc/nginx/ is read-only"): only a port, address
		// or source process it gives is a fact beside the rule.
		field := func(string) bool { return true }
		if sep == "," {
			if directionSaid(tail) {
				continue
			}
			field = func(f string) bool {
				return strings.Contains(f, ".ports[") || strings.HasSuffix(f, ".cidr") || strings.Contains(f, ".fromSource")
			}
		}
		if err := valueFrom(request, all, toks[i].end, toks[e-1].end, request[toks[i+1].start:toks[e-1].end], field); err != nil {
			return err
		}
	}
	return nil
}

// valueFrom asks about the first value a policy took from request[a:b],
// words that tell how things are, into a field that field accepts.
func valueFrom(request string, all []*generator.Intent, a, b int, said string, field func(string) bool) error {
	for _, x := range all {
		for _, o := range x.Origins {
			if o.From == generator.FromRequest && a <= o.Start && o.End <= b && field(o.Field) {
				return &generator.NotUnderstoodError{Request: request, Understood: x.Summary(), Example: generator.ExampleFor(x),
					Missing: fmt.Sprintf("%q tells how things are: is %q part of the rule, or only said about the setup? Say it as a rule of its own, or leave it out", said, o.Text)}
			}
		}
	}
	return nil
}

// questionBesideRules asks about a value taken from a yes/no question
// beside the rules: "Block /bin/sh in app=web. Should /bin/bash be blocked
// too?", "app=web may only reach app=api on 8080. Should DNS be allowed?"
// ask the reader, they order nothing. ("Can you ...?", "Could we ...?"
// ask for the rule.)
func questionBesideRules(request string, toks []token, all []*generator.Intent) error {
	for q := strings.IndexByte(request, '?'); q >= 0; q = nextQuestion(request, q) {
		a := strings.LastIndexAny(request[:q], ".;!?:\n") + 1
		in := slices.IndexFunc(toks, func(t token) bool { return t.start >= a })
		if in < 0 || in+1 >= len(toks) || toks[in].start >= q || !questionStarts[toks[in].low] || questionAskers[toks[in+1].low] && !whetherAsked[toks[in].low] || toks[in].low == "why" {
			continue
		}
		// The whole request asked is left to the rules of questions.
		if strings.TrimSpace(request[:a]) == "" && strings.Trim(request[q:], "?!. \n") == "" {
			continue
		}
		for _, x := range all {
			for _, o := range x.Origins {
				if o.From == generator.FromRequest && a <= o.Start && o.End <= q {
					return &generator.NotUnderstoodError{Request: request, Understood: x.Summary(), Example: generator.ExampleFor(x),
						Missing: fmt.Sprintf("%q asks a question: is %q part of the rule? Say it as an order (\"allow ...\", \"block ...\"), or leave it out", strings.TrimSpace(request[a:q+1]), o.Text)}
				}
			}
		}
	}
	return nil
}

// whetherAsked open a question of whether to do it even with "we" or "I"
// after them ("Do we need to block /bin/bash too?", "Should we also block
// it?"); "can you", "could we", "would you" ask for the rule.
var whetherAsked = set("do", "does", "should", "shall", "must", "is", "are")

// nextQuestion finds the question mark after the one at q, or -1.
func nextQuestion(request string, q int) int {
	n := strings.IndexByte(request[q+1:], '?')
	if n < 0 {
		return -1
	}
	return q + 1 + n
}

// factVerdictNouns are verdict words that also name a thing: "Logs go to
// /var/log/app/", "Alerts go to #sec-oncall".
var factVerdictNouns = set("logs", "alerts")

// nounVerbs follow a verdict noun and make it the subject of a fact.
var nounVerbs = set("go", "goes", "land", "end", "get", "are", "is", "flow", "ship", "stay", "live", "sit")

// verdictNounRead asks when the verdict of a rule came from a noun that is
// the subject of a fact: "Block writes to /etc/ in app=web. Logs go to
// /var/log/app/." audited /var/log/app/.
func verdictNounRead(request string, toks []token, all []*generator.Intent) error {
	for _, x := range all {
		for _, o := range x.Origins {
			if o.From != generator.FromRequest || !strings.HasSuffix(o.Field, ".action") && !strings.HasSuffix(o.Field, ".verdict") || !factVerdictNouns[strings.ToLower(o.Text)] && !auditWords[strings.ToLower(o.Text)] {
				continue
			}
			k := slices.IndexFunc(toks, func(t token) bool { return t.start == o.Start })
			// "Audit logs go to ...": the verdict word names the logs.
			if k >= 0 && k+2 < len(toks) && factVerdictNouns[toks[k+1].low] {
				k++
			}
			if k < 0 || k+1 >= len(toks) || !nounVerbs[toks[k+1].low] {
				continue
			}
			return &generator.NotUnderstoodError{Request: request, Understood: x.Summary(), Example: generator.ExampleFor(x),
				Missing: fmt.Sprintf("is %q a verdict, or what the sentence is about (%q)? Say what should happen with its own verb (\"audit ...\", \"block ...\"), or leave it out", o.Text, request[toks[k].start:toks[min(k+3, len(toks)-1)].end])}
		}
	}
	return nil
}

// keepWords say that something goes on as it does: "Prometheus keeps
// scraping it", "curl keeps working", "ping still needed".
var keepWords = set("keeps", "keep", "continues", "continue", "still")

// reasonKeepsOther asks when a sentence set aside as a reason says that
// something else goes on or needs what the rule is about: "only app=api may
// reach app=db on 5432. Prometheus keeps scraping it" cut Prometheus off,
// "only /usr/bin/node may use the network - envoy also needs it" cut envoy
// off, "Block /usr/bin/curl in app=web. (We saw wget used as well.)" left
// wget out. Or that what is denied is logged rather than dropped:
// "denied connections are logged, not dropped".
func reasonKeepsOther(request string, d clause, intents []*generator.Intent) error {
	if len(intents) == 0 || slices.ContainsFunc(d.toks, func(t token) bool {
		return negationWords[t.low] && t.low != "not" || t.low == "nothing" || t.low == "nobody" || attackNouns[t.low] || actorNouns[t.low] || actorsNouns[t.low] || compromiseWords[t.low]
	}) {
		return nil
	}
	if !keepsOther(d.toks, intents) {
		return nil
	}
	return &generator.NotUnderstoodError{Request: request, Understood: intents[0].Summary(), Example: generator.ExampleFor(intents[0]),
		Missing: fmt.Sprintf("%q says something beside the rule that may change it: what does it need (which pods, programs or ports), and should the rule let it through, hold it too, or log rather than block? Say it as a rule of its own, or leave it out", d.text(request))}
}

// keepOnVerbs say what goes on that an allow-list may cut off: "keeps
// scraping it", "has to keep working", "still needs it".
var keepOnVerbs = with(dependWords, "working", "works", "work", "scraping", "scrapes", "reaching", "calling", "connecting", "talking", "polling", "pulling",
	"sending", "hitting", "using", "uses", "running", "serving")

// keptApart are the words that make the words about what goes on a
// reason for the rule or a word about the rest: "so it keeps working",
// "everything else keeps working", "DNS has to keep working".
var keptApart = set("so", "else", "rest", "other", "everything", "all", "dns", "lookups", "until", "because", "once")

// keepsOther reports whether words say that something else goes on
// beside an allow-list ("Prometheus keeps scraping it", "Grafana still
// needs it"), that something else needs what a rule is about too ("envoy
// also needs it", "we saw wget used as well"), or, beside network rules,
// that what is denied is logged rather than dropped.
func keepsOther(toks []token, all []*generator.Intent) bool {
	has := func(m map[string]bool) bool { return slices.ContainsFunc(toks, func(t token) bool { return m[t.low] }) }
	if has(keptApart) {
		return false
	}
	keeps := has(keepWords) && has(keepOnVerbs) && slices.ContainsFunc(all, allows)
	// "also" anywhere; "too" and "as well" last ("too open" is no more).
	n := len(toks)
	for n > 0 && toks[n-1].kind == tPunct {
		n--
	}
	also := has(set("also")) || n > 0 && (toks[n-1].low == "too" || toks[n-1].low == "well" && n > 1 && toks[n-2].low == "as")
	also = also && (has(dependWords) && has(set("it", "them", "that", "this")) || slices.ContainsFunc(toks, func(t token) bool {
		return (knownExecutables[t.low] || isValue(t) && t.kind != tNumber) && !readByIntents(t, all)
	}))
	network := !slices.ContainsFunc(all, func(x *generator.Intent) bool { return len(x.System) > 0 })
	logged := network && has(set("logged", "audited", "alerted")) && has(set("not", "instead", "rather", "only"))
	return keeps || also || logged
}
