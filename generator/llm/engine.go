package llm

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	openai "github.com/sashabaranov/go-openai"
	"github.com/sashabaranov/go-openai/jsonschema"

	"github.com/kunerva/kunerva/generator"
	"github.com/kunerva/kunerva/internal/httpretry"
)

// ChatClient is the one call the LLM engine makes; *openai.Client has it.
type ChatClient interface {
	CreateChatCompletion(ctx context.Context, req openai.ChatCompletionRequest) (openai.ChatCompletionResponse, error)
}

// Config configures the LLM engine. Any OpenAI-compatible server works:
// OpenAI, Azure OpenAI, Ollama, vLLM, llama.cpp's server.
type Config struct {
	BaseURL string // e.g. https://api.openai.com/v1 or http://localhost:11434/v1
	Model   string // the model, or Azure's deployment
	APIKey  string
	// APIType is "openai" (the default, also for compatible servers) or "azure".
	APIType    string
	APIVersion string // Azure's api-version; "" uses go-openai's default
	// Output is how the answer's JSON schema is asked for: "json_schema"
	// (structured output), "tool" (a forced function call) or "json" (the
	// schema in the prompt, JSON cut out of the text). "" starts with
	// json_schema and falls back when the server refuses it.
	Output string
	// Attempts bounds the repair loop (default 3).
	Attempts int
	// Timeout bounds each call to the server, retries included (default 2 minutes).
	Timeout time.Duration
	// TokenBudget bounds the tokens, prompt and completion, of all calls for
	// one request (default 40,000).
	TokenBudget int
	// Retry is for 429s, 5xx and dropped connections (default 4 attempts, 1 s doubling, at most 30 s).
	Retry httpretry.Policy
	// Logf reports retries and repairs; nil discards them.
	Logf func(format string, args ...any)
}

// Output modes.
const (
	OutputJSONSchema = "json_schema"
	OutputTool       = "tool"
	OutputJSON       = "json"
)

// Engine asks a language model to fill the intent, then checks, renders and
// validates it like any other, and tells the model what is wrong until the
// answer passes or the attempts run out.
type Engine struct {
	client     ChatClient
	cfg        Config
	schema     json.RawMessage
	apiVersion string // Azure's, as sent
}

// New returns the LLM engine for the configuration.
func New(cfg Config) (*Engine, error) {
	var errs []error
	if cfg.BaseURL == "" {
		errs = append(errs, errors.New("the LLM engine needs a base URL (--llm-base-url), e.g. https://api.openai.com/v1 or http://localhost:11434/v1 for Ollama"))
	}
	if err := checkBaseURL(cfg.BaseURL); cfg.BaseURL != "" && err != nil {
		errs = append(errs, err)
	}
	if cfg.Model == "" {
		errs = append(errs, errors.New("the LLM engine needs a model (--llm-model)"))
	} else if !modelName.MatchString(cfg.Model) {
		errs = append(errs, fmt.Errorf("the model name %q is not a name such as gpt-4o-mini, qwen2.5-coder:7b or Qwen/Qwen2.5-Coder-7B-Instruct: at most 128 letters, digits and . _ : / @ + -, a letter or digit first", cfg.Model))
	}
	switch cfg.Output {
	case "", OutputJSONSchema, OutputTool, OutputJSON:
	default:
		errs = append(errs, fmt.Errorf("unknown LLM output mode %q: use json_schema, tool or json", cfg.Output))
	}
	var oc openai.ClientConfig
	switch cfg.APIType {
	case "", "openai":
		oc = openai.DefaultConfig(cfg.APIKey)
	case "azure":
		oc = openai.DefaultAzureConfig(cfg.APIKey, cfg.BaseURL)
		if cfg.APIVersion != "" {
			oc.APIVersion = cfg.APIVersion
		}
	default:
		errs = append(errs, fmt.Errorf("unknown LLM API type %q: use openai or azure", cfg.APIType))
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	oc.BaseURL = strings.TrimSuffix(cfg.BaseURL, "/")
	if cfg.Attempts <= 0 {
		cfg.Attempts = 3
	}
	if cfg.Timeout <= 0 {
		cfg.Timeout = 2 * time.Minute
	}
	if cfg.TokenBudget <= 0 {
		cfg.TokenBudget = 40000
	}
	if cfg.Retry.Attempts == 0 {
		cfg.Retry = httpretry.Policy{Attempts: 4, Base: time.Second, Max: 30 * time.Second}
	}
	if cfg.Logf == nil {
		cfg.Logf = func(string, ...any) {}
	}
	oc.HTTPClient = &http.Client{Transport: &httpretry.Transport{Policy: cfg.Retry, Service: "the LLM server", Logf: cfg.Logf, Replay: true}}
	schema, err := answerSchema()
	if err != nil {
		return nil, err
	}
	return &Engine{client: openai.NewClientWithConfig(oc), cfg: cfg, schema: schema, apiVersion: oc.APIVersion}, nil
}

func answerSchema() (json.RawMessage, error) {
	def, err := jsonschema.GenerateSchemaForType(answer{})
	if err != nil {
		return nil, fmt.Errorf("the intent's JSON schema: %w", err)
	}
	return json.Marshal(def)
}

// Understand implements generator.Engine.
func (l *Engine) Understand(ctx context.Context, request string, opts generator.Options) (*generator.Intent, error) {
	clean, err := sanitize(request)
	if err != nil {
		return nil, err
	}
	prompt, err := userPrompt(ctx, clean, opts)
	if err != nil {
		return nil, err
	}
	c := &conversation{llm: l, mode: l.cfg.Output, usage: generator.Usage{Model: l.cfg.Model}}
	if c.mode == "" {
		c.mode, c.fallback = OutputJSONSchema, true
	}
	c.messages = []openai.ChatCompletionMessage{
		{Role: openai.ChatMessageRoleSystem, Content: c.system()},
		{Role: openai.ChatMessageRoleUser, Content: prompt},
	}
	var problems []string
	example := generator.ExampleNetwork
	for attempt := 1; attempt <= l.cfg.Attempts; attempt++ {
		c.usage.Attempts = attempt
		content, err := c.ask(ctx)
		if err != nil {
			return nil, err
		}
		in, ps, err := l.review(ctx, request, content, opts)
		var refusal *generator.NotUnderstoodError
		if errors.As(err, &refusal) {
			refusal.Usage = &c.usage
		}
		if err != nil {
			return nil, err
		}
		if in != nil {
			example = generator.ExampleFor(in)
		}
		if len(ps) == 0 {
			in.Engine, in.Usage = generator.EngineLLM, &c.usage
			for _, o := range in.Others {
				o.Engine = generator.EngineLLM
			}
			return in, nil
		}
		problems = ps
		l.cfg.Logf("LLM: attempt %d of %d has %d problems: %s", attempt, l.cfg.Attempts, len(ps), strings.Join(ps, "; "))
		c.tell(ps)
	}
	return nil, &generator.NotUnderstoodError{Request: request, Understood: []string{fmt.Sprintf("the model (%s) answered %d times", l.cfg.Model, l.cfg.Attempts)},
		Missing: "its last answer still does not make a valid policy: " + strings.Join(problems, "; "), Example: example, Usage: &c.usage}
}

// review turns the model's answer into an intent and lists its problems:
// the answer's own, the intent's validation, rendering, and opts.Review. A
// refusal by the model is the error.
func (l *Engine) review(ctx context.Context, request, content string, opts generator.Options) (*generator.Intent, []string, error) {
	a, err := parseAnswer(content)
	if err != nil {
		return nil, []string{err.Error()}, nil
	}
	if !a.Understood {
		q := modelText(a.Question, maxQuestion)
		if q == "" {
			q = "the model did not understand the request and asked nothing"
		}
		return nil, nil, &generator.NotUnderstoodError{Request: request, Understood: []string{"the model (" + l.cfg.Model + ") asks a question"}, Missing: q, Example: generator.ExampleNetwork, Quoted: a.Question != ""}
	}
	// The intent comes back with its problems too, for the refusal's example.
	in, problems := a.intent(request, opts)
	if len(problems) > 0 {
		return in, problems, nil
	}
	policies, err := generator.Prepare(in, opts.Kind)
	// Every value must come from the request or the tree, as the built-in
	// engine's do: one the model made up goes back to it.
	if problems := generator.Attribute(in, opts); len(problems) > 0 {
		return in, problems, nil
	}
	var invalid *generator.InvalidError
	if errors.As(err, &invalid) {
		return in, strings.Split(invalid.Error(), "\n"), nil
	}
	if err != nil {
		return in, []string{err.Error()}, nil
	}
	if opts.Review == nil {
		return in, nil, nil
	}
	problems, err = opts.Review(ctx, policies)
	if err != nil {
		return nil, nil, fmt.Errorf("check the model's policy: %w", err)
	}
	return in, problems, nil
}

// checkBaseURL accepts https, and plain http only to this machine: over
// http the key and the requests would cross the network in clear.
func checkBaseURL(s string) error {
	u, err := url.Parse(s)
	if err != nil || u.Host == "" || (u.Scheme != "https" && u.Scheme != "http") {
		return fmt.Errorf("the LLM's base URL %q is not an http(s) URL such as https://api.openai.com/v1", s)
	}
	if u.User != nil {
		return fmt.Errorf("the LLM's base URL %q holds credentials; give the key in a variable (--llm-api-key-env)", s)
	}
	if u.Scheme == "http" && !loopback(u.Hostname()) {
		return fmt.Errorf("the LLM's base URL %q is plain http to another host, which would send the key and the requests in clear; use https, or http only to this machine (http://localhost:11434/v1)", s)
	}
	return nil
}

func loopback(host string) bool {
	if host == "localhost" || strings.HasSuffix(host, ".localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// modelName is what a model's name may be: it is shown in replies, pull
// requests and commit trailers, where a newline or markup would be the
// name's author's, not kunerva's.
var modelName = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._:/@+-]{0,127}$`)

// maxQuestion is the longest question from a model a reply shows, in bytes.
const maxQuestion = 500

// modelText is a model's free text as kunerva shows it: one line, without
// control or format characters, at most max bytes (cut at a character).
func modelText(s string, max int) string {
	s = strings.Join(strings.Fields(strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || unicode.In(r, unicode.Cf) {
			return ' '
		}
		return r
	}, s)), " ")
	if len(s) <= max {
		return s
	}
	cut := max
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + "…"
}
