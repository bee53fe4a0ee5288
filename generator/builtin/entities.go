package builtin

import (
	"fmt"
	"slices"
	"strings"
)

// quantityWords say how many or which ones, never name pods or a
// namespace: "from another namespace", "at most two pods", "pods whose
// app label starts with check".
var quantityWords = set("another", "most", "many", "much", "few", "fewer", "several", "various", "multiple", "numerous", "more", "less", "whose",
	"two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "dozen", "dozens", "half", "whichever", "whatever", "different")

// describingWords say what pods are like, not which: "a compromised
// container", "any suspicious process".
var describingWords = set("compromised", "suspicious", "affected", "extra", "brittle", "dark", "outright", "installed", "malicious", "untrusted",
	"trusted", "legitimate", "random", "arbitrary", "unknown", "critical", "sensitive", "rogue", "infected", "hostile", "unauthorized",
	"unauthenticated", "authorized", "authenticated", "vulnerable", "risky", "dangerous", "unexpected", "unwanted", "unneeded", "unnecessary",
	"necessary", "needed", "typical", "common", "various", "several", "many", "few", "most", "some", "least", "main", "primary", "secondary",
	"target", "destination")

// describingWord reports whether w describes rather than names: a word of
// describingWords, or a participle ("installed", "dropped") without a
// hyphen or digit that names could have.
func describingWord(w string) bool {
	return describingWords[w] || len(w) > 5 && (strings.HasSuffix(w, "ed") || strings.HasSuffix(w, "ly")) && !strings.ContainsAny(w, "-_.0123456789")
}

// frameWords are words of sentence frames that never name workloads.
var frameWords = set("firewall", "firewalls", "allowed", "permitted", "restricted", "limited", "blocked", "denied", "everyone", "anyone", "everywhere", "anywhere", "traffic",
	"connections", "requests", "metrics", "data", "lookups", "lookup", "queries", "resolution", "calls", "access", "reads", "writes", "writing", "reading",
	"exposed", "public", "private", "internal", "external", "local", "remote", "outside", "inside", "itself", "themselves", "other", "others", "else",
	"same", "own", "everything", "anything", "nothing", "none", "all", "both", "either", "neither", "way", "ways", "direction", "directions", "http",
	"https", "grpc", "tls", "ssl", "mtls", "api", "kube-dns", "coredns", "dns", "ip", "ips", "address", "addresses", "hostname", "hostnames", "name", "names", "domain",
	"domains", "url", "urls", "fqdn", "fqdns", "site", "sites", "website", "websites", "label", "labels", "labeled", "labelled", "selector", "tagged",
	"running", "run", "runs", "live", "lives", "living", "deployed", "hosted", "except", "excluding", "unless", "apart", "besides", "without", "whole",
	"entire", "new", "existing", "current", "every", "each", "attacker", "attackers", "lateral", "movement", "compliance", "security", "hardening",
	"default", "least", "privilege", "zero", "trust", "reason", "reasons", "purpose", "purposes", "example", "instance", "e.g.", "i.e.", "etc", "also",
	"only", "port", "ports", "protocol", "protocols", "tcp", "udp", "sctp", "icmp", "ping", "echo", "range", "ranges", "between", "through", "thru",
	"until", "till", "from", "to", "come", "comes", "coming", "goes", "went", "flow", "flows", "updates", "update", "patches", "artifacts", "packages",
	"dependencies", "downloads", "uploads", "first", "then", "next", "finally", "afterwards", "later", "now", "covering", "spanning",
	// "adding capabilities beyond the allowed list must be disallowed": a
	// change done, said as a gerund, is no workload.
	"adding", "removing", "granting", "changing", "modifying", "escalating")

// entityWords map what people call Cilium's entities.
// inClusterThings are nouns "in-cluster" describes as a thing of the
// cluster ("in-cluster firewall rules"), where it names no peer.
var inClusterThings = set("firewall", "firewalls", "rule", "rules", "policy", "policies", "dns", "registry", "registries", "load-balancer", "proxy", "proxies", "mesh", "networking", "segmentation", "controls", "control")

func entityWord(w string) string {
	switch w {
	case "internet", "world":
		return "world"
	case "kube-apiserver", "apiserver", "api-server", "kubeapiserver":
		return "kube-apiserver"
	case "host", "hosts", "node", "nodes":
		return "host"
	case "cluster", "in-cluster":
		return "cluster"
	case "remote-node", "remote-nodes":
		return "remote-node"
	}
	return ""
}

// entityAt reads the names of Cilium's entities as people say them.
func (p *parser) entityAt(i int) (*endpoint, int) {
	w, n1, n2 := p.word(i), p.word(i+1), p.word(i+2)
	// "In our cluster only app=lb talks to app=web": where the sentence
	// is said, no peer.
	if w == "cluster" && i == 2 && p.is(0, "in") && p.is(1, "our", "my") {
		return nil, i
	}
	// "the API server pods (role=api)": pods, named like an entity.
	if k := i + 1; (w == "api" && n1 == "server" || w == "control" && n1 == "plane") && (podNouns[p.word(k+1)] || p.is(k+1, "(")) || (w == "kube-apiserver" || w == "apiserver" || w == "api-server") && (podNouns[n1] || n1 == "(") {
		return nil, i
	}
	// "the API server (role=api) accepts ... only from the API server": the
	// pods the request described by that name, not the entity.
	if w == "api" && n1 == "server" && p.labelsAfterPhraseElsewhere("api", "server") {
		return nil, i
	}
	// "api-server (app=api-server)": a workload the labels describe.
	if entityWord(w) != "" && n1 == "(" && p.labelNext(i+2) {
		return nil, i
	}
	// "the Postgres cluster (pods labeled cnpg.io/cluster=pg)", "the redis
	// cluster (app=redis)": a cluster of some software, whose pods the
	// brackets select, not the cluster entity.
	if p.softwareCluster(i) {
		return nil, i
	}
	if k := p.addressedCluster(i); k > 0 {
		p.take(i, k, "describes-address")
		if p.is(k-1, "(") && p.is(k+1, ")") {
			p.take(k+1, k+2, "describes-address")
		}
		return nil, i
	}
	// "from the node's host": the host the pods run on.
	if t := p.tok(i); t != nil && t.possessive && (w == "node" || w == "pod") && n1 == "host" && !p.taken(i+1) {
		m := p.take(i, i+2, "entity")
		return &endpoint{kind: epEntity, entities: []valueV{{"host", m}}}, i + 2
	}
	// "the other cluster's NodePorts": what belongs to it, not the entity.
	if t := p.tok(i); t != nil && t.possessive && entityWord(w) != "" {
		return nil, i
	}
	// "the NodePort range of the other cluster (10.40.0.0/16)", "our
	// other cluster, ... on 10.0.0.0/24": a cluster other than this one is
	// no in-cluster peer. Said of an address range that the clause gives,
	// it only says whose range it is.
	if w == "cluster" && p.is(i-1, "other", "another", "second", "remote", "foreign", "different", "peer", "sibling") {
		k := i - 2
		for determiners[p.word(k)] || p.is(k, "our", "their", "its") {
			k--
		}
		if p.is(k, "of") && cidrNouns[p.word(k-1)] && slices.ContainsFunc(p.toks, func(t token) bool { return t.kind == tCIDR }) && !p.taken(i-1) {
			p.take(i-1, i+1, "another-cluster")
		}
		return nil, i
	}
	ent := func(j int, names ...string) (*endpoint, int) {
		m := p.take(i, j, "entity")
		ep := &endpoint{kind: epEntity}
		for _, n := range names {
			ep.entities = append(ep.entities, valueV{n, m})
		}
		return ep, j
	}
	switch {
	case (w == "kubernetes" || w == "k8s") && (n1 == "service" || n1 == "svc") && !p.nameWord(i+2):
		// "the kubernetes service on 443", "the k8s svc": the Service
		// default/kubernetes, which is the API server.
		return ent(i+2, "kube-apiserver")
	case w == "kubernetes" && (n1 == "api" || n1 == "apiserver" || n1 == "api-server"):
		j := i + 2
		if p.is(j, "server") {
			j++
		}
		return ent(j, "kube-apiserver")
	case w == "api" && n1 == "server", w == "control" && n1 == "plane", (w == "k8s" || w == "kube") && n1 == "api":
		// "the k8s API", "the kube API server": the API server spelled
		// with Kubernetes' short names.
		j := i + 2
		if (w == "k8s" || w == "kube") && p.is(j, "server") {
			j++
		}
		if podNouns[p.word(j)] || p.is(j, "(") {
			return nil, i
		}
		return ent(j, "kube-apiserver")
	case w == "kube-api" || w == "kapi":
		j := i + 1
		if p.is(j, "server") {
			j++
		}
		if podNouns[p.word(j)] || p.is(j, "(") {
			return nil, i
		}
		return ent(j, "kube-apiserver")
	case w == "kube-apiserver" || w == "apiserver" || w == "api-server" || w == "kubeapiserver":
		return ent(i+1, "kube-apiserver")
	case (w == "anything" || w == "everything") && n1 == "at" && n2 == "all":
		// "from anything at all": every peer there is, entity all.
		return ent(i+3, "all")
	case w == "internet" || w == "world" && !p.is(i-1, "hello"):
		return ent(i+1, "world")
	case (w == "public" || w == "open") && (n1 == "internet" || n1 == "web"):
		return ent(i+2, "world")
	case w == "outside" && n1 == "world":
		return ent(i+2, "world")
	case (w == "outside" || w == "beyond") && (n1 == "the" && n2 == "cluster" || n1 == "cluster" || n1 == "of" && n2 == "the" && p.is(i+3, "cluster")):
		j := i + 2
		for p.is(j-1, "the", "of") {
			j++
		}
		if n1 == "of" {
			j = i + 4
		}
		return ent(j, "world")
	case (w == "anything" || w == "everything" || w == "anywhere" || w == "anyone" || w == "destinations" || w == "traffic" || w == "hosts" || w == "ips" || w == "addresses" || w == "endpoints") && (n1 == "outside" || n1 == "beyond") && (n2 == "the" && p.is(i+3, "cluster") || n2 == "cluster"):
		j := i + 3
		if n2 == "the" {
			j++
		}
		return ent(j, "world")
	case w == "external" && (ingressWords[n1] || egressWords[n1]) && !p.namedAfter(i):
		// "block external ingress to the pods in arr": traffic from the
		// world; the direction word stays for the direction. ("restrict
		// Keycloak's external egress to accounts.google.com and
		// www.googleapis.com": the names after it are what is external.)
		return ent(i+1, "world")
	case w == "external" && (n1 == "addresses" || n1 == "ips" || n1 == "networks" || n1 == "hosts" || n1 == "world" || n1 == "destinations" || n1 == "services" || n1 == "endpoints" || n1 == "clients" || n1 == "traffic" || n1 == "sources" || n1 == "users" || n1 == "callers" || n1 == "systems" || n1 == "internet"):
		return ent(i+2, "world")
	case (w == "any" || w == "every" || w == "each" || w == "all") && (n1 == "host" || n1 == "node" || n1 == "hosts" || n1 == "nodes") && p.is(i+2, "in", "of") && (p.is(i+3, "the") && p.is(i+4, "cluster") || p.is(i+3, "cluster")):
		j := i + 4
		if p.is(i+3, "the") {
			j++
		}
		return ent(j, "host", "remote-node")
	case (w == "any" || w == "every" || w == "each" || w == "all") && (n1 == "host" || n1 == "hosts") && p.is(i+2, "in", "within", "inside", "under", "of") && p.tok(i+3) != nil && p.toks[i+3].kind == tCIDR:
		// "every host in 192.168.0.0/16": the addresses of the range, not
		// the nodes beside it (finder 17, S3).
		p.take(i, i+3, "cidr")
		return p.cidrList(i + 3)
	case (w == "any" || w == "every" || w == "each" || w == "all") && (n1 == "host" || n1 == "hosts") && p.is(i+2, "in", "within", "inside", "under", "of") && p.tok(i+3) != nil && p.toks[i+3].kind == tDomain:
		// "every host in example.com": the names under it, the name itself
		// or both; asked.
		m := p.take(i, i+4, "entity")
		return &endpoint{kind: epEntity, entities: []valueV{{"host", m}}, ask: fmt.Sprintf("which names are %q: those under %s, or %s too? Say \"*.%s\", or \"%s and its subdomains\"", p.text(i, i+4), p.word(i+3), p.word(i+3), p.word(i+3), p.word(i+3))}, i + 4
	case (w == "host" || w == "hosts") && p.is(i+1, "on", "in") && p.internetAt(i+2) > 0:
		// "any host on the internet": the world, which the words after the
		// host say.
		return ent(p.internetAt(i+2), "world")
	case w == "hosts" && p.is(i+1, "a", "an", "that", "which", "we", "our", "the", "i.e.", "i.e", "like", "such", ":", "(", "listed", "named", "below", "it", "they"):
		// "the hosts a claude session needs, i.e. api.anthropic.com, ...":
		// hosts described, not the nodes.
		return nil, i
	case (w == "hosts" || w == "nodes") && p.is(i-1, "of") && p.is(i-2, "list", "lists", "set", "number", "group", "handful", "couple", "bunch"):
		// "only reach the allowed list of hosts": hosts the request does
		// not name, not the node the pods run on.
		return nil, i
	case (w == "host" || w == "node" || w == "hosts" || w == "nodes") && p.nodesOfARole(i):
		// "to the install nodes", "to build nodes": some of the nodes, by a
		// role no entity selects; asked about, not every node.
		return nil, i
	case (w == "host" || w == "node" || w == "hosts" || w == "nodes") && i > 0 && p.toks[i-1].kind == tLabel:
		// "on the app=web nodes, allow ingress from app=lb on 80": nodes
		// by a label, which no entity selects (read as every node, the
		// nodes were let in beside the peer); asked about, like
		// "the compliance=cmmc nodes" of a system rule.
		return nil, i
	case (w == "host" || w == "node" || w == "hosts" || w == "nodes") && p.is(i+1, "(") && podNouns[p.word(i+2)]:
		// "the runtime nodes (pods labeled role=runtime)": the brackets say
		// the nodes are pods, which they name; no entity.
		return nil, i
	case (w == "host" || w == "node") && p.nameWord(i+1) && p.is(i+2, "pod", "pods") && p.is(i+3, "(") && p.tok(i+4) != nil && p.toks[i+4].kind == tLabel:
		// "the node exporter pods (app.kubernetes.io/name=node-exporter)",
		// "the host agent pods (app=agent)": the first word of pods'
		// name, whose labels the brackets give; no entity.
		return nil, i
	case (w == "host" || w == "node") && p.tok(i+1) != nil && (nodeAgentNouns[p.word(i+1)] || p.treeHasWorkload(w+"-"+p.word(i+1))) && !p.bracketAfterName(i+2):
		// "the node exporter", "the node agent": pods named after the
		// node, not the node. Read as the host entity, the second word
		// went unread and the node was let in or denied (finder 18, N6);
		// asked. ("our node agent controller (app=x)": the brackets say
		// which pods.)
		m := p.take(i, i+2, "entity")
		return &endpoint{kind: epEntity, entities: []valueV{{"host", m}}, ask: fmt.Sprintf("which pods are %q? %q names the node; name the pods by their labels (\"the pods labeled app=%s-%s\") or by the workload's name (\"%s-%s\")", p.text(i, i+2), w, w, p.word(i+1), w, p.word(i+1))}, i + 2
	case (w == "host" || w == "node" || w == "hosts" || w == "nodes") && !p.systemRequest && !p.is(i+1, "labeled", "labelled", "with", "port", "ports", "network", "path", "paths", "directory", "filesystem", "file", "files", "range", "ranges", "subnet", "subnets", "cidr", "cidrs", "ips", "addresses", "block", "blocks", "networks") &&
		(p.is(i-1, "the", "its", "their", "this", "that", "local", "own", "each", "every", "all", "any", "other", "remote") || w == "hosts" || w == "nodes"):
		if p.is(i-1, "other", "remote") {
			if !p.taken(i - 1) {
				p.take(i-1, i, "entity") // "the host and other nodes"
			}
			return ent(i+1, "remote-node")
		}
		// "any host", "all hosts", "the hosts": the nodes, or any machine
		// anywhere (read as the nodes, "may reach any host on 443" let in
		// the nodes alone; finder 17, S3); asked. "any host in the cluster"
		// is the nodes (above), and so is "the hosts - any node in the
		// cluster -", which says which hosts.
		if (w == "host" || w == "hosts") && p.is(i-1, "every", "each", "all", "any") || w == "hosts" && p.is(i-1, "the") && !p.nodesSaidAfter(i+1) {
			m := p.take(i, i+1, "entity")
			return &endpoint{kind: epEntity, entities: []valueV{{"host", m}, {"remote-node", m}}, ask: fmt.Sprintf("which hosts are %q: the cluster's nodes, or any address? Say \"every node in the cluster\" for the nodes, or \"anywhere\" for any address", p.text(i-1, i+1))}, i + 1
		}
		// "the kubelet on every node", "all nodes": the pod's own node and
		// the others.
		if p.is(i-1, "every", "each", "all", "any") {
			return ent(i+1, "host", "remote-node")
		}
		if p.is(i+1, "it", "they") && p.is(i+2, "runs", "run", "is", "are") {
			// "the host they run on as well as the remote nodes": the
			// preposition left at the end of the clause is the host's.
			if p.is(i+3, "on") && (i+4 == len(p.toks) || p.toks[i+4].kind == tPunct || p.is(i+4, "and", "or", "as", "plus")) {
				return ent(i+4, "host")
			}
			return ent(i+3, "host")
		}
		// "app=api may only reach nodes on 10250": every node, the pod's
		// own and the others (read as the host alone, the kubelets of the
		// other nodes were shut out). "hosts" said so names machines the
		// words do not say, no entity: it is asked about (peerNoun).
		// ("their nodes", "the local hosts", "probes from the nodes": the
		// pods' own, as a determiner says.)
		// "deny egress from app=web to the nodes", "may only reach the
		// nodes on 9100": the nodes the pods reach are all of them; read as
		// the host alone, the deny left the other nodes open (finder 12,
		// S9). ("from the nodes" stays the pods' own: the kubelet's probes.)
		if w == "nodes" && p.is(i-1, "the") && (p.is(i-2, "to") || reachVerbs[p.word(i-2)]) {
			return ent(i+1, "host", "remote-node")
		}
		if !determiners[p.word(i-1)] && !p.is(i-1, "own", "local", "other", "remote", "that") {
			if w == "nodes" {
				return ent(i+1, "host", "remote-node")
			}
			if w == "hosts" {
				return nil, i
			}
		}
		return ent(i+1, "host")
	case (w == "host" || w == "node") && n1 == "network" && !p.systemRequest:
		return ent(i+2, "host")
	case w == "remote" && (n1 == "nodes" || n1 == "node" || n1 == "hosts"):
		return ent(i+2, "remote-node")
	case w == "remote-node" || w == "remote-nodes":
		return ent(i+1, "remote-node")
	case (w == "anything" || w == "everything" || w == "anyone" || w == "anybody" || w == "everyone") && p.is(i-1, "from", "to") && p.residentInCluster(i+1) > 0:
		// "from anything running inside the Kubernetes cluster", "to
		// everything that lives in the cluster": the cluster, with the
		// words that say where it runs.
		return ent(p.residentInCluster(i+1), "cluster")
	case (w == "anywhere" || w == "anything" || w == "everything" || w == "anyone" || w == "anybody") && p.is(i+1, "in", "inside", "within") && (p.is(i+2, "cluster") || p.clusterNamed(i+2) > 0):
		// "from anything inside this cluster", "anywhere within our
		// Kubernetes cluster", "everything in the whole cluster": the
		// cluster, with the words that say which.
		if p.is(i+2, "cluster") {
			return ent(i+3, "cluster")
		}
		return ent(p.clusterNamed(i+2), "cluster")
	case (w == "whole" || w == "entire") && n1 == "cluster" && p.is(i-1, "the", "this", "our") && (p.is(i-2, "from", "to", "inside", "within") || reachVerbs[p.word(i-2)]):
		// "accept traffic from the whole cluster": every pod of it, the
		// peers (not the scope of the policy).
		return ent(i+2, "cluster")
	case w == "in-cluster" && (inClusterThings[n1] || p.tok(i+1) != nil && p.toks[i+1].kind == tLabel):
		// "in-cluster firewall rules", "an in-cluster registry": a thing
		// that runs in the cluster, not every pod of it.
		return nil, i
	case w == "cluster" && !p.is(i+1, "dns", "wide", "-wide") && !p.is(i-1, "the") && !p.compoundHead(i) || w == "in-cluster" || w == "cluster" && p.is(i-1, "the") && p.is(i-2, "inside", "within", "from", "to", "in"):
		return ent(i+1, "cluster")
	case (w == "any" || w == "every" || w == "all") && (n1 == "ip" || n1 == "ips" || n1 == "address" || n1 == "addresses") && p.is(i+2, "in", "within") && p.tok(i+3) != nil && p.toks[i+3].kind == tCIDR:
		// "any IP in 0.0.0.0/0": the addresses of the range.
		p.take(i, i+3, "cidr")
		return p.cidrList(i + 3)
	case (w == "anything" || w == "anywhere" || w == "everything") && p.is(i+1, "in", "within", "inside") && p.tok(i+2) != nil && p.toks[i+2].kind == tCIDR:
		// "must not reach anything in 1.0.0.0/8": the addresses of the range.
		p.take(i, i+2, "cidr")
		return p.cidrList(i + 2)
	case (w == "anything" || w == "everything") && p.is(i-1, "from", "to") && n1 == "at" && n2 == "all":
		// "accept port 53 from anything at all": every peer, in the cluster
		// or out of it, Cilium's entity all.
		return ent(i+3, "all")
	case (w == "anyone" || w == "anywhere" || w == "everyone" || w == "anybody" || w == "everybody") && !p.everyoneInNamespace(i) || (w == "any" || w == "every" || w == "all") && (n1 == "source" || n1 == "destination" || n1 == "peer" || n1 == "client" || n1 == "clients" || n1 == "ip" || n1 == "address" || n1 == "sources" || n1 == "ips" || n1 == "addresses" || n1 == "peers"):
		j := i + 1
		if w == "any" || w == "every" || w == "all" {
			j++
		}
		p.take(i, j, "anyone")
		return &endpoint{kind: epAny}, j
	}
	return nil, i
}

// nodesSaidAfter reports whether a dash or a bracket at i opens words
// that name the nodes: "the hosts - any node in the cluster -".
func (p *parser) nodesSaidAfter(i int) bool {
	return p.is(i, "-", "(", "—", "–", ":") && p.is(i+1, "any", "every", "all", "each", "the") && p.is(i+2, "node", "nodes")
}

// internetAt returns the index after "the internet", "the public
// internet", "the world" or "the web" from i, or 0.
func (p *parser) internetAt(i int) int {
	if p.is(i, "the") {
		i++
	}
	if p.is(i, "public", "open") && p.is(i+1, "internet", "web") {
		i++
	}
	if p.is(i, "internet", "world", "web") {
		return i + 1
	}
	return 0
}

// softwareCluster reports whether "cluster" at i is a cluster of some
// software whose pods the brackets after it select: a name before it that
// is no word of the Kubernetes cluster ("the Kubernetes cluster", "the
// whole cluster", "our cluster"), and labels or a pod noun after the
// bracket: "our Cassandra cluster (pods labeled app=cassandra)".
func (p *parser) softwareCluster(i int) bool {
	if !p.is(i, "cluster") || !p.is(i+1, "(") || i == 0 {
		return false
	}
	// the brackets open with labels, or a pod noun and labels:
	// "(app=redis)", "(pods labeled app=cassandra)", "(pods with label x=y)".
	k := i + 2
	if podNouns[p.word(k)] {
		k++
		for k < len(p.toks) && k < i+6 && (labelIntros[p.word(k)] || p.is(k, "the", "label", "labels")) {
			k++
		}
	}
	if k >= len(p.toks) || p.toks[k].kind != tLabel {
		return false
	}
	t := p.toks[i-1]
	return t.kind == tWord && !determiners[t.low] && !prepositions[t.low] && !fillerWords[t.low] && !notClusterNames[t.low] && !t.possessive
}

// addressedCluster returns the index of the address after "cluster" at i
// when the cluster is one of some software that the address places: a
// name before it that is no word of the Kubernetes cluster, and "at" or a
// bracket before the address: "our linked Atlas cluster at
// 198.51.100.0/24", "the Kafka cluster (10.20.0.0/16)". The words describe
// the address. It returns 0 otherwise.
func (p *parser) addressedCluster(i int) int {
	if !p.is(i, "cluster") || i == 0 || !p.is(i+1, "at", "(") || p.tok(i+2) == nil || p.toks[i+2].kind != tCIDR {
		return 0
	}
	t := p.toks[i-1]
	if t.kind != tWord || determiners[t.low] || prepositions[t.low] || fillerWords[t.low] || notClusterNames[t.low] || t.possessive {
		return 0
	}
	return i + 2
}

// notClusterNames stand before "cluster" and name the Kubernetes cluster
// or one of its kind, never a piece of software.
var notClusterNames = set("kubernetes", "k8s", "kube", "whole", "entire", "same", "this", "that", "our", "my", "your", "their", "its", "local", "remote", "other",
	"another", "current", "cilium", "managed", "production", "prod", "staging", "dev", "test", "eks", "gke", "aks", "openshift", "k3s", "kind", "minikube")

// nodeAgentNouns after "node" or "host" make the name of pods that run on
// every node ("the node exporter", "the host agent"), not the node.
var nodeAgentNouns = set("exporter", "exporters", "agent", "agents", "daemon", "daemons", "driver", "drivers", "controller", "controllers", "operator", "operators")

// clusterNodeWords may stand before "nodes" and still mean every node of
// the cluster (or the pod's own): "the worker nodes", "the Kubernetes
// nodes", "the other nodes".
var clusterNodeWords = set("worker", "workers", "cluster", "kubernetes", "k8s", "kube", "other", "remote", "local", "own", "underlying", "host", "node",
	"control-plane", "master", "masters", "control", "plane", "agent", "agents", "same", "different", "individual", "respective", "physical", "virtual")

// nodesOfARole reports whether the node noun at i is named by a word
// before it that says which nodes, after a determiner or a preposition:
// "allow egress from app=ci to install nodes on 443" gave the host and
// remote-node entities, every node, where the words name the nodes that
// install (a node pool, machines outside the cluster). A word that says
// the cluster's nodes ("the worker nodes") is no role. A label before the
// nodes says which too ("to the compliance=cmmc nodes").
func (p *parser) nodesOfARole(i int) bool {
	if i < 2 {
		return false
	}
	t := p.toks[i-1]
	w := t.low
	// "deny egress from app=web to the compliance=cmmc nodes": a label
	// that says which nodes, which no entity selects; read as every node
	// and the label as pods' (finder 12, S9).
	if t.kind == tLabel {
		return determiners[p.word(i-2)] || prepositions[p.word(i-2)]
	}
	if p.taken(i - 1) {
		return false
	}
	if t.kind != tWord || t.possessive || determiners[w] || prepositions[w] || clusterNodeWords[w] || fillerWords[w] || entityWord(w) != "" || quantityWords[w] || describingWords[w] {
		return false
	}
	return determiners[p.word(i-2)] || prepositions[p.word(i-2)]
}

// bracketAfterName reports whether the name words from k end in a bracket:
// "node agent controller (app=x)".
func (p *parser) bracketAfterName(k int) bool {
	for n := k; n < k+3 && p.tok(n) != nil && p.toks[n].kind == tWord && !prepositions[p.word(n)]; n++ {
		k = n + 1
	}
	return p.is(k, "(")
}
