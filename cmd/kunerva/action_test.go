package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// actionEnv is the runner's environment for an event fixture of package
// action; nothing listens at the API URL, so a run that calls GitHub fails.
func actionEnv(t *testing.T, fixture string) string {
	t.Helper()
	out := filepath.Join(t.TempDir(), "output")
	for k, v := range map[string]string{
		"GITHUB_EVENT_NAME": strings.Split(fixture, ".")[0], "GITHUB_EVENT_PATH": filepath.Join("..", "..", "action", "testdata", "events", fixture),
		"GITHUB_REPOSITORY": "octo-org/shop", "GITHUB_TOKEN": "ghs_cmd0test0token", "GITHUB_WORKSPACE": t.TempDir(),
		"GITHUB_API_URL": "http://127.0.0.1:1/api/v3", "GITHUB_SERVER_URL": "http://127.0.0.1:1", "GITHUB_OUTPUT": out,
		"GITHUB_STEP_SUMMARY": "", "INPUT_TOKEN": "", "INPUT_LABELS": "", "INPUT_TRIGGER": "", "INPUT_PERMISSION": "",
	} {
		t.Setenv(k, v)
	}
	return out
}

func TestActionIgnoresABotComment(t *testing.T) {
	out := actionEnv(t, "issue_comment.bot.json")
	r := kunerva(t, "", "action")
	r.expect(t, exitOK)
	if !strings.Contains(r.stdout, "ignored: the comment is by the bot github-actions[bot]") {
		t.Errorf("stdout:\n%s", r.stdout)
	}
	b, _ := os.ReadFile(out)
	if !strings.Contains(string(b), "result<<") || !strings.Contains(string(b), "\nignored\n") {
		t.Errorf("$GITHUB_OUTPUT:\n%s", b)
	}
}

func TestActionUsage(t *testing.T) {
	actionEnv(t, "issue_comment.created.json")
	t.Setenv("GITHUB_TOKEN", "")
	r := kunerva(t, "", "action", "--permission", "owner", "--repository", "shop")
	r.expect(t, exitUsage)
	for _, want := range []string{"the token ($INPUT_TOKEN or $GITHUB_TOKEN) is not set", `permission "owner"`, `repository "shop" is not owner/name`} {
		if !strings.Contains(r.stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, r.stderr)
		}
	}
}

func TestActionFailure(t *testing.T) {
	actionEnv(t, "issue_comment.created.json")
	r := kunerva(t, "", "action", "--event-path", filepath.Join(t.TempDir(), "missing.json"))
	if r.code != exitFailure || !strings.Contains(r.stderr, "read the event payload") {
		t.Errorf("exit %d, stderr:\n%s", r.code, r.stderr)
	}
	if strings.Contains(r.stdout+r.stderr, "ghs_cmd0test0token") {
		t.Error("the token was printed")
	}
}
