// Package generator turns a plain-English request into Kubernetes security
// policies. It owns the Intent (what a request means, independent of any
// policy kind) and its validation, the Engine seam with the deterministic
// built-in engine that understands a request or refuses it with what it
// understood and a phrasing it would accept, and the renderers for
// NetworkPolicy, CiliumNetworkPolicy (and its cluster-wide kind) and the
// KubeArmor policy kinds, with a plain-English explanation of each result.
// The LLM engine asks any OpenAI-compatible model (through go-openai, behind
// the ChatClient seam) to fill a strict answer schema, turns the answer into
// an Intent itself and tells the model every problem until the answer passes
// or the attempts run out; Auto tries the built-in engine first. Workload names are resolved against a kustomize tree loaded by
// internal/tree. It hands back plain data (intents, policy objects, YAML) and
// must not import GitHub or git clients, Kubernetes clients (client-go),
// validate, action or anything under cmd/; test/architecture_test.go keeps it so.
package generator
