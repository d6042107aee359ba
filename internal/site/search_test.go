package site_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"dateline/internal/site"
	"dateline/internal/sitetest"
)

func TestAnEditRewritesOnlyTheShardsOfItsWords(t *testing.T) {
	src, dest := t.TempDir(), filepath.Join(t.TempDir(), "public")
	writeArchive(t, src, newsroom(300, ""))
	buildInto(t, src, dest, true)
	before := readTree(t, dest)
	appendTo(t, src, "content/a05.md", "\nZygomorphic orchids.\n") // a second paragraph: results show the first
	buildInto(t, src, dest, true)
	after := readTree(t, dest)
	sameAsColdBuild(t, src, dest)

	index, changed := 0, 0
	for name := range after {
		if !indexFile(name) {
			continue
		}
		index++
		if before[name].inode != after[name].inode {
			changed++
		}
	}
	t.Logf("%d of %d index files rewritten", changed, index)
	if changed == 0 || changed > index/4 {
		t.Errorf("a one-word edit rewrote %d of the index's %d files", changed, index)
	}
	for name := range after {
		if strings.HasPrefix(name, "search/f/") && before[name].inode != after[name].inode {
			t.Errorf("%s was rewritten, but no result shows the edited word", name)
		}
	}
	if _, err := os.Stat(filepath.Join(src, ".dateline-cache", "search.docs")); err != nil {
		t.Errorf("the documents were not saved for the next build: %v", err)
	}
}

func TestAWarmBuildWithoutSavedDocumentsStillIndexesEverything(t *testing.T) {
	src, dest := t.TempDir(), filepath.Join(t.TempDir(), "public")
	writeArchive(t, src, newsroom(40, ""))
	buildInto(t, src, dest, true)
	os.Remove(filepath.Join(src, ".dateline-cache", "search.docs"))
	appendTo(t, src, "content/a07.md", "\nA new paragraph.\n")
	buildInto(t, src, dest, true)
	sameAsColdBuild(t, src, dest)
}

func TestAWarmBuildRemakesSavedDocumentsThatAreDamaged(t *testing.T) {
	src, dest := t.TempDir(), filepath.Join(t.TempDir(), "public")
	writeArchive(t, src, newsroom(40, ""))
	buildInto(t, src, dest, true)
	name := filepath.Join(src, ".dateline-cache", "search.docs")
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	for i := 64; i < len(data)/2; i++ { // the documents, not the index of them at the end
		data[i] ^= 0x5a
	}
	if err := os.WriteFile(name, data, 0o600); err != nil {
		t.Fatal(err)
	}
	appendTo(t, src, "content/a07.md", "\nA new paragraph.\n")
	buildInto(t, src, dest, true)
	sameAsColdBuild(t, src, dest)
}

func TestALanguageWithoutAStemmerIsWarnedOf(t *testing.T) {
	article := "-- content/a.md --\n---\ntitle: A\ndate: 2024-01-01\n---\nText.\n"
	r := sitetest.Build(t, "-- dateline.toml --\nlanguage = \"xx\"\n"+article, site.Options{}).OK(t)
	if len(r.Stats.Warnings) != 1 || !strings.Contains(r.Stats.Warnings[0].Error(), `no stemmer for language "xx"`) {
		t.Errorf("warnings: %v", r.Stats.Warnings)
	}
	if r := sitetest.Build(t, "-- dateline.toml --\nlanguage = \"pt-BR\"\n"+article, site.Options{}).OK(t); len(r.Stats.Warnings) != 0 {
		t.Errorf("pt-BR: %v", r.Stats.Warnings)
	}
	if _, ok := r.Files["search/meta.z"]; !ok {
		t.Error("no search index without a stemmer")
	}
}
