package site_test

import (
	"bytes"
	"context"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"dateline/internal/site"
	"dateline/internal/sitetest"
)

// live starts a development build of the site in fsys.
func live(t *testing.T, fsys fstest.MapFS) *site.Live {
	t.Helper()
	l, _, err := site.Start(context.Background(), site.Options{FS: fsys, Now: sitetest.Now})
	if err != nil {
		t.Fatal(err)
	}
	return l
}

// sameAsClean fails the test unless the live build equals a clean build of fsys.
func sameAsClean(t *testing.T, l *site.Live, fsys fstest.MapFS) {
	t.Helper()
	clean := sitetest.BuildFS(t, site.Options{FS: fsys}).OK(t)
	got := l.Files()
	for name, want := range clean.Files {
		if g, ok := got[name]; !ok {
			t.Errorf("live build lacks %s", name)
		} else if !bytes.Equal(g, want) {
			t.Errorf("live build differs from a clean build in %s:\n%s", name, firstDiff(g, want))
		}
	}
	for name := range got {
		if _, ok := clean.Files[name]; !ok {
			t.Errorf("live build has %s, which a clean build does not", name)
		}
	}
}

func update(t *testing.T, l *site.Live, paths ...string) *site.Result {
	t.Helper()
	res, err := l.Update(context.Background(), paths)
	if err != nil {
		t.Fatalf("update %v: %v", paths, err)
	}
	return res
}

func file(s string) *fstest.MapFile { return &fstest.MapFile{Data: []byte(s)} }

func TestLiveRebuildsOnlyWhatAnEditChanges(t *testing.T) {
	fsys := sitetest.FS(newsroom(30, ""))
	l := live(t, fsys)

	// A new last paragraph: the page, and the feeds that carry it, but no list, since
	// lists show the first paragraph.
	fsys["content/a05.md"].Data = append(fsys["content/a05.md"].Data, "\nA new last paragraph.\n"...)
	res := update(t, l, "content/a05.md")
	for _, name := range res.Written {
		if !strings.Contains(name, "a05") && !strings.HasSuffix(name, "feed.xml") && !strings.HasSuffix(name, "feed.json") &&
			!strings.Contains(name, "sitemap") && !indexFile(name) {
			t.Errorf("a body edit rewrote %s", name)
		}
	}
	if !slices.Contains(res.Written, "2023/12/25/a05/index.html") || len(res.Removed) != 0 {
		t.Errorf("written %v removed %v", res.Written, res.Removed)
	}
	sameAsClean(t, l, fsys)

	// A new title shows on every list that lists the article: Topic 1 lists a29 to a01,
	// three a page, newest first, so a05 is on its third page.
	fsys["content/a05.md"].Data = bytes.Replace(fsys["content/a05.md"].Data, []byte("title: Story 05"), []byte("title: Story Five"), 1)
	res = update(t, l, "content/a05.md")
	if !slices.Contains(res.Written, "topics/topic-1/page/3/index.html") {
		t.Errorf("a title change did not rewrite the topic page that lists the article: %v", res.Written)
	}
	sameAsClean(t, l, fsys)
}

func TestLiveFollowsNewDeletedAndRenamedArticles(t *testing.T) {
	fsys := sitetest.FS(newsroom(12, ""))
	l := live(t, fsys)

	fsys["content/new.md"] = file("---\ntitle: Brand new\ndate: 2024-02-01\ntopics: [Fresh Topic]\n---\nNew.\n")
	res := update(t, l, "content/new.md")
	if !slices.Contains(res.Written, "topics/fresh-topic/index.html") {
		t.Errorf("no page for the new topic: %v", res.Written)
	}
	sameAsClean(t, l, fsys)

	delete(fsys, "content/a03.md")
	res = update(t, l, "content/a03.md")
	if !slices.Contains(res.Removed, "2023/12/23/a03/index.html") {
		t.Errorf("the deleted article's page is still served: removed %v", res.Removed)
	}
	sameAsClean(t, l, fsys)

	fsys["content/renamed.md"] = fsys["content/a04.md"]
	delete(fsys, "content/a04.md")
	update(t, l, "content/a04.md", "content/renamed.md")
	if _, ok := l.Get("2023/12/24/a04/index.html"); ok {
		t.Error("the old URL of a renamed article is still served")
	}
	sameAsClean(t, l, fsys)
}

func TestLiveReRendersThePagesOfAChangedTemplate(t *testing.T) {
	fsys := sitetest.FS(newsroom(12, ""))
	l := live(t, fsys)
	fsys["templates/partials/pager.html"] = file(`{{if gt .Total 1}}<nav class="pager" aria-label="Pages"><a href="{{.Next}}">more</a></nav>{{end}}`)
	res := update(t, l, "templates/partials/pager.html")
	for _, name := range res.Written {
		if strings.HasPrefix(name, "2023/12/2") && strings.Count(name, "/") == 4 {
			t.Errorf("a pager change rewrote the article page %s", name)
		}
	}
	if !slices.Contains(res.Written, "page/2/index.html") {
		t.Errorf("a pager change did not rewrite the pages with a pager: %v", res.Written)
	}
	sameAsClean(t, l, fsys)
}

func TestLiveSwapsAStylesheetAlone(t *testing.T) {
	fsys := sitetest.FS(newsroom(3, ""))
	l := live(t, fsys)
	fsys["static/css/site.css"] = file("body { color: red }")
	res := update(t, l, "static/css/site.css")
	if !res.CSSOnly() || len(res.Written) != 1 {
		t.Errorf("written %v, CSS only %v", res.Written, res.CSSOnly())
	}
	sameAsClean(t, l, fsys)
}

func TestLiveKeepsTheLastGoodBuildUntilTheErrorIsFixed(t *testing.T) {
	fsys := sitetest.FS(newsroom(6, ""))
	l := live(t, fsys)
	before := l.Files()
	good := fsys["content/a02.md"].Data
	fsys["content/a02.md"] = file("---\ntitle: Broken\ndate: 2023-13-45\n---\n")
	if _, err := l.Update(context.Background(), []string{"content/a02.md"}); err == nil || !strings.Contains(err.Error(), "content/a02.md:3:7") {
		t.Fatalf("err = %v", err)
	}
	fsys["content/a01.md"].Data = append(fsys["content/a01.md"].Data, "More.\n"...)
	if _, err := l.Update(context.Background(), []string{"content/a01.md"}); err == nil {
		t.Fatal("the broken article was forgotten when another changed")
	}
	if !maps(before, l.Files()) {
		t.Error("a failed rebuild changed the served files")
	}
	fsys["content/a02.md"] = file(string(good))
	update(t, l, "content/a02.md")
	sameAsClean(t, l, fsys)

	fsys["templates/home.html"] = file(`{{define "main"}}{{.Nope}}{{end}}`)
	if _, err := l.Update(context.Background(), []string{"templates/home.html"}); err == nil {
		t.Fatal("a broken template built")
	}
	fsys["content/a01.md"].Data = append(fsys["content/a01.md"].Data, "Even more.\n"...)
	if _, err := l.Update(context.Background(), []string{"content/a01.md"}); err == nil {
		t.Fatal("the broken template was forgotten when an article changed")
	}
	delete(fsys, "templates/home.html")
	update(t, l, "templates/home.html")
	sameAsClean(t, l, fsys)
}

func TestLiveRebuildsEverythingForANewConfiguration(t *testing.T) {
	fsys := sitetest.FS(newsroom(6, ""))
	l := live(t, fsys)
	fsys["dateline.toml"] = file("title = \"Renamed\"\nbaseURL = \"https://news.example.org/\"\npaginate = 2\n")
	update(t, l, "dateline.toml")
	sameAsClean(t, l, fsys)
	fsys["dateline.toml"] = file("paginate = 0\n")
	if _, err := l.Update(context.Background(), []string{"dateline.toml"}); err == nil {
		t.Fatal("a bad configuration built")
	}
	fsys["content/a01.md"].Data = append(fsys["content/a01.md"].Data, "x\n"...)
	if _, err := l.Update(context.Background(), []string{"content/a01.md"}); err == nil {
		t.Fatal("the bad configuration was forgotten when an article changed")
	}
	fsys["dateline.toml"] = file("title = \"Fixed\"\n")
	update(t, l, "dateline.toml")
	sameAsClean(t, l, fsys)
}

func TestLiveCopiesAChangedResource(t *testing.T) {
	fsys := sitetest.FS(newsroom(3, "-- content/b/index.md --\n---\ntitle: Bundle\ndate: 2024-03-01\n---\n![x](p.png)\n-- content/b/p.png --\none\n"))
	l := live(t, fsys)
	fsys["content/b/p.png"] = file("two, longer")
	res := update(t, l, "content/b/p.png")
	if got, _ := l.Get("2024/03/01/b/p.png"); string(got) != "two, longer" {
		t.Errorf("resource = %q; written %v", got, res.Written)
	}
	delete(fsys, "content/b/p.png")
	update(t, l, "content/b/p.png")
	sameAsClean(t, l, fsys)
}

func maps(a, b map[string][]byte) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if !bytes.Equal(v, b[k]) {
			return false
		}
	}
	return true
}

// firstDiff shows where two files first differ.
func firstDiff(a, b []byte) string {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	lo := max(0, i-80)
	return "live:  " + string(a[lo:min(len(a), i+80)]) + "\nclean: " + string(b[lo:min(len(b), i+80)])
}

// indexFile reports whether a file is of the search index proper, which changes with the
// words of any article: its shards, dictionary and meta file.
func indexFile(name string) bool {
	for _, p := range []string{"search/s/", "search/t/", "search/w/", "search/meta.z"} {
		if strings.HasPrefix(name, p) {
			return true
		}
	}
	return false
}
