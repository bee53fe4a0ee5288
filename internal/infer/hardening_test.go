package infer

import (
	"context"
	"maps"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/kunerva/kunerva/generator"
	"github.com/kunerva/kunerva/internal/connectivity"
	"github.com/kunerva/kunerva/internal/tree"
	"github.com/kunerva/kunerva/validate"
)

// technique is a MITRE ATT&CK technique or sub-technique: its ID, then its name.
var technique = regexp.MustCompile(`^T\d{4}(\.\d{3})? [A-Z]\S*( \S+)*$`)

// TestHardeningExamples hardens every namespace of the demo trees: every
// workload gets an intent whose rules each name a technique and the
// workload fact they rest on; the policies are valid KubeArmorPolicies
// (schema and checks, and the dry-run on the local control plane unless
// -short), and the connectivity model reports each of their rules as
// audited in that workload and in no other.
func TestHardeningExamples(t *testing.T) {
	for _, tc := range []struct {
		dir string
		// without lists the rules that do not apply, by workload.
		without map[string][]string
	}{
		{dir: "../../examples/shop", without: map[string][]string{
			"data/backup": {"shells"}, // sh -c pg_dump
		}},
		{dir: "../../examples/travel", without: map[string][]string{
			"data/pg-backup":                         {"shells"},                // sh -c pg_dumpall
			"monitoring/prometheus":                  {"service-account-token"}, // ClusterRoleBinding prometheus
			"ingress-nginx/ingress-nginx-controller": {"service-account-token"}, // ClusterRoleBinding ingress-nginx
		}},
	} {
		t.Run(tc.dir, func(t *testing.T) {
			tr, err := tree.Load(tc.dir)
			if err != nil {
				t.Fatal(err)
			}
			var docs []validate.Document
			var objs []tree.Object
			policyOf := map[string]string{} // workload -> its policy, as the model names it
			for _, ns := range tr.Namespaces {
				hs, err := Hardening(tr, ns.Name)
				if err != nil {
					t.Fatalf("Hardening(%s): %v", ns.Name, err)
				}
				got := map[string]Hardened{}
				for _, h := range hs {
					got[h.Workload] = h
				}
				for _, w := range tr.Workloads {
					if w.Namespace != ns.Name {
						continue
					}
					id := w.Namespace + "/" + w.Name
					h, ok := got[id]
					if !ok {
						t.Errorf("%s has no hardening intent", id)
						continue
					}
					checkHardened(t, w, h, tc.without[id])
					ps, err := generator.Prepare(h.Intent, generator.KindKubeArmor)
					if err != nil {
						t.Fatalf("%s: Prepare: %v", id, err)
					}
					if len(ps) != 1 || ps[0].Kind != generator.KindKubeArmor || ps[0].Namespace != w.Namespace {
						t.Fatalf("%s: rendered %d policies, want one KubeArmorPolicy in %s: %+v", id, len(ps), w.Namespace, ps)
					}
					o, err := ps[0].TreeObject()
					if err != nil {
						t.Fatal(err)
					}
					ds, err := validate.Parse("harden/"+w.Namespace+"/"+o.Name+".yaml", o.YAML)
					if err != nil {
						t.Fatal(err)
					}
					docs = append(docs, ds...)
					objs = append(objs, o)
					policyOf[id] = "KubeArmorPolicy/" + ps[0].Namespace + "/" + ps[0].Name
				}
			}
			checkValid(t, tr, docs)
			checkAudited(t, tr, objs, policyOf)
		})
	}
}

// checkHardened holds one workload's hardening to the table: every rule
// but those in without applies, and each names a technique, why, and its
// origins in the tree.
func checkHardened(t *testing.T, w tree.Workload, h Hardened, without []string) {
	t.Helper()
	id := w.Namespace + "/" + w.Name
	in := h.Intent
	if in.Subject.Scope != generator.ScopePods || in.Subject.Namespace != w.Namespace || in.Subject.Name != w.Name ||
		!maps.Equal(in.Subject.Pods.MatchLabels, w.Selector) {
		t.Errorf("%s: subject %+v, want the pods of selector %v in %s, named %s", id, in.Subject, w.Selector, w.Namespace, w.Name)
	}
	var want, got []string
	for _, k := range hardening {
		if !slices.Contains(without, k.name) {
			want = append(want, k.name)
		}
	}
	ref := w.Kind + " " + id
	for _, r := range h.Rules {
		got = append(got, r.Name)
		if !technique.MatchString(r.Technique) {
			t.Errorf("%s: rule %s names the technique %q, want an ATT&CK ID and name", id, r.Name, r.Technique)
		}
		if !strings.Contains(r.Why, ref) {
			t.Errorf("%s: rule %s: why %q does not name %s", id, r.Name, r.Why, ref)
		}
	}
	if !slices.Equal(got, want) {
		t.Errorf("%s: rules %v, want %v", id, got, want)
	}
	for i, r := range in.System {
		if r.Action != generator.ActionAudit {
			t.Errorf("%s: system[%d] is %s, want Audit", id, i, r.Action)
		}
		if !slices.ContainsFunc(in.Origins, func(o generator.Origin) bool {
			return o.Field == "system["+strconv.Itoa(i)+"]" && o.From == generator.FromTree && strings.Contains(o.Text, ref)
		}) {
			t.Errorf("%s: system[%d] has no origin in a fact of %s", id, i, ref)
		}
	}
	// CheckOrigins cannot check them yet: a tree origin's value must be a
	// label, namespace or port of the tree, and the scope and the rules
	// come from the table (see the report); every value has its origin.
	for _, field := range []string{"subject.scope", "subject.namespace", "subject.pods"} {
		if !slices.ContainsFunc(in.Origins, func(o generator.Origin) bool { return o.Field == field && strings.Contains(o.Text, ref) }) {
			t.Errorf("%s: %s has no origin in a fact of %s", id, field, ref)
		}
	}
}

// checkValid validates the policies with the tree: schema and checks, and
// the dry-run on the local control plane unless -short.
func checkValid(t *testing.T, tr *tree.Tree, docs []validate.Document) {
	t.Helper()
	cfg := validate.Config{CacheDir: t.TempDir(), Cluster: validate.ClusterOptions{Mode: validate.ClusterLocal, Tree: tr}}
	if testing.Short() {
		cfg.Cluster.Mode = validate.ClusterNone
	}
	findings, err := validate.Run(context.Background(), cfg, docs)
	if err != nil {
		t.Fatalf("validate: %v", err)
	}
	for _, f := range findings {
		t.Errorf("%s", f)
	}
}

// checkAudited builds the connectivity model of the tree with the
// policies and holds its KubeArmor effects to them: every rule of a
// workload's policy is audited in that workload, and its policy decides
// nothing in any other.
func checkAudited(t *testing.T, tr *tree.Tree, objs []tree.Object, policyOf map[string]string) {
	t.Helper()
	m, err := connectivity.New(tr)
	if err != nil {
		t.Fatal(err)
	}
	if m, err = m.With(objs); err != nil {
		t.Fatal(err)
	}
	effects, err := m.System()
	if err != nil {
		t.Fatal(err)
	}
	type key struct{ workload, what string }
	got := map[key]connectivity.Effect{}
	for _, e := range effects {
		got[key{e.Workload, e.What}] = e
		for w, p := range policyOf {
			if w != e.Workload && slices.Contains(e.Because, p) {
				t.Errorf("%s decides %q in %s, not its own workload %s", p, e.What, e.Workload, w)
			}
		}
	}
	for _, o := range objs {
		var id string
		for w, p := range policyOf {
			if p == "KubeArmorPolicy/"+o.Namespace+"/"+o.Name {
				id = w
			}
		}
		hs, err := Hardening(tr, o.Namespace)
		if err != nil {
			t.Fatal(err)
		}
		for _, h := range hs {
			if h.Workload != id {
				continue
			}
			for _, r := range h.Intent.System {
				what := "process " + r.Path
				if r.Kind == generator.File {
					what = "files in " + r.Dir + " (recursive)"
					if r.ReadOnly {
						what = "files in " + r.Dir + " (recursive, write)"
					}
				}
				e, ok := got[key{id, what}]
				switch {
				case !ok:
					t.Errorf("%s: the model shows nothing for %s", id, what)
				case e.Verdict != "audited" || !slices.Contains(e.Because, policyOf[id]):
					t.Errorf("%s: %s is %s because of %v, want audited because of %s", id, what, e.Verdict, e.Because, policyOf[id])
				}
			}
		}
	}
}

// deployment is a Deployment app in namespace ns whose pod spec is spec
// (YAML indented for the pod spec's level).
func deployment(spec string) string {
	return `apiVersion: apps/v1
kind: Deployment
metadata: {name: app, namespace: ns}
spec:
  selector: {matchLabels: {app: app}}
  template:
    metadata: {labels: {app: app, tier: web}}
    spec:
` + spec
}

const plainContainer = `      containers:
      - {name: app, image: app:1, args: ["--listen=:8080"]}
`

// TestHardeningDecisions: which rules apply follows from the manifests:
// the token rule from automountServiceAccountToken and the bindings of
// the service account, the shell and package-manager rules from what the
// containers run.
func TestHardeningDecisions(t *testing.T) {
	all := []string{"package-managers", "shells", "binary-directories", "service-account-token"}
	noToken := []string{"package-managers", "shells", "binary-directories"}
	noShell := []string{"package-managers", "binary-directories", "service-account-token"}
	for _, tc := range []struct {
		name string
		docs []string
		want []string // the rules of workload ns/app; nil: no intent
		why  string   // a part of the note or why that decides
	}{
		{name: "a plain deployment", docs: []string{deployment(plainContainer)}, want: all,
			why: "mounts the token of service account default"},
		{name: "automount off in the pod", docs: []string{deployment("      automountServiceAccountToken: false\n" + plainContainer)}, want: noToken,
			why: "spec.template.spec.automountServiceAccountToken is false"},
		{name: "automount off in its service account", docs: []string{
			deployment("      serviceAccountName: app\n" + plainContainer),
			"apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: app, namespace: ns}\nautomountServiceAccountToken: false\n"}, want: noToken,
			why: "ServiceAccount ns/app: automountServiceAccountToken is false"},
		{name: "the pod's automount wins over its service account's", docs: []string{
			deployment("      serviceAccountName: app\n      automountServiceAccountToken: true\n" + plainContainer),
			"apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: app, namespace: ns}\nautomountServiceAccountToken: false\n"}, want: all},
		{name: "a RoleBinding names its service account", docs: []string{
			deployment("      serviceAccountName: app\n" + plainContainer),
			"apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata: {name: app-reader, namespace: ns}\nroleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: reader}\nsubjects:\n- {kind: ServiceAccount, name: app}\n"},
			want: noToken, why: "bound by RoleBinding ns/app-reader"},
		{name: "a ClusterRoleBinding binds every service account of the namespace", docs: []string{
			deployment(plainContainer),
			"apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata: {name: ns-view}\nroleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view}\nsubjects:\n- {kind: Group, name: 'system:serviceaccounts:ns', apiGroup: rbac.authorization.k8s.io}\n"},
			want: noToken, why: "bound by ClusterRoleBinding ns-view"},
		{name: "a binding of another namespace's account of the same name", docs: []string{
			deployment("      serviceAccountName: app\n" + plainContainer),
			"apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata: {name: app-reader, namespace: other}\nroleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: reader}\nsubjects:\n- {kind: ServiceAccount, name: app}\n"},
			want: all},
		{name: "sh -c", docs: []string{deployment("      containers:\n      - {name: app, image: app:1, command: [sh, -c, 'exec app --listen=:8080']}\n")}, want: noShell,
			why: "containers[app].command/args runs a shell (sh)"},
		{name: "a shell behind env", docs: []string{deployment("      containers:\n      - {name: app, image: app:1, command: [/usr/bin/env], args: [bash, -c, 'app']}\n")}, want: noShell,
			why: "runs a shell (bash)"},
		{name: "a shell in an exec probe", docs: []string{deployment("      containers:\n      - name: app\n        image: app:1\n        livenessProbe: {exec: {command: [/bin/sh, -c, 'test -f /tmp/ok']}}\n")}, want: noShell,
			why: "containers[app].livenessProbe.exec runs a shell (/bin/sh)"},
		{name: "a shell in a lifecycle hook of an init container", docs: []string{deployment(plainContainer + "      initContainers:\n      - name: init\n        image: app:1\n        args: [migrate]\n        lifecycle: {postStart: {exec: {command: [ash, -c, 'true']}}}\n")}, want: noShell,
			why: "containers[init].lifecycle.postStart.exec runs a shell (ash)"},
		{name: "an entrypoint script", docs: []string{deployment("      containers:\n      - {name: app, image: app:1, command: [/docker-entrypoint.sh]}\n")}, want: noShell},
		{name: "installs at start", docs: []string{deployment("      containers:\n      - {name: app, image: app:1, command: [bash, -c, 'pip3 install -r req.txt && python app.py']}\n")},
			want: []string{"service-account-token"}, why: "runs a package manager (pip3)"},
		{name: "a CronJob's shell", docs: []string{"apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: app, namespace: ns}\nspec:\n  schedule: '@daily'\n  jobTemplate:\n    spec:\n      template:\n        metadata: {labels: {app: app}}\n        spec:\n          restartPolicy: OnFailure\n          containers:\n          - {name: app, image: app:1, command: [dash, -c, 'app']}\n"},
			want: noShell, why: "CronJob ns/app: containers[app].command/args runs a shell (dash)"},
		{name: "a bare Pod with its image's entrypoint", docs: []string{"apiVersion: v1\nkind: Pod\nmetadata: {name: app, namespace: ns, labels: {app: app}}\nspec:\n  containers:\n  - {name: app, image: app:1}\n"},
			want: all, why: "the image entrypoint of containers[app] is not in the manifests"},
		{name: "nothing applies", docs: []string{deployment("      automountServiceAccountToken: false\n      containers:\n      - {name: app, image: app:1, command: [sh, -c, 'apt-get install -y curl && app']}\n")}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tr, err := tree.FromObjects("test", docObjects(t, tc.docs...))
			if err != nil {
				t.Fatal(err)
			}
			hs, err := Hardening(tr, "ns")
			if err != nil {
				t.Fatal(err)
			}
			if tc.want == nil {
				if len(hs) != 0 {
					t.Fatalf("got %+v, want no intent", hs)
				}
				return
			}
			if len(hs) != 1 || hs[0].Workload != "ns/app" {
				t.Fatalf("got %+v, want the hardening of ns/app", hs)
			}
			var got []string
			for _, r := range hs[0].Rules {
				got = append(got, r.Name)
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("rules %v, want %v", got, tc.want)
			}
			text := strings.Join(hs[0].Intent.Notes, "\n")
			if !strings.Contains(text, tc.why) {
				t.Errorf("the notes do not say %q:\n%s", tc.why, text)
			}
			for _, k := range hardening {
				if !slices.Contains(got, k.name) && !strings.Contains(text, "no "+k.name+" rule") {
					t.Errorf("the notes do not say why there is no %s rule:\n%s", k.name, text)
				}
			}
			if _, err := generator.Prepare(hs[0].Intent, generator.KindKubeArmor); err != nil {
				t.Errorf("Prepare: %v", err)
			}
		})
	}
}

// TestHardeningNames: a policy is named after its workload, and after its
// kind too where another workload of the namespace has the same name.
func TestHardeningNames(t *testing.T) {
	cronjob := "apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: app, namespace: ns}\nspec:\n  schedule: '@daily'\n  jobTemplate:\n    spec:\n      template:\n        metadata: {labels: {app: app-job}}\n        spec:\n          restartPolicy: OnFailure\n          containers:\n          - {name: app, image: app:1, args: [run]}\n"
	other := strings.ReplaceAll(deployment(plainContainer), "name: app, namespace: ns", "name: web, namespace: ns")
	tr, err := tree.FromObjects("test", docObjects(t, deployment(plainContainer), cronjob, other))
	if err != nil {
		t.Fatal(err)
	}
	hs, err := Hardening(tr, "ns")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, h := range hs {
		ps, err := generator.Prepare(h.Intent, generator.KindKubeArmor)
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, h.Workload+" "+ps[0].Name)
	}
	want := []string{"ns/app audit-process-file-cronjob-app", "ns/app audit-process-file-deployment-app", "ns/web audit-process-file-web"}
	if !slices.Equal(got, want) {
		t.Errorf("policies %q, want %q", got, want)
	}
}

// TestHardeningUnlabelled: pods without labels cannot be selected; the
// error names the workload and the fix.
func TestHardeningUnlabelled(t *testing.T) {
	tr, err := tree.FromObjects("test", docObjects(t, "apiVersion: v1\nkind: Pod\nmetadata: {name: bare, namespace: ns}\nspec:\n  containers:\n  - {name: app, image: app:1}\n"))
	if err != nil {
		t.Fatal(err)
	}
	_, err = Hardening(tr, "ns")
	if err == nil || !strings.Contains(err.Error(), "Pod ns/bare") || !strings.Contains(err.Error(), "label the pods") {
		t.Errorf("err = %v, want one naming Pod ns/bare and how to fix it", err)
	}
}

// TestHardeningNote: the pull request's paragraph says the rules audit,
// how to watch them and how to switch them to Block.
func TestHardeningNote(t *testing.T) {
	note := HardeningNote()
	for _, want := range []string{"Audit", "karmor logs", "PolicyName", "kubearmor-relay", "action: Block"} {
		if !strings.Contains(note, want) {
			t.Errorf("the note does not say %q:\n%s", want, note)
		}
	}
}

// FuzzHardening reads any pod spec: Hardening fails with an error, or
// every intent it returns is valid, in Audit, and renders as one
// KubeArmorPolicy of the namespace.
func FuzzHardening(f *testing.F) {
	for _, seed := range []string{
		plainContainer,
		"      automountServiceAccountToken: false\n" + plainContainer,
		"      containers:\n      - {name: app, image: app:1, command: [sh, -c, 'apt-get install -y curl && app']}\n",
		"      containers:\n      - name: app\n        livenessProbe: {exec: {command: [/bin/sh]}}\n        lifecycle: {preStop: {exec: {command: []}}}\n",
		"      serviceAccountName: ''\n      containers: []\n",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, spec string) {
		tr, err := tree.FromObjects("fuzz", []tree.Object{{APIVersion: "apps/v1", Kind: "Deployment", Namespace: "ns", Name: "app", YAML: []byte(deployment(spec))}})
		if err != nil {
			return // not a Deployment the tree can read
		}
		hs, err := Hardening(tr, "ns")
		if err != nil {
			return
		}
		for _, h := range hs {
			for _, r := range h.Intent.System {
				if r.Action != generator.ActionAudit {
					t.Errorf("%s: a %s rule", h.Workload, r.Action)
				}
			}
			ps, err := generator.Prepare(h.Intent, generator.KindKubeArmor)
			if err != nil {
				t.Fatalf("%s: Prepare: %v", h.Workload, err)
			}
			if len(ps) != 1 || ps[0].Kind != generator.KindKubeArmor || ps[0].Namespace != "ns" {
				t.Fatalf("%s: rendered %+v, want one KubeArmorPolicy in ns", h.Workload, ps)
			}
		}
	})
}

// TestHardeningTable: every rule of the table names a technique, cites
// its ATT&CK page, and audits.
func TestHardeningTable(t *testing.T) {
	for _, k := range hardening {
		if !technique.MatchString(k.technique) {
			t.Errorf("%s: technique %q is not an ATT&CK ID and name", k.name, k.technique)
		}
		id, _, _ := strings.Cut(k.technique, " ")
		if page := "https://attack.mitre.org/techniques/" + strings.ReplaceAll(id, ".", "/") + "/"; !strings.Contains(k.source, page) {
			t.Errorf("%s: the source %q does not cite %s", k.name, k.source, page)
		}
		if len(k.rules) == 0 {
			t.Errorf("%s: no rules", k.name)
		}
		for _, r := range k.rules {
			if r.Action != generator.ActionAudit {
				t.Errorf("%s: a %s rule", k.name, r.Action)
			}
		}
	}
}
