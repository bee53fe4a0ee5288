package examples

import (
	"path/filepath"
	"testing"

	"sigs.k8s.io/yaml"

	"github.com/kunerva/kunerva/internal/tree"
)

// repoRoot is where the Flux and Argo CD manifests' paths start.
const repoRoot = ".."

type fluxKustomization struct {
	Spec struct {
		Interval  string `json:"interval"`
		Path      string `json:"path"`
		Prune     bool   `json:"prune"`
		SourceRef struct {
			Kind string `json:"kind"`
			Name string `json:"name"`
		} `json:"sourceRef"`
	} `json:"spec"`
}

type gitRepository struct {
	Spec struct {
		URL string `json:"url"`
		Ref struct {
			Branch string `json:"branch"`
		} `json:"ref"`
	} `json:"spec"`
}

type argoApplication struct {
	Spec struct {
		Source struct {
			RepoURL        string `json:"repoURL"`
			TargetRevision string `json:"targetRevision"`
			Path           string `json:"path"`
		} `json:"source"`
		Destination struct {
			Server string `json:"server"`
		} `json:"destination"`
		SyncPolicy struct {
			Automated *struct {
				Prune    bool `json:"prune"`
				SelfHeal bool `json:"selfHeal"`
			} `json:"automated"`
		} `json:"syncPolicy"`
	} `json:"spec"`
}

// TestGitOpsManifests builds examples/flux and examples/argocd as
// `kubectl apply -k` would, then the tree each names, which must be
// examples/shop and must build.
func TestGitOpsManifests(t *testing.T) {
	shop, err := tree.Load("shop")
	if err != nil {
		t.Fatalf("examples/shop does not build: %v", err)
	}
	if len(shop.Workloads) == 0 {
		t.Fatal("examples/shop has no workloads")
	}

	flux := load(t, "flux")
	var ks fluxKustomization
	var repo gitRepository
	decodeObject(t, flux, "kustomize.toolkit.fluxcd.io/v1", "Kustomization", &ks)
	repoObj := decodeObject(t, flux, "source.toolkit.fluxcd.io/v1", "GitRepository", &repo)
	if ks.Spec.SourceRef.Kind != "GitRepository" || ks.Spec.SourceRef.Name != repoObj.Name {
		t.Errorf("flux: the Kustomization's sourceRef is %s/%s, want GitRepository/%s", ks.Spec.SourceRef.Kind, ks.Spec.SourceRef.Name, repoObj.Name)
	}
	if !ks.Spec.Prune || ks.Spec.Interval == "" {
		t.Errorf("flux: the Kustomization needs an interval and prune: true (a policy deleted in git is deleted from the cluster)")
	}
	checkTreePath(t, "flux", ks.Spec.Path, shop)

	argo := load(t, "argocd")
	var app argoApplication
	decodeObject(t, argo, "argoproj.io/v1alpha1", "Application", &app)
	if a := app.Spec.SyncPolicy.Automated; a == nil || !a.Prune {
		t.Errorf("argocd: the Application needs syncPolicy.automated with prune: true")
	}
	if app.Spec.Destination.Server == "" {
		t.Errorf("argocd: the Application has no destination server")
	}
	checkTreePath(t, "argocd", app.Spec.Source.Path, shop)

	if app.Spec.Source.RepoURL != repo.Spec.URL || app.Spec.Source.TargetRevision != repo.Spec.Ref.Branch {
		t.Errorf("Flux reads %s@%s, Argo CD %s@%s; the examples should agree", repo.Spec.URL, repo.Spec.Ref.Branch, app.Spec.Source.RepoURL, app.Spec.Source.TargetRevision)
	}
}

func load(t *testing.T, dir string) *tree.Tree {
	t.Helper()
	tr, err := tree.Load(dir)
	if err != nil {
		t.Fatalf("examples/%s does not build: %v", dir, err)
	}
	return tr
}

// decodeObject finds the one object of the given type in the build and
// decodes it into v.
func decodeObject(t *testing.T, tr *tree.Tree, apiVersion, kind string, v any) tree.Object {
	t.Helper()
	var found []tree.Object
	for _, o := range tr.Objects {
		if o.APIVersion == apiVersion && o.Kind == kind {
			found = append(found, o)
		}
	}
	if len(found) != 1 {
		t.Fatalf("%s: want one %s %s, have %d", tr.Root, apiVersion, kind, len(found))
	}
	if err := yaml.Unmarshal(found[0].YAML, v); err != nil {
		t.Fatalf("%s: %s %s: %v", tr.Root, kind, found[0].Name, err)
	}
	return found[0]
}

// checkTreePath checks that a path relative to the repository root names
// examples/shop and builds to the same objects.
func checkTreePath(t *testing.T, from, p string, shop *tree.Tree) {
	t.Helper()
	dir := filepath.Join(repoRoot, filepath.FromSlash(p))
	if filepath.Clean(dir) != filepath.Join(repoRoot, "examples", "shop") {
		t.Errorf("%s: the path is %q, want ./examples/shop", from, p)
		return
	}
	built, err := tree.Load(dir)
	if err != nil {
		t.Fatalf("%s: the path %q does not build: %v", from, p, err)
	}
	if len(built.Objects) != len(shop.Objects) {
		t.Errorf("%s: %q builds %d objects, examples/shop %d", from, p, len(built.Objects), len(shop.Objects))
	}
}
