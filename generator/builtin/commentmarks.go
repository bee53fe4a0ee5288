package builtin

import (
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/kunerva/kunerva/generator"
)

// The marks of a GitHub comment that set words apart from the request
// (finder 8): the engine asks about each rather than read what it marks as
// wanted. (Emphasis, "**deny**", carries no meaning and is read as the
// word it stresses: emphasisMarks in tokens.go.)

// quoteLineRE is a quoted line of an earlier comment ("> port 9090"), at
// the start of the request or of a line, or after a space where the
// action joined the lines.
var quoteLineRE = regexp.MustCompile(`(^|\s)>\s`)

// shortcodeRE is a GitHub emoji shortcode: ":no_entry_sign:", ":-1:".
var shortcodeRE = regexp.MustCompile(`(^|\s):[a-z0-9_+-]+:(\s|$|[,.;])`)

// settingApartShortcodes are the shortcodes that reject what they stand by
// (":no_entry_sign: 9090", ":-1: 9090", ":heavy_multiplication_x: 9090")
// or put it off (":construction: 9090", ":hourglass: 9090", ":soon:
// 9090"), as "❌" and "⏳" do (rejectMarks).
var settingApartShortcodes = set(":no_entry_sign:", ":no_entry:", ":x:", ":-1:", ":thumbsdown:", ":heavy_multiplication_x:", ":negative_squared_cross_mark:",
	":construction:", ":hourglass:", ":hourglass_flowing_sand:", ":soon:", ":warning:", ":stop_sign:", ":wastebasket:", ":no_good:")

// laterNotes are the words that put what follows on a list for later:
// "... on 8080 TODO: 9090".
var laterNotes = set("todo", "fixme", "tbd")

// signOffs end a comment: "Regards, /etc/passwd owner" names who wrote it.
var signOffs = set("regards", "cheers", "sincerely", "thanks", "thx", "br")

// commentMarksSaid asks about the marks of a comment that set words apart
// from the request, each read by one row:
//   - a quoted line, "> ...": an earlier comment's words, not the
//     requester's ("allow app=api to reach app=web on 8080 > port 9090"
//     allowed 9090 too; "> UDP please allow ..." made the rule UDP);
//   - an unchecked task-list box, "- [ ]": an item not picked ("block: -
//     [x] /etc/shadow - [ ] /etc/passwd" blocked both);
//   - an emoji shortcode that rejects or puts off what it stands by ("on
//     8080 :no_entry_sign: 9090", ":construction: 9090" allowed 9090);
//   - a to-do note before a value ("on 8080 TODO: 9090" allowed 9090);
//   - a sign-off before a value ("... in the nginx pods. Regards,
//     /etc/passwd owner" blocked /etc/passwd as well).
func commentMarksSaid(request string, toks []token) error {
	ask := func(q string) error {
		return &generator.NotUnderstoodError{Request: request, Example: generator.ExampleNetwork, Missing: q}
	}
	if quoteLineRE.MatchString(request) {
		return ask(`the request holds a quoted line ("> ..."): are the quoted words part of this request? Say the request alone, without the quote`)
	}
	if strings.Contains(request, "[ ]") {
		return ask(`is the unchecked item ("[ ]") wanted? Say only the items wanted, without check boxes`)
	}
	for _, m := range shortcodeRE.FindAllString(request, -1) {
		code := strings.Trim(strings.TrimSpace(m), ",.;")
		if settingApartShortcodes[code] {
			return ask(fmt.Sprintf("does %q reject or put off what stands beside it, or is it wanted now? Say the wanted rule alone, and leave the other out", code))
		}
	}
	for i, t := range toks {
		k := i + 1
		if k < len(toks) && toks[k].low == ":" || k < len(toks) && toks[k].low == "," && signOffs[t.low] {
			k++
		}
		if k >= len(toks) || toks[k].kind == tWord || toks[k].kind == tPunct {
			continue
		}
		if laterNotes[t.low] && i > 0 {
			return ask(fmt.Sprintf("is %q a note for later, or wanted now? Say the wanted rule alone", request[t.start:toks[k].end]))
		}
		if signOffs[t.low] && k == i+2 && slices.Contains([]string{".", "!"}, wordAt(toks, i-1)) {
			return ask(fmt.Sprintf("is %q a sign-off, or part of the rule? Say the rule alone", request[t.start:toks[k].end]))
		}
	}
	return nil
}

// wordAt is the reading of the token at k, or "" outside the tokens.
func wordAt(toks []token, k int) string {
	if k < 0 || k >= len(toks) {
		return ""
	}
	return toks[k].low
}

// addedPeerWords add a peer to the rule before them: "- also from app=db",
// "from app=db as well", "app=db too".
var addedPeerWords = set("also", "too", "additionally")

// podsPeer reports whether a peer is pods (or a namespace's), not an
// address, name, entity or the cluster's DNS ("... *.baidu.com. They
// need DNS, so allow lookups through kube-dns too" is another rule).
func podsPeer(p generator.Peer) bool {
	return (p.Pods != nil || p.Namespace != "" || p.Namespaces != nil) && !p.ClusterDNS && p.FQDN == "" && p.CIDR == "" && p.Entity == ""
}

// addedPeerWithoutPorts asks when a peer added with "also" or "as well"
// has a rule of its own on any port while the rule it joins has ports,
// both of pods:
// "allow app=api to reach app=web on 8080, and from app=db as well",
// "... on 8080 - also from app=db" allowed app=db on every port. "Also"
// extends the rule, ports and all, or says another rule: ask which.
func addedPeerWithoutPorts(request string, toks []token, all []*generator.Intent) error {
	added := ""
	for i, t := range toks {
		if addedPeerWords[t.low] || t.low == "well" && wordAt(toks, i-1) == "as" {
			added = request[t.start:t.end]
			if t.low == "well" {
				added = request[toks[i-1].start:t.end]
			}
			break
		}
	}
	if added == "" {
		return nil
	}
	for _, x := range all {
		for _, r := range x.Network {
			if len(r.Ports) > 0 || len(r.HTTP) > 0 || len(r.Peers) == 0 || !slices.ContainsFunc(r.Peers, podsPeer) {
				continue
			}
			for _, o := range x.Network {
				if len(o.Ports) > 0 && o.Direction == r.Direction && o.Verdict == r.Verdict && slices.ContainsFunc(o.Peers, podsPeer) {
					return &generator.NotUnderstoodError{Request: request, Understood: x.Summary(), Example: generator.ExampleNetwork,
						Missing: fmt.Sprintf("does the peer added with %q take the ports of the rule before it, or may it use any port? Say the ports of each peer", added)}
				}
			}
		}
	}
	return nil
}
