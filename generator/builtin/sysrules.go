package builtin

import (
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/kunerva/kunerva/generator"
)

// restOfPod may follow "nothing else" in a system allow-list: "nothing
// else in the pod should open a socket".
var restOfPod = []string{"in", "the", "pod", "pods", "container", "containers", "should", "may", "can", "is", "allowed", "to", "open", "use", "a", "any", "socket", "sockets", "run", "execute", "be"}

// assembleSystem completes the targets (kind, action, modifiers, sources)
// and finds the subject.
func (p *parser) assembleSystem(targets []sysTarget) (*generator.Intent, error) {
	// "allow /usr/bin/curl only to reach 10.0.0.1": KubeArmor's rules name
	// protocols, not addresses or DNS names; a network policy does.
	for k, t := range p.toks {
		if (t.kind == tCIDR || t.kind == tDomain) && !p.taken(k) {
			return nil, p.refuse(fmt.Sprintf("KubeArmor rules cannot name an address or DNS name (%s); should this be a network policy for the pods, without the process?", t.raw), generator.ExampleNetwork)
		}
	}
	// "block /bin/sh ..., but allow it for /usr/bin/make": what "it" is and
	// how the path after it limits it are two things a rule cannot guess.
	for k := 0; k+2 < len(p.toks); k++ {
		if (allowWords[p.word(k)] || denyWords[p.word(k)] || auditWords[p.word(k)]) && p.is(k+1, "it", "them") && !p.taken(k+1) &&
			slices.ContainsFunc(targets, func(t sysTarget) bool { return t.at > k+1 && t.rule.Path != "" && p.is(t.at-1, "for", "by", "from") }) {
			return nil, p.refuse(fmt.Sprintf("what does %q stand for here, and what is the path after it to it? Name the path the rule is for, and say \"when started by\" for the process that may start it", p.toks[k+1].raw), generator.ExampleSystem)
		}
	}
	// "allow /usr/sbin/update-ca-certificates to write there": where
	// "there" is, and that the process is a source, a rule cannot guess.
	for k := 1; k < len(p.toks); k++ {
		if p.is(k, "there", "it", "them") && !p.taken(k) && (fileVerbs[p.word(k-1)] || processVerbs[p.word(k-1)]) && p.is(k-2, "to") && p.index("allow", "allows", "let", "lets", "permit") >= 0 &&
			!slices.ContainsFunc(targets, func(t sysTarget) bool { return t.at > k }) {
			return nil, p.refuse(fmt.Sprintf("what does %q stand for in %q? Name the path again", p.toks[k].raw, p.text(k-1, k+1)), generator.ExampleSystem)
		}
	}
	// "block chmod on /etc/passwd": KubeArmor can block running chmod, or
	// access to the file, not one program's use of the file.
	for n, t := range targets {
		if t.rule.ExecName != "" && n+1 < len(targets) && targets[n+1].rule.Path != "" && targets[n+1].at == t.end+1 && p.is(t.end, "on", "of", "against") {
			return nil, p.refuse(fmt.Sprintf("should the rule block running %s, or access to %s? KubeArmor cannot limit one program's use of a file by the program's name", t.rule.ExecName, targets[n+1].rule.Path), generator.ExampleSystem)
		}
	}
	if err := p.systemNoOrder(targets); err != nil {
		return nil, err
	}
	recMarks := p.recursion()
	// "only /app/ledger-server may run, nothing else": the rest of an allow-list.
	if p.has("only") {
		for _, ph := range p.restPhrases() {
			for m := p.claimPhrase("allow-list-rest", ph...); m != nil; m = p.claimPhrase("allow-list-rest", ph...) {
				// "nothing else in the pod should open a socket"
				k := m.end
				for p.is(k, restOfPod...) && !p.taken(k) {
					k++
				}
				if k == len(p.toks) || p.is(k, ",", ".", ";", "-") {
					p.take(m.end, k, "allow-list-rest")
				}
			}
		}
	}
	// "I want to know when someone edits X": tell me is audit; "keep an
	// eye on /etc/shadow", "visibility into who opens X": watching is.
	for _, ph := range [][]string{{"want", "to", "know", "when"}, {"want", "to", "know", "whenever"}, {"let", "me", "know", "when"}, {"let", "us", "know", "when"},
		{"notify", "me", "when"}, {"tell", "me", "when"}, {"want", "to", "be", "told", "when"}, {"want", "a", "record", "of"},
		{"keep", "an", "eye", "on"}, {"keep", "tabs", "on"}, {"visibility", "into"}, {"visibility", "on"}} {
		for p.claimPhrase("audit-phrase", ph...) != nil {
		}
	}
	roMarks := p.readOnly()
	if len(roMarks) == 1 && roMarks[0].rule == "writes-left-out" {
		m := roMarks[0]
		return nil, p.refuse(fmt.Sprintf("%q leaves writes out, but KubeArmor cannot watch or block reads and let writes through: should the rule cover every access, or writes alone?", p.text(m.start-1, m.end)), generator.ExampleSystem)
	}
	ownerOnly, ooMark := p.ownerOnly()
	// "X shall be accessible only to its owner, and Y may be read but any
	// write to it must be blocked": which rule is which would be a guess.
	if ownerOnly && len(roMarks) > 0 && len(targets) > 1 {
		return nil, p.refuse("which paths may only their owner access, and which may only be read? Say each as a rule of its own", generator.ExampleSystem)
	}
	// "block reads of /etc/shadow, writes are fine": read-only would keep
	// the reads and block the writes, the reverse of what is asked.
	for k := range p.toks {
		if len(roMarks) > 0 && p.is(k, "reads", "reading", "read") && (denyWords[p.word(k-1)] && !negationWords[p.word(k-1)] || p.is(k-1, "any", "all") && denyWords[p.word(k-2)] && !negationWords[p.word(k-2)]) {
			return nil, p.refuse(fmt.Sprintf("should %q block writes too? KubeArmor cannot block reads and let writes through: read-only keeps the reads and blocks the writes", p.text(k-1, k+1)), generator.ExampleSystem)
		}
	}
	if err := p.ownerWithMore(ownerOnly, ooMark); err != nil {
		return nil, err
	}
	// "anything touching X", "any process run from /tmp/": whoever does it.
	for _, ph := range [][]string{{"any", "process"}, {"any", "program"}, {"any", "user"}, {"anything"}, {"everything"}, {"something"}, {"anyone"}, {"anybody"}, {"someone"}, {"whatever"}, {"any", "attempt"}, {"every", "attempt"}, {"attempts"}, {"attempt"}} {
		for p.claimPhrase("anyone", ph...) != nil {
		}
	}
	// "use the actual executable X, not the Y symlink": a path said not to
	// be meant is asked about, never ruled on.
	for _, t := range targets {
		k := t.at - 1
		for k >= 0 && determiners[p.word(k)] {
			k--
		}
		if p.is(k, "not") && !p.is(k-1, "do", "does", "should", "must", "may", "can", "will") && (t.rule.Path != "" || t.rule.ExecName != "") {
			what := t.rule.Path
			if what == "" {
				what = t.rule.ExecName
			}
			return nil, p.refuse(fmt.Sprintf("what should happen to %s? The request says \"not\" before it; name only what the rules are for", what), generator.ExampleSystem)
		}
	}
	targets = p.toolsInDirs(targets)
	recOf := p.recursionScope(targets, recMarks)
	roOf := p.readOnlyScope(targets, roMarks, recOf)
	if t := p.hangsOnReadOnly(targets, roMarks, roOf); t != nil {
		return nil, p.refuse(fmt.Sprintf("may %s be read too, or is every access to it blocked? Say \"%s may be read but not written\", or \"block access to %s\", as a rule of its own", p.text(t.at, t.end), p.text(t.at, t.end), p.text(t.at, t.end)), generator.ExampleSystem)
	}
	// "/bin/ may be read and /usr/sbin/ may not, and any write ...": what
	// /usr/sbin/ may not do is left to be guessed.
	// "/bin/sh may run and /bin/bash may not" gave a block of bash run by
	// sh.
	for _, t := range targets {
		if k := t.end; p.is(k, "may", "can", "must", "should") && p.is(k+1, "not") && (k+2 >= len(p.toks) || p.toks[k+2].kind == tPunct || p.is(k+2, "and", "but", "or")) {
			return nil, p.refuse(fmt.Sprintf("what may %s not do, or have done to it? %q leaves the verb out; say each rule with its own verb (\"block access to %s\", \"%s may be read but not written\", \"block running %s\")", p.text(t.at, t.end), p.text(t.at, k+2), p.text(t.at, t.end), p.text(t.at, t.end), p.text(t.at, t.end)), generator.ExampleSystem)
		}
	}
	// "/etc/ may be read, but any write to /etc/ssl/ must be blocked":
	// what may become of writes to /etc/ is not said.
	for _, r := range roMarks {
		if r.rule != "readable" {
			continue
		}
		for n := len(targets) - 1; n >= 0; n-- {
			if t := targets[n]; t.end <= r.start {
				if roOf[t.at] == nil {
					return nil, p.refuse(fmt.Sprintf("may %s be written? The request says it may be read, and blocks writes elsewhere; say \"%s may be read but not written\", or leave it out", p.text(t.at, t.end), p.text(t.at, t.end)), generator.ExampleSystem)
				}
				break
			}
		}
	}
	targets, err := p.syscallPaths(targets, recOf)
	if err != nil {
		return nil, err
	}

	// Sources: paths that do the accessing ("only /bin/cat may access ...",
	// "... from /usr/bin/python3", "when /bin/touch creates files").
	var sources []valueV
	var rules []sysV
	for n, t := range targets {
		if (t.rule.Path != "" || t.rule.ExecName != "") && len(targets) > 1 && p.isSource(targets, n) {
			if t.rule.Path == "" {
				return nil, p.refuse(fmt.Sprintf("which path is %q? KubeArmor limits a rule to processes by their absolute path, e.g. /usr/bin/%s", t.rule.ExecName, t.rule.ExecName), "only /usr/bin/wget may use the network in pods labeled app=fetcher")
			}
			// "must not be read, not even by /bin/cat": every process,
			// that one too, not a rule limited to it.
			if p.is(t.at-1, "by", "from") && p.is(t.at-2, "even", "including", "also") {
				return nil, p.refuse(fmt.Sprintf("is the rule for every process, or only for %s? %q says every process, %s among them; say \"block access to X\" for all, or \"block %s from reading X\" for it alone", t.rule.Path, p.text(t.at-2, t.end), t.rule.Path, t.rule.Path), generator.ExampleSystem)
			}
			// "block /bin/sh when it is not spawned by java": every process
			// but the source, the reverse of a rule limited to it.
			for k := max(t.at-4, 0); k < t.at; k++ {
				if negationWords[p.word(k)] || p.is(k, "unless", "except", "but", "other", "than", "besides") {
					return nil, p.refuse(fmt.Sprintf("should the rule be for %s alone, or for every process but it? %q says the other processes; KubeArmor limits a rule to the processes it names", t.rule.Path, p.text(k, t.end)), generator.ExampleSystem)
				}
			}
			sources = append(sources, valueV{t.rule.Path, &mark{t.at, t.end, "source"}})
			p.take(t.at, t.end, "source")
			continue
		}
		// "allow only /usr/bin/python to run /bin/sh", "let only
		// /usr/bin/curl use the network": the path is who does it (a
		// source), not one more program to allow; read as a target, the
		// pods could run nothing else.
		if b := t.at - 1; t.rule.Path != "" && (p.is(b, "only", "just", "solely") && p.is(b-1, "allow", "allows", "permit", "permits", "let", "lets") || p.is(b, "allow", "allows", "permit", "permits") && p.is(t.end, "to")) &&
			p.objectAfterSource(targets, t) {
			return nil, p.refuse(fmt.Sprintf("is %s the program the rule is limited to? Say \"only %s may ...\" for that; or name each thing to allow apart", t.rule.Path, t.rule.Path), generator.ExampleSystem)
		}
		// "/bin/bash is needed though", "/etc/passwd is fine": a path the
		// request keeps, not one more to block.
		if e := t.end; p.is(e, "is", "are", "stays", "remains") && p.is(e+1, neededWords...) || p.is(e, "is", "are") && p.is(e+1, "still", "also") && p.is(e+2, neededWords...) ||
			p.is(e, "needs", "need", "requires", "require") && !p.is(e+1, "to") ||
			p.is(e, "is", "are") && strings.HasSuffix(p.word(e+1), "ed") && p.is(e+2, "by") && !processVerbs[p.word(e+1)] && !fileVerbs[p.word(e+1)] && !writeWords[p.word(e+1)] {
			// "block the sys_module capability, /usr/sbin/insmod needs it"
			what := t.rule.Path
			if what == "" {
				what = t.rule.ExecName
			}
			if what == "" {
				what = p.text(t.at, t.end) // "raw sockets need CAP_NET_RAW"
			}
			return nil, p.refuse(fmt.Sprintf("what should happen to %s? The request says %q; name only what the rules are for", what, p.text(t.at, e+2)), generator.ExampleSystem)
		}
		// "the cart pods need CAP_NET_BIND_SERVICE, block CAP_SYS_ADMIN":
		// what the pods need is kept, not blocked ("don't need X" is not).
		b := t.at - 1
		if p.is(b, "the", "to") {
			b--
		}
		named := func(o sysTarget) bool {
			return o.at != t.at && o.rule.Path == t.rule.Path && o.rule.ExecName == t.rule.ExecName && o.rule.Capability == t.rule.Capability && o.rule.Protocol == t.rule.Protocol
		}
		// "block net_admin ... except in kube-system, where the CNI needs
		// NET_ADMIN": a reason for an exception, with the rule said apart.
		if p.is(b, "need", "needs", "require", "requires") && !negationWords[p.word(b-1)] && !p.is(b-1, "only") && !(p.is(b-1, "not") || p.is(b-2, "not", "never")) && !slices.ContainsFunc(targets, named) {
			what := t.rule.Path
			if what == "" {
				what = t.rule.ExecName
			}
			if what == "" {
				what = p.text(t.at, t.end)
			}
			return nil, p.refuse(fmt.Sprintf("what should happen to %s? The request says %s it; name only what the rules are for", what, p.text(b-1, b+1)), generator.ExampleSystem)
		}
		// "alert when /usr/sbin/apache2 starts a shell": the rule is about
		// what it starts, and names no path for it.
		// "block /usr/sbin/nginx from spawning child processes" too.
		if e := t.end; t.rule.Path != "" && (p.is(e, "starts", "spawns", "launches", "runs", "executes", "execs", "forks", "invokes") && p.is(e+1, startedObjects...) ||
			p.is(e, "from") && p.is(e+1, "starting", "spawning", "launching", "running", "executing", "forking", "invoking") && p.is(e+2, startedObjects...)) && !slices.ContainsFunc(targets, func(o sysTarget) bool { return o.at > e }) {
			return nil, p.refuse(fmt.Sprintf("which programs started by %s? KubeArmor limits a rule to the paths it runs, e.g. \"audit /bin/sh and /bin/bash when %s starts them\"", t.rule.Path, t.rule.Path), generator.ExampleSystem)
		}
		// "/bin/sh run from /tmp": a copy of sh kept in /tmp, or sh and
		// everything in /tmp? Neither reads for sure.
		if e := t.end; t.rule.Path != "" && p.is(e, startedWords...) && p.runFrom(e+2) {
			return nil, p.refuse(fmt.Sprintf("what does %q mean: a program named %s that lies in %s, or %s itself? Name the path to run (\"block %s%s\")", p.text(t.at, e+3), lastElem(t.rule.Path), p.toks[e+2].raw, t.rule.Path, strings.TrimSuffix(p.toks[e+2].raw, "/")+"/", lastElem(t.rule.Path)), generator.ExampleSystem)
		}
		v := sysV{rule: t.rule, origins: t.origins}
		if t.rule.Path != "" && t.rule.Kind == "" {
			if err := p.pathKind(t, &v, recOf[t.at]); err != nil {
				return nil, err
			}
		}
		rules = append(rules, v)
	}
	if len(rules) == 0 {
		return nil, p.refuse("what should be blocked, audited or allowed? I found only the processes that would do it", generator.ExampleSystem)
	}
	if err := p.parentBetween(targets, sources); err != nil {
		return nil, err
	}
	// A source applies to every rule of the request; sources between the
	// rules ("allow A, allow B only when started by X, and C only when Y
	// launches it") would need each its own: ask instead of guessing.
	if len(sources) > 0 {
		first, last := sources[0].m.start, sources[len(sources)-1].m.end
		before, after := 0, 0
		for _, r := range rules {
			at := len(p.toks)
			for _, o := range r.origins {
				for k, t := range p.toks {
					if t.start == o.Start && k < at {
						at = k
					}
				}
			}
			switch {
			case at < first:
				before++
			case at >= last:
				after++
			default:
				before, after = 1, 1
			}
		}
		if before > 0 && after > 0 || p.sourcesApart(sources) {
			return nil, p.refuse(fmt.Sprintf("which rules are %s limited to? The processes named as sources stand between the rules; ask once for each set of rules", joinValues(sources)), generator.ExampleSystem)
		}
	}
	for n := range rules {
		r := &rules[n]
		action, am, err := p.action(r.origins)
		if err != nil {
			return nil, err
		}
		r.rule.Action = action
		r.origins = append(r.origins, p.origin("action", am))
		if p.is(am.start, "nothing", "nobody") {
			p.take(am.start, am.end, "action-word") // "nothing in ci should be able to open X"
		}
		switch r.rule.Kind {
		case generator.File:
			if err := p.deletionAlone(action, r.rule.Path+r.rule.Dir); err != nil {
				return nil, err
			}
			if err := p.onlyReads(action, r.rule.Path+r.rule.Dir, len(sources) > 0); err != nil {
				return nil, err
			}
			// "block writes to X" is X read-only; "allow writes to X" is not.
			// "only /bin/cat may modify X" would allow cat to read and write
			// it and block every other process's reads too: KubeArmor
			// cannot allow writes alone.
			if m := roOf[p.tokenAt(r.origins[0].Start)]; m != nil && action == generator.ActionAllow && m.rule != "read-only" && (len(sources) > 0 || p.has("only")) {
				return nil, p.refuse(fmt.Sprintf("should %q allow reading too? KubeArmor cannot allow writes alone: an Allow rule lets its processes read and write, and blocks every other process, reads included", p.text(m.start, m.end)), generator.ExampleSystem)
			}
			if m := roOf[p.tokenAt(r.origins[0].Start)]; m != nil && (action != generator.ActionAllow || m.rule == "read-only") {
				r.rule.ReadOnly = true
				r.origins = append(r.origins, p.origin("readOnly", m))
			}
			if ownerOnly {
				r.rule.OwnerOnly = true
				r.origins = append(r.origins, p.origin("ownerOnly", ooMark))
			}
			p.readsBlockedWhole(r.rule)
		case generator.Process:
			// "block writes to /etc/ and execution of /tmp/run.sh": a path
			// the writes are about is no program to run.
			if m, at := roOf[p.tokenAt(r.origins[0].Start)], p.tokenAt(r.origins[0].Start); m != nil && m.end <= at && p.onlyListWordsBetween(m.end, at) {
				what := r.rule.Path + r.rule.Dir
				return nil, p.refuse(fmt.Sprintf("is %s a file path whose writes the rule is about (%q), or a program to run? Say each access with its own path", what, p.text(m.start, m.end)), generator.ExampleSystem)
			}
			if ownerOnly {
				r.rule.OwnerOnly = true
				r.origins = append(r.origins, p.origin("ownerOnly", ooMark))
			}
		}
		for k, s := range sources {
			// "only programs in /usr/bin may read /etc/shadow": a source
			// is one executable; a directory as its path matches no
			// process at all.
			if d := strings.TrimSuffix(s.value, "/"); strings.HasSuffix(s.value, "/") || wellKnownDirs[d] {
				return nil, p.refuse(fmt.Sprintf("%s is a directory, and a KubeArmor source is one executable: which programs in it should the rule be limited to? Name each by its path (\"from %s/python3\")", d, d), generator.ExampleSystem)
			}
			r.rule.FromSource = append(r.rule.FromSource, s.value)
			r.origins = append(r.origins, p.origin(fieldf("fromSource[%d]", k), s.m))
		}
	}
	p.claimActionWords()
	// "log every read of X", "audit reads anywhere in /host/": auditing
	// access to a file logs its reads, among the rest.
	if len(rules) > 0 && !slices.ContainsFunc(rules, func(r sysV) bool {
		return r.rule.Kind != generator.File || r.rule.Action != generator.ActionAudit || r.rule.ReadOnly
	}) {
		for k := range p.toks {
			if p.is(k, "read", "reads") && !p.taken(k) && p.is(k-1, "every", "all", "any", "audit", "log") {
				p.take(k, k+1, "audited-reads")
			}
		}
	}
	var sr []generator.SystemRule
	for _, r := range rules {
		sr = append(sr, r.rule)
	}
	p.understood = append(p.understood, generator.SystemText(sr))
	subject, err := p.systemSubject()
	if err != nil {
		return nil, err
	}
	// "deny-all: block execution of anything in /bin/ ...", "default-deny:
	// only /bin/sh may run ...": a policy's name of parts joined by dashes
	// heads the system rules; its verdict is their posture, no network rule.
	if p.is(1, ":") && !p.taken(0) && kebabVerdictName(p.toks[:1]) {
		p.take(0, 2, "policy-name")
	}
	// Network words left over would be dropped silently: ask instead.
	for i, t := range p.toks {
		if !p.taken(i) && (isolateWords[t.low] || ingressWords[t.low] || egressWords[t.low] || t.kind == tCIDR || t.kind == tDomain || t.kind == tPortProto || t.kind == tRange) {
			return nil, p.refuse(fmt.Sprintf("what do you mean by %q? The request mixes system rules with network words; ask once for each, or join them with \", and\"", t.raw), generator.ExampleSystem)
		}
	}
	in := &generator.Intent{Subject: subject.subject, Origins: subject.origins, Notes: p.notes}
	for i, r := range rules {
		in.System = append(in.System, r.rule)
		in.Origins = append(in.Origins, rebase(fieldf("system[%d]", i), r.origins)...)
	}
	return in, nil
}

// recursionScope finds the targets each phrase about recursion ("and
// everything under it", "(not its subdirectories)", "recursively") is
// about: the list of targets right before it, back to the verb that
// governs them; with none before it, the first after it. It maps a
// target's token index to the phrase's mark.
func (p *parser) recursionScope(targets []sysTarget, marks []*mark) map[int]*mark {
	out := map[int]*mark{}
	for _, m := range marks {
		found := false
		boundary := m.start
		// "and everything below it": one path, the nearest; "/bin, /etc
		// and /usr, each including everything under it": every one.
		singular := slices.ContainsFunc(p.toks[m.start:m.end], func(t token) bool { return t.low == "it" || t.low == "its" }) && !p.is(m.start-1, "each")
		// "/etc/sudoers and the /etc/systemd/system/ tree": a noun of the
		// path right before it, the one it names.
		singular = singular || m.end == m.start+1 && p.is(m.start, "tree", "subtree") && m.start > 0 && p.toks[m.start-1].kind == tPath
		for n := len(targets) - 1; n >= 0; n-- {
			t := targets[n]
			if t.end > m.start {
				continue
			}
			// "/etc/ssl/certs/ (just that folder) and /etc/pki/ including
			// everything below it": a path with its own word keeps it.
			if o, has := out[t.at]; has && o != m {
				break
			}
			stop := false
			for k := t.end; k < boundary; k++ {
				if w := p.word(k); denyWords[w] || allowWords[w] || auditWords[w] || fileVerbs[w] || processVerbs[w] || actionVerbs[w] || w == ";" || w == "," && p.is(k+1, "and") && k+1 < boundary {
					stop = true
				}
			}
			if stop && found {
				break
			}
			// "block /bin/bash, and make the filesystem read-only by
			// blocking writes anywhere under /": another statement stands
			// between; the path after the words is theirs.
			if stop && slices.ContainsFunc(targets, func(o sysTarget) bool { return o.at >= m.end && !p.verbBetween(m.end, o.at) }) {
				break
			}
			out[t.at], found, boundary = m, true, t.at
			// "/bin/ and /usr/sbin/ may be read, but any write anywhere
			// under them ...": "them" is the whole list before.
			if stop && !singular && slices.ContainsFunc(p.toks[m.start:m.end], func(t token) bool { return t.low == "them" || t.low == "their" }) {
				for k := n; k > 0 && p.is(targets[k].at-1, "and", "or", ",") && targets[k-1].end == targets[k].at-1; k-- {
					out[targets[k-1].at] = m
				}
			}
			if stop || singular {
				break
			}
		}
		if !found {
			for _, t := range targets {
				if t.at >= m.end {
					out[t.at] = m
					break
				}
			}
		}
	}
	return out
}

func joinValues(vs []valueV) string {
	var parts []string
	for _, v := range vs {
		parts = append(parts, v.value)
	}
	return strings.Join(parts, ", ")
}

// readOnlyScope finds the targets a read-only word is about: "X and Y
// read-only" is about the list before it; "block writes to X and Y" about
// the list after it, up to the next verb.
func (p *parser) readOnlyScope(targets []sysTarget, marks []*mark, recOf map[int]*mark) map[int]*mark {
	if len(marks) == 0 {
		return nil
	}
	if marks[0].rule == "read-only" {
		return p.sameGoesFor(targets, p.recursionScope(targets, marks), recOf)
	}
	return p.sameGoesFor(targets, p.writesScope(targets, marks), recOf)
}

// writesScope finds the targets a rule about writes is about: "block
// writes to X and Y", "X can be read, but any write to it ...".
func (p *parser) writesScope(targets []sysTarget, marks []*mark) map[int]*mark {
	m := marks[0]
	out := map[int]*mark{}
	// "/etc/sudoers can be read, but any write to it ...": the target said
	// to be readable is the one kept from writes.
	// "/etc/ may be read, but any write to /etc/ssl/ ...": the writes are
	// to another path, said after them with no pronoun for the one before.
	own := slices.ContainsFunc(targets, func(t sysTarget) bool { return t.at >= m.end && p.onlyListWordsBetween(m.end, t.at) })
	pronoun := slices.ContainsFunc(p.toks[m.end:], func(t token) bool { return t.low == "it" || t.low == "them" || t.low == "there" })
	// "/bin/ and /usr/sbin/ may be read, but any write ...": every path of
	// the list before it.
	for _, r := range marks[1:] {
		if own && !pronoun {
			break
		}
		for n := len(targets) - 1; n >= 0; n-- {
			if targets[n].end <= r.start {
				out[targets[n].at] = m
				for n > 0 && p.is(targets[n].at-1, "and", "or", ",") && targets[n-1].end == targets[n].at-1 {
					n--
					out[targets[n].at] = m
				}
				break
			}
		}
	}
	for _, t := range targets {
		if t.at < m.start {
			continue
		}
		stop := false
		for k := m.end; k < t.at; k++ {
			// "block writes to /etc/ and access to /root/": another kind
			// of access starts the next target's own rule.
			if w := p.word(k); (denyWords[w] || allowWords[w] || auditWords[w] || processVerbs[w] || actionVerbs[w] || otherAccessWords[w]) && p.claim[k] != "writes" || w == ";" {
				stop = true
			}
			// "... and viewing /root/secret", "and any touching of /root/":
			// only a list carries the writes; another word names an
			// access of its own.
			if w := p.word(k); p.toks[k].kind == tWord && !p.taken(k) && !listWords[w] && !writeWords[w] && !inTarget(targets, k) {
				stop = true
			}
		}
		if stop {
			break
		}
		out[t.at] = m
	}
	if len(out) == 0 {
		for _, t := range targets {
			out[t.at] = m
		}
	}
	return out
}

// listWords join the paths of one list: "writes to /etc/, /usr/ and the
// /opt/ directory".
var listWords = set("and", "or", "plus", "as", "well", "also", "too", "the", "a", "an", "any", "all", "every", "both", "either", "to", "of", "in", "into",
	"on", "under", "below", "beneath", "within", "inside", "at", "directory", "directories", "folder", "folders", "file", "files", "path", "paths", "dir", "dirs",
	"it", "them", "there", "its", "their")

// onlyListWordsBetween tells whether the tokens from..to-1 are list words
// or punctuation: "writes to the /etc/".
func (p *parser) onlyListWordsBetween(from, to int) bool {
	for k := from; k < to; k++ {
		if p.toks[k].kind != tPunct && !listWords[p.word(k)] {
			return false
		}
	}
	return true
}

// inTarget tells whether the k-th token lies in one of the targets.
func inTarget(targets []sysTarget, k int) bool {
	return slices.ContainsFunc(targets, func(t sysTarget) bool { return t.at <= k && k < t.end })
}

// otherAccessWords name an access that is not a write.
// useWords say a file or a program is used, which is running the one and
// accessing the other.
var useWords = set("use", "uses", "using", "used", "usage")

var otherAccessWords = set("access", "accesses", "accessing", "read", "reads", "reading", "open", "opens", "opening", "use", "uses", "using")

// likewisePhrases say that what was said of the paths before holds for
// the paths after: "/app is read-only, and so is /etc", "X may be read but
// any write to it must be blocked, and the same goes for the Y directory",
// "..., as are /bin and /lib", "likewise /opt". ("and Y too" is not one:
// whether Y may be read as well would be a guess.)
var likewisePhrases = [][]string{{"so", "is"}, {"so", "are"}, {"as", "is"}, {"as", "are"}, {"the", "same", "goes", "for"}, {"the", "same", "applies", "to"},
	{"the", "same", "holds", "for"}, {"the", "same", "is", "true", "for"}, {"the", "same", "is", "true", "of"}, {"the", "same", "for"}, {"same", "goes", "for"},
	{"same", "for"}, {"same", "with"}, {"likewise", "for"}, {"likewise"}, {"similarly", "for"}, {"and", "also", "for"}}

// sameGoesFor extends the scope of a read-only rule over the paths that a
// likewise phrase puts after it: "/app is read-only, and so are /etc and
// /bin" makes /etc and /bin read-only too. The phrase must stand right
// after a path of the rule (a comma and "and" between) and right before
// the paths it gives the rule to (a determiner between); the paths run to
// the next verdict word. It claims the phrase. Whether the paths before
// are recursive ("/app and everything beneath it") does not carry over:
// a path after with no word of its own on recursion is left out (and
// asked about).
func (p *parser) sameGoesFor(targets []sysTarget, out, recOf map[int]*mark) map[int]*mark {
	verdict := func(from, to int) bool {
		for k := from; k < to; k++ {
			if w := p.word(k); denyWords[w] || allowWords[w] || auditWords[w] || processVerbs[w] || actionVerbs[w] || w == ";" || w == "." {
				return true
			}
		}
		return false
	}
	for i := range p.toks {
		ph := slices.IndexFunc(likewisePhrases, func(ph []string) bool { return p.phraseAt(i, ph...) })
		if ph < 0 {
			continue
		}
		end := i + len(likewisePhrases[ph])
		// the last path before, which the rule is about: "X, and so is",
		// "X may be read but any write to it must be blocked, and the same
		// goes for"
		before := -1
		for n := len(targets) - 1; n >= 0 && before < 0; n-- {
			if targets[n].end <= i {
				before = n
			}
		}
		// the paths it gives the rule to: "so are /etc and /bin", "the
		// same goes for the /etc/nginx/conf.d/ directory"
		a := end
		for determiners[p.word(a)] {
			a++
		}
		after := slices.IndexFunc(targets, func(t sysTarget) bool { return t.at == a })
		if before < 0 || after < 0 || out[targets[before].at] == nil {
			continue
		}
		m := out[targets[before].at]
		recursive := slices.ContainsFunc(targets[:before+1], func(t sysTarget) bool { return out[t.at] == m && recOf[t.at] != nil })
		p.take(i, end, "likewise")
		for n := after; n < len(targets) && !verdict(end, targets[n].at) && out[targets[n].at] == nil; n++ {
			if recursive && recOf[targets[n].at] == nil {
				continue
			}
			out[targets[n].at] = m
		}
	}
	return out
}

// hangsOnReadOnly finds a target that follows a read-only rule with no
// verdict of its own, which the rule is not about: "/app/ is read-only,
// and so is /etc/", or after "may be read but any write must be blocked": "X may be read but any
// write to it must be blocked, and the Y directory too". Whether Y may be
// read as well would be a guess; "..., and block access to Y" has its own.
func (p *parser) hangsOnReadOnly(targets []sysTarget, marks []*mark, roOf map[int]*mark) *sysTarget {
	verdict := func(k int) bool {
		w := p.word(k)
		return denyWords[w] || allowWords[w] || auditWords[w] || processVerbs[w] || actionVerbs[w]
	}
	// "/app/ is read-only, and so is /etc/": a path after "read-only"
	// that it is not about, with no verdict of its own.
	if len(marks) > 0 && marks[0].rule == "read-only" {
		last := marks[len(marks)-1]
		for n, t := range targets {
			if t.at < last.end || roOf[t.at] != nil {
				continue
			}
			// "X read-only, and Y blocked outright": Y's own, after it.
			own := false
			for k := last.end; k < len(p.toks); k++ {
				own = own || verdict(k)
			}
			if !own {
				return &targets[n]
			}
		}
		return nil
	}
	if len(marks) < 2 || marks[0].rule != "writes" {
		return nil
	}
	m := marks[0]
	first := -1
	for k := m.end; k < len(p.toks) && first < 0; k++ {
		if verdict(k) {
			first = k
		}
	}
	for n, t := range targets {
		if t.at < first || roOf[t.at] != nil {
			continue
		}
		last := -1
		for k := t.at - 1; k >= first && last < 0; k-- {
			if verdict(k) {
				last = k
			}
		}
		if last == first {
			return &targets[n]
		}
	}
	return nil
}

// readOnly reads "read-only", "make X read-only", "block writes to",
// "may be read but any write must be blocked"; it returns the marks of
// every "read-only" said, or of the one word about writes.
func (p *parser) readOnly() []*mark {
	var marks []*mark
	for _, ph := range [][]string{{"read-only"}, {"readonly"}, {"read", "only"}, {"only", "be", "read"}, {"only", "read"}, {"only", "reads"}, {"only", "reading"}, {"read", "access", "only"},
		{"may", "be", "read", "but", "never", "written"}, {"can", "be", "read", "but", "never", "written"}, {"may", "be", "read", "but", "not", "written"},
		{"can", "be", "read", "but", "not", "written"}, {"read", "but", "never", "written"}, {"read", "but", "not", "written"}, {"read", "but", "never", "modified"},
		{"read", "but", "not", "modified"}} {
		for m := p.claimPhrase("read-only", ph...); m != nil; m = p.claimPhrase("read-only", ph...) {
			marks = append(marks, m)
		}
	}
	if len(marks) > 0 {
		// "may be read but any write must be blocked": the rest says it again.
		p.claimWriteWords()
		slices.SortFunc(marks, func(a, b *mark) int { return a.start - b.start })
		return marks
	}
	// "nothing may be written under /boot/": writes there are blocked.
	for _, ph := range [][]string{{"nothing", "may", "be", "written"}, {"nothing", "can", "be", "written"}, {"nothing", "should", "be", "written"}, {"nothing", "must", "be", "written"},
		{"nothing", "gets", "written"}, {"nothing", "is", "written"}} {
		if r := p.claimPhrase("no-writes", ph...); r != nil {
			p.claimWriteWords()
			return []*mark{{r.start, r.end, "writes"}}
		}
	}
	// "Ensure changes to the sudoers scope are collected: ... audit access
	// to /etc/sudoers": after the heading, the rule says every access.
	if k, colon := p.indexAny(writeWords), p.index(":"); k >= 0 && colon > k && slices.ContainsFunc(p.toks[colon:], func(t token) bool { return t.low == "access" || t.low == "accesses" }) &&
		!slices.ContainsFunc(p.toks[colon:], func(t token) bool { return writeWords[t.low] }) {
		p.take(k, k+1, "heading")
		return nil
	}
	// "audit reads and writes of X", "read or write access to X": every
	// access, as KubeArmor matches it; no rule about writes alone.
	if k := p.indexAny(writeWords); k >= 0 && bothAccesses(p, k) {
		return nil
	}
	// "audit reads but not writes of X": the writes are the ones left
	// out, the reverse of a rule about writes.
	if k := p.indexAny(writeWords); k >= 0 && (p.is(k-1, "not", "never", "no") || p.is(k-1, "any") && p.is(k-2, "not")) && p.has("read", "reads", "reading") {
		return []*mark{{k, k + 1, "writes-left-out"}}
	}
	if k := p.indexAny(writeWords); k >= 0 {
		m := p.take(k, k+1, "writes")
		p.claimWriteWords()
		marks := []*mark{m}
		// "may be read but any write ...": reading stays allowed.
		for _, ph := range [][]string{{"may", "be", "read", "but"}, {"can", "be", "read", "but"}, {"be", "read", "but"}, {"reading", "is", "fine", "but"}, {"read", "but", "not"}, {"reads", "but", "not"},
			{"may", "be", "read", ",", "but"}, {"can", "be", "read", ",", "but"}, {"be", "read", ",", "but"}, {"reads", "are", "fine", ",", "but"}, {"reads", "are", "just", "noise"}, {"reads", "are", "fine"}} {
			if r := p.claimPhrase("writes", ph...); r != nil {
				marks = append(marks, &mark{r.start, r.end, "readable"})
			}
		}
		if e := p.readingStaysAllowed(); e != nil {
			p.take(e.start, e.end, "writes") // said again: the rule is about writes
		}
		return marks
	}
	return nil
}

// bothAccesses reports whether the write word at k is joined to a read
// word by "and", "or" or "/": "reads and writes", "writes or reads",
// "reading and writing", "read/write". The read word comes first or last.
func bothAccesses(p *parser, k int) bool {
	reads := func(i int) bool { return p.is(i, "read", "reads", "reading") }
	return p.is(k-1, "and", "or", "/") && reads(k-2) || p.is(k+1, "and", "or", "/") && reads(k+2)
}

// readingStaysAllowed claims "(reading them stays allowed)", "reads are
// still fine", "reading the files remains permitted": after a rule about
// writes, what it leaves alone, said again.
func (p *parser) readingStaysAllowed() *mark {
	for i := range p.toks {
		if !p.is(i, "reading", "reads") || p.taken(i) {
			continue
		}
		k := i + 1
		if p.is(k, "them", "it", "those", "these") {
			k++
		} else if p.is(k, "the") && p.is(k+1, "files", "file") {
			k += 2
		}
		if !p.is(k, "stays", "stay", "is", "are", "remains", "remain") {
			continue
		}
		k++
		if p.is(k, "still") {
			k++
		}
		if p.is(k, "allowed", "fine", "ok", "okay", "permitted", "possible") {
			return &mark{i, k + 1, "readable"}
		}
	}
	return nil
}

func (p *parser) claimWriteWords() {
	for i, t := range p.toks {
		if !p.taken(i) && writeWords[t.low] {
			p.take(i, i+1, "writes")
		}
	}
}

// ownerNear reports whether "owner" follows "only" closely: "only by its
// owner", "should only be accessible by their owners".
func (p *parser) ownerNear(k int) bool {
	for n := k + 1; n <= k+8 && n < len(p.toks); n++ {
		if p.is(n, "owner", "owners", "owner's", "owning") || p.is(n, "owns") && p.is(n-1, "who", "that") {
			return true
		}
	}
	return false
}

// ownerOnly reads "only the owner may", "by anyone other than the binary's
// owner", "owner-only".
func (p *parser) ownerOnly() (bool, *mark) {
	k := p.index("owner", "owner-only", "owners", "owner's", "owning")
	// "may only be accessed by the user who owns it"
	if o := p.index("owns"); k < 0 && o > 0 && p.is(o-1, "who", "that") {
		k = o
	}
	if k < 0 {
		return false, nil
	}
	start := k
	for start > 0 && p.is(start-1, "only", "the", "its", "their", "file's", "binary's", "executable's", "other", "than", "but", "anyone", "anybody", "except", "by", "user", "process", "file", "binary", "who", "that") && !p.taken(start-1) {
		start--
	}
	end := k + 1
	for p.is(end, "user", "of", "the", "file", "binary", "executable", "may", "can", "it", "them") && !p.taken(end) && end < k+4 {
		end++
	}
	m := p.take(start, end, "owner-only")
	// "only their owner may run them, block everyone else": said again.
	for _, ph := range [][]string{{"block", "everyone", "else"}, {"block", "everybody", "else"}, {"deny", "everyone", "else"}, {"everyone", "else", "is", "blocked"},
		{"everybody", "else", "is", "blocked"}, {"nobody", "else"}, {"no", "one", "else"}} {
		p.claimPhrase("owner-only", ph...)
	}
	return true, m
}

// ownerWithMore asks when the owner is given less or more than KubeArmor's
// ownerOnly holds: a write ("only the owner may write X", "writable only by
// its owner": ownerOnly keeps everyone else from reading too) or a process
// beside the owner ("the owner and /usr/bin/python3 may access X").
func (p *parser) ownerWithMore(ownerOnly bool, m *mark) error {
	if !ownerOnly || m == nil {
		return nil
	}
	for k := max(m.start-4, 0); k < m.end+3 && k < len(p.toks); k++ {
		if p.is(k, "write", "writes", "writing", "writable", "writeable", "modify", "modifies", "modified", "change", "edit", "edited") {
			return p.refuse(fmt.Sprintf("what may everyone else do? %q gives the owner writes, but KubeArmor's owner-only rule also keeps everyone else from reading; say \"only the owner may access X\", or make it read-only", p.text(min(k, m.start), max(k+1, m.end))), generator.ExampleSystem)
		}
	}
	// "usable by anyone but their owner": everyone but the owner is
	// allowed, the reverse of owner-only; only a block or a denial of
	// everyone else ("blocked for anyone but the owner") is owner-only.
	for k := m.start; k < m.end; k++ {
		if p.is(k, "but", "except", "than") && !p.hasAny(denyWords) && !p.hasAny(auditWords) {
			return p.refuse(fmt.Sprintf("who should be kept out? %q names everyone but the owner as allowed, while KubeArmor's owner-only rule keeps everyone but the owner out; say \"only the owner may access X\" if that is meant", p.text(m.start, m.end)), generator.ExampleSystem)
		}
	}
	pathAt := func(k int) bool { return k >= 0 && k < len(p.toks) && p.toks[k].kind == tPath }
	if p.is(m.end, "and", "or") && pathAt(m.end+1) || p.is(m.start-1, "and", "or") && pathAt(m.start-2) {
		return p.refuse("who may access it: the owner, a process, or the owner through that process? KubeArmor limits a rule to the owner, to processes, or to both at once", generator.ExampleSystem)
	}
	return nil
}

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
	if p.is(j, "may", "can", "should") && processVerbs[p.word(b)] && (b+1 == len(p.toks) || p.is(b+1, "in", "inside", "within", "on", ",", ".", ";", "there", "here")) {
		return false
	}
	if p.is(j, "may", "can", "should", "is", "alone", "are") && !(p.is(b, "be", "been") && !p.is(b+1, "able", "allowed", "permitted") && !(p.is(b+1, "the") && p.is(b+2, "only"))) && !p.is(b, "read-only", "readonly", "readable", "writable", "not", "never", "off") {
		return true
	}
	// "/bin/cat must not read /etc/shadow", "/usr/bin/rsync may never use
	// the network": the process a deny of the later targets is for (not
	// "/etc/shadow must not be read").
	negated := p.is(j, "may", "can", "should", "must", "will", "does", "do") && p.is(j+1, "not", "never") && !p.is(j+2, "be") ||
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
	recursive := recMark != nil && recMark.rule == "recursive"
	dir := strings.HasSuffix(pth, "/") || dirNouns[p.word(i-1)] || dirNouns[p.word(i+1)] || recMark != nil && !strings.Contains(lastElem(pth), ".") || under != nil && !strings.Contains(lastElem(pth), ".") || p.runFrom(i) || p.heldIn(i)
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

// action finds the verb that governs a target: the nearest one before it,
// else the nearest after.
func (p *parser) action(origins []generator.Origin) (generator.Action, *mark, error) {
	if err := p.negatedDeny(); err != nil {
		return "", nil, err
	}
	if err := p.removalTurned(); err != nil {
		return "", nil, err
	}
	at := len(p.toks)
	for _, o := range origins {
		for k, t := range p.toks {
			if t.start == o.Start && k < at {
				at = k
			}
		}
	}
	classify := func(k int) generator.Action {
		w := p.word(k)
		switch {
		case p.podsInGerund(k):
			return "" // "the app=x pods in logging": their namespace
		case p.is(k-1, "than") || p.is(k-1, "just", "merely", "only") && p.is(k-2, "than") || p.is(k-1, "of") && p.is(k-2, "instead"):
			// "we'd rather block than just watch": what is turned down.
			return ""
		case auditWords[w] && (p.is(k-1, "and") && denyWords[p.word(k-2)] && !negationWords[p.word(k-2)] || p.is(k+1, "and") && denyWords[p.word(k+2)] && !negationWords[p.word(k+2)]):
			// "block and log /bin/sh": KubeArmor logs what it blocks, so
			// the block says the action.
			return ""
		case (denyWords[w] || unclearVerbs[w]) && negationWords[p.word(k-1)] || negationWords[w] && (denyWords[p.word(k+1)] || unclearVerbs[p.word(k+1)]) && !negationWords[p.word(k+1)]:
			// "don't block /bin/sh, only audit it", "audit, not block,
			// /bin/sh", "audit, don't intercept, ...": a block turned down
			// beside an audit (negatedDeny refuses it alone), so the audit
			// word says the action.
			return ""
		case denyWords[w] && strings.HasSuffix(w, "ed") && strings.HasSuffix(p.word(k+1), "ing"):
			// "ping stopped working": what happened, not what to do.
			return ""
		case w == "take" && p.mentions("away"):
			return generator.ActionBlock
		case p.keptApart(k) >= 0:
			// "restrict the nginx pods from writing to /etc/", "keep the
			// app=web pods away from /etc/shadow": what they are kept
			// from is blocked.
			if j := p.keptApart(k); !p.is(j, "from") {
				p.take(j, j+1, "kept-apart")
			}
			return generator.ActionBlock
		case p.mustFail(k):
			// "writes to /etc/ must fail", "make /bin/sh unusable in X"
			return generator.ActionBlock
		case w == "unable" && p.is(k-1, "be") && p.is(k-2, "should", "must", "shall", "will", "to"):
			// "the nginx pods should be unable to write to /etc/"
			return generator.ActionBlock
		case (w == "allowed" || w == "permitted") && p.is(k-1, "not") && p.is(k-2, "is", "are") || w == "limits" && p.is(k-1, "off"):
			// "/bin/sh is not allowed", "/etc/shadow is off limits"
			return generator.ActionBlock
		case removalVerbs[w] && p.capabilityAfter(k):
			// "remove NET_RAW from the app=x pods", "strip CAP_SYS_ADMIN",
			// "revoke the sys_ptrace capability": a capability taken away
			// is one they may no longer use.
			return generator.ActionBlock
		case businessOf(p, k):
			// "the ldap-sync pods have no business modifying it", "nothing
			// in the ftp pods has any business opening /etc/gshadow"
			return generator.ActionBlock
		case w == "only" && !p.is(k+1, "the") && !p.ownerNear(k) && p.claim[k] != "owner-only" && (p.is(k-1, "allow", "permit") || p.has("may", "can", "allowed", "allow", "permit", "let", "able", "should") || p.hasPhrase("gets", "to")):
			return generator.ActionAllow
		case w == "allowed" && p.is(k-1, "thing", "one", "binary", "process", "program", "executable") && p.is(k+1, "to"):
			// "/usr/bin/ping is the only thing allowed to use icmp"
			return generator.ActionAllow
		case w == "gets" && p.is(k+1, "to") && p.is(k-1, "only") || w == "only" && p.is(k+1, "the") && p.is(k+3, "allowed") && p.is(k+4, "to"):
			// "only /usr/bin/wget gets to use TCP"
			return generator.ActionAllow
		case (w == "let" || w == "allow" || w == "permit") && p.is(k-1, "don't", "dont", "not", "never"):
			return generator.ActionBlock // "do not allow execution of ..."
		case w == "without" && p.is(k+1, "blocking", "block", "enforcing", "denying"):
			return generator.ActionAudit
		case denyWords[w] && w != "not" && w != "no" && !p.is(k-1, "without") || w == "not" && p.is(k-1, "must", "should", "may", "can", "will") || w == "not" && p.is(k-1, "do", "does") && (allowWords[p.word(k+1)] || fileVerbs[p.word(k+1)] || processVerbs[p.word(k+1)] || writeWords[p.word(k+1)] || p.is(k+1, "use", "open", "load", "need")) || w == "read-only" || w == "readonly":
			return generator.ActionBlock
		case auditWords[w]:
			return generator.ActionAudit
		case w == "allowed" && p.is(k-1, "be") && p.is(k-2, "never", "not", "shouldn't", "mustn't", "can't", "cannot", "won't"):
			return generator.ActionBlock // "should never be allowed to read X"
		case w == "allow" || w == "allows" || w == "permit" || w == "permits" || w == "whitelist" || w == "allowlist" || w == "allow-list" || w == "allowed" && p.is(k-1, "be", "is", "are"):
			return generator.ActionAllow
		case p.claim[k] == "audit-phrase":
			return generator.ActionAudit
		case p.claim[k] == "no-writes":
			return generator.ActionBlock
		case w == "no" && (p.is(k+1, "raw", "executing", "execution", "writes", "writing", "shells", "shell") || k+1 < len(p.toks) && p.toks[k+1].kind == tPath):
			// "no raw sockets in the frontend pods", "no executing anything from /data/"
			return generator.ActionBlock
		case (w == "nothing" || w == "nobody") && !p.is(k+1, "else") && p.has("should", "may", "can", "must", "able"):
			// "nothing in the ci namespace should be able to open X"
			return generator.ActionBlock
		}
		return ""
	}
	// An "only ... may" sentence is an allow-list wherever "only" stands.
	for k := range p.toks {
		if p.word(k) == "only" && classify(k) == generator.ActionAllow && !p.hasAny(denyWords) && !p.hasAny(auditWords) && p.claim[k] != "owner-only" {
			return generator.ActionAllow, &mark{k, k + 1, "only-may"}, nil
		}
	}
	// "keeps trying to modprobe its module and I'd rather it never could":
	// a negation whose verb is left out may or may not be a rule.
	for k := range p.toks {
		if negationWords[p.word(k)] && p.is(k+1, "could", "can", "would", "will", "should", "does", "do", "did") && (k+2 == len(p.toks) || p.toks[k+2].kind == tPunct) {
			return "", nil, p.refuse(fmt.Sprintf("what does %q say no to? Name what to block (\"block modprobe\"), or leave the sentence out", p.text(k, k+2)), generator.ExampleSystem)
		}
	}
	// Audit words win over block words that only describe what is audited
	// ("alert without blocking", "log blocked attempts").
	for k := at - 1; k >= 0; k-- {
		if a := classify(k); a != "" {
			return a, &mark{k, k + 1, "action-word"}, p.unclearBesideAudit(a, k)
		}
	}
	for k := at + 1; k < len(p.toks); k++ {
		if a := classify(k); a != "" {
			return a, &mark{k, k + 1, "action-word"}, p.unclearBesideAudit(a, k)
		}
	}
	if slices.Contains(p.claim, "read-only") || slices.Contains(p.claim, "owner-only") {
		for k := range p.toks {
			if p.claim[k] == "read-only" || p.claim[k] == "owner-only" {
				return generator.ActionBlock, &mark{k, k + 1, "restriction-blocks"}, nil
			}
		}
	}
	if err := p.unclearVerb(); err != nil {
		return "", nil, err
	}
	return "", nil, p.ask("I do not understand what to do with it: should this allow, block or audit it?", generator.ExampleSystem, "block")
}

// unclearVerb asks what a verb of unclearVerbs means, when one stands in a
// clause of no verdict: "Intercept delete_module." may block it or only
// watch it; nil when there is none.
func (p *parser) unclearVerb() error {
	for _, t := range p.toks {
		if unclearVerbs[t.low] {
			return p.ask(fmt.Sprintf("what should %q do: block it, or only audit (log) it?", t.raw), generator.ExampleSystem, "block")
		}
	}
	return nil
}

// unclearBesideAudit asks when an audit word is joined to a verb of
// unclearVerbs: "Intercept and log reads of /etc/shadow", "trap and report
// ...", "log and catch ..." may block and log, or only log.
func (p *parser) unclearBesideAudit(a generator.Action, k int) error {
	if a != generator.ActionAudit {
		return nil
	}
	for _, j := range []int{k - 2, k + 2} {
		if unclearVerbs[p.word(j)] && p.is((j+k)/2, "and", "&", "then", "or") {
			return p.ask(fmt.Sprintf("should %q block and log, or only log (audit)? Say \"block\" or \"audit\"", p.text(min(j, k), max(j, k)+1)), generator.ExampleSystem, "audit")
		}
	}
	return nil
}

// businessOf reports whether token k is "business" in "no business" or,
// after "nothing" or "nobody", "any business", before what is done: "have
// no business modifying it", "nothing in X has any business opening Y".
func businessOf(p *parser, k int) bool {
	if !p.is(k, "business") || !(strings.HasSuffix(p.word(k+1), "ing") || p.is(k+1, "with", "in", "to")) {
		return false
	}
	if p.is(k-1, "no") {
		return true
	}
	if !p.is(k-1, "any") {
		return false
	}
	// "nothing but /usr/bin/ftpd has any business ...": an allow-list,
	// which this does not read.
	for j := k - 2; j >= 0 && !p.is(j, "but", "except", "besides", "than", "apart", "save", "excluding", "only"); j-- {
		if p.is(j, "nothing", "nobody", "no") {
			return true
		}
	}
	return false
}

// claimActionWords claims the words that say block, audit or allow, once
// each rule's action is read.
func (p *parser) claimActionWords() {
	for i, t := range p.toks {
		if p.taken(i) || p.podsInGerund(i) {
			continue
		}
		// "block /bin/sh, but only in the pods labeled app=web": "but"
		// narrows as "only" does.
		if denyWords[t.low] || allowWords[t.low] || auditWords[t.low] || t.low == "only" || t.low == "must" || t.low == "should" || t.low == "without" && p.is(i+1, "blocking", "block", "enforcing", "denying") || butOnly(p.toks, i) {
			p.take(i, i+1, "action-word")
		}
		if businessOf(p, i) {
			p.take(i-1, i+1, "no-business")
			if k := p.index("nothing", "nobody"); k >= 0 && k < i && !p.taken(k) {
				p.take(k, k+1, "no-business")
			}
		}
	}
}

// verbBetween reports whether a verb of verdict or action stands in
// tokens [from, to), apart from the words that say writes.
func (p *parser) verbBetween(from, to int) bool {
	for k := from; k < to; k++ {
		// "by blocking writes": the words that say read-only again.
		if w := p.word(k); (denyWords[w] || allowWords[w] || auditWords[w] || actionVerbs[w]) && p.claim[k] != "writes" && !(k+1 < len(p.claim) && p.claim[k+1] == "writes") || w == ";" {
			return true
		}
	}
	return false
}

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

// readsBlockedWhole notes that a block of reads ("block reads of
// /etc/shadow", "deny reading X") blocks every access: KubeArmor matches a
// path for every access, or for writes (readOnly), never for reads alone.
func (p *parser) readsBlockedWhole(r generator.SystemRule) {
	if r.Action != generator.ActionBlock || r.ReadOnly {
		return
	}
	for k := range p.toks {
		if p.is(k, "read", "reads", "reading") {
			p.notes = append(p.notes, fmt.Sprintf("KubeArmor blocks every access to a path, or writes alone, never reads alone: this blocks every access to %s, writes too", r.Path+r.Dir))
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
