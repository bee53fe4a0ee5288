// Package eval measures an engine on a dataset of requests with the policies
// they must produce or the refusal they must get (the dev-set format of
// internal/devset): how many answers mean what the expected policies mean
// (internal/semantic), how many pass every configured validation stage, how
// many clear requests are refused and must-refuse ones correctly refused, the
// BLEU of the generated YAML against the expected YAML, and the latency of
// understanding and rendering, overall, per intent family and per policy
// kind. It owns the metrics and the report (a table and JSON); it joins
// generator and validate through internal/feedback and, like them, must not
// import GitHub or git clients, action or anything under cmd/.
package eval
