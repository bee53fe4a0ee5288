package llmtest

import (
	"context"
	"crypto/rand"
	"encoding/json"
	"fmt"
	"maps"
	"net/http"
	"net/http/httptest"
	"slices"
	"sync"
	"testing"
	"time"

	openai "github.com/sashabaranov/go-openai"
)

// Reply is one scripted answer.
type Reply struct {
	// Content is the assistant's text: the JSON the model "wrote". In "tool"
	// mode it becomes the forced tool call's arguments, as a real model's
	// output would. For an error Status it replaces the default error message.
	Content string
	// Status 0 (or 200) answers with a completion; an error status (429, 500,
	// 503, 400, ...) answers with an OpenAI-style error body instead, so that
	// retries and error reporting can be tested. Any other status is a
	// mistake in the test and is reported as a rejection.
	Status int
	// Header adds response headers, e.g. Retry-After on a 429.
	Header http.Header
	// Delay holds the answer back, for timeout tests. It ends early when the
	// client gives up, so a test's cleanup never waits for it.
	Delay time.Duration
	// Usage, when nil, is estimated at about one token per four bytes of the
	// prompt and of Content, which is close enough for budget checks.
	Usage *openai.Usage

	// rejection marks a reply that Script made up because the test gave it no
	// reply to play: the server records it like a rejected call.
	rejection string
}

// Responder answers one call; the fake has already checked it, so a
// Responder only decides what the model says.
type Responder func(call Call) Reply

// Call is one accepted chat completion.
type Call struct {
	// Request is the body as the client sent it, decoded after it passed every check.
	Request openai.ChatCompletionRequest
	// UserRequest is the kunerva request text: the "request" field of the
	// first user message (see the package documentation).
	UserRequest string
	// Attempt counts accepted calls with this UserRequest: 1 for the first,
	// 2 for the retry, ... Rejected calls do not count, so a fallback after a
	// rejected json_schema call is still attempt 1.
	Attempt int
	// Mode is how the client asked for structured output: "json_schema",
	// "tool", "json_object" or "text". "tool" means tool_choice names a
	// function, or is "required" (then the first tool is called); it wins
	// over response_format, because a model forced to call a tool does.
	Mode string
}

// Option changes how New's server behaves.
type Option func(*Server)

// WithModel serves name instead of "kunerva-test-model", for tests of how the
// model name travels from flags to the request.
func WithModel(name string) Option {
	return func(s *Server) { s.model = name }
}

// WithoutJSONSchema answers response_format json_schema with a 400, as vLLM
// and other older OpenAI-compatible servers do, so the client must fall back
// to tools.
func WithoutJSONSchema() Option {
	return func(s *Server) { s.noJSONSchema = true }
}

// WithoutTools answers tools with a 400 as well. It implies
// WithoutJSONSchema: a server that lacks tools lacks json_schema too, and
// only then must the client fall back to plain JSON.
func WithoutTools() Option {
	return func(s *Server) { s.noJSONSchema, s.noTools = true, true }
}

// Azure makes the server answer as Azure OpenAI does: the served model is
// the deployment in the path /openai/deployments/MODEL/chat/completions,
// the api-version query must be apiVersion, and the key comes in the
// api-key header.
func Azure(apiVersion string) Option { return func(s *Server) { s.azureVersion = apiVersion } }

// AllowRejections tells the server that the test expects rejected calls, as
// fallback and error tests do; they can still read them from Rejections.
func AllowRejections() Option {
	return func(s *Server) { s.allowRejections = true }
}

// Server is a running fake. Its methods are safe for concurrent use.
type Server struct {
	srv     *httptest.Server
	respond Responder
	key     string
	model   string

	azureVersion    string // "": the OpenAI API; else Azure OpenAI with this api-version
	noJSONSchema    bool
	noTools         bool
	allowRejections bool

	mu         sync.Mutex
	calls      []Call
	attempts   map[string]int
	rejections []string
}

// New starts a fake that answers accepted calls with respond. The test's
// cleanup closes it and, unless AllowRejections is given, reports every
// rejected call as an error, so a client bug cannot hide behind a retry.
func New(t testing.TB, respond Responder, opts ...Option) *Server {
	t.Helper()
	s := &Server{
		respond:  respond,
		key:      "sk-llmtest-" + rand.Text(),
		model:    "kunerva-test-model",
		attempts: map[string]int{},
	}
	for _, opt := range opts {
		opt(s)
	}
	s.srv = httptest.NewServer(http.HandlerFunc(s.serve))
	t.Cleanup(func() {
		s.srv.Close()
		if s.allowRejections {
			return
		}
		for _, r := range s.Rejections() {
			t.Errorf("llmtest: rejected call: %s", r)
		}
	})
	return s
}

// BaseURL is what a user passes as --llm-base-url, e.g.
// http://127.0.0.1:PORT/v1; clients append /chat/completions. For Azure it
// is the resource's endpoint, http://127.0.0.1:PORT.
func (s *Server) BaseURL() string {
	if s.azureVersion != "" {
		return s.srv.URL
	}
	return s.srv.URL + "/v1"
}

// APIKey is the only key the server accepts. It is random per server so that
// a client which ignores the configured key fails.
func (s *Server) APIKey() string { return s.key }

// Model is the only model the server serves.
func (s *Server) Model() string { return s.model }

// Calls returns every accepted call, in the order they arrived.
func (s *Server) Calls() []Call {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.calls)
}

// Rejections says, for each rejected call, what was wrong with it.
func (s *Server) Rejections() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.rejections)
}

// Script returns a Responder that plays, for each kunerva request text, its
// replies in order: attempt 1 gets the first, attempt 2 the second, and so
// on. A request it has no reply for gets a 500 and is recorded as a
// rejection, so an unexpected request or an extra retry fails the test.
func Script(replies map[string][]Reply) Responder {
	replies = maps.Clone(replies)
	return func(call Call) Reply {
		script, ok := replies[call.UserRequest]
		switch {
		case !ok:
			return Reply{Status: http.StatusInternalServerError, rejection: fmt.Sprintf("Script has no reply for request %q", call.UserRequest)}
		case call.Attempt > len(script):
			return Reply{Status: http.StatusInternalServerError, rejection: fmt.Sprintf("Script has %d replies for request %q, this is attempt %d", len(script), call.UserRequest, call.Attempt)}
		}
		return script[call.Attempt-1]
	}
}

func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	req, e := s.check(r)
	if e != nil {
		s.reject(w, r, e)
		return
	}
	text, err := userRequest(req.Messages)
	if err != nil {
		e := &apiError{status: http.StatusInternalServerError, Type: "server_error", Message: "llmtest: kunerva contract broken: " + err.Error()}
		s.reject(w, r, e)
		return
	}

	s.mu.Lock()
	s.attempts[text]++
	call := Call{Request: req, UserRequest: text, Attempt: s.attempts[text], Mode: mode(req)}
	s.calls = append(s.calls, call)
	n := len(s.calls)
	s.mu.Unlock()

	reply := s.respond(call)
	if reply.rejection != "" {
		s.record(r, reply.rejection)
	}
	if !sleep(r.Context(), reply.Delay) {
		return
	}
	switch {
	case reply.Status == 0 || reply.Status == http.StatusOK:
		writeJSON(w, http.StatusOK, reply.Header, s.completion(n, call, reply))
	case reply.Status < 400:
		e := &apiError{status: http.StatusInternalServerError, Type: "server_error", Message: fmt.Sprintf("llmtest: Reply.Status %d is not an error status", reply.Status)}
		s.reject(w, r, e)
	default:
		e := replyError(reply, s.model)
		writeJSON(w, e.status, reply.Header, errorBody{e})
	}
}

// completion is the answer a real server gives: the content in the message,
// or in the forced tool call's arguments, cut at the token limit.
func (s *Server) completion(n int, call Call, reply Reply) openai.ChatCompletionResponse {
	content, finish := reply.Content, openai.FinishReasonStop
	if limit := tokenLimit(call.Request); limit > 0 && tokens(content) > limit {
		content, finish = truncate(content, 4*limit), openai.FinishReasonLength
	}
	msg := openai.ChatCompletionMessage{Role: openai.ChatMessageRoleAssistant, Content: content}
	if call.Mode == "tool" {
		msg.Content = ""
		msg.ToolCalls = []openai.ToolCall{{
			ID:       fmt.Sprintf("call_%d", n),
			Type:     openai.ToolTypeFunction,
			Function: openai.FunctionCall{Name: forcedTool(call.Request), Arguments: content},
		}}
		if finish == openai.FinishReasonStop {
			finish = openai.FinishReasonToolCalls
		}
	}
	usage := reply.Usage
	if usage == nil {
		prompt := 0
		for _, m := range call.Request.Messages {
			prompt += tokens(messageText(m))
		}
		usage = &openai.Usage{PromptTokens: prompt, CompletionTokens: tokens(content), TotalTokens: prompt + tokens(content)}
	}
	return openai.ChatCompletionResponse{
		ID:      fmt.Sprintf("chatcmpl-llmtest-%d", n),
		Object:  "chat.completion",
		Created: time.Now().Unix(),
		Model:   s.model,
		Choices: []openai.ChatCompletionChoice{{Index: 0, Message: msg, FinishReason: finish}},
		Usage:   *usage,
	}
}

// tokenLimit is the completion budget the client set, 0 for none.
func tokenLimit(req openai.ChatCompletionRequest) int {
	if req.MaxCompletionTokens > 0 {
		return req.MaxCompletionTokens
	}
	return req.MaxTokens //lint:ignore SA1019 older clients still send max_tokens
}

// tokens estimates like OpenAI's rule of thumb: a token is about four bytes.
func tokens(s string) int { return (len(s) + 3) / 4 }

// truncate cuts s to at most n bytes without splitting a character.
func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !isRuneStart(s[n]) {
		n--
	}
	return s[:n]
}

func isRuneStart(b byte) bool { return b&0xC0 != 0x80 }

// sleep waits d, or less when the client gives up; it reports whether the
// client is still waiting for an answer.
func sleep(ctx context.Context, d time.Duration) bool {
	if d <= 0 {
		return true
	}
	timer := time.NewTimer(d)
	defer timer.Stop()
	select {
	case <-timer.C:
		return true
	case <-ctx.Done():
		return false
	}
}

// replyError is the error body OpenAI sends for a scripted error status.
func replyError(reply Reply, model string) *apiError {
	e := &apiError{status: reply.Status, Type: "invalid_request_error", Message: http.StatusText(reply.Status)}
	switch {
	case reply.Status == http.StatusTooManyRequests:
		e.Type, e.Code = "requests", ptr("rate_limit_exceeded")
		e.Message = fmt.Sprintf("Rate limit reached for %s on requests per min (RPM). Please try again later.", model)
	case reply.Status == http.StatusServiceUnavailable:
		e.Type, e.Message = "server_error", "The engine is currently overloaded, please try again later."
	case reply.Status >= 500:
		e.Type, e.Message = "server_error", "The server had an error while processing your request. Sorry about that!"
	}
	if reply.Content != "" {
		e.Message = reply.Content
	}
	return e
}

// reject answers with e and records why, for the test's cleanup.
func (s *Server) reject(w http.ResponseWriter, r *http.Request, e *apiError) {
	why := fmt.Sprintf("%d %s", e.status, e.Message)
	if e.Param != nil {
		why = fmt.Sprintf("%d %s: %s", e.status, *e.Param, e.Message)
	}
	s.record(r, why)
	var header http.Header
	if e.status == http.StatusMethodNotAllowed {
		header = http.Header{"Allow": {http.MethodPost}}
	}
	writeJSON(w, e.status, header, errorBody{e})
}

func (s *Server) record(r *http.Request, why string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.rejections = append(s.rejections, fmt.Sprintf("%s %s: %s", r.Method, r.URL.Path, why))
}

func writeJSON(w http.ResponseWriter, status int, header http.Header, body any) {
	for k, vs := range header {
		for _, v := range vs {
			w.Header().Add(k, v)
		}
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	// The client hanging up is the only way this fails; nobody is left to tell.
	_ = json.NewEncoder(w).Encode(body)
}

func ptr(s string) *string { return &s }
