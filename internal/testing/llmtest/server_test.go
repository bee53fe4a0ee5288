package llmtest_test

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	openai "github.com/sashabaranov/go-openai"

	"github.com/kunerva/kunerva/internal/testing/llmtest"
)

const (
	request     = "allow web to reach db on 5432"
	userMessage = `{"request":"allow web to reach db on 5432","facts":{"namespaces":["shop"]}}`
	answer      = `{"allow":true}`
)

var schema = json.RawMessage(`{"type":"object","properties":{"allow":{"type":"boolean"}},"required":["allow"],"additionalProperties":false}`)

func client(s *llmtest.Server, key string) *openai.Client {
	cfg := openai.DefaultConfig(key)
	cfg.BaseURL = s.BaseURL()
	return openai.NewClientWithConfig(cfg)
}

// schemaRequest is what an engine sends a capable server: the request as
// data, and a json_schema response format.
func schemaRequest(model string) openai.ChatCompletionRequest {
	return openai.ChatCompletionRequest{
		Model: model,
		Messages: []openai.ChatCompletionMessage{
			{Role: openai.ChatMessageRoleSystem, Content: "Turn the request into a policy intent."},
			{Role: openai.ChatMessageRoleUser, Content: userMessage},
		},
		ResponseFormat: &openai.ChatCompletionResponseFormat{
			Type:       openai.ChatCompletionResponseFormatTypeJSONSchema,
			JSONSchema: &openai.ChatCompletionResponseFormatJSONSchema{Name: "intent", Schema: schema, Strict: true},
		},
	}
}

// toolRequest is the fallback for a server without json_schema: one tool,
// forced.
func toolRequest(model string) openai.ChatCompletionRequest {
	req := schemaRequest(model)
	req.ResponseFormat = nil
	req.Tools = []openai.Tool{{Type: openai.ToolTypeFunction, Function: &openai.FunctionDefinition{Name: "emit_intent", Parameters: schema}}}
	req.ToolChoice = openai.ToolChoice{Type: openai.ToolTypeFunction, Function: openai.ToolFunction{Name: "emit_intent"}}
	return req
}

func TestClient(t *testing.T) {
	long := strings.Repeat("0123456789", 10)
	cases := []struct {
		name    string
		opts    []llmtest.Option
		reply   llmtest.Reply
		request func(model string) openai.ChatCompletionRequest
		key     string // "" for the server's own
		timeout time.Duration

		wantContent string
		wantArgs    string // the forced tool call's arguments
		wantFinish  openai.FinishReason
		wantMode    string
		wantStatus  int    // an *openai.APIError's status, 0 for success
		wantCode    string // its code
		wantErr     error
		rejected    string // in the rejection; "" for an accepted call
	}{
		{
			name: "json schema", reply: llmtest.Reply{Content: answer}, request: schemaRequest,
			wantContent: answer, wantFinish: openai.FinishReasonStop, wantMode: "json_schema",
		},
		{
			name: "forced tool", reply: llmtest.Reply{Content: answer}, request: toolRequest,
			wantArgs: answer, wantFinish: openai.FinishReasonToolCalls, wantMode: "tool",
		},
		{
			name: "required tool", reply: llmtest.Reply{Content: answer},
			request: func(m string) openai.ChatCompletionRequest {
				req := toolRequest(m)
				req.ToolChoice = "required"
				return req
			},
			wantArgs: answer, wantFinish: openai.FinishReasonToolCalls, wantMode: "tool",
		},
		{
			name: "tool offered, not forced", reply: llmtest.Reply{Content: answer},
			request: func(m string) openai.ChatCompletionRequest {
				req := toolRequest(m)
				req.ToolChoice = "auto"
				return req
			},
			wantContent: answer, wantFinish: openai.FinishReasonStop, wantMode: "text",
		},
		{
			name: "json object", reply: llmtest.Reply{Content: answer},
			request: func(m string) openai.ChatCompletionRequest {
				req := schemaRequest(m)
				req.Messages[0].Content = "Answer with one JSON object."
				req.ResponseFormat = &openai.ChatCompletionResponseFormat{Type: openai.ChatCompletionResponseFormatTypeJSONObject}
				return req
			},
			wantContent: answer, wantFinish: openai.FinishReasonStop, wantMode: "json_object",
		},
		{
			name: "json object without the word json",
			request: func(m string) openai.ChatCompletionRequest {
				req := schemaRequest(m)
				req.Messages = req.Messages[:1]
				req.Messages = append(req.Messages, openai.ChatCompletionMessage{Role: openai.ChatMessageRoleUser, Content: "allow web"})
				req.ResponseFormat = &openai.ChatCompletionResponseFormat{Type: openai.ChatCompletionResponseFormatTypeJSONObject}
				return req
			},
			wantStatus: http.StatusBadRequest, rejected: `must contain the word 'json'`,
		},
		{
			name: "tool answer to an earlier call", reply: llmtest.Reply{Content: answer},
			request: func(m string) openai.ChatCompletionRequest {
				req := schemaRequest(m)
				req.Messages = append(req.Messages,
					openai.ChatCompletionMessage{Role: openai.ChatMessageRoleAssistant, ToolCalls: []openai.ToolCall{{ID: "call_1", Type: openai.ToolTypeFunction, Function: openai.FunctionCall{Name: "lookup", Arguments: "{}"}}}},
					openai.ChatCompletionMessage{Role: openai.ChatMessageRoleTool, ToolCallID: "call_1", Content: "{}"},
				)
				return req
			},
			wantContent: answer, wantFinish: openai.FinishReasonStop, wantMode: "json_schema",
		},
		{
			name: "tool answer without a call",
			request: func(m string) openai.ChatCompletionRequest {
				req := schemaRequest(m)
				req.Messages = append(req.Messages, openai.ChatCompletionMessage{Role: openai.ChatMessageRoleTool, ToolCallID: "call_9", Content: "{}"})
				return req
			},
			wantStatus: http.StatusBadRequest, rejected: `messages.[2].role`,
		},
		{
			name: "unknown role",
			request: func(m string) openai.ChatCompletionRequest {
				req := schemaRequest(m)
				req.Messages[0].Role = openai.ChatMessageRoleDeveloper
				return req
			},
			wantStatus: http.StatusBadRequest, rejected: `messages.[0].role`,
		},
		{
			name: "message without content",
			request: func(m string) openai.ChatCompletionRequest {
				req := schemaRequest(m)
				req.Messages[0].Content = ""
				return req
			},
			wantStatus: http.StatusBadRequest, rejected: `messages.[0].content`,
		},
		{
			name: "schema not an object",
			request: func(m string) openai.ChatCompletionRequest {
				req := schemaRequest(m)
				req.ResponseFormat.JSONSchema.Schema = json.RawMessage(`{"type":"array"}`)
				return req
			},
			wantStatus: http.StatusBadRequest, rejected: `Invalid schema for response_format`,
		},
		{
			name: "schema name with a space",
			request: func(m string) openai.ChatCompletionRequest {
				req := schemaRequest(m)
				req.ResponseFormat.JSONSchema.Name = "policy intent"
				return req
			},
			wantStatus: http.StatusBadRequest, rejected: `json_schema.name`,
		},
		{
			name: "strict schema allowing other properties",
			request: func(m string) openai.ChatCompletionRequest {
				req := schemaRequest(m)
				req.ResponseFormat.JSONSchema.Schema = json.RawMessage(`{"type":"object","properties":{"allow":{"type":"boolean"}},"required":["allow"]}`)
				return req
			},
			wantStatus: http.StatusBadRequest, rejected: `In context=(), 'additionalProperties' is required`,
		},
		{
			name: "strict schema with an optional nested property",
			request: func(m string) openai.ChatCompletionRequest {
				req := schemaRequest(m)
				req.ResponseFormat.JSONSchema.Schema = json.RawMessage(`{"type":"object","additionalProperties":false,"required":["rules"],"properties":{"rules":{"type":"array","items":{"type":"object","additionalProperties":false,"required":["port"],"properties":{"port":{"type":"integer"},"protocol":{"type":"string"}}}}}}`)
				return req
			},
			wantStatus: http.StatusBadRequest, rejected: `In context=('properties', 'rules', 'items'), 'required' is required to be supplied and to be an array including every key in properties. Missing 'protocol'.`,
		},
		{
			name: "loose schema when not strict", reply: llmtest.Reply{Content: answer},
			request: func(m string) openai.ChatCompletionRequest {
				req := schemaRequest(m)
				req.ResponseFormat.JSONSchema.Strict = false
				req.ResponseFormat.JSONSchema.Schema = json.RawMessage(`{"type":"object","properties":{"allow":{"type":"boolean"}}}`)
				return req
			},
			wantContent: answer, wantFinish: openai.FinishReasonStop, wantMode: "json_schema",
		},
		{
			name: "strict tool allowing other properties",
			request: func(m string) openai.ChatCompletionRequest {
				req := toolRequest(m)
				req.Tools[0].Function.Strict = true
				req.Tools[0].Function.Parameters = json.RawMessage(`{"type":"object","properties":{"allow":{"type":"boolean"}},"required":["allow"]}`)
				return req
			},
			wantStatus: http.StatusBadRequest, rejected: `tools.[0].function.parameters: Invalid schema for function 'emit_intent'`,
		},
		{
			name: "tool choice names no declared tool",
			request: func(m string) openai.ChatCompletionRequest {
				req := toolRequest(m)
				req.ToolChoice = openai.ToolChoice{Type: openai.ToolTypeFunction, Function: openai.ToolFunction{Name: "emit_policy"}}
				return req
			},
			wantStatus: http.StatusBadRequest, rejected: `Tool choice 'emit_policy' not found`,
		},
		{
			name: "wrong key", request: schemaRequest, key: "sk-wrong-key",
			wantStatus: http.StatusUnauthorized, wantCode: "invalid_api_key", rejected: `401 Incorrect API key`,
		},
		{
			name: "wrong model", request: func(string) openai.ChatCompletionRequest { return schemaRequest("gpt-4o") },
			wantStatus: http.StatusNotFound, wantCode: "model_not_found", rejected: "404 The model `gpt-4o` does not exist",
		},
		{
			name: "other model served", opts: []llmtest.Option{llmtest.WithModel("qwen3-8b")},
			reply: llmtest.Reply{Content: answer}, request: schemaRequest,
			wantContent: answer, wantFinish: openai.FinishReasonStop, wantMode: "json_schema",
		},
		{
			name: "server without json schema", opts: []llmtest.Option{llmtest.WithoutJSONSchema()}, request: schemaRequest,
			wantStatus: http.StatusBadRequest, rejected: `Invalid value: 'json_schema'`,
		},
		{
			name: "server without json schema still calls tools", opts: []llmtest.Option{llmtest.WithoutJSONSchema()},
			reply: llmtest.Reply{Content: answer}, request: toolRequest,
			wantArgs: answer, wantFinish: openai.FinishReasonToolCalls, wantMode: "tool",
		},
		{
			name: "server without tools", opts: []llmtest.Option{llmtest.WithoutTools()}, request: toolRequest,
			wantStatus: http.StatusBadRequest, rejected: `Unrecognized request argument supplied: tools`,
		},
		{
			name: "server without tools lacks json schema too", opts: []llmtest.Option{llmtest.WithoutTools()}, request: schemaRequest,
			wantStatus: http.StatusBadRequest, rejected: `Invalid value: 'json_schema'`,
		},
		{
			name: "max completion tokens cut the content", reply: llmtest.Reply{Content: long},
			request: func(m string) openai.ChatCompletionRequest {
				req := schemaRequest(m)
				req.MaxCompletionTokens = 5
				return req
			},
			wantContent: long[:20], wantFinish: openai.FinishReasonLength, wantMode: "json_schema",
		},
		{
			name: "max tokens cut the tool arguments", reply: llmtest.Reply{Content: long},
			request: func(m string) openai.ChatCompletionRequest {
				req := toolRequest(m)
				req.MaxTokens = 2 //lint:ignore SA1019 an older client's limit
				return req
			},
			wantArgs: long[:8], wantFinish: openai.FinishReasonLength, wantMode: "tool",
		},
		{
			name: "rate limited", reply: llmtest.Reply{Status: http.StatusTooManyRequests}, request: schemaRequest,
			wantStatus: http.StatusTooManyRequests, wantCode: "rate_limit_exceeded", wantMode: "json_schema",
		},
		{
			name: "overloaded", reply: llmtest.Reply{Status: http.StatusServiceUnavailable}, request: schemaRequest,
			wantStatus: http.StatusServiceUnavailable, wantMode: "json_schema",
		},
		{
			name: "slower than the client waits", reply: llmtest.Reply{Content: answer, Delay: time.Minute}, request: schemaRequest,
			timeout: 50 * time.Millisecond, wantErr: context.DeadlineExceeded, wantMode: "json_schema",
		},
		{
			name: "request not sent as data",
			request: func(m string) openai.ChatCompletionRequest {
				req := schemaRequest(m)
				req.Messages[1].Content = request
				return req
			},
			wantStatus: http.StatusInternalServerError, rejected: `kunerva contract broken`,
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := llmtest.New(t, func(llmtest.Call) llmtest.Reply { return c.reply }, append(c.opts, llmtest.AllowRejections())...)
			key := cmp.Or(c.key, s.APIKey())
			ctx := t.Context()
			if c.timeout > 0 {
				var cancel context.CancelFunc
				ctx, cancel = context.WithTimeout(ctx, c.timeout)
				defer cancel()
			}
			resp, err := client(s, key).CreateChatCompletion(ctx, c.request(s.Model()))

			var apiErr *openai.APIError
			switch {
			case c.wantErr != nil:
				if !errors.Is(err, c.wantErr) {
					t.Errorf("error = %v, want %v", err, c.wantErr)
				}
			case c.wantStatus != 0:
				if !errors.As(err, &apiErr) {
					t.Fatalf("error = %v, want an *openai.APIError", err)
				}
				if apiErr.HTTPStatusCode != c.wantStatus || apiErr.Message == "" || apiErr.Type == "" {
					t.Errorf("error = %d %s %q, want status %d with a type and a message", apiErr.HTTPStatusCode, apiErr.Type, apiErr.Message, c.wantStatus)
				}
				if c.wantCode != "" && apiErr.Code != c.wantCode {
					t.Errorf("error code = %v, want %s", apiErr.Code, c.wantCode)
				}
			case err != nil:
				t.Fatal(err)
			default:
				checkChoice(t, resp, c.wantContent, c.wantArgs, c.wantFinish)
			}

			rejections := s.Rejections()
			switch {
			case c.rejected == "" && len(rejections) > 0:
				t.Errorf("Rejections() = %q, want none", rejections)
			case c.rejected != "" && (len(rejections) != 1 || !strings.Contains(rejections[0], c.rejected)):
				t.Errorf("Rejections() = %q, want one with %q", rejections, c.rejected)
			}
			calls := s.Calls()
			if c.rejected != "" {
				if len(calls) != 0 {
					t.Errorf("Calls() = %d calls, want none for a rejected call", len(calls))
				}
				return
			}
			if len(calls) != 1 || calls[0].Mode != c.wantMode || calls[0].Attempt != 1 || calls[0].UserRequest != request {
				t.Errorf("Calls() = %+v, want one call, mode %s, attempt 1, request %q", calls, c.wantMode, request)
			}
		})
	}
}

func checkChoice(t *testing.T, resp openai.ChatCompletionResponse, content, args string, finish openai.FinishReason) {
	t.Helper()
	if resp.Object != "chat.completion" || resp.ID == "" || resp.Created == 0 || len(resp.Choices) != 1 {
		t.Fatalf("response = %+v, want one chat.completion choice with an id and a time", resp)
	}
	choice := resp.Choices[0]
	if choice.Index != 0 || choice.Message.Role != openai.ChatMessageRoleAssistant || choice.FinishReason != finish {
		t.Errorf("choice = %d %s %s, want 0 assistant %s", choice.Index, choice.Message.Role, choice.FinishReason, finish)
	}
	if choice.Message.Content != content {
		t.Errorf("content = %q, want %q", choice.Message.Content, content)
	}
	var gotArgs string
	if calls := choice.Message.ToolCalls; len(calls) > 0 {
		if len(calls) != 1 || calls[0].ID == "" || calls[0].Type != openai.ToolTypeFunction || calls[0].Function.Name != "emit_intent" {
			t.Errorf("tool calls = %+v, want one call of emit_intent with an id", calls)
		}
		gotArgs = calls[0].Function.Arguments
	}
	if gotArgs != args {
		t.Errorf("tool call arguments = %q, want %q", gotArgs, args)
	}
	if resp.Usage.PromptTokens == 0 || resp.Usage.CompletionTokens == 0 || resp.Usage.TotalTokens != resp.Usage.PromptTokens+resp.Usage.CompletionTokens {
		t.Errorf("usage = %+v, want estimated tokens", resp.Usage)
	}
}

// TestHTTP sends what go-openai never would, to show the fake answers it as
// OpenAI does.
func TestHTTP(t *testing.T) {
	const good = `{"model":"kunerva-test-model","messages":[{"role":"user","content":"{\"request\":\"allow web\"}"}]}`
	cases := []struct {
		name        string
		method      string
		path        string
		contentType string
		noKey       bool
		body        string
		reply       llmtest.Reply

		wantStatus  int
		wantMessage string // in the error body
		wantParam   string
		wantHeader  http.Header
		rejected    bool
	}{
		{name: "accepted", body: good, wantStatus: http.StatusOK},
		{name: "wrong path", path: "/v1/xyz", body: good, wantStatus: http.StatusNotFound, wantMessage: "Invalid URL (POST /v1/xyz)", rejected: true},
		{name: "path without version", path: "/chat/completions", body: good, wantStatus: http.StatusNotFound, wantMessage: "Invalid URL (POST /chat/completions)", rejected: true},
		{name: "wrong method", method: http.MethodGet, wantStatus: http.StatusMethodNotAllowed, wantHeader: http.Header{"Allow": {"POST"}}, rejected: true},
		{name: "no key", noKey: true, body: good, wantStatus: http.StatusUnauthorized, wantMessage: "You didn't provide an API key", rejected: true},
		{name: "form body", contentType: "application/x-www-form-urlencoded", body: "model=kunerva-test-model", wantStatus: http.StatusBadRequest, wantMessage: "Content-Type", rejected: true},
		{name: "not json", body: "model=kunerva-test-model", wantStatus: http.StatusBadRequest, wantMessage: "could not parse the JSON body", rejected: true},
		{
			name: "unknown field", body: strings.Replace(good, `{"model"`, `{"temprature":0.2,"model"`, 1),
			wantStatus: http.StatusBadRequest, wantMessage: "Unrecognized request argument supplied: temprature", rejected: true,
		},
		{
			name: "field in the wrong case", body: strings.Replace(good, `"model"`, `"Model"`, 1),
			wantStatus: http.StatusBadRequest, wantMessage: "Unrecognized request argument supplied: Model", rejected: true,
		},
		{
			name: "unknown message field", body: strings.Replace(good, `"content"`, `"contents"`, 1),
			wantStatus: http.StatusBadRequest, wantMessage: "Unrecognized request argument supplied: messages.[0].contents", rejected: true,
		},
		{
			name: "unknown json schema field", body: strings.Replace(good, `]}`, `],"response_format":{"type":"json_schema","json_schema":{"name":"intent","schema":{"type":"object"},"strictly":true}}}`, 1),
			wantStatus: http.StatusBadRequest, wantMessage: "Unrecognized request argument supplied: response_format.json_schema.strictly", rejected: true,
		},
		{
			name: "no messages", body: `{"model":"kunerva-test-model","messages":[]}`,
			wantStatus: http.StatusBadRequest, wantParam: "messages", rejected: true,
		},
		{
			name: "unknown role", body: strings.Replace(good, `"user"`, `"bot"`, 1),
			wantStatus: http.StatusBadRequest, wantParam: "messages.[0].role", rejected: true,
		},
		{
			name: "zero max_tokens", body: strings.Replace(good, `]}`, `],"max_tokens":0}`, 1),
			wantStatus: http.StatusBadRequest, wantParam: "max_tokens", rejected: true,
		},
		{
			name: "unknown response format", body: strings.Replace(good, `]}`, `],"response_format":{"type":"yaml"}}`, 1),
			wantStatus: http.StatusBadRequest, wantParam: "response_format", rejected: true,
		},
		{
			name: "streaming", body: strings.Replace(good, `]}`, `],"stream":true}`, 1),
			wantStatus: http.StatusBadRequest, wantParam: "stream", rejected: true,
		},
		{
			name: "request not sent as data", body: strings.Replace(good, `{\"request\":\"allow web\"}`, `allow web`, 1),
			wantStatus: http.StatusInternalServerError, wantMessage: "kunerva contract", rejected: true,
		},
		{
			name: "rate limited", body: good,
			reply:      llmtest.Reply{Status: http.StatusTooManyRequests, Header: http.Header{"Retry-After": {"7"}}},
			wantStatus: http.StatusTooManyRequests, wantMessage: "Rate limit reached", wantHeader: http.Header{"Retry-After": {"7"}},
		},
		{
			name: "scripted error message", body: good,
			reply:      llmtest.Reply{Status: http.StatusBadRequest, Content: "context length exceeded"},
			wantStatus: http.StatusBadRequest, wantMessage: "context length exceeded",
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := llmtest.New(t, func(llmtest.Call) llmtest.Reply { return c.reply }, llmtest.AllowRejections())
			req, err := http.NewRequestWithContext(t.Context(), cmp.Or(c.method, http.MethodPost), strings.TrimSuffix(s.BaseURL(), "/v1")+cmp.Or(c.path, "/v1/chat/completions"), strings.NewReader(c.body))
			if err != nil {
				t.Fatal(err)
			}
			req.Header.Set("Content-Type", cmp.Or(c.contentType, "application/json"))
			if !c.noKey {
				req.Header.Set("Authorization", "Bearer "+s.APIKey())
			}
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			body, err := io.ReadAll(resp.Body)
			if err != nil {
				t.Fatal(err)
			}

			if resp.StatusCode != c.wantStatus {
				t.Errorf("status = %d, want %d (%s)", resp.StatusCode, c.wantStatus, body)
			}
			if ct := resp.Header.Get("Content-Type"); ct != "application/json" {
				t.Errorf("Content-Type = %q, want application/json", ct)
			}
			for k := range c.wantHeader {
				if got := resp.Header.Get(k); got != c.wantHeader.Get(k) {
					t.Errorf("header %s = %q, want %q", k, got, c.wantHeader.Get(k))
				}
			}
			if c.wantStatus == http.StatusOK {
				var completion openai.ChatCompletionResponse
				if err := json.Unmarshal(body, &completion); err != nil || completion.Object != "chat.completion" {
					t.Errorf("body = %s, want a chat.completion (%v)", body, err)
				}
			} else {
				checkErrorBody(t, body, c.wantMessage, c.wantParam)
			}
			if got := len(s.Rejections()) > 0; got != c.rejected {
				t.Errorf("rejected = %t (%q), want %t", got, s.Rejections(), c.rejected)
			}
		})
	}
}

// checkErrorBody holds the fake to OpenAI's error shape: every key present,
// param and code as null when they do not apply.
func checkErrorBody(t *testing.T, body []byte, message, param string) {
	t.Helper()
	var got struct {
		Error map[string]json.RawMessage `json:"error"`
	}
	if err := json.Unmarshal(body, &got); err != nil {
		t.Fatalf("error body %s: %v", body, err)
	}
	for _, key := range []string{"message", "type", "param", "code"} {
		if _, ok := got.Error[key]; !ok {
			t.Errorf("error body %s has no %q", body, key)
		}
	}
	var msg, gotParam string
	_ = json.Unmarshal(got.Error["message"], &msg)
	_ = json.Unmarshal(got.Error["param"], &gotParam)
	if !strings.Contains(msg, message) {
		t.Errorf("error message = %q, want it to contain %q", msg, message)
	}
	if param != "" && gotParam != param {
		t.Errorf("error param = %q, want %q", gotParam, param)
	}
}

func TestScript(t *testing.T) {
	s := llmtest.New(t, llmtest.Script(map[string][]llmtest.Reply{
		request: {{Status: http.StatusServiceUnavailable}, {Content: answer}},
	}), llmtest.AllowRejections())
	steps := []struct {
		name        string
		request     string
		wantStatus  int
		wantContent string
	}{
		{name: "first attempt gets the first reply", request: request, wantStatus: http.StatusServiceUnavailable},
		{name: "retry gets the second reply", request: request, wantContent: answer},
		{name: "one retry too many", request: request, wantStatus: http.StatusInternalServerError},
		{name: "unknown request", request: "deny all", wantStatus: http.StatusInternalServerError},
	}
	for _, step := range steps {
		t.Run(step.name, func(t *testing.T) {
			req := schemaRequest(s.Model())
			req.Messages[1].Content = fmt.Sprintf(`{"request":%q}`, step.request)
			resp, err := client(s, s.APIKey()).CreateChatCompletion(t.Context(), req)
			var apiErr *openai.APIError
			switch {
			case step.wantStatus != 0:
				if !errors.As(err, &apiErr) || apiErr.HTTPStatusCode != step.wantStatus {
					t.Errorf("error = %v, want status %d", err, step.wantStatus)
				}
			case err != nil:
				t.Fatal(err)
			case resp.Choices[0].Message.Content != step.wantContent:
				t.Errorf("content = %q, want %q", resp.Choices[0].Message.Content, step.wantContent)
			}
		})
	}

	var attempts []int
	for _, call := range s.Calls() {
		attempts = append(attempts, call.Attempt)
	}
	if want := []int{1, 2, 3, 1}; !slices.Equal(attempts, want) {
		t.Errorf("attempts = %v, want %v", attempts, want)
	}
	rejections := s.Rejections()
	if len(rejections) != 2 || !strings.Contains(rejections[0], "attempt 3") || !strings.Contains(rejections[1], `"deny all"`) {
		t.Errorf("Rejections() = %q, want the third attempt and the unknown request", rejections)
	}
}

// recorder stands in for the test that uses the fake, to see what the fake
// reports at cleanup.
type recorder struct {
	testing.TB
	errors   []string
	cleanups []func()
}

func (r *recorder) Helper()          {}
func (r *recorder) Cleanup(f func()) { r.cleanups = append(r.cleanups, f) }
func (r *recorder) Errorf(format string, args ...any) {
	r.errors = append(r.errors, fmt.Sprintf(format, args...))
}

func TestRejectionsFailTheTest(t *testing.T) {
	const wrongKey = "sk-wrong-key"
	cases := []struct {
		name       string
		opts       []llmtest.Option
		key        string
		wantErrors int
	}{
		{name: "accepted call", wantErrors: 0},
		{name: "rejected call", key: wrongKey, wantErrors: 1},
		{name: "expected rejection", key: wrongKey, opts: []llmtest.Option{llmtest.AllowRejections()}, wantErrors: 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := &recorder{}
			s := llmtest.New(r, func(llmtest.Call) llmtest.Reply { return llmtest.Reply{Content: answer} }, c.opts...)
			// The outcome shows in what the fake reports, not in the error.
			_, _ = client(s, cmp.Or(c.key, s.APIKey())).CreateChatCompletion(t.Context(), schemaRequest(s.Model()))
			for _, f := range slices.Backward(r.cleanups) {
				f()
			}
			if len(r.errors) != c.wantErrors {
				t.Errorf("reported %q, want %d errors", r.errors, c.wantErrors)
			}
			for _, e := range r.errors {
				if strings.Contains(e, wrongKey) || strings.Contains(e, s.APIKey()) {
					t.Errorf("report %q shows an API key", e)
				}
			}
		})
	}
}

func TestConcurrentCalls(t *testing.T) {
	const n = 16
	s := llmtest.New(t, func(llmtest.Call) llmtest.Reply { return llmtest.Reply{Content: answer} })
	c := client(s, s.APIKey())
	var wg sync.WaitGroup
	for range n {
		wg.Go(func() {
			if _, err := c.CreateChatCompletion(t.Context(), schemaRequest(s.Model())); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()

	var attempts []int
	for _, call := range s.Calls() {
		attempts = append(attempts, call.Attempt)
	}
	slices.Sort(attempts)
	for i, a := range attempts {
		if a != i+1 {
			t.Fatalf("attempts = %v, want 1 to %d once each", attempts, n)
		}
	}
	if len(attempts) != n {
		t.Errorf("Calls() = %d calls, want %d", len(attempts), n)
	}
}
