package connectivity

import (
	"fmt"
	"strconv"
	"strings"
)

// maxGraphEdges keeps the graph readable in a pull request; the table
// lists every group.
const maxGraphEdges = 60

// Markdown is the report for a pull request on GitHub: the sentences of
// Text as lists, protections removed first under a warning, then a table
// and a Mermaid graph of the groups of flows. Every name is escaped: policy
// names, FQDNs and L7 rules come from the pull request itself.
func (r Report) Markdown() string {
	s := r.sections()
	var b strings.Builder
	para := func(text string) {
		if b.Len() > 0 {
			b.WriteString("\n")
		}
		b.WriteString(text)
	}
	bullets := func(title string, lines []string) {
		if len(lines) == 0 {
			return
		}
		var p strings.Builder
		p.WriteString(title + "\n\n")
		for _, l := range lines {
			p.WriteString("- " + markdownText.Replace(l) + "\n")
		}
		para(p.String())
	}
	bullets("**Warning: this change removes protections.**", s.removed)
	if len(r.Replaced) > 0 {
		para(markdownText.Replace(s.replaces) + "\n")
	}
	if len(s.groups) > 0 {
		para("**Flow changes**\n")
		for _, l := range s.flows {
			b.WriteString("\n- " + markdownText.Replace(l))
		}
		if len(s.flows) > 0 {
			b.WriteString("\n")
		}
		para(table(s.groups))
		para(graph(s.groups))
	}
	bullets("**KubeArmor changes**", s.system)
	if s.empty {
		para(noChanges + "\n")
	}
	return b.String()
}

// MarkdownWithin is Markdown for a place with a size limit (a pull
// request body, a job summary): when Markdown is longer than max bytes, the
// sentences of Text alone, each line escaped (names and paths come from the
// tree and the request: no code fence for them to close), then as many of
// them as fit, saying that the report goes on.
func (r Report) MarkdownWithin(max int) string {
	report := r.Markdown()
	if len(report) <= max {
		return report
	}
	var lines []string
	for _, l := range strings.Split(strings.TrimRight(r.Text(), "\n"), "\n") {
		lines = append(lines, markdownText.Replace(l))
	}
	report = strings.Join(lines, "  \n") + "\n"
	if len(report) > max {
		cut := strings.LastIndex(report[:max], "\n")
		report = report[:cut+1] + "\n" + goesOn + "\n"
	}
	return report
}

// goesOn ends a report cut to fit.
const goesOn = "The report goes on; `kunerva diff` on the branch shows all of it."

// markdownText keeps text from the tree and the pull request plain: no
// emphasis, code, links, table cells or HTML of its own.
var markdownText = strings.NewReplacer(
	`\`, `\\`, "`", "\\`", "*", `\*`, "_", `\_`, "[", `\[`, "]", `\]`, "|", `\|`, "~", `\~`,
	"<", "&lt;", ">", "&gt;", "&", "&amp;",
	"@", "&#64;", // no @mention from a name in a pull request
	"\r\n", " ", "\n", " ", "\r", " ",
)

// EscapeMarkdown is text from the tree or a pull request (an error that
// quotes a policy, a value of the manifests) as one line of plain Markdown.
func EscapeMarkdown(text string) string { return markdownText.Replace(text) }

// table is one row per group of flows.
func table(groups []flowGroup) string {
	var b strings.Builder
	b.WriteString("| from | to | port | before | after | because |\n|---|---|---|---|---|---|\n")
	for _, g := range groups {
		after := verdictText(g.After, g.AfterL7)
		if g.After == Unknown && g.Reason != "" {
			after += ": " + g.Reason
		}
		cells := []string{g.From.Text, g.To.Text, g.ports(), verdictText(g.Before, g.BeforeL7), after, strings.Join(g.Because, ", ")}
		for i, c := range cells {
			cells[i] = markdownText.Replace(c)
		}
		b.WriteString("| " + strings.Join(cells, " | ") + " |\n")
	}
	return b.String()
}

// Edge styles of the graph: flows taken away red and dashed, flows given
// green, flows narrowed to some requests amber, flows now unknown grey and
// dotted.
const (
	styleRemoved    = "stroke:#cf222e,stroke-width:2px,stroke-dasharray:5 5"
	styleAdded      = "stroke:#1a7f37,stroke-width:2px"
	styleRestricted = "stroke:#9a6700,stroke-width:2px"
	styleUnknown    = "stroke:#6e7781,stroke-width:1px,stroke-dasharray:2 2"
)

// graph draws the groups as a Mermaid flowchart. Nodes get numbered ids
// (n1, n2, ...): names hold characters Mermaid ids cannot (/ . : *), and
// words such as "end" that Mermaid reserves.
func graph(groups []flowGroup) string {
	var nodes, edges strings.Builder
	ids := map[string]string{}
	node := func(name string) string {
		if id, ok := ids[name]; ok {
			return id
		}
		id := "n" + strconv.Itoa(len(ids)+1)
		ids[name] = id
		fmt.Fprintf(&nodes, "  %s[\"%s\"]\n", id, mermaidText.Replace(name))
		return id
	}
	styles := map[string][]string{}
	var order []string
	shown := min(len(groups), maxGraphEdges)
	for i, g := range groups[:shown] {
		from, to := node(g.From.Text), node(g.To.Text)
		label := g.ports()
		if len(g.AfterL7) > 0 {
			label += ": " + joinAnd(g.AfterL7)
		}
		arrow, style := "-->", styleAdded
		switch {
		case g.After == Denied:
			arrow, style = "-.->", styleRemoved
		case g.After == Unknown:
			arrow, style = "-.->", styleUnknown
		case !g.removes() && g.Before == Allowed:
			style = styleRestricted
		}
		fmt.Fprintf(&edges, "  %s %s|\"%s\"| %s\n", from, arrow, mermaidText.Replace(label), to)
		if styles[style] == nil {
			order = append(order, style)
		}
		styles[style] = append(styles[style], strconv.Itoa(i))
	}
	var b strings.Builder
	b.WriteString("```mermaid\ngraph LR\n" + nodes.String() + edges.String())
	for _, style := range order {
		b.WriteString("  linkStyle " + strings.Join(styles[style], ",") + " " + style + "\n")
	}
	b.WriteString("```\n")
	if shown < len(groups) {
		fmt.Fprintf(&b, "\nThe graph shows the first %d of %d groups of flows; the table lists them all.\n", shown, len(groups))
	}
	return b.String()
}

// mermaidText keeps a label inside its quotes and its code block: Mermaid
// reads #name; as an HTML entity, and a backtick could close the block.
var mermaidText = strings.NewReplacer(
	"#", "#35;", `"`, "#quot;", "<", "#lt;", ">", "#gt;", "&", "#amp;", "`", "#96;", "|", "#124;",
	"\r\n", " ", "\n", " ", "\r", " ",
)
