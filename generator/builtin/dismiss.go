package builtin

import (
	"fmt"
	"regexp"
	"slices"
	"strings"

	"k8s.io/apimachinery/pkg/util/validation"

	"github.com/kunerva/kunerva/generator"
)

// peerAfter reports whether a token from i on names the peer key of
// headingPeer.
func (p *parser) peerAfter(i int, key string) bool {
	for k := i; k < len(p.toks); k++ {
		if headingPeer(p.toks, k) == key {
			return true
		}
	}
	return false
}

// purposeEnd is the end of the words from i that say what something is
// for, up to a comma, a full stop or a dash: words alone, and brackets of
// words; or i if they name pods, namespaces, values or exceptions.
func (p *parser) purposeEnd(i int) int {
	j, depth := i, 0
	for ; j < len(p.toks); j++ {
		t := p.toks[j]
		switch {
		case t.low == "(":
			depth++
		case t.low == ")":
			depth--
			if depth < 0 {
				return i
			}
		case t.kind == tPunct && depth == 0:
			if j > i && depth == 0 {
				return j
			}
			return i
		case t.kind == tPunct:
		case t.kind != tWord || podNouns[t.low] || namespaceWords[t.low] || t.low == "only" || t.low == "except" || t.low == "not" || t.low == "dns" ||
			denyWords[t.low] || allowWords[t.low] || auditWords[t.low] || ingressWords[t.low] || egressWords[t.low] || entityWord(t.low) != "":
			return i
		}
	}
	if depth != 0 {
		return i
	}
	return j
}

// dismissValueNames dismisses a few words in brackets after a port or an
// address that say what it is: "9187 (the exporter)", "10.10.0.5 on 443
// (private service connect)".
func (p *parser) dismissValueNames() {
	for i := 1; i < len(p.toks); i++ {
		if k := p.toks[i-1].kind; !p.is(i, "(") || p.taken(i) || !(k == tNumber || k == tPortProto || k == tCIDR || k == tDomain) {
			continue
		}
		if j := p.valueNameEnd(i + 1); j > i+1 {
			p.take(i, j+1, "names-the-value")
			i = j
		}
	}
}

// formRemarkEnd is the index of the ")" that closes, from i after "(use",
// a remark on the form of the rule: "the cluster entity, not CIDRs",
// "entity selectors rather than ipBlocks"; or -1.
func (p *parser) formRemarkEnd(i int) int {
	form := false
	for j := i; j < len(p.toks) && j < i+10; j++ {
		switch w := p.word(j); {
		case w == ")":
			if form {
				return j
			}
			return -1
		case w == "entity" || w == "entities" || w == "selector" || w == "selectors" || w == "fqdn" || w == "fqdns":
			form = true
		case w == "the" || w == "a" || w == "an" || w == "," || w == "not" || w == "rather" || w == "than" || w == "instead" || w == "of" || w == "no" ||
			w == "cidrs" || w == "cidr" || w == "ips" || w == "ipblocks" || w == "ipblock" || w == "addresses" || w == "cluster" || w == "world" || w == "host" ||
			w == "kube-apiserver" || w == "remote-node" || w == "endpoint" || w == "dns" || w == "names" || w == "name":
		default:
			return -1
		}
	}
	return -1
}

// valueNameEnd is the index of the ")" that closes, after at most five
// words from i, a name for the value before the bracket; or i when the
// words could change what the rule means: a value, pods or namespaces, a
// protocol, an entity, a word of scope or exception, a verdict, a
// direction, a preposition that would make a peer.
func (p *parser) valueNameEnd(i int) int {
	for j := i; j < len(p.toks) && j < i+6; j++ {
		t := p.toks[j]
		w := t.low
		switch {
		case w == ")":
			return j
		case t.kind != tWord || podNouns[w] && w != "service" || namespaceWords[w] || protocolWords[w] || entityWord(w) != "" || scopeWords[w] || meaningful(t) ||
			prepositions[w] || determiners[w] && w != "the" && w != "a" && w != "an" || w == "only" || w == "except" || w == "not" || w == "dns" || w == "other" || w == "else" ||
			allowWords[w] || ingressWords[w] || egressWords[w] || hedgeWords[w] || heldBackWords[w] || temporalWords[w] || timeNames[w] || w == "too" || w == "also" ||
			disapprovalWords[w]: // "1.2.3.4 (bad)" judges the traffic (judged2)
			return i
		}
	}
	return i
}

// guidelineWords name a hardening guideline or standard a request cites.
var guidelineWords = set("stig", "cis", "nist", "benchmark", "pci-dss", "pci", "hipaa", "fedramp", "disa", "iso", "soc2", "guideline", "guidelines", "baseline")

// namespaceLockedDown asks about a lockdown said of a namespace before the
// rule of labeled pods that follows it: "Lock down egress in the payments
// namespace, and in it let app=api reach app=db on 5432", "Lock down
// egress for namespace shop: the app=web pods may only talk to app=db".
// The lockdown is every pod's of the namespace, or the pods' allow-list:
// read as the second, the namespace's lockdown was lost. Not "Lock down
// egress of the app=api pods in namespace payments: ..." (the pods first).
func (p *parser) namespaceLockedDown(in *generator.Intent) string {
	if in.Subject.Scope != generator.ScopePods || in.Subject.Pods == nil || len(in.Network) == 0 ||
		slices.ContainsFunc(in.Network, func(r generator.NetworkRule) bool { return r.Verdict == generator.Deny }) {
		return ""
	}
	// "(simulates datacenter rack isolation), a policy in namespace
	// ml-demo: ...": a lockdown word in an aside locks nothing down.
	lock := -1
	for k, c := range p.claim {
		if (c == "default-deny" || c == "allow-list-by-lockdown" || c == "allow-list-by-isolation") && !p.bracketed(k) {
			lock = k
			break
		}
	}
	if lock < 0 {
		return ""
	}
	for k := lock + 1; k < len(p.toks); k++ {
		switch p.claim[k] {
		case "endpoint":
			if !determiners[p.word(k)] {
				return "" // "the" before "payments namespace" names no pods
			}
		case "labels", "every-pod", "described-by-labels", "workload-name":
			return "" // pods named before any namespace
		case "namespace":
			e := k
			for e < len(p.toks) && p.claim[e] == "namespace" {
				e++
			}
			return fmt.Sprintf("does the lockdown of %q hold for every pod of the namespace, or only for the %s? Say \"for every pod in namespace ...\" or name the pods in the lockdown", p.text(lock, e), strings.TrimPrefix(subjectText(in.Subject), "applies to "))
		}
	}
	return ""
}

// bracketed reports whether the token at k stands inside brackets.
func (p *parser) bracketed(k int) bool {
	depth := 0
	for _, t := range p.toks[:k] {
		switch t.low {
		case "(":
			depth++
		case ")":
			depth = max(depth-1, 0)
		}
	}
	return depth > 0
}

// projectHeading asks about "project X" said as a heading, a plain word
// after "project" before a colon, comma or dash: "For project orders: the
// app=db pods ...", "In project orders, app=api may reach ...", "Project
// billing - ...". X may be an OpenShift project, the namespace the rules
// are in, or the name of a piece of work ("For project compliance, ...");
// read either way, the other reading's policy is wrong (tokens.go reads
// "in project team-b," and "the payments project" as namespaces). Not
// where the request names X as a namespace elsewhere.
func (p *parser) projectHeading() string {
	for i, t := range p.toks {
		if t.low != "project" || t.kind != tWord || t.possessive || !(i == 0 || slices.Contains(projectPlaces, p.word(i-1)) || p.is(i-1, "the") && (i == 1 || slices.Contains(projectPlaces, p.word(i-2)))) {
			continue
		}
		if i+1 >= len(p.toks) {
			continue
		}
		n := p.toks[i+1] // claimed too where the heading was dismissed
		if n.kind != tWord || len(validation.IsDNS1123Label(n.low)) != 0 || !p.is(i+2, ":", ",", "-", "—") ||
			determiners[n.low] || prepositions[n.low] || fillerWords[n.low] || meaningWords[n.low] || coordinators[n.low] || podNouns[n.low] || namespaceWords[n.low] || p.namespaceNamed(n.low) {
			continue
		}
		return fmt.Sprintf("is %q the namespace (OpenShift project) %s, or the name of a piece of work? Say \"in namespace %s\" for the first, or leave it out", p.text(i, i+2), n.low, n.low)
	}
	return ""
}

// citationEnd is the index of the comma that closes an opening "per the
// SLES 15 STIG," or "according to the CIS benchmark 5.2.1,": words and
// numbers only, one of them a guideline's; or -1.
func citationEnd(toks []token) int {
	k := 1
	switch {
	case len(toks) > 2 && toks[0].low == "per":
	case len(toks) > 3 && toks[0].low == "according" && toks[1].low == "to":
		k = 2
	default:
		return -1
	}
	cited := false
	for ; k < len(toks) && k < 9; k++ {
		t := toks[k]
		switch {
		case t.low == ",":
			if cited {
				return k
			}
			return -1
		case t.kind == tNumber || t.kind == tWord && !meaningful(t) && !podNouns[t.low] && !namespaceWords[t.low] && !prepositions[t.low] || t.kind == tWord && dottedNumber(t.low):
			cited = cited || guidelineWords[t.low]
		default:
			return -1
		}
	}
	return -1
}

// citedControlEnd is the index of the colon that closes an opening "CIS
// 4.1.14:" or "STIG V-230386 (audit the execve calls):": a guideline's
// name, a number of it, and a title in words; or -1.
func citedControlEnd(toks []token) int {
	if len(toks) < 4 || !guidelineWords[toks[0].low] || !(toks[1].kind == tNumber || dottedNumber(toks[1].low)) {
		return -1
	}
	k := 2
	if toks[k].low == "(" {
		for k++; k < len(toks) && toks[k].low != ")"; k++ {
			if toks[k].kind != tWord && toks[k].low != "," {
				return -1
			}
		}
		k++
	}
	if k < len(toks) && toks[k].low == ":" {
		return k
	}
	return -1
}

// dottedNumber reports whether w is a section number: "4.1.14", "5.2".
func dottedNumber(w string) bool {
	for _, part := range strings.Split(w, ".") {
		if !numberRE.MatchString(part) {
			return false
		}
	}
	return strings.Contains(w, ".")
}

// purposeNouns name work that traffic is for: "model pulls", "image
// downloads", "package updates".
var purposeNouns = set("pulls", "downloads", "updates", "uploads", "backups", "checks", "notifications", "syncs", "scrapes", "telemetry", "scraping", "polling", "mirroring")

// purposeWorkNouns end words that say what traffic is for, the work and
// not who does it: "on 4180 for the ext_authz requests", "on 443 for the
// GitHub OAuth token exchange and user validation", "on 6443 for leader
// election".
var purposeWorkNouns = set("requests", "exchange", "exchanges", "validation", "election", "lookups", "resolution", "replication", "probes",
	"webhooks", "callbacks", "authentication", "login", "logins", "ingestion", "streaming", "tracing", "logging", "metrics", "heartbeats", "handshakes")

// workPurpose reports whether the words [i, j) after "for" and a value say
// the work the traffic is for (see purposeWorkNouns), with no word that
// narrows it to a time or a kind ("for nightly exports", "for read-only
// queries"): dropped, such words leave the rule wider than said.
func (p *parser) workPurpose(i, j int) bool {
	if !purposeWorkNouns[p.word(j-1)] && !purposeNouns[p.word(j-1)] {
		return false
	}
	for k := i; k < j; k++ {
		if temporalWords[p.word(k)] || meaningful(p.toks[k]) || podNouns[p.word(k)] {
			return false
		}
	}
	return true
}

// techniqueNames are ATT&CK techniques whose names hold words of traffic.
var techniqueNames = [][]string{{"ingress", "tool", "transfer"}, {"escape", "to", "host"}, {"non-standard", "port"}, {"protocol", "tunneling"}, {"network", "sniffing"},
	{"exfiltration", "over", "alternative", "protocol"}, {"application", "layer", "protocol"},
	{"disable", "or", "modify", "linux", "audit", "system"}, {"disable", "or", "modify", "tools"}, {"disable", "or", "modify", "system", "firewall"},
	{"impair", "defenses"}, {"indicator", "removal"}, {"clear", "linux", "or", "mac", "system", "logs"}, {"kernel", "modules", "and", "extensions"},
	{"create", "or", "modify", "system", "process"}, {"resource", "hijacking"}, {"dynamic", "linker", "hijacking"}, {"process", "injection"}}

// techniqueRE is an ATT&CK technique, mitigation or detection id, or a
// Tracee signature's: T1548.003, M1022, TRC-1027.
var techniqueRE = regexp.MustCompile(`^(T|TA|M|DET|TRC-?|CVE-)\d`)
