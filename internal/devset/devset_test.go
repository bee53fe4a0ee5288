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

// TestSlices keeps the two slices of the dev set apart and the set in
// other people's words: names unique across both, every outside case with a
// source that is not reserved, no site giving cases to both slices, and the
// set's size and share of outside cases as generator/testdata/devset/README.md
// promises them.
func TestSlices(t *testing.T) {
	open, err := Load("../../generator/testdata/devset")
	if err != nil {
		t.Fatal(err)
	}
	sealed, err := Load("../../generator/testdata/sealed")
	if err != nil {
		t.Fatal(err)
	}
	names := map[string]string{}
	sites := map[string]map[string]bool{"open": {}, "sealed": {}}
	outside := 0
	for slice, cases := range map[string][]Case{"open": open, "sealed": sealed} {
		for _, c := range cases {
			if prev, dup := names[c.Name]; dup {
				t.Errorf("%s: case %q is also in %s", c.File, c.Name, prev)
			}
			names[c.Name] = c.File
			switch {
			case c.Source == "" && slice == "sealed":
				t.Errorf("%s: sealed case %q has no source", c.File, c.Name)
			case c.Source == "":
				continue
			case Reserved(c.Source) != "":
				t.Errorf("%s: case %q is modelled on %s, which is reserved for an independent check", c.File, c.Name, c.Source)
			}
			outside++
			sites[slice][Site(c.Source)] = true
		}
	}
	for s := range sites["sealed"] {
		if sites["open"][s] {
			t.Errorf("site %s gives cases to both the open set and the sealed slice", s)
		}
	}
	total := len(open) + len(sealed)
	if total < 600 || len(sealed) < 150 || outside*10 < total*7 {
		t.Errorf("%d cases (%d sealed), %d of them modelled on outside sources: want at least 600, 150 sealed, and 70%% from outside", total, len(sealed), outside)
	}
	t.Logf("%d cases: %d open, %d sealed; %d (%.0f%%) modelled on %d outside sites", total, len(open), len(sealed), outside, 100*float64(outside)/float64(total), len(sites["open"])+len(sites["sealed"]))
}

func TestSite(t *testing.T) {
	for in, want := range map[string]string{
		"https://www.github.com/cilium/cilium/issues/123":         "github.com/cilium/cilium",
		"https://github.com/Cilium/Cilium":                        "github.com/cilium/cilium",
		"https://gist.github.com/someone/abc123":                  "gist.github.com/someone",
		"https://learn.microsoft.com/en-us/azure/aks/use-network": "learn.microsoft.com",
		"https://WWW.Example.org/x":                               "example.org",
	} {
		if got := Site(in); got != want {
			t.Errorf("Site(%q) = %q, want %q", in, got, want)
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
