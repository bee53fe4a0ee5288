package treewrite

import (
	"crypto/sha256"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/kunerva/kunerva/internal/testing/golden"
	"github.com/kunerva/kunerva/internal/tree"
)

const shopDir = "../../examples/shop"

// copyShop copies examples/shop into a temporary directory: tests never
// write to examples/.
func copyShop(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "shop")
	if err := os.CopyFS(dir, os.DirFS(shopDir)); err != nil {
		t.Fatal(err)
	}
	return dir
}

// snapshot maps every file and directory under root to a hash of its
// content ("dir" for directories, the target for links).
func snapshot(t *testing.T, root string) map[string]string {
	t.Helper()
	files := map[string]string{}
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		switch {
		case d.IsDir():
			files[rel] = "dir"
			return nil
		case d.Type()&fs.ModeSymlink != 0:
			target, err := os.Readlink(p)
			files[rel] = "link to " + target
			return err
		}
		data, err := os.ReadFile(p)
		files[rel] = fmt.Sprintf("%x", sha256.Sum256(data))
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func netpol(ns, name string) Policy {
	return Policy{Kind: "NetworkPolicy", Namespace: ns, Name: name, YAML: fmt.Appendf(nil, `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: %s
  namespace: %s
spec:
  podSelector: {}
  policyTypes: [Ingress]
`, name, ns)}
}

func clusterPolicy(name string) Policy {
	return Policy{Kind: "CiliumClusterwideNetworkPolicy", Name: name, YAML: fmt.Appendf(nil, `apiVersion: cilium.io/v2
kind: CiliumClusterwideNetworkPolicy
metadata:
  name: %s
spec:
  endpointSelector: {}
  ingress: [{fromEntities: [cluster]}]
`, name)}
}

func writeFile(t *testing.T, root, rel, data string) {
	t.Helper()
	p := filepath.Join(root, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

func editFile(t *testing.T, root, rel, old, new string) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(root, rel))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(data), old) {
		t.Fatalf("%s has no %q", rel, old)
	}
	writeFile(t, root, rel, strings.Replace(string(data), old, new, 1))
}

func mustWrite(t *testing.T, root string, policies ...Policy) {
	t.Helper()
	if _, err := Write(root, policies); err != nil {
		t.Fatal(err)
	}
}

func TestWrite(t *testing.T) {
	tests := []struct {
		name     string
		setup    func(t *testing.T, root string) // on a copy of examples/shop
		policies []Policy
		// wantChanged is Result.Changed; wantFiles the exact content of
		// some files after Write, "golden:NAME" for testdata/NAME.
		wantChanged []string
		wantFiles   map[string]string
		// wantErr's lines are parts of the error; the tree must then be
		// as before.
		wantErr string
	}{{
		name:        "new namespace directory, kustomizations chained",
		policies:    []Policy{netpol("data", "deny-db")},
		wantChanged: []string{"policies/data/deny-db.yaml", "policies/data/kustomization.yaml", "policies/kustomization.yaml"},
		wantFiles: map[string]string{
			"policies/data/kustomization.yaml": "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - deny-db.yaml\n",
			"policies/kustomization.yaml": "# Policies written by kunerva land in policies/<namespace>/ and are added here.\n" +
				"apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - data\n",
		},
	}, {
		name:        "second policy in the same namespace is appended",
		setup:       func(t *testing.T, root string) { mustWrite(t, root, netpol("shop", "zz-first")) },
		policies:    []Policy{netpol("shop", "allow-web")},
		wantChanged: []string{"policies/shop/allow-web.yaml", "policies/shop/kustomization.yaml"},
		wantFiles: map[string]string{
			"policies/shop/kustomization.yaml": "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - zz-first.yaml\n  - allow-web.yaml\n",
		},
	}, {
		name: "existing policy is updated in place",
		setup: func(t *testing.T, root string) {
			mustWrite(t, root, netpol("payments", "deny-all"))
		},
		policies: []Policy{func() Policy {
			p := netpol("payments", "deny-all")
			p.YAML = append(p.YAML, "  ingress: [{from: [{podSelector: {}}]}]\n"...)
			return p
		}()},
		wantChanged: []string{"policies/payments/deny-all.yaml"},
	}, {
		name:        "cluster-scoped policy goes to policies/cluster",
		policies:    []Policy{clusterPolicy("allow-dns")},
		wantChanged: []string{"policies/cluster/allow-dns.yaml", "policies/cluster/kustomization.yaml", "policies/kustomization.yaml"},
	}, {
		name:     "several namespaces in one call",
		policies: []Policy{netpol("web", "b"), netpol("shop", "a"), clusterPolicy("c"), netpol("shop", "b")},
		wantChanged: []string{
			"policies/cluster/c.yaml", "policies/cluster/kustomization.yaml", "policies/kustomization.yaml",
			"policies/shop/a.yaml", "policies/shop/b.yaml", "policies/shop/kustomization.yaml",
			"policies/web/b.yaml", "policies/web/kustomization.yaml",
		},
		wantFiles: map[string]string{
			"policies/shop/kustomization.yaml": "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - a.yaml\n  - b.yaml\n",
		},
	}, {
		name: "comments and order of existing kustomizations are kept",
		setup: func(t *testing.T, root string) {
			writeFile(t, root, "kustomization.yaml", readTestdata(t, "comments-root.yaml"))
			writeFile(t, root, "policies/kustomization.yaml", readTestdata(t, "comments-policies.yaml"))
			writeFile(t, root, "policies/web/kustomization.yaml", readTestdata(t, "comments-web.yaml"))
			writeFile(t, root, "policies/web/deny-all.yaml", string(netpol("web", "deny-all").YAML))
		},
		policies: []Policy{netpol("web", "allow-lb"), netpol("shop", "allow-web")},
		wantChanged: []string{"kustomization.yaml", "policies/kustomization.yaml", "policies/shop/allow-web.yaml",
			"policies/shop/kustomization.yaml", "policies/web/allow-lb.yaml", "policies/web/kustomization.yaml"},
		wantFiles: map[string]string{
			"kustomization.yaml":              "golden:comments-root.golden",
			"policies/kustomization.yaml":     "golden:comments-policies.golden",
			"policies/web/kustomization.yaml": "golden:comments-web.golden",
		},
	}, {
		name: "root that does not list policies gets it",
		setup: func(t *testing.T, root string) {
			editFile(t, root, "kustomization.yaml", "  - policies\n", "")
		},
		policies:    []Policy{netpol("shop", "deny-all")},
		wantChanged: []string{"kustomization.yaml", "policies/kustomization.yaml", "policies/shop/deny-all.yaml", "policies/shop/kustomization.yaml"},
	}, {
		name: "tree without policies directory",
		setup: func(t *testing.T, root string) {
			editFile(t, root, "kustomization.yaml", "  - policies\n", "")
			if err := os.RemoveAll(filepath.Join(root, "policies")); err != nil {
				t.Fatal(err)
			}
		},
		policies:    []Policy{netpol("shop", "deny-all")},
		wantChanged: []string{"kustomization.yaml", "policies/kustomization.yaml", "policies/shop/deny-all.yaml", "policies/shop/kustomization.yaml"},
		wantFiles: map[string]string{
			"policies/kustomization.yaml": "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - shop\n",
		},
	}, {
		name: "root listing ./policies is recognised",
		setup: func(t *testing.T, root string) {
			editFile(t, root, "kustomization.yaml", "- policies\n", "- ./policies\n")
		},
		policies:    []Policy{netpol("shop", "deny-all")},
		wantChanged: []string{"policies/kustomization.yaml", "policies/shop/deny-all.yaml", "policies/shop/kustomization.yaml"},
	}, {
		name: "root listing policies/ is recognised",
		setup: func(t *testing.T, root string) {
			editFile(t, root, "kustomization.yaml", "- policies\n", "- policies/\n")
		},
		policies:    []Policy{netpol("shop", "deny-all")},
		wantChanged: []string{"policies/kustomization.yaml", "policies/shop/deny-all.yaml", "policies/shop/kustomization.yaml"},
	}, {
		name: "kustomization.yml and Kustomization names are kept",
		setup: func(t *testing.T, root string) {
			rename(t, root, "kustomization.yaml", "kustomization.yml")
			rename(t, root, "policies/kustomization.yaml", "policies/Kustomization")
		},
		policies:    []Policy{netpol("shop", "deny-all")},
		wantChanged: []string{"policies/Kustomization", "policies/shop/deny-all.yaml", "policies/shop/kustomization.yaml"},
	}, {
		name:     "root without kustomization",
		setup:    func(t *testing.T, root string) { remove(t, root, "kustomization.yaml") },
		policies: []Policy{netpol("shop", "deny-all")},
		wantErr:  "no kustomization file at the root: want one of kustomization.yaml, kustomization.yml, Kustomization",
	}, {
		name: "policies directory that links out of the tree",
		setup: func(t *testing.T, root string) {
			if err := os.RemoveAll(filepath.Join(root, "policies")); err != nil {
				t.Fatal(err)
			}
			if err := os.Symlink(t.TempDir(), filepath.Join(root, "policies")); err != nil {
				t.Fatal(err)
			}
		},
		policies: []Policy{netpol("shop", "deny-all")},
		wantErr:  "policies/shop/deny-all.yaml: path escapes from parent",
	}, {
		name:     "name that climbs out of the tree",
		policies: []Policy{netpol("shop", "../../etc")},
		wantErr:  `policy 1 (NetworkPolicy "../../etc" in namespace "shop"): name "../../etc" is not a valid object name`,
	}, {
		name:     "namespace with a slash",
		policies: []Policy{netpol("a/b", "deny-all")},
		wantErr:  `namespace "a/b" is not a valid namespace`,
	}, {
		name:     "empty name, and every bad policy reported",
		policies: []Policy{netpol("shop", ""), netpol("../x", "ok"), {Namespace: "shop", Name: "x"}},
		wantErr: `policy 1 (NetworkPolicy "" in namespace "shop"): name "" is not a valid object name` +
			"\n" + `policy 2 (NetworkPolicy "ok" in namespace "../x"): namespace "../x" is not a valid namespace` +
			"\n" + `policy 3 (without kind "x" in namespace "shop"): kind is empty; YAML is empty`,
	}, {
		name:     "two policies for one file",
		policies: []Policy{netpol("shop", "deny-all"), {Kind: "CiliumNetworkPolicy", Namespace: "shop", Name: "deny-all", YAML: []byte("x: y\n")}},
		wantErr:  "policies/shop/deny-all.yaml is also the file of policy 1",
	}, {
		name: "duplicate resource id from another file",
		setup: func(t *testing.T, root string) {
			writeFile(t, root, "shop/deny-all.yaml", string(netpol("shop", "deny-all").YAML))
			editFile(t, root, "shop/kustomization.yaml", "  - toolbox.yaml\n", "  - toolbox.yaml\n  - deny-all.yaml\n")
		},
		policies: []Policy{netpol("shop", "deny-all")},
		wantErr:  "the tree does not build with the policies\nmay not add resource with an already registered id: NetworkPolicy.v1.networking.k8s.io/deny-all.shop",
	}, {
		name:     "invalid YAML",
		policies: []Policy{netpol("shop", "ok"), {Kind: "NetworkPolicy", Namespace: "shop", Name: "broken", YAML: []byte("metadata: [name: x\n")}},
		wantErr:  "the tree does not build with the policies\nMalformedYAMLError: yaml: line 1: did not find expected ',' or ']' in File: broken.yaml",
	}, {
		name:     "YAML that names another object",
		policies: []Policy{{Kind: "NetworkPolicy", Namespace: "web", Name: "deny-all", YAML: netpol("shop", "deny-all").YAML}},
		wantErr:  "policies/web/deny-all.yaml: the build has no NetworkPolicy deny-all in namespace web",
	}, {
		name: "failure restores an edited kustomization and an updated policy",
		setup: func(t *testing.T, root string) {
			mustWrite(t, root, netpol("shop", "deny-all"))
		},
		policies: []Policy{{Kind: "NetworkPolicy", Namespace: "shop", Name: "deny-all", YAML: []byte("kind: NetworkPolicy\n")}, netpol("data", "deny-all")},
		wantErr:  "the tree does not build with the policies",
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := copyShop(t)
			if tt.setup != nil {
				tt.setup(t, root)
			}
			before := snapshot(t, root)
			res, err := Write(root, tt.policies)
			if tt.wantErr != "" {
				for part := range strings.SplitSeq(tt.wantErr, "\n") {
					if err == nil || !strings.Contains(err.Error(), part) {
						t.Fatalf("error = %v\nwant one containing %q", err, part)
					}
				}
				if after := snapshot(t, root); !maps.Equal(before, after) {
					t.Errorf("the tree changed although Write failed:\nbefore %v\nafter  %v", before, after)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(res.Changed, tt.wantChanged) {
				t.Errorf("Changed = %q\nwant      %q", res.Changed, tt.wantChanged)
			}
			for _, p := range tt.policies {
				file := policyFile(p)
				if !slices.Contains(res.Policies, file) {
					t.Errorf("Policies = %q, want %s in it", res.Policies, file)
				}
				if got, err := os.ReadFile(filepath.Join(root, file)); err != nil || string(got) != string(p.YAML) {
					t.Errorf("%s holds %q (err %v), want the policy's YAML", file, got, err)
				}
			}
			for file, want := range tt.wantFiles {
				checkFile(t, root, file, want)
			}
			checkBuilds(t, root, tt.policies)

			// A re-run converges: nothing to change, same bytes.
			built := snapshot(t, root)
			again, err := Write(root, tt.policies)
			if err != nil {
				t.Fatalf("re-run: %v", err)
			}
			if len(again.Changed) != 0 || !maps.Equal(built, snapshot(t, root)) {
				t.Errorf("re-run changed %q", again.Changed)
			}
		})
	}
}

// checkBuilds builds the tree as kustomize does and looks for each policy.
func checkBuilds(t *testing.T, root string, policies []Policy) {
	t.Helper()
	built, err := tree.Load(root)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range policies {
		if !slices.ContainsFunc(built.Objects, func(o tree.Object) bool {
			return o.Kind == p.Kind && o.Name == p.Name && o.Namespace == p.Namespace
		}) {
			t.Errorf("the build has no %s %s/%s", p.Kind, p.Namespace, p.Name)
		}
	}
}

func checkFile(t *testing.T, root, file, want string) {
	t.Helper()
	got, err := os.ReadFile(filepath.Join(root, file))
	if err != nil {
		t.Fatal(err)
	}
	name, ok := strings.CutPrefix(want, "golden:")
	if !ok {
		if string(got) != want {
			t.Errorf("%s:\n%s\nwant\n%s", file, got, want)
		}
		return
	}
	golden.Check(t, filepath.Join("testdata", name), got)
}

func readTestdata(t *testing.T, name string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

func rename(t *testing.T, root, from, to string) {
	t.Helper()
	if err := os.Rename(filepath.Join(root, from), filepath.Join(root, to)); err != nil {
		t.Fatal(err)
	}
}

func remove(t *testing.T, root, rel string) {
	t.Helper()
	if err := os.Remove(filepath.Join(root, rel)); err != nil {
		t.Fatal(err)
	}
}
