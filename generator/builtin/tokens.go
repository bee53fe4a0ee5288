package builtin

import (
	"regexp"
	"strings"
)

type tokenKind int

const (
	tWord      tokenKind = iota
	tNumber              // 8443
	tLabel               // app=nginx, env!=dev
	tCIDR                // 10.0.0.0/8 (an IP alone becomes a /32 or /128)
	tRange               // 8000-8100
	tPortProto           // 53/udp
	tPath                // /etc/resolv.conf
	tRelPath             // etc/passwd: a path that should have been absolute
	tDomain              // api.example.com, *.example.com
	tComma
)

type token struct {
	raw  string // as written
	low  string // lower case
	kind tokenKind
}

var (
	labelRE     = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9./_-]*!?==?[A-Za-z0-9._-]*$`)
	cidrRE      = regexp.MustCompile(`^(\d{1,3}(\.\d{1,3}){3}|[0-9a-fA-F]*:[0-9a-fA-F:]+)/\d{1,3}$`)
	ipRE        = regexp.MustCompile(`^(\d{1,3}(\.\d{1,3}){3}|[0-9a-fA-F]*::?[0-9a-fA-F:]*:[0-9a-fA-F]+)$`)
	rangeRE     = regexp.MustCompile(`^\d+-\d+$`)
	portProtoRE = regexp.MustCompile(`^\d+(-\d+)?/(tcp|udp|sctp)$`)
	urlRE       = regexp.MustCompile(`^((\*\.)?[a-z0-9-]+(\.[a-z0-9-]+)+)(/.*)$`)
	numberRE    = regexp.MustCompile(`^\d+$`)
	domainRE    = regexp.MustCompile(`^(\*\.)?([a-z0-9_]([a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,63}$`)
	relPathRE   = regexp.MustCompile(`^[A-Za-z0-9._-]+(/[A-Za-z0-9._*-]*)+$`)
	// Word-internal punctuation that ends a token: "80," "/etc/passwd." "(web".
	splitRE = regexp.MustCompile(`[\s;]+`)
)

// fileSuffixes are endings that make a dotted word a file name, not a domain.
var fileSuffixes = []string{".conf", ".yaml", ".yml", ".json", ".txt", ".log", ".sh", ".py", ".key", ".pem", ".crt", ".env", ".ini", ".toml", ".db", ".sock", ".cfg"}

// tokenize splits a request into typed tokens. Commas are kept (they separate
// list items); quotes, brackets and sentence punctuation are dropped.
func tokenize(text string) []token {
	text = strings.NewReplacer("’", "'", "‘", "'", "“", " ", "”", " ", "`", " ", "\"", " ").Replace(text)
	var out []token
	for _, field := range splitRE.Split(text, -1) {
		for {
			field = strings.Trim(field, "()[]{}<>")
			i := strings.IndexAny(field, ",()[]")
			if i < 0 {
				break
			}
			out = appendWord(out, cleanWord(field[:i]))
			if field[i] == ',' {
				out = append(out, token{raw: ",", low: ",", kind: tComma})
			}
			field = field[i+1:]
		}
		out = appendWord(out, cleanWord(field))
	}
	return out
}

// appendWord classifies a word; a URL without a scheme becomes a domain and a path.
func appendWord(out []token, w string) []token {
	low := strings.ToLower(w)
	switch {
	case w == "" || dropped[low]:
		return out
	case urlRE.MatchString(low) && !hasFileSuffix(low) && !cidrRE.MatchString(w) && !strings.Contains(w, "=") && !portProtoRE.MatchString(low):
		m := urlRE.FindStringSubmatchIndex(low)
		return append(out, classify(w[:m[3]]), classify(w[m[3]:]))
	}
	return append(out, classify(w))
}

// dropped words add nothing and would split phrases: "the whole cluster".
var dropped = map[string]bool{"whole": true, "entire": true, "currently": true, "really": true, "actually": true}

func cleanWord(w string) string {
	w = strings.Trim(w, "'()[]{}<>")
	w = strings.TrimSuffix(strings.TrimSuffix(w, "'s"), "'")
	// Sentence punctuation, but not the dot of a relative path like ./x.
	for len(w) > 1 && strings.ContainsRune(".!?:", rune(w[len(w)-1])) {
		w = w[:len(w)-1]
	}
	if w == "." || w == "!" || w == "?" || w == ":" {
		return ""
	}
	return w
}

func classify(w string) token {
	low := strings.ToLower(w)
	t := token{raw: w, low: low, kind: tWord}
	switch {
	case numberRE.MatchString(w):
		t.kind = tNumber
	case strings.HasPrefix(w, "/"):
		t.kind = tPath
	case cidrRE.MatchString(w):
		t.kind = tCIDR
	case ipRE.MatchString(w):
		t.kind = tCIDR
		if strings.Contains(w, ":") {
			t.raw += "/128"
		} else {
			t.raw += "/32"
		}
		t.low = strings.ToLower(t.raw)
	case rangeRE.MatchString(w):
		t.kind = tRange
	case portProtoRE.MatchString(low):
		t.kind = tPortProto
	case labelRE.MatchString(w):
		t.kind = tLabel
	case domainRE.MatchString(low) && !hasFileSuffix(low):
		t.kind = tDomain
	case relPathRE.MatchString(w) && strings.Contains(w, "/") && !strings.Contains(low, "tcp/") && !strings.Contains(low, "udp/") && !strings.HasPrefix(low, "and/"):
		t.kind = tRelPath
	}
	return t
}

func hasFileSuffix(w string) bool {
	for _, s := range fileSuffixes {
		if strings.HasSuffix(w, s) {
			return true
		}
	}
	return false
}
