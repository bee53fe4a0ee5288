package builtin

import (
	"slices"

	"github.com/kunerva/kunerva/generator"
)

// formGerunds say how a policy is written, after "instead of": "instead
// of hardcoding control plane IPs", "instead of writing one per namespace".
var formGerunds = set("hardcoding", "hard-coding", "writing", "listing", "enumerating", "repeating", "duplicating", "copying", "maintaining", "creating", "naming", "pinning", "spelling")

// formNouns name how a policy says what it says: "use the API server
// entity", "one policy for the whole cluster".
var formNouns = set("entity", "entities", "selector", "selectors", "one", "single", "use", "name", "names", "label", "labels")

// formRemark reports whether clause c only says how the rules the other
// clauses make are written, as they are: "use the API server entity
// instead of hardcoding control plane IPs", "One policy for the whole
// cluster instead of writing one per namespace". Before "instead of" and a
// verb of writing, every word is one of form, of a policy, of no meaning,
// or said again by the rules; a word of the whole cluster holds only when
// every rule is cluster-wide. After it, what is not done, with no value or
// verdict.
func formRemark(c clause, ruled []clause, ruledIn []*generator.Intent) bool {
	toks := c.toks
	k := slices.IndexFunc(toks, func(t token) bool { return t.low == "instead" })
	if k < 1 || k+2 >= len(toks) || toks[k+1].low != "of" || !formGerunds[toks[k+2].low] {
		return false
	}
	said := func(w string) bool {
		return slices.ContainsFunc(ruled, func(r clause) bool { return hasWord(r.toks, w) })
	}
	cluster := false
	for _, t := range toks[:k] {
		w := t.low
		switch {
		case t.kind == tPunct:
		case t.kind != tWord || denyWords[w] || allowWords[w] || auditWords[w] || isolateWords[w] || w == "only" || w == "except" || w == "but":
			return false
		case w == "cluster" || w == "cluster-wide" || w == "clusterwide" || w == "whole" || w == "entire":
			cluster = true
		case fillerWords[w] || determiners[w] || prepositions[w] || policyNouns[w] || formNouns[w]:
		case meaningWords[w] || !said(w):
			return false
		}
	}
	for _, t := range toks[k+3:] {
		if w := t.low; t.kind != tWord && t.kind != tPunct || denyWords[w] || allowWords[w] || auditWords[w] || isolateWords[w] || w == "only" || w == "except" {
			return false
		}
	}
	if cluster {
		for _, in := range ruledIn {
			for _, x := range append([]*generator.Intent{in}, in.Others...) {
				if x.Subject.Scope != generator.ScopeCluster {
					return false
				}
			}
		}
	}
	return len(ruledIn) > 0
}

// howToWrite reports whether clause c is a sentence of documentation on
// how a policy is written, said to a reader "you", whose policy the rules
// (ruled) say again: "If you want to write a policy that specifies that no
// egress is allowed, you must list Egress in policyTypes. Do that for the
// pods labeled app=sandbox in namespace lab: no egress allowed." It opens
// with "if" or "when", "you want", names a policy before its comma, and
// every other word there is said again by the rules ("If you want the
// policy to only allow GET, ..." asks for more than "allow app=web to
// reach app=api on 8080"); after it, what "you" must do holds no verdict,
// "only", "except", "also" or DNS ("you must also allow DNS" asks for
// more). No value stands anywhere in it.
func howToWrite(toks []token, ruled []clause) bool {
	if len(toks) < 6 || toks[0].low != "if" && toks[0].low != "when" && toks[0].low != "whenever" || toks[1].low != "you" || toks[2].low != "want" {
		return false
	}
	comma := slices.IndexFunc(toks, func(t token) bool { return t.low == "," })
	if comma < 0 || comma+2 >= len(toks) || toks[comma+1].low != "you" || !slices.ContainsFunc(toks[3:comma], func(t token) bool { return policyNouns[t.low] }) {
		return false
	}
	if w := toks[comma+2].low; w != "must" && w != "need" && w != "have" && w != "should" && w != "can" {
		return false
	}
	if slices.ContainsFunc(toks, func(t token) bool { return t.kind != tWord && t.kind != tPunct }) {
		return false
	}
	for _, t := range toks[3:comma] {
		w := t.low
		if policyNouns[w] || writeVerbs[w] || determiners[w] || w == "to" || w == "that" || w == "which" || w == "specifies" || w == "says" || w == "is" || w == "are" {
			continue
		}
		if !slices.ContainsFunc(ruled, func(r clause) bool { return hasWord(r.toks, w) }) {
			return false
		}
	}
	return !slices.ContainsFunc(toks[comma+1:], func(t token) bool {
		w := t.low
		return allowWords[w] || denyWords[w] || isolateWords[w] || auditWords[w] || w == "only" || w == "except" || w == "also" || w == "dns"
	})
}

// subjectToPolicies reports whether clause c only says that some traffic
// is subject to policies: "DNS is also subject to network policies - allow
// DNS for every pod". After "subject to", only words of policy; before it,
// words with no value, verdict, pods or namespace, and a copula.
func subjectToPolicies(toks []token) bool {
	k := slices.IndexFunc(toks, func(t token) bool { return t.low == "subject" })
	if k < 1 || k+2 >= len(toks) || toks[k+1].low != "to" {
		return false
	}
	copula := false
	for _, t := range toks[:k] {
		w := t.low
		switch {
		case w == "is" || w == "are":
			copula = true
		case t.kind != tWord || denyWords[w] || allowWords[w] || auditWords[w] || isolateWords[w] || podNouns[w] || namespaceWords[w] || w == "only" || w == "except":
			return false
		}
	}
	policy := false
	for _, t := range toks[k+2:] {
		w := t.low
		switch {
		case policyNouns[w]:
			policy = true
		case toolWords[w] || determiners[w]:
		default:
			return false
		}
	}
	return copula && policy
}

// genericSubjects open a sentence about whatever fits a description:
// "Anything that can talk to /var/run/docker.sock can start a privileged
// container".
var genericSubjects = set("anything", "anyone", "anybody", "whatever", "whoever", "whichever")

// modalOfFact reports whether the modal at n says what some thing can do in
// the world rather than what a rule allows: every modal of a sentence whose
// subject is whatever fits a description ("Anything that can talk to
// /var/run/docker.sock can take over the host"), and a modal in a question
// of what someone does ("can mean someone widened what admins may do").
func modalOfFact(toks []token, n int) bool {
	if w := toks[n].low; w != "can" && w != "could" && w != "may" && w != "might" {
		return false
	}
	if len(toks) > 1 && genericSubjects[toks[0].low] && (toks[1].low == "that" || toks[1].low == "who" || toks[1].low == "which") {
		return true
	}
	return n+1 < len(toks) && toks[n+1].low == "do" && (n > 0 && toks[n-1].low == "what" || n > 1 && toks[n-2].low == "what")
}

// logNouns follow "log" used as a noun: "log deletion", "log files".
var logNouns = set("deletion", "deletions", "files", "file", "entries", "entry", "directory", "directories", "lines", "rotation", "tampering", "data", "wiping", "is", "are")

// aboutExistingRules reports whether a clause only talks about the policies
// already there ("don't drop the existing rule"): kunerva adds a policy and
// removes none.
func aboutExistingRules(toks []token) bool {
	existing := false
	for n, t := range toks {
		switch w := t.low; {
		case w == "existing" || w == "current" || w == "old" || w == "another" || w == "already":
			// "DNS is handled by another policy already"
			existing = true
		case (w == "other" || w == "separate" || w == "additional" || w == "later" || w == "further") && n+1 < len(toks) && (toks[n+1].low == "policies" || toks[n+1].low == "policy" || toks[n+1].low == "rules"):
			// "the expected traffic will be allowed by other policies"
			existing = true
		case t.kind != tWord && t.kind != tPunct || podNouns[w] || namespaceWords[w]:
			return false
		}
	}
	return existing
}

// allowNouns name the allows of policies to come: "the per-server allows",
// "allow rules", "the exceptions".
var allowNouns = set("allows", "allow-rules", "exceptions", "allowances", "openings", "allow-lists", "allowlists", "carve-outs", "carveouts")

// laterWords say that something comes after this policy.
var laterWords = set("later", "afterwards", "afterward", "next", "added", "follow", "follows", "following", "come", "comes", "coming", "written", "applied", "subsequently", "separately")

// laterAllows reports whether toks, the words after a comma up to the end
// of the sentence, only say that allows come later, in other policies:
// "before the per-server allows are added", "explicit allows later", "the
// exceptions will be added afterwards". No value, pods, namespace, verdict,
// "only" or "except" stands in them.
func laterAllows(toks []token) bool {
	noun, later := false, false
	for n, t := range toks {
		w := t.low
		switch {
		case allowNouns[w] || w == "allow" && n+1 < len(toks) && (toks[n+1].low == "rules" || toks[n+1].low == "policies"):
			noun = true
		case laterWords[w] || w == "before" && n == 0:
			later = later || w != "before"
		case t.kind != tWord && t.kind != tPunct || t.kind == tPunct && t.low != "-", podNouns[w], namespaceWords[w], denyWords[w], allowWords[w], isolateWords[w], w == "only", w == "except", w == "but":
			return false
		}
	}
	return noun && later
}

// withoutIt reports whether a clause says what goes wrong if the rule
// before it is missing: "Without it the control plane can misbehave for up
// to a minute whenever cilium-agent restarts". It opens with "without it"
// (or "without this rule"), then names no value, pods or namespace, and has
// no verdict but what can or cannot happen, no "only" or "except".
//
// The default deny already there may be what goes wrong: "Without this the
// default-deny in monitoring blocks the scrape" (deniedByDefault).
func withoutIt(toks []token) bool {
	n := 0
	switch {
	case phraseIn(toks, 0, []string{"without", "it"}):
		n = 2
	case len(toks) > 2 && toks[0].low == "without" && (toks[1].low == "this" || toks[1].low == "that") && (toks[2].low == "rule" || toks[2].low == "policy"):
		n = 3
	case len(toks) > 1 && toks[0].low == "without" && toks[1].low == "this":
		n = 2
	default:
		return false
	}
	deny := false // a default deny was named
	for k := n; k < len(toks); k++ {
		t, w := toks[k], toks[k].low
		if d := denyPhraseAt(toks, k); d > 0 {
			deny = true
			k += d - 1
			continue
		}
		// "can", "can't" say what would happen, no verdict.
		if t.kind != tWord && t.kind != tPunct || w == "only" || w == "except" || podNouns[w] || namespaceWords[w] || denyWords[w] && !negationWords[w] && !(deny && deniedByDefault[w]) ||
			allowWords[w] && w != "can" && w != "may" || auditWords[w] || isolateWords[w] ||
			// "... blocks the scrape from the staging cluster", "... until
			// Friday": a place or a time the rule may be meant for.
			scopeQualifiers[w] || temporalWords[w] || timeNames[w] {
			return false
		}
	}
	return true
}
