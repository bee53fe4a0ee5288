package action

import (
	"fmt"
	"strings"
	"testing"

	"github.com/kunerva/kunerva/internal/testing/llmtest"
)

const (
	resolvRequest = "block access to /etc/resolv.conf in the nginx pods"
	llmKeyEnv     = "KUNERVA_TEST_LLM_KEY"
	// The model's answers, as JSON of the LLM engine's schema.
	nginxAnswer    = `{"understood": true, "subject": {"scope": "pods", "workload": "nginx"}, "system": [{"kind": "file", "action": "Block", "path": "/etc/resolv.conf"}]}`
	paymentsAnswer = `{"understood": true, "subject": {"scope": "pods", "namespace": "payments", "allPods": true}, "system": [{"kind": "file", "action": "Block", "path": "/etc/resolv.conf"}]}`
)

// llmWorld is a world whose settings choose the LLM engine, served by the
// fake, and allow policies only in the web namespace.
func llmWorld(t testing.TB, respond llmtest.Responder) (*world, *llmtest.Server) {
	s := llmtest.New(t, respond)
	t.Setenv(llmKeyEnv, s.APIKey())
	settings := fmt.Sprintf("treeRoot: deploy\nnamespaces: [web]\nengine: llm\nllm:\n  baseURL: %s\n  model: %s\n  apiKeyEnv: %s\n", s.BaseURL(), s.Model(), llmKeyEnv)
	w := newWorld(t, settings)
	w.llmURL = s.BaseURL() // the settings may only repeat the workflow's
	return w, s
}

// replies scripts the model's answers to resolvRequest.
func replies(answers ...string) llmtest.Responder {
	var script []llmtest.Reply
	for _, a := range answers {
		script = append(script, llmtest.Reply{Content: a})
	}
	return llmtest.Script(map[string][]llmtest.Reply{resolvRequest: script})
}

// The model first writes outside the allow-list; the repair loop tells it
// so, and its second answer becomes the pull request, which says which
// model wrote it and what it spent.
func TestLLMEngineOpensAPullRequest(t *testing.T) {
	w, s := llmWorld(t, replies(paymentsAnswer, nginxAnswer))
	in := w.inputs("issue_comment.created.json")
	out, log, err := w.run(in)
	if err != nil || out.Result != Proposed || out.Branch != resolvBranch {
		t.Fatalf("outcome %+v, error %v\n%s", out, err, log)
	}
	calls := s.Calls()
	if len(calls) != 2 {
		t.Fatalf("%d calls to the model, want 2", len(calls))
	}
	msgs := calls[1].Request.Messages
	if last := msgs[len(msgs)-1].Content; !strings.Contains(last, "namespace payments is not among the namespaces this repository allows (web)") {
		t.Errorf("the repair message does not say what the settings allow:\n%s", last)
	}
	for _, m := range calls[0].Request.Messages {
		if strings.Contains(m.Content, "internet") {
			t.Errorf("the comment's hidden HTML comment reached the model:\n%s", m.Content)
		}
	}
	if !hasObject(w.branchTree(resolvBranch), "KubeArmorPolicy", "web", "block-file-nginx") {
		t.Error("the branch's tree has no KubeArmorPolicy web/block-file-nginx")
	}
	engine := "llm (" + s.Model() + ", 2 attempts, "
	if msg := git(t, w.bare, "--git-dir", w.bare, "log", "-1", "--format=%B", resolvBranch); !strings.Contains(msg, "Engine: "+engine) {
		t.Errorf("the commit does not name the model:\n%s", msg)
	}
	if body := w.gh.pull(100).Body; !strings.Contains(body, "understood by the llm engine") || !strings.Contains(body, "The model `"+s.Model()+"` filled in kunerva's typed intent in 2 attempt(s)") {
		t.Errorf("the pull request body does not say the model wrote it:\n%s", body)
	}
	if got := outputs(t, in.OutputPath)["engine"]; !strings.HasPrefix(got, engine) {
		t.Errorf("output engine = %q, want %q...", got, engine)
	}
	if sum := read(t, in.SummaryPath); !strings.Contains(sum, "Engine: "+engine) {
		t.Errorf("the job summary does not report the model's usage:\n%s", sum)
	}
	for name, text := range map[string]string{"log": log, "summary": read(t, in.SummaryPath), "reply": w.gh.replies()[0].Body} {
		if strings.Contains(text, s.APIKey()) {
			t.Errorf("the %s shows the LLM's key", name)
		}
	}
}

// A model that keeps writing outside the allow-list gets no branch: the
// reply says why.
func TestLLMEngineCannotLeaveTheAllowList(t *testing.T) {
	w, s := llmWorld(t, replies(paymentsAnswer, paymentsAnswer, paymentsAnswer))
	in := w.inputs("issue_comment.created.json")
	out, log, err := w.run(in)
	if err != nil || out.Result != NotUnderstood {
		t.Fatalf("outcome %+v, error %v\n%s", out, err, log)
	}
	if len(s.Calls()) != 3 {
		t.Errorf("%d calls to the model, want 3 (the default attempts)", len(s.Calls()))
	}
	if b := w.branches(); len(b) != 1 {
		t.Errorf("branches %v: want only main", b)
	}
	if r := w.gh.replies(); len(r) != 1 || !strings.Contains(r[0].Body, "namespace payments is not among the namespaces this repository allows (web)") {
		t.Errorf("the reply does not say why: %+v", r)
	}
	if sum := read(t, in.SummaryPath); !strings.Contains(sum, "Engine: llm ("+s.Model()+", 3 attempts, ") {
		t.Errorf("the job summary does not report what the model spent:\n%s", sum)
	}
}

// The engine input overrides the settings' engine.
func TestEngineInputOverridesSettings(t *testing.T) {
	w, s := llmWorld(t, replies())
	in := w.inputs("issue_comment.created.json")
	in.Engine = "builtin"
	out, log, err := w.run(in)
	if err != nil || out.Result != Proposed || !strings.HasPrefix(outputs(t, in.OutputPath)["engine"], "builtin") {
		t.Fatalf("outcome %+v, error %v\n%s", out, err, log)
	}
	if len(s.Calls()) != 0 {
		t.Errorf("%d calls to the model with engine builtin", len(s.Calls()))
	}
}
