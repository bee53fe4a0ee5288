package builtin

import (
	"fmt"
	"slices"
	"strings"

	"github.com/kunerva/kunerva/generator"
)

// anyActor reports whether the process noun at k names whoever does what
// the rule is about, any of them: "whatever program tries", "by any
// process", "from any binary". "So in the agent sandbox pods
// (app=agent-sandbox) block any access to /workspace/config/secrets/ and
// everything under it, whatever program tries" was read as running
// programs from the directory (a process rule) where the words mean any
// access to its files, by whatever program.
func (p *parser) anyActor(k int) bool {
	return processNouns[p.word(k)] && (p.is(k-1, "whatever", "whichever") || p.is(k-1, "any", "every", "each") && p.is(k-2, "by", "from", "for"))
}

// wellKnownFiles are files of every Linux image, never directories.
var wellKnownFiles = set("/etc/shadow", "/etc/passwd", "/etc/group", "/etc/gshadow", "/etc/sudoers", "/etc/hosts", "/etc/hostname",
	"/etc/fstab", "/etc/crontab", "/etc/environment", "/etc/profile", "/etc/resolv.conf", "/etc/machine-id", "/etc/localtime", "/etc/os-release")

// programDirs hold programs: a path right in one is a file.
var programDirs = set("/bin", "/sbin", "/usr/bin", "/usr/sbin", "/usr/local/bin", "/usr/local/sbin")

// pathKind decides whether a path is a file or an executable, and a file or a directory.
func (p *parser) pathKind(t sysTarget, v *sysV, recMark *mark) error {
	i := t.at
	pth := v.rule.Path
	// "/bin/sh|/bin/bash", "/etc/{passwd,shadow}": alternatives written
	// into one path, which KubeArmor would match as written.
	if glued := p.tok(i+1) != nil && p.toks[i+1].start == p.toks[i].end && strings.ContainsAny(p.toks[i+1].raw, "{|"); glued || strings.ContainsAny(pth, "|{},") {
		said := pth
		if glued {
			said = p.text(i, min(i+4, len(p.toks)))
		}
		return p.refuse(fmt.Sprintf("%q holds several paths in one: name each path apart (\"/bin/sh and /bin/bash\")", said), generator.ExampleSystem)
	}
	under := p.under(i)
	if first := p.wholeOfOne(i); under == nil && first >= 0 {
		return p.refuse(fmt.Sprintf("is %s a whole directory too, with everything below it, like %s? Say \"the whole directories %s and %s\" for both, or name each apart", pth, p.toks[first].raw, p.toks[first].raw, pth), generator.ExampleSystem)
	}
	recursive := recMark != nil && recMark.rule == "recursive"
	dir := strings.HasSuffix(pth, "/") || dirNouns[p.word(i-1)] || dirNouns[p.word(i+1)] || recMark != nil && !strings.Contains(lastElem(pth), ".") || under != nil && !strings.Contains(lastElem(pth), ".") || p.runFrom(i) || p.heldIn(i)
	// "block access to /etc/shadow ..., recursively": a word of recursion
	// said of a file of every Linux image, or of a program in a directory
	// of programs; read as a directory, /etc/shadow became /etc/shadow/ and
	// the file was no longer blocked. ("/etc/secret_directory,
	// recursively" may be a directory.)
	if recursive && (wellKnownFiles[pth] || !strings.HasSuffix(pth, "/") && strings.LastIndex(pth, "/") > 0 && programDirs[pth[:strings.LastIndex(pth, "/")]]) {
		return p.refuse(fmt.Sprintf("is %s a directory? %q is said of it, which only a directory has; if it is one, write it with a final \"/\" (%q), or leave the word out for the file", pth, p.text(recMark.start, recMark.end), pth+"/"), generator.ExampleSystem)
	}
	// "the whole directories /etc/ssh and /etc/passwd": a later path of
	// the list, said a directory only by the plural before the first, that
	// is not one by itself (a final "/", or a directory of every Linux
	// image). Read as one, /etc/passwd became /etc/passwd/ and the file
	// was no longer blocked (finder 10, S14).
	if under != nil && under.rule == "recursive" && under.end < i && !strings.HasSuffix(pth, "/") && !wellKnownDirs[pth] {
		return p.refuse(fmt.Sprintf("is %s a directory? %q is said of it, which only a directory has; if it is one, write it with a final \"/\" (%q), or name the file in a rule of its own", pth, p.text(under.start, under.end), pth+"/"), generator.ExampleSystem)
	}
	if !dir && wellKnownDirs[pth] {
		// "block access to /etc/ssl", "make /etc read-only": a directory
		// of every Linux image, though written without a final "/".
		dir = true
		p.notes = append(p.notes, pth+" is a directory in every Linux image, so the rule is about the files in it (say \"recursively\" to cover its subdirectories too)")
	}
	if strings.HasSuffix(pth, "/**") || strings.HasSuffix(pth, "/*") {
		if strings.HasSuffix(pth, "/**") {
			recursive, recMark = true, &mark{i, i + 1, "recursive"}
		}
		pth = strings.TrimRight(pth, "*")
		dir = true
	}
	kind := ""
	var km *mark
	// "/etc/shadow, /etc/sudoers or /etc/pam.conf is opened by ...": the
	// words after the list say what happens to each path in it.
	after := i + 1
	for p.is(after, ",", "or", "and", "plus") {
		k := after + 1
		for p.is(k, "the", "whole", "entire", "all", "of") {
			k++
		}
		if k >= len(p.toks) || p.toks[k].kind != tPath {
			break
		}
		k++
		for p.is(k, "tree", "directory", "folder", "dir") {
			k++
		}
		after = k
	}
	// The words that say how deep a directory goes do not count: "/tmp/ or
	// its subfolders should be allowed to execute".
	limit := after + 3
	for k := after; k < len(p.toks) && k <= limit; k++ {
		if p.claim[k] == "recursive" || p.claim[k] == "not-recursive" || p.is(k, "or", "its", "their", "should", "must", "may", "can", "be", "allowed", "able", "permitted", "to") {
			limit++
		}
	}
	for k := after; k <= limit && k < len(p.toks) && kind == ""; k++ {
		switch w := p.word(k); {
		case p.anyActor(k):
			// "block any access to /workspace/secrets/, whatever program
			// tries": who accesses, not what is run.
		case p.headsNextPath(k):
			// "block access to /etc/shadow and execution of /usr/bin/curl":
			// "execution" is said of curl, the next item of the list; read
			// as said of /etc/shadow too, the file went under process and
			// stayed open (finder 14, S2).
			k = len(p.toks)
		case processNouns[w] || processVerbs[w] && (!p.is(k-1, "to") || p.is(k-2, "allowed", "able", "permitted")) || w == "noexec":
			kind, km = "process", &mark{k, k + 1, "process-word"}
		case fileNouns[w] && !dirNouns[w] || fileVerbs[w] && w != "use" && w != "using" && p.is(k-1, "be", "been", "being", "is", "are", "gets", "get"):
			kind, km = "file", &mark{k, k + 1, "file-word"}
		case p.toks[k].kind == tPath, k > after && (denyWords[w] && w != "not" || auditWords[w] || w == "allow" || w == "allows"):
			// "deny access to X and Y, deny executing Z": the next statement's words are its own.
			k = len(p.toks)
		}
	}
	for k := i - 1; k >= 0 && kind == "" && !p.is(k, ":", ";", "-"); k-- {
		w := p.word(k)
		switch {
		case p.claim[k] == "framing":
			// "How do I write a policy that blocks /usr/bin/curl": writing
			// the policy, not a write to the path.
		case p.claim[k] == "describes-files":
			// "execute files written to /tmp/": which files are run
			// (writtenFilesRun), no access of its own.
		case processVerbs[w] || processNouns[w]:
			kind, km = "process", &mark{k, k + 1, "process-word"}
		case dirNouns[w] && p.runFromDirectory(k):
			// "block execution from writable directories /tmp/, /var/tmp/":
			// what runs from the directories.
			kind, km = "process", &mark{k, k + 1, "process-word"}
		case fileNouns[w] && (processVerbs[p.word(k-1)] || processNouns[p.word(k-1)] || p.is(k-1, "of") && (processNouns[p.word(k-2)] || processVerbs[p.word(k-2)])):
			// "the execution of files in /tmp/", "executing files in": the
			// files are run.
			kind, km = "process", &mark{k - 1, k, "process-word"}
		case useWords[w] && !dir && binDirRE.MatchString(pth):
			// "audit any use of /usr/bin/curl": using a program is most often
			// running it, but a file rule on it is also "use"; ask.
			return p.refuse(fmt.Sprintf("should %s be about running %s, or about accessing it as a file? %q can mean either", pth, pth, w),
				"audit execution of "+pth+" in pods labeled app=nginx")
		case fileVerbs[w] || fileNouns[w] || w == "read-only" || w == "readonly" || p.claim[k] == "writes" || p.claim[k] == "read-only":
			kind, km = "file", &mark{k, k + 1, "file-word"}
		}
	}
	if kind == "" && !dir && binDirRE.MatchString(pth) {
		// "/bin/sh", "/usr/sbin/nginx": named alone, an executable is there to be run.
		kind, km = "process", &mark{i, i + 1, "bin-directory"}
		p.notes = append(p.notes, pth+" is taken as an executable to run, since it lives in a bin directory")
	}
	if kind == "" && fileDirRE.MatchString(pth) {
		// "/etc/shadow", "/var/log/": named alone, a file outside the bin
		// directories is there to be read or written.
		kind, km = "file", &mark{i, i + 1, "file-directory"}
		p.notes = append(p.notes, pth+" is taken as a file to access, since it lives outside the bin directories")
	}
	if kind == "" && slices.Contains(p.claim, "read-only") {
		kind = "file"
	}
	switch kind {
	case "process":
		v.rule.Kind = generator.Process
	case "file":
		v.rule.Kind = generator.File
	default:
		// With no word of what to do either, that is the first question.
		if _, _, err := p.action(v.origins); err != nil {
			return err
		}
		return p.refuse(fmt.Sprintf("should %s be about running %s, or about accessing it as a file?", pth, pth),
			"block execution of "+pth+" in pods labeled app=nginx")
	}
	if km == nil {
		km = &mark{i, i + 1, "file-word"}
	}
	p.take(km.start, km.end, km.rule)
	v.origins = append(v.origins, p.origin("kind", km))
	if kind == "file" {
		// "log every read of X", "block reads of X": KubeArmor matches any
		// access to a file, reads and writes alike.
		for k := i - 1; k >= 0 && k >= i-6 && !p.is(k, ":", ";", "-", ",") && p.toks[k].kind != tPath; k-- {
			if p.is(k, "read", "reads", "reading") && !p.taken(k) {
				p.take(k, k+1, "file-word")
				p.notes = append(p.notes, "KubeArmor matches every access to a file: the rule about reading "+pth+" covers writing it too")
			}
		}
	}
	if dir {
		for _, k := range []int{i - 1, i + 1} {
			if dirNouns[p.word(k)] && !p.taken(k) {
				p.take(k, k+1, "directory-word")
			}
		}
		if !strings.HasSuffix(pth, "/") {
			pth += "/"
		}
		v.rule.Dir, v.rule.Path = pth, ""
		v.origins = rebaseField(v.origins, "path", "dir")
		// "(not its subdirectories)" says it outright.
		if m := recursiveBy(under, recMark); m != nil && !(recMark != nil && !recursive) {
			v.rule.Recursive = true
			v.origins = append(v.origins, p.origin("recursive", m))
		}
	}
	return nil
}

// recursiveBy is the mark that makes a directory rule recursive: "under
// DIR", else a word that says recursion; nil when neither.
func recursiveBy(under, recMark *mark) *mark {
	switch {
	case under != nil:
		return under
	case recMark != nil && recMark.rule == "recursive":
		return recMark
	}
	return nil
}

// listJoins start the next item of a list: "X and Y", "X, Y", "X or Y".
var listJoins = []string{"and", ",", "or", "plus", "then"}

// nextPathPreps join a word of what is done to the path it is said of:
// "execution of /usr/bin/curl", "access to /etc/".
var nextPathPreps = []string{"of", "to", "on", "from", "in", "under", "into", "inside", "within"}

// headsNextPath reports whether the word at k, right after a word that
// joins a list, heads the next path of the list: "[and] execution of
// /usr/bin/curl", "[,] access to /etc/", "[and] running /tmp/x". The word
// is said of that path, not of the one before it: "block access to
// /etc/shadow and execution of /usr/bin/curl" put /etc/shadow under
// process (finder 14, S2), where the reverse order read right.
func (p *parser) headsNextPath(k int) bool {
	if !p.is(k-1, listJoins...) {
		return false
	}
	j := k + 1
	if p.is(j, nextPathPreps...) {
		j++
	}
	for determiners[p.word(j)] {
		j++
	}
	return j < len(p.toks) && p.toks[j].kind == tPath
}

// memberHead reports whether the word at k heads a member of a list of
// things done to paths: a word of running or accessing ("execution",
// "access", "reads") followed by a word that joins it to its object
// ("of", "to"): "execution of /bin/sh", "access to the network".
func (p *parser) memberHead(k int) bool {
	w := p.word(k)
	return (processVerbs[w] || fileVerbs[w] || processNouns[w]) && p.is(k+1, nextPathPreps...)
}

// memberEndWords end the object of a member: the pods or the place the
// rule is for ("in pods app=web"), or the next statement.
var memberEndWords = []string{"in", "on", "for", "inside", "within", ".", ";", ":"}

// mixedMembers reads a list whose members each say what is done to their
// own object, "block execution of /bin/sh and access to /etc/shadow"
// (headsNextPath), and returns a question where a member is not plainly
// one path, or where a word of one member may be said of the other:
//   - the object of a member is not a path: "and access to the network",
//     "access to secrets", "access to it", "execution of shells and
//     access to /etc/shadow"; that member was dropped without a word;
//   - after a member's path, the list goes on with words but no path
//     ("..., and access to /etc/shadow, and the kube config");
//   - a member says how the path is accessed ("read access to
//     /etc/shadow": the read-only word was lost) or a source follows a
//     path ("access to /etc/shadow from /bin/cat": the source went onto
//     /bin/sh too).
//
// Each once gave a policy narrower or broader than the words (finder 16,
// S4, S5); "" when the list reads plainly. Only a list with a process head
// and a file head, the later one after "and" or a comma, is read: a list
// of one kind ("block reads of /etc/ and writes to /var/") reads plainly
// elsewhere, and the dev set needs it so.
func (p *parser) mixedMembers() string {
	// Only a list whose later member has a head of its own after "and"
	// or a comma ("..., and access to", "and read access to") and whose
	// first member has one of the other kind is read here.
	procHead, fileHead, joined := false, false, false
	for k := range p.toks {
		if p.memberHead(k) {
			procHead = procHead || processVerbs[p.word(k)] || processNouns[p.word(k)]
			fileHead = fileHead || fileVerbs[p.word(k)]
			joined = joined || p.is(k-1, listJoins...) || p.is(k-1, "read", "write") && p.is(k-2, listJoins...)
		}
	}
	if !procHead || !fileHead || !joined {
		return ""
	}
	heads := 2
	for k := range p.toks {
		if !p.memberHead(k) {
			continue
		}
		j := k + 2
		for determiners[p.word(j)] {
			j++
		}
		// "execution of anything in /tmp/": what lies in a path, asked
		// elsewhere.
		if j >= len(p.toks) || p.is(j, memberEndWords...) || p.is(j, "anything", "everything", "whatever") {
			continue
		}
		if p.toks[j].kind != tPath {
			if heads < 2 {
				continue
			}
			e := j
			for e < len(p.toks) && p.toks[e].kind != tPath && !p.is(e, memberEndWords...) && !p.is(e, listJoins...) {
				e++
			}
			return fmt.Sprintf("which path is %q? Name it (\"access to /etc/shadow\"), or put it in a request of its own", p.text(k, e))
		}
		if heads >= 2 && p.is(k-1, "read", "write", "reads", "writes", "readonly", "read-only") {
			return fmt.Sprintf("is %q said of %s alone? Name each path in a rule of its own (\"block reads of %s\")", p.word(k-1), p.toks[j].raw, p.toks[j].raw)
		}
		e := j + 1
		if heads >= 2 && p.is(e, "from", "by") && e+1 < len(p.toks) && p.toks[e+1].kind == tPath {
			return fmt.Sprintf("is %q said of %s alone, or of every path of the list? Name each path in a rule of its own", p.text(e, e+2), p.toks[j].raw)
		}
		if p.is(e, listJoins...) && !p.memberHead(e+1) && !p.is(e+1, "read", "write", "reads", "writes") {
			m := e + 1
			for determiners[p.word(m)] {
				m++
			}
			if m < len(p.toks) && p.toks[m].kind != tPath && !p.is(m, memberEndWords...) && !denyWords[p.word(m)] && !auditWords[p.word(m)] && !allowWords[p.word(m)] {
				n := m
				for n < len(p.toks) && p.toks[n].kind != tPath && !p.is(n, memberEndWords...) {
					n++
				}
				return fmt.Sprintf("which path is %q after %s? Name it, or put it in a request of its own", p.text(e+1, n), p.toks[j].raw)
			}
		}
	}
	return ""
}

// pathlessMember asks about a member of a list of paths that names no
// path: "block execution of /bin/sh and the kube config", "block
// /bin/sh, /bin/bash and the shadow file", "block the kube config and
// /bin/sh", "block access to /etc/shadow and secrets". Its words are no
// value a rule can hold, and the rule was written for the paths alone
// (or, with "file", of another kind). As mixedMembers asks of "and
// writes to the kube config", it asks which path it is.
func (p *parser) pathlessMember(targets []sysTarget) string {
	for n, t := range targets {
		if t.rule.Path == "" && t.rule.ExecName == "" {
			continue
		}
		e := t.end
		if p.is(e, ",") && p.is(e+1, memberJoins...) {
			e++ // "/bin/sh, /bin/bash, and the token": the serial comma
		}
		if p.is(e, memberJoins...) {
			if m, end := p.pathlessRun(e+1, 1); end > m {
				return fmt.Sprintf("which path is %q after %s? Name it, or put it in a request of its own", p.text(m, end), p.toks[t.at].raw)
			}
		}
		if b := t.at - 1; n == 0 && p.is(b, memberJoins...) {
			if m, end := p.pathlessRun(b-1, -1); end > m {
				return fmt.Sprintf("which path is %q before %s? Name it, or put it in a request of its own", p.text(m, end), p.toks[t.at].raw)
			}
		}
	}
	return ""
}

// memberJoins join a member to the path beside it; a comma does not, for
// it also sets off what is said of the path ("/app/wisecow, the main
// executable", "/usr/bin/telnet, the usual kit for ...", "in the nginx
// pods, /etc/nginx/nginx.conf ...").
var memberJoins = []string{"and", "or", "plus"}

// pathlessRun is the run of words from k on (step 1) or back (step -1)
// that no rule read and that names no path, verb or pronoun, as [m, end)
// without its determiners; empty unless the run ends where a member of a
// list ends (memberEndWords, punctuation, the clause's end) going on, or
// at the verb or the preposition that opens the list going back ("block
// the kube config and", "access to the token and"). A word of a path's
// kind ("file") counts.
func (p *parser) pathlessRun(k, step int) (int, int) {
	verdict := func(w string) bool { return denyWords[w] || allowWords[w] || auditWords[w] || verdictOrders[w] }
	free := func(i int) bool {
		w := p.word(i)
		return i >= 0 && i < len(p.toks) && p.toks[i].kind == tWord && (!p.taken(i) || p.claim[i] == "file-word" || p.claim[i] == "process-word") &&
			!slices.Contains(memberEndWords, w) && !slices.Contains(nextPathPreps, w) && !slices.Contains(listJoins, w) && !pronouns[w] && !processVerbs[w] && !fileVerbs[w] && !verdict(w) &&
			!meaningful(p.toks[i]) && !p.kindOfPrograms(i) // "package managers and /usr/bin/nmap": systemNarrowing asks which programs
	}
	i := k
	for free(i) {
		i += step
	}
	m, end := k, i
	if step < 0 {
		m, end = i+1, k+1
		if i >= 0 && !verdict(p.word(i)) && !p.is(i, nextPathPreps...) {
			return m, m
		}
	} else if i < len(p.toks) && !p.is(i, memberEndWords...) && p.toks[i].kind != tPunct {
		return m, m
	}
	for m < end && determiners[p.word(m)] {
		m++
	}
	return m, end
}

// rebaseField renames the origins of one field.
func rebaseField(origins []generator.Origin, from, to string) []generator.Origin {
	out := slices.Clone(origins)
	for i := range out {
		if out[i].Field == from {
			out[i].Field = to
		}
	}
	return out
}

func lastElem(pth string) string {
	pth = strings.TrimSuffix(pth, "/")
	return pth[strings.LastIndex(pth, "/")+1:]
}

// syscallPaths attaches the path a syscall target names ("rmdir syscalls
// under /home/", "unlink on /etc/passwd") to it: a syscall rule on that
// file, or on that directory (recursive with "under").
func (p *parser) syscallPaths(targets []sysTarget, recOf map[int]*mark) ([]sysTarget, error) {
	var out []sysTarget
	for n := 0; n < len(targets); n++ {
		// "unlink and truncate syscalls on anything under /var/log/": the
		// syscalls of a list, then the path they are about.
		last := n
		for targets[n].rule.Kind == generator.Syscall && last+1 < len(targets) && targets[last+1].rule.Kind == generator.Syscall && p.onlyListWords(targets[last].end, targets[last+1].at) {
			last++
		}
		if targets[n].rule.Kind != generator.Syscall || last+1 >= len(targets) || targets[last+1].rule.Path == "" || targets[last+1].rule.Kind != "" || !p.onlySyscallPathWords(targets[last].end, targets[last+1].at) {
			out = append(out, targets[n])
			continue
		}
		// "unlink syscalls against /root/.bash_history and
		// /root/.zsh_history": every syscall on every path of the list.
		end := last + 1
		for end+1 < len(targets) && targets[end+1].rule.Path != "" && targets[end+1].rule.Kind == "" && p.onlyListWords(targets[end].end, targets[end+1].at) {
			end++
		}
		for _, next := range targets[last+1 : end+1] {
			pth := next.rule.Path
			under := p.under(next.at)
			recMark := recOf[next.at]
			recursive := recMark != nil && recMark.rule == "recursive"
			if wellKnownDirs[pth] && under == nil && !recursive {
				// "audit chmod syscalls on /etc": the directory's own
				// entry, or the files in it?
				return nil, p.refuse(fmt.Sprintf("should the system calls be those on the directory %s itself, or on the files in it? Say \"on %s/\" for its files, \"under %s/\" for everything below it", pth, pth, pth), generator.ExampleSystem)
			}
			for _, t := range targets[n : last+1] {
				t.origins = slices.Clone(t.origins)
				if strings.HasSuffix(pth, "/") || under != nil || recursive {
					dir := pth
					if !strings.HasSuffix(dir, "/") {
						dir += "/"
					}
					t.rule.Dir = dir
					t.origins = append(t.origins, rebaseField(next.origins, "path", "dir")...)
					if m := recursiveBy(under, recMark); m != nil {
						t.rule.Recursive = true
						t.origins = append(t.origins, p.origin("recursive", m))
					}
				} else {
					t.rule.Path = pth
					t.origins = append(t.origins, next.origins...)
				}
				out = append(out, t)
			}
		}
		p.take(targets[last].end, targets[last+1].at, "syscall-path")
		n = end
	}
	return out, nil
}

// objectAfterSource reports whether, after the path t (and the paths
// listed with it), the same clause names another target: "allow only
// /usr/bin/python to run /bin/sh". ("allow only /usr/sbin/nginx and
// /bin/bash to execute, and keep file access under / allowed" names the
// next target in a clause of its own.)
func (p *parser) objectAfterSource(targets []sysTarget, t sysTarget) bool {
	end := t.end
	for _, o := range targets {
		if o.at < end {
			continue
		}
		if p.onlyListWords(end, o.at) {
			end = o.end
			continue
		}
		for k := end; k < o.at; k++ {
			if p.is(k, ",", ";", ".", ":", "-", "and", "but", "or", "then") {
				return false
			}
		}
		return true
	}
	return false
}

// onlySyscallPathWords reports whether tokens [from, to) only join
// syscalls to the path they are about: "syscalls on anything under".
func (p *parser) onlySyscallPathWords(from, to int) bool {
	for k := from; k < to; k++ {
		if !p.is(k, "under", "on", "in", "for", "of", "below", "beneath", "inside", "within", "to", "at", "affecting", "targeting", "against", "anywhere", "everywhere",
			"somewhere", "syscalls", "syscall", "calls", "call", "anything", "everything", "any", "all", "files", "file", "the", "paths", "path", "that", "which", "target", "targets", "hit", "hits") {
			return false
		}
	}
	return true
}

// removalVerbs take a capability away: "remove NET_RAW", "strip
// CAP_SYS_ADMIN", "revoke CAP_SYS_PTRACE", "the pods should lose NET_RAW".
var removalVerbs = set("remove", "strip", "revoke", "withdraw", "lose", "rescind")

// capabilityAfter reports whether a capability stands right after the word
// at k, a determiner or "capability" between: "remove the NET_RAW
// capability", "strip CAP_SYS_ADMIN". ("remove the block on NET_RAW" has
// other words between, and is no removal of the capability.)
func (p *parser) capabilityAfter(k int) bool {
	j := k + 1
	for determiners[p.word(j)] || p.is(j, "capability", "capabilities", "cap") {
		j++
	}
	return j < len(p.toks) && p.claim[j] == "capability"
}

// removalTurned asks about a removal that is negated or removes a rule,
// not a capability: "don't remove NET_RAW" keeps it, "remove the block on
// NET_RAW" lifts a block; neither is a block of the capability.
func (p *parser) removalTurned() error {
	for k := range p.toks {
		if !removalVerbs[p.word(k)] && !p.is(k, "lift", "drop", "take") {
			continue
		}
		if removalVerbs[p.word(k)] && negationWords[p.word(k-1)] {
			return p.refuse(fmt.Sprintf("%q negates what it says: should the pods keep the capability (a policy that leaves it alone), or lose it (\"block\")?", p.text(k-1, k+1)), generator.ExampleSystem)
		}
		j := k + 1
		for determiners[p.word(j)] {
			j++
		}
		if p.is(j, "block", "blocks", "restriction", "restrictions", "ban", "deny", "denial", "limit", "limits", "rule", "rules", "policy") && p.is(j+1, "on", "of", "against", "for") {
			return p.refuse(fmt.Sprintf("%q undoes a rule, which a policy cannot: should the policy allow it, or leave it alone?", p.text(k, j+2)), generator.ExampleSystem)
		}
	}
	return nil
}

// wholeOfOne returns where the first path of a list stands when the path
// at i comes later in it and the words before the first say all of one
// directory, or -1: "block access to the whole directory /etc/ssh and
// /etc/ssl" made /etc/ssh recursive and /etc/ssl not. The plural ("the
// whole directories /etc/ssh and /etc/ssl") covers every path of the list
// (under).
func (p *parser) wholeOfOne(i int) int {
	k := i - 1
	if !p.is(k, "and", "or", ",") || k < 1 || p.toks[k-1].kind != tPath {
		return -1
	}
	first := k - 1
	for first-2 >= 0 && p.is(first-1, "and", "or", ",") && p.toks[first-2].kind == tPath {
		first -= 2
	}
	if s := p.wholeStart(first); s >= 0 && !p.is(s+1, "directories", "folders", "dirs", "trees") {
		return first
	}
	return -1
}
