package builtin_test

import (
	"context"
	"testing"

	"github.com/kunerva/kunerva/generator"
	"github.com/kunerva/kunerva/generator/builtin"
	"github.com/kunerva/kunerva/internal/tree"
)

var benchSink *generator.Result

// BenchmarkGenerate runs the whole dev set through the built-in engine each
// iteration; ns/request is the figure to watch. Refusals count as requests:
// the engine does the same work to reach them.
func BenchmarkGenerate(b *testing.B) {
	cases := loadCases(b, "devset")
	opts := make([]generator.Options, len(cases))
	for i, c := range cases {
		opts[i] = options(b, c) // loads each tree once, before the timer starts
	}
	ctx := context.Background()
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		for i, c := range cases {
			res, _ := generator.Generate(ctx, builtin.Engine{}, c.Request, opts[i])
			benchSink = res
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(cases)), "ns/request")
}

// BenchmarkTreeLoad builds and indexes the shop tree, as `generate --tree` does
// on every run.
func BenchmarkTreeLoad(b *testing.B) {
	b.ReportAllocs()
	for range b.N {
		if _, err := tree.Load("../../examples/shop"); err != nil {
			b.Fatal(err)
		}
	}
}
