package builtin

import (
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"k8s.io/apimachinery/pkg/util/validation"
)

type tokenKind int

const (
	tWord      tokenKind = iota
	tNumber              // 8443
	tLabel               // app=nginx, env!=dev
	tCIDR                // 10.0.0.0/8, or an address (raw keeps it; cidr() adds /32 or /128); "::", the IPv6 unspecified address, is one (finder9 S1: "from :: on 443" was dropped, from anywhere)
	tRange               // 8000-8100
	tPortProto           // 53/udp, 8000-8100/tcp
	tPath                // /etc/resolv.conf
	tRelPath             // etc/passwd: a path that should have been absolute
	tDomain              // api.example.com, *.example.com
	tPunct               // , ; : ( ) - . and the like, which shape clauses
)

// token is a word of the request with its byte span in the request, so
// that every value can say where it came from.
type token struct {
	raw        string // as written
	low        string // lower case, with typographic apostrophes made plain
	kind       tokenKind
	start, end int  // byte offsets in the request
	possessive bool // written with 's, which is left out of raw and low
	spelled    bool // a label said in words: "label app set to web"
}

var (
	labelRE     = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9./_-]*(!=|==|=)[A-Za-z0-9._-]*$`)
	cidrRE      = regexp.MustCompile(`^(\d{1,3}(\.\d{1,3}){3}|[0-9a-fA-F]*:[0-9a-fA-F:]+)/\d{1,3}$`)
	ipRE        = regexp.MustCompile(`^(\d{1,3}(\.\d{1,3}){3}|[0-9a-fA-F]*::?[0-9a-fA-F:]*:[0-9a-fA-F]+|[0-9a-fA-F]*(:[0-9a-fA-F]+)*::)$`)
	rangeRE     = regexp.MustCompile(`^\d+-\d+$`)
	portProtoRE = regexp.MustCompile(`^\d+(-\d+)?/(tcp|udp|sctp)$`)
	numberRE    = regexp.MustCompile(`^\d+$`)
	domainRE    = regexp.MustCompile(`^(\*\.)?(([a-z0-9_]([a-z0-9-]*[a-z0-9])?|\*)\.)+[a-z]{2,63}\.?$`)
	relPathRE   = regexp.MustCompile(`^[A-Za-z0-9._-]+(/[A-Za-z0-9._*-]*)+$`)
	// urlRE is a URL with or without a scheme: host, optional port, path.
	urlRE = regexp.MustCompile(`^(?:https?://)?((?:\*\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)+)(?::(\d+))?(/\S*)?$`)
)

// fileSuffixes are endings that make a dotted word a file name, not a domain.
var fileSuffixes = []string{".conf", ".yaml", ".yml", ".json", ".txt", ".log", ".sh", ".py", ".key", ".pem", ".crt", ".env", ".ini", ".toml", ".db", ".sock", ".cfg", ".so", ".pid", ".lock"}

// protoNames are the protocols "TCP/UDP" and "TCP/22" name.
var protoNames = map[string]bool{"tcp": true, "udp": true, "sctp": true, "http": true, "https": true}

// relPathRoots are where relative paths people meant as absolute start.
var relPathRoots = map[string]bool{"etc": true, "var": true, "usr": true, "bin": true, "sbin": true, "tmp": true, "home": true, "root": true, "opt": true,
	"proc": true, "sys": true, "dev": true, "lib": true, "lib64": true, "run": true, "boot": true, "srv": true, "mnt": true, "app": true, "data": true}

// keepApostrophe are words whose 's is "is" or "us", not a possessive.
var keepApostrophe = map[string]bool{"let": true, "it": true, "that": true, "there": true, "here": true, "what": true, "who": true, "where": true, "he": true, "she": true}

// abbreviations keep their dots: they are no sentence ends.
var abbreviations = map[string]bool{"e.g": true, "i.e": true, "etc": true, "vs": true, "cf": true, "approx": true, "incl": true, "excl": true}

// tokenize splits a request into typed tokens with their spans. Brackets,
// commas, semicolons, colons before a space, dashes between words and
// sentence ends become punctuation tokens; quotes are dropped.
func tokenize(text string) []token {
	var out []token
	emph := emphasisMarks(text)
	i := 0
	for i < len(text) {
		r, size := utf8.DecodeRuneInString(text[i:])
		switch {
		case len(emph) > 0 && emph[i] || unicode.IsSpace(r) || isQuote(r) && !inWord(text, i, size):
			i += size
			continue
		case strings.ContainsRune("()[]{},;", r):
			out = append(out, punct(text, i, size))
			i += size
			continue
		case r == '–' || r == '—' || r == '-' && (i+1 == len(text) || text[i+1] == ' ' || text[i+1] == '-'):
			j := i + size
			for j < len(text) && text[j] == '-' {
				j++
			}
			out = append(out, token{raw: text[i:j], low: "-", kind: tPunct, start: i, end: j})
			i = j
			continue
		}
		// A word runs to the next space, bracket, comma, semicolon or quote;
		// a path keeps a class in square brackets ("/api/products/[0-9]+").
		j := i
		for j < len(text) {
			r, size := utf8.DecodeRuneInString(text[j:])
			if r == '[' && text[i] == '/' && j > i && text[j-1] == '/' {
				if k := strings.IndexAny(text[j:], "] \t\n"); k > 1 && text[j+k] == ']' {
					j += k + 1
					continue
				}
			}
			if len(emph) > 0 && emph[j] || unicode.IsSpace(r) || strings.ContainsRune("()[]{},;", r) || isQuote(r) && !inWord(text, j, size) {
				break
			}
			j += size
		}
		// 'app="checkout"', "tier='web'": a label's value in quotes is the
		// value; the label spans the quotes.
		if t, end, ok := quotedLabel(text, i, j); ok {
			out = append(out, t)
			i = end
			continue
		}
		if j == i {
			// A quote between letters that is no apostrophe: a separator.
			_, size := utf8.DecodeRuneInString(text[i:])
			i += size
			continue
		}
		out = appendWord(out, text, i, j)
		i = j
	}
	return listProtocol(directionShorthand(projectNamespaces(rootPaths(labelsColons(spelledLabels(colonLabels(out, text)))))))
}

// listProtocol gives the protocol written after the last port of a list
// joined by commas without spaces to every port of it: "on 53,123/udp" is
// 53/UDP and 123/UDP (finder9 S10: it gave 53/TCP). The list is written
// as one word, so the protocol is said of all of it. A range in the list
// ("8000-8100,9000/udp") is left as written, and asked about, and so is a
// number of one or two digits ("1,024/udp", a thousands separator).
func listProtocol(toks []token) []token {
	for i, t := range toks {
		if t.kind != tPortProto || strings.Contains(t.low, "-") {
			continue
		}
		_, proto, _ := strings.Cut(t.low, "/")
		k := i
		for k >= 2 && toks[k-1].low == "," && toks[k-1].end == toks[k].start && toks[k-2].end == toks[k-1].start && toks[k-2].kind == tNumber {
			k -= 2
		}
		if k > 0 && toks[k-1].end == toks[k].start && (toks[k-1].kind == tRange || toks[k-1].kind == tPortProto) {
			continue
		}
		// "1,024/udp": a thousands separator (asked about by
		// thousandsPort), not a list.
		thousands := false
		for m := k; m < i; m += 2 {
			next, _, _ := strings.Cut(toks[m+2].raw, "/")
			thousands = thousands || len(toks[m].raw) <= 2 && len(next) == 3
		}
		if thousands {
			continue
		}
		for m := k; m < i; m += 2 {
			toks[m].kind, toks[m].low = tPortProto, toks[m].raw+"/"+proto
		}
	}
	return toks
}

// emphasisMarks finds Markdown's emphasis markers, which carry no meaning
// of their own: "**deny** egress from app=web to 10.0.0.0/8", "do _not_
// allow ...", "reach payments **only on 443**", "***deny***". Unread, the
// marker was glued to the word, so "**deny**" was no verdict and the deny
// became an allow, "**not**" no negation, "443**" no port. A marker is a
// run of one to three '*' or '_' that opens at a word's start (after the
// start, a space or an opening bracket or quote, and before a character
// that is no space, '.' or '/') and is closed by the same run at a word's
// end (after a character that is no space or '/', and before the end, a
// space, punctuation or a closing bracket or quote). A lone "*5433" (a
// correction), a bullet "* also", "*.example.com", "/etc/**", "CAP_NET_RAW"
// and "__init__.py" are no emphasis. The markers read as spaces, so every
// word keeps its span in the request. Nil when the text has none.
func emphasisMarks(text string) []bool {
	if !strings.ContainsAny(text, "*_") {
		return nil
	}
	marks := make([]bool, len(text)+1)
	run := func(i int) int { // the length of the run of text[i] at i
		k := i
		for k < len(text) && text[k] == text[i] {
			k++
		}
		return k - i
	}
	opens := func(i, n int) bool {
		if i > 0 && !strings.ContainsRune(" \t\n([{\"'`“‘", rune(text[i-1])) && !(text[i-1] >= 0x80) {
			return false
		}
		if i+n >= len(text) {
			return false
		}
		return !strings.ContainsRune(" \t\n./*_", rune(text[i+n]))
	}
	closes := func(i, n int) bool {
		if i == 0 || strings.ContainsRune(" \t\n/*_", rune(text[i-1])) {
			return false
		}
		k := i + n
		if k == len(text) {
			return true
		}
		if text[k] == '.' {
			return k+1 == len(text) || text[k+1] == ' ' || text[k+1] == '\n'
		}
		return strings.ContainsRune(" \t\n,;:!?)]}\"'`”’", rune(text[k])) || text[k] >= 0x80
	}
	for i := 0; i < len(text); i++ {
		c := text[i]
		if c != '*' && c != '_' {
			continue
		}
		n := run(i)
		if n > 3 || !opens(i, n) {
			i += n - 1
			continue
		}
		// The nearest run of the same marker that closes it.
		for k := i + n; k < len(text); k++ {
			if text[k] != c {
				continue
			}
			m := run(k)
			if m == n && closes(k, m) {
				for x := 0; x < n; x++ {
					marks[i+x], marks[k+x] = true, true
				}
				i = k + m - 1
				break
			}
			k += m - 1
		}
	}
	return marks
}

// directionWordShorthand maps the shorthand of a direction to the word it
// stands for: "allow egr from app=web to app=api", "default deny ingr for
// app=db". Unread, "egr" was dropped and the allow became an ingress policy
// on the peer, the default deny covered both directions.
var directionWordShorthand = map[string]string{"egr": "egress", "ingr": "ingress"}

// directionOnly are the words "egress-only" and "ingress-only", written as
// one: "egress-only: allow app=web to reach app=api", "deny-all
// egress-only for app=db". Unread, the allow became an ingress policy on the
// peer and the default deny covered both directions.
var directionOnly = map[string]string{"egress-only": "egress", "ingress-only": "ingress", "egr-only": "egress", "ingr-only": "ingress"}

// directionShorthand reads the shorthand of a direction as the direction
// word it stands for (directionWordShorthand), and a direction joined to
// "only" by a hyphen as the two words (directionOnly), so every rule of
// direction reads them. Each word keeps its span in the request.
func directionShorthand(toks []token) []token {
	// Most requests have none: keep their tokens as they are.
	if !slices.ContainsFunc(toks, func(t token) bool {
		_, short := directionWordShorthand[t.low]
		_, only := directionOnly[t.low]
		return t.kind == tWord && (short || only)
	}) {
		return toks
	}
	out := make([]token, 0, len(toks)+1)
	for _, t := range toks {
		if t.kind != tWord {
			out = append(out, t)
			continue
		}
		if w, ok := directionWordShorthand[t.low]; ok {
			t.low = w
		}
		if w, ok := directionOnly[t.low]; ok && !t.possessive {
			cut := strings.IndexByte(t.raw, '-')
			dir := token{raw: t.raw[:cut], low: w, kind: tWord, start: t.start, end: t.start + cut}
			only := token{raw: t.raw[cut+1:], low: "only", kind: tWord, start: t.start + cut + 1, end: t.end}
			out = append(out, dir, only)
			continue
		}
		out = append(out, t)
	}
	return out
}

// projectNamespaces reads an OpenShift project as the namespace it is:
// "in project team-b, ...", "every pod of the project team-a", "in the
// payments project, ...", "pods of the same project", "its own
// projects". The word keeps its span; only its reading becomes
// "namespace", so every rule of namespaces reads it. Not "project=alpha"
// (a label), nor "the project uses ..." (no name follows), nor "new
// projects" (no namespace named).
// projectPlaces are the words before "project X" that make X a place.
var projectPlaces = []string{"in", "of", "for", "within", "inside", "across", "from", "to", "into", "openshift"}

func projectNamespaces(toks []token) []token {
	word := func(n int) string {
		if n < 0 || n >= len(toks) {
			return ""
		}
		return toks[n].low
	}
	// named: a DNS label that is no word of the sentence's vocabulary.
	named := func(n int) bool {
		if n < 0 || n >= len(toks) || toks[n].kind != tWord && toks[n].kind != tNumber {
			return false
		}
		w := toks[n].low
		return len(validation.IsDNS1123Label(w)) == 0 && !determiners[w] && !prepositions[w] && !fillerWords[w] && !meaningWords[w] && !coordinators[w] && !modals[w] &&
			!allowWords[w] && !denyWords[w] && !reachVerbs[w] && !receiveVerbs[w] && !podNouns[w] && !namespaceWords[w] && w != "project" && w != "projects" &&
			w != "is" && w != "are" && w != "was" && w != "has" && w != "have" && w != "uses" && w != "use"
	}
	// nameEnds: what follows a project's name is no label of it.
	nameEnds := func(n int) bool {
		return n >= len(toks) || toks[n].kind != tLabel && word(n) != "label" && word(n) != "labels" && word(n) != "project"
	}
	for n, t := range toks {
		if t.kind != tWord || t.low != "project" && t.low != "projects" {
			continue
		}
		ns := strings.Replace(t.low, "project", "namespace", 1)
		prev, next := word(n-1), word(n+1)
		switch {
		case slices.Contains([]string{"same", "own", "other", "different", "local"}, prev):
			// "any pod of the same project", "pods in other projects"
		case (slices.Contains(projectPlaces, prev) || prev == "the" && slices.Contains(projectPlaces, word(n-2))) && !t.possessive && named(n+1) && nameEnds(n+2) &&
			(strings.ContainsAny(next, "-0123456789") || allowWords[word(n+2)] || receiveVerbs[word(n+2)] || reachVerbs[word(n+2)] || modals[word(n+2)]):
			// "in project team-b,", "every pod of the project team-a
			// accepts", "the pods of project billing may ..."; not "as the
			// project maintainers recommend", "in project meetings we
			// agreed", "for project compliance, ...": a plain word after
			// "project" is a name only before the verb of the rule.
		case prev != "" && named(n-1) && slices.Contains([]string{"in", "within", "inside", "for", "from", "to", "into"}, word(n-3)) && word(n-2) == "the" &&
			(n+1 >= len(toks) || toks[n+1].kind == tPunct || prepositions[next] || modals[next] || t.possessive):
			// "in the payments project, ...", "from the team-a project on 443"
		default:
			continue
		}
		toks[n].low = ns
	}
	return toks
}

// rootPaths reads a lone "/" after a word of place as the root directory:
// "block writes anywhere under /.", "everything below /"; and as the
// object of "make" or "keep" before "read-only" or "and everything under
// it": "make / read-only", "Make / and everything under it read-only".
func rootPaths(toks []token) []token {
	for n, t := range toks {
		if t.low == "/" && n > 0 && n+1 < len(toks) && (toks[n-1].low == "make" || toks[n-1].low == "keep") && (toks[n+1].low == "read-only" || toks[n+1].low == "readonly" || toks[n+1].low == "and") {
			toks[n].kind = tPath
			continue
		}
		if t.low != "/" || n == 0 || !slices.Contains([]string{"under", "below", "beneath", "underneath", "in", "at", "to", "of"}, toks[n-1].low) {
			continue
		}
		// "under / stay accessible": a verb of state after the root.
		if n+1 < len(toks) && toks[n+1].kind != tPunct && !slices.Contains([]string{"stay", "stays", "remain", "remains", "is", "are", "accessible", "readable", "allowed"}, toks[n+1].low) {
			continue
		}
		toks[n].kind = tPath
	}
	return toks
}

// colonKeys are label keys people write YAML-style, "role: frontend".
var colonKeys = map[string]bool{"app": true, "role": true, "tier": true, "env": true, "environment": true, "component": true, "run": true,
	"version": true, "team": true, "k8s-app": true, "release": true, "stage": true, "track": true, "project": true, "purpose": true}

// colonLabels reads "role: frontend", "(app: static-web)" and "label
// app.kubernetes.io/name: web" as the labels they are: a well-known key (or
// one with a prefix) right before a colon, and a value after one space.
func colonLabels(toks []token, text string) []token {
	if !slices.ContainsFunc(toks, func(t token) bool { return t.low == ":" }) {
		return toks
	}
	out := make([]token, 0, len(toks))
	listed := false // the labels before are a list a word of labels opens
	for n := 0; n < len(toks); n++ {
		t := toks[n]
		// "with labels 'access: granted'": any key, right after the word.
		afterLabelWord := n > 0 && labelWords[toks[n-1].low]
		if n+2 < len(toks) && t.kind == tWord && (colonKeys[t.low] || afterLabelWord || strings.Contains(t.low, "/") && strings.Contains(t.low, ".")) && !t.possessive &&
			toks[n+1].low == ":" && toks[n+1].start == t.end && toks[n+2].start == toks[n+1].end+1 && toks[n+2].kind == tWord && !toks[n+2].possessive {
			v := toks[n+2]
			w := v.low
			sentence := allowWords[w] || denyWords[w] || auditWords[w] || isolateWords[w] || determiners[w] || fillerWords[w] || prepositions[w] ||
				reachVerbs[w] || receiveVerbs[w] || frameWords[w] || coordinators[w] || corePodNouns[w] || namespaceWords[w]
			// "(role: api)", "(app: api, tier: backend)": keys and values
			// alone in brackets are labels, whatever the values' words.
			bracketed := colonPairsInBrackets(out, toks, n)
			// "pods with labels app: api and tier: web", "labeled role:
			// api": after a word of labels, a value is one whatever its
			// word, but a word no value is ("labeled app: the web pods").
			named := (afterLabelWord || listed) && !determiners[w] && !prepositions[w] && !coordinators[w]
			// "the DB pods carry role: db and the API pods role: api": the
			// pods of a second naming, the verb left out, and their labels.
			named = named || n > 0 && corePodNouns[toks[n-1].low] && gappedNaming(out) && !determiners[w] && !prepositions[w] && !coordinators[w]
			if raw := t.raw + "=" + v.raw; labelRE.MatchString(raw) && (!sentence || bracketed || named) {
				out = append(out, token{raw: raw, low: strings.ToLower(t.raw) + "=" + v.low, kind: tLabel, start: t.start, end: v.end})
				listed = afterLabelWord || listed
				n += 2
				continue
			}
		}
		listed = listed && (t.low == "," || t.low == "and")
		out = append(out, t)
	}
	return out
}

// gappedNaming reports whether the tokens before a second naming's pods
// end "LABEL and|, [the] NAME": "role: db and the API".
func gappedNaming(out []token) bool {
	k := len(out) - 3 // before the name and the pod noun
	if k >= 0 && determiners[out[k].low] {
		k--
	}
	return k >= 1 && (out[k].low == "and" || out[k].low == ",") && out[k-1].kind == tLabel
}

// valueLinks join a label's key to its value in words: "label app set to
// web", "label team equals payments", "label tier with the value front".
var valueLinks = [][]string{{"set", "to"}, {"is", "set", "to"}, {"equal", "to"}, {"is", "equal", "to"}, {"equals"}, {"with", "value"}, {"with", "the", "value"},
	{"having", "value"}, {"having", "the", "value"}, {"of", "value"}}

// spelledLabels reads a label said in words as the label: "pods with the
// label app set to web" as "pods with the label app=web", "the env label
// set to dev" as "the env=dev", "whose label tier is set to frontend" as
// "whose label tier=frontend". The key is one word after "label" or
// before it; the value one word that no sentence word is. (Left as
// words, "set to web" was lost and the peer became every pod.)
func spelledLabels(toks []token) []token {
	word := func(n int) string {
		if n < 0 || n >= len(toks) || toks[n].kind != tWord {
			return ""
		}
		return toks[n].low
	}
	if !slices.ContainsFunc(toks, func(t token) bool { return t.low == "label" }) {
		return toks
	}
	out := make([]token, 0, len(toks))
	for n := 0; n < len(toks); n++ {
		key, after := -1, 0 // the key, and what follows it and "label"
		// "label app set to web and tier set to front": the list goes on.
		more := len(out) >= 2 && (out[len(out)-1].low == "and" || out[len(out)-1].low == ",") && out[len(out)-2].kind == tLabel && out[len(out)-2].spelled
		switch {
		case word(n) == "label" && keyWord(word(n+1)):
			key, after = n+1, n+2 // "label app set to web"
		case word(n+1) == "label" && keyWord(word(n)):
			key, after = n, n+2 // "the app label set to web"
		case more && keyWord(word(n)):
			key, after = n, n+1 // "... and tier set to front"
		}
		if key < 0 {
			out = append(out, toks[n])
			continue
		}
		for _, link := range valueLinks {
			v := after + len(link)
			if v >= len(toks) || !slices.EqualFunc(toks[after:v], link, func(t token, w string) bool { return t.kind == tWord && t.low == w }) {
				continue
			}
			val := word(v)
			if val == "" || determiners[val] || prepositions[val] || coordinators[val] || !labelRE.MatchString(toks[key].raw+"="+toks[v].raw) || valuesListed(toks, v) {
				continue
			}
			if key > n {
				out = append(out, toks[n]) // "label"
			}
			out = append(out, token{raw: toks[key].raw + "=" + toks[v].raw, low: toks[key].low + "=" + val, kind: tLabel, start: toks[key].start, end: toks[v].end, spelled: true})
			n = v
			key = -2
			break
		}
		if key != -2 {
			out = append(out, toks[n])
		}
	}
	return out
}

// keyWord reports whether w can be a label's key said in words: no word
// of a sentence's grammar ("whose label is set to web" names no key).
func keyWord(w string) bool {
	return w != "" && !determiners[w] && !prepositions[w] && !coordinators[w] && !modals[w] && !negationWords[w] && !beVerbs[w] &&
		!slices.ContainsFunc(valueLinks, func(l []string) bool { return l[0] == w }) && w != "be" && w != "has" && w != "have" && w != "value" &&
		w != "whose" && w != "where" && w != "which" && w != "that" && w != "what" && w != "its" && w != "their"
}

// valuesListed reports whether the value at v begins a list of values
// ("label app set to web or api", "set to web, api"): one label would
// drop the others; the words are left for the rules that ask.
func valuesListed(toks []token, v int) bool {
	at := func(n int) string {
		if n >= len(toks) {
			return ""
		}
		return toks[n].low
	}
	switch at(v + 1) {
	case "or", "nor", "/":
		return true
	case "and", ",":
		w := at(v + 2)
		return v+2 < len(toks) && toks[v+2].kind == tWord && !determiners[w] && !podNouns[w] && !labelWords[w] && keyWord(w) &&
			!slices.Contains([]string{"set", "equal", "equals", "with", "having", "is", "label"}, at(v+3))
	}
	return false
}

// labelsColons drops the colon that opens labels in brackets: "the
// postgres pods (labels: app=postgres, tier=db)", "(selector: app=api)"
// read as "(labels app=postgres, tier=db)". Kept, it would end a heading
// ("the postgres pods (labels:") whose pods the labels only describe.
func labelsColons(toks []token) []token {
	if !slices.ContainsFunc(toks, func(t token) bool { return t.low == ":" }) {
		return toks
	}
	out := make([]token, 0, len(toks))
	for n, t := range toks {
		if t.low == ":" && n >= 2 && toks[n-2].low == "(" && (labelWords[toks[n-1].low] || toks[n-1].low == "selector" || toks[n-1].low == "selectors") &&
			n+1 < len(toks) && toks[n+1].kind == tLabel {
			continue
		}
		out = append(out, t)
	}
	return out
}

// labelWords open the labels after them: "with labels app: api".
var labelWords = set("label", "labels", "labeled", "labelled")

// colonPairsInBrackets reports whether the key and colon at toks[n] stand
// in brackets that hold nothing but "key: value" pairs, apart by commas or
// "and": "(app: api, tier: backend)". out holds the tokens read before n,
// the pairs among them already labels.
func colonPairsInBrackets(out, toks []token, n int) bool {
	k := len(out) - 1
	for k >= 0 && (out[k].kind == tLabel && strings.Contains(out[k].raw, "=") || out[k].low == "," || out[k].low == "and") {
		k--
	}
	if k < 0 || out[k].low != "(" {
		return false
	}
	for j := n; j+2 < len(toks); j += 3 {
		if toks[j].kind != tWord || toks[j+1].low != ":" || toks[j+2].kind != tWord {
			return false
		}
		switch next := j + 3; {
		case next < len(toks) && toks[next].low == ")":
			return true
		case next+1 < len(toks) && (toks[next].low == "," || toks[next].low == "and"):
			j++
		default:
			return false
		}
	}
	return false
}

// quotedLabel reads a label whose value is quoted: the word text[i:j]
// ends in "=" ("app=", "tier!=") and a quoted value without spaces follows
// at once ('app="checkout"'). An empty value ('key=""') stays as it was.
func quotedLabel(text string, i, j int) (token, int, bool) {
	if j >= len(text) || !strings.HasSuffix(text[i:j], "=") {
		return token{}, 0, false
	}
	q, size := utf8.DecodeRuneInString(text[j:])
	if !isQuote(q) {
		return token{}, 0, false
	}
	k := strings.IndexFunc(text[j+size:], func(r rune) bool { return isQuote(r) || unicode.IsSpace(r) })
	if k == 0 && isQuote([]rune(text[j+size:])[0]) {
		return token{}, 0, false // 'key=""': the empty value
	}
	raw := text[i:j]
	if k > 0 && isQuote([]rune(text[j+size+k:])[0]) {
		raw += text[j+size : j+size+k]
	}
	if raw == text[i:j] || !labelRE.MatchString(raw) {
		// 'app="check out"': no value a label can hold; the word is no label.
		return token{raw: text[i:j], low: strings.ToLower(text[i:j]), kind: tWord, start: i, end: j}, j, true
	}
	_, csize := utf8.DecodeRuneInString(text[j+size+k:])
	end := j + size + k + csize
	if end < len(text) && !strings.ContainsAny(text[end:end+1], " \t\n,;)]}.:!?") {
		// 'app="checkout"-v2': more of the value after the quote.
		return token{raw: text[i:j], low: strings.ToLower(text[i:j]), kind: tWord, start: i, end: j}, j, true
	}
	return token{raw: raw, low: strings.ToLower(raw), kind: tLabel, start: i, end: end}, end, true
}

func isQuote(r rune) bool { return strings.ContainsRune("\"'`“”‘’«»", r) }

// inWord reports whether the quote at i is an apostrophe inside a word (can't).
func inWord(text string, i, size int) bool {
	if i == 0 || i+size >= len(text) {
		return false
	}
	before, _ := utf8.DecodeLastRuneInString(text[:i])
	after, _ := utf8.DecodeRuneInString(text[i+size:])
	return unicode.IsLetter(before) && unicode.IsLetter(after)
}

func punct(text string, i, size int) token {
	s := text[i : i+size]
	low := s
	switch s {
	case "[", "{":
		low = "("
	case "]", "}":
		low = ")"
	}
	return token{raw: s, low: low, kind: tPunct, start: i, end: i + size}
}

// curlyQuotes makes typographic apostrophes plain: "don’t" is "don't".
var curlyQuotes = strings.NewReplacer("’", "'", "‘", "'")

// bareContractions are the negations of chat written without their
// apostrophe: "app=batch isnt allowed to reach app=db", "/bin/sh shouldnt
// be blocked". Read as a word no rule knows, the "not" was dropped and the
// thing forbidden was allowed; read as the contraction, every rule of
// negation reads it.
var bareContractions = map[string]string{
	"isnt": "isn't", "arent": "aren't", "wasnt": "wasn't", "werent": "weren't", "dont": "don't", "doesnt": "doesn't", "didnt": "didn't",
	"cant": "can't", "wont": "won't", "wouldnt": "wouldn't", "shouldnt": "shouldn't", "couldnt": "couldn't", "mustnt": "mustn't",
	"neednt": "needn't", "hasnt": "hasn't", "havent": "haven't", "hadnt": "hadn't",
}

// appendWord classifies text[i:j]: trailing sentence punctuation and a
// trailing colon become punctuation tokens of their own; a URL becomes a
// domain, a port and a path.
func appendWord(out []token, text string, i, j int) []token {
	var tail []token
	// "block access to /var/log/…": a path may end in the ellipsis of the
	// sentence, one character, read as "..." is (finder 9's S14 kept it
	// as the file name "…").
	if text[i] == '/' && strings.HasSuffix(text[i:j], "…") && j-len("…") > i {
		j -= len("…")
		tail = append(tail, token{raw: "…", low: ".", kind: tPunct, start: j, end: j + len("…")})
	}
	for j > i {
		c := text[j-1]
		if c != '.' && c != '!' && c != '?' && c != ':' {
			break
		}
		// "from :: on 443", "to 2001:db8::": an IPv6 address ending in
		// "::" keeps its colons (finder9 S1).
		if c == ':' && ipRE.MatchString(text[i:j]) {
			break
		}
		w := strings.ToLower(text[i : j-1])
		if c == '.' && abbreviations[strings.TrimSuffix(w, ".")] {
			break
		}
		// A path or URL may end in a dot that belongs to the sentence.
		low := string(c)
		if c == '!' || c == '?' {
			low = "."
		}
		tail = append([]token{{raw: string(c), low: low, kind: tPunct, start: j - 1, end: j}}, tail...)
		j--
	}
	// "the frontend's egress": the possessive is no part of the name.
	possessive := false
	for _, s := range []string{"'s", "’s"} {
		if strings.HasSuffix(text[i:j], s) && j-len(s) > i && !keepApostrophe[strings.ToLower(text[i:j-len(s)])] {
			j -= len(s)
			possessive = true
			break
		}
	}

	if j > i {
		w := text[i:j]
		low := strings.ToLower(w)
		if strings.ContainsAny(low, "’‘") {
			low = curlyQuotes.Replace(low)
		}
		if c, ok := bareContractions[low]; ok {
			low = c
		}
		// A key with a prefix and a URL hold a dot. URL matching is on a
		// lower-case copy of the same length as w, so that its offsets
		// are w's.
		dotted := strings.Contains(w, ".")
		var al string
		var m []int
		if dotted {
			al = asciiLower(w)
			m = urlRE.FindStringSubmatchIndex(al)
		}
		if dotted && (len(tail) > 0 && tail[0].low == ":" && prefixedKeyRE.MatchString(w) || len(tail) == 0 && prefixedKeyRE.MatchString(w) && keyBeforeValues(out, text[j:])) {
			// "app.kubernetes.io/name: traefik": a label key, YAML-style;
			// "whose app.kubernetes.io/name is aep-api or smee-client": a
			// key before its values.
			out = append(out, token{raw: w, low: low, kind: tWord, start: i, end: j})
		} else if m != nil && (m[4] >= 0 || m[6] >= 0 || strings.Contains(al, "://")) && !hasFileSuffix(al) && !cidrRE.MatchString(w) && !ipRE.MatchString(w) && !strings.Contains(w, "=") && !portProtoRE.MatchString(al) {
			// "https://api.example.com": the scheme is a word of its own
			// (HTTPS says port 443); dropped, the rule had any port.
			// (urlRE takes "http://" and "https://" alone before the host.)
			if k := m[2] - len("://"); k > 0 {
				out = append(out, token{raw: w[:k], low: al[:k], kind: tWord, start: i, end: i + k})
			}
			out = append(out, token{raw: w[m[2]:m[3]], low: al[m[2]:m[3]], kind: tDomain, start: i + m[2], end: i + m[3]})
			if m[4] >= 0 {
				out = append(out, token{raw: w[m[4]:m[5]], low: al[m[4]:m[5]], kind: tNumber, start: i + m[4], end: i + m[5]})
			}
			// "http://api.example.com:8080/": a URL's path "/" alone is the
			// same URL as with no path (RFC 3986), the whole site, not the
			// one path "/" (finder 9's S12 limited the rule to it).
			if m[6] >= 0 && w[m[6]:m[7]] != "/" {
				out = append(out, token{raw: w[m[6]:m[7]], low: al[m[6]:m[7]], kind: tPath, start: i + m[6], end: i + m[7]})
			}
		} else if a, b, ok := strings.Cut(low, "/"); ok && !strings.HasPrefix(low, "/") && (numberRE.MatchString(a) && numberRE.MatchString(b) || protoNames[a] && protoNames[b] || protoNames[a] && numberRE.MatchString(b)) {
			// "8080/8081", "TCP/UDP", "TCP/22": two values, or a protocol and its port.
			k := i + len(a)
			if protoNames[a] && numberRE.MatchString(b) {
				out = append(out, token{raw: w, low: b + "/" + a, kind: tPortProto, start: i, end: j})
			} else {
				out = append(out, classify(w[:len(a)], a, i, k), token{raw: "/", low: "/", kind: tPunct, start: k, end: k + 1}, classify(w[len(a)+1:], b, k+1, j))
			}
		} else if dir, ok := strings.CutSuffix(low, "deny"); ok && (dir == "ingress" || dir == "egress") {
			// "put an egressDeny on 0.0.0.0/0": Cilium's field, said in its
			// words, a direction and a deny.
			k := i + len(dir)
			out = append(out, token{raw: w[:len(dir)], low: dir, kind: tWord, start: i, end: k}, token{raw: w[len(dir):], low: "deny", kind: tWord, start: k, end: j})
		} else {
			out = append(out, classify(w, low, i, j))
		}
	}
	if n := len(out) - 1; possessive && n >= 0 && out[n].end == j {
		out[n].possessive = true
	}
	return append(out, tail...)
}

// keyBeforeValues reports whether a word between the tokens before and
// the text after stands as a label's key before its values: after "whose",
// "where" or "with" (and "the" or "its"), before "is", "in", "isn't",
// "not", "equals" or "label": "pods whose app.kubernetes.io/name is web",
// "where app.kubernetes.io/component in (api, worker)", "with the
// app.kubernetes.io/part-of label is shop".
func keyBeforeValues(before []token, after string) bool {
	n := len(before) - 1
	if n >= 0 && (before[n].low == "the" || before[n].low == "its" || before[n].low == "their") {
		n--
	}
	if n < 0 || before[n].low != "whose" && before[n].low != "where" && before[n].low != "with" {
		return false
	}
	next, _, _ := strings.Cut(strings.TrimLeft(after, " \t\n"), " ")
	switch strings.ToLower(next) {
	case "is", "in", "isn't", "not", "equals", "label":
		return true
	}
	return false
}

// labelSuffixes are words of labels people join to a label's value:
// "app=web-labelled pods".
var labelSuffixes = []string{"-labelled", "-labeled", "-tagged"}

// prefixedKeyRE is a label key with a prefix: "app.kubernetes.io/name".
var prefixedKeyRE = regexp.MustCompile(`^[a-z0-9]([-a-z0-9.]*[a-z0-9])?\.[a-z]{2,}/[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$`)

// synonyms are words read as another everywhere: "excepting" is "except".
var synonyms = map[string]string{"excepting": "except", "exempting": "except"}

func classify(w, low string, start, end int) token {
	if s, ok := synonyms[low]; ok {
		low = s
	}
	t := token{raw: w, low: low, kind: tWord, start: start, end: end}
	// A word of letters alone ("allow", "kube-dns") is a word: each
	// pattern below needs a digit, a dot, a slash, a colon, "=" or "~".
	if !strings.ContainsAny(w, "0123456789./:=~") {
		return t
	}
	switch {
	case numberRE.MatchString(w):
		t.kind = tNumber
	case w == "/" || w == "//":
		t.kind = tPunct // "kube-dns / CoreDNS": a separator, no path
	case strings.HasPrefix(w, "/"):
		t.kind = tPath
	case cidrRE.MatchString(w), ipRE.MatchString(w):
		t.kind = tCIDR
	case rangeRE.MatchString(w):
		t.kind = tRange
	case portProtoRE.MatchString(low):
		t.kind = tPortProto
	case valuesSetting(w):
		// "With global.networkPolicy.enabled=true, ...": a chart's values
		// set, no label of pods.
	case labelRE.MatchString(w):
		t.kind = tLabel
		// "app=web-labelled pods", "tier=batch-tagged pods": a word of
		// labels joined to the value by a hyphen is no part of it.
		for _, suffix := range labelSuffixes {
			if v := strings.TrimSuffix(low, suffix); v != low && !strings.HasSuffix(v, "=") {
				t.raw, t.low, t.end = w[:len(v)], v, end-len(suffix)
				break
			}
		}
	case strings.HasSuffix(low, ".js") && strings.Count(low, ".") == 1:
		// "Node.js", "Vue.js": a product, no DNS name (.js is no top-level
		// domain).
	case valuesKey(w):
		// "ciliumNetworkPolicy.enabled: allow ...", "set
		// networkPolicy.extraIngress for redis": a key of a chart's
		// values, no DNS name (see valuesKey). The direction it names is
		// read as the word would be: "networkPolicy.extraEgress: the api
		// pods may reach app=db" is the api pods' egress.
		t.low = valuesKeyDirection(w)
	case domainRE.MatchString(low) && !hasFileSuffix(low) && !abbreviations[strings.TrimSuffix(low, ".")]:
		t.kind = tDomain
	case strings.HasPrefix(low, "~/") || relPathRE.MatchString(w) && (relPathRoots[strings.SplitN(low, "/", 2)[0]] || strings.HasPrefix(low, "./") || hasFileSuffix(low)):
		t.kind = tRelPath
	}
	return t
}

// valuesKeyRE is a dotted path of identifiers: "networkPolicy.enabled".
var valuesKeyRE = regexp.MustCompile(`^[a-z][A-Za-z0-9]*(\.[A-Za-z][A-Za-z0-9]*)+$`)

// valuesLeaves end the keys of a chart's values that switch a feature.
var valuesLeaves = set("enabled", "disabled", "create")

// valuesKey reports whether w is a key of a chart's values (Helm), as
// written in issues and pull requests: a dotted path of identifiers, one
// of them in camelCase ("networkPolicy.extraIngress",
// "ciliumNetworkPolicy.enabled") or ending in a switch
// ("networkpolicy.enabled"). DNS names are written in lower case and end
// in a top-level domain; a key names a setting, not a peer.
func valuesKey(w string) bool {
	if !valuesKeyRE.MatchString(w) || valuesKeyDirection(w) == "?" {
		return false
	}
	return valuesLeaves[w[strings.LastIndex(w, ".")+1:]] || camelCase(w)
}

// valuesKeyDirection is the direction a values key's last part names,
// "ingress" or "egress" ("networkPolicy.extraIngress", a list of rules of
// that direction), the key itself (lower case) when it names none, and
// "?" when it names one elsewhere ("networkPolicy.egress.enabled": a
// switch, which may turn the direction off) or both.
func valuesKeyDirection(w string) string {
	low := strings.ToLower(w)
	last := low[strings.LastIndex(low, ".")+1:]
	in, out := strings.Contains(last, "ingress"), strings.Contains(strings.ReplaceAll(last, "ingress", ""), "egress")
	switch {
	case in && out, !in && !out && (strings.Contains(low, "ingress") || strings.Contains(low, "egress")):
		return "?"
	case in:
		return "ingress"
	case out:
		return "egress"
	}
	return low
}

// valuesSetting reports whether w sets a key of a chart's values
// ("networkPolicy.enabled=true"): a values key without a label key's
// prefix and slash.
func valuesSetting(w string) bool {
	key, _, ok := strings.Cut(w, "=")
	return ok && valuesKeyRE.MatchString(key) && camelCase(key)
}

// camelCase reports whether a part of w turns from lower to upper case.
func camelCase(w string) bool {
	for k := 1; k < len(w); k++ {
		if 'a' <= w[k-1] && w[k-1] <= 'z' && 'A' <= w[k] && w[k] <= 'Z' {
			return true
		}
	}
	return false
}

func hasFileSuffix(w string) bool {
	for _, s := range fileSuffixes {
		if strings.HasSuffix(w, s) {
			return true
		}
	}
	return false
}

// isValue reports whether the token is a value a policy may hold: a
// number, a label, an address, a range, a port with its protocol, a path
// or a DNS name. Each one the request says must be used or dismissed.
func (t token) isValue() bool {
	switch t.kind {
	case tNumber, tLabel, tCIDR, tRange, tPortProto, tPath, tDomain:
		return true
	}
	return false
}

// saidIn reports whether the token's word stands in said (the words of
// the rules); an address said bare and as its /32 is one ("our relay at
// 203.0.113.25 ... except 203.0.113.25/32"), and so is a directory said
// with and without its last slash ("The AppArmor profile normally blocks
// writes in /proc/sys ... block writes to /proc/sys/ and its
// subdirectories").
func (t token) saidIn(said map[string]bool) bool {
	switch {
	case said[t.low]:
		return true
	case t.kind == tCIDR:
		return said[t.low+"/32"] || said[strings.TrimSuffix(t.low, "/32")]
	case t.kind == tPath && len(t.low) > 1:
		return said[t.low+"/"] || said[strings.TrimSuffix(t.low, "/")]
	}
	return false
}

// cidr is a CIDR token's prefix: an address alone is its /32 (or /128).
func (t token) cidr() string {
	if strings.Contains(t.raw, "/") {
		return t.raw
	}
	if strings.Contains(t.raw, ":") {
		return strings.ToLower(t.raw) + "/128"
	}
	return t.raw + "/32"
}

// asciiLower lowers ASCII letters only, keeping the byte length of s.
func asciiLower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}
