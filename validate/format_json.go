package validate

import (
	"encoding/json"
	"io"
)

// writeJSON prints the findings as a JSON array ([] when there are none).
func writeJSON(w io.Writer, findings []Finding) error {
	if findings == nil {
		findings = []Finding{}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(findings)
}
