package controlplane

import (
	"os"
	"slices"
	"strings"
)

// childEnv is the environment of etcd and kube-apiserver: none. Every
// setting they need is a flag, they start no other program and write only
// below the directory they are given; kunerva's own environment, which in
// the GitHub Action holds the workflow's tokens and the model's key, is
// none of their business (and ETCD_* variables would change etcd's flags).
func childEnv() []string { return []string{} }

// goEnvNames are the variables `go build` of a tool module may read: the
// Go toolchain's own settings, where it finds itself and its caches, and
// how it reaches the module proxy.
var goEnvNames = []string{
	// The Go command's settings (`go help environment`).
	"GOROOT", "GOPATH", "GOBIN", "GOCACHE", "GOCACHEPROG", "GOMODCACHE", "GOENV", "GOTMPDIR",
	"GOTOOLCHAIN", "GOPROXY", "GONOPROXY", "GOPRIVATE", "GONOSUMDB", "GOSUMDB", "GOINSECURE",
	"GOVCS", "GOAUTH", "GODEBUG", "GOEXPERIMENT", "GOFIPS140",
	"GOTELEMETRY", "GOTELEMETRYDIR", "GOAMD64", "GOARM", "GOARM64", "GO386", "GOPPC64",
	"GORISCV64", "GOMIPS", "GOMIPS64", "GOWASM", "GOMAXPROCS", "GOGC", "GOMEMLIMIT",
	// Where programs, the home directory, the caches and temporary files are.
	"PATH", "HOME", "TMPDIR", "XDG_CACHE_HOME", "XDG_CONFIG_HOME",
	// How to reach the module proxy: through a proxy, with the credentials
	// of a .netrc, trusting a local CA.
	"HTTP_PROXY", "HTTPS_PROXY", "NO_PROXY", "http_proxy", "https_proxy", "no_proxy",
	"NETRC", "SSL_CERT_FILE", "SSL_CERT_DIR", "GIT_SSL_CAINFO",
}

// goEnv is the environment of the `go build` that builds a tool: the
// variables of goEnvNames that are set, and nothing else. An allow-list,
// not a deny-list of INPUT_*, *_TOKEN, *_KEY and the like: a secret's name
// cannot be guessed (DATABASE_URL, a model's key under any name), the Go
// command's needs can.
func goEnv() []string {
	var env []string
	for _, kv := range os.Environ() {
		if name, _, _ := strings.Cut(kv, "="); slices.Contains(goEnvNames, name) {
			env = append(env, kv)
		}
	}
	return env
}
