package builtin

import (
	"slices"
	"strings"

	"github.com/kunerva/kunerva/generator"
)

// portSentenceWords may stand beside the ports in a sentence of ports
// alone: "Port 8000.", "Everything is on port 9080.", "All of it on
// 8080/TCP.", "only on 443 tho".
var portSentenceWords = set("everything", "all", "of", "it", "it's", "is", "are", "on", "at", "runs", "run", "listens", "listen", "served", "the", "and", "or", "both", "them", "they", "everything's", "only", "just",
	"tho", "though", "too", "pls", "please", "plz")

// portsSaid returns the ports of clause c when it says nothing else.
func portsSaid(request string, c clause, opts generator.Options) ([]portV, bool) {
	p := newParser(request, c, opts)
	ports := p.ports()
	if len(ports) == 0 {
		return nil, false
	}
	p.dismissValueNames()
	for i, t := range p.toks {
		if !p.taken(i) && t.kind != tPunct && !portSentenceWords[t.low] {
			return nil, false
		}
	}
	return ports, true
}

// portSentence gives the ports of a sentence of ports alone to every allow
// rule of the intents before it that has neither ports nor DNS rules, and
// reports whether there was one.
func portSentence(ports []portV, before []*generator.Intent, errs []error) bool {
	type at struct{ in, rule int }
	var open []at
	for n, in := range before {
		if errs[n] != nil {
			return false
		}
		for k, r := range in.Network {
			if r.Verdict == generator.Allow && len(r.Ports) == 0 && len(r.DNS) == 0 && !slices.ContainsFunc(r.Peers, func(p generator.Peer) bool { return p.ClusterDNS }) {
				open = append(open, at{n, k})
			}
		}
	}
	if len(open) == 0 {
		return false
	}
	for _, o := range open {
		in := before[o.in]
		for _, pv := range ports {
			in.Origins = append(in.Origins, rebase(fieldf("network[%d].ports[%d]", o.rule, len(in.Network[o.rule].Ports)), pv.origins)...)
			in.Network[o.rule].Ports = append(in.Network[o.rule].Ports, pv.port)
		}
	}
	return true
}

// pointerNouns are what a rule calls values named in the sentence before
// it, whether the word is plural, and the kind of the values: "that file",
// "those three files", "that address".
var pointerNouns = map[string]struct {
	plural bool
	kind   tokenKind
}{
	"file": {false, tPath}, "files": {true, tPath}, "directory": {false, tPath}, "directories": {true, tPath}, "dir": {false, tPath}, "dirs": {true, tPath},
	"folder": {false, tPath}, "folders": {true, tPath}, "path": {false, tPath}, "paths": {true, tPath}, "key": {false, tPath}, "keys": {true, tPath},
	"socket": {false, tPath}, "sockets": {true, tPath},
	"address": {false, tCIDR}, "addresses": {true, tCIDR}, "ip": {false, tCIDR}, "ips": {true, tCIDR}, "range": {false, tCIDR}, "ranges": {true, tCIDR},
	"subnet": {false, tCIDR}, "subnets": {true, tCIDR},
	"domain": {false, tDomain}, "domains": {true, tDomain}, "hostname": {false, tDomain}, "hostnames": {true, tDomain},
}

// podWords name pods in a sentence of values: it must not, since the
// rule after it takes nothing else from it.
var podWords = set("pod", "pods", "workload", "workloads", "container", "containers", "replicas", "instances", "deployment", "deployments", "daemonset",
	"daemonsets", "statefulset", "statefulsets")

// pointerCounts are the numbers a pointer may give: "those three files".
var pointerCounts = map[string]int{"two": 2, "three": 3, "four": 4, "five": 5, "2": 2, "3": 3, "4": 4, "5": 5}

// pointedValues reads a sentence that only names values, one list of
// paths, addresses or DNS names and no rule ("Root key insertion into
// /root/.ssh/authorized_keys is critical persistence.", "There is a
// metadata server at 1.1.1.1."), and the sentence after it, whose rule
// points at them ("Audit any access to that file on every node", "make
// that directory read-only", "those three files", "that address"; "it"
// only after "There is ..." and a verb or preposition of traffic, "must
// not be able to reach it"): it returns the rule with the values where
// the pointer stands, their spans still the first sentence's. The pointer
// must agree with the list: its kind, one value for "that file", as many
// as "those three files" says, directories (ending in /) for "that
// directory" and no directory for "that file". The first sentence names
// no pods, no other value and no verdict but one of the rule's own kind
// ("the main files to monitor: ...; audit any access to those three
// files"), and makes no rule read alone.
func pointedValues(request string, a, b clause, opts generator.Options) (clause, bool) {
	if len(a.toks) == 0 || a.dismissed != "" || !strings.HasPrefix(request[a.toks[len(a.toks)-1].end:], ".") {
		return clause{}, false
	}
	existential := len(a.toks) > 2 && a.toks[0].low == "there" && (a.toks[1].low == "is" || a.toks[1].low == "are") || a.toks[0].low == "there's"
	// The pointer in the rule.
	at, end, plural, count, kind, noun := -1, -1, false, 0, tWord, ""
	for k := 0; k < len(b.toks); k++ {
		w := b.toks[k].low
		if w == "it" && existential && k > 0 && (reachVerbs[b.toks[k-1].low] || b.toks[k-1].low == "to" || b.toks[k-1].low == "from") {
			if at >= 0 {
				return clause{}, false
			}
			at, end, plural, kind, noun = k, k+1, false, tWord, "it"
			continue
		}
		if w != "that" && w != "this" && w != "those" && w != "these" && w != "both" || k+1 >= len(b.toks) {
			continue
		}
		n := k + 1
		if c, ok := pointerCounts[b.toks[n].low]; ok {
			count, n = c, n+1
		}
		if n >= len(b.toks) {
			break
		}
		pn, ok := pointerNouns[b.toks[n].low]
		if !ok {
			continue
		}
		if at >= 0 {
			return clause{}, false // two pointers
		}
		at, end, plural, kind, noun = k, n+1, pn.plural, pn.kind, b.toks[n].low
		if w == "both" {
			count = 2
		}
	}
	if at < 0 {
		return clause{}, false
	}
	dirs := strings.HasPrefix(noun, "dir") || strings.HasPrefix(noun, "folder")
	verdict := func(t token) string {
		switch {
		case auditWords[t.low]:
			return "audit"
		case denyWords[t.low] || isolateWords[t.low] || restrictionWords[t.low] || t.low == "only" || t.low == "except":
			return "deny"
		case allowWords[t.low]:
			return "allow"
		}
		return ""
	}
	// The values of the first sentence: one list, nothing else of value.
	first, last := -1, -1
	for k, t := range a.toks {
		switch {
		case t.kind == tPath || t.kind == tCIDR || t.kind == tDomain:
			if kind == tWord {
				kind = t.kind // "it": the one value named
			}
			if t.kind != kind {
				return clause{}, false
			}
			if last >= 0 && last < k-1 {
				for _, u := range a.toks[last+1 : k] {
					if u.low != "," && u.low != "and" && u.low != "or" {
						return clause{}, false // two lists
					}
				}
			}
			if first < 0 {
				first = k
			}
			last = k
		case t.kind == tNumber && k > 0 && (a.toks[k-1].low == "permissions" || a.toks[k-1].low == "mode" || a.toks[k-1].low == "chmod"):
			// "Permissions 0644 for /home/git/.ssh/id_rsa": the file's mode.
		case t.kind != tWord && t.kind != tPunct, podWords[t.low], namespaceWords[t.low]:
			return clause{}, false
		case t.low == "open" && k > 0 && a.toks[k-1].low == "too":
			// "are too open": said of the file's permissions.
		case verdict(t) != "":
			if !slices.ContainsFunc(b.toks, func(u token) bool { return verdict(u) == verdict(t) }) {
				return clause{}, false
			}
		}
	}
	if first < 0 {
		return clause{}, false
	}
	values := 0
	for _, t := range a.toks[first : last+1] {
		if t.kind != kind {
			continue
		}
		values++
		if kind == tPath && strings.HasSuffix(t.low, "/") != dirs {
			return clause{}, false
		}
	}
	if !plural && values != 1 || plural && values < 2 || count > 0 && values != count {
		return clause{}, false
	}
	// Read alone, the first sentence makes no rule.
	if _, err := parseClause(request, a, opts, nil, nil); err == nil {
		return clause{}, false
	}
	rule := b
	rule.toks = slices.Concat(b.toks[:at], a.toks[first:last+1], b.toks[end:])
	return rule, true
}

// staysWritable reports whether a clause only says that paths the
// read-only rules beside it leave alone stay writable: "... are read-only.
// /tmp and /var/run stay writable.", "Can I make /opt/project/src/
// read-only ...? /opt/project/build/ has to stay writable." Paths alone,
// then "stay(s)" or "remain(s)", or "has to", "must", "should" or "needs
// to" with "stay", "remain" or "be", and "writable". Every rule beside it
// blocks writes alone (read-only, no source), and none is about one of the
// paths, above it or below it: a writable path inside a read-only
// directory is an exception KubeArmor cannot leave out, and stays a
// question.
func staysWritable(toks []token, ruled []*generator.Intent) bool {
	k := 0
	for k < len(toks) && (toks[k].low == "but" || toks[k].low == "and" || toks[k].low == "while" || toks[k].low == "whereas") {
		k++
	}
	var paths []string
	for k < len(toks) && (toks[k].kind == tPath || toks[k].low == "," || toks[k].low == "and") {
		if toks[k].kind == tPath {
			paths = append(paths, toks[k].low)
		}
		k++
	}
	if len(paths) == 0 || k >= len(toks) {
		return false
	}
	switch w := toks[k].low; {
	case w == "stays" || w == "stay" || w == "remains" || w == "remain":
		k++
	case k+1 < len(toks) && (w == "has" || w == "have" || w == "needs" || w == "need") && toks[k+1].low == "to":
		k += 2
		if k < len(toks) && toks[k].low == "still" {
			k++
		}
		if k >= len(toks) || toks[k].low != "stay" && toks[k].low != "remain" && toks[k].low != "be" {
			return false
		}
		k++
	case w == "must" || w == "should":
		k++
		if k < len(toks) && toks[k].low == "still" {
			k++
		}
		if k >= len(toks) || toks[k].low != "stay" && toks[k].low != "remain" && toks[k].low != "be" {
			return false
		}
		k++
	default:
		return false
	}
	if k < len(toks) && toks[k].low == "still" {
		k++
	}
	if k >= len(toks) || toks[k].low != "writable" && toks[k].low != "writeable" || slices.ContainsFunc(toks[k+1:], func(t token) bool { return t.kind != tPunct }) {
		return false
	}
	rules := 0
	for _, in := range ruled {
		for _, x := range append([]*generator.Intent{in}, in.Others...) {
			if len(x.Network) > 0 {
				return false
			}
			for _, r := range x.System {
				if !r.ReadOnly || r.Action != generator.ActionBlock || len(r.FromSource) > 0 {
					return false
				}
				rules++
				for _, p := range paths {
					for _, v := range []string{r.Path, r.Dir} {
						d := strings.TrimSuffix(p, "/") + "/"
						if v != "" && (v == p || strings.HasPrefix(v, d) || strings.HasPrefix(p, v) && strings.HasSuffix(v, "/") || strings.TrimSuffix(v, "/") == strings.TrimSuffix(p, "/")) {
							return false
						}
					}
				}
			}
		}
	}
	return rules > 0
}

// allowsThem reports whether a clause allows traffic of pods it names by
// a pronoun, and denies nothing: "allow egress from them to 1.1.1.1",
// "allow its egress to *.example.com on 443".
func allowsThem(toks []token) bool {
	allow, them := false, false
	for _, t := range toks {
		switch {
		case denyWords[t.low] || isolateWords[t.low] || auditWords[t.low] || t.low == "only" || t.low == "except":
			return false
		case t.low == "allow" || t.low == "let" || t.low == "permit":
			allow = true
		case t.low == "them" || t.low == "its" || t.low == "their" || t.low == "they" || t.low == "it":
			them = true
		}
	}
	return allow && them
}
