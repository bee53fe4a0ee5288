package eval

import (
	"bytes"
	"cmp"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"slices"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/kunerva/kunerva/generator"
	"github.com/kunerva/kunerva/validate"
)

// Outcome is what became of one case.
type Outcome string

// Outcomes of a case with expected policies.
const (
	// Match: valid policies that mean what the expected ones mean.
	Match Outcome = "match"
	// Mismatch: valid policies that mean something else.
	Mismatch Outcome = "mismatch"
	// Invalid: some stage found an error in the policies, whatever they mean
	// (CaseResult.Match says whether they matched).
	Invalid Outcome = "invalid"
	// Refused: the engine refused a clear request.
	Refused Outcome = "refused"
	// Error: the engine failed (not a refusal), or its policies could not be
	// read; for either kind of case.
	Error Outcome = "error"
)

// Outcomes of a case that must be refused.
const (
	// CorrectlyRefused: refused; CaseResult.PhraseFound says whether the
	// message contains the dataset's phrase.
	CorrectlyRefused Outcome = "refused-correctly"
	// Answered: policies for a request that must be refused.
	Answered Outcome = "answered"
)

// KindRefusal is the kind of must-refuse cases in the per-kind breakdown.
const KindRefusal = "refusal"

// Report is an evaluation's result. Rates are fractions from 0 to 1, null
// when there is nothing to divide by; latencies are in milliseconds.
type Report struct {
	Engine   string   `json:"engine"`
	Datasets []string `json:"datasets,omitempty"`
	// Stages are the validation stages that ran.
	Stages []validate.Stage `json:"stages"`
	Total  Summary          `json:"total"`
	// Slices are per dataset (the open set and the sealed slice are
	// reported apart), by name.
	Slices []Summary `json:"slices"`
	// Families are per intent family (the case's file, without .yaml), by name.
	Families []Summary `json:"families"`
	// Kinds are per expected kind (the first expected policy's, or
	// "refusal"), by name.
	Kinds []Summary    `json:"kinds"`
	Cases []CaseResult `json:"cases"`
}

// CaseResult is one case's record.
type CaseResult struct {
	Name   string `json:"name"`
	Slice  string `json:"slice"`
	Family string `json:"family"`
	Kind   string `json:"kind"`
	// MustRefuse: the dataset wants a refusal, not policies.
	MustRefuse bool    `json:"mustRefuse"`
	Outcome    Outcome `json:"outcome"`
	// LatencyMs is the time the engine took to understand and render (an
	// LLM's repair loop included), not the validation's.
	LatencyMs float64 `json:"latencyMs"`
	// Match: the generated policies mean what the expected ones mean.
	Match bool `json:"match"`
	// Valid is null when no policies were produced.
	Valid *bool `json:"valid"`
	// PhraseFound is set for correctly refused cases.
	PhraseFound *bool `json:"phraseFound,omitempty"`
	// Message is the refusal, the error, or the differences from the
	// expected policies and the error findings, one per line.
	Message string `json:"message,omitempty"`

	// Engine is the engine that answered (with auto, builtin or llm);
	// Usage what a model spent on the answer.
	Engine string           `json:"engine,omitempty"`
	Usage  *generator.Usage `json:"usage,omitempty"`

	bleu bleuStats // no Segments when not scored
}

// Summary aggregates a group of cases.
type Summary struct {
	Name string `json:"name"`
	// Cases = ExpectCases + MustRefuseCases.
	Cases           int `json:"cases"`
	ExpectCases     int `json:"expectCases"`
	MustRefuseCases int `json:"mustRefuseCases"`
	// Outcomes count the cases by outcome; they add up to Cases.
	Outcomes Outcomes `json:"outcomes"`
	// Matched counts the answers semantically equal to the expected
	// policies, valid or not: the outcome match and some invalid ones.
	Matched int `json:"matched"`
	// PhraseFound counts the correct refusals whose message contains the
	// dataset's phrase.
	PhraseFound int `json:"phraseFound"`
	// Wrong counts the answers that are no refusal and not what was
	// expected: policies that mean something else (valid or not), and
	// policies for a request that must be refused.
	Wrong int `json:"wrong"`
	// Produced counts the cases that produced policies; Valid those of them
	// that passed every stage.
	Produced int `json:"produced"`
	Valid    int `json:"valid"`

	// MatchRate = Matched / ExpectCases.
	MatchRate *float64 `json:"matchRate"`
	// ValidityRate = Valid / Produced.
	ValidityRate *float64 `json:"validityRate"`
	// RefusalRate = Outcomes.Refused / ExpectCases.
	RefusalRate *float64 `json:"refusalRate"`
	// CorrectRefusalRate = Outcomes.RefusedCorrectly / MustRefuseCases.
	CorrectRefusalRate *float64 `json:"correctRefusalRate"`
	// BLEU is corpus BLEU-4 over the cases with expected policies that
	// produced policies.
	BLEU *float64 `json:"bleu"`

	Latency Latency `json:"latency"`
	// Model sums what a model spent on the group's answers.
	Model ModelUsage `json:"model"`
}

// ModelUsage sums a model's usage over the answers it gave.
type ModelUsage struct {
	Answers          int `json:"answers"` // answers by a model, of the group's
	Attempts         int `json:"attempts"`
	PromptTokens     int `json:"promptTokens"`
	CompletionTokens int `json:"completionTokens"`
	TotalTokens      int `json:"totalTokens"`
}

// Outcomes count cases by outcome.
type Outcomes struct {
	Match            int `json:"match"`
	Mismatch         int `json:"mismatch"`
	Invalid          int `json:"invalid"`
	Refused          int `json:"refused"`
	Error            int `json:"error"`
	RefusedCorrectly int `json:"refusedCorrectly"`
	Answered         int `json:"answered"`
}

// Latency of the engine over a group's cases (nearest-rank percentiles).
type Latency struct {
	P50Ms float64 `json:"p50Ms"`
	P90Ms float64 `json:"p90Ms"`
	MaxMs float64 `json:"maxMs"`
}

func newReport(engine string, stages []validate.Stage, cases []CaseResult) *Report {
	r := &Report{Engine: engine, Stages: stages, Cases: cases}
	r.Total = summarize("all", cases)
	r.Slices = breakdown(cases, func(c CaseResult) string { return c.Slice })
	r.Families = breakdown(cases, func(c CaseResult) string { return c.Family })
	r.Kinds = breakdown(cases, func(c CaseResult) string { return c.Kind })
	return r
}

func breakdown(cases []CaseResult, key func(CaseResult) string) []Summary {
	groups := map[string][]CaseResult{}
	for _, c := range cases {
		groups[key(c)] = append(groups[key(c)], c)
	}
	out := []Summary{}
	for name, cs := range groups {
		out = append(out, summarize(name, cs))
	}
	slices.SortFunc(out, func(a, b Summary) int { return cmp.Compare(a.Name, b.Name) })
	return out
}

func summarize(name string, cases []CaseResult) Summary {
	s := Summary{Name: name, Cases: len(cases)}
	var bleu bleuStats
	var latencies []float64
	for _, c := range cases {
		latencies = append(latencies, c.LatencyMs)
		bleu.add(c.bleu)
		if u := c.Usage; u != nil {
			s.Model.Answers++
			s.Model.Attempts += u.Attempts
			s.Model.PromptTokens += u.PromptTokens
			s.Model.CompletionTokens += u.CompletionTokens
			s.Model.TotalTokens += u.TotalTokens
		}
		if c.MustRefuse {
			s.MustRefuseCases++
		} else {
			s.ExpectCases++
		}
		if c.Valid != nil {
			s.Produced++
			if *c.Valid {
				s.Valid++
			}
		}
		if c.Match {
			s.Matched++
		}
		if c.PhraseFound != nil && *c.PhraseFound {
			s.PhraseFound++
		}
		o := &s.Outcomes
		switch c.Outcome {
		case Match:
			o.Match++
		case Mismatch:
			o.Mismatch++
		case Invalid:
			o.Invalid++
		case Refused:
			o.Refused++
		case Error:
			o.Error++
		case CorrectlyRefused:
			o.RefusedCorrectly++
		case Answered:
			o.Answered++
		}
		if c.Outcome == Mismatch || c.Outcome == Invalid && !c.Match || c.Outcome == Answered {
			s.Wrong++
		}
	}
	s.MatchRate = rate(s.Matched, s.ExpectCases)
	s.ValidityRate = rate(s.Valid, s.Produced)
	s.RefusalRate = rate(s.Outcomes.Refused, s.ExpectCases)
	s.CorrectRefusalRate = rate(s.Outcomes.RefusedCorrectly, s.MustRefuseCases)
	if b, ok := bleu.score(); ok {
		s.BLEU = &b
	}
	slices.Sort(latencies)
	s.Latency = Latency{P50Ms: percentile(latencies, 50), P90Ms: percentile(latencies, 90), MaxMs: percentile(latencies, 100)}
	return s
}

func rate(n, of int) *float64 {
	if of == 0 {
		return nil
	}
	r := float64(n) / float64(of)
	return &r
}

// percentile is the nearest-rank percentile of sorted values.
func percentile(sorted []float64, p float64) float64 {
	if len(sorted) == 0 {
		return 0
	}
	i := int(math.Ceil(p/100*float64(len(sorted)))) - 1
	return sorted[max(i, 0)]
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

// WriteTable writes the report as an aligned table: the overall row, one
// row per family and one per kind, then the counts behind the rates. "-"
// stands for a rate with nothing to divide by.
func (r *Report) WriteTable(w io.Writer) error {
	var table bytes.Buffer
	tw := tabwriter.NewWriter(&table, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "GROUP\tCASES\tMATCH\tWRONG\tVALID\tREFUSED\tREFUSED OK\tBLEU\tP50")
	row := func(indent string, s Summary) {
		bleu := "-"
		if s.BLEU != nil {
			bleu = fmt.Sprintf("%.3f", *s.BLEU)
		}
		fmt.Fprintf(tw, "%s%s\t%d\t%s\t%d\t%s\t%s\t%s\t%s\t%s\n", indent, s.Name, s.Cases, percent(s.MatchRate), s.Wrong, percent(s.ValidityRate),
			percent(s.RefusalRate), percent(s.CorrectRefusalRate), bleu, latency(s.Latency.P50Ms))
	}
	row("", r.Total)
	for _, section := range []struct {
		title string
		rows  []Summary
	}{{"per slice", r.Slices}, {"per family", r.Families}, {"per kind", r.Kinds}} {
		if section.title == "per slice" && len(section.rows) < 2 {
			continue
		}
		fmt.Fprintf(tw, "%s:\t\t\t\t\t\t\t\t\n", section.title)
		for _, s := range section.rows {
			row("  ", s)
		}
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	// The section titles' empty cells leave trailing blanks.
	for line := range strings.Lines(table.String()) {
		if _, err := io.WriteString(w, strings.TrimRight(line, " \n")+"\n"); err != nil {
			return err
		}
	}
	t, o := r.Total, r.Total.Outcomes
	_, err := fmt.Fprintf(w, "\n%s engine, stages %s, %d cases:\n"+
		"  %d with expected policies: %d match, %d mismatch, %d invalid (%d of them matching), %d refused, %d errors\n"+
		"  %d must be refused: %d refused (%d saying the expected phrase), %d answered, %d errors\n"+
		"  %d of %d answers valid; latency p50 %s, p90 %s, max %s\n",
		r.Engine, joinStages(r.Stages), t.Cases,
		t.ExpectCases, o.Match, o.Mismatch, o.Invalid, t.Matched-o.Match, o.Refused, errorsOf(r.Cases, false),
		t.MustRefuseCases, o.RefusedCorrectly, t.PhraseFound, o.Answered, errorsOf(r.Cases, true),
		t.Valid, t.Produced, latency(t.Latency.P50Ms), latency(t.Latency.P90Ms), latency(t.Latency.MaxMs))
	if m := t.Model; err == nil && m.Answers > 0 {
		_, err = fmt.Fprintf(w, "  the model answered %d cases in %d attempts, spending %d tokens (%d prompt, %d completion), %d per answer\n",
			m.Answers, m.Attempts, m.TotalTokens, m.PromptTokens, m.CompletionTokens, m.TotalTokens/m.Answers)
	}
	return err
}

func errorsOf(cases []CaseResult, mustRefuse bool) int {
	n := 0
	for _, c := range cases {
		if c.Outcome == Error && c.MustRefuse == mustRefuse {
			n++
		}
	}
	return n
}

func percent(r *float64) string {
	if r == nil {
		return "-"
	}
	return fmt.Sprintf("%.1f%%", *r*100)
}

func latency(ms float64) string {
	if ms < 10 {
		return fmt.Sprintf("%.2fms", ms)
	}
	return fmt.Sprintf("%.0fms", ms)
}

func joinStages(stages []validate.Stage) string {
	var names []string
	for _, s := range stages {
		names = append(names, string(s))
	}
	return strings.Join(names, ",")
}

// Write prints the report as json, or else as the table.
func (r *Report) Write(w io.Writer, output string) error {
	if output == "json" {
		b, err := json.MarshalIndent(r, "", "  ")
		if err != nil {
			return err
		}
		_, err = fmt.Fprintf(w, "%s\n", b)
		return err
	}
	return r.WriteTable(w)
}
