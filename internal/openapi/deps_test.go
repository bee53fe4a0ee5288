package openapi

import (
	"os/exec"
	"strings"
	"testing"
)

// TestDeps keeps the package on the standard library: hack/schemagen and
// validate share it, and neither should drag the other's dependencies in.
func TestDeps(t *testing.T) {
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Fatalf("the go command is needed to list dependencies: %v", err)
	}
	out, err := exec.Command(goBin, "list", "-deps", ".").Output()
	if err != nil {
		t.Fatalf("go list -deps: %v", err)
	}
	for _, dep := range strings.Fields(string(out)) {
		first, _, _ := strings.Cut(dep, "/")
		if strings.Contains(first, ".") && dep != "github.com/kunerva/kunerva/internal/openapi" {
			t.Errorf("openapi depends on %s; it must use the standard library only", dep)
		}
	}
}
