package output

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

func build(t *testing.T, dest, source string, files map[string]string) error {
	t.Helper()
	d, err := OpenDir(dest, source, []string{"content", "templates", "static"})
	if err != nil {
		return err
	}
	for name, data := range files {
		if err := d.Write(name, []byte(data)); err != nil {
			d.Abort()
			return err
		}
	}
	return d.Commit()
}

func read(t *testing.T, p string) string {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestCommitReplacesTheOldTreeWhole(t *testing.T) {
	src := t.TempDir()
	dest := filepath.Join(src, "public")
	if err := build(t, dest, src, map[string]string{"index.html": "one", "old/index.html": "gone"}); err != nil {
		t.Fatal(err)
	}
	if err := build(t, dest, src, map[string]string{"index.html": "two"}); err != nil {
		t.Fatal(err)
	}
	if got := read(t, filepath.Join(dest, "index.html")); got != "two" {
		t.Errorf("index.html = %q", got)
	}
	if _, err := os.Stat(filepath.Join(dest, "old")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a file of the old build survived: %v", err)
	}
	if !owned(dest) {
		t.Error("output has no marker")
	}
	if info, err := os.Stat(dest); err != nil || info.Mode().Perm() != 0o755 {
		t.Errorf("the output folder is not readable by all (a web server): %v %v", info.Mode(), err)
	}
	entries, _ := os.ReadDir(src)
	if len(entries) != 1 {
		t.Errorf("leftovers beside the output: %v", entries)
	}
}

func TestAbortLeavesTheOldTreeUntouched(t *testing.T) {
	src := t.TempDir()
	dest := filepath.Join(src, "public")
	if err := build(t, dest, src, map[string]string{"index.html": "one"}); err != nil {
		t.Fatal(err)
	}
	d, err := OpenDir(dest, src, nil)
	if err != nil {
		t.Fatal(err)
	}
	d.Write("index.html", []byte("half"))
	d.Abort()
	if got := read(t, filepath.Join(dest, "index.html")); got != "one" {
		t.Errorf("index.html = %q after an aborted build", got)
	}
	entries, _ := os.ReadDir(src)
	if len(entries) != 1 {
		t.Errorf("leftovers beside the output: %v", entries)
	}
}

func TestOpenDirRefusesFoldersItDoesNotOwn(t *testing.T) {
	src := t.TempDir()
	os.MkdirAll(filepath.Join(src, "content"), 0o755)
	mine := filepath.Join(src, "mine")
	os.MkdirAll(mine, 0o755)
	os.WriteFile(filepath.Join(mine, "thesis.txt"), []byte("years of work"), 0o644)

	for name, dest := range map[string]string{
		"source":         src,
		"parent":         filepath.Dir(src),
		"content":        filepath.Join(src, "content"),
		"inside content": filepath.Join(src, "content", "out"),
		"not ours":       mine,
		"file":           filepath.Join(mine, "thesis.txt"),
	} {
		if _, err := OpenDir(dest, src, []string{"content", "templates", "static"}); err == nil {
			t.Errorf("%s: OpenDir(%s) succeeded", name, dest)
		} else if !strings.Contains(err.Error(), "hint:") && name != "file" {
			t.Errorf("%s: error without a hint: %v", name, err)
		}
	}
	if got := read(t, filepath.Join(mine, "thesis.txt")); got != "years of work" {
		t.Fatal("a refused build touched the user's file")
	}
	empty := filepath.Join(src, "empty")
	os.Mkdir(empty, 0o755)
	if err := build(t, empty, src, map[string]string{"a.html": "x"}); err != nil {
		t.Errorf("empty folder refused: %v", err)
	}
}

func TestOpenDirCleansLeftoversOfKilledBuilds(t *testing.T) {
	src := t.TempDir()
	dest := filepath.Join(src, "public")
	// A killed build leaves a marked staging tree; an unmarked look-alike is not ours.
	killed := filepath.Join(src, ".public.dateline-new-123")
	os.MkdirAll(killed, 0o755)
	os.WriteFile(filepath.Join(killed, Marker), []byte(markerText), 0o644)
	stranger := filepath.Join(src, ".public.dateline-new-999")
	os.MkdirAll(stranger, 0o755)
	if err := build(t, dest, src, map[string]string{"index.html": "x"}); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(killed); !errors.Is(err, os.ErrNotExist) {
		t.Error("leftover of a killed build was kept")
	}
	if _, err := os.Stat(stranger); err != nil {
		t.Error("an unmarked folder was deleted")
	}
}

func TestWriteRefusesNamesOutsideTheRoot(t *testing.T) {
	m := NewMemory()
	for _, name := range []string{"../x", "/etc/passwd", "a/../../b", "a\\b", "", ".", "a//b"} {
		if err := m.Write(name, nil); err == nil {
			t.Errorf("Write(%q) succeeded", name)
		}
	}
	if err := m.Write("2024/01/02/x/index.html", []byte("ok")); err != nil {
		t.Fatal(err)
	}
	if got, _ := m.Get("2024/01/02/x/index.html"); string(got) != "ok" {
		t.Errorf("Get = %q", got)
	}
}

// Top-level folders are made under a random name and renamed into place (spread_linux.go);
// many workers making the same ones at once must each find them, and leave nothing else.
func TestTopLevelFoldersMadeByManyWorkersAtOnce(t *testing.T) {
	src := t.TempDir()
	dest := filepath.Join(src, "public")
	d, err := OpenDir(dest, src, nil)
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	errs := make(chan error, 64)
	for w := range 64 {
		wg.Go(func() {
			name := fmt.Sprintf("%d/%02d/page-%d/index.html", 2000+w%3, w%4, w)
			if err := d.Write(name, []byte(name)); err != nil {
				errs <- err
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if err := d.Commit(); err != nil {
		t.Fatal(err)
	}
	var files int
	filepath.WalkDir(dest, func(p string, e fs.DirEntry, err error) error {
		if err != nil {
			t.Fatal(err)
		}
		if strings.HasPrefix(e.Name(), ".dateline-dir-") {
			t.Errorf("a folder left under its temporary name: %s", p)
		}
		if info, _ := e.Info(); e.IsDir() && info.Mode().Perm() != 0o755 {
			t.Errorf("%s: mode %v", p, info.Mode().Perm())
		}
		if e.Type().IsRegular() && e.Name() == "index.html" {
			files++
			if got, want := read(t, p), filepath.ToSlash(strings.TrimPrefix(p, dest+"/")); got != want {
				t.Errorf("%s holds %q", p, got)
			}
		}
		return nil
	})
	if files != 64 {
		t.Errorf("%d pages in the output, want 64", files)
	}
}

// TestAFolderNotOursUnderTheSparesNameStopsNoBuild leaves, where the spare goes, a
// folder without the marker (as a build killed while deleting a spare once could) and
// expects builds that keep the old tree, and MakeSpare, to go on: the folder untouched,
// the output replaced, nothing kept as the spare.
func TestAFolderNotOursUnderTheSparesNameStopsNoBuild(t *testing.T) {
	src := t.TempDir()
	dest := filepath.Join(src, "public")
	if err := build(t, dest, src, map[string]string{"index.html": "one"}); err != nil {
		t.Fatal(err)
	}
	d, err := OpenDir(dest, src, nil)
	if err != nil {
		t.Fatal(err)
	}
	stray := filepath.Join(d.Spare(), "2024", "index.html")
	os.MkdirAll(filepath.Dir(stray), 0o755)
	os.WriteFile(stray, []byte("half deleted"), 0o644)
	d.KeepOld()
	if err := d.Write("index.html", []byte("two")); err != nil {
		t.Fatal(err)
	}
	if err := d.Commit(); err != nil {
		t.Fatalf("a folder not ours where the spare goes failed the build: %v", err)
	}
	if d.KeptOld() || read(t, filepath.Join(dest, "index.html")) != "two" || read(t, stray) != "half deleted" {
		t.Errorf("kept %v, output %q, the folder not ours %q", d.KeptOld(), read(t, filepath.Join(dest, "index.html")), read(t, stray))
	}
	if err := d.MakeSpare(t.Context(), []string{"index.html"}); err == nil || read(t, stray) != "half deleted" {
		t.Errorf("MakeSpare over a folder not ours: %v, and it holds %q", err, read(t, stray))
	}
	entries, _ := os.ReadDir(src)
	if len(entries) != 2 {
		t.Errorf("beside the output, want only the folder not ours: %v", entries)
	}
}
