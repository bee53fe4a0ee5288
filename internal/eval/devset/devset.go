// Package devset reads kunerva's development sets: requests with the
// policies they must produce, or the reason they must be refused (the format
// is described in generator/testdata/devset/README.md). The built-in engine's
// tests, the end-to-end tests and the eval command read it.
package devset

import (
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"sigs.k8s.io/yaml"

	"github.com/kunerva/kunerva/generator"
	"github.com/kunerva/kunerva/internal/tree"
)

// Case is one request of a dev set.
type Case struct {
	Name    string `json:"name"`
	Request string `json:"request"`
	// Source is the public text the request is modelled on; empty for
	// kunerva's own cases.
	Source         string           `json:"source,omitempty"`
	Tree           string           `json:"tree,omitempty"`
	Namespace      string           `json:"namespace,omitempty"`
	Kind           string           `json:"kind,omitempty"`
	AllowDNS       bool             `json:"allowDNS,omitempty"`
	AssumeAppLabel bool             `json:"assumeAppLabel,omitempty"`
	Expect         []map[string]any `json:"expect,omitempty"`
	Refuse         string           `json:"refuse,omitempty"`
	// File is the base name of the file the case came from.
	File string `json:"-"`
	// Slice names the dataset the case was loaded with (its base name, such
	// as devset or sealed), for reports that keep slices apart.
	Slice string `json:"-"`
}

// ExpectYAML returns the expected policies as one YAML stream.
func (c Case) ExpectYAML() ([]byte, error) {
	var docs []string
	for _, e := range c.Expect {
		b, err := yaml.Marshal(e)
		if err != nil {
			return nil, fmt.Errorf("case %s: %w", c.Name, err)
		}
		docs = append(docs, string(b))
	}
	return []byte(strings.Join(docs, "---\n")), nil
}

// Load reads every *.yaml file of dir, or the one file dir names, and checks
// that names are unique and that every case has exactly one of expect and refuse.
func Load(path string) ([]Case, error) {
	files := []string{path}
	if st, err := os.Stat(path); err != nil {
		return nil, err
	} else if st.IsDir() {
		files, _ = filepath.Glob(filepath.Join(path, "*.yaml"))
		if len(files) == 0 {
			return nil, fmt.Errorf("%s: no *.yaml files", path)
		}
	}
	var all []Case
	var errs []error
	seen := map[string]string{}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			return nil, err
		}
		var cases []Case
		if err := yaml.UnmarshalStrict(b, &cases); err != nil {
			return nil, fmt.Errorf("%s: %w", f, err)
		}
		for _, c := range cases {
			c.File = filepath.Base(f)
			c.Slice = sliceName(path)
			if prev, dup := seen[c.Name]; dup {
				errs = append(errs, fmt.Errorf("%s: case %q is also in %s", c.File, c.Name, prev))
			}
			seen[c.Name] = c.File
			if (len(c.Expect) == 0) == (c.Refuse == "") {
				errs = append(errs, fmt.Errorf("%s: case %q needs exactly one of expect and refuse", c.File, c.Name))
			}
			all = append(all, c)
		}
	}
	return all, errors.Join(errs...)
}

// sliceName names the dataset at path: its base name, without .yaml.
func sliceName(path string) string {
	return strings.TrimSuffix(filepath.Base(path), ".yaml")
}

// LoadSlices loads each dataset with Load as a slice of its own, such as
// the open set and the sealed slice. Two datasets of the same name would
// be one slice, and a case in two of them would be two records of one
// name: both are errors.
func LoadSlices(paths ...string) ([]Case, error) {
	var all []Case
	var errs []error
	slices, names := map[string]string{}, map[string]string{}
	for _, path := range paths {
		cases, err := Load(path)
		if err != nil {
			return nil, err
		}
		name := sliceName(path)
		if prev, dup := slices[name]; dup {
			errs = append(errs, fmt.Errorf("%s and %s would both be the slice %s: give datasets of different names", prev, path, name))
			continue
		}
		slices[name] = path
		for _, c := range cases {
			if prev, dup := names[c.Name]; dup {
				errs = append(errs, fmt.Errorf("%s: case %q is also in %s", filepath.Join(path, c.File), c.Name, prev))
			}
			names[c.Name] = filepath.Join(path, c.File)
		}
		all = append(all, cases...)
	}
	return all, errors.Join(errs...)
}

// Site is where a source lives: its host without "www.", and for GitHub
// its repository ("github.com/cilium/cilium"). No site gives cases to both
// slices of the dev set. "" for a case without a source.
func Site(source string) string {
	u, err := url.Parse(strings.TrimSpace(source))
	if err != nil || u.Host == "" {
		return strings.TrimSpace(source)
	}
	host := strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.")
	if host == "github.com" || host == "gist.github.com" {
		parts := strings.Split(strings.Trim(u.Path, "/"), "/")
		n := min(len(parts), 2)
		if host == "gist.github.com" {
			n = min(len(parts), 1)
		}
		return host + "/" + strings.ToLower(strings.Join(parts[:n], "/"))
	}
	return host
}

// reserved are sources kept for an independent check of the engine: no case
// of either slice may be modelled on them.
var reserved = []string{
	"kubernetes.io/docs/concepts/services-networking/network-policies",
	"kubernetes.io/docs/tasks/administer-cluster/declare-network-policy",
	"github.com/ahmetb/kubernetes-network-policy-recipes",
	"docs.cilium.io/en/stable/security/policy", "docs.cilium.io/en/latest/security/policy",
	"/security/policy/", "/security/dns", "star-wars", "starwars", "http-sw-app", "deathstar",
	"kubearmor.io/kubearmor/quick-links/deployment_guide", "getting-started", "getting_started", "gettingstarted",
	"multiubuntu", "github.com/kubearmor/policy-templates",
}

// Reserved names the reserved source a URL points into, or returns "".
func Reserved(source string) string {
	low := strings.ToLower(source)
	for _, r := range reserved {
		if strings.Contains(low, r) {
			return r
		}
	}
	return ""
}

// Trees loads each tree a dev set names once; paths are relative to Root.
type Trees struct {
	Root  string
	mu    sync.Mutex
	trees map[string]*tree.Tree
}

// Options are the generator options the case runs with.
func (c Case) Options(trees *Trees) (generator.Options, error) {
	kind, err := generator.ParseKind(c.Kind)
	if err != nil {
		return generator.Options{}, fmt.Errorf("case %s: %w", c.Name, err)
	}
	opts := generator.Options{Namespace: c.Namespace, Kind: kind, AllowDNS: c.AllowDNS, AssumeAppLabel: c.AssumeAppLabel}
	if c.Tree != "" {
		if opts.Tree, err = trees.Load(c.Tree); err != nil {
			return generator.Options{}, fmt.Errorf("case %s: %w", c.Name, err)
		}
	}
	return opts, nil
}

// Load builds the tree at dir (relative to Root) once.
func (t *Trees) Load(dir string) (*tree.Tree, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if tr, ok := t.trees[dir]; ok {
		return tr, nil
	}
	tr, err := tree.Load(filepath.Join(t.Root, dir))
	if err != nil {
		return nil, err
	}
	if t.trees == nil {
		t.trees = map[string]*tree.Tree{}
	}
	t.trees[dir] = tr
	return tr, nil
}
