package generator_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/kunerva/kunerva/generator"
	"github.com/kunerva/kunerva/internal/tree"
)

// shopTree is the demo tree: nginx runs in web with app=nginx, frontend in
// shop with app=frontend, payments in payments (container port 8443 behind
// the Service port 443), checkout in shop with app.kubernetes.io/name=checkout.
var shopTree = sync.OnceValues(func() (*tree.Tree, error) { return tree.Load("../examples/shop") })

func loadShop(t *testing.T) *tree.Tree {
	t.Helper()
	tr, err := shopTree()
	if err != nil {
		t.Fatal(err)
	}
	return tr
}

// said is the origin of field in the words text, where they first occur in
// the request.
func said(t *testing.T, request, field, text, rule string) generator.Origin {
	t.Helper()
	if !strings.Contains(request, text) {
		t.Fatalf("%q is not in the request %q", text, request)
	}
	return span(request, "", field, text, rule)
}

// span is the origin of field in the words text, where they first occur
// in the request from the words after on; it panics if they do not.
func span(request, after, field, text, rule string) generator.Origin {
	from := strings.Index(request, after)
	at := -1
	if from >= 0 {
		at = strings.Index(request[from:], text)
	}
	if at < 0 {
		panic(fmt.Sprintf("%q after %q is not in the request %q", text, after, request))
	}
	at += from
	return generator.Origin{Field: field, From: generator.FromRequest, Start: at, End: at + len(text), Text: text, Rule: rule}
}

// frontendIntent is "allow the frontend pods to reach pods labeled
// app=payments on port <portWords>" as the built-in engine accounts for
// it with the shop tree: every value has an origin; the port is 8443
// whatever portWords says.
func frontendIntent(t *testing.T, portWords string) *generator.Intent {
	req := "allow the frontend pods to reach pods labeled app=payments on port " + portWords
	return &generator.Intent{
		Request: req,
		Engine:  "test",
		Subject: pods("shop", labels("app", "frontend"), "frontend"),
		Network: []generator.NetworkRule{{
			Direction: generator.Egress, Verdict: generator.Allow,
			Peers: []generator.Peer{{Pods: labels("app", "payments"), Name: "payments"}},
			Ports: []generator.Port{{Port: 8443, Protocol: "TCP"}},
		}},
		Origins: []generator.Origin{
			said(t, req, "subject.scope", "the frontend pods", "pods"),
			{Field: "subject.namespace", From: generator.FromTree, Text: "Deployment frontend runs in namespace shop"},
			said(t, req, "subject.pods", "frontend", "workload-name"),
			{Field: "subject.pods", From: generator.FromTree, Text: "Deployment shop/frontend selects its pods by app=frontend"},
			said(t, req, "network[0].verdict", "allow", "allow-word"),
			said(t, req, "network[0].direction", "reach", "direction-verb"),
			said(t, req, "network[0].peers[0].pods", "app=payments", "label"),
			said(t, req, "network[0].ports[0].port", portWords, "port"),
			{Field: "network[0].ports[0].protocol", From: generator.FromDefault, Text: generator.Defaults["tcp"], Rule: "tcp"},
		},
	}
}

// nodeIntent is "block /bin/sh on the nodes labeled
// kubernetes.io/hostname=<words>", its node label value being value.
func nodeIntent(t *testing.T, words, value string) *generator.Intent {
	req := "block /bin/sh on the nodes labeled kubernetes.io/hostname=" + words
	return &generator.Intent{
		Request: req,
		Engine:  "test",
		Subject: generator.Subject{Scope: generator.ScopeNodes, Nodes: labels("kubernetes.io/hostname", value)},
		System:  []generator.SystemRule{{Kind: generator.Process, Action: generator.ActionBlock, Path: "/bin/sh"}},
		Origins: []generator.Origin{
			said(t, req, "subject.scope", "nodes", "nodes"),
			said(t, req, "subject.nodes", "kubernetes.io/hostname="+words, "label"),
			said(t, req, "system[0].action", "block", "action-word"),
			said(t, req, "system[0].kind", "/bin/sh", "executable-path"),
			said(t, req, "system[0].path", "/bin/sh", "path"),
		},
	}
}

// origin returns a pointer to the first origin of in for field.
func origin(t *testing.T, in *generator.Intent, field string) *generator.Origin {
	t.Helper()
	for i := range in.Origins {
		if in.Origins[i].Field == field {
			return &in.Origins[i]
		}
	}
	t.Fatalf("no origin for %s in %+v", field, in.Origins)
	return nil
}

// TestCheckOrigins checks that CheckOrigins accepts an intent whose every
// value is accounted for and names each value that is not, with why.
func TestCheckOrigins(t *testing.T) {
	tests := []struct {
		name string
		in   func(t *testing.T) *generator.Intent
		// tree is the shop tree unless noTree.
		noTree bool
		// want are the error's lines, in order; none for an accepted intent.
		want []string
	}{
		{
			name: "every value accounted for",
			in:   func(t *testing.T) *generator.Intent { return frontendIntent(t, "8443") },
		},
		{
			name: "a policy left out of default deny, by the words that say so",
			in: func(t *testing.T) *generator.Intent {
				in := frontendIntent(t, "8443")
				in.Request += ", without putting the frontend into default deny"
				in.NoDefaultDeny = []generator.Direction{generator.Egress}
				in.Origins = append(in.Origins, said(t, in.Request, "noDefaultDeny", "without putting the frontend into default deny", "no-default-deny"))
				return in
			},
		},
		{
			name: "a policy left out of default deny with no words for it",
			in: func(t *testing.T) *generator.Intent {
				in := frontendIntent(t, "8443")
				in.NoDefaultDeny = []generator.Direction{generator.Egress}
				return in
			},
			want: []string{`noDefaultDeny[0]: "egress" comes from nowhere: neither the request, the tree nor a default gave it`},
		},
		{
			name: "a policy left out of default deny by words read by no rule",
			in: func(t *testing.T) *generator.Intent {
				in := frontendIntent(t, "8443")
				in.Request += ", no default deny"
				in.NoDefaultDeny = []generator.Direction{generator.Egress}
				in.Origins = append(in.Origins, said(t, in.Request, "noDefaultDeny", "no default deny", ""))
				return in
			},
			want: []string{`noDefaultDeny[0]: "egress" is a reading of "no default deny" but names no rule`},
		},
		{
			name: "a number written with a leading zero: port 08443 gives 8443",
			in:   func(t *testing.T) *generator.Intent { return frontendIntent(t, "08443") },
		},
		{
			name: "a value its words do not contain: 8443 from 8080",
			in:   func(t *testing.T) *generator.Intent { return frontendIntent(t, "8080") },
			want: []string{`network[0].ports[0].port: "8443" is not in the words it is said to come from ("8080")`},
		},
		{
			name: "a value with no origin",
			in: func(t *testing.T) *generator.Intent {
				in := frontendIntent(t, "8443")
				in.Origins = slices.DeleteFunc(in.Origins, func(o generator.Origin) bool { return o.Field == "network[0].ports[0].protocol" })
				return in
			},
			want: []string{`network[0].ports[0].protocol: "TCP" comes from nowhere: neither the request, the tree nor a default gave it`},
		},
		{
			name: "a span whose words are not at its offsets",
			in: func(t *testing.T) *generator.Intent {
				in := frontendIntent(t, "8443")
				o := origin(t, in, "network[0].direction")
				o.Start, o.End = o.Start+1, o.End+1
				return in
			},
			want: []string{`network[0].direction: its origin quotes "reach" at 28-33, which is not in the request`},
		},
		{
			name: "a span beyond the end of the request",
			in: func(t *testing.T) *generator.Intent {
				in := frontendIntent(t, "8443")
				o := origin(t, in, "network[0].ports[0].port")
				o.End = len(in.Request) + 4
				return in
			},
			want: []string{`network[0].ports[0].port: its origin quotes "8443" at 67-75, which is not in the request`},
		},
		{
			name: "words that are in the request but elsewhere",
			in: func(t *testing.T) *generator.Intent {
				in := frontendIntent(t, "8443")
				o := origin(t, in, "network[0].verdict")
				o.Start, o.End = 1, 6 // "llow "
				return in
			},
			want: []string{`network[0].verdict: its origin quotes "allow" at 1-6, which is not in the request`},
		},
		{
			name: "a reading of the request without the rule that read it",
			in: func(t *testing.T) *generator.Intent {
				in := frontendIntent(t, "8443")
				origin(t, in, "network[0].direction").Rule = ""
				origin(t, in, "network[0].verdict").Rule = ""
				return in
			},
			want: []string{
				`network[0].direction: "egress" is a reading of "reach" but names no rule`,
				`network[0].verdict: "allow" is a reading of "allow" but names no rule`,
			},
		},
		{
			name: "a literal needs no rule",
			in: func(t *testing.T) *generator.Intent {
				in := frontendIntent(t, "8443")
				origin(t, in, "network[0].ports[0].port").Rule = ""
				return in
			},
		},
		{
			name: "a default that is not documented",
			in: func(t *testing.T) *generator.Intent {
				in := frontendIntent(t, "8443")
				origin(t, in, "network[0].ports[0].protocol").Rule = "usual-protocol"
				return in
			},
			want: []string{`network[0].ports[0].protocol: "TCP" is said to be the default "usual-protocol", which is no documented default`},
		},
		{
			name: "a tree fact the tree does not have",
			in: func(t *testing.T) *generator.Intent {
				in := frontendIntent(t, "8443")
				in.Subject.Namespace = "storefront"
				return in
			},
			want: []string{`subject.namespace: "storefront" is said to come from the tree (Deployment frontend runs in namespace shop), which has no such value`},
		},
		{
			name: "a label value the tree does not have",
			in: func(t *testing.T) *generator.Intent {
				in := frontendIntent(t, "8443")
				in.Subject.Pods = labels("app", "frontend-v2")
				origin(t, in, "subject.pods").From, origin(t, in, "subject.pods").Text = generator.FromTree, "Deployment shop/frontend selects its pods by app=frontend"
				return in
			},
			want: []string{`subject.pods.matchLabels.app: "frontend-v2" is said to come from the tree (Deployment shop/frontend selects its pods by app=frontend), which has no such value`},
		},
		{
			name:   "a tree fact without a tree",
			in:     func(t *testing.T) *generator.Intent { return frontendIntent(t, "8443") },
			noTree: true,
			want: []string{
				`subject.namespace: "shop" is said to come from the tree, but there is none`,
				`subject.pods.matchLabels.app: "frontend" is said to come from the tree, but there is none`,
			},
		},
		{
			name: "a model may read a direction",
			in: func(t *testing.T) *generator.Intent {
				in := frontendIntent(t, "8443")
				*origin(t, in, "network[0].direction") = generator.Origin{Field: "network[0].direction", From: generator.FromModel, Text: "egress"}
				return in
			},
		},
		{
			name: "a model may not give a literal",
			in: func(t *testing.T) *generator.Intent {
				in := frontendIntent(t, "8443")
				*origin(t, in, "network[0].ports[0].port") = generator.Origin{Field: "network[0].ports[0].port", From: generator.FromModel, Text: "8443"}
				return in
			},
			want: []string{`network[0].ports[0].port: "8443" is a value the request or the tree must give, not the model`},
		},
		{
			name: "an origin of an unknown kind",
			in: func(t *testing.T) *generator.Intent {
				in := frontendIntent(t, "8443")
				origin(t, in, "network[0].ports[0].protocol").From = "guess"
				return in
			},
			want: []string{`network[0].ports[0].protocol: origin "guess" of "TCP" is not request, tree, default or model`},
		},
		{
			name: "a bad span beside a tree fact that gives the value",
			in: func(t *testing.T) *generator.Intent {
				in := frontendIntent(t, "8443")
				// The tree's origin of subject.pods comes before this one.
				in.Origins = append(in.Origins, generator.Origin{Field: "subject.pods", From: generator.FromRequest, Start: 0, End: 8, Text: "frontend", Rule: "workload-name"})
				return in
			},
			want: []string{`subject.pods.matchLabels.app: its origin quotes "frontend" at 0-8, which is not in the request`},
		},
		{
			name: "an origin of an unknown kind after a documented default",
			in: func(t *testing.T) *generator.Intent {
				in := frontendIntent(t, "8443")
				in.Origins = append(in.Origins, generator.Origin{Field: "network[0].ports[0]", From: "guess", Text: "TCP"})
				return in
			},
			want: []string{
				`network[0].ports[0].port: origin "guess" of "8443" is not request, tree, default or model`,
				`network[0].ports[0].protocol: origin "guess" of "TCP" is not request, tree, default or model`,
			},
		},
		{
			name: "an origin of a path covers the values below it",
			in: func(t *testing.T) *generator.Intent {
				in := frontendIntent(t, "8443")
				in.Network[0].Ports = append(in.Network[0].Ports, generator.Port{Port: 8443, Protocol: "UDP"})
				o := said(t, in.Request, "network[0].ports", "8443", "port")
				in.Origins = append(in.Origins, o, generator.Origin{Field: "network[0].ports[1].protocol", From: generator.FromModel, Text: "UDP"})
				return in
			},
		},
		{
			name: "a node label value written with its zero",
			in:   func(t *testing.T) *generator.Intent { return nodeIntent(t, "edge-01", "edge-01") },
		},
		{
			name: "a node label value without the zero its words have",
			in:   func(t *testing.T) *generator.Intent { return nodeIntent(t, "edge-01", "edge-1") },
			want: []string{`subject.nodes.matchLabels.kubernetes.io/hostname: "edge-1" is not in the words it is said to come from ("kubernetes.io/hostname=edge-01")`},
		},
		{
			name: "a node label value with a zero its words do not have",
			in:   func(t *testing.T) *generator.Intent { return nodeIntent(t, "edge-1", "edge-01") },
			want: []string{`subject.nodes.matchLabels.kubernetes.io/hostname: "edge-01" is not in the words it is said to come from ("kubernetes.io/hostname=edge-1")`},
		},
		{
			name: "a label key its words do not contain",
			in: func(t *testing.T) *generator.Intent {
				in := nodeIntent(t, "edge-01", "edge-01")
				in.Subject.Nodes = labels("topology.kubernetes.io/zone", "edge-01")
				return in
			},
			want: []string{`subject.nodes.matchLabels.topology.kubernetes.io/zone: "edge-01" is not in the words it is said to come from ("kubernetes.io/hostname=edge-01")`},
		},
		{
			name: "the others' values are checked, with their place",
			in: func(t *testing.T) *generator.Intent {
				in := frontendIntent(t, "8443")
				other := frontendIntent(t, "8443")
				other.Request = in.Request
				other.Network[0].Ports[0].Port = 9443
				in.Others = []*generator.Intent{other}
				return in
			},
			want: []string{`others[0].network[0].ports[0].port: "9443" is not in the words it is said to come from ("8443")`},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var tr *tree.Tree
			if !tc.noTree {
				tr = loadShop(t)
			}
			err := tc.in(t).CheckOrigins(tr)
			var got []string
			if err != nil {
				got = strings.Split(err.Error(), "\n")
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("CheckOrigins() =\n  %q\nwant\n  %q", got, tc.want)
			}
		})
	}
}

// TestAttribute checks that Attribute finds where a model's values come
// from (the request's words, the tree, a documented default), that what it
// finds passes CheckOrigins, and that it names each value nothing gives.
func TestAttribute(t *testing.T) {
	type from struct{ from, text, rule string }
	tests := []struct {
		name string
		in   *generator.Intent
		opts generator.Options
		// want are the origins Attribute gives some fields, in order.
		want map[string][]from
		// problems are Attribute's problems, in order.
		problems []string
	}{
		{
			name: "literals from the request's words, readings from the model, the namespace from -n",
			in: &generator.Intent{
				Request: "deny egress from pods labeled app=frontend to 10.0.0.0/8 on 8443/udp",
				Subject: pods("shop", labels("app", "frontend"), "frontend"),
				Network: []generator.NetworkRule{{Direction: generator.Egress, Verdict: generator.Deny,
					Peers: []generator.Peer{{CIDR: "10.0.0.0/8"}}, Ports: []generator.Port{{Port: 8443, Protocol: "UDP"}}}},
			},
			opts: generator.Options{Namespace: "shop"},
			want: map[string][]from{
				"subject.namespace":            {{generator.FromDefault, generator.Defaults["namespace-flag"], "namespace-flag"}},
				"subject.pods.matchLabels.app": {{generator.FromRequest, "app", ""}, {generator.FromRequest, "frontend", ""}},
				"subject.scope":                {{generator.FromModel, "pods", ""}},
				"network[0].direction":         {{generator.FromModel, "egress", ""}},
				"network[0].verdict":           {{generator.FromModel, "deny", ""}},
				"network[0].peers[0].cidr":     {{generator.FromRequest, "10.0.0.0/8", ""}},
				"network[0].ports[0].port":     {{generator.FromRequest, "8443", ""}},
				"network[0].ports[0].protocol": {{generator.FromModel, "UDP", ""}},
			},
		},
		{
			name: "a model's policy left out of default deny rests on the request's words of default deny",
			in: &generator.Intent{
				Request: "let pods labeled app=agent reach the world on 443; additive, don't enable default-deny",
				Subject: pods("ai", labels("app", "agent"), "agent"),
				Network: []generator.NetworkRule{{Direction: generator.Egress, Verdict: generator.Allow,
					Peers: []generator.Peer{{Entity: "world"}}, Ports: []generator.Port{{Port: 443}}}},
				NoDefaultDeny: []generator.Direction{generator.Egress},
			},
			opts: generator.Options{Namespace: "ai"},
			want: map[string][]from{"noDefaultDeny[0]": {{generator.FromRequest, "default-deny", "model-reading"}}},
		},
		{
			name: "a model's policy left out of default deny that the request does not ask for",
			in: &generator.Intent{
				Request: "let pods labeled app=agent reach the world on 443",
				Subject: pods("ai", labels("app", "agent"), "agent"),
				Network: []generator.NetworkRule{{Direction: generator.Egress, Verdict: generator.Allow,
					Peers: []generator.Peer{{Entity: "world"}}, Ports: []generator.Port{{Port: 443}}}},
				NoDefaultDeny: []generator.Direction{generator.Egress},
			},
			opts:     generator.Options{Namespace: "ai"},
			problems: []string{"noDefaultDeny[0]: the request says nothing of default deny; leave noDefaultDeny empty unless it asks that this policy not put the pods into default deny"},
		},
		{
			name: "a /32 address from the address alone",
			in: &generator.Intent{
				Request: "block egress to 169.254.169.254 from the pods in namespace shop",
				Subject: pods("shop", nil, ""),
				Network: []generator.NetworkRule{{Direction: generator.Egress, Verdict: generator.Deny, Peers: []generator.Peer{{CIDR: "169.254.169.254/32"}}}},
			},
			want: map[string][]from{
				"network[0].peers[0].cidr": {{generator.FromRequest, "169.254.169.254", ""}},
				"subject.namespace":        {{generator.FromRequest, "shop", ""}},
			},
		},
		{
			name: "a hyphenated name is one span",
			in: &generator.Intent{
				Request: "allow ingress to pods labeled app=api on the health-check port",
				Subject: pods("default", labels("app", "api"), "api"),
				Network: []generator.NetworkRule{{Direction: generator.Ingress, Verdict: generator.Allow, Ports: []generator.Port{{Name: "health-check"}}}},
			},
			want: map[string][]from{
				"network[0].ports[0].name": {{generator.FromRequest, "health-check", ""}},
				"subject.namespace":        {{generator.FromDefault, generator.Defaults["namespace-default"], "namespace-default"}},
			},
		},
		{
			name: "a node label from its key and its value, the zero as written",
			in: &generator.Intent{
				Request: "audit unlink on the nodes labeled kubernetes.io/hostname=edge-01",
				Subject: generator.Subject{Scope: generator.ScopeNodes, Nodes: labels("kubernetes.io/hostname", "edge-01")},
				System:  []generator.SystemRule{{Kind: generator.Syscall, Action: generator.ActionAudit, Syscalls: []string{"unlink"}}},
			},
			want: map[string][]from{
				"subject.nodes.matchLabels.kubernetes.io/hostname": {
					{generator.FromRequest, "kubernetes", ""}, {generator.FromRequest, "io", ""}, {generator.FromRequest, "hostname", ""},
					{generator.FromRequest, "edge", ""}, {generator.FromRequest, "01", ""},
				},
				"system[0].syscalls[0]": {{generator.FromRequest, "unlink", ""}},
				"system[0].action":      {{generator.FromModel, "Audit", ""}},
			},
		},
		{
			name: "a label whose key extends another label's key has origins of its own",
			in: &generator.Intent{
				Request: "${APP}-dragonfly for the immich instance: pods labeled app=immich-dragonfly and app.kubernetes.io/name=dragonfly in namespace database may not reach the world",
				Subject: generator.Subject{Scope: generator.ScopePods, Namespace: "database", Pods: labels("app", "immich-dragonfly", "app.kubernetes.io/name", "dragonfly")},
				Network: []generator.NetworkRule{{Direction: generator.Egress, Verdict: generator.Deny, Peers: []generator.Peer{{Entity: "world"}}}},
			},
			want: map[string][]from{
				"subject.pods.matchLabels.app.kubernetes.io/name": {
					{generator.FromRequest, "APP", ""}, {generator.FromRequest, "kubernetes", ""}, {generator.FromRequest, "io", ""},
					{generator.FromRequest, "name", ""}, {generator.FromRequest, "dragonfly", ""},
				},
			},
		},
		{
			name: "a number written with leading zeros",
			in: &generator.Intent{
				Request: "allow egress from pods labeled app=frontend to 10.0.0.0/8 on port 080",
				Subject: pods("shop", labels("app", "frontend"), "frontend"),
				Network: []generator.NetworkRule{{Direction: generator.Egress, Verdict: generator.Allow,
					Peers: []generator.Peer{{CIDR: "10.0.0.0/8"}}, Ports: []generator.Port{{Port: 80}}}},
			},
			opts: generator.Options{Namespace: "shop"},
			want: map[string][]from{"network[0].ports[0].port": {{generator.FromRequest, "080", ""}}},
		},
		{
			name: "values the tree gives",
			in: &generator.Intent{
				Request: "only the checkout pods may reach payments on 443",
				Subject: pods("payments", labels("app", "payments"), "payments"),
				Network: []generator.NetworkRule{{Direction: generator.Ingress, Verdict: generator.Allow,
					Peers: []generator.Peer{{Pods: labels("app.kubernetes.io/name", "checkout"), Namespace: "shop", Name: "checkout"}},
					Ports: []generator.Port{{Port: 8443}}}},
			},
			opts: generator.Options{Tree: loadShop(t)},
			want: map[string][]from{
				// The request says "payments"; "app" is the tree's.
				"subject.namespace":                                           {{generator.FromRequest, "payments", ""}},
				"subject.pods.matchLabels.app":                                {{generator.FromTree, "a fact of the tree ../examples/shop", ""}},
				"network[0].peers[0].namespace":                               {{generator.FromTree, "a fact of the tree ../examples/shop", ""}},
				"network[0].peers[0].pods.matchLabels.app.kubernetes.io/name": {{generator.FromTree, "a fact of the tree ../examples/shop", ""}},
				"network[0].ports[0].port":                                    {{generator.FromTree, "a fact of the tree ../examples/shop", ""}},
			},
		},
		{
			name: "a bare name as app=NAME with --assume-app-label",
			in: &generator.Intent{
				Request: "block access to /etc/shadow in the nginx pods",
				Subject: pods("web", labels("app", "nginx"), "nginx"),
				System:  []generator.SystemRule{{Kind: generator.File, Action: generator.ActionBlock, Path: "/etc/shadow"}},
			},
			opts: generator.Options{Namespace: "web", AssumeAppLabel: true},
			want: map[string][]from{
				"subject.pods.matchLabels.app": {{generator.FromRequest, "nginx", "app-label"}},
				"subject.namespace":            {{generator.FromDefault, generator.Defaults["namespace-flag"], "namespace-flag"}},
				"system[0].path":               {{generator.FromRequest, "/etc/shadow", ""}},
			},
		},
		{
			name: "a name of two words as app=NAME with --assume-app-label",
			in: &generator.Intent{
				Request: "block /bin/sh in the node exporter pods",
				Subject: pods("monitoring", labels("app", "node-exporter"), "node-exporter"),
				System:  []generator.SystemRule{{Kind: generator.Process, Action: generator.ActionBlock, Path: "/bin/sh"}},
			},
			opts: generator.Options{Namespace: "monitoring", AssumeAppLabel: true},
			want: map[string][]from{
				"subject.pods.matchLabels.app": {{generator.FromRequest, "node", "app-label"}, {generator.FromRequest, "exporter", "app-label"}},
			},
		},
		{
			name: "a Service in the subject's namespace",
			in: &generator.Intent{
				Request: "allow the frontend pods to reach the checkout service",
				Subject: pods("shop", labels("app", "frontend"), "frontend"),
				Network: []generator.NetworkRule{{Direction: generator.Egress, Verdict: generator.Allow, Peers: []generator.Peer{{Service: "shop/checkout"}}}},
			},
			opts: generator.Options{Namespace: "shop", AssumeAppLabel: true},
			want: map[string][]from{
				"network[0].peers[0].service": {{generator.FromRequest, "checkout", ""}, {generator.FromDefault, generator.Defaults["subject-namespace"], "subject-namespace"}},
			},
		},
		{
			name: "the cluster DNS rule's port is a default",
			in: &generator.Intent{
				Request: "allow the frontend pods to reach api.stripe.com on 443",
				Subject: pods("shop", labels("app", "frontend"), "frontend"),
				Network: []generator.NetworkRule{
					{Direction: generator.Egress, Verdict: generator.Allow, Peers: []generator.Peer{{FQDN: "api.stripe.com"}}, Ports: []generator.Port{{Port: 443}}},
					generator.DNSRule([]string{"*"}),
				},
			},
			opts: generator.Options{Namespace: "shop", AssumeAppLabel: true, AllowDNS: true},
			want: map[string][]from{
				"network[0].peers[0].fqdn":       {{generator.FromRequest, "api.stripe.com", ""}},
				"network[1].peers[0].clusterDNS": {{generator.FromModel, "true", ""}},
				"network[1].ports[0].port":       {{generator.FromDefault, generator.Defaults["cluster-dns"], "cluster-dns"}},
				"network[1].ports[1].port":       {{generator.FromDefault, generator.Defaults["cluster-dns"], "cluster-dns"}},
				"network[1].dns[0]":              {{generator.FromDefault, generator.Defaults["any-dns-name"], "any-dns-name"}},
				"network[0].ports[0].port":       {{generator.FromRequest, "443", ""}},
				"subject.pods.matchLabels.app":   {{generator.FromRequest, "frontend", "app-label"}},
				"network[1].ports[0].protocol":   {{generator.FromModel, "UDP", ""}},
			},
		},
		{
			name: "values the engine accounted for keep their origins",
			in: func() *generator.Intent {
				in := frontendIntent(t, "08443")
				in.Origins = slices.DeleteFunc(in.Origins, func(o generator.Origin) bool { return o.Field == "network[0].ports[0].protocol" })
				return in
			}(),
			opts: generator.Options{Tree: loadShop(t)},
			want: map[string][]from{
				"network[0].ports[0].port":     {{generator.FromRequest, "08443", "port"}},
				"subject.namespace":            {{generator.FromTree, "Deployment frontend runs in namespace shop", ""}},
				"network[0].ports[0].protocol": {{generator.FromModel, "TCP", ""}},
			},
		},
		{
			name: "a made-up port, path and label",
			in: &generator.Intent{
				Request: "block access to /etc/shadow and port 8080 in the nginx pods",
				Subject: pods("web", labels("tier", "edge"), "nginx"),
				Network: []generator.NetworkRule{{Direction: generator.Ingress, Verdict: generator.Deny, Ports: []generator.Port{{Port: 8443}}}},
				System:  []generator.SystemRule{{Kind: generator.File, Action: generator.ActionBlock, Path: "/etc/passwd"}},
			},
			opts: generator.Options{Namespace: "web"},
			problems: []string{
				`network[0].ports[0].port: "8443" is neither in the request nor in the tree; use only values the request or the facts give`,
				`subject.pods.matchLabels.tier: "edge" is neither in the request nor in the tree; use only values the request or the facts give`,
				`system[0].path: "/etc/passwd" is neither in the request nor in the tree; use only values the request or the facts give`,
			},
		},
		{
			name: "a value the tree does not have either",
			in: &generator.Intent{
				Request: "only the checkout pods may reach payments on 443",
				Subject: pods("payments", labels("app", "payments"), "payments"),
				Network: []generator.NetworkRule{{Direction: generator.Ingress, Verdict: generator.Allow,
					Peers: []generator.Peer{{Pods: labels("app", "checkout"), Namespace: "shop"}}, Ports: []generator.Port{{Port: 8444}}}},
			},
			opts: generator.Options{Tree: loadShop(t)},
			problems: []string{
				`network[0].peers[0].pods.matchLabels.app: "checkout" is neither in the request nor in the tree; use only values the request or the facts give`,
				`network[0].ports[0].port: "8444" is neither in the request nor in the tree; use only values the request or the facts give`,
			},
		},
		{
			name: "a made-up value of another subject, with its place",
			in: &generator.Intent{
				Request: "block access to /etc/shadow in the nginx pods, and /etc/hosts in the db pods",
				Subject: pods("web", labels("app", "nginx"), "nginx"),
				System:  []generator.SystemRule{{Kind: generator.File, Action: generator.ActionBlock, Path: "/etc/shadow"}},
				Others: []*generator.Intent{{
					Request: "block access to /etc/shadow in the nginx pods, and /etc/hosts in the db pods",
					Subject: pods("web", labels("app", "db"), "db"),
					System:  []generator.SystemRule{{Kind: generator.File, Action: generator.ActionBlock, Path: "/etc/hostname"}},
				}},
			},
			opts: generator.Options{Namespace: "web", AssumeAppLabel: true},
			problems: []string{
				`others[0].system[0].path: "/etc/hostname" is neither in the request nor in the tree; use only values the request or the facts give`,
			},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			in := tc.in
			in.Engine = cmpOr(in.Engine, "test")
			before := len(in.Origins)
			kept := slices.Clone(in.Origins)
			problems := generator.Attribute(in, tc.opts)
			if !slices.Equal(problems, tc.problems) {
				t.Errorf("problems =\n  %q\nwant\n  %q", problems, tc.problems)
			}
			if !slices.Equal(in.Origins[:before], kept) {
				t.Errorf("the engine's own origins changed:\n%+v\nwere\n%+v", in.Origins[:before], kept)
			}
			for field, want := range tc.want {
				var got []from
				for _, o := range in.Origins {
					if o.Field == field {
						got = append(got, from{o.From, o.Text, o.Rule})
					}
				}
				if !slices.Equal(got, want) {
					t.Errorf("origins of %s = %+v, want %+v", field, got, want)
				}
			}
			for _, x := range append([]*generator.Intent{in}, in.Others...) {
				for _, o := range x.Origins {
					if o.From == generator.FromRequest && x.Request[o.Start:o.End] != o.Text {
						t.Errorf("%s: %q is not at %d-%d of the request", o.Field, o.Text, o.Start, o.End)
					}
				}
			}
			if len(tc.problems) > 0 {
				return
			}
			// What Attribute finds is what CheckOrigins accepts.
			if err := in.CheckOrigins(tc.opts.Tree); err != nil {
				t.Errorf("the attributed intent fails CheckOrigins:\n%v", err)
			}
		})
	}
}

func cmpOr(s, or string) string {
	if s == "" {
		return or
	}
	return s
}

// TestOriginsText checks the explanation's account of where the values
// come from: one line per origin, with the values it gives, the others'
// values with their place.
func TestOriginsText(t *testing.T) {
	req := "block access to /etc/shadow in the nginx pods, and in the db pods"
	in := &generator.Intent{
		Request: req,
		Engine:  "test",
		Subject: pods("web", labels("app", "nginx"), "nginx"),
		System:  []generator.SystemRule{{Kind: generator.File, Action: generator.ActionBlock, Path: "/etc/shadow"}},
		Origins: []generator.Origin{
			said(t, req, "subject.scope", "the nginx pods", "pods"),
			{Field: "subject.namespace", From: generator.FromDefault, Text: generator.Defaults["namespace-flag"], Rule: "namespace-flag"},
			said(t, req, "subject.pods", "nginx", "workload-name"),
			{Field: "subject.pods", From: generator.FromTree, Text: "Deployment web/nginx selects its pods by app=nginx"},
			{Field: "system[0].action", From: generator.FromModel, Text: "Block"},
			said(t, req, "system[0].kind", "access", "file-word"),
			said(t, req, "system[0].path", "/etc/shadow", ""),
		},
	}
	other := &generator.Intent{
		Request: req,
		Engine:  "test",
		Subject: pods("web", labels("app", "db"), "db"),
		System:  in.System,
		Origins: []generator.Origin{
			said(t, req, "subject.scope", "the db pods", "pods"),
			{Field: "subject.namespace", From: generator.FromDefault, Text: generator.Defaults["namespace-flag"], Rule: "namespace-flag"},
			said(t, req, "subject.pods.matchLabels", "db", "app-label"),
			{Field: "system[0].action", From: generator.FromModel, Text: "Block"},
			said(t, req, "system[0].kind", "access", "file-word"),
			said(t, req, "system[0].path", "/etc/shadow", ""),
		},
	}
	if err := in.CheckOrigins(nil); err == nil {
		t.Fatal("CheckOrigins accepts a tree fact without a tree; the test's intent is not what it means to be")
	}
	if err := in.CheckOrigins(loadShop(t)); err != nil {
		t.Fatalf("the test's intent is not accounted for: %v", err)
	}
	want := `Where the values come from:
- a default: the namespace given with --namespace: subject.namespace=web
- "nginx" in the request (workload-name): subject.pods.matchLabels.app=nginx
- the tree: Deployment web/nginx selects its pods by app=nginx: subject.pods.matchLabels.app=nginx
- "the nginx pods" in the request (pods): subject.scope=pods
- the model's reading of the request: system[0].action=Block
- "access" in the request (file-word): system[0].kind=file
- "/etc/shadow" in the request: system[0].path=/etc/shadow
`
	if got := generator.OriginsText(in); got != want {
		t.Errorf("OriginsText() =\n%s\nwant\n%s", got, want)
	}

	// The same origin of two statements is one line that lists both.
	in.Others = []*generator.Intent{other}
	want = `Where the values come from:
- a default: the namespace given with --namespace: subject.namespace=web, others[0].subject.namespace=web
- "nginx" in the request (workload-name): subject.pods.matchLabels.app=nginx
- the tree: Deployment web/nginx selects its pods by app=nginx: subject.pods.matchLabels.app=nginx
- "the nginx pods" in the request (pods): subject.scope=pods
- the model's reading of the request: system[0].action=Block, others[0].system[0].action=Block
- "access" in the request (file-word): system[0].kind=file, others[0].system[0].kind=file
- "/etc/shadow" in the request: system[0].path=/etc/shadow, others[0].system[0].path=/etc/shadow
- "db" in the request (app-label): others[0].subject.pods.matchLabels.app=db
- "the db pods" in the request (pods): others[0].subject.scope=pods
`
	if got := generator.OriginsText(in); got != want {
		t.Errorf("OriginsText() with another subject =\n%s\nwant\n%s", got, want)
	}

	if got := generator.OriginsText(intent(pods("web", nil, ""), nil, []generator.SystemRule{{Kind: generator.File, Action: generator.ActionBlock, Path: "/etc/shadow"}})); got != "" {
		t.Errorf("OriginsText() of an intent without origins = %q, want none", got)
	}
}

// TestDefaultsAreExplained checks that every documented default says what
// it stands for, as the explanation quotes it.
func TestDefaultsAreExplained(t *testing.T) {
	for rule, text := range generator.Defaults {
		if strings.TrimSpace(text) == "" || strings.HasSuffix(text, ".") {
			t.Errorf("default %q: %q should be a phrase the explanation can quote", rule, text)
		}
		in := &generator.Intent{Request: "r", Engine: "test", Subject: generator.Subject{Scope: generator.ScopeNodes},
			System:  []generator.SystemRule{{Kind: generator.Process, Action: generator.ActionBlock, ExecName: "nc"}},
			Origins: []generator.Origin{{Field: "subject", From: generator.FromDefault, Rule: rule, Text: text}}}
		if got, want := generator.OriginsText(in), fmt.Sprintf("- a default: %s: ", text); !strings.Contains(got, want) {
			t.Errorf("default %q: the explanation says\n%s\nwant a line starting %q", rule, got, want)
		}
	}
}

// understood is an engine that gives the intent it is made with.
type understood func(request string, opts generator.Options) *generator.Intent

func (u understood) Understand(_ context.Context, request string, opts generator.Options) (*generator.Intent, error) {
	return u(request, opts), nil
}

// TestGenerateChecksOrigins checks that Generate refuses an engine's intent
// whose values are not accounted for, and explains where the values of one
// that is came from, a kind forced on it included.
func TestGenerateChecksOrigins(t *testing.T) {
	engine := understood(func(request string, _ generator.Options) *generator.Intent {
		in := frontendIntent(t, "8443")
		in.Request = request
		return in
	})
	req := frontendIntent(t, "8443").Request
	opts := generator.Options{Tree: loadShop(t)}
	res, err := generator.Generate(context.Background(), engine, req, opts)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"\nWhere the values come from:\n",
		"\n- \"8443\" in the request (port): network[0].ports[0].port=8443\n",
		"\n- a default: TCP, as the request names no protocol: network[0].ports[0].protocol=TCP\n",
		"\n- the tree: Deployment frontend runs in namespace shop: subject.namespace=shop\n",
	} {
		if !strings.Contains(res.Explanation, want) {
			t.Errorf("the explanation does not say %q:\n%s", want, res.Explanation)
		}
	}
	if i, j := strings.Index(res.Explanation, "Where the values come from:"), strings.Index(res.Explanation, "Understood by the test engine"); i < 0 || j < i {
		t.Errorf("where the values come from is not said before the engine:\n%s", res.Explanation)
	}

	// A forced cluster-wide kind makes the subject cluster-wide, by default.
	opts.Kind = generator.KindCiliumClusterwide
	res, err = generator.Generate(context.Background(), engine, req, opts)
	if err != nil {
		t.Fatal(err)
	}
	if res.Policies[0].Kind != generator.KindCiliumClusterwide || !strings.Contains(res.Explanation, "- a default: the policy kind forced with --kind: subject.scope=cluster\n") {
		t.Errorf("forced %s: %s\n%s", opts.Kind, res.Policies[0].Kind, res.Explanation)
	}

	// The request (not the engine's intent) says 8080: the port 8443 is made up.
	_, err = generator.Generate(context.Background(), engine, strings.Replace(req, "8443", "8080", 1), generator.Options{Tree: loadShop(t)})
	var nu *generator.NotUnderstoodError
	if err == nil || errors.As(err, &nu) || !strings.Contains(err.Error(), "the test engine gave values it does not account for") || !strings.Contains(err.Error(), `network[0].ports[0].port: its origin quotes "8443"`) {
		t.Errorf("Generate() error = %v, want a failure of the engine naming the port", err)
	}
}
