package builtin

import (
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/kunerva/kunerva/generator"
)

// runCountWords, with "time" or "times" after them, count runs or accesses:
// "the second time it runs", "after 3 times", "more than five times".
var runCountWords = set("first", "second", "third", "fourth", "fifth", "nth", "next", "two", "three", "four", "five", "ten", "few", "several", "many", "multiple", "n")

// countedNouns, after a count word, count runs or accesses: "the second
// time", "on its third run", "after 5 attempts".
var countedNouns = set("time", "times", "run", "runs", "attempt", "attempts", "try", "tries", "execution", "executions", "invocation", "invocations",
	"launch", "launches", "start", "starts", "call", "calls", "access", "accesses")

// flagRE is a command-line flag written apart: "-c", "--insecure".
var flagRE = regexp.MustCompile(`^--?[A-Za-z][A-Za-z0-9-]*$`)

// systemNoOrder asks about requests a KubeArmor rule cannot hold, or that
// give no order at all, before any rule is read from them:
//   - arguments of a process ("block /bin/sh -c", "curl --insecure",
//     "find with -exec"): KubeArmor matches a process by its path,
//     whatever its arguments;
//   - a count of runs ("the second time it runs", "more than twice", "on
//     its third run", "after 5 attempts", "repeatedly");
//   - a why-question about a rule ("Why does blocking /bin/sh break the
//     health checks?", "Quick question: how come ..."): a question about an
//     effect, no order;
//   - "already" with a verdict in its sentence ("Our pods already block
//     /bin/sh. Also block /bin/bash.", "X is already audited"): a fact about
//     rules in place beside the ones to add. ("the token is already inside
//     the container" is a fact with no rule in it.)
func (p *parser) systemNoOrder(targets []sysTarget) error {
	// "audit /usr/bin/find with -exec": a flag anywhere, written apart.
	for k, a := range p.toks {
		if k == 0 || a.start == p.toks[k-1].end {
			continue
		}
		e := k + 1 // "--insecure" may be cut in "-" and "-insecure"
		for e < len(p.toks) && p.toks[e].start == p.toks[e-1].end && (p.toks[e-1].raw == "-" || p.toks[e-1].raw == "--") {
			e++
		}
		if flagRE.MatchString(p.request[a.start:p.toks[e-1].end]) {
			return p.refuse(fmt.Sprintf("KubeArmor matches a process by its path, not by its arguments (%q): should the rule hold for every run of the program, whatever its arguments?", p.request[a.start:p.toks[e-1].end]), generator.ExampleSystem)
		}
	}
	for k := range p.toks {
		if p.is(k, "twice", "thrice", "repeatedly") || countedNouns[p.word(k)] && (runCountWords[p.word(k-1)] || p.toks[max(k-1, 0)].kind == tNumber && k > 0) {
			return p.refuse(fmt.Sprintf("KubeArmor rules cannot count runs or accesses (%q): a rule holds for every one. Should it?", p.text(max(k-1, 0), k+1)), generator.ExampleSystem)
		}
	}
	for k, t := range p.all {
		// at the start of a sentence, or after a one-word opener ("Hey, why
		// do my pods fail when /bin/sh is blocked?")
		opens := func(j int) bool { return j < 0 || slices.Contains([]string{".", "?", "!", ":", ";"}, p.all[j].raw) }
		start := opens(k-1) || p.all[k-1].raw == "," && k >= 2 && opens(k-3)
		if !start {
			continue
		}
		why := t.low == "why" || t.low == "how" && k+1 < len(p.all) && p.all[k+1].low == "come"
		// the sentence ends in "?" and says more than "Why?" (a rhetorical
		// "Why? Attackers dump it." gives a reason)
		end := k + 1
		for end < len(p.all) && !slices.Contains([]string{".", "?", "!", ";"}, p.all[end].raw) {
			end++
		}
		if why && end > k+1 && end < len(p.all) && p.all[end].raw == "?" {
			return p.refuse("this asks why a rule does what it does, which is a question, not an order: what should the policy block, audit or allow, in which pods?", generator.ExampleSystem)
		}
	}
	if k := p.runAndOpen(); k >= 0 {
		return p.refuse(fmt.Sprintf("%q names running and opening together: should the rule be about running the program, opening the file (reading or writing it), or both? KubeArmor holds each in a rule of its own; say each", p.all[k].raw+" "+p.all[k+1].raw+" "+p.all[k+2].raw), generator.ExampleSystem)
	}
	if k := p.openList(); k >= 0 {
		return p.refuse(fmt.Sprintf("which more does %q stand for? KubeArmor matches only the paths, processes and capabilities named; name each of them", p.all[k].raw), generator.ExampleSystem)
	}
	for k, t := range p.all {
		if t.low == "already" && p.verdictInSentence(k) {
			return p.refuse("the request says what is \"already\" in place: which rules should this policy hold? Name only the rules to add", generator.ExampleSystem)
		}
	}
	return nil
}

// verdictInSentence tells whether the sentence of the request's k-th token
// holds a verdict word (block, audit, allow; not "may", "can" or a
// negation: "No secret required: the token is already inside").
func (p *parser) verdictInSentence(k int) bool {
	stop := func(t token) bool { return t.raw == "." || t.raw == "?" || t.raw == "!" || t.raw == ";" }
	from, to := k, k
	for from > 0 && !stop(p.all[from-1]) {
		from--
	}
	for to < len(p.all) && !stop(p.all[to]) {
		to++
	}
	for _, t := range p.all[from:to] {
		if (denyWords[t.low] || allowWords[t.low] || auditWords[t.low]) && !modalWords[t.low] && !negationWords[t.low] {
			return true
		}
	}
	return false
}

var modalWords = set("may", "can", "let", "lets", "open", "nobody", "cannot", "can't", "mustn't", "shouldn't", "won't", "dont", "doesn't")

// partialWrites name one kind of write to a file: deleting it, creating
// it, truncating, renaming or linking it. KubeArmor cannot match one kind
// alone.
var partialWrites = set("delete", "deletes", "deleting", "deleted", "deletion", "deletions", "remove", "removes", "removing", "removal", "removals",
	"unlink", "unlinks", "unlinking", "erase", "erases", "erasing", "wipe", "wipes", "wiping", "rm", "rmdir", "create", "creates", "creating", "created", "creation", "creations", "truncate", "truncates",
	"truncating", "truncated", "truncation", "rename", "renames", "renaming", "renamed", "link", "links", "linking", "symlink", "symlinks",
	"hardlink", "hardlinks", "download", "downloads", "downloading", "downloaded", "drop", "drops", "dropping")

// wholeAccessWords say every access, or every write, beside a word of one
// kind of write: "block modifying or deleting /etc/x", "audit any access
// to /data/, deletions included".
var wholeAccessWords = set("access", "accesses", "accessing", "accessed", "touch", "touches", "touching", "touched", "open", "opens", "opening", "opened",
	"read", "reads", "reading", "use", "using", "activity")

// deletionAlone asks about a rule of one kind of write to files with no
// other write or access beside it: "block deleting files in /data/",
// "prevent removal of files under /var/log/", "block creating files in
// /tmp/", "block truncation of /var/log/app.log", "audit unlink on
// /etc/passwd", "audit renames of files in /etc/". Read-only would block
// (or audit) every write, creating and changing files too, and a rule on
// the path every access. ("block modifying or deleting /etc/x" is
// read-only: every write is meant.)
func (p *parser) deletionAlone(action generator.Action, path string) error {
	del := -1
	for k := range p.toks {
		w := p.word(k)
		if writeWords[w] && !partialWrites[w] || action == generator.ActionAudit && wholeAccessWords[w] {
			return nil
		}
		if partialWrites[w] && del < 0 && !p.is(k+1, "syscall", "syscalls", "call", "calls", "system") {
			del = k
		}
	}
	if del < 0 {
		return nil
	}
	if action == generator.ActionAudit {
		return p.refuse(fmt.Sprintf("KubeArmor cannot audit %q alone: a rule on %s audits every access to it, read-only every write (creating and changing files too). Should it audit every write (\"audit writes to %s\"), every access, or a syscall on the path (\"audit unlink syscalls on %s\")?", p.toks[del].raw, path, path, path), generator.ExampleSystem)
	}
	return p.refuse(fmt.Sprintf("KubeArmor cannot %s %q alone: read-only would block every write to %s (creating and changing files too), and a rule on the path every access. Should it block every write (\"block writes to %s\")?", strings.ToLower(string(action)), p.toks[del].raw, path, path), generator.ExampleSystem)
}

// onlyReads asks about "only" beside a read word in a file rule: "allow
// only reads of /etc/app.conf", "may only read X", "permit just reading
// of X", "allow them to read X only", "should just read X, nothing more"
// (which read as a block of X once). Reading X may be all the pods do with X (writes to X blocked,
// the other files untouched), or all they do with files (an allow-list:
// KubeArmor then blocks every other file). ("only /bin/cat may read X"
// names a source; that reading is the allow-list, and is kept.)
func (p *parser) onlyReads(action generator.Action, path string, sourced bool) error {
	if action == generator.ActionAudit || sourced {
		return nil
	}
	read, only := -1, -1
	for k := range p.toks {
		if p.is(k, "read", "reads", "reading") && read < 0 {
			read = k
		}
		if p.is(k, "only", "just", "solely", "exclusively", "merely") && only < 0 {
			only = k
		}
	}
	if read < 0 || only < 0 {
		return nil
	}
	return p.refuse(fmt.Sprintf("what does %q limit beside %q: may %s only be read, not written (\"block writes to %s\", the other files untouched), or is reading %s all the pods may do with files (an allow-list: KubeArmor then blocks every other file access in them)?", p.toks[only].raw, p.toks[read].raw, path, path, path), generator.ExampleSystem)
}

// readsBlockedWhole notes that a block or an audit of reads ("block reads
// of /etc/shadow", "audit reads of /etc/passwd", "log every read of X")
// covers every access: KubeArmor matches a path for every access, or for
// writes (readOnly), never for reads alone.
func (p *parser) readsBlockedWhole(r generator.SystemRule) {
	if r.ReadOnly {
		return
	}
	var verb string
	switch r.Action {
	case generator.ActionBlock:
		verb = "blocks"
	case generator.ActionAudit:
		verb = "audits"
	default:
		return
	}
	for k := range p.toks {
		if p.is(k, "read", "reads", "reading") {
			p.notes = append(p.notes, fmt.Sprintf("KubeArmor %s every access to a path, or writes alone, never reads alone: this %s every access to %s, writes too", verb, verb, r.Path+r.Dir))
			return
		}
	}
}

// listExtenders, after "and", "or" or "plus" ("its", "their", "other" may
// stand between),
// add more of the same to what the request names without naming it:
// "/etc/shadow (and its backups)", "/etc/passwd and friends", "/bin/sh
// (plus similar shells)", "curl or similar tools". "etc." and "and so on"
// do it alone.
var listExtenders = set("similar", "backups", "backup", "copies", "variants", "friends", "alike", "relatives", "siblings", "equivalents", "lookalikes")

// openList returns the index in p.all of a word that leaves a list of
// system targets open (listExtenders, "etc.", "and so on", "and so
// forth"), or -1. A rule made of the list would hold for what it names
// alone.
func (p *parser) openList() int {
	joined := func(j int) bool {
		return j >= 0 && slices.Contains([]string{"and", "or", "plus", "&"}, p.all[j].low)
	}
	for k, t := range p.all {
		switch {
		case (t.low == "etc" || t.low == "etc.") && k > 0 && (p.all[k-1].raw == "," || joined(k-1) || p.all[k-1].kind != tWord):
			// "/bin/sh, /bin/bash, etc.", not the directory of "Write below etc"
			return k
		case t.low == "so" && joined(k-1) && k+1 < len(p.all) && (p.all[k+1].low == "on" || p.all[k+1].low == "forth"):
			return k
		case listExtenders[t.low] && (joined(k-1) || joined(k-2) && slices.Contains([]string{"its", "their", "other", "all", "the"}, p.all[k-1].low)):
			return k
		}
	}
	return -1
}

// runAndOpen returns the index in p.all of a process verb and a file verb
// joined by "and", "or" or "&" (either order), or -1: "block executing and
// reading /usr/bin/curl", "audit running or opening /usr/local/bin/app",
// "block execution and modification of /usr/bin/python3", "block writing
// and executing /tmp/x.sh". One kind of rule read from them dropped the
// other.
func (p *parser) runAndOpen() int {
	run := func(w string) bool { return processVerbs[w] && !fileVerbs[w] && !writeWords[w] }
	open := func(w string) bool { return (fileVerbs[w] || writeWords[w]) && !processVerbs[w] }
	for k := 0; k+2 < len(p.all); k++ {
		a, b := p.all[k].low, p.all[k+2].low
		if !slices.Contains([]string{"and", "or", "&", "and/or"}, p.all[k+1].low) {
			continue
		}
		if run(a) && open(b) || open(a) && run(b) {
			return k
		}
	}
	return -1
}

// heldNouns, before "in" and a path, say the path holds them: "files in
// /etc/kubernetes", "everything in /etc/ssl", "binaries in /tmp".
var heldNouns = set("files", "binaries", "executables", "programs", "scripts", "everything", "anything", "entries")

// heldIn reports whether the path at i is said to hold what the words
// before it name, so that it is a directory though written without a
// final "/": "files in /etc/kubernetes", "any file inside /root/.ssh",
// "everything within /srv/data", "the contents of /etc/nginx". Read as a
// file path, the rule matched the directory's own entry and none of the
// files in it. ("the config file in /etc/app/app.conf" names one file.)
func (p *parser) heldIn(i int) bool {
	switch {
	case p.is(i-1, "of") && p.is(i-2, "contents", "content"):
		return true
	case !p.is(i-1, "in", "inside", "within"):
		return false
	case heldNouns[p.word(i-2)]:
		return true
	}
	return p.is(i-2, "file", "binary", "executable", "program", "script", "entry") && p.is(i-3, "any", "every", "each")
}

// runFromDirectory reports whether a word of running stands before
// "from" or "in" a few words before the directory noun at k: "execution
// from writable directories", "running anything in the temp folders".
func (p *parser) runFromDirectory(k int) bool {
	for j := k - 1; j >= 0 && j >= k-3; j-- {
		if p.is(j, "from", "in", "inside", "within") {
			for m := j - 1; m >= 0 && m >= j-2; m-- {
				if processVerbs[p.word(m)] {
					return true
				}
			}
			return false
		}
		if p.toks[j].kind != tWord {
			return false
		}
	}
	return false
}
