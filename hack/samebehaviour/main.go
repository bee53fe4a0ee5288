// Command samebehaviour proves that two kunerva binaries behave the same
// (issue 10: the re-layering must not change behaviour): over every dev-set
// and sealed case and a fixed list of other command lines, both must write
// byte-identical stdout and stderr and exit with the same code.
package main

// Run it from the repository root:
//
//	go run ./hack/samebehaviour -old /tmp/old -new /tmp/new [-j 4] [-short]
//
// The outputs of sealed cases are never printed, nor their requests: a
// difference there is reported only as "sealed case #<index> differs".

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"time"

	"github.com/kunerva/kunerva/internal/eval/devset"
)

// run is one command line, run once with each binary.
type run struct {
	label  string // what to print when the two differ
	args   []string
	sealed bool // print nothing but the label
}

// result is what one binary did with one run.
type result struct {
	stdout, stderr string
	code           int
	err            string // a failure to run, or a timeout
}

var (
	hashRE   = regexp.MustCompile(`\b[0-9a-f]{40}\b`)
	commitRE = regexp.MustCompile(`(commit:? )[0-9a-f]{7,}\b`)
	msRE     = regexp.MustCompile(`("\w*Ms": )[0-9.eE+-]+`)
	durRE    = regexp.MustCompile(`\b\d+(\.\d+)?(ns|µs|us|ms|s)\b`)
)

func main() {
	oldBin := flag.String("old", "", "the kunerva binary before the change")
	newBin := flag.String("new", "", "the kunerva binary after the change")
	jobs := flag.Int("j", 4, "runs in parallel")
	short := flag.Bool("short", false, "only the cases' own flags, for every 20th case")
	flag.Parse()
	if *oldBin == "" || *newBin == "" || *jobs < 1 {
		fmt.Fprintln(os.Stderr, "usage: samebehaviour -old BIN -new BIN [-j N] [-short]")
		os.Exit(2)
	}
	start := time.Now()
	runs, nCases, nGen, err := plan(*short)
	if err != nil {
		fmt.Fprintln(os.Stderr, "samebehaviour:", err)
		os.Exit(2)
	}
	diffs := make([]string, len(runs))
	var wg sync.WaitGroup
	next := make(chan int)
	for w := 0; w < *jobs; w++ {
		wg.Go(func() {
			for i := range next {
				diffs[i] = compare(runs[i], execute(*oldBin, runs[i]), execute(*newBin, runs[i]))
			}
		})
	}
	for i := range runs {
		next <- i
	}
	close(next)
	wg.Wait()
	d := 0
	for _, s := range diffs {
		if s != "" {
			d++
			fmt.Print(s)
		}
	}
	fmt.Printf("compared %d runs (%d generate runs over %d cases, %d other runs): %d differ\n",
		len(runs), nGen, nCases, len(runs)-nGen, d)
	fmt.Printf("wall time %s\n", time.Since(start).Round(time.Millisecond))
	if d > 0 {
		os.Exit(1)
	}
}

// plan lists the runs: the generate runs of every case first, then the others.
func plan(short bool) (runs []run, nCases, nGen int, err error) {
	if runs, nCases, err = generateRuns(short); err != nil {
		return nil, 0, 0, err
	}
	nGen = len(runs)
	others, err := otherRuns()
	return append(runs, others...), nCases, nGen, err
}

// generateRuns are the generate runs of the cases of the dev set and the
// sealed slice, with the cases' own flags and others.
func generateRuns(short bool) (runs []run, nCases int, err error) {
	for _, dir := range []string{"generator/testdata/devset", "generator/testdata/sealed"} {
		cases, err := devset.Load(dir)
		if err != nil {
			return nil, 0, err
		}
		sealed := strings.HasSuffix(dir, "sealed")
		for i, c := range cases {
			if short && i%20 != 0 {
				continue
			}
			nCases++
			label := c.Name
			if sealed {
				label = fmt.Sprintf("sealed case #%d", i)
			}
			add := func(kind, tree string, app bool, extra ...string) {
				args := []string{"generate", c.Request}
				for _, f := range [][2]string{{"--tree", tree}, {"-n", c.Namespace}, {"--kind", kind}} {
					if f[1] != "" {
						args = append(args, f[0], f[1])
					}
				}
				if c.AllowDNS {
					args = append(args, "--allow-dns")
				}
				if app {
					args = append(args, "--assume-app-label")
				}
				runs = append(runs, run{label: label, args: append(args, extra...), sealed: sealed})
			}
			add(c.Kind, c.Tree, c.AssumeAppLabel)
			if short {
				continue
			}
			for _, o := range []string{"intent", "explain", "json"} {
				add(c.Kind, c.Tree, c.AssumeAppLabel, "-o", o)
			}
			if i%10 == 0 {
				for _, k := range []string{"np", "cnp", "ksp"} {
					add(k, c.Tree, c.AssumeAppLabel)
				}
				if c.Tree == "" {
					add(c.Kind, "examples/shop", c.AssumeAppLabel)
				}
				add(c.Kind, c.Tree, true)
			}
		}
	}
	return runs, nCases, nil
}

// otherRuns are the runs of the other commands, and of command lines that
// are refused.
func otherRuns() (runs []run, err error) {
	other := func(args ...string) {
		runs = append(runs, run{label: "kunerva " + strings.Join(args, " "), args: args})
	}
	err = filepath.WalkDir("examples/shop", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".yaml") {
			for _, o := range []string{"text", "json", "sarif", "github"} {
				other("validate", "--cluster", "none", "-o", o, p)
			}
			other("validate", "--cluster", "none", "--tree", "examples/shop", p)
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	invalid, _ := filepath.Glob("validate/testdata/invalid/*.yaml")
	for _, p := range invalid {
		// Findings, and the exit code 1 they give, in every format.
		for _, o := range []string{"text", "json", "sarif", "github"} {
			other("validate", "--cluster", "none", "--stages", "schema,checks", "-o", o, p)
		}
	}
	// Command lines cobra or the flags refuse, and the help and completion commands.
	for _, args := range [][]string{{"bogus"}, {"check", "extra"}, {"generate", "--bogus", "x"}, {"help"}, {"help", "bogus"},
		{"completion", "bash"}, {}, {"validate"}, {"controlplane", "bogus"}, {"eval"}, {"propose"}, {"__complete", "generate", "--k"},
		{"generate", "-o"}, {"controlplane", "install", "--bogus"}, {"validate", "--stages", "bogus", "x.yaml"}} {
		other(args...)
	}
	other("validate", "--cluster", "none", "does/not/exist.yaml")
	other("generate")
	other("generate", "--kind", "bogus", "x")
	other("generate", "-o", "bogus", "x")
	first, _ := filepath.Glob("generator/testdata/devset/*.yaml")
	if len(first) == 0 {
		return nil, errors.New("generator/testdata/devset: no *.yaml files")
	}
	other("eval", "--cluster", "none", "--dataset", first[0])
	other("eval", "--cluster", "none", "--dataset", first[0], "-o", "json")
	for _, c := range []string{"generate", "validate", "propose", "check", "eval", "action", "controlplane"} {
		other(c, "--help")
	}
	for _, r := range []string{
		"only the checkout pods may reach the payments pods on port 8443",
		"block access to /etc/shadow in the nginx pods",
		"do something nice",
	} {
		// --demo wants a directory that does not exist yet: DIR/demo,
		// DIR being a fresh temporary directory per binary per run.
		other("propose", "--cluster", "none", "--demo", "DIR/demo", r)
	}
	return runs, nil
}

// execute runs bin with r's arguments from the current directory.
func execute(bin string, r run) result {
	dir, err := os.MkdirTemp("", "samebehaviour")
	if err != nil {
		return result{err: err.Error()}
	}
	defer os.RemoveAll(dir)
	args := append([]string(nil), r.args...)
	for i, a := range args {
		if a == "DIR/demo" {
			args[i] = filepath.Join(dir, "demo") // the value of --demo
		}
	}
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	var stdout, stderr bytes.Buffer
	cmd := exec.CommandContext(ctx, bin, args...)
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err = cmd.Run()
	eval := len(r.args) > 0 && r.args[0] == "eval"
	res := result{norm(stdout.String(), dir, eval), norm(stderr.String(), dir, eval), cmd.ProcessState.ExitCode(), ""}
	if ctx.Err() != nil {
		res.err = "timed out after 60s"
	} else if err != nil && !errors.As(err, new(*exec.ExitError)) {
		res.err = err.Error()
	}
	return res
}

// norm replaces what may rightly differ between two runs: the temporary
// directory, commit hashes and, for eval, latencies.
func norm(s, dir string, eval bool) string {
	s = strings.ReplaceAll(s, dir, "DIR")
	s = hashRE.ReplaceAllString(s, "HASH")
	s = commitRE.ReplaceAllString(s, "${1}HASH")
	if eval {
		s = durRE.ReplaceAllString(msRE.ReplaceAllString(s, "${1}N"), "N")
	}
	return s
}

// compare describes how a and b differ, or returns "" when they do not.
func compare(r run, a, b result) string {
	var what []string
	var sb strings.Builder
	if a.stdout != b.stdout {
		what = append(what, "stdout")
		firstDiff(&sb, "stdout", a.stdout, b.stdout)
	}
	if a.stderr != b.stderr {
		what = append(what, "stderr")
		firstDiff(&sb, "stderr", a.stderr, b.stderr)
	}
	if a.code != b.code {
		what = append(what, "exit")
		fmt.Fprintf(&sb, "  exit: old %d, new %d\n", a.code, b.code)
	}
	if a.err != "" || b.err != "" {
		what = append(what, "run error")
		fmt.Fprintf(&sb, "  run error: old %q, new %q\n", a.err, b.err)
	}
	switch {
	case len(what) == 0:
		return ""
	case r.sealed:
		return r.label + " differs\n"
	}
	return fmt.Sprintf("%s: %s differ\n%s", r.label, strings.Join(what, ", "), sb.String())
}

// firstDiff writes the first line where a and b differ, from each side.
func firstDiff(sb *strings.Builder, name, a, b string) {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	i := 0
	for i < len(al) && i < len(bl) && al[i] == bl[i] {
		i++
	}
	fmt.Fprintf(sb, "  %s line %d:\n    old: %s\n    new: %s\n", name, i+1, line(al, i), line(bl, i))
}

// line returns line i of ls, truncated to 200 characters, or <EOF>.
func line(ls []string, i int) string {
	if i >= len(ls) {
		return "<EOF>"
	}
	if r := []rune(ls[i]); len(r) > 200 {
		return string(r[:200]) + "…"
	}
	return ls[i]
}
