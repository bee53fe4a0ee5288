package examples

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	corev1 "k8s.io/api/core/v1"
	"sigs.k8s.io/yaml"

	"github.com/kunerva/kunerva/internal/tree"
)

// The README's lists of references, external dependencies and addresses
// that are not connections are what a reader of the manifests should find:
// each row must be where it says, resolve where it says, and nothing that
// looks like an address may be missing from them.

const (
	serviceRefHeader  = "| from | where | value | to (Service port) |"
	externalRefHeader = "| from | where | value | to (host port) |"
	notAddressHeader  = "| workload | where | value | why |"
)

// setting is one string a workload's containers are given, and where:
// "env NAME", "args", "command", "ConfigMap NAME key KEY" or "Secret NAME
// key KEY".
type setting struct{ where, value string }

// settings lists every string the workload's containers read: env values,
// args, commands, and the keys of the ConfigMaps and Secrets they take
// through envFrom, valueFrom or a volume.
func settings(t *testing.T, tr *tree.Tree, w tree.Workload) []setting {
	t.Helper()
	pod := w.Template.Spec
	var out []setting
	keys := func(kind, name string, only string) {
		data := map[string]string{}
		switch kind {
		case "ConfigMap":
			var cm corev1.ConfigMap
			decodeTreeObject(t, tr, kind, w.Namespace, name, &cm)
			data = cm.Data
		case "Secret":
			var s corev1.Secret
			decodeTreeObject(t, tr, kind, w.Namespace, name, &s)
			data = s.StringData
			for k, v := range s.Data {
				data[k] = string(v)
			}
		}
		if only != "" {
			if _, ok := data[only]; !ok {
				t.Errorf("%s/%s reads key %s of %s %s, which has no such key", w.Namespace, w.Name, only, kind, name)
			}
		}
		for k, v := range data {
			if only == "" || k == only {
				out = append(out, setting{fmt.Sprintf("%s %s key %s", kind, name, k), v})
			}
		}
	}
	for _, c := range slices.Concat(pod.InitContainers, pod.Containers) {
		for _, a := range c.Args {
			out = append(out, setting{"args", a})
		}
		for _, a := range c.Command {
			out = append(out, setting{"command", a})
		}
		for _, e := range c.Env {
			switch {
			case e.ValueFrom == nil:
				out = append(out, setting{"env " + e.Name, e.Value})
			case e.ValueFrom.SecretKeyRef != nil:
				keys("Secret", e.ValueFrom.SecretKeyRef.Name, e.ValueFrom.SecretKeyRef.Key)
			case e.ValueFrom.ConfigMapKeyRef != nil:
				keys("ConfigMap", e.ValueFrom.ConfigMapKeyRef.Name, e.ValueFrom.ConfigMapKeyRef.Key)
			}
		}
		for _, e := range c.EnvFrom {
			if e.ConfigMapRef != nil {
				keys("ConfigMap", e.ConfigMapRef.Name, "")
			}
			if e.SecretRef != nil {
				keys("Secret", e.SecretRef.Name, "")
			}
		}
	}
	for _, v := range pod.Volumes {
		if v.ConfigMap != nil {
			keys("ConfigMap", v.ConfigMap.Name, "")
		}
		if v.Secret != nil {
			keys("Secret", v.Secret.SecretName, "")
		}
	}
	return out
}

// listedRow is a row of one of the three lists: the workload, where and
// what, and the cell that says what it reaches.
type listedRow struct {
	from, where, value, to string
	table                  string
}

func listedRows(t *testing.T) []listedRow {
	t.Helper()
	var rows []listedRow
	for _, h := range []string{serviceRefHeader, externalRefHeader, notAddressHeader} {
		for _, r := range readmeTable(t, h) {
			rows = append(rows, listedRow{from: r[0], where: r[1], value: r[2], to: r[3], table: h})
		}
	}
	return rows
}

// TestTravelReferences checks each listed reference: it is written where
// the row says, and its address resolves to the Service (or the host) and
// port the row names.
func TestTravelReferences(t *testing.T) {
	tr := loadTravel(t)
	for _, r := range listedRows(t) {
		t.Run(r.from+" "+r.value, func(t *testing.T) {
			ns, name, _ := strings.Cut(r.from, "/")
			w, ok := findWorkload(tr, ns, name)
			if !ok {
				t.Fatalf("no workload %s in the tree", r.from)
			}
			if !slices.ContainsFunc(settings(t, tr, w), func(s setting) bool { return s.where == r.where && strings.Contains(s.value, r.value) }) {
				t.Fatalf("%s has no %s holding %q", r.from, r.where, r.value)
			}
			switch r.table {
			case serviceRefHeader:
				checkServiceRef(t, tr, ns, r)
			case externalRefHeader:
				host, port, _ := strings.Cut(r.to, " ")
				if !strings.Contains(r.value, host) {
					t.Errorf("%q does not name the host %s", r.value, host)
				}
				if got := addressPort(r.value, host); strconv.Itoa(got) != port {
					t.Errorf("%q is port %d, README %s", r.value, got, port)
				}
				for _, s := range tr.Services {
					if got, ok := resolve(r.value, s.Name, ns); ok && got == s.Namespace {
						t.Errorf("%q names Service %s/%s of the tree; list it with the references", r.value, s.Namespace, s.Name)
					}
				}
			}
		})
	}
}

func checkServiceRef(t *testing.T, tr *tree.Tree, fromNS string, r listedRow) {
	t.Helper()
	if missing, ok := strings.CutPrefix(r.to, "none: no Service "); ok {
		ns, name, _ := strings.Cut(missing, "/")
		if _, found := findService(tr, ns, name); found {
			t.Errorf("the unresolvable reference resolves: Service %s is in the tree", missing)
		}
		if gotNS, ok := resolve(r.value, name, fromNS); !ok || gotNS != ns {
			t.Errorf("%q does not name Service %s", r.value, missing)
		}
		return
	}
	target, port, _ := strings.Cut(r.to, " ")
	ns, name, _ := strings.Cut(target, "/")
	s, ok := findService(tr, ns, name)
	if !ok {
		t.Fatalf("no Service %s in the tree", target)
	}
	if !slices.ContainsFunc(s.Ports, func(p tree.ServicePort) bool { return strconv.Itoa(int(p.Port)) == port }) {
		t.Errorf("Service %s has no port %s", target, port)
	}
	gotNS, ok := resolve(r.value, name, fromNS)
	if !ok || gotNS != ns {
		t.Errorf("%q from namespace %s does not resolve to Service %s (namespace %q)", r.value, fromNS, target, gotNS)
	}
	host := regexp.MustCompile(`\b` + regexp.QuoteMeta(name) + `[a-z0-9.-]*`).FindString(stripScheme(r.value))
	if got := addressPort(r.value, host); got != 0 && strconv.Itoa(got) != port {
		t.Errorf("%q is port %d, README %s", r.value, got, port)
	}
}

// stripScheme drops a URL's scheme and credentials, which may spell a
// Service's name (postgres://...) without naming its host.
func stripScheme(value string) string {
	if _, rest, ok := strings.Cut(value, "://"); ok {
		value = strings.TrimLeft(rest, "/")
		if i := strings.Index(value, "@"); i >= 0 && !strings.Contains(value[:i], "/") {
			value = value[i+1:]
		}
	}
	return value
}

// resolve finds the Service name in a DNS name of the value and returns
// the namespace it names: name alone is in the workload's namespace,
// name.ns, name.ns.svc and name.ns.svc.cluster.local in ns.
func resolve(value, name, fromNS string) (string, bool) {
	for _, tok := range regexp.MustCompile(`[a-z0-9][a-z0-9.-]*`).FindAllString(stripScheme(value), -1) {
		rest, ok := strings.CutPrefix(tok, name)
		switch {
		case !ok:
		case rest == "":
			return fromNS, true
		case strings.HasPrefix(rest, "."):
			ns, suffix, _ := strings.Cut(rest[1:], ".")
			if suffix == "" || suffix == "svc" || suffix == "svc.cluster.local" {
				return ns, true
			}
		}
	}
	return "", false
}

// addressPort is the port the value connects to host on: written after
// it, as port=N, or implied by an http or https scheme; 0 if none is.
func addressPort(value, host string) int {
	if i := strings.Index(value, host+":"); host != "" && i >= 0 {
		if m := regexp.MustCompile(`^\d+`).FindString(value[i+len(host)+1:]); m != "" {
			n, _ := strconv.Atoi(m)
			return n
		}
	}
	if m := regexp.MustCompile(`\bport=(\d+)`).FindStringSubmatch(value); m != nil {
		n, _ := strconv.Atoi(m[1])
		return n
	}
	switch {
	case strings.Contains(value, "https://"):
		return 443
	case strings.Contains(value, "http://"):
		return 80
	}
	return 0
}

// addressLike finds URLs and host:port pairs.
var addressLike = regexp.MustCompile(`[a-z][a-z0-9+.-]*://[^\s"']+|\b[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*:\d{1,5}\b`)

// TestTravelAddressesAreListed: every URL or host:port a workload is given
// is in one of the README's three lists, for that workload and place, so
// that the lists are all a reader of the manifests has to find.
func TestTravelAddressesAreListed(t *testing.T) {
	tr := loadTravel(t)
	rows := listedRows(t)
	for _, w := range tr.Workloads {
		from := w.Namespace + "/" + w.Name
		for _, s := range settings(t, tr, w) {
			for _, addr := range addressLike.FindAllString(s.value, -1) {
				if !slices.ContainsFunc(rows, func(r listedRow) bool {
					return r.from == from && r.where == s.where && (strings.Contains(addr, r.value) || strings.Contains(r.value, addr))
				}) {
					t.Errorf("%s %s: %q is in none of the README's lists (references, external dependencies, addresses that are not connections)", from, s.where, addr)
				}
			}
		}
	}
}

// TestTravelSecretsArePlaceholders: no Secret of the tree holds anything
// but placeholders (an address may hold one, as a webhook URL does).
func TestTravelSecretsArePlaceholders(t *testing.T) {
	tr := loadTravel(t)
	n := 0
	for _, o := range tr.Objects {
		if o.Kind != "Secret" {
			continue
		}
		n++
		var s corev1.Secret
		if err := yaml.Unmarshal(o.YAML, &s); err != nil {
			t.Fatalf("Secret %s/%s: %v", o.Namespace, o.Name, err)
		}
		if len(s.Data) > 0 {
			t.Errorf("Secret %s/%s: write placeholders in stringData, where a reader sees them", o.Namespace, o.Name)
		}
		for k, v := range s.StringData {
			if !strings.Contains(v, "change-me") {
				t.Errorf("Secret %s/%s key %s: %q holds no change-me placeholder", o.Namespace, o.Name, k, v)
			}
		}
	}
	if n == 0 {
		t.Error("the tree has no Secret")
	}
}
