package controlplane

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/hex"
	"encoding/pem"
	"errors"
	"fmt"
	"net"
	"net/http"
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

// readyTimeout bounds the wait for the API server; it is ready in about two
// seconds on a small machine.
const readyTimeout = 60 * time.Second

// Start runs etcd and kube-apiserver on free loopback ports in a temporary
// directory and returns once the API server reports ready.
func Start(ctx context.Context, bins Binaries) (cp *ControlPlane, err error) {
	dir, err := os.MkdirTemp("", "kunerva-controlplane-")
	if err != nil {
		return nil, fmt.Errorf("create a directory for the control plane: %w", err)
	}
	cp = &ControlPlane{dir: dir}
	defer func() {
		if err != nil {
			cp.Stop()
		}
	}()
	ports, err := freePorts(3)
	if err != nil {
		return nil, err
	}
	etcdURL := "http://127.0.0.1:" + strconv.Itoa(ports[0])
	peerURL := "http://127.0.0.1:" + strconv.Itoa(ports[1])
	if err := cp.run("etcd", bins.Etcd,
		"--name=kunerva", "--data-dir="+filepath.Join(dir, "etcd"),
		"--listen-client-urls="+etcdURL, "--advertise-client-urls="+etcdURL,
		"--listen-peer-urls="+peerURL, "--initial-advertise-peer-urls="+peerURL,
		"--initial-cluster=kunerva="+peerURL, "--unsafe-no-fsync", "--log-level=error",
	); err != nil {
		return nil, err
	}
	token, saKey, err := cp.credentials()
	if err != nil {
		return nil, err
	}
	certDir := filepath.Join(dir, "certs")
	host := "https://127.0.0.1:" + strconv.Itoa(ports[2])
	if err := cp.run("kube-apiserver", bins.APIServer,
		"--etcd-servers="+etcdURL, "--bind-address=127.0.0.1", "--advertise-address=127.0.0.1",
		"--secure-port="+strconv.Itoa(ports[2]), "--cert-dir="+certDir,
		"--token-auth-file="+filepath.Join(dir, "tokens.csv"),
		"--authorization-mode=AlwaysAllow", "--service-cluster-ip-range=10.0.0.0/24",
		"--service-account-issuer=https://kunerva.local", "--service-account-key-file="+saKey,
		"--service-account-signing-key-file="+saKey, "--enable-priority-and-fairness=false",
		"--allow-privileged=true", "--v=0",
	); err != nil {
		return nil, err
	}
	if err := cp.waitReady(ctx, host, token, certDir); err != nil {
		return nil, err
	}
	return cp, nil
}

// credentials writes a bearer token for an admin and a service-account key.
func (cp *ControlPlane) credentials() (token, keyFile string, err error) {
	raw := make([]byte, 16)
	if _, err := rand.Read(raw); err != nil {
		return "", "", err
	}
	token = hex.EncodeToString(raw)
	if err := os.WriteFile(filepath.Join(cp.dir, "tokens.csv"), []byte(token+",kunerva-admin,kunerva-admin,system:masters\n"), 0o600); err != nil {
		return "", "", fmt.Errorf("write the token file: %w", err)
	}
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		return "", "", fmt.Errorf("generate a service-account key: %w", err)
	}
	keyFile = filepath.Join(cp.dir, "sa.key")
	pemBytes := pem.EncodeToMemory(&pem.Block{Type: "RSA PRIVATE KEY", Bytes: x509.MarshalPKCS1PrivateKey(key)})
	if err := os.WriteFile(keyFile, pemBytes, 0o600); err != nil {
		return "", "", fmt.Errorf("write the service-account key: %w", err)
	}
	return token, keyFile, nil
}

func (cp *ControlPlane) run(name, path string, args ...string) error {
	log := filepath.Join(cp.dir, name+".log")
	f, err := os.Create(log)
	if err != nil {
		return fmt.Errorf("create %s: %w", log, err)
	}
	cmd := exec.Command(path, args...)
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

// waitReady polls /readyz until it answers ok, a process exits, or time runs out.
func (cp *ControlPlane) waitReady(ctx context.Context, host, token, certDir string) error {
	ctx, cancel := context.WithTimeout(ctx, readyTimeout)
	defer cancel()
	client := &http.Client{Timeout: time.Second, Transport: &http.Transport{TLSClientConfig: insecureTLS()}}
	tick := time.NewTicker(50 * time.Millisecond)
	defer tick.Stop()
	for {
		for _, p := range cp.procs {
			select {
			case err := <-p.done:
				p.done <- err
				return fmt.Errorf("%s exited while starting (%v):\n%s", p.name, err, tail(p.log))
			default:
			}
		}
		req, _ := http.NewRequestWithContext(ctx, http.MethodGet, host+"/readyz", nil)
		req.Header.Set("Authorization", "Bearer "+token)
		if resp, err := client.Do(req); err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				ca, err := os.ReadFile(filepath.Join(certDir, "apiserver.crt"))
				if err != nil {
					return fmt.Errorf("read the API server's certificate: %w", err)
				}
				cp.Config = &rest.Config{Host: host, BearerToken: token, TLSClientConfig: rest.TLSClientConfig{CAData: ca}, QPS: 200, Burst: 400}
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

// Stop ends the processes and removes the directory. It is safe to call twice.
func (cp *ControlPlane) Stop() error {
	var errs []error
	for i := len(cp.procs) - 1; i >= 0; i-- {
		p := cp.procs[i]
		select {
		case err := <-p.done:
			p.done <- err
			continue
		default:
		}
		_ = syscall.Kill(-p.cmd.Process.Pid, syscall.SIGTERM)
		select {
		case err := <-p.done:
			p.done <- err
		case <-time.After(10 * time.Second):
			_ = syscall.Kill(-p.cmd.Process.Pid, syscall.SIGKILL)
			p.done <- <-p.done
		}
	}
	cp.procs = nil
	if cp.dir != "" {
		if err := os.RemoveAll(cp.dir); err != nil {
			errs = append(errs, err)
		}
		cp.dir = ""
	}
	return errors.Join(errs...)
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
