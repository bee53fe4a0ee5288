package builtin

import (
	"regexp"
	"strings"
)

var (
	// A clause boundary: "..., but block ...", "...; deny ...", "... and also allow ...".
	clauseRE = regexp.MustCompile(`(?i)\s*(?:;|,?\s+but\s+(?:also\s+)?|,?\s+and\s+also\s+|,?\s+and\s+then\s+|,?\s+and\s+)\s*`)
	// "... and to send ...": a second verb for the same subject.
	andToRE = regexp.MustCompile(`(?i),?\s+and\s+to\s+`)
	// The head of a clause up to the first "to <verb>": "allow the checkout pods to".
	headRE = regexp.MustCompile(`(?i)^(.*?\bto)\s+\S+`)
)

// clauses splits a request into independent statements. It splits only where
// the second part starts a statement of its own (an action word), or repeats
// the first part's "allow X to" with another verb; anything else stays whole.
func clauses(request string) []clause {
	var out []clause
	for _, part := range splitKeep(request, clauseRE) {
		subs := andToRE.Split(part, -1)
		m := headRE.FindStringSubmatch(subs[0])
		if len(subs) == 1 || m == nil {
			out = append(out, clause{text: part})
			continue
		}
		out = append(out, clause{text: subs[0]})
		for _, s := range subs[1:] {
			out = append(out, clause{text: m[1] + " " + s, sameSubject: true})
		}
	}
	return out
}

// clause is one statement of a request. sameSubject marks a clause that
// continues the subject of the one before ("... and to send traffic to Y").
type clause struct {
	text        string
	sameSubject bool
}

// splitKeep splits at re only where the text after the boundary starts with
// an action word, so "pods labeled a=b, and c=d" stays one clause.
func splitKeep(s string, re *regexp.Regexp) []string {
	var out []string
	start := 0
	for _, loc := range re.FindAllStringIndex(s, -1) {
		next := strings.ToLower(strings.Fields(s[loc[1]:] + " x")[0])
		if !startsStatement(next) {
			continue
		}
		out = append(out, s[start:loc[0]])
		start = loc[1]
	}
	return append(out, s[start:])
}

func startsStatement(w string) bool {
	w = strings.Trim(w, ",.;:")
	return denyWords[w] && w != "not" && w != "no" || allowWords[w] && w != "may" && w != "can" || auditWords[w] || isolate[w] || w == "make"
}
