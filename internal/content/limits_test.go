package content

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

func TestOversizedArticleIsAClearErrorUnread(t *testing.T) {
	big := &fstest.MapFile{Data: []byte("---\ntitle: Big\ndate: 2020-01-01\n---\n" + strings.Repeat("x", MaxArticleSize))}
	_, err := Load(context.Background(), testConfig(t), fstest.MapFS{"content/big.md": big}, Options{Now: time.Now()})
	if err == nil || !strings.Contains(err.Error(), "content/big.md:1:1: the file is 16.0 MB; an article may be at most 16 MB; hint: split it") {
		t.Fatalf("err = %v", err)
	}
}

func TestThousandsOfTermsAreAnError(t *testing.T) {
	terms := make([]string, 100_000)
	for i := range terms {
		terms[i] = "t" + string(rune('a'+i%26))
	}
	src := "---\ntitle: x\ndate: 2020-01-01\ntopics: [" + strings.Join(terms, ", ") + "]\n---\n"
	_, err := Parse(testConfig(t), "a.md", []byte(src))
	if err == nil || !strings.Contains(err.Error(), "a.md:4:9: topics: 100000 names; an article may have at most 1000") {
		t.Fatalf("err = %v", err)
	}
}

func TestAliasBombIsAnError(t *testing.T) {
	src := "---\ntitle: x\ndate: 2020-01-01\n" +
		"a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n" +
		"c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n" +
		"e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\nf: [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]\n---\n"
	start := time.Now()
	_, err := Parse(testConfig(t), "a.md", []byte(src))
	if err == nil || !strings.Contains(err.Error(), "aliases expand to more than 100000 values") {
		t.Fatalf("err = %v (after %v)", err, time.Since(start))
	}
}

func TestSymbolicLinksAreNotFollowed(t *testing.T) {
	outside := t.TempDir()
	os.WriteFile(filepath.Join(outside, "secret.md"), []byte("---\ntitle: Secret\ndate: 2020-01-01\n---\n"), 0o644)
	site := t.TempDir()
	os.MkdirAll(filepath.Join(site, "content"), 0o755)
	os.WriteFile(filepath.Join(site, "content", "a.md"), []byte("---\ntitle: A\ndate: 2020-01-01\n---\n"), 0o644)
	os.Symlink(filepath.Join(outside, "secret.md"), filepath.Join(site, "content", "link.md"))
	os.Symlink(outside, filepath.Join(site, "content", "linked-folder"))
	s, err := Load(context.Background(), testConfig(t), os.DirFS(site), Options{Now: time.Now()})
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Articles) != 1 || s.Articles[0].Title != "A" {
		t.Errorf("articles = %v", s.Articles)
	}
	var warned []string
	for _, w := range s.Warnings {
		warned = append(warned, w.Error())
	}
	got := strings.Join(warned, "\n")
	for _, want := range []string{"content/link.md: warning: symbolic link not followed", "content/linked-folder: warning: symbolic link not followed"} {
		if !strings.Contains(got, want) {
			t.Errorf("warnings lack %q:\n%s", want, got)
		}
	}
	// The content folder itself as a link is refused outright.
	other := t.TempDir()
	os.Symlink(filepath.Join(site, "content"), filepath.Join(other, "content"))
	if _, err := Load(context.Background(), testConfig(t), os.DirFS(other), Options{Now: time.Now()}); err == nil ||
		!strings.Contains(err.Error(), "content/: is a symbolic link") {
		t.Errorf("linked content/: %v", err)
	}
}
