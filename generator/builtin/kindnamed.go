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
// need least, and dropped the kind the words asked for.
func kindNamed(request string, toks []token, in *generator.Intent, opts generator.Options) {
	if in == nil || opts.Kind != "" && opts.Kind != generator.KindAuto {
		return
	}
	if kind, o := namedKind(request, toks, in); kind != "" {
		in.Kind = kind
		in.Origins = append(in.Origins, o)
	}
}

// NamedKind is the kind of policy the request asks for in words for the
// rules of in, with the words' origin, or "" when it names none: the one
// reading of kind words, which the LLM engine holds a model's kind to
// ("write a CNP for ..." names CiliumNetworkPolicy; a model that answers
// a kind for "allow web to reach api on 8080" made it up).
func NamedKind(request string, in *generator.Intent) (generator.Kind, generator.Origin) {
	if in == nil {
		return "", generator.Origin{}
	}
	return namedKind(request, tokenize(request), in)
}

// namedKind reads kind words. Only a CiliumNetworkPolicy is read (rules of
// the network, for pods in one namespace); a KubeArmor kind or a
// cluster-wide kind changes whom the policy is for, which the words of the
// rules say.
func namedKind(request string, toks []token, in *generator.Intent) (generator.Kind, generator.Origin) {
	for _, x := range append([]*generator.Intent{in}, in.Others...) {
		if len(x.System) > 0 || len(x.Network) == 0 || x.Subject.Scope != generator.ScopePods {
			return "", generator.Origin{}
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
			return "", generator.Origin{}
		}
		return generator.KindCilium, generator.Origin{Field: "kind", From: generator.FromRequest, Start: t.start, End: toks[end-1].end,
			Text: request[t.start:toks[end-1].end], Rule: "kind-named"}
	}
	return "", generator.Origin{}
}
