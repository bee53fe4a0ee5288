package infer

import (
	"net/netip"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// address is one place a value names: a host and maybe a port, as written.
type address struct {
	scheme string // lower case; "" when none is written
	host   string // lower case, without a trailing dot
	port   int32  // 0 when the value writes none
	text   string // the span it was read from, with any password masked
	// bare: a name alone, with neither scheme nor port; it counts only
	// when nothing else can be meant (see refs_find.go).
	bare bool
}

var (
	// A URL: scheme, then "//" (gRPC's dns:/// has three slashes); it may
	// hold Kubernetes's $(VAR) references (a password, mostly).
	urlRE = regexp.MustCompile(`(?i)\b([a-z][a-z0-9+.-]*)://(/?)((?:\$\([A-Za-z0-9_]+\)|[^\s"'<>,;()\[\]{}])*)`)
	// host:port not inside a URL; the port must not run on into a version
	// number (image: redis:7.4) or a time.
	hostPortRE = regexp.MustCompile(`(?i)(?:^|[\s"'=,\[(@])([a-z0-9][a-z0-9.-]*|\[[0-9a-f:]+\]):(\d{1,5})(?:$|[\s"',/\])}?#;])`)
	// libpq's key=value connection string.
	libpqHostRE = regexp.MustCompile(`(?:^|\s)host=([^\s'"]+)`)
	libpqPortRE = regexp.MustCompile(`(?:^|\s)port=(\d{1,5})\b`)
	// A Service's DNS name in prose or a file: unambiguous even without a
	// scheme or port.
	svcNameRE  = regexp.MustCompile(`(?i)\b[a-z0-9]([a-z0-9-]*[a-z0-9])?\.[a-z0-9]([a-z0-9-]*[a-z0-9])?\.svc(\.cluster\.local)?\b\.?`)
	hostnameRE = regexp.MustCompile(`^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*\.?$`)
	// The secret parts of a value: a URL's password up to the last "@" of
	// the authority (parseURL takes the host after it, so a password may
	// hold an unescaped "@"), and libpq's password=, which may be quoted
	// and have spaces around "=".
	urlPasswordRE = regexp.MustCompile(`(?i)(\b[a-z][a-z0-9+.-]*://[^\s/@:]*):[^\s/?#]*@`)
	kvPasswordRE  = regexp.MustCompile(`(?i)\b(password|passwd|pwd)\s*=\s*(?:'(?:[^'\\]|\\.)*'?|"[^"]*"?|[^\s'"]*)`)
)

// mask leaves out the secret parts of a value: the password of a URL's
// user:password@, and a libpq password=.
func mask(value string) string {
	value = urlPasswordRE.ReplaceAllString(value, "$1:***@")
	return kvPasswordRE.ReplaceAllString(value, "$1=***")
}

// addresses reads the hosts a value names. whole says the value is one
// setting (an env value, a flag's value, a ConfigMap key read as a
// variable) rather than a file or a shell command: only then may a bare
// name be an address.
func addresses(value string, whole bool) []address {
	if !whole {
		value = withoutComments(value)
	}
	var out []address
	covered := make([]bool, len(value)+1)
	cover := func(from, to int) {
		for i := from; i < to; i++ {
			covered[i] = true
		}
	}
	for _, m := range urlRE.FindAllStringSubmatchIndex(value, -1) {
		cover(m[0], m[1])
		if a, ok := parseURL(strings.ToLower(value[m[2]:m[3]]), value[m[6]:m[7]]); ok {
			a.text = mask(value[m[0]:m[1]])
			out = append(out, a)
		}
	}
	if hm := libpqHostRE.FindStringSubmatchIndex(value); hm != nil && !covered[hm[2]] {
		a := address{scheme: "postgres", host: normalHost(value[hm[2]:hm[3]]), text: mask(value)}
		if pm := libpqPortRE.FindStringSubmatch(value); pm != nil {
			a.port = parsePort(pm[1])
		}
		out = append(out, a)
		cover(hm[0], hm[1])
	}
	for _, m := range hostPortRE.FindAllStringSubmatchIndex(value, -1) {
		if covered[m[2]] {
			continue
		}
		host := strings.Trim(value[m[2]:m[3]], "[]")
		if !hasLetter(host) && !isIP(host) {
			continue // a time, a ratio
		}
		cover(m[2], m[5])
		out = append(out, address{host: normalHost(host), port: parsePort(value[m[4]:m[5]]), text: mask(value[m[2]:m[5]])})
	}
	trimmed := strings.TrimSpace(value)
	if whole && len(out) == 0 && hostnameRE.MatchString(strings.ToLower(trimmed)) && hasLetter(trimmed) {
		return []address{{host: normalHost(trimmed), text: trimmed, bare: true}}
	}
	for _, m := range svcNameRE.FindAllStringIndex(value, -1) {
		if !covered[m[0]] {
			out = append(out, address{host: normalHost(value[m[0]:m[1]]), text: value[m[0]:m[1]], bare: true})
		}
	}
	return out
}

// withoutComments drops a file's comment lines: a link in a comment is
// documentation, not a peer.
func withoutComments(text string) string {
	lines := strings.Split(text, "\n")
	kept := lines[:0]
	for _, l := range lines {
		if t := strings.TrimSpace(l); !strings.HasPrefix(t, "#") && !strings.HasPrefix(t, "//") && !strings.HasPrefix(t, ";") {
			kept = append(kept, l)
		}
	}
	return strings.Join(kept, "\n")
}

// parseURL reads the host and port of a URL's rest (after "://").
func parseURL(scheme, rest string) (address, bool) {
	authority := rest
	if i := strings.IndexAny(authority, "/?#"); i >= 0 {
		authority = authority[:i]
	}
	if i := strings.LastIndex(authority, "@"); i >= 0 {
		authority = authority[i+1:]
	}
	host, port := authority, ""
	if strings.HasPrefix(host, "[") {
		end := strings.Index(host, "]")
		if end < 0 {
			return address{}, false
		}
		host, port = host[1:end], strings.TrimPrefix(host[end+1:], ":")
	} else if h, p, ok := strings.Cut(host, ":"); ok {
		host, port = h, p
	}
	a := address{scheme: scheme, host: normalHost(host)}
	if port != "" {
		if a.port = parsePort(port); a.port == 0 {
			return address{}, false // $(PORT) and the like: nothing to decide
		}
	}
	return a, a.host != ""
}

func parsePort(s string) int32 {
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 || n > 65535 {
		return 0
	}
	return int32(n)
}

func normalHost(h string) string { return strings.TrimSuffix(strings.ToLower(h), ".") }

func hasLetter(s string) bool {
	return strings.ContainsFunc(s, func(r rune) bool { return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' })
}

func isIP(h string) bool {
	_, err := netip.ParseAddr(h)
	return err == nil
}

// defaultPorts are the ports a scheme implies when the URL writes none.
// gRPC (grpc, dns) has none: the Service's only port decides.
var defaultPorts = map[string]int32{
	"http": 80, "ws": 80, "https": 443, "wss": 443,
	"redis": 6379, "rediss": 6379,
	"postgres": 5432, "postgresql": 5432,
	"mysql": 3306, "mongodb": 27017,
	"amqp": 5672, "amqps": 5671,
	"nats": 4222, "kafka": 9092,
	"smtp": 25, "smtps": 465, "ldap": 389, "ldaps": 636,
	"memcached": 11211, "ftp": 21, "ssh": 22,
}

// notNetwork are schemes whose authority is not a host to connect to: a
// bucket, a file, a socket.
var notNetwork = map[string]bool{
	"s3": true, "s3a": true, "s3n": true, "gs": true, "gcs": true, "az": true, "abfs": true, "abfss": true,
	"wasb": true, "wasbs": true, "file": true, "unix": true,
}

// loopback says the host is the pod itself.
func loopback(host string) bool {
	if host == "localhost" || strings.HasSuffix(host, ".localhost") {
		return true
	}
	ip, err := netip.ParseAddr(host)
	return err == nil && (ip.IsLoopback() || ip.IsUnspecified())
}

// reserved says the host is a name kept for documentation and tests
// (RFC 2606, RFC 6761, mDNS's .local): a placeholder, never a peer.
func reserved(host string) bool {
	if strings.HasSuffix(host, ".cluster.local") {
		return false
	}
	for _, d := range []string{"example.com", "example.org", "example.net"} {
		if host == d || strings.HasSuffix(host, "."+d) {
			return true
		}
	}
	tld := host[strings.LastIndex(host, ".")+1:]
	return strings.Contains(host, ".") && slices.Contains([]string{"example", "test", "invalid", "local"}, tld)
}

// private says an IP address is inside a private network: a pod, Service
// or node address rather than a host outside the cluster.
func private(host string) bool {
	ip, err := netip.ParseAddr(host)
	return err == nil && (ip.IsPrivate() || ip.IsLinkLocalUnicast() || netip.MustParsePrefix("100.64.0.0/10").Contains(ip.Unmap()))
}
