package controlplane

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
)

// Binaries are the paths of the control-plane executables.
type Binaries struct {
	APIServer string
	Etcd      string
}

// AssetsEnv names a directory searched first for the binaries.
const AssetsEnv = "KUNERVA_ASSETS"

// DefaultDir is where `make controlplane` and `kunerva controlplane install`
// put the binaries: ~/.cache/kunerva/bin.
func DefaultDir() (string, error) {
	home, err := os.UserHomeDir()
	if err != nil {
		return "", fmt.Errorf("find the home directory: %w", err)
	}
	return filepath.Join(home, ".cache", "kunerva", "bin"), nil
}

// FindBinaries looks for kube-apiserver and etcd in $KUNERVA_ASSETS, on PATH
// and in DefaultDir, in that order.
func FindBinaries() (Binaries, error) {
	var dirs []string
	if d := os.Getenv(AssetsEnv); d != "" {
		dirs = append(dirs, d)
	}
	def, err := DefaultDir()
	if err == nil {
		dirs = append(dirs, def)
	}
	var b Binaries
	var errs []error
	for _, want := range []struct {
		name string
		path *string
	}{{"kube-apiserver", &b.APIServer}, {"etcd", &b.Etcd}} {
		p, err := find(want.name, dirs)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		*want.path = p
	}
	if len(errs) > 0 {
		return Binaries{}, fmt.Errorf("%w\n  install them with `kunerva controlplane install` or, from a checkout, `make controlplane`; or point $%s at a directory that holds them", errors.Join(errs...), AssetsEnv)
	}
	return b, nil
}

func find(name string, dirs []string) (string, error) {
	if len(dirs) > 0 && os.Getenv(AssetsEnv) != "" {
		if p := filepath.Join(dirs[0], name); executable(p) {
			return p, nil
		}
		dirs = dirs[1:]
	}
	if p, err := exec.LookPath(name); err == nil {
		return p, nil
	}
	for _, d := range dirs {
		if p := filepath.Join(d, name); executable(p) {
			return p, nil
		}
	}
	where := "$" + AssetsEnv + ", PATH or ~/.cache/kunerva/bin"
	return "", fmt.Errorf("%s not found in %s", name, where)
}

func executable(p string) bool {
	st, err := os.Stat(p)
	return err == nil && !st.IsDir() && st.Mode()&0o111 != 0
}
