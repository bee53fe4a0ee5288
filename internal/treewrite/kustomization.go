package treewrite

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"path"
	"regexp"
	"strings"
	"unicode/utf8"

	"sigs.k8s.io/kustomize/kyaml/yaml"
)

// newKustomization is the file written where a directory has none.
func newKustomization(entries []string, style yaml.SequenceIndentStyle) []byte {
	var b bytes.Buffer
	b.WriteString("apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n")
	writeItems(&b, itemPrefix("", style), entries, "\n")
	return b.Bytes()
}

// addResources returns data, a kustomization, with entries appended to its
// resources list, leaving out those it already lists in resources or bases
// however the path is spelled (./policies, policies/). When nothing is
// missing, data comes back unchanged, so a re-run converges.
//
// kyaml decides what the result must be; the bytes come from inserting only
// the new entries into data, so blank lines, comments, quoting and
// indentation the kyaml encoder would normalise stay as they were. If the
// layout is too unusual for that (the inserted text would not parse to what
// kyaml built), the file is re-encoded by kyaml instead: correct, but
// formatting-only differences may then appear.
func addResources(data []byte, entries []string, style yaml.SequenceIndentStyle) ([]byte, error) {
	doc, err := parseOne(data)
	if err != nil {
		return nil, err
	}
	top := doc.Content[0]
	missing, err := missingEntries(top, entries)
	if err != nil || len(missing) == 0 {
		return data, err
	}
	want, err := withEntries(doc, missing)
	if err != nil {
		return nil, err
	}
	if got, ok := splice(data, top, missing, style); ok && sameStructure(got, want) {
		return got, nil
	}
	return yaml.MarshalWithOptions(want, &yaml.EncoderOptions{SeqIndent: style})
}

// parseOne parses a kustomization: one document whose top level is a
// mapping. An empty or comments-only file counts as an empty mapping.
func parseOne(data []byte) (*yaml.Node, error) {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc yaml.Node
	err := dec.Decode(&doc)
	if errors.Is(err, io.EOF) || (err == nil && len(doc.Content) == 0) {
		return &yaml.Node{Kind: yaml.DocumentNode, Content: []*yaml.Node{{Kind: yaml.MappingNode, Tag: yaml.NodeTagMap}}}, nil
	}
	if err != nil {
		return nil, fmt.Errorf("parse: %w", err)
	}
	var next yaml.Node
	if err := dec.Decode(&next); !errors.Is(err, io.EOF) {
		return nil, errors.New("holds more than one YAML document; a kustomization is one")
	}
	if top := doc.Content[0]; top.Kind != yaml.MappingNode {
		return nil, fmt.Errorf("top level is a %s, want a mapping of kustomization fields", kindName(top))
	}
	return &doc, nil
}

// missingEntries lists the entries top does not list yet, in their order,
// each once.
func missingEntries(top *yaml.Node, entries []string) ([]string, error) {
	have := map[string]bool{}
	for _, field := range []string{"resources", "bases"} {
		_, v := lookup(top, field)
		if v == nil || isNull(v) {
			continue
		}
		if v.Kind != yaml.SequenceNode {
			return nil, fmt.Errorf("%s: is a %s, want a list of paths", field, kindName(v))
		}
		for _, item := range v.Content {
			if item.Kind == yaml.ScalarNode {
				have[path.Clean(item.Value)] = true
			}
		}
	}
	var missing []string
	for _, e := range entries {
		if !have[path.Clean(e)] {
			have[path.Clean(e)] = true
			missing = append(missing, e)
		}
	}
	return missing, nil
}

// withEntries returns a copy of doc whose resources list ends with entries.
func withEntries(doc *yaml.Node, entries []string) (*yaml.Node, error) {
	out := yaml.CopyYNode(doc)
	top := yaml.NewRNode(out.Content[0])
	seq, err := top.Pipe(yaml.Lookup("resources"))
	if err != nil {
		return nil, fmt.Errorf("resources: %w", err)
	}
	if seq == nil || isNull(seq.YNode()) {
		if err := top.PipeE(yaml.SetField("resources", yaml.NewListRNode(entries...))); err != nil {
			return nil, fmt.Errorf("resources: %w", err)
		}
		return out, nil
	}
	if len(seq.Content()) == 0 {
		seq.YNode().Style = 0 // resources: [] becomes a block list, as kustomize writes it
	}
	var nodes []*yaml.Node
	for _, e := range entries {
		nodes = append(nodes, yaml.NewStringRNode(e).YNode())
	}
	if _, err := seq.Pipe(yaml.Append(nodes...)); err != nil {
		return nil, fmt.Errorf("resources: %w", err)
	}
	return out, nil
}

// sameStructure says whether data parses to want, comments aside: the
// inserted text went where it belongs.
func sameStructure(data []byte, want *yaml.Node) bool {
	got, err := parseOne(data)
	if err != nil {
		return false
	}
	a, errA := yaml.Marshal(withoutComments(got))
	b, errB := yaml.Marshal(withoutComments(want))
	return errA == nil && errB == nil && bytes.Equal(a, b)
}

func withoutComments(n *yaml.Node) *yaml.Node {
	c := yaml.CopyYNode(n)
	var strip func(*yaml.Node)
	strip = func(n *yaml.Node) {
		n.HeadComment, n.LineComment, n.FootComment = "", "", ""
		for _, child := range n.Content {
			strip(child)
		}
	}
	strip(c)
	return c
}

// splice inserts entries into data's resources list as text, following
// the layout around it; ok is false when the layout is one it does not
// handle.
func splice(data []byte, top *yaml.Node, entries []string, style yaml.SequenceIndentStyle) (out []byte, ok bool) {
	eol := "\n"
	if bytes.Contains(data, []byte("\r\n")) {
		eol = "\r\n"
	}
	key, v := lookup(top, "resources")
	switch {
	case key == nil: // no resources field: add one at the end
		if top.Style&yaml.FlowStyle != 0 {
			return nil, false
		}
		indent := ""
		if len(top.Content) > 0 {
			indent = strings.Repeat(" ", top.Content[0].Column-1)
		}
		var b bytes.Buffer
		b.Write(data)
		if len(data) > 0 && data[len(data)-1] != '\n' {
			b.WriteString(eol)
		}
		b.WriteString(indent + "resources:" + eol)
		writeItems(&b, itemPrefix(indent, style), entries, eol)
		return b.Bytes(), true

	case isNull(v) && v.Value == "": // "resources:" with nothing after it
		return insertAfterLine(data, key.Line, itemPrefix(strings.Repeat(" ", key.Column-1), style), entries, eol)

	case v.Kind == yaml.SequenceNode && v.Style&yaml.FlowStyle == 0 && len(v.Content) > 0:
		// A block list: new items go after the last one, with its prefix.
		last := v.Content[len(v.Content)-1]
		if last.Kind != yaml.ScalarNode || last.Style&(yaml.LiteralStyle|yaml.FoldedStyle) != 0 {
			return nil, false
		}
		start, end, ok := lineBounds(data, last.Line)
		if !ok {
			return nil, false
		}
		prefix, ok := columnPrefix(data[start:end], last.Column)
		if !ok || !itemPrefixPattern.MatchString(prefix) {
			return nil, false
		}
		return insertAfterLine(data, last.Line, prefix, entries, eol)

	case v.Kind == yaml.SequenceNode: // a flow list: [a, b]
		start, end, ok := lineBounds(data, v.Line)
		if !ok {
			return nil, false
		}
		col, ok := columnPrefix(data[start:end], v.Column)
		if !ok {
			return nil, false
		}
		open := start + len(col)
		if open >= len(data) || data[open] != '[' {
			return nil, false
		}
		closing := closingBracket(data, open)
		if closing < 0 {
			return nil, false
		}
		if len(v.Content) > 0 {
			i := closing - 1
			for i > open && strings.ContainsRune(" \t\r\n", rune(data[i])) {
				i--
			}
			sep := ", "
			if data[i] == ',' {
				sep = " "
			}
			return concat(data[:i+1], []byte(sep+strings.Join(entries, ", ")), data[i+1:]), true
		}
		// resources: [] becomes a block list under the key.
		if len(bytes.TrimSpace(data[open+1:closing])) > 0 || closing >= end {
			return nil, false
		}
		cut := open
		for cut > start && data[cut-1] == ' ' {
			cut--
		}
		var items bytes.Buffer
		rest := data[closing+1 : end]
		if !bytes.HasSuffix(rest, []byte("\n")) {
			items.WriteString(eol)
		}
		writeItems(&items, itemPrefix(strings.Repeat(" ", key.Column-1), style), entries, eol)
		return concat(data[:cut], rest, items.Bytes(), data[end:]), true
	}
	return nil, false
}

// itemPrefixPattern is what may stand before a list item on its line.
var itemPrefixPattern = regexp.MustCompile(`^ *- +$`)

func itemPrefix(indent string, style yaml.SequenceIndentStyle) string {
	if style == yaml.WideSequenceStyle {
		return indent + "  - "
	}
	return indent + "- "
}

func writeItems(b *bytes.Buffer, prefix string, entries []string, eol string) {
	for _, e := range entries {
		b.WriteString(prefix + e + eol)
	}
}

// insertAfterLine inserts one item per entry after line (1-based).
func insertAfterLine(data []byte, line int, prefix string, entries []string, eol string) ([]byte, bool) {
	_, end, ok := lineBounds(data, line)
	if !ok {
		return nil, false
	}
	var items bytes.Buffer
	if end == len(data) && (end == 0 || data[end-1] != '\n') {
		items.WriteString(eol)
	}
	writeItems(&items, prefix, entries, eol)
	return concat(data[:end], items.Bytes(), data[end:]), true
}

// lineBounds returns the byte range of line (1-based), its newline included.
func lineBounds(data []byte, line int) (start, end int, ok bool) {
	for i := 1; i < line; i++ {
		n := bytes.IndexByte(data[start:], '\n')
		if n < 0 {
			return 0, 0, false
		}
		start += n + 1
	}
	end = len(data)
	if n := bytes.IndexByte(data[start:], '\n'); n >= 0 {
		end = start + n + 1
	}
	return start, end, true
}

// columnPrefix returns the text of line before column (1-based, counted
// in characters as the YAML parser counts).
func columnPrefix(line []byte, column int) (string, bool) {
	off := 0
	for range column - 1 {
		if off >= len(line) {
			return "", false
		}
		_, size := utf8.DecodeRune(line[off:])
		off += size
	}
	return string(line[:off]), true
}

// closingBracket returns the index of the ] that closes the flow list
// opening at open, skipping quoted text, nested flow collections and
// comments; -1 if there is none.
func closingBracket(data []byte, open int) int {
	depth := 0
	for i := open; i < len(data); i++ {
		switch c := data[i]; c {
		case '[', '{':
			depth++
		case ']', '}':
			depth--
			if depth == 0 {
				return i
			}
		case '"', '\'':
			for i++; i < len(data) && data[i] != c; i++ {
				if c == '"' && data[i] == '\\' {
					i++
				}
			}
		case '#':
			if i > 0 && (data[i-1] == ' ' || data[i-1] == '\t') {
				for i < len(data) && data[i] != '\n' {
					i++
				}
			}
		}
	}
	return -1
}

func concat(parts ...[]byte) []byte {
	return bytes.Join(parts, nil)
}

// lookup returns the key and value nodes of field in mapping m.
func lookup(m *yaml.Node, field string) (key, value *yaml.Node) {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == field {
			return m.Content[i], m.Content[i+1]
		}
	}
	return nil, nil
}

func isNull(n *yaml.Node) bool {
	return n.Kind == yaml.ScalarNode && n.ShortTag() == yaml.NodeTagNull
}

func kindName(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "mapping"
	case yaml.SequenceNode:
		return "list"
	case yaml.AliasNode:
		return "alias"
	}
	return "scalar"
}

// seqStyle is the list indentation data uses, or fallback if it has no
// block list to learn from.
func seqStyle(data []byte, fallback yaml.SequenceIndentStyle) yaml.SequenceIndentStyle {
	for line := range strings.SplitSeq(string(data), "\n") {
		if strings.HasPrefix(strings.TrimLeft(line, " "), "- ") {
			return yaml.SequenceIndentStyle(yaml.DeriveSeqIndentStyle(string(data)))
		}
	}
	return fallback
}
