// Package generator turns a plain-English request into Kubernetes security
// policies: an Engine understands the request as an Intent (what it means, in
// no policy kind) or refuses it, and Prepare validates the intent and renders
// it into the kinds of internal/policy, with a plain-English explanation.
package generator

// It owns the Intent and its validation, the Engine seam, the refusal
// (NotUnderstoodError: what was understood, what is missing, a phrasing the
// engine would accept), Generate and the renderers. The engines live in
// generator/builtin (deterministic) and generator/llm (a language model, and
// auto). Prepare (kind defaulting, fit, validate, render) is the one way from
// an intent to policies, for Generate and for engines that review their
// intent before answering. It hands back plain data: intents, policy objects,
// YAML.
