package builtin

import (
	"fmt"
	"strings"

	"github.com/kunerva/kunerva/generator"
)

// The values the engine puts into an intent travel with their origins,
// whose fields are relative to the value until it is placed (rebase).

type peerV struct {
	peer    generator.Peer
	origins []generator.Origin
}

func (v *peerV) add(o ...generator.Origin) { v.origins = append(v.origins, o...) }

// drop forgets the origins of a field the value no longer has.
func (v *peerV) drop(field string) {
	var keep []generator.Origin
	for _, o := range v.origins {
		if o.Field != field && !strings.HasPrefix(o.Field, field+".") {
			keep = append(keep, o)
		}
	}
	v.origins = keep
}

type portV struct {
	port    generator.Port
	origins []generator.Origin
}

type httpV struct {
	rule    generator.HTTPRule
	origins []generator.Origin
}

type sysV struct {
	rule    generator.SystemRule
	origins []generator.Origin
}

type subjectV struct {
	subject generator.Subject
	origins []generator.Origin
}

// ruleV is a network rule being assembled.
type ruleV struct {
	rule    generator.NetworkRule
	origins []generator.Origin
}

func fieldf(format string, args ...any) string { return fmt.Sprintf(format, args...) }

// rebase places origins of a value at prefix ("network[0].peers[1]").
func rebase(prefix string, origins []generator.Origin) []generator.Origin {
	out := make([]generator.Origin, 0, len(origins))
	for _, o := range origins {
		switch {
		case o.Field == "":
			o.Field = prefix
		case strings.HasPrefix(o.Field, "["):
			o.Field = prefix + o.Field
		default:
			o.Field = prefix + "." + o.Field
		}
		out = append(out, o)
	}
	return out
}

// defaultOrigin is a documented default for field.
func defaultOrigin(field, rule string) generator.Origin {
	return generator.Origin{Field: field, From: generator.FromDefault, Text: generator.Defaults[rule], Rule: rule}
}

// treeOrigin is a fact of the tree for field.
func treeOrigin(field, fact string) generator.Origin {
	return generator.Origin{Field: field, From: generator.FromTree, Text: fact}
}
