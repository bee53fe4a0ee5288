package infer

import (
	"fmt"
	"slices"

	"github.com/kunerva/kunerva/generator"
	"github.com/kunerva/kunerva/internal/connectivity"
	"github.com/kunerva/kunerva/internal/tree"
)

// Proof is what the connectivity model says of an inferred set: every
// connection the manifests show stays allowed, and every other flow
// between the workloads of a locked-down namespace is denied.
type Proof struct {
	// Kept are the referenced connections allowed with the policies, as
	// "booking/booking -> data/postgres on 5432/TCP".
	Kept []string
	// AlreadyDenied are referenced connections the tree's own policies
	// denied before: the inferred set does not cut them, nor open them.
	AlreadyDenied []string
	// Denied counts the other flows between the namespaces' workloads, all
	// denied with the policies.
	Denied int
	// Problems are what the proof could not show; Infer fails on any.
	Problems []string
	// Change is what the inferred set changes in the tree.
	Change connectivity.Report
}

// prove checks the inferred policies with the connectivity model.
func prove(t *tree.Tree, res *Result, refs []Reference) (*Proof, error) {
	before, err := connectivity.New(t)
	if err != nil {
		return nil, fmt.Errorf("prove: %w", err)
	}
	objs, err := policyObjects(res.Policies())
	if err != nil {
		return nil, err
	}
	after, err := before.With(objs)
	if err != nil {
		return nil, fmt.Errorf("prove: %w", err)
	}
	p := &Proof{}
	if p.Change, err = connectivity.Diff(before, after); err != nil {
		return nil, fmt.Errorf("prove: %w", err)
	}
	referenced := map[string]bool{}
	for _, ref := range refs {
		for _, fl := range flowsOf(ref) {
			if !slices.Contains(res.Namespaces, namespaceOf(fl.from.String())) && !slices.Contains(res.Namespaces, namespaceOf(fl.to.String())) {
				continue
			}
			text := fmt.Sprintf("%s -> %s on %s", fl.from, fl.to, fl.port)
			referenced[text] = true
			was, now := before.Decide(fl.from, fl.to, fl.port), after.Decide(fl.from, fl.to, fl.port)
			switch {
			case now.Verdict == connectivity.Allowed:
				p.Kept = append(p.Kept, text)
			case was.Verdict != connectivity.Allowed:
				p.AlreadyDenied = append(p.AlreadyDenied, fmt.Sprintf("%s (%s before, by %v)", text, was.Verdict, was.Because))
			default:
				p.Problems = append(p.Problems, fmt.Sprintf("%s, which %s needs, is %s with the inferred policies (%v)", text, ref.Where, now.Verdict, now.Because))
			}
		}
	}
	for _, fl := range after.Flows() {
		if fl.From.Kind != connectivity.PeerWorkload || fl.To.Kind != connectivity.PeerWorkload ||
			!slices.Contains(res.Namespaces, fl.From.Namespace) || !slices.Contains(res.Namespaces, fl.To.Namespace) {
			continue
		}
		text := fmt.Sprintf("%s -> %s on %s", fl.From, fl.To, fl.Port)
		if referenced[text] {
			continue
		}
		if fl.Result.Verdict != connectivity.Denied {
			p.Problems = append(p.Problems, fmt.Sprintf("%s is %s with the inferred policies, though no manifest shows it (%v)", text, fl.Result.Verdict, fl.Result.Because))
			continue
		}
		p.Denied++
	}
	slices.Sort(p.Kept)
	p.Kept = slices.Compact(p.Kept)
	return p, nil
}

type flow struct {
	from, to connectivity.Peer
	port     connectivity.Port
}

// flowsOf are the flows a reference stands for.
func flowsOf(ref Reference) []flow {
	port := connectivity.Port{Number: ref.Port, Name: ref.PortName, Protocol: ref.Protocol}
	if port.Protocol == "" {
		port.Protocol = "TCP"
	}
	from := connectivity.Peer{Kind: connectivity.PeerWorld}
	if ref.From != "" {
		from = workloadPeer(ref.From)
	}
	if ref.Kind == RefExternal {
		return []flow{{from, connectivity.Peer{Kind: connectivity.PeerFQDN, Value: ref.Host}, port}}
	}
	var out []flow
	for _, to := range ref.To {
		out = append(out, flow{from, workloadPeer(to), port})
	}
	return out
}

func workloadPeer(ref string) connectivity.Peer {
	ns, name := namespaceOf(ref), ref[len(namespaceOf(ref))+1:]
	return connectivity.Peer{Kind: connectivity.PeerWorkload, Namespace: ns, Name: name}
}

// policyObjects are rendered policies as tree objects.
func policyObjects(policies []generator.Policy) ([]tree.Object, error) {
	var out []tree.Object
	for _, p := range policies {
		o, err := p.TreeObject()
		if err != nil {
			return nil, err
		}
		out = append(out, o)
	}
	return out, nil
}
