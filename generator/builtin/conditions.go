package builtin

import (
	"fmt"
	"slices"
	"strings"

	"github.com/kunerva/kunerva/generator"
)

// credentialWords name a credential a request may carry or a caller may
// hold: "with a valid JWT", "with service account web-sa", "using an API
// key", "with a client certificate". No network rule kunerva writes can
// require one.
var credentialWords = set("jwt", "jwts", "api-key", "apikey")

// credentialAsked asks when a network rule stands beside a credential it
// does not read: "Allow app=web to reach app=api on 8080 with a valid
// JWT" allowed every request, "Allow app=web with service account web-sa
// to reach app=api" every app=web pod.
func credentialAsked(request string, toks []token, all []*generator.Intent) error {
	// (An API key said as a header the HTTP rules read is no such case.)
	if !slices.ContainsFunc(all, func(x *generator.Intent) bool { return len(x.Network) > 0 }) || slices.ContainsFunc(all, func(x *generator.Intent) bool {
		return slices.ContainsFunc(x.Network, func(r generator.NetworkRule) bool { return len(r.HTTP) > 0 })
	}) {
		return nil
	}
	for i, t := range toks {
		said := credentialWords[t.low] || t.low == "api" && i+1 < len(toks) && (toks[i+1].low == "key" || toks[i+1].low == "keys") ||
			(t.low == "token" || t.low == "tokens") && i > 0 && set("valid", "bearer", "signed", "jwt")[toks[i-1].low]
		if !said {
			continue
		}
		return &generator.NotUnderstoodError{Request: request, Understood: all[0].Summary(), Example: generator.ExampleNetwork,
			Missing: fmt.Sprintf("%q: a network policy cannot require a credential or select callers by it; should the rule hold for every caller (say it without), or name the pods by their labels?", t.raw)}
	}
	return nil
}

// purposeEnds end a clause of purpose that says what keeps working.
var purposeEnds = set("pass", "passes", "work", "works", "succeed", "succeeds", "working", "up", "green", "through", "function", "functions")

// purposeValue asks about a value the policy took from a clause of
// purpose: "Allow app=lb to reach app=web on 80 so that health checks on
// 8081 pass" gave 8081 to app=lb, while the checks come from elsewhere.
// What the rule is for may name traffic of others.
func purposeValue(request string, toks []token, all []*generator.Intent) error {
	for i, t := range toks {
		if !(t.low == "so" && i+1 < len(toks) && toks[i+1].low == "that") && !(t.low == "in" && i+2 < len(toks) && toks[i+1].low == "order" && toks[i+2].low == "to") {
			continue
		}
		// "so that health checks on 8081 pass": the clause ends with what
		// keeps working; "so that the pods only accept ..." says the rule.
		_, b := sentenceAround(toks, i, false)
		if !purposeEnds[toks[b-1].low] {
			continue
		}
		for _, x := range all {
			for _, o := range x.Origins {
				if o.From == generator.FromRequest && strings.Contains(o.Field, ".ports[") && t.start <= o.Start && o.End <= toks[b-1].end {
					return &generator.NotUnderstoodError{Request: request, Understood: x.Summary(), Example: generator.ExampleFor(x),
						Missing: fmt.Sprintf("%q says what the rule is for: is %q part of the rule, and who sends that traffic? Say it as a rule of its own (\"allow ingress to X from Y on 8081\"), or leave it out", request[t.start:toks[b-1].end], o.Text)}
				}
			}
		}
	}
	return nil
}
