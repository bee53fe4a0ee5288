package action

import (
	"strings"
	"testing"
)

// "/policy lock down payments" opens one pull request with the policies
// inferred from the manifests, what they change and the proof, through
// the same validation and settings as any request.
func TestLockDownOpensOnePullRequest(t *testing.T) {
	w := newWorld(t, defaultSettings)
	out, log, err := w.run(w.said(askFixture, 1020, "alice", "/policy lock down payments", 0))
	if err != nil || out.Result != Proposed {
		t.Fatalf("%v %+v\n%s", err, out, log)
	}
	const branch = "kunerva/42-1020-lock-down-namespace-payments-least"
	if out.Branch != branch {
		t.Errorf("branch %q, want %q", out.Branch, branch)
	}
	built := w.branchTree(out.Branch)
	for _, name := range []string{"default-deny-ingress-egress", "allow-ingress-payments"} {
		if !hasObject(built, "NetworkPolicy", "payments", name) {
			t.Errorf("the branch's tree has no NetworkPolicy payments/%s", name)
		}
	}
	pr := w.gh.pull(out.PullRequest)
	if pr == nil || pr.Title != "Lock down namespace payments: least privilege inferred from its manifests" {
		t.Fatalf("pull request %+v", pr)
	}
	for _, want := range []string{
		"Allows ingress from shop/checkout on 8443/TCP, shown by:",
		// Escaped: the manifests' texts make no Markdown of their own.
		`Deployment shop/checkout: containers\[checkout\].env\[PAYMENTS\_URL\]`,
		"Proof (kunerva's connectivity model): 1 connections the manifests show stay allowed",
		"## What changes",
		"can no longer reach payments/payments",
	} {
		if !strings.Contains(pr.Body, want) {
			t.Errorf("the pull request body lacks %q:\n%s", want, pr.Body)
		}
	}
	if n := w.gh.count("POST", `^/repos/octo-org/shop/pulls$`); n != 1 {
		t.Errorf("%d pull requests opened, want 1", n)
	}
}

// A namespace the tree has no workloads in is said in the reply; no branch
// is made.
func TestLockDownOfAnUnknownNamespace(t *testing.T) {
	w := newWorld(t, defaultSettings)
	out, log, err := w.run(w.said(askFixture, 1021, "alice", "/policy lock down billing", 0))
	if err != nil || out.Result != NotUnderstood {
		t.Fatalf("%v %+v\n%s", err, out, log)
	}
	r := w.gh.replies()
	if len(r) != 1 || !strings.Contains(r[0].Body, `Namespace "billing" has no workload in the tree (namespaces with workloads: data, monitoring, payments, shop, web)`) {
		t.Fatalf("replies %+v", r)
	}
	if strings.Contains(r[0].Body, "kunerva:pending") || !strings.Contains(r[0].Body, "`/policy lock down payments`") {
		t.Errorf("the reply waits for an answer, or gives no whole request to ask again:\n%s", r[0].Body)
	}
	if b := w.branches(); len(b) != 1 {
		t.Errorf("branches %v, want main alone", b)
	}
}

// "with hardening" adds the KubeArmor rules in Audit, and the pull request
// says how to watch them and switch them to Block.
func TestLockDownWithHardening(t *testing.T) {
	w := newWorld(t, defaultSettings)
	out, log, err := w.run(w.said(askFixture, 1022, "alice", "/policy lock down payments with hardening", 0))
	if err != nil || out.Result != Proposed {
		t.Fatalf("%v %+v\n%s", err, out, log)
	}
	if !hasObject(w.branchTree(out.Branch), "KubeArmorPolicy", "payments", "audit-process-file-payments") {
		t.Error("the branch's tree has no KubeArmorPolicy payments/audit-process-file-payments")
	}
	body := w.gh.pull(out.PullRequest).Body
	for _, want := range []string{"T1059.004", "action: Block", "KubeArmor changes", "KubeArmor now audits"} {
		if !strings.Contains(body, want) {
			t.Errorf("the pull request body lacks %q:\n%s", want, body)
		}
	}
}
