package builtin

import "strings"

// The built-in engine's vocabulary, as data. Each set says what its words
// mean to the engine; a word that is in none of them means nothing to it and
// is never taken as a name unless it stands where a name belongs (see
// nameAt) and the tree or --assume-app-label confirms it.

func set(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

// with returns the words of base and more, for a set that holds another.
func with(base map[string]bool, more ...string) map[string]bool {
	m := set(more...)
	for w := range base {
		m[w] = true
	}
	return m
}

var (
	denyWords = set("block", "blocks", "blocked", "blocking", "deny", "denies", "denied", "denying", "prevent", "prevents", "prevented", "preventing",
		"forbid", "forbids", "forbidden", "stop", "stops", "stopped", "disallow", "disallows", "disallowed", "reject", "rejects", "rejected", "drop", "drops", "dropped",
		"refuse", "refused", "disable", "ban", "banned", "kill", "killed", "prohibit", "prohibits", "prohibited", "never", "cannot", "can't", "mustn't", "shouldn't",
		"won't", "don't", "dont", "doesn't", "not", "no", "isn't", "aren't", "nobody", "shut", "terminate",
		"blacklist", "blacklisted", "denylist", "denylisted", "deny-list", "blocklist", "blocklisted", "block-list")
	allowWords = set("allow", "allows", "allowed", "allowing", "permit", "permits", "permitted", "permitting", "let", "lets", "may", "can", "accept", "accepts",
		"enable", "enables", "open", "whitelist", "whitelisted", "allowlist", "allowlisted", "allow-list", "grant", "grants", "granted")
	auditWords = set("audit", "audits", "audited", "auditing", "alert", "alerts", "alerted", "alerting", "log", "logs", "logged", "logging", "monitor", "monitors",
		"monitored", "watch", "watches", "record", "records", "track", "tracks", "tracked", "flag", "flags", "report", "reports", "reported", "reporting", "notify",
		"warn", "detect", "detects", "detected", "detection", "observe", "trace", "traces", "alarm", "alarms")
	isolateWords = set("isolate", "isolated", "isolates", "isolation", "quarantine", "quarantined", "default-deny", "lockdown", "deny-all")

	ingressWords = set("ingress", "incoming", "inbound")
	egressWords  = set("egress", "outgoing", "outbound")

	// reachVerbs put the actor before them and the destination after: "X may reach Y".
	reachVerbs = set("reach", "reaches", "reaching", "access", "accesses", "accessing", "talk", "talks", "talking", "connect", "connects", "connecting",
		"call", "calls", "calling", "contact", "contacts", "contacting", "send", "sending", "sends", "hit", "query", "queries", "querying", "scrape", "scraping",
		"scrapes", "communicate", "communicates", "communicating", "speak", "speaks", "open", "opening", "egress", "use", "uses", "using", "resolve", "resolving",
		"emit", "emits", "emitting", "establish", "establishes", "establishing", "initiate", "initiates", "initiating", "make", "makes", "making", "fetch", "fetches",
		"download", "downloads", "upload", "uploads", "push", "pushes", "pull", "pulls", "collect", "collects", "consume", "consumes", "poll", "polls", "ping", "pings",
		"contacted", "go", "goes", "leave", "leaves", "exit", "exits", "request", "requests", "issue", "issues", "issuing", "->", "→")
	// receiveVerbs put the destination before them and the source after "from": "Y accepts traffic from X".
	receiveVerbs = set("accept", "accepts", "accepting", "receive", "receives", "receiving", "reached", "reachable", "accessed", "accessible", "called",
		"contacted", "scraped", "queried", "pinged", "probed", "polled", "dialed", "invoked", "exposed", "listen", "listens", "listening", "serve", "serves", "answer", "answers", "get", "gets", "getting", "enter", "enters", "arrive", "arrives",
		"take", "takes", "taking", "admit", "admits", "touched", "talked", "come", "comes")

	processVerbs = set("started", "executed", "launched", "spawned", "invoked", "ran", "run", "runs", "running", "execute", "executes", "executing",
		"execution", "executions", "exec", "execs", "launch", "launches", "launching", "fork", "forks", "forking", "forked", "start", "starts", "starting", "spawn", "spawns", "spawning", "invoke", "invoking",
		"invocation", "invocations")
	processNouns = set("binary", "binaries", "executable", "executables", "program", "programs", "process", "processes", "command", "commands", "tool", "tools", "utility", "utilities")
	fileVerbs    = set("touch", "touches", "touched", "touching", "access", "accesses", "accessing", "accessed", "read", "reads", "reading", "write", "writes", "writing", "written",
		"modify", "modifies", "modifying", "modified", "modification", "modifications", "open", "opens", "opening", "opened", "change", "changes", "changing",
		"edit", "edits", "editing", "delete", "deletes", "deleting", "deletion", "remove", "removes", "removing", "create", "creates", "creating", "creation",
		"tamper", "tampering", "use", "using", "view", "viewing", "alter", "altering", "overwrite", "overwriting", "append", "appending", "rename", "renaming", "store", "storing")
	writeWords = set("write", "writes", "writing", "written", "modify", "modifies", "modifying", "modified", "modification", "modifications", "change", "changes",
		"changing", "edit", "edits", "editing", "delete", "deletes", "deleting", "deletion", "create", "creates", "creating", "creation", "tamper", "tampering",
		"alter", "altering", "overwrite", "overwriting", "append", "appending", "rename", "renaming", "remove", "removes", "removing", "read-only", "readonly")
	fileNouns = set("file", "files", "directory", "directories", "dir", "folder", "folders", "path", "paths", "content", "contents")
	dirNouns  = set("directory", "directories", "dir", "folder", "folders")

	podNouns = set("pod", "pods", "workload", "workloads", "container", "containers", "app", "apps", "application", "applications", "replicas",
		"instances", "service", "services", "svc", "endpoint", "endpoints", "microservice", "microservices", "server", "servers", "backend", "backends")
	workloadKinds = map[string]string{"deployment": "Deployment", "deployments": "Deployment", "deploy": "Deployment", "statefulset": "StatefulSet",
		"statefulsets": "StatefulSet", "sts": "StatefulSet", "daemonset": "DaemonSet", "daemonsets": "DaemonSet", "ds": "DaemonSet", "job": "Job", "jobs": "Job",
		"cronjob": "CronJob", "cronjobs": "CronJob", "pod": "Pod"}
	namespaceWords = set("namespace", "namespaces", "ns")
	determiners    = set("the", "a", "an", "all", "any", "every", "each", "its", "their", "our", "my", "this", "these", "those", "some", "your")

	// actionVerbs start a request ("restrict egress of ...") and never name a workload.
	actionVerbs = set("restrict", "restricts", "limit", "limits", "confine", "confines", "lock", "locks", "secure", "harden", "protect", "protects",
		"expose", "exposes", "open", "close", "closes", "cut", "stop", "segment", "segregate", "separate", "shield", "guard", "whitelist", "blacklist",
		"allowlist", "denylist", "create", "write", "add", "apply", "set", "define", "configure", "implement", "generate", "make", "keep", "ensure", "give",
		"grant", "revoke", "remove", "disable", "enable", "require", "prohibit", "forbid", "mitigate", "detect", "prevent", "avoid")

	// unclearVerbs act on what they name in a way that may block it or only
	// watch it: "Intercept delete_module." A title that says one is no
	// summary of rules that audit, block or allow.
	unclearVerbs = set("intercept", "intercepts", "intercepting", "trap", "traps", "catch", "catches")

	methods = set("get", "head", "post", "put", "patch", "delete", "options")

	prepositions = set("from", "to", "in", "for", "on", "of", "by", "within", "inside", "into", "towards", "toward", "at", "across", "against", "with", "between", "through", "via", "over", "under", "onto")

	// knownExecutables are commands named without a path that the engine
	// takes as executables even without a verb such as "run".
	// English words that are also commands (watch, kill, touch, find, top,
	// mount, node) are left out: they name executables only next to a
	// process word ("running touch") or as a path.
	knownExecutables = set("sh", "bash", "zsh", "dash", "ash", "csh", "ksh", "fish", "tcsh", "nc", "ncat", "netcat", "socat", "curl", "wget", "apt", "apt-get",
		"aptitude", "apk", "yum", "dnf", "rpm", "dpkg", "zypper", "pip", "pip3", "npm", "yarn", "gem", "gcc", "cc", "ssh", "scp", "sftp", "telnet", "ftp",
		"nmap", "tcpdump", "kubectl", "python", "python3", "perl", "ruby", "php", "su", "sudo", "chmod", "chown", "insmod", "modprobe",
		"rmmod", "xmrig", "busybox", "git", "nsenter", "unshare", "chroot", "crontab", "useradd", "userdel", "usermod", "dig", "nslookup", "ps", "strace", "gdb", "ltrace", "base64", "openssl", "vi", "vim", "nano", "tar", "unzip", "docker", "crictl", "ctr", "mysql", "psql", "redis-cli", "mongo",
		"nohup", "setcap", "ip", "iptables", "ip6tables", "ifconfig", "awk", "sed", "netstat", "ss", "arp", "nmcli", "whoami", "hostname",
		"rm", "cat", "ls", "cp", "mv", "dd", "pkill", "killall", "systemctl", "journalctl", "lsof", "tshark", "wireshark", "masscan", "zmap",
		"hping3", "john", "hydra", "sqlmap", "nikto", "ping", "traceroute", "uname", "printenv", "bpftool", "chattr", "lsattr",
		"mkfifo", "mknod", "shred", "scp", "rsync", "ncat", "socat", "xargs", "nsenter", "capsh", "getcap", "debugfs", "fdisk", "losetup")
)

// fillerWords carry no meaning for the engine: the rule "filler" dismisses
// them wherever no other rule used them.
var fillerWords = set("please", "select", "selects", "selecting", "they'll", "they've", "it'll", "we'll", "you'll", "i'll", "i've", "we've", "they'd", "it'd", "that'll", "kindly", "should", "must", "be", "is", "are", "was", "were", "been", "being", "to", "also", "just", "policy", "policies", "networkpolicy", "networkpolicies", "ciliumnetworkpolicy", "ciliumclusterwidenetworkpolicy", "kubearmorpolicy", "kubearmorhostpolicy", "kubearmorclusterpolicy", "netpol", "netpols", "cnp", "ccnp",
	"rule", "rules", "traffic", "communication", "connections", "connection", "packets", "packet", "calls", "network", "networking", "want", "wants", "need", "needs", "needed",
	"i", "we", "you", "me", "us", "make", "sure", "ensure", "so", "it", "they", "able", "and", "or", "do", "does", "did", "will", "would", "could",
	"over", "using", "new", "initiated", "coming", "going", "out", "whatever", "keep", "working", "at", "least", "currently", "whenever", "something",
	"someone", "anyone", "gets", "when", "ever", "again", "there", "explicitly", "simply", "basically", "actually", "really", "still", "then", "now", "here", "okay",
	"ok", "hi", "hello", "thanks", "thank", "create", "write", "add", "apply", "set", "up", "define", "configure", "setup", "implement", "generate",
	"kubernetes", "k8s", "enforce", "enforced", "enforcing", "require", "required", "requires", "like", "how", "i'd", "we'd", "let's",
	"wanted", "trying", "try", "what", "have", "has", "had", "which", "that", "who", "where", "following", "these", "those", "such", "as", "well", "too",
	"plus", "always", "strictly", "properly", "correctly", "completely", "fully", "entirely", "totally", "absolutely", "immediately", "right", "away", "by",
	"via", "through", "its", "their", "our", "my", "your", "the", "a", "an", "this", "within", "one", "single", "specific", "particular", "certain",
	"given", "kind", "sort", "thing", "things", "stuff", "requests", "request", "against", "whole", "entire", "real", "actual", "normal", "regular",
	"usual", "for", "of", "in", "on", "with", "from", "into", "onto", "towards", "toward", "across", "if", "whether", "some", "any", "all", "every", "each",
	"both", "either", "able", "possible", "going", "got", "get", "here's", "there's", "it's", "that's", "we're", "i'm", "you're", "they're")

// interjections are filler as words of a sentence ("hi, please ...") but a
// name right after "namespace" ("in namespace hello", Cilium's demo).
var interjections = set("hello", "hi", "thanks", "ok", "okay")

// courtesyWords ask nicely and name nothing: "netpol for the api ns pls:"
// is for namespace api, not a namespace "pls".
var courtesyWords = set("pls", "plz", "please", "thx", "ty", "ta")

// meaningWords are the closed list of words that change what a policy
// means. A rule must use each of them or dismiss it by name; one that is
// left over becomes a question, never a silent guess.
var meaningWords = set("not", "instead", "no", "never", "nor", "except", "excluding", "excl", "excl.", "sans", "minus", "save", "barring", "apart", "exclude", "excludes", "besides", "exempt", "exempted", "exemption", "exemptions", "but", "only", "solely", "exclusively",
	"without", "unless", "other", "others", "else", "syscall", "syscalls", "subdirectories", "subdirectory", "subfolders", "subfolder", "recursively",
	"recursive", "owner", "owners", "owner's", "read", "reads", "reading", "readonly", "read-only", "cannot", "can't", "mustn't", "shouldn't", "won't",
	"don't", "doesn't", "isn't", "aren't", "ingress", "egress", "incoming", "outgoing", "inbound", "outbound", "port", "ports", "tcp", "udp", "sctp",
	"icmp", "icmpv6", "dns", "header", "headers", "namespace", "namespaces", "capability", "capabilities", "socket", "sockets", "internet", "world",
	"external", "outside", "host", "hosts", "node", "nodes", "cluster", "cluster-wide", "clusterwide", "same", "own", "directory", "directories",
	"folder", "folders", "subdirs", "subdir", "ns", "everywhere", "anywhere", "nobody", "nothing", "everything", "anything", "them",
	// Words that narrow a peer or a protocol no rule reads: "the internet
	// over IPv6 only", "ping and ping6", "allow traceroute", "any subdomain
	// of example.com", "/api/ and its subpaths", "the EU region", "ICMP echo
	// reply". Dropped, the rule would be wider (or other) than said.
	// (traceroute: see account, it only narrows traffic rules.)
	"ipv4", "ipv6", "ping6", "subdomain", "subdomains", "subpath", "subpaths", "region", "regions",
	"reply", "replies",
	// Words that set the value after them apart from the rule, keep it, or
	// give it another verdict than the rule's, wherever they stand:
	// "sparing /tmp/", "aside from 10.1.0.0/16", "keeping 10.1.0.0/16 up",
	// "refusing everything from X", "killing /usr/bin/wget". Read as one
	// more value of the list, the value got the verdict it was set apart
	// from. (Words some rule reads elsewhere, "dropping", "stopping",
	// "including", "reachable", are asked about after a rule in
	// letthrough.go.)
	"sparing", "skipping", "omitting", "carving", "subtracting", "exclusive", "aside", "keeping", "available", "refusing", "killing", "rejecting",
	// Words that stress a value the rule covers, or leave the list open:
	// "(api.github.com especially)", "/usr/bin/wget et al.", "and whatnot".
	"especially", "esp", "esp.", "beneath", "underneath", "al", "al.", "whatnot")

// keepVerbs keep pods from what they would do, or away from a place: "keep
// the app=web pods from reaching X", "restrict the nginx pods from writing
// to /etc/", "bar the build pods from calling out", "keep app=web off the
// metadata endpoint", "keep the batch pods away from 10.0.0.0/8". What the
// pods are kept from is denied (see keptApart).
var keepVerbs = set("keep", "keeps", "restrict", "restricts", "limit", "limits", "bar", "bars", "stop", "stops", "prevent", "prevents", "ban", "bans",
	"lock", "locks", "shut", "shuts", "cut", "cuts", "wall", "walls", "fence", "fences")

// keepAwayVerbs keep their object away from a place, said after "off",
// "away from" or "out of": "keep X off Y", "lock X out of Y", "cut X off
// from Y", "wall X off from Y". The other keepVerbs only keep pods from
// doing something ("restrict X from writing").
var keepAwayVerbs = set("keep", "keeps", "lock", "locks", "shut", "shuts", "cut", "cuts", "wall", "walls", "fence", "fences")

// keptAct reports whether w is a verb of what pods are kept from, after
// "from": a gerund of traffic, processes or files.
func keptAct(w string) bool {
	return strings.HasSuffix(w, "ing") && (reachVerbs[w] || receiveVerbs[w] || processVerbs[w] || fileVerbs[w] || writeWords[w] ||
		w == "talking" || w == "connecting" || w == "sending" || w == "loading" || w == "mounting" || w == "spawning")
}

// keptTraffic are the traffic nouns pods are kept from, after "from":
// "restrict X from egress to Y", "bar X from ingress from Y".
var keptTraffic = set("egress", "ingress", "outbound", "inbound")

// keptApart returns, for a keep verb at i (keepVerbs), the index of the
// word that says what its object is kept from, within the ten words after
// it and before any punctuation but brackets: "from" before a gerund of
// keptAct ("restrict X from writing"), or, after keep, "off", "away from"
// or "out of" ("keep X off Y"). It returns -1 where there is none: "keep
// DNS working", "limit egress to X" keep nothing away; and where a word
// between says more than the pods ("lock down X so that nothing gets out
// of Y").
func (p *parser) keptApart(i int) int {
	if !keepVerbs[p.word(i)] {
		return -1
	}
	away := keepAwayVerbs[p.word(i)]
	for k := i + 1; k < len(p.toks) && k <= i+10; k++ {
		switch {
		case p.is(k, "from") && (keptAct(p.word(k+1)) || keptTraffic[p.word(k+1)] || p.is(k+1, "all", "any") && keptTraffic[p.word(k+2)]):
			// "restrict X from egress to Y", "keep X from all egress":
			// the traffic they are kept from is denied (finder 18, N1).
			return k
		case away && (p.is(k, "off") && !p.is(k+1, "limits") || p.is(k, "away") && p.is(k+1, "from") || p.is(k, "out") && p.is(k+1, "of")):
			return k
		case p.toks[k].kind == tPunct && !p.is(k, "(", ")"):
			return -1
		case p.is(k, "so", "that", "which", "who", "down", "up", "and", "or", "but", "unless", "except") || modals[p.word(k)] ||
			reachVerbs[p.word(k)] || receiveVerbs[p.word(k)] || allowWords[p.word(k)] || denyWords[p.word(k)]:
			// "lock down app=db so that nothing gets out of X": the words
			// between the verb and "out of" say more than the pods.
			return -1
		}
	}
	return -1
}

// keptParticle reports whether token k is the "off", "away" or "out" of a
// keep verb before it (keptApart): "keep app=web off 169.254.169.254".
func (p *parser) keptParticle(k int) bool {
	if !p.is(k, "off", "away", "out") {
		return false
	}
	for j := k - 1; j >= 0 && j >= k-10; j-- {
		if p.keptApart(j) == k {
			return true
		}
	}
	return false
}

// failWords say that what a modal governs must not succeed: "writes to
// /etc/ must fail", "any connection from app=web to X should fail".
var failWords = set("fail", "error", "bounce")

// unusableWords say that a thing is to be out of use: "make /bin/sh
// unusable in the app=nginx pods", "X must be inaccessible to Y".
var unusableWords = set("unusable", "inaccessible", "unreachable", "off-limits")

// mustFail reports whether token k is a word of failWords governed by a
// modal of obligation before it ("must fail", "should fail", "has to
// fail", "needs to fail"), or a word of unusableWords after "make", "be",
// "stay" or "remain". Not "curl fails" or "if it fails", which tell what
// happens.
func (p *parser) mustFail(k int) bool {
	switch {
	case failWords[p.word(k)]:
		return p.is(k-1, "must", "should", "shall") || p.is(k-1, "to") && p.is(k-2, "has", "have", "needs", "need", "ought")
	case unusableWords[p.word(k)]:
		return p.is(k-1, "be", "stay", "remain", "make", "made") || p.is(k-2, "make", "made") && !negationWords[p.word(k-1)]
	}
	return false
}

// subordinators open a clause of condition or time, and prepositions of
// time or measure stand beside them: "once global.network.policy.enable is
// true, connections ...", "split into about forty privileges". Where only
// its place would make it one, such a word is no workload's name
// (namewords.go: noNameHere). ("after" and "before" are not here: "Step
// 5: after the default deny, allow ..." leaves the deny to
// defaultdeny.go's reading of "after".)
var subordinators = set("if", "unless", "when", "whenever", "because", "once", "otherwise", "about", "around", "during", "upon", "despite")
