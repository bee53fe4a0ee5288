package validate

import (
	"bytes"
	"errors"
	"fmt"
	"io"

	yaml "go.yaml.in/yaml/v3"

	"github.com/kunerva/kunerva/internal/policy"
	"github.com/kunerva/kunerva/internal/tree"
)

// Document is one object of a YAML stream, with where it came from.
type Document struct {
	File   string
	Line   int // 1-based line of the document's first key
	Object map[string]any
	// Raw is the document alone, re-encoded as YAML.
	Raw []byte
}

// APIVersion, Kind, Namespace and Name read the object's identity.
func (d Document) APIVersion() string { s, _ := d.Object["apiVersion"].(string); return s }
func (d Document) Kind() string       { s, _ := d.Object["kind"].(string); return s }
func (d Document) Namespace() string  { return d.meta("namespace") }
func (d Document) Name() string       { return d.meta("name") }

func (d Document) meta(key string) string {
	m, _ := d.Object["metadata"].(map[string]any)
	s, _ := m[key].(string)
	return s
}

// Ref names the object as findings do: Kind/namespace/name, or Kind/name.
func (d Document) Ref() string {
	if ns := d.Namespace(); ns != "" {
		return d.Kind() + "/" + ns + "/" + d.Name()
	}
	return d.Kind() + "/" + d.Name()
}

// TreeObject is the document as a tree's object: a namespaced kind without
// a namespace is in default, as kubectl applies it.
func (d Document) TreeObject() tree.Object {
	ns := d.Namespace()
	if k, ok := policy.Named(d.Kind()); ok && k.Cluster {
		ns = ""
	} else if ns == "" {
		ns = "default"
	}
	return tree.Object{APIVersion: d.APIVersion(), Kind: d.Kind(), Namespace: ns, Name: d.Name(), YAML: d.Raw}
}

// Parse splits a YAML stream into documents. Empty documents are skipped; a
// document that is not a mapping with apiVersion and kind is an error that
// names the file and line, as is YAML that does not parse.
func Parse(file string, data []byte) ([]Document, error) {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var docs []Document
	var errs []error
	for {
		var node yaml.Node
		err := dec.Decode(&node)
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", file, err)
		}
		if len(node.Content) == 0 || node.Content[0].Kind == yaml.ScalarNode && node.Content[0].Tag == "!!null" {
			continue
		}
		root := node.Content[0]
		line := root.Line
		if root.Kind != yaml.MappingNode {
			errs = append(errs, fmt.Errorf("%s:%d: a document must be an object with apiVersion and kind", file, line))
			continue
		}
		var obj map[string]any
		if err := root.Decode(&obj); err != nil {
			errs = append(errs, fmt.Errorf("%s:%d: %w", file, line, err))
			continue
		}
		raw, err := yaml.Marshal(root)
		if err != nil {
			errs = append(errs, fmt.Errorf("%s:%d: %w", file, line, err))
			continue
		}
		d := Document{File: file, Line: line, Object: obj, Raw: raw}
		if d.APIVersion() == "" || d.Kind() == "" {
			errs = append(errs, fmt.Errorf("%s:%d: the object has no apiVersion or kind", file, line))
			continue
		}
		docs = append(docs, d)
	}
	return docs, errors.Join(errs...)
}
