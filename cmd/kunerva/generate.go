package main

import (
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/kunerva/kunerva/generator"
	"github.com/kunerva/kunerva/generator/llm"
	"github.com/kunerva/kunerva/internal/pipeline"
	"github.com/kunerva/kunerva/internal/settings"
	"github.com/kunerva/kunerva/internal/tree"
	"github.com/kunerva/kunerva/validate"
)

// engineFlags steer how a request is understood, for generate, propose and eval.
type engineFlags struct {
	namespace, kind          string
	allowDNS, assumeAppLabel bool
	engine                   string
	llm                      llm.Config
	apiKeyEnv                string
}

// register adds the flags of one request and those of the engine.
func (f *engineFlags) register(fl *pflag.FlagSet) {
	f.registerRequest(fl)
	f.registerEngine(fl)
}

func (f *engineFlags) registerRequest(fl *pflag.FlagSet) {
	fl.StringVarP(&f.namespace, "namespace", "n", "", "namespace of the subject when the request and the tree do not say (default \"default\")")
	fl.StringVar(&f.kind, "kind", "auto", "policy kind: auto, NetworkPolicy (np), CiliumNetworkPolicy (cnp) or KubeArmorPolicy (ksp)")
	fl.BoolVar(&f.allowDNS, "allow-dns", false, "add a DNS allowance to egress allow-lists")
	fl.BoolVar(&f.assumeAppLabel, "assume-app-label", false, "without --tree, read a bare name such as \"nginx\" as the label app=nginx")
}

// registerEngine adds the engine's flags. Their zero values leave a
// repository's settings (for propose) or the LLM engine's defaults in place.
func (f *engineFlags) registerEngine(fl *pflag.FlagSet) {
	fl.StringVar(&f.engine, "engine", "", "how the request is understood: builtin (deterministic, offline), llm (an OpenAI-compatible model) or auto (builtin, then the model for what it does not understand) (default: the repository settings' engine, else builtin)")
	fl.StringVar(&f.llm.BaseURL, "llm-base-url", os.Getenv("KUNERVA_LLM_BASE_URL"), "the OpenAI-compatible API, e.g. https://api.openai.com/v1 or http://localhost:11434/v1 (default $KUNERVA_LLM_BASE_URL)")
	fl.StringVar(&f.llm.Model, "llm-model", os.Getenv("KUNERVA_LLM_MODEL"), "the model (Azure: the deployment) (default $KUNERVA_LLM_MODEL)")
	fl.StringVar(&f.apiKeyEnv, "llm-api-key-env", "", "the environment variable that holds the API key, never the key itself (default OPENAI_API_KEY)")
	fl.StringVar(&f.llm.APIType, "llm-api-type", "", "openai (also Ollama, vLLM, llama.cpp) or azure (default openai)")
	fl.StringVar(&f.llm.APIVersion, "llm-api-version", "", "Azure OpenAI's api-version")
	fl.StringVar(&f.llm.Output, "llm-output", "", "how the JSON answer is asked for: json_schema, tool or json (default: json_schema, stepping down when the server refuses it)")
	fl.IntVar(&f.llm.Attempts, "llm-attempts", 0, "answers the model may give before kunerva gives up; problems in each go back to it (default 3)")
	fl.DurationVar(&f.llm.Timeout, "llm-timeout", 0, "the longest one call to the model may take, retries included (default 2m)")
	fl.IntVar(&f.llm.TokenBudget, "llm-token-budget", 0, "the most tokens (prompt and answer, all attempts) one request may spend (default 40000)")
}

func (f engineFlags) options() (generator.Options, error) {
	kind, err := generator.ParseKind(f.kind)
	if err != nil {
		return generator.Options{}, usageError{err}
	}
	return generator.Options{Namespace: f.namespace, Kind: kind, AllowDNS: f.allowDNS, AssumeAppLabel: f.assumeAppLabel}, nil
}

// newEngine builds the engine the flags, else the settings (nil: none),
// name; logf reports the LLM's retries and repairs.
func (f engineFlags) newEngine(s *settings.Settings, logf func(string, ...any)) (generator.Engine, error) {
	o := pipeline.Override{Engine: f.engine, APIKeyEnv: f.apiKeyEnv, LLM: f.llm}
	o.LLM.Logf = logf
	e, err := pipeline.NewEngine(s, o, nil)
	if err != nil {
		return nil, usageError{err}
	}
	return e, nil
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
			engine, err := f.newEngine(nil, logTo(cmd.ErrOrStderr()))
			if err != nil {
				return err
			}
			// A model's answers are checked against the schemas and the tree
			// before one is accepted; propose also dry-runs them.
			validator := &pipeline.Validator{Config: validate.Config{Stages: []validate.Stage{validate.StageSchema, validate.StageChecks},
				Cluster: validate.ClusterOptions{Mode: validate.ClusterNone, Tree: opts.Tree}}}
			defer validator.Close(cmd.Context())
			opts.Review = validator.Review
			res, err := generator.Generate(cmd.Context(), engine, request, opts)
			if err != nil {
				return err
			}
			return res.Write(cmd.OutOrStdout(), f.output)
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
	if !slices.Contains(generator.Outputs, f.output) {
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

// logTo prints progress lines, such as an LLM's retries, to w.
func logTo(w io.Writer) func(string, ...any) {
	return func(format string, args ...any) { fmt.Fprintf(w, format+"\n", args...) }
}
