package builtin

import (
	"fmt"
	"strings"

	"github.com/kunerva/kunerva/generator"
)

// blockParticiples say, with no verb before them, that something is
// blocked: "Audit reads of /etc/passwd in app=web, writes blocked".
var blockParticiples = set("blocked", "denied", "prevented", "forbidden", "rejected", "disallowed", "prohibited")

// blockUnread asks when every system rule audits and a participle of
// blocking that no rule read as its action stands in the request: in
// "Audit reads of /etc/passwd in app=web, writes blocked" the tail moved
// the audit to writes, and reads were neither audited nor writes blocked.
// The mirror of auditModeConflict.
func blockUnread(request string, toks []token, intents []*generator.Intent) error {
	var audit *generator.Intent
	actions := map[int]bool{}
	for _, in := range intents {
		for _, r := range in.System {
			if r.Action != generator.ActionAudit {
				return nil
			}
			audit = in
		}
		for _, o := range in.Origins {
			if o.From == generator.FromRequest && strings.HasSuffix(o.Field, ".action") {
				actions[o.Start] = true
			}
		}
	}
	if audit == nil {
		return nil
	}
	for k, t := range toks {
		if !blockParticiples[t.low] || actions[t.start] || k > 0 && (negationWords[toks[k-1].low] || toks[k-1].low == "be" || toks[k-1].low == "being" || toks[k-1].low == "without") {
			continue
		}
		return &generator.NotUnderstoodError{Request: request, Understood: audit.Summary(), Example: generator.ExampleFor(audit),
			Missing: fmt.Sprintf("what is %q about? Every rule I read audits; say what is blocked as a rule of its own (\"block writes to /etc/passwd\")", t.raw)}
	}
	return nil
}
