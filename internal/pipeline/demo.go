package pipeline

import (
	"fmt"
	"io/fs"
	"os"
	"time"

	"github.com/kunerva/kunerva/examples"
	"github.com/kunerva/kunerva/internal/gitrepo"
)

// NewDemoRepo writes the demo tree compiled into kunerva (examples/shop) to
// dir, a directory that must not exist yet, as a git repository with one
// commit: the embedded default that `kunerva propose --demo` works on.
func NewDemoRepo(dir string) error {
	if _, err := os.Stat(dir); err == nil {
		return fmt.Errorf("%s already exists: --demo makes a new repository; remove it or name another directory", dir)
	}
	shop, err := fs.Sub(examples.Shop, "shop")
	if err != nil {
		return err
	}
	if err := os.CopyFS(dir, shop); err != nil {
		return fmt.Errorf("write the demo tree to %s: %w", dir, err)
	}
	_, err = gitrepo.Init(dir, "The shop: a demo kustomize tree", gitrepo.Signature{Name: "kunerva", Email: "kunerva@users.noreply.github.com", When: time.Now()})
	return err
}
