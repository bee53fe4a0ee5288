package builtin

import (
	"fmt"
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
	if q := p.belowOnly(recMarks); q != "" {
		return nil, p.refuse(q, generator.ExampleSystem)
	}
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

	if q := p.groupSource(targets); q != "" {
		return nil, p.refuse(q, generator.ExampleSystem)
	}
	if q := p.mixedMembers(); q != "" {
		return nil, p.refuse(q, generator.ExampleSystem)
	}
	if q := p.pathlessMember(targets); q != "" {
		return nil, p.refuse(q, generator.ExampleSystem)
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
			// "Block writes to /etc/ in app=web, only /usr/bin/reloader may
			// write there": the one program let through after a block; read
			// as the block's source, the one program allowed was the one
			// blocked.
			if p.is(t.at-1, "only", "just", "solely") && slices.ContainsFunc(targets, func(o sysTarget) bool {
				return o.end < t.at && slices.ContainsFunc(p.toks[:o.at], func(x token) bool { return denyWords[x.low] && !negationWords[x.low] || auditWords[x.low] })
			}) {
				return nil, p.refuse(fmt.Sprintf("should the rule be for %s alone, or for every process but it? %q says the other processes; KubeArmor limits a rule to the processes it names", t.rule.Path, p.text(t.at-1, t.end)), generator.ExampleSystem)
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
		if q := p.programBesideFile(targets, n); q != "" {
			return nil, p.refuse(q, generator.ExampleSystem)
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
	if q := p.sourcesAfterVerdict(sources); q != "" {
		return nil, p.refuse(q, generator.ExampleSystem)
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
	used := map[int]string{}
	for n := range rules {
		r := &rules[n]
		action, am, err := p.action(r.origins)
		if err != nil {
			return nil, err
		}
		used[am.start] = am.rule
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
	if err := p.verdictLeftOver(rules, used); err != nil {
		return nil, err
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
			// "block writes recursively to /etc/ and /usr/": the list
			// after it, every path of it (read for the first alone, /usr/
			// lost its subdirectories). "to /etc/ and to /usr/": the
			// list may say the first path's preposition again.
			for n, t := range targets {
				if t.at >= m.end {
					out[t.at] = m
					prep := p.word(t.at - 1)
					listed := func(from, to int) bool {
						for k := from; k < to; k++ {
							if !p.is(k, "and", "or", ",", "(", ")") && !(prepositions[prep] && p.is(k, prep)) {
								return false
							}
						}
						return from < to
					}
					for k := n + 1; k < len(targets) && !singular && listed(targets[k-1].end, targets[k].at); k++ {
						if _, has := out[targets[k].at]; has {
							break
						}
						out[targets[k].at] = m
					}
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
		if r.rule == "writes-again" {
			continue
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
	forward := func(m *mark) {
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
	}
	forward(m)
	// "audit writes to /etc/shadow, block writes to /etc/passwd": the
	// writes said again after another verdict (readOnly) hold for the
	// paths after them too.
	for _, r := range marks[1:] {
		if r.rule == "writes-again" {
			forward(r)
		}
	}
	if len(out) == 0 {
		for _, t := range targets {
			out[t.at] = m
		}
	}
	return out
}

// programBesideFile asks when a program stands beside a file in words that
// make it the one doing the access, though no rule reads it as a source:
// "file /etc/shadow to be blocked for /bin/cat" blocked access to the file
// /bin/cat, "block /etc/shadow for /bin/cat, /etc/passwd for /bin/sh"
// blocked running cat and sh, "/bin/cat block /etc/shadow" and "block
// /bin/cat to read /etc/shadow" blocked running cat. The rule meant is
// most likely the file's, limited to the program; said so, it is read.
func (p *parser) programBesideFile(targets []sysTarget, n int) string {
	t := targets[n]
	if t.rule.Path == "" || !binDirRE.MatchString(t.rule.Path) || strings.HasSuffix(t.rule.Path, "/") {
		return ""
	}
	file := func(o sysTarget) bool {
		return o.at != t.at && o.rule.Path != "" && !binDirRE.MatchString(o.rule.Path)
	}
	q := fmt.Sprintf("is %s the program the rule is limited to, or a program to block? Say \"block %s from reading <file>\" for the first, or \"block running %s\"", t.rule.Path, t.rule.Path, t.rule.Path)
	switch {
	case p.is(t.at-1, "for") && slices.ContainsFunc(targets[:n], file):
		return q // "/etc/shadow ... for /bin/cat"
	case p.is(t.end, "to") && (fileVerbs[p.word(t.end+1)] || p.is(t.end+1, "access", "open")) && slices.ContainsFunc(targets[n+1:], file):
		return q // "block /bin/cat to read /etc/shadow"
	case n+1 < len(targets) && file(targets[n+1]) && targets[n+1].at == t.end+1 && p.verdictWord(t.end) != "":
		return q // "/bin/cat block /etc/shadow"
	}
	return ""
}

// startingParticiples, after a list of programs, make them the ones that
// start the program named next: "/usr/bin/wget and /bin/sh launching
// /usr/bin/curl".
var startingParticiples = set("launching", "spawning", "starting", "running", "executing", "invoking", "forking")

// sourcesAfterVerdict asks when the sources are a list right after a
// verdict that could be each one's own: "block /bin/sh, and /bin/cat from
// reading /etc/shadow" made sh only a source of the file rule ("block
// /bin/sh" is a rule of its own after the comma), "block /usr/bin/wget and
// /bin/sh launching /usr/bin/curl" never blocked wget. (One program,
// "block /bin/cat from reading /etc/shadow", is its source.)
func (p *parser) sourcesAfterVerdict(sources []valueV) string {
	if len(sources) < 2 {
		return ""
	}
	first, last := sources[0].m, sources[len(sources)-1].m
	if first.start == 0 || p.verdictWord(first.start-1) == "" {
		return ""
	}
	if e := first.end; p.is(e, ",") && p.is(e+1, "and") && sources[1].m.start == e+2 {
		return fmt.Sprintf("is %s a program to block, or one the rule after it is limited to? %q sets it apart; say each rule with its own verb (\"block running %s; block %s from reading <file>\")", sources[0].value, p.text(e, e+2), sources[0].value, sources[1].value)
	}
	if startingParticiples[p.word(last.end)] {
		return fmt.Sprintf("is %s a program to block, or one the rule after it is limited to? Say \"block running %s\" apart, or \"block <program> when %s starts it\"", sources[0].value, sources[0].value, sources[0].value)
	}
	return ""
}
