package devset

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestLoadTheDevSet(t *testing.T) {
	cases, err := Load("../../generator/testdata/devset")
	if err != nil {
		t.Fatal(err)
	}
	if len(cases) < 200 {
		t.Errorf("%d cases, want the whole dev set (over 200)", len(cases))
	}
	trees := &Trees{Root: "../.."}
	for _, c := range cases {
		if _, err := c.Options(trees); err != nil {
			t.Errorf("%s: %v", c.Name, err)
		}
	}
}

func TestLoadRejectsBadSets(t *testing.T) {
	for _, tc := range []struct{ name, yaml, want string }{
		{"duplicate name", "- {name: a, request: x, refuse: y}\n- {name: a, request: z, refuse: y}\n", `case "a" is also in`},
		{"neither expect nor refuse", "- {name: a, request: x}\n", "needs exactly one of expect and refuse"},
		{"unknown field", "- {name: a, request: x, refuse: y, colour: red}\n", "colour"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "set.yaml")
			if err := os.WriteFile(path, []byte(tc.yaml), 0o644); err != nil {
				t.Fatal(err)
			}
			_, err := Load(path)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("err = %v, want it to say %q", err, tc.want)
			}
		})
	}
}
