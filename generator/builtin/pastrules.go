package builtin

import (
	"fmt"
	"github.com/kunerva/kunerva/generator"
	"strings"
)

// Rules told as the past or as the state found (finder 7, S4, S6, S8).
// Each row of these tables marks words that say what a rule was, what
// someone did, or what state the pods are in; read as the rule, the
// policy asks for what the author reports (or wants gone).

// pastVerdicts are the verdicts in the past: "Pods labeled app=web were
// allowed to reach ...", "we isolated the worker pods".
var pastVerdicts = set("allowed", "permitted", "blocked", "denied", "isolated", "quarantined", "restricted", "opened", "locked", "prevented", "forbidden")

// headingLeads may stand before a heading of the state found ("Security
// review finding:"); a determiner makes it part of a sentence ("Second
// half of that issue:", "Repro for the describe bug:").
var headingLeads = set("that", "the", "this", "of", "a", "an", "for", "our", "my", "its")

// ruleToldAsPast asks about a rule said in the past or as a state, as
// the table rows below read them:
//   - "used to" and a verdict: "We used to allow pods labeled app=web to
//     reach ..." says what is no longer the rule.
//   - "was"/"were" and a verdict in the past, of a network rule: "Pods
//     labeled app=web were allowed to reach ..." (systems: account.go).
//   - "we"/"I" and a verdict in the past: "After the incident we isolated
//     the worker pods in payments. Now allow ..." tells what was done.
//   - a heading of the state found, before words that are no rule:
//     "Problem: pods labeled app=db are open to everyone."
//   - "only they/it may ...": the pronoun stands for pods named in
//     another sentence; read as the subject, "Only they may reach X"
//     became an egress allow-list on them instead of X's ingress.
func (p *parser) ruleToldAsPast(in *generator.Intent) string {
	if len(in.Network) == 0 {
		return ""
	}
	for i := range p.toks {
		switch {
		case p.is(i, "used") && p.is(i+1, "to") && (allowWords[p.word(i+2)] || denyWords[p.word(i+2)] || isolateWords[p.word(i+2)]):
			return fmt.Sprintf("%q says how things were, what you had or tried: which rule do you want now? Say it as a rule", p.text(i, i+3))
		case p.is(i, "was", "were") && pastVerdicts[p.word(i+1)]:
			return fmt.Sprintf("%q says what happened, not what a policy should do: which rule do you want now? Say it as a rule", p.text(i, i+2))
		case p.is(i, "we", "i") && (pastVerdicts[p.word(i+1)] || strings.HasSuffix(p.word(i+1), "ly") && pastVerdicts[p.word(i+2)]):
			return fmt.Sprintf("%q says what was done, what you had or tried: which rule do you want now? Say it as a rule", p.text(i, i+2))
		case problemHeadings[p.word(i)] && p.is(i+1, ":") && p.headingLeads(i) && !p.is(i+2, "only") && !(i+2 < len(p.toks) && ruleMarker(p.toks[i+2])):
			return fmt.Sprintf("is %q how things are now, or a rule? Say the rule (\"allow ...\", \"block ...\", \"only ... may ...\"); if it is how things are, leave it out", p.sentence(i+2))
		case p.is(i, "only") && (i == 0 || p.is(i-1, ".", ":", "!", "?", ";")) && p.is(i+1, "they", "it", "these", "those") && (modals[p.word(i+2)] || allowWords[p.word(i+2)]):
			return fmt.Sprintf("who is %q in %q? Name the pods it stands for (\"only pods labeled app=web may reach ...\")", p.toks[i+1].raw, p.text(i, i+3))
		}
	}
	return ""
}

// headingLeads reports whether the words before a heading word at i, back
// to the start of its sentence, are at most two and none of headingLeads.
func (p *parser) headingLeads(i int) bool {
	for k := i - 1; k >= 0 && !p.is(k, ".", "!", "?", "\n"); k-- {
		if i-k > 2 || headingLeads[p.word(k)] || p.toks[k].kind != tWord {
			return false
		}
	}
	return true
}

// sentence is the text from token i to the end of its sentence.
func (p *parser) sentence(i int) string {
	j := i
	for j < len(p.toks) && !p.is(j, ".", "!", "?") {
		j++
	}
	return p.text(i, j)
}
