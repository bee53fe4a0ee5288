package builtin

import (
	"fmt"
	"slices"
	"strconv"

	"github.com/kunerva/kunerva/generator"
)

// portKindWords may stand before "no port 80" in a clause that says which
// ports an allow-list leaves out: "TLS only, no port 80", "HTTPS only - not
// 80".
var portKindWords = set("tls", "https", "ssl", "encrypted", "only", "just", "plain", "http", "port", "ports", "on", "either", "tcp", "udp")

// portsLeftOut reports whether a clause, after others, only names ports
// that are not allowed: "TLS only, no port 80.", "No port 80.", "not 8080
// or 8443". It holds the negation, then port numbers, with words of
// portKindWords and punctuation around them; the numbers are in its
// tokens. Whether the rules leave those ports out is checked against them
// (leftOutPortsChecked): after a rule of every port, "no port 80" is a
// rule of its own.
func portsLeftOut(toks []token) bool {
	neg, ports := -1, 0
	for i, t := range toks {
		switch {
		case (t.low == "no" || t.low == "not") && neg < 0:
			neg = i
		case t.kind == tNumber && neg >= 0:
			ports++
		case t.kind == tPunct || portKindWords[t.low] || (t.low == "and" || t.low == "or" || t.low == "nor") && neg >= 0:
		default:
			return false
		}
	}
	return neg >= 0 && ports > 0
}

// leftOutPortsChecked checks a clause read by portsLeftOut against the
// rules: every network rule of the request allows, on ports it names, and
// none of them is a port the clause leaves out. Otherwise the clause may
// deny what a rule allows, and kunerva asks.
func leftOutPortsChecked(request string, d clause, intents []*generator.Intent) error {
	if d.dismissed != "ports-left-out" {
		return nil
	}
	var left []int
	for _, t := range d.toks {
		if n, err := strconv.Atoi(t.low); err == nil && t.kind == tNumber {
			left = append(left, n)
		}
	}
	rules := 0
	for _, in := range intents {
		for _, x := range append([]*generator.Intent{in}, in.Others...) {
			for _, r := range x.Network {
				rules++
				if r.Verdict != generator.Allow || len(r.Ports) == 0 || slices.ContainsFunc(r.Ports, func(p generator.Port) bool {
					return p.Name != "" || slices.ContainsFunc(left, func(n int) bool { return n == p.Port || p.EndPort > 0 && n >= p.Port && n <= p.EndPort })
				}) {
					return &generator.NotUnderstoodError{Request: request, Understood: in.Summary(), Example: generator.ExampleFor(in),
						Missing: fmt.Sprintf("what does %q leave out? A rule of the request may allow those ports; say the ports each rule allows, or deny the ports as a rule of its own", d.text(request))}
				}
			}
		}
	}
	if rules == 0 {
		return &generator.NotUnderstoodError{Request: request, Understood: intents[0].Summary(), Example: generator.ExampleFor(intents[0]),
			Missing: fmt.Sprintf("what does %q leave out? No rule of the request names ports", d.text(request))}
	}
	return nil
}
