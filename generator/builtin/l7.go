package builtin

import (
	"strings"

	"github.com/kunerva/kunerva/generator"
)

// httpRules claims "GET /public", "GET and HEAD on /api/*", "POST /orders with
// header X-Api-Key", "only GET requests".
func (p *parser) httpRules() ([]generator.HTTPRule, error) {
	var verbs, paths, headers []string
	// "with any method" says nothing beyond the path.
	if p.claimPhrase("with", "any", "method") || p.claimPhrase("any", "method") || p.claimPhrase("with", "any", "http", "method") {
		verbs = append(verbs, "")
	}
	for i, t := range p.toks {
		if p.used[i] {
			continue
		}
		isMethod := methods[t.low] && (strings.ToUpper(t.raw) == t.raw || p.tok(i+1) != nil && p.toks[i+1].kind == tPath || p.is(i+1, "requests", "request", "and", "or", ","))
		switch {
		case isMethod && t.low != "get" || isMethod && (strings.ToUpper(t.raw) == t.raw || p.is(i+1, "requests", "request")):
			verbs = append(verbs, strings.ToUpper(t.low))
			p.used[i] = true
			if p.is(i+1, "requests", "request", "calls") {
				p.used[i+1] = true
			}
		case t.kind == tPath && p.httpPath(i):
			paths = append(paths, t.raw)
			p.used[i] = true
		case t.low == "header" || t.low == "headers":
			// "with header X-Api-Key", "with the X-Token header", "header X-Token: abc"
			if h := p.tok(i + 1); h != nil && h.kind == tWord && !keyword(h.low) {
				p.used[i], p.used[i+1] = true, true
				headers = append(headers, h.raw)
			} else if h := p.tok(i - 1); h != nil && h.kind == tWord && !keyword(h.low) {
				p.used[i], p.used[i-1] = true, true
				headers = append(headers, h.raw)
			}
		}
	}
	if len(verbs) == 1 && verbs[0] == "" && len(paths) == 0 {
		verbs = nil
	}
	if len(verbs) == 0 && len(paths) == 0 {
		if len(headers) > 0 {
			return []generator.HTTPRule{{Headers: headers}}, nil
		}
		return nil, nil
	}
	if len(verbs) == 0 {
		verbs = []string{""}
	}
	if len(paths) == 0 {
		paths = []string{""}
	}
	var out []generator.HTTPRule
	for _, m := range verbs {
		for _, path := range paths {
			out = append(out, generator.HTTPRule{Method: m, Path: path, Headers: headers})
		}
	}
	for i, t := range p.toks {
		if (t.low == "http" || t.low == "requests") && !p.used[i] {
			p.used[i] = true
		}
	}
	return out, nil
}

// dnsRequest claims "and dns", "plus dns lookups", "dns lookups of *.example.com",
// "resolve api.example.com"; it returns the DNS patterns named, if any.
func (p *parser) dnsRequest() ([]string, bool) {
	at := p.index("dns")
	if at < 0 {
		return nil, false
	}
	// "look up only api.github.com in DNS", "resolve *.example.com"
	if p.hasPhrase("look", "up") || p.has("resolve", "resolving") {
		var patterns []string
		for i, t := range p.toks {
			if t.kind == tDomain && !p.used[i] {
				patterns = append(patterns, strings.TrimSuffix(t.low, "."))
				p.used[i] = true
			}
		}
		p.used[at] = true
		return patterns, true
	}
	p.used[at] = true
	var patterns []string
	j := at + 1
	for p.is(j, "lookups", "lookup", "queries", "query", "requests", "resolution", "traffic", "resolving") {
		p.used[j] = true
		j++
	}
	if p.is(j, "of", "for", "to") {
		k := j + 1
		for k < len(p.toks) {
			t := p.toks[k]
			if t.kind == tDomain || t.raw == "*" {
				patterns = append(patterns, strings.TrimSuffix(t.low, "."))
				p.used[k] = true
				k++
				continue
			}
			if (t.kind == tComma || p.is(k, "and", "or")) && k+1 < len(p.toks) && p.toks[k+1].kind == tDomain {
				k++
				continue
			}
			break
		}
		if len(patterns) > 0 {
			p.used[j] = true
		}
	}
	// "port 53" is implied by DNS; leave such mentions to the DNS rule.
	for i, t := range p.toks {
		if t.raw == "53" && !p.used[i] {
			p.used[i] = true
			if p.is(i-1, "port") {
				p.used[i-1] = true
			}
		}
	}
	return patterns, true
}
