package builtin

import (
	"fmt"
	"testing"

	"github.com/kunerva/kunerva/generator"
)

func TestZZDebug(t *testing.T) {
	for _, r := range []string{"Contain the mining workload: for pods labeled app=api in namespace prod, block execution of anything in /tmp/ or /dev/shm/, subdirectories included."} {
		toks := tokenize(r)
		cs, ds := clauses(r, toks); cs = append(cs, ds...)
		for _, c := range cs {
			fmt.Printf("clause %q dismissed=%q\n", c.text(r), c.dismissed)
		}
		_ = generator.Options{}
	}
}
