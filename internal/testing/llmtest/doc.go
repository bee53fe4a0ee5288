// Package llmtest owns a fake OpenAI-compatible chat-completions server for
// tests, as net/http/httptest owns a fake HTTP server: tests point kunerva's
// LLM engine at it because no real model is reachable from a test. It is
// strict, so that a client bug fails a test instead of passing against it.
package llmtest

// It answers a wrong method, path, API key, model or payload with the status
// and error body the OpenAI API gives, can play an older server without
// json_schema or tools so the engine's fallbacks are exercised, and reports
// every call it rejected as a test failure. On top of OpenAI's rules it holds
// kunerva's own contract: the first user message is a JSON object whose
// string field "request" is the user's request text, which is how scripted
// replies are looked up (any other fields, such as "facts", are the engine's
// business); a call that breaks this contract gets a 500 and fails the test.
// It uses go-openai for the wire types only.
