package builtin

import (
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/kunerva/kunerva/generator"
)

// toolsInDirs turns "netstat, ip and arp in /bin, /sbin and /usr/bin" into
// every tool in every directory, as executable paths.
func (p *parser) toolsInDirs(targets []sysTarget) []sysTarget {
	var tools, dirs []int
	for n, t := range targets {
		switch {
		case t.rule.ExecName != "":
			tools = append(tools, n)
		case t.rule.Path != "" && binDirRE2.MatchString(t.rule.Path) && p.is(t.at-1, "in", "from", "under", "inside", ",", "and", "or"):
			dirs = append(dirs, n)
		}
	}
	if len(tools) == 0 || len(dirs) == 0 || targets[dirs[0]].at < targets[tools[len(tools)-1]].at {
		return targets
	}
	// The tools are one list right before the directories: "netstat, ip
	// and arp (binaries) in /bin"; not "the php frontend (...), allow
	// executing only what lives in /usr/bin/", where php names the pods.
	for n, ti := range tools {
		to := targets[dirs[0]].at - 1
		if n+1 < len(tools) {
			to = targets[tools[n+1]].at
		}
		for k := targets[ti].end; k < to; k++ {
			if !p.is(k, ",", "and", "or", "binaries", "binary", "tools", "commands", "programs", "executables", "utilities") {
				return targets
			}
		}
	}
	var out []sysTarget
	for n, t := range targets {
		if !slices.Contains(tools, n) && !slices.Contains(dirs, n) {
			out = append(out, t)
		}
	}
	for _, ti := range tools {
		for _, di := range dirs {
			tool, dir := targets[ti], targets[di]
			full := strings.TrimSuffix(dir.rule.Path, "/") + "/" + tool.rule.ExecName
			out = append(out, sysTarget{at: tool.at, end: tool.end, rule: generator.SystemRule{Kind: generator.Process, Path: full},
				origins: []generator.Origin{p.origin("path", &mark{tool.at, tool.end, "tool-in-directory"}), p.origin("path", &mark{dir.at, dir.end, "tool-in-directory"}), p.origin("kind", &mark{tool.at, tool.end, "tool-in-directory"})}})
		}
	}
	if k := targets[dirs[0]].at - 1; p.is(k, "in", "from", "under", "inside") {
		p.take(k, k+1, "tool-in-directory")
	}
	return out
}

// neededWords say a path is kept as it is: "/bin/bash is needed".
var neededWords = []string{"needed", "fine", "ok", "okay", "required", "necessary", "expected", "legitimate", "used", "harmless", "safe"}

// parentWords say that one program starts another, in words the source
// readings ("launched by X", "from launching Y") do not take.
var parentWords = set("launches", "starts", "spawns", "runs", "executes", "execs", "forks", "invokes", "parent", "parents", "child", "children")

// parentBetween asks which program starts which when two programs stand
// as rules with words of starting between them and no source was read:
// "block /bin/bash when it launches /usr/bin/ssh", "block /usr/bin/ssh
// when its parent is /bin/bash", "block /bin/bash, which launches
// /usr/bin/ssh". Each rule on its own would block a program not asked for.
func (p *parser) parentBetween(targets []sysTarget, sources []valueV) error {
	if len(sources) > 0 {
		return nil
	}
	var procs []sysTarget
	for _, t := range targets {
		if t.rule.Path != "" && (t.rule.Kind == generator.Process || t.rule.Kind == "" && binDirRE.MatchString(t.rule.Path)) {
			procs = append(procs, t)
		}
	}
	if len(procs) < 2 {
		return nil
	}
	a, b := procs[0], procs[len(procs)-1]
	for k := a.end; k < b.at; k++ {
		if parentWords[p.word(k)] {
			return p.refuse(fmt.Sprintf("does %s start %s, or the reverse, and which should the rule stop? Say \"block %s when started by %s\" to limit a rule to what one program starts", a.rule.Path, b.rule.Path, b.rule.Path, a.rule.Path), generator.ExampleSystem)
		}
	}
	return nil
}

// isSource reports whether target n is the process a rule is limited to:
// "from /usr/bin/python3", "launched by /bin/bash", "only /bin/cat may
// access ...", "when /bin/touch creates files ...".
func (p *parser) isSource(targets []sysTarget, n int) bool {
	t := targets[n]
	// The list the target is in: "(/usr/bin/touch or /bin/touch)".
	first, last := t.at, t.end
	for k := n - 1; k >= 0 && p.onlyListWords(targets[k].end, first); k-- {
		first = targets[k].at
	}
	for k := n + 1; k < len(targets) && p.onlyListWords(last, targets[k].at); k++ {
		last = targets[k].end
	}
	if !slices.ContainsFunc(targets, func(o sysTarget) bool { return o.end <= first || o.at >= last }) {
		return false // nothing else for it to do
	}
	k := first - 1
	for p.is(k, "the", "process", "binary", "program", "executable", "(", "command", "tool") {
		k--
	}
	// A described name before the list: "touch (/usr/bin/touch ...)".
	if p.is(first-1, "(") && p.tok(k) == nil && k >= 0 && p.toks[k].kind == tWord {
		k--
	}
	// "when it is started by the JVM, /usr/lib/jvm/.../java": the path
	// names what the words before the comma described.
	if p.is(k, ",") {
		for b := k - 1; b >= 0 && b >= k-4 && p.toks[b].kind == tWord; b-- {
			if p.is(b, "by", "from") && (processVerbs[p.word(b-1)] || p.is(b-1, "spawned", "launched", "started", "forked", "invoked")) {
				k = b
				break
			}
		}
	}
	// "block TCP and UDP for /usr/bin/rsync", "block CAP_NET_RAW for
	// /usr/bin/ping": the program the protocols or capabilities before it
	// are for.
	protocolsFor := p.is(k, "for") && !slices.ContainsFunc(targets, func(o sysTarget) bool {
		return o.at < first && o.rule.Kind != generator.Protocol && o.rule.Kind != generator.Capability
	})
	if p.is(k, "for") && p.is(k-1, "only") || protocolsFor || p.is(k, "from", "by", "through", "via") && !p.is(k-1, "running", "executing", "execution", "binaries", "programs") {
		// "/bin/sh launched from /usr/sbin/apache2": a participle before
		// an executable, not a directory, names the process that starts it.
		startedFrom := p.is(k-1, startedWords...) && binDirRE.MatchString(t.rule.Path) && !strings.HasSuffix(t.rule.Path, "/") && !strings.HasSuffix(t.rule.Path, "*") && !dirNouns[p.word(last)]
		if p.is(k, "from") && !startedFrom && (processVerbs[p.word(k-1)] || processNouns[p.word(k-1)] || p.is(k-1, "anything", "something") && processVerbs[p.word(k-2)]) {
			return false
		}
		// "no executing anything from /data/ ..., or from /tmp/": the same
		// "from" again.
		if p.is(k, "from") && p.is(k-1, "or", "and", ",") {
			for f := k - 1; f >= 0; f-- {
				if p.is(f, "from") && (processVerbs[p.word(f-1)] || processNouns[p.word(f-1)] || p.is(f-1, "anything", "something") && processVerbs[p.word(f-2)]) {
					return false
				}
			}
		}
		p.take(k, k+1, "source")
		return true
	}
	// "the only binaries allowed to access it are /a and /b": the ones
	// the copula names are the sources. ("the only program that may run
	// is /app/run.sh" names what runs: a rule of processes.)
	if p.is(k, "are", "is") {
		for f := k - 1; f >= 0 && f >= k-14; f-- {
			if p.is(f, "only") && p.is(f+1, "binaries", "processes", "programs", "executables", "binary", "process", "program", "executable") &&
				p.is(f+2, "allowed", "permitted", "that", "which") && !slices.ContainsFunc(p.toks[f+2:k], func(t token) bool { return processVerbs[t.low] }) {
				p.take(k, k+1, "source")
				return true
			}
		}
	}
	j := last
	for p.is(j, ")", "process", "binary", "program", "executable", "alone", "itself", "command") {
		j++
	}
	if p.is(j, "from") && strings.HasSuffix(p.word(j+1), "ing") {
		return true
	}
	// "/bin/cat may access ...", but not "/etc/sudoers can be read".
	// "/usr/bin/wget gets to use TCP", "only /usr/sbin/ntpd to be allowed
	// to use UDP"
	if p.is(j, "gets", "get") && p.is(j+1, "to") || p.is(j, "to") && p.is(j+1, "be") && p.is(j+2, "allowed", "permitted", "able") {
		return true
	}
	// "allow /usr/bin/python to read /data/": the process the rule is for.
	if p.is(k, "allow", "allows", "let", "lets", "permit", "permits") && p.is(j, "to") && (fileVerbs[p.word(j+1)] || processVerbs[p.word(j+1)] || p.is(j+1, "use", "open", "access")) &&
		slices.ContainsFunc(targets, func(o sysTarget) bool { return o.at > j }) {
		return true
	}
	// "/usr/dbms/xyz may only be accessed by ...": passive past "only".
	b := j + 1
	if p.is(j, "may", "can", "should", "must") && p.is(b, "only", "just", "solely") && p.is(b+1, "be") {
		b++
	}
	// "/bin/sh is started by ...": the passive names what is run; "since
	// /bin/bash is used by the entrypoint" says why, and runs nothing.
	if p.is(j, "is", "are") && (p.is(b, startedWords...) || p.is(b, neededWords...) || strings.HasSuffix(p.word(b), "ed") && p.is(b+1, "by") && !processVerbs[p.word(b)]) {
		return false
	}
	// "only /usr/bin/node may run in the app=web pods, and /bin/sh too":
	// a program that may run, with no object after the verb, is what runs.
	if p.is(j, "may", "can", "should") && processVerbs[p.word(b)] && (b+1 == len(p.toks) || p.is(b+1, "in", "inside", "within", "on", ",", ".", ";", "there", "here", "and", "but")) {
		return false
	}
	if p.is(j, "may", "can", "should", "is", "alone", "are") && !(p.is(b, "be", "been") && !p.is(b+1, "able", "allowed", "permitted") && !(p.is(b+1, "the") && p.is(b+2, "only"))) && !p.is(b, "read-only", "readonly", "readable", "writable", "not", "never", "off") {
		return true
	}
	// "/bin/cat must not read /etc/shadow", "/usr/bin/rsync may never use
	// the network": the process a deny of the later targets is for (not
	// "/etc/shadow must not be read").
	// ("/bin/sh may not run and /usr/bin/app may run": a verb with no
	// object says what the path itself may not do.)
	negated := p.is(j, "may", "can", "should", "must", "will", "does", "do") && p.is(j+1, "not", "never") && !p.is(j+2, "be") && !(processVerbs[p.word(j+2)] && p.is(j+3, "and", ",", "but", ";")) ||
		p.is(j, "cannot", "can't", "mustn't", "shouldn't", "won't", "never", "doesn't", "don't") && !p.is(j+1, "be")
	if negated && slices.ContainsFunc(targets, func(o sysTarget) bool { return o.at > j }) {
		return true
	}
	// "/usr/bin/touch creates files under /dev/": a process doing something to a later target.
	// "/bin/sh launched by ...", "/bin/sh started from ...": a participle
	// names what is run, not what runs it.
	if p.is(j, startedWords...) && p.is(j+1, "by", "from") {
		return false
	}
	if (fileVerbs[p.word(j)] || processVerbs[p.word(j)] && j+1 < len(p.toks)) && !p.is(j, "execution", "executions", "invocation", "invocations") && slices.ContainsFunc(targets, func(o sysTarget) bool { return o.at > j }) {
		return true
	}
	// "block /bin/sh whenever /usr/sbin/nginx spawns it": a process
	// starting a pronoun for a target named before.
	if processVerbs[p.word(j)] && p.is(j+1, "it", "them") && slices.ContainsFunc(targets, func(o sysTarget) bool { return o.end <= first }) {
		return true
	}
	return false
}

// runFrom reports whether the path at i is where programs are run from:
// "anything run from /tmp", "binaries launched from /dev/shm". A path in
// a bin directory is the process that starts them instead ("/bin/sh
// launched from /usr/sbin/apache2").
func (p *parser) runFrom(i int) bool {
	if i < 2 || i >= len(p.toks) {
		return false
	}
	t := p.toks[i]
	if t.kind != tPath || !p.is(i-1, "from") || binDirRE.MatchString(t.raw) || strings.Contains(lastElem(t.raw), ".") {
		return false
	}
	return p.is(i-2, startedWords...) || p.is(i-2, "running", "executing", "launching", "starting") || processNouns[p.word(i-2)]
}

// startedObjects are words for what a process starts that name no path:
// "starts a shell", "spawns child processes", "runs anything".
var startedObjects = []string{"a", "an", "any", "anything", "something", "another", "other", "new", "child", "children", "shell", "shells", "subprocess", "subprocesses", "processes", "commands", "programs", "binaries", "scripts", "interactive"}

// startedWords are participles of starting a process: "/bin/sh spawned
// by ...", "is started by ...".
var startedWords = []string{"started", "spawned", "launched", "executed", "invoked", "run", "forked"}

// sourcesApart reports whether the sources are named in more than one
// place: "allow /bin/ping only when it is started by /bin/dash, and /bin/sh
// only when apache2 (/usr/sbin/apache2) launches it" names one source for
// each rule, not every source for every rule.
func (p *parser) sourcesApart(sources []valueV) bool {
	for n := 1; n < len(sources); n++ {
		for k := sources[n-1].m.end; k < sources[n].m.start; k++ {
			if !p.is(k, "and", "or", ",", "(", ")", "by", "from", "either", "the") {
				return true
			}
		}
	}
	return false
}

// onlyListWords reports whether tokens [from, to) only join a list.
func (p *parser) onlyListWords(from, to int) bool {
	for k := from; k < to; k++ {
		if !p.is(k, "and", "or", ",", "(", ")") {
			return false
		}
	}
	return from < to || from == to
}

// storySource asks about a source read from a story: "block /bin/sh in
// app=web, because a python script (/usr/bin/python3) spawned it" made
// python3 the one process the block holds for. In the present, "whenever
// /usr/bin/python3 spawns it", the source is the rule's condition.
func (p *parser) storySource(in *generator.Intent) string {
	for _, o := range in.Origins {
		if o.From != generator.FromRequest || !strings.Contains(o.Field, ".fromSource[") {
			continue
		}
		i := slices.IndexFunc(p.toks, func(t token) bool { return t.start == o.Start })
		if i < 0 {
			continue
		}
		j := i + 1
		for p.is(j, ")") {
			j++
		}
		if (p.is(j, startedWords...) || p.is(j, "ran")) && p.is(j+1, "it", "them") {
			return fmt.Sprintf("is %q a story (then leave it out: the rule holds for every run) or a condition (the rule holds only for runs %s starts: say \"whenever %s starts it\")?", o.Text+" "+p.toks[j].raw+" "+p.toks[j+1].raw, o.Text, o.Text)
		}
	}
	return ""
}

// findingWords say that a tool found or watched something, and the
// preposition after them names the tool: "(found via /usr/bin/strace)",
// "(detected by /usr/bin/falco)", "which we found with ...".
var findingWords = set("found", "detected", "reported", "traced", "caught", "flagged", "spotted", "discovered", "seen", "noticed", "observed", "logged",
	"alerted", "scanned", "profiled", "debugged", "confirmed", "identified", "audited")

// findingTools are the prepositions after findingWords that name the tool.
var findingTools = set("via", "by", "with", "using", "through", "from")

// toolThatFound asks about a program a rule read that stands after words
// of finding: "block /bin/sh in app=web (found via /usr/bin/strace)" made
// strace the only process the block held for, "(traced with
// /usr/bin/strace)" blocked strace too (finder W19, W20). The tool found
// the problem; it neither runs nor starts what the rule is about.
// "(spawned by /usr/bin/python)" names the process that starts it, and
// stays a source.
func (p *parser) toolThatFound(in *generator.Intent) string {
	for _, o := range in.Origins {
		if o.From != generator.FromRequest || !strings.HasPrefix(o.Field, "system[") {
			continue
		}
		i := slices.IndexFunc(p.toks, func(t token) bool { return t.start == o.Start && t.kind == tPath })
		if i < 2 || !findingTools[p.word(i-1)] {
			continue
		}
		if findingWords[p.word(i-2)] {
			return fmt.Sprintf("%q says what found it: is %s only the tool that found it (then leave it out: the rule holds for every program), or part of the rule? Say the rule without it, or say what %s may or may not do", p.text(i-2, i+1), o.Text, o.Text)
		}
		if keeperWords[p.word(i-2)] {
			return fmt.Sprintf("%q says what looks after it: is %s only that (then leave it out: the rule holds for every program), or part of the rule? Say the rule without it, or say what %s may or may not do", p.text(i-2, i+1), o.Text, o.Text)
		}
	}
	return ""
}

// keeperWords say that a tool installs, manages or keeps something up,
// and the preposition after them names the tool: "block /usr/bin/curl in
// pods labeled app=web (maintained by /usr/bin/ansible)" made ansible the
// only process the block held for. The tool looks after the program or
// the pods; it does not start what the rule is about.
var keeperWords = set("maintained", "managed", "installed", "deployed", "provisioned", "configured", "owned", "provided", "shipped", "packaged",
	"updated", "upgraded", "patched", "built", "compiled", "rotated", "renewed", "vendored", "bundled", "distributed")

// pathAfterPods asks about a path added after the pods of a rule with a
// source: "only /usr/bin/node may read /app/secrets in app=web, and
// /usr/bin/python3" read python3 as one more file node may read, where it
// may as well be one more program that may read /app/secrets.
func (p *parser) pathAfterPods(in *generator.Intent) string {
	if !slices.ContainsFunc(in.System, func(r generator.SystemRule) bool { return len(r.FromSource) > 0 }) {
		return ""
	}
	for i, t := range p.toks {
		if t.kind != tPath || p.claim[i] != "path" {
			continue
		}
		if !p.is(i-1, "and", "also", "plus") || !slices.ContainsFunc(in.Origins, func(o generator.Origin) bool {
			return o.From == generator.FromRequest && o.Start == t.start && strings.HasSuffix(o.Field, "].path")
		}) {
			continue
		}
		k := i - 1
		for p.is(k, ",", "and", "also", "plus") {
			k--
		}
		if k < 0 || p.claim[k] != "labels" && p.claim[k] != "endpoint" {
			continue
		}
		return fmt.Sprintf("is %s one more program that may do what the rule says, or one more file or program the rule is about? Say it beside the one it goes with", t.raw)
	}
	return ""
}

// fileOnlyDirRE matches paths in the directories that hold files and no
// programs (/etc/, /proc/, /sys/, /dev/): never the source process of a
// rule.
var fileOnlyDirRE = regexp.MustCompile(`^/(etc|proc|sys|dev)/`)

// fileAsSource asks when a rule is limited to a source process that is a
// file: "block /bin/cat from /etc/shadow" blocked running cat by
// /etc/shadow, "block /etc/secret from /bin/cat and /etc/shadow from
// /bin/less" left /etc/shadow unprotected, "the file /etc/shadow is to be
// blocked, the /etc/passwd also" blocked passwd only when /etc/shadow
// opens it. A file runs nothing; which rule it belongs to is a guess.
// Asked last, as the other checks say better what such a request means.
func fileAsSource(request string, toks []token, intents []*generator.Intent) error {
	for _, in := range intents {
		for _, r := range in.System {
			for _, s := range r.FromSource {
				if fileOnlyDirRE.MatchString(s) {
					return &generator.NotUnderstoodError{Request: request, Understood: in.Summary(), Example: generator.ExampleFor(in),
						Missing: fmt.Sprintf("is %s the program the rule is limited to? It is a file, not a program that runs; say each rule with its own verb (\"block /bin/cat from reading /etc/shadow\", \"block access to /etc/passwd\")", s)}
				}
			}
		}
	}
	return nil
}

// groupSourceWords stand for the programs of a place: "for processes in
// /usr/bin/", "by anything in /tmp/".
var groupSourceWords = set("anything", "everything", "whatever", "something")

// groupSourcePreps put the programs in their place: "programs in /usr/bin/".
var groupSourcePreps = []string{"in", "under", "inside", "from", "within"}

// groupSource asks about words after a rule that limit it to programs
// KubeArmor cannot name as a source (one absolute path each): a directory
// of programs, "block access to /etc/shadow for processes in /usr/bin/"
// (gave a Block of running anything in /usr/bin/, and /etc/shadow under
// process), "by anything in /tmp/" (a file Block on /tmp/); a bare program
// name, "for python" (a Block of running python); a program named as a
// word, "for the nginx process" (/etc/shadow under process). Each invented
// a rule or moved the path to the wrong kind (finder 14, S3). "block
// /bin/sh from executing curl" and "by /usr/bin/cat" name one path, and
// stay the rule's source.
func (p *parser) groupSource(targets []sysTarget) string {
	for k := range p.toks {
		if !p.is(k, "for", "by") || !slices.ContainsFunc(targets, func(t sysTarget) bool { return t.end <= k }) {
			continue
		}
		j := k + 1
		for determiners[p.word(j)] {
			j++
		}
		at := slices.IndexFunc(targets, func(t sysTarget) bool { return t.at == j })
		switch {
		case (processNouns[p.word(j)] || groupSourceWords[p.word(j)]) && p.is(j+1, groupSourcePreps...) && j+2 < len(p.toks) && p.toks[j+2].kind == tPath:
			return fmt.Sprintf("is %q the programs the rule is limited to? KubeArmor limits a rule to programs by the absolute path of each (\"block /usr/bin/cat from reading /etc/shadow\"), not by their directory; name each program, or leave the words out for every program", p.text(k, j+3))
		case at >= 0 && targets[at].rule.ExecName != "":
			return fmt.Sprintf("is %q the program the rule is limited to, or one more program to block? KubeArmor limits a rule to a program by its absolute path: say \"block /usr/bin/%s from reading ...\" for the first, or \"block running %s\"", p.text(k, targets[at].end), targets[at].rule.ExecName, targets[at].rule.ExecName)
		case at < 0 && j < len(p.toks) && p.toks[j].kind == tWord && !processNouns[p.word(j)] && p.is(j+1, "process", "binary", "program", "executable"):
			return fmt.Sprintf("is %q the program the rule is limited to? KubeArmor limits a rule to a program by its absolute path: say \"block /usr/bin/%s from reading ...\", or leave the words out for every program", p.text(k, j+2), p.word(j))
		}
	}
	return ""
}
