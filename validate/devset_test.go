package validate

import (
	"testing"

	"github.com/kunerva/kunerva/internal/eval/devset"
)

// devSetCase is a dev-set case's expected policies, as documents.
type devSetCase struct {
	Name, Tree string
	Docs       []Document
}

// devSet reads the expected policies of the generator's dev set
// (generator/testdata/devset), one entry per case that expects policies.
func devSet(t testing.TB) []devSetCase {
	t.Helper()
	cases, err := devset.Load("../generator/testdata/devset")
	if err != nil {
		t.Fatal(err)
	}
	var out []devSetCase
	for _, c := range cases {
		if len(c.Expect) == 0 {
			continue
		}
		raw, err := c.ExpectYAML()
		if err != nil {
			t.Fatal(err)
		}
		docs, err := Parse(c.File+"#"+c.Name, raw)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, devSetCase{Name: c.Name, Tree: c.Tree, Docs: docs})
	}
	return out
}
