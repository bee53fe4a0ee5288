package builtin

import (
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"unicode"

	"github.com/kunerva/kunerva/generator"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// httpRestExceptions open an exception in a clause that says which HTTP
// requests stay dropped: "POST stays blocked except for /api/v1/login".
var httpRestExceptions = set("except", "excepting", "unless", "but", "apart", "besides", "excluding", "save")

// droppedByHTTPAllow reports whether intent in only denies HTTP requests,
// with no peers or ports, that another intent's HTTP rules for the same
// server already leave out: "but prohibit all calls to GET /private" after
// "keep allowing GET /public from app2". A denied request that an allowed
// rule could match is no such case; nor are a client's (egress) rules.
func droppedByHTTPAllow(in *generator.Intent, all []*generator.Intent) bool {
	if len(in.Network) == 0 || len(in.System) > 0 || len(in.Others) > 0 {
		return false
	}
	for _, r := range in.Network {
		if r.Verdict != generator.Deny || r.Direction != generator.Ingress || len(r.HTTP) == 0 || len(r.Peers) > 0 || len(r.Ports) > 0 || len(r.DNS) > 0 {
			return false
		}
		var allowed []generator.HTTPRule
		for _, x := range all {
			if x == in || !sameSubject(x.Subject, in.Subject) {
				continue
			}
			for _, a := range x.Network {
				if a.Verdict == generator.Allow && a.Direction == r.Direction {
					if len(a.HTTP) == 0 {
						return false // an allow of every request
					}
					allowed = append(allowed, a.HTTP...)
				}
			}
		}
		if len(allowed) == 0 {
			return false
		}
		for _, d := range r.HTTP {
			if strings.ContainsAny(d.Path, "*[]()+?|{}\\^$") || len(d.Headers) > 0 {
				return false
			}
			for _, a := range allowed {
				if (a.Method == "" || d.Method == "" || strings.EqualFold(a.Method, d.Method)) && (d.Path == "" || a.Path == "" || globMatches(a.Path, d.Path)) {
					return false
				}
			}
		}
	}
	return true
}

// globMatches reports whether HTTP path glob g may match path p; a glob
// with other signs of a regular expression may match anything.
func globMatches(g, p string) bool {
	if strings.ContainsAny(g, "[]()+?|{}\\^$") {
		return true
	}
	re, err := regexp.Compile("^" + strings.ReplaceAll(regexp.QuoteMeta(g), `\*`, ".*") + "$")
	return err != nil || re.MatchString(p)
}

// onlyAudits reports whether an intent makes system rules that all audit,
// and no network rules.
func onlyAudits(in *generator.Intent) bool {
	for _, x := range append([]*generator.Intent{in}, in.Others...) {
		if len(x.Network) > 0 || len(x.System) == 0 || slices.ContainsFunc(x.System, func(r generator.SystemRule) bool { return r.Action != generator.ActionAudit }) {
			return false
		}
	}
	return true
}

// narrow folds a clause that only gives ports or HTTP rules ("- GET
// /metrics on 9102") into the one allow rule with peers of the clause
// before, about the same pods and direction; it leaves in with no rules.
// When that rule has its own ports or HTTP already, it asks.
func narrow(request string, prev, in *generator.Intent, pc, c clause) error {
	if len(in.Others) > 0 || !sameSubject(prev.Subject, in.Subject) || len(pc.toks) == 0 || len(c.toks) == 0 {
		return nil
	}
	// "... accepts 8080 from the pods of the same namespace and may send to
	// them on 8080, plus DNS lookups": each rule of ports alone is asked
	// about, as it would be on its own.
	if len(in.Network) > 1 {
		for _, r := range in.Network {
			one := *in
			one.Network = []generator.NetworkRule{r}
			if err := peersLeftOut(request, prev, &one, c); err != nil {
				return err
			}
		}
		return nil
	}
	if len(in.Network) != 1 {
		return nil
	}
	// Only a clause set off by a dash or a colon goes on with the one before.
	if sep := request[pc.toks[len(pc.toks)-1].end:c.toks[0].start]; !strings.ContainsAny(sep, ":-–—") && !butMust(sep, c.toks) {
		return peersLeftOut(request, prev, in, c)
	}
	isolateDirection(prev, in)
	r := in.Network[0]
	// "has to scrape things on the host - let it reach the node at 9100":
	// the same peers again, now with their ports, narrow the rule before.
	if r.Verdict == generator.Allow && len(r.Peers) > 0 && len(r.Ports) > 0 && len(r.HTTP) == 0 {
		for k, o := range prev.Network {
			if o.Verdict == r.Verdict && o.Direction == r.Direction && len(o.Ports) == 0 && len(o.HTTP) == 0 && sameJSON(o.Peers, r.Peers) {
				prev.Network[k].Ports = r.Ports
				prev.Origins = append(prev.Origins, ruleOrigins(in.Origins, k, ".ports")...)
				prev.Notes = append(prev.Notes, in.Notes...)
				in.Network, in.Origins = nil, nil
				return nil
			}
		}
	}
	if r.Verdict != generator.Allow || len(r.Peers) > 0 || len(r.Ports) == 0 && len(r.HTTP) == 0 || len(r.DNS) > 0 {
		return nil
	}
	for _, t := range c.toks {
		if anyoneWords[t.low] || nameLookupWords[t.low] && dnsPortsOnly(r) {
			return nil // "on 80 from anywhere", "DNS on 53" say whom
		}
	}
	k := -1
	for n, o := range prev.Network {
		if o.Verdict == generator.Allow && o.Direction == r.Direction && len(o.Peers) > 0 && len(o.DNS) == 0 && !o.Peers[0].ClusterDNS {
			if k >= 0 {
				return nil
			}
			k = n
		}
	}
	if k < 0 {
		return nil
	}
	o := &prev.Network[k]
	if len(r.Ports) > 0 && len(o.Ports) > 0 || len(r.HTTP) > 0 && len(o.HTTP) > 0 {
		return &generator.NotUnderstoodError{Request: request, Understood: append(prev.Summary(), in.Summary()...),
			Missing: fmt.Sprintf("do %s narrow the %s traffic named before, or allow them from anywhere? Say whom they are for", generator.TrafficText(nil, r.Ports), r.Direction), Example: generator.ExampleFor(prev)}
	}
	if len(r.Ports) > 0 {
		o.Ports = r.Ports
	}
	if len(r.HTTP) > 0 {
		o.HTTP = r.HTTP
	}
	prev.Origins = append(prev.Origins, ruleOrigins(in.Origins, k, ".ports", ".http")...)
	prev.Notes = append(prev.Notes, in.Notes...)
	in.Network, in.Origins = nil, nil
	return nil
}

// butMust reports whether a clause set off by "but" says, with a modal of
// need, what the traffic must use ("..., but they must communicate using
// TCP on port 80", "but it has to use 443"): the condition the rule
// before must meet, as after a dash.
func butMust(sep string, toks []token) bool {
	if !slices.Contains(strings.Fields(strings.ToLower(sep)), "but") {
		return false
	}
	// "but they must also reach port 80": more traffic, not a condition.
	if slices.ContainsFunc(toks, func(t token) bool {
		return t.low == "also" || t.low == "too" || t.low == "additionally" || t.low == "well"
	}) {
		return false
	}
	for k := 0; k < len(toks) && k <= 3; k++ {
		if toks[k].low == "must" && (k+1 >= len(toks) || toks[k+1].low != "not") || (toks[k].low == "has" || toks[k].low == "have") && k+1 < len(toks) && toks[k+1].low == "to" {
			return true
		}
	}
	return false
}

// peersLeftOut asks whom a clause of ports alone is for when the clause
// before allowed the same traffic from or to some peers only: "the app=db
// pods may only accept TCP 5432 from app=api, and also allow ICMP echo"
// may mean ICMP from app=api or from anywhere.
func peersLeftOut(request string, prev, in *generator.Intent, c clause) error {
	r := in.Network[0]
	if r.Verdict != generator.Allow || len(r.Peers) > 0 || len(r.Ports) == 0 || len(r.HTTP) > 0 || len(r.DNS) > 0 {
		return nil
	}
	for _, t := range c.toks {
		if anyoneWords[t.low] || nameLookupWords[t.low] && dnsPortsOnly(r) {
			return nil // "ICMP from anywhere", "DNS on 53" say whom
		}
	}
	for _, o := range prev.Network {
		if o.Verdict == generator.Allow && o.Direction == r.Direction && len(o.Peers) > 0 && len(o.DNS) == 0 && !o.Peers[0].ClusterDNS {
			return &generator.NotUnderstoodError{Request: request, Understood: append(prev.Summary(), in.Summary()...),
				Missing: fmt.Sprintf("is %s allowed only with the peers named before, or with anyone? Say whom it is for", strings.TrimPrefix(generator.TrafficText(nil, r.Ports), "anywhere on ")), Example: generator.ExampleFor(prev)}
		}
	}
	return nil
}

// dnsPortsOnly reports whether every port of r is 53: "DNS on 53 over UDP
// and TCP" says whom its ports are for (any DNS server).
func dnsPortsOnly(r generator.NetworkRule) bool {
	return len(r.Ports) > 0 && !slices.ContainsFunc(r.Ports, func(p generator.Port) bool { return p.Port != 53 })
}

// ruleOrigins are the origins of the given fields of a clause's one
// network rule, moved to rule k of the clause before.
func ruleOrigins(origins []generator.Origin, k int, fields ...string) []generator.Origin {
	var out []generator.Origin
	for _, o := range origins {
		rest, ok := strings.CutPrefix(o.Field, "network[0]")
		if ok && slices.ContainsFunc(fields, func(f string) bool { return strings.HasPrefix(rest, f) }) {
			o.Field = fmt.Sprintf("network[%d]%s", k, rest)
			out = append(out, o)
		}
	}
	return out
}

// anyoneWords say that a rule is for every peer.
var anyoneWords = set("any", "anyone", "anywhere", "everyone", "everybody", "anybody", "all", "everything", "anything", "world", "internet")

// onlyBesideAnyone asks when one sentence allows the pods' traffic from
// anyone on a port and another, about the same pods, says only some peers
// may have it: "In namespace shop the app=api pods accept connections on
// 8080. Only app=web may reach them on 8080." Merged, the "only" is lost
// in the allow from anywhere.
func onlyBesideAnyone(request string, x, in *generator.Intent) error {
	// "only checkout may reach payments on 8443": the word "only" before
	// the peers is in no origin, so the words are read from the start of
	// the sentence.
	saysOnly := func(y *generator.Intent) bool {
		return slices.ContainsFunc(originWords(request, y, true), func(w string) bool { return w == "only" || w == "solely" || w == "exclusively" })
	}
	overlap := func(a, b []generator.Port) bool {
		if len(a) == 0 || len(b) == 0 {
			return true
		}
		for _, p := range a {
			for _, q := range b {
				if p.Port == 0 || q.Port == 0 || p.Port <= max(q.Port, q.EndPort) && q.Port <= max(p.Port, p.EndPort) {
					return true
				}
			}
		}
		return false
	}
	// "The Kafka brokers (pods app=kafka) serve clients on 9092 and end
	// users need access. Allow 9092 from any pod in the namespaces labeled
	// kafka-client=true": a sentence that lets anyone in without saying so
	// (no peer at all, and no word of anyoneWords) beside one that names
	// the peers is the same doubt without "only" (it gave both rules, the
	// named peers' lost in the allow from anywhere).
	saysAnyone := func(y *generator.Intent) bool {
		return slices.ContainsFunc(originWords(request, y, false), func(w string) bool { return anyoneWords[w] })
	}
	for _, pair := range [][2]*generator.Intent{{x, in}, {in, x}} {
		anyone, only := pair[0], pair[1]
		implicit := !saysOnly(only)
		if saysOnly(anyone) || implicit && saysAnyone(anyone) {
			continue
		}
		for _, a := range anyone.Network {
			// "Only checkout may reach payments on 8443. Any pod may reach
			// payments on 8443" ("Payments is open to the world on 8443"):
			// beside a sentence that says "only", peers that are everyone
			// (anyonePeer) say anyone as no peer does; merged, the "only"
			// was lost (finder 12, S14).
			if a.Verdict != generator.Allow || len(a.HTTP) > 0 || len(a.Peers) > 0 && (implicit || slices.ContainsFunc(a.Peers, func(p generator.Peer) bool { return !anyonePeer(p) })) {
				continue
			}
			for _, o := range only.Network {
				// ("restrict all ingress to the team-a namespace so only
				// traffic coming from inside team-a itself is allowed": the
				// same peers said twice.)
				if o.Verdict == generator.Allow && o.Direction == a.Direction && len(o.Peers) > 0 && overlap(a.Ports, o.Ports) && (!implicit || covers(a.Ports, o.Ports)) && !sameJSON(a.Peers, o.Peers) {
					return &generator.NotUnderstoodError{Request: request, Understood: anyone.Summary(), Example: generator.ExampleFor(anyone),
						Missing: "who may have this traffic: anyone, as one sentence says, or only the peers another names? Say the rule once"}
				}
			}
		}
	}
	return nil
}

// originWords are the lower-case words of the request from the first to
// the last place the values of y came from; with sentence, from the start
// of that sentence.
func originWords(request string, y *generator.Intent, sentence bool) []string {
	start, end := len(request), 0
	for _, o := range y.Origins {
		if o.From == generator.FromRequest {
			start, end = min(start, o.Start), max(end, o.End)
		}
	}
	if start >= end {
		return nil
	}
	for sentence && start > 0 && !strings.ContainsRune(".;:!?\n", rune(request[start-1])) {
		start--
	}
	return strings.FieldsFunc(strings.ToLower(request[start:end]), func(r rune) bool { return !unicode.IsLetter(r) })
}

// anyonePeer reports whether a peer is everyone, or every pod: the world
// or every entity, 0.0.0.0/0 with nothing left out, any pod ("any pod",
// a pod selector with no labels) or every namespace (a namespace selector
// with no labels). Beside "only X may reach ...", a rule from them says
// anyone (onlyBesideAnyone).
func anyonePeer(p generator.Peer) bool {
	empty := func(s *metav1.LabelSelector) bool {
		return s != nil && len(s.MatchLabels) == 0 && len(s.MatchExpressions) == 0
	}
	switch {
	case p.Entity != "":
		return p.Entity == "world" || p.Entity == "all" || p.Entity == "cluster"
	case p.CIDR != "":
		return (p.CIDR == "0.0.0.0/0" || p.CIDR == "::/0") && len(p.Except) == 0
	case p.FQDN != "" || p.Service != "" || p.ClusterDNS:
		return false
	case p.Namespaces != nil:
		return empty(p.Namespaces) && (p.Pods == nil || empty(p.Pods))
	}
	return p.Namespace == "" && empty(p.Pods)
}

// covers reports whether ports a hold every port of b (no ports: all).
func covers(a, b []generator.Port) bool {
	if len(a) == 0 {
		return true
	}
	if len(b) == 0 {
		return false
	}
	return !slices.ContainsFunc(b, func(q generator.Port) bool {
		return !slices.ContainsFunc(a, func(p generator.Port) bool {
			return p.Name == q.Name && p.Protocol == q.Protocol && p.Port <= q.Port && max(q.Port, q.EndPort) <= max(p.Port, p.EndPort)
		})
	})
}

// notNeededVerbs say what pods need; "do not need X" is blocked as a rule.
var notNeededVerbs = set("need", "needs", "require", "requires")

// saidNotNeeded reports whether every system rule of in has its verdict
// from "not" before a verb of notNeededVerbs: "Pods labeled app=nginx do not
// need /bin/sh or /bin/bash" (a fact of the pods, read as a block).
func saidNotNeeded(request string, in *generator.Intent) bool {
	if len(in.System) == 0 || len(in.Network) > 0 {
		return false
	}
	for k := range in.System {
		field := fmt.Sprintf("system[%d].action", k)
		if !slices.ContainsFunc(in.Origins, func(o generator.Origin) bool {
			if o.Field != field || o.From != generator.FromRequest || o.End > len(request) {
				return false
			}
			next := strings.Fields(strings.ToLower(request[o.End:]))
			return len(next) > 0 && notNeededVerbs[next[0]]
		}) {
			return false
		}
	}
	return true
}

// notNeededBeyondRule asks when a sentence that the pods do not need some
// programs or files sits beside a rule, about the same pods, of only some
// of them: "Pods labeled app=nginx do not need /bin/sh or /bin/bash. Block
// /bin/sh in pods labeled app=nginx." Merged, /bin/bash was blocked from the
// fact alone; whether the rule after it leaves bash out on purpose is a
// guess. A fact that names no more than the rule is said again, and one
// that shares nothing with it is a rule of its own.
func notNeededBeyondRule(request string, x, in *generator.Intent) error {
	for _, pair := range [][2]*generator.Intent{{x, in}, {in, x}} {
		fact, rule := pair[0], pair[1]
		if !saidNotNeeded(request, fact) || saidNotNeeded(request, rule) {
			continue
		}
		shared, more := false, ""
		for _, f := range fact.System {
			if slices.ContainsFunc(rule.System, func(r generator.SystemRule) bool { return sameJSON(r, f) }) {
				shared = true
			} else if more == "" {
				more = generator.TargetText(f)
			}
		}
		if shared && more != "" {
			return &generator.NotUnderstoodError{Request: request, Understood: rule.Summary(), Example: generator.ExampleFor(rule),
				Missing: fmt.Sprintf("one sentence says the pods do not need %s, but the rule beside it leaves it out: should it be blocked too? Say the rule once, naming all it blocks", more)}
		}
	}
	return nil
}

// merge adds a clause's rules about the same pods to x, leaving out rules x
// has already ("deny from other namespaces while allowing the same
// namespace" says one rule twice).
func merge(x, in *generator.Intent) {
	netAt, sysAt := map[int]int{}, map[int]int{}
	for i, r := range in.Network {
		// "... allows TCP ports 80 through 82 ... Then X only prints 80/TCP":
		// a rule within another allows nothing more.
		if k := slices.IndexFunc(x.Network, func(o generator.NetworkRule) bool { return sameJSON(o, r) || allowWithin(r, o) }); k >= 0 {
			netAt[i] = -1
			continue
		}
		netAt[i] = len(x.Network)
		x.Network = append(x.Network, r)
	}
	for i, r := range in.System {
		if k := slices.IndexFunc(x.System, func(o generator.SystemRule) bool { return sameJSON(o, r) }); k >= 0 {
			sysAt[i] = -1
			continue
		}
		// "audit modifications of /etc/sudoers. ... audit any access to
		// /etc/sudoers": the rule of writes is within the rule of all access.
		if k := slices.IndexFunc(x.System, func(o generator.SystemRule) bool { return writesWithin(r, o) }); k >= 0 && !readsKept(in.Origins, i) {
			sysAt[i] = -1
			continue
		}
		if k := slices.IndexFunc(x.System, func(o generator.SystemRule) bool { return writesWithin(o, r) }); k >= 0 && !readsKept(x.Origins, k) {
			x.System[k] = r
			x.Origins = slices.DeleteFunc(x.Origins, func(o generator.Origin) bool { return o.Field == fmt.Sprintf("system[%d].readOnly", k) })
			sysAt[i] = k
			continue
		}
		sysAt[i] = len(x.System)
		x.System = append(x.System, r)
	}
	x.Origins = append(x.Origins, reindex(in.Origins, netAt, sysAt)...)
	x.Notes = append(x.Notes, in.Notes...)
}

// allowWithin reports whether allow rule a lets through nothing that allow
// rule b does not: the same direction and peers, ports within b's, and
// neither with HTTP or DNS rules.
func allowWithin(a, b generator.NetworkRule) bool {
	if a.Verdict != generator.Allow || b.Verdict != generator.Allow || a.Direction != b.Direction || len(a.HTTP)+len(b.HTTP)+len(a.DNS)+len(b.DNS) > 0 ||
		!sameJSON(a.Peers, b.Peers) || len(a.Ports) == 0 {
		return false
	}
	// "Only the frontend should call the orders service. The orders pods
	// accept 8080 only from app=frontend": ports said beside a rule of
	// every port may narrow it, which the union would not (unionWidens).
	if len(b.Ports) == 0 {
		return false
	}
	for _, pa := range a.Ports {
		if pa.Name != "" || pa.ICMPType != nil || !slices.ContainsFunc(b.Ports, func(pb generator.Port) bool {
			return pb.Name == "" && pb.ICMPType == nil && pb.Protocol == pa.Protocol && pb.Port <= pa.Port && max(pa.Port, pa.EndPort) <= max(pb.Port, pb.EndPort)
		}) {
			return false
		}
	}
	return true
}

// writesWithin reports whether rule a, of writes only, lies within rule b,
// the same rule of every access.
func writesWithin(a, b generator.SystemRule) bool {
	if !a.ReadOnly || b.ReadOnly {
		return false
	}
	a.ReadOnly = false
	return sameJSON(a, b)
}

// readsKept reports whether the k-th system rule of a clause is read-only
// by a word that keeps reads ("read-only", "may be read but not written"),
// not by a rule of writes alone ("block writes to X"). Such a rule does not
// lie within a rule of every access to the same path: "7.3.14 Read-only
// /etc. Block access to /etc in pods labeled app=nginx" gave a block of
// every access, reads too, that the heading lets be read. Left unmerged,
// contradiction asks which one holds.
func readsKept(origins []generator.Origin, k int) bool {
	field := fmt.Sprintf("system[%d].readOnly", k)
	return slices.ContainsFunc(origins, func(o generator.Origin) bool { return o.Field == field && o.Rule == "read-only" })
}

func sameJSON(a, b any) bool {
	ja, _ := json.Marshal(a)
	jb, _ := json.Marshal(b)
	return string(ja) == string(jb)
}

// reindex moves a clause's origins to the places its rules took in the
// merged intent (-1: left out); its subject's are the merged intent's already.
func reindex(origins []generator.Origin, netAt, sysAt map[int]int) []generator.Origin {
	return renumber(slices.DeleteFunc(slices.Clone(origins), func(o generator.Origin) bool { return strings.HasPrefix(o.Field, "subject") }), netAt, sysAt)
}

// renumber moves origins of rules to their new places (-1: left out; a
// rule with no entry stays where it is).
func renumber(origins []generator.Origin, netAt, sysAt map[int]int) []generator.Origin {
	var out []generator.Origin
	for _, o := range origins {
		for list, at := range map[string]map[int]int{"network": netAt, "system": sysAt} {
			var k int
			if _, err := fmt.Sscanf(o.Field, list+"[%d]", &k); err != nil {
				continue
			}
			if to, ok := at[k]; ok {
				o.Field = fmt.Sprintf("%s[%d]%s", list, to, o.Field[strings.IndexByte(o.Field, ']')+1:])
				if to < 0 {
					o.Field = ""
				}
			}
		}
		if o.Field != "" {
			out = append(out, o)
		}
	}
	return out
}

// subjectOriginsOf are the origins of an intent's subject, for clauses
// that take it over.
func subjectOriginsOf(in *generator.Intent) []generator.Origin {
	var out []generator.Origin
	for _, o := range in.Origins {
		if strings.HasPrefix(o.Field, "subject") {
			out = append(out, o)
		}
	}
	return out
}
