package builtin

import (
	"maps"
	"slices"
	"strings"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// podsThere reports whether the words from i say "every pod there" or
// "all pods there" before the sentence ends.
func (p *parser) podsThere(i int) bool {
	for k := i; k+1 < len(p.toks) && !p.is(k, "."); k++ {
		if podNouns[p.word(k)] && p.is(k+1, "there") {
			return true
		}
	}
	return false
}

// trafficKinds say what kind of traffic follows them: "game traffic".
// probeTraffic reports whether the words from i name health probes: "the
// ambient health probes", "liveness checks".
func (p *parser) probeTraffic(i int) bool {
	for k := i + 1; k < i+4 && k < len(p.toks); k++ {
		if p.is(k, "probes", "probe", "checks", "check") && p.is(k-1, "health", "liveness", "readiness", "startup") {
			return true
		}
		if p.toks[k].kind != tWord || p.taken(k) {
			return false
		}
	}
	return false
}

var trafficKinds = set("game", "web", "user", "voice", "video", "media", "streaming", "player", "players", "gaming", "voip")

// wordAgain reports whether the word at i stands elsewhere in the clause,
// claimed by one of the rules given ("to the frontend ... on the frontend
// service port 80"), or by any rule but a heading's when none is given.
func (p *parser) wordAgain(i int, rules ...string) bool {
	for k, t := range p.toks {
		if k != i && t.low == p.toks[i].low && (len(rules) == 0 && p.claim[k] != "heading" || slices.Contains(rules, p.claim[k])) {
			return true
		}
	}
	return false
}

// compoundHead reports whether the word at i modifies a noun after it,
// as "cluster" in "cluster monitoring can still scrape it": a noun
// compound, not the place the word names.
func (p *parser) compoundHead(i int) bool {
	t := p.tok(i + 1)
	return t != nil && t.kind == tWord && !entityFollowers[t.low] && !prepositions[t.low] && !coordinators[t.low]
}

// entityFollowers may follow an entity's name: "cluster only", "cluster
// entity", "cluster too".
var entityFollowers = set("only", "entity", "entities", "too", "also", "as", "but", "except", "so", "traffic", "itself", "-", "is", "are", "just", "alone", "and", "or")

// labelsThenNamespace reports whether labels at k are followed by a word
// for namespaces: "env=prod namespaces", "team=a namespace".
func (p *parser) labelsThenNamespace(k int) bool {
	sel, e := p.selectorAt(k)
	return sel != nil && namespaceWords[p.word(e)]
}

// labelsAfterPhraseElsewhere reports whether the request says the words
// and then labels in brackets somewhere: "the API server (role=api)".
func (p *parser) labelsAfterPhraseElsewhere(words ...string) bool {
	all := p.all
	for k := 0; k+len(words)+1 < len(all); k++ {
		ok := true
		for n, w := range words {
			ok = ok && all[k+n].low == w
		}
		if ok && all[k+len(words)].low == "(" && all[k+len(words)+1].kind == tLabel {
			return true
		}
	}
	return false
}

// labelsSpell reports whether a label of sel, key or value, holds the word
// w: "the keeperhub-sandbox pods (app=keeperhub-sandbox)".
func labelsSpell(sel *metav1.LabelSelector, w string) bool {
	if sel == nil {
		return false
	}
	for k, v := range sel.MatchLabels {
		if strings.Contains(strings.ToLower(k), w) || strings.Contains(strings.ToLower(v), w) {
			return true
		}
	}
	for _, e := range sel.MatchExpressions {
		if strings.Contains(strings.ToLower(e.Key), w) || slices.ContainsFunc(e.Values, func(v string) bool { return strings.Contains(strings.ToLower(v), w) }) {
			return true
		}
	}
	return false
}

// labelValueIs reports whether a label of sel has the value w: "web" in
// "the team-a web pods (app=web)".
func labelValueIs(sel *metav1.LabelSelector, w string) bool {
	return sel != nil && slices.ContainsFunc(slices.Collect(maps.Values(sel.MatchLabels)), func(v string) bool { return strings.EqualFold(v, w) })
}

// spelledName reports whether the word at i, a word of a verdict or an
// action, is the name of the pods after it because the labels in the
// brackets right after their noun spell it as a part of a value: "the
// notify pods (name=clamav-notify)", "the log pods (app=log-shipper)",
// "the alert pods (app=alert-router)". A word no label spells stays what
// it is ("block the pods (app=x)"), and so does one an order or a
// negation puts first ("do not log pods ...").
func (p *parser) spelledName(i int) bool {
	j := i + 1
	if i == 0 || !p.is(i-1, "the", "our", "those", "these", "all", "every", "any", "only", "for", "from", "to", "of") || !podNouns[p.word(j)] || p.tok(i).kind != tWord {
		return false
	}
	for podNouns[p.word(j)] {
		j++
	}
	if !p.is(j, "(") {
		return false
	}
	sel, _ := p.selectorAt(j + 1)
	if sel == nil {
		return false
	}
	w := p.word(i)
	for _, v := range sel.MatchLabels {
		if slices.Contains(strings.FieldsFunc(strings.ToLower(v), func(r rune) bool { return r == '-' || r == '_' || r == '.' }), w) {
			return true
		}
	}
	return false
}

// onlyNamespaceElsewhere reports whether the request names the word at i
// elsewhere, and there only as a namespace ("the prod namespace",
// "namespace prod"), never as pods or anything else.
func (p *parser) onlyNamespaceElsewhere(i int) bool {
	all := tokenize(p.request)
	w, named := p.word(i), false
	for k, t := range all {
		if t.low != w || t.start == p.toks[i].start {
			continue
		}
		if k+1 < len(all) && namespaceWords[all[k+1].low] || k > 0 && namespaceWords[all[k-1].low] {
			named = true
			continue
		}
		// "team-a's apps": the pods of the namespace, as nameAt reads them.
		if t.possessive && k+1 < len(all) && corePodNouns[all[k+1].low] {
			continue
		}
		return false
	}
	return named
}

// namedAfter reports whether a DNS name or an address comes after i in
// its sentence.
func (p *parser) namedAfter(i int) bool {
	for j := i + 1; j < len(p.toks) && !p.is(j, ".", ";"); j++ {
		if p.toks[j].kind == tDomain || p.toks[j].kind == tCIDR {
			return true
		}
	}
	return false
}
