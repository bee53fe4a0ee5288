package builtin

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/kunerva/kunerva/generator"
)

var binDirRE = regexp.MustCompile(`/s?bin/[^/]+$`)

var capabilityWordRE = regexp.MustCompile(`^(cap_)?(chown|dac_override|dac_read_search|fowner|fsetid|kill|setgid|setuid|setpcap|linux_immutable|net_bind_service|net_broadcast|net_admin|net_raw|ipc_lock|ipc_owner|sys_module|sys_rawio|sys_chroot|sys_ptrace|sys_pacct|sys_admin|sys_boot|sys_nice|sys_resource|sys_time|sys_tty_config|mknod|lease|audit_write|audit_control|setfcap|mac_override|mac_admin)$`)

// sysTarget is a file, process, protocol or capability the request is about.
type sysTarget struct {
	at   int // token index
	rule generator.SystemRule
}

// systemRules claims the system targets of the request; none means it is a
// network request.
func (p *parser) systemRules() []sysTarget {
	var out []sysTarget
	networkish := p.hasAny(ingressWords) || p.hasAny(egressWords)
	for i, t := range p.toks {
		if p.is(i, "to", "from") && (!strings.HasSuffix(p.word(i+1), "ing") || p.is(i+1, "ping")) && !p.has("socket", "sockets") || t.kind == tCIDR || t.kind == tDomain || p.is(i, "internet", "world") {
			networkish = true
		}
	}
	for i, t := range p.toks {
		if p.used[i] {
			continue
		}
		switch {
		case strings.HasPrefix(t.low, "cap_") && !capabilityWordRE.MatchString(t.low):
			p.unknownCapability = t.raw
		case capabilityWordRE.MatchString(t.low) && (strings.Contains(t.low, "_") || p.has("capability", "capabilities")):
			out = append(out, sysTarget{at: i, rule: generator.SystemRule{Kind: generator.Capability, Capability: strings.TrimPrefix(t.low, "cap_")}})
			p.used[i] = true
		case (t.low == "raw" || t.low == "icmp" || t.low == "udp" || t.low == "tcp") && (p.is(i+1, "socket", "sockets", "protocol", "networking") || p.is(i+1, "and", "or", ",") && p.is(i+2, "raw", "icmp", "udp", "tcp") && p.is(i+3, "socket", "sockets")),
			t.low == "raw" && p.is(i+1, "network", "packets", "packet"),
			(t.low == "icmp" || t.low == "ping") && !networkish && !p.hasPortNumber():
			proto := t.low
			if proto == "ping" {
				proto = "icmp"
			}
			out = append(out, sysTarget{at: i, rule: generator.SystemRule{Kind: generator.Protocol, Protocol: proto}})
			p.used[i] = true
			if p.is(i+1, "socket", "sockets", "protocol", "network", "networking", "packets", "packet") {
				p.used[i+1] = true
			}
		case t.kind == tPath && !p.httpPath(i):
			out = append(out, sysTarget{at: i, rule: generator.SystemRule{Path: t.raw}})
			p.used[i] = true
		case t.kind == tWord && !keyword(t.low) && (p.afterProcessVerb(i) || p.beforeProcessVerb(i) || knownExecutables[t.low] && t.low != "ping" && !networkish && !p.treeHasWorkload(t.low)):
			out = append(out, sysTarget{at: i, rule: generator.SystemRule{Kind: generator.Process, ExecName: t.raw}})
			p.used[i] = true
		}
	}
	if len(out) > 0 || p.unknownCapability != "" {
		p.systemRequest = true
	}
	return out
}

func (p *parser) hasPortNumber() bool {
	for _, t := range p.toks {
		if t.kind == tNumber || t.kind == tRange || t.kind == tPortProto {
			return true
		}
	}
	return false
}

// httpPath reports whether the path at i is part of an HTTP rule ("GET /public").
func (p *parser) httpPath(i int) bool {
	for k := i - 1; k >= 0 && k >= i-5; k-- {
		if methods[p.word(k)] && strings.ToUpper(p.toks[k].raw) == p.toks[k].raw || p.is(k, "http", "url", "urls", "endpoint", "endpoints", "route", "routes", "uri") || p.is(k, "requests", "request") && p.is(k+1, "to", "on", "for") {
			return true
		}
	}
	return p.is(i+1, "on", "over") && p.has("http", "https") || methods[p.word(i-1)]
}

// afterProcessVerb reports whether the word at i is an executable named in a
// list after a process verb: "running apt and apt-get", "execution of curl".
func (p *parser) afterProcessVerb(i int) bool {
	for k := i - 1; k >= 0; k-- {
		w := p.word(k)
		switch {
		case processVerbs[w]:
			return true
		case w == "of" || w == "and" || w == "or" || w == "," || w == "the" || w == "either" || w == "any" || (p.toks[k].kind == tWord && !keyword(w) && k < i && p.used[k]):
			continue
		default:
			return false
		}
	}
	return false
}

// beforeProcessVerb reports whether the word at i is an executable followed by
// a process verb: "curl being run", "kubectl executions", "pip from running".
func (p *parser) beforeProcessVerb(i int) bool {
	for k := i + 1; k < len(p.toks) && k <= i+3; k++ {
		w := p.word(k)
		switch {
		case processVerbs[w]:
			return !p.is(k-1, "may", "can", "to") || p.is(k-1, "being")
		case w == "being" || w == "from" || w == "is" || w == "are" || w == "or" || w == "and" || w == ",":
			continue
		case p.toks[k].kind == tWord && !keyword(w) && (p.is(k-1, "or", "and", ",")):
			continue
		default:
			return false
		}
	}
	return false
}

// assembleSystem completes the targets (kind, action, modifiers) and finds the subject.
func (p *parser) assembleSystem(targets []sysTarget) (*generator.Intent, error) {
	recursive := p.hasPhrase("everything", "under") || p.hasPhrase("everything", "below") || p.hasPhrase("everything", "beneath") ||
		p.hasPhrase("anything", "under") || p.hasPhrase("anything", "below") || p.hasPhrase("everything", "in", "it") || p.hasPhrase("and", "below") ||
		p.has("recursively", "recursive", "subdirectories", "subdirectory", "subfolders", "subtree") || p.hasPhrase("all", "its", "contents")
	readOnly := p.has("read-only", "readonly") || p.hasPhrase("read", "only") || p.hasAny(writeWords)
	ownerOnly := p.has("owner", "owner-only", "owners", "owner's")

	// Sources: with two paths or more, a path after "from"/"by", or before
	// "from <verb>ing" or "may <verb>", is the process the rule is limited to.
	var sources []string
	var rules []generator.SystemRule
	paths := 0
	for _, t := range targets {
		if t.rule.Path != "" {
			paths++
		}
	}
	others := len(targets) - paths
	for _, t := range targets {
		r := t.rule
		if r.Path != "" && (paths > 1 || others > 0) && p.isSource(t.at) {
			sources = append(sources, r.Path)
			continue
		}
		if r.Path != "" {
			if err := p.pathKind(t.at, &r, recursive); err != nil {
				return nil, err
			}
		}
		action, err := p.action(t.at)
		if err != nil {
			return nil, err
		}
		r.Action = action
		if r.Kind == generator.File {
			// "block writes to X" is X read-only; "allow writes to X" is not.
			r.ReadOnly = readOnly && (action != generator.ActionAllow || p.has("read-only", "readonly") || p.hasPhrase("read", "only"))
			r.OwnerOnly = ownerOnly
		}
		if r.Kind == generator.Process {
			r.OwnerOnly = ownerOnly
		}
		rules = append(rules, r)
	}
	for n := range rules {
		rules[n].FromSource = sources
		for _, o := range rules[:n] {
			if o.Path == rules[n].Path && o.Dir == rules[n].Dir && o.ExecName == rules[n].ExecName && o.Kind == rules[n].Kind && o.Action != rules[n].Action {
				return nil, p.refuse(fmt.Sprintf("the request contradicts itself: it says both %s and %s for %s", strings.ToLower(string(o.Action)), strings.ToLower(string(rules[n].Action)), generator.TargetText(o)), generator.ExampleSystem)
			}
		}
	}
	p.understood = append(p.understood, generator.SystemText(rules))
	subject, err := p.systemSubject()
	if err != nil {
		return nil, err
	}
	// Network words left over would be dropped silently: refuse instead.
	for i, t := range p.toks {
		if !p.used[i] && (isolate[t.low] || ingressWords[t.low] || egressWords[t.low] || t.kind == tCIDR || t.kind == tDomain || t.kind == tPortProto || t.kind == tRange) {
			return nil, p.refuse(fmt.Sprintf("the request mixes system rules with network words (%q) I cannot place; ask once for each, or join them with \", and\"", t.raw), generator.ExampleSystem)
		}
	}
	return &generator.Intent{Subject: subject, System: rules, Notes: p.notes}, nil
}

func (p *parser) isSource(i int) bool {
	k := i - 1
	for p.is(k, "the", "process", "binary", "program", "executable") {
		k--
	}
	if p.is(k, "from", "by", "through", "via") {
		return true
	}
	if p.is(i+1, "from") && i+2 < len(p.toks) && strings.HasSuffix(p.word(i+2), "ing") {
		return true
	}
	j := i + 1
	for p.is(j, "process", "binary", "program", "executable", "alone", "itself") {
		j++
	}
	return p.is(j, "may", "can", "should", "is", "alone")
}

// pathKind decides whether a path is a file or an executable, and a file or a directory.
func (p *parser) pathKind(i int, r *generator.SystemRule, recursive bool) error {
	path := r.Path
	dir := strings.HasSuffix(path, "/") || dirNouns[p.word(i-1)] || dirNouns[p.word(i+1)] || recursive && !strings.Contains(lastElem(path), ".")
	if strings.HasSuffix(path, "/**") || strings.HasSuffix(path, "/*") {
		recursive = recursive || strings.HasSuffix(path, "/**")
		path = strings.TrimRight(path, "*")
		dir = true
	}
	kind := ""
	for k := i + 1; k <= i+4 && k < len(p.toks) && kind == ""; k++ {
		switch w := p.word(k); {
		case processNouns[w] || processVerbs[w] && !p.is(k-1, "to"):
			kind = "process"
		case fileNouns[w]:
			kind = "file"
		case p.toks[k].kind == tPath:
			k = len(p.toks)
		}
	}
	for k := i - 1; k >= 0 && kind == ""; k-- {
		w := p.word(k)
		switch {
		case processVerbs[w] || processNouns[w]:
			kind = "process"
		case fileVerbs[w] || fileNouns[w] || w == "read-only" || w == "readonly":
			kind = "file"
		case p.toks[k].kind == tPath && p.used[k] && k != i:
			// a previous target: keep looking back for the verb that governs the list
		}
	}
	if kind == "" && !dir && binDirRE.MatchString(path) {
		// "/bin/sh", "/usr/sbin/nginx": named alone, an executable is there to be run.
		kind = "process"
		p.notes = append(p.notes, path+" is taken as an executable to run, since it lives in a bin directory")
	}
	if kind == "" && (p.has("read-only", "readonly") || p.hasPhrase("read", "only")) {
		kind = "file"
	}

	switch kind {
	case "process":
		r.Kind = generator.Process
	case "file":
		r.Kind = generator.File
	default:
		return p.refuse(fmt.Sprintf("I cannot tell whether %s should be about running %s or about accessing it as a file", path, path),
			"block execution of "+path+" in pods labeled app=nginx")
	}
	if dir {
		if !strings.HasSuffix(path, "/") {
			path += "/"
		}
		r.Dir, r.Path, r.Recursive = path, "", recursive
	} else {
		r.Path = path
	}
	return nil
}

func lastElem(path string) string {
	path = strings.TrimSuffix(path, "/")
	return path[strings.LastIndex(path, "/")+1:]
}

// action finds the verb that governs the target at i: the nearest one before
// it, else the nearest after.
func (p *parser) action(i int) (generator.Action, error) {
	classify := func(k int) generator.Action {
		w := p.word(k)
		switch {
		case w == "only" && !p.has("owner", "owners", "owner's") && (p.is(k-1, "allow", "permit") || p.has("may", "can", "allowed", "allow", "permit", "let", "able")):
			return generator.ActionAllow
		case w == "let" && p.is(k-1, "don't", "dont", "not", "never"):
			return generator.ActionBlock
		case denyWords[w] && w != "not" && w != "no" || w == "not" && p.is(k-1, "must", "should", "may", "can", "do", "does", "will") || w == "read-only" || w == "readonly":
			return generator.ActionBlock
		case auditWords[w]:
			return generator.ActionAudit
		case w == "allow" || w == "allows" || w == "permit" || w == "whitelist" || w == "allowlist" || w == "allow-list":
			return generator.ActionAllow
		}
		return ""
	}
	// An "only ... may" sentence is an allow-list wherever "only" stands.
	for k := range p.toks {
		if p.word(k) == "only" && classify(k) == generator.ActionAllow && !p.hasAny(denyWords) && !p.hasAny(auditWords) {
			return generator.ActionAllow, nil
		}
	}
	for k := i - 1; k >= 0; k-- {
		if a := classify(k); a != "" {
			return a, nil
		}
	}
	for k := i + 1; k < len(p.toks); k++ {
		if a := classify(k); a != "" {
			return a, nil
		}
	}
	if p.has("make") && (p.has("read-only", "readonly") || p.hasPhrase("read", "only")) || p.has("owner", "owners", "owner's") {
		return generator.ActionBlock, nil
	}
	return "", p.refuse("I found what the rule is about but not what to do with it: say block, audit or allow", generator.ExampleSystem)
}
