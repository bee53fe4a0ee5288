package builtin

import (
	"fmt"
	"slices"
	"strings"

	"github.com/kunerva/kunerva/generator"
)

// judgementOpeners open a sentence or clause that judges what was said
// before it: "this is a problem", "that's bad", "it is not ok".
var judgementOpeners = [][]string{
	{"this", "is"}, {"that", "is"}, {"it", "is"}, {"this's"}, {"that's"}, {"it's"}, {"this", "was"}, {"that", "was"}, {"this", "isn't"}, {"that", "isn't"},
}

// judgedDescribedTraffic asks what should happen to traffic whose verdict
// was read from the traffic alone (rule described-traffic) when the words
// right after it, set aside as a reason or split off as a statement of
// their own, judge it (leftovers3):
//   - a clause that opens with "this is", "that's", "it is" (judgementOpeners)
//     and holds a word of disapprovalWords or condemningInterjections:
//     "egress from nginx to 1.2.3.4, this is a problem" ("this is" opens a
//     reason, rationaleStarts) gave an allow-list of the host;
//   - a short tail of no value after a dash that opens with "not" or "no":
//     "egress from nginx to 1.2.3.4 - not good", "... - no good";
//   - a frown or a question mark right after the traffic: "... 1.2.3.4 :(",
//     "... 1.2.3.4?!", "... 1.2.3.4?" (a question, not a rule), and "!!"
//     or more (alarm, not an order).
//
// Only the words after the last value the rule read, up to the end of the
// next sentence, are read, and none of them may be read by a rule.
func judgedDescribedTraffic(request string, toks []token, all []*generator.Intent) error {
	for _, in := range all {
		for _, x := range append([]*generator.Intent{in}, in.Others...) {
			if !slices.ContainsFunc(x.Origins, func(o generator.Origin) bool {
				return o.Rule == "described-traffic" && strings.HasSuffix(o.Field, ".verdict")
			}) {
				continue
			}
			end := 0
			for _, o := range x.Origins {
				if o.From == generator.FromRequest {
					end = max(end, o.End)
				}
			}
			if end == 0 || end > len(request) {
				continue
			}
			if q := judgedTail(request, toks, end, all); q != "" {
				return &generator.NotUnderstoodError{Request: request, Understood: x.Summary(), Example: generator.ExampleFor(x),
					Missing: fmt.Sprintf("should kunerva block this traffic? %q judges it, and no verdict I read: say \"deny ...\" or \"allow ...\"", q)}
			}
		}
	}
	return nil
}

// judgedTail is the words or marks after byte end that judge the traffic
// before them (judgedDescribedTraffic), or "".
func judgedTail(request string, toks []token, end int, all []*generator.Intent) string {
	after := strings.TrimLeft(request[end:], " \t")
	for _, mark := range []string{"?", ":(", ":-(", ":/", "!!"} {
		if strings.HasPrefix(after, mark) {
			return mark
		}
	}
	at := slices.IndexFunc(toks, func(t token) bool { return t.start >= end })
	if at < 0 {
		return ""
	}
	dash := false
	for at < len(toks) && toks[at].kind == tPunct && (toks[at].low == "," || toks[at].low == "." || toks[at].low == "-" || toks[at].low == ";" || toks[at].low == "--") {
		dash = dash || toks[at].low == "-" || toks[at].low == "--"
		at++
	}
	var tail []token
	for k := at; k < len(toks) && toks[k].low != "." && toks[k].low != "?" && toks[k].low != "!" && toks[k].low != ";"; k++ {
		tail = append(tail, toks[k])
	}
	if len(tail) == 0 || len(tail) > 8 || hasValue(tail) || readByRule(tail, all) ||
		slices.ContainsFunc(tail, func(t token) bool {
			return laterRuleWords[t.low] || allowWords[t.low] || denyWords[t.low] && t.low != "not" && t.low != "no"
		}) {
		return ""
	}
	// "- no good", "- not ok": a short tail that says no to the traffic.
	if dash && len(tail) <= 3 && (tail[0].low == "not" || tail[0].low == "no") {
		return request[tail[0].start:tail[len(tail)-1].end]
	}
	if !slices.ContainsFunc(tail, func(t token) bool { return disapprovalWords[t.low] || condemningInterjections[t.low] }) {
		return ""
	}
	opens := slices.ContainsFunc(judgementOpeners, func(o []string) bool {
		if len(o) > len(tail) {
			return false
		}
		for k, w := range o {
			if tail[k].low != w {
				return false
			}
		}
		return true
	})
	if opens {
		return request[tail[0].start:tail[len(tail)-1].end]
	}
	return ""
}

// readByRule reports whether a rule of the intents read any of toks.
func readByRule(toks []token, all []*generator.Intent) bool {
	for _, in := range all {
		for _, x := range append([]*generator.Intent{in}, in.Others...) {
			for _, o := range x.Origins {
				if o.From == generator.FromRequest && slices.ContainsFunc(toks, func(t token) bool { return t.start < o.End && o.Start < t.end }) {
					return true
				}
			}
		}
	}
	return false
}
