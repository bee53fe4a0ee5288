package builtin

import (
	"fmt"
	"slices"

	"github.com/kunerva/kunerva/generator"
)

// portTailWords may follow, in a clause with no verb, the pods that a
// direction word or a colon lists: "inbound only app=lb on 80",
// "outbound: app=api on port 8080".
var portTailWords = set("on", "port", "ports", "tcp", "udp", "sctp", "over", "via", "only", "and", "or")

// arrivalVerbs say that what stands before them moves in: "only app=api
// gets in", "only app=api may come in on 5432".
var arrivalVerbs = set("get", "gets", "come", "comes", "enter", "enters")

// moverAsSubject asks about pods made the subject of a rule open to every
// peer when the words say they are what moves, not where it goes: "lock
// down app=db; only app=api gets in on 5432" let anyone into app=api, and
// "Lock down app=web; inbound only app=lb on 80, outbound only app=api on
// 8080", "...; outbound: app=api on 8080" opened app=lb and app=api, where
// the pods are the peers of the pods before.
func moverAsSubject(request string, toks []token, all []*generator.Intent) error {
	for _, x := range all {
		if !slices.ContainsFunc(x.Network, func(r generator.NetworkRule) bool { return r.Verdict == generator.Allow && len(r.Peers) == 0 }) {
			continue
		}
		for _, o := range x.Origins {
			i := slices.IndexFunc(toks, func(t token) bool { return t.start == o.Start })
			if o.Field != "subject.pods" || o.From != generator.FromRequest || i < 0 {
				continue
			}
			k, only := i-1, false
			if k >= 0 && (toks[k].low == "only" || toks[k].low == "just") {
				k, only = k-1, true
			}
			// The direction word opens its clause: "the istio ingress pods
			// (...)" names pods, and lists none.
			listed := k >= 0 && toks[i].kind == tLabel && (toks[k].low == ":" || (ingressWords[toks[k].low] || egressWords[toks[k].low]) && (k == 0 || toks[k-1].kind == tPunct))
			e := i + 1
			for e < len(toks) && toks[e].kind != tPunct && (isValue(toks[e]) || portTailWords[toks[e].low]) {
				e++
			}
			listed = listed && (e == len(toks) || toks[e].kind == tPunct)
			m := i + 1
			if m < len(toks) && modals[toks[m].low] {
				m++
			}
			entering := only && toks[i].kind == tLabel && m < len(toks) && arrivalVerbs[toks[m].low] && (toks[m].low == "enter" || toks[m].low == "enters" || m+1 < len(toks) && (toks[m+1].low == "in" || toks[m+1].low == "through"))
			if listed || entering {
				return &generator.NotUnderstoodError{Request: request, Understood: x.Summary(), Example: generator.ExampleNetwork,
					Missing: fmt.Sprintf("are %s the pods this rule is for (open to every peer), or the pods that may reach or be reached by others? Say who may reach whom (\"only app=api may reach app=db on 5432\")", o.Text)}
			}
		}
	}
	return nil
}
