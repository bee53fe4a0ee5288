package llmtest

import (
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"regexp"
	"slices"
	"strings"

	openai "github.com/sashabaranov/go-openai"
)

const (
	chatPath       = "/v1/chat/completions"
	invalidRequest = "invalid_request_error"
)

// namePattern is what OpenAI allows for schema and function names.
var namePattern = regexp.MustCompile(`^[a-zA-Z0-9_-]{1,64}$`)

// apiError is an OpenAI error answer: its status and the body's "error"
// object. Param and Code are always sent, as null when unset, as OpenAI does.
type apiError struct {
	status  int
	Message string  `json:"message"`
	Type    string  `json:"type"`
	Param   *string `json:"param"`
	Code    *string `json:"code"`
}

type errorBody struct {
	Error *apiError `json:"error"`
}

// invalid is a 400 naming the offending parameter, "" for none.
func invalid(param, format string, args ...any) *apiError {
	e := &apiError{status: http.StatusBadRequest, Type: invalidRequest, Message: fmt.Sprintf(format, args...)}
	if param != "" {
		e.Param = &param
	}
	return e
}

func missing(param string) *apiError {
	return invalid(param, "Missing required parameter: '%s'.", param)
}

// check accepts a call only if the OpenAI API would, and then only if the
// fake can answer it faithfully; it returns the first problem, as OpenAI does.
func (s *Server) check(r *http.Request) (openai.ChatCompletionRequest, *apiError) {
	var req openai.ChatCompletionRequest
	if s.azureVersion != "" {
		if e := s.checkAzure(r); e != nil {
			return req, e
		}
	} else {
		if r.URL.Path != chatPath {
			return req, &apiError{status: http.StatusNotFound, Type: invalidRequest, Message: fmt.Sprintf("Invalid URL (%s %s)", r.Method, r.URL.Path)}
		}
		if r.Method != http.MethodPost {
			return req, &apiError{status: http.StatusMethodNotAllowed, Type: invalidRequest, Message: fmt.Sprintf("Invalid method for URL (%s %s): only POST is allowed", r.Method, r.URL.Path)}
		}
		if e := s.checkAuth(r.Header.Get("Authorization")); e != nil {
			return req, e
		}
	}
	if ct := r.Header.Get("Content-Type"); !isJSON(ct) {
		return req, invalid("", "Invalid Content-Type header %q, expected application/json.", ct)
	}
	body, err := io.ReadAll(r.Body)
	if err != nil {
		return req, invalid("", "Could not read the request body: %v", err)
	}
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(body, &raw); err != nil {
		return req, invalid("", "We could not parse the JSON body of your request. (HINT: The OpenAI API expects a JSON payload, but what was sent was not valid JSON: %v)", err)
	}
	if field := unknownField(body, requestType, ""); field != "" {
		return req, invalid("", "Unrecognized request argument supplied: %s", field)
	}
	if err := json.Unmarshal(body, &req); err != nil {
		return req, invalid("", "Invalid type in the request body: %v", err)
	}
	switch req.Model {
	case "":
		return req, invalid("model", "you must provide a model parameter")
	case s.model:
	default:
		return req, &apiError{
			status:  http.StatusNotFound,
			Type:    invalidRequest,
			Message: fmt.Sprintf("The model `%s` does not exist or you do not have access to it.", req.Model),
			Code:    ptr("model_not_found"),
		}
	}
	e := cmp.Or(
		checkMessages(req.Messages),
		checkResponseFormat(req),
		checkTools(req.Tools, req.ToolChoice),
		checkLimits(req, raw),
		s.checkSupport(req),
	)
	return req, e
}

// checkAzure checks a call as Azure OpenAI does: the deployment (the
// served model) in the path, the api-version in the query, the key in the
// api-key header.
func (s *Server) checkAzure(r *http.Request) *apiError {
	deployment, ok := strings.CutPrefix(r.URL.Path, "/openai/deployments/")
	deployment, ok2 := strings.CutSuffix(deployment, "/chat/completions")
	switch {
	case !ok || !ok2:
		return &apiError{status: http.StatusNotFound, Type: invalidRequest, Message: "Resource not found", Code: ptr("404")}
	case r.Method != http.MethodPost:
		return &apiError{status: http.StatusMethodNotAllowed, Type: invalidRequest, Message: fmt.Sprintf("Invalid method for URL (%s %s): only POST is allowed", r.Method, r.URL.Path)}
	case r.Header.Get("api-key") != s.key:
		return &apiError{status: http.StatusUnauthorized, Type: invalidRequest, Message: "Access denied due to invalid subscription key or wrong API endpoint. Make sure to provide a valid key for an active subscription and use a correct regional API endpoint for your resource.", Code: ptr("401")}
	case r.URL.Query().Get("api-version") != s.azureVersion:
		return &apiError{status: http.StatusNotFound, Type: invalidRequest, Message: "Resource not found", Code: ptr("404")}
	case deployment != s.model:
		return &apiError{status: http.StatusNotFound, Type: invalidRequest, Message: "The API deployment for this resource does not exist. If you created the deployment within the last 5 minutes, please wait a moment and try again.", Code: ptr("DeploymentNotFound")}
	}
	return nil
}

// checkAuth never echoes the key it got: test logs are no place for secrets.
func (s *Server) checkAuth(header string) *apiError {
	switch header {
	case "Bearer " + s.key:
		return nil
	case "":
		return &apiError{status: http.StatusUnauthorized, Type: invalidRequest, Message: "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY)."}
	}
	return &apiError{status: http.StatusUnauthorized, Type: invalidRequest, Message: "Incorrect API key provided.", Code: ptr("invalid_api_key")}
}

func isJSON(contentType string) bool {
	mediaType, _, err := mime.ParseMediaType(contentType)
	return err == nil && mediaType == "application/json"
}

func checkMessages(msgs []openai.ChatCompletionMessage) *apiError {
	if len(msgs) == 0 {
		return invalid("messages", "[] is too short - 'messages'")
	}
	callIDs := map[string]bool{}
	for i, m := range msgs {
		p := fmt.Sprintf("messages.[%d]", i)
		switch m.Role {
		case openai.ChatMessageRoleSystem, openai.ChatMessageRoleUser:
		case openai.ChatMessageRoleAssistant:
			for j, call := range m.ToolCalls {
				switch {
				case call.ID == "":
					return missing(fmt.Sprintf("%s.tool_calls.[%d].id", p, j))
				case call.Type != openai.ToolTypeFunction:
					return invalid(fmt.Sprintf("%s.tool_calls.[%d].type", p, j), "Invalid value: '%s'. Supported values are: 'function'.", call.Type)
				}
				callIDs[call.ID] = true
			}
		case openai.ChatMessageRoleTool:
			switch {
			case m.ToolCallID == "":
				return missing(p + ".tool_call_id")
			case !callIDs[m.ToolCallID]:
				return invalid(p+".role", "Invalid parameter: messages with role 'tool' must be a response to a preceding message with 'tool_calls'.")
			}
		default:
			return invalid(p+".role", "Invalid value: '%s'. Supported values are: 'system', 'assistant', 'user', and 'tool'.", m.Role)
		}
		toolCalling := m.Role == openai.ChatMessageRoleAssistant && len(m.ToolCalls) > 0
		if m.Content == "" && len(m.MultiContent) == 0 && !toolCalling {
			return invalid(p+".content", "Invalid value for 'content': expected a string, got null.")
		}
	}
	return nil
}

func checkResponseFormat(req openai.ChatCompletionRequest) *apiError {
	rf := req.ResponseFormat
	if rf == nil {
		return nil
	}
	switch rf.Type {
	case openai.ChatCompletionResponseFormatTypeText:
		return nil
	case openai.ChatCompletionResponseFormatTypeJSONObject:
		for _, m := range req.Messages {
			if strings.Contains(strings.ToLower(messageText(m)), "json") {
				return nil
			}
		}
		return invalid("messages", "'messages' must contain the word 'json' in some form, to use 'response_format' of type 'json_object'.")
	case openai.ChatCompletionResponseFormatTypeJSONSchema:
		return checkJSONSchema(rf.JSONSchema)
	case "":
		return invalid("response_format", "Missing required parameter: 'response_format.type'.")
	}
	return invalid("response_format", "Invalid value: '%s'. Supported values are: 'json_object', 'json_schema', and 'text'.", rf.Type)
}

func checkJSONSchema(js *openai.ChatCompletionResponseFormatJSONSchema) *apiError {
	if js == nil {
		return invalid("response_format", "Missing required parameter: 'response_format.json_schema'.")
	}
	if !namePattern.MatchString(js.Name) {
		return invalid("response_format", "Invalid 'response_format.json_schema.name': string does not match pattern. Expected a string that matches the pattern '%s'.", namePattern)
	}
	if js.Schema == nil {
		return invalid("response_format", "Missing required parameter: 'response_format.json_schema.schema'.")
	}
	// go-openai decodes a schema only if it is a JSON object, keeping it raw.
	b, err := json.Marshal(js.Schema)
	var schema map[string]any
	if err == nil {
		err = json.Unmarshal(b, &schema)
	}
	if err != nil {
		return invalid("response_format", "Invalid 'response_format.json_schema.schema': %v", err)
	}
	if schema["type"] != "object" {
		return invalid("response_format", "Invalid schema for response_format '%s': schema must be a JSON Schema of 'type: \"object\"', got 'type: \"%v\"'.", js.Name, schema["type"])
	}
	if problem := strictProblem(schema, nil); js.Strict && problem != "" {
		return invalid("response_format", "Invalid schema for response_format '%s': %s", js.Name, problem)
	}
	return nil
}

func checkTools(tools []openai.Tool, choice any) *apiError {
	declared := map[string]bool{}
	for i, tool := range tools {
		p := fmt.Sprintf("tools.[%d]", i)
		switch {
		case tool.Type != openai.ToolTypeFunction:
			return invalid(p+".type", "Invalid value: '%s'. Supported values are: 'function'.", tool.Type)
		case tool.Function == nil:
			return missing(p + ".function")
		case !namePattern.MatchString(tool.Function.Name):
			return invalid(p+".function.name", "Invalid '%s.function.name': string does not match pattern. Expected a string that matches the pattern '%s'.", p, namePattern)
		}
		params, ok := tool.Function.Parameters.(map[string]any)
		if !ok {
			return invalid(p+".function.parameters", "Invalid type for '%s.function.parameters': expected an object.", p)
		}
		if problem := strictProblem(params, nil); tool.Function.Strict && problem != "" {
			return invalid(p+".function.parameters", "Invalid schema for function '%s': %s", tool.Function.Name, problem)
		}
		declared[tool.Function.Name] = true
	}
	if choice == nil {
		return nil
	}
	if len(tools) == 0 {
		return invalid("tool_choice", "Invalid value for 'tool_choice': 'tool_choice' is only allowed when 'tools' are specified.")
	}
	switch c := choice.(type) {
	case string:
		if !slices.Contains([]string{"none", "auto", "required"}, c) {
			return invalid("tool_choice", "Invalid value: '%s'. Supported values are: 'none', 'auto', and 'required'.", c)
		}
	case map[string]any:
		b, err := json.Marshal(c)
		if err != nil {
			return invalid("tool_choice", "Invalid 'tool_choice': %v", err)
		}
		if field := unknownField(b, toolChoiceType, "tool_choice"); field != "" {
			return invalid("", "Unrecognized request argument supplied: %s", field)
		}
		var tc openai.ToolChoice
		if err := json.Unmarshal(b, &tc); err != nil || tc.Type != openai.ToolTypeFunction {
			return invalid("tool_choice", `Invalid 'tool_choice': expected {"type": "function", "function": {"name": ...}}.`)
		}
		if !declared[tc.Function.Name] {
			return invalid("tool_choice", "Tool choice '%s' not found in 'tools' parameter.", tc.Function.Name)
		}
	default:
		return invalid("tool_choice", "Invalid type for 'tool_choice': expected a string or an object.")
	}
	return nil
}

// checkLimits looks at the raw body because go-openai drops a zero limit,
// while a raw client may send one.
func checkLimits(req openai.ChatCompletionRequest, raw map[string]json.RawMessage) *apiError {
	//lint:ignore SA1019 the fake checks what a client may send, deprecated fields too
	maxTokens := req.MaxTokens
	for _, limit := range []struct {
		name  string
		value int
	}{{"max_tokens", maxTokens}, {"max_completion_tokens", req.MaxCompletionTokens}} {
		v, set := raw[limit.name]
		if set && string(v) != "null" && limit.value < 1 {
			return invalid(limit.name, "Invalid '%s': integer below minimum value. Expected a value >= 1, but got %d instead.", limit.name, limit.value)
		}
	}
	return nil
}

// checkSupport turns away what OpenAI accepts but the fake cannot answer
// faithfully, and what the server the test plays does not support.
func (s *Server) checkSupport(req openai.ChatCompletionRequest) *apiError {
	rf := req.ResponseFormat
	switch {
	case req.Stream:
		return invalid("stream", "llmtest: the fake does not stream; kunerva's engine asks for whole completions.")
	case req.N > 1:
		return invalid("n", "llmtest: the fake answers with one choice; n must be 1.")
	case len(req.Functions) > 0 || req.FunctionCall != nil: //lint:ignore SA1019 the fake turns away the deprecated fields
		return invalid("functions", "llmtest: functions and function_call are deprecated; use tools and tool_choice.")
	case s.noTools && len(req.Tools) > 0:
		return invalid("tools", "Unrecognized request argument supplied: tools")
	case s.noTools && req.ToolChoice != nil:
		return invalid("tool_choice", "Unrecognized request argument supplied: tool_choice")
	case s.noJSONSchema && rf != nil && rf.Type == openai.ChatCompletionResponseFormatTypeJSONSchema:
		return invalid("response_format", "Invalid value: 'json_schema'. Supported values are: 'json_object' and 'text'.")
	}
	return nil
}

// mode puts a forced tool first because a model that must call a tool
// answers with the call, whatever response_format says.
func mode(req openai.ChatCompletionRequest) string {
	rf := req.ResponseFormat
	switch {
	case forcedTool(req) != "":
		return "tool"
	case rf == nil:
		return "text"
	case rf.Type == openai.ChatCompletionResponseFormatTypeJSONSchema:
		return "json_schema"
	case rf.Type == openai.ChatCompletionResponseFormatTypeJSONObject:
		return "json_object"
	}
	return "text"
}

// forcedTool is the tool the model must call: the one tool_choice names, or
// the first declared one when tool_choice is "required". It is "" when the
// model may answer in text.
func forcedTool(req openai.ChatCompletionRequest) string {
	switch choice := req.ToolChoice.(type) {
	case string:
		if choice == "required" && len(req.Tools) > 0 {
			return req.Tools[0].Function.Name
		}
	case map[string]any:
		fn, _ := choice["function"].(map[string]any)
		name, _ := fn["name"].(string)
		return name
	}
	return ""
}

// userRequest holds kunerva's side of the contract (see the package
// documentation): the first user message carries the request as JSON data.
func userRequest(msgs []openai.ChatCompletionMessage) (string, error) {
	for _, m := range msgs {
		if m.Role != openai.ChatMessageRoleUser {
			continue
		}
		var data struct {
			Request *string `json:"request"`
		}
		if err := json.Unmarshal([]byte(m.Content), &data); err != nil {
			return "", fmt.Errorf(`the first user message is not a JSON object with a string field "request": %w`, err)
		}
		if data.Request == nil || *data.Request == "" {
			return "", errors.New(`the first user message has no "request" field, or it is empty`)
		}
		return *data.Request, nil
	}
	return "", errors.New("there is no user message")
}

// messageText is what the model reads of m: its content, or its text parts.
func messageText(m openai.ChatCompletionMessage) string {
	if m.Content != "" {
		return m.Content
	}
	var parts []string
	for _, part := range m.MultiContent {
		parts = append(parts, part.Text)
	}
	return strings.Join(parts, "\n")
}
