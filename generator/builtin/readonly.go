package builtin

import (
	"fmt"
	"slices"

	"github.com/kunerva/kunerva/generator"
)

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
	// "may not execute files written to /tmp/", "block execution of what
	// they write to /tmp/": the write says which files are run, and the
	// rule is about running them (finder 18, N4: it blocked the writes).
	if k := p.indexAny(writeWords); k >= 0 && p.writtenFilesRun(k) {
		p.take(k, k+1, "describes-files")
		return nil
	}
	if k := p.indexAny(writeWords); k >= 0 {
		m := p.take(k, k+1, "writes")
		p.claimWriteWords()
		marks := []*mark{m}
		// "audit writes to /etc/shadow, block writes to /etc/passwd": the
		// writes said again after a verdict of their own hold for the
		// paths after them (writesScope); read from the first alone,
		// /etc/passwd lost its reads.
		for j := k + 1; j < len(p.toks); j++ {
			if writeWords[p.word(j)] && !bothAccesses(p, j) && (denyWords[p.word(j-1)] && !negationWords[p.word(j-1)] || auditWords[p.word(j-1)]) {
				marks = append(marks, &mark{j, j + 1, "writes-again"})
			}
		}
		// "Block any write under /var/www/html/ but keep reads": reading
		// stays allowed, said after the block; only where the clause or
		// sentence ends with it ("but keep reads audited" gives reads a
		// verdict of their own).
		for _, ph := range readsKeptPhrases {
			if i := p.phrase(ph...); i >= 0 && (i+len(ph) == len(p.toks) || p.toks[i+len(ph)].kind == tPunct && !p.is(i+len(ph), "-", "(")) {
				marks = append(marks, p.take(i, i+len(ph), "readable"))
				break
			}
		}
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
		// "the pods ... may read /proc/sys/ and everything under it, but
		// writes there are blocked": "but" sets the writes against the
		// reads the pods may do before it.
		if p.is(k-1, "but") && !p.taken(k-1) && p.readsAllowedBefore(k-1) {
			marks = append(marks, p.take(k-1, k, "readable"))
		}
		return marks
	}
	return nil
}

// writtenHeads name, before a participle of writing, the files a rule
// runs: "files written to", "binaries written under", "what they write
// to".
var writtenHeads = set("files", "file", "binaries", "binary", "executables", "scripts", "programs", "anything", "whatever", "what")

// writtenFilesRun reports whether the write word at k says which files a
// verb of running before it is about: "execute files written to /tmp/",
// "execution of binaries written under /var/tmp/", "execute what they
// write to /tmp/".
func (p *parser) writtenFilesRun(k int) bool {
	h := k - 1
	if p.is(h, "they", "it", "we", "you") && p.is(h-1, "what", "whatever", "anything") {
		h--
	}
	if !writtenHeads[p.word(h)] {
		return false
	}
	v := h - 1
	if p.is(v, "of", "any", "the", "all") {
		v--
	}
	if p.is(v, "of") {
		v--
	}
	return processVerbs[p.word(v)]
}

// readsKeptPhrases say, after a block of writes, that reading stays allowed
// (longest first): "but keep reads", ", keeping reads allowed".
var readsKeptPhrases = [][]string{{"but", "keep", "reads", "allowed"}, {"but", "keep", "reading", "allowed"}, {"but", "keep", "reads"}, {"but", "keep", "reading"},
	{",", "keep", "reads"}, {",", "keeping", "reads", "allowed"}, {",", "keeping", "reads"}, {"while", "keeping", "reads"}}

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

// readsAllowedBefore reports whether "may read" or "can read" stands
// before k: the reads a "but" before the writes sets them against.
func (p *parser) readsAllowedBefore(k int) bool {
	for j := 1; j < k; j++ {
		if p.is(j, "read") && p.is(j-1, "may", "can") {
			return true
		}
	}
	return false
}
