package builtin

import (
	"fmt"
	"slices"
	"strings"

	"github.com/kunerva/kunerva/generator"
)

// namespaceFrames are the words that, just before a namespace the policy
// took ("also in namespace shop", "like we do in namespace shop", "ticket
// from namespace shop", "with the exception of namespace legacy"), say it
// is where something else is, was, or came from, or one more place, not
// where the pods of the policy are. Each list is one reading the engine
// does not make; the namespace then asks.
var namespaceFrames = []struct {
	says  string
	words map[string]bool
}{
	// "Block /usr/bin/curl in app=web, also in namespace shop": one more
	// namespace, not the one instead of the first.
	{"adds a namespace to the one the pods are in", set("also", "too", "additionally", "plus")},
	// "(formerly in namespace shop)": where the pods were.
	{"tells where the pods were", set("formerly", "previously", "originally", "once", "earlier", "used")},
	// "mirroring what we do in namespace shop", "copied from namespace
	// shop", "based on the one from namespace shop", "the way namespace
	// shop does it": where the model of the policy is.
	{"points to another policy as a model", set("like", "mirroring", "mirror", "mirrors", "mirrored", "copied", "copy", "cloned", "clone", "based", "taken",
		"ported", "adapted", "borrowed", "same", "one", "way", "do", "does", "did", "done")},
	// "(ticket from namespace shop)", "after alerts from namespace
	// monitoring", "(see the doc in namespace wiki)": where a message or a
	// document came from.
	{"tells where a message or a document is or came from", set("ticket", "tickets", "alert", "alerts", "complaint", "complaints", "report", "reports",
		"request", "requests", "email", "emails", "page", "pages", "message", "messages", "incident", "incidents", "doc", "docs", "wiki", "runbook", "see", "feedback")},
	// "with the exception of namespace legacy": a namespace left out.
	{"leaves a namespace out", set("except", "exception", "excluding", "excepting", "besides", "unlike", "not")},
}

// namespaceFramePreps join a frame to the namespace after it.
var namespaceFramePreps = set("in", "from", "of", "to", "into", "within", "inside", "at")

// namespaceFrame is what the word just before the namespace phrase that
// starts at token i says (see namespaceFrames), and the word; "" when it
// says nothing of it. The word stands right before the preposition ("also
// in namespace shop", "copied from namespace shop"); a word further back
// ("also let any pod from namespace monitoring in") frames the verb, not
// the namespace. subject tells whether the namespace is that of the
// policy's pods: "also" adds a namespace to them, and a peer more.
func namespaceFrame(toks []token, i int, subject bool) (string, string) {
	k := i - 1
	if k >= 0 && toks[k].low == "the" {
		k--
	}
	if k >= 0 && namespaceFramePreps[toks[k].low] {
		k--
	}
	if k < 0 || toks[k].kind != tWord {
		return "", ""
	}
	for n, f := range namespaceFrames {
		if f.words[toks[k].low] && (n > 0 || subject) {
			return f.says, toks[k].raw
		}
	}
	return "", ""
}

// namespaceAdded finds a namespace named with "too", "also" or "as well"
// right after it: "allow app=web to reach app=api in namespace dev too",
// "..., and in namespace dev as well", "block app=web in namespace dev too
// from reaching app=api". The namespace was moved to the other side or
// taken alone, and the one it adds to was lost. Only a rule between pods
// and pods (podPeers) is asked about: one set of pods "in namespace
// argocd too" ("deny all egress from ... in namespace argocd too") adds to
// an earlier policy, and its policy is the one the words give. It returns the first and
// last tokens of the phrase, or -1, -1.
func namespaceAdded(toks []token) (int, int) {
	for n := 0; n+2 < len(toks); n++ {
		var name int
		switch {
		case namespaceWords[toks[n].low] && toks[n+1].kind == tWord && !namespaceWords[toks[n+1].low]:
			name = n + 1 // "namespace dev too"
		case toks[n].kind == tWord && !determiners[toks[n].low] && namespaceWords[toks[n+1].low]:
			name = n + 1 // "the dev namespace too"
		default:
			continue
		}
		e := name + 1
		if toks[e].low == "," && e+1 < len(toks) {
			e++ // "in namespace dev, too"
		}
		switch {
		case toks[e].low == "too" || toks[e].low == "also":
			return n, e
		case toks[e].low == "as" && e+1 < len(toks) && toks[e+1].low == "well":
			return n, e + 1
		}
	}
	return -1, -1
}

// podPeers reports whether an intent has a network rule whose peers are
// pods: a rule with two sides, either of which a namespace may belong to.
func podPeers(in *generator.Intent) bool {
	return slices.ContainsFunc(in.Network, func(r generator.NetworkRule) bool {
		return slices.ContainsFunc(r.Peers, func(p generator.Peer) bool { return p.Pods != nil })
	})
}

// namespaceNoNames are words that, before "namespace", name none: "the way
// namespace shop does it" is no namespace "way".
var namespaceNoNames = set("way", "same", "one", "like")

// namespaceFramed asks about a namespace a policy took for its pods or a
// peer when the words before it say it is another place: where the pods
// were, where a model policy or a message is, one more namespace, or one
// left out (namespaceFrames). "the way namespace shop does it" gave the
// pods the namespace "way"; "the payments namespace's app=api pods" gave
// the policy's pods the namespace of the peer after it.
func namespaceFramed(request string, toks []token, all []*generator.Intent) error {
	if i, j := namespaceAdded(toks); i >= 0 && slices.ContainsFunc(all, podPeers) {
		return &generator.NotUnderstoodError{Request: request, Understood: all[0].Summary(), Example: generator.ExampleFor(all[0]),
			Missing: fmt.Sprintf("%q adds a namespace to one said or meant before it: which pods, in which namespaces, is each rule for? Say each namespace's rule on its own (\"... in namespace A; ... in namespace B\")", request[toks[i].start:toks[j].end])}
	}
	for _, x := range all {
		for _, o := range x.Origins {
			if o.From != generator.FromRequest || o.Field != "subject.namespace" && !strings.HasSuffix(o.Field, ".namespace") {
				continue
			}
			// The phrase starts at the namespace's name or word, "the"
			// before it aside: "namespace shop", "the shop namespace".
			n := slices.IndexFunc(toks, func(t token) bool { return t.start >= o.Start && t.end <= o.End && namespaceWords[t.low] })
			if n < 0 {
				continue
			}
			i := n
			if n > 0 && toks[n-1].start >= o.Start && toks[n-1].kind == tWord {
				i = n - 1
			}
			says, w := namespaceFrame(toks, i, o.Field == "subject.namespace")
			if i < n && namespaceNoNames[toks[i].low] {
				return &generator.NotUnderstoodError{Request: request, Understood: x.Summary(), Example: generator.ExampleFor(x),
					Missing: fmt.Sprintf("%q in %q names no namespace: which namespace is the policy for? Say \"in namespace NAME\" beside the pods", toks[i].raw, o.Text)}
			}
			if says != "" {
				return &generator.NotUnderstoodError{Request: request, Understood: x.Summary(), Example: generator.ExampleFor(x),
					Missing: fmt.Sprintf("%q before %q %s, not where the pods of this policy are: which namespace is it for? Say \"in namespace NAME\" beside the pods", w, o.Text, says)}
			}
			if o.Field == "subject.namespace" {
				if err := possessiveNamespace(request, toks, x, o, i); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

// possessiveNamespace asks when "the payments namespace's app=api pods"
// gave its namespace to the policy's pods while the pods it qualifies are
// others (a peer).
func possessiveNamespace(request string, toks []token, x *generator.Intent, o generator.Origin, i int) error {
	k := i
	for k < len(toks) && toks[k].end <= o.End && !toks[k].possessive {
		k++
	}
	if k >= len(toks) || toks[k].end > o.End {
		return nil
	}
	for n := k + 1; n < len(toks) && n <= k+3; n++ {
		if toks[n].kind != tLabel {
			continue
		}
		if !slices.ContainsFunc(x.Origins, func(p generator.Origin) bool {
			return p.Field == "subject.pods" && p.Start <= toks[n].start && toks[n].end <= p.End
		}) {
			return &generator.NotUnderstoodError{Request: request, Understood: x.Summary(), Example: generator.ExampleFor(x),
				Missing: fmt.Sprintf("%q says where %s are, and the policy is for other pods: which namespace are those in? Say \"%s from namespace NAME\" and \"in namespace NAME\" beside the pods", request[toks[i].start:toks[k].end]+"'s", toks[n].raw, toks[n].raw)}
		}
		break
	}
	return nil
}

// spanForBoth asks when one span of the request gave the policy's pods
// every namespace and a peer any namespace: "Allow app=lb in all
// namespaces to reach app=web on 80" says where app=lb is, not that the
// policy is for app=web in every namespace.
func spanForBoth(request string, toks []token, all []*generator.Intent) error {
	for _, x := range all {
		for _, o := range x.Origins {
			if o.From != generator.FromRequest || o.Field != "subject.scope" || x.Subject.Scope != generator.ScopeCluster {
				continue
			}
			for _, p := range x.Origins {
				if p.From == generator.FromRequest && strings.HasPrefix(p.Field, "network[") && strings.Contains(p.Field, ".namespaces") && p.Start == o.Start && p.End == o.End {
					return &generator.NotUnderstoodError{Request: request, Understood: x.Summary(), Example: generator.ExampleFor(x),
						Missing: fmt.Sprintf("is %q said of the peer, or of the pods the policy is for? Say \"from pods labeled ... in any namespace\" for the peer, and \"in namespace NAME\" beside the pods", o.Text)}
				}
			}
		}
	}
	return nil
}

// namespaceStop are the words after "namespace" that name no namespace.
var namespaceStop = set("the", "a", "an", "every", "all", "any", "other", "others", "labeled", "labelled", "label", "labels", "with", "selector", "and", "or",
	"is", "are", "was", "it", "its", "that", "this", "same", "own", "where", "which", "they", "them", "of", "in", "for", "to", "from", "by", "on", "but", "not",
	"first", "beforehand", "afterwards", "later", "again", "itself", "also", "there", "here", "current", "local", "whole", "entire", "target", "new", "old", "level", "wide", "scope", "scoped", "isolation", "boundary", "boundaries", "policy", "policies", "name", "names", "each", "per", "one", "single")

// namespaceNamed lists the namespace phrases of the request that name
// one namespace and end there: "(namespace payments)", "(ns: payments)",
// "moved to namespace backend last sprint", "migrated to the shop
// namespace."; each as the name's token. "namespace X" followed by more
// words ("namespace tricks are ...", "the namespace should ...") names
// none; nor does "label the qa namespace", a step of setting up.
func namespaceNamed(toks []token) []token {
	var out []token
	ends := func(k int) bool {
		return k >= len(toks) || toks[k].kind == tPunct || namespaceNameEnds[toks[k].low]
	}
	for n, t := range toks {
		if t.low != "namespace" && t.low != "ns" {
			continue
		}
		k := n + 1
		if k < len(toks) && toks[k].low == ":" {
			k++
		}
		if k < len(toks) && toks[k].kind == tWord && !namespaceStop[toks[k].low] && ends(k+1) {
			out = append(out, toks[k])
			continue
		}
		if n >= 2 && toks[n-2].low == "the" && toks[n-1].kind == tWord && !namespaceStop[toks[n-1].low] && ends(n+1) && (n < 3 || !labelWords[toks[n-3].low] && toks[n-3].low != "label") {
			out = append(out, toks[n-1])
		}
	}
	return out
}

// namespaceNameEnds are the words that may follow a namespace's name where
// the phrase ends: "moved to namespace backend last sprint".
var namespaceNameEnds = set("last", "yesterday", "today", "now", "recently", "since", "earlier", "too")

// namespaceUnread asks about a namespace the request names where no rule
// read it while the policy's pods were put in a namespace by default:
// "Per SOC-123 (namespace payments): ..." and "Ticket OPS-7 (ns: payments):
// ..." set the heading aside, "app=web was migrated to the shop namespace"
// was read as a fact. A name the rules read elsewhere ("from the frontend
// namespace") is theirs.
func namespaceUnread(request string, toks []token, all []*generator.Intent) error {
	for _, x := range all {
		k := subjectNamespaceOrigin(x)
		if k < 0 || x.Origins[k].From != generator.FromDefault {
			continue
		}
		for _, t := range namespaceNamed(toks) {
			if nameRead(t.low, toks, all) {
				continue
			}
			return &generator.NotUnderstoodError{Request: request, Understood: x.Summary(), Example: generator.ExampleFor(x),
				Missing: fmt.Sprintf("the request names namespace %s where no rule reads it, and the policy would go to namespace %s: which namespace are the pods in? Say \"in namespace NAME\" beside the pods", t.raw, x.Subject.Namespace)}
		}
	}
	return nil
}

// nameRead reports whether the rules read the name w: as a namespace of
// the pods or of a peer, or from a word of the request ("from the frontend
// namespace", "in cattle-monitoring-system").
func nameRead(w string, toks []token, all []*generator.Intent) bool {
	return rulesNamespace(w, all) || slices.ContainsFunc(toks, func(t token) bool { return t.low == w && readByIntents(t, all) })
}

// rulesNamespace reports whether w is the namespace of the policies' pods
// or of one of their peers.
func rulesNamespace(w string, all []*generator.Intent) bool {
	for _, x := range all {
		if strings.EqualFold(x.Subject.Namespace, w) {
			return true
		}
		for _, r := range x.Network {
			if slices.ContainsFunc(r.Peers, func(p generator.Peer) bool { return strings.EqualFold(p.Namespace, w) }) {
				return true
			}
		}
	}
	return false
}
