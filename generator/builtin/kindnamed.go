package builtin

import (
	"slices"

	"github.com/kunerva/kunerva/generator"
)

// ciliumKindWords name a CiliumNetworkPolicy as the kind of policy wanted:
// "cnp: allow ...", "as a CiliumNetworkPolicy", "write a CNP for ...".
var ciliumKindWords = set("cnp", "cnps", "ciliumnetworkpolicy", "ciliumnetworkpolicies")

// kindNotWanted are the words before a kind's name that turn it away:
// "not a CNP", "no CNPs here", "instead of a CNP", "rather than a CNP".
var kindNotWanted = set("not", "no", "instead", "than", "without", "replace", "replacing", "from")

// kindNamed reads the kind of policy the request asks for in words when no
// kind was asked with --kind: "cnp: allow pods labeled app=web to reach
// pods labeled app=api on 8080" wrote a NetworkPolicy, the kind the rules
// need least, and dropped the kind the words asked for. Only a
// CiliumNetworkPolicy is read (rules of the network, for pods in one
// namespace); a KubeArmor kind or a cluster-wide kind changes whom the
// policy is for, which the words of the rules say.
func kindNamed(request string, toks []token, in *generator.Intent, opts generator.Options) {
	if in == nil || opts.Kind != "" && opts.Kind != generator.KindAuto {
		return
	}
	for _, x := range append([]*generator.Intent{in}, in.Others...) {
		if len(x.System) > 0 || len(x.Network) == 0 || x.Subject.Scope != generator.ScopePods {
			return
		}
	}
	for i, t := range toks {
		// "cilium network policy": the kind in three words.
		end := i + 1
		if t.low == "cilium" && i+2 < len(toks) && toks[i+1].low == "network" && (toks[i+2].low == "policy" || toks[i+2].low == "policies") {
			end = i + 3
		} else if !ciliumKindWords[t.low] {
			continue
		}
		if slices.ContainsFunc(toks[max(0, i-3):i], func(b token) bool { return kindNotWanted[b.low] }) {
			return
		}
		in.Kind = generator.KindCilium
		in.Origins = append(in.Origins, generator.Origin{Field: "kind", From: generator.FromRequest, Start: t.start, End: toks[end-1].end,
			Text: request[t.start:toks[end-1].end], Rule: "kind-named"})
		return
	}
}
