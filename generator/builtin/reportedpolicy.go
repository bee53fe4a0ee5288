package builtin

import (
	"path"
	"strings"
	"unicode"

	"github.com/kunerva/kunerva/generator"
)

// reportNouns name the rules of another tool a sentence may report:
// "Docker's default AppArmor profile denies ...", "The eCapture
// minimum-privileges doc lists ...".
var reportNouns = set("profile", "profiles", "policy", "policies", "doc", "docs", "documentation")

// ownPolicyWords make a policy noun the one the request asks for, or one
// kunerva writes, not another tool's: "this policy", "the new policy", "the
// KubeArmor policy", "the Cilium policy".
var ownPolicyWords = set("this", "these", "that", "new", "following", "same", "kubearmor", "cilium", "kubernetes", "k8s", "kunerva", "network", "networkpolicy",
	"ciliumnetworkpolicy", "ciliumclusterwidenetworkpolicy", "kubearmorpolicy", "kubearmorhostpolicy", "kubearmorclusterpolicy")

// reportedPolicyHead is the number of tokens of the words that open a
// clause and name another tool's rules, up to their noun, or 0: "Docker's
// default AppArmor profile", "The bane-generated docker-nginx profile", "The
// eCapture minimum-privileges doc", "The EgressPolicy". The words must
// name the tool: a possessive, a capital inside the phrase, a compound
// such as "bane-generated" (none of whose parts is a verdict or "default"),
// or a kind of policy kunerva does not write ("EgressPolicy",
// "AuthorizationPolicy").
func reportedPolicyHead(toks []token) int {
	named := false
	for k := 0; k < len(toks) && k < 6; k++ {
		t := toks[k]
		if t.kind != tWord || ownPolicyWords[t.low] {
			return 0
		}
		inner := strings.IndexFunc(t.raw[1:], unicode.IsUpper) >= 0
		foreignKind := inner && len(t.low) > len("policy") && strings.HasSuffix(t.low, "policy")
		named = named || foreignKind || t.possessive || inner || k > 0 && unicode.IsUpper(rune(t.raw[0])) || toolCompound(t.low)
		if reportNouns[t.low] || foreignKind {
			if named {
				return k + 1
			}
			return 0
		}
	}
	return 0
}

// toolCompound reports whether a hyphenated word may name a tool or where
// rules came from ("bane-generated", "docker-nginx", "minimum-privileges"),
// not what the rules do ("default-deny", "deny-all", "read-only").
func toolCompound(w string) bool {
	parts := strings.Split(w, "-")
	if len(parts) < 2 {
		return false
	}
	for _, p := range parts {
		if p == "" || p == "default" || p == "all" || p == "only" || p == "read" || p == "write" || denyWords[p] || allowWords[p] || auditWords[p] || isolateWords[p] {
			return false
		}
	}
	return true
}

// reportedPolicyBefore reports whether clause i, which no rule could give
// a verdict, only reports what another tool's rules do before the rule the
// request asks for, which says again all it names: "The bane-generated
// docker-nginx profile stops ping and top inside the container. Do the
// same with KubeArmor for the nginx pods (app=nginx, namespace web): block
// /bin/ping and /usr/bin/top", "Docker's default AppArmor profile denies
// access to /proc/kcore and writes to /proc/sysrq-trigger ... block
// /proc/kcore, and block writes to /proc/sysrq-trigger". Its verbs
// ("denies", "stops", "lets") are the other tool's, so unlike
// factBeforeRule a verdict word may stand in it; but every value it names
// (a path, port, address, label, name) and every word a rule of reading
// claimed (a program, a capability, "writes") must stand again in a rule
// after it, a program by its path's last element ("ping" by /bin/ping), a
// capability with or without "CAP_", and a word joined to one of them
// ("ping and top"). "... stops ping and top. Do the same: block
// /bin/ping" leaves top out, and still asks.
func reportedPolicyBefore(request string, cs []clause, errs []error, i int, opts generator.Options) bool {
	c, ok := unreadClause(cs, errs, i)
	if !ok {
		return false
	}
	if !opensSentence(request, c) {
		return false
	}
	head := reportedPolicyHead(c.toks)
	if head == 0 {
		return false
	}
	said, ruleAfter := wordsOfRules(cs, errs, i, programOfPath)
	if !ruleAfter {
		return false
	}
	p := newParser(request, c, opts)
	_, _ = p.parse()
	for k, t := range p.toks {
		if k < head {
			continue
		}
		if t.isValue() {
			if !t.saidIn(said) {
				return false
			}
			continue
		}
		if !factClaims[p.claim[k]] && p.claim[k] != "file-word" && !said[t.low] && !said[strings.TrimPrefix(t.low, "cap_")] && !said[p.claim[k]] {
			return false
		}
		// "stops ping and top": a word joined to one a rule claimed is
		// named as it is, and must be said again too.
		if !factClaims[p.claim[k]] && k+2 < len(p.toks) && p.is(k+1, "and", "or", ",") && p.toks[k+2].kind == tWord && p.claim[k+2] == "" && !said[p.toks[k+2].low] {
			return false
		}
	}
	return true
}

// programOfPath gives the other words a rule's token says a program or a
// capability by: "ping" is said by /bin/ping, "NET_RAW" by CAP_NET_RAW.
func programOfPath(t token) []string {
	if t.kind == tPath {
		return []string{path.Base(t.low)}
	}
	return []string{strings.TrimPrefix(t.low, "cap_")}
}

// repeatsReported reports whether a clause that says to do the same comes
// right after another tool's rules that reportedPolicyBefore set aside, with
// no rule between: "The bane-generated docker-nginx profile stops ping and
// top inside the container. Do the same with KubeArmor for the nginx pods
// ...: block /bin/ping and /usr/bin/top". It repeats the reported rules,
// which the rule after it says again in full; after a rule of the request
// ("... block /bin/ping for app=a. Do the same for app=b") it still asks.
func repeatsReported(d clause, dismissed, cs []clause) bool {
	if len(d.toks) == 0 {
		return false
	}
	for _, r := range dismissed {
		if r.dismissed != "another-tools-rules" || len(r.toks) == 0 || r.toks[0].start >= d.toks[0].start {
			continue
		}
		between := false
		for _, c := range cs {
			if len(c.toks) > 0 && c.toks[0].start > r.toks[0].start && c.toks[0].start < d.toks[0].start {
				between = true
			}
		}
		if !between {
			return true
		}
	}
	return false
}
