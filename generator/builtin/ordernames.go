package builtin

import (
	"fmt"
	"slices"
	"strings"

	"github.com/kunerva/kunerva/generator"
)

// orderedNameLost asks about a heading or sentence that orders something
// for pods by a name no rule's pods spell:
//
//   - an order to lock down, protect or harden ("Lock down ledger today.
//     Allow app=web to reach app=cache on 6379.", "Protect ledger: allow
//     ...", "Secure the ledger pods.", "Harden namespace ledger:"): set
//     aside as a title, or read as a lockdown of the rule's pods, it
//     locked down the cache pods and dropped ledger;
//   - a kind of protection for them ("AppArmor profile for the billing
//     pods. Deny all egress from every pod in namespace shop.", "mTLS for
//     billing."): another thing asked of other pods, dropped.
//
// It asks what the name is. "Lock down cache: allow app=web to reach
// app=cache on 6379" and "Protect the cache pods: allow ..." name the
// rule's own pods and pass; a name the rules spell only as a peer ("Lock
// down web. Allow app=web to reach app=cache") is asked about, for the
// lockdown went to the cache pods.
func orderedNameLost(request string, toks []token, in *generator.Intent) error {
	var pods map[string]bool
	var namespaces map[string]*generator.Intent
	for from := 0; from < len(toks); {
		to := from + 1
		for to < len(toks) && !partEnds(request, toks, to) {
			to++
		}
		part := toks[from:to]
		from = to
		if to < len(toks) && toks[to].kind == tPunct {
			from++
		}
		obj := orderedObject(part)
		if len(obj) == 0 {
			continue
		}
		if pods == nil {
			pods, namespaces = subjectNames(in)
		}
		said := strings.Trim(request[part[0].start:part[len(part)-1].end], " ,.;:-")
		for _, t := range obj {
			w := strings.ReplaceAll(t.low, "-", "")
			if pods[w] {
				continue
			}
			// "Lock down ledger. In namespace ledger, allow app=web to
			// reach app=cache": the namespace, or the cache pods in it?
			if x := namespaces[w]; x != nil {
				return &generator.NotUnderstoodError{Request: request, Understood: in.Summary(), Example: generator.ExampleFor(in),
					Missing: fmt.Sprintf("does %q hold for every pod of namespace %s, or only for the %s? Say \"every pod in namespace %s\", or name the pods in it", said, x.Subject.Namespace, strings.TrimPrefix(subjectText(x.Subject), "applies to "), x.Subject.Namespace)}
			}
			return &generator.NotUnderstoodError{Request: request, Understood: in.Summary(), Example: generator.ExampleFor(in),
				Missing: fmt.Sprintf("what is %q in %q: a namespace, or pods (which labels)? No rule is about %s; say it in the rule (\"in namespace %s\", or its pods' labels), or leave the sentence out",
					t.raw, said, t.raw, t.low)}
		}
	}
	return nil
}

// partEnds reports whether a part of the request ends before token i: at
// a stop, a colon or a new line.
func partEnds(request string, toks []token, i int) bool {
	t := toks[i]
	return t.kind == tPunct && (t.low == "." || t.low == ";" || t.low == ":" || t.low == "!" || t.low == "?") ||
		strings.Contains(request[toks[i-1].end:t.start], "\n")
}

// objectOrders open a part that orders protection for what follows them:
// "Lock down ledger", "Protect the ledger pods", "Harden namespace
// ledger".
var objectOrders = set("lock", "protect", "secure", "harden", "shield", "guard", "sandbox", "fence")

// protectionKinds are kinds of protection a part may ask for pods, before
// "for": "AppArmor profile for the billing pods", "mTLS for billing".
var protectionKinds = set("apparmor", "seccomp", "selinux", "podsecurity", "psp", "psa", "mtls", "pss")

// objectEnds may close the object of an order: "Lock down ledger today",
// "Lock ledger down now".
var objectEnds = set("down", "today", "now", "tonight", "asap", "immediately", "please", "first", "too", "also", "again", "up")

// orderedObject returns the name words of a part that orders protection
// for pods named by words alone (objectOrders or protectionKinds ... "for"),
// or nil: "ledger" in "Lock down the ledger pods today". A part whose
// object holds anything but words (a label, a bracket, a preposition)
// is left to the rules that read it.
func orderedObject(part []token) []token {
	k := 0
	for k < len(part) && (fillerWords[part[k].low] || part[k].low == "now" || part[k].low == "then") {
		k++
	}
	if k >= len(part) {
		return nil
	}
	switch {
	case objectOrders[part[k].low]:
		k++
	case protectionKinds[part[k].low] || part[k].low == "pod" && k+1 < len(part) && part[k+1].low == "security":
		for k < len(part) && part[k].low != "for" {
			if part[k].kind != tWord {
				return nil
			}
			k++
		}
		k++
	default:
		return nil
	}
	var names []token
	pods := false
	for _, t := range part[min(k, len(part)):] {
		switch w := t.low; {
		case t.kind == tWord && (podNouns[w] || groupNouns[w] || namespaceWords[w] || workloadKinds[w] != ""):
			pods = true
		case t.kind == tWord && (determiners[w] || objectEnds[w]) || w == "and" || w == "or" || w == ",":
			// "Lock down ledger and billing": each name of the list.
		case t.kind != tWord || prepositions[w] || lockAllWords[w] || thingWords[w] || pronouns[w] || fileNouns[w]:
			return nil
		default:
			names = append(names, t)
		}
	}
	// "Protect the WordPress config", "Lock the back door": words of a
	// thing, not of pods, unless a noun of pods or a namespace says so.
	if len(names) > 1 && !pods && !slices.ContainsFunc(part, func(t token) bool { return t.low == "and" || t.low == "or" || t.low == "," }) || len(names) > 4 {
		return nil
	}
	return names
}

// longForms are the words a short name of pods stands for: the app=db
// pods are "the database".
var longForms = map[string][]string{"db": {"database", "databases"}}

// subjectNames returns the names the rules' pods are spelled by: pods
// holds the keys and values of their labels, their name, the words the
// request said them with, and the namespace of a rule for every pod of
// it; namespaces maps the namespace of labeled pods to their rule. Each
// without dashes, and each part a dash joins ("billing" for
// app=billing-api), with its longForms.
func subjectNames(in *generator.Intent) (pods map[string]bool, namespaces map[string]*generator.Intent) {
	pods, namespaces = map[string]bool{}, map[string]*generator.Intent{}
	words := func(w string) []string {
		w = strings.ToLower(w)
		return append(strings.Split(w, "-"), strings.ReplaceAll(w, "-", ""))
	}
	for _, x := range append([]*generator.Intent{in}, in.Others...) {
		labeled := x.Subject.Pods != nil && len(x.Subject.Pods.MatchLabels)+len(x.Subject.Pods.MatchExpressions) > 0
		for _, w := range words(x.Subject.Namespace) {
			if labeled {
				namespaces[w] = x
			} else {
				pods[w] = true
			}
		}
		said := []string{x.Subject.Name}
		if x.Subject.Pods != nil {
			for k, v := range x.Subject.Pods.MatchLabels {
				said = append(said, k, v)
			}
		}
		for _, o := range x.Origins {
			if strings.HasPrefix(o.Field, "subject.") && o.Field != "subject.namespace" && o.From == generator.FromRequest {
				for _, w := range strings.FieldsFunc(o.Text, func(r rune) bool { return r == ' ' || r == '=' || r == '(' || r == ')' || r == ',' }) {
					// "app=cache in namespace ledger": the namespace's word.
					if !strings.EqualFold(w, x.Subject.Namespace) {
						said = append(said, w)
					}
				}
			}
		}
		for _, w := range said {
			for _, w := range words(w) {
				pods[w] = true
				for _, l := range longForms[w] {
					pods[l] = true
				}
			}
		}
	}
	delete(pods, "")
	return pods, namespaces
}
