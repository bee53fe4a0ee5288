package builtin

import (
	"fmt"
	"strings"

	"github.com/kunerva/kunerva/generator"
)

// laterLineJoined asks when a later line of a chat message, read in one
// statement with the rule before it, gave that rule a value (a path,
// capability, label, port or namespace): "block access to /etc/shadow in
// app=web\n/usr/sbin/sshd is whitelisted" made sshd the one process
// blocked, "only app=api may reach app=db on 5432\napp=batch: 5433" made
// the app=batch pods those of a new policy, "in app=web only /usr/bin/node
// may run\nblock /usr/bin/curl" allowed curl from node. What the line adds
// (another rule, a peer, an exception, a remark) is the author's to say.
// A list item ("- ...") is read with its list, and a heading line before
// the rule, which names no value, where headings are asked about.
func (p *parser) laterLineJoined(in *generator.Intent) error {
	breakAt := func(i int) bool {
		return p.toks[i-1].end <= p.toks[i].start && strings.Contains(p.request[p.toks[i-1].end:p.toks[i].start], "\n")
	}
	valueBefore := false
	for i := 1; i < len(p.toks); i++ {
		valueBefore = valueBefore || lineValueRules[p.claim[i-1]]
		if !breakAt(i) || p.toks[i].kind == tPunct || !valueBefore {
			continue
		}
		e := i + 1
		for e < len(p.toks) && !breakAt(e) {
			e++
		}
		for k := i; k < e; k++ {
			if lineValueRules[p.claim[k]] {
				return p.refuseWithSummary(in, fmt.Sprintf("what does the line %q add to the rule before it: another rule, an exception, or a remark? Say it as a sentence of its own (\"block ...\", \"also allow ...\")", p.request[p.toks[i].start:p.toks[e-1].end]))
			}
		}
	}
	return nil
}

// lineValueRules are the rules that read a value of a rule on a later line.
var lineValueRules = set("labels", "path", "port", "cidr", "capability", "source", "namespace")
