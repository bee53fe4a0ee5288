package builtin

import (
	"fmt"

	"github.com/kunerva/kunerva/generator"
)

// alsoPlaceRestrictors open words after "also run in namespace X" that say
// the pods are somewhere more or only there: "including those in
// default", "but only those in prod", "except those in dev".
var alsoPlaceRestrictors = set("including", "only", "except", "excluding", "besides", "plus")

// alsoResidenceUnread asks where "also" says pods run in a namespace
// beside another place, which a selector cannot hold (finder 16, S11):
//   - ", also running in namespace prod," set apart by commas: read as
//     the place of the policy's own pods, "allow ingress to app=api from
//     app=web, also running in namespace prod, on port 8080" moved api to
//     prod, though prod is said of web;
//   - "that also run in namespace prod ..., including those in default"
//     (or "but only those in prod"): the words after were dropped, or
//     moved the policy's own pods.
//
// The plain "pods that also run in namespace prod" reads as where they run
// and is left as it is.
func alsoResidenceUnread(request string, toks []token, all []*generator.Intent) error {
	if len(all) == 0 {
		return nil
	}
	x := all[0]
	for i := range toks {
		if toks[i].low != "also" || i+2 >= len(toks) || !residenceVerbs[toks[i+1].low] || toks[i+2].low != "in" {
			continue
		}
		end := i + 3
		for end < len(toks) && toks[end].low != "," && toks[end].low != "." && toks[end].low != ";" {
			end++
		}
		said := request[toks[i].start:toks[end-1].end]
		if i > 0 && toks[i-1].low == "," {
			return &generator.NotUnderstoodError{Request: request, Understood: x.Summary(), Example: generator.ExampleFor(x),
				Missing: fmt.Sprintf("which pods does %q say run there, and are they only there? Say the namespace right after those pods (\"from app=web in namespace prod\")", said)}
		}
		for k := end; k+2 < len(toks); k++ {
			if alsoPlaceRestrictors[toks[k].low] && (toks[k+1].low == "those" || toks[k+1].low == "the" || toks[k+1].low == "ones") {
				return &generator.NotUnderstoodError{Request: request, Understood: x.Summary(), Example: generator.ExampleFor(x),
					Missing: fmt.Sprintf("which namespaces may those pods be in? %q and %q may say more than one; name each namespace with the pods (\"from app=web in namespace prod\")", said, request[toks[k].start:toks[min(k+3, len(toks)-1)].end])}
			}
		}
	}
	return nil
}
