package examples

import (
	"encoding/json"
	"fmt"
	"maps"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

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
		want := "${{ steps.run.outputs." + name + " }}"
		if name == "result" {
			// The gate says refused when it stops the run before kunerva.
			want = "${{ steps.run.outputs.result || steps.gate.outputs.result }}"
		}
		if a.Outputs[name].Value != want {
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

// TestActionGateComesFirst: an outsider's comment must cost one API call,
// not a Go toolchain, a build and a control plane. Only the input checks
// run before the gate, and every step after it runs only when it allows.
func TestActionGateComesFirst(t *testing.T) {
	steps := decodeStrict[action](t, actionFile).Runs.Steps
	gate := slices.IndexFunc(steps, func(s step) bool { return s.ID == "gate" })
	if gate < 0 {
		t.Fatalf("%s: no step with id gate", actionFile)
	}
	for i, s := range steps[:gate] {
		if s.ID != "platform" {
			t.Errorf("step %s runs before the gate; only the input checks (platform) may", stepName(i, s))
		}
	}
	if env := steps[gate].Env; env["TOKEN"] != "${{ inputs.token }}" || env["PERMISSION"] != "${{ inputs.permission }}" {
		t.Errorf("the gate's env is %v, want TOKEN and PERMISSION from the inputs", env)
	}
	for i, s := range steps[gate+1:] {
		if !gated(s.If) {
			t.Errorf("step %s has if %q, want %s alone or followed by && and a condition (any || inside parentheses)", stepName(gate+1+i, s), s.If, gateAllows)
		}
	}
}

const gateAllows = "steps.gate.outputs.allowed == 'true'"

// gated says whether the condition cond holds only when the gate allows:
// gateAllows alone or followed by && and more. An unparenthesized || after
// it would let the step run without the gate.
func gated(cond string) bool {
	rest, ok := strings.CutPrefix(cond, gateAllows)
	if !ok || rest == "" {
		return ok
	}
	if rest, ok = strings.CutPrefix(rest, " && "); !ok {
		return false
	}
	depth := 0
	for i, r := range rest {
		switch {
		case r == '(':
			depth++
		case r == ')':
			depth--
		case depth == 0 && strings.HasPrefix(rest[i:], "||"):
			return false
		}
	}
	return true
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
	// Strangers' comments start no run at all; the action's gate then
	// checks the commenter's real role.
	for name, j := range w.Jobs {
		m := associations.FindStringSubmatch(j.If)
		var roles []string
		if m == nil || json.Unmarshal([]byte(m[1]), &roles) != nil {
			t.Errorf("jobs.%s.if does not require `&& contains(fromJSON('[\"OWNER\", \"MEMBER\", \"COLLABORATOR\"]'), github.event.comment.author_association || github.event.review.author_association)`: %s", name, j.If)
			continue
		}
		if slices.Sort(roles); !slices.Equal(roles, []string{"COLLABORATOR", "MEMBER", "OWNER"}) {
			t.Errorf("jobs.%s.if lets the author associations %v start a run, want exactly OWNER, MEMBER, COLLABORATOR", name, roles)
		}
	}
	// GitHub keeps one pending run per concurrency group and cancels the
	// older one: a group per issue would drop a request without a reply.
	group, _ := w.Concurrency["group"].(string)
	for _, want := range []string{"github.event.comment.id", "github.event.review.id"} {
		if !strings.Contains(group, want) {
			t.Errorf("concurrency.group %q does not contain %s: one group per comment, so none is cancelled", group, want)
		}
	}
	if strings.Contains(group, ".number") || w.Concurrency["cancel-in-progress"] != false {
		t.Errorf("concurrency is %v, want a group per comment, not per issue, and cancel-in-progress false", w.Concurrency)
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
	// go install ...@${KUNERVA_VERSION} must install the release chosen.
	if v := w.Env["KUNERVA_VERSION"]; !semver.MatchString(v) {
		t.Errorf("env KUNERVA_VERSION is %q, want a release tag such as v0.1.0", v)
	}
}

// associations is the comment workflow's condition on who wrote the comment.
var associations = regexp.MustCompile(`&& contains\(fromJSON\('(\[[^']*\])'\), github\.event\.comment\.author_association \|\| github\.event\.review\.author_association\)`)

var (
	semver = regexp.MustCompile(`^v[0-9]+\.[0-9]+\.[0-9]+$`)
	// usesLine is a step's uses:, also in a commented-out step, with its
	// trailing comment.
	usesLine = regexp.MustCompile(`(?m)^\s*(#\s*)?(?:-\s+)?uses:\s*(\S+)[ \t]*(#.*)?$`)
	pinned   = regexp.MustCompile(`^[\w.-]+/[\w./-]+@[0-9a-f]{40}$`)
	tagNote  = regexp.MustCompile(`^#\s*v[0-9]+(\.[0-9]+){0,2}$`)
	floating = regexp.MustCompile(`@(latest|main|master)\b`)
)

// workflowFiles are the workflows the examples and the project run.
func workflowFiles(t *testing.T) []string {
	t.Helper()
	own, err := filepath.Glob("../.github/workflows/*.yml")
	if err != nil || len(own) == 0 {
		t.Fatalf("no workflows in ../.github/workflows (%v)", err)
	}
	return append([]string{"workflows/kunerva.yml", "workflows/kunerva-check.yml"}, own...)
}

// TestUsesArePinned: a tag or a branch can be moved to other code after
// review; a commit SHA cannot. Every action is pinned by its full SHA with
// the tag in a comment, kunerva's own (which the example cannot know the
// SHA of) by a release tag; nothing names latest or a branch.
func TestUsesArePinned(t *testing.T) {
	for _, file := range append([]string{actionFile}, workflowFiles(t)...) {
		text := readFile(t, file)
		if m := floating.FindAllString(text, -1); m != nil {
			t.Errorf("%s: names %v; pin a release (a commit SHA for actions)", file, m)
		}
		var steps []step
		if file == actionFile {
			steps = decodeStrict[action](t, file).Runs.Steps
		} else {
			for _, j := range decodeStrict[workflow](t, file).Jobs {
				steps = append(steps, j.Steps...)
			}
		}
		var active int
		for _, m := range usesLine.FindAllStringSubmatch(text, -1) {
			commented, ref, note := m[1] != "", m[2], strings.TrimSpace(m[3])
			if !commented {
				active++
			}
			switch {
			case strings.HasPrefix(ref, "./"):
			case strings.HasPrefix(ref, "kunerva/kunerva@"):
				if !semver.MatchString(strings.TrimPrefix(ref, "kunerva/kunerva@")) {
					t.Errorf("%s: uses %s, want a release tag such as kunerva/kunerva@v0.1.0", file, ref)
				}
			case !pinned.MatchString(ref) || !tagNote.MatchString(note):
				t.Errorf("%s: uses %s, want owner/repo@<40-hex commit SHA> # <tag>", file, strings.TrimSpace(ref+" "+note))
			}
		}
		var parsed int
		for _, s := range steps {
			if s.Uses != "" {
				parsed++
			}
		}
		if active != parsed {
			t.Errorf("%s: %d steps use an action, but %d uses: lines were read; write each as `uses: <ref> # <tag>`", file, parsed, active)
		}
	}
}

// TestJobsHaveTimeouts: a hung job otherwise holds a runner for six hours.
func TestJobsHaveTimeouts(t *testing.T) {
	for _, file := range workflowFiles(t) {
		for name, j := range decodeStrict[workflow](t, file).Jobs {
			if j.TimeoutMinutes <= 0 || j.TimeoutMinutes > 60 {
				t.Errorf("%s: jobs.%s has timeout-minutes %d, want 1 to 60", file, name, j.TimeoutMinutes)
			}
		}
	}
}
