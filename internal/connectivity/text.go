package connectivity

import (
	"strconv"
	"strings"
)

// noChanges is what a report without changes says.
const noChanges = "No flow and no KubeArmor rule changes."

// Text is the report in plain English: the protections the change takes
// away first, then the policies it replaces, then one sentence per group
// of flows and of KubeArmor changes.
func (r Report) Text() string {
	s := r.sections()
	var b strings.Builder
	para := func(title string, lines []string) {
		if len(lines) == 0 {
			return
		}
		if b.Len() > 0 {
			b.WriteString("\n")
		}
		b.WriteString(title + "\n")
		for _, l := range lines {
			b.WriteString("- " + l + "\n")
		}
	}
	para("Protections removed:", s.removed)
	if len(r.Replaced) > 0 {
		if b.Len() > 0 {
			b.WriteString("\n")
		}
		b.WriteString(s.replaces + "\n")
	}
	para("Flow changes:", s.flows)
	para("KubeArmor changes:", s.system)
	if s.empty {
		if b.Len() > 0 {
			b.WriteString("\n")
		}
		b.WriteString(noChanges + "\n")
	}
	return b.String()
}

// sections are the sentences of a report, in plain words with no markup
// (Markdown escapes them), and its groups of flows.
type sections struct {
	removed  []string // flows and KubeArmor changes that take a protection away
	replaces string   // "Replaces: NetworkPolicy/payments/default-deny."
	flows    []string // the other flow groups
	system   []string // the other KubeArmor groups
	groups   []flowGroup
	empty    bool
}

func (r Report) sections() sections {
	s := sections{
		groups:   groupChanges(r.Changes, r.Workloads),
		replaces: "Replaces: " + joinAnd(r.Replaced) + ".",
		empty:    len(r.Changes) == 0 && len(r.System) == 0,
	}
	for _, g := range s.groups {
		if g.removes() {
			s.removed = append(s.removed, g.sentence())
		} else {
			s.flows = append(s.flows, g.sentence())
		}
	}
	for _, g := range groupSystem(r.System, r.Workloads) {
		if g.removes() {
			s.removed = append(s.removed, g.sentence())
		} else {
			s.system = append(s.system, g.sentence())
		}
	}
	return s
}

// removes reports whether the group's changes take a protection away; its
// members share their verdicts, so the first stands for them all.
func (g flowGroup) removes() bool { return g.first.Removes() }

// sentence says what the group's changes do: "shop/checkout can no longer
// reach payments/payments on 8443/TCP (before: allowed; because:
// NetworkPolicy/payments/default-deny)."
func (g flowGroup) sentence() string {
	from, where := g.From.Text, g.To.Text+" on "+g.ports()
	is, reaches := "is", "when it reaches"
	if g.From.Plural {
		is, reaches = "are", "when they reach"
	}
	var s string
	switch {
	case g.After == Unknown:
		s = "whether " + from + " can reach " + where + " is unknown after the change"
		if g.Reason != "" {
			s += ": " + g.Reason
		}
	case g.After == Denied && g.Before == Allowed:
		s = from + " can no longer reach " + where
	case g.After == Denied:
		s = from + " now cannot reach " + where
	case g.Before == Allowed && len(g.AfterL7) == 0:
		s = from + " " + is + " no longer restricted to " + joinAnd(g.BeforeL7) + " " + reaches + " " + where
	case g.Before == Allowed && len(g.BeforeL7) == 0:
		s = from + " " + is + " now restricted to " + joinAnd(g.AfterL7) + " " + reaches + " " + where
	case g.Before == Allowed:
		s = from + " " + is + " now restricted to " + joinAnd(g.AfterL7) + " instead of " + joinAnd(g.BeforeL7) + " " + reaches + " " + where
	default:
		s = from + " can now reach " + where
		if len(g.AfterL7) > 0 {
			s += " only for " + joinAnd(g.AfterL7)
		}
	}
	return s + " (" + notes(verdictText(g.Before, g.BeforeL7), g.Because) + ")."
}

func notes(before string, because []string) string {
	s := "before: " + before
	if len(because) > 0 {
		s += "; because: " + strings.Join(because, ", ")
	}
	return s
}

// verdictText is a verdict with the requests an allowed flow is limited to.
func verdictText(v Verdict, l7 []string) string {
	if v == Allowed && len(l7) > 0 {
		return "allowed only for " + joinAnd(l7)
	}
	return string(v)
}

// ports names the group's ports: "8443/TCP and 9102/TCP". A nil port is
// every port the destination does not list: a workload's own, or for an
// outside peer those the policies name for it.
func (g flowGroup) ports() string {
	const every = "every unlisted "
	words := make([]string, len(g.Ports))
	for i, p := range g.Ports {
		switch {
		case p.Port != nil && p.Protocol == "":
			words[i] = strconv.Itoa(int(*p.Port))
		case p.Port != nil:
			words[i] = strconv.Itoa(int(*p.Port)) + "/" + p.Protocol
		case p.Protocol == "ICMP":
			words[i] = "ICMP"
		case p.Protocol == "":
			words[i] = every + "port"
		default:
			words[i] = every + p.Protocol + " port"
		}
	}
	return joinAnd(words)
}

// removes reports whether KubeArmor stops blocking something.
func (g systemGroup) removes() bool { return g.Before == "blocked" && g.After != "blocked" }

// sentence says what KubeArmor does differently: "In web/nginx, KubeArmor
// now blocks process /usr/bin/apt (before: allowed; because:
// KubeArmorPolicy/web/x)."
func (g systemGroup) sentence() string {
	in := "In "
	if !strings.Contains(strings.Join(g.Workloads.Peers, ""), "/") {
		in = "On "
	}
	return in + g.Workloads.Text + ", KubeArmor " + systemVerb(g.Before, g.After) + " " + joinAnd(g.Whats) +
		" (" + notes(g.Before, g.Because) + ")."
}

// systemVerb says what KubeArmor does now with what it did before.
func systemVerb(before, after string) string {
	switch {
	case after == "blocked":
		return "now blocks"
	case after == "audited" && before == "blocked":
		return "now only audits"
	case after == "audited":
		return "now audits"
	case after == "allowed" && before == "blocked":
		return "no longer blocks"
	case after == "allowed" && before == "audited":
		return "no longer audits"
	}
	return "now has " + after + " for"
}
