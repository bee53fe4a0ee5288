package builtin

import (
	"fmt"
	"slices"

	"github.com/kunerva/kunerva/generator"
)

// assembleNetwork reads a network request: who, which direction, which peers
// and ports, allow or deny.
func (p *parser) assembleNetwork() (*generator.Intent, error) {
	clusterWide := p.claimPhrase("cluster-wide") || p.claimPhrase("clusterwide") || p.claimPhrase("in", "every", "namespace") ||
		p.claimPhrase("in", "all", "namespaces") || p.claimPhrase("across", "the", "cluster") || p.claimPhrase("for", "every", "pod", "in", "the", "cluster") ||
		p.claimPhrase("for", "all", "pods", "in", "the", "cluster") || p.claimPhrase("all", "pods", "in", "the", "cluster") || p.claimPhrase("every", "pod", "in", "the", "cluster") ||
		p.claimPhrase("for", "all", "namespaces")
	http, err := p.httpRules()
	if err != nil {
		return nil, err
	}
	dnsPatterns, wantsDNS := p.dnsRequest()
	ports := p.ports()
	groups := p.groups(p.endpoints())
	exceptAt := -1
	for i, t := range p.toks {
		if !p.used[i] && (t.low == "except" || t.low == "besides" || t.low == "apart") {
			exceptAt = i
			break
		}
	}

	verdict, err := p.verdict(len(groups) > 0, exceptAt)
	if err != nil {
		return nil, err
	}
	if verdict == "" && len(groups) == 0 && len(ports) == 0 && len(http) == 0 && !wantsDNS {
		return nil, p.refuse("I do not understand this as a security policy: I found no pods, files, processes, ports or peers, and no allow, deny, block or audit", generator.ExampleNetwork)
	}
	if verdict == "" {
		return nil, p.refuse("I do not understand what to do: say allow, only, deny, block or default deny", generator.ExampleNetwork)
	}
	var roles roles
	if wantsDNS && verdict == generator.Allow && len(groups) == 1 && groups[0].inCluster() && len(ports) == 0 && len(http) == 0 {
		// "allow dns lookups of *.example.com from the toolbox pod": the DNS rule alone.
		roles.subject = groups[0]
	} else {
		roles, err = p.roles(groups, verdict, exceptAt, clusterWide, len(ports) > 0 || len(http) > 0)
	}
	if err != nil {
		return nil, err
	}
	var subject generator.Subject
	if clusterWide {
		subject = generator.Subject{Scope: generator.ScopeCluster}
		if roles.subject != nil {
			for _, ep := range roles.subject.eps {
				if ep.pods != nil {
					subject.Pods = ep.pods
				}
			}
		}
	} else {
		if roles.subject == nil && p.fallback != nil {
			subject = *p.fallback
		} else if roles.subject == nil {
			return nil, p.refuse("which pods should this policy apply to?", generator.ExampleNetwork)
		} else if len(roles.subject.eps) != 1 {
			return nil, p.refuse(fmt.Sprintf("a policy applies to one set of pods, and %q names %d; ask once for each", roles.subject.text(), len(roles.subject.eps)), generator.ExampleNetwork)
		} else if subject, err = p.subjectFrom(roles.subject.eps[0]); err != nil {
			return nil, err
		}
	}
	p.understood = append(p.understood, "applies to "+generator.SubjectText(subject))

	var rules []generator.NetworkRule
	for _, dir := range roles.dirs {
		rule := generator.NetworkRule{Direction: dir, Verdict: verdict, HTTP: http}
		for _, g := range roles.peers {
			for _, ep := range g.eps {
				peers, err := p.peersOf(ep, subject.Namespace)
				if err != nil {
					return nil, err
				}
				rule.Peers = append(rule.Peers, peers...)
			}
		}
		rule.Ports = p.containerPorts(ports, dir, subject, rule.Peers)
		if verdict == generator.Isolate {
			rule = generator.NetworkRule{Direction: dir, Verdict: generator.Isolate}
		}
		if dir == generator.Egress && len(rule.Peers) == 0 && len(rule.Ports) == 0 && wantsDNS && verdict == generator.Allow && len(roles.peers) == 0 {
			// "allow dns for the frontend": the DNS rule alone.
			continue
		}
		rules = append(rules, rule)
	}
	egressAllow := slices.ContainsFunc(rules, func(r generator.NetworkRule) bool {
		return r.Direction == generator.Egress && r.Verdict != generator.Deny
	})
	switch {
	case wantsDNS:
		rules = append(rules, generator.DNSRule(dnsPatterns))
		p.notes = append(p.notes, "DNS lookups are allowed because the request asks for them")
	case p.opts.AllowDNS && egressAllow:
		rules = append(rules, generator.DNSRule(nil))
		p.notes = append(p.notes, generator.NoteAllowDNS)
	case egressAllow && verdict == generator.Allow && hasFQDN(rules):
		p.notes = append(p.notes, "DNS lookups are not allowed by this policy, and Cilium matches DNS names only through lookups it sees: add \"and DNS\" to the request or pass --allow-dns unless another policy allows DNS for these pods")
	case egressAllow && verdict == generator.Allow:
		p.notes = append(p.notes, "DNS lookups are not allowed by this policy: if the pods resolve names, add \"and DNS\" to the request or pass --allow-dns")
	}
	return &generator.Intent{Subject: subject, Network: rules, Notes: p.notes}, nil
}

func hasFQDN(rules []generator.NetworkRule) bool {
	for _, r := range rules {
		for _, p := range r.Peers {
			if p.FQDN != "" {
				return true
			}
		}
	}
	return false
}

// claimPhrase marks the words, in a row, as used; it reports whether they were there.
func (p *parser) claimPhrase(words ...string) bool {
	for i := range p.toks {
		ok := true
		for k, w := range words {
			if p.word(i+k) != w || p.used[i+k] {
				ok = false
				break
			}
		}
		if ok {
			for k := range words {
				p.used[i+k] = true
			}
			return true
		}
	}
	return false
}

func (p *parser) index(words ...string) int {
	for i, t := range p.toks {
		if slices.Contains(words, t.low) {
			return i
		}
	}
	return -1
}

// verdict reads allow, deny or isolate.
func (p *parser) verdict(hasPeers bool, exceptAt int) (generator.Verdict, error) {
	isolating := p.hasAny(isolate) || p.hasPhrase("default", "deny") || p.hasPhrase("lock", "down") ||
		p.hasPhrase("deny", "all") || p.hasPhrase("block", "all") || p.hasPhrase("drop", "all") || p.hasPhrase("deny", "everything") ||
		p.hasPhrase("block", "everything") || p.hasPhrase("no", "ingress") || p.hasPhrase("no", "egress") || p.hasPhrase("nothing", "may") || p.hasPhrase("nothing", "can") ||
		p.hasPhrase("deny", "any") || p.hasPhrase("block", "any") || p.hasPhrase("zero", "trust")
	isolating = isolating || p.hasPhrase("cut", "off") || p.hasPhrase("nothing", "gets") || p.hasPhrase("no", "pod") && p.has("accept", "receive", "send") ||
		p.hasPhrase("not", "receive", "any") || p.hasPhrase("not", "accept", "any") || p.hasPhrase("not", "send", "any")
	deny := p.hasAny(denyWords)
	allow := p.hasAny(allowWords) || p.has("only") || p.hasPhrase("be", "able") || p.has("restrict", "limit", "confine")
	if p.has("never") || p.hasPhrase("must", "not") || p.hasPhrase("should", "not") || p.hasPhrase("may", "not") || p.has("cannot", "can't", "mustn't", "shouldn't") {
		if !isolating {
			return generator.Deny, nil
		}
	}
	if p.hasPhrase("allow", "all") || p.hasPhrase("allow", "any") {
		isolating = false
	}
	switch {
	case isolating && exceptAt >= 0:
		return generator.Allow, nil // "deny all egress except to X": an allow-list
	case isolating:
		return generator.Isolate, nil
	case deny && (p.hasPhrase("don't", "let") || p.hasPhrase("do", "not", "let") || p.hasPhrase("not", "allowed") || p.hasPhrase("never", "let") || !allow):
		return generator.Deny, nil
	case deny && allow:
		// "only X may reach Y, block everything else" reads as an allow-list.
		if p.has("only") && (p.has("else") || p.has("other", "others")) {
			return generator.Allow, nil
		}
		if p.hasPhrase("should", "not") || p.hasPhrase("must", "not") || p.hasPhrase("may", "not") || p.hasPhrase("can", "not") || p.has("cannot", "can't", "mustn't", "shouldn't") {
			return generator.Deny, nil
		}
		return "", p.refuse("the request both allows and denies: it contradicts itself, or needs two policies; ask once for each", generator.ExampleNetwork)
	case allow:
		return generator.Allow, nil
	case p.hasAny(auditWords):
		return "", p.refuse("network policies cannot audit traffic, only allow or deny it (KubeArmor audits processes and files)", generator.ExampleNetwork)
	}
	return "", nil
}

// peersOf turns a peer endpoint into intent peers.
func (p *parser) peersOf(ep *endpoint, subjectNS string) ([]generator.Peer, error) {
	switch ep.kind {
	case epCIDR:
		return ep.cidrs, nil
	case epFQDN:
		var out []generator.Peer
		for _, f := range ep.fqdns {
			out = append(out, generator.Peer{FQDN: f, Name: f})
		}
		return out, nil
	case epEntity:
		return []generator.Peer{{Entity: ep.entity, Name: ep.entity}}, nil
	case epAny:
		return nil, nil
	case epPods, epNamespace, epService:
		peer, err := p.resolve(ep, subjectNS)
		if err != nil {
			return nil, err
		}
		if peer.Namespace == subjectNS {
			peer.Namespace = ""
		}
		return []generator.Peer{peer}, nil
	}
	return nil, p.refuse("I cannot use "+quote(ep.text)+" as a peer", generator.ExampleNetwork)
}
