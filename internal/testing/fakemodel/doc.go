// Package fakemodel owns a stand-in for a language model, for tests of
// kunerva's LLM engine: plugged into an internal/testing/llmtest server, it
// answers with what the built-in engine reads in the request. It is not a
// model and understands no more than the built-in engine does.
package fakemodel

// It reads the request out of the engine's prompt, runs the built-in engine
// on it and writes the intent as the answer JSON a model would, in the answer
// schema the engine sends; where the built-in engine refuses, it asks the
// refusal's question. So the LLM engine's whole path (prompt, structured
// output, the answer's resolution against the tree, the repair loop, usage)
// can be run end to end on the dev set (internal/eval/devset), and whatever
// the built-in engine gets right the LLM engine must get right too.
