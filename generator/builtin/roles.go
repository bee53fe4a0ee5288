package builtin

import (
	"fmt"
	"slices"
	"strings"

	"github.com/kunerva/kunerva/generator"
)

// group is endpoints joined by "and", "or" or commas, sharing one preposition.
type group struct {
	eps  []*endpoint
	prep string
}

func (g *group) text() string {
	var parts []string
	for _, e := range g.eps {
		parts = append(parts, e.text)
	}
	return strings.Join(parts, " and ")
}

func (g *group) all(f func(*endpoint) bool) bool {
	for _, e := range g.eps {
		if !f(e) {
			return false
		}
	}
	return true
}

func (g *group) inCluster() bool { return g.all((*endpoint).inCluster) }
func (g *group) external() bool {
	return g.all(func(e *endpoint) bool { return e.external() || e.kind == epAny })
}

func (p *parser) groups(eps []*endpoint) []*group {
	var out []*group
	for i, ep := range eps {
		if i > 0 && p.onlyJoiners(eps[i-1].end, ep.start) && ep.prep == "" {
			g := out[len(out)-1]
			g.eps = append(g.eps, ep)
			continue
		}
		out = append(out, &group{eps: []*endpoint{ep}, prep: ep.prep})
	}
	return out
}

func (p *parser) onlyJoiners(from, to int) bool {
	if from >= to {
		return false
	}
	for k := from; k < to; k++ {
		if !p.is(k, "and", "or", ",", "either", "also", "the", "any", "all") {
			return false
		}
	}
	return true
}

type roles struct {
	subject *group
	peers   []*group
	dirs    []generator.Direction
}

// roles decides which group is the subject and which are peers, and the direction.
func (p *parser) roles(groups []*group, verdict generator.Verdict, exceptAt int, clusterWide, hasPorts bool) (roles, error) {
	var r roles
	dir := p.explicitDirection()
	// A namespace "in"-group next to other endpoints sets the context only.
	if len(groups) > 1 {
		for i, g := range groups {
			if (g.prep == "in" || g.prep == "within") && len(g.eps) == 1 && g.eps[0].kind == epNamespace && g.eps[0].namespace != "" {
				ctx := g.eps[0].namespace
				rest := slices.Delete(slices.Clone(groups), i, i+1)
				for _, o := range rest {
					for _, e := range o.eps {
						if e.kind == epPods && e.namespace == "" {
							e.namespace = ctx
						}
					}
				}
				if p.opts.Namespace == "" {
					p.opts.Namespace = ctx
				}
				groups = rest
				break
			}
		}
	}
	// Isolation: one subject, direction from the words or the preposition.
	if verdict == generator.Isolate {
		for _, g := range groups {
			if g.inCluster() {
				r.subject = g
				break
			}
		}
		switch {
		case len(dir) > 0:
			r.dirs = dir
		case p.has("receive", "accept", "gets") && !p.has("send", "out"):
			r.dirs = []generator.Direction{generator.Ingress}
		case p.has("send") && !p.has("receive", "accept"):
			r.dirs = []generator.Direction{generator.Egress}
		case r.subject != nil && r.subject.prep == "to" || p.has("incoming"):
			r.dirs = []generator.Direction{generator.Ingress}
		case r.subject != nil && r.subject.prep == "from":
			r.dirs = []generator.Direction{generator.Egress}
		default:
			r.dirs = []generator.Direction{generator.Ingress, generator.Egress}
		}
		if len(groups) > 1 {
			return r, p.refuse("default deny takes no peers; to allow some, say \"deny all ingress to X except from Y\"", "default deny ingress in namespace shop")
		}
		if clusterWide && r.subject == nil {
			return r, nil
		}
		if r.subject == nil && len(groups) == 0 {
			r.subject = &group{eps: []*endpoint{{kind: epNamespace, namespace: p.opts.Namespace, text: "namespace " + p.defaultNamespace()}}}
			if p.opts.Namespace == "" {
				return r, p.refuse("which namespace or pods should default deny apply to?", "default deny ingress in namespace shop")
			}
		}
		return r, nil
	}
	// An allow-list built as "deny all ... except ...": peers after "except".
	if exceptAt >= 0 {
		var before, after []*group
		for _, g := range groups {
			if g.eps[0].start > exceptAt {
				after = append(after, g)
			} else {
				before = append(before, g)
			}
		}
		if len(before) == 1 && len(after) > 0 && len(dir) == 1 {
			return roles{subject: before[0], peers: after, dirs: dir}, nil
		}
	}
	if len(dir) == 1 {
		return p.explicitRoles(groups, dir[0], clusterWide)
	}
	if len(dir) > 1 {
		return r, p.refuse("the request names both ingress and egress; ask once for each direction", generator.ExampleNetwork)
	}
	return p.verbRoles(groups, hasPorts)
}

func (p *parser) explicitDirection() []generator.Direction {
	var dirs []generator.Direction
	if p.hasAny(ingressWords) {
		dirs = append(dirs, generator.Ingress)
	}
	if p.hasAny(egressWords) {
		dirs = append(dirs, generator.Egress)
	}
	return dirs
}

func (p *parser) explicitRoles(groups []*group, dir generator.Direction, clusterWide bool) (roles, error) {
	r := roles{dirs: []generator.Direction{dir}}
	peerPreps := []string{"from", "by"}
	if dir == generator.Egress {
		peerPreps = []string{"to", "towards", "toward", "into", "at"}
	}
	var subjects []*group
	for _, g := range groups {
		switch {
		case slices.Contains(peerPreps, g.prep):
			r.peers = append(r.peers, g)
		case g.inCluster():
			subjects = append(subjects, g)
		case g.eps[0].kind == epAny:
			// "from anywhere": no peer restriction
		default:
			r.peers = append(r.peers, g)
		}
	}
	switch {
	case len(subjects) == 1:
		r.subject = subjects[0]
	case len(subjects) > 1:
		return r, p.refuse(fmt.Sprintf("I cannot tell which of %s the policy is for", textsOf(subjects)), generator.ExampleNetwork)
	case !clusterWide && p.opts.Namespace != "":
		r.subject = &group{eps: []*endpoint{{kind: epNamespace, namespace: p.opts.Namespace, text: "namespace " + p.opts.Namespace}}}
	}
	return r, nil
}

// verbRoles reads "X may reach Y", "only X may reach Y", "X may only reach Y",
// "block X from reaching Y", "Y accepts traffic from X", "traffic from X to Y".
func (p *parser) verbRoles(groups []*group, hasPorts bool) (roles, error) {
	verbAt, passive := -1, false
	for i, t := range p.toks {
		if p.used[i] {
			continue
		}
		if passiveVerbs[t.low] && !(t.low == "hit" && i > 0) {
			verbAt, passive = i, true
			break
		}
		if reachVerbs[t.low] {
			verbAt = i
			break
		}
	}
	if verbAt < 0 {
		verbAt = p.index("ping", "pings", "upload", "download", "fetch", "push", "pull")
	}
	var sources, dests []*group
	for _, g := range groups {
		switch {
		case g.prep == "from" && !(verbAt >= 0 && g.eps[0].start < verbAt && strings.HasSuffix(p.word(g.eps[0].end), "ing")):
			sources = append(sources, g)
		case g.prep == "to" || g.prep == "towards" || g.prep == "into":
			dests = append(dests, g)
		case verbAt >= 0 && g.eps[0].start < verbAt:
			sources = append(sources, g)
		case verbAt >= 0:
			dests = append(dests, g)
		case g.prep == "on" || g.prep == "at":
			dests = append(dests, g)
		case g.prep == "for" || g.prep == "of" || g.prep == "in":
			// "for the toolbox pod": the subject, but which way?
			return roles{}, p.refuse(fmt.Sprintf("I cannot tell the direction for %s: say \"to\" or \"from\", ingress or egress", quote(g.text())), "allow egress from the toolbox pod to 10.20.0.0/16")
		default:
			sources = append(sources, g)
		}
	}
	if passive {
		// "Y accepts traffic from X": Y is the destination.
		var from []*group
		for _, g := range sources {
			if g.prep == "from" || g.prep == "by" {
				from = append(from, g)
			} else {
				dests = append(dests, g)
			}
		}
		for _, g := range dests {
			if g.prep == "from" || g.prep == "by" {
				from = append(from, g)
			}
		}
		var to []*group
		for _, g := range dests {
			if g.prep != "from" && g.prep != "by" {
				to = append(to, g)
			}
		}
		sources, dests = from, to
	}
	onlySource := verbAt > 0 && len(sources) == 1 && p.onlyBetween(sources[0].eps[len(sources[0].eps)-1].end, verbAt) ||
		p.has("restrict", "limit", "confine") && len(sources) == 1 ||
		p.continues && len(sources) == 1
	switch {
	case onlySource && !passive:
		if !sources[0].inCluster() {
			return roles{}, p.refuse(fmt.Sprintf("%s is not pods in the cluster, so no policy can restrict where it goes", sources[0].text()), generator.ExampleNetwork)
		}
		return roles{subject: sources[0], peers: dests, dirs: []generator.Direction{generator.Egress}}, nil
	case len(dests) == 1 && dests[0].inCluster():
		if len(dests[0].eps) > 1 && len(sources) == 1 && sources[0].inCluster() {
			return roles{}, p.refuse(fmt.Sprintf("%q names several destinations: ask once for each, or say \"%s may only reach ...\" for an egress allow-list", dests[0].text(), sources[0].text()), generator.ExampleNetwork)
		}
		return roles{subject: dests[0], peers: anyPeers(sources), dirs: []generator.Direction{generator.Ingress}}, nil
	case len(dests) > 0 && allGroups(dests, (*group).external):
		if len(sources) != 1 {
			return roles{}, p.refuse(fmt.Sprintf("which pods should reach %s?", textsOf(dests)), "allow the frontend pods to reach 10.0.0.0/8 on port 443")
		}
		return roles{subject: sources[0], peers: dests, dirs: []generator.Direction{generator.Egress}}, nil
	case len(dests) == 0 && len(sources) == 1 && sources[0].inCluster() && (sources[0].prep == "on" || sources[0].prep == "to" || sources[0].prep == "into") && (hasPorts || p.hasPhrase("allow", "all") || p.hasPhrase("all", "traffic")):
		// "open port 8080 on the frontend", "allow all traffic to X" without a "to"
		return roles{subject: sources[0], dirs: []generator.Direction{generator.Ingress}}, nil
	case len(dests) == 0 && len(sources) == 0:
		return roles{}, p.refuse("which pods should this policy apply to?", generator.ExampleNetwork)
	}
	return roles{}, p.refuse("I cannot tell the direction: say which pods receive the traffic (ingress) or send it (egress)", generator.ExampleNetwork)
}

func (p *parser) onlyBetween(from, to int) bool {
	for k := from; k < to; k++ {
		if p.is(k, "only", "just", "solely", "exclusively") {
			return true
		}
	}
	return false
}

func anyPeers(groups []*group) []*group {
	var out []*group
	for _, g := range groups {
		if !g.all(func(e *endpoint) bool { return e.kind == epAny }) {
			out = append(out, g)
		}
	}
	return out
}

func allGroups(gs []*group, f func(*group) bool) bool {
	for _, g := range gs {
		if !f(g) {
			return false
		}
	}
	return true
}

func textsOf(gs []*group) string {
	var parts []string
	for _, g := range gs {
		parts = append(parts, quote(g.text()))
	}
	return strings.Join(parts, ", ")
}
