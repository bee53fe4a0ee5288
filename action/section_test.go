package action

import (
	"strings"
	"testing"
)

func TestWithSection(t *testing.T) {
	first := withSection("", 1, "## Request\n\none\n")
	if first != "<!-- kunerva:request:1 -->\n## Request\n\none\n" {
		t.Fatalf("first section:\n%s", first)
	}
	two := withSection(first, 2, "two")
	if two != first[:len(first)-1]+sectionSep+"<!-- kunerva:request:2 -->\ntwo\n" {
		t.Fatalf("appended:\n%s", two)
	}
	for _, tc := range []struct{ name, got, want string }{
		{"the same again", withSection(two, 2, "two"), two},
		{"the last replaced", withSection(two, 2, "TWO"), strings.Replace(two, "\ntwo\n", "\nTWO\n", 1)},
		{"the first replaced", withSection(two, 1, "ONE"), strings.Replace(two, "## Request\n\none", "ONE", 1)},
		{"after a human's text", withSection("Notes.", 3, "three"), "Notes." + sectionSep + "<!-- kunerva:request:3 -->\nthree\n"},
	} {
		if tc.got != tc.want {
			t.Errorf("%s:\n%q\nwant\n%q", tc.name, tc.got, tc.want)
		}
	}
}
