package infer

import (
	"fmt"
	"slices"
	"strings"

	corev1 "k8s.io/api/core/v1"
	"sigs.k8s.io/yaml"

	"github.com/kunerva/kunerva/internal/tree"
)

// setting is one string a container is given, and where.
type setting struct {
	container string
	where     string // the whole Where of a Reference made from it
	field     string // the field alone, env[PGPORT], for a pair's Where
	name      string // the variable, flag or key name: hints and pairs
	key       string // the ConfigMap's or Secret's key
	value     string
	written   string // the whole string as written, when value is a part (a flag's)
	whole     bool   // one value rather than a file or a shell script
	secret    bool   // a Secret's key: its value is never read
}

// settings lists every string w's containers read: env values, args,
// commands, and the keys of the ConfigMaps and Secrets they take through
// envFrom, valueFrom or a volume. Of a Secret only the key names are kept.
func settings(t *tree.Tree, w tree.Workload, pod corev1.PodSpec) ([]setting, error) {
	self := fmt.Sprintf("%s %s/%s", w.Kind, w.Namespace, w.Name)
	var out []setting
	var errs []error
	add := func(s setting) { out = append(out, s) }
	// keys adds the keys of a ConfigMap or Secret, only the one named by
	// key if key is not empty; via says how the pods read it.
	keys := func(c, kind, name, key string, variable func(key string) string, via string, whole bool) {
		data, err := objectData(t, kind, w.Namespace, name)
		if err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", self, err))
			return
		}
		if data == nil && key != "" {
			// Not in the tree (made at deploy time): its key's name still
			// says what it holds.
			data = map[string]string{key: ""}
		}
		for _, k := range slices.Sorted(func(yield func(string) bool) {
			for k := range data {
				if !yield(k) {
					return
				}
			}
		}) {
			if key != "" && k != key {
				continue
			}
			s := setting{
				container: c,
				where:     fmt.Sprintf("%s %s/%s: data[%s] (%s of %s)", kind, w.Namespace, name, k, via, self),
				field:     fmt.Sprintf("%s %s data[%s]", kind, name, k),
				name:      variable(k),
				key:       k,
				whole:     whole,
				secret:    kind == "Secret",
			}
			if !s.secret {
				s.value = data[k]
			}
			add(s)
		}
	}
	for _, group := range []struct {
		field      string
		containers []corev1.Container
	}{{"initContainers", pod.InitContainers}, {"containers", pod.Containers}} {
		for _, c := range group.containers {
			at := fmt.Sprintf("%s[%s]", group.field, c.Name)
			for i, list := range [][]string{c.Command, c.Args} {
				field := []string{"command", "args"}[i]
				for j, arg := range list {
					s := setting{container: c.Name, field: fmt.Sprintf("%s[%d]", field, j), value: arg}
					s.where = fmt.Sprintf("%s: %s.%s", self, at, s.field)
					s.whole = !strings.ContainsAny(strings.TrimSpace(arg), " \t\n")
					if flag, value, ok := strings.Cut(arg, "="); ok && strings.HasPrefix(flag, "-") && !strings.Contains(flag, " ") {
						s.name, s.value, s.written = strings.TrimLeft(flag, "-"), value, arg
						s.whole = !strings.ContainsAny(strings.TrimSpace(value), " \t\n")
					}
					add(s)
				}
			}
			for _, e := range c.Env {
				field := fmt.Sprintf("env[%s]", e.Name)
				switch {
				case e.ValueFrom == nil:
					add(setting{container: c.Name, where: fmt.Sprintf("%s: %s.%s", self, at, field), field: field, name: e.Name, value: e.Value, whole: true})
				case e.ValueFrom.ConfigMapKeyRef != nil:
					keys(c.Name, "ConfigMap", e.ValueFrom.ConfigMapKeyRef.Name, e.ValueFrom.ConfigMapKeyRef.Key, named(e.Name), field, true)
				case e.ValueFrom.SecretKeyRef != nil:
					keys(c.Name, "Secret", e.ValueFrom.SecretKeyRef.Name, e.ValueFrom.SecretKeyRef.Key, named(e.Name), field, true)
				}
			}
			for _, e := range c.EnvFrom {
				switch {
				// The prefix is part of each variable's name: PGHOST pairs
				// with PGPORT only under the same prefix.
				case e.ConfigMapRef != nil:
					keys(c.Name, "ConfigMap", e.ConfigMapRef.Name, "", prefixed(e.Prefix), "envFrom", true)
				case e.SecretRef != nil:
					keys(c.Name, "Secret", e.SecretRef.Name, "", prefixed(e.Prefix), "envFrom", true)
				}
			}
		}
	}
	for _, v := range pod.Volumes {
		// A mounted key is a file: only what is written as an address in it
		// counts, and it is read by every container (the pod is one peer).
		via := "volume " + v.Name
		switch {
		case v.ConfigMap != nil:
			mounted(v.ConfigMap.Items, func(key string) { keys("", "ConfigMap", v.ConfigMap.Name, key, prefixed(""), via, false) })
		case v.Secret != nil:
			mounted(v.Secret.Items, func(key string) { keys("", "Secret", v.Secret.SecretName, key, prefixed(""), via, false) })
		case v.Projected != nil:
			for _, src := range v.Projected.Sources {
				if src.ConfigMap != nil {
					mounted(src.ConfigMap.Items, func(key string) { keys("", "ConfigMap", src.ConfigMap.Name, key, prefixed(""), via, false) })
				}
				if src.Secret != nil {
					mounted(src.Secret.Items, func(key string) { keys("", "Secret", src.Secret.Name, key, prefixed(""), via, false) })
				}
			}
		}
	}
	if len(errs) > 0 {
		return nil, errs[0]
	}
	return out, nil
}

func named(variable string) func(string) string  { return func(string) string { return variable } }
func prefixed(prefix string) func(string) string { return func(k string) string { return prefix + k } }

// mounted calls read with each key a volume mounts: those its items
// name, or every key ("").
func mounted(items []corev1.KeyToPath, read func(key string)) {
	if len(items) == 0 {
		read("")
	}
	for _, it := range items {
		read(it.Key)
	}
}

// objectData returns the data of a ConfigMap (its data and binaryData
// keys; binary values read as empty) or the key names of a Secret (values
// empty: they are never read). An object the tree lacks has no data: the
// pods would not start, which is not this package's to report.
func objectData(t *tree.Tree, kind, namespace, name string) (map[string]string, error) {
	o := t.Object(kind, namespace, name)
	if o == nil {
		return nil, nil
	}
	var obj struct {
		Data       map[string]any `json:"data"`
		StringData map[string]any `json:"stringData"`
		BinaryData map[string]any `json:"binaryData"`
	}
	if err := yaml.Unmarshal(o.YAML, &obj); err != nil {
		return nil, fmt.Errorf("%s %s/%s: decode: %w", kind, namespace, name, err)
	}
	out := map[string]string{}
	for _, m := range []map[string]any{obj.Data, obj.StringData} {
		for k, v := range m {
			value, _ := v.(string)
			if kind != "ConfigMap" {
				value = ""
			}
			out[k] = value
		}
	}
	for k := range obj.BinaryData {
		out[k] = ""
	}
	return out, nil
}

// addressHints are the words a variable, flag or key name ends with when
// its value is an address: a bare name there is a host, and a Secret key
// named so holds one.
var addressHints = []string{"host", "hostname", "addr", "address", "url", "uri", "endpoint", "server", "dsn", "webhook", "broker", "brokers", "servers", "hosts", "urls"}

func namesAddress(name string) bool {
	for _, word := range strings.FieldsFunc(strings.ToLower(name), func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9')
	}) {
		for _, h := range addressHints {
			if strings.HasSuffix(word, h) {
				return true
			}
		}
	}
	return false
}

// configFile says a key is a configuration file: a Secret holding one may
// hold addresses, which are not read.
func configFile(key string) bool {
	for _, ext := range []string{".yml", ".yaml", ".json", ".conf", ".toml", ".ini", ".properties", ".cfg"} {
		if strings.HasSuffix(strings.ToLower(key), ext) {
			return true
		}
	}
	return false
}

// portOf finds the port paired with a host setting: a setting of the same
// container whose name shares the host's stem (PGHOST and PGPORT, DB_HOST
// and DB_PORT, --db-host and --db-port), and whose value is a port.
func portOf(all []setting, host setting) (setting, int32, bool) {
	lower := strings.ToLower(host.name)
	stem, ok := strings.CutSuffix(lower, "host")
	if !ok {
		return setting{}, 0, false
	}
	for _, s := range all {
		if s.container == host.container && !s.secret && strings.ToLower(s.name) == stem+"port" {
			if p := parsePort(strings.TrimSpace(s.value)); p > 0 {
				return s, p, true
			}
		}
	}
	return setting{}, 0, false
}
