package connectivity

import "encoding/json"

// JSON is the report as issue 12 shows it, indented, with [] where
// encoding/json would write null for an empty list, so that readers of it
// need not tell the two apart.
func (r Report) JSON() ([]byte, error) {
	n := Report{Changes: make([]Change, len(r.Changes)), System: make([]SystemChange, len(r.System)), Replaced: r.Replaced}
	for i, c := range r.Changes {
		c.Because = orEmpty(c.Because)
		n.Changes[i] = c
	}
	for i, c := range r.System {
		c.Because = orEmpty(c.Because)
		n.System[i] = c
	}
	b, err := json.MarshalIndent(n, "", "  ")
	return append(b, '\n'), err
}

func orEmpty(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
