package policy

import (
	"strings"
	"testing"
)

// Every way of widening is read back from its name, in any case; an unknown
// name is an error that lists the known ones.
func TestParseWidening(t *testing.T) {
	seen := map[Widening]bool{}
	for _, w := range Widenings {
		if seen[w] {
			t.Errorf("%s twice", w)
		}
		seen[w] = true
		if got, err := ParseWidening(" " + strings.ToUpper(string(w)) + " "); err != nil || got != w {
			t.Errorf("ParseWidening(%q) = %q, %v", w, got, err)
		}
	}
	for _, s := range []string{"", "internet", "all", "0.0.0.0/0"} {
		if _, err := ParseWidening(s); err == nil || !strings.Contains(err.Error(), "use all-peers, all-addresses, world, all-namespaces, cluster-wide") {
			t.Errorf("ParseWidening(%q) = %v", s, err)
		}
	}
}
