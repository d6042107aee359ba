package content

import (
	"context"
	"errors"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"
	"time"
	"unsafe"

	"dateline/internal/config"
	"dateline/internal/diag"
)

func testConfig(t testing.TB) *config.Config {
	t.Helper()
	cfg, _, err := config.Parse([]byte(`timezone = "America/Denver"`))
	if err != nil {
		t.Fatal(err)
	}
	return cfg
}

func TestSplitFileFindsFrontMatterAndBody(t *testing.T) {
	for name, in := range map[string]string{
		"yaml": "---\ntitle: x\n---\nBody\n",
		"toml": "+++\ntitle = 'x'\n+++\nBody\n",
		"bom":  "\uFEFF---\ntitle: x\n---\nBody\n",
		"crlf": "---\r\ntitle: x\r\n---\r\nBody\r\n",
	} {
		s, err := SplitFile("a.md", []byte(in))
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if !strings.HasPrefix(string(s.Body), "Body") || s.BodyLine != 4 || !strings.Contains(string(s.FrontMatter), "title") {
			t.Errorf("%s: body %q line %d front %q", name, s.Body, s.BodyLine, s.FrontMatter)
		}
	}
}

func TestSplitFileRefusesWhatIsNotAnArticle(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", "a.md:1:1: empty file"},
		{"  \n\n", "a.md:1:1: empty file"},
		{"# Just markdown\n", "a.md:1:1: no front matter"},
		{"---\ntitle: x\n", "a.md:1:1: front matter opened with --- is never closed"},
		{"+++\ntitle = 'x'\n---\n", "a.md:1:1: front matter opened with +++ is never closed"},
		{"---\ntitle: x\n---\nok\nbad \xff here\n", "a.md:5:5: not UTF-8 text"},
		{"\x00\x01PNG", "a.md:1:1: not UTF-8 text"},
	}
	for _, tt := range tests {
		_, err := SplitFile("a.md", []byte(tt.in))
		if err == nil || !strings.HasPrefix(err.Error(), tt.want) {
			t.Errorf("SplitFile(%q) = %v, want %s", tt.in, err, tt.want)
		}
		var d *diag.Error
		if err != nil && (!errors.As(err, &d) || d.Hint == "") {
			t.Errorf("SplitFile(%q): error %v has no hint", tt.in, err)
		}
	}
}

const everyField = `---
title: "Water board votes to cut \"deliveries\""
date: 2024-03-05 14:30
subtitle: Farmers brace for a dry year
author: Ana Ruiz
dateline: LAS CRUCES, N.M.
lastmod: 2024-03-06T09:00:00Z
tags: [Water, Drought]
people: [Gloria Peña Nieto]
places: Las Cruces
organizations: [Elephant Butte Irrigation District]
image:
  src: dam.jpg
  alt: The dam at low water
  caption: The reservoir in March
  credit: Ana Ruiz/The Ledger
slug: water-board-cuts
summary: The board cut deliveries.
draft: false
corrections:
  - date: 2024-03-07
    text: An earlier version misspelled the district.
aliases: [/news/water-cuts, /old/water.html]
source: {name: Wire, url: "https://wire.example.com/a"}
series: Running Dry
---
Body.
`

func TestParseReadsEveryFieldAndAlias(t *testing.T) {
	a, err := Parse(testConfig(t), "content/2024/water.md", []byte(everyField))
	if err != nil {
		t.Fatal(err)
	}
	den, _ := time.LoadLocation("America/Denver")
	checks := []struct {
		name      string
		got, want any
	}{
		{"title", a.Title, `Water board votes to cut "deliveries"`},
		{"date", a.Date.Format(time.RFC3339), time.Date(2024, 3, 5, 14, 30, 0, 0, den).Format(time.RFC3339)},
		{"dek", a.Dek, "Farmers brace for a dry year"},
		{"authors", strings.Join(a.Authors, "|"), "Ana Ruiz"},
		{"dateline", a.Dateline, "LAS CRUCES, N.M."},
		{"updated", a.Updated.Format(time.RFC3339), "2024-03-06T02:00:00-07:00"},
		{"topics", strings.Join(a.Terms[0], "|"), "Water|Drought"},
		{"people", strings.Join(a.Terms[1], "|"), "Gloria Peña Nieto"},
		{"places", strings.Join(a.Terms[2], "|"), "Las Cruces"},
		{"organizations", strings.Join(a.Terms[3], "|"), "Elephant Butte Irrigation District"},
		{"image", *a.Image, Image{"dam.jpg", "The dam at low water", "The reservoir in March", "Ana Ruiz/The Ledger"}},
		{"slug", a.Slug, "water-board-cuts"},
		{"summary", a.Summary, "The board cut deliveries."},
		{"corrections", len(a.Corrections), 1},
		{"correction text", a.Corrections[0].Text, "An earlier version misspelled the district."},
		{"aliases", strings.Join(a.Aliases, "|"), "/news/water-cuts/|/old/water.html"},
		{"source", *a.Source, Source{"Wire", "https://wire.example.com/a"}},
		{"params", a.Params["series"], "Running Dry"},
		{"url", a.URL, "/2024/03/05/water-board-cuts/"},
		{"body line", a.BodyLine, int32(27)},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s = %#v, want %#v", c.name, c.got, c.want)
		}
	}
}

func TestParseReadsTOML(t *testing.T) {
	src := `+++
title = "Council meets"
date = 2021-07-04
description = "A dek"
authors = ["Ana Ruiz", "Ben Ortiz"]
topics = ["City Hall"]
draft = true
updated = 2021-07-05T08:00:00-06:00

[image]
src = "https://cdn.example.org/a.jpg"
alt = "Council"

[[corrections]]
date = 2021-07-06
text = "Fixed a name."
+++
Body.
`
	a, err := Parse(testConfig(t), "content/2021/council.md", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if a.Title != "Council meets" || a.Dek != "A dek" || len(a.Authors) != 2 || !a.Draft ||
		a.Image.Alt != "Council" || len(a.Corrections) != 1 || a.URL != "/2021/07/04/council/" ||
		a.Updated.Hour() != 8 || a.Terms[0][0] != "City Hall" {
		t.Errorf("article = %+v", a)
	}
}

func TestParseDatesUseSiteZoneUnlessGiven(t *testing.T) {
	cfg := testConfig(t)
	for in, want := range map[string]string{
		"2024-01-02":                "2024-01-02T00:00:00-07:00",
		"2024-07-02 09:15":          "2024-07-02T09:15:00-06:00",
		"2024-07-02T09:15:30":       "2024-07-02T09:15:30-06:00",
		"2024-01-02T23:30:00Z":      "2024-01-02T16:30:00-07:00",
		"2024-01-02T10:00:00+01:00": "2024-01-02T02:00:00-07:00",
		// As Hugo and Jekyll archives write them.
		"2013-01-23 19:52:42 +0000":        "2013-01-23T12:52:42-07:00",
		"2015-03-17 14:00:00 -4":           "2015-03-17T12:00:00-06:00",
		"2015-03-17 14:00:00 +10":          "2015-03-16T22:00:00-06:00",
		"2015-03-17 14:00 -05:00":          "2015-03-17T13:00:00-06:00",
		"2019-06-01 08:00:00.123456 -0700": "2019-06-01T09:00:00-06:00",
		"2024-01-02T10:00:00-0500":         "2024-01-02T08:00:00-07:00",
		"2024-01-02 10:00:00Z":             "2024-01-02T03:00:00-07:00",
		"Tue, 02 Jan 2024 10:00:00 +0000":  "2024-01-02T03:00:00-07:00",
		"Tue, 2 Jan 2024 10:00:00 GMT":     "2024-01-02T03:00:00-07:00",
		"2024-01-02 10:00:00 +0000 UTC":    "2024-01-02T03:00:00-07:00",
		"2024-07-02 09:15:30.5":            "2024-07-02T09:15:30-06:00",
	} {
		a, err := Parse(cfg, "content/a.md", []byte("---\ntitle: t\ndate: "+in+"\n---\n"))
		if err != nil {
			t.Errorf("%s: %v", in, err)
			continue
		}
		if got := a.Date.Format(time.RFC3339); got != want {
			t.Errorf("date %s = %s, want %s", in, got, want)
		}
	}
}

func TestParseReportsEachProblemWithLineAndColumn(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"missing title", "---\ndate: 2020-01-01\n---\n", "a.md:1:1: front matter: missing title; hint: add title"},
		{"missing date", "---\ntitle: x\n---\n", "a.md:1:1: front matter: missing date"},
		{"impossible date", "---\ntitle: x\ndate: 2020-13-45\n---\n", `a.md:3:7: date: date "2020-13-45": month out of range; hint: write dates as`},
		{"bad day", "---\ntitle: x\ndate: 2021-02-30\n---\n", `a.md:3:7: date: date "2021-02-30": day out of range`},
		{"not a date", "---\ntitle: x\ndate: yesterday\n---\n", `a.md:3:7: date: date "yesterday"`},
		{"wrong type", "---\ntitle: x\ndate: 2020-01-01\ntopics: 5\n---\n", "a.md:4:9: topics: want a list of names, got the number 5"},
		{"map title", "---\ntitle: {a: 1}\ndate: 2020-01-01\n---\n", "a.md:2:8: title: want text, got a map"},
		{"bad yaml", "---\ntitle: x\ndate: 2020-01-01\nsummary: a: b\n---\n", "a.md:4:1: front matter: mapping values are not allowed"},
		{"bad toml", "+++\ntitle = \"x\"\ndate = \n+++\n", "a.md:3:"},
		{"typo", "---\ntitel: x\ndate: 2020-01-01\n---\n", `a.md:2:1: missing title: "titel" looks like a typo of it; hint: rename "titel" to title`},
		{"draft", "---\ntitle: x\ndate: 2020-01-01\ndraft: yes\n---\n", `a.md:4:8: draft: want true or false, got the text "yes"`},
		{"slug", "---\ntitle: x\ndate: 2020-01-01\nslug: ../../etc\n---\n", `a.md:4:7: slug "../../etc": use only a-z, 0-9 and single hyphens; hint: write slug: etc`},
		{"alias escape", "---\ntitle: x\ndate: 2020-01-01\naliases: [/../../x/]\n---\n", `a.md:4:10: aliases: "/../../x/": path leaves the site`},
		{"term", "---\ntitle: x\ndate: 2020-01-01\ntopics: [東京]\n---\n", `a.md:4:9: topics: term "東京" cannot make a URL`},
		{"image", "---\ntitle: x\ndate: 2020-01-01\nimage: javascript:alert(1)\n---\n", "a.md:4:8: image:"},
		{"source", "---\ntitle: x\ndate: 2020-01-01\nsource: {name: W, url: ftp://x}\n---\n", `a.md:4:24: source.url "ftp://x"`},
		{"not a map", "---\n- a\n- b\n---\n", "a.md:2:1: front matter: want fields"},
	}
	for _, tt := range tests {
		_, err := Parse(testConfig(t), "a.md", []byte(tt.in))
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: got %v\nwant %s", tt.name, err, tt.want)
		}
	}
}

func TestParseTakesAFieldSetTwiceFromItsOwnName(t *testing.T) {
	same := "---\ntitle: x\ndate: 2020-01-01\nauthor: Zara Novak\nauthors: [Zara Novak, Ana Ruiz]\n---\n"
	a, err := Parse(testConfig(t), "a.md", []byte(same))
	if err != nil || len(a.Authors) != 2 {
		t.Errorf("author and authors agreeing: %v %v", a, err)
	}
	other := "---\ntitle: x\ndate: 2020-01-01\nauthor: Someone Else\nauthors: [Zara Novak]\n---\n"
	if _, err := Parse(testConfig(t), "a.md", []byte(other)); err == nil || !strings.Contains(err.Error(), "author is ignored") {
		t.Errorf("author naming someone authors does not: %v", err)
	}
	differ := "---\ntitle: x\ndate: 2020-01-01\nsubtitle: b\ndek: a\n---\n"
	a, err = Parse(testConfig(t), "a.md", []byte(differ))
	errs, warns := diag.Split(err)
	if a == nil || a.Dek != "a" || len(errs) != 0 || len(warns) != 1 ||
		!strings.Contains(warns[0].Error(), "a.md:4:1: warning: subtitle is ignored: dek on line 5 sets dek") {
		t.Errorf("dek and subtitle differing: %v %v", a, err)
	}
}

func TestParseWarnsOfTypoButKeepsArticle(t *testing.T) {
	a, err := Parse(testConfig(t), "a.md", []byte("---\ntitle: x\ndate: 2020-01-01\ntopcs: [Water]\n---\n"))
	if a == nil {
		t.Fatalf("article dropped: %v", err)
	}
	errs, warns := diag.Split(err)
	if len(errs) != 0 || len(warns) != 1 || !strings.Contains(warns[0].Error(), `a.md:4:1: warning: unknown field "topcs"; hint: did you mean "topics"?`) {
		t.Errorf("errs %v warns %v", errs, warns)
	}
}

func siteFS(files map[string]string) fstest.MapFS {
	m := fstest.MapFS{}
	for k, v := range files {
		m[k] = &fstest.MapFile{Data: []byte(v)}
	}
	return m
}

func TestLoadReportsEveryBadArticleAtOnce(t *testing.T) {
	fsys := siteFS(map[string]string{
		"content/a.md":         "---\ntitle: A\ndate: 2020-01-01\n---\n",
		"content/b.md":         "---\ndate: 2020-01-01\n---\n",
		"content/2019/c.md":    "no front matter",
		"content/2019/d.md":    "---\ntitle: D\ndate: 2020-02-31\n---\n",
		"content/e/index.md":   "---\ntitle: E\ndate: 2020-01-01\nimage: missing.png\n---\n",
		"content/_drafts/x.md": "broken but ignored",
	})
	_, err := Load(context.Background(), testConfig(t), fsys, Options{Now: time.Now()})
	all := diag.Flatten(err)
	if len(all) != 4 {
		t.Fatalf("got %d errors, want 4:\n%v", len(all), err)
	}
	want := []string{"content/2019/c.md:1:1", "content/2019/d.md:3:7", "content/b.md:1:1", "content/e/index.md:4:8"}
	for i, w := range want {
		if !strings.HasPrefix(all[i].Error(), w) {
			t.Errorf("error %d = %v, want prefix %s", i, all[i], w)
		}
	}
}

func TestLoadSkipsDraftsAndEmbargoedUnlessAsked(t *testing.T) {
	fsys := siteFS(map[string]string{
		"content/a.md": "---\ntitle: A\ndate: 2020-01-01\n---\n",
		"content/b.md": "---\ntitle: B\ndate: 2020-01-01\ndraft: true\n---\n",
		"content/c.md": "---\ntitle: C\ndate: 2031-01-01\n---\n",
	})
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	s, err := Load(context.Background(), testConfig(t), fsys, Options{Now: now})
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Articles) != 1 || s.Skipped.Drafts != 1 || s.Skipped.Future != 1 {
		t.Errorf("articles %d skipped %+v", len(s.Articles), s.Skipped)
	}
	s, _ = Load(context.Background(), testConfig(t), fsys, Options{Now: now, Drafts: true, Future: true})
	if len(s.Articles) != 3 {
		t.Errorf("with --drafts --future: %d articles", len(s.Articles))
	}
}

func TestLoadIgnoresHiddenAndEditorFiles(t *testing.T) {
	ok := "---\ntitle: A\ndate: 2020-01-01\n---\n"
	fsys := siteFS(map[string]string{
		"content/a.md": ok, "content/.a.md.swp": "x", "content/a.md~": "x", "content/#a.md#": "x",
		"content/_notes/n.md": "x", "content/.git/x.md": "x", "content/_b.md": "x",
	})
	s, err := Load(context.Background(), testConfig(t), fsys, Options{Now: time.Now()})
	if err != nil || len(s.Articles) != 1 || len(s.files) != 0 {
		t.Fatalf("err %v articles %d files %v", err, len(s.Articles), s.files)
	}
}

func TestResourcesBelongToTheirArticleFolder(t *testing.T) {
	ok := "---\ntitle: A\ndate: 2020-01-01\n---\n"
	fsys := siteFS(map[string]string{
		"content/b/index.md": ok, "content/b/photo.jpg": "x", "content/b/img/chart.png": "x",
		"content/b/sub/index.md": ok, "content/b/sub/own.png": "x",
		"content/2020/loose.md": ok, "content/2020/map.png": "x", "content/secret.txt": "x",
	})
	s, err := Load(context.Background(), testConfig(t), fsys, Options{Now: time.Now()})
	if err != nil {
		t.Fatal(err)
	}
	byPath := map[string]*Article{}
	for _, a := range s.Articles {
		byPath[a.Path] = a
	}
	bundle := byPath["content/b/index.md"]
	if got := strings.Join(s.BundleFiles(bundle), " "); got != "content/b/img/chart.png content/b/photo.jpg" {
		t.Errorf("bundle files = %s", got)
	}
	loose := byPath["content/2020/loose.md"]
	if p, ok := s.Resource(loose, "map.png#x"); !ok || p != "content/2020/map.png" {
		t.Errorf("Resource(map.png) = %q %v", p, ok)
	}
	for _, ref := range []string{"../secret.txt", "/content/secret.txt", "..\\secret.txt", "missing.png"} {
		if p, ok := s.Resource(loose, ref); ok {
			t.Errorf("Resource(%q) = %q, want none", ref, p)
		}
	}
}

func FuzzSplitFile(f *testing.F) {
	for _, s := range []string{everyField, "+++\na = 1\n+++\n", "---\n---\n", "", "\uFEFF---\r\n---\r\n", "---\n\xff"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := SplitFile("a.md", data)
		if err != nil {
			var d *diag.Error
			if !errors.As(err, &d) || d.Line < 1 {
				t.Fatalf("error without a line: %v", err)
			}
			return
		}
		if s.BodyOffset > len(data) || string(data[s.BodyOffset:]) != string(s.Body) {
			t.Fatalf("body offset %d does not locate the body", s.BodyOffset)
		}
	})
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{everyField, "+++\ntitle = 'x'\ndate = 2020-01-01\n[image]\nsrc = 'a.png'\n+++\n",
		"---\ntitle: x\ndate: 2020-13-45\ntopics: 5\n---\n", "---\n*a: &a [x]\n---\n"} {
		f.Add([]byte(s))
	}
	cfg := testConfig(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		a, err := Parse(cfg, "content/a.md", data)
		errs, _ := diag.Split(err)
		for _, e := range errs {
			var d *diag.Error
			if !errors.As(e, &d) || d.Path != "content/a.md" || d.Line < 1 {
				t.Fatalf("error does not name the file and line: %v", e)
			}
		}
		if (a == nil) == (len(errs) == 0) {
			t.Fatalf("article %v with errors %v", a, errs)
		}
		if a != nil && (a.Title == "" || a.Date.IsZero() || !strings.HasPrefix(a.URL, "/")) {
			t.Fatalf("accepted an incomplete article: %+v", a)
		}
	})
}

// Go's zero time, the first instant of year 1 in UTC, means "no date" to the rest of
// dateline, so it is refused as a date rather than taken for none.
func TestParseRefusesTheZeroDate(t *testing.T) {
	_, err := Parse(config.Default(), "a.md", []byte("---\ntitle: x\ndate: 0001-01-01\n---\n"))
	if err == nil || !strings.Contains(err.Error(), `a.md:3:7: date: date "0001-01-01": year out of range`) {
		t.Errorf("got %v", err)
	}
}

// TestArticlesWithoutRareFieldsShareNoExtra parses articles that set rare fields to
// nothing (draft: false, an empty dateline) or to something: only the latter get an
// Extra of their own, which costs a million-article archive 140 MB.
func TestArticlesWithoutRareFieldsShareNoExtra(t *testing.T) {
	for _, tt := range []struct {
		front string
		own   bool
	}{
		{"draft: false\ndateline: \"\"\nsummary: \"\"\naliases: []\ncorrections: []", false},
		{"draft: true", true},
		{"dateline: LAS CRUCES, N.M.", true},
		{"updated: 2024-03-06", true},
	} {
		a, err := Parse(config.Default(), "content/x.md", []byte("---\ntitle: X\ndate: 2024-03-05\n"+tt.front+"\n---\nBody.\n"))
		if err != nil {
			t.Fatalf("%q: %v", tt.front, err)
		}
		if own := a.Extra != NoExtra; own != tt.own {
			t.Errorf("%q: an Extra of its own = %v, want %v", tt.front, own, tt.own)
		}
	}
	if !reflect.DeepEqual(*NoExtra, Extra{}) {
		t.Errorf("NoExtra was changed: %+v", *NoExtra)
	}
}

// TestURLPagePathAndSlugAreOneString checks that an article keeps its URL, page path and
// slug in one string: a million-article archive would otherwise hold three.
func TestURLPagePathAndSlugAreOneString(t *testing.T) {
	a, err := Parse(config.Default(), "content/2024/x.md", []byte("---\ntitle: X\ndate: 2024-03-05\nslug: water-board\n---\nBody.\n"))
	if err != nil {
		t.Fatal(err)
	}
	if a.Page != "/2024/03/05/water-board/index.html" || a.URL != "/2024/03/05/water-board/" || a.Slug != "water-board" {
		t.Fatalf("page %q, URL %q, slug %q", a.Page, a.URL, a.Slug)
	}
	within := func(s string) bool {
		start := uintptr(unsafe.Pointer(unsafe.StringData(a.Page)))
		p := uintptr(unsafe.Pointer(unsafe.StringData(s)))
		return p >= start && p+uintptr(len(s)) <= start+uintptr(len(a.Page))
	}
	if !within(a.URL) || !within(a.Slug) {
		t.Error("the URL or the slug is a string of its own, not part of the page path")
	}
}

// Jekyll's post names give the date when the front matter has none, and never the slug.
func TestJekyllFileNamesGiveTheDateAndNotTheSlug(t *testing.T) {
	cfg := testConfig(t)
	for _, c := range []struct{ path, front, date, slug string }{
		{"content/_posts/2019-01-30-ruby-2-6-1-released.md", "title: t", "2019-01-30T00:00:00-07:00", "ruby-2-6-1-released"},
		{"content/2019-01-30-ruby-released/index.md", "title: t", "2019-01-30T00:00:00-07:00", "ruby-released"},
		{"content/2019-01-30-later.md", "title: t\ndate: 2019-02-01 10:00", "2019-02-01T10:00:00-07:00", "later"},
		{"content/2019-01-30.md", "title: t\ndate: 2019-02-01", "2019-02-01T00:00:00-07:00", "2019-01-30"},
		{"content/2019-13-30-not-a-date.md", "title: t\ndate: 2019-02-01", "2019-02-01T00:00:00-07:00", "2019-13-30-not-a-date"},
	} {
		a, err := Parse(cfg, c.path, []byte("---\n"+c.front+"\n---\nBody.\n"))
		if err != nil {
			t.Errorf("%s: %v", c.path, err)
			continue
		}
		if got := a.Date.Format(time.RFC3339); got != c.date || a.Slug != c.slug {
			t.Errorf("%s: date %s, slug %q; want %s, %q", c.path, got, a.Slug, c.date, c.slug)
		}
	}
}
