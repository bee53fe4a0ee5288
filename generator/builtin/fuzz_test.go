package builtin_test

import (
	"bytes"
	"context"
	"errors"
	"testing"

	"github.com/kunerva/kunerva/generator"
	"github.com/kunerva/kunerva/generator/builtin"
)

// fuzzSeeds are requests from the dev set (generator/testdata/devset/*.yaml), network
// and system, clear and to be refused, so the fuzzer starts from every family.
var fuzzSeeds = []string{
	"allow the nginx pods to receive traffic from the internet on 80 and 443",
	"allow ping from the prometheus pods to the nginx pods",
	"allow the checkout pods to reach the kube-apiserver",
	"allow the frontend to send GET /public to checkout on 8080",
	"only GET and HEAD on /api/* from the nginx pods to the frontend on port 80",
	"allow the checkout pods to reach api.stripe.com on 443",
	"only the checkout pods may reach payments on 443",
	"The db statefulset should accept connections only from the checkout deployment and the migrate job, on 5432.",
	"let cart and checkout talk to the redis cache on port 6379",
	"block the toolbox pod from reaching the db",
	"don't let pods labeled app=scanner reach pods labeled app=vault",
	"Default deny ingress in namespace payments.",
	"isolate the cache from incoming traffic",
	"allow pods whose tier is web or api to reach pods labeled app=redis on 6379",
	"block access to /etc/shadow in the nginx pods",
	"block writes to /etc and everything under it in the checkout pods",
	"block execution of apt and apt-get in the toolbox pod",
	"only /usr/sbin/nginx may run in the nginx pods",
	"audit use of CAP_NET_ADMIN and CAP_SYS_PTRACE in pods labeled app=debugger",
	"block raw sockets in the toolbox pod",
	"across the whole cluster, except in kube-system, block apt and apt-get",
	"block egress to 10.0.0.0/8",
	"block access to /etc/shadow",
	"pods labeled type=monitoring that run in namespaces labeled team=operations may reach the web pods (app=web) on 80",
	"the web application (label app=web) should accept connections only from inside their own namespace",
	"deny all traffic from other namespaces to the mysql pods (app=mysql, default namespace)",
	"allow pods labeled app=x to reach 10.0.0.0/8 but not 10.96.0.0/12 on ports 80 through 444",
	"prometheus may reach node-exporter and payments on their metrics ports, and DNS",
	"block execution of all executables in /sbin/ (not its subdirectories) in pods labeled app=nginx",
	"alert when touch (/usr/bin/touch or /bin/touch) creates files under /dev/ in pods labeled app=web",
	"alert on rmdir syscalls under /home/ in pods labeled app=web",
	"block netstat, ip, ifconfig and arp in /bin, /sbin, /usr/bin in pods labeled app=web",
	"Nginx hardening: only /bin/cat may access /credentials/, so attackers can't read them",
}

// FuzzBuiltin feeds arbitrary request text to the built-in engine with and
// without the shop tree. Whatever the text, Generate must not panic; it
// either refuses, or returns an intent that validates, whose every value is
// accounted for (a span of the request that holds it, a fact of the tree or
// a documented default: Intent.CheckOrigins) and policies that marshal; it
// never fails otherwise; and the same request gives the same bytes every
// time, because a policy that changes between runs would show up as a
// spurious diff in a pull request.
func FuzzBuiltin(f *testing.F) {
	shop, err := trees.Load("examples/shop")
	if err != nil {
		f.Fatal(err)
	}
	configs := []struct {
		name string
		opts generator.Options
	}{
		{"tree", generator.Options{Tree: shop}},
		{"no-tree", generator.Options{}},
		{"no-tree-app-label", generator.Options{Namespace: "shop", AssumeAppLabel: true, AllowDNS: true}},
	}
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, request string) {
		if len(request) > 64<<10 {
			t.Skip("longer than the command reads from stdin")
		}
		for _, c := range configs {
			first := generateOnce(t, c.name, request, c.opts)
			second := generateOnce(t, c.name, request, c.opts)
			if first != second {
				t.Fatalf("%s: %q is not deterministic:\nfirst:\n%s\nsecond:\n%s", c.name, request, first, second)
			}
		}
	})
}

// generateOnce runs Generate, checks its result and returns it as text: the
// policies' YAML and the explanation, or the error.
func generateOnce(t *testing.T, config, request string, opts generator.Options) string {
	t.Helper()
	res, err := generator.Generate(context.Background(), builtin.Engine{}, request, opts)
	if err != nil {
		var nu *generator.NotUnderstoodError
		if !errors.As(err, &nu) {
			t.Fatalf("%s: %q: the engine failed instead of answering or refusing: %v", config, request, err)
		}
		if nu.Missing == "" {
			t.Fatalf("%s: %q: refusal says nothing of what is missing: %v", config, request, err)
		}
		return "error: " + err.Error()
	}
	if res == nil || res.Intent == nil {
		t.Fatalf("%s: %q: no error and no intent", config, request)
	}
	if err := res.Intent.Validate(); err != nil {
		t.Fatalf("%s: %q: the returned intent is invalid: %v", config, request, err)
	}
	// The accounting invariant, said again here so that the test does not
	// rest on Generate's own check.
	if err := res.Intent.CheckOrigins(opts.Tree); err != nil {
		t.Fatalf("%s: %q: a value of the intent is not accounted for: %v", config, request, err)
	}
	if len(res.Intent.Origins) == 0 {
		t.Fatalf("%s: %q: the intent says nowhere where its values came from", config, request)
	}
	if len(res.Policies) == 0 {
		t.Fatalf("%s: %q: no error and no policies", config, request)
	}
	var out bytes.Buffer
	for _, p := range res.Policies {
		b, err := p.YAML()
		if err != nil {
			t.Fatalf("%s: %q: %s %s does not marshal: %v", config, request, p.Kind, p.Name, err)
		}
		out.Write(b)
		out.WriteString("---\n")
	}
	// Forcing another kind on the same intent must refuse or render, never panic.
	for _, k := range []generator.Kind{generator.KindNetworkPolicy, generator.KindCilium, generator.KindKubeArmor} {
		ps, err := generator.Render(res.Intent, k)
		if err != nil {
			continue
		}
		for _, p := range ps {
			if _, err := p.YAML(); err != nil {
				t.Fatalf("%s: %q: forced %s: %s %s does not marshal: %v", config, request, k, p.Kind, p.Name, err)
			}
		}
	}
	out.WriteString(res.Explanation)
	return out.String()
}
