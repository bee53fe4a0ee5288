package generator

import (
	"encoding/json"
	"fmt"
	"io"
)

// Outputs are the formats Write knows.
var Outputs = []string{"yaml", "json", "explain", "intent"}

// Write prints the result as yaml (a stream of the policies), json (the
// policy, or a List of them), explain (the explanation) or intent (the
// intent as JSON); an unknown output prints yaml.
func (res *Result) Write(w io.Writer, output string) error {
	switch output {
	case "explain":
		_, err := io.WriteString(w, res.Explanation)
		return err
	case "intent":
		b, err := json.MarshalIndent(res.Intent, "", "  ")
		if err != nil {
			return err
		}
		_, err = fmt.Fprintf(w, "%s\n", b)
		return err
	case "json":
		var objs []any
		for _, p := range res.Policies {
			objs = append(objs, p.Object)
		}
		var v any = objs
		if len(objs) == 1 {
			v = objs[0]
		} else {
			v = map[string]any{"apiVersion": "v1", "kind": "List", "items": objs}
		}
		b, err := json.MarshalIndent(v, "", "  ")
		if err != nil {
			return err
		}
		_, err = fmt.Fprintf(w, "%s\n", b)
		return err
	}
	b, err := Stream(res.Policies)
	if err != nil {
		return err
	}
	_, err = w.Write(b)
	return err
}
