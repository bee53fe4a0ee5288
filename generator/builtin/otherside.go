package builtin

import (
	"fmt"
	"maps"
	"slices"

	"github.com/kunerva/kunerva/generator"
)

// otherSideDescribed asks about a sentence that opens with pods and says
// what happens to the other side of a flow a rule before it allows: its
// pods are that rule's peer, its peer that rule's pods, its direction the
// other one. "Allow app=web egress to app=db on port 5432. app=db ingress
// from app=web on port 5432 is blocked." once added a deny of the very
// flow allowed; "... is already allowed" and "app=db accepts ingress from
// app=web on port 5432" added an allow-list on app=db (finder 16, S2).
// Whether the sentence is the reason for the rule, a fact, or a second
// rule, only the writer knows. "Allow app=db ingress from app=web" opens
// with its verb and is read as the rule it is.
//
// "app=db may receive ingress from app=web on port 5432" is a second
// rule, said with its modal, and is read; "... should be blocked" is
// asked, as it denies what the rule before allows.
//
// describedNegation asks, likewise, about a sentence beside a rule that
// opens with pods and reads as a deny only by "does not" ("app=web does
// not reach app=db on port 5432 over UDP"), which says what the pods do,
// as "app=web never reaches app=db" is asked about.
func otherSideDescribed(request string, cs []clause, intents []*generator.Intent, errs []error) error {
	for j, c := range cs {
		if errs[j] != nil || len(c.toks) == 0 || c.toks[0].kind != tLabel {
			continue
		}
		for i := range cs {
			if i == j || errs[i] != nil {
				continue
			}
			if i < j && mirrored(intents[i], intents[j]) && (!slices.ContainsFunc(c.toks, func(t token) bool { return modals[t.low] }) || verdictsDiffer(intents[i], intents[j])) {
				return &generator.NotUnderstoodError{Request: request, Understood: intents[i].Summary(), Example: generator.ExampleFor(intents[i]),
					Missing: fmt.Sprintf("is %q a second rule, or does it say what happens today to the other side of the traffic the rule allows? To write both sides say \"allow ...\" for each", c.text(request))}
			}
			if describedNegation(request, intents[j]) {
				return &generator.NotUnderstoodError{Request: request, Understood: intents[i].Summary(), Example: generator.ExampleFor(intents[i]),
					Missing: fmt.Sprintf("%q says what the pods do, not what a policy should do; to deny it say \"deny ...\"", c.text(request))}
			}
		}
	}
	return nil
}

// mirrored reports whether a rule of b is the other side of a rule of a:
// b's pods are the peer pods of a's rule, b's rule's peer pods are a's pods,
// and the directions differ.
func mirrored(a, b *generator.Intent) bool {
	if a.Subject.Pods == nil || b.Subject.Pods == nil {
		return false
	}
	for _, ra := range a.Network {
		for _, rb := range b.Network {
			if ra.Direction == rb.Direction {
				continue
			}
			if peerLabels(ra, b.Subject.Pods.MatchLabels) && peerLabels(rb, a.Subject.Pods.MatchLabels) {
				return true
			}
		}
	}
	return false
}

// peerLabels reports whether rule r has a peer selecting pods by labels.
func peerLabels(r generator.NetworkRule, labels map[string]string) bool {
	for _, p := range r.Peers {
		if p.Pods != nil && len(labels) > 0 && maps.Equal(p.Pods.MatchLabels, labels) {
			return true
		}
	}
	return false
}

// describedNegation reports whether in's deny came from "does not" or
// "doesn't", a description of what pods do.
func describedNegation(request string, in *generator.Intent) bool {
	for _, o := range in.Origins {
		if o.Rule == "negation" && (o.Text == "does" || o.Text == "doesn't" || o.Text == "do" || o.Text == "don't") {
			return true
		}
	}
	return false
}

// verdictsDiffer reports whether a and b hold rules of different verdicts.
func verdictsDiffer(a, b *generator.Intent) bool {
	for _, ra := range a.Network {
		for _, rb := range b.Network {
			if ra.Verdict != rb.Verdict {
				return true
			}
		}
	}
	return false
}
