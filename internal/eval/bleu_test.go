package eval

import (
	"math"
	"slices"
	"strings"
	"testing"
	"unicode"
)

func TestBLEU(t *testing.T) {
	for _, tc := range []struct {
		name                   string
		candidates, references []string
		want                   float64
	}{
		{"identical", []string{"a b c d e f"}, []string{"a b c d e f"}, 1},
		// 5/6 unigrams, 4/5 bigrams, 3/4 trigrams, 2/3 4-grams; same length.
		{"one word differs", []string{"a b c d e x"}, []string{"a b c d e f"}, math.Pow(5.0/6*4/5*3/4*2/3, 0.25)},
		// The second "a" is clipped to the reference's one: 4/5, 3/4, 2/3, 1/2.
		{"clipped counts", []string{"a a b c d"}, []string{"a b c d e"}, math.Pow(4.0/5*3/4*2/3*1/2, 0.25)},
		// Every n-gram matches, but 4 tokens against 6: exp(1 - 6/4).
		{"brevity penalty", []string{"a b c d"}, []string{"a b c d e f"}, math.Exp(-0.5)},
		// Longer than the reference: no penalty, precision falls instead
		// (6/7, 5/6, 4/5, 3/4).
		{"longer", []string{"a b c d e f g"}, []string{"a b c d e f"}, math.Pow(6.0/7*5/6*4/5*3/4, 0.25)},
		{"no 4-gram in common", []string{"a b c x d e f"}, []string{"a b c d e f"}, 0},
		// Corpus level sums the counts (9/10, 7/8, 5/6, 3/4), which is not
		// the mean of the two sentences' scores (1 and 0.7598).
		{"corpus", []string{"a b c d", "a b c d e x"}, []string{"a b c d", "a b c d e f"}, math.Pow(9.0/10*7/8*5/6*3/4, 0.25)},
		{"empty corpus", nil, nil, 0},
		{"empty candidate", []string{""}, []string{"a b c d"}, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var cands, refs [][]string
			for i := range tc.candidates {
				cands = append(cands, strings.Fields(tc.candidates[i]))
				refs = append(refs, strings.Fields(tc.references[i]))
			}
			if got := BLEU(cands, refs); math.Abs(got-tc.want) > 1e-12 {
				t.Errorf("BLEU = %.6f, want %.6f", got, tc.want)
			}
		})
	}
}

func TestBLEUScoreNeedsSegments(t *testing.T) {
	if _, ok := (bleuStats{}).score(); ok {
		t.Error("a corpus without segments has a score")
	}
}

func TestTokenizeYAML(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want []string
	}{
		{"metadata:\n  labels:\n    app.kubernetes.io/name: checkout\n",
			[]string{"metadata", ":", "labels", ":", "app", ".", "kubernetes", ".", "io", "/", "name", ":", "checkout"}},
		{"- port: \"8443\"\n  protocol: TCP", []string{"-", "port", ":", `"`, "8443", `"`, "protocol", ":", "TCP"}},
		{"ingress: [{}]", []string{"ingress", ":", "[", "{", "}", "]"}},
		{"path: /etc/my_file", []string{"path", ":", "/", "etc", "/", "my_file"}},
		{"  \n", nil},
	} {
		if got := TokenizeYAML(tc.in); !slices.Equal(got, tc.want) {
			t.Errorf("TokenizeYAML(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// FuzzTokenizeYAML: tokens are never empty and hold no white space, and
// together they are the text without its white space.
func FuzzTokenizeYAML(f *testing.F) {
	f.Add("spec:\n  podSelector: {}\n  policyTypes: [Ingress]\n")
	f.Add("path: /etc/ünïcode_ß\t- x")
	f.Fuzz(func(t *testing.T, text string) {
		tokens := TokenizeYAML(text)
		for _, tok := range tokens {
			if tok == "" || strings.IndexFunc(tok, unicode.IsSpace) >= 0 {
				t.Fatalf("token %q", tok)
			}
		}
		if got, want := strings.Join(tokens, ""), strings.Join(strings.FieldsFunc(text, unicode.IsSpace), ""); got != want {
			t.Errorf("tokens join to %q, want %q", got, want)
		}
	})
}
