package action

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func TestInputsFromEnv(t *testing.T) {
	env := map[string]string{
		"GITHUB_EVENT_NAME": "issue_comment", "GITHUB_EVENT_PATH": "/e.json", "GITHUB_REPOSITORY": "o/r",
		"GITHUB_TOKEN": "from-env", "GITHUB_API_URL": "https://ghe.example/api/v3", "GITHUB_SERVER_URL": "https://ghe.example",
		"GITHUB_WORKSPACE": "/w", "GITHUB_OUTPUT": "/out", "GITHUB_STEP_SUMMARY": "/sum", "GITHUB_RUN_ID": "9",
		// The runner keeps an input's dashes (INPUT_TREE-ROOT); a composite
		// action's env: block cannot, so both spellings are read.
		"INPUT_TREE-ROOT": "deploy", "INPUT_LABELS": " security, kunerva ,,security", "INPUT_PERMISSION": "maintain",
	}
	in := InputsFromEnv(func(k string) string { return env[k] })
	want := Inputs{EventName: "issue_comment", EventPath: "/e.json", Repository: "o/r", Token: "from-env",
		OutputPath: "/out", SummaryPath: "/sum", APIURL: "https://ghe.example/api/v3", ServerURL: "https://ghe.example",
		Workspace: "/w", RunID: "9", Trigger: "/policy", Permission: "maintain", ConfigPath: ".github/kunerva.yaml",
		TreeRoot: "deploy", Cluster: "local", Labels: []string{"security", "kunerva"}, BotLogin: "github-actions[bot]"}
	if !reflect.DeepEqual(in, want) {
		t.Errorf("InputsFromEnv =\n%+v\nwant\n%+v", in, want)
	}
	if err := in.Check(); err != nil {
		t.Errorf("Check: %v", err)
	}
	env["INPUT_TOKEN"], env["INPUT_TREE_ROOT"] = "from-input", "k8s"
	if in := InputsFromEnv(func(k string) string { return env[k] }); in.Token != "from-input" || in.TreeRoot != "k8s" {
		t.Errorf("token %q, tree root %q: the token input and INPUT_TREE_ROOT come first", in.Token, in.TreeRoot)
	}
}

func TestCheckReportsEveryProblem(t *testing.T) {
	in := Inputs{Repository: "just-a-name", APIURL: "https://x-access-token:secret@ghe.example/api/v3", ServerURL: "ghe.example",
		Trigger: "/policy please", Permission: "owner", Cluster: "cloud", TreeRoot: "../up", ConfigPath: "/etc/kunerva.yaml"}
	err := in.Check()
	if err == nil {
		t.Fatal("Check passed")
	}
	for _, want := range []string{"$GITHUB_EVENT_NAME", "$GITHUB_EVENT_PATH", "$GITHUB_TOKEN", "$GITHUB_WORKSPACE", `"just-a-name" is not owner/name`,
		"without credentials", `server URL ($GITHUB_SERVER_URL or --server-url) "ghe.example"`, `trigger "/policy please"`,
		`permission "owner"`, `cluster "cloud"`, `tree root: "../up"`, `config: "/etc/kunerva.yaml"`} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("the error lacks %q:\n%v", want, err)
		}
	}
}

func TestWriteOutputs(t *testing.T) {
	file := filepath.Join(t.TempDir(), "output")
	os.WriteFile(file, []byte("earlier<<EOF\nstep\nEOF\n"), 0o644)
	o := &Outcome{Result: Proposed, PullRequest: 12, PullRequestURL: "https://ghe.example/o/r/pull/12", Branch: "kunerva/1-x",
		PolicyPaths: []string{"policies/web/a.yaml", "policies/web/b.yaml"}, Request: "block /etc/shadow in nginx"}
	if err := writeOutputs(file, o); err != nil {
		t.Fatal(err)
	}
	got := outputs(t, file)
	want := map[string]string{"earlier": "step", "result": "proposed", "pull-request-number": "12", "pull-request-url": "https://ghe.example/o/r/pull/12",
		"branch": "kunerva/1-x", "policy-path": "policies/web/a.yaml\npolicies/web/b.yaml", "engine": "",
		"request": "block /etc/shadow in nginx", "completed-reply-url": ""}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s = %q, want %q", k, got[k], v)
		}
	}
	if len(got) != len(want) {
		t.Errorf("outputs %v", got)
	}
	if err := writeOutputs("", o); err != nil {
		t.Errorf("no $GITHUB_OUTPUT: %v", err)
	}
}
