// Package builtin is kunerva's deterministic engine. It reads a request the
// way people write them and turns it into a generator.Intent in which every
// value says where it came from; it refuses, with one question, what it
// does not fully understand. It never guesses and needs no network.
package builtin

// Reading goes in steps, each a table of rules a reader can follow:
//
//   - tokens.go types the words: labels (app=web), CIDRs, ports and ranges,
//     port/protocol pairs, paths, DNS names, punctuation that shapes clauses.
//   - clauses.go splits the request into statements (sentence ends,
//     semicolons, dashes, "and"/"but" before a new statement, a subject
//     heading before a colon) and dismisses, by named rules, clauses that
//     make no rule: reasons ("so attackers can't ..."), the rest of what
//     rules say again (restated.go: "the rest stays allowed", "nothing
//     else"), remarks, facts and stories (remarks.go), titles and headings
//     the rules after them say in full (headings.go).
//   - account.go dismisses framing ("I want to", "e.g."), headings, asides
//     and policy names; endpoints.go, labels.go, ports.go, l7.go, system.go
//     recognise what policies are made of wherever it stands: selectors in
//     every notation, namespaces, entities, CIDRs with exceptions, DNS
//     names, HTTP methods, paths and headers, files, directories,
//     executables, syscalls, capabilities, protocols, sources, owner-only,
//     read-only.
//   - roles.go assigns subject, peers and direction from verbs and
//     prepositions ("X may reach Y", "Y accepts traffic from X", "block X
//     from Y", "ingress only from X"); network.go and sysrules.go assemble
//     the rules, their verdict or action, and refuse what contradicts.
//   - engine.go joins the clauses: a clause without pods takes them from
//     another, clauses about the same pods merge, a dash clause narrows the
//     rule before it, the others give policies of their own.
//
// Every token is claimed by the rule that used or dismissed it. Meaningful
// tokens left over (a value, or a word of a closed list such as not, except,
// only, other, read, owner, syscall) make the engine ask about them
// (account). Every value of the intent carries its Origin: a span of the
// request with the rule that read it, a tree fact, or a documented default;
// generator.Generate checks them all (Intent.CheckOrigins). The converse
// holds too: a value a rule read (a label, path, port, address, name) must
// lie in an origin's span, or the engine asks about it (valuesKept), so no
// value read is silently lost from the policy.
//
// Names are resolved (resolve.go) against a kustomize tree loaded by
// internal/tree; a bare word is a workload's name only where the tree knows
// it, a pod noun follows it, or --assume-app-label says so.
