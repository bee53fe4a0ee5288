package semantic

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"math"
	"slices"
	"strconv"
	"strings"

	yaml "go.yaml.in/yaml/v2"
)

// object is one policy of a stream as plain JSON-like data: maps with string
// keys, []any, string, bool, int64, uint64, float64 and nil.
type object struct {
	group, kind, namespace string
	body                   map[string]any
}

// decodeStream reads every document of a YAML stream. A document may be one
// object, a List (kind List or any kind ending in List, with items) or a
// sequence of objects, which is how the dev set writes its expected policies.
func decodeStream(data []byte) ([]object, error) {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var objs []object
	var errs []error
	for n := 1; ; n++ {
		var doc any
		err := dec.Decode(&doc)
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("parsing document %d: %w", n, err)
		}
		objs, errs = appendObjects(objs, errs, plain(doc), fmt.Sprintf("document %d", n))
	}
	return objs, errors.Join(errs...)
}

func appendObjects(objs []object, errs []error, v any, where string) ([]object, []error) {
	switch t := v.(type) {
	case nil:
		return objs, errs
	case []any:
		for i, item := range t {
			if _, ok := item.([]any); ok {
				errs = append(errs, fmt.Errorf("%s[%d]: is a list, want an object with apiVersion and kind", where, i))
				continue
			}
			objs, errs = appendObjects(objs, errs, item, fmt.Sprintf("%s[%d]", where, i))
		}
		return objs, errs
	case map[string]any:
		apiVersion, _ := t["apiVersion"].(string)
		kind, _ := t["kind"].(string)
		if apiVersion == "" || kind == "" {
			return objs, append(errs, fmt.Errorf("%s: no apiVersion and kind strings; every document must be a Kubernetes object", where))
		}
		if items, ok := t["items"].([]any); ok && strings.HasSuffix(kind, "List") {
			for i, item := range items {
				if _, ok := item.(map[string]any); !ok {
					errs = append(errs, fmt.Errorf("%s: items[%d]: not an object", where, i))
					continue
				}
				objs, errs = appendObjects(objs, errs, item, fmt.Sprintf("%s: items[%d]", where, i))
			}
			return objs, errs
		}
		group, _, _ := strings.Cut(apiVersion, "/")
		if !strings.Contains(apiVersion, "/") {
			group = "" // "v1" is the core group
		}
		ns, _ := mapOf(t["metadata"])["namespace"].(string)
		return append(objs, object{group: group, kind: kind, namespace: ns, body: t}), errs
	default:
		return objs, append(errs, fmt.Errorf("%s: is %s, want an object with apiVersion and kind", where, describe(v)))
	}
}

func describe(v any) string {
	switch v.(type) {
	case string:
		return "a string"
	case bool:
		return "a boolean"
	default:
		return "a number"
	}
}

// plain turns what the YAML decoder produced into JSON-like data. Keys that
// are not strings are printed; when two keys print the same, the value with
// the smaller canonical JSON wins, so the result never depends on map order.
func plain(v any) any {
	switch t := v.(type) {
	case map[any]any:
		out := make(map[string]any, len(t))
		for k, val := range t {
			key := fmt.Sprint(k)
			pv := plain(val)
			if old, ok := out[key]; ok && canonical(old) <= canonical(pv) {
				continue
			}
			out[key] = pv
		}
		return out
	case []any:
		out := make([]any, len(t))
		for i, val := range t {
			out[i] = plain(val)
		}
		return out
	case int:
		return int64(t)
	case float64:
		if math.IsNaN(t) || math.IsInf(t, 0) {
			return strconv.FormatFloat(t, 'g', -1, 64)
		}
		return t
	case nil, string, bool, int64, uint64:
		return t
	default:
		return fmt.Sprint(t)
	}
}

// mapOf returns v as a map, or nil when it is not one.
func mapOf(v any) map[string]any {
	m, _ := v.(map[string]any)
	return m
}

// listOf returns v as a list, or nil when it is not one.
func listOf(v any) []any {
	l, _ := v.([]any)
	return l
}

// scalar prints a scalar the way a user would write it; whole floats print
// as integers so that port: 8443 and port: 8443.0 agree. Maps and lists print
// as canonical JSON.
func scalar(v any) string {
	switch t := v.(type) {
	case nil:
		return ""
	case string:
		return t
	case bool:
		return strconv.FormatBool(t)
	case int64:
		return strconv.FormatInt(t, 10)
	case uint64:
		return strconv.FormatUint(t, 10)
	case float64:
		if t == math.Trunc(t) && math.Abs(t) < 1e15 {
			return strconv.FormatInt(int64(t), 10)
		}
		return strconv.FormatFloat(t, 'g', -1, 64)
	default:
		return canonical(v)
	}
}

// truth reads a boolean field; YAML booleans arrive as bool, but a quoted
// "true" means the same to a reader.
func truth(v any) (value, ok bool) {
	switch t := v.(type) {
	case bool:
		return t, true
	case string:
		b, err := strconv.ParseBool(t)
		return b, err == nil
	}
	return false, false
}

// canonical is JSON with sorted keys and no HTML escaping.
func canonical(v any) string {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		// plain never produces a value JSON cannot encode; keep the
		// output deterministic all the same.
		return fmt.Sprintf("%#v", v)
	}
	return strings.TrimSuffix(buf.String(), "\n")
}

// sortedKeys returns the keys of m in order.
func sortedKeys(m map[string]any) []string {
	return slices.Sorted(maps.Keys(m))
}

// sortedSet returns the distinct strings of in, sorted.
func sortedSet(in []string) []string {
	out := slices.Clone(in)
	slices.Sort(out)
	return slices.Compact(out)
}
