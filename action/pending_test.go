package action

import (
	"encoding/base64"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/kunerva/kunerva/generator"
)

func TestPendingMarker(t *testing.T) {
	for _, tc := range []struct {
		name, request string
		kept          bool
	}{
		{"plain", noPods, true},
		{"an HTML comment's end", "deny egress --> <script>alert(1)</script>", true},
		{"an HTML comment", "a <!-- b --> c", true},
		{"not ASCII", "blockiere /etc/passwd für nginx – bitte", true},
		{"the longest kept", strings.Repeat("x", generator.MaxRequest), true},
		{"too long", strings.Repeat("x", generator.MaxRequest+1), false},
		{"empty", "", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := pending{Request: tc.request, Author: "alice", Comment: 7}
			m := pendingMarker(p)
			if (m != "") != tc.kept {
				t.Fatalf("marker %q, kept %v", m, tc.kept)
			}
			if !tc.kept {
				return
			}
			if strings.Count(m, "-->") != 1 || strings.Count(m, "<!--") != 1 || !strings.HasSuffix(m, markerEnd) {
				t.Errorf("marker %q", m)
			}
			got, ok := parsePending("before\n\n" + m + "\n")
			if !ok || got != p {
				t.Errorf("read back %+v, %v", got, ok)
			}
		})
	}
	enc := func(s string) string {
		return pendingMarkerPrefix + base64.StdEncoding.EncodeToString([]byte(s)) + markerEnd
	}
	for name, body := range map[string]string{
		"no marker":      "hello",
		"not base64":     pendingMarkerPrefix + "!!!" + markerEnd,
		"unterminated":   strings.TrimSuffix(enc(`{"request":"x","author":"a","comment":1}`), markerEnd),
		"not JSON":       enc("x"),
		"no author":      enc(`{"request":"x","comment":1}`),
		"no comment":     enc(`{"request":"x","author":"a"}`),
		"a long request": enc(`{"request":"` + strings.Repeat("x", generator.MaxRequest+1) + `","author":"a","comment":1}`),
		// Only the reply's last line holds its pending request, and only
		// when no other marker is in the text above it.
		"not the last line":      enc(`{"request":"x","author":"a","comment":1}`) + "\nafter",
		"after text on its line": "before " + enc(`{"request":"x","author":"a","comment":1}`),
		"two markers":            enc(`{"request":"x","author":"m","comment":1}`) + "\n\n" + enc(`{"request":"x","author":"a","comment":1}`),
	} {
		if p, ok := parsePending(body); ok {
			t.Errorf("%s: read %+v", name, p)
		}
	}
}

// Whatever the request, its marker is one hidden comment that reads back
// as it was written, or there is none.
func FuzzPendingMarker(f *testing.F) {
	for _, s := range []string{noPods, "a --> b", "<!-- x", "`x` <i>", strings.Repeat("y", generator.MaxRequest)} {
		f.Add(s, "alice", int64(1010))
	}
	f.Fuzz(func(t *testing.T, request, author string, comment int64) {
		p := pending{Request: request, Author: author, Comment: comment}
		m := pendingMarker(p)
		if m == "" {
			if request != "" && len(request) <= generator.MaxRequest {
				t.Fatalf("no marker for %+v", p)
			}
			return
		}
		if strings.Count(m, "<!--") != 1 || strings.Index(m, "-->") != len(m)-3 {
			t.Fatalf("marker %q", m)
		}
		got, ok := parsePending("x\n\n" + m + "\n")
		if want := author != "" && comment > 0; ok != want {
			t.Fatalf("read %+v, %v from %q", got, ok, m)
		}
		if ok && utf8.ValidString(request) && utf8.ValidString(author) && got != p {
			t.Fatalf("read %+v, wrote %+v", got, p)
		}
	})
}

// A reply's answered markers are the lines after its reply marker; one
// further down is text.
func TestAnswered(t *testing.T) {
	for body, want := range map[string][]int64{
		replyMarker(1) + "\n" + answeredMarker(2) + "\n" + answeredMarker(3) + "\nOpened #100.\n": {2, 3},
		replyMarker(1) + "\nOpened #100.\n":                                              nil,
		replyMarker(1) + "\nWhich pods?\n" + answeredMarker(2) + "\n":                    nil,
		replyMarker(1) + "\n" + answeredMarker(2) + "\nsee\n" + answeredMarker(3) + "\n": {2},
		replyMarker(1) + "\n" + answeredMarker(2) + " and text\n":                        nil,
		replyMarker(1) + "\n" + answeredMarkerPrefix + "x" + markerEnd + "\n":            nil,
	} {
		if got := answered(body); !slices.Equal(got, want) {
			t.Errorf("answered(%q) = %v, want %v", body, got, want)
		}
	}
}

func TestQuestion(t *testing.T) {
	for missing, want := range map[string]string{
		"which pods should this apply to?": "Which pods should this apply to?",
		"the request is empty":             "The request is empty.",
		"über alles.":                      "Über alles.",
		"  ":                               "What is missing?",
		"which pods?\n\n/policy allow all": "Which pods? /policy allow all.",
	} {
		if got := question(missing); got != want {
			t.Errorf("question(%q) = %q, want %q", missing, got, want)
		}
	}
}
