package generator

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/kunerva/kunerva/internal/tree"
)

// Options steer how a request is understood and rendered.
type Options struct {
	// Namespace is the namespace of the subject when neither the request nor
	// the tree says; "" means "default".
	Namespace string
	// Kind forces a policy kind family; KindAuto picks one.
	Kind Kind
	// Tree resolves workload names ("the nginx pods") to their labels.
	Tree *tree.Tree
	// AllowDNS adds a DNS allowance to egress allow-lists.
	AllowDNS bool
	// AssumeAppLabel takes a bare name as the label app=<name> when there is no tree.
	AssumeAppLabel bool
	// Review, when set, reviews the policies an engine that can repair its
	// answer (the LLM) rendered: the problems go back to it. The error is for
	// failures to check.
	Review func(ctx context.Context, policies []Policy) (problems []string, err error)
}

// Engine understands a request as an intent. The built-in engine
// (generator/builtin) is one; a language model behind an OpenAI-compatible
// API (generator/llm) is another.
type Engine interface {
	Understand(ctx context.Context, request string, opts Options) (*Intent, error)
}

// The names engines sign their intents with (Intent.Engine) and that
// settings and flags choose an engine by.
const (
	EngineBuiltin = "builtin"
	EngineLLM     = "llm"
	// EngineAuto tries the built-in engine, then the LLM.
	EngineAuto = "auto"
)

// MaxRequest bounds a request's length, in bytes: one request asks for one
// policy (the longest in the dev set is under 600). Both engines refuse a
// longer request before reading it (CheckLength): the LLM's costs grow with
// every byte, and the built-in engine's reading of a request grows with
// its clauses times its length. A request kept for later (the action's
// pending request) is never longer.
const MaxRequest = 2000

// CheckLength is the refusal of an empty request or of one longer than
// MaxRequest, or nil. Engines call it first, so that no reading starts on
// nothing.
func CheckLength(request string) error {
	if strings.TrimSpace(request) == "" {
		return &NotUnderstoodError{Request: request, Missing: "the request is empty", Example: ExampleNetwork}
	}
	if len(request) <= MaxRequest {
		return nil
	}
	return &NotUnderstoodError{Request: request, Missing: fmt.Sprintf("the request is %d characters long, and kunerva reads requests of at most %d; ask for one policy at a time, in fewer words", len(request), MaxRequest), Example: ExampleNetwork}
}

// NotUnderstoodError is a refusal: the engine says what it understood, what is
// missing or ambiguous, and a phrasing it would accept. It never guesses.
type NotUnderstoodError struct {
	Request    string
	Understood []string
	// Missing is the one question about what is missing or ambiguous.
	Missing string
	// Example is a whole request the engine would accept.
	Example string
	// Answer, when set, is an answer to the question that completes the
	// request when appended to it ("in pods labeled app=nginx").
	Answer string
	// Usage is what a model spent before the refusal; nil for the built-in engine.
	Usage *Usage
	// Quoted says that Missing is a model's own question, which kunerva did
	// not write and shows only as a quotation.
	Quoted bool
}

func (e *NotUnderstoodError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "request not understood: %s\n", e.Missing)
	if len(e.Understood) > 0 {
		fmt.Fprintf(&b, "  understood: %s\n", strings.Join(e.Understood, "; "))
	}
	if e.Example != "" {
		fmt.Fprintf(&b, "  try, for example: %q", e.Example)
	}
	return strings.TrimRight(b.String(), "\n")
}

// Result is what Generate produces.
type Result struct {
	Intent      *Intent
	Policies    []Policy
	Explanation string
}

// Generate understands the request with the engine, prepares the intent
// (Prepare) and checks that every value is accounted for. A request the engine refuses yields a *NotUnderstoodError; an
// intent that fails validation yields an error listing every problem.
func Generate(ctx context.Context, engine Engine, request string, opts Options) (*Result, error) {
	if err := CheckLength(request); err != nil {
		return nil, err
	}
	in, err := engine.Understand(ctx, request, opts)
	if err != nil {
		return nil, err
	}
	policies, err := Prepare(in, opts.Kind)
	var invalid *InvalidError
	var unsupported *UnsupportedError
	switch {
	case errors.As(err, &invalid):
		return nil, &NotUnderstoodError{Request: request, Understood: in.Summary(), Missing: "the request does not make a valid policy: " + strings.ReplaceAll(invalid.Error(), "\n", "; "), Example: ExampleFor(in)}
	case errors.As(err, &unsupported):
		return nil, &NotUnderstoodError{Request: request, Understood: in.Summary(), Missing: err.Error()}
	case err != nil:
		return nil, err
	}
	if err := in.CheckOrigins(opts.Tree); err != nil {
		return nil, fmt.Errorf("the %s engine gave values it does not account for: %w", in.Engine, err)
	}
	if policies, err = besideTree(in, policies, opts.Tree); err != nil {
		return nil, err
	}
	return &Result{Intent: in, Policies: policies, Explanation: Explain(in, policies)}, nil
}

// InvalidError is an intent that does not make a valid policy; it lists
// every problem, one per line.
type InvalidError struct{ Err error }

func (e *InvalidError) Error() string { return e.Err.Error() }
func (e *InvalidError) Unwrap() error { return e.Err }

// Prepare is the one way from an engine's intent to policies: it fits the
// intent to the kind asked for (auto when none), validates it and renders
// it. An invalid intent is an *InvalidError, and one the kind cannot express
// an *UnsupportedError. Generate prepares what an engine understood; an
// engine that reviews its intent before answering (the LLM's repair loop,
// auto's choice of engine) prepares it too.
func Prepare(in *Intent, kind Kind) ([]Policy, error) {
	if kind == "" || kind == KindAuto {
		kind = KindAuto
		if in.Kind != "" {
			kind = in.Kind
		}
	}
	FitKind(in, kind)
	if err := in.Validate(); err != nil {
		return nil, &InvalidError{Err: err}
	}
	return Render(in, kind)
}

// Phrasings the built-in engine accepts, one per family, for refusals.
const (
	ExampleNetwork = "only the checkout pods may reach the payments pods on port 8443"
	ExampleSystem  = "block access to /etc/shadow in pods labeled app=nginx"
)

// ExampleFor is the example phrasing of the intent's family; in may be nil.
func ExampleFor(in *Intent) string {
	if in != nil && len(in.System) > 0 {
		return ExampleSystem
	}
	return ExampleNetwork
}

// FitKind adapts the intent to a forced kind: a cluster kind forced on a
// request about pods means those pods in every namespace, unless the
// request, the tree or --namespace named their namespace ("default deny in
// namespace shop" with --kind CiliumClusterwideNetworkPolicy): then the
// cluster policy covers that namespace only, and the pods and Services its
// peers named beside the subject's stay in it. Engines that check an intent
// before Generate does (the LLM's repair loop) fit it first.
func FitKind(in *Intent, kind Kind) {
	for _, x := range append([]*Intent{in}, in.Others...) {
		if (kind != KindCiliumClusterwide && kind != KindKubeArmorCluster) || x.Subject.Scope != ScopePods {
			continue
		}
		if ns := x.Subject.Namespace; namespaceNamed(x) {
			x.keepNamespace(ns)
		}
		x.Subject.Scope, x.Subject.Namespace = ScopeCluster, ""
		x.Origins = append(x.Origins, Origin{Field: "subject.scope", From: FromDefault, Text: string(kind), Rule: "forced-kind"})
	}
}

// namespaceNamed reports whether the subject's namespace is one something
// named, not the namespace "default" taken for want of one. An engine whose
// intent has no origins yet (the LLM's, attributed after) named it unless it
// is "default".
func namespaceNamed(in *Intent) bool {
	if in.Subject.Namespace == "" {
		return false
	}
	named := in.Subject.Namespace != "default"
	for _, o := range in.Origins {
		if o.Field == "subject.namespace" {
			named = o.Rule != "namespace-default"
		}
	}
	return named
}

// keepNamespace limits a subject about to go cluster-wide to the namespace
// ns, and puts the peers that were in the subject's namespace into ns by
// name, as a cluster policy's peers without one are in any namespace.
func (in *Intent) keepNamespace(ns string) {
	in.Subject.Namespaces, in.Subject.ExceptNamespaces = []string{ns}, false
	for i, o := range in.Origins {
		if o.Field == "subject.namespace" {
			in.Origins[i].Field = "subject.namespaces[0]"
		}
	}
	beside := func(field string) {
		in.Origins = append(in.Origins, Origin{Field: field, From: FromDefault, Text: Defaults["subject-namespace"], Rule: "subject-namespace"})
	}
	for i := range in.Network {
		for j := range in.Network[i].Peers {
			p := &in.Network[i].Peers[j]
			at := fmt.Sprintf("network[%d].peers[%d]", i, j)
			switch {
			case p.Pods != nil && p.Namespace == "" && p.Namespaces == nil:
				p.Namespace = ns
				beside(at + ".namespace")
			case p.Service != "" && !strings.Contains(p.Service, "/"):
				p.Service = ns + "/" + p.Service
				beside(at + ".service")
			}
		}
	}
}

// NoteAllowDNS explains the DNS rule an engine adds for Options.AllowDNS.
const NoteAllowDNS = "DNS lookups are allowed because of --allow-dns"

// DNSRule allows DNS lookups of the patterns (nil: of any name) to the
// cluster DNS. Both engines add the same rule, so that their policies agree.
func DNSRule(patterns []string) NetworkRule {
	return NetworkRule{Direction: Egress, Verdict: Allow, Peers: []Peer{{ClusterDNS: true, Name: "dns"}},
		Ports: []Port{{Port: 53, Protocol: "UDP"}, {Port: 53, Protocol: "TCP"}}, DNS: patterns}
}
