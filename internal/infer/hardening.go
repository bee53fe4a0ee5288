package infer

import (
	"errors"
	"fmt"
	"maps"
	"strings"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/kunerva/kunerva/generator"
	"github.com/kunerva/kunerva/internal/tree"
)

// Hardened is the hardening of one workload: a KubeArmor intent in Audit
// and the well-known rules it holds.
type Hardened struct {
	Workload string // namespace/name
	Intent   *generator.Intent
	Rules    []HardeningRule
}

// HardeningRule is one well-known rule as it applies to a workload: its
// name, the MITRE ATT&CK technique it guards against (ID and name) and why
// it applies to that workload.
type HardeningRule struct {
	Name, Technique, Why string
}

// engineInfer names the engine of the intents infer builds.
const engineInfer = "infer"

// wellKnown is a rule of the hardening table: what it audits, the
// technique it guards against, where both come from, and when it applies.
type wellKnown struct {
	name, technique string
	// source is where the rule's targets and its technique come from.
	source string
	rules  []generator.SystemRule
	// applies says whether the rule applies to the workload and, either
	// way, the fact of the workload that decides it.
	applies func(f *facts) (bool, string)
}

// hardening is the table of well-known rules, in the order their rules
// enter an intent: process rules first, so that the policies are named
// audit-process-file-<workload> whenever both kinds apply.
var hardening = []wellKnown{
	{
		name:      "package-managers",
		technique: "T1105 Ingress Tool Transfer",
		source: "KubeArmor's pkg-mngr-exec hardening template (getting-started/use-cases/hardening.md: adversaries use apt and the like " +
			"to download additional tooling); https://attack.mitre.org/techniques/T1105/",
		rules:   processes(packageManagers),
		applies: func(f *facts) (bool, string) { return f.runs("a package manager", isPackageManager, false) },
	},
	{
		name:      "shells",
		technique: "T1059.004 Command and Scripting Interpreter: Unix Shell",
		source:    "https://attack.mitre.org/techniques/T1059/004/",
		rules:     processes(shells),
		applies:   func(f *facts) (bool, string) { return f.runs("a shell", isShell, true) },
	},
	{
		name:      "binary-directories",
		technique: "T1036.005 Masquerading: Match Legitimate Resource Name or Location",
		source: "KubeArmor's write-under-bin-dir and file-integrity-monitoring templates (tagged MITRE_T1036_masquerading); " +
			"https://attack.mitre.org/techniques/T1036/005/",
		rules: writes(binaryDirs),
		applies: func(f *facts) (bool, string) {
			// A workload that installs software when it starts writes there.
			if ok, why := f.runs("a package manager", isPackageManager, false); !ok {
				return false, why
			}
			return true, "no command, args, exec probe or hook of " + f.ref + " installs software at run time"
		},
	},
	{
		name:      "service-account-token",
		technique: "T1528 Steal Application Access Token",
		source: "KubeArmor's use case \"Protect access to k8s service account token\" (CIS Kubernetes 5.1.6); " +
			"https://attack.mitre.org/techniques/T1528/ (it names Kubernetes service account tokens)",
		rules:   reads(tokenDirs),
		applies: (*facts).tokenUnused,
	},
}

// The targets of the table. Package managers and shells are listed where
// distributions install them: KubeArmor matches the path the kernel
// executes, after symbolic links, so /bin/ and /usr/bin/ are both named
// (merged-/usr images link one to the other).
var (
	packageManagers = []string{
		"/usr/bin/apt", "/bin/apt", "/usr/bin/apt-get", "/bin/apt-get", "/usr/bin/dpkg", "/bin/dpkg",
		"/sbin/apk",
		"/usr/bin/yum", "/bin/yum", "/usr/bin/dnf", "/bin/dnf", "/usr/bin/rpm", "/bin/rpm",
		"/usr/bin/pip", "/usr/local/bin/pip", "/usr/bin/pip3", "/usr/local/bin/pip3",
		"/usr/bin/npm", "/usr/local/bin/npm", "/usr/bin/gem", "/usr/local/bin/gem",
	}
	shells     = []string{"/bin/sh", "/usr/bin/sh", "/bin/bash", "/usr/bin/bash", "/bin/ash", "/usr/bin/ash", "/bin/dash", "/usr/bin/dash"}
	binaryDirs = []string{"/bin/", "/sbin/", "/usr/bin/", "/usr/sbin/", "/usr/local/bin/"}
	// The kubelet mounts the token under /var/run/secrets/; in most images
	// /var/run links to /run, which is the path KubeArmor sees.
	tokenDirs = []string{"/var/run/secrets/kubernetes.io/serviceaccount/", "/run/secrets/kubernetes.io/serviceaccount/"}
)

func processes(paths []string) []generator.SystemRule {
	var out []generator.SystemRule
	for _, p := range paths {
		out = append(out, generator.SystemRule{Kind: generator.Process, Action: generator.ActionAudit, Path: p})
	}
	return out
}

// writes audits writes below the directories: readOnly on a Block or Audit
// rule leaves reads alone and matches writes.
func writes(dirs []string) []generator.SystemRule {
	var out []generator.SystemRule
	for _, d := range dirs {
		out = append(out, generator.SystemRule{Kind: generator.File, Action: generator.ActionAudit, Dir: d, Recursive: true, ReadOnly: true})
	}
	return out
}

// reads audits every access below the directories, reads included.
func reads(dirs []string) []generator.SystemRule {
	var out []generator.SystemRule
	for _, d := range dirs {
		out = append(out, generator.SystemRule{Kind: generator.File, Action: generator.ActionAudit, Dir: d, Recursive: true})
	}
	return out
}

// Hardening builds, for every workload of the namespace, a KubeArmor
// intent in Audit with the well-known rules that apply to it. A rule that
// does not apply is a note of the intent, saying why; a workload to which
// none applies has no intent. The intents render as policies named
// audit-process-file-<workload> (generator.Prepare with KindKubeArmor).
func Hardening(t *tree.Tree, namespace string) ([]Hardened, error) {
	var workloads []tree.Workload
	for _, w := range t.Workloads {
		if w.Namespace == namespace {
			workloads = append(workloads, w)
		}
	}
	var out []Hardened
	var errs []error
	for _, w := range workloads {
		f, err := workloadFacts(t, w)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		h, ok, err := harden(f, subjectName(w, workloads))
		if err != nil {
			errs = append(errs, err)
			continue
		}
		if ok {
			out = append(out, h)
		}
	}
	if err := errors.Join(errs...); err != nil {
		return nil, fmt.Errorf("harden namespace %s: %w", namespace, err)
	}
	return out, uniqueNames(out)
}

// subjectName is the name the policy is named after: the workload's, or
// with its kind where another workload of the namespace has the same name.
func subjectName(w tree.Workload, workloads []tree.Workload) string {
	for _, o := range workloads {
		if o.Name == w.Name && o.Kind != w.Kind {
			return strings.ToLower(w.Kind) + "-" + w.Name
		}
	}
	return w.Name
}

func harden(f *facts, name string) (Hardened, bool, error) {
	w := f.workload
	labels, where := w.Selector, "its selector"
	if len(labels) == 0 {
		labels, where = w.PodLabels, "its pod labels"
	}
	if len(labels) == 0 {
		return Hardened{}, false, fmt.Errorf("%s: its pods have no labels a KubeArmorPolicy could select them by; label the pods (metadata.labels of the pod template, or of the Pod)", f.ref)
	}
	in := &generator.Intent{
		Request: fmt.Sprintf("kunerva infer --system: well-known hardening rules, in Audit, for %s", f.ref),
		Engine:  engineInfer,
		Subject: generator.Subject{
			Scope:     generator.ScopePods,
			Namespace: w.Namespace,
			Pods:      &metav1.LabelSelector{MatchLabels: maps.Clone(labels)},
			Name:      name,
		},
		Origins: []generator.Origin{
			{Field: "subject.scope", From: generator.FromTree, Text: f.ref + ": the pods of one workload"},
			{Field: "subject.namespace", From: generator.FromTree, Text: f.ref + ": its namespace"},
			{Field: "subject.pods", From: generator.FromTree, Text: f.ref + ": " + where},
		},
	}
	h := Hardened{Workload: w.Namespace + "/" + w.Name, Intent: in}
	for _, k := range hardening {
		ok, fact := k.applies(f)
		if !ok {
			in.Notes = append(in.Notes, fmt.Sprintf("no %s rule (%s): %s", k.name, k.technique, fact))
			continue
		}
		for _, r := range k.rules {
			in.Origins = append(in.Origins, generator.Origin{Field: fmt.Sprintf("system[%d]", len(in.System)), From: generator.FromTree, Text: fact, Rule: "harden-" + k.name})
			in.System = append(in.System, r)
		}
		h.Rules = append(h.Rules, HardeningRule{Name: k.name, Technique: k.technique, Why: fact})
		in.Notes = append(in.Notes, fmt.Sprintf("%s audited (%s): %s", k.name, k.technique, fact))
	}
	if len(h.Rules) == 0 {
		return Hardened{}, false, nil
	}
	if err := in.Validate(); err != nil {
		return Hardened{}, false, fmt.Errorf("%s: the hardening intent is invalid: %w", f.ref, err)
	}
	return h, true, nil
}

// uniqueNames fails when two workloads' policies would have one name: a
// name cut at 63 characters can lose what tells them apart.
func uniqueNames(hs []Hardened) error {
	seen := map[string]string{}
	var errs []error
	for _, h := range hs {
		ps, err := generator.Prepare(h.Intent, generator.KindKubeArmor)
		if err != nil {
			errs = append(errs, fmt.Errorf("%s: render: %w", h.Workload, err))
			continue
		}
		for _, p := range ps {
			if other, ok := seen[p.Name]; ok {
				errs = append(errs, fmt.Errorf("%s and %s would both have the policy %s; shorten one workload's name", other, h.Workload, p.Name))
			}
			seen[p.Name] = h.Workload
		}
	}
	return errors.Join(errs...)
}

// HardeningNote is the paragraph a pull request with hardening policies
// shows: what Audit means, how to watch, and how to block.
func HardeningNote() string {
	return strings.Join([]string{
		"The KubeArmorPolicies named `audit-process-file-<workload>` (`audit-process-<workload>` or `audit-file-<workload>` where only one kind applies) " +
			"hold well-known hardening rules, each against a MITRE ATT&CK technique: package managers and shells run, writes below /bin/, /sbin/, " +
			"/usr/bin/, /usr/sbin/ and /usr/local/bin/, and reads of the service-account token of workloads that do not use the Kubernetes API. " +
			"They are in Audit: KubeArmor logs each match and stops nothing.",
		"Watch what they match with `karmor logs --namespace <namespace> --json | jq 'select(.PolicyName == \"<policy>\")'`, " +
			"or, with the relay's stdout alerts on (enableStdOutAlerts in the KubeArmorConfig), " +
			"`kubectl -n kubearmor logs deploy/kubearmor-relay | grep '<policy>'` (each alert names its PolicyName).",
		"Once a policy has stayed quiet through the workload's start-ups, deploys and jobs (an image whose entrypoint is a shell script " +
			"shows /bin/sh at every start: keep the shell rules of that workload in Audit, or remove them), switch it to enforcement by " +
			"changing `action: Audit` to `action: Block` on each of its rules, in the policy's file under the tree, and open a pull request with the change.",
	}, "\n\n")
}
