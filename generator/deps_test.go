package generator_test

import (
	"os/exec"
	"slices"
	"strings"
	"testing"
)

// forbiddenDeps are packages generator must not depend on, even indirectly:
// it turns text into policies and knows nothing of GitHub, git, clusters,
// validation or delivery.
var forbiddenDeps = []string{
	"github.com/google/go-github",
	"github.com/go-git",
	"k8s.io/client-go",
	"github.com/kunerva/kunerva/validate",
	"github.com/kunerva/kunerva/action",
}

func TestDeps(t *testing.T) {
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Fatalf("the go command is needed to list dependencies: %v", err)
	}
	out, err := exec.Command(goBin, "list", "-deps", ".").Output()
	if err != nil {
		var stderr string
		if ee, ok := err.(*exec.ExitError); ok {
			stderr = string(ee.Stderr)
		}
		t.Fatalf("go list -deps: %v\n%s", err, stderr)
	}
	deps := strings.Fields(string(out))
	if !slices.Contains(deps, "github.com/kunerva/kunerva/generator") {
		t.Fatalf("go list -deps . does not list generator itself:\n%s", out)
	}
	for _, dep := range deps {
		for _, bad := range forbiddenDeps {
			if dep == bad || strings.HasPrefix(dep, bad+"/") {
				t.Errorf("generator depends on %s; it must not import %s (see generator/doc.go)", dep, bad)
			}
		}
	}
}
