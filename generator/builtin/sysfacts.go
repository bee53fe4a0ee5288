package builtin

import (
	"fmt"
	"slices"
	"strings"

	"github.com/kunerva/kunerva/generator"
)

// This file holds guards of KubeArmor requests found by the second red
// team: words beside a system rule that say how things stand, narrow what
// the rule matches, or leave something out, which the rules dropped. Each
// asks one question instead.

// factNowWords say a sentence tells how things stand now: "Currently
// /bin/sh is blocked", "KubeArmor blocks /bin/sh today", "writes to /etc/
// are already denied".
var factNowWords = set("currently", "today", "already", "presently", "nowadays")

// verdictTold are the forms of a verdict verb that tell, not order: a
// participle or a verb with a subject ("is blocked", "blocks").
var verdictTold = set("blocked", "denied", "audited", "allowed", "logged", "prevented", "forbidden", "disallowed", "rejected", "permitted",
	"blocks", "denies", "audits", "allows", "logs", "prevents", "forbids", "disallows", "rejects", "permits")

// verdictOrders are the verdict verbs as an order says them, which a
// plural subject says too: "Block /bin/sh", "the pods block /bin/sh".
var verdictOrders = set("block", "deny", "audit", "allow", "log", "prevent", "forbid", "disallow", "reject", "permit")

// verdictGerunds open a sentence whose subject is a rule: "Blocking
// /bin/sh broke our health checks"; after a verb that ends them, the
// verdicts a rule keeps doing: "stop blocking", "no more auditing".
var verdictGerunds = set("blocking", "denying", "auditing", "allowing", "preventing", "forbidding", "disallowing", "restricting", "permitting", "alerting",
	"logging", "dropping", "rejecting", "whitelisting", "blacklisting", "banning")

// ruleEffectVerbs tell what a rule did: "Blocking /bin/sh broke our health checks".
var ruleEffectVerbs = set("broke", "broken", "breaks", "caused", "causes", "killed", "kills", "stopped", "crashed", "failed", "fails", "hurt", "took")

// ruleTellers are the subjects of a sentence that tells what a rule did:
// "Our old policy blocked /bin/bash", "The previous rule denied /bin/sh".
var ruleTellers = set("policy", "policies", "rule", "rules", "kubearmor", "profile", "config", "configuration", "we", "they", "someone")

// toldAdverbs may stand between a rule and the verdict it had: "The old
// policy also blocked /bin/sh", "our rules have already denied it".
var toldAdverbs = set("also", "already", "always", "previously", "once", "just", "has", "have", "had", "still", "too")

// toldBy reports whether a rule (ruleTellers) is the subject of the
// verdict participle at i, with only toldAdverbs between.
func (p *parser) toldBy(i int) bool {
	k := i - 1
	for k > 0 && toldAdverbs[p.word(k)] {
		k--
	}
	return ruleTellers[p.word(k)]
}

// oldRuleWords name a rule other than the one asked for: "gets blocked
// by the old policy".
var oldRuleWords = set("old", "older", "previous", "existing", "current", "legacy", "former", "other", "original")

// sentenceBounds returns the bounds [s, e) of the sentence around token i.
func (p *parser) sentenceBounds(i int) (int, int) {
	end := func(k int) bool { return p.is(k, ".", ";", "!", "?") && p.toks[k].kind == tPunct }
	s := i
	for s > 0 && !end(s-1) {
		s--
	}
	e := i
	for e < len(p.toks) && !end(e) {
		e++
	}
	return s, e
}

// verdictToldAsFact asks, in a request with system rules, about a
// sentence that tells what a rule does or did instead of ordering one:
// "Currently /bin/sh is blocked in the app=web pods. Block /bin/bash
// too.", "Blocking /bin/sh broke our health checks.", "Our old policy
// blocked /bin/bash.", "KubeArmor blocks /bin/sh today", "/bin/sh would
// be blocked", "/bin/sh gets blocked by the old policy". Read as an
// order, each gave a Block the author did not ask for (or asked to undo).
// It returns the question, or "".
func (p *parser) verdictToldAsFact(in *generator.Intent) string {
	if len(in.System) == 0 {
		return ""
	}
	ask := func(s, e int) string {
		return fmt.Sprintf("%q tells what a rule does or did, not what this policy should do: which rule do you want now? Say it as a rule", p.text(s, e))
	}
	for i := range p.toks {
		w := p.word(i)
		s, e := p.sentenceBounds(i)
		switch {
		case verdictTold[w] && (p.sentenceHas(s, e, factNowWords) || p.phraseIn(s, e, "right", "now") || p.phraseIn(s, e, "at", "the", "moment") || p.phraseIn(s, e, "at", "present")):
			return ask(s, e)
		case verdictOrders[w] && (podNouns[p.word(i-1)] || ruleTellers[p.word(i-1)]) && p.sentenceHas(s, e, factNowWords):
			// "Today the app=web pods block /bin/sh. Block /bin/dash as
			// well.": the verb has a subject, and the sentence says now.
			return ask(s, e)
		case verdictTold[w] && p.is(i-1, "be") && p.is(i-2, "would", "could", "might", "should've", "would've"):
			return ask(s, e)
		case verdictTold[w] && p.is(i+1, "by") && (oldRuleWords[p.word(i+2)] || oldRuleWords[p.word(i+3)]):
			return ask(s, e)
		case verdictTold[w] && strings.HasSuffix(w, "ed") && p.toldBy(i):
			return ask(s, e)
		case verdictOrders[w] && p.is(i-1, "to") && p.is(i-2, "used") && ruleTellers[p.word(i-3)]:
			// "The old policy used to block /bin/sh."
			return ask(s, e)
		case verdictGerunds[w] && i == s && p.sentenceHas(s, e, ruleEffectVerbs):
			return ask(s, e)
		}
	}
	return ""
}

// phraseIn reports whether the words stand in a row in [s, e).
func (p *parser) phraseIn(s, e int, words ...string) bool {
	for k := s; k+len(words) <= e; k++ {
		if p.is(k, words[0]) && (len(words) == 1 || p.is(k+1, words[1])) && (len(words) < 3 || p.is(k+2, words[2])) {
			return true
		}
	}
	return false
}

// sentenceHas reports whether a word of the set stands in [s, e).
func (p *parser) sentenceHas(s, e int, words map[string]bool) bool {
	for k := s; k < e; k++ {
		if words[p.word(k)] {
			return true
		}
	}
	return false
}

// targetAgeWords pick some of the files or runs a rule matches by when
// or how they came: "new files in /tmp/", "copies of /bin/sh", "renamed
// copies", "binaries downloaded into /tmp/".
var targetAgeWords = set("new", "newly", "recent", "recently", "fresh", "renamed")

// arrivalWords say how files came into a place: "the download of binaries
// into /tmp/", "scripts dropped into /dev/shm/" (not "download tools").
var arrivalWords = set("download", "downloads", "downloaded", "downloading", "dropped", "uploaded", "uploads", "extracted", "unpacked", "saved", "saving")

// parentVerbs say which process started a run: "/bin/sh spawned by nginx",
// "started from /tmp/", "launched by the app".
var parentVerbs = set("spawned", "started", "launched", "forked", "invoked", "executed", "exec'd", "called", "run", "ran", "opened")

// runPlatformWords name where pods run, which a KubeArmor rule cannot pick:
// "in the app=web pods running on Windows".
var runPlatformWords = set("windows", "linux", "macos", "arm", "arm64", "amd64", "x86", "x86_64", "aarch64", "gpu", "gpus", "fargate", "gvisor", "kata")

// systemNarrowing asks, in a request with system rules, about words that
// narrow what a rule matches but that no rule read: "audit new files in
// /tmp/", "block copies of /bin/sh", "/bin/sh spawned by nginx", "mount
// syscalls with the bind flag", "running on Windows", "never /bin/bash",
// "leave /bin/bash alone", "unlink syscalls on log files under
// /var/log/". Dropped, each gave the rule for more (or other) runs and
// files than the words said. It returns the question, or "".
func (p *parser) systemNarrowing(in *generator.Intent) string {
	if len(in.System) == 0 {
		return ""
	}
	pathAfter := func(i, n int) bool {
		for k := i; k < min(i+n, len(p.toks)); k++ {
			if p.toks[k].kind == tPath && p.taken(k) || p.claim[k] == "syscall" || matchedNouns[p.word(k)] && p.word(k) != "copy" && p.word(k) != "copies" {
				return true
			}
		}
		return false
	}
	for i := range p.toks {
		w := p.word(i)
		free := !p.taken(i) || p.claim[i] == "no-meaning"
		switch {
		case free && (targetAgeWords[w] || p.is(i, "copies", "copy") && p.is(i+1, "of")) && pathAfter(i+1, 5),
			free && arrivalWords[w] && p.placeAfter(i+1, 4):
			return fmt.Sprintf("which of them does %q pick? KubeArmor matches a path, a directory or a program's name, not how or when a file or run came to be; say the rule without the word, or name exactly the paths it means", p.text(i, i+1))
		case parentVerbs[w] && p.is(i+1, "by") && i > 0 && (p.toks[i-1].kind == tPath || matchedNouns[p.word(i-1)]) && p.parentNamedByWord(i+2),
			parentVerbs[w] && p.is(i+1, "from") && i > 0 && (p.toks[i-1].kind == tPath || p.is(i-1, "when", "if", "once", "only")) &&
				i+2 < len(p.toks) && p.toks[i+2].kind == tPath && strings.HasSuffix(p.toks[i+2].raw, "/"):
			return fmt.Sprintf("should the rule hold only when the run is %q? Name the parent's path after \"from\" (\"block /bin/sh from /usr/sbin/nginx\"), or leave the words out", p.text(i, min(i+3, len(p.toks))))
		case p.is(i, "flag", "flags", "option", "options", "argument", "arguments", "args") && p.sentenceHasClaim(i, "syscall"):
			return fmt.Sprintf("KubeArmor matches a system call by its name, not by its %s: should the rule hold for every call, or do you mean something else?", w)
		case free && runPlatformWords[w] && p.is(i-1, "on", "under"):
			return fmt.Sprintf("what does %q change? A KubeArmor policy holds wherever its pods run; say the rule without it, or pick the pods by their labels", p.text(i-1, i+1))
		case free && p.kindOfPrograms(i) && (p.is(i+1, "and", "or", ",") && i+2 < len(p.toks) && p.toks[i+2].kind == tPath ||
			i >= 2 && p.is(i-1, "and", "or") && p.toks[i-2].kind == tPath || i >= 3 && p.is(i-2, "and", "or") && p.toks[i-3].kind == tPath && p.toks[i-1].kind == tWord):
			// "Block package managers and /usr/bin/nmap": the kind was
			// dropped, the path beside it blocked alone.
			return fmt.Sprintf("which programs are the %s? KubeArmor matches a program by its path or name; name each of them", p.toks[i].raw)
		case free && p.is(i+1, "process", "processes") && !p.taken(i+1) && p.nameWord(i) && !knownExecutables[w] && !processKinds[w] && !strings.HasSuffix(w, "ing") && !p.is(i+2, "name", "names") && !labelsSpell(in.Subject.Pods, w):
			// "In the app=api pods block /bin/sh. The web processes may
			// not write /etc.": the processes of other pods, by a name
			// no label says; dropped, the rule held for the app=api pods.
			return fmt.Sprintf("which pods are the %s processes? KubeArmor picks pods by their labels; say \"in the pods labeled app=%s\", or leave the word out", p.toks[i].raw, w)
		case p.is(i, "never", "not") && i+1 < len(p.toks) && p.toks[i+1].kind == tPath && p.taken(i+1):
			return fmt.Sprintf("what should happen to %s? The request says %q before it; name only what the rules are for", p.toks[i+1].raw, w)
		case p.is(i, "leave", "leaves", "spare") && i+1 < len(p.toks) && p.toks[i+1].kind == tPath && p.taken(i+1):
			return fmt.Sprintf("what should happen to %s? The request says %q before it; name only what the rules are for", p.toks[i+1].raw, p.text(i, i+2))
		case p.claim[i] == "read-only" && p.is(i-1, "(") && !p.pathInBracket(i) && slices.ContainsFunc(in.System, func(r generator.SystemRule) bool { return r.ReadOnly }):
			// "Block access to /etc/passwd (read-only review)", "Review
			// (read-only): block access ...": a bracket with no path
			// says what is read-only, maybe the review, not the files;
			// read as the rule's, it narrowed a block to writes (finder 7 S9).
			return fmt.Sprintf("is the file rule read-only, or %q something else? Say \"block writes to PATH\" to block writes only, or \"block access to PATH\" for every access", p.text(i-1, min(i+3, len(p.toks))))
		case writeWords[w] && p.is(i+1, "only") && p.is(i+2, ":") && slices.ContainsFunc(in.System, func(r generator.SystemRule) bool { return r.Kind == generator.File && !r.ReadOnly }):
			// "Writes only: block /etc/nginx ...": the heading narrows the
			// rule to writes, which a full block dropped (finder 7 S9).
			return fmt.Sprintf("does %q make the rule block writes only? Say \"block writes to PATH\" for that, or leave the heading out", p.text(i, i+2))
		case p.is(i, "once") && p.is(i+1, "started", "running", "up", "deployed", "booted", "ready", "initialized"):
			// "do not need /bin/sh once started": a rule that holds only
			// after startup, which no policy can say (finder 7 S12).
			return fmt.Sprintf("kunerva cannot make a policy hold only %q: it holds from startup on. Say the rule without it, if the program is not needed at startup either", p.text(i, i+2))
		case p.is(i, "on", "against", "targeting", "of") && p.claim[max(i-1, 0)] == "syscall" && p.kindBeforePath(i+1):
			return fmt.Sprintf("should the system calls be audited or blocked only on %q? Say \"unlink syscalls under /var/log/\" for calls on the files of a directory, or ask for the calls and the files in two rules", p.text(i+1, min(i+5, len(p.toks))))
		}
	}
	return ""
}

// pathInBracket reports whether a path stands in the bracket opened
// before i: "(read-only /etc)".
func (p *parser) pathInBracket(i int) bool {
	for k := i; k < len(p.toks) && !p.is(k, ")"); k++ {
		if p.toks[k].kind == tPath {
			return true
		}
	}
	return false
}

// processKinds say which processes of the pods, not which pods: "shell
// processes", "child processes" (so do words in -ing, "mining processes",
// and "process names").
var processKinds = set("shell", "child", "parent", "system", "user", "background", "daemon", "host", "node", "container", "running", "new", "all", "any")

// placeAfter reports whether "into", "to", "in" or "under" and a path
// follow within n words of i: "the download of binaries into /tmp/".
func (p *parser) placeAfter(i, n int) bool {
	for k := i; k < min(i+n, len(p.toks)-1); k++ {
		if p.is(k, "into", "to", "in", "under", "onto") && p.toks[k+1].kind == tPath {
			return true
		}
	}
	return false
}

// parentNamedByWord reports whether the words after "spawned by" name a
// program by a word, not a path nor the pods: "spawned by nginx", "started
// by the web server" (not "opened by /usr/sbin/tcpdump", "opened by any pod").
func (p *parser) parentNamedByWord(k int) bool {
	for determiners[p.word(k)] {
		k++
	}
	return k < len(p.toks) && p.toks[k].kind == tWord && !p.is(k, "pod", "pods", "container", "containers", "workload", "workloads", "anyone", "someone", "anything")
}

// kindBeforePath reports whether a word of a kind stands between "on" and
// the path of a syscall rule: "unlink syscalls on log files under
// /var/log/" (not "on anything under /var/log/", "on files in /etc/").
func (p *parser) kindBeforePath(k int) bool {
	kind := false
	for end := min(k+5, len(p.toks)); k < end; k++ {
		switch {
		case p.toks[k].kind == tPath:
			return kind
		case p.toks[k].kind != tWord:
			return false
		case determiners[p.word(k)] || prepositions[p.word(k)] || p.is(k, "anything", "everything", "file", "files", "any", "all", "every", "each"):
		default:
			kind = true
		}
	}
	return false
}

// sentenceHasClaim reports whether a token of the sentence around i was
// read as the given claim.
func (p *parser) sentenceHasClaim(i int, claim string) bool {
	s, e := p.sentenceBounds(i)
	for k := s; k < e; k++ {
		if p.claim[k] == claim {
			return true
		}
	}
	return false
}

// syscallWordNamed returns a word of the request that names a system call
// no rule read ("audit ptrace", "any mount-related syscall", "log ptrace
// attempts"), or "": the request is about the call, not about traffic.
func (p *parser) syscallWordNamed() string {
	for i := range p.toks {
		w := strings.TrimSuffix(strings.TrimSuffix(p.word(i), "-related"), "()")
		if p.toks[i].kind == tWord && generator.IsSyscall(w) && !commonWordSyscalls[w] {
			return w
		}
	}
	return ""
}

// commonWordSyscalls are system calls spelled like words of plain English.
var commonWordSyscalls = set("read", "write", "open", "close", "kill", "link", "access", "connect", "bind", "listen", "accept", "send", "select",
	"pause", "alarm", "time", "sync", "wait", "exit", "pipe", "times", "brk", "socket", "shutdown", "clone", "fork", "truncate", "rename")

// restWatched are the participles that say what an allow-list leaves out
// is only watched: "every process not on the list is logged, not
// blocked".
var restWatched = set("logged", "audited", "reported", "alerted", "flagged", "recorded")

// allowListRestWatched asks, beside a KubeArmor allow-list, about a
// sentence that says what the list leaves out is logged or audited: an
// Allow rule blocks the rest, which the words did not say. It also asks
// about "the only program that may run from /usr/bin/ is /usr/bin/node":
// the directory is where the one program is picked from, not a second
// program allowed. It returns the question, or "".
func (p *parser) allowListRestWatched(in *generator.Intent) string {
	allows := false
	for _, r := range in.System {
		allows = allows || r.Action == generator.ActionAllow
	}
	if !allows {
		return ""
	}
	for i := range p.toks {
		// "..., audit the rest", "log everything else": an order for the rest.
		watchRest := auditWords[p.word(i)] && slices.ContainsFunc(p.toks[i+1:min(i+4, len(p.toks))], func(t token) bool { return t.low == "rest" || t.low == "else" || t.low == "others" })
		if restWatched[p.word(i)] && p.is(i-1, "is", "are", "gets", "get", "be") || watchRest {
			w := p.word(i)
			if watchRest {
				w = "audited" // "audit the rest"
			}
			return fmt.Sprintf("should what the allow-list leaves out be blocked, or only %s? A KubeArmor Allow rule blocks every other one; for an audit of the rest, ask for the audit alone", w)
		}
		if p.is(i, "only") {
			for k := i + 1; k < min(i+8, len(p.toks)-3); k++ {
				if p.is(k, "from", "in", "under") && p.toks[k+1].kind == tPath && strings.HasSuffix(p.toks[k+1].raw, "/") && p.is(k+2, "is", "are") {
					return fmt.Sprintf("is %s where the one program allowed is picked from, or a directory allowed too? Say what becomes of the other programs in it", p.toks[k+1].raw)
				}
			}
		}
	}
	return ""
}

// kindOfPrograms reports whether the word at i is a plural noun of agents
// that names a kind of program: "package managers", "crypto miners",
// "network scanners", "downloaders".
func (p *parser) kindOfPrograms(i int) bool {
	w := p.word(i)
	return p.toks[i].kind == tWord && !knownExecutables[w] && len(w) > 4 && (strings.HasSuffix(w, "ers") || strings.HasSuffix(w, "ors")) &&
		!p.is(i, "others", "users", "containers", "workers", "servers", "headers", "orders", "folders", "parameters", "numbers", "errors")
}

// restBlockWords say what a rule's rest becomes is kept out: "the rest
// is blocked", "block everything else".
var restBlockWords = set("block", "blocked", "deny", "denied", "prevent", "prevented", "stop", "stopped", "kill", "killed", "forbid", "forbidden",
	"reject", "rejected", "refused", "prohibited", "disallowed")

// restVerdict reads what words about the rest of the rules say becomes of
// it: "watched" ("is logged", "audit the rest", "flagged rather than
// stopped", "logged, not blocked", "reported without blocking"),
// "blocked" ("every process not on the list is prevented"), or "".
func restVerdict(toks []token) string {
	v := ""
	for i, t := range toks {
		prev := ""
		if i > 0 {
			prev = toks[i-1].low
		}
		switch {
		case auditWords[t.low] || restWatched[t.low]:
			return "watched"
		case restBlockWords[t.low] && (negationWords[prev] || prev == "than" || prev == "without" || prev == "of" && i > 1 && toks[i-2].low == "instead" ||
			slices.ContainsFunc(toks[:i], func(u token) bool { return u.low == "nothing" || u.low == "none" })):
			// "nothing else is blocked": the rest is not blocked.
			return "watched"
		case restBlockWords[t.low] || strings.HasPrefix(t.low, "block"):
			v = "blocked"
		}
	}
	return v
}

// systemRestVerdict checks a sentence set aside as the rest of the rules
// ("every process not on the list is logged, not blocked", "block the
// rest") against KubeArmor rules: an allow-list blocks its rest, and
// Audit or Block rules leave theirs alone. A verdict for the rest that the
// rules do not give asks; it was dropped.
func systemRestVerdict(request string, d clause, intents []*generator.Intent) error {
	if d.dismissed != "allow-list-rest" && d.dismissed != "only-restated" {
		return nil
	}
	allows, others := false, false
	for _, in := range intents {
		for _, r := range in.System {
			if r.OwnerOnly {
				return nil // "may only be accessed by its owner. Block access by anyone else": the rest is other users
			}
			allows = allows || r.Action == generator.ActionAllow
			others = others || r.Action != generator.ActionAllow
		}
	}
	v := restVerdict(d.toks)
	missing := ""
	switch {
	case allows && v == "watched":
		missing = fmt.Sprintf("should what the allow-list leaves out be blocked, or only logged? %q says it is not blocked, but a KubeArmor Allow rule blocks every other one; for an audit of the rest, ask for the audit alone", d.text(request))
	case !allows && others && v != "":
		missing = fmt.Sprintf("%q says what becomes of the rest, but the rules audit or block only what they name and leave the rest alone: which else should be audited or blocked? Name it as a rule, or leave the sentence out", d.text(request))
	default:
		return nil
	}
	return &generator.NotUnderstoodError{Request: request, Understood: intents[0].Summary(), Missing: missing, Example: generator.ExampleFor(intents[0])}
}

// readWords name reading a file.
var readWords = set("read", "reads", "reading", "reader", "readers")

// readsWeighed are the words that give reads the weight of the writes a
// rule covers: "Reads are a concern too", "Reading it is just as bad".
var readsWeighed = set("concern", "concerns", "matter", "matters", "bad", "worse", "dangerous", "risky", "sensitive", "equally", "just", "well", "either")

// execWords name running what a file rule is about.
var execWords = set("execution", "executions", "executing", "exec", "execs", "run", "runs", "running")

// readsFine are the words that leave reads out of a rule: "Reads are fine
// though", "reading is OK".
var readsFine = set("fine", "ok", "okay", "harmless", "allowed", "expected", "normal")

// readsToo asks when a sentence set aside beside file rules weighs an
// access the rules leave out, or lets through one they block: "Block
// writes to /etc/. Reads are a concern too." (writes alone were blocked),
// "Executions from there are a concern too" (no rule of processes),
// "Block access to /etc/. Reads are fine though." (reads were blocked).
func readsToo(request string, d clause, intents []*generator.Intent) error {
	writes, all, runs := false, false, false
	for _, in := range intents {
		for _, r := range in.System {
			writes = writes || r.ReadOnly
			all = all || r.Kind == generator.File && !r.ReadOnly && !r.OwnerOnly && r.Action == generator.ActionBlock
			runs = runs || r.Kind == generator.Process
		}
	}
	has := func(words map[string]bool) bool {
		return slices.ContainsFunc(d.toks, func(t token) bool { return words[t.low] })
	}
	weighed := has(readsWeighed) || has(additionWords)
	what := ""
	switch {
	case writes && has(readWords) && weighed:
		what = "the rules cover writes alone, yet %q speaks of reads: should reads be audited or blocked too?"
	case (writes || all) && !runs && has(execWords) && weighed:
		what = "the rules are about access to files, yet %q speaks of running them: should running be audited or blocked too?"
	case all && has(readWords) && has(readsFine):
		what = "the rules cover every access, reads too, yet %q leaves reads out: should the rule cover writes alone?"
	default:
		return nil
	}
	return &generator.NotUnderstoodError{Request: request, Understood: intents[0].Summary(), Example: generator.ExampleFor(intents[0]),
		Missing: fmt.Sprintf(what+" Say it as a rule (\"block writes to /etc/\", \"block running /etc/*\"), or leave the sentence out", d.text(request))}
}

// blockedUseTold asks when a sentence set aside as a reason says that the
// program of a blocking system rule uses something: "Nginx writes below
// its configuration at startup. Block /etc/nginx/ in pods labeled
// app=nginx". The sentence opens with the name the rule's pods carry (a
// label value) and a verb of use (useVerbs); what it says nginx does may
// be what the block stops (read as a reason, the full block was given).
func blockedUseTold(request string, d clause, intents []*generator.Intent) error {
	if len(d.toks) < 2 || !useVerbs[d.toks[1].low] {
		return nil
	}
	for _, x := range intents {
		if x.Subject.Pods == nil || !slices.ContainsFunc(x.System, func(r generator.SystemRule) bool { return r.Action == generator.ActionBlock }) {
			continue
		}
		for _, v := range x.Subject.Pods.MatchLabels {
			if strings.EqualFold(v, d.toks[0].raw) {
				return &generator.NotUnderstoodError{Request: request, Understood: x.Summary(), Example: generator.ExampleFor(x),
					Missing: fmt.Sprintf("%q says what %s does: does the block stop it? Say which access to block (\"block writes to ...\", \"allow only reads of ...\"), or leave the sentence out", d.text(request), d.toks[0].raw)}
			}
		}
	}
	return nil
}

// onlyConditionValues are the claims a tail of words no rule read may
// follow: the rule's path or program, or its "only".
var onlyConditionValues = set("path", "executable-name", "action-word")

// onlyTailRemarks open a tail that adds to the rule or says it again, no
// condition: "/usr/bin/wget as well", "... too", "do not block them".
var onlyTailRemarks = set("as", "too", "also", "either", "them", "it", "now", "again")

// onlyModals between "only" and the tail make "only" a word of another
// verb: "/usr/bin/java is the only thing that may run".
var onlyModals = set("may", "can", "should", "must", "is", "are", "be", "thing", "one")

// unreadOnlyCondition asks about the words no rule read that end the clause
// after a system rule made an allow-list by "only": "may run /bin/sh only
// at startup", "may only run /bin/sh once", "may use curl only for health
// checks". Dropped, the allow-list held at all times and for every use
// (finder 18, N3).
func (p *parser) unreadOnlyCondition(i int, in *generator.Intent) string {
	t := p.toks[i]
	if len(in.System) == 0 || t.kind == tPunct || p.taken(i) || onlyTailRemarks[t.low] {
		return ""
	}
	k := i
	for k > 0 && !p.taken(k-1) && p.toks[k-1].kind != tPunct {
		k--
	}
	if k != i || k == 0 || !onlyConditionValues[p.claim[k-1]] || p.claim[k-1] == "action-word" && !p.is(k-1, "only") {
		return ""
	}
	o := k - 1
	for o >= max(k-4, 0) && !p.is(o, "only") {
		if onlyModals[p.word(o)] {
			return ""
		}
		o--
	}
	// ("..., but only between 22:00 and 6am", "but only when /bin/cat
	// opens it": a limit of its own, asked about by its own rules.)
	if o < max(k-4, 0) || p.claim[o] != "action-word" || p.is(o-1, "but", ",", "and") {
		return ""
	}
	e := i
	for e < len(p.toks) && !p.taken(e) && p.toks[e].kind != tPunct {
		e++
	}
	for n := e; n < len(p.toks); n++ {
		if p.toks[n].kind != tPunct {
			return ""
		}
	}
	return fmt.Sprintf("kunerva cannot make a rule hold only %q: a KubeArmor rule holds at all times and for every use of what it names; ask without the condition, or say it in pods, paths and processes", p.text(k, e))
}
