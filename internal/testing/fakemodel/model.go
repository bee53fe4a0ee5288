package fakemodel

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"sync"

	openai "github.com/sashabaranov/go-openai"

	"github.com/kunerva/kunerva/generator"
	"github.com/kunerva/kunerva/generator/builtin"
	"github.com/kunerva/kunerva/internal/testing/llmtest"
)

// Model answers like the built-in engine. Its zero value answers nothing:
// set Options.
type Model struct {
	// Options gives the generator options a request runs with: above all
	// the tree, whose facts the prompt only summarises. The request is the
	// text as the engine sent it (whitespace collapsed, markup removed).
	Options func(request string) (generator.Options, bool)
	// FlakyEvery makes every Nth distinct request's first answer in a
	// conversation broken JSON, so that the repair loop runs; 0 never.
	FlakyEvery int

	mu   sync.Mutex
	seen map[string]int // the order in which requests first came
}

// Broken is the answer a flaky request gets first: JSON with a trailing comma.
const Broken = `{"understood": true, "subject": {"scope": "pods",}}`

// Respond is an llmtest.Responder. A request Options does not know gets a
// 422 whose message says so: a mistake in the test, not a model's answer.
func (m *Model) Respond(call llmtest.Call) llmtest.Reply {
	opts, ok := m.Options(call.UserRequest)
	if !ok {
		return llmtest.Reply{Status: http.StatusUnprocessableEntity, Content: fmt.Sprintf("fakemodel: no options for the request %q", call.UserRequest)}
	}
	if m.flaky(call) {
		return llmtest.Reply{Content: Broken}
	}
	b, err := json.Marshal(m.answer(call.UserRequest, opts))
	if err != nil {
		return llmtest.Reply{Status: http.StatusInternalServerError, Content: "fakemodel: " + err.Error()}
	}
	return llmtest.Reply{Content: string(b)}
}

// answer is what the built-in engine understands, or its refusal as a question.
func (m *Model) answer(request string, opts generator.Options) answer {
	opts.Review = nil
	in, err := builtin.Engine{}.Understand(context.Background(), request, opts)
	var nu *generator.NotUnderstoodError
	switch {
	case errors.As(err, &nu):
		return question(nu.Missing)
	case err != nil:
		return question("fakemodel: " + err.Error())
	}
	return answerFor(in, opts)
}

// flaky reports whether the call is the first of a conversation about a
// request whose turn it is to be answered wrongly.
func (m *Model) flaky(call llmtest.Call) bool {
	if m.FlakyEvery <= 0 {
		return false
	}
	for _, msg := range call.Request.Messages {
		if msg.Role == openai.ChatMessageRoleAssistant {
			return false // a repair: answer right
		}
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.seen == nil {
		m.seen = map[string]int{}
	}
	key := normal(call.UserRequest)
	n, ok := m.seen[key]
	if !ok {
		n = len(m.seen) + 1
		m.seen[key] = n
	}
	return n%m.FlakyEvery == 0
}
