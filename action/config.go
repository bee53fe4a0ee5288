package action

import (
	"errors"
	"fmt"
	"path"
	"slices"
	"strings"
	"time"

	"sigs.k8s.io/yaml"

	"github.com/kunerva/kunerva/generator"
)

// Config is the repository's own settings, .github/kunerva.yaml by default,
// read from the base branch so that a pull request cannot widen them:
//
//	namespaces: [shop, "team-*"]   # namespaces the bot may write policies for
//	kinds: [NetworkPolicy, KubeArmorPolicy]
//	treeRoot: deploy               # the kustomize tree, relative to the repository
//	engine: auto                   # builtin (default), llm or auto
//	llm:                           # for engine llm or auto; the action's inputs override these
//	  baseURL: https://api.openai.com/v1
//	  model: gpt-4o-mini
//	  apiKeyEnv: OPENAI_API_KEY    # the variable holding the key, never the key
//	  attempts: 3
//	  timeout: 2m
//	  tokenBudget: 40000
//
// An empty list allows everything. The file is optional; unknown fields and
// duplicate keys are errors, so that a misspelt allow-list is not silently
// an open one.
type Config struct {
	// Namespaces are path.Match patterns. When set, cluster-scoped policies
	// (which reach every namespace) are refused.
	Namespaces []string `json:"namespaces,omitempty"`
	// Kinds are policy kinds or their aliases (np, cnp, ksp, ...).
	Kinds    []string `json:"kinds,omitempty"`
	TreeRoot string   `json:"treeRoot,omitempty"`
	// Engine is builtin, llm or auto.
	Engine string    `json:"engine,omitempty"`
	LLM    LLMConfig `json:"llm,omitempty"`

	kinds []generator.Kind
}

// LLMConfig is the settings file's llm section.
type LLMConfig struct {
	BaseURL     string `json:"baseURL,omitempty"`
	Model       string `json:"model,omitempty"`
	APIType     string `json:"apiType,omitempty"`
	APIVersion  string `json:"apiVersion,omitempty"`
	APIKeyEnv   string `json:"apiKeyEnv,omitempty"`
	Output      string `json:"output,omitempty"`
	Attempts    int    `json:"attempts,omitempty"`
	Timeout     string `json:"timeout,omitempty"`
	TokenBudget int    `json:"tokenBudget,omitempty"`

	timeout time.Duration
}

// parseConfig reads the settings file; name is for messages.
func parseConfig(name string, data []byte) (*Config, error) {
	var c Config
	if err := yaml.UnmarshalStrict(data, &c); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	var errs []error
	for _, ns := range c.Namespaces {
		if _, err := path.Match(ns, ""); err != nil || ns == "" {
			errs = append(errs, fmt.Errorf("%s: namespaces: %q is not a namespace or a pattern such as team-*", name, ns))
		}
	}
	for _, k := range c.Kinds {
		kind, err := generator.ParseKind(k)
		if err == nil && kind == generator.KindAuto {
			err = errors.New("auto is not a kind")
		}
		if err != nil {
			errs = append(errs, fmt.Errorf("%s: kinds: %w", name, err))
			continue
		}
		c.kinds = append(c.kinds, kind)
	}
	if c.TreeRoot != "" {
		if err := checkRelative(c.TreeRoot); err != nil {
			errs = append(errs, fmt.Errorf("%s: treeRoot: %w", name, err))
		}
	}
	switch c.Engine {
	case "", generator.EngineBuiltin, generator.EngineLLM, generator.EngineAuto:
	default:
		errs = append(errs, fmt.Errorf("%s: engine: %q is not builtin, llm or auto", name, c.Engine))
	}
	if c.LLM.Timeout != "" {
		d, err := time.ParseDuration(c.LLM.Timeout)
		if err != nil || d <= 0 {
			errs = append(errs, fmt.Errorf("%s: llm.timeout: %q is not a duration such as 90s or 2m", name, c.LLM.Timeout))
		}
		c.LLM.timeout = d
	}
	if c.LLM.Attempts < 0 || c.LLM.TokenBudget < 0 {
		errs = append(errs, fmt.Errorf("%s: llm: attempts and tokenBudget must be positive", name))
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return &c, nil
}

// admit refuses a policy outside the allow-lists, saying what is allowed.
func (c *Config) admit(p generator.Policy) error {
	var errs []error
	if len(c.kinds) > 0 && !slices.Contains(c.kinds, p.Kind) {
		errs = append(errs, fmt.Errorf("%s is not among the kinds this repository allows (%s)", p.Kind, strings.Join(c.Kinds, ", ")))
	}
	if len(c.Namespaces) > 0 {
		switch {
		case p.Namespace == "":
			errs = append(errs, fmt.Errorf("%s/%s is cluster-wide, and this repository allows policies only in the namespaces %s", p.Kind, p.Name, strings.Join(c.Namespaces, ", ")))
		case !slices.ContainsFunc(c.Namespaces, func(pat string) bool { ok, _ := path.Match(pat, p.Namespace); return ok }):
			errs = append(errs, fmt.Errorf("namespace %s is not among the namespaces this repository allows (%s)", p.Namespace, strings.Join(c.Namespaces, ", ")))
		}
	}
	return errors.Join(errs...)
}
