package generator

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/kunerva/kunerva/internal/semantic"
	"github.com/kunerva/kunerva/internal/tree"
)

// besideTree renames each policy whose kind, namespace and name the tree
// already gives to a policy with other rules: kunerva adds policies and
// never silently replaces one (names leave out ports and paths, so "block
// /etc/shadow in nginx" and "block /etc/resolv.conf in nginx" would both be
// block-file-nginx). The new name ends in a digest of the policy's rules,
// the same for the same rules, so that a re-run finds the policy it wrote;
// a policy the tree holds as it is keeps its name. Each rename is a note of
// the intent.
func besideTree(in *Intent, policies []Policy, t *tree.Tree) ([]Policy, error) {
	if t == nil {
		return policies, nil
	}
	for i, p := range policies {
		y, err := p.YAML()
		if err != nil {
			return nil, err
		}
		taken := func(name string) bool {
			o := t.Object(string(p.Kind), p.Namespace, name)
			if o == nil {
				return false
			}
			diff, err := semantic.Diff(o.YAML, y)
			return err != nil || len(diff) > 0
		}
		if !taken(p.Name) {
			continue
		}
		sum, err := rulesDigest(p.Object)
		if err != nil {
			return nil, err
		}
		name := ""
		for _, n := range []int{6, 10, 16} {
			if name = digestName(p.Name, sum[:n]); !taken(name) {
				break
			}
		}
		in.Notes = append(in.Notes, fmt.Sprintf("named %s, not %s: the tree already has a %s %s with other rules, which this policy adds to and does not replace", name, p.Name, p.Kind, qualified(p.Namespace, p.Name)))
		setName(p.Object, name)
		p.Name = name
		policies[i] = p
	}
	return policies, nil
}

func digestName(base, digest string) string {
	return strings.TrimRight(base[:min(len(base), maxNameLength-len(digest)-1)], "-") + "-" + digest
}

func qualified(namespace, name string) string {
	if namespace == "" {
		return name
	}
	return namespace + "/" + name
}

// rulesDigest is a digest of a policy object without its metadata.
func rulesDigest(obj any) (string, error) {
	data, err := json.Marshal(obj)
	if err != nil {
		return "", err
	}
	var m map[string]any
	if err := json.Unmarshal(data, &m); err != nil {
		return "", err
	}
	delete(m, "metadata")
	if data, err = json.Marshal(m); err != nil {
		return "", err
	}
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:]), nil
}
