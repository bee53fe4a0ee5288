package generator

import (
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode"

	"github.com/kunerva/kunerva/internal/tree"
)

// Origin says where one value of an intent came from.
type Origin struct {
	// Field is the value's JSON path in the intent, e.g.
	// network[0].ports[0].port; an origin of a path covers what is below it.
	Field string `json:"field"`
	// From is what gave the value: FromRequest, FromTree, FromDefault, or
	// FromModel for a model's reading of the request.
	From string `json:"from"`
	// Start and End are the byte span of the request's words (FromRequest).
	Start int `json:"start,omitempty"`
	End   int `json:"end,omitempty"`
	// Text is the request's words, the tree's fact or the default's meaning.
	Text string `json:"text"`
	// Rule names the engine's rule that read it (FromDefault: a key of Defaults).
	Rule string `json:"rule,omitempty"`
}

// What an origin can be.
const (
	FromRequest = "request"
	FromTree    = "tree"
	FromDefault = "default"
	FromModel   = "model"
)

// Defaults are the values a policy may hold that neither the request nor the
// tree gave; the explanation names them.
var Defaults = map[string]string{
	"namespace-flag":    "the namespace given with --namespace",
	"namespace-default": `the namespace "default", as neither the request nor the tree names one`,
	"subject-namespace": "the namespace of the pods the policy is for",
	"tcp":               "TCP, as the request names no protocol",
	"https-port":        "port 443, the port of HTTPS, as the request says HTTPS and names no port",
	"app-label":         "the label app=NAME for a name (--assume-app-label)",
	"cluster-dns":       "the cluster DNS: pods labeled k8s-app=kube-dns in kube-system, on 53/UDP and 53/TCP",
	"allow-dns":         "DNS lookups, allowed with --allow-dns",
	"any-dns-name":      "lookups of any name, as the request names none",
	"forced-kind":       "the policy kind forced with --kind",
	"service-port":      "the container port behind the Service port the request names",
}

// HostnameLabel is the label every node carries with its hostname, and
// HostnameRule the rule that reads a node's hostname said in words ("the
// node with hostname worker-1"): its origin supports the value alone, as the
// key is not in the words.
const (
	HostnameLabel = "kubernetes.io/hostname"
	HostnameRule  = "node-hostname"
)

// readings are fields whose value is a reading of the request's words (a
// direction, an action, a flag), not a literal the words contain; a model
// may give them (FromModel), the built-in engine names its words and rule.
var readings = map[string]bool{
	"scope": true, "direction": true, "verdict": true, "kind": true, "action": true,
	"recursive": true, "readOnly": true, "ownerOnly": true, "exceptNamespaces": true,
	"clusterDNS": true, "entity": true, "protocol": true, "icmpType": true, "operator": true,
	"noDefaultDeny": true, "portsSaid": true,
}

// notAccounted are the intent's fields that are no policy values: what was
// asked, by which engine, notes, and the accounting itself.
var notAccounted = map[string]bool{"request": true, "engine": true, "notes": true, "usage": true, "origins": true, "others": true}

// describes reports whether path is a subject or a peer, whose name only
// names it in policy names and explanations and never reaches a rule (a
// port's name does).
func describes(path string) bool {
	return path == "subject" || strings.HasSuffix(path, "]") && strings.Contains(path[strings.LastIndexByte(path, '.')+1:], "peers[")
}

// CheckOrigins proves that every value of the intent (and of its Others) is
// accounted for: an origin covers it, a request origin's span holds the
// words it quotes and those words contain the value, a tree origin's value
// is a fact of the tree t, and a default is one of Defaults. The error lists
// every value that is not.
func (in *Intent) CheckOrigins(t *tree.Tree) error {
	var errs []error
	for i, x := range append([]*Intent{in}, in.Others...) {
		prefix := ""
		if i > 0 {
			prefix = fmt.Sprintf("others[%d].", i-1)
		}
		for _, l := range x.leaves() {
			if err := x.checkLeaf(l, t); err != nil {
				errs = append(errs, fmt.Errorf("%s%s: %w", prefix, l.path, err))
			}
		}
	}
	return errors.Join(errs...)
}

// leaf is one value of an intent: its path and its value as text; number
// says it is a JSON number, which the request may write with leading zeros.
type leaf struct {
	path, value string
	number      bool
}

// leaves lists the intent's accounted values, in a stable order.
func (in *Intent) leaves() []leaf {
	b, _ := json.Marshal(in)
	var v any
	_ = json.Unmarshal(b, &v)
	var out []leaf
	walk("", v, &out)
	return out
}

func walk(path string, v any, out *[]leaf) {
	switch t := v.(type) {
	case map[string]any:
		keys := make([]string, 0, len(t))
		for k := range t {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		if len(keys) == 0 {
			*out = append(*out, leaf{path: path, value: "{}"})
		}
		for _, k := range keys {
			if path == "" && notAccounted[k] || k == "name" && describes(path) {
				continue
			}
			p := k
			if path != "" {
				p = path + "." + k
			}
			walk(p, t[k], out)
		}
	case []any:
		for i, e := range t {
			walk(fmt.Sprintf("%s[%d]", path, i), e, out)
		}
	case string:
		if t != "" {
			*out = append(*out, leaf{path: path, value: t})
		}
	case float64:
		*out = append(*out, leaf{path: path, value: strconv.FormatFloat(t, 'f', -1, 64), number: true})
	case bool:
		if t {
			*out = append(*out, leaf{path: path, value: "true"})
		}
	}
}

// covers reports whether an origin of field covers the value at path.
func covers(field, path string) bool {
	if field == path {
		return true
	}
	// A label's key may hold dots: the origin of the label app covers
	// the value of app alone, not that of app.kubernetes.io/name.
	if strings.Contains(field, ".matchLabels.") {
		return false
	}
	return strings.HasPrefix(path, field+".") || strings.HasPrefix(path, field+"[")
}

func lastName(path string) string {
	if i := strings.LastIndexByte(path, '.'); i >= 0 {
		path = path[i+1:]
	}
	if i := strings.IndexByte(path, '['); i >= 0 {
		path = path[:i]
	}
	return path
}

func (in *Intent) checkLeaf(l leaf, t *tree.Tree) error {
	var origins []Origin
	for _, o := range in.Origins {
		if covers(o.Field, l.path) {
			origins = append(origins, o)
		}
	}
	if len(origins) == 0 {
		return fmt.Errorf("%q comes from nowhere: neither the request, the tree nor a default gave it", l.value)
	}
	field := lastName(l.path)
	// An empty selector ("any pod", "every namespace") is a reading of words too.
	reading := readings[field] || l.value == "{}"
	var words []string
	appLabel := false
	hostname := false
	// given: a fact of the tree, a default or a model's reading gives the
	// value. Every origin is checked all the same: one that is wrong is
	// wrong beside one that is right.
	given := false
	for _, o := range origins {
		switch o.From {
		case FromRequest:
			if o.Start < 0 || o.End > len(in.Request) || o.Start >= o.End || in.Request[o.Start:o.End] != o.Text {
				return fmt.Errorf("its origin quotes %q at %d-%d, which is not in the request", o.Text, o.Start, o.End)
			}
			if reading && o.Rule == "" {
				return fmt.Errorf("%q is a reading of %q but names no rule", l.value, o.Text)
			}
			words = append(words, o.Text)
			appLabel = appLabel || o.Rule == "app-label" && strings.HasSuffix(l.path, ".matchLabels.app")
			hostname = hostname || o.Rule == HostnameRule && strings.HasSuffix(l.path, ".matchLabels."+HostnameLabel)
		case FromModel:
			if !reading {
				return fmt.Errorf("%q is a value the request or the tree must give, not the model", l.value)
			}
			given = true
		case FromDefault:
			if _, ok := Defaults[o.Rule]; !ok {
				return fmt.Errorf("%q is said to be the default %q, which is no documented default", l.value, o.Rule)
			}
			given = true
		case FromTree:
			if t == nil {
				return fmt.Errorf("%q is said to come from the tree, but there is none", l.value)
			}
			if !treeHas(t, l, field) {
				return fmt.Errorf("%q is said to come from the tree (%s), which has no such value", l.value, o.Text)
			}
			given = true
		default:
			return fmt.Errorf("origin %q of %q is not request, tree, default or model", o.From, l.value)
		}
	}
	if reading || given {
		return nil
	}
	if appLabel {
		// --assume-app-label: the key is the default, the value the request's name.
		l.path = strings.TrimSuffix(l.path, ".matchLabels.app") + ".name"
	}
	if hostname {
		// "the node with hostname worker-1": the key is every node's
		// label of its hostname, the value the request's hostname.
		l.path = strings.TrimSuffix(l.path, ".matchLabels."+HostnameLabel) + ".name"
	}
	if !supported(l, strings.Join(words, " ")) {
		return fmt.Errorf("%q is not in the words it is said to come from (%q)", l.value, strings.Join(words, " ... "))
	}
	return nil
}

// supported reports whether the words contain every alphanumeric part of the
// value (and, for a label, of its key): "/bin/netstat" is supported by
// "netstat" and "/bin", "net_raw" by "CAP_NET_RAW", "10.1.2.3/32" by
// "10.1.2.3". A number may be written with leading zeros ("port 08443"
// gives 8443); a text value is as written ("edge-01" is not "edge-1").
func supported(l leaf, words string) bool {
	value := l.value
	if strings.Contains(l.path, ".matchLabels.") {
		value = l.path[strings.LastIndex(l.path, ".matchLabels.")+len(".matchLabels."):] + " " + value
	}
	if lastName(l.path) == "cidr" || strings.Contains(l.path, ".except[") {
		value = strings.TrimSuffix(strings.TrimSuffix(value, "/32"), "/128")
	}
	split := runs
	if l.number {
		split = parts
	}
	have := map[string]bool{}
	for _, w := range split(words) {
		have[w] = true
	}
	for _, p := range split(value) {
		if !have[p] {
			return false
		}
	}
	return true
}

// runs splits s into its lower-case alphanumeric runs.
func runs(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
}

// parts are the runs of s, a number without its leading zeros ("port
// 08080" gives 8080).
func parts(s string) []string {
	ps := runs(s)
	for i, p := range ps {
		if strings.Trim(p, "0123456789") == "" && len(p) > 1 {
			if t := strings.TrimLeft(p, "0"); t != "" {
				ps[i] = t
			} else {
				ps[i] = "0"
			}
		}
	}
	return ps
}

// treeHas reports whether a value said to come from the tree is one of its
// facts: a label of a workload's selector or pods, a Service's selector, a
// namespace, a container or Service port, a port name.
func treeHas(t *tree.Tree, l leaf, field string) bool {
	if strings.Contains(l.path, ".matchLabels.") {
		key := l.path[strings.LastIndex(l.path, ".matchLabels.")+len(".matchLabels."):]
		for _, w := range t.Workloads {
			if w.Selector[key] == l.value || w.PodLabels[key] == l.value {
				return true
			}
		}
		for _, s := range t.Services {
			if s.Selector[key] == l.value {
				return true
			}
		}
		for _, n := range t.Namespaces {
			if n.Labels[key] == l.value {
				return true
			}
		}
		return false
	}
	switch field {
	case "namespace", "namespaces":
		_, ok := t.Namespace(l.value)
		return ok
	case "port", "endPort":
		for _, w := range t.Workloads {
			for _, p := range w.Ports {
				if strconv.Itoa(int(p.Port)) == l.value {
					return true
				}
			}
		}
	case "name":
		for _, w := range t.Workloads {
			for _, p := range w.Ports {
				if p.Name == l.value {
					return true
				}
			}
		}
	case "service":
		for _, s := range t.Services {
			if s.Name == l.value || s.Namespace+"/"+s.Name == l.value {
				return true
			}
		}
	}
	return false
}

// OriginsText says where the values of the intent (and its Others) came
// from, one line per origin, for the explanation; "" when the engine gave
// no origins.
func OriginsText(in *Intent) string {
	type group struct {
		o      Origin
		values []string
	}
	var groups []*group
	find := func(o Origin) *group {
		key := o
		key.Field = ""
		for _, g := range groups {
			if g.o == key {
				return g
			}
		}
		g := &group{o: key}
		groups = append(groups, g)
		return g
	}
	for i, x := range append([]*Intent{in}, in.Others...) {
		prefix := ""
		if i > 0 {
			prefix = fmt.Sprintf("others[%d].", i-1)
		}
		for _, l := range x.leaves() {
			for _, o := range x.Origins {
				if covers(o.Field, l.path) {
					g := find(o)
					g.values = append(g.values, prefix+l.path+"="+l.value)
				}
			}
		}
	}
	if len(groups) == 0 {
		return ""
	}
	var b strings.Builder
	b.WriteString("Where the values come from:\n")
	for _, g := range groups {
		var from string
		switch g.o.From {
		case FromRequest:
			from = fmt.Sprintf("%q in the request", g.o.Text)
			if g.o.Rule != "" {
				from += " (" + g.o.Rule + ")"
			}
		case FromTree:
			from = "the tree: " + g.o.Text
		case FromDefault:
			from = "a default: " + Defaults[g.o.Rule]
		case FromModel:
			from = "the model's reading of the request"
		}
		fmt.Fprintf(&b, "- %s: %s\n", from, strings.Join(g.values, ", "))
	}
	return b.String()
}

// Attribute gives origins to the values of an intent that have none, for an
// engine that cannot say where its values came from (a language model): a
// literal value is looked up in the request's words, then in the tree's
// facts, then among the documented defaults; a reading (a direction, an
// action) is the model's. It returns one problem per literal value that
// none of them gives: a value the model made up.
func Attribute(in *Intent, opts Options) []string {
	var problems []string
	for i, x := range append([]*Intent{in}, in.Others...) {
		prefix := ""
		if i > 0 {
			prefix = fmt.Sprintf("others[%d].", i-1)
		}
		for _, l := range x.leaves() {
			if slices.ContainsFunc(x.Origins, func(o Origin) bool { return covers(o.Field, l.path) }) {
				continue
			}
			if o, ok := x.attribute(l, opts); ok {
				x.Origins = append(x.Origins, o...)
				continue
			}
			if lastName(l.path) == "noDefaultDeny" {
				problems = append(problems, fmt.Sprintf("%s%s: the request says nothing of default deny; leave noDefaultDeny empty unless it asks that this policy not put the pods into default deny", prefix, l.path))
				continue
			}
			problems = append(problems, fmt.Sprintf("%s%s: %q is neither in the request nor in the tree; use only values the request or the facts give", prefix, l.path, l.value))
		}
	}
	return problems
}

func (in *Intent) attribute(l leaf, opts Options) ([]Origin, bool) {
	field := lastName(l.path)
	if field == "noDefaultDeny" {
		// A reading, but one the request must speak of: the words about
		// default deny it rests on are its span.
		if at := defaultDenyWords.FindStringIndex(in.Request); at != nil {
			return []Origin{{Field: l.path, From: FromRequest, Start: at[0], End: at[1], Text: in.Request[at[0]:at[1]], Rule: "model-reading"}}, true
		}
		return nil, false
	}
	if readings[field] || l.value == "{}" {
		return []Origin{{Field: l.path, From: FromModel, Text: l.value}}, true
	}
	if o, ok := findWords(in.Request, l); ok {
		return o, true
	}
	if opts.Tree != nil && treeHas(opts.Tree, l, field) {
		return []Origin{{Field: l.path, From: FromTree, Text: "a fact of the tree " + opts.Tree.Root}}, true
	}
	def := func(rule string) ([]Origin, bool) {
		return []Origin{{Field: l.path, From: FromDefault, Text: Defaults[rule], Rule: rule}}, true
	}
	switch {
	case l.path == "subject.namespace" && l.value == opts.Namespace:
		return def("namespace-flag")
	case l.path == "subject.namespace" && l.value == "default" && opts.Namespace == "":
		return def("namespace-default")
	case strings.HasSuffix(l.path, ".service") && strings.HasPrefix(l.value, in.Subject.Namespace+"/"):
		if o, ok := findWords(in.Request, leaf{path: l.path, value: strings.TrimPrefix(l.value, in.Subject.Namespace+"/")}); ok {
			return append(o, Origin{Field: l.path, From: FromDefault, Text: Defaults["subject-namespace"], Rule: "subject-namespace"}), true
		}
	case opts.AssumeAppLabel && strings.HasSuffix(l.path, ".matchLabels.app"):
		if o, ok := findWords(in.Request, leaf{path: strings.TrimSuffix(l.path, ".matchLabels.app") + ".name", value: l.value}); ok {
			for i := range o {
				o[i].Field, o[i].Rule = l.path, "app-label"
			}
			return o, true
		}
	case field == "port" && l.value == "443" && slices.ContainsFunc(strings.FieldsFunc(strings.ToLower(in.Request), func(r rune) bool { return !unicode.IsLetter(r) }), func(w string) bool { return w == "https" }):
		return def("https-port")
	case dnsRule(in, l.path) && (field == "port" || l.value == "*"):
		if l.value == "*" {
			return def("any-dns-name")
		}
		return def("cluster-dns")
	}
	return nil, false
}

// defaultDenyWords are the words a request says default deny with:
// "default deny", "default-deny", "deny by default", "enableDefaultDeny".
var defaultDenyWords = regexp.MustCompile(`(?i)\b(default[- ]?deny|deny[- ]by[- ]default|enableDefaultDeny)\b`)

// dnsRule reports whether path is inside a rule whose peer is the cluster DNS.
func dnsRule(in *Intent, path string) bool {
	var i int
	if _, err := fmt.Sscanf(path, "network[%d]", &i); err != nil || i >= len(in.Network) {
		return false
	}
	return slices.ContainsFunc(in.Network[i].Peers, func(p Peer) bool { return p.ClusterDNS })
}

// findWords finds the words of the request that hold every part of a
// value, one origin per part.
func findWords(request string, l leaf) ([]Origin, bool) {
	value := l.value
	if strings.Contains(l.path, ".matchLabels.") {
		value = l.path[strings.LastIndex(l.path, ".matchLabels.")+len(".matchLabels."):] + " " + value
	}
	if lastName(l.path) == "cidr" || strings.Contains(l.path, ".except[") {
		value = strings.TrimSuffix(strings.TrimSuffix(value, "/32"), "/128")
	}
	low := asciiLower(request)
	// "health-check" (or "10.1.2.3" for 10.1.2.3/32) said as it is: one
	// span, not its parts.
	if at := wordIndex(low, asciiLower(value)); at >= 0 && !strings.Contains(l.path, ".matchLabels.") {
		return []Origin{{Field: l.path, From: FromRequest, Start: at, End: at + len(value), Text: request[at : at+len(value)]}}, true
	}
	var out []Origin
	// As supported reads them: "edge-01" is said with its zero; a number
	// may have leading zeros ("port 080" means 80).
	for _, p := range runs(value) {
		at, end := wordIndex(low, p), 0
		if at >= 0 {
			end = at + len(p)
		} else if l.number {
			at, end = zeroPaddedIndex(low, p)
		}
		if at < 0 {
			return nil, false
		}
		if slices.ContainsFunc(out, func(o Origin) bool { return o.Start == at }) {
			continue
		}
		out = append(out, Origin{Field: l.path, From: FromRequest, Start: at, End: end, Text: request[at:end]})
	}
	return out, len(out) > 0
}

// zeroPaddedIndex finds the number n written with leading zeros in s
// ("080" for 80), where it is not part of a longer word: its span, or -1.
func zeroPaddedIndex(s, n string) (int, int) {
	for from := 0; ; {
		i := strings.Index(s[from:], "0"+n)
		if i < 0 {
			return -1, 0
		}
		i += from
		start, end := i, i+1+len(n)
		for start > 0 && s[start-1] == '0' {
			start--
		}
		if (start == 0 || !isWordByte(s[start-1])) && (end == len(s) || !isWordByte(s[end])) {
			return start, end
		}
		from = i + 1
	}
}

// isWordByte reports whether the byte is an ASCII letter or digit.
func isWordByte(r byte) bool {
	return r < 128 && (unicode.IsLetter(rune(r)) || unicode.IsDigit(rune(r)))
}

// wordIndex finds w in s where it is not part of a longer word.
func wordIndex(s, w string) int {
	for from := 0; ; {
		i := strings.Index(s[from:], w)
		if i < 0 {
			return -1
		}
		i += from
		end := i + len(w)
		if (i == 0 || !isWordByte(s[i-1])) && (end == len(s) || !isWordByte(s[end])) {
			return i
		}
		from = i + 1
	}
}

// asciiLower lowers ASCII letters only, so that byte offsets stay those of s.
func asciiLower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}
