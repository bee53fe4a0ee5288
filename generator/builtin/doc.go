// Package builtin is kunerva's deterministic engine. It reads a request the
// way people write them and turns it into a generator.Intent in which every
// value says where it came from; it refuses, with one question, what it
// does not fully understand. It never guesses and needs no network.
package builtin

// Reading goes in steps, each a table of rules a reader can follow; the
// files of a step share a prefix of purpose rather than of name:
//
//   - Words: tokens.go types them (labels, CIDRs, ports and ranges,
//     port/protocol pairs, paths, DNS names, punctuation; Markdown's
//     emphasis, "**deny**", reads as the word it stresses); vocabulary.go and
//     values.go hold the shared word lists and value types.
//   - Clauses: clauses.go splits the request into statements (sentences.go,
//     statements.go, starts.go find where one ends and the next begins) and
//     dismisses, by named rules, the clauses that make no rule: reasons
//     (rationale.go), what the rules say again (restated.go, restclauses.go,
//     restwrites.go, restdirection.go, leftopen.go, portsleftout.go),
//     a policy's quoted description (descriptions.go),
//     remarks, facts and stories (remarks.go, facts.go, forms.go,
//     stories.go, pastrules.go (a rule told as the past or a state),
//     failures.go, aboutrules.go, threats.go, inference.go, reports.go,
//     scenes.go, statedfacts.go, factsbefore.go (a fact before the rules
//     that they say again), background.go (a sentence of background,
//     no verdict, beside a whole rule that says its values again), reportedpolicy.go (another tool's rules
//     reported before the rules that say them again)), and
//     titles and headings the rules after them say in full (headings.go,
//     summaries.go, sceneheadings.go, titled.go, summarizes.go,
//     titlepods.go, verdicttitles.go).
//   - Inside a clause, parser.go holds the claims; framing.go, titles.go,
//     dismiss.go and inlineasides.go set aside framing ("I want to",
//     "e.g."), headings, asides and policy names; endpoints.go, entities.go,
//     nameat.go, namewords.go, qualifyscope.go, addresses.go, spelled.go,
//     labels.go, ports.go, l7.go and system.go recognise what policies are
//     made of wherever it stands; definitions.go reads sentences that
//     say what a name is; subject.go turns the named pods into the
//     policy's subject.
//   - Roles: groups.go, roles.go, direction.go, verbroles.go and
//     rolewords.go assign subject, peers and direction from verbs and
//     prepositions.
//   - Rules: network.go (with portbinding.go, dnsrules.go, rest.go,
//     isolation.go, verdict.go) and sysrules.go (with readonly.go,
//     sources.go, pathkind.go, action.go, sysorder.go) assemble the rules
//     and their verdict or action (defaultdeny.go: whether an allow puts
//     the pods into default deny), and refuse what contradicts;
//     sysfacts.go asks about words beside a system rule that it dropped.
//   - Accounting: account.go with meaningful.go, unread.go, qualifiers.go,
//     unreadwords.go, requestchecks.go and terse.go (the shorthand of chat
//     lines and ticket titles) asks about what no rule read;
//     unmetwords.go asks when words of DNS, a protocol, a kind of HTTP
//     request, a peer's role, a workload's name or a pattern of file names
//     are said but no rule holds them (a table of rows), and when a
//     heading or a sentence beside the rule limits its protocol, peers,
//     exception or kind of request ("UDP only:", "Internal traffic:",
//     "Exception: monitoring.", "HTTP only:") that the rule does not hold,
//     and (notations.go) values written in notations the rules cannot hold
//     as written (a source port, an IPv6 address and port without
//     brackets, a named range of ports, a bare "0.0.0.0" or "::");
//     leftoverframes.go dismisses, by named frames, a meaning-bearing word
//     left over whose frame carries no policy meaning ("step 3 (...):",
//     "for the record", "anything labeled X", "but nothing else"); lines.go finds
//     the lines of a chat message or comment once (the rule's, a later
//     line, a list item, a correction) and holds the table of what they
//     and the words of chat may not say unread beside the rule:
//     laterlines.go, a later line that corrects the rule, says a value
//     again, gives it one or another verdict ("*5433", "meant X",
//     "\napp=batch: 5433", "\n/bin/sh: allow", "\n10.1.0.0/16 is
//     trusted"); chatlines.go, hedges, plans, stories, questions, diff
//     lines, places, asides and marks ("prob /bin/sh too", "@prod", "db is
//     in backend fwiw", "writes -> block", ", no /bin/sh", "X shouldn't
//     ... either"); letthrough.go, last, about what is let through, left
//     out, given another verdict or stressed after a rule ("/bin/bash ok",
//     ", not SYS_ADMIN", "NOT:", "the rest", "with the exception of X", ",
//     dropping X", ", including X"); headedrows.go, the rows of a table
//     under a heading ("Ingress for payments:\n- checkout: 8443"): a row
//     whose value is no ports, and two such tables, are asked about.
//   - Joining: engine.go joins the clauses (locating.go, first: a clause
//     that says where named pods are, "api is in prod", taken out and
//     bound to the subject or peer it names, and one of that shape that
//     says no namespace, "web in 443", "web is in python", asks;
//     context.go: a clause without
//     pods takes them from another; merge.go: clauses about the same pods
//     merge; reasons.go, asides.go, fragments.go, scope.go: what a dismissed
//     or partial clause changes; droppedvalues.go: a value it says that no
//     rule uses), and checks the whole request
//     (lostnames.go, namespaces.go, namespaceframes.go, placement.go,
//     conflicts.go, contradiction.go, states.go, asked.go, corrections.go,
//     negatedwords.go (words that negate by themselves, "none of", "the
//     only ones allowed", "every pod ... other than X"),
//     ellipsis.go (a clause that leaves its verb to the one before),
//     groupnames.go (a rule naming pods by a title given to them),
//     listclauses.go (a second "to reach it" with a sender of its own, a
//     namespace or bracketed port after the last pods of a list),
//     kindnamed.go (a CiliumNetworkPolicy asked for in words),
//     judgedtails.go (traffic described with no verdict, then judged:
//     ", this is a problem", "- not good", "?!", ":("),
//     otherside.go (a sentence on the other side of an allowed flow,
//     "app=db ingress from app=web ... is blocked"), lockheading.go (a
//     "Lock down everything:" or "Lock down web:" heading no rule reads),
//     ordernames.go (an order to lock down, protect or harden pods, or a
//     kind of protection "for" them, by a name no rule's pods are spelled
//     by: "Protect ledger: allow ...", "AppArmor profile for billing.",
//     asked),
//     alsoresidence.go (", also running in namespace X," and "that also
//     run in X ..., including those in Y": asked),
//     listplace.go (", both in the same namespace" after a list of pods:
//     the pair read, a longer list or an address in it asked),
//     rowpeer.go (a heading row naming a second peer after its ports:
//     "- app=web: 8080 and app=admin", asked),
//     keptbeside.go (a sentence set aside beside a deny that says
//     something stays open, must keep working or is the exception: "The
//     gateway stays open. Deny all ingress ...", asked),
//     unsupported.go, gerunds.go, movers.go, blockunread.go, conditions.go;
//     processacts.go, last: a program's acts, children, a mode change, a
//     dry run, a node or a condition read as the program or a namespace;
//     besiderule.go and asidewords.go: what a tail, bracket, question or
//     remark beside a rule says of it; asiderows.go: the asides found once,
//     and the table of what an aside may not carry unread; pastedfields.go:
//     a bracket of "key: value" fields pasted from kubectl or a ticket;
//     commentmarks.go: the marks of a GitHub comment that set words apart,
//     a quoted line, an unchecked box, a shortcode that rejects, a to-do
//     note, a sign-off, and a peer added with "also" on any port).
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
