package connectivity

import (
	"cmp"
	"slices"
	"strings"
)

// side is one end of a group: its peers and the words that name them.
type side struct {
	Peers  []string // the members' peers, as in Change
	Text   string   // "every workload in shop except checkout", "world"
	Plural bool     // Text names several terms ("shop/a and shop/b")
	// Relative is set when Text is "every other workload...": the peers
	// are every workload but the one at the other end, so two such sides
	// are the same words for different sets.
	Relative bool
}

// key tells sides apart when groups are merged: their peers, and for a
// relative side also the other end's, since "every other workload" means
// a different set for each peer it is relative to.
func (s side) key(other side) string {
	k := sortedKey(s.Peers)
	if s.Relative {
		k = join(k, sortedKey(other.Peers))
	}
	return k
}

func sortedKey(peers []string) string {
	ps := slices.Clone(peers)
	slices.Sort(ps)
	return strings.Join(slices.Compact(ps), "\x01")
}

// universe is the workloads of the tree, which say when a set of peers is
// "every workload in shop".
type universe struct {
	all        map[string]bool     // namespace/name
	byNS       map[string][]string // namespace -> its workloads' names, sorted
	namespaces []string            // sorted
}

func newUniverse(workloads []string) universe {
	u := universe{all: map[string]bool{}, byNS: map[string][]string{}}
	for _, w := range workloads {
		ns, name, ok := strings.Cut(w, "/")
		if !ok || u.all[w] {
			continue
		}
		u.all[w] = true
		u.byNS[ns] = append(u.byNS[ns], name)
	}
	for ns, names := range u.byNS {
		slices.Sort(names)
		u.namespaces = append(u.namespaces, ns)
	}
	slices.Sort(u.namespaces)
	return u
}

// term is one phrase of a side: a peer, or a group of workloads with the
// few it leaves out.
type term struct {
	head   string   // "shop/checkout", "every workload in shop"
	except []string // "checkout"
	group  bool
	ns     string // the namespace of a group term; "" for the whole tree
	named  int    // how many namespaces the head names after its first words ("every workload outside a and b")
}

// cost is how many names a reader reads in the term.
func (t term) cost() int { return 1 + t.named + len(t.except) }

// describe names peers in as few words as it can: whole namespaces, whole
// namespaces but a few, the whole tree. other is the peer at the other end
// when there is one: when the peers are every workload but it, they are
// "every other workload".
func (u universe) describe(peers []string, other string) side {
	set := map[string]bool{}
	var outside []string
	for _, p := range peers {
		switch {
		case u.all[p]:
			set[p] = true
		case !slices.Contains(outside, p):
			outside = append(outside, p)
		}
	}
	terms := u.workloadTerms(set)
	relative := false
	if u.all[other] && !set[other] {
		set[other] = true
		alt := u.workloadTerms(set)
		if i := coveringTerm(alt, other); i >= 0 && costOf(alt) < costOf(terms) {
			alt[i].head = strings.Replace(alt[i].head, "every workload", "every other workload", 1)
			terms, relative = alt, true
		}
	}
	slices.SortFunc(outside, comparePeers)
	for _, p := range outside {
		terms = append(terms, term{head: peerName(p)})
	}
	words := make([]string, len(terms))
	for i, t := range terms {
		words[i] = t.head
		if len(t.except) > 0 {
			if len(terms) == 1 {
				words[i] += " except " + joinAnd(t.except)
			} else {
				words[i] += " (except " + joinAnd(t.except) + ")"
			}
		}
	}
	return side{Peers: peers, Text: joinAnd(words), Plural: len(terms) > 1, Relative: relative}
}

// workloadTerms names a set of the tree's workloads: the cheaper of
// namespace by namespace and the whole tree but a few, namespace by
// namespace when they cost the same.
func (u universe) workloadTerms(set map[string]bool) []term {
	if len(set) == 0 {
		return nil
	}
	if len(set) == len(u.all) && len(set) > 1 {
		return []term{{head: "every workload", group: true}}
	}
	byNS := u.namespaceTerms(set)
	if t, ok := u.treeTerm(set); ok && t.cost() < costOf(byNS) {
		return []term{t}
	}
	return byNS
}

func (u universe) namespaceTerms(set map[string]bool) []term {
	var terms []term
	for _, ns := range u.namespaces {
		var in, out []string
		for _, name := range u.byNS[ns] {
			if set[ns+"/"+name] {
				in = append(in, name)
			} else {
				out = append(out, name)
			}
		}
		switch {
		case len(in) == 0:
		case len(out) == 0 && len(in) > 1: // one workload reads better by its name
			terms = append(terms, term{head: "every workload in " + ns, group: true, ns: ns})
		case fewMissing(len(out), len(in)):
			terms = append(terms, term{head: "every workload in " + ns, except: out, group: true, ns: ns})
		default:
			for _, name := range in {
				terms = append(terms, term{head: ns + "/" + name})
			}
		}
	}
	return terms
}

// treeTerm is "every workload except a/b and c/d" when the set is the
// tree but a few workloads, or "every workload outside payments" when they
// are whole namespaces with more workloads than names.
func (u universe) treeTerm(set map[string]bool) (term, bool) {
	var missing, missingNS []string
	for _, ns := range u.namespaces {
		whole := true
		for _, name := range u.byNS[ns] {
			if w := ns + "/" + name; !set[w] {
				missing = append(missing, w)
			} else {
				whole = false
			}
		}
		if whole {
			missingNS = append(missingNS, ns)
		}
	}
	wholeOnly := 0
	for _, ns := range missingNS {
		wholeOnly += len(u.byNS[ns])
	}
	except := term{head: "every workload", except: missing, group: true}
	outside := term{head: "every workload outside " + joinAnd(missingNS), group: true, named: len(missingNS)}
	okExcept := fewMissing(len(missing), len(set))
	okOutside := wholeOnly == len(missing) && fewMissing(len(missingNS), len(u.namespaces)-len(missingNS))
	switch {
	case okOutside && (!okExcept || outside.cost() < except.cost()):
		return outside, true
	case okExcept:
		return except, true
	}
	return term{}, false
}

// fewMissing says whether "all but the missing" reads better than a list
// of those present: at most about a third are missing, and naming them
// takes fewer words than naming the others.
func fewMissing(missing, present int) bool {
	return missing > 0 && 3*missing <= missing+present+1 && 1+missing < present
}

func costOf(terms []term) int {
	n := 0
	for _, t := range terms {
		n += t.cost()
	}
	return n
}

// coveringTerm is the index of the group term that holds the workload w,
// or -1 when w is named by a term of its own.
func coveringTerm(terms []term, w string) int {
	ns, _, _ := strings.Cut(w, "/")
	for i, t := range terms {
		if t.group && (t.ns == "" || t.ns == ns) {
			return i
		}
	}
	return -1
}

// comparePeers sorts workloads first, then world, CIDRs, FQDNs and entities.
func comparePeers(a, b string) int {
	return cmp.Or(cmp.Compare(peerRank(a), peerRank(b)), cmp.Compare(a, b))
}

func peerRank(p string) int {
	switch {
	case p == "world":
		return 1
	case strings.HasPrefix(p, "cidr:"):
		return 2
	case strings.HasPrefix(p, "fqdn:"):
		return 3
	case strings.HasPrefix(p, "entity:"):
		return 4
	}
	return 0
}

// peerName is a peer as a sentence names it: workloads and world as they
// are, CIDRs and FQDNs without their prefix, Cilium entities in words, and
// the nodes of KubeArmor host policies as nodes.
func peerName(p string) string {
	switch {
	case peerRank(p) == 0 && !strings.Contains(p, "/"):
		return "node " + p
	case strings.HasPrefix(p, "cidr:"):
		return strings.TrimPrefix(p, "cidr:")
	case strings.HasPrefix(p, "fqdn:"):
		return strings.TrimPrefix(p, "fqdn:")
	case strings.HasPrefix(p, "entity:"):
		e := strings.TrimPrefix(p, "entity:")
		if name, ok := entityNames[e]; ok {
			return name
		}
		return "the " + e + " entity"
	}
	return p
}

// entityNames are Cilium's entities (other than world) in words.
var entityNames = map[string]string{
	"host":           "the host",
	"remote-node":    "the other nodes",
	"kube-apiserver": "the kube-apiserver",
	"ingress":        "Cilium's ingress",
	"cluster":        "the whole cluster",
	"health":         "Cilium's health endpoints",
	"init":           "endpoints Cilium has not yet identified",
	"unmanaged":      "pods Cilium does not manage",
	"all":            "everything",
}
