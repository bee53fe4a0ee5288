package examples

import (
	"bytes"
	"io/fs"
	"os"
	"testing"
)

// The embedded demo tree is the tree on disk, file for file.
func TestEmbeddedShopIsTheTree(t *testing.T) {
	files := 0
	err := fs.WalkDir(os.DirFS("."), "shop", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		files++
		want, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		got, err := Shop.ReadFile(p)
		if err != nil {
			t.Errorf("%s is not embedded (go:embed leaves out names starting with . or _): %v", p, err)
			return nil
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s differs from its embedded copy", p)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if files < 10 {
		t.Errorf("only %d files under shop/", files)
	}
}
