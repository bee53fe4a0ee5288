package builtin

import (
	"fmt"
	"strings"

	"k8s.io/apimachinery/pkg/util/validation"
)

// Chat says where a rule holds in few words: "block /bin/bash in app=web,
// prod only", "... on prod", "... @prod", "(-n staging)", "#staging ...",
// "... on 5432 in backend", and tells facts in asides: "db is in backend
// fwiw", "batch needs it too fwiw", "vpn is in there fwiw". Left unread,
// the place put the policy in another namespace and the aside dropped an
// exception or a peer; these rules ask about a word no rule read there.

// chatAsideMarkers end or open a remark beside the rule: "..., db is in
// backend fwiw".
var chatAsideMarkers = set("fwiw", "btw", "iirc", "afaik", "afaict", "tho", "though", "fyi", "ps", "nb", "imo", "imho", "ofc", "idk", "idr")

// placeTagUnread asks about the unread word at i when it may be the place
// the rule is for, or lies in a chat aside beside the rule.
func (p *parser) placeTagUnread(i int) string {
	t := p.toks[i]
	if t.kind != tWord {
		return ""
	}
	w := strings.TrimLeft(t.low, "#@")
	// "(internal network, staging only)": a gloss in brackets is asked
	// about elsewhere.
	if p.bracketed(i) && !p.is(i-1, "-n", "--namespace") {
		return ""
	}
	last := i+1 == len(p.toks) || p.toks[i+1].kind == tPunct || chatAsideMarkers[p.word(i+1)]
	place := w != p.opts.Namespace && len(validation.IsDNS1123Label(w)) == 0 &&
		(w != t.low && (stageNamespaces[w] || last && strings.HasPrefix(t.low, "@")) || // "#staging", "... @prod" (not "@alice, should we ...")
			stageNamespaces[w] && (p.is(i-1, "on", "-n", "--namespace") || // "on prod", "(-n staging)"
				p.is(i-1, ",") && p.is(i+1, "only") && (i+2 == len(p.toks) || p.toks[i+2].kind == tPunct)) || // ", prod only"
			p.is(i-1, "-n", "--namespace") ||
			// "on 5432 in backend", "db is in backend": after a port, or
			// said of a name, "in" gives a place.
			p.is(i-1, "in", "inside", "within") && i > 1 && (p.toks[i-2].kind == tNumber && p.claim[i-2] == "port" || p.is(i-2, "is", "are", "lives", "live", "runs", "run", "sits")) && last &&
				!fillerWords[w] && !determiners[w] && !prepositions[w])
	if place {
		return fmt.Sprintf("is %q the namespace of the pods? Say \"in namespace %s\" beside the pods it holds for, or leave it out", t.raw, w)
	}
	if t.low == "-n" || t.low == "--namespace" {
		return fmt.Sprintf("is the word after %q the namespace of the pods? Say \"in namespace NAME\" beside the pods it holds for", t.raw)
	}
	// The chat aside the word stands in: from the comma before it to the
	// end of the clause, with a marker of a remark.
	k := i
	for k > 0 && !p.is(k-1, ",", ";", "(", "-", "—") {
		k--
	}
	if k == 0 {
		return ""
	}
	for j := k; j < len(p.toks) && !p.is(j, ",", ";", ")"); j++ {
		if chatAsideMarkers[p.word(j)] && j != i {
			end := j + 1
			for end < len(p.toks) && !p.is(end, ",", ";", ")", ".") {
				end++
			}
			return fmt.Sprintf("what does the remark %q change? The rule does not read %q; say it in the rule (a peer, a port, an exception), or leave the remark out", p.text(k, end), t.raw)
		}
	}
	return ""
}
