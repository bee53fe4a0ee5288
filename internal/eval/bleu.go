package eval

import (
	"math"
	"unicode"
	"unicode/utf8"
)

// bleuOrder is the longest n-gram BLEU counts: BLEU-4, as the papers report.
const bleuOrder = 4

// bleuStats are the sufficient statistics of corpus-level BLEU: for each n,
// the clipped n-gram matches and the candidate's n-grams, and the lengths.
// Corpus BLEU sums them over the segments before dividing (Papineni et al.,
// 2002), which is not the mean of the segments' scores.
type bleuStats struct {
	Matches, Totals      [bleuOrder]int
	CandidateLen, RefLen int
	Segments             int
}

// segmentStats counts one candidate against its one reference.
func segmentStats(candidate, reference []string) bleuStats {
	s := bleuStats{CandidateLen: len(candidate), RefLen: len(reference), Segments: 1}
	for n := 1; n <= bleuOrder; n++ {
		ref := ngrams(reference, n)
		for g, c := range ngrams(candidate, n) {
			s.Matches[n-1] += min(c, ref[g])
			s.Totals[n-1] += c
		}
	}
	return s
}

func ngrams(tokens []string, n int) map[[bleuOrder]string]int {
	counts := map[[bleuOrder]string]int{}
	for i := 0; i+n <= len(tokens); i++ {
		var g [bleuOrder]string
		copy(g[:], tokens[i:i+n])
		counts[g]++
	}
	return counts
}

func (s *bleuStats) add(o bleuStats) {
	for n := range bleuOrder {
		s.Matches[n] += o.Matches[n]
		s.Totals[n] += o.Totals[n]
	}
	s.CandidateLen += o.CandidateLen
	s.RefLen += o.RefLen
	s.Segments += o.Segments
}

// score is BLEU-4 with uniform weights and the brevity penalty, without
// smoothing: 0 when some n has no match (or no n-gram at all), and ok false
// when there is no segment to score.
func (s bleuStats) score() (bleu float64, ok bool) {
	if s.Segments == 0 {
		return 0, false
	}
	var logSum float64
	for n := range bleuOrder {
		if s.Matches[n] == 0 {
			return 0, true
		}
		logSum += math.Log(float64(s.Matches[n])/float64(s.Totals[n])) / bleuOrder
	}
	bp := 1.0
	if s.CandidateLen < s.RefLen {
		bp = math.Exp(1 - float64(s.RefLen)/float64(s.CandidateLen))
	}
	return bp * math.Exp(logSum), true
}

// BLEU is the corpus-level BLEU-4 of the candidates, each against the
// reference of the same index (one reference per segment): 0 for an empty
// corpus.
func BLEU(candidates, references [][]string) float64 {
	var s bleuStats
	for i := range min(len(candidates), len(references)) {
		s.add(segmentStats(candidates[i], references[i]))
	}
	b, _ := s.score()
	return b
}

// TokenizeYAML splits YAML text into BLEU's tokens: a word is a run of
// letters, digits and underscores, and every other character but white
// space is a token of its own, so `app.kubernetes.io/name: checkout` is
// app . kubernetes . io / name : checkout, and `- port: 8443` is - port : 8443.
// Indentation is dropped: nesting shows only in the order of the tokens.
// BLEU figures depend on the tokenization. This is the word-and-punctuation
// split of the usual machine-translation tokenizers, applied to YAML; the
// Kunerva+ paper reports BLEU on YAML too, and any difference in
// tokenization (or in the references' names and layout) moves the figure,
// so compare the two as orders of magnitude, not to the last digit.
func TokenizeYAML(text string) []string {
	var tokens []string
	word := -1
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		isWord := r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r)
		if word >= 0 && !isWord {
			tokens = append(tokens, text[word:i])
			word = -1
		}
		switch {
		case isWord && word < 0:
			word = i
		case !isWord && !unicode.IsSpace(r):
			tokens = append(tokens, text[i:i+size]) // as written, even when not UTF-8
		}
		i += size
	}
	if word >= 0 {
		tokens = append(tokens, text[word:])
	}
	return tokens
}
