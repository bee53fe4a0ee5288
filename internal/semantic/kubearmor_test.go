package semantic

import "testing"

const kapEtc = `
apiVersion: security.kubearmor.com/v1
kind: KubeArmorPolicy
metadata: {name: protect-etc, namespace: shop}
spec:
  selector: {matchLabels: {app: web}}
  file:
    matchDirectories:
    - {dir: /etc/, recursive: true, readOnly: true, action: Block}
    matchPaths:
    - path: /etc/shadow
      fromSource: [{path: /usr/bin/python3}, {path: /bin/cat}]
      action: Block
  capabilities:
    matchCapabilities: [{capability: net_raw, action: Block}]
  network:
    matchProtocols: [{protocol: raw, action: Audit}]
`

var kubeArmorCases = []diffCase{
	{
		name: "equal-despite-action-placement-split-and-noise",
		want: kapEtc,
		got: `
apiVersion: security.kubearmor.com/v1
kind: KubeArmorPolicy
metadata: {name: protect-etc-1, namespace: shop}
spec:
  selector: {matchLabels: {app: web}}
  action: Block
  severity: 7
  message: hands off /etc
  file:
    matchPaths:
    - {path: /etc/shadow, fromSource: [{path: /bin/cat}], ownerOnly: false}
    - {path: /etc/shadow, fromSource: [{path: /usr/bin/python3}], tags: [CIS]}
  capabilities:
    matchCapabilities: [{capability: CAP_NET_RAW}]
---
apiVersion: security.kubearmor.com/v1
kind: KubeArmorPolicy
metadata: {name: protect-etc-2, namespace: shop}
spec:
  selector: {matchExpressions: [{key: app, operator: In, values: [web]}]}
  file:
    matchDirectories: [{readOnly: true, recursive: true, dir: /etc/}]
  network:
    action: Audit
    matchProtocols: [{protocol: RAW}]
`,
	},
	{
		name: "read-only-true-vs-false",
		want: kapEtc,
		got:  replace(kapEtc, "readOnly: true", "readOnly: false"),
		diff: []string{
			"KubeArmorPolicy shop (app=web): missing Block file.matchDirectories dir=/etc/ readOnly recursive",
			"KubeArmorPolicy shop (app=web): extra Block file.matchDirectories dir=/etc/ recursive",
		},
	},
	{
		name:   "recursive",
		want:   kapEtc,
		got:    replace(kapEtc, "recursive: true, ", ""),
		differ: true,
	},
	{
		name: "audit-vs-block",
		want: kapEtc,
		got:  replace(kapEtc, "protocol: raw, action: Audit", "protocol: raw"),
		diff: []string{
			"KubeArmorPolicy shop (app=web): missing Audit network.matchProtocols protocol=raw",
			"KubeArmorPolicy shop (app=web): extra Block network.matchProtocols protocol=raw",
		},
	},
	{
		name: "from-source-dropped",
		want: kapEtc,
		got:  replace(kapEtc, "fromSource: [{path: /usr/bin/python3}, {path: /bin/cat}]", "fromSource: [{path: /bin/cat}]"),
		diff: []string{
			"KubeArmorPolicy shop (app=web): missing Block file.matchPaths path=/etc/shadow fromSource=/usr/bin/python3",
		},
	},
	{
		name: "process-execname-and-allow",
		want: `
apiVersion: security.kubearmor.com/v1
kind: KubeArmorPolicy
metadata: {name: no-apt, namespace: shop}
spec:
  selector: {matchLabels: {}}
  process: {matchPaths: [{execname: apt, action: Block}]}
`,
		got: `
apiVersion: security.kubearmor.com/v1
kind: KubeArmorPolicy
metadata: {name: no-apt, namespace: shop}
spec:
  selector: {matchLabels: {}}
  process: {matchPaths: [{execname: apt, action: Allow}]}
`,
		diff: []string{
			"KubeArmorPolicy shop (all pods): missing Block process.matchPaths execname=apt",
			"KubeArmorPolicy shop (all pods): extra Allow process.matchPaths execname=apt",
		},
	},
	{
		name: "cluster-and-host-subjects",
		want: `
apiVersion: security.kubearmor.com/v1
kind: KubeArmorClusterPolicy
metadata: {name: c}
spec:
  selector: {matchExpressions: [{key: namespace, operator: NotIn, values: [kube-system, default]}]}
  process: {matchPaths: [{path: /usr/bin/nc, action: Block}]}
---
apiVersion: security.kubearmor.com/v1
kind: KubeArmorHostPolicy
metadata: {name: h}
spec:
  nodeSelector: {matchLabels: {kubernetes.io/os: linux}}
  file: {matchPaths: [{path: /etc/sudoers, readOnly: true, action: Block}]}
`,
		got: `
apiVersion: security.kubearmor.com/v1
kind: KubeArmorHostPolicy
metadata: {name: host}
spec:
  nodeSelector: {matchLabels: {kubernetes.io/os: linux}}
  action: Block
  file: {matchPaths: [{path: /etc/sudoers, readOnly: true}]}
---
apiVersion: security.kubearmor.com/v1
kind: KubeArmorClusterPolicy
metadata: {name: cluster, namespace: ignored}
spec:
  selector: {matchExpressions: [{key: namespace, operator: NotIn, values: [default, kube-system]}]}
  process: {matchPaths: [{path: /usr/bin/nc}]}
`,
	},
}

func TestDiffKubeArmor(t *testing.T) { runDiffCases(t, kubeArmorCases) }
