package llm_test

import (
	"bytes"
	"context"
	"encoding/json"
	"path/filepath"
	"testing"

	"github.com/kunerva/kunerva/generator"
	"github.com/kunerva/kunerva/generator/llm"
	"github.com/kunerva/kunerva/internal/testing/golden"
	"github.com/kunerva/kunerva/internal/testing/llmtest"
	"github.com/kunerva/kunerva/internal/tree"
)

// TestPromptGolden keeps what a model is sent for one request on the shop
// tree in testdata/golden/prompt.golden: the system prompt, the user message
// (the request as data, the tree's facts, the parser's reading) and the
// answer's JSON schema. A change to any of them shows in review.
func TestPromptGolden(t *testing.T) {
	tr, err := tree.Load("../../examples/shop")
	if err != nil {
		t.Fatal(err)
	}
	s := llmtest.New(t, func(llmtest.Call) llmtest.Reply {
		return llmtest.Reply{Content: `{"understood": false, "question": "which pods?"}`}
	})
	e, err := llm.New(llm.Config{BaseURL: s.BaseURL(), Model: s.Model(), APIKey: s.APIKey()})
	if err != nil {
		t.Fatal(err)
	}
	_, _ = generator.Generate(context.Background(), e, "only checkout may reach payments on 8443", generator.Options{Tree: tr})
	calls := s.Calls()
	if len(calls) != 1 {
		t.Fatalf("%d calls, want 1", len(calls))
	}
	var got bytes.Buffer
	for _, m := range calls[0].Request.Messages {
		content := []byte(m.Content)
		var indented bytes.Buffer
		if json.Indent(&indented, content, "", " ") == nil {
			content = indented.Bytes() // the user message is compact JSON; indented here for review
		}
		got.WriteString("=== " + m.Role + "\n" + string(content) + "\n")
	}
	schema, err := json.MarshalIndent(calls[0].Request.ResponseFormat.JSONSchema.Schema, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	got.WriteString("=== response_format.json_schema.schema\n")
	got.Write(schema)
	got.WriteString("\n")
	path := filepath.Join("testdata", "golden", "prompt.golden")
	golden.Check(t, path, got.Bytes())
}
