package builtin

import (
	"slices"
	"strings"

	"github.com/kunerva/kunerva/generator"
)

// rationale names why a clause can be dismissed: it opens with a
// rationale and holds no value (no address, port, path, label, name of pods
// or "only"/"except") that could make it a statement; "" otherwise.
func rationale(toks []token) string {
	i := 0
	for i < len(toks) && (toks[i].kind == tPunct || coordinators[toks[i].low]) {
		i++
	}
	// "(and) leave the rest of its egress alone", after filler words.
	for k := i; k < len(toks); k++ {
		if n := restatementLen(toks, k); n >= 0 {
			e := k + n
			for e < len(toks) && (restTail[toks[e].low] || toks[e].kind == tPunct) {
				e++
			}
			e += restAbout(toks[e:])
			if e >= len(toks)-1 {
				return "deny-keeps-the-rest"
			}
		}
		if !fillerWords[toks[k].low] {
			break
		}
	}
	if rationaleAt(toks, i) < 0 {
		return ""
	}
	if e := untilEvent(toks, i); e > 0 && e >= len(toks)-1 {
		return "until-event"
	}
	// "so a compromised container can't phone home": a hypothetical actor.
	hypothetical := i+1 < len(toks) && (toks[i].low == "so" && (toks[i+1].low == "a" || toks[i+1].low == "an" || toks[i+1].low == "if") || toks[i].low == "a" || toks[i].low == "an" || toks[i].low == "attackers" || toks[i].low == "intruders" ||
		toks[i].low == "they" || toks[i].low == "they're" || toks[i].low == "it" || toks[i].low == "it's" || toks[i].low == "these" || toks[i].low == "nothing" || toks[i].low == "per" ||
		toks[i].low == "anyone" || toks[i].low == "someone" || toks[i].low == "whoever") ||
		// "so that no container anywhere can load a kernel module": what no
		// one can do once the rule holds.
		toks[i].low == "so" && i+3 < len(toks) && toks[i+1].low == "that" && (toks[i+2].low == "no" || toks[i+2].low == "nothing" || toks[i+2].low == "nobody") ||
		toks[i].low == "so" && i+2 < len(toks) && (toks[i+1].low == "nothing" || toks[i+1].low == "nobody") ||
		// "so qa-test pods using the short name can't sneak in", "so the
		// metadata endpoint is unreachable", "so the broad allow doesn't
		// re-open the metadata endpoint", "so cat on the token fails":
		// what the rule brings about.
		toks[i].low == "so" && slices.ContainsFunc(toks[i:], func(t token) bool {
			return t.low == "can't" || t.low == "cannot" || t.low == "won't" || t.low == "don't" || t.low == "doesn't" || t.low == "until" || t.low == "never" || t.low == "unreachable" || t.low == "inaccessible" || t.low == "protected" || t.low == "safe" || t.low == "isolated" || t.low == "fails"
		})
	// "To stop pods phoning home or exfiltrating data through DNS
	// queries: ...": pods in general, right after the verb of a purpose
	// of preventing, are whatever the rule after it keeps in check.
	genericPods := toks[i].low == "to" && i+2 < len(toks) && preventVerbs[toks[i+1].low] && podNouns[toks[i+2].low]
	// "so that `cat /var/lib/mysql/any-file` gives Permission denied": what
	// a command shows once the rule holds, its values an example.
	output := toks[i].low == "so" && i+1 < len(toks) && toks[i+1].low == "that" && slices.ContainsFunc(toks[i:], func(t token) bool {
		return t.low == "gives" || t.low == "returns" || t.low == "prints" || t.low == "shows" || t.low == "fails" || t.low == "errors"
	}) && slices.ContainsFunc(toks[i:], func(t token) bool {
		return t.low == "denied" || t.low == "error" || t.low == "eacces" || t.low == "eperm"
	})
	for k, t := range toks[i:] {
		if output && (t.kind == tPath || knownExecutables[t.low]) {
			continue
		}
		// "so it doesn't reach anything else": what else the pods, named
		// again by a pronoun, are kept from is a limit of its own, not a
		// reason ("else", "other"). ("so nothing else reaches it" says
		// again who may reach the pods; "so a dropped tool can't pull
		// anything else down" is what a hypothetical actor cannot do.)
		if t.kind != tWord && t.kind != tPunct || t.low == "only" || t.low == "except" || (t.low == "else" || t.low == "other") && pronounAfterSo(toks[i:]) || (podNouns[t.low] && !(genericPods && k == 2) || namespaceWords[t.low]) && !hypothetical || ingressWords[t.low] || egressWords[t.low] {
			return ""
		}
		// "per the hardening guide, as one policy: block apt ...": an order
		// after the reason is no reason.
		if k > 0 && (toks[i+k-1].low == ":" || toks[i+k-1].low == ";") && (denyWords[t.low] || allowWords[t.low] || auditWords[t.low] || isolateWords[t.low]) && !negationWords[t.low] {
			return ""
		}
	}
	return "rationale"
}

// restatedVerbs are the verbs, and restatedParticiples the participles,
// that say a verdict again of what a word points back at.
var (
	restatedVerbs = map[string]generator.Action{"block": generator.ActionBlock, "deny": generator.ActionBlock, "prevent": generator.ActionBlock, "forbid": generator.ActionBlock,
		"stop": generator.ActionBlock, "reject": generator.ActionBlock, "drop": generator.ActionBlock, "audit": generator.ActionAudit, "log": generator.ActionAudit,
		"allow": generator.ActionAllow, "permit": generator.ActionAllow}
	restatedParticiples = map[string]generator.Action{"blocked": generator.ActionBlock, "denied": generator.ActionBlock, "dropped": generator.ActionBlock,
		"rejected": generator.ActionBlock, "prevented": generator.ActionBlock, "audited": generator.ActionAudit, "logged": generator.ActionAudit,
		"allowed": generator.ActionAllow, "permitted": generator.ActionAllow}
	pointers = set("it", "them", "that", "this", "those", "these")
	// pointedNouns may follow a demonstrative that points back: "that address".
	pointedNouns = set("address", "addresses", "ip", "ips", "one", "ones", "traffic", "connection", "connections", "endpoint", "endpoints", "range", "ranges",
		"destination", "destinations", "port", "ports", "binary", "binaries", "file", "files", "path", "paths", "directory", "directories", "rule", "rules",
		"capability", "capabilities", "syscall", "syscalls", "program", "programs", "executable", "executables", "folder", "folders", "protocol", "protocols", "tool", "tools")
)

// changeNouns name a change after which things work otherwise: "before
// the fix", "prior to the upgrade".
var changeNouns = set("fix", "patch", "upgrade", "migration", "change", "update", "release", "rollout", "refactor", "move", "switch", "bump", "redeploy", "cutover")

// beforeChange reports whether a clause after the rules tells, in the
// past, how things were before a change: "Before the fix only 32768 was
// actually programmed", "Prior to the migration, /usr/bin/curl had been
// allowed everywhere". It opens with "before" or "prior to", a change noun
// within two words, holds a verb of the past, names no value (path, port,
// address, label, system name) the request has not named before, and no
// "except"; its verbs of verdict are past ("allowed"), and it holds no
// present, future or modal verb, which would make it a rule for that time.
func beforeChange(toks []token, before string) bool {
	k := 0
	switch {
	case len(toks) > 2 && toks[0].low == "before":
		k = 1
	case len(toks) > 3 && toks[0].low == "prior" && toks[1].low == "to":
		k = 2
	default:
		return false
	}
	if !slices.ContainsFunc(toks[k:min(k+3, len(toks))], func(t token) bool { return changeNouns[t.low] }) {
		return false
	}
	past := false
	for _, t := range toks[k:] {
		switch {
		case t.low == "was" || t.low == "were" || t.low == "had" || t.low == "did" || pastTense[t.low] || t.kind == tWord && len(t.low) > 4 && strings.HasSuffix(t.low, "ed"):
			past = true
		case t.low == "except" || t.low == "is" || t.low == "are" || t.low == "will" || modals[t.low] && t.low != "could" || t.low == "please":
			// "Before the upgrade is rolled out, block /bin/bash": a rule
			// for the time before a change.
			return false
		case (denyWords[t.low] || allowWords[t.low] || auditWords[t.low] || isolateWords[t.low]) && !strings.HasSuffix(t.low, "ed"):
			return false
		case (t.kind != tWord && t.kind != tPunct || systemName(t)) && !strings.Contains(before, t.raw):
			return false
		}
	}
	return past
}

// harmVerbs say what a rule would break: "would kill the probes", "would
// cut off the health checks", "could break DNS".
var harmVerbs = set("break", "kill", "cut", "stop", "block", "drop", "prevent", "disrupt", "sever", "starve", "lock", "shut", "take", "knock", "choke")

// harmWouldDo reports whether a clause before ", so" says what something
// would (could, might) break: "A blanket denial on the emojivoto pods would
// also kill the kubelet's health probes", "Locking down the namespace would
// stop Prometheus from scraping", "a default deny could break DNS". Its
// subject is no person ("we would like", "I would block" are wishes), the
// verb after the modal is one of harm (harmVerbs; "that would also cover
// the api pods" adds pods and stays), what it harms names no pods and no
// "too" ("would also block the api pods" may be pods the rule is for), and
// it holds no value, "only", "except", "but" or "unless".
func harmWouldDo(toks []token) bool {
	if hasValue(toks) || namedNamespace(toks) || slices.ContainsFunc(toks, func(t token) bool {
		return t.low == "only" || t.low == "except" || t.low == "but" || t.low == "unless"
	}) {
		return false
	}
	for n := 1; n+1 < len(toks); n++ {
		w := toks[n].low
		if w != "would" && w != "could" && w != "might" {
			continue
		}
		if prev := toks[n-1].low; prev == "we" || prev == "i" || prev == "you" || prev == "they" {
			return false
		}
		k := n + 1
		for k < len(toks) && (toks[k].low == "also" || toks[k].low == "probably" || toks[k].low == "just" || toks[k].low == "then" || toks[k].low == "immediately") {
			k++
		}
		// "would also block the api pods": pods harmed may be pods the
		// rule is for too; ask.
		return k < len(toks) && harmVerbs[toks[k].low] && !slices.ContainsFunc(toks[k:], func(t token) bool {
			return podNouns[t.low] || t.low == "too" || t.low == "well"
		})
	}
	return false
}

// deniedPlaces are places whose traffic a sentence of fact says is denied
// already: "our namespaces", "my cluster", "our network".
var deniedPlaces = set("namespace", "namespaces", "cluster", "clusters", "network", "networks", "vpc", "firewall", "nodes")

// placeDenies reports whether a clause before ", so" says, in the present,
// what our place already denies: "Our namespaces deny traffic from separate
// namespaces", "My cluster drops all traffic between namespaces", "our
// network blocks cross-namespace traffic by default". It opens with our/my
// and a place (at most two words before it), the verb right after is a
// deny word in the present with no modal, and it holds no value, "only",
// "except", "but" or "unless".
// The place comes right after our/my and is not named ("Our shop
// namespace denies ..." may be where the rules after it are meant).
func placeDenies(toks []token) bool {
	if len(toks) < 3 || toks[0].low != "our" && toks[0].low != "my" || hasValue(toks) || slices.ContainsFunc(toks, func(t token) bool {
		return t.low == "only" || t.low == "except" || t.low == "but" || t.low == "unless" || premiseModals[t.low] && t.low != "are" && t.low != "is"
	}) {
		return false
	}
	// "Our shop namespace denies ...": a place by name the rules after
	// it may be meant for; only "our namespaces", "my cluster" read.
	return deniedPlaces[toks[1].low] && denyWords[toks[2].low] && !namedNamespace(toks)
}

// namedNamespace reports whether tokens name a namespace by a word beside
// a namespace noun ("the shop namespace", "namespace shop", "in shop's
// namespace"), not only "our/the/every namespace".
func namedNamespace(toks []token) bool {
	for k, t := range toks {
		if !namespaceWords[t.low] {
			continue
		}
		if k > 0 && toks[k-1].kind == tWord && !(determiners[toks[k-1].low] || prepositions[toks[k-1].low] || set("our", "my", "every", "each", "this", "these", "all", "separate", "other", "different")[toks[k-1].low]) {
			return true
		}
		if k+1 < len(toks) && toks[k+1].kind == tWord && !(prepositions[toks[k+1].low] || coordinators[toks[k+1].low] || premiseModals[toks[k+1].low] || denyWords[toks[k+1].low] || harmVerbs[toks[k+1].low] || toks[k+1].low == "would" || toks[k+1].low == "could" || toks[k+1].low == "might") {
			return true
		}
	}
	return false
}

// wishAt reports whether a wish for a rule opens at i: "we need ...", "I
// want ...", "we'd like ...", "we would like ...".
func wishAt(toks []token, i int) bool {
	if i+1 >= len(toks) {
		return false
	}
	w, next := toks[i].low, toks[i+1].low
	switch w {
	case "we", "i":
		return next == "need" || next == "want" || next == "must" || next == "have" || next == "would" && i+2 < len(toks) && toks[i+2].low == "like"
	case "we'd", "i'd":
		return next == "like"
	}
	return false
}

// verdictListBefore reports whether a statement opened a list with a verdict
// word before a colon ("Block:", "block the following:") and its items have
// no verdict of their own: semicolons then part its items.
func verdictListBefore(toks []token) bool {
	for i, t := range toks {
		if t.low != ":" || i == 0 {
			continue
		}
		k := i - 1
		if toks[k].low == "following" && k > 0 {
			k--
			if toks[k].low == "the" && k > 0 {
				k--
			}
		}
		if w := toks[k].low; !(denyWords[w] || allowWords[w] || auditWords[w]) || negationWords[w] || k > 0 && negationWords[toks[k-1].low] {
			continue
		}
		for _, u := range toks[i+1:] {
			// "...; access to /etc/shadow, in namespace prod; ...", "running
			// /usr/bin/curl, the owner only; ...": a scope of one item's own.
			if denyWords[u.low] || allowWords[u.low] || auditWords[u.low] || isolateWords[u.low] || negationWords[u.low] || u.low == ":" || namespaceWords[u.low] || u.low == "owner" || u.low == "owners" || u.low == "owner's" {
				return false
			}
		}
		return true
	}
	return false
}

// titleVerbBeforeColon reports whether tokens hold a colon with a verb of
// traffic before it: the title "allow frontend to communicate with
// backend: ..." says who reaches whom.
func titleVerbBeforeColon(toks []token) bool {
	for _, t := range toks {
		if t.low == ":" {
			return false
		}
		if reachVerbs[t.low] {
			return slices.ContainsFunc(toks, func(u token) bool { return u.low == ":" })
		}
	}
	return false
}

// pronounAfterSo reports whether the clause after "so" (or "so that")
// opens with a pronoun for the pods of the rule: "so it doesn't reach
// anything else", "so that they can't talk to any other pods".
func pronounAfterSo(toks []token) bool {
	if len(toks) == 0 || toks[0].low != "so" {
		return false
	}
	k := 1
	if k < len(toks) && toks[k].low == "that" {
		k++
	}
	return k < len(toks) && (toks[k].low == "it" || toks[k].low == "they" || toks[k].low == "these" || toks[k].low == "those")
}
