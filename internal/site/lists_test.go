package site_test

import (
	"encoding/xml"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"

	"dateline/internal/progress"
	"dateline/internal/site"
	"dateline/internal/sitetest"
)

// newsroom is a site of n articles, one a day from 2023-12-20, alternating authors;
// every third is on Water and every article on "Topic N%4".
func newsroom(n int, extra string) string {
	var b strings.Builder
	b.WriteString("-- dateline.toml --\ntitle = \"Ledger\"\nbaseURL = \"https://news.example.org/\"\npaginate = 3\n")
	start := time.Date(2023, 12, 20, 9, 0, 0, 0, time.UTC)
	for i := range n {
		topics := fmt.Sprintf("Topic %d", i%4)
		if i%3 == 0 {
			topics += ", Water"
		}
		author := []string{"Ana Ruiz", "Ben Ortiz"}[i%2]
		fmt.Fprintf(&b, "-- content/a%02d.md --\n---\ntitle: Story %02d\ndate: %s\nauthors: [%s]\ntopics: [%s]\n---\nBody of story %02d.\n",
			i, i, start.AddDate(0, 0, i).Format("2006-01-02 15:04"), author, topics, i)
	}
	return b.String() + extra
}

// titles returns the card headlines of a listing page, in order.
func titles(t *testing.T, r *sitetest.Result, name string) []string {
	t.Helper()
	var out []string
	for _, h := range sitetest.FindAll(r.Doc(t, name), "h2", func(n *html.Node) bool { return sitetest.Attr(n, "class") == "card-title" }) {
		out = append(out, sitetest.Text(h))
	}
	return out
}

func TestEveryPageTypeIsWritten(t *testing.T) {
	now := time.Date(2024, 1, 8, 12, 0, 0, 0, time.UTC) // the last story is three hours old: the news sitemap has it
	r := sitetest.Build(t, newsroom(20, ""), site.Options{Now: now}).OK(t)
	for _, name := range []string{
		"index.html", "page/2/index.html", "page/7/index.html",
		"archive/index.html", "2024/index.html", "2024/page/2/index.html", "2023/12/index.html", "2024/01/index.html",
		"topics/index.html", "topics/water/index.html", "topics/water/page/2/index.html", "topics/topic-0/index.html",
		"people/index.html", "places/index.html", "organizations/index.html",
		"authors/index.html", "authors/ana-ruiz/index.html", "authors/ana-ruiz/page/4/index.html",
		"feed.xml", "feed.json", "topics/water/feed.xml", "authors/ben-ortiz/feed.xml",
		"sitemap.xml", "news-sitemap.xml", "robots.txt", "404.html",
	} {
		r.File(t, name)
	}
}

func TestListsAreNewestFirstAndPaged(t *testing.T) {
	r := sitetest.Build(t, newsroom(20, ""), site.Options{}).OK(t)
	if got := titles(t, r, "index.html"); strings.Join(got, ",") != "Story 19,Story 18,Story 17" {
		t.Errorf("front page = %v", got)
	}
	if got := titles(t, r, "page/7/index.html"); strings.Join(got, ",") != "Story 01,Story 00" {
		t.Errorf("last page = %v", got)
	}
	if _, ok := r.Files["page/8/index.html"]; ok {
		t.Error("a page past the end exists")
	}
	if _, ok := r.Files["page/1/index.html"]; ok {
		t.Error("page 1 exists twice")
	}
	if got := titles(t, r, "topics/water/index.html"); strings.Join(got, ",") != "Story 18,Story 15,Story 12" {
		t.Errorf("water = %v", got)
	}
	page := r.File(t, "page/2/index.html")
	for _, want := range []string{`<a href="/" rel="prev">Newer</a>`, `<a href="/page/3/" rel="next">Older</a>`, `aria-current="page"`} {
		if !strings.Contains(page, want) {
			t.Errorf("page 2 lacks %s", want)
		}
	}
	first := r.File(t, "index.html")
	if strings.Contains(first, `rel="prev"`) || !strings.Contains(first, `<a href="/page/2/" rel="next">`) {
		t.Error("front page pager wrong")
	}
	if last := r.File(t, "page/7/index.html"); strings.Contains(last, `rel="next"`) {
		t.Error("last page links a next page")
	}
}

// TestThemesGetCardsOneByOne lists cards in a theme's own river through Cards, which
// cuts them out of the River the default theme prints whole.
func TestThemesGetCardsOneByOne(t *testing.T) {
	river := "-- templates/partials/river.html --\n<ol>{{range .Cards}}<li>{{.}}</li>{{end}}</ol>\n"
	r := sitetest.Build(t, newsroom(20, river), site.Options{}).OK(t)
	page := r.File(t, "topics/water/index.html")
	items := regexp.MustCompile(`(?s)<li><article class="card.*?</article>\n</li>`).FindAllString(page, -1)
	if len(items) != 3 || !strings.Contains(items[0], "Story 18") || !strings.Contains(items[2], "Story 12") {
		t.Errorf("want three cards, each whole in its own item, newest first:\n%s", page)
	}
}

func TestTiesAreBrokenBySlug(t *testing.T) {
	archive := "-- content/b.md --\n---\ntitle: B\ndate: 2024-01-01\n---\n-- content/a.md --\n---\ntitle: A\ndate: 2024-01-01\n---\n-- content/c.md --\n---\ntitle: C\ndate: 2024-01-01\n---\n"
	r := sitetest.Build(t, archive, site.Options{}).OK(t)
	if got := titles(t, r, "index.html"); strings.Join(got, ",") != "A,B,C" {
		t.Errorf("ties = %v", got)
	}
}

func TestArchiveIndexCountsYearsAndMonths(t *testing.T) {
	r := sitetest.Build(t, newsroom(20, ""), site.Options{}).OK(t)
	doc := r.Doc(t, "archive/index.html")
	var got []string
	for _, li := range sitetest.FindAll(doc, "h2", nil) {
		got = append(got, sitetest.Text(li))
	}
	if strings.Join(got, "|") != "2024 (8)|2023 (12)" {
		t.Errorf("years = %q", got)
	}
	page := r.File(t, "archive/index.html")
	for _, want := range []string{`<a href="/2024/01/">January</a> <span class="count">8</span>`, `<a href="/2023/12/">December</a> <span class="count">12</span>`} {
		if !strings.Contains(page, want) {
			t.Errorf("archive lacks %s", want)
		}
	}
}

func TestTermsMergeSpellingsAndSlugCleanly(t *testing.T) {
	archive := `-- content/a.md --
---
title: A
date: 2024-01-01
people: [Enrique Peña Nieto]
organizations: [ICE]
---
-- content/b.md --
---
title: B
date: 2024-01-02
organizations: [Ice]
---
-- content/c.md --
---
title: C
date: 2024-01-03
organizations: [ICE]
---
`
	r := sitetest.Build(t, archive, site.Options{}).OK(t)
	r.File(t, "people/enrique-pena-nieto/index.html")
	if got := titles(t, r, "organizations/ice/index.html"); strings.Join(got, ",") != "C,B,A" {
		t.Errorf("ice = %v", got)
	}
	if b := r.File(t, "2024/01/02/b/index.html"); !strings.Contains(b, `rel="tag">ICE</a>`) {
		t.Error("article B does not show the term under its most frequent spelling")
	}
	if ix := r.File(t, "organizations/index.html"); strings.Count(ix, `href="/organizations/ice/"`) != 1 {
		t.Error("the organizations index lists ICE more than once")
	}
}

func TestArticleLinksRelatedAndNeighbours(t *testing.T) {
	r := sitetest.Build(t, newsroom(20, ""), site.Options{}).OK(t)
	page := r.File(t, "2023/12/29/a09/index.html")
	for _, want := range []string{
		`<a href="/2023/12/28/a08/" rel="prev">Story 08</a>`,
		`<a href="/2023/12/30/a10/" rel="next">Story 10</a>`,
		`Related coverage`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("story 09 lacks %s", want)
		}
	}
	doc := r.Doc(t, "2023/12/29/a09/index.html")
	sections := sitetest.FindAll(doc, "section", func(n *html.Node) bool { return sitetest.Attr(n, "class") == "related" })
	links := sitetest.FindAll(sections[0], "a", nil)
	var got []string
	for _, a := range links {
		got = append(got, sitetest.Text(a))
	}
	// Story 09 has Topic 1 and Water: Story 15, 18 share Water only...; shared by two terms: none
	// but 09 itself, so the most recent sharing one term come first.
	if len(got) != 5 || got[0] != "Story 18" {
		t.Errorf("related = %v", got)
	}
}

func TestCustomTaxonomyGetsPagesAndFeeds(t *testing.T) {
	archive := "-- dateline.toml --\n[[taxonomies]]\nname = \"series\"\n-- content/a.md --\n---\ntitle: A\ndate: 2024-01-01\nseries: [Running Dry]\n---\n"
	r := sitetest.Build(t, archive, site.Options{}).OK(t)
	r.File(t, "series/index.html")
	r.File(t, "series/running-dry/feed.xml")
	if !strings.Contains(r.File(t, "2024/01/01/a/index.html"), `<a href="/series/running-dry/" rel="tag">Running Dry</a>`) {
		t.Error("article does not link its series")
	}
}

func TestAliasPageRedirectsToTheArticle(t *testing.T) {
	archive := "-- content/a.md --\n---\ntitle: Water \"cuts\"\ndate: 2024-01-01\naliases: [/news/old-url/, /old.html]\n---\n"
	r := sitetest.Build(t, archive, site.Options{}).OK(t)
	for _, name := range []string{"news/old-url/index.html", "old.html"} {
		page := r.File(t, name)
		for _, want := range []string{
			`<meta http-equiv="refresh" content="0; url=https://news.example.org/2024/01/01/a/">`,
			`<link rel="canonical" href="https://news.example.org/2024/01/01/a/">`,
			`<a href="https://news.example.org/2024/01/01/a/">Water &#34;cuts&#34;</a>`,
		} {
			if !strings.Contains(strings.ReplaceAll(page, "http://localhost", "https://news.example.org"), want) {
				t.Errorf("%s lacks %s:\n%s", name, want, page)
			}
		}
	}
}

func TestTwoSourcesOfOneURLAreAnErrorNamingBoth(t *testing.T) {
	archive := `-- content/a.md --
---
title: A
date: 2024-01-01
aliases: [/topics/water/]
topics: [Water]
---
-- content/b.md --
---
title: B
date: 2024-01-01
slug: a
---
-- static/feed.xml --
mine
`
	r := sitetest.Build(t, archive, site.Options{})
	if r.Err == nil {
		t.Fatal("no error")
	}
	for _, want := range []string{
		"content/b.md:4:7: URL /2024/01/01/a/ is also written by content/a.md",
		"content/a.md:4:10: URL /topics/water/ is also written by the page Topics: Water",
		"static/feed.xml: URL /feed.xml is also written by the feed",
	} {
		if !strings.Contains(r.Err.Error(), want) {
			t.Errorf("error lacks %q:\n%v", want, r.Err)
		}
	}
}

func TestNotFoundPageWorksAtAnyDepth(t *testing.T) {
	r := sitetest.Build(t, newsroom(2, ""), site.Options{BaseURL: "https://example.org/archive/"}).OK(t)
	page := r.File(t, "404.html")
	if !strings.Contains(page, `href="/archive/css/site.css"`) || strings.Contains(page, `href="css/`) {
		t.Error("404 page links are not rooted, so they break away from the root")
	}
}

func TestEveryPageLinksItsFeeds(t *testing.T) {
	r := sitetest.Build(t, newsroom(6, ""), site.Options{}).OK(t)
	for name := range r.Files {
		if !strings.HasSuffix(name, ".html") || name == "404.html" {
			continue
		}
		if strings.Count(string(r.Files[name]), `<link rel="alternate"`) < 2 {
			t.Errorf("%s does not link the site feeds", name)
		}
	}
	if !strings.Contains(r.File(t, "topics/water/index.html"), `<link rel="alternate" type="application/atom+xml" title="Water | Ledger" href="/topics/water/feed.xml">`) {
		t.Error("the Water page does not link its feed")
	}
	if !slices.Contains(strings.Split(r.File(t, "robots.txt"), "\n"), "Sitemap: https://news.example.org/sitemap.xml") {
		t.Error("robots.txt does not name the sitemap")
	}
}

func TestSitemapListsEveryPageWithItsLastChange(t *testing.T) {
	r := sitetest.Build(t, newsroom(20, ""), site.Options{}).OK(t)
	var sm struct {
		URLs []struct {
			Loc     string `xml:"loc"`
			LastMod string `xml:"lastmod"`
		} `xml:"url"`
	}
	if err := xml.Unmarshal(r.Files["sitemap.xml"], &sm); err != nil {
		t.Fatal(err)
	}
	listed := map[string]string{}
	for _, u := range sm.URLs {
		listed[u.Loc] = u.LastMod
	}
	for name := range r.Files {
		if !strings.HasSuffix(name, "index.html") || name == "search/index.html" { // a search page is not for crawlers
			continue
		}
		loc := "https://news.example.org/" + strings.TrimSuffix(name, "index.html")
		lm, ok := listed[loc]
		empty := strings.Contains(string(r.Files[name]), "Nothing here yet") // no article, no last change
		if !ok || (lm == "") != empty {
			t.Errorf("sitemap lacks %s (lastmod %q)", loc, lm)
		}
	}
	if len(listed) != len(sm.URLs) {
		t.Error("sitemap lists a page twice")
	}
	if got := listed["https://news.example.org/2023/12/"]; got != "2023-12-31T09:00:00Z" {
		t.Errorf("December's lastmod = %s, want its newest article's", got)
	}
}

func TestNewsSitemapHoldsTheLastTwoDays(t *testing.T) {
	now := time.Date(2024, 1, 8, 12, 0, 0, 0, time.UTC) // stories run one a day to Jan 8, 09:00
	r := sitetest.Build(t, newsroom(20, ""), site.Options{Now: now, Future: true}).OK(t)
	news := r.File(t, "news-sitemap.xml")
	if n := strings.Count(news, "<url>"); n != 2 {
		t.Errorf("news sitemap has %d articles, want the 2 of the last 48 hours:\n%s", n, news)
	}
	if !strings.Contains(news, "<news:title>Story 19</news:title>") || strings.Contains(news, "Story 17") {
		t.Errorf("news sitemap holds the wrong articles:\n%s", news)
	}
	if robots := r.File(t, "robots.txt"); !strings.Contains(robots, "Sitemap: https://news.example.org/news-sitemap.xml\n") {
		t.Errorf("robots.txt does not name the news sitemap:\n%s", robots)
	}
	validateXML(t, r)
}

// With every article older than two days there is no news sitemap, which could only be an
// empty <urlset> that the schema refuses, and robots.txt names only the sitemap; every XML
// file the site has is valid.
func TestAnAllOldSiteWritesOnlyValidXML(t *testing.T) {
	r := sitetest.Build(t, newsroom(20, ""), site.Options{}).OK(t)
	if _, ok := r.Files["news-sitemap.xml"]; ok {
		t.Error("a site with no article in the last two days wrote a news sitemap")
	}
	if robots := r.File(t, "robots.txt"); strings.Contains(robots, "news-sitemap") {
		t.Errorf("robots.txt names a news sitemap that is not there:\n%s", robots)
	}
	if n := validateXML(t, r); n < 5 {
		t.Errorf("only %d XML files validated", n)
	}
	// The schema does refuse the empty urlset dateline used to write.
	empty := filepath.Join(t.TempDir(), "empty.xml")
	os.WriteFile(empty, []byte(`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"></urlset>`), 0o644)
	if _, err := sitetest.Validate(t, sitetest.Sitemap, empty); err == nil {
		t.Error("the sitemap schema accepted an empty urlset")
	}
}

// validateXML validates every .xml file of a build against its schema, chosen by its root
// element, and returns how many there were. Any other root element fails.
func validateXML(t *testing.T, r *sitetest.Result) int {
	t.Helper()
	dir := t.TempDir()
	byRoot := map[sitetest.Schema][]string{}
	for name, data := range r.Files {
		if !strings.HasSuffix(name, ".xml") {
			continue
		}
		var root struct{ XMLName xml.Name }
		if err := xml.Unmarshal(data, &root); err != nil {
			t.Errorf("%s: not XML: %v", name, err)
			continue
		}
		schema := map[string]sitetest.Schema{"feed": sitetest.Atom, "urlset": sitetest.Sitemap, "sitemapindex": sitetest.Sitemap}[root.XMLName.Local]
		if schema == "" {
			t.Errorf("%s: no schema for <%s>", name, root.XMLName.Local)
			continue
		}
		p := filepath.Join(dir, strings.ReplaceAll(name, "/", "_"))
		os.WriteFile(p, data, 0o644)
		byRoot[schema] = append(byRoot[schema], p)
	}
	n := 0
	for schema, files := range byRoot {
		if out, err := sitetest.Validate(t, schema, files...); err != nil {
			t.Errorf("%s: %v\n%s", schema, err, out)
		}
		n += len(files)
	}
	return n
}

// Every page of the front page is described for search engines: by dateline.toml's
// description, or by a default naming the site.
func TestFrontPageHasAMetaDescription(t *testing.T) {
	description := func(r *sitetest.Result, name string) string {
		metas := sitetest.FindAll(r.Doc(t, name), "meta", func(n *html.Node) bool { return sitetest.Attr(n, "name") == "description" })
		if len(metas) != 1 {
			t.Fatalf("%s has %d meta descriptions", name, len(metas))
		}
		return sitetest.Attr(metas[0], "content")
	}
	r := sitetest.Build(t, newsroom(5, ""), site.Options{}).OK(t)
	if got := description(r, "index.html"); !strings.Contains(got, "Ledger") {
		t.Errorf("default description %q does not name the site", got)
	}
	own := "-- dateline.toml --\ntitle = \"Ledger\"\nbaseURL = \"https://news.example.org/\"\npaginate = 3\ndescription = \"Water & land, since 1901.\"\n"
	r = sitetest.Build(t, newsroom(5, own), site.Options{}).OK(t)
	for _, page := range []string{"index.html", "page/2/index.html"} {
		if got := description(r, page); got != "Water & land, since 1901." {
			t.Errorf("%s: description %q, want dateline.toml's", page, got)
		}
	}
}

// A build tells its meter each stage and counts every step of it.
func TestBuildCountsItsStagesOnTheMeter(t *testing.T) {
	m := new(progress.Meter)
	sitetest.Build(t, newsroom(12, ""), site.Options{Progress: m}).OK(t)
	if r := m.Read(); r.Stage != "writing lists, feeds and sitemaps" || r.Total < 12 || r.Done != r.Total {
		t.Errorf("after a build the meter reads %+v", r)
	}
}
