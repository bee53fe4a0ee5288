package pipeline

import (
	"fmt"
	"strings"
	"testing"

	"github.com/kunerva/kunerva/internal/connectivity"
	"github.com/kunerva/kunerva/internal/infer"
)

// A change report too long for a pull request body (GitHub takes 65,536
// characters) is cut to its sentences, then to what fits, and says so.
func TestChangeSectionFitsABody(t *testing.T) {
	var r connectivity.Report
	for i := range 3000 {
		port := int32(1000 + i)
		r.Changes = append(r.Changes, connectivity.Change{From: fmt.Sprintf("ns%d/a", i), To: fmt.Sprintf("ns%d/b", i), Port: &port, Protocol: "TCP", Before: connectivity.Allowed, After: connectivity.Denied})
	}
	r.Changes[1].To = "fqdn:x```\n<img src=y>"
	got := changeSection(&Proposal{Change: &r})
	if strings.Contains(got, "```") || strings.Contains(got, "<img") {
		t.Error("a name in the report opens a code block or HTML of its own")
	}
	if len(got) > maxChangeSection+200 {
		t.Errorf("the section has %d characters, over %d", len(got), maxChangeSection)
	}
	for _, want := range []string{"ns0/a can no longer reach ns0/b on 1000/TCP", "The report goes on; `kunerva diff` on the branch shows all of it."} {
		if !strings.Contains(got, want) {
			t.Errorf("the section lacks %q", want)
		}
	}
	small := connectivity.Report{Changes: r.Changes[:1]}
	if got := changeSection(&Proposal{Change: &small}); !strings.Contains(got, "| from | to |") {
		t.Errorf("a short report lost its table:\n%s", got)
	}
}

// The explanation of an inferred set quotes the manifests: a ConfigMap or
// env value makes no link, mention, HTML or kunerva marker in the pull
// request body, and the hardening note keeps its Markdown.
func TestExplanationMarkdownQuotesTheManifests(t *testing.T) {
	value := "https://api.stripe.com <!-- kunerva:request:1 --> [click](https://evil.test) ![x](https://evil.test/t.png) @org/team ```"
	text := "Inferred for shop:\n\n  Deployment shop/app: env[URL]: " + value + "\n\n" + infer.HardeningNote() + "\n\nNo open questions.\n"
	got := explanationMarkdown(text)
	for _, bad := range []string{"<!--", "[click](", "![x](", "@org", "```"} {
		if strings.Contains(got, bad) {
			t.Errorf("the body holds %q:\n%s", bad, got)
		}
	}
	if !strings.Contains(got, infer.HardeningNote()) {
		t.Errorf("the hardening note lost its Markdown:\n%s", got)
	}
}

// Why the change could not be worked out quotes the policies: it makes no
// HTML or link in the body.
func TestChangeProblemIsEscaped(t *testing.T) {
	got := changeSection(&Proposal{ChangeProblem: `CiliumNetworkPolicy/shop/x: spec.ingress[0]: "<img src=https://evil.test/t.png> [click](https://evil.test)" is not a port`})
	for _, bad := range []string{"<img", "[click]("} {
		if strings.Contains(got, bad) {
			t.Errorf("the body holds %q:\n%s", bad, got)
		}
	}
}
