package fakemodel_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/kunerva/kunerva/generator"
	"github.com/kunerva/kunerva/generator/builtin"
	"github.com/kunerva/kunerva/generator/llm"
	"github.com/kunerva/kunerva/internal/eval/devset"
	"github.com/kunerva/kunerva/internal/httpretry"
	"github.com/kunerva/kunerva/internal/testing/fakemodel"
	"github.com/kunerva/kunerva/internal/testing/llmtest"
)

var trees = &devset.Trees{Root: "../../.."}

func loadDevSet(t *testing.T) []devset.Case {
	t.Helper()
	cases, err := devset.Load("../../../generator/testdata/devset")
	if err != nil {
		t.Fatal(err)
	}
	return cases
}

func newLLM(t *testing.T, s *llmtest.Server) *llm.Engine {
	t.Helper()
	e, err := llm.New(llm.Config{BaseURL: s.BaseURL(), Model: s.Model(), APIKey: s.APIKey(),
		Retry: httpretry.Policy{Attempts: 2, Base: 10 * time.Millisecond, Max: time.Second}})
	if err != nil {
		t.Fatal(err)
	}
	return e
}

// conforming wraps a responder so that every answer it writes is checked
// against the strict JSON schema the engine sent with the call.
func conforming(t *testing.T, respond llmtest.Responder) llmtest.Responder {
	return func(call llmtest.Call) llmtest.Reply {
		reply := respond(call)
		if reply.Status != 0 || reply.Content == fakemodel.Broken {
			return reply
		}
		rf := call.Request.ResponseFormat
		if call.Mode != "json_schema" || rf == nil || rf.JSONSchema == nil {
			t.Errorf("%q: the engine asked in mode %s, want json_schema", call.UserRequest, call.Mode)
			return reply
		}
		raw, err := json.Marshal(rf.JSONSchema.Schema)
		var schema map[string]any
		if err == nil {
			err = json.Unmarshal(raw, &schema)
		}
		var v any
		if err == nil {
			err = json.Unmarshal([]byte(reply.Content), &v)
		}
		if err != nil {
			t.Errorf("%q: %v", call.UserRequest, err)
			return reply
		}
		defs, _ := schema["$defs"].(map[string]any)
		for _, p := range conform(v, schema, defs, "$") {
			t.Errorf("%q: the answer breaks the schema: %s", call.UserRequest, p)
		}
		return reply
	}
}

// conform checks v against the parts of JSON Schema a strict schema uses:
// type, properties (all required, no others), items, enum and $ref into $defs.
func conform(v any, schema, defs map[string]any, at string) []string {
	if ref, ok := schema["$ref"].(string); ok {
		def, ok := defs[strings.TrimPrefix(ref, "#/$defs/")].(map[string]any)
		if !ok {
			return []string{fmt.Sprintf("%s: the schema's $ref %q is not in $defs", at, ref)}
		}
		schema = def
	}
	var problems []string
	switch schema["type"] {
	case "object":
		obj, ok := v.(map[string]any)
		if !ok {
			return []string{fmt.Sprintf("%s: %T, want an object", at, v)}
		}
		props, _ := schema["properties"].(map[string]any)
		for _, k := range slices.Sorted(maps.Keys(props)) {
			sub, _ := props[k].(map[string]any)
			if val, ok := obj[k]; !ok {
				problems = append(problems, fmt.Sprintf("%s.%s is missing", at, k))
			} else {
				problems = append(problems, conform(val, sub, defs, at+"."+k)...)
			}
		}
		for _, k := range slices.Sorted(maps.Keys(obj)) {
			if _, ok := props[k]; !ok {
				problems = append(problems, fmt.Sprintf("%s.%s is not in the schema", at, k))
			}
		}
		return problems
	case "array":
		list, ok := v.([]any)
		if !ok {
			return []string{fmt.Sprintf("%s: %v, want an array", at, v)}
		}
		items, _ := schema["items"].(map[string]any)
		for i, item := range list {
			problems = append(problems, conform(item, items, defs, fmt.Sprintf("%s[%d]", at, i))...)
		}
		return problems
	case "string":
		s, ok := v.(string)
		if !ok {
			return []string{fmt.Sprintf("%s: %v, want a string", at, v)}
		}
		if enum, ok := schema["enum"].([]any); ok && !slices.Contains(enum, any(s)) {
			return []string{fmt.Sprintf("%s: %q is not one of %v", at, s, enum)}
		}
	case "integer":
		if f, ok := v.(float64); !ok || f != float64(int(f)) {
			return []string{fmt.Sprintf("%s: %v, want an integer", at, v)}
		}
	case "boolean":
		if _, ok := v.(bool); !ok {
			return []string{fmt.Sprintf("%s: %v, want a boolean", at, v)}
		}
	default:
		return []string{fmt.Sprintf("%s: the schema's type %v is not checked here", at, schema["type"])}
	}
	return nil
}

func policiesYAML(t *testing.T, ps []generator.Policy) string {
	t.Helper()
	b, err := generator.Stream(ps)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// The fake's answers, through the LLM engine, give the built-in engine's
// policies for every case of the dev set, byte for byte but for the engine
// annotation, and a refusal wherever the
// built-in engine refuses.
func TestFakeRoundTripsTheDevSet(t *testing.T) {
	cases := loadDevSet(t)
	m, err := fakemodel.DevSet(cases, trees)
	if err != nil {
		t.Fatal(err)
	}
	s := llmtest.New(t, conforming(t, m.Respond))
	e := newLLM(t, s)
	var answered, refused, phrase, mustRefuse int
	for _, c := range cases {
		t.Run(c.Name, func(t *testing.T) {
			opts, err := c.Options(trees)
			if err != nil {
				t.Fatal(err)
			}
			ctx := context.Background()
			want, werr := generator.Generate(ctx, builtin.Engine{}, c.Request, opts)
			got, gerr := generator.Generate(ctx, e, c.Request, opts)
			var problem string
			var nu *generator.NotUnderstoodError
			switch {
			case errors.As(werr, &nu):
				refused++
				if !errors.As(gerr, &nu) {
					problem = fmt.Sprintf("the built-in engine refuses (%v), the LLM engine gives %v", werr, gerr)
				} else if c.Refuse != "" {
					mustRefuse++
					if strings.Contains(strings.ToLower(nu.Error()), strings.ToLower(c.Refuse)) {
						phrase++
					}
				}
			case werr != nil:
				t.Fatal(werr)
			case gerr != nil:
				answered++
				problem = fmt.Sprintf("the built-in engine understands, the LLM engine: %v", gerr)
			default:
				answered++
				problem = compare(t, got, want)
			}
			if problem != "" {
				t.Errorf("%s: %q: %s", c.File, c.Request, problem)
			}
		})
	}
	t.Logf("%d cases: %d answered by the built-in engine, %d refused (the LLM engine's refusal says the dev set's phrase for %d of the %d that must be); "+
		"%d calls to the fake",
		len(cases), answered, refused, phrase, mustRefuse, len(s.Calls()))
}

// compare says how the LLM engine's result differs from the built-in
// engine's: the policies must be the same bytes but for the engine annotation.
func compare(t *testing.T, got, want *generator.Result) string {
	t.Helper()
	if got.Intent.Engine != generator.EngineLLM || got.Intent.Usage == nil || got.Intent.Usage.Attempts != 1 {
		return fmt.Sprintf("engine %q, usage %+v: want llm in one attempt", got.Intent.Engine, got.Intent.Usage)
	}
	wy, gy := policiesYAML(t, want.Policies), policiesYAML(t, got.Policies)
	gy = strings.ReplaceAll(gy, "kunerva.io/engine: llm\n", "kunerva.io/engine: builtin\n")
	if gy == wy {
		return ""
	}
	return fmt.Sprintf("the LLM engine's policies\n%s\ndiffer from the built-in engine's\n%s", gy, wy)
}

func shopOptions(t *testing.T) generator.Options {
	t.Helper()
	tr, err := trees.Load("examples/shop")
	if err != nil {
		t.Fatal(err)
	}
	return generator.Options{Tree: tr}
}

// Every FlakyEvery-th distinct request's first answer in a conversation is
// broken; the engine's repair gets the right one.
func TestFakeFlaky(t *testing.T) {
	opts := shopOptions(t)
	m := &fakemodel.Model{Options: func(string) (generator.Options, bool) { return opts, true }, FlakyEvery: 2}
	s := llmtest.New(t, m.Respond)
	e := newLLM(t, s)
	requests := []string{"block access to /etc/shadow in the nginx pods", "block access to /etc/resolv.conf in the nginx pods"}
	for _, tc := range []struct {
		request  string
		attempts int
	}{{requests[0], 1}, {requests[1], 2}, {requests[0], 1}, {requests[1], 2}} {
		res, err := generator.Generate(context.Background(), e, tc.request, opts)
		if err != nil {
			t.Fatal(err)
		}
		if res.Intent.Usage.Attempts != tc.attempts {
			t.Errorf("%q: %d attempts, want %d", tc.request, res.Intent.Usage.Attempts, tc.attempts)
		}
	}
	var broken []string
	for _, c := range s.Calls() {
		if m.Respond(c).Content == fakemodel.Broken {
			broken = append(broken, c.UserRequest)
		}
	}
	if want := []string{requests[1], requests[1]}; !slices.Equal(broken, want) {
		t.Errorf("broken answers for %q, want %q", broken, want)
	}
}

// Where the built-in engine refuses, the fake asks what the refusal says is
// missing, and the engine refuses with that question.
func TestFakeAsks(t *testing.T) {
	opts := shopOptions(t)
	const request = "nginx should leave /etc/resolv.conf alone, please"
	_, err := builtin.Engine{}.Understand(context.Background(), request, opts)
	var refusal *generator.NotUnderstoodError
	if !errors.As(err, &refusal) {
		t.Fatalf("the built-in engine understands %q; the test needs a request it refuses", request)
	}
	m := &fakemodel.Model{Options: func(string) (generator.Options, bool) { return opts, true }}
	s := llmtest.New(t, conforming(t, m.Respond))
	_, err = generator.Generate(context.Background(), newLLM(t, s), request, opts)
	var nu *generator.NotUnderstoodError
	if !errors.As(err, &nu) || nu.Missing != refusal.Missing {
		t.Errorf("the LLM engine gives %v; want a refusal asking %q", err, refusal.Missing)
	}
	if len(s.Calls()) != 1 {
		t.Errorf("%d calls, want 1: a question ends the conversation", len(s.Calls()))
	}
}

// A request the test gave no options for is the test's mistake, and says so.
func TestFakeUnknownRequest(t *testing.T) {
	m := &fakemodel.Model{Options: func(string) (generator.Options, bool) { return generator.Options{}, false }}
	s := llmtest.New(t, m.Respond)
	_, err := generator.Generate(context.Background(), newLLM(t, s), "block access to /etc/shadow in the nginx pods", generator.Options{})
	if err == nil || !strings.Contains(err.Error(), `fakemodel: no options for the request "block access to /etc/shadow in the nginx pods"`) {
		t.Errorf("error %v: want one naming the request the fake has no options for", err)
	}
}
