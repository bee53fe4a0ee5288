package builtin

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"golang.org/x/net/publicsuffix"

	"github.com/kunerva/kunerva/generator"
)

// credentialWords name a credential a request may carry or a caller may
// hold: "with a valid JWT", "with service account web-sa", "using an API
// key", "with a client certificate". No network rule kunerva writes can
// require one.
var credentialWords = set("jwt", "jwts", "api-key", "apikey")

// tokenQualifiers make a token a credential: "a valid token", "a bearer
// token".
var tokenQualifiers = set("valid", "bearer", "signed", "jwt")

// credentialPrepositions say what a caller holds: "with service account X",
// "for service account deployer" (finder 14, S7).
var credentialPrepositions = set("with", "using", "via", "under", "for")

// credentialAsked asks when a network rule stands beside a credential it
// does not read: "Allow app=web to reach app=api on 8080 with a valid
// JWT" allowed every request, "Allow app=web with service account web-sa
// to reach app=api" every app=web pod.
func credentialAsked(request string, toks []token, all []*generator.Intent) error {
	// (An API key said as a header the HTTP rules read is no such case.)
	if !slices.ContainsFunc(all, func(x *generator.Intent) bool { return len(x.Network) > 0 }) || slices.ContainsFunc(all, func(x *generator.Intent) bool {
		return slices.ContainsFunc(x.Network, func(r generator.NetworkRule) bool { return len(r.HTTP) > 0 })
	}) {
		return nil
	}
	for i, t := range toks {
		said := credentialWords[t.low] || (t.low == "serviceaccount" || t.low == "service" && i+1 < len(toks) && (toks[i+1].low == "account" || toks[i+1].low == "accounts")) && credentialHeld(toks, i) || t.low == "api" && i+1 < len(toks) && (toks[i+1].low == "key" || toks[i+1].low == "keys") ||
			(t.low == "token" || t.low == "tokens") && i > 0 && tokenQualifiers[toks[i-1].low]
		if !said {
			continue
		}
		word := t.raw
		if t.low == "service" {
			word += " " + toks[i+1].raw
		}
		return &generator.NotUnderstoodError{Request: request, Understood: all[0].Summary(), Example: generator.ExampleNetwork,
			Missing: fmt.Sprintf("%q: a network policy cannot require a credential or select callers by it; should the rule hold for every caller (say it without), or name the pods by their labels?", word)}
	}
	return nil
}

// credentialHeld reports whether the service account at i is said as what
// callers run with: "with service account web-sa", "using the web-sa
// service account" (not "ride its service account", a story).
func credentialHeld(toks []token, i int) bool {
	for k := i - 1; k >= max(i-3, 0); k-- {
		if credentialPrepositions[toks[k].low] {
			return true
		}
	}
	return false
}

// clusterServiceSuffixes end the DNS names of Services inside the cluster.
var clusterServiceSuffixes = []string{".svc", ".svc.cluster.local", ".cluster.local"}

// privateNameSuffixes end names of private networks outside the cluster
// that are not public suffixes: "nas.internal", "printer.lan".
var privateNameSuffixes = set("internal", "local", "lan", "home", "corp", "intranet", "private", "example", "test", "localhost", "invalid")

// environmentSuffixes are public suffixes that, after a Service's name,
// far more often name a cluster's namespace than a host on the internet:
// "db.prod" is Service db in namespace prod ("prod" is a top-level domain
// almost nobody uses).
var environmentSuffixes = set("prod")

// clusterName says whether a name read as a DNS name may be the name of a
// Service in the cluster: it ends in a cluster suffix ("db.prod.svc"), or
// it is a Service's short name "<service>.<namespace>": two labels, of
// which the last is a namespace the request names ("payments.shop" beside
// "in namespace shop") or an environment ("db.prod"), or no public suffix ("db.staging", "redis.cache";
// "github.io" and "example.com" are public, "nas.internal" private).
func clusterName(name string, namespaces []string) bool {
	if slices.ContainsFunc(clusterServiceSuffixes, func(s string) bool { return strings.HasSuffix(name, s) }) {
		return true
	}
	// "db.data.svc.mycluster.local", "db.prod.svc.k8s.local": a Service's
	// name under another cluster domain than cluster.local is still
	// "<service>.<namespace>.svc.<domain>" (finder 9's S7 gave toFQDNs).
	if labels := strings.Split(name, "."); len(labels) > 3 && labels[2] == "svc" {
		return true
	}
	service, ns, ok := strings.Cut(name, ".")
	if !ok || service == "" || strings.Contains(ns, ".") || strings.HasPrefix(service, "*") {
		return false
	}
	if slices.Contains(namespaces, ns) || environmentSuffixes[ns] {
		return true
	}
	suffix, icann := publicsuffix.PublicSuffix(name)
	return !icann && suffix == ns && !privateNameSuffixes[ns]
}

// clusterNameAsFQDN asks when a peer read as a DNS name may be the name of
// a Service inside the cluster: "only app=api may reach
// db.prod.svc.cluster.local on 5432" wrote app=api's egress to a DNS name
// outside the cluster, and left the db open to every pod; so did "allow
// app=api to reach db.staging on 5432", the short name of Service db in
// namespace staging.
func clusterNameAsFQDN(request string, toks []token, all []*generator.Intent) error {
	var namespaces []string
	for _, x := range all {
		namespaces = append(namespaces, x.Subject.Namespace)
		namespaces = append(namespaces, x.Subject.Namespaces...)
		for _, r := range x.Network {
			for _, peer := range r.Peers {
				if peer.Namespace != "" {
					namespaces = append(namespaces, peer.Namespace)
				}
			}
		}
	}
	for _, x := range all {
		for _, r := range x.Network {
			for _, peer := range r.Peers {
				if peer.FQDN == "" || !clusterName(peer.FQDN, namespaces) {
					continue
				}
				return &generator.NotUnderstoodError{Request: request, Understood: x.Summary(), Example: generator.ExampleFor(x),
					Missing: fmt.Sprintf("is %q a Service in the cluster? A DNS name rule is for hosts outside it; name the pods behind the Service by their labels (\"the pods labeled app=db in namespace prod\")", peer.FQDN)}
			}
		}
	}
	return nil
}

// podStateAsked asks when the pods are named by a state they are in for a
// while, which no policy selects: "block /bin/sh in idle pods labeled
// app=web" blocked /bin/sh in every app=web pod, busy or idle. It reads a
// word of stateWords ("idle", "inactive", "busy") right before a pod noun.
func podStateAsked(request string, toks []token, all []*generator.Intent) error {
	for i := 0; i+1 < len(toks); i++ {
		if !stateWords[toks[i].low] || !podNouns[toks[i+1].low] {
			continue
		}
		return &generator.NotUnderstoodError{Request: request, Understood: all[0].Summary(), Example: generator.ExampleFor(all[0]),
			Missing: fmt.Sprintf("%q: a policy selects pods by their labels, not by a state they are in for a while; should the rule hold for these pods at all times (say it without %q), or name the pods by a label?",
				toks[i].raw+" "+toks[i+1].raw, toks[i].raw)}
	}
	return nil
}

// readOnlyUnheld asks when the request says "read-only" and a file rule
// blocks every access: "Read-only: block access to /etc in pods labeled
// app=web" and "Block access to /etc in pods labeled app=web. Read-only."
// blocked reads too, where "read-only" lets them through and blocks only
// the writes. The word beside the rule may say which it means, so it asks.
// It reads the word said alone, before a colon or at the end of a
// sentence: "a read-only review" says what else is read-only, and a
// request that made some path read-only read the word.
func readOnlyUnheld(request string, toks []token, all []*generator.Intent) error {
	said := -1
	for i, t := range toks {
		n := i + 1
		if t.low == "read" && n < len(toks) && toks[n].low == "only" {
			n++
		} else if t.low != "read-only" && t.low != "readonly" {
			continue
		}
		// (A dash too: "Read-only - block /etc/nginx in the nginx pods",
		// finder 12, S16.)
		if n == len(toks) || toks[n].low == ":" || toks[n].low == "." || toks[n].low == "-" || toks[n].low == ";" || strings.Contains(request[toks[n-1].end:toks[n].start], "\n") {
			said = i
			break
		}
	}
	if said < 0 || slices.ContainsFunc(all, func(x *generator.Intent) bool {
		return slices.ContainsFunc(x.System, func(r generator.SystemRule) bool { return r.ReadOnly })
	}) {
		return nil
	}
	for _, x := range all {
		for _, r := range x.System {
			if r.Kind == generator.File && r.Action == generator.ActionBlock && !r.ReadOnly {
				return &generator.NotUnderstoodError{Request: request, Understood: x.Summary(), Example: generator.ExampleFor(x),
					Missing: fmt.Sprintf("%q: the rule blocks every access to %s; should it be read-only, reads allowed and writes blocked (\"block writes to %s\"), or should every access be blocked?",
						toks[said].raw, cmp.Or(r.Dir, r.Path), cmp.Or(r.Dir, r.Path))}
			}
		}
	}
	return nil
}

// anyRequestWords say, after an HTTP rule, that some traffic may make any
// request: "any request on 8080", "all requests to 8080".
var anyRequestWords = set("request", "requests", "method", "methods", "call", "calls")

// httpRuleOnOtherPorts asks when a network rule with HTTP rules holds
// several ports and the request says some traffic may make any request:
// "allow app=api to GET /health on pods labeled app=web port 80, and any
// request on 8080" gave one rule on 80 and 8080, both limited to GET
// /health (finder 14, S11). Which port the HTTP rule is for, the engine
// does not split.
func httpRuleOnOtherPorts(request string, toks []token, all []*generator.Intent) error {
	for i := 0; i+1 < len(toks); i++ {
		if (toks[i].low != "any" && toks[i].low != "all" && toks[i].low != "every") || !anyRequestWords[toks[i+1].low] {
			continue
		}
		for _, x := range all {
			for _, r := range x.Network {
				if len(r.HTTP) > 0 && len(r.Ports) > 1 {
					return &generator.NotUnderstoodError{Request: request, Understood: x.Summary(), Example: generator.ExampleFor(x),
						Missing: fmt.Sprintf("%q: which ports does the HTTP rule hold on, and which take any request? Say each port's rule apart (\"allow GET /health on 80; allow any request on 8080\")", toks[i].raw+" "+toks[i+1].raw)}
				}
			}
		}
	}
	return nil
}
