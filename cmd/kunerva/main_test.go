package main

import (
	"bytes"
	"context"
	"encoding/json"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"sigs.k8s.io/yaml"

	"github.com/kunerva/kunerva/generator"
	"github.com/kunerva/kunerva/internal/controlplane"
	"github.com/kunerva/kunerva/internal/tree"
)

const (
	shopTree      = "../../examples/shop"
	resolvRequest = "block access to /etc/resolv.conf in the nginx pods"
)

type result struct {
	code           int
	stdout, stderr string
}

// kunerva runs the command in-process, as main does, with stdin as given.
func kunerva(t *testing.T, stdin string, args ...string) result {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := run(context.Background(), args, strings.NewReader(stdin), &stdout, &stderr)
	return result{code, stdout.String(), stderr.String()}
}

// needsControlPlane skips under -short and otherwise fails, saying how to
// build them, when kube-apiserver and etcd are missing.
func needsControlPlane(t *testing.T) {
	t.Helper()
	if testing.Short() {
		t.Skip("-short: the dry-run starts the local control plane")
	}
	if _, err := controlplane.FindBinaries(); err != nil {
		t.Fatalf("the local control plane is needed (make controlplane builds it): %v", err)
	}
}

func (r result) expect(t *testing.T, code int) {
	t.Helper()
	if r.code != code {
		t.Fatalf("exit code %d, want %d\nstdout:\n%s\nstderr:\n%s", r.code, code, r.stdout, r.stderr)
	}
	if code == exitOK && r.stderr != "" {
		t.Errorf("stderr is not empty on success:\n%s", r.stderr)
	}
	if code != exitOK && r.stdout != "" {
		t.Errorf("stdout is not empty on failure:\n%s", r.stdout)
	}
}

func TestGenerateYAML(t *testing.T) {
	r := kunerva(t, "", "generate", "--tree", shopTree, resolvRequest)
	r.expect(t, exitOK)
	var policy struct {
		APIVersion string `json:"apiVersion"`
		Kind       string `json:"kind"`
		Metadata   struct {
			Namespace   string            `json:"namespace"`
			Annotations map[string]string `json:"annotations"`
		} `json:"metadata"`
		Spec struct {
			Selector struct {
				MatchLabels map[string]string `json:"matchLabels"`
			} `json:"selector"`
			File struct {
				MatchPaths []struct {
					Path   string `json:"path"`
					Action string `json:"action"`
				} `json:"matchPaths"`
			} `json:"file"`
		} `json:"spec"`
	}
	if err := yaml.Unmarshal([]byte(r.stdout), &policy); err != nil {
		t.Fatalf("stdout is not YAML: %v\n%s", err, r.stdout)
	}
	if policy.APIVersion != "security.kubearmor.com/v1" || policy.Kind != "KubeArmorPolicy" {
		t.Errorf("got %s %s, want security.kubearmor.com/v1 KubeArmorPolicy", policy.APIVersion, policy.Kind)
	}
	if policy.Metadata.Namespace != "web" {
		t.Errorf("namespace %q, want web (where the tree puts nginx)", policy.Metadata.Namespace)
	}
	if got := policy.Spec.Selector.MatchLabels["app"]; got != "nginx" {
		t.Errorf("selector app=%q, want nginx", got)
	}
	if mp := policy.Spec.File.MatchPaths; len(mp) != 1 || mp[0].Path != "/etc/resolv.conf" || mp[0].Action != "Block" {
		t.Errorf("file.matchPaths = %+v, want one Block of /etc/resolv.conf", mp)
	}
	if got := policy.Metadata.Annotations["kunerva.io/request"]; got != resolvRequest {
		t.Errorf("request annotation %q, want %q", got, resolvRequest)
	}
}

func TestGenerateExplain(t *testing.T) {
	r := kunerva(t, "", "generate", "--tree", shopTree, "-o", "explain", resolvRequest)
	r.expect(t, exitOK)
	for _, want := range []string{"KubeArmorPolicy", "namespace web", "app=nginx", "blocks access to /etc/resolv.conf", `"` + resolvRequest + `"`} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("explanation does not mention %q:\n%s", want, r.stdout)
		}
	}
	if strings.Contains(r.stdout, "apiVersion:") {
		t.Errorf("explanation contains YAML:\n%s", r.stdout)
	}
	// Where the values come from, between what the policy does and the
	// engine: the path from the request's words, the namespace from the tree.
	for _, re := range []string{
		`(?s)\.\nWhere the values come from:\n.*Understood by the builtin engine from: "` + regexp.QuoteMeta(resolvRequest) + `"\n$`,
		`(?m)^- "/etc/resolv\.conf" in the request( \([a-z-]+\))?: system\[0\]\.path=/etc/resolv\.conf$`,
		`(?m)^- the tree: .*nginx.*: subject\.namespace=web$`,
		`(?m)^- "[^"]*nginx[^"]*" in the request \([a-z-]+\): .*subject\.pods\.matchLabels\.app=nginx`,
	} {
		if !regexp.MustCompile(re).MatchString(r.stdout) {
			t.Errorf("the explanation does not match %s:\n%s", re, r.stdout)
		}
	}
}

func TestGenerateIntent(t *testing.T) {
	r := kunerva(t, "", "generate", "--tree", shopTree, "-o", "intent", resolvRequest)
	r.expect(t, exitOK)
	var in generator.Intent
	dec := json.NewDecoder(strings.NewReader(r.stdout))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&in); err != nil {
		t.Fatalf("stdout is not an intent as JSON: %v\n%s", err, r.stdout)
	}
	if err := in.Validate(); err != nil {
		t.Errorf("printed intent is invalid: %v", err)
	}
	if in.Request != resolvRequest || in.Engine != generator.EngineBuiltin {
		t.Errorf("request %q by engine %q, want %q by %q", in.Request, in.Engine, resolvRequest, generator.EngineBuiltin)
	}
	if in.Subject.Namespace != "web" || len(in.System) != 1 || in.System[0].Path != "/etc/resolv.conf" || in.System[0].Action != generator.ActionBlock {
		t.Errorf("intent = %+v, want Block /etc/resolv.conf in namespace web", in)
	}
}

// TestGenerateIntentOrigins checks that the printed intent says where its
// values come from: spans of the request that hold the words they quote,
// facts of the tree, all of them accounted for as Generate checked them.
func TestGenerateIntentOrigins(t *testing.T) {
	shop, err := tree.Load(shopTree)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		request string
		// spans are words the request's origins quote, by field.
		spans map[string]string
		// fromTree are fields the tree gave.
		fromTree []string
	}{
		{
			request:  resolvRequest,
			spans:    map[string]string{"system[0].path": "/etc/resolv.conf"},
			fromTree: []string{"subject.namespace"},
		},
		{
			request:  "only the checkout pods may reach payments on 443",
			spans:    map[string]string{"network[0].direction": "reach"},
			fromTree: []string{"subject.namespace", "network[0].peers[0].namespace", "network[0].ports[0].port"},
		},
	} {
		t.Run(tc.request, func(t *testing.T) {
			r := kunerva(t, "", "generate", "--tree", shopTree, "-o", "intent", tc.request)
			r.expect(t, exitOK)
			var in generator.Intent
			dec := json.NewDecoder(strings.NewReader(r.stdout))
			dec.DisallowUnknownFields()
			if err := dec.Decode(&in); err != nil {
				t.Fatalf("stdout is not an intent as JSON: %v\n%s", err, r.stdout)
			}
			if len(in.Origins) == 0 {
				t.Fatalf("the intent has no origins:\n%s", r.stdout)
			}
			if err := in.CheckOrigins(shop); err != nil {
				t.Errorf("the printed intent does not account for its values: %v", err)
			}
			for _, o := range in.Origins {
				if o.From == generator.FromRequest && (o.Start < 0 || o.End > len(in.Request) || o.Start >= o.End || in.Request[o.Start:o.End] != o.Text) {
					t.Errorf("%s: %q is not at %d-%d of the request %q", o.Field, o.Text, o.Start, o.End, in.Request)
				}
			}
			for field, words := range tc.spans {
				if !slices.ContainsFunc(in.Origins, func(o generator.Origin) bool {
					return o.Field == field && o.From == generator.FromRequest && o.Text == words
				}) {
					t.Errorf("no origin of %s in the request's words %q:\n%s", field, words, r.stdout)
				}
			}
			for _, field := range tc.fromTree {
				if !slices.ContainsFunc(in.Origins, func(o generator.Origin) bool { return o.Field == field && o.From == generator.FromTree }) {
					t.Errorf("no origin of %s in the tree:\n%s", field, r.stdout)
				}
			}
		})
	}
}

func TestGenerateJSON(t *testing.T) {
	r := kunerva(t, "", "generate", "--tree", shopTree, "-o", "json", resolvRequest)
	r.expect(t, exitOK)
	var obj map[string]any
	if err := json.Unmarshal([]byte(r.stdout), &obj); err != nil {
		t.Fatalf("stdout is not JSON: %v\n%s", err, r.stdout)
	}
	if obj["kind"] != "KubeArmorPolicy" {
		t.Errorf("kind %v, want KubeArmorPolicy", obj["kind"])
	}
	// The JSON and YAML outputs are the same object.
	y := kunerva(t, "", "generate", "--tree", shopTree, resolvRequest)
	fromYAML, err := yaml.YAMLToJSON([]byte(y.stdout))
	if err != nil {
		t.Fatal(err)
	}
	var yobj map[string]any
	if err := json.Unmarshal(fromYAML, &yobj); err != nil {
		t.Fatal(err)
	}
	a, _ := json.Marshal(obj)
	b, _ := json.Marshal(yobj)
	if !bytes.Equal(a, b) {
		t.Errorf("-o json and -o yaml differ:\n%s\n%s", a, b)
	}
}

func TestGenerateNetworkPolicy(t *testing.T) {
	r := kunerva(t, "", "generate", "-n", "shop", "only pods labeled app=checkout may reach pods labeled app=payments on 8443")
	r.expect(t, exitOK)
	for _, want := range []string{"kind: NetworkPolicy", "namespace: shop", "app: payments", "app: checkout", "port: 8443", "- Ingress"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("output does not contain %q:\n%s", want, r.stdout)
		}
	}
}

func TestGenerateFromStdin(t *testing.T) {
	fromArgs := kunerva(t, "", "generate", "--tree", shopTree, resolvRequest)
	fromArgs.expect(t, exitOK)
	r := kunerva(t, "  "+resolvRequest+"\n", "generate", "--tree", shopTree, "-")
	r.expect(t, exitOK)
	if r.stdout != fromArgs.stdout {
		t.Errorf("request from stdin gives\n%s\nbut from the arguments\n%s", r.stdout, fromArgs.stdout)
	}
}

func TestGenerateJoinsArguments(t *testing.T) {
	fromArgs := kunerva(t, "", "generate", "--tree", shopTree, resolvRequest)
	r := kunerva(t, "", append([]string{"generate", "--tree", shopTree}, strings.Fields(resolvRequest)...)...)
	r.expect(t, exitOK)
	if r.stdout != fromArgs.stdout {
		t.Errorf("unquoted words give\n%s\nbut one argument\n%s", r.stdout, fromArgs.stdout)
	}
}

func TestGenerateErrors(t *testing.T) {
	missingTree := filepath.Join(t.TempDir(), "no-such-tree")
	tests := []struct {
		name  string
		stdin string
		args  []string
		code  int
		// stderr must contain every one of these.
		stderr []string
	}{
		{
			name:   "unknown kind",
			args:   []string{"generate", "--kind", "PodSecurityPolicy", resolvRequest},
			code:   exitUsage,
			stderr: []string{`unknown policy kind "PodSecurityPolicy"`, "NetworkPolicy (np)", "KubeArmorPolicy (ksp)"},
		},
		{
			name:   "unknown output",
			args:   []string{"generate", "-o", "xml", resolvRequest},
			code:   exitUsage,
			stderr: []string{`unknown output "xml"`, "yaml, json, explain or intent"},
		},
		{
			name:   "unknown flag",
			args:   []string{"generate", "--colour", resolvRequest},
			code:   exitUsage,
			stderr: []string{"unknown flag: --colour"},
		},
		{
			name:   "no request",
			args:   []string{"generate"},
			code:   exitUsage,
			stderr: []string{"requires at least 1 arg"},
		},
		{
			name:   "tree that does not exist",
			args:   []string{"generate", "--tree", missingTree, resolvRequest},
			code:   exitUsage,
			stderr: []string{missingTree},
		},
		{
			name:   "refused request",
			args:   []string{"generate", "make the cluster faster"},
			code:   exitNotUnderstood,
			stderr: []string{"kunerva: request not understood:", "try, for example:"},
		},
		{
			name:   "system request without pods",
			args:   []string{"generate", "block access to /etc/shadow"},
			code:   exitNotUnderstood,
			stderr: []string{"request not understood:", "understood:", "try, for example:"},
		},
		{
			name:   "empty request from stdin",
			stdin:  " \n",
			args:   []string{"generate", "-"},
			code:   exitNotUnderstood,
			stderr: []string{"the request is empty", "try, for example:"},
		},
		{
			// 16 KiB of one short sentence would take the built-in engine
			// seconds: every engine refuses it before reading.
			name:   "request longer than a request may be",
			stdin:  strings.Repeat("Block it. ", 201),
			args:   []string{"generate", "-"},
			code:   exitNotUnderstood,
			stderr: []string{"the request is 2009 characters long, and kunerva reads requests of at most 2000", "try, for example:"},
		},
		{
			name:   "forced kind that cannot express the request",
			args:   []string{"generate", "--tree", shopTree, "--kind", "np", resolvRequest},
			code:   exitNotUnderstood,
			stderr: []string{"NetworkPolicy cannot express this request", "--kind KubeArmorPolicy"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := kunerva(t, tc.stdin, tc.args...)
			r.expect(t, tc.code)
			if !strings.HasPrefix(r.stderr, "kunerva: ") || strings.Count(r.stderr, "kunerva: ") != 1 {
				t.Errorf("stderr should carry the error once, after \"kunerva: \":\n%s", r.stderr)
			}
			for _, want := range tc.stderr {
				if !strings.Contains(r.stderr, want) {
					t.Errorf("stderr does not contain %q:\n%s", want, r.stderr)
				}
			}
		})
	}
}
