package content

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
)

func TestDirFSReadsAsOSDirFSDoes(t *testing.T) {
	root := t.TempDir()
	files := map[string]string{
		"content/a.md":     "---\ntitle: A\n---\nbody\n",
		"content/empty.md": "",
		"content/big.md":   strings.Repeat("long line of text\n", 4000), // past any first buffer
	}
	for name, data := range files {
		full := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	fsys := DirFS(root)
	for name, want := range files {
		got, err := fs.ReadFile(fsys, name)
		if err != nil || string(got) != want {
			t.Errorf("ReadFile(%s) = %d bytes, %v; want %d bytes", name, len(got), err, len(want))
		}
	}
	_, err := fs.ReadFile(fsys, "content/missing.md")
	var pe *fs.PathError
	if !errors.Is(err, fs.ErrNotExist) || !errors.As(err, &pe) || pe.Path != "content/missing.md" {
		t.Errorf("a missing file: %v; want a not-exist error naming content/missing.md", err)
	}
	if _, err := fs.ReadFile(fsys, "../outside.md"); !errors.Is(err, fs.ErrInvalid) {
		t.Errorf("a path out of the root: %v; want fs.ErrInvalid", err)
	}
	// The rest of the file system is os.DirFS's: walking, stat and the whole fs.FS contract.
	if err := fstest.TestFS(fsys, "content/a.md", "content/empty.md", "content/big.md"); err != nil {
		t.Error(err)
	}
}
