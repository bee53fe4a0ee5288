// Package llm is kunerva's language-model engine: it asks any
// OpenAI-compatible model to fill a strict answer schema, turns the answer
// into a generator.Intent itself, and tells the model every problem until the
// answer passes or the attempts run out. Auto tries the built-in engine first.
package llm

// The model is reached through go-openai, behind the ChatClient seam. The
// prompt quotes the request as data (only what a reader of the comment sees,
// Visible), with the tree's facts and the built-in engine's reading.
// NewEngine is the one place that maps an engine's name (builtin, llm, auto)
// to an engine.
