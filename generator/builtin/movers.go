package builtin

import (
	"fmt"
	"slices"
	"strings"

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

// flowNouns, flowPrepositions and passiveAuxiliaries make "traffic to X
// gets dropped", "connections from X are denied".
var (
	flowNouns          = set("traffic", "connections", "connection", "requests", "packets", "flows")
	flowPrepositions   = set("to", "from", "towards", "toward")
	passiveAuxiliaries = set("gets", "get", "is", "are", "will", "should", "must")
)

// trafficDropped asks about a sentence that says traffic to or from
// something gets dropped, beside a rule that allows: "app=web may only
// reach app=api on 8080. Traffic to 10.0.0.0/8 gets dropped." read the
// passive "gets" as traffic app=web receives, and "app=db accepts 5432
// from app=api. Traffic from app=batch gets dropped." put app=batch into a
// default deny of its own. Beside an allow-list the sentence may only say
// what the allow-list leaves out; it does not say whose traffic it is.
func trafficDropped(request string, toks []token, all []*generator.Intent) error {
	allows := slices.ContainsFunc(all, func(x *generator.Intent) bool {
		return slices.ContainsFunc(x.Network, func(r generator.NetworkRule) bool { return r.Verdict == generator.Allow })
	})
	for i := 0; allows && i+2 < len(toks); i++ {
		if !flowNouns[toks[i].low] || !flowPrepositions[toks[i+1].low] {
			continue
		}
		a, b := sentenceAround(toks, i, false)
		if i > a && !(i == a+1 && (toks[a].low == "all" || toks[a].low == "any")) {
			continue
		}
		k := i + 2
		for k < b && !passiveAuxiliaries[toks[k].low] {
			k++
		}
		for k < b && (passiveAuxiliaries[toks[k].low] || toks[k].low == "be") {
			k++
		}
		if k >= b || !denyWords[toks[k].low] || !strings.HasSuffix(toks[k].low, "ed") {
			continue
		}
		for _, x := range all {
			if slices.ContainsFunc(x.Origins, func(o generator.Origin) bool {
				return o.From == generator.FromRequest && toks[i].start <= o.Start && o.End <= toks[b-1].end
			}) {
				return &generator.NotUnderstoodError{Request: request, Understood: x.Summary(), Example: generator.ExampleNetwork,
					Missing: fmt.Sprintf("%q: whose traffic is it, and is it what the allow-list already leaves out, or a deny of its own? Say it as a rule (\"deny egress from app=web to 10.0.0.0/8\"), or leave it out", request[toks[a].start:toks[b-1].end])}
			}
		}
	}
	return nil
}

// onlySubjectMay asks about "only <the pods> may" when those pods became
// the policy's subject and no rule names pods they connect to: "only pods
// labeled app=api may connect on 5432" with "ingress" or "egress" appended
// (the answer to "which direction?"), "only pods labeled app=web may send
// traffic to 10.0.0.0/8". "Only X may" keeps every other pod out; read as
// X's own policy, X lost its other traffic (or was opened to anyone) and
// no other pod was kept out. Asked after moverAsSubject, whose question
// about "only app=api may come in" is more precise.
func onlySubjectMay(request string, toks []token, all []*generator.Intent) error {
	for _, x := range all {
		if len(x.Network) == 0 || slices.ContainsFunc(x.Network, func(r generator.NetworkRule) bool {
			return slices.ContainsFunc(r.Peers, func(pe generator.Peer) bool { return pe.Pods != nil || pe.Namespace != "" || pe.Namespaces != nil })
		}) {
			continue
		}
		for _, o := range x.Origins {
			if o.From != generator.FromRequest || o.Field != "subject.pods" && o.Field != "subject.scope" {
				continue
			}
			s := slices.IndexFunc(toks, func(t token) bool { return t.start == o.Start })
			k := s - 1
			for k >= 0 && determiners[toks[k].low] {
				k--
			}
			if s < 0 || k < 0 || toks[k].low != "only" {
				continue
			}
			m := s
			for m < len(toks) && toks[m].start < o.End {
				m++
			}
			if m < len(toks) && (modalVerbs[toks[m].low] || toks[m].low == "are" || toks[m].low == "is") {
				return &generator.NotUnderstoodError{Request: request, Understood: x.Summary(), Example: generator.ExampleNetwork,
					Missing: fmt.Sprintf("%q keeps every other pod out, which a policy of these pods cannot do: which pods do they connect to? Name them, and the policy is theirs (\"only pods labeled app=api may reach pods labeled app=db on 5432\")", request[toks[k].start:toks[m].end])}
			}
		}
	}
	return nil
}
