package watch

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

func start(t *testing.T) (string, *Watcher) {
	t.Helper()
	root := t.TempDir()
	for _, d := range []string{"content/2024", "static", "elsewhere"} {
		os.MkdirAll(filepath.Join(root, d), 0o755)
	}
	os.WriteFile(filepath.Join(root, "content/2024/a.md"), []byte("a"), 0o644)
	w, err := New(root, []string{"content", "templates", "static"}, []string{"dateline.toml"}, 30*time.Millisecond)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { w.Close() })
	return root, w
}

// next waits for the next batch.
func next(t *testing.T, w *Watcher) []string {
	t.Helper()
	select {
	case b := <-w.Changes():
		return b
	case <-time.After(5 * time.Second):
		t.Fatal("no batch within 5s")
		return nil
	}
}

// none checks that no batch comes.
func none(t *testing.T, w *Watcher) {
	t.Helper()
	select {
	case b := <-w.Changes():
		t.Fatalf("unexpected batch %v", b)
	case <-time.After(200 * time.Millisecond):
	}
}

func write(t *testing.T, root, rel, data string) {
	t.Helper()
	if err := os.WriteFile(filepath.Join(root, rel), []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestABurstOfEventsIsOneBatch(t *testing.T) {
	root, w := start(t)
	for i := range 20 {
		write(t, root, "content/2024/a.md", strings.Repeat("x", i))
	}
	write(t, root, "static/site.css", "body{}")
	if got := next(t, w); !slices.Equal(got, []string{"content/2024/a.md", "static/site.css"}) {
		t.Errorf("batch = %v", got)
	}
	none(t, w)
}

func TestRenameOverTheOriginalIsAChangeOfIt(t *testing.T) {
	root, w := start(t)
	// vim: probe file, backup by rename, write the new file, drop the backup.
	write(t, root, "content/2024/4913", "")
	os.Remove(filepath.Join(root, "content/2024/4913"))
	os.Rename(filepath.Join(root, "content/2024/a.md"), filepath.Join(root, "content/2024/a.md~"))
	write(t, root, "content/2024/a.md", "new")
	os.Remove(filepath.Join(root, "content/2024/a.md~"))
	if got := next(t, w); !slices.Equal(got, []string{"content/2024/a.md"}) {
		t.Errorf("vim save = %v", got)
	}
	// JetBrains: write a temporary file, rename it over the original.
	write(t, root, "content/2024/a.md___jb_tmp___", "newer")
	os.Rename(filepath.Join(root, "content/2024/a.md___jb_tmp___"), filepath.Join(root, "content/2024/a.md"))
	if got := next(t, w); !slices.Equal(got, []string{"content/2024/a.md"}) {
		t.Errorf("JetBrains save = %v", got)
	}
}

func TestNewFoldersAreWatchedAndDeletionsSeen(t *testing.T) {
	root, w := start(t)
	os.MkdirAll(filepath.Join(root, "content/2025/bundle"), 0o755)
	time.Sleep(50 * time.Millisecond) // the watcher adds the new folders
	next(t, w)
	write(t, root, "content/2025/bundle/index.md", "b")
	if got := next(t, w); !slices.Contains(got, "content/2025/bundle/index.md") {
		t.Errorf("file in a new folder: %v", got)
	}
	os.RemoveAll(filepath.Join(root, "content/2025"))
	if got := next(t, w); !slices.Contains(got, "content/2025") {
		t.Errorf("removed folder: %v", got)
	}
	os.Rename(filepath.Join(root, "content/2024/a.md"), filepath.Join(root, "content/2024/b.md"))
	if got := next(t, w); !slices.Equal(got, []string{"content/2024/a.md", "content/2024/b.md"}) {
		t.Errorf("rename = %v", got)
	}
}

func TestConfigAndLateFoldersAreWatchedOthersAreNot(t *testing.T) {
	root, w := start(t)
	write(t, root, "dateline.toml", "title = 'x'")
	if got := next(t, w); !slices.Equal(got, []string{"dateline.toml"}) {
		t.Errorf("config = %v", got)
	}
	write(t, root, "elsewhere/notes.md", "x")
	write(t, root, "content/2024/.a.md.swp", "x")
	write(t, root, "content/2024/#a.md#", "x")
	none(t, w)
	os.MkdirAll(filepath.Join(root, "templates/partials"), 0o755)
	next(t, w)
	write(t, root, "templates/partials/card.html", "x")
	if got := next(t, w); !slices.Contains(got, "templates/partials/card.html") {
		t.Errorf("templates created after start: %v", got)
	}
}
