package builtin

import (
	"fmt"
	"slices"
	"strings"

	"github.com/kunerva/kunerva/generator"
)

// pronounNamespace reads "They run in the default namespace", "it lives in
// namespace shop": the namespace of pods named before, and its token.
func pronounNamespace(toks []token) (string, token, bool) {
	if ns, at, ok := namespaceIs(toks); ok {
		return ns, at, true
	}
	k := 0
	if k < len(toks) && (toks[k].low == "they" || toks[k].low == "it" || toks[k].low == "both" || toks[k].low == "these" || toks[k].low == "those") {
		k++
	} else {
		return "", token{}, false
	}
	for k < len(toks) && (toks[k].low == "all" || toks[k].low == "both" || toks[k].low == "pods") {
		k++
	}
	if k >= len(toks) || !slices.Contains([]string{"run", "runs", "live", "lives", "are", "is", "sit", "sits", "reside", "resides", "deployed"}, toks[k].low) {
		return "", token{}, false
	}
	k++
	if k < len(toks) && toks[k].low == "deployed" {
		k++
	}
	if k >= len(toks) || toks[k].low != "in" {
		return "", token{}, false
	}
	rest := toks[k+1:]
	if len(rest) > 0 && rest[0].low == "the" {
		rest = rest[1:]
	}
	switch {
	case len(rest) == 2 && namespaceWords[rest[1].low] && rest[0].kind == tWord:
		return rest[0].low, rest[0], true
	case len(rest) == 2 && namespaceWords[rest[0].low] && rest[1].kind == tWord:
		return rest[1].low, rest[1], true
	}
	return "", token{}, false
}

// pronounOfTwo is the intent of in (or its others) whose rule names pods
// on both sides, in the same namespace, when "They run in namespace X" or
// "It lives in namespace X" says X: "they" may be the peers, the pods the
// policy is for, or both, as "These pods run in namespace prod" asks.
// "Allow app=web to reach app=api on port 8080. They run in namespace
// prod." once moved both sides to prod (finder 16, S13). "They both run
// in", "They all run in" and "Both run in" say both and are read; a
// namespace the pods are already in changes nothing and is read too, and
// so is "They" after a sentence that names one pod set ("our postgres pods
// are labeled app=db. They live in namespace data."): it is asked only
// right after the rule.
func pronounOfTwo(toks []token, in *generator.Intent, ns string) *generator.Intent {
	if len(toks) < 2 || toks[0].low != "they" && toks[0].low != "it" || toks[1].low == "both" || toks[1].low == "all" {
		return nil
	}
	for _, x := range append([]*generator.Intent{in}, in.Others...) {
		if x.Subject.Scope != generator.ScopePods || x.Subject.Namespace == ns {
			continue
		}
		if slices.ContainsFunc(x.Network, func(r generator.NetworkRule) bool {
			return slices.ContainsFunc(r.Peers, func(p generator.Peer) bool { return p.Pods != nil && p.Namespace == "" && p.Namespaces == nil })
		}) {
			return x
		}
	}
	return nil
}

// namespaceIs reads a sentence that only names the namespace: "namespace
// is nginx-deployment", "the namespace is shop", "namespace: shop". It says
// where the pods named before are, as "They run in namespace shop" does; it
// is no rule of its own, and no second policy in namespace default.
func namespaceIs(toks []token) (string, token, bool) {
	k := 0
	if k < len(toks) && toks[k].low == "the" {
		k++
	}
	if k+1 >= len(toks) || !namespaceWords[toks[k].low] || (toks[k+1].low != "is" && toks[k+1].low != ":") {
		return "", token{}, false
	}
	rest := toks[k+2:]
	for len(rest) > 0 && rest[len(rest)-1].kind == tPunct {
		rest = rest[:len(rest)-1]
	}
	if len(rest) != 1 || rest[0].kind != tWord {
		return "", token{}, false
	}
	return rest[0].low, rest[0], true
}

// subjectNamespaceOrigin is the index of the origin of the namespace of a
// pods subject, or -1.
func subjectNamespaceOrigin(x *generator.Intent) int {
	if x.Subject.Scope != generator.ScopePods {
		return -1
	}
	return slices.IndexFunc(x.Origins, func(o generator.Origin) bool { return o.Field == "subject.namespace" })
}

// placedElsewhere is the intent of in (or its others) whose pods the
// request itself put in a namespace other than ns, or nil.
func placedElsewhere(in *generator.Intent, ns string) *generator.Intent {
	for _, x := range append([]*generator.Intent{in}, in.Others...) {
		if k := subjectNamespaceOrigin(x); k >= 0 && x.Origins[k].From != generator.FromDefault && x.Subject.Namespace != ns {
			return x
		}
	}
	return nil
}

// placeSubjects puts the pods subjects of in (and its others) whose
// namespace was a default into namespace ns, said by token at.
func placeSubjects(request string, in *generator.Intent, ns string, at token) {
	for _, x := range append([]*generator.Intent{in}, in.Others...) {
		if k := subjectNamespaceOrigin(x); k >= 0 && x.Origins[k].From == generator.FromDefault {
			x.Subject.Namespace = ns
			x.Origins[k] = generator.Origin{Field: "subject.namespace", From: generator.FromRequest, Start: at.start, End: at.end, Text: request[at.start:at.end], Rule: "namespace-of-the-pods"}
		}
	}
}

// headingNamespace reads a heading that names a namespace before a colon at
// the start of the request: "In namespace prod:", "namespace shop -".
func headingNamespace(toks []token) (string, token, bool) {
	k := 0
	for k < len(toks) && (toks[k].low == "in" || toks[k].low == "the" || toks[k].low == "for") {
		k++
	}
	switch {
	case k+2 < len(toks) && namespaceWords[toks[k].low] && toks[k+1].kind == tWord && (toks[k+2].low == ":" || toks[k+2].low == "-"):
		return toks[k+1].low, toks[k+1], true
	case k+2 < len(toks) && toks[k].kind == tWord && namespaceWords[toks[k+1].low] && (toks[k+2].low == ":" || toks[k+2].low == "-"):
		return toks[k].low, toks[k], true
	}
	// "Baseline in namespace shop: ... . ...", "protectAsset in namespace
	// free5gc. ...": a title that ends in its namespace (sceneHeading).
	for e, t := range toks {
		if t.kind != tPunct || t.low != ":" && t.low != "-" && t.low != "." {
			continue
		}
		if e+1 < len(toks) && sceneHeading(toks[:e]) {
			if at, ok := sceneNamespace(toks[:e]); ok {
				return at.low, at, true
			}
		}
		break
	}
	return "", token{}, false
}

// sceneNamespace is the namespace's token of a scene heading that ends in
// "in namespace X", "for namespace X", "in (for) the X namespace" or ",
// namespace X" after a name ("backend-policy, namespace app.").
func sceneNamespace(toks []token) (token, bool) {
	n := len(toks)
	switch {
	case n >= 3 && (toks[n-3].low == "in" || toks[n-3].low == "for") && namespaceWords[toks[n-2].low] && toks[n-1].kind == tWord:
		return toks[n-1], true
	case n >= 4 && (toks[n-4].low == "in" || toks[n-4].low == "for") && toks[n-3].low == "the" && namespaceWords[toks[n-1].low] && toks[n-2].kind == tWord:
		return toks[n-2], true
	case n >= 4 && toks[n-3].low == "," && namespaceWords[toks[n-2].low] && toks[n-1].kind == tWord:
		return toks[n-1], true // "backend-policy, namespace app."
	}
	return token{}, false
}

// wellKnownNamespaces are the namespaces every cluster has.
var wellKnownNamespaces = set("kube-system", "kube-public", "kube-node-lease")

// theNamespaceUnnamed asks which namespace the rules are for when the
// subject's namespace is the default and the request names it only where
// a reading would drop it: in a heading (titleNamespace: "kube-system:
// pods labeled k8s-app=kube-dns may receive ...", "Hardening for prod:
// block /bin/sh in the app=web pods", whose word no rule used), or as "the
// namespace" with no namespace named ("every pod in the namespace may
// receive traffic from the remote nodes").
func theNamespaceUnnamed(request string, toks []token, merged *generator.Intent) error {
	for _, x := range append([]*generator.Intent{merged}, merged.Others...) {
		definite := slices.ContainsFunc(x.Origins, func(o generator.Origin) bool {
			t := strings.ToLower(o.Text)
			return o.Rule == "pods-of-namespace" && (strings.Contains(t, "the namespace") || strings.Contains(t, "this namespace") || strings.Contains(t, "that namespace"))
		})
		defaulted := slices.ContainsFunc(x.Origins, func(o generator.Origin) bool {
			return o.Field == "subject.namespace" && o.From == generator.FromDefault && o.Rule == "namespace-default"
		})
		if w, at := titleNamespace(toks); defaulted && w != "" && !slices.ContainsFunc(x.Origins, func(o generator.Origin) bool {
			return o.From == generator.FromRequest && o.Start <= at && at < o.End
		}) {
			// "kube-system - let every pod in the namespace receive
			// ...": a heading that is a namespace every cluster has,
			// and "the namespace" pointing back at it, name the
			// namespace. Another word ("payments - every pod in the
			// namespace ...") may be a topic: asked.
			if definite && wellKnownNamespaces[w] && x.Subject.Scope == generator.ScopePods && x.Subject.Pods == nil {
				k := slices.IndexFunc(x.Origins, func(o generator.Origin) bool { return o.Field == "subject.namespace" })
				x.Subject.Namespace = w
				x.Origins[k] = generator.Origin{Field: "subject.namespace", From: generator.FromRequest, Start: at, End: at + len(w), Text: request[at : at+len(w)], Rule: "namespace-of-the-heading"}
				continue
			}
			return &generator.NotUnderstoodError{Request: request, Understood: x.Summary(), Example: generator.ExampleFor(x),
				Missing: fmt.Sprintf("is %q the namespace of the pods? Then say \"in namespace %s\"", w, w)}
		}
		if definite && defaulted {
			return &generator.NotUnderstoodError{Request: request, Understood: x.Summary(), Example: generator.ExampleFor(x),
				Missing: "which namespace is \"the namespace\"? The request names none; say \"in namespace NAME\""}
		}
		// "block access to /etc/shadow on the node and in containers": a
		// host policy covers the nodes' own processes, not the pods'.
		if x.Subject.Scope == generator.ScopeNodes && len(x.System) > 0 {
			if k := containersToo(toks); k >= 0 {
				return &generator.NotUnderstoodError{Request: request, Understood: x.Summary(), Example: generator.ExampleFor(x),
					Missing: fmt.Sprintf("for the nodes, or for %q? A KubeArmor host policy covers the nodes' own processes, not those of the pods; ask once for each", toks[k].raw)}
			}
		}
		// "block /bin/sh in every container", "audit /etc/shadow in all
		// pods": every pod, of no namespace said, would be those of
		// "default" alone, where the words say everywhere. So too for
		// traffic said before its pods: "block egress to the internet all
		// pods", "allow DNS every pod" (answers to "which pods?"). ("all
		// pods, ingress allowed from ..." is read in namespace default.)
		if defaulted && (len(x.System) > 0 || everyPodsLast(toks)) && x.Subject.Scope == generator.ScopePods && x.Subject.Pods == nil {
			if w := everyPodWords(toks); w != "" {
				return &generator.NotUnderstoodError{Request: request, Understood: x.Summary(), Example: generator.ExampleFor(x),
					Missing: fmt.Sprintf("%q in which namespace? The request names none, and a policy of namespace \"default\" would leave the pods of every other namespace out; say \"in namespace NAME\", or \"in every pod in the cluster\"", w)}
			}
		}
		if w, at := policyInNamespace(toks); defaulted && w != "" && !slices.ContainsFunc(x.Origins, func(o generator.Origin) bool {
			return o.From == generator.FromRequest && o.Start <= at && at < o.End
		}) {
			return &generator.NotUnderstoodError{Request: request, Understood: x.Summary(), Example: generator.ExampleFor(x),
				Missing: fmt.Sprintf("is %q the namespace of the pods? Then say \"in namespace %s\"", w, w)}
		}
	}
	return nil
}

// everyPodsLast reports whether the request ends with the words of every
// pod ("... all pods", "... every pod."), the pods said after the rule.
func everyPodsLast(toks []token) bool {
	n := len(toks)
	for n > 0 && toks[n-1].kind == tPunct {
		n--
	}
	return n >= 2 && everyPodWords(toks[n-2:n]) != ""
}
