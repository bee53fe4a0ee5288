package infer

import (
	"regexp"
	"strings"
)

// asked are the ways a request asks for an inferred namespace: "infer for
// namespace payments", "lock down payments", "least privilege for the
// payments namespace". The whole request must be one of them: anything
// more is a request for the language engines.
var asked = []*regexp.Regexp{
	regexp.MustCompile(`^infer(?: policies)?(?: for)?(?: the)? namespace ([a-z0-9][-a-z0-9]*)` + withHardening + `$`),
	regexp.MustCompile(`^infer(?: policies)? for(?: the)? ([a-z0-9][-a-z0-9]*) namespace` + withHardening + `$`),
	regexp.MustCompile(`^lock down(?: the)?(?: namespace)? ([a-z0-9][-a-z0-9]*)(?: namespace)?` + withHardening + `$`),
	regexp.MustCompile(`^least[- ]privilege(?: policies)? for(?: the)?(?: namespace)? ([a-z0-9][-a-z0-9]*)(?: namespace)?` + withHardening + `$`),
}

// withHardening asks for the KubeArmor hardening rules too: "lock down
// payments with hardening".
const withHardening = `( with(?: system)? hardening)?`

// Asked reads a request that asks for a namespace's policies to be
// inferred, and returns the options it asks for.
func Asked(request string) (opts Options, ok bool) {
	text := strings.ToLower(strings.Join(strings.Fields(strings.TrimRight(strings.TrimSpace(request), ".!")), " "))
	for _, re := range asked {
		if m := re.FindStringSubmatch(text); m != nil && len(m[1]) <= 63 && !strings.HasSuffix(m[1], "-") {
			return Options{Namespaces: []string{m[1]}, System: m[2] != ""}, true
		}
	}
	return Options{}, false
}
