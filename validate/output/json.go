package output

import (
	"encoding/json"
	"io"

	"github.com/kunerva/kunerva/validate"
)

// writeJSON prints the findings as a JSON array ([] when there are none).
func writeJSON(w io.Writer, findings []validate.Finding) error {
	if findings == nil {
		findings = []validate.Finding{}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(findings)
}
