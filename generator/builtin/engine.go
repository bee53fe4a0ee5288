package builtin

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/kunerva/kunerva/generator"
	"github.com/kunerva/kunerva/internal/tree"
)

// Engine is the deterministic engine: it classifies the request's family,
// extracts its entities (workloads, labels, namespaces, ports, CIDRs, domains,
// HTTP rules, paths, capabilities) and assembles an intent. It refuses what it
// does not fully understand.
type Engine struct{}

// Understand implements generator.Engine.
func (Engine) Understand(_ context.Context, request string, opts generator.Options) (*generator.Intent, error) {
	cs := clauses(request)
	intents := make([]*generator.Intent, len(cs))
	errs := make([]error, len(cs))
	var subject *generator.Subject
	for i, c := range cs {
		intents[i], errs[i] = parseClause(c, opts, subject)
		if errs[i] == nil && subject == nil {
			subject = &intents[i].Subject
		}
	}
	// A clause that names no pods takes them from another clause, before or after it.
	for i, c := range cs {
		if errs[i] != nil && subject != nil {
			intents[i], errs[i] = parseClause(c, opts, subject)
		}
		if errs[i] != nil {
			return nil, errs[i]
		}
	}
	merged := intents[0]
	for i, in := range intents[1:] {
		if !sameSubject(merged.Subject, in.Subject) {
			return nil, &generator.NotUnderstoodError{Request: request, Understood: append(merged.Summary(), in.Summary()...),
				Missing: "the request is about two different sets of pods; ask once for each", Example: cs[i+1].text}
		}
		merged.Network = append(merged.Network, in.Network...)
		merged.System = append(merged.System, in.System...)
		merged.Notes = append(merged.Notes, in.Notes...)
	}
	if c := contradiction(merged); c != "" {
		return nil, &generator.NotUnderstoodError{Request: request, Understood: merged.Summary(), Missing: "the request contradicts itself: " + c, Example: generator.ExampleFor(merged)}
	}
	merged.Request, merged.Engine = request, generator.EngineBuiltin
	merged.Notes = dedupe(merged.Notes)
	return merged, nil
}

func parseClause(c clause, opts generator.Options, fallback *generator.Subject) (*generator.Intent, error) {
	p := newParser(c.text, opts)
	p.continues, p.fallback = c.sameSubject, fallback
	return p.parse()
}

// contradiction describes two rules that say opposite things about the same
// traffic or the same file, or returns "".
func contradiction(in *generator.Intent) string {
	for i, a := range in.System {
		for _, b := range in.System[:i] {
			if a.Action != b.Action && a.Kind == b.Kind && a.Path == b.Path && a.Dir == b.Dir && a.ExecName == b.ExecName && a.Protocol == b.Protocol && a.Capability == b.Capability {
				return fmt.Sprintf("it says both %s and %s for %s", strings.ToLower(string(b.Action)), strings.ToLower(string(a.Action)), generator.TargetText(b))
			}
		}
	}
	for i, a := range in.Network {
		for _, b := range in.Network[:i] {
			if a.Verdict != b.Verdict && a.Direction == b.Direction && a.Verdict != generator.Isolate && b.Verdict != generator.Isolate {
				ja, _ := json.Marshal([]any{a.Peers, a.Ports})
				jb, _ := json.Marshal([]any{b.Peers, b.Ports})
				if string(ja) == string(jb) {
					return fmt.Sprintf("it both allows and denies %s traffic %s", a.Direction, generator.TrafficText(a.Peers, a.Ports))
				}
			}
		}
	}
	return ""
}

func sameSubject(a, b generator.Subject) bool {
	ja, _ := json.Marshal(generator.Subject{Scope: a.Scope, Namespace: a.Namespace, Pods: a.Pods, Namespaces: a.Namespaces, ExceptNamespaces: a.ExceptNamespaces, Nodes: a.Nodes})
	jb, _ := json.Marshal(generator.Subject{Scope: b.Scope, Namespace: b.Namespace, Pods: b.Pods, Namespaces: b.Namespaces, ExceptNamespaces: b.ExceptNamespaces, Nodes: b.Nodes})
	return string(ja) == string(jb)
}

func dedupe(s []string) []string {
	var out []string
	for _, x := range s {
		if !slices.Contains(out, x) {
			out = append(out, x)
		}
	}
	return out
}

type parser struct {
	request       string
	toks          []token
	used          []bool
	opts          generator.Options
	tree          *tree.Tree
	systemRequest bool
	protocol      string // a protocol named apart from the ports ("udp traffic on 53")
	// unknownCapability is a cap_ word that names no Linux capability.
	unknownCapability string
	notes             []string
	understood        []string
	// fallback is the subject of an earlier clause, for a clause that names none.
	fallback *generator.Subject
	// continues marks a clause whose subject is the earlier clause's.
	continues bool
}

func newParser(request string, opts generator.Options) *parser {
	toks := tokenize(request)
	return &parser{request: request, toks: toks, used: make([]bool, len(toks)), opts: opts, tree: opts.Tree}
}

func (p *parser) has(words ...string) bool {
	for i, t := range p.toks {
		for _, w := range words {
			if t.low == w && !p.used[i] {
				return true
			}
		}
	}
	return false
}

func (p *parser) hasAny(m map[string]bool) bool {
	for i, t := range p.toks {
		if m[t.low] && !p.used[i] {
			return true
		}
	}
	return false
}

// hasPhrase reports whether the words appear in a row.
func (p *parser) hasPhrase(words ...string) bool {
	for i := range p.toks {
		ok := true
		for k, w := range words {
			if p.word(i+k) != w {
				ok = false
				break
			}
		}
		if ok {
			return true
		}
	}
	return false
}

func (p *parser) refuse(missing, example string) error {
	return &generator.NotUnderstoodError{Request: p.request, Understood: p.understood, Missing: missing, Example: example}
}

func (p *parser) parse() (*generator.Intent, error) {
	for _, t := range p.toks {
		if t.kind == tRelPath {
			return nil, p.refuse(`"`+t.raw+`" is not an absolute path: file and process paths start with /, e.g. /`+t.raw, generator.ExampleSystem)
		}
	}
	system := p.systemRules()
	if p.unknownCapability != "" {
		return nil, p.refuse(quote(p.unknownCapability)+" is not a Linux capability (e.g. CAP_NET_RAW, CAP_SYS_ADMIN)", "block the net_raw capability in pods labeled app=nginx")
	}
	if len(system) > 0 {
		return p.assembleSystem(system)
	}
	return p.assembleNetwork()
}

func quote(s string) string { return `"` + s + `"` }
