package devset

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestLoadTheDevSet(t *testing.T) {
	cases, err := Load("../../../generator/testdata/devset")
	if err != nil {
		t.Fatal(err)
	}
	if len(cases) < 200 {
		t.Errorf("%d cases, want the whole dev set (over 200)", len(cases))
	}
	trees := &Trees{Root: "../../.."}
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
	open, err := Load("../../../generator/testdata/devset")
	if err != nil {
		t.Fatal(err)
	}
	sealed, err := Load("../../../generator/testdata/sealed")
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
			// Cases moved out of the sealed slice once read keep their site;
			// the site's other sealed cases stay unread.
			if c.File != movedFromSealed {
				sites[slice][Site(c.Source)] = true
			}
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

// movedFromSealed is the open file of the cases read after the sealed
// slice's final scoring (generator/testdata/devset/README.md).
const movedFromSealed = "ext-moved-from-sealed.yaml"

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

// TestLoadSlices checks that each dataset is a slice named after it, and
// that datasets that would not stay apart are refused.
func TestLoadSlices(t *testing.T) {
	dir := t.TempDir()
	write := func(path, cases string) string {
		t.Helper()
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(cases), 0o644); err != nil {
			t.Fatal(err)
		}
		return path
	}
	refuse := func(name string) string {
		return "- {name: " + name + ", request: block access to /etc/shadow, refuse: which pods}\n"
	}
	write(filepath.Join(dir, "open", "a.yaml"), refuse("a1")+refuse("a2"))
	write(filepath.Join(dir, "open", "b.yaml"), refuse("b1"))
	write(filepath.Join(dir, "sealed", "c.yaml"), refuse("c1"))
	one := write(filepath.Join(dir, "extra.yaml"), refuse("e1"))

	cases, err := LoadSlices(filepath.Join(dir, "open"), filepath.Join(dir, "sealed")+"/", one)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, c := range cases {
		got = append(got, c.Slice+"/"+c.File+"/"+c.Name)
	}
	if want := "open/a.yaml/a1 open/a.yaml/a2 open/b.yaml/b1 sealed/c.yaml/c1 extra/extra.yaml/e1"; strings.Join(got, " ") != want {
		t.Errorf("slice/file/name: %s, want %s", strings.Join(got, " "), want)
	}

	other := write(filepath.Join(dir, "elsewhere", "open", "d.yaml"), refuse("d1"))
	dup := write(filepath.Join(dir, "more", "a.yaml"), refuse("a2"))
	for _, tc := range []struct {
		paths []string
		want  string
	}{
		{[]string{filepath.Join(dir, "open"), filepath.Dir(other)}, "would both be the slice open"},
		{[]string{filepath.Join(dir, "open"), filepath.Dir(dup)}, `more/a.yaml: case "a2" is also in ` + filepath.Join(dir, "open", "a.yaml")},
		{[]string{filepath.Join(dir, "missing")}, "no such file"},
	} {
		if _, err := LoadSlices(tc.paths...); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("LoadSlices(%q) error = %v, want one saying %q", tc.paths, err, tc.want)
		}
	}
}
