package llmtest

import (
	"encoding/json"
	"fmt"
	"maps"
	"reflect"
	"slices"
	"strings"

	openai "github.com/sashabaranov/go-openai"
)

var (
	requestType    = reflect.TypeFor[openai.ChatCompletionRequest]()
	messageType    = reflect.TypeFor[openai.ChatCompletionMessage]()
	partsType      = reflect.TypeFor[[]openai.ChatMessagePart]()
	toolChoiceType = reflect.TypeFor[openai.ToolChoice]()
)

// unknownField returns the path of the first key in raw, at any depth, that
// the go-openai type t has no field for, or "" if there is none. It exists
// because encoding/json's DisallowUnknownFields neither reaches through
// go-openai's own UnmarshalJSON methods nor matches keys case-sensitively,
// while the OpenAI API rejects any argument it does not know. Values of the
// wrong type are left to the typed decode that follows.
func unknownField(raw json.RawMessage, t reflect.Type, path string) string {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch t.Kind() {
	case reflect.Slice:
		var items []json.RawMessage
		if json.Unmarshal(raw, &items) != nil {
			return ""
		}
		for i, item := range items {
			if field := unknownField(item, t.Elem(), fmt.Sprintf("%s.[%d]", path, i)); field != "" {
				return field
			}
		}
	case reflect.Struct:
		var obj map[string]json.RawMessage
		if json.Unmarshal(raw, &obj) != nil {
			return ""
		}
		fields := jsonFields(t)
		for _, key := range slices.Sorted(maps.Keys(obj)) {
			name := key
			if path != "" {
				name = path + "." + key
			}
			ft, ok := fields[key]
			if !ok {
				return name
			}
			// A message's content is a string or a list of parts; go-openai
			// keeps the parts in an untagged field.
			if t == messageType && key == "content" && strings.HasPrefix(strings.TrimSpace(string(obj[key])), "[") {
				ft = partsType
			}
			if field := unknownField(obj[key], ft, name); field != "" {
				return field
			}
		}
	}
	return ""
}

// jsonFields maps the JSON keys of struct t to their field types. Untagged
// fields are left out: go-openai uses them only for values it encodes by
// hand under another key.
func jsonFields(t reflect.Type) map[string]reflect.Type {
	fields := map[string]reflect.Type{}
	for f := range t.Fields() {
		tag, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		switch {
		case f.Anonymous && f.Tag.Get("json") == "" && f.Type.Kind() == reflect.Struct:
			for key, ft := range jsonFields(f.Type) {
				fields[key] = ft
			}
		case !f.IsExported() || tag == "" || tag == "-":
		default:
			fields[tag] = f.Type
		}
	}
	return fields
}
