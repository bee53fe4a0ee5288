// Package llm is kunerva's language-model engine: it asks any
// OpenAI-compatible model (through go-openai, behind the ChatClient seam) to
// fill a strict answer schema, with the request quoted as data (only what a
// reader of the comment sees, Visible), the tree's facts and the built-in
// engine's reading; turns the answer into a generator.Intent itself; and
// tells the model every problem until the answer passes or the attempts run
// out. Auto tries the built-in engine first, and NewEngine is the one place
// that maps an engine's name (builtin, llm, auto) to an engine. It is the only
// package besides test fakes that imports go-openai, and must not import
// GitHub or git clients, Kubernetes clients (client-go), validate, action or
// anything under cmd/; test/architecture_test.go keeps it so.
package llm
