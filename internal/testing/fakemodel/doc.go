// Package fakemodel owns a stand-in for a language model, for tests and demos
// of kunerva's LLM engine only: it is not a model and understands no more than
// the built-in engine does. Plugged into an internal/llmtest server, it reads
// the request out of the engine's prompt, runs the built-in engine on it and
// writes the intent as the answer JSON a model would, in the answer schema
// the engine sends; where the built-in engine refuses, it asks the refusal's
// question. So the LLM engine's whole path (prompt, structured output, the
// answer's resolution against the tree, the repair loop, usage) can be run
// end to end on the dev set, and whatever the built-in engine gets right the
// LLM engine must get right too. It imports generator, generator/builtin,
// internal/devset and internal/llmtest, and must not be imported by anything
// but tests and demos.
package fakemodel
