// Command devsetcheck checks dev-set case files before they join a slice
// (generator/testdata/devset or generator/testdata/sealed): their format,
// their sources, and that every expected policy validates and reads as a
// policy. Run it as `go run ./hack/devsetcheck FILE...`.
package main

// The sources: every case names a public source that is not reserved and
// whose site gives no cases to the other slice. Validating is the schema
// stage, and the checks for cases on a tree. It never runs an engine: case
// writers must not see what the engine makes of their requests.

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/kunerva/kunerva/internal/eval/devset"
	"github.com/kunerva/kunerva/internal/semantic"
	"github.com/kunerva/kunerva/validate"
)

const (
	openDir = "generator/testdata/devset"
	// movedFromSealed holds the cases read after the sealed slice's final
	// scoring; their sites may give cases to both slices.
	movedFromSealed = "ext-moved-from-sealed.yaml"
	sealedDir       = "generator/testdata/sealed"
)

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: go run ./hack/devsetcheck FILE...")
		os.Exit(2)
	}
	n, err := check(context.Background(), os.Args[1:])
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		fmt.Fprintf(os.Stderr, "devsetcheck: %d problems\n", n)
		os.Exit(1)
	}
}

func check(ctx context.Context, files []string) (int, error) {
	others, err := otherCases(files)
	if err != nil {
		return 1, err
	}
	var errs []error
	trees := &devset.Trees{Root: "."}
	for _, f := range files {
		cases, err := devset.Load(f)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		slice := sliceOf(f)
		sites := map[string]int{}
		kinds := map[string]int{}
		for _, c := range cases {
			where := fmt.Sprintf("%s: %s", f, c.Name)
			if prev, dup := others.names[c.Name]; dup {
				errs = append(errs, fmt.Errorf("%s: the name is also used in %s", where, prev))
			}
			site := devset.Site(c.Source)
			switch {
			case c.Source == "":
				errs = append(errs, fmt.Errorf("%s: no source: name the public page, issue or thread the request is modelled on", where))
			case !strings.HasPrefix(c.Source, "https://") && !strings.HasPrefix(c.Source, "http://"):
				errs = append(errs, fmt.Errorf("%s: source %q is not a URL", where, c.Source))
			case devset.Reserved(c.Source) != "":
				errs = append(errs, fmt.Errorf("%s: source %q is reserved for an independent check (%s): model the case on another source", where, c.Source, devset.Reserved(c.Source)))
			}
			if other, used := others.sites[otherSlice(slice)][site]; used && site != "" && filepath.Base(f) != movedFromSealed {
				errs = append(errs, fmt.Errorf("%s: site %s already gives cases to %s (%s): a site gives cases to one slice only", where, site, otherSlice(slice), other))
			}
			sites[site]++
			if c.Refuse != "" {
				kinds["(refuse)"]++
				continue
			}
			kinds[kindFamily(c)]++
			errs = append(errs, checkExpect(ctx, trees, c, where)...)
		}
		fmt.Printf("%s: %d cases; kinds %s; sites %s\n", f, len(cases), counts(kinds), counts(sites))
	}
	return len(errs), errors.Join(errs...)
}

func checkExpect(ctx context.Context, trees *devset.Trees, c devset.Case, where string) []error {
	raw, err := c.ExpectYAML()
	if err != nil {
		return []error{fmt.Errorf("%s: %w", where, err)}
	}
	if _, err := semantic.Diff(raw, raw); err != nil {
		return []error{fmt.Errorf("%s: expect does not read as policies: %w", where, err)}
	}
	docs, err := validate.Parse(where, raw)
	if err != nil {
		return []error{fmt.Errorf("%s: %w", where, err)}
	}
	cfg := validate.Config{Stages: []validate.Stage{validate.StageSchema}, Cluster: validate.ClusterOptions{Mode: validate.ClusterNone}}
	if c.Tree != "" {
		tr, err := trees.Load(c.Tree)
		if err != nil {
			return []error{fmt.Errorf("%s: tree %s: %w", where, c.Tree, err)}
		}
		cfg.Stages = append(cfg.Stages, validate.StageChecks)
		cfg.Cluster.Tree = tr
	}
	findings, err := validate.Run(ctx, cfg, docs)
	if err != nil {
		return []error{fmt.Errorf("%s: could not validate: %w", where, err)}
	}
	var errs []error
	for _, f := range findings {
		if f.Severity != validate.SeverityWarning {
			errs = append(errs, fmt.Errorf("%s: expected policy: %s", where, f))
		}
	}
	return errs
}

// others are the cases already in the two slices, except the files being checked.
type others struct {
	names map[string]string            // case name -> file
	sites map[string]map[string]string // slice -> site -> file
}

func otherCases(files []string) (others, error) {
	o := others{names: map[string]string{}, sites: map[string]map[string]string{"open": {}, "sealed": {}}}
	skip := map[string]bool{}
	for _, f := range files {
		abs, _ := filepath.Abs(f)
		skip[abs] = true
	}
	for slice, dir := range map[string]string{"open": openDir, "sealed": sealedDir} {
		paths, _ := filepath.Glob(filepath.Join(dir, "*.yaml"))
		for _, p := range paths {
			if abs, _ := filepath.Abs(p); skip[abs] {
				continue
			}
			cases, err := devset.Load(p)
			if err != nil {
				return o, fmt.Errorf("read %s: %w", p, err)
			}
			for _, c := range cases {
				o.names[c.Name] = p
				if s := devset.Site(c.Source); s != "" && c.File != movedFromSealed {
					o.sites[slice][s] = p
				}
			}
		}
	}
	return o, nil
}

func sliceOf(file string) string {
	abs, _ := filepath.Abs(file)
	sealed, _ := filepath.Abs(sealedDir)
	if strings.HasPrefix(abs, sealed+string(filepath.Separator)) {
		return "sealed"
	}
	return "open"
}

func otherSlice(s string) string {
	if s == "sealed" {
		return "open"
	}
	return "sealed"
}

func kindFamily(c devset.Case) string {
	k, _ := c.Expect[0]["kind"].(string)
	switch {
	case strings.HasPrefix(k, "Cilium"):
		return "cilium"
	case strings.HasPrefix(k, "KubeArmor"):
		return "kubearmor"
	}
	return "networkpolicy"
}

func counts(m map[string]int) string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var parts []string
	for _, k := range keys {
		parts = append(parts, fmt.Sprintf("%s=%d", k, m[k]))
	}
	return strings.Join(parts, " ")
}
