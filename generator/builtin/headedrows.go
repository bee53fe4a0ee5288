package builtin

import (
	"fmt"
	"slices"
	"strings"

	"github.com/kunerva/kunerva/generator"
)

// A heading with a list of "PEER: PORTS" rows under it ("Ingress for
// payments:\n- checkout: 8443\n- cart: 8080") is a table: each row gives
// its peer the ports after its colon. The rules read it as one sentence,
// the rows' peers and ports bound by where they stand (portBinding), so a
// row whose value is no port left its peer with every port, and a second
// heading ran its rows into the first one's. Two rules read the table:
// rowValueUnread asks about a row whose value is not ports, and
// headedSections asks about a request with two such tables.

// peerClaims are the readings of a word that names a peer of a rule: the
// row's key.
var peerClaims = set("workload-name", "labels", "entity", "cidr", "dns-name", "namespace", "service-name", "described-by-labels", "named-by-labels")

// rowValueClaims are the readings of a word that a row's value may hold:
// ports, their protocol, "any port", and HTTP rules on them.
var rowValueClaims = set("port", "port-range", "port-name", "port-word", "protocol", "any-port", "https-port", "http-method", "http-path", "http-header")

// rowValueWords are the words that may join a row's ports without a rule
// reading them: "on port 8443 only", "tcp/8080, 9090", "53 udp and tcp",
// "all" (every port, as "any port" is).
var rowValueWords = set("on", "port", "ports", "and", "or", ",", "/", "+", "only", "tcp", "udp", "sctp", "any", "all", "every", "(", ")")

// rowValueUnread asks about a row of a heading's list, "- PEER: VALUE",
// whose value is not ports: "- cart: none", "- world: -", "- cart:
// ditto", "- cart:" (empty), "- app=api: no access". Read as a list, the
// peer took every port ("none" gave cart full access), or the row's
// verdict word denied every row ("app=web: 5432\n- app=api: forbidden"
// denied web too); a row takes the ports its peer may use, and a denial
// is a rule of its own. A row whose value names a peer ("- Buzz relay:
// the Service buzz on 3000/TCP") is a label and its rule, not a table's
// row; it is left to the rules.
func rowValueUnread(r *lineReading, _ int) string {
	for _, l := range r.lines {
		if l.mark != bulletMark {
			continue
		}
		colon := -1
		depth := 0
		for k := l.start + 1; k < l.end && colon < 0; k++ {
			switch {
			case r.is(k, "("):
				depth++
			case r.is(k, ")"):
				depth = max(depth-1, 0)
			case r.is(k, ":") && depth == 0:
				colon = k
			}
		}
		if colon < 0 || !slices.ContainsFunc(r.claim[l.start+1:colon], func(c string) bool { return peerClaims[c] }) ||
			slices.ContainsFunc(r.claim[colon+1:l.end], func(c string) bool { return peerClaims[c] }) {
			continue
		}
		ported := false
		for k := colon + 1; k < l.end; k++ {
			switch {
			case rowValueClaims[r.claim[k]]:
				ported = true
			case rowValueWords[r.toks[k].low] && !lineVerdictClaims[r.claim[k]]:
				ported = ported || r.is(k, "any", "all", "every")
			default:
				ported = false
				k = l.end
			}
		}
		if !ported {
			key := r.text(l.start+1, colon)
			return fmt.Sprintf("what does the row %q give %s? A row of the list under a heading takes the ports its peer may use (\"- %s: 8443\"); say a denial, or no access, as a rule of its own", strings.TrimSpace(r.lineText(l)), key, key)
		}
	}
	return ""
}

// headedSections asks when the request holds two headings with a list of
// "PEER: PORTS" rows under each: "Egress for checkout:\n- payments:
// 8443\nIngress for checkout:\n- frontend: 8080". Read as one sentence,
// the second heading took the first one's rows: its peers were dropped and
// its ports moved to the other section's peer ("frontend on 8443 and
// 8080", the egress gone).
func headedSections(request string, _ []token) error {
	var heads []string
	lines := strings.Split(request, "\n")
	for n := 0; n+1 < len(lines); n++ {
		head, next := strings.TrimSpace(lines[n]), strings.TrimSpace(lines[n+1])
		if head != "" && !bulletOpens(head) && strings.HasSuffix(head, ":") && bulletOpens(next) && strings.Contains(next[1:], ":") {
			heads = append(heads, head)
		}
	}
	if len(heads) < 2 {
		return nil
	}
	return &generator.NotUnderstoodError{Request: request, Example: generator.ExampleNetwork,
		Missing: fmt.Sprintf("the request has a list under %q and another under %q: kunerva reads one heading's list per request; ask once for each heading", heads[0], heads[1])}
}

// bulletOpens reports whether a line opens as an item of a list: "- ...",
// "* ...", "• ...".
func bulletOpens(line string) bool {
	return strings.HasPrefix(line, "-") || strings.HasPrefix(line, "*") || strings.HasPrefix(line, "•")
}
