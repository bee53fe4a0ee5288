package main

import (
	"encoding/json"
	"errors"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"sigs.k8s.io/yaml"

	"github.com/kunerva/kunerva/generator"
	"github.com/kunerva/kunerva/generator/builtin"
	"github.com/kunerva/kunerva/internal/eval"
	"github.com/kunerva/kunerva/internal/eval/devset"
	"github.com/kunerva/kunerva/internal/testing/fakemodel"
	"github.com/kunerva/kunerva/internal/testing/llmtest"
	"github.com/kunerva/kunerva/internal/tree"
)

const (
	// keyEnv holds the fake's API key, as OPENAI_API_KEY holds a real one.
	keyEnv = "KUNERVA_TEST_LLM_KEY"
	// keepAway is a request the built-in engine refuses and a model reads
	// as resolvRequest.
	keepAway = "nginx should leave /etc/resolv.conf alone, please"
	// nginxAnswer is a model's answer to resolvRequest on the shop tree, with
	// every field the strict schema requires.
	nginxAnswer = `{"understood": true, "question": "",
 "subject": {"scope": "pods", "namespace": "", "workload": "nginx", "labels": [], "expressions": [], "allPods": false,
  "namespaces": [], "exceptNamespaces": false, "nodeLabels": [], "name": ""},
 "network": [],
 "system": [{"kind": "file", "action": "Block", "path": "/etc/resolv.conf", "dir": "", "recursive": false, "execName": "",
  "readOnly": false, "ownerOnly": false, "fromSource": [], "protocol": "", "capability": ""}]}`
)

// llmFlags point the engine at the fake; the key travels in keyEnv, as a
// real key does, never in a flag.
func llmFlags(t *testing.T, s *llmtest.Server, engine string) []string {
	t.Helper()
	t.Setenv(keyEnv, s.APIKey())
	return []string{"--engine", engine, "--llm-base-url", s.BaseURL(), "--llm-model", s.Model(), "--llm-api-key-env", keyEnv}
}

// shopModel is the fake model on the shop tree.
func shopModel(t *testing.T) *fakemodel.Model {
	t.Helper()
	tr, err := tree.Load(shopTree)
	if err != nil {
		t.Fatal(err)
	}
	return &fakemodel.Model{Options: func(string) (generator.Options, bool) { return generator.Options{Tree: tr}, true }}
}

func TestGenerateLLM(t *testing.T) {
	s := llmtest.New(t, shopModel(t).Respond)
	flags := llmFlags(t, s, "llm")
	builtin := kunerva(t, "", "generate", "--tree", shopTree, resolvRequest)
	builtin.expect(t, exitOK)

	r := kunerva(t, "", append(append([]string{"generate", "--tree", shopTree}, flags...), resolvRequest)...)
	r.expect(t, exitOK)
	var policy struct {
		Metadata struct {
			Annotations map[string]string `json:"annotations"`
		} `json:"metadata"`
	}
	if err := yaml.Unmarshal([]byte(r.stdout), &policy); err != nil {
		t.Fatalf("stdout is not YAML: %v\n%s", err, r.stdout)
	}
	if got := policy.Metadata.Annotations["kunerva.io/engine"]; got != "llm" {
		t.Errorf("engine annotation %q, want llm", got)
	}
	if got := strings.Replace(r.stdout, "kunerva.io/engine: llm", "kunerva.io/engine: builtin", 1); got != builtin.stdout {
		t.Errorf("the model's policy\n%s\ndiffers from the built-in engine's\n%s", r.stdout, builtin.stdout)
	}

	explain := kunerva(t, "", append(append([]string{"generate", "--tree", shopTree, "-o", "explain"}, flags...), resolvRequest)...)
	explain.expect(t, exitOK)
	if want := "Understood by the llm (" + s.Model() + ", 1 attempt, "; !strings.Contains(explain.stdout, want) {
		t.Errorf("the explanation does not say %q:\n%s", want, explain.stdout)
	}
	if n := len(s.Calls()); n != 2 {
		t.Errorf("%d calls to the model, want one per command", n)
	}
	for _, out := range []string{r.stdout, explain.stdout} {
		if strings.Contains(out, s.APIKey()) {
			t.Errorf("the output shows the API key:\n%s", out)
		}
	}
}

// A key the server refuses is a failure (exit 3) that names the problem,
// not the key.
func TestGenerateLLMWrongKey(t *testing.T) {
	s := llmtest.New(t, shopModel(t).Respond, llmtest.AllowRejections())
	flags := llmFlags(t, s, "llm")
	const wrong = "sk-not-the-servers-key"
	t.Setenv(keyEnv, wrong)
	r := kunerva(t, "", append(append([]string{"generate", "--tree", shopTree}, flags...), resolvRequest)...)
	r.expect(t, exitFailure)
	if !strings.Contains(r.stderr, "refused the API key") {
		t.Errorf("stderr does not say the key was refused:\n%s", r.stderr)
	}
	if strings.Contains(r.stderr, wrong) {
		t.Errorf("stderr shows the key:\n%s", r.stderr)
	}
	if rej := s.Rejections(); len(rej) != 1 || !strings.Contains(rej[0], "401") {
		t.Errorf("rejections %q, want the one call, refused with 401", rej)
	}
}

// auto asks the model only about what the built-in engine refuses.
func TestGenerateLLMAuto(t *testing.T) {
	s := llmtest.New(t, llmtest.Script(map[string][]llmtest.Reply{keepAway: {{Content: nginxAnswer}}}))
	flags := llmFlags(t, s, "auto")
	for _, tc := range []struct {
		request, engine string
		calls           int
	}{
		{resolvRequest, "builtin", 0},
		{keepAway, "llm", 1},
	} {
		r := kunerva(t, "", append(append([]string{"generate", "--tree", shopTree}, flags...), tc.request)...)
		r.expect(t, exitOK)
		if !strings.Contains(r.stdout, "kunerva.io/engine: "+tc.engine+"\n") {
			t.Errorf("%q: want the engine annotation %s:\n%s", tc.request, tc.engine, r.stdout)
		}
		if n := len(s.Calls()); n != tc.calls {
			t.Errorf("%q: %d calls to the model in all, want %d", tc.request, n, tc.calls)
		}
	}
}

// A model that asks a question is a refusal (exit 4) that shows the question.
func TestGenerateLLMAsks(t *testing.T) {
	m := shopModel(t)
	opts, _ := m.Options(keepAway)
	_, err := builtin.Engine{}.Understand(t.Context(), keepAway, opts)
	var refusal *generator.NotUnderstoodError
	if !errors.As(err, &refusal) {
		t.Fatalf("the built-in engine understands %q; the fake model would not ask", keepAway)
	}
	s := llmtest.New(t, m.Respond)
	r := kunerva(t, "", append(append([]string{"generate", "--tree", shopTree}, llmFlags(t, s, "llm")...), keepAway)...)
	r.expect(t, exitNotUnderstood)
	for _, want := range []string{"kunerva: request not understood: " + refusal.Missing, "the model (" + s.Model() + ") asks a question"} {
		if !strings.Contains(r.stderr, want) {
			t.Errorf("stderr does not say %q:\n%s", want, r.stderr)
		}
	}
}

func gitOutput(t *testing.T, dir string, args ...string) string {
	t.Helper()
	out, err := exec.Command("git", append([]string{"-C", dir}, args...)...).Output()
	if err != nil {
		t.Fatalf("git %s: %v", strings.Join(args, " "), err)
	}
	return strings.TrimSpace(string(out))
}

// propose with the model: its policy, dry-run on the local control plane,
// on a branch; a model whose answers never pass makes no branch.
func TestProposeLLM(t *testing.T) {
	needsControlPlane(t)
	t.Run("a valid answer", func(t *testing.T) {
		s := llmtest.New(t, shopModel(t).Respond)
		dir := filepath.Join(t.TempDir(), "demo")
		r := kunerva(t, "", append(append([]string{"propose", "--demo", dir}, llmFlags(t, s, "llm")...), resolvRequest)...)
		r.expect(t, exitOK)
		branch := regexp.MustCompile(`(?m)^branch: (\S+)$`).FindStringSubmatch(r.stdout)
		const path = "policies/web/block-file-nginx.yaml"
		if branch == nil || !strings.Contains(r.stdout, "policy: "+path+"\n") || !strings.Contains(r.stdout, "passed with no findings") {
			t.Fatalf("the output does not name the branch and %s, or the validation:\n%s", path, r.stdout)
		}
		msg := gitOutput(t, dir, "log", "-1", "--format=%B", branch[1])
		if want := "Engine: llm (" + s.Model() + ", 1 attempt, "; !strings.Contains(msg, want) {
			t.Errorf("the commit message does not say %q:\n%s", want, msg)
		}
		if policy := gitOutput(t, dir, "show", branch[1]+":"+path); !strings.Contains(policy, "kunerva.io/engine: llm") {
			t.Errorf("%s on %s is not the model's policy:\n%s", path, branch[1], policy)
		}
		if len(s.Calls()) != 1 {
			t.Errorf("%d calls to the model, want 1", len(s.Calls()))
		}
	})
	portAnswer := `{"understood": true, "question": "",
 "subject": {"scope": "pods", "namespace": "", "workload": "nginx", "labels": [], "expressions": [], "allPods": false,
  "namespaces": [], "exceptNamespaces": false, "nodeLabels": [], "name": ""},
 "network": [{"direction": "ingress", "verdict": "allow", "http": [], "dns": [],
  "peers": [{"workload": "", "labels": [], "expressions": [], "namespace": "web", "namespaceLabels": [], "cidr": "", "except": [],
   "fqdn": "", "entity": "", "service": "", "clusterDNS": false, "anyPod": true}],
  "ports": [{"port": 0, "endPort": 0, "name": "http-x", "protocol": "", "icmpType": ""}]}],
 "system": []}`
	for _, tc := range []struct{ name, answer, problem string }{
		{"a workload not in the tree", strings.Replace(nginxAnswer, `"workload": "nginx"`, `"workload": "ngnix"`, 1), `subject.workload: "ngnix" is not a workload of the tree`},
		{"a port neither the request nor the tree gives", portAnswer, `network[0].ports[0].name: "http-x" is neither in the request nor in the tree`},
		{"a port the pods do not expose", strings.Replace(portAnswer, `"port": 0, "endPort": 0, "name": "http-x"`, `"port": 9090, "endPort": 0, "name": ""`, 1), `port 9090/TCP is not exposed by any pod selected`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			answer := llmtest.Reply{Content: tc.answer}
			s := llmtest.New(t, llmtest.Script(map[string][]llmtest.Reply{resolvRequest: {answer, answer, answer}}))
			dir := filepath.Join(t.TempDir(), "demo")
			r := kunerva(t, "", append(append([]string{"propose", "--demo", dir}, llmFlags(t, s, "llm")...), resolvRequest)...)
			if r.code != exitNotUnderstood {
				t.Fatalf("exit code %d, want %d\nstdout:\n%s\nstderr:\n%s", r.code, exitNotUnderstood, r.stdout, r.stderr)
			}
			for _, want := range []string{"kunerva: request not understood: its last answer still does not make a valid policy: ", tc.problem, "LLM: attempt 3 of 3 has 1 problems"} {
				if !strings.Contains(r.stderr, want) {
					t.Errorf("stderr does not say %q:\n%s", want, r.stderr)
				}
			}
			if strings.Contains(r.stdout, "branch:") {
				t.Errorf("stdout names a branch:\n%s", r.stdout)
			}
			if branches := gitOutput(t, dir, "branch", "--list", "kunerva/*"); branches != "" {
				t.Errorf("branches were made: %s", branches)
			}
			if len(s.Calls()) != 3 {
				t.Errorf("%d calls to the model, want 3", len(s.Calls()))
			}
		})
	}
}

func evalJSON(t *testing.T, args ...string) *eval.Report {
	t.Helper()
	r := kunerva(t, "", append([]string{"eval", "--dataset", devSet, "--root", "../..", "-o", "json"}, args...)...)
	if r.code != exitOK {
		t.Fatalf("exit code %d\nstdout:\n%s\nstderr:\n%s", r.code, r.stdout, r.stderr)
	}
	var report eval.Report
	dec := json.NewDecoder(strings.NewReader(r.stdout))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&report); err != nil {
		t.Fatalf("the JSON report does not decode: %v\n%s", err, r.stdout)
	}
	return &report
}

// eval with the LLM engine and the fake model, every stage on the local
// control plane: the fake understands what the built-in engine does, so the
// figures are the built-in engine's, and every fifth
// request's broken first answer costs a second attempt.
func TestEvalDevSetLLM(t *testing.T) {
	needsControlPlane(t)
	cases, err := devset.Load(devSet)
	if err != nil {
		t.Fatal(err)
	}
	const flakyEvery = 5
	newModel := func() *fakemodel.Model {
		m, err := fakemodel.DevSet(cases, &devset.Trees{Root: "../.."})
		if err != nil {
			t.Fatal(err)
		}
		m.FlakyEvery = flakyEvery
		return m
	}

	builtin := evalJSON(t)
	s := llmtest.New(t, newModel().Respond)
	llm := evalJSON(t, llmFlags(t, s, "llm")...)

	byName := map[string]eval.CaseResult{}
	for _, c := range builtin.Cases {
		byName[c.Name] = c
	}
	// The requests whose conversations start with a broken answer: every
	// fifth, in the order the requests first reached the model.
	var order []string
	for _, c := range s.Calls() {
		if !slices.Contains(order, c.UserRequest) {
			order = append(order, c.UserRequest)
		}
	}
	flaky := map[string]bool{}
	for i, r := range order {
		flaky[r] = (i+1)%flakyEvery == 0
	}
	requests := map[string]string{}
	for _, c := range cases {
		requests[c.Name] = c.Request
	}
	known := knownRefusals(t)
	var answered, flakyAnswers int
	for _, c := range llm.Cases {
		if b := byName[c.Name]; c.Outcome != b.Outcome {
			t.Errorf("%s: %s with the model, %s with the built-in engine: %s", c.Name, c.Outcome, b.Outcome, c.Message)
		} else if !slices.Contains(known, c.Name) && (c.MustRefuse && (c.PhraseFound == nil) != (b.PhraseFound == nil) || c.PhraseFound != nil && b.PhraseFound != nil && *c.PhraseFound != *b.PhraseFound) {
			// A known gap may happen to say the phrase in the example one engine gives.
			t.Errorf("%s: the model's refusal says the dev set's phrase %v, the built-in engine's %v:\n%s\n%s", c.Name, c.PhraseFound != nil && *c.PhraseFound, b.PhraseFound != nil && *b.PhraseFound, c.Message, b.Message)
		}
		if c.Usage == nil {
			continue
		}
		answered++
		want := 1
		if flaky[requests[c.Name]] {
			want = 2
			flakyAnswers++
		}
		if c.Engine != generator.EngineLLM || c.Usage.Attempts != want {
			t.Errorf("%s: engine %s, %d attempts; want llm, %d", c.Name, c.Engine, c.Usage.Attempts, want)
		}
	}
	tot, o := llm.Total, llm.Total.Outcomes
	if llm.Engine != "llm" || tot.Cases != len(cases) {
		t.Errorf("engine %s, %d cases; want llm, %d", llm.Engine, tot.Cases, len(cases))
	}
	if want := builtin.Total.Matched; tot.Matched != want || o.Match != want {
		t.Errorf("%d matched (%d with the outcome match), want the built-in engine's %d", tot.Matched, o.Match, want)
	}
	if o.RefusedCorrectly != tot.MustRefuseCases || o.Answered != 0 {
		t.Errorf("%d of %d must-refuse cases refused, %d answered, %d saying the phrase (built-in: %d)",
			o.RefusedCorrectly, tot.MustRefuseCases, o.Answered, tot.PhraseFound, builtin.Total.PhraseFound)
	}
	if tot.Valid != tot.Produced || tot.ValidityRate == nil || *tot.ValidityRate != 1 {
		t.Errorf("%d of %d answers valid, want all", tot.Valid, tot.Produced)
	}
	m := tot.Model
	if m.Answers != answered || m.Answers != tot.Produced || m.Attempts != answered+flakyAnswers || flakyAnswers == 0 {
		t.Errorf("the model answered %d cases (%d with usage, %d produced) in %d attempts; want %d attempts, one more for each of the %d flaky ones",
			m.Answers, answered, tot.Produced, m.Attempts, answered+flakyAnswers, flakyAnswers)
	}

	tab := kunerva(t, "", append([]string{"eval", "--dataset", devSet, "--root", "../.."}, llmFlags(t, llmtest.New(t, newModel().Respond), "llm")...)...)
	if tab.code != exitOK {
		t.Fatalf("exit code %d\nstdout:\n%s\nstderr:\n%s", tab.code, tab.stdout, tab.stderr)
	}
	t.Logf("kunerva eval --engine llm --dataset generator/testdata/devset, with the fake model (every %dth request answered wrong first):\n%s", flakyEvery, tab.stdout)
	usage := regexp.MustCompile(`(?m)^  the model answered (\d+) cases in (\d+) attempts, `).FindStringSubmatch(tab.stdout)
	if usage == nil || usage[1] != strconv.Itoa(m.Answers) || usage[2] != strconv.Itoa(m.Attempts) {
		t.Errorf("the table's model line says %q, want %d cases in %d attempts", usage, m.Answers, m.Attempts)
	}
	for line := range strings.Lines(tab.stderr) {
		if !strings.HasPrefix(line, "LLM: attempt ") {
			t.Errorf("stderr has more than the repairs: %s", line)
		}
	}
}
