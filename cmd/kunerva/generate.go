package main

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
	"sigs.k8s.io/yaml"

	"github.com/kunerva/kunerva/generator"
	"github.com/kunerva/kunerva/internal/tree"
)

// engineFlags steer how a request is understood, for generate and propose.
type engineFlags struct {
	namespace, kind          string
	allowDNS, assumeAppLabel bool
}

func (f *engineFlags) register(fl *pflag.FlagSet) {
	fl.StringVarP(&f.namespace, "namespace", "n", "", "namespace of the subject when the request and the tree do not say (default \"default\")")
	fl.StringVar(&f.kind, "kind", "auto", "policy kind: auto, NetworkPolicy (np), CiliumNetworkPolicy (cnp) or KubeArmorPolicy (ksp)")
	fl.BoolVar(&f.allowDNS, "allow-dns", false, "add a DNS allowance to egress allow-lists")
	fl.BoolVar(&f.assumeAppLabel, "assume-app-label", false, "without --tree, read a bare name such as \"nginx\" as the label app=nginx")
}

func (f engineFlags) options() (generator.Options, error) {
	kind, err := generator.ParseKind(f.kind)
	if err != nil {
		return generator.Options{}, usageError{err}
	}
	return generator.Options{Namespace: f.namespace, Kind: kind, AllowDNS: f.allowDNS, AssumeAppLabel: f.assumeAppLabel}, nil
}

type generateFlags struct {
	engineFlags
	tree, output string
}

func newGenerateCommand() *cobra.Command {
	var f generateFlags
	cmd := &cobra.Command{
		Use:   "generate [flags] REQUEST... (or - to read the request from stdin)",
		Short: "Turn a plain-English request into a policy",
		Example: `  kunerva generate --tree examples/shop "block access to /etc/resolv.conf in the nginx pods"
  kunerva generate -n shop -o explain "only pods labeled app=checkout may reach pods labeled app=payments on 8443"`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			request, err := requestText(args, cmd.InOrStdin())
			if err != nil {
				return err
			}
			opts, err := f.options()
			if err != nil {
				return err
			}
			res, err := generator.Generate(cmd.Context(), generator.Builtin{}, request, opts)
			if err != nil {
				return err
			}
			return writeResult(cmd.OutOrStdout(), res, f.output)
		},
	}
	fl := cmd.Flags()
	f.engineFlags.register(fl)
	fl.StringVar(&f.tree, "tree", "", "kustomize tree to resolve workload names against")
	fl.StringVarP(&f.output, "output", "o", "yaml", "output: yaml, json, explain or intent")
	return cmd
}

func (f generateFlags) options() (generator.Options, error) {
	opts, err := f.engineFlags.options()
	if err != nil {
		return opts, err
	}
	switch f.output {
	case "yaml", "json", "explain", "intent":
	default:
		return generator.Options{}, usageError{fmt.Errorf("unknown output %q: use yaml, json, explain or intent", f.output)}
	}
	if f.tree != "" {
		t, err := tree.Load(f.tree)
		if err != nil {
			return generator.Options{}, usageError{err}
		}
		opts.Tree = t
	}
	return opts, nil
}

// requestText joins the arguments, or reads stdin for "-".
func requestText(args []string, stdin io.Reader) (string, error) {
	if len(args) == 1 && args[0] == "-" {
		b, err := io.ReadAll(io.LimitReader(stdin, 64<<10))
		if err != nil {
			return "", fmt.Errorf("read request from stdin: %w", err)
		}
		return strings.TrimSpace(string(b)), nil
	}
	return strings.Join(args, " "), nil
}

func writeResult(w io.Writer, res *generator.Result, output string) error {
	switch output {
	case "explain":
		_, err := io.WriteString(w, res.Explanation)
		return err
	case "intent":
		b, err := json.MarshalIndent(res.Intent, "", "  ")
		if err != nil {
			return err
		}
		_, err = fmt.Fprintf(w, "%s\n", b)
		return err
	case "json":
		var objs []any
		for _, p := range res.Policies {
			objs = append(objs, p.Object)
		}
		var v any = objs
		if len(objs) == 1 {
			v = objs[0]
		} else {
			v = map[string]any{"apiVersion": "v1", "kind": "List", "items": objs}
		}
		b, err := json.MarshalIndent(v, "", "  ")
		if err != nil {
			return err
		}
		_, err = fmt.Fprintf(w, "%s\n", b)
		return err
	}
	for i, p := range res.Policies {
		b, err := yaml.Marshal(p.Object)
		if err != nil {
			return err
		}
		if i > 0 {
			io.WriteString(w, "---\n")
		}
		if _, err := w.Write(b); err != nil {
			return err
		}
	}
	return nil
}
