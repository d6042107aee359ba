package site_test

import (
	"bytes"
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"

	"golang.org/x/tools/txtar"

	"dateline/internal/output"
	"dateline/internal/site"
	"dateline/internal/sitetest"
	"dateline/internal/store"
)

// file is what a test knows of an output file: its bytes and its inode, which says
// whether a build rewrote it.
type outFile struct {
	data  []byte
	inode uint64
}

func readTree(t *testing.T, dir string) map[string]outFile {
	t.Helper()
	out := map[string]outFile{}
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || d.Name() == output.Marker {
			return err
		}
		data, _ := os.ReadFile(p)
		info, _ := d.Info()
		rel, _ := filepath.Rel(dir, p)
		out[filepath.ToSlash(rel)] = outFile{data, info.Sys().(*syscall.Stat_t).Ino}
		return nil
	})
	return out
}

// buildInto builds the site in src into dest as dateline build does, with or without the
// build store, and returns the stats.
func buildInto(t *testing.T, src, dest string, cache bool) *site.Stats {
	t.Helper()
	dir, err := output.OpenDir(dest, src, site.Inputs)
	if err != nil {
		t.Fatal(err)
	}
	opts := site.Options{Source: src, Now: sitetest.Now}
	cacheDir := ""
	if cache {
		cacheDir = filepath.Join(src, store.CacheDir)
	}
	out := store.Open(dir, cacheDir)
	stats, err := site.Build(context.Background(), opts, out)
	if err != nil {
		out.Abort()
		t.Fatal(err)
	}
	return stats
}

func writeArchive(t *testing.T, dir, archive string) {
	t.Helper()
	for _, f := range txtar.Parse([]byte(archive)).Files {
		p := filepath.Join(dir, f.Name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// sameAsColdBuild checks that dest holds exactly what a cold build of src gives.
func sameAsColdBuild(t *testing.T, src, dest string) {
	t.Helper()
	cold := filepath.Join(t.TempDir(), "cold")
	buildInto(t, src, cold, false)
	want, got := readTree(t, cold), readTree(t, dest)
	for name, w := range want {
		if g, ok := got[name]; !ok || !bytes.Equal(g.data, w.data) {
			t.Errorf("%s differs from a cold build", name)
		}
	}
	for name := range got {
		if _, ok := want[name]; !ok {
			t.Errorf("%s is not in a cold build", name)
		}
	}
}

// rewritten lists the files of after that are new inodes: written by the last build.
func rewritten(before, after map[string]outFile) []string {
	var out []string
	for name, a := range after {
		if b, ok := before[name]; !ok || b.inode != a.inode {
			out = append(out, name)
		}
	}
	return out
}

// Warm builds are tested in zones that are not UTC: times kept in the store must come
// back in the site's zone, with its name and offset, for every page rendered from them.
// Denver's dates straddle the start of daylight saving (MST before 10 March 2024, MDT
// after); Kolkata's offset is a half hour.
func TestWarmBuildsEqualColdOnesAndRewriteOnlyWhatChanged(t *testing.T) {
	for _, zone := range []string{"America/Denver", "Asia/Kolkata"} {
		t.Run(zone, func(t *testing.T) { warmBuildsEqualColdOnes(t, zone) })
	}
}

// zonedArchive is a newsroom in zone with articles, corrections and updates on both sides
// of Denver's change to daylight saving time, in every taxonomy.
func zonedArchive(zone string) string {
	config := "-- dateline.toml --\ntitle = \"Ledger\"\nbaseURL = \"https://news.example.org/\"\npaginate = 3\ntimezone = \"" + zone + "\"\n"
	corrected := "-- content/c.md --\n---\ntitle: Corrected\ndate: 2024-03-09 10:00\nupdated: 2024-03-11 11:00\n" +
		"corrections: [{date: 2024-03-12 12:00, text: Fixed.}, {date: 2024-03-08T23:30:00Z, text: Earlier.}]\n" +
		"people: [Ana Ruiz]\nplaces: [Boulder]\norganizations: [City Council]\n---\nBody.\n"
	after := "-- content/dst.md --\n---\ntitle: After the change\ndate: 2024-03-10T03:30:00-06:00\nplaces: [Boulder]\n---\nBody.\n"
	bundle := "-- content/b/index.md --\n---\ntitle: Bundle\ndate: 2024-03-01\n---\n![x](p.png)\n-- content/b/p.png --\none\n"
	return newsroom(30, config+corrected+after+bundle)
}

func warmBuildsEqualColdOnes(t *testing.T, zone string) {
	src := t.TempDir()
	dest := filepath.Join(src, "public")
	writeArchive(t, src, zonedArchive(zone))
	buildInto(t, src, dest, true)
	first := readTree(t, dest)
	abbrev := map[string][2]string{"America/Denver": {"MST", "MDT"}, "Asia/Kolkata": {"IST", "IST"}}[zone]
	for page, want := range map[string]string{"2024/03/09/c/index.html": abbrev[0], "2024/03/10/dst/index.html": abbrev[1]} {
		if !bytes.Contains(first[page].data, []byte(" "+want+"</time>")) {
			t.Errorf("%s does not show its time in %s", page, want)
		}
	}

	// A cold build leaves the spare, every file a hard link to the output's, so that the
	// first edit after it need not make a whole tree.
	spare := readTree(t, filepath.Join(src, ".public.dateline-spare"))
	if len(spare) != len(first) {
		t.Errorf("the spare after a cold build holds %d files, the output %d", len(spare), len(first))
	}
	for name, f := range first {
		if spare[name].inode != f.inode {
			t.Errorf("the spare's %s is not the output's", name)
		}
	}
	spareRoot := inodeOf(t, filepath.Join(src, ".public.dateline-spare"))

	// Nothing changed: nothing is touched.
	if stats := buildInto(t, src, dest, true); !stats.Unchanged {
		t.Errorf("a build with nothing changed changed the output: %+v", stats)
	}
	if r := rewritten(first, readTree(t, dest)); len(r) != 0 {
		t.Errorf("a build with nothing changed rewrote %v", r)
	}

	steps := []struct {
		name   string
		change func()
		most   int // how many files may be rewritten
	}{
		{"a new last paragraph", func() { appendTo(t, src, "content/a07.md", "\nA new last paragraph.\n") }, 12},
		{"a new title", func() { replaceIn(t, src, "content/a07.md", "title: Story 07", "title: Story Seven") }, 40},
		{"a new article", func() { writeArchive(t, src, "-- content/new.md --\n---\ntitle: New\ndate: 2024-02-20\n---\nNew.\n") }, 200},
		{"a deleted article", func() { os.Remove(filepath.Join(src, "content/a03.md")) }, 200},
		{"a changed image", func() { writeArchive(t, src, "-- content/b/p.png --\ntwo, longer\n") }, 2},
		{"a hand-edited output file", func() {
			os.WriteFile(filepath.Join(dest, "index.html"), []byte("edited by hand"), 0o644)
		}, 1},
		{"a tampered spare tree and a new paragraph", func() {
			spare := filepath.Join(src, ".public.dateline-spare")
			if _, err := os.Stat(spare); err != nil {
				t.Fatalf("no spare tree after a warm build: %v", err)
			}
			filepath.WalkDir(spare, func(p string, d fs.DirEntry, err error) error {
				if err == nil && !d.IsDir() && d.Name() != output.Marker {
					os.Remove(p)
					os.WriteFile(p, []byte("tampered"), 0o644)
				}
				return err
			})
			appendTo(t, src, "content/a11.md", "\nAnother paragraph.\n")
		}, 12},
		{"a spare left half-updated by a killed build", func() {
			os.Remove(filepath.Join(src, store.CacheDir, "spare"))
			appendTo(t, src, "content/a12.md", "\nAnother paragraph.\n")
		}, 12},
		{"an output folder deleted by hand", func() { os.RemoveAll(dest) }, 1000},
		{"a new paragraph after that", func() { appendTo(t, src, "content/a13.md", "\nAnother paragraph.\n") }, 12},
		{"a changed template", func() {
			writeArchive(t, src, "-- templates/partials/footer.html --\n<footer class=\"site-footer\"><p>New footer</p></footer>\n")
		}, 1000},
	}
	for i, step := range steps {
		step.change()
		before := readTree(t, dest)
		buildInto(t, src, dest, true)
		after := readTree(t, dest)
		if i == 0 && inodeOf(t, dest) != spareRoot {
			t.Errorf("the first edit after a cold build did not put in the spare that build made")
		}
		sameAsColdBuild(t, src, dest)
		r := rewritten(before, after)
		for _, name := range r {
			if bytes.Equal(before[name].data, after[name].data) {
				t.Errorf("%s: %s was rewritten with the same bytes", step.name, name)
			}
		}
		r = slices.DeleteFunc(r, indexFile) // which shards an edit changes: TestAnEditRewritesOnlyTheShardsOfItsWords
		if len(r) == 0 || len(r) > step.most {
			t.Errorf("%s: %d files rewritten", step.name, len(r))
		}
	}
}

func inodeOf(t *testing.T, path string) uint64 {
	t.Helper()
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	return info.Sys().(*syscall.Stat_t).Ino
}

func appendTo(t *testing.T, dir, name, text string) {
	t.Helper()
	data, _ := os.ReadFile(filepath.Join(dir, name))
	os.WriteFile(filepath.Join(dir, name), append(data, text...), 0o644)
}

func replaceIn(t *testing.T, dir, name, old, new string) {
	t.Helper()
	data, _ := os.ReadFile(filepath.Join(dir, name))
	os.WriteFile(filepath.Join(dir, name), []byte(strings.Replace(string(data), old, new, 1)), 0o644)
}
