package builtin_test

import (
	"context"
	"strings"
	"testing"

	"github.com/kunerva/kunerva/generator"
	"github.com/kunerva/kunerva/generator/builtin"
)

// TestReadsNote: KubeArmor matches a path for every access or for writes,
// never for reads alone, so a rule about reads covers writes too, and the
// intent says so instead of widening the rule silently.
func TestReadsNote(t *testing.T) {
	for _, c := range []struct{ request, note string }{
		{"block reads of /etc/passwd in pods labeled app=web", "this blocks every access to /etc/passwd, writes too"},
		{"audit reads of /etc/passwd in pods labeled app=web", "this audits every access to /etc/passwd, writes too"},
		{"log every read of /etc/shadow in pods labeled app=web", "this audits every access to /etc/shadow, writes too"},
		{"audit writes to /etc/passwd in pods labeled app=web", ""},
		{"block access to /etc/passwd in pods labeled app=web", ""},
	} {
		res, err := generator.Generate(context.Background(), builtin.Engine{}, c.request, generator.Options{})
		if err != nil {
			t.Fatalf("%q: %v", c.request, err)
		}
		notes := strings.Join(res.Intent.Notes, "\n")
		if c.note == "" && strings.Contains(notes, "never reads alone") || !strings.Contains(notes, c.note) {
			t.Errorf("%q: notes %q, want %q", c.request, notes, c.note)
		}
	}
}

// TestOtherNamespacesNote: "deny ... from other namespaces" is written as
// the allow-list of the pods' own namespace (the dev set's convention),
// which also cuts traffic from outside the cluster; the explanation says
// so (finder 5, S14). An allow of the own namespace says nothing of it.
func TestOtherNamespacesNote(t *testing.T) {
	for _, c := range []struct {
		request string
		note    bool
	}{
		{"deny to app=web the traffic from other namespaces", true},
		{"Make sure that pods with label app=web cannot be accessed from other namespaces.", true},
		{"pods app=api accept connections from own namespace only on port 80", false},
	} {
		res, err := generator.Generate(context.Background(), builtin.Engine{}, c.request, generator.Options{})
		if err != nil {
			t.Fatalf("%q: %v", c.request, err)
		}
		got := strings.Contains(strings.Join(res.Intent.Notes, "\n"), "traffic from outside the cluster")
		if got != c.note {
			t.Errorf("%q: notes %q, want the note of other namespaces: %v", c.request, res.Intent.Notes, c.note)
		}
	}
}
