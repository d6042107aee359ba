package site_test

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"dateline/internal/site"
	"dateline/internal/sitetest"
)

func fixture(t *testing.T, name string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

func TestBuildWritesEachArticleAtItsURL(t *testing.T) {
	r := sitetest.Build(t, fixture(t, "basic.txtar"), site.Options{}).OK(t)
	for _, name := range []string{
		"2024/03/05/water-vote/index.html",
		"2023/06/01/fire/index.html",
		"index.html",
		"css/site.css",
		"css/syntax.css",
		"favicon.svg",
	} {
		r.File(t, name)
	}
	if r.Stats.Articles != 2 || r.Stats.Skipped.Drafts != 1 || r.Stats.Skipped.Future != 1 {
		t.Errorf("stats = %+v", r.Stats)
	}
	for _, name := range r.Names() {
		if strings.Contains(name, "draft") || strings.Contains(name, "embargo") {
			t.Errorf("left-out article written: %s", name)
		}
	}
}

func TestBuildIncludesDraftsAndFutureWhenAsked(t *testing.T) {
	r := sitetest.Build(t, fixture(t, "basic.txtar"), site.Options{Drafts: true, Future: true}).OK(t)
	r.File(t, "2025/01/01/draft/index.html")
	r.File(t, "2027/01/15/embargo/index.html")
}

func TestResourcesAreCopiedBesideTheirPage(t *testing.T) {
	r := sitetest.Build(t, fixture(t, "basic.txtar"), site.Options{}).OK(t)
	r.File(t, "2023/06/01/fire/smoke.jpg")
	r.File(t, "2023/06/01/fire/maps/route.gpx")
	r.File(t, "2024/03/05/water-vote/chart.png")
	if _, ok := r.Files["2024/03/05/water-vote/unused.png"]; ok {
		t.Error("a loose file no article refers to was copied")
	}
}

func TestSiteFilesOverrideTheThemeFileByFile(t *testing.T) {
	r := sitetest.Build(t, fixture(t, "basic.txtar"), site.Options{}).OK(t)
	page := r.File(t, "index.html")
	if !strings.Contains(page, "Custom footer for The Test Ledger") {
		t.Error("the site's footer partial did not replace the theme's")
	}
	if !strings.Contains(page, `class="masthead"`) {
		t.Error("the theme's header partial is gone")
	}
	if r.File(t, "robots-extra.txt") != "site static file\n" {
		t.Error("site static file not copied")
	}
}

func TestArticlePageHeadlineIsTheOnlyH1(t *testing.T) {
	r := sitetest.Build(t, fixture(t, "basic.txtar"), site.Options{}).OK(t)
	doc := r.Doc(t, "2024/03/05/water-vote/index.html")
	h1 := sitetest.FindAll(doc, "h1", nil)
	if len(h1) != 1 || sitetest.Text(h1[0]) != "Water board votes to cut deliveries" {
		t.Fatalf("h1s: %d", len(h1))
	}
}

func TestArticlePageShowsEveryField(t *testing.T) {
	r := sitetest.Build(t, fixture(t, "basic.txtar"), site.Options{}).OK(t)
	page := r.File(t, "2024/03/05/water-vote/index.html")
	for _, want := range []string{
		`<p class="dek">Farmers brace for a dry year</p>`,
		`By <a href="/authors/ana-ruiz/" rel="author">Ana Ruiz</a>, <a href="/authors/ben-ortiz/" rel="author">Ben Ortiz</a> and <a href="/authors/cy-young/" rel="author">Cy Young</a>`,
		`<time datetime="2024-03-05T14:30:00-07:00">March 5, 2024, 2:30 p.m. MST</time>`,
		`Updated <time datetime="2024-03-06T09:00:00-07:00">`,
		`<span class="dateline">LAS CRUCES, N.M.</span>`,
		`<h2 id="corrections-heading">Correction</h2>`,
		`<time datetime="2024-03-07T00:00:00-07:00">March 7, 2024</time>: An earlier version misspelled the district.`,
		`<a href="/topics/water/" rel="tag">Water</a>`,
		`<a href="/people/gloria-pena-nieto/" rel="tag">Gloria Peña Nieto</a>`,
		`<a href="/places/las-cruces/" rel="tag">Las Cruces</a>`,
		`<a href="/organizations/ice/" rel="tag">ICE</a>`,
		`<a href="https://wire.example.com/a">Wire Service</a>`,
		`<p class="kicker">Running Dry</p>`,
		`<link rel="canonical" href="https://news.example.org/2024/03/05/water-vote/">`,
		`<meta property="og:type" content="article">`,
		`<meta property="article:published_time" content="2024-03-05T14:30:00-07:00">`,
		`<meta property="article:modified_time" content="2024-03-06T09:00:00-07:00">`,
		`<meta property="article:tag" content="Drought">`,
		`<meta name="twitter:card" content="summary">`,
		`<figcaption>Deliveries since 2000 <small class="credit">Ledger graphic</small></figcaption>`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("article page lacks %s", want)
		}
	}
}

func TestLeadImageHasCaptionCreditAndShareTags(t *testing.T) {
	r := sitetest.Build(t, fixture(t, "basic.txtar"), site.Options{}).OK(t)
	page := r.File(t, "2023/06/01/fire/index.html")
	for _, want := range []string{
		`<img src="/2023/06/01/fire/smoke.jpg" alt="Smoke over the ridge" fetchpriority="high">`,
		`<figcaption>Smoke on Thursday <small class="credit">Ana Ruiz</small></figcaption>`,
		`<meta property="og:image" content="https://news.example.org/2023/06/01/fire/smoke.jpg">`,
		`<meta name="twitter:card" content="summary_large_image">`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("fire page lacks %s", want)
		}
	}
}

// jsonLD extracts and decodes the NewsArticle block of a page.
func jsonLD(t *testing.T, r *sitetest.Result, name string) map[string]any {
	t.Helper()
	scripts := sitetest.FindAll(r.Doc(t, name), "script", func(n *html.Node) bool {
		return sitetest.Attr(n, "type") == "application/ld+json"
	})
	if len(scripts) != 1 {
		t.Fatalf("%d JSON-LD blocks", len(scripts))
	}
	var v map[string]any
	if err := json.Unmarshal([]byte(scripts[0].FirstChild.Data), &v); err != nil {
		t.Fatalf("JSON-LD is not JSON: %v\n%s", err, scripts[0].FirstChild.Data)
	}
	return v
}

func TestJSONLDDescribesTheNewsArticle(t *testing.T) {
	r := sitetest.Build(t, fixture(t, "basic.txtar"), site.Options{}).OK(t)
	v := jsonLD(t, r, "2024/03/05/water-vote/index.html")
	if v["@type"] != "NewsArticle" || v["headline"] != "Water board votes to cut deliveries" ||
		v["datePublished"] != "2024-03-05T14:30:00-07:00" || v["dateModified"] != "2024-03-06T09:00:00-07:00" {
		t.Errorf("JSON-LD = %v", v)
	}
	authors, _ := v["author"].([]any)
	if len(authors) != 3 || authors[0].(map[string]any)["url"] != "https://news.example.org/authors/ana-ruiz/" {
		t.Errorf("author = %v", v["author"])
	}
	if pub, _ := v["publisher"].(map[string]any); pub["name"] != "The Test Ledger" {
		t.Errorf("publisher = %v", v["publisher"])
	}
	if c, _ := v["correction"].([]any); len(c) != 1 {
		t.Errorf("correction = %v", v["correction"])
	}
	fire := jsonLD(t, r, "2023/06/01/fire/index.html")
	if img, _ := fire["image"].([]any); len(img) != 1 || img[0] != "https://news.example.org/2023/06/01/fire/smoke.jpg" {
		t.Errorf("image = %v", fire["image"])
	}
}

func TestHostileTitleStaysText(t *testing.T) {
	title := `</script><script>alert(1)</script> "quoted" {{.Site}} & <b>`
	archive := "-- content/a.md --\n---\ntitle: '" + title + "'\ndate: 2024-01-01\ndek: '\" onmouseover=\"x'\n---\nBody.\n"
	r := sitetest.Build(t, archive, site.Options{}).OK(t)
	page := r.File(t, "2024/01/01/a/index.html")
	if strings.Contains(page, "<script>alert") || strings.Contains(page, `" onmouseover="x`) || strings.Contains(page, "<b>") {
		t.Errorf("hostile text reached the page as markup:\n%s", page)
	}
	if v := jsonLD(t, r, "2024/01/01/a/index.html"); v["headline"] != title {
		t.Errorf("headline = %q, want %q", v["headline"], title)
	}
	doc := r.Doc(t, "2024/01/01/a/index.html")
	if h1 := sitetest.FindAll(doc, "h1", nil); sitetest.Text(h1[0]) != title {
		t.Errorf("h1 = %q", sitetest.Text(h1[0]))
	}
}

func TestBaseURLWithSubPathPrefixesLinks(t *testing.T) {
	r := sitetest.Build(t, fixture(t, "basic.txtar"), site.Options{BaseURL: "https://example.org/archive/"}).OK(t)
	page := r.File(t, "2024/03/05/water-vote/index.html")
	for _, want := range []string{
		`href="/archive/css/site.css"`, `href="/archive/topics/water/"`, `href="/archive/authors/ana-ruiz/"`,
		`<link rel="canonical" href="https://example.org/archive/2024/03/05/water-vote/">`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %s", want)
		}
	}
	if strings.Contains(page, `href="/css/`) || strings.Contains(page, `href="/topics/`) {
		t.Error("a link lacks the sub-path")
	}
}

func TestFrontPageListsLatestFirst(t *testing.T) {
	r := sitetest.Build(t, fixture(t, "basic.txtar"), site.Options{}).OK(t)
	doc := r.Doc(t, "index.html")
	var titles []string
	for _, h := range sitetest.FindAll(doc, "h2", nil) {
		titles = append(titles, sitetest.Text(h))
	}
	want := "Water board votes to cut deliveries|Fire near the Organ Mountains"
	if strings.Join(titles, "|") != want {
		t.Errorf("front page = %q, want %q", titles, want)
	}
	if !strings.Contains(r.File(t, "index.html"), "The board voted 4-1 on Tuesday.") {
		t.Error("front page lacks the summary taken from the first paragraph")
	}
}

func TestBuildReportsEveryErrorAndWritesNothing(t *testing.T) {
	archive := `-- content/a.md --
---
title: A
date: 2020-13-45
---
-- content/b.md --
---
date: 2020-01-01
---
-- content/c.md --
---
title: C
date: 2020-01-01
slug: a
---
-- content/d.md --
---
title: D
date: 2020-01-01
slug: a
---
`
	r := sitetest.Build(t, archive, site.Options{})
	if r.Err == nil {
		t.Fatal("build succeeded")
	}
	msg := r.Err.Error()
	for _, want := range []string{"content/a.md:3:7:", "content/b.md:1:1: front matter: missing title",
		"content/d.md:4:7: URL /2020/01/01/a/ is also written by content/c.md"} {
		if !strings.Contains(msg, want) {
			t.Errorf("errors lack %q:\n%s", want, msg)
		}
	}
	if len(r.Files) != 0 {
		t.Errorf("a failed build wrote %d files", len(r.Files))
	}
}

func TestExampleArchiveBuildsByteIdentically(t *testing.T) {
	opts := site.Options{FS: os.DirFS("../.."), Drafts: true, Future: true}
	first := sitetest.BuildFS(t, opts).OK(t)
	second := sitetest.BuildFS(t, opts).OK(t)
	if len(first.Files) < 40 || len(first.Files) != len(second.Files) {
		t.Fatalf("file counts %d and %d", len(first.Files), len(second.Files))
	}
	for name, data := range first.Files {
		if !bytes.Equal(data, second.Files[name]) {
			t.Errorf("%s differs between two builds", name)
		}
	}
}

func TestPagesNeedNoJavaScript(t *testing.T) {
	r := sitetest.BuildFS(t, site.Options{FS: os.DirFS("../..")}).OK(t)
	for name := range r.Files {
		if !strings.HasSuffix(name, ".html") || name == "search/index.html" { // search says so without it
			continue
		}
		for _, s := range sitetest.FindAll(r.Doc(t, name), "script", nil) {
			if sitetest.Attr(s, "type") != "application/ld+json" {
				t.Errorf("%s has a script: %s", name, sitetest.Attr(s, "src"))
			}
		}
	}
}

func TestRawHTMLIsEscapedUnlessUnsafe(t *testing.T) {
	article := "-- content/a.md --\n---\ntitle: A\ndate: 2024-01-01\n---\n<div class=\"box\">raw</div>\n\n[x](javascript:alert(1))\n"
	safe := sitetest.Build(t, article, site.Options{}).OK(t).File(t, "2024/01/01/a/index.html")
	if strings.Contains(safe, `<div class="box">`) || !strings.Contains(safe, `&lt;div class=&#34;box&#34;&gt;raw&lt;/div&gt;`) && !strings.Contains(safe, `&lt;div class=&quot;box&quot;&gt;raw&lt;/div&gt;`) {
		t.Errorf("raw HTML not escaped by default:\n%s", safe)
	}
	unsafe := sitetest.Build(t, "-- dateline.toml --\n[markdown]\nunsafe = true\n"+article, site.Options{}).OK(t).File(t, "2024/01/01/a/index.html")
	if !strings.Contains(unsafe, `<div class="box">raw</div>`) {
		t.Errorf("raw HTML not passed with unsafe = true")
	}
	for _, page := range []string{safe, unsafe} {
		if strings.Contains(page, "javascript:") {
			t.Error("a javascript: link reached the page")
		}
	}
}
