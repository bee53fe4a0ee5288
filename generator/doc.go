// Package generator turns a plain-English request into Kubernetes security
// policies. It owns the Intent (what a request means, independent of any
// policy kind) and its validation, the Engine seam that understands a
// request as an intent or refuses it (NotUnderstoodError: what it understood,
// what is missing, a phrasing it would accept), Generate, and the renderers
// for NetworkPolicy, CiliumNetworkPolicy (and its cluster-wide kind) and the
// KubeArmor policy kinds, with a plain-English explanation of each result.
// The engines live in generator/builtin (deterministic) and generator/llm (a
// language model, and auto); this package knows neither. It hands back plain
// data (intents, policy objects, YAML) and must not import the engines,
// go-openai, GitHub or git clients, Kubernetes clients (client-go), validate,
// action or anything under cmd/; test/architecture_test.go keeps it so.
package generator
