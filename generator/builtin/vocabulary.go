package builtin

// The built-in engine's vocabulary. A word in none of these sets, in a place
// where a workload belongs, is taken as a workload's name.

func set(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

var (
	denyWords  = set("block", "blocks", "blocked", "deny", "denies", "denied", "prevent", "prevents", "forbid", "forbids", "stop", "disallow", "reject", "drop", "refuse", "disable", "ban", "kill", "never", "cannot", "can't", "mustn't", "shouldn't", "won't", "don't", "dont", "doesn't", "not", "no")
	allowWords = set("allow", "allows", "allowed", "permit", "permits", "permitted", "let", "lets", "may", "can", "accept", "accepts", "enable", "open", "whitelist", "allowlist", "allow-list")
	auditWords = set("audit", "audits", "alert", "alerts", "log", "logs", "monitor", "watch", "record", "track", "flag", "report", "notify", "warn", "detect", "observe")
	isolate    = set("isolate", "isolated", "quarantine", "default-deny", "lockdown")

	ingressWords = set("ingress", "incoming", "inbound")
	egressWords  = set("egress", "outgoing", "outbound")

	// relation verbs: "X may reach Y".
	reachVerbs   = set("reach", "reaches", "reaching", "access", "accesses", "accessing", "talk", "talks", "talking", "connect", "connects", "connecting", "call", "calls", "calling", "contact", "contacting", "send", "sending", "sends", "hit", "query", "querying", "scrape", "scraping", "scrapes", "communicate", "communicating", "speak", "get", "open", "opening", "egress", "use", "using", "resolve", "resolving")
	passiveVerbs = set("accept", "accepts", "accepting", "receive", "receives", "receiving", "reached", "reachable", "accessed", "called", "contacted", "scraped", "hit")

	processVerbs = set("started", "executed", "launched", "spawned", "invoked", "ran", "run", "runs", "running", "execute", "executes", "executing", "execution", "executions", "exec", "execs", "launch", "launches", "launching", "start", "starting", "spawn", "spawning", "invoke", "invoking", "invocation", "invocations")
	processNouns = set("binary", "binaries", "executable", "executables", "program", "programs", "process", "processes", "command", "commands", "tool", "tools")
	fileVerbs    = set("touch", "touches", "touched", "access", "accesses", "accessing", "read", "reads", "reading", "write", "writes", "writing", "modify", "modifies", "modifying", "modification", "modifications", "open", "opens", "opening", "touch", "touching", "change", "changes", "changing", "edit", "edits", "editing", "delete", "deleting", "create", "creating", "tamper", "tampering", "use", "using")
	writeWords   = set("write", "writes", "writing", "modify", "modifies", "modifying", "modification", "modifications", "change", "changes", "changing", "edit", "edits", "editing", "delete", "deleting", "create", "creating", "tamper", "tampering", "read-only", "readonly")
	fileNouns    = set("file", "files", "directory", "directories", "dir", "folder", "folders", "path", "paths")
	dirNouns     = set("directory", "directories", "dir", "folder", "folders")

	podNouns      = set("pod", "pods", "workload", "workloads", "container", "containers", "app", "apps", "application", "applications", "replicas", "instances", "service", "services", "svc")
	workloadKinds = map[string]string{"deployment": "Deployment", "deployments": "Deployment", "deploy": "Deployment", "statefulset": "StatefulSet", "statefulsets": "StatefulSet", "sts": "StatefulSet", "daemonset": "DaemonSet", "daemonsets": "DaemonSet", "ds": "DaemonSet", "job": "Job", "jobs": "Job", "cronjob": "CronJob", "cronjobs": "CronJob", "pod": "Pod"}
	namespaceWord = set("namespace", "namespaces", "ns")
	labelIntro    = set("carry", "carries", "labeled", "labelled", "label", "labels", "with", "having", "matching", "carrying", "tagged", "where", "whose", "that", "which", "selected", "have", "has", "and")

	determiners = set("the", "a", "an", "all", "any", "every", "each", "its", "their", "our", "my", "this", "these", "those", "some")

	// filler words carry no meaning for the engine.
	fillers = set("please", "kindly", "should", "must", "be", "is", "are", "to", "only", "also", "just", "policy", "policies", "rule", "rules", "traffic", "connections", "connection", "requests", "request", "packets", "calls", "network", "access", "want", "need", "i", "we", "make", "sure", "ensure", "that", "so", "it", "them", "they", "allowed", "able", "permitted", "except", "but", "other", "than", "everything", "anything", "else", "way", "nothing", "and", "or", "nor", "do", "does", "will", "would", "could", "by", "via", "over", "using", "new", "opened", "initiated", "coming", "going", "out", "in", "into", "from", "for", "on", "of", "at", "within", "inside", "across", "with", "without", "any", "all", "whatever", "keep", "working", "able", "until", "further", "notice", "at", "least", "currently", "whenever", "something", "someone", "anyone", "being", "gets", "get", "when", "it", "is", "are", "was", "make", "makes", "there")

	entityWords = map[string]string{
		"internet": "world", "world": "world", "external": "world", "outside": "world", "public": "world",
		"kube-apiserver": "kube-apiserver", "apiserver": "kube-apiserver", "api-server": "kube-apiserver",
		"host": "host", "hosts": "host", "node": "host", "nodes": "host",
		"cluster": "cluster", "in-cluster": "cluster",
		"remote-node": "remote-node", "remote-nodes": "remote-node",
	}

	// knownExecutables are commands named without a path that the engine
	// takes as executables even without a verb such as "run".
	knownExecutables = set("sh", "bash", "zsh", "dash", "ash", "csh", "ksh", "fish", "nc", "ncat", "netcat", "socat", "curl", "wget", "apt", "apt-get", "aptitude", "apk", "yum", "dnf", "rpm", "dpkg", "zypper", "pip", "pip3", "npm", "yarn", "gem", "gcc", "cc", "make", "ssh", "scp", "sftp", "telnet", "ftp", "nmap", "tcpdump", "kubectl", "python", "python3", "perl", "ruby", "php", "node", "su", "sudo", "chmod", "chown", "mount", "umount", "insmod", "modprobe", "rmmod", "xmrig", "busybox", "git", "nsenter", "unshare", "chroot", "crontab", "passwd", "useradd", "ping", "dig", "nslookup", "ps", "top", "strace", "gdb", "base64", "openssl", "vi", "vim", "nano", "tar", "unzip", "docker", "crictl", "ctr", "mysql", "psql", "redis-cli", "mongo", "nohup", "setcap", "ip", "iptables", "ifconfig", "route", "awk", "sed", "find")

	methods = set("get", "head", "post", "put", "patch", "delete", "options")
)

// keyword reports whether w has a meaning to the engine (and so is no name).
func keyword(w string) bool {
	if denyWords[w] || allowWords[w] || auditWords[w] || isolate[w] || ingressWords[w] || egressWords[w] ||
		reachVerbs[w] || passiveVerbs[w] || processVerbs[w] || processNouns[w] || fileVerbs[w] || fileNouns[w] ||
		podNouns[w] || namespaceWord[w] || labelIntro[w] || determiners[w] || fillers[w] || methods[w] {
		return true
	}
	if _, ok := workloadKinds[w]; ok {
		return true
	}
	if _, ok := entityWords[w]; ok {
		return true
	}
	return extraKeywords[w]
}

var extraKeywords = set("restrict", "restricted", "limit", "limited", "confine", "cut", "off", "lack", "lacking", "carry", "look", "upload", "download", "fetch", "port", "ports", "tcp", "udp", "sctp", "icmp", "icmpv6", "ping", "pings", "echo", "type", "dns", "lookups", "lookup", "queries", "http", "https-traffic", "header", "headers", "path", "capability", "capabilities", "cap", "raw", "socket", "sockets", "protocol", "protocols", "default", "deny-all", "allow-all", "everyone", "anyone", "anywhere", "everywhere", "cluster-wide", "clusterwide", "recursively", "recursive", "subdirectories", "subdirectory", "beneath", "below", "under", "owner", "owner-only", "owners", "read-only", "readonly", "through", "thru", "until", "range", "world", "kubernetes", "if", "when", "unless", "while", "up", "down", "lock", "locked", "source", "destination", "destinations", "sources", "peer", "peers", "is", "not", "in", "as", "what", "who", "which", "there", "then", "tree", "contents", "content", "inside", "including", "include", "includes", "plus", "too", "well", "request", "requests", "egress-only", "ingress-only", "both", "directions", "direction", "way", "ways", "sure", "alone", "itself", "themselves", "except", "excluding", "exclude", "besides", "apart", "root", "user", "users", "label", "labels", "labeled", "labelled", "named", "called", "everything", "anything", "nothing", "none", "same", "own", "these", "namespaced", "selected", "matching", "match", "matches", "mode", "only", "name")
