package builtin

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/kunerva/kunerva/generator"
)

// lockHeadingDropped asks about a heading before a colon that orders a
// lockdown ("Lock down everything:", "Lock down all traffic:", "Lock it
// all down:", "Lock down the cluster:", "Lock down web:", "Lock down
// kube-system:") when no rule after it isolates anything: set aside as a
// name, the lockdown was dropped, or the namespace it names went to
// "default" (finder 16, S7 and S8). "Lock down all pods:" and "Lock down
// db (app=db):" are read with their default deny and pass.
//
// The heading is asked about when it names everything (lockAllWords) or
// one word alone ("web", "kube-system"); "Lock the auth proxy down:",
// "lock down egress for advanced-policy-demo:" and "lock down namespace
// shop:" are left to the rules that read them.
//
// forNameComma asks likewise about "For payments, allow ...": a word
// alone after "for" and before the comma that opens the request may be
// the namespace, as "For ledger: ..." is asked about; only where the word
// is a label value of pods whose namespace was a default ("for
// monitoring, let pods in namespaces labeled purpose=monitoring ..." is
// read).
func lockHeadingDropped(request string, toks []token, merged *generator.Intent) error {
	all := append([]*generator.Intent{merged}, merged.Others...)
	if w := forNameComma(toks); w != "" && slices.ContainsFunc(all, func(x *generator.Intent) bool {
		return namespaceDefaulted(x) && x.Subject.Pods != nil && slices.Contains(slices.Collect(maps.Values(x.Subject.Pods.MatchLabels)), w)
	}) {
		return &generator.NotUnderstoodError{Request: request, Understood: merged.Summary(), Example: generator.ExampleFor(merged),
			Missing: fmt.Sprintf("is %q the namespace of the pods? Then say \"in namespace %s\"", w, w)}
	}
	colon := slices.IndexFunc(toks, func(t token) bool { return t.low == ":" })
	k := 0
	for k < colon && (toks[k].low == "please" || toks[k].low == "so") {
		k++
	}
	if colon < 0 || colon-k < 2 || colon-k > 6 || toks[k].low != "lock" || !slices.ContainsFunc(toks[k:colon], func(t token) bool { return t.low == "down" }) {
		return nil
	}
	var rest []token
	for _, t := range toks[k+1 : colon] {
		if t.low != "down" && t.low != "it" {
			rest = append(rest, t)
		}
	}
	if !(len(rest) == 1 && rest[0].kind == tWord || len(rest) > 0 && !slices.ContainsFunc(rest, func(t token) bool { return !lockAllWords[t.low] })) {
		return nil
	}
	if slices.ContainsFunc(all, func(x *generator.Intent) bool {
		return slices.ContainsFunc(x.Network, func(r generator.NetworkRule) bool { return r.Verdict == generator.Isolate })
	}) || slices.ContainsFunc(all, func(x *generator.Intent) bool {
		return len(x.System) > 0 && len(x.Network) == 0 && !namespaceDefaulted(x)
	}) {
		return nil
	}
	head := strings.TrimSpace(request[toks[k].start:toks[colon-1].end])
	return &generator.NotUnderstoodError{Request: request, Understood: merged.Summary(), Example: generator.ExampleFor(merged),
		Missing: fmt.Sprintf("what does %q lock down: every pod of a namespace (\"lock down all pods in namespace NAME\"), or the pods of the rules after it? No rule after it denies what it does not allow; say which pods to lock down", head)}
}

// lockAllWords name everything a lockdown heading may cover: "Lock down
// everything:", "Lock down all traffic:", "Lock it all down:", "Lock down
// the cluster:".
var lockAllWords = set("everything", "all", "traffic", "the", "cluster", "whole", "entire", "of")

// namespaceDefaulted reports whether x's pods took namespace "default"
// because the request named none.
func namespaceDefaulted(x *generator.Intent) bool {
	return slices.ContainsFunc(x.Origins, func(o generator.Origin) bool {
		return o.Field == "subject.namespace" && o.From == generator.FromDefault
	})
}

// forNameComma is the word of "For payments, ..." opening the request, a
// name alone (titleName) between "for" and a comma, or "".
func forNameComma(toks []token) string {
	if len(toks) > 3 && toks[0].low == "for" && toks[1].kind == tWord && toks[2].low == "," && titleName(toks[1].low) && !determiners[toks[1].low] {
		return toks[1].low
	}
	return ""
}
