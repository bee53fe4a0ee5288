package builtin

import (
	"fmt"
	"path"
	"regexp"
	"slices"
	"strings"

	"github.com/kunerva/kunerva/generator"
)

var binDirRE = regexp.MustCompile(`/s?bin/[^/]+$`)

// fileDirRE are the places of data and configuration, not of programs.
var fileDirRE = regexp.MustCompile(`^/(etc|var|root|home|proc|sys|dev|run|srv)/`)

// wellKnownDirs are paths that are directories in every Linux image (or
// container), so that "block access to /etc/ssl", "make /etc read-only",
// "audit /dev/shm" or "/root/.ssh" name the directory though written
// without a final "/". Read as a file path, the rule matched the
// directory's own entry and none of the files in it. Files such as
// /etc/shadow or /etc/passwd are not here; a path not in this table stays
// what its other words make it.
var wellKnownDirs = set(
	"/bin", "/sbin", "/usr/bin", "/usr/sbin", "/usr/local/bin", "/usr/local/sbin",
	"/usr", "/usr/lib", "/usr/local", "/usr/share", "/lib", "/lib64", "/usr/lib64", "/lib/modules",
	"/etc", "/etc/ssl", "/etc/ssl/certs", "/etc/ssl/private", "/etc/pki", "/etc/ssh",
	"/etc/cron.d", "/etc/cron.daily", "/etc/cron.hourly", "/etc/cron.weekly", "/etc/cron.monthly",
	"/etc/sudoers.d", "/etc/pam.d", "/etc/security", "/etc/systemd", "/etc/init.d", "/etc/profile.d",
	"/etc/default", "/etc/apt", "/etc/yum.repos.d", "/etc/ld.so.conf.d", "/etc/kubernetes",
	"/etc/nginx", "/etc/nginx/conf.d", "/etc/apache2", "/etc/httpd", "/etc/mysql", "/etc/postgresql", "/etc/redis",
	"/var", "/var/log", "/var/lib", "/var/tmp", "/var/run", "/var/cache", "/var/spool", "/var/spool/cron", "/var/www", "/var/mail",
	"/var/run/secrets", "/var/run/secrets/kubernetes.io", "/var/run/secrets/kubernetes.io/serviceaccount",
	"/run", "/run/secrets", "/run/secrets/kubernetes.io", "/run/secrets/kubernetes.io/serviceaccount",
	"/tmp", "/dev", "/dev/shm", "/dev/mqueue", "/proc", "/proc/sys", "/proc/sys/kernel", "/proc/sys/net", "/sys", "/sys/fs/cgroup", "/sys/kernel",
	"/root", "/root/.ssh", "/root/.kube", "/root/.aws", "/root/.docker", "/root/.gnupg", "/home", "/boot", "/opt", "/srv", "/mnt", "/media",
)

// binDirs are directories of executables: "in /bin and /usr/bin" after
// tools names the places those tools live.
var binDirRE2 = regexp.MustCompile(`^(/usr)?(/local)?/s?bin/?$`)

var capabilityWordRE = regexp.MustCompile(`^(cap_)?(chown|dac_override|dac_read_search|fowner|fsetid|kill|setgid|setuid|setpcap|linux_immutable|net_bind_service|net_broadcast|net_admin|net_raw|ipc_lock|ipc_owner|sys_module|sys_rawio|sys_chroot|sys_ptrace|sys_pacct|sys_admin|sys_boot|sys_nice|sys_resource|sys_time|sys_tty_config|mknod|lease|audit_write|audit_control|setfcap|mac_override|mac_admin)$`)

// sysTarget is a file, process, protocol, capability or syscall the request
// is about, with the tokens it came from.
type sysTarget struct {
	at, end int // token span
	rule    generator.SystemRule
	origins []generator.Origin
	// described: a name given as paths ("touch (/usr/bin/touch or
	// /bin/touch)"); the paths are kept, the name dropped.
	described bool
}

// onlyCapabilityNamed is the capability the request names, when it names
// one alone (however often), with the origin of its first mention.
func (p *parser) onlyCapabilityNamed() (generator.SystemRule, generator.Origin, bool) {
	var r generator.SystemRule
	var o generator.Origin
	for _, t := range p.all {
		if !capabilityWordRE.MatchString(t.low) || !strings.Contains(t.low, "_") {
			continue
		}
		c := strings.TrimPrefix(t.low, "cap_")
		if r.Capability != "" && r.Capability != c {
			return r, o, false
		}
		if r.Capability == "" {
			r = generator.SystemRule{Kind: generator.Capability, Capability: c}
			o = generator.Origin{Field: "capability", From: generator.FromRequest, Start: t.start, End: t.end, Text: p.request[t.start:t.end], Rule: "capability-pointed"}
		}
	}
	return r, o, r.Capability != ""
}

// enablingVerbs say what a capability lets a process do ("sys_rawio,
// which grants access to /dev/mem").
var enablingVerbs = set("grants", "grant", "gives", "give", "allows", "allow", "lets", "let", "enables", "enable", "permits", "permit", "exposes", "expose", "provides", "provide", "would", "could", "can", "means")

// askCapabilityReason asks when a request that names a capability says
// what it grants with paths: "deny sys_rawio, which grants access to
// /dev/mem", "drop cap_dac_read_search: it allows reading /etc/shadow",
// "block sys_ptrace, that would let anyone read /proc/1/mem". The paths
// tell why the capability is denied; read as rules of their own they
// would block (or allow) those files besides.
func (p *parser) askCapabilityReason() error {
	if !slices.ContainsFunc(p.toks, func(t token) bool { return capabilityWordRE.MatchString(t.low) && strings.Contains(t.low, "_") }) {
		return nil
	}
	for i := range p.toks {
		if !p.is(i, "which", "that", "it", "this", "they") || !enablingVerbs[p.word(i+1)] {
			continue
		}
		for k := i + 2; k < len(p.toks) && !p.is(k, ".", ";"); k++ {
			if p.toks[k].kind == tPath {
				return p.refuse(fmt.Sprintf("is what follows %q a reason, or part of the rule? It names %s; say the rule without the reason, or the reason as a sentence of its own", p.text(i, i+2), p.toks[k].raw), generator.ExampleSystem)
			}
		}
	}
	return nil
}

// systemRules claims the system targets of the request; none means it is a
// network request.
func (p *parser) systemRules() ([]sysTarget, error) {
	var out []sysTarget
	// "block the network for /usr/bin/curl": the sockets the process
	// opens, or running it? No rule reads the first; the second would be
	// a guess.
	for k := range p.toks {
		if p.is(k, "the") && p.is(k+1, "network") && p.is(k+2, "for") && p.tok(k+3) != nil && p.toks[k+3].kind == tPath {
			return nil, p.refuse(fmt.Sprintf("what do you mean by %q: the sockets %s opens (say \"block network use by %s\"), or running it?", p.text(k, k+4), p.toks[k+3].raw, p.toks[k+3].raw), generator.ExampleSystem)
		}
	}
	if err := p.askCapabilityReason(); err != nil {
		return nil, err
	}
	if k := p.unknownInSyscallList(); k >= 0 {
		return nil, p.refuse(fmt.Sprintf("%q stands in a list of system calls, but Linux has no system call of that name: which do you mean (e.g. umount2 for umount)?", p.toks[k].raw), generator.ExampleSystem)
	}
	if k := p.onlyWhere(); k >= 0 {
		return nil, p.refuse(fmt.Sprintf("does %q say where %s may run or be used? A KubeArmor policy limits what the pods it selects do, and cannot keep %s out of other pods; say \"block %s in ...\" for the pods that must not use it, or \"only %s may run in ...\" for an allow-list of those pods",
			p.text(k-2, k+1), p.toks[k-2].raw, p.toks[k-2].raw, p.toks[k-2].raw, p.toks[k-2].raw), generator.ExampleSystem)
	}
	networkish := p.hasAny(ingressWords) || p.hasAny(egressWords)
	// peersNamed: traffic between things ("ping from X to Y"), so ICMP is a
	// network peer's, not a socket protocol.
	peersNamed := networkish
	for i, t := range p.toks {
		if t.kind == tCIDR || t.kind == tDomain || p.is(i, "internet", "world", "port", "ports") || t.kind == tPortProto || entityWord(t.low) != "" && !p.is(i, "host", "hosts", "node", "nodes", "cluster", "cluster-wide", "clusterwide") || p.is(i, "talk", "talks", "connect", "connects", "reach", "reaches") && !(p.is(i+1, "the") && p.is(i+2, "network")) {
			// ("reach the network" is the network a process uses, below.)
			networkish = true
		}
		if p.is(i, "to", "from") && (!strings.HasSuffix(p.word(i+1), "ing") || p.is(i+1, "ping")) && !p.has("socket", "sockets") && p.tok(i+1) != nil && p.toks[i+1].kind != tPath && !p.is(i+1, "use", "open", "run", "access", "read", "write", "execute", "send") &&
			!p.auditFromPods(i) {
			peersNamed = true
		}
		// "let the app=a pods ping the app=b pods": ping as the verb, its
		// object pods, is traffic to them.
		if p.is(i, "ping", "pings") && p.podsAfter(i+1) {
			peersNamed = true
		}
	}
	peersNamed = peersNamed || networkish
	add := func(i, j int, r generator.SystemRule, field, rule string) {
		m := p.take(i, j, rule)
		out = append(out, sysTarget{at: i, end: j, rule: r, origins: []generator.Origin{p.origin(field, m), p.origin("kind", m)}})
	}
	for i := 0; i < len(p.toks); i++ {
		t := p.toks[i]
		if p.taken(i) {
			continue
		}
		switch {
		case strings.HasPrefix(t.low, "cap_") && !capabilityWordRE.MatchString(t.low):
			return nil, p.refuse(quote(t.raw)+" is not a Linux capability (e.g. CAP_NET_RAW, CAP_SYS_ADMIN); which capability do you mean?", "block the net_raw capability in pods labeled app=nginx")
		case capabilityWordRE.MatchString(t.low) && (strings.Contains(t.low, "_") || p.mentions("capability", "capabilities")):
			add(i, i+1, generator.SystemRule{Kind: generator.Capability, Capability: strings.TrimPrefix(t.low, "cap_")}, "capability", "capability")
			if k := p.index("capability", "capabilities"); k >= 0 {
				p.take(k, k+1, "capability")
			}
		case p.is(i, "that", "this", "the") && p.is(i+1, "capability") && !p.is(i+2, "to") && !slices.ContainsFunc(p.toks, func(t token) bool { return capabilityWordRE.MatchString(t.low) }):
			// "ptrace needs CAP_SYS_PTRACE. Audit use of that capability by
			// the app=debugger pods": the one capability the request names.
			r, o, ok := p.onlyCapabilityNamed()
			if !ok {
				continue
			}
			m := p.take(i, i+2, "capability-pointed")
			out = append(out, sysTarget{at: i, end: i + 2, rule: r, origins: []generator.Origin{o, p.origin("kind", m)}})
			i++
		case p.syscallAt(i) > 0:
			j := p.syscallAt(i)
			var names []string
			for k := i; k < j; k++ {
				if w := strings.TrimSuffix(p.word(k), "()"); generator.IsSyscall(w) && !p.is(k, "syscall", "syscalls") {
					names = append(names, w)
				}
			}
			m := p.take(i, j, "syscall")
			out = append(out, sysTarget{at: i, end: j, rule: generator.SystemRule{Kind: generator.Syscall, Syscalls: names}, origins: []generator.Origin{p.origin("syscalls", m), p.origin("kind", m)}})
			i = j - 1
		case (t.low == "icmp" || t.low == "udp" || t.low == "tcp" || t.low == "network") && p.is(i+1, "control", "hardening") && i == 0:
			// "ICMP control on the app=nginx pods: ...": the topic of a heading.
			p.take(i, i+2, "topic")
			i++
		case (t.low == "raw" || t.low == "icmp" || t.low == "udp" || t.low == "tcp" || t.low == "icmpv6") && (p.is(i+1, "socket", "sockets", "protocol", "networking") || p.protocolListAt(i)),
			// "may use icmp and udp", "may use the TCP and UDP protocols": a process's protocols.
			(t.low == "icmp" || t.low == "udp" || t.low == "tcp") && (p.is(i-1, "use", "uses", "using") && !p.portFollows(i+1) || p.is(i-1, "the") && p.is(i-2, "use", "uses", "using") || p.is(i-1, "and", "or", ",") && len(out) > 0 && out[len(out)-1].rule.Kind == generator.Protocol && out[len(out)-1].end == i-1 ||
				p.is(i-1, "and") && p.is(i-2, "(") && len(out) > 0 && out[len(out)-1].rule.Kind == generator.Protocol && out[len(out)-1].end == i-2), // "icmp (and udp)"
			t.low == "raw" && p.is(i+1, "network", "packets", "packet"),
			// "TCP and UDP are allowed": protocols said to be allowed or blocked.
			(t.low == "icmp" || t.low == "udp" || t.low == "tcp") && p.protocolsAre(i),
			// "log any TCP network use from /bin/bash": the protocol of the
			// network use.
			(t.low == "icmp" || t.low == "udp" || t.low == "tcp") && p.is(i+1, "network") && networkUseNouns[p.word(i+2)] && !p.taken(i+2),
			// "block TCP and UDP for /usr/bin/rsync": protocols a verdict
			// names, then the program they are for.
			(t.low == "icmp" || t.low == "udp" || t.low == "tcp" || t.low == "raw") && p.protocolsForPath(i),
			// "ICMP echo", "icmp type 8" name a kind of packet, which only a
			// network policy tells apart: not a socket.
			// "block CAP_NET_RAW (needed for ping)" says what the
			// capability serves, not a rule of its own.
			(t.low == "icmp" || t.low == "ping") && !peersNamed && !p.hasPortNumber() && !p.is(i+1, "echo", "type", "types") &&
				!(p.is(i-1, "for", "by") && p.is(i-2, "needed", "used", "required", "necessary", "need", "needs", "uses")):
			proto := t.low
			if proto == "ping" || proto == "icmpv6" {
				proto = "icmp"
			}
			j := i + 1
			if p.is(j, "socket", "sockets", "protocol", "protocols", "network", "networking", "packets", "packet") {
				j++
			}
			if p.is(j-1, "network") && networkUseNouns[p.word(j)] && !p.taken(j) {
				j++ // "TCP network use"
			}
			if p.is(i-1, "and", "or", ",") && len(out) > 0 && out[len(out)-1].end == i-1 {
				p.take(i-1, i, "list")
			}
			add(i, j, generator.SystemRule{Kind: generator.Protocol, Protocol: proto}, "protocol", "socket-protocol")
		case t.kind == tPath && !p.httpPath(i):
			j := i + 1
			out = append(out, sysTarget{at: i, end: j, rule: generator.SystemRule{Path: t.raw}, origins: []generator.Origin{p.origin("path", p.take(i, j, "path"))}})
		case t.kind == tWord && p.execNameAt(i, networkish) && !p.nodesHostname(i):
			j := i + 1
			// "any binary named apt, wherever it lives", "whatever its path"
			for _, ph := range [][]string{{"wherever", "it", "lives"}, {"wherever", "they", "live"}, {"wherever", "it", "is"}, {"wherever", "they", "are"},
				{"wherever", "it", "sits"}, {"wherever", "it", "is", "installed"}, {"wherever", "they", "are", "installed"}, {"whatever", "its", "path"},
				{"whatever", "their", "path"}, {"in", "any", "path"}, {"on", "any", "path"}, {"regardless", "of", "path"}, {"regardless", "of", "its", "path"},
				{"by", "name"}, {"by", "its", "name"}, {"by", "its", "bare", "name"}, {"by", "bare", "name"}, {"by", "their", "names"}, {"by", "its", "basename"},
				{"any", "path"}, {"anywhere"}} {
				p.claimPhrase("execname-anywhere", ph...)
			}
			add(i, j, generator.SystemRule{Kind: generator.Process, ExecName: t.raw}, "execName", "executable-name")
			// "xmrig, dero, masscan or nmap": the rest of the list.
			for k := j; p.is(k, ",", "or", "and") && p.tok(k+1) != nil && p.toks[k+1].kind == tWord && (p.nameWord(k+1) || knownExecutables[p.word(k+1)] || p.is(k+1, "at") && (p.tok(k+2) == nil || p.is(k+2, ",", ".", "wherever", "anywhere"))) && p.toks[k+1].raw == p.word(k+1) && !p.is(k+2, "pod", "pods", "namespace", "namespaces", "deployment", "container", "containers"); k += 2 {
				p.take(k, k+1, "list")
				add(k+1, k+2, generator.SystemRule{Kind: generator.Process, ExecName: p.toks[k+1].raw}, "execName", "executable-name")
				i = k + 1
			}
			// "touch (/usr/bin/touch or /bin/touch)": the name said as paths.
			if p.is(j, "(") && p.tok(j+1) != nil && p.toks[j+1].kind == tPath && path.Base(p.toks[j+1].raw) == t.low {
				out[len(out)-1].described = true
			}
		}
	}
	// "audit all network connections made by pods in default": KubeArmor
	// audits what the pods open, tcp and udp; no peer is named.
	peerPrep := slices.ContainsFunc(p.toks, func(t token) bool { return t.low == "from" || t.low == "towards" })
	for k := range p.toks {
		peerPrep = peerPrep || p.is(k, "to") && !auditWords[p.word(k+1)]
	}
	if len(out) == 0 && p.hasAny(auditWords) && !peerPrep {
		for _, ph := range [][]string{{"all", "network", "connections"}, {"every", "network", "connection"}, {"all", "network", "activity"}, {"any", "network", "activity"}} {
			if m := p.claimPhrase("the-network", ph...); m != nil {
				for _, proto := range []string{"tcp", "udp"} {
					out = append(out, sysTarget{at: m.start, end: m.end, rule: generator.SystemRule{Kind: generator.Protocol, Protocol: proto}, origins: []generator.Origin{p.origin("protocol", m), p.origin("kind", m)}})
				}
				break
			}
		}
	}
	// "the network" used by a process, "block network use by
	// /usr/bin/curl": tcp and udp. "only /usr/bin/curl may reach the
	// network" too: read as running curl alone, it blocked every other
	// program.
	if len(out) > 0 && !networkish {
		for _, ph := range [][]string{{"reach", "the", "network"}, {"reaches", "the", "network"}, {"use", "the", "network"}, {"uses", "the", "network"}, {"touch", "the", "network"}, {"touches", "the", "network"}, {"using", "the", "network"}, {"use", "network", "primitives"}, {"network", "primitives"}, {"use", "network"}, {"uses", "network"}, {"network", "access"}, {"network", "use"}, {"network", "usage"}, {"access", "the", "network"}, {"any", "network", "connection"}, {"open", "network", "connections"}} {
			if m := p.claimPhrase("the-network", ph...); m != nil {
				protos := []string{"tcp", "udp"}
				// "from using the network (TCP and UDP)", "(TCP only)": the
				// protocols in brackets are what the network means.
				if b := p.protocolsInBrackets(m.end); b != nil {
					protos = b
				}
				for _, proto := range protos {
					if slices.ContainsFunc(out, func(t sysTarget) bool { return t.rule.Kind == generator.Protocol && t.rule.Protocol == proto }) {
						continue // "may use the TCP and UDP protocols, nothing else gets network primitives"
					}
					out = append(out, sysTarget{at: m.start, end: m.end, rule: generator.SystemRule{Kind: generator.Protocol, Protocol: proto}, origins: []generator.Origin{p.origin("protocol", m), p.origin("kind", m)}})
				}
				break
			}
		}
	}
	// "Execution from /dev/shm: block running anything out of /dev/shm/":
	// a path in the heading that the statement names again is the same one.
	if colon := p.index(":"); colon > 0 {
		for n, t := range out {
			// "Disallow chroot in the app=web pods: block /usr/sbin/chroot
			// and /sbin/chroot": the name in the heading is the paths'.
			if t.at < colon && t.rule.ExecName != "" && slices.ContainsFunc(out, func(o sysTarget) bool { return o.at > colon && path.Base(o.rule.Path) == t.rule.ExecName }) {
				out[n].described = true
				p.take(t.at, t.end, "heading")
				continue
			}
			// "CAPABILITIES / CHOWN: the demo-runtime pods (app=demo-runtime) -
			// block the chown capability": a capability in the heading that
			// the request names again after it is the same one.
			if t.at < colon && t.rule.Kind == generator.Capability && p.capabilitySaidAfter(colon, t.rule.Capability) {
				out[n].described = true
				p.take(t.at, t.end, "heading")
				continue
			}
			if t.at > colon || t.rule.Path == "" {
				continue
			}
			if slices.ContainsFunc(out, func(o sysTarget) bool {
				return o.at > colon && strings.TrimSuffix(o.rule.Path, "/") == strings.TrimSuffix(t.rule.Path, "/")
			}) {
				out[n].described = true
				p.claim[t.at] = "heading"
			}
		}
	}
	// "the app=node-inspector pods mount the node's root at /host/": where
	// something is mounted says what the pods are like, not what to do.
	if m := p.first("mount", "mounts", "mounted"); m >= 0 {
		for n, t := range out {
			if t.rule.Path != "" && t.at > m && p.is(t.at-1, "at", "on", "under", "to") && !p.hasAny(denyWords) && !p.hasAny(auditWords) && !p.hasAny(allowWords) {
				out[n].described = true
				p.claim[t.at] = "mount-point"
				p.take(m, t.at, "mount-point") // "mount the node's root at"
			}
		}
	}
	// "block nc from running, whether it's /bin/nc or somebody copied it
	// to /nc - match it by name": the paths are where the program may be,
	// the words on its name say the rule is for the name wherever it lives.
	// ("anywhere" alone may be where the pods are, not the program.)
	byName := false
	for k, c := range p.claim {
		byName = byName || c == "execname-anywhere" && p.is(k, "name", "names", "basename", "wherever", "whatever", "regardless")
	}
	if byName {
		for n, t := range out {
			if t.rule.Path != "" && slices.ContainsFunc(out, func(o sysTarget) bool { return o.rule.ExecName != "" && path.Base(t.rule.Path) == o.rule.ExecName }) {
				out[n].described = true
				p.claim[t.at] = "where-it-lives"
			}
		}
	}
	out = slices.DeleteFunc(out, func(t sysTarget) bool { return t.described })
	// "block chroot, /usr/sbin/chroot and /sbin/chroot": the program by
	// name anywhere, or those paths only?
	for _, t := range out {
		var paths []string
		for _, o := range out {
			if t.rule.ExecName != "" && path.Base(o.rule.Path) == t.rule.ExecName {
				paths = append(paths, o.rule.Path)
			}
		}
		if len(paths) > 0 {
			return nil, p.refuse(fmt.Sprintf("should the rule be for any program named %s, wherever it lives, or only for %s?", t.rule.ExecName, strings.Join(paths, " and ")), generator.ExampleSystem)
		}
	}
	// "Tunneling tools (iodine, dnscat2): block all three": the count
	// says another number of things than the request names; one is
	// missing or too many. ("all three namespaces" counts something else.)
	for k := range p.toks {
		counted := p.tok(k+2) == nil || p.toks[k+2].kind == tPunct || prepositions[p.word(k+2)]
		if n := slices.Index(countNames, p.word(k+1)); len(out) > 0 && p.is(k, "all", "the") && n >= 0 && counted && n+2 != len(out) {
			return nil, p.refuse(fmt.Sprintf("%q counts %d, but the request names %d: which are they? Name each one", p.text(k, k+2), n+2, len(out)), generator.ExampleSystem)
		}
	}
	if len(out) > 0 {
		p.systemRequest = true
	}
	return out, nil
}

// networkUseNouns follow "network" in what a process does with it: "TCP
// network use", "UDP network access".
var networkUseNouns = set("use", "usage", "access", "activity", "connections", "connection", "traffic")

// protocolsInBrackets reads "(TCP and UDP)", "(tcp only)", "(UDP)" at i,
// just after the network a process uses: the protocols it names, which it
// claims, or nil.
func (p *parser) protocolsInBrackets(i int) []string {
	if !p.is(i, "(") {
		return nil
	}
	var protos []string
	k := i + 1
	for ; p.tok(k) != nil && p.is(k, "tcp", "udp", "and", "or", ",", "only"); k++ {
		if p.is(k, "tcp", "udp") && !slices.Contains(protos, p.word(k)) {
			protos = append(protos, p.word(k))
		}
	}
	if len(protos) == 0 || !p.is(k, ")") {
		return nil
	}
	p.take(i, k+1, "network-protocols")
	return protos
}

// protocolListAt reports whether the protocol at i heads a list of them
// that ends in "sockets" or "protocols": "the tcp, udp and raw protocols".
func (p *parser) protocolListAt(i int) bool {
	k := i
	for p.is(k, "raw", "icmp", "icmpv6", "udp", "tcp", ",", "and", "or") {
		k++
	}
	return k > i && p.is(k, "socket", "sockets", "protocol", "protocols")
}

// protocolsForPath reports whether the protocol at i heads a list of them
// just after a verdict, followed by "for", "from" or "by" and a path: "block
// TCP and UDP for /usr/lib/jellyfin/bin/jellyfin", "audit udp from /bin/nc";
// or by "for" or "in" and the pods, in a clause that names no port, address
// or other end: "block TCP and UDP for them", "deny udp in the app=x pods".
// Traffic with no other end and no port is the sockets the pods open.
func (p *parser) protocolsForPath(i int) bool {
	if !denyWords[p.word(i-1)] && !auditWords[p.word(i-1)] && !allowWords[p.word(i-1)] {
		return false
	}
	k := i
	for p.is(k, "raw", "icmp", "udp", "tcp", ",", "and", "or") {
		k++
	}
	if p.is(k, "for", "from", "by") && p.tok(k+1) != nil && p.toks[k+1].kind == tPath {
		return true
	}
	return denyWords[p.word(i-1)] && p.is(k, "for", "in", "inside", "within") && p.podsNamedAt(k+1) && !p.hasPortNumber() && !p.otherEndNamed()
}

// podsNamedAt reports whether the pods are named at i: a pronoun for them, or a
// label or a word for pods after at most two determiners or names ("them",
// "the app=x pods", "all secagg pods").
func (p *parser) podsNamedAt(i int) bool {
	if p.is(i, "them", "it") {
		return true
	}
	for k := i; k < i+3 && p.tok(k) != nil; k++ {
		if p.toks[k].kind == tLabel || podNouns[p.word(k)] {
			return true
		}
		if !determiners[p.word(k)] && !p.nameWord(k) {
			return false
		}
	}
	return false
}

// otherEndNamed reports whether the clause names where traffic goes or
// comes from: an address, a DNS name, a word of direction, or "to",
// "from", "into" before anything but a verb ("from running").
func (p *parser) otherEndNamed() bool {
	for k, t := range p.toks {
		if t.kind == tCIDR || t.kind == tDomain || ingressWords[t.low] || egressWords[t.low] || entityWord(t.low) != "" && !p.is(k, "host", "hosts", "node", "nodes", "cluster", "cluster-wide", "clusterwide") {
			return true
		}
		if p.is(k, "to", "from", "into", "towards", "between") && !strings.HasSuffix(p.word(k+1), "ing") {
			return true
		}
	}
	return false
}

// protocolsAre reports whether the protocol at i heads "TCP and UDP are
// allowed", "ICMP is blocked": a list of protocols, then a verdict said as
// a fact, and no port or peer anywhere in the clause.
func (p *parser) protocolsAre(i int) bool {
	k := i
	for p.is(k, "tcp", "udp", "icmp", "and", "or", ",") {
		k++
	}
	return p.is(k, "is", "are") && (restrictionWords[p.word(k+1)] || auditWords[p.word(k+1)]) && !p.hasPortNumber() &&
		!slices.ContainsFunc(p.toks, func(t token) bool { return t.kind == tCIDR || t.kind == tDomain || t.kind == tLabel })
}

// syscallAt reads "unlink syscalls", "the rmdir system call", "syscalls
// unlink and rmdir", "unlink()"; it returns the end of the mention, or 0.
func (p *parser) syscallAt(i int) int {
	isName := func(k int) bool {
		w := strings.TrimSuffix(p.word(k), "()")
		return p.tok(k) != nil && generator.IsSyscall(w)
	}
	callWord := func(k int) int {
		switch {
		case p.is(k, "syscall", "syscalls", "system-call", "system-calls"):
			return 1
		case p.is(k, "system") && p.is(k+1, "call", "calls"):
			return 2
		}
		return 0
	}
	list := func(k int) int {
		for isName(k) {
			k++
			if p.is(k, ",", "and", "or") && isName(k+1) {
				k++
			}
		}
		return k
	}
	// "syscalls unlink and rmdir", "the system calls unlink, rmdir"
	if n := callWord(i); n > 0 && isName(i+n) {
		return list(i + n)
	}
	// "Syscall alerting ...: audit unlink, chmod and mount": a list of system
	// calls in a clause about system calls.
	if isName(i) && (p.mentions("syscall", "syscalls", "system-call", "system-calls") || p.phrase("system", "calls") >= 0 || p.phrase("system", "call") >= 0) &&
		(auditWords[p.word(i-1)] || denyWords[p.word(i-1)] || p.is(i-1, ":", ",", "and", "or") && p.claim[max(i-2, 0)] == "syscall") {
		for k := range p.toks {
			if p.is(k, "syscall", "syscalls") && !p.taken(k) {
				p.take(k, k+1, "syscall")
			}
		}
		return list(i)
	}
	if !isName(i) {
		return 0
	}
	end := list(i)
	if n := callWord(end); n > 0 {
		return end + n
	}
	// "log unlink and unlinkat calls on /etc/app.conf": calls after names
	// of system calls are those system calls.
	if p.is(end, "calls", "call") && !p.is(end+1, "from", "to", "into", "towards") && !slices.ContainsFunc(p.toks[i:end], func(t token) bool { return trafficSyscalls[t.low] }) {
		return end + 1
	}
	if strings.HasSuffix(p.word(i), "()") {
		return end
	}
	return 0
}

// trafficSyscalls are system calls whose names are also words of traffic:
// "accept calls from the operator pods" is no accept(2).
var trafficSyscalls = set("accept", "connect", "send", "listen", "bind", "recv")

// timeAdverbs say when or how often something runs, never which program.
var timeAdverbs = set("ever", "again", "always", "still", "anymore", "even", "once", "twice", "often", "sometimes", "later", "now", "today")

// execNameAt reports whether the word at i names an executable: after or
// before a process verb, after a process noun and "named", or a well-known
// command in a request that is not about network peers.
func (p *parser) execNameAt(i int, networkish bool) bool {
	t := p.toks[i]
	if !p.nameWord(i) && !(knownExecutables[t.low] && entityWord(t.low) == "" && !podNouns[t.low]) {
		return false
	}
	if p.is(i-1, "named", "called") && processNouns[p.word(i-2)] {
		p.take(i-1, i, "executable-name")
		return true
	}
	if p.is(i+1, "label", "labels", "is", ":", "=") || p.is(i-1, "whose", "where", "label", "labeled", "labelled") {
		return false
	}
	// "only from the ingress-nginx namespace, where the controller runs",
	// "in namespace ops, where our scanner lives": what lives in the place
	// named before, not a program run.
	if residenceVerbs[p.word(i+1)] && (p.is(i-1, "where") || p.is(i-1, "the", "our", "its", "their", "a") && p.is(i-2, "where")) {
		return false
	}
	// "block /tmp/kinsing from ever running again": when, not what runs.
	if timeAdverbs[t.low] {
		return false
	}
	// "run package managers", "block crypto miners": plural nouns of
	// agents name a kind of program, not a program's name.
	agents := func(w string) bool {
		return !knownExecutables[w] && len(w) > 4 && (strings.HasSuffix(w, "ers") || strings.HasSuffix(w, "ors"))
	}
	if agents(t.low) || p.tok(i+1) != nil && p.toks[i+1].kind == tWord && agents(p.word(i+1)) && !knownExecutables[t.low] {
		return false
	}
	// "run interactive /bin/sh": a word just before a path says which runs
	// of it, not a program of its own.
	if p.tok(i+1) != nil && p.toks[i+1].kind == tPath && !knownExecutables[t.low] {
		return false
	}
	// "know if files start disappearing", "when processes start
	// misbehaving": what begins to happen, not a program started.
	if p.is(i-1, "start", "starts", "started", "starting", "begin", "begins", "began") && strings.HasSuffix(t.low, "ing") && !knownExecutables[t.low] {
		return false
	}
	// "shouldn't spawn shells", "block shell execution via /bin/sh": the
	// kind of program, not its name; "via process execution telemetry":
	// what is known about executions.
	if programKindAt(p.toks, i) || p.is(i, "script", "scripts", "telemetry", "event", "events", "log", "logs", "records", "history", "activity", "attempt", "attempts") {
		return false
	}
	// "Execution prevention", "process management": abstract nouns.
	for _, suffix := range []string{"tion", "sion", "ment", "ness", "ity", "ance", "ence"} {
		if strings.HasSuffix(t.low, suffix) && !knownExecutables[t.low] && len(t.low) > len(suffix)+2 {
			return false
		}
	}
	// "package management tools", "the usual post-exploitation tools": a
	// category, not an executable's name.
	if !knownExecutables[t.low] && !strings.Contains(t.low, ".") && (processNouns[p.word(i+1)] || processNouns[p.word(i+2)] && p.tok(i+1) != nil && p.toks[i+1].kind == tWord) {
		return false
	}
	if p.treeHasWorkload(t.low) || p.is(i+1, "pod", "pods", "deployment", "container", "containers", "namespace", "app", "application", "service", "workload", "workloads", "statefulset", "daemonset", "job", "cronjob") ||
		p.is(i+2, "pod", "pods", "deployment", "container", "containers", "workload", "workloads") && p.tok(i+1) != nil && p.toks[i+1].kind == tWord && !p.is(i+1, "in", "on", "of", "for", "from", "and", "or") {
		return false // "the curl test pod (run=curl)"
	}
	// "I don't want to run the terminal", "block running the installer":
	// a thing named with an article is a feature or a role, not the name
	// of a binary (which stands bare: "block running xmrig").
	if p.is(i-1, "the", "a", "an", "our", "my", "their", "its", "this", "that") && !knownExecutables[t.low] && !p.is(i+1, "binary", "tool", "utility", "command", "program", "executable", "process", "cli") {
		return false
	}
	if (p.afterProcessVerb(i) || p.beforeProcessVerb(i) || !networkish && p.inToolBracket(i)) && (t.raw == t.low || knownExecutables[t.low]) {
		return true
	}
	// "the update-rc.d tool": a name written as a program's, before a word for one.
	if p.is(i+1, "tool", "binary", "utility", "command", "program", "executable") && t.raw == t.low && strings.ContainsAny(t.low, ".-_0123456789") {
		return true
	}
	return knownExecutables[t.low] && t.low != "ping" && !networkish && (t.raw == t.low || i == 0 && strings.ToUpper(t.raw[:1])+t.low[1:] == t.raw)
}

// inToolBracket reports whether the word at i stands in a bracketed list of
// names just after a word for programs: "DNS tunneling tools (iodine,
// dnscat2, dns2tcp)", "the miners (xmrig or t-rex)". The bracket says which
// programs the noun means.
func (p *parser) inToolBracket(i int) bool {
	if strings.Contains(p.word(i), "/") {
		return false // "(apt/apt-get)": two names, which the paths say
	}
	k := i - 1
	for ; k > 0 && !p.is(k, "("); k-- {
		if !p.is(k, ",", "and", "or") && !(p.toks[k].kind == tWord && p.toks[k].raw == p.toks[k].low && p.nameWord(k)) {
			return false
		}
	}
	if k <= 0 || !processNouns[p.word(k-1)] {
		return false
	}
	for e := i + 1; p.tok(e) != nil; e++ {
		switch {
		case p.is(e, ")"):
			return true
		case !p.is(e, ",", "and", "or") && !(p.toks[e].kind == tWord && p.toks[e].raw == p.toks[e].low && p.nameWord(e)):
			return false
		}
	}
	return false
}

// toolKindBeforeBracket reports whether the word at i begins the words
// before a word for programs whose bracket names them as executables: the
// "DNS" of "DNS tunneling tools (iodine, dnscat2, dns2tcp)".
func (p *parser) toolKindBeforeBracket(i int) bool {
	for k := i + 1; k <= i+2; k++ {
		if processNouns[p.word(k)] {
			return p.is(k+1, "(") && p.claim[k+2] == "executable-name"
		}
		if p.tok(k) == nil || p.toks[k].kind != tWord {
			return false
		}
	}
	return false
}

// auditFromPods reports whether "from" at i names the pods whose
// processes are audited, with no other end named: "audit icmp from the
// pods labeled app=healthchecker". Network policies audit nothing, so the
// pods are where KubeArmor watches the sockets opened.
func (p *parser) auditFromPods(i int) bool {
	if !p.is(i, "from") || !p.hasAny(auditWords) || p.has("to", "towards", "into") {
		return false
	}
	k := i + 1
	for determiners[p.word(k)] {
		k++
	}
	return p.tok(k) != nil && (p.toks[k].kind == tLabel || podNouns[p.word(k)] && p.is(k+1, "labeled", "labelled", "with", "("))
}

// portFollows reports whether a port follows at k: "using TCP port 80",
// "using TCP on port 80", "using UDP on 53". A protocol with a port is how
// traffic is carried, which only a network policy matches; a socket rule
// takes no port.
func (p *parser) portFollows(k int) bool {
	if p.is(k, "on", "at") {
		k++
	}
	if p.is(k, "port", "ports") {
		k++
	}
	t := p.tok(k)
	return t != nil && (t.kind == tNumber || t.kind == tPortProto || t.kind == tRange)
}

func (p *parser) hasPortNumber() bool {
	series := seriesNumberEnd(p.toks) // "Policy 4, network restriction: block ICMP ...": a part's number is no port
	for i, t := range p.toks {
		if i < series {
			continue
		}
		if t.kind == tNumber || t.kind == tRange || t.kind == tPortProto {
			return true
		}
	}
	return false
}

// afterProcessVerb reports whether the word at i is an executable named in a
// list after a process verb: "running apt and apt-get", "execution of curl".
func (p *parser) afterProcessVerb(i int) bool {
	for k := i - 1; k >= 0; k-- {
		w := p.word(k)
		switch {
		case processVerbs[w]:
			return true
		case w == "of" || w == "and" || w == "or" || w == "," || w == "the" || w == "either" || w == "any" || (p.toks[k].kind == tWord && k < i && p.claim[k] == "executable-name"):
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
		case p.toks[k].kind == tWord && p.nameWord(k) && p.is(k-1, "or", "and", ","):
			continue
		default:
			return false
		}
	}
	return false
}

// recursion reads what says a directory rule covers everything below it
// ("and everything under it", "recursively", "and its subdirectories"), or
// explicitly only the directory itself ("(not its subdirectories)"); each
// mark's rule says which.
func (p *parser) recursion() []*mark {
	var out []*mark
	for _, ph := range [][]string{{"but", "not", "its", "subdirectories"}, {"not", "its", "subdirectories"}, {"not", "their", "subdirectories"}, {"but", "not", "their", "subdirectories"},
		{"without", "their", "subdirectories"}, {"not", "in", "their", "subdirectories"}, {"not", "subdirectories"}, {"no", "subdirectories"},
		{"without", "subdirectories"}, {"without", "its", "subdirectories"}, {"not", "recursively"}, {"non-recursively"}, {"non-recursive"},
		{"not", "in", "subdirectories"}, {"not", "in", "its", "subdirectories"}, {"top", "level", "only"}, {"not", "nested", "directories"}, {"not", "recursive"},
		{"(", "just", "that", "folder", ")"}, {"(", "just", "that", "directory", ")"}, {"(", "only", "that", "folder", ")"}, {"(", "only", "that", "directory", ")"},
		{"just", "that", "folder"}, {"just", "that", "directory"}} {
		for m := p.claimPhrase("not-recursive", ph...); m != nil; m = p.claimPhrase("not-recursive", ph...) {
			out = append(out, m)
		}
	}
	// "including anything beneath them", "and all files under it", "plus
	// everything inside them": a quantifier, a place below, a pronoun.
	for i := range p.toks {
		if m := p.belowPronoun(i); m != nil {
			out = append(out, m)
		}
		if m := p.notJustTop(i); m != nil {
			out = append(out, m)
		}
	}
	for _, ph := range [][]string{{"including", "all", "subdirectories"}, {"and", "everything", "inside"}, {"and", "below"}, {"all", "its", "contents"},
		{"and", "its", "subdirectories"}, {"or", "its", "subdirectories"}, {"and", "their", "subdirectories"}, {"or", "their", "subdirectories"},
		{"or", "any", "subdirectory"}, {"and", "any", "subdirectory"}, {"including", "subdirectories"}, {"subdirectories", "included"},
		{"including", "its", "subdirectories"}, {"including", "their", "subdirectories"}, {"and", "all", "subdirectories"},
		{"and", "all", "its", "subdirectories"}, {"with", "subdirectories"}, {"and", "all", "subfolders"}, {"and", "its", "subfolders"},
		{"or", "below", "it"}, {"and", "below", "it"}, {"or", "under", "it"}, {"or", "below"}, {"tree"},
		// "/var/www and all under", "and all what is inside" (finder 5's S12)
		{"and", "all", "under"}, {"and", "all", "below"}, {"and", "all", "beneath"}, {"and", "all", "what", "is", "inside"}, {"and", "all", "that", "is", "inside"},
		{"and", "all", "what", "is", "in", "it"}, {"and", "all", "inside"},
		{"all", "the", "way", "down"}, {"whole", "way", "down"}, {"recursively"}, {"recursive"},
		{"subdirectories"}, {"subdirectory"}, {"subfolders"}, {"subdirs"}, {"subdir"}, {"subtree"}, {"sub-directories"}, {"nested", "directories"}} {
		for m := p.claimPhrase("recursive", ph...); m != nil; m = p.claimPhrase("recursive", ph...) {
			out = append(out, p.negatedRecursion(m))
		}
	}
	return out
}

// subdirWords name the directories below one; belowOf, after them, the
// one they are below: "any subdirectory of /data/".
var (
	subdirWords = set("subdirectories", "subdirectory", "subfolders", "subfolder", "subdirs", "subdir", "sub-directories", "nested")
	belowOf     = set("of", "in", "under", "inside", "within", "below", "beneath")
)

// belowOnly asks when a word of recursion names only the directories below
// one, with no "and" or "including" that adds the directory itself: "may
// not write into any subdirectory of /data/" covered /data/ too, since
// KubeArmor's recursive rule always holds for the directory itself
// (finder 18, Q9).
func (p *parser) belowOnly(marks []*mark) string {
	for _, m := range marks {
		if m.rule != "recursive" || !subdirWords[p.word(m.start)] || !belowOf[p.word(m.end)] {
			continue
		}
		if slices.ContainsFunc(p.toks[max(m.start-3, 0):m.start], func(t token) bool { return t.low == "and" || t.low == "or" || t.low == "plus" || t.low == "including" }) {
			continue
		}
		return fmt.Sprintf("should the rule hold in the directory itself too, or only below it (%q)? KubeArmor's rule for a directory and everything below it always covers the directory itself; say \"DIR and everything under it\", or name the subdirectories", p.text(m.start, m.end+1))
	}
	return ""
}

// negatedRecursion turns a word of recursion that a negation stands
// before, with at most "in", "a", "any", "its" or "their" between, into the
// directory alone: "deny write for all files directly in /proc/ (not in a
// subdir)" covered every subdirectory.
func (p *parser) negatedRecursion(m *mark) *mark {
	k := m.start - 1
	for k >= 0 && k >= m.start-3 && p.is(k, "in", "a", "any", "its", "their", "the") {
		k--
	}
	if k < 0 || !p.is(k, "not", "no", "without", "never", "excluding") {
		return m
	}
	for n := k; n < m.end; n++ {
		p.claim[n] = "not-recursive"
	}
	return &mark{start: k, end: m.end, rule: "not-recursive"}
}

// under reads "under /dev/", "below /var/lib/", "beneath /home/",
// "anywhere in /tmp/" before the path at i: the whole tree below it.
func (p *parser) under(i int) *mark {
	// A path later in a list after "under": "under /etc/cron.d/ and /var/spool/cron/".
	if k := i - 1; p.is(k, "and", "or", ",") && k > 0 && p.toks[k-1].kind == tPath {
		first := k - 1
		for first-2 >= 0 && p.is(first-1, "and", "or", ",") && p.toks[first-2].kind == tPath {
			first -= 2
		}
		if p.is(first-1, "under", "below", "beneath", "underneath") || p.claim[max(first-1, 0)] == "recursive" && p.is(first-1, "under", "below", "beneath", "underneath") {
			return &mark{first - 1, first, "recursive"}
		}
		// "the whole directories /etc/ssh and /etc/ssl": every path of
		// the list (finder 6's S13: neither was recursive).
		if s := p.wholeStart(first); s >= 0 && p.is(s+1, "directories", "folders", "dirs", "trees") {
			return &mark{s, first, "recursive"}
		}
	}
	switch {
	case p.is(i-1, "under", "below", "beneath", "underneath"):
		return p.take(i-1, i, "recursive")
	case p.is(i-2, "anywhere") && p.is(i-1, "in", "under", "below", "inside", "within"):
		return p.take(i-2, i, "recursive")
	// "block access to the whole directory /var/www", "to whole
	// /var/www", "the entire folder /srv": the whole tree (finder 5's
	// S12: it covered the files of the directory alone).
	case p.wholeStart(i) >= 0:
		return p.take(p.wholeStart(i), i, "recursive")
	}
	return nil
}

// wholeStart is where the words before the path at i start that say all
// of it, or -1: "the whole /var/www", "the entire folder /srv", "the
// whole directories /etc/ssh and /etc/ssl", and, of a path that is a
// directory by itself (a final "/" or one of every Linux image), "the
// whole of /etc/ssh", "all of /etc/ssh" (finder 6's S13: not its
// subdirectories). ("all of /bin/sh and /bin/bash" is a list of files.)
func (p *parser) wholeStart(i int) int {
	switch {
	case p.is(i-1, "whole", "entire"):
		return i - 1
	case p.is(i-2, "whole", "entire") && (dirNouns[p.word(i-1)] || p.is(i-1, "dirs", "tree", "trees")):
		return i - 2
	case p.is(i-1, "of") && p.is(i-2, "whole", "entire", "all") && i < len(p.toks) && p.toks[i].kind == tPath &&
		(strings.HasSuffix(p.toks[i].raw, "/") || wellKnownDirs[p.toks[i].raw]):
		return i - 2
	}
	return -1
}

// belowPronoun claims, at i, "[and|or|including|plus|with] [to|from]
// everything|anything|all [files|...] below|under|beneath|in|inside|within
// it|them": what lies below the directories just named.
func (p *parser) belowPronoun(i int) *mark {
	k := i
	if p.is(k, "and", "or", "including", "plus", "with") {
		k++
	}
	if p.is(k, "to", "from") {
		k++
	}
	// "any write anywhere under them"
	if !p.is(k, "everything", "anything", "all", "any", "every", "anywhere") || p.taken(k) {
		return nil
	}
	k++
	for p.is(k, "files", "file", "folders", "folder", "directories", "directory", "subdirectories", "things", "contents", "paths", "binaries", "programs", "executables", "of", "the") {
		k++
	}
	if !p.is(k, "below", "under", "beneath", "underneath", "in", "inside", "within") {
		return nil
	}
	// "..., and everything below.": the pronoun left out, at the end of
	// the fragment, after a word that joins it to the directories.
	e := k + 2
	if !p.is(k+1, "it", "them") {
		if !p.is(k, "below", "beneath", "underneath") || !p.is(i, "and", "or", "including", "plus", "with") || !p.closesFragment(k+1) {
			return nil
		}
		e = k + 1
	}
	for n := i; n < e; n++ {
		if p.taken(n) {
			return nil
		}
	}
	return p.take(i, e, "recursive")
}

// topWords name the directory itself against what lies below it: "the
// top level", "the folder itself", "the files directly in it".
var topWords = set("top", "top-level", "itself", "directly")

// notJustTop reads "not just the top level", "not only the folder
// itself", "not merely the files directly in it" at i: the whole tree
// below the directory. (Its "not" was read as a second deny word, and the
// rule covered the directory alone.)
func (p *parser) notJustTop(i int) *mark {
	if !p.is(i, "not") || !p.is(i+1, "just", "only", "merely", "simply") {
		return nil
	}
	for k := i + 2; k < min(i+9, len(p.toks)); k++ {
		if p.toks[k].kind == tPunct || p.taken(k) {
			return nil
		}
		if topWords[p.word(k)] {
			e := k + 1
			for e < len(p.toks) && p.toks[e].kind == tWord && !p.taken(e) && p.is(e, "level", "in", "it", "them", "of", "the", "directory", "folder") {
				e++
			}
			return p.take(i, e, "recursive")
		}
	}
	return nil
}

// onlyWhere returns the index of "only" where it limits the place of a
// path or executable said before it rather than what the pods may do:
// "/usr/bin/node may only run in the app=web pods", "curl should only be
// used inside namespace tools", "/usr/sbin/tcpdump is only allowed in the
// app=debug pods". Read as "only X may run in the pods", it would make X
// the one process those pods may run. -1 where there is none; "the app=web
// pods may only run /usr/bin/node" names what the pods may do.
func (p *parser) onlyWhere() int {
	for k := 2; k < len(p.toks); k++ {
		if !p.is(k, "only") || !(modals[p.word(k-1)] || p.is(k-1, "is", "are")) {
			continue
		}
		if x := p.toks[k-2]; x.kind != tPath && !knownExecutables[x.low] {
			continue
		}
		j := k + 1
		if p.is(j, "be") {
			j++
		}
		if !(processVerbs[p.word(j)] || fileVerbs[p.word(j)] || p.is(j, "allowed", "permitted", "used")) {
			continue
		}
		if p.is(j+1, "in", "inside", "within", "on") {
			return k
		}
	}
	return -1
}

// unknownInSyscallList returns the index of a word in a list of system
// calls that names none, or -1: "audit mount, umount and pivot_root
// syscalls" (Linux's call is umount2), "unlink, rmdir and renam syscalls".
// The list read around it dropped it.
func (p *parser) unknownInSyscallList() int {
	if !p.mentions("syscall", "syscalls", "system-call", "system-calls") && p.phrase("system", "calls") < 0 && p.phrase("system", "call") < 0 {
		return -1
	}
	name := func(k int) bool { return p.tok(k) != nil && generator.IsSyscall(strings.TrimSuffix(p.word(k), "()")) }
	for k := 0; k+3 < len(p.toks); k++ {
		u := k + 2
		if !name(k) || !p.is(k+1, ",", "and", "or") || p.toks[u].kind != tWord || name(u) || fillerWords[p.word(u)] || determiners[p.word(u)] {
			continue
		}
		if p.is(u+1, ",", "and", "or") && name(u+2) || p.is(u+1, "syscall", "syscalls", "system-call", "system-calls", "calls") {
			return u
		}
	}
	return -1
}

// podsAfter reports whether pods are named from i on: a label ("ping
// app=b"), or a determiner and a word for pods within three words ("ping
// the probe pods").
func (p *parser) podsAfter(i int) bool {
	if p.tok(i) != nil && p.toks[i].kind == tLabel {
		return true
	}
	if !p.is(i, "the", "all", "every", "any", "our", "its", "their") {
		return false
	}
	for k := i + 1; k < len(p.toks) && k <= i+3; k++ {
		if podNouns[p.word(k)] || p.toks[k].kind == tLabel {
			return true
		}
		if p.toks[k].kind == tPunct {
			return false
		}
	}
	return false
}

// capabilitySaidAfter reports whether the request names the capability c
// again after the token at i, in this clause or another.
func (p *parser) capabilitySaidAfter(i int, c string) bool {
	return slices.ContainsFunc(p.all, func(t token) bool {
		return t.start > p.toks[i].start && capabilityWordRE.MatchString(t.low) && strings.TrimPrefix(t.low, "cap_") == c
	})
}
