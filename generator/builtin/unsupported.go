package builtin

import (
	"fmt"
	"slices"
	"strings"

	"github.com/kunerva/kunerva/generator"
)

// unsupported are application protocols whose own rules (Kafka topics,
// memcached keys) no policy kunerva writes can express: a request that
// names one with the words of its rules is refused, never narrowed to L4.
var unsupported = []struct {
	protocol []string // one of these words names the protocol
	rules    []string // and one of these its rules
	what     string
}{
	{[]string{"kafka"}, []string{"topic", "topics", "produce", "produces", "consume", "consumes", "producer", "consumer"}, "Kafka rules (topics, produce, consume)"},
	{[]string{"memcached", "memcache"}, []string{"key", "keys", "writegroup", "readgroup", "prefix"}, "memcached rules (keys, commands)"},
	{[]string{"cassandra"}, []string{"keyspace", "keyspaces", "table", "tables", "query", "queries"}, "Cassandra rules (keyspaces, tables, queries)"},
}

// pathThenBareVerb asks about a path followed by a verb of access with no
// object, before "and", a comma or the end: "audit /etc/hosts changes and
// any use of /usr/bin/curl", "block /etc/passwd writes, and ...". The
// verb is a noun there (writes to the path), but read as a verb it made
// the path the program of the next rule ("running /usr/bin/wget by
// /etc/passwd"), or carried "writes" to the next path.
func pathThenBareVerb(request string, toks []token) error {
	for i := 0; i+1 < len(toks); i++ {
		v := toks[i+1].low
		if toks[i].kind != tPath || !fileVerbs[v] && v != "changes" && v != "modifications" && v != "edits" {
			continue
		}
		if i+2 == len(toks) || slices.Contains([]string{"and", "or", ",", ";", "."}, toks[i+2].low) {
			return &generator.NotUnderstoodError{Request: request, Example: generator.ExampleSystem,
				Missing: fmt.Sprintf("what does %q mean: is %s a program that %s, or the file the rule is about? Say it as \"block writes to %s\" or \"block %s from writing to ...\"", request[toks[i].start:toks[i+1].end], toks[i].raw, v, toks[i].raw, toks[i].raw)}
		}
	}
	return nil
}

func unsupportedProtocol(request string, toks []token) error {
	has := func(words []string) bool {
		return slices.ContainsFunc(toks, func(t token) bool { return slices.Contains(words, t.low) })
	}
	for _, u := range unsupported {
		if has(u.protocol) && has(u.rules) {
			return &generator.NotUnderstoodError{Request: request,
				Missing: "kunerva cannot write " + u.what + ": its policies allow or deny by pods, addresses, ports, HTTP requests and DNS names; which pods may reach which port instead?",
				Example: generator.ExampleNetwork}
		}
	}
	return nil
}

// icmpBesideTraffic asks what a bare "ICMP" or "ping" means when it was
// read as sockets a process opens (KubeArmor) beside rules of network
// traffic: "the worker pods may only send outbound TCP 443 and 53/udp, but
// also allow ICMP" most likely adds ICMP to the traffic the pods may send.
func icmpBesideTraffic(request string, intents []*generator.Intent) error {
	traffic := slices.ContainsFunc(intents, func(in *generator.Intent) bool { return len(in.Network) > 0 })
	if !traffic {
		return nil
	}
	for _, in := range intents {
		for i, r := range in.System {
			if r.Kind != generator.Protocol || r.Protocol != "icmp" || len(r.FromSource) > 0 {
				continue
			}
			for _, o := range in.Origins {
				if o.Field != fieldf("system[%d].protocol", i) || o.From != generator.FromRequest {
					continue
				}
				before := strings.Fields(strings.ToLower(request[:o.Start]))
				if w := strings.ToLower(o.Text); (w == "icmp" || w == "ping") && (len(before) == 0 || !slices.Contains([]string{"use", "uses", "using", "the"}, before[len(before)-1])) {
					return &generator.NotUnderstoodError{Request: request, Understood: in.Summary(), Example: generator.ExampleNetwork,
						Missing: fmt.Sprintf("is %q traffic the network policy should allow (ICMP echo, type 8, in a CiliumNetworkPolicy) or the ICMP sockets processes in the pods may open (KubeArmor)? Say \"ICMP echo\" for the traffic or \"ICMP sockets\" for the processes", o.Text)}
				}
			}
		}
	}
	return nil
}
