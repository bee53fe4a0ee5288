package infer

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
)

// YAML is the inferred policies as one stream, each after comments that
// say what it allows and which manifest lines show the need.
func (r *Result) YAML() ([]byte, error) {
	var b bytes.Buffer
	first := true
	for _, s := range r.Sets {
		for _, p := range s.Policies {
			y, err := p.YAML()
			if err != nil {
				return nil, err
			}
			if !first {
				b.WriteString("---\n")
			}
			first = false
			for _, line := range s.lines() {
				b.WriteString(strings.TrimRight("# "+line, " ") + "\n")
			}
			b.Write(y)
		}
	}
	return b.Bytes(), nil
}

// lines say what a set allows and why, one fact a line.
func (s Set) lines() []string {
	out := []string{"Inferred by kunerva for " + s.For + "."}
	switch {
	case s.Intent.Subject.Name == "" && len(s.Intent.System) == 0:
		out = append(out, "Denies all ingress and egress in the namespace; the policies beside it allow what its manifests show.")
	case len(s.Hardening) > 0:
		for _, h := range s.Hardening {
			out = append(out, fmt.Sprintf("Audits %s (%s): %s", h.Name, h.Technique, h.Why))
		}
	}
	for _, r := range s.Rules {
		text := strings.ToUpper(r.Text[:1]) + r.Text[1:]
		if len(r.Refs) > 0 {
			text += ", shown by:"
		}
		out = append(out, text)
		for _, ref := range r.Refs {
			out = append(out, "  "+ref.Where+": "+ref.Text)
		}
	}
	return out
}

// Explain says what was inferred, from which manifest lines, what is left
// as a question, and what the proof shows.
func (r *Result) Explain() string {
	var b strings.Builder
	fmt.Fprintf(&b, "Inferred for %s:\n", joinAnd(r.Namespaces))
	for _, s := range r.Sets {
		var names []string
		for _, p := range s.Policies {
			names = append(names, string(p.Kind)+" "+p.Name)
		}
		fmt.Fprintf(&b, "\n%s (%s)\n", s.For, strings.Join(names, ", "))
		for _, line := range s.lines()[1:] {
			b.WriteString("  " + line + "\n")
		}
	}
	if len(r.Warnings) > 0 {
		b.WriteString("\nWarnings:\n")
		for _, w := range r.Warnings {
			b.WriteString("- " + w + "\n")
		}
	}
	if slices.ContainsFunc(r.Sets, func(s Set) bool { return len(s.Hardening) > 0 }) {
		b.WriteString("\n" + HardeningNote() + "\n")
	}
	b.WriteString("\n" + r.questionsText())
	b.WriteString("\n" + r.Proof.Text())
	return b.String()
}

func (r *Result) questionsText() string {
	if len(r.Questions) == 0 {
		return "No open questions: every reference the manifests hold resolved.\n"
	}
	var b strings.Builder
	b.WriteString("Open questions: references kunerva did not turn into rules. For each, allow what it reaches by hand (or fix the manifest), and infer again:\n")
	for _, q := range r.Questions {
		fmt.Fprintf(&b, "- %s: %s. %s.\n", q.Where, q.Text, strings.TrimSuffix(capitalize(q.Why), "."))
	}
	return b.String()
}

// Text says what the proof shows.
func (p *Proof) Text() string {
	var b strings.Builder
	fmt.Fprintf(&b, "Proof (kunerva's connectivity model): %d connections the manifests show stay allowed; %d other flows between the workloads of the namespaces are denied.\n", len(p.Kept), p.Denied)
	for _, k := range p.Kept {
		b.WriteString("- allowed: " + k + "\n")
	}
	if len(p.AlreadyDenied) > 0 {
		b.WriteString("Connections the manifests show that the tree's own policies already deny (left as they are):\n")
		for _, d := range p.AlreadyDenied {
			b.WriteString("- " + d + "\n")
		}
	}
	for _, pr := range p.Problems {
		b.WriteString("NOT PROVED: " + pr + "\n")
	}
	return b.String()
}

// JSON is the result for programs: the sets with their policies, the
// questions, the warnings and the proof.
func (r *Result) JSON() ([]byte, error) {
	type set struct {
		For       string          `json:"for"`
		Policies  []any           `json:"policies"`
		Rules     []Rule          `json:"rules,omitempty"`
		Hardening []HardeningRule `json:"hardening,omitempty"`
	}
	out := struct {
		Namespaces []string   `json:"namespaces"`
		Sets       []set      `json:"sets"`
		Questions  []Question `json:"questions"`
		Warnings   []string   `json:"warnings"`
		Proof      struct {
			Kept          []string `json:"kept"`
			AlreadyDenied []string `json:"alreadyDenied"`
			Denied        int      `json:"denied"`
			Problems      []string `json:"problems"`
		} `json:"proof"`
	}{Namespaces: r.Namespaces, Questions: nonNil(r.Questions), Warnings: nonNil(r.Warnings)}
	for _, s := range r.Sets {
		js := set{For: s.For, Rules: s.Rules, Hardening: s.Hardening}
		for _, p := range s.Policies {
			js.Policies = append(js.Policies, p.Object)
		}
		out.Sets = append(out.Sets, js)
	}
	out.Proof.Kept, out.Proof.AlreadyDenied, out.Proof.Denied, out.Proof.Problems = nonNil(r.Proof.Kept), nonNil(r.Proof.AlreadyDenied), r.Proof.Denied, nonNil(r.Proof.Problems)
	return json.MarshalIndent(out, "", "  ")
}

func capitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

func joinAnd(items []string) string {
	if len(items) < 2 {
		return strings.Join(items, "")
	}
	return strings.Join(items[:len(items)-1], ", ") + " and " + items[len(items)-1]
}
