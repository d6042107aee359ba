package output

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
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
