package llm

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"

	openai "github.com/sashabaranov/go-openai"

	"github.com/kunerva/kunerva/generator"
)

// conversation is one request's exchange with the model.
type conversation struct {
	llm      *Engine
	mode     string
	fallback bool // the mode may still step down when the server refuses it
	messages []openai.ChatCompletionMessage
	usage    generator.Usage
	toolCall string // the last tool call's ID, in tool mode
}

const answerName = "kunerva_intent"

// maxAnswerTokens bounds one answer (a few hundred tokens are typical):
// servers such as vLLM refuse a request whose prompt and max_tokens exceed
// the model's context, so the whole budget cannot be asked for at once.
const maxAnswerTokens = 4096

func (c *conversation) system() string {
	if c.mode != OutputJSON {
		return systemPrompt
	}
	return systemPrompt + "\n\nAnswer with one JSON object only, no prose, that conforms to this JSON schema:\n" + string(c.llm.schema)
}

// ask makes one call, stepping down from structured output to a tool call
// to plain JSON when the server says it does not support one, and returns
// the answer's text.
func (c *conversation) ask(ctx context.Context) (string, error) {
	for {
		budget := c.llm.cfg.TokenBudget - c.usage.TotalTokens
		if budget <= 0 {
			return "", fmt.Errorf("the LLM's token budget of %d tokens per request is spent after %d attempts (%d prompt, %d completion tokens)",
				c.llm.cfg.TokenBudget, c.usage.Attempts-1, c.usage.PromptTokens, c.usage.CompletionTokens)
		}
		req := openai.ChatCompletionRequest{Model: c.llm.cfg.Model, Messages: c.messages, MaxCompletionTokens: min(budget, maxAnswerTokens)}
		switch c.mode {
		case OutputJSONSchema:
			req.ResponseFormat = &openai.ChatCompletionResponseFormat{Type: openai.ChatCompletionResponseFormatTypeJSONSchema,
				JSONSchema: &openai.ChatCompletionResponseFormatJSONSchema{Name: answerName, Schema: c.llm.schema, Strict: true}}
		case OutputTool:
			req.Tools = []openai.Tool{{Type: openai.ToolTypeFunction, Function: &openai.FunctionDefinition{
				Name: answerName, Description: "Record the intent of the request", Parameters: c.llm.schema, Strict: true}}}
			req.ToolChoice = openai.ToolChoice{Type: openai.ToolTypeFunction, Function: openai.ToolFunction{Name: answerName}}
		}
		cctx, cancel := context.WithTimeout(ctx, c.llm.cfg.Timeout)
		resp, err := c.llm.client.CreateChatCompletion(cctx, req)
		cancel()
		if err != nil {
			if c.stepDown(err) {
				continue
			}
			return "", c.failure(err)
		}
		c.usage.PromptTokens += resp.Usage.PromptTokens
		c.usage.CompletionTokens += resp.Usage.CompletionTokens
		c.usage.TotalTokens += resp.Usage.TotalTokens
		c.fallback = false
		if len(resp.Choices) == 0 {
			return "", fmt.Errorf("the LLM server answered with no choices")
		}
		choice := resp.Choices[0]
		if choice.FinishReason == openai.FinishReasonLength {
			return "", fmt.Errorf("the LLM's answer was cut off at the token budget (%d tokens per request)", c.llm.cfg.TokenBudget)
		}
		msg := choice.Message
		content := msg.Content
		if c.mode == OutputTool {
			if len(msg.ToolCalls) == 0 {
				return "", fmt.Errorf("the LLM server did not call the %s function it was told to call", answerName)
			}
			c.toolCall, content = msg.ToolCalls[0].ID, msg.ToolCalls[0].Function.Arguments
			msg.ToolCalls = msg.ToolCalls[:1]
		}
		c.messages = append(c.messages, openai.ChatCompletionMessage{Role: openai.ChatMessageRoleAssistant, Content: msg.Content, ToolCalls: msg.ToolCalls})
		return content, nil
	}
}

// tell answers the model's last answer with its problems.
func (c *conversation) tell(problems []string) {
	b, _ := json.Marshal(map[string]any{"problems": problems,
		"instruction": "Your answer does not make a valid policy. Fix every problem and answer again with the whole corrected JSON object."})
	if c.mode == OutputTool {
		c.messages = append(c.messages, openai.ChatCompletionMessage{Role: openai.ChatMessageRoleTool, ToolCallID: c.toolCall, Content: string(b)})
		return
	}
	c.messages = append(c.messages, openai.ChatCompletionMessage{Role: openai.ChatMessageRoleUser, Content: string(b)})
}

// stepDown moves to the next output mode when the server refused the
// current one as a bad request, before any answer came. Other bad requests
// (a prompt too long for the model, say) are failures, not a reason to
// ask differently.
func (c *conversation) stepDown(err error) bool {
	var apiErr *openai.APIError
	if !c.fallback || !errors.As(err, &apiErr) || apiErr.HTTPStatusCode != http.StatusBadRequest || !aboutOutputMode(apiErr) {
		return false
	}
	switch c.mode {
	case OutputJSONSchema:
		c.mode = OutputTool
	case OutputTool:
		c.mode = OutputJSON
		c.messages[0].Content = c.system()
	default:
		return false
	}
	c.llm.cfg.Logf("LLM: the server refused the output mode (%s); trying %s", apiErr.Message, c.mode)
	return true
}

// failure says what went wrong with the server in terms a user can act on.
func (c *conversation) failure(err error) error {
	var apiErr *openai.APIError
	var reqErr *openai.RequestError
	switch {
	case errors.Is(err, context.DeadlineExceeded):
		return fmt.Errorf("the LLM server at %s did not answer within %s (--llm-timeout): %w", c.llm.cfg.BaseURL, c.llm.cfg.Timeout, err)
	case errors.As(err, &apiErr) && apiErr.HTTPStatusCode == http.StatusUnauthorized:
		return fmt.Errorf("the LLM server at %s refused the API key (check the key's environment variable): %s", c.llm.cfg.BaseURL, apiErr.Message)
	case errors.As(err, &apiErr) && apiErr.HTTPStatusCode == http.StatusNotFound && c.llm.cfg.APIType == "azure":
		return fmt.Errorf("the Azure OpenAI resource at %s has no deployment %q for api-version %q (--llm-model, --llm-api-version): %s",
			c.llm.cfg.BaseURL, c.llm.cfg.Model, c.llm.apiVersion, apiErr.Message)
	case errors.As(err, &apiErr) && apiErr.HTTPStatusCode == http.StatusNotFound:
		return fmt.Errorf("the LLM server at %s does not serve the model %q (--llm-model): %s", c.llm.cfg.BaseURL, c.llm.cfg.Model, apiErr.Message)
	case errors.As(err, &apiErr):
		return fmt.Errorf("the LLM server at %s: status %d: %s", c.llm.cfg.BaseURL, apiErr.HTTPStatusCode, strings.TrimSpace(apiErr.Message))
	case errors.As(err, &reqErr):
		return fmt.Errorf("the LLM server at %s: status %d: %w", c.llm.cfg.BaseURL, reqErr.HTTPStatusCode, reqErr.Err)
	}
	return fmt.Errorf("ask the LLM server at %s: %w", c.llm.cfg.BaseURL, err)
}

// aboutOutputMode says whether a server's 400 is about structured output or
// tools, by the parameter it names or, for servers that name none, its message.
func aboutOutputMode(e *openai.APIError) bool {
	if e.Param != nil && (strings.HasPrefix(*e.Param, "response_format") || strings.HasPrefix(*e.Param, "tool")) {
		return true
	}
	m := strings.ToLower(e.Message)
	for _, w := range []string{"response_format", "json_schema", "structured output", "tool", "function"} {
		if strings.Contains(m, w) {
			return true
		}
	}
	return false
}
