package pipeline

import (
	"fmt"
	"strings"
	"testing"

	"github.com/kunerva/kunerva/internal/connectivity"
)

// A change report too long for a pull request body (GitHub takes 65,536
// characters) is cut to its sentences, then to what fits, and says so.
func TestChangeSectionFitsABody(t *testing.T) {
	var r connectivity.Report
	for i := range 3000 {
		port := int32(1000 + i)
		r.Changes = append(r.Changes, connectivity.Change{From: fmt.Sprintf("ns%d/a", i), To: fmt.Sprintf("ns%d/b", i), Port: &port, Protocol: "TCP", Before: connectivity.Allowed, After: connectivity.Denied})
	}
	got := changeSection(&Proposal{Change: &r})
	if len(got) > maxChangeSection+200 {
		t.Errorf("the section has %d characters, over %d", len(got), maxChangeSection)
	}
	for _, want := range []string{"ns0/a can no longer reach ns0/b on 1000/TCP", "The report goes on; `kunerva diff` on the branch shows all of it."} {
		if !strings.Contains(got, want) {
			t.Errorf("the section lacks %q", want)
		}
	}
	small := connectivity.Report{Changes: r.Changes[:1]}
	if got := changeSection(&Proposal{Change: &small}); !strings.Contains(got, "| from | to |") {
		t.Errorf("a short report lost its table:\n%s", got)
	}
}
