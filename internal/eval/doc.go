// Package eval measures an engine on a dataset of requests with the policies
// they must produce or the refusal they must get (internal/eval/devset): how
// often its answers mean what is expected, pass validation and refuse
// rightly, and how fast. It owns the metrics and the report (table and JSON).
package eval

// The metrics, overall, per intent family and per policy kind: how many
// answers mean what the expected policies mean (internal/semantic), how many
// pass every configured validation stage (through internal/pipeline's
// Validator), how many clear requests are refused and must-refuse ones
// correctly refused, the BLEU of the generated YAML against the expected
// YAML, and the latency of understanding and rendering.
