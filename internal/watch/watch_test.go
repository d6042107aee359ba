package watch

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// A harness is a watcher whose quiet window the test ends by hand, once the watcher has
// seen the path the test wrote last: no test depends on how fast events arrive.
type harness struct {
	*Watcher
	seen  chan string
	marks int
}

func start(t *testing.T) (string, *harness) {
	t.Helper()
	root := t.TempDir()
	for _, d := range []string{"content/2024", "static", "elsewhere"} {
		os.MkdirAll(filepath.Join(root, d), 0o755)
	}
	os.WriteFile(filepath.Join(root, "content/2024/a.md"), []byte("a"), 0o644)
	h := &harness{seen: make(chan string, 4096)}
	w, err := newWatcher(&Watcher{root: root, files: []string{"dateline.toml"}, quiet: time.Hour,
		seen: func(rel string) { h.seen <- rel }, quietOver: make(chan time.Time)}, []string{"content", "templates", "static"})
	if err != nil {
		t.Fatal(err)
	}
	h.Watcher = w
	t.Cleanup(func() { w.Close() })
	return root, h
}

// settle ends the test's step: it creates an empty marker file, which makes exactly one
// event, waits until the watcher has seen it (events come in order, so every event of the
// step has been seen too), ends the quiet window and returns the batch without the marker.
func settle(t *testing.T, h *harness) []string {
	t.Helper()
	h.marks++
	mark := fmt.Sprintf("static/mark-%d", h.marks)
	write(t, h.root, mark, "")
	for rel := range h.seen {
		if rel == mark {
			break
		}
	}
	h.quietOver <- time.Now()
	return slices.DeleteFunc(<-h.Changes(), func(p string) bool { return p == mark })
}

// watching waits until the watcher watches dir.
func watching(t *testing.T, h *harness, dir string) {
	t.Helper()
	for !slices.Contains(h.fs.WatchList(), dir) {
		time.Sleep(time.Millisecond)
	}
}

func write(t *testing.T, root, rel, data string) {
	t.Helper()
	if err := os.WriteFile(filepath.Join(root, rel), []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestABurstOfEventsIsOneBatch(t *testing.T) {
	root, h := start(t)
	for i := range 20 {
		write(t, root, "content/2024/a.md", strings.Repeat("x", i))
	}
	write(t, root, "static/site.css", "body{}")
	if got := settle(t, h); !slices.Equal(got, []string{"content/2024/a.md", "static/site.css"}) {
		t.Errorf("batch = %v", got)
	}
	write(t, root, "static/after.css", "")
	if got := settle(t, h); !slices.Equal(got, []string{"static/after.css"}) {
		t.Errorf("the next batch holds more than what came after the first: %v", got)
	}
}

func TestRenameOverTheOriginalIsAChangeOfIt(t *testing.T) {
	root, h := start(t)
	// vim: probe file, backup by rename, write the new file, drop the backup.
	write(t, root, "content/2024/4913", "")
	os.Remove(filepath.Join(root, "content/2024/4913"))
	os.Rename(filepath.Join(root, "content/2024/a.md"), filepath.Join(root, "content/2024/a.md~"))
	write(t, root, "content/2024/a.md", "new")
	os.Remove(filepath.Join(root, "content/2024/a.md~"))
	if got := settle(t, h); !slices.Equal(got, []string{"content/2024/a.md"}) {
		t.Errorf("vim save = %v", got)
	}
	// JetBrains: write a temporary file, rename it over the original.
	write(t, root, "content/2024/a.md___jb_tmp___", "newer")
	os.Rename(filepath.Join(root, "content/2024/a.md___jb_tmp___"), filepath.Join(root, "content/2024/a.md"))
	if got := settle(t, h); !slices.Equal(got, []string{"content/2024/a.md"}) {
		t.Errorf("JetBrains save = %v", got)
	}
}

func TestNewFoldersAreWatchedAndDeletionsSeen(t *testing.T) {
	root, h := start(t)
	os.MkdirAll(filepath.Join(root, "content/2025/bundle"), 0o755)
	watching(t, h, filepath.Join(root, "content/2025/bundle"))
	write(t, root, "content/2025/bundle/index.md", "b")
	if got := settle(t, h); !slices.Contains(got, "content/2025/bundle/index.md") {
		t.Errorf("file in a new folder: %v", got)
	}
	os.RemoveAll(filepath.Join(root, "content/2025"))
	if got := settle(t, h); !slices.Contains(got, "content/2025") {
		t.Errorf("removed folder: %v", got)
	}
	os.Rename(filepath.Join(root, "content/2024/a.md"), filepath.Join(root, "content/2024/b.md"))
	if got := settle(t, h); !slices.Equal(got, []string{"content/2024/a.md", "content/2024/b.md"}) {
		t.Errorf("rename = %v", got)
	}
}

func TestConfigAndLateFoldersAreWatchedOthersAreNot(t *testing.T) {
	root, h := start(t)
	write(t, root, "dateline.toml", "title = 'x'")
	if got := settle(t, h); !slices.Equal(got, []string{"dateline.toml"}) {
		t.Errorf("config = %v", got)
	}
	// Files outside the site's folders and editors' files never appear.
	write(t, root, "elsewhere/notes.md", "x")
	write(t, root, "content/2024/.a.md.swp", "x")
	write(t, root, "content/2024/#a.md#", "x")
	if got := settle(t, h); len(got) != 0 {
		t.Errorf("ignored files were reported: %v", got)
	}
	os.MkdirAll(filepath.Join(root, "templates/partials"), 0o755)
	watching(t, h, filepath.Join(root, "templates/partials"))
	write(t, root, "templates/partials/card.html", "x")
	if got := settle(t, h); !slices.Contains(got, "templates/partials/card.html") {
		t.Errorf("templates created after start: %v", got)
	}
}

// With the real quiet window, a change is reported once events stop. The test waits for
// the batch however long the machine takes; it asserts nothing about time.
func TestAChangeIsReportedOnceQuiet(t *testing.T) {
	root := t.TempDir()
	os.MkdirAll(filepath.Join(root, "content"), 0o755)
	w, err := New(root, []string{"content"}, nil, 30*time.Millisecond)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	write(t, root, "content/a.md", "a")
	if got := <-w.Changes(); !slices.Equal(got, []string{"content/a.md"}) {
		t.Errorf("batch = %v", got)
	}
}
