package settings

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"sigs.k8s.io/yaml"

	"github.com/kunerva/kunerva/internal/gitrepo"
	"github.com/kunerva/kunerva/internal/policy"
)

// Path is where a repository keeps its settings.
const Path = ".github/kunerva.yaml"

// Settings are a repository's own settings for kunerva, .github/kunerva.yaml
// by default; the action reads them from the default branch, so that no pull
// request and no branch its author pushed can widen them:
//
//	namespaces: [shop, "team-*"]   # namespaces the bot may write policies for
//	kinds: [NetworkPolicy, KubeArmorPolicy]
//	forbid: [world, cluster-wide]  # ways of widening access that are refused
//	treeRoot: deploy               # the kustomize tree, relative to the repository
//	engine: auto                   # builtin (default), llm or auto
//	llm:                           # for engine llm or auto; the action's inputs override these
//	  baseURL: https://api.openai.com/v1  # only ever the run's own (the llm-base-url input)
//	  model: gpt-4o-mini
//	  apiKeyEnv: OPENAI_API_KEY    # the run's own too, the variable holding the key
//	  attempts: 3
//	  timeout: 2m
//	  tokenBudget: 40000
//
// An empty list allows everything. The file is optional; unknown fields and
// duplicate keys are errors, so that a misspelt allow-list is not silently
// an open one.
type Settings struct {
	// Namespaces are path.Match patterns. When set, cluster-scoped policies
	// (which reach every namespace) are refused.
	Namespaces []string `json:"namespaces,omitempty"`
	// Kinds are policy kinds or their aliases (np, cnp, ksp, ...).
	Kinds []string `json:"kinds,omitempty"`
	// Forbid names ways of widening access (internal/policy's Widenings:
	// all-peers, all-addresses, world, all-namespaces, cluster-wide) that
	// validation refuses, rather than warns of: what validate.Config.Forbid
	// takes. The names are checked, and kept as written.
	Forbid   []string `json:"forbid,omitempty"`
	TreeRoot string   `json:"treeRoot,omitempty"`
	// Engine is builtin, llm or auto.
	Engine string `json:"engine,omitempty"`
	LLM    LLM    `json:"llm,omitempty"`

	kinds []string // the kinds' names
}

// LLM is the settings file's llm section.
type LLM struct {
	BaseURL     string `json:"baseURL,omitempty"`
	Model       string `json:"model,omitempty"`
	APIType     string `json:"apiType,omitempty"`
	APIVersion  string `json:"apiVersion,omitempty"`
	APIKeyEnv   string `json:"apiKeyEnv,omitempty"`
	Output      string `json:"output,omitempty"`
	Attempts    int    `json:"attempts,omitempty"`
	Timeout     string `json:"timeout,omitempty"`
	TokenBudget int    `json:"tokenBudget,omitempty"`

	// TimeoutDuration is Timeout parsed.
	TimeoutDuration time.Duration `json:"-"`
}

// Parse reads a settings file; name is for messages.
func Parse(name string, data []byte) (*Settings, error) {
	var c Settings
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
		kind, err := policy.Parse(k)
		if err != nil {
			errs = append(errs, fmt.Errorf("%s: kinds: %w", name, err))
			continue
		}
		c.kinds = append(c.kinds, kind.Name)
	}
	for _, w := range c.Forbid {
		if _, err := policy.ParseWidening(w); err != nil {
			errs = append(errs, fmt.Errorf("%s: forbid: %w", name, err))
		}
	}
	if c.TreeRoot != "" {
		if err := CheckRelative(c.TreeRoot); err != nil {
			errs = append(errs, fmt.Errorf("%s: treeRoot: %w", name, err))
		}
	}
	switch c.Engine {
	case "", "builtin", "llm", "auto":
	default:
		errs = append(errs, fmt.Errorf("%s: engine: %q is not builtin, llm or auto", name, c.Engine))
	}
	if c.LLM.Timeout != "" {
		d, err := time.ParseDuration(c.LLM.Timeout)
		if err != nil || d <= 0 {
			errs = append(errs, fmt.Errorf("%s: llm.timeout: %q is not a duration such as 90s or 2m", name, c.LLM.Timeout))
		}
		c.LLM.TimeoutDuration = d
	}
	if c.LLM.Attempts < 0 || c.LLM.TokenBudget < 0 {
		errs = append(errs, fmt.Errorf("%s: llm: attempts and tokenBudget must be positive", name))
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return &c, nil
}

// Admit refuses a policy (its kind, namespace and name) outside the
// allow-lists, saying what is allowed.
func (c *Settings) Admit(kind, namespace, name string) error {
	var errs []error
	if len(c.kinds) > 0 && !slices.Contains(c.kinds, kind) {
		errs = append(errs, fmt.Errorf("%s is not among the kinds this repository allows (%s)", kind, strings.Join(c.Kinds, ", ")))
	}
	if len(c.Namespaces) > 0 {
		switch {
		case namespace == "":
			errs = append(errs, fmt.Errorf("%s/%s is cluster-wide, and this repository allows policies only in the namespaces %s", kind, name, strings.Join(c.Namespaces, ", ")))
		case !slices.ContainsFunc(c.Namespaces, func(pat string) bool { ok, _ := path.Match(pat, namespace); return ok }):
			errs = append(errs, fmt.Errorf("namespace %s is not among the namespaces this repository allows (%s)", namespace, strings.Join(c.Namespaces, ", ")))
		}
	}
	return errors.Join(errs...)
}

// Read reads the settings at name on branch of the repository, as that
// branch holds them; a missing file is empty settings.
func Read(repo *gitrepo.Repo, branch, name string) (*Settings, error) {
	data, err := repo.ReadFile(branch, name)
	if errors.Is(err, fs.ErrNotExist) {
		return &Settings{}, nil
	}
	if err != nil {
		return nil, err
	}
	return Parse(name, data)
}

// Load reads the settings at name in the repository at dir, from branch,
// else from the checked-out branch, else (a detached checkout) from the
// worktree: for a run outside GitHub.
func Load(dir, branch, name string) (*Settings, error) {
	repo, err := gitrepo.Open(dir)
	if err != nil {
		return nil, err
	}
	if branch == "" {
		if branch, _, err = repo.Head(); err != nil {
			return nil, err
		}
	}
	if branch != "" {
		return Read(repo, branch, name)
	}
	if err := CheckRelative(name); err != nil {
		return nil, fmt.Errorf("settings: %w", err)
	}
	data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(name)))
	if errors.Is(err, fs.ErrNotExist) {
		return &Settings{}, nil
	}
	if err != nil {
		return nil, err
	}
	return Parse(name, data)
}

// Restricts says whether the allow-lists allow less than everything.
func (c *Settings) Restricts() bool { return len(c.Namespaces)+len(c.Kinds) > 0 }

// CheckRelative accepts a slash-separated path inside the repository.
func CheckRelative(p string) error {
	c := path.Clean(p)
	if path.IsAbs(p) || c == ".." || strings.HasPrefix(c, "../") || strings.Contains(p, `\`) {
		return fmt.Errorf("%q is not a relative path inside the repository", p)
	}
	return nil
}
