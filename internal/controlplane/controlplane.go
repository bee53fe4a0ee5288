package controlplane

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"encoding/hex"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"

	"k8s.io/client-go/rest"
)

// ControlPlane is a running etcd and kube-apiserver. Stop it when done.
type ControlPlane struct {
	// Config reaches the API server as a cluster admin.
	Config *rest.Config
	dir    string
	procs  []*process
}

type process struct {
	name string
	cmd  *exec.Cmd
	log  string
	done chan error
}

// readyTimeout bounds the wait for the API server; it is ready in about a
// second on a small machine.
const readyTimeout = 60 * time.Second

// priorityClassesHook is the readiness check of the API server's bootstrap
// of the system priority classes. It polls once a second, the first time a
// second after the server starts, so it keeps a server that is otherwise
// ready unready for that second. A control plane started from prepared
// data (StartSeeded) has the classes already and does not wait for it.
const priorityClassesHook = "poststarthook/scheduling/bootstrap-system-priority-classes"

// Start runs etcd and kube-apiserver on free loopback ports in a temporary
// directory and returns once the API server reports ready.
func Start(ctx context.Context, bins Binaries) (*ControlPlane, error) {
	return start(ctx, bins, "", nil)
}

// start starts a control plane whose etcd begins with a copy of the data
// directory from, or empty. It returns once /readyz passes but for the
// checks skip names.
func start(ctx context.Context, bins Binaries, from string, skip []string) (_ *ControlPlane, err error) {
	dir, err := os.MkdirTemp("", "kunerva-controlplane-")
	if err != nil {
		return nil, fmt.Errorf("create a directory for the control plane: %w", err)
	}
	cp := &ControlPlane{dir: dir}
	defer func() {
		if err != nil {
			cp.Stop()
		}
	}()
	if from != "" {
		if err := copyDir(from, filepath.Join(dir, "etcd")); err != nil {
			return nil, fmt.Errorf("copy the prepared etcd data: %w", err)
		}
	}
	ports, err := freePorts(3)
	if err != nil {
		return nil, err
	}
	// etcd first: it elects itself while the API server initializes, which
	// retries until etcd answers.
	etcdURL, err := cp.startEtcd(bins.Etcd, ports[0], ports[1])
	if err != nil {
		return nil, err
	}
	creds, err := cp.credentials()
	if err != nil {
		return nil, err
	}
	host := "https://127.0.0.1:" + strconv.Itoa(ports[2])
	if err := cp.run("kube-apiserver", bins.APIServer,
		"--etcd-servers="+etcdURL, "--bind-address=127.0.0.1", "--advertise-address=127.0.0.1",
		"--secure-port="+strconv.Itoa(ports[2]),
		"--tls-cert-file="+creds.certFile, "--tls-private-key-file="+creds.keyFile,
		"--token-auth-file="+creds.tokenFile,
		"--authorization-mode=AlwaysAllow", "--service-cluster-ip-range=10.0.0.0/24",
		"--service-account-issuer=https://kunerva.local", "--service-account-key-file="+creds.saKeyFile,
		"--service-account-signing-key-file="+creds.saKeyFile, "--enable-priority-and-fairness=false",
		"--allow-privileged=true", "--v=0",
	); err != nil {
		return nil, err
	}
	cfg := &rest.Config{Host: host, BearerToken: creds.token, TLSClientConfig: rest.TLSClientConfig{CAData: creds.ca}, QPS: 200, Burst: 400}
	if err := cp.waitReady(ctx, cfg, skip); err != nil {
		return nil, err
	}
	cp.Config = cfg
	return cp, nil
}

// startEtcd runs etcd on the client and peer ports and returns its client
// URL. A single member has no peer to hear from, so short heartbeat and
// election timeouts only make it elect itself sooner (at start and when
// it restarts from prepared data).
func (cp *ControlPlane) startEtcd(path string, clientPort, peerPort int) (string, error) {
	etcdURL := "http://127.0.0.1:" + strconv.Itoa(clientPort)
	peerURL := "http://127.0.0.1:" + strconv.Itoa(peerPort)
	return etcdURL, cp.run("etcd", path,
		"--name=kunerva", "--data-dir="+filepath.Join(cp.dir, "etcd"),
		"--listen-client-urls="+etcdURL, "--advertise-client-urls="+etcdURL,
		"--listen-peer-urls="+peerURL, "--initial-advertise-peer-urls="+peerURL,
		"--initial-cluster=kunerva="+peerURL, "--unsafe-no-fsync", "--log-level=error",
		"--heartbeat-interval=10", "--election-timeout=100",
	)
}

// credentials are the files the API server reads: a bearer token for an
// admin, a service-account key, and a serving certificate with its CA.
type credentials struct {
	token, tokenFile, saKeyFile, certFile, keyFile string
	ca                                             []byte
}

// credentials writes the credentials into the control plane's directory.
// The keys are ECDSA: generating RSA keys took a tenth of a second.
func (cp *ControlPlane) credentials() (credentials, error) {
	raw := make([]byte, 16)
	if _, err := rand.Read(raw); err != nil {
		return credentials{}, err
	}
	c := credentials{
		token:     hex.EncodeToString(raw),
		tokenFile: filepath.Join(cp.dir, "tokens.csv"),
		saKeyFile: filepath.Join(cp.dir, "sa.key"),
		certFile:  filepath.Join(cp.dir, "apiserver.crt"),
		keyFile:   filepath.Join(cp.dir, "apiserver.key"),
	}
	if err := os.WriteFile(c.tokenFile, []byte(c.token+",kunerva-admin,kunerva-admin,system:masters\n"), 0o600); err != nil {
		return credentials{}, fmt.Errorf("write the token file: %w", err)
	}
	saKey, err := newKey()
	if err != nil {
		return credentials{}, fmt.Errorf("generate a service-account key: %w", err)
	}
	if err := writeKey(c.saKeyFile, saKey); err != nil {
		return credentials{}, fmt.Errorf("write the service-account key: %w", err)
	}
	if c.ca, err = servingCert(c.certFile, c.keyFile); err != nil {
		return credentials{}, fmt.Errorf("make the API server's certificate: %w", err)
	}
	return c, nil
}

func (cp *ControlPlane) run(name, path string, args ...string) error {
	log := filepath.Join(cp.dir, name+".log")
	f, err := os.Create(log)
	if err != nil {
		return fmt.Errorf("create %s: %w", log, err)
	}
	cmd := exec.Command(path, args...)
	cmd.Env = childEnv()
	cmd.Stdout, cmd.Stderr = f, f
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := cmd.Start(); err != nil {
		f.Close()
		return fmt.Errorf("start %s: %w", name, err)
	}
	p := &process{name: name, cmd: cmd, log: log, done: make(chan error, 1)}
	go func() { p.done <- cmd.Wait(); f.Close() }()
	cp.procs = append(cp.procs, p)
	return nil
}

// waitReady polls /readyz, but for the checks skip names, until it answers
// ok, a process exits, or time runs out.
func (cp *ControlPlane) waitReady(ctx context.Context, cfg *rest.Config, skip []string) error {
	ctx, cancel := context.WithTimeout(ctx, readyTimeout)
	defer cancel()
	pool := x509.NewCertPool()
	pool.AppendCertsFromPEM(cfg.CAData)
	client := &http.Client{Timeout: time.Second, Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: pool}}}
	defer client.CloseIdleConnections()
	q := url.Values{"exclude": skip}
	readyz := cfg.Host + "/readyz?" + q.Encode()
	tick := time.NewTicker(10 * time.Millisecond)
	defer tick.Stop()
	for {
		if p := cp.exited(); p != nil {
			err := <-p.done
			p.done <- err
			return fmt.Errorf("%s exited while starting (%v):\n%s", p.name, err, tail(p.log))
		}
		req, _ := http.NewRequestWithContext(ctx, http.MethodGet, readyz, nil)
		req.Header.Set("Authorization", "Bearer "+cfg.BearerToken)
		if resp, err := client.Do(req); err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return nil
			}
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("the API server was not ready after %s:\n%s", readyTimeout, tail(cp.procs[len(cp.procs)-1].log))
		case <-tick.C:
		}
	}
}

// exited returns a process that has exited, or nil.
func (cp *ControlPlane) exited() *process {
	for _, p := range cp.procs {
		select {
		case err := <-p.done:
			p.done <- err
			return p
		default:
		}
	}
	return nil
}

// Stop ends the processes and removes the directory. It is safe to call
// twice. The processes are killed, not asked to shut down gracefully: what
// they hold is thrown away, and kube-apiserver's graceful shutdown took a
// second.
func (cp *ControlPlane) Stop() error {
	for i := len(cp.procs) - 1; i >= 0; i-- {
		cp.procs[i].stop(syscall.SIGKILL)
	}
	cp.procs = nil
	if cp.dir != "" {
		dir := cp.dir
		cp.dir = ""
		if err := os.RemoveAll(dir); err != nil {
			return err
		}
	}
	return nil
}

// stop signals the process's group and waits for it to exit, killing it
// after ten seconds. It returns how the process exited.
func (p *process) stop(sig syscall.Signal) error {
	select {
	case err := <-p.done:
		p.done <- err
		return err
	default:
	}
	_ = syscall.Kill(-p.cmd.Process.Pid, sig)
	var err error
	select {
	case err = <-p.done:
	case <-time.After(10 * time.Second):
		_ = syscall.Kill(-p.cmd.Process.Pid, syscall.SIGKILL)
		err = <-p.done
		err = errors.Join(fmt.Errorf("%s did not stop within 10s of %s", p.name, sig), err)
	}
	p.done <- err
	return err
}

func freePorts(n int) ([]int, error) {
	var ports []int
	var ls []net.Listener
	defer func() {
		for _, l := range ls {
			l.Close()
		}
	}()
	for range n {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			return nil, fmt.Errorf("find a free port: %w", err)
		}
		ls = append(ls, l)
		ports = append(ports, l.Addr().(*net.TCPAddr).Port)
	}
	return ports, nil
}

// tail returns the last lines of a log file, for error messages.
func tail(path string) string {
	b, err := os.ReadFile(path)
	if err != nil {
		return "(no log)"
	}
	lines := bytes.Split(bytes.TrimSpace(b), []byte("\n"))
	if len(lines) > 15 {
		lines = lines[len(lines)-15:]
	}
	return "  " + strings.ReplaceAll(string(bytes.Join(lines, []byte("\n"))), "\n", "\n  ")
}
