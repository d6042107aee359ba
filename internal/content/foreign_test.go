package content

import (
	"context"
	"strings"
	"testing"
	"time"

	"dateline/internal/diag"
)

// Front matter as Hugo, Jekyll and WordPress exports write it builds as it comes: each
// field they use for something dateline has sets that thing.
func TestParseUnderstandsHugoAndJekyllFields(t *testing.T) {
	cfg := testConfig(t)
	for _, c := range []struct {
		name, front string
		check       func(a *Article) (got, want any)
	}{
		{"excerpt is the summary", "excerpt: The board voted.", func(a *Article) (any, any) { return a.Summary, "The board voted." }},
		{"an HTML excerpt loses its tags", "excerpt: \"<p>The board <em>voted</em> &amp; left.</p>\"",
			func(a *Article) (any, any) { return a.Summary, "The board voted & left." }},
		{"deck is the dek", "deck: Farmers brace", func(a *Article) (any, any) { return a.Dek, "Farmers brace" }},
		{"featured_image is the image", "featured_image: /img/dam.jpg", func(a *Article) (any, any) { return a.Image.Src, "/img/dam.jpg" }},
		{"primary_image is the image", "primary_image: https://cdn.example.com/dam.jpg", func(a *Article) (any, any) { return a.Image.Src, "https://cdn.example.com/dam.jpg" }},
		{"the first of images is the image", "images:\n  - /a.jpg\n  - /b.jpg", func(a *Article) (any, any) { return a.Image.Src, "/a.jpg" }},
		{"an empty image is none", "image:", func(a *Article) (any, any) { return a.Image == nil, true }},
		{"an empty image string is none", `image: ""`, func(a *Article) (any, any) { return a.Image == nil, true }},
		{"image path and alt of jekyll-seo-tag", "image:\n  path: /a.jpg\n  width: 800\n  alt: A dam", func(a *Article) (any, any) { return *a.Image, Image{Src: "/a.jpg", Alt: "A dam"} }},
		{"image_alt and image_figcaption beside image", "image: /a.jpg\nimage_alt: A dam\nimage_figcaption: The dam in March",
			func(a *Article) (any, any) {
				return *a.Image, Image{Src: "/a.jpg", Alt: "A dam", Caption: "The dam in March"}
			}},
		{"image_alt without an image is kept", "image_alt: A dam", func(a *Article) (any, any) { return a.Params["image_alt"], "A dam" }},
		{"redirect_from is aliases", "redirect_from:\n  - /old/one/\n  - /old/two.html", func(a *Article) (any, any) { return strings.Join(a.Aliases, " "), "/old/one/ /old/two.html" }},
		{"permalink is kept as an alias", "permalink: /blog/water-cuts/", func(a *Article) (any, any) { return strings.Join(a.Aliases, " "), "/blog/water-cuts/" }},
		{"aliases, redirect_from and url add up", "aliases: [/a/]\nredirect_from: /b/\nurl: /c/", func(a *Article) (any, any) { return strings.Join(a.Aliases, " "), "/a/ /b/ /c/" }},
		{"a permalink that is the URL is no alias", "permalink: /2024/03/05/a/", func(a *Article) (any, any) { return len(a.Aliases), 0 }},
		{"categories are topics", "categories: [Water]", func(a *Article) (any, any) { return strings.Join(a.Terms[0], "|"), "Water" }},
		{"tags and categories add up", "tags: [Water, Drought]\ncategories: [Drought, Courts]", func(a *Article) (any, any) { return strings.Join(a.Terms[0], "|"), "Water|Drought|Courts" }},
		{"expirydate is when it leaves", "expirydate: 2025-01-01", func(a *Article) (any, any) { return a.Expires.Format("2006-01-02"), "2025-01-01" }},
		{"author as a map", "author:\n  name: Ana Ruiz\n  email: ana@example.com", func(a *Article) (any, any) { return strings.Join(a.Authors, "|"), "Ana Ruiz" }},
		{"authors as maps", "authors:\n  - name: Ana Ruiz\n  - name: Li Wei\n    twitter: li", func(a *Article) (any, any) { return strings.Join(a.Authors, "|"), "Ana Ruiz|Li Wei" }},
		{"source as a name", "source: The Wire", func(a *Article) (any, any) { return *a.Source, Source{Name: "The Wire"} }},
		{"source as a URL", "source: https://www.wire.example.com/story", func(a *Article) (any, any) {
			return *a.Source, Source{"wire.example.com", "https://www.wire.example.com/story"}
		}},
		{"published: false is a draft", "published: false", func(a *Article) (any, any) { return a.Draft, true }},
		{"published: true is not", "published: true", func(a *Article) (any, any) { return a.Draft, false }},
		{"lastmod and last_modified_at are updated", "last_modified_at: 2024-03-06", func(a *Article) (any, any) { return a.Updated.Format("2006-01-02"), "2024-03-06" }},
		{"type: page is a standalone page", "type: page", func(a *Article) (any, any) { return a.Standalone, true }},
		{"another type is kept", "type: post", func(a *Article) (any, any) { return a.Params["type"], "post" }},
		{"layout is kept", "layout: post", func(a *Article) (any, any) { return a.Params["layout"], "post" }},
	} {
		a, err := Parse(cfg, "content/a.md", []byte("---\ntitle: t\ndate: 2024-03-05\n"+c.front+"\n---\nBody.\n"))
		if err != nil {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		if got, want := c.check(a); got != want {
			t.Errorf("%s: got %#v, want %#v", c.name, got, want)
		}
	}
}

func TestParseTakesTheDateFromPublishDateOrPublished(t *testing.T) {
	cfg := testConfig(t)
	for front, want := range map[string]string{
		"publishdate: 2019-02-03":                   "2019-02-03",
		"published: 2019-02-04":                     "2019-02-04",
		"date: 2019-02-05\npublishDate: 2019-02-06": "2019-02-05",
	} {
		a, err := Parse(cfg, "content/a.md", []byte("---\ntitle: t\n"+front+"\n---\n"))
		if err != nil {
			t.Errorf("%q: %v", front, err)
			continue
		}
		if got := a.Date.Format("2006-01-02"); got != want {
			t.Errorf("%q: date %s, want %s", front, got, want)
		}
	}
}

func TestParseSaysASlugIsTooLongRatherThanBadlySpelt(t *testing.T) {
	long := strings.Repeat("water-", 20) + "cuts"
	_, err := Parse(testConfig(t), "content/a.md", []byte("---\ntitle: t\ndate: 2024-01-01\nslug: "+long+"\n---\n"))
	if err == nil || !strings.Contains(err.Error(), "124 characters; a slug has at most 80") {
		t.Errorf("got %v", err)
	}
}

func TestParsePermalinkPatternWarnsAndIsIgnored(t *testing.T) {
	a, err := Parse(testConfig(t), "content/a.md", []byte("---\ntitle: t\ndate: 2024-01-01\npermalink: /:year/:title/\n---\n"))
	errs, warnings := diag.Split(err)
	if len(errs) > 0 || len(warnings) != 1 || !strings.Contains(warnings[0].Error(), "a.md:4:12: warning: permalink \"/:year/:title/\" is a pattern") {
		t.Fatalf("errors %v, warnings %v", errs, warnings)
	}
	if len(a.Aliases) != 0 {
		t.Errorf("aliases %v", a.Aliases)
	}
}

func TestSplitFileSkipsBlankLinesBeforeFrontMatter(t *testing.T) {
	a, err := Parse(testConfig(t), "content/a.md", []byte("\n  \n---\ntitle: t\ndate: 2024-01-01\n---\nBody.\n"))
	if err != nil {
		t.Fatal(err)
	}
	if a.Title != "t" || a.BodyLine != 7 {
		t.Errorf("title %q, body line %d", a.Title, a.BodyLine)
	}
	_, err = Parse(testConfig(t), "content/a.md", []byte("\n\ntitle: t\n"))
	if err == nil || !strings.HasPrefix(err.Error(), "content/a.md:3:1: no front matter") {
		t.Errorf("got %v", err)
	}
}

// Fields dateline has no use for are kept for templates, and one warning names each once,
// with how many articles set it.
func TestLoadListsUnusedFieldsOnceWithCounts(t *testing.T) {
	fsys := siteFS(map[string]string{
		"content/a.md": "---\ntitle: A\ndate: 2020-01-01\nlayout: post\nhero: true\n---\n",
		"content/b.md": "---\ntitle: B\ndate: 2020-01-01\nlayout: post\n---\n",
		"content/c.md": "---\ntitle: C\ndate: 2020-01-01\nLayout: wide\ntilte: x\n---\n",
	})
	s, err := Load(context.Background(), testConfig(t), fsys, Options{Now: time.Now()})
	if err != nil {
		t.Fatal(err)
	}
	var summary []string
	for _, w := range s.Warnings {
		if strings.Contains(w.Error(), "not used by dateline") {
			summary = append(summary, w.Error())
		}
	}
	want := `content: warning: 2 front matter fields are not used by dateline and are kept for templates as .Params: "layout" (3, first in content/a.md), "hero" (1, first in content/a.md)`
	if len(summary) != 1 || !strings.HasPrefix(summary[0], want) {
		t.Errorf("got %q\nwant one warning starting %q", summary, want)
	}
	if len(s.Warnings) != 2 { // and the typo, at its line
		t.Errorf("warnings: %v", s.Warnings)
	}
}

func TestLoadLeavesOutExpiredArticlesUnlessAsked(t *testing.T) {
	fsys := siteFS(map[string]string{
		"content/a.md": "---\ntitle: A\ndate: 2020-01-01\nexpirydate: 2025-06-01\n---\n",
		"content/b.md": "---\ntitle: B\ndate: 2020-01-01\nexpiryDate: 2027-06-01\n---\n",
	})
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	s, err := Load(context.Background(), testConfig(t), fsys, Options{Now: now})
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Articles) != 1 || s.Articles[0].Title != "B" || s.Skipped.Expired != 1 {
		t.Errorf("articles %d, skipped %+v", len(s.Articles), s.Skipped)
	}
	s, _ = Load(context.Background(), testConfig(t), fsys, Options{Now: now, Expired: true})
	if len(s.Articles) != 2 {
		t.Errorf("with --expired: %d articles", len(s.Articles))
	}
}

func TestLoadDoesNotWarnOfFieldsTheThemeShows(t *testing.T) {
	fsys := siteFS(map[string]string{"content/a.md": "---\ntitle: A\ndate: 2020-01-01\nseries: Dry\nhero: x\n---\n"})
	s, err := Load(context.Background(), testConfig(t), fsys, Options{Now: time.Now(), ThemeParams: []string{"series"}})
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Warnings) != 1 || !strings.Contains(s.Warnings[0].Error(), `1 front matter fields are not used by dateline and are kept for templates as .Params: "hero"`) {
		t.Errorf("warnings: %v", s.Warnings)
	}
}

func TestRawHTMLLineFindsTagsOutsideCode(t *testing.T) {
	for body, want := range map[string]int{
		"Plain text.\n":                          0,
		"One <br> two.\n":                        10,
		"a\n\n<div class=\"x\">\nb\n</div>\n":    12,
		"```\n<div>\n```\nText `<b>` code.\n":    0,
		"    <pre>indented</pre>\n":              0,
		"~~~html\n<p>\n~~~\n<!-- note -->\n":     13,
		"x < y and 3<4, a <-- b\n":               0,
		"Text </em>\n":                           10,
		"An email <ana@example.com> autolink.\n": 0,
	} {
		if got := rawHTMLLine([]byte(body), 10); got != want {
			t.Errorf("%q: line %d, want %d", body, got, want)
		}
	}
}

func TestLoadWarnsOnceOfRawHTMLUnlessUnsafe(t *testing.T) {
	fsys := siteFS(map[string]string{
		"content/a.md": "---\ntitle: A\ndate: 2020-01-01\n---\nText.\n\n<iframe src=x></iframe>\n",
		"content/b.md": "---\ntitle: B\ndate: 2020-01-01\n---\nA<br>B\n",
		"content/c.md": "---\ntitle: C\ndate: 2020-01-01\n---\nNone.\n",
	})
	s, err := Load(context.Background(), testConfig(t), fsys, Options{Now: time.Now()})
	if err != nil {
		t.Fatal(err)
	}
	want := "content/a.md:7:1: warning: raw HTML is shown to readers as text, here and in 1 more article"
	if len(s.Warnings) != 1 || !strings.HasPrefix(s.Warnings[0].Error(), want) {
		t.Errorf("warnings %v, want one starting %q", s.Warnings, want)
	}
	cfg := testConfig(t)
	cfg.Markdown.Unsafe = true
	if s, _ := Load(context.Background(), cfg, fsys, Options{Now: time.Now()}); len(s.Warnings) != 0 {
		t.Errorf("with unsafe: %v", s.Warnings)
	}
}

func TestAPageAliasThatIsItsURLIsNoAlias(t *testing.T) {
	a, err := Parse(testConfig(t), "content/pages/privacy.md", []byte("---\ntitle: Privacy\naliases:\n  - /privacy/\n  - /policy/privacy/\n---\n"))
	if err != nil {
		t.Fatal(err)
	}
	if a.URL != "/privacy/" || strings.Join(a.Aliases, " ") != "/policy/privacy/" {
		t.Errorf("URL %s, aliases %v", a.URL, a.Aliases)
	}
}
