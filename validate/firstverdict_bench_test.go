package validate

import (
	"slices"
	"testing"
	"time"

	"github.com/kunerva/kunerva/internal/controlplane"
	"github.com/kunerva/kunerva/internal/tree"
)

// BenchmarkFirstVerdict measures what `kunerva validate --tree examples/shop
// policy.yaml` spends before its verdict, phase by phase, on a new local
// control plane each time: start (etcd and kube-apiserver until ready), the
// seed (CRDs established, namespaces, the tree's objects), the setup of
// each stage and the stage, and the stop. It reports each phase's median in
// milliseconds. "prepared" starts from the etcd data a previous run kept,
// as every run but a machine's first does; "unprepared" prepares it first,
// as that first run does. hack/firstverdict.sh times the built command.
//
//	go test -run '^$' -bench FirstVerdict -benchtime 5x ./validate/
func BenchmarkFirstVerdict(b *testing.B) {
	if testing.Short() {
		b.Skip("-short: the local control plane is not started")
	}
	bins, err := controlplane.FindBinaries()
	if err != nil {
		b.Fatalf("the local control plane is needed: %v", err)
	}
	shop := loadShop(b)
	docs, err := ReadPaths([]string{"testdata/bench/allow-db.yaml"}, nil)
	if err != nil {
		b.Fatal(err)
	}
	seed, err := crdSeed()
	if err != nil {
		b.Fatal(err)
	}
	cacheDir := b.TempDir()
	b.Run("prepared", func(b *testing.B) {
		seed := seed
		seed.Dir = b.TempDir()
		cp, err := controlplane.StartSeeded(b.Context(), bins, seed)
		if err != nil {
			b.Fatal(err)
		}
		cp.Stop()
		firstVerdicts(b, bins, seed, shop, docs, cacheDir)
	})
	b.Run("unprepared", func(b *testing.B) {
		firstVerdicts(b, bins, seed, shop, docs, cacheDir)
	})
}

// firstVerdicts times b.N first verdicts; a seed without a directory gets
// a new one each time.
func firstVerdicts(b *testing.B, bins controlplane.Binaries, seed controlplane.Seed, shop *tree.Tree, docs []Document, cacheDir string) {
	ctx := b.Context()
	var p phases
	for b.Loop() {
		s := seed
		if s.Dir == "" {
			b.StopTimer()
			s.Dir = b.TempDir()
			b.StartTimer()
		}
		p.begin()
		cp, err := controlplane.StartSeeded(ctx, bins, s)
		if err != nil {
			b.Fatal(err)
		}
		p.end("start")
		steps := []benchStep{
			{"crds", func() error { return waitCRDsServed(ctx, cp.Config) }},
			{"namespaces", func() error { return createNamespaces(ctx, cp.Config, docs, shop) }},
			{"objects", func() error {
				objs, err := treeObjects(shop, false)
				if err != nil {
					return err
				}
				return applyAll(ctx, cp.Config, objs)
			}},
		}
		for _, st := range []Stage{StageSchema, StageDryRun, StageChecks} {
			var s *Session
			steps = append(steps,
				benchStep{string(st) + "-setup", func() (err error) {
					s, err = Open(ctx, Config{Stages: []Stage{st}, CacheDir: cacheDir, Cluster: ClusterOptions{REST: cp.Config, Tree: shop}}, docs)
					return err
				}},
				benchStep{string(st), func() error {
					fs, err := s.Validate(ctx, docs)
					if err == nil && HasErrors(fs) {
						b.Fatalf("the policy does not pass the %s stage:\n%s", st, findingLines(fs))
					}
					return err
				}})
		}
		for _, st := range steps {
			if err := st.run(); err != nil {
				cp.Stop()
				b.Fatalf("%s: %v", st.name, err)
			}
			p.end(st.name)
		}
		if err := cp.Stop(); err != nil {
			b.Fatal(err)
		}
		p.end("stop")
	}
	p.report(b)
}

// benchStep is one timed phase of BenchmarkFirstVerdict.
type benchStep struct {
	name string
	run  func() error
}

// phases collects the durations of named phases over a benchmark's
// iterations and reports each one's median.
type phases struct {
	last  time.Time
	t0    time.Time
	order []string
	took  map[string][]time.Duration
}

func (p *phases) begin() {
	p.last = time.Now()
	p.t0 = p.last
}

func (p *phases) end(name string) {
	now := time.Now()
	p.add(name, now.Sub(p.last))
	p.last = now
	if name == "stop" {
		p.add("total", now.Sub(p.t0))
	}
}

func (p *phases) add(name string, d time.Duration) {
	if p.took == nil {
		p.took = map[string][]time.Duration{}
	}
	if _, ok := p.took[name]; !ok {
		p.order = append(p.order, name)
	}
	p.took[name] = append(p.took[name], d)
}

func (p *phases) report(b *testing.B) {
	for _, name := range p.order {
		ds := slices.Clone(p.took[name])
		slices.Sort(ds)
		b.ReportMetric(float64(ds[len(ds)/2])/float64(time.Millisecond), "ms-"+name)
	}
}
