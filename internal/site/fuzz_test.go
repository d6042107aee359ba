package site_test

import (
	"errors"
	"os"
	"strings"
	"testing"
	"testing/fstest"

	"dateline/internal/diag"
	"dateline/internal/site"
	"dateline/internal/sitetest"
)

// FuzzBuildOneArticle builds a site whose one article is arbitrary bytes: the build
// either succeeds, writing the article's page, or fails with errors that name the
// article's file; it never panics or hangs.
func FuzzBuildOneArticle(f *testing.F) {
	for _, name := range []string{"basic.txtar"} {
		data, _ := os.ReadFile("testdata/" + name)
		for _, part := range strings.Split(string(data), "\n-- ") {
			if strings.HasPrefix(part, "content/") && strings.Contains(part, ".md --") {
				_, body, _ := strings.Cut(part, "--\n")
				f.Add([]byte(body))
			}
		}
	}
	f.Add([]byte("---\ntitle: x\ndate: 2024-01-01\naliases: [/topics/]\n---\n# x\n"))
	f.Add([]byte("+++\ntitle = 'x'\ndate = 2024-01-01\nslug = 'page'\n+++\n> — x\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		fsys := fstest.MapFS{"content/a.md": {Data: data}}
		r := sitetest.BuildFS(t, site.Options{FS: fsys, Drafts: true, Future: true})
		if r.Err != nil {
			for _, e := range diag.Flatten(r.Err) {
				var d *diag.Error
				if !errors.As(e, &d) || !strings.HasPrefix(d.Path, "content/a.md") {
					t.Fatalf("an error that does not name the article: %v", e)
				}
			}
			return
		}
		if r.Stats.Articles != 1 {
			t.Fatalf("built %d articles", r.Stats.Articles)
		}
		if _, ok := r.Files["index.html"]; !ok {
			t.Fatal("no front page")
		}
	})
}
