package treewrite

import (
	"cmp"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"math/rand/v2"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"k8s.io/apimachinery/pkg/util/validation"
	"sigs.k8s.io/kustomize/api/konfig"
	"sigs.k8s.io/kustomize/kyaml/yaml"

	"github.com/kunerva/kunerva/internal/tree"
)

// Policy is one rendered policy to write.
type Policy struct {
	Kind, Namespace, Name string // Namespace "" for cluster-scoped kinds
	YAML                  []byte // written as given
}

// Written lists the files written or changed, relative to the root,
// slash-separated and sorted.
type Written struct {
	Policies []string // the file of every policy, changed or not
	Changed  []string // every file created or modified; empty when the tree already held it all
}

// policiesDir is where policies go under the root; clusterDir is the
// directory under it for cluster-scoped ones.
const (
	policiesDir = "policies"
	clusterDir  = "cluster"
)

// Write puts each policy at <root>/policies/<namespace>/<name>.yaml
// (cluster-scoped ones at <root>/policies/cluster/<name>.yaml) and makes
// every file reachable from the root's kustomization: the file is listed in
// its directory's kustomization, the directory in policies', and policies
// in the root's, creating the kustomization files that are missing and
// adding only the entries that are missing to the others. A file already
// at a policy's path is replaced: the policy is updated in place.
//
// Then it builds the whole tree with kustomize. If the build fails or lacks
// one of the policies (by kind, namespace and name), every file Write
// created or changed is restored and the error says why. Namespaces and
// names are checked before anything is written: they become paths.
func Write(root string, policies []Policy) (Written, error) {
	if err := checkPolicies(policies); err != nil {
		return Written{}, fmt.Errorf("write policies: %w", err)
	}
	r, err := os.OpenRoot(root)
	if err != nil {
		return Written{}, fmt.Errorf("write policies: open tree root: %w", err)
	}
	defer r.Close()
	p, err := makePlan(r, policies)
	if err != nil {
		return Written{}, fmt.Errorf("write policies into %s: %w", root, err)
	}
	j := journal{root: r}
	if err := j.apply(p); err != nil {
		return Written{}, fmt.Errorf("write policies into %s: %w", root, errors.Join(err, j.rollback()))
	}
	if err := verify(root, policies); err != nil {
		if rerr := j.rollback(); rerr != nil {
			return Written{}, fmt.Errorf("write policies into %s: %w; restoring the files failed too: %w", root, err, rerr)
		}
		return Written{}, fmt.Errorf("write policies into %s (every file restored): %w", root, err)
	}
	return p.result, nil
}

// checkPolicies rejects, in one pass, every policy whose namespace or name
// is not a Kubernetes name (they become path elements) and paths claimed
// twice.
func checkPolicies(policies []Policy) error {
	var errs []error
	seen := map[string]int{}
	for i, p := range policies {
		ref := fmt.Sprintf("policy %d (%s %q in namespace %q)", i+1, cmp.Or(p.Kind, "without kind"), p.Name, p.Namespace)
		var bad []string
		if p.Kind == "" {
			bad = append(bad, "kind is empty")
		}
		if p.Namespace != "" {
			if msgs := validation.IsDNS1123Label(p.Namespace); len(msgs) > 0 {
				bad = append(bad, fmt.Sprintf("namespace %q is not a valid namespace: %s", p.Namespace, strings.Join(msgs, "; ")))
			}
		}
		if msgs := validation.IsDNS1123Subdomain(p.Name); len(msgs) > 0 {
			bad = append(bad, fmt.Sprintf("name %q is not a valid object name: %s", p.Name, strings.Join(msgs, "; ")))
		}
		if len(p.YAML) == 0 {
			bad = append(bad, "YAML is empty")
		}
		if len(bad) > 0 {
			errs = append(errs, fmt.Errorf("%s: %s", ref, strings.Join(bad, "; ")))
			continue
		}
		file := policyFile(p)
		if first, ok := seen[file]; ok {
			errs = append(errs, fmt.Errorf("%s: %s is also the file of policy %d; give them different names", ref, file, first))
			continue
		}
		seen[file] = i + 1
	}
	return errors.Join(errs...)
}

// policyDir is the directory, under policies/, of a checked policy.
func policyDir(p Policy) string {
	return cmp.Or(p.Namespace, clusterDir)
}

func policyFile(p Policy) string {
	return path.Join(policiesDir, policyDir(p), p.Name+".yaml")
}

// plan is every change Write will make, computed before any is made.
type plan struct {
	dirs   []string // to create, parents first
	files  []change
	result Written
}

type change struct {
	path string // slash-separated, relative to the root
	data []byte
}

func makePlan(r *os.Root, policies []Policy) (*plan, error) {
	rootKust, found, err := kustomizationFile(r, ".")
	if err != nil {
		return nil, err
	}
	if !found {
		return nil, fmt.Errorf("no kustomization file at the root: want one of %s", strings.Join(konfig.RecognizedKustomizationFileNames(), ", "))
	}
	rootData, err := readFile(r, rootKust)
	if err != nil {
		return nil, err
	}
	style := seqStyle(rootData, yaml.CompactSequenceStyle)

	p := &plan{}
	byDir := map[string][]string{}
	for _, pol := range policies {
		file := policyFile(pol)
		p.result.Policies = append(p.result.Policies, file)
		if err := p.put(r, file, pol.YAML); err != nil {
			return nil, err
		}
		byDir[policyDir(pol)] = append(byDir[policyDir(pol)], path.Base(file))
	}
	dirs := slices.Sorted(maps.Keys(byDir))
	if len(dirs) == 0 {
		return p, nil
	}
	if err := p.mkdir(r, policiesDir); err != nil {
		return nil, err
	}
	for _, d := range dirs {
		dir := path.Join(policiesDir, d)
		if err := p.mkdir(r, dir); err != nil {
			return nil, err
		}
		slices.Sort(byDir[d])
		if err := p.addResources(r, dir, byDir[d], style); err != nil {
			return nil, err
		}
	}
	if err := p.addResources(r, policiesDir, dirs, style); err != nil {
		return nil, err
	}
	if err := p.addResources(r, ".", []string{policiesDir}, style); err != nil {
		return nil, err
	}
	slices.Sort(p.result.Policies)
	for _, c := range p.files {
		p.result.Changed = append(p.result.Changed, c.path)
	}
	slices.Sort(p.result.Changed)
	return p, nil
}

// put plans writing data to file unless the file already holds it.
func (p *plan) put(r *os.Root, file string, data []byte) error {
	old, err := readFile(r, file)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	if err == nil && string(old) == string(data) {
		return nil
	}
	p.files = append(p.files, change{path: file, data: data})
	return nil
}

// mkdir plans creating dir unless it is there.
func (p *plan) mkdir(r *os.Root, dir string) error {
	info, err := r.Lstat(filepath.FromSlash(dir))
	switch {
	case errors.Is(err, fs.ErrNotExist):
		p.dirs = append(p.dirs, dir)
		return nil
	case err != nil:
		return err
	case !info.IsDir():
		return fmt.Errorf("%s: is not a directory; it is where kunerva keeps policies", dir)
	}
	return nil
}

// addResources plans listing entries in dir's kustomization, creating it
// if there is none.
func (p *plan) addResources(r *os.Root, dir string, entries []string, style yaml.SequenceIndentStyle) error {
	file, found, err := kustomizationFile(r, dir)
	if err != nil {
		return err
	}
	if !found {
		return p.put(r, file, newKustomization(entries, style))
	}
	data, err := readFile(r, file)
	if err != nil {
		return err
	}
	edited, err := addResources(data, entries, seqStyle(data, style))
	if err != nil {
		return fmt.Errorf("%s: %w", file, err)
	}
	return p.put(r, file, edited)
}

// kustomizationFile returns the kustomization file of dir, whichever name
// kustomize recognises it by, or the name a new one gets.
func kustomizationFile(r *os.Root, dir string) (file string, found bool, err error) {
	for _, name := range konfig.RecognizedKustomizationFileNames() {
		file := path.Join(dir, name)
		if _, err := r.Lstat(filepath.FromSlash(file)); err == nil {
			return file, true, nil
		} else if !errors.Is(err, fs.ErrNotExist) {
			return "", false, err
		}
	}
	return path.Join(dir, konfig.DefaultKustomizationFileName()), false, nil
}

// readFile reads a regular file; a symbolic link is refused because
// replacing the file would replace the link, not what it points to.
func readFile(r *os.Root, file string) ([]byte, error) {
	info, err := r.Lstat(filepath.FromSlash(file))
	if err != nil {
		return nil, err
	}
	if !info.Mode().IsRegular() {
		return nil, fmt.Errorf("%s: is not a regular file; kunerva only edits regular files", file)
	}
	return r.ReadFile(filepath.FromSlash(file))
}

// journal applies a plan and remembers how to undo it.
type journal struct {
	root  *os.Root
	dirs  []string  // created
	saved []restore // in the order written
}

type restore struct {
	path    string
	existed bool
	data    []byte
	perm    fs.FileMode
}

func (j *journal) apply(p *plan) error {
	for _, d := range p.dirs {
		if err := j.root.Mkdir(filepath.FromSlash(d), 0o755); err != nil {
			return err
		}
		j.dirs = append(j.dirs, d)
	}
	for _, c := range p.files {
		s := restore{path: c.path, perm: 0o644}
		name := filepath.FromSlash(c.path)
		if info, err := j.root.Lstat(name); err == nil {
			data, err := j.root.ReadFile(name)
			if err != nil {
				return err
			}
			s.existed, s.data, s.perm = true, data, info.Mode().Perm()
		}
		j.saved = append(j.saved, s)
		if err := writeAtomic(j.root, c.path, c.data, s.perm); err != nil {
			return err
		}
	}
	return nil
}

// rollback puts back every file and removes every directory apply touched,
// newest first, and reports everything it could not undo.
func (j *journal) rollback() error {
	var errs []error
	for _, s := range slices.Backward(j.saved) {
		var err error
		if s.existed {
			err = writeAtomic(j.root, s.path, s.data, s.perm)
		} else {
			err = j.root.Remove(filepath.FromSlash(s.path))
		}
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			errs = append(errs, fmt.Errorf("restore %s: %w", s.path, err))
		}
	}
	for _, d := range slices.Backward(j.dirs) {
		if err := j.root.Remove(filepath.FromSlash(d)); err != nil {
			errs = append(errs, fmt.Errorf("remove %s: %w", d, err))
		}
	}
	j.saved, j.dirs = nil, nil
	return errors.Join(errs...)
}

// writeAtomic writes through a temporary file and a rename, so a file is
// never seen half-written, not even after a crash.
func writeAtomic(r *os.Root, file string, data []byte, perm fs.FileMode) error {
	tmp := path.Join(path.Dir(file), fmt.Sprintf(".%s.%016x.tmp", path.Base(file), rand.Uint64()))
	f, err := r.OpenFile(filepath.FromSlash(tmp), os.O_WRONLY|os.O_CREATE|os.O_EXCL, perm)
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	err = errors.Join(err, f.Chmod(perm), f.Sync(), f.Close())
	if err == nil {
		err = r.Rename(filepath.FromSlash(tmp), filepath.FromSlash(file))
	}
	if err != nil {
		_ = r.Remove(filepath.FromSlash(tmp)) // the error above is the one to report
		return fmt.Errorf("write %s: %w", file, err)
	}
	return nil
}

// verify builds the tree and checks that every policy is in the build.
func verify(root string, policies []Policy) error {
	t, err := tree.Load(root)
	if err != nil {
		return fmt.Errorf("the tree does not build with the policies: %w", err)
	}
	var errs []error
	for _, p := range policies {
		if !slices.ContainsFunc(t.Objects, func(o tree.Object) bool { return builds(o, p) }) {
			where := "cluster-scoped"
			if p.Namespace != "" {
				where = "in namespace " + p.Namespace
			}
			errs = append(errs, fmt.Errorf("%s: the build has no %s %s %s; check the kind, metadata.name and metadata.namespace in the file, and any namespace or namePrefix a kustomization on the way sets",
				policyFile(p), p.Kind, p.Name, where))
		}
	}
	return errors.Join(errs...)
}

// builds says whether o is p as built. A kind the build does not know to be
// cluster-scoped is put in "default" by internal/tree, so for a
// cluster-scoped policy what counts is that its YAML names no namespace.
func builds(o tree.Object, p Policy) bool {
	if o.Kind != p.Kind || o.Name != p.Name {
		return false
	}
	if p.Namespace != "" || o.Namespace == "" {
		return o.Namespace == p.Namespace
	}
	n, err := yaml.Parse(string(o.YAML))
	return err == nil && n.GetNamespace() == ""
}
