package builtin

import (
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/kunerva/kunerva/generator"
)

// This file asks about what a program does, or is done to, that the
// system rules would read as the program itself: its children, its
// network use, the files it opens, another of its acts, a change of mode,
// a dry run, a node or a client named as a word. Each of these gave a
// KubeArmor policy about the wrong object (finder2 h25 W1-W5, W9-W11,
// W18, W19).

// spawnVerbs say a program starts another: "processes started by P",
// "shells spawned by P", "programs executed by P".
var spawnVerbs = set("started", "spawned", "launched", "forked", "executed", "created")

// spawnedNouns stand for what a program starts when they come before a
// verb of spawnVerbs: "processes started by P" (while "/bin/sh spawned
// by P" and "it's spawned by P" name the program: fromSource rules).
var spawnedNouns = set("process", "processes", "program", "programs", "shell", "shells", "everything", "anything", "binaries", "binary",
	"commands", "command", "children", "child", "subprocess", "subprocesses", "ones", "executables", "scripts", "tasks")

// programActs follow a program as what it does: "everything P starts",
// "every file P opens", "the files P writes".
var programActs = set("starts", "spawns", "launches", "forks", "opens", "writes", "reads", "touches", "changes", "modifies", "accesses", "creates")

// actObjects after an act of programActs name what it acts on, which the
// rules read: "when /usr/sbin/nginx spawns it", "/usr/bin/curl touches
// /var/run/docker.sock".
var actObjects = set("it", "them", "this", "that", "one")

// actedNouns come before "by P" as what P acts on: "files opened by P",
// "connections made by P".
var actedNouns = set("file", "files", "connections", "connection", "requests")

// actedVerbs say what P does to actedNouns: "opened by", "made by".
var actedVerbs = set("opened", "written", "touched", "changed", "modified", "accessed", "read", "made", "created", "sent")

// keptFromActs follow "block P from" as an act of the program, not a
// place it comes from: "block /usr/bin/curl from making network
// connections", "from writing to disk", "from escalating privileges".
// Read as a process rule, P could no longer run at all. ("from writing
// directly in /app/" names the files: a path after the act keeps it.)
var keptFromActs = set("making", "talking", "connecting", "opening", "sending", "uploading", "phoning", "writing", "accessing", "modifying",
	"escalating", "becoming", "loading", "exfiltrating", "downloading", "executing", "changing", "reaching", "calling", "contacting", "creating",
	"deleting", "reading", "listening", "binding", "resolving", "network", "internet")

// keptFromObjects after an act of keptFromActs are what the rules read:
// "block /usr/bin/curl from opening tcp sockets" (a protocol rule),
// "from using the net_raw capability".
var keptFromObjects = set("tcp", "udp", "icmp", "raw", "socket", "sockets", "capability", "capabilities", "syscall", "syscalls", "cap_net_raw", "net_raw")

// ownedActs follow "P's" as what P does: "/usr/bin/curl's network
// access", "/usr/bin/python3's children".
var ownedActs = set("network", "children", "child", "connections", "traffic", "internet", "files", "writes", "processes", "subprocesses")

// systemVerbs give a rule about a program: "block sh spawned by nginx".
var systemVerbs = set("block", "audit", "deny", "allow", "stop", "prevent", "forbid", "alert", "log", "kill")

// nodeNamedAt reports whether the words from k give a node a name:
// "with name worker-1", "with the name worker-1", "whose name is
// worker-1". A node's name is not always its hostname, the label kunerva
// can select it by, so it is asked about.
func nodeNamedAt(toks []token, k int) bool {
	return phraseIn(toks, k, []string{"with", "name"}) || phraseIn(toks, k, []string{"with", "the", "name"}) || phraseIn(toks, k, []string{"whose", "name", "is"}) ||
		phraseIn(toks, k, []string{"having", "name"}) || phraseIn(toks, k, []string{"with", "node", "name"}) || phraseIn(toks, k, []string{"whose", "node", "name", "is"})
}

// nodeHostnamesAt reports whether the words from k say a node's hostname
// in a way no one label reads: several ("with hostnames worker-1 and
// worker-2", "with hostname worker-1 or worker-2") or all but one ("with
// hostname not worker-1", "except worker-1"). Read as words, every node
// was selected, one hostname dropped, or "hostname" blocked as a program
// (finder 6).
func nodeHostnamesAt(toks []token, k int) bool {
	if k >= len(toks) || !slices.Contains([]string{"with", "having", "whose", "where"}, toks[k].low) {
		return false
	}
	k++
	if k < len(toks) && (toks[k].low == "the" || toks[k].low == "a") {
		k++
	}
	if k >= len(toks) || !hostnameWords[toks[k].low] && toks[k].low != "hostnames" {
		return false
	}
	plural := toks[k].low == "hostnames"
	k++
	if k < len(toks) && slices.Contains([]string{"is", "are", "=", ":", "of"}, toks[k].low) {
		k++
	}
	if k >= len(toks) {
		return false
	}
	v := toks[k].low
	return plural || negationWords[v] || slices.Contains([]string{"except", "excluding", "but", "other", "only"}, v) ||
		k+1 < len(toks) && slices.Contains([]string{"or", "and", "/"}, toks[k+1].low)
}

// modeChangeVerbs change a rule's mode: "downgrade the /bin/bash block to
// audit", "turn the audit of /bin/bash into a block".
var modeChangeVerbs = set("downgrade", "promote", "convert", "turn", "replace", "tighten", "switch", "change", "relax", "upgrade", "flip", "move")

// dryRunVerbs ask for no enforcement: "simulate blocking /bin/bash",
// "pretend to block", "preview blocking /usr/bin/curl".
var dryRunVerbs = set("simulate", "simulating", "pretend", "preview", "previewing")

// dryRunNouns after a dry-run word make it the name of a kind of place, not
// a trial: "Preview env again: deny egress ...", "the preview
// environments". After "namespace" it is the namespace's name.
var dryRunNouns = set("env", "envs", "environment", "environments", "namespace", "namespaces", "cluster", "clusters", "deployment", "deployments", "app", "apps", "branch", "branches", "build", "builds", "stack", "stacks")

// stateWordsNotNamespaces after "in" are states or modes, not namespaces: "on
// 8080 in emergencies", "in plaintext".
var stateWordsNotNamespaces = set("emergencies", "emergency", "maintenance", "bursts", "plaintext", "peak", "production-hours", "incidents")

// groupWords after "of" or "in" name a team, tenant or zone, not a
// namespace: "pods labeled app=web of team blue", "in zone a".
var groupWords = set("team", "tenant", "zone", "region", "cluster-zone", "rack")

// startDays follow "starting" as a time: "starting tomorrow", "starting
// monday".
var startDays = set("tomorrow", "today", "tonight", "next", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "noon", "midnight", "now")

// podQualifiers before pods pick some of them by a state or version no
// label says: "the v2 pods labeled app=web", "the privileged pods", "new
// pods" (finder2 W8): read as every pod with the label.
var podQualifiers = set("v1", "v2", "v3", "new", "privileged", "root", "customer-facing", "first")

// containerFunctionWords after "container" are not its name: "the
// container runtime", "container of".
var containerFunctionWords = set("of", "in", "on", "and", "or", "to", "that", "is", "are", "runtime", "image", "images", "port", "ports", "escape", "escapes", "level", "itself", "'s")

// conditionPhrases say when or how often a rule should hold, which no
// policy can: "until the migration is done", "only while deploying",
// "in case of an incident", "more than once per minute" (finder2 W7):
// read as a rule that always holds.
var conditionPhrases = [][]string{
	{"until", "the", "migration"}, {"only", "while", "deploying"}, {"only", "after", "login"}, {"only", "for", "retries"}, {"while", "the", "incident"},
	{"while", "the", "pod", "is"}, {"in", "an", "emergency", "only"}, {"in", "case", "of", "an", "incident"}, {"when", "needed"}, {"the", "first", "connection"},
	{"per", "minute"}, {"once", "per"},
	// "..., the usual stratum pool ports for the first hour", ", twice
	// each": a time or a count after the ports' description, dropped with
	// it (finder 12, S17).
	{"twice", "each"}, {"twice", "per"}, {"twice", "a"}, {"once", "each"}, {"thrice"}, {"the", "first", "hour"}, {"the", "first", "hours"},
	{"the", "first", "minute"}, {"the", "first", "minutes"}, {"the", "first", "day"}, {"the", "first", "days"}, {"the", "first", "week"}, {"the", "first", "weeks"},
	// "allow app=web to reach api.example.com on 443 in case of an
	// outage", "... as long as the cert is valid", "... for debugging
	// only", "... with encryption" (finder 14, S7: dropped, the allow held
	// always).
	{"in", "case", "of"}, {"in", "the", "event", "of"}, {"in", "the", "event", "that"}, {"as", "long", "as"}, {"so", "long", "as"}, {"provided", "that"},
	{"once", "the", "migration"}, {"once", "the", "cutover"}, {"once", "the", "rollout"}, {"after", "the", "migration"}, {"for", "debugging", "only"},
	{"only", "for", "debugging"}, {"while", "debugging"}, {"while", "on", "call"}, {"while", "on-call"}, {"when", "on", "call"}, {"when", "required"},
	{"if", "required"}, {"when", "necessary"}, {"if", "necessary"}, {"as", "needed"}, {"on", "demand"}, {"with", "encryption"}, {"only", "if", "encrypted"},
	{"when", "encrypted"},
}

// tierNouns end "in the web tier", "in the data layer": a part of the
// application no label names (finder 14, S7: "block execution of
// /usr/bin/curl in pods labeled app=nginx in the web tier" dropped it).
var tierNouns = set("tier", "layer")

// programConditions set a condition on the rule: "when P opens it", "while
// P runs".
var programConditions = set("when", "whenever", "while")

// spawnActs after "when P" say that P starts the program blocked, which
// the source rules read as fromSource: "when /usr/sbin/nginx starts it".
var spawnActs = set("starts", "spawns", "launches", "forks", "executes", "execs", "invokes")

// conditionedProgram reports the end of "when/whenever/while P VERB" at i,
// P a path, where VERB is no act of spawnActs with its object: "when
// /usr/bin/passwd opens it", "while /usr/sbin/nginx runs". The rules
// read P as a second program to block and dropped the condition (finder
// 7 S5: "Block /bin/sh in pods labeled app=nginx while /usr/sbin/nginx
// runs" blocked nginx itself), so it is asked about when a path stands
// before the condition, the rule's own. Returns -1 when
// there is none.
func conditionedProgram(toks []token, i int) int {
	if !programConditions[toks[i].low] || i+2 >= len(toks) || toks[i+1].kind != tPath || toks[i+2].kind != tWord {
		return -1
	}
	// "alert when /bin/nc runs": with no path before, P is the rule's
	// own program; "when P starts /bin/bash" names what P starts.
	// "alert whenever /etc/passwd is written": the path said again.
	other := func(t token) bool { return t.kind == tPath && t.low != toks[i+1].low }
	if !slices.ContainsFunc(toks[:i], other) || i+3 < len(toks) && toks[i+3].kind == tPath {
		return -1
	}
	v := toks[i+2].low
	if spawnActs[v] && i+3 < len(toks) && actObjects[toks[i+3].low] {
		return -1
	}
	if programActs[v] || spawnActs[v] || v == "runs" || v == "reads" || v == "accesses" || v == "uses" {
		return i + 2
	}
	return -1
}

// regionName is the shape of a cloud region: "us-east-1".
var regionName = regexp.MustCompile(`^[a-z]{2}-[a-z]+-[0-9]$`)

// programActsAsked asks about the wrong objects above. It reads tokens
// only, before any rule, so each question names the words it found.
func programActsAsked(request string, toks []token) error {
	ask := func(ex, q string) error {
		return &generator.NotUnderstoodError{Request: request, Example: ex, Missing: q}
	}
	sys := generator.ExampleSystem
	span := func(i, j int) string { return request[toks[i].start:toks[min(j, len(toks)-1)].end] }
	hasLater := func(i int, kinds ...tokenKind) bool {
		for _, t := range toks[i:] {
			for _, k := range kinds {
				if t.kind == k {
					return true
				}
			}
		}
		return false
	}
	for i, t := range toks {
		w := t.low
		next := ""
		if i+1 < len(toks) {
			next = toks[i+1].low
		}
		// W1: "processes started by P", "shells spawned by nginx": what P
		// starts, not P.
		if spawnVerbs[w] && next == "by" && i > 0 && spawnedNouns[toks[i-1].low] && i+2 < len(toks) && toks[i+2].kind == tPath {
			return ask(sys, fmt.Sprintf("%q: kunerva would block the program itself, not what it starts. Name the programs it may not start (\"block /bin/sh when started by /usr/sbin/nginx\")", span(i-1, i+2)))
		}
		if spawnVerbs[w] && next == "by" && i > 1 && systemVerbs[toks[i-2].low] && toks[i-1].kind == tWord && !spawnedNouns[toks[i-1].low] && i+2 < len(toks) && toks[i+2].kind == tWord {
			return ask(sys, fmt.Sprintf("%q: which programs are these? Give both paths (\"block /bin/sh when started by /usr/sbin/nginx\")", span(i-1, i+2)))
		}
		if (w == "children" || w == "child" || w == "descendants" || w == "subprocesses") && !(i > 0 && (toks[i-1].low == "spawning" || toks[i-1].low == "forking" || toks[i-1].low == "launching")) && hasLater(0, tPath) {
			return ask(sys, fmt.Sprintf("%q: kunerva would block the program itself, not what it starts. Name the programs it may not start (\"block /bin/sh when started by /usr/sbin/nginx\")", t.raw))
		}
		if e := conditionedProgram(toks, i); e > 0 {
			return ask(sys, fmt.Sprintf("%q: kunerva would block %s as well, not make the rule hold only then. Say \"block /bin/sh when started by %s\" for what it starts, or leave the condition out", span(i, e), toks[i+1].raw, toks[i+1].raw))
		}
		if t.kind == tPath && programActs[next] && (i+2 >= len(toks) || toks[i+2].kind != tPath && !actObjects[toks[i+2].low]) {
			return ask(sys, fmt.Sprintf("%q: kunerva would make a rule about the program's own file, not what it does. Name the files or programs (\"block /usr/bin/python3 from writing to /app/\")", span(i, i+1)))
		}
		// W3: "files opened by P", "connections made by P".
		if actedVerbs[w] && next == "by" && i > 0 && (actedNouns[toks[i-1].low] || i > 1 && actedNouns[toks[i-2].low]) && i+2 < len(toks) && toks[i+2].kind == tPath {
			return ask(sys, fmt.Sprintf("%q: kunerva would make a rule about the program's own file, not what it does. Name the files (\"block /usr/bin/python3 from writing to /app/\") or say \"block network access for %s\"", span(i-1, i+2), toks[i+2].raw))
		}
		// W2, W4: "block P from making network connections", "keep P off
		// the network", "P's network access".
		if t.kind == tPath && next == "from" && i+2 < len(toks) && (keptFromActs[toks[i+2].low] || i > 0 && systemVerbs[toks[i-1].low] && (phraseIn(toks, i+2, []string{"the", "network"}) || phraseIn(toks, i+2, []string{"the", "internet"}))) &&
			!hasLater(i+3, tPath, tCIDR, tDomain) && !slices.ContainsFunc(toks[i+3:], func(t token) bool { return keptFromObjects[t.low] }) &&
			// "prevent /usr/bin/wget from executing in ...": running it.
			!(toks[i+2].low == "executing" && (i+3 >= len(toks) || toks[i+3].kind != tWord || toks[i+3].low == "in" || toks[i+3].low == "on")) {
			return ask(sys, fmt.Sprintf("%q: kunerva would block running %s at all. Name what it may not touch: files (\"block %s from writing to /app/\") or the network (\"block network access for %s\")", span(i, i+2), t.raw, t.raw, t.raw))
		}
		owned := strings.HasPrefix(request[t.end:], "'s") && i+1 < len(toks) && ownedActs[toks[i+1].low] || strings.HasSuffix(w, "'s") && ownedActs[next]
		if t.kind == tPath && (phraseIn(toks, i+1, []string{"off", "the", "network"}) || owned) {
			return ask(sys, fmt.Sprintf("%q: kunerva would block running %s at all. Name what it may not touch: files (\"block %s from writing to /app/\") or the network (\"block network access for %s\")", span(i, min(i+3, len(toks)-1)), t.raw, t.raw, t.raw))
		}
		// W9: a change of mode, a dry run.
		if after := toks[i+1 : min(i+8, len(toks))]; modeChangeVerbs[w] && hasWord(after, "audit") && (hasWord(after, "block") || hasWord(after, "enforce") || hasWord(after, "deny")) {
			return ask(sys, fmt.Sprintf("%q changes a rule's mode: which should kunerva write, the audit or the block? Say it with one verb (\"audit /bin/bash ...\" or \"block /bin/bash ...\")", t.raw))
		}
		if dryRunVerbs[w] && !dryRunNouns[next] && !(i > 0 && toks[i-1].low == "namespace") {
			return ask(sys, fmt.Sprintf("%q: kunerva writes policies that enforce; for a trial say \"audit ...\" (KubeArmor) or apply the policy to a test namespace. Which do you want?", t.raw))
		}
		// W11: "block everything under / in pods": the root read as no
		// path, and "everything" as all traffic.
		if w == "/" && t.kind != tPath && i > 0 && (toks[i-1].low == "under" || toks[i-1].low == "on" || toks[i-1].low == "below" || toks[i-1].low == "beneath" || toks[i-1].low == "in") {
			return ask(sys, "\"/\": the whole filesystem? Say \"block writes to / and everything under it\" or name the directories")
		}
		// W5: "starting tomorrow", ".sh scripts".
		if (w == "starting" || w == "beginning" || w == "effective") && startDays[next] {
			return ask(sys, fmt.Sprintf("%q: kunerva writes policies that hold from when they are applied; apply it then, and leave the time out", span(i, i+1)))
		}
		if strings.HasPrefix(w, ".") && len(w) > 1 && (next == "scripts" || next == "files" || next == "script" || next == "file") {
			return ask(sys, fmt.Sprintf("%q: KubeArmor matches paths, not file name patterns. Name the files or the directory", span(i, i+1)))
		}
		// W6: "in emergencies", "of team blue", "in us-east-1", "the prod
		// namespace's pods", "in the main container of".
		if (w == "in" || w == "during") && (stateWordsNotNamespaces[next] || regionName.MatchString(next)) {
			return ask(generator.ExampleNetwork, fmt.Sprintf("%q is not a namespace kunerva can read: a condition or a place no policy can hold. Leave it out, or say \"in namespace X\"", span(i, i+1)))
		}
		if (w == "of" || w == "in") && groupWords[next] && i+2 < len(toks) && toks[i+2].kind == tWord {
			return ask(generator.ExampleNetwork, fmt.Sprintf("%q: is this a namespace or a label? Say \"in namespace X\" or give the label (\"team=blue\")", span(i, i+2)))
		}
		if w == "namespace's" || w == "namespace’s" || w == "namespace" && (strings.HasPrefix(request[t.end:], "'s") || strings.HasPrefix(request[t.end:], "’s")) && slices.ContainsFunc(toks[i+1:min(i+3, len(toks))], func(t token) bool { return podNouns[t.low] }) {
			return ask(sys, fmt.Sprintf("%q: kunerva reads a namespace as \"in namespace X\". Say \"in the pods labeled X in namespace Y\"", span(max(i-1, 0), i+1)))
		}
		if w == "container" && i > 1 && toks[i-2].low == "the" && next == "of" {
			return ask(sys, fmt.Sprintf("%q: kunerva writes a rule for whole pods, not one of their containers. Should it hold for every container of the pods?", span(i-1, i+1)))
		}
		// W10: "on node worker-1", "on the host named worker-1", "on node
		// with name worker-1", "the node whose name is worker-1" (finder
		// 5's S11: read as every node, the name was dropped); "on the node
		// node-1", "on the node gpu-1" (finder 14, S8: every Linux node).
		if (w == "node" || w == "nodes" || w == "host" || w == "hosts") && (next == "called" || next == "named" || nodeNamedAt(toks, i+1)) ||
			(w == "node" || w == "nodes" || w == "host" || w == "hosts") && i > 0 && (toks[i-1].low == "on" || toks[i-1].low == "the" && i > 1 && toks[i-2].low == "on" && !(i+2 < len(toks) && toks[i+2].low == "(")) && i+1 < len(toks) && toks[i+1].kind == tWord && strings.ContainsAny(next, "0123456789-") {
			return ask(sys, fmt.Sprintf("%q: kunerva selects nodes by label. Say \"on nodes labeled kubernetes.io/hostname=NAME\"", span(i, i+2)))
		}
		if (w == "node" || w == "nodes" || w == "host" || w == "hosts") && nodeHostnamesAt(toks, i+1) {
			return ask(sys, fmt.Sprintf("%q: which nodes? A KubeArmorHostPolicy selects nodes by one label: say one hostname (\"on the node with hostname worker-1\"), one policy each, or a label the nodes share", span(i, min(i+5, len(toks)-1))))
		}
		// W8: pods picked by a state, a version, a container or a
		// process: "the v2 pods labeled app=web", "pods labeled app=web
		// version v2", "the leader of", "in the container nginx", "only
		// the nginx process", "only the frontend tier".
		if podQualifiers[w] && podNouns[next] && i+2 < len(toks) && toks[i+2].low == "labeled" || w == "leader" && next == "of" && i+3 < len(toks) && toks[i+3].low == "labeled" ||
			w == "version" && i > 0 && toks[i-1].kind == tLabel || w == "hostnetwork" && i > 1 && toks[i-1].low == "with" && toks[i-2].kind == tLabel ||
			w == "that" && i > 0 && toks[i-1].kind == tLabel && (phraseIn(toks, i+1, []string{"are", "ready"}) || phraseIn(toks, i+1, []string{"have", "the", "sidecar"})) ||
			w == "container" && i > 1 && (toks[i-1].low == "the" && toks[i-2].low == "in" || toks[i-1].low == "from") && i+1 < len(toks) && toks[i+1].kind == tWord && !containerFunctionWords[next] && (i+2 >= len(toks) || toks[i+2].kind == tPunct || toks[i+2].low == "only") ||
			(w == "process" || w == "tier") && i > 3 && toks[i-2].low == "the" && toks[i-3].low == "only" && toks[i-4].low == "but" {
			return ask(sys, fmt.Sprintf("%q picks some of the pods: kunerva selects pods by label only. Which label do they have?", span(max(i-1, 0), i+1)))
		}
		// W7: a condition or a rate no policy holds.
		for _, ph := range conditionPhrases {
			if phraseIn(toks, i, ph) {
				return ask(sys, fmt.Sprintf("%q: kunerva writes policies that always hold, with no condition, time or rate. Should it hold always?", span(i, i+len(ph)-1)))
			}
		}
		if w == "in" && i+3 < len(toks) && toks[i+1].low == "the" && tierNouns[toks[i+3].low] && toks[i+2].kind == tWord {
			return ask(sys, fmt.Sprintf("which pods are %q? A policy selects pods by their labels; name them (\"pods labeled tier=%s\"), or ask without it", span(i+1, i+3), toks[i+2].low))
		}
		// "for 10% of traffic": a share of the traffic.
		if strings.HasSuffix(t.raw, "%") && next == "of" && i+2 < len(toks) && (toks[i+2].low == "traffic" || toks[i+2].low == "requests" || toks[i+2].low == "connections") {
			return ask(sys, fmt.Sprintf("%q: kunerva writes policies that always hold, for all of the traffic. Should it hold for all of it?", span(i, i+2)))
		}
		// W18: "block kubectl exec into pods", "block ssh to the nodes":
		// a client's session, not a program in the pods.
		if i > 0 && systemVerbs[toks[i-1].low] && (w == "kubectl" && (next == "exec" || next == "attach" || next == "cp") || w == "ssh" && (next == "to" || next == "into")) {
			return ask(sys, fmt.Sprintf("%q is a session from outside: kunerva cannot block it with a rule in the pods or nodes. Name the program to block there (\"block /usr/sbin/sshd\") or the traffic (\"deny ingress on 22\")", span(i, i+1)))
		}
		// W19: "block writes to D ... but allow P": P exempt from the
		// block, or the only program allowed to run?
		if w == "but" && next == "allow" && i+2 < len(toks) && toks[i+2].kind == tPath && !strings.HasSuffix(toks[i+2].low, "/") &&
			(i+3 >= len(toks) || toks[i+3].low != "to") && (hasWord(toks[:i], "writes") || hasWord(toks[:i], "write") || hasWord(toks[:i], "reads") || hasWord(toks[:i], "access")) {
			return ask(sys, fmt.Sprintf("%q: is %s exempt from the block (\"except by %s\"), or the only program allowed to run?", span(i, i+2), toks[i+2].raw, toks[i+2].raw))
		}
	}
	return nil
}
