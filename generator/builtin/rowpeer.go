package builtin

import (
	"fmt"
	"slices"

	"github.com/kunerva/kunerva/generator"
)

// rowPortKinds are the tokens that give a row its ports.
var rowPortKinds = []tokenKind{tNumber, tRange, tPortProto}

// rowPeerWithoutPorts asks where a row of a heading list names a second
// peer after its ports and before the next row: "Ingress for app=api:\n-
// app=web: 8080 and app=admin\n- app=monitor: 9090" gave admin the next
// row's port 9090 (finder 16, S9); admin's ports are not said (8080 as
// web, or every port).
func rowPeerWithoutPorts(request string, toks []token, all []*generator.Intent) error {
	if len(all) == 0 {
		return nil
	}
	for k := 0; k+4 < len(toks); k++ {
		if toks[k].low != "-" || toks[k+1].kind != tLabel || toks[k+2].low != ":" || !slices.Contains(rowPortKinds, toks[k+3].kind) {
			continue
		}
		j := k + 4
		for j+1 < len(toks) && (toks[j].low == "," || toks[j].low == "and") && slices.Contains(rowPortKinds, toks[j+1].kind) {
			j += 2
		}
		if j+1 < len(toks) && (toks[j].low == "," || toks[j].low == "and") && toks[j+1].kind == tLabel && (j+2 == len(toks) || toks[j+2].low == "-") {
			return &generator.NotUnderstoodError{Request: request, Understood: all[0].Summary(), Example: generator.ExampleFor(all[0]),
				Missing: fmt.Sprintf("which ports may %s use? Its row gives ports only to %s; give %s a row of its own (\"- %s: 8080\")", toks[j+1].raw, toks[k+1].raw, toks[j+1].raw, toks[j+1].raw)}
		}
	}
	return nil
}
