package builtin

import (
	"fmt"
	"os"
	"testing"
)

func TestZZDebugClauses(t *testing.T) {
	req := os.Getenv("ZZREQ")
	if req == "" {
		t.Skip()
	}
	toks := tokenize(req)
	kept, dismissed := clauses(req, toks)
	for _, c := range kept {
		fmt.Printf("KEPT %q\n", c.text(req))
	}
	for _, c := range dismissed {
		fmt.Printf("DISMISSED(%s) %q\n", c.dismissed, c.text(req))
	}
}
