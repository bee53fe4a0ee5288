package builtin

import (
	"fmt"
	"strings"

	"github.com/kunerva/kunerva/generator"
)

// openGerunds, beside verdictGerunds, open a statement whose subject is
// opening something: "opening port 22 is out of scope".
var openGerunds = set("opening", "enabling", "letting", "exposing")

// consequenceVerbs, beside ruleEffectVerbs, say after such a subject what
// doing it would bring about or what it is: "allowing 80 would be
// insecure", "opening 22 is out of scope".
var consequenceVerbs = set("would", "will", "could", "might", "break", "is", "was", "isn't", "wasn't",
	"would've", "wouldn't", "won't", "means", "makes", "made", "leads", "led", "defeats", "violates", "hurts", "costs", "seems")

// gerundRule asks about a value the policy took from a statement whose
// subject is doing a rule: "Block /bin/sh (blocking /bin/bash breaks the
// image)" blocked bash, "allow 443 (allowing port 80 would be insecure)"
// allowed 80. Such a statement says what the rule would do to things, not
// that the rule is for it; most often it warns against it.
func gerundRule(request string, toks []token, all []*generator.Intent) error {
	for i, t := range toks {
		if !verdictGerunds[t.low] && !openGerunds[t.low] || i > 0 && toks[i-1].kind != tPunct && !clauseOpeners[toks[i-1].low] {
			continue
		}
		e := i + 1
		for e < len(toks) && toks[e].kind != tPunct && !consequenceVerbs[toks[e].low] && !ruleEffectVerbs[toks[e].low] {
			e++
		}
		if e >= len(toks) || !consequenceVerbs[toks[e].low] && !ruleEffectVerbs[toks[e].low] || e == i+1 {
			continue
		}
		end := e
		for end+1 < len(toks) && toks[end+1].kind != tPunct {
			end++
		}
		for _, x := range all {
			for _, o := range x.Origins {
				if o.From == generator.FromRequest && t.end <= o.Start && o.End <= toks[e].start {
					return &generator.NotUnderstoodError{Request: request, Understood: x.Summary(), Example: generator.ExampleFor(x),
						Missing: fmt.Sprintf("%q says what doing it would bring about: is %q part of the rule, or what it must leave alone? Say it as a rule of its own, or leave it out", request[t.start:toks[end].end], o.Text)}
				}
			}
		}
	}
	return nil
}

// clauseOpeners may stand before the gerund that opens such a statement:
// "since blocking /bin/bash breaks the image", "but allowing 80 would be
// insecure".
var clauseOpeners = set("since", "as", "because", "but", "and", "note", "note:", "though", "although", "also", "just", "simply", "even", "otherwise", "so", "btw", "fyi", "ps", "nb")

// keepFromRead asks about "keep X from <doing>" beside the rules: "block
// /bin/bash in app=web and keep /bin/sh from running" read /bin/sh as the
// program the block of /bin/bash came from, and "Also keep app=db from
// calling out" after an allow was dropped with its clause. The idiom asks
// for a rule of its own, which the words do not say. (Read by keptApart,
// "keep the app=web pods from reaching X" is a deny of the rules.)
func keepFromRead(request string, toks []token, all []*generator.Intent) error {
	for i := 0; i+3 < len(toks); i++ {
		t, x := toks[i], toks[i+1]
		if (t.low != "keep" && t.low != "keeps") || x.kind != tPath && x.kind != tLabel || toks[i+2].low != "from" || !strings.HasSuffix(toks[i+3].low, "ing") ||
			readByIntents(t, all) || readByIntents(toks[i+3], all) {
			continue
		}
		rule := "block " + x.raw
		if x.kind == tLabel {
			rule = "deny all egress from " + x.raw
		}
		return &generator.NotUnderstoodError{Request: request, Understood: all[0].Summary(), Example: generator.ExampleFor(all[0]),
			Missing: fmt.Sprintf("what rule is %q? Say it as a rule of its own (\"%s\")", request[t.start:toks[i+3].end], rule)}
	}
	return nil
}
